/** Server-side encryption (encryption at rest): the switches the customer turns on, per service. */
import { asMap, entry, get } from '../model/nodes';
import type { MapNode, Resource, Span } from '../model/types';
import { asBool, asText, fixSpec, gapOutcome, unreadDynamic, isCfn, isClusterMember, isTrue, leaf, namesSource, replicaSource, mapsAt, nonEmpty, setText, settingRule, equalsText } from './check';
import { gapMessage } from './message';
import { combine, gap, met, notApplicable, unknown } from './outcome';
import type { Assumption, Rule, RuleContext, RuleOutcome } from './rule-api';
import { createdOutside } from './created-link';

const EBS_DOC = 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html';

/**
 * A boolean property that must be true. Absent → gap at the type, false → gap at the value, unknown → unknown.
 * `what` names the place for messages ("volume", "instance").
 */
export function requireTrue(
  ctx: RuleContext,
  resource: Resource,
  rule: Rule,
  map: MapNode | undefined,
  key: string,
  o: { what: string; problem: string; fix: string; path: readonly string[]; fixValue?: boolean | string; closedBy?: Assumption },
): RuleOutcome {
  const e = entry(map, key);
  // The message and fix are built only for a gap: most resources meet the duty or leave it open.
  const gapAt = (span: Span): RuleOutcome =>
    gap({
      message: gapMessage(ctx, resource, rule.duty, o.what, o.problem, o.fix),
      span,
      fix: { title: `Set ${o.path.join('.')} to ${String(o.fixValue ?? true)}`, path: o.path, value: o.fixValue ?? true },
      ...(o.closedBy ? { closedBy: o.closedBy } : {}),
    });
  if (!e) return gapAt(resource.typeSpan);
  const v = ctx.values.bool(e.value);
  if (v === true) return met(`${o.path.join('.')}: true`);
  if (v === false) return gapAt(e.value.span);
  const ev = ctx.values.evaluate(e.value);
  return unknown(ev.known ? (ev.value === null ? [] : [`${key} is not a boolean`]) : ev.dependsOn);
}

/** The file turns on EBS encryption by default for the account/Region (Terraform aws_ebs_encryption_by_default; CloudFormation has no such resource). */
export function byDefault(resource: Resource, ctx: RuleContext): boolean {
  return ctx.links.to(resource, 'ebs-encryption-by-default').some((l) => {
    const enabled = get(l.from.properties, 'enabled');
    return enabled === undefined || ctx.values.bool(enabled) === true;
  });
}

/**
 * In a Terraform module instance, a gap EBS encryption by default set outside it may close (the caller's, or another
 * module's, `aws_ebs_encryption_by_default`; RuleContext.outside): unknown, saying where; other outcomes as they are.
 */
function orDefaultOutside(outcome: RuleOutcome, resource: Resource, ctx: RuleContext): RuleOutcome {
  const outside = outcome.status === 'gap' ? createdOutside(ctx, resource, ['aws_ebs_encryption_by_default'], 'which may turn on EBS encryption by default for the account') : undefined;
  return outside ? unknown(outside) : outcome;
}

export const ebsVolumeEncryption: Rule = {
  id: 'ebs-volume-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'EBS volumes are encrypted at rest',
  docUrl: EBS_DOC,
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::Volume'],
  terraformTypes: ['aws_ebs_volume'],
  properties: { cloudformation: [['Encrypted'], ['SnapshotId']], terraform: [['encrypted'], ['snapshot_id']] },
  check(resource, ctx) {
    if (byDefault(resource, ctx)) return met('EBS encryption by default is enabled in this file');
    const cfn = isCfn(resource);
    const key = cfn ? 'Encrypted' : 'encrypted';
    // A volume restored from a snapshot takes the snapshot's encryption when the file does not decide.
    if (!entry(resource.properties, key) && entry(resource.properties, cfn ? 'SnapshotId' : 'snapshot_id')) return unknown(['the snapshot the volume is created from']);
    const outcome = requireTrue(ctx, resource, this, resource.properties, key, {
      what: 'volume',
      problem: 'is not encrypted',
      fix: cfn ? 'set `Encrypted: true`' : 'set `encrypted = true`',
      path: [key],
      closedBy: 'ebsEncryptionByDefault',
    });
    return orDefaultOutside(outcome, resource, ctx);
  },
};

