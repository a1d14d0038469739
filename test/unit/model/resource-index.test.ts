import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { blockId, resourceByBlock, resourcesOfType, resourcesOfTypes } from '../../../server/src/core/model/resource-index';

describe('resource index', () => {
  it('lists resources by type in source order and finds blocks by address', () => {
    const a = analyzeText('main.tf', 'resource "aws_s3_bucket" "a" {\n  count = 2\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = "x"\n}\nresource "aws_s3_bucket" "b" {}\n');
    const doc = a.doc;
    assert.deepEqual(resourcesOfType(doc, 'aws_s3_bucket').map((r) => r.id), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
    assert.deepEqual(resourcesOfType(doc, 'aws_sqs_queue'), []);
    assert.deepEqual(resourcesOfTypes(doc, ['aws_s3_bucket_policy', 'aws_s3_bucket']).map((r) => r.id), ['aws_s3_bucket_policy.p', 'aws_s3_bucket.a', 'aws_s3_bucket.b']);
    assert.equal(resourceByBlock(doc, 'aws_s3_bucket.a[1]')?.id, 'aws_s3_bucket.a');
    assert.equal(resourceByBlock(doc, 'aws_s3_bucket.c'), undefined);
    assert.equal(blockId('aws_x.y["k"]'), 'aws_x.y');
    assert.equal(blockId('Bucket'), 'Bucket');
  });

  it('is rebuilt for a new resource list (an edited document), not served stale', () => {
    const one = analyzeText('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n').doc;
    const two = analyzeText('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n').doc;
    assert.equal(resourcesOfType(one, 'AWS::S3::Bucket').length, 1);
    assert.equal(resourcesOfType(two, 'AWS::S3::Bucket').length, 2);
  });
});
