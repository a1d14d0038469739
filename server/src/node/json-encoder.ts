/**
 * The stdio writer's JSON encoder: as vscode-jsonrpc's own (`JSON.stringify` of the message, UTF-8), except that a
 * `textDocument/publishDiagnostics` notification is written from each diagnostic's UTF-8 JSON, kept per Diagnostic
 * object. The server hands back the same Diagnostic objects for findings an edit did not change (lsp/server.ts,
 * DiagnosticCache), so a keystroke in a template with thousands of findings serializes only the few that changed and
 * copies the others' bytes; what is sent is the same JSON as before (LSP wants every diagnostic of the file in each
 * publication).
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const cache = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

interface Notification {
  jsonrpc: string;
  method?: string;
  params?: unknown;
}

function diagnosticJson(d: unknown): Buffer {
  if (typeof d !== 'object' || d === null) return Buffer.from(JSON.stringify(d) ?? 'null');
  let b = cache.get(d);
  if (!b) {
    b = Buffer.from(JSON.stringify(d));
    cache.set(d, b);
  }
  return b;
}

function publishJson(msg: Notification, params: { diagnostics: unknown[] }): Buffer {
  const { diagnostics, ...rest } = params;
  // `{"jsonrpc":…,"method":…,"params":{…rest}}` with the diagnostics spliced in as the last member of params.
  const head = JSON.stringify({ jsonrpc: msg.jsonrpc, method: msg.method, params: rest });
  const open = Buffer.from(`${head.slice(0, -2)}${head.endsWith('{}}') ? '' : ','}"diagnostics":[`);
  const close = Buffer.from(']}}');
  const list: Buffer[] = [open];
  let length = open.length + close.length;
  for (let i = 0; i < diagnostics.length; i++) {
    const b = diagnosticJson(diagnostics[i]);
    if (i > 0) {
      list.push(COMMA);
      length++;
    }
    list.push(b);
    length += b.length;
  }
  list.push(close);
  return Buffer.concat(list, length);
}

/** The message as UTF-8 JSON (what the encoder writes). Exported for tests. */
export function messageJson(msg: Message): Buffer {
  const n = msg as Notification;
  const params = n.params as { diagnostics?: unknown } | undefined;
  if (n.method === PUBLISH && params && Array.isArray(params.diagnostics)) return publishJson(n, params as { diagnostics: unknown[] });
  return Buffer.from(JSON.stringify(msg, undefined, 0));
}

/** vscode-jsonrpc's `application/json` encoder with the above (UTF-8 only, the charset the server is started with). */
export const cachingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg) => {
    try {
      return Promise.resolve(messageJson(msg));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
