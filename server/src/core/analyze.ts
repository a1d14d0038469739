/** The pure analysis: parsed document → catalog lookup → duties → findings. No LSP or VS Code here. */
import { lookupType } from './catalog/catalog';
import type { ServiceEntry, TypeLookup } from './catalog/catalog-api';
import type { DutyId, DutyStatus, Kind, Owner } from './model/duties';
import { ownersFor, type DutyOwner } from './model/duty-owners';
import type { ParsedDocument, Resource, Span } from './model/types';
import { rulesFor } from './rules';
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

export function analyze(doc: ParsedDocument): Analysis {
  if (!doc.isTemplate) return { doc, resources: [], findings: [] };
  const values = createEvaluator(doc);
  const lookups = new Map<Resource, TypeLookup>();
  const lookupOf = (r: Resource): TypeLookup => {
    let l = lookups.get(r);
    if (!l) {
      l = lookupType({
        language: r.language,
        type: r.type,
        mode: r.mode,
        property: (path) => {
          let node = r.properties as import('./model/types').ValueNode | undefined;
          for (const k of path) node = node && node.type === 'map' ? node.entries.find((e) => e.key === k)?.value : undefined;
          if (!node) return undefined;
          const ev = values.evaluate(node);
          return ev.known ? ev.value : undefined;
        },
      });
      lookups.set(r, l);
    }
    return l;
  };
  const ctx: RuleContext = {
    doc,
    values,
    links: buildLinks(doc),
    describe: (r) => {
      const l = lookupOf(r);
      return l.status === 'aws' ? { serviceName: l.service.name, kind: l.kind } : { serviceName: r.type, kind: 'unknown' };
    },
  };
  const resources: ResourceAnalysis[] = [];
  const findings: Finding[] = [];
  for (const resource of doc.resources) {
    const ra = analyzeResource(resource, lookupOf(resource), ctx);
    resources.push(ra);
    for (const f of ra.findings) findings.push(f);
  }
  return { doc, resources, findings };
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
        message: `Unknown AWS resource type \`${resource.type.replace(/`/g, "'")}\`${lookup.suggestion ? ` — did you mean \`${lookup.suggestion}\`?` : '; no service could be determined, so its responsibilities cannot be shown.'}`,
        span: resource.typeSpan,
        resource: resource.id,
        suggestion: lookup.suggestion,
      });
    }
    return { resource, lookup, service: null, kind: 'unknown', duties: [], findings };
  }
  const results = new Map<DutyId, RuleResult[]>();
  const findings: Finding[] = [];
  for (const rule of rulesFor(resource.type)) {
    let outcome: RuleOutcome;
    try {
      outcome = rule.check(resource, ctx);
    } catch (e) {
      // A rule bug must never take the analysis down; it shows as unknown with the reason.
      outcome = { status: 'unknown', dependsOn: [`rule ${rule.id} failed: ${(e as Error).message}`] };
    }
    const list = results.get(rule.duty) ?? [];
    list.push({ rule, outcome });
    results.set(rule.duty, list);
    for (const g of outcome.gaps ?? []) {
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
  const duties = ownersFor(lookup.kind, lookup.refinements).map((o): DutyState => {
    const rs = results.get(o.duty) ?? [];
    return { ...o, status: dutyStatus(rs), results: rs };
  });
  return { resource, lookup, service: lookup.service, kind: lookup.kind, duties, findings };
}

function dutyStatus(results: readonly RuleResult[]): DutyStatus {
  const s = results.map((r) => r.outcome.status);
  if (s.includes('gap')) return 'gap';
  if (s.includes('unknown')) return 'unknown';
  if (s.includes('met')) return 'met';
  return 'not-applicable';
}
