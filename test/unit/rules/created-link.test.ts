/** A duty met by a separate resource is met only when that resource is created (count, for_each, Condition). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}

const bucket = 'variable "p" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
const pab = (count: string): string =>
  `resource "aws_s3_bucket_public_access_block" "pab" {\n  count = ${count}\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n`;
const versioning = (count: string): string =>
  `resource "aws_s3_bucket_versioning" "v" {\n  count = ${count}\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;

describe('linked configurations that create nothing', () => {
  it('s3-public-access-block: count = 0 is no block (a gap); 1 meets it; an undecided count is unknown', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + pab('0')), 's3-public-access-block'), ['aws_s3_bucket.b:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + pab('1')), 's3-public-access-block'), ['aws_s3_bucket.b:met']);
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + pab('var.p ? 1 : 0')), 's3-public-access-block'), ['aws_s3_bucket.b:unknown']);
  });

  it('s3-versioning: the same', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + versioning('0')), 's3-versioning'), ['aws_s3_bucket.b:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + versioning('1')), 's3-versioning'), ['aws_s3_bucket.b:met']);
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + versioning('var.p ? 1 : 0')), 's3-versioning'), ['aws_s3_bucket.b:unknown']);
  });
});
