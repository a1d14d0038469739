#!/usr/bin/env node
// Adds an explicit entry to data/classification.json for every catalog service that has none, from the rule table
// below (service family → kind). Existing entries are never changed: they are hand-reviewed. Run after
// generate-catalog.mjs when new services appear, then review the new entries by hand.
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './inputs.mjs';

const SRM = 'https://aws.amazon.com/compliance/shared-responsibility-model/';

/** Services where the customer controls the guest OS or the virtual network fabric. */
const INFRASTRUCTURE = {
  ec2: 'You launch instances, choose the AMI and patch the guest operating system.',
  ec2ebs: 'Block volumes attached to your instances; you choose encryption and snapshot sharing.',
  autoscaling: 'Launches and replaces EC2 instances whose guest OS you manage.',
  vpc: 'You define the virtual network: subnets, routes, gateways, security groups and network ACLs.',
  transitgateway: 'You define routing between your VPCs and networks.',
  vpnsite: 'You configure the VPN tunnels, gateways and routing of your network.',
  vpnclient: 'You configure the client VPN endpoint, its authorization rules and routes.',
  ipam: 'You plan and allocate the IP address space of your networks.',
  ec2outposts: 'You configure the local gateway routing of your Outposts network.',
  wavelength: 'You configure carrier gateways and routing of your VPC in Wavelength Zones.',
  outposts: 'AWS infrastructure in your premises; you provide power, network and physical security, and run EC2 on it.',
  directconnect: 'You configure the connections, virtual interfaces and routing between your network and AWS.',
  networkfirewall: 'You define the firewall rules and the routing of your VPC traffic through the firewall.',
  networkmanager: 'You define the global network (Cloud WAN) segments, attachments and routing.',
  lightsail: 'Virtual private servers whose guest OS and applications you manage.',
  imagebuilder: 'Builds the machine images (AMIs) whose OS and patches you choose.',
  ec2instanceconnect: 'SSH access into instances whose guest OS you manage.',
  workspaces: 'Virtual desktops; you manage the desktop OS updates, applications and network placement.',
  workspacesinstances: 'EC2 instances for WorkSpaces whose guest OS you manage.',
  opsworks: 'Provisions EC2 instances whose OS and configuration you manage.',
  evs: 'You run VMware Cloud Foundation on bare-metal EC2 hosts in your VPC and manage its software.',
  storagegateway: 'The gateway appliance runs as a VM or EC2 instance that you host and maintain.',
  backupgateway: 'The gateway appliance runs as a VM on your hypervisor that you host and maintain.',
  route53resolver: 'You configure DNS resolution endpoints, forwarding rules and DNS firewall rules of your VPCs.',
};

/** AWS runs OS and platform on capacity dedicated to you; you place it in your network and choose versions, backups, encryption. */
const CONTAINER = {
  rds: 'AWS runs the database OS and engine; you choose the network, engine version, maintenance, backups and encryption.',
  emr: 'AWS provisions the cluster; you choose the network, release, security configuration and encryption.',
  elasticbeanstalk: 'AWS runs the platform; you choose the network, platform version and update windows.',
  docdb: 'Managed database clusters in your VPC; you choose versions, maintenance, backups and encryption.',
  docdbelastic: 'Database clusters in your VPC; you choose capacity, backups and encryption.',
  neptune: 'Managed database clusters in your VPC; you choose versions, maintenance, backups and encryption.',
  elasticache: 'Cache nodes in your VPC; you choose engine version, maintenance, backups and encryption.',
  memorydb: 'Database nodes in your VPC; you choose engine version, maintenance, snapshots and encryption.',
  dax: 'Cache cluster in your VPC; you choose node type, maintenance and encryption.',
  redshift: 'Data warehouse clusters in your VPC; you choose maintenance, snapshots and encryption.',
  opensearch: 'Search domains in your VPC; you choose engine version, encryption and access policies.',
  elasticsearch: 'Search domains in your VPC; you choose engine version, encryption and access policies.',
  kafka: 'Kafka brokers in your VPC; you choose version, encryption and authentication.',
  kafkaconnect: 'Connector workers in your VPC; you choose capacity and connector versions.',
  mq: 'Message brokers in your VPC; you choose engine version, maintenance window and encryption.',
  fsx: 'File systems in your VPC; you choose deployment, backups, maintenance window and encryption.',
  efs: 'File systems with mount targets in your VPC; you choose encryption, access points and backups.',
  ds: 'Dedicated domain controllers in your VPC; you manage directory users, trusts and snapshots.',
  cloudhsmv2: 'Dedicated HSMs in your VPC; you manage HSM users, keys and backups.',
  ecs: 'AWS runs the scheduler; on the EC2 launch type you run and patch the container instances.',
  eks: 'AWS runs the Kubernetes control plane on dedicated capacity; you choose version, network and node groups.',
  emrcontainers: 'Runs EMR jobs on your EKS cluster, which you operate.',
  batch: 'AWS schedules jobs on compute environments in your VPC whose instances and AMIs you choose.',
  mwaa: 'Airflow environments in your VPC; you choose version, network and maintenance.',
  sagemaker: 'Notebook instances, training and endpoints on dedicated instances; you choose network, images and encryption.',
  appstream: 'Streaming fleets from images you build; you choose network placement and image updates.',
  gamelift: 'Fleets of instances running your game server builds; you choose network and builds.',
  deadline: 'Render farm fleets; on customer-managed fleets you operate the worker hosts.',
  pcs: 'Slurm clusters on EC2 instances in your VPC whose AMIs you choose.',
  odb: 'Oracle Exadata infrastructure dedicated to you; you choose network, versions and maintenance.',
  timestreaminfluxdb: 'InfluxDB instances in your VPC; you choose instance type, network and parameters.',
  cloud9: 'Development environments on EC2 instances in your VPC.',
  m2: 'Mainframe runtime environments on dedicated instances in your VPC; you choose engine version and maintenance.',
  finspace: 'Kx environments in your VPC; you choose network and cluster configuration.',
  managedblockchain: 'Blockchain peer nodes dedicated to you; you choose network and member configuration.',
  opsworkscm: 'Chef/Puppet servers on dedicated instances; you choose maintenance and backups.',
  drs: 'Replication and recovery instances in your account and VPC that you configure.',
  mgn: 'Replication servers in your account and VPC that you configure.',
  grafana: 'Grafana workspaces; you choose version, network access and authentication.',
  apprunner: undefined,
};

