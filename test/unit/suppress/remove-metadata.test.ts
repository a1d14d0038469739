import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../../server/src/core/document';
import { applyEdits } from '../../../server/src/core/fix';
import { applySuppressions, metadataDirectives, removeSuppressionEdits, type Directive } from '../../../server/src/core/suppress';
import type { Finding } from '../../../server/src/core/analyze';

const UNUSED = 'unused-suppression';

/** The `unused-suppression` findings naming `rule` (quotes of JSON ignored), in document order. */
function unusedOf(text: string, findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.ruleId === UNUSED && text.slice(f.span.start, f.span.end).replace(/^["']|["']$/g, '') === rule);
}

function removeEdits(file: string, text: string, rule: string, index = 0) {
  const a = analyzeText(file, text);
  const before = applySuppressions(a, text);
  const target = unusedOf(text, before.findings, rule)[index];
  assert.ok(target, `no unused-suppression for ${rule} #${index}: ${before.findings.map((f) => f.ruleId).join(', ')}`);
  return { edits: removeSuppressionEdits(text, a.doc, target.span), before, target };
}

/** A finding, independent of offsets: the first line of what it points at. */
const key = (text: string, f: Finding): string => `${f.resource}|${f.ruleId}|${f.severity}|${text.slice(f.span.start, f.span.end).split('\n')[0]}`;
const dirKey = (d: Directive): string => `${d.resource?.id}|${d.rules.map((r) => r.id).join(',')}|${d.reason}|${d.problem}`;

/** Removes the unused entry for `rule`, checks the exact text, a clean re-parse, and that nothing but that finding changed. */
function check(file: string, text: string, rule: string, expected: string, index = 0): void {
  const { edits, before, target } = removeEdits(file, text, rule, index);
  assert.ok(edits.length > 0, 'no edit offered');
  const out = applyEdits(text, edits);
  assert.equal(out, expected);
  const a2 = analyzeText(file, out);
  assert.deepEqual(a2.doc.syntaxErrors, []);
  const after = applySuppressions(a2, out);
  assert.equal(unusedOf(out, after.findings, rule).length, unusedOf(text, before.findings, rule).length - 1);
  const want = before.findings.filter((f) => f !== target).map((f) => key(text, f)).sort();
  assert.deepEqual(after.findings.map((f) => key(out, f)).sort(), want);
  assert.deepEqual(after.suppressed.map((s) => `${s.finding.ruleId}|${s.finding.resource}|${s.by.reason}`), before.suppressed.map((s) => `${s.finding.ruleId}|${s.finding.resource}|${s.by.reason}`));
  const removed = before.directives.find((d) => d.rules.some((r) => r.span.start === target.span.start));
  assert.deepEqual(after.directives.map(dirKey), before.directives.filter((d) => d !== removed).map(dirKey));
}

function noEdit(file: string, text: string, rule: string): void {
  assert.deepEqual(removeEdits(file, text, rule).edits, []);
}

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
/** A volume whose own Metadata entry is used: it must survive every removal on the bucket. */
const VOL = '  Vol:\n    Type: AWS::EC2::Volume\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: ebs-volume-encryption\n            reason: scratch disk\n    Properties:\n      Size: 10\n';

describe('remove unused Metadata suppression: YAML block', () => {
  const three = (a: string, b: string, c: string): string =>
    HEAD +
    `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: ${a}
            reason: reason of ${a}
          - rule: ${b}
            reason: reason of ${b}
          - rule: ${c}
            reason: reason of ${c}
    Properties:
      BucketName: logs
` +
    VOL;

  it('first item', () => {
    check('t.yaml', three('ebs-volume-encryption', 's3-versioning', 's3-public-access-block'), 'ebs-volume-encryption', HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: s3-versioning
            reason: reason of s3-versioning
          - rule: s3-public-access-block
            reason: reason of s3-public-access-block
    Properties:
      BucketName: logs
` + VOL);
  });

  it('middle item', () => {
    check('t.yaml', three('s3-versioning', 'rds-storage-encryption', 's3-public-access-block'), 'rds-storage-encryption', HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: s3-versioning
            reason: reason of s3-versioning
          - rule: s3-public-access-block
            reason: reason of s3-public-access-block
    Properties:
      BucketName: logs
` + VOL);
  });

  it('last item, with a trailing comment, a block scalar reason and a comment line before it', () => {
    const text = HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: s3-versioning   # keep
            reason: logs bucket
          # the next one was copied
          - rule: rds-storage-encryption
            reason: >
              copied from
              the database  # folded
    Properties:
      BucketName: logs
` + VOL;
    check('t.yaml', text, 'rds-storage-encryption', HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: s3-versioning   # keep
            reason: logs bucket
          # the next one was copied
    Properties:
      BucketName: logs
` + VOL);
  });

  it('the same rule twice: the second (unused) one goes', () => {
    const text = HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: first\n          - rule: s3-versioning\n            reason: second\n' + VOL;
    check('t.yaml', text, 's3-versioning', HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: first\n' + VOL);
  });

  it('only item, Metadata has other keys: aws-responsibility goes, the other keys stay', () => {
    const text = HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-lint:
        config:
          ignore_checks: [W3005]
      aws-responsibility:
        ignore:
          - rule: rds-storage-encryption
            reason: copied
      Owner: team-a
    Properties:
      BucketName: logs
` + VOL;
    check('t.yaml', text, 'rds-storage-encryption', HEAD + `  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-lint:
        config:
          ignore_checks: [W3005]
      Owner: team-a
    Properties:
      BucketName: logs
` + VOL);
  });

  it('only item, Metadata holds nothing else: Metadata goes too', () => {
    const text = HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: rds-storage-encryption\n            reason: copied\n    Properties:\n      BucketName: logs\n' + VOL;
    check('t.yaml', text, 'rds-storage-encryption', HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs\n' + VOL);
  });

  it('only item, Metadata is the last key of the last resource, no final line break', () => {
    const text = HEAD + VOL + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: rds-storage-encryption\n            reason: copied';
    check('t.yaml', text, 'rds-storage-encryption', HEAD + VOL + '  Bucket:\n    Type: AWS::S3::Bucket\n');
  });

  it('CRLF line breaks and a `-` on its own line', () => {
    const text = (HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: logs\n          -\n            rule: rds-storage-encryption\n            reason: copied\n    Properties:\n      BucketName: logs\n').replace(/\n/g, '\r\n');
    check('t.yaml', text, 'rds-storage-encryption', (HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: logs\n    Properties:\n      BucketName: logs\n').replace(/\n/g, '\r\n'));
  });

  it('flow mapping items in a block sequence', () => {
    const text = HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - { rule: rds-storage-encryption, reason: copied }\n          - { rule: s3-versioning, reason: logs }\n' + VOL;
    check('t.yaml', text, 'rds-storage-encryption', HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - { rule: s3-versioning, reason: logs }\n' + VOL);
  });
});

describe('remove unused Metadata suppression: YAML flow', () => {
  const res = (md: string): string => HEAD + `  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n${md}    Properties:\n      BucketName: logs\n` + VOL;
  const flow = (items: string): string => res(`      aws-responsibility:\n        ignore: [${items}]\n`);
  const A = '{rule: rds-storage-encryption, reason: copied}';
  const B = '{rule: s3-versioning, reason: logs}';
  const C = '{rule: s3-public-access-block, reason: "public site"}';

  it('first, middle and last element with one comma', () => {
    check('t.yaml', flow(`${A}, ${B}, ${C}`), 'rds-storage-encryption', flow(`${B}, ${C}`));
    check('t.yaml', flow(`${B}, ${A}, ${C}`), 'rds-storage-encryption', flow(`${B}, ${C}`));
    check('t.yaml', flow(`${B}, ${C}, ${A}`), 'rds-storage-encryption', flow(`${B}, ${C}`));
  });

  it('multi-line flow list', () => {
    check('t.yaml', flow(`\n          ${B},\n          ${A}\n        `), 'rds-storage-encryption', flow(`\n          ${B}\n        `));
  });

  it('only element: the block entry goes, then Metadata', () => {
    check('t.yaml', flow(A), 'rds-storage-encryption', HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs\n' + VOL);
    check('t.yaml', res(`      Owner: me\n      aws-responsibility:\n        ignore: [${A}]\n`), 'rds-storage-encryption', res('      Owner: me\n'));
  });

  it('all flow: `Metadata: {aws-responsibility: {ignore: [...]}, Owner: me}`', () => {
    const text = HEAD + `  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: {aws-responsibility: {ignore: [${A}]}, Owner: me}\n` + VOL;
    check('t.yaml', text, 'rds-storage-encryption', HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: {Owner: me}\n' + VOL);
    const onlyIt = HEAD + `  Bucket: {Type: AWS::S3::Bucket, Metadata: {aws-responsibility: {ignore: [${A}]}}}\n` + VOL;
    check('t.yaml', onlyIt, 'rds-storage-encryption', HEAD + '  Bucket: {Type: AWS::S3::Bucket}\n' + VOL);
  });
});

describe('remove unused Metadata suppression: JSON', () => {
  const tpl = (ignore: object[], extra: Record<string, unknown> = {}) => ({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Metadata: { ...extra, 'aws-responsibility': { ignore } }, Properties: { BucketName: 'logs' } },
      Vol: { Type: 'AWS::EC2::Volume', Metadata: { 'aws-responsibility': { ignore: [{ rule: 'ebs-volume-encryption', reason: 'scratch' }] } }, Properties: { Size: 10 } },
    },
  });
  const A = { rule: 'rds-storage-encryption', reason: 'copied' };
  const B = { rule: 's3-versioning', reason: 'logs' };
  const C = { rule: 's3-public-access-block', reason: 'public site' };

  it('first, middle, last item (2-space pretty print) — expected text by hand', () => {
    const text = JSON.stringify(tpl([A, B, C]), null, 2) + '\n';
    const expected = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": {
        "aws-responsibility": {
          "ignore": [
            {
              "rule": "s3-versioning",
              "reason": "logs"
            },
            {
              "rule": "s3-public-access-block",
              "reason": "public site"
            }
          ]
        }
      },
      "Properties": {
        "BucketName": "logs"
      }
    },
    "Vol": {
      "Type": "AWS::EC2::Volume",
      "Metadata": {
        "aws-responsibility": {
          "ignore": [
            {
              "rule": "ebs-volume-encryption",
              "reason": "scratch"
            }
          ]
        }
      },
      "Properties": {
        "Size": 10
      }
    }
  }
}
`;
    check('t.json', text, 'rds-storage-encryption', expected);
    check('t.json', JSON.stringify(tpl([B, A, C]), null, 2) + '\n', 'rds-storage-encryption', expected);
    check('t.json', JSON.stringify(tpl([B, C, A]), null, 2) + '\n', 'rds-storage-encryption', expected);
  });

  it('4-space pretty print, last and only item', () => {
    check('t.json', JSON.stringify(tpl([B, A]), null, 4), 'rds-storage-encryption', JSON.stringify(tpl([B]), null, 4));
    const only = JSON.stringify(tpl([A]), null, 4);
    const expected = JSON.stringify({ ...tpl([]), Resources: { ...tpl([]).Resources, Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'logs' } } } }, null, 4);
    check('t.json', only, 'rds-storage-encryption', expected);
  });

  it('only item with other Metadata keys, 2 spaces, by hand', () => {
    const text = `{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": {
        "Owner": "me",
        "aws-responsibility": { "ignore": [ { "rule": "rds-storage-encryption", "reason": "copied" } ] }
      }
    }
  }
}`;
    check('t.json', text, 'rds-storage-encryption', `{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": {
        "Owner": "me"
      }
    }
  }
}`);
    const first = text.replace('"Owner": "me",\n        "aws-responsibility": { "ignore": [ { "rule": "rds-storage-encryption", "reason": "copied" } ] }', '"aws-responsibility": { "ignore": [ { "rule": "rds-storage-encryption", "reason": "copied" } ] },\n        "Owner": "me"');
    check('t.json', first, 'rds-storage-encryption', `{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": {
        "Owner": "me"
      }
    }
  }
}`);
  });

  it('only item, Metadata last property of the resource: the comma before it goes', () => {
    const text = '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Metadata": {"aws-responsibility": {"ignore": [{"rule": "rds-storage-encryption", "reason": "x"}]}}}}}';
    check('t.json', text, 'rds-storage-encryption', '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}');
  });
});

