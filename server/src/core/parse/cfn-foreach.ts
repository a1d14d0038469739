/**
 * `Transform: AWS::LanguageExtensions` loops: each `Fn::ForEach::<Loop>: [Identifier, Collection, {OutputKey: OutputValue}]`
 * of `Resources` becomes one resource per item of its collection, and a loop inside a resource's mappings (`Properties`
 * and below) becomes the entries it stands for. A post-parse step, like `applySamGlobals`: pure, the input is not changed.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html
 *
 * - Substitution: in the loop's keys and values, every `${Identifier}` becomes the item and every `&{Identifier}` the item
 *   with its non-alphanumeric characters removed (strings, `!Sub` templates, keys); `!Ref Identifier` becomes the item.
 *   A substituted string is a new scalar node spanning the string as written; a replaced `!Ref` spans the `!Ref`.
 * - An expanded resource: `id`/`name` = the expanded logical id, `nameSpan` = the OutputKey as written in the loop
 *   (`DynamoDB${TableName}`), every other span = the loop body's, so findings land on the loop's text. Each gets its own
 *   fresh definition and Properties mapping objects (the incremental analysis memo keys a resource by its definition).
 * - Collections: evaluated with the document's evaluator (parameter defaults count as known, as everywhere else); an
 *   intrinsic over an outer loop's identifier is substituted first (nested loops).
 * - Undecided (a collection that depends on a parameter without default, an unsupported function...), malformed loops, and
 *   loops nested deeper than MAX_FOREACH_DEPTH produce nothing: no resource, so nothing can be reported as a gap. A mapping
 *   below `Properties` holding such a loop stands as an unknown value (an intrinsic named after the loop, which the
 *   evaluator leaves unknown); a resource whose definition or `Properties` mapping holds one is left out. Each loop's fate
 *   is in `expandForEachWithReport(doc).loops`; the raw loops stay in `doc.forEach`.
 * - Caps: at most MAX_FOREACH_RESOURCES resources are created, and at most MAX_FOREACH_WORK units of work are spent
 *   (one per node visited, loop item and binding, and 16 characters of string substituted); past either, expansion stops, the loops
 *   not finished are reported `capped`, and what was created so far stays.
 * - Logical ids: a loop's resource whose id is already taken (by a resource written out, or an earlier loop resource) is
 *   left out (CloudFormation rejects such templates) and listed in `duplicates`.
 * - SAM: the resources created here get the `Globals` merge (`applySamGlobals`), so the step works before or after it.
 * - Not expanded: loops in `Conditions` and `Outputs` (not part of the model).
 */
import { asList, asMap, asScalar, entryWithValue, get } from '../model/nodes';
import type { IntrinsicNode, MapEntry, MapNode, ParsedDocument, Resource, ScalarNode, Span, ValueNode } from '../model/types';
import type { ValueEvaluator } from '../values/evaluator-api';
import { createEvaluator } from '../values/evaluator';
import { FOREACH_PREFIX, forEachEntries, resourceFromEntry } from './cfn-template';
import { applySamGlobals } from './sam';
import { pushAll } from '../arrays';

export const LANGUAGE_EXTENSIONS_TRANSFORM = 'AWS::LanguageExtensions';
/** Resources created from loops, per document. */
export const MAX_FOREACH_RESOURCES = 10_000;
/** Work units per document (see the file comment): bounds time and memory whatever the loops multiply to. */
export const MAX_FOREACH_WORK = 2_000_000;
/** Nesting (loops within loops plus the mappings/lists of a loop body) followed before giving up on a loop. */
export const MAX_FOREACH_DEPTH = 200;

export type LoopStatus = 'expanded' | 'capped' | 'undecided' | 'malformed';

/** What became of one loop as written (a loop nested in another is one report across the outer loop's items). */
export interface LoopReport {
  /** `Fn::ForEach::Tables`. */
  readonly key: string;
  readonly keySpan: Span;
  /** The loop's `[Identifier, Collection, Output]` list. */
  readonly span: Span;
  /** The worst outcome over its runs: expanded < capped < undecided < malformed. */
  readonly status: LoopStatus;
  /** Logical ids this loop created (loops of `Resources`), in order. */
  readonly resources: readonly string[];
  /** Why it was (partly) not expanded. */
  readonly dependsOn: readonly string[];
  /** How a decided collection was decided ("parameter Tables (default A,B)"), when it came from the template. */
  readonly via?: string;
}

