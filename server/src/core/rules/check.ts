/**
 * Shared building blocks of the rules: reading a property path (resolving what the file decides, fanning out over
 * lists and repeated blocks; a `dynamic` block is unknown unless it makes none — the analysis has already expanded
 * those whose `for_each` the files decide in the resource it checks, core/dynamic-blocks.ts), building gaps, and the
 * data-driven "setting" rule.
 */
import type { DutyId } from '../model/duties';
import { asMap, get, items } from '../model/nodes';
import type { MapEntry, MapNode, Resource, Span, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { gapMessage } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import type { FixSpec, Gap, Rule, RuleContext, RuleOutcome, Severity } from './rule-api';
import { pushAll } from '../arrays';

/** One value reached by a path: absent, unknown (deploy-time), or found with its decided value. */
export type Leaf =
  | { readonly kind: 'absent'; readonly parent: MapNode | undefined }
  | {
      readonly kind: 'unknown';
      readonly dependsOn: readonly string[];
      /** The property's value as written, when the walk reached it (a reference the evaluator could not follow). */
      readonly node?: ValueNode;
    }
  | { readonly kind: 'found'; readonly node: ValueNode; readonly value: PlainValue };

const MAX_LEAVES = 1000;

/** The maps a node stands for once resolved (a list's items, each resolved; a single map counts as a list of one). */
export function resolveMaps(ctx: RuleContext, node: ValueNode): { maps: MapNode[]; dependsOn?: readonly string[] } {
  const r = ctx.values.resolve(node);
  if (!r.known) return { maps: [], dependsOn: r.dependsOn };
  const out: MapNode[] = [];
  const deps: string[] = [];
  for (const item of items(r.node)) {
    const m = asMap(item);
    if (m) out.push(m);
    else if (item.type !== 'scalar') {
      const ri = ctx.values.resolve(item);
      if (!ri.known) pushAll(deps, ri.dependsOn);
      else if (asMap(ri.node)) out.push(ri.node as MapNode);
    }
  }
  return deps.length > 0 ? { maps: out, dependsOn: deps } : { maps: out };
}

/** True when an HCL body generates `name` blocks dynamically (their content is unknown). */
export function hasDynamic(map: MapNode | undefined, name: string): boolean {
  if (!map) return false;
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) if (entries[i].key === 'dynamic' && entries[i].labels?.[0] === name) return true;
  return false;
}

/**
 * How many blocks Terraform's `dynamic "NAME"` blocks of a body make: the size of each one's `for_each` (a list, a set,
 * a map or an object) where the files decide it — a variable whose default is `[]` makes none —, `{ unknown }` where
 * they do not.
 */
export function dynamicBlockCount(ctx: RuleContext, map: MapNode | undefined, name: string): { readonly count: number; readonly unknown?: undefined } | { readonly count?: undefined; readonly unknown: readonly string[] } {
  let count = 0;
  const unk: string[] = [];
  const entries = map?.entries ?? [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.key !== 'dynamic' || e.labels?.[0] !== name) continue;
    const forEach = get(asMap(e.value), 'for_each');
    const v = forEach ? ctx.values.evaluate(forEach) : undefined;
    if (!v || !v.known) unk.push(...(v && !v.known && v.dependsOn.length > 0 ? v.dependsOn : [`dynamic "${name}" block`]));
    else if (v.value === null) continue;
    else if (Array.isArray(v.value)) count += v.value.length;
    else if (typeof v.value === 'object') count += Object.keys(v.value).length;
    else unk.push(`dynamic "${name}" block`);
  }
  return unk.length > 0 ? { unknown: unk } : { count };
}

/**
 * What Terraform `dynamic "NAME"` blocks of a body leave unread, for a rule that reads NAME blocks: nothing (undefined)
 * when there is none or the files decide each one's `for_each` is empty (it makes no block, like a variable whose default
 * is `[]`); else the dependency (the blocks' contents are not read).
 */
