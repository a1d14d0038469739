/**
 * Templates the language server analyses while it waits for its first document (lsp/warm-up.ts), so that V8 has
 * compiled the parsers, the rules and the conversion to diagnostics before a large file is opened. What they need is
 * breadth, not realism about any one project: every parser's constructs (block and flow collections, block scalars,
 * short and long intrinsics, comments; HCL blocks, expressions, variables, locals, data sources) and resources of the
 * common services, some configured and some not, so that both a rule's pass and its finding run.
 */
import type { Syntax } from '../document';

/** One copy of the CloudFormation resources, with logical ids suffixed by `i`, in YAML. */
function cfnYamlResources(i: number): string {
  return `  Logs${i}:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties:
      BucketName: !Sub 'logs-\${AWS::AccountId}-${i}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key${i}.Arn
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }
      VersioningConfiguration:
        Status: Enabled
      Tags:
        - Key: Name
          Value: logs-${i}
  LogsPolicy${i}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs${i}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: ['s3:GetObject']
            Resource: !Sub '\${Logs${i}.Arn}/*'
  Key${i}:
    Type: AWS::KMS::Key
    Properties:
      Description: Data key ${i}
      EnableKeyRotation: !If [IsProd, true, false]
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'
  Web${i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Web ${i}
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
        - IpProtocol: '-1'
          CidrIpv6: ::/0
  Server${i}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !FindInMap [Images, !Ref 'AWS::Region', Id]
      InstanceType: t3.micro
      SecurityGroupIds: [!GetAtt Web${i}.GroupId]
      MetadataOptions:
        HttpTokens: optional
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: { VolumeSize: 20, Encrypted: true }
      UserData:
        Fn::Base64: |
          #!/bin/bash
          yum install -y httpd
          export DB_PASSWORD=example-password-${i}
  Volume${i}:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !Select [0, !GetAZs '']
      Size: ${100 + i}
      Encrypted: false
  Database${i}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: '100'
      StorageEncrypted: !Ref EncryptData
      PubliclyAccessible: false
      MasterUsername: admin
      MasterUserPassword: '{{resolve:secretsmanager:db-${i}:SecretString:password}}'
      BackupRetentionPeriod: 0
      DeletionProtection: true
  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess']
      Policies:
        - PolicyName: inline-${i}
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: '*', Resource: '*' }
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub '\${Logs${i}.Arn}/*'
  Function${i}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.8
      Handler: index.handler
      Role: !GetAtt Role${i}.Arn
      Environment:
        Variables:
          STAGE: !Ref Environment
          API_SECRET: plain-text-secret-${i}
      Code:
        ZipFile: |
          def handler(event, context):
              return ${i}
  Queue${i}:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
  Topic${i}:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
  Table${i}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false }
      SSESpecification: { SSEEnabled: true }
  Trail${i}:
    Type: AWS::CloudTrail::Trail
    Condition: IsProd
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs${i}
      IsMultiRegionTrail: true
      EnableLogFileValidation: false
  Listener${i}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer${i}
      Port: 80
      Protocol: HTTP
      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Targets }]
  Balancer${i}:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: !Ref Subnets
`;
}

const CFN_YAML_HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Description: >
  Warm-up template of AWS Responsibility Lens (analysed in memory while the language server is idle; never shown).
# A comment, as templates have them.
Parameters:
  Environment: { Type: String, AllowedValues: [dev, prod], Default: prod }
  AdminCidr:
    Type: String
  EncryptData:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
  VpcId: { Type: 'AWS::EC2::VPC::Id' }
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
  Targets: { Type: String }
Mappings:
  Images:
    us-east-1: { Id: ami-0123456789abcdef0 }
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
`;

const CFN_YAML_TAIL = `Outputs:
  Bucket:
    Value: !Ref Logs0
    Export: { Name: !Sub '\${AWS::StackName}-logs' }
