import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/lsp/server';
import { discardedTexts } from '../../../server/src/node/discarded-texts';
import { nodeServerHost } from '../../../server/src/node/lsp-host';

const MB = 1 << 20;

describe('discardedTexts (a full collection once enough replaced text is dead)', () => {
  it('collects once the dropped texts reach 8 MB and a quarter of the heap, then counts again from zero', () => {
    let calls = 0;
    const t = discardedTexts(() => calls++, () => 20 * MB);
    t.discarded(5 * MB);
    t.collectIfDue();
    assert.equal(calls, 0, '5 MB: below the 8 MB floor');
    t.discarded(3 * MB);
    t.collectIfDue();
    assert.equal(calls, 1, '8 MB of a 20 MB heap');
    t.collectIfDue();
    assert.equal(calls, 1, 'nothing dropped since');
    t.discarded(7 * MB);
    t.collectIfDue();
    assert.equal(calls, 1);
    t.discarded(1 * MB);
    t.collectIfDue();
    assert.equal(calls, 2);
  });

  it('waits for a quarter of a larger heap', () => {
    let calls = 0;
    const t = discardedTexts(() => calls++, () => 48 * MB);
    t.discarded(10 * MB);
    t.collectIfDue();
    assert.equal(calls, 0, '10 MB of 48');
    t.discarded(2 * MB);
    t.collectIfDue();
    assert.equal(calls, 1, '12 MB of 48');
  });

  it('leaves a heap over 64 MB to V8 (a full collection would take 100 ms or more), without piling up a debt', () => {
    let calls = 0;
    let heap = 200 * MB;
    const t = discardedTexts(() => calls++, () => heap);
    t.discarded(60 * MB);
    t.collectIfDue();
    assert.equal(calls, 0);
    heap = 30 * MB;
    t.collectIfDue();
    assert.equal(calls, 0, 'what was dropped on the large heap is not counted again');
    t.discarded(8 * MB);
    t.collectIfDue();
    assert.equal(calls, 1);
  });

  it('survives a gc function that throws', () => {
    const t = discardedTexts(() => {
      throw new Error('not V8');
    }, () => 1);
    t.discarded(9 * MB);
    assert.doesNotThrow(() => t.collectIfDue());
  });

  it('does nothing without a gc function (Node without --expose-gc)', () => {
    const t = discardedTexts(undefined, () => 1);
    t.discarded(100 * MB);
    assert.doesNotThrow(() => t.collectIfDue());
  });
});

describe('the server tells its host which texts it dropped, and when diagnostics are out', () => {
  it('reports the replaced text of each change and the closed text, and a publication after each analysis', async () => {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const events: string[] = [];
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
    startServer(connection, {
      ...nodeServerHost(),
      discardedText: (length) => events.push(`discarded ${length}`),
      afterPublication: () => events.push('published'),
    });
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const published: number[] = [];
    let onPublish: (() => void) | undefined;
    client.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
      if (p.version !== undefined) published.push(p.version);
      onPublish?.();
    });
    client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    client.listen();
    const publishedVersion = (v: number): Promise<void> =>
      new Promise((resolve) => {
        onPublish = () => {
          if (published.includes(v)) resolve();
        };
        onPublish();
      });
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await client.sendNotification('initialized', {});
      const uri = 'untitled:discarded.yaml';
      const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await publishedVersion(1);
      const edited = text.replace('Bucket:', 'Bucket2:');
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, text: '2' }],
      });
      await publishedVersion(2);
      await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await new Promise((r) => setTimeout(r, 20));
      // Each publication is followed by the host's turn; the change dropped the opened text, the close the edited one.
      assert.deepEqual(
        events,
        ['published', `discarded ${text.length}`, 'published', `discarded ${edited.length}`],
      );
    } finally {
      client.dispose();
      connection.dispose();
      toServer.end();
      fromServer.end();
    }
  });
});
