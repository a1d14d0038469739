/**
 * The server's Terraform project: the open editors' text over the workspace folders' files, the index of which
 * folders call which (for "depends on the caller"), and file watching for clients that cannot watch for us. The files
 * come from the platform (../node/lsp-host.ts: the disk; ../web/host.ts: the client's `workspace.fs`).
 */
import { TerraformProject } from '../core/project/terraform-project';
import { basename, dirname, isInside } from '../core/project/paths';
import { isTerraformConfigName } from '../core/project/source-files';
import { isTfvarsName } from '../core/project/tfvars';
import { settle, type Closeable, type ServerHost, type WorkspaceFs } from './host';

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
  private readonly fs: WorkspaceFs;
  /** Reads inside the workspace folders (nested CloudFormation templates too). */
  get projectFs(): WorkspaceFs {
    return this.fs;
  }
  private roots: string[] = [];
  private indexed = false;
  private readonly watchers = new Map<string, Closeable>();
  /** Web build: the workspace's folders and Terraform files being fetched for the index (see {@link whenReady}). */
  private fetchingIndex: Promise<void> | undefined;

  constructor(
    maxBytes: number,
    private readonly onDiskChange: (paths: string[]) => void,
    private readonly host: Pick<ServerHost, 'createWorkspaceFs' | 'toProjectPath' | 'watchDir' | 'soon' | 'fetching'>,
  ) {
    this.fs = host.createWorkspaceFs(maxBytes);
    this.project = new TerraformProject({ fs: this.fs, maxBytes });
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => this.host.toProjectPath(r));
    this.fs.setRoots(this.roots);
    this.indexed = false;
    this.walking = undefined;
    this.fetchingIndex = undefined;
    this.project.files.invalidateAll();
  }

  /**
   * Resolves when the workspace index can be made from memory. At once on Node; in the web build, once the folders of
   * the walk and the Terraform files of the index have been fetched from the client (level by level: each round of
   * {@link settle} lists the folders the last one found).
   */
  whenReady(): Promise<void> {
    const fetching = this.host.fetching;
    if (!fetching || this.indexed) return Promise.resolve();
    this.fetchingIndex ??= settle(
      fetching,
      () => this.indexFrom({ stack: [...this.roots], dirs: [], seen: 0 }),
      () => this.project.files.invalidateAll(),
    );
    return this.fetchingIndex;
  }

  /** How long the last workspace index took, and how many folders it found (for the server's log). */
  lastIndex: { ms: number; dirs: number } | undefined;

  get isIndexed(): boolean {
    return this.indexed;
  }

  /** The walk in progress: folders still to read, folders found with Terraform files, folders read. */
  private walking: { stack: string[]; dirs: string[]; seen: number; t0: number; ms: number } | undefined;

  /**
   * Starts the workspace index in the background: the walk reads a few hundred folders per turn of the event loop, so
   * the server keeps answering; the Terraform files themselves are read when the walk ends (or when a Terraform
   * document needs the index first, which finishes it at once).
   */
  startIndex(onDone: () => void): void {
    if (this.indexed || this.walking) return;
    if (this.host.fetching) {
      // Web build: the walk's reads are fetched asynchronously first, then the index is made at once from memory.
      const ready = this.whenReady();
      void ready.then(() => {
        if (this.fetchingIndex !== ready) return; // the workspace folders changed meanwhile
        this.ensureIndexed();
        onDone();
      });
      return;
    }
    const walking = { stack: [...this.roots], dirs: [] as string[], seen: 0, t0: performance.now(), ms: 0 };
    this.walking = walking;
    const turn = (): void => {
      if (this.walking !== walking || this.indexed) return;
      const t = performance.now();
      this.walkSome(walking, 300);
      walking.ms += performance.now() - t;
      if (walking.stack.length > 0 && walking.seen < MAX_INDEXED_DIRS) this.host.soon(turn);
      else {
        this.ensureIndexed();
        onDone();
      }
    };
    this.host.soon(turn);
  }

  /**
   * The workspace index, now: the folders with Terraform files (their module calls name callers), their files read.
   * Synchronous reads: many small files are read several times faster so than with Node's asynchronous file API.
   */
  ensureIndexed(): void {
    if (this.indexed) return;
    const walking = this.walking ?? { stack: [...this.roots], dirs: [], seen: 0, t0: performance.now(), ms: 0 };
    this.walking = undefined;
    this.indexed = true;
    const t = performance.now();
    this.indexFrom(walking);
    this.lastIndex = { ms: walking.ms + performance.now() - t, dirs: walking.dirs.length };
  }

  /** Finishes the walk, and reads the module calls of every folder it found. */
  private indexFrom(walking: { stack: string[]; dirs: string[]; seen: number }): void {
    this.walkSome(walking, Infinity);
    this.project.indexDirs(walking.dirs);
    this.project.callersOf(walking.dirs[0] ?? '/');
  }

  /** Reads up to `n` folders of the walk (bounded in all by MAX_INDEXED_DIRS). */
  private walkSome(w: { stack: string[]; dirs: string[]; seen: number }, n: number): void {
    for (let k = 0; k < n && w.stack.length > 0 && w.seen < MAX_INDEXED_DIRS; k++) {
      const dir = w.stack.pop() as string;
      w.seen++;
      const entries = this.fs.listDir(dir);
      if (!entries) continue;
      let hasTf = false;
      for (const e of entries) {
        if (e.kind === 'dir') {
          if (!SKIP_DIRS.has(e.name)) w.stack.push(dir === '/' ? `/${e.name}` : `${dir}/${e.name}`);
        } else if (isTerraformConfigName(e.name)) hasTf = true;
      }
      if (hasTf) w.dirs.push(dir);
    }
  }

  /**
   * The module folders whose analysis a change in `dir` can change: the folder itself, the folders that call it (up
   * the chain: a gap an argument causes is reported in the caller) and the local folders it calls (whether a caller
   * sets a variable is part of their own view).
   */
  affectedDirs(dir: string): Set<string> {
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
    // From the caller index, not the folder's analysis: a folder whose last open file was just closed is not analysed
    // again (and kept in memory) to find whom it calls.
    for (const child of this.project.calleesOf(dir)) out.add(child);
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
    if (!this.host.watchDir) return;
    for (const d of want) {
      if (this.watchers.has(d)) continue;
      const w = this.host.watchDir(
        d,
        (name) => {
          const file = name ? `${d}/${name}` : undefined;
          if (file && !isTerraformInput(file)) return;
          if (file) this.project.files.invalidate(file);
          else this.project.files.invalidateAll();
          this.onDiskChange(file ? [file] : []);
        },
        () => this.watchers.delete(d),
      );
      // A folder that cannot be watched: changes show after the next edit.
      if (w) this.watchers.set(d, w);
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
