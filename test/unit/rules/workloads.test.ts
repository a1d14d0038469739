/**
 * The rules on workload services beyond their fixtures (fixtures-workloads.ts): where each gap is reported, what is
 * not a gap (output that does not go to S3, FTPS, Fargate-style task definitions without the flag), and what stays
 * unknown (container definitions read from a file, a status left to deploy time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis, Finding } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';

function findings(a: Analysis, rule: string): Finding[] {
  return a.findings.filter((f) => f.ruleId === rule);
}

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}

const at = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);

const BUILD = `    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::111122223333:role/cb
      Source: {Type: NO_SOURCE, BuildSpec: x}
      Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: img}
`;

describe('ecs-privileged-container', () => {
  it('names each privileged container, at its Privileged value (CloudFormation)', () => {
    const y = `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Image: nginx
          Privileged: 'true'
        - Name: agent
          Image: agent
          Privileged: true
        - Name: side
          Image: busybox
          Privileged: false
`;
    const fs = findings(analyzeText('t.yaml', y), 'ecs-privileged-container');
    assert.deepEqual(
      fs.map((f) => [at(y, f), /container `(\w+)`/.exec(f.message)?.[1]]),
      [
        ["'true'", 'web'],
        ['true', 'agent'],
      ],
    );
    assert.match(fs[0].message, /^Task definition `Task` runs container `web` privileged .* — remove `Privileged: true`/);
    assert.match(fs[0].message, /platform and application management · yours/);
  });

  it('reads Terraform container definitions from jsonencode, a heredoc and a local; a file or a variable stays unknown', () => {
    const t = `variable "defs" {}
variable "priv" {}
locals {
  defs = jsonencode([{ name = "l", image = "x", privileged = true }])
}
resource "aws_ecs_task_definition" "enc" {
  family = "a"
  container_definitions = jsonencode([{ name = "a", image = "x", privileged = true }, { name = "b", image = "x" }])
}
resource "aws_ecs_task_definition" "heredoc" {
  family = "b"
  container_definitions = <<EOT
[{"name": "h", "image": "x", "privileged": true}]
EOT
}
resource "aws_ecs_task_definition" "local" {
  family = "c"
  container_definitions = local.defs
}
resource "aws_ecs_task_definition" "file" {
  family = "d"
  container_definitions = file("defs.json")
}
resource "aws_ecs_task_definition" "var" {
  family = "e"
  container_definitions = var.defs
}
resource "aws_ecs_task_definition" "hole" {
  family = "f"
  container_definitions = jsonencode([{ name = "p", image = "x", privileged = var.priv }])
}
resource "aws_ecs_task_definition" "plain" {
  family = "g"
  container_definitions = jsonencode([{ name = "q", image = "x" }])
}
`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(
      findings(a, 'ecs-privileged-container').map((f) => /container `(\w+)`/.exec(f.message)?.[1]),
      ['a', 'h', 'l'],
    );
    assert.deepEqual(statuses(a, 'ecs-privileged-container'), [
      'aws_ecs_task_definition.enc:gap',
      'aws_ecs_task_definition.heredoc:gap',
      'aws_ecs_task_definition.local:gap',
      'aws_ecs_task_definition.file:unknown',
      'aws_ecs_task_definition.var:unknown',
      'aws_ecs_task_definition.hole:unknown',
      'aws_ecs_task_definition.plain:met',
    ]);
  });

  it('invalid JSON in container_definitions is unknown, not a gap', () => {
    const t = 'resource "aws_ecs_task_definition" "t" {\n  family = "a"\n  container_definitions = "[{\\"privileged\\": true"\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', t), 'ecs-privileged-container'), ['aws_ecs_task_definition.t:unknown']);
  });
});

describe('transfer-server-ftp', () => {
  it('reports the FTP entry itself; FTPS, SFTP and AS2 are encrypted', () => {
    const y = 'Resources:\n  S:\n    Type: AWS::Transfer::Server\n    Properties:\n      EndpointType: VPC\n      Protocols: [SFTP, FTPS, ftp]\n  T:\n    Type: AWS::Transfer::Server\n    Properties:\n      Protocols: [SFTP, FTPS, AS2]\n  U:\n    Type: AWS::Transfer::Server\n';
    const a = analyzeText('t.yaml', y);
    const [f, ...rest] = findings(a, 'transfer-server-ftp');
    assert.equal(rest.length, 0);
    assert.equal(at(y, f), 'ftp');
    assert.match(f.message, /^Server `S` enables plain FTP, which sends credentials and files unencrypted — remove `FTP`/);
    assert.match(f.message, /network traffic protection · yours/);
    assert.deepEqual(statuses(a, 'transfer-server-ftp'), ['S:gap', 'T:met', 'U:met']);
  });

  it('a single protocol name where the list is expected counts as that protocol', () => {
    const y = 'Resources:\n  S:\n    Type: AWS::Transfer::Server\n    Properties:\n      Protocols: FTP\n';
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'transfer-server-ftp'), ['S:gap']);
  });

  it('Terraform: protocols from a variable default and a parameter without one', () => {
    const t = 'variable "protocols" {\n  default = ["FTP", "SFTP"]\n}\nvariable "other" {}\nresource "aws_transfer_server" "a" {\n  protocols = var.protocols\n}\nresource "aws_transfer_server" "b" {\n  protocols = var.other\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', t), 'transfer-server-ftp'), ['aws_transfer_server.a:gap', 'aws_transfer_server.b:unknown']);
  });
});

describe('codebuild-output-encryption', () => {
  it('reports encryption turned off only on output that goes to S3', () => {
    const y = `Parameters:
  LogStatus: {Type: String}
Resources:
  ToS3:
${BUILD}      Artifacts: {Type: S3, Location: b, EncryptionDisabled: true}
      LogsConfig:
        S3Logs: {Status: ENABLED, Location: b/logs, EncryptionDisabled: true}
  NotToS3:
${BUILD}      Artifacts: {Type: NO_ARTIFACTS, EncryptionDisabled: true}
      LogsConfig:
        S3Logs: {Status: DISABLED, EncryptionDisabled: true}
  Undecided:
${BUILD}      Artifacts: {Type: CODEPIPELINE}
      LogsConfig:
        S3Logs: {Status: !Ref LogStatus, Location: b/logs, EncryptionDisabled: true}
  Secondary:
${BUILD}      Artifacts: {Type: NO_ARTIFACTS}
      SecondaryArtifacts:
        - {Type: S3, Location: b, ArtifactIdentifier: one}
        - {Type: S3, Location: b, ArtifactIdentifier: two, EncryptionDisabled: 'true'}
`;
    const a = analyzeText('t.yaml', y);
    const fs = findings(a, 'codebuild-output-encryption');
    assert.deepEqual(
      fs.map((f) => `${/Project `(\w+)`/.exec(f.message)?.[1]}: ${/writes its ([\w ]+) to S3/.exec(f.message)?.[1]} @${at(y, f)}`).sort(),
      ["Secondary: secondary artifacts @'true'", 'ToS3: S3 logs @true', 'ToS3: artifacts @true'],
    );
    assert.ok(fs.every((f) => f.message.includes('server-side encryption · shared: you')), fs[0].message);
    assert.deepEqual(statuses(a, 'codebuild-output-encryption'), ['ToS3:gap', 'NotToS3:met', 'Undecided:unknown', 'Secondary:gap']);
  });

  it("Terraform: s3_logs are off unless their status says ENABLED (the provider's default is DISABLED)", () => {
    const base = 'name = "c"\n  service_role = "arn"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }';
    const t = `resource "aws_codebuild_project" "off" {\n  ${base}\n  logs_config {\n    s3_logs {\n      location = "b/l"\n      encryption_disabled = true\n    }\n  }\n}\nresource "aws_codebuild_project" "on" {\n  ${base}\n  logs_config {\n    s3_logs {\n      status = "ENABLED"\n      location = "b/l"\n      encryption_disabled = true\n    }\n  }\n}\n`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'codebuild-output-encryption'), ['aws_codebuild_project.off:met', 'aws_codebuild_project.on:gap']);
    const [f] = findings(a, 'codebuild-output-encryption');
    assert.match(f.message, /set `logs_config\.s3_logs\.encryption_disabled = false`/);
  });
});

describe('DAX and SageMaker notebooks: absent settings are the AWS defaults', () => {
  it('a DAX cluster without SSESpecification or endpoint encryption has both gaps, at its type', () => {
    const y = 'Resources:\n  D:\n    Type: AWS::DAX::Cluster\n    Properties:\n      IAMRoleARN: arn:aws:iam::111122223333:role/d\n      NodeType: dax.t3.small\n      ReplicationFactor: 1\n';
    const a = analyzeText('t.yaml', y);
    for (const rule of ['dax-encryption-at-rest', 'dax-encryption-in-transit']) {
      const [f] = findings(a, rule);
      assert.equal(at(y, f), 'AWS::DAX::Cluster', rule);
    }
    assert.match(findings(a, 'dax-encryption-at-rest')[0].message, /is not encrypted at rest .* — set `SSESpecification\.SSEEnabled: true`/);
  });

  it('a notebook without DirectInternetAccess / RootAccess has both (Enabled by default); Disabled meets them', () => {
    const nb = (props: string): string => `Resources:\n  N:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::111122223333:role/s${props}\n`;
    const open = analyzeText('t.yaml', nb(''));
    assert.deepEqual(open.findings.map((f) => `${f.ruleId}:${f.severity}`).sort(), ['sagemaker-notebook-direct-internet:warning', 'sagemaker-notebook-root-access:information']);
    const closed = analyzeText('t.yaml', nb('\n      SubnetId: subnet-1\n      DirectInternetAccess: Disabled\n      RootAccess: Disabled'));
    assert.deepEqual(closed.findings.map((f) => f.ruleId), []);
  });
});

describe('firehose-encryption and docdb-neptune-audit-logs', () => {
  it('a stream reading a Kinesis data stream or MSK has no encryption of its own to turn on: not reported', () => {
    const y = `Resources:
  Direct:
    Type: AWS::KinesisFirehose::DeliveryStream
  FromKinesis:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: KinesisStreamAsSource
      KinesisStreamSourceConfiguration: {KinesisStreamARN: arn:aws:kinesis:eu-west-1:111122223333:stream/s, RoleARN: arn:aws:iam::111122223333:role/f}
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'firehose-encryption'), ['Direct:gap', 'FromKinesis:not-applicable']);
    assert.match(findings(a, 'firehose-encryption')[0].message, /^Delivery stream `Direct` has no server-side encryption .* — add `DeliveryStreamEncryptionConfigurationInput`/);
    const t = 'resource "aws_kinesis_firehose_delivery_stream" "k" {\n  name = "k"\n  destination = "extended_s3"\n  kinesis_source_configuration {\n    kinesis_stream_arn = "arn"\n    role_arn = "arn"\n  }\n}\nresource "aws_kinesis_firehose_delivery_stream" "d" {\n  name = "d"\n  destination = "extended_s3"\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', t), 'firehose-encryption'), ['aws_kinesis_firehose_delivery_stream.k:not-applicable', 'aws_kinesis_firehose_delivery_stream.d:gap']);
  });

  it('names the audit parameter of each engine in the fix, and keeps the exports already listed', () => {
    const y = 'Resources:\n  Doc:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      EnableCloudwatchLogsExports: [profiler]\n  Nep:\n    Type: AWS::Neptune::DBCluster\n';
    const fs = findings(analyzeText('t.yaml', y), 'docdb-neptune-audit-logs');
    assert.deepEqual(
      fs.map((f) => [f.resource, /set (.*)$/.exec(f.message.split(' — ')[1])?.[1].split(' (')[0]]),
      [
        ['Doc', '`EnableCloudwatchLogsExports` to [profiler, audit] and turn auditing on with `audit_logs` in the cluster parameter group'],
        ['Nep', '`EnableCloudwatchLogsExports` to [audit] and turn auditing on with `neptune_enable_audit_log` in the cluster parameter group'],
      ],
    );
    assert.equal(at(y, fs[0]), '[profiler]');
    assert.equal(at(y, fs[1]), 'AWS::Neptune::DBCluster');
  });
});

describe('secretsmanager-rotation', () => {
  it('a rotation schedule that names the secret meets it, unless the file decides it is not created', () => {
    const y = `Parameters:
  Rotate: {Type: String, AllowedValues: ['yes', 'no'], Default: 'no'}
Conditions:
  DoRotate: !Equals [!Ref Rotate, 'yes']
Resources:
  Rotated:
    Type: AWS::SecretsManager::Secret
  RotatedSchedule:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Rotated
      HostedRotationLambda: {RotationType: PostgreSQLSingleUser}
      RotationRules: {ScheduleExpression: rate(30 days)}
  Plain:
    Type: AWS::SecretsManager::Secret
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'secretsmanager-rotation'), ['Rotated:met', 'Plain:gap']);
    const [f] = findings(a, 'secretsmanager-rotation');
    assert.match(f.message, /^Secret `Plain` has no rotation schedule in this file, so the credential is never rotated automatically — add an `AWS::SecretsManager::RotationSchedule`/);
    assert.equal(at(y, f), 'AWS::SecretsManager::Secret');
  });

  it('Terraform: a rotation by ARN or id, a schedule whose secret is a variable (unknown), the pre-3.0 inline rotation', () => {
    const t = `variable "s" {}
resource "aws_secretsmanager_secret" "a" {
  name = "a"
}
resource "aws_secretsmanager_secret_rotation" "ra" {
  secret_id = aws_secretsmanager_secret.a.arn
  rotation_rules {
    automatically_after_days = 30
  }
}
resource "aws_secretsmanager_secret" "old" {
  name = "old"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}
resource "aws_secretsmanager_secret" "b" {
  name = "b"
}
resource "aws_secretsmanager_secret_rotation" "rv" {
  secret_id = var.s
  rotation_rules {
    automatically_after_days = 30
  }
}
`;
    assert.deepEqual(statuses(analyzeText('main.tf', t), 'secretsmanager-rotation'), ['aws_secretsmanager_secret.a:met', 'aws_secretsmanager_secret.old:met', 'aws_secretsmanager_secret.b:unknown']);
    const decided = t.replace('secret_id = var.s', 'secret_id = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:other"');
    assert.deepEqual(statuses(analyzeText('main.tf', decided), 'secretsmanager-rotation'), ['aws_secretsmanager_secret.a:met', 'aws_secretsmanager_secret.old:met', 'aws_secretsmanager_secret.b:gap']);
  });
});

describe('elb-drop-invalid-headers, opensearch-in-vpc, rds-default-admin-username', () => {
  it('only Application Load Balancers; the strictest desync mitigation mode meets it', () => {
    const y = `Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [a, b]
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [a, b]
  Strict:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [a, b]
      LoadBalancerAttributes:
        - {Key: routing.http.desync_mitigation_mode, Value: strictest}
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'elb-drop-invalid-headers'), ['Alb:gap', 'Nlb:not-applicable', 'Strict:met']);
    const t = 'resource "aws_lb" "n" {\n  load_balancer_type = "network"\n}\nresource "aws_alb" "a" {\n  drop_invalid_header_fields = false\n}\nresource "aws_lb" "s" {\n  desync_mitigation_mode = "strictest"\n}\n';
    const ta = analyzeText('main.tf', t);
    assert.deepEqual(statuses(ta, 'elb-drop-invalid-headers'), ['aws_lb.n:not-applicable', 'aws_alb.a:gap', 'aws_lb.s:met']);
    assert.equal(at(t, findings(ta, 'elb-drop-invalid-headers')[0]), 'false');
  });

  it('a domain without VPC options is reported at its type; a conditional VPC placement is unknown', () => {
    const y = `Parameters:
  InVpc: {Type: String}
Conditions:
  UseVpc: !Equals [!Ref InVpc, 'yes']
Resources:
  Public:
    Type: AWS::Elasticsearch::Domain
    Properties: {ElasticsearchVersion: '7.10'}
  Maybe:
    Type: AWS::OpenSearchService::Domain
    Properties:
      VPCOptions: !If [UseVpc, {SubnetIds: [s]}, !Ref 'AWS::NoValue']
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'opensearch-in-vpc'), ['Public:gap', 'Maybe:unknown']);
    const [f] = findings(a, 'opensearch-in-vpc');
    assert.equal(at(y, f), 'AWS::Elasticsearch::Domain');
    assert.match(f.message, /^Domain `Public` has a public endpoint \(no VPC options\)/);
  });

  it('admin and postgres in any case; an instance of a cluster or a replica without a name is not reported', () => {
    const y = `Resources:
  Upper:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, MasterUsername: Postgres}
  Member:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBClusterIdentifier: !Ref Cluster}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, MasterUsername: admin}
  Replica:
    Type: AWS::RDS::DBInstance
    Properties: {SourceDBInstanceIdentifier: db-1}
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'rds-default-admin-username'), ['Upper:gap', 'Member:not-applicable', 'Cluster:gap', 'Replica:not-applicable']);
    assert.deepEqual(findings(a, 'rds-default-admin-username').map((f) => at(y, f)), ['Postgres', 'admin']);
    assert.match(findings(a, 'rds-default-admin-username')[1].message, /^DB cluster `Cluster` uses the default administrator username `admin`/);
  });
});

describe('docdb-neptune-audit-logs: the export needs auditing on in the cluster parameter group', () => {
  it('CloudFormation: the default group, a group of the file leaving it off, !If branches, a group outside the file', () => {
    const y = `Parameters:
  GroupName: {Type: String, Default: 'shared-group'}
  Own: {Type: String, Default: 'yes'}
Conditions:
  UseOwn: !Equals [!Ref Own, 'yes']
  UseShared: !Not [!Condition UseOwn]
Resources:
  Off:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties: {Family: docdb5.0, Description: d, Parameters: {audit_logs: none, tls: enabled}}
  On:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties: {Family: docdb5.0, Description: d, Parameters: {audit_logs: 'ddl,dml_write'}}
  DefaultGroup:
    Type: AWS::DocDB::DBCluster
    Properties: {EnableCloudwatchLogsExports: [audit]}
  OffGroup:
    Type: AWS::DocDB::DBCluster
    Properties: {EnableCloudwatchLogsExports: [audit], DBClusterParameterGroupName: !Ref Off}
  OwnGroup:
    Type: AWS::DocDB::DBCluster
    Properties:
      EnableCloudwatchLogsExports: [audit]
      DBClusterParameterGroupName: !If [UseOwn, !Ref On, !Ref GroupName]
  SharedGroup:
    Type: AWS::DocDB::DBCluster
    Properties:
      EnableCloudwatchLogsExports: [audit]
      DBClusterParameterGroupName: !If [UseShared, !Ref On, !Ref GroupName]
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'docdb-neptune-audit-logs'), ['DefaultGroup:gap', 'OffGroup:gap', 'OwnGroup:met', 'SharedGroup:unknown']);
    const fs = findings(a, 'docdb-neptune-audit-logs');
    assert.match(fs[0].message, /^DB cluster `DefaultGroup` exports `audit`, but its default cluster parameter group leaves auditing off \(`audit_logs` is none\)/);
    assert.match(fs[1].message, /its parameter group `Off` leaves auditing off \(`audit_logs` is none\), so no audit log is written — set `audit_logs` in `Off`/);
    assert.equal(at(y, fs[1]), 'Off');
  });

  it('Terraform: a Neptune group of the module without the parameter, and a group named by a literal', () => {
    const t = `resource "aws_neptune_cluster_parameter_group" "pg" {
  family = "neptune1.3"
  parameter {
    name = "neptune_query_timeout"
    value = "25"
  }
}
resource "aws_neptune_cluster" "a" {
  enable_cloudwatch_logs_exports = ["audit"]
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.pg.name
}
resource "aws_neptune_cluster" "b" {
  enable_cloudwatch_logs_exports = ["audit"]
  neptune_cluster_parameter_group_name = "team-audit-group"
}
`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'docdb-neptune-audit-logs'), ['aws_neptune_cluster.a:gap', 'aws_neptune_cluster.b:unknown']);
    assert.match(findings(a, 'docdb-neptune-audit-logs')[0].message, /\(`neptune_enable_audit_log` not set: 0\)/);
  });
});

describe('default-security-group-traffic', () => {
  it("Terraform: the default group's own rules (counted, at the first), and rules other resources add to it", () => {
    const t = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
locals {
  default_sg = aws_vpc.main.default_security_group_id
}
resource "aws_default_security_group" "open" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_default_security_group" "closed" {
  vpc_id = aws_vpc.main.id
  ingress = []
}
resource "aws_vpc_security_group_ingress_rule" "via_local" {
  security_group_id = local.default_sg
  cidr_ipv4   = "10.0.0.0/8"
  ip_protocol = "tcp"
  from_port   = 443
  to_port     = 443
}
resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_default_security_group.closed.id
  cidr_blocks       = ["10.0.0.0/8"]
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
}
resource "aws_security_group" "own" {
  vpc_id = aws_vpc.main.id
}
resource "aws_security_group_rule" "own_rule" {
  type              = "ingress"
  security_group_id = aws_security_group.own.id
  cidr_blocks       = ["10.0.0.0/8"]
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
}
`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'default-security-group-traffic'), [
      'aws_default_security_group.open:gap',
      'aws_default_security_group.closed:met',
      'aws_vpc_security_group_ingress_rule.via_local:gap',
      'aws_security_group_rule.out:gap',
      'aws_security_group_rule.own_rule:not-applicable',
    ]);
    const fs = findings(a, 'default-security-group-traffic');
    assert.match(fs[0].message, /^Default security group `open` allows inbound and outbound traffic \(2 rules\) — remove its `ingress` and `egress` blocks/);
    assert.ok(at(t, fs[0]).startsWith('{\n    protocol  = -1'), at(t, fs[0]));
    assert.match(fs[1].message, /^Rule `via_local` adds inbound traffic to the default security group of VPC `main` — /);
    assert.equal(at(t, fs[1]), 'local.default_sg');
    assert.match(fs[2].message, /^Rule `out` adds outbound traffic to default security group `closed` — /);
  });

  it('CloudFormation: rules on `!GetAtt Vpc.DefaultSecurityGroup`; a condition the file decides picks its branch', () => {
    const y = `Conditions:
  Never: !Equals [a, b]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Own:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: own, VpcId: !Ref Vpc}
  Out:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
      IpProtocol: "-1"
      CidrIp: 10.0.0.0/8
  Decided:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !If [Never, !GetAtt Vpc.DefaultSecurityGroup, !Ref Own]
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/8
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'default-security-group-traffic'), ['Out:gap', 'Decided:not-applicable']);
    const f = findings(a, 'default-security-group-traffic')[0];
    assert.match(f.message, /^Rule `Out` adds outbound traffic to the default security group of VPC `Vpc` — put the rule on a security group of your own/);
    assert.equal(at(y, f), 'Vpc.DefaultSecurityGroup');
  });

  it('`dynamic` blocks: none from a variable whose default is `[]`, as many as its default lists, unknown from a caller', () => {
    const body = (name: string, variable: string): string => `resource "aws_default_security_group" "${name}" {
  vpc_id = "vpc-1"
  dynamic "ingress" {
    for_each = var.${variable}
    content {
      protocol  = ingress.value.protocol
      from_port = 0
      to_port   = 0
    }
  }
}
`;
    const t = `variable "none" {
  default = []
}
variable "two" {
  default = [{ protocol = "-1" }, { protocol = "tcp" }]
}
variable "given" {}
${body('empty', 'none')}${body('listed', 'two')}${body('input', 'given')}`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'default-security-group-traffic'), ['aws_default_security_group.empty:met', 'aws_default_security_group.listed:gap', 'aws_default_security_group.input:unknown']);
    const f = findings(a, 'default-security-group-traffic')[0];
    assert.match(f.message, /^Default security group `listed` allows inbound traffic \(2 rules\)/);
    // At the first block it makes: its content.
    assert.ok(at(t, f).startsWith('{\n      protocol  = ingress.value.protocol'), at(t, f));
    // The open-ingress rule reads the blocks made too (none opens a CIDR here); a caller's collection stays unknown.
    assert.deepEqual(statuses(a, 'security-group-open-ingress'), ['aws_default_security_group.empty:not-applicable', 'aws_default_security_group.listed:not-applicable', 'aws_default_security_group.input:unknown']);
  });

  it("security-group-open-ingress also reads the default group's ingress blocks", () => {
    const t = `resource "aws_default_security_group" "d" {
  vpc_id = "vpc-1"
  ingress {
    protocol    = "tcp"
    from_port   = 3389
    to_port     = 3389
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
    const f = findings(analyzeText('main.tf', t), 'security-group-open-ingress');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Port 3389 \(RDP\) open to 0\.0\.0\.0\/0 in `d` — /);
    assert.equal(f[0].severity, 'error');
  });
});

describe('codebuild-privileged-mode and stepfunctions-logging', () => {
  it('a privileged build is reported at its PrivilegedMode value, with a fix that turns it off', () => {
    const y = `Resources:
  Build:
${BUILD.replace('Image: img}', 'Image: img, PrivilegedMode: true}')}`;
    const [f] = findings(analyzeText('t.yaml', y), 'codebuild-privileged-mode');
    assert.equal(at(y, f), 'true');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^Project `Build` runs its builds in privileged mode .* — set `Environment\.PrivilegedMode: false` \(platform and application management · yours\)$/);
    assert.deepEqual(f.fix && { path: f.fix.path, value: f.fix.value }, { path: ['Environment', 'PrivilegedMode'], value: false });
  });

  it('a state machine without logging, and one logging at OFF written in lower case; ERROR and FATAL are logging', () => {
    const t = ['none', 'off', 'error', 'fatal']
      .map((n) => `resource "aws_sfn_state_machine" "${n}" {\n  name = "${n}"\n  role_arn = "arn"\n  definition = "{}"\n${n === 'none' ? '' : `  logging_configuration {\n    level = "${n === 'off' ? 'off' : n.toUpperCase()}"\n    log_destination = "arn:aws:logs:eu-west-1:111122223333:log-group:sf:*"\n  }\n`}}\n`)
      .join('');
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'stepfunctions-logging'), ['aws_sfn_state_machine.none:gap', 'aws_sfn_state_machine.off:gap', 'aws_sfn_state_machine.error:met', 'aws_sfn_state_machine.fatal:met']);
    const fs = findings(a, 'stepfunctions-logging');
    assert.match(fs[0].message, /^State machine `none` logs none of its executions \(logging is off by default\) — add a `logging_configuration` block with a `level`/);
    assert.equal(fs[0].fix, undefined, 'no one-value fix: logging needs a log group too');
    assert.equal(at(t, fs[1]), '"off"');
  });
});

describe('ecs-host-pid-mode and redshift-audit-logging', () => {
  it('a host process namespace, written in any case, is reported at its value with a fix to `task`', () => {
    const y = `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      PidMode: HOST
      ContainerDefinitions:
        - {Name: app, Image: 'nginx:1.27'}
`;
    const [f] = findings(analyzeText('t.yaml', y), 'ecs-host-pid-mode');
    assert.equal(at(y, f), 'HOST');
    assert.match(f.message, /^Task definition `Task` shares the host's process namespace .* — set `PidMode: task` \(platform and application management · yours\)$/);
    assert.deepEqual(f.fix && [f.fix.path, f.fix.value], [['PidMode'], 'task']);
  });

  it('Terraform: logging turned off in the cluster, a logging resource naming the cluster by its identifier, one for another cluster', () => {
    const t = `resource "aws_redshift_cluster" "off" {
  cluster_identifier = "off"
  node_type = "ra3.xlplus"
  logging {
    enable = false
  }
}
resource "aws_redshift_cluster" "named" {
  cluster_identifier = "named"
  node_type = "ra3.xlplus"
}
resource "aws_redshift_logging" "by_name" {
  cluster_identifier = "named"
  bucket_name = "audit"
}
resource "aws_redshift_logging" "elsewhere" {
  cluster_identifier = "another-cluster"
  bucket_name = "audit"
}
`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'redshift-audit-logging'), ['aws_redshift_cluster.off:gap', 'aws_redshift_cluster.named:met']);
    const [f] = findings(a, 'redshift-audit-logging');
    assert.equal(at(t, f), 'false');
    assert.match(f.message, /^Cluster `off` turns audit logging off: connections and user activity are not logged — add an `aws_redshift_logging`/);
  });

  it('CloudFormation: CloudWatch Logs as the destination meets it; an S3 destination without a bucket does not', () => {
    const y = `Resources:
  Cw:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      LoggingProperties: {LogDestinationType: cloudwatch, LogExports: [connectionlog, userlog]}
  NoBucket:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      LoggingProperties: {LogDestinationType: s3}
`;
    const a = analyzeText('t.yaml', y);
    assert.deepEqual(statuses(a, 'redshift-audit-logging'), ['Cw:met', 'NoBucket:gap']);
  });
});

describe('docdb-neptune-audit-logs: Terraform names and default groups by name', () => {
  it('aws_neptune_cluster exports with `enable_cloudwatch_logs_exports`; a group named default.<family> is the default group', () => {
    const tf = 'resource "aws_neptune_cluster_parameter_group" "pg" {\n  family = "neptune1.3"\n  name = "pg"\n  parameter {\n    name = "neptune_enable_audit_log"\n    value = "1"\n  }\n}\nresource "aws_neptune_cluster" "n" {\n  enable_cloudwatch_logs_exports = ["audit"]\n  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.pg.name\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'docdb-neptune-audit-logs').filter((s) => s.startsWith('aws_neptune_cluster.')), ['aws_neptune_cluster.n:met']);
    const named = (group: string): string[] =>
      statuses(analyzeText('t.yaml', `Resources:\n  C:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      EnableCloudwatchLogsExports: [audit]\n      DBClusterParameterGroupName: ${group}\n`), 'docdb-neptune-audit-logs');
    assert.deepEqual(named('default.docdb5.0'), ['C:gap']);
    assert.deepEqual(named('custom-audit'), ['C:unknown']);
  });
});
