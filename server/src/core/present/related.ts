/**
 * The places that explain a finding, for LSP `relatedInformation` and SARIF `relatedLocations`: where a relocated
 * finding comes from (a module's or nested template's own text, set by the project layer), the resource at fault when
 * the finding is written in another resource (a linked policy, a rule, an attachment), and the parameter or variable
 * the value at fault reads. Computed on demand for the findings shown, not during analysis.
 */
import type { Analysis, Finding, RelatedSpan } from '../analyze';
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import { quoteName } from '../rules/message';
import { nodeWithSpan, parametersRead, variablesRead } from '../values/reads';
import { LineIndex, type Range } from './positions';
import { anchorOf } from '../model/anchor';
import { originalOf } from '../model/resource-index';

/** At most this many related places per finding (a value may read many parameters). */
const MAX_RELATED = 8;

/**
 * Which resource a finding is about in an analysis: the last one with its id (`analysis.resources`), found without a
 * Map of every resource per analysis (10,000 entries per keystroke in a large template). A `Generation` is the resource
 * list of an analysis that built such a Map; a later analysis whose list differs from it in a few positions (an edit
 * inside a resource changes one) looks ids up in it, corrected by what those positions hold now.
 */
interface Generation {
  readonly resources: readonly Resource[];
  /** Resource id → the index of the last resource with that id. */
  readonly lastIndex: ReadonlyMap<string, number>;
}

/** An analysis against a generation: the positions that hold another Resource object now, and their ids' last such position. */
interface Base {
  readonly gen: Generation;
  readonly changed: ReadonlySet<number>;
  readonly lastChanged: ReadonlyMap<string, number>;
}

/** At most this many changed positions for a generation to serve an analysis (typing changes one). */
const MAX_CHANGED = 64;
/** Generations tried for a new analysis (one per document being edited), most recent first. */
const MAX_RECENT = 4;
let recent: WeakRef<Generation>[] = [];

interface IdIndex {
  base: Base;
  own?: Generation;
  /** The last id asked and its answer: a resource's findings come one after another. */
  lastId?: string;
  last?: Resource;
}

const idIndexes = new WeakMap<Analysis, IdIndex>();

function generationOf(analysis: Analysis): Generation {
  const resources = analysis.resources.map((ra) => ra.resource);
  const lastIndex = new Map<string, number>();
  for (let i = 0; i < resources.length; i++) lastIndex.set(resources[i].id, i);
  const gen: Generation = { resources, lastIndex };
  recent = [new WeakRef(gen), ...recent.filter((w) => w.deref() !== undefined).slice(0, MAX_RECENT - 1)];
  return gen;
}

function baseAgainst(analysis: Analysis, gen: Generation): Base | undefined {
  const rs = analysis.resources;
  if (rs.length !== gen.resources.length) return undefined;
  const changed = new Set<number>();
  const lastChanged = new Map<string, number>();
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i].resource;
    if (r === gen.resources[i]) continue;
    if (changed.size >= MAX_CHANGED) return undefined;
    changed.add(i);
    lastChanged.set(r.id, i);
  }
  return { gen, changed, lastChanged };
}

const NO_INDEX: ReadonlyMap<string, number> = new Map();
const NO_CHANGE: ReadonlySet<number> = new Set();

function idIndexOf(analysis: Analysis): IdIndex {
  let ix = idIndexes.get(analysis);
  if (!ix) {
    let base: Base | undefined;
    for (const w of recent) {
      const gen = w.deref();
      base = gen && baseAgainst(analysis, gen);
      if (base) break;
    }
    if (base) ix = { base };
    else {
      const own = generationOf(analysis);
      ix = { base: { gen: own, changed: NO_CHANGE, lastChanged: NO_INDEX }, own };
    }
    idIndexes.set(analysis, ix);
  }
  return ix;
}

/** The resource the findings of resource id `id` are about: the last with that id, as a Map by id would say. */
function checkedResource(analysis: Analysis, id: string): Resource | undefined {
  const ix = idIndexOf(analysis);
  if (ix.lastId === id) return ix.last;
  const found = lookupChecked(analysis, ix, id);
  ix.lastId = id;
  ix.last = found;
  return found;
}

function lookupChecked(analysis: Analysis, ix: IdIndex, id: string): Resource | undefined {
  const { gen, changed, lastChanged } = ix.base;
  const now = lastChanged.get(id) ?? -1;
  const then = gen.lastIndex.get(id);
  // An unchanged position holds the same Resource object as in the generation (read from its list, not through the analysis's).
  if (then !== undefined && then > now && !changed.has(then)) return gen.resources[then];
  let index: number;
  if (then === undefined || now >= then) index = now;
  else {
    // Its last resource then holds another one now, and an earlier one may have the id: ask a Map of this analysis.
    ix.own ??= generationOf(analysis);
    index = ix.own.lastIndex.get(id) ?? -1;
  }
  return index < 0 ? undefined : analysis.resources[index].resource;
}

/**
 * What `relatedSpans` found for a finding whose value at fault is a literal (or no node): the places then depend only on
 * the finding (the same object while its resource and links are unchanged), the checked resource (same object) and
 * where the finding is within the resource whose text it is in, all checked again before the places are reused.
 */
