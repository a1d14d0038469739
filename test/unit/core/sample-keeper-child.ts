/**
 * Run by sample-keeper.test.ts in a process of its own with `--expose-gc --trace-deopt`: a document of FORMAT analysed
 * as the server's editor analyzer does, released (with a sample of its last analysis kept when SAMPLE=1, the whole analysis when KEEP_ALL=1), then full
 * collections; markers on standard output say where the collections are, and the heap they leave beyond what was there before the document.
 */
import { DocumentAnalyzer, type Syntax } from '../../../server/src/core/document';
import { keepSampleOf } from '../../../server/src/core/shape-keeper';
import { forgetInterned } from '../../../server/src/core/model/intern';
import { CompactEntry } from '../../../server/src/core/model/anchor';
import * as v8 from 'node:v8';
import { generate, type Format } from '../../../bench/generate';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const format = process.argv[2] as Format;
const SYNTAX: Record<Format, Syntax> = { yaml: 'cfn-yaml', json: 'cfn-json', tf: 'terraform' };
const text = generate(format, Number(process.argv[3] ?? 600));

function openEditRelease(): void {
  const analyzer = new DocumentAnalyzer(SYNTAX[format], { editing: true });
  analyzer.analyze(text);
  // Edits, so that V8 has optimized the analysis's code by the time the document is released.
  const at = text.indexOf('resource-', text.length >> 1);
  let analysis = analyzer.analyze(text);
  for (let i = 1; i <= 5; i++) analysis = analyzer.analyze(text.slice(0, at) + 'x'.repeat(i) + text.slice(at));
  if (process.env.SAMPLE) keepSampleOf(SYNTAX[format], analysis);
  if (process.env.KEEP_ALL) (globalThis as { whole?: unknown }).whole = analysis;
}
const heap = (): number => process.memoryUsage().heapUsed;
// A first analysis of a small template compiles what the measured one runs (code is heap too).
new DocumentAnalyzer(SYNTAX[format], { editing: true }).analyze(generate(format, 20));
for (let i = 0; i < 4; i++) gc();
const before = heap();
openEditRelease();
// As the server does when no document is open: the intern table lets go of the document's strings.
forgetInterned();
process.stdout.write('--- released\n');
for (let i = 0; i < 4; i++) gc();
// The value tree's map entries still alive (v8.queryObjects counts live instances after a collection).
const entries = (v8 as unknown as { queryObjects(c: unknown, o: { format: 'count' }): number }).queryObjects(CompactEntry, { format: 'count' });
process.stdout.write(`--- collected, heap ${heap() - before}, entries ${entries}\n`);
