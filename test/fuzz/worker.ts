/**
 * A fuzz worker (worker_threads): builds case N itself (the seeds come in workerData) and runs the oracles on it,
 * or runs them on a given input (the minimizer). The current stage is written to a SharedArrayBuffer so the watchdog
 * can tell where a case hangs; a case's result is posted back when it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../../server/src/core/document';
import { memoryFs } from '../../server/src/core/project/project-fs';
import { TerraformProject } from '../../server/src/core/project/terraform-project';
import { makeCase, OracleFailure, runOracles, STAGES, type CaseOptions, type FuzzCase, type Stage } from './engine';
import type { Seed } from './seeds';

export interface WorkerInit {
  readonly seeds: Seed[];
  readonly runSeed: number;
  readonly caseOptions: CaseOptions;
  /** Int32 [stage index, case number], then Float64 [Date.now() when the stage started]. */
  readonly status: SharedArrayBuffer;
}

export type ToWorker =
  | { readonly type: 'case'; readonly caseNo: number }
  | { readonly type: 'input'; readonly id: number; readonly input: Pick<FuzzCase, 'fileName' | 'text' | 'base' | 'incremental' | 'module' | 'oracleKey'> };

export interface WorkerFailure {
  readonly kind: 'crash' | 'span' | 'incremental';
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly stage: Stage;
}

export type FromWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'result';
      readonly caseNo: number;
      readonly ms: number;
      readonly fileName: string;
      readonly mutations: readonly string[];
      readonly seedLabel: string;
      readonly size: number;
      readonly failure?: WorkerFailure;
      /** The longest single stage of the case. */
      readonly longest: { readonly stage: Stage; readonly ms: number };
    };

const init = workerData as WorkerInit;
const status = new Int32Array(init.status, 0, 2);
const started = new Float64Array(init.status, 8, 1);
const stageIndex = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));
let current: Stage = 'idle';
let stageT0 = 0;
let longest: { stage: Stage; ms: number } = { stage: 'idle', ms: 0 };
const hooks = {
  stage(s: Stage): void {
    const now = performance.now();
    if (current !== 'idle' && now - stageT0 > longest.ms) longest = { stage: current, ms: now - stageT0 };
    current = s;
    stageT0 = now;
    started[0] = Date.now();
    Atomics.store(status, 0, stageIndex.get(s) ?? 0);
  },
};

function run(c: Pick<FuzzCase, 'fileName' | 'text' | 'base' | 'incremental' | 'module' | 'oracleKey'>): { ms: number; failure?: WorkerFailure } {
  longest = { stage: 'idle', ms: 0 };
  const t0 = performance.now();
  try {
    runOracles(c, hooks);
    return { ms: performance.now() - t0 };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const kind = e instanceof OracleFailure ? e.kind : 'crash';
    return { ms: performance.now() - t0, failure: { kind, name: err.name, message: err.message, stack: err.stack, stage: current } };
  } finally {
    hooks.stage('idle');
  }
}

function warmUp(): void {
  // Load the catalog and compile the hot paths before the watchdog starts timing cases.
  for (const kind of ['yaml', 'json', 'tf'] as const) {
    const s = init.seeds.find((x) => x.kind === kind);
    if (s) for (let i = 0; i < 3; i++) analyzeText(s.fileName, s.text);
  }
  const tf = init.seeds.filter((x) => x.kind === 'tf').slice(0, 2);
  const files: Record<string, string> = {};
  tf.forEach((s, i) => (files[`/w/f${i}.tf`] = s.text));
  new TerraformProject({ fs: memoryFs(files) }).analyzeModule('/w');
}

const port = parentPort;
if (port) {
  warmUp();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'case') {
      Atomics.store(status, 1, m.caseNo);
      // A test hook for the supervisor (fuzz.ts): this case ends the whole process, as a fatal V8 error would.
      if (process.env.FUZZ_TEST_ABORT_CASE === String(m.caseNo)) process.kill(process.pid, 'SIGKILL');
      const c = makeCase(init.seeds, init.runSeed, m.caseNo, init.caseOptions);
      const r = run(c);
      const out: FromWorker = { type: 'result', caseNo: m.caseNo, ms: r.ms, fileName: c.fileName, mutations: c.mutations, seedLabel: c.seedLabel, size: c.text.length, failure: r.failure, longest };
      port.postMessage(out);
    } else {
      Atomics.store(status, 1, m.id);
      const r = run(m.input);
      const out: FromWorker = { type: 'result', caseNo: m.id, ms: r.ms, fileName: m.input.fileName, mutations: [], seedLabel: 'input', size: m.input.text.length, failure: r.failure, longest };
      port.postMessage(out);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
