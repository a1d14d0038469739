import { entry } from '../model/nodes';
import { gapMessage } from './message';
import { met, notApplicable, unknown } from './outcome';
import type { Rule } from './rule-api';

export const rdsPubliclyAccessible: Rule = {
  id: 'rds-publicly-accessible',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'RDS DB instances are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  defaultSeverity: 'error',
  cloudformationTypes: ['AWS::RDS::DBInstance'],
  terraformTypes: ['aws_db_instance'],
  check(resource, ctx) {
    const cfn = resource.language === 'cloudformation';
    const key = cfn ? 'PubliclyAccessible' : 'publicly_accessible';
    const e = entry(resource.properties, key);
    if (!e) return notApplicable;
    const v = ctx.values.bool(e.value);
    if (v === false) return met(`${key}: false`);
    if (v === true) {
      return {
        status: 'gap',
        gaps: [{
          message: gapMessage(ctx, resource, this.duty, 'DB instance', 'is publicly accessible from the internet', cfn ? 'set `PubliclyAccessible: false` and reach it from inside the VPC' : 'set `publicly_accessible = false` and reach it from inside the VPC'),
          span: e.value.span,
          fix: { title: `Set ${key} to false`, path: [key], value: false },
        }],
      };
    }
    const ev = ctx.values.evaluate(e.value);
    return unknown(ev.known ? [`${key} is not a boolean`] : ev.dependsOn);
  },
};

const BLOCK_KEYS_CFN = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
const BLOCK_KEYS_TF = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const s3PublicAccessBlock: Rule = {
  id: 's3-public-access-block',
  duty: 'customer-data',
  owner: 'customer',
  title: 'S3 buckets block public access explicitly',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::S3::Bucket'],
  terraformTypes: ['aws_s3_bucket'],
  check(resource, ctx) {
    const cfn = resource.language === 'cloudformation';
    let config = cfn ? entry(resource.properties, 'PublicAccessBlockConfiguration') : undefined;
    let via = 'PublicAccessBlockConfiguration';
    if (!cfn) {
      const link = ctx.links.to(resource, 'public-access-block')[0];
      if (link) {
        via = `linked ${link.from.id}`;
        config = link.from.properties ? { key: link.from.id, keySpan: link.from.typeSpan, value: link.from.properties } : undefined;
      }
    }
    const keys = cfn ? BLOCK_KEYS_CFN : BLOCK_KEYS_TF;
    if (!config) {
      // Since April 2023 new buckets block all public access by default; an explicit block still guards against
      // account or later changes, so a missing one is a reminder, not a warning.
      return {
        status: 'gap',
        gaps: [{
          message: gapMessage(ctx, resource, this.duty, 'bucket', 'has no public access block in this file (it relies on the S3 default for new buckets)', cfn ? 'add `PublicAccessBlockConfiguration` with all four settings `true`' : 'add an `aws_s3_bucket_public_access_block` with all four settings `true`'),
          span: resource.typeSpan,
          severity: 'information',
        }],
      };
    }
    const m = config.value.type === 'map' ? config.value : undefined;
    if (!m) {
      const ev = ctx.values.evaluate(config.value);
      return ev.known ? notApplicable : unknown(ev.dependsOn);
    }
    const off: string[] = [];
    const unk: string[] = [];
    let span = m.span;
    for (const k of keys) {
      const e = entry(m, k);
      if (!e) {
        off.push(k);
        continue;
      }
      const v = ctx.values.bool(e.value);
      if (v === true) continue;
      if (v === false) {
        off.push(k);
        span = e.value.span;
      } else {
        const ev = ctx.values.evaluate(e.value);
        unk.push(...(ev.known ? [`${k} is not a boolean`] : ev.dependsOn));
      }
    }
    if (off.length > 0) {
      return {
        status: 'gap',
        gaps: [{
          message: gapMessage(ctx, resource, this.duty, 'bucket', `does not block all public access (${off.join(', ')} not true)`, `set ${off.map((k) => '`' + k + '`').join(', ')} to true`),
          span,
          fix: off.length === 1 && entry(m, off[0]) ? { title: `Set ${off[0]} to true`, path: cfn ? ['PublicAccessBlockConfiguration', off[0]] : [off[0]], value: true } : undefined,
        }],
      };
    }
    if (unk.length > 0) return unknown(unk);
    return met(`${via}: all four settings true`);
  },
};

