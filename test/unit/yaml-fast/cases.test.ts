import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { plainTree } from '../helpers';

const HANDLED: Record<string, string> = {
  resourceChunk: '  MyBucket:\n    Type: AWS::S3::Bucket # c\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n\n',
  seqSameIndent: 'a:\n- x\n- y\nb: 1\n',
  compactMaps: 'Tags:\n  - Key: Name\n    Value: x\n  - Key: Team\n    Value: !Ref Team\n',
  nestedCompactSeq: '- - a\n  - b\n- c\n',
  tagBeforeBlock: 'X: !If\n  - Cond\n  - !GetAtt A.Arn\n  - !Ref AWS::NoValue\nY: !Join\n  - ""\n  - [a, b]\n',
  tagOwnLine: "P:\n  'k':\n    !Sub 'arn:${AWS::Region}'\n",
  longForm: 'A:\n  Fn::GetAtt: [R, Arn]\nB: {Ref: X}\nC:\n  Ref: Y\n',
  scalars: 'a: null\nb: ~\nc: True\nd: FALSE\ne: 0x1F\nf: 0o17\ng: -12\nh: 1.50\ni: 1e3\nj: .inf\nk: -.Inf\nl: .NaN\nm: 010\nn: 1_0\no: yes\n',
  keys: '1: a\ntrue: b\n0x10: c\n~: d\n"q k": e\n\'s\': f\n',
  quoted: `a: 'it''s'\nb: "tab\\t nl\\n uni\\u00e9 \\x41 \\"q\\" \\\\"\n`,
  blockScalars: 'a: |\n  x\n\n  y\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: |-\n  strip\n',
  literalIndentedBlank: 'Code: |\n    def f():\n        \n        return 1\nNext: 2\n',
  flowMultiline: 'a: !Join\n  - ""\n  - - "x"\n    - !Ref Y\nb: [a,\n  b, {c: d}]\n',
  emptyValues: 'a:\nb: !Ref\nc:\n  - \n  -\n',
  docMarker: '---\n# header\nAWSTemplateFormatVersion: 2010-09-09\n',
  emptyDocAfterMarker: '---\n# only a comment\n',
  commentsOnly: '# a\n\n  # b\n',
};

for (const [name, text] of Object.entries(HANDLED)) {
  test(`handled and equal to the library: ${name}`, () => {
    const fast = parseYamlFast(text, 42);
    assert.ok(fast, 'expected the fast path to handle this input');
    assert.deepStrictEqual(plainTree(fast), plainTree(parseYamlWithLibrary(text, 42)));
  });
}

const DECLINED: Record<string, string> = {
  anchor: 'a: &x 1\nb: *x\n',
  explicitKey: '? a\n: b\n',
  multilinePlain: 'a: foo\n  bar\n',
  multilineQuoted: 'a: "foo\n  bar"\n',
  tabIndent: 'a:\n\tb: 1\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  multiDoc: 'a: 1\n---\nb: 2\n',
  coreTag: 'a: !!str 1\n',
  customTag: 'a: !Custom x\n',
  flowKey: '[a]: b\n',
  indentIndicator: 'a: |2\n   x\n',
  nestedCompactMap: 'a: b: c\n',
  unterminatedQuote: 'a: "x\n',
  badIndent: 'a:\n    b: 1\n  c: 2\n',
  unterminatedFlow: 'a: [x, y\n',
  emptyValueWithComment: 'a: # c\nb: 1\n',
  crlf: 'a: 1\r\nb: 2\r\n',
  nul: 'a: \0\n',
  implicitPairInFlowSeq: 'a: [k: v]\n',
};

for (const [name, text] of Object.entries(DECLINED)) {
  test(`declined (left to the library): ${name}`, () => {
    assert.equal(parseYamlFast(text), undefined);
  });
}

test('spans: keys, scalars, tagged nodes and collections carry the library offsets plus base', () => {
  const text = '  R:\n    Type: X\n    P: !Ref Y # c\n\n';
  const r = parseYamlFast(text, 100);
  assert.ok(r?.root?.type === 'map');
  const entry = r.root.entries[0];
  assert.deepEqual(entry.keySpan, { start: 102, end: 103 });
  assert.ok(entry.value.type === 'map');
  assert.deepEqual(entry.value.span, { start: 109, end: 135 }); // ends after the last value's line break
  const p = entry.value.entries[1].value;
  assert.deepEqual(plainTree(p), { type: 'intrinsic', span: { start: 129, end: 130 }, fn: 'Ref', arg: { type: 'scalar', span: { start: 129, end: 130 }, value: 'Y' } });
  assert.deepEqual(r.comments, [{ text: 'c', span: { start: 131, end: 134 } }]);
});

test('a tag alone on its line followed by another tag is left to the library, which reports two tags on one node', () => {
  for (const text of ['!Ref\n!Ref\n', 'A: !Sub\n  !Ref B\n']) {
    assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
    assert.ok(parseYamlWithLibrary(text).errors.length > 0, JSON.stringify(text));
  }
});
