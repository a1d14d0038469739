import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { generateBigTerraform } from './generate-big';

describe('performance', () => {
  it('parses a generated ~9 MB file with 10,000 resources in linear time (generous bound)', (t) => {
    const text = generateBigTerraform(10_000);
    assert.ok(text.length > 8_000_000);
    let best = Infinity;
    let count = 0;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const d = parseTerraform(text);
      best = Math.min(best, performance.now() - start);
      count = d.resources.length;
      assert.deepEqual(d.syntaxErrors, []);
    }
    assert.equal(count, 10_000);
    const mbps = text.length / 1e6 / (best / 1000);
    t.diagnostic(`parseTerraform: ${(text.length / 1e6).toFixed(2)} MB in ${best.toFixed(0)} ms = ${mbps.toFixed(1)} MB/s`);
    // A bound loose enough for a loaded CI machine; it catches quadratic behaviour, not micro-regressions.
    assert.ok(best < 15_000, `took ${best} ms`);
  });
});
