import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { cfn, prop, slice } from './helpers';

const BASE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
  NoDefault:
    Type: String
  Subnets:
    Type: CommaDelimitedList
    Default: 'subnet-a, subnet-b'
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami
  Encrypt:
    Type: String
    Default: 'true'
Mappings:
  RegionMap:
    us-east-1:
      Ami: ami-123
    prod:
      Size: large
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  IsOpen: !Equals [!Ref NoDefault, open]
  InUsEast1: !Equals [!Ref 'AWS::Region', us-east-1]
  ProdAndEast: !And [!Condition IsProd, !Condition InUsEast1]
  ProdOrEast: !Or [{ Condition: IsProd }, !Condition InUsEast1]
  DevAndEast: !And [!Condition IsDev, !Condition InUsEast1]
  LoopA: !Condition LoopB
  LoopB: !Not [!Condition LoopA]
  LongForm:
    Fn::Equals: [{ Ref: Env }, prod]
Resources:
  Other:
    Type: AWS::S3::Bucket
  R:
    Type: AWS::Test::Thing
    Properties:
      RefDefault: !Ref Env
      RefNoDefault: !Ref NoDefault
      RefPseudo: !Ref AWS::Region
      RefResource: !Ref Other
      RefList: !Ref Subnets
      RefSsm: !Ref Ami
      IfKnown: !If [IsProd, yes-prod, not-prod]
      IfNot: !If [IsDev, dev, not-dev]
      IfUnknown: !If [IsOpen, a, b]
      IfPseudo: !If [InUsEast1, a, b]
      IfAnd: !If [ProdAndEast, a, b]
      IfOr: !If [ProdOrEast, a, b]
      IfAndShort: !If [DevAndEast, a, b]
      IfLong: !If [LongForm, a, b]
      IfCycle: !If [LoopA, a, b]
      IfMissing: !If [Nope, a, b]
      NoValue: !Ref AWS::NoValue
      IfNoValue: !If [IsProd, !Ref AWS::NoValue, kept]
      MapWithNoValue:
        Keep: 1
        Drop: !If [IsProd, !Ref AWS::NoValue, 2]
      ListWithNoValue: [a, !Ref AWS::NoValue, b]
      FindKnown: !FindInMap [RegionMap, !Ref Env, Size]
      FindRegion: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
      FindMissing: !FindInMap [RegionMap, nowhere, Ami]
      SubKnown: !Sub 'app-\${Env}-\${!Literal}'
      SubVars: !Sub ['\${A}-\${B}', { A: x, B: !Ref Env }]
      SubPseudo: !Sub 'arn:\${AWS::Partition}:s3:::b'
      SubAttr: !Sub '\${Other.Arn}'
      Join: !Join ['-', [a, !Ref Env, 3]]
      JoinUnknown: !Join ['-', [a, !Ref NoDefault]]
      Select: !Select [1, [x, y, z]]
      SelectString: !Select ['2', !Split [',', 'a,b,c']]
      SelectOut: !Select [5, [x]]
      Split: !Split ['|', 'a|b']
      Base64: !Base64 'hello'
      Base64Unknown: !Base64 !Ref AWS::StackName
      GetAZs: !GetAZs ''
      Cidr: !Cidr ['10.0.0.0/16', 3, 8]
      Cidr6: !Cidr ['2001:db8::/56', 2, 64]
      CidrBad: !Cidr ['10.0.0.0/30', 8, 8]
      Import: !ImportValue shared-vpc
      GetAtt: !GetAtt Other.Arn
      GetAttList:
        Fn::GetAtt: [Other, DomainName]
      Length: !Length [a, b, c]
      ToJson: !ToJsonString { a: 1 }
      Unsupported: !Transform { Name: x }
      Structure:
        Nested: [!Ref Env, { Deep: !If [IsProd, 1, 2] }]
      BoolTrue: 'TRUE'
      BoolFalse: false
      BoolOther: 'yes'
      BoolParam: !Ref Encrypt
