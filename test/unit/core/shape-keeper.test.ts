/**
 * The hidden classes the warm-up's compiled code depends on survive a full collection while no document is open
 * (core/shape-keeper.ts, lsp/warm-up.ts `kept`): V8 says when it throws optimized code away because an object it
 * embedded died ("reason: weak objects"); after the warm-up and a full collection, a first analysis of each syntax
 * must not see that happen. Without the kept instances, 24–52 functions were thrown away at the warm-up's last
 * collection.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FastYamlParser } from '../../../server/src/core/parse/yaml-fast/parser';
import { Lexer } from '../../../server/src/core/parse/hcl/lexer';
import { FastReader } from '../../../server/src/core/parse/hcl/fast';
import { Parser } from '../../../server/src/core/parse/hcl/parser';
import { Engine } from '../../../server/src/core/values/evaluator';

/**
 * Classes core/shape-keeper.ts keeps an instance of (the link builder's too, but its lazily made name index is not in
 * the kept instance: its `lookup` may still be thrown away).
 */
const KEPT_CLASSES: { prototype: object }[] = [FastYamlParser, Lexer, FastReader, Parser, Engine];

describe('shape keeper', () => {
  it('no optimized code is thrown away for dead objects after the warm-up and a full collection', () => {
    const child = path.join(__dirname, 'shape-keeper-child.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '--max-semi-space-size=4', '--import', 'tsx', child], { encoding: 'utf8', maxBuffer: 256 << 20, cwd: path.resolve(__dirname, '..', '..', '..') });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    const from = out.indexOf('--- warmed up and collected');
    const to = out.indexOf('--- analysed');
    assert.ok(from > 0 && to > from, 'the child ran to its end');
    assert.match(out.slice(0, from), /log: Warmed up while idle: 240 analyses/);
    // The warm-up did compile code (V8 optimizes what it ran), and marked some for deoptimization on the way.
    assert.match(out.slice(0, from), /bailout|marking dependent code/);
    // None of the kept classes' methods from the warm-up's last collection on (made when its last slice is done, as the
    // server idles), nor at another collection with no document open, nor in the analyses after. (Other functions may
    // be, a few at a time, when V8 collects on its own late in the warm-up: 0 or 12 in five runs, against 29–54 without
    // the kept instances.)
    const last = out.lastIndexOf('--- collection', out.indexOf('log: Warmed up while idle'));
    assert.ok(last > 0, 'the warm-up collected');
    const weak = out.slice(last, to).split('\n').filter((l) => l.includes('reason: weak objects'));
    // Names as V8 prints them: `name`, `get name` for an accessor.
    const kept = new Set(
      KEPT_CLASSES.flatMap((c) => Object.entries(Object.getOwnPropertyDescriptors(c.prototype)).map(([n, d]) => (d.get ? `get ${n}` : n))).filter((n) => n !== 'constructor'),
    );
    assert.ok(kept.has('keyColon') && kept.has('ident'), 'the kept classes\' methods');
    const thrown = weak.map((l) => /<SharedFunctionInfo ([^>]*)>/.exec(l)?.[1] ?? l).filter((n) => kept.has(n));
    assert.deepEqual(thrown, []);
  });
});
