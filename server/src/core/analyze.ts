/** The pure analysis: parsed document → catalog lookup → duties → findings. No LSP or VS Code here. */
import { isRecording, noteRead, recordReads } from './model/reads';
import { changedResources, ReadSignatures, sameSignature, type Signature } from './model/read-signature';
import { lookupResource } from './catalog/resource-lookup';
import { anchorOf, anchorSpan, type Anchor } from './model/anchor';
import { shiftSpan } from './model/nodes';
import type { ServiceEntry, TypeLookup } from './catalog/catalog-api';
import type { DutyId, DutyStatus, Kind, Owner } from './model/duties';
import { gapOwner, ownersFor, type DutyOwner } from './model/duty-owners';
import type { ParsedDocument, Resource, Span } from './model/types';
import { expansionOf, instanceList, instanceResource, worstStatus } from './instances';
import { expandDynamicBlocks, insideAny } from './dynamic-blocks';
import { OUTPUT_RULES, PROVIDER_RULES, rulesFor } from './rules';
import { outputMayShowSecret } from './rules/output-screen';
import { quoteName } from './rules/message';
import type { Assumption, FixSpec, Gap, Rule, RuleContext, RuleOutcome, Severity } from './rules/rule-api';
import type { ValueEvaluator } from './values/evaluator-api';
import { createEvaluator, type EvaluatorOptions, type InstanceBindings, type InstanceEvaluator } from './values/evaluator';
import type { Link, LinkIndex } from './values/links-api';
import { buildLinks } from './values/links';

export interface Finding {
  readonly ruleId: string;
  readonly duty: DutyId | undefined;
  readonly owner: Owner | undefined;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Resource id (CFN logical id / Terraform `type.name`). */
  readonly resource: string;
  readonly docUrl?: string;
  readonly fix?: FixSpec;
  /** For unknown types: the suggested replacement type. */
  readonly suggestion?: string;
  /** The resource whose text `span` is in, when it is not the one found at fault (a linked resource, a module call). */
  readonly at?: Resource;
  /** The account setting that closes this gap when the workspace configuration assumes it (`assume:`, config/assume.ts). */
  readonly closedBy?: Assumption;
  /**
   * Places that explain the finding in another file (a relocated finding's origin in the module or nested template it
   * comes from); present/related.ts adds those of this file (the resource at fault, the parameter a value came from).
   */
  readonly related?: readonly RelatedSpan[];
}

/** A place that explains a finding: in `file` (absolute, as the project layer writes paths), or in the finding's own file. */
export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
  readonly file?: string;
}

export interface RuleResult {
  readonly rule: Rule;
  readonly outcome: RuleOutcome;
}

export interface DutyState extends DutyOwner {
  readonly status: DutyStatus;
  /** The rules that checked this duty on this resource, with their outcomes. */
  readonly results: readonly RuleResult[];
  /**
   * Your team that owns this duty of yours (`owners:` in .aws-responsibility.yaml, set by `applyOwners` in
   * config/owners.ts; never on a duty AWS owns), and how to reach it. User text: escape it wherever it is shown.
   */
  readonly team?: string;
  readonly contact?: string;
}

export interface ResourceAnalysis {
  readonly resource: Resource;
  readonly lookup: TypeLookup;
  readonly service: ServiceEntry | null;
  readonly kind: Kind | 'unknown';
  readonly duties: readonly DutyState[];
  readonly findings: readonly Finding[];
  /**
   * A Terraform block expanded by `count` / `for_each`: each instance's own analysis (an empty list when the block
   * creates none, e.g. `count = 0`); the block's duties and findings above are those of all its instances together.
   */
  readonly instances?: readonly ResourceAnalysis[];
  /** How the instances were decided ("count = 2", "for_each over 3 keys"). */
  readonly expansion?: string;
}

export interface Analysis {
  readonly doc: ParsedDocument;
  readonly resources: readonly ResourceAnalysis[];
  readonly findings: readonly Finding[];
  /** The values the analysis read the document with (a module's variables, tfvars, a caller's arguments). */
  readonly values?: InstanceEvaluator;
  /** Terraform: the `module` blocks of this file, each with its instances' analyses. */
  readonly modules?: readonly import('./project/terraform-project').ModuleCallResult[];
  /** Terraform: every file of this file's module (where a variable the file reads is declared). */
  readonly moduleFiles?: readonly { readonly file: string; readonly doc: ParsedDocument }[];
}

