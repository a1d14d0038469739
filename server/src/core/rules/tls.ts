/**
 * TLS-only access and TLS versions (network traffic protection): bucket, topic and queue policies without an
 * `aws:SecureTransport` deny, load balancer / CloudFront / API Gateway / OpenSearch security policies that accept
 * TLS 1.0 or 1.1, CloudFront origins reached over plain HTTP, and RDS / Aurora parameter groups that do not force TLS.
 */
import elbPolicies from '../../../../data/elb-security-policies.json';
import { asMap, get, getAll, items } from '../model/nodes';
import { blockId, modulePrefix, resourcesOfType } from '../model/resource-index';
import type { MapNode, Resource, Span, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { RELATION, tfAddress } from '../values/links';
import { asText, fixSpec, gapOutcome, unreadDynamic, isCfn, leaf, leaves, mapsAt, settingRule } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import { readPolicy, type PolicyRead } from './policy';
import type { Rule, RuleContext, RuleOutcome, Severity } from './rule-api';
import { configuredOutside, createdLink } from './created-link';
import { groupParameter } from './parameter-groups';

// ---- TLS-only policies (aws:SecureTransport) ----

/** Whether a policy `Condition` value denies plain HTTP: `Bool` / `BoolIfExists` with `aws:SecureTransport` false. */
function conditionDeniesHttp(condition: PlainValue | undefined): boolean {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return false;
  for (const [op, body] of Object.entries(condition as Record<string, PlainValue>)) {
    if (!/^bool(ifexists)?$/i.test(op) || !body || typeof body !== 'object' || Array.isArray(body)) continue;
    for (const [k, v] of Object.entries(body as Record<string, PlainValue>)) {
      if (k.toLowerCase() !== 'aws:securetransport') continue;
      const vs = Array.isArray(v) ? (v as readonly PlainValue[]) : [v];
      if (vs.some((x) => asText(x)?.toLowerCase() === 'false')) return true;
    }
  }
  return false;
}

/** The `data "aws_iam_policy_document"` blocks a Terraform value refers to (`data.aws_iam_policy_document.x.json`). */
function policyDocuments(ctx: RuleContext, owner: Resource, node: ValueNode | undefined): Resource[] {
  const prefix = modulePrefix(owner);
  const wanted = new Set<string>();
  const stack: ValueNode[] = node ? [node] : [];
  while (stack.length > 0) {
    const n = stack.pop() as ValueNode;
    if (n.type === 'list') for (const i of n.items) stack.push(i);
    if (n.type !== 'expr') continue;
    for (const ref of n.refs) {
      const p = ref.split('.');
      if (p[0] === 'data' && p[1] === 'aws_iam_policy_document' && p[2]) wanted.add(`${prefix}data.aws_iam_policy_document.${p[2].replace(/\[.*$/, '')}`);
    }
  }
  if (wanted.size === 0) return [];
  return resourcesOfType(ctx.doc, 'aws_iam_policy_document').filter((r) => wanted.has(blockId(r.id)));
}

/** Attributes of `aws_iam_policy_document` that merge other documents' statements into it. */
const MERGED_DOCUMENTS = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

/**
 * Whether an `aws_iam_policy_document` has a Deny statement on `aws:SecureTransport` false, in its own statements or in
 * the documents it merges (`source_policy_documents`...); undecided parts in dependsOn.
 */
function documentDeniesHttp(ctx: RuleContext, doc: Resource, depth = 0): { denies: boolean; dependsOn: string[] } {
  const dependsOn: string[] = [];
  for (const key of MERGED_DOCUMENTS) {
    const node = get(doc.properties, key);
    if (!node) continue;
    const r = ctx.values.resolve(node);
    // A list written out is read item by item; anything else (a function of documents) through the documents it names.
    const parts = r.known && r.node.type === 'list' ? r.node.items : [node];
    for (const part of parts) {
      const nested = depth < 4 ? policyDocuments(ctx, doc, part) : [];
      for (const d of nested) {
        const n = documentDeniesHttp(ctx, d, depth + 1);
        if (n.denies) return n;
        dependsOn.push(...n.dependsOn);
      }
      if (nested.length > 0) continue;
      const j = judge(readPolicy(ctx, part));
      if (j === 'denies') return { denies: true, dependsOn: [] };
      if (j !== 'allows') dependsOn.push(...j.dependsOn);
    }
  }
  for (const d of unreadDynamic(ctx, doc.properties, 'statement') ?? []) dependsOn.push(`${doc.id}: ${d}`);
  for (const s of getAll(doc.properties, 'statement').flatMap((n) => items(n))) {
    const m = asMap(s);
    if (!m) continue;
    const effect = ctx.values.evaluate(get(m, 'effect'));
    if (!effect.known) {
      dependsOn.push(...effect.dependsOn);
      continue;
    }
    if (asText(effect.value ?? 'Allow') !== 'Deny') continue;
    for (const d of unreadDynamic(ctx, m, 'condition') ?? []) dependsOn.push(`${doc.id}: ${d}`);
    for (const c of getAll(m, 'condition').flatMap((n) => items(n))) {
      const cm = asMap(c);
      if (!cm) continue;
      const test = ctx.values.evaluate(get(cm, 'test'));
      const variable = ctx.values.evaluate(get(cm, 'variable'));
      const values = ctx.values.evaluate(get(cm, 'values'));
      if (!test.known || !variable.known || !values.known) {
        for (const e of [test, variable, values]) if (!e.known) dependsOn.push(...e.dependsOn);
        continue;
      }
      const cond: PlainValue = { [asText(test.value) ?? '']: { [asText(variable.value) ?? '']: values.value } };
      if (conditionDeniesHttp(cond)) return { denies: true, dependsOn: [] };
    }
  }
  return { denies: false, dependsOn };
}

/** What a policy value says about plain HTTP: it denies it, it does not, or the file does not decide. */
function policyDeniesHttp(ctx: RuleContext, owner: Resource, node: ValueNode | undefined): 'denies' | 'allows' | { dependsOn: string[] } {
  const docs = owner.language === 'terraform' ? policyDocuments(ctx, owner, node) : [];
  if (docs.length > 0) {
    const deps: string[] = [];
    for (const d of docs) {
      const r = documentDeniesHttp(ctx, d);
      if (r.denies) return 'denies';
      deps.push(...r.dependsOn);
    }
    if (deps.length > 0) return { dependsOn: deps };
    // The documents may be combined with other values (a conditional, a merge, a template): what else the value
    // depends on may bring the deny. The documents' own JSON is what the statements above say.
    const whole = ctx.values.evaluate(node);
    if (whole.known) return judge(readPolicy(ctx, node));
    const other = whole.dependsOn.filter((d) => !d.includes('aws_iam_policy_document'));
    return other.length > 0 ? { dependsOn: other } : 'allows';
  }
  return judge(readPolicy(ctx, node));
}

function judge(read: PolicyRead): 'denies' | 'allows' | { dependsOn: string[] } {
  const deps: string[] = [...read.dependsOn];
  for (const s of read.statements) {
    if (!s.effect.known) {
      deps.push(...s.effect.dependsOn);
      continue;
    }
    if (asText(s.effect.value ?? '')?.toLowerCase() !== 'deny') continue;
    if (!s.condition.known) {
      deps.push(...s.condition.dependsOn);
      continue;
    }
    if (conditionDeniesHttp(s.condition.value)) return 'denies';
  }
  return deps.length > 0 ? { dependsOn: deps } : 'allows';
}

/** Where the policy document sits, what the policy is, and what it protects, per type. */
const TLS_POLICY_TYPES: Readonly<Record<string, { readonly doc: string; readonly what: string }>> = {
  'AWS::S3::BucketPolicy': { doc: 'PolicyDocument', what: 'bucket policy' },
  'AWS::SNS::TopicPolicy': { doc: 'PolicyDocument', what: 'topic policy' },
  'AWS::SQS::QueuePolicy': { doc: 'PolicyDocument', what: 'queue policy' },
  'AWS::SNS::TopicInlinePolicy': { doc: 'PolicyDocument', what: 'topic policy' },
  'AWS::SQS::QueueInlinePolicy': { doc: 'PolicyDocument', what: 'queue policy' },
  aws_s3_bucket_policy: { doc: 'policy', what: 'bucket policy' },
  aws_sns_topic_policy: { doc: 'policy', what: 'topic policy' },
  aws_sqs_queue_policy: { doc: 'policy', what: 'queue policy' },
  // An inline `policy` of a Terraform topic / queue / bucket (absent: nothing to judge on a topic or queue).
  aws_sns_topic: { doc: 'policy', what: 'topic' },
  aws_sqs_queue: { doc: 'policy', what: 'queue' },
};

const BUCKETS = { cfn: 'AWS::S3::Bucket', tf: 'aws_s3_bucket' };


/** Bucket policies of the file that link to no bucket because the bucket they name is not decided here. */
function undecidedBucketPolicies(ctx: RuleContext, bucket: Resource): string[] {
  const out: string[] = [];
  const cfn = isCfn(bucket);
  const type = cfn ? 'AWS::S3::BucketPolicy' : 'aws_s3_bucket_policy';
  const attribute = cfn ? 'Bucket' : 'bucket';
  let own: ReturnType<typeof leaf> | undefined;
  for (const r of resourcesOfType(ctx.doc, type)) {
    if (r.mode !== 'resource' || ctx.links.from(r, RELATION.bucketPolicy).length > 0) continue;
    const ev = ctx.values.evaluate(get(r.properties, attribute));
    if (!ev.known) out.push(`${r.id}: ${attribute} ${ev.dependsOn.join(', ')}`);
    else {
      // A decided name that is not a bucket of the file: this bucket's only if its own name is not decided.
      const myName = (own ??= leaf(ctx, bucket.properties, [cfn ? 'BucketName' : 'bucket']));
      if (myName.kind === 'unknown') out.push(`${r.id} (${attribute} "${asText(ev.value) ?? ''}") and this bucket's name`);
    }
    if (out.length >= 20) break;
  }
  return out;
}

/**
 * A bucket the file configures as a static website: S3 website endpoints serve only HTTP, so a deny on
 * `aws:SecureTransport` false would turn the website's own visitors away
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html). CloudFormation `WebsiteConfiguration`,
 * Terraform `website` blocks and `aws_s3_bucket_website_configuration` resources naming the bucket.
 */
function isWebsiteBucket(ctx: RuleContext, bucket: Resource): boolean {
  if (isCfn(bucket)) return get(bucket.properties, 'WebsiteConfiguration') !== undefined;
  if (get(bucket.properties, 'website') !== undefined) return true;
  const own = tfAddress(bucket.id);
  if (!own) return false;
  const name = leaf(ctx, bucket.properties, ['bucket']);
  const literal = name.kind === 'found' ? asText(name.value) : undefined;
  for (const r of resourcesOfType(ctx.doc, 'aws_s3_bucket_website_configuration')) {
    if (r.mode !== 'resource') continue;
    const node = get(r.properties, 'bucket');
    if (node?.type === 'expr') {
      const prefix = modulePrefix(r);
      if (node.refs.some((ref) => tfAddress(prefix + ref)?.block === own.block)) return true;
    } else if (literal !== undefined) {
      const ev = ctx.values.evaluate(node);
      if (ev.known && asText(ev.value) === literal) return true;
    }
  }
  return false;
}

const SECURE_TRANSPORT_FIX = 'add a statement that denies every principal all actions when `aws:SecureTransport` is `false`';

export const secureTransportPolicy: Rule = {
  id: 'secure-transport-policy',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Bucket, topic and queue policies deny requests that do not use TLS (aws:SecureTransport)',
  docUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  defaultSeverity: 'information',
  cloudformationTypes: [...Object.keys(TLS_POLICY_TYPES).filter((t) => t.startsWith('AWS::')), BUCKETS.cfn],
  terraformTypes: [...Object.keys(TLS_POLICY_TYPES).filter((t) => !t.startsWith('AWS::')), BUCKETS.tf],
  properties: { cloudformation: [['PolicyDocument']], terraform: [['policy']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (resource.type === BUCKETS.cfn || resource.type === BUCKETS.tf) {
      if (isWebsiteBucket(ctx, resource)) return notApplicable;
      // A bucket policy of the file configures the bucket: that policy is judged (and reported) itself.
      const link = createdLink(ctx, ctx.links.to(resource, RELATION.bucketPolicy));
      if (link && 'link' in link) return notApplicable;
      if (link) return unknown(link.dependsOn);
      if (!cfn && get(resource.properties, 'policy')) return policyOutcome(ctx, resource, this.duty, get(resource.properties, 'policy'), 'bucket');
      const undecided = undecidedBucketPolicies(ctx, resource);
      if (undecided.length > 0) return unknown(undecided);
      const outside = configuredOutside(ctx, resource, RELATION.bucketPolicy);
      if (outside) return unknown(outside);
      return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
        what: 'bucket',
        problem: 'accepts requests over plain HTTP (no bucket policy denies them)',
        fix: cfn
          ? 'add an `AWS::S3::BucketPolicy` for it with a `Deny` statement on `aws:SecureTransport: false`'
          : 'add an `aws_s3_bucket_policy` for it with a `Deny` statement on `aws:SecureTransport` = `false`',
      });
    }
    const spec = TLS_POLICY_TYPES[resource.type];
    if (!spec) return notApplicable;
    // The policy of a website bucket of the file: its visitors come over HTTP (see isWebsiteBucket).
    if (ctx.links.from(resource, RELATION.bucketPolicy).some((l) => isWebsiteBucket(ctx, l.to))) return notApplicable;
    const node = get(resource.properties, spec.doc);
    if (!node) return notApplicable;
    return policyOutcome(ctx, resource, this.duty, node, spec.what);
  },
};

