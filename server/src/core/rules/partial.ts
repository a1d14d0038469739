/**
 * Values the file decides only in part. A policy built with `jsonencode({...})` whose `Resource` is another resource's
 * ARN still has a known `Principal`; a user-data script built with `!Sub` / a heredoc still has its literal lines. The
 * evaluator answers unknown for the whole value as soon as one part is undecided: these readers keep what is decided
 * and mark the rest as a hole, so rules judge the known parts and never treat a hole as a value.
 */
import { asScalar } from '../model/nodes';
import type { ExprNode, IntrinsicNode, Span, ValueNode } from '../model/types';
import type { Expression, TemplatePart } from '../parse/hcl/ast';
import { collectRefs } from '../parse/hcl/refs';
import type { Evaluated, PlainValue } from '../values/evaluator-api';
import { exprAst } from '../values/tf-expr';
import { soleReference } from '../values/links';
import type { RuleContext } from './rule-api';

/** An undecided part of a value, with what it depends on. */
export class Hole {
  /**
   * `prefix`: the text the undecided string starts with, when it is text with a decided start (`arn:aws:iam::`);
   * `ref`: the one Terraform reference the value is, when it is nothing else (`data.aws_caller_identity.current.account_id`).
   */
  constructor(
    readonly dependsOn: readonly string[],
    readonly prefix?: string,
    readonly ref?: string,
  ) {}
}

/** PlainValue with holes where the file does not decide. */
export type PartialValue = string | number | boolean | null | Hole | readonly PartialValue[] | { readonly [k: string]: PartialValue };

/** In partial text, where an undecided piece stands (never in real template text: NUL). */
export const HOLE_CHAR = '\u0000';

/** A piece of partial text that came from somewhere else (a parameter default, a variable, a local). */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly via: string;
}

export interface PartialText {
  /** The text, with HOLE_CHAR for each undecided piece. */
  readonly text: string;
  readonly pieces: readonly Piece[];
  readonly holes: number;
  /** Per hole, in order: what it depends on. */
  readonly holeDeps: readonly (readonly string[])[];
}

const MAX_DEPTH = 40;
const MAX_TEXT = 200_000;

// ---- text ----

class TextBuilder {
  text = '';
  pieces: Piece[] = [];
  holes = 0;
  holeDeps: (readonly string[])[] = [];
  add(s: string, via?: string): void {
    if (this.text.length > MAX_TEXT) return;
    if (via) this.pieces.push({ start: this.text.length, end: this.text.length + s.length, via });
    this.text += s;
  }
  hole(deps: readonly string[] = []): void {
    this.holes++;
    this.holeDeps.push(deps);
    this.text += HOLE_CHAR;
  }
  append(p: PartialText): void {
    const base = this.text.length;
    for (const x of p.pieces) this.pieces.push({ start: x.start + base, end: x.end + base, via: x.via });
    this.holes += p.holes;
    for (const d of p.holeDeps) this.holeDeps.push(d);
    this.text += p.text;
  }
}

function scalarText(v: PlainValue): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** Where a value came from, as the evaluator says it (`via`), plus the locals a Terraform expression reads. */
function viaOf(ev: Evaluated, node: ValueNode): string | undefined {
  const parts: string[] = [];
  if (node.type === 'expr') for (const r of node.refs) if (r.startsWith('local.')) parts.push(`local ${r.slice('local.'.length)}`);
  if (ev.known && ev.via) parts.push(ev.via);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function evaluatedText(ctx: RuleContext, node: ValueNode, out: TextBuilder): void {
  const ev = ctx.values.evaluate(node);
  const s = ev.known ? scalarText(ev.value) : undefined;
  if (s === undefined) out.hole(ev.known ? ['a value that is not text'] : ev.dependsOn);
  else out.add(s, viaOf(ev, node));
}

/**
 * The text a string value has, as far as the file decides it: `Fn::Sub` / `Fn::Join` / `Fn::Base64` and Terraform
 * templates and heredocs piece by piece, each undecided piece a HOLE_CHAR. Undefined when the node is not text.
 */
export function partialText(ctx: RuleContext, node: ValueNode, depth = 0): PartialText | undefined {
  const out = new TextBuilder();
  if (!textInto(ctx, node, out, depth)) return undefined;
  return { text: out.text, pieces: out.pieces, holes: out.holes, holeDeps: out.holeDeps };
}

function textInto(ctx: RuleContext, node: ValueNode, out: TextBuilder, depth: number): boolean {
  if (depth > MAX_DEPTH) {
    out.hole();
    return true;
  }
  switch (node.type) {
    case 'scalar': {
      const s = scalarText(node.value as PlainValue);
      if (s === undefined) return false;
      out.add(s);
      return true;
    }
    case 'map':
    case 'list':
      return false;
    case 'intrinsic':
      return intrinsicText(ctx, node, out, depth);
    case 'expr':
      return exprText(ctx, node, out, depth);
  }
}

function intrinsicText(ctx: RuleContext, node: IntrinsicNode, out: TextBuilder, depth: number): boolean {
  switch (node.fn) {
    case 'Fn::Base64':
      return textInto(ctx, node.arg, out, depth + 1);
    case 'Fn::Sub': {
      const args = node.arg.type === 'list' ? node.arg.items : [node.arg];
      const tpl = asScalar(args[0]);
      if (!tpl || typeof tpl.value !== 'string') {
        out.hole();
        return true;
      }
      const vars = args[1]?.type === 'map' ? args[1] : undefined;
      subText(ctx, tpl.value, vars?.entries ?? [], tpl.span, out, depth);
      return true;
    }
    case 'Fn::Join': {
      const list = node.arg.type === 'list' ? node.arg.items : [];
      const delim = asScalar(list[0]);
      const parts = list[1];
      if (!delim || typeof delim.value !== 'string' || !parts) {
        out.hole();
        return true;
      }
      const r = ctx.values.resolve(parts);
      if (!r.known || r.node.type !== 'list') {
        out.hole(r.known ? [] : r.dependsOn);
        return true;
      }
      r.node.items.forEach((item, i) => {
        if (i > 0) out.add(delim.value as string);
        if (!textInto(ctx, item, out, depth + 1)) out.hole();
      });
      return true;
    }
    default:
      evaluatedText(ctx, node, out);
      return true;
  }
}

const SUB_VAR = /\$\{([^}]*)\}/g;

