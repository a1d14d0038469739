/** CloudFormation nested stacks with local templates: the child analysed with the parameters the parent passes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DocumentAnalyzer, parseTemplateFile } from '../../../server/src/core/document';
import { hoverAt } from '../../../server/src/core/present/hover';
import { fileReport } from '../../../server/src/core/present/report';
import { withNestedStacks } from '../../../server/src/core/project/nested-stacks';
import { toProjectPath } from '../../../server/src/node/node-fs';

const DIR = toProjectPath(path.join(__dirname, 'fixtures', 'nested-stack'));
const PARENT = `${DIR}/parent.yaml`;
const read = (p: string): string | undefined => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const text = read(PARENT)!;

function parentAnalysis(parentText = text) {
  const a = new DocumentAnalyzer('cfn-yaml').analyze(parentText);
  return withNestedStacks(a, PARENT, { readText: (p) => (p === PARENT ? parentText : read(p)), parse: parseTemplateFile });
}

function lineText(t: string, span: { start: number; end: number }): string {
  return `${t.slice(0, span.start).split('\n').length}:${t.slice(span.start, span.end)}`;
}

const unescape = (md: string): string => md.replace(/\\(.)/g, '$1');

describe('nested stacks', () => {
  it('a gap a passed parameter causes is reported at the parameter in the parent, naming the nested resource', () => {
    const a = parentAnalysis();
    const enc = a.findings.filter((f) => f.ruleId === 'ebs-volume-encryption');
    assert.deepEqual(enc.map((f) => `${f.resource} @ ${lineText(text, f.span)}`), ['Storage.Data @ 13:Encrypt']);
    assert.match(enc[0].message, /`Storage\.Data`/);
    assert.equal(enc[0].at?.id, 'Storage');
  });

  it('the child\'s own gap (a literal) is not repeated in the parent; the child passes with true are met', () => {
    const a = parentAnalysis();
    assert.ok(!a.findings.some((f) => f.resource.endsWith('.Scratch')));
    const safe = a.modules!.find((m) => m.call.id === 'SafeStorage')!;
    const data = safe.instances[0].analysis.resources.find((r) => r.resource.id === 'SafeStorage.Data')!;
    assert.equal(data.duties.find((d) => d.duty === 'server-side-encryption')!.status, 'met');
  });

  it('remote and missing templates are not read, and say so', () => {
    const a = parentAnalysis();
    const notes = Object.fromEntries(a.modules!.map((m) => [m.call.id, m.note ?? '']));
    assert.match(notes.Remote, /remote: not read/);
    assert.match(notes.Missing, /missing\.yaml cannot be read/);
  });

  it('the hover on the stack summarises the child; on a passed parameter, the gap it causes', () => {
    const a = parentAnalysis();
    const h = unescape(hoverAt(a, text.indexOf('  Storage:') + 4)!.markdown);
    assert.match(h, /\*\*Nested stack `Storage`\*\* · template `storage\.yaml`/);
    assert.match(h, /Creates 2 resources/);
    assert.match(h, /`Storage\.Data`/);
    const p = unescape(hoverAt(a, text.indexOf('VolumeEncrypted: !Ref') + 3)!.markdown);
    assert.match(p, /Parameter `VolumeEncrypted` · passed to nested stack `Storage`/);
    assert.match(p, /Value: `"false"` \(from parameter Encrypt \(default false\)\)/);
    assert.match(p, /Volume `Storage\.Data` is not encrypted/);
  });

  it('the JSON report lists the nested resources under the stack', () => {
    const a = parentAnalysis();
    const names = fileReport(PARENT, text, a).resources.map((r) => r.name);
    for (const n of ['Storage', 'Storage.Data', 'Storage.Scratch', 'SafeStorage.Data']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  });

  it('a parent that passes true gets no gap; a stack nesting itself is not followed', () => {
    const a = parentAnalysis(text.replace('Default: "false"', 'Default: "true"'));
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'ebs-volume-encryption'), []);
    const self = `Resources:\n  Me:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./parent.yaml\n`;
    const b = withNestedStacks(new DocumentAnalyzer('cfn-yaml').analyze(self), PARENT, { readText: () => self, parse: parseTemplateFile });
    assert.match(b.modules![0].note!, /cycle/);
  });
});

describe('a nested stack whose Condition is false', () => {
  it('is not created: nothing of it is analysed or reported; an undecided or true condition keeps it', () => {
    const child = 'Parameters:\n  Cidr:\n    Type: String\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}\n';
    const parent = (def: string): string =>
      `Parameters:\n  Impl:\n    Type: String\n${def}Conditions:\n  UsePostgres: !Equals [!Ref Impl, postgres]\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Condition: UsePostgres\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters:\n        Cidr: 0.0.0.0/0\n`;
    const run = (t: string) => {
      const a = new DocumentAnalyzer('cfn-yaml').analyze(t);
      return withNestedStacks(a, '/s/parent.yaml', { readText: (p) => (p === '/s/parent.yaml' ? t : p === '/s/child.yaml' ? child : undefined), parse: parseTemplateFile });
    };
    const off = run(parent('    Default: aurora\n'));
    assert.deepEqual(off.findings.filter((f) => f.ruleId === 'security-group-open-ingress'), []);
    assert.match(off.modules?.[0]?.note ?? '', /Condition UsePostgres is false here: the stack is not created/);
    assert.equal(run(parent('    Default: postgres\n')).findings.filter((f) => f.ruleId === 'security-group-open-ingress').length, 1);
    assert.equal(run(parent('')).findings.filter((f) => f.ruleId === 'security-group-open-ingress').length, 1);
  });
});
