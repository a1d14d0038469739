/**
 * `npm run bench`: speed and memory, printed side by side with the libraries they are compared to.
 * Each case runs in its own process. Figures, not assertions: tests never time anything.
 *   --quick               100 and 1,000 resources per file only (the monorepo keeps its size: the targets are for it)
 *   --only files,catalog,monorepo,threads   some of the groups (default: all): single files per format, the catalog,
 *                         the Terraform monorepo (CLI scan, in-process analysis, language server; see monorepo.ts),
 *                         the CLI's files per second on the corpus and the monorepo with 1 and 2 worker threads
 *   --only files,catalog,monorepo,threads,server   some of the groups (see above; server: one file in the built
 *                         language server over stdio, see server-case.ts)
 *   --profile             also a CPU profile of the monorepo CLI scan: top 10 functions by self time
 *   --server-before JS    the server group also runs this server bundle (another build), in turns with ours
 *   --charts-from FILE    only draw the charts again, from the figures of an earlier run (bench/out/results*.json)
 * Writes bench/out/results.json and the charts images/bench/*.svg (bench/chart.ts) from the figures of the run.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../client/src/server-flags';
import { writeMonorepo, type MonorepoInfo } from './monorepo';
import { topSelfTime } from './profile';
import { lineChart, type Series } from './chart';

const GROUPS = ['files', 'catalog', 'monorepo', 'threads', 'server'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : GROUPS;
for (const g of only) if (!GROUPS.includes(g)) throw new Error(`--only: unknown group "${g}" (one of ${GROUPS.join(', ')})`);
const selected = (g: string): boolean => only.includes(g);
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

// `--charts-from bench/out/results.json`: only draw the charts again from a run's figures.
const chartsFrom = process.argv.indexOf('--charts-from');
if (chartsFrom >= 0) {
  const saved = JSON.parse(fs.readFileSync(process.argv[chartsFrom + 1] ?? '', 'utf8')) as { rows?: Row[]; server?: Row[] | null };
  writeCharts((saved.rows ?? []).filter((r) => !r.failed && !r.v8Defaults), (saved.server ?? []).filter((r) => !r.before));
  process.exit(0);
}

// Measure the code as it ships: one esbuild bundle, like dist/server.js (no TypeScript loader in the timed process).
function bundle(entry: string): string {
  const out = path.join(__dirname, 'out', entry.replace(/\.ts$/, '.js'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const built = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(__dirname, entry))}], bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, mainFields: ['module', 'main'], outfile: ${JSON.stringify(out)}, external: ['web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'], logLevel: 'error' })`], { encoding: 'utf8', cwd: path.resolve(__dirname, '..') });
  if (built.status !== 0) throw new Error(`bench build failed: ${built.stderr}`);
  return out;
}
const caseJs = selected('files') ? bundle('case.ts') : '';

/** One case in its own process: with the V8 options the extension starts the server with (see client/src/server-flags.ts), or V8's defaults. */
function runCase(format: string, n: number, v8Defaults: boolean): Row | undefined {
  const flags = ['--expose-gc', '--max-old-space-size=8192', ...(v8Defaults ? [] : SERVER_EXEC_ARGV)];
  const env = { ...process.env, ...(v8Defaults ? {} : SERVER_ENV) };
  const r = spawnSync(process.execPath, [...flags, caseJs, format, String(n)], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: path.resolve(__dirname, '..'), env });
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

