/**
 * Reads IAM policy documents the way the rules need them: statement by statement, each field decided or not on its
 * own (an unknown Resource must not hide a known `Action: "*"`), from CloudFormation maps, JSON strings
 * (Terraform jsonencode/heredoc, CloudFormation string policies) and `aws_iam_policy_document` blocks.
 */
import { asMap, get, getAll, items } from '../model/nodes';
import type { MapNode, Span, ValueNode } from '../model/types';
import type { PlainValue } from '../values/evaluator-api';
import { unreadDynamic } from './check';
import type { RuleContext } from './rule-api';
import { pushAll } from '../arrays';
import { HOLE_CHAR, hasHole, Hole, holeDeps, partialJson, type PartialValue } from './partial';
import { getAttTarget, soleReference } from '../values/links';

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
  /** The statement has a `Condition`, decided or not (a condition on an undecided ARN still limits who gets in). */
  readonly conditionPresent?: boolean;
  /**
   * What the statement's `Condition` tests: each operator (`StringEquals`, `ArnNotLike`, …) with a condition key
   * (`aws:SourceArn`, …), as written, when the file decides every one of them (their values may still be undecided);
   * undefined without a condition or when one is not decided.
   */
  readonly conditionTests?: readonly ConditionTest[];
}

/**
 * Condition keys that do not narrow who a statement lets in: request headers the caller writes itself (`aws:Referer`,
 * `aws:UserAgent`), the transport (`aws:SecureTransport`), the time and the Region asked for. A `Principal: "*"`
 * statement whose condition tests only these is open to anyone: S3 calls a policy public unless it narrows access by
 * `aws:SourceIp`, a fixed principal, `aws:SourceArn`, `aws:SourceVpc(e)`, `aws:SourceOwner`, `aws:SourceAccount`,
 * `aws:userid` or a KMS key id, and AWS says not to rely on `aws:Referer` against unauthorized parties.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
const NON_LIMITING_CONDITION_KEYS: ReadonlySet<string> = new Set(['aws:referer', 'aws:useragent', 'aws:securetransport', 'aws:currenttime', 'aws:epochtime', 'aws:requestedregion']);

export interface ConditionTest {
  readonly operator: string;
  readonly key: string;
}

/**
 * A negated operator (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, …) lets in everyone but the values it lists:
 * it never grants to fixed values only, which is what makes a `Principal: "*"` statement non-public.
 */
const NEGATED_OPERATOR = /Not(Equals|Like|IpAddress)/;

/**
 * The statement's condition, decided here, lets anyone in: every test is negated or on a key that does not narrow who
 * (the tests that do not limit, described), else undefined.
 */
export function conditionOpenToAnyone(s: Statement): readonly string[] | undefined {
  const tests = s.conditionTests;
  if (!tests || !tests.every((t) => NEGATED_OPERATOR.test(t.operator) || NON_LIMITING_CONDITION_KEYS.has(t.key.toLowerCase()))) return undefined;
  return tests.map((t) => (NON_LIMITING_CONDITION_KEYS.has(t.key.toLowerCase()) ? t.key : `${t.operator} ${t.key}`));
}

/** The tests of a condition block (`{ Operator: { key: values } }`) decided here; undefined when one is not. */
function testsOfCondition(operators: readonly [string, unknown][], keysOf: (operand: unknown) => readonly string[] | undefined): readonly ConditionTest[] | undefined {
  const tests: ConditionTest[] = [];
  for (const [operator, operand] of operators) {
    const k = keysOf(operand);
    if (k === undefined) return undefined;
    for (const key of k) tests.push({ operator, key });
  }
  return tests.length > 0 ? tests : undefined;
}

function nodeConditionTests(ctx: RuleContext, node: ValueNode | undefined): readonly ConditionTest[] | undefined {
  if (node === undefined) return undefined;
  const r = ctx.values.resolve(node);
  const m = r.known ? asMap(r.node) : undefined;
  if (!m) return undefined;
  return testsOfCondition(
    m.entries.map((e) => [e.key, e.value]),
    (operand) => {
      const o = ctx.values.resolve(operand as ValueNode);
      const om = o.known ? asMap(o.node) : undefined;
      return om ? om.entries.map((e) => e.key) : undefined;
    },
  );
}

function plainConditionTests(v: PlainValue | PartialValue | undefined): readonly ConditionTest[] | undefined {
  const record = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Hole);
  if (!record(v)) return undefined;
  return testsOfCondition(Object.entries(v), (operand) => (record(operand) ? Object.keys(operand) : undefined));
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
    // Undecided as a whole (an interpolated ARN in a jsonencode / heredoc document): judge the parts the file decides.
    if (readPartial(ctx, node, node.span, out)) return out;
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
        principal: anyoneWritten(ctx, get(s, 'Principal'), principalField(field(ctx, get(s, 'Principal')))),
        condition: field(ctx, get(s, 'Condition')),
        conditionPresent: get(s, 'Condition') !== undefined,
        conditionTests: nodeConditionTests(ctx, get(s, 'Condition')),
      });
    }
    return out;
  }
  const ev = ctx.values.evaluate(r.node);
  if (!ev.known) {
    if (readPartial(ctx, r.node, r.node.span, out)) return out;
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
      conditionPresent: o.Condition !== undefined && o.Condition !== null,
      conditionTests: plainConditionTests(o.Condition),
    });
  }
  return out;
}

