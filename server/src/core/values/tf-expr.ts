/**
 * Terraform expressions evaluated from what the configuration itself decides: `var.x` defaults, locals,
 * literals, string templates, `cond ? a : b`, comparisons, logic, arithmetic and a few pure functions.
 * ExprNode keeps only source text, so it is re-parsed with the project's HCL parser (cached per node).
 * https://developer.hashicorp.com/terraform/language/expressions
 */
import { get } from '../model/nodes';
import type { ExprNode, MapNode, ValueNode } from '../model/types';
import type { Expression, TemplatePart, TraversalStep } from '../parse/hcl/ast';
import { parseHcl } from '../parse/hcl/parser';
import type { PlainValue } from './evaluator-api';
import type { EvalContext } from './context';
import { all, known, MAX_DEPTH, TOO_DEEP, scalarString, show, unknown, withVia, type Result } from './result';

const PREFIX = 'x = ';
const parsed = new WeakMap<ExprNode, Expression | null>();

/** The HCL AST of an ExprNode's text (null when it does not parse cleanly). */
export function exprAst(node: ExprNode): Expression | null {
  const cached = parsed.get(node);
  if (cached !== undefined) return cached;
  let out: Expression | null = simpleTraversal(node.text);
  if (!out && node.text.length <= 100_000) {
    const file = parseHcl(`${PREFIX}${node.text}\n`);
    const item = file.body.items[0];
    if (file.errors.length === 0 && file.body.items.length === 1 && item.kind === 'attribute') out = item.expr;
  }
  parsed.set(node, out);
  return out;
}

const SIMPLE_TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;
const STEP = /\.([A-Za-z_][\w-]*)|\[(\d+)\]/g;

/** Fast path for the most common expressions (`var.x`, `aws_s3_bucket.b[0].id`): no lexer/parser run. */
function simpleTraversal(text: string): Expression | null {
  if (text.length > 1000 || !SIMPLE_TRAVERSAL.test(text)) return null;
  const span = { start: 0, end: text.length };
  const rootEnd = /^[A-Za-z_][\w-]*/.exec(text)?.[0].length ?? 0;
  const steps: TraversalStep[] = [];
  STEP.lastIndex = rootEnd;
  for (let m = STEP.exec(text); m; m = STEP.exec(text)) {
    const stepSpan = { start: m.index, end: m.index + m[0].length };
    if (m[1] !== undefined) steps.push({ kind: 'attr', name: m[1], span: stepSpan });
    else steps.push({ kind: 'index', key: { kind: 'literal', span: stepSpan, value: Number(m[2]) }, span: stepSpan });
  }
  const root = text.slice(0, rootEnd);
  // Bare keywords are literals, not traversals.
  if (steps.length === 0 && (root === 'true' || root === 'false' || root === 'null')) return null;
  return { kind: 'traversal', span, root: { name: root, span: { start: 0, end: rootEnd } }, steps };
}

export function evalExprNode(ctx: EvalContext, node: ExprNode, depth: number): Result {
  const ast = exprAst(node);
  if (!ast) return unknown([`expression ${short(node.text)}`, ...node.refs.map(describeRef)]);
  return evalExpr(ctx, ast, depth);
}

