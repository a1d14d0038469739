import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { prop, slice } from './helpers';

const TF = `
variable "encrypted" {
  type    = bool
  default = true
}
variable "env" {
  default = "prod"
}
variable "name" {}
variable "cfg" {
  default = { tier = "gold", ports = [22, 443] }
}
locals {
  prefix    = "\${var.env}-app"
  enc       = var.encrypted
  chained   = local.prefix
  loop_a    = local.loop_b
  loop_b    = local.loop_a
  self      = "\${local.self}x"
  tags      = { Env = "prod" }
  is_prod   = var.env == "prod"
}
resource "aws_s3_bucket" "b" {
  bucket = "logs"
}
resource "aws_thing" "t" {
  var_default   = var.encrypted
  var_none      = var.name
  var_attr      = var.cfg.tier
  var_index     = var.cfg.ports[1]
  local_expr    = local.prefix
  local_chain   = local.chained
  local_var     = local.enc
  local_loop    = local.loop_a
  local_self    = local.self
  res_attr      = aws_s3_bucket.b.id
  res_index     = aws_s3_bucket.b[0].arn
  data_attr     = data.aws_iam_policy_document.p.json
  module_out    = module.vpc.vpc_id
  interp        = "\${var.env}-x"
  interp_none   = "\${var.name}-x"
  conditional   = var.env == "prod" ? "yes" : "no"
  cond_local    = local.is_prod ? 1 : 2
  logic         = !var.encrypted || var.name == "x"
  arith         = 2 * 3 + 1
  call_known    = lower("ABC")
  call_merge    = merge(local.tags, { b = "c" })
  call_unknown  = uuid()
  for_expr      = [for s in ["a"] : upper(s)]
  str_true      = "TRUE"
  each_value    = each.value
}
`;

const doc = parseTerraform(TF);
const ev = createEvaluator(doc);
const p = (name: string) => prop(doc, 'aws_thing.t', name);
const val = (name: string) => {
  const r = ev.evaluate(p(name));
  assert.ok(r.known, `${name} should be known: ${JSON.stringify(r)}`);
  return r.value;
};

test('the real Terraform parser produces the shapes the evaluator reads', () => {
  assert.equal(doc.language, 'terraform');
  assert.ok(doc.declarations.parameters.has('encrypted'));
  assert.ok(doc.declarations.locals.has('prefix'));
  assert.equal(p('var_default').type, 'expr');
});

test('var.x with a default: known, via "variable x (default …)"', () => {
  assert.deepEqual(ev.evaluate(p('var_default')), { known: true, value: true, via: 'variable encrypted (default true)' });
});

test('var.x without default: unknown "variable x (no default)"', () => {
  assert.deepEqual(ev.evaluate(p('var_none')), { known: false, dependsOn: ['variable name (no default)'] });
});

test('parameterDefaults "unknown" policy applies to Terraform variables', () => {
  const strict = createEvaluator(doc, { parameterDefaults: 'unknown' });
  assert.deepEqual(strict.evaluate(p('var_default')), { known: false, dependsOn: ['variable encrypted (default true)'] });
});

test('attribute and index steps into an object variable default', () => {
  assert.equal(val('var_attr'), 'gold');
  assert.equal(val('var_index'), 443);
});

test('local.y evaluates the local expression (through other locals and variables)', () => {
  assert.equal(val('local_expr'), 'prod-app');
  assert.equal(val('local_chain'), 'prod-app');
  const r = ev.evaluate(p('local_var'));
  assert.ok(r.known && r.value === true && (r.via ?? '').includes('variable encrypted'));
});

test('local reference cycles are unknown, not a stack overflow', () => {
  const loop = ev.evaluate(p('local_loop'));
  assert.ok(!loop.known && loop.dependsOn.some((d) => d.includes('refers to itself')));
  const self = ev.evaluate(p('local_self'));
  assert.ok(!self.known && self.dependsOn.some((d) => d.includes('local self')));
});

test('references to resources, data sources and modules are unknown attributes', () => {
  assert.deepEqual(ev.evaluate(p('res_attr')), { known: false, dependsOn: ['attribute of aws_s3_bucket.b'] });
  assert.deepEqual(ev.evaluate(p('res_index')), { known: false, dependsOn: ['attribute of aws_s3_bucket.b'] });
  assert.deepEqual(ev.evaluate(p('data_attr')), { known: false, dependsOn: ['attribute of data.aws_iam_policy_document.p'] });
  assert.deepEqual(ev.evaluate(p('module_out')), { known: false, dependsOn: ['output of module.vpc'] });
  assert.deepEqual(ev.evaluate(p('each_value')), { known: false, dependsOn: ['each.value'] });
});

