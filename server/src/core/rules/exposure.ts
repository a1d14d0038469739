/** Network configuration: what the file places on the internet (public endpoints, public IPs, public subnets). */
import { get, items } from '../model/nodes';
import { resourcesOfTypes } from '../model/resource-index';
import type { Resource, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { cfnRefs, tfAddress } from '../values/links';
import { pushAll } from '../arrays';
import { asBool, equalsText, fixSpec, gapOutcome, unreadDynamic, isCfn, isFalse, leaf, mapsAt, settingRule } from './check';
import { isWorldCidr } from './firewall';
import { met, unknown } from './outcome';
import type { Rule, RuleContext } from './rule-api';

export { s3PublicAccessBlock } from './customer-data';

export const rdsPubliclyAccessible: Rule = {
  id: 'rds-publicly-accessible',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'RDS DB instances are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  defaultSeverity: 'error',
  cloudformationTypes: ['AWS::RDS::DBInstance'],
  // Aurora instances too (`aws_rds_cluster_instance`; in CloudFormation an AWS::RDS::DBInstance in a cluster).
  terraformTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  properties: { cloudformation: [['PubliclyAccessible'], ['DBSubnetGroupName']], terraform: [['publicly_accessible']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const key = cfn ? 'PubliclyAccessible' : 'publicly_accessible';
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'absent') {
      // CloudFormation/API: without a DB subnet group the instance goes to the default VPC, where it is public when that VPC has an internet gateway.
      if (cfn && !get(resource.properties, 'DBSubnetGroupName') && !get(resource.properties, 'DBClusterIdentifier')) return unknown(['the default VPC (public when it has an internet gateway)']);
      return met(`${key} not set: private by default`);
    }
    const v = asBool(l.value);
    if (v === false) return met(`${key}: false`);
    if (v === undefined) return unknown([`${key} is not a boolean`]);
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.node.span,
      { what: 'DB instance', problem: 'is publicly accessible from the internet', fix: cfn ? 'set `PubliclyAccessible: false` and reach it from inside the VPC' : 'set `publicly_accessible = false` and reach it from inside the VPC' },
      { fix: fixSpec([key], false) },
    );
  },
};

export const redshiftPubliclyAccessible = settingRule({
  id: 'redshift-publicly-accessible',
  duty: 'network-configuration',
  title: 'Redshift clusters are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html',
  defaultSeverity: 'error',
  paths: { 'AWS::Redshift::Cluster': [['PubliclyAccessible']], aws_redshift_cluster: [['publicly_accessible']] },
  ok: isFalse,
  fixValue: false,
  absent: 'met',
  what: 'cluster',
  problem: 'is publicly accessible from the internet',
});

export const dmsReplicationInstancePublic = settingRule({
  id: 'dms-replication-instance-public',
  duty: 'network-configuration',
  title: 'DMS replication instances are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
  defaultSeverity: 'error',
  paths: { 'AWS::DMS::ReplicationInstance': [['PubliclyAccessible']], aws_dms_replication_instance: [['publicly_accessible']] },
  ok: isFalse,
  fixValue: false,
  // CloudFormation/API default is true (public); the Terraform provider defaults to false.
  absent: { gap: 'error', problem: 'is publicly accessible (PubliclyAccessible defaults to true)' },
  what: 'replication instance',
  problem: 'is publicly accessible from the internet',
  before: (resource) => (!isCfn(resource) && !get(resource.properties, 'publicly_accessible') ? met('publicly_accessible defaults to false in Terraform') : undefined),
});

export const eksPublicEndpoint: Rule = {
  id: 'eks-public-endpoint',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'EKS cluster API endpoints are not open to the whole internet',
  docUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::EKS::Cluster'],
  terraformTypes: ['aws_eks_cluster'],
  properties: {
    cloudformation: [['ResourcesVpcConfig', 'EndpointPublicAccess'], ['ResourcesVpcConfig', 'PublicAccessCidrs']],
    terraform: [['vpc_config', 'endpoint_public_access'], ['vpc_config', 'public_access_cidrs']],
  },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const base = cfn ? 'ResourcesVpcConfig' : 'vpc_config';
    const pubKey = cfn ? 'EndpointPublicAccess' : 'endpoint_public_access';
    const cidrKey = cfn ? 'PublicAccessCidrs' : 'public_access_cidrs';
    const pub = leaf(ctx, resource.properties, [base, pubKey]);
    if (pub.kind === 'unknown') return unknown(pub.dependsOn);
    if (pub.kind === 'found' && asBool(pub.value) === false) return met(`${pubKey}: false`);
    const cidrs = leaf(ctx, resource.properties, [base, cidrKey]);
    if (cidrs.kind === 'unknown') return unknown(cidrs.dependsOn);
    // An empty list is not sent (Terraform) and leaves EKS's default, 0.0.0.0/0, like no list.
    const written = cidrs.kind === 'found' ? (Array.isArray(cidrs.value) ? cidrs.value : [cidrs.value]) : [];
    const list = written.length > 0 ? written : ['0.0.0.0/0'];
    // Any prefix length 0 is the whole internet (`10.0.0.0/0` too); the message shows the CIDR as written.
    const world = list.find((c): c is string => typeof c === 'string' && isWorldCidr(c));
    if (world === undefined) return met(`${cidrKey} restricts the public endpoint`);
    const span = cidrs.kind === 'found' ? cidrs.node.span : pub.kind === 'found' ? pub.node.span : resource.typeSpan;
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      span,
      {
        what: 'cluster',
        problem: `has its Kubernetes API endpoint public to ${written.length > 0 ? world : `the whole internet (the default${cidrs.kind === 'found' ? ', which an empty list leaves' : ''})`}`,
        fix: cfn ? 'set `ResourcesVpcConfig.EndpointPublicAccess: false` (with `EndpointPrivateAccess: true`) or restrict `PublicAccessCidrs`' : 'set `vpc_config.endpoint_public_access = false` (with `endpoint_private_access = true`) or restrict `public_access_cidrs`',
      },
      { fix: fixSpec([base, pubKey], false) },
    );
  },
};

