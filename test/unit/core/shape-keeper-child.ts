/**
 * Run by shape-keeper.test.ts in a process of its own with `--expose-gc --trace-deopt`: the server's idle warm-up (every
 * slice, its collections), a full collection with no document open, then a first analysis of each syntax. The markers
 * on standard output let the test read which deoptimizations came after the warm-up.
 */
import { IdleWarmUp } from '../../../server/src/lsp/warm-up';
import { DocumentAnalyzer } from '../../../server/src/core/document';
import { generate } from '../../../bench/generate';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const pending: (() => void)[] = [];
const warmUp = new IdleWarmUp(
  { convert: () => undefined, collectGarbage: () => (process.stdout.write('--- collection\n'), gc()), log: (m) => process.stdout.write(`log: ${m}\n`), documentsOpen: () => false },
  { after: (_ms, fn) => (pending.push(fn), () => undefined) },
);
warmUp.start();
while (pending.length > 0) (pending.shift() as () => void)();
process.stdout.write('--- collection\n');
gc();
process.stdout.write('--- warmed up and collected\n');
new DocumentAnalyzer('cfn-yaml', { editing: true }).analyze(generate('yaml', 150));
new DocumentAnalyzer('cfn-json', { editing: true }).analyze(generate('json', 150));
new DocumentAnalyzer('terraform', { editing: true }).analyze(generate('tf', 150));
process.stdout.write('--- analysed\n');
