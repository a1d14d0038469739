/**
 * Scalar helpers of the fast YAML parser: YAML 1.2 core-schema resolution of plain scalars (the same tests, in the
 * same order, as the `yaml` library's core schema) and single-line quoted scalar decoding.
 */

/** Thrown (never escapes `parseYamlFast`) when the input leaves the subset handled with certainty. */
export const BAIL: unique symbol = Symbol('yaml-fast bail');

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Plain scalar text → value, as the library's YAML 1.2 core schema resolves it (null, bool, int, hex/oct, float, string). */
export function resolvePlain(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  // Only strings starting with one of `~ n N t T f F 0-9 + - .` can resolve to anything but a string.
  const maybe = c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!maybe) return s;
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return c === 116 || c === 84;
  if (INT_OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (INT_HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP_RE.test(s)) return parseFloat(s);
  if (FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0', '\0'], ['a', '\x07'], ['b', '\b'], ['e', '\x1b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'], ['v', '\v'],
  ['N', '\u0085'], ['_', '\u00a0'], ['L', '\u2028'], ['P', '\u2029'], [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'],
]);

const HEX_RE = /^[0-9a-fA-F]+$/;

/** A decoded quoted scalar: its value and the offset just after the closing quote. */
export interface Quoted {
  value: string;
  end: number;
}

/** Decodes a double-quoted scalar starting at `start` (the `"`), on a single line; throws BAIL otherwise. */
export function doubleQuoted(s: string, start: number): Quoted {
  let out = '';
  let from = start + 1;
  let i = from;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) break; // "
    if (c === 10 || i >= s.length) throw BAIL;
    if (c === 92) { // backslash
      out += s.slice(from, i);
      const next = s[i + 1];
      const simple = ESCAPES.get(next);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = s.substr(i + 2, len);
        if (hex.length !== len || !HEX_RE.test(hex)) throw BAIL;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw BAIL;
        out += String.fromCodePoint(code);
        i += 2 + len;
      } else {
        throw BAIL;
      }
      from = i;
      continue;
    }
    i++;
  }
  return { value: out + s.slice(from, i), end: i + 1 };
}

/** Decodes a single-quoted scalar starting at `start` (the `'`), on a single line; throws BAIL otherwise. */
export function singleQuoted(s: string, start: number): Quoted {
  // One loop to the closing quote (looking for the line's end first, as this once did, is quadratic on a line of many
  // quoted scalars).
  let hasEscape = false;
  const n = s.length;
  for (let q = start + 1; q < n; q++) {
    const c = s.charCodeAt(q);
    if (c === 10) break;
    if (c !== 39) continue;
    if (s.charCodeAt(q + 1) === 39) {
      hasEscape = true;
      q++;
      continue;
    }
    const raw = s.slice(start + 1, q);
    return { value: hasEscape ? raw.replace(/''/g, "'") : raw, end: q + 1 };
  }
  throw BAIL;
}
