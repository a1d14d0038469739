import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, DocumentAnalyzer } from '../../../server/src/core/document';
import { hoverAt } from '../../../server/src/core/present/hover';
import { fileReport, type JsonResource } from '../../../server/src/core/present/report';
import { liveMarkdown } from '../present/inert';
import { HOSTILE } from '../present/fixtures';

function resourceOf(fileName: string, text: string, id: string): JsonResource {
  const a = analyzeText(fileName, text);
  const r = fileReport(fileName, text, a).resources.find((x) => x.name === id);
  assert.ok(r, `resource ${id}`);
  return r;
}

function hover(fileName: string, text: string, id: string): string {
  const a = analyzeText(fileName, text);
  const ra = a.resources.find((x) => x.resource.id === id);
  assert.ok(ra);
  const h = hoverAt(a, ra.resource.typeSpan.start + 1, { uri: 'file:///w/' + fileName });
  assert.ok(h);
  return h.markdown;
}

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Token:
    Type: String
  TokenWithDefault:
    Type: String
    Default: arn:aws:sns:eu-west-1:123456789012:provisioner
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "def handler(e, c): pass" }
  Topic:
    Type: AWS::SNS::Topic
  Bucket:
    Type: AWS::S3::Bucket
  ByGetAtt:
    Type: Custom::Seed
    Properties:
      ServiceToken: !GetAtt Fn.Arn
  ByRefTopic:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: !Ref Topic
  ByLiteral:
    Type: Custom::Literal
    Properties:
      ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:shared-provider
  BySub:
    Type: Custom::Sub
    Properties:
      ServiceToken: !Sub arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:helper
  ByDefault:
    Type: Custom::Default
    Properties:
      ServiceToken: !Ref TokenWithDefault
  ByParameter:
    Type: Custom::Param
    Properties:
      ServiceToken: !Ref Token
  ByImport:
    Type: Custom::Import
    Properties:
      ServiceToken: !ImportValue shared-provider-arn
  ByBucket:
    Type: Custom::Wrong
    Properties:
      ServiceToken: !GetAtt Bucket.Arn
  NoToken:
    Type: Custom::Nothing
`;

describe('CloudFormation custom resources', () => {
  it('a provider in the same template gives the service and kind; the provider duties are yours', () => {
    const r = resourceOf('t.yaml', YAML, 'ByGetAtt');
    assert.equal(r.service?.id, 'lambda');
    assert.equal(r.kind, 'managed');
    assert.deepEqual(r.customResource, { provider: { service: 'lambda', resource: 'Fn' } });
    for (const duty of ['customer-data', 'platform-and-application-management', 'identity-and-access-management']) {
      assert.equal(r.duties.find((d) => d.duty === duty)?.owner, 'customer', duty);
    }
    const topic = resourceOf('t.yaml', YAML, 'ByRefTopic');
    assert.equal(topic.service?.id, 'sns');
    assert.deepEqual(topic.customResource, { provider: { service: 'sns', resource: 'Topic' } });
  });

  it('an ARN the file decides: literal, Fn::Sub template, parameter default', () => {
    assert.deepEqual(resourceOf('t.yaml', YAML, 'ByLiteral').customResource?.provider, {
      service: 'lambda',
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:shared-provider',
    });
    assert.equal(resourceOf('t.yaml', YAML, 'BySub').customResource?.provider?.service, 'lambda');
    assert.equal(resourceOf('t.yaml', YAML, 'ByDefault').customResource?.provider?.service, 'sns');
    assert.equal(resourceOf('t.yaml', YAML, 'ByDefault').service?.id, 'sns');
  });

  it('otherwise the provider decides, and the reason says on what', () => {
    const param = resourceOf('t.yaml', YAML, 'ByParameter');
    assert.equal(param.service, null);
    assert.match(param.customResource?.reason ?? '', /decided by its provider.*depends on parameter Token/);
    assert.match(resourceOf('t.yaml', YAML, 'ByImport').customResource?.reason ?? '', /decided by its provider/);
    assert.match(resourceOf('t.yaml', YAML, 'ByBucket').customResource?.reason ?? '', /AWS::S3::Bucket Bucket, which is neither/);
    assert.match(resourceOf('t.yaml', YAML, 'NoToken').customResource?.reason ?? '', /no ServiceToken/);
  });

  it('the same in JSON templates', () => {
    const json = JSON.stringify({
      Resources: {
        Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', CodeUri: '.' } },
        Seed: { Type: 'Custom::Seed', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
        Lit: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn:aws-us-gov:sns:us-gov-west-1:1:t' } },
        Unknown: { Type: 'Custom::X', Properties: { ServiceToken: { 'Fn::ImportValue': 'x' } } },
      },
    });
    assert.deepEqual(resourceOf('t.json', json, 'Seed').customResource, { provider: { service: 'lambda', resource: 'Fn' } });
    assert.deepEqual(resourceOf('t.json', json, 'Lit').customResource?.provider?.service, 'sns');
    assert.equal(resourceOf('t.json', json, 'Unknown').service, null);
  });

  it('the hover names the provider with a link to it, or explains that the provider decides', () => {
    const md = hover('t.yaml', YAML, 'ByGetAtt');
    const live = liveMarkdown(md);
    assert.match(live.text, /AWS Lambda/);
    assert.match(live.text, /its provider is the Lambda function Fn/);
    assert.ok(md.includes('command:awsResponsibility.showModel'), md);
    assert.ok(decodeURIComponent(md).includes('"resourceId":"Fn"'), md);
    const undecided = liveMarkdown(hover('t.yaml', YAML, 'ByParameter'));
    assert.match(undecided.text, /CloudFormation custom resource/);
    assert.match(undecided.text, /decided by its provider/);
    assert.ok(undecided.links.includes('https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html'));
  });

  it('hostile provider names stay inert in the hover', () => {
    for (const name of HOSTILE) {
      const text = `Resources:\n  ${JSON.stringify(name)}:\n    Type: AWS::Lambda::Function\n  C:\n    Type: Custom::C\n    Properties:\n      ServiceToken: !GetAtt [${JSON.stringify(name)}, Arn]\n`;
      const live = liveMarkdown(hover('t.yaml', text, 'C'));
      assert.ok(!live.tags.includes('img') && !live.tags.includes('script'), name);
      assert.ok(live.links.every((l) => l.startsWith('https://') || l.startsWith('command:awsResponsibility.')), live.links.join(' '));
    }
  });

  it('incremental analysis follows a provider whose type changes, and equals a fresh analysis', () => {
    const inc = new DocumentAnalyzer('cfn-yaml');
    const a1 = inc.analyze(YAML);
    assert.equal(a1.resources.find((r) => r.resource.id === 'ByGetAtt')?.service?.id, 'lambda');
    const edited = YAML.replace('Type: AWS::Lambda::Function', 'Type: AWS::S3::Bucket');
    const a2 = inc.analyze(edited);
    assert.equal(a2.resources.find((r) => r.resource.id === 'ByGetAtt')?.service, null);
    assert.deepEqual(fileReport('t.yaml', edited, a2), fileReport('t.yaml', edited, analyzeText('t.yaml', edited)));
  });
});
