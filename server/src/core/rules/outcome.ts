import type { Evaluated } from '../values/evaluator-api';
import type { Gap, RuleOutcome } from './rule-api';

/** Combines the outcomes of several checks of one rule on one resource: any gap wins, then unknown, then met. */
export function combine(outcomes: readonly RuleOutcome[]): RuleOutcome {
  const gaps = outcomes.flatMap((o) => o.gaps ?? []);
  if (gaps.length > 0) return { status: 'gap', gaps };
  const unknown = outcomes.filter((o) => o.status === 'unknown');
  if (unknown.length > 0) return { status: 'unknown', dependsOn: unknown.flatMap((o) => o.dependsOn ?? []) };
  const met = outcomes.filter((o) => o.status === 'met');
  if (met.length > 0) return { status: 'met', evidence: met.map((o) => o.evidence).filter(Boolean).join('; ') };
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
