/**
 * A released document leaves a sample of its last analysis behind (core/shape-keeper.ts `keepSampleOf`, called by the
 * server when a document closes): the full collection that frees the document must not throw away the code compiled
 * for it ("reason: weak objects" in V8's deoptimization trace), and the sample must not keep the document.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AnchoredSpan, CompactEntry, CompactList, CompactMap, CompactScalar, Placed } from '../../../server/src/core/model/anchor';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHILD = path.join(__dirname, 'sample-keeper-child.ts');

/** The child's run: the functions thrown away for dead objects after the release, and the heap after the collections. */
function run(format: string, env: Record<string, string>): { thrown: string[]; entries: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', '--no-warnings', '--trace-deopt', '--max-semi-space-size=4', '--import', 'tsx', CHILD, format, '1000'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  const from = r.stdout.indexOf('--- released');
  const heap = /--- collected, heap -?\d+, entries (\d+)/.exec(r.stdout);
  assert.ok(from > 0 && heap, 'the child ran to its end');
  const thrown = r.stdout
    .slice(from)
    .split('\n')
    .filter((l) => l.includes('reason: weak objects'))
    .map((l) => /<SharedFunctionInfo ([^>]*)>/.exec(l)?.[1] ?? l);
  return { thrown, entries: Number(heap[1]) };
}

/** The value tree's classes and their methods, as V8 names them (`get span` for an accessor). */
const NODE_CLASSES: { name: string; prototype: object }[] = [Placed, CompactScalar, CompactMap, CompactList, CompactEntry, AnchoredSpan];
const NODE_METHODS = new Set([
  ...NODE_CLASSES.map((c) => c.name),
  ...NODE_CLASSES.flatMap((c) => Object.entries(Object.getOwnPropertyDescriptors(c.prototype)).map(([n, d]) => (d.get ? `get ${n}` : n))).filter((n) => n !== 'constructor'),
]);

describe('a sample of a released document', () => {
  for (const format of ['yaml', 'json']) {
    it(`keeps the value tree's compiled code through the collection that frees the document (${format})`, () => {
      assert.ok(NODE_METHODS.has('get span') && NODE_METHODS.has('rebase'), 'the node classes\' methods');
      // Without a sample, V8 throws away code of the value tree's classes (and more) when the document dies — when it
      // had optimized that code: on a loaded machine it may not have yet, so up to three runs.
      let without = run(format, {});
      for (let i = 0; i < 2 && !without.thrown.some((n) => NODE_METHODS.has(n)); i++) without = run(format, {});
      assert.ok(
        without.thrown.some((n) => NODE_METHODS.has(n)),
        `without a sample, some node method is thrown away (thrown: ${without.thrown.join(', ') || 'none'})`,
      );
      const withSample = run(format, { SAMPLE: '1' });
      // The sample holds the first resources: objects only an edited resource had (its re-parsed chunk) may still die
      // with the document, and a getter or two compiled for them with it (2 against 6–7 in five runs).
      const nodeThrown = (r: { thrown: string[] }): number => r.thrown.filter((n) => NODE_METHODS.has(n)).length;
      assert.ok(nodeThrown(withSample) * 2 < nodeThrown(without), `node methods thrown away with a sample: ${withSample.thrown.filter((n) => NODE_METHODS.has(n)).join(', ')}; without: ${without.thrown.filter((n) => NODE_METHODS.has(n)).join(', ')}`);
      assert.ok(withSample.thrown.length < without.thrown.length, `${withSample.thrown.length} functions thrown away with a sample, ${without.thrown.length} without`);
    });
  }

  it('keeps a few resources, not the document', () => {
    // On a loaded machine a collection may still find the released document on the stack: the least of three runs.
    let sample = run('yaml', { SAMPLE: '1' });
    for (let i = 0; i < 2 && sample.entries > 5000; i++) sample = run('yaml', { SAMPLE: '1' });
    const whole = run('yaml', { KEEP_ALL: '1' });
    // Live map entries of the value tree: the whole analysis of 1,000 resources about 31,000 (8 MB), the sample of 40
    // about 1,200 (0.3 MB), none once the document is released without one.
    assert.ok(sample.entries > 0 && sample.entries * 10 < whole.entries, `live map entries with the whole analysis ${whole.entries}, with a sample ${sample.entries}`);
    assert.ok(run('yaml', {}).entries < sample.entries / 10);
  });
});
