/**
 * Terraform's pure built-in functions, computed over plain values.
 *
 * Semantics follow Terraform's implementation (hashicorp/terraform internal/lang/funcs and zclconf/go-cty
 * function/stdlib, which Terraform's documentation describes): the parameter type conversions cty applies
 * (a number passed where a string is expected becomes its decimal text, "true"/"false"/"1"/"0" become bools,
 * a tuple passed where a list of any single type is expected is unified to one element type, ...), the
 * ordering of sets and of map keys, Go's formatting of numbers, Go's JSON escaping, RE2's regular expression
 * syntax and Go's IP address parsing and printing.
 *
 * Three outcomes:
 * - `{ value }` — what Terraform computes;
 * - `{ error }` — Terraform itself rejects the call (wrong argument types, `element([], 0)`, `one([1, 2])`, ...),
 *   which `try()` and `can()` need to know;
 * - `undefined` — not known here: the function is not implemented, or the arguments are ones this module cannot
 *   decide exactly (a number beyond what a double holds exactly, a `(?<name>…)` regex group that only newer
 *   Terraform releases accept, ...), or the inputs or the result exceed the limits below (hostile templates).
 *
 * Numbers are doubles, each read as the decimal its shortest representation spells (what a literal would be);
 * where the outcome depends on cty's 512-bit arithmetic (rounding ties in `format`, `range` with fractional
 * steps) that arithmetic is emulated exactly with BigInt.
 *
 * Limits: any string result is at most 100,000 characters, any list at most 10,000 items; inputs over
 * 100,000 values, 1,000,000 characters or nesting depth 100 are not evaluated. Regular expressions run on a
 * linear-time NFA simulation (never JavaScript's backtracking engine) with a step budget.
 *
 * Representation: lists, tuples and sets are arrays (a set is deduplicated and ordered as cty orders it:
 * strings lexically by code point, numbers ascending, bools false first; sets of structural values keep
 * first-seen order, cty's own order for those being a hash order); maps and objects are plain objects whose
 * keys are built in lexical order, every key an own data property (even "__proto__").
 */
import { base64ToBytes, bytesToBase64, utf8Bytes } from './base64';
import { digest, toHex } from './hashes';
import type { PlainValue } from './evaluator-api';
import { pushAll } from '../arrays';

type Obj = { readonly [k: string]: PlainValue };
type List = readonly PlainValue[];

const MAX_STRING = 100_000;
const MAX_LIST = 10_000;
const MAX_INPUT_NODES = 100_000;
const MAX_INPUT_CHARS = 1_000_000;
const MAX_DEPTH = 100;
const MAX_RESULT_NODES = 200_000;
const MAX_RESULT_CHARS = 2_000_000;
/** Terraform's own limit for `range`: asking for more is an error in Terraform too. */
const RANGE_LIMIT = 1024;
const REGEX_BUDGET = 2_000_000;
const REGEX_MAX_PROGRAM = 20_000;
const REGEX_MAX_PATTERN = 10_000;

/** Terraform rejects the call. */
class TfError {
  constructor(readonly message: string) {}
}
/** This module cannot decide the call exactly (or a limit was hit): the caller reports the value unknown. */
class Undecidable {}
const UNDECIDABLE = new Undecidable();

function fail(message: string): never {
  throw new TfError(message);
}
function giveUp(): never {
  throw UNDECIDABLE;
}

// ---------------------------------------------------------------------------------------------------------
// Values

function isObj(v: PlainValue | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isList(v: PlainValue | undefined): v is List {
  return Array.isArray(v);
}
function typeName(v: PlainValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'tuple' : 'object';
}

/** Plain own property, even for a key named "__proto__" (as tf-expr.ts's setKey). */
function setKey(obj: { [k: string]: PlainValue }, key: string, value: PlainValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
function has(obj: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
/** An object with its keys in lexical order (as cty iterates maps and objects). */
function makeObj(entries: Iterable<readonly [string, PlainValue]>): Obj {
  const m = new Map<string, PlainValue>();
  for (const [k, v] of entries) m.set(k, v);
  const out: { [k: string]: PlainValue } = {};
  for (const k of [...m.keys()].sort(cmpStr)) setKey(out, k, m.get(k) as PlainValue);
  return out;
}
function sortedKeys(o: Obj): string[] {
  return Object.keys(o).sort(cmpStr);
}
/** -0 is not a cty number. */
function z(n: number): number {
  return n === 0 ? 0 : n;
}

function inputsOk(args: List): boolean {
  let nodes = 0;
  let chars = 0;
  const stack: Array<[unknown, number]> = [];
  for (const a of args) stack.push([a, 1]);
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (++nodes > MAX_INPUT_NODES || d > MAX_DEPTH) return false;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v === 'string') {
      chars += v.length;
      if (chars > MAX_INPUT_CHARS) return false;
      continue;
    }
    if (Array.isArray(v)) {
      if (nodes + stack.length + v.length > MAX_INPUT_NODES) return false;
      for (const x of v) stack.push([x, d + 1]);
      continue;
    }
    if (typeof v === 'object') {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      const keys = Object.keys(v);
      if (nodes + stack.length + keys.length > MAX_INPUT_NODES) return false;
      for (const k of keys) {
        chars += k.length;
        stack.push([(v as Obj)[k], d + 1]);
      }
      if (chars > MAX_INPUT_CHARS) return false;
      continue;
    }
    return false;
  }
  return true;
}

/** Whether a result is within bounds (false), and whether it holds a -0 (passed through from an argument). */
function resultOk(value: PlainValue): false | 'ok' | 'negative-zero' {
  let negativeZero = false;
  let nodes = 0;
  let chars = 0;
  const stack: Array<[PlainValue, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [PlainValue, number];
    if (++nodes > MAX_RESULT_NODES || d > 2 * MAX_DEPTH) return false;
    if (typeof v === 'string') {
      chars += v.length;
      if (v.length > MAX_STRING || chars > MAX_RESULT_CHARS) return false;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      if (Object.is(v, -0)) negativeZero = true;
    } else if (Array.isArray(v)) {
      if (v.length > MAX_LIST) return false;
      for (const x of v as List) stack.push([x, d + 1]);
    } else if (isObj(v)) {
      for (const k of Object.keys(v)) {
        chars += k.length;
        if (k.length > MAX_STRING || chars > MAX_RESULT_CHARS) return false;
        stack.push([v[k], d + 1]);
      }
    }
  }
  return negativeZero ? 'negative-zero' : 'ok';
}

/** A copy with every -0 as 0 (-0 is not a cty number; an argument's may pass through a function). */
function withoutNegativeZero(v: PlainValue): PlainValue {
  if (typeof v === 'number') return z(v);
  if (Array.isArray(v)) return (v as List).map(withoutNegativeZero);
  if (isObj(v)) {
    const out: Record<string, PlainValue> = {};
    for (const k of Object.keys(v)) out[k] = withoutNegativeZero(v[k]);
    return out;
  }
  return v;
}

/** Canonical text of a value, equal for values cty's Equals calls equal (used to deduplicate in linear time). */
function ckey(v: PlainValue): string {
  if (v === null) return 'n';
  if (v === true) return 't';
  if (v === false) return 'f';
  if (typeof v === 'number') return `d${z(v)}`;
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (isList(v)) return `[${v.map(ckey).join(',')}]`;
  return `{${sortedKeys(v)
    .map((k) => `${JSON.stringify(k)}:${ckey(v[k])}`)
    .join(',')}}`;
}
function deepEq(a: PlainValue, b: PlainValue): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (isList(a) && isList(b)) return a.length === b.length && a.every((x, i) => deepEq(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && deepEq(a[k], b[k]));
  }
  return false;
}

/** A string result assembled piece by piece, abandoned as soon as it would exceed the limit. */
class Out {
  private readonly parts: string[] = [];
  private n = 0;
  push(s: string): void {
    this.n += s.length;
    if (this.n > MAX_STRING) giveUp();
    this.parts.push(s);
  }
  get length(): number {
    return this.n;
  }
  toString(): string {
    return this.parts.join('');
  }
}
function repeat(s: string, n: number): string {
  if (n <= 0) return '';
  if (s.length * n > MAX_STRING) giveUp();
  return s.repeat(n);
}

// ---------------------------------------------------------------------------------------------------------
// Text: Go compares strings byte-wise (UTF-8), counts "characters" as grapheme clusters and maps case per
// code point with Unicode's simple mappings.

/** Code point (= UTF-8 byte) order, not UTF-16 unit order. */
function cmpStr(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

const ASCII = /^[\x00-\x7f]*$/;
const SEGMENTER: Intl.Segmenter | undefined =
  typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/**
 * Characters that can join a neighbour into one grapheme cluster (a superset of Grapheme_Cluster_Break values
 * Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator, Hangul jamo L/V/T, and CR before LF). A string
 * without any has one cluster per code point.
 */
const GRAPHEME_JOINERS =
  /[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]|\r\n/u;
/** Grapheme clusters (Go's textseg, here ICU's). Segmented in short chunks: V8's segmenter is quadratic on long strings. */
function graphemes(s: string): string[] {
  if (!GRAPHEME_JOINERS.test(s)) return Array.from(s);
  if (SEGMENTER === undefined) giveUp();
  const out: string[] = [];
  let start = 0;
  while (start < s.length) {
    const end = Math.min(s.length, start + 256);
    const parts = Array.from(SEGMENTER.segment(s.slice(start, end)), (x) => x.segment);
    if (end === s.length) {
      for (const x of parts) out.push(x);
      break;
    }
    // The last cluster may continue past the cut: start the next chunk on it (a true boundary).
    if (parts.length < 2) giveUp();
    parts.pop();
    for (const x of parts) {
      out.push(x);
      start += x.length;
    }
  }
  return out;
}
function graphemeCount(s: string): number {
  if (!GRAPHEME_JOINERS.test(s)) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) n++;
    }
    return n;
  }
  return graphemes(s).length;
}

/** Simple upper-case mappings JavaScript's full mapping expands to several code points. */
function simpleUpperException(cp: number): number | undefined {
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) return cp + 8;
  if (cp === 0x1fb3) return 0x1fbc;
  if (cp === 0x1fc3) return 0x1fcc;
  if (cp === 0x1ff3) return 0x1ffc;
  return undefined;
}
function cpUpper(ch: string): string {
  const u = ch.toUpperCase();
  if (u.length === 1 || (u.length === 2 && u.codePointAt(0) !== undefined && (u.codePointAt(0) as number) > 0xffff)) return u;
  const ex = simpleUpperException(ch.codePointAt(0) as number);
  return ex === undefined ? ch : String.fromCodePoint(ex);
}
function cpLower(ch: string): string {
  const l = ch.toLowerCase();
  return String.fromCodePoint(l.codePointAt(0) as number);
}
const TITLE_DIGRAPHS: ReadonlyMap<number, number> = new Map([
  [0x1c4, 0x1c5],
  [0x1c5, 0x1c5],
  [0x1c6, 0x1c5],
  [0x1c7, 0x1c8],
  [0x1c8, 0x1c8],
  [0x1c9, 0x1c8],
  [0x1ca, 0x1cb],
  [0x1cb, 0x1cb],
  [0x1cc, 0x1cb],
  [0x1f1, 0x1f2],
  [0x1f2, 0x1f2],
  [0x1f3, 0x1f2],
]);
function cpTitle(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  const d = TITLE_DIGRAPHS.get(cp);
  if (d !== undefined) return String.fromCodePoint(d);
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return ch; // Georgian: title case is itself
  return cpUpper(ch);
}
function goUpper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s) out += cpUpper(ch);
  return out;
}
function goLower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += cpLower(ch);
  return out;
}
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;
/** Go's strings.Title (what Terraform's title() uses): upper-cases the first rune after a separator. */
function goTitle(s: string): string {
  const isSeparator = (ch: string): boolean => {
    const cp = ch.codePointAt(0) as number;
    if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
    if (LETTER_OR_DIGIT.test(ch)) return false;
    return WHITE_SPACE.test(ch);
  };
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? cpTitle(ch) : ch;
    prev = ch;
  }
  return out;
}
function isGoSpace(ch: string): boolean {
  return WHITE_SPACE.test(ch);
}
/** Strip leading and trailing code points matching `drop` (Go's strings.TrimFunc). */
function trimCodePoints(s: string, drop: (ch: string) => boolean): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!drop(ch)) break;
    i += ch.length;
  }
  let j = s.length;
  while (j > i) {
    let k = j - 1;
    const c = s.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff && k > i) {
      const h = s.charCodeAt(k - 1);
      if (h >= 0xd800 && h <= 0xdbff) k--;
    }
    if (!drop(s.slice(k, j))) break;
    j = k;
  }
  return s.slice(i, j);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** A JSON string literal as Go's encoding/json writes it (<, >, &, U+2028 and U+2029 escaped). */
