/**
 * Generates a synthetic but realistic Terraform monorepo (deterministic: the same files every run; written to a
 * temporary folder, never committed): `modules` folders of `files` files × `resources` resources each, one module per
 * folder as Terraform reads it —
 * - ten themed files per module (compute in `main.tf`, S3 buckets in `storage.tf` with their public access blocks and
 *   versioning in `storage_controls.tf`, security groups with `ingress` blocks, databases, IAM roles and policies with
 *   `jsonencode`, Lambda, messaging, KMS, monitoring), some resources under `count` / `for_each`;
 * - a `variables.tf` with defaults that the resources read (`encrypted = var.encrypt_volumes`), a `locals` block,
 *   a `terraform.tfvars` in every fourth module;
 * - the first `roots` folders are root modules, each calling 3 of the others (`source = "../modNNN"`) with arguments,
 *   some calls with `for_each`, in a `modules.tf`;
 * - optionally one more module of `bigFiles` files (the themes repeated) for the "open a large module" figures.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface MonorepoOptions {
  modules?: number;
  /** Files with resources per module (each theme once, then repeated with a suffix). */
  files?: number;
  resources?: number;
  /** Root modules (the first folders), each calling 3 of the other folders. */
  roots?: number;
  /** Also write `big/`: one module with this many files (not called by anyone). */
  bigFiles?: number;
}

export interface MonorepoInfo {
  root: string;
  /** Every module folder, absolute. */
  dirs: string[];
  rootDirs: string[];
  big?: string;
  /** Resource blocks written (before count / for_each). */
  resourceBlocks: number;
  /** Resource blocks of the monorepo's 200 folders alone (without `big/`). */
  monorepoResourceBlocks: number;
  moduleCalls: number;
  files: number;
  bytes: number;
}

/** One theme: 10 resource blocks (`s` makes names unique when a theme repeats in a module). */
type Theme = { file: string; body: (m: number, s: string) => string[] };

const r = (type: string, name: string, body: string): string => `resource "${type}" "${name}" {\n${body}}\n`;
const tags = (extra = ''): string => `  tags = merge(local.common_tags, {\n    Name = "${extra}"\n  })\n`;

