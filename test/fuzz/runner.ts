/**
 * Runs fuzz cases in worker_threads workers with a per-case watchdog: a case over the time bound is a hang (the
 * worker is terminated and restarted, and the case run once more in the fresh worker to confirm it); an exception is a
 * crash; an oracle's failure is a span / incremental failure. Every failing input is saved with a JSON sidecar.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { extOf, makeCase, signature, STAGES, type CaseOptions, type FailureKind, type FuzzCase, type Stage } from './engine';
import { loadSeeds, type Seed } from './seeds';
import type { FromWorker, ToWorker, WorkerInit } from './worker';

export const OUT_DIR = path.join(__dirname, 'out');

export interface RunOptions {
  readonly cases: number;
  /** The first case number (default 0): cases start .. start+cases-1. */
  readonly start?: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly workers: number;
  readonly caseOptions?: CaseOptions;
  /** Where failing inputs are saved; undefined: not saved. */
  readonly outDir?: string;
  /** Saved inputs per failure class at most (default: all). */
  readonly maxSavedPerClass?: number;
  /** Failures whose signature matches are a known class: counted apart (with/without), saved at most 3 times. */
  readonly known?: RegExp;
  /** Re-run a timed-out case once in a fresh worker (default true). */
  readonly confirmHangs?: boolean;
  /** Called about every `progressMs` with the figures so far. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressMs?: number;
  readonly seeds?: Seed[];
  /** Worker V8 stack, MB (default 1: about the main thread's, where the CLI and the language server run). */
  readonly stackSizeMb?: number;
  /**
   * Appends `S <case>` when a case is sent and `R <case> <ms> <status> <longest stage> <its ms> | <signature>` when it
   * ends: what a supervisor reads when this whole process dies (a fatal V8 error in a worker ends the process).
   */
  readonly journal?: string;
  /** Case numbers not to run (done by an earlier process of the same run). */
  readonly skip?: ReadonlySet<number>;
  /** Only these case numbers (instead of start .. start+cases-1). */
  readonly only?: readonly number[];
}

export interface FailureRecord {
  readonly kind: FailureKind;
  readonly caseNo: number;
  readonly fileName: string;
  readonly seedLabel: string;
  readonly mutations: readonly string[];
  readonly stage: Stage | string;
  readonly message: string;
  readonly stack?: string;
  readonly ms: number;
  readonly signature: string;
  readonly known: boolean;
  /** The saved input, when saved. */
  saved?: string;
  /** Hangs: the re-run in a fresh worker also timed out (true), or finished in `rerunMs` (false). */
  confirmed?: boolean;
  rerunMs?: number;
  /** Hangs: how long the stage it was stopped in had run (one operation over the bound, or several adding up). */
  stageMs?: number;
  /** The longest stage of the case (when it finished). */
  longest?: { stage: string; ms: number };
}

export interface Slowest {
  ms: number;
  /** Its longest stage (a finished case), or the stage it was stopped in (a hang). */
  longest?: { stage: string; ms: number };
  caseNo: number;
  fileName: string;
  seedLabel: string;
  mutations: readonly string[];
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly elapsedMs: number;
  readonly slowest: Slowest | undefined;
}

export interface FailureClass {
  readonly signature: string;
  count: number;
  readonly first: FailureRecord;
}

export interface RunResult {
  readonly cases: number;
  readonly failures: FailureRecord[];
  /** Exceptions and oracle failures (span, incremental, a worker that died), known classes included. */
  readonly crashes: number;
  /** Of `crashes`: in a known class. */
  readonly knownCrashes: number;
  /** Timeouts confirmed by a re-run (or all timeouts when confirmHangs is false). */
  readonly hangs: number;
  /** Timeouts whose re-run in a fresh worker finished within the bound. */
  readonly unconfirmedTimeouts: number;
  readonly slowest: Slowest | undefined;
  readonly wallMs: number;
  readonly casesPerSec: number;
  readonly classes: FailureClass[];
  readonly timeoutMs: number;
}

const TSX_API = require.resolve('tsx/cjs/api');
const WORKER = path.join(__dirname, 'worker.ts');

