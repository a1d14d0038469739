import { asMap, entry, get, getAll, items } from '../model/nodes';
import type { MapNode, Resource, Span, ValueNode } from '../model/types';
import { decidedBranch, dynamicBlockCount, unreadDynamic } from './check';
import { capitalize, gapSentence, quoteName } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Gap, Rule, RuleContext, RuleOutcome } from './rule-api';
import { pushAll } from '../arrays';
import { getAttTarget, refsThroughLocals, soleReference, walk } from '../values/links';
import { resourceByBlock } from '../model/resource-index';

/**
 * True when a CIDR covers every address: any prefix length 0 (`0.0.0.0/0`, `192.168.1.0/0` — EC2 normalizes the latter
 * to the former —, `::/0`, `2001:db8::/0`). Messages keep the CIDR as written.
 */
export function isWorldCidr(cidr: string): boolean {
  const t = cidr.trim();
  const slash = t.lastIndexOf('/');
  if (slash < 0 || !/^0+$/.test(t.slice(slash + 1))) return false;
  const addr = t.slice(0, slash);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(addr) || (addr.includes(':') && /^[0-9a-f:.]+$/i.test(addr));
}

/** Ports where exposure to the internet is an Error: administration and databases. */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [3389, 'RDP'], [5985, 'WinRM'], [5986, 'WinRM'], [3306, 'MySQL'], [5432, 'PostgreSQL'],
  [1433, 'SQL Server'], [1521, 'Oracle'], [6379, 'Redis'], [11211, 'Memcached'], [27017, 'MongoDB'], [9200, 'OpenSearch'],
  [9300, 'OpenSearch'], [5601, 'Kibana'], [2375, 'Docker'], [2379, 'etcd'], [445, 'SMB'], [135, 'RPC'],
]);

/** SENSITIVE_PORTS as an array, in the same order (iterating an array allocates nothing). */
const SENSITIVE_PORT_LIST: readonly (readonly [number, string])[] = [...SENSITIVE_PORTS];
/** The protocol when a rule names none. */
const TCP = { known: true, value: 'tcp' } as const;

interface RuleView {
  /** The CIDR property node, and the property it is in (`CidrIp`, `CidrIpv6`, `cidr_blocks`…: the fix names it). */
  cidr: ValueNode;
  cidrKey: string;
  cidrValue: string;
  from?: ValueNode;
  to?: ValueNode;
  protocol?: ValueNode;
}

/** How a world-open inbound rule is judged: what it exposes (`label`) and how bad that is; `web` = HTTP/HTTPS only (not reported). */
type PortClass = { readonly label: string; readonly severity: 'error' | 'warning' | 'information'; readonly allPorts?: true; readonly web?: true } | { readonly unknown: readonly string[] };

const ICMP_PROTOCOLS: ReadonlySet<string> = new Set(['icmp', '1', 'icmpv6', '58']);
/** Protocols whose rules carry a port range (names and numbers, as EC2 and Terraform accept them). */
const PORT_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', '6', '17']);

/** "port 22 (SSH)", "ports 3000-4000 (includes RDP 3389)", "ports 1024-65535 (includes RDP 3389, WinRM 5985, MySQL 3306 and 12 more)". */
function sensitiveLabel(label: string, from: number, to: number): string | undefined {
  const inside = SENSITIVE_PORT_LIST.filter(([port]) => port >= from && port <= to);
  if (inside.length === 0) return undefined;
  if (from === to) return `${label} (${inside[0][1]})`;
  const named = inside.slice(0, 3).map(([port, name]) => `${name} ${port}`).join(', ');
  return `${label} (includes ${named}${inside.length > 3 ? ` and ${inside.length - 3} more` : ''})`;
}

