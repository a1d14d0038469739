/**
 * `relatedSpans` remembers, per Finding object, the places of a finding whose value is a literal (core/present/related.ts),
 * and finds the resource a finding is about without a Map of every resource per analysis. Across edits (an unchanged
 * resource's findings are the same objects), every place must be the one a fresh analysis of the new text gives: never
 * a stale one. Each test types through a sequence of texts with one DocumentAnalyzer and compares with a fresh one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../../server/src/core/analyze';
import { DocumentAnalyzer, type Syntax } from '../../../server/src/core/document';
import { relatedSpans } from '../../../server/src/core/present/related';

/** Every finding with its related places, as offsets and messages (the same text must give the same list). */
function relatedOf(a: Analysis, text: string): string[] {
  return a.findings.map((f) => {
    const places = relatedSpans(a, f).map((r) => `${r.file ?? 'here'}@${r.span.start}-${r.span.end}:${JSON.stringify(r.file ? '' : text.slice(r.span.start, r.span.end))} ${r.message}`);
    return `${f.ruleId} ${f.resource} @${f.span.start}-${f.span.end} -> ${places.join(' ; ')}`;
  });
}

/** Types through `texts` with one analyzer; after each, the related places equal a fresh analysis's (asked twice: memo hits). */
function typeThrough(syntax: Syntax, texts: readonly string[]): void {
  const a = new DocumentAnalyzer(syntax);
  texts.forEach((t, step) => {
    const inc = a.analyze(t);
    const expected = relatedOf(new DocumentAnalyzer(syntax).analyze(t), t);
    assert.deepEqual(relatedOf(inc, t), expected, `step ${step}`);
    assert.deepEqual(relatedOf(inc, t), expected, `step ${step}, asked again`);
  });
}

const YAML_BASE = `Parameters:
  Cidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref Cidr
  V:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: a
      Encrypted: false
  B:
    Type: AWS::S3::Bucket
  W:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: b
      Encrypted: false
`;

const YAML_VARIANTS: readonly string[] = [
  YAML_BASE,
  // Before every resource: a comment, another parameter.
  `# a comment\n${YAML_BASE}`,
  YAML_BASE.replace('Parameters:\n', 'Parameters:\n  Other:\n    Type: String\n'),
  // Inside a resource, inside the middle one, after the last.
  YAML_BASE.replace('AvailabilityZone: a', 'AvailabilityZone: abc'),
  YAML_BASE.replace('GroupDescription: web', 'GroupDescription: web servers'),
  `${YAML_BASE}  C:\n    Type: AWS::SNS::Topic\n`,
  // The parameter the security group's value reads: its Default removed, renamed, longer.
  YAML_BASE.replace('    Default: 0.0.0.0/0\n', ''),
  YAML_BASE.replace('  Cidr:\n', '  Cidr2:\n'),
  YAML_BASE.replace('Default: 0.0.0.0/0', 'Default: "0.0.0.0/0" # open to all'),
  // The value itself: a literal instead of the parameter, and back.
  YAML_BASE.replace('CidrIp: !Ref Cidr', 'CidrIp: 0.0.0.0/0'),
  // A resource id used twice (the later one is the one a finding is about), one resource removed.
  YAML_BASE.replace('  B:\n', '  V:\n'),
  YAML_BASE.replace('  W:\n', '  V:\n'),
  YAML_BASE.replace('  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Encrypted: false\n', ''),
];

const TF_BASE = `variable "open" {
  default = "0.0.0.0/0"
}
resource "aws_s3_bucket" "data" {
  bucket = "data"
}
resource "aws_s3_bucket_public_access_block" "pab" {
  bucket = aws_s3_bucket.data.id
  block_public_acls = false
  block_public_policy = true
  ignore_public_acls = true
  restrict_public_buckets = true
}
resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.open]
  }
}
resource "aws_s3_bucket" "other" {
  bucket = "other"
}
`;

const TF_VARIANTS: readonly string[] = [
  TF_BASE,
  `# a comment\n${TF_BASE}`,
  TF_BASE.replace('bucket = "data"', 'bucket = "data-bucket"'),
  TF_BASE.replace('block_public_acls = false', 'block_public_acls  =  false'),
  `${TF_BASE}resource "aws_sns_topic" "t" {\n}\n`,
  TF_BASE.replace('  default = "0.0.0.0/0"\n', ''),
  TF_BASE.replace('variable "open" {', 'variable "opened" {'),
  TF_BASE.replace('default = "0.0.0.0/0"', 'default = "0.0.0.0/0" # anywhere'),
  TF_BASE.replace('[var.open]', '["0.0.0.0/0"]'),
  // A later resource renamed to the id the public access block is about: that one is the resource at fault now.
  TF_BASE.replace('"aws_s3_bucket" "other"', '"aws_s3_bucket" "data"'),
  TF_BASE.replace('resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n', ''),
];

