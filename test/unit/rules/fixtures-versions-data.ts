/**
 * Fixtures of the version and image rules (server/src/core/rules/versions.ts) and of the data-at-rest rules
 * (server/src/core/rules/data-at-rest.ts), in the style of fixtures.ts: a failing, a passing, an unknown and, where a
 * separate resource meets the duty, a linked configuration per language. Failing versions are long past their end of
 * standard support; passing ones are the newest the table lists (data/engine-support.json).
 */
import type { Case } from './fixtures';
import { cfn, tf } from './fixture-text';

const REGISTRY_CFN = (scanType: string, frequency: string, filter: string): string =>
  `  S:\n    Type: AWS::ECR::RegistryScanningConfiguration\n    Properties:\n      ScanType: ${scanType}\n      Rules:\n        - ScanFrequency: ${frequency}\n          RepositoryFilters:\n            - Filter: '${filter}'\n              FilterType: WILDCARD\n`;
const REGISTRY_TF = (scanType: string, frequency: string, filter: string): string =>
  `resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "${scanType}"\n  rule {\n    scan_frequency = "${frequency}"\n    repository_filter {\n      filter = "${filter}"\n      filter_type = "WILDCARD"\n    }\n  }\n}`;

export const VERSIONS_DATA_CASES: readonly Case[] = [
  // ---- platform-and-application-management: versions ----
  {
    rule: 'rds-engine-end-of-support',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nEngineVersion: 5.7.44\nDBInstanceClass: db.t3.micro'),
      pass: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nEngineVersion: 8.4.3\nDBInstanceClass: db.t3.micro'),
      unknown: cfn('AWS::RDS::DBInstance', 'Engine: mysql\nEngineVersion: {Ref: P}\nDBInstanceClass: db.t3.micro'),
    },
    tf: {
      fail: tf('aws_rds_cluster', 'engine = "aurora-mysql"\nengine_version = "5.7.mysql_aurora.2.11.2"'),
      pass: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nengine_version = "17.4"'),
      unknown: tf('aws_db_instance', 'engine = "postgres"\nengine_version = var.p\ninstance_class = "db.t3.micro"'),
    },
  },
  {
    rule: 'elasticache-engine-end-of-support',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::ElastiCache::ReplicationGroup', 'ReplicationGroupDescription: r\nEngine: redis\nEngineVersion: 4.0.10'),
      pass: cfn('AWS::ElastiCache::ReplicationGroup', 'ReplicationGroupDescription: r\nEngine: redis\nEngineVersion: "7.1"'),
      unknown: cfn('AWS::ElastiCache::ReplicationGroup', 'ReplicationGroupDescription: r\nEngine: redis\nEngineVersion: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_elasticache_cluster', 'cluster_id = "c"\nengine = "redis"\nengine_version = "3.2.10"\nnode_type = "cache.t3.micro"'),
      pass: tf('aws_elasticache_replication_group', 'replication_group_id = "r"\ndescription = "r"\nengine_version = "7.1"'),
      unknown: tf('aws_elasticache_replication_group', 'replication_group_id = "r"\ndescription = "r"\nengine_version = var.p'),
    },
  },
  {
    rule: 'opensearch-engine-end-of-support',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: Elasticsearch_6.7'),
      pass: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: OpenSearch_2.19'),
      unknown: cfn('AWS::OpenSearchService::Domain', 'EngineVersion: {Ref: P}'),
    },
    tf: {
      // aws_elasticsearch_domain defaults to Elasticsearch 1.5.
      fail: tf('aws_elasticsearch_domain', 'domain_name = "d"'),
      pass: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = "OpenSearch_2.19"'),
      unknown: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = var.p'),
    },
  },
  {
    rule: 'mq-engine-end-of-support',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::AmazonMQ::Broker', 'BrokerName: b\nEngineType: ACTIVEMQ\nEngineVersion: 5.15.16\nHostInstanceType: mq.t3.micro\nDeploymentMode: SINGLE_INSTANCE\nPubliclyAccessible: false'),
      pass: cfn('AWS::AmazonMQ::Broker', 'BrokerName: b\nEngineType: ACTIVEMQ\nEngineVersion: "5.18"\nHostInstanceType: mq.t3.micro\nDeploymentMode: SINGLE_INSTANCE\nPubliclyAccessible: false'),
      unknown: cfn('AWS::AmazonMQ::Broker', 'BrokerName: b\nEngineType: ACTIVEMQ\nEngineVersion: {Ref: P}\nHostInstanceType: mq.t3.micro\nDeploymentMode: SINGLE_INSTANCE\nPubliclyAccessible: false'),
    },
    tf: {
      fail: tf('aws_mq_broker', 'broker_name = "b"\nengine_type = "RabbitMQ"\nengine_version = "3.11.20"\nhost_instance_type = "mq.t3.micro"'),
      pass: tf('aws_mq_broker', 'broker_name = "b"\nengine_type = "RabbitMQ"\nengine_version = "3.13"\nhost_instance_type = "mq.t3.micro"'),
      unknown: tf('aws_mq_broker', 'broker_name = "b"\nengine_type = var.p\nengine_version = "3.11.20"\nhost_instance_type = "mq.t3.micro"'),
    },
  },
  {
    rule: 'eks-version-end-of-support',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::EKS::Cluster', 'Version: "1.27"\nRoleArn: arn:aws:iam::111122223333:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]'),
      // No version: EKS creates the cluster with its current default (a listed version would expire with the calendar).
      pass: cfn('AWS::EKS::Cluster', 'RoleArn: arn:aws:iam::111122223333:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]'),
      unknown: cfn('AWS::EKS::Cluster', 'Version: {Ref: P}\nRoleArn: arn:aws:iam::111122223333:role/eks\nResourcesVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]'),
    },
    tf: {
      fail: tf('aws_eks_cluster', 'name = "c"\nversion = "1.24"\nrole_arn = "arn:aws:iam::111122223333:role/eks"'),
      pass: tf('aws_eks_cluster', 'name = "c"\nrole_arn = "arn:aws:iam::111122223333:role/eks"'),
      unknown: tf('aws_eks_cluster', 'name = "c"\nversion = var.p\nrole_arn = "arn:aws:iam::111122223333:role/eks"'),
    },
  },
  // ---- platform-and-application-management: images ----
  {
    rule: 'ecr-image-tag-immutability',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageTagMutability: MUTABLE'),
      pass: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageTagMutability: IMMUTABLE'),
      unknown: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageTagMutability: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_ecr_repository', 'name = "r"'),
      pass: tf('aws_ecr_repository', 'name = "r"\nimage_tag_mutability = "IMMUTABLE"'),
      unknown: tf('aws_ecr_repository', 'name = "r"\nimage_tag_mutability = var.p'),
    },
  },
  {
    rule: 'ecr-image-scan-on-push',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageScanningConfiguration:\n  ScanOnPush: false'),
      pass: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageScanningConfiguration:\n  ScanOnPush: true'),
      unknown: cfn('AWS::ECR::Repository', 'RepositoryName: r\nImageScanningConfiguration:\n  ScanOnPush: {Ref: P}'),
      // Enhanced scanning of the registry scans every matching repository on push.
      linked: cfn('AWS::ECR::Repository', 'RepositoryName: r', REGISTRY_CFN('ENHANCED', 'CONTINUOUS_SCAN', '*')),
    },
    tf: {
      fail: tf('aws_ecr_repository', 'name = "r"', REGISTRY_TF('BASIC', 'MANUAL', '*')),
      pass: tf('aws_ecr_repository', 'name = "r"\nimage_scanning_configuration {\n  scan_on_push = true\n}'),
      unknown: tf('aws_ecr_repository', 'name = "r"\nimage_scanning_configuration {\n  scan_on_push = var.p\n}'),
      linked: tf('aws_ecr_repository', 'name = "app-r"', REGISTRY_TF('BASIC', 'SCAN_ON_PUSH', 'app-*')),
    },
  },
  // ---- data at rest ----
  {
    rule: 'snapshot-encryption',
    severity: 'warning',
    tf: {
      fail: tf('aws_ebs_snapshot', 'volume_id = aws_ebs_volume.v.id', 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size = 10\n  encrypted = false\n}'),
      pass: tf('aws_db_snapshot', 'db_instance_identifier = aws_db_instance.d.identifier\ndb_snapshot_identifier = "s"', 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  storage_encrypted = true\n}'),
      unknown: tf('aws_db_cluster_snapshot', 'db_cluster_identifier = aws_rds_cluster.c.id\ndb_cluster_snapshot_identifier = "s"', 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  storage_encrypted = var.p\n}'),
      linked: tf('aws_ebs_snapshot', 'volume_id = aws_ebs_volume.v.id', 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size = 10\n}\nresource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}'),
    },
  },
  {
    // A copy that asks for encryption is encrypted whatever its source.
    rule: 'snapshot-encryption',
    severity: 'information',
    tf: {
      fail: tf('aws_ebs_snapshot_copy', 'source_snapshot_id = "snap-0123456789abcdef0"\nsource_region = "eu-west-1"\nencrypted = false'),
      pass: tf('aws_ebs_snapshot_copy', 'source_snapshot_id = "snap-0123456789abcdef0"\nsource_region = "eu-west-1"\nencrypted = true'),
      unknown: tf('aws_ebs_snapshot_copy', 'source_snapshot_id = "snap-0123456789abcdef0"\nsource_region = "eu-west-1"'),
    },
  },
  {
    rule: 'db-cluster-backup-retention',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::DocDB::DBCluster', 'BackupRetentionPeriod: 1'),
      pass: cfn('AWS::DocDB::DBCluster', 'BackupRetentionPeriod: 7'),
      unknown: cfn('AWS::DocDB::DBCluster', 'BackupRetentionPeriod: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_rds_cluster', 'engine = "aurora-postgresql"'),
      pass: tf('aws_neptune_cluster', 'backup_retention_period = 14'),
      unknown: tf('aws_rds_cluster', 'engine = "aurora-postgresql"\nbackup_retention_period = var.p'),
    },
  },
  {
    rule: 'rds-iam-database-authentication',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro'),
      pass: cfn('AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro\nEnableIAMDatabaseAuthentication: true'),
      unknown: cfn('AWS::RDS::DBInstance', 'Engine: {Ref: P}\nDBInstanceClass: db.t3.micro'),
    },
    tf: {
      fail: tf('aws_rds_cluster', 'engine = "aurora-mysql"\niam_database_authentication_enabled = false'),
      pass: tf('aws_rds_cluster', 'engine = "aurora-mysql"\niam_database_authentication_enabled = true'),
      unknown: tf('aws_db_instance', 'engine = "mysql"\ninstance_class = "db.t3.micro"\niam_database_authentication_enabled = var.p'),
    },
  },
  {
    rule: 'neptune-iam-database-authentication',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::Neptune::DBCluster', 'StorageEncrypted: true\nIamAuthEnabled: false'),
      pass: cfn('AWS::Neptune::DBCluster', 'StorageEncrypted: true\nIamAuthEnabled: true'),
      unknown: cfn('AWS::Neptune::DBCluster', 'IamAuthEnabled: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_neptune_cluster', 'cluster_identifier = "g"\nstorage_encrypted = true'),
      pass: tf('aws_neptune_cluster', 'iam_database_authentication_enabled = true'),
      unknown: tf('aws_neptune_cluster', 'iam_database_authentication_enabled = var.p'),
    },
  },
  {
    // Instance root and block devices with no encryption setting: a reminder (account default encryption may cover them).
    rule: 'ec2-block-device-encryption',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::EC2::Instance', 'ImageId: ami-1'),
      pass: cfn('AWS::EC2::Instance', 'ImageId: ami-1\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: {VolumeSize: 10, Encrypted: true}'),
      unknown: cfn('AWS::EC2::Instance', 'ImageId: ami-1\nBlockDeviceMappings:\n  - DeviceName: {Ref: P}\n    Ebs: {VolumeSize: 10, Encrypted: true}'),
    },
    tf: {
      fail: tf('aws_instance', 'ami = "ami-1"\nebs_block_device {\n  device_name = "/dev/sdb"\n  encrypted = true\n}'),
      pass: tf('aws_instance', 'ami = "ami-1"\nroot_block_device {\n  encrypted = true\n}'),
      unknown: tf('aws_instance', 'ami = "ami-1"\nlaunch_template {\n  id = var.p\n}'),
      linked: tf('aws_instance', 'ami = "ami-1"', 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}'),
    },
  },
];
