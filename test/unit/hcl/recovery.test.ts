import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHcl, MAX_DEPTH } from '../../../server/src/core/parse/hcl/parser';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { parseTerraformJson } from '../../../server/src/core/parse/terraform-json';
import { assertSpansInside, slice } from './helpers';

const GOOD_A = 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n';
const GOOD_C = 'resource "aws_s3_bucket" "c" {\n  bucket = "c"\n}\n';

function ids(text: string): string[] {
  return parseTerraform(text).resources.map((r) => r.id);
}

describe('error recovery', () => {
  it('a broken attribute between two good blocks: both parse, one clear error', () => {
    const broken = 'resource "aws_instance" "b" {\n  ami = = "x"\n  instance_type = "t3.micro"\n}\n';
    const text = GOOD_A + broken + GOOD_C;
    const d = parseTerraform(text);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      ['aws_s3_bucket.a', 'aws_instance.b', 'aws_s3_bucket.c'],
    );
    assert.equal(d.syntaxErrors.length, 1);
    assert.equal(d.syntaxErrors[0].message, "Expected an expression, found '='");
    assert.equal(slice(text, d.syntaxErrors[0].span), '=');
    // the attribute after the broken line is still read
    const b = d.resources[1].properties;
    assert.ok(b?.entries.some((e) => e.key === 'instance_type'));
  });

  it("reports \"Expected '=' or '{' after 'foo'\"", () => {
    const text = GOOD_A + 'resource "x" "y" {\n  foo\n  bar = 1\n}\n' + GOOD_C;
    const d = parseTerraform(text);
    assert.deepEqual(d.syntaxErrors.map((e) => e.message), ["Expected '=' or '{' after 'foo'"]);
    assert.equal(slice(text, d.syntaxErrors[0].span), 'foo');
    assert.deepEqual(ids(text), ['aws_s3_bucket.a', 'x.y', 'aws_s3_bucket.c']);
  });

  it('a block missing its closing brace does not swallow the next top-level block', () => {
    const text = GOOD_A + 'resource "aws_instance" "b" {\n  ami = "x"\n\n' + GOOD_C;
    const d = parseTerraform(text);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      ['aws_s3_bucket.a', 'aws_instance.b', 'aws_s3_bucket.c'],
    );
    assert.equal(d.syntaxErrors.length, 1);
    assert.match(d.syntaxErrors[0].message, /Missing '}' to close the 'resource' block/);
  });

  it('an unterminated string is cut at the end of its line', () => {
    const text = GOOD_A + 'resource "x" "b" {\n  name = "oops\n  other = 2\n}\n' + GOOD_C;
    const d = parseTerraform(text);
    assert.deepEqual(ids(text), ['aws_s3_bucket.a', 'x.b', 'aws_s3_bucket.c']);
    assert.equal(d.syntaxErrors.length, 1);
    assert.match(d.syntaxErrors[0].message, /Unterminated string/);
    assert.ok(d.resources[1].properties?.entries.some((e) => e.key === 'other'));
  });

  it('garbage lines and stray braces are reported and skipped', () => {
    const text = '@@@ ~~~\n}\n' + GOOD_A + '[1, 2]\n' + GOOD_C;
    const d = parseTerraform(text);
    assert.deepEqual(ids(text), ['aws_s3_bucket.a', 'aws_s3_bucket.c']);
    assert.equal(d.syntaxErrors.length, 3);
  });

  it('half-typed input terminates without throwing: unclosed strings, braces, heredocs, templates at EOF', () => {
    const samples = [
      'resource "aws_s3_bucket" "b" {\n  bucket = "abc',
      'resource "aws_s3_bucket" "b" {\n  bucket = "${var.x',
      'resource "aws_s3_bucket" "b" {\n  policy = <<EOF\n{"a":',
      'resource "aws_s3_bucket" "b" {\n  tags = {\n    a = [1, (2',
      'resource "aws_s3_bucket" "b" {\n  x = "%{ if a }b',
      'resource "aws_s3_bucket" "b" {\n  x = [for a in b :',
      'resource "aws_s3_bucket" "b" {\n  x = a ? ',
      'resource "aws_s3_bucket" "b" {\n  x = a.',
      'resource "aws_s3_bucket" "b" {\n  x = f(a,',
      '/* unclosed comment',
      'resource "aws_s3_bucket',
      'a = <<',
      'a = <<-',
      'a = "\\',
    ];
    for (const s of samples) {
      const d = parseTerraform(s);
      assert.ok(d.syntaxErrors.length > 0, `no error for ${JSON.stringify(s)}`);
      assertSpansInside(d, s.length);
    }
    // the resource of a half-typed block is still recognised
    assert.deepEqual(ids(samples[0]), ['aws_s3_bucket.b']);
  });
});

describe('hostile input', () => {
  it('50k nested [ and { do not overflow the stack; the depth limit is reported', () => {
    for (const open of ['[', '{', '(']) {
      const text = 'a = ' + open.repeat(50_000);
      const f = parseHcl(text);
      assert.ok(f.errors.some((e) => e.message.includes(`more than ${MAX_DEPTH} levels`)), open);
      assertSpansInside(f, text.length);
    }
    const closed = 'a = ' + '['.repeat(50_000) + ']'.repeat(50_000) + '\nb = 1\n';
    const f = parseHcl(closed);
    assert.ok(f.errors.length >= 1);
    assert.ok(f.body.items.some((i) => i.kind === 'attribute' && i.name === 'b'), 'parsing resumes after the deep value');
  });

  it('50k nested blocks and templates', () => {
    const blocks = 'a {\n'.repeat(50_000);
    assert.ok(parseHcl(blocks).errors.length > 0);
    const tmpl = 'a = ' + '"${'.repeat(50_000);
    assert.ok(parseHcl(tmpl).errors.length > 0);
    const unary = 'a = ' + '!'.repeat(100_000) + 'x\n';
    const d = parseTerraform('locals {\n' + unary + '}\n');
    assert.deepEqual(d.syntaxErrors, []);
    const chain = 'a = ' + Array.from({ length: 100_000 }, (_, i) => `v${i}`).join(' + ') + '\n';
    const c = parseTerraform('locals {\n' + chain + '}\n');
    const a = c.declarations.locals.get('a');
    assert.ok(a?.type === 'expr');
    assert.equal(a.refs.length, 100_000);
  });

  it('a 5 MB single line and NUL bytes', () => {
    const line = 'a = "' + 'x'.repeat(5_000_000) + '"';
    const f = parseHcl(line);
    assert.deepEqual(f.errors, []);
    const junk = 'x'.repeat(5_000_000);
    assert.ok(parseHcl(junk).errors.length >= 1);
    const nul = '\u0000'.repeat(10_000) + '\n' + GOOD_A + '\u0000\u0000 = \u0000\n' + GOOD_C;
    const d = parseTerraform(nul);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      ['aws_s3_bucket.a', 'aws_s3_bucket.c'],
    );
    assert.ok(d.syntaxErrors.length >= 1);
    assert.match(d.syntaxErrors[0].message, /invalid character/);
    const bin = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    assertSpansInside(parseTerraform(bin), bin.length);
    assertSpansInside(parseTerraformJson(bin), bin.length);
  });
});
