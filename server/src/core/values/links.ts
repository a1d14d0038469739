/**
 * Which resources configure which: a separate resource that meets a duty (a public access block, an ingress
 * rule, a bucket policy...) is linked to the resource it protects. One pass over the resources, a Map by id.
 *
 * Terraform references: a `.tf` reference (`aws_s3_bucket.b.id`, dotted, no index parts) names the block `aws_s3_bucket.b`.
 * A Terraform plan's resources are instances with full addresses (`aws_x.y[0]`, `module.m["k"].aws_x.y`), and its
 * parser (parse/terraform-plan.ts) writes references as full addresses too (`module.m.aws_s3_bucket.b.id`,
 * `aws_s3_bucket.b[0].id`): such a reference names the instance when it has an instance key (`[0]`, `["k"]`), else the
 * resource of that address and every instance of it (`addr[...]`). See `tfAddress`.
 */
import { asMap, asScalar, get, getPath } from '../model/nodes';
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import type { Link, LinkIndex } from './links-api';
import { keepShape } from '../shape-keeper';
import { emptyDocument } from '../model/types';

/** Relation names (Link.relation). */
export const RELATION = {
  publicAccessBlock: 'public-access-block',
  sseConfiguration: 'sse-configuration',
  versioning: 'versioning',
  acl: 'acl',
  ownershipControls: 'ownership-controls',
  bucketPolicy: 'bucket-policy',
  logging: 'logging',
  /** aws_flow_log (vpc_id) / AWS::EC2::FlowLog (ResourceId) → the VPC it records. */
  flowLog: 'flow-log',
  /** Inbound rule (aws_security_group_rule type "ingress" — or a type the file does not decide —, aws_vpc_security_group_ingress_rule, AWS::EC2::SecurityGroupIngress). */
  ingress: 'ingress',
  egress: 'egress',
  /** From the attachment to both the volume and the instance. */
  volumeAttachment: 'volume-attachment',
  /** aws_ebs_encryption_by_default (account and region wide) → every EBS volume, instance and launch template in the file. */
  ebsEncryptionByDefault: 'ebs-encryption-by-default',
  /** aws_s3_account_public_access_block (account wide) → every S3 bucket in the file. */
  s3AccountPublicAccessBlock: 's3-account-public-access-block',
  /** aws_ec2_instance_metadata_defaults (account and Region wide) → every instance, spot request and launch template / configuration in the file. */
  instanceMetadataDefaults: 'instance-metadata-defaults',
  lambdaPermission: 'lambda-permission',
  queuePolicy: 'queue-policy',
  topicPolicy: 'topic-policy',
  keyPolicy: 'key-policy',
  /** From a security group to a resource that uses it (instance, DB, launch template, Lambda in a VPC...). */
  securityGroup: 'security-group',
  /** From a Lambda function or SNS topic to the CloudFormation custom resource whose `ServiceToken` names it. */
  serviceToken: 'service-token',
  /** AWS::Logs::DeliverySource / aws_cloudwatch_log_delivery_source (ResourceArn) → the resource whose logs it delivers (CloudFront standard logging v2, WAF). */
  logDelivery: 'log-delivery',
  /** AWS::WAFv2::LoggingConfiguration / aws_wafv2_web_acl_logging_configuration (ResourceArn) → the web ACL it logs. */
  wafLogging: 'waf-logging',
  /** AWS::NetworkFirewall::LoggingConfiguration / aws_networkfirewall_logging_configuration (FirewallArn) → the firewall it logs. */
  firewallLogging: 'firewall-logging',
  /** aws_api_gateway_method_settings (stage_name) → the REST API stage whose methods it configures. */
  methodSettings: 'method-settings',
  /** A Terraform snapshot (aws_ebs_snapshot, aws_db_snapshot...) → the volume, DB or snapshot it is taken or copied from. */
  snapshotSource: 'snapshot-source',
  /** AWS::ECR::RegistryScanningConfiguration / aws_ecr_registry_scanning_configuration (account and Region wide) → every repository in the file. */
  registryScanning: 'registry-scanning',
  /** AWS::SecretsManager::RotationSchedule (SecretId) / aws_secretsmanager_secret_rotation (secret_id) → the secret it rotates. */
  rotation: 'rotation',
  /** aws_redshift_logging (cluster_identifier) → the Redshift cluster whose audit logging it turns on. */
  redshiftLogging: 'redshift-logging',
} as const;

export type Relation = (typeof RELATION)[keyof typeof RELATION];
export const RELATIONS: readonly Relation[] = Object.values(RELATION);

