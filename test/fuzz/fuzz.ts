/**
 * Mutation fuzzer of the analysis: looks for crashes (exceptions), hangs (a case over the time bound), spans outside
 * the text and incremental analyses that differ from fresh ones. See test/fuzz/README.md.
 *
 *   node --import tsx test/fuzz/fuzz.ts [--cases N] [--seed S] [--timeout-ms 2000] [--workers 2] [--start K]
 *        [--exclude-mutations a,b] [--known REGEX] [--incremental-every N] [--max-per-class N] [--no-confirm] [--out DIR]
 *   node --import tsx test/fuzz/fuzz.ts --replay N [--seed S] [--write FILE]     one case in-process, with stage timings
 *   node --import tsx test/fuzz/fuzz.ts --input FILE [--name main.tf]            the oracles on a file, in-process
 *
 * Exit code 1 when a crash or a hang was found, 2 on a usage error.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCase, runOracles, type CaseOptions, type Stage } from './engine';
import { MUTATION_NAMES } from './mutations';
import { classLines, OUT_DIR, readJournal, resultFromJournal, runFuzz, saveFailure, summaryLine, type FailureRecord } from './runner';
import { loadSeeds, type Seed } from './seeds';

interface Args {
  cases: number;
  seed: number;
  timeoutMs: number;
  workers: number;
  start: number;
  exclude: string[];
  known?: RegExp;
  incrementalEvery?: number;
  maxPerClass?: number;
  confirm: boolean;
  out: string;
  replay?: number;
  write?: string;
  input?: string;
  name?: string;
  /** Internal: run the pool in this process (the supervisor's child), journaling to `journal`. */
  child: boolean;
  journal?: string;
  only?: number[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { cases: 10_000, seed: 1, timeoutMs: 2000, workers: 2, start: 0, exclude: [], confirm: true, out: OUT_DIR, child: false };
  const num = (i: number, flag: string): number => {
    const v = Number(argv[i]);
    if (argv[i] === undefined || !Number.isFinite(v)) usage(`${flag} needs a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    switch (f) {
      case '--cases': a.cases = num(++i, f); break;
      case '--seed': a.seed = num(++i, f); break;
      case '--timeout-ms': a.timeoutMs = num(++i, f); break;
      case '--workers': a.workers = num(++i, f); break;
      case '--start': a.start = num(++i, f); break;
      case '--incremental-every': a.incrementalEvery = num(++i, f); break;
      case '--max-per-class': a.maxPerClass = num(++i, f); break;
      case '--exclude-mutations': {
        a.exclude = (argv[++i] ?? '').split(',').filter(Boolean);
        const bad = a.exclude.filter((m) => !MUTATION_NAMES.includes(m));
        if (bad.length) usage(`unknown mutation(s) ${bad.join(', ')}; known: ${MUTATION_NAMES.join(', ')}`);
        break;
      }
      case '--known': a.known = new RegExp(argv[++i] ?? ''); break;
      case '--no-confirm': a.confirm = false; break;
      case '--out': a.out = path.resolve(argv[++i] ?? usage('--out needs a folder')); break;
      case '--replay': a.replay = num(++i, f); break;
      case '--write': a.write = argv[++i]; break;
      case '--input': a.input = argv[++i]; break;
      case '--name': a.name = argv[++i]; break;
      case '--child': a.child = true; break;
      case '--journal': a.journal = argv[++i]; break;
      case '--only': a.only = (argv[++i] ?? '').split(',').map(Number); break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown option ${f}`);
    }
  }
  return a;
}

function usage(msg?: string): never {
  const text = fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*?|^ \* ?/gm, '');
  process.stderr.write(`${msg ? `${msg}\n\n` : ''}${text.trim()}\n`);
  process.exit(msg ? 2 : 0);
}

