import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { generate } from '../../../bench/generate';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { splitChunks } from './chunks';
import { plainTree } from '../helpers';

// Speed is measured by `npm run bench` (figures, not assertions). This checks that the benchmark's template is read by the
// fast path, chunk by chunk, exactly as the yaml library reads it, so the benchmark measures the fast path.
test('the 1,000-resource benchmark template: every chunk in the fast subset, same nodes as the library', () => {
  const text = generate('yaml', 1000);
  const chunks = splitChunks(text);
  assert.ok(chunks.length > 1000);
  for (const c of chunks) {
    const fast = parseYamlFast(c.text, c.base);
    assert.ok(fast !== undefined, `chunk at ${c.base} is not in the subset`);
    assert.deepStrictEqual(plainTree(fast), plainTree(parseYamlWithLibrary(c.text, c.base)));
  }
});
