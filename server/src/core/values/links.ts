/**
 * Which resources configure which: a separate resource that meets a duty (a public access block, an ingress
 * rule, a bucket policy...) is linked to the resource it protects. One pass over the resources, a Map by id.
 */
import { asMap, asScalar, get, getPath } from '../model/nodes';
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import type { Link, LinkIndex } from './links-api';

/** Relation names (Link.relation). */
export const RELATION = {
  publicAccessBlock: 'public-access-block',
  sseConfiguration: 'sse-configuration',
  versioning: 'versioning',
  acl: 'acl',
  ownershipControls: 'ownership-controls',
  bucketPolicy: 'bucket-policy',
  logging: 'logging',
  /** Inbound rule (aws_security_group_rule type "ingress" — or a type the file does not decide —, aws_vpc_security_group_ingress_rule, AWS::EC2::SecurityGroupIngress). */
  ingress: 'ingress',
  egress: 'egress',
  /** From the attachment to both the volume and the instance. */
  volumeAttachment: 'volume-attachment',
  /** aws_ebs_encryption_by_default (account and region wide) → every EBS volume, instance and launch template in the file. */
  ebsEncryptionByDefault: 'ebs-encryption-by-default',
  lambdaPermission: 'lambda-permission',
  queuePolicy: 'queue-policy',
  topicPolicy: 'topic-policy',
  keyPolicy: 'key-policy',
  /** From a security group to a resource that uses it (instance, DB, launch template, Lambda in a VPC...). */
  securityGroup: 'security-group',
} as const;

export type Relation = (typeof RELATION)[keyof typeof RELATION];
export const RELATIONS: readonly Relation[] = Object.values(RELATION);

interface TfConfigurer {
  readonly attribute: string;
  readonly targetTypes: readonly string[];
  readonly relation: Relation;
}

const S3 = ['aws_s3_bucket', 'aws_s3_directory_bucket'];
const SG = ['aws_security_group'];

/** Terraform resource type → the attribute naming the resource it configures. */
const TF_CONFIGURERS: ReadonlyMap<string, readonly TfConfigurer[]> = new Map<string, TfConfigurer[]>([
  ['aws_s3_bucket_public_access_block', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.publicAccessBlock }]],
  ['aws_s3_bucket_server_side_encryption_configuration', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.sseConfiguration }]],
  ['aws_s3_bucket_versioning', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.versioning }]],
  ['aws_s3_bucket_acl', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.acl }]],
  ['aws_s3_bucket_ownership_controls', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.ownershipControls }]],
  ['aws_s3_bucket_policy', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.bucketPolicy }]],
  ['aws_s3_bucket_logging', [{ attribute: 'bucket', targetTypes: S3, relation: RELATION.logging }]],
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
]);

const TF_EBS_TARGETS = new Set(['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration']);
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
  [
    'AWS::Lambda::Permission',
    [{ paths: [['FunctionName']], targetTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'], relation: RELATION.lambdaPermission }],
  ],
]);

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
]);

const NONE: readonly never[] = Object.freeze([]);

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

class Builder {
  private readonly byId = new Map<string, Resource>();
  private readonly byName = new Map<string, Resource[]>();
  private readonly fromIndex = new Map<Resource, Link[]>();
  private readonly toIndex = new Map<Resource, Link[]>();
  private readonly seen = new Set<string>();

  constructor(private readonly doc: ParsedDocument) {
    for (const r of doc.resources) {
      if (!this.byId.has(r.id)) this.byId.set(r.id, r);
      const attr = NAME_ATTRIBUTE.get(r.type);
      const name = attr ? asScalar(get(r.properties, attr))?.value : undefined;
      if (typeof name === 'string' && name !== '') {
        const key = `${r.type}\u0000${name}`;
        const list = this.byName.get(key) ?? [];
        list.push(r);
        this.byName.set(key, list);
      }
    }
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
      const r = this.byId.get(id);
      if (r && types.includes(r.type)) out.push(r);
    }
    return out;
  }

  private byLiteralName(node: ValueNode | undefined, types: readonly string[]): Resource[] {
    const s = asScalar(node);
    if (!s || typeof s.value !== 'string') return [];
    return types.flatMap((t) => this.byName.get(`${t}\u0000${s.value}`) ?? []);
  }

  terraform(): void {
    const ebsTargets = this.doc.resources.filter((r) => r.mode === 'resource' && TF_EBS_TARGETS.has(r.type));
    for (const r of this.doc.resources) {
      if (r.mode !== 'resource') continue;
      for (const c of TF_CONFIGURERS.get(r.type) ?? NONE) {
        const value = get(r.properties, c.attribute);
        for (const t of [...this.targets(this.tfRefs(value), c.targetTypes), ...this.byLiteralName(value, c.targetTypes)]) this.add(r, t, c.relation);
      }
      if (r.type === 'aws_security_group_rule') {
        const type = asScalar(get(r.properties, 'type'))?.value;
        const relation = type === 'egress' ? RELATION.egress : RELATION.ingress;
        for (const t of this.targets(this.tfRefs(get(r.properties, 'security_group_id')), SG)) this.add(r, t, relation);
      }
      if (r.type === 'aws_ebs_encryption_by_default') for (const t of ebsTargets) this.add(r, t, RELATION.ebsEncryptionByDefault);
      for (const path of TF_SG_PATHS) {
        const node = getPath(r.properties, path);
        if (node) for (const sg of this.targets(this.tfRefs(node), SG)) this.add(sg, r, RELATION.securityGroup);
      }
    }
  }

  /** Resource addresses a Terraform value refers to (through locals too). */
  private tfRefs(node: ValueNode | undefined, out = new Set<string>(), visitedLocals = new Set<string>()): Set<string> {
    walk(node, (n) => {
      if (n.type !== 'expr') return;
      for (const ref of n.refs) {
        const p = ref.split('.');
        if (p[0] === 'local' && p[1] !== undefined) {
          if (visitedLocals.has(p[1])) continue;
          visitedLocals.add(p[1]);
          this.tfRefs(this.doc.declarations.locals.get(p[1]), out, visitedLocals);
        } else if (p[0] === 'data' && p.length >= 3) out.add(p.slice(0, 3).join('.'));
        else if (p.length >= 2) out.add(`${p[0]}.${p[1]}`);
      }
    });
    return out;
  }

  cloudformation(): void {
    for (const r of this.doc.resources) {
      for (const c of CFN_CONFIGURERS.get(r.type) ?? NONE) {
        for (const path of c.paths) {
          const value = getPath(r.properties, path);
          for (const t of [...this.targets(cfnRefs(value), c.targetTypes), ...this.byLiteralName(value, c.targetTypes)]) this.add(r, t, c.relation);
        }
      }
      for (const path of CFN_SG_PATHS) {
        const node = getPath(r.properties, path);
        if (node) for (const sg of this.targets(cfnRefs(node), CFN_SG)) this.add(sg, r, RELATION.securityGroup);
      }
    }
  }
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

/** Pre-order walk of a value tree (explicit stack: hostile nesting cannot overflow). */
function walk(node: ValueNode | undefined, visit: (n: ValueNode) => void): void {
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
