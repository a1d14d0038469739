import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt, hoverCard, propertyAt, resourceAt } from '../../../server/src/core/present/hover';
import { at, example } from './fixtures';
import { AWS_LINK, commandArgs, liveMarkdown, OUR_COMMAND } from './inert';

function card(fileName: string, marked: string, uri?: string): string {
  const { analysis, offset } = at(fileName, marked);
  const h = hoverAt(analysis, offset, { uri });
  assert.ok(h, 'expected a hover');
  return h.markdown;
}

describe('resource hover card', () => {
  const web = example('cloudformation/web-app.yaml');

  it('on the type: service full name, kind with its meaning, security docs link, and the two groups', () => {
    const off = web.text.indexOf('AWS::RDS::DBInstance') + 3;
    const h = hoverAt(web.analysis, off, { uri: 'file:///w/web-app.yaml' });
    assert.ok(h);
    const live = liveMarkdown(h.markdown);
    assert.match(live.text, /Amazon Relational Database Service/);
    assert.match(live.text, /Container service/);
    assert.match(live.text, /capacity dedicated to you/); // the kind's one-line meaning
    assert.ok(live.links.includes('https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html'), live.links.join(' '));
    assert.ok(live.tags.filter((t) => t === 'strong').length >= 2);
    const you = h.markdown.indexOf('**You**');
    const aws = h.markdown.indexOf('**AWS**');
    assert.ok(you > 0 && aws > you, 'You group before AWS group');
    // gaps name their rules, in the You group
    const youPart = h.markdown.slice(you, aws);
    assert.match(youPart, /rds-storage-encryption/);
    assert.match(youPart, /rds-publicly-accessible/);
    assert.match(youPart, /not expressible in a template/);
    assert.match(h.markdown.slice(aws), /Operating system configuration/);
    // the span is the type
    assert.equal(web.text.slice(h.span.start, h.span.end).replace(/['"]/g, ''), 'AWS::RDS::DBInstance');
    // our command link carries this resource, as data
    const cmd = live.links.filter((l) => OUR_COMMAND.test(l));
    assert.equal(cmd.length, 1);
    assert.deepEqual(commandArgs(cmd[0]), [{ uri: 'file:///w/web-app.yaml', resourceId: 'Database' }]);
  });

  it('tells "AWS does it by default" apart from your duties (S3 server-side encryption)', () => {
    const md = card('b.yaml', `Resources:\n  B:\n    Type: AWS::S3::<|>Bucket\n`);
    const aws = md.slice(md.indexOf('**AWS**'));
    assert.match(aws, /Server\\-side encryption — on by default\./);
    assert.match(aws, /KMS key is your switch/);
    assert.doesNotMatch(md.slice(0, md.indexOf('**AWS**')), /Server\\-side encryption/);
  });

  it('met names what meets it; unknown names what it depends on', () => {
    const md = card('x.yaml', `Parameters:\n  Enc:\n    Type: String\nResources:\n  V:\n    Type: AWS::EC2::Vol<|>ume\n    Properties:\n      Size: 1\n      Encrypted: !Ref Enc\n  W:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: true\n`);
    assert.match(md, /\? Server\\-side encryption — depends on parameter Enc/);
    const md2 = card('x.yaml', `Resources:\n  W:\n    Type: AWS::EC2::Vol<|>ume\n    Properties:\n      Encrypted: true\n`);
    assert.match(md2, /✓ Server\\-side encryption — met: Encrypted\\: true/);
    assert.match(md2, /no gaps in this file/);
  });

  it('on a Terraform name label, with the duties of a linked resource', () => {
    const md = card('m.tf', `resource "aws_s3_bucket" "a<|>ssets" {}\nresource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.assets.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.assets.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`);
    assert.match(md, /Amazon Simple Storage Service/);
    assert.match(md, /✓ Customer data — met: linked aws\\_s3\\_bucket\\_public\\_access\\_block\\\.p/);
  });

  it('unknown and custom types get a short card; nothing outside resources', () => {
    assert.match(card('u.yaml', `Resources:\n  X:\n    Type: AWS::S3::Buckett<|>\n`), /Unknown AWS resource type[\s\S]*Did you mean `AWS::S3::Bucket`/);
    assert.match(card('c.yaml', `Resources:\n  X:\n    Type: Custom::Th<|>ing\n`), /CloudFormation custom resource[\s\S]*decided by its provider/);
    assert.match(card('r.yaml', `Resources:\n  X:\n    Type: Acme::Widgets::Th<|>ing\n`), /Not an AWS service resource/);
    const { analysis, offset } = at('n.yaml', `AWSTemplate<|>FormatVersion: '2010-09-09'\nResources:\n  X:\n    Type: AWS::SQS::Queue\n`);
    assert.equal(hoverAt(analysis, offset), undefined);
  });

  it('keeps the old entry points (resourceAt + hoverCard) working', () => {
    const off = web.text.indexOf('AssetsBucket:') + 2;
    const hit = resourceAt(web.analysis.resources, off);
    assert.equal(hit?.on, 'name');
    assert.match(hoverCard(hit!.ra), /Amazon Simple Storage Service/);
  });

  it('is compact: a typical resource card stays under 25 lines and 2,000 visible characters', () => {
    // What shows: link targets and their tooltips do not (each rule's link costs ~150 characters of Markdown that is
    // never read); the Shared block (what AWS and you each do) costs ~400. The Markdown itself stays bounded too.
    for (const r of web.analysis.resources) {
      const md = hoverCard(r, { uri: 'file:///w.yaml' });
      const visible = md.replace(/\]\([^)]*\)/g, ']').replace(/\\(.)/g, '$1');
      assert.ok(md.split('\n').filter((l) => l.trim()).length <= 25, r.resource.id);
      assert.ok(visible.length < 2000, `${r.resource.id}: ${visible.length} visible characters`);
      assert.ok(md.length < 4000, `${r.resource.id}: ${md.length}`);
    }
  });
});

describe('property hover', () => {
  it('says which duty the property serves, its value, and the rule outcome', () => {
    const md = card('p.yaml', `Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Storage<|>Encrypted: !If [IsProd, false, true]\n`);
    // A shared duty: the customer's part of it (what AWS does is on the resource card).
    assert.match(md, /Serves \*\*Server\\-side encryption\*\* \(shared: you turn it on and choose the KMS key\)/);
    assert.match(md, /Value: `false` \(from condition IsProd/);
    assert.match(md, /rds\-storage\-encryption/);
    assert.match(md, /✗ \*\*gap\*\*/);
  });

  it('works on a nested Terraform block attribute and on the value', () => {
    const md = card('i.tf', `resource "aws_instance" "w" {\n  ami = "x"\n  ebs_block_device {\n    encrypted = fal<|>se\n  }\n}\n`);
    assert.match(md, /`ebs_block_device\.encrypted`/);
    assert.match(md, /Server\\-side encryption/);
    assert.match(md, /Value: `false`/);
  });

  it('finds the property path under the cursor, through lists', () => {
    const { analysis, offset } = at('i.yaml', `Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          Ebs:\n            Encr<|>ypted: false\n`);
    const ra = analysis.resources[0];
    assert.deepEqual(propertyAt(ra, offset)?.path, ['BlockDeviceMappings', 'Ebs', 'Encrypted']);
    assert.match(hoverAt(analysis, offset)!.markdown, /ec2\-block\-device\-encryption/);
  });

  it('stays silent on properties no duty check reads', () => {
    const { analysis, offset } = at('q.yaml', `Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Si<|>ze: 10\n      Encrypted: true\n`);
    assert.equal(hoverAt(analysis, offset), undefined);
  });
});
