/**
 * A duty met by a separate resource (a logging configuration, a bucket policy, a public access block…) is met only
 * if that resource is created: a CloudFormation `Condition` the file decides as false, or a Terraform `count = 0` /
 * empty `for_each`, creates nothing; one the file does not decide may create it (unknown).
 */
import { expansionOf, metaArgument } from '../instances';
import { get } from '../model/nodes';
import { noteTypeRead } from '../model/reads';
import { resourcesOfType } from '../model/resource-index';
import type { Resource } from '../model/types';
import type { Link } from '../values/links-api';
import { tfConfigurerTypes } from '../values/links';
import { met, unknown } from './outcome';
import type { RuleContext, RuleOutcome } from './rule-api';

/** The first of these links whose configuring resource is created; else what deciding one depends on; else undefined. */
export function createdLink(ctx: RuleContext, links: readonly Link[]): { link: Link } | { dependsOn: string[] } | undefined {
  const deps: string[] = [];
  for (const l of links) {
    if (l.from.language !== 'terraform') {
      const c = get(l.from.definition, 'Condition');
      if (!c) return { link: l };
      const ev = ctx.values.evaluate({ type: 'intrinsic', span: c.span, fn: 'Condition', arg: c });
      if (ev.known && ev.value === false) continue;
      if (ev.known) return { link: l };
      for (const d of ev.dependsOn) deps.push(`${l.from.id} Condition: ${d}`);
      continue;
    }
    const meta = metaArgument(l.from.properties);
    if (!meta) return { link: l };
    const e = expansionOf(l.from.properties, ctx.values);
    if (e === undefined) {
      const ev = ctx.values.evaluate(meta.node);
      if (ev.known) deps.push(`${l.from.id}: ${meta.name} not decided here`);
      else for (const d of ev.dependsOn) deps.push(`${l.from.id} ${meta.name}: ${d}`);
    } else if (e.keys.length > 0) return { link: l };
  }
  return deps.length > 0 ? { dependsOn: deps } : undefined;
}

/**
 * In a Terraform module instance: what deciding a duty of `resource` depends on when a resource of one of `types` is
 * created outside the instance (in the caller, or in another module the caller calls; RuleContext.outside), which may
 * meet it (`effect`: how); undefined when none is, or outside module instances.
 */
export function createdOutside(ctx: RuleContext, resource: Resource, types: readonly string[], effect: string): string[] | undefined {
  if (!ctx.outside || resource.language !== 'terraform') return undefined;
  const out: string[] = [];
  for (const type of types) {
    const where = ctx.outside(type);
    if (where !== undefined) out.push(`${type} in ${where}, ${effect}`);
  }
  return out.length > 0 ? out : undefined;
}

/** A resource outside the module instance that configures others by the relation may name `resource` through the module's outputs. */
export function configuredOutside(ctx: RuleContext, resource: Resource, relation: string): string[] | undefined {
  // Only in a module instance: the configurer types are not looked up for every resource of every other file.
  if (!ctx.outside || resource.language !== 'terraform') return undefined;
  return createdOutside(ctx, resource, tfConfigurerTypes(relation, resource.type), "which may name it through this module's outputs");
}

/**
 * The unlinked configuring resources of a type with the evaluated value of one attribute, once per document and
 * evaluator (every bucket or VPC of a file asks the same question: a file of many of them stays linear).
 */
const UNLINKED = new WeakMap<object, Map<string, { readonly r: Resource; readonly ev: ReturnType<RuleContext['values']['evaluate']> }[]>>();
export function unlinkedConfigurers(ctx: RuleContext, type: string, relation: string, attribute: string): readonly { readonly r: Resource; readonly ev: ReturnType<RuleContext['values']['evaluate']> }[] {
  // A read of every resource of the type, cached or not (model/reads.ts).
  noteTypeRead(type);
  let byKey = UNLINKED.get(ctx.values);
  if (!byKey) UNLINKED.set(ctx.values, (byKey = new Map()));
  const key = `${type}\u0000${relation}\u0000${attribute}\u0000${ctx.doc.resources.length}`;
  let list = byKey.get(key);
  if (!list) {
    list = [];
    for (const r of resourcesOfType(ctx.doc, type)) {
      if (r.mode !== 'resource') continue;
      if (ctx.links.from(r, relation).length > 0) continue;
      const node = get(r.properties, attribute);
      if (node) list.push({ r, ev: ctx.values.evaluate(node) });
    }
    byKey.set(key, list);
  }
  return list;
}

/**
 * A duty met by a separate resource that names this one (a logging configuration, a delivery source): met when a
 * linked one is created, unknown when one that links to nothing names its target by a value the files do not decide
 * (it may be this resource's), undefined when none does.
 */
export function separateConfig(ctx: RuleContext, resource: Resource, relation: string, configurers: readonly { readonly type: string; readonly attribute: string }[]): RuleOutcome | undefined {
  const link = createdLink(ctx, ctx.links.to(resource, relation));
  if (link && 'link' in link) return met(`linked ${link.link.from.id}`);
  if (link) return unknown(link.dependsOn);
  const undecided: string[] = [];
  for (const c of configurers) {
    for (const { r, ev } of unlinkedConfigurers(ctx, c.type, relation, c.attribute)) {
      if (!ev.known) undecided.push(`${r.id}: ${c.attribute} ${ev.dependsOn.join(', ')}`);
      if (undecided.length >= 20) break;
    }
  }
  if (undecided.length > 0) return unknown(undecided);
  const outside = configuredOutside(ctx, resource, relation);
  return outside ? unknown(outside) : undefined;
}
