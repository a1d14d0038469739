import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { RULES } from '../../../server/src/core/rules';
import { CASES, type Variants } from './fixtures';

/** CloudFormation fixtures run as YAML and as the same document in JSON; Terraform as HCL. */
function runs(lang: 'cfn' | 'tf', text: string): { name: string; analysis: Analysis; text: string }[] {
  if (lang === 'tf') return [{ name: 'terraform', analysis: analyzeText('main.tf', text), text }];
  const json = JSON.stringify(YAML.parse(text), null, 2);
  return [
    { name: 'yaml', analysis: analyzeText('t.yaml', text), text },
    { name: 'json', analysis: analyzeText('t.json', json), text: json },
  ];
}

function outcomes(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => x.outcome.status)));
}

describe('every rule has fixtures', () => {
  it('covers each rule with a failing and a passing (or linked) fixture', () => {
    for (const rule of RULES) {
      const c = CASES.find((x) => x.rule === rule.id);
      assert.ok(c, `no fixtures for ${rule.id}`);
      assert.ok(c.cfn?.fail || c.tf?.fail, `${rule.id}: no failing fixture`);
      assert.ok(c.cfn?.pass || c.tf?.pass || c.tf?.linked || c.cfn?.linked, `${rule.id}: no passing fixture`);
    }
  });
});

for (const c of CASES) {
  describe(c.rule, () => {
    for (const lang of ['cfn', 'tf'] as const) {
      const v: Variants | undefined = c[lang];
      if (!v) continue;
      if (v.fail) {
        it(`${lang}: fails`, () => {
          for (const r of runs(lang, v.fail as string)) {
            const fs = r.analysis.findings.filter((f) => f.ruleId === c.rule);
            assert.ok(fs.length > 0, `${r.name}: expected a ${c.rule} finding, got ${JSON.stringify(r.analysis.findings.map((f) => f.ruleId))}\n${r.text}`);
            for (const f of fs) {
              assert.ok(f.span.start >= 0 && f.span.end <= r.text.length && f.span.end > f.span.start, `${r.name}: span inside the text`);
              // Problem first, then the fix, then the duty and whose part it is: "… — set `X: true` (server-side encryption · yours)".
              assert.match(f.message, /^[A-Z].+ — .+ \([a-z -]+ · (yours|shared: you .+)\)$/, `${r.name}: problem, fix, then duty and owner: ${f.message}`);
              assert.match(f.message, /`R`|`r`/, `${r.name}: message names the resource`);
              assert.equal(f.docUrl?.startsWith('https://docs.aws.amazon.com/'), true);
              if (c.severity) assert.equal(f.severity, c.severity, `${r.name}: severity`);
              if (f.fix) assert.ok(f.fix.path.length > 0);
            }
          }
        });
      }
      for (const kind of ['pass', 'linked', 'unknown'] as const) {
        const text = v[kind];
        if (!text) continue;
        it(`${lang}: ${kind} → no finding`, () => {
          for (const r of runs(lang, text)) {
            const fs = r.analysis.findings.filter((f) => f.ruleId === c.rule);
            assert.equal(fs.length, 0, `${r.name}: unexpected ${fs.map((f) => f.message).join(' | ')}\n${r.text}`);
            const st = outcomes(r.analysis, c.rule);
            assert.ok(st.length > 0, `${r.name}: the rule ran`);
            if (kind === 'unknown' && !c.referenceIsMet) assert.ok(st.includes('unknown'), `${r.name}: outcome unknown, got ${st.join(',')}`);
            else assert.ok(st.includes('met') || st.every((s) => s === 'not-applicable'), `${r.name}: outcome met, got ${st.join(',')}`);
          }
        });
      }
    }
  });
}
