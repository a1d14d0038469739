/**
 * Logging and audit: CloudTrail trails (multi-Region, log file validation, KMS encryption, logging on), S3 server
 * access logging, VPC flow logs, load balancer access logs, API Gateway stage access and execution logs, EKS
 * control-plane logs, RDS / Aurora log exports, CloudFront standard logs, OpenSearch audit logs, WAF and Network
 * Firewall logging, Step Functions execution logs. Logging is hardening, not exposure: Information, except a trail whose logging is stopped (Warning).
 */
import { asMap, entry, get, items } from '../model/nodes';
import { blockId, modulePrefix, resourceByBlock, resourcesOfType, resourcesOfTypes } from '../model/resource-index';
import { noteRead, propertyRead } from '../model/reads';
import type { MapNode, ParsedDocument, Resource, Span, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { cfnRefs, RELATION } from '../values/links';
import { asBool, asText, decidedBranch, fixSpec, gapOutcome, isCfn, isTrue, leaf, leaves, mapsAt, nonEmpty, resolveMaps, settingRule, setText } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import type { Link } from '../values/links-api';
import { configuredOutside, createdLink, separateConfig, unlinkedConfigurers } from './created-link';
import { groupParameter } from './parameter-groups';


// ---- CloudTrail ----

const TRAIL = { cfn: 'AWS::CloudTrail::Trail', tf: 'aws_cloudtrail' };

export const cloudtrailMultiRegion = settingRule({
  id: 'cloudtrail-multi-region',
  duty: 'identity-and-access-management',
  title: 'CloudTrail trails record every Region',
  docUrl: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-regional-and-multi-region-trails',
  defaultSeverity: 'information',
  paths: { [TRAIL.cfn]: [['IsMultiRegionTrail']], [TRAIL.tf]: [['is_multi_region_trail']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'records only the Region it is created in (multi-Region is off by default)' },
  what: 'trail',
  problem: 'records only the Region it is created in',
});

export const cloudtrailLogFileValidation = settingRule({
  id: 'cloudtrail-log-file-validation',
  duty: 'identity-and-access-management',
  title: 'CloudTrail trails validate their log files',
  docUrl: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  defaultSeverity: 'information',
  paths: { [TRAIL.cfn]: [['EnableLogFileValidation']], [TRAIL.tf]: [['enable_log_file_validation']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'information', problem: 'does not validate its log files (log file integrity validation is off by default)' },
  what: 'trail',
  problem: 'has log file integrity validation turned off',
});

export const cloudtrailEncryption = settingRule({
  id: 'cloudtrail-kms-encryption',
  duty: 'server-side-encryption',
  title: 'CloudTrail trails encrypt their log files with a KMS key',
  docUrl: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  defaultSeverity: 'information',
  paths: { [TRAIL.cfn]: [['KMSKeyId']], [TRAIL.tf]: [['kms_key_id']] },
  ok: nonEmpty,
  fixText: { cloudformation: 'set `KMSKeyId` to a KMS key the trail may use', terraform: 'set `kms_key_id` to a KMS key the trail may use' },
  absent: { gap: 'information', problem: 'encrypts its log files only with SSE-S3 (no KMS key)' },
  what: 'trail',
  problem: 'has an empty KMS key id',
});

export const cloudtrailLogging = settingRule({
  id: 'cloudtrail-logging-enabled',
  duty: 'identity-and-access-management',
  title: 'CloudTrail trails are logging',
  docUrl: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html',
  defaultSeverity: 'warning',
  paths: { [TRAIL.cfn]: [['IsLogging']], [TRAIL.tf]: [['enable_logging']] },
  ok: isTrue,
  fixValue: true,
  // Terraform starts logging by default; CloudFormation requires IsLogging (a template without it does not deploy).
  absent: 'met',
  what: 'trail',
  problem: 'has logging stopped: no API activity is recorded',
});


// ---- S3 server access logging ----

const S3_TYPES = { cfn: 'AWS::S3::Bucket', tf: 'aws_s3_bucket' };

/** A bucket written as a log destination (other buckets' access logs go there, or its ACL is log-delivery-write). */
function isLogDestination(resource: Resource, ctx: RuleContext): boolean {
  const cfn = isCfn(resource);
  const acl = leaf(ctx, resource.properties, [cfn ? 'AccessControl' : 'acl']);
  if (acl.kind === 'found' && /^log-?delivery-?write$/i.test(asText(acl.value) ?? '')) return true;
  for (const l of ctx.links.to(resource, RELATION.acl)) {
    const a = leaf(ctx, l.from.properties, ['acl']);
    if (a.kind === 'found' && /^log-delivery-write$/i.test(asText(a.value) ?? '')) return true;
    if (mentionsLogDelivery(ctx, l.from, l.from.properties)) return true;
  }
  // A bucket policy that lets the S3 logging service write (what AWS asks of a destination bucket).
  for (const l of ctx.links.to(resource, RELATION.bucketPolicy)) if (mentionsLogDelivery(ctx, l.from, l.from.properties)) return true;
  const targets = logTargets(ctx);
  if (targets.ids.has(blockId(resource.id))) return true;
  if (resource.template && targets.ids.has(modulePrefix(resource) + blockId(resource.template.id))) return true;
  if (targets.names.size === 0) return false;
  // The bucket's own name is evaluated only when some bucket names its log destination by a value (a name can be costly).
  const name = leaf(ctx, resource.properties, [cfn ? 'BucketName' : 'bucket']);
  const own = name.kind === 'found' ? asText(name.value) : undefined;
  return own !== undefined && targets.names.has(own);
  return false;
}

/** Where the buckets of a document send their access logs: referenced resources (ids) and decided names. */
interface LogTargets {
  readonly ids: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

const LOG_TARGETS = new WeakMap<object, Map<ParsedDocument, LogTargets>>();
const LOG_TARGET_READS = [propertyRead('AWS::S3::Bucket', ['LoggingConfiguration']), propertyRead('aws_s3_bucket', ['logging']), propertyRead('aws_s3_bucket_logging', ['target_bucket'])];

/** Once per document and evaluator: every bucket's log destination (CloudFormation `DestinationBucketName`, Terraform `target_bucket`). */
function logTargets(ctx: RuleContext): LogTargets {
  // What the answer depends on, noted on every call (a cached answer is still a read of these: model/reads.ts).
  for (const r of LOG_TARGET_READS) noteRead(r);
  let byDoc = LOG_TARGETS.get(ctx.values);
  if (!byDoc) LOG_TARGETS.set(ctx.values, (byDoc = new Map()));
  const cached = byDoc.get(ctx.doc);
  if (cached) return cached;
  const ids = new Set<string>();
  const names = new Set<string>();
  const add = (owner: Resource, node: ValueNode | undefined): void => {
    if (!node) return;
    for (const id of referencedIds(owner, node, (type) => !NOT_RESOURCES.includes(type))) ids.add(id);
    const ev = ctx.values.evaluate(node);
    if (ev.known && typeof ev.value === 'string') names.add(ev.value);
  };
  for (const other of ctx.doc.resources) {
    if (other.type === S3_TYPES.cfn) add(other, get(asMap(get(other.properties, 'LoggingConfiguration')), 'DestinationBucketName'));
    else if (other.type === S3_TYPES.tf) for (const b of items(get(other.properties, 'logging'))) add(other, get(asMap(b), 'target_bucket'));
    else if (other.type === 'aws_s3_bucket_logging') add(other, get(other.properties, 'target_bucket'));
  }
  const out: LogTargets = { ids, names };
  byDoc.set(ctx.doc, out);
  return out;
}

/** The S3 server access log delivery principal and grantee (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html). */
const LOG_DELIVERY = /logging\.s3\.amazonaws\.com|acs\.amazonaws\.com\/groups\/s3\/LogDelivery/;

/**
 * Whether a value (a bucket policy or ACL) names the S3 log delivery service, in its own text or in the Terraform data
 * sources and locals it refers to (`data.aws_iam_policy_document.x.json`, followed a few levels deep).
 */
function mentionsLogDelivery(ctx: RuleContext, owner: Resource, node: ValueNode | undefined): boolean {
  const prefix = modulePrefix(owner);
  const seen = new Set<string>();
  const stack: { n: ValueNode; depth: number }[] = node ? [{ n: node, depth: 0 }] : [];
  let steps = 0;
  while (stack.length > 0 && steps++ < 20000) {
    const { n, depth } = stack.pop() as { n: ValueNode; depth: number };
    if (n.type === 'scalar') {
      if (typeof n.value === 'string' && LOG_DELIVERY.test(n.value)) return true;
    } else if (n.type === 'expr') {
      if (LOG_DELIVERY.test(n.text)) return true;
      if (depth >= 4) continue;
      for (const ref of n.refs) {
        const p = ref.split('.');
        let key: string | undefined;
        let target: ValueNode | undefined;
        if (p[0] === 'data' && p.length >= 3) key = prefix + p.slice(0, 3).join('.');
        else if (p[0] === 'local' && p[1] && !prefix) target = ctx.doc.declarations.locals.get(p[1]);
        if (key && !seen.has(key)) {
          seen.add(key);
          target = resourceByBlock(ctx.doc, key)?.properties;
        }
        if (target) stack.push({ n: target, depth: depth + 1 });
      }
    } else if (n.type === 'intrinsic') stack.push({ n: n.arg, depth });
    else if (n.type === 'map') for (const e of n.entries) stack.push({ n: e.value, depth });
    else for (const i of n.items) stack.push({ n: i, depth });
  }
  return false;
}



export const s3AccessLogging: Rule = {
  id: 's3-access-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'S3 buckets have server access logging',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
  defaultSeverity: 'information',
  cloudformationTypes: [S3_TYPES.cfn],
  terraformTypes: [S3_TYPES.tf],
  properties: { cloudformation: [['LoggingConfiguration', 'DestinationBucketName']], terraform: [['logging', 'target_bucket']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (cfn) {
      const e = entry(resource.properties, 'LoggingConfiguration');
      if (e) {
        const r = ctx.values.resolve(e.value);
        if (!r.known) return unknown(r.dependsOn);
        // An empty LoggingConfiguration logs to the bucket itself (CloudFormation's documented default).
        if (r.node.type === 'map') return met('LoggingConfiguration');
        const ev = ctx.values.evaluate(r.node);
        if (!ev.known) return unknown(ev.dependsOn);
        if (ev.value !== null) return unknown(['LoggingConfiguration has a value the rule does not recognize']);
      }
    } else {
      const blocks = leaves(ctx, resource.properties, ['logging', 'target_bucket']);
      const found = blocks.find((l) => l.kind === 'found' && nonEmpty(l.value) === true);
      if (found) return met('logging.target_bucket');
      const unk = blocks.filter((l): l is Extract<typeof l, { kind: 'unknown' }> => l.kind === 'unknown');
      if (unk.length > 0) return unknown(unk.flatMap((l) => l.dependsOn));
      const link = createdLink(ctx, ctx.links.to(resource, RELATION.logging));
      if (link && 'link' in link) return met(`linked ${link.link.from.id}`);
      if (link) return unknown(link.dependsOn);
      // An aws_s3_bucket_logging whose bucket the file does not decide may be this bucket's.
      const undecided = undecidedLoggingConfigs(resource, ctx);
      if (undecided.length > 0) return unknown(undecided);
      const outside = configuredOutside(ctx, resource, RELATION.logging);
      if (outside) return unknown(outside);
    }
    if (isLogDestination(resource, ctx)) return notApplicable;
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'bucket',
      problem: 'has no server access logging (off by default)',
      fix: cfn ? 'add `LoggingConfiguration` with a `DestinationBucketName` for the logs' : 'add an `aws_s3_bucket_logging` with a `target_bucket` for the logs',
    });
  },
};

/** The aws_s3_bucket_logging resources that link to no bucket and may configure this one (their `bucket` is not decided here). */
function undecidedLoggingConfigs(resource: Resource, ctx: RuleContext): string[] {
  const out: string[] = [];
  let own: ReturnType<typeof leaf> | undefined;
  for (const { r, ev } of unlinkedConfigurers(ctx, 'aws_s3_bucket_logging', RELATION.logging, 'bucket')) {
    if (out.length >= 20) break;
    if (ev.known) {
      // A decided name: this bucket's only if its own name is that one or is not decided.
      const name = asText(ev.value);
      const myName = (own ??= leaf(ctx, resource.properties, ['bucket']));
      if (myName.kind === 'found' && asText(myName.value) === name) out.push(`${r.id} (bucket = "${name ?? ''}")`);
      else if (myName.kind === 'unknown') out.push(`${r.id} and this bucket's name (${myName.dependsOn.join(', ')})`);
      continue;
    }
    out.push(`${r.id}: bucket ${ev.dependsOn.join(', ')}`);
  }
  return out;
}

// ---- VPC flow logs ----

export const vpcFlowLogs: Rule = {
  id: 'vpc-flow-logs',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'VPCs have flow logs',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::EC2::VPC'],
  terraformTypes: ['aws_vpc'],
  check(resource, ctx) {
    const link = createdLink(ctx, ctx.links.to(resource, RELATION.flowLog));
    if (link && 'link' in link) return met(`linked ${link.link.from.id}`);
    if (link) return unknown(link.dependsOn);
    // A flow log whose target the file does not decide (a variable, a module output, a data source) may be this VPC's.
    const undecided: string[] = [];
    const cfn = isCfn(resource);
    const attribute = cfn ? 'ResourceId' : 'vpc_id';
    for (const { r, ev } of unlinkedConfigurers(ctx, cfn ? 'AWS::EC2::FlowLog' : 'aws_flow_log', RELATION.flowLog, attribute)) {
      const t = cfn ? leaf(ctx, r.properties, ['ResourceType']) : undefined;
      if (t?.kind === 'found' && asText(t.value) !== 'VPC') continue;
      if (!ev.known) undecided.push(`${r.id}: ${attribute} ${ev.dependsOn.join(', ')}`);
      else if (t?.kind === 'unknown') undecided.push(`${r.id}: ResourceType ${t.dependsOn.join(', ')}`);
      if (undecided.length >= 20) break;
    }
    if (undecided.length > 0) return unknown(undecided);
    const outside = configuredOutside(ctx, resource, RELATION.flowLog);
    if (outside) return unknown(outside);
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'VPC',
      problem: 'has no flow log in this file',
      fix: cfn ? 'add an `AWS::EC2::FlowLog` with `ResourceType: VPC` and `ResourceId` referring to it' : 'add an `aws_flow_log` with `vpc_id` referring to it',
    });
  },
};

// ---- Load balancer access logs ----

/** The value of a CloudFormation ELBv2 attribute (`LoadBalancerAttributes: [{Key, Value}]`). */
export function elbv2Attribute(ctx: RuleContext, props: MapNode | undefined, key: string): { node?: ValueNode; value?: PlainValue; dependsOn?: readonly string[] } {
  const e = get(props, 'LoadBalancerAttributes');
  if (!e) return {};
  const r = resolveMaps(ctx, e);
  const deps: string[] = [...(r.dependsOn ?? [])];
  let found: { node: ValueNode; value: PlainValue } | undefined;
  for (const m of r.maps) {
    const k = ctx.values.evaluate(get(m, 'Key'));
    if (!k.known) {
      deps.push(...k.dependsOn);
      continue;
    }
    if (k.value !== key) continue;
    const vn = get(m, 'Value');
    const v = ctx.values.evaluate(vn);
    if (!v.known) return { dependsOn: v.dependsOn };
    if (vn) found = { node: vn, value: v.value };
  }
  if (found) return found;
  return deps.length > 0 ? { dependsOn: deps } : {};
}

export const elbAccessLogs: Rule = {
  id: 'elb-access-logs',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Application and Classic Load Balancers write access logs',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  terraformTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
  properties: { cloudformation: [['LoadBalancerAttributes'], ['AccessLoggingPolicy', 'Enabled']], terraform: [['access_logs', 'enabled']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const classic = resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer' || resource.type === 'aws_elb';
    if (!classic) {
      // Network Load Balancers log only TLS connections and Gateway Load Balancers not at all: Application only.
      const t = leaf(ctx, resource.properties, [cfn ? 'Type' : 'load_balancer_type']);
      if (t.kind === 'unknown') return unknown(t.dependsOn);
      if (t.kind === 'found' && asText(t.value) !== 'application') return notApplicable;
    }
    const what = classic ? 'Classic Load Balancer' : 'load balancer';
    const problem = 'writes no access logs (off by default)';
    if (cfn && !classic) {
      const a = elbv2Attribute(ctx, resource.properties, 'access_logs.s3.enabled');
      if (a.dependsOn) return unknown(a.dependsOn);
      if (a.value !== undefined && a.value !== null) {
        const on = asBool(a.value);
        if (on === true) return met('access_logs.s3.enabled: true');
        if (on === undefined) return unknown(['access_logs.s3.enabled has a value the rule does not recognize']);
        return gapOutcome(ctx, resource, this.duty, a.node?.span ?? resource.typeSpan, { what, problem: 'has access logs turned off', fix: 'set the `access_logs.s3.enabled` attribute to `true` with an `access_logs.s3.bucket`' });
      }
      return gapOutcome(ctx, resource, this.duty, resource.typeSpan, { what, problem, fix: 'add the `LoadBalancerAttributes` `access_logs.s3.enabled: true` and `access_logs.s3.bucket`' });
    }
    const path = cfn ? ['AccessLoggingPolicy', 'Enabled'] : ['access_logs', 'enabled'];
    const outcomes: RuleOutcome[] = [];
    for (const l of leaves(ctx, resource.properties, path)) {
      if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
      else if (l.kind === 'found') {
        const on = asBool(l.value);
        if (on === true) outcomes.push(met(`${path.join('.')}: true`));
        else if (on === undefined) outcomes.push(unknown([`${path.join('.')} has a value the rule does not recognize`]));
        else outcomes.push(gapOutcome(ctx, resource, this.duty, l.node.span, { what, problem: 'has access logs turned off', fix: cfn ? 'set `AccessLoggingPolicy.Enabled: true`' : 'set `access_logs.enabled = true`' }, { fix: { title: `Set ${path.join('.')} to true`, path, value: true } }));
      } else if (l.parent && l.parent !== resource.properties) {
        // The block is there without `enabled`: Terraform's aws_elb defaults it to true, aws_lb to false.
        outcomes.push(
          resource.type === 'aws_elb'
            ? met('access_logs block (enabled defaults to true)')
            : gapOutcome(
                ctx,
                resource,
                this.duty,
                resource.typeSpan,
                cfn
                  ? { what, problem: 'has an `AccessLoggingPolicy` without `Enabled`', fix: 'set `AccessLoggingPolicy.Enabled: true`' }
                  : { what, problem: 'has an access_logs block that is not enabled (enabled defaults to false)', fix: 'set `access_logs.enabled = true`' },
                { fix: { title: `Set ${path.join('.')} to true`, path, value: true } },
              ),
        );
      } else {
        outcomes.push(gapOutcome(ctx, resource, this.duty, resource.typeSpan, { what, problem, fix: cfn ? 'add `AccessLoggingPolicy` with `Enabled: true` and an `S3BucketName`' : 'add an `access_logs` block with a `bucket` and `enabled = true`' }));
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

// ---- API Gateway stage access logging ----

export const apiGatewayAccessLogging = settingRule({
  id: 'api-gateway-access-logging',
  duty: 'identity-and-access-management',
  title: 'API Gateway stages write access logs',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  defaultSeverity: 'information',
  paths: {
    'AWS::ApiGateway::Stage': [['AccessLogSetting', 'DestinationArn']],
    'AWS::ApiGatewayV2::Stage': [['AccessLogSettings', 'DestinationArn']],
    // SAM APIs create their stage with these settings (Globals merged in).
    'AWS::Serverless::Api': [['AccessLogSetting', 'DestinationArn']],
    'AWS::Serverless::HttpApi': [['AccessLogSettings', 'DestinationArn']],
    aws_api_gateway_stage: [['access_log_settings', 'destination_arn']],
    aws_apigatewayv2_stage: [['access_log_settings', 'destination_arn']],
  },
  ok: nonEmpty,
  fixText: {
    cloudformation: 'add an access log setting with a `DestinationArn` (a CloudWatch Logs log group or Firehose stream) and a `Format`',
    terraform: 'add `access_log_settings` with a `destination_arn` (a CloudWatch Logs log group or Firehose stream) and a `format`',
  },
  absent: { gap: 'information', problem: 'writes no access logs (off by default)' },
  what: 'stage',
  problem: 'has an empty access log destination',
});

// ---- EKS control-plane logging ----

const EKS_CLUSTER_CFN = 'AWS::EKS::Cluster';

export const eksControlPlaneLogging: Rule = {
  id: 'eks-control-plane-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'EKS clusters send their audit logs to CloudWatch Logs',
  docUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
  defaultSeverity: 'information',
  cloudformationTypes: [EKS_CLUSTER_CFN],
  terraformTypes: ['aws_eks_cluster'],
  properties: { cloudformation: [['Logging', 'ClusterLogging', 'EnabledTypes']], terraform: [['enabled_cluster_log_types']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const path = cfn ? ['Logging', 'ClusterLogging', 'EnabledTypes'] : ['enabled_cluster_log_types'];
    const l = leaf(ctx, resource.properties, path);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const types: string[] = [];
    if (l.kind === 'found') {
      if (!Array.isArray(l.value)) return unknown([`${path.join('.')} has a value the rule does not recognize`]);
      for (const v of l.value as readonly PlainValue[]) {
        const t = cfn && v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { readonly [k: string]: PlainValue }).Type : v;
        const s = asText(t ?? null);
        if (s !== undefined) types.push(s);
      }
      if (types.includes('audit')) return met(`${path.join('.')} includes audit`);
    }
    const span = l.kind === 'found' ? l.node.span : resource.typeSpan;
    return gapOutcome(ctx, resource, this.duty, span, {
      what: 'cluster',
      problem: types.length > 0 ? `does not send its audit log to CloudWatch Logs (enabled: ${types.join(', ')})` : 'sends no control-plane logs to CloudWatch Logs (off by default)',
      fix: cfn ? 'add `{Type: audit}` (and `authenticator`, `api`) to `Logging.ClusterLogging.EnabledTypes`' : 'add `"audit"` (and `"authenticator"`, `"api"`) to `enabled_cluster_log_types`',
    });
  },
};

// ---- shared: a duty met by a separate configuring resource ----

/** Terraform reference roots that are not resources. */
const NOT_RESOURCES = ['var', 'local', 'module', 'data', 'each', 'count', 'self', 'path', 'terraform'];

/**
 * The ids of the resources a value refers to: CloudFormation `Ref` / `GetAtt` / `Sub` targets, or Terraform
 * `type.name…` references of the accepted types, as block addresses in the owner's module.
 */
function referencedIds(owner: Resource, node: ValueNode, accept: (type: string) => boolean): Set<string> {
  if (owner.language === 'cloudformation') return cfnRefs(node);
  const ids = new Set<string>();
  const prefix = modulePrefix(owner);
  const stack: ValueNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as ValueNode;
    if (n.type === 'expr') {
      for (const ref of n.refs) {
        const p = ref.split('.');
        if (p.length >= 2 && accept(p[0])) ids.add(`${prefix}${p[0]}.${p[1].replace(/\[.*$/, '')}`);
      }
    } else if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
    else if (n.type === 'list') for (const i of n.items) stack.push(i);
    else if (n.type === 'intrinsic') stack.push(n.arg);
  }
  return ids;
}

/**
 * The resources of the document a value refers to (CloudFormation `Ref` / `GetAtt` / `Sub`, Terraform `type.name…`
 * references, in the owner's module), of the given types.
 */
function referencedResources(ctx: RuleContext, owner: Resource, node: ValueNode | undefined, types: readonly string[]): Resource[] {
  if (!node) return [];
  const ids = referencedIds(owner, node, (type) => types.includes(type));
  if (ids.size === 0) return [];
  return resourcesOfTypes(ctx.doc, types).filter((r) => r.mode === 'resource' && ids.has(blockId(r.id)));
}

/** A list value's strings (a decided list of log types, `[{Type: audit}]` maps read by `key`). */
function stringsOf(v: PlainValue, key?: string): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v as readonly PlainValue[]) {
    const t = key && x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as { readonly [k: string]: PlainValue })[key] : x;
    const s = asText(t ?? null);
    if (s !== undefined) out.push(s);
  }
  return out;
}

// ---- RDS / Aurora log exports ----

/**
 * The log types each engine can export to CloudWatch Logs and the one that records database activity for an audit
 * (any of `audit`), from the RDS API reference (CreateDBInstance / CreateDBCluster `EnableCloudwatchLogsExports`) and
 * Security Hub RDS.9 / RDS.34 / RDS.36 / RDS.37 / RDS.40 / RDS.42. `cluster` limits a family to DB clusters (Multi-AZ
 * DB clusters of RDS for MySQL have no audit log).
 */
const RDS_LOG_FAMILIES: readonly { readonly name: string; readonly engine: RegExp; readonly on: 'instance' | 'cluster' | 'both'; readonly types: readonly string[]; readonly audit: readonly string[] }[] = [
  { name: 'Aurora MySQL', engine: /^aurora(-mysql)?$/, on: 'cluster', types: ['audit', 'error', 'general', 'slowquery', 'iam-db-auth-error'], audit: ['audit'] },
  { name: 'Aurora PostgreSQL', engine: /^aurora-postgresql$/, on: 'cluster', types: ['postgresql', 'iam-db-auth-error'], audit: ['postgresql'] },
  { name: 'MySQL / MariaDB', engine: /^(mysql|mariadb)$/, on: 'instance', types: ['audit', 'error', 'general', 'slowquery', 'iam-db-auth-error'], audit: ['audit'] },
  { name: 'MySQL Multi-AZ DB cluster', engine: /^mysql$/, on: 'cluster', types: ['error', 'general', 'slowquery', 'iam-db-auth-error'], audit: ['error', 'general', 'slowquery'] },
  { name: 'PostgreSQL', engine: /^postgres$/, on: 'both', types: ['postgresql', 'upgrade', 'iam-db-auth-error'], audit: ['postgresql'] },
  { name: 'Oracle', engine: /^oracle-/, on: 'instance', types: ['alert', 'audit', 'listener', 'trace', 'oemagent'], audit: ['audit'] },
  { name: 'SQL Server', engine: /^sqlserver-/, on: 'instance', types: ['agent', 'error'], audit: ['error'] },
  { name: 'Db2', engine: /^db2-/, on: 'instance', types: ['diag.log', 'notify.log', 'iam-db-auth-error'], audit: ['diag.log', 'notify.log'] },
];

/**
 * DocumentDB and Neptune clusters: the cluster parameter that turns auditing on, the property naming the cluster's
 * parameter group, and the parameter group types (per engine and language).
 */
interface AuditedCluster {
  readonly engine: string;
  readonly parameter: string;
  /** Whether a value of the parameter turns auditing on (DocumentDB: anything but none/disabled; Neptune: 1). */
  readonly on: (v: string) => boolean;
  /** Its default in a cluster's default parameter group. */
  readonly byDefault: string;
  readonly groupProperty: string;
  readonly groupTypes: readonly string[];
}
const DOCDB_AUDIT = { engine: 'DocumentDB', parameter: 'audit_logs', on: (v: string) => !['none', 'disabled', ''].includes(v.trim().toLowerCase()), byDefault: 'none' };
const NEPTUNE_AUDIT = { engine: 'Neptune', parameter: 'neptune_enable_audit_log', on: (v: string) => v.trim() === '1', byDefault: '0' };
const AUDITED_CLUSTERS: Readonly<Record<string, AuditedCluster>> = {
  'AWS::DocDB::DBCluster': { ...DOCDB_AUDIT, groupProperty: 'DBClusterParameterGroupName', groupTypes: ['AWS::DocDB::DBClusterParameterGroup'] },
  aws_docdb_cluster: { ...DOCDB_AUDIT, groupProperty: 'db_cluster_parameter_group_name', groupTypes: ['aws_docdb_cluster_parameter_group'] },
  'AWS::Neptune::DBCluster': { ...NEPTUNE_AUDIT, groupProperty: 'DBClusterParameterGroupName', groupTypes: ['AWS::Neptune::DBClusterParameterGroup'] },
  aws_neptune_cluster: { ...NEPTUNE_AUDIT, groupProperty: 'neptune_cluster_parameter_group_name', groupTypes: ['aws_neptune_cluster_parameter_group'] },
};

/** The cluster parameter group of this file that a cluster names; `outside` when it names one the file does not hold. */
function namedGroup(ctx: RuleContext, cluster: Resource, node: ValueNode, types: readonly string[]): Resource | 'outside' | undefined {
  // `!If` picks its branch where the file decides the condition (a reference in the branch not taken is not it).
  const n = decidedBranch(ctx, node).node;
  if (!n) return undefined;
  return referencedResources(ctx, cluster, n, types)[0] ?? 'outside';
}

/**
 * DocumentDB and Neptune record who ran what only in their audit logs, which reach CloudWatch Logs when the cluster
 * exports `audit` and its cluster parameter group turns auditing on: a cluster on its default parameter group (auditing
 * off, and a default group cannot be changed) or on a group of the file that leaves it off exports nothing. Security
 * Hub DocumentDB.4, Neptune.2 (which read the export only).
 */
export const clusterAuditLogs: Rule = {
  id: 'docdb-neptune-audit-logs',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'DocumentDB and Neptune clusters export audit logs to CloudWatch Logs',
  docUrl: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'],
  terraformTypes: ['aws_docdb_cluster', 'aws_neptune_cluster'],
  properties: {
    cloudformation: [['EnableCloudwatchLogsExports'], ['DBClusterParameterGroupName']],
    terraform: [['enabled_cloudwatch_logs_exports'], ['enable_cloudwatch_logs_exports'], ['db_cluster_parameter_group_name'], ['neptune_cluster_parameter_group_name']],
  },
  check(resource, ctx) {
    const audited = AUDITED_CLUSTERS[resource.type];
    if (!audited) return notApplicable;
    const cfn = isCfn(resource);
    // Terraform names it `enable_…` on aws_neptune_cluster, `enabled_…` on aws_docdb_cluster.
    const key = cfn ? 'EnableCloudwatchLogsExports' : resource.type === 'aws_neptune_cluster' ? 'enable_cloudwatch_logs_exports' : 'enabled_cloudwatch_logs_exports';
    const param = `\`${audited.parameter}\``;
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const exported = l.kind === 'found' ? stringsOf(l.value) : [];
    if (exported === undefined) return unknown([`${key} has a value the rule does not recognize`]);
    if (!exported.some((t) => t.toLowerCase() === 'audit')) {
      const list = cfn ? `[${[...exported, 'audit'].join(', ')}]` : `[${[...exported, 'audit'].map((t) => `"${t}"`).join(', ')}]`;
      return gapOutcome(ctx, resource, this.duty, l.kind === 'found' ? l.node.span : resource.typeSpan, {
        what: 'DB cluster',
        problem: exported.length === 0 ? 'exports no audit log to CloudWatch Logs (none are exported by default)' : 'does not export its audit log to CloudWatch Logs',
        fix: `set \`${key}\` to ${list} and turn auditing on with ${param} in the cluster parameter group`,
      });
    }
    // Exported: auditing must be on in the cluster's parameter group too. A group named `default.<family>` is the
    // engine's default group (it cannot be changed), as when none is named.
    const groupNode = get(resource.properties, audited.groupProperty);
    const groupName = groupNode ? ctx.values.evaluate(groupNode) : undefined;
    if (!groupNode || (groupName?.known && typeof groupName.value === 'string' && groupName.value.startsWith('default.'))) {
      return gapOutcome(ctx, resource, this.duty, l.kind === 'found' ? l.node.span : resource.typeSpan, {
        what: 'DB cluster',
        problem: `exports \`audit\`, but its default cluster parameter group leaves auditing off (${param} is ${audited.byDefault}), so no audit log is written`,
        fix: `give it a cluster parameter group (\`${audited.groupProperty}\`) that sets ${param}`,
      });
    }
    const group = namedGroup(ctx, resource, groupNode, audited.groupTypes);
    if (group === undefined) return unknown([`${audited.groupProperty}: which parameter group is decided at deploy time`]);
    if (group === 'outside') {
      const ev = ctx.values.evaluate(groupNode);
      return ev.known ? unknown([`${audited.groupProperty}: a parameter group this file does not hold (whether it sets ${audited.parameter})`]) : unknown(ev.dependsOn);
    }
    const p = groupParameter(ctx, group, audited.parameter);
    if (p.dependsOn) return unknown(p.dependsOn);
    const v = { value: p.node ? (asText(p.value ?? null) ?? String(p.value)) : undefined };
    if (v.value !== undefined && audited.on(v.value)) return met(`audit exported; ${audited.parameter}: ${v.value} in ${group.id}`);
    return gapOutcome(ctx, resource, this.duty, groupNode.span, {
      what: 'DB cluster',
      problem: `exports \`audit\`, but its parameter group \`${group.name}\` leaves auditing off (${param} ${v.value === undefined ? `not set: ${audited.byDefault}` : `is ${v.value}`}), so no audit log is written`,
      fix: `set ${param} in \`${group.name}\` (${audited.engine === 'Neptune' ? '`1`' : 'e.g. `all`, or `ddl,dml_write`'})`,
    });
  },
};

const RDS_INSTANCE = { cfn: 'AWS::RDS::DBInstance', tf: 'aws_db_instance' };
const RDS_CLUSTER = { cfn: 'AWS::RDS::DBCluster', tf: 'aws_rds_cluster' };

export const rdsLogExports: Rule = {
  id: 'rds-log-exports',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'RDS and Aurora databases export their logs to CloudWatch Logs',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
  defaultSeverity: 'information',
  cloudformationTypes: [RDS_INSTANCE.cfn, RDS_CLUSTER.cfn],
  terraformTypes: [RDS_INSTANCE.tf, RDS_CLUSTER.tf],
  properties: { cloudformation: [['EnableCloudwatchLogsExports']], terraform: [['enabled_cloudwatch_logs_exports']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const cluster = resource.type === RDS_CLUSTER.cfn || resource.type === RDS_CLUSTER.tf;
    if (!cluster && cfn) {
      // A DB instance of a cluster (Aurora) exports nothing itself: the cluster's exports apply, whichever cluster it is.
      const c = get(resource.properties, 'DBClusterIdentifier');
      const ev = c ? ctx.values.evaluate(c) : undefined;
      if (ev && !(ev.known && (ev.value === null || ev.value === ''))) return notApplicable;
    }
    if (cluster) {
      // Aurora Serverless v1 publishes its logs as its parameter group says; EnableCloudwatchLogsExports does not apply.
      const mode = leaf(ctx, resource.properties, [cfn ? 'EngineMode' : 'engine_mode']);
      if (mode.kind === 'found' && asText(mode.value)?.toLowerCase() === 'serverless') return notApplicable;
    }
    const eng = leaf(ctx, resource.properties, [cfn ? 'Engine' : 'engine']);
    const engine = eng.kind === 'found' ? asText(eng.value)?.toLowerCase() : undefined;
    // RDS Custom does not export logs; an Aurora engine on a DB instance takes its cluster's exports.
    if (engine !== undefined && (engine.startsWith('custom-') || (!cluster && engine.startsWith('aurora')))) return notApplicable;
    const kind = cluster ? 'cluster' : 'instance';
    const candidates = RDS_LOG_FAMILIES.filter((f) => (f.on === 'both' || f.on === kind) && (engine === undefined || f.engine.test(engine)));
    if (engine !== undefined && candidates.length === 0) return notApplicable;
    const path = [cfn ? 'EnableCloudwatchLogsExports' : 'enabled_cloudwatch_logs_exports'];
    const l = leaf(ctx, resource.properties, path);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const exported = l.kind === 'found' ? stringsOf(l.value) : [];
    if (exported === undefined) return unknown([`${path[0]} has a value the rule does not recognize`]);
    const what = cluster ? 'DB cluster' : 'DB instance';
    const span = l.kind === 'found' ? l.node.span : resource.typeSpan;
    const listText = (types: readonly string[]): string => (cfn ? `[${types.join(', ')}]` : `[${types.map((t) => `"${t}"`).join(', ')}]`);
    if (exported.length === 0) {
      const family = candidates.length === 1 ? candidates[0] : undefined;
      // The fix names the engine's logs of database activity and errors (IAM authentication errors and the OEM agent log are optional extras).
      const suggest = family ? family.types.filter((t) => t !== 'iam-db-auth-error' && t !== 'oemagent') : undefined;
      return gapOutcome(ctx, resource, this.duty, span, {
        what,
        problem: 'exports no database logs to CloudWatch Logs (none are exported by default)',
        fix: suggest ? `set \`${path[0]}\` to ${listText(suggest)}${auditNote(family?.name)}` : `set \`${path[0]}\` to the engine's log types (e.g. \`audit\`, \`error\` for MySQL, \`postgresql\` for PostgreSQL)`,
      });
    }
    const meets = (f: (typeof RDS_LOG_FAMILIES)[number]): boolean => f.audit.some((t) => exported.includes(t));
    if (engine === undefined) {
      // The engine is not decided here: met if no engine the exported types fit lacks its audit log.
      const fitting = RDS_LOG_FAMILIES.filter((f) => (f.on === 'both' || f.on === kind) && exported.every((t) => f.types.includes(t)));
      if (fitting.every(meets)) return met(`${path[0]}: ${exported.join(', ')}`);
      return unknown([`${cfn ? 'Engine' : 'engine'} not decided here (which log records activity depends on it)`, ...(eng.kind === 'unknown' ? eng.dependsOn : [])]);
    }
    const family = candidates[0];
    if (meets(family)) return met(`${path[0]}: ${exported.join(', ')}`);
    const want = family.audit.length === 1 ? `\`${family.audit[0]}\`` : family.audit.map((t) => `\`${t}\``).join(' or ');
    return gapOutcome(ctx, resource, this.duty, span, {
      what,
      problem: `does not export the ${family.name} log that records database activity (exported: ${exported.join(', ')})`,
      fix: `add ${want} to \`${path[0]}\`${auditNote(family.name)}`,
    });
  },
};

/** What else an engine's audit log needs (an option or parameter the log types alone do not turn on). */
function auditNote(family: string | undefined): string {
  if (family === 'MySQL / MariaDB') return ' (the `audit` log also needs the MARIADB_AUDIT_PLUGIN option in the option group)';
  if (family === 'Aurora MySQL') return ' (the `audit` log also needs `server_audit_logging` on in the DB cluster parameter group)';
  return '';
}

// ---- CloudFront standard logging ----

const CF_DIST = { cfn: 'AWS::CloudFront::Distribution', tf: 'aws_cloudfront_distribution' };
const DELIVERY_SOURCE = { cfn: 'AWS::Logs::DeliverySource', tf: 'aws_cloudwatch_log_delivery_source' };
const DELIVERY = { cfn: 'AWS::Logs::Delivery', tf: 'aws_cloudwatch_log_delivery' };

/**
 * A delivery source that delivers: met when an `AWS::Logs::Delivery` / `aws_cloudwatch_log_delivery` of the file names
 * it (by reference or by its decided name), unknown otherwise (the delivery may be in another stack or workspace).
 */
function deliveryOf(ctx: RuleContext, source: Resource): RuleOutcome {
  const cfn = isCfn(source);
  const nameNode = get(source.properties, cfn ? 'Name' : 'name');
  const ev = nameNode ? ctx.values.evaluate(nameNode) : undefined;
  const name = ev?.known ? asText(ev.value) : undefined;
  const undecided: string[] = [];
  for (const d of resourcesOfType(ctx.doc, cfn ? DELIVERY.cfn : DELIVERY.tf)) {
    if (d.mode !== 'resource') continue;
    const n = get(d.properties, cfn ? 'DeliverySourceName' : 'delivery_source_name');
    if (referencedResources(ctx, d, n, [cfn ? DELIVERY_SOURCE.cfn : DELIVERY_SOURCE.tf]).includes(source)) return met(`${source.id} delivered by ${d.id}`);
    const dv = ctx.values.evaluate(n);
    if (dv.known && name !== undefined && asText(dv.value) === name) return met(`${source.id} delivered by ${d.id}`);
    if (!dv.known) undecided.push(`${d.id}: ${cfn ? 'DeliverySourceName' : 'delivery_source_name'} ${dv.dependsOn.join(', ')}`);
  }
  return unknown(undecided.length > 0 ? undecided : [`delivery source ${source.id} has no delivery in this file (${cfn ? DELIVERY.cfn : DELIVERY.tf})`]);
}

export const cloudfrontLogging: Rule = {
  id: 'cloudfront-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'CloudFront distributions write standard (access) logs',
  docUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
  defaultSeverity: 'information',
  cloudformationTypes: [CF_DIST.cfn],
  terraformTypes: [CF_DIST.tf],
  properties: { cloudformation: [['DistributionConfig', 'Logging', 'Bucket']], terraform: [['logging_config', 'bucket']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const path = cfn ? ['DistributionConfig', 'Logging', 'Bucket'] : ['logging_config', 'bucket'];
    const outcomes: RuleOutcome[] = [];
    for (const l of leaves(ctx, resource.properties, path)) {
      if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
      else if (l.kind === 'found' && nonEmpty(l.value) === true) outcomes.push(met(`${path.join('.')}: ${asText(l.value) ?? ''}`));
      else if (l.kind === 'found' && nonEmpty(l.value) === undefined) outcomes.push(unknown([`${path.join('.')} has a value the rule does not recognize`]));
    }
    const found = combine(outcomes);
    if (found.status === 'met' || found.status === 'unknown') return found;
    // Standard logging v2: a CloudWatch Logs delivery source for the distribution (and a delivery of it).
    const link = createdLink(ctx, ctx.links.to(resource, RELATION.logDelivery));
    if (link && 'link' in link) return deliveryOf(ctx, link.link.from);
    if (link) return unknown(link.dependsOn);
    const undecided = separateConfig(ctx, resource, RELATION.logDelivery, [{ type: cfn ? DELIVERY_SOURCE.cfn : DELIVERY_SOURCE.tf, attribute: cfn ? 'ResourceArn' : 'resource_arn' }]);
    if (undecided) return undecided;
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'distribution',
      problem: 'writes no standard logs of viewer requests (off by default)',
      fix: cfn
        ? 'add `DistributionConfig.Logging` with a `Bucket` (or an `AWS::Logs::DeliverySource` for it with an `AWS::Logs::Delivery`)'
        : 'add a `logging_config` block with a `bucket` (or an `aws_cloudwatch_log_delivery_source` for it with an `aws_cloudwatch_log_delivery`)',
    });
  },
};

// ---- API Gateway execution logging ----

const LOGGING_ON = (v: PlainValue): boolean | undefined => {
  const s = asText(v)?.toUpperCase();
  return s === undefined ? undefined : s === 'ERROR' || s === 'INFO';
};

const APIGW = { restCfn: 'AWS::ApiGateway::Stage', v2Cfn: 'AWS::ApiGatewayV2::Stage', restTf: 'aws_api_gateway_stage', v2Tf: 'aws_apigatewayv2_stage' };

export const apiGatewayExecutionLogging: Rule = {
  id: 'api-gateway-execution-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'API Gateway REST and WebSocket stages write execution logs',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  defaultSeverity: 'information',
  cloudformationTypes: [APIGW.restCfn, APIGW.v2Cfn],
  terraformTypes: [APIGW.restTf, APIGW.v2Tf],
  properties: {
    cloudformation: [['MethodSettings', 'LoggingLevel'], ['DefaultRouteSettings', 'LoggingLevel']],
    terraform: [['default_route_settings', 'logging_level']],
  },
  check(resource, ctx) {
    if (resource.type === APIGW.v2Cfn || resource.type === APIGW.v2Tf) return v2ExecutionLogging(resource, ctx, this.duty);
    return resource.type === APIGW.restCfn ? restStageCfn(resource, ctx, this.duty) : restStageTf(resource, ctx, this.duty);
  },
};

/** CloudFormation REST stage: a stage-wide method setting (`HttpMethod: '*'`, `ResourcePath: '/*'`) with `LoggingLevel` ERROR or INFO. */
function restStageCfn(resource: Resource, ctx: RuleContext, duty: Rule['duty']): RuleOutcome {
  const e = get(resource.properties, 'MethodSettings');
  const deps: string[] = [];
  let partial = false;
  let off: ValueNode | undefined;
  if (e) {
    const r = resolveMaps(ctx, e);
    if (r.dependsOn) deps.push(...r.dependsOn);
    for (const m of r.maps) {
      const method = leaf(ctx, m, ['HttpMethod']);
      const pathL = leaf(ctx, m, ['ResourcePath']);
      const level = leaf(ctx, m, ['LoggingLevel']);
      if (level.kind === 'unknown') {
        deps.push(...level.dependsOn);
        continue;
      }
      const on = level.kind === 'found' ? LOGGING_ON(level.value) : false;
      if (on === undefined) {
        deps.push('LoggingLevel has a value the rule does not recognize');
        continue;
      }
      if (method.kind === 'unknown' || pathL.kind === 'unknown') {
        if (on) deps.push(...(method.kind === 'unknown' ? method.dependsOn : []), ...(pathL.kind === 'unknown' ? pathL.dependsOn : []));
        continue;
      }
      if (on && (method.kind === 'absent' || pathL.kind === 'absent')) {
        deps.push('a MethodSettings entry without HttpMethod or ResourcePath (which methods it covers is not written)');
        continue;
      }
      const stageWide = method.kind === 'found' && asText(method.value) === '*' && pathL.kind === 'found' && asText(pathL.value) === '/*';
      if (stageWide && on) return met(`MethodSettings */*: LoggingLevel ${asText((level as Extract<typeof level, { kind: 'found' }>).value) ?? ''}`);
      if (stageWide && level.kind === 'found') off = level.node;
      else if (on) partial = true;
    }
  }
  if (deps.length > 0) return unknown(deps);
  return gapOutcome(ctx, resource, duty, off?.span ?? resource.typeSpan, {
    what: 'stage',
    problem: off ? 'has execution logging turned off for its methods' : partial ? 'writes execution logs for only some of its methods' : 'writes no execution logs (off by default)',
    fix: "add a `MethodSettings` entry with `HttpMethod: '*'`, `ResourcePath: '/*'` and `LoggingLevel: ERROR` (or `INFO`)",
  });
}

/** Terraform REST stage: an `aws_api_gateway_method_settings` for it with `method_path = "*\/*"` and `settings.logging_level` ERROR or INFO. */
function restStageTf(resource: Resource, ctx: RuleContext, duty: Rule['duty']): RuleOutcome {
  const name = leaf(ctx, resource.properties, ['stage_name']);
  const stageName = name.kind === 'found' ? asText(name.value) : undefined;
  const candidates: Link[] = [...ctx.links.to(resource, RELATION.methodSettings)];
  const deps: string[] = [];
  for (const { r, ev } of unlinkedConfigurers(ctx, 'aws_api_gateway_method_settings', RELATION.methodSettings, 'stage_name')) {
    if (!ev.known) deps.push(`${r.id}: stage_name ${ev.dependsOn.join(', ')}`);
    else if (stageName !== undefined && asText(ev.value) === stageName) candidates.push({ from: r, to: resource, relation: RELATION.methodSettings });
    else if (name.kind === 'unknown') deps.push(`${r.id} and this stage's stage_name (${name.dependsOn.join(', ')})`);
    if (deps.length >= 20) break;
  }
  const logging: Link[] = [];
  let off: { node: ValueNode; at: Resource } | undefined;
  let partial = false;
  for (const l of candidates) {
    const p = leaf(ctx, l.from.properties, ['method_path']);
    const level = leaf(ctx, l.from.properties, ['settings', 'logging_level']);
    if (p.kind === 'unknown' || level.kind === 'unknown') {
      deps.push(...(p.kind === 'unknown' ? p.dependsOn : []), ...(level.kind === 'unknown' ? level.dependsOn : []));
      continue;
    }
    const on = level.kind === 'found' ? LOGGING_ON(level.value) : false;
    if (p.kind !== 'found' || asText(p.value) !== '*/*') {
      if (on) partial = true;
      continue;
    }
    if (on === undefined) deps.push(`${l.from.id}: logging_level has a value the rule does not recognize`);
    else if (on) logging.push(l);
    else if (level.kind === 'found') off ??= { node: level.node, at: l.from };
  }
  const link = createdLink(ctx, logging);
  if (link && 'link' in link) return met(`linked ${link.link.from.id}`);
  if (link) deps.push(...link.dependsOn);
  if (deps.length > 0) return unknown(deps);
  if (off) {
    return gapOutcome(ctx, resource, duty, off.node.span, { what: 'stage', problem: `has execution logging turned off (${off.at.id})`, fix: 'set `settings.logging_level = "ERROR"` (or `"INFO"`)' }, { at: off.at, fix: fixSpec(['settings', 'logging_level'], 'ERROR') });
  }
  return gapOutcome(ctx, resource, duty, resource.typeSpan, {
    what: 'stage',
    problem: partial ? 'writes execution logs for only some of its methods' : 'writes no execution logs (off by default)',
    fix: 'add an `aws_api_gateway_method_settings` for it with `method_path = "*/*"` and `settings { logging_level = "ERROR" }`',
  });
}

/** HTTP / WebSocket stage: execution logging exists for WebSocket APIs only (`DefaultRouteSettings.LoggingLevel`). */
function v2ExecutionLogging(resource: Resource, ctx: RuleContext, duty: Rule['duty']): RuleOutcome {
  const cfn = isCfn(resource);
  const path = cfn ? ['DefaultRouteSettings', 'LoggingLevel'] : ['default_route_settings', 'logging_level'];
  const level = leaf(ctx, resource.properties, path);
  if (level.kind === 'unknown') return unknown(level.dependsOn);
  const on = level.kind === 'found' ? LOGGING_ON(level.value) : false;
  if (on === undefined) return unknown([`${path.join('.')} has a value the rule does not recognize`]);
  if (on) return met(`${path.join('.')}: ${asText((level as Extract<typeof level, { kind: 'found' }>).value) ?? ''}`);
  const apis = referencedResources(ctx, resource, get(resource.properties, cfn ? 'ApiId' : 'api_id'), [cfn ? 'AWS::ApiGatewayV2::Api' : 'aws_apigatewayv2_api']);
  const api = apis[0];
  if (!api) return unknown([`the API of ${cfn ? 'ApiId' : 'api_id'} is not in this file (execution logging exists for WebSocket APIs only)`]);
  const proto = leaf(ctx, api.properties, [cfn ? 'ProtocolType' : 'protocol_type']);
  if (proto.kind === 'unknown') return unknown(proto.dependsOn);
  if (proto.kind !== 'found' || asText(proto.value)?.toUpperCase() !== 'WEBSOCKET') return notApplicable;
  return gapOutcome(
    ctx,
    resource,
    duty,
    level.kind === 'found' ? level.node.span : resource.typeSpan,
    { what: 'WebSocket stage', problem: level.kind === 'found' ? 'has execution logging turned off' : 'writes no execution logs (off by default)', fix: `set ${setText(resource, path, 'ERROR')} (or INFO)` },
    { fix: fixSpec(path, 'ERROR') },
  );
}

// ---- OpenSearch / Elasticsearch audit logs ----

const SEARCH = { cfn: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], tf: ['aws_opensearch_domain', 'aws_elasticsearch_domain'] };

export const opensearchAuditLogs: Rule = {
  id: 'opensearch-audit-logs',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'OpenSearch / Elasticsearch domains publish audit logs',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html',
  defaultSeverity: 'information',
  cloudformationTypes: SEARCH.cfn,
  terraformTypes: SEARCH.tf,
  properties: { cloudformation: [['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled'], ['AdvancedSecurityOptions', 'Enabled']], terraform: [['log_publishing_options', 'log_type'], ['advanced_security_options', 'enabled']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const elasticsearch = resource.type === 'AWS::Elasticsearch::Domain' || resource.type === 'aws_elasticsearch_domain';
    // Audit logs need Elasticsearch 6.7 or later (an Elasticsearch domain without a version is 1.5).
    const ver = leaf(ctx, resource.properties, [elasticsearch ? (cfn ? 'ElasticsearchVersion' : 'elasticsearch_version') : cfn ? 'EngineVersion' : 'engine_version']);
    if (ver.kind === 'absent' && elasticsearch) return notApplicable;
    // Whether the domain can have audit logs at all depends on a version the files do not decide.
    if (ver.kind === 'unknown') return unknown(ver.dependsOn);
    if (ver.kind === 'found') {
      const v = asText(ver.value) ?? '';
      const m = /^(?:Elasticsearch_)?(\d+)\.(\d+)/i.exec(v);
      if (m && (elasticsearch || /^Elasticsearch_/i.test(v)) && (Number(m[1]) < 6 || (Number(m[1]) === 6 && Number(m[2]) < 7))) return notApplicable;
    }
    const outcomes: RuleOutcome[] = [];
    let off: ValueNode | undefined;
    if (cfn) {
      const l = leaf(ctx, resource.properties, ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled']);
      if (l.kind === 'unknown') return unknown(l.dependsOn);
      if (l.kind === 'found') {
        const on = asBool(l.value);
        if (on === true) return met('LogPublishingOptions.AUDIT_LOGS.Enabled: true');
        if (on === undefined) return unknown(['LogPublishingOptions.AUDIT_LOGS.Enabled has a value the rule does not recognize']);
        off = l.node;
      } else if (l.parent && l.parent !== resource.properties && get(resource.properties, 'LogPublishingOptions') && asMap(get(asMap(get(resource.properties, 'LogPublishingOptions')), 'AUDIT_LOGS'))) {
        return unknown(['LogPublishingOptions.AUDIT_LOGS without Enabled']);
      }
    } else {
      const blocks = mapsAt(ctx, resource.properties, ['log_publishing_options']);
      if (blocks.dependsOn.length > 0) outcomes.push(unknown(blocks.dependsOn));
      for (const b of blocks.maps) {
        const t = leaf(ctx, b, ['log_type']);
        if (t.kind === 'unknown') {
          outcomes.push(unknown(t.dependsOn));
          continue;
        }
        if (t.kind !== 'found' || asText(t.value) !== 'AUDIT_LOGS') continue;
        const en = leaf(ctx, b, ['enabled']);
        if (en.kind === 'unknown') outcomes.push(unknown(en.dependsOn));
        else if (en.kind === 'absent') outcomes.push(met('log_publishing_options AUDIT_LOGS (enabled defaults to true)'));
        else if (asBool(en.value) === true) outcomes.push(met('log_publishing_options AUDIT_LOGS enabled'));
        else if (asBool(en.value) === false) off = en.node;
        else outcomes.push(unknown(['log_publishing_options.enabled has a value the rule does not recognize']));
      }
      const r = combine(outcomes);
      if (r.status === 'met' || r.status === 'unknown') return r;
    }
    const fgac = leaf(ctx, resource.properties, cfn ? ['AdvancedSecurityOptions', 'Enabled'] : ['advanced_security_options', 'enabled']);
    const fgacOn = fgac.kind === 'found' && asBool(fgac.value) === true;
    const publish = cfn ? 'publish `LogPublishingOptions.AUDIT_LOGS` (`Enabled: true`, a `CloudWatchLogsLogGroupArn`)' : 'add a `log_publishing_options` block with `log_type = "AUDIT_LOGS"` and a `cloudwatch_log_group_arn`';
    return gapOutcome(ctx, resource, this.duty, off?.span ?? resource.typeSpan, {
      what: 'domain',
      problem: off ? 'has audit logs turned off' : 'publishes no audit logs (off by default)',
      fix: fgacOn || fgac.kind === 'unknown' ? publish : `${publish}; audit logs need fine-grained access control (${cfn ? '`AdvancedSecurityOptions.Enabled: true`' : '`advanced_security_options { enabled = true }`'})`,
    });
  },
};

// ---- WAF web ACL logging ----

export const wafLogging: Rule = {
  id: 'waf-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'WAF web ACLs log the requests they inspect',
  docUrl: 'https://docs.aws.amazon.com/waf/latest/developerguide/logging.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::WAFv2::WebACL'],
  terraformTypes: ['aws_wafv2_web_acl'],
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const config = separateConfig(ctx, resource, RELATION.wafLogging, [{ type: cfn ? 'AWS::WAFv2::LoggingConfiguration' : 'aws_wafv2_web_acl_logging_configuration', attribute: cfn ? 'ResourceArn' : 'resource_arn' }]);
    if (config?.status === 'met') return config;
    // WAF logs can also be delivered as CloudWatch Logs vended logs (a delivery source for the web ACL).
    const link = createdLink(ctx, ctx.links.to(resource, RELATION.logDelivery));
    if (link && 'link' in link) return deliveryOf(ctx, link.link.from);
    if (config) return config;
    if (link) return unknown(link.dependsOn);
    // A logging configuration naming a web ACL by a literal ARN with this web ACL's name may be this one's (already deployed).
    const name = leaf(ctx, resource.properties, [cfn ? 'Name' : 'name']);
    const own = name.kind === 'found' ? asText(name.value) : undefined;
    if (own !== undefined) {
      for (const { r, ev } of unlinkedConfigurers(ctx, cfn ? 'AWS::WAFv2::LoggingConfiguration' : 'aws_wafv2_web_acl_logging_configuration', RELATION.wafLogging, cfn ? 'ResourceArn' : 'resource_arn')) {
        const arn = ev.known ? asText(ev.value) : undefined;
        if (arn !== undefined && arn.includes(`/webacl/${own}/`)) return unknown([`${r.id} names the web ACL ${own} by a literal ARN`]);
      }
    }
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'web ACL',
      problem: 'has no logging configuration (web ACL traffic is not logged by default)',
      fix: cfn
        ? 'add an `AWS::WAFv2::LoggingConfiguration` with `ResourceArn` referring to it and a `LogDestinationConfigs` destination named `aws-waf-logs-…`'
        : 'add an `aws_wafv2_web_acl_logging_configuration` with `resource_arn` referring to it and a `log_destination_configs` destination named `aws-waf-logs-…`',
    });
  },
};

