/** Document symbols (the outline): every resource, with its type and kind of service as detail. */
import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis, ResourceAnalysis } from '../core/analyze';
import type { Position } from '../core/present/positions';
import { plainText } from '../core/present/escape';
import type { PositionSource } from './code-lens';

const SYMBOL_KIND: Record<string, SymbolKind> = {
  infrastructure: SymbolKind.Struct,
  container: SymbolKind.Module,
  managed: SymbolKind.Interface,
  unknown: SymbolKind.Object,
};

function kindText(ra: ResourceAnalysis): string {
  switch (ra.kind) {
    case 'infrastructure':
      return l10n.t('infrastructure');
    case 'container':
      return l10n.t('container');
    case 'managed':
      return l10n.t('managed');
    default:
      return ra.lookup.status === 'custom' ? l10n.t('not an AWS service') : l10n.t('unknown type');
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function documentSymbols(analysis: Analysis, doc: PositionSource): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const ra of analysis.resources) {
    const r = ra.resource;
    const range = { start: doc.positionAt(r.span.start), end: doc.positionAt(r.span.end) };
    let selectionRange = { start: doc.positionAt(r.nameSpan.start), end: doc.positionAt(r.nameSpan.end) };
    // LSP requires the selection range inside the range; a parser quirk must not make the client reject the outline.
    if (!before(range.start, selectionRange.start) || !before(selectionRange.end, range.end)) selectionRange = { start: range.start, end: range.start };
    const n = ra.findings.length;
    out.push({
      // Terraform names are only unique per type: the outline shows `aws_s3_bucket.logs`; CloudFormation shows the logical id and its type.
      name: plainText((r.language === 'terraform' ? r.id : r.name) || '?', 200) || '?',
      detail: plainText([r.language === 'terraform' ? '' : r.type, kindText(ra), n ? (n === 1 ? l10n.t('1 gap') : l10n.t('{0} gaps', n)) : ''].filter(Boolean).join(' · '), 300),
      kind: SYMBOL_KIND[ra.kind] ?? SymbolKind.Object,
      range,
      selectionRange,
    });
  }
  return out;
}