interface TfConfigurer {
  readonly attribute: string;
  readonly targetTypes: readonly string[];
  readonly relation: Relation;
}

const S3 = ['aws_s3_bucket', 'aws_s3_directory_bucket'];
// A VPC's default group adopted by Terraform is a security group like the others (instances and load balancers name it).
const SG = ['aws_security_group', 'aws_default_security_group'];

/** Terraform resource type → the attribute naming the resource it configures. */
const TF_CONFIGURERS: ReadonlyMap<string, readonly TfConfigurer[]> = new Map<string, TfConfigurer[]>([
  ['aws_s3_bucket_public_access_block', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.publicAccessBlock }]],
  ['aws_s3_bucket_server_side_encryption_configuration', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.sseConfiguration }]],
  ['aws_s3_bucket_versioning', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.versioning }]],
  ['aws_s3_bucket_acl', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.acl }]],
  ['aws_s3_bucket_ownership_controls', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.ownershipControls }]],
  ['aws_s3_bucket_policy', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.bucketPolicy }]],
  ['aws_s3_bucket_logging', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.logging }]],
  ['aws_flow_log', [{ attribute: 'vpc_id', targetTypes: ['aws_vpc'], relation: RELATION.flowLog }]],
  ['aws_ebs_snapshot', [{ attribute: 'volume_id', targetTypes: ['aws_ebs_volume'], relation: RELATION.snapshotSource }]],
  ['aws_ebs_snapshot_copy', [{ attribute: 'source_snapshot_id', targetTypes: ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy'], relation: RELATION.snapshotSource }]],
  ['aws_db_snapshot', [{ attribute: 'db_instance_identifier', targetTypes: ['aws_db_instance'], relation: RELATION.snapshotSource }]],
  ['aws_db_cluster_snapshot', [{ attribute: 'db_cluster_identifier', targetTypes: ['aws_rds_cluster'], relation: RELATION.snapshotSource }]],
  ['aws_docdb_cluster_snapshot', [{ attribute: 'db_cluster_identifier', targetTypes: ['aws_docdb_cluster'], relation: RELATION.snapshotSource }]],
  ['aws_neptune_cluster_snapshot', [{ attribute: 'db_cluster_identifier', targetTypes: ['aws_neptune_cluster'], relation: RELATION.snapshotSource }]],
  ['aws_vpc_security_group_ingress_rule', [{ attribute: 'security_group_id', targetTypes: SG, relation: RELATION.ingress }]],
  ['aws_vpc_security_group_egress_rule', [{ attribute: 'security_group_id', targetTypes: SG, relation: RELATION.egress }]],
  [
    'aws_volume_attachment',
    [
      { attribute: 'volume_id', targetTypes: ['aws_ebs_volume'], relation: RELATION.volumeAttachment },
      { attribute: 'instance_id', targetTypes: ['aws_instance'], relation: RELATION.volumeAttachment },
    ],
  ],
  ['aws_lambda_permission', [{ attribute: 'function_name', targetTypes: ['aws_lambda_function', 'aws_lambda_alias'], relation: RELATION.lambdaPermission }]],
  ['aws_sqs_queue_policy', [{ attribute: 'queue_url', targetTypes: ['aws_sqs_queue'], relation: RELATION.queuePolicy }]],
  ['aws_sns_topic_policy', [{ attribute: 'arn', targetTypes: ['aws_sns_topic'], relation: RELATION.topicPolicy }]],
  ['aws_kms_key_policy', [{ attribute: 'key_id', targetTypes: ['aws_kms_key'], relation: RELATION.keyPolicy }]],
  ['aws_cloudwatch_log_delivery_source', [{ attribute: 'resource_arn', targetTypes: ['aws_cloudfront_distribution', 'aws_wafv2_web_acl'], relation: RELATION.logDelivery }]],
  ['aws_wafv2_web_acl_logging_configuration', [{ attribute: 'resource_arn', targetTypes: ['aws_wafv2_web_acl'], relation: RELATION.wafLogging }]],
  ['aws_networkfirewall_logging_configuration', [{ attribute: 'firewall_arn', targetTypes: ['aws_networkfirewall_firewall'], relation: RELATION.firewallLogging }]],
  ['aws_api_gateway_method_settings', [{ attribute: 'stage_name', targetTypes: ['aws_api_gateway_stage'], relation: RELATION.methodSettings }]],
  ['aws_secretsmanager_secret_rotation', [{ attribute: 'secret_id', targetTypes: ['aws_secretsmanager_secret'], relation: RELATION.rotation }]],
  ['aws_redshift_logging', [{ attribute: 'cluster_identifier', targetTypes: ['aws_redshift_cluster'], relation: RELATION.redshiftLogging }]],
]);

const TF_IMDS_TARGETS = new Set(['aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration']);
const TF_EBS_TARGETS = new Set(['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_ebs_snapshot', 'aws_ebs_snapshot_copy']);
/** Attributes (paths) through which a Terraform resource uses security groups. */
const TF_SG_PATHS: readonly (readonly string[])[] = [['vpc_security_group_ids'], ['security_group_ids'], ['security_groups'], ['vpc_config', 'security_group_ids']];

interface CfnConfigurer {
  readonly paths: readonly (readonly string[])[];
  readonly targetTypes: readonly string[];
  readonly relation: Relation;
}

const CFN_SG = ['AWS::EC2::SecurityGroup'];
const CFN_CONFIGURERS: ReadonlyMap<string, readonly CfnConfigurer[]> = new Map<string, CfnConfigurer[]>([
  ['AWS::EC2::SecurityGroupIngress', [{ paths: [['GroupId'], ['GroupName']], targetTypes: CFN_SG, relation: RELATION.ingress }]],
  ['AWS::EC2::SecurityGroupEgress', [{ paths: [['GroupId']], targetTypes: CFN_SG, relation: RELATION.egress }]],
  ['AWS::EC2::FlowLog', [{ paths: [['ResourceId']], targetTypes: ['AWS::EC2::VPC'], relation: RELATION.flowLog }]],
  ['AWS::S3::BucketPolicy', [{ paths: [['Bucket']], targetTypes: ['AWS::S3::Bucket'], relation: RELATION.bucketPolicy }]],
  [
    'AWS::EC2::VolumeAttachment',
    [
      { paths: [['VolumeId']], targetTypes: ['AWS::EC2::Volume'], relation: RELATION.volumeAttachment },
      { paths: [['InstanceId']], targetTypes: ['AWS::EC2::Instance'], relation: RELATION.volumeAttachment },
    ],
  ],
  ['AWS::SQS::QueuePolicy', [{ paths: [['Queues']], targetTypes: ['AWS::SQS::Queue'], relation: RELATION.queuePolicy }]],
  ['AWS::SNS::TopicPolicy', [{ paths: [['Topics']], targetTypes: ['AWS::SNS::Topic'], relation: RELATION.topicPolicy }]],
  ['AWS::Logs::DeliverySource', [{ paths: [['ResourceArn']], targetTypes: ['AWS::CloudFront::Distribution', 'AWS::WAFv2::WebACL'], relation: RELATION.logDelivery }]],
  ['AWS::WAFv2::LoggingConfiguration', [{ paths: [['ResourceArn']], targetTypes: ['AWS::WAFv2::WebACL'], relation: RELATION.wafLogging }]],
  ['AWS::NetworkFirewall::LoggingConfiguration', [{ paths: [['FirewallArn'], ['FirewallName']], targetTypes: ['AWS::NetworkFirewall::Firewall'], relation: RELATION.firewallLogging }]],
  ['AWS::SecretsManager::RotationSchedule', [{ paths: [['SecretId']], targetTypes: ['AWS::SecretsManager::Secret'], relation: RELATION.rotation }]],
  [
    'AWS::Lambda::Permission',
    [{ paths: [['FunctionName']], targetTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'], relation: RELATION.lambdaPermission }],
  ],
]);

/** What may serve a custom resource: Lambda functions and SNS topics. */
const CFN_PROVIDERS = ['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::SNS::Topic'];

/** Properties (paths) through which a CloudFormation resource uses security groups. */
const CFN_SG_PATHS: readonly (readonly string[])[] = [
  ['SecurityGroupIds'],
  ['SecurityGroups'],
  ['VpcSecurityGroupIds'],
  ['VPCSecurityGroups'],
  ['VpcConfig', 'SecurityGroupIds'],
  ['NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups'],
];

/** Literal-name matching: `bucket = "logs"` names the aws_s3_bucket whose `bucket` is "logs". */
const NAME_ATTRIBUTE: ReadonlyMap<string, string> = new Map([
  ['aws_s3_bucket', 'bucket'],
  ['AWS::S3::Bucket', 'BucketName'],
  ['aws_redshift_cluster', 'cluster_identifier'],
]);

const NONE: readonly never[] = Object.freeze([]);

/** Resources that configure every resource of a kind in the account and Region (EBS encryption by default, ECR registry scanning). */
export function tfAccountWide(type: string): boolean {
  return TF_WHOLE_FILE.has(type);
}

/** The attributes by which a Terraform resource of this type names the resources it configures (none: not a configurer). */
export function tfConfigurerAttributes(type: string): readonly string[] {
  const cs = TF_CONFIGURERS.get(type);
  return cs === undefined ? NONE : cs.map((c) => c.attribute);
}

/** The Terraform resource types that configure a resource of `targetType` by the relation (`aws_flow_log` for a VPC's flow log). */
export function tfConfigurerTypes(relation: string, targetType: string): readonly string[] {
  const out: string[] = [];
  for (const [type, cs] of TF_CONFIGURERS) if (cs.some((c) => c.relation === relation && c.targetTypes.includes(targetType))) out.push(type);
  return out;
}

export function buildLinks(doc: ParsedDocument): LinkIndex {
  const builder = new Builder(doc);
  try {
    if (doc.language === 'terraform') builder.terraform();
    else builder.cloudformation();
  } catch {
    // Malformed input must not break analysis: keep the links found so far.
  }
  return builder.index();
}

interface Names {
  readonly byId: Map<string, Resource>;
  /** Terraform: block address (id without its instance key) → the resource with that id and its instances. */
  readonly byBlock: Map<string, Resource[]>;
  readonly byName: Map<string, Resource[]>;
}

class Builder {
  private readonly fromIndex = new Map<Resource, Link[]>();
  private readonly toIndex = new Map<Resource, Link[]>();
  private readonly seen = new Set<string>();
  private names: Names | undefined;

  constructor(private readonly doc: ParsedDocument) {}

  /** The resources by id, block address and literal name; made when a resource first refers to another (many documents never do). */
  private get lookup(): Names {
    if (this.names) return this.names;
    const doc = this.doc;
    const byId = new Map<string, Resource>();
    const byBlock = new Map<string, Resource[]>();
    const byName = new Map<string, Resource[]>();
    this.names = { byId, byBlock, byName };
    // A module instance's resources (`module.m.aws_x.y`) are referred to inside the module by their own address.
    const local = new Map<string, Resource>();
    for (const r of doc.resources) {
      if (r.template && r.template.id !== r.id && r.id.endsWith(`.${r.template.id}`) && !local.has(r.template.id)) local.set(r.template.id, r);
    }
    for (const r of doc.resources) {
      if (!byId.has(r.id)) byId.set(r.id, r);
      if (doc.language === 'terraform') push(byBlock, blockOf(r), r);
      const attr = NAME_ATTRIBUTE.get(r.type);
      const name = attr ? asScalar(get(r.properties, attr))?.value : undefined;
      if (typeof name === 'string' && name !== '') push(byName, `${r.type}\u0000${name}`, r);
    }
    for (const [id, r] of local) {
      if (byId.has(id)) continue;
      byId.set(id, r);
      if (doc.language === 'terraform') push(byBlock, id, r);
    }
    return this.names;
  }

  index(): LinkIndex {
    const { fromIndex, toIndex } = this;
    const filter = (links: readonly Link[] | undefined, relation?: string): readonly Link[] =>
      !links ? [] : relation === undefined ? links : links.filter((l) => l.relation === relation);
    return {
      to: (target, relation) => filter(toIndex.get(target), relation),
      from: (source, relation) => filter(fromIndex.get(source), relation),
    };
  }

  private add(from: Resource, to: Resource, relation: string): void {
    if (from === to) return;
    const key = `${from.id}\u0000${to.id}\u0000${relation}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const link: Link = { from, to, relation };
    push(this.fromIndex, from, link);
    push(this.toIndex, to, link);
  }

  private targets(ids: Iterable<string>, types: readonly string[]): Resource[] {
    const out: Resource[] = [];
    for (const id of ids) {
      const r = this.lookup.byId.get(id);
      if (r && types.includes(r.type)) out.push(r);
    }
    return out;
  }

  private byLiteralName(node: ValueNode | undefined, types: readonly string[]): Resource[] {
    const s = asScalar(node);
    if (!s || typeof s.value !== 'string') return [];
    return types.flatMap((t) => this.lookup.byName.get(`${t}\u0000${s.value}`) ?? []);
  }

  terraform(): void {
    const ebsTargets = this.doc.resources.filter((r) => r.mode === 'resource' && TF_EBS_TARGETS.has(r.type));
    for (const r of this.doc.resources) {
      if (r.mode !== 'resource') continue;
      const scan = tfScan(r);
      if (scan === NO_TF_SCAN) continue;
      for (const c of scan.configures) {
        for (const t of [...this.targets(this.tfRefs(c.value), c.targetTypes), ...this.byLiteralName(c.value, c.targetTypes)]) this.add(r, t, c.relation);
      }
      if (scan.rule) for (const t of this.targets(this.tfRefs(scan.rule.group), SG)) this.add(r, t, scan.rule.relation);
      if (r.type === 'aws_ebs_encryption_by_default') for (const t of ebsTargets) this.add(r, t, RELATION.ebsEncryptionByDefault);
      if (r.type === 'aws_ecr_registry_scanning_configuration') for (const t of this.doc.resources) if (t.mode === 'resource' && t.type === 'aws_ecr_repository') this.add(r, t, RELATION.registryScanning);
      if (r.type === 'aws_s3_account_public_access_block') for (const t of this.doc.resources) if (t.mode === 'resource' && t.type === 'aws_s3_bucket') this.add(r, t, RELATION.s3AccountPublicAccessBlock);
      if (r.type === 'aws_ec2_instance_metadata_defaults') for (const t of this.doc.resources) if (t.mode === 'resource' && TF_IMDS_TARGETS.has(t.type)) this.add(r, t, RELATION.instanceMetadataDefaults);
      for (const node of scan.securityGroups) for (const sg of this.targets(this.tfRefs(node), SG)) this.add(sg, r, RELATION.securityGroup);
    }
    this.sameInstanceFirst();
  }

  /**
   * Resource ids a Terraform value refers to (through locals too): for `aws_x.y.attr` / `data.aws_x.y.attr`, the block
   * `aws_x.y` (as always) and its instances `aws_x.y[...]` (plan documents); for a full address with an instance key
   * (`module.m.aws_x.y[0].attr`), that instance; without a key (`module.m.aws_x.y.attr`), the resource and its instances.
   */
  private tfRefs(node: ValueNode | undefined, out = new Set<string>(), visitedLocals = new Set<string>()): Set<string> {
    {
      for (const ref of exprRefs(node)) {
        const p = ref.split('.');
        if (p[0] === 'local' && p[1] !== undefined) {
          if (visitedLocals.has(p[1])) continue;
          visitedLocals.add(p[1]);
          this.tfRefs(this.doc.declarations.locals.get(p[1]), out, visitedLocals);
          continue;
        }
        if (p[0] === 'data' && p.length >= 3) out.add(p.slice(0, 3).join('.'));
        else if (p.length >= 2) out.add(`${p[0]}.${p[1]}`);
        const a = tfAddress(ref);
        if (!a) continue;
        if (a.key !== undefined) out.add(a.block + a.key);
        else for (const r of this.lookup.byBlock.get(a.block) ?? NONE) out.add(r.id);
      }
    }
    return out;
  }

  /**
   * A reference without an instance key links every instance it names (`aws_s3_bucket.b[count.index].id` is written
   * `aws_s3_bucket.b` in a plan's configuration): where a target then has several links of one relation, those from
   * a source with the target's own instance key (`pab[1]` for `b[1]`) come first, as rules read the first one.
   */
  private sameInstanceFirst(): void {
    for (const links of this.toIndex.values()) {
      if (links.length < 2) continue;
      const key = tfAddress(links[0].to.id)?.key;
      if (key === undefined) continue;
      const rank = (l: Link): number => (tfAddress(l.from.id)?.key === key ? 0 : 1);
      links.sort((a, b) => rank(a) - rank(b));
    }
  }

  cloudformation(): void {
    for (const r of this.doc.resources) {
      const scan = cfnScan(r);
      if (scan === NO_CFN_SCAN) continue;
      for (const c of scan.configures) {
        for (const t of [...this.targets(c.ids, c.targetTypes), ...this.byLiteralName(c.value, c.targetTypes)]) this.add(r, t, c.relation);
      }
      for (const ids of scan.securityGroups) for (const sg of this.targets(ids, CFN_SG)) this.add(sg, r, RELATION.securityGroup);
      if (r.type === 'AWS::ECR::RegistryScanningConfiguration') for (const t of this.doc.resources) if (t.type === 'AWS::ECR::Repository') this.add(r, t, RELATION.registryScanning);
      if (scan.serviceToken) for (const p of this.targets(scan.serviceToken, CFN_PROVIDERS)) this.add(p, r, RELATION.serviceToken);
    }
  }
}

/*
 * What a resource's own text says it refers to is a function of its type and nodes alone, kept per Resource object: an
 * incremental parser hands back the same object for a resource whose text did not change (parse/cfn-yaml.ts,
 * model/anchor.ts), so re-analysis after an edit scans the resources the edit touched, not all of them. Resolving the
 * names to resources (which depends on the whole document) is still done for every analysis, from these lists.
 */

interface CfnScan {
  readonly configures: readonly { readonly relation: Relation; readonly targetTypes: readonly string[]; readonly ids: ReadonlySet<string>; readonly value: ValueNode | undefined }[];
  /** The logical ids in each property through which the resource uses security groups. */
  readonly securityGroups: readonly ReadonlySet<string>[];
  /** A custom resource's `ServiceToken` references. */
  readonly serviceToken?: ReadonlySet<string>;
}

const NO_CFN_SCAN: CfnScan = { configures: [], securityGroups: [] };
const CFN_SCANS = new WeakMap<Resource, CfnScan>();
/** Resource types with something to scan (all others: NO_CFN_SCAN without reading their properties but for SG paths). */
function cfnScan(r: Resource): CfnScan {
  let scan = CFN_SCANS.get(r);
  if (scan) return scan;
  const configures: CfnScan['configures'][number][] = [];
  for (const c of CFN_CONFIGURERS.get(r.type) ?? NONE) {
    for (const path of c.paths) {
      const value = getPath(r.properties, path);
      configures.push({ relation: c.relation, targetTypes: c.targetTypes, ids: cfnRefs(value), value });
    }
  }
  const securityGroups: Set<string>[] = [];
  // Every resource reads these paths: an indexed loop (see getPath).
  for (let i = 0; i < CFN_SG_PATHS.length; i++) {
    const node = getPath(r.properties, CFN_SG_PATHS[i]);
    if (node) securityGroups.push(cfnRefs(node));
  }
  const token = r.type === 'AWS::CloudFormation::CustomResource' || r.type.startsWith('Custom::') ? getPath(r.properties, ['ServiceToken']) : undefined;
  const serviceToken = token ? cfnRefs(token) : undefined;
  scan =
    configures.length === 0 && securityGroups.length === 0 && serviceToken === undefined && r.type !== 'AWS::ECR::RegistryScanningConfiguration'
      ? NO_CFN_SCAN
      : { configures, securityGroups, ...(serviceToken ? { serviceToken } : {}) };
  CFN_SCANS.set(r, scan);
  return scan;
}

interface TfScan {
  readonly configures: readonly { readonly relation: Relation; readonly targetTypes: readonly string[]; readonly value: ValueNode | undefined }[];
  /** aws_security_group_rule: its group and relation. */
  readonly rule?: { readonly group: ValueNode | undefined; readonly relation: Relation };
  readonly securityGroups: readonly ValueNode[];
}

const NO_TF_SCAN: TfScan = { configures: [], securityGroups: [] };
const TF_SCANS = new WeakMap<Resource, TfScan>();
const TF_WHOLE_FILE = new Set(['aws_ebs_encryption_by_default', 'aws_ecr_registry_scanning_configuration', 'aws_s3_account_public_access_block', 'aws_ec2_instance_metadata_defaults']);
function tfScan(r: Resource): TfScan {
  let scan = TF_SCANS.get(r);
  if (scan) return scan;
  const configures = (TF_CONFIGURERS.get(r.type) ?? NONE).map((c) => ({ relation: c.relation, targetTypes: c.targetTypes, value: get(r.properties, c.attribute) }));
  let rule: TfScan['rule'];
  if (r.type === 'aws_security_group_rule') {
    const type = asScalar(get(r.properties, 'type'))?.value;
    rule = { group: get(r.properties, 'security_group_id'), relation: type === 'egress' ? RELATION.egress : RELATION.ingress };
  }
  const securityGroups: ValueNode[] = [];
  for (const path of TF_SG_PATHS) {
    const node = getPath(r.properties, path);
    if (node) securityGroups.push(node);
  }
  scan = configures.length === 0 && !rule && securityGroups.length === 0 && !TF_WHOLE_FILE.has(r.type) ? NO_TF_SCAN : { configures, ...(rule ? { rule } : {}), securityGroups };
  TF_SCANS.set(r, scan);
  return scan;
}

const BLOCKS = new WeakMap<Resource, string>();
/** A Terraform resource's block address (its id without an instance key), kept per Resource object. */
function blockOf(r: Resource): string {
  let b = BLOCKS.get(r);
  if (b === undefined) {
    const a = tfAddress(r.id);
    b = a && a.rest === '' ? a.block : r.id;
    BLOCKS.set(r, b);
  }
  return b;
}

const EXPR_REFS = new WeakMap<ValueNode, readonly string[]>();
/** The references of every Terraform expression in a value, in walk order, kept per node. */
export function exprRefs(node: ValueNode | undefined): readonly string[] {
  if (!node) return NONE;
  let refs = EXPR_REFS.get(node);
  if (refs) return refs;
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'expr') for (const ref of n.refs) out.push(ref);
  });
  refs = out.length === 0 ? NONE : out;
  EXPR_REFS.set(node, refs);
  return refs;
}

/** A Terraform value that is one reference and nothing else (`aws_kms_key.k.arn`, `"${aws_vpc.v.cidr_block}"`): that reference. */
export function soleReference(node: ValueNode): string | undefined {
  if (node.type !== 'expr' || node.refs.length !== 1) return undefined;
  const t = node.text.trim();
  const inner = t.startsWith('"${') && t.endsWith('}"') ? t.slice(3, -2).trim() : t;
  return inner === node.refs[0] ? inner : undefined;
}

/**
 * The references of a Terraform value and, for each `local.x` among them, those of that local's expression (each local
 * once), in walk order; at most `max` (hostile chains of locals stay small).
 */
export function refsThroughLocals(node: ValueNode | undefined, locals: ReadonlyMap<string, ValueNode>, max = 64): string[] {
  const refs = [...exprRefs(node)];
  const seen = new Set<string>();
  for (let i = 0; i < refs.length && refs.length < max; i++) {
    const p = refs[i].split('.');
    if (p[0] !== 'local' || !p[1] || seen.has(p[1])) continue;
    seen.add(p[1]);
    for (const r of exprRefs(locals.get(p[1]))) refs.push(r);
  }
  return refs.length > max ? refs.slice(0, max) : refs;
}

/**
 * The resource a value names by itself, as an id to look up: a CloudFormation `Ref` / `Fn::GetAtt` target's logical
 * id, a Terraform `type.name.attribute` reference's `type.name` (not a data source, variable, local or module output).
 */
export function soleResourceId(node: ValueNode): string | undefined {
  if (node.type === 'intrinsic') {
    if (node.fn === 'Ref' && node.arg.type === 'scalar' && typeof node.arg.value === 'string') return node.arg.value;
    return getAttTarget(node)?.id;
  }
  const p = soleReference(node)?.split('.') ?? [];
  return p.length >= 2 && p[0] !== 'data' && p[0] !== 'var' && p[0] !== 'local' && p[0] !== 'module' ? `${p[0]}.${p[1]}` : undefined;
}

/** A `Fn::GetAtt`'s logical id and attribute as written (`Key.Arn`, `[Key, Arn]`); undefined for another node or a computed part. */
export function getAttTarget(node: ValueNode): { readonly id: string; readonly attribute: string } | undefined {
  if (node.type !== 'intrinsic' || node.fn !== 'Fn::GetAtt') return undefined;
  const a = node.arg;
  if (a.type === 'scalar' && typeof a.value === 'string') {
    const dot = a.value.indexOf('.');
    return dot > 0 ? { id: a.value.slice(0, dot), attribute: a.value.slice(dot + 1) } : undefined;
  }
  if (a.type !== 'list' || a.items.length !== 2) return undefined;
  const [id, attribute] = a.items;
  return id.type === 'scalar' && typeof id.value === 'string' && attribute.type === 'scalar' && typeof attribute.value === 'string' ? { id: id.value, attribute: attribute.value } : undefined;
}

/** Logical ids a CloudFormation value refers to: Ref X, GetAtt X.Attr, Sub ${X} / ${X.Attr} (both branches of Fn::If). */
export function cfnRefs(node: ValueNode | undefined): Set<string> {
  const out = new Set<string>();
  walk(node, (n) => {
    if (n.type !== 'intrinsic') return;
    const s = asScalar(n.arg);
    if (n.fn === 'Ref' && s && typeof s.value === 'string') out.add(s.value);
    else if (n.fn === 'Fn::GetAtt') {
      if (s && typeof s.value === 'string') out.add(s.value.split('.')[0]);
      else if (n.arg.type === 'list') {
        const first = asScalar(n.arg.items[0]);
        if (first && typeof first.value === 'string') out.add(first.value);
      }
    } else if (n.fn === 'Fn::Sub') {
      const t = asScalar(n.arg.type === 'list' ? n.arg.items[0] : n.arg);
      const vars = n.arg.type === 'list' ? asMap(n.arg.items[1]) : undefined;
      if (t && typeof t.value === 'string') {
        for (const m of t.value.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = m[1].trim();
          if (!get(vars, name)) out.add(name.split('.')[0]);
        }
      }
    }
  });
  return out;
}

/** One step of a Terraform address or reference: a name (`module`, `aws_x`, `id`) or an index as written (`[0]`, `["k"]`). */
export interface TfStep {
  readonly index: boolean;
  readonly text: string;
  /** Offsets of `text` in the traversal's text. */
  readonly start: number;
  readonly end: number;
}

/** More steps than this make a text no Terraform traversal (hostile input stays linear and small). */
const MAX_TF_STEPS = 1024;

/**
 * The steps of a traversal as Terraform writes addresses and references: `name(.name | [index])*`, an index being a
 * quoted string (escapes included) or anything up to `]`. Undefined for any other text.
 */
export function tfTraversal(text: string): TfStep[] | undefined {
  const steps: TfStep[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (steps.length >= MAX_TF_STEPS) return undefined;
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */) {
      if (steps.length === 0) return undefined;
      let j = i + 1;
      if (text.charCodeAt(j) === 34 /* " */) {
        j = quotedEnd(text, j);
        if (j < 0) return undefined;
      } else {
        while (j < n && text.charCodeAt(j) !== 93 && text.charCodeAt(j) !== 91 && text.charCodeAt(j) !== 34) j++;
        if (j === i + 1) return undefined;
      }
      if (text.charCodeAt(j) !== 93 /* ] */) return undefined;
      steps.push({ index: true, text: text.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (steps.length > 0) {
      if (c !== 46 /* . */) return undefined;
      i++;
    }
    const s = i;
    while (i < n && !NOT_IN_NAME.has(text.charCodeAt(i))) i++;
    if (i === s) return undefined;
    steps.push({ index: false, text: text.slice(s, i), start: s, end: i });
  }
  return steps.length > 0 ? steps : undefined;
}

/** `.`, `[`, `]`, `"` and blanks end a name. */
const NOT_IN_NAME: ReadonlySet<number> = new Set([46, 91, 93, 34, 32, 9, 10, 13]);

/** Index after the closing quote of the string starting at `start` (a `"`), or -1. */
function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/** Roots of Terraform references that are no resource. */
const TF_NOT_RESOURCES: ReadonlySet<string> = new Set(['var', 'local', 'count', 'each', 'self', 'path', 'terraform', 'module']);

/** A resource address, or a reference to a resource's attribute, split (see `tfAddress`). */
export interface TfAddress {
  /** The module instance path (`module.a["x"].module.b`), '' in the root module. */
  readonly module: string;
  /** The resource's address without instance key: `aws_x.y`, `data.aws_x.y`, `module.m["k"].aws_x.y`. */
  readonly block: string;
  /** The instance key as written (`[0]`, `["k"]`), when there is one. */
  readonly key?: string;
  /** What follows the address (`.id`, `.tags["Name"]`), '' when nothing does. */
  readonly rest: string;
}

/**
 * `module.m["k"].aws_x.y[0].id` → module `module.m["k"]`, block `module.m["k"].aws_x.y`, key `[0]`, rest `.id`.
 * Undefined when the text does not start with a resource address (`var.x`, `local.y`, `module.m.output`...).
 * Resource ids of `.tf` documents (`aws_x.y`, `data.aws_x.y`) are addresses without module and key.
 */
export function tfAddress(text: string): TfAddress | undefined {
  const steps = tfTraversal(text);
  if (!steps) return undefined;
  let i = 0;
  let moduleEnd = 0;
  while (i + 1 < steps.length && !steps[i].index && steps[i].text === 'module' && !steps[i + 1].index) {
    i += 2;
    if (steps[i]?.index) i++;
    moduleEnd = steps[i - 1].end;
  }
  if (i === 0 && TF_NOT_RESOURCES.has(steps[0].text)) return undefined;
  if (steps[i] && !steps[i].index && steps[i].text === 'data') i++;
  const type = steps[i];
  const name = steps[i + 1];
  if (!type || !name || type.index || name.index) return undefined;
  const key = steps[i + 2]?.index ? steps[i + 2] : undefined;
  const end = key ? key.end : name.end;
  return { module: text.slice(0, moduleEnd), block: text.slice(0, name.end), ...(key ? { key: key.text } : {}), rest: text.slice(end) };
}

/** Pre-order walk of a value tree (explicit stack: hostile nesting cannot overflow). */
export function walk(node: ValueNode | undefined, visit: (n: ValueNode) => void): void {
  const stack: ValueNode[] = node ? [node] : [];
  while (stack.length > 0) {
    const n = stack.pop() as ValueNode;
    visit(n);
    if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
    else if (n.type === 'list') for (const i of n.items) stack.push(i);
    else if (n.type === 'intrinsic') stack.push(n.arg);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

keepShape(new Builder(emptyDocument('cloudformation', false)));
