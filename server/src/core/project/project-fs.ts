/**
 * How the project layer reads files: a small read-only interface. The language server implements it as open editors
 * over the disk, the CLI as the disk, a web build as the editor's `workspace.fs`. Implementations keep reads inside the
 * workspace folders (or the CLI's paths), never follow a symbolic link out of them, and refuse what is not a regular
 * file or is too large (they return undefined, and the project treats the file as absent).
 */
export interface DirEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
}

export interface ProjectFs {
  /** The text of a file, or undefined when it cannot be read (absent, outside the roots, not a regular file, too large). */
  readFile(path: string): string | undefined;
  /** The entries of a folder, or undefined when it cannot be read. */
  listDir(path: string): readonly DirEntry[] | undefined;
}

/** An in-memory file system (tests, and a web build's snapshot): paths → texts; folders are implied by the paths. */
export function memoryFs(files: Readonly<Record<string, string>>): ProjectFs {
  const dirs = new Map<string, Map<string, DirEntry>>();
  const add = (dir: string, e: DirEntry): void => {
    let m = dirs.get(dir);
    if (!m) dirs.set(dir, (m = new Map()));
    m.set(e.name, e);
  };
  for (const p of Object.keys(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') || '/';
      add(dir, { name: parts[i], kind: i === parts.length - 1 ? 'file' : 'dir' });
    }
  }
  return {
    readFile: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : undefined),
    listDir: (p) => {
      const m = dirs.get(p);
      return m ? [...m.values()] : undefined;
    },
  };
}