const THEMES: Theme[] = [
  {
    file: 'main.tf',
    body: (m, s) => [
      r('aws_instance', `app${s}`, `  ami                    = var.ami_id\n  instance_type          = var.instance_type\n  subnet_id              = aws_subnet.private${s}.id\n  vpc_security_group_ids = [aws_security_group.app${s}.id]\n  iam_instance_profile   = "app-profile"\n\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "${m % 3 === 0 ? 'optional' : 'required'}"\n  }\n\n  root_block_device {\n    volume_size = 50\n    encrypted   = var.encrypt_volumes\n  }\n${tags(`\${var.name_prefix}-app`)}`),
      r('aws_instance', `worker${s}`, `  count                  = var.worker_count\n  ami                    = var.ami_id\n  instance_type          = "m5.large"\n  subnet_id              = aws_subnet.private${s}.id\n  vpc_security_group_ids = [aws_security_group.app${s}.id]\n\n  root_block_device {\n    encrypted = true\n  }\n${tags(`\${var.name_prefix}-worker`)}`),
      r('aws_instance', `bastion${s}`, `  ami                         = var.ami_id\n  instance_type               = "t3.micro"\n  subnet_id                   = aws_subnet.public${s}.id\n  associate_public_ip_address = ${m % 5 === 0}\n  vpc_security_group_ids      = [aws_security_group.bastion${s}.id]\n\n  metadata_options {\n    http_tokens = "required"\n  }\n${tags(`\${var.name_prefix}-bastion`)}`),
      r('aws_ebs_volume', `data${s}`, `  availability_zone = var.availability_zone\n  size              = var.data_volume_size\n  type              = "gp3"\n  encrypted         = var.encrypt_volumes\n${tags(`\${var.name_prefix}-data`)}`),
      r('aws_ebs_volume', `logs${s}`, `  availability_zone = var.availability_zone\n  size              = 100\n  type              = "gp3"\n  encrypted         = var.encrypt_volumes\n  kms_key_id        = aws_kms_key.main${s}.arn\n${tags(`\${var.name_prefix}-logs`)}`),
      r('aws_ebs_volume', `scratch${s}`, `  count             = var.scratch_volumes\n  availability_zone = var.availability_zone\n  size              = 20\n  encrypted         = count.index == 0 ? var.encrypt_volumes : true\n${tags(`\${var.name_prefix}-scratch`)}`),
      r('aws_ebs_volume', `archive${s}`, `  availability_zone = var.availability_zone\n  size              = 500\n  type              = "sc1"\n  encrypted         = ${m % 4 !== 1}\n${tags(`\${var.name_prefix}-archive`)}`),
      r('aws_volume_attachment', `data${s}`, `  device_name = "/dev/sdf"\n  volume_id   = aws_ebs_volume.data${s}.id\n  instance_id = aws_instance.app${s}.id\n`),
      r('aws_eip', `bastion${s}`, `  instance = aws_instance.bastion${s}.id\n  domain   = "vpc"\n${tags(`\${var.name_prefix}-bastion-ip`)}`),
      r('aws_ebs_snapshot', `data${s}`, `  volume_id = aws_ebs_volume.data${s}.id\n${tags(`\${var.name_prefix}-data-snap`)}`),
    ],
  },
  {
    file: 'storage.tf',
    body: (m, s) => [
      ...['assets', 'uploads', 'backups', 'exports', 'reports', 'static', 'artifacts', 'tmp'].map((b) =>
        r('aws_s3_bucket', `${b}${s}`, `  bucket        = "\${var.name_prefix}-${b}${s.replace('_', '-')}"\n  force_destroy = ${b === 'tmp'}\n${tags(`\${var.name_prefix}-${b}`)}`),
      ),
      r('aws_s3_bucket', `logs${s}`, `  for_each = toset(var.log_buckets)\n  bucket   = "\${var.name_prefix}-logs-\${each.key}${s.replace('_', '-')}"\n${tags(`\${var.name_prefix}-logs`)}`),
      r('aws_s3_bucket_policy', `assets${s}`, `  bucket = aws_s3_bucket.assets${s}.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Sid       = "DenyInsecureTransport"\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = ["\${aws_s3_bucket.assets${s}.arn}", "\${aws_s3_bucket.assets${s}.arn}/*"]\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }${m % 7 === 0 ? `, {\n      Sid       = "PublicRead"\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Resource  = "\${aws_s3_bucket.assets${s}.arn}/*"\n    }` : ''}]\n  })\n`),
    ],
  },
  {
    file: 'storage_controls.tf',
    body: (m, s) => [
      // Public access blocks for most buckets (not "tmp" and "reports" in odd modules): the others are findings.
      ...['assets', 'uploads', 'backups', 'exports', ...(m % 2 ? [] : ['reports', 'tmp'])].map((b) =>
        r('aws_s3_bucket_public_access_block', `${b}${s}`, `  bucket                  = aws_s3_bucket.${b}${s}.id\n  block_public_acls       = true\n  block_public_policy     = var.block_public_policy\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n`),
      ),
      ...['assets', 'uploads', 'backups', ...(m % 2 ? ['static', 'artifacts'] : [])].map((b) =>
        r('aws_s3_bucket_versioning', `${b}${s}`, `  bucket = aws_s3_bucket.${b}${s}.id\n\n  versioning_configuration {\n    status = var.versioning ? "Enabled" : "Suspended"\n  }\n`),
      ),
      r('aws_s3_bucket_server_side_encryption_configuration', `backups${s}`, `  bucket = aws_s3_bucket.backups${s}.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.main${s}.arn\n    }\n  }\n`),
    ],
  },
  {
    file: 'network.tf',
    body: (m, s) => [
      r('aws_vpc', `main${s}`, `  cidr_block           = var.vpc_cidr\n  enable_dns_hostnames = true\n${tags(`\${var.name_prefix}-vpc`)}`),
      r('aws_subnet', `private${s}`, `  vpc_id            = aws_vpc.main${s}.id\n  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 1)\n  availability_zone = var.availability_zone\n${tags(`\${var.name_prefix}-private`)}`),
      r('aws_subnet', `public${s}`, `  vpc_id                  = aws_vpc.main${s}.id\n  cidr_block              = cidrsubnet(var.vpc_cidr, 8, 2)\n  availability_zone       = var.availability_zone\n  map_public_ip_on_launch = var.public_subnets\n${tags(`\${var.name_prefix}-public`)}`),
      r('aws_security_group', `app${s}`, `  name        = "\${var.name_prefix}-app${s}"\n  description = "Application servers"\n  vpc_id      = aws_vpc.main${s}.id\n\n  ingress {\n    description     = "HTTPS from the load balancer"\n    from_port       = 443\n    to_port         = 443\n    protocol        = "tcp"\n    security_groups = [aws_security_group.lb${s}.id]\n  }\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n${tags(`\${var.name_prefix}-app-sg`)}`),
      r('aws_security_group', `lb${s}`, `  name        = "\${var.name_prefix}-lb${s}"\n  description = "Load balancer"\n  vpc_id      = aws_vpc.main${s}.id\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n${tags(`\${var.name_prefix}-lb-sg`)}`),
      r('aws_security_group', `bastion${s}`, `  name        = "\${var.name_prefix}-bastion${s}"\n  description = "SSH bastion"\n  vpc_id      = aws_vpc.main${s}.id\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [var.admin_cidr]\n  }\n${tags(`\${var.name_prefix}-bastion-sg`)}`),
      r('aws_security_group', `db${s}`, `  name        = "\${var.name_prefix}-db${s}"\n  description = "Databases"\n  vpc_id      = aws_vpc.main${s}.id\n\n  dynamic "ingress" {\n    for_each = var.db_ports\n    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = [var.vpc_cidr]\n    }\n  }\n${tags(`\${var.name_prefix}-db-sg`)}`),
      r('aws_security_group_rule', `admin${s}`, `  type              = "ingress"\n  security_group_id = aws_security_group.app${s}.id\n  from_port         = ${m % 6 === 0 ? 3389 : 8443}\n  to_port           = ${m % 6 === 0 ? 3389 : 8443}\n  protocol          = "tcp"\n  cidr_blocks       = [${m % 6 === 0 ? '"0.0.0.0/0"' : 'var.admin_cidr'}]\n`),
      r('aws_network_acl', `public${s}`, `  vpc_id     = aws_vpc.main${s}.id\n  subnet_ids = [aws_subnet.public${s}.id]\n\n  ingress {\n    rule_no    = 100\n    protocol   = "tcp"\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 443\n    to_port    = 443\n  }\n`),
      r('aws_flow_log', `main${s}`, `  vpc_id          = aws_vpc.main${s}.id\n  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow${s}.arn\n  iam_role_arn    = aws_iam_role.flow_logs${s}.arn\n`),
    ],
  },
  {
    file: 'database.tf',
    body: (m, s) => [
      r('aws_db_subnet_group', `main${s}`, `  name       = "\${var.name_prefix}-db${s}"\n  subnet_ids = [aws_subnet.private${s}.id, aws_subnet.public${s}.id]\n`),
      ...['orders', 'users', 'audit'].map((d, k) =>
        r('aws_db_instance', `${d}${s}`, `  identifier              = "\${var.name_prefix}-${d}${s.replace('_', '-')}"\n  engine                  = "postgres"\n  engine_version          = "16.3"\n  instance_class          = var.db_instance_class\n  allocated_storage       = 100\n  db_subnet_group_name    = aws_db_subnet_group.main${s}.name\n  vpc_security_group_ids  = [aws_security_group.db${s}.id]\n  username                = "app"\n  manage_master_user_password = true\n  storage_encrypted       = ${k === 2 ? 'true' : 'var.encrypt_db'}\n  publicly_accessible     = ${k === 1 && m % 9 === 0}\n  backup_retention_period = var.backup_days\n  deletion_protection     = var.environment == "prod"\n${tags(`\${var.name_prefix}-${d}`)}`),
      ),
      r('aws_db_parameter_group', `pg${s}`, `  name   = "\${var.name_prefix}-pg${s}"\n  family = "postgres16"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n`),
      r('aws_elasticache_subnet_group', `cache${s}`, `  name       = "\${var.name_prefix}-cache${s}"\n  subnet_ids = [aws_subnet.private${s}.id]\n`),
      r('aws_elasticache_replication_group', `sessions${s}`, `  replication_group_id       = "\${var.name_prefix}-sessions${s.replace('_', '-')}"\n  description                = "Sessions"\n  node_type                  = "cache.t3.small"\n  num_cache_clusters         = 2\n  subnet_group_name          = aws_elasticache_subnet_group.cache${s}.name\n  at_rest_encryption_enabled = var.encrypt_db\n  transit_encryption_enabled = true\n  snapshot_retention_limit   = var.backup_days\n`),
      r('aws_dynamodb_table', `state${s}`, `  name         = "\${var.name_prefix}-state${s}"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  point_in_time_recovery {\n    enabled = ${m % 3 !== 2}\n  }\n${tags(`\${var.name_prefix}-state`)}`),
      r('aws_dynamodb_table', `locks${s}`, `  name         = "\${var.name_prefix}-locks${s}"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "LockID"\n\n  attribute {\n    name = "LockID"\n    type = "S"\n  }\n`),
      r('aws_db_snapshot', `orders${s}`, `  db_instance_identifier = aws_db_instance.orders${s}.identifier\n  db_snapshot_identifier = "\${var.name_prefix}-orders-snap${s.replace('_', '-')}"\n`),
    ],
  },
  {
    file: 'iam.tf',
    body: (m, s) => [
      r('aws_iam_role', `app${s}`, `  name = "\${var.name_prefix}-app${s}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "ec2.amazonaws.com" }\n      Action    = "sts:AssumeRole"\n    }]\n  })\n`),
      r('aws_iam_role', `lambda${s}`, `  name = "\${var.name_prefix}-lambda${s}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "lambda.amazonaws.com" }\n      Action    = "sts:AssumeRole"\n    }]\n  })\n`),
      r('aws_iam_role', `flow_logs${s}`, `  name = "\${var.name_prefix}-flow-logs${s}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "vpc-flow-logs.amazonaws.com" }\n      Action    = "sts:AssumeRole"\n    }]\n  })\n`),
      r('aws_iam_policy', `app_data${s}`, `  name = "\${var.name_prefix}-app-data${s}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Effect   = "Allow"\n        Action   = ["s3:GetObject", "s3:PutObject"]\n        Resource = "\${aws_s3_bucket.uploads${s}.arn}/*"\n      },\n      {\n        Effect   = "Allow"\n        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]\n        Resource = aws_dynamodb_table.state${s}.arn\n      }\n    ]\n  })\n`),
      r('aws_iam_policy', `admin${s}`, `  name = "\${var.name_prefix}-admin${s}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ${m % 4 === 0 ? '"*"' : '["ec2:Describe*", "cloudwatch:GetMetricData"]'}\n      Resource = "*"\n    }]\n  })\n`),
      r('aws_iam_policy', `logs${s}`, `  name = "\${var.name_prefix}-logs${s}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]\n      Resource = "\${aws_cloudwatch_log_group.app${s}.arn}:*"\n    }]\n  })\n`),
      r('aws_iam_role_policy_attachment', `app_data${s}`, `  role       = aws_iam_role.app${s}.name\n  policy_arn = aws_iam_policy.app_data${s}.arn\n`),
      r('aws_iam_role_policy_attachment', `lambda_logs${s}`, `  role       = aws_iam_role.lambda${s}.name\n  policy_arn = aws_iam_policy.logs${s}.arn\n`),
      r('aws_iam_role_policy', `flow_logs${s}`, `  name = "flow-logs"\n  role = aws_iam_role.flow_logs${s}.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups"]\n      Resource = "*"\n    }]\n  })\n`),
      r('aws_iam_instance_profile', `app${s}`, `  name = "\${var.name_prefix}-app${s}"\n  role = aws_iam_role.app${s}.name\n`),
    ],
  },
  {
    file: 'lambda.tf',
    body: (m, s) => [
      ...['ingest', 'resize', 'notify', 'cleanup'].map((f, k) =>
        r('aws_lambda_function', `${f}${s}`, `  function_name = "\${var.name_prefix}-${f}${s}"\n  role          = aws_iam_role.lambda${s}.arn\n  runtime       = "${k === 3 && m % 8 === 0 ? 'python3.8' : runtimeOf(k)}"\n  handler       = "index.handler"\n  filename      = "\${path.module}/dist/${f}.zip"\n  memory_size   = 256\n  timeout       = 30\n\n  environment {\n    variables = {\n      STAGE  = var.environment\n      BUCKET = aws_s3_bucket.uploads${s}.bucket\n    }\n  }\n${tags(`\${var.name_prefix}-${f}`)}`),
      ),
      r('aws_lambda_permission', `ingest_s3${s}`, `  statement_id  = "AllowS3"\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.ingest${s}.function_name\n  principal     = "s3.amazonaws.com"\n  source_arn    = aws_s3_bucket.uploads${s}.arn\n`),
      r('aws_lambda_permission', `notify_sns${s}`, `  statement_id  = "AllowSNS"\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.notify${s}.function_name\n  principal     = "sns.amazonaws.com"\n${m % 10 === 0 ? '' : `  source_arn    = aws_sns_topic.events${s}.arn\n`}`),
      ...['ingest', 'resize', 'notify', 'cleanup'].map((f) =>
        r('aws_cloudwatch_log_group', `${f}${s}`, `  name              = "/aws/lambda/\${var.name_prefix}-${f}${s}"\n  retention_in_days = var.log_retention_days\n`),
      ),
    ],
  },
  {
    file: 'messaging.tf',
    body: (m, s) => [
      r('aws_sns_topic', `events${s}`, `  name              = "\${var.name_prefix}-events${s}"\n  kms_master_key_id = aws_kms_key.main${s}.id\n`),
      r('aws_sns_topic', `alerts${s}`, `  name = "\${var.name_prefix}-alerts${s}"\n${m % 3 === 0 ? '' : `  kms_master_key_id = "alias/aws/sns"\n`}`),
      r('aws_sns_topic_subscription', `alerts${s}`, `  topic_arn = aws_sns_topic.alerts${s}.arn\n  protocol  = "email"\n  endpoint  = "ops@example.com"\n`),
      r('aws_sqs_queue', `jobs${s}`, `  name                      = "\${var.name_prefix}-jobs${s}"\n  sqs_managed_sse_enabled   = true\n  message_retention_seconds = 345600\n  redrive_policy = jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.jobs_dlq${s}.arn\n    maxReceiveCount     = 5\n  })\n`),
      r('aws_sqs_queue', `jobs_dlq${s}`, `  name                    = "\${var.name_prefix}-jobs-dlq${s}"\n  sqs_managed_sse_enabled = true\n`),
      r('aws_sqs_queue', `events${s}`, `  name              = "\${var.name_prefix}-events${s}"\n  kms_master_key_id = aws_kms_key.main${s}.id\n`),
      r('aws_sqs_queue_policy', `events${s}`, `  queue_url = aws_sqs_queue.events${s}.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "sns.amazonaws.com" }\n      Action    = "sqs:SendMessage"\n      Resource  = aws_sqs_queue.events${s}.arn\n      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events${s}.arn } }\n    }]\n  })\n`),
      r('aws_kinesis_stream', `clicks${s}`, `  name             = "\${var.name_prefix}-clicks${s}"\n  shard_count      = 2\n  retention_period = 48\n  encryption_type  = "${m % 5 === 3 ? 'NONE' : 'KMS'}"\n  kms_key_id       = "alias/aws/kinesis"\n`),
      r('aws_sns_topic_subscription', `events_queue${s}`, `  topic_arn = aws_sns_topic.events${s}.arn\n  protocol  = "sqs"\n  endpoint  = aws_sqs_queue.events${s}.arn\n`),
      r('aws_cloudwatch_event_rule', `nightly${s}`, `  name                = "\${var.name_prefix}-nightly${s}"\n  schedule_expression = "cron(0 3 * * ? *)"\n`),
    ],
  },
  {
    file: 'kms.tf',
    body: (m, s) => [
      r('aws_kms_key', `main${s}`, `  description             = "\${var.name_prefix} data key"\n  deletion_window_in_days = 30\n  enable_key_rotation     = true\n`),
      r('aws_kms_alias', `main${s}`, `  name          = "alias/\${var.name_prefix}-main${s}"\n  target_key_id = aws_kms_key.main${s}.key_id\n`),
      r('aws_kms_key', `logs${s}`, `  description             = "\${var.name_prefix} logs key"\n  deletion_window_in_days = 7\n  enable_key_rotation     = ${m % 2 === 0}\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Sid       = "Root"\n      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::\${var.account_id}:root" }\n      Action    = "kms:*"\n      Resource  = "*"\n    }]\n  })\n`),
      r('aws_kms_alias', `logs${s}`, `  name          = "alias/\${var.name_prefix}-logs${s}"\n  target_key_id = aws_kms_key.logs${s}.key_id\n`),
      r('aws_secretsmanager_secret', `api${s}`, `  name       = "\${var.name_prefix}/api${s}"\n  kms_key_id = aws_kms_key.main${s}.arn\n`),
      r('aws_secretsmanager_secret_version', `api${s}`, `  secret_id     = aws_secretsmanager_secret.api${s}.id\n  secret_string = ${m % 11 === 0 ? '"hunter2-plaintext"' : 'var.api_secret'}\n`),
      r('aws_ssm_parameter', `endpoint${s}`, `  name  = "/\${var.name_prefix}/endpoint${s}"\n  type  = "String"\n  value = aws_lb.app${s}.dns_name\n`),
      r('aws_ssm_parameter', `db_host${s}`, `  name  = "/\${var.name_prefix}/db-host${s}"\n  type  = "SecureString"\n  value = aws_db_instance.orders${s}.address\n`),
      r('aws_acm_certificate', `app${s}`, `  domain_name       = "\${var.name_prefix}.example.com"\n  validation_method = "DNS"\n`),
      r('aws_cloudwatch_log_group', `flow${s}`, `  name              = "/vpc/\${var.name_prefix}-flow${s}"\n  retention_in_days = var.log_retention_days\n  kms_key_id        = aws_kms_key.logs${s}.arn\n`),
    ],
  },
  {
    file: 'app.tf',
    body: (m, s) => [
      r('aws_launch_template', `app${s}`, `  name_prefix   = "\${var.name_prefix}-app${s}"\n  image_id      = var.ami_id\n  instance_type = var.instance_type\n\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      volume_size = 50\n      encrypted   = var.encrypt_volumes\n    }\n  }\n\n  metadata_options {\n    http_tokens = "required"\n  }\n`),
      r('aws_autoscaling_group', `app${s}`, `  name                = "\${var.name_prefix}-app${s}"\n  min_size            = 2\n  max_size            = 10\n  vpc_zone_identifier = [aws_subnet.private${s}.id]\n\n  launch_template {\n    id      = aws_launch_template.app${s}.id\n    version = "$Latest"\n  }\n`),
      r('aws_lb', `app${s}`, `  name               = "\${var.name_prefix}-app${s.replace('_', '-')}"\n  load_balancer_type = "application"\n  internal           = false\n  security_groups    = [aws_security_group.lb${s}.id]\n  subnets            = [aws_subnet.public${s}.id]\n  drop_invalid_header_fields = true\n`),
      r('aws_lb_target_group', `app${s}`, `  name     = "\${var.name_prefix}-app${s.replace('_', '-')}"\n  port     = 443\n  protocol = "HTTPS"\n  vpc_id   = aws_vpc.main${s}.id\n`),
      r('aws_lb_listener', `https${s}`, `  load_balancer_arn = aws_lb.app${s}.arn\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = aws_acm_certificate.app${s}.arn\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app${s}.arn\n  }\n`),
      r('aws_lb_listener', `http${s}`, `  load_balancer_arn = aws_lb.app${s}.arn\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type = "${m % 4 === 2 ? 'forward' : 'redirect'}"\n${m % 4 === 2 ? `    target_group_arn = aws_lb_target_group.app${s}.arn\n` : `\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n`}  }\n`),
      r('aws_cloudwatch_metric_alarm', `cpu${s}`, `  alarm_name          = "\${var.name_prefix}-cpu${s}"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods  = 2\n  metric_name         = "CPUUtilization"\n  namespace           = "AWS/EC2"\n  period              = 300\n  statistic           = "Average"\n  threshold           = 80\n  alarm_actions       = [aws_sns_topic.alerts${s}.arn]\n`),
      r('aws_cloudwatch_metric_alarm', `errors${s}`, `  alarm_name          = "\${var.name_prefix}-errors${s}"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods  = 1\n  metric_name         = "Errors"\n  namespace           = "AWS/Lambda"\n  period              = 60\n  statistic           = "Sum"\n  threshold           = 5\n  dimensions = {\n    FunctionName = aws_lambda_function.ingest${s}.function_name\n  }\n  alarm_actions = [aws_sns_topic.alerts${s}.arn]\n`),
      r('aws_cloudwatch_log_group', `app${s}`, `  name              = "/app/\${var.name_prefix}${s}"\n  retention_in_days = var.log_retention_days\n`),
      r('aws_route53_record', `app${s}`, `  zone_id = var.zone_id\n  name    = "\${var.name_prefix}.example.com"\n  type    = "A"\n\n  alias {\n    name                   = aws_lb.app${s}.dns_name\n    zone_id                = aws_lb.app${s}.zone_id\n    evaluate_target_health = true\n  }\n`),
    ],
  },
];