// ---- Network Firewall logging ----

export const networkFirewallLogging: Rule = {
  id: 'network-firewall-logging',
  duty: 'firewall-configuration',
  owner: 'customer',
  title: 'Network Firewall firewalls log their traffic (flow or alert logs)',
  docUrl: 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::NetworkFirewall::Firewall'],
  terraformTypes: ['aws_networkfirewall_firewall'],
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const config = separateConfig(ctx, resource, RELATION.firewallLogging, [{ type: cfn ? 'AWS::NetworkFirewall::LoggingConfiguration' : 'aws_networkfirewall_logging_configuration', attribute: cfn ? 'FirewallArn' : 'firewall_arn' }]);
    if (config) return config;
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'firewall',
      problem: 'has no logging configuration (Network Firewall logs nothing by default)',
      fix: cfn
        ? 'add an `AWS::NetworkFirewall::LoggingConfiguration` with `FirewallArn` referring to it and `FLOW` and `ALERT` log destinations'
        : 'add an `aws_networkfirewall_logging_configuration` with `firewall_arn` referring to it and `FLOW` and `ALERT` log destinations',
    });
  },
};

// ---- Step Functions ----

/**
 * A state machine logs its execution history to CloudWatch Logs only at a level it sets (`ALL`, `ERROR`, `FATAL`); the
 * default, `OFF`, logs nothing (Security Hub StepFunctions.1). Turning it on needs a log group too, so the fix is a
 * sentence rather than an edit of one value.
 */
