/** What the CLI reads: the files under the paths it is given, and how it names them on a terminal. */
import * as fs from 'fs';
import * as path from 'path';
import { cdkOutFileWanted, cdkOutFolderWanted } from '../core/cdk/cloud-assembly';

export const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
export const EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.tf'];

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isTerraformConfig(f: string): boolean {
  const n = f.toLowerCase();
  return n.endsWith('.tf') || n.endsWith('.tf.json');
}

/**
 * The files to scan under a path given on the command line: templates by extension in folders (regular files only: a
 * FIFO or a device is never opened), the path itself when it is a file. In a CDK cloud assembly (`cdk.out`) only its
 * stack templates, never its `asset.*` folders (core/cdk/cloud-assembly.ts, as the editor's workspace scan). A folder
 * that cannot be read is reported and skipped; the walk goes on. Throws only for the given path itself.
 */
export function collect(p: string, out: string[], problems: string[]): void {
  const st = fs.statSync(p);
  if (st.isFile()) {
    out.push(p);
    return;
  }
  if (!st.isDirectory()) throw Object.assign(new Error('not a regular file or a folder'), { code: 'not a regular file or a folder' });
  // Cloud assemblies are recognised below the given folder and by its own name (`scan cdk.out`, `scan .` inside it),
  // not by the folders above it: a repository cloned into a folder named cdk.out is scanned as any other.
  const base = path.basename(path.resolve(p));
  const cdkView = (child: string): string => `${base}/${path.relative(p, child)}`;
  const stack = [p];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (e) {
      problems.push(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const sub: string[] = [];
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const child = path.join(dir, name);
      let cst: fs.Stats;
      try {
        cst = fs.lstatSync(child);
      } catch {
        continue;
      }
      if (cst.isSymbolicLink()) continue; // no loops through links
      if (cst.isDirectory()) {
        if (cdkOutFolderWanted(cdkView(child))) sub.push(child);
      } else if (cst.isFile() && EXTENSIONS.some((e) => name.toLowerCase().endsWith(e)) && cdkOutFileWanted(cdkView(child))) out.push(child);
    }
    // Depth first, in name order.
    for (let i = sub.length - 1; i >= 0; i--) stack.push(sub[i]);
  }
}

/** A path or message for a terminal: control characters and bidirectional overrides cannot reach it. */
export function safe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** The unit a shard or a worker takes whole: a Terraform module is its folder, any other file is itself. */
export function unitOf(file: string): string {
  return isTerraformConfig(file) ? `${path.dirname(path.resolve(file))}${path.sep}` : path.resolve(file);
}

/** A stable hash of a unit's path (shards are deterministic by path, the same on every machine and run). */
export function unitHash(unit: string, root: string): number {
  const rel = path.relative(root, unit).split(path.sep).join('/');
  let h = 0x811c9dc5;
  for (let i = 0; i < rel.length; i++) h = Math.imul(h ^ rel.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
