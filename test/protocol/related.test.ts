/**
 * relatedInformation over real stdio LSP: the parameter a value comes from (this document), and for a gap reported
 * at a module argument, the line in the module's own file that uses it (another file's URI and range).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertBuilt, LspSession } from './harness';

const uriOf = (p: string): string => pathToFileURL(p).href;

describe('related information in diagnostics', () => {
  let s: LspSession;
  let dir: string;
  before(async () => {
    assertBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-related-')));
    fs.mkdirSync(path.join(dir, 'modules', 'disk'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), 'module "disk" {\n  source    = "./modules/disk"\n  encrypted = false\n}\n');
    fs.writeFileSync(path.join(dir, 'modules', 'disk', 'main.tf'), 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size              = 1\n  encrypted         = var.encrypted\n}\n');
    fs.writeFileSync(path.join(dir, 'modules', 'disk', 'variables.tf'), 'variable "encrypted" {\n  type = bool\n}\n');
    s = new LspSession({ configuration: false });
    await s.initialize(uriOf(dir));
  });
  after(() => {
    s?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a value from a parameter\'s Default points at the parameter', async () => {
    const text = 'Parameters:\n  Cidr:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}\n';
    const uri = 'untitled:related.yaml';
    const pub = await s.open(uri, 'yaml', text);
    const d = pub.params.diagnostics.find((x) => x.code === 'security-group-open-ingress');
    assert.ok(d, JSON.stringify(pub.params.diagnostics.map((x) => x.code)));
    assert.deepEqual(d.relatedInformation, [
      { location: { uri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } } }, message: 'the value comes from parameter `Cidr` (its Default)' },
    ]);
    // Findings that nothing else explains carry none.
    for (const x of pub.params.diagnostics.filter((y) => y !== d)) assert.equal(x.relatedInformation, undefined, String(x.code));
  });

  it('a gap a module argument causes points at the module file\'s line that uses it', async () => {
    const main = path.join(dir, 'main.tf');
    const pub = await s.open(uriOf(main), 'terraform', fs.readFileSync(main, 'utf8'));
    const d = pub.params.diagnostics.find((x) => x.code === 'ebs-volume-encryption');
    assert.ok(d, JSON.stringify(pub.params.diagnostics.map((x) => x.code)));
    assert.equal(d.range.start.line, 2);
    assert.deepEqual(d.relatedInformation, [
      {
        location: { uri: uriOf(path.join(dir, 'modules', 'disk', 'main.tf')), range: { start: { line: 3, character: 22 }, end: { line: 3, character: 35 } } },
        message: 'where module.disk.aws_ebs_volume.v uses this argument',
      },
    ]);
  });
});