/**
 * Why a volume with no encryption setting may still be encrypted, for the gap's message: account-level EBS encryption
 * by default (which the workspace declares with `assume: { ebsEncryptionByDefault: true }`).
 */
export function byDefaultNote(source: string): string {
  return `encrypted only if ${source} is, or if EBS encryption by default is on for the account; \`assume: {ebsEncryptionByDefault: true}\` in .aws-responsibility.yaml declares that`;
}

/** Checks every EBS device map below `path` (CFN `Ebs` maps / TF device blocks). */
function deviceMaps(ctx: RuleContext, resource: Resource, rule: Rule, listPath: readonly string[], ebsKey: string | undefined, encKey: string, fixPath: readonly string[], label: string): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  const found = mapsAt(ctx, resource.properties, listPath);
  if (found.dependsOn.length > 0) outcomes.push(unknown(found.dependsOn));
  for (const m of found.maps) {
    const ebs = ebsKey ? ebsMap(ctx, m, ebsKey) : m;
    if (!ebs) continue; // instance store, NoDevice or not decided here
    const dn = get(m, isCfn(resource) ? 'DeviceName' : 'device_name');
    const dv = dn ? ctx.values.evaluate(dn) : undefined;
    const device = dv && dv.known ? (asText(dv.value) ?? '') : '';
    const snapshot = get(ebs, isCfn(resource) ? 'SnapshotId' : 'snapshot_id');
    // No setting: the key is missing, or its value is no value (`!Ref AWS::NoValue`, `null`).
    const encNode = get(ebs, encKey);
    const encValue = encNode ? ctx.values.evaluate(encNode) : undefined;
    const unset = !encNode || (encValue !== undefined && encValue.known && encValue.value === null);
    if (unset && snapshot) {
      outcomes.push(unknown(['the snapshot the device is created from']));
      continue;
    }
    const fix = isCfn(resource) ? `set \`${encKey}: true\` in its \`${ebsKey ?? listPath[listPath.length - 1]}\`` : `set \`${encKey} = true\` in \`${listPath.join('.')}\``;
    // The device name alone (`/dev/sdb`): the problem stays short enough to read whole in the Problems panel.
    const place = device ? device : `a ${listPath[listPath.length - 1].replace(/_/g, ' ')}`;
    if (unset) {
      // No setting: the volume follows the account default, which the files cannot show. A reminder, not a warning.
      outcomes.push(
        gap({
          message: gapMessage(ctx, resource, rule.duty, label, `has ${place} with no encryption setting (${byDefaultNote(ROOT_DEVICE.test(device) ? "the AMI's snapshot" : 'the snapshot it is created from, if any,')})`, fix),
          span: ebs.span,
          severity: 'information',
          fix: { title: `Set ${fixPath.join('.')} to true`, path: fixPath, value: true },
          closedBy: 'ebsEncryptionByDefault',
        }),
      );
      continue;
    }
    outcomes.push(
      requireTrue(ctx, resource, rule, ebs, encKey, {
        what: label,
        problem: `has ${place} not encrypted`,
        fix,
        path: fixPath,
        closedBy: 'ebsEncryptionByDefault',
      }),
    );
  }
  return outcomes;
}

function ebsMap(ctx: RuleContext, device: MapNode, key: string): MapNode | undefined {
  const n = get(device, key);
  if (!n) return undefined;
  const r = ctx.values.resolve(n);
  return r.known ? asMap(r.node) : undefined;
}

/** Device names AMIs use for their root volume (Amazon Linux and most others `/dev/xvda`, Ubuntu and Windows `/dev/sda1`). */
const ROOT_DEVICE = /^\/dev\/(xvda|sda1?|nvme0n1)$/;

/**
 * The root volume of an instance whose template does not declare it (Terraform: no `root_block_device`; CloudFormation:
 * no mapping for a root device name): an Information gap, closed by EBS encryption by default. An instance launched from
 * a launch template takes its devices from the template (checked on its own); a device name the files do not decide
 * may be the root's.
 */
