import type { Evaluated } from '../values/evaluator-api';
import type { Gap, RuleOutcome } from './rule-api';

/** Combines the outcomes of several checks of one rule on one resource: any gap wins, then unknown, then met. */
export function combine(outcomes: readonly RuleOutcome[]): RuleOutcome {
  let gaps: Gap[] | undefined;
  let anyUnknown = false;
  let anyMet = false;
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o.gaps) for (let k = 0; k < o.gaps.length; k++) (gaps ??= []).push(o.gaps[k]);
    if (o.status === 'unknown') anyUnknown = true;
    else if (o.status === 'met') anyMet = true;
  }
  if (gaps) return { status: 'gap', gaps };
  if (anyUnknown) {
    const dependsOn: string[] = [];
    for (const o of outcomes) if (o.status === 'unknown' && o.dependsOn) for (const d of o.dependsOn) dependsOn.push(d);
    return { status: 'unknown', dependsOn };
  }
  if (anyMet) {
    const evidence: string[] = [];
    for (const o of outcomes) if (o.status === 'met' && o.evidence) evidence.push(o.evidence);
    return { status: 'met', evidence: evidence.join('; ') };
  }
  return { status: 'not-applicable' };
}

export const notApplicable: RuleOutcome = { status: 'not-applicable' };

export function met(evidence: string): RuleOutcome {
  return { status: 'met', evidence };
}

export function gap(...gaps: Gap[]): RuleOutcome {
  return { status: 'gap', gaps };
}

export function unknown(e: Evaluated | readonly string[]): RuleOutcome {
  return { status: 'unknown', dependsOn: Array.isArray(e) ? e : (e as Evaluated).known ? [] : (e as Extract<Evaluated, { known: false }>).dependsOn };
}
