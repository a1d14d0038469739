/**
 * Precision (issue 13 items 7 and 9): network exposure judged exactly (any /0 CIDR, ICMP, portless protocols,
 * ephemeral ranges) and the known false positives (SSM agent actions, HTTP on internal load balancers, load balancer
 * security groups, ECS public IPs in subnets the file does not decide). CloudFormation cases run as YAML and as the
 * same document in JSON (long intrinsic forms), Terraform as HCL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { isWorldCidr } from '../../../server/src/core/rules/firewall';
import { cfn, tf } from './fixtures';

interface Expect {
  readonly status: 'gap' | 'met' | 'unknown' | 'not-applicable';
  readonly severity?: 'error' | 'warning' | 'information';
  /** Every finding's message matches. */
  readonly message?: RegExp;
  /** No finding's message matches. */
  readonly not?: RegExp;
  /** For unknown: a dependency matches. */
  readonly dependsOn?: RegExp;
}

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly lang: 'cfn' | 'tf';
  readonly text: string;
  readonly expect: Expect;
}

function runs(lang: 'cfn' | 'tf', text: string): { name: string; analysis: Analysis; text: string }[] {
  if (lang === 'tf') return [{ name: 'terraform', analysis: analyzeText('main.tf', text), text }];
  const json = JSON.stringify(YAML.parse(text), null, 2);
  return [
    { name: 'yaml', analysis: analyzeText('t.yaml', text), text },
    { name: 'json', analysis: analyzeText('t.json', json), text: json },
  ];
}

/** A CloudFormation template with its own parameters and resources (YAML, long intrinsic forms). */
const template = (parameters: string, resources: string): string => `${parameters ? `Parameters:\n${parameters}\n` : ''}Resources:\n${resources}\n`;

const sg = (rule: string): string => cfn('AWS::EC2::SecurityGroup', `GroupDescription: x\nSecurityGroupIngress:\n  - ${rule}`);
const tfSg = (ingress: string): string => tf('aws_security_group', `ingress {\n${ingress}\n}`);
const nacl = (props: string): string => cfn('AWS::EC2::NetworkAclEntry', `NetworkAclId: acl-1\nRuleNumber: 100\nRuleAction: allow\n${props}`);

const LB_FIX = /listener ports \(e\.g\. 80\/443\)/;

