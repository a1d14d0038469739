/**
 * Fixtures of secrets that flow (plaintext-secret through parameter defaults, variables, `!Sub` and interpolation, and
 * the secrets read at run time that are not in the file) and of policies the file decides in part (a `Principal`
 * known while the `Resource` is another resource's ARN; policies attached to IAM users), in the style of fixtures.ts.
 */
import type { Case } from './fixtures';
import { tf } from './fixture-text';

/** As fixtures.ts `cfn`, with more inputs: `params` is the body of `Parameters` after `P` (no default). */
function cfnWith(params: string, type: string, props: string, extra = ''): string {
  const indent = (s: string, n: number): string =>
    s
      .trim()
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  return `Parameters:\n  P:\n    Type: String\n${params ? indent(params, 2) + '\n' : ''}Resources:\n  R:\n    Type: ${type}\n    Properties:\n${indent(props, 6)}\n${extra}`;
}

const DB_PASSWORD_PARAM = 'DbPassword:\n  Type: String\n  Default: hunter2hunter2';
const RDS = 'Engine: mysql\nMasterUsername: admin';

const userData = (script: string): string => `ImageId: ami-1\nUserData:\n  Fn::Base64:\n    Fn::Sub: |\n${script
  .trim()
  .split('\n')
  .map((l) => '      ' + l)
  .join('\n')}`;
const tfUserData = (script: string): string => `ami = "ami-1"\nuser_data = <<-EOF\n${script.trim()}\nEOF`;

const queuePolicyTf = (statement: string): string =>
  tf('aws_sqs_queue_policy', `queue_url = aws_sqs_queue.q.id\npolicy = jsonencode({\nVersion = "2012-10-17"\nStatement = [{\n${statement.trim()}\n}]\n})`, 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}');
const queuePolicyCfn = (statement: string): string =>
  cfnWith('', 'AWS::SQS::QueuePolicy', `Queues: [q]\nPolicyDocument:\n  Fn::Sub: '{"Version": "2012-10-17", "Statement": [${statement}]}'`, '  Q:\n    Type: AWS::SQS::Queue\n');

