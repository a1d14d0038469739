/** Customer data: public buckets, snapshots and images, backups, deletion protection, versioning. */
import { entry, get } from '../model/nodes';
import type { Resource } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { asBool, asText, gapOutcome, isCfn, isClusterMember, isTrue, leaf, leaves, notEqualsText, replicaSource, settingRule } from './check';
import { gapMessage } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import { pushAll } from '../arrays';
import { configuredOutside, createdLink, createdOutside } from './created-link';
import { accountBlock, BLOCK_KEYS_CFN, BLOCK_KEYS_TF, publicAccessBlocked } from './s3-blocks';


export const s3PublicAccessBlock: Rule = {
  id: 's3-public-access-block',
  duty: 'customer-data',
  owner: 'customer',
  title: 'S3 buckets block public access explicitly',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::S3::Bucket'],
  terraformTypes: ['aws_s3_bucket'],
  properties: { cloudformation: BLOCK_KEYS_CFN.map((k) => ['PublicAccessBlockConfiguration', k]), terraform: [] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    let config = cfn ? entry(resource.properties, 'PublicAccessBlockConfiguration') : undefined;
    let via = 'PublicAccessBlockConfiguration';
    let at: Resource | undefined;
    if (!cfn) {
      // Only a block that is created counts (count = 0 creates none; an undecided count may).
      const created = createdLink(ctx, ctx.links.to(resource, 'public-access-block'));
      if (created && 'dependsOn' in created) return unknown(created.dependsOn);
      const link = created?.link;
      if (link) {
        via = `linked ${link.from.id}`;
        at = link.from;
        config = link.from.properties ? { key: link.from.id, keySpan: link.from.typeSpan, value: link.from.properties } : undefined;
      }
    }
    const keys = cfn ? BLOCK_KEYS_CFN : BLOCK_KEYS_TF;
    const account = cfn ? undefined : accountBlock(ctx, resource);
    const accountAll = account !== undefined && keys.every((k) => account.on.has(k));
    if (accountAll) return met(`the account's public access block (${account.id}) blocks all public access`);
    const outside = config ? undefined : [...(configuredOutside(ctx, resource, 'public-access-block') ?? []), ...(createdOutside(ctx, resource, ['aws_s3_account_public_access_block'], 'which may block public access for the whole account') ?? [])];
    if (outside && outside.length > 0) return unknown(outside);
    if (!config && account && account.dependsOn.length > 0) return unknown(account.dependsOn);
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
    const r = ctx.values.resolve(config.value);
    if (!r.known) return unknown(r.dependsOn);
    const m = r.node.type === 'map' ? r.node : undefined;
    if (!m) return notApplicable;
    const off: string[] = [];
    const unk: string[] = [];
    let span = m.span;
    for (const k of keys) {
      const e = entry(m, k);
      if (!e) {
        if (account?.on.has(k)) continue;
        if (account && account.dependsOn.length > 0) pushAll(unk, account.dependsOn);
        else off.push(k);
        continue;
      }
      const v = ctx.values.bool(e.value);
      if (v === true || account?.on.has(k)) continue;
      if (v === false && account && account.dependsOn.length > 0) pushAll(unk, account.dependsOn);
      else if (v === false) {
        off.push(k);
        span = e.value.span;
      } else {
        const ev = ctx.values.evaluate(e.value);
        pushAll(unk, (ev.known ? [`${k} is not a boolean`] : ev.dependsOn));
      }
    }
    if (off.length > 0) {
      return {
        status: 'gap',
        gaps: [{
          message: gapMessage(ctx, resource, this.duty, 'bucket', `does not block all public access (${off.join(', ')} not true)`, `set ${off.map((k) => '`' + k + '`').join(', ')} to true`),
          span,
          fix: off.length === 1 && entry(m, off[0]) && cfn ? { title: `Set ${off[0]} to true`, path: ['PublicAccessBlockConfiguration', off[0]], value: true } : undefined,
          ...(at ? { at } : {}),
        }],
      };
    }
    if (unk.length > 0) return unknown(unk);
    return met(`${via}: all four settings true`);
  },
};

