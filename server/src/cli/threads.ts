/**
 * The CLI's files scanned in this thread or in worker threads. Work is handed out a unit at a time (a Terraform module
 * — its folder's files — stays in one worker, so its folder is read and analysed once), and the outcomes are given back
 * in the files' order whatever the number of threads: the report is the same byte for byte.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { unitOf } from './files';
import { Scanner, type FileOutcome, type ScannerSetup } from './scanner';

/**
 * One thread unless `--threads` asks for more. Measured on 2 cores (npm run bench -- --only threads): 2 threads were
 * slower than 1 — the corpus 411 vs 497 files/s, the 2,250-file monorepo 536 vs 692 files/s — since the work per file
 * is small next to starting workers and passing outcomes back as JSON. `--threads N` is there for larger machines.
 */
export function defaultThreads(): number {
  return 1;
}

interface WorkerInput {
  readonly kind: 'aws-responsibility-scan';
  readonly setup: ScannerSetup;
  readonly files: readonly string[];
}

type ToWorker = { unit: readonly number[] } | { stop: true };
/** A file's outcome crosses threads as JSON text: cheaper than a structured clone of a large report entry. */
type FromWorker = { index: number; messages: readonly string[]; readErrors: number; file?: string } | { unitDone: true } | { failed: string };

/** Files grouped into units, in the order of their first file. */
function units(files: readonly string[]): number[][] {
  const byUnit = new Map<string, number[]>();
  files.forEach((f, i) => {
    const u = unitOf(f);
    const list = byUnit.get(u);
    if (list) list.push(i);
    else byUnit.set(u, [i]);
  });
  return [...byUnit.values()];
}

/**
 * Scans every file; `onOutcome` is called once per file, in the files' order. With `threads` > 1, workers run this very
 * module (`entry`: the running bundle, or this file under a TypeScript loader).
 */
export async function scanAll(
  files: readonly string[],
  setup: ScannerSetup,
  threads: number,
  onOutcome: (index: number, outcome: FileOutcome) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (threads <= 1 || files.length < 2) {
    const scanner = new Scanner(setup);
    files.forEach((f, i) => {
      onOutcome(i, scanner.scan(f));
      onProgress?.(i + 1, files.length);
    });
    return;
  }
  const work = units(files);
  const pending = new Map<number, FileOutcome>();
  let next = 0;
  let done = 0;
  const deliver = (index: number, outcome: FileOutcome): void => {
    pending.set(index, outcome);
    while (pending.has(next)) {
      const o = pending.get(next) as FileOutcome;
      pending.delete(next);
      onOutcome(next, o);
      next++;
    }
    done++;
    onProgress?.(done, files.length);
  };
  const input: WorkerInput = { kind: 'aws-responsibility-scan', setup: { ...setup, reportConfigErrors: false }, files };
  let unitAt = 0;
  const count = Math.min(threads, work.length);
  await new Promise<void>((resolve, reject) => {
    let running = count;
    let failed = false;
    const workers: Worker[] = [];
    const give = (w: Worker): void => {
      if (unitAt < work.length) w.postMessage({ unit: work[unitAt++] } satisfies ToWorker);
      else w.postMessage({ stop: true } satisfies ToWorker);
    };
    for (let k = 0; k < count; k++) {
      const w = spawnWorker(input);
      workers.push(w);
      w.on('message', (m: FromWorker) => {
        if ('index' in m) deliver(m.index, { messages: m.messages, readErrors: m.readErrors, ...(m.file !== undefined ? { file: JSON.parse(m.file) as FileOutcome['file'] } : {}) });
        else if ('unitDone' in m) give(w);
        else if ('failed' in m && !failed) {
          failed = true;
          for (const x of workers) void x.terminate();
          reject(new Error(m.failed));
        }
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        for (const x of workers) void x.terminate();
        reject(e);
      });
      w.on('exit', () => {
        running--;
        if (running === 0 && !failed) resolve();
      });
      give(w);
    }
  });
}

/**
 * A worker running this module: the bundle it was built into (dist/cli.js), or — when the CLI runs from its
 * TypeScript sources under tsx (tests, benchmarks) — this file through tsx's CommonJS hook, which workers do not
 * inherit from `--import tsx`.
 */
function spawnWorker(input: WorkerInput): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(__filename, { workerData: input });
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`;
  return new Worker(boot, { eval: true, workerData: input, execArgv: [] });
}

/** The worker side: scan the units the main thread hands out until told to stop. */
function workerLoop(input: WorkerInput): void {
  const port = parentPort;
  if (!port) return;
  const scanner = new Scanner(input.setup);
  port.on('message', (m: ToWorker) => {
    if ('stop' in m) {
      port.close();
      return;
    }
    try {
      for (const i of m.unit) {
        const o = scanner.scan(input.files[i]);
        port.postMessage({ index: i, messages: o.messages, readErrors: o.readErrors, ...(o.file ? { file: JSON.stringify(o.file) } : {}) } satisfies FromWorker);
      }
      port.postMessage({ unitDone: true } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ failed: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.kind === 'aws-responsibility-scan') workerLoop(workerData as WorkerInput);
