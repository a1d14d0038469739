import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analyze';
import { asList, asMap, get, getPath } from '../../../server/src/core/model/nodes';
import type { ExprNode, MapNode, ParsedDocument, Resource, Span, ValueNode } from '../../../server/src/core/model/types';
import { isTerraformPlan, parseTerraformPlan, PLAN_UNKNOWN_REASON } from '../../../server/src/core/parse/terraform-plan';
import { buildLinks, RELATION, tfAddress } from '../../../server/src/core/values/links';
import { assertSpansInside, slice } from '../hcl/helpers';
import { generatePlan } from './fixtures/big-plan';

const FIXTURES = path.join(__dirname, 'fixtures');
const PLAN = fs.readFileSync(path.join(FIXTURES, 'plan.json'), 'utf8');
const ONLY_DELETES = fs.readFileSync(path.join(FIXTURES, 'only-deletes.json'), 'utf8');

const IDS = [
  'aws_s3_bucket.logs',
  'aws_security_group.web',
  'aws_instance.web[0]',
  'aws_instance.web[1]',
  'aws_iam_user.team["alice"]',
  'aws_iam_user.team["bob"]',
  'data.aws_iam_policy_document.logs_read',
  'aws_s3_bucket.archive[0]',
  'aws_s3_bucket.archive[1]',
  'aws_s3_bucket_public_access_block.archive[0]',
  'aws_s3_bucket_public_access_block.archive[1]',
  'aws_s3_bucket_public_access_block.logs',
  'aws_s3_bucket_versioning.data',
  'module.storage.aws_ebs_volume.this[0]',
  'module.storage.aws_s3_bucket.data',
  'module.storage.aws_s3_bucket_public_access_block.data',
  'module.storage.module.inner.aws_sqs_queue.jobs',
  'module.storage.module.inner.aws_ebs_volume.scratch',
];

function byId(doc: ParsedDocument, id: string): Resource {
  const r = doc.resources.find((x) => x.id === id);
  assert.ok(r, `no resource ${id} in ${doc.resources.map((x) => x.id).join(', ')}`);
  return r;
}

function props(doc: ParsedDocument, id: string): MapNode {
  const p = byId(doc, id).properties;
  assert.ok(p, `${id} has no properties`);
  return p;
}

/** An unknown ExprNode with these refs (null: any refs). */
function assertUnknown(node: ValueNode | undefined, what: string, refs: readonly string[] | null = []): ExprNode {
  assert.ok(node && node.type === 'expr', `${what}: expected an unknown ExprNode, got ${JSON.stringify(node)}`);
  assert.equal(node.unknown, PLAN_UNKNOWN_REASON, what);
  assert.equal(node.text, 'known after apply', what);
  if (refs) assert.deepEqual(node.refs, refs, what);
  return node;
}

function scalarValue(node: ValueNode | undefined): unknown {
  assert.ok(node && node.type === 'scalar', `expected a scalar, got ${JSON.stringify(node)}`);
  return node.value;
}

/** Every ExprNode below a value, with its path. */
function exprNodes(node: ValueNode | undefined, at = '', out: [string, ExprNode][] = []): [string, ExprNode][] {
  if (!node) return out;
  if (node.type === 'expr') out.push([at, node]);
  else if (node.type === 'map') for (const e of node.entries) exprNodes(e.value, at ? `${at}.${e.key}` : e.key, out);
  else if (node.type === 'list') node.items.forEach((item, i) => exprNodes(item, `${at}[${i}]`, out));
  return out;
}

/** Sorts object keys recursively, as `jq -S` does. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return v;
}

/** A minimal plan around planned resources and their changes (and the configuration, when given). */
function miniPlan(resources: unknown[], changes: unknown[], childModules: unknown[] = [], configuration?: unknown): string {
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: { root_module: { resources, child_modules: childModules } },
      resource_changes: changes,
      ...(configuration === undefined ? {} : { configuration }),
    },
    null,
    2,
  );
}

