import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseCfnJson } from '../../../server/src/core/parse/cfn-json';
import { templateFromRoot } from '../../../server/src/core/parse/cfn-template';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { get, getPath } from '../../../server/src/core/model/nodes';
import type { ParsedDocument, Span, ValueNode } from '../../../server/src/core/model/types';

const slice = (text: string, s: Span) => text.slice(s.start, s.end);

const TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": { "Env": { "Type": "String", "Default": "prod" } },
  "Conditions": { "IsProd": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] } },
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": { "Fn::Sub": "\${Env}-data" },
        "VersioningConfiguration": { "Status": "Enabled" },
        "Tags": [{ "Key": "n", "Value": 1.5 }, { "Key": "b", "Value": true }, { "Key": "z", "Value": null }]
      }
    },
    "Queue": { "Type": "AWS::SQS::Queue" }
  }
}`;

test('a JSON template: resources, declarations, exact spans for names, types, keys and values', () => {
  const doc = parseCfnJson(TEMPLATE);
  assert.equal(doc.isTemplate, true);
  assert.equal(doc.language, 'cloudformation');
  assert.deepEqual(doc.syntaxErrors, []);
  assert.deepEqual(doc.resources.map((r) => [r.id, r.type]), [['Bucket', 'AWS::S3::Bucket'], ['Queue', 'AWS::SQS::Queue']]);
  const b = doc.resources[0];
  assert.equal(slice(TEMPLATE, b.nameSpan), '"Bucket"');
  assert.equal(slice(TEMPLATE, b.typeSpan), '"AWS::S3::Bucket"');
  assert.ok(slice(TEMPLATE, b.span).startsWith('"Bucket": {') && slice(TEMPLATE, b.span).endsWith('}'));
  const status = getPath(b.properties, ['VersioningConfiguration', 'Status']);
  assert.ok(status && status.type === 'scalar' && status.value === 'Enabled');
  assert.equal(slice(TEMPLATE, status.span), '"Enabled"');
  const entry = b.properties?.entries.find((e) => e.key === 'Tags');
  assert.ok(entry && slice(TEMPLATE, entry.keySpan) === '"Tags"');
  const tags = entry.value;
  assert.ok(tags.type === 'list' && tags.items.length === 3);
  assert.equal(slice(TEMPLATE, tags.span)[0], '[');
  const values = tags.items.map((t) => get(t.type === 'map' ? t : undefined, 'Value'));
  assert.deepEqual(values.map((v) => (v?.type === 'scalar' ? v.value : 'x')), [1.5, true, null]);
  assert.deepEqual(values.map((v) => (v ? slice(TEMPLATE, v.span) : '')), ['1.5', 'true', 'null']);
  assert.ok(doc.declarations.parameters.has('Env'));
  assert.ok(doc.declarations.conditions.has('IsProd'));
});

test('long-form intrinsics become IntrinsicNodes spanning their whole object', () => {
  const doc = parseCfnJson(TEMPLATE);
  const name = get(doc.resources[0].properties, 'BucketName');
  assert.ok(name && name.type === 'intrinsic' && name.fn === 'Fn::Sub');
  assert.equal(slice(TEMPLATE, name.span), '{ "Fn::Sub": "${Env}-data" }');
  const cond = doc.declarations.conditions.get('IsProd');
  assert.ok(cond && cond.type === 'intrinsic' && cond.fn === 'Fn::Equals');
  const ref = cond.arg.type === 'list' ? cond.arg.items[0] : undefined;
  assert.ok(ref && ref.type === 'intrinsic' && ref.fn === 'Ref' && slice(TEMPLATE, ref.span) === '{ "Ref": "Env" }');
});

test('UTF-16 offsets: spans stay exact after non-BMP characters', () => {
  const text = `{"Description": "🚀🚀 emoji", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`;
  const doc = parseCfnJson(text);
  assert.equal(slice(text, doc.resources[0].typeSpan), '"AWS::S3::Bucket"');
});

test('non-template JSON (package.json, tsconfig with comments) is not a template', () => {
  const pkg = parseCfnJson('{ "name": "x", "version": "1.0.0", "dependencies": { "a": "^1" } }');
  assert.equal(pkg.isTemplate, false);
  assert.deepEqual(pkg.resources, []);
  const tsconfig = parseCfnJson('{\n  // compiler\n  "compilerOptions": { "strict": true }\n}');
  assert.equal(tsconfig.isTemplate, false);
  assert.equal(parseCfnJson('[1, 2, 3]').isTemplate, false);
  assert.equal(parseCfnJson('').isTemplate, false);
  assert.equal(parseCfnJson('"Resources"').isTemplate, false);
  // Resources without Type is not a template either (e.g. some other tool's config).
  assert.equal(parseCfnJson('{"Resources": {"a": {"b": 1}}}').isTemplate, false);
});

test('comments are collected with their text and span', () => {
  const text = '{\n  // cfn-lens-ignore s3-versioning\n  "Resources": { /* block */ "B": { "Type": "AWS::S3::Bucket" } }\n}';
  const doc = parseCfnJson(text);
  assert.equal(doc.isTemplate, true);
  assert.deepEqual(doc.comments.map((c) => c.text), ['cfn-lens-ignore s3-versioning', 'block']);
  assert.equal(slice(text, doc.comments[0].span), '// cfn-lens-ignore s3-versioning');
});

test('broken JSON: a missing comma keeps every intact resource and gives one clear error', () => {
  const broken = TEMPLATE.replace('"Queue": { "Type": "AWS::SQS::Queue" }', '"Queue": { "Type": "AWS::SQS::Queue" }\n    "Topic": { "Type": "AWS::SNS::Topic" }');
  const withoutComma = broken.replace('}\n    },\n    "Queue"', '}\n    }\n    "Queue"');
  const doc = parseCfnJson(withoutComma);
  assert.equal(doc.isTemplate, true);
  assert.deepEqual(doc.resources.map((r) => r.id), ['Bucket', 'Queue', 'Topic']);
  assert.equal(doc.syntaxErrors.length, 2, JSON.stringify(doc.syntaxErrors));
  const first = doc.syntaxErrors[0];
  assert.match(first.message, /^JSON syntax error: expected ',' \(CommaExpected\) at line 14, column 5$/);
  assert.equal(slice(withoutComma, first.span), '"Queue"');
});

test('broken JSON: a truncated template keeps the resources before the cut and reports one error at the end', () => {
  const cut = TEMPLATE.slice(0, TEMPLATE.indexOf('"Queue"') + 12);
  const doc = parseCfnJson(cut);
  assert.equal(doc.isTemplate, true);
  assert.deepEqual(doc.resources.map((r) => r.id), ['Bucket']);
  assert.equal(doc.syntaxErrors.length, 1, JSON.stringify(doc.syntaxErrors));
  assert.match(doc.syntaxErrors[0].message, /JSON syntax error: .*\(\w+\) at line \d+, column \d+/);
  assert.ok(doc.syntaxErrors[0].span.end <= cut.length);
});

test('a property whose value is missing still appears, with a null value', () => {
  const text = '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": }}}}';
  const doc = parseCfnJson(text);
  const n = get(doc.resources[0].properties, 'BucketName');
  assert.ok(n && n.type === 'scalar' && n.value === null);
  assert.equal(doc.syntaxErrors.length, 1);
  assert.match(doc.syntaxErrors[0].message, /ValueExpected/);
});

test('trailing commas and duplicate keys: CloudFormation rejects the first (reported), the second keeps both entries', () => {
  const doc = parseCfnJson('{"Resources": {"B": {"Type": "AWS::S3::Bucket",}}}');
  assert.equal(doc.resources.length, 1);
  assert.equal(doc.syntaxErrors.length, 1);
  const dup = parseCfnJson('{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::SQS::Queue"}}}');
  assert.equal(dup.resources.length, 2);
});

test('hostile input never throws: deep nesting, binary, huge strings', () => {
  for (const text of ['['.repeat(200_000), '{"a":'.repeat(50_000), '\u0000\u0001\uffff{]]', `{"Resources": "${'x'.repeat(1_000_000)}"}`]) {
    const doc = parseCfnJson(text);
    assert.equal(doc.isTemplate, false);
    for (const e of doc.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
  }
});

function allSpans(node: ValueNode | undefined, out: Span[] = []): Span[] {
  if (!node) return out;
  out.push(node.span);
  if (node.type === 'map') for (const e of node.entries) {
    out.push(e.keySpan);
    allSpans(e.value, out);
  }
  else if (node.type === 'list') for (const i of node.items) allSpans(i, out);
  else if (node.type === 'intrinsic') allSpans(node.arg, out);
  return out;
}

function docSpans(doc: ParsedDocument): Span[] {
  const out: Span[] = [];
  for (const r of doc.resources) {
    out.push(r.span, r.nameSpan, r.typeSpan);
    allSpans(r.definition, out);
  }
  for (const e of doc.syntaxErrors) out.push(e.span);
  for (const c of doc.comments) out.push(c.span);
  return out;
}

test('property: random truncations and edits of a JSON template never throw and every span stays inside the text', () => {
  fc.assert(
    fc.property(fc.nat(TEMPLATE.length), fc.nat(TEMPLATE.length), fc.string({ maxLength: 3 }), (cut, at, insert) => {
      const truncated = TEMPLATE.slice(0, cut);
      const pos = Math.min(at, truncated.length);
      const text = truncated.slice(0, pos) + insert + truncated.slice(pos);
      const doc = parseCfnJson(text);
      for (const s of docSpans(doc)) {
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `span ${JSON.stringify(s)} outside ${text.length}`);
      }
      // A type cut inside its string has no closing quote: the span still starts at the quote.
      if (doc.isTemplate) {
        for (const r of doc.resources) {
          const raw = text.slice(r.typeSpan.start, r.typeSpan.end);
          if (!raw.includes('\\')) assert.ok(raw.startsWith(`"${r.type}`), raw);
        }
      }
    }),
    { numRuns: 500 },
  );
});

