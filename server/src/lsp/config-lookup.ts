/**
 * `.aws-responsibility.yaml` for a document: found by walking up from its folder to its workspace folder, cached per
 * folder. Files outside every workspace folder get no config (nothing above a workspace folder is read). How config
 * files are read is the platform's: on Node {@link WorkspaceConfigs} (./workspace-config.ts) reads only regular files
 * of at most 256 KB whose real path is inside a workspace folder; the web build reads them through the client.
 */
import { loadConfig, EMPTY_CONFIG, type ConfigFs, type WorkspaceConfig, type ConfigError } from '../core/config/config-file';
import type { PathApi } from './host';

export interface LoadedConfig {
  readonly path?: string;
  readonly config: WorkspaceConfig;
  readonly errors: readonly ConfigError[];
  /** Why the config file at `path` was not read at all (then `config` is empty and `errors` says the same). */
  readonly notRead?: string;
}

const NONE: LoadedConfig = Object.freeze({ config: EMPTY_CONFIG, errors: Object.freeze([]) as readonly ConfigError[] });
/** Folders remembered at most (then the cache starts again). */
const CACHE_SIZE = 10_000;

/** The platform side of the lookup: its paths and how it reads a config file inside the given roots. */
export interface ConfigPlatform {
  readonly path: PathApi;
  configFs(roots: readonly string[]): ConfigFs;
}

export class WorkspaceConfigLookup {
  private cache = new Map<string, LoadedConfig>();
  private fs: ConfigFs;
  private roots: string[] = [];
  private readonly path: PathApi;
  /** `path + message` already logged (once each: the cache is cleared on every edit of a config file). */
  private logged = new Set<string>();

  /**
   * @param roots the workspace folders (absolute paths).
   * @param log told once of each config file that is not read (too large, not a regular file, a link out of the
   *   workspace folders) or that has errors — e.g. the server's output channel.
   */
  constructor(
    private readonly platform: ConfigPlatform,
    roots: string[] = [],
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.path = platform.path;
    this.fs = platform.configFs([]);
    this.setRoots(roots);
  }

  setRoots(roots: string[]): void {
    const path = this.path;
    this.roots = roots.filter((r) => path.isAbsolute(r)).map((r) => path.resolve(r));
    this.fs = this.platform.configFs(this.roots);
    this.cache.clear();
    this.logged.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  /** The innermost workspace folder holding `dir`, or undefined. */
  private rootOf(dir: string): string | undefined {
    const path = this.path;
    let best: string | undefined;
    for (const r of this.roots) {
      const inside = dir === r || dir.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
      if (inside && (best === undefined || r.length > best.length)) best = r;
    }
    return best;
  }

  /** The config that applies to a file (EMPTY when none, or for files outside every workspace folder). */
  forFile(fsPath: string): LoadedConfig {
    const path = this.path;
    if (!path.isAbsolute(fsPath)) return NONE;
    const dir = path.dirname(path.resolve(fsPath));
    let c = this.cache.get(dir);
    if (!c) {
      const root = this.rootOf(dir);
      if (root === undefined) c = NONE;
      else {
        try {
          c = loadConfig(dir, this.fs, root);
        } catch {
          c = NONE;
        }
      }
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(dir, c);
      if (c.path && c.errors.length > 0) this.tell(c);
    }
    return c;
  }

  /** Says once that a config is not read, or has errors: it must not silently change what is shown. */
  private tell(c: LoadedConfig): void {
    const first = c.errors.find((e) => e.level === 'error');
    let m: string | undefined;
    if (c.notRead) m = `${c.path}: ${c.notRead}`;
    else if (first) m = `${c.path}:${first.line}:${first.column}: ${first.message}${c.errors.length > 1 ? ` (and ${c.errors.length - 1} more problem${c.errors.length > 2 ? 's' : ''}; open the file to see them)` : ''}`;
    if (m === undefined || this.logged.has(m)) return;
    if (this.logged.size >= 1000) this.logged.clear();
    this.logged.add(m);
    this.log(m);
  }

  /**
   * Why the config file at `configPath` is not read from disk (not a regular file, over 256 KB, a link out of the
   * workspace folders), or undefined when it is readable or absent. For a diagnostic on the config document itself,
   * whose text the editor has even when the server refuses the file.
   */
  readErrorFor(configPath: string): string | undefined {
    const path = this.path;
    if (!path.isAbsolute(configPath) || this.rootOf(path.dirname(path.resolve(configPath))) === undefined) return undefined;
    try {
      const got = this.fs.readFile(configPath);
      return got !== undefined && typeof got !== 'string' ? got.error : undefined;
    } catch {
      return undefined;
    }
  }
}