`;

/** The same resources as a JSON template (long-form intrinsics), built from the YAML's shape by hand. */
function cfnJsonResources(i: number): Record<string, unknown> {
  const sub = (s: string): unknown => ({ 'Fn::Sub': s });
  return {
    [`Logs${i}`]: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: {
        BucketName: sub(`logs-\${AWS::AccountId}-${i}`),
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] } } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: i % 2 === 0, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        Tags: [{ Key: 'Name', Value: `logs-${i}` }],
      },
    },
    [`LogsPolicy${i}`]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: `Logs${i}` },
        PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: sub(`\${Logs${i}.Arn}/*`) }] },
      },
    },
    [`Key${i}`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: { 'Fn::If': ['IsProd', true, false] } } },
    [`Web${i}`]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `Web ${i}`,
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { Ref: 'AdminCidr' } },
          { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '0.0.0.0/0' },
        ],
      },
    },
    [`Server${i}`]: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        ImageId: 'ami-0123456789abcdef0',
        SecurityGroupIds: [{ 'Fn::GetAtt': [`Web${i}`, 'GroupId'] }],
        MetadataOptions: { HttpTokens: 'required' },
        BlockDeviceMappings: [{ DeviceName: '/dev/sdb', Ebs: { VolumeSize: 100 } }],
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\n', 'echo ', { Ref: 'Environment' }, '\n']] } },
      },
    },
    [`Database${i}`]: {
      Type: 'AWS::RDS::DBCluster',
      Properties: { Engine: 'aurora-postgresql', StorageEncrypted: false, MasterUsername: 'admin', MasterUserPassword: `password-${i}`, IamDatabaseAuthenticationEnabled: true },
    },
    [`Role${i}`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: `inline-${i}`, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
      },
    },
    [`Function${i}`]: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': [`Role${i}`, 'Arn'] }, TracingConfig: { Mode: 'Active' }, Code: { S3Bucket: { Ref: `Logs${i}` }, S3Key: 'code.zip' } },
    },
    [`Queue${i}`]: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { Ref: `Key${i}` } } },
    [`Cache${i}`]: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: `cache ${i}`, AtRestEncryptionEnabled: false, TransitEncryptionEnabled: true } },
    [`Api${i}`]: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: 'abc', StageName: 'prod', TracingEnabled: false } },
    [`Distribution${i}`]: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { ViewerProtocolPolicy: 'allow-all', TargetOriginId: 'o' }, ViewerCertificate: { CloudFrontDefaultCertificate: true } } },
    },
  };
}

function cfnJson(copies: number): string {
  let resources: Record<string, unknown> = {};
  for (let i = 0; i < copies; i++) resources = { ...resources, ...cfnJsonResources(i) };
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Environment: { Type: 'String', Default: 'prod' }, AdminCidr: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Environment' }, 'prod'] } },
    Resources: resources,
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

/** One copy of the Terraform resources, with names suffixed by `i`. */
function terraformResources(i: number): string {
  return `resource "aws_s3_bucket" "logs${i}" {
  bucket = "\${var.prefix}-logs-${i}"
  tags   = merge(local.tags, { Name = "logs-${i}" })
}

resource "aws_s3_bucket_public_access_block" "logs${i}" {
  bucket                  = aws_s3_bucket.logs${i}.id
  block_public_acls       = true
  block_public_policy     = ${i % 2 === 0}
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "logs${i}" {
  bucket = aws_s3_bucket.logs${i}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "\${aws_s3_bucket.logs${i}.arn}/*"
    }]
  })
}

resource "aws_kms_key" "data${i}" {
  description         = "data ${i}"
  enable_key_rotation = var.environment == "prod"
}

resource "aws_security_group" "web${i}" {
  name   = "web-${i}"
  vpc_id = var.vpc_id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "ingress" {
    for_each = var.admin_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.admin_cidr]
    }
  }
  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_instance" "server${i}" {
  count                  = var.servers
  ami                    = data.aws_ami.base.id
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web${i}.id]
  user_data              = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=example-${i}
  EOT
  metadata_options {
    http_tokens = "optional"
  }
  root_block_device {
    encrypted = true
  }
}

resource "aws_ebs_volume" "data${i}" {
  availability_zone = "us-east-1a"
  size              = ${100 + i}
  encrypted         = false
}

resource "aws_db_instance" "db${i}" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 100
  storage_encrypted       = var.encrypt
  publicly_accessible     = false
  username                = "admin"
  password                = "password-${i}"
  backup_retention_period = 0
}

resource "aws_iam_role" "fn${i}" {
  name = "fn-${i}"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "fn${i}" {
  role   = aws_iam_role.fn${i}.id
  policy = data.aws_iam_policy_document.all.json
}

resource "aws_lambda_function" "fn${i}" {
  function_name = "fn-${i}"
  runtime       = "python3.8"
  handler       = "index.handler"
  role          = aws_iam_role.fn${i}.arn
  environment {
    variables = {
      STAGE      = var.environment
      API_SECRET = "plain-text-secret-${i}"
    }
  }
}

resource "aws_sqs_queue" "jobs${i}" {
  name                    = "jobs-${i}"
  sqs_managed_sse_enabled = false
}

resource "aws_dynamodb_table" "items${i}" {
  name         = "items-${i}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = false
  }
}

resource "aws_lb_listener" "http${i}" {
  load_balancer_arn = aws_lb.front${i}.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = var.target_group_arn
  }
}

resource "aws_lb" "front${i}" {
  internal = false
  subnets  = var.subnets
}

`;
}

const TERRAFORM_HEAD = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "prefix" {
  type    = string
  default = "warm-up"
}
variable "environment" { default = "prod" }
variable "vpc_id" {}
variable "admin_cidr" {
  type = string
}
variable "admin_ports" {
  type    = list(number)
  default = [22, 3389]
}
variable "servers" { default = 2 }
variable "encrypt" {
  type    = bool
  default = true
}
variable "subnets" { type = list(string) }
variable "target_group_arn" {}

locals {
  tags = { Project = var.prefix, Environment = upper(var.environment) }
}

data "aws_ami" "base" {
  most_recent = true
  owners      = ["amazon"]
}

data "aws_iam_policy_document" "all" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

`;

export interface WarmUpText {
  syntax: Syntax;
  fileName: string;
  text: string;
  /** An offset inside a string value, where a character typed keeps the text valid (the edit the warm-up makes). */
  editAt: number;
}

/** How many copies of the resources each text has: 24–31 resources, 2–4 ms of analysis once compiled. */
const COPIES = 2;

/** How many texts warmUpTexts gives. */
export const WARM_UP_TEXT_COUNT = 3;

/** The warm-up texts, one per syntax the editor opens most: CloudFormation YAML and JSON, Terraform. */
export function warmUpTexts(): WarmUpText[] {
  let yaml = CFN_YAML_HEAD;
  let tf = TERRAFORM_HEAD;
  for (let i = 0; i < COPIES; i++) {
    yaml += cfnYamlResources(i);
    tf += terraformResources(i);
  }
  const text = (syntax: Syntax, fileName: string, t: string, valueBefore: string): WarmUpText => ({ syntax, fileName, text: t, editAt: t.indexOf(valueBefore) + valueBefore.length });
  return [
    text('cfn-yaml', 'warm-up.yaml', yaml + CFN_YAML_TAIL, 'GroupDescription: Web'),
    text('cfn-json', 'warm-up.json', cfnJson(COPIES), '"GroupDescription": "Web'),
    text('terraform', 'main.tf', tf, 'name   = "web'),
  ];
}
