/**
 * Fixtures for the rules on workload services (DAX, ECS task definitions, Transfer Family, SageMaker notebooks,
 * CodeBuild, Firehose, DocumentDB and Neptune audit logs, Secrets Manager rotation, load balancer headers, OpenSearch
 * placement, RDS administrator names, default security groups, CodeBuild privileged mode, Step Functions logging, ECS
 * process namespaces, Redshift audit logging): the shapes of fixtures.ts.
 */
import type { Case } from './fixtures';
import { cfn, tf } from './fixture-text';

const NOTEBOOK_CFN = 'InstanceType: ml.t3.medium\nRoleArn: arn:aws:iam::111122223333:role/sm';
const NOTEBOOK_TF = 'name = "n"\nrole_arn = "arn:aws:iam::111122223333:role/sm"\ninstance_type = "ml.t3.medium"';
const DAX_CFN = 'IAMRoleARN: arn:aws:iam::111122223333:role/dax\nNodeType: dax.t3.small\nReplicationFactor: 1';
const DAX_TF = 'cluster_name = "d"\niam_role_arn = "arn:aws:iam::111122223333:role/dax"\nnode_type = "dax.t3.small"\nreplication_factor = 1';
const BUILD_CFN = 'ServiceRole: arn:aws:iam::111122223333:role/cb\nSource: {Type: NO_SOURCE, BuildSpec: x}\nEnvironment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: img}';
const BUILD_TF = 'name = "c"\nservice_role = "arn"\nsource {\n  type = "NO_SOURCE"\n}\nenvironment {\n  compute_type = "BUILD_GENERAL1_SMALL"\n  image = "img"\n  type = "LINUX_CONTAINER"\n}';

const BUILD_BASE_CFN = 'ServiceRole: arn:aws:iam::111122223333:role/cb\nSource: {Type: NO_SOURCE, BuildSpec: x}\nArtifacts: {Type: NO_ARTIFACTS}';
const VPC_CFN = '  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
const HTTPS_FROM_INSIDE_CFN = 'IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 10.0.0.0/8';
const STATE_MACHINE_CFN = "RoleArn: arn:aws:iam::111122223333:role/sf\nDefinitionString: '{}'";
const STATE_MACHINE_TF = 'name = "sm"\nrole_arn = "arn:aws:iam::111122223333:role/sf"\ndefinition = "{}"';

const TASK_CFN = "Family: app\nContainerDefinitions:\n  - {Name: app, Image: 'nginx:1.27'}";
const TASK_TF = 'family = "app"\ncontainer_definitions = jsonencode([{ name = "app", image = "nginx:1.27" }])';
const REDSHIFT_CFN = 'NodeType: ra3.xlplus\nClusterType: single-node\nDBName: dev\nMasterUsername: owner\nManageMasterPassword: true';
const REDSHIFT_TF = 'cluster_identifier = "analytics"\nnode_type = "ra3.xlplus"\nmaster_username = "owner"\nmanage_master_password = true';

