import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { buildLinks, RELATION, RELATIONS } from '../../../server/src/core/values/links';
import type { ParsedDocument } from '../../../server/src/core/model/types';
import { cfn, resource } from './helpers';
import { CfnYamlParser } from '../../../server/src/core/parse/cfn-yaml';
import { TerraformParser } from '../../../server/src/core/parse/terraform-incremental';

/** "from → to" strings for the links that configure `to` with `relation`. */
function linksTo(doc: ParsedDocument, to: string, relation?: string): string[] {
  return buildLinks(doc)
    .to(resource(doc, to), relation)
    .map((l) => `${l.from.id} -${l.relation}-> ${l.to.id}`)
    .sort();
}

const TF = `
resource "aws_s3_bucket" "b" {
  bucket = "data-bucket"
}
resource "aws_s3_bucket" "other" {}
resource "aws_s3_bucket_public_access_block" "pab" { bucket = aws_s3_bucket.b.id }
resource "aws_s3_bucket_server_side_encryption_configuration" "sse" { bucket = aws_s3_bucket.b.bucket }
resource "aws_s3_bucket_versioning" "v" { bucket = aws_s3_bucket.b.arn }
resource "aws_s3_bucket_acl" "acl" { bucket = "data-bucket" }
resource "aws_s3_bucket_policy" "pol" { bucket = local.bucket_id }
resource "aws_s3_bucket_logging" "log" { bucket = aws_s3_bucket.b[0].id }
locals { bucket_id = aws_s3_bucket.b.id }

resource "aws_security_group" "sg" {}
resource "aws_security_group_rule" "in" {
  type              = "ingress"
  security_group_id = aws_security_group.sg.id
}
resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_security_group.sg.id
}
resource "aws_vpc_security_group_ingress_rule" "in2" { security_group_id = aws_security_group.sg.id }
resource "aws_vpc_security_group_egress_rule" "out2" { security_group_id = aws_security_group.sg.id }

resource "aws_ebs_volume" "vol" {}
resource "aws_instance" "i" {
  vpc_security_group_ids = [aws_security_group.sg.id]
}
resource "aws_volume_attachment" "att" {
  volume_id   = aws_ebs_volume.vol.id
  instance_id = aws_instance.i.id
}
resource "aws_ebs_encryption_by_default" "ebd" { enabled = true }

resource "aws_lambda_function" "fn" {}
resource "aws_lambda_permission" "perm" { function_name = aws_lambda_function.fn.function_name }
resource "aws_sqs_queue" "q" {}
resource "aws_sqs_queue_policy" "qp" { queue_url = aws_sqs_queue.q.id }
resource "aws_sns_topic" "t" {}
resource "aws_sns_topic_policy" "tp" { arn = aws_sns_topic.t.arn }
resource "aws_kms_key" "k" {}
resource "aws_kms_key_policy" "kp" { key_id = aws_kms_key.k.id }
resource "aws_db_instance" "db" {
  vpc_security_group_ids = [aws_security_group.sg.id, aws_security_group.missing.id]
}
`;

const tf = parseTerraform(TF);

test('relations are exported constants with unique names', () => {
  assert.equal(new Set(RELATIONS).size, RELATIONS.length);
  assert.ok(RELATIONS.includes('public-access-block'));
});

test('Terraform S3 configuration resources link to their bucket (id, bucket, arn, [index], via local, by literal name)', () => {
  assert.deepEqual(linksTo(tf, 'aws_s3_bucket.b'), [
    'aws_s3_bucket_acl.acl -acl-> aws_s3_bucket.b',
    'aws_s3_bucket_logging.log -logging-> aws_s3_bucket.b',
    'aws_s3_bucket_policy.pol -bucket-policy-> aws_s3_bucket.b',
    'aws_s3_bucket_public_access_block.pab -public-access-block-> aws_s3_bucket.b',
    'aws_s3_bucket_server_side_encryption_configuration.sse -sse-configuration-> aws_s3_bucket.b',
    'aws_s3_bucket_versioning.v -versioning-> aws_s3_bucket.b',
  ]);
  assert.deepEqual(linksTo(tf, 'aws_s3_bucket.other'), []);
  assert.deepEqual(linksTo(tf, 'aws_s3_bucket.b', RELATION.versioning), ['aws_s3_bucket_versioning.v -versioning-> aws_s3_bucket.b']);
});

