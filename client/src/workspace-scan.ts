/** Finds every template in the workspace and has the server analyze each one, with progress and cancellation. */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ViewFile } from '../../server/src/core/present/view-html';
import { ANALYZE_TEXT_REQUEST, FILE_REPORT_REQUEST, METHOD_NOT_FOUND, type AnalyzeTextParams, type FileReportResult } from './requests';

export const TEMPLATE_GLOB = '**/*.{yaml,yml,json,template,tf}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.terraform/**,**/.git/**,**/cdk.out/**}';
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
      const uris = await vscode.workspace.findFiles(TEMPLATE_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
      uris.sort((a, b) => a.toString().localeCompare(b.toString()));
      // The same bounds as the server's (server/src/lsp/settings.ts): 1 to 50 MB.
      const mb = Number(vscode.workspace.getConfiguration('awsResponsibility').get<number>('maxFileSizeMB', 10));
      const maxBytes = (Number.isFinite(mb) ? Math.min(50, Math.max(1, mb)) : 10) * 1048576;
      const files: ViewFile[] = [];
      let done = 0;
      let analyzeTextMissing = false;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const one = async (uri: vscode.Uri): Promise<void> => {
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
          if (r?.file && r.isTemplate !== false) files.push({ uri: uri.toString(), label, file: { ...r.file, path: label } });
          else if (r?.refused) files.push({ uri: uri.toString(), label, file: null, note: r.refused });
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
          await one(uris[next++]);
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

function sortFiles(files: readonly ViewFile[]): ViewFile[] {
  return [...files].sort((a, b) => a.label.localeCompare(b.label));
}