/** Describes what a rule open to the world exposes: all ports / a sensitive one / web only / ICMP / a portless protocol. */
function portClass(ctx: RuleContext, r: RuleView): PortClass {
  const proto = r.protocol ? ctx.values.evaluate(r.protocol) : TCP;
  if (!proto.known) return { unknown: proto.dependsOn };
  const p = String(proto.value).toLowerCase();
  if (p === '-1' || p === 'all') return { label: 'all ports', severity: 'error', allPorts: true };
  const f = r.from ? ctx.values.evaluate(r.from) : undefined;
  const t = r.to ? ctx.values.evaluate(r.to) : f;
  if (ICMP_PROTOCOLS.has(p)) {
    // ICMP carries no ports (FromPort/ToPort are the ICMP type and code, -1 = any): open to the world it lets anyone
    // ping the instance and receive its error messages (type 3 "fragmentation needed" is what path MTU discovery
    // needs). No service is reachable through it, so it is Information, never "all ports".
    const type = f && f.known ? Number(f.value) : NaN;
    const v6 = p === 'icmpv6' || p === '58';
    return { label: `${v6 ? 'ICMPv6' : 'ICMP'}${Number.isInteger(type) && type >= 0 ? ` type ${type}` : ''}`, severity: 'information' };
  }
  // Another protocol (ESP 50, GRE 47, ...): no ports either, the whole protocol is open.
  if (!PORT_PROTOCOLS.has(p)) return { label: `IP protocol ${p}`, severity: 'warning' };
  if (f && !f.known) return { unknown: f.dependsOn };
  if (t && !t.known) return { unknown: t.dependsOn };
  const from = f ? Number(f.value) : 0;
  const to = t ? Number(t.value) : 65535;
  if (Number.isNaN(from) || Number.isNaN(to)) return { unknown: ['port is not a number'] };
  // The named ports are TCP services (SSH, RDP, databases…): a UDP rule on them opens no such service. Open UDP ports
  // are still reachable from anywhere (a Warning), named by number only.
  if (p === 'udp' || p === '17') {
    if ((from <= 0 || from === -1) && (to >= 65535 || to === -1)) return { label: 'all UDP ports', severity: 'warning' };
    return { label: from === to ? `UDP port ${from}` : `UDP ports ${from}-${to}`, severity: 'warning' };
  }
  if ((from <= 0 || from === -1) && (to >= 65535 || to === -1)) return { label: 'all ports', severity: 'error', allPorts: true };
  const label = from === to ? `port ${from}` : `ports ${from}-${to}`;
  // A range is judged by the sensitive ports inside it. Security groups are stateful: replies to the instance's own
  // outbound connections come back whatever the inbound rules say, so an inbound ephemeral range (1024-65535,
  // 32768-65535...) is never needed for return traffic; opened to the world it exposes every service listening there
  // (RDP 3389, MySQL 3306, PostgreSQL 5432, Redis 6379...): an Error that names what it contains. (Network ACLs are
  // stateless and need that range for replies: see aclClass.)
  const sensitive = sensitiveLabel(label, from, to);
  if (sensitive) return { label: sensitive, severity: 'error' };
  if ((from === 80 || from === 443) && to === from) return { label, severity: 'information', web: true };
  return { label, severity: 'warning' };
}

/** Security groups themselves (the others are rules of a group). */
const GROUP_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::SecurityGroup', 'aws_security_group', 'aws_default_security_group']);

