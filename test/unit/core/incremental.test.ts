/** Incremental analysis must equal a fresh analysis of the same text, after any sequence of edits. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText, DocumentAnalyzer, type Syntax } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { generate } from '../../../bench/generate';
import { EXAMPLES } from '../helpers';

/**
 * Everything an analysis shows, spans included (JSON.stringify writes anchored spans as offsets); `deep` adds every node
 * of every resource, where a span left behind by a moved chunk would show.
 */
function summary(a: Analysis, deep = true): string {
  return JSON.stringify({
    resources: a.resources.map((r) => [
      r.resource.id,
      r.resource.type,
      r.resource.typeSpan,
      r.resource.nameSpan,
      r.resource.span,
      r.kind,
      r.duties.map((d) => [d.status, d.results.map((x) => x.outcome.gaps?.map((g) => [g.span, g.message]))]),
      deep ? (r.resource.definition ?? r.resource.properties) : undefined,
    ]),
    findings: a.findings.map((f) => [f.ruleId, f.span, f.message, f.severity, f.resource, f.at?.id]),
    errors: a.doc.syntaxErrors.map((e) => [e.span, e.message]),
    comments: a.doc.comments.map((c) => [c.span, c.text]),
  });
}

const edit = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  ins: fc.array(fc.constantFrom('a', 'x', ' ', '  ', '\n', ':', '#', '"', '{', '}', '-', 'true', 'false', '0.0.0.0/0', '!Ref '), { maxLength: 4 }).map((xs) => xs.join('')),
});

function applyEdit(text: string, e: { at: number; del: number; ins: string }): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.ins + text.slice(at + e.del);
}

