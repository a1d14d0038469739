/**
 * Keys: KMS keys without automatic rotation, and KMS key properties given an AWS managed key (`alias/aws/...`) where
 * the property takes a key of your own. (A key policy open to `Principal: "*"` without a condition is the
 * resource-policy-public rule, which reads `AWS::KMS::Key` KeyPolicy, `aws_kms_key` and `aws_kms_key_policy` policies.)
 */
import type { Resource, ValueNode } from '../model/types';
import { modulePrefix, resourceByBlock } from '../model/resource-index';
import { quoteName } from './message';
import { soleResourceId } from '../values/links';
import { asText, fixSpec, gapOutcome, isCfn, leaf, leaves } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';

// ---- KMS key rotation ----

/**
 * Whether AWS KMS can rotate the key automatically: only symmetric encryption keys whose key material KMS generates
 * ("You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, KMS keys with imported key material, or
 * KMS keys in a custom key store": https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
 * A reason when it cannot, true when it can, the inputs it depends on when the file does not decide.
 */
function rotatable(ctx: RuleContext, key: Resource): true | { readonly reason: string } | { readonly dependsOn: readonly string[] } {
  const cfn = isCfn(key);
  const deps: string[] = [];
  const spec = leaf(ctx, key.properties, [cfn ? 'KeySpec' : 'customer_master_key_spec']);
  if (spec.kind === 'unknown') deps.push(...spec.dependsOn);
  else if (spec.kind === 'found') {
    const s = asText(spec.value) ?? '';
    if (s !== 'SYMMETRIC_DEFAULT') return { reason: `${s.startsWith('HMAC') ? 'an HMAC' : 'an asymmetric'} key (${s}) cannot rotate automatically` };
  }
  const usage = leaf(ctx, key.properties, [cfn ? 'KeyUsage' : 'key_usage']);
  if (usage.kind === 'unknown') deps.push(...usage.dependsOn);
  else if (usage.kind === 'found' && asText(usage.value) !== 'ENCRYPT_DECRYPT') return { reason: `a ${asText(usage.value) ?? ''} key cannot rotate automatically` };
  if (cfn) {
    const origin = leaf(ctx, key.properties, ['Origin']);
    if (origin.kind === 'unknown') deps.push(...origin.dependsOn);
    else if (origin.kind === 'found' && asText(origin.value) === 'EXTERNAL') return { reason: 'a key with imported key material cannot rotate automatically' };
  } else {
    const store = leaf(ctx, key.properties, ['custom_key_store_id']);
    if (store.kind !== 'absent') return { reason: 'a key in a custom key store cannot rotate automatically' };
  }
  return deps.length > 0 ? { dependsOn: deps } : true;
}

export const kmsKeyRotation: Rule = {
  id: 'kms-key-rotation',
  duty: 'customer-data',
  owner: 'customer',
  title: 'KMS symmetric encryption keys rotate their key material automatically',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::KMS::Key'],
  terraformTypes: ['aws_kms_key'],
  properties: {
    cloudformation: [['EnableKeyRotation'], ['KeySpec'], ['KeyUsage'], ['Origin']],
    terraform: [['enable_key_rotation'], ['customer_master_key_spec'], ['key_usage'], ['custom_key_store_id']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const key = cfn ? 'EnableKeyRotation' : 'enable_key_rotation';
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'found' && asText(l.value)?.toLowerCase() === 'true') return met(`${key}: true`);
    const r = rotatable(ctx, resource);
    if (r !== true) return 'reason' in r ? notApplicable : unknown(r.dependsOn);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'found' && asText(l.value)?.toLowerCase() !== 'false') return unknown([`${key} has a value the rule does not recognize`]);
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.kind === 'found' ? l.node.span : resource.typeSpan,
      {
        what: 'KMS key',
        problem: l.kind === 'found' ? 'has automatic key rotation turned off' : 'does not rotate its key material (automatic rotation is off by default)',
        fix: cfn ? 'set `EnableKeyRotation: true`' : 'set `enable_key_rotation = true`',
      },
      { fix: fixSpec([key], true) },
    );
  },
};

// ---- AWS managed keys where a key of yours is asked ----

/**
 * Properties that name the KMS key a resource encrypts with, per type. Each takes a key of the customer's (a key id,
 * ARN or alias); left out, the service uses its AWS managed key, an AWS owned key, or (SNS, Kinesis) no encryption.
 */