export const subnetMapPublicIp = settingRule({
  id: 'subnet-map-public-ip',
  duty: 'network-configuration',
  title: 'Subnets do not give every instance a public IP address',
  docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
  defaultSeverity: 'information',
  paths: { 'AWS::EC2::Subnet': [['MapPublicIpOnLaunch']], aws_subnet: [['map_public_ip_on_launch']], aws_default_subnet: [['map_public_ip_on_launch']] },
  ok: isFalse,
  fixValue: false,
  absent: 'met',
  what: 'subnet',
  problem: 'assigns a public IP address to every instance launched in it',
  before: (resource) => (resource.type === 'aws_default_subnet' && !get(resource.properties, 'map_public_ip_on_launch') ? met('default subnet keeps its setting') : undefined),
});

export const ec2PublicIp = settingRule({
  id: 'ec2-public-ip',
  duty: 'network-configuration',
  title: 'EC2 instances and launch templates do not request public IP addresses',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::EC2::Instance': [['NetworkInterfaces', 'AssociatePublicIpAddress']],
    'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'NetworkInterfaces', 'AssociatePublicIpAddress']],
    'AWS::AutoScaling::LaunchConfiguration': [['AssociatePublicIpAddress']],
    aws_instance: [['associate_public_ip_address']],
    aws_spot_instance_request: [['associate_public_ip_address']],
    aws_launch_template: [['network_interfaces', 'associate_public_ip_address']],
    aws_launch_configuration: [['associate_public_ip_address']],
  },
  ok: isFalse,
  fixValue: false,
  // Without the setting, the subnet's MapPublicIpOnLaunch decides.
  absent: 'not-applicable',
  what: 'instance configuration',
  problem: 'gives instances a public IP address',
});

/** AssignPublicIp: `ENABLED`/`DISABLED` (CloudFormation), a boolean (Terraform); true = no public IP. */
function ecsPublicIpOk(v: PlainValue): boolean | undefined {
  return typeof v === 'string' && !['true', 'false'].includes(v.toLowerCase()) ? v.toUpperCase() !== 'ENABLED' : isFalse(v);
}

const SUBNET_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::Subnet', 'aws_subnet', 'aws_default_subnet']);

/**
 * What the file leaves open about a service's subnets: nothing (`[]`) when every subnet is a literal id, a value the
 * file decides (parameter default, variable default) or a subnet resource of this file; else what they depend on
 * (an import, a parameter without default, a data source, a module output...). Absent subnets depend on nothing.
 */
function undecidedSubnets(ctx: RuleContext, resource: Resource): string[] {
  const cfn = isCfn(resource);
  const holders = mapsAt(ctx, resource.properties, cfn ? ['NetworkConfiguration', 'AwsvpcConfiguration'] : ['network_configuration']);
  const out: string[] = [...holders.dependsOn];
  const inFile = (id: string): boolean => resourcesOfTypes(ctx.doc, SUBNET_TYPES).some((r) => r.id === id || tfAddress(r.id)?.block === id);
  /** A subnet resource of this file named by the value (a Ref / GetAtt, or a Terraform reference such as aws_subnet.a.id / aws_subnet.a[*].id). */
  const refersToFileSubnets = (node: ValueNode): boolean => {
    if (cfn) {
      const ids = cfnRefs(node);
      return ids.size > 0 && [...ids].every(inFile);
    }
    if (node.type !== 'expr' || node.refs.length === 0) return false;
    const own = tfAddress(resource.id)?.module ?? '';
    return node.refs.every((ref) => {
      const p = ref.split('.');
      return p.length >= 2 && SUBNET_TYPES.has(p[0]) && inFile((own ? own + '.' : '') + `${p[0]}.${p[1]}`);
    });
  };
  for (const h of holders.maps) {
    const node = get(h, cfn ? 'Subnets' : 'subnets');
    if (!node) continue;
    if (refersToFileSubnets(node)) continue;
    const r = ctx.values.resolve(node);
    if (!r.known) {
      pushAll(out, r.dependsOn);
      continue;
    }
    for (const item of items(r.node)) {
      if (refersToFileSubnets(item)) continue;
      const ev = ctx.values.evaluate(item);
      if (!ev.known) pushAll(out, ev.dependsOn);
    }
  }
  return out;
}

