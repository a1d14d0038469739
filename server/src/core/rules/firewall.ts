import { asMap, entry, get, getAll, items } from '../model/nodes';
import type { MapNode, Resource, ValueNode } from '../model/types';
import { gapMessage } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Gap, Rule, RuleContext, RuleOutcome } from './rule-api';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Ports where exposure to the internet is an Error: administration and databases. */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [3389, 'RDP'], [5985, 'WinRM'], [5986, 'WinRM'], [3306, 'MySQL'], [5432, 'PostgreSQL'],
  [1433, 'SQL Server'], [1521, 'Oracle'], [6379, 'Redis'], [11211, 'Memcached'], [27017, 'MongoDB'], [9200, 'OpenSearch'],
  [9300, 'OpenSearch'], [5601, 'Kibana'], [2375, 'Docker'], [2379, 'etcd'], [445, 'SMB'], [135, 'RPC'],
]);

interface RuleView {
  /** The CIDR property node. */
  cidr: ValueNode;
  cidrValue: string;
  from?: ValueNode;
  to?: ValueNode;
  protocol?: ValueNode;
}

/** Describes the port range of a rule, and whether it is all ports / a sensitive one / web only. */
function portClass(ctx: RuleContext, r: RuleView): { label: string; severity: 'error' | 'warning' | 'information' } | { unknown: readonly string[] } {
  const proto = r.protocol ? ctx.values.evaluate(r.protocol) : { known: true as const, value: 'tcp' };
  if (!proto.known) return { unknown: proto.dependsOn };
  const p = String(proto.value).toLowerCase();
  if (p === '-1' || p === 'all') return { label: 'all ports', severity: 'error' };
  if (p === 'icmp' || p === '1' || p === 'icmpv6' || p === '58') return { label: 'ICMP', severity: 'warning' };
  const f = r.from ? ctx.values.evaluate(r.from) : undefined;
  const t = r.to ? ctx.values.evaluate(r.to) : f;
  if (f && !f.known) return { unknown: f.dependsOn };
  if (t && !t.known) return { unknown: t.dependsOn };
  const from = f ? Number(f.value) : 0;
  const to = t ? Number(t.value) : 65535;
  if (Number.isNaN(from) || Number.isNaN(to)) return { unknown: ['port is not a number'] };
  if ((from <= 0 || from === -1) && (to >= 65535 || to === -1)) return { label: 'all ports', severity: 'error' };
  const label = from === to ? `port ${from}` : `ports ${from}-${to}`;
  for (const [port, name] of SENSITIVE_PORTS) if (port >= from && port <= to) return { label: `${label} (${name})`, severity: 'error' };
  if ((from === 80 || from === 443) && to === from) return { label, severity: 'information' };
  return { label, severity: 'warning' };
}

function checkRules(ctx: RuleContext, resource: Resource, rule: Rule, views: readonly RuleView[], fix: string): RuleOutcome {
  const outcomes: RuleOutcome[] = [];
  for (const v of views) {
    if (!WORLD.has(v.cidrValue)) continue;
    const pc = portClass(ctx, v);
    if ('unknown' in pc) {
      outcomes.push(unknown(pc.unknown));
      continue;
    }
    if (pc.severity === 'information') continue; // HTTP/HTTPS open to the world is what a public web server does
    const g: Gap = {
      message: gapMessage(ctx, resource, rule.duty, 'security group', `allows inbound ${pc.label} from ${v.cidrValue}`, fix),
      span: v.cidr.span,
      severity: pc.severity,
    };
    outcomes.push({ status: 'gap', gaps: [g] });
  }
  if (outcomes.length === 0) return views.length > 0 ? met('no inbound rule open to the world except HTTP/HTTPS') : notApplicable;
  return combine(outcomes);
}

/** Reads CIDR fields, resolving what the file decides; list-valued (Terraform cidr_blocks) yields one view per item. */
function cidrViews(ctx: RuleContext, m: MapNode, keys: readonly string[], from?: string, to?: string, protocol?: string): { views: RuleView[]; unknown: string[] } {
  const views: RuleView[] = [];
  const unk: string[] = [];
  for (const key of keys) {
    const e = entry(m, key);
    if (!e) continue;
    const r = ctx.values.resolve(e.value);
    if (!r.known) {
      unk.push(...r.dependsOn);
      continue;
    }
    for (const item of items(r.node)) {
      const ev = ctx.values.evaluate(item);
      if (!ev.known) {
        unk.push(...ev.dependsOn);
        continue;
      }
      if (typeof ev.value !== 'string') continue;
      views.push({ cidr: item, cidrValue: ev.value, from: from ? get(m, from) : undefined, to: to ? get(m, to) : undefined, protocol: protocol ? get(m, protocol) : undefined });
    }
  }
  return { views, unknown: unk };
}

export const securityGroupOpenIngress: Rule = {
  id: 'security-group-open-ingress',
  duty: 'firewall-configuration',
  owner: 'customer',
  title: 'Security groups do not open administration, database or all ports to the internet',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  terraformTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check(resource, ctx) {
    const p = resource.properties;
    const views: RuleView[] = [];
    const unk: string[] = [];
    const add = (r: { views: RuleView[]; unknown: string[] }): void => {
      views.push(...r.views);
      unk.push(...r.unknown);
    };
    let fix: string;
    switch (resource.type) {
      case 'AWS::EC2::SecurityGroup':
        for (const item of items(get(p, 'SecurityGroupIngress'))) {
          const r = ctx.values.resolve(item);
          if (!r.known) unk.push(...r.dependsOn);
          else if (asMap(r.node)) add(cidrViews(ctx, asMap(r.node) as MapNode, ['CidrIp', 'CidrIpv6'], 'FromPort', 'ToPort', 'IpProtocol'));
        }
        fix = 'restrict `CidrIp` to the addresses that need access, or reach the instance through Systems Manager or a bastion';
        break;
      case 'AWS::EC2::SecurityGroupIngress':
        if (p) add(cidrViews(ctx, p, ['CidrIp', 'CidrIpv6'], 'FromPort', 'ToPort', 'IpProtocol'));
        fix = 'restrict `CidrIp` to the addresses that need access';
        break;
      case 'aws_security_group':
        for (const ing of getAll(p, 'ingress').flatMap((n) => items(n))) {
          const m = asMap(ing);
          if (m) add(cidrViews(ctx, m, ['cidr_blocks', 'ipv6_cidr_blocks'], 'from_port', 'to_port', 'protocol'));
        }
        fix = 'restrict `cidr_blocks` to the addresses that need access';
        break;
      case 'aws_security_group_rule': {
        const type = ctx.values.evaluate(get(p, 'type'));
        if (type.known && type.value !== 'ingress') return notApplicable;
        if (p) add(cidrViews(ctx, p, ['cidr_blocks', 'ipv6_cidr_blocks'], 'from_port', 'to_port', 'protocol'));
        fix = 'restrict `cidr_blocks` to the addresses that need access';
        break;
      }
      default:
        if (p) add(cidrViews(ctx, p, ['cidr_ipv4', 'cidr_ipv6'], 'from_port', 'to_port', 'ip_protocol'));
        fix = 'restrict `cidr_ipv4` to the addresses that need access';
    }
    const out = checkRules(ctx, resource, this, views, fix);
    if (out.status !== 'gap' && unk.length > 0) return unknown(unk);
    return out;
  },
};
