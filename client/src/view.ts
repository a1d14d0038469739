/** The "Show responsibility model" webview: renders the core's HTML for the active file, follows the editor, updates as you type. */
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { JsonFile } from '../../server/src/core/present/report';
import type { ModelView } from '../../server/src/core/present/model-view';
import { viewHtml } from '../../server/src/core/present/view-html';

interface FileReportResult {
  uri: string;
  version: number;
  refused: string | null;
  isTemplate?: boolean;
  file: JsonFile | null;
}

export class ResponsibilityView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {}

  show(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor) this.uri = editor.document.uri;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      void this.refresh();
      return;
    }
    this.panel = vscode.window.createWebviewPanel('awsResponsibility.model', 'Responsibility model', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      for (const d of this.disposables.splice(0)) d.dispose();
    });
    this.panel.webview.onDidReceiveMessage((m: { type?: string; line?: number; character?: number }) => {
      if (m?.type === 'reveal' && typeof m.line === 'number') void this.reveal(m.line, m.character ?? 0);
    });
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && e.document.uri.scheme !== 'output') {
          this.uri = e.document.uri;
          this.scheduleRefresh(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString()) this.scheduleRefresh(250);
      }),
    );
    void this.refresh();
  }

  private scheduleRefresh(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private async reveal(line: number, character: number): Promise<void> {
    if (!this.uri) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const pos = new vscode.Position(line, character);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    let file: JsonFile | null = null;
    let note: string | undefined;
    try {
      await this.client.start().catch(() => undefined);
      const model = await this.client.sendRequest<ModelView>('awsResponsibility/model');
      if (this.uri) {
        const r = await this.client.sendRequest<FileReportResult | null>('awsResponsibility/fileReport', { uri: this.uri.toString() });
        if (!r) note = 'This file is not open in an editor the extension follows (YAML, JSON or Terraform).';
        else if (r.refused) note = r.refused;
        else if (r.isTemplate === false) note = 'The active file is not a CloudFormation template or Terraform file.';
        else file = r.file;
      }
      if (!this.panel) return;
      const label = this.uri ? vscode.workspace.asRelativePath(this.uri) || path.basename(this.uri.fsPath) : null;
      panel.webview.html = viewHtml({ model, file, fileLabel: label, note, nonce: crypto.randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
    } catch (e) {
      if (this.panel) panel.webview.html = `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>Could not load the responsibility model: ${String((e as Error).message).replace(/[<>&"']/g, '')}</p>`;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