function runtimeOf(k: number): string {
  return ['python3.12', 'nodejs20.x', 'python3.12', 'java21'][k % 4];
}

/** variables.tf: the defaults the resources read (some differ per module, as real modules' do). */
function variablesFile(m: number): string {
  const v = (name: string, type: string, def: string | undefined, desc: string): string =>
    `variable "${name}" {\n  description = "${desc}"\n  type        = ${type}\n${def === undefined ? '' : `  default     = ${def}\n`}}\n`;
  return [
    v('name_prefix', 'string', `"m${String(m).padStart(3, '0')}"`, 'Prefix of every name'),
    v('environment', 'string', `"${m % 3 === 0 ? 'prod' : m % 3 === 1 ? 'staging' : 'dev'}"`, 'Environment'),
    v('encrypt_volumes', 'bool', String(m % 4 !== 3), 'Encrypt EBS volumes'),
    v('encrypt_db', 'bool', 'true', 'Encrypt databases and caches'),
    v('block_public_policy', 'bool', 'true', 'Block public bucket policies'),
    v('versioning', 'bool', 'true', 'Version the buckets'),
    v('public_subnets', 'bool', String(m % 5 === 4), 'Public IPs on launch in the public subnet'),
    v('worker_count', 'number', String(1 + (m % 3)), 'Worker instances'),
    v('scratch_volumes', 'number', '2', 'Scratch volumes'),
    v('log_buckets', 'list(string)', '["access", "audit"]', 'Log buckets'),
    v('db_ports', 'list(number)', '[5432, 6379]', 'Database ports open to the VPC'),
    v('backup_days', 'number', String(m % 6 === 5 ? 0 : 7), 'Backup retention in days'),
    v('log_retention_days', 'number', '90', 'Log retention in days'),
    v('ami_id', 'string', '"ami-0123456789abcdef0"', 'AMI'),
    v('instance_type', 'string', '"t3.medium"', 'Instance type'),
    v('db_instance_class', 'string', '"db.t3.medium"', 'Database instance class'),
    v('availability_zone', 'string', '"us-east-1a"', 'Availability zone'),
    v('vpc_cidr', 'string', `"10.${m % 250}.0.0/16"`, 'VPC CIDR'),
    v('admin_cidr', 'string', '"10.0.0.0/8"', 'Administrators\' network'),
    v('account_id', 'string', '"123456789012"', 'Account'),
    v('zone_id', 'string', undefined, 'Route 53 zone'),
    v('api_secret', 'string', undefined, 'API secret').replace('}\n', '  sensitive   = true\n}\n'),
    v('tags', 'map(string)', '{}', 'Extra tags'),
    `locals {\n  common_tags = merge(var.tags, {\n    Module      = "mod${String(m).padStart(3, '0')}"\n    Environment = var.environment\n    ManagedBy   = "terraform"\n  })\n}\n`,
  ].join('\n');
}

