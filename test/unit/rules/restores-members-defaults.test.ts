/**
 * What a resource takes from elsewhere and what it gets by default: databases restored from a snapshot or another
 * cluster (their encryption is the source's), Aurora clusters named by `DBClusterIdentifier` (a name, not membership),
 * Terraform listeners without `protocol` (HTTP on an Application Load Balancer), UDP rules on ports named for TCP
 * services.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}
function messages(a: Analysis, rule: string): string[] {
  return a.findings.filter((f) => f.ruleId === rule).map((f) => f.message);
}
const cfn = (type: string, props: string): string => `Parameters:\n  Snap:\n    Type: String\n    Default: ''\nConditions:\n  HasSnap: !Not [!Equals [!Ref Snap, '']]\nResources:\n  Db:\n    Type: ${type}\n    Properties:\n${props.split('\n').map((l) => '      ' + l).join('\n')}\n`;

describe('storage encryption of restored databases: the source decides unless the file turns it on', () => {
  const cases: [string, string, string][] = [
    ['AWS::RDS::DBCluster', 'rds-cluster-storage-encryption', 'SnapshotIdentifier'],
    ['AWS::RDS::DBCluster', 'rds-cluster-storage-encryption', 'SourceDBClusterIdentifier'],
    ['AWS::Neptune::DBCluster', 'neptune-storage-encryption', 'SnapshotIdentifier'],
    ['AWS::DocDB::DBCluster', 'docdb-storage-encryption', 'SnapshotIdentifier'],
    ['AWS::RDS::DBInstance', 'rds-storage-encryption', 'DBSnapshotIdentifier'],
  ];
  for (const [type, rule, source] of cases) {
    it(`${type} with ${source}: \`false\` is unknown, \`true\` met; a source that is AWS::NoValue is no restore`, () => {
      const engine = type === 'AWS::RDS::DBCluster' ? 'Engine: postgres\n' : type === 'AWS::RDS::DBInstance' ? 'Engine: postgres\nDBInstanceClass: db.t3.micro\n' : '';
      assert.deepEqual(statuses(analyzeText('t.yaml', cfn(type, `${engine}${source}: snap-1\nStorageEncrypted: false`)), rule), ['Db:unknown']);
      assert.deepEqual(statuses(analyzeText('t.yaml', cfn(type, `${engine}${source}: snap-1\nStorageEncrypted: true`)), rule), ['Db:met']);
      // The parameter's default leaves the snapshot out: a new, unencrypted database.
      assert.deepEqual(statuses(analyzeText('t.yaml', cfn(type, `${engine}${source}: !If [HasSnap, !Ref Snap, !Ref 'AWS::NoValue']\nStorageEncrypted: false`)), rule), ['Db:gap']);
      assert.deepEqual(statuses(analyzeText('t.yaml', cfn(type, `${engine}StorageEncrypted: false`)), rule), ['Db:gap']);
    });
  }
  it('Terraform: snapshot_identifier with storage_encrypted = false is unknown', () => {
    const tf = (extra: string): string => `resource "aws_rds_cluster" "db" {\n  engine = "postgres"\n  storage_encrypted = false\n${extra}}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('  snapshot_identifier = "snap-1"\n')), 'rds-cluster-storage-encryption'), ['aws_rds_cluster.db:unknown']);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('')), 'rds-cluster-storage-encryption'), ['aws_rds_cluster.db:gap']);
    const inst = 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  snapshot_identifier = "snap-1"\n  storage_encrypted = false\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', inst), 'rds-storage-encryption'), ['aws_db_instance.db:unknown']);
  });
});

describe("a cluster's own DBClusterIdentifier / cluster_identifier is its name, not membership of a cluster", () => {
  it('rds-engine-end-of-support and rds-iam-database-authentication judge named Aurora clusters; member instances stay skipped', () => {
    const y = `Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      DBClusterIdentifier: main\n      Engine: aurora-mysql\n      EngineVersion: 5.7.mysql_aurora.2.08.0\n  Member:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Cluster\n      Engine: aurora-mysql\n      DBInstanceClass: db.r5.large\n`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'rds-engine-end-of-support'), ['Cluster:gap', 'Member:not-applicable']);
    assert.deepEqual(statuses(a, 'rds-iam-database-authentication'), ['Cluster:gap', 'Member:not-applicable']);
    const tf = 'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "my-cluster"\n  engine = "aurora-mysql"\n  engine_version = "5.7.mysql_aurora.2.08.0"\n  iam_database_authentication_enabled = false\n}\n';
    const t = analyzeText('main.tf', tf);
    assert.deepEqual(statuses(t, 'rds-engine-end-of-support'), ['aws_rds_cluster.c:gap']);
    assert.deepEqual(statuses(t, 'rds-iam-database-authentication'), ['aws_rds_cluster.c:gap']);
    // `AWS::NoValue` as the instance's cluster: a standalone instance, judged.
    const standalone = `Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref 'AWS::NoValue'\n      Engine: mysql\n      EngineVersion: '5.7.44'\n      DBInstanceClass: db.t3.micro\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', standalone), 'rds-engine-end-of-support'), ['Db:gap']);
  });
});

describe('a source property the file leaves out (null, AWS::NoValue) is no replica', () => {
  it('rds-storage-encryption and rds-backup-retention judge an instance whose replicate_source_db is null; an undecided one is unknown', () => {
    const tf = (source: string): string =>
      `variable "replicate_source_db" {\n  default = null\n}\nvariable "src" {}\nresource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  storage_encrypted = false\n  backup_retention_period = 0\n  replicate_source_db = ${source}\n}\n`;
    for (const source of ['var.replicate_source_db', 'null']) {
      const a = analyzeText('main.tf', tf(source));
      assert.deepEqual([...statuses(a, 'rds-storage-encryption'), ...statuses(a, 'rds-backup-retention')], ['aws_db_instance.db:gap', 'aws_db_instance.db:gap'], source);
    }
    const u = analyzeText('main.tf', tf('var.src'));
    assert.deepEqual([...statuses(u, 'rds-storage-encryption'), ...statuses(u, 'rds-backup-retention')], ['aws_db_instance.db:unknown', 'aws_db_instance.db:unknown']);
    const r = analyzeText('main.tf', tf('"arn:aws:rds:us-east-1:123456789012:db:main"'));
    assert.deepEqual([...statuses(r, 'rds-storage-encryption'), ...statuses(r, 'rds-backup-retention')], ['aws_db_instance.db:not-applicable', 'aws_db_instance.db:not-applicable']);
    const y = `Parameters:\n  Src:\n    Type: String\n    Default: ''\nConditions:\n  IsReplica: !Not [!Equals [!Ref Src, '']]\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      DBSubnetGroupName: private\n      StorageEncrypted: false\n      SourceDBInstanceIdentifier: !If [IsReplica, !Ref Src, !Ref 'AWS::NoValue']\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'rds-storage-encryption'), ['Db:gap']);
  });
  it('an aws_rds_cluster without engine is Aurora (the provider default before engine was required): encrypted by default', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "c"\n}\n'), 'rds-cluster-storage-encryption'), ['aws_rds_cluster.c:met']);
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_docdb_cluster" "c" {\n  cluster_identifier = "c"\n}\n'), 'docdb-storage-encryption'), ['aws_docdb_cluster.c:gap']);
  });
  it('rds-publicly-accessible reads Terraform Aurora instances (aws_rds_cluster_instance)', () => {
    const tf = (v: string): string => `resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier = "c"\n  instance_class = "db.r5.large"\n  engine = "aurora-mysql"\n${v}}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('  publicly_accessible = true\n')), 'rds-publicly-accessible'), ['aws_rds_cluster_instance.i:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('')), 'rds-publicly-accessible'), ['aws_rds_cluster_instance.i:met']);
  });
});

describe('eks-public-endpoint: an empty public_access_cidrs list', () => {
  it('is not sent, and EKS keeps its default 0.0.0.0/0', () => {
    const tf = (cidrs: string): string => `resource "aws_eks_cluster" "c" {\n  name = "c"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n${cidrs}  }\n}\n`;
    const a = analyzeText('main.tf', tf('    public_access_cidrs = []\n'));
    assert.deepEqual(statuses(a, 'eks-public-endpoint'), ['aws_eks_cluster.c:gap']);
    assert.match(messages(a, 'eks-public-endpoint')[0] ?? '', /the whole internet \(the default, which an empty list leaves\)/);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('    public_access_cidrs = ["203.0.113.0/24"]\n')), 'eks-public-endpoint'), ['aws_eks_cluster.c:met']);
  });
});

describe('api-gateway-authorization: a method of an API the file does not hold', () => {
  it('is unknown (the API may be private or have a resource policy)', () => {
    const tf = (api: string): string => `variable "api" {}\n${api}resource "aws_api_gateway_method" "m" {\n  rest_api_id = ${api ? 'aws_api_gateway_rest_api.a.id' : 'var.api'}\n  resource_id = "r"\n  http_method = "GET"\n  authorization = "NONE"\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('')), 'api-gateway-authorization'), ['aws_api_gateway_method.m:unknown']);
    const withApi = analyzeText('main.tf', tf('resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'));
    assert.deepEqual(statuses(withApi, 'api-gateway-authorization').filter((x) => x.startsWith('aws_api_gateway_method')), ['aws_api_gateway_method.m:gap']);
  });
});

describe('Terraform listeners without protocol', () => {
  const file = (lbType: string, action: string): string =>
    `resource "aws_lb" "lb" {\n  name = "lb"\n${lbType}}\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = aws_lb.lb.arn\n  port = 80\n  default_action {\n${action}  }\n}\n`;
  const forward = '    type = "forward"\n    target_group_arn = "tg"\n';
  it('serve HTTP on an Application Load Balancer of the file (the default type), unless they redirect to HTTPS', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', file('', forward)), 'elbv2-listener-https'), ['aws_lb_listener.l:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', file('  load_balancer_type = "application"\n', forward)), 'elbv2-listener-https'), ['aws_lb_listener.l:gap']);
    const redirect = '    type = "redirect"\n    redirect {\n      protocol = "HTTPS"\n      port = "443"\n      status_code = "HTTP_301"\n    }\n';
    assert.deepEqual(statuses(analyzeText('main.tf', file('', redirect)), 'elbv2-listener-https'), ['aws_lb_listener.l:met']);
    assert.match(messages(analyzeText('main.tf', file('', forward)), 'elbv2-listener-https')[0] ?? '', /serves plain HTTP without redirecting to HTTPS/);
  });
  it('are unknown on a Network Load Balancer (TCP), one the file does not decide, or one it does not hold', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', file('  load_balancer_type = "network"\n', forward)), 'elbv2-listener-https'), ['aws_lb_listener.l:unknown']);
    assert.deepEqual(statuses(analyzeText('main.tf', `variable "t" {}\n${file('  load_balancer_type = var.t\n', forward)}`), 'elbv2-listener-https'), ['aws_lb_listener.l:unknown']);
    const elsewhere = `variable "lb" {}\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = var.lb\n  port = 80\n  default_action {\n${forward}  }\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', elsewhere), 'elbv2-listener-https'), ['aws_lb_listener.l:unknown']);
  });
});

describe('security-group-open-ingress: UDP rules', () => {
  it('name the port, not the TCP service on it, and are Warnings; TCP keeps its service name and Error', () => {
    const rule = (proto: string, from: number, to: number): string => `        - IpProtocol: ${proto}\n          FromPort: ${from}\n          ToPort: ${to}\n          CidrIp: 0.0.0.0/0\n`;
    const y = `Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n${rule('udp', 22, 22)}${rule('"17"', 0, 65535)}${rule('tcp', 22, 22)}`;
    const f = analyzeText('t.yaml', y).findings.filter((x) => x.ruleId === 'security-group-open-ingress');
    assert.deepEqual(
      f.map((x) => [x.severity, x.message.split(' open to ')[0]]),
      [
        ['warning', 'UDP port 22'],
        ['warning', 'All UDP ports'],
        ['error', 'Port 22 (SSH)'],
      ],
    );
  });
});

describe('account-wide defaults a Terraform file declares', () => {
  it('aws_s3_account_public_access_block: all four on → every bucket met; the settings it turns on count with the bucket\'s own', () => {
    const acct = (ignore: string): string => `resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = ${ignore}\n  restrict_public_buckets = true\n}\nvariable "v" {}\n`;
    const buckets = 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = false\n}\n';
    const s = (ignore: string): string[] => statuses(analyzeText('main.tf', acct(ignore) + buckets), 's3-public-access-block');
    assert.deepEqual(s('true'), ['aws_s3_bucket.a:met', 'aws_s3_bucket.b:met']);
    assert.deepEqual(s('false'), ['aws_s3_bucket.a:gap', 'aws_s3_bucket.b:gap']);
    assert.match(messages(analyzeText('main.tf', acct('false') + buckets), 's3-public-access-block')[1] ?? '', /\(ignore_public_acls not true\)/);
    // Undecided at the account, off at the bucket: unknown.
    assert.deepEqual(s('var.v'), ['aws_s3_bucket.a:unknown', 'aws_s3_bucket.b:unknown']);
  });
  it('aws_ec2_instance_metadata_defaults requiring IMDSv2 meets instances that do not set it; an explicit optional stays a gap', () => {
    const tf = (tokens: string): string => `resource "aws_ec2_instance_metadata_defaults" "d" {\n  http_tokens = ${tokens}\n}\nvariable "v" {}\nresource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n}\nresource "aws_launch_template" "lt" {\n  name = "lt"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf('"required"')), 'ec2-imdsv2-required'), ['aws_instance.i:met', 'aws_launch_template.lt:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('"no-preference"')), 'ec2-imdsv2-required'), ['aws_instance.i:gap', 'aws_launch_template.lt:gap']);
    assert.deepEqual(statuses(analyzeText('main.tf', tf('var.v')), 'ec2-imdsv2-required'), ['aws_instance.i:unknown', 'aws_launch_template.lt:gap']);
  });
});

describe('security-group-open-ingress: the whole rule list behind an !If', () => {
  it('reads the branch the template decides; AWS::NoValue leaves no rule; an undecided condition is unknown', () => {
    const y = (def: string): string =>
      `Parameters:\n  Open:\n    Type: String\n${def}Conditions:\n  IsOpen: !Equals [!Ref Open, 'yes']\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress: !If\n        - IsOpen\n        - - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n        - !Ref AWS::NoValue\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y("    Default: 'yes'\n")), 'security-group-open-ingress'), ['SG:gap']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y("    Default: 'no'\n")), 'security-group-open-ingress'), ['SG:not-applicable']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('')), 'security-group-open-ingress'), ['SG:unknown']);
  });
});

describe('rds-engine-end-of-support: engine `aurora` without a version', () => {
  it('is Aurora MySQL version 1, past its end of support; aurora-mysql without a version gets a current default', () => {
    const y = (engine: string): string => `Resources:\n  C:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: ${engine}\n      StorageEncrypted: true\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y('aurora')), 'rds-engine-end-of-support'), ['C:gap']);
    assert.match(messages(analyzeText('t.yaml', y('aurora')), 'rds-engine-end-of-support')[0] ?? '', /Aurora MySQL version 1/);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('aurora-mysql')), 'rds-engine-end-of-support'), ['C:met']);
  });
});
