/**
 * The project layer's file access on Node (CLI and language server): reads only regular files inside the given roots,
 * resolves symbolic links and refuses any that lead out of the roots, and refuses files over the size limit before
 * reading them (a FIFO, a device or a link to /dev/zero is never opened).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DirEntry, ProjectFs } from '../core/project/project-fs';

/** `C:\a\b` → `C:/a/b`; POSIX paths unchanged. */
export function toProjectPath(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

export function fromProjectPath(p: string): string {
  return path.sep === '\\' ? p.replace(/\//g, '\\') : p;
}

export class NodeProjectFs implements ProjectFs {
  private roots: string[] = [];

  constructor(
    roots: readonly string[],
    private readonly maxBytes: number,
  ) {
    this.setRoots(roots);
  }

  setRoots(roots: readonly string[]): void {
    this.realDirs.clear();
    this.roots = roots.map((r) => {
      try {
        return toProjectPath(fs.realpathSync(fromProjectPath(r)));
      } catch {
        return toProjectPath(path.resolve(fromProjectPath(r)));
      }
    });
  }

  private inside(real: string): boolean {
    return this.roots.some((r) => real === r || real.startsWith(r.endsWith('/') ? r : r + '/'));
  }

  /** Real paths of folders, read once (a module's files share their folder's; one `lstat` per file then suffices). */
  private readonly realDirs = new Map<string, string | null>();

  /** Forget the folders' real paths (a folder may have been replaced by a link). */
  clearCache(): void {
    this.realDirs.clear();
  }

  private realDir(dir: string): string | undefined {
    let r = this.realDirs.get(dir);
    if (r === undefined) {
      try {
        r = toProjectPath(fs.realpathSync(fromProjectPath(dir)));
      } catch {
        r = null;
      }
      if (this.realDirs.size > 10_000) this.realDirs.clear();
      this.realDirs.set(dir, r);
    }
    return r ?? undefined;
  }

  /** The real path of `p` when it is inside a root, else undefined. */
  private allowed(p: string): string | undefined {
    try {
      const real = toProjectPath(fs.realpathSync(fromProjectPath(p)));
      return this.inside(real) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  readFile(p: string): string | undefined {
    const slash = p.lastIndexOf('/');
    const dir = slash > 0 ? this.realDir(p.slice(0, slash)) : undefined;
    if (!dir || !this.inside(dir)) return undefined;
    try {
      let file = fromProjectPath(`${dir}/${p.slice(slash + 1)}`);
      let st = fs.lstatSync(file);
      if (st.isSymbolicLink()) {
        const real = this.allowed(p);
        if (!real) return undefined;
        file = fromProjectPath(real);
        st = fs.statSync(file);
      }
      // Only regular files within the size limit: a FIFO, a device or a huge file is never opened.
      if (!st.isFile() || st.size > this.maxBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  listDir(p: string): readonly DirEntry[] | undefined {
    if (!this.allowed(p)) return undefined;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(fromProjectPath(p), { withFileTypes: true });
    } catch {
      return undefined;
    }
    const out: DirEntry[] = [];
    for (const e of entries) {
      if (e.isFile()) out.push({ name: e.name, kind: 'file' });
      else if (e.isDirectory()) out.push({ name: e.name, kind: 'dir' });
      else if (e.isSymbolicLink()) {
        const real = this.allowed(`${p}/${e.name}`);
        if (!real) continue;
        try {
          const st = fs.statSync(fromProjectPath(real));
          if (st.isFile()) out.push({ name: e.name, kind: 'file' });
          else if (st.isDirectory()) out.push({ name: e.name, kind: 'dir' });
        } catch {
          // A dangling link: nothing.
        }
      }
    }
    return out;
  }
}
