import type { Evaluated } from '../values/evaluator-api';
import type { Gap, RuleOutcome } from './rule-api';

/** Combines the outcomes of several checks of one rule on one resource: any gap wins, then unknown, then met. */
export function combine(outcomes: readonly RuleOutcome[]): RuleOutcome {
  // One outcome that is already what combining it gives (most resources: one met check, or one gap).
  if (outcomes.length === 1) {
    const o = outcomes[0];
    if (!('dependsOn' in o) && (o.status === 'met' ? !('gaps' in o) && !!o.evidence : o.status === 'gap' && !('evidence' in o) && o.gaps !== undefined && o.gaps.length > 0)) return o;
  }
  // The gaps, and what an unknown depends on, are kept with the result while the file is open: the one outcome's own
  // array when a single outcome has any, else one array of their exact size (a pushed-to array keeps room for 16 more).
  let gapCount = 0;
  let gapOwners = 0;
  let gapsOfOne: readonly Gap[] | undefined;
  let anyUnknown = false;
  let dependsOwners = 0;
  let dependsOfOne: readonly string[] | undefined;
  let anyMet = false;
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o.gaps && o.gaps.length > 0) {
      gapCount += o.gaps.length;
      gapOwners++;
      gapsOfOne = o.gaps;
    }
    if (o.status === 'unknown') {
      anyUnknown = true;
      if (o.dependsOn && o.dependsOn.length > 0) {
        dependsOwners++;
        dependsOfOne = o.dependsOn;
      }
    } else if (o.status === 'met') anyMet = true;
  }
  if (gapCount > 0) return { status: 'gap', gaps: gapOwners === 1 ? (gapsOfOne as readonly Gap[]) : collect(outcomes, (o) => o.gaps) };
  if (anyUnknown) {
    const dependsOn = dependsOwners === 1 ? (dependsOfOne as readonly string[]) : collect(outcomes, (o) => (o.status === 'unknown' ? o.dependsOn : undefined));
    return { status: 'unknown', dependsOn };
  }
  if (anyMet) {
    const evidence: string[] = [];
    for (const o of outcomes) if (o.status === 'met' && o.evidence) evidence.push(o.evidence);
    return { status: 'met', evidence: evidence.join('; ') };
  }
  return { status: 'not-applicable' };
}

/** The items `of` each outcome gives, in order, in an array of their exact size (packed: see analyzeResource). */
function collect<T>(outcomes: readonly RuleOutcome[], of: (o: RuleOutcome) => readonly T[] | undefined): T[] {
  const out: T[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const xs = of(outcomes[i]);
    if (xs) for (let j = 0; j < xs.length; j++) out.push(xs[j]);
  }
  return out.slice();
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
