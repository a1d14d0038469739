/**
 * `metadataDirectives` derives each resource's Metadata directives once per Resource object (core/suppress/directives.ts).
 * Typing reuses unchanged resources as the same objects: after each edit, the directives (their spans included) and the
 * suppressions applied must be those of a fresh parse of the new text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../../server/src/core/analyze';
import { DocumentAnalyzer, type Syntax } from '../../../server/src/core/document';
import { effectiveFindings } from '../../../server/src/core/findings';
import { applySuppressions, metadataDirectives, type Directive } from '../../../server/src/core/suppress';

const at = (t: string, s: { start: number; end: number }): string => `${s.start}-${s.end}:${JSON.stringify(t.slice(s.start, s.end))}`;

function directivesOf(a: Analysis, t: string): string[] {
  return metadataDirectives(a.doc).map((d: Directive) =>
    [d.source, d.resource?.id, d.reason, d.problem, at(t, d.span), ...d.rules.map((r) => `${r.id}@${at(t, r.span)}`)].join(' | '),
  );
}

function suppressionsOf(a: Analysis, t: string): string[] {
  const s = applySuppressions(a, t);
  return [
    ...s.findings.map((f) => `kept ${f.ruleId} ${f.resource} ${at(t, f.span)} ${f.message}`),
    ...s.suppressed.map((x) => `suppressed ${x.finding.ruleId} ${x.finding.resource} by ${at(t, x.by.span)}`),
    ...effectiveFindings(a, t, {}).map((f) => `shown ${f.ruleId} ${at(t, f.span)}`),
  ];
}

function typeThrough(syntax: Syntax, texts: readonly string[]): void {
  const a = new DocumentAnalyzer(syntax);
  texts.forEach((t, step) => {
    const inc = a.analyze(t);
    const fresh = new DocumentAnalyzer(syntax).analyze(t);
    assert.deepEqual(directivesOf(inc, t), directivesOf(fresh, t), `step ${step}`);
    assert.deepEqual(suppressionsOf(inc, t), suppressionsOf(fresh, t), `step ${step}`);
  });
}

const V_META = `    Metadata:
      aws-responsibility:
        ignore:
          - rule: ebs-volume-encryption
            reason: scratch data
`;

const BASE = `Parameters:
  Name:
    Type: String
    Default: x
Resources:
  A:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: a
      Encrypted: false
  V:
    Type: AWS::EC2::Volume
${V_META}    Properties:
      AvailabilityZone: a
      Encrypted: false
  B:
    Type: AWS::S3::Bucket
    Metadata:
      aws-responsibility:
        ignore:
          - rule: s3-versioning
`;

const VARIANTS: readonly string[] = [
  BASE,
  // Edits before, inside and after the resource that carries the directive.
  `# top\n${BASE}`,
  BASE.replace('Default: x', 'Default: a longer default'),
  BASE.replace('  A:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n', '  A:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: abc\n'),
  BASE.replace('reason: scratch data', 'reason: scratch data, rebuilt nightly'),
  BASE.replace('  V:\n    Type: AWS::EC2::Volume\n    Metadata', '  V:\n    Type: AWS::EC2::Volume\n    Properties2: {}\n    Metadata'),
  `${BASE}  C:\n    Type: AWS::SNS::Topic\n`,
  // Directives added, removed, made malformed, left without a reason; a second entry.
  BASE.replace(V_META, ''),
  BASE.replace('            reason: scratch data\n', ''),
  BASE.replace('        ignore:\n          - rule: ebs-volume-encryption\n            reason: scratch data\n', '        ignore: nope\n'),
  BASE.replace('            reason: scratch data\n', '            reason: scratch data\n          - rule: no-such-rule\n            reason: why\n'),
  BASE.replace('          - rule: s3-versioning\n', '          - rule: s3-versioning\n            reason: versioned elsewhere\n'),
  BASE.replace('  A:\n    Type: AWS::EC2::Volume\n    Properties:\n', `  A:\n    Type: AWS::EC2::Volume\n${V_META}    Properties:\n`),
];

describe('Metadata directives across edits (memo per resource)', () => {
  it('YAML: edits before, inside and after the resources that carry them; directives added, removed, malformed', () => {
    typeThrough('cfn-yaml', [...VARIANTS, ...[...VARIANTS].reverse(), VARIANTS[7], VARIANTS[0], VARIANTS[12], VARIANTS[1], VARIANTS[0]]);
  });

  it('YAML: a directive spans the rule id at its place after an edit above it', () => {
    const a = new DocumentAnalyzer('cfn-yaml');
    const rules = (an: Analysis, t: string) => metadataDirectives(an.doc).flatMap((d) => d.rules.map((r) => `${t.slice(0, r.span.start).split('\n').length}:${t.slice(r.span.start, r.span.end)}`));
    assert.deepEqual(rules(a.analyze(BASE), BASE), ['16:ebs-volume-encryption', '26:s3-versioning']);
    const moved = `# one\n# two\n${BASE}`;
    assert.deepEqual(rules(a.analyze(moved), moved), ['18:ebs-volume-encryption', '28:s3-versioning']);
    assert.deepEqual(rules(a.analyze(VARIANTS[7]), VARIANTS[7]), ['21:s3-versioning']);
    assert.deepEqual(rules(a.analyze(BASE), BASE), ['16:ebs-volume-encryption', '26:s3-versioning']);
  });

  it('JSON: edits before and inside resources with Metadata', () => {
    const json = (o: { pad?: string; az?: string; reason?: string | null; meta?: boolean }) =>
      JSON.stringify(
        {
          Resources: {
            A: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: o.az ?? 'a', Encrypted: false } },
            V: {
              Type: 'AWS::EC2::Volume',
              ...(o.meta === false ? {} : { Metadata: { 'aws-responsibility': { ignore: [{ rule: 'ebs-volume-encryption', ...(o.reason === null ? {} : { reason: o.reason ?? 'scratch' }) }] } } }),
              Properties: { AvailabilityZone: 'a', Encrypted: false },
            },
          },
        },
        null,
        2,
      ).replace('{\n  "Resources"', `{${o.pad ?? ''}\n  "Resources"`);
    const vs = [json({}), json({ pad: '    ' }), json({ az: 'abcd' }), json({ reason: 'scratch, again' }), json({ reason: null }), json({ meta: false }), json({ pad: ' ', az: 'b' })];
    typeThrough('cfn-json', [...vs, ...[...vs].reverse(), vs[1], vs[0], vs[1]]);
  });

  it('property: any sequence of edits gives the directives of a fresh parse', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: VARIANTS.length - 1 }), { minLength: 1, maxLength: 10 }), (seq) => typeThrough('cfn-yaml', seq.map((i) => VARIANTS[i]))),
      { numRuns: 50 },
    );
  });
});
