/**
 * CloudFormation intrinsic functions evaluated from what the template itself decides.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { asList, asMap, asScalar, get } from '../model/nodes';
import type { IntrinsicNode, MapNode, ValueNode } from '../model/types';
import type { PlainValue } from './evaluator-api';
import { base64EncodeUtf8 } from './base64';
import { cidrSubnets } from './cidr';
import type { EvalContext } from './context';
import { all, known, MAX_DEPTH, TOO_DEEP, NO_VALUE, noValue, plainEquals, scalarString, show, unknown, withVia, type Result } from './result';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export const PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

export function evalIntrinsic(ctx: EvalContext, node: IntrinsicNode, depth: number): Result {
  if (depth > MAX_DEPTH) return unknown([TOO_DEEP]);
  const d = depth + 1;
  const args = asList(node.arg)?.items ?? [];
  switch (node.fn) {
    case 'Ref':
      return withName(ctx, node.arg, d, (name) => ref(ctx, name, d));
    case 'Condition':
      return withName(ctx, node.arg, d, (name) => ctx.condition(name, d));
    case 'Fn::If':
      return fnIf(ctx, args, d);
    case 'Fn::Equals': {
      if (args.length !== 2) return unknown(['Fn::Equals needs two values']);
      const r = all([ctx.evalNode(args[0], d), ctx.evalNode(args[1], d)]);
      return r.known ? known(plainEquals(r.values[0], r.values[1]), r.vias) : unknown(r.deps);
    }
    case 'Fn::Not': {
      const c = conditionArg(ctx, args[0] ?? node.arg, d);
      return c.known ? known(!truthy(c.value), c.vias) : c;
    }
    case 'Fn::And':
      return andOr(ctx, args, d, false);
    case 'Fn::Or':
      return andOr(ctx, args, d, true);
    case 'Fn::FindInMap':
      return findInMap(ctx, args, d);
    case 'Fn::Sub':
      return sub(ctx, node.arg, d);
    case 'Fn::Join': {
      const r = all([ctx.evalNode(args[0], d), ctx.evalNode(args[1], d)]);
      if (!r.known) return unknown(r.deps);
      const [delim, list] = r.values;
      if (typeof delim !== 'string' || !Array.isArray(list)) return unknown(['Fn::Join with malformed arguments']);
      const parts = (list as readonly PlainValue[]).map(scalarString);
      if (parts.some((p) => p === undefined)) return unknown(['Fn::Join of non-string values']);
      return known(parts.join(delim), r.vias);
    }
    case 'Fn::Select': {
      const r = all([ctx.evalNode(args[0], d), ctx.evalNode(args[1], d)]);
      if (!r.known) return unknown(r.deps);
      const [index, list] = r.values;
      const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index.trim()) ? Number(index) : NaN;
      if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) return unknown(['Fn::Select index out of range']);
      return known((list as readonly PlainValue[])[i], r.vias);
    }
    case 'Fn::Split': {
      const r = all([ctx.evalNode(args[0], d), ctx.evalNode(args[1], d)]);
      if (!r.known) return unknown(r.deps);
      const [delim, source] = r.values;
      if (typeof delim !== 'string' || delim === '' || typeof source !== 'string') return unknown(['Fn::Split with malformed arguments']);
      return known(source.split(delim), r.vias);
    }
    case 'Fn::Base64': {
      const r = ctx.evalNode(node.arg, d);
      if (!r.known) return r;
      const s = scalarString(r.value);
      return s === undefined ? unknown(['Fn::Base64 of a non-string']) : known(base64EncodeUtf8(s), r.vias);
    }
    case 'Fn::Cidr': {
      const r = all(args.slice(0, 3).map((a) => ctx.evalNode(a, d)));
      if (!r.known) return unknown(r.deps);
      const [block, count, bits] = r.values;
      const out = typeof block === 'string' ? cidrSubnets(block, Number(count), Number(bits)) : undefined;
      return out ? known(out, r.vias) : unknown(['Fn::Cidr with invalid arguments']);
    }
    case 'Fn::Length':
      return fnLength(ctx, node.arg, d);
    case 'Fn::ToJsonString':
      return toJsonString(ctx, node.arg, d);
    case 'Fn::GetAZs': {
      const r = ctx.evalNode(node.arg, d);
      const region = r.known && typeof r.value === 'string' && r.value !== '' ? r.value : 'the stack region';
      return unknown([`Availability Zones of ${region} (Fn::GetAZs)`]);
    }
    case 'Fn::ImportValue': {
      const r = ctx.evalNode(node.arg, d);
      return unknown([r.known ? `imported value ${show(r.value)} (Fn::ImportValue)` : 'imported value (Fn::ImportValue)', ...(r.known ? [] : r.deps)]);
    }
    case 'Fn::GetAtt':
      return unknown([`attribute ${getAttName(ctx, node.arg, d)}`]);
    default:
      return unknown([`${node.fn} (not evaluated)`]);
  }
}

/** Evaluate a name argument (Ref/Condition take a literal string, but tolerate an intrinsic that computes one). */
function withName(ctx: EvalContext, arg: ValueNode, depth: number, then: (name: string) => Result): Result {
  const s = asScalar(arg);
  if (s && typeof s.value === 'string') return then(s.value);
  const r = ctx.evalNode(arg, depth);
  if (!r.known) return r;
  return typeof r.value === 'string' ? withVia(then(r.value), r.vias) : unknown(['reference with a non-string name']);
}

