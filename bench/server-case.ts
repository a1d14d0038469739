/**
 * One file in the built language server over stdio, as an editor drives it (bundled like case.ts, see bench.ts):
 *   node server-case.js FORMAT N [SERVER_JS...]
 * FORMAT is yaml, json or tf; N the number of resources (bench/generate.ts); SERVER_JS the server's bundle (default
 * dist/server.js: the build under test). With several builds (before/after), every step runs on each of them in turn,
 * so that they see the same machine; one JSON line per build.
 * The server is started with the V8 options the extension uses, `--expose-gc` (for the memory figures only) and
 * `ARL_BENCH_TIMING=1`, which makes it report where each publication's time went (server/src/lsp/protocol.ts).
 * Measures, client side: didOpen → first diagnostics; didChange (one character typed or deleted inside one resource,
 * incremental sync as VS Code sends it) → that version's diagnostics, the whole path; a hover sent right after a
 * didChange (answered from the last analysis while the next one waits) and after the diagnostics; the server's heap
 * after a full GC (open, after the edits, after close) and its peak RSS. Prints one JSON line of figures.
 * BENCH_LOGS=1: the server's log messages on standard error, with the bench's clock (the warm-up's start and end).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../client/src/server-flags';
import { MEMORY_REQUEST, TIMING_NOTIFICATION, type MemoryResult, type TimingParams } from '../server/src/lsp/protocol';
import { generate, type Format } from './generate';
import { initializeAsEditor } from './editor-client';
import { Waiters } from './waiters';

const REPO = path.resolve(__dirname, '..', '..');
const format = process.argv[2] as Format;
const n = Number(process.argv[3]);
/** Longer than the server's debounce of fast typing on slow files (SLOW_DEBOUNCE_MS in lsp/server.ts). */
const PAUSE_MS = 350;
/** The builds to measure, in turns (each step runs on each server before the next step). */
/** Diagnostics pulled after each change, as our VS Code client does; BENCH_PUSH=1: pushed, as other editors get them. */
const PULL = !process.env.BENCH_PUSH;
const serverJss = (process.argv.length > 4 ? process.argv.slice(4) : [path.join(REPO, 'dist', 'server.js')]).map((p) => path.resolve(p));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}
function p90(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.ceil(0.9 * s.length) - 1];
}

interface Pub {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

class Session {
  readonly child: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly pubs: Pub[] = [];
  readonly timings: TimingParams[] = [];
  private readonly waiters = new Waiters(() => (this.child.exitCode !== null ? `server exited: ${this.stderr.slice(-2000)}` : undefined));
  stderr = '';
  /** The server's log (window/logMessage). */
  readonly logs: string[] = [];
  firstByteAt: number | undefined;
  /** Pull mode: the last report's id and size per document (an `unchanged` report keeps them). */
  private readonly pulled = new Map<string, { resultId?: string; count: number }>();

  constructor(
    js: string,
    /** The benchmark's file. */
    readonly uri: string,
  ) {
    const prof = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];
    // BENCH_SERVER_FLAGS: other Node options than the extension's (e.g. "" for Node's defaults; the extension's
    // environment, SERVER_ENV, is then not added either).
    const custom = process.env.BENCH_SERVER_FLAGS !== undefined;
    const flags = custom ? (process.env.BENCH_SERVER_FLAGS as string).split(' ').filter(Boolean) : SERVER_EXEC_ARGV;
    this.child = spawn(process.execPath, [...flags, '--expose-gc', ...prof, js, '--stdio'], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...(custom ? {} : SERVER_ENV), ARL_BENCH_TIMING: '1' },
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => {
      this.stderr += d;
      // BENCH_SERVER_STDERR=1: the server's stderr, as it comes.
      if (process.env.BENCH_SERVER_STDERR) process.stderr.write(d);
    });
    this.child.on('exit', () => this.notify());
    // When the server's bytes start to arrive (separates the server's side of the path from reading and parsing them).
    this.child.stdout.on('data', () => {
      if (this.firstByteAt === undefined) this.firstByteAt = performance.now();
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      this.pubs.push({ uri: p.uri, version: p.version, count: p.diagnostics.length, at: performance.now() });
      this.notify();
    });
    this.conn.onNotification(TIMING_NOTIFICATION, (t: TimingParams) => {
      this.timings.push(t);
      this.notify();
    });
    // The editor's settings: defaults, but for BENCH_MAX_FILE_MB (a file beyond the default 10 MB limit).
    const settings = process.env.BENCH_MAX_FILE_MB ? { maxFileSizeMB: Number(process.env.BENCH_MAX_FILE_MB) } : null;
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    this.conn.onRequest('client/registerCapability', () => null);
    // Pull mode: the server asks for every open document's diagnostics again (a change it saw elsewhere).
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      for (const uri of this.pulled.keys()) void this.pull(uri, -1);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      if (process.env.BENCH_LOGS) process.stderr.write(`[server ${(performance.now() / 1000).toFixed(2)}] ${p.message}\n`);
      this.notify();
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

