/** Passes VS Code's loaded translation bundle to `@vscode/l10n`, which the shared core's HTML/Markdown builders use. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function configureCoreL10n(): void {
  const contents = vscode.l10n.bundle;
  if (contents) l10n.config({ contents });
}