function subText(ctx: RuleContext, template: string, vars: readonly { key: string; value: ValueNode }[], span: Span, out: TextBuilder, depth: number): void {
  let last = 0;
  SUB_VAR.lastIndex = 0;
  for (let m = SUB_VAR.exec(template); m; m = SUB_VAR.exec(template)) {
    out.add(template.slice(last, m.index));
    last = m.index + m[0].length;
    const inner = m[1].trim();
    if (inner.startsWith('!')) {
      out.add('${' + inner.slice(1) + '}');
      continue;
    }
    const v = vars.find((e) => e.key === inner);
    if (v) {
      if (!textInto(ctx, v.value, out, depth + 1)) out.hole();
      continue;
    }
    if (inner.includes('.') && !inner.startsWith('AWS::')) {
      out.hole([`attribute ${inner}`]);
      continue;
    }
    const ref: IntrinsicNode = { type: 'intrinsic', span, fn: 'Ref', arg: { type: 'scalar', span, value: inner } };
    evaluatedText(ctx, ref, out);
  }
  out.add(template.slice(last));
}

/** A sub-expression of an ExprNode as a node of its own, spanning its text in the document. */
function subNode(node: ExprNode, base: number, e: Expression): ExprNode {
  const start = e.span.start - base;
  const end = e.span.end - base;
  return { type: 'expr', span: { start: node.span.start + start, end: node.span.start + end }, text: node.text.slice(start, end), refs: collectRefs(e) };
}

function exprBase(node: ExprNode): { ast: Expression; base: number } | undefined {
  const ast = exprAst(node);
  if (!ast) return undefined;
  // The AST is parsed from a prefixed copy of the text (or from the text itself on the fast path): its own span says where the text starts.
  return { ast, base: ast.span.start };
}

function exprText(ctx: RuleContext, node: ExprNode, out: TextBuilder, depth: number): boolean {
  const local = localTarget(ctx, node);
  if (local) {
    const sub = new TextBuilder();
    if (!textInto(ctx, local.node, sub, depth + 1)) {
      evaluatedText(ctx, node, out);
      return true;
    }
    const base = out.text.length;
    if (sub.text.length > 0) out.pieces.push({ start: base, end: base + sub.text.length, via: `local ${local.name}` });
    out.append({ text: sub.text, pieces: sub.pieces, holes: sub.holes, holeDeps: sub.holeDeps });
    return true;
  }
  const eb = exprBase(node);
  if (!eb) {
    out.hole();
    return true;
  }
  const { ast, base } = eb;
  if (ast.kind === 'template') {
    templateText(ctx, node, base, ast.parts, out, depth);
    return true;
  }
  if (ast.kind === 'call' && (ast.name === 'base64encode' || ast.name === 'base64gzip' || ast.name === 'trimspace') && ast.args.length === 1) {
    return textInto(ctx, subNode(node, base, ast.args[0]), out, depth + 1);
  }
  evaluatedText(ctx, node, out);
  return true;
}

function templateText(ctx: RuleContext, node: ExprNode, base: number, parts: readonly TemplatePart[], out: TextBuilder, depth: number): void {
  for (const p of parts) {
    if (p.kind === 'literal') out.add(p.value);
    else if (p.kind === 'interp') {
      if (!textInto(ctx, subNode(node, base, p.expr), out, depth + 1)) out.hole();
    } else out.hole();
  }
}

