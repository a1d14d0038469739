/**
 * The Terraform monorepo cases, each in its own process (bundled like case.ts, see bench.ts):
 *   node monorepo-case.js inprocess ROOT      the CLI's work without its process: `run()` of the CLI and
 *                                              `TerraformProject` over every module folder, in one process
 *   node monorepo-case.js server ROOT         the built language server over stdio (with the V8 options the extension
 *                                              starts it with): first diagnostics of a large module, edits in variables.tf
 *                                              (BENCH_SERVER_PROFILE=DIR: every server started writes a CPU profile there)
 * ROOT is written by monorepo.ts (with `big/`). Prints one JSON line of figures.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../client/src/server-flags';
import { run } from '../server/src/cli/main';
import { TerraformProject } from '../server/src/core/project/terraform-project';
import { NodeProjectFs, toProjectPath } from '../server/src/node/node-fs';
import { TerraformWorkspace } from '../server/src/lsp/terraform-workspace';
import { nodeServerHost } from '../server/src/node/lsp-host';
import { initializeAsEditor } from './editor-client';
import { Waiters } from './waiters';

const REPO = path.resolve(__dirname, '..', '..');
const SERVER_BIN = path.join(REPO, 'bin', 'aws-responsibility-language-server.js');
const mode = process.argv[2];
const ROOT = fs.realpathSync(process.argv[3]);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(0.9 * s.length) - 1];
}
function timeOnce(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** The module folders under ROOT (folders with a .tf file, one level down, as generated). */
function moduleDirs(): string[] {
  return fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.readdirSync(path.join(ROOT, e.name)).some((n) => n.endsWith('.tf')))
    .map((e) => toProjectPath(path.join(ROOT, e.name)))
    .sort();
}

// ---- in process ----

