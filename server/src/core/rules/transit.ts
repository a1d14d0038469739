/** Network traffic protection (encryption in transit): plain-HTTP listeners and services without TLS. */
import { entry, get, items } from '../model/nodes';
import { resourcesOfTypes } from '../model/resource-index';
import type { Resource } from '../model/types';
import { cfnRefs, tfAddress } from '../values/links';
import { quoteName } from './message';
import type { PlainValue } from '../values/evaluator-api';
import { asBool, asText, equalsText, fixSpec, gapOutcome, isCfn, isTrue, leaf, leaves, mapsAt, notEqualsText, settingRule } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import { elbv2Attribute } from './logging';

/** A redirect to HTTPS among a listener's default actions. */
function redirectsToHttps(ctx: RuleContext, resource: Resource): boolean | undefined {
  const cfn = isCfn(resource);
  const actions = mapsAt(ctx, resource.properties, [cfn ? 'DefaultActions' : 'default_action']);
  let undecided = actions.dependsOn.length > 0;
  for (const a of actions.maps) {
    const type = ctx.values.evaluate(get(a, cfn ? 'Type' : 'type'));
    if (!type.known) {
      undecided = true;
      continue;
    }
    if (asText(type.value)?.toLowerCase() !== 'redirect') continue;
    const proto = leaf(ctx, a, cfn ? ['RedirectConfig', 'Protocol'] : ['redirect', 'protocol']);
    if (proto.kind === 'unknown') undecided = true;
    else if (proto.kind === 'found' && asText(proto.value)?.toUpperCase() === 'HTTPS') return true;
  }
  return undecided ? undefined : false;
}

const ELBV2_LOAD_BALANCERS: ReadonlySet<string> = new Set(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'aws_lb', 'aws_alb']);

/**
 * Whether a load balancer is internal: CloudFormation `Scheme: internal` (default internet-facing), Terraform
 * `internal = true` (default false). Undefined when the file does not decide it.
 */
function isInternal(ctx: RuleContext, lb: Resource): boolean | undefined {
  if (isCfn(lb)) {
    const l = leaf(ctx, lb.properties, ['Scheme']);
    if (l.kind === 'absent') return false;
    return l.kind === 'found' ? asText(l.value)?.toLowerCase() === 'internal' : undefined;
  }
  const l = leaf(ctx, lb.properties, ['internal']);
  if (l.kind === 'absent') return false;
  return l.kind === 'found' ? asBool(l.value) : undefined;
}

/** Whether a Terraform `aws_lb` / `aws_alb` is an Application Load Balancer (`load_balancer_type`, default "application"). */
function isApplication(ctx: RuleContext, lb: Resource): boolean | undefined {
  const l = leaf(ctx, lb.properties, ['load_balancer_type']);
  if (l.kind === 'absent') return true;
  return l.kind === 'found' ? asText(l.value)?.toLowerCase() === 'application' : undefined;
}

/** The load balancers of this file a listener's `LoadBalancerArn` / `load_balancer_arn` refers to (every instance of a counted one). */
function listenerLoadBalancers(ctx: RuleContext, listener: Resource): Resource[] {
  const cfn = isCfn(listener);
  const node = get(listener.properties, cfn ? 'LoadBalancerArn' : 'load_balancer_arn');
  if (!node) return [];
  if (cfn) {
    const ids = cfnRefs(node);
    return resourcesOfTypes(ctx.doc, ELBV2_LOAD_BALANCERS).filter((r) => ids.has(r.id));
  }
  // Terraform: `aws_lb.x.arn` (or `aws_lb.x[0].arn`) names the block aws_lb.x of the listener's own module.
  const own = tfAddress(listener.id)?.module ?? '';
  const blocks = new Set<string>();
  if (node.type === 'expr') {
    for (const ref of node.refs) {
      const p = ref.split('.');
      if (p.length >= 2 && ELBV2_LOAD_BALANCERS.has(p[0])) blocks.add((own ? own + '.' : '') + `${p[0]}.${p[1]}`);
    }
  }
  if (blocks.size === 0) return [];
  return resourcesOfTypes(ctx.doc, ELBV2_LOAD_BALANCERS).filter((r) => {
    const a = tfAddress(r.id);
    return a !== undefined && blocks.has(a.block);
  });
}

