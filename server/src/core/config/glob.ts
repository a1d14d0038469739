/**
 * `ignorePaths` glob matching, dependency-free (the core runs in any Node; Node's `path.matchesGlob` is experimental and
 * missing from older Electron builds, and picomatch/minimatch compile to backtracking regular expressions).
 *
 * Supports `**`, `*`, `?`, `[...]` (ranges, `!` or `^` negation) and `{a,b}` (nested, any number of alternatives).
 * A pattern without `/` matches a name at any depth (as in .gitignore); a pattern matching a folder ignores what is
 * under it; a leading `./` or `/` and one trailing `/` are dropped; `\` is read as `/` (Windows paths, no escapes).
 * `*`, `?` and `[...]` never match `/`; `**` matches across folders, and `**` followed by `/` matches zero or more
 * whole folders. (The earlier regular-expression version let a class such as `[!a]` match `/`, let `**` miss line
 * breaks, and read a character outside the BMP as two; nothing else differs — see test/unit/hostile/glob.test.ts.)
 *
 * Matching never backtracks: a glob is compiled to a Thompson NFA (one state per pattern position) and the path is read
 * once, keeping the set of live states, so it costs O(pattern length × path length) whatever the pattern — a hostile
 * `*a*a*a*a*a*a*a*a*a*a*a*a*b` or `**` `/` repeated 16 times costs microseconds, where a regular expression backtracks
 * exponentially. Patterns longer than {@link MAX_GLOB_LENGTH} or nesting braces deeper than {@link MAX_BRACE_DEPTH}
 * are invalid, and at most {@link MAX_IGNORE_PATTERNS} patterns are used.
 */

/** A longer glob is invalid (a real one is a few dozen characters). */
export const MAX_GLOB_LENGTH = 1000;
/** At most this many `ignorePaths` patterns are used; the config reports the rest. */
export const MAX_IGNORE_PATTERNS = 1000;
/** `{` nested deeper than this makes a glob invalid. */
export const MAX_BRACE_DEPTH = 32;

const enum Op {
  /** Consumes one given character. */
  Char,
  /** Consumes one character other than `/`. */
  NotSlash,
  /** Consumes any one character. */
  Any,
  /** Consumes one character of a class (never `/`). */
  Class,
  /** No input: continues at both `x` and `y`. */
  Split,
  /** The whole path matched. */
  Match,
}

interface CharClass {
  readonly negated: boolean;
  /** Inclusive code-point ranges, [lo0, hi0, lo1, hi1, ...]. */
  readonly ranges: readonly number[];
}

/** A compiled glob: states in parallel arrays (`x`, `y` are the successor states). */
export interface CompiledGlob {
  readonly source: string;
  readonly op: Uint8Array;
  /** Char: the code point; Class: the index in `classes`. */
  readonly arg: Int32Array;
  readonly x: Int32Array;
  readonly y: Int32Array;
  readonly classes: readonly CharClass[];
  readonly start: number;
}

export class GlobError extends Error {}

/** Pattern syntax tree: what the glob means, before it is turned into states. */
type Node =
  | { t: 'char'; c: number }
  | { t: 'notSlash' }
  | { t: 'class'; cls: CharClass }
  | { t: 'star'; any: boolean } // `[^/]*` or `.*`
  | { t: 'opt'; body: Node[] } // `(?:body)?`
  | { t: 'alt'; branches: Node[][] };

const SLASH = 0x2f;

/** The glob normalised the way it is matched: trimmed, `\` → `/`, `./`, one trailing `/` and a leading `/` dropped. */
function normalize(glob: string): { body: string; anchored: boolean } {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g = g.slice(0, -1);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  return { body: g, anchored };
}

/** Parses a class body (the text between `[` and `]`), `!`/`^` negation and `a-z` ranges; throws on a reversed range. */
function parseClass(body: string): CharClass {
  let negated = false;
  if (body.startsWith('!') || body.startsWith('^')) {
    negated = true;
    body = body.slice(1);
  }
  const cps = Array.from(body, (ch) => ch.codePointAt(0)!);
  const ranges: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (i + 2 < cps.length && cps[i + 1] === 0x2d /* - */) {
      const lo = cps[i];
      const hi = cps[i + 2];
      if (lo > hi) throw new GlobError(`reversed range \`${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}\` in \`[${body}]\``);
      ranges.push(lo, hi);
      i += 2;
    } else ranges.push(cps[i], cps[i]);
  }
  return { negated, ranges };
}