type Outcome =
  | { readonly type: 'result'; readonly r: Extract<FromWorker, { type: 'result' }> }
  | { readonly type: 'hang'; readonly stage: Stage; readonly ms: number; readonly stageMs: number }
  | { readonly type: 'exit'; readonly error: string; readonly stage: Stage; readonly ms: number };

/** One worker, one job at a time, with a watchdog. Dead after a hang or an exit: make a new one. */
export class FuzzWorker {
  private readonly worker: Worker;
  private readonly status: Int32Array;
  private readonly started: Float64Array;
  readonly ready: Promise<void>;
  private pending: ((o: Outcome) => void) | undefined;
  private t0 = 0;
  dead = false;

  constructor(init: Omit<WorkerInit, 'status'>, stackSizeMb = 1) {
    const sab = new SharedArrayBuffer(16);
    this.status = new Int32Array(sab, 0, 2);
    this.started = new Float64Array(sab, 8, 1);
    this.worker = new Worker(`require(${JSON.stringify(TSX_API)}).register(); require(${JSON.stringify(WORKER)});`, {
      eval: true,
      workerData: { ...init, status: sab } satisfies WorkerInit,
      resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb },
      stdout: false,
      stderr: false,
    });
    let readyResolve: () => void = () => {};
    let readyReject: (e: Error) => void = () => {};
    this.ready = new Promise((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') readyResolve();
      else if (this.pending) {
        const p = this.pending;
        this.pending = undefined;
        p({ type: 'result', r: m });
      }
    });
    const died = (error: string): void => {
      const wasDead = this.dead;
      this.dead = true;
      readyReject(new Error(`fuzz worker failed to start: ${error}`));
      if (this.pending && !wasDead) {
        const p = this.pending;
        this.pending = undefined;
        p({ type: 'exit', error, stage: this.stage(), ms: performance.now() - this.t0 });
      }
    };
    this.worker.on('error', (e) => died(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)));
    this.worker.on('exit', (code) => died(`worker exited with code ${code}`));
  }

  stage(): Stage {
    return STAGES[Atomics.load(this.status, 0)] ?? 'idle';
  }

  run(msg: ToWorker, timeoutMs: number): Promise<Outcome> {
    if (this.dead) return Promise.resolve({ type: 'exit', error: 'worker is dead', stage: 'idle', ms: 0 });
    return new Promise((resolve) => {
      this.t0 = performance.now();
      const timer = setTimeout(() => {
        if (!this.pending) return;
        const stage = this.stage();
        const stageMs = Date.now() - this.started[0];
        this.pending = undefined;
        this.dead = true;
        void this.worker.terminate();
        resolve({ type: 'hang', stage, ms: performance.now() - this.t0, stageMs });
      }, timeoutMs);
      this.pending = (o) => {
        clearTimeout(timer);
        resolve(o);
      };
      this.worker.postMessage(msg);
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

export function saveFailure(outDir: string, runSeed: number, c: FuzzCase, f: FailureRecord, opts: RunOptions): string {
  fs.mkdirSync(outDir, { recursive: true });
  const base = `${f.kind}-${runSeed}-${c.caseNo}${extOf(c.fileName)}`;
  const file = path.join(outDir, base);
  fs.writeFileSync(file, c.text);
  const sidecar = {
    kind: f.kind,
    signature: f.signature,
    seed: runSeed,
    case: c.caseNo,
    fileName: c.fileName,
    seedLabel: c.seedLabel,
    mutations: c.mutations,
    stage: f.stage,
    error: f.message,
    stack: f.stack,
    ms: Math.round(f.ms),
    confirmed: f.confirmed,
    rerunMs: f.rerunMs === undefined ? undefined : Math.round(f.rerunMs),
    stageMs: f.stageMs,
    longestStage: f.longest ? { stage: f.longest.stage, ms: Math.round(f.longest.ms) } : undefined,
    timeoutMs: opts.timeoutMs,
    incremental: c.incremental,
    caseOptions: opts.caseOptions ?? {},
    module: c.module ? { dir: c.module.dir, notes: c.module.notes, files: c.module.files } : undefined,
    replay: `node --import tsx test/fuzz/fuzz.ts --replay ${c.caseNo} --seed ${runSeed}${opts.caseOptions?.excludeMutations?.length ? ` --exclude-mutations ${opts.caseOptions.excludeMutations.join(',')}` : ''}${opts.caseOptions?.incrementalEvery !== undefined ? ` --incremental-every ${opts.caseOptions.incrementalEvery}` : ''}`,
    minimize: `node --import tsx test/fuzz/minimize.ts ${path.relative(process.cwd(), file)}.json`,
  };
  fs.writeFileSync(`${file}.json`, JSON.stringify(sidecar, null, 2));
  return file;
}

/** Runs cases start .. start+cases-1 of run `seed` on `workers` workers. */
export async function runFuzz(opts: RunOptions): Promise<RunResult> {
  const seeds = opts.seeds ?? loadSeeds();
  const start = opts.start ?? 0;
  const end = start + opts.cases;
  const queue: number[] = [];
  if (opts.only) queue.push(...opts.only);
  else for (let n = start; n < end; n++) if (!opts.skip?.has(n)) queue.push(n);
  const total = queue.length;
  let qi = 0;
  const jfd = opts.journal ? fs.openSync(opts.journal, 'a') : undefined;
  const journal = (line: string): void => {
    if (jfd !== undefined) fs.writeSync(jfd, `${line}\n`);
  };
  const ended = (caseNo: number, ms: number, status: string, longest: { stage: string; ms: number } | undefined, sig = ''): void =>
    journal(`R ${caseNo} ${Math.round(ms)} ${status} ${longest?.stage ?? '-'} ${Math.round(longest?.ms ?? 0)} | ${sig}`);
  const confirm = opts.confirmHangs ?? true;
  const init: Omit<WorkerInit, 'status'> = { seeds, runSeed: opts.seed, caseOptions: opts.caseOptions ?? {} };
  const failures: FailureRecord[] = [];
  const classes = new Map<string, FailureClass>();
  let done = 0;
  let crashes = 0;
  let knownCrashes = 0;
  let hangs = 0;
  let unconfirmed = 0;
  let slowest: Slowest | undefined;
  const t0 = performance.now();

  const record = (f: FailureRecord): void => {
    failures.push(f);
    let cls = classes.get(f.signature);
    if (!cls) classes.set(f.signature, (cls = { signature: f.signature, count: 0, first: f }));
    cls.count++;
    const limit = f.known ? 3 : (opts.maxSavedPerClass ?? Infinity);
    if (opts.outDir && cls.count <= limit) {
      const c = makeCase(seeds, opts.seed, f.caseNo, opts.caseOptions);
      f.saved = saveFailure(opts.outDir, opts.seed, c, f, opts);
    }
  };

  const progressTimer = opts.onProgress
    ? setInterval(() => opts.onProgress?.({ done, total, crashes, hangs, elapsedMs: performance.now() - t0, slowest }), opts.progressMs ?? 10_000)
    : undefined;

  // A worker that fails to start (a source file caught half-written by an editor, a loader hiccup) is retried.
  const spawn = async (): Promise<FuzzWorker> => {
    for (let attempt = 1; ; attempt++) {
      const w = new FuzzWorker(init, opts.stackSizeMb ?? 1);
      try {
        await w.ready;
        return w;
      } catch (e) {
        await w.terminate().catch(() => undefined);
        if (attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 2000 * attempt));
      }
    }
  };

  const slot = async (): Promise<void> => {
    let w = await spawn();
    try {
      while (qi < queue.length) {
        const caseNo = queue[qi++];
        journal(`S ${caseNo}`);
        const o = await w.run({ type: 'case', caseNo }, opts.timeoutMs);
        done++;
        if (o.type === 'result') {
          const r = o.r;
          if (!slowest || r.ms > slowest.ms) slowest = { ms: r.ms, caseNo, fileName: r.fileName, seedLabel: r.seedLabel, mutations: r.mutations, longest: r.longest };
          if (r.failure) {
            const sig = signature(r.failure.kind, r.failure.stage, `${r.failure.name}: ${r.failure.message}`, r.failure.stack);
            const known = !!opts.known?.test(sig);
            crashes++;
            if (known) knownCrashes++;
            record({ kind: r.failure.kind, caseNo, fileName: r.fileName, seedLabel: r.seedLabel, mutations: r.mutations, stage: r.failure.stage, message: `${r.failure.name}: ${r.failure.message}`, stack: r.failure.stack, ms: r.ms, signature: sig, known, longest: r.longest });
            ended(caseNo, r.ms, r.failure.kind, r.longest, sig);
          } else ended(caseNo, r.ms, 'ok', r.longest);
          continue;
        }
        // A hang or a dead worker: the worker is gone; regenerate the case here for the record.
        const c = makeCase(seeds, opts.seed, caseNo, opts.caseOptions);
        w = await spawn();
        if (o.type === 'exit') {
          const sig = signature('worker-exit', o.stage, o.error, undefined);
          const known = !!opts.known?.test(sig);
          crashes++;
          if (known) knownCrashes++;
          record({ kind: 'worker-exit', caseNo, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, stage: o.stage, message: o.error, ms: o.ms, signature: sig, known });
          ended(caseNo, o.ms, 'worker-exit', undefined, sig);
          continue;
        }
        let confirmed = true;
        let rerunMs: number | undefined;
        let rerunLongest: { stage: string; ms: number } | undefined;
        if (confirm) {
          const again = await w.run({ type: 'case', caseNo }, opts.timeoutMs);
          if (again.type === 'hang' || again.type === 'exit') w = await spawn();
          else {
            confirmed = false;
            rerunMs = again.r.ms;
            rerunLongest = again.r.longest;
          }
        }
        const sig = signature('hang', o.stage, '', undefined);
        const known = !!opts.known?.test(sig);
        if (confirmed) hangs++;
        else unconfirmed++;
        if (!slowest || o.ms > slowest.ms) slowest = { ms: o.ms, caseNo, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, longest: { stage: o.stage, ms: o.stageMs } };
        const msg = `over ${opts.timeoutMs} ms; stopped in ${o.stage}, which had run ${o.stageMs} ms${rerunMs !== undefined ? `; the re-run finished in ${Math.round(rerunMs)} ms (longest stage ${rerunLongest?.stage} ${Math.round(rerunLongest?.ms ?? 0)} ms)` : ''}`;
        const hsig = confirmed ? sig : `timeout (not reproduced) @ ${o.stage}`;
        record({ kind: 'hang', caseNo, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, stage: o.stage, message: msg, ms: o.ms, signature: hsig, known, confirmed, rerunMs, stageMs: o.stageMs, longest: rerunLongest });
        ended(caseNo, o.ms, confirmed ? 'hang' : 'timeout', { stage: o.stage, ms: o.stageMs }, hsig);
      }
    } finally {
      await w.terminate();
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, () => slot()));
  } finally {
    if (progressTimer) clearInterval(progressTimer);
    if (jfd !== undefined) fs.closeSync(jfd);
  }
  const wallMs = performance.now() - t0;
  return {
    cases: done,
    failures,
    crashes,
    knownCrashes,
    hangs,
    unconfirmedTimeouts: unconfirmed,
    slowest,
    wallMs,
    casesPerSec: done / (wallMs / 1000),
    classes: [...classes.values()].sort((a, b) => b.count - a.count),
    timeoutMs: opts.timeoutMs,
  };
}

/** The closing line: `fuzz: N cases, C crashes, H hangs over T ms, slowest case X ms (file, mutations), Y cases/s`. */
export function summaryLine(r: RunResult): string {
  const s = r.slowest;
  const slow = s
    ? `${Math.round(s.ms)} ms (case ${s.caseNo}, ${s.fileName} from ${s.seedLabel}, ${s.mutations.join(' ; ').slice(0, 300)}${s.longest ? `; longest stage ${s.longest.stage} ${Math.round(s.longest.ms)} ms` : ''})`
    : 'n/a';
  const extra = r.unconfirmedTimeouts > 0 ? ` (+${r.unconfirmedTimeouts} timeouts not reproduced on re-run)` : '';
  return `fuzz: ${r.cases} cases, ${r.crashes} crashes, ${r.hangs} hangs over ${r.timeoutMs} ms${extra}, slowest case ${slow}, ${r.casesPerSec.toFixed(1)} cases/s`;
}

/** One line per failure class: count, signature, first case and its saved input. */
export function classLines(r: RunResult): string[] {
  return r.classes.map((c) => `  ${String(c.count).padStart(6)} × ${c.signature}${c.first.known ? ' [known]' : ''}\n           first: case ${c.first.caseNo} (${c.first.fileName} from ${c.first.seedLabel})${c.first.saved ? ` → ${path.relative(process.cwd(), c.first.saved)}` : ''}`);
}

// ---- the journal (what survives a process that dies) ----

export interface JournalEntry {
  readonly caseNo: number;
  readonly ms: number;
  readonly status: string;
  readonly longest: { stage: string; ms: number };
  readonly signature: string;
}

export interface Journal {
  readonly started: Set<number>;
  readonly results: Map<number, JournalEntry>;
}

export function readJournal(file: string): Journal {
  const started = new Set<number>();
  const results = new Map<number, JournalEntry>();
  if (!fs.existsSync(file)) return { started, results };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('S ')) started.add(Number(line.slice(2)));
    else if (line.startsWith('R ')) {
      const bar = line.indexOf(' | ');
      const [, n, ms, status, stage, stageMs] = line.slice(0, bar < 0 ? undefined : bar).split(' ');
      results.set(Number(n), { caseNo: Number(n), ms: Number(ms), status, longest: { stage, ms: Number(stageMs) }, signature: bar < 0 ? '' : line.slice(bar + 3) });
    }
  }
  return { started, results };
}