/** Load balancer types (their security groups are found through the links: `SecurityGroups` / `security_groups`). */
const LOAD_BALANCERS: ReadonlySet<string> = new Set(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer', 'aws_lb', 'aws_alb', 'aws_elb']);

/** The load balancer in the file that uses this security group (or the group this rule belongs to), if any. */
function loadBalancerOf(ctx: RuleContext, resource: Resource): Resource | undefined {
  const groups = GROUP_TYPES.has(resource.type) ? [resource] : ctx.links.from(resource, 'ingress').map((l) => l.to);
  for (const g of groups) for (const l of ctx.links.from(g, 'security-group')) if (LOAD_BALANCERS.has(l.to.type)) return l.to;
  return undefined;
}

/** Where the fix sentences name the CIDR property: the one the open range is in (IPv4 or IPv6). */
const CIDR_KEY = '{cidr}';

function checkRules(ctx: RuleContext, resource: Resource, rule: Rule, views: readonly RuleView[], fix: string, what: string): RuleOutcome {
  const outcomes: RuleOutcome[] = [];
  let lb: Resource | undefined | null = null;
  for (const v of views) {
    if (!isWorldCidr(v.cidrValue)) continue;
    const pc = portClass(ctx, v);
    if ('unknown' in pc) {
      outcomes.push(unknown(pc.unknown));
      continue;
    }
    if (pc.web) continue; // HTTP/HTTPS open to the world is what a public web server does
    if (lb === null) lb = loadBalancerOf(ctx, resource);
    // A load balancer accepts connections only on its listener ports: the fix that fits is to open just those.
    const ports = resource.language === 'cloudformation' ? '`FromPort`/`ToPort`' : '`from_port`/`to_port`';
    const gapFix = lb ? `allow only the listener ports (e.g. 80/443) with ${ports}: a load balancer needs nothing else from the internet` : fix.replace(CIDR_KEY, v.cidrKey);
    const of = lb ? ` of load balancer ${quoteName(lb.name)}` : '';
    const g: Gap = {
      message: gapSentence(ctx, resource, rule.duty, `${capitalize(pc.label)} open to ${v.cidrValue} ${what} ${quoteName(resource.name)}${of}`, gapFix),
      span: v.cidr.span,
      severity: pc.severity,
    };
    outcomes.push({ status: 'gap', gaps: [g] });
  }
  if (outcomes.length === 0) return views.length > 0 ? met('no inbound rule open to the world except HTTP/HTTPS') : notApplicable;
  return combine(outcomes);
}

const TF_RANGES = /^(?:data\.)?aws_(?:default_)?(?:vpc|subnet)\.[^.]+\.(?:ipv6_)?cidr_block$/;
const CFN_RANGE_TYPES = new Set(['AWS::EC2::VPC', 'AWS::EC2::Subnet']);
const CFN_RANGE_ATTRIBUTES = new Set(['CidrBlock', 'Ipv6CidrBlocks', 'Ipv6CidrBlock']);

/**
 * Whether a CIDR the evaluator cannot decide is a VPC's or a subnet's own range (`!GetAtt Vpc.CidrBlock`,
 * `aws_vpc.main.cidr_block`, `data.aws_subnet.s.cidr_block`): a VPC's range is a /16 to /28 (IPv6 a /56, a subnet's a
 * /64), never the whole internet, whatever the addresses.
 */
function networkRange(ctx: RuleContext, node: ValueNode): boolean {
  if (node.type === 'intrinsic') {
    if (node.fn === 'Fn::Select' && node.arg.type === 'list' && node.arg.items[1]) return networkRange(ctx, node.arg.items[1]);
    const t = getAttTarget(node);
    if (!t || !CFN_RANGE_ATTRIBUTES.has(t.attribute)) return false;
    const r = resourceByBlock(ctx.doc, t.id);
    return r !== undefined && CFN_RANGE_TYPES.has(r.type);
  }
  const ref = soleReference(node);
  return ref !== undefined && TF_RANGES.test(ref);
}

/** Reads CIDR fields, resolving what the file decides; list-valued (Terraform cidr_blocks) yields one view per item. */
function cidrViews(ctx: RuleContext, m: MapNode, keys: readonly string[], from?: string, to?: string, protocol?: string): { views: RuleView[]; unknown: string[]; ranges: number } {
  const views: RuleView[] = [];
  const unk: string[] = [];
  let ranges = 0;
  for (const key of keys) {
    const e = entry(m, key);
    if (!e) continue;
    const r = ctx.values.resolve(e.value);
    if (!r.known) {
      if (networkRange(ctx, e.value)) ranges++;
      else pushAll(unk, r.dependsOn);
      continue;
    }
    for (const item of items(r.node)) {
      const ev = ctx.values.evaluate(item);
      if (!ev.known) {
        if (networkRange(ctx, item)) ranges++;
        else pushAll(unk, ev.dependsOn);
        continue;
      }
      if (typeof ev.value !== 'string') continue;
      views.push({ cidr: item, cidrKey: key, cidrValue: ev.value, from: from ? get(m, from) : undefined, to: to ? get(m, to) : undefined, protocol: protocol ? get(m, protocol) : undefined });
    }
  }
  return { views, unknown: unk, ranges };
}

export const securityGroupOpenIngress: Rule = {
  id: 'security-group-open-ingress',
  duty: 'firewall-configuration',
  owner: 'customer',
  title: 'Security groups do not open administration, database or all ports to the internet',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  // aws_default_security_group: a VPC's default group, adopted by Terraform, with the same ingress blocks.
  terraformTypes: ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  properties: {
    cloudformation: [['SecurityGroupIngress', 'CidrIp'], ['SecurityGroupIngress', 'CidrIpv6'], ['SecurityGroupIngress', 'FromPort'], ['SecurityGroupIngress', 'ToPort'], ['SecurityGroupIngress', 'IpProtocol'], ['CidrIp'], ['CidrIpv6'], ['FromPort'], ['ToPort'], ['IpProtocol']],
    terraform: [['ingress', 'cidr_blocks'], ['ingress', 'ipv6_cidr_blocks'], ['ingress', 'from_port'], ['ingress', 'to_port'], ['ingress', 'protocol'], ['cidr_blocks'], ['ipv6_cidr_blocks'], ['cidr_ipv4'], ['cidr_ipv6'], ['from_port'], ['to_port'], ['protocol'], ['ip_protocol']],
  },
  check(resource, ctx) {
    const p = resource.properties;
    const views: RuleView[] = [];
    const unk: string[] = [];
    let ranges = 0;
    const add = (r: { views: RuleView[]; unknown: string[]; ranges: number }): void => {
      pushAll(views, r.views);
      pushAll(unk, r.unknown);
      ranges += r.ranges;
    };
    let fix: string;
    switch (resource.type) {
      case 'AWS::EC2::SecurityGroup': {
        // The list itself may be an `!If` (rules only when a condition holds, `AWS::NoValue` otherwise).
        const ingress = get(p, 'SecurityGroupIngress');
        const list = ingress ? ctx.values.resolve(ingress) : undefined;
        if (list && !list.known) pushAll(unk, list.dependsOn);
        for (const item of list?.known ? items(list.node) : []) {
          const r = ctx.values.resolve(item);
          if (!r.known) pushAll(unk, r.dependsOn);
          else if (asMap(r.node)) add(cidrViews(ctx, asMap(r.node) as MapNode, ['CidrIp', 'CidrIpv6'], 'FromPort', 'ToPort', 'IpProtocol'));
        }
        fix = 'restrict `{cidr}` to the addresses that need access, or reach the instance through Systems Manager or a bastion';
        break;
      }
      case 'AWS::EC2::SecurityGroupIngress':
        if (p) add(cidrViews(ctx, p, ['CidrIp', 'CidrIpv6'], 'FromPort', 'ToPort', 'IpProtocol'));
        fix = 'restrict `{cidr}` to the addresses that need access';
        break;
      case 'aws_security_group':
      case 'aws_default_security_group':
        // A `dynamic "ingress"` the analysis could not expand (core/dynamic-blocks.ts) leaves its rules unread.
        pushAll(unk, unreadDynamic(ctx, p, 'ingress') ?? []);
        for (const ing of getAll(p, 'ingress').flatMap((n) => items(n))) {
          const m = asMap(ing);
          if (m) add(cidrViews(ctx, m, ['cidr_blocks', 'ipv6_cidr_blocks'], 'from_port', 'to_port', 'protocol'));
        }
        fix = 'restrict `{cidr}` to the addresses that need access';
        break;
      case 'aws_security_group_rule': {
        const type = ctx.values.evaluate(get(p, 'type'));
        if (type.known && type.value !== 'ingress') return notApplicable;
        if (p) add(cidrViews(ctx, p, ['cidr_blocks', 'ipv6_cidr_blocks'], 'from_port', 'to_port', 'protocol'));
        fix = 'restrict `{cidr}` to the addresses that need access';
        break;
      }
      default:
        if (p) add(cidrViews(ctx, p, ['cidr_ipv4', 'cidr_ipv6'], 'from_port', 'to_port', 'ip_protocol'));
        fix = 'restrict `{cidr}` to the addresses that need access';
    }
    // "in `Group`" / "by rule `Rule`": the row's rule id says it is a security group, and the problem stays short
    // enough to read whole in the Problems panel.
    const what = GROUP_TYPES.has(resource.type) ? 'in' : 'by rule';
    const out = checkRules(ctx, resource, this, views, fix, what);
    if (out.status !== 'gap' && unk.length > 0) return unknown(unk);
    if (out.status === 'not-applicable' && ranges > 0) return met("ingress only from the VPC's or its subnets' own address ranges");
    return out;
  },
};

// ---- network ACLs ----

/** Ports that must never be open to the world at the subnet edge (remote administration). */
const NACL_ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
]);