export const s3BucketPublicAcl = settingRule({
  id: 's3-bucket-public-acl',
  duty: 'customer-data',
  title: 'S3 buckets do not grant public access through ACLs',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
  defaultSeverity: 'error',
  paths: { 'AWS::S3::Bucket': [['AccessControl']], aws_s3_bucket: [['acl']], aws_s3_bucket_acl: [['acl']] },
  ok: notEqualsText('PublicRead', 'PublicReadWrite', 'AuthenticatedRead', 'public-read', 'public-read-write', 'authenticated-read'),
  fixValue: { cloudformation: 'Private', terraform: 'private' },
  absent: 'met',
  what: 'bucket',
  problem: 'grants public access through its canned ACL',
  before: (resource, ctx) => {
    // The bucket's or the account's public access block makes a public ACL take no effect.
    const bucket = resource.type === 'aws_s3_bucket_acl' ? ctx.links.from(resource, 'acl')[0]?.to : resource;
    const blocked = bucket ? publicAccessBlocked(ctx, bucket, 'acls') : undefined;
    return blocked ? met(`${blocked} is on: a public ACL takes no effect`) : publicGrant(resource, ctx);
  },
  beforeReads: { aws_s3_bucket: [['grant', 'uri']], aws_s3_bucket_acl: [['access_control_policy', 'grant', 'grantee', 'uri']] },
});

/** The S3 groups that are everyone: anyone (AllUsers), and any AWS account (AuthenticatedUsers). */
const PUBLIC_GRANTEES = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/**
 * Explicit ACL grants (Terraform: `aws_s3_bucket_acl` `access_control_policy.grant.grantee.uri`, the legacy `grant`
 * blocks of `aws_s3_bucket`) to the AllUsers or AuthenticatedUsers group: public as a canned `public-read` is.
 * Undefined when no grant is public (the canned ACL is then read).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups
 */
function publicGrant(resource: Resource, ctx: RuleContext): RuleOutcome | undefined {
  const path = resource.type === 'aws_s3_bucket_acl' ? ['access_control_policy', 'grant', 'grantee', 'uri'] : resource.type === 'aws_s3_bucket' ? ['grant', 'uri'] : undefined;
  if (!path) return undefined;
  const deps: string[] = [];
  for (const l of leaves(ctx, resource.properties, path)) {
    if (l.kind === 'unknown') pushAll(deps, l.dependsOn);
    else if (l.kind === 'found') {
      const m = PUBLIC_GRANTEES.exec(asText(l.value) ?? '');
      if (m) {
        return gapOutcome(ctx, resource, 'customer-data', l.node.span, {
          what: 'bucket',
          problem: `grants access to the ${m[1]} group (${m[1] === 'AllUsers' ? 'anyone' : 'every AWS account'}) in its ACL`,
          fix: 'remove the grant (and keep ACLs disabled with `object_ownership = "BucketOwnerEnforced"`)',
        });
      }
    }
  }
  return deps.length > 0 ? unknown(deps) : undefined;
}

const isAll = (v: PlainValue): boolean => (Array.isArray(v) ? v.some((x) => isAll(x)) : typeof v === 'string' && v.toLowerCase() === 'all');