/** The human name of what a reference depends on. */
export function describeRef(ref: string): string {
  const p = ref.split('.');
  switch (p[0]) {
    case 'var':
      return `variable ${p[1] ?? ''}`;
    case 'local':
      return `local ${p[1] ?? ''}`;
    case 'data':
      return `attribute of data.${p[1] ?? ''}.${p[2] ?? ''}`;
    case 'module':
      return `output of module.${p[1] ?? ''}`;
    case 'each':
    case 'count':
    case 'self':
    case 'path':
    case 'terraform':
      return ref;
    default:
      return p.length >= 2 ? `attribute of ${p[0]}.${p[1]}` : ref;
  }
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** Terraform variable `var.name`: its default, per the defaults policy. */
export function variable(ctx: EvalContext, name: string, depth: number): Result {
  const decl = ctx.doc.declarations.parameters.get(name);
  if (!decl) return unknown([`variable ${name} (not declared)`]);
  const def = get(decl.node, 'default');
  if (def === undefined) return unknown([`variable ${name} (no default)`]);
  const r = ctx.evalNode(def, depth);
  if (!r.known) return unknown([`variable ${name}`, ...r.deps]);
  const via = `variable ${name} (default ${show(r.value)})`;
  return ctx.defaults === 'unknown' ? unknown([via]) : known(r.value, [via, ...r.vias]);
}

/** A variable's declaration body, for structural resolution. */
export function variableDefault(ctx: EvalContext, name: string): ValueNode | undefined {
  const decl: MapNode | undefined = ctx.doc.declarations.parameters.get(name)?.node;
  return get(decl, 'default');
}

export function evalExpr(ctx: EvalContext, e: Expression, depth: number): Result {
  if (depth > MAX_DEPTH) return unknown([TOO_DEEP]);
  const d = depth + 1;
  switch (e.kind) {
    case 'literal':
      return known(e.value);
    case 'template':
      return template(ctx, e.parts, d, e.heredoc?.indented === true);
    case 'paren':
      return evalExpr(ctx, e.expr, d);
    case 'traversal':
      return traversal(ctx, e.root.name, e.steps, d);
    case 'relative':
      return navigate(ctx, evalExpr(ctx, e.source, d), e.steps, d);
    case 'tuple': {
      const r = all(e.items.map((i) => evalExpr(ctx, i, d)));
      return r.known ? known(r.values, r.vias) : unknown(r.deps);
    }
    case 'object': {
      const keys = e.items.map((i) => (i.keyName !== undefined ? known(i.keyName) : evalExpr(ctx, i.key, d)));
      const r = all([...keys, ...e.items.map((i) => evalExpr(ctx, i.value, d))]);
      if (!r.known) return unknown(r.deps);
      const out: { [k: string]: PlainValue } = {};
      const n = e.items.length;
      for (let i = 0; i < n; i++) {
        const k = scalarString(r.values[i]);
        if (k === undefined) return unknown(['object key that is not a string']);
        setKey(out, k, r.values[n + i]);
      }
      return known(out, r.vias);
    }
    case 'conditional': {
      const c = evalExpr(ctx, e.cond, d);
      if (!c.known) return c;
      if (typeof c.value !== 'boolean') return unknown(['condition that is not a boolean']);
      return withVia(evalExpr(ctx, c.value ? e.then : e.else, d), c.vias);
    }
    case 'unary': {
      const r = evalExpr(ctx, e.operand, d);
      if (!r.known) return r;
      if (e.op === '!') return typeof r.value === 'boolean' ? known(!r.value, r.vias) : unknown(['! of a non-boolean']);
      return typeof r.value === 'number' ? known(-r.value, r.vias) : unknown(['- of a non-number']);
    }
    case 'binary':
      return binary(ctx, e.op, e.left, e.right, d);
    case 'call':
      return call(ctx, e.name, e.args, e.expandFinal, d);
    case 'for':
      return unknown(['for expression']);
    default:
      return unknown(['invalid expression']);
  }
}

function template(ctx: EvalContext, parts: readonly TemplatePart[], depth: number, indented: boolean): Result {
  // "${x}" alone yields x's value unconverted (a list stays a list), as Terraform does.
  if (parts.length === 1 && parts[0].kind === 'interp') return evalExpr(ctx, parts[0].expr, depth);
  const pieces: Result[] = [];
  for (const p of parts) {
    if (p.kind === 'literal') pieces.push(known(p.value));
    else if (p.kind === 'interp') pieces.push(evalExpr(ctx, p.expr, depth));
    else pieces.push(unknown([`template %{${p.kind}} directive`]));
  }
  const r = all(pieces);
  if (!r.known) return unknown(r.deps);
  const strs = r.values.map(scalarString);
  if (strs.some((s) => s === undefined)) return unknown(['interpolation of a non-string value']);
  const text = strs.join('');
  return known(indented ? dedent(text) : text, r.vias);
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

function traversal(ctx: EvalContext, root: string, steps: readonly TraversalStep[], depth: number): Result {
  const first = steps[0];
  const name = first && first.kind === 'attr' ? first.name : undefined;
  if (root === 'var' && name !== undefined) return navigate(ctx, variable(ctx, name, depth), steps.slice(1), depth);
  if (root === 'local' && name !== undefined) return navigate(ctx, ctx.local(name, depth), steps.slice(1), depth);
  const dotted = [root, ...steps.filter((s) => s.kind === 'attr').map((s) => (s.kind === 'attr' ? s.name : ''))].join('.');
  return unknown([describeRef(dotted)]);
}

/** Apply `.attr`, `[index]` steps to a known value. */
function navigate(ctx: EvalContext, base: Result, steps: readonly TraversalStep[], depth: number): Result {
  let cur = base;
  for (const s of steps) {
    if (!cur.known) return cur;
    if (s.kind === 'splat') return unknown(['splat expression']);
    let key: PlainValue;
    if (s.kind === 'attr') key = s.name;
    else {
      const k = evalExpr(ctx, s.key, depth);
      if (!k.known) return k;
      key = k.value;
    }
    const v = cur.value;
    let next: PlainValue | undefined;
    if (Array.isArray(v) && typeof key === 'number') next = (v as readonly PlainValue[])[key];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof key === 'string') {
      const obj = v as { readonly [k: string]: PlainValue };
      next = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
    }
    if (next === undefined) return unknown([`${String(key)} is not in the value`]);
    cur = known(next, cur.vias);
  }
  return cur;
}

function binary(ctx: EvalContext, op: string, left: Expression, right: Expression, depth: number): Result {
  const l = evalExpr(ctx, left, depth);
  if (op === '&&' || op === '||') {
    // false && x = false, true || x = true, whatever x is.
    if (l.known && l.value === (op === '||')) return l;
    const r = evalExpr(ctx, right, depth);
    if (r.known && r.value === (op === '||') && !l.known) return r;
    const both = all([l, r]);
    if (!both.known) return unknown(both.deps);
    const [a, b] = both.values;
    if (typeof a !== 'boolean' || typeof b !== 'boolean') return unknown([`${op} of non-booleans`]);
    return known(op === '&&' ? a && b : a || b, both.vias);
  }
  const both = all([l, evalExpr(ctx, right, depth)]);
  if (!both.known) return unknown(both.deps);
  const [a, b] = both.values;
  if (op === '==' || op === '!=') {
    const eq = JSON.stringify(a) === JSON.stringify(b);
    return known(op === '==' ? eq : !eq, both.vias);
  }
  const x = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const y = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return unknown([`${op} of non-numbers`]);
  const out: Record<string, () => PlainValue> = {
    '<': () => x < y,
    '<=': () => x <= y,
    '>': () => x > y,
    '>=': () => x >= y,
    '+': () => x + y,
    '-': () => x - y,
    '*': () => x * y,
    '/': () => x / y,
    '%': () => x % y,
  };
  const f = out[op];
  return f ? known(f(), both.vias) : unknown([`operator ${op}`]);
}

/** A few pure built-in functions (https://developer.hashicorp.com/terraform/language/functions). */
function call(ctx: EvalContext, name: string, argExprs: readonly Expression[], expandFinal: boolean, depth: number): Result {
  if (expandFinal) return unknown([`function ${name}(...)`]);
  const r = all(argExprs.map((a) => evalExpr(ctx, a, depth)));
  if (!r.known) return unknown(r.deps);
  const a = r.values;
  const s0 = scalarString(a[0]);
  const done = (v: PlainValue | undefined): Result => (v === undefined ? unknown([`function ${name}()`]) : known(v, r.vias));
  switch (name) {
    case 'tobool':
      return done(typeof a[0] === 'boolean' ? a[0] : a[0] === 'true' ? true : a[0] === 'false' ? false : a[0] === null ? null : undefined);
    case 'tostring':
      return done(a[0] === null ? null : s0);
    case 'tonumber':
      return done(typeof a[0] === 'number' ? a[0] : s0 !== undefined && s0.trim() !== '' && !Number.isNaN(Number(s0)) ? Number(s0) : undefined);
    case 'lower':
      return done(s0?.toLowerCase());
    case 'upper':
      return done(s0?.toUpperCase());
    case 'length':
      return done(Array.isArray(a[0]) || typeof a[0] === 'string' ? a[0].length : isObject(a[0]) ? Object.keys(a[0]).length : undefined);
    case 'concat':
      return done(a.every(Array.isArray) ? (a as readonly PlainValue[][]).flat() : undefined);
    case 'merge':
      if (!a.every((x) => x === null || isObject(x))) return done(undefined);
      const out: { [k: string]: PlainValue } = {};
      for (const o of a.filter(isObject)) for (const [k, v] of Object.entries(o)) setKey(out, k, v);
      return done(out);
    case 'coalesce': {
      const v = a.find((x) => x !== null && x !== '');
      return done(v);
    }
    case 'lookup': {
      const obj = a[0];
      const key = scalarString(a[1]);
      if (!isObject(obj) || key === undefined) return done(undefined);
      return done(Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : a[2]);
    }
    case 'contains':
      return done(Array.isArray(a[0]) ? (a[0] as readonly PlainValue[]).some((x) => JSON.stringify(x) === JSON.stringify(a[1])) : undefined);
    case 'join': {
      const list = a[1];
      if (s0 === undefined || !Array.isArray(list)) return done(undefined);
      const parts = (list as readonly PlainValue[]).map(scalarString);
      return done(parts.every((p) => p !== undefined) ? parts.join(s0) : undefined);
    }
    case 'jsonencode':
      return done(JSON.stringify(a[0]));
    default:
      return unknown([`function ${name}()`]);
  }
}

/** Plain own property, even for a key named "__proto__" (hostile configurations). */
function setKey(obj: { [k: string]: PlainValue }, key: string, value: PlainValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(v: PlainValue | undefined): v is { readonly [k: string]: PlainValue } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}
