/**
 * Minimizes a saved failing input: keeps the smallest text that still fails the same way (same signature; for a hang,
 * still over the time bound). Candidates run in a worker with the watchdog, like the fuzz cases.
 *
 *   node --import tsx test/fuzz/minimize.ts test/fuzz/out/<kind>-<seed>-<case>.<ext>.json [--max-tests 600]
 *        [--timeout-ms T] [--file main|<module path>] [--base]
 *
 * Writes `<input>.min<ext>` (and prints it when short). `--base` minimizes the incremental oracle's first text (the
 * seed) instead of the mutated one. In a module case `--file` picks which of the module's files to shrink.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCase, signature, type FuzzCase } from './engine';
import { FuzzWorker } from './runner';
import { loadSeeds } from './seeds';

interface Sidecar {
  kind: string;
  signature: string;
  seed: number;
  case: number;
  fileName: string;
  timeoutMs: number;
  incremental: boolean;
  caseOptions: { excludeMutations?: string[]; incrementalEvery?: number };
  module?: { dir: string; files: Record<string, string> };
}

type Input = Pick<FuzzCase, 'fileName' | 'text' | 'base' | 'incremental' | 'module' | 'oracleKey'>;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const sidecarPath = process.argv[2];
  if (!sidecarPath || !sidecarPath.endsWith('.json')) {
    process.stderr.write('usage: node --import tsx test/fuzz/minimize.ts <saved input>.json [--max-tests N] [--timeout-ms T] [--file P] [--base]\n');
    return 2;
  }
  const side = JSON.parse(fs.readFileSync(sidecarPath, 'utf8')) as Sidecar;
  const inputPath = sidecarPath.slice(0, -'.json'.length);
  const maxTests = Number(arg('--max-tests') ?? 600);
  const timeoutMs = Number(arg('--timeout-ms') ?? side.timeoutMs ?? 2000);
  const seeds = loadSeeds();
  const original = makeCase(seeds, side.seed, side.case, side.caseOptions);
  const text = fs.readFileSync(inputPath, 'utf8');
  const mainPath = side.module ? `${side.module.dir}/main.tf` : undefined;
  const target = arg('--file') ?? 'main';
  const shrinkBase = process.argv.includes('--base');
  const files = side.module ? { ...side.module.files } : undefined;
  let input: Input = {
    fileName: side.fileName,
    text,
    base: original.base,
    incremental: side.incremental,
    module: side.module && files ? { dir: side.module.dir, files, notes: [] } : undefined,
    oracleKey: original.oracleKey,
  };
  const get = (i: Input): string => (shrinkBase ? i.base : target === 'main' ? i.text : (i.module?.files[target] ?? ''));
  const set = (i: Input, t: string): Input => {
    if (shrinkBase) return { ...i, base: t };
    if (target === 'main') {
      const mod = i.module && mainPath ? { ...i.module, files: { ...i.module.files, [mainPath]: t } } : i.module;
      return { ...i, text: t, module: mod };
    }
    if (!i.module) throw new Error('--file needs a module case');
    return { ...i, module: { ...i.module, files: { ...i.module.files, [target]: t } } };
  };

  let worker = new FuzzWorker({ seeds: seeds.filter((s) => s.label.startsWith('generated:')), runSeed: side.seed, caseOptions: side.caseOptions });
  await worker.ready;
  let tests = 0;
  let id = 0;
  const t0 = performance.now();
  const fails = async (i: Input): Promise<boolean> => {
    tests++;
    const o = await worker.run({ type: 'input', id: id++, input: i }, timeoutMs);
    if (o.type !== 'result') {
      worker = new FuzzWorker({ seeds: seeds.filter((s) => s.label.startsWith('generated:')), runSeed: side.seed, caseOptions: side.caseOptions });
      await worker.ready;
      return side.kind === 'hang' ? o.type === 'hang' : side.kind === 'worker-exit' && o.type === 'exit';
    }
    if (side.kind === 'hang') return false;
    const f = o.r.failure;
    if (!f) return false;
    return signature(f.kind, f.stage, `${f.name}: ${f.message}`, f.stack) === side.signature;
  };

  if (!(await fails(input))) {
    process.stdout.write(`the saved input does not fail as "${side.signature}" here (flaky, or depends on timing); nothing to minimize\n`);
    await worker.terminate();
    return 1;
  }
  process.stdout.write(`minimizing ${shrinkBase ? 'the base text' : target} (${get(input).length} chars) of ${inputPath}: ${side.signature}\n`);

  const budget = (): boolean => tests < maxTests;
  const tryText = async (t: string): Promise<boolean> => {
    if (!budget()) return false;
    const cand = set(input, t);
    if (await fails(cand)) {
      input = cand;
      return true;
    }
    return false;
  };

  /** ddmin over units (lines or characters). */
  const ddmin = async (split: (t: string) => string[]): Promise<void> => {
    let units = split(get(input));
    let n = 2;
    while (units.length >= 2 && budget()) {
      const chunk = Math.ceil(units.length / n);
      let reduced = false;
      for (let i = 0; i < units.length && budget(); i += chunk) {
        const complement = units.slice(0, i).concat(units.slice(i + chunk));
        if (await tryText(complement.join(''))) {
          units = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= units.length) break;
        n = Math.min(units.length, n * 2);
      }
    }
  };

  /** Halves long runs of a repeated unit (a nesting burst, a long line) while it still fails. */
  const shrinkRuns = async (): Promise<void> => {
    for (let changed = true; changed && budget(); ) {
      changed = false;
      const t = get(input);
      const runs: { at: number; unit: string; count: number }[] = [];
      for (let period = 1; period <= 12; period++) {
        const re = new RegExp(`([\\s\\S]{${period}})\\1{15,}`, 'g');
        let m: RegExpExecArray | null;
        while ((m = re.exec(t)) !== null && runs.length < 50) runs.push({ at: m.index, unit: m[1], count: m[0].length / period });
      }
      runs.sort((a, b) => b.count * b.unit.length - a.count * a.unit.length);
      for (const r of runs.slice(0, 10)) {
        for (const keep of [Math.floor(r.count / 2), Math.floor((r.count * 3) / 4)]) {
          const cut = (r.count - keep) * r.unit.length;
          if (cut > 0 && (await tryText(t.slice(0, r.at) + t.slice(r.at + cut)))) {
            changed = true;
            break;
          }
        }
        if (changed) break;
      }
    }
  };

  await shrinkRuns();
  await ddmin((t) => t.split(/(?<=\n)/));
  await shrinkRuns();
  if (get(input).length <= 4000) await ddmin((t) => [...t]);
  else await ddmin((t) => t.match(/[\s\S]{1,16}/g) ?? []);
  if (get(input).length <= 4000) await ddmin((t) => [...t]);
  await worker.terminate();

  const ext = path.extname(inputPath);
  const out = `${inputPath.slice(0, -ext.length || undefined)}.min${shrinkBase ? '.base' : ''}${target === 'main' ? '' : `.${path.basename(target)}`}${ext}`;
  fs.writeFileSync(out, get(input));
  const result = get(input);
  process.stdout.write(`${tests} tests in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${result.length} chars → ${out}\n`);
  if (result.length <= 2000) process.stdout.write(`--- minimized (JSON-quoted) ---\n${JSON.stringify(result)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
