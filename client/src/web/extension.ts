/**
 * The web extension (`browser` entry): vscode.dev, github.dev, code-server and any web workbench, with no Node.
 *
 * Where the language server runs: here, in this extension's own web-worker extension host, over an in-process
 * MessageChannel — the server's BrowserMessageReader/Writer on one port, this client's on the other. Not in a Worker
 * of its own, as Microsoft's lsp-web-extension-sample does: a web extension served by a VS Code server (code-server,
 * VS Code Server, Codespaces in the browser) cannot create one — `new Worker(...)` throws "Creating workers from
 * remote extensions is currently not supported" (microsoft/vscode#168942, coder/code-server#5869; seen in code-server
 * 4.100.3). The channel works on vscode.dev and in code-server alike, and keeps the LSP boundary, so the server is
 * the same code as on Node (server/src/lsp/server.ts over server/src/web/host.ts). The cost: analyses share this
 * worker's thread with other web extensions (re-analysis is incremental: milliseconds for usual files).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { startBrowserServer } from '../../../server/src/web/server';
import { activateClient, deactivateClient, documentSelector } from '../activate';
import { serveWorkspaceFs } from './workspace-fs';

/**
 * Files in the web: vscode.dev / github.dev (`vscode-vfs`), a VS Code server's files seen from the browser
 * (`vscode-remote`), @vscode/test-web (`vscode-test-web`), an in-memory file system (`memfs`, as VS Code's samples
 * and tests register), a local folder opened in the browser (`file`).
 */
export const WEB_DOCUMENT_SELECTOR = documentSelector(['file', 'vscode-remote', 'vscode-vfs', 'vscode-test-web', 'memfs']);

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const r = await activateClient(context, {
    documentSelector: WEB_DOCUMENT_SELECTOR,
    // No path to read a bundle from in a worker: the bundle VS Code loaded for this extension, as it is.
    initializationOptions: { l10nContents: vscode.l10n.bundle },
    createClient: (clientOptions) => {
      const client = new LanguageClient(
        'awsResponsibility',
        'AWS Responsibility Lens',
        // Called on every start (and restart): a new channel, a new server on its far end.
        async () => {
          const channel = new MessageChannel();
          startBrowserServer(channel.port2);
          return { reader: new BrowserMessageReader(channel.port1), writer: new BrowserMessageWriter(channel.port1) };
        },
        clientOptions,
      );
      context.subscriptions.push(...serveWorkspaceFs(client));
      return client;
    },
  });
  return { client: r.client as LanguageClient | undefined };
}

export async function deactivate(): Promise<void> {
  await deactivateClient();
}
