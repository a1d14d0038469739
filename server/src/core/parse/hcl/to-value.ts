/** Conversion of HCL AST nodes to the shared ValueNode tree (model/types.ts). */
import type { ExprNode, MapEntry, MapNode, ValueNode } from '../../model/types';
import type { Body, Expression } from './ast';
import { collectRefs, templateLiteral } from './refs';

/**
 * literal → scalar; template/heredoc without interpolation → scalar string; tuple → list; object → map;
 * `-5` → scalar -5; anything else → ExprNode with its source text and referenced traversals.
 */
export function exprToValue(e: Expression, text: string): ValueNode {
  switch (e.kind) {
    case 'literal':
      return { type: 'scalar', span: e.span, value: e.value };
    case 'template': {
      const lit = templateLiteral(e);
      if (lit !== undefined) return { type: 'scalar', span: e.span, value: lit };
      return toExpr(e, text);
    }
    case 'tuple': {
      const items: ValueNode[] = [];
      for (const i of e.items) items.push(exprToValue(i, text));
      return { type: 'list', span: e.span, items };
    }
    case 'object': {
      const entries: MapEntry[] = [];
      for (const i of e.items) {
        entries.push({
          key: i.keyName ?? text.slice(i.key.span.start, i.key.span.end),
          keySpan: i.keySpan,
          value: exprToValue(i.value, text),
          block: false,
        });
      }
      return { type: 'map', span: e.span, entries };
    }
    default:
      return toExpr(e, text);
  }
}

export function toExpr(e: Expression, text: string): ExprNode {
  return { type: 'expr', span: e.span, text: text.slice(e.span.start, e.span.end), refs: collectRefs(e) };
}

/** A body as a map: attributes → `{key, value, block: false}`, nested blocks → `{key: type, block: true, labels, value: map}`. */
export function bodyToMap(body: Body, text: string): MapNode {
  const entries: MapEntry[] = [];
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      entries.push({ key: item.name, keySpan: item.nameSpan, value: exprToValue(item.expr, text), block: false });
    } else {
      entries.push({
        key: item.type,
        keySpan: item.typeSpan,
        value: bodyToMap(item.body, text),
        block: true,
        labels: labelValues(item.labels),
      });
    }
  }
  return { type: 'map', span: body.span, entries };
}

function labelValues(labels: readonly { readonly value: string }[]): string[] {
  const out: string[] = [];
  for (const l of labels) out.push(l.value);
  return out;
}
