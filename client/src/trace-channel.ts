/**
 * The language client's trace channel: the extension's log channel, with the trace following
 * `awsResponsibility.trace.server`.
 *
 * vscode-languageclient 11 traces only when its trace channel's log level is Trace (and then reads `trace.server` for
 * messages or verbose), so with a LogOutputChannel at the usual Info level the setting alone did nothing. This view of
 * the same channel reports Trace while the setting is `messages` or `verbose`, and writes the trace lines so that they
 * show at the channel's level; with the setting `off` it is the channel as it is (its own log level decides, as VS Code's
 * "Set Log Level…" sets it).
 */
import * as vscode from 'vscode';

export const TRACE_SETTING = 'awsResponsibility.trace.server';

function traceSetting(): string {
  return vscode.workspace.getConfiguration('awsResponsibility').get<string>('trace.server', 'off');
}

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly emitter = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeLogLevel: vscode.Event<vscode.LogLevel> = this.emitter.event;
  private tracing = traceSetting() !== 'off';

  constructor(private readonly out: vscode.LogOutputChannel) {
    this.disposables.push(
      this.emitter,
      out.onDidChangeLogLevel(() => this.emitter.fire(this.logLevel)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(TRACE_SETTING)) return;
        const tracing = traceSetting() !== 'off';
        if (tracing === this.tracing) return;
        this.tracing = tracing;
        this.emitter.fire(this.logLevel);
      }),
    );
  }

  get name(): string {
    return this.out.name;
  }

  /** Trace while the setting asks for it; otherwise the channel's own level. */
  get logLevel(): vscode.LogLevel {
    return this.tracing ? vscode.LogLevel.Trace : this.out.logLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    // The channel drops `trace` lines below its Trace level: the setting asked for them, so they are written as info.
    if (this.tracing && this.out.logLevel !== vscode.LogLevel.Trace && this.out.logLevel !== vscode.LogLevel.Off) this.out.info(`[trace] ${message}`, ...args);
    else this.out.trace(message, ...args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.out.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.out.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.out.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.out.error(error, ...args);
  }
  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.out.show(columnOrPreserveFocus);
    else this.out.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.out.hide();
  }
  /** Only this view goes: the channel belongs to the extension. */
  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
