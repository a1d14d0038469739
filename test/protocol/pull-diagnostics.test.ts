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

describe('pulled diagnostics after a run of edits', () => {
  let s: LspSession;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false, pullDiagnostics: true });
    await s.initialize(null);
  });
  after(() => s?.kill());

  it('equal those of the same text opened fresh, after every change (typing, deleting, several changes in one notification)', async () => {
    // A template large enough for the server's copy-when-idle and edit hints (text-document.ts, edit-log.ts) to apply.
    const lines = ['Resources:'];
    for (let i = 0; i < 4000; i++) lines.push(`  Vol${i}:`, '    Type: AWS::EC2::Volume', '    Properties:', '      AvailabilityZone: us-east-1a', `      Size: ${i % 50}`, `      Encrypted: ${i % 3 === 0}`);
    let text = lines.join('\n') + '\n';
    const uri = 'untitled:typed.yaml';
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    let last = full(await pull(s, uri));
    const positionOf = (t: string, offset: number): { line: number; character: number } => {
      const before = t.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const inserts = ['x', 'Encrypted: true', '\n      ', ' ', 'false', '#', ':'];
    for (let version = 2; version < 30; version++) {
      const changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] = [];
      const count = 1 + (version % 4 === 0 ? 1 : 0);
      for (let k = 0; k < count; k++) {
        // Mostly next to the last change (typing), sometimes anywhere.
        const at = version % 5 === 0 ? rand(text.length) : Math.min(text.length, text.indexOf('Encrypted: ', Math.floor(text.length / 2)) + 11 + k);
        const del = rand(3) === 0 ? rand(6) : 0;
        const ins = rand(2) === 0 ? inserts[rand(inserts.length)] : '';
        const end = Math.min(text.length, at + del);
        changes.push({ range: { start: positionOf(text, at), end: positionOf(text, end) }, text: ins });
        text = text.slice(0, at) + ins + text.slice(end);
      }
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      const r = await pull(s, uri, last.resultId);
      if (r.kind === 'full') last = r as Full;
      const freshUri = `untitled:fresh-${version}.yaml`;
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'yaml', version: 1, text } });
      const fresh = full(await pull(s, freshUri));
      await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      const key = (d: Diagnostic): string => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
      assert.deepEqual(last.items.map(key), fresh.items.map(key), `version ${version}`);
    }
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
    // Each refresh the server sends is followed by a pull of main.tf, as a client does; one of them (a refresh of an
    // earlier change may still be on its way) has the new report.
    let seen = refreshes;
    let after: Full | undefined;
    for (let k = 0; k < 5 && (!after || codesOf(after).includes('ebs-volume-encryption')); k++) {
      await s.waitFor('workspace/diagnostic/refresh', () => (s.diagnosticRefreshes > seen ? true : undefined));
      seen = s.diagnosticRefreshes;
      after = full(await pull(s, main, before.resultId));
    }
    assert.ok(after && !codesOf(after).includes('ebs-volume-encryption'), after && codesOf(after).join());
    assert.equal(s.count(main) + s.count(vars), 0, 'nothing pushed');
  });
});

describe('a pull from a client that did not ask for pull diagnostics', () => {
  let s: LspSession;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false });
    await s.initialize(null);
  });
  after(() => s?.kill());

  it('is answered with the diagnostics the server pushed, not left waiting', async () => {
    const uri = 'untitled:pushed.yaml';
    const text = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: us-east-1a\n      Size: 10\n';
    const pushed = await s.open(uri, 'yaml', text);
    const pulled = full(await pull(s, uri));
    assert.ok(pushed.params.diagnostics.length > 0);
    assert.deepEqual(pulled.items, pushed.params.diagnostics);
  });
});

describe('a client that links rule codes itself, as ours does (`ruleLinks`)', () => {
  let s: LspSession;
  let init: InitializeResult;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false, pullDiagnostics: true, ruleLinks: true });
    init = await s.initialize(null);
  });
  after(() => s?.kill());

  it('gets every rule\'s documentation once, in the initialize result, and diagnostics without it', async () => {
    const docs = (init.capabilities.experimental as { ruleDocs?: Record<string, string> } | undefined)?.ruleDocs;
    assert.ok(docs && Object.keys(docs).length >= 100, 'ruleDocs in the capabilities');
    for (const url of Object.values(docs)) assert.match(url, /^https:\/\/docs\.aws\.amazon\.com\//);
    const uri = 'untitled:linked.yaml';
    const text = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: us-east-1a\n      Size: 10\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const items = full(await pull(s, uri)).items;
    assert.ok(items.length >= 3, codesOf({ kind: 'full', items } as Full).join());
    for (const d of items) {
      assert.equal(d.codeDescription, undefined, `${String(d.code)} carries no link`);
      assert.ok(docs[String(d.code)], `${String(d.code)} is in the table`);
    }
  });
});