async function timeAsync(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function inProcess(): Promise<Record<string, unknown>> {
  process.chdir(ROOT);
  const gc = (globalThis as { gc?: () => void }).gc;
  const dirs = moduleDirs();
  // The server's first-open indexing, cold (first thing in this process): the workspace walk, then the map of which
  // folder calls which (reads every .tf file; parses those that mention `module`).
  const indexOnce = (): number => {
    const ws = new TerraformWorkspace(10 * 1048576, () => undefined, nodeServerHost());
    ws.setRoots([toProjectPath(ROOT)]);
    return timeOnce(() => {
      ws.ensureIndexed();
      ws.project.callersOf(dirs[0]);
    });
  };
  const indexCold = indexOnce();
  // The CLI's run() without the process: collects files, analyses each module, builds and serialises the JSON report.
  let outBytes = 0;
  const io = { out: (s: string): void => void (outBytes += s.length), err: (): void => undefined };
  const cli = async (): Promise<void> => {
    outBytes = 0;
    const status = await run(['scan', '--format', 'json', '--threads', '1', ROOT], io);
    if (status !== 0 && status !== 1) throw new Error(`CLI run() exit ${status}`);
  };
  // TerraformProject alone: every module's own view (with its calls' instances), nothing cached between runs.
  let resources = 0;
  let findings = 0;
  const project = (): void => {
    const p = new TerraformProject({ fs: new NodeProjectFs([toProjectPath(ROOT)], 10 * 1048576) });
    p.indexDirs(dirs);
    resources = 0;
    findings = 0;
    for (const d of dirs) {
      const m = p.analyzeModule(d);
      for (const a of m.files.values()) {
        resources += a.resources.length;
        findings += a.findings.length;
      }
    }
  };
  gc?.();
  const cliCold = await timeAsync(cli);
  // Warm-up (untimed), then 3 of each in turns.
  project();
  const cliTimes: number[] = [];
  const projectTimes: number[] = [];
  const indexTimes: number[] = [];
  for (let k = 0; k < 3; k++) {
    cliTimes.push(await timeAsync(cli));
    projectTimes.push(timeOnce(project));
    indexTimes.push(indexOnce());
  }
  gc?.();
  return {
    mode,
    modules: dirs.length,
    indexColdMs: indexCold,
    indexMs: median(indexTimes),
    cliColdMs: cliCold,
    cliMs: median(cliTimes),
    projectMs: median(projectTimes),
    resources,
    findings,
    reportMB: outBytes / 1048576,
    heapAfterMB: process.memoryUsage().heapUsed / 1048576,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    times: { cli: cliTimes, project: projectTimes, index: indexTimes },
  };
}

// ---- the language server over stdio ----

interface Pub {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

/** A small stdio LSP client (as test/protocol/harness.ts, but the server is started with the extension's V8 options). */
class Session {
  readonly child: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly pubs = new Map<string, Pub[]>();
  private readonly waiters = new Waiters(() => (this.child.exitCode !== null ? `server exited: ${this.stderr.slice(-2000)}` : undefined));
  private registered = false;
  stderr = '';

  constructor() {
    // BENCH_SERVER_PROFILE=DIR: each server writes a CPU profile there when it exits.
    const prof = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];
    this.child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...prof, SERVER_BIN, '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...SERVER_ENV } });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => (this.stderr += d));
    this.child.on('exit', () => this.notify());
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const list = this.pubs.get(p.uri) ?? [];
      list.push({ uri: p.uri, version: p.version, count: p.diagnostics.length, at: performance.now() });
      this.pubs.set(p.uri, list);
      this.notify();
    });
    // As VS Code: settings come from the client (defaults here), files are watched by the client.
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => {
      this.registered = true;
      this.notify();
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      const m = /Terraform: indexed (\d+) module folders of the workspace in (\d+) ms/.exec(p.message);
      if (m) {
        this.index = { dirs: Number(m[1]), ms: Number(m[2]) };
        this.notify();
      }
    });
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  private notify(): void {
    this.waiters.notify();
  }

  waitFor<T>(check: () => T | undefined): Promise<T> {
    return this.waiters.waitFor(check);
  }

  count(uri: string): number {
    return this.pubs.get(uri)?.length ?? 0;
  }

  next(uri: string, after: number, version?: number): Promise<Pub> {
    return this.waitFor(() => (this.pubs.get(uri) ?? []).slice(after).find((p) => version === undefined || p.version === version));
  }

  async initialize(root: string): Promise<void> {
    await initializeAsEditor(this.conn, root);
    // The server registers its file watchers after `initialized`; an editor has done so long before the first open.
    await this.waitFor(() => (this.registered ? true : undefined));
  }

  /** The server's startup index of the workspace's Terraform folders, as it logs it. */
  index: { dirs: number; ms: number } | undefined;

  waitIndexed(): Promise<{ dirs: number; ms: number }> {
    return this.waitFor(() => this.index);
  }

  /** didOpen → the document's first publication: ms. */
  async open(file: string): Promise<{ ms: number; count: number }> {
    const uri = pathToFileURL(file).href;
    const before = this.count(uri);
    const t0 = performance.now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const p = await this.next(uri, before, 1);
    return { ms: p.at - t0, count: p.count };
  }

  peakRssMB(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    await new Promise<void>((r) => (this.child.exitCode !== null ? r() : this.child.once('exit', () => r())));
    this.conn.dispose();
  }
}

/**
 * Edits of `variables.tf` (open in the editor) that toggle the default of `encrypt_volumes`, which main.tf reads:
 * didChange → main.tf's next publication. `warm` untimed, then `n` timed; each waits for both publications.
 */
async function edits(s: Session, dir: string, warm: number, n: number): Promise<{ times: number[]; counts: number[] }> {
  const main = path.join(dir, 'main.tf');
  const vars = path.join(dir, 'variables.tf');
  const mainUri = pathToFileURL(main).href;
  const varsUri = pathToFileURL(vars).href;
  await s.open(vars);
  let text = fs.readFileSync(vars, 'utf8');
  const times: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < warm + n; k++) {
    const block = text.indexOf('variable "encrypt_volumes"');
    const at = text.indexOf('default     = ', block) + 'default     = '.length;
    const old = text.startsWith('true', at) ? 'true' : 'false';
    const now = old === 'true' ? 'false' : 'true';
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    text = text.slice(0, at) + now + text.slice(at + old.length);
    const version = k + 2;
    const mainBefore = s.count(mainUri);
    const varsBefore = s.count(varsUri);
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: varsUri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + old.length } }, text: now }],
    });
    const pub = await s.next(mainUri, mainBefore);
    await s.next(varsUri, varsBefore, version);
    if (k >= warm) {
      times.push(pub.at - t0);
      counts.push(pub.count);
    }
  }
  return { times, counts };
}

