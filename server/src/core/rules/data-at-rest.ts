/**
 * Data at rest, beyond the storage switches of encryption-at-rest.ts: snapshots of unencrypted sources (a snapshot is
 * encrypted exactly when its source is, unless a copy asks for encryption), backup retention of Aurora, DocumentDB and
 * Neptune clusters (the engine keeps at least one day: too short a window is the gap), and IAM database
 * authentication on the engines that support it.
 */
import { get } from '../model/nodes';
import type { Resource } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { asBool, asText, isCfn, isClusterMember, isTrue, leaf, settingRule } from './check';
import { byDefault, docdbStorageEncryption, ebsVolumeEncryption, neptuneStorageEncryption, rdsClusterStorageEncryption, rdsStorageEncryption } from './encryption-at-rest';
import { RELATION } from '../values/links';
import { gapMessage } from './message';
import { gap, met, notApplicable, unknown } from './outcome';
import type { Assumption, Rule, RuleContext, RuleOutcome } from './rule-api';

// ---- snapshots ----

/** Per snapshot type: the attribute naming its source, the source's kind and the rule that decides the source's encryption. */
const SNAPSHOT_SOURCES: Readonly<Record<string, { readonly attribute: string; readonly what: string; readonly fix: string }>> = {
  aws_ebs_snapshot: { attribute: 'volume_id', what: 'volume', fix: 'set `encrypted = true` on the volume (or copy the snapshot with `aws_ebs_snapshot_copy` and `encrypted = true`)' },
  aws_ebs_snapshot_copy: { attribute: 'source_snapshot_id', what: 'snapshot', fix: 'set `encrypted = true` (with a `kms_key_id` if the copy should use your own key)' },
  aws_db_snapshot: { attribute: 'db_instance_identifier', what: 'DB instance', fix: 'set `storage_encrypted = true` on the DB instance (or copy the snapshot with `aws_db_snapshot_copy` and a `kms_key_id`)' },
  aws_db_cluster_snapshot: { attribute: 'db_cluster_identifier', what: 'DB cluster', fix: 'set `storage_encrypted = true` on the DB cluster' },
  aws_docdb_cluster_snapshot: { attribute: 'db_cluster_identifier', what: 'DocumentDB cluster', fix: 'set `storage_encrypted = true` on the cluster' },
  aws_neptune_cluster_snapshot: { attribute: 'db_cluster_identifier', what: 'Neptune cluster', fix: 'set `storage_encrypted = true` on the cluster' },
};

/** The rule that decides whether a snapshot's source is encrypted. */
const SOURCE_RULES: Readonly<Record<string, Rule>> = {
  aws_ebs_volume: ebsVolumeEncryption,
  aws_db_instance: rdsStorageEncryption,
  aws_rds_cluster: rdsClusterStorageEncryption,
  aws_docdb_cluster: docdbStorageEncryption,
  aws_neptune_cluster: neptuneStorageEncryption,
};

const EBS_SNAPSHOTS = new Set(['aws_ebs_snapshot', 'aws_ebs_snapshot_copy']);

