/**
 * Fixtures per rule: a failing and a passing configuration (CloudFormation YAML — also run as JSON — and Terraform),
 * one whose value is unknown (no finding), and, where a separate resource meets the duty, one met that way.
 * CloudFormation fixtures use the long intrinsic form (`Ref:`), so the JSON variant is the same document.
 * Snippets are property bodies: `cfn(type, props)` / `tf(type, body)` wrap them in a one-resource template with an
 * input `P` / `var.p` that has no default (the unknown value).
 */
import type { Severity } from '../../../server/src/core/rules/rule-api';
import { LOGGING_CASES } from './fixtures-logging';
import { VERSIONS_DATA_CASES } from './fixtures-versions-data';
import { KEYS_TLS_CASES } from './fixtures-keys-tls';
import { SECRETS_POLICIES_CASES } from './fixtures-secrets-policies';
import { WORKLOAD_CASES } from './fixtures-workloads';
import { cfn, tf } from './fixture-text';

export { cfn, tf } from './fixture-text';

export interface Variants {
  readonly fail?: string;
  readonly pass?: string;
  readonly unknown?: string;
  /** Met by a separate resource. */
  readonly linked?: string;
}

export interface Case {
  readonly rule: string;
  readonly cfn?: Variants;
  readonly tf?: Variants;
  /** Severity of the failing fixtures' finding. */
  readonly severity?: Severity;
  /** The deploy-time input is a reference the rule accepts as such (a secret passed by reference): met, not unknown. */
  readonly referenceIsMet?: boolean;
}

const bool = (key: string, v: string) => `${key}: ${v}`;
const tfb = (key: string, v: string) => `${key} = ${v}`;

/** A boolean switch that must be true (or false with `want: false`), same for both languages. */
function boolCase(rule: string, cfnType: string, cfnKey: string, tfType: string, tfKey: string, o: { want?: boolean; cfnExtra?: string; tfExtra?: string; severity?: Severity } = {}): Case {
  const want = o.want ?? true;
  const nest = (key: string, v: string, yaml: boolean): string => {
    const parts = key.split('.');
    if (yaml) return parts.map((p, i) => '  '.repeat(i) + p + ':' + (i === parts.length - 1 ? ' ' + v : '')).join('\n');
    return parts.map((p, i) => (i === parts.length - 1 ? `${p} = ${v}` : `${p} {`)).join('\n') + '\n}'.repeat(parts.length - 1);
  };
  const ce = o.cfnExtra ? '\n' + o.cfnExtra : '';
  const te = o.tfExtra ? '\n' + o.tfExtra : '';
  return {
    rule,
    severity: o.severity,
    cfn: {
      fail: cfn(cfnType, nest(cfnKey, String(!want), true) + ce),
      pass: cfn(cfnType, nest(cfnKey, String(want), true) + ce),
      unknown: cfn(cfnType, nest(cfnKey, '{Ref: P}', true) + ce),
    },
    tf: {
      fail: tf(tfType, nest(tfKey, String(!want), false) + te),
      pass: tf(tfType, nest(tfKey, String(want), false) + te),
      unknown: tf(tfType, nest(tfKey, 'var.p', false) + te),
    },
  };
}

/** A string setting: a bad value, a good value. */
function textCase(rule: string, cfnType: string, cfnKey: string, tfType: string, tfKey: string, bad: [string, string], good: [string, string], o: { cfnExtra?: string; tfExtra?: string; severity?: Severity } = {}): Case {
  const c = boolCase(rule, cfnType, cfnKey, tfType, tfKey, o);
  const sub = (s: string | undefined, from: string, to: string): string => (s ?? '').replace(from, to);
  return {
    ...c,
    cfn: { ...c.cfn, fail: sub(c.cfn?.fail, ': false', `: ${bad[0]}`), pass: sub(c.cfn?.pass, ': true', `: ${good[0]}`) },
    tf: { ...c.tf, fail: sub(c.tf?.fail, '= false', `= ${JSON.stringify(bad[1])}`), pass: sub(c.tf?.pass, '= true', `= ${JSON.stringify(good[1])}`) },
  };
}

void bool;
void tfb;

