import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';

const RULE = 'rds-cluster-storage-encryption';

function outcome(file: string, text: string): { status: string | undefined; findings: number } {
  const a = analyzeText(file, text);
  const r = a.resources[0];
  const result = r.duties.flatMap((d) => d.results).find((x) => x.rule.id === RULE);
  return { status: result?.outcome.status, findings: a.findings.filter((f) => f.ruleId === RULE).length };
}

const cfn = (props: string): string => `Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n${props.split('\n').map((l) => '      ' + l).join('\n')}\n`;
const tf = (body: string): string => `resource "aws_rds_cluster" "db" {\n${body}\n}\n`;

test('an Aurora cluster without StorageEncrypted is encrypted by AWS default (since 18 February 2026): met, no finding', () => {
  assert.deepEqual(outcome('t.yaml', cfn('Engine: aurora-postgresql')), { status: 'met', findings: 0 });
  assert.deepEqual(outcome('t.tf', tf('  engine = "aurora-mysql"')), { status: 'met', findings: 0 });
});

test('an explicit StorageEncrypted: false on Aurora is still a gap', () => {
  assert.deepEqual(outcome('t.yaml', cfn('Engine: aurora-postgresql\nStorageEncrypted: false')), { status: 'gap', findings: 1 });
});

test('a Multi-AZ DB cluster of another engine keeps the old default: a missing setting is a gap', () => {
  assert.deepEqual(outcome('t.yaml', cfn('Engine: postgres')), { status: 'gap', findings: 1 });
  assert.deepEqual(outcome('t.tf', tf('  engine = "mysql"')), { status: 'gap', findings: 1 });
});

test('an engine the file does not decide leaves a missing setting unknown, not a gap', () => {
  const text = `Parameters:\n  Engine:\n    Type: String\n${cfn('Engine: !Ref Engine')}`;
  assert.deepEqual(outcome('t.yaml', text), { status: 'unknown', findings: 0 });
});

test('storage_encrypted = null (or AWS::NoValue) is not set: the Aurora default applies', () => {
  assert.deepEqual(outcome('t.tf', tf('  engine = "aurora-mysql"\n  storage_encrypted = null')), { status: 'met', findings: 0 });
  assert.deepEqual(outcome('t.yaml', cfn("Engine: aurora-postgresql\nStorageEncrypted: !Ref 'AWS::NoValue'")), { status: 'met', findings: 0 });
});