function policyOutcome(ctx: RuleContext, resource: Resource, duty: Rule['duty'], node: ValueNode | undefined, what: string): RuleOutcome {
  const r = policyDeniesHttp(ctx, resource, node);
  if (r === 'denies') return met('denies requests without aws:SecureTransport');
  if (r !== 'allows') return unknown(r.dependsOn);
  return gapOutcome(ctx, resource, duty, node?.span ?? resource.typeSpan, {
    what,
    problem: 'does not deny requests over plain HTTP (no `Deny` on `aws:SecureTransport` false)',
    fix: SECURE_TRANSPORT_FIX,
  });
}

// ---- Elastic Load Balancing security policies ----

interface ElbPolicyData {
  readonly defaults: { readonly elbv2: string; readonly classic: string };
  readonly policies: Readonly<Record<string, readonly string[]>>;
}

const ELB: ElbPolicyData = elbPolicies as unknown as ElbPolicyData;
const OLD_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const RECOMMENDED_ELB_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** The protocols older than TLS 1.2 a predefined policy accepts ([] when none), or undefined for a name not in the table. */
export function elbPolicyOldProtocols(name: string): string[] | undefined {
  const p = Object.prototype.hasOwnProperty.call(ELB.policies, name) ? ELB.policies[name] : undefined;
  return p ? p.filter((x) => OLD_PROTOCOLS.has(x)) : undefined;
}

