/**
 * Terraform expressions evaluated from what the configuration itself decides: `var.x` defaults, locals,
 * literals, string templates, `cond ? a : b`, comparisons, logic, arithmetic and a few pure functions.
 * ExprNode keeps only source text, so it is re-parsed with the project's HCL parser (cached per node).
 * https://developer.hashicorp.com/terraform/language/expressions
 */
import { get } from '../model/nodes';
import type { ExprNode, MapNode, ValueNode } from '../model/types';
import type { Expression, ForExpr, TemplatePart, TraversalStep } from '../parse/hcl/ast';
import { parseHcl } from '../parse/hcl/parser';
import type { PlainValue } from './evaluator-api';
import type { EvalContext } from './context';
import { callTerraformFunction } from './tf-functions';
import { all, dedupe, failure, known, MAX_DEPTH, TOO_DEEP, scalarString, show, undecided, unknown, withVia, type Result } from './result';
import { pushAll } from '../arrays';

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
  if (node.unknown !== undefined) return unknown([node.unknown]);
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

/**
 * Terraform variable `var.name`: a value assigned from outside (tfvars, `-var`, a module call's argument) wins; in a
 * module its callers set, the value depends on them; otherwise the declaration's default, per the defaults policy.
 */
export function variable(ctx: EvalContext, name: string, depth: number): Result {
  const assigned = ctx.inputs?.value(name);
  const decl = ctx.doc.declarations.parameters.get(name);
  // `null` given to a variable declared `nullable = false` is not a value: the default applies, as when none is given.
  // https://developer.hashicorp.com/terraform/language/values/variables#disallowing-null-input-values
  const nullToDefault = assigned?.known === true && assigned.value === null && decl !== undefined && nonNullable(decl.node);
  if (assigned && !nullToDefault) return assigned.known ? assigned : unknown([`variable ${name}`, ...assigned.deps]);
  if (!decl) return unknown([`variable ${name} (not declared)`]);
  const caller = ctx.inputs?.callerDependent?.(name);
  if (caller !== undefined) return unknown([`variable ${name} (${caller})`]);
  const def = get(decl.node, 'default');
  if (def === undefined) return unknown([`variable ${name} (no default)`]);
  const r = ctx.evalNode(def, depth);
  if (!r.known) return unknown([`variable ${name}`, ...r.deps]);
  const via = `variable ${name} (default ${show(r.value)})`;
  return ctx.defaults === 'unknown' ? unknown([via]) : known(r.value, [via, ...r.vias]);
}

/** The declaration says `nullable = false` (literally: Terraform requires a literal there). */
function nonNullable(decl: MapNode | undefined): boolean {
  const n = get(decl, 'nullable');
  return n !== undefined && n.type === 'scalar' && n.value === false;
}

/** A variable's declaration body, for structural resolution. */
export function variableDefault(ctx: EvalContext, name: string): ValueNode | undefined {
  const decl: MapNode | undefined = ctx.doc.declarations.parameters.get(name)?.node;
  return get(decl, 'default');
}

/** Names a `for` expression (or template `%{for}`) binds, innermost last. */
type Scope = ReadonlyMap<string, Result> | undefined;

/** At most this many elements are iterated by one `for` (hostile collections give unknown). */
const MAX_FOR = 10_000;
/**
 * At most this many iterations by nested `for`s and template `%{for}`s in all (two nested loops of 1,024 are a million
 * bodies: seconds for one attribute). Counted from the outermost loop; evaluation is synchronous, so one budget at a time.
 */
const MAX_FOR_TOTAL = 20_000;
let forBudget: { left: number } | undefined;

/** Runs `body` with the loops' shared budget (made by the outermost loop); false once it is spent. */
function withForBudget<T>(run: (spend: (n: number) => boolean) => T): T {
  const outer = forBudget === undefined;
  if (outer) forBudget = { left: MAX_FOR_TOTAL };
  const budget = forBudget!;
  try {
    return run((n) => (budget.left -= n) >= 0);
  } finally {
    if (outer) forBudget = undefined;
  }
}
const FOR_TOTAL_REASON = `for loops that iterate more than ${MAX_FOR_TOTAL} times in all`;

