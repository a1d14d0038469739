/**
 * Every per-resource refinement of data/classification.json, on a resource of each type it names (with the property
 * value it needs, and without it): the owner it sets and its reason show in the JSON report and in the hover, with
 * its source, and for a shared duty what AWS does and what you do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { loadClassificationJson, type RefinementJson } from '../../../server/src/core/catalog/catalog-data';
import { fileReport, type JsonDuty } from '../../../server/src/core/present/report';
import { hoverCard } from '../../../server/src/core/present/hover';
import { escapeMarkdown, markdownCode } from '../../../server/src/core/present/escape';
import type { ResourceAnalysis } from '../../../server/src/core/analyze';

type Language = 'cloudformation' | 'terraform';

/** The property value a refinement's condition needs (a list for `includes`, a small map for `present`). */
function needed(r: RefinementJson): { value: unknown } | undefined {
  const w = r.when;
  if (!w) return undefined;
  if (w.equals) return { value: w.equals[0] };
  if (w.includes) return { value: [w.includes[0]] };
  if (w.startsWith !== undefined) return { value: `${w.startsWith}x` };
  return { value: { present: true } };
}

function yamlValue(v: unknown, language: Language): string {
  if (Array.isArray(v)) return `[${v.map((x) => yamlValue(x, language)).join(', ')}]`;
  if (typeof v === 'string') return language === 'terraform' ? JSON.stringify(v) : v;
  return String(v);
}

/** A one-resource document of `type`, with the property at `path` set to `value` (nothing when path is undefined). */
function doc(language: Language, type: string, path?: readonly string[], value?: unknown): { file: string; text: string } {
  const present = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (language === 'cloudformation') {
    const lines = ['Resources:', '  R:', `    Type: ${type}`];
    if (path) {
      lines.push('    Properties:');
      path.forEach((k, i) => {
        const ind = '      ' + '  '.repeat(i);
        if (i < path.length - 1) lines.push(`${ind}${k}:`);
        else if (present) lines.push(`${ind}${k}:`, `${ind}  SubnetIds: [subnet-1]`);
        else lines.push(`${ind}${k}: ${yamlValue(value, language)}`);
      });
    }
    const sam = type.startsWith('AWS::Serverless::') ? 'Transform: AWS::Serverless-2016-10-31\n' : '';
    return { file: 't.yaml', text: sam + lines.join('\n') + '\n' };
  }
  const body: string[] = [];
  if (path) {
    path.forEach((k, i) => {
      if (i < path.length - 1) body.push(`${k} {`);
      else if (present) body.push(`${k} {`, 'subnet_ids = ["subnet-1"]', '}');
      else body.push(`${k} = ${yamlValue(value, language)}`);
    });
    for (let i = 0; i < path.length - 1; i++) body.push('}');
  }
  return { file: 'main.tf', text: `resource "${type}" "r" {\n${body.join('\n')}\n}\n` };
}

function analyzed(language: Language, type: string, path?: readonly string[], value?: unknown): { ra: ResourceAnalysis; duties: JsonDuty[]; kind: string } {
  const { file, text } = doc(language, type, path, value);
  const analysis = analyzeText(file, text);
  const ra = analysis.resources.find((r) => r.resource.type === type);
  assert.ok(ra, `${type}: analysed\n${text}`);
  const jr = fileReport(file, text, analysis).resources.find((r) => r.type === type);
  assert.ok(jr, `${type}: in the JSON report`);
  return { ra, duties: jr.duties, kind: jr.kind };
}

const refinements = loadClassificationJson().refinements;

