/** The logging and audit rules beyond the fixtures: log destinations, links that create nothing, suppression, fixes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { applySuppressions } from '../../../server/src/core/suppress';

const kept = (file: string, text: string): string[] => applySuppressions(analyzeText(file, text), text).findings.map((f) => f.ruleId);

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}

describe('s3-access-logging', () => {
  it('does not ask an access-log destination to log (a bucket policy for logging.s3.amazonaws.com)', () => {
    const tf = `resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.logs.id\n  policy = data.aws_iam_policy_document.d.json\n}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    principals {\n      type = "Service"\n      identifiers = ["logging.s3.amazonaws.com"]\n    }\n    actions = ["s3:PutObject"]\n    resources = ["arn:aws:s3:::logs/*"]\n  }\n}\n`;
    const a = analyzeText('main.tf', tf);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 's3-access-logging'), []);
    assert.deepEqual(statuses(a, 's3-access-logging'), ['aws_s3_bucket.logs:not-applicable']);
  });

  it('does not ask the bucket another bucket logs to (CloudFormation DestinationBucketName)', () => {
    const y = `Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 's3-access-logging').sort(), ['Data:met', 'Logs:not-applicable']);
  });

  it('a logging resource that creates nothing (count = 0) does not meet it; an undecided count is unknown', () => {
    const base = (count: string): string =>
      `variable "p" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_logging" "l" {\n  count = ${count}\n  bucket = aws_s3_bucket.b.id\n  target_bucket = "logs"\n  target_prefix = "b/"\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', base('0')), 's3-access-logging'), ['aws_s3_bucket.b:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', base('1')), 's3-access-logging'), ['aws_s3_bucket.b:met']);
    assert.deepEqual(statuses(analyzeText('main.tf', base('var.p ? 1 : 0')), 's3-access-logging'), ['aws_s3_bucket.b:unknown']);
  });

  it('is suppressed like every rule, with a reason (comment and Metadata)', () => {
    const comment = `Resources:\n  # aws-responsibility-ignore s3-access-logging: logs go to the central account\n  B:\n    Type: AWS::S3::Bucket\n`;
    assert.ok(!kept('t.yaml', comment).includes('s3-access-logging'), JSON.stringify(kept('t.yaml', comment)));
    assert.ok(!kept('t.yaml', comment).includes('unused-suppression'));
    const meta = `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Metadata": {"aws-responsibility": {"ignore": [{"rule": "s3-access-logging", "reason": "central logging"}]}}}}}`;
    assert.ok(!kept('t.json', meta).includes('s3-access-logging'));
    assert.ok(kept('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n').includes('s3-access-logging'));
  });
});

describe('cloudtrail rules', () => {
  it('offer the single-property quick fixes, a Warning for a stopped trail and no fix for the KMS key', () => {
    const a = analyzeText('t.yaml', 'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: logs\n      IsLogging: false\n');
    const by = (id: string) => a.findings.find((f) => f.ruleId === id);
    assert.equal(by('cloudtrail-logging-enabled')?.severity, 'warning');
    assert.deepEqual(by('cloudtrail-logging-enabled')?.fix?.path, ['IsLogging']);
    assert.deepEqual(by('cloudtrail-multi-region')?.fix?.path, ['IsMultiRegionTrail']);
    assert.deepEqual(by('cloudtrail-log-file-validation')?.fix?.path, ['EnableLogFileValidation']);
    assert.equal(by('cloudtrail-kms-encryption')?.severity, 'information');
    assert.equal(by('cloudtrail-kms-encryption')?.fix, undefined);
  });

  it('Terraform logs by default (enable_logging absent is met)', () => {
    const a = analyzeText('main.tf', 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "logs"\n}\n');
    assert.deepEqual(statuses(a, 'cloudtrail-logging-enabled'), ['aws_cloudtrail.t:met']);
  });
});

describe('elb-access-logs', () => {
  it('asks Application and Classic Load Balancers only', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_lb" "n" {\n  load_balancer_type = "network"\n}\n'), 'elb-access-logs'), ['aws_lb.n:not-applicable']);
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_lb" "g" {\n  load_balancer_type = "gateway"\n}\n'), 'elb-access-logs'), ['aws_lb.g:not-applicable']);
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_alb" "a" {\n  subnets = ["s1"]\n}\n'), 'elb-access-logs'), ['aws_alb.a:gap']);
  });

  it('an aws_lb access_logs block without enabled is off (the provider default), with a fix', () => {
    const a = analyzeText('main.tf', 'resource "aws_lb" "a" {\n  access_logs {\n    bucket = "logs"\n  }\n}\n');
    const f = a.findings.find((x) => x.ruleId === 'elb-access-logs');
    assert.deepEqual(f?.fix?.path, ['access_logs', 'enabled']);
  });
});

describe('vpc-flow-logs', () => {
  it('a flow log on another VPC of the file does not meet it', () => {
    const tf = 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "b" {\n  cidr_block = "10.1.0.0/16"\n}\nresource "aws_flow_log" "f" {\n  vpc_id = aws_vpc.a.id\n  traffic_type = "ALL"\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'vpc-flow-logs').sort(), ['aws_vpc.a:met', 'aws_vpc.b:gap']);
  });
});

describe('vpc-flow-logs and CloudFormation conditions', () => {
  it('a flow log whose Condition is false does not meet it; an undecided Condition is unknown', () => {
    const y = `Parameters:\n  On: {Type: String, Default: 'no'}\n  X: {Type: String}\nConditions:\n  IsOn: !Equals [!Ref On, 'yes']\n  IsX: !Equals [!Ref X, 'yes']\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n  F:\n    Type: AWS::EC2::FlowLog\n    Condition: IsOn\n    Properties: {ResourceId: !Ref V, ResourceType: VPC, TrafficType: ALL}\n  W:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n  G:\n    Type: AWS::EC2::FlowLog\n    Condition: IsX\n    Properties: {ResourceId: !Ref W, ResourceType: VPC, TrafficType: ALL}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'vpc-flow-logs').sort(), ['V:gap', 'W:unknown']);
  });
});

describe('eks-control-plane-logging', () => {
  it('names the log types enabled when audit is missing', () => {
    const a = analyzeText('main.tf', 'resource "aws_eks_cluster" "c" {\n  name = "c"\n  enabled_cluster_log_types = ["api", "authenticator"]\n}\n');
    const f = a.findings.find((x) => x.ruleId === 'eks-control-plane-logging');
    assert.match(f?.message ?? '', /does not send its audit log to CloudWatch Logs \(enabled: api, authenticator\)/);
  });
});

describe('rds-log-exports', () => {
  it("never asks a DB instance of a cluster (its exports are the cluster's), whichever cluster it names", () => {
    const y = `Parameters:\n  C: {Type: String}\nResources:\n  I:\n    Type: AWS::RDS::DBInstance\n    Properties: {Engine: aurora-postgresql, DBClusterIdentifier: !Ref C, DBInstanceClass: db.r6g.large}\n  J:\n    Type: AWS::RDS::DBInstance\n    Properties: {DBClusterIdentifier: !Ref C, DBInstanceClass: db.r6g.large}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'rds-log-exports').sort(), ['I:not-applicable', 'J:not-applicable']);
  });

  it('does not ask Aurora Serverless v1 clusters or RDS Custom instances', () => {
    const tf = 'resource "aws_rds_cluster" "s" {\n  engine = "aurora-mysql"\n  engine_mode = "serverless"\n}\nresource "aws_db_instance" "c" {\n  engine = "custom-oracle-ee"\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'rds-log-exports').sort(), ['aws_db_instance.c:not-applicable', 'aws_rds_cluster.s:not-applicable']);
  });

  it('judges the exports by engine: the audit log for MySQL and Oracle, the error log for SQL Server', () => {
    const one = (engine: string, logs: string): string => statuses(analyzeText('main.tf', `resource "aws_db_instance" "d" {\n  engine = "${engine}"\n  enabled_cloudwatch_logs_exports = [${logs}]\n}\n`), 'rds-log-exports')[0];
    assert.equal(one('oracle-ee', '"alert", "listener"'), 'aws_db_instance.d:gap');
    assert.equal(one('oracle-ee', '"audit"'), 'aws_db_instance.d:met');
    assert.equal(one('sqlserver-se', '"error"'), 'aws_db_instance.d:met');
    assert.equal(one('mariadb', '"audit", "error"'), 'aws_db_instance.d:met');
    assert.equal(one('postgres', '"upgrade"'), 'aws_db_instance.d:gap');
  });

  it('with an engine the files do not decide: met when every engine the exported types fit has its audit log, a gap when nothing is exported', () => {
    const one = (logs: string): string => statuses(analyzeText('main.tf', `variable "e" {}\nresource "aws_db_instance" "d" {\n  engine = var.e\n  enabled_cloudwatch_logs_exports = [${logs}]\n}\n`), 'rds-log-exports')[0];
    assert.equal(one('"audit", "error"'), 'aws_db_instance.d:met');
    assert.equal(one('"postgresql"'), 'aws_db_instance.d:met');
    assert.equal(one('"error"'), 'aws_db_instance.d:unknown');
    assert.equal(one(''), 'aws_db_instance.d:gap');
  });

  it('names what is exported and what is missing', () => {
    const a = analyzeText('main.tf', 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = ["error", "slowquery"]\n}\n');
    const f = a.findings.find((x) => x.ruleId === 'rds-log-exports');
    assert.match(f?.message ?? '', /does not export the Aurora MySQL log that records database activity \(exported: error, slowquery\) — add `audit`/);
    assert.match(f?.message ?? '', /server_audit_logging/);
  });
});

describe('cloudfront-logging', () => {
  it('a delivery source with no delivery in the file is unknown; one whose resource_arn is another distribution does not meet it', () => {
    const dist = (n: string): string => `resource "aws_cloudfront_distribution" "${n}" {\n  enabled = true\n}\n`;
    const src = 'resource "aws_cloudwatch_log_delivery_source" "s" {\n  name = "cf"\n  log_type = "ACCESS_LOGS"\n  resource_arn = aws_cloudfront_distribution.a.arn\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', dist('a') + dist('b') + src), 'cloudfront-logging').sort(), ['aws_cloudfront_distribution.a:unknown', 'aws_cloudfront_distribution.b:gap']);
  });

  it('a delivery that names the source by its literal name meets it', () => {
    const y = `Resources:\n  Dist:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig: {Enabled: true}\n  Src:\n    Type: AWS::Logs::DeliverySource\n    Properties:\n      Name: cf-logs\n      LogType: ACCESS_LOGS\n      ResourceArn: !Sub 'arn:aws:cloudfront::\${AWS::AccountId}:distribution/\${Dist}'\n  Del:\n    Type: AWS::Logs::Delivery\n    Properties:\n      DeliverySourceName: cf-logs\n      DeliveryDestinationArn: arn:aws:logs:us-east-1:123456789012:delivery-destination:d\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'cloudfront-logging'), ['Dist:met']);
  });
});

describe('api-gateway-execution-logging', () => {
  it('explicit OFF and settings for only some methods are gaps; HTTP API stages are not asked', () => {
    const stage = (settings: string): string => `Resources:\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a1\n      MethodSettings:\n${settings}`;
    const off = analyzeText('t.yaml', stage("        - {HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'OFF'}\n"));
    assert.match(off.findings.find((f) => f.ruleId === 'api-gateway-execution-logging')?.message ?? '', /has execution logging turned off/);
    const some = analyzeText('t.yaml', stage("        - {HttpMethod: GET, ResourcePath: '/~1pets', LoggingLevel: INFO}\n"));
    assert.match(some.findings.find((f) => f.ruleId === 'api-gateway-execution-logging')?.message ?? '', /only some of its methods/);
    const http = `Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: h, ProtocolType: HTTP}\n  S:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties: {ApiId: !Ref Api, StageName: prod}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', http), 'api-gateway-execution-logging'), ['S:not-applicable']);
  });

  it('Terraform: method settings matched by a literal stage name; logging_level OFF is a gap at the method settings with a fix', () => {
    const tf = (level: string): string =>
      `resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a1"\n  stage_name = "prod"\n  deployment_id = "d"\n}\nresource "aws_api_gateway_method_settings" "m" {\n  rest_api_id = "a1"\n  stage_name = "prod"\n  method_path = "*/*"\n  settings {\n    logging_level = "${level}"\n  }\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('ERROR')), 'api-gateway-execution-logging'), ['aws_api_gateway_stage.s:met']);
    const f = analyzeText('main.tf', tf('OFF')).findings.find((x) => x.ruleId === 'api-gateway-execution-logging');
    assert.deepEqual(f?.fix?.path, ['settings', 'logging_level']);
    assert.equal(tf('OFF').slice(f?.span.start, f?.span.end), '"OFF"');
  });

  it('WebSocket stages get the LoggingLevel quick fix', () => {
    const y = `Resources:\n  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: w, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}\n  S:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties: {ApiId: !Ref Ws, StageName: prod}\n`;
    const f = analyzeText('t.yaml', y).findings.find((x) => x.ruleId === 'api-gateway-execution-logging');
    assert.deepEqual(f?.fix?.path, ['DefaultRouteSettings', 'LoggingLevel']);
    assert.equal(f?.fix?.value, 'ERROR');
  });
});

