import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeServerHost } from '../node/lsp-host';
import { startServer } from './server';

// A crash in one request must not take the server down with the editor's documents.
process.on('uncaughtException', (e) => {
  process.stderr.write(`aws-responsibility-language-server: uncaught ${e instanceof Error ? e.stack : String(e)}\n`);
});
process.on('unhandledRejection', (e) => {
  process.stderr.write(`aws-responsibility-language-server: unhandled rejection ${e instanceof Error ? e.stack : String(e)}\n`);
});
// The bundled server: `--stdio` (the bin's default) or Node IPC (the VS Code client).
startServer(createConnection(ProposedFeatures.all), nodeServerHost());
