import { MAX_JSON_ERRORS } from './cfn-json';
import * as Y from 'yaml';
import type { Comment, MapEntry, Span, SyntaxError, ValueNode } from '../model/types';
import { SHORT_FORM_TAGS, normalizeLongForm } from './intrinsics';
import { deepReason, deepValue, guardYaml, MAX_YAML_NESTING, nestingMessage, type DeepRegion, type Guarded } from './nesting';

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
 * Spans are offsets into `original` plus `base`.
 */
export function parseYamlWithLibrary(original: string, base = 0): YamlParse {
  const r = parseMasked(original, base);
  // Spans are offsets into `original`: the masked text the library parsed may differ from it in length near its end
  // (an unclosed deep region), and the library reports errors one past the end. Keep every span within the text.
  const end = base + original.length;
  const within = (sp: Span): boolean => sp.start >= base && sp.end <= end && sp.start <= sp.end;
  if (r.errors.every((e) => within(e.span)) && r.comments.every((c) => within(c.span))) return r;
  const clamp = (sp: Span): Span => {
    const start = Math.max(base, Math.min(sp.start, end));
    return { start, end: Math.max(start, Math.min(sp.end, end)) };
  };
  return {
    ...r,
    errors: r.errors.map((e) => (within(e.span) ? e : { ...e, span: clamp(e.span) })),
    comments: r.comments.map((c) => (within(c.span) ? c : { ...c, span: clamp(c.span) })),
  };
}

function parseMasked(original: string, base: number): YamlParse {
  // Nesting deeper than MAX_YAML_NESTING is masked before the library sees it (it builds its whole CST first: 4 GB for
  // 4.5 million `[`); a masked value reads as `~` there and becomes an unknown node here.
  const guard = guardYaml(original, base);
  const text = guard.text;
  const errors: SyntaxError[] = [...guard.errors];
  const comments: Comment[] = [];
  let doc: Y.Document.Parsed;
  try {
    // The first document, and whether there is a second: `parseAllDocuments` would compose all of them (60 µs each, so
    // minutes for a file of millions of `---`); the composer is lazy, so stopping at the second stops the parse.
    const list: Y.Document.Parsed[] = [];
    // The library makes an Error (with a captured stack) for every problem: 100,000 stray commas took 3 s in stack
    // captures alone. None of those stacks is ever read, so none is captured while it parses.
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const d of new Y.Composer(PARSE_OPTIONS).compose(new Y.Parser().parse(text))) {
        list.push(d);
        if (list.length === 2) break;
      }
    } finally {
      Error.stackTraceLimit = stackLimit;
    }
    if (list.length === 0) return { root: undefined, errors, comments: scanComments(original, base) };
    doc = list[0];
    if (list.length > 1) {
      errors.push({ message: 'A CloudFormation template holds a single YAML document; the documents after the first are ignored.', span: sp(list[1].range[0], Math.min(text.length, list[1].range[0] + 3), base) });
    }
  } catch (e) {
    errors.push({ message: `YAML parser failed: ${(e as Error).message}`, span: sp(0, Math.min(text.length, 1), base) });
    return { root: undefined, errors, comments };
  }
  for (const err of doc.errors) {
    // As many as JSON reports (cfn-json's MAX_JSON_ERRORS): 100,000 stray commas are one problem, not 100,000 rows.
    if (errors.length >= MAX_JSON_ERRORS) break;
    // The library reports errors at the end of the text one past it: spans stay within the text (as cfn-json's do).
    const s = Math.min(err.pos[0], text.length);
    const e = Math.min(text.length, Math.max(err.pos[1], s + 1));
    errors.push({ message: cleanMessage(err.message), span: sp(Math.max(0, Math.min(s, e)), e, base) });
  }
  const deep = guard.deep.length > 0 ? new Map(guard.deep.map((r) => [r.start, r])) : undefined;
  const budget: Budget = { left: MAX_ALIAS_NODES, exceeded: false, guard, deep, original, tooDeep: undefined };
  let root: ValueNode | undefined;
  try {
    root = doc.contents ? convert(doc.contents as Y.Node, doc, base, budget, 0) : undefined;
  } catch (e) {
    errors.push({ message: `YAML structure could not be read: ${(e as Error).message}`, span: sp(0, Math.min(text.length, 1), base) });
  }
  if (budget.exceeded) {
    errors.push({ message: `Aliases expand to more than ${MAX_ALIAS_NODES} nodes; the rest is ignored (alias bomb protection).`, span: sp(0, Math.min(text.length, 1), base) });
  }
  if (budget.tooDeep) errors.push({ message: `${nestingMessage(MAX_YAML_NESTING)} (through aliases)`, span: budget.tooDeep });
  if (guard.errors.length > 0) errors.sort((a, b) => a.span.start - b.span.start);
  return { root, errors, comments: scanComments(original, base) };
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
  readonly guard: Guarded;
  /** Values masked by the nesting guard, by offset in the chunk text. */
  readonly deep: ReadonlyMap<number, DeepRegion> | undefined;
  readonly original: string;
  /** Where nesting through aliases went deeper than MAX_YAML_NESTING (the guard sees the text, not what aliases expand to). */
  tooDeep: Span | undefined;
  /** What each alias of the document stands for (computed at the first alias). */
  aliases?: ReadonlyMap<Y.Alias, Y.Node>;
}

