/**
 * Logging and audit: CloudTrail trails (multi-Region, log file validation, KMS encryption, logging on), S3 server
 * access logging, VPC flow logs, load balancer access logs, API Gateway stage access logs, EKS control-plane logs.
 * Logging is hardening, not exposure: Information, except a trail whose logging is stopped (Warning).
 */
import { expansionOf, metaArgument } from '../instances';
import { asMap, entry, get, items } from '../model/nodes';
import type { MapNode, ParsedDocument, Resource, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { cfnRefs, RELATION } from '../values/links';
import { asBool, asText, gapOutcome, isCfn, isTrue, leaf, leaves, nonEmpty, settingRule } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import type { Link } from '../values/links-api';

/**
 * The first linked resource (of a relation) that the configuration creates: met by it; unknown when the only links
 * are blocks whose `count` / `for_each` the files do not decide; none when every one creates no instance (`count = 0`).
 */
function createdLink(ctx: RuleContext, links: readonly Link[]): { met: Link } | { dependsOn: string[] } | undefined {
  const deps: string[] = [];
  for (const l of links) {
    if (l.from.language !== 'terraform') {
      // A CloudFormation resource whose Condition the file decides as false is not created; an undecided one may be.
      const c = get(l.from.definition, 'Condition');
      if (!c) return { met: l };
      const ev = ctx.values.evaluate({ type: 'intrinsic', span: c.span, fn: 'Condition', arg: c });
      if (ev.known && ev.value === false) continue;
      if (ev.known) return { met: l };
      deps.push(...ev.dependsOn.map((d) => `${l.from.id} Condition: ${d}`));
      continue;
    }
    const meta = metaArgument(l.from.properties);
    if (!meta) return { met: l };
    const e = expansionOf(l.from.properties, ctx.values);
    if (e === undefined) {
      const ev = ctx.values.evaluate(meta.node);
      deps.push(...(ev.known ? [`${l.from.id}: ${meta.name} not decided here`] : ev.dependsOn.map((d) => `${l.from.id} ${meta.name}: ${d}`)));
    } else if (e.keys.length > 0) return { met: l };
  }
  return deps.length > 0 ? { dependsOn: deps } : undefined;
}

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

/**
 * The unlinked configuring resources of a type with the evaluated value of one attribute, once per document and
 * evaluator (every bucket or VPC of a file asks the same question: a file of many of them stays linear).
 */
const UNLINKED = new WeakMap<object, Map<string, { readonly r: Resource; readonly ev: ReturnType<RuleContext['values']['evaluate']> }[]>>();
function unlinkedConfigurers(ctx: RuleContext, type: string, relation: string, attribute: string): readonly { readonly r: Resource; readonly ev: ReturnType<RuleContext['values']['evaluate']> }[] {
  let byKey = UNLINKED.get(ctx.values);
  if (!byKey) UNLINKED.set(ctx.values, (byKey = new Map()));
  const key = `${type}\u0000${relation}\u0000${attribute}\u0000${ctx.doc.resources.length}`;
  let list = byKey.get(key);
  if (!list) {
    list = [];
    for (const r of ctx.doc.resources) {
      if (r.type !== type || r.mode !== 'resource') continue;
      if (ctx.links.from(r, relation).length > 0) continue;
      const node = get(r.properties, attribute);
      if (node) list.push({ r, ev: ctx.values.evaluate(node) });
    }
    byKey.set(key, list);
  }
  return list;
}

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
  const stripKey = (id: string): string => id.replace(/\[[^\]]*\]$/, '');
  if (targets.ids.has(stripKey(resource.id))) return true;
  if (resource.template && targets.ids.has(modulePrefix(resource) + stripKey(resource.template.id))) return true;
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

/** Once per document and evaluator: every bucket's log destination (CloudFormation `DestinationBucketName`, Terraform `target_bucket`). */
function logTargets(ctx: RuleContext): LogTargets {
  let byDoc = LOG_TARGETS.get(ctx.values);
  if (!byDoc) LOG_TARGETS.set(ctx.values, (byDoc = new Map()));
  const cached = byDoc.get(ctx.doc);
  if (cached) return cached;
  const ids = new Set<string>();
  const names = new Set<string>();
  const add = (owner: Resource, node: ValueNode | undefined): void => {
    if (!node) return;
    if (owner.language === 'cloudformation') for (const id of cfnRefs(node)) ids.add(id);
    else {
      const prefix = modulePrefix(owner);
      const stack: ValueNode[] = [node];
      while (stack.length > 0) {
        const n = stack.pop() as ValueNode;
        if (n.type === 'expr') {
          for (const ref of n.refs) {
            const p = ref.split('.');
            if (p.length >= 2 && !['var', 'local', 'module', 'data', 'each', 'count', 'self', 'path', 'terraform'].includes(p[0])) ids.add(`${prefix}${p[0]}.${p[1].replace(/\[.*$/, '')}`);
          }
        } else if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
        else if (n.type === 'list') for (const i of n.items) stack.push(i);
      }
    }
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
  const byId = new Map<string, Resource>();
  for (const r of ctx.doc.resources) byId.set(r.id.replace(/\[[^\]]*\]$/, ''), r);
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
          target = byId.get(key)?.properties;
        }
        if (target) stack.push({ n: target, depth: depth + 1 });
      }
    } else if (n.type === 'intrinsic') stack.push({ n: n.arg, depth });
    else if (n.type === 'map') for (const e of n.entries) stack.push({ n: e.value, depth });
    else for (const i of n.items) stack.push({ n: i, depth });
  }
  return false;
}

/** `module.m.` for a resource of a module instance (`module.m.aws_x.y`), '' in the root module. */
function modulePrefix(r: Resource): string {
  const id = r.id.replace(/\[[^\]]*\]$/, '');
  const own = r.template?.id.replace(/\[[^\]]*\]$/, '');
  return own && id !== own && id.endsWith(`.${own}`) ? id.slice(0, id.length - own.length) : '';
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
      if (link && 'met' in link) return met(`linked ${link.met.from.id}`);
      if (link) return unknown(link.dependsOn);
      // An aws_s3_bucket_logging whose bucket the file does not decide may be this bucket's.
      const undecided = undecidedLoggingConfigs(resource, ctx);
      if (undecided.length > 0) return unknown(undecided);
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
    if (link && 'met' in link) return met(`linked ${link.met.from.id}`);
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
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'VPC',
      problem: 'has no flow log in this file',
      fix: cfn ? 'add an `AWS::EC2::FlowLog` with `ResourceType: VPC` and `ResourceId` referring to it' : 'add an `aws_flow_log` with `vpc_id` referring to it',
    });
  },
};

// ---- Load balancer access logs ----

/** The value of a CloudFormation ELBv2 attribute (`LoadBalancerAttributes: [{Key, Value}]`). */
function elbv2Attribute(ctx: RuleContext, props: MapNode | undefined, key: string): { node?: ValueNode; value?: PlainValue; dependsOn?: readonly string[] } {
  const e = get(props, 'LoadBalancerAttributes');
  if (!e) return {};
  const r = ctx.values.resolve(e);
  if (!r.known) return { dependsOn: r.dependsOn };
  const deps: string[] = [];
  let found: { node: ValueNode; value: PlainValue } | undefined;
  for (const item of items(r.node)) {
    const ri = ctx.values.resolve(item);
    if (!ri.known) {
      deps.push(...ri.dependsOn);
      continue;
    }
    const m = asMap(ri.node);
    if (!m) continue;
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
