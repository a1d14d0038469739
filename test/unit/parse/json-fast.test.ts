import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseCfnJson, parseJsonValue, parseJsonWithLibrary } from '../../../server/src/core/parse/cfn-json';
import { parseJsonFast } from '../../../server/src/core/parse/json-fast';
import { templateFromRoot } from '../../../server/src/core/parse/cfn-template';
import { MAX_NESTING } from '../../../server/src/core/parse/nesting';
import type { ValueNode } from '../../../server/src/core/model/types';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { generate } from '../../../bench/generate';
import { plainTree, ROOT } from '../helpers';
import { corpusYamlFiles } from '../yaml-fast/chunks';

/**
 * The fast path either declines (undefined) or gives exactly the jsonc-parser path's tree, spans included, for a text the
 * library reads without errors or comments; and `parseJsonValue` (which dispatches) always equals the library path.
 */
function agrees(text: string): boolean {
  const fast = parseJsonFast(text);
  const lib = parseJsonWithLibrary(text);
  if (fast !== undefined) {
    assert.deepEqual(lib.errors, [], `fast path took a text with errors: ${JSON.stringify(text.slice(0, 200))}`);
    assert.deepEqual(lib.comments, []);
    assert.deepStrictEqual(plainTree(fast), plainTree(lib.root), JSON.stringify(text.slice(0, 200)));
  }
  assert.deepStrictEqual(plainTree(parseJsonValue(text)), plainTree(lib));
  return fast !== undefined;
}

/** Agrees, and the fast path took it. */
function handled(text: string): ValueNode {
  assert.ok(agrees(text), `the fast path should take ${JSON.stringify(text.slice(0, 200))}`);
  return parseJsonFast(text) as ValueNode;
}

