/**
 * The web client's side of awsResponsibility/readFile and awsResponsibility/readDirectory: the in-worker server has no
 * disk, so it reads the workspace through `vscode.workspace.fs` (vscode.dev's GitHub file system, code-server's remote
 * files, …). Only inside the workspace folders; a symbolic link is never followed (its target cannot be checked from
 * here); only regular files of at most `maxBytes`, checked with `stat` before reading.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  type ReadDirectoryParams,
  type ReadDirectoryResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../requests';

/** The URI when it lies inside a workspace folder (no `.` or `..` segment: `getWorkspaceFolder` compares paths as text). */
function workspaceUri(raw: unknown): vscode.Uri | undefined {
  if (typeof raw !== 'string') return undefined;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return undefined;
  }
  if (uri.path.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound' || e.code === 'FileNotADirectory');
}

export async function readFileForServer(params: ReadFileParams): Promise<ReadFileResult> {
  const uri = workspaceUri(params?.uri);
  if (!uri) return { refused: 'outside' };
  const maxBytes = typeof params.maxBytes === 'number' && params.maxBytes > 0 ? params.maxBytes : 10 * 1048576;
  let st: vscode.FileStat;
  try {
    st = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    return isNotFound(e) ? { absent: true } : { refused: 'unreadable', message: String((e as Error).message ?? e) };
  }
  if (st.type & vscode.FileType.SymbolicLink) return { refused: 'link' };
  if (st.type & vscode.FileType.Directory) return { refused: 'folder' };
  if (!(st.type & vscode.FileType.File)) return { refused: 'not-file' };
  if (st.size > maxBytes) return { refused: 'too-large', size: st.size };
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    // It may have grown since the stat.
    if (bytes.byteLength > maxBytes) return { refused: 'too-large', size: bytes.byteLength };
    return { text: new TextDecoder('utf-8').decode(bytes), size: bytes.byteLength };
  } catch (e) {
    return isNotFound(e) ? { absent: true } : { refused: 'unreadable', message: String((e as Error).message ?? e) };
  }
}

export async function readDirectoryForServer(params: ReadDirectoryParams): Promise<ReadDirectoryResult> {
  const uri = workspaceUri(params?.uri);
  if (!uri) return null;
  try {
    const entries = await vscode.workspace.fs.readDirectory(uri);
    const out: [string, 'file' | 'dir'][] = [];
    for (const [name, type] of entries) {
      if (type & vscode.FileType.SymbolicLink) continue;
      if (type & vscode.FileType.Directory) out.push([name, 'dir']);
      else if (type & vscode.FileType.File) out.push([name, 'file']);
    }
    return { entries: out };
  } catch {
    return null;
  }
}

/** Answers the server's reads (kept across restarts: the client registers them on every new connection). */
export function serveWorkspaceFs(client: BaseLanguageClient): vscode.Disposable[] {
  return [client.onRequest(READ_FILE_REQUEST, readFileForServer), client.onRequest(READ_DIRECTORY_REQUEST, readDirectoryForServer)];
}