if (selected('files')) {
  process.stdout.write(`Server options: ${SERVER_EXEC_ARGV.join(' ')}, environment ${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (the last lines repeat 1,000 resources with Node's defaults)\n`);
  for (const n of sizes) {
    for (const format of formats) {
      const row = runCase(format, n, false);
      if (!row) continue;
      process.stdout.write(
        `${format.padEnd(4)} ${String(n).padStart(6)} res ${f((row.bytes as number) / 1048576, 2).padStart(6)} MB | full ${f(row.fullMs).padStart(8)} ms (cold ${f(row.firstMs, 0)}) | edit ${f(row.editMs, 2).padStart(7)} ms | hover ${f(row.hoverMs, 3)} ms | heap ${f(row.heapRetainedMB)} MB, kept ${f(row.retainedMB)} MB${row.baselineRetainedMB != null ? ` (theirs ${f(row.baselineRetainedMB)})` : ''}, peak RSS ${f(row.peakRssMB, 0)} MB | ${baseFigure(format, row)}\n`,
      );
    }
  }
  for (const format of formats) {
    const row = runCase(format, 1000, true);
    if (row) process.stdout.write(`${format.padEnd(4)}   1000 res, V8 defaults | full ${f(row.fullMs).padStart(8)} ms | edit ${f(row.editMs, 2).padStart(7)} ms | peak RSS ${f(row.peakRssMB, 0)} MB | ${baseFigure(format, row)}\n`);
  }
}
const cat = selected('catalog') ? catalogFigures() : undefined;
if (cat) process.stdout.write(`catalog: load ${f(cat.loadMs)} ms, lookup ${f(cat.lookupUs, 2)} µs/type over ${cat.types} types, catalog.json ${f(cat.catalogKB, 0)} KB, classification.json ${f(cat.classificationKB, 0)} KB, server bundle ${f(cat.bundleKB, 0)} KB\n`);
const served = selected('server') ? serverFigures() : undefined;
const mono = selected('monorepo') ? monorepoFigures() : undefined;
const threads = selected('threads') ? threadFigures() : undefined;
fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
// A partial run (--only) does not overwrite the full run's figures.
fs.writeFileSync(path.join(__dirname, 'out', onlyAt >= 0 ? `results-${only.join('-')}.json` : 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, server: served, catalog: cat, monorepo: mono, threads }, null, 2));
writeCharts(rows.filter((r) => !r.failed && !r.v8Defaults), served?.filter((r) => !r.before) ?? []);

// ---- One file in the language server over stdio (server-case.ts): the whole didChange → publishDiagnostics path. ----

/** The largest generated file of each format under the server's default 10 MB limit, at "10,000 resources". */
function serverSize(format: string, n: number): number {
  // 10,000 resources of CloudFormation JSON are 13 MB (refused by default): 7,500 are 9.5 MB.
  return format === 'json' && n >= 10000 ? 7500 : n;
}

/** server-case.js in its own process: one row per server build it ran (in turns, see server-case.ts). */
function serverCase(js: string, format: string, n: number, serverJss: readonly string[]): Row[] {
  const r = spawnSync(process.execPath, [js, format, String(n), ...serverJss], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: path.resolve(__dirname, '..') });
  if (r.status !== 0) {
    process.stdout.write(`server ${format} ${n}: FAILED (exit ${r.status})\n${r.stderr}\n`);
    return [];
  }
  return r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Row);
}