export function evalExpr(ctx: EvalContext, e: Expression, depth: number, scope?: Scope): Result {
  if (depth > MAX_DEPTH) return unknown([TOO_DEEP]);
  const d = depth + 1;
  switch (e.kind) {
    case 'literal':
      return known(e.value);
    case 'template':
      return template(ctx, e.parts, d, e.heredoc?.indented === true, scope);
    case 'paren':
      return evalExpr(ctx, e.expr, d, scope);
    case 'traversal':
      return traversal(ctx, e.root.name, e.steps, d, scope);
    case 'relative':
      return navigate(ctx, evalExpr(ctx, e.source, d, scope), e.steps, d, scope);
    case 'tuple': {
      const r = all(e.items.map((i) => evalExpr(ctx, i, d, scope)));
      return r.known ? known(r.values, r.vias) : undecided(r);
    }
    case 'object': {
      const keys = e.items.map((i) => (i.keyName !== undefined ? known(i.keyName) : evalExpr(ctx, i.key, d, scope)));
      const r = all([...keys, ...e.items.map((i) => evalExpr(ctx, i.value, d, scope))]);
      if (!r.known) return undecided(r);
      const out: { [k: string]: PlainValue } = {};
      const n = e.items.length;
      for (let i = 0; i < n; i++) {
        const k = scalarString(r.values[i]);
        if (k === undefined) return failure('object key that is not a string');
        setKey(out, k, r.values[n + i]);
      }
      return known(out, r.vias);
    }
    case 'conditional': {
      const c = evalExpr(ctx, e.cond, d, scope);
      if (!c.known) return c;
      const b = toBool(c.value);
      if (b === undefined) return failure('condition that is not a boolean');
      // The value comes from the branch taken; the condition's sources only chose it ("if …", after the branch's).
      const r = evalExpr(ctx, b ? e.then : e.else, d, scope);
      return r.known && c.vias.length > 0 ? { ...r, vias: dedupe([...r.vias, ...c.vias.map((v) => (v.startsWith('if ') ? v : `if ${v}`))]) } : r;
    }
    case 'unary': {
      const r = evalExpr(ctx, e.operand, d, scope);
      if (!r.known) return r;
      if (e.op === '!') {
        const b = toBool(r.value);
        return b !== undefined ? known(!b, r.vias) : failure('! of a non-boolean');
      }
      const n = toNumber(r.value);
      return n !== undefined ? known(-n, r.vias) : failure('- of a non-number');
    }
    case 'binary':
      return binary(ctx, e.op, e.left, e.right, d, scope);
    case 'call':
      return call(ctx, e.name, e.args, e.expandFinal, d, scope);
    case 'for':
      return forExpr(ctx, e, d, scope);
    default:
      return unknown(['invalid expression']);
  }
}

function toBool(v: PlainValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function toNumber(v: PlainValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** The (key, value) pairs a `for` iterates: list index/element, or object key/value in lexical key order (as Terraform). */
function iteration(v: PlainValue): [PlainValue, PlainValue][] | undefined {
  if (Array.isArray(v)) return (v as readonly PlainValue[]).map((x, i) => [i, x]);
  if (v !== null && typeof v === 'object') {
    const o = v as { readonly [k: string]: PlainValue };
    return Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]);
  }
  return undefined;
}

function bind(scope: Scope, names: readonly [string | undefined, Result][]): Scope {
  const next = new Map(scope ?? []);
  for (const [n, r] of names) if (n !== undefined) next.set(n, r);
  return next;
}

function forExpr(ctx: EvalContext, e: ForExpr, depth: number, scope: Scope): Result {
  const coll = evalExpr(ctx, e.collection, depth, scope);
  if (!coll.known) return coll;
  const pairs = iteration(coll.value);
  if (!pairs) return failure('for over a value that is not a collection');
  if (pairs.length > MAX_FOR) return unknown([`for over more than ${MAX_FOR} elements`]);
  return withForBudget((spend) => (spend(pairs.length) ? forBody(ctx, e, depth, scope, coll, pairs) : unknown([FOR_TOTAL_REASON])));
}

function forBody(ctx: EvalContext, e: ForExpr, depth: number, scope: Scope, coll: Result & { known: true }, pairs: readonly [PlainValue, PlainValue][]): Result {
  const vias: string[] = [...coll.vias];
  const deps: string[] = [];
  const list: PlainValue[] = [];
  const obj: { [k: string]: PlainValue } = {};
  const groups = new Map<string, PlainValue[]>();
  for (const [k, v] of pairs) {
    const inner = e.keyVar ? bind(scope, [[e.keyVar.name, known(k)], [e.valueVar.name, known(v)]]) : bind(scope, [[e.valueVar.name, known(v)]]);
    if (e.cond) {
      const c = evalExpr(ctx, e.cond, depth, inner);
      if (!c.known) {
        pushAll(deps, c.deps);
        continue;
      }
      const b = toBool(c.value);
      if (b === undefined) return failure('for condition that is not a boolean');
      if (!b) continue;
    }
    const val = evalExpr(ctx, e.valueExpr, depth, inner);
    if (!val.known) {
      pushAll(deps, val.deps);
      continue;
    }
    pushAll(vias, val.vias);
    if (!e.isObject) {
      list.push(val.value);
      continue;
    }
    const key = e.keyExpr ? evalExpr(ctx, e.keyExpr, depth, inner) : known(k);
    if (!key.known) {
      pushAll(deps, key.deps);
      continue;
    }
    const ks = scalarString(key.value);
    if (ks === undefined) return failure('for key that is not a string');
    if (e.group) {
      const g = groups.get(ks);
      if (g) g.push(val.value);
      else groups.set(ks, [val.value]);
    } else {
      if (Object.prototype.hasOwnProperty.call(obj, ks)) return failure(`duplicate key ${ks} in a for expression (use ... to group)`);
      setKey(obj, ks, val.value);
    }
  }
  if (deps.length > 0) return unknown(deps);
  if (!e.isObject) return known(list, vias);
  for (const [k, g] of groups) setKey(obj, k, g);
  return known(obj, vias);
}

