import { ebsVolumeEncryption, instanceBlockDeviceEncryption, rdsStorageEncryption } from './encryption-at-rest';
import { rdsPubliclyAccessible, s3PublicAccessBlock } from './exposure';
import { securityGroupOpenIngress } from './firewall';
import type { Rule } from './rule-api';

/** Every rule, in a stable order. */
export const RULES: readonly Rule[] = [
  ebsVolumeEncryption,
  instanceBlockDeviceEncryption,
  rdsStorageEncryption,
  securityGroupOpenIngress,
  rdsPubliclyAccessible,
  s3PublicAccessBlock,
];

const byType = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const t of [...rule.cloudformationTypes, ...rule.terraformTypes]) {
    const list = byType.get(t) ?? [];
    list.push(rule);
    byType.set(t, list);
  }
}

/** Rules that apply to a resource type (CloudFormation or Terraform), O(1). */
export function rulesFor(type: string): readonly Rule[] {
  return byType.get(type) ?? [];
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
