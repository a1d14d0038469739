/**
 * Terraform `count` and `for_each`: which instances a resource (or module call) has, as Terraform decides them from
 * the configuration, and how the per-instance results of one block read as one. A collection the files do not decide
 * leaves the block unexpanded (its `count.index` / `each.*` stay unknown, never a gap).
 * https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 */
import type { DutyStatus } from './model/duties';
import type { MapNode, Resource } from './model/types';
import type { PlainValue, ValueEvaluator } from './values/evaluator-api';
import type { InstanceBindings } from './values/context';
import { quoteName } from './rules/message';

/** One instance: its address suffix (`[0]`, `["a"]`) and what `count.index` / `each.*` are in it. */
export interface InstanceKey {
  readonly suffix: string;
  readonly bindings: InstanceBindings;
}

/** A block's instances: `undefined` when it has no `count` / `for_each` or the collection is not decided here. */
export type Expansion = { readonly keys: readonly InstanceKey[]; readonly meta: string } | undefined;

/** More instances than this are not expanded (the block is analysed once, its keys unknown). */
export const MAX_INSTANCES = 1000;

/** The `count` / `for_each` attribute of a block body (not a nested block of that name). */
export function metaArgument(body: MapNode | undefined): { name: 'count' | 'for_each'; node: MapNode['entries'][number]['value'] } | undefined {
  if (!body) return undefined;
  for (const e of body.entries) {
    if (e.block) continue;
    if (e.key === 'count' || e.key === 'for_each') return { name: e.key, node: e.value };
  }
  return undefined;
}

/** The instances of a Terraform block, when the configuration decides them. */
export function expansionOf(body: MapNode | undefined, values: ValueEvaluator): Expansion {
  const meta = metaArgument(body);
  if (!meta) return undefined;
  const ev = values.evaluate(meta.node);
  if (!ev.known) return undefined;
  const v = ev.value;
  if (meta.name === 'count') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > MAX_INSTANCES) return undefined;
    const keys: InstanceKey[] = [];
    for (let i = 0; i < n; i++) keys.push({ suffix: `[${i}]`, bindings: { count: { index: i } } });
    return { keys, meta: `count = ${n}` };
  }
  return forEachKeys(v);
}

function forEachKeys(v: PlainValue): Expansion {
  const keys: InstanceKey[] = [];
  if (Array.isArray(v)) {
    // A set of strings (toset(...)): each.key = each.value = the element, in lexical order.
    const set = new Set<string>();
    for (const x of v as readonly PlainValue[]) {
      if (typeof x !== 'string') return undefined;
      set.add(x);
    }
    if (set.size > MAX_INSTANCES) return undefined;
    for (const s of [...set].sort()) keys.push({ suffix: `[${JSON.stringify(s)}]`, bindings: { each: { key: s, value: s } } });
    return { keys, meta: `for_each over ${set.size} element${set.size === 1 ? '' : 's'}` };
  }
  if (v !== null && typeof v === 'object') {
    const o = v as { readonly [k: string]: PlainValue };
    const names = Object.keys(o).sort();
    if (names.length > MAX_INSTANCES) return undefined;
    for (const k of names) keys.push({ suffix: `[${JSON.stringify(k)}]`, bindings: { each: { key: k, value: o[k] } } });
    return { keys, meta: `for_each over ${names.length} key${names.length === 1 ? '' : 's'}` };
  }
  return undefined;
}

/** An instance of a block: its address and name carry the key; every node is the block's own (findings land on its text). */
export function instanceResource(r: Resource, key: InstanceKey): Resource {
  return { ...r, id: r.id + key.suffix, name: r.name + key.suffix, template: r };
}

const RANK: Record<DutyStatus, number> = { gap: 3, unknown: 2, met: 1, 'not-applicable': 0 };

/** The state of a duty over all instances: any gap wins, then unknown, then met. */
export function worstStatus(a: DutyStatus, b: DutyStatus): DutyStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** "`v[0]`, `v[1]` and `v[2]`" (at most 5 names, then "and N more"). */
export function instanceList(names: readonly string[]): string {
  const q = names.slice(0, 5).map(quoteName);
  if (names.length > 5) return `${q.join(', ')} and ${names.length - 5} more`;
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}