export function unreadDynamic(ctx: RuleContext, map: MapNode | undefined, name: string): readonly string[] | undefined {
  if (!hasDynamic(map, name)) return undefined;
  const d = dynamicBlockCount(ctx, map, name);
  if (d.count === 0) return undefined;
  const label = `dynamic "${name}" block`;
  return d.unknown ? [label, ...d.unknown.filter((x) => x !== label)] : [label];
}

/** Every value a path reaches below `start` (repeated blocks and list items fan out). */
export function leaves(ctx: RuleContext, start: MapNode | undefined, path: readonly string[]): Leaf[] {
  const out: Leaf[] = [];
  visitLeaves(ctx, start, path, 0, out);
  return out;
}

/** leaves' walk, a function of its own rather than a closure (it runs for every rule path of every resource). */
function visitLeaves(ctx: RuleContext, m: MapNode | undefined, path: readonly string[], i: number, out: Leaf[]): void {
  if (out.length >= MAX_LEAVES) return;
  const key = path[i];
  const dynamic = unreadDynamic(ctx, m, key);
  if (dynamic) {
    out.push({ kind: 'unknown', dependsOn: dynamic });
    return;
  }
  let found = false;
  const entries = m ? m.entries : NO_ENTRIES;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (e.key !== key) continue;
    found = true;
    if (i === path.length - 1) {
      const r = ctx.values.resolve(e.value);
      if (!r.known) {
        out.push({ kind: 'unknown', dependsOn: r.dependsOn, node: e.value });
        continue;
      }
      const ev = ctx.values.evaluate(r.node);
      if (!ev.known) out.push({ kind: 'unknown', dependsOn: ev.dependsOn, node: r.node });
      else if (ev.value === null) out.push({ kind: 'absent', parent: m });
      else out.push({ kind: 'found', node: r.node, value: ev.value });
      continue;
    }
    const { maps, dependsOn } = resolveMaps(ctx, e.value);
    if (dependsOn) out.push({ kind: 'unknown', dependsOn });
    if (maps.length === 0 && !dependsOn) out.push({ kind: 'absent', parent: m });
    for (let j = 0; j < maps.length; j++) visitLeaves(ctx, maps[j], path, i + 1, out);
  }
  if (!found) out.push({ kind: 'absent', parent: m });
}

const NO_ENTRIES: readonly MapEntry[] = Object.freeze([]);

/** The single value at a path (first leaf), for rules that read one setting. */
export function leaf(ctx: RuleContext, start: MapNode | undefined, path: readonly string[]): Leaf {
  return leaves(ctx, start, path)[0] ?? { kind: 'absent', parent: start };
}

/** A decided value as a boolean (CloudFormation accepts "true"/"false" strings). */
export function asBool(v: PlainValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

export function asText(v: PlainValue): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function isCfn(resource: Resource): boolean {
  return resource.language === 'cloudformation';
}

/**
 * Whether the file sets a property that names another resource the setting comes from (a replica's source, a snapshot,
 * a cluster): true, false (not written, or `null`, `AWS::NoValue`, an empty string, `false`: Terraform modules pass
 * `replicate_source_db = var.replicate_source_db`, default null, to every instance), or what it depends on.
 */
export function namesSource(ctx: RuleContext, properties: MapNode | undefined, key: string): boolean | readonly string[] {
  const node = get(properties, key);
  if (!node) return false;
  const ev = ctx.values.evaluate(node);
  if (!ev.known) return ev.dependsOn.length > 0 ? ev.dependsOn : [key];
  return !(ev.value === null || ev.value === undefined || ev.value === '' || ev.value === false);
}

/**
 * A read replica (or a point-in-time restore) of an RDS DB instance: not applicable, as it takes its source's storage
 * and backups; unknown when the file does not decide whether it is one; undefined when it is not one.
 */
export function replicaSource(ctx: RuleContext, resource: Resource): RuleOutcome | undefined {
  const keys = isCfn(resource) ? ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'SourceDbiResourceId'] : ['replicate_source_db'];
  for (const k of keys) {
    const s = namesSource(ctx, resource.properties, k);
    if (s === true) return notApplicable;
    if (s !== false) return unknown([`whether it is a replica (${k})`, ...s]);
  }
  return undefined;
}