interface AclView {
  readonly span: ValueNode['span'];
  readonly cidr: string;
  /** The property the CIDR is in (`CidrBlock`, `ipv6_cidr_block`...): the fix names it. */
  readonly cidrKey: string;
  readonly protocol?: ValueNode;
  readonly from?: ValueNode;
  readonly to?: ValueNode;
}

/** Protocol numbers/names that carry ports (TCP, UDP); -1 / all = every protocol and port. */
function aclClass(ctx: RuleContext, v: AclView): { label: string; severity: 'warning' | 'information' } | { unknown: readonly string[] } | undefined {
  const proto = ctx.values.evaluate(v.protocol);
  if (!proto.known) return { unknown: proto.dependsOn };
  const p = String(proto.value ?? '-1').toLowerCase();
  if (p === '-1' || p === 'all') return { label: 'all traffic', severity: 'information' };
  if (!['6', '17', 'tcp', 'udp'].includes(p)) return undefined;
  const f = ctx.values.evaluate(v.from);
  const t = ctx.values.evaluate(v.to);
  if (!f.known) return { unknown: f.dependsOn };
  if (!t.known) return { unknown: t.dependsOn };
  const from = f.value === null ? 0 : Number(f.value);
  const to = t.value === null ? 65535 : Number(t.value);
  if (Number.isNaN(from) || Number.isNaN(to)) return { unknown: ['port is not a number'] };
  if (from <= 0 && to >= 65535) return { label: 'all ports', severity: 'information' };
  // Network ACLs are stateless: replies to connections the subnet opens come back on ephemeral ports, so an inbound
  // allow of an ephemeral range up to 65535 from anywhere (1024-65535, 32768-65535, 49152-65535) is the rule AWS's own
  // examples add for return traffic. RDP 3389 falling inside 1024-65535 is then not a choice to open RDP: the security
  // groups decide what listens (security-group-open-ingress reports them).
  if (from >= 1024 && to >= 65535) return undefined;
  for (const [port, name] of NACL_ADMIN_PORTS) if (port >= from && port <= to) return { label: `port ${port} (${name})`, severity: 'warning' };
  return undefined;
}