const JSON_VARIANTS: readonly string[] = (() => {
  const base = (p: { defaultCidr?: string; name?: string; pad?: string; az?: string; literal?: boolean; extra?: boolean }): string =>
    JSON.stringify(
      {
        Parameters: { [p.name ?? 'Cidr']: { Type: 'String', ...(p.defaultCidr !== undefined ? { Default: p.defaultCidr } : {}) } },
        Resources: {
          SG: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: p.literal ? '0.0.0.0/0' : { Ref: 'Cidr' } }] },
          },
          V: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: p.az ?? 'a', Encrypted: false } },
          B: { Type: 'AWS::S3::Bucket' },
          W: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'b', Encrypted: false } },
          ...(p.extra ? { C: { Type: 'AWS::SNS::Topic' } } : {}),
        },
      },
      null,
      2,
    ).replace('{\n  "Parameters"', `{${p.pad ?? ''}\n  "Parameters"`);
  return [
    base({ defaultCidr: '0.0.0.0/0' }),
    base({ defaultCidr: '0.0.0.0/0', pad: '   ' }),
    base({ defaultCidr: '0.0.0.0/0', az: 'abc' }),
    base({ defaultCidr: '0.0.0.0/0', extra: true }),
    base({}),
    base({ defaultCidr: '10.0.0.0/8 and more' }),
    base({ defaultCidr: '0.0.0.0/0', name: 'Cidr2' }),
    base({ defaultCidr: '0.0.0.0/0', literal: true }),
  ];
})();

describe('related places across edits (memo per finding)', () => {
  it('CloudFormation YAML: edits before, inside and after resources, and of the parameter a value reads', () => {
    typeThrough('cfn-yaml', [...YAML_VARIANTS, ...[...YAML_VARIANTS].reverse(), YAML_VARIANTS[0], YAML_VARIANTS[6], YAML_VARIANTS[0], YAML_VARIANTS[7], YAML_VARIANTS[0]]);
  });

  it('Terraform: a resource renamed to the id a linked finding is about moves its related place there', () => {
    const a = new DocumentAnalyzer('terraform');
    const pabFinding = (an: Analysis) => an.findings.find((f) => f.ruleId === 's3-public-access-block' && f.at !== undefined);
    const before = a.analyze(TF_BASE);
    const f0 = pabFinding(before);
    assert.ok(f0, JSON.stringify(before.findings.map((f) => f.ruleId)));
    const about = (an: Analysis, t: string) => relatedSpans(an, pabFinding(an)!).map((r) => `${t.slice(0, r.span.start).split('\n').length}:${t.slice(r.span.start, r.span.end)}`);
    assert.deepEqual(about(before, TF_BASE), ['4:data']);
    const renamed = TF_VARIANTS[9];
    const after = a.analyze(renamed);
    // The finding is reused as the same object (nothing it reads changed): the memo must not keep the first bucket.
    assert.equal(pabFinding(after), f0);
    assert.deepEqual(about(after, renamed), ['22:data']);
    assert.deepEqual(relatedOf(after, renamed), relatedOf(new DocumentAnalyzer('terraform').analyze(renamed), renamed));
    const back = a.analyze(TF_BASE);
    assert.deepEqual(about(back, TF_BASE), ['4:data']);
  });

  it('CloudFormation YAML: an edit of the Parameters section moves the place a value comes from', () => {
    const a = new DocumentAnalyzer('cfn-yaml');
    const sg = (an: Analysis) => an.findings.find((f) => f.ruleId === 'security-group-open-ingress')!;
    const where = (an: Analysis, t: string) => relatedSpans(an, sg(an)).map((r) => `${t.slice(0, r.span.start).split('\n').length}:${t.slice(r.span.start, r.span.end)} ${r.message}`);
    const first = a.analyze(YAML_BASE);
    assert.deepEqual(where(first, YAML_BASE), ['2:Cidr the value comes from parameter `Cidr` (its Default)']);
    const moved = a.analyze(YAML_VARIANTS[2]);
    assert.deepEqual(where(moved, YAML_VARIANTS[2]), ['4:Cidr the value comes from parameter `Cidr` (its Default)']);
    const literal = a.analyze(YAML_VARIANTS[9]);
    assert.deepEqual(where(literal, YAML_VARIANTS[9]), []);
    const back = a.analyze(YAML_BASE);
    assert.deepEqual(where(back, YAML_BASE), ['2:Cidr the value comes from parameter `Cidr` (its Default)']);
  });

  it('Terraform: renames, edits of the variable a value reads, resources added and removed', () => {
    typeThrough('terraform', [...TF_VARIANTS, ...[...TF_VARIANTS].reverse(), TF_VARIANTS[9], TF_VARIANTS[1], TF_VARIANTS[9], TF_VARIANTS[0]]);
  });

  it('CloudFormation JSON: the incremental parser anchors a resource the first time it moves', () => {
    typeThrough('cfn-json', [...JSON_VARIANTS, ...[...JSON_VARIANTS].reverse(), JSON_VARIANTS[1], JSON_VARIANTS[0], JSON_VARIANTS[1]]);
  });

  it('property: any sequence of edits gives the places of a fresh analysis', () => {
    for (const [syntax, variants] of [
      ['cfn-yaml', YAML_VARIANTS],
      ['terraform', TF_VARIANTS],
      ['cfn-json', JSON_VARIANTS],
    ] as const) {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: variants.length - 1 }), { minLength: 1, maxLength: 10 }), (seq) => typeThrough(syntax, seq.map((i) => variants[i]))),
        { numRuns: 40 },
      );
    }
  });

  it('many resources: an edit in one keeps every other place right (ids found without a Map per analysis)', () => {
    const resource = (i: number, az = 'a') => `  V${i}:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: ${az}\n      Encrypted: false\n`;
    const make = (n: number, edit?: number, dupAt?: number) =>
      `Parameters:\n  Cidr:\n    Type: String\nResources:\n${Array.from({ length: n }, (_, i) => (i === dupAt ? resource(3) : resource(i, i === edit ? 'zz' : 'a'))).join('')}`;
    typeThrough('cfn-yaml', [make(200), make(200, 100), make(200), make(200, 0), make(200, 199), make(200, undefined, 150), make(200), make(201), make(200, undefined, 2)]);
  });
});
