/**
 * The real-world corpus (widdix CloudFormation, SAM integration templates, terraform-aws-modules): every file parses,
 * every AWS resource is recognized with the right type and a range that points at its type string, non-templates
 * yield nothing. Expected resources come from an independent reading (the `yaml` library's plain parse / a line regex).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as Y from 'yaml';
import { lookupType } from '../../../server/src/core/catalog/catalog';
import { analyzeText } from '../../../server/src/core/document';
import { SHORT_FORM_TAGS } from '../../../server/src/core/parse/intrinsics';
import { ROOT, slice, unquote } from '../helpers';

const CORPUS = path.resolve(ROOT, '..', 'shared', 'data', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out.sort();
}

const TAGS = [...SHORT_FORM_TAGS.keys()].flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (s: unknown) => s },
  { tag, collection: 'map' as const, resolve: (s: unknown) => s },
]) as unknown as Y.Tags;

/** The independent reading: logical id → type, for files that are templates by the product's definition. */
function expectedCfn(text: string): Map<string, string> | undefined {
  const js = Y.parse(text, { customTags: TAGS, maxAliasCount: -1, uniqueKeys: false }) as Record<string, unknown> | null;
  if (!js || typeof js !== 'object' || Array.isArray(js)) return undefined;
  const res = js.Resources as Record<string, { Type?: unknown }> | undefined;
  const hasTyped = !!res && typeof res === 'object' && Object.values(res).some((r) => r && typeof r === 'object' && 'Type' in r);
  if (!('AWSTemplateFormatVersion' in js) && !hasTyped) return undefined;
  const out = new Map<string, string>();
  for (const [id, r] of Object.entries(res ?? {})) if (r && typeof r === 'object' && typeof r.Type === 'string') out.set(id, r.Type);
  return out;
}

function expectedTf(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/^resource\s+"([^"]+)"\s+"([^"]+)"/gm)) ids.push(`${m[1]}.${m[2]}`);
  for (const m of text.matchAll(/^data\s+"([^"]+)"\s+"([^"]+)"/gm)) ids.push(`data.${m[1]}.${m[2]}`);
  for (const m of text.matchAll(/^module\s+"([^"]+)"/gm)) ids.push(`module.${m[1]}`);
  return ids.sort();
}

function isAwsType(type: string, language: 'cloudformation' | 'terraform'): boolean {
  return language === 'cloudformation' ? /^(AWS|Alexa)::/.test(type) && type !== 'AWS::CloudFormation::CustomResource' : type.startsWith('aws_');
}

describe('corpus', () => {
  assert.ok(fs.existsSync(CORPUS), `the corpus is missing at ${CORPUS} (it ships in ../shared/data/corpus)`);
  const files = walk(CORPUS).filter((f) => /\.(ya?ml|json|tf)$/.test(f));
  const totals = { files: 0, templates: 0, nonTemplates: 0, cfnResources: 0, tfBlocks: 0, unknownAws: [] as string[] };

  it('every CloudFormation/SAM file parses, with every resource, its type and the type range', () => {
    for (const f of files.filter((x) => !x.endsWith('.tf'))) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(CORPUS, f);
      const t0 = performance.now();
      const a = analyzeText(f, text);
      const ms = performance.now() - t0;
      assert.ok(ms < 1000, `${rel} took ${ms.toFixed(0)} ms`);
      totals.files++;
      const expected = expectedCfn(text);
      if (!expected) {
        assert.equal(a.doc.isTemplate, false, `${rel} is not a template`);
        assert.equal(a.findings.length, 0, `${rel}: no findings on a non-template`);
        totals.nonTemplates++;
        continue;
      }
      totals.templates++;
      assert.equal(a.doc.isTemplate, true, rel);
      assert.deepEqual(a.doc.syntaxErrors, [], rel);
      assert.deepEqual(
        a.resources.map((r) => [r.resource.id, r.resource.type]),
        [...expected],
        rel,
      );
      for (const ra of a.resources) {
        const r = ra.resource;
        assert.equal(unquote(slice(text, r.typeSpan)), r.type, `${rel} ${r.id}: type range`);
        assert.equal(unquote(slice(text, r.nameSpan)), r.id, `${rel} ${r.id}: name range`);
        totals.cfnResources++;
        if (isAwsType(r.type, 'cloudformation') && ra.lookup.status !== 'aws') totals.unknownAws.push(`${rel}: ${r.type}`);
      }
    }
  });

  it('every Terraform file parses, with every resource, data source and module block', () => {
    for (const f of files.filter((x) => x.endsWith('.tf'))) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(CORPUS, f);
      const t0 = performance.now();
      const a = analyzeText(f, text);
      assert.ok(performance.now() - t0 < 1000, `${rel} is slow`);
      assert.deepEqual(a.doc.syntaxErrors, [], rel);
      assert.deepEqual(a.resources.map((r) => r.resource.id).sort(), expectedTf(text), rel);
      for (const ra of a.resources) {
        const r = ra.resource;
        assert.equal(unquote(slice(text, r.typeSpan)), r.type, `${rel} ${r.id}: type range`);
        totals.tfBlocks++;
        if (r.mode !== 'module' && isAwsType(r.type, 'terraform') && ra.lookup.status !== 'aws') totals.unknownAws.push(`${rel}: ${r.type}`);
      }
    }
  });

  it('recognizes every AWS type in the corpus, and the counts hold', () => {
    assert.deepEqual(totals.unknownAws, []);
    // Recorded from the corpus at the commits its README names; a change here means a parser regression (or a new corpus).
    console.log(JSON.stringify(totals));
    assert.deepEqual(
      { files: totals.files, templates: totals.templates, nonTemplates: totals.nonTemplates, cfnResources: totals.cfnResources, tfBlocks: totals.tfBlocks },
      RECORDED,
    );
  });
});

const RECORDED = { files: 289, templates: 281, nonTemplates: 8, cfnResources: 1581, tfBlocks: 251 };

it('terraform-aws-modules registry modules resolve to the service they create', () => {
  const l = lookupType({ language: 'terraform', type: 'terraform-aws-modules/s3-bucket/aws', mode: 'module' });
  assert.equal(l.status, 'aws');
  assert.equal(l.status === 'aws' && l.service.id, 's3');
});