/** Runs the oracles in this process, printing the time of each stage. */
function inProcess(c: Parameters<typeof runOracles>[0]): number {
  const times: [Stage, number][] = [];
  let t = performance.now();
  let cur: Stage = 'idle';
  const hooks = {
    stage(s: Stage): void {
      const now = performance.now();
      if (cur !== 'idle') times.push([cur, now - t]);
      cur = s;
      t = now;
    },
  };
  const t0 = performance.now();
  try {
    const st = runOracles(c, hooks);
    process.stdout.write(`ok in ${(performance.now() - t0).toFixed(1)} ms: ${st.resources} resources, ${st.findings} findings, ${st.errors} syntax errors${st.refused ? ' (the server would refuse this text)' : ''}\n`);
    return 0;
  } catch (e) {
    process.stdout.write(`FAILED in stage ${cur} after ${(performance.now() - t0).toFixed(1)} ms:\n${e instanceof Error ? e.stack : String(e)}\n`);
    return 1;
  } finally {
    const agg = new Map<Stage, number>();
    for (const [s, ms] of times) agg.set(s, (agg.get(s) ?? 0) + ms);
    process.stdout.write(`stages: ${[...agg].map(([s, ms]) => `${s} ${ms.toFixed(1)} ms`).join(', ')}\n`);
  }
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  const caseOptions: CaseOptions = { excludeMutations: a.exclude, incrementalEvery: a.incrementalEvery };
  if (a.input !== undefined) {
    const text = fs.readFileSync(a.input, 'utf8');
    const side = fs.existsSync(`${a.input}.json`) ? (JSON.parse(fs.readFileSync(`${a.input}.json`, 'utf8')) as { fileName?: string; module?: { dir: string; files: Record<string, string> } }) : undefined;
    const fileName = a.name ?? side?.fileName ?? path.basename(a.input);
    const module = side?.module ? { dir: side.module.dir, files: { ...side.module.files, [`${side.module.dir}/main.tf`]: text }, notes: [] } : undefined;
    return inProcess({ fileName, text, base: text, incremental: false, module, oracleKey: 'input' });
  }
  const seeds = loadSeeds();
  if (a.replay !== undefined) {
    const c = makeCase(seeds, a.seed, a.replay, caseOptions);
    process.stdout.write(`case ${c.caseNo} of seed ${c.runSeed}: ${c.fileName} from ${c.seedLabel}, ${c.text.length} chars${c.incremental ? ', incremental check' : ''}\n`);
    for (const m of c.mutations) process.stdout.write(`  - ${m}\n`);
    for (const n of c.module?.notes ?? []) process.stdout.write(`  module: ${n}\n`);
    if (a.write) {
      fs.writeFileSync(a.write, c.text);
      process.stdout.write(`written to ${a.write}\n`);
    }
    return inProcess(c);
  }

  if (a.child) return child(a, caseOptions, seeds);
  return supervise(a, caseOptions, seeds);
}

/** The pool in this process: the supervisor's child (or a confirmation of one case). */
async function child(a: Args, caseOptions: CaseOptions, seeds: Seed[]): Promise<number> {
  const skip = a.journal ? new Set(readJournal(a.journal).results.keys()) : undefined;
  const r = await runFuzz({
    cases: a.cases,
    start: a.start,
    only: a.only,
    skip,
    journal: a.journal,
    seed: a.seed,
    timeoutMs: a.timeoutMs,
    workers: a.workers,
    caseOptions,
    outDir: a.out,
    known: a.known,
    confirmHangs: a.confirm,
    maxSavedPerClass: a.maxPerClass,
    seeds,
    progressMs: 15_000,
    onProgress: (p) => {
      const rate = p.done / (p.elapsedMs / 1000);
      process.stdout.write(`fuzz: ${p.done}/${p.total} cases (this process), ${p.crashes} crashes, ${p.hangs} hangs, ${rate.toFixed(1)} cases/s, slowest ${p.slowest ? `${Math.round(p.slowest.ms)} ms (case ${p.slowest.caseNo})` : 'n/a'}, ${(p.elapsedMs / 1000).toFixed(0)} s\n`);
    },
  });
  return r.crashes > 0 || r.hangs > 0 ? 1 : 0;
}

/** Runs a child process of this script; resolves with its exit code (or signal) and the end of its stderr. */
function runChild(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderrTail: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [...process.execArgv, __filename, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    c.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      tail = (tail + d.toString('utf8')).slice(-8000);
    });
    c.on('close', (code, signal) => resolve({ code, signal, stderrTail: tail }));
  });
}

/** A child that ended without finishing its cases (a fatal error of V8 ends the whole process, workers and all). */
function abnormal(r: { code: number | null; signal: NodeJS.Signals | null }): boolean {
  return r.signal !== null || (r.code !== 0 && r.code !== 1);
}

/**
 * Runs the pool in a child process and keeps the run going when that process dies: the cases it was running (from the
 * journal) are run again one by one, alone; one that kills its process again is a `process-crash`, saved like the rest.
 */