function serverFigures(): Row[] {
  const js = bundle('server-case.ts');
  const beforeAt = process.argv.indexOf('--server-before');
  const before = beforeAt >= 0 ? path.resolve(process.argv[beforeAt + 1] ?? '') : undefined;
  const ours = path.resolve(__dirname, '..', 'dist', 'server.js');
  const out: Row[] = [];
  process.stdout.write(
    `\nThe language server over stdio (dist/server.js as it ships: npm run bench builds it minified, as vscode:prepublish does; the extension's Node options and environment), one file open, as an editor drives it (diagnostics ${process.env.BENCH_PUSH ? 'pushed, as editors other than ours get them (BENCH_PUSH=1)' : 'pulled after each change, as our VS Code client does; BENCH_PUSH=1 for push'}): didOpen → first diagnostics (and, after it is closed, for another file of the same size in the running server); a character typed or deleted in the middle resource (incremental sync; on files of 5,000+ resources after a 0.35 s pause, as the server debounces fast typing there) → that version's diagnostics, the whole path (median / p90), and within it the server's analysis and the rest; a hover on the next resource sent right behind a didChange, and after the diagnostics; the server's heap after a full GC and its peak RSS${before ? `; every step in turns with ${before}` : ''}\n`,
  );
  const print = (row: Row, tag: string): void => {
    const size = `${row.format} ${String(row.resources).padStart(6)} res ${f((row.bytes as number) / 1048576, 2).padStart(5)} MB`;
    process.stdout.write(
      `${tag}${size} | open → diag ${f(row.openMs, 0).padStart(5)} ms (another file in the running server ${f(row.otherOpenMs, 0)}; in a server idle since its start ${f(row.idleOpenMs, 0)}, warmed up in ${f(row.warmUpMs, 0)} ms of CPU, analysis ${f(row.idleOpenAnalysisMs, 0)}, peak RSS ${f(row.idlePeakRssMB, 0)} MB) | edit → diag ${f(row.editMs, 1).padStart(6)} / ${f(row.editP90Ms, 1)} ms: analysis ${f(row.analysisMs, 1)}, rest ${f(row.outsideAnalysisMs, 1)} (sync ${f(row.syncMs, 2)}, wait ${f(row.waitMs, 2)}, findings ${f(row.findingsMs, 2)}, convert ${f(row.convertMs, 2)}, deliver ${f(row.deliverMs, 1)}, write ${f(row.writeMs, 1)}, client read ${f(row.clientReadMs, 1)}; ${row.diagnostics} diagnostics, ${row.reused ?? '—'} reused) | hover ${f(row.hoverDuringEditMs, 2)} / ${f(row.hoverAfterEditMs, 2)} ms${row.hoverOk ? '' : ' (NO HOVER)'} | heap ${f(row.heapEditedMB, 0)} MB (after edits in 20 resources ${f(row.heapSpreadEditsMB, 0)}, closed ${f(row.heapClosedMB, 0)}, empty ${f(row.heapBaseMB, 0)}), peak RSS ${f(row.peakRssMB, 0)} MB\n`,
    );
  };
  for (const n of sizes) {
    for (const format of formats) {
      const rows = serverCase(js, format, serverSize(format, n), before ? [before, ours] : [ours]);
      rows.forEach((row, i) => {
        if (before && i === 0) row.before = 1;
        out.push(row);
        print(row, before ? (i === 0 ? 'before ' : 'ours   ') : '');
      });
    }
  }
  const target = (format: string, n: number, what: string, key: string, limit: number): void => {
    const row = out.find((r) => !r.before && r.format === format && r.resources === n);
    if (!row) return;
    const v = row[key] as number;
    process.stdout.write(`  ${`${format} ${n.toLocaleString('en')} resources: ${what}`.padEnd(60)} ${f(v, 1).padStart(8)}   target ≤ ${limit}${v <= limit ? '  met' : '  NOT MET'}\n`);
  };
  process.stdout.write('Against the targets:\n');
  target('yaml', 1000, 'edit → diagnostics over stdio, ms', 'editMs', 20);
  target('yaml', 1000, 'hover right after an edit, ms', 'hoverDuringEditMs', 5);
  target('yaml', 1000, 'open → first diagnostics, ms', 'openMs', 100);
  target('yaml', 1000, 'the same in a server idle since its start, ms', 'idleOpenMs', 100);
  target('yaml', 1000, 'server peak RSS, MB', 'peakRssMB', 100);
  if (sizes.includes(10000)) {
    for (const format of formats) {
      target(format, serverSize(format, 10000), 'edit → diagnostics over stdio, ms', 'editMs', 30);
      target(format, serverSize(format, 10000), 'hover right after an edit, ms', 'hoverDuringEditMs', 5);
      target(format, serverSize(format, 10000), 'server peak RSS, MB', 'peakRssMB', 600);
    }
  }
  return out;
}

// ---- Charts (images/bench/*.svg), from this run's figures. ----