export interface AnalyzeOptions {
  readonly evaluator?: EvaluatorOptions;
  /**
   * Objects the values depend on beyond the document's own declarations (a module's other files, tfvars, a caller's
   * arguments), by identity, plus a text for what has no object: a reused result stays valid only while all are the same.
   */
  readonly context?: readonly object[];
  readonly contextKey?: string;
  /**
   * Terraform module instances: resource types created outside the instance in the configuration analysed (the
   * caller's own resources, the other modules it calls), each with where (RuleContext.outside). Part of `contextKey`
   * for the reuse of results (the caller puts it there).
   */
  readonly outside?: ReadonlyMap<string, string>;
}

export const UNKNOWN_TYPE_RULE = 'unknown-resource-type';

/**
 * What one resource's result was computed from, so an unchanged resource is not re-checked after an edit elsewhere:
 * the parser hands back the very same node objects for a resource whose text did not change (per-resource chunk cache).
 */
interface Memo {
  readonly result: ResourceAnalysis;
  /** resource.span.start when computed (a result whose spans are not anchored moves by the difference). */
  readonly start: number;
  /** The resource's own definition node. */
  readonly key: object | undefined;
  /** The definition nodes of every resource linked to or from it, in link order. */
  readonly others: readonly (object | undefined)[];
  /** Where the linked resources are, relative to this one (a finding may point into a linked resource). */
  readonly offsets: readonly number[];
  /** Its spans are on the resource's anchor (model/anchor.ts): they move with it, nothing to copy. */
  readonly anchored: boolean;
  /** What its rules read of other resources beyond links (model/reads.ts), and each read's signature then. */
  readonly reads: readonly string[];
  readonly signatures: readonly Signature[];
}

/**
 * Analysis of one document across edits. Reuses a resource's result when its own nodes, the template's declarations
 * (parameters, conditions, mappings, globals, locals) and the resources linked to it are the same objects as last time.
 * With an incremental parser, results are anchored to their resource's chunk: a reused result is the same object, moved
 * by the parser's one assignment to the chunk's anchor, so an edit costs the resources it touches, not the file.
 */
export class IncrementalAnalyzer {
  /**
   * The last analysis's resources and their memos, by position: an edit inside a resource leaves every other resource
   * at its index as the same object, so finding its memo costs an array read, not a hash lookup (10,000 per keystroke).
   */
  private prev: { readonly resources: readonly Resource[]; readonly memos: readonly (Memo | undefined)[] } = { resources: [], memos: [] };
  private context: readonly object[] = [];
  private transforms = '';
  /** The last analysis's read signatures (model/read-signature.ts). */
  private signatures: ReadSignatures | undefined;
  /** Resources checked (not reused) by the last call; for tests and benchmarks. */
  lastChecked = 0;