/** `Ref`: parameter, pseudo parameter, resource. */
export function ref(ctx: EvalContext, name: string, depth: number): Result {
  if (name === NO_VALUE) return noValue();
  const param = ctx.doc.declarations.parameters.get(name);
  if (param) return parameter(ctx, name, param.node, depth);
  if (PSEUDO_PARAMETERS.includes(name) || name.startsWith('AWS::')) return unknown([`pseudo parameter ${name}`]);
  if (ctx.hasResource(name)) return unknown([`resource ${name} (Ref)`]);
  return unknown([`Ref ${name} (not declared)`]);
}

function parameter(ctx: EvalContext, name: string, decl: MapNode, depth: number): Result {
  // A value the parent stack passes (nested stack `Parameters`) wins over the default.
  const passed = ctx.inputs?.value(name);
  if (passed) {
    if (!passed.known) return unknown([`parameter ${name}`, ...passed.deps]);
    const t = asScalar(get(decl, 'Type'))?.value;
    const list = typeof t === 'string' && (t === 'CommaDelimitedList' || t.startsWith('List<'));
    return list && typeof passed.value === 'string' ? known(passed.value.split(',').map((x) => x.trim()), passed.vias) : passed;
  }
  const caller = ctx.inputs?.callerDependent?.(name);
  if (caller !== undefined) return unknown([`parameter ${name} (${caller})`]);
  const def = get(decl, 'Default');
  if (def === undefined) return unknown([`parameter ${name}`]);
  const typeNode = asScalar(get(decl, 'Type'));
  const type = typeNode && typeof typeNode.value === 'string' ? typeNode.value : 'String';
  const r = ctx.evalNode(def, depth);
  if (!r.known) return unknown([`parameter ${name}`, ...r.deps]);
  if (type.startsWith('AWS::SSM::Parameter::Value')) return unknown([`parameter ${name} (SSM parameter ${show(r.value)})`]);
  const via = `parameter ${name} (default ${show(r.value)})`;
  if (ctx.defaults === 'unknown') return unknown([via]);
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  const value = isList && typeof r.value === 'string' ? r.value.split(',').map((s) => s.trim()) : r.value;
  return known(value, [via, ...r.vias]);
}

function fnIf(ctx: EvalContext, args: readonly ValueNode[], depth: number): Result {
  if (args.length !== 3) return unknown(['Fn::If needs [condition, value if true, value if false]']);
  const nameNode = asScalar(args[0]);
  if (!nameNode || typeof nameNode.value !== 'string') return unknown(['Fn::If with a non-string condition name']);
  const name = nameNode.value;
  const c = ctx.condition(name, depth);
  if (!c.known) return unknown([`condition ${name}`, ...c.deps]);
  const chosen = truthy(c.value);
  return withVia(ctx.evalNode(args[chosen ? 1 : 2], depth), [`condition ${name} is ${chosen}`, ...c.vias]);
}

/** A condition operand: `{Condition: X}` (long form stays a map), `!Condition X`, or a nested Fn::Equals/And/Or/Not. */
export function conditionArg(ctx: EvalContext, node: ValueNode | undefined, depth: number): Result {
  const m = asMap(node);
  if (m && m.entries.length === 1 && m.entries[0].key === 'Condition') {
    const s = asScalar(m.entries[0].value);
    return s && typeof s.value === 'string' ? ctx.condition(s.value, depth) : unknown(['Condition with a non-string name']);
  }
  const r = ctx.evalNode(node, depth);
  if (r.known && typeof r.value !== 'boolean' && !(typeof r.value === 'string' && /^(true|false)$/i.test(r.value))) {
    return unknown(['condition that is not a boolean']);
  }
  return r;
}

function andOr(ctx: EvalContext, args: readonly ValueNode[], depth: number, isOr: boolean): Result {
  const deps: string[] = [];
  const vias: string[] = [];
  for (const a of args) {
    const r = conditionArg(ctx, a, depth);
    if (!r.known) {
      // Loops, not push(...list): a spread of 125,000+ elements overflows the stack.
      for (const d of r.deps) deps.push(d);
      continue;
    }
    // Fn::Or with one true operand is true (and Fn::And with one false is false) whatever the unknowns.
    if (truthy(r.value) === isOr) return known(isOr, r.vias);
    for (const v of r.vias) vias.push(v);
  }
  return deps.length > 0 ? unknown(deps) : known(!isOr, vias);
}

