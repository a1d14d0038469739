import type { ListNode, MapEntry, MapNode, ScalarNode, Span, ValueNode } from './types';

/** First entry with this key (keys are case-sensitive, as in CloudFormation and Terraform). */
export function entry(map: MapNode | undefined, key: string): MapEntry | undefined {
  if (!map) return undefined;
  // Indexed loops in the helpers every rule calls: until V8 optimizes them, `for…of` allocates an iterator result per
  // element (several MB in a document's first analysis, which runs mostly unoptimized).
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) if (entries[i].key === key) return entries[i];
  return undefined;
}

export function get(map: MapNode | undefined, key: string): ValueNode | undefined {
  return entry(map, key)?.value;
}

/** All values for a key (HCL repeated blocks), flattening list values of CFN/JSON style. */
export function getAll(map: MapNode | undefined, key: string): ValueNode[] {
  if (!map) return [];
  const out: ValueNode[] = [];
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) if (entries[i].key === key) out.push(entries[i].value);
  return out;
}

/** Walk a dotted path of map keys (`['BlockDeviceMappings']`, `['Ebs','Encrypted']`). */
export function getPath(node: ValueNode | undefined, path: readonly string[]): ValueNode | undefined {
  let cur = node;
  for (let i = 0; i < path.length; i++) {
    if (!cur || cur.type !== 'map') return undefined;
    cur = get(cur, path[i]);
  }
  return cur;
}

export function asMap(node: ValueNode | undefined): MapNode | undefined {
  return node && node.type === 'map' ? node : undefined;
}

export function asList(node: ValueNode | undefined): ListNode | undefined {
  return node && node.type === 'list' ? node : undefined;
}

export function asScalar(node: ValueNode | undefined): ScalarNode | undefined {
  return node && node.type === 'scalar' ? node : undefined;
}

/** A list's items, or the node itself when it is a single map (Terraform blocks vs. CFN lists). */
export function items(node: ValueNode | undefined): readonly ValueNode[] {
  if (!node) return [];
  return node.type === 'list' ? node.items : [node];
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Moves every span of a tree by `delta`, in place. Only for trees a parser owns (cached per-chunk parses reused at a
 * new offset after an edit above them); replaces span objects rather than mutating them, so shared spans stay correct.
 */
export function shiftInPlace(node: ValueNode, delta: number): void {
  if (delta !== 0) respanInPlace(node, (s) => shiftSpan(s, delta));
}

/** Replaces every span (node and key spans) of a tree the caller owns by `f(span)`, in place; an explicit stack, as trees may be deep. */
function respanInPlace(node: ValueNode, f: (span: Span) => Span): void {
  const stack: ValueNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as Mutable<ValueNode>;
    n.span = f(n.span);
    switch (n.type) {
      case 'map':
        for (const e of n.entries) {
          (e as Mutable<typeof e>).keySpan = f(e.keySpan);
          stack.push(e.value);
        }
        break;
      case 'list':
        for (const i of n.items) stack.push(i);
        break;
      case 'intrinsic':
        stack.push(n.arg);
        break;
    }
  }
}

/** A copy of a tree with every span set to `span`. */
export function respanDeep(n: ValueNode, span: Span): ValueNode {
  switch (n.type) {
    case 'map':
      return { type: 'map', span, entries: n.entries.map((e) => ({ ...entryWithValue(e, respanDeep(e.value, span)), keySpan: span })) };
    case 'list':
      return { type: 'list', span, items: n.items.map((i) => respanDeep(i, span)) };
    case 'intrinsic':
      return { type: 'intrinsic', span, fn: n.fn, arg: respanDeep(n.arg, span) };
    case 'scalar':
      return { type: 'scalar', span, value: n.value };
    case 'expr':
      // Field by field, as every case: a spread of a compact node (model/anchor.ts) loses its kind and its span.
      return { type: 'expr', span, text: n.text, refs: n.refs, ...(n.unknown !== undefined ? { unknown: n.unknown } : {}) };
  }
}

/**
 * `e` with another value: a copy made field by field (a spread copy of a compact entry, model/anchor.ts, would lose its
 * key span, which is read through its class).
 */
export function entryWithValue(e: MapEntry, value: ValueNode): MapEntry {
  return { key: e.key, keySpan: e.keySpan, value, ...(e.block !== undefined ? { block: e.block } : {}), ...(e.labels !== undefined ? { labels: e.labels } : {}) };
}