/**
 * An RDS DB instance that is a member of an Aurora cluster (`DBClusterIdentifier` set, or a value the file does not
 * decide): it runs its cluster's engine version and authentication settings. A cluster's own `DBClusterIdentifier` /
 * `cluster_identifier` is its name, not membership. `AWS::NoValue` or an empty string is no cluster.
 */
export function isClusterMember(ctx: RuleContext, resource: Resource): boolean {
  const key = resource.type === 'AWS::RDS::DBInstance' ? 'DBClusterIdentifier' : resource.type === 'aws_db_instance' ? 'cluster_identifier' : undefined;
  const c = key ? get(resource.properties, key) : undefined;
  if (!c) return false;
  const ev = ctx.values.evaluate(c);
  return !(ev.known && (ev.value === null || ev.value === ''));
}

/** How a setting reads in a fix sentence: `Encrypted: true` / `encrypt_at_rest.enabled = true`. */
export function setText(resource: Resource, path: readonly string[], value: boolean | string | number): string {
  const v = typeof value === 'string' ? (isCfn(resource) ? value : JSON.stringify(value)) : String(value);
  return isCfn(resource) ? `\`${path.join('.')}: ${v}\`` : `\`${path.join('.')} = ${v}\``;
}

export function fixSpec(path: readonly string[], value: boolean | string | number): FixSpec {
  return { title: `Set ${path.join('.')} to ${String(value)}`, path, value };
}

/** A one-gap outcome with the standard message. */
export function gapOutcome(
  ctx: RuleContext,
  resource: Resource,
  duty: DutyId,
  span: Span,
  text: { what: string; problem: string; fix: string },
  extra: { severity?: Severity; fix?: FixSpec; at?: Resource } = {},
): RuleOutcome {
  const g: Gap = { message: gapMessage(ctx, resource, duty, text.what, text.problem, text.fix), span, ...extra };
  return { status: 'gap', gaps: [g] };
}

// ---- the data-driven setting rule ----

const NO_PATHS: readonly (readonly string[])[] = Object.freeze([]);

/** What an absent setting means: the AWS default meets the duty, is a gap (at the type, with a severity), or is not decided here. */
export type Absent = 'met' | 'not-applicable' | 'unknown' | { readonly gap: Severity; readonly problem?: string };

export interface SettingRuleSpec {
  readonly id: string;
  readonly duty: DutyId;
  readonly title: string;
  readonly docUrl: string;
  readonly defaultSeverity: Severity;
  /** Resource type → the path(s) of the setting (CloudFormation types start with `AWS::`). */
  readonly paths: Readonly<Record<string, readonly (readonly string[])[]>>;
  /** Per found value: true = met, false = gap, undefined = not a value the rule understands (unknown). */
  readonly ok: (value: PlainValue) => boolean | undefined;
  /** The value a fix sets (per language when they differ). */
  readonly fixValue?: boolean | string | number | { readonly cloudformation: boolean | string | number; readonly terraform: boolean | string | number };
  /** The fix sentence when there is no single value to set (presence checks). */
  readonly fixText?: { readonly cloudformation: string; readonly terraform: string };
  readonly absent: Absent;
  /** "DB cluster", "file system". */
  readonly what: string;
  /** "does not encrypt its storage". */
  readonly problem: string;
  /** Severity of a gap on an explicit value, when it differs from the default (e.g. explicit opt-out vs. reminder). */
  readonly explicitSeverity?: Severity;
  /** Decides before the setting is read (e.g. "a read replica inherits encryption"): an outcome, or undefined to go on. */
  readonly before?: (resource: Resource, ctx: RuleContext) => RuleOutcome | undefined;
  /** Other paths `before` reads, per type (the hover says which duty they serve). */
  readonly beforeReads?: Readonly<Record<string, readonly (readonly string[])[]>>;
}