async function server(): Promise<Record<string, unknown>> {
  const big = path.join(ROOT, 'big');
  const files = fs.readdirSync(big).filter((n) => n.endsWith('.tf') && n !== 'variables.tf').length;
  const out: Record<string, unknown> = { mode, bigFiles: files };
  // First open in a fresh server, workspace = the monorepo (the server indexes it on this open); then a second file of
  // the module, then a file of another module (a 10-file module a root calls). Three fresh servers, medians.
  const first: number[] = [];
  const immediate: number[] = [];
  const indexMs: number[] = [];
  const second: number[] = [];
  const other: number[] = [];
  let firstCount = 0;
  let indexDirs = 0;
  for (let k = 0; k < 3; k++) {
    // The usual order: the server indexes the workspace when it starts; the user then opens a file.
    const s = new Session();
    await s.initialize(ROOT);
    const idx = await s.waitIndexed();
    indexMs.push(idx.ms);
    indexDirs = idx.dirs;
    const a = await s.open(path.join(big, 'main.tf'));
    first.push(a.ms);
    firstCount = a.count;
    second.push((await s.open(path.join(big, 'storage.tf'))).ms);
    other.push((await s.open(path.join(ROOT, 'mod100', 'main.tf'))).ms);
    await s.shutdown();
    // The worst case: the file is opened the moment the server is up (the open finishes the index first).
    const t = new Session();
    await t.initialize(ROOT);
    immediate.push((await t.open(path.join(big, 'main.tf'))).ms);
    await t.shutdown();
  }
  // The same first open with the module's folder as the workspace: no monorepo to index.
  const alone: number[] = [];
  for (let k = 0; k < 3; k++) {
    const s = new Session();
    await s.initialize(big);
    alone.push((await s.open(path.join(big, 'main.tf'))).ms);
    await s.shutdown();
  }
  Object.assign(out, {
    firstOpenMs: median(first),
    firstOpenDiagnostics: firstCount,
    immediateOpenMs: median(immediate),
    indexMs: median(indexMs),
    indexDirs,
    secondOpenMs: median(second),
    otherModuleOpenMs: median(other),
    firstOpenAloneMs: median(alone),
    times: { first, immediate, index: indexMs, second, other, alone },
  });
  // Edits: one server, workspace = the monorepo; the 50-file module, then a root module that calls 3 others.
  const s = new Session();
  await s.initialize(ROOT);
  await s.open(path.join(big, 'main.tf'));
  const e1 = await edits(s, big, 5, 20);
  const root = path.join(ROOT, 'mod000');
  await s.open(path.join(root, 'main.tf'));
  const e2 = await edits(s, root, 5, 20);
  out.serverPeakRssMB = s.peakRssMB();
  await s.shutdown();
  Object.assign(out, {
    editBigMedianMs: median(e1.times),
    editBigP90Ms: p90(e1.times),
    editBigCounts: [...new Set(e1.counts)],
    editRootMedianMs: median(e2.times),
    editRootP90Ms: p90(e2.times),
    editRootCounts: [...new Set(e2.counts)],
  });
  (out.times as Record<string, number[]>).editBig = e1.times;
  (out.times as Record<string, number[]>).editRoot = e2.times;
  return out;
}

async function main(): Promise<void> {
  const r = mode === 'inprocess' ? await inProcess() : mode === 'server' ? await server() : undefined;
  if (!r) throw new Error(`unknown mode ${mode}`);
  process.stdout.write(JSON.stringify(r) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