describe('remove unused Metadata suppression: layouts left alone', () => {
  const wrap = (md: string): string => HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n' + md + '    Properties:\n      BucketName: logs\n';

  it('another key beside `ignore` under aws-responsibility (only item)', () => {
    noEdit('t.yaml', wrap('      aws-responsibility:\n        owner: me\n        ignore:\n          - rule: rds-storage-encryption\n            reason: copied\n'), 'rds-storage-encryption');
  });

  it('entries reached through an alias', () => {
    const text = HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: &shared\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: logs\n          - rule: rds-storage-encryption\n            reason: copied\n  Bucket2:\n    Type: AWS::S3::Bucket\n    Metadata: *shared\n';
    const a = analyzeText('t.yaml', text);
    const unused = applySuppressions(a, text).findings.filter((f) => f.ruleId === UNUSED);
    assert.equal(unused.length, 2);
    for (const f of unused) assert.deepEqual(removeSuppressionEdits(text, a.doc, f.span), [], f.resource);
  });

  it('an item carrying an anchor that another resource uses', () => {
    const text = HEAD + '  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: logs\n          - &copied {rule: rds-storage-encryption, reason: copied}\n  Bucket2:\n    Type: AWS::S3::Bucket\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: s3-versioning\n            reason: logs\n          - *copied\n';
    const a = analyzeText('t.yaml', text);
    assert.deepEqual(a.doc.syntaxErrors, []);
    const unused = applySuppressions(a, text).findings.filter((f) => f.ruleId === UNUSED);
    assert.ok(unused.length >= 1);
    for (const f of unused) assert.deepEqual(removeSuppressionEdits(text, a.doc, f.span), []);
  });

  it('comments or tabs between flow items', () => {
    noEdit('t.yaml', wrap('      aws-responsibility:\n        ignore: [\n          {rule: s3-versioning, reason: a}, # keep\n          {rule: rds-storage-encryption, reason: b}\n        ]\n'), 'rds-storage-encryption');
    noEdit('t.yaml', wrap('      aws-responsibility:\n        ignore: [{rule: s3-versioning, reason: a},\t{rule: rds-storage-encryption, reason: b}]\n'), 'rds-storage-encryption');
    noEdit('t.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Metadata": {"aws-responsibility": {"ignore": [{"rule": "s3-versioning", "reason": "a"}, /* c */ {"rule": "rds-storage-encryption", "reason": "b"}]}}}}}', 'rds-storage-encryption');
  });

  it('a list given by an intrinsic is not an entry list; nothing to remove, nothing thrown', () => {
    const text = wrap('      aws-responsibility:\n        ignore: !If [C, [{rule: rds-storage-encryption, reason: b}], []]\n');
    const a = analyzeText('t.yaml', text);
    assert.equal(applySuppressions(a, text).findings.filter((f) => f.ruleId === UNUSED).length, 0);
    for (let at = 0; at < text.length; at += 7) assert.deepEqual(removeSuppressionEdits(text, a.doc, { start: at, end: at + 1 }), []);
  });

  it('a span that is no rule, or junk, gives nothing', () => {
    const text = wrap('      aws-responsibility:\n        ignore:\n          - rule: rds-storage-encryption\n            reason: copied\n');
    const a = analyzeText('t.yaml', text);
    assert.deepEqual(removeSuppressionEdits(text, a.doc, { start: text.indexOf('copied'), end: text.indexOf('copied') + 6 }), []);
    assert.deepEqual(removeSuppressionEdits(text, a.doc, { start: -5, end: 1e9 }), []);
    assert.deepEqual(removeSuppressionEdits('', a.doc, { start: text.indexOf('rds'), end: text.indexOf('rds') + 3 }), []);
  });
});