  analyze(doc: ParsedDocument, options: AnalyzeOptions = {}): Analysis {
    const ctxRefs = contextRefs(doc);
    if (options.context) for (const o of options.context) ctxRefs.push(o);
    const transforms = `${doc.transforms.join('|')}\u0000${options.contextKey ?? ''}`;
    if (!sameRefs(ctxRefs, this.context) || transforms !== this.transforms) this.prev = { resources: [], memos: [] };
    this.context = ctxRefs;
    this.transforms = transforms;
    const prev = this.prev;
    // When resources were added or removed, positions no longer match: the memos by definition node, made once.
    let byKey: Map<object, Memo> | undefined;
    const previous = (i: number, resource: Resource): Memo | undefined => {
      const at = prev.memos[i];
      if (prev.resources[i] === resource) return at;
      const key = keyOf(resource);
      if (!key) return undefined;
      if (at?.key === key) return at;
      if (prev.resources.length === doc.resources.length) return undefined;
      if (!byKey) {
        byKey = new Map();
        for (const m of prev.memos) if (m?.key) byKey.set(m.key, m);
      }
      return byKey.get(key);
    };
    const memos: (Memo | undefined)[] = [];
    let checked = 0;
    let i = 0;
    const signatures = new ReadSignatures(doc, this.signatures, this.signatures ? changedResources(prev.resources, doc.resources) : undefined);
    this.signatures = signatures;
    const sameReads = (m: Memo): boolean => {
      for (let k = 0; k < m.reads.length; k++) if (!sameSignature(m.signatures[k], signatures.of(m.reads[k]))) return false;
      return true;
    };
    const result = analyzeWith(doc, options, (resource, links, compute) => {
      const index = i++;
      const ls = links(resource);
      const m = previous(index, resource);
      if (m && sameLinks(m, resource, ls) && sameReads(m)) {
        if (m.anchored) {
          const reused = m.result.resource === resource ? m.result : moveResult(m.result, resource, 0);
          memos[index] = reused === m.result ? m : { ...m, result: reused };
          return reused;
        }
        // Computed before its resource was anchored (a parser anchors a chunk the first time it moves): moved once, then
        // anchored, so that it moves with the resource from now on.
        const moved = moveResult(m.result, resource, resource.span.start - m.start);
        const anchor = anchorOf(resource.span);
        const reused = anchor ? anchorResult(moved, anchor) : moved;
        memos[index] = { ...m, result: reused, start: resource.span.start, anchored: anchor !== undefined };
        return reused;
      }
      checked++;
      const anchor = anchorOf(resource.span);
      const { value: computed, reads } = recordReads(compute);
      const r = anchor ? anchorResult(computed, anchor) : plainResult(computed);
      const key = keyOf(resource);
      if (key) {
        const others = ls.map((l) => keyOf(l.from === resource ? l.to : l.from));
        const offsets = ls.map((l) => (l.from === resource ? l.to : l.from).span.start - resource.span.start);
        memos[index] = { result: r, start: resource.span.start, key, others, offsets, anchored: anchor !== undefined, reads, signatures: reads.length === 0 ? NO_SIGNATURES : reads.map((k) => signatures.of(k)) };
      } else memos[index] = undefined;
      return r;
    });
    this.prev = { resources: doc.resources, memos };
    signatures.done();
    this.lastChecked = checked;
    return result;
  }
}

/** Whether the resources linked to `resource` are the same nodes at the same distance as when `m` was computed. */
function sameLinks(m: Memo, resource: Resource, ls: readonly Link[]): boolean {
  if (ls.length !== m.others.length) return false;
  const start = resource.span.start;
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    const other = l.from === resource ? l.to : l.from;
    if (keyOf(other) !== m.others[i] || other.span.start - start !== m.offsets[i]) return false;
  }
  return true;
}

/** A fresh result with its spans on the resource's anchor, so that it moves with the resource when reused. */
function anchorResult(r: ResourceAnalysis, anchor: Anchor): ResourceAnalysis {
  return respanResult(r, (s) => anchorSpan(s, anchor));
}

/**
 * A fresh result of a resource that is not anchored (yet) with every span as plain offsets: a span it took from an
 * anchored chunk (a linked resource's node) would move with that chunk by itself, and then again when the result is
 * moved by its resource's delta (found by the incremental-equals-fresh property test).
 */
function plainResult(r: ResourceAnalysis): ResourceAnalysis {
  return respanResult(r, (s) => (anchorOf(s) ? { start: s.start, end: s.end } : s));
}

function respanResult(r: ResourceAnalysis, f: (s: Span) => Span): ResourceAnalysis {
  const findings = respanFindings(r.findings, f);
  // Copied only where a span changes: most results are already on their resource's anchor (or plain).
  let duties = r.duties;
  if (r.findings.length > 0) {
    for (let i = 0; i < r.duties.length; i++) {
      const d = respanDuty(r.duties[i], f);
      if (d === r.duties[i]) continue;
      if (duties === r.duties) duties = r.duties.slice();
      (duties as DutyState[])[i] = d;
    }
  }
  const instances = r.instances?.map((i) => respanResult(i, f));
  if (findings === r.findings && duties === r.duties && instances === undefined) return r;
  return { ...r, findings, duties, ...(instances ? { instances } : {}) };
}

function respanFindings(fs: readonly Finding[], f: (s: Span) => Span): readonly Finding[] {
  let out: Finding[] | undefined;
  for (let i = 0; i < fs.length; i++) {
    const x = fs[i];
    const span = f(x.span);
    if (span === x.span && !out) continue;
    out ??= fs.slice(0, i);
    out.push(span === x.span ? x : { ...x, span });
  }
  return out ?? fs;
}

