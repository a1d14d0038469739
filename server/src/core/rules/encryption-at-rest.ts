import { asMap, entry, get, getAll, items } from '../model/nodes';
import type { MapNode, Resource } from '../model/types';
import { gapMessage } from './message';
import { combine, gap, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';

/**
 * A boolean property that must be true. Absent → gap at the type (or `absentMeans` decides), false → gap at the value,
 * unknown → unknown. `where` names the place for messages ("volume", "block device /dev/sdb of instance").
 */
export function requireTrue(
  ctx: RuleContext,
  resource: Resource,
  rule: Rule,
  map: MapNode | undefined,
  key: string,
  o: { what: string; problem: string; fix: string; path: readonly string[]; fixValue?: boolean | string },
): RuleOutcome {
  const e = entry(map, key);
  const message = gapMessage(ctx, resource, rule.duty, o.what, o.problem, o.fix);
  const fix = { title: `Set ${o.path.join('.')} to ${String(o.fixValue ?? true)}`, path: o.path, value: o.fixValue ?? true };
  if (!e) return gap({ message, span: resource.typeSpan, fix });
  const v = ctx.values.bool(e.value);
  if (v === true) return met(`${o.path.join('.')}: true`);
  if (v === false) return gap({ message, span: e.value.span, fix });
  const ev = ctx.values.evaluate(e.value);
  return unknown(ev.known ? [`${key} is not a boolean`] : ev.dependsOn);
}

export const ebsVolumeEncryption: Rule = {
  id: 'ebs-volume-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'EBS volumes are encrypted at rest',
  docUrl: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::Volume'],
  terraformTypes: ['aws_ebs_volume'],
  check(resource, ctx) {
    if (byDefault(resource, ctx)) return met('EBS encryption by default is enabled in this file');
    const key = resource.language === 'cloudformation' ? 'Encrypted' : 'encrypted';
    return requireTrue(ctx, resource, this, resource.properties, key, {
      what: 'volume',
      problem: 'is not encrypted',
      fix: resource.language === 'cloudformation' ? 'set `Encrypted: true`' : 'set `encrypted = true`',
      path: [key],
    });
  },
};

export const instanceBlockDeviceEncryption: Rule = {
  id: 'ec2-block-device-encryption',
  duty: 'server-side-encryption',
  owner: 'customer',
  title: 'EC2 instance block devices are encrypted at rest',
  docUrl: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::Instance'],
  terraformTypes: ['aws_instance'],
  check(resource, ctx) {
    if (byDefault(resource, ctx)) return met('EBS encryption by default is enabled in this file');
    const outcomes: RuleOutcome[] = [];
    if (resource.language === 'cloudformation') {
      for (const bd of items(get(resource.properties, 'BlockDeviceMappings'))) {
        const r = ctx.values.resolve(bd);
        if (!r.known) {
          outcomes.push(unknown(r.dependsOn));
          continue;
        }
        const ebs = asMap(get(asMap(r.node), 'Ebs'));
        if (!ebs) continue; // instance store / NoDevice
        const device = get(asMap(r.node), 'DeviceName');
        const name = device && device.type === 'scalar' ? String(device.value) : 'a device';
        outcomes.push(
          requireTrue(ctx, resource, this, ebs, 'Encrypted', { what: `instance`, problem: `has block device ${name} not encrypted`, fix: 'set `Ebs: Encrypted: true`', path: ['BlockDeviceMappings', 'Ebs', 'Encrypted'] }),
        );
      }
    } else {
      for (const block of ['root_block_device', 'ebs_block_device']) {
        for (const bd of getAll(resource.properties, block).flatMap((n) => items(n))) {
          const m = asMap(bd);
          if (!m) continue;
          outcomes.push(
            requireTrue(ctx, resource, this, m, 'encrypted', { what: 'instance', problem: `has its ${block.replace(/_/g, ' ')} not encrypted`, fix: `set \`encrypted = true\` in \`${block}\``, path: [block, 'encrypted'] }),
          );
        }
      }
    }
    if (outcomes.length === 0) return notApplicable;
    return combine(outcomes);
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
  check(resource, ctx) {
    const cfn = resource.language === 'cloudformation';
    // Aurora instances take encryption from their cluster; read replicas from their source.
    if (cfn && (get(resource.properties, 'DBClusterIdentifier') || get(resource.properties, 'SourceDBInstanceIdentifier'))) return notApplicable;
    if (!cfn && (get(resource.properties, 'replicate_source_db') || get(resource.properties, 'cluster_identifier'))) return notApplicable;
    const key = cfn ? 'StorageEncrypted' : 'storage_encrypted';
    if (cfn && get(resource.properties, 'KmsKeyId') && !get(resource.properties, 'StorageEncrypted')) {
      // A KMS key without StorageEncrypted is rejected by CloudFormation; still a gap to point at.
    }
    return requireTrue(ctx, resource, this, resource.properties, key, {
      what: 'DB instance',
      problem: 'does not encrypt its storage',
      fix: cfn ? 'set `StorageEncrypted: true`' : 'set `storage_encrypted = true`',
      path: [key],
    });
  },
};

/** The file turns on EBS encryption by default for the account/Region (Terraform aws_ebs_encryption_by_default). */
function byDefault(resource: Resource, ctx: RuleContext): boolean {
  return ctx.links.to(resource, 'ebs-encryption-by-default').some((l) => {
    const enabled = get(l.from.properties, 'enabled');
    return enabled === undefined || ctx.values.bool(enabled) === true;
  });
}
