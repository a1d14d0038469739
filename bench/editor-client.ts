/** What the benchmarks' LSP clients (server-case.ts, monorepo-case.ts) tell the server at `initialize`: what VS Code advertises. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { MessageConnection } from 'vscode-jsonrpc/node';

/**
 * `pull`: as our VS Code client (client/src/activate.ts): diagnostics pulled after each change, and rule codes linked to
 * their documentation by the client (`ruleLinks`: the server sends no `codeDescription`).
 */
export async function initializeAsEditor(conn: MessageConnection, root: string, pull = false): Promise<void> {
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
      },
    },
    ...(pull ? { initializationOptions: { pullDiagnostics: true, ruleLinks: true } } : {}),
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
  });
  await conn.sendNotification('initialized', {});
}
