/**
 * Spans that move with their chunk. An incremental parser gives each chunk it parses (a YAML resource, a Terraform
 * block, a JSON resource) an Anchor, and every span inside the chunk is stored relative to it: when an edit above the
 * chunk moves it, the parser sets `anchor.base` once instead of touching each of its spans, and results computed from
 * the chunk (findings, gaps) anchored the same way move with it without being copied. Readers see ordinary `Span`s.
 */
import { intern } from './intern';
import type { ListNode, MapEntry, MapNode, ScalarNode, Span, ValueNode } from './types';

/** Where a chunk starts in the document now. */
export class Anchor {
  constructor(public base: number) {}
}

/** A span relative to an anchor. `start`/`end` are getters; JSON.stringify writes `{ start, end }`. */
export class AnchoredSpan implements Span {
  constructor(
    readonly anchor: Anchor,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get start(): number {
    return this.anchor.base + this.s;
  }
  get end(): number {
    return this.anchor.base + this.e;
  }
  toJSON(): Span {
    return { start: this.start, end: this.end };
  }
}

export function anchorOf(span: Span): Anchor | undefined {
  return span instanceof AnchoredSpan ? span.anchor : undefined;
}

/** `span` (wherever it is now) relative to `anchor`; the same object when it already is. */
export function anchorSpan(span: Span, anchor: Anchor): Span {
  if (span instanceof AnchoredSpan && span.anchor === anchor) return span;
  const base = anchor.base;
  return new AnchoredSpan(anchor, span.start - base, span.end - base);
}

/** From `a`'s start to the later of both ends; anchored when both are on the same anchor (a resource from its key to its body). */
export function spanOver(a: Span, b: Span): Span {
  const start = a.start;
  const end = Math.max(a.end, b.end);
  const anchor = anchorOf(a);
  if (anchor && anchorOf(b) === anchor) return new AnchoredSpan(anchor, start - anchor.base, end - anchor.base);
  return { start, end };
}

/** The span [start, end) (offsets now), on `like`'s anchor when it has one (a part of a node's span). */
export function spanLike(like: Span, start: number, end: number): Span {
  const anchor = anchorOf(like);
  return anchor ? new AnchoredSpan(anchor, start - anchor.base, end - anchor.base) : { start, end };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Puts every span of a tree the parser owns on `anchor`, in place (instead of model/nodes.ts `shiftInPlace` on every
 * move): done once when a chunk is parsed, so that moving the chunk later costs one assignment. The same walk makes what
 * the tree keeps for as long as the document is open compact: entry and item arrays at their exact size (an array
 * grown by `push` keeps room for 16 more), keys and short string values interned (model/intern.ts).
 */
export function anchorTree(node: ValueNode, anchor: Anchor): void {
  const stack: ValueNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as Mutable<ValueNode>;
    n.span = anchorSpan(n.span, anchor);
    switch (n.type) {
      case 'map': {
        const m = n as Mutable<MapNode>;
        const entries = m.entries.slice();
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as Mutable<MapEntry>;
          e.keySpan = anchorSpan(e.keySpan, anchor);
          e.key = intern(e.key);
          stack.push(e.value);
        }
        m.entries = entries;
        break;
      }
      case 'list': {
        const l = n as Mutable<ListNode>;
        l.items = l.items.slice();
        for (const i of l.items) stack.push(i);
        break;
      }
      case 'intrinsic':
        stack.push(n.arg);
        break;
      case 'scalar':
        if (typeof n.value === 'string') (n as Mutable<ScalarNode>).value = intern(n.value);
        break;
    }
  }
}

/** Items with a span (errors, comments) anchored, in place. */
export function anchorSpans<T extends { span: Span }>(items: T[], anchor: Anchor): void {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (!(x.span instanceof AnchoredSpan && x.span.anchor === anchor)) items[i] = { ...x, span: anchorSpan(x.span, anchor) };
  }
}
