/** Organization overrides of a service's kind (`kinds:` in .aws-responsibility.yaml) applied to an analysis. */
import type { Analysis, DutyState, ResourceAnalysis } from '../analyze';
import type { Kind } from '../model/duties';
import { ownersFor } from '../model/duty-owners';

/**
 * Re-derives the duty owners of every resource whose type (first) or service id has an override. Rule results and
 * findings are kept (rules check configuration, not owners); duty-owner refinements of single duties still apply.
 */
export function applyKindOverrides(analysis: Analysis, kinds: Readonly<Record<string, Kind>>): Analysis {
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(kinds, k);
  if (Object.keys(kinds).length === 0) return analysis;
  let changed = false;
  const resources = analysis.resources.map((ra): ResourceAnalysis => {
    if (ra.lookup.status !== 'aws' || !ra.service) return ra;
    const key = has(ra.resource.type) ? ra.resource.type : has(ra.service.id) ? ra.service.id : undefined;
    if (key === undefined || kinds[key] === ra.kind) return ra;
    changed = true;
    const kind = kinds[key];
    const old = new Map(ra.duties.map((d) => [d.duty, d]));
    const duties = ownersFor(kind, ra.lookup.refinements).map((o): DutyState => {
      const prev = old.get(o.duty);
      return { ...o, status: prev?.status ?? 'not-applicable', results: prev?.results ?? [] };
    });
    return { ...ra, kind, lookup: { ...ra.lookup, kind }, duties };
  });
  return changed ? { ...analysis, resources } : analysis;
}
