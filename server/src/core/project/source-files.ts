/**
 * The files a project reads: editors' unsaved text (overlays) over the disk, each Terraform file parsed once per text
 * with its own incremental parser, and the Terraform files of each folder. Nothing here analyses anything.
 */
import { HEAD_BYTES, refuseReason } from '../refuse';
import type { BasedEdit, TextEdit } from '../parse/text-diff';
import type { ParsedDocument } from '../model/types';
import { TerraformParser } from '../parse/terraform-incremental';
import { parseTerraformJson } from '../parse/terraform-json';
import { basename, dirname } from './paths';
import type { ProjectFs } from './project-fs';
import { isTfvarsName, parseTfvars, type TfvarsFile } from './tfvars';

/** `.tf` and `.tf.json`: the files of a module. */
export function isTerraformConfigName(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.tf') || n.endsWith('.tf.json');
}

interface Entry {
  /** The editor's text, when the file is open. */
  overlay?: string;
  /** The disk's text as last read (undefined: not read yet; null: unreadable). */
  disk?: string | null;
  parser?: TerraformParser;
  parsed?: { readonly text: string; readonly doc: ParsedDocument };
  tfvars?: { readonly text: string; readonly file: TfvarsFile };
  /** The generation of the file's last change (overlay set or removed, disk invalidated): see {@link SourceFiles.stamp}. */
  changedAt: number;
  /** How the editor's previous text became the current one, when the editor said (see {@link SourceFiles.lastEdit}). */
  told?: OverlayEdit;
  /** The last binary/size check of the editor's text, at its stamp (strings are not compared: that reads them). */
  refusal?: { readonly stamp: number; readonly reason: string | undefined };
}

/** An editor's change of an open file: `edit` turned its text at stamp `fromStamp` into the current one. */
export interface OverlayEdit {
  readonly edit: BasedEdit;
  readonly fromStamp: number;
}

export class SourceFiles {
  private readonly entries = new Map<string, Entry>();
  private readonly listings = new Map<string, readonly string[]>();
  /** Bumped by every change: analyses made at an older generation are stale. */
  generation = 0;
  /** The generation of the last {@link invalidateAll}: every file may have changed then. */
  private allChangedAt = 0;

  /** `onClose`: an editor closed a file (its overlay removed), called after the change (the project releases state). */
  constructor(
    private readonly fs: ProjectFs,
    private readonly maxBytes: number,
    private readonly onClose?: (path: string) => void,
  ) {}

  private entry(path: string): Entry {
    let e = this.entries.get(path);
    if (!e) this.entries.set(path, (e = { changedAt: this.generation }));
    return e;
  }

  /**
   * An editor's text for a file (undefined: the editor closed it; the disk's text applies again). `edit`: how the
   * editor's previous text became this one, when known: the file is then re-parsed without reading the new text.
   */
  setOverlay(path: string, text: string | undefined, edit?: TextEdit): void {
    const e = this.entry(path);
    if (e.overlay === text) return;
    const added = e.overlay === undefined && text !== undefined;
    const closed = e.overlay !== undefined && text === undefined;
    // Reset with every text set: `told` always describes the current one.
    e.told = edit && e.overlay !== undefined && text !== undefined ? { edit: { base: e.overlay, ...edit }, fromStamp: this.stamp(path) } : undefined;
    e.overlay = text;
    if (added) this.listings.delete(dirname(path));
    e.changedAt = ++this.generation;
    if (closed) this.onClose?.(path);
  }

  /** The disk changed (created, changed or deleted): read it again when needed. */
  invalidate(path: string): void {
    const e = this.entries.get(path);
    this.listings.delete(dirname(path));
    this.generation++;
    if (e) {
      e.disk = undefined;
      e.changedAt = this.generation;
    }
  }

  /** Forget everything read from disk (a configuration or workspace change). */
  invalidateAll(): void {
    for (const e of this.entries.values()) e.disk = undefined;
    this.listings.clear();
    this.allChangedAt = ++this.generation;
  }

  /**
   * A number that changes whenever the file's text may have (an editor's text set or removed, the disk's invalidated),
   * without reading it: what was computed from the text at an equal stamp still holds, after {@link release} too.
   */
  stamp(path: string): number {
    return Math.max(this.entries.get(path)?.changedAt ?? 0, this.allChangedAt);
  }

  /**
   * Forget what is kept for a file no editor has open: its disk text, its parse (and the parser's state), its tfvars.
   * They are read and parsed again when needed; nothing is lost but the time. An open file keeps everything.
   */
  release(path: string): void {
    const e = this.entries.get(path);
    if (!e || e.overlay !== undefined) return;
    e.disk = undefined;
    e.parser = undefined;
    e.parsed = undefined;
    e.tfvars = undefined;
  }