test('Terraform security group rules: ingress / egress by type and by resource type', () => {
  assert.deepEqual(linksTo(tf, 'aws_security_group.sg', RELATION.ingress), [
    'aws_security_group_rule.in -ingress-> aws_security_group.sg',
    'aws_vpc_security_group_ingress_rule.in2 -ingress-> aws_security_group.sg',
  ]);
  assert.deepEqual(linksTo(tf, 'aws_security_group.sg', RELATION.egress), [
    'aws_security_group_rule.out -egress-> aws_security_group.sg',
    'aws_vpc_security_group_egress_rule.out2 -egress-> aws_security_group.sg',
  ]);
});

test('Terraform volume attachment links to the volume and the instance', () => {
  assert.deepEqual(linksTo(tf, 'aws_ebs_volume.vol', RELATION.volumeAttachment), ['aws_volume_attachment.att -volume-attachment-> aws_ebs_volume.vol']);
  assert.deepEqual(linksTo(tf, 'aws_instance.i', RELATION.volumeAttachment), ['aws_volume_attachment.att -volume-attachment-> aws_instance.i']);
});

test('aws_ebs_encryption_by_default links to every EBS volume and instance in the file', () => {
  assert.deepEqual(linksTo(tf, 'aws_ebs_volume.vol', RELATION.ebsEncryptionByDefault), ['aws_ebs_encryption_by_default.ebd -ebs-encryption-by-default-> aws_ebs_volume.vol']);
  assert.deepEqual(linksTo(tf, 'aws_instance.i', RELATION.ebsEncryptionByDefault), ['aws_ebs_encryption_by_default.ebd -ebs-encryption-by-default-> aws_instance.i']);
  assert.deepEqual(linksTo(tf, 'aws_s3_bucket.b', RELATION.ebsEncryptionByDefault), []);
});

test('Terraform lambda permission, queue/topic/key policies', () => {
  assert.deepEqual(linksTo(tf, 'aws_lambda_function.fn'), ['aws_lambda_permission.perm -lambda-permission-> aws_lambda_function.fn']);
  assert.deepEqual(linksTo(tf, 'aws_sqs_queue.q'), ['aws_sqs_queue_policy.qp -queue-policy-> aws_sqs_queue.q']);
  assert.deepEqual(linksTo(tf, 'aws_sns_topic.t'), ['aws_sns_topic_policy.tp -topic-policy-> aws_sns_topic.t']);
  assert.deepEqual(linksTo(tf, 'aws_kms_key.k'), ['aws_kms_key_policy.kp -key-policy-> aws_kms_key.k']);
});

test('security groups link to the DB instance and the instance that use them (from = security group)', () => {
  assert.deepEqual(linksTo(tf, 'aws_db_instance.db', RELATION.securityGroup), ['aws_security_group.sg -security-group-> aws_db_instance.db']);
  assert.deepEqual(linksTo(tf, 'aws_instance.i', RELATION.securityGroup), ['aws_security_group.sg -security-group-> aws_instance.i']);
  const from = buildLinks(tf).from(resource(tf, 'aws_security_group.sg'), RELATION.securityGroup).map((l) => l.to.id).sort();
  assert.deepEqual(from, ['aws_db_instance.db', 'aws_instance.i']);
});

const CFN = `
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref SG
  In2:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt SG.GroupId
  Out:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: { 'Fn::GetAtt': [SG, GroupId] }
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
  Volume:
    Type: AWS::EC2::Volume
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      SecurityGroupIds: [!Ref SG]
  Attach:
    Type: AWS::EC2::VolumeAttachment
    Properties:
      VolumeId: !Ref Volume
      InstanceId: !Ref Instance
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
  Fn:
    Type: AWS::Lambda::Function
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
  SubPerm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Sub '\${Fn}'
`;
const cf = cfn(CFN);

test('CloudFormation SecurityGroupIngress/Egress: Ref, GetAtt short and long form', () => {
  assert.deepEqual(linksTo(cf, 'SG', RELATION.ingress), ['In -ingress-> SG', 'In2 -ingress-> SG']);
  assert.deepEqual(linksTo(cf, 'SG', RELATION.egress), ['Out -egress-> SG']);
});

