/**
 * Fixtures of the logging and audit rules (server/src/core/rules/logging.ts), in the style of fixtures.ts: a failing,
 * a passing, an unknown and, where a separate resource meets the duty, a linked configuration per language.
 */
import type { Case } from './fixtures';
import { cfn, tf } from './fixture-text';

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

const CF_CFN = "DistributionConfig:\n  Enabled: true\n  Origins:\n    - Id: o\n      DomainName: example.com\n      CustomOriginConfig: {OriginProtocolPolicy: https-only}\n  DefaultCacheBehavior:\n    TargetOriginId: o\n    ViewerProtocolPolicy: redirect-to-https\n    CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6";
const CF_TF = 'enabled = true\norigin {\n  domain_name = "example.com"\n  origin_id = "o"\n}\ndefault_cache_behavior {\n  target_origin_id = "o"\n  viewer_protocol_policy = "redirect-to-https"\n  allowed_methods = ["GET", "HEAD"]\n  cached_methods = ["GET", "HEAD"]\n}\nrestrictions {\n  geo_restriction {\n    restriction_type = "none"\n  }\n}\nviewer_certificate {\n  cloudfront_default_certificate = true\n}';
const deliveryCfn = (arn: string): string =>
  `  S:\n    Type: AWS::Logs::DeliverySource\n    Properties:\n      Name: cf-access\n      LogType: ACCESS_LOGS\n      ResourceArn:\n        Fn::Sub: "${arn}"\n  D:\n    Type: AWS::Logs::Delivery\n    Properties:\n      DeliverySourceName:\n        Ref: S\n      DeliveryDestinationArn: arn:aws:logs:us-east-1:123456789012:delivery-destination:s3\n`;
const deliveryTf = (arn: string): string =>
  `resource "aws_cloudwatch_log_delivery_source" "s" {\n  name = "cf-access"\n  log_type = "ACCESS_LOGS"\n  resource_arn = ${arn}\n}\nresource "aws_cloudwatch_log_delivery" "d" {\n  delivery_source_name = aws_cloudwatch_log_delivery_source.s.name\n  delivery_destination_arn = "arn:aws:logs:us-east-1:123456789012:delivery-destination:s3"\n}`;
const methodSettingsTf = (stage: string, level: string): string =>
  `resource "aws_api_gateway_method_settings" "m" {\n  rest_api_id = "a1"\n  stage_name = ${stage}\n  method_path = "*/*"\n  settings {\n    logging_level = ${level}\n  }\n}`;
const WS_API_CFN = '  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: ws\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.action\n';
const WS_API_TF = 'resource "aws_apigatewayv2_api" "ws" {\n  name = "ws"\n  protocol_type = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n}';
const WAF_CFN = 'Scope: REGIONAL\nDefaultAction: {Allow: {}}\nVisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl}';
const WAF_TF = 'name = "acl"\nscope = "REGIONAL"\ndefault_action {\n  allow {}\n}\nvisibility_config {\n  cloudwatch_metrics_enabled = true\n  metric_name = "acl"\n  sampled_requests_enabled = true\n}';
const wafLoggingCfn = (arn: string): string =>
  `  L:\n    Type: AWS::WAFv2::LoggingConfiguration\n    Properties:\n      ResourceArn: ${arn}\n      LogDestinationConfigs: [arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-acl]\n`;
const wafLoggingTf = (arn: string): string =>
  `resource "aws_wafv2_web_acl_logging_configuration" "l" {\n  resource_arn = ${arn}\n  log_destination_configs = ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-acl"]\n}`;
const NFW_CFN = 'FirewallName: fw\nFirewallPolicyArn: arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/p\nVpcId: vpc-1\nSubnetMappings: [{SubnetId: subnet-1}]';
const NFW_TF = 'name = "fw"\nfirewall_policy_arn = "arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/p"\nvpc_id = "vpc-1"\nsubnet_mapping {\n  subnet_id = "subnet-1"\n}';
const nfwLoggingCfn = (arn: string): string =>
  `  L:\n    Type: AWS::NetworkFirewall::LoggingConfiguration\n    Properties:\n      FirewallArn: ${arn}\n      LoggingConfiguration:\n        LogDestinationConfigs:\n          - LogType: FLOW\n            LogDestinationType: CloudWatchLogs\n            LogDestination: {logGroup: fw-flow}\n`;
