/** Finds every template in the workspace and has the server analyze each one, with progress and cancellation. */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ViewFile } from '../../server/src/core/present/view-html';
import { MAX_MANIFEST_BYTES, stackNames } from '../../server/src/core/cdk/cloud-assembly';
import { ANALYZE_TEXT_REQUEST, FILE_REPORT_REQUEST, METHOD_NOT_FOUND, type AnalyzeTextParams, type FileReportResult } from './requests';
import { EXCLUDE_GLOB, TEMPLATE_GLOB, selectScanFiles, type ScanFile } from './scan-files';

export { EXCLUDE_GLOB, TEMPLATE_GLOB };
const MAX_FILES = 5000;
const CONCURRENCY = 8;

/** Cheap pre-filter so package.json and friends never travel to the server: could this text hold resources? */
export function mayHoldResources(fileName: string, text: string): boolean {
  if (fileName.endsWith('.tf')) return /\b(resource|module|data)\s+"/.test(text);
  return /\bResources\b|AWSTemplateFormatVersion|"resource"\s*:|"planned_values"\s*:/.test(text);
}

export interface ScanProgress {
  files: ViewFile[];
  done: number;
  total: number;
}

export async function scanWorkspace(client: LanguageClient, onProgress: (p: ScanProgress) => void): Promise<ViewFile[] | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AWS Responsibility: scanning templates'), cancellable: true },
    async (progress, token) => {
      const found = await vscode.workspace.findFiles(TEMPLATE_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
      found.sort((a, b) => a.toString().localeCompare(b.toString()));
      // In a CDK cloud assembly (cdk.out) only the stack templates, named by the assembly's manifest.json.
      const selected = selectScanFiles(found.map((u) => ({ item: u, relativePath: folderRelative(u), uriPath: u.path })));
      const uris = selected.map((f) => f.item);
      const stacks = new Map<string, Promise<Map<string, string>>>();
      const stackOf = async (f: ScanFile<vscode.Uri>): Promise<string | undefined> => {
        if (!f.cdk) return undefined;
        const manifest = f.item.with({ path: f.cdk.manifestPath });
        let names = stacks.get(manifest.toString());
        if (!names) {
          names = readManifest(manifest);
          stacks.set(manifest.toString(), names);
        }
        return (await names).get(f.cdk.templateFile);
      };
      // The same bounds as the server's (server/src/lsp/settings.ts): 1 to 50 MB.
      const mb = Number(vscode.workspace.getConfiguration('awsResponsibility').get<number>('maxFileSizeMB', 10));
      const maxBytes = (Number.isFinite(mb) ? Math.min(50, Math.max(1, mb)) : 10) * 1048576;
      const files: ViewFile[] = [];
      let done = 0;
      let analyzeTextMissing = false;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const one = async (sf: ScanFile<vscode.Uri>): Promise<void> => {
        const uri = sf.item;
        const label = vscode.workspace.asRelativePath(uri);
        try {
          const doc = open.get(uri.toString());
          let text: string;
          if (doc) text = doc.getText();
          else {
            const stat = await vscode.workspace.fs.stat(uri);
            if (stat.size > maxBytes) {
              files.push({ uri: uri.toString(), label, file: null, note: vscode.l10n.t('Not analyzed: larger than {0} MB.', Math.round(maxBytes / 1048576)) });
              return;
            }
            text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
          }
          if (!mayHoldResources(uri.path.toLowerCase(), text)) return;
          let r: FileReportResult | null = null;
          if (!analyzeTextMissing) {
            try {
              const params: AnalyzeTextParams = { uri: uri.toString(), text, languageId: doc?.languageId };
              r = await client.sendRequest<FileReportResult | null>(ANALYZE_TEXT_REQUEST, params, token);
            } catch (e) {
              if ((e as { code?: number }).code !== METHOD_NOT_FOUND) throw e;
              analyzeTextMissing = true;
            }
          }
          if (analyzeTextMissing) {
            // An older server: open the document (the client syncs it) and ask for its report.
            await vscode.workspace.openTextDocument(uri);
            r = await client.sendRequest<FileReportResult | null>(FILE_REPORT_REQUEST, { uri: uri.toString() }, token);
          }
          if (r?.file && r.isTemplate !== false) {
            const cdkStack = await stackOf(sf);
            files.push({ uri: uri.toString(), label, file: { ...r.file, path: label }, ...(cdkStack !== undefined ? { cdkStack } : {}) });
          } else if (r?.refused) files.push({ uri: uri.toString(), label, file: null, note: r.refused });
        } catch (e) {
          if (!token.isCancellationRequested) files.push({ uri: uri.toString(), label, file: null, note: vscode.l10n.t('Could not analyze: {0}', String((e as Error).message ?? e)) });
        } finally {
          done++;
          progress.report({ increment: 100 / Math.max(1, uris.length), message: vscode.l10n.t('{0} of {1}', done, uris.length) });
        }
      };
      let next = 0;
      let lastReport = 0;
      const worker = async (): Promise<void> => {
        while (next < uris.length && !token.isCancellationRequested) {
          await one(selected[next++]);
          if (Date.now() - lastReport > 200 || done === uris.length) {
            lastReport = Date.now();
            onProgress({ files: sortFiles(files), done, total: uris.length });
          }
        }
      };
      onProgress({ files: [], done: 0, total: uris.length });
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (token.isCancellationRequested) return undefined;
      return sortFiles(files);
    },
  );
}

/**
 * A file's path from its workspace folder, the folder's own name first (`infra/cdk.out/S.template.json`, or
 * `cdk.out/asset.1/x.json` when cdk.out itself is opened): what decides whether it is in a cloud assembly.
 */
function folderRelative(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.path;
  const name = folder.uri.path.replace(/\/+$/, '').split('/').pop() ?? '';
  return `${name}/${vscode.workspace.asRelativePath(uri, false)}`;
}

/** The stacks a cloud assembly's manifest.json names (template file → stack), or none when it is missing or unreadable. */
async function readManifest(uri: vscode.Uri): Promise<Map<string, string>> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_MANIFEST_BYTES) return new Map();
    return stackNames(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    return new Map();
  }
}

function sortFiles(files: readonly ViewFile[]): ViewFile[] {
  return [...files].sort((a, b) => a.label.localeCompare(b.label));
}
