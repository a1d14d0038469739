/**
 * One parameter of a database parameter group as the file sets it: CloudFormation `Parameters` (a map of names to
 * values), Terraform `parameter` blocks (`name`, `value`). Read by the rules that need a setting only a parameter group
 * holds (RDS `rds.force_ssl`, DocumentDB `audit_logs`, Neptune `neptune_enable_audit_log`).
 */
import { asMap, get } from '../model/nodes';
import type { Resource, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { asText, unreadDynamic, isCfn, leaf, mapsAt } from './check';
import type { RuleContext } from './rule-api';

/** The parameter's node and value; nothing when the group does not set it; `dependsOn` when the file does not decide. */
export function groupParameter(ctx: RuleContext, group: Resource, name: string): { node?: ValueNode; value?: PlainValue; dependsOn?: readonly string[] } {
  if (isCfn(group)) {
    const params = get(group.properties, 'Parameters');
    if (!params) return {};
    const r = ctx.values.resolve(params);
    if (!r.known) return { dependsOn: r.dependsOn };
    const m = asMap(r.node);
    if (!m) return { dependsOn: ['Parameters has a value the rule does not recognize'] };
    const l = leaf(ctx, m, [name]);
    if (l.kind === 'unknown') return { dependsOn: l.dependsOn };
    return l.kind === 'found' ? { node: l.node, value: l.value } : {};
  }
  // A group's `parameter` blocks made by a `dynamic` block over a collection the files decide are read as written.
  const body = (ctx.expanded?.(group) ?? group).properties;
  const dynamic = unreadDynamic(ctx, body, 'parameter');
  if (dynamic) return { dependsOn: dynamic };
  const blocks = mapsAt(ctx, body, ['parameter']);
  const deps = [...blocks.dependsOn];
  for (const b of blocks.maps) {
    const n = ctx.values.evaluate(get(b, 'name'));
    if (!n.known) {
      deps.push(...n.dependsOn);
      continue;
    }
    if (asText(n.value) !== name) continue;
    const vNode = get(b, 'value');
    const v = ctx.values.evaluate(vNode);
    if (!v.known) return { dependsOn: v.dependsOn };
    return vNode ? { node: vNode, value: v.value } : {};
  }
  return deps.length > 0 ? { dependsOn: deps } : {};
}
