/** hover.ts resourceAt: the binary search finds what a scan of every resource finds, at every offset. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ResourceAnalysis } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';
import { resourceAt } from '../../../server/src/core/present/hover';
import { generate } from '../../../bench/generate';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

/** What resourceAt did before: the first resource whose type, then name, contains the offset. */
function scan(resources: readonly ResourceAnalysis[], offset: number): { ra: ResourceAnalysis; on: 'type' | 'name' } | undefined {
  for (const ra of resources) {
    const r = ra.resource;
    if (r.typeSpan.start <= offset && offset <= r.typeSpan.end) return { ra, on: 'type' };
    if (r.nameSpan.start <= offset && offset <= r.nameSpan.end) return { ra, on: 'name' };
  }
  return undefined;
}

const forEach = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Buckets:
    - Name
    - [a, b, c]
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub data-\${Name}
${Array.from({ length: 20 }, (_, i) => `  Vol${i}:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Size: ${i}\n`).join('')}`;
const counted = `${Array.from({ length: 20 }, (_, i) => `resource "aws_ebs_volume" "v${i}" {\n  count = 2\n  availability_zone = "a"\n  size = ${i}\n}\n`).join('')}`;

describe('resourceAt', () => {
  for (const [name, text] of [
    ['gen.yaml', generate('yaml', 40)],
    ['gen.json', generate('json', 40)],
    ['gen.tf', generate('tf', 40)],
    ['web-app.yaml', fs.readFileSync(path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'), 'utf8')],
    ['main.tf', fs.readFileSync(path.join(EXAMPLES, 'terraform', 'main.tf'), 'utf8')],
    ['foreach.yaml', forEach],
    ['count.tf', counted],
  ] as const) {
    it(`answers as a scan at every offset: ${name}`, () => {
      const resources = analyzeText(name, text).resources;
      assert.ok(resources.length > 0);
      for (let o = 0; o <= text.length; o++) {
        const got = resourceAt(resources, o);
        const want = scan(resources, o);
        assert.equal(got?.ra, want?.ra, `${name} at ${o}`);
        assert.equal(got?.on, want?.on, `${name} at ${o}`);
      }
    });
  }
});
