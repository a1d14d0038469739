import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySamGlobals } from '../../../server/src/core/parse/sam';
import { get, getPath } from '../../../server/src/core/model/nodes';
import { cfn, resource, slice } from './helpers';

const SAM = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 30
    Layers: [global-layer]
    Environment:
      Variables:
        TABLE: t
        LEVEL: info
  Api:
    TracingEnabled: true
Resources:
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 10
      Layers: [own-layer]
      Environment:
        Variables:
          LEVEL: debug
  Bare:
    Type: AWS::Serverless::Function
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Table:
    Type: AWS::Serverless::SimpleTable
  Plain:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: x
`;

const doc = cfn(SAM);
const merged = applySamGlobals(doc);

test('own properties win; Globals fill the rest; spans stay where each value is written', () => {
  const own = resource(merged, 'Own').properties;
  const timeout = get(own, 'Timeout');
  assert.equal(timeout?.type === 'scalar' && timeout.value, 10);
  const runtime = get(own, 'Runtime');
  assert.ok(runtime);
  assert.equal(slice(SAM, runtime.span), 'python3.12');
  assert.ok(runtime.span.start < SAM.indexOf('Resources:'), 'a value from Globals keeps its Globals span');
  assert.ok(timeout && timeout.span.start > SAM.indexOf('Resources:'));
});

test('maps merge recursively (Environment.Variables), lists are own-wins', () => {
  const own = resource(merged, 'Own').properties;
  const vars = getPath(own, ['Environment', 'Variables']);
  assert.ok(vars && vars.type === 'map');
  const plain = Object.fromEntries(vars.entries.map((e) => [e.key, e.value.type === 'scalar' ? e.value.value : '?']));
  assert.deepEqual(plain, { LEVEL: 'debug', TABLE: 't' });
  const layers = get(own, 'Layers');
  assert.ok(layers && layers.type === 'list' && layers.items.length === 1);
  assert.equal(slice(SAM, layers.items[0].span), 'own-layer');
});

test('a function without Properties gets the Globals section; Api gets Globals.Api; others untouched', () => {
  const bare = resource(merged, 'Bare').properties;
  assert.equal(getPath(bare, ['Runtime'])?.type, 'scalar');
  const api = resource(merged, 'Api').properties;
  assert.ok(get(api, 'TracingEnabled') && get(api, 'StageName'));
  assert.equal(resource(merged, 'Table'), resource(doc, 'Table'), 'no Globals.SimpleTable: same resource object');
  assert.equal(resource(merged, 'Plain'), resource(doc, 'Plain'));
});

test('pure: the input document is not changed; non-SAM documents come back as they are', () => {
  assert.equal(get(resource(doc, 'Own').properties, 'Runtime'), undefined);
  assert.equal(resource(doc, 'Bare').properties, undefined);
  const plainCfn = cfn('Globals:\n  Function:\n    Timeout: 3\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
  assert.equal(applySamGlobals(plainCfn), plainCfn);
  // Without the Transform line but with AWS::Serverless types (SAM's integration-test templates): still SAM.
  const noTransform = cfn(SAM.replace('Transform: AWS::Serverless-2016-10-31', ''));
  assert.ok(get(resource(applySamGlobals(noTransform), 'Bare').properties, 'Runtime'));
  const listTransform = cfn(SAM.replace('Transform: AWS::Serverless-2016-10-31', 'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]'));
  assert.notEqual(applySamGlobals(listTransform), listTransform);
});
