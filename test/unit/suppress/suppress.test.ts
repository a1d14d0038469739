import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { applyEdits, ignoreEdits } from '../../../server/src/core/fix';
import { applySuppressions, removeSuppressionEdits } from '../../../server/src/core/suppress';

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
const VOL = '  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n';

function run(file: string, text: string) {
  const a = analyzeText(file, text);
  const r = applySuppressions(a, text);
  const ids = (id: string) => r.findings.filter((f) => f.ruleId === id);
  return { a, r, ids, at: (id: string) => ids(id).map((f) => text.slice(f.span.start, f.span.end)) };
}

describe('comment suppressions (YAML)', () => {
  it('a comment above the resource with a reason suppresses the rule for the resource', () => {
    const text = HEAD + '  # aws-responsibility-ignore ebs-volume-encryption: scratch volume, no data\n' + VOL;
    const { r, ids } = run('t.yaml', text);
    assert.equal(ids('ebs-volume-encryption').length, 0);
    assert.equal(r.suppressed.length, 1);
    assert.equal(r.suppressed[0].by.reason, 'scratch volume, no data');
    assert.equal(ids('unused-suppression').length, 0);
  });

  it('without a reason (or with the TODO placeholder) it does not apply and is reported', () => {
    for (const c of ['# aws-responsibility-ignore ebs-volume-encryption', '# aws-responsibility-ignore ebs-volume-encryption:   ', '# aws-responsibility-ignore ebs-volume-encryption: TODO: reason']) {
      const text = HEAD + `  ${c}\n` + VOL;
      const { r, ids, at } = run('t.yaml', text);
      assert.equal(ids('ebs-volume-encryption').length, 1, c);
      assert.equal(r.suppressed.length, 0, c);
      assert.deepEqual(at('suppression-missing-reason'), [c], c);
      assert.equal(ids('suppression-missing-reason')[0].severity, 'warning');
      assert.equal(ids('suppression-missing-reason')[0].resource, 'Vol');
    }
  });

  it('a trailing comment on the property line suppresses only that line (property level)', () => {
    const text =
      HEAD +
      '  Inst:\n    Type: AWS::EC2::Instance\n    Properties:\n      BlockDeviceMappings:\n        - DeviceName: /dev/sda1\n          Ebs: { Encrypted: false }  # aws-responsibility-ignore ec2-block-device-encryption: root is rebuilt from AMI\n        - DeviceName: /dev/sdb\n          Ebs:\n            Encrypted: false\n';
    const { r, ids, at } = run('t.yaml', text);
    assert.equal(r.suppressed.length, 1);
    assert.equal(ids('ec2-block-device-encryption').length, 1);
    assert.ok(text.slice(0, ids('ec2-block-device-encryption')[0].span.start).includes('/dev/sdb'));
    assert.deepEqual(at('unused-suppression'), []);
  });

  it('the line above a property also works, and stacked directive lines all target the next line', () => {
    const text = HEAD + '  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      # aws-responsibility-ignore rds-publicly-accessible: public demo DB\n      # aws-responsibility-ignore rds-storage-encryption: demo data only\n      PubliclyAccessible: true\n      StorageEncrypted: false\n';
    const { ids, at } = run('t.yaml', text);
    assert.equal(ids('rds-publicly-accessible').length, 0);
    // rds-storage-encryption's finding is on the next line, not the targeted one: still reported, and its directive unused.
    assert.equal(ids('rds-storage-encryption').length, 1);
    assert.deepEqual(at('unused-suppression'), ['rds-storage-encryption']);
  });

  it('several ids in one comment; unused and unknown ids are reported at the id', () => {
    const text = HEAD + '  # aws-responsibility-ignore ebs-volume-encryption, rds-storage-encryption, no-such-rule: test fixture\n' + VOL;
    const { ids, at } = run('t.yaml', text);
    assert.equal(ids('ebs-volume-encryption').length, 0);
    assert.deepEqual(at('unused-suppression'), ['rds-storage-encryption']);
    assert.equal(ids('unused-suppression')[0].severity, 'information');
    assert.deepEqual(at('unknown-rule-in-suppression'), ['no-such-rule']);
    assert.equal(ids('unknown-rule-in-suppression')[0].severity, 'warning');
  });

  it('a directive naming no rule is reported', () => {
    const text = HEAD + '  # aws-responsibility-ignore\n' + VOL;
    const { ids } = run('t.yaml', text);
    assert.equal(ids('unknown-rule-in-suppression').length, 1);
    assert.equal(ids('ebs-volume-encryption').length, 1);
  });

  it('a comment away from any finding is unused', () => {
    const text = HEAD + VOL + '  # aws-responsibility-ignore ebs-volume-encryption: misplaced\n\n  T:\n    Type: AWS::SNS::Topic\n';
    const { ids } = run('t.yaml', text);
    assert.equal(ids('ebs-volume-encryption').length, 1);
    assert.equal(ids('unused-suppression').length, 1);
  });

  it('the unknown-type check can be suppressed too', () => {
    const text = HEAD + '  # aws-responsibility-ignore unknown-resource-type: private registry type\n  X:\n    Type: AWS::S3::Buckett\n';
    const { ids, r } = run('t.yaml', text);
    assert.equal(ids('unknown-resource-type').length, 0);
    assert.equal(r.suppressed.length, 1);
  });

  it('non-templates get nothing', () => {
    const text = 'name: x\n# aws-responsibility-ignore foo\n';
    assert.deepEqual(run('t.yaml', text).r.findings, []);
  });
});