export const publicSnapshotOrImage: Rule = {
  id: 'public-snapshot-or-image',
  duty: 'customer-data',
  owner: 'customer',
  title: 'Snapshots and machine images are not shared with everyone',
  docUrl: 'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
  defaultSeverity: 'error',
  cloudformationTypes: ['AWS::EC2::SnapshotBlockPublicAccess', 'AWS::ImageBuilder::DistributionConfiguration'],
  terraformTypes: ['aws_ebs_snapshot_block_public_access', 'aws_ami_launch_permission', 'aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_imagebuilder_distribution_configuration'],
  properties: {
    cloudformation: [['State'], ['Distributions', 'AmiDistributionConfiguration', 'LaunchPermissionConfiguration', 'UserGroups']],
    terraform: [['state'], ['group'], ['shared_accounts'], ['distribution', 'ami_distribution_configuration', 'launch_permission', 'user_groups']],
  },
  check(resource, ctx) {
    const spec: Record<string, { path: readonly string[]; bad: (v: PlainValue) => boolean; what: string; problem: string; fix: string }> = {
      'AWS::EC2::SnapshotBlockPublicAccess': { path: ['State'], bad: (v) => asText(v) === 'unblocked', what: 'setting', problem: 'allows EBS snapshots in the Region to be shared publicly', fix: 'set `State: block-all-sharing`' },
      aws_ebs_snapshot_block_public_access: { path: ['state'], bad: (v) => asText(v) === 'unblocked', what: 'setting', problem: 'allows EBS snapshots in the Region to be shared publicly', fix: 'set `state = "block-all-sharing"`' },
      aws_ami_launch_permission: { path: ['group'], bad: isAll, what: 'launch permission', problem: 'makes the AMI public', fix: 'grant `account_id` or `organization_arn` instead of `group = "all"`' },
      aws_db_snapshot: { path: ['shared_accounts'], bad: isAll, what: 'snapshot', problem: 'is shared with all AWS accounts', fix: 'list account ids in `shared_accounts` instead of "all"' },
      aws_db_cluster_snapshot: { path: ['shared_accounts'], bad: isAll, what: 'snapshot', problem: 'is shared with all AWS accounts', fix: 'list account ids in `shared_accounts` instead of "all"' },
      'AWS::ImageBuilder::DistributionConfiguration': { path: ['Distributions', 'AmiDistributionConfiguration', 'LaunchPermissionConfiguration', 'UserGroups'], bad: isAll, what: 'distribution configuration', problem: 'makes its AMIs public (`UserGroups: [all]`)', fix: 'list `UserIds` or `OrganizationArns` instead' },
      aws_imagebuilder_distribution_configuration: { path: ['distribution', 'ami_distribution_configuration', 'launch_permission', 'user_groups'], bad: isAll, what: 'distribution configuration', problem: 'makes its AMIs public (`user_groups = ["all"]`)', fix: 'list `user_ids` or `organization_arns` instead' },
    };
    const s = spec[resource.type];
    if (!s) return notApplicable;
    const outcomes: RuleOutcome[] = [];
    for (const l of leaves(ctx, resource.properties, s.path)) {
      if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
      else if (l.kind === 'found') outcomes.push(s.bad(l.value) ? gapOutcome(ctx, resource, this.duty, l.node.span, s) : met(`${s.path.join('.')} does not share publicly`));
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

const positive = (v: PlainValue): boolean | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  return n === undefined ? undefined : n > 0;
};

export const rdsBackupRetention = settingRule({
  id: 'rds-backup-retention',
  duty: 'customer-data',
  title: 'RDS DB instances keep automated backups',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::RDS::DBInstance': [['BackupRetentionPeriod']], aws_db_instance: [['backup_retention_period']] },
  ok: positive,
  fixValue: 7,
  absent: 'met',
  what: 'DB instance',
  problem: 'turns automated backups off (retention period 0)',
  // Read replicas and Aurora instances take backups from their source / cluster.
  before: (resource, ctx) => (isClusterMember(ctx, resource) ? notApplicable : replicaSource(ctx, resource)),
});

export const dynamodbPointInTimeRecovery = settingRule({
  id: 'dynamodb-point-in-time-recovery',
  duty: 'customer-data',
  title: 'DynamoDB tables have point-in-time recovery',
  docUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::DynamoDB::Table': [['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled']],
    aws_dynamodb_table: [['point_in_time_recovery', 'enabled']],
  },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'has no point-in-time recovery (continuous backups are off by default)' },
  what: 'table',
  problem: 'has point-in-time recovery turned off',
});

