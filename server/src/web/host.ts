/**
 * The language server's platform in the web build: no disk and no Node. Paths are the URIs' paths; the project's
 * files and `.aws-responsibility.yaml` are read through the client ({@link ClientFs}); nothing watches folders itself
 * (VS Code's client watches for us).
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { DEFAULT_MAX_BYTES } from '../core/refuse';
import { posixPath, type ServerHost } from '../lsp/host';
import { ClientFs } from './client-fs';

export function webServerHost(connection: Connection): ServerHost & { readonly clientFs: ClientFs } {
  const clientFs = new ClientFs((method, params) => connection.sendRequest(method, params), DEFAULT_MAX_BYTES);
  return {
    clientFs,
    path: posixPath,
    fsPath: (uri) => {
      try {
        return URI.parse(uri).path || uri;
      } catch {
        return uri;
      }
    },
    isProjectUri: (uri) => clientFs.holds(uri),
    toProjectPath: (p) => p,
    uriOf: (p) => clientFs.uriOf(p),
    createWorkspaceFs: (maxBytes) => {
      clientFs.maxBytes = maxBytes;
      return clientFs;
    },
    configFs: (roots) => clientFs.configFs(roots),
    soon: (fn) => void setTimeout(fn, 0),
    fetching: clientFs,
    setWorkspaceFolders: (uris) => clientFs.setFolders(uris),
    description: "web build, running in the extension host's web worker; files are read through the editor (workspace.fs)",
  };
}