function rootDevice(resource: Resource, ctx: RuleContext): RuleOutcome | undefined {
  const cfn = isCfn(resource);
  if (get(resource.properties, cfn ? 'LaunchTemplate' : 'launch_template')) return unknown(['the launch template the instance is launched from']);
  if (cfn) {
    const found = mapsAt(ctx, resource.properties, ['BlockDeviceMappings']);
    if (found.dependsOn.length > 0) return unknown(found.dependsOn);
    for (const m of found.maps) {
      const dn = get(m, 'DeviceName');
      const dv = dn ? ctx.values.evaluate(dn) : undefined;
      if (dv && !dv.known) return unknown(['root volume: whether a device whose DeviceName is not decided here is the root device', ...dv.dependsOn]);
      if (ROOT_DEVICE.test(dv ? (asText(dv.value) ?? '') : '')) return undefined;
    }
  } else if (get(resource.properties, 'root_block_device') !== undefined || unreadDynamic(ctx, resource.properties, 'root_block_device') !== undefined) return undefined;
  return gap({
    message: gapMessage(
      ctx,
      resource,
      'server-side-encryption',
      'instance',
      `has a root volume with no encryption setting (${byDefaultNote("the AMI's snapshot")})`,
      cfn ? 'add the AMI\'s root device to `BlockDeviceMappings` with `Ebs: {Encrypted: true}`' : 'add `root_block_device { encrypted = true }`',
    ),
    span: resource.typeSpan,
    severity: 'information',
    ...(cfn ? {} : { fix: { title: 'Set root_block_device.encrypted to true', path: ['root_block_device', 'encrypted'], value: true } }),
    closedBy: 'ebsEncryptionByDefault',
  });
}

export const instanceBlockDeviceEncryption: Rule = {
  id: 'ec2-block-device-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'EC2 instance block devices are encrypted at rest',
  docUrl: EBS_DOC,
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::Instance'],
  terraformTypes: ['aws_instance'],
  properties: {
    cloudformation: [['BlockDeviceMappings', 'Ebs', 'Encrypted']],
    terraform: [['root_block_device', 'encrypted'], ['ebs_block_device', 'encrypted']],
  },
  check(resource, ctx) {
    if (byDefault(resource, ctx)) return met('EBS encryption by default is enabled in this file');
    const outcomes: RuleOutcome[] = isCfn(resource)
      ? deviceMaps(ctx, resource, this, ['BlockDeviceMappings'], 'Ebs', 'Encrypted', ['BlockDeviceMappings', 'Ebs', 'Encrypted'], 'instance')
      : [
          ...deviceMaps(ctx, resource, this, ['root_block_device'], undefined, 'encrypted', ['root_block_device', 'encrypted'], 'instance'),
          ...deviceMaps(ctx, resource, this, ['ebs_block_device'], undefined, 'encrypted', ['ebs_block_device', 'encrypted'], 'instance'),
        ];
    const root = rootDevice(resource, ctx);
    if (root) outcomes.push(root);
    return outcomes.length === 0 ? notApplicable : orDefaultOutside(combine(outcomes), resource, ctx);
  },
};

export const launchTemplateEncryption: Rule = {
  id: 'launch-template-block-device-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'Launch templates and launch configurations encrypt their EBS volumes',
  docUrl: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-data-protection.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  terraformTypes: ['aws_launch_template', 'aws_launch_configuration'],
  properties: {
    cloudformation: [['LaunchTemplateData', 'BlockDeviceMappings', 'Ebs', 'Encrypted'], ['BlockDeviceMappings', 'Ebs', 'Encrypted']],
    terraform: [['block_device_mappings', 'ebs', 'encrypted'], ['root_block_device', 'encrypted'], ['ebs_block_device', 'encrypted']],
  },
  check(resource, ctx) {
    if (byDefault(resource, ctx)) return met('EBS encryption by default is enabled in this file');
    let outcomes: RuleOutcome[];
    switch (resource.type) {
      case 'AWS::EC2::LaunchTemplate':
        outcomes = deviceMaps(ctx, resource, this, ['LaunchTemplateData', 'BlockDeviceMappings'], 'Ebs', 'Encrypted', ['LaunchTemplateData', 'BlockDeviceMappings', 'Ebs', 'Encrypted'], 'launch template');
        break;
      case 'AWS::AutoScaling::LaunchConfiguration':
        outcomes = deviceMaps(ctx, resource, this, ['BlockDeviceMappings'], 'Ebs', 'Encrypted', ['BlockDeviceMappings', 'Ebs', 'Encrypted'], 'launch configuration');
        break;
      case 'aws_launch_template':
        outcomes = deviceMaps(ctx, resource, this, ['block_device_mappings'], 'ebs', 'encrypted', ['block_device_mappings', 'ebs', 'encrypted'], 'launch template');
        break;
      default:
        outcomes = [
          ...deviceMaps(ctx, resource, this, ['root_block_device'], undefined, 'encrypted', ['root_block_device', 'encrypted'], 'launch configuration'),
          ...deviceMaps(ctx, resource, this, ['ebs_block_device'], undefined, 'encrypted', ['ebs_block_device', 'encrypted'], 'launch configuration'),
        ];
    }
    return outcomes.length === 0 ? unknown(['volumes not declared here follow the AMI snapshots and the account default']) : orDefaultOutside(combine(outcomes), resource, ctx);
  },
};