export const networkAclOpenIngress: Rule = {
  id: 'network-acl-open-admin-ports',
  duty: 'firewall-configuration',
  owner: 'customer',
  title: 'Network ACLs do not allow SSH, RDP or all traffic in from the internet',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::NetworkAclEntry'],
  terraformTypes: ['aws_network_acl_rule', 'aws_network_acl', 'aws_default_network_acl'],
  properties: {
    cloudformation: [['Egress'], ['RuleAction'], ['CidrBlock'], ['Ipv6CidrBlock'], ['Protocol'], ['PortRange', 'From'], ['PortRange', 'To']],
    terraform: [['egress'], ['rule_action'], ['cidr_block'], ['ipv6_cidr_block'], ['protocol'], ['from_port'], ['to_port'], ['ingress', 'action'], ['ingress', 'cidr_block'], ['ingress', 'ipv6_cidr_block'], ['ingress', 'protocol'], ['ingress', 'from_port'], ['ingress', 'to_port']],
  },
  check(resource, ctx) {
    const p = resource.properties;
    const views: AclView[] = [];
    const unk: string[] = [];
    const collect = (m: MapNode, cidrKeys: readonly string[], actionKey: string, protoKey: string, from: (m: MapNode) => ValueNode | undefined, to: (m: MapNode) => ValueNode | undefined): void => {
      const action = ctx.values.evaluate(get(m, actionKey));
      if (!action.known) {
        pushAll(unk, action.dependsOn);
        return;
      }
      if (String(action.value).toLowerCase() !== 'allow') return;
      for (const k of cidrKeys) {
        const n = get(m, k);
        if (!n) continue;
        const ev = ctx.values.evaluate(n);
        if (!ev.known) pushAll(unk, ev.dependsOn);
        else if (typeof ev.value === 'string' && isWorldCidr(ev.value)) views.push({ span: n.span, cidr: ev.value, cidrKey: k, protocol: get(m, protoKey), from: from(m), to: to(m) });
      }
    };
    if (resource.type === 'AWS::EC2::NetworkAclEntry' || resource.type === 'aws_network_acl_rule') {
      if (!p) return notApplicable;
      const cfn = resource.type === 'AWS::EC2::NetworkAclEntry';
      const egress = ctx.values.evaluate(get(p, cfn ? 'Egress' : 'egress'));
      if (!egress.known) return unknown(egress.dependsOn);
      if (egress.value === true || String(egress.value).toLowerCase() === 'true') return notApplicable;
      if (cfn) collect(p, ['CidrBlock', 'Ipv6CidrBlock'], 'RuleAction', 'Protocol', (m) => getPathOf(m, ['PortRange', 'From']), (m) => getPathOf(m, ['PortRange', 'To']));
      else collect(p, ['cidr_block', 'ipv6_cidr_block'], 'rule_action', 'protocol', (m) => get(m, 'from_port'), (m) => get(m, 'to_port'));
    } else {
      pushAll(unk, unreadDynamic(ctx, p, 'ingress') ?? []);
      for (const ing of getAll(p, 'ingress').flatMap((n) => items(n))) {
        const m = asMap(ing);
        if (m) collect(m, ['cidr_block', 'ipv6_cidr_block'], 'action', 'protocol', (x) => get(x, 'from_port'), (x) => get(x, 'to_port'));
      }
    }
    const outcomes: RuleOutcome[] = [];
    for (const v of views) {
      const c = aclClass(ctx, v);
      if (!c) continue;
      if ('unknown' in c) {
        outcomes.push(unknown(c.unknown));
        continue;
      }
      const cfn = resource.language === 'cloudformation';
      outcomes.push({
        status: 'gap',
        gaps: [{
          message: gapSentence(ctx, resource, this.duty, `${capitalize(c.label)} allowed in from ${v.cidr} by ${resource.type.endsWith('_rule') || cfn ? 'network ACL entry' : 'network ACL'} ${quoteName(resource.name)}`, `restrict \`${v.cidrKey}\` to the networks that need access, or deny the port, and rely on security groups for instance-level rules`),
          span: v.span,
          severity: c.severity,
        }],
      });
    }
    if (outcomes.length === 0) return unk.length > 0 ? unknown(unk) : met('no inbound allow rule opens SSH, RDP or all traffic to the world');
    return combine(outcomes);
  },
};