/** Account-level and identity services: managed, whole configuration is customer-owned access control. */
const IDENTITY = [
  'iam', 'organizations', 'ssoadmin', 'sso', 'identitystore', 'sts', 'account', 'accessanalyzer', 'rolesanywhere',
  'controltower', 'ram', 'verifiedpermissions', 'cognitoidp', 'cognitoidentity', 'accountaccess', 'mpa',
];

/** Security chapters named with confidence (docs.aws.amazon.com). */
const SECURITY_DOCS = {
  ec2: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security.html',
  ec2ebs: 'https://docs.aws.amazon.com/ebs/latest/userguide/security.html',
  autoscaling: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/security.html',
  vpc: 'https://docs.aws.amazon.com/vpc/latest/userguide/security.html',
  rds: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html',
  emr: 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security.html',
  elasticbeanstalk: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/security.html',
  s3: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security.html',
  glacier: 'https://docs.aws.amazon.com/amazonglacier/latest/dev/security.html',
  dynamodb: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/security.html',
  lambda: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-security.html',
  sqs: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security.html',
  ses: 'https://docs.aws.amazon.com/ses/latest/dg/security.html',
  sesv2: 'https://docs.aws.amazon.com/ses/latest/dg/security.html',
  sns: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security.html',
  iam: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security.html',
  kms: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-security.html',
  ecs: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security.html',
  eks: 'https://docs.aws.amazon.com/eks/latest/userguide/security.html',
  ecr: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/security.html',
  cloudfront: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/security.html',
  cloudwatch: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/security.html',
  logs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/security.html',
  apigateway: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/security.html',
  apigatewayv2: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/security.html',
  sfn: 'https://docs.aws.amazon.com/step-functions/latest/dg/security.html',
  secretsmanager: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security.html',
  route53: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/security.html',
  organizations: 'https://docs.aws.amazon.com/organizations/latest/userguide/security.html',
  ssm: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/security.html',
  docdb: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.html',
  neptune: 'https://docs.aws.amazon.com/neptune/latest/userguide/security.html',
  opensearch: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/security.html',
  kafka: 'https://docs.aws.amazon.com/msk/latest/developerguide/security.html',
  batch: 'https://docs.aws.amazon.com/batch/latest/userguide/security.html',
  glue: 'https://docs.aws.amazon.com/glue/latest/dg/security.html',
  athena: 'https://docs.aws.amazon.com/athena/latest/ug/security.html',
  sagemaker: 'https://docs.aws.amazon.com/sagemaker/latest/dg/security.html',
  codebuild: 'https://docs.aws.amazon.com/codebuild/latest/userguide/security.html',
  wafv2: 'https://docs.aws.amazon.com/waf/latest/developerguide/security.html',
  guardduty: 'https://docs.aws.amazon.com/guardduty/latest/ug/security.html',
  cloudformation: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security.html',
  appsync: 'https://docs.aws.amazon.com/appsync/latest/devguide/security.html',
  cognitoidp: 'https://docs.aws.amazon.com/cognito/latest/developerguide/security.html',
  cognitoidentity: 'https://docs.aws.amazon.com/cognito/latest/developerguide/security.html',
  acm: 'https://docs.aws.amazon.com/acm/latest/userguide/security.html',
  workspaces: 'https://docs.aws.amazon.com/workspaces/latest/adminguide/security.html',
  directconnect: 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/security.html',
  networkfirewall: 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/security.html',
  elasticache: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html',
  redshift: 'https://docs.aws.amazon.com/redshift/latest/mgmt/iam-redshift-user-mgmt.html',
  efs: 'https://docs.aws.amazon.com/efs/latest/ug/security-considerations.html',
};

const file = path.join(REPO, 'data', 'classification.json');
const catalog = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'catalog.json'), 'utf8'));
const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { services: {}, refinements: [] };
let added = 0;
for (const s of catalog.services) {
  if (current.services[s.id]) continue;
  const doc = SECURITY_DOCS[s.id];
  let kind = 'managed';
  let reason;
  if (INFRASTRUCTURE[s.id]) [kind, reason] = ['infrastructure', INFRASTRUCTURE[s.id]];
  else if (CONTAINER[s.id]) [kind, reason] = ['container', CONTAINER[s.id]];
  else if (IDENTITY.includes(s.id)) reason = 'Account-level / identity service: AWS runs it; its whole configuration is your access control.';
  else reason = 'AWS runs the service behind its API endpoint; you manage data, access policies and client-side encryption.';
  current.services[s.id] = { kind, confidence: 'derived', source: doc ?? SRM, reason, securityDocs: doc ?? SRM };
  added++;
}
current.services = Object.fromEntries(Object.entries(current.services).sort(([a], [b]) => (a < b ? -1 : 1)));
fs.writeFileSync(file, JSON.stringify(current, null, 1) + '\n');
console.error(`added ${added} draft entries to data/classification.json; review them by hand`);