/** Whether a snapshot (or its source) is encrypted: met, gap (with the assumption that would close it), or unknown. */
function snapshotState(ctx: RuleContext, resource: Resource, depth: number): { status: 'met' | 'unknown' | 'gap'; why: string; source?: Resource; closedBy?: Assumption; explicit?: boolean } {
  const spec = SNAPSHOT_SOURCES[resource.type];
  if (!spec || depth > 8) return { status: 'unknown', why: 'the source of the snapshot' };
  // EBS encryption by default encrypts new snapshots copies and volumes alike.
  if (EBS_SNAPSHOTS.has(resource.type) && byDefault(resource, ctx)) return { status: 'met', why: 'EBS encryption by default is enabled in this file' };
  const enc = resource.type === 'aws_ebs_snapshot_copy' ? leaf(ctx, resource.properties, ['encrypted']) : undefined;
  if (enc?.kind === 'unknown') return { status: 'unknown', why: enc.dependsOn.join(', ') || 'encrypted' };
  if (enc?.kind === 'found' && asBool(enc.value) === true) return { status: 'met', why: 'encrypted = true' };
  const src = ctx.links.from(resource, RELATION.snapshotSource)[0]?.to;
  if (!src) {
    if (enc?.kind === 'found' && asBool(enc.value) === false) {
      return { status: 'gap', why: 'sets `encrypted = false` on a copy of a snapshot this file does not define, so the copy is encrypted only if that snapshot is', closedBy: 'ebsEncryptionByDefault', explicit: true };
    }
    return { status: 'unknown', why: `the ${spec.what} named by ${spec.attribute} (not defined in this file)` };
  }
  if (SNAPSHOT_SOURCES[src.type]) {
    const s = snapshotState(ctx, src, depth + 1);
    return s.status === 'gap' ? { status: 'gap', why: `copies snapshot ${src.id}, which is not encrypted`, source: src, closedBy: s.closedBy } : { ...s, source: src };
  }
  const rule = SOURCE_RULES[src.type];
  const o: RuleOutcome = rule ? rule.check(src, ctx) : unknown([`the encryption of ${src.id}`]);
  if (o.status === 'met') return { status: 'met', why: `source ${src.id} is encrypted`, source: src };
  if (o.status === 'gap') {
    const closed = o.gaps?.every((g) => g.closedBy === 'ebsEncryptionByDefault') ? 'ebsEncryptionByDefault' : undefined;
    return { status: 'gap', why: `is taken from ${spec.what} ${src.id}, which is not encrypted`, source: src, closedBy: closed };
  }
  return { status: 'unknown', why: o.dependsOn?.length ? `${src.id}: ${o.dependsOn.join(', ')}` : `the encryption of ${src.id}` };
}

export const snapshotEncryption: Rule = {
  id: 'snapshot-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'Snapshots are not taken from unencrypted sources',
  docUrl: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  defaultSeverity: 'warning',
  cloudformationTypes: [],
  terraformTypes: Object.keys(SNAPSHOT_SOURCES),
  properties: { terraform: [['volume_id'], ['source_snapshot_id'], ['encrypted'], ['db_instance_identifier'], ['db_cluster_identifier']] },
  check(resource, ctx) {
    const spec = SNAPSHOT_SOURCES[resource.type];
    if (!spec) return notApplicable;
    const s = snapshotState(ctx, resource, 0);
    if (s.status === 'met') return met(s.why);
    if (s.status === 'unknown') return unknown([s.why]);
    const node = get(resource.properties, spec.attribute);
    const enc = resource.type === 'aws_ebs_snapshot_copy' ? get(resource.properties, 'encrypted') : undefined;
    const span = (s.explicit && enc ? enc.span : node?.span) ?? resource.typeSpan;
    return gap({
      message: gapMessage(ctx, resource, this.duty, 'snapshot', `${s.why}${s.explicit ? '' : ', so the snapshot is not encrypted either'}${s.closedBy ? ' (unless EBS encryption by default is on for the account)' : ''}`, spec.fix),
      span,
      ...(s.explicit ? { severity: 'information' as const } : {}),
      ...(resource.type === 'aws_ebs_snapshot_copy' ? { fix: { title: 'Set encrypted to true', path: ['encrypted'], value: true } } : {}),
      ...(s.closedBy ? { closedBy: s.closedBy } : {}),
    });
  },
};

// ---- cluster backup retention ----

/** The shortest automated backup retention the rule accepts: AWS Security Hub DocumentDB.2 and Neptune.5 default to 7 days. */
export const MIN_CLUSTER_BACKUP_DAYS = 7;

const atLeastMin = (v: PlainValue): boolean | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  return n === undefined ? undefined : n >= MIN_CLUSTER_BACKUP_DAYS;
};

