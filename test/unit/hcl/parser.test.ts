import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Attribute, Block, Expression, TemplateExpr } from '../../../server/src/core/parse/hcl/ast';
import { lex, Tok } from '../../../server/src/core/parse/hcl/lexer';
import { parseHcl, parseHclTemplate } from '../../../server/src/core/parse/hcl/parser';
import { collectRefs, templateLiteral } from '../../../server/src/core/parse/hcl/refs';
import { slice } from './helpers';

function attr(text: string, name = 'a'): { expr: Expression; attr: Attribute } {
  const f = parseHcl(text);
  assert.deepEqual(f.errors, [], `errors in ${JSON.stringify(text)}`);
  const a = f.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
  assert.ok(a, `attribute ${name} not found`);
  return { expr: a.expr, attr: a };
}

function expr(src: string): Expression {
  return attr(`a = ${src}\n`).expr;
}

describe('lexer', () => {
  it('produces balanced template tokens and exact offsets', () => {
    const text = 'x = "a${b}c"';
    const t = lex(text);
    const kinds: string[] = [];
    for (let i = 0; i < t.count; i++) kinds.push(`${Tok[t.kinds[i]]}:${text.slice(t.starts[i], t.ends[i])}`);
    assert.deepEqual(kinds, [
      'Ident:x',
      'Assign:=',
      'OQuote:"',
      'TemplateLit:a',
      'TemplateInterp:${',
      'Ident:b',
      'TemplateSeqEnd:}',
      'TemplateLit:c',
      'CQuote:"',
      'EOF:',
    ]);
  });

  it('collects all three comment kinds with spans, text without the marker', () => {
    const text = '# one\na = 1 // two\n/* three\n */ b = 2\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    assert.deepEqual(
      f.comments.map((c) => c.text),
      [' one', ' two', ' three\n '],
    );
    assert.equal(slice(text, f.comments[0].span), '# one');
    assert.equal(slice(text, f.comments[1].span), '// two');
    assert.equal(slice(text, f.comments[2].span), '/* three\n */');
    assert.equal(f.body.items.length, 2);
  });

  it('keeps UTF-16 offsets exact after non-ASCII text', () => {
    const text = 'a = "héllo 😀"\nb = c.d\n';
    const { attr: b } = attr(text, 'b');
    assert.equal(slice(text, b.nameSpan), 'b');
    assert.equal(slice(text, b.expr.span), 'c.d');
  });
});

describe('bodies', () => {
  it('parses attributes and labelled blocks with exact spans', () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    const b = f.body.items[0] as Block;
    assert.equal(b.kind, 'block');
    assert.equal(b.type, 'resource');
    assert.deepEqual(
      b.labels.map((l) => [l.value, slice(text, l.span)]),
      [
        ['aws_s3_bucket', 'aws_s3_bucket'],
        ['b', 'b'],
      ],
    );
    assert.equal(slice(text, b.span), text.trimEnd());
    assert.equal(slice(text, b.body.span), '{\n  bucket = "x"\n}');
    const a = b.body.items[0] as Attribute;
    assert.equal(slice(text, a.nameSpan), 'bucket');
    assert.equal(slice(text, a.span), 'bucket = "x"');
    assert.ok(b.closed);
  });

  it('parses one-line blocks, unquoted labels and empty blocks', () => {
    const text = 'a { b = 1 }\nblk lbl {}\nc "x" {\n}\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    const [a, blk, c] = f.body.items as Block[];
    assert.equal((a.body.items[0] as Attribute).name, 'b');
    assert.equal(slice(text, a.span), 'a { b = 1 }');
    assert.deepEqual(blk.labels.map((l) => [l.value, l.quoted]), [['lbl', false]]);
    assert.equal(c.body.items.length, 0);
  });
});

