/**
 * The parsers on hostile input ("Never silent, never frozen"): long arrays (no spread overflow), regular expressions on
 * adversarial text (linear time), deep nesting (a clear syntax error where it starts, no stack overflow, no OOM, the
 * other resources kept), a leading BOM (nothing), and the cases that already held (alias bombs, binary, long lines,
 * reference cycles). Each case asserts a clear outcome and a hang bound.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { run } from '../../../server/src/cli/main';
import type { Analysis } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';
import { asMap, get } from '../../../server/src/core/model/nodes';
import type { ValueNode } from '../../../server/src/core/model/types';
import { parseCfnJson } from '../../../server/src/core/parse/cfn-json';
import { parseCfnYaml } from '../../../server/src/core/parse/cfn-yaml';
import * as Y from 'yaml';
import { ALIASES_MESSAGE, guardYaml, MAX_DEEP_REGIONS, MAX_NESTING, MAX_YAML_NESTING, nestingMessage } from '../../../server/src/core/parse/nesting';
import { parseTerraformJson } from '../../../server/src/core/parse/terraform-json';
import { parseTerraformPlan } from '../../../server/src/core/parse/terraform-plan';
import { scanComments } from '../../../server/src/core/parse/yaml-convert';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { slice } from '../helpers';

/**
 * A hang bound, not a speed assertion: every case here takes milliseconds to a few hundred; before the fixes they took
 * from 17 s to minutes, or ran out of memory.
 */
// A hang bound, not a speed assertion: generous for a loaded 2-core machine (these take well under a second alone).
const HANG_MS = 10_000;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

function analyze(fileName: string, text: string): Analysis {
  const { value, ms } = timed(() => analyzeText(fileName, text));
  assert.ok(ms < HANG_MS, `${fileName}: ${Math.round(ms)} ms (hang bound ${HANG_MS} ms)`);
  return value;
}

function ids(a: Analysis): string[] {
  return a.resources.map((r) => r.resource.id);
}

function messages(a: Analysis): string[] {
  return a.doc.syntaxErrors.map((e) => e.message);
}

const YAML_LIMIT = nestingMessage(MAX_YAML_NESTING);
const JSON_LIMIT = nestingMessage(MAX_NESTING);

