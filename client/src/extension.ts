/** The VS Code extension: starts the bundled language server and adds the "Show responsibility model" view. */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { configureCoreL10n } from './l10n-setup';
import { GapStatusBar } from './status-bar';
import { registerTasks } from './tasks';
import { ResponsibilityView, type ShowModelArgs } from './view';
import { SERVER_EXEC_ARGV } from './server-flags';

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'terraform' },
  // HashiCorp's extension gives .tfvars files this language id: they still reach the server (hover, syntax errors).
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'json' },
  { scheme: 'untitled', language: 'terraform' },
];

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  configureCoreL10n();
  const output = vscode.window.createOutputChannel('AWS Responsibility Lens', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'awsResponsibility' },
    outputChannel: output,
    traceOutputChannel: output,
    // Hover cards may link to our own command only; template text is escaped by the server and can never enable another.
    markdown: { isTrusted: { enabledCommands: ['awsResponsibility.showModel'] }, supportHtml: false },
    // The server localizes hovers, CodeLens titles and symbols with the same bundle VS Code loaded for this extension.
    initializationOptions: { l10nBundle: vscode.l10n.uri?.fsPath },
  };
  client = new LanguageClient('awsResponsibility', 'AWS Responsibility Lens', serverOptions, clientOptions);
  const view = new ResponsibilityView(client);
  context.subscriptions.push(
    vscode.commands.registerCommand('awsResponsibility.showModel', (args?: ShowModelArgs) => view.show(isShowArgs(args) ? args : undefined)),
    vscode.commands.registerCommand('awsResponsibility.scanWorkspace', () => view.scan()),
    vscode.commands.registerCommand('awsResponsibility.exportReport', () => view.exportReport()),
    vscode.commands.registerCommand('awsResponsibility.exportSarif', () => view.exportSarif()),
    vscode.commands.registerCommand('awsResponsibility.exportMatrix', () => view.exportMatrix()),
    registerTasks(context),
    vscode.commands.registerCommand('awsResponsibility.restartServer', async () => {
      await client?.restart();
    }),
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
    await client.start();
    context.subscriptions.push(new GapStatusBar(client));
  } catch (e) {
    output.error(`The language server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AWS Responsibility Lens: the language server failed to start. See the output channel.'));
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Command arguments arrive from CodeLens/hover links as JSON; accept only the shape we send. */
function isShowArgs(a: unknown): a is ShowModelArgs {
  if (!a || typeof a !== 'object') return false;
  const o = a as Record<string, unknown>;
  return (o.uri === undefined || typeof o.uri === 'string') && (o.resourceId === undefined || typeof o.resourceId === 'string');
}
