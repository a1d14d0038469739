/**
 * One benchmark case in its own process (so peak memory is this case's alone):
 *   node --expose-gc --import tsx bench/case.ts <yaml|json|tf> <resources>
 * Prints one JSON line of figures.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as jsonc from 'jsonc-parser';
import * as Y from 'yaml';
import { DocumentAnalyzer, type Syntax } from '../server/src/core/document';
import { hoverCard, resourceAt } from '../server/src/core/present/hover';
import { generate, type Format } from './generate';

const format = process.argv[2] as Format;
const n = Number(process.argv[3]);
const SYNTAX: Record<Format, Syntax> = { yaml: 'cfn-yaml', json: 'cfn-json', tf: 'terraform' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function timeOnce(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}
function timeMedian(runs: number, f: () => void): number {
  return median(Array.from({ length: runs }, () => timeOnce(f)));
}

/** The heap (and external memory) `make`'s result keeps, measured after full GCs while it is kept; null without --expose-gc. */
function retainedMB(make: () => unknown): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  gc();
  gc();
  const before = used();
  const kept = make();
  gc();
  gc();
  const after = used();
  // Kept alive until measured.
  if (kept === undefined) return null;
  return (after - before) / 1048576;
}

/** tree-sitter HCL (WASM), loaded and warmed up on the start of the file; undefined when it cannot load. */
async function treeSitterParse(text: string): Promise<(() => void) | undefined> {
  try {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm');
    const lang = await Language.load(fs.readFileSync(wasm));
    const p = new Parser();
    p.setLanguage(lang);
    p.parse(text.slice(0, 10000))?.delete();
    return () => p.parse(text)?.delete();
  } catch (e) {
    process.stderr.write(`tree-sitter unavailable: ${(e as Error).message}\n`);
    return undefined;
  }
}

/**
 * Medians of `runs` timings of each function, run in turns (a, b, c, a, b, c, ...) so that every one sees the same
 * machine: on a shared machine, speed drifts by a factor of two over seconds, and ratios must not depend on that.
 */
function interleavedMedians(runs: number, fns: readonly (() => void)[]): number[] {
  // Warm-up, untimed: both sides' code is compiled by then (JavaScript and WebAssembly both tier up while they run).
  for (let r = 0; r < Math.min(3, runs); r++) for (const f of fns) f();
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) fns.forEach((f, i) => times[i].push(timeOnce(f)));
  if (process.env.BENCH_VERBOSE) process.stderr.write(JSON.stringify(times.map((t) => t.map((x) => Math.round(x)))) + "\n");
  return times.map(median);
}

async function main(): Promise<void> {
  const text = generate(format, n);
  const runs = n >= 10000 ? 5 : 11;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  // Cold: the first analysis in a fresh process (loads the catalog, code not yet optimized by the JIT).
  const first = timeOnce(() => new DocumentAnalyzer(SYNTAX[format]).analyze(text));
  // Full analysis: a fresh analyzer, nothing cached, on warm code (as in a language server that has run a while), like
  // the baselines: see interleavedMedians.
  const ours = (): void => void new DocumentAnalyzer(SYNTAX[format]).analyze(text);
  // The baselines, timed in turns with our full analysis.
  const baseline: Record<string, number | null> = {};
  let full: number;
  if (format === 'yaml') {
    [full, baseline.parseDocument] = interleavedMedians(runs, [ours, () => Y.parseDocument(text)]);
  } else if (format === 'json') {
    [full, baseline.JSONparse, baseline.jsoncParseTree] = interleavedMedians(runs, [ours, () => JSON.parse(text), () => jsonc.parseTree(text)]);
  } else {
    const ts = await treeSitterParse(text);
    if (ts) [full, baseline.treeSitter] = interleavedMedians(runs, [ours, ts]);
    else {
      [full] = interleavedMedians(runs, [ours]);
      baseline.treeSitter = null;
    }
  }
  // Re-analysis after a one-character edit inside one resource, on a warm analyzer (what typing costs).
  const analyzer = new DocumentAnalyzer(SYNTAX[format]);
  let analysis = analyzer.analyze(text);
  const anchor = format === 'tf' ? `"r${Math.floor(n / 2)}" {` : `Resource${Math.floor(n / 2)}`;
  const at = text.indexOf(anchor) + anchor.length + 40;
  let cur = text;
  const edits: number[] = [];
  // Typing is many keystrokes: 60 edits (10 at 10,000 resources), the first 10 (2) not counted while the JIT warms up.
  const rounds = n >= 10000 ? 10 : 60;
  const warm = n >= 10000 ? 2 : 10;
  for (let k = 0; k < rounds; k++) {
    // Type one character into a tag value, then delete it: the file stays valid, one resource changes.
    const v = text.indexOf(format === 'json' ? 'resource-' : 'resource-', at);
    cur = k % 2 === 0 ? cur.slice(0, v) + 'x' + cur.slice(v) : text;
    edits.push(timeOnce(() => (analysis = analyzer.analyze(cur))));
  }
  const edit = median(edits.slice(warm));
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  // Hover: answered from the last analysis.
  const mid = analysis.resources[Math.floor(analysis.resources.length / 2)];
  const hover = timeMedian(50, () => {
    const hit = resourceAt(analysis.resources, mid.resource.typeSpan.start + 1);
    if (!hit) throw new Error('no hover target');
    hoverCard(hit.ra);
  });
  // Memory kept: what an open document holds (its analyzer: chunk caches, value tree, links, results) beside what the
  // baseline's parse result holds, each alone after full GCs. The analyzer is the language server's, made for a document
  // that will be edited (lsp/server.ts: anchored chunks, interned keys and values), which is what stays in memory while
  // the file is open; the CLI's one-shot analyzer is released with its file. (tree-sitter's tree lives in WebAssembly
  // memory, which only grows: not measured.)
  const ourRetained = retainedMB(() => {
    const a = new DocumentAnalyzer(SYNTAX[format], { editing: true });
    a.analyze(text);
    return a;
  });
  const baseRetained = format === 'yaml' ? retainedMB(() => Y.parseDocument(text)) : format === 'json' ? retainedMB(() => jsonc.parseTree(text)) : null;
  const out = {
    format,
    retainedMB: ourRetained,
    baselineRetainedMB: baseRetained,
    resources: n,
    analyzed: analysis.resources.length,
    findings: analysis.findings.length,
    bytes: text.length,
    fullMs: full,
    firstMs: first,
    editMs: edit,
    hoverMs: hover,
    heapRetainedMB: (heapAfter - baseHeap) / 1048576,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    ...baseline,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