function writeCharts(files: Row[], server: Row[]): void {
  const dir = path.resolve(__dirname, '..', 'images', 'bench');
  const NAMES: Record<string, string> = { yaml: 'CloudFormation YAML', json: 'CloudFormation JSON', tf: 'Terraform' };
  const BASE: Record<string, [string, string]> = { yaml: ['yaml.parseDocument', 'parseDocument'], json: ['jsonc-parser parseTree', 'jsoncParseTree'], tf: ['tree-sitter HCL (WASM)', 'treeSitter'] };
  const COLORS: Record<string, string> = { yaml: '#1f77b4', json: '#d62728', tf: '#2ca02c' };
  const points = (rows: Row[], format: string, key: string): { x: number; y: number }[] =>
    rows.filter((r) => r.format === format && typeof r[key] === 'number').map((r) => ({ x: r.resources as number, y: r[key] as number }));
  const charts: [string, Parameters<typeof lineChart>[0]][] = [];
  const date = new Date().toISOString().slice(0, 10);
  if (files.length > 0) {
    const full: Series[] = [];
    const mem: Series[] = [];
    for (const format of formats) {
      full.push({ name: `ours: ${NAMES[format]}`, color: COLORS[format], points: points(files, format, 'fullMs') });
      full.push({ name: BASE[format][0], color: COLORS[format], dashed: true, points: points(files, format, BASE[format][1]) });
      mem.push({ name: `ours: ${NAMES[format]}`, color: COLORS[format], points: points(files, format, 'retainedMB') });
      if (format !== 'tf') mem.push({ name: BASE[format][0], color: COLORS[format], dashed: true, points: points(files, format, 'baselineRetainedMB') });
    }
    charts.push(['full-analysis.svg', { title: 'Full analysis of one file: ours vs. parsing alone', note: `npm run bench, ${date}: medians, in turns in one process (dashed: the other library)`, xLabel: 'resources in the file', yLabel: 'milliseconds (log)', series: full }]);
    charts.push(['memory.svg', { title: 'Memory kept per open file: ours vs. a parse tree', note: `npm run bench, ${date}: heap + external after full GCs (dashed: the other library's tree)`, xLabel: 'resources in the file', yLabel: 'MB (log)', series: mem }]);
    const edit: Series[] = formats.map((format) => ({ name: `re-analysis: ${NAMES[format]}`, color: COLORS[format], points: points(files, format, 'editMs') }));
    for (const format of formats) if (server.length > 0) edit.push({ name: `over stdio: ${NAMES[format]}`, color: COLORS[format], dashed: true, points: points(server, format, 'editMs') });
    charts.push(['edit.svg', { title: 'One keystroke: re-analysis, and didChange → diagnostics', note: `npm run bench, ${date}: medians (dashed: the whole path through the language server)`, xLabel: 'resources in the file', yLabel: 'milliseconds (log)', series: edit }]);
  }
  if (server.length > 0) {
    const rss: Series[] = [];
    for (const format of formats) {
      rss.push({ name: `peak RSS: ${NAMES[format]}`, color: COLORS[format], points: points(server, format, 'peakRssMB') });
      rss.push({ name: `heap after edits: ${NAMES[format]}`, color: COLORS[format], dashed: true, points: points(server, format, 'heapEditedMB') });
    }
    charts.push(['server-memory.svg', { title: 'The language server with one file open', note: `npm run bench, ${date}: peak RSS, and heap after a full GC (dashed)`, xLabel: 'resources in the file', yLabel: 'MB (log)', series: rss }]);
  }
  if (charts.length === 0) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, chart] of charts) fs.writeFileSync(path.join(dir, name), lineChart(chart));
  process.stdout.write(`\nCharts: ${charts.map(([name]) => path.relative(process.cwd(), path.join(dir, name))).join(', ')}\n`);
}

// ---- The Terraform monorepo (monorepo.ts): targets from the issue, printed beside the figures. ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One case of monorepo-case.ts in its own process. */
function monorepoCase(js: string, mode: string, root: string, flags: readonly string[]): Row | undefined {
  const r = spawnSync(process.execPath, ['--expose-gc', ...flags, js, mode, root], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: path.resolve(__dirname, '..') });
  if (r.status !== 0) {
    process.stdout.write(`monorepo ${mode}: FAILED (exit ${r.status})\n${r.stderr}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Row;
}

/**
 * `node bin/aws-responsibility.js scan --format json ROOT` as a user runs it (the report to a file, as `> report.json`):
 * wall time; CPU time and peak RSS from a preloaded module that reports them at exit.
 */
function cliScan(root: string, extraNodeFlags: readonly string[] = [], cliArgs: readonly string[] = []): { wallMs: number; cpuMs: number; peakRssMB: number; status: number | null; report: string } {
  const usageJs = path.join(__dirname, 'out', 'cpu-usage.js');
  fs.mkdirSync(path.dirname(usageJs), { recursive: true });
  fs.writeFileSync(usageJs, `process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpu: process.cpuUsage(), maxRSS: process.resourceUsage().maxRSS })));\n`);
  const report = path.join(path.dirname(root), 'report.json');
  const usageFile = path.join(path.dirname(root), 'usage.json');
  const fd = fs.openSync(report, 'w');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...extraNodeFlags, '-r', usageJs, path.resolve(__dirname, '..', 'bin', 'aws-responsibility.js'), 'scan', '--format', 'json', ...cliArgs, root], { cwd: root, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, BENCH_USAGE_FILE: usageFile } });
  const wallMs = performance.now() - t0;
  fs.closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI scan failed (${r.status}): ${r.stderr}`);
  const u = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { cpu: { user: number; system: number }; maxRSS: number };
  return { wallMs, cpuMs: (u.cpu.user + u.cpu.system) / 1000, peakRssMB: u.maxRSS / 1024, status: r.status, report };
}

