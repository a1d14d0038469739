/** The pure analysis: parsed document → catalog lookup → duties → findings. No LSP or VS Code here. */
import { lookupResource } from './catalog/resource-lookup';
import type { ServiceEntry, TypeLookup } from './catalog/catalog-api';
import type { DutyId, DutyStatus, Kind, Owner } from './model/duties';
import { ownersFor, type DutyOwner } from './model/duty-owners';
import type { ParsedDocument, Resource, Span } from './model/types';
import { rulesFor } from './rules';
import { quoteName } from './rules/message';
import type { FixSpec, Rule, RuleContext, RuleOutcome, Severity } from './rules/rule-api';
import { createEvaluator } from './values/evaluator';
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
}

export interface RuleResult {
  readonly rule: Rule;
  readonly outcome: RuleOutcome;
}

export interface DutyState extends DutyOwner {
  readonly status: DutyStatus;
  /** The rules that checked this duty on this resource, with their outcomes. */
  readonly results: readonly RuleResult[];
}

export interface ResourceAnalysis {
  readonly resource: Resource;
  readonly lookup: TypeLookup;
  readonly service: ServiceEntry | null;
  readonly kind: Kind | 'unknown';
  readonly duties: readonly DutyState[];
  readonly findings: readonly Finding[];
}

export interface Analysis {
  readonly doc: ParsedDocument;
  readonly resources: readonly ResourceAnalysis[];
  readonly findings: readonly Finding[];
}

export const UNKNOWN_TYPE_RULE = 'unknown-resource-type';

/**
 * What one resource's result was computed from, so an unchanged resource is not re-checked after an edit elsewhere:
 * the parser hands back the very same node objects for a resource whose text did not change (per-resource chunk cache).
 */
interface Memo {
  readonly result: ResourceAnalysis;
  /** resource.span.start when computed (findings move with the resource). */
  readonly start: number;
  /** The resource's own definition node and the nodes of every resource linked to or from it. */
  readonly deps: readonly (object | undefined)[];
  /** Where the linked resources are, relative to this one (a finding may point into a linked resource). */
  readonly offsets: string;
}

/**
 * Analysis of one document across edits. Reuses a resource's result when its own nodes, the template's declarations
 * (parameters, conditions, mappings, globals, locals) and the resources linked to it are the same objects as last time.
 */
export class IncrementalAnalyzer {
  // Plain Maps, not WeakMaps: the memo is replaced by every analysis, so it never holds more than the current document.
  private memo = new Map<object, Memo>();
  private context: readonly object[] = [];
  private transforms = '';
  /** Resources checked (not reused) by the last call; for tests and benchmarks. */
  lastChecked = 0;

  analyze(doc: ParsedDocument): Analysis {
    const ctxRefs = contextRefs(doc);
    const transforms = doc.transforms.join('|');
    if (!sameRefs(ctxRefs, this.context) || transforms !== this.transforms) this.memo = new Map();
    this.context = ctxRefs;
    this.transforms = transforms;
    const next = new Map<object, Memo>();
    let checked = 0;
    const result = analyzeWith(doc, (resource, links, compute) => {
      const key = keyOf(resource);
      const ls = links(resource);
      const others = ls.length === 0 ? NO_RESOURCES : ls.map((l) => (l.from === resource ? l.to : l.from));
      const deps = others.length === 0 ? [key] : [key, ...others.map(keyOf)];
      const offsets = others.length === 0 ? '' : others.map((o) => o.span.start - resource.span.start).join(',');
      const m = key ? this.memo.get(key) : undefined;
      if (m && m.offsets === offsets && sameRefs(m.deps, deps)) {
        const moved = moveResult(m.result, resource, resource.span.start - m.start);
        next.set(key as object, { result: moved, start: resource.span.start, deps, offsets });
        return moved;
      }
      checked++;
      const r = compute();
      if (key) next.set(key, { result: r, start: resource.span.start, deps, offsets });
      return r;
    });
    this.memo = next;
    this.lastChecked = checked;
    return result;
  }
}

/** One-shot analysis (CLI, tests). */
export function analyze(doc: ParsedDocument): Analysis {
  return analyzeWith(doc, (_r, _l, compute) => compute());
}

