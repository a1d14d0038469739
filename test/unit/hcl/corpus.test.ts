import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { applyEdits, assertSpansInside, corpusTfFiles, slice } from './helpers';

const files = corpusTfFiles();
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));

/** Independent count: top-level `resource "` / `data "` / `module "` lines (the corpus is `terraform fmt`-ed). */
function regexCount(text: string, kind: string): number {
  return (text.match(new RegExp(`^${kind} "`, 'gm')) ?? []).length;
}

describe('terraform corpus', () => {
  it(`parses all ${files.length} .tf files without syntax errors; resource/data/module counts match a regex count`, () => {
    const total = { resource: 0, data: 0, module: 0 };
    for (let i = 0; i < files.length; i++) {
      const text = texts[i];
      const d = parseTerraform(text);
      const rel = path.relative(path.dirname(files[0]), files[i]);
      assert.deepEqual(d.syntaxErrors, [], rel);
      for (const mode of ['resource', 'data', 'module'] as const) {
        const got = d.resources.filter((r) => r.mode === mode).length;
        assert.equal(got, regexCount(text, mode), `${rel}: ${mode} count`);
        total[mode] += got;
      }
      for (const r of d.resources) {
        assert.equal(slice(text, r.typeSpan), r.type, rel);
        assert.equal(slice(text, r.nameSpan), r.name, rel);
      }
      assertSpansInside(d, text.length);
    }
    // the corpus as pinned in its README: 73 resources, 62 data sources, 116 module blocks
    assert.deepEqual(total, { resource: 73, data: 62, module: 116 });
  });
});

describe('property tests on corpus files', () => {
  const nonEmpty = texts.filter((t) => t.length > 200);
  const fileArb = fc.integer({ min: 0, max: nonEmpty.length - 1 }).map((i) => nonEmpty[i]);

  function check(text: string): void {
    const start = performance.now();
    const d = parseTerraform(text);
    assert.ok(performance.now() - start < 2000, 'parse took too long');
    assertSpansInside(d, text.length);
  }

  it('random truncations never throw and keep spans inside the text', () => {
    fc.assert(
      fc.property(fileArb, fc.double({ min: 0, max: 1, noNaN: true }), (text, frac) => {
        check(text.slice(0, Math.floor(text.length * frac)));
      }),
      { numRuns: 300 },
    );
  });

  it('random insertions and deletions never throw and keep spans inside the text', () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      del: fc.integer({ min: 0, max: 20 }),
      ins: fc.oneof(
        fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOF\n', '#', '/*', '*/', '=', '\n', '\\', '\u0000', '~}', '.', '*'),
        fc.string({ maxLength: 5 }),
      ),
    });
    fc.assert(
      fc.property(fileArb, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
        const t = applyEdits(text, edits);
        check(t);
      }),
      { numRuns: 300 },
    );
  });
});