export const rdsStorageEncryption: Rule = {
  id: 'rds-storage-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'RDS DB instances encrypt their storage',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::RDS::DBInstance'],
  terraformTypes: ['aws_db_instance'],
  properties: { cloudformation: [['StorageEncrypted']], terraform: [['storage_encrypted']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const p = resource.properties;
    // Aurora instances take encryption from their cluster; read replicas and restores from their source.
    if (isClusterMember(ctx, resource)) return notApplicable;
    const source = replicaSource(ctx, resource);
    if (source) return source;
    const key = cfn ? 'StorageEncrypted' : 'storage_encrypted';
    // A restore takes the snapshot's encryption: `false` does not turn an encrypted snapshot's off (only `true` decides).
    if (!decidedTrue(ctx, p, key)) {
      const source = restoresFrom(ctx, p, cfn ? 'DBSnapshotIdentifier' : 'snapshot_identifier');
      if (source) return source;
    }
    return requireTrue(ctx, resource, this, p, key, {
      what: 'DB instance',
      problem: 'does not encrypt its storage',
      fix: cfn ? 'set `StorageEncrypted: true`' : 'set `storage_encrypted = true`',
      path: [key],
    });
  },
};

/** The setting is written and decided `true` (what a restore or replica cannot override). */
function decidedTrue(ctx: RuleContext, properties: MapNode | undefined, key: string): boolean {
  const l = leaf(ctx, properties, [key]);
  return l.kind === 'found' && asBool(l.value) === true;
}

/**
 * Clusters restored from a snapshot or a point in time, or replicating another cluster, inherit its encryption unless
 * the file turns it on: `StorageEncrypted: false` (or not set) with an encrypted source still gives an encrypted cluster
 * ("If you specify the SnapshotIdentifier and the specified snapshot is encrypted, don't specify this property. The
 * value is inherited from the snapshot", AWS::RDS::DBCluster and AWS::Neptune::DBCluster).
 */
function inheritsFrom(cfnKeys: readonly string[], tfKeys: readonly string[], valueKey: { cloudformation: string; terraform: string }) {
  return (resource: Resource, ctx: RuleContext): RuleOutcome | undefined => {
    const keys = isCfn(resource) ? cfnKeys : tfKeys;
    if (decidedTrue(ctx, resource.properties, valueKey[resource.language])) return undefined;
    for (const k of keys) {
      const source = restoresFrom(ctx, resource.properties, k);
      if (source) return source;
    }
    return undefined;
  };
}

/**
 * The resource is restored from, or replicates, the source `key` names: unknown (its encryption is the source's);
 * undefined when the file decides there is none (not set, `AWS::NoValue`, an empty string or `false`).
 */
function restoresFrom(ctx: RuleContext, properties: MapNode | undefined, key: string): RuleOutcome | undefined {
  const s = namesSource(ctx, properties, key);
  if (s === false) return undefined;
  return unknown(s === true ? [`the source named by ${key}`] : [`the source named by ${key}`, ...s]);
}