function tfvarsFile(m: number): string {
  return `environment     = "prod"\nbackup_days     = 14\nencrypt_db      = ${m % 8 !== 4}\nzone_id         = "Z0123456789ABC"\nlog_buckets     = ["access", "audit", "cdn"]\ntags = {\n  Owner = "team-${m % 13}"\n}\n`;
}

/** modules.tf of a root module: 3 calls of other folders, with arguments; some with for_each. */
function callsFile(m: number, children: readonly number[]): string {
  return children
    .map((c, j) => {
      const name = `svc_${j}`;
      const src = `../mod${String(c).padStart(3, '0')}`;
      const each = (m + j) % 3 === 0;
      return `module "${name}" {\n  source = "${src}"\n${each ? `  for_each = toset(["blue", "green"])\n\n  name_prefix     = "r${m}-${j}-\${each.key}"\n  encrypt_volumes = each.key == "blue" ? true : var.encrypt_volumes\n` : `\n  name_prefix     = "r${m}-${j}"\n  encrypt_volumes = ${j === 1 ? 'false' : 'var.encrypt_volumes'}\n`}  environment     = var.environment\n  backup_days     = ${j === 2 ? 1 : 'var.backup_days'}\n  admin_cidr      = "${j === 0 && m % 5 === 0 ? '0.0.0.0/0' : '10.20.0.0/16'}"\n  tags            = local.common_tags\n}\n`;
    })
    .join('\n');
}