export const elasticacheSnapshotRetention = settingRule({
  id: 'elasticache-snapshot-retention',
  duty: 'customer-data',
  title: 'ElastiCache (Redis OSS / Valkey) keeps automatic backups',
  docUrl: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::ElastiCache::ReplicationGroup': [['SnapshotRetentionLimit']],
    'AWS::ElastiCache::CacheCluster': [['SnapshotRetentionLimit']],
    aws_elasticache_replication_group: [['snapshot_retention_limit']],
    aws_elasticache_cluster: [['snapshot_retention_limit']],
  },
  ok: positive,
  fixValue: 7,
  absent: { gap: 'information', problem: 'keeps no automatic backups (the snapshot retention limit defaults to 0)' },
  what: 'cache',
  problem: 'keeps no automatic backups (snapshot retention limit 0)',
  before: (resource, ctx) => {
    if (resource.type !== 'AWS::ElastiCache::CacheCluster' && resource.type !== 'aws_elasticache_cluster') return undefined;
    // Memcached has no backups; cluster members of a replication group take the group's setting.
    if (get(resource.properties, isCfn(resource) ? 'ReplicationGroupId' : 'replication_group_id')) return notApplicable;
    const engine = leaf(ctx, resource.properties, [isCfn(resource) ? 'Engine' : 'engine']);
    if (engine.kind === 'unknown') return unknown(engine.dependsOn);
    return engine.kind === 'found' && /^(redis|valkey)$/i.test(asText(engine.value) ?? '') ? undefined : notApplicable;
  },
});

const RETAIN_POLICIES = new Set(['Retain', 'Snapshot', 'RetainExceptOnCreate']);

/**
 * CloudFormation `DeletionPolicy: Retain/Snapshot` or Terraform `lifecycle { prevent_destroy = true }`: met (with the
 * evidence), undecided (a policy the files do not decide: with what it depends on), or not kept.
 */
function keptOnDelete(resource: Resource, ctx: RuleContext): { met: string } | { dependsOn: readonly string[] } | undefined {
  if (isCfn(resource)) {
    const dp = get(resource.definition, 'DeletionPolicy');
    if (!dp) return undefined;
    const ev = ctx.values.evaluate(dp);
    if (!ev.known) return { dependsOn: ['DeletionPolicy', ...ev.dependsOn] };
    return typeof ev.value === 'string' && RETAIN_POLICIES.has(ev.value) ? { met: `DeletionPolicy: ${ev.value}` } : undefined;
  }
  const l = leaf(ctx, resource.properties, ['lifecycle', 'prevent_destroy']);
  if (l.kind === 'unknown') return { dependsOn: ['lifecycle.prevent_destroy', ...l.dependsOn] };
  return l.kind === 'found' && asBool(l.value) === true ? { met: 'lifecycle.prevent_destroy = true' } : undefined;
}

/** The deletion protection setting per type (the paths below). */
const PROTECTION_KEY: Readonly<Record<string, string>> = {
  'AWS::RDS::DBInstance': 'DeletionProtection',
  'AWS::RDS::DBCluster': 'DeletionProtection',
  'AWS::DocDB::DBCluster': 'DeletionProtection',
  'AWS::Neptune::DBCluster': 'DeletionProtection',
  'AWS::DynamoDB::Table': 'DeletionProtectionEnabled',
  aws_db_instance: 'deletion_protection',
  aws_rds_cluster: 'deletion_protection',
  aws_docdb_cluster: 'deletion_protection',
  aws_neptune_cluster: 'deletion_protection',
  aws_dynamodb_table: 'deletion_protection_enabled',
};

