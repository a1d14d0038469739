import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findContaining } from '../../../server/src/core/model/span-search';
import type { Span } from '../../../server/src/core/model/types';

const linear = (xs: readonly Span[], o: number): Span | undefined => xs.find((s) => s.start <= o && o <= s.end);
const self = (s: Span): Span => s;

describe('findContaining', () => {
  it('equals a linear scan on ordered lists (touching spans included), and on lists out of order', () => {
    const ordered = fc.array(fc.tuple(fc.nat(5), fc.nat(6)), { maxLength: 80 }).map((gaps) => {
      let at = 0;
      return gaps.map(([gap, len]) => {
        const s = { start: at + gap, end: at + gap + len };
        at = s.end;
        return s;
      });
    });
    const anyOrder = fc.array(fc.tuple(fc.nat(400), fc.nat(20)).map(([start, len]) => ({ start, end: start + len })), { maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(ordered, anyOrder), fc.integer({ min: -2, max: 450 }), (xs, o) => {
        assert.equal(findContaining(xs, o, self), linear(xs, o));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers every offset of a 130,000-item list without scanning it each time', () => {
    const xs: Span[] = [];
    for (let i = 0; i < 130_000; i++) xs.push({ start: i * 10, end: i * 10 + 8 });
    let calls = 0;
    const counted = (s: Span): Span => (calls++, s);
    findContaining(xs, 5, counted); // the first lookup checks the order once
    calls = 0;
    for (let i = 0; i < 1000; i++) {
      const o = i * 1297 + 3;
      assert.equal(findContaining(xs, o, counted), o % 10 <= 8 ? xs[Math.floor(o / 10)] : undefined, `offset ${o}`);
    }
    assert.ok(calls < 1000 * 40, `${calls} span reads for 1,000 lookups`);
  });
});
