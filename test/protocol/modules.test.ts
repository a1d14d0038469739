/**
 * Terraform modules over real stdio LSP: a file is analysed with its folder's other files (read from disk, editors'
 * unsaved text first), and its diagnostics follow changes to them — reported by the client (dynamic
 * `workspace/didChangeWatchedFiles`) or seen by the server's own watcher (clients without it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { assertBuilt, cliScanFolder, findingsOnly, fromCli, fromDiagnostic, LspSession, markdownOf, messageText, sortComparable, unescapeMarkdown } from './harness';

const FIXTURES = path.join(__dirname, '..', 'unit', 'project', 'fixtures');
const PLAN = path.join(__dirname, '..', 'unit', 'plan', 'fixtures', 'plan.json');
const uriOf = (p: string): string => pathToFileURL(p).href;
const read = (p: string): string => fs.readFileSync(p, 'utf8');

/** A writable copy of a fixture folder (tests change files on disk). */
function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `arl-mod-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return fs.realpathSync(dir);
}

// The fixture's bucket has no server access logging and no TLS-only bucket policy (Information of their own): these
// tests follow the other findings.
const BUCKET_INFORMATION = new Set(['s3-access-logging', 'secure-transport-policy']);
const codes = (ds: readonly Diagnostic[]): string[] =>
  findingsOnly(ds).filter((d) => !BUCKET_INFORMATION.has(String(d.code))).map((d) => `${String(d.code)}@${d.range.start.line + 1}`).sort();

const timings: Record<string, number> = {};

describe('Terraform modules, client that watches files for the server', () => {
  let s: LspSession;
  let dir: string;
  let main: string;
  let vars: string;

  before(async () => {
    assertBuilt();
    dir = copyFixture('split');
    main = path.join(dir, 'main.tf');
    vars = path.join(dir, 'variables.tf');
    s = new LspSession({ configuration: false, watchFiles: true });
    await s.initialize(uriOf(dir));
  });
  after(() => {
    s?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks the client to watch Terraform files and variable files', async () => {
    const reg = await s.waitFor('a didChangeWatchedFiles registration', () => s.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = JSON.stringify(reg.registerOptions);
    for (const g of ['**/*.tf', '**/*.tfvars', '**/*.tfvars.json', '**/.terraform/modules/modules.json']) assert.ok(globs.includes(g), `${g} in ${globs}`);
  });

  it('opening only main.tf uses variables.tf and the resources of s3.tf — the same findings as the CLI on the folder', async () => {
    const t0 = performance.now();
    const pub = await s.open(uriOf(main), 'terraform', read(main));
    timings['open main.tf of a 3-file module → first diagnostics (ms)'] = Math.round(pub.at - t0);
    const ds = pub.params.diagnostics;
    assert.deepEqual(codes(ds), ['ebs-volume-encryption@8'], 'the volume reads var.enc = false; the bucket is protected in s3.tf');
    const cli = cliScanFolder(dir).find((f) => f.path === main);
    assert.ok(cli);
    assert.deepEqual(sortComparable(findingsOnly(ds).map(fromDiagnostic)), sortComparable(cli.findings.map(fromCli)));
  });

  it('the hover names the file the value comes from', async () => {
    const h = unescapeMarkdown(markdownOf(await s.hover(uriOf(main), 7, 24)));
    assert.match(h, /variable enc \(default false\)/);
  });

  it('variables.tf changed on disk (reported by the client) → main.tf re-published without the gap', async () => {
    const n = s.count(uriOf(main));
    fs.writeFileSync(vars, 'variable "enc" {\n  type    = bool\n  default = true\n}\n');
    const t0 = performance.now();
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(vars), type: 2 }] });
    const pub = await s.waitFor('main.tf without the gap', () => (s.publications.get(uriOf(main)) ?? []).slice(n).find((p) => codes(p.params.diagnostics).length === 0));
    timings['variables.tf changed on disk → main.tf diagnostics (ms)'] = Math.round(pub.at - t0);
  });

  it('an unsaved edit of variables.tf in the editor → main.tf follows at once', async () => {
    const v = uriOf(vars);
    await s.open(v, 'terraform', read(vars));
    const n = s.count(uriOf(main));
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: v, version: 2 }, contentChanges: [{ text: 'variable "enc" {\n  default = false\n}\n' }] });
    const pub = await s.waitFor('main.tf with the gap again', () => (s.publications.get(uriOf(main)) ?? []).slice(n).find((p) => codes(p.params.diagnostics).length === 1));
    timings['edit in variables.tf → main.tf diagnostics (ms)'] = Math.round(pub.at - t0);
    // Closing variables.tf without saving: the disk (default = true) applies again.
    const m = s.count(uriOf(main));
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: v } });
    await s.waitFor('main.tf back to the disk', () => (s.publications.get(uriOf(main)) ?? []).slice(m).find((p) => codes(p.params.diagnostics).length === 0));
  });

  it('a new .auto.tfvars file on disk is read', async () => {
    const n = s.count(uriOf(main));
    const f = path.join(dir, 'off.auto.tfvars');
    fs.writeFileSync(f, 'enc = false\n');
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(f), type: 1 }] });
    await s.waitFor('main.tf with the gap from off.auto.tfvars', () => (s.publications.get(uriOf(main)) ?? []).slice(n).find((p) => codes(p.params.diagnostics).length === 1));
    const h = unescapeMarkdown(markdownOf(await s.hover(uriOf(main), 7, 24)));
    assert.match(h, /variable enc = false \(from off\.auto\.tfvars line 1\)/);
  });

  it('a .tfvars document: hover on an assignment tells the variable, its declaration and what reads it', async () => {
    const f = path.join(dir, 'off.auto.tfvars');
    await s.open(uriOf(f), 'terraform', read(f));
    const h = unescapeMarkdown(markdownOf(await s.hover(uriOf(f), 0, 1)));
    assert.match(h, /\*\*variable `enc`\*\* = `false`/);
    assert.match(h, /Declared in `variables\.tf` line 1/);
    assert.match(h, /This value applies/);
    assert.match(h, /Read by: `aws_ebs_volume\.v` \(main\.tf line 8\)/);
  });

  it('a syntax error in a .tfvars document is a diagnostic, the server stays up', async () => {
    const f = path.join(dir, 'broken.tfvars');
    const pub = await s.open(uriOf(f), 'terraform', 'enc = [1, 2\n');
    assert.ok(pub.params.diagnostics.some((d) => d.code === 'syntax-error'));
    assert.ok(s.alive());
  });
});

describe('Terraform modules, client without file watching (the server watches)', () => {
  let s: LspSession;
  let dir: string;

  before(async () => {
    assertBuilt();
    dir = copyFixture('split');
    s = new LspSession({ configuration: false });
    await s.initialize(uriOf(dir));
  });
  after(() => {
    s?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('variables.tf changed on disk → main.tf re-published by the server\'s own watcher', async () => {
    const main = path.join(dir, 'main.tf');
    const pub = await s.open(uriOf(main), 'terraform', read(main));
    assert.deepEqual(codes(pub.params.diagnostics), ['ebs-volume-encryption@8']);
    const n = s.count(uriOf(main));
    fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "enc" {\n  default = true\n}\n');
    await s.waitFor('main.tf without the gap', () => (s.publications.get(uriOf(main)) ?? []).slice(n).find((p) => codes(p.params.diagnostics).length === 0));
  });
});

describe('module calls and plans over LSP', () => {
  let s: LspSession;
  let dir: string;

  before(async () => {
    assertBuilt();
    dir = copyFixture('module-call');
    s = new LspSession({ configuration: false, watchFiles: true });
    await s.initialize(uriOf(dir));
  });
  after(() => {
    s?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a gap an argument causes is published at the argument of the caller; the module\'s own gap in its file', async () => {
    const main = path.join(dir, 'main.tf');
    const pub = await s.open(uriOf(main), 'terraform', read(main));
    assert.deepEqual(codes(pub.params.diagnostics), ['ebs-volume-encryption@3']);
    assert.match(messageText(findingsOnly(pub.params.diagnostics)[0]), /module\.storage\.aws_ebs_volume\.this/);
    const child = path.join(dir, 'modules', 'storage', 'main.tf');
    const cpub = await s.open(uriOf(child), 'terraform', read(child));
    assert.deepEqual(codes(cpub.params.diagnostics), ['ebs-volume-encryption@10']);
    const h = unescapeMarkdown(markdownOf(await s.hover(uriOf(child), 3, 24)));
    assert.match(h, /depends on the caller/);
  });

  it('editing the call in the caller updates the caller at once', async () => {
    const main = path.join(dir, 'main.tf');
    const text = read(main).replace('encrypted = false', 'encrypted = true ');
    const pub = await s.change(uriOf(main), 2, [{ text }]);
    assert.deepEqual(codes(pub.params.diagnostics), []);
  });

  it('a Terraform plan (JSON) is recognized by its content; findings point into it; no fix is offered', async () => {
    const plan = path.join(dir, 'plan.json');
    fs.copyFileSync(PLAN, plan);
    const pub = await s.open(uriOf(plan), 'json', read(plan));
    const ds = findingsOnly(pub.params.diagnostics);
    const enc = ds.find((d) => d.code === 'ebs-volume-encryption');
    assert.ok(enc, JSON.stringify(ds.map((d) => d.code)));
    assert.match(messageText(enc), /module\.storage\.aws_ebs_volume/);
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(plan) }, range: enc.range, context: { diagnostics: [enc] } })) as { title: string }[];
    assert.ok(!actions.some((a) => a.title.startsWith('Set ')), JSON.stringify(actions.map((a) => a.title)));
  });

  after(() => {
    for (const [k, v] of Object.entries(timings)) process.stdout.write(`# timing: ${k}: ${v}\n`);
  });
});