function parse(g: string): Node[] {
  const cps = Array.from(g);
  const root: Node[] = [];
  // Open brace groups: the group's branches, and the sequence the group belongs to.
  const stack: { branches: Node[][]; parent: Node[] }[] = [];
  let seq = root;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === '*') {
      if (cps[i + 1] === '*') {
        if (cps[i + 2] === '/') {
          seq.push({ t: 'opt', body: [{ t: 'star', any: true }, { t: 'char', c: SLASH }] });
          i += 2;
        } else {
          seq.push({ t: 'star', any: true });
          i += 1;
        }
      } else seq.push({ t: 'star', any: false });
    } else if (c === '?') seq.push({ t: 'notSlash' });
    else if (c === '[') {
      const close = cps.indexOf(']', i + 1);
      if (close < 0) seq.push({ t: 'char', c: 0x5b });
      else {
        seq.push({ t: 'class', cls: parseClass(cps.slice(i + 1, close).join('')) });
        i = close;
      }
    } else if (c === '{') {
      if (stack.length >= MAX_BRACE_DEPTH) throw new GlobError(`braces nested deeper than ${MAX_BRACE_DEPTH}`);
      const group = { branches: [[]] as Node[][], parent: seq };
      stack.push(group);
      seq = group.branches[0];
    } else if (c === '}' && stack.length > 0) {
      const group = stack.pop()!;
      group.parent.push({ t: 'alt', branches: group.branches });
      seq = group.parent;
    } else if (c === ',' && stack.length > 0) {
      const group = stack[stack.length - 1];
      seq = [];
      group.branches.push(seq);
    } else seq.push({ t: 'char', c: c.codePointAt(0)! });
  }
  // Unclosed braces close at the end.
  while (stack.length > 0) {
    const group = stack.pop()!;
    group.parent.push({ t: 'alt', branches: group.branches });
  }
  return root;
}

class Builder {
  op: number[] = [];
  arg: number[] = [];
  x: number[] = [];
  y: number[] = [];
  classes: CharClass[] = [];

  state(op: Op, arg: number, x: number, y = -1): number {
    this.op.push(op);
    this.arg.push(arg);
    this.x.push(x);
    this.y.push(y);
    return this.op.length - 1;
  }

  /** The entry state of `nodes` followed by `next` (built back to front: no patching of dangling arrows). */
  seq(nodes: readonly Node[], next: number): number {
    for (let i = nodes.length - 1; i >= 0; i--) next = this.node(nodes[i], next);
    return next;
  }

  node(n: Node, next: number): number {
    switch (n.t) {
      case 'char':
        return this.state(Op.Char, n.c, next);
      case 'notSlash':
        return this.state(Op.NotSlash, 0, next);
      case 'class':
        this.classes.push(n.cls);
        return this.state(Op.Class, this.classes.length - 1, next);
      case 'star': {
        // loop: Split(body, next); body consumes one character and returns to loop.
        const loop = this.state(Op.Split, 0, -1, next);
        const body = this.state(n.any ? Op.Any : Op.NotSlash, 0, loop);
        this.x[loop] = body;
        return loop;
      }
      case 'opt':
        return this.state(Op.Split, 0, this.seq(n.body, next), next);
      case 'alt': {
        let entry = this.seq(n.branches[n.branches.length - 1], next);
        for (let b = n.branches.length - 2; b >= 0; b--) entry = this.state(Op.Split, 0, this.seq(n.branches[b], next), entry);
        return entry;
      }
    }
  }
}

/** Compiles a glob; throws a {@link GlobError} saying why it is invalid (too long, reversed range, deep braces). */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`longer than ${MAX_GLOB_LENGTH} characters`);
  const { body, anchored } = normalize(glob);
  const nodes = parse(body);
  // ^ (?:.*/)? body (?:/.*)? $  — unanchored globs match at any depth; a match of a folder covers what is under it.
  const all: Node[] = [];
  if (!anchored) all.push({ t: 'opt', body: [{ t: 'star', any: true }, { t: 'char', c: SLASH }] });
  all.push(...nodes, { t: 'opt', body: [{ t: 'char', c: SLASH }, { t: 'star', any: true }] });
  const b = new Builder();
  const match = b.state(Op.Match, 0, -1);
  const start = b.seq(all, match);
  return {
    source: glob,
    op: Uint8Array.from(b.op),
    arg: Int32Array.from(b.arg),
    x: Int32Array.from(b.x),
    y: Int32Array.from(b.y),
    classes: b.classes,
    start,
  };
}