export interface ForEachExpansion {
  readonly doc: ParsedDocument;
  readonly loops: readonly LoopReport[];
  /** Logical ids a loop produced that were taken already (left out). */
  readonly duplicates: readonly string[];
  /** Resources written out (not by a loop) left out because a loop inside them could not be expanded. */
  readonly leftOut: readonly string[];
  /** True when MAX_FOREACH_RESOURCES or MAX_FOREACH_WORK stopped the expansion. */
  readonly capped: boolean;
}

/** Whether the document declares `Transform: AWS::LanguageExtensions` (expandForEach checks it itself). */
export function usesLanguageExtensions(doc: ParsedDocument): boolean {
  return doc.language === 'cloudformation' && doc.isTemplate && doc.transforms.includes(LANGUAGE_EXTENSIONS_TRANSFORM);
}

/**
 * The document with its `Fn::ForEach` loops expanded; the very same document object when it does not use the transform
 * or has nothing to expand. Never throws.
 */
export function expandForEach(doc: ParsedDocument): ParsedDocument {
  return expandForEachWithReport(doc).doc;
}

/** `expandForEach`, with what became of each loop (for a hover over a loop, tests, diagnostics). */
export function expandForEachWithReport(doc: ParsedDocument): ForEachExpansion {
  const nothing: ForEachExpansion = { doc, loops: [], duplicates: [], leftOut: [], capped: false };
  if (!usesLanguageExtensions(doc)) return nothing;
  const loops = doc.forEach ?? [];
  const inner = doc.resources.filter((r) => r.definition !== undefined && holdsLoop(r.definition));
  if (loops.length === 0 && inner.length === 0) return nothing;
  try {
    return new Expander(doc).run(loops, new Set(inner));
  } catch (e) {
    // A bug here must not take the analysis down: the loops are then simply not expanded.
    return { ...nothing, loops: loops.map((l) => report(l, 'undecided', [`Fn::ForEach expansion failed: ${(e as Error).message}`])) };
  }
}

type Bindings = ReadonlyMap<string, string>;
/** Receives each output entry of a loop run: its key substituted, where the key is written, its value as written, the bindings in force. */
type Emit = (key: string, keySpan: Span, value: ValueNode, bindings: Bindings, depth: number, loop: MutableReport) => void;

interface MutableReport {
  key: string;
  keySpan: Span;
  span: Span;
  status: LoopStatus;
  resources: string[];
  dependsOn: string[];
  via?: string;
}

const RANK: Record<LoopStatus, number> = { expanded: 0, capped: 1, undecided: 2, malformed: 3 };
const NO_BINDINGS: Bindings = new Map();
const MAX_DEPENDS = 10;
/** Characters of string read or made per work unit: bounds the memory of substituted strings to about 32M characters. */
const CHARS_PER_UNIT = 16;
const TOO_DEEP = 'Fn::ForEach nested too deeply';

/** Thrown when a cap is reached: unwinds to `run`, which keeps what was made. */
class Stop extends Error {}
/** Thrown when a loop body nests deeper than MAX_FOREACH_DEPTH: the resource being made is left out. */
class TooDeep extends Error {}

class Expander {
  private work = MAX_FOREACH_WORK;
  private made = 0;
  private capped = false;
  private readonly reports = new Map<string, MutableReport>();
  private readonly values: ValueEvaluator;

  constructor(private readonly doc: ParsedDocument) {
    this.values = createEvaluator(doc);
  }