export const deletionProtection = settingRule({
  id: 'deletion-protection',
  duty: 'customer-data',
  title: 'Databases are protected from accidental deletion',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
  defaultSeverity: 'information',
  paths: {
    'AWS::RDS::DBInstance': [['DeletionProtection']],
    'AWS::RDS::DBCluster': [['DeletionProtection']],
    'AWS::DocDB::DBCluster': [['DeletionProtection']],
    'AWS::Neptune::DBCluster': [['DeletionProtection']],
    'AWS::DynamoDB::Table': [['DeletionProtectionEnabled']],
    aws_db_instance: [['deletion_protection']],
    aws_rds_cluster: [['deletion_protection']],
    aws_docdb_cluster: [['deletion_protection']],
    aws_neptune_cluster: [['deletion_protection']],
    aws_dynamodb_table: [['deletion_protection_enabled']],
  },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'has no deletion protection (and no retain policy in this file)' },
  what: 'database',
  problem: 'has deletion protection turned off',
  before: (resource, ctx) => {
    if (resource.type === 'AWS::RDS::DBInstance' && get(resource.properties, 'DBClusterIdentifier')) return notApplicable;
    if (resource.type === 'aws_db_instance' && get(resource.properties, 'cluster_identifier')) return notApplicable;
    const kept = keptOnDelete(resource, ctx);
    if (!kept) return undefined;
    if ('met' in kept) return met(kept.met);
    // A retain policy the files do not decide: met only if deletion protection itself is on, never a gap.
    const key = PROTECTION_KEY[resource.type];
    const l = key ? leaf(ctx, resource.properties, [key]) : undefined;
    return l && l.kind === 'found' && asBool(l.value) === true ? undefined : unknown(kept.dependsOn);
  },
});

export const s3Versioning: Rule = {
  id: 's3-versioning',
  duty: 'customer-data',
  owner: 'customer',
  title: 'S3 buckets keep object versions',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::S3::Bucket'],
  terraformTypes: ['aws_s3_bucket'],
  properties: { cloudformation: [['VersioningConfiguration', 'Status']], terraform: [['versioning', 'enabled']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const fix = cfn ? 'set `VersioningConfiguration.Status: Enabled`' : 'add an `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }`';
    const fixSpecCfn = cfn ? { fix: { title: 'Set VersioningConfiguration.Status to Enabled', path: ['VersioningConfiguration', 'Status'], value: 'Enabled' } } : {};
    let l = leaf(ctx, resource.properties, cfn ? ['VersioningConfiguration', 'Status'] : ['versioning', 'enabled']);
    let via = cfn ? 'VersioningConfiguration.Status' : 'versioning.enabled';
    let at: Resource | undefined;
    if (!cfn) {
      const created = createdLink(ctx, ctx.links.to(resource, 'versioning'));
      if (created && 'dependsOn' in created) return unknown(created.dependsOn);
      const link = created?.link;
      if (link) {
        l = leaf(ctx, link.from.properties, ['versioning_configuration', 'status']);
        via = `linked ${link.from.id}`;
        at = link.from;
      }
    }
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const outside = l.kind === 'absent' ? configuredOutside(ctx, resource, 'versioning') : undefined;
    if (outside) return unknown(outside);
    if (l.kind === 'absent') return gapOutcome(ctx, resource, this.duty, resource.typeSpan, { what: 'bucket', problem: 'does not keep object versions (versioning is off by default)', fix }, fixSpecCfn);
    const v = l.value;
    const on = typeof v === 'boolean' ? v : asBool(v) ?? (asText(v)?.toLowerCase() === 'enabled' ? true : asText(v) ? false : undefined);
    if (on === true) return met(`${via}: enabled`);
    if (on === undefined) return unknown([`${via} has an unrecognized value`]);
    return gapOutcome(ctx, resource, this.duty, l.node.span, { what: 'bucket', problem: 'has versioning suspended or off', fix }, { ...fixSpecCfn, ...(at ? { at } : {}) });
  },
};
