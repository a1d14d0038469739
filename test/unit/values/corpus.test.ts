import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { templateFromRoot } from '../../../server/src/core/parse/cfn-template';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { applySamGlobals } from '../../../server/src/core/parse/sam';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { buildLinks } from '../../../server/src/core/values/links';
import type { ParsedDocument, ValueNode } from '../../../server/src/core/model/types';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

function files(dir: string, re: RegExp, out: string[] = []): string[] {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) files(p, re, out);
    else if (re.test(d.name)) out.push(p);
  }
  return out;
}

interface Tally {
  known: number;
  unknown: number;
  links: number;
}

/** Evaluate, resolve and bool every node under every resource's properties; every answer well-formed. */
function exercise(doc: ParsedDocument, tally: Tally): void {
  const ev = createEvaluator(doc);
  const links = buildLinks(doc);
  for (const r of doc.resources) {
    tally.links += links.to(r).length;
    const stack: ValueNode[] = r.properties ? [r.properties] : [];
    while (stack.length > 0) {
      const n = stack.pop() as ValueNode;
      const e = ev.evaluate(n);
      if (e.known) tally.known++;
      else {
        tally.unknown++;
        assert.ok(e.dependsOn.length > 0 && e.dependsOn.every((d) => typeof d === 'string' && d.length > 0), JSON.stringify(e));
      }
      const res = ev.resolve(n);
      if (res.known) assert.ok(res.node.span.start <= res.node.span.end);
      const b = ev.bool(n);
      assert.ok(b === undefined || typeof b === 'boolean');
      if (n.type === 'map') for (const x of n.entries) stack.push(x.value);
      else if (n.type === 'list') for (const x of n.items) stack.push(x);
      else if (n.type === 'intrinsic') stack.push(n.arg);
    }
  }
}

test('corpus: evaluator, links and SAM globals run over every CloudFormation/SAM template without a throw', () => {
  assert.ok(fs.existsSync(CORPUS), `corpus missing at ${CORPUS}`);
  const yaml = [...files(path.join(CORPUS, 'cloudformation'), /\.ya?ml$/), ...files(path.join(CORPUS, 'sam'), /\.ya?ml$/)];
  assert.ok(yaml.length > 200);
  const tally: Tally = { known: 0, unknown: 0, links: 0 };
  let samMerged = 0;
  for (const f of yaml) {
    const doc = templateFromRoot(parseYamlWithLibrary(fs.readFileSync(f, 'utf8')).root, [], []);
    if (!doc.isTemplate) continue;
    const sam = applySamGlobals(doc);
    if (sam !== doc) samMerged++;
    exercise(sam, tally);
  }
  assert.ok(samMerged > 10, `SAM Globals applied to ${samMerged} templates`);
  assert.ok(tally.known > tally.unknown, JSON.stringify(tally));
  assert.ok(tally.links > 50, JSON.stringify(tally));
});

test('corpus: evaluator and links run over every Terraform file without a throw', () => {
  assert.ok(fs.existsSync(CORPUS), `corpus missing at ${CORPUS}`);
  const tf = files(path.join(CORPUS, 'terraform'), /\.tf$/);
  assert.ok(tf.length > 100);
  const tally: Tally = { known: 0, unknown: 0, links: 0 };
  for (const f of tf) exercise(parseTerraform(fs.readFileSync(f, 'utf8')), tally);
  assert.ok(tally.known > 0 && tally.unknown > 0, JSON.stringify(tally));
  assert.ok(tally.links >= 8, JSON.stringify(tally));
});
