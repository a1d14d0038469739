/**
 * Account-level settings a workspace declares (`assume:` in .aws-responsibility.yaml), applied to an analysis: the gaps
 * such a setting closes (a rule's gap names it in `closedBy`, e.g. EBS volumes with no encryption setting and
 * `ebsEncryptionByDefault`) are dropped, and a rule left with no gap is met "by the assumption". Like `kinds:` and
 * `owners:`, this runs after the analysis, so every view (editor, CLI, reports) reads the same result.
 */
import type { Analysis, DutyState, Finding, ResourceAnalysis, RuleResult } from '../analyze';
import type { DutyStatus } from '../model/duties';
import { ownersFor } from '../model/duty-owners';
import type { ModuleCallResult, ModuleInstance } from '../project/terraform-project';
import type { Assumption, RuleOutcome } from '../rules/rule-api';
import { CONFIG_FILE_NAME } from './config-file';

/** What an assumption says, in a met duty's evidence. */
const EVIDENCE: Readonly<Record<Assumption, string>> = {
  ebsEncryptionByDefault: `EBS encryption by default is on for the account (assumed in ${CONFIG_FILE_NAME})`,
};

export function applyAssumptions(analysis: Analysis, assume: Readonly<Partial<Record<Assumption, boolean>>> | undefined): Analysis {
  if (!assume) return analysis;
  const on = (Object.keys(assume) as Assumption[]).filter((k) => assume[k] === true);
  if (on.length === 0) return analysis;
  const closes = (c: Assumption | undefined): boolean => c !== undefined && on.includes(c);
  const keepFinding = (f: Finding): boolean => !closes(f.closedBy);
  const outcome = (o: RuleOutcome): RuleOutcome => {
    if (!o.gaps || !o.gaps.some((g) => closes(g.closedBy))) return o;
    const gaps = o.gaps.filter((g) => !closes(g.closedBy));
    if (gaps.length > 0) return { ...o, gaps };
    const used = [...new Set(o.gaps.map((g) => g.closedBy as Assumption))];
    return { status: 'met', evidence: used.map((a) => EVIDENCE[a]).join('; ') };
  };
  const duty = (d: DutyState): DutyState => {
    let changed = false;
    const results = d.results.map((r): RuleResult => {
      const o = outcome(r.outcome);
      if (o === r.outcome) return r;
      changed = true;
      return { rule: r.rule, outcome: o };
    });
    if (!changed) return d;
    return { ...d, status: statusOf(results), results };
  };
  const resource = (ra: ResourceAnalysis): ResourceAnalysis => {
    const duties = ra.duties.map((d0) => {
      const d = duty(d0);
      if (d === d0 || d.status === 'gap' || ra.kind === 'unknown' || ra.lookup.status !== 'aws') return d;
      // A gap had made a duty the model gives AWS shared (gapOwner): without it, the model's owner again.
      const o = ownersFor(ra.kind, ra.lookup.refinements).find((x) => x.duty === d.duty);
      return o ? { ...d, owner: o.owner, refinement: o.refinement } : d;
    });
    const findings = ra.findings.filter(keepFinding);
    const instances = ra.instances?.map(resource);
    const same = findings.length === ra.findings.length && duties.every((d, i) => d === ra.duties[i]) && (!instances || instances.every((x, i) => x === ra.instances?.[i]));
    if (same) return ra;
    return { ...ra, duties, findings, ...(instances ? { instances } : {}) };
  };
  const call = (c: ModuleCallResult, depth: number): ModuleCallResult =>
    depth > 64 ? c : { ...c, instances: c.instances.map((i): ModuleInstance => ({ ...i, analysis: whole(i.analysis, depth + 1), calls: i.calls.map((s) => call(s, depth + 1)) })) };
  const whole = (a: Analysis, depth: number): Analysis => ({
    ...a,
    resources: a.resources.map(resource),
    findings: a.findings.filter(keepFinding),
    ...(a.modules ? { modules: a.modules.map((c) => call(c, depth)) } : {}),
  });
  return whole(analysis, 0);
}

/** A duty's status from its rules' outcomes: any gap, then unknown, then met (as the analysis decides it). */
function statusOf(results: readonly RuleResult[]): DutyStatus {
  let unknown = false;
  let met = false;
  for (const r of results) {
    if (r.outcome.status === 'gap') return 'gap';
    if (r.outcome.status === 'unknown') unknown = true;
    else if (r.outcome.status === 'met') met = true;
  }
  return unknown ? 'unknown' : met ? 'met' : 'not-applicable';
}
