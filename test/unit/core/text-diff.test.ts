/** Text helpers of the incremental parsers (server/src/core/parse/text-diff.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyTextEdit, commonPrefix, commonSuffix, composeEdits, detached, diffRegion, type TextEdit } from '../../../server/src/core/parse/text-diff';

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

describe('composeEdits', () => {
  it('edits composed one after another give the text of all of them applied in turn', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 6 }), (base, raw) => {
        let text = base;
        let composed: TextEdit | undefined;
        for (const [x, y, ins] of raw) {
          const a = x % (text.length + 1);
          const b = y % (text.length + 1);
          const e = { start: Math.min(a, b), oldEnd: Math.max(a, b), text: ins };
          text = applyTextEdit(text, e);
          composed = composed ? composeEdits(base, composed, e) : e;
          assert.equal(applyTextEdit(base, composed), text);
          assert.ok(composed.start >= 0 && composed.start <= composed.oldEnd && composed.oldEnd <= base.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('typing, deleting and retyping next to the last change never reads the base', () => {
    const unreadable = { slice: () => assert.fail('the base was read'), length: 50 } as unknown as string;
    let composed: TextEdit = { start: 10, oldEnd: 10, text: 'a' };
    for (let i = 1; i < 5; i++) composed = composeEdits(unreadable, composed, { start: 10 + i, oldEnd: 10 + i, text: 'bcde'[i - 1] });
    composed = composeEdits(unreadable, composed, { start: 14, oldEnd: 15, text: '' });
    composed = composeEdits(unreadable, composed, { start: 10, oldEnd: 10, text: 'z' });
    assert.deepEqual(composed, { start: 10, oldEnd: 10, text: 'zabcd' });
  });
});
