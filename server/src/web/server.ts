/**
 * The language server without Node: the same server (../lsp/server.ts) and core over a message port. The web client
 * (client/src/web/extension.ts) starts it inside its own extension host worker, over a MessageChannel; any other web
 * host can start it on the port of a worker it creates.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { webServerHost } from './host';

/** A MessagePort (the DOM's type: this project compiles without the DOM library). */
export type ServerPort = ConstructorParameters<typeof BrowserMessageReader>[0] & { close(): void };

export function startBrowserServer(port: ServerPort): void {
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
  startServer(connection, webServerHost(connection));
  // "Restart language server" starts a new server on a new channel: this one lets go of its port.
  connection.onExit(() => {
    connection.dispose();
    port.close();
  });
}