const clusterEncryption = (id: string, title: string, docUrl: string, cfnType: string, tfType: string, what: string): Rule =>
  settingRule({
    id,
    duty: 'server-side-encryption',
    title,
    docUrl,
    defaultSeverity: 'warning',
    paths: { [cfnType]: [['StorageEncrypted']], [tfType]: [['storage_encrypted']] },
    ok: isTrue,
    fixValue: true,
    absent: { gap: 'warning' },
    what,
    problem: 'does not encrypt its storage',
    before: (resource, ctx) => {
      const cfn = isCfn(resource);
      // Aurora Serverless v1 is always encrypted.
      const mode = leaf(ctx, resource.properties, [cfn ? 'EngineMode' : 'engine_mode']);
      if (mode.kind === 'found' && asText(mode.value) === 'serverless') return met('Aurora Serverless v1 clusters are always encrypted');
      // A restore or a replica follows its source when the file does not decide.
      const inherited = inheritsFrom(
        ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'],
        ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'],
        { cloudformation: 'StorageEncrypted', terraform: 'storage_encrypted' },
      )(resource, ctx);
      if (inherited) return inherited;
      // New Aurora clusters are encrypted at rest by default since 18 February 2026 (an AWS owned key unless one is named):
      // only an explicit `false` is still a gap. Multi-AZ DB clusters of other engines keep the old default.
      // Written as `null` (or `AWS::NoValue`) is not set: the default applies.
      if (leaf(ctx, resource.properties, [cfn ? 'StorageEncrypted' : 'storage_encrypted']).kind !== 'absent') return undefined;
      const engine = leaf(ctx, resource.properties, [cfn ? 'Engine' : 'engine']);
      if (engine.kind === 'unknown') return unknown(engine.dependsOn);
      // Terraform's `aws_rds_cluster` without `engine`: "aurora" (the provider's default before it became required).
      const aurora = engine.kind === 'found' ? (asText(engine.value) ?? '').toLowerCase().startsWith('aurora') : resource.type === 'aws_rds_cluster';
      if (aurora) {
        return met('not set: new Aurora clusters are encrypted at rest by default (AWS owned key) since 18 February 2026');
      }
      return undefined;
    },
  });

export const rdsClusterStorageEncryption = clusterEncryption(
  'rds-cluster-storage-encryption',
  'RDS and Aurora DB clusters encrypt their storage',
  'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
  'AWS::RDS::DBCluster',
  'aws_rds_cluster',
  'DB cluster',
);

export const docdbStorageEncryption = clusterEncryption(
  'docdb-storage-encryption',
  'DocumentDB clusters encrypt their storage',
  'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
  'AWS::DocDB::DBCluster',
  'aws_docdb_cluster',
  'DocumentDB cluster',
);

export const neptuneStorageEncryption = clusterEncryption(
  'neptune-storage-encryption',
  'Neptune clusters encrypt their storage',
  'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
  'AWS::Neptune::DBCluster',
  'aws_neptune_cluster',
  'Neptune cluster',
);

export const efsEncryption = settingRule({
  id: 'efs-encryption',
  duty: 'server-side-encryption',
  title: 'EFS file systems are encrypted at rest',
  docUrl: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  // Encryption at rest is shared for EFS file systems (refinement efs-file-system-encryption): the API default is
  // unencrypted, so the switch is the customer's. Information: a reminder.
  defaultSeverity: 'information',
  paths: { 'AWS::EFS::FileSystem': [['Encrypted']], aws_efs_file_system: [['encrypted']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information' },
  what: 'file system',
  problem: 'is not encrypted at rest (the API default is unencrypted)',
});

export const elasticacheAtRestEncryption = settingRule({
  id: 'elasticache-at-rest-encryption',
  duty: 'server-side-encryption',
  title: 'ElastiCache replication groups encrypt data at rest',
  docUrl: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::ElastiCache::ReplicationGroup': [['AtRestEncryptionEnabled']], aws_elasticache_replication_group: [['at_rest_encryption_enabled']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning' },
  what: 'replication group',
  problem: 'does not encrypt its data at rest',
  before: (resource, ctx) => {
    const engine = leaf(ctx, resource.properties, [isCfn(resource) ? 'Engine' : 'engine']);
    const key = isCfn(resource) ? 'AtRestEncryptionEnabled' : 'at_rest_encryption_enabled';
    if (!entry(resource.properties, key) && engine.kind === 'found' && asText(engine.value)?.toLowerCase() === 'valkey') return unknown(['the Valkey engine default']);
    return undefined;
  },
});

export const redshiftEncryption = settingRule({
  id: 'redshift-cluster-encryption',
  duty: 'server-side-encryption',
  title: 'Redshift clusters are encrypted at rest',
  docUrl: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::Redshift::Cluster': [['Encrypted']], aws_redshift_cluster: [['encrypted']] },
  ok: isTrue,
  fixValue: true,
  // New provisioned clusters are encrypted by default (CloudFormation: "Default: true"; false is rejected).
  absent: 'met',
  what: 'cluster',
  problem: 'turns encryption at rest off',
});

export const opensearchAtRestEncryption = settingRule({
  id: 'opensearch-at-rest-encryption',
  duty: 'server-side-encryption',
  title: 'OpenSearch / Elasticsearch domains encrypt data at rest',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::OpenSearchService::Domain': [['EncryptionAtRestOptions', 'Enabled']],
    'AWS::Elasticsearch::Domain': [['EncryptionAtRestOptions', 'Enabled']],
    aws_opensearch_domain: [['encrypt_at_rest', 'enabled']],
    aws_elasticsearch_domain: [['encrypt_at_rest', 'enabled']],
  },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning' },
  what: 'domain',
  problem: 'does not encrypt its data at rest',
});

