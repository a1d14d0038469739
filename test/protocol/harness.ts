/**
 * Drives the built language server over real stdio JSON-RPC (vscode-jsonrpc), as an editor would.
 * Hand-written (small) because the tests need to observe every publishDiagnostics and every server→client request.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The build under test; LSP_TEST_ROOT points at another checkout's build (e.g. a release candidate). */
export const BUILD_ROOT = process.env.LSP_TEST_ROOT ? path.resolve(process.env.LSP_TEST_ROOT) : REPO_ROOT;
export const SERVER_BIN = path.join(BUILD_ROOT, 'bin', 'aws-responsibility-language-server.js');
export const CLI_BIN = path.join(BUILD_ROOT, 'bin', 'aws-responsibility.js');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

export function assertBuilt(): void {
  for (const f of [SERVER_BIN, path.join(BUILD_ROOT, 'dist', 'server.js'), path.join(BUILD_ROOT, 'dist', 'cli.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` in ${BUILD_ROOT} first`);
  }
}

export interface Publication {
  params: PublishDiagnosticsParams;
  at: number;
}

export interface ConfigRequest {
  items: { scopeUri?: string; section?: string }[];
}

export interface ServerOptions {
  /** Advertise `workspace.configuration` (the server then asks us for settings). */
  configuration: boolean;
  /** The `awsResponsibility` section returned for every configuration item. */
  settings?: () => unknown;
  /** Advertise dynamic `workspace/didChangeWatchedFiles` (the server then asks us to watch files for it). */
  watchFiles?: boolean;
  /** Advertise `workspace/codeLens/refresh` (counted in `lensRefreshes`). */
  codeLensRefresh?: boolean;
  /** Pull diagnostics as our VS Code client does (`textDocument/diagnostic`, asked for in initializationOptions, with `workspace/diagnostic/refresh` counted in `diagnosticRefreshes`). */
  pullDiagnostics?: boolean;
  /** Link rule codes on the client as our VS Code client does (`ruleLinks`: the server sends no `codeDescription`). */
  ruleLinks?: boolean;
}

/** The bound on one request (hovers on 130,000-finding files answer in well under a second). */
const REQUEST_MS = 120_000;

export class LspSession {
  readonly child: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly spawnedAt = performance.now();
  readonly publications = new Map<string, Publication[]>();
  readonly configRequests: ConfigRequest[] = [];
  /** `workspace/codeLens/refresh` requests the server sent. */
  lensRefreshes = 0;
  /** `workspace/diagnostic/refresh` requests the server sent. */
  diagnosticRefreshes = 0;
  /** `client/registerCapability` requests the server sent. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly logs: string[] = [];
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private waiters: (() => void)[] = [];
  private exited: Promise<void>;
  private shuttingDown = false;
  private disposed = false;

  constructor(private readonly opts: ServerOptions) {
    this.child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { cwd: BUILD_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        if (!this.shuttingDown) {
          // A server that dies must fail the test that waits on it, never leave its request pending for ever:
          // disposing the connection rejects every pending request.
          process.stderr.write(`language server exited unexpectedly (code ${code}, signal ${signal}); its stderr ends with:\n${this.stderr.slice(-4000)}\n`);
          this.disposeConnection();
        }
        this.notify();
        resolve();
      }),
    );
    // No partial-message timer: vscode-jsonrpc re-arms it every 10 s for as long as a message is incomplete, and its
    // dispose() does not clear it, so a server killed in the middle of a large publication (the hostile tests) left a
    // timer that kept the finished test file's process alive until the runner's file timeout.
    const reader = new StreamMessageReader(this.child.stdout);
    reader.partialMessageTimeout = 0;
    this.conn = createMessageConnection(reader, new StreamMessageWriter(this.child.stdin));
    // Every request is bounded: a server that stops answering fails the test with the method's name instead of hanging it.
    const send = this.conn.sendRequest.bind(this.conn) as (...args: unknown[]) => Promise<unknown>;
    (this.conn as { sendRequest: unknown }).sendRequest = (...args: unknown[]) => {
      const method = typeof args[0] === 'string' ? args[0] : String((args[0] as { method?: string })?.method);
      // Sent first: a connection already disposed throws at once, and a timer started before it would be left running
      // (it kept a finished test file alive until the runner's file timeout). Unref'd: it never holds the process.
      let answer: Promise<unknown>;
      try {
        answer = send(...args);
      } catch (e) {
        return Promise.reject(e);
      }
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${REQUEST_MS} ms; server alive: ${this.alive()}; stderr: ${this.stderr.slice(-2000)}`)), REQUEST_MS);
        timer.unref();
      });
      return Promise.race([answer, bound]).finally(() => clearTimeout(timer));
    };
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.publications.get(p.uri) ?? [];
      list.push({ params: p, at: performance.now() });
      this.publications.set(p.uri, list);
      this.notify();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    this.conn.onRequest('workspace/configuration', (p: ConfigRequest) => {
      this.configRequests.push(p);
      return p.items.map(() => (this.opts.settings ? this.opts.settings() : null));
    });
    // Requests some servers send; answer them like an editor would.
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      this.notify();
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      return null;
    });
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      this.notify();
      return null;
    });
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  private disposeConnection(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.conn.dispose();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` returns a value (re-checked on every publication), rejects after `ms`. */
  waitFor<T>(what: string, check: () => T | undefined, ms = 10000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`)), ms);
      const attempt = (): void => {
        let v: T | undefined;
        try {
          v = check();
        } catch (e) {
          clearTimeout(timer);
          reject(e);
          return;
        }
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
        } else if (this.exit) {
          clearTimeout(timer);
          reject(new Error(`server exited (${JSON.stringify(this.exit)}) while waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
        } else this.waiters.push(attempt);
      };
      attempt();
    });
  }

  count(uri: string): number {
    return this.publications.get(uri)?.length ?? 0;
  }

  /** The first publication for `uri` after the first `after` ones (optionally for a given document version). */
  nextDiagnostics(uri: string, after: number, version?: number, ms?: number): Promise<Publication> {
    return this.waitFor(
      `publishDiagnostics for ${uri}${version !== undefined ? ` version ${version}` : ''}`,
      () => (this.publications.get(uri) ?? []).slice(after).find((p) => version === undefined || p.params.version === undefined || p.params.version === version),
      ms,
    );
  }

  async initialize(rootUri: string | null): Promise<InitializeResult> {
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: {
        workspace: {
          ...(this.opts.configuration ? { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } : {}),
          ...(this.opts.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
          ...(this.opts.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
          ...(this.opts.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: false, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          ...(this.opts.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
      ...(this.opts.pullDiagnostics || this.opts.ruleLinks ? { initializationOptions: { ...(this.opts.pullDiagnostics ? { pullDiagnostics: true } : {}), ...(this.opts.ruleLinks ? { ruleLinks: true } : {}) } } : {}),
      workspaceFolders: null,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Opens a document and returns its first publication. */
  async open(uri: string, languageId: string, text: string, version = 1, ms?: number): Promise<Publication> {
    const before = this.count(uri);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return this.nextDiagnostics(uri, before, version, ms);
  }

  async change(uri: string, version: number, changes: unknown[]): Promise<Publication> {
    const before = this.count(uri);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return this.nextDiagnostics(uri, before, version);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  alive(): boolean {
    return this.exit === undefined && this.child.exitCode === null;
  }

  /** shutdown + exit; resolves with the exit status. */
  async shutdown(ms = 5000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.shuttingDown = true;
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
    const r = await Promise.race([this.exited.then(() => 'exited' as const), timer]);
    this.disposeConnection();
    if (r === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`server did not exit within ${ms} ms of shutdown/exit`);
    }
    return this.exit!;
  }

  /** Last resort for a failed test: never leave a server process behind. */
  kill(): void {
    this.shuttingDown = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.disposeConnection();
    // Our ends of its pipes too: an open pipe keeps the test file's process alive after its last test.
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
}

// ---- The CLI's view of the same files: the expected findings are derived from it, not hard-coded. ----

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface CliFinding {
  ruleId: string;
  severity: string;
  message: string;
  resource: string;
  range: Range;
  docUrl?: string;
}
export interface CliResource {
  name: string;
  type: string;
  kind: string;
  service: { id: string; name: string } | null;
  range: Range;
}
export interface CliFile {
  path: string;
  resources: CliResource[];
  findings: CliFinding[];
  errors?: { message: string; range: Range }[];
}

/** `aws-responsibility scan --format json FILE` (exit 0 = no findings, 1 = findings). */
export function cliScan(file: string): { status: number | null; file: CliFile | undefined } {
  const r = spawnSync(process.execPath, [CLI_BIN, 'scan', '--format', 'json', file], { encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { files: CliFile[] };
  // That file's report: the CLI also scans the local modules a Terraform file calls.
  return { status: r.status, file: report.files.find((f) => path.resolve(f.path) === path.resolve(file)) ?? report.files[0] };
}

/** The CLI's report for every template in a folder (Terraform read per module). */
export function cliScanFolder(dir: string): CliFile[] {
  const r = spawnSync(process.execPath, [CLI_BIN, 'scan', '--format', 'json', dir], { encoding: 'utf8', timeout: 60000, cwd: dir });
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { files: CliFile[] }).files;
}

export const SEVERITY_NUMBER: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

export interface Comparable {
  code: string;
  severity: number;
  message: string;
  range: Range;
  href?: string;
}

/** LSP 3.18 allows Markdown messages; this server sends plain strings. */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function fromDiagnostic(d: Diagnostic): Comparable {
  return { code: String(d.code), severity: d.severity ?? 0, message: messageText(d), range: d.range, ...(d.codeDescription ? { href: d.codeDescription.href } : {}) };
}

export function fromCli(f: CliFinding): Comparable {
  return { code: f.ruleId, severity: SEVERITY_NUMBER[f.severity], message: f.message, range: f.range, ...(f.docUrl ? { href: f.docUrl } : {}) };
}

export function sortComparable(xs: Comparable[]): Comparable[] {
  return [...xs].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}

export function findingsOnly(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.code !== 'syntax-error' && d.code !== 'not-analyzed' && d.code !== 'internal-error');
}

export function markdownOf(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as { kind?: string; value?: string } | string;
  return typeof c === 'string' ? c : (c.value ?? '');
}

/** Markdown with its backslash escapes removed, for matching names like "Amazon Elastic Block Store (EBS)". */
export function unescapeMarkdown(md: string): string {
  return md.replace(/\\([\\`*_{}[\]()#+\-.!|:<>~"'=$^&])/g, '$1');
}

/**
 * The card's split between what AWS does and what you do: either a table with "AWS" and "You" columns, or
 * "**You**" and "**AWS**" sections. Returns the text of each side, or undefined when the card has no such split.
 */
export function awsYouSplit(md: string): { aws: string; you: string } | undefined {
  const lines = md.split('\n');
  const header = lines.findIndex((l) => /^\|\s*AWS\s*\|\s*You\s*\|\s*$/.test(l));
  if (header >= 0) {
    const aws: string[] = [];
    const you: string[] = [];
    for (const l of lines.slice(header + 2)) {
      if (!l.startsWith('|')) break;
      const cells = l.split(/(?<!\\)\|/).slice(1, -1);
      aws.push(cells[0] ?? '');
      you.push(cells[1] ?? '');
    }
    return { aws: aws.join('\n'), you: you.join('\n') };
  }
  // Sections: "**You**" / "**AWS**" headings, whose line may go on with the first items ("**AWS** · Compute ...").
  const youAt = lines.findIndex((l) => /^\*\*You\*\*(\s|$)/.test(l));
  const awsAt = lines.findIndex((l) => /^\*\*AWS\*\*(\s|$)/.test(l));
  if (youAt < 0 || awsAt < 0) return undefined;
  const section = (from: number): string => {
    const out: string[] = [lines[from].replace(/^\*\*[^*]+\*\*\s*·?\s*/, '')];
    for (const l of lines.slice(from + 1)) {
      if (/^\*\*[^*]+\*\*(\s|$)/.test(l) || /^\[[^\]]+\]\(https:/.test(l)) break;
      out.push(l);
    }
    return out.join('\n');
  };
  return { aws: section(awsAt), you: section(youAt) };
}