/** A CloudFormation YAML template: bucket A, then bucket B whose property X is `value` (written after `X: `). */
function yamlWith(value: string, after = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${value}\n${after}`;
}

/** The same in JSON, with a bucket C after B. */
function jsonWith(value: string): string {
  return `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${value}, "Y": 1}}, "C": {"Type": "AWS::S3::Bucket"}}}`;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parsers-hostile-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(name: string, text: string | Buffer): Promise<{ code: number; out: string; err: string; ms: number }> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = await run(['scan', '--no-config', '--format', 'json', file], { out: (s) => (out += s), err: (s) => (err += s) });
  const ms = performance.now() - t0;
  assert.ok(ms < HANG_MS, `CLI on ${name}: ${Math.round(ms)} ms (hang bound ${HANG_MS} ms)`);
  return { code, out, err, ms };
}

describe('long arrays: no spread overflow (push(...x) throws past ~125,000 elements)', () => {
  it('YAML: `Resources:` then 200,000 comment lines, then resources (was "could not analyze this file")', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${'  # c\n'.repeat(200_000)}  A:\n    Type: AWS::S3::Bucket\n`;
    const a = analyze('t.yaml', text);
    assert.deepEqual(ids(a), ['A']);
    assert.deepEqual(messages(a), []);
    assert.equal(a.doc.comments.length, 200_000);
  });

  it('YAML: 200,000 comment lines inside one resource', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n${'    # c\n'.repeat(200_000)}  B:\n    Type: AWS::S3::Bucket\n`;
    assert.deepEqual(ids(analyze('t.yaml', text)), ['A', 'B']);
  });

  it('the CLI on the 200,000 comment lines (was a RangeError thrown out of the CLI)', async () => {
    const r = await cli('comments.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${'  # c\n'.repeat(200_000)}  A:\n    Type: AWS::SQS::Queue\n`);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    const report = JSON.parse(r.out) as { files: { resources?: unknown[] }[] };
    assert.equal(report.files.length, 1);
  });

  it('Terraform: 200,000 lexical errors (unterminated strings) are all reported', () => {
    const text = `resource "aws_s3_bucket" "a" {\n}\n${'x = "\n'.repeat(200_000)}`;
    const a = analyze('t.tf', text);
    assert.deepEqual(ids(a), ['aws_s3_bucket.a']);
    assert.ok(a.doc.syntaxErrors.length >= 200_000);
  });

  it('Fn::Or over 200,000 unknown conditions', () => {
    const ors = Array.from({ length: 200_000 }, (_, i) => `!Equals [!Ref P, v${i}]`).join(', ');
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P:\n    Type: String\nConditions:\n  C: !Or [${ors}]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: C\n`;
    const doc = parseCfnYaml(text);
    const { value, ms } = timed(() => createEvaluator(doc).evaluate(doc.declarations.conditions.get('C')));
    assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
    assert.equal(value.known, false);
  });
});

describe('regular expressions on adversarial text: linear time (~1,000,000 characters each)', () => {
  it('a top-level key line of 1,000,000 spaces (the key regex backtracked: 17 s for 200,000, minutes for 1,000,000)', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\na${' '.repeat(1_000_000)}x\nResources:\n  A:\n    Type: AWS::S3::Bucket\n`;
    const a = analyze('t.yaml', text);
    assert.deepEqual(ids(a), ['A']);
    assert.ok(a.doc.syntaxErrors.length > 0, 'the line without a colon is a syntax error');
  });

  it('top-level key lines: spaces and tabs before a colon far away, quoted keys never closed', () => {
    const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
    const tail = '\nResources:\n  A:\n    Type: AWS::S3::Bucket\n';
    assert.deepEqual(ids(analyze('t.yaml', `${head}a${' \t'.repeat(500_000)}: b${tail}`)), ['A']);
    assert.deepEqual(ids(analyze('t.yaml', `${head}"${'a\\"'.repeat(300_000)}": b${tail}`)), ['A']);
    // A quote never closed takes in the rest of the file, as YAML reads it: no template, but no hang either.
    for (const line of [`"${'a'.repeat(1_000_000)}`, `'${"''".repeat(500_000)}`, `-a${' '.repeat(1_000_000)}#`]) analyze('t.yaml', `${head}${line}${tail}`);
  });

  it('a section line with 500,000 ` #` before a line separator (the comment regex after a key)', () => {
    const text = `AWSTemplateFormatVersion: b${' #'.repeat(500_000)}\u2028\nResources:\n  A:\n    Type: AWS::S3::Bucket\n`;
    assert.deepEqual(ids(analyze('t.yaml', text)), ['A']);
  });

  it('YAML comments: a line of 500,000 `#` not after a space, and 500,000 ` #` inside quotes', () => {
    for (const value of [`a${'#a'.repeat(500_000)}`, `"${' #'.repeat(500_000)}"`, `'${' #'.repeat(500_000)}'`]) {
      assert.deepEqual(ids(analyze('t.yaml', yamlWith(value))), ['A', 'B']);
      const { ms } = timed(() => scanComments(`x: ${value}\n`, 0));
      assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
    }
  });

  it('a flow sequence of 250,000 single-quoted strings on one line (the fast parser looked for the line end each time)', () => {
    const a = analyze('t.yaml', yamlWith(`[${"'a', ".repeat(250_000)}'a']`));
    assert.deepEqual(ids(a), ['A', 'B']);
    assert.deepEqual(messages(a), []);
  });

  it('Fn::Sub of 500,000 `${` without a `}`', () => {
    const doc = parseCfnYaml(yamlWith(`!Sub "${'${'.repeat(500_000)}"`));
    const x = get(asMap(doc.resources[1].properties), 'X');
    const { value, ms } = timed(() => createEvaluator(doc).evaluate(x));
    assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
    // The template is its own value (no `${...}` to substitute), too long to be kept as a computed string.
    assert.ok(!value.known && value.dependsOn.some((d) => d.includes('longer than')), JSON.stringify(value).slice(0, 200));
  });

  it('Fn::Sub still substitutes `${Name}` and keeps `${!Literal}`', () => {
    const doc = parseCfnYaml(yamlWith('!Sub "a-${P}-${!Lit}-${AWS::NoSuch}-${Res.Arn}-${P"', 'Parameters:\n  P:\n    Type: String\n    Default: v\n'));
    const r = createEvaluator(doc).evaluate(get(asMap(doc.resources[1].properties), 'X'));
    assert.equal(r.known, false, 'an attribute is unknown');
    const doc2 = parseCfnYaml(yamlWith('!Sub "a-${P}-${!Lit}-${P"', 'Parameters:\n  P:\n    Type: String\n    Default: v\n'));
    const r2 = createEvaluator(doc2).evaluate(get(asMap(doc2.resources[1].properties), 'X'));
    assert.ok(r2.known);
    assert.equal(r2.value, 'a-v-${Lit}-${P');
  });

  it('JSON: an unterminated block comment and a string of 1,000,000 backslashes', () => {
    for (const text of [`{"Resources": {"A": {"Type": "AWS::S3::Bucket"}}} /*${'*'.repeat(1_000_000)}`, jsonWith(`"${'\\\\'.repeat(500_000)}"`)]) {
      const a = analyze('t.json', text);
      assert.ok(ids(a).includes('A'));
    }
  });

  it('expressions that were linear already stay so: aliases, numbers, plan addresses, comments in JSON', () => {
    const aliases = analyze('t.yaml', yamlWith(`[${' *a,'.repeat(250_000)} b]`));
    assert.deepEqual(ids(aliases), ['A', 'B']);
    assert.ok(messages(aliases).includes(ALIASES_MESSAGE), messages(aliases).slice(0, 3).join('\n'));
    for (const n of [`1${'0'.repeat(1_000_000)}x`, `1.${'0'.repeat(1_000_000)}e`, `0x${'f'.repeat(1_000_000)}g`]) assert.deepEqual(ids(analyze('t.yaml', yamlWith(n))), ['A', 'B']);
    const plan = `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "${'.dat'.repeat(250_000)}", "mode": "managed", "type": "aws_s3_bucket", "name": "a", "values": {}}]}}}`;
    const { ms } = timed(() => parseTerraformPlan(plan));
    assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
    assert.deepEqual(ids(analyze('t.json', `{"Resources": {"A": {"Type": "AWS::S3::Bucket"}}} /*${'*/'.repeat(1)}${' /*'.repeat(300_000)}`)), ['A']);
  });

  it('HCL: 1,000,000 `${` in a string, a heredoc marker line of 1,000,000 spaces', () => {
    for (const body of [`x = "${'${'.repeat(1_000_000)}"`, `x = <<EOT\n${' '.repeat(1_000_000)}EOT\nEOT`]) {
      const a = analyze('t.tf', `resource "aws_s3_bucket" "a" {\n}\nresource "aws_s3_bucket" "b" {\n  ${body}\n}\n`);
      assert.deepEqual(ids(a), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
    }
  });
});

