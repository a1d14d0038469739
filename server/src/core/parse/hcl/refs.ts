/** What an HCL expression references, and the literal value of a template that has no interpolation. */
import type { Expression, TemplateExpr, TemplatePart, TraversalStep } from './ast';

/**
 * Every variable traversal in `expr`, dotted, without index/splat parts (`aws_s3_bucket.b[0].id` →
 * `aws_s3_bucket.b.id`), in source order, without duplicates. Names bound by `for` expressions and
 * `%{ for }` directives are not references inside their scope.
 */
export function collectRefs(expr: Expression): string[] {
  const out: Refs = { list: [], set: undefined };
  walk(expr, NONE, out);
  return out.list;
}

const NONE: readonly string[] = [];

/** Refs in order; a Set is added for de-duplication once the list is long (keeps small cases allocation-free). */
interface Refs {
  list: string[];
  set: Set<string> | undefined;
}

function add(out: Refs, ref: string): void {
  const list = out.list;
  if (out.set) {
    if (out.set.has(ref)) return;
    out.set.add(ref);
  } else {
    for (let i = 0; i < list.length; i++) if (list[i] === ref) return;
    if (list.length >= 16) out.set = new Set(list).add(ref);
  }
  list.push(ref);
}

/**
 * Recursion depth is bounded by the parser's nesting limit, except along operator chains (`a + b + ...`
 * is left-deep, `!!!x` nests), which are walked with loops here.
 */
function walk(e: Expression, bound: readonly string[], out: Refs): void {
  for (;;) {
    switch (e.kind) {
      case 'literal':
      case 'invalid':
        return;
      case 'traversal': {
        if (bound.length === 0 || !bound.includes(e.root.name)) {
          let ref = e.root.name;
          for (const s of e.steps) if (s.kind === 'attr') ref += '.' + s.name;
          add(out, ref);
        }
        walkSteps(e.steps, bound, out);
        return;
      }
      case 'relative':
        walk(e.source, bound, out);
        walkSteps(e.steps, bound, out);
        return;
      case 'call':
        for (const a of e.args) walk(a, bound, out);
        return;
      case 'tuple':
        for (const i of e.items) walk(i, bound, out);
        return;
      case 'object':
        for (const i of e.items) {
          if (i.keyName === undefined) walk(i.key, bound, out);
          walk(i.value, bound, out);
        }
        return;
      case 'for': {
        walk(e.collection, bound, out);
        const inner = e.keyVar ? [...bound, e.valueVar.name, e.keyVar.name] : [...bound, e.valueVar.name];
        if (e.keyExpr) walk(e.keyExpr, inner, out);
        walk(e.valueExpr, inner, out);
        if (e.cond) walk(e.cond, inner, out);
        return;
      }
      case 'conditional':
        walk(e.cond, bound, out);
        walk(e.then, bound, out);
        e = e.else;
        continue;
      case 'binary': {
        // descend the left spine iteratively, then visit the right operands in source order
        const rights: Expression[] = [];
        let cur: Expression = e;
        while (cur.kind === 'binary') {
          rights.push(cur.right);
          cur = cur.left;
        }
        walk(cur, bound, out);
        for (let j = rights.length - 1; j >= 0; j--) walk(rights[j], bound, out);
        return;
      }
      case 'unary':
        e = e.operand;
        continue;
      case 'paren':
        e = e.expr;
        continue;
      case 'template':
        walkParts(e.parts, bound, out);
        return;
    }
  }
}

function walkSteps(steps: readonly TraversalStep[], bound: readonly string[], out: Refs): void {
  for (const s of steps) if (s.kind === 'index') walk(s.key, bound, out);
}

function walkParts(parts: readonly TemplatePart[], bound: readonly string[], out: Refs): void {
  for (const p of parts) {
    switch (p.kind) {
      case 'literal':
        break;
      case 'interp':
        walk(p.expr, bound, out);
        break;
      case 'if':
        walk(p.cond, bound, out);
        walkParts(p.then, bound, out);
        if (p.else) walkParts(p.else, bound, out);
        break;
      case 'for': {
        walk(p.collection, bound, out);
        const inner = p.keyVar ? [...bound, p.valueVar.name, p.keyVar.name] : [...bound, p.valueVar.name];
        walkParts(p.body, inner, out);
        break;
      }
    }
  }
}

/**
 * The string a template denotes when it has only literal parts (no `${}` / `%{}`), else undefined.
 * For `<<-` heredocs the least indentation (of lines that are not blank) is removed from every line.
 */
export function templateLiteral(t: TemplateExpr): string | undefined {
  let s = '';
  for (const p of t.parts) {
    if (p.kind !== 'literal') return undefined;
    s += p.value;
  }
  if (t.heredoc?.indented) s = stripIndent(s);
  return s;
}

function stripIndent(s: string): string {
  const lines = s.split('\n');
  let min = Infinity;
  for (const line of lines) {
    const n = leadingSpace(line);
    if (n === line.length || (n === line.length - 1 && line.charCodeAt(n) === 13)) continue; // blank line
    if (n < min) min = n;
  }
  if (min === Infinity || min === 0) return s;
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i].slice(Math.min(min, leadingSpace(lines[i])));
  return lines.join('\n');
}

function leadingSpace(l: string): number {
  let n = 0;
  while (n < l.length && (l.charCodeAt(n) === 32 || l.charCodeAt(n) === 9)) n++;
  return n;
}
