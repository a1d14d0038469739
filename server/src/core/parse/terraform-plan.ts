/**
 * A Terraform plan in Terraform's JSON output format (`terraform show -json plan.out`) → the shared resource model.
 * https://developer.hashicorp.com/terraform/internals/json-format
 *
 * One Resource per planned resource (`planned_values.root_module` and every `child_modules` entry, recursively), its
 * `values` as the properties with exact spans into the JSON, so findings point at the planned value. Attributes the plan
 * leaves open (`resource_changes[].change.after_unknown` marks them `true`) become ExprNodes with `unknown` set, and
 * with `refs` naming the planned resources the `configuration` section computes them from (see PlanConfig), so that a
 * public access block whose `bucket` is `aws_s3_bucket.b.id` (known after apply) is still linked to its bucket. Unlike
 * the refs of `.tf` documents, these are full planned addresses with module path and instance key
 * (`module.m["k"].aws_s3_bucket.b[0].id`); links.ts resolves both.
 *
 * Two readers, one result:
 * - valid JSON (what Terraform writes): `JSON.parse` validates the text and gives the `resource_changes` trees and the
 *   `configuration` section as plain values; a small strict scanner then builds value nodes with spans for
 *   `planned_values` only and skips every other top-level value (prior_state...) without allocating: 2-4× faster than
 *   the tolerant reader.
 * - anything else (broken, truncated, commented JSON): jsonc-parser's error-tolerant `visit`, the syntax errors
 *   reported as cfn-json reports them, and whatever can be read of the plan.
 *
 * Spans follow cfn-json: a string value's span includes its quotes, so does a key's span (`keySpan` of `"encrypted"`).
 * `typeSpan` is the span of the resource's `"type"` string value and `nameSpan` that of its `"address"` value, quotes
 * included.
 */
import { visit } from 'jsonc-parser';
import { asList, asMap, asScalar, get } from '../model/nodes';
import { emptyDeclarations, type ExprNode, type MapEntry, type MapNode, type ParsedDocument, type Resource, type ScalarNode, type Span, type SyntaxError, type ValueNode } from '../model/types';
import { tfAddress, tfTraversal } from '../values/links';
import { jsonErrorMessage, MAX_JSON_ERRORS } from './cfn-json';
import { deepValue, guardJson } from './nesting';

/** The reason the evaluator gives for an attribute the plan marks unknown. */
export const PLAN_UNKNOWN_REASON = 'known after apply (terraform plan)';
const UNKNOWN_TEXT = 'known after apply';

/** Top-level keys of a plan (format 1.x). Any of them makes a JSON object read as a plan by parseTerraformPlan. */
const PLAN_KEYS: ReadonlySet<string> = new Set(['format_version', 'terraform_version', 'planned_values', 'resource_changes']);

/** Value nodes nested deeper than this (from the root) are kept as raw text: hostile nesting must not overflow the stack. */
const MAX_DEPTH = 256;

/** How much of the text's start `isTerraformPlan` looks at for a plan marker before scanning the top-level keys. */
const HEAD_BYTES = 4096;

/** Plain JSON, as JSON.parse gives it (the `after_unknown` trees). */
type Plain = null | boolean | number | string | readonly Plain[] | { readonly [k: string]: Plain };

// ---------------------------------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Markers of a plan in the first 4 KB. Terraform writes `format_version` first; `jq -S` (sorted keys) puts
 * `applyable`, `checks`, `complete`, `configuration`... before it, and those can be large, so they count as markers too.
 */
const HEAD_MARKERS = ['"format_version"', '"terraform_version"', '"planned_values"', '"resource_changes"', '"applyable"', '"complete"', '"errored"', '"configuration"'];

/**
 * True when `text` is a JSON object whose top-level keys include `format_version` and (`planned_values` or
 * `resource_changes`), or `terraform_version` and `planned_values`. Never throws, never parses the whole text:
 * 1. the first non-blank character (after an optional BOM) must be `{`, and the first 4 KB must contain a plan marker
 *    (a quoted top-level key name of the format, see HEAD_MARKERS) — CloudFormation templates, `.tf.json` files,
 *    package.json and binary junk are refused here, in O(4 KB);
 * 2. then a scan of the top-level keys only: nested values are skipped by bracket counting (no allocation, strings
 *    jumped over with indexOf), and the scan stops as soon as the keys decide. Terraform writes the deciding keys in
 *    its first few hundred bytes, so this is O(1) in practice; key-sorted output costs one skip over the text before
 *    `format_version` (a few ms per 10 MB). A malformed top level ends the scan with what it has seen.
 */