function generateTemplate(minChars: number): string {
  const resources: Record<string, unknown> = {};
  let text = '';
  for (let i = 0; ; i++) {
    resources[`Bucket${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': `\${AWS::StackName}-b${i}` },
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: [{ Key: 'n', Value: i }],
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      },
    };
    if (i % 200 === 199) {
      text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
      if (text.length >= minChars) return text;
    }
  }
}

test('a 1 MB template is read whole, without errors (its speed is in `npm run bench`)', () => {
  const text = generateTemplate(1_000_000);
  const doc = parseCfnJson(text);
  assert.ok(doc.resources.length > 1000);
  assert.deepEqual(doc.syntaxErrors, []);
});

/** Long-form JSON text of a YAML ValueNode tree (short tags → `{"Fn::X": ...}`). */
function toJson(node: ValueNode): unknown {
  switch (node.type) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map(toJson);
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, toJson(e.value)]));
    case 'intrinsic':
      return { [node.fn]: toJson(node.arg) };
    default:
      return node.text;
  }
}

test('corpus: every CloudFormation/SAM YAML template, rewritten as JSON, yields the same resources', () => {
  const corpus = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');
  assert.ok(fs.existsSync(corpus), `corpus missing at ${corpus}`);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(d.name)) files.push(p);
    }
  };
  walk(path.join(corpus, 'cloudformation'));
  walk(path.join(corpus, 'sam'));
  assert.ok(files.length > 200, `only ${files.length} YAML files`);
  let templates = 0;
  for (const f of files) {
    const yaml = parseYamlWithLibrary(fs.readFileSync(f, 'utf8'));
    const fromYaml = templateFromRoot(yaml.root, [], []);
    if (!fromYaml.isTemplate || !yaml.root) continue;
    templates++;
    const json = JSON.stringify(toJson(yaml.root), null, 2);
    const doc = parseCfnJson(json);
    assert.deepEqual(doc.syntaxErrors, [], f);
    assert.deepEqual(doc.resources.map((r) => `${r.id}:${r.type}`), fromYaml.resources.map((r) => `${r.id}:${r.type}`), f);
    for (const r of doc.resources) assert.equal(slice(json, r.typeSpan), JSON.stringify(r.type), f);
  }
  assert.ok(templates > 200, `only ${templates} templates`);
});