function protocolList(ps: readonly string[]): string {
  return ps.map((p) => (p === 'TLSv1' ? 'TLS 1.0' : p.replace(/^TLSv/, 'TLS '))).join(' and ');
}

/** Judges a named predefined policy at a span. */
function judgeElbPolicy(ctx: RuleContext, resource: Resource, duty: Rule['duty'], name: string, span: Span, what: string, fixPath: readonly string[] | undefined, severity: Severity): RuleOutcome {
  const old = elbPolicyOldProtocols(name);
  if (old === undefined) return unknown([`security policy ${name} is not in the table of predefined policies (data/elb-security-policies.json)`]);
  if (old.length === 0) return met(`security policy ${name}`);
  const cfn = isCfn(resource);
  return gapOutcome(
    ctx,
    resource,
    duty,
    span,
    {
      what,
      problem: `accepts ${protocolList(old)} (security policy \`${name}\`)`,
      fix: fixPath ? `set ${cfn ? `\`${fixPath.join('.')}: ${RECOMMENDED_ELB_POLICY}\`` : `\`${fixPath.join('.')} = "${RECOMMENDED_ELB_POLICY}"\``} (TLS 1.2 and 1.3)` : `use the predefined policy \`ELBSecurityPolicy-TLS-1-2-2017-01\` (TLS 1.2 only)`,
    },
    { severity, ...(fixPath ? { fix: fixSpec(fixPath, RECOMMENDED_ELB_POLICY) } : {}) },
  );
}

const ELBV2_LISTENERS = ['AWS::ElasticLoadBalancingV2::Listener', 'aws_lb_listener', 'aws_alb_listener'];
const CLASSIC_CFN = 'AWS::ElasticLoadBalancing::LoadBalancer';
const CLASSIC_TF_POLICY = 'aws_load_balancer_policy';

