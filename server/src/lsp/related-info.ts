/**
 * LSP `relatedInformation` for a diagnostic: the core's related places (present/related.ts) as locations — in this
 * document, or in another file of the project (an open editor's text first, else the disk), mapped back to a URI by
 * the host. Places in files the host cannot name or read are left out.
 */
import type { DiagnosticRelatedInformation, Position } from 'vscode-languageserver';
import type { Analysis, Finding } from '../core/analyze';
import { LineIndex } from '../core/present/positions';
import { relatedSpans } from '../core/present/related';

export interface RelatedContext {
  readonly uri: string;
  /** A position in this document (the editor's own line index). */
  positionAt(offset: number): Position;
  /** Another file's text (a project path): an open editor's first. */
  textOf(path: string): string | undefined;
  /** A project path's URI, or undefined when it has none the editor can open. */
  uriOf(path: string): string | undefined;
}

export type RelatedInformationOf = (f: Finding) => DiagnosticRelatedInformation[] | undefined;

/** One converter per publication: another file is read and indexed once. */
export function relatedInformationConverter(analysis: Analysis, ctx: RelatedContext): RelatedInformationOf {
  const files = new Map<string, { uri: string; idx: LineIndex } | null>();
  const fileOf = (path: string): { uri: string; idx: LineIndex } | null => {
    let f = files.get(path);
    if (f === undefined) {
      const uri = ctx.uriOf(path);
      const text = uri === undefined ? undefined : ctx.textOf(path);
      f = uri === undefined || text === undefined ? null : { uri, idx: new LineIndex(text) };
      files.set(path, f);
    }
    return f;
  };
  return (f) => {
    if (f.related === undefined && f.at === undefined && !mayReadInputs(analysis)) return undefined;
    const spans = relatedSpans(analysis, f);
    if (spans.length === 0) return undefined;
    const out: DiagnosticRelatedInformation[] = [];
    for (const r of spans) {
      if (r.file === undefined) {
        out.push({ location: { uri: ctx.uri, range: { start: ctx.positionAt(r.span.start), end: ctx.positionAt(r.span.end) } }, message: r.message });
        continue;
      }
      const file = fileOf(r.file);
      if (file) out.push({ location: { uri: file.uri, range: file.idx.rangeOf(r.span) }, message: r.message });
    }
    return out.length > 0 ? out : undefined;
  };
}

/** Whether a value of this document can come from a declared parameter or variable (else nothing to look up). */
function mayReadInputs(analysis: Analysis): boolean {
  return analysis.doc.declarations.parameters.size > 0 || (analysis.moduleFiles?.some((m) => m.doc.declarations.parameters.size > 0) ?? false);
}

/** Two related lists say the same (a reused diagnostic must not keep a place that moved). */
export function sameRelated(a: readonly DiagnosticRelatedInformation[] | undefined, b: readonly DiagnosticRelatedInformation[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.message !== y.message || x.location.uri !== y.location.uri) return false;
    const r = x.location.range;
    const s = y.location.range;
    if (r.start.line !== s.start.line || r.start.character !== s.start.character || r.end.line !== s.end.line || r.end.character !== s.end.character) return false;
  }
  return true;
}