const CASES: readonly Case[] = [
  // ---- item 7: any prefix length 0 is the whole internet ----
  { name: 'IPv4 /0 with host bits (192.168.1.0/0)', rule: 'security-group-open-ingress', lang: 'cfn', text: sg('{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 192.168.1.0/0}'), expect: { status: 'gap', severity: 'error', message: /^Port 22 \(SSH\) open to 192\.168\.1\.0\/0 / } },
  { name: 'IPv6 /0 (2001:db8::/0)', rule: 'security-group-open-ingress', lang: 'cfn', text: sg("{IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: '2001:db8::/0'}"), expect: { status: 'gap', severity: 'error', message: /open to 2001:db8::\/0 / } },
  {
    name: '/0 from a parameter default',
    rule: 'security-group-open-ingress',
    lang: 'cfn',
    text: template('  Cidr:\n    Type: String\n    Default: 10.0.0.0/0', '  R:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 5432\n      ToPort: 5432\n      CidrIp: {Ref: Cidr}'),
    expect: { status: 'gap', severity: 'error', message: /^Port 5432 \(PostgreSQL\) open to 10\.0\.0\.0\/0 / },
  },
  {
    name: '/0 from a Terraform variable default',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: 'variable "cidr" {\n  default = "172.16.0.0/0"\n}\nresource "aws_security_group_rule" "r" {\n  type = "ingress"\n  security_group_id = "sg-1"\n  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = [var.cidr]\n}\n',
    expect: { status: 'gap', severity: 'error', message: /open to 172\.16\.0\.0\/0 / },
  },
  { name: 'a /1 is not the whole internet', rule: 'security-group-open-ingress', lang: 'tf', text: tfSg('from_port = 22\nto_port = 22\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/1", "10.0.0.0/8"]'), expect: { status: 'met' } },
  { name: 'a CIDR the file does not decide stays unknown', rule: 'security-group-open-ingress', lang: 'tf', text: tfSg('from_port = 22\nto_port = 22\nprotocol = "tcp"\ncidr_blocks = [var.p]'), expect: { status: 'unknown' } },
  // ---- item 7: ICMP, portless protocols and ephemeral ranges ----
  { name: 'ICMP open to the world is Information, not all ports', rule: 'security-group-open-ingress', lang: 'cfn', text: sg('{IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0}'), expect: { status: 'gap', severity: 'information', message: /^ICMP open to 0\.0\.0\.0\/0 /, not: /all ports/i } },
  { name: 'ICMP echo (type 8) by protocol number', rule: 'security-group-open-ingress', lang: 'tf', text: tfSg('from_port = 8\nto_port = 0\nprotocol = "1"\ncidr_blocks = ["0.0.0.0/0"]'), expect: { status: 'gap', severity: 'information', message: /^ICMP type 8 open to 0\.0\.0\.0\/0 / } },
  { name: 'ICMPv6 from ::/0', rule: 'security-group-open-ingress', lang: 'tf', text: tf('aws_vpc_security_group_ingress_rule', 'security_group_id = "sg-1"\nip_protocol = "icmpv6"\nfrom_port = -1\nto_port = -1\ncidr_ipv6 = "::/0"'), expect: { status: 'gap', severity: 'information', message: /^ICMPv6 open to ::\/0 / } },
  { name: 'a portless protocol (ESP, 50) is that protocol, not all ports', rule: 'security-group-open-ingress', lang: 'cfn', text: sg('{IpProtocol: 50, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0}'), expect: { status: 'gap', severity: 'warning', message: /^IP protocol 50 open to 0\.0\.0\.0\/0 /, not: /all ports/i } },
  {
    name: 'the ephemeral range on a (stateful) security group names the sensitive ports it contains',
    rule: 'security-group-open-ingress',
    lang: 'cfn',
    text: sg('{IpProtocol: tcp, FromPort: 1024, ToPort: 65535, CidrIp: 0.0.0.0/0}'),
    expect: { status: 'gap', severity: 'error', message: /^Ports 1024-65535 \(includes RDP 3389, WinRM 5985, WinRM 5986 and \d+ more\) open to 0\.0\.0\.0\/0 / },
  },
  { name: 'a range with one sensitive port says which', rule: 'security-group-open-ingress', lang: 'tf', text: tfSg('from_port = 3380\nto_port = 3400\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/0"]'), expect: { status: 'gap', severity: 'error', message: /^Ports 3380-3400 \(includes RDP 3389\) open/ } },
  { name: 'a high range without sensitive ports is a Warning', rule: 'security-group-open-ingress', lang: 'tf', text: tf('aws_vpc_security_group_ingress_rule', 'security_group_id = "sg-1"\nip_protocol = "tcp"\nfrom_port = 49152\nto_port = 65535\ncidr_ipv4 = "0.0.0.0/0"'), expect: { status: 'gap', severity: 'warning', message: /^Ports 49152-65535 open to 0\.0\.0\.0\/0 / } },
  { name: 'all protocols is still all ports', rule: 'security-group-open-ingress', lang: 'cfn', text: sg("{IpProtocol: '-1', CidrIp: 0.0.0.0/0}"), expect: { status: 'gap', severity: 'error', message: /^All ports open to 0\.0\.0\.0\/0 / } },
  // ---- item 7: network ACLs ----
  { name: 'NACL: IPv4 /0 with host bits', rule: 'network-acl-open-admin-ports', lang: 'cfn', text: nacl('Protocol: 6\nCidrBlock: 172.16.0.0/0\nPortRange: {From: 22, To: 22}'), expect: { status: 'gap', severity: 'warning', message: /^Port 22 \(SSH\) allowed in from 172\.16\.0\.0\/0 / } },
  { name: 'NACL: IPv6 /0', rule: 'network-acl-open-admin-ports', lang: 'tf', text: tf('aws_network_acl_rule', 'network_acl_id = "acl-1"\nrule_number = 100\nprotocol = "tcp"\nrule_action = "allow"\nipv6_cidr_block = "2001:db8::/0"\nfrom_port = 3389\nto_port = 3389'), expect: { status: 'gap', severity: 'warning', message: /allowed in from 2001:db8::\/0 / } },
  { name: 'NACL: /0 from a parameter default', rule: 'network-acl-open-admin-ports', lang: 'cfn', text: template('  Cidr:\n    Type: String\n    Default: 10.0.0.0/0', '  R:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: acl-1\n      RuleNumber: 100\n      RuleAction: allow\n      Protocol: 6\n      CidrBlock: {Ref: Cidr}\n      PortRange: {From: 22, To: 22}'), expect: { status: 'gap', severity: 'warning', message: /from 10\.0\.0\.0\/0 / } },
  { name: 'NACL: the inbound ephemeral range (return traffic of a stateless ACL) is not RDP', rule: 'network-acl-open-admin-ports', lang: 'cfn', text: nacl('Protocol: 6\nCidrBlock: 0.0.0.0/0\nPortRange: {From: 1024, To: 65535}'), expect: { status: 'met' } },
  { name: 'NACL: a range around RDP still is', rule: 'network-acl-open-admin-ports', lang: 'tf', text: tf('aws_network_acl', 'vpc_id = "vpc-1"\ningress {\n  rule_no = 100\n  action = "allow"\n  protocol = "tcp"\n  cidr_block = "0.0.0.0/0"\n  from_port = 3000\n  to_port = 4000\n}'), expect: { status: 'gap', severity: 'warning', message: /^Port 3389 \(RDP\) allowed in/ } },
  { name: 'NACL: ICMP is not an admin port', rule: 'network-acl-open-admin-ports', lang: 'cfn', text: nacl('Protocol: 1\nCidrBlock: 0.0.0.0/0\nIcmp: {Code: -1, Type: -1}'), expect: { status: 'met' } },
  // ---- item 7: EKS public endpoint ----
  { name: 'EKS: public access from a /0 with host bits, shown as written', rule: 'eks-public-endpoint', lang: 'tf', text: tf('aws_eks_cluster', 'vpc_config {\n  subnet_ids = ["subnet-1"]\n  public_access_cidrs = ["10.0.0.0/0"]\n}'), expect: { status: 'gap', message: /public to 10\.0\.0\.0\/0 / } },
  { name: 'EKS: restricted CIDRs', rule: 'eks-public-endpoint', lang: 'cfn', text: cfn('AWS::EKS::Cluster', "RoleArn: arn:aws:iam::1:role/r\nResourcesVpcConfig:\n  SubnetIds: [subnet-1]\n  PublicAccessCidrs: ['203.0.113.0/24', '2001:db8::/32']"), expect: { status: 'met' } },
  // ---- item 9a: the SSM agent's own actions ----
  {
    name: 'ssmmessages:* and ec2messages:* equal AmazonSSMManagedInstanceCore',
    rule: 'iam-policy-wildcard',
    lang: 'cfn',
    text: cfn('AWS::IAM::Role', "AssumeRolePolicyDocument: {}\nPolicies:\n  - PolicyName: ssm\n    PolicyDocument:\n      Statement:\n        - {Effect: Allow, Action: ['ssmmessages:*', 'ec2messages:*', 'ssm:UpdateInstanceInformation'], Resource: '*'}"),
    expect: { status: 'met' },
  },
  {
    name: 'another service wildcard next to them is still reported, alone',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: tf('aws_iam_role_policy', 'role = "r"\npolicy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["SSMMessages:*", "s3:*"], Resource = "*" }] })'),
    expect: { status: 'gap', severity: 'warning', message: /\(`s3:\*`\)/, not: /ssmmessages/i },
  },
  {
    name: 'aws_iam_policy_document with the agent services',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["ec2messages:*", "ssmmessages:*"]\n    resources = ["*"]\n  }\n}\n',
    expect: { status: 'met' },
  },
  // ---- explicit Deny in the same policy; Allow with NotAction ----
  {
    name: 'a wildcard the same policy denies everywhere, unconditionally, grants nothing',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: tf('aws_iam_policy', 'policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }, { Effect = "Deny", Action = "IAM:*", Resource = "*" }] })'),
    expect: { status: 'met' },
  },
  {
    name: 'a Deny of everything takes back Action "*" (CloudFormation inline policy)',
    rule: 'iam-policy-wildcard',
    lang: 'cfn',
    text: cfn('AWS::IAM::Role', "AssumeRolePolicyDocument: {}\nPolicies:\n  - PolicyName: a\n    PolicyDocument:\n      Statement:\n        - {Effect: Allow, Action: '*', Resource: '*'}\n  - PolicyName: d\n    PolicyDocument:\n      Statement:\n        - {Effect: Deny, Action: '*', Resource: '*'}"),
    expect: { status: 'met' },
  },
  {
    name: 'a conditional Deny takes back nothing for sure',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: tf('aws_iam_policy', 'policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }, { Effect = "Deny", Action = "iam:*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }] })'),
    expect: { status: 'gap', severity: 'warning', message: /`iam:\*`/ },
  },
  {
    name: 'a Deny on some resources, or of another service, leaves the wildcard',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: tf('aws_iam_policy', 'policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["iam:*", "s3:*"], Resource = "*" }, { Effect = "Deny", Action = "iam:*", Resource = "arn:aws:iam::*:role/admin" }, { Effect = "Deny", Action = "ec2:*", Resource = "*" }] })'),
    expect: { status: 'gap', severity: 'warning', message: /`iam:\*`, `s3:\*`/ },
  },
  {
    name: 'Allow with NotAction allows every other action',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: tf('aws_iam_policy', 'policy = jsonencode({ Statement = [{ Effect = "Allow", NotAction = ["iam:Update*", "iam:Create*"], Resource = "*" }] })'),
    expect: { status: 'gap', severity: 'warning', message: /`NotAction`/ },
  },
  {
    name: 'Allow with NotAction in an aws_iam_policy_document',
    rule: 'iam-policy-wildcard',
    lang: 'tf',
    text: 'data "aws_iam_policy_document" "d" {\n  statement {\n    not_actions = ["iam:*"]\n    resources = ["*"]\n  }\n}\n',
    expect: { status: 'gap', severity: 'warning', message: /`NotAction`/ },
  },
  {
    name: 'Deny with NotAction is how a guard rail is written',
    rule: 'iam-policy-wildcard',
    lang: 'cfn',
    text: cfn('AWS::IAM::ManagedPolicy', "PolicyDocument:\n  Statement:\n    - {Effect: Deny, NotAction: ['iam:ChangePassword'], Resource: '*', Condition: {Bool: {'aws:MultiFactorAuthPresent': 'false'}}}\n    - {Effect: Allow, Action: ['s3:GetObject'], Resource: '*'}"),
    expect: { status: 'met' },
  },
  {
    name: 'NotAction from an undecided parameter',
    rule: 'iam-policy-wildcard',
    lang: 'cfn',
    text: template('  Excluded:\n    Type: CommaDelimitedList', "  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, NotAction: {Ref: Excluded}, Resource: '*'}"),
    expect: { status: 'unknown', dependsOn: /Excluded/ },
  },
  { name: 'ssm:* is not the agent', rule: 'iam-policy-wildcard', lang: 'tf', text: tf('aws_iam_policy', 'policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ssm:*", Resource = "*" }] })'), expect: { status: 'gap', severity: 'warning', message: /`ssm:\*`/ } },
  // ---- item 9b: HTTP on an internal load balancer ----
  {
    name: 'listener of an internal ALB',
    rule: 'elbv2-listener-https',
    lang: 'cfn',
    text: template('', '  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: internal\n      Subnets: [subnet-1]\n  R:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: {Ref: LB}\n      Protocol: HTTP\n      Port: 80\n      DefaultActions:\n        - {Type: forward, TargetGroupArn: arn:aws:x}'),
    expect: { status: 'gap', severity: 'information', message: /on internal load balancer `LB`/ },
  },
  {
    name: 'listener of an internet-facing ALB (the default)',
    rule: 'elbv2-listener-https',
    lang: 'cfn',
    text: template('', '  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-1]\n  R:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: {Ref: LB}\n      Protocol: HTTP\n      Port: 80\n      DefaultActions:\n        - {Type: forward, TargetGroupArn: arn:aws:x}'),
    expect: { status: 'gap', severity: 'warning', not: /internal/ },
  },
  {
    name: 'scheme from a parameter default',
    rule: 'elbv2-listener-https',
    lang: 'cfn',
    text: template('  Scheme:\n    Type: String\n    Default: internal', '  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: {Ref: Scheme}\n  R:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: {"Fn::GetAtt": [LB, LoadBalancerArn]}\n      Protocol: HTTP\n      Port: 80\n      DefaultActions:\n        - {Type: forward, TargetGroupArn: arn:aws:x}'),
    expect: { status: 'gap', severity: 'information' },
  },
  {
    name: 'a scheme the file does not decide keeps the Warning',
    rule: 'elbv2-listener-https',
    lang: 'cfn',
    text: template('  Scheme:\n    Type: String', '  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Scheme: {Ref: Scheme}\n  R:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: {Ref: LB}\n      Protocol: HTTP\n      Port: 80\n      DefaultActions:\n        - {Type: forward, TargetGroupArn: arn:aws:x}'),
    expect: { status: 'gap', severity: 'warning' },
  },
  {
    name: 'Terraform listener of an internal aws_lb',
    rule: 'elbv2-listener-https',
    lang: 'tf',
    text: tf('aws_lb_listener', 'load_balancer_arn = aws_lb.lb.arn\nport = 80\nprotocol = "HTTP"\ndefault_action {\n  type = "forward"\n  target_group_arn = "arn:aws:x"\n}', 'resource "aws_lb" "lb" {\n  internal = true\n}'),
    expect: { status: 'gap', severity: 'information', message: /internal load balancer `lb`/ },
  },
  {
    name: 'Terraform listener of a load balancer from elsewhere keeps the Warning',
    rule: 'elbv2-listener-https',
    lang: 'tf',
    text: tf('aws_lb_listener', 'load_balancer_arn = var.p\nport = 80\nprotocol = "HTTP"\ndefault_action {\n  type = "forward"\n  target_group_arn = "arn:aws:x"\n}'),
    expect: { status: 'gap', severity: 'warning' },
  },
  { name: 'internal Classic Load Balancer', rule: 'elb-classic-listener-https', lang: 'cfn', text: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Scheme: internal\nListeners:\n  - {LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}'), expect: { status: 'gap', severity: 'information', message: /^Internal load balancer `R` has a plain HTTP listener/ } },
  { name: 'internal aws_elb', rule: 'elb-classic-listener-https', lang: 'tf', text: tf('aws_elb', 'internal = true\nlistener {\n  lb_port = 80\n  lb_protocol = "http"\n  instance_port = 80\n  instance_protocol = "http"\n}'), expect: { status: 'gap', severity: 'information' } },
  { name: 'aws_elb from a variable without default keeps the Warning', rule: 'elb-classic-listener-https', lang: 'tf', text: tf('aws_elb', 'internal = var.p\nlistener {\n  lb_port = 80\n  lb_protocol = "http"\n  instance_port = 80\n  instance_protocol = "http"\n}'), expect: { status: 'gap', severity: 'warning' } },
  // ---- item 9c: all ports open on a load balancer's security group ----
  {
    name: 'inline rule of an ALB security group',
    rule: 'security-group-open-ingress',
    lang: 'cfn',
    text: template('', "  R:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - {IpProtocol: '-1', CidrIp: 0.0.0.0/0}\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      SecurityGroups: [{Ref: R}]"),
    expect: { status: 'gap', severity: 'error', message: /^All ports open to 0\.0\.0\.0\/0 in `R` of load balancer `LB` — allow only the listener ports \(e\.g\. 80\/443\) with `FromPort`\/`ToPort`/ },
  },
  {
    name: 'separate ingress rule of a Classic Load Balancer security group',
    rule: 'security-group-open-ingress',
    lang: 'cfn',
    text: template('', "  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n  R:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: {'Fn::GetAtt': [SG, GroupId]}\n      IpProtocol: tcp\n      FromPort: 0\n      ToPort: 65535\n      CidrIp: 0.0.0.0/0\n  ELB:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      SecurityGroups: [{Ref: SG}]\n      Listeners:\n        - {LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, SSLCertificateId: arn:aws:acm:x}"),
    expect: { status: 'gap', severity: 'error', message: LB_FIX },
  },
  {
    name: 'Terraform security group of an aws_lb',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: tf('aws_security_group', 'ingress {\n  from_port = 0\n  to_port = 0\n  protocol = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}', 'resource "aws_lb" "lb" {\n  security_groups = [aws_security_group.r.id]\n}'),
    expect: { status: 'gap', severity: 'error', message: /of load balancer `lb` — allow only the listener ports \(e\.g\. 80\/443\) with `from_port`\/`to_port`/ },
  },
  {
    name: 'Terraform separate rule of an aws_lb security group',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: tf('aws_vpc_security_group_ingress_rule', 'security_group_id = aws_security_group.sg.id\nip_protocol = "-1"\ncidr_ipv4 = "0.0.0.0/0"', 'resource "aws_security_group" "sg" {}\nresource "aws_alb" "lb" {\n  security_groups = [aws_security_group.sg.id]\n}'),
    expect: { status: 'gap', severity: 'error', message: LB_FIX },
  },
  {
    name: 'a security group no load balancer uses keeps the instance fix',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: tf('aws_security_group', 'ingress {\n  from_port = 0\n  to_port = 0\n  protocol = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}', 'resource "aws_instance" "i" {\n  vpc_security_group_ids = [aws_security_group.r.id]\n}'),
    expect: { status: 'gap', severity: 'error', message: /restrict `cidr_blocks`/, not: LB_FIX },
  },
  {
    name: 'an IPv6 range open to the world: the fix names the IPv6 property (Terraform rule)',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: tf('aws_vpc_security_group_ingress_rule', 'security_group_id = "sg-1"\nip_protocol = "-1"\ncidr_ipv6 = "::/0"'),
    expect: { status: 'gap', severity: 'error', message: /open to ::\/0 by rule `r` — restrict `cidr_ipv6` to/ },
  },
  {
    name: 'an IPv6 range open to the world: the fix names the IPv6 property (CloudFormation ingress)',
    rule: 'security-group-open-ingress',
    lang: 'cfn',
    text: cfn('AWS::EC2::SecurityGroupIngress', "GroupId: sg-1\nIpProtocol: tcp\nFromPort: 22\nToPort: 22\nCidrIpv6: '::/0'"),
    expect: { status: 'gap', severity: 'error', message: /restrict `CidrIpv6` to/ },
  },
  // ---- item 9d: ECS public IPs in subnets the file does not decide ----
  {
    name: 'ENABLED in subnets imported from another stack',
    rule: 'ecs-service-public-ip',
    lang: 'cfn',
    text: cfn('AWS::ECS::Service', "NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: ENABLED\n    Subnets: {'Fn::Split': [',', {'Fn::ImportValue': vpc-SubnetsPublic}]}"),
    expect: { status: 'unknown', dependsOn: /subnets .*internet gateway/ },
  },
  { name: 'ENABLED in subnets from a parameter without default', rule: 'ecs-service-public-ip', lang: 'cfn', text: cfn('AWS::ECS::Service', 'NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: ENABLED\n    Subnets: [{Ref: P}]'), expect: { status: 'unknown', dependsOn: /parameter P/ } },
  {
    name: 'ENABLED in a subnet of this file',
    rule: 'ecs-service-public-ip',
    lang: 'cfn',
    text: template('', '  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.0.0/24\n  R:\n    Type: AWS::ECS::Service\n    Properties:\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          AssignPublicIp: ENABLED\n          Subnets: [{Ref: S}]'),
    expect: { status: 'gap', severity: 'warning', message: /assigns public IP addresses/ },
  },
  { name: 'ENABLED in literal subnet ids', rule: 'ecs-service-public-ip', lang: 'cfn', text: cfn('AWS::ECS::Service', 'NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: ENABLED\n    Subnets: [subnet-1, subnet-2]'), expect: { status: 'gap', severity: 'warning' } },
  { name: 'DISABLED in subnets from elsewhere', rule: 'ecs-service-public-ip', lang: 'cfn', text: cfn('AWS::ECS::Service', 'NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: DISABLED\n    Subnets: [{Ref: P}]'), expect: { status: 'met' } },
  { name: 'Terraform: assign_public_ip in subnets of a data source', rule: 'ecs-service-public-ip', lang: 'tf', text: tf('aws_ecs_service', 'network_configuration {\n  subnets = data.aws_subnets.s.ids\n  assign_public_ip = true\n}'), expect: { status: 'unknown' } },
  { name: 'Terraform: assign_public_ip in subnets from a variable without default', rule: 'ecs-service-public-ip', lang: 'tf', text: tf('aws_ecs_service', 'network_configuration {\n  subnets = var.p\n  assign_public_ip = true\n}'), expect: { status: 'unknown', dependsOn: /variable p/ } },
  {
    name: 'Terraform: assign_public_ip in subnets of this file',
    rule: 'ecs-service-public-ip',
    lang: 'tf',
    text: tf('aws_ecs_service', 'network_configuration {\n  subnets = [aws_subnet.a.id, aws_subnet.b.id]\n  assign_public_ip = true\n}', 'resource "aws_subnet" "a" {\n  vpc_id = "vpc-1"\n}\nresource "aws_subnet" "b" {\n  vpc_id = "vpc-1"\n}'),
    expect: { status: 'gap', severity: 'warning' },
  },
  {
    name: 'Terraform: subnets from a variable default (the file decides them)',
    rule: 'ecs-service-public-ip',
    lang: 'tf',
    text: 'variable "subnets" {\n  default = ["subnet-1"]\n}\nresource "aws_ecs_service" "r" {\n  network_configuration {\n    subnets = var.subnets\n    assign_public_ip = true\n  }\n}\n',
    expect: { status: 'gap', severity: 'warning' },
  },
  // ---- network ACL entries: the fix names the property the open CIDR is in ----
  {
    name: 'an IPv6 entry: the fix names Ipv6CidrBlock',
    rule: 'network-acl-open-admin-ports',
    lang: 'cfn',
    text: nacl("Protocol: 6\nIpv6CidrBlock: '::/0'\nPortRange: {From: 22, To: 22}"),
    expect: { status: 'gap', severity: 'warning', message: /^Port 22 \(SSH\) allowed in from ::\/0 .* — restrict `Ipv6CidrBlock` /, not: /`CidrBlock`/ },
  },
  {
    name: 'an IPv6 rule of an ACL: the fix names ipv6_cidr_block',
    rule: 'network-acl-open-admin-ports',
    lang: 'tf',
    text: tf('aws_network_acl_rule', 'network_acl_id = "acl-1"\nrule_number = 100\negress = false\nprotocol = "tcp"\nrule_action = "allow"\nipv6_cidr_block = "::/0"\nfrom_port = 3389\nto_port = 3389'),
    expect: { status: 'gap', severity: 'warning', message: /— restrict `ipv6_cidr_block` /, not: /`cidr_block`/ },
  },
  // ---- `dynamic` blocks: one whose for_each the files decide is empty makes no block ----
  {
    name: 'a dynamic metadata_options block from a variable whose default is [] makes none: IMDSv1 stays allowed',
    rule: 'ec2-imdsv2-required',
    lang: 'tf',
    text: 'variable "metadata" {\n  default = []\n}\nresource "aws_instance" "r" {\n  ami = "ami-1"\n  dynamic "metadata_options" {\n    for_each = var.metadata\n    content {\n      http_tokens = metadata_options.value\n    }\n  }\n}\n',
    expect: { status: 'gap' },
  },
  {
    name: 'a dynamic block the files decide makes one, read as written in content (core/dynamic-blocks.ts)',
    rule: 'ec2-imdsv2-required',
    lang: 'tf',
    text: 'variable "metadata" {\n  default = ["required"]\n}\nresource "aws_instance" "r" {\n  ami = "ami-1"\n  dynamic "metadata_options" {\n    for_each = var.metadata\n    content {\n      http_tokens = metadata_options.value\n    }\n  }\n}\n',
    expect: { status: 'met' },
  },
  {
    name: 'a dynamic block whose for_each comes from a caller: unknown, naming the block and the input',
    rule: 'ec2-imdsv2-required',
    lang: 'tf',
    text: 'variable "metadata" {}\nresource "aws_instance" "r" {\n  ami = "ami-1"\n  dynamic "metadata_options" {\n    for_each = var.metadata\n    content {\n      http_tokens = metadata_options.value\n    }\n  }\n}\n',
    expect: { status: 'unknown', dependsOn: /variable metadata/ },
  },
  {
    name: 'a dynamic ingress block over an empty map makes no rule',
    rule: 'security-group-open-ingress',
    lang: 'tf',
    text: 'locals {\n  rules = {}\n}\nresource "aws_security_group" "r" {\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  dynamic "ingress" {\n    for_each = local.rules\n    content {\n      from_port = ingress.value\n    }\n  }\n}\n',
    expect: { status: 'met' },
  },
];

