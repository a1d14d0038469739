/**
 * The server's Terraform project: the open editors' text over the workspace folders' files, the index of which
 * folders call which (for "depends on the caller"), and file watching for clients that cannot watch for us.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformProject } from '../core/project/terraform-project';
import { basename, dirname, isInside } from '../core/project/paths';
import { isTerraformConfigName } from '../core/project/source-files';
import { isTfvarsName } from '../core/project/tfvars';
import { NodeProjectFs, toProjectPath } from '../node/node-fs';

/** Folders not searched for modules (as the CLI). */
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
/** The workspace walk stops after this many folders (a huge monorepo still gets its open modules analysed). */
const MAX_INDEXED_DIRS = 20_000;

/** Files whose change can change a Terraform module's analysis. */
export function isTerraformInput(p: string): boolean {
  const name = basename(p);
  return isTerraformConfigName(name) || isTfvarsName(name) || (name === 'modules.json' && p.includes('/.terraform/modules/'));
}

export class TerraformWorkspace {
  readonly project: TerraformProject;
  private readonly fs: NodeProjectFs;
  /** Reads inside the workspace folders (nested CloudFormation templates too). */
  get projectFs(): NodeProjectFs {
    return this.fs;
  }
  private roots: string[] = [];
  private indexed = false;
  private readonly watchers = new Map<string, fs.FSWatcher>();

  constructor(
    maxBytes: number,
    private readonly onDiskChange: (paths: string[]) => void,
  ) {
    this.fs = new NodeProjectFs([], maxBytes);
    this.project = new TerraformProject({ fs: this.fs, maxBytes });
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots.map(toProjectPath);
    this.fs.setRoots(this.roots);
    this.indexed = false;
    this.project.files.invalidateAll();
  }

  /** Walks the workspace folders once for folders with Terraform files (their module calls name callers). */
  ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    const dirs: string[] = [];
    let seen = 0;
    const stack = [...this.roots];
    while (stack.length > 0 && seen < MAX_INDEXED_DIRS) {
      const dir = stack.pop() as string;
      seen++;
      const entries = this.fs.listDir(dir);
      if (!entries) continue;
      let hasTf = false;
      for (const e of entries) {
        if (e.kind === 'dir') {
          if (!SKIP_DIRS.has(e.name)) stack.push(dir === '/' ? `/${e.name}` : `${dir}/${e.name}`);
        } else if (isTerraformConfigName(e.name)) hasTf = true;
      }
      if (hasTf) dirs.push(dir);
    }
    this.project.indexDirs(dirs);
  }

  /**
   * The module folders whose analysis a change in `dir` can change: the folder itself, the folders that call it (up
   * the chain: a gap an argument causes is reported in the caller) and the folders it calls (whether a caller sets a
   * variable is part of their own view).
   */
  affectedDirs(dir: string): Set<string> {
    this.ensureIndexed();
    const out = new Set<string>([dir]);
    const up = [dir];
    while (up.length > 0) {
      const d = up.pop() as string;
      for (const c of this.project.callersOf(d)) {
        const cd = dirname(c.file);
        if (!out.has(cd)) {
          out.add(cd);
          up.push(cd);
        }
      }
    }
    for (const call of this.project.analyzeModule(dir).calls) if (call.source.kind === 'local') out.add(call.source.dir);
    return out;
  }

  isInWorkspace(p: string): boolean {
    return this.roots.some((r) => isInside(p, r));
  }

  /** Watches folders itself (clients without `workspace/didChangeWatchedFiles`): the given ones, no others. */
  watch(dirs: Iterable<string>): void {
    const want = new Set([...dirs].filter((d) => this.isInWorkspace(d)));
    for (const [d, w] of this.watchers) {
      if (!want.has(d)) {
        w.close();
        this.watchers.delete(d);
      }
    }
    for (const d of want) {
      if (this.watchers.has(d)) continue;
      try {
        const w = fs.watch(path.normalize(d), { persistent: false }, (_event, name) => {
          const file = name ? `${d}/${name.toString()}` : undefined;
          if (file && !isTerraformInput(file)) return;
          if (file) this.project.files.invalidate(file);
          else this.project.files.invalidateAll();
          this.onDiskChange(file ? [file] : []);
        });
        w.on('error', () => {
          w.close();
          this.watchers.delete(d);
        });
        this.watchers.set(d, w);
      } catch {
        // A folder that cannot be watched: changes show after the next edit.
      }
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
