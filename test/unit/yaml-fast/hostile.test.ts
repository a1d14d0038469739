import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseYamlFast } from '../../../server/src/core/parse/yaml-fast';

function timed<T>(f: () => T): { result: T; ms: number } {
  const t = performance.now();
  const result = f();
  return { result, ms: performance.now() - t };
}

test('hostile: deep flow and block nesting decline quickly without throwing', () => {
  const flow = timed(() => parseYamlFast('a: ' + '['.repeat(100_000) + ']'.repeat(100_000)));
  assert.equal(flow.result, undefined);
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) lines.push(' '.repeat(i) + 'k:');
  const block = timed(() => parseYamlFast(lines.join('\n') + ' 1\n'));
  assert.equal(block.result, undefined);
  const dashes = timed(() => parseYamlFast('- '.repeat(100_000) + 'x\n'));
  assert.equal(dashes.result, undefined);
  assert.ok(flow.ms + block.ms + dashes.ms < 5000, `took ${flow.ms + block.ms + dashes.ms} ms`);
});

test('hostile: a 5 MB line is parsed in linear time', () => {
  const long = 'x'.repeat(5_000_000);
  const plain = timed(() => parseYamlFast(`a: ${long}\nb: 1\n`));
  assert.equal(plain.result?.root?.type, 'map');
  const quoted = timed(() => parseYamlFast(`a: '${"''".repeat(1_000_000)}'\n`));
  assert.ok(quoted.result?.root?.type === 'map');
  const noColon = timed(() => parseYamlFast(long));
  assert.equal(noColon.result?.root?.type, 'scalar');
  const unterminated = timed(() => parseYamlFast(`a: "${'\\\\'.repeat(1_000_000)}`));
  assert.equal(unterminated.result, undefined);
  const total = plain.ms + quoted.ms + noColon.ms + unterminated.ms;
  console.log(`yaml-fast hostile: 5 MB lines in ${total.toFixed(0)} ms`);
  assert.ok(total < 10_000, `took ${total} ms`);
});

test('hostile: NUL bytes, binary junk and non-strings never throw', () => {
  assert.equal(parseYamlFast('a: b\0c\n'), undefined);
  let junk = '';
  for (let i = 0; i < 20_000; i++) junk += String.fromCharCode((i * 7919) % 256);
  assert.equal(parseYamlFast(junk), undefined);
  assert.equal(parseYamlFast(undefined as unknown as string), undefined);
  assert.doesNotThrow(() => parseYamlFast('\ud800: \udfff\n'));
});
