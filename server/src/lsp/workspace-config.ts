/** `.aws-responsibility.yaml` for a document: found by walking up from its folder to the workspace folder, cached per folder. */
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig, EMPTY_CONFIG, type WorkspaceConfig, type ConfigError } from '../core/config/config-file';

export interface LoadedConfig {
  readonly path?: string;
  readonly config: WorkspaceConfig;
  readonly errors: readonly ConfigError[];
}

const fsLike = {
  readFile: (p: string): string | undefined => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export class WorkspaceConfigs {
  private cache = new Map<string, LoadedConfig>();
  constructor(private roots: string[] = []) {}

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.cache.clear();
  }

  clear(): void {
    this.cache.clear();
  }

  /** The config that applies to a file (EMPTY when none, or for files outside any workspace folder). */
  forFile(fsPath: string): LoadedConfig {
    if (!path.isAbsolute(fsPath)) return { config: EMPTY_CONFIG, errors: [] };
    const dir = path.dirname(fsPath);
    let c = this.cache.get(dir);
    if (!c) {
      const root = this.roots.filter((r) => dir === r || dir.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
      try {
        c = loadConfig(dir, fsLike, root ?? path.parse(dir).root);
      } catch {
        c = { config: EMPTY_CONFIG, errors: [] };
      }
      this.cache.set(dir, c);
    }
    return c;
  }
}
