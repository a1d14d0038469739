/**
 * The "Show responsibility model" webview: the core's HTML for the active file or the workspace; follows the editor,
 * updates as you type (content updates are posted, so filters, focus and scroll survive), reveals resources, exports.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ModelView } from '../../server/src/core/present/model-view';
import { reportMarkdown, type MarkdownReportOptions } from '../../server/src/core/present/report-markdown';
import type { JsonFile } from '../../server/src/core/present/report';
import { sarifReport } from '../../server/src/core/present/sarif';
import { buildMatrix, matrixMarkdown } from '../../server/src/core/present/matrix';
import { viewContentHtml, viewHtml, type ViewFile, type ViewInput } from '../../server/src/core/present/view-html';
import { FILE_REPORT_REQUEST, MODEL_REQUEST, type FileReportResult } from './requests';
import { scanWorkspace } from './workspace-scan';

/** Shows an exported text as an untitled document, or saves it, as the user picks. */
export async function exportText(content: string, language: string, fileName: string, filters: Record<string, string[]>, placeHolder: string): Promise<void> {
  const openIt = vscode.l10n.t('Open as untitled document');
  const saveIt = vscode.l10n.t('Save as…');
  const choice = await vscode.window.showQuickPick([openIt, saveIt], { placeHolder });
  if (choice === openIt) {
    const doc = await vscode.workspace.openTextDocument({ language, content });
    await vscode.window.showTextDocument(doc, { preview: false });
  } else if (choice === saveIt) {
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: base ? vscode.Uri.joinPath(base, fileName) : undefined, filters });
    if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  }
}

/** Arguments of `awsResponsibility.showModel` from a CodeLens or the hover's link. */
export interface ShowModelArgs {
  uri?: string;
  resourceId?: string;
}

type WebviewMessage =
  | { type: 'reveal'; uri?: string; id?: string; line?: number; character?: number }
  | { type: 'mode'; mode?: string }
  | { type: 'scan' }
  | { type: 'export'; filters?: { kind?: string; owner?: string; onlyGaps?: boolean } };

const TEMPLATE_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'terraform']);

