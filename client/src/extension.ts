/** The VS Code extension on Node (desktop, remote): starts the bundled language server as a Node process. */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, deactivateClient, documentSelector } from './activate';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './server-flags';
import { registerTasks } from './tasks';

/**
 * Files on disk, untitled documents, and documents of a virtual workspace (`vscode-vfs`: GitHub Repositories on the
 * desktop) or an in-memory file system (`memfs`): those get the analysis of their own text (no sibling files, no
 * `.aws-responsibility.yaml`: the Node server reads those from disk only).
 */
export const DOCUMENT_SELECTOR = documentSelector(['file', 'vscode-vfs', 'memfs']);

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'], env: { ...SERVER_ENV } } },
  };
  const r = await activateClient(context, {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: { l10nBundle: vscode.l10n.uri?.fsPath },
    createClient: (clientOptions) => new LanguageClient('awsResponsibility', 'AWS Responsibility Lens', serverOptions, clientOptions),
    register: (ctx) => [registerTasks(ctx)],
  });
  return { client: r.client as LanguageClient | undefined };
}

export async function deactivate(): Promise<void> {
  await deactivateClient();
}
