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

/**
 * `Metadata: { aws-responsibility: { ignore: [ { rule, reason } ] } }` entries of CloudFormation resources. Each
 * resource's are derived once per Resource object: a parser hands back the same object, with the same nodes, while its
 * text is unchanged (its spans move with it: nothing here stores an offset), and a new object when it changes. Typing
 * in a 10,000-resource template then costs a comparison of the resource list with the last one scanned (the same
 * objects before and after the edit) and the directives of the resources between, not a look into every Metadata.
 */
export function metadataDirectives(doc: ParsedDocument): Directive[] {
  const scan = scanOf(doc.resources);
  const out: Directive[] = [];
  if (scan.count === 0) return out;
  for (const ds of scan.found) for (let i = 0; i < ds.length; i++) out.push(ds[i]);
  return out;
}

/** The directives of each resource of a list, by position, and how many positions have some. */
interface Scan {
  readonly resources: readonly Resource[];
  readonly found: readonly (readonly Directive[])[];
  readonly count: number;
}

const scans = new WeakMap<readonly Resource[], Scan>();
/** The last lists scanned (one per document being edited), most recent first; alive while their document is. */
let recent: WeakRef<Scan>[] = [];
const MAX_RECENT = 4;
const byResource = new WeakMap<Resource, readonly Directive[]>();
const NONE: readonly Directive[] = Object.freeze([]);

function scanOf(resources: readonly Resource[]): Scan {
  const known = scans.get(resources);
  if (known) return known;
  // The recent list that shares the longest prefix and suffix of the same objects (an edit changes what is between).
  const n = resources.length;
  let prev: Scan | undefined;
  let head = 0;
  let tail = 0;
  for (const w of recent) {
    const s = w.deref();
    if (!s) continue;
    const m = s.resources.length;
    let h = 0;
    while (h < n && h < m && s.resources[h] === resources[h]) h++;
    let t = 0;
    while (t < n - h && t < m - h && s.resources[m - 1 - t] === resources[n - 1 - t]) t++;
    if (h + t > head + tail) {
      prev = s;
      head = h;
      tail = t;
    }
  }
  const found: (readonly Directive[])[] = new Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let ds: readonly Directive[] | undefined;
    if (prev && i < head) ds = prev.found[i];
    else if (prev && i >= n - tail) ds = prev.found[i - n + prev.resources.length];
    else {
      const r = resources[i];
      ds = byResource.get(r);
      if (!ds) {
        ds = directivesOf(r);
        byResource.set(r, ds);
      }
    }
    found[i] = ds;
    if (ds.length > 0) count++;
  }
  const scan: Scan = { resources, found, count };
  scans.set(resources, scan);
  // This list follows the one it shares objects with (the same document, typed in); a list sharing none (another
  // document, a throwaway parse) leaves the others in place.
  recent = [new WeakRef(scan), ...recent.filter((w) => w.deref() !== undefined && w.deref() !== prev).slice(0, MAX_RECENT - 1)];
  return scan;
}

function directivesOf(resource: Resource): readonly Directive[] {
  const md = entry(resource.definition, 'Metadata')?.value;
  if (!md || md.type !== 'map') return NONE;
  const ar = entry(md, METADATA_KEY);
  if (!ar) return NONE;
  const ignore = ar.value.type === 'map' ? entry(ar.value, 'ignore') : undefined;
  if (!ignore || ignore.value.type !== 'list') {
    return [{ source: 'metadata', rules: [], reason: undefined, span: ignore?.value.span ?? ar.keySpan, resource, problem: `\`${METADATA_KEY}\` needs \`ignore:\` with a list of \`{ rule, reason }\` entries` }];
  }
  const out: Directive[] = [];
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
  return out;
}