/** `local.name` (alone) and the local's expression. */
function localTarget(ctx: RuleContext, node: ExprNode): { name: string; node: ValueNode } | undefined {
  const m = /^\s*local\.([A-Za-z_][\w-]*)\s*$/.exec(node.text);
  if (!m) return undefined;
  const target = ctx.doc.declarations.locals.get(m[1]);
  return target ? { name: m[1], node: target } : undefined;
}

// ---- JSON documents ----

const TOKEN = (i: number): string => `__arl_hole_${i}__`;
const TOKEN_RE = /__arl_hole_(\d+)__/;

/**
 * A JSON document as far as the file decides it: `jsonencode({...})` member by member, a heredoc / `Fn::Sub` JSON
 * text with its interpolations as holes, a known JSON string parsed. Undefined when it is not a JSON document the file
 * writes (the caller keeps its own unknown); `error` when the decided text is not valid JSON.
 */
export function partialJson(ctx: RuleContext, node: ValueNode, depth = 0): { value: PartialValue } | { error: string } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === 'expr') {
    const local = localTarget(ctx, node);
    if (local) return partialJson(ctx, local.node, depth + 1);
    const eb = exprBase(node);
    if (eb && eb.ast.kind === 'call' && eb.ast.name === 'jsonencode' && eb.ast.args.length === 1) return { value: astValue(ctx, node, eb.base, eb.ast.args[0], depth + 1) };
  }
  if (node.type === 'map' || node.type === 'list') return undefined;
  const t = partialText(ctx, node, depth + 1);
  return t ? parseWithHoles(t.text, t.holeDeps) : undefined;
}

function parseWithHoles(text: string, holeDeps: readonly (readonly string[])[]): { value: PartialValue } | { error: string } {
  // A hole inside a JSON string stays a token in that string; one between values becomes a string token of its own.
  let out = '';
  let inString = false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === HOLE_CHAR) {
      out += inString ? TOKEN(n) : `"${TOKEN(n)}"`;
      n++;
      continue;
    }
    if (inString && c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(out);
  } catch {
    return { error: 'the policy is not valid JSON' };
  }
  const depsOf = (s: string): readonly string[] => {
    const m = TOKEN_RE.exec(s);
    const d = m ? holeDeps[Number(m[1])] : undefined;
    return d && d.length > 0 ? d : ['a value not decided in this file'];
  };
  const withHoles = (v: unknown): PartialValue => {
    if (typeof v === 'string') {
      const m = TOKEN_RE.exec(v);
      return m ? new Hole(depsOf(v), m.index > 0 ? v.slice(0, m.index) : undefined) : v;
    }
    if (Array.isArray(v)) return v.map(withHoles);
    if (v && typeof v === 'object') {
      const o: Record<string, PartialValue> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (TOKEN_RE.test(k)) return new Hole(depsOf(k));
        Object.defineProperty(o, k, { value: withHoles(x), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    return v as PartialValue;
  };
  return { value: withHoles(doc) };
}

function astValue(ctx: RuleContext, node: ExprNode, base: number, e: Expression, depth: number): PartialValue {
  if (depth > MAX_DEPTH) return new Hole(['value nested too deeply']);
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'tuple':
      return e.items.map((i) => astValue(ctx, node, base, i, depth + 1));
    case 'object': {
      const o: Record<string, PartialValue> = {};
      for (const item of e.items) {
        let key = item.keyName;
        if (key === undefined) {
          const k = ctx.values.evaluate(subNode(node, base, item.key));
          key = k.known ? scalarText(k.value) : undefined;
          if (key === undefined) return new Hole(k.known ? ['an object key that is not text'] : k.dependsOn);
        }
        Object.defineProperty(o, key, { value: astValue(ctx, node, base, item.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case 'paren':
      return astValue(ctx, node, base, e.expr, depth + 1);
    default: {
      const sub = subNode(node, base, e);
      const ev = ctx.values.evaluate(sub);
      if (ev.known) return ev.value;
      // A string whose start is written (`"arn:aws:iam::${var.account}:root"`) keeps that start.
      const first = e.kind === 'template' && !e.heredoc ? e.parts[0] : undefined;
      return new Hole(ev.dependsOn, first?.kind === 'literal' && first.value ? first.value : undefined, soleReference(sub));
    }
  }
}

/** True when a partial value has a hole anywhere. */
export function hasHole(v: PartialValue | undefined): boolean {
  if (v instanceof Hole) return true;
  if (Array.isArray(v)) return v.some(hasHole);
  if (v && typeof v === 'object') return Object.values(v as Record<string, PartialValue>).some(hasHole);
  return false;
}

/** The dependencies of the holes in a partial value. */
export function holeDeps(v: PartialValue | undefined): string[] {
  const out: string[] = [];
  const walk = (x: PartialValue | undefined): void => {
    if (x instanceof Hole) out.push(...x.dependsOn);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x as Record<string, PartialValue>).forEach(walk);
  };
  walk(v);
  return [...new Set(out)];
}

