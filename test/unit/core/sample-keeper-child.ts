/**
 * Run by sample-keeper.test.ts in a process of its own with `--expose-gc --trace-deopt`: a document of FORMAT analysed
 * as the server's editor analyzer does, released (with a sample of its last analysis kept when SAMPLE=1, the whole analysis when KEEP_ALL=1), then full
 * collections; markers on standard output say where the collections are, and the heap they leave.
 */
import { DocumentAnalyzer, type Syntax } from '../../../server/src/core/document';
import { keepSampleOf } from '../../../server/src/core/shape-keeper';
import { generate, type Format } from '../../../bench/generate';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const format = process.argv[2] as Format;
const SYNTAX: Record<Format, Syntax> = { yaml: 'cfn-yaml', json: 'cfn-json', tf: 'terraform' };
const text = generate(format, Number(process.argv[3] ?? 600));

function openEditRelease(): void {
  const analyzer = new DocumentAnalyzer(SYNTAX[format], { editing: true });
  analyzer.analyze(text);
  const at = text.indexOf('resource-', text.length >> 1);
  const analysis = analyzer.analyze(text.slice(0, at) + 'x' + text.slice(at));
  if (process.env.SAMPLE) keepSampleOf(SYNTAX[format], analysis);
  if (process.env.KEEP_ALL) (globalThis as { whole?: unknown }).whole = analysis;
}
openEditRelease();
const heap = (): number => process.memoryUsage().heapUsed;
process.stdout.write('--- released\n');
for (let i = 0; i < 4; i++) gc();
process.stdout.write(`--- collected, heap ${heap()}\n`);