describe('isWorldCidr', () => {
  it('is true for every prefix length 0, IPv4 and IPv6, and nothing else', () => {
    for (const c of ['0.0.0.0/0', '192.168.1.0/0', ' 10.0.0.0/0 ', '::/0', '2001:db8::/0', '::ffff:10.0.0.0/0']) assert.equal(isWorldCidr(c), true, c);
    for (const c of ['0.0.0.0/1', '10.0.0.0/8', '::/1', '2001:db8::/32', '0.0.0.0', 'sg-1/0', 'pl-1234/0', '', '/0']) assert.equal(isWorldCidr(c), false, c);
  });
});

for (const c of CASES) {
  it(`${c.rule}: ${c.name} (${c.lang})`, () => {
    for (const r of runs(c.lang, c.text)) {
      const fs = r.analysis.findings.filter((f) => f.ruleId === c.rule);
      const statuses = r.analysis.resources.flatMap((x) => x.duties.flatMap((d) => d.results.filter((y) => y.rule.id === c.rule).map((y) => y.outcome)));
      assert.ok(statuses.length > 0, `${r.name}: the rule ran`);
      const e = c.expect;
      if (e.status === 'gap') {
        assert.ok(fs.length > 0, `${r.name}: expected a finding, got ${JSON.stringify(statuses)}\n${r.text}`);
        for (const f of fs) {
          assert.match(f.message, /^[A-Z].+ — .+ \([a-z -]+ · (yours|shared: you .+)\)$/, `${r.name}: problem, fix, then duty and owner`);
          if (e.severity) assert.equal(f.severity, e.severity, `${r.name}: severity of ${f.message}`);
          if (e.message) assert.match(f.message, e.message, r.name);
          if (e.not) assert.doesNotMatch(f.message, e.not, r.name);
        }
      } else {
        assert.equal(fs.length, 0, `${r.name}: unexpected ${fs.map((f) => f.message).join(' | ')}`);
        assert.ok(statuses.some((s) => s.status === e.status), `${r.name}: expected ${e.status}, got ${JSON.stringify(statuses)}`);
        if (e.dependsOn) {
          const deps = statuses.flatMap((s) => s.dependsOn ?? []);
          assert.ok(deps.some((d) => (e.dependsOn as RegExp).test(d)), `${r.name}: dependsOn ${JSON.stringify(deps)}`);
        }
      }
    }
  });
}