/** The duty with its gaps' spans through `f`; the same object when none changes. */
function respanDuty(d: DutyState, f: (s: Span) => Span): DutyState {
  const results = d.results;
  let out: DutyState['results'][number][] | undefined;
  for (let i = 0; i < results.length; i++) {
    const x = results[i];
    const gaps = x.outcome.gaps;
    if (!gaps || gaps.length === 0) continue;
    let moved: typeof gaps | undefined;
    for (let k = 0; k < gaps.length; k++) {
      const span = f(gaps[k].span);
      if (span === gaps[k].span) continue;
      moved ??= gaps.slice();
      (moved as Gap[])[k] = { ...gaps[k], span };
    }
    if (!moved) continue;
    out ??= results.slice();
    out[i] = { rule: x.rule, outcome: { ...x.outcome, gaps: moved } };
  }
  return out ? { ...d, results: out } : d;
}

/** One-shot analysis (CLI, tests). */
export function analyze(doc: ParsedDocument, options: AnalyzeOptions = {}): Analysis {
  return analyzeWith(doc, options, (_r, _l, compute) => compute());
}

type Reuse = (resource: Resource, links: (r: Resource) => readonly Link[], compute: () => ResourceAnalysis) => ResourceAnalysis;

function analyzeWith(doc: ParsedDocument, options: AnalyzeOptions, reuse: Reuse): Analysis {
  if (!doc.isTemplate) return { doc, resources: [], findings: [] };
  const values = createEvaluator(doc, options.evaluator);
  const links = buildLinks(doc);
  const ctx = ruleContext(doc, values, links, values, undefined, undefined, options.outside);
  const linksOf = (r: Resource): readonly Link[] => {
    const to = links.to(r);
    const from = links.from(r);
    return from.length === 0 ? to : to.length === 0 ? from : [...to, ...from];
  };
  const resources: ResourceAnalysis[] = [];
  const findings: Finding[] = [];
  const terraform = doc.language === 'terraform';
  /**
   * A resource's analysis with its `dynamic` blocks expanded where the files decide them (dynamic-blocks.ts). The rules
   * see the expanded body, as the same resource for links; the result is the resource's own. A finding in a block a
   * `dynamic` block makes has no one-value fix: the edit belongs in the `for_each` collection, not in `content`.
   */
  const withDynamicBlocks = (resource: Resource, rctx: RuleContext & { lookup(r: Resource): TypeLookup }, bindings: InstanceBindings | undefined): ResourceAnalysis => {
    // CloudFormation has no dynamic blocks: no expansion result per resource.
    const dyn = terraform ? expandDynamicBlocks(resource, values, bindings) : undefined;
    if (dyn === undefined || dyn.resource === resource) return analyzeResource(resource, rctx.lookup(resource), rctx);
    const block = resource.template ?? resource;
    const dctx = ruleContext(doc, rctx.values, links, values, dyn.resource, block, rctx.outside ? outsideOf(rctx) : undefined);
    const ra = analyzeResource(dyn.resource, rctx.lookup(resource), dctx);
    const inDynamic = (f: Finding): boolean => f.fix !== undefined && insideAny(f.span, dyn.spans);
    return { ...ra, resource, findings: ra.findings.some(inDynamic) ? ra.findings.map((f) => (inDynamic(f) ? { ...f, fix: undefined } : f)) : ra.findings };
  };
  for (const resource of doc.resources) {
    const ra = reuse(resource, linksOf, () => {
      // Terraform blocks with `count` / `for_each` the files decide: one analysis per instance.
      const expansion = terraform && resource.mode !== 'module' ? expansionOf(resource.properties, values) : undefined;
      if (!expansion) return withDynamicBlocks(resource, ctx, undefined);
      const instances = expansion.keys.map((key) => {
        const inst = instanceResource(resource, key);
        const ictx = ruleContext(doc, values.forInstance(key.bindings), links, values, inst, resource, ctx.outside ? outsideOf(ctx) : undefined);
        return withDynamicBlocks(inst, ictx, key.bindings);
      });
      return mergeInstances(resource, ctx.lookup(resource), instances, expansion.meta);
    });
    resources.push(ra);
    for (const f of ra.findings) findings.push(f);
  }
  // Terraform `provider` blocks create nothing (no ResourceAnalysis), but credentials written in them are findings.
  for (const p of doc.providers ?? []) for (const f of blockFindings(PROVIDER_RULES, p, ctx)) findings.push(f);
  // CloudFormation `Outputs` create nothing either, but a secret an output shows is a finding.
  // Each output is screened first (rules/output-screen.ts): most show ids and ARNs, and this runs on every keystroke.
  for (const o of doc.outputs ?? []) if (outputMayShowSecret(o, doc)) for (const f of blockFindings(OUTPUT_RULES, o, ctx)) findings.push(f);
  return { doc, resources, findings, values };
}