function goQuote(s: string): string {
  return JSON.stringify(s.replace(LONE_SURROGATE, '\ufffd')).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Numbers. cty numbers are 512-bit floats parsed from decimal text; here they are doubles, treated as the
// decimal their shortest representation spells (which is what a literal in the configuration would be).

/** value = 0.digits × 10^exp; digits without leading or trailing zeros ('' for zero). Go's big decimal. */
interface Dec {
  digits: string;
  exp: number;
}
function decOf(x: number): Dec {
  const a = Math.abs(x);
  if (a === 0) return { digits: '', exp: 0 };
  const [m, e] = a.toExponential().split('e');
  return { digits: m.replace('.', '').replace(/0+$/, ''), exp: Number(e) + 1 };
}
/** Go's big.Float.Text('f', -1), cty's number-to-string conversion. */
function numStr(n: number): string {
  const { digits, exp } = decOf(n);
  if (digits === '') return '0';
  const sign = n < 0 ? '-' : '';
  if (exp <= 0) return `${sign}0.${'0'.repeat(-exp)}${digits}`;
  if (exp >= digits.length) return sign + digits + '0'.repeat(exp - digits.length);
  return `${sign}${digits.slice(0, exp)}.${digits.slice(exp)}`;
}
/** The decimal a numeric string spells, canonical (for exactness checks). */
function decOfText(s: string): Dec {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) giveUp();
  const all = (m[1] ?? '') + (m[2] ?? '');
  let exp = (m[1] ?? '').length + (m[3] ? Number(m[3]) : 0);
  const lead = /^0*/.exec(all)?.[0].length ?? 0;
  const digits = all.slice(lead).replace(/0+$/, '');
  exp -= lead;
  return digits === '' ? { digits: '', exp: 0 } : { digits, exp };
}
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** cty's string-to-number conversion (big.ParseFloat, base 10); undecidable when a double cannot hold it. */
function parseNumber(s: string, message: string): number {
  if (!NUMBER_TEXT.test(s)) {
    if (/^[+-]?(?:inf|Inf|infinity|Infinity)$/.test(s) || /^[+-]?[\d.]+[pP][+-]?\d+$/.test(s)) giveUp();
    fail(message);
  }
  const n = Number(s);
  if (!Number.isFinite(n)) giveUp();
  const want = decOfText(s);
  const got = decOf(n);
  if (want.digits !== got.digits || (want.digits !== '' && want.exp !== got.exp)) giveUp();
  return z(n);
}

/**
 * cty's arithmetic: big.Float with 512-bit mantissas, rounding to nearest even. value = m × 2^e.
 * Used where the outcome depends on it: rounding ties when formatting, and `range` with fractional steps.
 */
interface Big512 {
  m: bigint;
  e: number;
}
const PREC = 512;
function bitLen(a: bigint): number {
  return a === 0n ? 0 : a.toString(2).length;
}
function b512(m: bigint, e: number): Big512 {
  const neg = m < 0n;
  const a = neg ? -m : m;
  const n = bitLen(a);
  if (n <= PREC) return { m, e };
  const sh = BigInt(n - PREC);
  let q = a >> sh;
  const r = a - (q << sh);
  const half = 1n << (sh - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  return { m: neg ? -q : q, e: e + Number(sh) };
}
/** The 512-bit float nearest to a decimal (what cty.ParseNumberVal makes of a literal). */
function b512FromDec(d: Dec, negative: boolean): Big512 {
  if (d.digits === '') return { m: 0n, e: 0 };
  const D = BigInt(d.digits);
  const t = d.exp - d.digits.length;
  let out: Big512;
  if (t >= 0) out = b512(D * 10n ** BigInt(t), 0);
  else {
    const P = 10n ** BigInt(-t);
    const S = Math.max(0, PREC + 8 + bitLen(P) - bitLen(D));
    const q = (D << BigInt(S)) / P;
    const r = (D << BigInt(S)) % P;
    out = b512((q << 1n) | (r !== 0n ? 1n : 0n), -S - 1); // the last bit is sticky: exact rounding
  }
  return negative ? { m: -out.m, e: out.e } : out;
}
function b512Add(a: Big512, b: Big512): Big512 {
  const e = Math.min(a.e, b.e);
  return b512((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e);
}
function b512Cmp(a: Big512, b: Big512): number {
  const e = Math.min(a.e, b.e);
  const x = a.m << BigInt(a.e - e);
  const y = b.m << BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}
/** The double nearest to a 512-bit value (via 30 significant decimal digits). */
function b512ToNumber(a: Big512): number {
  if (a.m === 0n) return 0;
  if (a.e >= 0) return Number(a.m << BigInt(a.e));
  const neg = a.m < 0n;
  const abs = neg ? -a.m : a.m;
  const k = 30 + Math.max(0, Math.ceil((-a.e - bitLen(abs)) * Math.LOG10E * Math.LN2) + 1);
  const scaled = ((abs * 10n ** BigInt(k)) >> BigInt(-a.e)).toString().padStart(k + 1, '0');
  return Number(`${neg ? '-' : ''}${scaled.slice(0, scaled.length - k)}.${scaled.slice(scaled.length - k)}e0`);
}
/** Whether cty's value of this decimal lies above (1), below (-1) or exactly on (0) the decimal itself. */
function b512Side(d: Dec): number {
  const f = b512FromDec(d, false);
  const D = BigInt(d.digits);
  const t = d.exp - d.digits.length;
  const lhs = f.m * (f.e > 0 ? 1n << BigInt(f.e) : 1n) * (t < 0 ? 10n ** BigInt(-t) : 1n);
  const rhs = D * (t > 0 ? 10n ** BigInt(t) : 1n) * (f.e < 0 ? 1n << BigInt(-f.e) : 1n);
  return lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
}
/** Go's decimal.round(n) on the exact expansion of cty's value: keep at most n digits, half to even on a true tie. */
function decRound(d: Dec, n: number): Dec {
  if (n < 0 || n >= d.digits.length) return d;
  const c = d.digits.charCodeAt(n) - 48;
  let up: boolean;
  if (c === 5 && n + 1 === d.digits.length) {
    // A tie in the decimal: cty's 512-bit value sits just above, just below, or exactly on it.
    const side = b512Side(d);
    up = side > 0 || (side === 0 && n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1);
  } else up = c >= 5;
  if (!up) {
    const digits = d.digits.slice(0, n).replace(/0+$/, '');
    return digits === '' ? { digits: '', exp: 0 } : { digits, exp: d.exp };
  }
  let i = n;
  while (i > 0 && d.digits[i - 1] === '9') i--;
  if (i === 0) return { digits: '1', exp: d.exp + 1 };
  return { digits: d.digits.slice(0, i - 1) + String.fromCharCode(d.digits.charCodeAt(i - 1) + 1), exp: d.exp };
}
function fmtE(d: Dec, prec: number, e: string): string {
  let out = d.digits.length > 0 ? d.digits[0] : '0';
  if (prec > 0) out += `.${d.digits.slice(1, prec + 1).padEnd(prec, '0')}`;
  const x = d.digits.length > 0 ? d.exp - 1 : 0;
  return `${out}${e}${x < 0 ? '-' : '+'}${Math.abs(x) < 10 ? '0' : ''}${Math.abs(x)}`;
}
function fmtF(d: Dec, prec: number): string {
  let out = d.exp > 0 ? d.digits.slice(0, d.exp).padEnd(d.exp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.exp + i - 1;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return out;
}
/** Go's big.Float.Text(verb, prec) for verbs e E f g G; prec < 0 is the shortest representation. */
function floatText(x: number, verb: string, precIn: number): string {
  if (precIn > MAX_STRING) giveUp();
  let d = decOf(x);
  let prec = precIn;
  const shortest = prec < 0;
  const lower = verb.toLowerCase();
  if (shortest) {
    if (lower === 'e') prec = d.digits.length - 1;
    else if (lower === 'f') prec = Math.max(d.digits.length - d.exp, 0);
    else prec = d.digits.length;
  } else if (lower === 'e') d = decRound(d, 1 + prec);
  else if (lower === 'f') d = decRound(d, d.exp + prec);
  else {
    if (prec === 0) prec = 1;
    d = decRound(d, prec);
  }
  let body: string;
  if (lower === 'e') body = fmtE(d, prec, verb === 'E' ? 'E' : 'e');
  else if (lower === 'f') body = fmtF(d, prec);
  else {
    let eprec = prec;
    if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const x10 = d.exp - 1;
    if (x10 < -4 || x10 >= eprec) body = fmtE(d, Math.min(prec, d.digits.length) - 1, verb === 'G' ? 'E' : 'e');
    else body = fmtF(d, Math.max((prec > d.exp ? d.digits.length : prec) - d.exp, 0));
  }
  return (x < 0 ? '-' : '') + body;
}

// ---------------------------------------------------------------------------------------------------------
// Types: cty's unification and conversion, over the types plain values imply.

type Ty =
  | { readonly k: 'string' | 'number' | 'bool' | 'dyn' }
  | { readonly k: 'tuple'; readonly el: readonly Ty[] }
  | { readonly k: 'object'; readonly at: ReadonlyMap<string, Ty> }
  | { readonly k: 'list' | 'map'; readonly el: Ty };
const T_STRING: Ty = { k: 'string' };
const T_NUMBER: Ty = { k: 'number' };
const T_BOOL: Ty = { k: 'bool' };
const T_DYN: Ty = { k: 'dyn' };

function typeOf(v: PlainValue): Ty {
  if (v === null) return T_DYN;
  if (typeof v === 'string') return T_STRING;
  if (typeof v === 'number') return T_NUMBER;
  if (typeof v === 'boolean') return T_BOOL;
  if (isList(v)) return { k: 'tuple', el: v.map(typeOf) };
  return { k: 'object', at: new Map(Object.keys(v).map((k) => [k, typeOf(v[k])])) };
}
function tyEq(a: Ty, b: Ty): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'tuple' && b.k === 'tuple') return a.el.length === b.el.length && a.el.every((t, i) => tyEq(t, b.el[i]));
  if (a.k === 'object' && b.k === 'object') {
    if (a.at.size !== b.at.size) return false;
    for (const [k, t] of a.at) {
      const u = b.at.get(k);
      if (u === undefined || !tyEq(t, u)) return false;
    }
    return true;
  }
  if ((a.k === 'list' || a.k === 'map') && (b.k === 'list' || b.k === 'map')) return tyEq(a.el, b.el);
  return true;
}
function isPrimitive(t: Ty): boolean {
  return t.k === 'string' || t.k === 'number' || t.k === 'bool';
}
/** convert.UnifyUnsafe: the one type all of these convert to, or null. */
function unify(tys: readonly Ty[]): Ty | null {
  if (tys.length === 0) return null;
  let objects = 0;
  let tuples = 0;
  let dyn = 0;
  for (const t of tys) {
    if (t.k === 'object') objects++;
    else if (t.k === 'tuple') tuples++;
    else if (t.k === 'dyn') dyn++;
  }
  if (objects > 0 && tuples > 0) return null;
  if (objects > 0 && objects + dyn === tys.length) return unifyObjects(tys.filter((t) => t.k === 'object') as Array<Ty & { k: 'object' }>);
  if (tuples > 0 && tuples + dyn === tys.length) return unifyTuples(tys.filter((t) => t.k === 'tuple') as Array<Ty & { k: 'tuple' }>);
  const rest = tys.filter((t) => t.k !== 'dyn');
  if (rest.length === 0) return T_DYN;
  if (rest.every((t) => tyEq(t, rest[0]))) return rest[0];
  if (rest.every(isPrimitive) && rest.some((t) => t.k === 'string')) return T_STRING;
  return null;
}
function unifyObjects(objs: ReadonlyArray<Ty & { k: 'object' }>): Ty | null {
  const first = objs[0].at;
  const sameNames = objs.every((o) => o.at.size === first.size && [...o.at.keys()].every((k) => first.has(k)));
  if (sameNames) {
    const at = new Map<string, Ty>();
    for (const k of first.keys()) {
      const t = unify(objs.map((o) => o.at.get(k) as Ty));
      if (t === null) return null;
      at.set(k, t);
    }
    return { k: 'object', at };
  }
  const el = unify(objs.flatMap((o) => [...o.at.values()]));
  return el === null ? null : { k: 'map', el };
}
function unifyTuples(tups: ReadonlyArray<Ty & { k: 'tuple' }>): Ty | null {
  const n = tups[0].el.length;
  if (tups.every((t) => t.el.length === n)) {
    const el: Ty[] = [];
    for (let i = 0; i < n; i++) {
      const t = unify(tups.map((u) => u.el[i]));
      if (t === null) return null;
      el.push(t);
    }
    return { k: 'tuple', el };
  }
  const el = unify(tups.flatMap((t) => t.el));
  return el === null ? null : { k: 'list', el };
}
/** convert.Convert (unsafe conversions allowed, as for function arguments). */
function convert(v: PlainValue, ty: Ty): PlainValue {
  if (ty.k === 'dyn' || v === null) return v;
  switch (ty.k) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return numStr(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return fail(`string required, but have ${typeName(v)}`);
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return parseNumber(v, 'a number is required');
      return fail(`number required, but have ${typeName(v)}`);
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      return fail(typeof v === 'string' ? 'a bool is required' : `bool required, but have ${typeName(v)}`);
    case 'list': {
      if (!isList(v)) return fail(`list of ${tyName(ty.el)} required, but have ${typeName(v)}`);
      const el = ty.el;
      return v.map((x) => convert(x, el));
    }
    case 'tuple': {
      if (!isList(v) || v.length !== ty.el.length) return fail(`tuple required, but have ${typeName(v)}`);
      const el = ty.el;
      return v.map((x, i) => convert(x, el[i]));
    }
    case 'map': {
      if (!isObj(v)) return fail(`map of ${tyName(ty.el)} required, but have ${typeName(v)}`);
      const el = ty.el;
      return makeObj(Object.keys(v).map((k) => [k, convert(v[k], el)] as const));
    }
    case 'object': {
      if (!isObj(v)) return fail(`object required, but have ${typeName(v)}`);
      const at = ty.at;
      return makeObj(Object.keys(v).map((k) => [k, convert(v[k], at.get(k) ?? T_DYN)] as const));
    }
  }
  return v;
}
function tyName(t: Ty): string {
  return t.k === 'dyn' ? 'any single type' : t.k;
}

// ---------------------------------------------------------------------------------------------------------
// Function parameters: cty checks nulls and converts to the declared type before the function runs.

function nn(v: PlainValue | undefined): PlainValue {
  if (v === undefined) giveUp();
  if (v === null) fail('argument must not be null');
  return v;
}
/** A `string` parameter. */
function str(v: PlainValue | undefined): string {
  const x = nn(v);
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return numStr(x);
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  return fail(`string required, but have ${typeName(x)}`);
}
/** A `number` parameter. */
function num(v: PlainValue | undefined): number {
  const x = nn(v);
  if (typeof x === 'number') return x;
  if (typeof x === 'string') return parseNumber(x, 'a number is required');
  return fail(`number required, but have ${typeName(x)}`);
}
/** A `number` parameter the function decodes into a Go int. */
function int(v: PlainValue | undefined): number {
  const n = num(v);
  if (!Number.isInteger(n)) fail('value must be a whole number');
  if (!Number.isSafeInteger(n)) giveUp();
  return n;
}
/** A sequence (list, tuple or set) taken as it is. */
function seq(v: PlainValue | undefined, message = 'a list, set or tuple is required'): List {
  const x = nn(v);
  if (!isList(x)) fail(`${message}, but have ${typeName(x)}`);
  return x;
}
/** A `list(string)` parameter: elements converted, nulls kept. */
function strList(v: PlainValue | undefined): Array<string | null> {
  return seq(v).map((x) => (x === null ? null : (convert(x, T_STRING) as string)));
}
/** A `list(any)` parameter: a tuple is unified to one element type, as cty does. */
function unifiedList(v: PlainValue | undefined): { items: PlainValue[]; ety: Ty } {
  const l = seq(v);
  if (l.length === 0) return { items: [], ety: T_DYN };
  const ety = unify(l.map(typeOf));
  if (ety === null) fail('all elements must be of the same type');
  return { items: l.map((x) => convert(x, ety)), ety };
}
/** Deduplicate and order a set's elements as cty does. */
function setOrder(items: readonly PlainValue[], ety: Ty): PlainValue[] {
  const seen = new Set<string>();
  const out: PlainValue[] = [];
  for (const x of items) {
    if (x === null) giveUp();
    const k = ckey(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  if (ety.k === 'string') out.sort((a, b) => cmpStr(a as string, b as string));
  else if (ety.k === 'number') out.sort((a, b) => (a as number) - (b as number));
  else if (ety.k === 'bool') out.sort((a, b) => Number(a) - Number(b));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// JSON (cty's encoding: keys sorted, numbers without exponent, Go string escaping).

function jsonEncode(v: PlainValue, out: Out): void {
  if (v === null) out.push('null');
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (typeof v === 'number') out.push(numStr(v));
  else if (typeof v === 'string') out.push(goQuote(v));
  else if (isList(v)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      jsonEncode(x, out);
    });
    out.push(']');
  } else {
    out.push('{');
    sortedKeys(v).forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(goQuote(k));
      out.push(':');
      jsonEncode(v[k], out);
    });
    out.push('}');
  }
}
function jsonText(v: PlainValue): string {
  const out = new Out();
  jsonEncode(v, out);
  return out.toString();
}