describe('expressions', () => {
  it('literals', () => {
    assert.deepEqual((expr('42') as { value: unknown }).value, 42);
    assert.deepEqual((expr('1.5e3') as { value: unknown }).value, 1500);
    assert.deepEqual((expr('true') as { value: unknown }).value, true);
    assert.deepEqual((expr('false') as { value: unknown }).value, false);
    assert.deepEqual((expr('null') as { value: unknown }).value, null);
    const neg = expr('-3');
    assert.equal(neg.kind, 'literal');
    assert.equal((neg as { value: unknown }).value, -3);
  });

  it('quoted templates: escapes, $${ literal, interpolation and directives', () => {
    const e = expr('"a\\n\\"q\\" \\u00e9 $${x} %%{y}"') as TemplateExpr;
    assert.equal(templateLiteral(e), 'a\n"q" é ${x} %{y}');
    const text = 'a = "pre-${var.env}-%{ if var.x }yes%{ else }no%{ endif }"\n';
    const t = attr(text).expr as TemplateExpr;
    assert.equal(t.kind, 'template');
    assert.deepEqual(
      t.parts.map((p) => p.kind),
      ['literal', 'interp', 'literal', 'if'],
    );
    assert.equal(slice(text, t.parts[1].span), '${var.env}');
    const iff = t.parts[3];
    assert.ok(iff.kind === 'if');
    assert.equal(slice(text, iff.span), '%{ if var.x }yes%{ else }no%{ endif }');
    assert.deepEqual(collectRefs(t), ['var.env', 'var.x']);
    assert.equal(templateLiteral(t), undefined);
  });

  it('template for directive binds its variables; strip markers', () => {
    const t = expr('"%{ for i, v in var.list ~}${v}${i}${local.z}%{~ endfor }"');
    assert.deepEqual(collectRefs(t), ['var.list', 'local.z']);
  });

  it('heredocs, plain and indented', () => {
    const text = 'a = <<EOF\nline1\n  ${var.x}\nEOF\nb = <<-EOT\n    one\n      two\n    EOT\nc = 1\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    const [a, b, c] = f.body.items as Attribute[];
    assert.equal(slice(text, a.expr.span), '<<EOF\nline1\n  ${var.x}\nEOF');
    assert.deepEqual(collectRefs(a.expr), ['var.x']);
    assert.equal(templateLiteral(b.expr as TemplateExpr), 'one\n  two\n');
    assert.equal(slice(text, b.expr.span), '<<-EOT\n    one\n      two\n    EOT');
    assert.equal(c.name, 'c');
  });

  it('empty heredoc', () => {
    const e = expr('<<EOF\nEOF') as TemplateExpr;
    assert.equal(templateLiteral(e), '');
  });

  it('tuples and objects with both key styles', () => {
    const text = 'a = [1, "two", [3],\n  { k = 1, "q k": 2 },\n]\n';
    const e = attr(text).expr;
    assert.equal(e.kind, 'tuple');
    assert.ok(e.kind === 'tuple');
    assert.equal(e.items.length, 4);
    const o = e.items[3];
    assert.ok(o.kind === 'object');
    assert.deepEqual(
      o.items.map((i) => [i.keyName, slice(text, i.keySpan)]),
      [
        ['k', 'k'],
        ['q k', 'q k'],
      ],
    );
  });

  it('multi-line objects separated by newlines, and expression keys', () => {
    const text = 'a = {\n  x = 1\n  (var.k) = 2\n  "${var.p}" = 3\n}\n';
    const e = attr(text).expr;
    assert.ok(e.kind === 'object');
    assert.deepEqual(
      e.items.map((i) => i.keyName),
      ['x', undefined, undefined],
    );
    assert.deepEqual(collectRefs(e), ['var.k', 'var.p']);
  });

  it('traversals with attributes, indexes and splats', () => {
    const text = 'a = aws_s3_bucket.b[0].id\nb = x.*.y\nc = z[*].w\nd = m["k"].n\ne = l.0.v\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    const [a, b, c, d, e] = f.body.items as Attribute[];
    assert.ok(a.expr.kind === 'traversal');
    assert.deepEqual(
      a.expr.steps.map((s) => s.kind),
      ['attr', 'index', 'attr'],
    );
    assert.equal(slice(text, a.expr.span), 'aws_s3_bucket.b[0].id');
    assert.deepEqual(collectRefs(a.expr), ['aws_s3_bucket.b.id']);
    assert.ok(b.expr.kind === 'traversal' && b.expr.steps[0].kind === 'splat' && !b.expr.steps[0].full);
    assert.ok(c.expr.kind === 'traversal' && c.expr.steps[0].kind === 'splat' && c.expr.steps[0].full);
    assert.deepEqual(collectRefs(c.expr), ['z.w']);
    assert.deepEqual(collectRefs(d.expr), ['m.n']);
    assert.deepEqual(collectRefs(e.expr), ['l.v']);
  });

  it('function calls, expansion, provider functions, relative traversal', () => {
    const e = expr('concat(var.a, local.b...)');
    assert.ok(e.kind === 'call');
    assert.equal(e.name, 'concat');
    assert.equal(e.args.length, 2);
    assert.ok(e.expandFinal);
    const p = expr('provider::aws::arn_parse(var.arn).region');
    assert.ok(p.kind === 'relative' && p.source.kind === 'call');
    assert.equal(p.source.name, 'provider::aws::arn_parse');
    assert.deepEqual(collectRefs(p), ['var.arn']);
    const multi = expr('merge(\n  var.tags,\n  { Name = "x" },\n)');
    assert.ok(multi.kind === 'call' && multi.args.length === 2);
  });

  it('for expressions, tuple and object with grouping and condition; bound names are not refs', () => {
    const t = expr('[for s in var.list : upper(s) if s != local.skip]');
    assert.ok(t.kind === 'for' && !t.isObject);
    assert.equal(t.valueVar.name, 's');
    assert.ok(t.cond);
    assert.deepEqual(collectRefs(t), ['var.list', 'local.skip']);
    const o = expr('{for k, v in var.m : k => v.id...}');
    assert.ok(o.kind === 'for' && o.isObject && o.group);
    assert.equal(o.keyVar?.name, 'k');
    assert.deepEqual(collectRefs(o), ['var.m']);
  });

  it('conditionals and operator precedence', () => {
    const e = expr('a || b && c == d + e * f');
    assert.ok(e.kind === 'binary' && e.op === '||');
    assert.ok(e.right.kind === 'binary' && e.right.op === '&&');
    const r = e.right.right;
    assert.ok(r.kind === 'binary' && r.op === '==');
    assert.ok(r.right.kind === 'binary' && r.right.op === '+');
    assert.ok(r.right.right.kind === 'binary' && r.right.right.op === '*');
    const left = expr('a - b - c');
    assert.ok(left.kind === 'binary' && left.left.kind === 'binary', 'left associative');
    const c = expr('var.x > 1 ? "a" : var.y ? "b" : "c"');
    assert.ok(c.kind === 'conditional' && c.cond.kind === 'binary' && c.else.kind === 'conditional');
    const u = expr('!(a && -b)');
    assert.ok(u.kind === 'unary' && u.op === '!' && u.operand.kind === 'paren');
    const cmp = expr('a <= b');
    assert.ok(cmp.kind === 'binary' && cmp.op === '<=');
  });

  it('parses a bare template (for .tf.json strings)', () => {
    const { expr: t, errors } = parseHclTemplate('arn:${var.p}:${aws_s3_bucket.b.arn}/*');
    assert.deepEqual(errors, []);
    assert.deepEqual(collectRefs(t), ['var.p', 'aws_s3_bucket.b.arn']);
  });
});
