import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { generate } from '../../../bench/generate';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import { splitChunks } from './chunks';

function median(reps: number, f: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

test('speed: >= 10x faster than parseYamlWithLibrary on a 1,000-resource template (per-resource chunks)', () => {
  const text = generate('yaml', 1000);
  const chunks = splitChunks(text);
  assert.ok(chunks.every((c) => parseYamlFast(c.text, c.base) !== undefined), 'every generated chunk is in the subset');
  for (let w = 0; w < 3; w++) for (const c of chunks) parseYamlFast(c.text, c.base);
  const lib = median(3, () => { for (const c of chunks) parseYamlWithLibrary(c.text, c.base); });
  const fast = median(7, () => { for (const c of chunks) parseYamlFast(c.text, c.base); });
  const libWhole = median(3, () => parseYamlWithLibrary(text));
  const fastWhole = median(7, () => parseYamlFast(text));
  console.log(`yaml-fast speed (${(text.length / 1024).toFixed(0)} KB, ${chunks.length} chunks): library ${lib.toFixed(1)} ms, fast ${fast.toFixed(1)} ms → ${(lib / fast).toFixed(1)}x; whole file: library ${libWhole.toFixed(1)} ms, fast ${fastWhole.toFixed(1)} ms → ${(libWhole / fastWhole).toFixed(1)}x`);
  assert.ok(lib / fast >= 10, `chunks speedup ${lib / fast}`);
  assert.ok(libWhole / fastWhole >= 10, `whole-file speedup ${libWhole / fastWhole}`);
});