describe('deep nesting: a syntax error where it starts, the rest analysed, no stack overflow, no OOM', () => {
  it('YAML: 4,500,000 `[` (9 MB) in one resource (was out of memory at 4 GB after ~50 s)', () => {
    const text = yamlWith('['.repeat(4_500_000), '  C:\n    Type: AWS::S3::Bucket\n');
    const a = analyze('t.yaml', text);
    assert.deepEqual(ids(a), ['A', 'B', 'C']);
    const e = a.doc.syntaxErrors.find((x) => x.message.startsWith(YAML_LIMIT));
    assert.ok(e, messages(a).join('\n'));
    assert.equal(text[e.span.start], '[');
  });

  it('YAML: a document of only 4,500,000 `[` (not a template, no crash)', () => {
    const a = analyze('t.yaml', '['.repeat(4_500_000));
    assert.equal(a.doc.isTemplate, false);
    assert.ok(messages(a).some((m) => m.startsWith(YAML_LIMIT)));
  });

  it('YAML: nesting deeper than the limit is an unknown value; the resource and its other properties stay', () => {
    const deep = `${'['.repeat(MAX_YAML_NESTING)}${']'.repeat(MAX_YAML_NESTING)}`;
    const a = analyze('t.yaml', yamlWith(deep, '      Y: 1\n  C:\n    Type: AWS::S3::Bucket\n'));
    assert.deepEqual(ids(a), ['A', 'B', 'C']);
    assert.ok(messages(a).includes(YAML_LIMIT), messages(a).join('\n'));
    const props = asMap(a.doc.resources[1].properties);
    assert.deepEqual(get(props, 'Y'), { type: 'scalar', span: get(props, 'Y')?.span, value: 1 });
    let n: ValueNode | undefined = get(props, 'X');
    let levels = 0;
    while (n?.type === 'list') {
      n = n.items[0];
      levels++;
    }
    assert.ok(levels > 0 && levels < MAX_YAML_NESTING, `${levels}`);
    assert.equal(n?.type, 'expr');
    assert.ok(n?.type === 'expr' && n.unknown?.includes('not analyzed'));
  });

  it('YAML: 1,000,000 block sequence levels (`- - - ...`) and 300,000 `a: ` on one line', () => {
    for (const value of [`\n        ${'- '.repeat(1_000_000)}a`, 'a: '.repeat(300_000) + 'b']) {
      const a = analyze('t.yaml', yamlWith(value, '  C:\n    Type: AWS::S3::Bucket\n'));
      assert.deepEqual(ids(a), ['A', 'B', 'C']);
      assert.ok(a.doc.syntaxErrors.length > 0);
    }
    const a = analyze('t.yaml', yamlWith(`\n        ${'- '.repeat(1_000_000)}a`, '  C:\n    Type: AWS::S3::Bucket\n'));
    assert.ok(messages(a).some((m) => m.startsWith(YAML_LIMIT)), messages(a).join('\n'));
  });

  it('YAML: 1,000 levels of indented mappings (a block structure, one key per line)', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(6 + i)}k${i}:`).join('\n');
    const a = analyze('t.yaml', yamlWith(`\n${lines} v`, '  C:\n    Type: AWS::S3::Bucket\n'));
    assert.deepEqual(ids(a), ['A', 'B', 'C']);
    assert.ok(messages(a).includes(YAML_LIMIT), messages(a).join('\n'));
  });

  it('YAML: a whole-document parse (an alias anywhere) with deep nesting keeps the other resources', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nx: &a v\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Y: *a\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(100_000)}\n  C:\n    Type: AWS::S3::Bucket\n`;
    const a = analyze('t.yaml', text);
    assert.ok(messages(a).some((m) => m.startsWith(YAML_LIMIT)));
    assert.ok(ids(a).includes('A'));
  });

  it('YAML: nesting through aliases deeper than the limit is reported, not silently cut', () => {
    // 30 anchors of 20 levels each: 600 levels once the aliases are expanded (the text itself is 20 deep).
    const anchors = Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} ${'['.repeat(20)}*a${i}${']'.repeat(20)}`).join('\n');
    const text = `AWSTemplateFormatVersion: "2010-09-09"\na0: &a0 [x]\n${anchors}\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: *a30\n`;
    const a = analyze('t.yaml', text);
    assert.deepEqual(ids(a), ['A']);
    assert.ok(messages(a).some((m) => m.startsWith(YAML_LIMIT) && m.includes('aliases')), messages(a).join('\n'));
  });

  it('YAML: what the library nests in the masked text stays within the limit (+2), on 600 fixed random texts', () => {
    // The guard counts the library's error recovery too (`a: b: c`, `[a [b]]`, `- ` in flow, cut flows, closed keys):
    // texts that repeat random pieces of YAML syntax, with a small limit, against the library's own tree.
    const pieces = ['[', ']', '{', '}', ',', ' ', '  ', '\n', '\n  ', '- ', '? ', ': ', 'a', 'b: ', '"', "'", '#', '|', '>', '!t ', '&x ', '*x', '---\n', 'k:\n', '  - ', '\t', ':', '-'];
    let seed = 20_251;
    const rnd = (k: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % k;
    };
    const unit = (): string => Array.from({ length: 1 + rnd(4) }, () => pieces[rnd(pieces.length)]).join('');
    const depthOf = (n: unknown, d = 0): number => {
      if (Y.isMap(n)) return n.items.reduce((m: number, p) => Math.max(m, depthOf(p.key, d + 1), depthOf(p.value, d + 1)), d + 1);
      if (Y.isSeq(n)) return n.items.reduce((m: number, i) => Math.max(m, depthOf(i, d + 1)), d + 1);
      return d;
    };
    const limit = 30;
    let worst = 0;
    for (let k = 0; k < 600; k++) {
      let text = '';
      for (let j = 1 + rnd(3); j > 0; j--) text += unit() + unit().repeat(20 + rnd(80));
      const g = guardYaml(text, 0, limit);
      const docs = [...new Y.Composer({ strict: false, uniqueKeys: false }).compose(new Y.Parser().parse(g.text))].slice(0, 2);
      for (const d of docs) worst = Math.max(worst, depthOf(d.contents));
      assert.ok(worst <= limit + 2, `${JSON.stringify(text)}: depth ${worst}`);
    }
  });

  it('YAML within the limit: 200 nested flow sequences and 400 block levels read as written, no error', () => {
    const flow = analyze('t.yaml', yamlWith(`${'['.repeat(200)}1${']'.repeat(200)}`));
    assert.deepEqual(messages(flow), []);
    const lines = Array.from({ length: 400 }, (_, i) => `${' '.repeat(6 + i)}k${i}:`).join('\n');
    const block = analyze('t.yaml', yamlWith(`\n${lines} v`));
    assert.deepEqual(messages(block), []);
  });

  it('JSON nested 6,000 deep (lost the whole template): an unknown value there, the other resources kept', () => {
    const text = jsonWith(`${'['.repeat(6000)}${']'.repeat(6000)}`);
    const a = analyze('t.json', text);
    assert.deepEqual(ids(a), ['A', 'B', 'C']);
    assert.deepEqual(messages(a), [JSON_LIMIT]);
    assert.equal(text[a.doc.syntaxErrors[0].span.start], '[');
    const props = asMap(a.doc.resources[1].properties);
    assert.equal(get(props, 'Y')?.type, 'scalar');
  });

  it('JSON: 4,500,000 `[` never closed, and 1,000 levels exactly (no error)', () => {
    const a = analyze('t.json', jsonWith('['.repeat(4_500_000)));
    assert.ok(ids(a).includes('A'));
    assert.equal(messages(a)[0], JSON_LIMIT);
    // Root object, Resources, B, Properties: 4 levels; then 996 arrays make 1,000.
    const ok = parseCfnJson(jsonWith(`${'['.repeat(MAX_NESTING - 4)}${']'.repeat(MAX_NESTING - 4)}`));
    assert.deepEqual(ok.syntaxErrors, []);
    const over = parseCfnJson(jsonWith(`${'['.repeat(MAX_NESTING - 3)}${']'.repeat(MAX_NESTING - 3)}`));
    assert.deepEqual(over.syntaxErrors.map((e) => e.message), [JSON_LIMIT]);
  });

  it('JSON: strings and comments with brackets do not count; more than 100 deep places mask the rest', () => {
    const quoted = parseCfnJson(jsonWith(`["${'['.repeat(5000)}", "\\"]]", 1] /* ${'{'.repeat(5000)} */`));
    assert.deepEqual(quoted.syntaxErrors, []);
    const many = parseCfnJson(jsonWith(`${'['.repeat(996)}${'[], '.repeat(1000)}[]${']'.repeat(996)}`));
    assert.equal(many.syntaxErrors.filter((e) => e.message.startsWith(JSON_LIMIT)).length, MAX_DEEP_REGIONS + 1);
    assert.deepEqual(many.resources.map((r) => r.id), ['A', 'B']);
  });

  it('.tf.json nested 6,000 deep, and 1,000,000 `[` never closed: the other resources kept', () => {
    for (const value of [`${'['.repeat(6000)}${']'.repeat(6000)}`, '['.repeat(1_000_000)]) {
      const text = `{"resource": {"aws_s3_bucket": {"a": {}, "b": {"x": ${value}}}}}`;
      const { value: doc, ms } = timed(() => parseTerraformJson(text));
      assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
      assert.deepEqual(doc.resources.map((r) => r.id), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
      assert.equal(doc.syntaxErrors[0].message, JSON_LIMIT);
    }
  });

  it('plan JSON nested 10,000 deep (broken JSON: the tolerant reader) and 100,000 deep (valid)', () => {
    const plan = (value: string, tail: string): string =>
      `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a", "values": {"x": ${value}}}]}}${tail}`;
    for (const [value, tail] of [
      [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, ', }'],
      [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, '}'],
    ]) {
      const { value: doc, ms } = timed(() => parseTerraformPlan(plan(value, tail)));
      assert.ok(ms < HANG_MS, `${Math.round(ms)} ms`);
      assert.deepEqual(doc.resources.map((r) => r.id), ['aws_s3_bucket.a']);
    }
  });

  it('HCL: 1,000,000 `(`, 1,000,000 `[`, 1,000,000 nested blocks, 1,000,000 `"${`: the other resource kept', () => {
    for (const body of [`x = ${'('.repeat(1_000_000)}`, `x = ${'['.repeat(1_000_000)}`, 'a {'.repeat(1_000_000), `x = ${'"${'.repeat(1_000_000)}`]) {
      const a = analyze('t.tf', `resource "aws_s3_bucket" "a" {\n}\nresource "aws_s3_bucket" "b" {\n  ${body}\n}\n`);
      assert.deepEqual(ids(a), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
      assert.ok(a.doc.syntaxErrors.length > 0);
    }
  });

  it('HCL: 500,000 operators in a row (left-deep expression trees)', () => {
    for (const expr of [`${'1+'.repeat(500_000)}1`, `${'!'.repeat(1_000_000)}true`, `${'-'.repeat(1_000_000)}1`]) {
      const a = analyze('t.tf', `resource "aws_s3_bucket" "a" {\n  bucket = ${expr}\n}\n`);
      assert.deepEqual(ids(a), ['aws_s3_bucket.a']);
    }
  });

  it('the CLI on a 9 MB YAML of nested `[` and on JSON nested 6,000 deep (was out of memory / the template lost)', async () => {
    const y = await cli('deep.yaml', yamlWith('['.repeat(4_500_000)));
    assert.ok(y.code === 0 || y.code === 1, y.err);
    const yr = JSON.parse(y.out) as { files: { errors?: { message: string }[] }[] };
    assert.ok(yr.files[0].errors?.some((e) => e.message.startsWith(YAML_LIMIT)));
    const j = await cli('deep.json', jsonWith(`${'['.repeat(6000)}${']'.repeat(6000)}`));
    assert.ok(j.code === 0 || j.code === 1, j.err);
    const jr = JSON.parse(j.out) as { files: { errors?: { message: string }[] }[] };
    assert.deepEqual(jr.files[0].errors?.map((e) => e.message), [JSON_LIMIT]);
  });
});

