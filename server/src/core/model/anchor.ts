/**
 * Spans that move with their chunk. An incremental parser gives each chunk it parses (a YAML resource, a Terraform
 * block, a JSON resource) an Anchor, and every span inside the chunk is stored relative to it: when an edit above the
 * chunk moves it, the parser sets `anchor.base` once instead of touching each of its spans, and results computed from
 * the chunk (findings, gaps) anchored the same way move with it without being copied. Readers see ordinary `Span`s.
 */
import { intern } from './intern';
import type { ExprNode, ListNode, MapEntry, MapNode, ScalarNode, Span, ValueNode } from './types';

/** Where a chunk starts in the document now. */
export class Anchor {
  constructor(public base: number) {}
}

/** A span relative to an anchor. `start`/`end` are getters; JSON.stringify writes `{ start, end }`. */
export class AnchoredSpan implements Span {
  constructor(
    readonly anchor: Anchor,
    /** Start and end relative to the anchor. */
    readonly s: number,
    readonly e: number,
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

// ---- Compact nodes ----
//
// The fast parsers (CloudFormation JSON and YAML) build these instead of object literals: a node or map entry keeps its
// span as two numbers on an anchor rather than as a span object of its own (48 bytes each, one per node and one per
// key: a third of what a parsed template kept). Readers see the same ValueNode / MapEntry: `span` and `keySpan` are
// made when read (plain offsets, or an AnchoredSpan when the node is on a chunk's anchor); writing them sets the
// numbers. Anchoring one (anchorTree) rebases its numbers in place. A spread copy (`{ ...node }`) would lose the span:
// copies are made with nodes.ts helpers instead.

/** The anchor of offsets into the whole text: a compact node on it is not anchored. Its base never changes. */
export const TEXT_ANCHOR: Anchor = Object.freeze(new Anchor(0));

function spanAt(anchor: Anchor, s: number, e: number): Span {
  return anchor === TEXT_ANCHOR ? { start: s, end: e } : new AnchoredSpan(anchor, s, e);
}

/** Something placed in the text: its anchor and its start and end relative to it. */
export class Placed {
  // Declared, not class fields: each subclass's constructor sets them itself, so that every store is to one kind of
  // object (a field initializer shared by six classes made each construction a slow generic store: Terraform's full
  // analysis 25 → 40 ms).
  declare anchor: Anchor;
  declare s: number;
  declare e: number;

  protected place(v: Span): void {
    if (v instanceof AnchoredSpan) {
      this.anchor = v.anchor;
      this.s = v.s;
      this.e = v.e;
    } else {
      this.anchor = TEXT_ANCHOR;
      this.s = v.start;
      this.e = v.end;
    }
  }

  /** Where it is now, as plain offsets (what toJSON writes). */
  protected offsets(): Span {
    return { start: this.anchor.base + this.s, end: this.anchor.base + this.e };
  }

  /** Puts it on `anchor` (where it is stays the same). */
  rebase(anchor: Anchor): void {
    if (this.anchor === anchor) return;
    const d = this.anchor.base - anchor.base;
    this.anchor = anchor;
    this.s += d;
    this.e += d;
  }
}

// Each class has its own `span` accessors rather than one on a shared base: a span is read on every hot path, and one
// getter for four kinds of node made its reads polymorphic (JSON full analysis 29-33 -> 36-39 ms in paired runs).
export class CompactScalar extends Placed implements ScalarNode {
  /** On the prototype (below): not a field of each node. */
  declare readonly type: 'scalar';
  declare value: string | number | boolean | null;
  constructor(anchor: Anchor, s: number, e: number, value: string | number | boolean | null) {
    super();
    this.anchor = anchor;
    this.s = s;
    this.e = e;
    this.value = value;
  }
  get span(): Span {
    return spanAt(this.anchor, this.s, this.e);
  }
  set span(v: Span) {
    this.place(v);
  }
  toJSON(): ScalarNode {
    return { type: 'scalar', span: this.offsets(), value: this.value };
  }
}

export class CompactMap extends Placed implements MapNode {
  /** On the prototype (below): not a field of each node. */
  declare readonly type: 'map';
  declare entries: readonly MapEntry[];
  constructor(anchor: Anchor, s: number, e: number, entries: readonly MapEntry[]) {
    super();
    this.anchor = anchor;
    this.s = s;
    this.e = e;
    this.entries = entries;
  }
  get span(): Span {
    return spanAt(this.anchor, this.s, this.e);
  }
  set span(v: Span) {
    this.place(v);
  }
  toJSON(): MapNode {
    return { type: 'map', span: this.offsets(), entries: this.entries };
  }
}

export class CompactList extends Placed implements ListNode {
  /** On the prototype (below): not a field of each node. */
  declare readonly type: 'list';
  declare items: readonly ValueNode[];
  constructor(anchor: Anchor, s: number, e: number, items: readonly ValueNode[]) {
    super();
    this.anchor = anchor;
    this.s = s;
    this.e = e;
    this.items = items;
  }
  get span(): Span {
    return spanAt(this.anchor, this.s, this.e);
  }
  set span(v: Span) {
    this.place(v);
  }
  toJSON(): ListNode {
    return { type: 'list', span: this.offsets(), items: this.items };
  }
}

/** An HCL expression the parser does not reduce (a reference: `var.x`, `aws_s3_bucket.b.id`). */
export class CompactExpr extends Placed implements ExprNode {
  /** On the prototype (below). */
  declare readonly type: 'expr';
  declare text: string;
  declare refs: readonly string[];
  constructor(anchor: Anchor, s: number, e: number, text: string, refs: readonly string[]) {
    super();
    this.anchor = anchor;
    this.s = s;
    this.e = e;
    this.text = text;
    this.refs = refs;
  }
  get span(): Span {
    return spanAt(this.anchor, this.s, this.e);
  }
  set span(v: Span) {
    this.place(v);
  }
  toJSON(): ExprNode {
    return { type: 'expr', span: this.offsets(), text: this.text, refs: this.refs };
  }
}

// The node kind, shared by every node of a class (8 bytes less per node than a field).
Object.defineProperty(CompactScalar.prototype, 'type', { value: 'scalar' });
Object.defineProperty(CompactMap.prototype, 'type', { value: 'map' });
Object.defineProperty(CompactList.prototype, 'type', { value: 'list' });
Object.defineProperty(CompactExpr.prototype, 'type', { value: 'expr' });

/** A map entry whose numbers are its key's span. */
export class CompactEntry extends Placed implements MapEntry {
  declare key: string;
  declare value: ValueNode;
  constructor(key: string, anchor: Anchor, s: number, e: number, value: ValueNode) {
    super();
    this.key = key;
    this.anchor = anchor;
    this.s = s;
    this.e = e;
    this.value = value;
  }
  get keySpan(): Span {
    return spanAt(this.anchor, this.s, this.e);
  }
  set keySpan(v: Span) {
    this.place(v);
  }
  toJSON(): MapEntry {
    return { key: this.key, keySpan: this.offsets(), value: this.value };
  }
}

/** An HCL body's entry: an attribute (`a = b`), or a nested block with its labels. */
export class CompactHclEntry extends CompactEntry {
  declare block: boolean;
  declare labels?: readonly string[];
  constructor(key: string, anchor: Anchor, s: number, e: number, value: ValueNode, block: boolean, labels?: readonly string[]) {
    super(key, anchor, s, e, value);
    this.block = block;
    if (labels) this.labels = labels;
  }
  override toJSON(): MapEntry {
    return { ...super.toJSON(), block: this.block, ...(this.labels ? { labels: this.labels } : {}) };
  }
}

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
    if (n instanceof Placed) n.rebase(anchor);
    else n.span = anchorSpan(n.span, anchor);
    switch (n.type) {
      case 'map': {
        const m = n as Mutable<MapNode>;
        const entries = m.entries.slice();
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as Mutable<MapEntry>;
          if (e instanceof Placed) e.rebase(anchor);
          else e.keySpan = anchorSpan(e.keySpan, anchor);
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
