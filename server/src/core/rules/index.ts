import { s3BucketPublicAcl, s3PublicAccessBlock, s3Versioning, publicSnapshotOrImage, rdsBackupRetention, dynamodbPointInTimeRecovery, elasticacheSnapshotRetention, deletionProtection } from './customer-data';
import {
  docdbStorageEncryption,
  ebsVolumeEncryption,
  efsEncryption,
  elasticacheAtRestEncryption,
  emrAtRestEncryption,
  instanceBlockDeviceEncryption,
  kinesisStreamEncryption,
  launchTemplateEncryption,
  neptuneStorageEncryption,
  opensearchAtRestEncryption,
  rdsClusterStorageEncryption,
  rdsStorageEncryption,
  redshiftEncryption,
  snsTopicEncryption,
  sqsQueueEncryption,
  daxEncryptionAtRest,
  codebuildOutputEncryption,
  firehoseEncryption,
} from './encryption-at-rest';
import { dmsReplicationInstancePublic, ec2PublicIp, ecsServicePublicIp, eksPublicEndpoint, mskPublicAccess, rdsPubliclyAccessible, redshiftPubliclyAccessible, opensearchInVpc, sagemakerNotebookDirectInternet, subnetMapPublicIp } from './exposure';
import { defaultSecurityGroupTraffic, networkAclOpenIngress, securityGroupOpenIngress } from './firewall';
import { iamAdministratorAccessAttached, iamPolicyWildcard, iamUserAccessKey, iamUserInlinePolicy, lambdaFunctionUrlPublic, lambdaPermissionSource, resourcePolicyPublic, rdsDefaultAdminUsername, sagemakerNotebookRootAccess, secretsManagerRotation } from './iam';
import { autoMinorVersionUpgrade, codebuildPrivilegedMode, ecsHostPidMode, ecsPrivilegedContainer, imdsv2Required, lambdaDeprecatedRuntime } from './platform';
import { clusterBackupRetention, neptuneIamDatabaseAuthentication, rdsIamDatabaseAuthentication, snapshotEncryption } from './data-at-rest';
import { ecrImageTagImmutability, ecrScanOnPush, eksVersionEndOfSupport, elasticacheEngineEndOfSupport, mqEngineEndOfSupport, opensearchEngineEndOfSupport, rdsEngineEndOfSupport } from './versions';
import { get } from '../model/nodes';
import type { Resource } from '../model/types';
import { notApplicable } from './outcome';
import type { Rule, RuleContext } from './rule-api';
import {
  apiGatewayAccessLogging,
  apiGatewayExecutionLogging,
  cloudfrontLogging,
  cloudtrailEncryption,
  cloudtrailLogFileValidation,
  cloudtrailLogging,
  cloudtrailMultiRegion,
  eksControlPlaneLogging,
  elbAccessLogs,
  networkFirewallLogging,
  opensearchAuditLogs,
  rdsLogExports,
  clusterAuditLogs,
  s3AccessLogging,
  redshiftAuditLogging,
  stepFunctionsLogging,
  vpcFlowLogs,
  wafLogging,
} from './logging';
import { plaintextSecret } from './secrets';
import { apiGatewayAuthorization } from './api-authorization';
import { userDataSecret } from './user-data-secrets';
import { kmsAwsManagedKey, kmsKeyRotation } from './keys';
import { apiGatewayTlsPolicy, cloudfrontOriginHttps, cloudfrontViewerTls, elbTlsPolicy, opensearchTlsPolicy, rdsForceTls, secureTransportPolicy } from './tls';
import { cloudfrontViewerHttps, elasticacheTransitEncryption, elbClassicListenerHttps, elbv2ListenerHttps, mskEncryptionInTransit, opensearchEnforceHttps, opensearchNodeToNodeEncryption, transferServerFtp, daxEncryptionInTransit, elbDropInvalidHeaders } from './transit';