  run(loops: readonly MapEntry[], inner: ReadonlySet<Resource>): ForEachExpansion {
    const explicit: Resource[] = [];
    const rebuilt: Resource[] = [];
    const leftOut: string[] = [];
    // Resources written out come first: the cap on loop resources must not cost them their inner loops.
    for (const r of this.doc.resources) {
      if (!inner.has(r) || !r.definition) {
        explicit.push(r);
        continue;
      }
      let made: Resource | undefined;
      if (!this.capped) {
        try {
          made = this.resource(r.id, r.nameSpan, r.definition, NO_BINDINGS, 0);
        } catch (e) {
          if (!(e instanceof Stop || e instanceof TooDeep)) throw e;
        }
      }
      if (made) rebuilt.push(made);
      else leftOut.push(r.id);
    }
    const fromLoops: Resource[] = [];
    for (const l of loops) {
      if (this.capped) {
        this.mark(this.reportFor(l.key, l.keySpan, l.value.span), 'capped', []);
        continue;
      }
      try {
        this.loop(l.key, l.keySpan, l.value, NO_BINDINGS, 0, (key, keySpan, value, b, depth, loop) => {
          if (this.made >= MAX_FOREACH_RESOURCES) {
            this.capped = true;
            throw new Stop(`more than ${MAX_FOREACH_RESOURCES} resources`);
          }
          const r = this.resource(key, keySpan, value, b, depth, loop);
          if (!r) return;
          this.made++;
          fromLoops.push(r);
          loop.resources.push(r.id);
        });
      } catch (e) {
        if (!(e instanceof Stop || e instanceof TooDeep)) throw e;
      }
    }
    if (rebuilt.length === 0 && fromLoops.length === 0 && leftOut.length === 0) return this.result(this.doc, [], leftOut);
    // SAM Globals for what was made here (the caller may have merged them into the parsed resources already).
    const merged = applySamGlobals({ ...this.doc, resources: [...rebuilt, ...fromLoops] }).resources;
    const kept: Resource[] = [...explicit, ...merged.slice(0, rebuilt.length)];
    // Every id written out is taken, even one left out above; then the first loop resource of an id wins.
    const taken = new Set(this.doc.resources.map((r) => r.id));
    const duplicates: string[] = [];
    for (const r of merged.slice(rebuilt.length)) {
      if (taken.has(r.id)) {
        duplicates.push(r.id);
        continue;
      }
      taken.add(r.id);
      kept.push(r);
    }
    // Document order (a stable sort: a loop's resources keep their collection order).
    kept.sort((a, b) => a.span.start - b.span.start);
    return this.result({ ...this.doc, resources: kept }, duplicates, leftOut);
  }

  private result(doc: ParsedDocument, duplicates: string[], leftOut: string[]): ForEachExpansion {
    const loops: LoopReport[] = [...this.reports.values()].map((r) => ({ ...r, resources: [...r.resources], dependsOn: [...r.dependsOn] }));
    return { doc, loops, duplicates, leftOut, capped: this.capped };
  }

  /** A resource from a definition as written (a loop's OutputValue, or a resource's own), or undefined when it cannot be made. */
  private resource(id: string, nameSpan: Span, definition: ValueNode, b: Bindings, depth: number, loop?: MutableReport): Resource | undefined {
    let value: ValueNode;
    try {
      value = this.subst(definition, b, depth);
    } catch (e) {
      if (!(e instanceof TooDeep)) throw e;
      if (loop) this.mark(loop, 'undecided', [TOO_DEEP]);
      return undefined;
    }
    const def = asMap(value);
    // The definition, or its Properties, holds a loop that could not be expanded: nothing is said about it.
    if (!def) return undefined;
    const props = get(def, 'Properties');
    if (props && props.type === 'intrinsic' && props.fn.startsWith(FOREACH_PREFIX)) return undefined;
    return resourceFromEntry({ key: id, keySpan: nameSpan, value: freshDefinition(def) });
  }

  /**
   * Runs one loop with the outer bindings: each output entry of each item goes to `emit` (nested loops recursively).
   * Returns what made it (partly) undecided; empty when every run was decided.
   */
  private loop(key: string, keySpan: Span, value: ValueNode, outer: Bindings, depth: number, emit: Emit): string[] {
    const rep = this.reportFor(key, keySpan, value.span);
    try {
      this.charge(1);
      if (depth > MAX_FOREACH_DEPTH) return this.mark(rep, 'undecided', [TOO_DEEP]);
      const parts = asList(value)?.items;
      const idNode = parts ? asScalar(parts[0]) : undefined;
      const id = idNode && typeof idNode.value === 'string' && idNode.value !== '' ? idNode.value : undefined;
      const outputs = parts && parts.length === 3 ? outputEntries(parts[2]) : undefined;
      if (!parts || parts.length !== 3 || id === undefined || outputs === undefined) {
        return this.mark(rep, 'malformed', [`${key} is not [Identifier, Collection, {OutputKey: OutputValue}]`]);
      }
      const coll = this.collection(parts[1], outer, depth + 1);
      if (!coll.known) return this.mark(rep, 'undecided', coll.dependsOn);
      if (coll.via !== undefined && rep.via === undefined) rep.via = coll.via;
      const deps: string[] = [];
      for (const item of coll.items) {
        this.charge(1 + outer.size);
        const b = new Map(outer).set(id, item);
        for (const o of outputs) {
          this.charge(1);
          if (o.key.startsWith(FOREACH_PREFIX)) pushAll(deps, this.loop(o.key, o.keySpan, o.value, b, depth + 1, emit));
          else emit(this.replace(o.key, b), o.keySpan, o.value, b, depth + 1, rep);
        }
      }
      return deps;
    } catch (e) {
      if (e instanceof Stop) this.mark(rep, 'capped', [e.message]);
      else if (e instanceof TooDeep) this.mark(rep, 'undecided', [TOO_DEEP]);
      throw e;
    }
  }

