import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { get } from '../../../server/src/core/model/nodes';
import type { MapNode } from '../../../server/src/core/model/types';
import { parseTerraformJson } from '../../../server/src/core/parse/terraform-json';
import { assertSpansInside, slice } from './helpers';

const TEXT = `{
  "//": "doc comment",
  "variable": { "env": { "default": "prod" } },
  "locals": { "name": "app-\${var.env}", "n": 2 },
  "resource": {
    "aws_s3_bucket": {
      "b": { "bucket": "\${local.name}", "force_destroy": true, "tags": { "A": "x" }, "cors_rule": [{ "max_age_seconds": 3000 }] }
    },
    "aws_s3_bucket_policy": { "p": { "bucket": "\${aws_s3_bucket.b.id}", "policy": "$\${not_interp}" } }
  },
  "data": { "aws_iam_policy_document": { "d": {} } },
  "module": { "vpc": { "source": "terraform-aws-modules/vpc/aws" } }
}`;

describe('parseTerraformJson', () => {
  const doc = parseTerraformJson(TEXT);

  it('maps resource/data/module with exact spans', () => {
    assert.deepEqual(doc.syntaxErrors, []);
    assert.equal(doc.language, 'terraform');
    assert.equal(doc.isTemplate, true);
    assert.deepEqual(
      doc.resources.map((r) => [r.id, r.mode, r.type]),
      [
        ['aws_s3_bucket.b', 'resource', 'aws_s3_bucket'],
        ['aws_s3_bucket_policy.p', 'resource', 'aws_s3_bucket_policy'],
        ['data.aws_iam_policy_document.d', 'data', 'aws_iam_policy_document'],
        ['module.vpc', 'module', 'terraform-aws-modules/vpc/aws'],
      ],
    );
    for (const r of doc.resources) {
      assert.equal(slice(TEXT, r.typeSpan), r.type);
      assert.equal(slice(TEXT, r.nameSpan), r.name);
    }
    assertSpansInside(doc, TEXT.length);
  });

  it('converts values; ${} strings become expressions with refs, $${ stays literal', () => {
    const b = doc.resources[0].properties as MapNode;
    const bucket = get(b, 'bucket');
    assert.ok(bucket?.type === 'expr');
    assert.deepEqual(bucket.refs, ['local.name']);
    assert.equal(slice(TEXT, bucket.span), '"${local.name}"');
    assert.equal((get(b, 'force_destroy') as { value: unknown }).value, true);
    assert.equal(get(b, 'tags')?.type, 'map');
    assert.equal(get(b, 'cors_rule')?.type, 'list');
    const p = doc.resources[1].properties as MapNode;
    assert.deepEqual((get(p, 'bucket') as { refs?: readonly string[] }).refs, ['aws_s3_bucket.b.id']);
    assert.deepEqual((get(p, 'policy') as { value: unknown }).value, '${not_interp}');
  });

  it('declarations and // comments', () => {
    assert.equal((get(doc.declarations.parameters.get('env')?.node, 'default') as { value: unknown }).value, 'prod');
    assert.deepEqual((doc.declarations.locals.get('name') as { refs?: readonly string[] }).refs, ['var.env']);
    assert.deepEqual(
      doc.comments.map((c) => c.text),
      ['doc comment'],
    );
  });

  it('tolerates broken JSON: reports errors, keeps what it can, never throws', () => {
    const broken = '{"resource": {"aws_s3_bucket": {"a": {"bucket": "x"}, "b": {"bucket": }';
    const d = parseTerraformJson(broken);
    assert.ok(d.syntaxErrors.length > 0);
    assert.ok(d.resources.some((r) => r.id === 'aws_s3_bucket.a'));
    assertSpansInside(d, broken.length);
    assert.ok(parseTerraformJson('[1,2]').syntaxErrors.length === 1);
    assert.deepEqual(parseTerraformJson('').resources, []);
  });

  it('accepts arrays of objects for repeated blocks', () => {
    const t = '{"resource": [{"aws_sqs_queue": {"q": {}}}, {"aws_sqs_queue": {"r": {}}}]}';
    assert.deepEqual(
      parseTerraformJson(t).resources.map((r) => r.id),
      ['aws_sqs_queue.q', 'aws_sqs_queue.r'],
    );
  });
});