export const kinesisStreamEncryption = settingRule({
  id: 'kinesis-stream-encryption',
  duty: 'server-side-encryption',
  title: 'Kinesis data streams use server-side encryption',
  docUrl: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
  // Encryption at rest is shared for streams (refinement kinesis-stream-encryption): the customer turns it on. A reminder.
  defaultSeverity: 'information',
  paths: { 'AWS::Kinesis::Stream': [['StreamEncryption', 'EncryptionType']], aws_kinesis_stream: [['encryption_type']] },
  ok: equalsText('KMS'),
  fixValue: 'KMS',
  absent: { gap: 'information', problem: 'has no server-side encryption (records are stored unencrypted)' },
  what: 'stream',
  problem: 'has no server-side encryption (records are stored unencrypted)',
  fixText: { cloudformation: 'add `StreamEncryption` with `EncryptionType: KMS` and `KeyId: alias/aws/kinesis`', terraform: 'set `encryption_type = "KMS"` and `kms_key_id = "alias/aws/kinesis"`' },
});

/**
 * A Firehose stream whose records come straight from producers (DirectPut) is encrypted at rest only with server-side
 * encryption turned on; a stream reading from a Kinesis data stream (or MSK) keeps nothing at rest of its own and cannot
 * turn it on (the source's encryption applies). Security Hub DataFirehose.1.
 */
export const firehoseEncryption: Rule = {
  id: 'firehose-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'Firehose streams (DirectPut) use server-side encryption',
  docUrl: 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::KinesisFirehose::DeliveryStream'],
  terraformTypes: ['aws_kinesis_firehose_delivery_stream'],
  properties: {
    cloudformation: [['DeliveryStreamType'], ['DeliveryStreamEncryptionConfigurationInput', 'KeyType']],
    terraform: [['server_side_encryption', 'enabled'], ['kinesis_source_configuration'], ['msk_source_configuration']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (cfn) {
      const t = leaf(ctx, resource.properties, ['DeliveryStreamType']);
      if (t.kind === 'unknown') return unknown(t.dependsOn.map((d) => `DeliveryStreamType (${d}): only a DirectPut stream has encryption of its own`));
      if (t.kind === 'found' && asText(t.value)?.toLowerCase() !== 'directput') return notApplicable;
      const sse = get(resource.properties, 'DeliveryStreamEncryptionConfigurationInput');
      if (sse) {
        const r = ctx.values.resolve(sse);
        return r.known ? met('DeliveryStreamEncryptionConfigurationInput set') : unknown(r.dependsOn);
      }
      return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
        what: 'delivery stream',
        problem: 'has no server-side encryption (a DirectPut stream is not encrypted at rest unless it is turned on)',
        fix: 'add `DeliveryStreamEncryptionConfigurationInput` with `KeyType: AWS_OWNED_CMK` (or a customer managed key)',
      });
    }
    if (get(resource.properties, 'kinesis_source_configuration') || get(resource.properties, 'msk_source_configuration')) return notApplicable;
    const l = leaf(ctx, resource.properties, ['server_side_encryption', 'enabled']);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const on = l.kind === 'found' ? asBool(l.value) : false;
    if (on === undefined) return unknown(['server_side_encryption.enabled is not a boolean']);
    if (on) return met('server_side_encryption.enabled: true');
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.kind === 'found' ? l.node.span : resource.typeSpan,
      { what: 'delivery stream', problem: 'has no server-side encryption (a DirectPut stream is not encrypted at rest unless it is turned on)', fix: 'set `server_side_encryption { enabled = true }`' },
      { fix: fixSpec(['server_side_encryption', 'enabled'], true) },
    );
  },
};