function jsonDecode(s: string): PlainValue {
  let i = 0;
  let nodes = 0;
  const bad = (): never => fail(i >= s.length ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(s[i])} in JSON`);
  const ws = (): void => {
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const hex4 = (): number => {
    const h = s.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) bad();
    i += 4;
    return parseInt(h, 16);
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= s.length) bad();
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return out;
      }
      if (c < 0x20) bad();
      if (c !== 92) {
        let end = i + 1;
        while (end < s.length) {
          const d = s.charCodeAt(end);
          if (d === 34 || d === 92 || d < 0x20) break;
          end++;
        }
        out += s.slice(i, end);
        i = end;
        continue;
      }
      i++;
      const e = s[i++];
      if (e === '"' || e === '\\' || e === '/') out += e;
      else if (e === 'b') out += '\b';
      else if (e === 'f') out += '\f';
      else if (e === 'n') out += '\n';
      else if (e === 'r') out += '\r';
      else if (e === 't') out += '\t';
      else if (e === 'u') {
        const u = hex4();
        if (u >= 0xd800 && u <= 0xdbff && s.startsWith('\\u', i)) {
          const save = i;
          i += 2;
          const l = hex4();
          if (l >= 0xdc00 && l <= 0xdfff) out += String.fromCharCode(u, l);
          else {
            out += '\ufffd';
            i = save;
          }
        } else out += u >= 0xd800 && u <= 0xdfff ? '\ufffd' : String.fromCharCode(u);
      } else {
        i--;
        bad();
      }
    }
  };
  const value = (depth: number): PlainValue => {
    if (depth > MAX_DEPTH || ++nodes > MAX_INPUT_NODES) giveUp();
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      const entries: Array<[string, PlainValue]> = [];
      const seen = new Set<string>();
      ws();
      if (s[i] === '}') {
        i++;
        return makeObj(entries);
      }
      for (;;) {
        ws();
        if (s[i] !== '"') bad();
        const k = string();
        if (seen.has(k)) fail(`duplicate ${JSON.stringify(k)} property in JSON object`);
        seen.add(k);
        ws();
        if (s[i] !== ':') bad();
        i++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return makeObj(entries);
        }
        bad();
      }
    }
    if (c === '[') {
      i++;
      const items: PlainValue[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return items;
        }
        bad();
      }
    }
    if (c === '"') return string();
    if (s.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (s.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (s.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m) return bad();
    if (m[0].length >= 400) giveUp();
    i += m[0].length;
    return parseNumber(m[0], 'invalid number');
  };
  const v = value(0);
  ws();
  if (i < s.length) {
    // Go's decoder stops at the value; a following ] or } is not "more data" to it.
    if (s[i] === ']' || s[i] === '}') giveUp();
    fail('extraneous data after JSON object');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// format / formatlist (cty's format FSM, Go's fmt for numbers).

interface Verb {
  raw: string;
  zero: boolean;
  sharp: boolean;
  minus: boolean;
  plus: boolean;
  space: boolean;
  width: number; // -1: none
  prec: number; // -1: none
  mode: string;
  argNum: number;
}

function tfFormat(spec: string, args: List): string {
  const out = new Out();
  let next = 1;
  let i = 0;
  const digits = (): number => {
    const m = /^\d+/.exec(spec.slice(i, i + 12));
    const t = m ? m[0] : '';
    if (t.length > 7) giveUp();
    i += t.length;
    return t === '' ? 0 : Number(t);
  };
  while (i < spec.length) {
    if (spec[i] !== '%') {
      const j = spec.indexOf('%', i);
      const end = j < 0 ? spec.length : j;
      out.push(spec.slice(i, end));
      i = end;
      continue;
    }
    const start = i++;
    if (i >= spec.length) fail(`invalid format string starting at offset ${start}`);
    if (spec[i] === '%') {
      out.push('%');
      i++;
      continue;
    }
    const v: Verb = { raw: '', zero: false, sharp: false, minus: false, plus: false, space: false, width: -1, prec: -1, mode: '', argNum: next };
    for (; i < spec.length; i++) {
      const c = spec[i];
      if (c === '0') v.zero = true;
      else if (c === '#') v.sharp = true;
      else if (c === '-') v.minus = true;
      else if (c === '+') v.plus = true;
      else if (c === ' ') v.space = true;
      else break;
    }
    if (spec[i] === '[') {
      i++;
      if (!/[1-9]/.test(spec[i] ?? '')) fail(`unrecognized format character ${JSON.stringify(spec[i] ?? '')} at offset ${i}`);
      v.argNum = digits();
      if (spec[i] !== ']') fail(`unrecognized format character ${JSON.stringify(spec[i] ?? '')} at offset ${i}`);
      i++;
    }
    if (/[1-9]/.test(spec[i] ?? '')) v.width = digits();
    else if (spec[i] === '*') giveUp();
    if (spec[i] === '.') {
      i++;
      if (spec[i] === '*') giveUp();
      v.prec = digits();
    }
    const mode = spec[i] ?? '';
    if (!/^[A-Za-z]$/.test(mode)) {
      if (i >= spec.length) fail(`invalid format string starting at offset ${start}`);
      fail(`unrecognized format character ${JSON.stringify(mode)} at offset ${i}`);
    }
    i++;
    v.mode = mode;
    v.raw = spec.slice(start, i);
    if (v.width > MAX_STRING || v.prec > MAX_STRING) giveUp();
    formatAppend(v, out, args, start);
    next = v.argNum + 1;
  }
  return out.toString();
}

function formatAppend(v: Verb, out: Out, args: List, offset: number): void {
  const idx = v.argNum - 1;
  if (idx >= args.length) fail(`not enough arguments for "${v.raw}" at ${offset}: need index ${v.argNum} but have ${args.length} total`);
  const arg = args[idx];
  if (v.mode !== 'v' && arg === null) fail(`unsupported value for "${v.raw}" at ${offset}: null value cannot be formatted`);
  const bad = (why: string): never => fail(`unsupported value for "${v.raw}" at ${offset}: ${why}`);
  const convertOr = (ty: Ty): PlainValue => {
    try {
      return convert(arg, ty);
    } catch (e) {
      if (e instanceof TfError) return bad(e.message);
      throw e;
    }
  };
  switch (v.mode) {
    case 'v':
      if (!v.sharp && typeof arg === 'string') out.push(padWidth(v, arg));
      else if (!v.sharp && typeof arg === 'number') out.push(padWidth(v, floatText(arg, 'g', -1)));
      else out.push(padWidth(v, jsonText(arg)));
      return;
    case 't':
      out.push(convertOr(T_BOOL) ? 'true' : 'false');
      return;
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      const n = convertOr(T_NUMBER) as number;
      if (!Number.isInteger(n)) bad('an integer is required');
      out.push(goInt(v, BigInt(n)));
      return;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      out.push(goFloat(v, convertOr(T_NUMBER) as number));
      return;
    case 's':
    case 'q': {
      let s = convertOr(T_STRING) as string;
      if (v.prec > 0) s = graphemes(s).slice(0, v.prec).join('');
      out.push(padWidth(v, v.mode === 'q' ? goQuote(s) : s));
      return;
    }
    default:
      fail(`unsupported format verb ${JSON.stringify(v.mode)} in "${v.raw}" at offset ${offset}`);
  }
}
/** cty's own padding (grapheme clusters; '0' flag pads with zeros even on the right). */
function padWidth(v: Verb, s: string): string {
  if (v.width < 0) return s;
  const n = graphemeCount(s);
  if (n >= v.width) return s;
  const pad = repeat(v.zero ? '0' : ' ', v.width - n);
  return v.minus ? s + pad : pad + s;
}
/** Go's big.Int Format. */
function goInt(v: Verb, n: bigint): string {
  const base = v.mode === 'b' ? 2 : v.mode === 'o' ? 8 : v.mode === 'd' ? 10 : 16;
  let digits = (n < 0n ? -n : n).toString(base);
  if (v.mode === 'X') digits = digits.toUpperCase();
  const sign = n < 0n ? '-' : v.plus ? '+' : v.space ? ' ' : '';
  let prefix = '';
  if (v.sharp) prefix = v.mode === 'b' ? '0b' : v.mode === 'o' ? '0' : v.mode === 'x' ? '0x' : v.mode === 'X' ? '0X' : '';
  let zeros = 0;
  if (v.prec >= 0) {
    if (digits.length < v.prec) zeros = v.prec - digits.length;
    else if (digits === '0' && v.prec === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (v.width >= 0 && length < v.width) {
    const d = v.width - length;
    if (v.minus) right = d;
    else if (v.zero && v.prec < 0) zeros = d;
    else left = d;
  }
  return repeat(' ', left) + sign + prefix + repeat('0', zeros) + digits + repeat(' ', right);
}
/** Go's big.Float Format. */
function goFloat(v: Verb, x: number): string {
  const lower = v.mode.toLowerCase();
  const prec = v.prec >= 0 ? v.prec : lower === 'g' ? -1 : 6;
  let buf = floatText(x, v.mode, prec);
  let sign = '';
  if (buf[0] === '-') {
    sign = '-';
    buf = buf.slice(1);
  } else if (v.plus) sign = '+';
  else if (v.space) sign = ' ';
  const pad = v.width >= 0 && v.width > sign.length + buf.length ? v.width - sign.length - buf.length : 0;
  if (v.zero && !v.minus) return sign + repeat('0', pad) + buf;
  if (v.minus) return sign + buf + repeat(' ', pad);
  return repeat(' ', pad) + sign + buf;
}

// ---------------------------------------------------------------------------------------------------------
// Regular expressions: RE2 syntax (as Go's regexp/syntax parses it) compiled to an NFA program and run by a
// Pike VM — time linear in pattern × input, bounded by a step budget; JavaScript's backtracking engine is
// never given the pattern. Syntax Go rejects (backreferences, lookaround, bad escapes, ...) is an error;
// syntax this parser does not model is undecidable.

type AssertKind = 'bot' | 'eot' | 'bol' | 'eol' | 'wb' | 'nwb';
type RNode =
  | { readonly t: 'empty' }
  | { readonly t: 'char'; readonly test: (cp: number) => boolean }
  | { readonly t: 'cat' | 'alt'; readonly items: readonly RNode[] }
  | { readonly t: 'cap'; readonly index: number; readonly node: RNode }
  | { readonly t: 'rep'; readonly node: RNode; readonly min: number; readonly max: number; readonly greedy: boolean }
  | { readonly t: 'assert'; readonly kind: AssertKind };
interface RFlags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}
interface Regex {
  prog: Inst[];
  /** Capture group names, index 0 the whole match ('' for unnamed). */
  names: string[];
}
type Inst =
  | { readonly op: 'char'; readonly test: (cp: number) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { readonly op: 'save'; readonly n: number }
  | { readonly op: 'assert'; readonly kind: AssertKind }
  | { readonly op: 'match' };

const isWordCp = (cp: number): boolean =>
  (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
const PERL_CLASSES: Readonly<Record<string, (cp: number) => boolean>> = {
  d: (cp) => cp >= 48 && cp <= 57,
  s: (cp) => cp === 9 || cp === 10 || cp === 12 || cp === 13 || cp === 32,
  w: isWordCp,
};
const POSIX_CLASSES: Readonly<Record<string, (cp: number) => boolean>> = {
  alnum: (cp) => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122),
  alpha: (cp) => (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122),
  ascii: (cp) => cp <= 0x7f,
  blank: (cp) => cp === 9 || cp === 32,
  cntrl: (cp) => cp <= 0x1f || cp === 0x7f,
  digit: (cp) => cp >= 48 && cp <= 57,
  graph: (cp) => cp >= 0x21 && cp <= 0x7e,
  lower: (cp) => cp >= 97 && cp <= 122,
  print: (cp) => cp >= 0x20 && cp <= 0x7e,
  punct: (cp) => (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e),
  space: (cp) => cp === 9 || cp === 10 || cp === 11 || cp === 12 || cp === 13 || cp === 32,
  upper: (cp) => cp >= 65 && cp <= 90,
  word: isWordCp,
  xdigit: (cp) => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 70) || (cp >= 97 && cp <= 102),
};
/** The names Go's regexp knows (unicode.Categories and unicode.Scripts, Unicode 15.0 as in current Go). */
const GO_CATEGORIES = new Set('C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '));
const GO_SCRIPTS = new Set(
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square'.split(' '),
);
const unicodeClassCache = new Map<string, (cp: number) => boolean>();
/** \p{name}; undefined when Go has no such class. */
function unicodeClass(name: string): ((cp: number) => boolean) | undefined {
  const cached = unicodeClassCache.get(name);
  if (cached) return cached;
  let source: string;
  if (name === 'Any') source = '[\\s\\S]';
  else if (name === 'C') source = '[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}]'; // Go's C has no unassigned code points
  else if (GO_CATEGORIES.has(name)) source = `\\p{${name}}`;
  else if (GO_SCRIPTS.has(name)) source = `\\p{Script=${name}}`;
  else return undefined;
  let re: RegExp;
  try {
    re = new RegExp(`^${source}$`, 'u');
  } catch {
    return giveUp(); // a name this JavaScript's Unicode tables lack
  }
  const test = (cp: number): boolean => re.test(String.fromCodePoint(cp));
  unicodeClassCache.set(name, test);
  return test;
}
function cpFoldLower(cp: number): number {
  return cpLower(String.fromCodePoint(cp)).codePointAt(0) as number;
}
function cpFoldUpper(cp: number): number {
  return cpUpper(String.fromCodePoint(cp)).codePointAt(0) as number;
}
/** Case-insensitive membership (Go folds with Unicode simple case folding orbits). */
function folded(test: (cp: number) => boolean): (cp: number) => boolean {
  return (cp) => {
    if (test(cp)) return true;
    const l = cpFoldLower(cp);
    const u = cpFoldUpper(cp);
    return test(l) || test(u) || test(cpFoldLower(u)) || test(cpFoldUpper(l));
  };
}

class RegexParser {
  private i = 0;
  private ncap = 0;
  readonly names: string[] = [''];
  constructor(private readonly p: string) {}

  parse(): RNode {
    const flags: RFlags = { i: false, m: false, s: false, U: false };
    const node = this.body(flags, 0);
    if (this.i < this.p.length) fail(`invalid regexp pattern: unexpected ) in ${this.p}`); // a ')' without '('
    return node;
  }

  private err(code: string): never {
    return fail(`invalid regexp pattern: ${code} in ${this.p}`);
  }

  /** Alternatives up to the closing ')' of the enclosing group (not consumed) or the end. */
  private body(flags: RFlags, depth: number): RNode {
    if (depth > 60) giveUp();
    const alts: RNode[] = [];
    let items: RNode[] = [];
    /** 'atom': the last item can be repeated; 'rep': it was just repeated; 'none': nothing to repeat. */
    let last: 'none' | 'atom' | 'rep' = 'none';
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push(cat(items));
        items = [];
        last = 'none';
        continue;
      }
      const rep = this.repetition(flags);
      if (rep !== undefined) {
        if (last === 'none') this.err('missing argument to repetition operator');
        if (last === 'rep') this.err('invalid nested repetition operator');
        const sub = items.pop() as RNode;
        items.push({ t: 'rep', node: sub, ...rep });
        last = 'rep';
        continue;
      }
      const atom = this.atom(flags, depth);
      if (atom === 'flags') {
        // Go pushes nothing for a flag group: a repetition right after it applies to the item before it
        // (and is not a nested repetition).
        if (last === 'rep') last = 'atom';
        continue;
      }
      pushAll(items, atom);
      last = 'atom';
    }
    alts.push(cat(items));
    return alts.length === 1 ? alts[0] : { t: 'alt', items: alts };
  }

  /** A repetition operator at the cursor (consumed), or undefined. */
  private repetition(flags: RFlags): { min: number; max: number; greedy: boolean } | undefined {
    const c = this.p[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i, this.i + 30));
      if (!m || /^0\d/.test(m[1]) || (m[3] !== undefined && /^0\d/.test(m[3]))) return undefined; // a literal '{'
      this.i += m[0].length;
      min = m[1].length > 8 ? 1001 : Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? -1 : m[3].length > 8 ? 1001 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) this.err('invalid repeat count');
    } else return undefined;
    let greedy = true;
    if (this.p[this.i] === '?') {
      this.i++;
      greedy = false;
    }
    if (flags.U) greedy = !greedy;
    return { min, max, greedy };
  }

  /** One atom (possibly several literal items for \Q...\E), or 'flags' for a flag group like (?i). */
  private atom(flags: RFlags, depth: number): RNode[] | 'flags' {
    const p = this.p;
    const c = p[this.i];
    if (c === '(') return this.group(flags, depth);
    if (c === '[') return [this.charClass(flags)];
    if (c === '.') {
      this.i++;
      return [{ t: 'char', test: flags.s ? () => true : (cp) => cp !== 10 }];
    }
    if (c === '^') {
      this.i++;
      return [{ t: 'assert', kind: flags.m ? 'bol' : 'bot' }];
    }
    if (c === '$') {
      this.i++;
      return [{ t: 'assert', kind: flags.m ? 'eol' : 'eot' }];
    }
    if (c === '\\') return this.escape(flags);
    const cp = p.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return [literal(cp, flags)];
  }

  private group(flags: RFlags, depth: number): RNode[] | 'flags' {
    const p = this.p;
    this.i++; // (
    let capture: number | undefined;
    let inner: RFlags = { ...flags };
    if (p[this.i] === '?') {
      const rest = p.slice(this.i, this.i + 4);
      if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.err('invalid or unsupported Perl syntax');
      }
      if (rest.startsWith('?<')) giveUp(); // (?<name>…): accepted only by Go 1.22 and later, so Terraform-version dependent
      const named = /^\?P<([^>]*)>/.exec(p.slice(this.i, this.i + 200));
      if (named) {
        const name = named[1];
        if (!/^[A-Za-z0-9_]+$/.test(name)) this.err('invalid named capture');
        if (this.names.includes(name)) this.err('duplicate capture group name');
        this.i += named[0].length;
        capture = ++this.ncap;
        this.names.push(name);
      } else {
        // Go's flag groups: (?flags) and (?flags:re), flags [imsU]* with at most one '-' that must be followed
        // by a flag; "(?)" is allowed. Anything else after "(?" is an error in Go.
        const m = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(p.slice(this.i, this.i + 40));
        if (!m || m[2] === '') this.err('invalid or unsupported Perl syntax');
        this.i += m[0].length;
        const set = (letters: string, on: boolean, f: RFlags): void => {
          for (const l of letters) f[l as keyof RFlags] = on;
        };
        if (m[3] === ')') {
          // Flags for the rest of the enclosing group.
          set(m[1], true, flags);
          set(m[2] ?? '', false, flags);
          return 'flags';
        }
        inner = { ...flags };
        set(m[1], true, inner);
        set(m[2] ?? '', false, inner);
      }
    } else {
      capture = ++this.ncap;
      this.names.push('');
    }
    const node = this.body(inner, depth + 1);
    if (p[this.i] !== ')') this.err('missing closing )');
    this.i++;
    return [capture === undefined ? node : { t: 'cap', index: capture, node }];
  }

  private escape(flags: RFlags): RNode[] {
    const p = this.p;
    this.i++; // backslash
    if (this.i >= p.length) this.err('trailing backslash at end of expression');
    const c = p[this.i];
    switch (c) {
      case 'A':
        this.i++;
        return [{ t: 'assert', kind: 'bot' }];
      case 'z':
        this.i++;
        return [{ t: 'assert', kind: 'eot' }];
      case 'b':
        this.i++;
        return [{ t: 'assert', kind: 'wb' }];
      case 'B':
        this.i++;
        return [{ t: 'assert', kind: 'nwb' }];
      case 'Q': {
        this.i++;
        const end = p.indexOf('\\E', this.i);
        const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        this.i = end < 0 ? p.length : end + 2;
        return Array.from(text, (ch) => literal(ch.codePointAt(0) as number, flags));
      }
      case 'C':
        return this.err('invalid escape sequence'); // "any byte": not in Go's RE2
    }
    const cls = this.classEscape(flags);
    if (cls) return [{ t: 'char', test: cls }];
    return [literal(this.escapeChar(), flags)];
  }

  /** \d \s \w (and negations) or \p{..} \P{..} at the cursor (on the letter after the backslash). */
  private classEscape(flags: RFlags): ((cp: number) => boolean) | undefined {
    const p = this.p;
    const c = p[this.i];
    const perl = PERL_CLASSES[c.toLowerCase()];
    if (perl && 'dswDSW'.includes(c)) {
      this.i++;
      const t = c === c.toLowerCase() ? perl : (cp: number) => !perl(cp);
      return flags.i ? folded(t) : t;
    }
    if (c === 'p' || c === 'P') {
      this.i++;
      let name: string;
      if (p[this.i] === '{') {
        const end = p.indexOf('}', this.i);
        if (end < 0) this.err('invalid character class range');
        name = p.slice(this.i + 1, end);
        this.i = end + 1;
      } else {
        if (this.i >= p.length) this.err('invalid character class range');
        const cp = p.codePointAt(this.i) as number;
        name = String.fromCodePoint(cp);
        this.i += name.length;
      }
      let negate = c === 'P';
      if (name.startsWith('^')) {
        negate = !negate;
        name = name.slice(1);
      }
      const base = unicodeClass(name);
      if (base === undefined) this.err('invalid character class range');
      const t = negate ? (cp: number) => !base(cp) : base;
      return flags.i ? folded(t) : t;
    }
    return undefined;
  }

  /** A single-character escape at the cursor (on the character after the backslash). */
  private escapeChar(): number {
    const p = this.p;
    const c = p[this.i++];
    if (c >= '1' && c <= '7') {
      const n = p[this.i];
      if (!(n >= '0' && n <= '7')) this.err('invalid escape sequence'); // a backreference: RE2 has none
    }
    if (c >= '0' && c <= '7') {
      let r = c.charCodeAt(0) - 48;
      for (let k = 1; k < 3; k++) {
        const n = p[this.i];
        if (!(n >= '0' && n <= '7')) break;
        r = r * 8 + (n.charCodeAt(0) - 48);
        this.i++;
      }
      return r;
    }
    if (c === 'x') {
      if (p[this.i] === '{') {
        const m = /^\{([0-9A-Fa-f]{1,8})\}/.exec(p.slice(this.i, this.i + 12));
        if (!m || parseInt(m[1], 16) > 0x10ffff) this.err('invalid escape sequence');
        this.i += m[0].length;
        return parseInt(m[1], 16);
      }
      const h = p.slice(this.i, this.i + 2);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) this.err('invalid escape sequence');
      this.i += 2;
      return parseInt(h, 16);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (c in simple) return simple[c];
    const cp = c.charCodeAt(0);
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    return this.err('invalid escape sequence');
  }

  private charClass(flags: RFlags): RNode {
    const p = this.p;
    this.i++; // [
    let negate = false;
    if (p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const ranges: Array<[number, number]> = [];
    const tests: Array<(cp: number) => boolean> = [];
    let first = true;
    for (;;) {
      if (this.i >= p.length) this.err('missing closing ]');
      const c = p[this.i];
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[' && p[this.i + 1] === ':') {
        const end = p.indexOf(':]', this.i + 2);
        if (end >= 0) {
          let name = p.slice(this.i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const t = Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name) ? POSIX_CLASSES[name] : undefined;
          if (!t) this.err('invalid character class range');
          tests.push(neg ? (cp) => !t(cp) : t);
          this.i = end + 2;
          continue;
        }
      }
      let lo: number;
      if (c === '\\') {
        this.i++;
        if (this.i >= p.length) this.err('trailing backslash at end of expression');
        const cls = this.classEscape({ ...flags, i: false });
        if (cls) {
          tests.push(cls);
          continue;
        }
        lo = this.escapeChar();
      } else {
        lo = p.codePointAt(this.i) as number;
        this.i += lo > 0xffff ? 2 : 1;
      }
      let hi = lo;
      if (p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']') {
        this.i++;
        if (p[this.i] === '\\') {
          this.i++;
          if (this.i >= p.length) this.err('trailing backslash at end of expression');
          hi = this.escapeChar();
        } else {
          hi = p.codePointAt(this.i) as number;
          this.i += hi > 0xffff ? 2 : 1;
        }
        if (hi < lo) this.err('invalid character class range');
      }
      ranges.push([lo, hi]);
    }
    const member = (cp: number): boolean => ranges.some(([a, b]) => cp >= a && cp <= b) || tests.some((t) => t(cp));
    const m = flags.i ? folded(member) : member;
    return { t: 'char', test: negate ? (cp) => !m(cp) : m };
  }
}
/** Whether a sub-pattern can match the empty string. */
function nullable(n: RNode): boolean {
  switch (n.t) {
    case 'empty':
    case 'assert':
      return true;
    case 'char':
      return false;
    case 'cat':
      return n.items.every(nullable);
    case 'alt':
      return n.items.some(nullable);
    case 'cap':
      return nullable(n.node);
    case 'rep':
      return n.min === 0 || nullable(n.node);
  }
}
function cat(items: RNode[]): RNode {
  return items.length === 0 ? { t: 'empty' } : items.length === 1 ? items[0] : { t: 'cat', items };
}
function literal(cp: number, flags: RFlags): RNode {
  return { t: 'char', test: flags.i ? folded((x) => x === cp) : (x) => x === cp };
}

function compileRegex(pattern: string): Regex {
  if (pattern.length > REGEX_MAX_PATTERN) giveUp();
  const parser = new RegexParser(pattern);
  const root = parser.parse();
  const prog: Inst[] = [];
  let work = 0;
  const emit = (inst: Inst): number => {
    if (prog.length >= REGEX_MAX_PROGRAM) giveUp();
    prog.push(inst);
    return prog.length - 1;
  };
  const gen = (n: RNode): void => {
    if (++work > 4 * REGEX_MAX_PROGRAM) giveUp();
    switch (n.t) {
      case 'empty':
        return;
      case 'char':
        emit({ op: 'char', test: n.test });
        return;
      case 'assert':
        emit({ op: 'assert', kind: n.kind });
        return;
      case 'cat':
        for (const x of n.items) gen(x);
        return;
      case 'cap':
        emit({ op: 'save', n: 2 * n.index });
        gen(n.node);
        emit({ op: 'save', n: 2 * n.index + 1 });
        return;
      case 'alt': {
        const jumps: Array<{ op: 'jmp'; x: number }> = [];
        n.items.forEach((x, k) => {
          if (k < n.items.length - 1) {
            const split: Inst & { op: 'split' } = { op: 'split', x: 0, y: 0 };
            emit(split);
            split.x = prog.length;
            gen(x);
            const j: Inst & { op: 'jmp' } = { op: 'jmp', x: 0 };
            emit(j);
            jumps.push(j);
            split.y = prog.length;
          } else gen(x);
        });
        for (const j of jumps) j.x = prog.length;
        return;
      }
      case 'rep': {
        // As Go's regexp/syntax simplifies and compiles repetitions: x{n,} = x…x x+; x{n,m} = x…x (x(x)?)?;
        // x* = (x+)? when x can match empty (golang.org/issue/46123), else a loop.
        const { node, min, max, greedy } = n;
        if (max === 0) return;
        if (max < 0) {
          for (let k = 0; k < min - 1; k++) gen(node);
          if (min === 0) {
            if (nullable(node)) quest(() => plus(node, greedy), greedy);
            else star(node, greedy);
          } else plus(node, greedy);
          return;
        }
        for (let k = 0; k < min; k++) gen(node);
        const splits: Array<Inst & { op: 'split' }> = [];
        for (let k = min; k < max; k++) {
          const split: Inst & { op: 'split' } = { op: 'split', x: 0, y: 0 };
          emit(split);
          splits.push(split);
          split.x = prog.length; // body
          gen(node);
        }
        const after = prog.length;
        for (const sp of splits) {
          const body = sp.x;
          if (greedy) [sp.x, sp.y] = [body, after];
          else [sp.x, sp.y] = [after, body];
        }
        return;
      }
    }
  };
  /** x? */
  const quest = (body: () => void, greedy: boolean): void => {
    const split: Inst & { op: 'split' } = { op: 'split', x: 0, y: 0 };
    emit(split);
    const start = prog.length;
    body();
    const after = prog.length;
    if (greedy) [split.x, split.y] = [start, after];
    else [split.x, split.y] = [after, start];
  };
  /** x+ : x, then a split back to x. */
  const plus = (node: RNode, greedy: boolean): void => {
    const start = prog.length;
    gen(node);
    const split: Inst & { op: 'split' } = { op: 'split', x: 0, y: 0 };
    emit(split);
    const after = prog.length;
    if (greedy) [split.x, split.y] = [start, after];
    else [split.x, split.y] = [after, start];
  };
  /** x* for x that cannot match empty: a split into x, then a jump back. */
  const star = (node: RNode, greedy: boolean): void => {
    const split: Inst & { op: 'split' } = { op: 'split', x: 0, y: 0 };
    const at = emit(split);
    const body = prog.length;
    gen(node);
    emit({ op: 'jmp', x: at });
    const after = prog.length;
    if (greedy) [split.x, split.y] = [body, after];
    else [split.x, split.y] = [after, body];
  };
  emit({ op: 'save', n: 0 });
  gen(root);
  emit({ op: 'save', n: 1 });
  emit({ op: 'match' });
  return { prog, names: parser.names };
}

/** A string as code points, with the UTF-16 offset of each (and of the end). */
interface Text {
  s: string;
  cps: number[];
  offs: number[];
}
function toText(s: string): Text {
  const cps: number[] = [];
  const offs: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    cps.push(cp);
    offs.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  offs.push(s.length);
  return { s, cps, offs };
}

interface Budget {
  left: number;
}
/** Leftmost-first search from code point `start` (Go's regexp semantics); capture positions or null. */
function pikeSearch(re: Regex, text: Text, start: number, budget: Budget): number[] | null {
  const { prog } = re;
  const ncap = 2 * re.names.length;
  const n = text.cps.length;
  budget.left -= prog.length;
  const marks = new Int32Array(prog.length).fill(-1);
  type Thread = { pc: number; caps: number[] };
  let clist: Thread[] = [];
  let nlist: Thread[] = [];
  let matched: number[] | null = null;
  const assertOk = (kind: AssertKind, pos: number): boolean => {
    const prev = pos > 0 ? text.cps[pos - 1] : -1;
    const next = pos < n ? text.cps[pos] : -1;
    switch (kind) {
      case 'bot':
        return pos === 0;
      case 'eot':
        return pos === n;
      case 'bol':
        return pos === 0 || prev === 10;
      case 'eol':
        return pos === n || next === 10;
      case 'wb':
        return isWordCp(prev) !== isWordCp(next);
      case 'nwb':
        return isWordCp(prev) === isWordCp(next);
    }
  };
  const add = (list: Thread[], pc0: number, caps0: number[], pos: number, gen: number): void => {
    const stack: Thread[] = [{ pc: pc0, caps: caps0 }];
    while (stack.length > 0) {
      const { pc, caps } = stack.pop() as Thread;
      if (marks[pc] === gen) continue;
      marks[pc] = gen;
      if (--budget.left < 0) giveUp();
      const inst = prog[pc];
      switch (inst.op) {
        case 'jmp':
          stack.push({ pc: inst.x, caps });
          break;
        case 'split':
          stack.push({ pc: inst.y, caps });
          stack.push({ pc: inst.x, caps });
          break;
        case 'save': {
          budget.left -= ncap;
          const c = caps.slice();
          c[inst.n] = pos;
          stack.push({ pc: pc + 1, caps: c });
          break;
        }
        case 'assert':
          if (assertOk(inst.kind, pos)) stack.push({ pc: pc + 1, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  };
  for (let i = start; i <= n; i++) {
    if (matched === null) {
      budget.left -= ncap;
      add(clist, 0, new Array<number>(ncap).fill(-1), i, i);
    }
    if (clist.length === 0) {
      if (matched !== null) break;
      continue; // nothing alive at this position: try the next one
    }
    const cp = i < n ? text.cps[i] : -1;
    for (const t of clist) {
      if (--budget.left < 0) giveUp();
      const inst = prog[t.pc];
      if (inst.op === 'char') {
        if (cp >= 0 && inst.test(cp)) add(nlist, t.pc + 1, t.caps, i + 1, i + 1);
      } else if (inst.op === 'match') {
        matched = t.caps;
        break; // lower-priority threads lose
      }
    }
    [clist, nlist] = [nlist, []];
    if (matched !== null && clist.length === 0) break;
  }
  return matched;
}
/** Every match, as Go's FindAll (an empty match right after a match is skipped). */
function findAll(re: Regex, text: Text, budget: Budget): number[][] {
  const out: number[][] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= text.cps.length) {
    const m = pikeSearch(re, text, pos, budget);
    if (m === null) break;
    let accept = true;
    if (m[1] === pos) {
      if (m[0] === prevEnd) accept = false;
      pos++;
    } else pos = m[1];
    prevEnd = m[1];
    if (accept) {
      out.push(m);
      if (out.length > MAX_LIST) giveUp();
    }
  }
  return out;
}
function capturesValue(re: Regex, text: Text, m: number[]): PlainValue {
  const part = (k: number): string | null => (m[2 * k] < 0 || m[2 * k + 1] < 0 ? null : text.s.slice(text.offs[m[2 * k]], text.offs[m[2 * k + 1]]));
  const groups = re.names.length - 1;
  if (groups === 0) return part(0);
  const named = re.names.slice(1).filter((x) => x !== '').length;
  if (named === 0) return Array.from({ length: groups }, (_, k) => part(k + 1));
  return makeObj(re.names.slice(1).map((name, k) => [name, part(k + 1)] as const));
}
function checkGroups(re: Regex): void {
  const named = re.names.slice(1).filter((x) => x !== '').length;
  if (named > 0 && named < re.names.length - 1) fail('invalid regexp pattern: cannot mix both named and unnamed capture groups');
}
/** A replacement template, parsed once: literal text and capture group numbers. */
type Template = Array<string | number>;
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
/** Go's Regexp.Expand syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`; a malformed `$` is literal. */
function parseTemplate(re: Regex, template: string): Template {
  const parts: Template = [];
  let lit = '';
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      lit += template.slice(i);
      break;
    }
    lit += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      lit += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    let j = brace ? i + 1 : i;
    while (j < template.length) {
      const ch = String.fromCodePoint(template.codePointAt(j) as number);
      if (!NAME_CHAR.test(ch)) break;
      j += ch.length;
    }
    const name = template.slice(brace ? i + 1 : i, j);
    if (name === '' || (brace && template[j] !== '}')) {
      lit += '$';
      continue;
    }
    i = brace ? j + 1 : j;
    let k = -1;
    if (/^\d+$/.test(name)) {
      if (!(name.length > 1 && name[0] === '0') && name.length <= 8) k = Number(name);
    } else k = re.names.indexOf(name);
    if (k >= 0) {
      if (lit !== '') parts.push(lit);
      lit = '';
      parts.push(k);
    }
  }
  if (lit !== '') parts.push(lit);
  return parts;
}
/** Go's Regexp.ReplaceAllString. */
function regexReplace(re: Regex, s: string, repl: string): string {
  const text = toText(s);
  const template = parseTemplate(re, repl);
  const budget: Budget = { left: REGEX_BUDGET };
  const out = new Out();
  let lastEnd = 0;
  let searchPos = 0;
  const n = text.cps.length;
  while (searchPos <= n) {
    const m = pikeSearch(re, text, searchPos, budget);
    if (m === null) break;
    out.push(s.slice(text.offs[lastEnd], text.offs[m[0]]));
    if (m[1] > lastEnd || m[0] === 0) {
      budget.left -= template.length;
      if (budget.left < 0) giveUp();
      for (const part of template) {
        if (typeof part === 'string') out.push(part);
        else if (2 * part + 1 < m.length && m[2 * part] >= 0) out.push(s.slice(text.offs[m[2 * part]], text.offs[m[2 * part + 1]]));
      }
    }
    lastEnd = m[1];
    if (searchPos + 1 > m[1]) searchPos++;
    else searchPos = m[1];
  }
  out.push(s.slice(text.offs[lastEnd]));
  return out.toString();
}