async function supervise(a: Args, caseOptions: CaseOptions, seeds: Seed[]): Promise<number> {
  fs.mkdirSync(a.out, { recursive: true });
  const journal = path.join(a.out, `journal-${a.seed}-${a.start}-${a.cases}.txt`);
  fs.rmSync(journal, { force: true });
  const pass: string[] = ['--cases', String(a.cases), '--start', String(a.start), '--seed', String(a.seed), '--timeout-ms', String(a.timeoutMs), '--out', a.out];
  if (a.exclude.length) pass.push('--exclude-mutations', a.exclude.join(','));
  if (a.known) pass.push('--known', a.known.source);
  if (a.incrementalEvery !== undefined) pass.push('--incremental-every', String(a.incrementalEvery));
  if (a.maxPerClass !== undefined) pass.push('--max-per-class', String(a.maxPerClass));
  if (!a.confirm) pass.push('--no-confirm');
  process.stdout.write(`fuzz: ${a.cases} cases from ${a.start}, seed ${a.seed}, ${a.workers} workers, hang bound ${a.timeoutMs} ms, ${seeds.length} seeds${a.exclude.length ? `, without mutations ${a.exclude.join(',')}` : ''}${a.known ? `, known class /${a.known.source}/` : ''}; journal ${path.relative(process.cwd(), journal)}\n`);
  const t0 = performance.now();
  const deaths: string[] = [];
  for (let restarts = 0; ; restarts++) {
    const r = await runChild([...pass, '--workers', String(a.workers), '--child', '--journal', journal]);
    const j = readJournal(journal);
    if (!abnormal(r) || j.results.size >= a.cases) break;
    if (restarts >= 100) {
      process.stderr.write('fuzz: the pool process died 100 times; stopping\n');
      break;
    }
    const inFlight = [...j.started].filter((n) => !j.results.has(n)).sort((x, y) => x - y);
    const fatal = r.stderrTail.split('\n').filter((l) => /FATAL|Fatal|fatal|out of memory|Allocation failed|Segmentation|Abort/i.test(l)).slice(0, 3).join(' / ') || `exit ${r.code ?? r.signal}`;
    process.stdout.write(`fuzz: the pool process died (${fatal}); in flight: cases ${inFlight.join(', ')}; running each alone\n`);
    let reproduced = false;
    for (const n of inFlight) {
      const alone = path.join(a.out, `journal-${a.seed}-case-${n}.txt`);
      fs.rmSync(alone, { force: true });
      const r1 = await runChild([...pass, '--workers', '1', '--child', '--journal', alone, '--only', String(n)]);
      const e = readJournal(alone).results.get(n);
      fs.rmSync(alone, { force: true });
      if (!abnormal(r1) && e) {
        fs.appendFileSync(journal, `R ${n} ${e.ms} ${e.status} ${e.longest.stage} ${e.longest.ms} | ${e.signature}\n`);
        continue;
      }
      const why = r1.stderrTail.split('\n').filter((l) => /FATAL|Fatal|fatal|out of memory|Allocation failed|Segmentation|Abort/i.test(l)).slice(0, 3).join(' / ') || `exit ${r1.code ?? r1.signal}`;
      const sig = `process-crash: ${why.replace(/\[\d+:0x[0-9a-f]+\]/g, '').replace(/\d+/g, 'N').slice(0, 160)}`;
      const c = makeCase(seeds, a.seed, n, caseOptions);
      const f: FailureRecord = { kind: 'process-crash', caseNo: n, fileName: c.fileName, seedLabel: c.seedLabel, mutations: c.mutations, stage: '?', message: `the process died: ${why}`, stack: r1.stderrTail, ms: 0, signature: sig, known: !!a.known?.test(sig) };
      saveFailure(a.out, a.seed, c, f, { cases: 1, seed: a.seed, timeoutMs: a.timeoutMs, workers: 1, caseOptions });
      fs.appendFileSync(journal, `R ${n} 0 process-crash - 0 | ${sig}\n`);
      reproduced = true;
      process.stdout.write(`fuzz: case ${n} kills the process alone too: ${why}\n`);
    }
    deaths.push(`${fatal} (in flight: ${inFlight.join(', ')}; ${reproduced ? 'reproduced alone' : 'none of them kills a process alone'})`);
  }
  const res = resultFromJournal(readJournal(journal), { seed: a.seed, timeoutMs: a.timeoutMs, caseOptions, known: a.known, outDir: a.out, seeds, wallMs: performance.now() - t0 });
  if (res.classes.length > 0) {
    process.stdout.write(`failure classes:\n${classLines(res).join('\n')}\n`);
    if (a.known) process.stdout.write(`with the known class: ${res.crashes} crashes; without it: ${res.crashes - res.knownCrashes} crashes\n`);
  }
  if (deaths.length > 0) process.stdout.write(`the pool process died ${deaths.length} time(s):\n${deaths.map((d) => `  ${d}`).join('\n')}\n`);
  process.stdout.write(`wall time ${(res.wallMs / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${summaryLine(res)}\n`);
  return res.crashes > 0 || res.hangs > 0 || deaths.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
