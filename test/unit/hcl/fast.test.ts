/**
 * The fast path (hcl/fast.ts) against the full parser: whenever the fast path reads a file, the document must be the
 * one the full parser builds, node for node; on anything it cannot read exactly, it must give up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseHclFast } from '../../../server/src/core/parse/hcl/fast';
import { parseTerraformFile, TERRAFORM_TOP_LEVEL_BLOCKS } from '../../../server/src/core/parse/terraform';
import { generate } from '../../../bench/generate';
import { applyEdits, corpusTfFiles, slice } from './helpers';
import { plainTree } from '../helpers';

const isTop = (n: string): boolean => TERRAFORM_TOP_LEVEL_BLOCKS.has(n);
const readsFast = (text: string): boolean => parseHclFast(text, isTop) !== undefined;

/** Fast path (when it reads the text) and full parser give the same document, providers and outputs. */
function assertSame(text: string): void {
  assert.deepStrictEqual(plainTree(parseTerraformFile(text)), plainTree(parseTerraformFile(text, true)));
}

describe('fast path', () => {
  it('reads every corpus file, and builds the same document as the full parser', () => {
    const files = corpusTfFiles();
    let fast = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      if (readsFast(text)) fast++;
      assertSame(text);
    }
    // The corpus is valid Terraform: the fast path reads all of it (values it does not handle go to the full parser one by one).
    assert.equal(fast, files.length);
  });

  it('reads the benchmark file the same way', () => {
    const text = generate('tf', 60);
    assert.ok(readsFast(text));
    assertSame(text);
  });

  it('hands each value it does not read to the full parser, with the same nodes and comments', () => {
    const text = [
      '# head',
      'locals {',
      '  a = merge(var.x, { b = 1 }) # after a call',
      '  c = var.on ? "yes" : "no"',
      '  d = "prefix-${var.name}-suffix"',
      '  e = <<-EOT',
      '    line ${var.x}',
      '    EOT',
      '  f = [for s in var.list : upper(s) if s != ""]',
      '  g = { for k, v in var.m : k => v }',
      '  h = -var.n',
      '  i = 1 + 2 * 3',
      '  j = jsonencode({',
      '    // inside',
      '    Statement = [{ Effect = "Allow", Action = "*" }]',
      '  })',
      '  k = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]',
      '  l = { "quoted key" = 1, plain = "x\\n\\"y\\"", dollars = "$${not}" }',
      '  m = [1, -2.5e3, true, null, var.a[0].b, var.c[*].d, var.e.*.f]',
      '}',
      'resource "aws_s3_bucket" "b" { bucket = lower("B") }',
      'top = 1 /* top-level attribute */',
      '',
    ].join('\n');
    assert.ok(readsFast(text));
    assertSame(text);
    const fast = parseTerraformFile(text).document;
    assert.deepEqual(
      fast.comments.map((c) => c.text),
      [' head', ' after a call', ' inside', ' top-level attribute '],
    );
    const d = fast.declarations.locals.get('d');
    assert.equal(d?.type, 'expr');
    assert.deepEqual(d?.type === 'expr' ? d.refs : [], ['var.name']);
    assert.equal(slice(text, fast.resources[0].typeSpan), 'aws_s3_bucket');
  });

  it('gives up on syntax errors (the full parser reports them in context)', () => {
    for (const bad of [
      'resource "a" "b" {\n  x = \n}\n',
      'resource "a" "b" {\n  x = 1\n',
      'resource "a" "b" {\n  x = f(\n}\n',
      'resource "a" "b" {\n  x = "unterminated\n}\n',
      '}\n',
      'resource "a" "b" {\n  x = 1 y = 2\n}\n',
      'resource "a" "b" {\n  x = 1\n/* open comment\n}\n',
      'resource "a" "b" {\n  inner {\nresource "c" "d" {}\n}\n',
    ]) {
      assert.equal(readsFast(bad), false, JSON.stringify(bad));
      assert.ok(parseTerraformFile(bad).document.syntaxErrors.length > 0, JSON.stringify(bad));
      assertSame(bad);
    }
  });

  it('gives up on identifiers with non-ASCII letters, which the full parser reads with Unicode tables', () => {
    const text = 'resource "a" "b" {\n  café = 1\n}\n';
    assert.equal(readsFast(text), false);
    assertSame(text);
  });

  describe('properties', () => {
    const texts = corpusTfFiles()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .filter((t) => t.length > 200);
    const fileArb = fc.integer({ min: 0, max: texts.length - 1 }).map((i) => texts[i]);

    it('random edits of corpus files: same document from both paths', () => {
      const edit = fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        del: fc.integer({ min: 0, max: 12 }),
        ins: fc.oneof(
          fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '${', '$${', '%{', '<<EOF\n', '#', '//', '/*', '*/', '=', ':', ',', '\n', '\r\n', '\\', '~}', '.', '*', '-', '-1', 'x', 'é', '\ufeff', ' '),
          fc.string({ maxLength: 4 }),
        ),
      });
      let fast = 0;
      fc.assert(
        fc.property(fileArb, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
          const t = applyEdits(text, edits);
          if (readsFast(t)) fast++;
          assertSame(t);
        }),
        { numRuns: 400 },
      );
      // About one edited file in ten stays valid (edits inside strings and comments, spaces): the comparison must not be all give-ups.
      assert.ok(fast > 10, `fast path read only ${fast} of 400 edited files`);
    });

    /** Random attribute values mixing what the fast path reads and what it hands on. */
    const valueArb: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', '-2', '3.5', '1e3', '-0', 'true', 'false', 'null', 'var.x', 'a.b[0].c', 'a[*].b', 'a.*.b', 'f(1)', 'x ? 1 : 2', '"${a}"', '"a\\"b"', '"$${a}"', '"%%{a}"', '"\\u00e9"', '""', 'a.0', 'a [0]', 'a .b', '1 + 1'),
        fc.tuple(fc.array(tie('value'), { maxLength: 3 }), fc.constantFrom(', ', ',\n', ' ,')).map(([xs, sep]) => `[${xs.join(sep)}]`),
        fc
          .tuple(
            fc.array(fc.tuple(fc.constantFrom('k', '"q k"', 'k-2', '"${x}"', 'a.b'), fc.constantFrom(' = ', ': ', '='), tie('value')), { maxLength: 3 }),
            fc.constantFrom(', ', '\n', ' # c\n'),
          )
          .map(([kvs, sep]) => `{${kvs.map(([k, s, v]) => k + s + v).join(sep)}}`),
      ),
    })).value;

    it('random values: same document from both paths, and most files read fast', () => {
      let fast = 0;
      fc.assert(
        fc.property(fc.array(valueArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' // trailing', ' /* c */'), (values, trail) => {
          const text = `resource "aws_thing" "t" {\n${values.map((v, i) => `  a${i} = ${v}${trail}`).join('\n')}\n  nested "label" {\n    x = ${values[0]}\n  }\n}\n`;
          if (readsFast(text)) fast++;
          assertSame(text);
        }),
        { numRuns: 600 },
      );
      assert.ok(fast > 300, `fast path read only ${fast} of 600 files`);
    });
  });
});

describe('fast path on hostile input', () => {
  it('names built to collide in its string table ("Aa" and "BB" hash alike) are read in linear time, all distinct', () => {
    // 2^14 distinct 28-character keys with one hash: a table without a probe limit would compare them pairwise.
    const keys: string[] = [''];
    for (let i = 0; i < 14; i++) keys.splice(0, keys.length, ...keys.flatMap((k) => [k + 'Aa', k + 'BB']));
    const text = `resource "aws_thing" "t" {\n  tags = {\n${keys.map((k, i) => `    ${k} = "${k}${i % 2}"`).join('\n')}\n  }\n}\n`;
    const fast = parseHclFast(text, isTop);
    assert.ok(fast);
    const tags = fast.items[0].block?.body.entries[0].value;
    assert.equal(tags?.type === 'map' ? new Set(tags.entries.map((e) => e.key)).size : 0, keys.length);
    assertSame(text);
  });
});
