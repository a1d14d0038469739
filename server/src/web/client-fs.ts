/**
 * The web build's file access: the workspace as the client reads it with `vscode.workspace.fs`, over LSP requests
 * (awsResponsibility/readFile, awsResponsibility/readDirectory; the client's side is client/src/web/workspace-fs.ts).
 *
 * The core's ProjectFs and ConfigFs are synchronous, the requests are not. Reads are answered from what has been
 * fetched; a read of anything not fetched yet answers "absent" and is remembered, and {@link ClientFs.fetchMisses}
 * fetches all of those at once. The server runs an analysis's reads, fetches what they missed and repeats (`settle` in
 * ../lsp/host.ts) before the analysis itself. Why not an asynchronous ProjectFs: the project layer (Terraform modules,
 * module calls, tfvars, nested stacks, the caller index) is synchronous end to end and shared with the CLI and the Node
 * server, where synchronous reads are several times faster; a miss-and-fetch cache confines the asynchrony to here.
 *
 * Paths are the URIs' paths (`/`-separated); each maps back to the URI of the workspace folder that holds it (its
 * scheme and authority: `vscode-remote://host`, `vscode-vfs://github`, `file://`…). Nothing outside the workspace
 * folders is asked for (and the client refuses it anyway).
 */
import { URI } from 'vscode-uri';
import { configTooLargeMessage, MAX_CONFIG_BYTES, type ConfigFs, type ConfigReadFailure } from '../core/config/config-file';
import { dirname, isInside, normalize } from '../core/project/paths';
import type { DirEntry } from '../core/project/project-fs';
import type { FetchingFs, WorkspaceFs } from '../lsp/host';
import {
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  type ReadDirectoryParams,
  type ReadDirectoryResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../lsp/protocol';

/** Requests in flight at once while fetching. */
const CONCURRENCY = 32;
/** JSON-RPC "method not found": the client does not read files for us (another web client); every file is absent. */
const METHOD_NOT_FOUND = -32601;

export type Requester = (method: string, params: unknown) => Promise<unknown>;

interface Folder {
  readonly scheme: string;
  /** As given (URIs are made with it), and lower-cased (compared with it). */
  readonly authority: string;
  readonly authorityKey: string;
  readonly path: string;
}

export class ClientFs implements WorkspaceFs, FetchingFs {
  private folders: Folder[] = [];
  private roots: string[] = [];
  private readonly files = new Map<string, ReadFileResult>();
  private readonly dirs = new Map<string, readonly DirEntry[] | null>();
  private readonly missedFiles = new Set<string>();
  private readonly missedDirs = new Set<string>();
  private unsupported = false;
  /** Requests made (for the server's log and the tests). */
  requests = 0;

  constructor(
    private readonly request: Requester,
    public maxBytes: number,
  ) {}

  /** The workspace folders' URIs (from `initialize`). */
  setFolders(uris: readonly string[]): void {
    this.folders = [];
    for (const u of uris) {
      try {
        const p = URI.parse(u);
        this.folders.push({ scheme: p.scheme, authority: p.authority, authorityKey: p.authority.toLowerCase(), path: normalize(p.path || '/') });
      } catch {
        // Not a URI: not a folder we can read.
      }
    }
    this.forget();
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => normalize(r));
    this.forget();
  }

  private forget(): void {
    this.files.clear();
    this.dirs.clear();
    this.missedFiles.clear();
    this.missedDirs.clear();
  }

  /** Nothing to do: {@link changed} forgets each changed file. */
  clearCache(): void {}

  changed(path: string): void {
    this.files.delete(path);
    this.dirs.delete(path);
    this.dirs.delete(dirname(path));
  }

  /** Whether a document URI lies in a workspace folder (then it is part of the project, by its path). */
  holds(uri: string): boolean {
    try {
      const u = URI.parse(uri);
      const authority = u.authority.toLowerCase();
      return this.folders.some((f) => f.scheme === u.scheme && f.authorityKey === authority && isInside(normalize(u.path), f.path));
    } catch {
      return false;
    }
  }

  /** The URI of a path inside a root, by the innermost workspace folder holding it; undefined outside them. */
  uriOf(path: string): string | undefined {
    if (path !== normalize(path) || !this.roots.some((r) => isInside(path, r))) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders) if (isInside(path, f.path) && (!best || f.path.length > best.path.length)) best = f;
    return best ? URI.from({ scheme: best.scheme, authority: best.authority, path }).toString() : undefined;
  }

  /** What is known of a file: undefined when not fetched yet (the read is remembered for {@link fetchMisses}). */
  lookup(path: string): ReadFileResult | undefined {
    if (this.uriOf(path) === undefined) return { refused: 'outside' };
    const r = this.files.get(path);
    if (r === undefined) this.missedFiles.add(path);
    return r;
  }

  readFile(path: string): string | undefined {
    const r = this.lookup(path);
    return r && 'text' in r ? r.text : undefined;
  }

  listDir(path: string): readonly DirEntry[] | undefined {
    if (this.uriOf(path) === undefined) return undefined;
    const r = this.dirs.get(path);
    if (r === undefined) this.missedDirs.add(path);
    return r ?? undefined;
  }

  async fetchMisses(): Promise<number> {
    const files = [...this.missedFiles].filter((p) => !this.files.has(p));
    const dirs = [...this.missedDirs].filter((p) => !this.dirs.has(p));
    this.missedFiles.clear();
    this.missedDirs.clear();
    const jobs: (() => Promise<void>)[] = [
      ...files.map((p) => async () => {
        this.files.set(p, await this.fetchFile(p));
      }),
      ...dirs.map((p) => async () => {
        this.dirs.set(p, await this.fetchDir(p));
      }),
    ];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) await jobs[next++]();
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
    return jobs.length;
  }

  private async ask(method: string, params: unknown): Promise<unknown> {
    if (this.unsupported) return undefined;
    this.requests++;
    try {
      return await this.request(method, params);
    } catch (e) {
      if ((e as { code?: number }).code === METHOD_NOT_FOUND) this.unsupported = true;
      return undefined;
    }
  }

  private async fetchFile(path: string): Promise<ReadFileResult> {
    const uri = this.uriOf(path);
    if (!uri) return { refused: 'outside' };
    const params: ReadFileParams = { uri, maxBytes: this.maxBytes };
    const r = (await this.ask(READ_FILE_REQUEST, params)) as ReadFileResult | undefined | null;
    if (r && typeof r === 'object') {
      if ('text' in r && typeof r.text === 'string') return { text: r.text, size: typeof r.size === 'number' ? r.size : r.text.length };
      if ('refused' in r && typeof r.refused === 'string') return r;
    }
    return { absent: true };
  }

  private async fetchDir(path: string): Promise<readonly DirEntry[] | null> {
    const uri = this.uriOf(path);
    if (!uri) return null;
    const params: ReadDirectoryParams = { uri };
    const r = (await this.ask(READ_DIRECTORY_REQUEST, params)) as ReadDirectoryResult | undefined;
    if (!r || !Array.isArray(r.entries)) return null;
    const out: DirEntry[] = [];
    for (const e of r.entries) {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || e[0] === '' || e[0].includes('/') || e[0] === '.' || e[0] === '..') continue;
      if (e[1] === 'file' || e[1] === 'dir') out.push({ name: e[0], kind: e[1] });
    }
    return out;
  }

  /**
   * `.aws-responsibility.yaml` through the same cache, with the config file's own rules: at most 256 KB, a regular file
   * inside `roots`; one that exists but is refused stops the search with its reason (as on Node).
   */
  configFs(roots: readonly string[]): ConfigFs {
    const inside = roots.map((r) => normalize(r));
    return {
      readFile: (p: string): string | undefined | ConfigReadFailure => {
        if (!inside.some((r) => isInside(p, r))) return undefined;
        const r = this.lookup(p);
        if (!r || 'absent' in r) return undefined;
        if ('text' in r) return r.size > MAX_CONFIG_BYTES ? { error: configTooLargeMessage(r.size) } : r.text;
        switch (r.refused) {
          case 'outside':
            return undefined;
          case 'too-large':
            return { error: configTooLargeMessage(r.size ?? this.maxBytes + 1) };
          case 'link':
            return { error: 'This configuration file is a symbolic link, which the web build does not follow: it is not read.' };
          case 'folder':
            return { error: 'This configuration file is a folder, not a regular file: it is not read.' };
          case 'not-file':
            return { error: 'This configuration file is not a regular file: it is not read.' };
          default:
            return { error: `This configuration file cannot be read (${r.message ?? 'unreadable'}).` };
        }
      },
    };
  }
}