function moduleFiles(m: number, files: number, resources: number): { name: string; text: string; blocks: number }[] {
  const out: { name: string; text: string; blocks: number }[] = [];
  for (let f = 0; f < files; f++) {
    const theme = THEMES[f % THEMES.length];
    const copy = Math.floor(f / THEMES.length);
    const s = copy === 0 ? '' : `_${copy + 1}`;
    // Every copy of a theme needs the resources other themes reference with the same suffix: copies come in full rounds.
    const blocks = theme.body(m, s).slice(0, resources);
    const name = copy === 0 ? theme.file : theme.file.replace('.tf', `_${copy + 1}.tf`);
    out.push({ name, text: `# ${name} of mod${m} (generated by bench/monorepo.ts)\n\n${blocks.join('\n')}`, blocks: blocks.length });
  }
  return out;
}

/** Three distinct children for root `i` among the non-root folders (deterministic, spread over all of them). */
function childrenOf(i: number, roots: number, modules: number): number[] {
  const n = modules - roots;
  const out: number[] = [];
  for (let j = 0; out.length < 3 && j < 10; j++) {
    const c = roots + ((i * 3 + j) * 37) % n;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** Writes the monorepo under `root` (created; must not exist or be empty). */
export function writeMonorepo(root: string, opts: MonorepoOptions = {}): MonorepoInfo {
  const modules = opts.modules ?? 200;
  const files = opts.files ?? 10;
  const resources = opts.resources ?? 10;
  const roots = opts.roots ?? 50;
  fs.mkdirSync(root, { recursive: true });
  const info: MonorepoInfo = { root, dirs: [], rootDirs: [], resourceBlocks: 0, monorepoResourceBlocks: 0, moduleCalls: 0, files: 0, bytes: 0 };
  const write = (p: string, text: string): void => {
    fs.writeFileSync(p, text);
    info.files++;
    info.bytes += Buffer.byteLength(text);
  };
  const writeModule = (dir: string, m: number, nFiles: number): number => {
    fs.mkdirSync(dir, { recursive: true });
    let blocks = 0;
    for (const f of moduleFiles(m, nFiles, resources)) {
      write(path.join(dir, f.name), f.text);
      blocks += f.blocks;
    }
    write(path.join(dir, 'variables.tf'), variablesFile(m));
    if (m % 4 === 1) write(path.join(dir, 'terraform.tfvars'), tfvarsFile(m));
    return blocks;
  };
  for (let m = 0; m < modules; m++) {
    const dir = path.join(root, `mod${String(m).padStart(3, '0')}`);
    info.resourceBlocks += writeModule(dir, m, files);
    if (m < roots) {
      const children = childrenOf(m, roots, modules);
      write(path.join(dir, 'modules.tf'), callsFile(m, children));
      info.moduleCalls += children.length;
      info.rootDirs.push(dir);
    }
    info.dirs.push(dir);
  }
  info.monorepoResourceBlocks = info.resourceBlocks;
  if (opts.bigFiles) {
    const dir = path.join(root, 'big');
    info.resourceBlocks += writeModule(dir, modules, opts.bigFiles);
    info.big = dir;
    info.dirs.push(dir);
  }
  return info;
}

// `node --import tsx bench/monorepo.ts DIR [--big 50]`: writes a monorepo to look at.
if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: monorepo.ts DIR [--big FILES]');
  const bi = process.argv.indexOf('--big');
  const info = writeMonorepo(path.resolve(dir), { bigFiles: bi > 0 ? Number(process.argv[bi + 1]) : undefined });
  process.stdout.write(`${info.files} files, ${(info.bytes / 1048576).toFixed(1)} MB, ${info.resourceBlocks} resource blocks, ${info.moduleCalls} module calls in ${info.dirs.length} folders\n`);
}