`;

const doc = cfn(BASE);
const ev = createEvaluator(doc);
const p = (name: string) => prop(doc, 'R', name);

test('Ref to a parameter with Default: known default, via names the parameter', () => {
  assert.deepEqual(ev.evaluate(p('RefDefault')), { known: true, value: 'prod', via: 'parameter Env (default prod)' });
});

test('Ref to a parameter without Default: unknown "parameter X"', () => {
  assert.deepEqual(ev.evaluate(p('RefNoDefault')), { known: false, dependsOn: ['parameter NoDefault'] });
});

test('parameterDefaults "unknown" policy: a defaulted parameter is unknown and says its default', () => {
  const strict = createEvaluator(doc, { parameterDefaults: 'unknown' });
  assert.deepEqual(strict.evaluate(p('RefDefault')), { known: false, dependsOn: ['parameter Env (default prod)'] });
  const r = strict.evaluate(p('IfKnown'));
  assert.equal(r.known, false);
  assert.ok(!r.known && r.dependsOn.includes('condition IsProd'));
});

test('Ref to pseudo parameters and resources is unknown', () => {
  assert.deepEqual(ev.evaluate(p('RefPseudo')), { known: false, dependsOn: ['pseudo parameter AWS::Region'] });
  assert.deepEqual(ev.evaluate(p('RefResource')), { known: false, dependsOn: ['resource Other (Ref)'] });
});

test('CommaDelimitedList parameter default is a list; SSM parameter types are unknown', () => {
  const r = ev.evaluate(p('RefList'));
  assert.ok(r.known);
  assert.deepEqual(r.value, ['subnet-a', 'subnet-b']);
  const ssm = ev.evaluate(p('RefSsm'));
  assert.equal(ssm.known, false);
  assert.match(!ssm.known ? ssm.dependsOn[0] : '', /parameter Ami \(SSM parameter \/aws\/service\/ami\)/);
});

test('Fn::If with Fn::Equals over a parameter default picks the branch; via names condition and parameter', () => {
  const r = ev.evaluate(p('IfKnown'));
  assert.ok(r.known);
  assert.equal(r.value, 'yes-prod');
  assert.match(r.via ?? '', /condition IsProd is true/);
  assert.match(r.via ?? '', /parameter Env \(default prod\)/);
  assert.deepEqual((ev.evaluate(p('IfNot')) as { value: unknown }).value, 'not-dev');
  assert.deepEqual((ev.evaluate(p('IfLong')) as { value: unknown }).value, 'a');
});

test('Fn::If with a condition the file does not decide lists the condition and its input', () => {
  assert.deepEqual(ev.evaluate(p('IfUnknown')), { known: false, dependsOn: ['condition IsOpen', 'parameter NoDefault'] });
  assert.deepEqual(ev.evaluate(p('IfPseudo')), { known: false, dependsOn: ['condition InUsEast1', 'pseudo parameter AWS::Region'] });
  const missing = ev.evaluate(p('IfMissing'));
  assert.ok(!missing.known && missing.dependsOn.some((d) => d.includes('Nope')));
});

test('Fn::And / Fn::Or / Fn::Not / Condition: unknown where needed, short-circuit where decided', () => {
  const and = ev.evaluate(p('IfAnd'));
  assert.ok(!and.known && and.dependsOn.includes('condition ProdAndEast') && and.dependsOn.includes('pseudo parameter AWS::Region'));
  // IsProd is true, so Or is true whatever the region is.
  assert.equal((ev.evaluate(p('IfOr')) as { value: unknown }).value, 'a');
  // IsDev is false, so And is false whatever the region is.
  assert.equal((ev.evaluate(p('IfAndShort')) as { value: unknown }).value, 'b');
});

test('a condition cycle is unknown, not a stack overflow', () => {
  const r = ev.evaluate(p('IfCycle'));
  assert.equal(r.known, false);
  assert.ok(!r.known && r.dependsOn.some((d) => d.includes('refers to itself')));
});

test('AWS::NoValue: known null with via AWS::NoValue; dropped from maps and lists', () => {
  assert.deepEqual(ev.evaluate(p('NoValue')), { known: true, value: null, via: 'AWS::NoValue' });
  const ifNo = ev.evaluate(p('IfNoValue'));
  assert.ok(ifNo.known && ifNo.value === null && (ifNo.via ?? '').includes('AWS::NoValue'));
  assert.deepEqual((ev.evaluate(p('MapWithNoValue')) as { value: unknown }).value, { Keep: 1 });
  assert.deepEqual((ev.evaluate(p('ListWithNoValue')) as { value: unknown }).value, ['a', 'b']);
  assert.equal(ev.bool(p('NoValue')), undefined);
});

test('Fn::FindInMap: known keys give the mapping value; unknown key or missing entry is unknown', () => {
  const r = ev.evaluate(p('FindKnown'));
  assert.ok(r.known && r.value === 'large' && (r.via ?? '').includes('mapping RegionMap.prod.Size'));
  assert.deepEqual(ev.evaluate(p('FindRegion')), { known: false, dependsOn: ['pseudo parameter AWS::Region'] });
  assert.equal(ev.evaluate(p('FindMissing')).known, false);
});

test('Fn::Sub: parameters, variables map, ${!Literal}; pseudo parameters and attributes unknown', () => {
  assert.equal((ev.evaluate(p('SubKnown')) as { value: unknown }).value, 'app-prod-${Literal}');
  assert.equal((ev.evaluate(p('SubVars')) as { value: unknown }).value, 'x-prod');
  assert.deepEqual(ev.evaluate(p('SubPseudo')), { known: false, dependsOn: ['pseudo parameter AWS::Partition'] });
  assert.deepEqual(ev.evaluate(p('SubAttr')), { known: false, dependsOn: ['attribute Other.Arn'] });
});

test('Fn::Join / Fn::Select / Fn::Split', () => {
  assert.equal((ev.evaluate(p('Join')) as { value: unknown }).value, 'a-prod-3');
  assert.deepEqual(ev.evaluate(p('JoinUnknown')), { known: false, dependsOn: ['parameter NoDefault'] });
  assert.equal((ev.evaluate(p('Select')) as { value: unknown }).value, 'y');
  assert.equal((ev.evaluate(p('SelectString')) as { value: unknown }).value, 'c');
  assert.equal(ev.evaluate(p('SelectOut')).known, false);
  assert.deepEqual((ev.evaluate(p('Split')) as { value: unknown }).value, ['a', 'b']);
});

test('Fn::Base64 / Fn::GetAZs / Fn::ImportValue / Fn::GetAtt', () => {
  assert.equal((ev.evaluate(p('Base64')) as { value: unknown }).value, Buffer.from('hello').toString('base64'));
  assert.deepEqual(ev.evaluate(p('Base64Unknown')), { known: false, dependsOn: ['pseudo parameter AWS::StackName'] });
  const azs = ev.evaluate(p('GetAZs'));
  assert.ok(!azs.known && /Fn::GetAZs/.test(azs.dependsOn[0]));
  const imp = ev.evaluate(p('Import'));
  assert.ok(!imp.known && imp.dependsOn[0].includes('shared-vpc'));
  assert.deepEqual(ev.evaluate(p('GetAtt')), { known: false, dependsOn: ['attribute Other.Arn'] });
  assert.deepEqual(ev.evaluate(p('GetAttList')), { known: false, dependsOn: ['attribute Other.DomainName'] });
});

test('Fn::Cidr computes IPv4 and IPv6 subnets; invalid input is unknown', () => {
  assert.deepEqual((ev.evaluate(p('Cidr')) as { value: unknown }).value, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
  assert.deepEqual((ev.evaluate(p('Cidr6')) as { value: unknown }).value, ['2001:db8:0:0:0:0:0:0/64', '2001:db8:0:1:0:0:0:0/64']);
  assert.equal(ev.evaluate(p('CidrBad')).known, false);
});

test('Fn::Length / Fn::ToJsonString computed; unsupported functions unknown by name', () => {
  assert.equal((ev.evaluate(p('Length')) as { value: unknown }).value, 3);
  assert.equal((ev.evaluate(p('ToJson')) as { value: unknown }).value, '{"a":1}');
  assert.deepEqual(ev.evaluate(p('Unsupported')), { known: false, dependsOn: ['Fn::Transform (not evaluated)'] });
});

test('maps and lists evaluate to plain data, intrinsics inside resolved', () => {
  assert.deepEqual((ev.evaluate(p('Structure')) as { value: unknown }).value, { Nested: ['prod', { Deep: 1 }] });
  assert.deepEqual(ev.evaluate(undefined), { known: true, value: null, via: 'absent' });
});

test('bool: booleans and "true"/"false" strings in any case; other strings and unknowns are undefined', () => {
  assert.equal(ev.bool(p('BoolTrue')), true);
  assert.equal(ev.bool(p('BoolFalse')), false);
  assert.equal(ev.bool(p('BoolOther')), undefined);
  assert.equal(ev.bool(p('BoolParam')), true);
  assert.equal(ev.bool(p('RefNoDefault')), undefined);
  assert.equal(ev.bool(undefined), undefined);
});

test('resolve keeps source spans: Fn::If → chosen branch node; Ref → the default, FindInMap → the mapping value, both stood at the reference', () => {
  const ifr = ev.resolve(p('IfKnown'));
  assert.ok(ifr.known);
  assert.equal(slice(BASE, ifr.node.span), 'yes-prod');
  assert.match(ifr.via ?? '', /condition IsProd is true/);
  const ref = ev.resolve(p('RefDefault'));
  assert.ok(ref.known);
  assert.equal(ref.node.type, 'scalar');
  assert.equal(ref.node.type === 'scalar' && ref.node.value, 'prod');
  assert.deepEqual(ref.node.span, p('RefDefault').span, 'findings point at the property, not into Parameters');
  assert.equal(ref.via, 'parameter Env (default prod)');
  const find = ev.resolve(p('FindKnown'));
  assert.ok(find.known && find.node.type === 'scalar' && find.node.value === 'large');
  assert.deepEqual(find.node.span, p('FindKnown').span);
  const join = ev.resolve(p('Join'));
  assert.ok(join.known && join.node.type === 'scalar' && join.node.value === 'a-prod-3');
  assert.deepEqual(join.node.span, p('Join').span, 'a computed value stands where the expression is');
  const unknownIf = ev.resolve(p('IfUnknown'));
  assert.deepEqual(unknownIf, { known: false, dependsOn: ['condition IsOpen', 'parameter NoDefault'] });
  const noValue = ev.resolve(p('IfNoValue'));
  assert.ok(noValue.known && noValue.node.type === 'scalar' && noValue.node.value === null);
  const map = p('Structure');
  assert.deepEqual(ev.resolve(map), { known: true, node: map });
});

test('hostile input: deep nesting and self-referencing Sub never throw', () => {
  const d = cfn(`Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: ${'['.repeat(600)}1${']'.repeat(600)}\n`);
  const e = createEvaluator(d);
  const r = e.evaluate(prop(d, 'R', 'P'));
  assert.equal(typeof r.known, 'boolean');
  const selfSub = cfn(`Parameters:\n  P:\n    Type: String\n    Default: '\${P}'\nResources:\n  R:\n    Type: A::B::C\n    Properties:\n      S: !Sub '\${P}-\${P}'\n`);
  const s = createEvaluator(selfSub).evaluate(prop(selfSub, 'R', 'S'));
  assert.ok(s.known && s.value === '${P}-${P}');
});

test('a long literal string is known as written; only computed strings are capped', () => {
  const long = 'x'.repeat(150_000);
  const d = cfn(`Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: ${long}\n      J: !Join ['', [${long}, y]]\n`);
  const e = createEvaluator(d);
  const r = e.evaluate(prop(d, 'R', 'P'));
  assert.ok(r.known && r.value === long);
  assert.equal(e.evaluate(prop(d, 'R', 'J')).known, false);
});