test('string interpolation when every part is known; unknown part → unknown', () => {
  assert.equal(val('interp'), 'prod-x');
  assert.deepEqual(ev.evaluate(p('interp_none')), { known: false, dependsOn: ['variable name (no default)'] });
});

test('conditionals, logic, arithmetic, pure functions', () => {
  assert.equal(val('conditional'), 'yes');
  assert.equal(val('cond_local'), 1);
  // !true || <unknown> is unknown (false || x depends on x).
  assert.equal(ev.evaluate(p('logic')).known, false);
  assert.equal(val('arith'), 7);
  assert.equal(val('call_known'), 'abc');
  assert.deepEqual(val('call_merge'), { Env: 'prod', b: 'c' });
  assert.deepEqual(ev.evaluate(p('call_unknown')), { known: false, dependsOn: ['function uuid()'] });
  assert.deepEqual(val('for_expr'), ['A']);
});

test('bool accepts "TRUE" strings and real booleans', () => {
  assert.equal(ev.bool(p('str_true')), true);
  assert.equal(ev.bool(p('var_default')), true);
  assert.equal(ev.bool(p('var_none')), undefined);
});

test('resolve: var.x → the default, local.y → its value, stood at the reference; unknown refs stay unknown', () => {
  const v = ev.resolve(p('var_default'));
  assert.ok(v.known);
  assert.equal(v.node.type === 'scalar' && v.node.value, true);
  assert.deepEqual(v.node.span, p('var_default').span, 'findings point at the attribute, not at the variable');
  assert.equal(v.via, 'variable encrypted (default true)');
  const l = ev.resolve(p('local_expr'));
  assert.ok(l.known);
  assert.deepEqual(l.node.span, p('local_expr').span);
  const r = ev.resolve(p('res_attr'));
  assert.deepEqual(r, { known: false, dependsOn: ['attribute of aws_s3_bucket.b'] });
  const c = ev.resolve(p('conditional'));
  assert.ok(c.known && c.node.type === 'scalar' && c.node.value === 'yes');
  assert.deepEqual(c.node.span, p('conditional').span);
  const loop = ev.resolve(p('local_loop'));
  assert.equal(loop.known, false);
});

test('unparseable expression text is unknown with its references', () => {
  const broken = { type: 'expr' as const, span: { start: 0, end: 0 }, text: 'var.encrypted +', refs: ['var.encrypted'] };
  const r = ev.evaluate(broken);
  assert.ok(!r.known && r.dependsOn.includes('variable encrypted'));
});

test('exponential string growth through locals is cut off, not built', () => {
  const lines = ['locals {', '  l0 = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'];
  for (let i = 1; i < 60; i++) lines.push(`  l${i} = "\${local.l${i - 1}}\${local.l${i - 1}}"`);
  lines.push('}', 'resource "aws_thing" "t" {', '  v = local.l59', '}');
  const d = parseTerraform(lines.join('\n'));
  const t0 = Date.now();
  const r = createEvaluator(d).evaluate(prop(d, 'aws_thing.t', 'v'));
  assert.equal(r.known, false);
  assert.ok(Date.now() - t0 < 2000);
});

test('hostile object keys stay plain keys ("__proto__" does not change prototypes)', () => {
  const d = parseTerraform('resource "aws_thing" "t" {\n  v = merge({ "__proto__" = { polluted = true } }, { a = 1 })\n}\n');
  const r = createEvaluator(d).evaluate(prop(d, 'aws_thing.t', 'v'));
  assert.ok(r.known);
  const v = r.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v).sort(), ['__proto__', 'a']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('nested for loops share one iteration budget: a million template bodies are unknown, not seconds of work', () => {
  const src = (n: number) => `resource "aws_thing" "t" {
  tpl  = "%{ for a in range(${n}) }%{ for b in range(${n}) }x%{ endfor }%{ endfor }"
  list = [for a in range(${n}) : [for b in range(${n}) : a * b]]
}
`;
  const big = parseTerraform(src(1024));
  const evBig = createEvaluator(big);
  const t0 = performance.now();
  for (const name of ['tpl', 'list']) {
    const r = evBig.evaluate(prop(big, 'aws_thing.t', name));
    assert.equal(r.known, false, name);
    assert.match(JSON.stringify(r), /iterate more than 20000 times in all/);
  }
  assert.ok(performance.now() - t0 < 10_000, 'a hang bound, not a speed assertion');
  // Within the budget the loops are computed as before, and the budget is fresh for the next expression.
  const small = parseTerraform(src(3));
  const evSmall = createEvaluator(small);
  const r = evSmall.evaluate(prop(small, 'aws_thing.t', 'tpl'));
  assert.ok(r.known && r.value === 'xxxxxxxxx', JSON.stringify(r));
});
