/** The evaluator with values from outside the file: tfvars and module arguments, callers, count/for_each instances, for, try/can. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import type { InputSource } from '../../../server/src/core/values/context';
import { known, unknown } from '../../../server/src/core/values/result';
import { prop, slice } from './helpers';

const TF = `
variable "enc" {
  default = false
}
variable "free" {}
variable "defaults" {
  default = {}
}
locals {
  azs   = ["a", "b", "c"]
  by_az = { for i, az in local.azs : az => i }
  upper = [for az in local.azs : upper(az) if az != "b"]
  group = { for s in ["x1", "x2", "y1"] : substr(s, 0, 1) => s... }
}
resource "aws_thing" "t" {
  enc        = var.enc
  free       = var.free
  idx        = count.index
  key        = each.key
  val        = each.value.size
  by_az      = local.by_az
  upper      = local.upper
  tried      = try(var.defaults.size, 8)
  tried_unk  = try(var.free.size, 8)
  can_ok     = can(local.azs[1])
  can_bad    = can(local.azs[7])
  tpl_for    = "%{ for az in local.azs }<\${az}>%{ endfor }"
  tpl_if     = "%{ if var.enc }on%{ else }off%{ endif }"
  missing    = local.azs[9]
}
`;

const doc = parseTerraform(TF);
const p = (name: string) => prop(doc, 'aws_thing.t', name);

function inputs(values: Record<string, unknown>, callers: Record<string, string> = {}): InputSource {
  return {
    value: (n) => (n in values ? known(values[n] as never, [`variable ${n} = ${JSON.stringify(values[n])} (from terraform.tfvars line 1)`]) : undefined),
    callerDependent: (n) => callers[n],
  };
}

test('an assigned value (tfvars, module argument) wins over the default and says where it came from', () => {
  const ev = createEvaluator(doc, { inputs: inputs({ enc: true }) });
  assert.deepEqual(ev.evaluate(p('enc')), { known: true, value: true, via: 'variable enc = true (from terraform.tfvars line 1)' });
  // Without an assignment: the default.
  assert.deepEqual(createEvaluator(doc).evaluate(p('enc')), { known: true, value: false, via: 'variable enc (default false)' });
});

test('an assigned value that is itself undecided stays unknown, naming the variable', () => {
  const ev = createEvaluator(doc, { inputs: { value: (n) => (n === 'enc' ? unknown(['output of module.keys']) : undefined) } });
  const r = ev.evaluate(p('enc'));
  assert.equal(r.known, false);
  assert.deepEqual(!r.known && r.dependsOn, ['variable enc', 'output of module.keys']);
});

test('in a module its callers set, a variable depends on the caller (never its default)', () => {
  const ev = createEvaluator(doc, { inputs: inputs({}, { enc: 'set by the caller: module.storage in main.tf' }) });
  assert.deepEqual(ev.evaluate(p('enc')), { known: false, dependsOn: ['variable enc (set by the caller: module.storage in main.tf)'] });
  assert.equal(ev.bool(p('enc')), undefined);
});

test('resolve stands an assigned value at the reference (a finding points at the property)', () => {
  const ev = createEvaluator(doc, { inputs: inputs({ enc: false }) });
  const r = ev.resolve(p('enc'));
  assert.ok(r.known);
  assert.equal(slice(TF, r.node.span), 'var.enc');
  assert.equal(r.node.type === 'scalar' && r.node.value, false);
});

test('count.index and each.key / each.value per instance; the shared evaluator leaves them unknown', () => {
  const base = createEvaluator(doc);
  assert.equal(base.evaluate(p('idx')).known, false);
  const i1 = base.forInstance({ count: { index: 1 } });
  assert.deepEqual(i1.evaluate(p('idx')), { known: true, value: 1, via: 'count.index = 1' });
  const e = base.forInstance({ each: { key: 'big', value: { size: 100 } } });
  assert.equal(e.evaluate(p('key')).known && (e.evaluate(p('key')) as { value: unknown }).value, 'big');
  assert.equal((e.evaluate(p('val')) as { value: unknown }).value, 100);
  // Instances do not leak into each other or into the base evaluator's cache.
  const e2 = base.forInstance({ each: { key: 'small', value: { size: 1 } } });
  assert.equal((e2.evaluate(p('val')) as { value: unknown }).value, 1);
  assert.equal(base.evaluate(p('val')).known, false);
});

test('for expressions: lists, objects, conditions, index/key variables, grouping', () => {
  const ev = createEvaluator(doc);
  assert.deepEqual((ev.evaluate({ type: 'expr', span: { start: 0, end: 0 }, text: 'local.group', refs: ['local.group'] }) as { value: unknown }).value, { x: ['x1', 'x2'], y: ['y1'] });
  assert.deepEqual((ev.evaluate(p('by_az')) as { value: unknown }).value, { a: 0, b: 1, c: 2 });
  assert.deepEqual((ev.evaluate(p('upper')) as { value: unknown }).value, ['A', 'C']);
});

test('template directives %{for} and %{if}', () => {
  const ev = createEvaluator(doc);
  assert.equal((ev.evaluate(p('tpl_for')) as { value: unknown }).value, '<a><b><c>');
  assert.equal((ev.evaluate(p('tpl_if')) as { value: unknown }).value, 'off');
});

test('try() takes the first argument without an error; an undecided one decides nothing', () => {
  const ev = createEvaluator(doc);
  // var.defaults is {} → .size is an error → the fallback 8.
  assert.equal((ev.evaluate(p('tried')) as { value: unknown }).value, 8);
  // var.free has no value here: try cannot know whether .size errors.
  assert.equal(ev.evaluate(p('tried_unk')).known, false);
});

test('can() is true for a value, false for an error', () => {
  const ev = createEvaluator(doc);
  assert.equal((ev.evaluate(p('can_ok')) as { value: unknown }).value, true);
  assert.equal((ev.evaluate(p('can_bad')) as { value: unknown }).value, false);
  // An out-of-range index is unknown to rules (never a value).
  assert.equal(ev.evaluate(p('missing')).known, false);
});

test('a local from another file is respanned to the reference even when its span lies numerically inside it', () => {
  // Two "files": the local's node has offsets that fall inside the reference's span in the resource's file.
  const main = parseTerraform(`resource "aws_thing" "t" {\n  v = local.xxxxxxxxxxxxxxxx\n}\n`);
  const ref = prop(main, 'aws_thing.t', 'v');
  // Pad the locals file so that its value `true` starts one character into the reference's span.
  const head = `locals {\n  xxxxxxxxxxxxxxxx = `;
  const locals = parseTerraform(`${'#'.repeat(ref.span.start + 1 - head.length - 1)}\n${head}true\n}\n`);
  const local = locals.declarations.locals.get('xxxxxxxxxxxxxxxx');
  assert.ok(local && local.span.start > ref.span.start && local.span.end < ref.span.end, 'fixture: the local lies inside the reference numerically');
  const merged = { ...main, declarations: { ...main.declarations, locals: locals.declarations.locals } };
  const r = createEvaluator(merged).resolve(ref);
  assert.ok(r.known);
  assert.deepEqual(r.node.span, ref.span);
});
