/**
 * A duty met by a separate resource (a logging configuration, a bucket policy, a public access block…) is met only
 * if that resource is created: a CloudFormation `Condition` the file decides as false, or a Terraform `count = 0` /
 * empty `for_each`, creates nothing; one the file does not decide may create it (unknown).
 */
import { expansionOf, metaArgument } from '../instances';
import { get } from '../model/nodes';
import type { Link } from '../values/links-api';
import type { RuleContext } from './rule-api';

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
