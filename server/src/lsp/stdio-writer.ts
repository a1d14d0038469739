/**
 * The stdio writer: each message is encoded and handed to the output stream at once, in the handler that sends it (as
 * vscode-jsonrpc's IPC writer does), instead of one event-loop turn later.
 *
 * vscode-jsonrpc's stream writer queues every message behind a semaphore that starts each write with `setImmediate`:
 * a hover answered right after a `didChange` was written only after whatever else ran in the next turn — the
 * re-analysis of that change, scheduled for that turn — so the hover waited for the analysis it was answered without
 * (~15 ms at 1,000 resources). Messages still go out in the order they are sent: each is handed to the stream whole,
 * before the next.
 *
 * A `textDocument/publishDiagnostics` notification is written from each diagnostic's UTF-8 JSON, kept per Diagnostic
 * object: the server hands back the same Diagnostic objects for findings an edit did not
 * change (server.ts, DiagnosticCache), so a keystroke serializes only the few diagnostics that changed. The pieces are
 * written as they are (one vectored write), not first copied into one buffer of the whole publication (600 KB per
 * keystroke at 1,000 resources). A pulled report's items (the answer to `textDocument/diagnostic`) are written the same
 * way. What is sent is the same JSON as `JSON.stringify` of the message.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const cache = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}}');

function diagnosticJson(d: unknown): Buffer {
  if (typeof d !== 'object' || d === null) return Buffer.from(JSON.stringify(d) ?? 'null');
  let b = cache.get(d);
  if (!b) {
    b = Buffer.from(JSON.stringify(d));
    cache.set(d, b);
  }
  return b;
}

interface Notification {
  jsonrpc: string;
  method?: string;
  params?: unknown;
}

/** The message's UTF-8 JSON, in pieces to be written one after the other (exported for tests). */
export function messageChunks(msg: Message): Buffer[] {
  const n = msg as Notification & { id?: unknown; result?: unknown };
  const params = n.params as { diagnostics?: unknown } | undefined;
  if (n.method === PUBLISH && params && Array.isArray(params.diagnostics)) {
    const { diagnostics, ...rest } = params as { diagnostics: unknown[] };
    // `{"jsonrpc":…,"method":…,"params":{…rest}}` with the diagnostics spliced in as the last member of params.
    return spliced(JSON.stringify({ jsonrpc: n.jsonrpc, method: n.method, params: rest }), 'diagnostics', diagnostics);
  }
  // A pulled report (`textDocument/diagnostic`'s answer, diagnostic-reports.ts): its items spliced in the same way.
  const result = n.result as { kind?: unknown; items?: unknown } | undefined;
  if (n.id !== undefined && result && result.kind === 'full' && Array.isArray(result.items)) {
    const { items, ...rest } = result as { items: unknown[] };
    return spliced(JSON.stringify({ jsonrpc: n.jsonrpc, id: n.id, result: rest }), 'items', items);
  }
  return [Buffer.from(JSON.stringify(msg))];
}

/** `head` (JSON ending in `}}`) with `"name":[…list]` added as the last member of its inner object. */
function spliced(head: string, name: string, list: readonly unknown[]): Buffer[] {
  const out: Buffer[] = [Buffer.from(`${head.slice(0, -2)}${head.endsWith('{}}') ? '' : ','}"${name}":[`)];
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out.push(COMMA);
    out.push(diagnosticJson(list[i]));
  }
  out.push(CLOSE);
  return out;
}

/** What the writer needs of a stream (process.stdout). */
export interface OutStream {
  write(chunk: string | Uint8Array, cb?: (e?: Error | null) => void): boolean;
  cork?(): void;
  uncork?(): void;
  end(): void;
  on(event: 'error', f: (e: unknown) => void): unknown;
  on(event: 'close', f: () => void): unknown;
}

export class ImmediateStreamWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: OutStream) {
    super();
    out.on('error', (e: unknown) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let chunks: Buffer[];
    try {
      chunks = messageChunks(msg);
    } catch (e) {
      this.fail(e, msg);
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    let length = 0;
    for (const c of chunks) length += c.length;
    return new Promise<void>((resolve, reject) => {
      const done = (e?: Error | null): void => {
        if (e) {
          this.fail(e, msg);
          reject(e);
        } else {
          this.errorCount = 0;
          resolve();
        }
      };
      try {
        this.out.cork?.();
        this.out.write(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'));
        for (let i = 0; i < chunks.length - 1; i++) this.out.write(chunks[i]);
        this.out.write(chunks[chunks.length - 1], done);
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      } finally {
        this.out.uncork?.();
      }
    });
  }

  private fail(e: unknown, msg: Message): void {
    this.errorCount++;
    this.fireError(e, msg, this.errorCount);
  }

  end(): void {
    this.out.end();
  }
}