/** A Classic Load Balancer SSL negotiation policy's attributes: the reference policy, or the protocols turned on. */
function negotiationPolicy(ctx: RuleContext, attrs: readonly MapNode[], keys: { name: string; value: string }): { reference?: { name: string; span: Span }; protocols: { name: string; span: Span }[]; dependsOn: string[] } {
  const out: { reference?: { name: string; span: Span }; protocols: { name: string; span: Span }[]; dependsOn: string[] } = { protocols: [], dependsOn: [] };
  for (const a of attrs) {
    const n = ctx.values.evaluate(get(a, keys.name));
    const vNode = get(a, keys.value);
    const v = ctx.values.evaluate(vNode);
    if (!n.known || !v.known) {
      for (const e of [n, v]) if (!e.known) out.dependsOn.push(...e.dependsOn);
      continue;
    }
    const name = asText(n.value) ?? '';
    const value = asText(v.value) ?? '';
    if (name === 'Reference-Security-Policy') out.reference = { name: value, span: (vNode ?? a).span };
    else if (/^Protocol-(SSLv3|TLSv1|TLSv1\.1)$/.test(name) && value.toLowerCase() === 'true') out.protocols.push({ name: name.replace(/^Protocol-/, ''), span: (vNode ?? a).span });
  }
  return out;
}

function judgeNegotiation(ctx: RuleContext, resource: Resource, duty: Rule['duty'], p: ReturnType<typeof negotiationPolicy>, what: string): RuleOutcome {
  if (p.dependsOn.length > 0) return unknown(p.dependsOn);
  if (p.protocols.length > 0) {
    return gapOutcome(
      ctx,
      resource,
      duty,
      p.protocols[0].span,
      { what, problem: `turns on ${protocolList(p.protocols.map((x) => x.name))}`, fix: 'use `Reference-Security-Policy` `ELBSecurityPolicy-TLS-1-2-2017-01` (TLS 1.2 only) instead of listing protocols' },
      { severity: 'warning' },
    );
  }
  if (p.reference) return judgeElbPolicy(ctx, resource, duty, p.reference.name, p.reference.span, what, undefined, 'warning');
  return met('the SSL negotiation policy turns on no protocol older than TLS 1.2');
}