export function settingRule(spec: SettingRuleSpec): Rule {
  const types = Object.keys(spec.paths);
  const cfnTypes = types.filter((t) => t.startsWith('AWS::'));
  const tfTypes = types.filter((t) => !t.startsWith('AWS::'));
  const uniq = (ps: (readonly string[])[]): (readonly string[])[] => [...new Map(ps.map((p) => [p.join('.'), p])).values()];
  const rule: Rule = {
    id: spec.id,
    duty: spec.duty,
    owner: 'customer',
    title: spec.title,
    docUrl: spec.docUrl,
    defaultSeverity: spec.defaultSeverity,
    cloudformationTypes: cfnTypes,
    terraformTypes: tfTypes,
    properties: {
      cloudformation: uniq(cfnTypes.flatMap((t) => [...spec.paths[t], ...(spec.beforeReads?.[t] ?? [])])),
      terraform: uniq(tfTypes.flatMap((t) => [...spec.paths[t], ...(spec.beforeReads?.[t] ?? [])])),
    },
    check(resource, ctx) {
      const early = spec.before?.(resource, ctx);
      if (early) return early;
      // Every resource of the types runs this: the outcomes that do not depend on the value are made once per path
      // (pathOutcomes), and an outcome array only when a path has more than one leaf or the type more than one path.
      let first: RuleOutcome | undefined;
      let outcomes: RuleOutcome[] | undefined;
      const paths = spec.paths[resource.type] ?? NO_PATHS;
      for (let p = 0; p < paths.length; p++) {
        const path = paths[p];
        const fixed = pathOutcomes(path);
        const ls = leaves(ctx, resource.properties, path);
        for (let i = 0; i < ls.length; i++) {
          const l = ls[i];
          let o: RuleOutcome | undefined;
          if (l.kind === 'unknown') o = unknown(l.dependsOn);
          else if (l.kind === 'absent') {
            const a = spec.absent;
            if (a === 'met') o = fixed.absentMet;
            else if (a === 'unknown') o = fixed.absentUnknown;
            else if (a !== 'not-applicable') o = gapAt(resource, ctx, path, resource.typeSpan, a.problem ?? spec.problem, a.gap);
          } else {
            const ok = spec.ok(l.value);
            if (ok === true) o = l.value === true ? fixed.metTrue : l.value === false ? fixed.metFalse : met(`${fixed.text}: ${String(asText(l.value) ?? JSON.stringify(l.value))}`);
            else if (ok === false) o = gapAt(resource, ctx, path, l.node.span, spec.problem, spec.explicitSeverity);
            else o = fixed.unrecognized;
          }
          if (o === undefined) continue;
          if (first === undefined) first = o;
          else (outcomes ??= [first]).push(o);
        }
      }
      return outcomes ? combine(outcomes) : (first ?? notApplicable);
    },
  };
  /** The fix sentence and spec are built only for a gap: most resources meet the duty. */
  const gapAt = (resource: Resource, ctx: RuleContext, path: readonly string[], span: Span, problem: string, severity: Severity | undefined): RuleOutcome => {
    const value = typeof spec.fixValue === 'object' ? spec.fixValue[resource.language] : spec.fixValue;
    const fix = spec.fixText ? spec.fixText[resource.language] : value === undefined ? `set \`${path.join('.')}\`` : `set ${setText(resource, path, value)}`;
    const spec_ = value === undefined ? undefined : fixSpec(path, value);
    return gapOutcome(ctx, resource, spec.duty, span, { what: spec.what, problem, fix }, { severity, fix: spec_ });
  };
  const byPath = new Map<readonly string[], PathOutcomes>();
  const pathOutcomes = (path: readonly string[]): PathOutcomes => {
    let o = byPath.get(path);
    if (!o) {
      const text = path.join('.');
      o = {
        text,
        absentMet: Object.freeze(met(`${text} not set: the AWS default meets the duty`)),
        absentUnknown: Object.freeze(unknown(Object.freeze([`${text} not set: decided outside this file`]))),
        unrecognized: Object.freeze(unknown(Object.freeze([`${text} has a value the rule does not recognize`]))),
        metTrue: Object.freeze(met(`${text}: true`)),
        metFalse: Object.freeze(met(`${text}: false`)),
      };
      byPath.set(path, o);
    }
    return o;
  };
  return rule;
}

