import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { corpusYamlFiles, splitChunks } from './chunks';
import { documentArb } from './gen';
import { applyEdit, editArb } from './mutate';
import { plainTree } from '../helpers';

/** The fast parser either declines or agrees with the library; it never throws. */
function agrees(text: string, base: number): boolean {
  const fast = parseYamlFast(text, base);
  if (fast) assert.deepStrictEqual(plainTree(fast), plainTree(parseYamlWithLibrary(text, base)), JSON.stringify(text));
  return fast !== undefined;
}

test('fuzz: generated documents in and around the subset', () => {
  let handled = 0;
  let runs = 0;
  fc.assert(
    fc.property(documentArb, fc.nat(1000), (text, base) => {
      runs++;
      if (agrees(text, base)) handled++;
    }),
    { numRuns: 2500 },
  );
  console.log(`yaml-fast fuzz: ${handled}/${runs} generated documents on the fast path`);
  assert.ok(handled / runs > 0.15, 'the generator should mostly stay in the subset');
});

test('fuzz: random edits of corpus chunks', () => {
  const chunks = corpusYamlFiles()
    .flatMap((f) => splitChunks(fs.readFileSync(f, 'utf8')))
    .filter((c) => c.text.length < 4000);
  let handled = 0;
  let runs = 0;
  fc.assert(
    fc.property(fc.nat(chunks.length - 1), fc.array(editArb, { minLength: 1, maxLength: 3 }), (i, edits) => {
      runs++;
      if (agrees(edits.reduce(applyEdit, chunks[i].text), chunks[i].base)) handled++;
    }),
    { numRuns: 2500 },
  );
  console.log(`yaml-fast mutations: ${handled}/${runs} edited chunks on the fast path`);
  assert.ok(handled > 0);
});