/**
 * A document the file decides in part, statement by statement: each field known or not on its own, so a hole in
 * `Resource` leaves `Principal`, `Effect`, `Action` and `Condition` judged. False when it is not such a document.
 */
function readPartial(ctx: RuleContext, node: ValueNode, span: Span, out: PolicyRead): boolean {
  const p = partialJson(ctx, node);
  if (!p) return false;
  if ('error' in p) return false;
  const doc = p.value;
  if (!isRecord(doc)) {
    pushAll(out.dependsOn, holeDeps(doc));
    return true;
  }
  const sts = doc.Statement;
  if (sts === undefined) return true;
  if (!isRecord(sts) && !Array.isArray(sts)) {
    pushAll(out.dependsOn, holeDeps(sts));
    return true;
  }
  const list: readonly PartialValue[] = Array.isArray(sts) ? sts : [sts];
  for (const s of list.slice(0, MAX_STATEMENTS)) {
    if (!isRecord(s)) {
      pushAll(out.dependsOn, holeDeps(s));
      continue;
    }
    out.statements.push({
      span,
      effect: partialField(s.Effect),
      action: partialField(s.Action),
      notAction: partialField(s.NotAction),
      resource: partialField(s.Resource),
      principal: partialPrincipal(s.Principal),
      condition: partialField(s.Condition),
      conditionPresent: s.Condition !== undefined && s.Condition !== null,
      conditionTests: plainConditionTests(s.Condition),
    });
  }
  return true;
}

/** `condition { test = "ArnEquals" variable = "aws:SourceArn" … }` blocks, when every test and variable is decided. */
function blockConditionTests(ctx: RuleContext, blocks: readonly ValueNode[]): readonly ConditionTest[] | undefined {
  const tests: ConditionTest[] = [];
  for (const b of blocks) {
    const t = field(ctx, get(asMap(b), 'test'));
    const v = field(ctx, get(asMap(b), 'variable'));
    if (!t.known || typeof t.value !== 'string' || !v.known || typeof v.value !== 'string') return undefined;
    tests.push({ operator: t.value, key: v.value });
  }
  return tests.length > 0 ? tests : undefined;
}

function isRecord(v: PartialValue | undefined): v is { readonly [k: string]: PartialValue } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Hole);
}

/** A principal with undecided parts is still anyone when a decided part says so (`["*", <undecided ARN>]`). */
function partialPrincipal(v: PartialValue | undefined): Field {
  const f = partialField(v);
  if (f.known) return principalField(f);
  const anyone = (x: PartialValue | undefined): boolean => {
    if (x === '*') return true;
    if (Array.isArray(x)) return x.some(anyone);
    if (isRecord(x)) return Object.entries(x).some(([k, y]) => k === 'AWS' && anyone(y));
    return false;
  };
  if (anyone(v)) return { known: true, value: '*' };
  // Undecided pieces only inside ARNs (`arn:aws:iam::<account>:root`): named principals, never anyone.
  const named = (x: PartialValue | undefined): boolean => {
    if (typeof x === 'string') return x !== '*' && (!x.includes(HOLE_CHAR) || x.startsWith('arn:'));
    if (typeof x === 'number') return true;
    if (x instanceof Hole) return (x.prefix !== undefined && x.prefix.startsWith('arn:')) || (x.ref !== undefined && namesPrincipal(x.ref));
    if (Array.isArray(x)) return x.length > 0 && x.every(named);
    if (isRecord(x)) return Object.keys(x).length > 0 && Object.values(x).every(named);
    return false;
  };
  return named(v) ? { known: true, value: NAMED } : f;
}

/**
 * What a principal is when the file leaves parts of it to deploy time but each part is an ARN, an account id or a
 * service: not anyone. IAM takes no wildcard inside a principal ARN (only `"*"` alone), so `arn:aws:iam::${Account}:root`
 * names one account whatever `Account` is.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
const NAMED = '(named principals)';

/** A Terraform reference that is a principal's name whatever it resolves to: a resource's ARN, the caller's account id. */
function namesPrincipal(ref: string): boolean {
  return ref.endsWith('.arn') || /^data\.aws_caller_identity\.[^.]+\.account_id$/.test(ref);
}