export const elbv2ListenerHttps: Rule = {
  id: 'elbv2-listener-https',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Load balancer listeners use HTTPS or redirect HTTP to HTTPS',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  terraformTypes: ['aws_lb_listener', 'aws_alb_listener'],
  properties: {
    cloudformation: [['Protocol'], ['DefaultActions', 'Type'], ['DefaultActions', 'RedirectConfig', 'Protocol']],
    terraform: [['protocol'], ['default_action', 'type'], ['default_action', 'redirect', 'protocol']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const p = leaf(ctx, resource.properties, [cfn ? 'Protocol' : 'protocol']);
    if (p.kind === 'unknown') return unknown(p.dependsOn);
    if (p.kind === 'absent' && cfn) return notApplicable;
    const lbs = listenerLoadBalancers(ctx, resource);
    // Terraform: without `protocol` a listener of an Application Load Balancer serves HTTP (the provider's default; a
    // Network Load Balancer's is TCP), so the listener is plain HTTP when every load balancer it names here is one.
    if (p.kind === 'absent' && !(lbs.length > 0 && lbs.every((lb) => isApplication(ctx, lb) === true))) return unknown(['protocol not set: Terraform defaults to HTTP for Application Load Balancers']);
    if (p.kind === 'found' && asText(p.value)?.toUpperCase() !== 'HTTP') return met(`protocol ${asText(p.value) ?? ''}`);
    const r = redirectsToHttps(ctx, resource);
    if (r === true) return met('HTTP listener redirects to HTTPS');
    if (r === undefined) return unknown(['the listener default action']);
    // On an internal load balancer (every one the listener belongs to, as the file decides it) plain HTTP stays inside
    // the VPC and its connected networks: still worth encrypting, but Information, not Warning.
    const internal = lbs.length > 0 && lbs.every((lb) => isInternal(ctx, lb) === true);
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      p.kind === 'found' ? p.node.span : resource.typeSpan,
      {
        what: 'listener',
        problem: internal ? `serves plain HTTP without redirecting to HTTPS on internal load balancer ${quoteName(lbs[0].name)} (traffic stays inside the network)` : 'serves plain HTTP without redirecting to HTTPS',
        fix: cfn ? 'use `Protocol: HTTPS` with a certificate, or make the default action a `redirect` with `Protocol: HTTPS`' : 'use `protocol = "HTTPS"` with a certificate, or make the default action a `redirect` with `protocol = "HTTPS"`',
      },
      internal ? { severity: 'information' } : {},
    );
  },
};