function monorepoFigures(): Row {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-bench-monorepo-')));
  try {
    // Two copies: the 200 folders alone (CLI, in process), and with big/ (a 50-file module) for the server.
    const t0 = performance.now();
    const repo = writeMonorepo(path.join(tmp, 'repo'));
    const served: MonorepoInfo = writeMonorepo(path.join(tmp, 'served', 'repo'), { bigFiles: 50 });
    process.stdout.write(
      `\nTerraform monorepo: ${repo.dirs.length} module folders × 10 files × 10 resources = ${repo.resourceBlocks.toLocaleString('en')} resource blocks, ${repo.moduleCalls} local module calls from ${repo.rootDirs.length} roots, ${repo.files.toLocaleString('en')} files, ${f(repo.bytes / 1048576)} MB (generated in ${f((performance.now() - t0) / 1000)} s under ${tmp}; the server's copy adds big/: 50 files × 10 resources)\n`,
    );
    // 2. The CLI over the whole monorepo, as its users run it: median of 3.
    const scans = [0, 1, 2].map(() => cliScan(repo.root));
    const rep = JSON.parse(fs.readFileSync(scans[0].report, 'utf8')) as { files: { resources: unknown[]; findings: unknown[]; errors?: unknown[] }[] };
    const reported = { files: rep.files.length, resources: 0, findings: 0, errors: 0 };
    for (const file of rep.files) {
      reported.resources += file.resources.length;
      reported.findings += file.findings.length;
      reported.errors += file.errors?.length ?? 0;
    }
    const cli = { wallMs: median(scans.map((x) => x.wallMs)), cpuMs: median(scans.map((x) => x.cpuMs)), peakRssMB: median(scans.map((x) => x.peakRssMB)), reportMB: fs.statSync(scans[0].report).size / 1048576, runs: scans.map((x) => x.wallMs), ...reported };
    // 5. The same work in one process (no start-up, warm code), and the server's workspace index.
    const caseJs = bundle('monorepo-case.ts');
    const inproc = monorepoCase(caseJs, 'inprocess', repo.root, []);
    // 3, 4. The language server, started as the extension starts it.
    const server = monorepoCase(caseJs, 'server', served.root, []);
    let profile: ReturnType<typeof topSelfTime> | undefined;
    if (process.argv.includes('--profile')) {
      const dir = path.join(__dirname, 'out', 'profiles');
      fs.rmSync(dir, { recursive: true, force: true });
      cliScan(repo.root, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      profile = topSelfTime(path.join(dir, fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))[0]), 10);
    }

    const ms = (x: unknown, d = 0): string => `${f(x, d)} ms`;
    const line = (what: string, figure = '', target = ''): void => void process.stdout.write(`  ${what.padEnd(84)} ${figure.padStart(13)}   ${target}\n`);
    const note = (what: string): void => void process.stdout.write(`      ${what}\n`);
    line('', 'measured', 'target');
    line('CLI: node bin/aws-responsibility.js scan --format json ROOT, wall (median of 3)', ms(cli.wallMs), '≤ 3000 ms');
    note(`runs ${cli.runs.map((x) => f(x, 0)).join(' / ')} ms; CPU ${f(cli.cpuMs / 1000, 2)} s, peak RSS ${f(cli.peakRssMB, 0)} MB`);
    note(`reported: ${cli.resources.toLocaleString('en')} resources (count/for_each instances and module instances listed), ${cli.findings.toLocaleString('en')} findings, ${cli.errors} errors, ${cli.files.toLocaleString('en')} files, ${f(cli.reportMB)} MB of JSON`);
    if (inproc) {
      line('in process: the CLI\'s run(), cold (first in the process: catalog load, JIT)', ms(inproc.cliColdMs));
      line('in process: the CLI\'s run(), warm (median of 3 after a warm-up)', ms(inproc.cliMs));
      line(`in process: TerraformProject.analyzeModule of all ${inproc.modules} folders, warm (median of 3)`, ms(inproc.projectMs));
      note(`${Number(inproc.resources).toLocaleString('en')} resources in the folders' own views, ${Number(inproc.findings).toLocaleString('en')} findings; peak RSS ${f(inproc.peakRssMB, 0)} MB`);
      line('in process: the server\'s workspace index (folder walk + callers map), cold / warm', `${f(inproc.indexColdMs, 0)} / ${f(inproc.indexMs, 0)} ms`);
      note(`CLI wall − in-process cold run(): ${ms(cli.wallMs - (inproc.cliColdMs as number))} of process start-up, loading the bundle and writing the report`);
    }
    if (server) {
      line(`server: its startup index of the workspace (${server.indexDirs} Terraform folders: walk, read, callers map)`, ms(server.indexMs));
      line(`server: open big/main.tf (${server.bigFiles} files) → first diagnostics, fresh server, workspace = monorepo`, ms(server.firstOpenMs), '≤ 200 ms');
      line('  the same, opened the moment the server is up (the open finishes the index first)', ms(server.immediateOpenMs));
      line("  the same, workspace = the module's folder alone (no monorepo to index)", ms(server.firstOpenAloneMs), '≤ 200 ms');
      line('  then a second file of the module (storage.tf) → its first diagnostics', ms(server.secondOpenMs), '≤ 200 ms');
      line('  then main.tf of another module (mod100: 10 files, called by a root) → diagnostics', ms(server.otherModuleOpenMs), '≤ 200 ms');
      line(`server: edit in variables.tf → main.tf diagnostics, big/ (${server.bigFiles} files), median / p90 of 20`, `${f(server.editBigMedianMs, 0)} / ${f(server.editBigP90Ms, 0)} ms`, '≤ 50 ms');
      line('server: edit in variables.tf → main.tf diagnostics, mod000 (root, 3 calls), median / p90', `${f(server.editRootMedianMs, 0)} / ${f(server.editRootP90Ms, 0)} ms`, '≤ 50 ms');
      note(`main.tf's diagnostics alternate while editing: big/ ${(server.editBigCounts as unknown as number[]).join(' ↔ ')}, mod000 ${(server.editRootCounts as unknown as number[]).join(' ↔ ')}; server peak RSS ${f(server.serverPeakRssMB, 0)} MB`);
    }
    if (profile) {
      process.stdout.write(`  CPU profile of the CLI scan (${f(profile.totalMs, 0)} ms), top 10 by self time:\n`);
      for (const p of profile.top) process.stdout.write(`    ${f(p.ms, 0).padStart(6)} ms ${f(p.percent).padStart(5)} %  ${p.name} ${p.where}\n`);
    }
    return { cli, inProcess: inproc ?? null, server: server ?? null, profile: profile ?? null, generated: { files: repo.files, bytes: repo.bytes, resourceBlocks: repo.resourceBlocks, moduleCalls: repo.moduleCalls } } as unknown as Row;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- The CLI's worker threads: files per second with 1 and 2 threads (in turns, medians of 3), same report. ----

function threadFigures(): Row {
  const out: Row = {};
  const corpus = path.resolve(__dirname, '..', '..', 'shared', 'data', 'corpus');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-bench-threads-'));
  try {
    const mono = path.join(tmp, 'mono');
    writeMonorepo(mono);
    const roots: [string, string][] = [['corpus', corpus], ['monorepo', mono]];
    for (const [name, root] of roots) {
      const count = (JSON.parse(fs.readFileSync(cliScan(root, [], ['--threads', '1']).report, 'utf8')) as { files: unknown[] }).files.length;
      const times: Record<string, number[]> = { '1': [], '2': [] };
      const reports: Record<string, string> = {};
      for (let k = 0; k < 3; k++) {
        for (const t of ['1', '2']) {
          const r = cliScan(root, [], ['--threads', t]);
          times[t].push(r.wallMs);
          reports[t] = fs.readFileSync(r.report, 'utf8');
        }
      }
      const same = reports['1'] === reports['2'];
      const m1 = median(times['1']);
      const m2 = median(times['2']);
      process.stdout.write(`CLI on the ${name} (${count} files analysed): 1 thread ${f(m1, 0)} ms (${f(count / (m1 / 1000), 0)} files/s), 2 threads ${f(m2, 0)} ms (${f(count / (m2 / 1000), 0)} files/s)${same ? ', same report' : ', REPORTS DIFFER'}\n`);
      Object.assign(out, { [`${name}Files`]: count, [`${name}OneMs`]: m1, [`${name}TwoMs`]: m2, [`${name}Same`]: same ? 1 : 0 });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