describe('comment suppressions (HCL)', () => {
  const TF = 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n';
  it('# and // comments above the resource line, and /* */ trailing', () => {
    for (const c of ['# aws-responsibility-ignore ebs-volume-encryption: ephemeral', '// aws-responsibility-ignore ebs-volume-encryption: ephemeral']) {
      const { ids, r } = run('main.tf', c + '\n' + TF);
      assert.equal(ids('ebs-volume-encryption').length, 0, c);
      assert.equal(r.suppressed.length, 1, c);
    }
    const trailing = 'resource "aws_ebs_volume" "v" { /* aws-responsibility-ignore ebs-volume-encryption: ephemeral */\n  size = 1\n}\n';
    assert.equal(run('main.tf', trailing).ids('ebs-volume-encryption').length, 0);
  });

  it('property-level on the line of a false value', () => {
    const text = 'resource "aws_instance" "i" {\n  ebs_block_device {\n    encrypted = false # aws-responsibility-ignore ec2-block-device-encryption: swap disk\n  }\n  root_block_device {\n    encrypted = false\n  }\n}\n';
    const { ids } = run('main.tf', text);
    assert.equal(ids('ec2-block-device-encryption').length, 1);
  });

  it('missing reason in HCL is reported and does not apply', () => {
    const { ids } = run('main.tf', '// aws-responsibility-ignore ebs-volume-encryption\n' + TF);
    assert.equal(ids('ebs-volume-encryption').length, 1);
    assert.equal(ids('suppression-missing-reason').length, 1);
  });
});