describe('parseTerraformPlan on a hand-written plan', () => {
  const doc = parseTerraformPlan(PLAN);

  it('gives one resource per planned resource of every module, in document order', () => {
    assert.deepEqual(doc.syntaxErrors, []);
    assert.equal(doc.language, 'terraform');
    assert.equal(doc.isTemplate, true);
    assert.deepEqual(
      doc.resources.map((r) => r.id),
      IDS,
    );
    for (const r of doc.resources) assert.equal(r.name, r.id);
    assert.deepEqual(
      doc.resources.map((r) => [r.type, r.mode]),
      [
        ['aws_s3_bucket', 'resource'],
        ['aws_security_group', 'resource'],
        ['aws_instance', 'resource'],
        ['aws_instance', 'resource'],
        ['aws_iam_user', 'resource'],
        ['aws_iam_user', 'resource'],
        ['aws_iam_policy_document', 'data'],
        ['aws_s3_bucket', 'resource'],
        ['aws_s3_bucket', 'resource'],
        ['aws_s3_bucket_public_access_block', 'resource'],
        ['aws_s3_bucket_public_access_block', 'resource'],
        ['aws_s3_bucket_public_access_block', 'resource'],
        ['aws_s3_bucket_versioning', 'resource'],
        ['aws_ebs_volume', 'resource'],
        ['aws_s3_bucket', 'resource'],
        ['aws_s3_bucket_public_access_block', 'resource'],
        ['aws_sqs_queue', 'resource'],
        ['aws_ebs_volume', 'resource'],
      ],
    );
    assert.deepEqual(doc.declarations.parameters.size + doc.declarations.locals.size + doc.declarations.conditions.size + doc.declarations.mappings.size, 0);
    assert.deepEqual(doc.transforms, []);
    assert.deepEqual(doc.comments, []);
    assertSpansInside(doc, PLAN.length);
  });

  it('the deleted resource (in resource_changes only) is not a resource', () => {
    assert.ok(!doc.resources.some((r) => r.id.includes('old_logs')));
  });

  it('spans: the entry object, the quoted "type" and "address" values (string spans include quotes, as in cfn-json)', () => {
    for (const r of doc.resources) {
      assert.equal(slice(PLAN, r.typeSpan), JSON.stringify(r.type));
      assert.equal(slice(PLAN, r.nameSpan), JSON.stringify(r.id), 'the address, escapes and all');
      const whole = slice(PLAN, r.span);
      assert.ok(whole.startsWith('{') && whole.endsWith('}'), whole.slice(0, 40));
      assert.equal((JSON.parse(whole) as { address: string }).address, r.id);
      // The properties are the entry's `values` object.
      const values = r.properties as MapNode;
      assert.ok(values.span.start > r.span.start && values.span.end < r.span.end);
      assert.ok(/"values":\s*$/.test(PLAN.slice(r.span.start, values.span.start)), `${r.id}: properties are not "values"`);
    }
    const vol = byId(doc, 'module.storage.aws_ebs_volume.this[0]');
    assert.equal(slice(PLAN, vol.typeSpan), '"aws_ebs_volume"');
    assert.equal(slice(PLAN, vol.nameSpan), '"module.storage.aws_ebs_volume.this[0]"');
    assert.equal(slice(PLAN, byId(doc, 'aws_iam_user.team["bob"]').nameSpan), '"aws_iam_user.team[\\"bob\\"]"');
  });

  it('values are value nodes with exact spans; nested blocks stay lists of maps', () => {
    const vol = props(doc, 'module.storage.aws_ebs_volume.this[0]');
    const enc = vol.entries.find((e) => e.key === 'encrypted');
    assert.ok(enc);
    assert.equal(scalarValue(enc.value), false);
    assert.equal(slice(PLAN, enc.value.span), 'false');
    assert.equal(slice(PLAN, enc.keySpan), '"encrypted"');
    assert.equal(scalarValue(get(vol, 'size')), 100);
    assert.equal(scalarValue(get(vol, 'outpost_arn')), null);
    assert.equal(slice(PLAN, get(vol, 'availability_zone')!.span), '"eu-west-1a"');
    assert.equal(scalarValue(getPath(vol, ['tags', 'Name'])), 'data');

    const sg = props(doc, 'aws_security_group.web');
    const ingress = asList(get(sg, 'ingress'));
    assert.ok(ingress);
    assert.equal(ingress.items.length, 2);
    const ssh = asMap(ingress.items[1]);
    assert.equal(scalarValue(get(ssh, 'from_port')), 22);
    assert.equal(scalarValue(asList(get(ssh, 'cidr_blocks'))?.items[0]), '10.0.0.0/8');
    assert.equal(slice(PLAN, get(ssh, 'description')!.span), '"SSH from the VPN"');
    assert.equal(scalarValue(get(sg, 'tags')), null);

    const web0 = props(doc, 'aws_instance.web[0]');
    const ebs = asMap(asList(get(web0, 'ebs_block_device'))?.items[0]);
    assert.equal(scalarValue(get(ebs, 'encrypted')), false);
    assert.equal(scalarValue(get(ebs, 'device_name')), '/dev/sdf');
    assert.equal(asList(get(props(doc, 'aws_instance.web[1]'), 'ebs_block_device'))?.items.length, 0);
  });

  it('attributes after_unknown marks true become unknown ExprNodes', () => {
    const bucket = props(doc, 'aws_s3_bucket.logs');
    const valuesOpen: Span = { start: bucket.span.start, end: bucket.span.start + 1 };
    for (const key of ['arn', 'id', 'versioning', 'server_side_encryption_configuration', 'tags_all']) {
      const e = bucket.entries.find((x) => x.key === key);
      assert.ok(e, key);
      assertUnknown(e.value, key);
      // Left out of `values`: placed on the opening brace of `values`.
      assert.deepEqual(e.value.span, valuesOpen, key);
      assert.deepEqual(e.keySpan, valuesOpen, key);
    }
    assert.equal(slice(PLAN, valuesOpen), '{');
    // `"tags": {}` in after_unknown: the tags stay as planned.
    assert.equal(scalarValue(getPath(bucket, ['tags', 'Name'])), 'acme-logs');
    assert.equal(scalarValue(get(bucket, 'bucket')), 'acme-logs-prod');

    // Nested: a block's unknown attributes are placed on that block's `{`.
    const web0 = props(doc, 'aws_instance.web[0]');
    const root = asMap(asList(get(web0, 'root_block_device'))?.items[0]);
    assert.ok(root);
    const kms = assertUnknown(get(root, 'kms_key_id'), 'root_block_device.kms_key_id');
    assert.equal(slice(PLAN, kms.span), '{');
    assert.equal(kms.span.start, root.span.start);
    assert.equal(scalarValue(get(root, 'encrypted')), true);
    assertUnknown(get(web0, 'metadata_options'), 'metadata_options');
    const root1 = asMap(asList(get(props(doc, 'aws_instance.web[1]'), 'root_block_device'))?.items[0]);
    assertUnknown(get(root1, 'encrypted'), 'web[1] root_block_device.encrypted');
    assert.equal(scalarValue(get(root1, 'volume_size')), 8);

    // A null list element the plan marks unknown is replaced where it is.
    const stmt = asMap(asList(get(props(doc, 'data.aws_iam_policy_document.logs_read'), 'statement'))?.items[0]);
    const res = assertUnknown(asList(get(stmt, 'resources'))?.items[0], 'statement[0].resources[0]');
    assert.equal(slice(PLAN, res.span), 'null');
    assert.equal(scalarValue(asList(get(stmt, 'actions'))?.items[0]), 's3:GetObject');

    assertUnknown(get(props(doc, 'module.storage.module.inner.aws_sqs_queue.jobs'), 'sqs_managed_sse_enabled'), 'sqs_managed_sse_enabled');
    assertUnknown(get(props(doc, 'module.storage.module.inner.aws_ebs_volume.scratch'), 'encrypted'), 'scratch encrypted');
  });

  it('only what after_unknown marks is unknown', () => {
    const unknownPaths = (id: string): string[] =>
      exprNodes(props(doc, id))
        .map(([p]) => p)
        .sort();
    assert.deepEqual(unknownPaths('aws_iam_user.team["alice"]'), [], 'no-op change, after_unknown {}');
    assert.deepEqual(unknownPaths('aws_iam_user.team["bob"]'), ['arn', 'id', 'tags_all', 'unique_id']);
    assert.deepEqual(unknownPaths('aws_security_group.web'), [], 'after_unknown with only false/empty leaves');
    assert.deepEqual(unknownPaths('module.storage.aws_ebs_volume.this[0]'), ['arn', 'id', 'iops', 'kms_key_id', 'snapshot_id', 'tags_all', 'throughput']);
    assert.deepEqual(unknownPaths('data.aws_iam_policy_document.logs_read'), ['id', 'json', 'minified_json', 'statement[0].resources[0]']);
    assert.deepEqual(unknownPaths('aws_s3_bucket_public_access_block.logs'), ['bucket', 'id']);
    assert.deepEqual(unknownPaths('aws_s3_bucket_versioning.data'), ['bucket', 'id', 'versioning_configuration[0].mfa_delete']);
    for (const r of doc.resources) for (const [p, n] of exprNodes(r.properties)) assertUnknown(n, `${r.id} ${p}`, null);
  });

  it('a resource without unknowns keeps its values nodes as read', () => {
    const alice = props(doc, 'aws_iam_user.team["alice"]');
    assert.ok(/"values":\s*$/.test(PLAN.slice(0, alice.span.start)));
    assert.equal(alice.entries.length, 5);
  });
});