export const stepFunctionsLogging = settingRule({
  id: 'stepfunctions-logging',
  duty: 'identity-and-access-management',
  title: 'Step Functions state machines log their executions',
  docUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
  defaultSeverity: 'information',
  // SAM's `AWS::Serverless::StateMachine` takes the same configuration as `Logging`.
  paths: { 'AWS::StepFunctions::StateMachine': [['LoggingConfiguration', 'Level']], 'AWS::Serverless::StateMachine': [['Logging', 'Level']], aws_sfn_state_machine: [['logging_configuration', 'level']] },
  ok: (v) => {
    const s = asText(v);
    return s === undefined ? undefined : s.toUpperCase() !== 'OFF';
  },
  fixText: {
    cloudformation: 'set `LoggingConfiguration` (SAM: `Logging`) with a `Level` (`ALL`, `ERROR` or `FATAL`) and a CloudWatch Logs group in `Destinations`',
    terraform: 'add a `logging_configuration` block with a `level` (`ALL`, `ERROR` or `FATAL`) and a `log_destination`',
  },
  absent: { gap: 'information', problem: 'logs none of its executions (logging is off by default)' },
  what: 'state machine',
  problem: 'turns execution logging off',
});

// ---- Redshift ----

/**
 * A Redshift cluster writes its audit logs (connections, users, user activity) only when audit logging is turned on:
 * CloudFormation's `LoggingProperties` (an S3 bucket, or CloudWatch Logs), Terraform's `logging { enable = true }`
 * (provider 5 and before) or a separate `aws_redshift_logging`. It is off by default (Security Hub Redshift.4).
 */
