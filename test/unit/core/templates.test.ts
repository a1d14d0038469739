/** Template shapes users actually have: CDK output, .template files, nested stacks, SAM with Globals, non-templates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, detectSyntax } from '../../../server/src/core/document';
import { slice, unquote } from '../helpers';

const CDK = JSON.stringify(
  {
    Resources: {
      DataBucketE3889A50: {
        Type: 'AWS::S3::Bucket',
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
        UpdateReplacePolicy: 'Retain',
        DeletionPolicy: 'Retain',
        Metadata: { 'aws:cdk:path': 'MyStack/DataBucket/Resource' },
      },
      Nested1A2B3C4D: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: { 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::URLSuffix' }, '/x.json']] } } },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:H4sI' }, Metadata: { 'aws:cdk:path': 'MyStack/CDKMetadata/Default' } },
    },
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
    Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2'], { Ref: 'BootstrapVersion' }] }] }, AssertDescription: 'x' }] } },
  },
  null,
  1,
);

describe('template shapes', () => {
  it('reads CDK output (cdk.out/*.template.json) with exact ranges, nested stacks as resources', () => {
    assert.equal(detectSyntax('/p/cdk.out/MyStack.template.json'), 'cfn-json');
    const a = analyzeText('/p/cdk.out/MyStack.template.json', CDK);
    assert.equal(a.doc.isTemplate, true);
    assert.deepEqual(a.resources.map((r) => r.resource.type), ['AWS::S3::Bucket', 'AWS::CloudFormation::Stack', 'AWS::CDK::Metadata']);
    for (const r of a.resources) assert.equal(unquote(slice(CDK, r.resource.typeSpan)), r.resource.type);
    const stack = a.resources[1];
    assert.equal(stack.lookup.status, 'aws', 'a nested stack is a CloudFormation resource');
    assert.equal(stack.service?.id, 'cloudformation');
  });

  it('reads .template files in YAML and in JSON', () => {
    const y = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties: {Size: 1, AvailabilityZone: a}\n';
    assert.equal(detectSyntax('stack.template', undefined, y), 'cfn-yaml');
    assert.deepEqual(analyzeText('stack.template', y).findings.map((f) => f.ruleId), ['ebs-volume-encryption']);
    const j = '{"Resources": {"V": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 1, "AvailabilityZone": "a"}}}}';
    assert.equal(detectSyntax('stack.template', undefined, j), 'cfn-json');
    assert.deepEqual(analyzeText('stack.template', j).findings.map((f) => f.ruleId), ['ebs-volume-encryption']);
  });

  it('applies SAM Globals to the functions they affect', () => {
    const t = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Runtime: python3.7',
      'Resources:',
      '  Old:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Handler: a.h, CodeUri: .}',
      '  New:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Handler: a.h, CodeUri: ., Runtime: python3.12}',
      '',
    ].join('\n');
    const a = analyzeText('sam.yaml', t);
    const runtime = a.findings.filter((f) => f.ruleId === 'lambda-deprecated-runtime');
    assert.deepEqual(runtime.map((f) => f.resource), ['Old'], 'the global runtime applies to Old only; New overrides it');
    assert.equal(slice(t, runtime[0].span), 'python3.7', 'the finding points at the Globals value it comes from');
  });

  it('gives non-templates nothing at all', () => {
    const files: [string, string][] = [
      ['package.json', '{"name": "x", "version": "1.0.0", "scripts": {"test": "node t"}}'],
      ['tsconfig.json', '{"compilerOptions": {"strict": true}}'],
      ['.github/workflows/ci.yml', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'],
      ['docker-compose.yml', 'services:\n  db:\n    image: postgres\n'],
      ['k8s.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n'],
      ['values.tfvars', 'region = "eu-west-1"\n'],
    ];
    for (const [name, text] of files) {
      const a = analyzeText(name, text);
      assert.equal(a.doc.isTemplate, false, name);
      assert.equal(a.findings.length, 0, name);
      assert.equal(a.resources.length, 0, name);
    }
  });
});