describe('each refinement, per resource type and property value: owner and reason in the JSON and the hover', () => {
  for (const r of refinements) {
    for (const language of ['cloudformation', 'terraform'] as const) {
      for (const type of r.types[language] ?? []) {
        it(`${r.id} × ${type}`, () => {
          const need = needed(r);
          const path = r.when?.[language];
          const { ra, duties, kind } = analyzed(language, type, path, need?.value);
          assert.equal(ra.lookup.status, 'aws', type);
          if (ra.lookup.status !== 'aws') return;
          const applied = ra.lookup.refinements;
          const mine = applied.find((x) => x.reason === r.reason);
          assert.ok(mine, `${r.id} applies to ${type} with ${JSON.stringify(need?.value)}`);
          if (r.when) assert.match(mine.property ?? '', new RegExp(`^${(path ?? []).join('\\.')}`), `${r.id}: names the property`);
          // The kind: the last refinement that sets one wins.
          const lastKind = [...applied].reverse().find((x) => x.kind)?.kind;
          if (r.kind) assert.equal(kind, lastKind, `${r.id}: kind in the JSON`);
          // Each duty: the owner of the last refinement that sets it, with that refinement's reason and source.
          for (const d of r.duties ?? []) {
            const winner = [...applied].reverse().find((x) => x.duties?.some((y) => y.duty === d.duty));
            const w = winner?.duties?.find((y) => y.duty === d.duty);
            const jd = duties.find((x) => x.duty === d.duty);
            assert.ok(jd && w && winner, `${r.id}: ${d.duty} in the JSON`);
            const expected = jd.status === 'gap' && w.owner === 'aws' ? 'shared' : w.owner;
            assert.equal(jd.owner, expected, `${r.id} × ${type}: owner of ${d.duty}`);
            assert.equal(jd.refinement?.reason, winner.reason, `${r.id} × ${type}: reason of ${d.duty} in the JSON`);
            assert.equal(jd.refinement?.source, winner.source);
            if (w.owner === 'shared') assert.deepEqual([jd.refinement?.aws, jd.refinement?.customer], [w.aws, w.customer], `${r.id}: what each party does, in the JSON`);
          }
          // The hover: the refinement with its reason, the property and the source; for a shared duty what each does.
          const card = hoverCard(ra);
          assert.ok(card.includes(`Refined: ${escapeMarkdown(r.reason, 300)}`), `${r.id} × ${type}: reason in the hover\n${card}`);
          assert.ok(card.includes(`(${r.source})`) || card.includes(`(${r.source} "`), `${r.id}: source in the hover`);
          if (mine.property) assert.ok(card.includes(markdownCode(mine.property)), `${r.id}: property in the hover`);
          for (const d of r.duties ?? []) {
            const jd = duties.find((x) => x.duty === d.duty);
            if (d.owner === 'shared' && jd?.refinement?.reason === r.reason) {
              assert.ok(card.includes(`${escapeMarkdown(d.aws!.charAt(0).toUpperCase() + d.aws!.slice(1), 200)}; ${escapeMarkdown(d.customer!, 200)}`), `${r.id}: what AWS and you do, in the hover\n${card}`);
            }
          }
        });
        if (r.when) {
          it(`${r.id} × ${type} without the property value: not applied`, () => {
            const { ra, duties } = analyzed(language, type);
            if (ra.lookup.status !== 'aws') return;
            assert.ok(!ra.lookup.refinements.some((x) => x.reason === r.reason), `${r.id} does not apply without ${(r.when?.[language] ?? []).join('.')}`);
            for (const d of duties) assert.notEqual(d.refinement?.reason, r.reason);
            assert.ok(!hoverCard(ra).includes(escapeMarkdown(r.reason, 300)));
          });
        }
      }
    }
  }
});

describe('one lookup and one owner table per reading', () => {
  it('resources of a type that read the same share the lookup and its owners; another reading gets its own', () => {
    const y = `Resources:
  A:
    Type: AWS::ECS::Service
    Properties: {LaunchType: FARGATE}
  B:
    Type: AWS::ECS::Service
    Properties: {LaunchType: FARGATE}
  C:
    Type: AWS::ECS::Service
    Properties: {LaunchType: EC2}
`;
    const [a, b, c] = analyzeText('t.yaml', y).resources;
    assert.equal(a.lookup, b.lookup);
    assert.notEqual(a.lookup, c.lookup);
    assert.ok(a.lookup.status === 'aws' && c.lookup.status === 'aws');
    assert.deepEqual([a.lookup.refinements.map((r) => r.property), c.lookup.refinements.map((r) => r.property)], [['LaunchType: FARGATE'], ['LaunchType: EC2']]);
    // The owners follow each reading: Fargate's OS is AWS's, the EC2 launch type's is yours.
    const os = (r: ResourceAnalysis): string | undefined => r.duties.find((d) => d.duty === 'operating-system-configuration')?.owner;
    assert.deepEqual([os(a), os(b), os(c)], ['aws', 'aws', 'customer']);
    assert.ok(Object.isFrozen(a.lookup) && Object.isFrozen(a.lookup.refinements));
  });
});
