import * as Y from 'yaml';
import type { Comment, MapEntry, Span, SyntaxError, ValueNode } from '../model/types';
import { SHORT_FORM_TAGS, normalizeLongForm } from './intrinsics';

/** Budget of nodes an alias may expand to in one document (alias bombs stop with an error, not a hang). */
export const MAX_ALIAS_NODES = 10_000;

export interface YamlParse {
  readonly root: ValueNode | undefined;
  readonly errors: SyntaxError[];
  readonly comments: Comment[];
}

const INTRINSIC_TAGS: Y.Tags = [...SHORT_FORM_TAGS.keys()].flatMap((tag) => [
  { tag, resolve: (s: string) => s, identify: () => false } as Y.ScalarTag,
  { tag, collection: 'seq', identify: () => false } as unknown as Y.CollectionTag,
  { tag, collection: 'map', identify: () => false } as unknown as Y.CollectionTag,
]);

const PARSE_OPTIONS: Y.ParseOptions & Y.DocumentOptions & Y.SchemaOptions = {
  customTags: INTRINSIC_TAGS,
  keepSourceTokens: false,
  prettyErrors: false,
  uniqueKeys: false,
  strict: false,
};

/**
 * Parses YAML text with the `yaml` library and converts its AST into our ValueNode tree.
 * Spans are offsets into `text` plus `base`.
 */
export function parseYamlWithLibrary(text: string, base = 0): YamlParse {
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  let doc: Y.Document.Parsed;
  try {
    const docs = Y.parseAllDocuments(text, PARSE_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    if (list.length === 0) return { root: undefined, errors, comments: scanComments(text, base) };
    doc = list[0];
    if (list.length > 1) {
      errors.push({ message: 'A CloudFormation template holds a single YAML document; the documents after the first are ignored.', span: sp(list[1].range[0], list[1].range[0] + 3, base) });
    }
  } catch (e) {
    errors.push({ message: `YAML parser failed: ${(e as Error).message}`, span: sp(0, Math.min(text.length, 1), base) });
    return { root: undefined, errors, comments };
  }
  for (const err of doc.errors) {
    const [s, e] = err.pos;
    errors.push({ message: cleanMessage(err.message), span: sp(s, Math.max(e, s + 1), base) });
  }
  const budget = { left: MAX_ALIAS_NODES, exceeded: false };
  let root: ValueNode | undefined;
  try {
    root = doc.contents ? convert(doc.contents as Y.Node, doc, base, budget, 0) : undefined;
  } catch (e) {
    errors.push({ message: `YAML structure could not be read: ${(e as Error).message}`, span: sp(0, Math.min(text.length, 1), base) });
  }
  if (budget.exceeded) {
    errors.push({ message: `Aliases expand to more than ${MAX_ALIAS_NODES} nodes; the rest is ignored (alias bomb protection).`, span: sp(0, Math.min(text.length, 1), base) });
  }
  return { root, errors, comments: scanComments(text, base) };
}

function cleanMessage(m: string): string {
  // The library appends "at line X, column Y:" and a code excerpt; the range already says where.
  return m.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
}

function sp(start: number, end: number, base: number): Span {
  return { start: start + base, end: end + base };
}

interface Budget {
  left: number;
  exceeded: boolean;
}

const MAX_DEPTH = 500;

function convert(node: Y.Node | Y.Pair | null | undefined, doc: Y.Document.Parsed, base: number, budget: Budget, depth: number, inAlias = false): ValueNode {
  if (inAlias && --budget.left < 0) {
    budget.exceeded = true;
    return { type: 'scalar', span: { start: base, end: base }, value: null };
  }
  if (!node || depth > MAX_DEPTH) return { type: 'scalar', span: { start: base, end: base }, value: null };
  if (Y.isAlias(node)) {
    const target = node.resolve(doc);
    const r = node.range ?? [0, 0, 0];
    if (!target) return { type: 'scalar', span: sp(r[0], r[1], base), value: null };
    // Aliases keep the alias's own span: that is where the value appears in this place of the file.
    return respan(convert(target as Y.Node, doc, base, budget, depth + 1, true), sp(r[0], r[1], base));
  }
  const r = (node as Y.Node).range ?? [0, 0, 0];
  const span = sp(r[0], r[1], base);
  let out: ValueNode;
  if (Y.isMap(node)) {
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      const k = pair.key as Y.Node | null;
      const kr = (k && (k as Y.Node).range) || r;
      const key = Y.isScalar(k) ? String(k.value) : k ? String(k) : '';
      const value = pair.value === null || pair.value === undefined
        ? ({ type: 'scalar', span: sp(kr[1], kr[1], base), value: null } as ValueNode)
        : convert(pair.value as Y.Node, doc, base, budget, depth + 1, inAlias);
      entries.push({ key, keySpan: sp(kr[0], kr[1], base), value });
    }
    out = normalizeLongForm({ type: 'map', span, entries });
  } else if (Y.isSeq(node)) {
    out = { type: 'list', span, items: node.items.map((i) => convert(i as Y.Node, doc, base, budget, depth + 1, inAlias)) };
  } else if (Y.isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : typeof v === 'bigint' ? Number(v) : String(v);
    out = { type: 'scalar', span, value };
  } else {
    out = { type: 'scalar', span, value: null };
  }
  const tag = (node as Y.Node).tag;
  const fn = tag ? SHORT_FORM_TAGS.get(tag) : undefined;
  if (fn) out = { type: 'intrinsic', span, fn, arg: out };
  return out;
}

function respan(n: ValueNode, span: Span): ValueNode {
  return { ...n, span } as ValueNode;
}

/** Comments in YAML text: a `#` at line start or after whitespace, outside quotes (a per-line approximation). */
export function scanComments(text: string, base: number): Comment[] {
  const out: Comment[] = [];
  let idx = text.indexOf('#');
  while (idx !== -1) {
    const lineStart = text.lastIndexOf('\n', idx - 1) + 1;
    if (idx === lineStart || text[idx - 1] === ' ' || text[idx - 1] === '\t') {
      const before = text.slice(lineStart, idx);
      if (!inQuotes(before)) {
        let end = text.indexOf('\n', idx);
        if (end === -1) end = text.length;
        const raw = text.slice(idx + 1, end).replace(/\r$/, '');
        out.push({ text: raw.trim(), span: sp(idx, idx + 1 + raw.length, base) });
        idx = text.indexOf('#', end);
        continue;
      }
    }
    idx = text.indexOf('#', idx + 1);
  }
  return out;
}

function inQuotes(s: string): boolean {
  let sq = false;
  let dq = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" && !dq) sq = !sq;
    else if (c === '"' && !sq && s[i - 1] !== '\\') dq = !dq;
  }
  return sq || dq;
}