function getPathOf(m: MapNode, path: readonly string[]): ValueNode | undefined {
  let cur: ValueNode | undefined = m;
  for (const k of path) cur = cur && cur.type === 'map' ? get(cur, k) : undefined;
  return cur;
}

// ---- a VPC's default security group ----

/** Rules that add to a group: CloudFormation's separate ingress/egress resources, Terraform's rule resources. */
const GROUP_RULE_KEYS: ReadonlyMap<string, string> = new Map([
  ['AWS::EC2::SecurityGroupIngress', 'GroupId'],
  ['AWS::EC2::SecurityGroupEgress', 'GroupId'],
  ['aws_security_group_rule', 'security_group_id'],
  ['aws_vpc_security_group_ingress_rule', 'security_group_id'],
  ['aws_vpc_security_group_egress_rule', 'security_group_id'],
]);

/** `X.DefaultSecurityGroup` of a CloudFormation `Fn::GetAtt` (a VPC's attribute): X, else undefined. */
function defaultGroupGetAtt(n: ValueNode): string | undefined {
  if (n.type !== 'intrinsic' || n.fn !== 'Fn::GetAtt') return undefined;
  const parts = n.arg.type === 'scalar' && typeof n.arg.value === 'string' ? n.arg.value.split('.') : n.arg.type === 'list' ? n.arg.items.map((i) => (i.type === 'scalar' ? String(i.value) : '')) : [];
  return parts.length === 2 && parts[1] === 'DefaultSecurityGroup' ? parts[0] : undefined;
}

/** A Terraform reference to a default group: `aws_vpc.X.default_security_group_id` or `aws_default_security_group.X.…`. */
function defaultGroupRef(ref: string): string | undefined {
  const p = ref.split('.');
  if (p[0] === 'aws_vpc' && p.length >= 3 && p[p.length - 1] === 'default_security_group_id') return `the default security group of VPC ${quoteName(p[1])}`;
  if (p[0] === 'aws_default_security_group' && p.length >= 3) return `default security group ${quoteName(p[1])}`;
  return undefined;
}

/**
 * Which default group a rule's group value names ("the default security group of VPC `Main`"); `{ unknown }` when the
 * file leaves it to a condition one of whose branches names one; undefined for any other group (another group, or one
 * given from outside the file: most likely a group of its own, and the default group is then not this rule's).
 */