export class ResponsibilityView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private mode: 'file' | 'workspace' = 'file';
  private workspace: { files: ViewFile[]; scanning?: { done: number; total: number } } | null = null;
  private scanning = false;
  private focus: { uri: string; resourceId: string } | undefined;
  private lastActive: ViewFile | null = null;
  private model: ModelView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(private readonly client: LanguageClient) {}

  show(args?: ShowModelArgs): void {
    const editor = vscode.window.activeTextEditor;
    if (args?.uri) {
      this.uri = vscode.Uri.parse(args.uri);
      if (args.resourceId) this.focus = { uri: args.uri, resourceId: args.resourceId };
      if (this.mode === 'workspace' && !this.workspace?.files.some((f) => f.uri === args.uri)) this.mode = 'file';
    } else if (editor) this.uri = editor.document.uri;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      void this.refresh();
      return;
    }
    this.panel = vscode.window.createWebviewPanel(
      'awsResponsibility.model',
      vscode.l10n.t('Responsibility model'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false, enableFindWidget: true },
    );
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      for (const d of this.disposables.splice(0)) d.dispose();
    });
    this.panel.onDidChangeViewState((e) => {
      // Without retainContextWhenHidden the page is rebuilt when shown again.
      if (e.webviewPanel.visible) void this.refresh(true);
    });
    this.panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m));
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && e.document.uri.scheme !== 'output' && e.document.uri.toString() !== this.uri?.toString()) {
          this.uri = e.document.uri;
          this.scheduleRefresh(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.mode === 'file' && this.uri && e.document.uri.toString() === this.uri.toString()) this.scheduleRefresh(300);
      }),
    );
    void this.refresh(true);
  }

  /** Opens the view in workspace mode and scans every template. */
  async scan(): Promise<void> {
    this.mode = 'workspace';
    if (!this.panel) this.show();
    if (this.scanning) return;
    this.scanning = true;
    try {
      await this.client.start().catch(() => undefined);
      const files = await scanWorkspace(this.client, (p) => {
        this.workspace = { files: p.files, scanning: { done: p.done, total: p.total } };
        void this.refresh();
      });
      this.workspace = { files: files ?? this.workspace?.files ?? [] };
    } finally {
      this.scanning = false;
      void this.refresh();
    }
  }

  /** The report of what the view shows (the workspace scan, or the active file) as Markdown: untitled document or file. */
  async exportReport(filters: MarkdownReportOptions = {}): Promise<void> {
    const files = this.mode === 'workspace' && this.workspace ? this.workspace.files : this.lastActive ? [this.lastActive] : [];
    const reports = files.flatMap((f) => (f.file ? [{ ...f.file, path: f.label }] : []));
    if (reports.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: open a template or scan the workspace first.'));
      return;
    }
    const md = reportMarkdown(reports, { ...filters, subtitle: vscode.l10n.t('Generated {0}', new Date().toLocaleString()) });
    await exportText(md, 'markdown', 'responsibility-report.md', { Markdown: ['md'] }, vscode.l10n.t('Export the responsibility report as Markdown'));
  }

  /**
   * The reports to export, with paths relative to the workspace: the workspace scan when the view shows it, else the
   * file the view follows, else the active editor's file (the view need not be open).
   */
  private async shownReports(): Promise<JsonFile[]> {
    let files: ViewFile[];
    if (this.mode === 'workspace' && this.workspace) files = this.workspace.files;
    else {
      const active = this.panel ? this.lastActive : await this.activeFile(vscode.window.activeTextEditor?.document.uri);
      files = active ? [active] : [];
    }
    return files.flatMap((f) => (f.file ? [{ ...f.file, path: f.label }] : []));
  }

  /** The customer responsibility matrix of what the view shows (per service: each duty, its owner, its state). */
  async exportMatrix(): Promise<void> {
    const reports = await this.shownReports();
    if (reports.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: open a template or scan the workspace first.'));
      return;
    }
    await exportText(matrixMarkdown(buildMatrix(reports)), 'markdown', 'responsibility-matrix.md', { Markdown: ['md'] }, vscode.l10n.t('Export the responsibility matrix as Markdown'));
  }

  /** SARIF 2.1.0 of what the view shows, as code scanning reads it (paths relative to the first workspace folder). */
  async exportSarif(): Promise<void> {
    const reports = await this.shownReports();
    if (reports.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: open a template or scan the workspace first.'));
      return;
    }
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    const log = sarifReport(reports, {
      srcRoot: root ? root.path : '/',
      relative: (p) => (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('..') ? undefined : p.replace(/\\/g, '/')),
    });
    await exportText(JSON.stringify(log, null, 2) + '\n', 'json', 'aws-responsibility.sarif', { SARIF: ['sarif', 'json'] }, vscode.l10n.t('Export the findings as SARIF'));
  }

  private onMessage(m: WebviewMessage): void {
    switch (m?.type) {
      case 'reveal':
        if (typeof m.uri === 'string' && typeof m.line === 'number') void this.reveal(m.uri, m.line, m.character ?? 0);
        break;
      case 'mode':
        if (m.mode === 'file' || m.mode === 'workspace') {
          this.mode = m.mode;
          if (m.mode === 'workspace' && !this.workspace) void this.scan();
          else void this.refresh();
        }
        break;
      case 'scan':
        void this.scan();
        break;
      case 'export': {
        const f = m.filters ?? {};
        void this.exportReport({ kind: str(f.kind), owner: str(f.owner), onlyGaps: f.onlyGaps === true });
        break;
      }
    }
  }

  private scheduleRefresh(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private async reveal(uri: string, line: number, character: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const pos = new vscode.Position(line, character);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async activeFile(target: vscode.Uri | undefined = this.uri): Promise<ViewFile | null> {
    if (!target) return null;
    const uri = target.toString();
    const label = vscode.workspace.asRelativePath(target) || target.path.slice(target.path.lastIndexOf('/') + 1);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open && !TEMPLATE_LANGUAGES.has(open.languageId)) return { uri, label, file: null, note: vscode.l10n.t('The active file is not a CloudFormation template or Terraform file.') };
    const r = await this.client.sendRequest<FileReportResult | null>(FILE_REPORT_REQUEST, { uri });
    if (!r) return { uri, label, file: null, note: vscode.l10n.t('This file is not open in an editor the extension follows (YAML, JSON or Terraform).') };
    if (r.refused) return { uri, label, file: null, note: r.refused };
    if (r.isTemplate === false || !r.file) return { uri, label, file: null, note: vscode.l10n.t('The active file is not a CloudFormation template or Terraform file.') };
    return { uri, label, file: r.file };
  }

  async refresh(full = false): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const seq = ++this.seq;
    try {
      await this.client.start().catch(() => undefined);
      this.model ??= await this.client.sendRequest<ModelView>(MODEL_REQUEST);
      const active = this.mode === 'file' ? await this.activeFile() : this.lastActive;
      if (seq !== this.seq || !this.panel) return; // superseded
      if (this.mode === 'file') this.lastActive = active;
      const input: ViewInput = {
        model: this.model,
        mode: this.mode,
        active,
        workspace: this.workspace,
        focus: this.focus,
        nonce: randomNonce(),
        cspSource: panel.webview.cspSource,
      };
      this.focus = undefined;
      if (full || !panel.webview.html) panel.webview.html = viewHtml(input);
      else void panel.webview.postMessage({ type: 'update', mode: this.mode, html: viewContentHtml(input) });
    } catch (e) {
      if (this.panel && seq === this.seq) {
        const msg = String((e as Error).message ?? e).replace(/[<>&"'`]/g, '');
        panel.webview.html = `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>${vscode.l10n.t('Could not load the responsibility model: {0}', msg)}</p>`;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** A script nonce for the view's CSP: 16 random bytes in Base64 (Web Crypto: the same on Node and in a web worker). */
function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
