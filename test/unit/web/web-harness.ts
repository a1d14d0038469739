/**
 * Runs the web build's language server the way the web extension does — bundled for the browser by the same esbuild
 * options (scripts/web-build.mjs), started on one port of a MessageChannel — inside a `vm` context that has only what a
 * web worker has (no `require`, `process`, `Buffer`, `setImmediate`, `module`), and drives it over the other port as the
 * web client would, answering its awsResponsibility/readFile and readDirectory requests from a folder on disk mapped
 * to a virtual URI (e.g. vscode.dev's `vscode-vfs://github/owner/repo`).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  Disposable,
  type DataCallback,
  type Message,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers';

/** A published diagnostic (our server's messages are plain strings). */
export interface Diagnostic {
  code?: string | number;
  message: string;
  severity?: number;
}

let bundle: Promise<string> | undefined;

/** server/src/web/server.ts bundled for the browser (once per test process), as an IIFE exposing `startBrowserServer`. */
export function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const { webOptions } = (await import(path.join(ROOT, 'scripts', 'web-build.mjs'))) as { webOptions: (p: boolean) => esbuild.BuildOptions };
    const r = await esbuild.build({
      ...webOptions(false),
      sourcemap: false,
      absWorkingDir: ROOT,
      entryPoints: ['server/src/web/server.ts'],
      format: 'iife',
      globalName: 'AwsLensWebServer',
      write: false,
      outfile: 'web-server-test.js',
    });
    return r.outputFiles[0].text;
  })();
  return bundle;
}

/** A web worker's globals, no more: anything Node-only the bundle touched would throw a ReferenceError. */
function workerGlobals(errors: unknown[]): vm.Context {
  const g: Record<string, unknown> = {
    console: { log() {}, info() {}, warn() {}, debug() {}, trace() {}, error: (...a: unknown[]) => errors.push(a) },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    performance,
    atob,
    btoa,
    crypto: globalThis.crypto,
    URL,
    MessageChannel,
    structuredClone,
  };
  g.self = g;
  return vm.createContext(g);
}

class PortReader extends AbstractMessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    const f = (data: unknown): void => callback(data as Message);
    this.port.on('message', f);
    return Disposable.create(() => this.port.off('message', f));
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }
  write(msg: Message): Promise<void> {
    this.port.postMessage(msg);
    return Promise.resolve();
  }
  end(): void {}
}

export interface WebSession {
  conn: MessageConnection;
  /** Every URI the server asked the client to read or list. */
  reads: string[];
  /** Diagnostics published per URI (latest last). */
  publications: Map<string, Diagnostic[][]>;
  logs: string[];
  errors: unknown[];
  /** Waits until `pred` holds for the latest diagnostics of `uri`. */
  diagnostics(uri: string, pred?: (d: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

/**
 * Starts the bundled web server in a worker-like `vm` context. The workspace folder `folderUri` is served from
 * `folderDir` on disk (as `vscode.workspace.fs` would: the client's rules are tested separately, in the workbench).
 */
export async function startWebServer(folderUri: string, folderDir: string, settings: Record<string, unknown> = {}): Promise<WebSession> {
  const code = await serverBundle();
  const errors: unknown[] = [];
  const ctx = workerGlobals(errors);
  vm.runInContext(code, ctx, { filename: 'web-server.js' });
  const api = (ctx as unknown as { AwsLensWebServer: { startBrowserServer(port: unknown): void } }).AwsLensWebServer;
  const channel = new MessageChannel();
  api.startBrowserServer(channel.port2);
  const conn = createMessageConnection(new PortReader(channel.port1), new PortWriter(channel.port1));
  const reads: string[] = [];
  const publications = new Map<string, Diagnostic[][]>();
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  const toDisk = (uri: string): string | undefined => {
    if (!uri.startsWith(`${folderUri}/`) && uri !== folderUri) return undefined;
    const rel = decodeURIComponent(uri.slice(folderUri.length));
    if (rel.split('/').some((s) => s === '..' || s === '.')) return undefined;
    return path.join(folderDir, rel);
  };
  conn.onRequest('awsResponsibility/readFile', (p: { uri: string; maxBytes: number }): object => {
    reads.push(p.uri);
    const f = toDisk(p.uri);
    if (!f) return { refused: 'outside' };
    let st: fs.Stats;
    try {
      st = fs.lstatSync(f);
    } catch {
      return { absent: true };
    }
    if (st.isSymbolicLink()) return { refused: 'link' };
    if (st.isDirectory()) return { refused: 'folder' };
    if (!st.isFile()) return { refused: 'not-file' };
    if (st.size > p.maxBytes) return { refused: 'too-large', size: st.size };
    return { text: fs.readFileSync(f, 'utf8'), size: st.size };
  });
  conn.onRequest('awsResponsibility/readDirectory', (p: { uri: string }): object | null => {
    reads.push(p.uri);
    const f = toDisk(p.uri);
    if (!f) return null;
    try {
      return {
        entries: fs
          .readdirSync(f, { withFileTypes: true })
          .filter((e) => e.isFile() || e.isDirectory())
          .map((e) => [e.name, e.isDirectory() ? 'dir' : 'file']),
      };
    } catch {
      return null;
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    const list = publications.get(p.uri) ?? [];
    list.push(p.diagnostics);
    publications.set(p.uri, list);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: null,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'ws' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: {},
  });
  await conn.sendNotification('initialized', {});
  const session: WebSession = {
    conn,
    reads,
    publications,
    logs,
    errors,
    async diagnostics(uri, pred = () => true, ms = 20_000) {
      const t0 = Date.now();
      for (;;) {
        const list = publications.get(uri);
        const last = list?.[list.length - 1];
        if (last && pred(last)) return last;
        if (Date.now() - t0 > ms) throw new Error(`no matching diagnostics for ${uri} within ${ms} ms (got ${JSON.stringify(last?.map((d) => d.code))})`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    async close() {
      await conn.sendRequest('shutdown').catch(() => undefined);
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      channel.port1.close();
    },
  };
  return session;
}

/** Opens a document of the workspace in the server, with its text from disk. */
export async function openDoc(s: WebSession, uri: string, file: string, languageId: string): Promise<void> {
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
}
