import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Anchor, AnchoredSpan, anchorOf, anchorTree, CompactEntry, CompactExpr, CompactHclEntry, CompactList, CompactMap, CompactScalar, TEXT_ANCHOR } from '../../../server/src/core/model/anchor';
import { entryWithValue, respanDeep, shiftInPlace } from '../../../server/src/core/model/nodes';
import type { MapNode } from '../../../server/src/core/model/types';
import { parseJsonFast } from '../../../server/src/core/parse/json-fast';
import { plainTree } from '../helpers';

/** `{"a": [1, "x"]}` at offset 10 of a text, built as the fast parsers build it. */
function tree(): CompactMap {
  const one = new CompactScalar(TEXT_ANCHOR, 17, 18, 1);
  const x = new CompactScalar(TEXT_ANCHOR, 20, 23, 'x');
  const list = new CompactList(TEXT_ANCHOR, 16, 24, [one, x]);
  return new CompactMap(TEXT_ANCHOR, 10, 25, [new CompactEntry('a', TEXT_ANCHOR, 11, 14, list)]);
}

describe('compact nodes (model/anchor.ts)', () => {
  it('read as the ValueNode literals they stand for: plain spans, the kind on the prototype, JSON alike', () => {
    const m = tree();
    assert.equal(m.type, 'map');
    assert.equal(Object.keys(m).includes('type'), false, 'the kind is not a field of each node');
    assert.deepEqual(m.span, { start: 10, end: 25 });
    assert.equal(anchorOf(m.span), undefined, 'not anchored');
    assert.deepEqual(m.entries[0].keySpan, { start: 11, end: 14 });
    const literal = { type: 'map', span: { start: 10, end: 25 }, entries: [{ key: 'a', keySpan: { start: 11, end: 14 }, value: { type: 'list', span: { start: 16, end: 24 }, items: [{ type: 'scalar', span: { start: 17, end: 18 }, value: 1 }, { type: 'scalar', span: { start: 20, end: 23 }, value: 'x' }] } }] };
    assert.deepEqual(JSON.parse(JSON.stringify(m)), literal);
    assert.deepEqual(plainTree(m), literal);
  });

  it('anchored in place: spans follow the anchor, every node keeps where it is', () => {
    const m = tree();
    const list = (m.entries[0].value as CompactList);
    const anchor = new Anchor(10);
    anchorTree(m, anchor);
    assert.equal(m.entries[0].value, list, 'the same node objects');
    assert.ok(m.span instanceof AnchoredSpan && anchorOf(m.span) === anchor);
    assert.deepEqual(plainTree(m.entries[0].value.span), { start: 16, end: 24 });
    anchor.base = 110;
    assert.deepEqual(plainTree(m.span), { start: 110, end: 125 });
    assert.deepEqual(plainTree(m.entries[0].keySpan), { start: 111, end: 114 });
    assert.deepEqual(plainTree(list.items[1].span), { start: 120, end: 123 });
    // On another anchor: the same places.
    const other = new Anchor(100);
    anchorTree(m, other);
    assert.deepEqual(plainTree(m.span), { start: 110, end: 125 });
    assert.equal(anchorOf(m.entries[0].keySpan), other);
  });

  it('a span written to one is taken apart: plain offsets, or an anchored span on its anchor', () => {
    const s = new CompactScalar(TEXT_ANCHOR, 0, 1, 'v');
    const anchor = new Anchor(50);
    s.span = new AnchoredSpan(anchor, 2, 4);
    assert.deepEqual(plainTree(s.span), { start: 52, end: 54 });
    assert.equal(anchorOf(s.span), anchor);
    s.span = { start: 7, end: 9 };
    assert.equal(s.anchor, TEXT_ANCHOR);
    assert.deepEqual(s.span, { start: 7, end: 9 });
    const m = tree();
    shiftInPlace(m, 5);
    assert.deepEqual(plainTree(m.entries[0].keySpan), { start: 16, end: 19 });
  });

  it('copies keep their spans (a spread copy of a class would lose them)', () => {
    const m = tree();
    const e = entryWithValue(m.entries[0], new CompactScalar(TEXT_ANCHOR, 16, 18, 2));
    assert.deepEqual(e.keySpan, { start: 11, end: 14 });
    assert.deepEqual(plainTree(respanDeep(m, { start: 0, end: 1 })), plainTree(respanDeep(JSON.parse(JSON.stringify(m)) as MapNode, { start: 0, end: 1 })));
  });

  it('HCL: references and block entries read as the literals the full parser builds', () => {
    const ref = new CompactExpr(TEXT_ANCHOR, 20, 25, 'var.x', ['var.x']);
    const attr = new CompactHclEntry('a', TEXT_ANCHOR, 16, 17, ref, false);
    const body = new CompactMap(TEXT_ANCHOR, 14, 27, [attr]);
    const block = new CompactHclEntry('ingress', TEXT_ANCHOR, 4, 11, body, true, ['x']);
    const root = new CompactMap(TEXT_ANCHOR, 0, 28, [block]);
    const literal = {
      type: 'map',
      span: { start: 0, end: 28 },
      entries: [{ key: 'ingress', keySpan: { start: 4, end: 11 }, value: { type: 'map', span: { start: 14, end: 27 }, entries: [{ key: 'a', keySpan: { start: 16, end: 17 }, value: { type: 'expr', span: { start: 20, end: 25 }, text: 'var.x', refs: ['var.x'] }, block: false }] }, block: true, labels: ['x'] }],
    };
    assert.deepEqual(plainTree(root), literal);
    assert.deepEqual(JSON.parse(JSON.stringify(root)), literal);
    assert.equal(attr.labels, undefined);
    anchorTree(root, new Anchor(0));
    assert.equal(anchorOf(ref.span), anchorOf(block.keySpan));
  });

  it('a copy of any compact node with another span is the copy of its literal (kind, value, references kept)', () => {
    const span = { start: 0, end: 1 };
    for (const n of [new CompactExpr(TEXT_ANCHOR, 1, 6, 'var.x', ['var.x']), new CompactScalar(TEXT_ANCHOR, 2, 3, 'v'), tree()]) {
      const copy = respanDeep(n, span);
      assert.equal(copy.type, n.type);
      assert.deepEqual(plainTree(copy), plainTree(respanDeep(JSON.parse(JSON.stringify(n)) as MapNode, span)));
    }
  });

  it('the text anchor cannot be moved', () => {
    assert.throws(() => {
      (TEXT_ANCHOR as { base: number }).base = 3;
    });
    // What the JSON parser builds is on it until a chunk anchors it.
    const root = parseJsonFast('{"a": 1}') as CompactMap;
    assert.equal(root.anchor, TEXT_ANCHOR);
  });
});