const CRASH_STATUSES = new Set(['crash', 'span', 'incremental', 'worker-exit', 'process-crash']);

/** The figures of a whole run from its journal (the supervisor's view across child processes). */
export function resultFromJournal(j: Journal, opts: { seed: number; timeoutMs: number; caseOptions?: CaseOptions; known?: RegExp; outDir?: string; seeds: Seed[]; wallMs: number }): RunResult {
  let crashes = 0;
  let knownCrashes = 0;
  let hangs = 0;
  let unconfirmed = 0;
  let slowestEntry: JournalEntry | undefined;
  const classes = new Map<string, FailureClass>();
  for (const e of [...j.results.values()].sort((a, b) => a.caseNo - b.caseNo)) {
    if (!slowestEntry || e.ms > slowestEntry.ms) slowestEntry = e;
    if (e.status === 'ok') continue;
    const known = !!opts.known?.test(e.signature);
    if (CRASH_STATUSES.has(e.status)) {
      crashes++;
      if (known) knownCrashes++;
    } else if (e.status === 'hang') hangs++;
    else if (e.status === 'timeout') unconfirmed++;
    let cls = classes.get(e.signature);
    if (!cls) {
      const kind = (e.status === 'timeout' ? 'hang' : e.status) as FailureKind;
      const c = makeCase(opts.seeds, opts.seed, e.caseNo, opts.caseOptions);
      const file = opts.outDir ? path.join(opts.outDir, `${kind}-${opts.seed}-${e.caseNo}${extOf(c.fileName)}`) : undefined;
      const first: FailureRecord = { kind, caseNo: e.caseNo, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, stage: e.longest.stage, message: e.signature, ms: e.ms, signature: e.signature, known, saved: file && fs.existsSync(file) ? file : undefined };
      classes.set(e.signature, (cls = { signature: e.signature, count: 0, first }));
    }
    cls.count++;
  }
  let slowest: Slowest | undefined;
  if (slowestEntry) {
    const c = makeCase(opts.seeds, opts.seed, slowestEntry.caseNo, opts.caseOptions);
    slowest = { ms: slowestEntry.ms, caseNo: slowestEntry.caseNo, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, longest: slowestEntry.longest };
  }
  return {
    cases: j.results.size,
    failures: [],
    crashes,
    knownCrashes,
    hangs,
    unconfirmedTimeouts: unconfirmed,
    slowest,
    wallMs: opts.wallMs,
    casesPerSec: j.results.size / (opts.wallMs / 1000),
    classes: [...classes.values()].sort((a, b) => b.count - a.count),
    timeoutMs: opts.timeoutMs,
  };
}