/**
 * The node each alias of the document refers to: the last node with its anchor before it, in document order, as
 * `Alias.resolve` finds it. One walk for all: `resolve` walks the document for each alias (quadratic: 17 s for 8,000).
 */
function aliasTargets(doc: Y.Document.Parsed): Map<Y.Alias, Y.Node> {
  const out = new Map<Y.Alias, Y.Node>();
  const current = new Map<string, Y.Node>();
  Y.visit(doc, {
    Node: (_key, node) => {
      if (Y.isAlias(node)) {
        const target = current.get(node.source);
        if (target) out.set(node, target);
      } else if (node.anchor) {
        current.set(node.anchor, node);
      }
    },
  });
  return out;
}

function convert(node: Y.Node | Y.Pair | null | undefined, doc: Y.Document.Parsed, base: number, budget: Budget, depth: number, inAlias = false): ValueNode {
  if (inAlias && --budget.left < 0) {
    budget.exceeded = true;
    return { type: 'scalar', span: { start: base, end: base }, value: null };
  }
  if (!node) return { type: 'scalar', span: { start: base, end: base }, value: null };
  if (depth > MAX_YAML_NESTING) {
    const r = (node as Y.Node).range ?? [0, 0, 0];
    const span = sp(r[0], r[1], base);
    budget.tooDeep ??= span;
    return { type: 'expr', span, text: '', refs: [], unknown: deepReason(MAX_YAML_NESTING) };
  }
  if (Y.isAlias(node)) {
    budget.aliases ??= aliasTargets(doc);
    const target = budget.aliases.get(node);
    const r = node.range ?? [0, 0, 0];
    if (!target) return { type: 'scalar', span: sp(r[0], r[1], base), value: null };
    // Aliases keep the alias's own span: that is where the value appears in this place of the file.
    return respan(convert(target as Y.Node, doc, base, budget, depth + 1, true), sp(r[0], r[1], base));
  }
  const r = (node as Y.Node).range ?? [0, 0, 0];
  const masked = budget.deep?.get(r[0]);
  if (masked && (masked.collection ? (Y.isMap(node) || Y.isSeq(node)) && r[1] === masked.end : Y.isScalar(node))) {
    // What the nesting guard masked (an empty collection or `~` in the text the library read): an unknown value.
    return deepValue(budget.guard, budget.original, masked, base);
  }
  const span = sp(r[0], r[1], base);
  let out: ValueNode;
  if (Y.isMap(node)) {
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      const k = pair.key as Y.Node | null;
      const kr = (k && (k as Y.Node).range) || r;
      // A key that is not a scalar (an error in a template) reads as its text: the library's `String(k)` stringifies the
      // key's whole subtree, and for keys nested in keys (`? ? ? x`) that takes exponential time.
      const key = Y.isScalar(k) ? String(k.value) : k ? keyText(budget.original, kr) : '';
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

/** Longest text kept for a key that is not a scalar. */
const MAX_KEY_TEXT = 1000;

function keyText(text: string, range: readonly number[]): string {
  const start = Math.max(0, Math.min(range[0], text.length));
  const end = Math.max(start, Math.min(range[1], text.length, start + MAX_KEY_TEXT));
  return text.slice(start, end).trim();
}

function respan(n: ValueNode, span: Span): ValueNode {
  return { ...n, span } as ValueNode;
}

/**
 * Comments in YAML text: a `#` at line start or after whitespace, outside quotes (a per-line approximation). One pass:
 * the line start and the line's quote state are carried forward from `#` to `#` (looking back from each `#` to its line
 * start, as this once did, is quadratic on a long line of `#`).
 */
export function scanComments(text: string, base: number): Comment[] {
  const out: Comment[] = [];
  let lineStart = 0;
  let lineEnd = text.indexOf('\n');
  /** The quote state of the current line from its start up to `scanned`. */
  let scanned = 0;
  let sq = false;
  let dq = false;
  let idx = text.indexOf('#');
  while (idx !== -1) {
    if (lineEnd !== -1 && idx > lineEnd) {
      // A later line: look back only as far as the end of the current one.
      lineStart = text.lastIndexOf('\n', idx - 1) + 1;
      lineEnd = text.indexOf('\n', idx);
      scanned = lineStart;
      sq = false;
      dq = false;
    }
    if (idx === lineStart || text[idx - 1] === ' ' || text[idx - 1] === '\t') {
      for (; scanned < idx; scanned++) {
        const c = text[scanned];
        if (c === "'" && !dq) sq = !sq;
        else if (c === '"' && !sq && text[scanned - 1] !== '\\') dq = !dq;
      }
      if (!sq && !dq) {
        const end = lineEnd === -1 ? text.length : lineEnd;
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
