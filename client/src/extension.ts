/** The VS Code extension: starts the bundled language server and adds the "Show responsibility model" view. */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ResponsibilityView } from './view';

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'terraform' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'json' },
  { scheme: 'untitled', language: 'terraform' },
];

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('AWS Responsibility Lens', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'awsResponsibility' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('awsResponsibility', 'AWS Responsibility Lens', serverOptions, clientOptions);
  const view = new ResponsibilityView(context, client);
  context.subscriptions.push(
    vscode.commands.registerCommand('awsResponsibility.showModel', () => view.show()),
    vscode.commands.registerCommand('awsResponsibility.restartServer', async () => {
      await client?.restart();
    }),
    view,
  );
  try {
    await client.start();
  } catch (e) {
    output.error(`The language server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage('AWS Responsibility Lens: the language server failed to start. See the output channel.');
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