/** Agrees, and the fast path declined it. */
function declined(text: string): void {
  assert.equal(agrees(text), false, `the fast path should decline ${JSON.stringify(text.slice(0, 200))}`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------------------

/** Any UTF-16 code unit: lone surrogates, controls, quotes and backslashes included (JSON.stringify escapes them). */
const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ maxLength: 12 }), fc.constantFrom('Ref', 'Fn::If', 'Fn::Sub', 'Fn::GetAtt', 'Fn::', 'Type', ''));
/** Numbers as JSON spells them: the grammar's corners (-0, exponents, long mantissas, overflow to Infinity, underflow). */
const numberText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.bigInt({ min: 1n, max: 10n ** 25n }).map(String)),
    fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,4}$/)), { nil: undefined }),
  )
  .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac !== undefined ? '.' + frac : ''}${exp ? exp.join('') : ''}`);
/** JSON whitespace as JSON allows it (jsonc-parser reads the same). */
const ws = fc.array(fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\r'), { maxLength: 3 }).map((a) => a.join(''));

/** A string literal: JSON.stringify's, or one with escapes of every kind written by hand. */
const stringText = fc.oneof(
  anyString.map((s) => JSON.stringify(s)),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0000', '\\ud800', '\\uDFFF', '\\uD83D\\uDE00', '\\u00e9', '\\u2028', 'a', 'é', '\u2028', '😀'),
        fc.integer({ min: 0, max: 0xffff }).map((c) => '\\u' + c.toString(16).padStart(4, '0')),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      ),
      { maxLength: 8 },
    )
    .map((parts) => `"${parts.join('')}"`),
);

/** JSON text with random formatting, directly from a grammar. */
const { text: jsonText } = fc.letrec<{ text: string; value: string; object: string; array: string }>((tie) => ({
  text: fc.tuple(ws, tie('value'), ws).map(([a, v, b]) => a + v + b),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringText,
    numberText,
    fc.constantFrom('true', 'false', 'null'),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(ws, fc.oneof(stringText, fc.constantFrom('"Ref"', '"Fn::If"', '"Fn::GetAtt"', '"Condition"')), ws, ws, tie('value'), ws), { maxLength: 4 })
    .chain((props) => ws.map((w) => `{${props.length === 0 ? w : props.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}}`)),
  array: fc
    .array(fc.tuple(ws, tie('value'), ws), { maxLength: 4 })
    .chain((items) => ws.map((w) => `[${items.length === 0 ? w : items.map(([a, v, b]) => a + v + b).join(',')}]`)),
}));

/** An intrinsic function call as a CloudFormation template writes it. */
const intrinsic: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => ({ Ref: s })),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('Arn', 'Name')).map((a) => ({ 'Fn::GetAtt': a })),
  fc.string({ maxLength: 12 }).map((s) => ({ 'Fn::Sub': `\${${s}}-x` })),
  fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), fc.constant({ Ref: 'AWS::NoValue' })).map((a) => ({ 'Fn::If': a })),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }).map((xs) => ({ 'Fn::Join': ['', xs] })),
);
const propertyValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), intrinsic, fc.array(fc.record({ Key: fc.string({ maxLength: 6 }), Value: fc.oneof(fc.string(), intrinsic) }), { maxLength: 3 }));

/** A CloudFormation-like template, printed compact or indented. */
const template = fc
  .tuple(
    fc.dictionary(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/),
      fc.record(
        {
          Type: fc.constantFrom('AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::IAM::Role', 'AWS::Lambda::Function'),
          Condition: fc.string({ maxLength: 6 }),
          DependsOn: fc.oneof(fc.string({ maxLength: 6 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 })),
          Properties: fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/), propertyValue, { maxKeys: 5 }),
        },
        { requiredKeys: ['Type'] },
      ),
      { maxKeys: 6 },
    ),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ 'Fn::Equals': fc.tuple(intrinsic, fc.string({ maxLength: 4 })) }), { maxKeys: 2 }),
    fc.constantFrom(undefined, 1, 2, '\t'),
  )
  .map(([Resources, Conditions, indent]) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Conditions, Resources }, null, indent));

/** An edit that may break the text: characters that matter to JSON's grammar (and some it does not allow). */
const edit = fc.tuple(
  fc.nat(),
  fc.nat({ max: 3 }),
  fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', '/', '//x\n', '/*c*/', ' ', '\n', '\t', '\v', '\f', '\u00a0', '\ufeff', '0', '-', '.', 'e', '1e400', 'true', 'nul', 'x', '\u0000', '\u0001'),
);
function applyEdit(text: string, [at, del, ins]: [number, number, string]): string {
  const p = text.length === 0 ? 0 : at % (text.length + 1);
  return text.slice(0, p) + ins + text.slice(p + del);
}

// ---------------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------------

test('property: random JSON values, any formatting: the fast path takes them and equals the jsonc path', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 0, 1, 2, 4, '\t'), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      handled(text);
    }),
    { numRuns: 1500 },
  );
});

test('property: random JSON values with any UTF-16 code unit in strings and keys (lone surrogates, controls)', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), fc.constantFrom(undefined, 2), (v, indent) => {
      handled(JSON.stringify(v, null, indent));
    }),
    { numRuns: 1000 },
  );
});

test('property: JSON texts from the grammar (escapes, number corners, whitespace, long-form intrinsic keys, duplicates)', () => {
  fc.assert(
    fc.property(jsonText, (text) => {
      handled(text);
    }),
    { numRuns: 2000 },
  );
});

test('property: CloudFormation-like templates: the same tree, and the same ParsedDocument', () => {
  fc.assert(
    fc.property(template, (text) => {
      handled(text);
      assert.deepStrictEqual(plainTree(parseCfnJson(text)), plainTree(templateViaLibrary(text)));
    }),
    { numRuns: 500 },
  );
});

test('property: random edits of valid JSON: the fast path declines or agrees, never throws', () => {
  let taken = 0;
  let runs = 0;
  fc.assert(
    fc.property(fc.oneof(template, jsonText), fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
      runs++;
      if (agrees(edits.reduce(applyEdit, text))) taken++;
    }),
    { numRuns: 3000 },
  );
  console.log(`json-fast mutations: ${taken}/${runs} edited texts on the fast path`);
  assert.ok(taken > 0 && taken < runs);
});

/** parseCfnJson as it was before the fast path: the template from the library's tree. */
function templateViaLibrary(text: string): ReturnType<typeof parseCfnJson> {
  const lib = parseJsonWithLibrary(text);
  return templateFromRoot(lib.root, lib.errors, lib.comments);
}

// ---------------------------------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------------------------------

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) jsonFiles(p, out);
    } else if (/\.(json|template)$/i.test(e.name)) {
      out.push(p);
    }
  }
  return out;
}

test("corpus: the repository's examples and test fixtures, and the benchmark's generated templates", () => {
  const files = [...jsonFiles(path.join(ROOT, 'examples')), ...jsonFiles(path.join(ROOT, 'test'))];
  assert.ok(files.length > 0);
  let taken = 0;
  for (const f of files) if (agrees(fs.readFileSync(f, 'utf8'))) taken++;
  assert.ok(taken > 0, 'some fixture should be plain JSON');
  for (const n of [1, 10, 50]) handled(generate('json', n));
});

/** A value tree as the plain value a JSON template would write (intrinsics in long form, expressions as their text). */
function plain(node: ValueNode | undefined): unknown {
  if (!node) return null;
  switch (node.type) {
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
    case 'list':
      return node.items.map(plain);
    case 'intrinsic':
      return { [node.fn]: plain(node.arg) };
    case 'scalar':
      return node.value;
    default:
      return node.text;
  }
}

test('corpus: the real-world YAML templates written as JSON (compact and indented)', () => {
  let n = 0;
  for (const f of corpusYamlFiles()) {
    const parsed = parseYamlWithLibrary(fs.readFileSync(f, 'utf8'));
    if (parsed.errors.length > 0 || !parsed.root) continue;
    const value = plain(parsed.root);
    handled(JSON.stringify(value));
    handled(JSON.stringify(value, null, 2));
    n++;
  }
  assert.ok(n > 100, `only ${n} corpus templates read`);
});

// ---------------------------------------------------------------------------------------------------------------------
// Fixed cases
// ---------------------------------------------------------------------------------------------------------------------

test('fixed: scalars at the top, empty collections, spans of keys, values and collections', () => {
  for (const t of ['0', '-0', '"x"', 'true', 'false', 'null', '{}', '[]', ' { } ', '[ ]', '\n[\r\n]\t']) handled(t);
  const t = '{ "a" : [1, {"b": null}], "c": "d" }';
  const at = (s: string): { start: number; end: number } => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length });
  const root = handled(t);
  assert.ok(root.type === 'map');
  assert.deepEqual(root.span, { start: 0, end: t.length });
  assert.deepEqual(root.entries[0].keySpan, at('"a"'));
  assert.deepEqual(root.entries[0].value.span, at('[1, {"b": null}]'));
  assert.deepEqual(root.entries[1].keySpan, at('"c"'));
  assert.deepEqual(plainTree(root.entries[1].value), { type: 'scalar', span: at('"d"'), value: 'd' });
});

test('fixed: long-form intrinsics become intrinsic nodes; two keys or an unknown key stay a map', () => {
  const root = handled('[{"Ref":"X"},{"Fn::If":["C",1,{"Ref":"AWS::NoValue"}]},{"Ref":"X","Other":1},{"Fn::":0},{"Fnx":1},{"Ref":1,"Ref":2}]');
  assert.ok(root.type === 'list');
  assert.deepEqual(root.items.map((i) => (i.type === 'intrinsic' ? i.fn : i.type)), ['Ref', 'Fn::If', 'map', 'Fn::', 'map', 'map']);
});

test('fixed: numbers: -0, 1e400, 0.1e-7, long mantissas, exponents; malformed ones are declined', () => {
  const vals = (t: string): unknown => {
    const r = handled(t);
    return r.type === 'list' ? r.items.map((i) => (i.type === 'scalar' ? i.value : undefined)) : undefined;
  };
  const got = vals('[-0, 0, 1e400, -1e400, 0.1e-7, 1E+2, 12345678901234567890, 123456789012345, -123456789012345, 9007199254740993, 1.5, 2e-400]') as unknown[];
  assert.ok(Object.is(got[0], -0));
  assert.ok(Object.is(got[1], 0));
  assert.deepEqual(got.slice(2), [Infinity, -Infinity, 0.1e-7, 100, 12345678901234567890, 123456789012345, -123456789012345, 9007199254740993, 1.5, 0]);
  for (const t of ['01', '-', '-a', '1.', '.5', '1e', '1e+', '+1', '0x10', '1.5.3', 'NaN', 'Infinity', '-Infinity', '[1 2]', '1true']) declined(t);
});

test('fixed: strings: escapes of every kind, \\u0000, lone surrogates (escaped and raw), U+2028, huge strings', () => {
  const v = (t: string): unknown => {
    const r = handled(t);
    return r.type === 'scalar' ? r.value : undefined;
  };
  assert.equal(v('"\\u0000"'), '\u0000');
  assert.equal(v('"\\ud800"'), '\ud800');
  assert.equal(v('"\\uDC00x\\uD800"'), '\udc00x\ud800');
  assert.equal(v('"\ud800raw\udfff"'), '\ud800raw\udfff');
  assert.equal(v('"\\uD83D\\uDE00"'), '😀');
  assert.equal(v('"\\"\\\\\\/\\b\\f\\n\\r\\t"'), '"\\/\b\f\n\r\t');
  assert.equal(v('"a\u2028b\u2029c\u007f\u0080"'), 'a\u2028b\u2029c\u007f\u0080');
  const huge = 'x'.repeat(5_000_000);
  assert.equal(v(`"${huge}"`), huge);
  const hugeEscaped = 'ab\\n'.repeat(500_000);
  assert.equal(v(`"${hugeEscaped}"`), 'ab\n'.repeat(500_000));
  // Not JSON strings: the library decides (and reports).
  for (const t of ['"a', '"a\nb"', '"a\tb"', '"\u0000"', '"\\x"', '"\\u12"', '"\\u12g4"', '"\\', "'a'", '"a"b"']) declined(t);
});

test('fixed: duplicate keys are all kept, in order, as the jsonc path keeps them', () => {
  const root = handled('{"a":1,"a":2,"b":{"c":1,"c":[]}}');
  assert.ok(root.type === 'map');
  assert.deepEqual(root.entries.map((e) => e.key), ['a', 'a', 'b']);
});

test('fixed: what the fast path leaves to jsonc-parser: comments, trailing commas, errors, other whitespace, empty text', () => {
  for (const t of [
    '',
    '   ',
    '{"a":1,}',
    '[1,]',
    '[,1]',
    '{,}',
    '{"a" 1}',
    '{"a":}',
    '{"a":1 "b":2}',
    '{a:1}',
    '// c\n{}',
    '{} // c',
    '/* c */ []',
    '[1] [2]',
    '{}}',
    '{',
    '[',
    '\v[]',
    '\f[]',
    '\u00a0[]',
    '[\u2028]',
    '{"a":1}\u0000',
    'tru',
    'nulll',
    'True',
  ]) {
    declined(t);
  }
});

test('fixed: a byte order mark is skipped, as the jsonc path blanks it; one elsewhere is left to the library', () => {
  const r = handled('\ufeff{"a":1}');
  assert.deepEqual(r.span, { start: 1, end: 8 });
  declined('\ufeff\ufeff{}');
  declined('{"a":\ufeff1}');
});

test('fixed: nesting: the limit is the jsonc path\'s, deeper is left to its guard; 100,000 levels do not overflow the stack', () => {
  const nest = (d: number): string => '['.repeat(d) + ']'.repeat(d);
  // (Compared flattened: assert's deep equality recurses, and overflows at this depth.)
  for (const t of [nest(MAX_NESTING), '{"a":'.repeat(MAX_NESTING - 2) + '{"Ref":[]}' + '}'.repeat(MAX_NESTING - 2)]) {
    const fast = parseJsonFast(t);
    const lib = parseJsonWithLibrary(t);
    assert.ok(fast);
    assert.deepEqual(lib.errors, []);
    assert.deepStrictEqual(flatten(fast), flatten(lib.root));
  }
  const over = nest(MAX_NESTING + 1);
  assert.equal(parseJsonFast(over), undefined);
  const viaValue = parseJsonValue(over);
  const viaLib = parseJsonWithLibrary(over);
  assert.deepStrictEqual(viaValue.errors, viaLib.errors);
  assert.equal(viaValue.errors.length, 1);
  assert.deepStrictEqual(flatten(viaValue.root), flatten(viaLib.root));
  const deep = nest(100_000);
  assert.equal(parseJsonFast(deep), undefined);
  // No recursion: without a limit the fast path reads 100,000 levels (objects and arrays) in one loop.
  const arrays = parseJsonFast(deep, Infinity);
  assert.ok(arrays && arrays.type === 'list' && arrays.span.end === deep.length);
  const objects = '{"k":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  const o = parseJsonFast(objects, Infinity);
  assert.ok(o && o.type === 'map' && o.span.end === objects.length);
  // Through parseJsonValue: the library path with its nesting guard, as before.
  const r = parseJsonValue(deep);
  assert.ok(r.errors.some((e) => /Nesting deeper than/.test(e.message)));
  assert.ok(r.root && r.root.type === 'list');
});

/** A tree as a flat list of its nodes (type, span, key, value), depth-first, read without recursion. */
function flatten(root: ValueNode | undefined): unknown[] {
  const out: unknown[] = [];
  const todo: { node: ValueNode; key?: string; keySpan?: unknown }[] = root ? [{ node: root }] : [];
  while (todo.length > 0) {
    const { node, key, keySpan } = todo.pop() as (typeof todo)[number];
    out.push([node.type, node.span.start, node.span.end, key, keySpan, node.type === 'scalar' ? node.value : node.type === 'intrinsic' ? node.fn : undefined]);
    if (node.type === 'map') for (let k = node.entries.length - 1; k >= 0; k--) todo.push({ node: node.entries[k].value, key: node.entries[k].key, keySpan: node.entries[k].keySpan });
    else if (node.type === 'list') for (let k = node.items.length - 1; k >= 0; k--) todo.push({ node: node.items[k] });
    else if (node.type === 'intrinsic') todo.push({ node: node.arg });
  }
  return out;
}

test('fixed: never throws on arbitrary strings and non-strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', '1', '-', 'e', 't', 'n', ' ', '\n', 'u', '0', '.') , maxLength: 30 }), (t) => {
      agrees(t);
    }),
    { numRuns: 3000 },
  );
  assert.equal(parseJsonFast(undefined as unknown as string), undefined);
});
