// The web build's language server, bundled for the browser and run with only a web worker's globals (web-harness.ts):
// it analyses, reads a Terraform module's other files, the modules it calls and .aws-responsibility.yaml through
// the client's readFile/readDirectory requests, never outside the workspace folder, and gives what the core gives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLES } from '../helpers';
import { openDoc, startWebServer, type WebSession } from './web-harness';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';
import { NodeProjectFs, toProjectPath } from '../../../server/src/node/node-fs';
import { effectiveFindings } from '../../../server/src/core/findings';
import { analyzeText } from '../../../server/src/core/document';

const FOLDER = 'vscode-vfs://github/acme/infra';
let dir: string;
let s: WebSession;

/** The rule ids and messages the core finds in a Terraform file of its module, read from disk (the Node path). */
function coreFindings(root: string, file: string): string[] {
  const project = new TerraformProject({ fs: new NodeProjectFs([toProjectPath(root)], 10 * 1048576) });
  const a = project.analyzeFile(toProjectPath(file));
  assert.ok(a, `no analysis for ${file}`);
  return effectiveFindings(a, fs.readFileSync(file, 'utf8'), {}).map((f) => `${f.ruleId}: ${f.message}`).sort();
}

const shown = (ds: { code?: unknown; message: string }[]): string[] => ds.filter((d) => typeof d.code === 'string' && !['syntax-error', 'config'].includes(d.code)).map((d) => `${String(d.code)}: ${d.message}`).sort();

describe('web build: the language server in a web worker, files through the client', () => {
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-web-'));
    fs.cpSync(EXAMPLES, dir, { recursive: true });
    // A module whose only gap depends on a default in its sibling variables.tf.
    fs.mkdirSync(path.join(dir, 'sibling'));
    fs.writeFileSync(path.join(dir, 'sibling', 'main.tf'), 'resource "aws_ebs_volume" "scratch" {\n  availability_zone = "eu-west-1a"\n  size              = 10\n  encrypted         = var.encrypt\n}\n');
    fs.writeFileSync(path.join(dir, 'sibling', 'variables.tf'), 'variable "encrypt" {\n  type    = bool\n  default = false\n}\n');
    // A config file for a folder of its own: one rule as an error.
    fs.mkdirSync(path.join(dir, 'configured'));
    fs.copyFileSync(path.join(dir, 'sibling', 'main.tf'), path.join(dir, 'configured', 'main.tf'));
    fs.copyFileSync(path.join(dir, 'sibling', 'variables.tf'), path.join(dir, 'configured', 'variables.tf'));
    fs.writeFileSync(path.join(dir, 'configured', '.aws-responsibility.yaml'), 'rules:\n  ebs-volume-encryption: error\n');
    // Outside the workspace folder: never asked for.
    fs.writeFileSync(path.join(path.dirname(dir), 'outside-secret.tf'), 'variable "x" {}\n');
    s = await startWebServer(FOLDER, dir);
  });
  after(async () => {
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a finding that depends on a sibling file: variables.tf read through the client', async () => {
    const uri = `${FOLDER}/sibling/main.tf`;
    await openDoc(s, uri, path.join(dir, 'sibling', 'main.tf'), 'terraform');
    const ds = await s.diagnostics(uri, (d) => d.length > 0);
    assert.ok(
      ds.some((d) => d.code === 'ebs-volume-encryption' && /scratch/.test(d.message)),
      `no encryption gap from variables.tf's default: ${JSON.stringify(ds.map((d) => d.code))}`,
    );
    assert.deepEqual(shown(ds), coreFindings(dir, path.join(dir, 'sibling', 'main.tf')));
    assert.ok(s.reads.includes(`${FOLDER}/sibling/variables.tf`), `variables.tf was not read through the client: ${s.reads.join(', ')}`);
  });

  it('the example module: tfvars, sibling files and the module it calls give what the core gives on Node', async () => {
    const file = path.join(dir, 'terraform-module', 'main.tf');
    const uri = `${FOLDER}/terraform-module/main.tf`;
    await openDoc(s, uri, file, 'terraform');
    const expected = coreFindings(dir, file);
    assert.ok(expected.some((f) => f.startsWith('ebs-volume-encryption')), 'the example lost its tfvars-caused gap');
    const ds = await s.diagnostics(uri, (d) => shown(d).length === expected.length);
    assert.deepEqual(shown(ds), expected);
    for (const f of ['terraform.tfvars', 'variables.tf', 'storage.tf', 'modules/bucket/main.tf']) assert.ok(s.reads.includes(`${FOLDER}/terraform-module/${f}`), `${f} not read through the client`);
  });

  it('.aws-responsibility.yaml is read through the client and applies', async () => {
    const uri = `${FOLDER}/configured/main.tf`;
    await openDoc(s, uri, path.join(dir, 'configured', 'main.tf'), 'terraform');
    const ds = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'ebs-volume-encryption'));
    const gap = ds.find((d) => d.code === 'ebs-volume-encryption');
    assert.equal(gap?.severity, 1, 'the config file made the rule an error');
    assert.ok(s.reads.includes(`${FOLDER}/configured/.aws-responsibility.yaml`));
  });

  it('CloudFormation analyses alike (a single file), and nothing is read outside the workspace folder', async () => {
    const file = path.join(dir, 'cloudformation', 'web-app.yaml');
    const uri = `${FOLDER}/cloudformation/web-app.yaml`;
    await openDoc(s, uri, file, 'yaml');
    const text = fs.readFileSync(file, 'utf8');
    const expected = effectiveFindings(analyzeText(file, text, 'yaml'), text, {}).map((f) => `${f.ruleId}: ${f.message}`).sort();
    const ds = await s.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(shown(ds), expected);
    assert.ok(s.reads.length > 0);
    for (const r of s.reads) assert.ok(r === FOLDER || r.startsWith(`${FOLDER}/`), `read outside the workspace folder: ${r}`);
  });

  it('Terraform functions that hash and encode run without Node (no Buffer, no crypto module)', async () => {
    const tf = [
      'locals {',
      '  enc = base64encode("é€😀") == "w6nigqzwn5iA"',
      '  sum = sha512("x") != "" && md5("x") == "9dd4e461268c8034f5c8564e155c67a6" && sha1("x") != "" && base64sha256("x") != ""',
      '}',
      'resource "aws_ebs_volume" "hashed" {',
      '  availability_zone = "eu-west-1a"',
      '  size              = 1',
      '  encrypted         = !(local.enc && local.sum)',
      '}',
      '',
    ].join('\n');
    fs.mkdirSync(path.join(dir, 'hashes'));
    fs.writeFileSync(path.join(dir, 'hashes', 'main.tf'), tf);
    const uri = `${FOLDER}/hashes/main.tf`;
    await openDoc(s, uri, path.join(dir, 'hashes', 'main.tf'), 'terraform');
    // Both locals are true only when the digests and Base64 match Terraform's: then the volume is not encrypted.
    const ds = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'ebs-volume-encryption'));
    assert.ok(ds.some((d) => /hashed/.test(d.message)));
    assert.deepEqual(s.errors, [], 'the server logged errors');
  });
});