const cases: [string, Syntax, string][] = [
  ['web-app.yaml', 'cfn-yaml', fs.readFileSync(path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'), 'utf8')],
  ['main.tf', 'terraform', fs.readFileSync(path.join(EXAMPLES, 'terraform', 'main.tf'), 'utf8')],
  ['gen.yaml', 'cfn-yaml', generate('yaml', 30)],
  ['gen.tf', 'terraform', generate('tf', 30)],
  ['gen.json', 'cfn-json', generate('json', 30)],
];

describe('incremental analysis', () => {
  for (const [name, syntax, original] of cases) {
    it(`equals a fresh analysis after random edits: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          const analyzer = new DocumentAnalyzer(syntax);
          analyzer.analyze(original);
          let text = original;
          for (const e of edits) {
            text = applyEdit(text, e);
            const inc = analyzer.analyze(text);
            const fresh = analyzeText(name, text);
            assert.equal(summary(inc), summary(fresh));
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

// The same property with the edit given, as the language server gives it (the editor's change: the parser then does
// not compare the texts, and on its fast path does not read the new one).
describe('incremental analysis told the edit', () => {
  for (const [name, syntax, original] of cases) {
    it(`equals a fresh analysis after random edits: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          // As the server analyses an open document: prepared for edits, and told each one.
          const analyzer = new DocumentAnalyzer(syntax, { editing: true });
          analyzer.analyze(original);
          let text = original;
          for (const e of edits) {
            const start = text.length === 0 ? 0 : e.at % (text.length + 1);
            const told = { base: text, start, oldEnd: Math.min(text.length, start + e.del), text: e.ins };
            text = applyEdit(text, e);
            const inc = analyzer.analyze(text, told);
            assert.equal(summary(inc), summary(analyzeText(name, text)));
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

// The same property on the largest files the editor analyses (10,000 resources, 5–13 MB): one analyzer keeps its state
// across all the runs' edits (as an open document does), and each step is compared with a fresh analysis. Few runs:
// a fresh analysis of such a file takes about a second.
describe('incremental analysis at 10,000 resources', () => {
  const big: [string, Syntax, string][] = [
    ['big.yaml', 'cfn-yaml', generate('yaml', 10000)],
    ['big.json', 'cfn-json', generate('json', 10000)],
    ['big.tf', 'terraform', generate('tf', 10000)],
  ];
  for (const [name, syntax, original] of big) {
    it(`equals a fresh analysis after random edits: ${name}`, () => {
      const analyzer = new DocumentAnalyzer(syntax);
      assert.equal(summary(analyzer.analyze(original)), summary(analyzeText(name, original)));
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 2 }), (edits) => {
          let text = original;
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.equal(summary(analyzer.analyze(text)), summary(analyzeText(name, text)));
          }
          // Back to the original text: the state the next run starts from.
          assert.equal(summary(analyzer.analyze(original)), summary(analyzeText(name, original)));
        }),
        { numRuns: 2 },
      );
    });
  }
});

// Edits cost what they touch: after an edit in the first resource, every other resource's result is the very object of
// the analysis before (its spans moved with its chunk's anchor, model/anchor.ts), and only the edited one is checked.
describe('an edit reuses the other resources as they are', () => {
  const cases: [Syntax, string, string][] = [
    ['cfn-yaml', generate('yaml', 50), 'Size: '],
    ['cfn-json', generate('json', 50), '"Size": '],
    ['terraform', generate('tf', 50), 'size = '],
  ];
  for (const [syntax, original, key] of cases) {
    it(syntax, () => {
      const analyzer = new DocumentAnalyzer(syntax);
      const type = (text: string, n: number): string => {
        const at = text.indexOf(key) + key.length;
        return text.slice(0, at) + '1'.repeat(n) + text.slice(at);
      };
      analyzer.analyze(original);
      // The first edit above them may anchor chunks that were never moved; from the second on, nothing is copied.
      const first = analyzer.analyze(type(original, 1));
      const second = analyzer.analyze(type(original, 2));
      assert.equal(analyzer['incremental'].lastChecked, 1);
      assert.equal(second.resources.length, 50);
      for (let i = 1; i < 50; i++) assert.equal(second.resources[i], first.resources[i], `resource ${i} reused as the same object`);
      assert.equal(summary(second), summary(analyzeText(`x.${syntax === 'terraform' ? 'tf' : syntax === 'cfn-json' ? 'json' : 'yaml'}`, type(original, 2))));
    });
    it(`${syntax}, a document opened for editing: from the first edit on`, () => {
      const analyzer = new DocumentAnalyzer(syntax, { editing: true });
      const at = original.indexOf(key) + key.length;
      const opened = analyzer.analyze(original);
      const edited = original.slice(0, at) + '1' + original.slice(at);
      const first = analyzer.analyze(edited);
      assert.equal(analyzer['incremental'].lastChecked, 1);
      for (let i = 1; i < 50; i++) assert.equal(first.resources[i], opened.resources[i], `resource ${i} reused as the same object`);
      assert.equal(summary(first), summary(analyzeText(`x.${syntax === 'terraform' ? 'tf' : syntax === 'cfn-json' ? 'json' : 'yaml'}`, edited)));
    });
  }
});

// Found by the property above (seed -1851852736): an edit in a linked block (re-parsed, so anchored) then an edit above
// both; the bucket's result, computed while its own block was not anchored yet, held the linked block's anchored span,
// which moved by itself and then again with the result.
// And (400 runs): a block's closing brace deleted, then the next block's `resource` keyword broken — re-parsed alone,
// that block read as a block of its own, where the whole file's error recovery reads it into the unclosed one.
for (const [name, edits] of [
  ['a finding in a linked, re-parsed block moves once when an edit above moves both (main.tf)', [{ at: 443233162, del: 2, ins: 'a' }, { at: 743876655, del: 1, ins: '' }]],
  ['after a syntax error, an edit is read with the whole file, not one block alone (main.tf)', [{ at: 196986717, del: 7, ins: '' }, { at: 1297947560, del: 3, ins: '"' }]],
] as const) {
  it(name, () => {
    const original = fs.readFileSync(path.join(EXAMPLES, 'terraform', 'main.tf'), 'utf8');
    const analyzer = new DocumentAnalyzer('terraform');
    analyzer.analyze(original);
    let text = original;
    for (const e of edits) {
      text = applyEdit(text, e);
      assert.equal(summary(analyzer.analyze(text)), summary(analyzeText('main.tf', text)));
    }
  });
}

// Rules that read other resources beyond links (a logging configuration whose target the file does not decide, who logs
// to a bucket, whether a Ref names a resource, a custom resource's provider): an edit to those resources changes the
// result of resources that were not edited (model/reads.ts). Each step edits one place; incremental equals fresh.
const CROSS_TF = `variable "v" {}
variable "b" {}
resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id = var.v
  traffic_type = "ALL"
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_s3_bucket" "data" {
  bucket = "data"
}
resource "aws_s3_bucket_logging" "l" {
  bucket = var.b
  target_bucket = "elsewhere"
}
`;
const CROSS_TF_STEPS: [string, string][] = [
  ['vpc_id = var.v', 'vpc_id = "vpc-123"'],
  ['bucket = var.b', 'bucket = "other"'],
  ['target_bucket = "elsewhere"', 'target_bucket = aws_s3_bucket.logs.id'],
  ['bucket = "other"', 'bucket = aws_s3_bucket.data.id'],
  ['vpc_id = "vpc-123"', 'vpc_id = aws_vpc.a.id'],
  ['resource "aws_flow_log" "f" {', 'resource "aws_flow_log" "g" {'],
  ['traffic_type = "ALL"\n}\n', 'traffic_type = "ALL"\n}\nresource "aws_flow_log" "h" {\n  vpc_id = var.v\n}\n'],
];
const CROSS_CFN = `Parameters:
  P: {Type: String}
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration:
        DestinationBucketName: elsewhere
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref P
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: {Bool: {'aws:SecureTransport': false}}}
  Custom:
    Type: Custom::Thing
    Properties:
      ServiceToken: !GetAtt Fn.Arn
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceType: VPC
      ResourceId: !Ref Missing
      TrafficType: ALL
`;
const CROSS_CFN_STEPS: [string, string][] = [
  ['DestinationBucketName: elsewhere', 'DestinationBucketName: !Ref Logs'],
  ['Bucket: !Ref P', 'Bucket: other-bucket'],
  ['Bucket: other-bucket', 'Bucket: !Ref Data'],
  ['  Vpc:\n', '  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Runtime: python3.12, Handler: x, Role: r, Code: {ZipFile: x}}\n  Vpc:\n'],
  ['  Vpc:\n', '  Missing:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.1.0.0/16}\n  Vpc:\n'],
  ['DestinationBucketName: !Ref Logs', 'DestinationBucketName: elsewhere'],
];

describe('incremental analysis where rules read other resources', () => {
  const crossCases: [string, Syntax, string, readonly [string, string][]][] = [
    ['cross.tf', 'terraform', CROSS_TF, CROSS_TF_STEPS],
    ['cross.yaml', 'cfn-yaml', CROSS_CFN, CROSS_CFN_STEPS],
  ];
  for (const [name, syntax, original, steps] of crossCases) {
    it(`equals a fresh analysis after each edit of a resource another reads: ${name}`, () => {
      const analyzer = new DocumentAnalyzer(syntax, { editing: true });
      analyzer.analyze(original);
      let text = original;
      const changed: string[] = [];
      for (const [from, to] of steps) {
        assert.ok(text.includes(from), from);
        const before = summary(analyzer.analyze(text), false);
        text = text.replace(from, to);
        const inc = summary(analyzer.analyze(text), false);
        assert.equal(inc, summary(analyzeText(name, text), false), `after ${from} → ${to}`);
        if (inc !== before) changed.push(from);
      }
      // Every step changes what the analysis shows (so each exercises a read, not just a re-parse).
      assert.deepEqual(changed, steps.map(([from]) => from));
    });
  }

  it('random edits over a template whose resources read each other', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const analyzer = new DocumentAnalyzer('terraform');
        analyzer.analyze(CROSS_TF);
        let text = CROSS_TF;
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.equal(summary(analyzer.analyze(text)), summary(analyzeText('cross.tf', text)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