  /** The items of a collection, with the outer loops' identifiers substituted first. */
  private collection(node: ValueNode, b: Bindings, depth: number): { known: true; items: string[]; via?: string } | { known: false; dependsOn: string[] } {
    let n: ValueNode;
    try {
      n = b.size === 0 ? node : this.subst(node, b, depth);
    } catch (e) {
      if (e instanceof TooDeep) return { known: false, dependsOn: [TOO_DEEP] };
      throw e;
    }
    const r = this.values.evaluate(n);
    if (!r.known) return { known: false, dependsOn: r.dependsOn.length > 0 ? [...r.dependsOn] : ['Fn::ForEach collection'] };
    if (!Array.isArray(r.value)) return { known: false, dependsOn: ['Fn::ForEach collection that is not a list'] };
    const items: string[] = [];
    for (const v of r.value as readonly unknown[]) {
      if (typeof v === 'string') items.push(v);
      else if (typeof v === 'number' || typeof v === 'boolean') items.push(String(v));
      else return { known: false, dependsOn: ['Fn::ForEach collection with an item that is not a string'] };
    }
    return r.via === undefined ? { known: true, items } : { known: true, items, via: r.via };
  }

  /** A copy of `node` with the bindings substituted and inner loops expanded; `node` itself when nothing changes. */
  private subst(node: ValueNode, b: Bindings, depth: number): ValueNode {
    this.charge(1);
    if (depth > MAX_FOREACH_DEPTH) throw new TooDeep();
    switch (node.type) {
      case 'scalar': {
        if (typeof node.value !== 'string' || b.size === 0) return node;
        const s = this.replace(node.value, b);
        if (s === node.value) return node;
        const out: ScalarNode = { type: 'scalar', span: node.span, value: s };
        return out;
      }
      case 'list': {
        let items: ValueNode[] | undefined;
        for (let i = 0; i < node.items.length; i++) {
          const x = this.subst(node.items[i], b, depth + 1);
          if (items) items.push(x);
          else if (x !== node.items[i]) items = [...node.items.slice(0, i), x];
        }
        return items ? { type: 'list', span: node.span, items } : node;
      }
      case 'intrinsic': {
        if (node.fn.startsWith(FOREACH_PREFIX)) return this.substMap(forEachEntries(node), node, b, depth);
        if (node.fn === 'Ref' && node.arg.type === 'scalar' && typeof node.arg.value === 'string') {
          const item = b.get(node.arg.value);
          if (item !== undefined) {
            const out: ScalarNode = { type: 'scalar', span: node.span, value: item };
            return out;
          }
        }
        const arg = this.subst(node.arg, b, depth + 1);
        if (arg === node.arg) return node;
        const out: IntrinsicNode = { type: 'intrinsic', span: node.span, fn: node.fn, arg };
        return out;
      }
      case 'map':
        return this.substMap(node.entries, node, b, depth);
      default:
        return node;
    }
  }

