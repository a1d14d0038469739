/**
 * The server's stdio writer (server/src/lsp/stdio-writer.ts): every message framed as LSP wants it, its JSON the
 * message's JSON (a publication written from each diagnostic's cached bytes, in pieces), written at once and in order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from 'vscode-languageserver/node';
import { ImmediateStreamWriter, messageChunks, type OutStream } from '../../../server/src/lsp/stdio-writer';

/** A stream that keeps what is written, and whether it was corked when the last piece came. */
function sink(): OutStream & { bytes: () => Buffer; writes: number } {
  const parts: Buffer[] = [];
  let writes = 0;
  return {
    write(chunk, cb) {
      writes++;
      parts.push(Buffer.from(chunk));
      if (cb) queueMicrotask(() => cb(null));
      return true;
    },
    cork() {},
    uncork() {},
    end() {},
    on() {
      return undefined;
    },
    bytes: () => Buffer.concat(parts),
    get writes() {
      return writes;
    },
  };
}

/** The messages in a framed byte stream. */
function unframe(b: Buffer): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < b.length) {
    const sep = b.indexOf('\r\n\r\n', at);
    const m = /^Content-Length: (\d+)$/.exec(b.subarray(at, sep).toString('ascii'));
    assert.ok(m, `header at ${at}: ${b.subarray(at, sep).toString('ascii')}`);
    const len = Number(m[1]);
    out.push(JSON.parse(b.subarray(sep + 4, sep + 4 + len).toString('utf8')));
    at = sep + 4 + len;
  }
  return out;
}

describe('stdio writer', () => {
  const diagnostics = [
    { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } }, severity: 2, source: 's', code: 'r', message: 'Bucket `a` — «ü» "q" \\ \u2028', data: { fix: undefined, resource: 'a' } },
    { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 1 } }, severity: 1, message: 'second' },
  ];

  it('a publication is the JSON of the message, from the same pieces each time', () => {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a b.yaml', version: 7, diagnostics } } as Message;
    const once = messageChunks(msg);
    assert.equal(Buffer.concat(once).toString('utf8'), JSON.stringify(msg));
    const again = messageChunks(msg);
    // The diagnostics' bytes are cached per Diagnostic object.
    assert.equal(again[1], once[1]);
    assert.equal(again[3], once[3]);
    for (const params of [{ uri: 'u', diagnostics: [] }, { uri: 'u', version: undefined, diagnostics }, { diagnostics }]) {
      const m = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as Message;
      assert.deepEqual(JSON.parse(Buffer.concat(messageChunks(m)).toString('utf8')), JSON.parse(JSON.stringify(m)));
    }
    const other = { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: 'x ü' } } } as unknown as Message;
    assert.equal(Buffer.concat(messageChunks(other)).toString('utf8'), JSON.stringify(other));
  });

  it('a pulled report (the answer to textDocument/diagnostic) is its JSON, its items from the same cached pieces', () => {
    const msg = { jsonrpc: '2.0', id: 12, result: { kind: 'full', resultId: '4', items: diagnostics } } as unknown as Message;
    const chunks = messageChunks(msg);
    assert.equal(Buffer.concat(chunks).toString('utf8'), JSON.stringify(msg));
    const publication = messageChunks({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics } } as Message);
    assert.equal(chunks[1], publication[1], 'the same bytes as when the diagnostic was pushed');
    for (const result of [{ kind: 'full', items: [] }, { kind: 'full', resultId: undefined, items: diagnostics }, { kind: 'unchanged', resultId: '4' }]) {
      const m = { jsonrpc: '2.0', id: 'x', result } as unknown as Message;
      assert.deepEqual(JSON.parse(Buffer.concat(messageChunks(m)).toString('utf8')), JSON.parse(JSON.stringify(m)));
    }
  });

  it('writes each message at once, framed, in the order sent', async () => {
    const out = sink();
    const w = new ImmediateStreamWriter(out);
    const msgs = [
      { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: 'é' } } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', version: 2, diagnostics } },
      { jsonrpc: '2.0', id: 2, result: null },
    ] as unknown as Message[];
    const sent = msgs.map((m) => w.write(m));
    // Synchronously: nothing waits for a later turn.
    assert.deepEqual(unframe(out.bytes()), JSON.parse(JSON.stringify(msgs)));
    await Promise.all(sent);
  });
});
