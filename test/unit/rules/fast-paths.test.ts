/**
 * The analysis' fast paths give exactly what the straightforward code gave: each is checked against the plain
 * version (kept here as the reference) on random input, and on the cases where a shortcut could go wrong.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../../server/src/core/document';
import { quoteName } from '../../../server/src/core/rules/message';
import { combine } from '../../../server/src/core/rules/outcome';
import type { Gap, RuleOutcome } from '../../../server/src/core/rules/rule-api';

/** quoteName before the fast path. */
function quoteNameReference(name: string): string {
  // Bidirectional controls come out as U+FFFD (they would make the name read differently from what it is).
  const rewritten = name.replace(/`/g, "'").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return '`' + rewritten.slice(0, 200) + '`';
}

/** combine before the single-loop rewrite. */
function combineReference(outcomes: readonly RuleOutcome[]): RuleOutcome {
  const gaps = outcomes.flatMap((o) => o.gaps ?? []);
  if (gaps.length > 0) return { status: 'gap', gaps };
  const unknown = outcomes.filter((o) => o.status === 'unknown');
  if (unknown.length > 0) return { status: 'unknown', dependsOn: unknown.flatMap((o) => o.dependsOn ?? []) };
  const met = outcomes.filter((o) => o.status === 'met');
  if (met.length > 0) return { status: 'met', evidence: met.map((o) => o.evidence).filter(Boolean).join('; ') };
  return { status: 'not-applicable' };
}

const gapArb: fc.Arbitrary<Gap> = fc.record({ message: fc.string(), span: fc.record({ start: fc.nat(), end: fc.nat() }) });
const outcomeArb: fc.Arbitrary<RuleOutcome> = fc.record(
  {
    status: fc.constantFrom('met' as const, 'gap' as const, 'unknown' as const, 'not-applicable' as const),
    evidence: fc.option(fc.string(), { nil: undefined }),
    dependsOn: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
    gaps: fc.option(fc.array(gapArb, { maxLength: 3 }), { nil: undefined }),
  },
  { requiredKeys: ['status'] },
);

describe('fast paths give the same results', () => {
  it('quoteName: same text as the general rewrite for any name (backticks, control characters, long names)', () => {
    const names = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('a`b', 'x\u2028y', 'tab\there', 'n'.repeat(200), 'n'.repeat(201), 'a\u061cb', 'x\u202ey', '\u2066'.repeat(250)));
    fc.assert(fc.property(names, (n) => assert.equal(quoteName(n), quoteNameReference(n))), { numRuns: 2000 });
  });

  // Compared field by field: one outcome that is already the combination is handed back as it is, whatever its prototype.
  it('combine: same outcome as the reference for any list of outcomes', () => {
    fc.assert(fc.property(fc.array(outcomeArb, { maxLength: 6 }), (os) => assert.deepEqual({ ...combine(os) }, combineReference(os))), { numRuns: 2000 });
  });

  it('plaintext-secret: access key ids are found only as whole words, whatever is cached from earlier resources', () => {
    const tf = `
resource "aws_lambda_function" "a" {
  environment {
    variables = {
      KEY_ID   = "AKIAIOSFODNN7EXAMPLE"
      SHORT    = "AKIAIOSFODNN7"
      GLUED    = "xAKIAIOSFODNN7EXAMPLE"
      API_KEY  = "literal-value"
      api-key  = "literal-value"
      Api_Key  = "\${var.key}"
      NAME     = "n"
    }
  }
}
resource "aws_lambda_function" "b" {
  environment {
    variables = {
      api-key = "another-literal"
      NAME    = "n"
    }
  }
}`;
    for (let round = 0; round < 2; round++) {
      const a = analyzeText('main.tf', tf);
      const found = a.findings.filter((f) => f.ruleId === 'plaintext-secret').map((f) => `${f.resource}: ${tf.slice(f.span.start, f.span.end)} ${f.severity}`);
      assert.deepEqual(found.sort(), [
        'aws_lambda_function.a: "AKIAIOSFODNN7EXAMPLE" error',
        'aws_lambda_function.a: "literal-value" warning',
        'aws_lambda_function.a: "literal-value" warning',
        'aws_lambda_function.b: "another-literal" warning',
      ]);
    }
  });

  it('plaintext-secret: a Name/Value pair is read with either spelling, the capitalized one first', () => {
    const yaml = `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Environment:
            - { Name: DB_PASSWORD, name: ignored, Value: hunter2hunter2 }
            - { name: API_TOKEN, value: tokentokentoken }
            - { name: PLAIN, Name: SECRET_KEY_PASSWORD, value: lower-first, Value: upper-wins }
            - { Name: DB_PASSWORD }
`;
    const a = analyzeText('t.yaml', yaml);
    const found = a.findings.filter((f) => f.ruleId === 'plaintext-secret').map((f) => yaml.slice(f.span.start, f.span.end));
    assert.deepEqual(found.sort(), ['hunter2hunter2', 'tokentokentoken', 'upper-wins']);
  });

  it('duties no rule checked are not applicable, with no results, for every resource', () => {
    const a = analyzeText('main.tf', 'resource "aws_ebs_volume" "a" {\n  encrypted = true\n}\nresource "aws_ebs_volume" "b" {\n  encrypted = false\n}\n');
    for (const ra of a.resources) {
      const sse = ra.duties.find((d) => d.duty === 'server-side-encryption');
      assert.ok(sse && sse.results.length > 0);
      for (const d of ra.duties.filter((x) => x.results.length === 0)) assert.equal(d.status, 'not-applicable');
    }
    assert.deepEqual(
      a.resources.map((ra) => ra.duties.find((d) => d.duty === 'server-side-encryption')?.status),
      ['met', 'gap'],
    );
  });
});
