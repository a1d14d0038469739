import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionShift, shiftedPosition } from '../../../server/src/lsp/position-shift';
import { composeRegions } from '../../../server/src/lsp/edit-log';
import type { EditRegion } from '../../../server/src/core/present/stale-hover';

// Texts of short lines with every kind of line end, and edits that add, remove or replace line ends.
const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', 'xyz', '\t', 'é', '😀');
const text = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));

describe('position shift', () => {
  it('every position it gives is the one the new text gives (any edits, any line ends)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(4), text), { minLength: 1, maxLength: 3 }), (before, edits) => {
        const old = TextDocument.create('file:///a', 'yaml', 1, before);
        let cur = before;
        let region: EditRegion | undefined;
        for (const [at, len, ins] of edits) {
          const start = at % (cur.length + 1);
          const oldEnd = Math.min(cur.length, start + len);
          cur = cur.slice(0, start) + ins + cur.slice(oldEnd);
          const r = { start, oldEnd, delta: ins.length - (oldEnd - start) };
          region = region ? composeRegions(region, r) : r;
        }
        const now = TextDocument.create('file:///a', 'yaml', 2, cur);
        const shift = positionShift(now, region, old.lineCount);
        assert.ok(shift);
        for (let o = 0; o <= before.length; o++) {
          const was = old.positionAt(o);
          // The offset where what was at `o` is now, when the edits left it in place.
          const r = region as EditRegion;
          const mapped = o < r.start ? o : o >= r.oldEnd ? o + r.delta : undefined;
          // At the region's start, what stayed there (a span that starts where text was typed): its position too.
          if (o === r.start && o <= cur.length) {
            const p = shiftedPosition(shift, o, o, was);
            if (p) assert.deepEqual(p, now.positionAt(o), `offset ${o} at the start of the change in ${JSON.stringify(before)} → ${JSON.stringify(cur)}`);
          }
          if (mapped === undefined) continue;
          const p = shiftedPosition(shift, o, mapped, was);
          if (p) assert.deepEqual(p, now.positionAt(mapped), `offset ${o} → ${mapped} in ${JSON.stringify(before)} → ${JSON.stringify(cur)}`);
          // An offset that did not move as the region says is never given a position.
          assert.equal(shiftedPosition(shift, o, mapped + 1, was), undefined);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('tells the positions before the change and on the lines after it, not on the changed line', () => {
    const before = 'a: 1\nb: 2\nc: 3\n';
    const old = TextDocument.create('file:///a', 'yaml', 1, before);
    // "x\n" typed at the start of line 1: line 0 stays, line 2 moves down by one, line 1's text is on the changed line.
    const now = TextDocument.create('file:///a', 'yaml', 2, 'a: 1\nx\nb: 2\nc: 3\n');
    const shift = positionShift(now, { start: 5, oldEnd: 5, delta: 2 }, old.lineCount);
    assert.ok(shift);
    assert.equal(shift.lineDelta, 1);
    const p0 = old.positionAt(1);
    assert.equal(shiftedPosition(shift, 1, 1, p0), p0, 'the same object when unchanged');
    assert.deepEqual(shiftedPosition(shift, 11, 13, old.positionAt(11)), { line: 3, character: 1 });
    assert.equal(shiftedPosition(shift, 6, 8, old.positionAt(6)), undefined, 'on the line the change ends on');
    assert.equal(positionShift(now, undefined, old.lineCount), undefined);
  });
});