export const WORKLOAD_CASES: readonly Case[] = [
  {
    rule: 'dax-encryption-at-rest',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::DAX::Cluster', DAX_CFN),
      pass: cfn('AWS::DAX::Cluster', `${DAX_CFN}\nSSESpecification:\n  SSEEnabled: true`),
      unknown: cfn('AWS::DAX::Cluster', `${DAX_CFN}\nSSESpecification:\n  SSEEnabled: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_dax_cluster', `${DAX_TF}\nserver_side_encryption {\n  enabled = false\n}`),
      pass: tf('aws_dax_cluster', `${DAX_TF}\nserver_side_encryption {\n  enabled = true\n}`),
      unknown: tf('aws_dax_cluster', `${DAX_TF}\nserver_side_encryption {\n  enabled = var.p\n}`),
    },
  },
  {
    rule: 'dax-encryption-in-transit',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::DAX::Cluster', `${DAX_CFN}\nClusterEndpointEncryptionType: NONE`),
      pass: cfn('AWS::DAX::Cluster', `${DAX_CFN}\nClusterEndpointEncryptionType: TLS`),
      unknown: cfn('AWS::DAX::Cluster', `${DAX_CFN}\nClusterEndpointEncryptionType: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_dax_cluster', DAX_TF),
      pass: tf('aws_dax_cluster', `${DAX_TF}\ncluster_endpoint_encryption_type = "TLS"`),
      unknown: tf('aws_dax_cluster', `${DAX_TF}\ncluster_endpoint_encryption_type = var.p`),
    },
  },
  {
    rule: 'ecs-privileged-container',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::ECS::TaskDefinition', 'ContainerDefinitions:\n  - Name: web\n    Image: nginx\n    Privileged: true'),
      pass: cfn('AWS::ECS::TaskDefinition', 'ContainerDefinitions:\n  - Name: web\n    Image: nginx'),
      unknown: cfn('AWS::ECS::TaskDefinition', 'ContainerDefinitions:\n  - Name: web\n    Image: nginx\n    Privileged: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_ecs_task_definition', 'family = "t"\ncontainer_definitions = jsonencode([{ name = "web", image = "nginx", privileged = true }])'),
      pass: tf('aws_ecs_task_definition', 'family = "t"\ncontainer_definitions = jsonencode([{ name = "web", image = "nginx", privileged = false }])'),
      unknown: tf('aws_ecs_task_definition', 'family = "t"\ncontainer_definitions = jsonencode([{ name = "web", image = "nginx", privileged = var.p }])'),
    },
  },
  {
    rule: 'transfer-server-ftp',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::Transfer::Server', 'EndpointType: VPC\nIdentityProviderType: AWS_LAMBDA\nProtocols: [FTP]'),
      pass: cfn('AWS::Transfer::Server', 'Protocols: [SFTP, FTPS]'),
      unknown: cfn('AWS::Transfer::Server', 'Protocols: [{Ref: P}]'),
    },
    tf: {
      fail: tf('aws_transfer_server', 'endpoint_type = "VPC"\nprotocols = ["FTP"]'),
      pass: tf('aws_transfer_server', 'identity_provider_type = "SERVICE_MANAGED"'),
      unknown: tf('aws_transfer_server', 'protocols = var.p'),
    },
  },
  {
    rule: 'sagemaker-notebook-direct-internet',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::SageMaker::NotebookInstance', NOTEBOOK_CFN),
      pass: cfn('AWS::SageMaker::NotebookInstance', `${NOTEBOOK_CFN}\nSubnetId: subnet-1\nSecurityGroupIds: [sg-1]\nDirectInternetAccess: Disabled`),
      unknown: cfn('AWS::SageMaker::NotebookInstance', `${NOTEBOOK_CFN}\nDirectInternetAccess: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_sagemaker_notebook_instance', `${NOTEBOOK_TF}\ndirect_internet_access = "Enabled"`),
      pass: tf('aws_sagemaker_notebook_instance', `${NOTEBOOK_TF}\nsubnet_id = "subnet-1"\nsecurity_groups = ["sg-1"]\ndirect_internet_access = "Disabled"`),
      unknown: tf('aws_sagemaker_notebook_instance', `${NOTEBOOK_TF}\ndirect_internet_access = var.p`),
    },
  },
  {
    rule: 'sagemaker-notebook-root-access',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::SageMaker::NotebookInstance', `${NOTEBOOK_CFN}\nRootAccess: Enabled`),
      pass: cfn('AWS::SageMaker::NotebookInstance', `${NOTEBOOK_CFN}\nRootAccess: Disabled`),
      unknown: cfn('AWS::SageMaker::NotebookInstance', `${NOTEBOOK_CFN}\nRootAccess: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_sagemaker_notebook_instance', NOTEBOOK_TF),
      pass: tf('aws_sagemaker_notebook_instance', `${NOTEBOOK_TF}\nroot_access = "Disabled"`),
      unknown: tf('aws_sagemaker_notebook_instance', `${NOTEBOOK_TF}\nroot_access = var.p`),
    },
  },
  {
    rule: 'codebuild-output-encryption',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::CodeBuild::Project', `${BUILD_CFN}\nArtifacts: {Type: NO_ARTIFACTS}\nLogsConfig:\n  S3Logs: {Status: ENABLED, Location: b/logs, EncryptionDisabled: true}`),
      pass: cfn('AWS::CodeBuild::Project', `${BUILD_CFN}\nArtifacts: {Type: S3, Location: b}\nLogsConfig:\n  S3Logs: {Status: ENABLED, Location: b/logs}`),
      unknown: cfn('AWS::CodeBuild::Project', `${BUILD_CFN}\nArtifacts: {Type: NO_ARTIFACTS}\nLogsConfig:\n  S3Logs: {Status: ENABLED, Location: b/logs, EncryptionDisabled: {Ref: P}}`),
    },
    tf: {
      fail: tf('aws_codebuild_project', `${BUILD_TF}\nartifacts {\n  type = "S3"\n  location = "b"\n  encryption_disabled = true\n}`),
      pass: tf('aws_codebuild_project', `${BUILD_TF}\nartifacts {\n  type = "S3"\n  location = "b"\n}`),
      unknown: tf('aws_codebuild_project', `${BUILD_TF}\nartifacts {\n  type = var.p\n  encryption_disabled = true\n}`),
    },
  },
  {
    rule: 'firehose-encryption',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::KinesisFirehose::DeliveryStream', 'DeliveryStreamType: DirectPut\nS3DestinationConfiguration: {BucketARN: arn:aws:s3:::b, RoleARN: arn:aws:iam::111122223333:role/f}'),
      pass: cfn('AWS::KinesisFirehose::DeliveryStream', 'DeliveryStreamEncryptionConfigurationInput:\n  KeyType: AWS_OWNED_CMK\nS3DestinationConfiguration: {BucketARN: arn:aws:s3:::b, RoleARN: arn:aws:iam::111122223333:role/f}'),
      unknown: cfn('AWS::KinesisFirehose::DeliveryStream', 'DeliveryStreamType: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_kinesis_firehose_delivery_stream', 'name = "s"\ndestination = "extended_s3"\nserver_side_encryption {\n  enabled = false\n}'),
      pass: tf('aws_kinesis_firehose_delivery_stream', 'name = "s"\ndestination = "extended_s3"\nserver_side_encryption {\n  enabled = true\n}'),
      unknown: tf('aws_kinesis_firehose_delivery_stream', 'name = "s"\ndestination = "extended_s3"\nserver_side_encryption {\n  enabled = var.p\n}'),
    },
  },
  {
    rule: 'docdb-neptune-audit-logs',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::DocDB::DBCluster', 'EnableCloudwatchLogsExports: [profiler]'),
      pass: cfn('AWS::DocDB::DBCluster', 'EnableCloudwatchLogsExports: [audit, profiler]\nDBClusterParameterGroupName: {Ref: Audit}', '  Audit:\n    Type: AWS::DocDB::DBClusterParameterGroup\n    Properties:\n      Family: docdb5.0\n      Description: audit\n      Parameters: {audit_logs: all}\n'),
      unknown: cfn('AWS::DocDB::DBCluster', 'EnableCloudwatchLogsExports: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_neptune_cluster', 'cluster_identifier = "n"'),
      pass: tf('aws_neptune_cluster', 'cluster_identifier = "n"\nenable_cloudwatch_logs_exports = ["audit"]\nneptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name', 'resource "aws_neptune_cluster_parameter_group" "audit" {\n  family = "neptune1.3"\n  parameter {\n    name = "neptune_enable_audit_log"\n    value = "1"\n  }\n}'),
      unknown: tf('aws_neptune_cluster', 'cluster_identifier = "n"\nenable_cloudwatch_logs_exports = var.p'),
    },
  },
  {
    rule: 'secretsmanager-rotation',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::SecretsManager::Secret', 'Name: db'),
      linked: cfn('AWS::SecretsManager::Secret', 'Name: db', '  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: {Ref: R}\n      RotationRules: {AutomaticallyAfterDays: 30}\n      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate\n'),
      unknown: cfn('AWS::SecretsManager::Secret', 'Name: db', '  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: {Ref: P}\n      RotationRules: {AutomaticallyAfterDays: 30}\n'),
    },
    tf: {
      fail: tf('aws_secretsmanager_secret', 'name = "db"'),
      linked: tf('aws_secretsmanager_secret', 'name = "db"', 'resource "aws_secretsmanager_secret_rotation" "x" {\n  secret_id = aws_secretsmanager_secret.r.id\n  rotation_lambda_arn = "arn"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}'),
      unknown: tf('aws_secretsmanager_secret', 'name = "db"', 'resource "aws_secretsmanager_secret_rotation" "x" {\n  secret_id = var.p\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}'),
    },
  },
  {
    rule: 'elb-drop-invalid-headers',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', "Subnets: [subnet-1, subnet-2]\nLoadBalancerAttributes:\n  - {Key: routing.http.drop_invalid_header_fields.enabled, Value: 'false'}"),
      pass: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', "Subnets: [subnet-1, subnet-2]\nLoadBalancerAttributes:\n  - {Key: routing.http.drop_invalid_header_fields.enabled, Value: 'true'}"),
      unknown: cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Subnets: [subnet-1, subnet-2]\nLoadBalancerAttributes:\n  - {Key: routing.http.drop_invalid_header_fields.enabled, Value: {Ref: P}}'),
    },
    tf: {
      fail: tf('aws_lb', 'name = "lb"\nsubnets = ["subnet-1", "subnet-2"]'),
      pass: tf('aws_lb', 'name = "lb"\nsubnets = ["subnet-1", "subnet-2"]\ndrop_invalid_header_fields = true'),
      unknown: tf('aws_lb', 'name = "lb"\nsubnets = ["subnet-1", "subnet-2"]\ndrop_invalid_header_fields = var.p'),
    },
  },
  {
    rule: 'opensearch-in-vpc',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.13'),
      pass: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.13\nVPCOptions:\n  SubnetIds: [subnet-1]\n  SecurityGroupIds: [sg-1]'),
      unknown: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.13\nVPCOptions: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = "OpenSearch_2.13"'),
      pass: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = "OpenSearch_2.13"\nvpc_options {\n  subnet_ids = ["subnet-1"]\n}'),
      unknown: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = "OpenSearch_2.13"\nvpc_options = var.p'),
    },
  },
  {
    rule: 'rds-default-admin-username',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nMasterUsername: admin'),
      pass: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nMasterUsername: dbowner'),
      unknown: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nMasterUsername: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nmaster_username = "postgres"'),
      pass: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nmaster_username = "dbowner"'),
      unknown: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nmaster_username = var.p'),
    },
  },
  {
    rule: 'default-security-group-traffic',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::EC2::SecurityGroupIngress', `GroupId:\n  Fn::GetAtt: [Vpc, DefaultSecurityGroup]\n${HTTPS_FROM_INSIDE_CFN}`, VPC_CFN),
      pass: cfn('AWS::EC2::SecurityGroupIngress', `GroupId:\n  Ref: Sg\n${HTTPS_FROM_INSIDE_CFN}`, `${VPC_CFN}  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: own\n      VpcId:\n        Ref: Vpc\n`),
      unknown: cfn('AWS::EC2::SecurityGroupIngress', `GroupId:\n  Fn::If: [C, {"Fn::GetAtt": [Vpc, DefaultSecurityGroup]}, sg-1]\n${HTTPS_FROM_INSIDE_CFN}`, `${VPC_CFN}Conditions:\n  C:\n    Fn::Equals: [{Ref: P}, x]\n`),
    },
    tf: {
      fail: tf('aws_default_security_group', 'vpc_id = "vpc-1"\ningress {\n  protocol = "-1"\n  self = true\n  from_port = 0\n  to_port = 0\n}'),
      pass: tf('aws_default_security_group', 'vpc_id = "vpc-1"'),
      unknown: tf('aws_default_security_group', 'vpc_id = "vpc-1"\ndynamic "ingress" {\n  for_each = var.p\n  content {\n    protocol = "-1"\n    from_port = 0\n    to_port = 0\n  }\n}'),
    },
  },
  {
    rule: 'codebuild-privileged-mode',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::CodeBuild::Project', `${BUILD_BASE_CFN}\nEnvironment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: img, PrivilegedMode: true}`),
      pass: cfn('AWS::CodeBuild::Project', `${BUILD_BASE_CFN}\nEnvironment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: img}`),
      unknown: cfn('AWS::CodeBuild::Project', `${BUILD_BASE_CFN}\nEnvironment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: img, PrivilegedMode: {Ref: P}}`),
    },
    tf: {
      fail: tf('aws_codebuild_project', BUILD_TF.replace('type = "LINUX_CONTAINER"', 'type = "LINUX_CONTAINER"\n  privileged_mode = true')),
      pass: tf('aws_codebuild_project', BUILD_TF.replace('type = "LINUX_CONTAINER"', 'type = "LINUX_CONTAINER"\n  privileged_mode = false')),
      unknown: tf('aws_codebuild_project', BUILD_TF.replace('type = "LINUX_CONTAINER"', 'type = "LINUX_CONTAINER"\n  privileged_mode = var.p')),
    },
  },
  {
    rule: 'stepfunctions-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::StepFunctions::StateMachine', STATE_MACHINE_CFN),
      pass: cfn('AWS::StepFunctions::StateMachine', `${STATE_MACHINE_CFN}\nLoggingConfiguration:\n  Level: ERROR\n  Destinations:\n    - CloudWatchLogsLogGroup: {LogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:sf:*'}`),
      unknown: cfn('AWS::StepFunctions::StateMachine', `${STATE_MACHINE_CFN}\nLoggingConfiguration:\n  Level: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_sfn_state_machine', `${STATE_MACHINE_TF}\nlogging_configuration {\n  level = "OFF"\n}`),
      pass: tf('aws_sfn_state_machine', `${STATE_MACHINE_TF}\nlogging_configuration {\n  level = "ALL"\n  include_execution_data = true\n  log_destination = "arn:aws:logs:eu-west-1:111122223333:log-group:sf:*"\n}`),
      unknown: tf('aws_sfn_state_machine', `${STATE_MACHINE_TF}\nlogging_configuration {\n  level = var.p\n}`),
    },
  },
  {
    rule: 'ecs-host-pid-mode',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::ECS::TaskDefinition', `${TASK_CFN}\nPidMode: host`),
      pass: cfn('AWS::ECS::TaskDefinition', `${TASK_CFN}\nPidMode: task`),
      unknown: cfn('AWS::ECS::TaskDefinition', `${TASK_CFN}\nPidMode: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_ecs_task_definition', `${TASK_TF}\npid_mode = "host"`),
      pass: tf('aws_ecs_task_definition', TASK_TF),
      unknown: tf('aws_ecs_task_definition', `${TASK_TF}\npid_mode = var.p`),
    },
  },
  {
    rule: 'redshift-audit-logging',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::Redshift::Cluster', REDSHIFT_CFN),
      pass: cfn('AWS::Redshift::Cluster', `${REDSHIFT_CFN}\nLoggingProperties:\n  BucketName: audit-logs`),
      unknown: cfn('AWS::Redshift::Cluster', `${REDSHIFT_CFN}\nLoggingProperties:\n  BucketName: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_redshift_cluster', REDSHIFT_TF),
      pass: tf('aws_redshift_cluster', `${REDSHIFT_TF}\nlogging {\n  enable = true\n  bucket_name = "audit-logs"\n}`),
      linked: tf('aws_redshift_cluster', REDSHIFT_TF, 'resource "aws_redshift_logging" "l" {\n  cluster_identifier = aws_redshift_cluster.r.id\n  log_destination_type = "cloudwatch"\n  log_exports = ["connectionlog", "userlog"]\n}'),
      unknown: tf('aws_redshift_cluster', REDSHIFT_TF, 'resource "aws_redshift_logging" "l" {\n  cluster_identifier = var.p\n  bucket_name = "audit-logs"\n}'),
    },
  },
];