/** The findings of rules on a block that creates nothing (a `provider` block, a stack output); `at` is the block (files and suppressions find it). */
function blockFindings(rules: readonly Rule[], block: Resource, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const outcome = runRule(rule, block, ctx);
    for (const g of outcome.gaps ?? []) {
      out.push({ ruleId: rule.id, duty: rule.duty, owner: 'customer', severity: g.severity ?? rule.defaultSeverity, message: g.message, span: g.span, resource: block.id, docUrl: rule.docUrl, fix: g.fix, at: block });
    }
  }
  return out;
}

/** The rule context of an analysis; for one instance of a block, links and lookups of the instance are the block's. */
/** `base`: the document's evaluator (another resource's `dynamic` blocks are expanded in the document, not in an instance). */
/** The map behind a context's `outside` (contexts made from another keep it). */
const OUTSIDE = new WeakMap<RuleContext, ReadonlyMap<string, string>>();
function outsideOf(ctx: RuleContext): ReadonlyMap<string, string> | undefined {
  return OUTSIDE.get(ctx);
}

function ruleContext(doc: ParsedDocument, values: ValueEvaluator, links: LinkIndex, base: InstanceEvaluator, instance?: Resource, block?: Resource, outside?: ReadonlyMap<string, string>): RuleContext & { lookup(r: Resource): TypeLookup } {
  const lookups = new Map<Resource, { readonly value: TypeLookup; readonly reads: readonly string[] }>();
  const lookupOf = (r: Resource): TypeLookup => {
    let l = lookups.get(r);
    if (!l) {
      // Its reads (a custom resource's provider) are noted again whenever another computation takes it from here.
      l = isRecording() ? recordReads(() => lookupResource(r, values, doc)) : { value: lookupResource(r, values, doc), reads: NO_READS };
      lookups.set(r, l);
    } else for (let k = 0; k < l.reads.length; k++) noteRead(l.reads[k]);
    return l.value;
  };
  const same = (r: Resource): Resource => (instance !== undefined && block !== undefined && r === instance ? block : r);
  const made: RuleContext & { lookup(r: Resource): TypeLookup } = {
    doc,
    values,
    links: instance ? { to: (t, rel) => links.to(same(t), rel), from: (f, rel) => links.from(same(f), rel) } : links,
    lookup: lookupOf,
    expanded: (r) => expandDynamicBlocks(r, base, undefined).resource,
    describe: (r) => {
      const l = lookupOf(r);
      return l.status === 'aws' ? { serviceName: l.service.name, kind: l.kind } : { serviceName: r.type, kind: 'unknown' };
    },
    ...(outside ? { outside: (type: string) => outside.get(type) } : {}),
  };
  if (outside) OUTSIDE.set(made, outside);
  return made;
}

/**
 * One block's result from its instances' results: each duty at its worst over the instances, and each gap once,
 * naming the instances that have it (`v[0]` and `v[1]`), or the block when all of them do.
 */
