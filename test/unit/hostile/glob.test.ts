// `ignorePaths` globs: the NFA matcher keeps the old semantics and is linear in the path whatever the pattern.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileGlob, globError, isIgnoredPath, matchGlob, MAX_GLOB_LENGTH, MAX_IGNORE_PATTERNS } from '../../../server/src/core/config/glob';
import { parseConfig } from '../../../server/src/core/config/config-file';

/**
 * The previous implementation (a backtracking regular expression), as the oracle of the differential tests, with the
 * two documented differences of the new matcher applied: a `[...]` class never matches `/` (like `*` and `?`), and
 * `**` matches every character (the old `.` missed line terminators).
 */
function oldGlobToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g = g.slice(0, -1);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:[\\s\\S]*/)?' : '[\\s\\S]*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '(?!/)[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  re += ')'.repeat(braces);
  return new RegExp(`^${anchored ? '' : '(?:[\\s\\S]*/)?'}${re}(?:/[\\s\\S]*)?$`);
}

function oldMatch(glob: string, path: string): boolean | 'invalid' {
  let re: RegExp;
  try {
    re = oldGlobToRegExp(glob);
  } catch {
    return 'invalid';
  }
  return re.test(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

const ms = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

describe('glob semantics', () => {
  // [glob, path, expected]
  const table: [string, string, boolean][] = [
    // A name without `/` matches at any depth; a folder match covers what is under it.
    ['legacy', 'legacy', true],
    ['legacy', 'src/legacy/x.tf', true],
    ['legacy', 'src/legacyx/x.tf', false],
    ['examples', 'examples/a/b.yaml', true],
    ['*.test.yaml', 'deep/x.test.yaml', true],
    ['*.test.yaml', 'x.test.yaml', true],
    ['*.test.yaml', 'x.test.yml', false],
    // A pattern with `/` is anchored at the config's folder.
    ['a/*.tf', 'a/c.tf', true],
    ['a/*.tf', 'other/a/b.tf', false],
    ['a/*.tf', 'a/b/c.tf', false],
    ['/x.tf', 'x.tf', true],
    ['/x.tf', 'd/x.tf', false],
    // `./` and one trailing `/` are dropped; a trailing `/` does not anchor.
    ['./a/b', 'a/b/c', true],
    ['build/', 'src/build/x', true],
    ['a/b/', 'a/b/c', true],
    ['a/b/', 'x/a/b/c', false],
    // `*` stays in a segment; `**` crosses segments; `**/` is zero or more whole folders.
    ['a/*', 'a/b', true],
    ['a/*/c', 'a/b/c', true],
    ['a/*/c', 'a/b/b/c', false],
    ['a/**/*.tf', 'a/c.tf', true],
    ['a/**/*.tf', 'a/b/c/d.tf', true],
    ['a\\**\\*.tf', 'a\\b\\c.tf', true],
    ['examples/**', 'examples/a/b.yaml', true],
    ['examples/**', 'src/examples.yaml', false],
    ['a**b', 'a/x/b', true],
    ['**/x', 'x', true],
    ['**/x', 'p/q/x', true],
    ['**/**/**/x', 'p/x', true],
    ['**', 'anything/at/all', true],
    ['***', 'a/b', true],
    // `?`
    ['?.tf', 'a.tf', true],
    ['?.tf', 'ab.tf', false],
    ['a?b', 'a/b', false],
    // Classes: ranges, `!` and `^` negation, `-` literal at an end; never `/`.
    ['[abc].tf', 'b.tf', true],
    ['[a-c].tf', 'c.tf', true],
    ['[a-c].tf', 'd.tf', false],
    ['[!a-c].tf', 'd.tf', true],
    ['[!a-c].tf', 'a.tf', false],
    ['[^a-c].tf', 'z.tf', true],
    ['[^a-c].tf', 'b.tf', false],
    ['[a-].tf', '-.tf', true],
    ['[-a].tf', '-.tf', true],
    ['[a-c-e]', 'd', false],
    ['[a-c-e]', 'e', true],
    ['[a-c-e]', '-', true],
    ['x[!a]y', 'x/y', false],
    ['x[.-0]y', 'x/y', false],
    ['[]', 'a', false],
    ['[!]', 'a', true],
    ['[', '[', true],
    ['a[b', 'a[b', true],
    // Braces: alternatives, nested, empty, unclosed; `,` and `}` outside braces are literal.
    ['t/*.{json,yml}', 't/x.json', true],
    ['t/*.{json,yml}', 't/x.yml', true],
    ['t/*.{json,yml}', 't/x.yaml', false],
    ['{a,b{c,d}}.tf', 'bd.tf', true],
    ['{a,b{c,d}}.tf', 'b.tf', false],
    ['x{,y}', 'x', true],
    ['x{,y}', 'xy', true],
    ['{a,b', 'b', true],
    ['a,b', 'a,b', true],
    ['a}b', 'a}b', true],
    ['{a/b,c}', 'a/b/z', true],
    ['{a/b,c}', 'z/a/b', false],
    // Literal characters that are special in regular expressions.
    ['a.b', 'axb', false],
    ['a+(b)|$^', 'a+(b)|$^', true],
    // Paths: `./` and `\` accepted.
    ['a/b', './a/b', true],
    ['a/b', 'a\\b', true],
    // Not globs.
    ['', 'x', false],
    ['   ', 'x', false],
  ];
  for (const [glob, path, expected] of table) {
    it(`${JSON.stringify(glob)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(path)}`, () => {
      assert.equal(matchGlob(glob, path), expected);
      assert.equal(isIgnoredPath(path, [glob]), expected);
      const old = oldMatch(glob, path);
      if (glob.trim() !== '') assert.equal(old, expected, 'the old implementation (with the documented differences) agrees');
    });
  }

  it('invalid globs say why and match nothing', () => {
    assert.match(globError('[z-a]')!, /reversed range/);
    assert.match(globError('x'.repeat(MAX_GLOB_LENGTH + 1))!, /longer than 1000/);
    assert.match(globError('{'.repeat(40))!, /nested deeper/);
    assert.equal(globError('{'.repeat(20) + 'a'), undefined);
    assert.equal(globError('a/**/*.{tf,json}'), undefined);
    assert.ok(!isIgnoredPath('z', ['[z-a]']));
    assert.ok(!isIgnoredPath('x.tf', ['', '[']));
    assert.ok(isIgnoredPath('x.tf', ['[z-a]', '*.tf']));
  });

  it('reports invalid globs, too many, too long, in the config file', () => {
    const r = parseConfig(`ignorePaths:\n  - "[z-a]"\n  - "${'a'.repeat(MAX_GLOB_LENGTH + 1)}"\n  - ok/**\n`);
    assert.deepEqual(r.config.ignorePaths, ['ok/**']);
    assert.match(r.errors[0].message, /^Invalid glob `\[z-a\]`: reversed range/);
    assert.equal(r.errors[0].line, 2);
    assert.match(r.errors[1].message, /longer than 1000 characters/);
    const many = parseConfig('ignorePaths:\n' + Array.from({ length: MAX_IGNORE_PATTERNS + 5 }, (_, i) => `  - g${i}\n`).join(''));
    assert.equal(many.config.ignorePaths.length, MAX_IGNORE_PATTERNS);
    assert.match(many.errors[0].message, /more than 1000 globs: the rest are not used/);
    assert.equal(many.errors[0].line, MAX_IGNORE_PATTERNS + 2);
  });
});

describe('glob: differential against the old regular expressions', () => {
  // Small alphabets, so that random globs and paths often match; no pattern here makes the old regex backtrack long.
  const globChar = fc.constantFrom('a', 'b', '.', '/', '/', '*', '*', '?', '[', ']', '!', '^', '-', '{', '}', ',', 'x', '\\');
  const pathChar = fc.constantFrom('a', 'b', '.', '/', '/', 'x', '-', '!', '{', '}', ',', '[', ']', '^', '\n');
  const glob = fc.oneof(
    fc.array(globChar, { maxLength: 10 }).map((a) => a.join('')),
    // Structured: segments of literals, stars, classes and braces.
    fc
      .array(
        fc.oneof(
          fc.constantFrom('a', 'b', 'x', '.tf', '*', '?', '**/', '**', '/', '[ab]', '[!a]', '[a-x]', '{a,b}', '{x,a/b}', '{,a}', './', '[^-]'),
        ),
        { maxLength: 6 },
      )
      .map((a) => a.join('')),
  );
  const path = fc.oneof(
    fc.array(pathChar, { maxLength: 12 }).map((a) => a.join('')),
    fc.array(fc.constantFrom('a', 'b', 'x', 'ab', 'a.tf', 'x.tf', '.tf', '-'), { minLength: 1, maxLength: 5 }).map((a) => a.join('/')),
  );

  it('agrees with the old matcher on random globs and paths', () => {
    fc.assert(
      fc.property(glob, path, (g, p) => {
        const old = oldMatch(g, p);
        if (old === 'invalid') {
          assert.notEqual(globError(g), undefined, `old regex rejects ${JSON.stringify(g)}, the new matcher accepts it`);
          return;
        }
        const now = g.trim() === '' ? false : matchGlob(g, p);
        assert.equal(now, g.trim() === '' ? false : old, `glob ${JSON.stringify(g)} path ${JSON.stringify(p)}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts exactly the globs the old regex accepted (ASCII)', () => {
    fc.assert(
      fc.property(fc.array(globChar, { maxLength: 12 }).map((a) => a.join('')), (g) => {
        assert.equal(globError(g) === undefined, oldMatch(g, '') !== 'invalid', JSON.stringify(g));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('glob: hostile patterns never hang', () => {
  it('`*a*a*a*a*a*a*a*a*a*a*a*a*b` against 40 `a`s (was: no answer in 30 s)', () => {
    const g = '*a'.repeat(12) + '*b';
    const t = ms(() => assert.equal(isIgnoredPath('a'.repeat(40), [g]), false));
    assert.ok(t < 2000, `${t} ms`);
    const long = ms(() => assert.equal(isIgnoredPath('a'.repeat(100_000), [g]), false));
    assert.ok(long < 2000, `${long} ms`);
  });

  it('16 `**/` against a deep path', () => {
    const g = '**/'.repeat(16) + 'x';
    const p = Array.from({ length: 200 }, () => 'd').join('/') + '/y';
    const t = ms(() => assert.equal(isIgnoredPath(p, [g]), false));
    assert.ok(t < 2000, `${t} ms`);
    assert.ok(isIgnoredPath(p.replace(/y$/, 'x'), [g]));
  });

  it('a 1,000-character pattern of stars, braces and classes against a long path', () => {
    const unit = '*{a,b,[a-z]}**?';
    const g = unit.repeat(Math.floor((MAX_GLOB_LENGTH - 1) / unit.length)) + 'Q';
    assert.ok(g.length > 950 && g.length <= MAX_GLOB_LENGTH);
    assert.equal(globError(g), undefined);
    const p = ('ab/'.repeat(300) + 'a'.repeat(100)).slice(0, 1000);
    const t = ms(() => assert.equal(isIgnoredPath(p, [g]), false));
    assert.ok(t < 2000, `${t} ms`);
  });

  it('1,000 hostile patterns against a path', () => {
    const globs = Array.from({ length: MAX_IGNORE_PATTERNS }, (_, i) => '*a'.repeat(10) + `*b${i}`);
    const t = ms(() => assert.equal(isIgnoredPath('a'.repeat(60), globs), false));
    assert.ok(t < 2000, `${t} ms`);
  });

  it('patterns past the limit are not used', () => {
    const globs = [...Array.from({ length: MAX_IGNORE_PATTERNS }, () => 'nope'), '*.tf'];
    assert.equal(isIgnoredPath('x.tf', globs), false);
  });

  it('compiles to one state per pattern position or so', () => {
    const g = compileGlob('*a'.repeat(100));
    assert.ok(g.op.length < 1000, String(g.op.length));
  });
});
