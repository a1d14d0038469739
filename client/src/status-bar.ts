/**
 * Status bar item: the active file's gaps (findings), opening the responsibility view. Hidden for non-templates. Its
 * tooltip says what the count means and links the view and "Restart language server".
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { FILE_REPORT_REQUEST, type FileReportResult } from './requests';

export class GapStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('awsResponsibility.gaps', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = vscode.l10n.t('AWS Responsibility gaps');
    this.item.command = { command: 'awsResponsibility.showModel', title: vscode.l10n.t('Show responsibility model') };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.schedule(100);
      }),
    );
    this.schedule(500);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  async update(): Promise<void> {
    const seq = ++this.seq;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.client.isRunning()) return this.item.hide();
    let r: FileReportResult | null = null;
    try {
      r = await this.client.sendRequest<FileReportResult | null>(FILE_REPORT_REQUEST, { uri: doc.uri.toString() });
    } catch {
      r = null;
    }
    if (seq !== this.seq) return; // a newer update is on its way
    if (!r?.file || r.isTemplate === false || r.file.resources.length === 0) return this.item.hide();
    const gaps = r.file.findings.filter((f) => f.ruleId !== 'unknown-resource-type').length;
    const resources = r.file.resources.length;
    this.item.text = gaps === 0 ? `$(shield) ${vscode.l10n.t('No gaps')}` : `$(shield) ${gaps === 1 ? vscode.l10n.t('1 gap') : vscode.l10n.t('{0} gaps', gaps)}`;
    this.item.tooltip = tooltip(resources, gaps);
    this.item.backgroundColor = gaps > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The tooltip: the counts, then links to the view and to a restart of the server (only those commands run from it). */
function tooltip(resources: number, gaps: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['awsResponsibility.showModel', 'awsResponsibility.restartServer'] };
  md.appendText(vscode.l10n.t('AWS Responsibility Lens: {0} resources, {1} gaps in your duties in this file. Click to show the responsibility model.', resources, gaps));
  md.appendMarkdown('\n\n');
  md.appendMarkdown(`[$(shield) ${escapeLink(vscode.l10n.t('Show responsibility model'))}](command:awsResponsibility.showModel) · `);
  md.appendMarkdown(`[$(debug-restart) ${escapeLink(vscode.l10n.t('Restart language server'))}](command:awsResponsibility.restartServer)`);
  return md;
}

/** A translated title as Markdown link text. */
function escapeLink(s: string): string {
  return s.replace(/[\\[\]()*_`<>]/g, (c) => `\\${c}`);
}
