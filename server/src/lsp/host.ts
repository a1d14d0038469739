/**
 * What the language server needs from the platform it runs on, so that server.ts imports nothing from Node: the Node
 * host (server/src/node/lsp-host.ts: stdio/IPC, the disk, `fs.watch`) and the web host (server/src/web/host.ts: a
 * message port inside the extension's web worker, files read through the client's `workspace.fs`).
 */
import type { ConfigFs } from '../core/config/config-file';
import { basename, dirname, normalize, relative } from '../core/project/paths';
import type { ProjectFs } from '../core/project/project-fs';

/** The little of Node's `path` the server uses (Node's own module on Node; {@link posixPath} in the browser). */
export interface PathApi {
  readonly sep: string;
  isAbsolute(p: string): boolean;
  resolve(p: string): string;
  relative(from: string, to: string): string;
  dirname(p: string): string;
  basename(p: string): string;
}

/** `/`-separated absolute paths (a URI's path): what paths are in the web build. */
export const posixPath: PathApi = {
  sep: '/',
  isAbsolute: (p) => p.startsWith('/'),
  resolve: (p) => normalize(p.startsWith('/') ? p : `/${p}`),
  relative: (from, to) => {
    const r = relative(from, to);
    return r === '.' ? '' : r;
  },
  dirname,
  basename,
};

/** The project's file access as the server holds it: re-rooted when the workspace folders are known. */
export interface WorkspaceFs extends ProjectFs {
  setRoots(roots: readonly string[]): void;
  /** Files changed on disk: forget what is cached about the disk's layout (Node: the real paths of folders). */
  clearCache(): void;
  /** This file changed (created, changed, deleted): forget its cached text and its folder's listing (web). */
  changed?(path: string): void;
}

/**
 * A file system whose reads are answered from memory, and which fetches what a read missed asynchronously (the web
 * build: files come from the client through LSP requests, while the core reads synchronously).
 */
export interface FetchingFs {
  /** Fetches every file and folder a read asked for and did not find in memory; how many were fetched. */
  fetchMisses(): Promise<number>;
}

/** Rounds of "read, fetch what was missing" before giving up (each round follows one more level of module calls). */
export const MAX_PREFETCH_ROUNDS = 64;

/**
 * Runs `trial` (synchronous reads) until it reads nothing that was not fetched yet: each round fetches the misses of
 * the last, then `refresh` drops what was computed from the incomplete reads. Afterwards the same reads are answered
 * from memory at once.
 */
export async function settle(fs: FetchingFs, trial: () => void, refresh: () => void, maxRounds = MAX_PREFETCH_ROUNDS): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    try {
      trial();
    } catch {
      // The analysis itself reports its errors; here only its reads matter.
    }
    if ((await fs.fetchMisses()) === 0) return;
    refresh();
  }
}

export interface Closeable {
  close(): void;
}

export interface ServerHost {
  readonly path: PathApi;
  /** A document's path as the configs and the syntax detection see it (Node: the URI's fsPath; web: its path). */
  fsPath(uri: string): string;
  /** Whether a URI can be part of the workspace's project (Node: `file:`; web: inside a workspace folder's scheme). */
  isProjectUri(uri: string): boolean;
  /** An absolute {@link fsPath} as the project layer writes paths (`C:\a` → `C:/a` on Windows). */
  toProjectPath(fsPath: string): string;
  /** The URI of a project path (the other way round), or undefined when the editor could not open it. */
  uriOf(projectPath: string): string | undefined;
  /** The project's file access (Terraform modules, nested templates). */
  createWorkspaceFs(maxBytes: number): WorkspaceFs;
  /** How `.aws-responsibility.yaml` is read inside the given roots (absolute {@link fsPath}s). */
  configFs(roots: readonly string[]): ConfigFs;
  /** Watches a folder itself, for clients that cannot watch for us (Node only). */
  watchDir?(dir: string, onChange: (name: string | undefined) => void, onError: () => void): Closeable | undefined;
  /** Runs `fn` after pending I/O (Node `setImmediate`). */
  soon(fn: () => void): void;
  /**
   * Runs `fn` once the messages that arrived so far have been handled (Node: two `setImmediate` turns, as
   * vscode-jsonrpc handles one queued message per turn). With `sleep`, after a timer tick instead (~1 ms): the process
   * gives up the CPU, so that an editor on the same busy cores can send what it has (a hover typed right behind a
   * change). When set, the server answers requests between an analysis and its publication; without it (the web build,
   * where a turn is a `setTimeout`), the publication follows at once.
   */
  yieldToRequests?(fn: () => void, sleep: boolean): void;
  /** Set when reads come from memory and misses are fetched asynchronously (the web build). */
  readonly fetching?: FetchingFs;
  /** The workspace folders' URIs, at `initialize` (the web host maps paths back to URIs with them). */
  setWorkspaceFolders?(uris: readonly string[]): void;
  /** Said once in the server's log at `initialize`: where it runs. */
  readonly description: string;
  /** Benchmarks: report where each publication's time went (protocol.ts, TIMING_NOTIFICATION). */
  readonly timing?: boolean;
  /** A document's text of `length` characters was replaced by an edit or closed (Node: see node/discarded-texts.ts). */
  discardedText?(length: number): void;
  /** After a publication: the moment to free the texts dropped since the last one, when they are due (Node). */
  afterPublication?(): void;
  /** A full garbage collection now, where the platform allows one (Node with `--expose-gc`): the warm-up's garbage. */
  collectGarbage?(): void;
}