function mergeInstances(resource: Resource, lookup: TypeLookup, instances: readonly ResourceAnalysis[], expansion: string): ResourceAnalysis {
  const first = instances[0];
  if (!first) {
    // Not created (count = 0, an empty for_each): no duty of this block is in play.
    if (lookup.status !== 'aws') return { resource, lookup, service: null, kind: 'unknown', duties: [], findings: [], instances, expansion };
    const duties = ownersFor(lookup.kind, lookup.refinements).map(uncheckedDuty);
    return { resource, lookup, service: lookup.service, kind: lookup.kind, duties, findings: [], instances, expansion };
  }
  const duties = first.duties.map((d, i) => {
    let worst = d;
    for (const inst of instances) {
      const other = inst.duties[i];
      if (other && other.duty === d.duty && worstStatus(worst.status, other.status) !== worst.status) worst = other;
    }
    return worst;
  });
  const groups = new Map<string, { finding: Finding; names: string[] }>();
  for (const inst of instances) {
    for (const f0 of inst.findings) {
      // An instance's finding is in the block's text: `at` names the block (files, suppressions and fixes find it).
      const f = f0.at ? f0 : { ...f0, at: resource };
      // The same gap: same rule, place and sentence (but for the instance's name).
      const sentence = f.message.split(quoteName(inst.resource.name)).join('\u0001');
      const key = `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.at?.id ?? ''}\u0000${sentence}`;
      const g = groups.get(key);
      if (g) g.names.push(inst.resource.name);
      else groups.set(key, { finding: f, names: [inst.resource.name] });
    }
  }
  const findings: Finding[] = [];
  for (const { finding, names } of groups.values()) {
    if (names.length === 1) {
      findings.push(finding);
      continue;
    }
    // The first instance's sentence, naming every instance that has the gap (or the block, when all do).
    const all = names.length === instances.length;
    const label = quoteName(names[0]);
    const i = finding.message.indexOf(label);
    const who = all ? `${quoteName(resource.name)} (all ${instances.length} instances)` : instanceList(names);
    const message = i < 0 ? finding.message : finding.message.slice(0, i) + who + finding.message.slice(i + label.length);
    findings.push({ ...finding, message, resource: all ? resource.id : finding.resource });
  }
  return { resource, lookup, service: first.service, kind: first.kind, duties, findings, instances, expansion };
}


const NO_SIGNATURES: readonly Signature[] = Object.freeze([]);
const NO_READS: readonly string[] = Object.freeze([]);

function keyOf(r: Resource): object | undefined {
  return r.definition ?? r.properties;
}

/** The template-wide declarations every value may depend on, as node identities. */
function contextRefs(doc: ParsedDocument): object[] {
  const d = doc.declarations;
  const refs: object[] = [];
  for (const v of d.parameters.values()) refs.push(v.node);
  for (const v of d.conditions.values()) refs.push(v);
  for (const v of d.mappings.values()) refs.push(v);
  for (const v of d.locals.values()) refs.push(v);
  if (doc.globals) refs.push(doc.globals);
  return refs;
}