test('CloudFormation BucketPolicy, VolumeAttachment, QueuePolicy, TopicPolicy, Lambda Permission', () => {
  assert.deepEqual(linksTo(cf, 'Bucket'), ['BucketPolicy -bucket-policy-> Bucket']);
  assert.deepEqual(linksTo(cf, 'Volume'), ['Attach -volume-attachment-> Volume']);
  assert.deepEqual(linksTo(cf, 'Queue'), ['QueuePolicy -queue-policy-> Queue']);
  assert.deepEqual(linksTo(cf, 'Topic'), ['TopicPolicy -topic-policy-> Topic']);
  assert.deepEqual(linksTo(cf, 'Fn'), ['Perm -lambda-permission-> Fn', 'SubPerm -lambda-permission-> Fn']);
});

test('CloudFormation Instance SecurityGroupIds → security-group link', () => {
  assert.deepEqual(linksTo(cf, 'Instance', RELATION.securityGroup), ['SG -security-group-> Instance']);
  assert.deepEqual(linksTo(cf, 'Instance', RELATION.volumeAttachment), ['Attach -volume-attachment-> Instance']);
});

test('links never point at a resource of the wrong type and never throw on odd input', () => {
  const odd = cfn(`
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  P:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Bucket
  Q:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: [[[!Ref]]]
`);
  assert.deepEqual(linksTo(odd, 'Bucket'), []);
});

test('20k resources: every link is found (build speed is in `npm run bench`)', () => {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    lines.push(`resource "aws_s3_bucket" "b${i}" {}`);
    lines.push(`resource "aws_s3_bucket_versioning" "v${i}" { bucket = aws_s3_bucket.b${i}.id }`);
    lines.push(`resource "aws_security_group" "s${i}" {}`);
    lines.push(`resource "aws_security_group_rule" "r${i}" { security_group_id = aws_security_group.s${i}.id }`);
  }
  const doc = parseTerraform(lines.join('\n'));
  assert.equal(doc.resources.length, 20000);
  const index = buildLinks(doc);
  assert.equal(index.to(resource(doc, 'aws_s3_bucket.b4999')).length, 1);
  assert.equal(index.to(resource(doc, 'aws_security_group.s0')).length, 1);
});

test('across edits: an unchanged resource keeps its scan, an edited one is scanned again (YAML chunks, Terraform blocks)', () => {
  const yaml = (target: string) =>
    `Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref ${target}\n      PolicyDocument: {}\n`;
  const parser = new CfnYamlParser();
  const linked = (doc: ParsedDocument): string[] => doc.resources.flatMap((r) => buildLinks(doc).to(r, RELATION.bucketPolicy).map((l) => `${l.from.id}->${r.id}`));
  const first = parser.parse(yaml('A'));
  assert.deepEqual(linked(first), ['Policy->A']);
  const second = parser.parse(`# moved\n${yaml('A')}`);
  assert.equal(second.resources[0], first.resources[0], 'an unchanged chunk keeps its Resource object');
  assert.deepEqual(linked(second), ['Policy->A']);
  assert.deepEqual(linked(parser.parse(`# moved\n${yaml('B')}`)), ['Policy->B']);
  const tf = new TerraformParser();
  const hcl = (target: string) => `resource "aws_s3_bucket" "a" {}\nresource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.${target}.id\n}\n`;
  const tfLinked = (doc: ParsedDocument): string[] => doc.resources.flatMap((r) => buildLinks(doc).to(r, RELATION.versioning).map((l) => `${l.from.id}->${r.id}`));
  assert.deepEqual(tfLinked(tf.parse(hcl('a'))), ['aws_s3_bucket_versioning.v->aws_s3_bucket.a']);
  assert.deepEqual(tfLinked(tf.parse(hcl('b'))), ['aws_s3_bucket_versioning.v->aws_s3_bucket.b']);
  assert.deepEqual(tfLinked(tf.parse(`# moved\n${hcl('b')}`)), ['aws_s3_bucket_versioning.v->aws_s3_bucket.b']);
});
