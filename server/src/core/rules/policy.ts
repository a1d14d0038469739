/**
 * Reads IAM policy documents the way the rules need them: statement by statement, each field decided or not on its
 * own (an unknown Resource must not hide a known `Action: "*"`), from CloudFormation maps, JSON strings
 * (Terraform jsonencode/heredoc, CloudFormation string policies) and `aws_iam_policy_document` blocks.
 */
import { asMap, get, getAll, items } from '../model/nodes';
import type { MapNode, Span, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { hasDynamic } from './check';
import type { RuleContext } from './rule-api';
import { pushAll } from '../arrays';

export type Field = { readonly known: true; readonly value: PlainValue | undefined } | { readonly known: false; readonly dependsOn: readonly string[] };

export interface Statement {
  readonly span: Span;
  readonly effect: Field;
  readonly action: Field;
  readonly notAction: Field;
  readonly resource: Field;
  /** Normalized: "*" when anyone, else the principal value. */
  readonly principal: Field;
  readonly condition: Field;
}

export interface PolicyRead {
  readonly statements: Statement[];
  /** The document itself could not be read (deploy-time value, not JSON). */
  readonly dependsOn: string[];
}

const MAX_STATEMENTS = 500;

function field(ctx: RuleContext, node: ValueNode | undefined): Field {
  if (node === undefined) return { known: true, value: undefined };
  const ev = ctx.values.evaluate(node);
  return ev.known ? { known: true, value: ev.value ?? undefined } : { known: false, dependsOn: ev.dependsOn };
}

function plainField(v: PlainValue | undefined): Field {
  return { known: true, value: v ?? undefined };
}

/** Reads a policy document node (a map with Statement, or a JSON string). */
export function readPolicy(ctx: RuleContext, node: ValueNode | undefined): PolicyRead {
  const out: PolicyRead = { statements: [], dependsOn: [] };
  if (!node) return out;
  const r = ctx.values.resolve(node);
  if (!r.known) {
    pushAll(out.dependsOn, r.dependsOn);
    return out;
  }
  const m = asMap(r.node);
  if (m) {
    const st = get(m, 'Statement');
    if (!st) return out;
    const sr = ctx.values.resolve(st);
    if (!sr.known) {
      pushAll(out.dependsOn, sr.dependsOn);
      return out;
    }
    for (const item of items(sr.node).slice(0, MAX_STATEMENTS)) {
      const ir = ctx.values.resolve(item);
      if (!ir.known) {
        pushAll(out.dependsOn, ir.dependsOn);
        continue;
      }
      const s = asMap(ir.node);
      if (!s) continue;
      out.statements.push({
        span: s.span,
        effect: field(ctx, get(s, 'Effect')),
        action: field(ctx, get(s, 'Action')),
        notAction: field(ctx, get(s, 'NotAction')),
        resource: field(ctx, get(s, 'Resource')),
        principal: principalField(field(ctx, get(s, 'Principal'))),
        condition: field(ctx, get(s, 'Condition')),
      });
    }
    return out;
  }
  const ev = ctx.values.evaluate(r.node);
  if (!ev.known) {
    pushAll(out.dependsOn, ev.dependsOn);
    return out;
  }
  if (typeof ev.value !== 'string') return out;
  let doc: unknown;
  try {
    doc = JSON.parse(ev.value);
  } catch {
    out.dependsOn.push('the policy is not valid JSON');
    return out;
  }
  const sts = doc && typeof doc === 'object' ? (doc as { Statement?: unknown }).Statement : undefined;
  const list = Array.isArray(sts) ? sts : sts && typeof sts === 'object' ? [sts] : [];
  for (const s of list.slice(0, MAX_STATEMENTS)) {
    if (!s || typeof s !== 'object') continue;
    const o = s as Record<string, PlainValue>;
    out.statements.push({
      span: r.node.span,
      effect: plainField(o.Effect),
      action: plainField(o.Action),
      notAction: plainField(o.NotAction),
      resource: plainField(o.Resource),
      principal: principalField(plainField(o.Principal)),
      condition: plainField(o.Condition),
    });
  }
  return out;
}

/** "*" when the principal is anyone (`"*"`, `{"AWS": "*"}`, a list holding "*"). */
function principalField(f: Field): Field {
  if (!f.known || f.value === undefined) return f;
  return { known: true, value: isAnyone(f.value) ? '*' : f.value };
}

function isAnyone(v: PlainValue): boolean {
  if (v === '*') return true;
  if (Array.isArray(v)) return v.some((x) => isAnyone(x));
  if (v && typeof v === 'object') return Object.entries(v as Record<string, PlainValue>).some(([k, x]) => k === 'AWS' && isAnyone(x));
  return false;
}

/** Reads the `statement` blocks of a Terraform `aws_iam_policy_document` data source. */
export function readPolicyDocumentBlocks(ctx: RuleContext, body: MapNode | undefined): PolicyRead {
  const out: PolicyRead = { statements: [], dependsOn: [] };
  if (hasDynamic(body, 'statement')) out.dependsOn.push('dynamic "statement" block');
  for (const node of getAll(body, 'statement').flatMap((n) => items(n)).slice(0, MAX_STATEMENTS)) {
    const s = asMap(node);
    if (!s) continue;
    const principals: Field = (() => {
      if (hasDynamic(s, 'principals')) return { known: false, dependsOn: ['dynamic "principals" block'] };
      const blocks = getAll(s, 'principals').flatMap((n) => items(n)).map(asMap).filter((m): m is MapNode => !!m);
      if (blocks.length === 0) return { known: true, value: undefined };
      const values: PlainValue[] = [];
      for (const b of blocks) {
        const type = field(ctx, get(b, 'type'));
        const ids = field(ctx, get(b, 'identifiers'));
        if (!type.known) return type;
        if (!ids.known) return ids;
        if (type.value === '*' || (type.value === 'AWS' && ids.value !== undefined && isAnyone(ids.value))) return { known: true, value: '*' };
        values.push({ [String(type.value)]: ids.value ?? null });
      }
      return { known: true, value: values };
    })();
    const hasCondition = getAll(s, 'condition').length > 0 || hasDynamic(s, 'condition');
    const effect = field(ctx, get(s, 'effect'));
    out.statements.push({
      span: s.span,
      effect: effect.known && effect.value === undefined ? { known: true, value: 'Allow' } : effect,
      action: field(ctx, get(s, 'actions')),
      notAction: field(ctx, get(s, 'not_actions')),
      resource: field(ctx, get(s, 'resources')),
      principal: principals,
      condition: { known: true, value: hasCondition ? { present: true } : undefined },
    });
  }
  return out;
}

export function asList(v: PlainValue | undefined): PlainValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...(v as readonly PlainValue[])] : [v];
}