export const elbClassicListenerHttps: Rule = {
  id: 'elb-classic-listener-https',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Classic Load Balancer listeners use HTTPS or SSL',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  terraformTypes: ['aws_elb'],
  properties: { cloudformation: [['Listeners', 'Protocol']], terraform: [['listener', 'lb_protocol']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const outcomes: RuleOutcome[] = [];
    // An internal Classic Load Balancer (`Scheme: internal` / `internal = true`) keeps plain HTTP inside the network: Information.
    const internal = isInternal(ctx, resource) === true;
    for (const l of leaves(ctx, resource.properties, cfn ? ['Listeners', 'Protocol'] : ['listener', 'lb_protocol'])) {
      if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
      else if (l.kind === 'found') {
        if (asText(l.value)?.toUpperCase() === 'HTTP') {
          outcomes.push(
            gapOutcome(
              ctx,
              resource,
              this.duty,
              l.node.span,
              {
                what: internal ? 'internal load balancer' : 'load balancer',
                problem: internal ? 'has a plain HTTP listener (traffic stays inside the network)' : 'has a plain HTTP listener',
                fix: cfn ? 'use `Protocol: HTTPS` with `SSLCertificateId`' : 'use `lb_protocol = "https"` with `ssl_certificate_id`',
              },
              internal ? { severity: 'information' } : {},
            ),
          );
        } else outcomes.push(met(`listener protocol ${asText(l.value) ?? ''}`));
      }
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

export const cloudfrontViewerHttps = settingRule({
  id: 'cloudfront-viewer-https',
  duty: 'network-traffic-protection',
  title: 'CloudFront distributions do not serve viewers over plain HTTP',
  docUrl: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::CloudFront::Distribution': [
      ['DistributionConfig', 'DefaultCacheBehavior', 'ViewerProtocolPolicy'],
      ['DistributionConfig', 'CacheBehaviors', 'ViewerProtocolPolicy'],
    ],
    aws_cloudfront_distribution: [
      ['default_cache_behavior', 'viewer_protocol_policy'],
      ['ordered_cache_behavior', 'viewer_protocol_policy'],
    ],
  },
  ok: notEqualsText('allow-all'),
  fixValue: 'redirect-to-https',
  absent: 'not-applicable',
  what: 'distribution',
  problem: 'lets viewers connect over plain HTTP (`allow-all`)',
});

/** ElastiCache engines whose encryption defaults the file cannot be read for (Valkey turns it on by default). */
function valkeyDefault(key: { cloudformation: string; terraform: string }) {
  return (resource: Resource, ctx: RuleContext): RuleOutcome | undefined => {
    const engine = leaf(ctx, resource.properties, [isCfn(resource) ? 'Engine' : 'engine']);
    if (!entry(resource.properties, key[resource.language]) && engine.kind === 'found' && asText(engine.value)?.toLowerCase() === 'valkey') return unknown(['the Valkey engine default']);
    return undefined;
  };
}

export const elasticacheTransitEncryption = settingRule({
  id: 'elasticache-transit-encryption',
  duty: 'network-traffic-protection',
  title: 'ElastiCache replication groups encrypt traffic in transit',
  docUrl: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::ElastiCache::ReplicationGroup': [['TransitEncryptionEnabled']], aws_elasticache_replication_group: [['transit_encryption_enabled']] },
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning' },
  what: 'replication group',
  problem: 'does not encrypt traffic in transit',
  before: valkeyDefault({ cloudformation: 'TransitEncryptionEnabled', terraform: 'transit_encryption_enabled' }),
});

const OPENSEARCH = {
  cfn: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  tf: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
};

function byType(cfnPath: readonly string[], tfPath: readonly string[]): Record<string, readonly (readonly string[])[]> {
  const out: Record<string, readonly (readonly string[])[]> = {};
  for (const t of OPENSEARCH.cfn) out[t] = [cfnPath];
  for (const t of OPENSEARCH.tf) out[t] = [tfPath];
  return out;
}

export const opensearchNodeToNodeEncryption = settingRule({
  id: 'opensearch-node-to-node-encryption',
  duty: 'network-traffic-protection',
  title: 'OpenSearch / Elasticsearch domains encrypt node-to-node traffic',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
  defaultSeverity: 'warning',
  paths: byType(['NodeToNodeEncryptionOptions', 'Enabled'], ['node_to_node_encryption', 'enabled']),
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning' },
  what: 'domain',
  problem: 'does not encrypt traffic between its nodes',
});

export const opensearchEnforceHttps = settingRule({
  id: 'opensearch-enforce-https',
  duty: 'network-traffic-protection',
  title: 'OpenSearch / Elasticsearch domains require HTTPS',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
  defaultSeverity: 'warning',
  paths: byType(['DomainEndpointOptions', 'EnforceHTTPS'], ['domain_endpoint_options', 'enforce_https']),
  ok: isTrue,
  fixValue: true,
  absent: { gap: 'warning' },
  what: 'domain',
  problem: 'accepts plain HTTP requests',
  before: (resource) => {
    // The Terraform provider defaults enforce_https to true once a domain_endpoint_options block is written.
    if (isCfn(resource)) return undefined;
    const block = get(resource.properties, 'domain_endpoint_options');
    return block && block.type === 'map' && !entry(block, 'enforce_https') ? met('domain_endpoint_options: enforce_https defaults to true') : undefined;
  },
});

const MSK_DOC = 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html';

export const mskEncryptionInTransit: Rule = {
  id: 'msk-encryption-in-transit',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'MSK clusters encrypt traffic in transit',
  docUrl: MSK_DOC,
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::MSK::Cluster'],
  terraformTypes: ['aws_msk_cluster'],
  properties: {
    cloudformation: [['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker'], ['EncryptionInfo', 'EncryptionInTransit', 'InCluster']],
    terraform: [['encryption_info', 'encryption_in_transit', 'client_broker'], ['encryption_info', 'encryption_in_transit', 'in_cluster']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const base = cfn ? ['EncryptionInfo', 'EncryptionInTransit'] : ['encryption_info', 'encryption_in_transit'];
    const checks: { key: string; ok: (v: PlainValue) => boolean | undefined; value: boolean | string; problem: string }[] = [
      { key: cfn ? 'ClientBroker' : 'client_broker', ok: equalsText('TLS'), value: 'TLS', problem: 'accepts plaintext traffic between clients and brokers' },
      { key: cfn ? 'InCluster' : 'in_cluster', ok: (v) => asBool(v), value: true, problem: 'does not encrypt traffic between brokers' },
    ];
    const outcomes: RuleOutcome[] = [];
    for (const c of checks) {
      const path = [...base, c.key];
      const l = leaf(ctx, resource.properties, path);
      if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
      else if (l.kind === 'absent') outcomes.push(met(`${path.join('.')} defaults to ${String(c.value)}`));
      else {
        const ok = c.ok(l.value);
        if (ok === true) outcomes.push(met(`${path.join('.')}: ${String(c.value)}`));
        else if (ok === undefined) outcomes.push(unknown([`${c.key} has an unrecognized value`]));
        else {
          outcomes.push(
            gapOutcome(
              ctx,
              resource,
              this.duty,
              l.node.span,
              { what: 'cluster', problem: c.problem, fix: cfn ? `set \`${c.key}: ${String(c.value)}\`` : `set \`${c.key} = ${JSON.stringify(c.value)}\`` },
              { fix: fixSpec(path, c.value) },
            ),
          );
        }
      }
    }
    return combine(outcomes);
  },
};

/**
 * A Transfer Family server that enables FTP: FTP carries credentials and files unencrypted (SFTP and FTPS encrypt
 * them). Servers use SFTP unless `Protocols` says otherwise. Security Hub Transfer.2.
 */
export const transferServerFtp: Rule = {
  id: 'transfer-server-ftp',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Transfer Family servers do not enable plain FTP',
  docUrl: 'https://docs.aws.amazon.com/transfer/latest/userguide/create-server-ftp.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::Transfer::Server'],
  terraformTypes: ['aws_transfer_server'],
  properties: { cloudformation: [['Protocols']], terraform: [['protocols']] },
  check(resource, ctx) {
    const key = isCfn(resource) ? 'Protocols' : 'protocols';
    const node = get(resource.properties, key);
    if (!node) return met(`${key} not set: SFTP (the default)`);
    const r = ctx.values.resolve(node);
    if (!r.known) return unknown(r.dependsOn);
    const outcomes: RuleOutcome[] = [];
    // A single name where a list is expected is read as a list of one.
    for (const item of r.node.type === 'list' ? items(r.node) : [r.node]) {
      const ev = ctx.values.evaluate(item);
      if (!ev.known) {
        outcomes.push(unknown(ev.dependsOn));
        continue;
      }
      const p = typeof ev.value === 'string' ? ev.value : undefined;
      if (p === undefined) outcomes.push(unknown([`${key} has an entry that is not a protocol name`]));
      else if (p.toUpperCase() !== 'FTP') outcomes.push(met(`${key}: ${p}`));
      else {
        const fix = 'remove `FTP` (use SFTP or FTPS)';
        outcomes.push(gapOutcome(ctx, resource, this.duty, item.span, { what: 'server', problem: 'enables plain FTP, which sends credentials and files unencrypted', fix }));
      }
    }
    return outcomes.length === 0 ? met(`${key}: none listed`) : combine(outcomes);
  },
};

/**
 * A DAX cluster's endpoint speaks TLS only when `ClusterEndpointEncryptionType` is `TLS` (default `NONE`; changing it
 * replaces the cluster). Security Hub DynamoDB.7.
 */
export const daxEncryptionInTransit = settingRule({
  id: 'dax-encryption-in-transit',
  duty: 'network-traffic-protection',
  title: 'DAX clusters encrypt client traffic (TLS endpoint)',
  docUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::DAX::Cluster': [['ClusterEndpointEncryptionType']], aws_dax_cluster: [['cluster_endpoint_encryption_type']] },
  ok: equalsText('TLS'),
  fixValue: 'TLS',
  absent: { gap: 'warning', problem: 'serves its clients unencrypted (the endpoint encryption type defaults to `NONE`)' },
  what: 'cluster',
  problem: 'serves its clients unencrypted',
});

/**
 * An Application Load Balancer passes HTTP headers that are not valid to its targets unless
 * `routing.http.drop_invalid_header_fields.enabled` is true (default false); malformed headers are a way to smuggle
 * requests past what the targets expect. The strictest desync mitigation mode also rejects such requests. Security
 * Hub ELB.4.
 */
export const elbDropInvalidHeaders: Rule = {
  id: 'elb-drop-invalid-headers',
  duty: 'network-traffic-protection',
  owner: 'customer',
  title: 'Application Load Balancers drop invalid HTTP headers',
  docUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  terraformTypes: ['aws_lb', 'aws_alb'],
  properties: { cloudformation: [['Type'], ['LoadBalancerAttributes']], terraform: [['load_balancer_type'], ['drop_invalid_header_fields'], ['desync_mitigation_mode']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const t = leaf(ctx, resource.properties, [cfn ? 'Type' : 'load_balancer_type']);
    if (t.kind === 'unknown') return unknown(t.dependsOn);
    if (t.kind === 'found' && asText(t.value)?.toLowerCase() !== 'application') return notApplicable;
    const what = 'load balancer';
    const problem = 'passes HTTP headers that are not valid on to its targets (they are kept by default)';
    if (cfn) {
      const a = elbv2Attribute(ctx, resource.properties, 'routing.http.drop_invalid_header_fields.enabled');
      if (a.dependsOn) return unknown(a.dependsOn);
      const on = a.value === undefined || a.value === null ? false : asBool(a.value);
      if (on === undefined) return unknown(['routing.http.drop_invalid_header_fields.enabled has a value the rule does not recognize']);
      if (on) return met('routing.http.drop_invalid_header_fields.enabled: true');
      const mode = elbv2Attribute(ctx, resource.properties, 'routing.http.desync_mitigation_mode');
      if (mode.dependsOn) return unknown(mode.dependsOn);
      if (asText(mode.value ?? null)?.toLowerCase() === 'strictest') return met('desync mitigation mode strictest');
      return gapOutcome(ctx, resource, this.duty, a.node?.span ?? resource.typeSpan, {
        what,
        problem,
        fix: 'set the `LoadBalancerAttributes` `routing.http.drop_invalid_header_fields.enabled` to `true`',
      });
    }
    const l = leaf(ctx, resource.properties, ['drop_invalid_header_fields']);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    const on = l.kind === 'found' ? asBool(l.value) : false;
    if (on === undefined) return unknown(['drop_invalid_header_fields is not a boolean']);
    if (on) return met('drop_invalid_header_fields: true');
    const mode = leaf(ctx, resource.properties, ['desync_mitigation_mode']);
    if (mode.kind === 'unknown') return unknown(mode.dependsOn);
    if (mode.kind === 'found' && asText(mode.value)?.toLowerCase() === 'strictest') return met('desync_mitigation_mode: strictest');
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.kind === 'found' ? l.node.span : resource.typeSpan,
      { what, problem, fix: 'set `drop_invalid_header_fields = true`' },
      { fix: fixSpec(['drop_invalid_header_fields'], true) },
    );
  },
};