export const ecsServicePublicIp = settingRule({
  id: 'ecs-service-public-ip',
  duty: 'network-configuration',
  title: 'ECS services do not assign public IP addresses to tasks',
  docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::ECS::Service': [['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp']],
    aws_ecs_service: [['network_configuration', 'assign_public_ip']],
  },
  ok: (v) => ecsPublicIpOk(v),
  fixValue: { cloudformation: 'DISABLED', terraform: false },
  absent: 'met',
  what: 'service',
  problem: 'assigns public IP addresses to its tasks',
  // A task's public IP makes it reachable from the internet only in a subnet whose route table sends 0.0.0.0/0 to an
  // internet gateway (in a private subnet the address is unused). When the service's subnets come from outside the
  // file (another stack's export, a parameter without default, a data source, a module output), whether
  // `ENABLED` exposes anything is decided there: unknown, with what it depends on.
  before: (resource, ctx) => {
    const l = leaf(ctx, resource.properties, isCfn(resource) ? ['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'] : ['network_configuration', 'assign_public_ip']);
    if (l.kind !== 'found' || ecsPublicIpOk(l.value) !== false) return undefined;
    const deps = undecidedSubnets(ctx, resource);
    return deps.length > 0 ? unknown(deps.map((d) => `the service's subnets (${d}): a public IP is reachable only in a subnet routed to an internet gateway`)) : undefined;
  },
});

export const mskPublicAccess = settingRule({
  id: 'msk-public-access',
  duty: 'network-configuration',
  title: 'MSK clusters are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html',
  defaultSeverity: 'error',
  paths: {
    'AWS::MSK::Cluster': [['BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type']],
    aws_msk_cluster: [['broker_node_group_info', 'connectivity_info', 'public_access', 'type']],
  },
  ok: equalsText('DISABLED'),
  fixValue: 'DISABLED',
  absent: 'met',
  what: 'cluster',
  problem: 'gives its brokers public IP addresses',
});

/**
 * A SageMaker notebook instance reaches the internet directly (through a network interface SageMaker manages) unless
 * `DirectInternetAccess` is `Disabled`, which needs the instance in your VPC (`SubnetId`). Security Hub SageMaker.1.
 */
export const sagemakerNotebookDirectInternet = settingRule({
  id: 'sagemaker-notebook-direct-internet',
  duty: 'network-configuration',
  title: 'SageMaker notebook instances have no direct internet access',
  docUrl: 'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
  defaultSeverity: 'warning',
  paths: { 'AWS::SageMaker::NotebookInstance': [['DirectInternetAccess']], aws_sagemaker_notebook_instance: [['direct_internet_access']] },
  ok: equalsText('Disabled'),
  fixValue: 'Disabled',
  absent: { gap: 'warning', problem: 'has direct internet access (the default, `Enabled`)' },
  what: 'notebook instance',
  problem: 'has direct internet access',
});

/**
 * An OpenSearch (or Elasticsearch) domain without VPC options gets a public endpoint: who may call it is then decided by
 * its access policy alone, and it cannot be moved into a VPC later (a new domain is needed). Security Hub Opensearch.2,
 * ES.2.
 */
export const opensearchInVpc: Rule = {
  id: 'opensearch-in-vpc',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'OpenSearch and Elasticsearch domains are placed in a VPC',
  docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  terraformTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  properties: { cloudformation: [['VPCOptions', 'SubnetIds']], terraform: [['vpc_options', 'subnet_ids']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const key = cfn ? 'VPCOptions' : 'vpc_options';
    const dynamic = unreadDynamic(ctx, resource.properties, key);
    if (dynamic) return unknown(dynamic);
    const node = get(resource.properties, key);
    if (node) {
      const r = ctx.values.resolve(node);
      if (!r.known) return unknown(r.dependsOn);
      return met(`${key} set: a VPC endpoint`);
    }
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'domain',
      problem: 'has a public endpoint (no VPC options): only its access policy stands between it and the internet',
      fix: cfn ? 'add `VPCOptions` with `SubnetIds` and `SecurityGroupIds` (a new domain: an existing one cannot move into a VPC)' : 'add a `vpc_options` block with `subnet_ids` and `security_group_ids` (a new domain: an existing one cannot move into a VPC)',
    });
  },
};