export const redshiftAuditLogging: Rule = {
  id: 'redshift-audit-logging',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Redshift clusters have audit logging on',
  docUrl: 'https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::Redshift::Cluster'],
  terraformTypes: ['aws_redshift_cluster'],
  properties: { cloudformation: [['LoggingProperties', 'BucketName'], ['LoggingProperties', 'LogDestinationType']], terraform: [['logging', 'enable']] },
  check(resource, ctx) {
    if (isCfn(resource)) {
      const found = mapsAt(ctx, resource.properties, ['LoggingProperties']);
      if (found.dependsOn.length > 0) return unknown(found.dependsOn);
      for (const m of found.maps) {
        const bucket = leaf(ctx, m, ['BucketName']);
        const destination = leaf(ctx, m, ['LogDestinationType']);
        if (bucket.kind === 'found' || (destination.kind === 'found' && asText(destination.value)?.toLowerCase() === 'cloudwatch')) return met('LoggingProperties: audit logs delivered');
        if (bucket.kind === 'unknown') return unknown(bucket.dependsOn);
        if (destination.kind === 'unknown') return unknown(destination.dependsOn);
      }
      return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
        what: 'cluster',
        problem: 'has no audit logging (off by default): connections and user activity are not logged',
        fix: 'add `LoggingProperties` with a `BucketName`, or `LogDestinationType: cloudwatch` and `LogExports`',
      });
    }
    const enable = leaves(ctx, resource.properties, ['logging', 'enable']);
    let off: Span | undefined;
    for (const l of enable) {
      if (l.kind === 'unknown') return unknown(l.dependsOn);
      if (l.kind !== 'found') continue;
      const b = asBool(l.value);
      if (b === true) return met('logging.enable: true');
      if (b === undefined) return unknown(['logging.enable is not a boolean']);
      off = l.node.span;
    }
    const separate = separateConfig(ctx, resource, RELATION.redshiftLogging, [{ type: 'aws_redshift_logging', attribute: 'cluster_identifier' }]);
    if (separate) return separate;
    return gapOutcome(ctx, resource, this.duty, off ?? resource.typeSpan, {
      what: 'cluster',
      problem: off ? 'turns audit logging off: connections and user activity are not logged' : 'has no audit logging (off by default): connections and user activity are not logged',
      fix: 'add an `aws_redshift_logging` whose `cluster_identifier` refers to it (S3 or CloudWatch Logs)',
    });
  },
};