type Reuse = (resource: Resource, links: (r: Resource) => readonly import('./values/links-api').Link[], compute: () => ResourceAnalysis) => ResourceAnalysis;

function analyzeWith(doc: ParsedDocument, reuse: Reuse): Analysis {
  if (!doc.isTemplate) return { doc, resources: [], findings: [] };
  const values = createEvaluator(doc);
  const lookups = new Map<Resource, TypeLookup>();
  const lookupOf = (r: Resource): TypeLookup => {
    let l = lookups.get(r);
    if (!l) {
      l = lookupResource(r, values);
      lookups.set(r, l);
    }
    return l;
  };
  const links = buildLinks(doc);
  const ctx: RuleContext = {
    doc,
    values,
    links,
    lookup: lookupOf,
    describe: (r) => {
      const l = lookupOf(r);
      return l.status === 'aws' ? { serviceName: l.service.name, kind: l.kind } : { serviceName: r.type, kind: 'unknown' };
    },
  };
  const linksOf = (r: Resource): readonly import('./values/links-api').Link[] => {
    const to = links.to(r);
    const from = links.from(r);
    return from.length === 0 ? to : to.length === 0 ? from : [...to, ...from];
  };
  const resources: ResourceAnalysis[] = [];
  const findings: Finding[] = [];
  for (const resource of doc.resources) {
    const ra = reuse(resource, linksOf, () => analyzeResource(resource, lookupOf(resource), ctx));
    resources.push(ra);
    for (const f of ra.findings) findings.push(f);
  }
  return { doc, resources, findings };
}

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

function shift(span: Span, d: number): Span {
  return { start: span.start + d, end: span.end + d };
}

/** A previous result for a resource whose text is unchanged but has moved by `delta`. */
function moveResult(prev: ResourceAnalysis, resource: Resource, delta: number): ResourceAnalysis {
  if (delta === 0 && prev.resource === resource) return prev;
  const moveOutcome = (o: RuleOutcome): RuleOutcome => (o.gaps && delta !== 0 ? { ...o, gaps: o.gaps.map((g) => ({ ...g, span: shift(g.span, delta) })) } : o);
  return {
    ...prev,
    resource,
    findings: delta === 0 ? prev.findings : prev.findings.map((f) => ({ ...f, span: shift(f.span, delta) })),
    // Only results with gaps carry spans; everything else is shared with the previous result.
    duties:
      delta === 0 || prev.findings.length === 0
        ? prev.duties
        : prev.duties.map((d) => (d.results.some((r) => r.outcome.gaps?.length) ? { ...d, results: d.results.map((r) => ({ rule: r.rule, outcome: moveOutcome(r.outcome) })) } : d)),
  };
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
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const outcome = runRule(rule, resource, ctx);
    results.push({ rule, outcome });
    if (!outcome.gaps) continue;
    for (const g of outcome.gaps) {
      findings.push({
        ruleId: rule.id,
        duty: rule.duty,
        owner: rule.owner,
        severity: g.severity ?? rule.defaultSeverity,
        message: g.message,
        span: g.span,
        resource: resource.id,
        docUrl: rule.docUrl,
        fix: g.fix,
      });
    }
  }
  const owners = ownersFor(lookup.kind, lookup.refinements);
  const duties: DutyState[] = [];
  for (let i = 0; i < owners.length; i++) {
    const o = owners[i];
    const rs = resultsFor(results, o.duty);
    duties.push(rs ? { duty: o.duty, owner: o.owner, refinement: o.refinement, status: dutyStatus(rs), results: rs } : uncheckedDuty(o));
  }
  return { resource, lookup, service: lookup.service, kind: lookup.kind, duties, findings };
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
  for (const r of results) if (r.rule.duty === duty) (out ??= []).push(r);
  return out;
}

const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);
const NO_RESOURCES: readonly Resource[] = Object.freeze([]);

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
  for (const r of results) {
    const s = r.outcome.status;
    if (s === 'gap') return 'gap';
    if (s === 'unknown') unknown = true;
    else if (s === 'met') met = true;
  }
  return unknown ? 'unknown' : met ? 'met' : 'not-applicable';
}