function ruleTargetsDefault(ctx: RuleContext, resource: Resource, node: ValueNode): string | { unknown: readonly string[] } | undefined {
  if (resource.language === 'cloudformation') {
    // A condition (`Fn::If`) the file decides picks its branch; one it does not may name the default group.
    const n = decidedBranch(ctx, node);
    if (n.node) {
      const vpc = defaultGroupGetAtt(n.node);
      return vpc === undefined ? undefined : `the default security group of VPC ${quoteName(vpc)}`;
    }
    let branch = false;
    walk(node, (x) => (branch ||= defaultGroupGetAtt(x) !== undefined));
    return branch ? { unknown: n.unknown } : undefined;
  }
  for (const ref of refsThroughLocals(node, ctx.doc.declarations.locals)) {
    const named = defaultGroupRef(ref);
    if (named) return named;
  }
  return undefined;
}

/**
 * A VPC's default security group should allow no traffic (Security Hub EC2.2): it is the group of every instance and
 * interface launched without one, so rules added to it reach resources nobody meant to open. Terraform's
 * aws_default_security_group removes every rule of the group when it adopts it, then adds the ones it writes; rules
 * added to it elsewhere (an ingress/egress resource naming `aws_vpc.X.default_security_group_id`, CloudFormation's
 * `!GetAtt X.DefaultSecurityGroup`) open it too. CloudFormation cannot manage the group's own rules.
 */
export const defaultSecurityGroupTraffic: Rule = {
  id: 'default-security-group-traffic',
  duty: 'firewall-configuration',
  owner: 'customer',
  title: "VPCs' default security groups allow no traffic",
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  terraformTypes: ['aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  properties: { cloudformation: [['GroupId']], terraform: [['ingress'], ['egress'], ['security_group_id']] },
  check(resource, ctx) {
    const p = resource.properties;
    if (resource.type === 'aws_default_security_group') {
      // The rules written as blocks (or a list attribute), then those `dynamic` blocks make.
      const rules: { k: string; span: Span }[] = [];
      const unk: string[] = [];
      for (const k of ['ingress', 'egress']) {
        for (const n of getAll(p, k)) for (const node of items(n)) rules.push({ k, span: node.span });
        const d = dynamicBlockCount(ctx, p, k);
        if (d.unknown) pushAll(unk, d.unknown);
        else if (d.count > 0) {
          const span = p?.entries.find((e) => e.key === 'dynamic' && e.labels?.[0] === k)?.value.span ?? resource.typeSpan;
          for (let i = 0; i < d.count; i++) rules.push({ k, span });
        }
      }
      if (rules.length === 0) return unk.length > 0 ? unknown(unk) : met('no ingress or egress rule: Terraform removes the default rules when it adopts the group');
      const kinds = [...new Set(rules.map((r) => (r.k === 'ingress' ? 'inbound' : 'outbound')))].join(' and ');
      return {
        status: 'gap',
        gaps: [
          {
            message: gapSentence(ctx, resource, this.duty, `Default security group ${quoteName(resource.name)} allows ${kinds} traffic (${rules.length} rule${rules.length === 1 ? '' : 's'})`, 'remove its `ingress` and `egress` blocks and give each resource a security group of its own'),
            span: rules[0].span,
          },
        ],
      };
    }
    const key = GROUP_RULE_KEYS.get(resource.type);
    const group = key ? get(p, key) : undefined;
    if (!group) return notApplicable;
    const target = ruleTargetsDefault(ctx, resource, group);
    if (target === undefined) return notApplicable;
    if (typeof target !== 'string') return unknown(target.unknown);
    const type = resource.type === 'aws_security_group_rule' ? ctx.values.evaluate(get(p, 'type')) : undefined;
    const egress = resource.type === 'AWS::EC2::SecurityGroupEgress' || resource.type === 'aws_vpc_security_group_egress_rule' || (type !== undefined && type.known && type.value === 'egress');
    return {
      status: 'gap',
      gaps: [
        {
          message: gapSentence(ctx, resource, this.duty, `Rule ${quoteName(resource.name)} adds ${egress ? 'outbound' : 'inbound'} traffic to ${target}`, 'put the rule on a security group of your own and attach that group to the resources that need it'),
          span: group.span,
        },
      ],
    };
  },
};
