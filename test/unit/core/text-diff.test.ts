/** Text helpers of the incremental parsers (server/src/core/parse/text-diff.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPrefix, commonSuffix, detached, diffRegion } from '../../../server/src/core/parse/text-diff';

describe('text-diff', () => {
  it('detached gives the same text (short, long, empty, non-ASCII)', () => {
    const whole = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket # «ü» \u{1F600}\n'.repeat(50);
    for (const [a, b] of [[0, 0], [0, 5], [3, 40], [11, 2000], [0, whole.length]]) {
      const part = whole.slice(a, b);
      assert.equal(detached(part), part);
    }
  });
  it('finds the edited region', () => {
    const a = 'x'.repeat(5000) + 'abc' + 'y'.repeat(5000);
    const b = 'x'.repeat(5000) + 'aXbc' + 'y'.repeat(5000);
    assert.equal(commonPrefix(a, b), 5001);
    assert.equal(commonSuffix(a, b, Math.min(a.length, b.length) - 5001), 5002);
    assert.deepEqual(diffRegion(a, b), { start: 5001, oldEnd: 5001, delta: 1 });
  });
});