export function truthy(v: PlainValue): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function findInMap(ctx: EvalContext, args: readonly ValueNode[], depth: number): Result {
  const r = all(args.slice(0, 3).map((a) => ctx.evalNode(a, depth)));
  if (!r.known) return unknown(r.deps);
  const [mapName, top, second] = r.values.map((v) => scalarString(v));
  if (mapName === undefined || top === undefined || second === undefined) return unknown(['Fn::FindInMap with non-string keys']);
  const mapping = ctx.doc.declarations.mappings.get(mapName);
  const value = get(asMap(get(mapping, top)), second);
  const via = `mapping ${mapName}.${top}.${second}`;
  if (value !== undefined) return withVia(ctx.evalNode(value, depth), [via, ...r.vias]);
  // AWS::LanguageExtensions: a 4th argument {DefaultValue: x}.
  const fallback = get(asMap(args[3]), 'DefaultValue');
  if (fallback !== undefined) return withVia(ctx.evalNode(fallback, depth), [`${via} absent, DefaultValue`, ...r.vias]);
  return unknown([`${via} (not in the template)`]);
}

/** `Fn::Sub`: `${Name}` → Ref/variable, `${Res.Attr}` → attribute, `${!Literal}` → `${Literal}`. */
function sub(ctx: EvalContext, arg: ValueNode, depth: number): Result {
  const list = asList(arg);
  const templateNode = list ? list.items[0] : arg;
  const varsNode = list ? asMap(list.items[1]) : undefined;
  const t = ctx.evalNode(templateNode, depth);
  if (!t.known) return t;
  if (typeof t.value !== 'string') return unknown(['Fn::Sub of a non-string']);
  const template = t.value;
  const pieces: Result[] = [];
  let last = 0;
  // `${...}` up to the first `}`, as /\$\{([^}]*)\}/g would find them, in a loop: that regex is quadratic on a string of
  // many `${` without a `}` (each one scans to the end).
  for (let open = template.indexOf('${'); open !== -1; open = template.indexOf('${', last)) {
    const close = template.indexOf('}', open + 2);
    if (close === -1) break;
    pieces.push(known(template.slice(last, open)));
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) pieces.push(known(`\${${inner.slice(1)}}`));
    else {
      const name = inner.trim();
      const v = varsNode ? get(varsNode, name) : undefined;
      if (v !== undefined) pieces.push(ctx.evalNode(v, depth));
      else if (name.includes('.') && !name.startsWith('AWS::')) pieces.push(unknown([`attribute ${name}`]));
      else pieces.push(ref(ctx, name, depth));
    }
    last = close + 1;
  }
  pieces.push(known(template.slice(last)));
  const r = all(pieces);
  if (!r.known) return unknown(r.deps);
  const strs = r.values.map((v) => (v === null ? '' : scalarString(v)));
  if (strs.some((s) => s === undefined)) return unknown(['Fn::Sub of a non-string value']);
  return known(strs.join(''), dedupeVias(t.vias, r.vias));
}

/**
 * `Fn::Length` (AWS::LanguageExtensions): the number of items of a list. A list written out counts its items even when
 * some values are unknown, unless an unknown one may turn out to be AWS::NoValue (an `Fn::If` branch), which drops it.
 */
function fnLength(ctx: EvalContext, arg: ValueNode, depth: number): Result {
  const r = ctx.evalNode(arg, depth);
  if (r.known) return Array.isArray(r.value) ? known(r.value.length, r.vias) : unknown(['Fn::Length of a non-list']);
  const list = asList(arg);
  if (!list) return r;
  let count = 0;
  const vias: string[] = [];
  for (const item of list.items) {
    const v = ctx.evalNode(item, depth);
    if (v.known) {
      if (v.noValue) continue;
      count++;
      for (const x of v.vias) vias.push(x);
    } else if (item.type === 'intrinsic' && item.fn === 'Fn::If') return r;
    else count++;
  }
  return known(count, vias);
}

/** `Fn::ToJsonString` (AWS::LanguageExtensions): an object or a list as compact JSON; anything else is a deploy error. */
function toJsonString(ctx: EvalContext, arg: ValueNode, depth: number): Result {
  const r = ctx.evalNode(arg, depth);
  if (!r.known) return r;
  if (r.value === null || typeof r.value !== 'object') return unknown(['Fn::ToJsonString of a value that is not an object or a list']);
  return known(JSON.stringify(r.value), r.vias);
}

function dedupeVias(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function getAttName(ctx: EvalContext, arg: ValueNode, depth: number): string {
  const s = asScalar(arg);
  if (s && typeof s.value === 'string') return s.value;
  const items = asList(arg)?.items ?? [];
  const names = items.map((i) => {
    const r = ctx.evalNode(i, depth);
    return r.known && typeof r.value === 'string' ? r.value : '?';
  });
  return names.join('.') || '?';
}
