/** Suppression directives found in a document: `# aws-responsibility-ignore RULE[, RULE]: reason` comments and CFN Metadata. */
import { LineIndex } from '../fix/layout';
import { entry } from '../model/nodes';
import type { ParsedDocument, Resource, Span } from '../model/types';

export const IGNORE_MARKER = 'aws-responsibility-ignore';
/** What the "Ignore…" quick fix writes; it counts as no reason, so an ignore cannot silence a check until explained. */
export const REASON_PLACEHOLDER = 'TODO: reason';
export const METADATA_KEY = 'aws-responsibility';

export interface DirectiveRule {
  readonly id: string;
  readonly span: Span;
}

export interface Directive {
  readonly source: 'comment' | 'metadata';
  readonly rules: readonly DirectiveRule[];
  /** Undefined when missing, empty, or still the placeholder. */
  readonly reason: string | undefined;
  /** The comment, or the Metadata `ignore` item. */
  readonly span: Span;
  /** Comments: the line (0-based) the comment applies to — its own line for a trailing comment, else the next non-comment line. */
  readonly line?: number;
  /** Metadata: the resource that carries it. */
  readonly resource?: Resource;
  /** Metadata: why the entry is malformed (no `rule`, not a mapping...). */
  readonly problem?: string;
}

const HEAD = new RegExp(`${IGNORE_MARKER}(?![\\w-])`);

export function meaningfulReason(raw: string | undefined): string | undefined {
  const r = raw?.trim();
  if (!r || r.toLowerCase() === REASON_PLACEHOLDER.toLowerCase()) return undefined;
  return r;
}

/** Comment directives, each with the line it targets. */
export function commentDirectives(text: string, doc: ParsedDocument, lines = new LineIndex(text)): Directive[] {
  const out: Directive[] = [];
  const comments = doc.comments.filter((c) => c.text.includes(IGNORE_MARKER));
  if (comments.length === 0) return out;
  // Lines holding nothing but a comment: a stack of directive lines above a resource all target it.
  const commentOnly = new Set<number>();
  for (const c of doc.comments) {
    const l0 = lines.line(c.span.start);
    const l1 = lines.line(Math.max(c.span.start, c.span.end - 1));
    if (/^[ \t]*$/.test(text.slice(lines.start(l0), c.span.start)) && /^[ \t]*\r?$/.test(text.slice(c.span.end, lineEndOf(text, c.span.end)))) {
      for (let l = l0; l <= l1; l++) commentOnly.add(l);
    }
  }
  for (const c of comments) {
    const raw = text.slice(c.span.start, c.span.end);
    const m = HEAD.exec(raw);
    if (!m) continue;
    const bodyStart = m.index + m[0].length;
    let body = raw.slice(bodyStart);
    const close = body.lastIndexOf('*/');
    if (raw.startsWith('/*') && close >= 0) body = body.slice(0, close);
    const colon = body.indexOf(':');
    const idsPart = colon < 0 ? body : body.slice(0, colon);
    const rules: DirectiveRule[] = [];
    for (const idm of idsPart.matchAll(/[^\s,]+/g)) {
      const s = c.span.start + bodyStart + (idm.index ?? 0);
      rules.push({ id: idm[0], span: { start: s, end: s + idm[0].length } });
    }
    const startLine = lines.line(c.span.start);
    let line = startLine;
    if (commentOnly.has(startLine)) {
      line = lines.line(Math.max(c.span.start, c.span.end - 1)) + 1;
      while (commentOnly.has(line) && line < lines.count) line++;
    }
    out.push({ source: 'comment', rules, reason: colon < 0 ? undefined : meaningfulReason(body.slice(colon + 1)), span: c.span, line });
  }
  return out;
}

function lineEndOf(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

/** `Metadata: { aws-responsibility: { ignore: [ { rule, reason } ] } }` entries of CloudFormation resources. */
export function metadataDirectives(doc: ParsedDocument): Directive[] {
  const out: Directive[] = [];
  for (const resource of doc.resources) {
    const md = entry(resource.definition, 'Metadata')?.value;
    if (!md || md.type !== 'map') continue;
    const ar = entry(md, METADATA_KEY);
    if (!ar) continue;
    const ignore = ar.value.type === 'map' ? entry(ar.value, 'ignore') : undefined;
    if (!ignore || ignore.value.type !== 'list') {
      out.push({ source: 'metadata', rules: [], reason: undefined, span: ignore?.value.span ?? ar.keySpan, resource, problem: `\`${METADATA_KEY}\` needs \`ignore:\` with a list of \`{ rule, reason }\` entries` });
      continue;
    }
    for (const item of ignore.value.items) {
      const rule = item.type === 'map' ? entry(item, 'rule')?.value : undefined;
      const reason = item.type === 'map' ? entry(item, 'reason')?.value : undefined;
      if (!rule || rule.type !== 'scalar' || typeof rule.value !== 'string' || rule.value === '') {
        out.push({ source: 'metadata', rules: [], reason: undefined, span: item.span, resource, problem: 'each `ignore` entry needs `rule: <rule id>` and `reason: <why>`' });
        continue;
      }
      const r = reason && reason.type === 'scalar' && reason.value !== null ? meaningfulReason(String(reason.value)) : undefined;
      out.push({ source: 'metadata', rules: [{ id: rule.value, span: rule.span }], reason: r, span: item.span, resource });
    }
  }
  return out;
}