describe('the YAML library: what it takes long or goes past the end on', () => {
  it('keys nested in keys (`? ? ? x`): their text, not the library stringifying them (exponential in the depth)', () => {
    for (const n of [40, 200, 2000]) {
      const a = analyze('t.yaml', yamlWith(`\n        ${'? '.repeat(n)}x`, '  C:\n    Type: AWS::S3::Bucket\n'));
      assert.deepEqual(ids(a), ['A', 'B', 'C']);
    }
  });

  it('1,000,000 `---`: the first document and the fact that there are more, not a million documents composed', () => {
    const a = analyze('t.yaml', `Resources:\n  A:\n    Type: AWS::S3::Bucket\n${'---\n'.repeat(1_000_000)}`);
    assert.deepEqual(ids(a), ['A']);
    assert.equal(a.doc.syntaxErrors.length, 1);
    assert.match(a.doc.syntaxErrors[0].message, /single YAML document/);
  });

  it('syntax errors at the end of the text stay within it', () => {
    for (const text of ['Resources:\n  A:\n    Type: [', 'Resources:\n  A: {', 'x: "', 'x: [a, {b: [c']) {
      const doc = parseCfnYaml(text);
      for (const e of doc.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
    }
  });
});

describe('a leading byte order mark is nothing (spans stay offsets into the text)', () => {
  const BOM = '\ufeff';

  it('CloudFormation JSON and YAML (JSON was a syntax error)', () => {
    for (const [name, text] of [
      ['t.json', `${BOM}{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}`],
      ['t.template', `${BOM}{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}`],
      ['t.yaml', `${BOM}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n`],
      ['t.yaml', `${BOM}AWSTemplateFormatVersion: "2010-09-09"\nx: &a v\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Y: *a\n`],
    ]) {
      const a = analyze(name, text);
      assert.deepEqual(messages(a), [], `${name}: ${JSON.stringify(text.slice(0, 40))}`);
      assert.deepEqual(ids(a), ['Bucket']);
      const r = a.doc.resources[0];
      assert.equal(slice(text, r.nameSpan).replace(/"/g, ''), 'Bucket');
      assert.equal(slice(text, r.typeSpan).replace(/"/g, ''), 'AWS::S3::Bucket');
    }
  });

  it('YAML with a BOM is still read in chunks (one per resource)', () => {
    const text = `${BOM}AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::SQS::Queue\n`;
    const doc = parseCfnYaml(text);
    assert.deepEqual(doc.resources.map((r) => [r.id, slice(text, r.nameSpan)]), [['A', 'A'], ['B', 'B']]);
  });

  it('Terraform HCL, .tf.json and plans (valid and broken)', () => {
    const tf = analyze('t.tf', `${BOM}resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n`);
    assert.deepEqual([ids(tf), messages(tf)], [['aws_s3_bucket.b'], []]);
    const tfText = `${BOM}{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}`;
    const tj = analyze('t.tf.json', tfText);
    assert.deepEqual([ids(tj), messages(tj)], [['aws_s3_bucket.b'], []]);
    assert.equal(slice(tfText, tj.doc.resources[0].nameSpan), 'b');
    const plan = (tail: string): string =>
      `${BOM}{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}}]}}${tail}`;
    for (const [tail, errors] of [['}', 0], [', }', 1]] as const) {
      const doc = parseTerraformPlan(plan(tail));
      assert.deepEqual(doc.resources.map((r) => r.id), ['aws_s3_bucket.b']);
      assert.equal(doc.syntaxErrors.length, errors, doc.syntaxErrors.map((e) => e.message).join('\n'));
    }
  });
});

describe('cases that already held', () => {
  it('an alias bomb (billion laughs) stops with an error', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(97 + i - 1);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${p}`).join(',')}]`);
    }
    const text = `AWSTemplateFormatVersion: "2010-09-09"\n${levels.join('\n')}\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: *i\n`;
    const a = analyze('t.yaml', text);
    assert.deepEqual(ids(a), ['A']);
    assert.ok(messages(a).some((m) => m.includes('alias bomb')));
  });

  it('binary: NUL bytes are refused by the CLI with a message; the parsers do not throw on them', async () => {
    const bin = Buffer.alloc(100_000);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    const r = await cli('bin.yaml', bin);
    assert.equal(r.code, 2);
    assert.match(r.err, /binary/);
    const text = bin.toString('latin1');
    for (const name of ['t.yaml', 't.json', 't.tf', 't.tf.json']) analyze(name, text);
  });

  it('a 5 MB single line in each syntax', () => {
    const long = 'a'.repeat(5 * 1024 * 1024);
    assert.deepEqual(ids(analyze('t.yaml', yamlWith(long))), ['A', 'B']);
    assert.deepEqual(ids(analyze('t.json', jsonWith(`"${long}"`))), ['A', 'B', 'C']);
    assert.deepEqual(ids(analyze('t.tf', `resource "aws_s3_bucket" "a" {\n  bucket = "${long}"\n}\n`)), ['aws_s3_bucket.a']);
    assert.equal(analyze('t.yaml', long).doc.isTemplate, false);
  });

  it('reference cycles: locals, parameters, conditions that refer to themselves', () => {
    const tf = analyze('t.tf', 'locals {\n  a = local.b\n  b = local.a\n  c = local.c\n}\nresource "aws_s3_bucket" "a" {\n  bucket = local.a\n  acl = local.c\n}\n');
    assert.deepEqual(ids(tf), ['aws_s3_bucket.a']);
    const cfn = analyze(
      't.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P:\n    Type: String\n    Default: !Ref P\nConditions:\n  C: !Condition C\n  D: !Not [!Condition E]\n  E: !And [!Condition D, !Equals [!Ref P, x]]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: C\n    Properties:\n      BucketName: !If [D, !Ref P, !Ref A]\n',
    );
    assert.deepEqual(ids(cfn), ['A']);
    const doc = cfn.doc;
    const ev = createEvaluator(doc);
    assert.equal(ev.evaluate(doc.declarations.conditions.get('C')).known, false);
    assert.equal(ev.evaluate(get(asMap(doc.resources[0].properties), 'BucketName')).known, false);
  });
});

describe('spans at the very end of the text stay within it (found by npm run fuzz, seed 1)', () => {
  const inText = (name: string, text: string): void => {
    const a = analyzeText(name, text);
    for (const c of a.doc.comments) assert.ok(c.span.start >= 0 && c.span.end <= text.length, `${name}: comment ${JSON.stringify(c.span)} in ${text.length}`);
    for (const e of a.doc.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.end <= text.length, `${name}: error ${JSON.stringify(e.span)} in ${text.length}: ${e.message}`);
  };

  it('an unterminated block comment at the end of CloudFormation JSON and .tf.json (jsonc-parser reports it one past)', () => {
    inText('t.json', '{"Resources":{}} /*');
    inText('t.json', '{"Resources":{}}\u2028/*');
    inText('main.tf.json', '{"resource":{}} /*');
  });

  it('YAML: deep unclosed flow nesting at the end, in a resource (the masked text the library parsed is not the text)', () => {
    const head = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ';
    inText('t.yaml', head + '!Select ['.repeat(800));
    inText('t.yaml', head + '['.repeat(700) + '{a: '.repeat(300));
    inText('t.yaml', head + '[\n'.repeat(600) + '\t- ');
  });
});

describe('many syntax errors (found by npm run fuzz, seed 1)', () => {
  it('YAML: 100,000 stray commas are at most 50 errors, in bounded time (the library made an Error with a stack for each)', () => {
    const text = `Resources:\n  A:\n    Type: AWS::S3::Bucket\n? [a]\n: ${','.repeat(100_000)}\n`;
    const a = analyze('t.yml', text);
    assert.ok(a.doc.syntaxErrors.length > 0 && a.doc.syntaxErrors.length <= 50, `${a.doc.syntaxErrors.length} errors`);
    assert.equal(Error.stackTraceLimit > 0, true, 'the stack trace limit is restored');
  });
});