/** Whether a principal value the evaluator cannot decide names principals only (ARNs, account ids, written names). */
function namedOnly(ctx: RuleContext, n: ValueNode, depth: number): boolean {
  if (depth > 6) return false;
  const r = ctx.values.resolve(n);
  const m = r.known ? r.node : n;
  switch (m.type) {
    case 'scalar':
      return m.value !== '*' && m.value !== null;
    case 'list':
      return m.items.length > 0 && m.items.every((i) => namedOnly(ctx, i, depth + 1));
    case 'map':
      return m.entries.length > 0 && m.entries.every((e) => namedOnly(ctx, e.value, depth + 1));
    case 'intrinsic': {
      const a = m.arg;
      if (m.fn === 'Ref') return a.type === 'scalar' && a.value === 'AWS::AccountId';
      if (m.fn === 'Fn::GetAtt') return getAttTarget(m)?.attribute.endsWith('Arn') === true;
      if (m.fn === 'Fn::Sub') {
        const t = a.type === 'list' ? a.items[0] : a;
        return t?.type === 'scalar' && typeof t.value === 'string' && (t.value.startsWith('arn:') || t.value === '${AWS::AccountId}');
      }
      if (m.fn === 'Fn::Join' && a.type === 'list') {
        const parts = a.items[1];
        const first = parts?.type === 'list' ? parts.items[0] : undefined;
        return first?.type === 'scalar' && typeof first.value === 'string' && first.value.startsWith('arn:');
      }
      return false;
    }
    case 'expr': {
      if (m.text.trim().startsWith('"arn:')) return true;
      const ref = soleReference(m);
      return ref !== undefined && namesPrincipal(ref);
    }
    default:
      return false;
  }
}

function partialField(v: PartialValue | undefined): Field {
  if (v === undefined) return { known: true, value: undefined };
  if (hasHole(v)) return { known: false, dependsOn: holeDeps(v) };
  return { known: true, value: v as PlainValue };
}

/**
 * An undecided principal that is anyone all the same: `"*"` written among entries the file does not decide
 * (`AWS: ["*", !Ref Other]`, `identifiers = ["*", var.other]`). The field as it was otherwise.
 */
function anyoneWritten(ctx: RuleContext, node: ValueNode | undefined, f: Field): Field {
  if (f.known || !node) return f;
  const star = (n: ValueNode, depth: number): boolean => {
    if (depth > 4) return false;
    const r = ctx.values.resolve(n);
    const m = r.known ? r.node : n;
    if (m.type === 'scalar') return m.value === '*';
    if (m.type === 'list') return m.items.some((i) => star(i, depth + 1));
    if (m.type === 'map') return m.entries.some((e) => e.key === 'AWS' && star(e.value, depth + 1));
    return false;
  };
  if (star(node, 0)) return { known: true, value: '*' };
  return namedOnly(ctx, node, 0) ? { known: true, value: NAMED } : f;
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
  pushAll(out.dependsOn, unreadDynamic(ctx, body, 'statement') ?? []);
  for (const node of getAll(body, 'statement').flatMap((n) => items(n)).slice(0, MAX_STATEMENTS)) {
    const s = asMap(node);
    if (!s) continue;
    const principals: Field = (() => {
      const dynamic = unreadDynamic(ctx, s, 'principals');
      if (dynamic) return { known: false, dependsOn: dynamic };
      const blocks = getAll(s, 'principals').flatMap((n) => items(n)).map(asMap).filter((m): m is MapNode => !!m);
      if (blocks.length === 0) return { known: true, value: undefined };
      const values: PlainValue[] = [];
      for (const b of blocks) {
        const type = field(ctx, get(b, 'type'));
        const ids = field(ctx, get(b, 'identifiers'));
        if (!type.known) return type;
        if (!ids.known) {
          if (type.value !== 'AWS') return ids;
          // Anyone written, or named principals only: the other blocks are still read (one of them may be anyone).
          const w = anyoneWritten(ctx, get(b, 'identifiers'), ids);
          if (!w.known || w.value === '*') return w;
          values.push({ AWS: NAMED });
          continue;
        }
        if (type.value === '*' || (type.value === 'AWS' && ids.value !== undefined && isAnyone(ids.value))) return { known: true, value: '*' };
        values.push({ [String(type.value)]: ids.value ?? null });
      }
      return { known: true, value: values };
    })();
    const hasCondition = getAll(s, 'condition').length > 0 || unreadDynamic(ctx, s, 'condition') !== undefined;
    const effect = field(ctx, get(s, 'effect'));
    out.statements.push({
      span: s.span,
      effect: effect.known && effect.value === undefined ? { known: true, value: 'Allow' } : effect,
      action: field(ctx, get(s, 'actions')),
      notAction: field(ctx, get(s, 'not_actions')),
      resource: field(ctx, get(s, 'resources')),
      principal: principals,
      condition: { known: true, value: hasCondition ? { present: true } : undefined },
      conditionPresent: hasCondition,
      conditionTests: hasCondition && unreadDynamic(ctx, s, 'condition') === undefined ? blockConditionTests(ctx, getAll(s, 'condition')) : undefined,
    });
  }
  return out;
}

export function asList(v: PlainValue | undefined): PlainValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...(v as readonly PlainValue[])] : [v];
}
