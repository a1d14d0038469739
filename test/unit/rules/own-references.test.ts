/**
 * Values the evaluator cannot decide but the file does: a KMS key property that names a key or alias the file creates
 * (customer managed: AWS managed aliases cannot be created), a security group CIDR that is a VPC's or subnet's own range
 * (never the whole internet).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../../server/src/core/analyze';
import { analyzeText, DocumentAnalyzer } from '../../../server/src/core/document';

function outcome(a: Analysis, id: string, rule: string): { status: string; evidence?: string; dependsOn?: readonly string[] } | undefined {
  return a.resources.find((r) => r.resource.id === id)?.duties.flatMap((d) => d.results).find((x) => x.rule.id === rule)?.outcome;
}

describe('kms-aws-managed-key: a key or alias of the file', () => {
  const rule = 'kms-aws-managed-key';
  it('CloudFormation: Ref and GetAtt of a key, Ref of an alias are met; a parameter stays unknown', () => {
    const y = (v: string): string =>
      `Parameters:\n  P:\n    Type: String\nResources:\n  Key:\n    Type: AWS::KMS::Key\n  Alias:\n    Type: AWS::KMS::Alias\n    Properties:\n      AliasName: alias/mine\n      TargetKeyId: !Ref Key\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: ${v}\n`;
    for (const v of ['!Ref Key', '!GetAtt Key.Arn', '!Ref Alias']) {
      const o = outcome(analyzeText('t.yaml', y(v)), 'Q', rule);
      assert.equal(o?.status, 'met', v);
      assert.match(o?.evidence ?? '', /names `(Key|Alias)`, a customer managed key or alias of this file/);
    }
    assert.equal(outcome(analyzeText('t.yaml', y('!Ref P')), 'Q', rule)?.status, 'unknown');
  });

  it('Terraform: one reference to a key or alias is met; a data source, a condition or an indexed reference stays unknown', () => {
    const tf = (v: string): string => `variable "p" {}\nresource "aws_kms_key" "k" {}\nresource "aws_kms_alias" "a" {\n  name = "alias/mine"\n  target_key_id = aws_kms_key.k.id\n}\nresource "aws_sqs_queue" "q" {\n  kms_master_key_id = ${v}\n}\n`;
    for (const v of ['aws_kms_key.k.arn', '"${aws_kms_key.k.key_id}"', 'aws_kms_alias.a.name']) assert.equal(outcome(analyzeText('main.tf', tf(v)), 'aws_sqs_queue.q', rule)?.status, 'met', v);
    for (const v of ['data.aws_kms_alias.x.arn', 'var.p != "" ? var.p : aws_kms_key.k.arn', 'aws_kms_key.k[0].arn']) {
      assert.equal(outcome(analyzeText('main.tf', tf(v)), 'aws_sqs_queue.q', rule)?.status, 'unknown', v);
    }
  });
});

describe('security-group-open-ingress: a VPC\'s or subnet\'s own range', () => {
  const rule = 'security-group-open-ingress';
  it('CloudFormation: GetAtt of a VPC or subnet range is no internet; GetAtt of something else stays unknown', () => {
    const y = (cidr: string): string =>
      `Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Other:\n    Type: AWS::EC2::Instance\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n      VpcId: !Ref Vpc\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          ${cidr}\n`;
    for (const c of ['CidrIp: !GetAtt Vpc.CidrBlock', 'CidrIpv6: !Select [0, !GetAtt Vpc.Ipv6CidrBlocks]']) assert.equal(outcome(analyzeText('t.yaml', y(c)), 'Sg', rule)?.status, 'met', c);
    assert.equal(outcome(analyzeText('t.yaml', y('CidrIp: !GetAtt Other.PrivateIp')), 'Sg', rule)?.status, 'unknown');
  });

  it('Terraform: a VPC or subnet cidr_block, a data source\'s too; a module output or a variable stays unknown', () => {
    const tf = (cidr: string): string => `variable "p" {}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 22\n  to_port = 22\n  protocol = "tcp"\n  security_group_id = "sg-1"\n  cidr_blocks = [${cidr}]\n}\n`;
    for (const c of ['aws_vpc.v.cidr_block', '"${aws_vpc.v.cidr_block}"', 'data.aws_subnet.s.cidr_block', 'aws_default_vpc.d.cidr_block']) {
      assert.equal(outcome(analyzeText('main.tf', tf(c)), 'aws_security_group_rule.r', rule)?.status, 'met', c);
    }
    for (const c of ['module.vpc.vpc_cidr_block', 'var.p']) assert.equal(outcome(analyzeText('main.tf', tf(c)), 'aws_security_group_rule.r', rule)?.status, 'unknown', c);
    // Beside an open range the gap stays.
    assert.equal(outcome(analyzeText('main.tf', tf('aws_vpc.v.cidr_block, "0.0.0.0/0"')), 'aws_security_group_rule.r', rule)?.status, 'gap');
  });
});

describe('resource-policy-public: principals the file names in part', () => {
  const rule = 'resource-policy-public';
  const key = (principal: string): string =>
    `Parameters:\n  P:\n    Type: String\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: 'sts:AssumeRole'}]}\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: ${principal}\n            Action: 'kms:*'\n            Resource: '*'\n`;

  it('CloudFormation: an ARN with the account left to deploy time names one account (the default key policy); a parameter may be anyone', () => {
    for (const p of ['!Sub "arn:aws:iam::${AWS::AccountId}:root"', '!Sub "arn:${AWS::Partition}:iam::${P}:root"', '!GetAtt Role.Arn', '!Ref AWS::AccountId', '[!GetAtt Role.Arn, "arn:aws:iam::111122223333:root"]']) {
      const o = outcome(analyzeText('t.yaml', key(p)), 'Key', rule);
      assert.equal(o?.status, 'met', p);
    }
    assert.equal(outcome(analyzeText('t.yaml', key('!Ref P')), 'Key', rule)?.status, 'unknown');
    assert.equal(outcome(analyzeText('t.yaml', key('[!GetAtt Role.Arn, "*"]')), 'Key', rule)?.status, 'gap');
  });

  it('Terraform: a principals block of ARNs does not hide another block that is anyone; jsonencode with an interpolated ARN names one', () => {
    const doc = (blocks: string): string => `variable "account" {}\ndata "aws_caller_identity" "c" {}\nresource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["sqs:SendMessage"]\n    resources = ["*"]\n${blocks}\n  }\n}\n`;
    const arn = '    principals {\n      type = "AWS"\n      identifiers = [aws_iam_role.r.arn, "arn:aws:iam::${data.aws_caller_identity.c.account_id}:root"]\n    }';
    assert.equal(outcome(analyzeText('main.tf', doc(arn)), 'data.aws_iam_policy_document.d', rule)?.status, 'met');
    const anyone = `${arn}\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }`;
    assert.equal(outcome(analyzeText('main.tf', doc(anyone)), 'data.aws_iam_policy_document.d', rule)?.status, 'gap');
    const q = (principal: string): string =>
      `variable "account" {}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\nresource "aws_sqs_queue_policy" "p" {\n  queue_url = aws_sqs_queue.q.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = ${principal} }, Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn }] })\n}\n`;
    assert.equal(outcome(analyzeText('main.tf', q('"arn:aws:iam::${var.account}:root"')), 'aws_sqs_queue_policy.p', rule)?.status, 'met');
    assert.equal(outcome(analyzeText('main.tf', q('var.account')), 'aws_sqs_queue_policy.p', rule)?.status, 'unknown');
  });
});

describe('iam-administrator-access-attached: an AWS managed policy looked up by its ARN', () => {
  const rule = 'iam-administrator-access-attached';
  const tf = (lookup: string): string =>
    `data "aws_iam_policy" "p" {\n  ${lookup}\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role = aws_iam_role.r.name\n  policy_arn = data.aws_iam_policy.p.arn\n}\n`;
  it('data.aws_iam_policy.p.arn is the ARN the data source is given; looked up by name it stays unknown', () => {
    const a = analyzeText('main.tf', tf('arn = "arn:aws:iam::aws:policy/AdministratorAccess"'));
    assert.equal(outcome(a, 'aws_iam_role_policy_attachment.a', rule)?.status, 'gap');
    assert.deepEqual(a.findings.filter((f) => f.ruleId === rule).map((f) => f.severity), ['error']);
    assert.equal(outcome(analyzeText('main.tf', tf('arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"')), 'aws_iam_role_policy_attachment.a', rule)?.status, 'met');
    assert.equal(outcome(analyzeText('main.tf', tf('name = "AdministratorAccess"')), 'aws_iam_role_policy_attachment.a', rule)?.status, 'unknown');
  });

  it('an edit of the data source alone changes the attachment\'s result, as a fresh analysis does', () => {
    const d = new DocumentAnalyzer('terraform');
    assert.equal(outcome(d.analyze(tf('arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"')), 'aws_iam_role_policy_attachment.a', rule)?.status, 'met');
    assert.equal(outcome(d.analyze(tf('arn = "arn:aws:iam::aws:policy/AdministratorAccess"')), 'aws_iam_role_policy_attachment.a', rule)?.status, 'gap');
    assert.equal(outcome(d.analyze(tf('arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"')), 'aws_iam_role_policy_attachment.a', rule)?.status, 'met');
  });
});
