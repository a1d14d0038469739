/**
 * `npm run bench`: speed and memory, printed side by side with the libraries they are compared to.
 * Each case runs in its own process. Figures, not assertions: tests never time anything.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SERVER_EXEC_ARGV } from '../client/src/server-flags';

const sizes = process.argv.includes('--quick') ? [100, 1000] : [100, 1000, 10000];
const formats = ['yaml', 'json', 'tf'];
interface Row {
  [k: string]: number | string | null;
}
const rows: Row[] = [];

function catalogFigures(): Row {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
    const t0 = performance.now();
    const c = require('./server/src/core/catalog/catalog.ts');
    c.lookupType({ language: 'cloudformation', type: 'AWS::S3::Bucket', mode: 'resource' });
    const load = performance.now() - t0;
    const types = c.knownTypes('cloudformation').concat(c.knownTypes('terraform'));
    const t1 = performance.now();
    for (let k = 0; k < 10; k++) for (const t of types) c.lookupType({ language: t.includes('::') ? 'cloudformation' : 'terraform', type: t, mode: 'resource' });
    const per = (performance.now() - t1) / (10 * types.length) * 1000;
    console.log(JSON.stringify({ loadMs: load, lookupUs: per, types: types.length }));
  `], { encoding: 'utf8', cwd: path.resolve(__dirname, '..') });
  const fig = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  const size = (f: string): number => fs.statSync(path.resolve(__dirname, '..', f)).size / 1024;
  return { ...fig, catalogKB: size('data/catalog.json'), classificationKB: size('data/classification.json'), bundleKB: fs.existsSync(path.resolve(__dirname, '../dist/server.js')) ? size('dist/server.js') : null };
}

const f = (x: unknown, d = 1): string => (typeof x === 'number' ? x.toFixed(d) : '—');

// Measure the code as it ships: one esbuild bundle, like dist/server.js (no TypeScript loader in the timed process).
const caseJs = path.join(__dirname, 'out', 'case.js');
fs.mkdirSync(path.dirname(caseJs), { recursive: true });
const built = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(__dirname, 'case.ts'))}], bundle: true, platform: 'node', target: 'node18', format: 'cjs', mainFields: ['module', 'main'], outfile: ${JSON.stringify(caseJs)}, external: ['web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'], logLevel: 'error' })`], { encoding: 'utf8', cwd: path.resolve(__dirname, '..') });
if (built.status !== 0) throw new Error(`bench build failed: ${built.stderr}`);

/** One case in its own process: with the V8 options the extension starts the server with (see client/src/server-flags.ts), or V8's defaults. */
function runCase(format: string, n: number, v8Defaults: boolean): Row | undefined {
  const flags = ['--expose-gc', '--max-old-space-size=8192', ...(v8Defaults ? [] : SERVER_EXEC_ARGV)];
  const r = spawnSync(process.execPath, [...flags, caseJs, format, String(n)], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: path.resolve(__dirname, '..') });
  if (r.status !== 0) {
    process.stdout.write(`${format} ${n}: FAILED (exit ${r.status})\n${r.stderr}\n`);
    rows.push({ format, resources: n, failed: 1 });
    return undefined;
  }
  const row = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Row;
  row.v8Defaults = v8Defaults ? 1 : 0;
  rows.push(row);
  return row;
}

function baseFigure(format: string, row: Row): string {
  return format === 'yaml'
    ? `yaml.parseDocument ${f(row.parseDocument)} ms (full = ${f((row.fullMs as number) / (row.parseDocument as number), 2)}×)`
    : format === 'json'
      ? `JSON.parse ${f(row.JSONparse)} ms, jsonc parseTree ${f(row.jsoncParseTree)} ms (full = ${f((row.fullMs as number) / (row.jsoncParseTree as number), 2)}× jsonc)`
      : `tree-sitter HCL ${f(row.treeSitter)} ms (ours ${f((row.treeSitter as number) / (row.fullMs as number), 1)}× faster)`;
}

process.stdout.write(`Server V8 options: ${SERVER_EXEC_ARGV.join(' ')} (the last lines repeat 1,000 resources with V8's defaults)\n`);
for (const n of sizes) {
  for (const format of formats) {
    const row = runCase(format, n, false);
    if (!row) continue;
    process.stdout.write(
      `${format.padEnd(4)} ${String(n).padStart(6)} res ${f((row.bytes as number) / 1048576, 2).padStart(6)} MB | full ${f(row.fullMs).padStart(8)} ms (cold ${f(row.firstMs, 0)}) | edit ${f(row.editMs, 2).padStart(7)} ms | hover ${f(row.hoverMs, 3)} ms | heap ${f(row.heapRetainedMB)} MB, peak RSS ${f(row.peakRssMB, 0)} MB | ${baseFigure(format, row)}\n`,
    );
  }
}
for (const format of formats) {
  const row = runCase(format, 1000, true);
  if (row) process.stdout.write(`${format.padEnd(4)}   1000 res, V8 defaults | full ${f(row.fullMs).padStart(8)} ms | edit ${f(row.editMs, 2).padStart(7)} ms | peak RSS ${f(row.peakRssMB, 0)} MB | ${baseFigure(format, row)}\n`);
}
const cat = catalogFigures();
process.stdout.write(`catalog: load ${f(cat.loadMs)} ms, lookup ${f(cat.lookupUs, 2)} µs/type over ${cat.types} types, catalog.json ${f(cat.catalogKB, 0)} KB, classification.json ${f(cat.classificationKB, 0)} KB, server bundle ${f(cat.bundleKB, 0)} KB\n`);
fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'out', 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, catalog: cat }, null, 2));