export const snsTopicEncryption = settingRule({
  id: 'sns-topic-encryption',
  duty: 'server-side-encryption',
  title: 'SNS topics use server-side encryption',
  docUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  defaultSeverity: 'information',
  paths: { 'AWS::SNS::Topic': [['KmsMasterKeyId']], aws_sns_topic: [['kms_master_key_id']] },
  ok: nonEmpty,
  fixValue: 'alias/aws/sns',
  absent: { gap: 'information' },
  what: 'topic',
  problem: 'has no server-side encryption key',
});

/**
 * SQS encrypts new queues with SQS managed keys (SSE-SQS) by default; a queue that turns it off without a KMS key is
 * stored unencrypted. Security Hub SQS.1.
 */
export const sqsQueueEncryption = settingRule({
  id: 'sqs-queue-encryption',
  duty: 'server-side-encryption',
  title: 'SQS queues keep server-side encryption on',
  docUrl: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::SQS::Queue': [['SqsManagedSseEnabled']], aws_sqs_queue: [['sqs_managed_sse_enabled']] },
  ok: isTrue,
  fixValue: true,
  // On by default for new queues (SSE-SQS).
  absent: 'met',
  what: 'queue',
  problem: 'turns server-side encryption off (no SQS managed key, no KMS key): messages are stored unencrypted',
  // A KMS key (SSE-KMS) encrypts the queue whatever SqsManagedSseEnabled says.
  before: (resource) => (get(resource.properties, isCfn(resource) ? 'KmsMasterKeyId' : 'kms_master_key_id') !== undefined ? met('encrypted with a KMS key') : undefined),
});

/**
 * DAX clusters are created without encryption at rest unless `SSESpecification` turns it on, and it cannot be turned
 * on afterwards (the cluster must be recreated). Security Hub DynamoDB.3.
 */
export const daxEncryptionAtRest = settingRule({
  id: 'dax-encryption-at-rest',
  duty: 'server-side-encryption',
  title: 'DAX clusters are encrypted at rest',
  docUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::DAX::Cluster': [['SSESpecification', 'SSEEnabled']], aws_dax_cluster: [['server_side_encryption', 'enabled']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning', problem: 'is not encrypted at rest (encryption is off unless turned on when the cluster is created)' },
  what: 'cluster',
  problem: 'turns encryption at rest off',
});

/** Where a CodeBuild project writes to S3, and the setting (beside `EncryptionDisabled`) that says it does. */
const CODEBUILD_OUTPUTS: readonly { readonly path: Record<'cloudformation' | 'terraform', readonly string[]>; readonly on: Record<'cloudformation' | 'terraform', readonly string[]>; readonly onValue: string; readonly name: string; readonly offByDefault?: 'terraform' }[] = [
  // S3Logs.Status is required in CloudFormation; Terraform's s3_logs.status defaults to DISABLED.
  { path: { cloudformation: ['LogsConfig', 'S3Logs'], terraform: ['logs_config', 's3_logs'] }, on: { cloudformation: ['Status'], terraform: ['status'] }, onValue: 'ENABLED', name: 'S3 logs', offByDefault: 'terraform' },
  { path: { cloudformation: ['Artifacts'], terraform: ['artifacts'] }, on: { cloudformation: ['Type'], terraform: ['type'] }, onValue: 'S3', name: 'artifacts' },
  { path: { cloudformation: ['SecondaryArtifacts'], terraform: ['secondary_artifacts'] }, on: { cloudformation: ['Type'], terraform: ['type'] }, onValue: 'S3', name: 'secondary artifacts' },
];

/**
 * CodeBuild encrypts the build output it writes to S3 (S3 logs, S3 artifacts) by default; `EncryptionDisabled: true`
 * on output that goes to S3 writes it unencrypted. Security Hub CodeBuild.3 (S3 logs). Output not written to S3 (S3
 * logs not `ENABLED` — Terraform's default is `DISABLED` —, artifacts of another type) has nothing to encrypt there.
 */
