import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHclFast } from '../../../server/src/core/parse/hcl/fast';
import { parseTerraform, parseTerraformFile, TERRAFORM_TOP_LEVEL_BLOCKS } from '../../../server/src/core/parse/terraform';
import { generateBigTerraform } from './generate-big';
import { plainTree } from '../helpers';

// Speed is measured by `npm run bench`, not here: this checks that a file of benchmark size is read whole, by both paths.
describe('a ~9 MB file with 10,000 resources', () => {
  const text = generateBigTerraform(10_000);

  it('is read whole by the fast path, without errors', () => {
    assert.ok(text.length > 8_000_000);
    assert.ok(parseHclFast(text, (n) => TERRAFORM_TOP_LEVEL_BLOCKS.has(n)) !== undefined);
    const d = parseTerraform(text);
    assert.deepEqual(d.syntaxErrors, []);
    assert.equal(d.resources.length, 10_000);
  });

  it('gives the full parser the same resources', () => {
    const full = parseTerraformFile(text, true).document;
    const fast = parseTerraform(text);
    assert.deepEqual(full.syntaxErrors, []);
    assert.equal(full.resources.length, fast.resources.length);
    for (let i = 0; i < full.resources.length; i += 997) assert.deepStrictEqual(plainTree(fast.resources[i]), plainTree(full.resources[i]));
  });
});