export const elbTlsPolicy: Rule = {
  id: 'elb-tls-policy',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Load balancer security policies do not accept TLS 1.0 or 1.1',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::ElasticLoadBalancingV2::Listener', CLASSIC_CFN],
  terraformTypes: ['aws_lb_listener', 'aws_alb_listener', CLASSIC_TF_POLICY, 'aws_elb'],
  properties: {
    cloudformation: [['SslPolicy'], ['Protocol'], ['Listeners', 'PolicyNames'], ['Policies', 'Attributes']],
    terraform: [['ssl_policy'], ['protocol'], ['policy_type_name'], ['policy_attribute'], ['listener', 'lb_protocol']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (resource.type === 'aws_elb') return classicTerraform(ctx, resource, this.duty);
    if (ELBV2_LISTENERS.includes(resource.type)) {
      const p = leaf(ctx, resource.properties, [cfn ? 'Protocol' : 'protocol']);
      if (p.kind === 'unknown') return unknown(p.dependsOn);
      if (p.kind === 'absent' || !['HTTPS', 'TLS'].includes(asText(p.value)?.toUpperCase() ?? '')) return notApplicable;
      const key = cfn ? 'SslPolicy' : 'ssl_policy';
      const s = leaf(ctx, resource.properties, [key]);
      if (s.kind === 'unknown') return unknown(s.dependsOn);
      if (s.kind === 'found') return judgeElbPolicy(ctx, resource, this.duty, asText(s.value) ?? '', s.node.span, 'listener', [key], 'warning');
      return gapOutcome(
        ctx,
        resource,
        this.duty,
        p.node.span,
        {
          what: 'listener',
          problem: `gets the default security policy \`${ELB.defaults.elbv2}\`, which accepts TLS 1.0 and TLS 1.1`,
          fix: cfn ? `set \`SslPolicy: ${RECOMMENDED_ELB_POLICY}\`` : `set \`ssl_policy = "${RECOMMENDED_ELB_POLICY}"\``,
        },
        { severity: 'information', fix: fixSpec([key], RECOMMENDED_ELB_POLICY) },
      );
    }
    if (resource.type === CLASSIC_TF_POLICY) {
      const t = leaf(ctx, resource.properties, ['policy_type_name']);
      if (t.kind === 'unknown') return unknown(t.dependsOn);
      if (t.kind !== 'found' || asText(t.value) !== 'SSLNegotiationPolicyType') return notApplicable;
      const dynamic = unreadDynamic(ctx, resource.properties, 'policy_attribute');
      if (dynamic) return unknown(dynamic);
      const attrs = mapsAt(ctx, resource.properties, ['policy_attribute']);
      if (attrs.dependsOn.length > 0) return unknown(attrs.dependsOn);
      return judgeNegotiation(ctx, resource, this.duty, negotiationPolicy(ctx, attrs.maps, { name: 'name', value: 'value' }), 'SSL negotiation policy');
    }
    // Classic Load Balancer (CloudFormation): each HTTPS / SSL listener and the SSL negotiation policy it names.
    const policies = mapsAt(ctx, resource.properties, ['Policies']);
    const byName = new Map<string, MapNode>();
    for (const m of policies.maps) {
      const n = ctx.values.evaluate(get(m, 'PolicyName'));
      if (n.known && asText(n.value)) byName.set(asText(n.value) as string, m);
    }
    const outcomes: RuleOutcome[] = policies.dependsOn.length > 0 ? [unknown(policies.dependsOn)] : [];
    const listeners = mapsAt(ctx, resource.properties, ['Listeners']);
    if (listeners.dependsOn.length > 0) outcomes.push(unknown(listeners.dependsOn));
    for (const l of listeners.maps) {
      const protoNode = get(l, 'Protocol');
      const proto = ctx.values.evaluate(protoNode);
      if (!proto.known) {
        outcomes.push(unknown(proto.dependsOn));
        continue;
      }
      if (!['HTTPS', 'SSL'].includes(asText(proto.value)?.toUpperCase() ?? '')) continue;
      const names = ctx.values.evaluate(get(l, 'PolicyNames'));
      if (!names.known) {
        outcomes.push(unknown(names.dependsOn));
        continue;
      }
      const list = (Array.isArray(names.value) ? (names.value as readonly PlainValue[]) : names.value === null ? [] : [names.value]).map((x) => asText(x) ?? '');
      const ssl: RuleOutcome[] = [];
      const undecided: string[] = [];
      for (const name of list) {
        const m = byName.get(name);
        if (m) {
          const type = ctx.values.evaluate(get(m, 'PolicyType'));
          if (!type.known) undecided.push(...type.dependsOn);
          else if (asText(type.value) === 'SSLNegotiationPolicyType') ssl.push(judgeNegotiation(ctx, resource, this.duty, negotiationPolicy(ctx, mapsAt(ctx, m, ['Attributes']).maps, { name: 'Name', value: 'Value' }), 'load balancer'));
        } else if (elbPolicyOldProtocols(name) !== undefined) {
          const span = get(l, 'PolicyNames')?.span ?? l.span;
          ssl.push(judgeElbPolicy(ctx, resource, this.duty, name, span, 'load balancer', undefined, 'warning'));
        } else if (!stickinessPolicyNames(ctx, resource).has(name)) undecided.push(`listener policy ${name} (not defined in this template)`);
      }
      if (ssl.length > 0) outcomes.push(...ssl);
      else if (undecided.length > 0) outcomes.push(unknown(undecided));
      else
        outcomes.push(
          gapOutcome(
            ctx,
            resource,
            this.duty,
            protoNode?.span ?? l.span,
            {
              what: 'load balancer',
              problem: `has an ${asText(proto.value)} listener with the default security policy \`${ELB.defaults.classic}\`, which accepts TLS 1.0 and TLS 1.1`,
              fix: 'add an `SSLNegotiationPolicyType` policy with `Reference-Security-Policy` `ELBSecurityPolicy-TLS-1-2-2017-01` and name it in the listener\'s `PolicyNames`',
            },
            { severity: 'information' },
          ),
        );
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

/**
 * A Terraform Classic Load Balancer: its HTTPS / SSL listeners take their SSL negotiation policy from an
 * `aws_load_balancer_listener_policy` of the same load balancer and port (the policy itself is judged on its
 * `aws_load_balancer_policy`); a listener that none configures gets the default `ELBSecurityPolicy-2016-08`.
 */
function classicTerraform(ctx: RuleContext, elb: Resource, duty: Rule['duty']): RuleOutcome {
  const listeners = mapsAt(ctx, elb.properties, ['listener']);
  const outcomes: RuleOutcome[] = listeners.dependsOn.length > 0 ? [unknown(listeners.dependsOn)] : [];
  const own = tfAddress(elb.id)?.block;
  const nameLeaf = leaf(ctx, elb.properties, ['name']);
  const myName = nameLeaf.kind === 'found' ? asText(nameLeaf.value) : undefined;
  const ports: (number | undefined)[] = [];
  const undecided: string[] = [];
  for (const r of resourcesOfType(ctx.doc, 'aws_load_balancer_listener_policy')) {
    if (r.mode !== 'resource') continue;
    const n = get(r.properties, 'load_balancer_name');
    const prefix = modulePrefix(r);
    const elbRefs = n?.type === 'expr' ? n.refs.map((ref) => tfAddress(prefix + ref)?.block).filter((b): b is string => b !== undefined && /(^|\.)aws_elb\.[^.]+$/.test(b)) : [];
    if (elbRefs.length > 0) {
      if (!elbRefs.includes(own ?? '')) continue;
    } else {
      const ev = ctx.values.evaluate(n);
      if (!ev.known) {
        undecided.push(`${r.id}: load_balancer_name ${ev.dependsOn.join(', ')}`);
        continue;
      }
      if (nameLeaf.kind === 'unknown') {
        undecided.push(`${r.id} (load_balancer_name "${asText(ev.value) ?? ''}") and this load balancer's name`);
        continue;
      }
      if (myName === undefined || asText(ev.value) !== myName) continue;
    }
    const port = ctx.values.evaluate(get(r.properties, 'load_balancer_port'));
    ports.push(port.known ? Number(asText(port.value)) : undefined);
  }
  for (const l of listeners.maps) {
    const protoNode = get(l, 'lb_protocol');
    const proto = ctx.values.evaluate(protoNode);
    if (!proto.known) {
      outcomes.push(unknown(proto.dependsOn));
      continue;
    }
    const protocol = asText(proto.value)?.toUpperCase() ?? '';
    if (protocol !== 'HTTPS' && protocol !== 'SSL') continue;
    const port = ctx.values.evaluate(get(l, 'lb_port'));
    const p = port.known ? Number(asText(port.value)) : undefined;
    if (ports.some((x) => x === undefined || p === undefined || x === p)) {
      outcomes.push(met('an aws_load_balancer_listener_policy sets the listener\'s policies'));
      continue;
    }
    if (undecided.length > 0) {
      outcomes.push(unknown(undecided));
      continue;
    }
    outcomes.push(
      gapOutcome(
        ctx,
        elb,
        duty,
        protoNode?.span ?? l.span,
        {
          what: 'load balancer',
          problem: `has an ${protocol} listener with the default security policy \`${ELB.defaults.classic}\`, which accepts TLS 1.0 and TLS 1.1`,
          fix: `add an \`aws_load_balancer_policy\` of type \`SSLNegotiationPolicyType\` with \`Reference-Security-Policy\` \`ELBSecurityPolicy-TLS-1-2-2017-01\` and an \`aws_load_balancer_listener_policy\` for port ${p ?? 'of the listener'}`,
        },
        { severity: 'information' },
      ),
    );
  }
  return outcomes.length === 0 ? notApplicable : combine(outcomes);
}

/** Names of the Classic Load Balancer's cookie stickiness policies (listener policies that are no SSL policy). */
function stickinessPolicyNames(ctx: RuleContext, resource: Resource): Set<string> {
  const out = new Set<string>();
  for (const key of ['LBCookieStickinessPolicy', 'AppCookieStickinessPolicy']) {
    for (const m of mapsAt(ctx, resource.properties, [key]).maps) {
      const n = ctx.values.evaluate(get(m, 'PolicyName'));
      if (n.known && asText(n.value)) out.add(asText(n.value) as string);
    }
  }
  return out;
}

// ---- CloudFront ----

/** CloudFront viewer security policies that accept only TLS 1.2 or later. */
const CLOUDFRONT_MODERN = new Set(['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025']);
const CLOUDFRONT_OLD = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);
const CLOUDFRONT_RECOMMENDED = 'TLSv1.2_2021';

export const cloudfrontViewerTls: Rule = {
  id: 'cloudfront-viewer-tls-version',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'CloudFront distributions do not accept TLS 1.0 or 1.1 from viewers',
  docUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::CloudFront::Distribution'],
  terraformTypes: ['aws_cloudfront_distribution'],
  properties: {
    cloudformation: [['DistributionConfig', 'ViewerCertificate', 'MinimumProtocolVersion'], ['DistributionConfig', 'ViewerCertificate', 'CloudFrontDefaultCertificate']],
    terraform: [['viewer_certificate', 'minimum_protocol_version'], ['viewer_certificate', 'cloudfront_default_certificate']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const base = cfn ? ['DistributionConfig', 'ViewerCertificate'] : ['viewer_certificate'];
    const certs = mapsAt(ctx, resource.properties, base);
    if (certs.dependsOn.length > 0) return unknown(certs.dependsOn);
    const defaultCert = (span: Span): RuleOutcome =>
      gapOutcome(
        ctx,
        resource,
        this.duty,
        span,
        {
          what: 'distribution',
          problem: 'uses the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0 and TLS 1.1 from viewers',
          fix: cfn
            ? `serve it on your own domain with an ACM certificate (\`AcmCertificateArn\`, \`SslSupportMethod: sni-only\`) and \`MinimumProtocolVersion: ${CLOUDFRONT_RECOMMENDED}\``
            : `serve it on your own domain with an ACM certificate (\`acm_certificate_arn\`, \`ssl_support_method = "sni-only"\`) and \`minimum_protocol_version = "${CLOUDFRONT_RECOMMENDED}"\``,
        },
        { severity: 'information' },
      );
    if (certs.maps.length === 0) {
      // CloudFormation: no ViewerCertificate is the default certificate. Terraform requires the block.
      if (!cfn) return notApplicable;
      const dc = get(resource.properties, 'DistributionConfig');
      return defaultCert(dc?.span ?? resource.typeSpan);
    }
    const outcomes: RuleOutcome[] = [];
    for (const c of certs.maps) {
      const dflt = ctx.values.evaluate(get(c, cfn ? 'CloudFrontDefaultCertificate' : 'cloudfront_default_certificate'));
      const own = [cfn ? 'AcmCertificateArn' : 'acm_certificate_arn', cfn ? 'IamCertificateId' : 'iam_certificate_id'].some((k) => get(c, k) !== undefined);
      if (!dflt.known) {
        outcomes.push(unknown(dflt.dependsOn));
        continue;
      }
      if (!own && asText(dflt.value)?.toLowerCase() === 'true') {
        outcomes.push(defaultCert(get(c, cfn ? 'CloudFrontDefaultCertificate' : 'cloudfront_default_certificate')?.span ?? c.span));
        continue;
      }
      if (!own) {
        outcomes.push(unknown(['the viewer certificate names no certificate the rule can read']));
        continue;
      }
      const key = cfn ? 'MinimumProtocolVersion' : 'minimum_protocol_version';
      const path = [...base, key];
      const v = leaf(ctx, c, [key]);
      if (v.kind === 'unknown') outcomes.push(unknown(v.dependsOn));
      else if (v.kind === 'found' && CLOUDFRONT_MODERN.has(asText(v.value) ?? '')) outcomes.push(met(`${key}: ${asText(v.value) ?? ''}`));
      else if (v.kind === 'found' && !CLOUDFRONT_OLD.has(asText(v.value) ?? '')) outcomes.push(unknown([`${key} ${asText(v.value) ?? ''} is not a security policy the rule knows`]));
      else {
        const version = v.kind === 'found' ? asText(v.value) ?? '' : 'TLSv1';
        outcomes.push(
          gapOutcome(
            ctx,
            resource,
            this.duty,
            v.kind === 'found' ? v.node.span : c.span,
            {
              what: 'distribution',
              problem: v.kind === 'found' ? `accepts viewers on protocols older than TLS 1.2 (security policy \`${version}\`)` : 'accepts viewers on TLS 1.0 and TLS 1.1 (no minimum protocol version: the default is `TLSv1`)',
              fix: cfn ? `set \`MinimumProtocolVersion: ${CLOUDFRONT_RECOMMENDED}\`` : `set \`minimum_protocol_version = "${CLOUDFRONT_RECOMMENDED}"\``,
            },
            { severity: v.kind === 'found' ? 'warning' : 'information', fix: fixSpec(path, CLOUDFRONT_RECOMMENDED) },
          ),
        );
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

/** An S3 website endpoint (`b.s3-website-eu-west-1.amazonaws.com`, `b.s3-website.eu-west-1.amazonaws.com`): HTTP only. */
const S3_WEBSITE = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;

/**
 * A domain name the file does not decide whole but builds from an S3 website endpoint: `!Sub
 * '${Bucket}.s3-website-${AWS::Region}.amazonaws.com'`, a `!Select` / `!Split` of `!GetAtt Bucket.WebsiteURL`, Terraform
 * `aws_s3_bucket_website_configuration.w.website_endpoint` (or the bucket's legacy `website_endpoint`).
 */
function websiteEndpointWritten(node: ValueNode | undefined): boolean {
  const stack: ValueNode[] = node ? [node] : [];
  for (let budget = 200; stack.length > 0 && budget > 0; budget--) {
    const n = stack.pop() as ValueNode;
    if (n.type === 'scalar') {
      if (typeof n.value === 'string' && /\.s3-website[.-]|\.WebsiteURL$/.test(n.value)) return true;
    } else if (n.type === 'expr') {
      if (/\.website_endpoint\b|\.s3-website[.-]/.test(n.text)) return true;
    } else if (n.type === 'intrinsic') {
      if (n.fn === 'Fn::GetAtt' && n.arg.type === 'list' && n.arg.items[1]?.type === 'scalar' && n.arg.items[1].value === 'WebsiteURL') return true;
      stack.push(n.arg);
    } else if (n.type === 'list') for (const x of n.items) stack.push(x);
    else if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
  }
  return false;
}

export const cloudfrontOriginHttps: Rule = {
  id: 'cloudfront-origin-https',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'CloudFront distributions do not reach custom origins over plain HTTP',
  docUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::CloudFront::Distribution'],
  terraformTypes: ['aws_cloudfront_distribution'],
  properties: {
    cloudformation: [['DistributionConfig', 'Origins', 'CustomOriginConfig', 'OriginProtocolPolicy']],
    terraform: [['origin', 'custom_origin_config', 'origin_protocol_policy']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const origins = mapsAt(ctx, resource.properties, cfn ? ['DistributionConfig', 'Origins'] : ['origin']);
    const outcomes: RuleOutcome[] = origins.dependsOn.length > 0 ? [unknown(origins.dependsOn)] : [];
    for (const o of origins.maps) {
      for (const l of leaves(ctx, o, cfn ? ['CustomOriginConfig', 'OriginProtocolPolicy'] : ['custom_origin_config', 'origin_protocol_policy'])) {
        if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
        else if (l.kind === 'found') {
          const v = asText(l.value)?.toLowerCase();
          if (v !== 'http-only') {
            outcomes.push(v === 'https-only' || v === 'match-viewer' ? met(`origin protocol policy ${v}`) : unknown([`origin protocol policy ${v ?? ''} is not one the rule knows`]));
            continue;
          }
          const domainNode = get(o, cfn ? 'DomainName' : 'domain_name');
          const domain = ctx.values.evaluate(domainNode);
          const website = domain.known ? S3_WEBSITE.test(asText(domain.value) ?? '') : websiteEndpointWritten(domainNode);
          outcomes.push(
            gapOutcome(
              ctx,
              resource,
              this.duty,
              l.node.span,
              website
                ? {
                    what: 'distribution',
                    problem: 'reaches its S3 website endpoint origin over plain HTTP (website endpoints do not support HTTPS)',
                    fix: 'use the bucket\'s REST endpoint as an S3 origin with origin access control, or put an HTTPS origin in front',
                  }
                : {
                    what: 'distribution',
                    problem: 'sends requests to its custom origin over plain HTTP (`http-only`)',
                    fix: cfn ? 'set the origin\'s `OriginProtocolPolicy: https-only` (the origin needs a certificate)' : 'set the origin\'s `origin_protocol_policy = "https-only"` (the origin needs a certificate)',
                  },
              website ? { severity: 'information' } : {},
            ),
          );
        }
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

// ---- API Gateway and OpenSearch TLS security policies ----

export const apiGatewayTlsPolicy = settingRule({
  id: 'api-gateway-tls-policy',
  duty: 'network-traffic-protection',
  title: 'API Gateway REST API custom domain names do not accept TLS 1.0',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::ApiGateway::DomainName': [['SecurityPolicy']],
    'AWS::ApiGateway::DomainNameV2': [['SecurityPolicy']],
    aws_api_gateway_domain_name: [['security_policy']],
    // HTTP and WebSocket API domain names (ApiGatewayV2) accept only TLS_1_2: nothing to ask there.
  },
  ok: (v) => {
    const s = asText(v) ?? '';
    if (s === 'TLS_1_0') return false;
    if (s === 'TLS_1_2' || /^SecurityPolicy_TLS1[23]_/.test(s)) return true;
    return undefined;
  },
  fixValue: 'TLS_1_2',
  absent: 'unknown',
  what: 'domain name',
  problem: 'accepts TLS 1.0 and TLS 1.1 (`TLS_1_0`)',
  before: (resource, ctx) => {
    const key = isCfn(resource) ? 'SecurityPolicy' : 'security_policy';
    return leaf(ctx, resource.properties, [key]).kind === 'absent' ? unknown([`${key} not set: the security policy API Gateway picks for the domain name`]) : undefined;
  },
});

const OPENSEARCH_TYPES = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain', 'aws_opensearch_domain', 'aws_elasticsearch_domain'];

export const opensearchTlsPolicy = settingRule({
  id: 'opensearch-tls-policy',
  duty: 'network-traffic-protection',
  title: 'OpenSearch / Elasticsearch domains do not accept TLS 1.0 or 1.1',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
  defaultSeverity: 'warning',
  paths: Object.fromEntries(
    OPENSEARCH_TYPES.map((t) => [t, t.startsWith('AWS::') ? [['DomainEndpointOptions', 'TLSSecurityPolicy']] : [['domain_endpoint_options', 'tls_security_policy']]]),
  ),
  ok: (v) => {
    const s = asText(v) ?? '';
    if (s === 'Policy-Min-TLS-1-0-2019-07') return false;
    if (/^Policy-Min-TLS-1-[23]-/.test(s)) return true;
    return undefined;
  },
  fixValue: 'Policy-Min-TLS-1-2-PFS-2023-10',
  absent: 'unknown',
  what: 'domain',
  problem: 'accepts TLS 1.0 and TLS 1.1 (`Policy-Min-TLS-1-0-2019-07`)',
  before: (resource, ctx) => {
    const path = isCfn(resource) ? ['DomainEndpointOptions', 'TLSSecurityPolicy'] : ['domain_endpoint_options', 'tls_security_policy'];
    const ls = leaves(ctx, resource.properties, path);
    return ls.every((l) => l.kind === 'absent') ? unknown([`${path.join('.')} not set: the security policy OpenSearch Service picks for the domain`]) : undefined;
  },
});

// ---- RDS / Aurora parameter groups that force TLS ----

interface ForceTls {
  readonly parameter: 'rds.force_ssl' | 'require_secure_transport';
  /** What the engine does when the group leaves the parameter out: met (on by default), gap (off), or undecided. */
  readonly byDefault: 'on' | 'off' | 'unknown';
}

/**
 * Which parameter forces TLS for a parameter group family, for the kind of group (instance or cluster), and its
 * default (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html and the per-engine pages):
 * `rds.force_ssl` for PostgreSQL (on by default from 15) and SQL Server, `require_secure_transport` for MySQL 5.7+,
 * MariaDB 10.5+ and Aurora MySQL; Aurora's parameters are cluster-level. Undefined: the family has no such parameter.
 */
export function forceTlsParameter(family: string, cluster: boolean): ForceTls | undefined {
  const f = family.toLowerCase();
  let m: RegExpMatchArray | null;
  if ((m = f.match(/^aurora-postgresql(\d+)/))) return cluster ? { parameter: 'rds.force_ssl', byDefault: Number(m[1]) >= 17 ? 'unknown' : 'off' } : undefined;
  if ((m = f.match(/^aurora-mysql(\d+)\.(\d+)/))) return cluster ? { parameter: 'require_secure_transport', byDefault: 'off' } : undefined;
  if (f.startsWith('aurora')) return undefined;
  if ((m = f.match(/^postgres(\d+)/))) return { parameter: 'rds.force_ssl', byDefault: Number(m[1]) >= 15 ? 'on' : 'off' };
  if (f.startsWith('sqlserver-')) return cluster ? undefined : { parameter: 'rds.force_ssl', byDefault: 'off' };
  if ((m = f.match(/^mysql(\d+)\.(\d+)/))) return Number(m[1]) * 100 + Number(m[2]) >= 507 ? { parameter: 'require_secure_transport', byDefault: 'off' } : undefined;
  if ((m = f.match(/^mariadb(\d+)\.(\d+)/))) return !cluster && Number(m[1]) * 100 + Number(m[2]) >= 1005 ? { parameter: 'require_secure_transport', byDefault: 'off' } : undefined;
  return undefined;
}

/** `1` / `ON` / `true` force TLS, `0` / `OFF` / `false` do not (MySQL reads require_secure_transport as a boolean). */
function forcesTls(v: PlainValue): boolean | undefined {
  const s = (asText(v) ?? '').toLowerCase();
  if (['1', 'on', 'true'].includes(s)) return true;
  if (['0', 'off', 'false'].includes(s)) return false;
  return undefined;
}

const PARAMETER_GROUPS: Readonly<Record<string, boolean>> = {
  'AWS::RDS::DBParameterGroup': false,
  'AWS::RDS::DBClusterParameterGroup': true,
  aws_db_parameter_group: false,
  aws_rds_cluster_parameter_group: true,
};

export const rdsForceTls: Rule = {
  id: 'rds-parameter-group-force-tls',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'RDS and Aurora parameter groups require TLS connections',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup'],
  terraformTypes: ['aws_db_parameter_group', 'aws_rds_cluster_parameter_group'],
  properties: { cloudformation: [['Family'], ['Parameters']], terraform: [['family'], ['parameter', 'name'], ['parameter', 'value']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const fam = leaf(ctx, resource.properties, [cfn ? 'Family' : 'family']);
    if (fam.kind === 'unknown') return unknown(fam.dependsOn);
    if (fam.kind === 'absent') return notApplicable;
    const family = asText(fam.value) ?? '';
    const spec = forceTlsParameter(family, PARAMETER_GROUPS[resource.type] ?? false);
    if (!spec) return notApplicable;
    const p = groupParameter(ctx, resource, spec.parameter);
    if (p.dependsOn) return unknown(p.dependsOn);
    const found = p.node ? { node: p.node, value: p.value ?? null } : undefined;
    const setting = cfn ? `\`Parameters\` \`${spec.parameter}: 1\`` : `a \`parameter\` block with \`name = "${spec.parameter}"\` and \`value = "1"\``;
    if (found) {
      const on = forcesTls(found.value);
      if (on === true) return met(`${spec.parameter}: ${asText(found.value) ?? ''}`);
      if (on === undefined) return unknown([`${spec.parameter} has a value the rule does not recognize`]);
      return gapOutcome(ctx, resource, this.duty, found.node.span, {
        what: 'parameter group',
        problem: `lets clients connect without TLS (\`${spec.parameter}\` is off)`,
        fix: `set ${setting}`,
      });
    }
    if (spec.byDefault === 'on') return met(`${spec.parameter} defaults to 1 for ${family}`);
    if (spec.byDefault === 'unknown') return unknown([`${spec.parameter} not set: the ${family} default`]);
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'parameter group',
      problem: `lets clients connect without TLS (\`${spec.parameter}\` is off by default for ${family})`,
      fix: `add ${setting}`,
    });
  },
};