describe('opensearch-audit-logs', () => {
  it('does not ask Elasticsearch domains older than 6.7 (no audit logs there, 1.5 by default); an undecided version is unknown', () => {
    const y = (v: string): string => `Parameters:\n  V: {Type: String}\nResources:\n  D:\n    Type: AWS::Elasticsearch::Domain\n    Properties: {${v}}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y('ElasticsearchVersion: "6.3"')), 'opensearch-audit-logs'), ['D:not-applicable']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('')), 'opensearch-audit-logs'), ['D:not-applicable']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('ElasticsearchVersion: !Ref V')), 'opensearch-audit-logs'), ['D:unknown']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('ElasticsearchVersion: "7.10"')), 'opensearch-audit-logs'), ['D:gap']);
  });

  it('says audit logs need fine-grained access control when it is off; enabled = false is a gap', () => {
    const a = analyzeText('main.tf', 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n}\n');
    assert.match(a.findings.find((x) => x.ruleId === 'opensearch-audit-logs')?.message ?? '', /need fine-grained access control/);
    const b = analyzeText('main.tf', 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  advanced_security_options {\n    enabled = true\n  }\n  log_publishing_options {\n    log_type = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:a"\n    enabled = false\n  }\n}\n');
    const f = b.findings.find((x) => x.ruleId === 'opensearch-audit-logs');
    assert.match(f?.message ?? '', /has audit logs turned off/);
    assert.doesNotMatch(f?.message ?? '', /fine-grained/);
  });
});

describe('waf-logging and network-firewall-logging', () => {
  it('a logging configuration that creates nothing (count = 0) does not meet it', () => {
    const tf = 'resource "aws_wafv2_web_acl" "a" {\n  name = "a"\n  scope = "REGIONAL"\n}\nresource "aws_wafv2_web_acl_logging_configuration" "l" {\n  count = 0\n  resource_arn = aws_wafv2_web_acl.a.arn\n  log_destination_configs = ["arn:aws:firehose:eu-west-1:123456789012:deliverystream/aws-waf-logs-a"]\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'waf-logging'), ['aws_wafv2_web_acl.a:gap']);
  });

  it('a logging configuration naming the web ACL by a literal ARN with its name is unknown, another name is no link', () => {
    const tf = (arn: string): string => `resource "aws_wafv2_web_acl" "a" {\n  name = "web"\n  scope = "REGIONAL"\n}\nresource "aws_wafv2_web_acl_logging_configuration" "l" {\n  resource_arn = "${arn}"\n  log_destination_configs = ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-web"]\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/1a2b')), 'waf-logging'), ['aws_wafv2_web_acl.a:unknown']);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/other/1a2b')), 'waf-logging'), ['aws_wafv2_web_acl.a:gap']);
  });

  it('Terraform REST stage: method settings for only some methods are a gap that says so', () => {
    const tf = 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  stage_name = "p"\n  deployment_id = "d"\n}\nresource "aws_api_gateway_method_settings" "m" {\n  rest_api_id = "a"\n  stage_name = aws_api_gateway_stage.s.stage_name\n  method_path = "pets/GET"\n  settings {\n    logging_level = "INFO"\n  }\n}\n';
    assert.match(analyzeText('main.tf', tf).findings.find((f) => f.ruleId === 'api-gateway-execution-logging')?.message ?? '', /only some of its methods/);
  });

  it('a Network Firewall logging configuration naming the firewall by FirewallName meets it; the gap is firewall configuration', () => {
    const y = `Resources:\n  Fw:\n    Type: AWS::NetworkFirewall::Firewall\n    Properties: {FirewallName: fw, FirewallPolicyArn: arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/p, VpcId: vpc-1, SubnetMappings: [{SubnetId: subnet-1}]}\n`;
    const a = analyzeText('t.yaml', y);
    assert.match(a.findings.find((x) => x.ruleId === 'network-firewall-logging')?.message ?? '', /\(firewall configuration · yours\)$/);
    const linked = `${y}  L:\n    Type: AWS::NetworkFirewall::LoggingConfiguration\n    Properties:\n      FirewallName: !GetAtt Fw.FirewallName\n      FirewallArn: arn:aws:network-firewall:eu-west-1:123456789012:firewall/fw\n      LoggingConfiguration: {LogDestinationConfigs: [{LogType: ALERT, LogDestinationType: S3, LogDestination: {bucketName: logs}}]}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', linked), 'network-firewall-logging'), ['Fw:met']);
  });

  it('is suppressed like every rule', () => {
    const y = `Resources:\n  # aws-responsibility-ignore waf-logging: logs go to the central security account through Firewall Manager\n  A:\n    Type: AWS::WAFv2::WebACL\n    Properties: {Scope: REGIONAL, DefaultAction: {Allow: {}}}\n`;
    assert.ok(!kept('t.yaml', y).includes('waf-logging'));
    assert.ok(!kept('t.yaml', y).includes('unused-suppression'));
  });
});

