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