describe('remove unused Metadata suppression: property', () => {
  const USED = ['s3-versioning', 's3-public-access-block'];
  const UNUSED_ON_BUCKET = ['ebs-volume-encryption', 'rds-storage-encryption', 'deletion-protection'];
  type Layout = 'block' | 'indentless' | 'block-flow-items' | 'flow' | 'json2' | 'json4' | 'json-compact';
  const q = (s: string): string => JSON.stringify(s);

  function render(layout: Layout, entries: readonly { rule: string; reason: string }[], owner: 'none' | 'before' | 'after'): { file: string; text: string } {
    if (layout.startsWith('json')) {
      const md: Record<string, unknown> = {};
      if (owner === 'before') md.Owner = 'me';
      md['aws-responsibility'] = { ignore: entries };
      if (owner === 'after') md.Owner = 'me';
      const t = { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Metadata: md, Properties: { BucketName: 'logs' } }, Vol: { Type: 'AWS::EC2::Volume', Metadata: { 'aws-responsibility': { ignore: [{ rule: 'ebs-volume-encryption', reason: 'scratch' }] } } } } };
      return { file: 't.json', text: JSON.stringify(t, null, layout === 'json2' ? 2 : layout === 'json4' ? 4 : undefined) };
    }
    const list =
      layout === 'flow'
        ? ` [${entries.map((e) => `{rule: ${e.rule}, reason: ${q(e.reason)}}`).join(', ')}]\n`
        : '\n' + entries.map((e) => (layout === 'block' ? `          - rule: ${e.rule}\n            reason: ${q(e.reason)}\n` : layout === 'indentless' ? `        - rule: ${e.rule}\n          reason: ${q(e.reason)}\n` : `          - {rule: ${e.rule}, reason: ${q(e.reason)}}\n`)).join('');
    const md = (owner === 'before' ? '      Owner: me\n' : '') + `      aws-responsibility:\n        ignore:${list}` + (owner === 'after' ? '      Owner: me\n' : '');
    return { file: 't.yaml', text: HEAD + `  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n${md}    Properties:\n      BucketName: logs\n` + VOL };
  }

  it('removing any unused entry leaves a clean template with every other directive and finding unchanged', () => {
    const entryArb = fc.record({ rule: fc.constantFrom(...USED, ...UNUSED_ON_BUCKET), reason: fc.constantFrom('logs', 'copied, from x', "it's fine", 'R&D: only', 'a # b') });
    fc.assert(
      fc.property(fc.constantFrom<Layout>('block', 'indentless', 'block-flow-items', 'flow', 'json2', 'json4', 'json-compact'), fc.array(entryArb, { minLength: 1, maxLength: 5 }), fc.constantFrom<'none' | 'before' | 'after'>('none', 'before', 'after'), fc.nat(), (layout, entries, owner, pick) => {
        const { file, text } = render(layout, entries, owner);
        const a = analyzeText(file, text);
        assert.deepEqual(a.doc.syntaxErrors, []);
        const before = applySuppressions(a, text);
        const unused = before.findings.filter((f) => f.ruleId === UNUSED);
        const expectedUnused = entries.filter((e, i) => !USED.includes(e.rule) || entries.findIndex((x) => x.rule === e.rule) < i).length;
        assert.equal(unused.length, expectedUnused, text);
        if (unused.length === 0) return;
        const target = unused[pick % unused.length];
        const edits = removeSuppressionEdits(text, a.doc, target.span);
        assert.ok(edits.length > 0, `no edit for ${text.slice(target.span.start, target.span.end)} in\n${text}`);
        const out = applyEdits(text, edits);
        const a2 = analyzeText(file, out);
        assert.deepEqual(a2.doc.syntaxErrors, [], out);
        const dirs = metadataDirectives(a.doc);
        const removed = dirs.find((d) => d.rules[0]?.span.start === target.span.start);
        assert.ok(removed);
        assert.deepEqual(metadataDirectives(a2.doc).map(dirKey), dirs.filter((d) => d !== removed).map(dirKey), out);
        const after = applySuppressions(a2, out);
        assert.deepEqual(after.findings.map((f) => key(out, f)).sort(), before.findings.filter((f) => f !== target).map((f) => key(text, f)).sort(), out);
        // What is left outside the removed range is byte-identical.
        assert.equal(edits.length, 1);
        assert.equal(out, text.slice(0, edits[0].start) + text.slice(edits[0].end));
      }),
      { numRuns: 300, examples: [['block', [{ rule: 's3-versioning', reason: 'logs' }, { rule: 's3-versioning', reason: 'logs' }], 'none', 0]] },
    );
  });
});