export const SECRETS_POLICIES_CASES: readonly Case[] = [
  // ---- secrets that flow ----
  {
    // A parameter's / variable's default is text in the file: it is the secret when it reaches a password.
    rule: 'plaintext-secret',
    referenceIsMet: true,
    cfn: {
      fail: cfnWith(DB_PASSWORD_PARAM, 'AWS::RDS::DBInstance', `${RDS}\nMasterUserPassword:\n  Ref: DbPassword`),
      pass: cfnWith('SecretName:\n  Type: String\n  Default: prod-db', 'AWS::RDS::DBInstance', `${RDS}\nMasterUserPassword:\n  Fn::Sub: '{{resolve:secretsmanager:\${SecretName}:SecretString:password}}'`),
      unknown: cfnWith('', 'AWS::RDS::DBInstance', `${RDS}\nMasterUserPassword:\n  Ref: P`),
    },
    tf: {
      fail: tf('aws_db_instance', 'engine = "mysql"\npassword = var.db_password', 'variable "db_password" {\n  default = "hunter2hunter2"\n}'),
      pass: tf('aws_db_instance', 'engine = "mysql"\npassword = data.aws_secretsmanager_secret_version.db.secret_string'),
      unknown: tf('aws_db_instance', 'engine = "mysql"\npassword = local.pw', 'locals {\n  pw = var.p\n}'),
    },
  },
  {
    // A NoEcho parameter / sensitive variable is declared secret: its literal default is a secret wherever it goes.
    rule: 'plaintext-secret',
    referenceIsMet: true,
    cfn: {
      fail: cfnWith('Token:\n  Type: String\n  NoEcho: true\n  Default: tok-0123456789', 'AWS::Lambda::Function', 'Runtime: python3.12\nEnvironment:\n  Variables:\n    UPSTREAM_CONFIG:\n      Ref: Token'),
      pass: cfnWith('Token:\n  Type: String\n  NoEcho: true', 'AWS::Lambda::Function', 'Runtime: python3.12\nEnvironment:\n  Variables:\n    UPSTREAM_CONFIG:\n      Ref: Token'),
    },
    tf: {
      fail: tf('aws_lambda_function', 'runtime = "python3.12"\nenvironment {\n  variables = {\n    UPSTREAM_CONFIG = var.token\n  }\n}', 'variable "token" {\n  sensitive = true\n  default = "tok-0123456789"\n}'),
      pass: tf('aws_lambda_function', 'runtime = "python3.12"\nenvironment {\n  variables = {\n    UPSTREAM_CONFIG = var.token\n  }\n}', 'variable "token" {\n  sensitive = true\n}'),
    },
  },
  {
    // User data: a password that `!Sub` / an interpolation writes into the script; a password read at boot is not in the file.
    rule: 'plaintext-secret',
    referenceIsMet: true,
    cfn: {
      fail: cfnWith(DB_PASSWORD_PARAM, 'AWS::EC2::Instance', userData('#!/bin/bash\necho "DB_PASSWORD=${DbPassword}" >> /etc/app.env')),
      pass: cfnWith(
        '',
        'AWS::EC2::Instance',
        userData(
          '#!/bin/bash\nPASSWORD=`aws secretsmanager get-secret-value --secret-id ${Secret} --query SecretString --output text`\nDB_PASSWORD=$(aws ssm get-parameter --name /app/db --with-decryption --query Parameter.Value --output text)\npassword = boto3.client("secretsmanager").get_secret_value(SecretId="${Secret}")["SecretString"]',
        ),
        '  Secret:\n    Type: AWS::SecretsManager::Secret\n',
      ),
      unknown: cfnWith('', 'AWS::EC2::Instance', userData('#!/bin/bash\necho "DB_PASSWORD=${P}" >> /etc/app.env')),
    },
    tf: {
      fail: tf('aws_instance', tfUserData('#!/bin/bash\necho "DB_PASSWORD=${local.db_password}" >> /etc/app.env'), 'locals {\n  db_password = "hunter2hunter2"\n}'),
      pass: tf('aws_instance', tfUserData('#!/bin/bash\nPASSWORD=`aws secretsmanager get-secret-value --secret-id ${aws_secretsmanager_secret.db.id} --query SecretString --output text`\nexport DB_PASSWORD="$PASSWORD"')),
      unknown: tf('aws_instance', tfUserData('#!/bin/bash\necho "DB_PASSWORD=${var.p}" >> /etc/app.env')),
    },
  },
  {
    // Environment variables of ECS container definitions.
    rule: 'plaintext-secret',
    referenceIsMet: true,
    cfn: {
      fail: cfnWith(DB_PASSWORD_PARAM, 'AWS::ECS::TaskDefinition', 'ContainerDefinitions:\n  - Name: app\n    Image: app\n    Environment:\n      - Name: DB_PASSWORD\n        Value:\n          Ref: DbPassword'),
      pass: cfnWith('', 'AWS::ECS::TaskDefinition', 'ContainerDefinitions:\n  - Name: app\n    Image: app\n    Secrets:\n      - Name: DB_PASSWORD\n        ValueFrom: arn:aws:secretsmanager:eu-west-1:111122223333:secret:db'),
    },
    tf: {
      fail: tf('aws_ecs_task_definition', 'family = "app"\ncontainer_definitions = jsonencode([{\nname = "app"\nimage = aws_ecr_repository.app.repository_url\nenvironment = [{ name = "DB_PASSWORD", value = "hunter2hunter2" }]\n}])'),
      pass: tf('aws_ecs_task_definition', 'family = "app"\ncontainer_definitions = jsonencode([{\nname = "app"\nimage = aws_ecr_repository.app.repository_url\nsecrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]\n}])'),
    },
  },
  {
    // A secret the files declare (NoEcho, sensitive, generated, an access key's) routed into user data is readable there.
    rule: 'user-data-secret',
    severity: 'warning',
    cfn: {
      fail: cfnWith('DbPassword:\n  Type: String\n  NoEcho: true', 'AWS::EC2::Instance', userData('#!/bin/bash\necho "DB_PASSWORD=${DbPassword}" >> /etc/app.env')),
      pass: cfnWith('', 'AWS::EC2::Instance', userData('#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${P} --query SecretString --output text)')),
      unknown: cfnWith(
        'DbPassword:\n  Type: String\n  NoEcho: true',
        'AWS::EC2::Instance',
        'ImageId: ami-1\nUserData:\n  Fn::Base64:\n    Fn::If:\n      - Inline\n      - Fn::Sub: "#!/bin/bash\\necho ${DbPassword} > /etc/db"\n      - "#!/bin/bash"',
        'Conditions:\n  Inline:\n    Fn::Equals: [{Ref: P}, "yes"]\n',
      ),
    },
    tf: {
      fail: tf('aws_instance', 'ami = "ami-1"\nuser_data = templatefile("${path.module}/init.sh", { db_password = var.db_password })', 'variable "db_password" {\n  sensitive = true\n}'),
      pass: tf('aws_instance', 'ami = "ami-1"\nuser_data = templatefile("${path.module}/init.sh", { secret_arn = aws_secretsmanager_secret.db.arn, name = var.p })'),
      unknown: tf('aws_instance', 'ami = "ami-1"\nuser_data = templatefile("${path.module}/init.sh", { password_hash = sha256(random_password.db.result) })'),
    },
  },
  // ---- policies partly known ----
  {
    // One interpolated ARN does not hide `Principal: "*"`.
    rule: 'resource-policy-public',
    cfn: {
      fail: queuePolicyCfn('{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "${Q.Arn}"}'),
      pass: queuePolicyCfn('{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "${Q.Arn}", "Condition": {"ArnEquals": {"aws:SourceArn": "${P}"}}}'),
      unknown: queuePolicyCfn('{"Effect": "Allow", "Principal": {"AWS": "${P}"}, "Action": "sqs:SendMessage", "Resource": "${Q.Arn}"}'),
    },
    tf: {
      fail: queuePolicyTf('Effect = "Allow"\nPrincipal = "*"\nAction = "sqs:SendMessage"\nResource = aws_sqs_queue.q.arn'),
      pass: queuePolicyTf('Effect = "Allow"\nPrincipal = "*"\nAction = "sqs:SendMessage"\nResource = aws_sqs_queue.q.arn\nCondition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.t.arn } }'),
      unknown: queuePolicyTf('Effect = "Allow"\nPrincipal = { AWS = var.p }\nAction = "sqs:SendMessage"\nResource = aws_sqs_queue.q.arn'),
    },
  },
  {
    // Every action on resources the file does not decide is a gap whatever they are.
    rule: 'iam-policy-wildcard',
    severity: 'warning',
    tf: {
      fail: tf('aws_iam_policy', 'policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${aws_s3_bucket.b.arn}"}]}\nEOF'),
      pass: tf('aws_iam_policy', 'policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.b.arn}/*"}]}\nEOF'),
      unknown: tf('aws_iam_policy', 'policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${var.p}", "Resource": "${aws_s3_bucket.b.arn}"}]}\nEOF'),
    },
  },
  {
    // A policy attached to IAM users is the same finding as an inline user policy (Security Hub IAM.2).
    rule: 'iam-user-inline-policy',
    severity: 'information',
    cfn: {
      fail: cfnWith('', 'AWS::IAM::ManagedPolicy', "Users: [alice]\nPolicyDocument:\n  Statement:\n    - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}"),
      pass: cfnWith('', 'AWS::IAM::ManagedPolicy', "Groups: [readers]\nPolicyDocument:\n  Statement:\n    - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}"),
      unknown: cfnWith('', 'AWS::IAM::Policy', "PolicyName: p\nUsers:\n  Ref: P\nPolicyDocument:\n  Statement:\n    - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}"),
    },
    tf: {
      fail: tf('aws_iam_policy_attachment', 'name = "a"\nusers = ["alice"]\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'),
      pass: tf('aws_iam_policy_attachment', 'name = "a"\ngroups = ["readers"]\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'),
      unknown: tf('aws_iam_policy_attachment', 'name = "a"\nusers = var.p\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'),
    },
  },
  {
    rule: 'iam-user-inline-policy',
    severity: 'information',
    cfn: {
      fail: cfnWith('', 'AWS::IAM::User', 'ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]'),
    },
    tf: {
      fail: tf('aws_iam_user_policy_attachment', 'user = "r"\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'),
    },
  },
];
