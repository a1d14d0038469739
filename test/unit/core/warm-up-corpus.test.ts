/** The warm-up's built-in templates (core/warm-up/corpus.ts) exercise what a real file's analysis runs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentAnalyzer } from '../../../server/src/core/document';
import { warmUpTexts } from '../../../server/src/core/warm-up/corpus';

describe('warm-up templates', () => {
  const texts = warmUpTexts();

  it('cover CloudFormation YAML and JSON and Terraform', () => {
    assert.deepEqual(texts.map((t) => t.syntax).sort(), ['cfn-json', 'cfn-yaml', 'terraform']);
  });

  for (const w of texts) {
    it(`${w.syntax}: parses without errors into resources of many types, both met and failed by rules`, () => {
      const a = new DocumentAnalyzer(w.syntax, { editing: true }).analyze(w.text);
      assert.deepEqual(a.doc.syntaxErrors, []);
      assert.equal(a.doc.isTemplate, true);
      assert.ok(a.doc.resources.length >= 20, `${a.doc.resources.length} resources`);
      assert.ok(new Set(a.doc.resources.map((r) => r.type)).size >= 10);
      const rules = new Set(a.findings.map((f) => f.ruleId));
      assert.ok(rules.size >= 15, `findings of ${rules.size} rules: ${[...rules].join(', ')}`);
      // Not every duty a gap: some resources meet the rules read for them.
      const met = a.resources.flatMap((r) => r.duties).filter((d) => d.status === 'met');
      assert.ok(met.length > 0);
    });

    it(`${w.syntax}: the character the warm-up types lands inside a string value and keeps the file whole`, () => {
      const analyzer = new DocumentAnalyzer(w.syntax, { editing: true });
      const before = analyzer.analyze(w.text);
      assert.ok(w.editAt > 0 && w.editAt < w.text.length);
      const text = `${w.text.slice(0, w.editAt)}x${w.text.slice(w.editAt)}`;
      const after = analyzer.analyze(text, { base: w.text, start: w.editAt, oldEnd: w.editAt, text: 'x' });
      assert.deepEqual(after.doc.syntaxErrors, []);
      assert.equal(after.doc.resources.length, before.doc.resources.length);
      // The same as a fresh analysis of the edited text (the incremental path the warm-up exercises is exact).
      const fresh = new DocumentAnalyzer(w.syntax).analyze(text);
      assert.deepEqual(after.findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`), fresh.findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`));
      assert.ok(text.slice(w.editAt - 5, w.editAt + 1).match(/(Web|web)x$/), text.slice(w.editAt - 10, w.editAt + 5));
    });
  }
});
