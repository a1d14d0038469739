/** The evaluator's internal result: like `Evaluated`, plus the trail of assumptions and the AWS::NoValue marker. */
import type { Evaluated, PlainValue } from './evaluator-api';
import type { ListNode, MapNode, ScalarNode, Span, ValueNode } from '../model/types';
import { pushAll } from '../arrays';

export type Result =
  | { readonly known: true; readonly value: PlainValue; readonly vias: readonly string[]; readonly noValue?: boolean }
  /** `error`: the expression itself fails (a missing attribute, a function Terraform would reject), as opposed to a value not decided here; Terraform's `try` and `can` tell them apart. */
  | { readonly known: false; readonly deps: readonly string[]; readonly error?: true };

export type Known = Extract<Result, { known: true }>;

/** Computed strings longer than this are reported unknown (HCL locals can double a string per level). */
export const MAX_STRING = 100_000;
/** Recursion depth of one evaluation (hostile nesting gives unknown, never a stack overflow). */
export const MAX_DEPTH = 200;

export const NO_VALUE = 'AWS::NoValue';
/** The dependency reported when MAX_DEPTH cuts evaluation off (such results are never cached). */
export const TOO_DEEP = 'value nested too deeply';

export function known(value: PlainValue, vias: readonly string[] = []): Result {
  if (typeof value === 'string' && value.length > MAX_STRING) return unknown([`value longer than ${MAX_STRING} characters`]);
  return { known: true, value, vias };
}

export function noValue(vias: readonly string[] = []): Result {
  return { known: true, value: null, vias: [NO_VALUE, ...vias], noValue: true };
}

export function unknown(deps: readonly string[]): Result {
  return { known: false, deps: dedupe(deps) };
}

/** An expression that fails whatever the inputs (Terraform reports an error); unknown to rules, false to `can()`. */
export function failure(reason: string): Result {
  return { known: false, deps: [reason], error: true };
}

export function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** All known → the values; else unknown with every dependency (an error only when every undecided part is one). */
export function all(results: readonly Result[]): { known: true; values: PlainValue[]; vias: string[] } | { known: false; deps: string[]; error?: true } {
  const deps: string[] = [];
  const vias: string[] = [];
  const values: PlainValue[] = [];
  let errors = 0;
  let undecided = 0;
  for (const r of results) {
    if (r.known) {
      values.push(r.value);
      pushAll(vias, r.vias);
    } else {
      undecided++;
      if (r.error) errors++;
      pushAll(deps, r.deps);
    }
  }
  if (undecided === 0) return { known: true, values, vias: dedupe(vias) };
  return errors === undecided ? { known: false, deps: dedupe(deps), error: true } : { known: false, deps: dedupe(deps) };
}

/** The undecided half of `all()` as a Result (keeps the error mark). */
export function undecided(r: { deps: readonly string[]; error?: true }): Result {
  return r.error ? { known: false, deps: dedupe(r.deps), error: true } : unknown(r.deps);
}

export function withVia(r: Result, via: readonly string[]): Result {
  if (!r.known || via.length === 0) return r;
  return { ...r, vias: dedupe([...via, ...r.vias]) };
}

export function toEvaluated(r: Result): Evaluated {
  if (!r.known) return { known: false, dependsOn: r.deps };
  const via = r.vias.length > 0 ? dedupe(r.vias).join('; ') : undefined;
  return via === undefined ? { known: true, value: r.value } : { known: true, value: r.value, via };
}

/** How a value reads in a `via` text: strings bare, the rest as JSON, shortened. */
export function show(v: PlainValue): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** String form of a scalar as CloudFormation/Terraform would interpolate it; undefined for lists/maps. */
export function scalarString(v: PlainValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A synthesized node carrying a computed value, every part spanning `span` (where the expression is written). */
export function plainToNode(value: PlainValue, span: Span): ValueNode {
  if (Array.isArray(value)) {
    const list: ListNode = { type: 'list', span, items: (value as readonly PlainValue[]).map((v) => plainToNode(v, span)) };
    return list;
  }
  if (value !== null && typeof value === 'object') {
    const map: MapNode = {
      type: 'map',
      span,
      entries: Object.entries(value as { readonly [k: string]: PlainValue }).map(([key, v]) => ({ key, keySpan: span, value: plainToNode(v, span) })),
    };
    return map;
  }
  const scalar: ScalarNode = { type: 'scalar', span, value: value as string | number | boolean | null };
  return scalar;
}

/** Structural equality of plain values (Fn::Equals, HCL ==). Scalars compare by their string form, as CloudFormation does. */
export function plainEquals(a: PlainValue, b: PlainValue): boolean {
  const sa = scalarString(a);
  const sb = scalarString(b);
  if (sa !== undefined && sb !== undefined) return sa === sb;
  return JSON.stringify(a) === JSON.stringify(b);
}
