import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { applyEdits, fixEdits, replaceTypeEdit } from '../../../server/src/core/fix';
import { applyFix, findingsOf } from './helpers';

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";

describe('fixEdits: CloudFormation YAML', () => {
  it('flips a false value in place, keeping the trailing comment', () => {
    const text = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      Encrypted: false  # why\n';
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      Encrypted: true  # why\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });

  it('adds a missing property with the indentation of its siblings (4-space file)', () => {
    const text = "Resources:\n    Vol:\n        Type: AWS::EC2::Volume\n        Properties:\n            Size: 10\n            AvailabilityZone: !Select [0, !GetAZs '']\n    Other:\n        Type: AWS::SNS::Topic\n";
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, "Resources:\n    Vol:\n        Type: AWS::EC2::Volume\n        Properties:\n            Size: 10\n            AvailabilityZone: !Select [0, !GetAZs '']\n            Encrypted: true\n    Other:\n        Type: AWS::SNS::Topic\n");
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
    assert.equal(after.doc.syntaxErrors.length, 0);
  });

  it('creates Properties when the resource has none', () => {
    const text = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Snapshot\n  Next:\n    Type: AWS::SNS::Topic\n';
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Snapshot\n    Properties:\n      Encrypted: true\n  Next:\n    Type: AWS::SNS::Topic\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });

  it('fills an empty `Properties:`', () => {
    const text = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n';
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: true\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });

  it('adds into a flow mapping in flow style', () => {
    const text = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties: { Size: 10 }\n';
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties: { Size: 10, Encrypted: true }\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });

  it('fixes only the list item at fault when the finding points into it', () => {
    const text =
      HEAD +
      '  Inst:\n    Type: AWS::EC2::Instance\n    Properties:\n      BlockDeviceMappings:\n        - DeviceName: /dev/sda1\n          Ebs:\n            VolumeSize: 8\n            Encrypted: true\n        - DeviceName: /dev/sdb\n          Ebs: { VolumeSize: 8, Encrypted: false }\n';
    const { out, after } = applyFix('t.yaml', text, 'ec2-block-device-encryption', 'Inst');
    assert.equal(out, text.replace('Encrypted: false', 'Encrypted: true'));
    assert.equal(findingsOf(after, 'ec2-block-device-encryption').length, 0);
  });

  it('adds a nested key to every list item missing it (finding at the type), not to instance-store items', () => {
    const text =
      HEAD +
      '  Inst:\n    Type: AWS::EC2::Instance\n    Properties:\n      BlockDeviceMappings:\n        - DeviceName: /dev/sda1\n          Ebs:\n            VolumeSize: 8\n        - DeviceName: /dev/sdc\n          VirtualName: ephemeral0\n';
    const { out, after } = applyFix('t.yaml', text, 'ec2-block-device-encryption', 'Inst');
    assert.equal(out, text.replace('VolumeSize: 8\n', 'VolumeSize: 8\n            Encrypted: true\n'));
    assert.equal(findingsOf(after, 'ec2-block-device-encryption').length, 0);
  });

  it('flips a nested path (PublicAccessBlockConfiguration.BlockPublicPolicy)', () => {
    const text =
      HEAD +
      '  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: false\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n';
    const { out, after } = applyFix('t.yaml', text, 's3-public-access-block', 'B');
    assert.equal(out, text.replace('BlockPublicPolicy: false', 'BlockPublicPolicy: true'));
    assert.equal(findingsOf(after, 's3-public-access-block').length, 0);
  });

  it('keeps CRLF line endings', () => {
    const text = (HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n').replace(/\n/g, '\r\n');
    const { out, after } = applyFix('t.yaml', text, 'ebs-volume-encryption', 'Vol');
    assert.ok(out.includes('Size: 10\r\n      Encrypted: true\r\n'), JSON.stringify(out));
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });
});

describe('fixEdits: CloudFormation JSON', () => {
  it('creates Properties in a multi-line resource with the file indentation', () => {
    const text = '{\n  "Resources": {\n    "Vol": {\n      "Type": "AWS::EC2::Volume"\n    }\n  }\n}\n';
    const { out, after } = applyFix('t.json', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(out, '{\n  "Resources": {\n    "Vol": {\n      "Type": "AWS::EC2::Volume",\n      "Properties": {\n        "Encrypted": true\n      }\n    }\n  }\n}\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
  });

  it('adds with a comma after the last sibling, and flips false', () => {
    const text = '{"Resources": {\n    "Vol": {\n        "Type": "AWS::EC2::Volume",\n        "Properties": {\n            "Size": 10\n        }\n    },\n    "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "StorageEncrypted": false}}\n}}';
    const a = applyFix('t.json', text, 'ebs-volume-encryption', 'Vol');
    assert.equal(a.out, text.replace('"Size": 10\n', '"Size": 10,\n            "Encrypted": true\n'));
    assert.equal(findingsOf(a.after, 'ebs-volume-encryption').length, 0);
    const b = applyFix('t.json', text, 'rds-storage-encryption', 'Db');
    assert.equal(b.out, text.replace('"StorageEncrypted": false', '"StorageEncrypted": true'));
    assert.equal(findingsOf(b.after, 'rds-storage-encryption').length, 0);
  });

  it('adds a nested key inside an inline list item', () => {
    const text = '{"Resources": {"Inst": {"Type": "AWS::EC2::Instance", "Properties": {"BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8}}]}}}}';
    const { out, after } = applyFix('t.json', text, 'ec2-block-device-encryption', 'Inst');
    assert.equal(out, text.replace('{"VolumeSize": 8}', '{"VolumeSize": 8, "Encrypted": true}'));
    assert.equal(findingsOf(after, 'ec2-block-device-encryption').length, 0);
  });
});

describe('fixEdits: Terraform', () => {
  it('adds an attribute aligned like its aligned siblings, realigning them when the key is longer', () => {
    const text = 'resource "aws_ebs_volume" "v" {\n  size = 1\n  type = "gp3"\n\n  tags = {\n    Name = "x"\n  }\n}\n';
    const { out, after } = applyFix('main.tf', text, 'ebs-volume-encryption', 'aws_ebs_volume.v');
    assert.equal(out, 'resource "aws_ebs_volume" "v" {\n  size = 1\n  type = "gp3"\n\n  tags = {\n    Name = "x"\n  }\n  encrypted = true\n}\n');
    assert.equal(findingsOf(after, 'ebs-volume-encryption').length, 0);
    const text2 = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size              = 1\n}\n';
    const b = applyFix('main.tf', text2, 'ebs-volume-encryption', 'aws_ebs_volume.v');
    assert.equal(b.out, 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size              = 1\n  encrypted         = true\n}\n');
    const text3 = 'resource "aws_ebs_volume" "v" {\n  az   = "eu-west-1a"\n  size = 1\n}\n';
    const c = applyFix('main.tf', text3, 'ebs-volume-encryption', 'aws_ebs_volume.v');
    assert.equal(c.out, 'resource "aws_ebs_volume" "v" {\n  az        = "eu-west-1a"\n  size      = 1\n  encrypted = true\n}\n');
    assert.equal(findingsOf(c.after, 'ebs-volume-encryption').length, 0);
  });

  it('uses one space when siblings are not aligned', () => {
    const text = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size = 1\n}\n';
    const { out } = applyFix('main.tf', text, 'ebs-volume-encryption', 'aws_ebs_volume.v');
    assert.equal(out, 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size = 1\n  encrypted = true\n}\n');
  });

  it('fills an empty block and an empty nested block, flips a false in the right repeated block', () => {
    const empty = 'resource "aws_ebs_volume" "w" {}\n';
    const a = applyFix('main.tf', empty, 'ebs-volume-encryption', 'aws_ebs_volume.w');
    assert.equal(a.out, 'resource "aws_ebs_volume" "w" {\n  encrypted = true\n}\n');
    const text = 'resource "aws_instance" "i" {\n  ami = "x"\n  root_block_device {\n  }\n  ebs_block_device {\n    device_name = "/dev/sdb"\n    encrypted   = false\n  }\n  ebs_block_device {\n    device_name = "/dev/sdc"\n    encrypted   = true\n  }\n}\n';
    const root = applyFix('main.tf', text, 'ec2-block-device-encryption', 'aws_instance.i', 0);
    assert.equal(root.out, text.replace('root_block_device {\n  }', 'root_block_device {\n    encrypted = true\n  }'));
    const ebs = applyFix('main.tf', text, 'ec2-block-device-encryption', 'aws_instance.i', 1);
    assert.equal(ebs.out, text.replace('encrypted   = false', 'encrypted   = true'));
    assert.equal(findingsOf(ebs.after, 'ec2-block-device-encryption', 'aws_instance.i').length, 1);
  });

  it('creates a missing nested block at the end of the body', () => {
    const analysis = analyzeText('main.tf', 'resource "aws_instance" "i" {\n  ami = "x"\n}\n');
    const r = analysis.doc.resources[0];
    const out = applyEdits('resource "aws_instance" "i" {\n  ami = "x"\n}\n', fixEdits('resource "aws_instance" "i" {\n  ami = "x"\n}\n', analysis.doc, r, { title: 't', path: ['root_block_device', 'encrypted'], value: true }));
    assert.equal(out, 'resource "aws_instance" "i" {\n  ami = "x"\n  root_block_device {\n    encrypted = true\n  }\n}\n');
    assert.equal(analyzeText('main.tf', out).findings.filter((f) => f.ruleId === 'ec2-block-device-encryption').length, 0);
  });

  it('gives no edit when the value is already right or cannot be reached', () => {
    const text = 'resource "aws_ebs_volume" "v" {\n  encrypted = true\n  dynamic "x" {\n  }\n}\n';
    const a = analyzeText('main.tf', text);
    const r = a.doc.resources[0];
    assert.deepEqual(fixEdits(text, a.doc, r, { title: 't', path: ['encrypted'], value: true }), []);
    assert.deepEqual(fixEdits(text, a.doc, r, { title: 't', path: [], value: true }), []);
  });
});

describe('replaceTypeEdit', () => {
  it('keeps the quoting of the type', () => {
    for (const [file, text, expected] of [
      ['main.tf', 'resource "aws_s3_bukket" "b" {}\n', 'resource "aws_s3_bucket" "b" {}\n'],
      ['t.yaml', HEAD + "  B:\n    Type: 'AWS::S3::Buckett'\n", HEAD + "  B:\n    Type: 'AWS::S3::Bucket'\n"],
      ['t.yaml', HEAD + '  B:\n    Type: AWS::S3::Buckett\n', HEAD + '  B:\n    Type: AWS::S3::Bucket\n'],
      ['t.json', '{"Resources": {"B": {"Type": "AWS::S3::Buckett"}}}', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'],
    ] as const) {
      const a = analyzeText(file, text);
      const f = a.findings.find((x) => x.ruleId === 'unknown-resource-type');
      assert.ok(f?.suggestion, `${file}: no suggestion`);
      const out = applyEdits(text, [replaceTypeEdit(text, a.doc.resources[0], f.suggestion)]);
      assert.equal(out, expected);
      assert.equal(analyzeText(file, out).findings.filter((x) => x.ruleId === 'unknown-resource-type').length, 0);
    }
  });
});
