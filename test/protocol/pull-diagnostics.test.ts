/**
 * Pull diagnostics over real stdio LSP, as our VS Code client asks for them (`pullDiagnostics` in initializationOptions,
 * `textDocument/diagnostic` after each change): a pull answers the document's current version, a keystroke that
 * changes no diagnostic is answered `unchanged` (nothing re-sent), one that does gets the full new list, nothing is
 * pushed, and a change in another file of a Terraform module makes the server ask the client to pull again.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { assertBuilt, LspSession } from './harness';

type Full = { kind: 'full'; resultId?: string; items: Diagnostic[] };
type Unchanged = { kind: 'unchanged'; resultId: string };

function pull(s: LspSession, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
}
function full(r: DocumentDiagnosticReport): Full {
  assert.equal(r.kind, 'full', JSON.stringify(r).slice(0, 300));
  return r as Full;
}
const codesOf = (r: Full): string[] => r.items.map((d) => String(d.code)).sort();

describe('pull diagnostics (a client that asks for them)', () => {
  let s: LspSession;
  let init: InitializeResult;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false, pullDiagnostics: true });
    init = await s.initialize(null);
  });
  after(() => s?.kill());

  it('the server offers them, and answers each pull with the current version’s report: unchanged when nothing changed', async () => {
    assert.ok(init.capabilities.diagnosticProvider, 'diagnosticProvider in the capabilities');
    const uri = 'untitled:pulled.yaml';
    const text = ['Resources:', '  Vol:', '    Type: AWS::EC2::Volume', '    Properties:', '      AvailabilityZone: us-east-1a', '      Size: 10', '      Tags:', '        - Key: team', '          Value: one', '  Other:', '    Type: AWS::EC2::Volume', '    Properties:', '      AvailabilityZone: us-east-1a', '      Size: 20', ''].join('\n');
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = full(await pull(s, uri));
    assert.ok(codesOf(first).includes('ebs-volume-encryption'), codesOf(first).join());
    assert.ok(first.resultId);
    assert.deepEqual(first.items.filter((d) => d.code === 'ebs-volume-encryption').map((d) => d.range.start.line), [2, 10]);

    // A keystroke in a tag value: the same diagnostics, and the pull sent right behind the change says so.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 8, character: 17 }, end: { line: 8, character: 20 } }, text: 'two' }] });
    const same = await pull(s, uri, first.resultId);
    assert.deepEqual(same, { kind: 'unchanged', resultId: first.resultId } satisfies Unchanged);

    // Without the previous id the client gets the whole list again (a client that lost it).
    assert.deepEqual(codesOf(full(await pull(s, uri))), codesOf(first));

    // A change that closes the gap: the pull right behind it waits for its analysis and gets the new list.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '      Encrypted: true\n' }] });
    const fixed = full(await pull(s, uri, first.resultId));
    assert.deepEqual(fixed.items.filter((d) => d.code === 'ebs-volume-encryption').map((d) => d.range.start.line), [11], 'only the other volume’s gap is left');
    assert.notEqual(fixed.resultId, first.resultId);

    // A change that moves every diagnostic down a line: new positions, so a new list.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }] });
    const moved = full(await pull(s, uri, fixed.resultId));
    assert.ok(fixed.items.length > 0);
    assert.deepEqual(codesOf(moved), codesOf(fixed));
    assert.deepEqual(moved.items.map((d) => d.range.start.line), fixed.items.map((d) => d.range.start.line + 1));

    assert.equal(s.count(uri), 0, 'nothing pushed to a client that pulls');
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(full(await pull(s, uri)).items, [], 'a closed document has no report');
    assert.equal(s.count(uri), 0);
  });

  it('a file the server does not analyse gets an empty report, without waiting', async () => {
    const uri = 'untitled:notes.txt';
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'hello' } });
    assert.deepEqual(full(await pull(s, uri)).items, []);
  });
});

describe('pull diagnostics across the files of a Terraform module', () => {
  let s: LspSession;
  let dir: string;
  before(async () => {
    assertBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-pull-')));
    fs.cpSync(path.join(__dirname, '..', 'unit', 'project', 'fixtures', 'split'), dir, { recursive: true });
    s = new LspSession({ configuration: false, pullDiagnostics: true });
    await s.initialize(pathToFileURL(dir).href);
  });
  after(() => {
    s?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an edit of variables.tf changes main.tf’s diagnostics: the server asks the client to pull again, and main.tf’s pull has them', async () => {
    const main = pathToFileURL(path.join(dir, 'main.tf')).href;
    const vars = pathToFileURL(path.join(dir, 'variables.tf')).href;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'terraform', version: 1, text: fs.readFileSync(path.join(dir, 'main.tf'), 'utf8') } });
    const before = full(await pull(s, main));
    assert.ok(codesOf(before).includes('ebs-volume-encryption'), 'the volume reads var.enc = false');
    const varsText = fs.readFileSync(path.join(dir, 'variables.tf'), 'utf8');
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: vars, languageId: 'terraform', version: 1, text: varsText } });
    full(await pull(s, vars));
    const refreshes = s.diagnosticRefreshes;

    const at = varsText.split('\n').findIndex((l) => l.includes('default'));
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: vars, version: 2 }, contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, text: '  default = true\n' }] });
    await pull(s, vars);
    await s.waitFor('workspace/diagnostic/refresh', () => (s.diagnosticRefreshes > refreshes ? true : undefined));
    const after = full(await pull(s, main, before.resultId));
    assert.ok(!codesOf(after).includes('ebs-volume-encryption'), codesOf(after).join());
    assert.equal(s.count(main) + s.count(vars), 0, 'nothing pushed');
  });
});
