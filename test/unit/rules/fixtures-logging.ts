/**
 * Fixtures of the logging and audit rules (server/src/core/rules/logging.ts), in the style of fixtures.ts: a failing,
 * a passing, an unknown and, where a separate resource meets the duty, a linked configuration per language.
 */
import type { Case } from './fixtures';

/** As fixtures.ts `cfn`: a one-resource template `R` with an input `P` that has no default. */
function cfn(type: string, props: string, extra = ''): string {
  const body = props
    .trim()
    .split('\n')
    .map((l) => '      ' + l)
    .join('\n');
  return `Parameters:\n  P:\n    Type: String\nResources:\n  R:\n    Type: ${type}\n    Properties:\n${body}\n${extra}`;
}

/** As fixtures.ts `tf`: one block `r` with a variable `p` that has no default. */
function tf(type: string, body: string, extra = ''): string {
  return `variable "p" {}\nresource "${type}" "r" {\n${body.trim()}\n}\n${extra}`;
}

const TRAIL_CFN = 'S3BucketName: logs\nIsLogging: true';
const TRAIL_TF = 'name = "t"\ns3_bucket_name = "logs"';

/** A CloudTrail switch: false (or absent), true, a parameter. */
function trailCase(rule: string, cfnKey: string, tfKey: string, severity: 'information' | 'warning', base = { cfn: TRAIL_CFN, tf: TRAIL_TF }): Case {
  return {
    rule,
    severity,
    cfn: {
      fail: cfn('AWS::CloudTrail::Trail', `${base.cfn}\n${cfnKey}: false`),
      pass: cfn('AWS::CloudTrail::Trail', `${base.cfn}\n${cfnKey}: true`),
      unknown: cfn('AWS::CloudTrail::Trail', `${base.cfn}\n${cfnKey}: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_cloudtrail', `${base.tf}\n${tfKey} = false`),
      pass: tf('aws_cloudtrail', `${base.tf}\n${tfKey} = true`),
      unknown: tf('aws_cloudtrail', `${base.tf}\n${tfKey} = var.p`),
    },
  };
}

const flowLogCfn = (resourceId: string): string => `  F:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: ${resourceId}\n      ResourceType: VPC\n      TrafficType: ALL\n      LogDestinationType: s3\n      LogDestination: arn:aws:s3:::logs\n`;
const flowLogTf = (vpcId: string): string => `resource "aws_flow_log" "f" {\n  vpc_id = ${vpcId}\n  traffic_type = "ALL"\n  log_destination_type = "s3"\n  log_destination = "arn:aws:s3:::logs"\n}`;
const s3LoggingTf = (bucket: string): string => `resource "aws_s3_bucket_logging" "l" {\n  bucket = ${bucket}\n  target_bucket = "logs"\n  target_prefix = "b/"\n}`;
const ALB_CFN = 'Subnets: [subnet-1, subnet-2]';

export const LOGGING_CASES: readonly Case[] = [
  // ---- identity-and-access-management (audit) ----
  trailCase('cloudtrail-logging-enabled', 'IsLogging', 'enable_logging', 'warning', { cfn: 'S3BucketName: logs', tf: TRAIL_TF }),
  trailCase('cloudtrail-multi-region', 'IsMultiRegionTrail', 'is_multi_region_trail', 'information'),
  {
    ...trailCase('cloudtrail-log-file-validation', 'EnableLogFileValidation', 'enable_log_file_validation', 'information'),
  },
  {
    // Absent is a gap too (both switches are off by default).
    rule: 'cloudtrail-log-file-validation',
    severity: 'information',
    cfn: { fail: cfn('AWS::CloudTrail::Trail', TRAIL_CFN) },
    tf: { fail: tf('aws_cloudtrail', TRAIL_TF) },
  },
  {
    rule: 's3-access-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::S3::Bucket', 'BucketName: b'),
      pass: cfn('AWS::S3::Bucket', 'BucketName: b\nLoggingConfiguration:\n  DestinationBucketName: logs\n  LogFilePrefix: b/'),
      unknown: cfn('AWS::S3::Bucket', 'BucketName: b\nLoggingConfiguration:\n  Ref: P'),
      // The log destination itself is not asked to log (its own access logs would need yet another bucket).
      linked: cfn('AWS::S3::Bucket', 'AccessControl: LogDeliveryWrite', '  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      LoggingConfiguration:\n        DestinationBucketName:\n          Ref: R\n'),
    },
    tf: {
      fail: tf('aws_s3_bucket', 'bucket = "b"'),
      pass: tf('aws_s3_bucket', 'bucket = "b"\nlogging {\n  target_bucket = "logs"\n}'),
      unknown: tf('aws_s3_bucket', 'bucket = "b"', s3LoggingTf('var.p')),
      linked: tf('aws_s3_bucket', 'bucket = "b"', s3LoggingTf('aws_s3_bucket.r.id')),
    },
  },
  {
    rule: 's3-access-logging',
    tf: {
      fail: tf('aws_s3_bucket', 'bucket = "b"', s3LoggingTf('"other"')),
      pass: tf('aws_s3_bucket', 'bucket = "b"', s3LoggingTf('"b"')),
      unknown: tf('aws_s3_bucket', 'bucket = "b"\nlogging {\n  target_bucket = var.p\n}'),
    },
  },
  {
    rule: 'elb-access-logs',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', ALB_CFN),
      pass: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', `${ALB_CFN}\nLoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: 'true'\n  - Key: access_logs.s3.bucket\n    Value: logs`),
      unknown: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', `${ALB_CFN}\nLoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value:\n      Ref: P`),
    },
    tf: {
      fail: tf('aws_lb', 'subnets = ["subnet-1", "subnet-2"]\naccess_logs {\n  bucket = "logs"\n  enabled = false\n}'),
      pass: tf('aws_lb', 'subnets = ["subnet-1", "subnet-2"]\naccess_logs {\n  bucket = "logs"\n  enabled = true\n}'),
      unknown: tf('aws_lb', 'subnets = ["subnet-1", "subnet-2"]\naccess_logs {\n  bucket = "logs"\n  enabled = var.p\n}'),
    },
  },
  {
    rule: 'elb-access-logs',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Listeners: [{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}]\nAccessLoggingPolicy:\n  Enabled: false\n  S3BucketName: logs'),
      pass: cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Listeners: [{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}]\nAccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: logs'),
      // Network Load Balancers log only TLS connections: not asked.
      linked: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', `${ALB_CFN}\nType: network`),
    },
    tf: {
      fail: tf('aws_elb', 'listener {\n  lb_port = 80\n  lb_protocol = "http"\n  instance_port = 80\n  instance_protocol = "http"\n}'),
      pass: tf('aws_elb', 'access_logs {\n  bucket = "logs"\n}'),
      unknown: tf('aws_lb', 'load_balancer_type = var.p'),
    },
  },
  {
    rule: 'api-gateway-access-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ApiGateway::Stage', 'RestApiId: a1\nStageName: prod'),
      pass: cfn('AWS::ApiGateway::Stage', "RestApiId: a1\nStageName: prod\nAccessLogSetting:\n  DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api\n  Format: '$context.requestId'"),
      unknown: cfn('AWS::ApiGateway::Stage', 'RestApiId: a1\nStageName: prod\nAccessLogSetting:\n  DestinationArn:\n    Ref: P'),
    },
    tf: {
      fail: tf('aws_apigatewayv2_stage', 'api_id = "a1"\nname = "prod"'),
      pass: tf('aws_apigatewayv2_stage', 'api_id = "a1"\nname = "prod"\naccess_log_settings {\n  destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:api"\n  format = "$context.requestId"\n}'),
      unknown: tf('aws_apigatewayv2_stage', 'api_id = "a1"\nname = "prod"\naccess_log_settings {\n  destination_arn = var.p\n  format = "$context.requestId"\n}'),
    },
  },
  {
    rule: 'eks-control-plane-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::123456789012:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]'),
      pass: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::123456789012:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]\nLogging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit'),
      unknown: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::123456789012:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]\nLogging:\n  ClusterLogging:\n    EnabledTypes:\n      Ref: P'),
    },
    tf: {
      fail: tf('aws_eks_cluster', 'name = "c"\nrole_arn = "arn:aws:iam::123456789012:role/eks"\nenabled_cluster_log_types = ["api"]'),
      pass: tf('aws_eks_cluster', 'name = "c"\nrole_arn = "arn:aws:iam::123456789012:role/eks"\nenabled_cluster_log_types = ["api", "audit", "authenticator"]'),
      unknown: tf('aws_eks_cluster', 'name = "c"\nrole_arn = "arn:aws:iam::123456789012:role/eks"\nenabled_cluster_log_types = var.p'),
    },
  },
  // ---- network-configuration ----
  {
    rule: 'vpc-flow-logs',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16'),
      linked: cfn('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16', flowLogCfn('{Ref: R}')),
      unknown: cfn('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16', flowLogCfn('{Ref: P}')),
    },
    tf: {
      fail: tf('aws_vpc', 'cidr_block = "10.0.0.0/16"'),
      linked: tf('aws_vpc', 'cidr_block = "10.0.0.0/16"', flowLogTf('aws_vpc.r.id')),
      unknown: tf('aws_vpc', 'cidr_block = "10.0.0.0/16"', flowLogTf('var.p')),
    },
  },
  // ---- server-side-encryption ----
  {
    rule: 'cloudtrail-kms-encryption',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::CloudTrail::Trail', TRAIL_CFN),
      pass: cfn('AWS::CloudTrail::Trail', `${TRAIL_CFN}\nKMSKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234`),
      unknown: cfn('AWS::CloudTrail::Trail', `${TRAIL_CFN}\nKMSKeyId: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_cloudtrail', TRAIL_TF),
      pass: tf('aws_cloudtrail', `${TRAIL_TF}\nkms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234"`),
      unknown: tf('aws_cloudtrail', `${TRAIL_TF}\nkms_key_id = var.p`),
    },
  },
];
