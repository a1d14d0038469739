import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CfnYamlParser, parseCfnYaml } from '../../../server/src/core/parse/cfn-yaml';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { templateFromRoot } from '../../../server/src/core/parse/cfn-template';
import { generate } from '../../../bench/generate';
import { plainSpan, slice, unquote } from '../helpers';

const T = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Size:
    Type: Number
    Default: 10
Resources:
  # a comment before the first resource
  Vol:
    Type: AWS::EC2::Volume
    Properties:
      Size: !Ref Size
      Encrypted: !If [Cond, true, false]
  Bucket:
    Type: "AWS::S3::Bucket"
Outputs:
  Id:
    Value: !Ref Vol
`;

describe('CloudFormation YAML (chunked)', () => {
  it('finds every resource with exact spans for name, type and properties', () => {
    const d = parseCfnYaml(T);
    assert.equal(d.isTemplate, true);
    assert.deepEqual(d.resources.map((r) => r.id), ['Vol', 'Bucket']);
    const [vol, bucket] = d.resources;
    assert.equal(slice(T, vol.nameSpan), 'Vol');
    assert.equal(slice(T, vol.typeSpan), 'AWS::EC2::Volume');
    assert.equal(unquote(slice(T, bucket.typeSpan)), 'AWS::S3::Bucket');
    const enc = vol.properties?.entries.find((e) => e.key === 'Encrypted');
    assert.equal(enc?.value.type, 'intrinsic');
    assert.equal(enc?.value.type === 'intrinsic' && enc.value.fn, 'Fn::If');
    assert.equal(slice(T, enc!.keySpan), 'Encrypted');
    assert.equal(d.declarations.parameters.get('Size')?.node.entries.find((e) => e.key === 'Default')?.value.type, 'scalar');
    assert.ok(d.comments.some((c) => c.text === 'a comment before the first resource'));
  });

  it('accepts every short-form intrinsic tag without an error', () => {
    const tags = ['!Ref X', '!GetAtt A.B', '!Sub x', '!Join [",", [a]]', '!If [C, a, b]', '!Select [0, [a]]', '!Split [",", a]',
      '!FindInMap [M, a, b]', '!Base64 x', '!Cidr [a, 1, 2]', '!ImportValue x', "!GetAZs ''", '!Equals [a, b]', '!And [!Condition A]',
      '!Or [!Condition A]', '!Not [!Condition A]', '!Condition A'];
    const text = `Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n${tags.map((t, i) => `      P${i}: ${t}`).join('\n')}\n`;
    const d = parseCfnYaml(text);
    assert.deepEqual(d.syntaxErrors, []);
    const props = d.resources[0].properties!.entries;
    assert.equal(props.length, tags.length);
    for (const e of props) assert.equal(e.value.type, 'intrinsic', e.key);
  });

  it('gives the same resources as a whole-document parse', () => {
    const text = generate('yaml', 50);
    const chunked = parseCfnYaml(text);
    const p = parseYamlWithLibrary(text);
    const whole = templateFromRoot(p.root, p.errors, p.comments);
    assert.equal(chunked.resources.length, 50);
    assert.deepEqual(
      chunked.resources.map((r) => [r.id, r.type, plainSpan(r.typeSpan), plainSpan(r.nameSpan)]),
      whole.resources.map((r) => [r.id, r.type, plainSpan(r.typeSpan), plainSpan(r.nameSpan)]),
    );
    assert.deepEqual(JSON.stringify(chunked.resources.map((r) => r.properties)), JSON.stringify(whole.resources.map((r) => r.properties)));
  });

  it('re-parses only the resource an edit touched, and moves the others to their new offsets', () => {
    const text = generate('yaml', 200);
    const parser = new CfnYamlParser();
    parser.parse(text);
    const check = (edited: string, fast: boolean, parsed: number): void => {
      const d = parser.parse(edited);
      assert.equal(parser.lastFastPath, fast);
      assert.equal(parser.lastParsedChunks, parsed);
      const fresh = parseCfnYaml(edited);
      assert.deepEqual(JSON.stringify([d.resources.map((r) => [r.id, r.typeSpan, r.properties]), d.syntaxErrors]), JSON.stringify([fresh.resources.map((r) => [r.id, r.typeSpan, r.properties]), fresh.syntaxErrors]));
      for (const r of d.resources) assert.equal(unquote(slice(edited, r.typeSpan)), r.type);
    };
    // Typing inside a value: the one-chunk fast path.
    let at = text.indexOf('resource-100');
    let cur = text.slice(0, at) + 'x' + text.slice(at);
    check(cur, true, 1);
    // Deleting it again, then a new line inside the resource.
    check(text, true, 1);
    at = text.indexOf('Resource100:') + 'Resource100:\n'.length;
    cur = text.slice(0, at) + '    Condition: IsProd\n' + text.slice(at);
    check(cur, true, 1);
    // A line at column 0 changes the layout: a full scan, reusing every unchanged chunk.
    cur = text.slice(0, at) + 'Outputs:\n' + text.slice(at);
    const d = parser.parse(cur);
    assert.equal(parser.lastFastPath, false);
    assert.ok(parser.lastParsedChunks <= 3, `parsed ${parser.lastParsedChunks}`);
    assert.equal(d.resources.length, 100);
  });

  it('keeps intact resources when one is broken, with one clear error', () => {
    const text = T.replace('      Size: !Ref Size\n', '      Size: [unclosed\n');
    const d = parseCfnYaml(text);
    assert.ok(d.syntaxErrors.length >= 1);
    assert.ok(d.resources.some((r) => r.id === 'Bucket'), 'the intact resource is still there');
    const err = d.syntaxErrors[0];
    assert.ok(err.span.start >= text.indexOf('Vol:') && err.span.start < text.indexOf('Bucket:'), 'the error points inside the broken resource');
  });

  it('ignores YAML that is not a template', () => {
    for (const t of ['services:\n  web:\n    image: nginx\n', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n', 'Resources:\n  - a\n', '', 'just text', '{"a": 1}']) {
      const d = parseCfnYaml(t);
      assert.equal(d.isTemplate, false, t);
      assert.equal(d.resources.length, 0);
    }
  });

  it('parses flow-style and multi-document files whole instead of splitting them', () => {
    const d = parseCfnYaml('{Resources: {A: {Type: AWS::SQS::Queue}}}');
    assert.deepEqual(d.resources.map((r) => r.type), ['AWS::SQS::Queue']);
    const m = parseCfnYaml('---\nResources:\n  A:\n    Type: AWS::SQS::Queue\n---\nx: 1\n');
    assert.equal(m.resources.length, 1);
    assert.ok(m.syntaxErrors.some((e) => /single YAML document/.test(e.message)));
  });

  it('stops alias bombs with an error instead of expanding them', () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties:', '      Tags: *a8');
    const t0 = Date.now();
    const d = parseCfnYaml(lines.join('\n') + '\n');
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(d.resources.length, 1);
    assert.ok(d.syntaxErrors.some((e) => /alias bomb/i.test(e.message)), 'the bomb is reported');
  });

  it('resolves an alias to an anchor in another resource', () => {
    const d = parseCfnYaml('Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: &tags\n        - {Key: k, Value: v}\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *tags\n');
    assert.deepEqual(d.syntaxErrors, []);
    const tags = d.resources[1].properties?.entries[0].value;
    assert.equal(tags?.type, 'list');
  });
});
