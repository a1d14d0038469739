/**
 * What a value reads: the node at a span of a resource's text, and the CloudFormation parameters or Terraform
 * variables it depends on. Shared by the project layer (which argument of a call caused a gap) and the related
 * locations of a finding (which parameter a value came from).
 */
import { asScalar } from '../model/nodes';
import { findContaining } from '../model/span-search';
import type { MapEntry, ParsedDocument, Span, ValueNode } from '../model/types';
import { cfnRefs } from './links';

const entryExtent = (e: MapEntry): Span => ({ start: e.keySpan.start, end: e.value.span.end });
const nodeSpan = (n: ValueNode): Span => n.span;
const contains = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;

/**
 * The outermost node with exactly this span below `root`, found by descending through the children that contain it
 * (a binary search per level on parsed, ordered trees: per finding, not per resource size). Undefined when no node
 * has that span (a key, a resource type).
 */
export function nodeWithSpan(root: ValueNode | undefined, span: Span): ValueNode | undefined {
  let cur = root;
  while (cur) {
    if (cur.span.start === span.start && cur.span.end === span.end) return cur;
    if (!contains(cur.span, span)) return undefined;
    let next: ValueNode | undefined;
    if (cur.type === 'map') {
      const e = findContaining(cur.entries, span.start, entryExtent);
      next = e && contains(e.value.span, span) ? e.value : cur.entries.find((x) => contains(x.value.span, span))?.value;
    } else if (cur.type === 'list') {
      const i = findContaining(cur.items, span.start, nodeSpan);
      next = i && contains(i.span, span) ? i : cur.items.find((x) => contains(x.span, span));
    } else if (cur.type === 'intrinsic') next = cur.arg;
    if (next === cur) return undefined;
    cur = next;
  }
  return undefined;
}

/** The parameters a CloudFormation value reads: `Ref`, `Fn::Sub` variables, and through the conditions of `Fn::If` (cycle-safe). */
export function parametersRead(node: ValueNode, doc: ParsedDocument): Set<string> {
  const out = new Set<string>();
  const seenConditions = new Set<string>();
  const visit = (n: ValueNode): void => {
    for (const id of cfnRefs(n)) if (doc.declarations.parameters.has(id)) out.add(id);
    const stack: ValueNode[] = [n];
    while (stack.length > 0) {
      const x = stack.pop() as ValueNode;
      if (x.type === 'intrinsic') {
        if ((x.fn === 'Fn::If' || x.fn === 'Condition') && x.arg) {
          const name = asScalar(x.arg.type === 'list' ? x.arg.items[0] : x.arg)?.value;
          if (typeof name === 'string' && !seenConditions.has(name)) {
            seenConditions.add(name);
            const c = doc.declarations.conditions.get(name);
            if (c) visit(c);
          }
        }
        stack.push(x.arg);
      } else if (x.type === 'map') for (const e of x.entries) stack.push(e.value);
      else if (x.type === 'list') for (const i of x.items) stack.push(i);
    }
  };
  visit(node);
  return out;
}

/** The Terraform variables a value reads, through locals (cycle-safe). */
export function variablesRead(node: ValueNode, locals: ReadonlyMap<string, ValueNode>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack: ValueNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as ValueNode;
    if (n.type === 'expr') {
      for (const ref of n.refs) {
        const [root, name] = ref.split('.');
        if (root === 'var' && name) out.add(name);
        else if (root === 'local' && name && !seen.has(name)) {
          seen.add(name);
          const l = locals.get(name);
          if (l) stack.push(l);
        }
      }
    } else if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
    else if (n.type === 'list') for (const i of n.items) stack.push(i);
    else if (n.type === 'intrinsic') stack.push(n.arg);
  }
  return out;
}