describe('layouts and readers', () => {
  const doc = parseTerraformPlan(PLAN);

  it('compact output (what terraform show -json writes) gives the same resources', () => {
    const compact = JSON.stringify(JSON.parse(PLAN));
    const d = parseTerraformPlan(compact);
    assert.deepEqual(d.syntaxErrors, []);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      IDS,
    );
    for (const r of d.resources) {
      assert.equal(slice(compact, r.typeSpan), JSON.stringify(r.type));
      assert.equal(slice(compact, r.nameSpan), JSON.stringify(r.id));
    }
    const enc = get(props(d, 'module.storage.aws_ebs_volume.this[0]'), 'encrypted');
    assert.equal(slice(compact, enc!.span), 'false');
    assertSpansInside(d, compact.length);
  });

  it('sorted keys (jq -S): child modules come before resources; resources stay in document order', () => {
    const sorted = JSON.stringify(sortKeys(JSON.parse(PLAN)), null, 2);
    const d = parseTerraformPlan(sorted);
    assert.deepEqual(d.syntaxErrors, []);
    assert.deepEqual([...d.resources.map((r) => r.id)].sort(), [...IDS].sort());
    const starts = d.resources.map((r) => r.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.ok(d.resources[0].id.startsWith('module.'), 'child_modules sort before resources');
    assertUnknown(get(props(d, 'aws_s3_bucket.logs'), 'arn'), 'arn');
  });

  it('the error-tolerant reader builds the same document as the fast one', () => {
    // A trailing comment is not JSON: JSON.parse refuses it, so the jsonc-parser reader runs, on the same offsets.
    const commented = `${PLAN}\n// trailing comment\n`;
    const d = parseTerraformPlan(commented);
    assert.deepEqual(d.syntaxErrors, []);
    assert.deepEqual(d.resources, doc.resources);
    const withBom = parseTerraformPlan(`\uFEFF${PLAN}`);
    assert.deepEqual(
      withBom.resources.map((r) => slice(`\uFEFF${PLAN}`, r.typeSpan)),
      doc.resources.map((r) => slice(PLAN, r.typeSpan)),
    );
  });

  it('a plan with only deletes yields no resources', () => {
    const d = parseTerraformPlan(ONLY_DELETES);
    assert.deepEqual(d.syntaxErrors, []);
    assert.equal(d.isTemplate, true);
    assert.deepEqual(d.resources, []);
    assert.equal(isTerraformPlan(ONLY_DELETES), true);
  });

  it('maps are kept as maps (no CloudFormation intrinsic folding), keys are decoded', () => {
    const t = miniPlan(
      [{ address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', values: { tags: { Ref: 'x' }, 'we\u00efrd "key"': 1 } }],
      [],
    );
    const p = props(parseTerraformPlan(t), 'aws_sqs_queue.q');
    assert.equal(get(p, 'tags')?.type, 'map');
    assert.equal(scalarValue(getPath(p, ['tags', 'Ref'])), 'x');
    const weird = p.entries.find((e) => e.key === 'we\u00efrd "key"');
    assert.ok(weird);
    assert.equal(slice(t, weird.keySpan), '"weïrd \\"key\\""');
  });
});

describe('after_unknown edge cases', () => {
  const res = (address: string, values: unknown, extra: Record<string, unknown> = {}) => ({ address, mode: 'managed', type: address.split('.')[0], name: 'x', values, ...extra });
  const change = (address: string, actions: string[], afterUnknown: unknown, extra: Record<string, unknown> = {}) => ({
    address,
    change: { actions, before: null, after: {}, after_unknown: afterUnknown },
    ...extra,
  });

  it('an unknown inside a container values leaves out makes the whole container unknown', () => {
    const t = miniPlan([res('aws_instance.a', { ami: 'ami-1', tags: null })], [change('aws_instance.a', ['create'], { metadata_options: [{ http_tokens: true }], tags: { Name: true }, network_interface: [] })]);
    const p = props(parseTerraformPlan(t), 'aws_instance.a');
    assertUnknown(get(p, 'metadata_options'), 'missing list container');
    const tags = assertUnknown(get(p, 'tags'), 'null map container');
    assert.equal(slice(t, tags.span), 'null');
    assert.equal(get(p, 'network_interface'), undefined, 'nothing unknown: nothing added');
    assert.equal(scalarValue(get(p, 'ami')), 'ami-1');
  });

  it('list items beyond the planned ones, deposed and delete-only entries', () => {
    const t = miniPlan(
      [res('aws_security_group.a', { ingress: [{ from_port: 22 }] }), res('aws_s3_bucket.b', { bucket: 'b' })],
      [
        change('aws_security_group.a', ['delete'], { id: true }, { deposed: '00000001' }),
        change('aws_security_group.a', ['create', 'delete'], { ingress: [{}, true] }),
        change('aws_s3_bucket.b', ['delete'], { arn: true }),
      ],
    );
    const d = parseTerraformPlan(t);
    const ingress = asList(get(props(d, 'aws_security_group.a'), 'ingress'));
    assert.equal(ingress?.items.length, 2);
    const extra = assertUnknown(ingress?.items[1], 'ingress[1]');
    assert.equal(slice(t, extra.span), '[');
    assert.equal(get(props(d, 'aws_security_group.a'), 'id'), undefined, 'the deposed object is not this one');
    assert.equal(get(props(d, 'aws_s3_bucket.b'), 'arn'), undefined, 'a delete-only change is not applied');
  });

  it('a resource without values: unknowns are placed on its address', () => {
    const t = miniPlan([{ address: 'aws_s3_bucket.c', mode: 'managed', type: 'aws_s3_bucket', name: 'c' }, { address: 'aws_s3_bucket.d', type: 'aws_s3_bucket' }], [change('aws_s3_bucket.c', ['create'], { arn: true })]);
    const d = parseTerraformPlan(t);
    const c = byId(d, 'aws_s3_bucket.c');
    const arn = assertUnknown(get(c.properties, 'arn'), 'arn');
    assert.deepEqual(arn.span, { start: c.nameSpan.start, end: c.nameSpan.start + 1 });
    assert.equal(byId(d, 'aws_s3_bucket.d').properties, undefined);
    assert.equal(byId(d, 'aws_s3_bucket.d').mode, 'resource');
  });

  it('data sources: mode "data", or a data. address when mode is missing', () => {
    const t = miniPlan([{ address: 'data.aws_region.current', type: 'aws_region', values: {} }], [], [{ address: 'module.m', resources: [{ address: 'module.m.data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', values: {} }] }]);
    assert.deepEqual(
      parseTerraformPlan(t).resources.map((r) => [r.id, r.mode]),
      [
        ['data.aws_region.current', 'data'],
        ['module.m.data.aws_caller_identity.me', 'data'],
      ],
    );
  });
});

describe('broken and hostile input', () => {
  it('truncated plans report syntax errors and keep the resources read before the cut', () => {
    const cut = PLAN.indexOf('"address": "module.storage.module.inner.aws_sqs_queue.jobs"') + 30;
    const t = PLAN.slice(0, cut);
    const d = parseTerraformPlan(t);
    assert.ok(d.syntaxErrors.length > 0);
    assert.match(d.syntaxErrors[0].message, /^JSON syntax error: /);
    assert.equal(d.isTemplate, true);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      IDS.slice(0, IDS.indexOf('module.storage.module.inner.aws_sqs_queue.jobs')),
    );
    // resource_changes were cut off: no unknowns to add.
    assert.equal(get(props(d, 'aws_s3_bucket.logs'), 'arn'), undefined);
    assertSpansInside(d, t.length);
  });

  it('non-plan and empty texts are not templates; nothing throws', () => {
    for (const t of ['', '   ', '[1, 2]', '"x"', '{}', '{"name": "pkg", "version": "1.0.0"}', 'not json at all', '\u0000\u0001\u0002\uFFFF', '{"format_version": ', '{'.repeat(100_000), '['.repeat(100_000)]) {
      const d = parseTerraformPlan(t);
      assert.deepEqual(d.resources, [], JSON.stringify(t.slice(0, 30)));
      assertSpansInside(d, t.length);
      assert.equal(typeof isTerraformPlan(t), 'boolean');
    }
    assert.equal(parseTerraformPlan('').isTemplate, false);
    assert.equal(parseTerraformPlan('{"name": "pkg"}').isTemplate, false);
    assert.equal(parseTerraformPlan('{"format_version": "1.2"').isTemplate, true);
  });

  it('hostile nesting inside values does not overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const t = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_sqs_queue.q","type":"aws_sqs_queue","values":{"deep":${deep}}}]}}}`;
    const d = parseTerraformPlan(t);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      ['aws_sqs_queue.q'],
    );
    assertSpansInside(d, t.length);
    // Below the depth limit the value is kept as its text (an expression the evaluator does not decide).
    let n = get(d.resources[0].properties, 'deep');
    while (n?.type === 'list') n = n.items[0];
    assert.equal(n?.type, 'expr');
    assert.ok(n && slice(t, n.span).startsWith('[') && slice(t, n.span).endsWith(']'));
  });

  it('property: random truncations and edits of a plan never throw and every span stays inside the text', () => {
    fc.assert(
      fc.property(fc.nat(PLAN.length), fc.nat(PLAN.length), fc.string({ maxLength: 3 }), (cut, at, insert) => {
        const truncated = PLAN.slice(0, cut);
        const pos = Math.min(at, truncated.length);
        const text = truncated.slice(0, pos) + insert + truncated.slice(pos);
        const d = parseTerraformPlan(text);
        assertSpansInside(d, text.length);
        if (PLAN.slice(cut).trim() !== '' && insert === '') assert.ok(d.syntaxErrors.length > 0, 'a cut plan is not valid JSON');
        for (const r of d.resources) {
          assert.equal(text[r.typeSpan.start], '"');
          assert.equal(text[r.nameSpan.start], '"');
        }
        assert.equal(typeof isTerraformPlan(text), 'boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('isTerraformPlan', () => {
  it('is true for plans, whatever their layout', () => {
    assert.equal(isTerraformPlan(PLAN), true);
    assert.equal(isTerraformPlan(JSON.stringify(JSON.parse(PLAN))), true);
    assert.equal(isTerraformPlan(JSON.stringify(sortKeys(JSON.parse(PLAN)))), true, 'jq -S: format_version after configuration');
    assert.equal(isTerraformPlan(`\uFEFF\n  ${PLAN}`), true);
    assert.equal(isTerraformPlan('{"terraform_version": "1.9.5", "planned_values": {}}'), true);
    assert.equal(isTerraformPlan('{"format_version": "1.2", "resource_changes": []}'), true);
    assert.equal(isTerraformPlan('{"format_version": "1.2", "x": {"a": "}\\"{", "b": [1, {"c": null}]}, "planned_values": {}}'), true);
    // Only the start matters once the keys decide: a truncated plan still is one.
    assert.equal(isTerraformPlan(PLAN.slice(0, PLAN.indexOf('"planned_values"') + 30)), true);
  });

  it('is false for other JSON and junk', () => {
    const cfn = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}';
    const tfJson = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}, "terraform": {"required_version": ">= 1.5"}}';
    const pkg = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
    const state = '{"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {}}}';
    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    for (const t of [cfn, tfJson, pkg, state, '', ' ', '{', '{}', '[]', 'null', junk, '\u0000\u0000{"format_version"', '{"format_version": "1.2"}', '{"a": {"format_version": "1", "planned_values": {}}}']) {
      assert.equal(isTerraformPlan(t), false, JSON.stringify(t.slice(0, 60)));
    }
  });

  it('refuses a large non-plan JSON file from its first bytes', () => {
    const big = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {${Array.from({ length: 50_000 }, (_, i) => `"B${i}": {"Type": "AWS::S3::Bucket"}`).join(',')}}}`;
    assert.equal(isTerraformPlan(big), false);
  });
});

describe('analysis of a plan', () => {
  const doc = parseTerraformPlan(PLAN);
  const analysis = analyze(doc);

  it('reports the unencrypted volume of module.storage at its planned `false`', () => {
    const f = analysis.findings.filter((x) => x.ruleId === 'ebs-volume-encryption');
    assert.deepEqual(
      f.map((x) => x.resource),
      ['module.storage.aws_ebs_volume.this[0]'],
    );
    assert.equal(slice(PLAN, f[0].span), 'false');
    const vol = byId(doc, 'module.storage.aws_ebs_volume.this[0]');
    assert.ok(f[0].span.start > vol.span.start && f[0].span.end < vol.span.end);
    assert.equal(f[0].span.start, get(vol.properties, 'encrypted')!.span.start);
  });

  it('reports no finding that depends on an unknown attribute', () => {
    const unknownSpans = doc.resources.flatMap((r) => exprNodes(r.properties).map(([, n]) => n.span));
    for (const f of analysis.findings) {
      assert.ok(!unknownSpans.some((s) => s.start === f.span.start && s.end === f.span.end), `${f.ruleId} on ${f.resource} points at an unknown value`);
    }
    const pairs = analysis.findings.map((f) => `${f.ruleId} ${f.resource}`);
    for (const p of [
      'ebs-volume-encryption module.storage.module.inner.aws_ebs_volume.scratch', // encrypted: known after apply
      'ec2-block-device-encryption aws_instance.web[1]', // root_block_device.encrypted: known after apply
      'ec2-imdsv2-required aws_instance.web[0]', // metadata_options: known after apply
      's3-versioning aws_s3_bucket.logs', // versioning: known after apply
    ]) {
      assert.ok(!pairs.includes(p), `unexpected finding: ${p}`);
    }
    // ...and those rules say why they cannot decide.
    const scratch = analysis.resources.find((r) => r.resource.id === 'module.storage.module.inner.aws_ebs_volume.scratch');
    const outcome = scratch?.duties.flatMap((d) => d.results).find((r) => r.rule.id === 'ebs-volume-encryption')?.outcome;
    assert.ok(outcome && outcome.status === 'unknown', JSON.stringify(outcome));
    // The decided values still give their findings.
    assert.ok(pairs.includes('ec2-block-device-encryption aws_instance.web[0]'));
  });
});

describe('references from the configuration section', () => {
  const doc = parseTerraformPlan(PLAN);
  const links = buildLinks(doc);
  const analysis = analyze(doc);
  const pairs = analysis.findings.map((f) => `${f.ruleId} ${f.resource}`);
  /** "from -relation-> to" for the links to a resource, in the order rules read them. */
  const linksTo = (d: ParsedDocument, id: string, relation?: string, l = buildLinks(d)): string[] => l.to(byId(d, id), relation).map((x) => `${x.from.id} -${x.relation}-> ${x.to.id}`);
  const outcome = (a: ReturnType<typeof analyze>, id: string, rule: string) =>
    a.resources
      .find((r) => r.resource.id === id)
      ?.duties.flatMap((d) => d.results)
      .find((r) => r.rule.id === rule)?.outcome;

  it('an unknown attribute gets the planned addresses of its references (full: module path and attribute)', () => {
    assertUnknown(get(props(doc, 'aws_s3_bucket_public_access_block.logs'), 'bucket'), 'pab bucket', ['aws_s3_bucket.logs.id']);
    assertUnknown(get(props(doc, 'aws_s3_bucket_public_access_block.logs'), 'id'), 'pab id: not configured', []);
    assertUnknown(get(props(doc, 'module.storage.aws_s3_bucket_public_access_block.data'), 'bucket'), 'module pab', ['module.storage.aws_s3_bucket.data.id']);
    // Through the module's output bucket_id.
    assertUnknown(get(props(doc, 'aws_s3_bucket_versioning.data'), 'bucket'), 'versioning', ['module.storage.aws_s3_bucket.data.id']);
    // aws_s3_bucket.archive[count.index].id: Terraform writes the reference without its key.
    for (const i of [0, 1]) assertUnknown(get(props(doc, `aws_s3_bucket_public_access_block.archive[${i}]`), 'bucket'), `archive pab ${i}`, ['aws_s3_bucket.archive']);
    // Attributes the configuration does not set (computed) keep no refs.
    assertUnknown(get(props(doc, 'aws_instance.web[0]'), 'vpc_security_group_ids'), 'computed', []);
    assertUnknown(get(props(doc, 'aws_s3_bucket.logs'), 'id'), 'computed id', []);
  });

  it('the bucket whose public access block has a `bucket` known after apply is linked and has no gap', () => {
    assert.deepEqual(linksTo(doc, 'aws_s3_bucket.logs'), ['aws_s3_bucket_public_access_block.logs -public-access-block-> aws_s3_bucket.logs']);
    assert.ok(!pairs.includes('s3-public-access-block aws_s3_bucket.logs'), pairs.join('\n'));
    assert.equal(outcome(analysis, 'aws_s3_bucket.logs', 's3-public-access-block')?.status, 'met');
    // Without the configuration section the same plan would report a false gap.
    const withoutConfig = JSON.stringify({ ...JSON.parse(PLAN), configuration: undefined }, null, 2);
    const bare = analyze(parseTerraformPlan(withoutConfig)).findings.map((f) => `${f.ruleId} ${f.resource}`);
    assert.ok(bare.includes('s3-public-access-block aws_s3_bucket.logs'));
  });

  it('links inside a module, and from the root through a module output', () => {
    assert.deepEqual(linksTo(doc, 'module.storage.aws_s3_bucket.data'), [
      'aws_s3_bucket_versioning.data -versioning-> module.storage.aws_s3_bucket.data',
      'module.storage.aws_s3_bucket_public_access_block.data -public-access-block-> module.storage.aws_s3_bucket.data',
    ]);
    assert.equal(outcome(analysis, 'module.storage.aws_s3_bucket.data', 's3-public-access-block')?.status, 'met');
    assert.equal(outcome(analysis, 'module.storage.aws_s3_bucket.data', 's3-versioning')?.status, 'met');
  });

  it('count: a reference without key links every instance, the same instance first; each bucket reads its own block', () => {
    assert.deepEqual(linksTo(doc, 'aws_s3_bucket.archive[0]', RELATION.publicAccessBlock), [
      'aws_s3_bucket_public_access_block.archive[0] -public-access-block-> aws_s3_bucket.archive[0]',
      'aws_s3_bucket_public_access_block.archive[1] -public-access-block-> aws_s3_bucket.archive[0]',
    ]);
    assert.deepEqual(linksTo(doc, 'aws_s3_bucket.archive[1]', RELATION.publicAccessBlock), [
      'aws_s3_bucket_public_access_block.archive[1] -public-access-block-> aws_s3_bucket.archive[1]',
      'aws_s3_bucket_public_access_block.archive[0] -public-access-block-> aws_s3_bucket.archive[1]',
    ]);
    assert.ok(!pairs.includes('s3-public-access-block aws_s3_bucket.archive[0]'));
    // archive[1]'s own block sets block_public_policy = false (count.index != 1): a real gap, at that value.
    const gap = analysis.findings.find((f) => f.ruleId === 's3-public-access-block' && f.resource === 'aws_s3_bucket.archive[1]');
    assert.ok(gap, pairs.join('\n'));
    assert.equal(gap.at?.id, 'aws_s3_bucket_public_access_block.archive[1]');
    assert.equal(slice(PLAN, gap.span), 'false');
    assert.equal(gap.span.start, get(props(doc, 'aws_s3_bucket_public_access_block.archive[1]'), 'block_public_policy')!.span.start);
  });

  it('the tolerant reader and key-sorted output give the same refs', () => {
    const refsOf = (d: ParsedDocument): string[] => d.resources.flatMap((r) => exprNodes(r.properties).map(([p, n]) => `${r.id} ${p} ${n.refs.join(',')}`));
    const expected = refsOf(doc);
    assert.ok(expected.some((x) => x.includes('module.storage.aws_s3_bucket.data.id')));
    assert.deepEqual(refsOf(parseTerraformPlan(`${PLAN}\n// comment\n`)), expected);
    assert.deepEqual(refsOf(parseTerraformPlan(JSON.stringify(sortKeys(JSON.parse(PLAN))))).sort(), [...expected].sort());
  });

  // Small plans shaped as Terraform writes them.
  const planned = (address: string, values: Record<string, unknown>) => {
    const a = tfAddress(address);
    assert.ok(a, address);
    const [type, name] = a.block.slice(a.module ? a.module.length + 1 : 0).split('.');
    const index = a.key === undefined ? {} : { index: JSON.parse(a.key.slice(1, -1)) as unknown };
    return { address, mode: 'managed', type, name, ...index, provider_name: 'registry.terraform.io/hashicorp/aws', values, sensitive_values: {} };
  };
  const created = (address: string, afterUnknown: Record<string, unknown>) => ({ address, change: { actions: ['create'], before: null, after: {}, after_unknown: afterUnknown } });
  const configured = (address: string, expressions: unknown, extra: Record<string, unknown> = {}) => {
    const [type, name] = address.split('.');
    return { address, mode: 'managed', type, name, provider_config_key: 'aws', expressions, schema_version: 0, ...extra };
  };
  const refs = (...r: unknown[]) => ({ references: r });
  const constant = (v: unknown) => ({ constant_value: v });
  const BLOCK_ALL = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
  const BLOCK_ALL_CONFIG = { block_public_acls: constant(true), block_public_policy: constant(true), ignore_public_acls: constant(true), restrict_public_buckets: constant(true) };
  const pab = (address: string) => planned(address, BLOCK_ALL);
  const pabConfig = (address: string, bucket: unknown, extra: Record<string, unknown> = {}) => configured(address, { ...BLOCK_ALL_CONFIG, bucket }, extra);
  const bucketRefs = (d: ParsedDocument, id: string) => assertUnknown(get(props(d, id), 'bucket'), id, null).refs;

  it('security groups a resource uses through unknown ids are linked (attribute, list element, nested block)', () => {
    const t = miniPlan(
      [
        planned('aws_security_group.app', { name: 'app', ingress: [], egress: [] }),
        planned('aws_security_group.db', { name: 'db', ingress: [], egress: [] }),
        planned('aws_instance.app', { ami: 'ami-1', instance_type: 't3.micro' }),
        planned('aws_instance.worker', { ami: 'ami-1', instance_type: 't3.micro', vpc_security_group_ids: [null] }),
        planned('aws_lambda_function.fn', { function_name: 'fn', vpc_config: [{ subnet_ids: ['subnet-1'] }] }),
      ],
      [
        created('aws_security_group.app', { id: true, arn: true }),
        created('aws_security_group.db', { id: true, arn: true }),
        created('aws_instance.app', { id: true, arn: true, vpc_security_group_ids: true }),
        created('aws_instance.worker', { id: true, vpc_security_group_ids: [true] }),
        created('aws_lambda_function.fn', { arn: true, vpc_config: [{ security_group_ids: true, vpc_id: true }] }),
      ],
      [],
      {
        root_module: {
          resources: [
            configured('aws_security_group.app', { name: constant('app') }),
            configured('aws_security_group.db', { name: constant('db') }),
            configured('aws_instance.app', { ami: constant('ami-1'), vpc_security_group_ids: refs('aws_security_group.app.id', 'aws_security_group.app', 'aws_security_group.db.id', 'aws_security_group.db') }),
            configured('aws_instance.worker', { ami: constant('ami-1'), vpc_security_group_ids: refs('aws_security_group.app.id', 'aws_security_group.app') }),
            configured('aws_lambda_function.fn', { function_name: constant('fn'), vpc_config: [{ security_group_ids: refs('aws_security_group.db.id', 'aws_security_group.db'), subnet_ids: constant(['subnet-1']) }] }),
          ],
        },
      },
    );
    const d = parseTerraformPlan(t);
    assert.deepEqual(d.syntaxErrors, []);
    assertUnknown(get(props(d, 'aws_instance.app'), 'vpc_security_group_ids'), 'instance', ['aws_security_group.app.id', 'aws_security_group.db.id']);
    assertUnknown(asList(get(props(d, 'aws_instance.worker'), 'vpc_security_group_ids'))?.items[0], 'worker [0]', ['aws_security_group.app.id']);
    const vpc = asMap(asList(get(props(d, 'aws_lambda_function.fn'), 'vpc_config'))?.items[0]);
    assertUnknown(get(vpc, 'security_group_ids'), 'lambda', ['aws_security_group.db.id']);
    assertUnknown(get(vpc, 'vpc_id'), 'lambda vpc_id (computed)', []);
    const l = buildLinks(d);
    const users = (sg: string) =>
      l
        .from(byId(d, sg), RELATION.securityGroup)
        .map((x) => x.to.id)
        .sort();
    assert.deepEqual(users('aws_security_group.app'), ['aws_instance.app', 'aws_instance.worker']);
    // vpc_config is a list of blocks in a plan (TF_SG_PATHS reads maps): the Lambda is not linked, as before.
    assert.deepEqual(users('aws_security_group.db'), ['aws_instance.app']);
  });

  it('module instances (for_each and count), variables, outputs, literal keys and each.value', () => {
    const t = miniPlan(
      [
        planned('aws_s3_bucket.shared', { bucket: 'shared' }),
        planned('aws_s3_bucket.b[0]', { bucket: 'b-0' }),
        planned('aws_s3_bucket.b[1]', { bucket: 'b-1' }),
        pab('aws_s3_bucket_public_access_block.second'),
        planned('aws_s3_bucket.m["x"]', { bucket: 'm-x' }),
        planned('aws_s3_bucket.m["y"]', { bucket: 'm-y' }),
        pab('aws_s3_bucket_public_access_block.m["x"]'),
        pab('aws_s3_bucket_public_access_block.m["y"]'),
        pab('aws_s3_bucket_public_access_block.replica'),
        pab('aws_s3_bucket_public_access_block.all_replicas'),
      ],
      [
        ...['aws_s3_bucket.shared', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b[1]', 'aws_s3_bucket.m["x"]', 'aws_s3_bucket.m["y"]'].map((a) => created(a, { id: true, arn: true })),
        ...[
          'aws_s3_bucket_public_access_block.second',
          'aws_s3_bucket_public_access_block.m["x"]',
          'aws_s3_bucket_public_access_block.m["y"]',
          'aws_s3_bucket_public_access_block.replica',
          'aws_s3_bucket_public_access_block.all_replicas',
          'module.site["a"].aws_s3_bucket_public_access_block.this',
          'module.site["b"].aws_s3_bucket_public_access_block.this',
          'module.guard.aws_s3_bucket_public_access_block.this',
        ].map((a) => created(a, { bucket: true, id: true })),
        ...['module.site["a"].aws_s3_bucket.this', 'module.site["b"].aws_s3_bucket.this', 'module.replica[0].aws_s3_bucket.this', 'module.replica[1].aws_s3_bucket.this'].map((a) => created(a, { id: true })),
      ],
      [
        { address: 'module.site["a"]', resources: [planned('module.site["a"].aws_s3_bucket.this', { bucket: 'site-a' }), pab('module.site["a"].aws_s3_bucket_public_access_block.this')] },
        { address: 'module.site["b"]', resources: [planned('module.site["b"].aws_s3_bucket.this', { bucket: 'site-b' }), pab('module.site["b"].aws_s3_bucket_public_access_block.this')] },
        { address: 'module.guard', resources: [pab('module.guard.aws_s3_bucket_public_access_block.this')] },
        { address: 'module.replica[0]', resources: [planned('module.replica[0].aws_s3_bucket.this', { bucket: 'replica-0' })] },
        { address: 'module.replica[1]', resources: [planned('module.replica[1].aws_s3_bucket.this', { bucket: 'replica-1' })] },
      ],
      {
        root_module: {
          resources: [
            configured('aws_s3_bucket.shared', { bucket: constant('shared') }),
            configured('aws_s3_bucket.b', { bucket: refs('count.index') }, { count_expression: constant(2) }),
            pabConfig('aws_s3_bucket_public_access_block.second', refs('aws_s3_bucket.b[1].id', 'aws_s3_bucket.b[1]', 'aws_s3_bucket.b')),
            configured('aws_s3_bucket.m', { bucket: refs('each.key') }, { for_each_expression: constant({ x: 1, y: 2 }) }),
            pabConfig('aws_s3_bucket_public_access_block.m', refs('each.value.id', 'each.value'), { for_each_expression: refs('aws_s3_bucket.m') }),
            pabConfig('aws_s3_bucket_public_access_block.replica', refs('module.replica[1].bucket_id', 'module.replica[1]')),
            pabConfig('aws_s3_bucket_public_access_block.all_replicas', refs('module.replica')),
          ],
          module_calls: {
            site: {
              source: './site',
              expressions: { name: refs('each.key') },
              for_each_expression: constant(['a', 'b']),
              module: {
                resources: [configured('aws_s3_bucket.this', { bucket: refs('var.name') }), pabConfig('aws_s3_bucket_public_access_block.this', refs('aws_s3_bucket.this.id', 'aws_s3_bucket.this'))],
              },
            },
            guard: {
              source: './guard',
              expressions: { bucket_id: refs('aws_s3_bucket.shared.id', 'aws_s3_bucket.shared') },
              module: { resources: [pabConfig('aws_s3_bucket_public_access_block.this', refs('var.bucket_id'))], variables: { bucket_id: {} } },
            },
            replica: {
              source: './replica',
              count_expression: constant(2),
              module: {
                outputs: { bucket_id: { expression: refs('aws_s3_bucket.this.id', 'aws_s3_bucket.this') }, region: { expression: refs('data.aws_region.current.name', 'data.aws_region.current') } },
                resources: [configured('aws_s3_bucket.this', { bucket: refs('count.index') })],
              },
            },
          },
        },
      },
    );
    const d = parseTerraformPlan(t);
    assert.deepEqual(d.syntaxErrors, []);
    // Module instances: each resolves in its own instance.
    assert.deepEqual(bucketRefs(d, 'module.site["a"].aws_s3_bucket_public_access_block.this'), ['module.site["a"].aws_s3_bucket.this.id']);
    assert.deepEqual(linksTo(d, 'module.site["b"].aws_s3_bucket.this'), ['module.site["b"].aws_s3_bucket_public_access_block.this -public-access-block-> module.site["b"].aws_s3_bucket.this']);
    // var.bucket_id → the call's argument, in the root module.
    assert.deepEqual(bucketRefs(d, 'module.guard.aws_s3_bucket_public_access_block.this'), ['aws_s3_bucket.shared.id']);
    assert.deepEqual(linksTo(d, 'aws_s3_bucket.shared'), ['module.guard.aws_s3_bucket_public_access_block.this -public-access-block-> aws_s3_bucket.shared']);
    // A literal key names that instance only.
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.second'), ['aws_s3_bucket.b[1].id']);
    assert.deepEqual(linksTo(d, 'aws_s3_bucket.b[1]'), ['aws_s3_bucket_public_access_block.second -public-access-block-> aws_s3_bucket.b[1]']);
    assert.deepEqual(linksTo(d, 'aws_s3_bucket.b[0]'), []);
    // each.value → the for_each expression: every instance, the same key first.
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.m["y"]'), ['aws_s3_bucket.m']);
    assert.deepEqual(linksTo(d, 'aws_s3_bucket.m["y"]'), [
      'aws_s3_bucket_public_access_block.m["y"] -public-access-block-> aws_s3_bucket.m["y"]',
      'aws_s3_bucket_public_access_block.m["x"] -public-access-block-> aws_s3_bucket.m["y"]',
    ]);
    // module.replica[1].bucket_id → that instance's output; module.replica (a splat) → every instance, every output.
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.replica'), ['module.replica[1].aws_s3_bucket.this.id']);
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.all_replicas'), [
      'module.replica[0].aws_s3_bucket.this.id',
      'module.replica[0].data.aws_region.current.name',
      'module.replica[1].aws_s3_bucket.this.id',
      'module.replica[1].data.aws_region.current.name',
    ]);
    assert.deepEqual(linksTo(d, 'module.replica[0].aws_s3_bucket.this'), ['aws_s3_bucket_public_access_block.all_replicas -public-access-block-> module.replica[0].aws_s3_bucket.this']);
    // No bucket of this plan is left without its block.
    const gaps = analyze(d).findings.filter((f) => f.ruleId === 's3-public-access-block');
    assert.deepEqual(
      gaps.map((f) => f.resource),
      ['aws_s3_bucket.b[0]'],
    );
  });

  it('references to what the plan does not have link nothing and throw nothing', () => {
    const t = miniPlan(
      [planned('aws_s3_bucket.kept', { bucket: 'kept' }), pab('aws_s3_bucket_public_access_block.gone'), pab('aws_s3_bucket_public_access_block.local'), pab('aws_s3_bucket_public_access_block.input')],
      [
        created('aws_s3_bucket.kept', { id: true }),
        ...['gone', 'local', 'input'].map((n) => created(`aws_s3_bucket_public_access_block.${n}`, { bucket: true, id: true })),
      ],
      [],
      {
        root_module: {
          resources: [
            configured('aws_s3_bucket.kept', { bucket: constant('kept') }),
            pabConfig('aws_s3_bucket_public_access_block.gone', refs('aws_s3_bucket.gone.id', 'aws_s3_bucket.gone')),
            pabConfig('aws_s3_bucket_public_access_block.local', refs('local.bucket_id')),
            pabConfig('aws_s3_bucket_public_access_block.input', refs('var.bucket_id', 'module.missing.id', 'each.value', 'count.index', 'path.module')),
          ],
        },
      },
    );
    const d = parseTerraformPlan(t);
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.gone'), ['aws_s3_bucket.gone.id']);
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.local'), []);
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.input'), []);
    const l = buildLinks(d);
    for (const r of d.resources) {
      assert.deepEqual(l.to(r), [], r.id);
      assert.deepEqual(l.from(r), [], r.id);
    }
    // The bucket has no block in this plan: the gap is real.
    assert.ok(analyze(d).findings.some((f) => f.ruleId === 's3-public-access-block' && f.resource === 'aws_s3_bucket.kept'));
  });

  it('malformed and hostile configuration sections are read as far as they go, never throw', () => {
    const resources = [planned('aws_s3_bucket.b', { bucket: 'b' }), pab('module.m.aws_s3_bucket_public_access_block.p'), pab('aws_s3_bucket_public_access_block.q')];
    const changes = [created('module.m.aws_s3_bucket_public_access_block.p', { bucket: true }), created('aws_s3_bucket_public_access_block.q', { bucket: true, tags: { a: true } })];
    const wide = Array.from({ length: 2000 }, (_, i) => `var.v${i}`);
    const configurations: unknown[] = [
      null,
      'junk',
      [],
      { root_module: null },
      { root_module: { resources: 'junk', module_calls: [] } },
      { root_module: { resources: [null, 1, { address: 7 }, { address: 'aws_s3_bucket_public_access_block.q', expressions: [] }] } },
      { root_module: { resources: [{ address: 'aws_s3_bucket_public_access_block.q', expressions: { bucket: { references: [1, null, {}, 'aws_s3_bucket.b[', '..', '[0]'] }, tags: 'x' } }] } },
      // A cycle through a variable and an output; a call named like an Object.prototype property.
      {
        root_module: {
          resources: [{ address: 'aws_s3_bucket_public_access_block.q', expressions: { bucket: refs('module.constructor.x', 'module.__proto__.x', 'module.m.out') } }],
          module_calls: {
            m: {
              expressions: { x: refs('module.m.out'), y: refs(...wide) },
              module: {
                outputs: { out: { expression: refs('var.x', 'var.y', 'aws_s3_bucket.b.id') } },
                resources: [{ address: 'aws_s3_bucket_public_access_block.p', expressions: { bucket: refs('var.x', 'aws_s3_bucket.b.id') } }],
              },
            },
          },
        },
      },
    ];
    for (const configuration of configurations) {
      const t = miniPlan(resources, changes, [], configuration);
      const d = parseTerraformPlan(t);
      assert.deepEqual(d.syntaxErrors, []);
      assert.equal(d.resources.length, 3);
      for (const r of d.resources) for (const [, n] of exprNodes(r.properties)) assert.ok(n.refs.every((x) => typeof x === 'string'));
      buildLinks(d);
      analyze(d);
    }
    // The cycle ends; the module's own reference is still found.
    const d = parseTerraformPlan(miniPlan(resources, changes, [], configurations[configurations.length - 1]));
    assert.deepEqual(bucketRefs(d, 'module.m.aws_s3_bucket_public_access_block.p'), ['module.m.aws_s3_bucket.b.id']);
    assert.deepEqual(bucketRefs(d, 'aws_s3_bucket_public_access_block.q'), ['module.m.aws_s3_bucket.b.id']);
  });

  it('addresses: tfAddress splits module path, block, instance key and attribute', () => {
    assert.deepEqual(tfAddress('aws_s3_bucket.b.id'), { module: '', block: 'aws_s3_bucket.b', rest: '.id' });
    assert.deepEqual(tfAddress('data.aws_iam_policy_document.p.json'), { module: '', block: 'data.aws_iam_policy_document.p', rest: '.json' });
    assert.deepEqual(tfAddress('module.a["x.y]"].module.b.aws_s3_bucket.c["k\\"]"].tags["Name"]'), {
      module: 'module.a["x.y]"].module.b',
      block: 'module.a["x.y]"].module.b.aws_s3_bucket.c',
      key: '["k\\"]"]',
      rest: '.tags["Name"]',
    });
    assert.deepEqual(tfAddress('aws_instance.web[0]'), { module: '', block: 'aws_instance.web', key: '[0]', rest: '' });
    for (const t of ['var.x', 'local.y', 'module.m', 'module.m.out', 'count.index', 'each.value.id', 'aws_x', '', '.a.b', 'a..b', 'a.b[', 'a.b["x]', '[0].a']) assert.equal(tfAddress(t), undefined, t);
  });
});

describe('a generated plan', () => {
  it('reads every planned resource of a ~1 MB plan (timings: see the parse-time script in the report, none asserted)', () => {
    const { text, addresses } = generatePlan(1024 * 1024);
    assert.equal(isTerraformPlan(text), true);
    const d = parseTerraformPlan(text);
    assert.deepEqual(d.syntaxErrors, []);
    assert.deepEqual(
      d.resources.map((r) => r.id),
      addresses,
    );
    const bucket = d.resources.find((r) => r.type === 'aws_s3_bucket');
    assertUnknown(get(bucket?.properties, 'arn'), 'arn');
    assertSpansInside(d, text.length);
  });
});