  /** Whether something is kept for a file (a text read from disk, a parse, an editor's text). */
  isHeld(path: string): boolean {
    const e = this.entries.get(path);
    return !!e && (e.overlay !== undefined || typeof e.disk === 'string' || e.parser !== undefined || e.parsed !== undefined || e.tfvars !== undefined);
  }

  /** Paths for which something is kept (see {@link isHeld}). */
  heldPaths(): string[] {
    return [...this.entries.keys()].filter((p) => this.isHeld(p));
  }

  isOpen(path: string): boolean {
    return this.entries.get(path)?.overlay !== undefined;
  }

  /** The current text: the editor's, else the disk's (undefined when neither can be read). */
  text(path: string): string | undefined {
    const e = this.entry(path);
    if (e.overlay !== undefined) return e.overlay;
    if (e.disk === undefined) {
      const t = this.fs.readFile(path);
      e.disk = t === undefined || refuseReason(t, this.maxBytes) !== undefined ? null : t;
    }
    return e.disk ?? undefined;
  }

  /** Why a file's current text is not analysed (too large, binary), else undefined. Disk texts are checked when read. */
  refused(path: string): string | undefined {
    const e = this.entries.get(path);
    const o = e?.overlay;
    if (!e || o === undefined) return undefined;
    const stamp = this.stamp(path);
    if (e.refusal?.stamp === stamp) return e.refusal.reason;
    // After an edit past the head of a text that passed, only the size can have changed (the head is not read again).
    const t = e.told;
    const headChecked = t !== undefined && e.refusal?.stamp === t.fromStamp && e.refusal.reason === undefined && t.edit.start >= HEAD_BYTES;
    const reason = refuseReason(o, this.maxBytes, headChecked);
    e.refusal = { stamp, reason };
    return reason;
  }

  /** The editor's change that made the file's current text, when it said (see {@link setOverlay}). */
  lastEdit(path: string): OverlayEdit | undefined {
    return this.entries.get(path)?.told;
  }

  /** The `.tf` / `.tf.json` files of a folder (open ones included), sorted as Terraform reads them. */
  terraformFiles(dir: string): readonly string[] {
    return this.listing(dir).filter((p) => isTerraformConfigName(basename(p)));
  }

  /** The variable files of a folder (`*.tfvars`, `*.tfvars.json`). */
  tfvarsFiles(dir: string): readonly string[] {
    return this.listing(dir).filter((p) => isTfvarsName(basename(p)));
  }

  private listing(dir: string): readonly string[] {
    let l = this.listings.get(dir);
    if (!l) {
      const names = new Set<string>();
      for (const e of this.fs.listDir(dir) ?? []) if (e.kind === 'file') names.add(e.name);
      for (const [p, e] of this.entries) if (e.overlay !== undefined && dirname(p) === dir) names.add(basename(p));
      l = [...names].sort().map((n) => (dir === '/' ? `/${n}` : `${dir}/${n}`));
      this.listings.set(dir, l);
    }
    return l;
  }

  /** A Terraform file's parse for its current text (re-parsing only the block an edit touched). */
  document(path: string): ParsedDocument | undefined {
    const text = this.text(path);
    if (text === undefined || this.refused(path) !== undefined) return undefined;
    const e = this.entry(path);
    if (e.parsed && e.parsed.text === text) return e.parsed.doc;
    let doc: ParsedDocument;
    if (path.toLowerCase().endsWith('.json')) doc = parseTerraformJson(text);
    // An editor's file is prepared for its edits when first parsed (TerraformParser, anchorOnParse).
    else doc = (e.parser ??= new TerraformParser({ anchorOnParse: e.overlay !== undefined })).parse(text, e.overlay === text ? e.told?.edit : undefined);
    e.parsed = { text, doc };
    return doc;
  }

  tfvars(path: string): TfvarsFile | undefined {
    const text = this.text(path);
    if (text === undefined || this.refused(path) !== undefined) return undefined;
    const e = this.entry(path);
    if (e.tfvars && e.tfvars.text === text) return e.tfvars.file;
    const file = parseTfvars(path, text);
    e.tfvars = { text, file };
    return file;
  }

  /** Paths with an editor overlay. */
  openPaths(): string[] {
    return [...this.entries].filter(([, e]) => e.overlay !== undefined).map(([p]) => p);
  }
}