const policy = (statement: string): string => `PolicyDocument:\n  Statement:\n${statement
  .trim()
  .split('\n')
  .map((l) => '    ' + l)
  .join('\n')}`;

export const CASES: readonly Case[] = [
  // ---- server-side-encryption ----
  {
    ...boolCase('ebs-volume-encryption', 'AWS::EC2::Volume', 'Encrypted', 'aws_ebs_volume', 'encrypted', { cfnExtra: 'AvailabilityZone: eu-west-1a', tfExtra: 'availability_zone = "eu-west-1a"' }),
    tf: {
      ...boolCase('x', 'AWS::EC2::Volume', 'Encrypted', 'aws_ebs_volume', 'encrypted').tf,
      linked: tf('aws_ebs_volume', 'availability_zone = "eu-west-1a"', 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}'),
    },
  },
  {
    rule: 'ec2-block-device-encryption',
    cfn: {
      fail: cfn('AWS::EC2::Instance', 'ImageId: ami-1\nBlockDeviceMappings:\n  - DeviceName: /dev/sdb\n    Ebs: {VolumeSize: 10, Encrypted: false}'),
      pass: cfn('AWS::EC2::Instance', 'ImageId: ami-1\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: {VolumeSize: 10, Encrypted: true}'),
      unknown: cfn('AWS::EC2::Instance', 'ImageId: ami-1\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: {VolumeSize: 10, Encrypted: {Ref: P}}'),
    },
    tf: {
      fail: tf('aws_instance', 'ami = "ami-1"\nroot_block_device {\n  encrypted = false\n}'),
      pass: tf('aws_instance', 'ami = "ami-1"\nroot_block_device {\n  encrypted = true\n}\nebs_block_device {\n  device_name = "/dev/sdb"\n  encrypted = true\n}'),
      unknown: tf('aws_instance', 'ami = "ami-1"\nroot_block_device {\n  encrypted = var.p\n}'),
      linked: tf('aws_instance', 'ami = "ami-1"\nroot_block_device {\n  encrypted = false\n}', 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}'),
    },
  },
  {
    rule: 'launch-template-block-device-encryption',
    cfn: {
      fail: cfn('AWS::EC2::LaunchTemplate', 'LaunchTemplateData:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs: {VolumeSize: 8}'),
      pass: cfn('AWS::EC2::LaunchTemplate', 'LaunchTemplateData:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs: {VolumeSize: 8, Encrypted: true}'),
      unknown: cfn('AWS::EC2::LaunchTemplate', 'LaunchTemplateData:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs: {VolumeSize: 8, Encrypted: {Ref: P}}'),
    },
    tf: {
      fail: tf('aws_launch_template', 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    volume_size = 8\n    encrypted = "false"\n  }\n}'),
      pass: tf('aws_launch_template', 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    volume_size = 8\n    encrypted = "true"\n  }\n}'),
      unknown: tf('aws_launch_template', 'block_device_mappings {\n  device_name = "/dev/xvda"\n  ebs {\n    encrypted = var.p\n  }\n}'),
      linked: tf('aws_launch_configuration', 'root_block_device {\n  encrypted = false\n}', 'resource "aws_ebs_encryption_by_default" "d" {}'),
    },
  },
  boolCase('rds-storage-encryption', 'AWS::RDS::DBInstance', 'StorageEncrypted', 'aws_db_instance', 'storage_encrypted', { cfnExtra: 'Engine: mysql', tfExtra: 'engine = "mysql"' }),
  boolCase('rds-cluster-storage-encryption', 'AWS::RDS::DBCluster', 'StorageEncrypted', 'aws_rds_cluster', 'storage_encrypted', { cfnExtra: 'Engine: aurora-mysql', tfExtra: 'engine = "aurora-mysql"' }),
  boolCase('docdb-storage-encryption', 'AWS::DocDB::DBCluster', 'StorageEncrypted', 'aws_docdb_cluster', 'storage_encrypted'),
  boolCase('neptune-storage-encryption', 'AWS::Neptune::DBCluster', 'StorageEncrypted', 'aws_neptune_cluster', 'storage_encrypted'),
  boolCase('efs-encryption', 'AWS::EFS::FileSystem', 'Encrypted', 'aws_efs_file_system', 'encrypted', { severity: 'information' }),
  boolCase('elasticache-at-rest-encryption', 'AWS::ElastiCache::ReplicationGroup', 'AtRestEncryptionEnabled', 'aws_elasticache_replication_group', 'at_rest_encryption_enabled'),
  boolCase('redshift-cluster-encryption', 'AWS::Redshift::Cluster', 'Encrypted', 'aws_redshift_cluster', 'encrypted'),
  boolCase('opensearch-at-rest-encryption', 'AWS::OpenSearchService::Domain', 'EncryptionAtRestOptions.Enabled', 'aws_opensearch_domain', 'encrypt_at_rest.enabled'),
  {
    rule: 'emr-at-rest-encryption',
    cfn: {
      fail: cfn('AWS::EMR::SecurityConfiguration', 'SecurityConfiguration:\n  EncryptionConfiguration:\n    EnableInTransitEncryption: false\n    EnableAtRestEncryption: false'),
      pass: cfn('AWS::EMR::SecurityConfiguration', 'SecurityConfiguration:\n  EncryptionConfiguration:\n    EnableInTransitEncryption: false\n    EnableAtRestEncryption: true'),
      unknown: cfn('AWS::EMR::SecurityConfiguration', 'SecurityConfiguration: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_emr_security_configuration', 'configuration = jsonencode({ EncryptionConfiguration = { EnableAtRestEncryption = false, EnableInTransitEncryption = false } })'),
      pass: tf('aws_emr_security_configuration', 'configuration = <<EOF\n{"EncryptionConfiguration": {"EnableAtRestEncryption": true, "EnableInTransitEncryption": false}}\nEOF'),
      unknown: tf('aws_emr_security_configuration', 'configuration = var.p'),
    },
  },
  textCase('kinesis-stream-encryption', 'AWS::Kinesis::Stream', 'StreamEncryption.EncryptionType', 'aws_kinesis_stream', 'encryption_type', ['NONE', 'NONE'], ['KMS', 'KMS'], { severity: 'information', cfnExtra: 'ShardCount: 1', tfExtra: 'shard_count = 1' }),
  textCase('sns-topic-encryption', 'AWS::SNS::Topic', 'KmsMasterKeyId', 'aws_sns_topic', 'kms_master_key_id', ["''", ''], ['alias/aws/sns', 'alias/aws/sns'], { severity: 'information' }),
  {
    rule: 'sqs-queue-encryption',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::SQS::Queue', 'SqsManagedSseEnabled: false'),
      pass: cfn('AWS::SQS::Queue', 'KmsMasterKeyId: alias/aws/sqs'),
      unknown: cfn('AWS::SQS::Queue', 'SqsManagedSseEnabled: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_sqs_queue', 'name = "q"\nsqs_managed_sse_enabled = false'),
      pass: tf('aws_sqs_queue', 'name = "q"'),
      unknown: tf('aws_sqs_queue', 'sqs_managed_sse_enabled = var.p'),
    },
  },
  // ---- network-traffic-protection ----
  {
    rule: 'elbv2-listener-https',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancingV2::Listener', 'Protocol: HTTP\nPort: 80\nDefaultActions:\n  - Type: forward\n    TargetGroupArn: arn:aws:x'),
      pass: cfn('AWS::ElasticLoadBalancingV2::Listener', 'Protocol: HTTP\nPort: 80\nDefaultActions:\n  - Type: redirect\n    RedirectConfig: {Protocol: HTTPS, Port: 443, StatusCode: HTTP_301}'),
      unknown: cfn('AWS::ElasticLoadBalancingV2::Listener', 'Protocol: {Ref: P}\nPort: 80'),
    },
    tf: {
      fail: tf('aws_lb_listener', 'port = 80\nprotocol = "HTTP"\ndefault_action {\n  type = "forward"\n  target_group_arn = "arn:aws:x"\n}'),
      pass: tf('aws_lb_listener', 'port = 80\nprotocol = "HTTP"\ndefault_action {\n  type = "redirect"\n  redirect {\n    port = "443"\n    protocol = "HTTPS"\n    status_code = "HTTP_301"\n  }\n}'),
      unknown: tf('aws_lb_listener', 'port = 80\nprotocol = var.p'),
    },
  },
  {
    rule: 'elb-classic-listener-https',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Listeners:\n  - {LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}'),
      pass: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Listeners:\n  - {LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, SSLCertificateId: arn:aws:acm:x}'),
      unknown: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Listeners:\n  - {LoadBalancerPort: 80, InstancePort: 80, Protocol: {Ref: P}}'),
    },
    tf: {
      fail: tf('aws_elb', 'listener {\n  lb_port = 80\n  lb_protocol = "http"\n  instance_port = 80\n  instance_protocol = "http"\n}'),
      pass: tf('aws_elb', 'listener {\n  lb_port = 443\n  lb_protocol = "https"\n  instance_port = 80\n  instance_protocol = "http"\n  ssl_certificate_id = "arn:aws:acm:x"\n}'),
      unknown: tf('aws_elb', 'listener {\n  lb_port = 80\n  lb_protocol = var.p\n  instance_port = 80\n  instance_protocol = "http"\n}'),
    },
  },
  textCase('cloudfront-viewer-https', 'AWS::CloudFront::Distribution', 'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'aws_cloudfront_distribution', 'default_cache_behavior.viewer_protocol_policy', ['allow-all', 'allow-all'], ['redirect-to-https', 'redirect-to-https']),
  boolCase('elasticache-transit-encryption', 'AWS::ElastiCache::ReplicationGroup', 'TransitEncryptionEnabled', 'aws_elasticache_replication_group', 'transit_encryption_enabled'),
  boolCase('opensearch-node-to-node-encryption', 'AWS::OpenSearchService::Domain', 'NodeToNodeEncryptionOptions.Enabled', 'aws_opensearch_domain', 'node_to_node_encryption.enabled'),
  boolCase('opensearch-enforce-https', 'AWS::Elasticsearch::Domain', 'DomainEndpointOptions.EnforceHTTPS', 'aws_elasticsearch_domain', 'domain_endpoint_options.enforce_https'),
  textCase('msk-encryption-in-transit', 'AWS::MSK::Cluster', 'EncryptionInfo.EncryptionInTransit.ClientBroker', 'aws_msk_cluster', 'encryption_info.encryption_in_transit.client_broker', ['PLAINTEXT', 'PLAINTEXT'], ['TLS', 'TLS']),
  // ---- firewall-configuration ----
  {
    rule: 'security-group-open-ingress',
    severity: 'error',
    cfn: {
      fail: cfn('AWS::EC2::SecurityGroup', 'GroupDescription: x\nSecurityGroupIngress:\n  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}'),
      pass: cfn('AWS::EC2::SecurityGroup', 'GroupDescription: x\nSecurityGroupIngress:\n  - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}\n  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}'),
      unknown: cfn('AWS::EC2::SecurityGroupIngress', 'GroupId: sg-1\nIpProtocol: tcp\nFromPort: 22\nToPort: 22\nCidrIp: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_vpc_security_group_ingress_rule', 'security_group_id = "sg-1"\nip_protocol = "-1"\ncidr_ipv4 = "0.0.0.0/0"'),
      pass: tf('aws_security_group', 'ingress {\n  from_port = 443\n  to_port = 443\n  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}'),
      unknown: tf('aws_security_group', 'dynamic "ingress" {\n  for_each = var.p\n  content {\n    from_port = ingress.value\n  }\n}'),
    },
  },
  {
    rule: 'network-acl-open-admin-ports',
    cfn: {
      fail: cfn('AWS::EC2::NetworkAclEntry', 'NetworkAclId: acl-1\nRuleNumber: 100\nProtocol: 6\nRuleAction: allow\nCidrBlock: 0.0.0.0/0\nPortRange: {From: 22, To: 22}'),
      pass: cfn('AWS::EC2::NetworkAclEntry', 'NetworkAclId: acl-1\nRuleNumber: 100\nProtocol: 6\nRuleAction: allow\nCidrBlock: 0.0.0.0/0\nPortRange: {From: 443, To: 443}'),
      unknown: cfn('AWS::EC2::NetworkAclEntry', 'NetworkAclId: acl-1\nRuleNumber: 100\nProtocol: 6\nRuleAction: allow\nCidrBlock: {Ref: P}\nPortRange: {From: 22, To: 22}'),
    },
    tf: {
      fail: tf('aws_network_acl', 'vpc_id = "vpc-1"\ningress {\n  rule_no = 100\n  action = "allow"\n  protocol = "tcp"\n  cidr_block = "0.0.0.0/0"\n  from_port = 3389\n  to_port = 3389\n}'),
      pass: tf('aws_network_acl_rule', 'network_acl_id = "acl-1"\nrule_number = 100\negress = false\nprotocol = "tcp"\nrule_action = "deny"\ncidr_block = "0.0.0.0/0"\nfrom_port = 22\nto_port = 22'),
      unknown: tf('aws_network_acl_rule', 'network_acl_id = "acl-1"\nrule_number = 100\nprotocol = "tcp"\nrule_action = var.p\ncidr_block = "0.0.0.0/0"\nfrom_port = 22\nto_port = 22'),
    },
  },
  // ---- network-configuration ----
  { ...boolCase('rds-publicly-accessible', 'AWS::RDS::DBInstance', 'PubliclyAccessible', 'aws_db_instance', 'publicly_accessible', { want: false, severity: 'error', cfnExtra: 'DBSubnetGroupName: g' }) },
  boolCase('redshift-publicly-accessible', 'AWS::Redshift::Cluster', 'PubliclyAccessible', 'aws_redshift_cluster', 'publicly_accessible', { want: false, severity: 'error' }),
  {
    ...boolCase('dms-replication-instance-public', 'AWS::DMS::ReplicationInstance', 'PubliclyAccessible', 'aws_dms_replication_instance', 'publicly_accessible', { want: false, severity: 'error' }),
  },
  {
    rule: 'eks-public-endpoint',
    cfn: {
      fail: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::1:role/r\nResourcesVpcConfig:\n  SubnetIds: [subnet-1]'),
      pass: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::1:role/r\nResourcesVpcConfig:\n  SubnetIds: [subnet-1]\n  EndpointPublicAccess: true\n  PublicAccessCidrs: [203.0.113.0/24]'),
      unknown: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::1:role/r\nResourcesVpcConfig:\n  SubnetIds: [subnet-1]\n  EndpointPublicAccess: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_eks_cluster', 'vpc_config {\n  subnet_ids = ["subnet-1"]\n  public_access_cidrs = ["0.0.0.0/0"]\n}'),
      pass: tf('aws_eks_cluster', 'vpc_config {\n  subnet_ids = ["subnet-1"]\n  endpoint_private_access = true\n  endpoint_public_access = false\n}'),
      unknown: tf('aws_eks_cluster', 'vpc_config {\n  subnet_ids = ["subnet-1"]\n  public_access_cidrs = var.p\n}'),
    },
  },
  boolCase('subnet-map-public-ip', 'AWS::EC2::Subnet', 'MapPublicIpOnLaunch', 'aws_subnet', 'map_public_ip_on_launch', { want: false, severity: 'information' }),
  boolCase('ec2-public-ip', 'AWS::AutoScaling::LaunchConfiguration', 'AssociatePublicIpAddress', 'aws_instance', 'associate_public_ip_address', { want: false }),
  textCase('ecs-service-public-ip', 'AWS::ECS::Service', 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'aws_ecs_service', 'network_configuration.assign_public_ip', ['ENABLED', 'true'], ['DISABLED', 'false']),
  textCase('msk-public-access', 'AWS::MSK::Cluster', 'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type', 'aws_msk_cluster', 'broker_node_group_info.connectivity_info.public_access.type', ['SERVICE_PROVIDED_EIPS', 'SERVICE_PROVIDED_EIPS'], ['DISABLED', 'DISABLED'], { severity: 'error' }),
  // ---- operating-system-configuration / platform ----
  textCase('ec2-imdsv2-required', 'AWS::EC2::LaunchTemplate', 'LaunchTemplateData.MetadataOptions.HttpTokens', 'aws_instance', 'metadata_options.http_tokens', ['optional', 'optional'], ['required', 'required'], { severity: 'warning' }),
  textCase('lambda-deprecated-runtime', 'AWS::Lambda::Function', 'Runtime', 'aws_lambda_function', 'runtime', ['python3.8', 'nodejs16.x'], ['python3.13', 'nodejs24.x']),
  boolCase('auto-minor-version-upgrade', 'AWS::RDS::DBInstance', 'AutoMinorVersionUpgrade', 'aws_db_instance', 'auto_minor_version_upgrade', { severity: 'information' }),
  // ---- identity-and-access-management ----
  {
    rule: 'iam-policy-wildcard',
    severity: 'error',
    cfn: {
      fail: cfn('AWS::IAM::Role', `AssumeRolePolicyDocument: {}\nPolicies:\n  - PolicyName: admin\n${policy("- {Effect: Allow, Action: '*', Resource: '*'}")
        .split('\n')
        .map((l) => '    ' + l)
        .join('\n')}`),
      pass: cfn('AWS::IAM::ManagedPolicy', policy("- {Effect: Allow, Action: ['s3:GetObject'], Resource: '*'}\n- {Effect: Deny, Action: '*', Resource: '*'}")),
      // Every action on resources the file does not decide is a gap whatever they are: only the action decides.
      unknown: cfn('AWS::IAM::ManagedPolicy', policy("- {Effect: Allow, Action: {Ref: P}, Resource: '*'}")),
    },
    tf: {
      fail: tf('aws_iam_policy', 'policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })'),
      pass: tf('aws_iam_role_policy', 'role = "r"\npolicy = <<EOF\n{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}\nEOF'),
      unknown: tf('aws_iam_policy', 'policy = data.aws_iam_policy_document.d.json'),
    },
  },
  {
    rule: 'iam-administrator-access-attached',
    severity: 'error',
    cfn: {
      // A decided AdministratorAccess is reported beside an ARN the file does not decide.
      fail: cfn('AWS::IAM::Role', "AssumeRolePolicyDocument: {}\nManagedPolicyArns:\n  - {Ref: P}\n  - {'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess'}\n  - arn:aws:iam::aws:policy/AdministratorAccess"),
      pass: cfn('AWS::IAM::Group', 'ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/AdministratorAccess-Amplify]'),
      unknown: cfn('AWS::IAM::User', 'ManagedPolicyArns: [{Ref: P}]'),
    },
    tf: {
      fail: tf('aws_iam_role_policy_attachment', 'role = "r"\npolicy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"'),
      pass: tf('aws_iam_role', 'assume_role_policy = "{}"\nmanaged_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/AdministratorAccess"]'),
      unknown: tf('aws_iam_group_policy_attachment', 'group = "g"\npolicy_arn = var.p'),
    },
  },
  {
    rule: 'resource-policy-public',
    severity: 'error',
    cfn: {
      fail: cfn('AWS::S3::BucketPolicy', `Bucket: b\n${policy("- {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*'}")}`),
      pass: cfn('AWS::SQS::QueuePolicy', `Queues: [q]\n${policy("- Effect: Allow\n  Principal: {Service: sns.amazonaws.com}\n  Action: 'sqs:SendMessage'\n  Resource: '*'\n- Effect: Allow\n  Principal: {AWS: '*'}\n  Action: 'sqs:SendMessage'\n  Resource: '*'\n  Condition: {ArnEquals: {'aws:SourceArn': 'arn:aws:sns:x'}}")}`),
      unknown: cfn('AWS::S3::BucketPolicy', `Bucket: b\n${policy("- {Effect: Allow, Principal: {Ref: P}, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*'}")}`),
    },
    tf: {
      fail: tf('aws_sns_topic_policy', 'arn = "arn:aws:sns:x"\npolicy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sns:Publish", Resource = "*" }] })'),
      pass: tf('aws_lambda_permission', 'function_name = "f"\naction = "lambda:InvokeFunction"\nprincipal = "s3.amazonaws.com"\nsource_arn = "arn:aws:s3:::b"'),
      unknown: tf('aws_s3_bucket_policy', 'bucket = "b"\npolicy = var.p'),
    },
  },
  {
    rule: 'lambda-permission-source',
    cfn: {
      fail: cfn('AWS::Lambda::Permission', 'FunctionName: f\nAction: lambda:InvokeFunction\nPrincipal: s3.amazonaws.com'),
      pass: cfn('AWS::Lambda::Permission', 'FunctionName: f\nAction: lambda:InvokeFunction\nPrincipal: s3.amazonaws.com\nSourceAccount: "123456789012"'),
      unknown: cfn('AWS::Lambda::Permission', 'FunctionName: f\nAction: lambda:InvokeFunction\nPrincipal: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_lambda_permission', 'function_name = "f"\naction = "lambda:InvokeFunction"\nprincipal = "events.amazonaws.com"'),
      pass: tf('aws_lambda_permission', 'function_name = "f"\naction = "lambda:InvokeFunction"\nprincipal = "events.amazonaws.com"\nsource_arn = "arn:aws:events:x"'),
      unknown: tf('aws_lambda_permission', 'function_name = "f"\naction = "lambda:InvokeFunction"\nprincipal = var.p'),
    },
  },
  textCase('lambda-function-url-public', 'AWS::Lambda::Url', 'AuthType', 'aws_lambda_function_url', 'authorization_type', ['NONE', 'NONE'], ['AWS_IAM', 'AWS_IAM'], { severity: 'error', cfnExtra: 'TargetFunctionArn: arn:aws:lambda:x', tfExtra: 'function_name = "f"' }),
  {
    rule: 'api-gateway-authorization',
    cfn: {
      // The method's API is in the template (one it does not hold may be private or have a resource policy: unknown).
      fail: cfn('AWS::ApiGateway::Method', 'RestApiId: {Ref: Api}\nResourceId: r-1\nHttpMethod: GET\nAuthorizationType: NONE', '  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: api\n'),
      pass: cfn('AWS::ApiGateway::Method', 'RestApiId: api-1\nResourceId: r-1\nHttpMethod: GET\nAuthorizationType: AWS_IAM'),
      unknown: cfn('AWS::ApiGateway::Method', 'RestApiId: api-1\nResourceId: r-1\nHttpMethod: GET\nAuthorizationType: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_apigatewayv2_route', 'api_id = "a-1"\nroute_key = "GET /items"'),
      pass: tf('aws_apigatewayv2_route', 'api_id = "a-1"\nroute_key = "GET /items"\nauthorization_type = "JWT"\nauthorizer_id = "z-1"'),
      unknown: tf('aws_apigatewayv2_route', 'api_id = "a-1"\nroute_key = "GET /items"\nauthorization_type = var.p'),
    },
  },
  {
    rule: 'iam-user-inline-policy',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::IAM::User', `Policies:\n  - PolicyName: p\n${policy("- {Effect: Allow, Action: 's3:GetObject', Resource: '*'}")
        .split('\n')
        .map((l) => '    ' + l)
        .join('\n')}`),
      pass: cfn('AWS::IAM::User', 'Groups: [g]'),
      unknown: cfn('AWS::IAM::User', 'Policies: {Ref: P}'),
    },
    tf: { fail: tf('aws_iam_user_policy', 'user = "u"\npolicy = "{}"') },
  },
  {
    rule: 'iam-user-access-key',
    cfn: {
      fail: cfn('AWS::IAM::AccessKey', 'UserName: u'),
      pass: cfn('AWS::IAM::AccessKey', 'UserName: u\nStatus: Inactive'),
      unknown: cfn('AWS::IAM::AccessKey', 'UserName: u\nStatus: {Ref: P}'),
    },
    tf: { fail: tf('aws_iam_access_key', 'user = "u"'), pass: tf('aws_iam_access_key', 'user = "u"\nstatus = "Inactive"'), unknown: tf('aws_iam_access_key', 'user = "u"\nstatus = var.p') },
  },
  {
    rule: 'plaintext-secret',
    referenceIsMet: true,
    cfn: {
      fail: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nMasterUsername: admin\nMasterUserPassword: hunter2hunter2'),
      pass: cfn('AWS::RDS::DBInstance', "Engine: mysql\nMasterUsername: admin\nMasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'"),
      unknown: cfn('AWS::Lambda::Function', 'Runtime: python3.12\nEnvironment:\n  Variables:\n    API_KEY: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_lambda_function', 'runtime = "python3.12"\nenvironment {\n  variables = {\n    API_TOKEN = "s3cr3t-value"\n  }\n}'),
      pass: tf('aws_db_instance', 'engine = "mysql"\nmanage_master_user_password = true'),
      unknown: tf('aws_db_instance', 'engine = "mysql"\npassword = var.p'),
    },
  },
  // ---- customer-data ----
  {
    rule: 's3-public-access-block',
    cfn: {
      fail: cfn('AWS::S3::Bucket', 'PublicAccessBlockConfiguration: {BlockPublicAcls: false, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}'),
      pass: cfn('AWS::S3::Bucket', 'PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}'),
      unknown: cfn('AWS::S3::Bucket', 'PublicAccessBlockConfiguration: {BlockPublicAcls: {Ref: P}, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}'),
    },
    tf: {
      fail: tf('aws_s3_bucket', 'bucket = "b"', 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.r.id\n  block_public_acls = true\n  block_public_policy = false\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}'),
      linked: tf('aws_s3_bucket', 'bucket = "b"', 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.r.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}'),
      unknown: tf('aws_s3_bucket', 'bucket = "b"', 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.r.id\n  block_public_acls = var.p\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}'),
    },
  },
  textCase('s3-bucket-public-acl', 'AWS::S3::Bucket', 'AccessControl', 'aws_s3_bucket_acl', 'acl', ['PublicRead', 'public-read'], ['Private', 'private'], { severity: 'error', tfExtra: 'bucket = "b"' }),
  {
    rule: 'public-snapshot-or-image',
    cfn: {
      fail: cfn('AWS::EC2::SnapshotBlockPublicAccess', 'State: unblocked'),
      pass: cfn('AWS::EC2::SnapshotBlockPublicAccess', 'State: block-all-sharing'),
      unknown: cfn('AWS::EC2::SnapshotBlockPublicAccess', 'State: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_ami_launch_permission', 'image_id = "ami-1"\ngroup = "all"'),
      pass: tf('aws_db_snapshot', 'db_instance_identifier = "d"\ndb_snapshot_identifier = "s"\nshared_accounts = ["123456789012"]'),
      unknown: tf('aws_db_snapshot', 'db_instance_identifier = "d"\ndb_snapshot_identifier = "s"\nshared_accounts = var.p'),
    },
  },
  textCase('rds-backup-retention', 'AWS::RDS::DBInstance', 'BackupRetentionPeriod', 'aws_db_instance', 'backup_retention_period', ['0', '0'], ['7', '7']),
  boolCase('dynamodb-point-in-time-recovery', 'AWS::DynamoDB::Table', 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', 'aws_dynamodb_table', 'point_in_time_recovery.enabled', { severity: 'information' }),
  textCase('elasticache-snapshot-retention', 'AWS::ElastiCache::ReplicationGroup', 'SnapshotRetentionLimit', 'aws_elasticache_replication_group', 'snapshot_retention_limit', ['0', '0'], ['7', '7'], { severity: 'information' }),
  {
    ...boolCase('deletion-protection', 'AWS::RDS::DBCluster', 'DeletionProtection', 'aws_dynamodb_table', 'deletion_protection_enabled', { severity: 'information' }),
    cfn: {
      ...boolCase('deletion-protection', 'AWS::RDS::DBCluster', 'DeletionProtection', 'aws_dynamodb_table', 'deletion_protection_enabled').cfn,
      linked: cfn('AWS::RDS::DBCluster', 'Engine: aurora-mysql', '    DeletionPolicy: Snapshot\n'),
    },
  },
  {
    rule: 's3-versioning',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::S3::Bucket', 'VersioningConfiguration: {Status: Suspended}'),
      pass: cfn('AWS::S3::Bucket', 'VersioningConfiguration: {Status: Enabled}'),
      unknown: cfn('AWS::S3::Bucket', 'VersioningConfiguration: {Status: {Ref: P}}'),
    },
    tf: {
      fail: tf('aws_s3_bucket', 'bucket = "b"'),
      linked: tf('aws_s3_bucket', 'bucket = "b"', 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.r.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}'),
      unknown: tf('aws_s3_bucket', 'bucket = "b"', 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.r.id\n  versioning_configuration {\n    status = var.p\n  }\n}'),
    },
  },
  ...LOGGING_CASES,
  ...VERSIONS_DATA_CASES,
  ...KEYS_TLS_CASES,
  ...SECRETS_POLICIES_CASES,
  ...WORKLOAD_CASES,
];