  /**
   * didOpen / didChange as the editor sends them; in pull mode followed at once by `textDocument/diagnostic` for the
   * document (as vscode-languageclient does when the notification is sent), its answer recorded as a publication.
   */
  async send(method: 'textDocument/didOpen' | 'textDocument/didChange', params: { textDocument: { uri: string; version: number }; contentChanges?: unknown[] } | { textDocument: { uri: string; version: number; languageId: string; text: string } }): Promise<void> {
    await this.conn.sendNotification(method, params);
    if (PULL) void this.pull(params.textDocument.uri, params.textDocument.version);
  }

  private async pull(uri: string, version: number): Promise<void> {
    const last = this.pulled.get(uri);
    const r = (await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(last?.resultId ? { previousResultId: last.resultId } : {}) })) as { kind: string; resultId?: string; items?: unknown[] };
    const count = r.kind === 'full' ? (r.items?.length ?? 0) : (last?.count ?? 0);
    this.pulled.set(uri, { resultId: r.resultId, count });
    this.pubs.push({ uri, version, count, at: performance.now() });
    this.notify();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }

  /** The diagnostics of that version of the document (the benchmark's file unless `uri` says another). */
  publication(version: number, uri = this.uri): Promise<Pub> {
    return this.waitFor(() => this.pubs.find((p) => p.version === version && p.uri === uri));
  }

  /** The server's timing of that version's publication (undefined from a build without it, after a short wait). */
  async timing(version: number, uri = this.uri): Promise<TimingParams | undefined> {
    const found = (): TimingParams | undefined => this.timings.find((t) => t.version === version && t.uri === uri);
    const t = await Promise.race([this.waitFor(found), new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
    return t ?? found();
  }

  /**
   * didOpen → the document's first diagnostics, and where the rest of that time went: before the analysis
   * started (the message read and parsed, the document made), and after the diagnostics were handed to the connection
   * (written, read and parsed by this client).
   */
  async open(uri: string, languageId: string, text: string): Promise<{ ms: number; timing?: TimingParams; beforeMs?: number; afterMs?: number }> {
    const t0 = performance.now();
    await this.send('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const first = await this.publication(1, uri);
    const timing = await this.timing(1, uri);
    if (!timing) return { ms: first.at - t0 };
    return { ms: first.at - t0, timing, beforeMs: timing.startedAt - (performance.timeOrigin + t0), afterMs: performance.timeOrigin + first.at - timing.sentAt };
  }

  /**
   * The end of the server's idle warm-up (lsp/warm-up.ts): its log line ("Warmed up while idle: …, N ms", or "Warm-up
   * ended …" when a large document ended it); undefined after 15 s (a build without one).
   */
  warmedUp(): Promise<string | undefined> {
    const line = (): string | undefined => this.logs.find((l) => l.startsWith('Warmed up while idle') || l.startsWith('Warm-up ended'));
    return Promise.race([this.waitFor(line), new Promise<undefined>((res) => setTimeout(() => res(undefined), 15_000))]);
  }

  async initialize(root: string): Promise<void> {
    await initializeAsEditor(this.conn, root, PULL);
  }

  /** The server's memory; BENCH_HEAP_SNAPSHOT=PREFIX also has it write a heap snapshot PREFIX-<what>.heapsnapshot. */
  async memory(what: string): Promise<MemoryResult | undefined> {
    const prefix = process.env.BENCH_HEAP_SNAPSHOT;
    try {
      return (await this.conn.sendRequest(MEMORY_REQUEST, prefix ? { snapshot: `${prefix}-${what}.heapsnapshot` } : {})) as MemoryResult;
    } catch {
      return undefined;
    }
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

/** Zero-based line and character of an offset (UTF-16, as LSP counts by default). */
function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    from = i + 1;
  }
  return { line, character: offset - from };
}

/** One server under measurement: its session and the figures collected so far. */
interface Run {
  readonly s: Session;
  readonly js: string;
  version: number;
  typed: boolean;
  openMs: number;
  openTiming?: TimingParams;
  openBeforeMs?: number;
  openAfterMs?: number;
  /** Another file of the same size, opened after this one was closed. */
  otherOpenMs?: number;
  otherOpenTiming?: TimingParams;
  /** The file opened in a server of its own that was idle since its start until it had warmed up (lsp/warm-up.ts). */
  idle?: { openMs: number; timing?: TimingParams; beforeMs?: number; afterMs?: number; warmUpMs: number | null; waitedMs: number; peakRssMB?: number };
  peakRssMB?: number;
  peakRssWithOtherMB?: number;
  firstEditMs?: number;
  totals: number[];
  reading: number[];
  toStart: number[];
  toFirstByte: number[];
  timings: TimingParams[];
  counts: number;
  hoversDuring: number[];
  hoversAfter: number[];
  hoverOk: boolean;
  mem: Record<string, MemoryResult | undefined>;
}

async function main(): Promise<void> {
  const text = generate(format, n);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-bench-server-')));
  const file = path.join(dir, format === 'tf' ? 'main.tf' : format === 'json' ? 'template.json' : 'template.yaml');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const languageId = format === 'tf' ? 'terraform' : format;
  const runs: Run[] = serverJss.map((js) => ({
    s: new Session(js, uri),
    js,
    version: 1,
    typed: false,
    openMs: NaN,
    totals: [],
    reading: [],
    toStart: [],
    toFirstByte: [],
    timings: [],
    counts: 0,
    hoversDuring: [],
    hoversAfter: [],
    hoverOk: true,
    mem: {},
  }));
  const each = async (f: (r: Run) => Promise<void>): Promise<void> => {
    for (const r of runs) await f(r);
  };
  const pause = (): Promise<void> => new Promise((r) => setTimeout(r, PAUSE_MS));
  try {
    // Open → first diagnostics, each server initialized right before (a server idle since its start warms up, and
    // its warm-up would run beside another build's open on this machine's two cores).
    await each(async (r) => {
      await r.s.initialize(dir);
      r.mem.empty = await r.s.memory('empty');
      // BENCH_OPEN_AFTER_MS: the server idle that long after `initialized` before the document is opened (as when the
      // editor starts it before a template is opened); by default the document is opened at once.
      if (process.env.BENCH_OPEN_AFTER_MS) await new Promise((res) => setTimeout(res, Number(process.env.BENCH_OPEN_AFTER_MS)));
      const o = await r.s.open(uri, languageId, text);
      r.openMs = o.ms;
      r.openTiming = o.timing;
      r.openBeforeMs = o.beforeMs;
      r.openAfterMs = o.afterMs;
      r.mem.open = await r.s.memory('open');
    });
    // What follows is timed in turns: every server's warm-up over first (ended by a large file's analysis, or run to its
    // end in the idle time a small file leaves), so that none runs beside another's step.
    await each(async (r) => void (await r.s.warmedUp()));

    // Where to type (inside a tag value of the middle resource, as case.ts).
    const anchor = format === 'tf' ? `"r${Math.floor(n / 2)}" {` : format === 'json' ? `"Resource${Math.floor(n / 2)}"` : `Resource${Math.floor(n / 2)}:`;
    const anchorAt = text.indexOf(anchor);
    const at = text.indexOf('resource-', anchorAt + anchor.length);
    // The hover: the type of the next resource (after the edit: it moved by the edit; a hover inside the resource being
    // edited waits for its new analysis by design, see core/present/stale-hover.ts).
    const nextAnchor = format === 'tf' ? `"r${Math.floor(n / 2) + 1}" {` : format === 'json' ? `"Resource${Math.floor(n / 2) + 1}"` : `Resource${Math.floor(n / 2) + 1}:`;
    const nextAt = text.indexOf(nextAnchor);
    const typeAt = format === 'tf' ? text.lastIndexOf('resource "', nextAt) + 'resource "'.length + 2 : text.indexOf('AWS::', nextAt) + 2;
    const editPos = position(text, at);
    const hoverPos = position(text, typeAt);
    /** One keystroke: 'x' typed at `at`, or deleted again (the text alternates between two states). */
    const change = async (r: Run): Promise<number> => {
      const version = ++r.version;
      const contentChanges = r.typed
        ? [{ range: { start: editPos, end: { line: editPos.line, character: editPos.character + 1 } }, text: '' }]
        : [{ range: { start: editPos, end: editPos }, text: 'x' }];
      r.typed = !r.typed;
      await r.s.send('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return version;
    };
    const hover = async (r: Run): Promise<{ ms: number; ok: boolean }> => {
      const h0 = performance.now();
      const h = (await r.s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverPos })) as { contents?: unknown } | null;
      return { ms: performance.now() - h0, ok: !!h?.contents };
    };

    // Edits: didChange → its diagnostics. Warm-up rounds untimed (the JIT), then timed.
    const big = n >= 5000;
    const warm = big ? 4 : 10;
    const rounds = big ? 20 : 40;
    for (let k = 0; k < warm + rounds; k++) {
      await each(async (r) => {
        // On a large file, a pause before each keystroke, as after typing stops: the server analyses the first change
        // after a pause at once and debounces a fast burst of them (lsp/server.ts, schedule), which this does not measure.
        if (big) await pause();
        r.s.firstByteAt = undefined;
        const e0 = performance.now();
        const v = await change(r);
        const pub = await r.s.publication(v);
        const firstByte = r.s.firstByteAt ?? pub.at;
        const t = await r.s.timing(v);
        // The first keystroke after the document opened (it may prepare what later ones reuse).
        if (k === 0) r.firstEditMs = pub.at - e0;
        if (k < warm) return;
        r.totals.push(pub.at - e0);
        r.reading.push(pub.at - firstByte);
        r.counts = pub.count;
        if (t) {
          // The server's clock and ours are the same machine's: from our didChange to its analysis, from its send to
          // our first byte (encoding and writing the JSON).
          const origin = performance.timeOrigin;
          r.timings.push(t);
          r.toStart.push(t.startedAt - (origin + e0));
          r.toFirstByte.push(origin + firstByte - t.sentAt);
        }
      });
    }
    // Hover right after a didChange (the analysis of that change not yet done), then after its diagnostics.
    for (let k = 0; k < (big ? 10 : 20); k++) {
      await each(async (r) => {
        if (big) await pause();
        // The hover request right behind the change, as when the pointer rests on text while typing.
        const sent = change(r);
        const during = await hover(r);
        const v = await sent;
        await r.s.publication(v);
        const after = await hover(r);
        r.hoversDuring.push(during.ms);
        r.hoversAfter.push(after.ms);
        r.hoverOk &&= during.ok && after.ok;
      });
    }
    await each(async (r) => {
      r.mem.edited = await r.s.memory('edited');
    });
    // Then one character typed in each of 20 resources spread over the file (each its own version of the whole text):
    // what the server holds must not grow with the number of versions it has seen.
    await each(async (r) => {
      let cur = r.typed ? text.slice(0, at) + 'x' + text.slice(at) : text;
      for (let k = 0; k < 20; k++) {
        const a = format === 'tf' ? `"r${k * Math.floor(n / 20)}" {` : format === 'json' ? `"Resource${k * Math.floor(n / 20)}"` : `Resource${k * Math.floor(n / 20)}:`;
        const where = cur.indexOf('resource-', cur.indexOf(a));
        const p = position(cur, where);
        cur = cur.slice(0, where) + 'y' + cur.slice(where);
        const version = ++r.version;
        await r.s.send('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: p, end: p }, text: 'y' }] });
        await r.s.publication(version);
      }
      r.mem.spread = await r.s.memory('spread');
      // Closing the document releases its state.
      await r.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      r.s.forget(uri);
      r.mem.closed = await r.s.memory('closed');
      r.peakRssMB = r.s.peakRssMB();
    });
    // Another file of the same size opened in the running server (its code warm, as for every file but the first an
    // editor opens): open → first diagnostics. Its resources renamed, so that nothing of the first file's is reused.
    // In a folder of its own (a Terraform file beside main.tf would be read with it, as one module).
    fs.mkdirSync(path.join(dir, 'other'));
    const otherFile = path.join(dir, 'other', path.basename(file));
    const otherText = format === 'tf' ? text.replace(/"r(\d+)"/g, '"other$1"') : text.replace(/Resource(\d+)/g, 'Other$1');
    fs.writeFileSync(otherFile, otherText);
    const otherUri = pathToFileURL(otherFile).href;
    await each(async (r) => {
      const o = await r.s.open(otherUri, languageId, otherText);
      r.otherOpenMs = o.ms;
      r.otherOpenTiming = o.timing;
      await r.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: otherUri } });
      r.s.forget(otherUri);
    });
    await each(async (r) => {
      r.peakRssWithOtherMB = r.s.peakRssMB();
      await r.s.shutdown();
    });
    // The same file opened in a server started earlier and left idle (as when the editor started it for another YAML or
    // JSON file): it warms up meanwhile (lsp/warm-up.ts). Waited for until its log says so (a build without the
    // warm-up: 15 s).
    await each(async (r) => {
      const s = new Session(r.js, uri);
      try {
        const t = performance.now();
        await s.initialize(dir);
        const line = await s.warmedUp();
        const waitedMs = performance.now() - t;
        const o = await s.open(uri, languageId, text);
        r.idle = {
          openMs: o.ms,
          timing: o.timing,
          beforeMs: o.beforeMs,
          afterMs: o.afterMs,
          warmUpMs: line?.startsWith('Warmed up while idle') ? Number(/(\d+) ms$/.exec(line)?.[1]) : null,
          waitedMs,
          peakRssMB: s.peakRssMB(),
        };
        await s.shutdown();
      } finally {
        if (s.child.exitCode === null) s.child.kill();
      }
    });
    const MB = 1048576;
    for (const r of runs) {
      const med = (k: keyof TimingParams): number | null => (r.timings.length ? median(r.timings.map((t) => t[k] as number)) : null);
      const heap = (w: string): number | null => (r.mem[w] ? (r.mem[w] as MemoryResult).heapUsed / MB : null);
      const out = {
        format,
        diagnosticsMode: PULL ? 'pull' : 'push',
        resources: n,
        bytes: text.length,
        server: path.relative(REPO, r.js) || r.js,
        diagnostics: r.counts,
        openMs: r.openMs,
        openAnalysisMs: r.openTiming?.analysisMs ?? null,
        openConvertMs: r.openTiming ? r.openTiming.findingsMs + r.openTiming.convertMs : null,
        openBeforeMs: r.openBeforeMs ?? null,
        openAfterMs: r.openAfterMs ?? null,
        // Another file of the same size opened in the running server: open → first diagnostics, and its analysis.
        otherOpenMs: r.otherOpenMs ?? null,
        otherOpenAnalysisMs: r.otherOpenTiming?.analysisMs ?? null,
        // The file opened in a server idle since its start, warmed up: open → first diagnostics and its split.
        idleOpenMs: r.idle?.openMs ?? null,
        idleOpenAnalysisMs: r.idle?.timing?.analysisMs ?? null,
        idleOpenConvertMs: r.idle?.timing ? r.idle.timing.findingsMs + r.idle.timing.convertMs : null,
        idleOpenBeforeMs: r.idle?.beforeMs ?? null,
        idleOpenAfterMs: r.idle?.afterMs ?? null,
        warmUpMs: r.idle?.warmUpMs ?? null,
        idlePeakRssMB: r.idle?.peakRssMB ?? null,
        firstEditMs: r.firstEditMs ?? null,
        editMs: median(r.totals),
        editP90Ms: p90(r.totals),
        editRuns: r.totals.map((x) => Math.round(x * 10) / 10),
        // The server's own time, per publication (medians over the timed edits): the analysis, and the rest.
        syncMs: med('syncMs'),
        waitMs: med('waitMs'),
        settingsMs: med('settingsMs'),
        analysisMs: med('analysisMs'),
        findingsMs: med('findingsMs'),
        convertMs: med('convertMs'),
        // Requests answered between the analysis and the publication (a hover that arrived during the analysis).
        yieldMs: med('yieldMs'),
        sendMs: med('sendMs'),
        lensMs: med('lensMs'),
        reused: med('reused'),
        clientReadMs: median(r.reading),
        deliverMs: r.toStart.length ? median(r.toStart) : null,
        writeMs: r.toFirstByte.length ? median(r.toFirstByte) : null,
        // Whole path minus the analysis: sync, conversion, serialization, transport, the client's parse.
        outsideAnalysisMs: r.timings.length === r.totals.length ? median(r.totals.map((x, i) => x - r.timings[i].analysisMs)) : null,
        hoverDuringEditMs: median(r.hoversDuring),
        hoverDuringEditP90Ms: p90(r.hoversDuring),
        hoverDuringEditRuns: r.hoversDuring.map((x) => Math.round(x * 10) / 10),
        hoverAfterEditMs: median(r.hoversAfter),
        hoverOk: r.hoverOk,
        heapBaseMB: heap('empty'),
        heapOpenMB: heap('open'),
        heapEditedMB: heap('edited'),
        heapSpreadEditsMB: heap('spread'),
        heapClosedMB: heap('closed'),
        // With the benchmark's file open, edited and closed (before the other file).
        peakRssMB: r.peakRssMB ?? null,
        peakRssWithOtherMB: r.peakRssWithOtherMB ?? null,
        // The peak so far at each step (the process's maxRSS when the step's memory was read).
        peakRssByStepMB: Object.fromEntries(Object.entries(r.mem).map(([k, m]) => [k, m ? Math.round(m.maxRSS / MB) : null])),
      };
      process.stdout.write(JSON.stringify(out) + '\n');
    }
  } finally {
    for (const r of runs) if (r.s.child.exitCode === null) r.s.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