/** A setting rule's outcomes for one path that do not depend on the resource (frozen: shared by every result). */
interface PathOutcomes {
  readonly text: string;
  readonly absentMet: RuleOutcome;
  readonly absentUnknown: RuleOutcome;
  readonly unrecognized: RuleOutcome;
  readonly metTrue: RuleOutcome;
  readonly metFalse: RuleOutcome;
}

/** `ok` helpers. */
export const isTrue = (v: PlainValue): boolean | undefined => asBool(v);
export const isFalse = (v: PlainValue): boolean | undefined => {
  const b = asBool(v);
  return b === undefined ? undefined : !b;
};
export function equalsText(...good: string[]): (v: PlainValue) => boolean | undefined {
  const set = new Set(good.map((g) => g.toLowerCase()));
  return (v) => {
    const s = asText(v);
    return s === undefined ? undefined : set.has(s.toLowerCase());
  };
}
export function notEqualsText(...bad: string[]): (v: PlainValue) => boolean | undefined {
  const set = new Set(bad.map((g) => g.toLowerCase()));
  return (v) => {
    const s = asText(v);
    return s === undefined ? undefined : !set.has(s.toLowerCase());
  };
}
/** A string setting whose presence (non-empty) meets the duty, e.g. a KMS key id. */
export const nonEmpty = (v: PlainValue): boolean | undefined => (typeof v === 'string' ? v.trim().length > 0 : undefined);


/** Every map a path reaches (list items and repeated blocks fan out); what could not be decided is in `dependsOn`. */
export function mapsAt(ctx: RuleContext, start: MapNode | undefined, path: readonly string[]): { maps: MapNode[]; dependsOn: string[] } {
  const maps: MapNode[] = [];
  const dependsOn: string[] = [];
  const visit = (m: MapNode | undefined, i: number): void => {
    if (!m || maps.length >= MAX_LEAVES) return;
    if (i === path.length) {
      maps.push(m);
      return;
    }
    const dynamic = unreadDynamic(ctx, m, path[i]);
    if (dynamic) {
      pushAll(dependsOn, dynamic);
      return;
    }
    for (const e of m.entries) {
      if (e.key !== path[i]) continue;
      const r = resolveMaps(ctx, e.value);
      if (r.dependsOn) pushAll(dependsOn, r.dependsOn);
      for (const sub of r.maps) visit(sub, i + 1);
    }
  };
  visit(start, 0);
  return { maps, dependsOn };
}

/**
 * A CloudFormation value with its `Fn::If`s replaced by the branch the file decides (nested ones too): the node then
 * stands for what is deployed; `{ unknown }` when a condition depends on a deploy-time input. Unlike
 * `values.resolve`, the branch is not itself resolved (a `!Ref` or `!GetAtt` in it stays a reference).
 */
export function decidedBranch(ctx: RuleContext, node: ValueNode): { readonly node: ValueNode; readonly unknown?: undefined } | { readonly node?: undefined; readonly unknown: readonly string[] } {
  let n = node;
  while (n.type === 'intrinsic' && n.fn === 'Fn::If' && n.arg.type === 'list' && n.arg.items.length === 3) {
    const c = ctx.values.evaluate({ type: 'intrinsic', span: n.arg.items[0].span, fn: 'Condition', arg: n.arg.items[0] });
    if (!c.known) return { unknown: c.dependsOn };
    if (typeof c.value !== 'boolean') return { unknown: ['a condition that is not a boolean'] };
    n = n.arg.items[c.value ? 1 : 2];
  }
  return { node: n };
}
