/**
 * What the extension does on every platform: the language client, the "Show responsibility model" view, commands and
 * the status bar. The Node entry (extension.ts) starts the server as a Node process; the web entry (web/extension.ts)
 * inside its own web worker. Nothing here imports Node.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { configureCoreL10n } from './l10n-setup';
import { GapStatusBar } from './status-bar';
import { TraceChannel } from './trace-channel';
import { ResponsibilityView, type ShowModelArgs } from './view';
import { RuleLinks } from './rule-links';

/** Languages the server reads: YAML/JSON templates, Terraform; HashiCorp's extension calls `.tfvars` `terraform-vars`. */
const LANGUAGES = ['yaml', 'json', 'jsonc', 'terraform', 'terraform-vars'];
/** New, unsaved documents: templates being written. */
const UNTITLED = ['yaml', 'json', 'terraform'];

/**
 * The documents of these URI schemes, in the languages above (and untitled ones). A document of a scheme the server
 * cannot read from disk (a virtual workspace's `vscode-vfs`, an in-memory file system) gets the analysis of its own
 * text: the server reads sibling files and `.aws-responsibility.yaml` only for `file` documents (or through
 * `workspace.fs` in the web build). Schemes of views of other documents (`git`, diff and merge editors, output) are
 * left out: their diagnostics would repeat the file's.
 */
export function documentSelector(schemes: readonly string[]): DocumentSelector {
  return [...schemes.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))), ...UNTITLED.map((language) => ({ scheme: 'untitled', language }))];
}

export interface ClientPlatform {
  readonly documentSelector: DocumentSelector;
  /** Options only this platform passes to the server (the l10n bundle: its path on Node, its contents on the web). */
  readonly initializationOptions: Record<string, unknown>;
  createClient(clientOptions: LanguageClientOptions): BaseLanguageClient;
  /** What only this platform offers (Node: the task type that runs the bundled CLI). */
  register?(context: vscode.ExtensionContext): vscode.Disposable[];
}

let client: BaseLanguageClient | undefined;

export async function activateClient(context: vscode.ExtensionContext, platform: ClientPlatform): Promise<{ client: BaseLanguageClient | undefined }> {
  configureCoreL10n();
  const output = vscode.window.createOutputChannel('AWS Responsibility Lens', { log: true });
  // The LSP trace goes to the same channel, as `awsResponsibility.trace.server` asks (see trace-channel.ts).
  const trace = new TraceChannel(output);
  context.subscriptions.push(output, trace);
  // Rule codes link to the rule's AWS documentation: the server sends the table once (see rule-links.ts).
  const ruleLinks = new RuleLinks<vscode.Uri>(() => (client?.initializeResult?.capabilities.experimental as { ruleDocs?: unknown } | undefined)?.ruleDocs, (url) => vscode.Uri.parse(url, true));
  const clientOptions: LanguageClientOptions = {
    documentSelector: platform.documentSelector,
    synchronize: { configurationSection: 'awsResponsibility' },
    outputChannel: output,
    traceOutputChannel: trace,
    // Hover cards may link to our own command only; template text is escaped by the server and can never enable another.
    markdown: { isTrusted: { enabledCommands: ['awsResponsibility.showModel'] }, supportHtml: false },
    // The server localizes hovers, CodeLens titles and symbols with the same bundle VS Code loaded for this extension.
    // Diagnostics are pulled after each change (LSP 3.17): a keystroke that changes none of a large file's thousands
    // of diagnostics is answered "unchanged" instead of all of them being pushed again (server: diagnostic-reports.ts).
    initializationOptions: { ...platform.initializationOptions, pullDiagnostics: true, ruleLinks: true },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        ruleLinks.link(diagnostics);
        next(uri, diagnostics);
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') ruleLinks.link(report.items);
        return report;
      },
    },
    diagnosticPullOptions: { onChange: true, onSave: false },
    // The pulled diagnostics' collection is named by the server (its identifier, "awsResponsibility", the scan task's
    // problem matcher owner: an open file's diagnostics replace the task's markers for it instead of doubling them);
    // the pushed one, then unused, must not take that name first.
    diagnosticCollectionName: 'awsResponsibility.pushed',
  };
  const c = platform.createClient(clientOptions);
  client = c;
  const view = new ResponsibilityView(c);
  context.subscriptions.push(
    vscode.commands.registerCommand('awsResponsibility.showModel', (args?: ShowModelArgs) => view.show(isShowArgs(args) ? args : undefined)),
    vscode.commands.registerCommand('awsResponsibility.scanWorkspace', () => view.scan()),
    vscode.commands.registerCommand('awsResponsibility.exportReport', () => view.exportReport()),
    vscode.commands.registerCommand('awsResponsibility.exportSarif', () => view.exportSarif()),
    vscode.commands.registerCommand('awsResponsibility.exportMatrix', () => view.exportMatrix()),
    ...(platform.register?.(context) ?? []),
    vscode.commands.registerCommand('awsResponsibility.restartServer', () => restartServer(c, output, 'the command')),
    // The server reads `.aws-responsibility.yaml` and Terraform folders only inside the workspace folders it was started
    // with: a folder added (or removed) later gets a server that knows it. Settings need no restart: the server asks
    // for them per document (`workspace/configuration` with the document as scope), so each folder's apply.
    onFoldersChanged(() => void restartServer(c, output, 'the workspace folders changed')),
    // "Show documentation for RULE" code actions: the bundled page of the rule, in the Markdown preview.
    vscode.commands.registerCommand('awsResponsibility.showRuleDoc', async (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return;
      const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
      try {
        await vscode.workspace.fs.stat(uri);
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        void vscode.window.showInformationMessage(vscode.l10n.t('No documentation for rule {0}.', ruleId));
      }
    }),
    view,
  );
  try {
    await c.start();
    context.subscriptions.push(new GapStatusBar(c));
  } catch (e) {
    output.error(`The language server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AWS Responsibility Lens: the language server failed to start. See the output channel.'));
  }
  return { client: c };
}

let restarting: Promise<void> | undefined;

/** Restarts the language server (one restart at a time); its failure is logged and shown, never thrown. */
async function restartServer(c: BaseLanguageClient, output: vscode.LogOutputChannel, why: string): Promise<void> {
  if (restarting) return restarting;
  restarting = (async () => {
    output.info(`Restarting the language server (${why}).`);
    try {
      // The Node client restarts its process; the web client (no `restart`) stops and starts: a new server on a new
      // channel.
      const restart = (c as { restart?: () => Promise<void> }).restart;
      if (c.isRunning() && restart) await restart.call(c);
      else {
        if (c.isRunning()) await c.stop();
        await c.start();
      }
      output.info('The language server is running.');
    } catch (e) {
      output.error(`The language server failed to restart: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('AWS Responsibility Lens: the language server failed to restart. See the output channel.'));
    }
  })();
  try {
    await restarting;
  } finally {
    restarting = undefined;
  }
}

/** Workspace folders added or removed, settled for half a second (adding several folders is one change). */
function onFoldersChanged(listener: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(listener, 500);
  });
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      sub.dispose();
    },
  };
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Command arguments arrive from CodeLens/hover links as JSON; accept only the shape we send. */
function isShowArgs(a: unknown): a is ShowModelArgs {
  if (!a || typeof a !== 'object') return false;
  const o = a as Record<string, unknown>;
  return (o.uri === undefined || typeof o.uri === 'string') && (o.resourceId === undefined || typeof o.resourceId === 'string');
}