export const codebuildOutputEncryption: Rule = {
  id: 'codebuild-output-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'CodeBuild projects keep their S3 logs and artifacts encrypted',
  docUrl: 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::CodeBuild::Project'],
  terraformTypes: ['aws_codebuild_project'],
  properties: {
    cloudformation: CODEBUILD_OUTPUTS.map((o) => [...o.path.cloudformation, 'EncryptionDisabled']),
    terraform: CODEBUILD_OUTPUTS.map((o) => [...o.path.terraform, 'encryption_disabled']),
  },
  check(resource, ctx) {
    const lang = resource.language === 'cloudformation' ? 'cloudformation' : 'terraform';
    const key = lang === 'cloudformation' ? 'EncryptionDisabled' : 'encryption_disabled';
    const outcomes: RuleOutcome[] = [];
    for (const o of CODEBUILD_OUTPUTS) {
      const { maps, dependsOn } = mapsAt(ctx, resource.properties, o.path[lang]);
      if (dependsOn.length > 0) outcomes.push(unknown(dependsOn));
      for (const m of maps) {
        const l = leaf(ctx, m, [key]);
        if (l.kind === 'unknown') {
          outcomes.push(unknown(l.dependsOn));
          continue;
        }
        const disabled = l.kind === 'found' ? asBool(l.value) : false;
        if (disabled === undefined) outcomes.push(unknown([`${key} is not a boolean`]));
        else if (!disabled) outcomes.push(met(`${o.name}: encrypted (the default)`));
        else {
          const on = leaf(ctx, m, o.on[lang]);
          const where = `${o.path[lang].join('.')}.${o.on[lang][0]}`;
          if (on.kind === 'unknown') outcomes.push(unknown(on.dependsOn.map((d) => `${where} (${d}): whether the ${o.name} go to S3`)));
          else if (on.kind === 'absent' && o.offByDefault !== lang) outcomes.push(unknown([`${where} not set (a required property)`]));
          else if (on.kind === 'found' && asText(on.value)?.toUpperCase() === o.onValue) {
            const path = [...o.path[lang], key];
            outcomes.push(
              gapOutcome(
                ctx,
                resource,
                'server-side-encryption',
                l.kind === 'found' ? l.node.span : resource.typeSpan,
                { what: 'project', problem: `writes its ${o.name} to S3 unencrypted (\`${key}\` is true)`, fix: `set ${setText(resource, path, false)}` },
                { fix: fixSpec(path, false) },
              ),
            );
          } else outcomes.push(met(`${o.name}: not written to S3`));
        }
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

export const emrAtRestEncryption: Rule = {
  id: 'emr-at-rest-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'EMR security configurations enable encryption at rest',
  docUrl: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EMR::SecurityConfiguration', 'AWS::EMR::Cluster'],
  terraformTypes: ['aws_emr_security_configuration', 'aws_emr_cluster'],
  properties: { cloudformation: [['SecurityConfiguration']], terraform: [['configuration'], ['security_configuration']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (resource.type === 'AWS::EMR::Cluster' || resource.type === 'aws_emr_cluster') {
      const l = leaf(ctx, resource.properties, [cfn ? 'SecurityConfiguration' : 'security_configuration']);
      if (l.kind === 'unknown') return unknown(l.dependsOn);
      if (l.kind === 'found') return met('uses a security configuration');
      return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
        what: 'cluster',
        problem: 'has no security configuration, so its local disks and EMRFS data are not encrypted at rest',
        fix: cfn ? 'set `SecurityConfiguration` to an `AWS::EMR::SecurityConfiguration` that enables at-rest encryption' : 'set `security_configuration` to an `aws_emr_security_configuration` that enables at-rest encryption',
      });
    }
    const key = cfn ? 'SecurityConfiguration' : 'configuration';
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'absent') return notApplicable;
    let conf: unknown = l.value;
    if (typeof conf === 'string') {
      try {
        conf = JSON.parse(conf);
      } catch {
        return unknown([`${key} is not JSON`]);
      }
    }
    const enc = conf && typeof conf === 'object' ? (conf as Record<string, unknown>).EncryptionConfiguration : undefined;
    const on = enc && typeof enc === 'object' ? asBool((enc as Record<string, boolean | string>).EnableAtRestEncryption ?? false) : false;
    if (on === true) return met('EncryptionConfiguration.EnableAtRestEncryption: true');
    if (on === undefined) return unknown(['EnableAtRestEncryption is not a boolean']);
    return gapOutcome(ctx, resource, this.duty, l.node.span, {
      what: 'security configuration',
      problem: 'does not enable encryption at rest',
      fix: 'set `EncryptionConfiguration.EnableAtRestEncryption` to true with an `AtRestEncryptionConfiguration`',
    });
  },
};
