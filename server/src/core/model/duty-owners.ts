import dutyData from '../../../../data/duty-owners.json';
import type { Refinement } from '../catalog/catalog-api';
import { DUTIES, type DutyId, type Kind, type Owner } from './duties';

/** Where the product is more precise than the seed (ours), with its source. */
export interface OwnerRefinement {
  readonly note: string;
  readonly source: string;
  /** What AWS does and what you do, where both have a part: "AWS terminates TLS …" / "you choose the protocol …". */
  readonly aws?: string;
  readonly customer?: string;
  /** Set for this resource's type (data/classification.json), not by its kind's table. */
  readonly perResource?: true;
  /** The property value that applied it ("LaunchType: FARGATE"). */
  readonly property?: string;
}

export interface DutyOwner {
  readonly duty: DutyId;
  readonly owner: Owner;
  readonly refinement?: OwnerRefinement;
}

interface DutyJson {
  readonly title: string;
  readonly short: string;
}
interface KindJson {
  readonly title: string;
  readonly meaning: string;
  readonly owners: Record<string, { owner: string; refinement?: { note: string; source: string }; aws?: string; customer?: string }>;
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
        const refinement = o.refinement ? { ...o.refinement, ...(o.aws ? { aws: o.aws } : {}), ...(o.customer ? { customer: o.customer } : {}) } : undefined;
        return Object.freeze({ duty, owner: o.owner as Owner, ...(refinement ? { refinement } : {}) });
      }),
    );
    byKind.set(kind, list);
  }
  return list;
}

/**
 * Owners for one resource: its kind's table, then per-type/per-property refinements of single duties (when two set the
 * same duty, the later one wins: data/classification.json lists a property's refinement after its type's).
 */
export function ownersFor(kind: Kind, refinements: readonly Refinement[]): readonly DutyOwner[] {
  const base = ownersForKind(kind);
  if (!refinements.some((r) => r.duties && r.duties.length > 0)) return base;
  // The catalog gives every resource that reads the same one frozen list of refinements (catalog.ts, refine).
  let perKind = ownersMemo.get(refinements);
  const known = perKind?.get(kind);
  if (known) return known;
  const owners = refinedOwners(base, refinements);
  if (!perKind) ownersMemo.set(refinements, (perKind = new Map()));
  perKind.set(kind, owners);
  return owners;
}

/** Owners per list of refinements (and kind: an organization's `kinds:` override keeps the refinements). */
const ownersMemo = new WeakMap<readonly Refinement[], Map<Kind, readonly DutyOwner[]>>();

function refinedOwners(base: readonly DutyOwner[], refinements: readonly Refinement[]): readonly DutyOwner[] {
  const overrides = refinements.flatMap((r) => (r.duties ?? []).map((d) => ({ ...d, r })));
  return Object.freeze(base.map((o) => {
    let ov: (typeof overrides)[number] | undefined;
    for (const x of overrides) if (x.duty === o.duty) ov = x;
    if (!ov) return o;
    const refinement: OwnerRefinement = {
      note: ov.r.reason,
      source: ov.r.source,
      ...(ov.aws ? { aws: ov.aws } : {}),
      ...(ov.customer ? { customer: ov.customer } : {}),
      perResource: true,
      ...(ov.r.property !== undefined ? { property: ov.r.property } : {}),
    };
    return Object.freeze({ duty: o.duty, owner: ov.owner, refinement });
  }));
}

/**
 * The owner to name for a gap: a rule only flags a setting that is the customer's, so where the model gives the duty to
 * AWS (a kind's default the customer switched off, or an organization's `kinds:` override) the gap is the customer's part
 * of a shared duty, never AWS's. Customer and shared owners are kept.
 */
export function gapOwner(o: DutyOwner): DutyOwner {
  if (o.owner !== 'aws') return o;
  const r = o.refinement;
  return {
    duty: o.duty,
    owner: 'shared',
    refinement: {
      note: r?.note ?? 'The model gives this duty to AWS, but the setting at fault is yours.',
      source: r?.source ?? SEED_SOURCE,
      aws: r?.aws ?? 'AWS does the rest of this duty',
      customer: r?.customer ?? 'you own the setting at fault',
      ...(r?.perResource ? { perResource: true as const } : {}),
      ...(r?.property !== undefined ? { property: r.property } : {}),
    },
  };
}

/** The customer's part of a shared duty, as a sentence part ("you choose …"); undefined when the data has none. */
export function customerPart(o: DutyOwner): string | undefined {
  return o.owner === 'customer' ? undefined : o.refinement?.customer;
}