// ---------------------------------------------------------------------------------------------------------
// IP networks (Terraform's ipaddr: Go's pre-1.17 net parsing, where IPv4 octets with leading zeros are decimal).

interface Net {
  bits: 32 | 128;
  /** Network address (host bits zero). */
  addr: bigint;
  prefix: number;
}
function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const v = Number(part.replace(/^0+(?=\d)/, '').slice(0, 8));
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}
function parseV6(str: string): number[] | null {
  const ip = new Array<number>(16).fill(0);
  let s = str;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return ip;
  }
  let i = 0;
  while (i < 16) {
    const m = /^[0-9a-fA-F]+/.exec(s);
    if (!m) return null;
    const hexDigits = m[0].replace(/^0+(?=.)/, '');
    if (hexDigits.length > 4) return null;
    const c = m[0].length;
    if (s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const v4 = parseV4(s);
      if (v4 === null) return null;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    const n = parseInt(hexDigits, 16);
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) return null;
  return ip;
}
function bytesToBig(bytes: readonly number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}
function parseCidr(s: string): Net {
  const bad = (): never => fail(`invalid CIDR expression: invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) bad();
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  let bytes = parseV4(addr);
  let bits: 32 | 128 = 32;
  if (bytes === null) {
    bytes = parseV6(addr);
    bits = 128;
  }
  if (bytes === null || !/^\d{1,8}$/.test(mask)) return bad();
  const prefix = Number(mask);
  if (prefix > bits) bad();
  const value = bytesToBig(bytes);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return { bits, addr: value & ~hostMask, prefix };
}
function isV4Mapped(addr: bigint): boolean {
  return addr >> 32n === 0xffffn;
}
/** Go's net.IP.String(). */
function fmtIP(addr: bigint, bits: 32 | 128): string {
  if (bits === 32 || isV4Mapped(addr)) {
    return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 255n)).join('.');
  }
  const groups: number[] = [];
  for (let sh = 112n; sh >= 0n; sh -= 16n) groups.push(Number((addr >> sh) & 0xffffn));
  let e0 = -1;
  let e1 = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j > i && j - i > e1 - e0) {
      e0 = i;
      e1 = j;
      i = j;
    }
  }
  if (e1 - e0 <= 1) {
    e0 = -1;
    e1 = -1;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === e0) {
      out += '::';
      i = e1 - 1;
      continue;
    }
    if (i > 0 && !out.endsWith(':')) out += ':';
    out += groups[i].toString(16);
  }
  return out;
}
/** Go's net.IPNet.String(): an IPv4-mapped 16-byte network prints as IPv4 with the mask's last 32 bits. */
function fmtNet(addr: bigint, prefix: number, bits: 32 | 128): string {
  if (bits === 128 && isV4Mapped(addr)) return `${fmtIP(addr, bits)}/${Math.max(0, prefix - 96)}`;
  return `${fmtIP(addr, bits)}/${prefix}`;
}

function cidrSubnet(prefixStr: string, newbits: number, netnum: number): string {
  const net = parseCidr(prefixStr);
  if (newbits < 0 || netnum < 0) giveUp(); // Go's uint64 arithmetic there: not modelled
  const newPrefix = net.prefix + newbits;
  if (newPrefix > net.bits) fail(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
  const n = BigInt(netnum);
  if (newbits < 64 && n > (1n << BigInt(newbits)) - 1n) fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  const addr = net.addr | (n << BigInt(net.bits - newPrefix));
  return fmtNet(addr, newPrefix, net.bits);
}
function cidrHost(prefixStr: string, hostnum: number): string {
  const net = parseCidr(prefixStr);
  if (net.bits === 128 && isV4Mapped(net.addr)) giveUp();
  const maxHost = (1n << BigInt(net.bits - net.prefix)) - 1n;
  let n = BigInt(hostnum);
  let check = n;
  if (n < 0n) {
    check = -n - 1n;
    n = maxHost - check;
  }
  if (check > maxHost) fail(`prefix of ${net.prefix} does not accommodate a host numbered ${hostnum}`);
  return fmtIP(net.addr | n, net.bits);
}
function cidrNetmask(prefixStr: string): string {
  const net = parseCidr(prefixStr);
  if (net.bits === 128 && !isV4Mapped(net.addr)) fail(`IPv6 addresses cannot have a netmask: ${prefixStr}`);
  const all = (1n << BigInt(net.bits)) - 1n;
  const mask = all ^ ((1n << BigInt(net.bits - net.prefix)) - 1n);
  return fmtIP(mask, net.bits);
}
function cidrSubnets(prefixStr: string, newbits: readonly number[]): string[] {
  const net = parseCidr(prefixStr);
  if (newbits.length === 0) return [];
  if (net.bits === 128 && isV4Mapped(net.addr)) giveUp();
  if (net.addr === 0n) giveUp(); // go-cidr's wrap-around at address zero: not modelled
  const { bits } = net;
  const all = (1n << BigInt(bits)) - 1n;
  const hostBits = (len: number): bigint => (1n << BigInt(bits - len)) - 1n;
  const maskTo = (a: bigint, len: number): bigint => a & ~hostBits(len) & all;
  const lastOf = (a: bigint, len: number): bigint => a | hostBits(len);
  const first = net.prefix + newbits[0];
  if (first > bits) fail(`would extend prefix to ${first} bits, which is too long for an ${bits === 32 ? 'IPv4' : 'IPv6'} address`);
  let current = maskTo((net.addr - 1n) & all, first);
  let currentLen = first;
  const out: string[] = [];
  for (const nb of newbits) {
    if (nb < 1) fail('must extend prefix by at least one bit');
    if (nb > 32) fail('may not extend prefix by more than 32 bits');
    const len = nb + net.prefix;
    if (len > bits) fail(`would extend prefix to ${len} bits, which is too long for an ${bits === 32 ? 'IPv4' : 'IPv6'} address`);
    const last = (lastOf(maskTo(lastOf(current, currentLen), len), len) + 1n) & all;
    const next = maskTo(last, len);
    if (last === 0n || maskTo(next, net.prefix) !== net.addr) {
      fail(`not enough remaining address space for a subnet with a prefix of ${len} bits after ${fmtNet(current, currentLen, bits)}`);
    }
    current = next;
    currentLen = len;
    out.push(fmtNet(current, currentLen, bits));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The functions.

interface Fn {
  readonly min: number;
  readonly max: number;
  readonly run: (a: List) => PlainValue;
}
const FUNCTIONS = new Map<string, Fn>();
function def(name: string, min: number, max: number, run: (a: List) => PlainValue): void {
  FUNCTIONS.set(name, { min, max, run });
}
const ANY = Number.POSITIVE_INFINITY;

// Strings
def('upper', 1, 1, (a) => goUpper(str(a[0])));
def('lower', 1, 1, (a) => goLower(str(a[0])));
def('title', 1, 1, (a) => goTitle(str(a[0])));
def('strrev', 1, 1, (a) => graphemes(str(a[0])).reverse().join(''));
def('trimspace', 1, 1, (a) => trimCodePoints(str(a[0]), isGoSpace));
def('trim', 2, 2, (a) => {
  const s = str(a[0]);
  const cut = new Set(Array.from(str(a[1])));
  return trimCodePoints(s, (ch) => cut.has(ch));
});
def('trimprefix', 2, 2, (a) => {
  const [s, p] = [str(a[0]), str(a[1])];
  return s.startsWith(p) ? s.slice(p.length) : s;
});
def('trimsuffix', 2, 2, (a) => {
  const [s, p] = [str(a[0]), str(a[1])];
  return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
});
def('startswith', 2, 2, (a) => str(a[0]).startsWith(str(a[1])));
def('endswith', 2, 2, (a) => str(a[0]).endsWith(str(a[1])));
def('strcontains', 2, 2, (a) => str(a[0]).includes(str(a[1])));
def('chomp', 1, 1, (a) => {
  // Go: (?:\r\n?|\n)*\z replaced by "" — any trailing run of CR and LF characters.
  const s = str(a[0]);
  let j = s.length;
  while (j > 0 && (s.charCodeAt(j - 1) === 10 || s.charCodeAt(j - 1) === 13)) j--;
  return s.slice(0, j);
});
def('indent', 2, 2, (a) => {
  const spaces = int(a[0]);
  const s = str(a[1]);
  if (spaces < 0) fail('negative Repeat count');
  const lines = s.split('\n').length - 1;
  if (s.length + lines * spaces > MAX_STRING) giveUp();
  return s.split('\n').join(`\n${' '.repeat(spaces)}`);
});
def('split', 2, 2, (a) => {
  const [sep, s] = [str(a[0]), str(a[1])];
  if (sep === '') {
    if (s.length > MAX_LIST * 2) giveUp(); // more than MAX_LIST code points for sure
    return Array.from(s);
  }
  let count = 0;
  for (let k = s.indexOf(sep); k >= 0; k = s.indexOf(sep, k + sep.length)) if (++count >= MAX_LIST) giveUp();
  return s.split(sep);
});
def('join', 2, ANY, (a) => {
  const sep = str(a[0]);
  const out = new Out();
  let first = true;
  a.slice(1).forEach((list, li) => {
    strList(list).forEach((x, ei) => {
      if (x === null) fail(a.length > 2 ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values` : `element ${ei} is null; cannot concatenate null values`);
      if (!first) out.push(sep);
      out.push(x);
      first = false;
    });
  });
  return out.toString();
});
def('replace', 3, 3, (a) => {
  const [s, sub, repl] = [str(a[0]), str(a[1]), str(a[2])];
  if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) return regexReplace(compileRegex(sub.slice(1, -1)), s, repl);
  if (sub === '') {
    const cps = Array.from(s);
    if (s.length + (cps.length + 1) * repl.length > MAX_STRING) giveUp();
    return repl + cps.map((c) => c + repl).join('');
  }
  let count = 0;
  for (let k = s.indexOf(sub); k >= 0; k = s.indexOf(sub, k + sub.length)) count++;
  if (s.length + count * (repl.length - sub.length) > MAX_STRING) giveUp();
  return s.split(sub).join(repl);
});
def('substr', 3, 3, (a) => {
  const s = str(a[0]);
  let offset = int(a[1]);
  const length = int(a[2]);
  const g = graphemes(s);
  if (offset < 0) offset += g.length;
  else if (length === 0) return '';
  const from = Math.max(0, Math.min(offset, g.length));
  if (length < 0) return g.slice(from).join('');
  // With a negative offset and a zero length, cty's loop never stops early: the rest of the string.
  return g.slice(from, length === 0 ? g.length : from + length).join('');
});
def('format', 1, ANY, (a) => tfFormat(str(a[0]), a.slice(1)));
def('formatlist', 1, ANY, (a) => {
  const spec = str(a[0]);
  const rest = a.slice(1);
  if (rest.length === 0) return [tfFormat(spec, rest)];
  let iterLen = -1;
  let chooser = -1;
  rest.forEach((x, k) => {
    if (!isList(x)) return;
    if (iterLen === -1) {
      iterLen = x.length;
      chooser = k;
    } else if (x.length !== iterLen) {
      fail(`argument ${k + 1} has length ${x.length}, which is inconsistent with argument ${chooser + 1} of length ${iterLen}`);
    }
  });
  if (iterLen === 0) return [];
  if (iterLen > MAX_LIST) giveUp();
  const n = iterLen === -1 ? 1 : iterLen;
  const out: string[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) {
    const args = rest.map((x) => (isList(x) ? x[k] : x));
    let s: string;
    try {
      s = tfFormat(spec, args);
    } catch (e) {
      if (e instanceof TfError) fail(`error on format iteration ${k}: ${e.message}`);
      throw e;
    }
    total += s.length;
    if (total > MAX_RESULT_CHARS) giveUp();
    out.push(s);
  }
  return out;
});
def('regex', 2, 2, (a) => {
  const re = compileRegex(str(a[0]));
  checkGroups(re);
  const text = toText(str(a[1]));
  const m = pikeSearch(re, text, 0, { left: REGEX_BUDGET });
  if (m === null) fail('pattern did not match any part of the given string');
  return capturesValue(re, text, m);
});
def('regexall', 2, 2, (a) => {
  const re = compileRegex(str(a[0]));
  checkGroups(re);
  const text = toText(str(a[1]));
  return findAll(re, text, { left: REGEX_BUDGET }).map((m) => capturesValue(re, text, m));
});
def('length', 1, 1, (a) => {
  const v = nn(a[0]);
  if (typeof v === 'string') return graphemeCount(v);
  if (isList(v)) return v.length;
  if (isObj(v)) return Object.keys(v).length;
  return fail('argument must be a string, a collection type, or a structural type');
});

