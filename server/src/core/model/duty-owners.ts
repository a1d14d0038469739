import dutyData from '../../../../data/duty-owners.json';
import type { Refinement } from '../catalog/catalog-api';
import { DUTIES, type DutyId, type Kind, type Owner } from './duties';

export interface DutyOwner {
  readonly duty: DutyId;
  readonly owner: Owner;
  /** Where the product is more precise than the seed (ours), with its source. */
  readonly refinement?: { readonly note: string; readonly source: string };
}

interface DutyJson {
  readonly title: string;
  readonly short: string;
}
interface KindJson {
  readonly title: string;
  readonly meaning: string;
  readonly owners: Record<string, { owner: string; refinement?: { note: string; source: string } }>;
}

const data = dutyData as unknown as { seedSource: string; duties: Record<string, DutyJson>; kinds: Record<Kind, KindJson> };

export const SEED_SOURCE: string = data.seedSource;

export function dutyTitle(duty: DutyId): string {
  return data.duties[duty]?.title ?? duty;
}

export function dutySummary(duty: DutyId): string {
  return data.duties[duty]?.short ?? '';
}

export function kindTitle(kind: Kind): string {
  return data.kinds[kind].title;
}

export function kindMeaning(kind: Kind): string {
  return data.kinds[kind].meaning;
}

const byKind = new Map<Kind, readonly DutyOwner[]>();

/** Owners of every duty for a kind of service (the seed's table with our documented refinements); built once per kind. */
export function ownersForKind(kind: Kind): readonly DutyOwner[] {
  let list = byKind.get(kind);
  if (!list) {
    const k = data.kinds[kind];
    list = Object.freeze(
      DUTIES.map((duty) => {
        const o = k.owners[duty];
        return Object.freeze({ duty, owner: o.owner as Owner, ...(o.refinement ? { refinement: o.refinement } : {}) });
      }),
    );
    byKind.set(kind, list);
  }
  return list;
}

/** Owners for one resource: its kind's table, then per-type/per-property refinements of single duties. */
export function ownersFor(kind: Kind, refinements: readonly Refinement[]): readonly DutyOwner[] {
  const base = ownersForKind(kind);
  if (!refinements.some((r) => r.duties && r.duties.length > 0)) return base;
  const overrides = refinements.flatMap((r) => (r.duties ?? []).map((d) => ({ ...d, r })));
  return base.map((o) => {
    const ov = overrides.find((x) => x.duty === o.duty);
    return ov ? { duty: o.duty, owner: ov.owner, refinement: { note: ov.r.reason, source: ov.r.source } } : o;
  });
}