export const clusterBackupRetention = settingRule({
  id: 'db-cluster-backup-retention',
  duty: 'customer-data',
  title: 'Aurora, DocumentDB and Neptune clusters keep automated backups for at least 7 days',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::RDS::DBCluster': [['BackupRetentionPeriod']],
    'AWS::DocDB::DBCluster': [['BackupRetentionPeriod']],
    'AWS::Neptune::DBCluster': [['BackupRetentionPeriod']],
    aws_rds_cluster: [['backup_retention_period']],
    aws_docdb_cluster: [['backup_retention_period']],
    aws_neptune_cluster: [['backup_retention_period']],
  },
  ok: atLeastMin,
  fixValue: MIN_CLUSTER_BACKUP_DAYS,
  absent: { gap: 'information', problem: `keeps automated backups for 1 day only (the default; point-in-time recovery reaches back that far), fewer than ${MIN_CLUSTER_BACKUP_DAYS}` },
  what: 'DB cluster',
  problem: `keeps automated backups for fewer than ${MIN_CLUSTER_BACKUP_DAYS} days (point-in-time recovery reaches back only that far)`,
});

// ---- IAM database authentication ----

/** Engines with IAM database authentication (RDS for MySQL, MariaDB and PostgreSQL; Aurora MySQL and PostgreSQL). */
const IAM_AUTH_ENGINES = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/i;

export const rdsIamDatabaseAuthentication = settingRule({
  id: 'rds-iam-database-authentication',
  duty: 'identity-and-access-management',
  title: 'RDS and Aurora databases accept IAM database authentication',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::RDS::DBInstance': [['EnableIAMDatabaseAuthentication']],
    'AWS::RDS::DBCluster': [['EnableIAMDatabaseAuthentication']],
    aws_db_instance: [['iam_database_authentication_enabled']],
    aws_rds_cluster: [['iam_database_authentication_enabled']],
  },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'has IAM authentication off (the default), so every client signs in with a long-lived database password' },
  what: 'database',
  problem: 'has IAM database authentication turned off, so every client signs in with a long-lived database password',
  before: (resource, ctx) => {
    const cfn = isCfn(resource);
    // Aurora instances take the setting from their cluster.
    if (isClusterMember(ctx, resource)) return notApplicable;
    const engine = leaf(ctx, resource.properties, [cfn ? 'Engine' : 'engine']);
    if (engine.kind === 'unknown') return unknown(engine.dependsOn);
    const name = engine.kind === 'found' ? asText(engine.value) : resource.type === 'aws_rds_cluster' ? 'aurora' : undefined;
    if (name === undefined || !IAM_AUTH_ENGINES.test(name)) return notApplicable;
    // Aurora Serverless v1 does not support IAM database authentication.
    const mode = leaf(ctx, resource.properties, [cfn ? 'EngineMode' : 'engine_mode']);
    if (mode.kind === 'unknown') return unknown(mode.dependsOn);
    return mode.kind === 'found' && asText(mode.value)?.toLowerCase() === 'serverless' ? notApplicable : undefined;
  },
});

/**
 * Neptune has no database users or passwords: with IAM database authentication off (the default), its endpoint takes
 * unsigned requests from whatever can reach it, so access rests on the network alone. Security Hub Neptune.7.
 */
export const neptuneIamDatabaseAuthentication = settingRule({
  id: 'neptune-iam-database-authentication',
  duty: 'identity-and-access-management',
  title: 'Neptune clusters require IAM database authentication',
  docUrl: 'https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::Neptune::DBCluster': [['IamAuthEnabled']],
    aws_neptune_cluster: [['iam_database_authentication_enabled']],
  },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'has IAM database authentication off (the default), so its endpoint answers requests not signed with IAM credentials: access rests on the network alone' },
  what: 'Neptune cluster',
  problem: 'has IAM database authentication turned off, so its endpoint answers requests not signed with IAM credentials: access rests on the network alone',
});