// Collections
def('element', 2, 2, (a) => {
  const l = nn(a[0]);
  const idx = int(a[1]);
  if (!isList(l)) fail(`cannot read elements from ${typeName(l)}`);
  if (idx < 0) fail('cannot use element function with a negative index');
  if (l.length === 0) fail('cannot use element function with an empty list');
  return l[idx % l.length];
});
def('slice', 3, 3, (a) => {
  const l = seq(a[0], 'must be a list or tuple value');
  const start = int(a[1]);
  const end = int(a[2]);
  if (start < 0) fail('start index must not be less than zero');
  if (start > l.length) fail('start index must not be greater than the length of the list');
  if (end < 0) fail('end index must not be less than zero');
  if (end > l.length) fail('end index must not be greater than the length of the list');
  if (start > end) fail('start index must not be greater than end index');
  return l.slice(start, end);
});
def('concat', 1, ANY, (a) => a.flatMap((x) => seq(x, 'all arguments must be lists or tuples')));
def('compact', 1, 1, (a) => strList(a[0]).filter((x): x is string => x !== null && x !== ''));
def('distinct', 1, 1, (a) => {
  const seen = new Set<string>();
  return unifiedList(a[0]).items.filter((x) => {
    const k = ckey(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
});
def('flatten', 1, 1, (a) => {
  const out: PlainValue[] = [];
  const walk = (l: List): void => {
    for (const x of l) {
      if (isList(x)) walk(x);
      else out.push(x);
    }
  };
  walk(seq(a[0], 'can only flatten lists, sets and tuples'));
  return out;
});
def('keys', 1, 1, (a) => {
  const m = nn(a[0]);
  if (!isObj(m)) fail('must have map or object type');
  return sortedKeys(m);
});
def('values', 1, 1, (a) => {
  const m = nn(a[0]);
  if (!isObj(m)) fail('values() requires a map as the first argument');
  return sortedKeys(m).map((k) => m[k]);
});
def('zipmap', 2, 2, (a) => {
  const ks = strList(a[0]);
  const vs = seq(a[1], 'values argument must be a list or tuple value');
  ks.forEach((k, i) => {
    if (k === null) fail(`keys list has null value at index ${i}`);
  });
  if (ks.length !== vs.length) fail(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
  return makeObj(ks.map((k, i) => [k as string, vs[i]] as const));
});
def('merge', 0, ANY, (a) => {
  if (a.length === 0) giveUp();
  for (const x of a) if (x !== null && !isObj(x)) fail(`arguments must be maps or objects, got ${typeName(x)}`);
  const objs = a.filter(isObj);
  if (objs.length === 0) return null;
  return makeObj(objs.flatMap((o) => Object.keys(o).map((k) => [k, o[k]] as const)));
});
def('lookup', 2, 3, (a) => {
  const m = nn(a[0]);
  const key = str(a[1]);
  if (!isObj(m)) fail('lookup() requires a map as the first argument');
  if (has(m, key)) return m[key];
  if (a.length === 3) return a[2];
  return fail(`lookup failed to find key ${JSON.stringify(key)}`);
});
def('coalesce', 0, ANY, (a) => {
  const ty = unify(a.map(typeOf));
  if (ty === null) fail('all arguments must have the same type');
  for (const x of a) {
    const v = convert(x, ty);
    if (v === null || (ty.k === 'string' && v === '')) continue;
    return v;
  }
  return fail('no non-null, non-empty-string arguments');
});
def('coalescelist', 0, ANY, (a) => {
  if (a.length === 0) fail('at least one argument is required');
  const lists = a.map((x) => seq(x, 'coalescelist arguments must be lists or tuples'));
  const found = lists.find((l) => l.length > 0);
  return found === undefined ? fail('no non-null arguments') : found;
});
def('one', 1, 1, (a) => {
  const l = seq(a[0], 'must be a list, set, or tuple value with either zero or one elements');
  if (l.length === 0) return null;
  if (l.length === 1) return l[0];
  return fail('must be a list, set, or tuple value with either zero or one elements');
});
def('range', 1, 3, (a) => {
  const ns = a.map(num);
  let [start, end, step] = [0, 0, 1];
  if (ns.length === 1) [start, end, step] = [0, ns[0], ns[0] < 0 ? -1 : 1];
  else if (ns.length === 2) [start, end, step] = [ns[0], ns[1], ns[1] < ns[0] ? -1 : 1];
  else [start, end, step] = [ns[0], ns[1], ns[2]];
  if (step === 0) fail('step must not be zero');
  const down = step < 0;
  if (down && end > start) fail('end must be less than start when step is negative');
  if (!down && end < start) fail('end must be greater than start when step is positive');
  // cty's loop, in cty's arithmetic: num starts at start and adds step while it is short of end.
  const [s0, e0, st] = [start, end, step].map((x) => b512FromDec(decOf(x), x < 0));
  const out: number[] = [];
  for (let num = s0; down ? b512Cmp(num, e0) > 0 : b512Cmp(num, e0) < 0; num = b512Add(num, st)) {
    if (out.length >= RANGE_LIMIT) {
      fail('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    }
    out.push(z(b512ToNumber(num)));
  }
  return out;
});
def('reverse', 1, 1, (a) => [...seq(a[0], 'can only reverse list or tuple values')].reverse());
def('sort', 1, 1, (a) => {
  const l = strList(a[0]);
  l.forEach((x, i) => {
    if (x === null) fail(`given list element ${i} is null; a null string cannot be sorted`);
  });
  return (l as string[]).sort(cmpStr);
});
def('contains', 2, 2, (a) => {
  const l = seq(a[0], 'argument must be list, tuple, or set');
  const v = nn(a[1]);
  return l.some((x) => deepEq(x, v));
});
def('index', 2, 2, (a) => {
  const l = seq(a[0], 'argument must be a list or tuple');
  const v = nn(a[1]);
  if (l.length === 0) fail('cannot search an empty list');
  const i = l.findIndex((x) => deepEq(x, v));
  return i < 0 ? fail('item not found') : i;
});
def('chunklist', 2, 2, (a) => {
  nn(a[1]);
  const size = num(a[1]);
  const { items } = unifiedList(a[0]);
  if (items.length === 0) return [];
  if (!Number.isInteger(size)) fail('invalid index: value must be a whole number');
  if (size < 0) fail('the size argument must be positive');
  if (size === 0) return [items];
  const out: PlainValue[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
});
def('matchkeys', 3, 3, (a) => {
  const values = unifiedList(a[0]).items;
  const keys = unifiedList(a[1]);
  const search = unifiedList(a[2]);
  const ety = unify([keys.ety, search.ety]);
  if (ety === null) fail('keys and searchset must be of the same type');
  if (!isPrimitive(ety) && ety.k !== 'dyn' && !tyEq(keys.ety, search.ety)) giveUp();
  if (values.length !== keys.items.length) fail('length of keys and values should be equal');
  if (search.items.length === 0) return [];
  const wanted = new Set(search.items.map((x) => ckey(convert(x, ety))));
  return values.filter((_, i) => wanted.has(ckey(convert(keys.items[i], ety))));
});
def('transpose', 1, 1, (a) => {
  const m = nn(a[0]);
  if (!isObj(m)) fail('input must be a map of lists of strings');
  const out = new Map<string, string[]>();
  for (const k of sortedKeys(m)) {
    for (const v of strList(m[k])) {
      if (v === null) fail('input must be a map of lists of strings');
      const list = out.get(v) ?? [];
      list.push(k);
      out.set(v, list);
    }
  }
  return makeObj([...out].map(([k, l]) => [k, l.sort(cmpStr)] as const));
});
function setOperation(args: List, op: 'union' | 'intersection' | 'subtract'): PlainValue {
  const lists = args.map((x) => unifiedList(x));
  const etys = lists.filter((l) => l.items.length > 0).map((l) => l.ety);
  const ety = etys.length === 0 ? T_DYN : unify(etys);
  if (ety === null) fail('given sets must all have compatible element types');
  const sets = lists.map((l) => setOrder(l.items.map((x) => convert(x, ety)), ety));
  let result = sets[0];
  for (const other of sets.slice(1)) {
    const keys = new Set(other.map(ckey));
    if (op === 'union') result = [...result, ...other];
    else if (op === 'intersection') result = result.filter((x) => keys.has(ckey(x)));
    else result = result.filter((x) => !keys.has(ckey(x)));
  }
  return setOrder(result, ety);
}
def('setunion', 1, ANY, (a) => setOperation(a, 'union'));
def('setintersection', 1, ANY, (a) => setOperation(a, 'intersection'));
def('setsubtract', 2, 2, (a) => setOperation(a, 'subtract'));
def('setproduct', 0, ANY, (a) => {
  if (a.length < 2) fail('at least two arguments are required');
  const lists = a.map((x) => unifiedList(x).items);
  let total = 1;
  for (const l of lists) {
    total *= l.length;
    if (total > MAX_LIST) giveUp();
  }
  if (total === 0) return [];
  let acc: PlainValue[][] = [[]];
  for (const l of lists) acc = acc.flatMap((prefix) => l.map((x) => [...prefix, x]));
  return acc;
});
def('alltrue', 1, 1, (a) => {
  const l = seq(a[0]).map((x) => convert(x, T_BOOL));
  return l.every((x) => x === true);
});
def('anytrue', 1, 1, (a) => {
  const l = seq(a[0]).map((x) => convert(x, T_BOOL));
  return l.some((x) => x === true);
});
def('sum', 1, 1, (a) => {
  const l = seq(a[0], 'cannot sum noniterable');
  if (l.length === 0) fail('cannot sum an empty list');
  let total = 0;
  for (const x of l) {
    if (x === null) fail('argument must be list, set, or tuple of number values');
    let n: number;
    try {
      n = convert(x, T_NUMBER) as number;
    } catch (e) {
      if (e instanceof TfError) fail('argument must be list, set, or tuple of number values');
      throw e;
    }
    total += n;
  }
  return z(total);
});
def('min', 0, ANY, (a) => (a.length === 0 ? fail('must pass at least one number') : z(a.map(num).reduce((x, y) => Math.min(x, y)))));
def('max', 0, ANY, (a) => (a.length === 0 ? fail('must pass at least one number') : z(a.map(num).reduce((x, y) => Math.max(x, y)))));

// Numbers
def('abs', 1, 1, (a) => z(Math.abs(num(a[0]))));
def('ceil', 1, 1, (a) => z(Math.ceil(num(a[0]))));
def('floor', 1, 1, (a) => z(Math.floor(num(a[0]))));
def('signum', 1, 1, (a) => Math.sign(int(a[0])) || 0);
def('pow', 2, 2, (a) => {
  // Terraform uses Go's math.Pow, which differs from V8's in the last bits for fractional exponents (and Go's
  // own Exp/Log vary by CPU): only the cases exact everywhere are decided here.
  const [x, y] = [num(a[0]), num(a[1])];
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (y === 0.5 && x >= 0) return Math.sqrt(x); // Go: Sqrt, correctly rounded as here
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y) || x === 0) return giveUp();
  if (Math.abs(x) >= 2 && Math.abs(y) > 53) return giveUp();
  const p = BigInt(x) ** BigInt(Math.abs(y));
  if (p > 2n ** 53n || p < -(2n ** 53n)) return giveUp();
  const r = y > 0 ? Number(p) : 1 / Number(p);
  return Math.abs(r) < 2 ** -1022 ? giveUp() : z(r);
});
def('log', 2, 2, (a) => {
  const r = Math.log(num(a[0])) / Math.log(num(a[1]));
  return Number.isFinite(r) ? z(r) : giveUp();
});
def('parseint', 2, 2, (a) => {
  const s = nn(a[0]);
  if (typeof s !== 'string') fail(`first argument must be a string, not ${typeName(s)}`);
  const base = int(a[1]);
  if (base < 2 || base > 62) fail('base must be a whole number between 2 and 62 inclusive');
  const m = /^([+-]?)(.+)$/s.exec(s);
  const bad = (): never => fail(`cannot parse ${JSON.stringify(s)} as a base ${base} integer`);
  if (!m) return bad();
  let v = 0n;
  for (const ch of m[2]) {
    const c = ch.charCodeAt(0);
    let d = 99;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 97 + 10;
    else if (c >= 65 && c <= 90) d = base <= 36 ? c - 65 + 10 : c - 65 + 36;
    if (d >= base) bad();
    v = v * BigInt(base) + BigInt(d);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) * 2n ** 20n) giveUp();
  }
  const r = m[1] === '-' ? -v : v;
  if (r > BigInt(Number.MAX_SAFE_INTEGER) || r < -BigInt(Number.MAX_SAFE_INTEGER)) giveUp();
  return z(Number(r));
});

// Type conversions
def('tostring', 1, 1, (a) => {
  const v = a[0];
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return numStr(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return fail(`cannot convert ${typeName(v)} to string`);
});
def('tonumber', 1, 1, (a) => {
  const v = a[0];
  if (v === null) return v;
  if (typeof v === 'number') return z(v);
  if (typeof v === 'string') return parseNumber(v, `cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`);
  return fail(`cannot convert ${typeName(v)} to number`);
});
def('tobool', 1, 1, (a) => {
  const v = a[0];
  if (v === null || typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  if (typeof v === 'string') fail(`cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed`);
  return fail(`cannot convert ${typeName(v)} to bool`);
});
def('tolist', 1, 1, (a) => {
  const v = a[0];
  if (v === null) return null;
  if (!isList(v)) fail(`cannot convert ${typeName(v)} to list of any single type`);
  return unifiedList(v).items;
});
def('toset', 1, 1, (a) => {
  const v = a[0];
  if (v === null) return null;
  if (!isList(v)) fail(`cannot convert ${typeName(v)} to set of any single type`);
  const { items, ety } = unifiedList(v);
  return setOrder(items, ety);
});
def('tomap', 1, 1, (a) => {
  const v = a[0];
  if (v === null) return null;
  if (!isObj(v)) fail(`cannot convert ${typeName(v)} to map of any single type`);
  const keys = Object.keys(v);
  if (keys.length === 0) return makeObj([]);
  const ety = unify(keys.map((k) => typeOf(v[k])));
  if (ety === null) fail('cannot convert object to map of any single type');
  return convert(v, { k: 'map', el: ety });
});

// Encoding
def('jsonencode', 1, 1, (a) => jsonText(a[0]));
def('jsondecode', 1, 1, (a) => jsonDecode(str(a[0])));
def('base64encode', 1, 1, (a) => {
  const bytes = utf8Bytes(str(a[0]));
  if (Math.ceil(bytes.length / 3) * 4 > MAX_STRING) giveUp();
  return bytesToBase64(bytes);
});
def('base64decode', 1, 1, (a) => {
  const s = str(a[0]).replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) fail('failed to decode base64 data');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(base64ToBytes(s));
  } catch {
    return fail('the result of decoding the provided string is not valid UTF-8');
  }
});
def('urlencode', 1, 1, (a) => {
  const out = new Out();
  for (const b of utf8Bytes(str(a[0]))) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out.push(c);
    else if (c === ' ') out.push('+');
    else out.push(`%${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  return out.toString();
});
for (const [name, algo, enc] of [
  ['md5', 'md5', 'hex'],
  ['sha1', 'sha1', 'hex'],
  ['sha256', 'sha256', 'hex'],
  ['sha512', 'sha512', 'hex'],
  ['base64sha256', 'sha256', 'base64'],
  ['base64sha512', 'sha512', 'base64'],
] as const) {
  def(name, 1, 1, (a) => {
    const d = digest(algo, utf8Bytes(str(a[0])));
    return enc === 'hex' ? toHex(d) : bytesToBase64(d);
  });
}

// IP networks
def('cidrsubnet', 3, 3, (a) => {
  const prefix = str(a[0]);
  const newbits = int(a[1]);
  const netnum = int(a[2]);
  return cidrSubnet(prefix, newbits, netnum);
});
def('cidrhost', 2, 2, (a) => {
  const prefix = str(a[0]);
  return cidrHost(prefix, int(a[1]));
});
def('cidrnetmask', 1, 1, (a) => cidrNetmask(str(a[0])));
def('cidrsubnets', 1, ANY, (a) => {
  const prefix = str(a[0]);
  const nums = a.slice(1).map(num);
  parseCidr(prefix);
  return cidrSubnets(
    prefix,
    nums.map((n) => {
      if (!Number.isInteger(n)) fail('value must be a whole number');
      if (!Number.isSafeInteger(n)) giveUp();
      return n;
    }),
  );
});

// Removed in Terraform 0.12: always an error.
def('list', 0, ANY, () => fail('the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list'));
def('map', 0, ANY, () => fail('the "map" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map'));

// ---------------------------------------------------------------------------------------------------------

/** The names of the functions implemented here. */
export const TERRAFORM_FUNCTIONS: ReadonlySet<string> = new Set(FUNCTIONS.keys());

/**
 * The result of a pure function: a value, an error Terraform itself would report, or undefined when the
 * function is not known here or its arguments are not ones it can decide (the caller then reports the value
 * as unknown). Never throws.
 */
export function callTerraformFunction(name: string, args: readonly PlainValue[]): { value: PlainValue } | { error: string } | undefined {
  const fn = FUNCTIONS.get(name);
  if (fn === undefined) return undefined;
  try {
    if (args.length < fn.min) return { error: `Not enough function arguments: function "${name}" expects at least ${fn.min} argument(s), got ${args.length}.` };
    if (args.length > fn.max) return { error: `Too many function arguments: function "${name}" expects at most ${fn.max} argument(s), got ${args.length}.` };
    if (!inputsOk(args)) return undefined;
    const value = fn.run(args);
    const ok = resultOk(value);
    if (!ok) return undefined;
    return { value: ok === 'negative-zero' ? withoutNegativeZero(value) : value };
  } catch (e) {
    if (e instanceof TfError) return { error: `Call to function "${name}" failed: ${e.message}.` };
    return undefined;
  }
}
