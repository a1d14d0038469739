import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { corpusYamlFiles, splitChunks } from './chunks';
import { plainTree } from '../helpers';

test('corpus: every chunk the fast path handles equals the library result; the fast path handles >= 90%', () => {
  const files = corpusYamlFiles();
  assert.ok(files.length >= 250, `expected the ~290 corpus YAML files, found ${files.length}`);
  let total = 0;
  let handled = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const chunk of splitChunks(text)) {
      total++;
      const fast = parseYamlFast(chunk.text, chunk.base);
      if (!fast) continue;
      handled++;
      assert.deepStrictEqual(plainTree(fast), plainTree(parseYamlWithLibrary(chunk.text, chunk.base)), `${file} @${chunk.base}:\n${chunk.text}`);
    }
  }
  const share = handled / total;
  console.log(`yaml-fast corpus: ${handled}/${total} chunks on the fast path (${(share * 100).toFixed(1)}%) in ${files.length} files`);
  assert.ok(share >= 0.9, `fast-path share ${share}`);
});

test('corpus: whole files, where handled, equal the library result', () => {
  let handled = 0;
  const files = corpusYamlFiles();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const fast = parseYamlFast(text, 100);
    if (!fast) continue;
    handled++;
    assert.deepStrictEqual(plainTree(fast), plainTree(parseYamlWithLibrary(text, 100)), file);
  }
  console.log(`yaml-fast corpus: ${handled}/${files.length} whole files on the fast path`);
  assert.ok(handled / files.length >= 0.8);
});
