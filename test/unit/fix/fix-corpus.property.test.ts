import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { analyzeText } from '../../../server/src/core/document';
import { applyEdits, fixEdits, ignoreEdits } from '../../../server/src/core/fix';
import { getPath } from '../../../server/src/core/model/nodes';
import type { MapNode, Resource } from '../../../server/src/core/model/types';
import type { FixSpec } from '../../../server/src/core/rules/rule-api';
import { applySuppressions } from '../../../server/src/core/suppress';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(p);
    return /\.(ya?ml|tf)$/.test(e.name) ? [p] : [];
  });
}

interface Fixture {
  readonly file: string;
  readonly text: string;
  readonly resources: readonly Resource[];
}

/** A YAML template as plain JSON, short-form intrinsics (`!Ref x`) turned into their long form (`{"Ref": "x"}`). */
function yamlToJson(node: YamlNode | null | undefined): unknown {
  if (!node) return null;
  let v: unknown;
  if (isMap(node)) v = Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), yamlToJson(p.value as YamlNode)]));
  else if (isSeq(node)) v = node.items.map((i) => yamlToJson(i as YamlNode));
  else v = isScalar(node) ? node.value : null;
  const tag = node.tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('tag:')) {
    const name = tag.slice(1);
    const fn = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    return { [fn]: name === 'GetAtt' && typeof v === 'string' ? v.split('.') : v };
  }
  return v;
}

function loadCorpus(): Fixture[] {
  assert.ok(fs.existsSync(CORPUS), `corpus missing at ${CORPUS}`);
  const out: Fixture[] = [];
  let json = 0;
  for (const file of listFiles(CORPUS)) {
    const text = fs.readFileSync(file, 'utf8');
    const a = analyzeText(file, text);
    if (a.doc.syntaxErrors.length === 0 && a.doc.resources.length > 0) out.push({ file, text, resources: a.doc.resources });
    // CloudFormation JSON fixtures derived from the YAML templates (alternating 2-space, 4-space and compact layouts).
    if (file.includes('cloudformation') && json < 60 && a.doc.resources.length > 0) {
      const jtext = JSON.stringify(yamlToJson(parseDocument(text).contents as YamlNode), null, [2, 4, 0][json % 3]);
      const jfile = file.replace(/\.ya?ml$/, '.json');
      const j = analyzeText(jfile, jtext);
      if (j.doc.syntaxErrors.length === 0 && j.doc.resources.length > 0) {
        out.push({ file: jfile, text: jtext, resources: j.doc.resources });
        json++;
      }
    }
  }
  assert.ok(json > 20, `only ${json} JSON fixtures derived`);
  assert.ok(out.length > 100, `only ${out.length} usable corpus files`);
  return out;
}

/** Key paths that exist below a resource's properties (maps only), for fixes that replace or add below them. */
function existingPaths(m: MapNode | undefined, prefix: string[] = [], out: string[][] = []): string[][] {
  if (!m || out.length > 200 || prefix.length > 3) return out;
  for (const e of m.entries) {
    const p = [...prefix, e.key];
    out.push(p);
    if (e.value.type === 'map') existingPaths(e.value, p, out);
  }
  return out;
}

const corpus = loadCorpus();

function reparseOk(f: Fixture, out: string): void {
  const b = analyzeText(f.file, out);
  assert.equal(b.doc.syntaxErrors.length, 0, `${f.file}: ${b.doc.syntaxErrors.map((e) => e.message).join('; ')}\n${out}`);
  assert.equal(b.doc.resources.length, f.resources.length, `${f.file}: resource count changed`);
}

describe('fixes on the real-world corpus', () => {
  it('every fix of every finding re-parses cleanly and clears that finding', () => {
    let applied = 0;
    let cleared = 0;
    for (const f of corpus) {
      const a = analyzeText(f.file, f.text);
      for (const finding of a.findings) {
        if (!finding.fix) continue;
        const r = a.doc.resources.find((x) => x.id === finding.resource)!;
        const edits = fixEdits(f.text, a.doc, r, finding.fix, finding.span);
        if (edits.length === 0) continue;
        const out = applyEdits(f.text, edits);
        reparseOk(f, out);
        applied++;
        const same = (x: typeof finding) => x.ruleId === finding.ruleId && x.resource === finding.resource;
        const after = analyzeText(f.file, out).findings.filter(same).length;
        assert.ok(after < a.findings.filter(same).length, `${f.file}: ${finding.fix.title} on ${finding.resource} did not clear the finding`);
        cleared++;
      }
    }
    assert.ok(applied > 0, "no fix applied on the corpus");
    assert.equal(cleared, applied);
  });

  it('an ignore suppression with a reason silences the finding everywhere (YAML and HCL)', () => {
    let n = 0;
    for (const f of corpus.slice(0, 150)) {
      const a = analyzeText(f.file, f.text);
      const finding = a.findings.find((x) => x.ruleId !== 'unknown-resource-type');
      if (!finding) continue;
      const r = a.doc.resources.find((x) => x.id === finding.resource)!;
      const out = applyEdits(f.text, ignoreEdits(f.text, a.doc, r, finding.ruleId)).replace('TODO: reason', 'corpus test');
      reparseOk(f, out);
      const s = applySuppressions(analyzeText(f.file, out), out);
      assert.equal(s.findings.filter((x) => x.ruleId === finding.ruleId && x.resource === finding.resource).length, 0, `${f.file} ${finding.resource}`);
      assert.equal(s.findings.filter((x) => x.ruleId === 'unused-suppression').length, 0, f.file);
      n++;
    }
    assert.ok(n > 10, `only ${n} ignores tried`);
  });

  it('any fix (existing or new paths, any value) applied to any corpus resource never breaks parsing', () => {
    const value = fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 100000 }), fc.constantFrom('x', 'a b', 'a: b # c', '${x}', "it's", '"q"', 'true', '', 'line\nbreak', 'ü€'));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), value, (fi, ri, pi, mode, v) => {
        const f = corpus[fi % corpus.length];
        const a = analyzeText(f.file, f.text);
        const r = a.doc.resources[ri % a.doc.resources.length];
        const paths = existingPaths(r.properties);
        const base = paths.length > 0 ? paths[pi % paths.length] : [];
        const fresh = r.language === 'terraform' ? 'zz_new' : 'ZzNew';
        const p = mode === 0 && base.length > 0 ? base : mode === 1 ? [...base, fresh] : mode === 2 ? [fresh, fresh + '2'] : [fresh];
        const fix: FixSpec = { title: 't', path: p, value: v };
        const edits = fixEdits(f.text, a.doc, r, fix);
        if (edits.length === 0) return;
        const out = applyEdits(f.text, edits);
        reparseOk(f, out);
        // The value is there afterwards when the path runs through mappings only.
        const b = analyzeText(f.file, out);
        const r2 = b.doc.resources.find((x) => x.id === r.id);
        const got = getPath(r2?.properties, p);
        if (got && got.type === 'scalar') assert.equal(got.value, v, `${f.file} ${r.id} ${p.join('.')}`);
        else if (got) assert.fail(`${f.file} ${r.id} ${p.join('.')}: ${got.type} after setting ${JSON.stringify(v)}`);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
