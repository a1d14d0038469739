// Runs inside the extension host (VS Code desktop via @vscode/test-electron, or code-server via the e2e payload).
// Mocha-free: node:assert + a tiny runner. Expected values come from the product's CLI (e2e/lib/expected.js),
// so the tests follow the analysis instead of hard-coding it. Exports run() as the test-electron contract requires.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { runCli } = require('../../../e2e/lib/expected');

const SOURCE = 'aws-responsibility';
const CMD = 'awsResponsibility.showModel';
const VIEW_TITLE = 'Responsibility model';
const STEP_MS = Number(process.env.ARL_TEST_STEP_MS || 60000); // per test; e2e/run.sh sets a shorter one
const CFN = 'cloudformation/web-app.yaml', TF = 'terraform/main.tf';

function ws() {
  const w = process.env.ARL_TEST_WS || (vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0].uri.fsPath);
  assert.ok(w, 'no workspace folder');
  return w;
}
const cli = () => process.env.ARL_TEST_CLI || path.resolve(__dirname, '..', '..', '..', 'bin', 'aws-responsibility.js');
const abs = (rel) => path.join(ws(), rel);
const expected = (rel) => runCli(cli(), abs(rel));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function until(what, fn, ms = 30000) {
  const t0 = Date.now(); let last;
  while (Date.now() - t0 < ms) { last = await fn(); if (last.ok) return last.value; await sleep(100); }
  throw new Error(`${what}: timed out (${last && last.why})`);
}
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(abs(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Waits until the diagnostics of `doc` equal the CLI's findings for the file on disk (count, messages, rule ids). */
async function diagnosticsMatchCli(doc, rel) {
  const exp = expected(rel);
  return until(`diagnostics of ${rel} = CLI (${exp.findings.length})`, () => {
    const ds = ours(doc.uri);
    if (ds.length !== exp.findings.length) return { ok: false, why: `${ds.length} diagnostics` };
    for (const f of exp.findings) {
      const d = ds.find((x) => x.message === f.message);
      if (!d) return { ok: false, why: `missing "${f.message.slice(0, 80)}"` };
      if (f.ruleId && codeOf(d) !== f.ruleId) return { ok: false, why: `code ${codeOf(d)} != ${f.ruleId}` };
    }
    return { ok: true, value: { ds, exp } };
  });
}

async function hoverText(doc, res) {
  const r = res.raw.range && res.raw.range.start;
  assert.ok(r, `resource ${res.id} has no range`);
  const pos = new vscode.Position(r.line, r.character + 1);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
}

function checkCard(md, res) {
  const unescape = (t) => t.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1'); // Markdown escapes, e.g. "\\(VPC\\)"
  const first = unescape(md.split('\n').find((l) => l.trim()) || '');
  if (res.service) assert.ok(first.includes(res.service), `first line "${first}" lacks service "${res.service}"`);
  assert.match(md, /infrastructure|container|managed/i);
  if (res.kind) assert.match(md, new RegExp(res.kind, 'i'));
  assert.match(md, /(^|\n)\s*(\*\*|#+\s*)AWS\b/, 'no "AWS" group heading');
  assert.match(md, /(^|\n)\s*(\*\*|#+\s*)You\b/, 'no "You" group heading');
}

async function replaceAll(doc, text) {
  const e = new vscode.WorkspaceEdit();
  e.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(e));
  assert.ok(await doc.save());
}

const product = () => vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'aws-responsibility-lens');
const real = (p) => { try { return fs.realpathSync(p); } catch { return path.resolve(p); } };

const tests = [
  ['the extension under test is the expected copy (VSIX install or repo) and is active', async () => {
    const ext = product();
    assert.ok(ext, 'aws-responsibility-lens is not loaded in this extension host');
    const want = process.env.ARL_TEST_EXT_DIR; // set by e2e/run.sh: the installed VSIX folder, or the repo in dev mode
    if (want) assert.equal(real(ext.extensionPath), real(want), `loaded from ${ext.extensionPath}, expected ${want}`);
    if (!ext.isActive) await ext.activate();   // throws with the activation error, if any
    assert.ok(ext.isActive, 'the extension did not activate');
  }],
  ['cfn: diagnostics match the CLI', async () => { await diagnosticsMatchCli(await open(CFN), CFN); }],
  ['cfn: hover card on a resource type', async () => {
    const doc = await open(CFN); const exp = expected(CFN);
    const res = exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0];
    checkCard(await until('hover', async () => { const t = await hoverText(doc, res); return { ok: !!t, value: t, why: 'empty' }; }), res);
  }],
  ['cfn: "Show responsibility model" opens the view', async () => {
    await open(CFN);
    const cmds = await vscode.commands.getCommands(true);
    assert.ok(cmds.includes(CMD), `${CMD} not registered`);
    await vscode.commands.executeCommand(CMD);
    await until('view tab', () => {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === VIEW_TITLE);
      return { ok: !!tab && tab.input instanceof vscode.TabInputWebview, why: 'no webview tab' };
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }],
  ['cfn: an edit updates the diagnostics', async () => {
    const doc = await open(CFN); const original = doc.getText();
    const before = expected(CFN).findings.length;
    const lines = original.split('\n'); const i = lines.findIndex((l) => /^Resources:\s*$/.test(l));
    assert.ok(i >= 0, 'no Resources: line');
    const e = new vscode.WorkspaceEdit();
    e.insert(doc.uri, new vscode.Position(i + 1, 0), '  E2eAddedVolume:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: us-east-1a\n');
    assert.ok(await vscode.workspace.applyEdit(e)); assert.ok(await doc.save());
    try {
      const { ds } = await diagnosticsMatchCli(doc, CFN);
      assert.ok(ds.length > before, `no new diagnostic (${before} -> ${ds.length})`);
      assert.ok(ds.some((d) => d.message.includes('E2eAddedVolume')), 'no diagnostic names E2eAddedVolume');
    } finally { await replaceAll(doc, original); }
    assert.equal((await diagnosticsMatchCli(doc, CFN)).ds.length, before);
  }],
  ['terraform: diagnostics and hover', async () => {
    const doc = await open(TF); const { exp } = await diagnosticsMatchCli(doc, TF);
    const res = exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0];
    checkCard(await until('hover', async () => { const t = await hoverText(doc, res); return { ok: !!t, value: t, why: 'empty' }; }), res);
  }],
  ['cfn: a quick fix removes its diagnostic', async () => {
    const doc = await open(CFN); const original = doc.getText();
    const { ds } = await diagnosticsMatchCli(doc, CFN);
    let applied;
    for (const d of [...ds].sort((a, b) => a.range.start.line - b.range.start.line)) {
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = (actions || []).find((a) => a.edit && !/ignore|suppress|disable/i.test(a.title) && (!a.diagnostics || a.diagnostics.some((x) => x.message === d.message)));
      if (fix) { assert.ok(await vscode.workspace.applyEdit(fix.edit)); applied = { d, fix }; break; }
    }
    assert.ok(applied, 'no diagnostic offers a quick fix');
    try {
      assert.ok(await doc.save());
      const after = await diagnosticsMatchCli(doc, CFN);
      assert.ok(after.ds.length < ds.length, `quick fix "${applied.fix.title}" did not remove a diagnostic`);
    } finally { await replaceAll(doc, original); }
  }],
];

async function run() {
  let passed = 0, failed = 0; const results = [];
  for (const [name, fn] of tests) {
    const t0 = Date.now(); let timer;
    try {
      await Promise.race([fn(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('timed out')), STEP_MS); })]);
      passed++; results.push({ name, ok: true, ms: Date.now() - t0 }); console.log(`ok - ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++; results.push({ name, ok: false, error: String(e && e.message) }); console.log(`not ok - ${name}\n    ${String(e && e.message).split('\n').join('\n    ')}`);
    } finally { clearTimeout(timer); }
    // progress so far, for a runner whose own time limit ends before the suite does
    if (process.env.ARL_TEST_RESULT) fs.writeFileSync(`${process.env.ARL_TEST_RESULT}.partial`, JSON.stringify({ passed, failed, results }, null, 2));
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (process.env.ARL_TEST_RESULT) fs.writeFileSync(process.env.ARL_TEST_RESULT, JSON.stringify({ passed, failed, results }, null, 2));
  if (failed) throw new Error(`${failed} test(s) failed`);
}

module.exports = { run };
