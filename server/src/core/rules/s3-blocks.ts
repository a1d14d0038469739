/**
 * S3 Block Public Access as the rules read it: the account's block (`aws_s3_account_public_access_block`) and a bucket's
 * own (CloudFormation `PublicAccessBlockConfiguration`, Terraform `aws_s3_bucket_public_access_block`). S3 applies the
 * most restrictive combination of both: `BlockPublicAcls` rejects a public ACL and `IgnorePublicAcls` makes S3 ignore
 * it; `BlockPublicPolicy` rejects a public bucket policy and `RestrictPublicBuckets` limits a public one to AWS services
 * and the owner's account.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import { get } from '../model/nodes';
import type { Resource } from '../model/types';
import { asBool, isCfn, leaf } from './check';
import { createdLink } from './created-link';
import type { RuleContext } from './rule-api';
import { pushAll } from '../arrays';

export const BLOCK_KEYS_CFN = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
export const BLOCK_KEYS_TF = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/**
 * The account-level public access block of the file (`aws_s3_account_public_access_block`, created): the settings it
 * turns on. S3 applies the most restrictive combination of the account's and the bucket's settings.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
export function accountBlock(ctx: RuleContext, bucket: Resource): { id: string; on: ReadonlySet<string>; dependsOn: string[] } | undefined {
  const created = createdLink(ctx, ctx.links.to(bucket, 's3-account-public-access-block'));
  if (!created) return undefined;
  // Whether it is created is not decided: it may turn every setting on.
  if ('dependsOn' in created) return { id: '', on: new Set(), dependsOn: created.dependsOn };
  const block = created.link.from;
  const on = new Set<string>();
  const deps: string[] = [];
  for (const k of BLOCK_KEYS_TF) {
    const l = leaf(ctx, block.properties, [k]);
    if (l.kind === 'unknown') pushAll(deps, l.dependsOn);
    else if (l.kind === 'found' && asBool(l.value) === true) on.add(k);
  }
  // An undecided account setting matters only where the bucket's own leaves it off (the caller reads it there).
  return { id: block.id, on, dependsOn: deps.map((d) => `${block.id}: ${d}`) };
}


/** The settings that make a public ACL, or a public bucket policy, take no effect (Terraform names; CloudFormation's by index). */
const NEUTRALIZING: Readonly<Record<'acls' | 'policy', readonly number[]>> = { acls: [0, 2], policy: [1, 3] };

/**
 * The setting of the bucket's own block or the account's, decided on, that makes a public ACL or bucket policy take no
 * effect (`IgnorePublicAcls`, `aws_s3_account_public_access_block.block_public_policy`…); undefined when none is.
 */
export function publicAccessBlocked(ctx: RuleContext, bucket: Resource, what: 'acls' | 'policy'): string | undefined {
  const cfn = isCfn(bucket);
  const keys = NEUTRALIZING[what].map((i) => (cfn ? BLOCK_KEYS_CFN : BLOCK_KEYS_TF)[i]);
  if (cfn) {
    const config = get(bucket.properties, 'PublicAccessBlockConfiguration');
    for (const k of keys) {
      const l = leaf(ctx, bucket.properties, ['PublicAccessBlockConfiguration', k]);
      if (config && l.kind === 'found' && asBool(l.value) === true) return `\`${k}\``;
    }
    return undefined;
  }
  const own = createdLink(ctx, ctx.links.to(bucket, 'public-access-block'));
  if (own && 'link' in own) {
    for (const k of keys) {
      const l = leaf(ctx, own.link.from.properties, [k]);
      if (l.kind === 'found' && asBool(l.value) === true) return `\`${k}\` of ${own.link.from.id}`;
    }
  }
  const account = accountBlock(ctx, bucket);
  const on = keys.find((k) => account?.on.has(k));
  return on && account ? `\`${on}\` of ${account.id}` : undefined;
}