function template(ctx: EvalContext, parts: readonly TemplatePart[], depth: number, indented: boolean, scope: Scope): Result {
  // "${x}" alone yields x's value unconverted (a list stays a list), as Terraform does.
  if (parts.length === 1 && parts[0].kind === 'interp') return evalExpr(ctx, parts[0].expr, depth, scope);
  const r = templateParts(ctx, parts, depth, scope);
  if (!r.known) return r;
  const text = r.value as string;
  return known(indented ? dedent(text) : text, r.vias);
}

/** The text of template parts (literals, interpolations, `%{if}` and `%{for}` directives). */
function templateParts(ctx: EvalContext, parts: readonly TemplatePart[], depth: number, scope: Scope): Result {
  if (depth > MAX_DEPTH) return unknown([TOO_DEEP]);
  const pieces: Result[] = [];
  for (const p of parts) {
    if (p.kind === 'literal') pieces.push(known(p.value));
    else if (p.kind === 'interp') pieces.push(evalExpr(ctx, p.expr, depth, scope));
    else if (p.kind === 'if') {
      const c = evalExpr(ctx, p.cond, depth, scope);
      if (!c.known) return c;
      const b = toBool(c.value);
      if (b === undefined) return failure('template if condition that is not a boolean');
      pieces.push(withVia(templateParts(ctx, b ? p.then : (p.else ?? []), depth + 1, scope), c.vias));
    } else {
      const coll = evalExpr(ctx, p.collection, depth, scope);
      if (!coll.known) return coll;
      const pairs = iteration(coll.value);
      if (!pairs) return failure('template for over a value that is not a collection');
      if (pairs.length > MAX_FOR) return unknown([`template for over more than ${MAX_FOR} elements`]);
      const spent = withForBudget((spend) => {
        if (!spend(pairs.length)) return false;
        for (const [k, v] of pairs) {
          const inner = p.keyVar ? bind(scope, [[p.keyVar.name, known(k)], [p.valueVar.name, known(v)]]) : bind(scope, [[p.valueVar.name, known(v)]]);
          pieces.push(templateParts(ctx, p.body, depth + 1, inner));
        }
        return true;
      });
      if (!spent) return unknown([FOR_TOTAL_REASON]);
    }
  }
  const r = all(pieces);
  if (!r.known) return undecided(r);
  const strs = r.values.map(scalarString);
  if (strs.some((s) => s === undefined)) return failure('interpolation of a non-string value');
  return known(strs.join(''), r.vias);
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  // A loop, not Math.min(...indents): a heredoc of 125,000+ lines would overflow the stack.
  let min = indents.length > 0 ? Infinity : 0;
  for (const n of indents) if (n < min) min = n;
  return lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

function traversal(ctx: EvalContext, root: string, steps: readonly TraversalStep[], depth: number, scope: Scope): Result {
  const bound = scope?.get(root);
  if (bound) return navigate(ctx, bound, steps, depth, scope);
  const first = steps[0];
  const name = first && first.kind === 'attr' ? first.name : undefined;
  if (root === 'var' && name !== undefined) return navigate(ctx, variable(ctx, name, depth), steps.slice(1), depth, scope);
  if (root === 'local' && name !== undefined) return navigate(ctx, withVia(ctx.local(name, depth), [`local ${name}`]), steps.slice(1), depth, scope);
  if (root === 'count' && name === 'index' && ctx.bindings?.count) {
    const i = ctx.bindings.count.index;
    return navigate(ctx, known(i, [`count.index = ${i}`]), steps.slice(1), depth, scope);
  }
  const iterator = ctx.bindings?.iterators?.get(root);
  if (iterator && (name === 'key' || name === 'value')) {
    const v = name === 'key' ? iterator.key : iterator.value;
    return navigate(ctx, known(v, [`${root}.key = ${show(iterator.key)}`]), steps.slice(1), depth, scope);
  }
  if (root === 'each' && (name === 'key' || name === 'value') && ctx.bindings?.each) {
    const each = ctx.bindings.each;
    const v = name === 'key' ? each.key : each.value;
    return navigate(ctx, known(v, [`each.key = ${show(each.key)}`]), steps.slice(1), depth, scope);
  }
  const dotted = [root, ...steps.filter((s) => s.kind === 'attr').map((s) => (s.kind === 'attr' ? s.name : ''))].join('.');
  return unknown([describeRef(dotted)]);
}

/** Apply `.attr`, `[index]` steps to a known value. A missing attribute or index is an error, as in Terraform. */
function navigate(ctx: EvalContext, base: Result, steps: readonly TraversalStep[], depth: number, scope: Scope): Result {
  let cur = base;
  for (const s of steps) {
    if (!cur.known) return cur;
    if (s.kind === 'splat') return unknown(['splat expression']);
    let key: PlainValue;
    if (s.kind === 'attr') key = s.name;
    else {
      const k = evalExpr(ctx, s.key, depth, scope);
      if (!k.known) return k;
      key = k.value;
    }
    const v = cur.value;
    let next: PlainValue | undefined;
    if (Array.isArray(v)) {
      const i = toNumber(key);
      next = i !== undefined && Number.isInteger(i) ? (v as readonly PlainValue[])[i] : undefined;
    } else if (v !== null && typeof v === 'object') {
      const obj = v as { readonly [k: string]: PlainValue };
      const ks = scalarString(key);
      next = ks !== undefined && Object.prototype.hasOwnProperty.call(obj, ks) ? obj[ks] : undefined;
    }
    if (next === undefined) return failure(`${show(key)} is not in the value`);
    cur = known(next, cur.vias);
  }
  return cur;
}

function binary(ctx: EvalContext, op: string, left: Expression, right: Expression, depth: number, scope: Scope): Result {
  const l = evalExpr(ctx, left, depth, scope);
  if (op === '&&' || op === '||') {
    // false && x = false, true || x = true, whatever x is.
    if (l.known && l.value === (op === '||')) return l;
    const r = evalExpr(ctx, right, depth, scope);
    if (r.known && r.value === (op === '||') && !l.known) return r;
    const both = all([l, r]);
    if (!both.known) return undecided(both);
    const [a, b] = both.values.map(toBool);
    if (a === undefined || b === undefined) return failure(`${op} of non-booleans`);
    return known(op === '&&' ? a && b : a || b, both.vias);
  }
  const both = all([l, evalExpr(ctx, right, depth, scope)]);
  if (!both.known) return undecided(both);
  const [a, b] = both.values;
  if (op === '==' || op === '!=') {
    const eq = JSON.stringify(a) === JSON.stringify(b);
    return known(op === '==' ? eq : !eq, both.vias);
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return failure(`${op} of non-numbers`);
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

/** Built-in functions (https://developer.hashicorp.com/terraform/language/functions): `try`/`can` here, pure ones below. */
function call(ctx: EvalContext, name: string, argExprs: readonly Expression[], expandFinal: boolean, depth: number, scope: Scope): Result {
  if (name === 'try') {
    // The first argument that evaluates without an error; an undecided one decides nothing.
    for (const a of argExprs) {
      const r = evalExpr(ctx, a, depth, scope);
      if (r.known || !r.error) return r;
    }
    return failure('no argument of try() could be evaluated');
  }
  if (name === 'can') {
    if (argExprs.length !== 1) return failure('can() takes one argument');
    const r = evalExpr(ctx, argExprs[0], depth, scope);
    if (r.known) return known(true, r.vias);
    return r.error ? known(false) : r;
  }
  const r = all(argExprs.map((a) => evalExpr(ctx, a, depth, scope)));
  if (!r.known) return undecided(r);
  let args: readonly PlainValue[] = r.values;
  if (expandFinal) {
    // `f(a, list...)`: the last argument's elements are the final arguments.
    const last = args[args.length - 1];
    if (!Array.isArray(last)) return failure(`${name}(...): the expanded argument is not a list`);
    args = [...args.slice(0, -1), ...(last as readonly PlainValue[])];
  }
  return pure(name, args, r.vias);
}

/** A pure built-in function over decided values (values/tf-functions.ts); `core::` names are the same functions. */
function pure(name: string, args: readonly PlainValue[], vias: readonly string[]): Result {
  const fn = name.startsWith('core::') ? name.slice('core::'.length) : name;
  if (fn.includes('::')) return unknown([`function ${name}() (provider-defined)`]);
  const out = callTerraformFunction(fn, args);
  if (out === undefined) return unknown([`function ${name}()`]);
  if ('error' in out) return failure(`${name}(): ${out.error}`);
  return known(out.value, vias);
}

/** Plain own property, even for a key named "__proto__" (hostile configurations). */
function setKey(obj: { [k: string]: PlainValue }, key: string, value: PlainValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