describe('Metadata suppressions (CloudFormation)', () => {
  it('JSON Metadata with a reason suppresses; unused and unknown entries are reported', () => {
    const text = JSON.stringify({
      Resources: {
        Vol: {
          Type: 'AWS::EC2::Volume',
          Metadata: { 'aws-responsibility': { ignore: [{ rule: 'ebs-volume-encryption', reason: 'scratch' }, { rule: 'rds-storage-encryption', reason: 'copy-paste' }, { rule: 'nope', reason: 'x' }] } },
        },
      },
    }, null, 2);
    const { ids, at, r } = run('t.json', text);
    assert.equal(ids('ebs-volume-encryption').length, 0);
    assert.equal(r.suppressed[0].by.source, 'metadata');
    assert.deepEqual(at('unused-suppression'), ['"rds-storage-encryption"']);
    assert.deepEqual(at('unknown-rule-in-suppression'), ['"nope"']);
  });

  it('YAML Metadata; missing reason; malformed entries', () => {
    const text = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Metadata:\n      aws-responsibility:\n        ignore:\n          - rule: ebs-volume-encryption\n          - reason: no rule here\n';
    const { ids } = run('t.yaml', text);
    assert.equal(ids('ebs-volume-encryption').length, 1);
    assert.equal(ids('suppression-missing-reason').length, 1);
    assert.equal(ids('invalid-suppression').length, 1);
    const bad = HEAD + '  Vol:\n    Type: AWS::EC2::Volume\n    Metadata:\n      aws-responsibility: ignore-everything\n';
    assert.equal(run('t.yaml', bad).ids('invalid-suppression').length, 1);
  });
});

describe('ignoreEdits round trip', () => {
  it('inserts a placeholder that does not apply until a reason replaces it (YAML, HCL, JSON)', () => {
    const cases: [string, string, string][] = [
      ['t.yaml', HEAD + VOL, 'Vol'],
      ['main.tf', 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n', 'aws_ebs_volume.v'],
      ['t.json', '{\n  "Resources": {\n    "Vol": {\n      "Type": "AWS::EC2::Volume",\n      "Metadata": {"Owner": "me"}\n    }\n  }\n}\n', 'Vol'],
      ['t.json', '{"Resources": {"Vol": {"Type": "AWS::EC2::Volume", "Metadata": {"aws-responsibility": {"ignore": [{"rule": "rds-storage-encryption", "reason": "x"}]}}}}}', 'Vol'],
    ];
    for (const [file, text, id] of cases) {
      const a = analyzeText(file, text);
      const r = a.doc.resources.find((x) => x.id === id)!;
      const placeholder = applyEdits(text, ignoreEdits(text, a.doc, r, 'ebs-volume-encryption'));
      const p = run(file, placeholder);
      assert.equal(p.a.doc.syntaxErrors.length, 0, placeholder);
      assert.equal(p.ids('ebs-volume-encryption').length, 1, placeholder);
      assert.equal(p.ids('suppression-missing-reason').length, 1, placeholder);
      const reasoned = placeholder.replace('TODO: reason', 'test volume');
      const q = run(file, reasoned);
      assert.equal(q.ids('ebs-volume-encryption').length, 0, reasoned);
      assert.equal(q.ids('suppression-missing-reason').length, 0, reasoned);
    }
  });

  it('YAML comment goes above the resource with its indentation', () => {
    const text = HEAD + VOL;
    const a = analyzeText('t.yaml', text);
    assert.equal(applyEdits(text, ignoreEdits(text, a.doc, a.doc.resources[0], 'ebs-volume-encryption')), HEAD + '  # aws-responsibility-ignore ebs-volume-encryption: TODO: reason\n' + VOL);
  });
});

describe('removeSuppressionEdits', () => {
  it('removes a whole comment line, or one id of several', () => {
    const one = HEAD + '  # aws-responsibility-ignore rds-storage-encryption: x\n' + VOL;
    const a = run('t.yaml', one);
    const f = a.ids('unused-suppression')[0];
    assert.equal(applyEdits(one, removeSuppressionEdits(one, a.a.doc, f.span)), HEAD + VOL);
    const two = HEAD + '  # aws-responsibility-ignore ebs-volume-encryption, rds-storage-encryption: x\n' + VOL;
    const b = run('t.yaml', two);
    const out = applyEdits(two, removeSuppressionEdits(two, b.a.doc, b.ids('unused-suppression')[0].span));
    assert.equal(out, HEAD + '  # aws-responsibility-ignore ebs-volume-encryption: x\n' + VOL);
    assert.equal(run('t.yaml', out).r.findings.length, 0);
  });
});