describe('stepfunctions-logging: SAM state machines', () => {
  it('read `Logging` as AWS::StepFunctions::StateMachine reads `LoggingConfiguration`', () => {
    const y = (logging: string): string => `Transform: AWS::Serverless-2016-10-31\nResources:\n  SM:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: d.json\n${logging}`;
    const status = (t: string): string[] => analyzeText('t.yaml', t).resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === 'stepfunctions-logging').map((x) => x.outcome.status)));
    assert.deepEqual(status(y('')), ['gap']);
    assert.deepEqual(status(y('      Logging:\n        Level: ERROR\n')), ['met']);
    assert.deepEqual(status(y("      Logging:\n        Level: 'OFF'\n")), ['gap']);
  });
});

describe('api-gateway-access-logging: SAM APIs', () => {
  it('an AWS::Serverless::Api / HttpApi without access log settings (nor in Globals) writes none', () => {
    const y = (globals: string, props: string): string => `Transform: AWS::Serverless-2016-10-31\n${globals}Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n${props}  Http:\n    Type: AWS::Serverless::HttpApi\n`;
    const status = (t: string): string[] => analyzeText('t.yaml', t).resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === 'api-gateway-access-logging').map((x) => `${r.resource.id}:${x.outcome.status}`)));
    assert.deepEqual(status(y('', '')), ['Api:gap', 'Http:gap']);
    assert.deepEqual(status(y('', '      AccessLogSetting:\n        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api\n        Format: $context.requestId\n')), ['Api:met', 'Http:gap']);
    assert.deepEqual(status(y('Globals:\n  Api:\n    AccessLogSetting:\n      DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api\n', '')), ['Api:met', 'Http:gap']);
  });
});