interface RelatedMemo {
  readonly checked: Resource;
  readonly owner: Resource;
  /** The finding's span relative to the owner's start; not checked when both are on one anchor (they move together). */
  readonly from: number;
  readonly to: number;
  readonly together: boolean;
  readonly spans: readonly RelatedSpan[];
}

const memos = new WeakMap<Finding, RelatedMemo>();
const NO_SPANS: readonly RelatedSpan[] = Object.freeze([]);

/** The related places of a finding. The list may be shared between calls: callers must not change it. */
export function relatedSpans(analysis: Analysis, f: Finding): readonly RelatedSpan[] {
  const checked = checkedResource(analysis, f.resource);
  const m = memos.get(f);
  if (m && checked === m.checked) {
    if (m.together) return m.spans;
    const start = m.owner.span.start;
    if (f.span.start - start === m.from && f.span.end - start === m.to) return m.spans;
  }
  const out: RelatedSpan[] = [...(f.related ?? [])];
  // Written in another resource of this file (a linked configuration): point at the resource it is about.
  if (f.at && checked && originalOf(f.at) !== originalOf(checked) && !out.some((r) => r.file === undefined && r.span.start === checked.nameSpan.start)) {
    out.push({ span: checked.nameSpan, message: `${quoteName(checked.id)}: the resource this finding is about` });
  }
  const owner = f.at ?? checked;
  let literal = true;
  if (owner) {
    const node = nodeWithSpan(owner.definition ?? owner.properties, f.span);
    // A literal reads nothing (most findings: a value written in the file, or the resource type of a missing property).
    if (node && node.type !== 'scalar') {
      literal = false;
      pushAllBounded(out, valueOrigins(analysis, node));
    }
  }
  const spans = out.length === 0 ? NO_SPANS : out.length > MAX_RELATED ? out.slice(0, MAX_RELATED) : out;
  // Remembered only when every input is an object checked above: a value that reads a parameter or variable depends on
  // declarations that change without the finding changing, and a place of this file in `related` on where it is now.
  if (literal && owner && checked && !(f.related ?? []).some((r) => r.file === undefined)) {
    const start = owner.span.start;
    const anchor = anchorOf(f.span);
    memos.set(f, { checked, owner, from: f.span.start - start, to: f.span.end - start, together: anchor !== undefined && anchorOf(owner.span) === anchor, spans });
  } else if (m) memos.delete(f);
  return spans;
}

function pushAllBounded(out: RelatedSpan[], more: readonly RelatedSpan[]): void {
  for (const r of more) {
    if (out.length >= MAX_RELATED) return;
    out.push(r);
  }
}

/** The parameters (CloudFormation) or variables (Terraform) the value at the finding's span reads, where declared. */
function valueOrigins(analysis: Analysis, node: ValueNode): RelatedSpan[] {
  const doc = analysis.doc;
  const out: RelatedSpan[] = [];
  if (doc.language === 'cloudformation') {
    for (const name of parametersRead(node, doc)) {
      const decl = doc.declarations.parameters.get(name);
      if (decl) out.push({ span: decl.span, message: `the value comes from parameter ${quoteName(name)}${hasKey(decl.node, 'Default') ? ' (its Default)' : ''}` });
    }
    return out;
  }
  const docs: { file?: string; doc: ParsedDocument }[] = [{ doc }, ...(analysis.moduleFiles ?? []).filter((m) => m.doc !== doc)];
  for (const name of variablesRead(node, doc.declarations.locals)) {
    for (const d of docs) {
      const decl = d.doc.declarations.parameters.get(name);
      if (!decl) continue;
      out.push({ ...(d.file ? { file: d.file } : {}), span: decl.span, message: `the value comes from variable ${quoteName(name)}${hasKey(decl.node, 'default') ? ' (its default, unless set by tfvars or a caller)' : ''}` });
      break;
    }
  }
  return out;
}

function hasKey(node: { entries: readonly { key: string }[] }, key: string): boolean {
  return node.entries.some((e) => e.key === key);
}

/** A related place with its range: in `file`, or in the finding's own file when absent. */
export interface RelatedRange {
  readonly file?: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * Related places with line/character ranges. `textOf` reads another file (an open editor's text first); a place in a
 * file that cannot be read is left out. Line indexes are built once per file per call.
 */
export function relatedRanges(spans: readonly RelatedSpan[], ownText: LineIndex, textOf: (file: string) => string | undefined, cache = new Map<string, LineIndex | null>()): RelatedRange[] {
  const out: RelatedRange[] = [];
  for (const r of spans) {
    if (!r.file) {
      out.push({ range: ownText.rangeOf(r.span), message: r.message });
      continue;
    }
    let idx = cache.get(r.file);
    if (idx === undefined) {
      const t = textOf(r.file);
      idx = t === undefined ? null : new LineIndex(t);
      cache.set(r.file, idx);
    }
    if (idx) out.push({ file: r.file, range: idx.rangeOf(r.span), message: r.message });
  }
  return out;
}
