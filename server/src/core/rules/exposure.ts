/** Network configuration: what the file places on the internet (public endpoints, public IPs, public subnets). */
import { get } from '../model/nodes';
import { asBool, equalsText, fixSpec, gapOutcome, isCfn, isFalse, leaf, settingRule } from './check';
import { met, unknown } from './outcome';
import type { Rule } from './rule-api';

export { s3PublicAccessBlock } from './customer-data';

export const rdsPubliclyAccessible: Rule = {
  id: 'rds-publicly-accessible',
  duty: 'network-configuration',
  owner: 'customer',
  title: 'RDS DB instances are not publicly accessible',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  defaultSeverity: 'error',
  cloudformationTypes: ['AWS::RDS::DBInstance'],
  terraformTypes: ['aws_db_instance'],
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
    const list = cidrs.kind === 'found' ? (Array.isArray(cidrs.value) ? cidrs.value : [cidrs.value]) : ['0.0.0.0/0'];
    if (!list.some((c) => c === '0.0.0.0/0' || c === '::/0')) return met(`${cidrKey} restricts the public endpoint`);
    const span = cidrs.kind === 'found' ? cidrs.node.span : pub.kind === 'found' ? pub.node.span : resource.typeSpan;
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      span,
      {
        what: 'cluster',
        problem: `has its Kubernetes API endpoint public to ${cidrs.kind === 'found' ? '0.0.0.0/0' : 'the whole internet (the default)'}`,
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
  ok: (v) => (typeof v === 'string' && !['true', 'false'].includes(v.toLowerCase()) ? v.toUpperCase() !== 'ENABLED' : isFalse(v)),
  fixValue: { cloudformation: 'DISABLED', terraform: false },
  absent: 'met',
  what: 'service',
  problem: 'assigns public IP addresses to its tasks',
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
