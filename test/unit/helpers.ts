import * as path from 'path';

/** Repo root, from any test file under test/. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');

/** A cursor-marked fixture: `<|>` marks the position; returns the text without the marker and the offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('fixture has no <|> cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 3), offset };
}

/** The text a span covers. */
export function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Strips the quotes a YAML/JSON scalar's span may include. */
export function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** A span as plain offsets (parsers anchor spans to their chunk: model/anchor.ts), for deep equality. */
export function plainSpan(s: { readonly start: number; readonly end: number }): { start: number; end: number } {
  return { start: s.start, end: s.end };
}

/**
 * `x` with every node, entry and span as a plain object (the fast parsers build compact nodes, model/anchor.ts, whose
 * spans are read through their class; the library paths build object literals): for deep equality of trees and
 * documents whatever built them. Values are kept as they are (-0, Infinity, lone surrogates); shared objects stay shared.
 */
export function plainTree(x: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof x !== 'object' || x === null) return x;
  const known = seen.get(x);
  if (known !== undefined) return known;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    seen.set(x, out);
    for (const v of x) out.push(plainTree(v, seen));
    return out;
  }
  if (x instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(x, out);
    for (const [k, v] of x) out.set(k, plainTree(v, seen));
    return out;
  }
  if (x instanceof Set) return new Set([...x].map((v) => plainTree(v, seen)));
  const out: Record<string, unknown> = {};
  seen.set(x, out);
  const o = x as Record<string, unknown>;
  if ('start' in o && 'end' in o && typeof o.start === 'number' && Object.keys(o).every((k) => k === 'start' || k === 'end' || k === 'anchor' || k === 's' || k === 'e')) {
    out.start = o.start;
    out.end = o.end;
    return out;
  }
  const compact = Object.getPrototypeOf(x) !== Object.prototype && ('span' in o || 'keySpan' in o);
  for (const k of Object.keys(o)) {
    if (compact && (k === 'anchor' || k === 's' || k === 'e')) continue;
    out[k] = plainTree(o[k], seen);
  }
  if (compact) {
    if ('type' in o && !('type' in out)) out.type = o.type;
    if ('span' in o) out.span = plainTree(o.span, seen);
    if ('keySpan' in o) out.keySpan = plainTree(o.keySpan, seen);
  }
  return out;
}