  /** A mapping's entries substituted, loops replaced by the entries they make; the mapping as an unknown value when a loop is undecided. */
  private substMap(entries: readonly MapEntry[], node: MapNode | IntrinsicNode, b: Bindings, depth: number): ValueNode {
    let out: MapEntry[] | undefined = node.type === 'intrinsic' ? [] : undefined;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.key.startsWith(FOREACH_PREFIX)) {
        const made: MapEntry[] = [];
        const deps = this.loop(e.key, e.keySpan, e.value, b, depth + 1, (key, keySpan, value, inner, d) => {
          made.push({ key, keySpan, value: this.subst(value, inner, d) });
        });
        if (deps.length > 0) {
          // What the loop would add is not known: the whole mapping stands as unknown, named after the loop.
          const unknownMap: IntrinsicNode = { type: 'intrinsic', span: node.span, fn: e.key, arg: e.value };
          return unknownMap;
        }
        out ??= entries.slice(0, i);
        pushAll(out, made);
        continue;
      }
      const key = b.size === 0 ? e.key : this.replace(e.key, b);
      const value = this.subst(e.value, b, depth + 1);
      const same = key === e.key && value === e.value;
      if (out) out.push(same ? e : { key, keySpan: e.keySpan, value });
      else if (!same) out = [...entries.slice(0, i), { key, keySpan: e.keySpan, value }];
    }
    if (!out) return node;
    const map: MapNode = { type: 'map', span: node.span, entries: out };
    return map;
  }

  /** `${Id}` → item, `&{Id}` → item without non-alphanumeric characters, for every binding. */
  private replace(s: string, b: Bindings): string {
    if (b.size === 0 || (!s.includes('${') && !s.includes('&{'))) return s;
    this.charge(Math.ceil(s.length / CHARS_PER_UNIT));
    let out = s;
    for (const [id, item] of b) {
      if (out.includes(`\${${id}}`)) out = out.split(`\${${id}}`).join(item);
      if (out.includes(`&{${id}}`)) out = out.split(`&{${id}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
    }
    if (out !== s) this.charge(Math.ceil(out.length / CHARS_PER_UNIT));
    return out;
  }

  private charge(units: number): void {
    this.work -= units;
    if (this.work < 0) {
      this.capped = true;
      throw new Stop(`Fn::ForEach expansion stopped after ${MAX_FOREACH_WORK} work units`);
    }
  }

  private reportFor(key: string, keySpan: Span, span: Span): MutableReport {
    const id = `${key}@${span.start}`;
    let r = this.reports.get(id);
    if (!r) {
      r = { key, keySpan, span, status: 'expanded', resources: [], dependsOn: [] };
      this.reports.set(id, r);
    }
    return r;
  }

  /** Worsens a report's status, adds reasons; returns the reasons (the loop's "undecided" answer). */
  private mark(r: MutableReport, status: LoopStatus, deps: readonly string[]): string[] {
    if (RANK[status] > RANK[r.status]) r.status = status;
    for (const d of deps) if (r.dependsOn.length < MAX_DEPENDS && !r.dependsOn.includes(d)) r.dependsOn.push(d);
    return status === 'expanded' || status === 'capped' ? [] : deps.length > 0 ? [...deps] : [status];
  }
}

/** The OutputKey → OutputValue entries of a loop (a lone nested loop was read as an intrinsic). */
function outputEntries(node: ValueNode): readonly MapEntry[] | undefined {
  if (node.type === 'map') return node.entries;
  if (node.type === 'intrinsic' && node.fn.startsWith(FOREACH_PREFIX)) return forEachEntries(node);
  return undefined;
}

/** Whether a definition holds a loop anywhere (an explicit stack: parsed trees can be deep). */
function holdsLoop(root: ValueNode): boolean {
  const stack: ValueNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as ValueNode;
    switch (n.type) {
      case 'map':
        for (const e of n.entries) {
          if (e.key.startsWith(FOREACH_PREFIX)) return true;
          stack.push(e.value);
        }
        break;
      case 'list':
        for (const i of n.items) stack.push(i);
        break;
      case 'intrinsic':
        if (n.fn.startsWith(FOREACH_PREFIX)) return true;
        stack.push(n.arg);
        break;
      default:
        break;
    }
  }
  return false;
}

/** New definition and Properties mapping objects (their entries shared): no two resources share them. */
function freshDefinition(def: MapNode): MapNode {
  return {
    type: 'map',
    span: def.span,
    entries: def.entries.map((e): MapEntry => (e.key === 'Properties' && e.value.type === 'map' ? entryWithValue(e, { type: 'map', span: e.value.span, entries: [...e.value.entries] }) : e)),
  };
}

function report(l: MapEntry, status: LoopStatus, dependsOn: string[]): LoopReport {
  return { key: l.key, keySpan: l.keySpan, span: l.value.span, status, resources: [], dependsOn };
}