/** Every rule, in a stable order (grouped by duty, in the order the model lists the duties). */
export const RULES: readonly Rule[] = [
  // customer-data
  s3PublicAccessBlock,
  s3BucketPublicAcl,
  publicSnapshotOrImage,
  rdsBackupRetention,
  clusterBackupRetention,
  dynamodbPointInTimeRecovery,
  elasticacheSnapshotRetention,
  deletionProtection,
  s3Versioning,
  kmsKeyRotation,
  // platform-and-application-management
  lambdaDeprecatedRuntime,
  autoMinorVersionUpgrade,
  rdsEngineEndOfSupport,
  elasticacheEngineEndOfSupport,
  opensearchEngineEndOfSupport,
  mqEngineEndOfSupport,
  eksVersionEndOfSupport,
  ecrImageTagImmutability,
  ecrScanOnPush,
  ecsPrivilegedContainer,
  codebuildPrivilegedMode,
  ecsHostPidMode,
  // identity-and-access-management
  iamPolicyWildcard,
  iamAdministratorAccessAttached,
  resourcePolicyPublic,
  lambdaPermissionSource,
  lambdaFunctionUrlPublic,
  apiGatewayAuthorization,
  iamUserInlinePolicy,
  iamUserAccessKey,
  sagemakerNotebookRootAccess,
  secretsManagerRotation,
  rdsDefaultAdminUsername,
  rdsIamDatabaseAuthentication,
  neptuneIamDatabaseAuthentication,
  kmsAwsManagedKey,
  plaintextSecret,
  userDataSecret,
  cloudtrailLogging,
  cloudtrailMultiRegion,
  cloudtrailLogFileValidation,
  s3AccessLogging,
  elbAccessLogs,
  apiGatewayAccessLogging,
  eksControlPlaneLogging,
  apiGatewayExecutionLogging,
  rdsLogExports,
  clusterAuditLogs,
  cloudfrontLogging,
  opensearchAuditLogs,
  wafLogging,
  stepFunctionsLogging,
  redshiftAuditLogging,
  // operating-system-configuration
  imdsv2Required,
  // network-configuration
  rdsPubliclyAccessible,
  redshiftPubliclyAccessible,
  dmsReplicationInstancePublic,
  eksPublicEndpoint,
  subnetMapPublicIp,
  ec2PublicIp,
  ecsServicePublicIp,
  mskPublicAccess,
  sagemakerNotebookDirectInternet,
  opensearchInVpc,
  vpcFlowLogs,
  // firewall-configuration
  securityGroupOpenIngress,
  defaultSecurityGroupTraffic,
  networkAclOpenIngress,
  networkFirewallLogging,
  // network-traffic-protection
  elbv2ListenerHttps,
  elbClassicListenerHttps,
  cloudfrontViewerHttps,
  elasticacheTransitEncryption,
  opensearchNodeToNodeEncryption,
  opensearchEnforceHttps,
  mskEncryptionInTransit,
  secureTransportPolicy,
  elbTlsPolicy,
  cloudfrontViewerTls,
  cloudfrontOriginHttps,
  apiGatewayTlsPolicy,
  opensearchTlsPolicy,
  rdsForceTls,
  transferServerFtp,
  daxEncryptionInTransit,
  elbDropInvalidHeaders,
  // server-side-encryption
  ebsVolumeEncryption,
  instanceBlockDeviceEncryption,
  launchTemplateEncryption,
  rdsStorageEncryption,
  rdsClusterStorageEncryption,
  snapshotEncryption,
  docdbStorageEncryption,
  neptuneStorageEncryption,
  efsEncryption,
  elasticacheAtRestEncryption,
  redshiftEncryption,
  opensearchAtRestEncryption,
  emrAtRestEncryption,
  kinesisStreamEncryption,
  firehoseEncryption,
  snsTopicEncryption,
  sqsQueueEncryption,
  daxEncryptionAtRest,
  codebuildOutputEncryption,
  cloudtrailEncryption,
];

/**
 * A CloudFormation resource whose `Condition` the file decides as false is not created: no rule applies to it.
 * (A condition that depends on a deploy-time input keeps the rule running — the resource may exist.)
 */
function notCreated(resource: Resource, ctx: RuleContext): boolean {
  if (resource.language !== 'cloudformation') return false;
  const c = get(resource.definition, 'Condition');
  if (!c || c.type !== 'scalar' || typeof c.value !== 'string') return false;
  const ev = ctx.values.evaluate({ type: 'intrinsic', span: c.span, fn: 'Condition', arg: c });
  return ev.known && ev.value === false;
}

function guarded(rule: Rule): Rule {
  return { ...rule, check: (resource, ctx) => (notCreated(resource, ctx) ? notApplicable : rule.check(resource, ctx)) };
}

const GUARDED: readonly Rule[] = RULES.map(guarded);

const byType = new Map<string, Rule[]>();
for (const rule of GUARDED) {
  for (const t of new Set([...rule.cloudformationTypes, ...rule.terraformTypes])) {
    const list = byType.get(t) ?? [];
    list.push(rule);
    byType.set(t, list);
  }
}

/** Rules that read Terraform `provider` blocks (ParsedDocument.providers): credentials written in the configuration. */
export const PROVIDER_RULES: readonly Rule[] = [plaintextSecret];

/** Rules that read CloudFormation `Outputs` (ParsedDocument.outputs): secrets shown to anyone allowed to describe the stack. */
export const OUTPUT_RULES: readonly Rule[] = [plaintextSecret];

/** Rules that apply to a resource type (CloudFormation or Terraform), O(1). */
export function rulesFor(type: string): readonly Rule[] {
  return byType.get(type) ?? [];
}

export function ruleById(id: string): Rule | undefined {
  return GUARDED.find((r) => r.id === id);
}