/** Why a glob is invalid, or undefined when it is valid. */
export function globError(glob: string): string | undefined {
  try {
    compileGlob(glob);
    return undefined;
  } catch (e) {
    return e instanceof GlobError ? e.message : String(e);
  }
}

function inClass(cls: CharClass, c: number): boolean {
  if (c === SLASH) return false;
  let hit = false;
  const r = cls.ranges;
  for (let i = 0; i < r.length; i += 2) {
    if (c >= r[i] && c <= r[i + 1]) {
      hit = true;
      break;
    }
  }
  return hit !== cls.negated;
}

/**
 * Whether the whole of `path` (already `/`-separated, no leading `./`) matches: the NFA simulated over the path's code
 * points with a set of live states — O(states × path length), no backtracking.
 */
export function matchCompiled(g: CompiledGlob, path: string): boolean {
  const n = g.op.length;
  // mark[s] === step when s is already in the set being built for this step.
  const mark = new Int32Array(n).fill(-1);
  let cur = new Int32Array(n);
  let next = new Int32Array(n);
  let curLen = 0;
  const work = new Int32Array(n);

  /** Adds `s` and the states reachable from it without input to `set`; returns the new length. */
  const add = (set: Int32Array, len: number, s: number, step: number): number => {
    let top = 0;
    work[top++] = s;
    while (top > 0) {
      const q = work[--top];
      if (q < 0 || mark[q] === step) continue;
      mark[q] = step;
      if (g.op[q] === Op.Split) {
        // y first, then x, so that x is explored first (order does not matter for a yes/no answer).
        work[top++] = g.y[q];
        work[top++] = g.x[q];
      } else set[len++] = q;
    }
    return len;
  };

  let step = 0;
  curLen = add(cur, 0, g.start, step);
  for (const ch of path) {
    if (curLen === 0) return false;
    const c = ch.codePointAt(0)!;
    step++;
    let nextLen = 0;
    for (let i = 0; i < curLen; i++) {
      const s = cur[i];
      let ok: boolean;
      switch (g.op[s]) {
        case Op.Char:
          ok = g.arg[s] === c;
          break;
        case Op.NotSlash:
          ok = c !== SLASH;
          break;
        case Op.Any:
          ok = true;
          break;
        case Op.Class:
          ok = inClass(g.classes[g.arg[s]], c);
          break;
        default:
          ok = false;
      }
      if (ok) nextLen = add(next, nextLen, g.x[s], step);
    }
    const t = cur;
    cur = next;
    next = t;
    curLen = nextLen;
  }
  for (let i = 0; i < curLen; i++) if (g.op[cur[i]] === Op.Match) return true;
  return false;
}

/** Compiled globs by source (configs change rarely; a glob is matched against every file). */
const cache = new Map<string, CompiledGlob | null>();
const CACHE_SIZE = 4096;

function compiled(glob: string): CompiledGlob | null {
  let c = cache.get(glob);
  if (c === undefined) {
    try {
      c = compileGlob(glob);
    } catch {
      // Invalid: the config validation reports it; here it matches nothing.
      c = null;
    }
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(glob, c);
  }
  return c;
}

/** Whether `path` (workspace-relative, either separator) matches the glob. An invalid glob matches nothing. */
export function matchGlob(glob: string, path: string): boolean {
  if (glob.trim() === '') return false;
  const c = compiled(glob);
  return c !== null && matchCompiled(c, normalizePath(path));
}

function normalizePath(relativePath: string): string {
  return relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Whether a workspace-relative path (either separator) matches any of the globs (at most {@link MAX_IGNORE_PATTERNS}). */
export function isIgnoredPath(relativePath: string, globs: readonly string[]): boolean {
  const p = normalizePath(relativePath);
  const n = Math.min(globs.length, MAX_IGNORE_PATTERNS);
  for (let i = 0; i < n; i++) {
    const g = globs[i];
    if (typeof g !== 'string' || g.trim() === '') continue;
    const c = compiled(g);
    if (c !== null && matchCompiled(c, p)) return true;
  }
  return false;
}