export function isTerraformPlan(text: string): boolean {
  try {
    if (typeof text !== 'string') return false;
    let i = skipBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (text.charCodeAt(i) !== 123 /* { */) return false;
    const head = text.slice(i, i + HEAD_BYTES);
    if (!HEAD_MARKERS.some((m) => head.includes(m))) return false;
    const seen = new Set<string>();
    const decided = (): boolean =>
      (seen.has('format_version') && (seen.has('planned_values') || seen.has('resource_changes'))) || (seen.has('terraform_version') && seen.has('planned_values'));
    i = skipBlank(text, i + 1);
    while (i < text.length) {
      if (text.charCodeAt(i) !== 34 /* " */) return false;
      const end = stringEnd(text, i);
      if (end < 0) return false;
      seen.add(text.slice(i + 1, end - 1));
      if (decided()) return true;
      i = skipBlank(text, end);
      if (text.charCodeAt(i) !== 58 /* : */) return false;
      i = skipValue(text, skipBlank(text, i + 1));
      if (i < 0) return false;
      i = skipBlank(text, i);
      if (text.charCodeAt(i) !== 44 /* , */) return false;
      i = skipBlank(text, i + 1);
    }
    return false;
  } catch {
    return false;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipBlank(text: string, i: number): number {
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Index after the closing quote of the string starting at `start` (a `"`), or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let j = q - 1; j > start && text.charCodeAt(j) === 92 /* \ */; j--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

/** Index after the JSON value starting at `i` (not validated: brackets are counted, strings jumped over), or -1. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 34) {
        j = stringEnd(text, j) - 1;
        if (j < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // number, true, false, null
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isBlank(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------------

/** What both readers extract from the text. */
interface PlanParts {
  /** The root is a JSON object with at least one of PLAN_KEYS. */
  readonly isPlan: boolean;
  readonly plannedValues: ValueNode | undefined;
  /** `after_unknown` per resource address (see unknownsByAddress). */
  readonly unknowns: ReadonlyMap<string, Plain>;
  /** The top-level `configuration` value, as plain JSON. */
  readonly configuration: Plain | undefined;
  readonly errors: SyntaxError[];
}

/**
 * Terraform plan JSON text → ParsedDocument. Never throws. `isTemplate` is true when the text is a JSON object with a
 * plan's top-level key (format_version, terraform_version, planned_values or resource_changes), even when broken
 * further on, so its syntax errors are shown; other texts (empty, an array, package.json) give `isTemplate: false`.
 * Resources come in document order; see the file comment for spans and `withUnknowns` for unknown attributes.
 */
export function parseTerraformPlan(text: string): ParsedDocument {
  try {
    const parts = readFast(text) ?? readTolerant(text);
    const resources: Resource[] = [];
    const root = asMap(get(asMap(parts.plannedValues), 'root_module'));
    const config = PlanConfig.of(parts.configuration, root);
    collectModule(root, parts.unknowns, config, resources, 0);
    resources.sort((a, b) => a.span.start - b.span.start);
    return planDocument(parts.isPlan, resources, parts.errors);
  } catch (e) {
    return planDocument(false, [], [{ message: `Terraform plan could not be read: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: Math.min(text.length, 1) } }]);
  }
}

function planDocument(isTemplate: boolean, resources: Resource[], syntaxErrors: SyntaxError[]): ParsedDocument {
  return { language: 'terraform', isTemplate, resources, declarations: emptyDeclarations(), transforms: [], syntaxErrors, comments: [] };
}

/** A module of `planned_values` (root or child): its resources, then its child modules, recursively. */
function collectModule(mod: MapNode | undefined, unknowns: ReadonlyMap<string, Plain>, config: PlanConfig | undefined, out: Resource[], depth: number): void {
  if (!mod || depth > MAX_DEPTH) return;
  for (const item of asList(get(mod, 'resources'))?.items ?? []) {
    const r = planResource(asMap(item), unknowns, config);
    if (r) out.push(r);
  }
  for (const child of asList(get(mod, 'child_modules'))?.items ?? []) collectModule(asMap(child), unknowns, config, out, depth + 1);
}

/** One entry of a module's `resources`; undefined without an `address` and a `type` string (e.g. cut off). */
function planResource(node: MapNode | undefined, unknowns: ReadonlyMap<string, Plain>, config: PlanConfig | undefined): Resource | undefined {
  if (!node) return undefined;
  const address = asScalar(get(node, 'address'));
  const type = asScalar(get(node, 'type'));
  if (!address || typeof address.value !== 'string' || !type || typeof type.value !== 'string') return undefined;
  const modeValue = asScalar(get(node, 'mode'))?.value;
  const mode = modeValue === 'data' || (modeValue === undefined && /(^|\.)data\./.test(address.value)) ? 'data' : 'resource';
  const values = asMap(get(node, 'values'));
  const au = unknowns.get(address.value);
  let properties = values;
  if (au !== undefined) {
    // No `values` object (only in a broken plan): unknown attributes are anchored on the address.
    const base: MapNode = values ?? { type: 'map', span: address.span, entries: [] };
    const refs = config?.forResource(address.value) ?? NO_CONFIG;
    const merged = withUnknowns(base, au, opening(base.span), refs.at, refs.resolve);
    properties = merged !== base || values ? asMap(merged) : undefined;
  }
  return {
    language: 'terraform',
    id: address.value,
    name: address.value,
    nameSpan: address.span,
    type: type.value,
    typeSpan: type.span,
    span: node.span,
    mode,
    properties,
  };
}

/** `after_unknown` per resource address, from `resource_changes`: entries of deposed objects and delete-only changes are skipped. */
function unknownsByAddress(changes: unknown): Map<string, Plain> {
  const out = new Map<string, Plain>();
  if (!Array.isArray(changes)) return out;
  for (const rc of changes as unknown[]) {
    if (!isObject(rc) || typeof rc.address !== 'string' || rc.deposed !== undefined || out.has(rc.address)) continue;
    const change = rc.change;
    if (!isObject(change)) continue;
    const actions = change.actions;
    if (Array.isArray(actions) && actions.length === 1 && actions[0] === 'delete') continue;
    if (change.after_unknown !== undefined && change.after_unknown !== false && change.after_unknown !== null) out.set(rc.address, change.after_unknown as Plain);
  }
  return out;
}

function isObject(v: unknown): v is { readonly [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether an `after_unknown` tree marks anything unknown. */
function hasUnknown(au: Plain | undefined, depth = 0): boolean {
  if (au === true) return true;
  if (au === null || typeof au !== 'object' || depth > MAX_DEPTH) return false;
  const values: readonly Plain[] = Array.isArray(au) ? (au as readonly Plain[]) : Object.values(au);
  return values.some((v) => hasUnknown(v, depth + 1));
}

function unknownNode(span: Span, refs: readonly string[]): ExprNode {
  return { type: 'expr', span, text: UNKNOWN_TEXT, refs, unknown: PLAN_UNKNOWN_REASON };
}

/** The first character of a container (its `{` or `[`): where a key the plan leaves out is placed. */
function opening(span: Span): Span {
  return { start: span.start, end: Math.min(span.end, span.start + 1) };
}

/**
 * `node` with what `au` (an `after_unknown` tree of the same shape) marks `true` replaced by an unknown ExprNode; the
 * same object when nothing changes. An unknown value that `values` has (as null) keeps that value's span; one `values`
 * leaves out gets `anchor`, the opening `{`/`[` of the nearest enclosing object or list (for a top-level attribute: of
 * the `values` object), as value span and key span. A nested value whose container `values` does not have (absent,
 * null or not the same shape) cannot be placed inside it: that whole container becomes unknown.
 * `at` is the configuration of `node` (see Cursor), `resolve` gives the refs of an unknown value from it.
 */
function withUnknowns(node: ValueNode | undefined, au: Plain, anchor: Span, at: Cursor, resolve: (at: Cursor) => readonly string[], depth = 0): ValueNode | undefined {
  if (au === true) return unknownNode(node ? node.span : anchor, resolve(at));
  if (au === null || typeof au !== 'object' || depth > MAX_DEPTH) return node;
  if (Array.isArray(au)) {
    const list = asList(node);
    if (!list) return hasUnknown(au) ? unknownNode(node ? node.span : anchor, resolve(at)) : node;
    const inner = opening(list.span);
    const itemAt = cursorItem(at);
    let changed = false;
    const items: ValueNode[] = [];
    const n = Math.max(list.items.length, au.length);
    for (let i = 0; i < n; i++) {
      const item = list.items[i];
      const sub = i < au.length ? (au as readonly Plain[])[i] : undefined;
      const next = sub === undefined ? item : withUnknowns(item, sub, inner, itemAt, resolve, depth + 1);
      if (next !== item) changed = true;
      if (next) items.push(next);
    }
    return changed ? { type: 'list', span: list.span, items } : list;
  }
  const map = asMap(node);
  const tree = au as { readonly [k: string]: Plain };
  if (!map) return hasUnknown(tree) ? unknownNode(node ? node.span : anchor, resolve(at)) : node;
  const inner = opening(map.span);
  let changed = false;
  const done = new Set<string>();
  const entries: MapEntry[] = map.entries.map((e) => {
    if (!Object.prototype.hasOwnProperty.call(tree, e.key)) return e;
    done.add(e.key);
    const next = withUnknowns(e.value, tree[e.key], inner, cursorChild(at, e.key), resolve, depth + 1);
    if (!next || next === e.value) return e;
    changed = true;
    return { key: e.key, keySpan: e.keySpan, value: next };
  });
  for (const key of Object.keys(tree)) {
    if (done.has(key) || !hasUnknown(tree[key])) continue;
    changed = true;
    entries.push({ key, keySpan: inner, value: unknownNode(inner, resolve(cursorChild(at, key))) });
  }
  return changed ? { type: 'map', span: map.span, entries } : map;
}

// ---------------------------------------------------------------------------------------------------------------------
// References: what the configuration computes an unknown attribute from
// ---------------------------------------------------------------------------------------------------------------------

/** A JSON object of the plan. */
type Obj = { readonly [k: string]: Plain };

/**
 * Where a value of `values` is in its resource's configuration `expressions`: the expressions (`{references,
 * constant_value}`), nested-block maps and nested-block lists that may hold it. Several when a list of blocks is
 * entered (see cursorItem); none when the configuration says nothing about it.
 */
type Cursor = readonly Plain[];

const NO_REFS: readonly string[] = Object.freeze([]);
const NO_CURSOR: Cursor = Object.freeze([]);
const NO_CONFIG = { at: NO_CURSOR, resolve: (): readonly string[] => NO_REFS };

/** Bounds on following references through variables, outputs and for_each, per expression (hostile configurations). */
const MAX_REF_DEPTH = 64;
const MAX_HOPS = 10_000;
/** At most this many configuration nodes are read below one unknown value. */
const MAX_CONFIG_NODES = 10_000;

function asObj(v: Plain | undefined): Obj | undefined {
  return isObject(v) ? (v as Obj) : undefined;
}

/** `o[key]` when `o` has it as its own property (never a prototype's: keys come from the plan). */
function own(o: Obj | undefined, key: string): Plain | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** An Expression Representation (`{"references": [...]}`, `{"constant_value": ...}`, `{}`), not a block's map. */
function isExpression(o: Obj): boolean {
  return Array.isArray(own(o, 'references')) || Object.prototype.hasOwnProperty.call(o, 'constant_value') || Object.keys(o).length === 0;
}

/**
 * The configuration of `values[key]` for the configuration of `values`: a block map's `key`; each block's `key` in a
 * list of blocks; an expression stays itself (a part of an attribute's value is computed from the whole expression).
 */
function cursorChild(at: Cursor, key: string): Cursor {
  if (at.length === 0) return at;
  const out: Plain[] = [];
  for (const n of at) {
    if (Array.isArray(n)) {
      for (const b of n as readonly Plain[]) {
        const o = asObj(b);
        if (o && !isExpression(o) && Object.prototype.hasOwnProperty.call(o, key)) out.push(o[key]);
      }
      continue;
    }
    const o = asObj(n);
    if (!o) continue;
    if (isExpression(o)) out.push(o);
    else if (Object.prototype.hasOwnProperty.call(o, key)) out.push(o[key]);
  }
  return out;
}

/**
 * The configuration of an item of a list of `values`: every block of a list of blocks (sets of blocks are not kept in
 * configuration order, so an item is matched with all of them: their references together), else the same.
 */
function cursorItem(at: Cursor): Cursor {
  if (at.length === 0) return at;
  const out: Plain[] = [];
  for (const n of at) {
    if (Array.isArray(n)) for (const x of n as readonly Plain[]) out.push(x);
    else out.push(n);
  }
  return out;
}

/** The expressions at or below a cursor, in configuration order (breadth first, bounded). */
function expressionsUnder(at: Cursor): Obj[] {
  const out: Obj[] = [];
  const queue: Plain[] = [...at];
  for (let i = 0; i < queue.length && i < MAX_CONFIG_NODES; i++) {
    const n = queue[i];
    if (Array.isArray(n)) {
      for (const x of n as readonly Plain[]) queue.push(x);
      continue;
    }
    const o = asObj(n);
    if (!o) continue;
    if (isExpression(o)) out.push(o);
    else for (const k of Object.keys(o)) queue.push(o[k]);
  }
  return out;
}

/**
 * Terraform lists each reference of an expression followed by its shorter forms: `aws_x.y[0].id`, `aws_x.y[0]`,
 * `aws_x.y` (the last one only for a reference with an instance key). Only the first of each such run is kept: the
 * shorter forms would widen `aws_x.y[0]` to every instance of `aws_x.y`.
 */
function referenceHeads(refs: readonly Plain[]): string[] {
  const out: string[] = [];
  let prev: string | undefined;
  for (const r of refs) {
    if (typeof r !== 'string') {
      prev = undefined;
      continue;
    }
    const shorter = prev !== undefined && r.length < prev.length && prev.startsWith(r) && (prev[r.length] === '.' || prev[r.length] === '[');
    if (!shorter) out.push(r);
    prev = r;
  }
  return out;
}

/** A module instance of the plan and its configuration. */
interface ModuleScope {
  /** The instance's address (`module.a["x"].module.b`), '' for the root module. */
  readonly path: string;
  /** Its configuration: `root_module`, or `module_calls.<name>.module` of its parent's. */
  readonly config: Obj | undefined;
  /** The module that calls it and the call (`module_calls.<name>`), for `var.*`; absent for the root module. */
  readonly parent?: ModuleScope;
  readonly call?: Obj;
  /** The configuration's resources by address (`aws_x.y`, `data.aws_x.y`), built when first needed. */
  resources?: Map<string, Obj>;
}

/** One top-level resolution: its budget and what it followed already. */
interface Walk {
  hops: number;
  readonly seen: Set<string>;
}

/**
 * The plan's `configuration` section (https://developer.hashicorp.com/terraform/internals/json-format, "Configuration
 * Representation"): for an unknown attribute of a planned resource, its expression's `references`, mapped to the
 * planned addresses (full, with module path and instance key: what links.ts resolves).
 *
 * Configuration addresses are per module and without instance keys. A reference made in the module instance
 * `module.m["k"]` is resolved there:
 * - `aws_x.y.attr` / `data.aws_x.y.attr` → `module.m["k"].aws_x.y.attr`; with a literal instance key
 *   (`aws_x.y[0].attr`) → `module.m["k"].aws_x.y[0].attr`, that instance. Without a literal key (`aws_x.y[count.index]`,
 *   `aws_x.y[each.key]` and splats are all written `aws_x.y` by Terraform) the reference names every instance of the
 *   block: links.ts links them all, those with the referring instance's own key first. Wider links can only hide a
 *   gap of a sibling instance, never invent one.
 * - `var.v` → the references of the argument `v` of the module call, resolved in the calling module instance;
 *   `each.*` → those of the resource's (or, for an argument, the call's) `for_each` expression;
 * - `module.c.out` → the references of output `out` of every planned instance of `module.c` (`module.c[0].out`: of that
 *   instance), resolved in that instance; `module.c` alone → those of all its outputs;
 * - `local.*`, `count.*`, `path.*`, `terraform.*`, `self.*`: nothing. Locals are not in the configuration section.
 * A reference to a resource the plan does not have is kept (it links nothing).
 */
class PlanConfig {
  private readonly scopes = new Map<string, ModuleScope>();
  /** Planned module instances: calling module instance → call name → instance addresses, in plan order. */
  private readonly instances = new Map<string, Map<string, Set<string>>>();
  private readonly registered = new Set<string>();
  /** Resolved references per expression and module instance. */
  private readonly memo = new Map<Obj, Map<string, readonly string[]>>();
  private readonly ids = new Map<Obj, number>();

  private constructor(root: Obj) {
    this.scopes.set('', { path: '', config: root });
  }

  /** Undefined when the plan has no `configuration.root_module`. `planned` is `planned_values.root_module`. */
  static of(configuration: Plain | undefined, planned: MapNode | undefined): PlanConfig | undefined {
    const root = asObj(own(asObj(configuration), 'root_module'));
    if (!root) return undefined;
    const config = new PlanConfig(root);
    config.registerPlanned(planned);
    return config;
  }

  /** Where the resource at `address` is configured and how its unknown values' refs are found; undefined when not configured. */
  forResource(address: string): { readonly at: Cursor; readonly resolve: (at: Cursor) => readonly string[] } | undefined {
    const a = tfAddress(address);
    if (!a) return undefined;
    const scope = this.scope(a.module);
    const cfg = scope ? this.resource(scope, a.block.slice(a.module === '' ? 0 : a.module.length + 1)) : undefined;
    if (!scope || !cfg) return undefined;
    const expressions = own(cfg, 'expressions');
    const each = own(cfg, 'for_each_expression');
    return { at: expressions === undefined ? NO_CURSOR : [expressions], resolve: (at) => this.refsAt(at, scope, each) };
  }

  /** Module instances from the planned addresses (resources' and child modules'). */
  private registerPlanned(planned: MapNode | undefined): void {
    const queue: { mod: MapNode; depth: number }[] = planned ? [{ mod: planned, depth: 0 }] : [];
    for (let i = 0; i < queue.length; i++) {
      const { mod, depth } = queue[i];
      const address = asScalar(get(mod, 'address'))?.value;
      if (typeof address === 'string') this.register(address);
      for (const item of asList(get(mod, 'resources'))?.items ?? []) {
        const r = asScalar(get(asMap(item), 'address'))?.value;
        const a = typeof r === 'string' ? tfAddress(r) : undefined;
        if (a) this.register(a.module);
      }
      if (depth >= MAX_DEPTH) continue;
      for (const child of asList(get(mod, 'child_modules'))?.items ?? []) {
        const m = asMap(child);
        if (m) queue.push({ mod: m, depth: depth + 1 });
      }
    }
  }

  /** Registers a module instance address and every module instance it is in. */
  private register(path: string): void {
    if (path === '' || this.registered.has(path)) return;
    this.registered.add(path);
    const steps = tfTraversal(path);
    if (!steps) return;
    let parent = '';
    let i = 0;
    while (i + 1 < steps.length && !steps[i].index && steps[i].text === 'module' && !steps[i + 1].index) {
      const name = steps[i + 1].text;
      let end = steps[i + 1].end;
      i += 2;
      if (steps[i]?.index) end = steps[i++].end;
      const p = path.slice(0, end);
      let calls = this.instances.get(parent);
      if (!calls) this.instances.set(parent, (calls = new Map()));
      let set = calls.get(name);
      if (!set) calls.set(name, (set = new Set()));
      set.add(p);
      parent = p;
    }
  }

  /** The module instance at `path` ('' for the root), its configuration found through `module_calls`. */
  private scope(path: string): ModuleScope | undefined {
    const hit = this.scopes.get(path);
    if (hit) return hit;
    const steps = tfTraversal(path);
    if (!steps) return undefined;
    let cur = this.scopes.get('') as ModuleScope;
    let i = 0;
    while (i < steps.length) {
      if (i + 1 >= steps.length || steps[i].index || steps[i].text !== 'module' || steps[i + 1].index) return undefined;
      const name = steps[i + 1].text;
      let end = steps[i + 1].end;
      i += 2;
      if (steps[i]?.index) end = steps[i++].end;
      const p = path.slice(0, end);
      let next = this.scopes.get(p);
      if (!next) {
        const call = asObj(own(asObj(own(cur.config, 'module_calls')), name));
        next = call ? { path: p, config: asObj(own(call, 'module')), parent: cur, call } : { path: p, config: undefined, parent: cur };
        this.scopes.set(p, next);
      }
      cur = next;
    }
    return cur;
  }

  private resource(scope: ModuleScope, address: string): Obj | undefined {
    if (!scope.resources) {
      scope.resources = new Map();
      const list = own(scope.config, 'resources');
      if (Array.isArray(list)) {
        for (const item of list as readonly Plain[]) {
          const r = asObj(item);
          const a = own(r, 'address');
          if (r && typeof a === 'string' && !scope.resources.has(a)) scope.resources.set(a, r);
        }
      }
    }
    return scope.resources.get(address);
  }

  /** The planned references of every expression at or below `at` (the whole configuration of a value). */
  private refsAt(at: Cursor, scope: ModuleScope, each: Plain | undefined): readonly string[] {
    if (at.length === 0) return NO_REFS;
    const exprs = expressionsUnder(at);
    if (exprs.length === 1) return this.exprRefs(exprs[0], scope, each);
    const out = new Set<string>();
    for (const e of exprs) for (const r of this.exprRefs(e, scope, each)) out.add(r);
    return out.size === 0 ? NO_REFS : [...out];
  }

  /** One expression's planned references (`each` is that of the resource the expression belongs to: memo per instance). */
  private exprRefs(expr: Obj, scope: ModuleScope, each: Plain | undefined): readonly string[] {
    let byScope = this.memo.get(expr);
    const hit = byScope?.get(scope.path);
    if (hit) return hit;
    const out = new Set<string>();
    this.resolveExpr(expr, scope, each, { hops: 0, seen: new Set() }, out, 0);
    const refs = out.size === 0 ? NO_REFS : [...out];
    if (!byScope) this.memo.set(expr, (byScope = new Map()));
    byScope.set(scope.path, refs);
    return refs;
  }

  private resolveExpr(expr: Plain | undefined, scope: ModuleScope, each: Plain | undefined, walk: Walk, out: Set<string>, depth: number): void {
    const refs = own(asObj(expr), 'references');
    if (!Array.isArray(refs)) return;
    for (const ref of referenceHeads(refs as readonly Plain[])) this.resolveRef(ref, scope, each, walk, out, depth);
  }

  private resolveRef(ref: string, scope: ModuleScope, each: Plain | undefined, walk: Walk, out: Set<string>, depth: number): void {
    if (depth > MAX_REF_DEPTH || ++walk.hops > MAX_HOPS) return;
    const steps = tfTraversal(ref);
    if (!steps) return;
    const second = steps[1] && !steps[1].index ? steps[1].text : undefined;
    switch (steps[0].text) {
      case 'var': {
        const call = scope.call;
        if (second === undefined || !scope.parent || !call || !first(walk, `${scope.path}\u0000var\u0000${second}`)) return;
        this.resolveExpr(own(asObj(own(call, 'expressions')), second), scope.parent, own(call, 'for_each_expression'), walk, out, depth + 1);
        return;
      }
      case 'each': {
        const e = asObj(each);
        if (!e || !first(walk, `${scope.path}\u0000each\u0000${this.idOf(e)}`)) return;
        this.resolveExpr(e, scope, undefined, walk, out, depth + 1);
        return;
      }
      case 'module':
        this.resolveModule(steps, scope, walk, out, depth);
        return;
      default: {
        // A managed or data resource (tfAddress refuses local.*, count.*, path.*, terraform.*, self.*...).
        const a = tfAddress(ref);
        if (a && a.module === '') out.add(scope.path === '' ? ref : `${scope.path}.${ref}`);
      }
    }
  }

  /** `module.c.out`, `module.c[key].out`, `module.c`: the references of the outputs of those module instances. */
  private resolveModule(steps: readonly { index: boolean; text: string }[], scope: ModuleScope, walk: Walk, out: Set<string>, depth: number): void {
    const name = steps[1];
    if (!name || name.index || !asObj(own(asObj(own(scope.config, 'module_calls')), name.text))) return;
    const key = steps[2]?.index ? steps[2] : undefined;
    const outputStep = steps[key ? 3 : 2];
    const output = outputStep && !outputStep.index ? outputStep.text : undefined;
    const prefix = scope.path === '' ? '' : `${scope.path}.`;
    const paths = key ? [`${prefix}module.${name.text}${key.text}`] : [...(this.instances.get(scope.path)?.get(name.text) ?? [])];
    for (const path of paths) {
      const child = this.scope(path);
      const outputs = asObj(own(child?.config, 'outputs'));
      if (!child || !outputs) continue;
      for (const o of output !== undefined ? [output] : Object.keys(outputs)) {
        if (!first(walk, `${path}\u0000output\u0000${o}`)) continue;
        this.resolveExpr(own(asObj(own(outputs, o)), 'expression'), child, undefined, walk, out, depth + 1);
      }
    }
  }

  private idOf(o: Obj): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.ids.size));
    return id;
  }
}

/** True the first time a walk meets `key`. */
function first(walk: Walk, key: string): boolean {
  if (walk.seen.has(key)) return false;
  walk.seen.add(key);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------------
// Reader 1: valid JSON
// ---------------------------------------------------------------------------------------------------------------------

class Invalid extends Error {}

/** Valid JSON: `JSON.parse` for validity and `resource_changes`, the scanner for `planned_values` with spans. Undefined when not valid. */
function readFast(text: string): PlanParts | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let isPlan: boolean;
  let unknowns: Map<string, Plain>;
  let configuration: Plain | undefined;
  try {
    // Only what is needed is kept from the parsed value, so that the garbage collector can drop it while we scan.
    const parsed: unknown = JSON.parse(start ? text.slice(start) : text);
    if (!isObject(parsed)) return { isPlan: false, plannedValues: undefined, unknowns: new Map(), configuration: undefined, errors: [] };
    isPlan = Object.keys(parsed).some((k) => PLAN_KEYS.has(k));
    unknowns = unknownsByAddress(parsed.resource_changes);
    configuration = parsed.configuration as Plain | undefined;
  } catch {
    return undefined;
  }
  try {
    const plannedValues = new Scanner(text, skipBlank(text, start)).topLevelValue('planned_values');
    return { isPlan, plannedValues, unknowns, configuration, errors: [] };
  } catch {
    // The text is valid JSON, so only a stack overflow (or a scanner bug) gets here: the tolerant reader reads it too.
    return undefined;
  }
}

/** A strict reader over text already known to be valid JSON: builds value nodes where asked, skips the rest. */
class Scanner {
  private pos: number;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  /** The value of the root object's `key` (the first one, as `get` reads maps), as a value node; every other value skipped. */
  topLevelValue(key: string): ValueNode | undefined {
    const { text } = this;
    if (text.charCodeAt(this.pos) !== 123) throw new Invalid('object expected');
    this.pos++;
    let found: ValueNode | undefined;
    this.blank();
    if (text.charCodeAt(this.pos) === 125) return undefined;
    for (;;) {
      this.blank();
      const name = this.key();
      if (name === key && found === undefined) found = this.value(1);
      else this.skip();
      this.blank();
      const c = text.charCodeAt(this.pos++);
      if (c === 125) return found;
      if (c !== 44) throw new Invalid('"," expected');
    }
  }

  private blank(): void {
    const { text } = this;
    let p = this.pos;
    while (p < text.length && isBlank(text.charCodeAt(p))) p++;
    this.pos = p;
  }

  /** End of the last property name read by `key`. */
  private keyEnd = 0;

  /** A property name and its colon. */
  private key(): string {
    const s = this.pos;
    const end = this.stringEnd(s);
    const name = this.decode(s, end);
    this.keyEnd = end;
    this.pos = end;
    this.blank();
    if (this.text.charCodeAt(this.pos) !== 58) throw new Invalid('":" expected');
    this.pos++;
    this.blank();
    return name;
  }

  private stringEnd(s: number): number {
    if (this.text.charCodeAt(s) !== 34) throw new Invalid('string expected');
    const end = stringEnd(this.text, s);
    if (end < 0) throw new Invalid('unterminated string');
    return end;
  }

  /** The value of the string token [s, end). */
  private decode(s: number, end: number): string {
    const raw = this.text.slice(s + 1, end - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(s, end)) as string) : raw;
  }

  private skip(): void {
    const end = skipValue(this.text, this.pos);
    if (end < 0) throw new Invalid('value expected');
    this.pos = end;
  }

  private value(depth: number): ValueNode {
    const { text } = this;
    const s = this.pos;
    const c = text.charCodeAt(s);
    if (depth > MAX_DEPTH) {
      this.skip();
      return { type: 'expr', span: { start: s, end: this.pos }, text: text.slice(s, this.pos), refs: [] };
    }
    switch (c) {
      case 123: {
        this.pos++;
        this.blank();
        const entries: MapEntry[] = [];
        if (text.charCodeAt(this.pos) === 125) {
          this.pos++;
          return { type: 'map', span: { start: s, end: this.pos }, entries };
        }
        for (;;) {
          this.blank();
          const ks = this.pos;
          const key = this.key();
          const keySpan = { start: ks, end: this.keyEnd };
          const value = this.value(depth + 1);
          entries.push({ key, keySpan, value });
          this.blank();
          const d = text.charCodeAt(this.pos++);
          if (d === 125) return { type: 'map', span: { start: s, end: this.pos }, entries };
          if (d !== 44) throw new Invalid('"," or "}" expected');
        }
      }
      case 91: {
        this.pos++;
        this.blank();
        const items: ValueNode[] = [];
        if (text.charCodeAt(this.pos) === 93) {
          this.pos++;
          return { type: 'list', span: { start: s, end: this.pos }, items };
        }
        for (;;) {
          this.blank();
          items.push(this.value(depth + 1));
          this.blank();
          const d = text.charCodeAt(this.pos++);
          if (d === 93) return { type: 'list', span: { start: s, end: this.pos }, items };
          if (d !== 44) throw new Invalid('"," or "]" expected');
        }
      }
      case 34: {
        const end = this.stringEnd(s);
        this.pos = end;
        return scalar(s, end, this.decode(s, end));
      }
      case 116: // true
        this.pos = s + 4;
        return scalar(s, this.pos, true);
      case 102: // false
        this.pos = s + 5;
        return scalar(s, this.pos, false);
      case 110: // null
        this.pos = s + 4;
        return scalar(s, this.pos, null);
      default: {
        this.skip();
        const n = Number(text.slice(s, this.pos));
        if (Number.isNaN(n)) throw new Invalid('number expected');
        return scalar(s, this.pos, n);
      }
    }
  }
}

function scalar(start: number, end: number, value: string | number | boolean | null): ScalarNode {
  return { type: 'scalar', span: { start, end }, value };
}

// ---------------------------------------------------------------------------------------------------------------------
// Reader 2: anything else, error tolerant
// ---------------------------------------------------------------------------------------------------------------------

interface MapFrame {
  readonly kind: 'map';
  readonly start: number;
  readonly entries: MapEntry[];
  key: string | undefined;
  keySpan: Span | undefined;
}

interface ListFrame {
  readonly kind: 'list';
  readonly start: number;
  readonly items: ValueNode[];
}

/** The top-level values the tolerant reader builds; the others are only scanned (for their syntax errors). */
const READ_KEYS: ReadonlySet<string> = new Set(['planned_values', 'resource_changes', 'configuration']);
/** What it builds of a `resource_changes[].change` (not before/after, as large as the planned values). */
const CHANGE_KEYS: ReadonlySet<string> = new Set(['actions', 'after_unknown']);

/**
 * jsonc-parser's `visit` (same recovery and messages as cfn-json): builds value nodes for `planned_values`,
 * `configuration` and `resource_changes` but their `before`/`after` values (maps as they are: no CloudFormation intrinsic folding), scans
 * the rest for errors only.
 */
function readTolerant(text: string): PlanParts {
  // jsonc-parser recurses per nesting level: values deeper than MAX_NESTING are masked first (and a BOM blanked).
  const guard = guardJson(text);
  const deepAt = new Map(guard.deep.map((r) => [r.start, r]));
  const errors: SyntaxError[] = [];
  const stack: (MapFrame | ListFrame)[] = [];
  let root: ValueNode | undefined;
  let lastErrorEnd = -1;
  /** > 0 inside a top-level value that is not built. */
  let skipDepth = 0;
  /** The next value belongs to a top-level key that is not built. */
  let skipNext = false;

  const push = (node: ValueNode): void => {
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (!top) {
      if (root === undefined) root = node;
    } else if (top.kind === 'list') {
      top.items.push(node);
    } else if (top.key !== undefined && top.keySpan) {
      top.entries.push({ key: top.key, keySpan: top.keySpan, value: node });
      top.key = undefined;
      top.keySpan = undefined;
    }
  };
  /** A property whose value is missing still appears, with a null value (as in cfn-json). */
  const flushKey = (frame: MapFrame): void => {
    if (frame.key !== undefined && frame.keySpan) {
      const at = frame.keySpan.end;
      frame.entries.push({ key: frame.key, keySpan: frame.keySpan, value: scalar(at, at, null) });
      frame.key = undefined;
      frame.keySpan = undefined;
    }
  };
  /** The skipped value is over: its key gets nothing. */
  const dropKey = (): void => {
    const top = stack[stack.length - 1];
    if (top && top.kind === 'map') {
      top.key = undefined;
      top.keySpan = undefined;
    }
  };
  /** Whether the stack is in a `resource_changes[i].change` object. */
  const inChange = (): boolean => {
    const [root, , entry, change] = stack;
    return stack.length === 4 && root.kind === 'map' && root.key === 'resource_changes' && entry.kind === 'map' && entry.key === 'change' && change.kind === 'map';
  };
  /** Whether a container that begins now is skipped. */
  const beginSkipped = (): boolean => {
    if (skipDepth > 0) {
      skipDepth++;
      return true;
    }
    if (skipNext) {
      skipNext = false;
      skipDepth = 1;
      return true;
    }
    return false;
  };
  const endSkipped = (): boolean => {
    if (skipDepth === 0) return false;
    if (--skipDepth === 0) dropKey();
    return true;
  };

  try {
    visit(guard.text, {
      onObjectBegin: (offset) => {
        if (!beginSkipped()) stack.push({ kind: 'map', start: offset, entries: [], key: undefined, keySpan: undefined });
      },
      onObjectProperty: (name, offset, length) => {
        if (skipDepth > 0) return;
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map') {
          flushKey(top);
          top.key = name;
          top.keySpan = { start: offset, end: offset + length };
          skipNext = (stack.length === 1 && !READ_KEYS.has(name)) || (stack.length === 4 && !CHANGE_KEYS.has(name) && inChange());
        }
      },
      onObjectEnd: (offset, length) => {
        if (endSkipped()) return;
        const top = stack.pop();
        if (!top || top.kind !== 'map') return;
        flushKey(top);
        push({ type: 'map', span: { start: top.start, end: offset + length }, entries: top.entries });
      },
      onArrayBegin: (offset) => {
        if (!beginSkipped()) stack.push({ kind: 'list', start: offset, items: [] });
      },
      onArrayEnd: (offset, length) => {
        if (endSkipped()) return;
        const top = stack.pop();
        if (!top || top.kind !== 'list') return;
        push({ type: 'list', span: { start: top.start, end: offset + length }, items: top.items });
      },
      onLiteralValue: (value: unknown, offset, length) => {
        if (skipDepth > 0) return;
        if (skipNext) {
          // A scalar value (format_version...): kept, it costs nothing (and tells a plan).
          skipNext = false;
        }
        const deep = deepAt.get(offset);
        if (deep) return push(deepValue(guard, text, deep));
        const v = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
        push(scalar(offset, offset + length, v));
      },
      onSeparator: (sep) => {
        if (sep !== ',' || skipDepth > 0) return;
        skipNext = false;
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map') flushKey(top);
      },
      onError: (error, offset, length, startLine, startCharacter) => {
        // Keep the first of errors that touch each other (one breakage cascades), as cfn-json does.
        if (offset <= lastErrorEnd || errors.length >= MAX_JSON_ERRORS) return;
        lastErrorEnd = offset + length;
        const start = Math.min(offset, text.length);
        const end = Math.min(text.length, Math.max(offset + length, start + 1));
        errors.push({ message: jsonErrorMessage(error, startLine, startCharacter), span: { start: Math.max(0, Math.min(start, end)), end } });
      },
    });
  } catch (e) {
    // jsonc-parser recurses per nesting level: absurd nesting overflows the stack. Report, never throw.
    errors.push({ message: `JSON could not be read: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, 1) } });
    return { isPlan: false, plannedValues: undefined, unknowns: new Map(), configuration: undefined, errors: withNesting(guard.errors, errors) };
  }
  if (guard.errors.length > 0) {
    const all = withNesting(guard.errors, errors);
    errors.length = 0;
    for (const e of all) errors.push(e);
  }
  const map = asMap(root);
  if (!map) return { isPlan: false, plannedValues: undefined, unknowns: new Map(), configuration: undefined, errors };
  return {
    isPlan: map.entries.some((e) => PLAN_KEYS.has(e.key)),
    plannedValues: get(map, 'planned_values'),
    unknowns: unknownsByAddress(toPlain(get(map, 'resource_changes'), 0)),
    configuration: toPlain(get(map, 'configuration'), 0),
    errors,
  };
}

/** The nesting errors among the parser's, in document order. */
function withNesting(nesting: readonly SyntaxError[], errors: readonly SyntaxError[]): SyntaxError[] {
  if (nesting.length === 0) return [...errors];
  const all = [...nesting, ...errors];
  all.sort((a, b) => a.span.start - b.span.start);
  return all;
}

/** A value node as plain JSON (for `resource_changes` read by the tolerant reader). */
function toPlain(node: ValueNode | undefined, depth: number): Plain | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map((i) => toPlain(i, depth + 1) ?? null);
    case 'map': {
      const out: { [k: string]: Plain } = {};
      for (const e of node.entries) {
        if (Object.prototype.hasOwnProperty.call(out, e.key)) continue; // first wins, as `get` does
        Object.defineProperty(out, e.key, { value: toPlain(e.value, depth + 1) ?? null, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return undefined;
  }
}
