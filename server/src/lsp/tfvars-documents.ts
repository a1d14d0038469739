/** `.tfvars` documents in the server: their syntax errors as diagnostics, and the variable hover. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTfvars } from '../core/project/tfvars';
import type { TerraformProject } from '../core/project/terraform-project';
import { tfvarsHover as hoverCard } from '../core/present/tfvars-hover';
import type { HoverResult } from '../core/present/hover';

export function tfvarsDiagnostics(doc: TextDocument, path: string, text: string, source: string): Diagnostic[] {
  return parseTfvars(path, text).errors.map((e) => ({
    range: { start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) },
    severity: DiagnosticSeverity.Error,
    source,
    code: 'syntax-error',
    message: `Syntax error: ${e.message}`,
  }));
}

export function tfvarsHover(project: TerraformProject, path: string, _text: string, offset: number): HoverResult | undefined {
  return hoverCard(project, path, offset);
}