const nfwLoggingTf = (arn: string): string =>
  `resource "aws_networkfirewall_logging_configuration" "l" {\n  firewall_arn = ${arn}\n  logging_configuration {\n    log_destination_config {\n      log_type = "FLOW"\n      log_destination_type = "CloudWatchLogs"\n      log_destination = {\n        logGroup = "fw-flow"\n      }\n    }\n  }\n}`;

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
  {
    rule: 'rds-log-exports',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro\nAllocatedStorage: 20'),
      pass: cfn('AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro\nAllocatedStorage: 20\nEnableCloudwatchLogsExports: [postgresql, upgrade]'),
      unknown: cfn('AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro\nAllocatedStorage: 20\nEnableCloudwatchLogsExports:\n  Ref: P'),
      // An Aurora DB instance takes its exports from its cluster: not asked (the cluster is).
      linked: cfn('AWS::RDS::DBInstance', 'Engine: aurora-mysql\nDBInstanceClass: db.r6g.large\nDBClusterIdentifier:\n  Ref: C', "  C:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      EnableCloudwatchLogsExports: [audit, error]\n"),
    },
    tf: {
      fail: tf('aws_db_instance', 'engine = "mysql"\ninstance_class = "db.t3.micro"\nenabled_cloudwatch_logs_exports = ["error", "slowquery"]'),
      pass: tf('aws_db_instance', 'engine = "mysql"\ninstance_class = "db.t3.micro"\nenabled_cloudwatch_logs_exports = ["audit", "error", "general", "slowquery"]'),
      unknown: tf('aws_db_instance', 'engine = "mysql"\ninstance_class = "db.t3.micro"\nenabled_cloudwatch_logs_exports = var.p'),
    },
  },
  {
    rule: 'rds-log-exports',
    cfn: {
      fail: cfn('AWS::RDS::DBCluster', 'Engine: aurora-mysql\nMasterUsername: admin'),
      pass: cfn('AWS::RDS::DBCluster', 'Engine: aurora-postgresql\nEnableCloudwatchLogsExports: [postgresql]'),
      // The engine decides which log records activity: `error` alone is enough for none of them, but which one is not decided.
      unknown: cfn('AWS::RDS::DBCluster', 'Engine:\n  Ref: P\nEnableCloudwatchLogsExports: [error]'),
    },
    tf: {
      fail: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nenabled_cloudwatch_logs_exports = []'),
      pass: tf('aws_rds_cluster', 'engine = "aurora-mysql"\nenabled_cloudwatch_logs_exports = ["audit"]'),
      unknown: tf('aws_rds_cluster', 'engine = var.p\nenabled_cloudwatch_logs_exports = ["error"]'),
    },
  },
  {
    rule: 'cloudfront-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::CloudFront::Distribution', CF_CFN),
      pass: cfn('AWS::CloudFront::Distribution', `${CF_CFN}\n  Logging:\n    Bucket: logs.s3.amazonaws.com\n    Prefix: cf/`),
      unknown: cfn('AWS::CloudFront::Distribution', `${CF_CFN}\n  Logging:\n    Bucket:\n      Ref: P`),
      // Standard logging v2: a CloudWatch Logs delivery source for the distribution, delivered by an AWS::Logs::Delivery.
      linked: cfn('AWS::CloudFront::Distribution', CF_CFN, deliveryCfn("arn:aws:cloudfront::123456789012:distribution/${R}")),
    },
    tf: {
      fail: tf('aws_cloudfront_distribution', CF_TF),
      pass: tf('aws_cloudfront_distribution', `${CF_TF}\nlogging_config {\n  bucket = "logs.s3.amazonaws.com"\n}`),
      unknown: tf('aws_cloudfront_distribution', CF_TF, deliveryTf('var.p')),
      linked: tf('aws_cloudfront_distribution', CF_TF, deliveryTf('aws_cloudfront_distribution.r.arn')),
    },
  },
  {
    rule: 'api-gateway-execution-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ApiGateway::Stage', 'RestApiId: a1\nStageName: prod'),
      pass: cfn('AWS::ApiGateway::Stage', "RestApiId: a1\nStageName: prod\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: '/*'\n    LoggingLevel: ERROR"),
      unknown: cfn('AWS::ApiGateway::Stage', "RestApiId: a1\nStageName: prod\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: '/*'\n    LoggingLevel:\n      Ref: P"),
    },
    tf: {
      fail: tf('aws_api_gateway_stage', 'rest_api_id = "a1"\nstage_name = "prod"\ndeployment_id = "d1"'),
      linked: tf('aws_api_gateway_stage', 'rest_api_id = "a1"\nstage_name = "prod"\ndeployment_id = "d1"', methodSettingsTf('aws_api_gateway_stage.r.stage_name', '"INFO"')),
      unknown: tf('aws_api_gateway_stage', 'rest_api_id = "a1"\nstage_name = "prod"\ndeployment_id = "d1"', methodSettingsTf('aws_api_gateway_stage.r.stage_name', 'var.p')),
    },
  },
  {
    // WebSocket stages (HTTP APIs have no execution logs).
    rule: 'api-gateway-execution-logging',
    cfn: {
      fail: cfn('AWS::ApiGatewayV2::Stage', 'ApiId:\n  Ref: Ws\nStageName: prod', WS_API_CFN),
      pass: cfn('AWS::ApiGatewayV2::Stage', 'ApiId:\n  Ref: Ws\nStageName: prod\nDefaultRouteSettings:\n  LoggingLevel: INFO', WS_API_CFN),
      unknown: cfn('AWS::ApiGatewayV2::Stage', 'ApiId:\n  Ref: P\nStageName: prod'),
    },
    tf: {
      fail: tf('aws_apigatewayv2_stage', 'api_id = aws_apigatewayv2_api.ws.id\nname = "prod"\ndefault_route_settings {\n  logging_level = "OFF"\n}', WS_API_TF),
      pass: tf('aws_apigatewayv2_stage', 'api_id = aws_apigatewayv2_api.ws.id\nname = "prod"\ndefault_route_settings {\n  logging_level = "ERROR"\n}', WS_API_TF),
      unknown: tf('aws_apigatewayv2_stage', 'api_id = aws_apigatewayv2_api.ws.id\nname = "prod"\ndefault_route_settings {\n  logging_level = var.p\n}', WS_API_TF),
    },
  },
  {
    rule: 'opensearch-audit-logs',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.11'),
      pass: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.11\nAdvancedSecurityOptions:\n  Enabled: true\nLogPublishingOptions:\n  AUDIT_LOGS:\n    CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:audit\n    Enabled: true'),
      unknown: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.11\nLogPublishingOptions:\n  AUDIT_LOGS:\n    CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:audit\n    Enabled:\n      Ref: P'),
    },
    tf: {
      fail: tf('aws_opensearch_domain', 'domain_name = "d"\nlog_publishing_options {\n  log_type = "INDEX_SLOW_LOGS"\n  cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:slow"\n}'),
      pass: tf('aws_opensearch_domain', 'domain_name = "d"\nlog_publishing_options {\n  log_type = "AUDIT_LOGS"\n  cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:audit"\n}'),
      unknown: tf('aws_opensearch_domain', 'domain_name = "d"\nlog_publishing_options {\n  log_type = var.p\n  cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:audit"\n}'),
    },
  },
  {
    rule: 'waf-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::WAFv2::WebACL', WAF_CFN),
      linked: cfn('AWS::WAFv2::WebACL', WAF_CFN, wafLoggingCfn('{"Fn::GetAtt": [R, Arn]}')),
      unknown: cfn('AWS::WAFv2::WebACL', WAF_CFN, wafLoggingCfn('{Ref: P}')),
    },
    tf: {
      fail: tf('aws_wafv2_web_acl', WAF_TF),
      linked: tf('aws_wafv2_web_acl', WAF_TF, wafLoggingTf('aws_wafv2_web_acl.r.arn')),
      unknown: tf('aws_wafv2_web_acl', WAF_TF, wafLoggingTf('var.p')),
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
  // ---- firewall-configuration ----
  {
    rule: 'network-firewall-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::NetworkFirewall::Firewall', NFW_CFN),
      linked: cfn('AWS::NetworkFirewall::Firewall', NFW_CFN, nfwLoggingCfn('{Ref: R}')),
      unknown: cfn('AWS::NetworkFirewall::Firewall', NFW_CFN, nfwLoggingCfn('{Ref: P}')),
    },
    tf: {
      fail: tf('aws_networkfirewall_firewall', NFW_TF),
      linked: tf('aws_networkfirewall_firewall', NFW_TF, nfwLoggingTf('aws_networkfirewall_firewall.r.arn')),
      unknown: tf('aws_networkfirewall_firewall', NFW_TF, nfwLoggingTf('var.p')),
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
