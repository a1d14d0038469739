/** The places that explain a finding (LSP relatedInformation, SARIF relatedLocations): origins, resources at fault, parameters. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Analysis, Finding } from '../../../server/src/core/analyze';
import { analyzeText, DocumentAnalyzer, parseTemplateFile } from '../../../server/src/core/document';
import { LineIndex } from '../../../server/src/core/present/positions';
import { relatedRanges, relatedSpans } from '../../../server/src/core/present/related';
import { withNestedStacks } from '../../../server/src/core/project/nested-stacks';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { NodeProjectFs, toProjectPath } from '../../../server/src/node/node-fs';

const FIXTURES = toProjectPath(path.join(__dirname, '..', 'project', 'fixtures'));
const read = (p: string): string | undefined => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);

/** Each related place as `file-or-here line:text — message`. */
function places(a: Analysis, f: Finding, own: string): string[] {
  return relatedRanges(relatedSpans(a, f), new LineIndex(own), read).map((r) => {
    const t = r.file ? read(r.file)! : own;
    const lines = t.split('\n');
    const line = lines[r.range.start.line];
    const text = r.range.start.line === r.range.end.line ? line.slice(r.range.start.character, r.range.end.character) : line.slice(r.range.start.character);
    return `${r.file ? path.basename(r.file) : 'here'} ${r.range.start.line + 1}:${text} — ${r.message}`;
  });
}

describe('related places of a finding', () => {
  it('CloudFormation: the parameter a value comes from, saying it is the default', () => {
    const t = 'Parameters:\n  Cidr:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !Ref Cidr\n';
    const a = analyzeText('t.yaml', t);
    const f = a.findings.find((x) => x.ruleId === 'security-group-open-ingress');
    assert.ok(f, JSON.stringify(a.findings.map((x) => x.ruleId)));
    assert.deepEqual(places(a, f, t), ['here 2:Cidr — the value comes from parameter `Cidr` (its Default)']);
  });

  it('a literal has no related place; neither has a missing property', () => {
    const t = 'Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Encrypted: false\n  B:\n    Type: AWS::SNS::Topic\n';
    const a = analyzeText('t.yaml', t);
    assert.ok(a.findings.length >= 2);
    for (const f of a.findings) assert.deepEqual(places(a, f, t), [], f.ruleId);
  });

  it('Terraform: the variable a value reads through a local, in the same file', () => {
    const t = 'variable "open" {\n  default = "0.0.0.0/0"\n}\nlocals {\n  cidr = var.open\n}\nresource "aws_security_group" "sg" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [local.cidr]\n  }\n}\n';
    const a = analyzeText('main.tf', t);
    const f = a.findings.find((x) => x.ruleId === 'security-group-open-ingress');
    assert.ok(f);
    // A variable's declaration is its block: the place starts on its first line.
    assert.deepEqual(places(a, f, t), ['here 1:variable "open" { — the value comes from variable `open` (its default, unless set by tfvars or a caller)']);
  });

  it('Terraform modules: the variable declared in another file of the module', () => {
    const fsys = memoryFs({
      '/m/variables.tf': 'variable "encrypted" {\n  default = false\n}\n',
      '/m/main.tf': 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size = 1\n  encrypted = var.encrypted\n}\n',
    });
    const p = new TerraformProject({ fs: fsys });
    const a = p.analyzeFile('/m/main.tf')!;
    const f = a.findings.find((x) => x.ruleId === 'ebs-volume-encryption');
    assert.ok(f, JSON.stringify(a.findings.map((x) => x.ruleId)));
    const spans = relatedSpans(a, f);
    assert.equal(spans.length, 1);
    assert.equal(spans[0].file, '/m/variables.tf');
    assert.match(spans[0].message, /variable `encrypted` \(its default/);
  });

  it('a gap a module argument causes points back at the resource in the module that uses it', () => {
    const p = new TerraformProject({ fs: new NodeProjectFs([FIXTURES], 10 * 1048576) });
    const main = `${FIXTURES}/module-call/main.tf`;
    const a = p.analyzeFile(main)!;
    const f = a.findings.find((x) => x.ruleId === 'ebs-volume-encryption')!;
    assert.deepEqual(places(a, f, read(main)!), ['main.tf 4:var.encrypted — where module.storage.aws_ebs_volume.this uses this argument']);
  });

  it('a gap a nested stack parameter causes points at the child template', () => {
    const dir = `${FIXTURES}/nested-stack`;
    const parent = `${dir}/parent.yaml`;
    const text = read(parent)!;
    const a = withNestedStacks(new DocumentAnalyzer('cfn-yaml').analyze(text), parent, { readText: read, parse: parseTemplateFile });
    const f = a.findings.find((x) => x.ruleId === 'ebs-volume-encryption' && x.at?.id === 'Storage');
    assert.ok(f);
    const [first] = relatedSpans(a, f);
    assert.ok(first.file?.endsWith('.yaml') && first.file !== parent, JSON.stringify(first));
    assert.match(first.message, /^where Storage\.Data uses parameter \w+ \(stacks\//);
  });

  it('hostile: thousands of parameters read by one value give a bounded list; spans past a file are skipped unread', () => {
    const n = 2000;
    const params = Array.from({ length: n }, (_, i) => `  P${i}:\n    Type: String\n    Default: x\n`).join('');
    const sub = Array.from({ length: n }, (_, i) => `\${P${i}}`).join('');
    const t = `Parameters:\n${params}Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !Sub "${sub}"\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Sub "0.0.0.0/0${sub}"}\n`;
    const a = analyzeText('t.yaml', t);
    for (const f of a.findings) assert.ok(relatedSpans(a, f).length <= 8);
    assert.deepEqual(relatedRanges([{ file: '/nonexistent/x.tf', span: { start: 0, end: 1 }, message: 'm' }], new LineIndex(''), () => undefined), []);
  });
});

describe('related places: linked configurations', () => {
  it('a finding written in a linked resource points at the resource it is about', () => {
    const t = 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_public_access_block" "pab" {\n  bucket = aws_s3_bucket.data.id\n  block_public_acls = false\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n';
    const a = analyzeText('main.tf', t);
    const f = a.findings.find((x) => x.ruleId === 's3-public-access-block');
    assert.ok(f, JSON.stringify(a.findings.map((x) => x.ruleId)));
    assert.equal(f.at?.id, 'aws_s3_bucket_public_access_block.pab');
    assert.deepEqual(places(a, f, t), ['here 1:data — `aws_s3_bucket.data`: the resource this finding is about']);
  });
});