export const KMS_KEY_PROPERTIES: Readonly<Record<string, { readonly noun: string; readonly paths: readonly (readonly string[])[] }>> = {
  'AWS::RDS::DBInstance': { noun: 'DB instance', paths: [['KmsKeyId'], ['PerformanceInsightsKMSKeyId']] },
  'AWS::RDS::DBCluster': { noun: 'DB cluster', paths: [['KmsKeyId'], ['PerformanceInsightsKmsKeyId']] },
  'AWS::EC2::Volume': { noun: 'volume', paths: [['KmsKeyId']] },
  'AWS::EFS::FileSystem': { noun: 'file system', paths: [['KmsKeyId']] },
  'AWS::SNS::Topic': { noun: 'topic', paths: [['KmsMasterKeyId']] },
  'AWS::SQS::Queue': { noun: 'queue', paths: [['KmsMasterKeyId']] },
  'AWS::Kinesis::Stream': { noun: 'stream', paths: [['StreamEncryption', 'KeyId']] },
  'AWS::SecretsManager::Secret': { noun: 'secret', paths: [['KmsKeyId']] },
  'AWS::CloudTrail::Trail': { noun: 'trail', paths: [['KMSKeyId']] },
  'AWS::DynamoDB::Table': { noun: 'table', paths: [['SSESpecification', 'KMSMasterKeyId']] },
  'AWS::Redshift::Cluster': { noun: 'cluster', paths: [['KmsKeyId']] },
  'AWS::ElastiCache::ReplicationGroup': { noun: 'replication group', paths: [['KmsKeyId']] },
  'AWS::S3::Bucket': { noun: 'bucket', paths: [['BucketEncryption', 'ServerSideEncryptionConfiguration', 'ServerSideEncryptionByDefault', 'KMSMasterKeyID']] },
  'AWS::Lambda::Function': { noun: 'function', paths: [['KmsKeyArn']] },
  'AWS::ECR::Repository': { noun: 'repository', paths: [['EncryptionConfiguration', 'KmsKey']] },
  aws_db_instance: { noun: 'DB instance', paths: [['kms_key_id'], ['performance_insights_kms_key_id']] },
  aws_rds_cluster: { noun: 'DB cluster', paths: [['kms_key_id'], ['performance_insights_kms_key_id']] },
  aws_ebs_volume: { noun: 'volume', paths: [['kms_key_id']] },
  aws_efs_file_system: { noun: 'file system', paths: [['kms_key_id']] },
  aws_sns_topic: { noun: 'topic', paths: [['kms_master_key_id']] },
  aws_sqs_queue: { noun: 'queue', paths: [['kms_master_key_id']] },
  aws_kinesis_stream: { noun: 'stream', paths: [['kms_key_id']] },
  aws_secretsmanager_secret: { noun: 'secret', paths: [['kms_key_id']] },
  aws_cloudtrail: { noun: 'trail', paths: [['kms_key_id']] },
  aws_dynamodb_table: { noun: 'table', paths: [['server_side_encryption', 'kms_key_arn']] },
  aws_redshift_cluster: { noun: 'cluster', paths: [['kms_key_id']] },
  aws_elasticache_replication_group: { noun: 'replication group', paths: [['kms_key_id']] },
  aws_s3_bucket_server_side_encryption_configuration: { noun: 'bucket encryption configuration', paths: [['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id']] },
  aws_lambda_function: { noun: 'function', paths: [['kms_key_arn']] },
  aws_ecr_repository: { noun: 'repository', paths: [['encryption_configuration', 'kms_key']] },
};

/** `alias/aws/sns` or `arn:aws:kms:eu-west-1:111122223333:alias/aws/sns`: an AWS managed key, by its alias. */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\/[^/\s]+$/;

/** KMS keys and aliases a template creates: customer managed (AWS managed aliases, `alias/aws/*`, cannot be created). */
const OWN_KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey', 'AWS::KMS::Alias', 'aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key', 'aws_kms_alias']);

/**
 * The key or alias of this file a value names, when it is nothing else: a `Ref` / `Fn::GetAtt` of one, or a Terraform
 * expression that is one reference to one (`aws_kms_key.k.arn`); undefined otherwise (a condition, a data source, text).
 */
function ownKeyNamed(ctx: RuleContext, resource: Resource, node: ValueNode): string | undefined {
  const id = soleResourceId(node);
  if (!id) return undefined;
  // A Terraform reference names a block of the resource's own module (`module.m.` in a module instance).
  const r = resourceByBlock(ctx.doc, isCfn(resource) ? id : modulePrefix(resource) + id);
  return r && OWN_KEY_TYPES.has(r.type) ? quoteName(id) : undefined;
}

export const kmsAwsManagedKey: Rule = {
  id: 'kms-aws-managed-key',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'KMS key properties name a customer managed key, not an AWS managed alias',
  docUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html',
  defaultSeverity: 'information',
  cloudformationTypes: Object.keys(KMS_KEY_PROPERTIES).filter((t) => t.startsWith('AWS::')),
  terraformTypes: Object.keys(KMS_KEY_PROPERTIES).filter((t) => !t.startsWith('AWS::')),
  properties: {
    cloudformation: Object.entries(KMS_KEY_PROPERTIES).filter(([t]) => t.startsWith('AWS::')).flatMap(([, e]) => e.paths),
    terraform: Object.entries(KMS_KEY_PROPERTIES).filter(([t]) => !t.startsWith('AWS::')).flatMap(([, e]) => e.paths),
  },
  check(resource, ctx) {
    const outcomes: RuleOutcome[] = [];
    const entry = Object.prototype.hasOwnProperty.call(KMS_KEY_PROPERTIES, resource.type) ? KMS_KEY_PROPERTIES[resource.type] : undefined;
    if (!entry) return notApplicable;
    for (const path of entry.paths) {
      for (const l of leaves(ctx, resource.properties, path)) {
        if (l.kind === 'unknown') {
          const own = l.node ? ownKeyNamed(ctx, resource, l.node) : undefined;
          outcomes.push(own ? met(`${path.join('.')} names ${own}, a customer managed key or alias of this file`) : unknown(l.dependsOn));
        } else if (l.kind === 'found') {
          const v = asText(l.value) ?? '';
          if (!AWS_MANAGED_ALIAS.test(v)) {
            outcomes.push(met(`${path.join('.')} names a key of yours`));
            continue;
          }
          const alias = v.slice(v.indexOf('alias/'));
          outcomes.push(
            gapOutcome(ctx, resource, this.duty, l.node.span, {
              what: entry.noun,
              problem: `names the AWS managed key \`${alias}\` in \`${path[path.length - 1]}\`, whose key policy you cannot change (no other account or service can be granted use of it)`,
              fix: 'name a customer managed key whose key policy you control',
            }),
          );
        }
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};
