/**
 * A hover sent right behind a change, over real stdio LSP: it is answered from the last analysis (mapped through the
 * edit), and its answer reaches the client before the changed version's diagnostics — whether the server reads it
 * before the re-analysis starts or while it runs (the server answers pending requests between the analysis and the
 * publication). No timing is asserted, only the order of the messages and the card.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { assertBuilt, LspSession, markdownOf } from './harness';

/** Every message the server writes, in order (a second reader of its stdout, beside the session's). */
function messagesOf(s: LspSession): { method?: string; id?: unknown; params?: { version?: number }; result?: unknown }[] {
  const out: { method?: string; id?: unknown; params?: { version?: number }; result?: unknown }[] = [];
  let buf = Buffer.alloc(0);
  s.child.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString('ascii'))?.[1]);
      if (buf.length < sep + 4 + len) return;
      out.push(JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString('utf8')) as (typeof out)[number]);
      buf = buf.subarray(sep + 4 + len);
    }
  });
  return out;
}

/** One JSON-RPC message framed as LSP sends it. */
function frame(msg: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** A template with `n` buckets, each with a tag value to type into. */
function template(n: number): string {
  const out = ['Resources:'];
  for (let i = 0; i < n; i++) {
    out.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: bucket-${i}`, '      Tags:', '        - Key: team', `          Value: resource-${i}`);
  }
  return out.join('\n') + '\n';
}

describe('a hover sent right behind a change', () => {
  let s: LspSession;
  let messages: ReturnType<typeof messagesOf>;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false });
    messages = messagesOf(s);
    await s.initialize(null);
  });
  after(() => s?.kill());

  it('is answered from the last analysis before the new version is published', async () => {
    const n = 400;
    const text = template(n);
    const uri = 'untitled:hover-during-edit.yaml';
    await s.open(uri, 'yaml', text);
    const lines = text.split('\n');
    // The edit: inside the tag value of resource 100; the hover: the type of resource 300 (after the edit, other lines).
    const editLine = lines.indexOf('          Value: resource-100');
    const typeLine = lines.indexOf('  Bucket300:') + 1;
    const before = await s.hover(uri, typeLine, 12);
    assert.match(markdownOf(before), /Simple Storage Service|S3/);
    let version = 1;
    for (let k = 0; k < 6; k++) {
      const v = ++version;
      const at = { line: editLine, character: 17 };
      const change = k % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: editLine, character: 18 } }, text: '' };
      const published = s.count(uri);
      // The change and the hover in one write: the server reads them together, as when the pointer rests on the text
      // being typed. (The hover's id is ours, not the session's: its answer is read from the raw messages.)
      const id = `hover-during-edit-${k}`;
      const didChange = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [change] } };
      const hover = { jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: typeLine, character: 12 } } };
      s.child.stdin.write(Buffer.concat([frame(didChange), frame(hover)]));
      await s.nextDiagnostics(uri, published, v);
      const answerAt = messages.findIndex((m) => m.id === id && m.method === undefined);
      const publishedAt = messages.findIndex((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.version === v);
      assert.ok(answerAt >= 0, `keystroke ${k}: the hover was answered`);
      assert.ok(answerAt < publishedAt, `keystroke ${k}: the hover was answered after version ${v}'s diagnostics`);
      const h = messages[answerAt].result as Hover | null;
      assert.equal(markdownOf(h), markdownOf(before), `keystroke ${k}: the card of the last analysis`);
      assert.deepEqual(h?.range, before?.range, `keystroke ${k}: the range (the edit is on another line)`);
    }
  });
});

describe('a hover sent behind a change and the pull a pulling client sends with it', () => {
  let s: LspSession;
  let messages: ReturnType<typeof messagesOf>;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false, pullDiagnostics: true });
    messages = messagesOf(s);
    await s.initialize(null);
  });
  after(() => s?.kill());

  it('both are answered: the hover from the last analysis, the pull with the changed version’s report', async () => {
    const text = template(300);
    const uri = 'untitled:hover-behind-pull.yaml';
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const lines = text.split('\n');
    const typeLine = lines.indexOf('  Bucket200:') + 1;
    const before = await s.hover(uri, typeLine, 12);
    assert.match(markdownOf(before), /Simple Storage Service|S3/);
    // Bucket 50 gets a public-read ACL: a new finding, so the report after the change differs from the one before.
    const aclLine = lines.indexOf('      BucketName: bucket-50');
    let first: { resultId?: string; items?: { code?: unknown }[] } | undefined;
    for (const [k, change] of [
      [0, { range: { start: { line: aclLine, character: 0 }, end: { line: aclLine, character: 0 } }, text: '      AccessControl: PublicRead\n' }],
      [1, { range: { start: { line: aclLine, character: 0 }, end: { line: aclLine + 1, character: 0 } }, text: '' }],
    ] as const) {
      const v = k + 2;
      const didChange = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [change] } };
      const pull = { jsonrpc: '2.0', id: `pull-${k}`, method: 'textDocument/diagnostic', params: { textDocument: { uri } } };
      // The hover is on a line after the inserted one: in the new text one line further down.
      const hoverLine = k === 0 ? typeLine + 1 : typeLine;
      const hover = { jsonrpc: '2.0', id: `hover-${k}`, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: hoverLine, character: 12 } } };
      s.child.stdin.write(Buffer.concat([frame(didChange), frame(pull), frame(hover)]));
      // The raw messages are read beside the session (no publication wakes its waiters): polled.
      const answered = async (id: string): Promise<(typeof messages)[number]> => {
        for (let t = 0; t < 1000; t++) {
          const m = messages.find((x) => x.id === id && x.method === undefined);
          if (m) return m;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error(`no answer to ${id}`);
      };
      const report = (await answered(`pull-${k}`)).result as { resultId?: string; items?: { code?: unknown }[] };
      const h = (await answered(`hover-${k}`)).result as Hover | null;
      assert.equal(markdownOf(h), markdownOf(before), `change ${k}: the card`);
      assert.equal(h?.range?.start.line, hoverLine, `change ${k}: the card's range in the new text`);
      const acl = (report.items ?? []).filter((d) => d.code === 's3-bucket-public-acl');
      if (k === 0) {
        first = report;
        assert.ok(acl.length > (0 as number), `change ${k}: the new ACL finding is in the report: ${JSON.stringify(report.items?.map((d) => d.code))}`);
      } else {
        assert.notEqual(report.resultId, first?.resultId);
        assert.equal(acl.length, 0, `change ${k}: the ACL finding is gone`);
      }
    }
  });
});
