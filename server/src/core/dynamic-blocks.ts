/**
 * Terraform `dynamic` blocks, as Terraform expands them: `dynamic "ingress" { for_each = X; content { ... } }` makes
 * one `ingress` block per element of X, with `ingress.key` / `ingress.value` (or the `iterator`'s name) standing for
 * that element inside `content`. Where the files decide X, the rules read the blocks it makes — the attributes they
 * decide become values at the place they are written in `content` — instead of calling the duty unknown. A `for_each`
 * the files do not decide leaves the `dynamic` block as it is (rules/check.ts `unreadDynamic`: unknown).
 * https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
 */
import { asMap, entryWithValue, get } from './model/nodes';
import type { MapEntry, MapNode, Resource, Span } from './model/types';
import type { PlainValue } from './values/evaluator-api';
import type { InstanceEvaluator, InstanceBindings } from './values/evaluator';
import { plainToNode } from './values/result';

/** More blocks than this from one `dynamic` block are not expanded (left unread). */
const MAX_BLOCKS = 256;
/** Nesting of `dynamic` blocks inside `content` followed at most. */
const MAX_NESTING = 8;

type Iterators = ReadonlyMap<string, { readonly key: PlainValue; readonly value: PlainValue }>;
const NO_ITERATORS: Iterators = new Map();

/** A resource with its decidable `dynamic` blocks expanded, and the `dynamic` blocks that were (where their blocks are written). */
export interface DynamicExpansion {
  readonly resource: Resource;
  readonly spans: readonly Span[];
}

/** `dynamic "NAME" { ... }` (an attribute named `dynamic` has no label). */
function isDynamic(e: MapEntry): boolean {
  return e.key === 'dynamic' && e.labels !== undefined && e.labels.length > 0;
}

/**
 * Whether a body holds a `dynamic` block anywhere below it. Not kept per node: a walk over a body's maps costs less than
 * a weak map entry for each of them would keep (10,000 resources: about a millisecond), and unchanged resources are not
 * analysed again after an edit.
 */
function hasDynamicBelow(map: MapNode, depth = 0): boolean {
  if (depth > 64) return false;
  for (const e of map.entries) {
    if (isDynamic(e)) return true;
    if (e.value.type === 'map' && hasDynamicBelow(e.value, depth + 1)) return true;
  }
  return false;
}

/**
 * `resource` with the `dynamic` blocks whose `for_each` the files decide replaced by the blocks they make (the same
 * object when there are none). `values` evaluates in the document; `bindings`: the instance's `count` / `each`.
 */
const NO_SPANS: readonly Span[] = Object.freeze([]);

export function expandDynamicBlocks(resource: Resource, values: InstanceEvaluator, bindings: InstanceBindings | undefined): DynamicExpansion {
  const body = resource.properties;
  if (resource.language !== 'terraform' || !body || !hasDynamicBelow(body)) return { resource, spans: NO_SPANS };
  const spans: Span[] = [];
  const expanded = expandBody(body, { values, bindings, spans }, NO_ITERATORS, 0);
  return expanded === body ? { resource, spans } : { resource: { ...resource, properties: expanded }, spans };
}

interface Expander {
  readonly values: InstanceEvaluator;
  readonly bindings: InstanceBindings | undefined;
  readonly spans: Span[];
}

/** A body with its decidable `dynamic` blocks expanded (nested blocks too); the same node when nothing changed. */
function expandBody(map: MapNode, x: Expander, iterators: Iterators, depth: number): MapNode {
  if (!hasDynamicBelow(map) || depth > MAX_NESTING) return map;
  const out: MapEntry[] = [];
  let changed = false;
  for (const e of map.entries) {
    if (isDynamic(e)) {
      const made = expandDynamic(e, x, iterators, depth);
      if (made) {
        for (const b of made) out.push(b);
        changed = true;
        continue;
      }
    } else if (e.value.type === 'map') {
      const v = expandBody(e.value, x, iterators, depth + 1);
      if (v !== e.value) {
        out.push(entryWithValue(e, v));
        changed = true;
        continue;
      }
    }
    out.push(e);
  }
  return changed ? { type: 'map', span: map.span, entries: out } : map;
}

/** The blocks one `dynamic` block makes; undefined when the files do not decide them. */
function expandDynamic(e: MapEntry, x: Expander, iterators: Iterators, depth: number): MapEntry[] | undefined {
  const name = e.labels?.[0];
  const body = asMap(e.value);
  const content = asMap(get(body, 'content'));
  const forEach = get(body, 'for_each');
  if (!name || !body || !content || !forEach) return undefined;
  const evaluator = x.values.forInstance({ ...x.bindings, iterators });
  const iteratorNode = get(body, 'iterator');
  let iterator = name;
  if (iteratorNode) {
    // `iterator = rule` is a bare name, not an expression to evaluate.
    const t = iteratorNode.type === 'expr' ? iteratorNode.text.trim() : iteratorNode.type === 'scalar' ? String(iteratorNode.value) : '';
    if (!/^[A-Za-z_][\w-]*$/.test(t)) return undefined;
    iterator = t;
  }
  const ev = evaluator.evaluate(forEach);
  if (!ev.known) return undefined;
  const elements = collection(ev.value);
  if (!elements || elements.length > MAX_BLOCKS) return undefined;
  x.spans.push(e.value.span);
  const blocks: MapEntry[] = [];
  for (const [key, value] of elements) {
    const inner = new Map(iterators);
    inner.set(iterator, { key, value });
    const block = materialize(content, x, inner, depth + 1);
    blocks.push({ key: name, keySpan: e.keySpan, value: block, block: true });
  }
  return blocks;
}

/** A `for_each` collection's elements as Terraform iterates them: a list or set by index, a map or object by key. */
function collection(v: PlainValue): (readonly [PlainValue, PlainValue])[] | undefined {
  if (v === null) return [];
  if (Array.isArray(v)) return (v as readonly PlainValue[]).map((x, i) => [i, x] as const);
  if (typeof v === 'object') return Object.keys(v).sort().map((k) => [k, (v as { readonly [k: string]: PlainValue })[k]] as const);
  return undefined;
}

/**
 * A `content` body for one element: each attribute the files decide becomes its value, at the place it is written;
 * one they do not decide stays as written (read as unknown); nested blocks and `dynamic` blocks are expanded alike.
 */
function materialize(content: MapNode, x: Expander, iterators: Iterators, depth: number): MapNode {
  const evaluator = x.values.forInstance({ ...x.bindings, iterators });
  const out: MapEntry[] = [];
  for (const e of content.entries) {
    if (isDynamic(e)) {
      const made = depth <= MAX_NESTING ? expandDynamic(e, x, iterators, depth) : undefined;
      if (made) for (const b of made) out.push(b);
      else out.push(e);
      continue;
    }
    if (e.block && e.value.type === 'map') {
      out.push(entryWithValue(e, materialize(e.value, x, iterators, depth + 1)));
      continue;
    }
    const v = evaluator.evaluate(e.value);
    out.push(v.known ? entryWithValue(e, plainToNode(v.value, e.value.span)) : e);
  }
  return { type: 'map', span: content.span, entries: out };
}

/** Whether `span` lies inside one of `within` (a finding in a block a `dynamic` block makes). */
export function insideAny(span: Span, within: readonly Span[]): boolean {
  for (const w of within) if (span.start >= w.start && span.end <= w.end) return true;
  return false;
}