function sameRefs(a: readonly (object | undefined)[], b: readonly (object | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A previous result for a resource whose text is unchanged but has moved by `delta`. */
function moveResult(prev: ResourceAnalysis, resource: Resource, delta: number): ResourceAnalysis {
  if (delta === 0 && prev.resource === resource) return prev;
  const moveOutcome = (o: RuleOutcome): RuleOutcome => (o.gaps && delta !== 0 ? { ...o, gaps: o.gaps.map((g) => ({ ...g, span: shiftSpan(g.span, delta) })) } : o);
  return {
    ...prev,
    resource,
    // Instances are the block's own nodes under another address: rebuilt around the block as it is now.
    ...(prev.instances ? { instances: prev.instances.map((i) => moveResult(i, reinstance(i.resource, prev.resource, resource), delta)) } : {}),
    findings: delta === 0 ? prev.findings : prev.findings.map((f) => ({ ...f, span: shiftSpan(f.span, delta) })),
    // Only results with gaps carry spans; everything else is shared with the previous result.
    duties:
      delta === 0 || prev.findings.length === 0
        ? prev.duties
        : prev.duties.map((d) => (d.results.some((r) => r.outcome.gaps?.length) ? { ...d, results: d.results.map((r) => ({ rule: r.rule, outcome: moveOutcome(r.outcome) })) } : d)),
  };
}

/** An instance resource re-made around the block's current Resource object (same address suffix). */
function reinstance(inst: Resource, oldBlock: Resource, block: Resource): Resource {
  const suffix = inst.id.slice(oldBlock.id.length);
  return { ...block, id: block.id + suffix, name: block.name + suffix, template: block };
}

function analyzeResource(resource: Resource, lookup: TypeLookup, ctx: RuleContext): ResourceAnalysis {
  if (lookup.status !== 'aws') {
    const findings: Finding[] = [];
    if (lookup.status === 'unknown') {
      findings.push({
        ruleId: UNKNOWN_TYPE_RULE,
        duty: undefined,
        owner: undefined,
        severity: 'warning',
        message: `Unknown AWS resource type ${quoteName(resource.type)}${lookup.suggestion ? ` — did you mean \`${lookup.suggestion}\`?` : '; no service could be determined, so its responsibilities cannot be shown.'}`,
        span: resource.typeSpan,
        resource: resource.id,
        suggestion: lookup.suggestion,
      });
    }
    return { resource, lookup, service: null, kind: 'unknown', duties: [], findings };
  }
  // Index loops here: V8 does not optimize away the iterator results of `for...of` around the (megamorphic) rule
  // calls, and they were a tenth of the allocation of the analysis.
  const rules = rulesFor(resource.type);
  const results: RuleResult[] = [];
  const findings: Finding[] = [];
  const owners = ownersFor(lookup.kind, lookup.refinements);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const outcome = runRule(rule, resource, ctx);
    results.push({ rule, outcome });
    if (!outcome.gaps) continue;
    for (const g of outcome.gaps) {
      findings.push({
        ruleId: rule.id,
        duty: rule.duty,
        // The duty's owner for this resource; never AWS: a rule flags a setting that is the customer's part.
        owner: findingOwner(owners, rule),
        severity: g.severity ?? rule.defaultSeverity,
        message: g.message,
        span: g.span,
        resource: resource.id,
        docUrl: rule.docUrl,
        fix: g.fix,
        ...(g.at ? { at: g.at } : {}),
        ...(g.closedBy ? { closedBy: g.closedBy } : {}),
      });
    }
  }
  // The arrays a result keeps are made at their exact size (kept while the file is open; a pushed-to array keeps room
  // for 16 more).
  // (Copied with slice, which keeps them packed: `new Array(n)` makes holey arrays, slower to read everywhere after.)
  const duties: DutyState[] = [];
  for (let i = 0; i < owners.length; i++) {
    const o0 = owners[i];
    const rs = resultsFor(results, o0.duty);
    if (!rs) {
      duties.push(uncheckedDuty(o0));
      continue;
    }
    const status = dutyStatus(rs);
    // A gap is in a setting of yours: a duty the model gives to AWS becomes shared, with your part named.
    const o = status === 'gap' ? gapOwner(o0) : o0;
    duties.push({ duty: o.duty, owner: o.owner, refinement: o.refinement, status, results: rs });
  }
  return { resource, lookup, service: lookup.service, kind: lookup.kind, duties: duties.slice(), findings: findings.slice() };
}

/** A finding's owner: the rule's duty's owner for this resource, AWS's turned into the customer's part (gapOwner). */
function findingOwner(owners: readonly DutyOwner[], rule: Rule): Owner {
  for (let i = 0; i < owners.length; i++) if (owners[i].duty === rule.duty) return gapOwner(owners[i]).owner;
  return rule.owner;
}

function runRule(rule: Rule, resource: Resource, ctx: RuleContext): RuleOutcome {
  try {
    return rule.check(resource, ctx);
  } catch (e) {
    // A rule bug must never take the analysis down; it shows as unknown with the reason.
    return { status: 'unknown', dependsOn: [`rule ${rule.id} failed: ${(e as Error).message}`] };
  }
}

/** The results of the rules of one duty, in rule order; undefined when no rule checked it. */
function resultsFor(results: readonly RuleResult[], duty: DutyId): RuleResult[] | undefined {
  let out: RuleResult[] | undefined;
  for (let i = 0; i < results.length; i++) if (results[i].rule.duty === duty) (out ??= []).push(results[i]);
  // Kept with the result: at its exact size, packed (see analyzeResource).
  return out?.slice();
}

const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);

/** The state of a duty no rule checked: the same frozen object for every resource with that owner entry. */
const unchecked = new WeakMap<DutyOwner, DutyState>();
function uncheckedDuty(o: DutyOwner): DutyState {
  let d = unchecked.get(o);
  if (!d) {
    d = Object.freeze({ duty: o.duty, owner: o.owner, refinement: o.refinement, status: 'not-applicable', results: NO_RESULTS });
    unchecked.set(o, d);
  }
  return d;
}

/** Any gap wins, then unknown, then met; no outcome that counts is not applicable. */
function dutyStatus(results: readonly RuleResult[]): DutyStatus {
  let unknown = false;
  let met = false;
  for (let i = 0; i < results.length; i++) {
    const s = results[i].outcome.status;
    if (s === 'gap') return 'gap';
    if (s === 'unknown') unknown = true;
    else if (s === 'met') met = true;
  }
  return unknown ? 'unknown' : met ? 'met' : 'not-applicable';
}
