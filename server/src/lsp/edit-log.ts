/**
 * The edits of each open document by version, as regions of its text: a hover sent while the last analysis is of an
 * older version maps its position through them (core/present/stale-hover.ts) instead of comparing the two texts — on a
 * 10 MB file that comparison (and the copy of the new text it forces) cost more than the hover itself.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LspTextDocument } from './text-document';
import type { EditRegion } from '../core/present/stale-hover';
import { composeEdits, type TextEdit } from '../core/parse/text-diff';

/** How many versions of one document are kept (a hover behind more edits than that compares the texts). */
const KEEP = 256;
/** A version's changes are kept as text edits up to this many inserted characters (a large paste is not kept). */
const KEEP_TEXT = 65536;

interface Logged {
  /** The region that turned the version before into this one (null: a whole-text change). */
  readonly region: EditRegion | null;
  /** Its changes, each an edit of the text the one before left (undefined: a whole-text change, or too large). */
  readonly changes?: readonly TextEdit[];
}

/** `a` then `b`, as one region of the text before `a` (it may cover more than what changed: never less). */
export function composeRegions(a: EditRegion, b: EditRegion): EditRegion {
  // In the text between the two edits, `a` wrote [a.start, a.oldEnd + a.delta).
  const start = Math.min(a.start, b.start);
  const endBetween = Math.max(a.oldEnd + a.delta, b.oldEnd);
  return { start, oldEnd: endBetween - a.delta, delta: a.delta + b.delta };
}

export class EditLog {
  /** uri → version → how the version before became it. */
  private readonly byUri = new Map<string, Map<number, Logged>>();

  /** Applies `changes` to `doc` (as TextDocument.update does, one after the other) and records them as `version`. */
  update(doc: LspTextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): LspTextDocument {
    let region: EditRegion | null | undefined;
    let kept: TextEdit[] | undefined = [];
    let inserted = 0;
    for (const c of changes) {
      let r: EditRegion | null = null;
      if ('range' in c) {
        const start = doc.offsetAt(c.range.start);
        const oldEnd = doc.offsetAt(c.range.end);
        r = { start, oldEnd, delta: c.text.length - (oldEnd - start) };
        inserted += c.text.length;
        if (kept && inserted <= KEEP_TEXT) kept.push({ start, oldEnd, text: c.text });
        else kept = undefined;
      } else kept = undefined;
      region = region === undefined ? r : region === null || r === null ? null : composeRegions(region, r);
      doc.update([c], version);
    }
    let log = this.byUri.get(doc.uri);
    if (!log) this.byUri.set(doc.uri, (log = new Map()));
    log.set(version, { region: region ?? null, ...(kept ? { changes: kept } : {}) });
    if (log.size > KEEP) log.delete(log.keys().next().value as number);
    return doc;
  }

  /** What turned version `from` into each version up to `to`, in order; undefined when one of them is not kept. */
  private between(uri: string, from: number, to: number): Logged[] | undefined {
    const log = this.byUri.get(uri);
    if (!log || to <= from || to - from > KEEP) return undefined;
    const out: Logged[] = [];
    for (let v = from + 1; v <= to; v++) {
      const l = log.get(v);
      if (!l) return undefined;
      out.push(l);
    }
    return out;
  }

  /** The region from version `from` to version `to`, when every version between was recorded with one. */
  since(uri: string, from: number, to: number): EditRegion | undefined {
    let region: EditRegion | undefined;
    for (const l of this.between(uri, from, to) ?? []) {
      if (!l.region) return undefined;
      region = region ? composeRegions(region, l.region) : l.region;
    }
    return region;
  }

  /**
   * The changes from version `from` (whose text is `base`) to version `to`, as one edit of `base`, when every version
   * between was recorded with its changes. Reads `base` only between changes that are not next to each other.
   */
  editSince(uri: string, from: number, to: number, base: string): TextEdit | undefined {
    let edit: TextEdit | undefined;
    for (const l of this.between(uri, from, to) ?? []) {
      if (!l.changes) return undefined;
      for (const c of l.changes) edit = edit ? composeEdits(base, edit, c) : c;
    }
    return edit;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
