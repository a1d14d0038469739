/**
 * A fast parser for plain JSON (RFC 8259, no comments, no trailing commas) that builds our ValueNode tree directly.
 * Hand-written: no library builds our tree in one pass, and jsonc-parser's generic scanner plus the conversion is
 * most of what analysing a JSON template costs.
 *
 * It returns exactly the tree `parseJsonValue`'s jsonc-parser path returns for the same text (nodes, spans, key spans,
 * long-form intrinsics, duplicate keys kept in order, `\u` escapes including lone surrogates, numbers through `Number`)
 * or `undefined` whenever it is not sure: any syntax error, a comment, a trailing comma, whitespace other than space,
 * tab, CR and LF, a control character in a string, nesting deeper than the limit. The caller then takes the jsonc-parser
 * path, which reports errors, comments and nesting properly. One loop with an explicit stack: no recursion, so any
 * depth is safe. Never throws on any string.
 */
import { CompactEntry, CompactList, CompactMap, CompactScalar, TEXT_ANCHOR } from '../model/anchor';
import type { MapEntry, ValueNode } from '../model/types';
import { intern } from '../model/intern';
import { normalizeLongForm } from './intrinsics';
import { BOM, MAX_NESTING } from './nesting';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The value of the string `scanString` read last (module state: one parse runs at a time, synchronously). */
let lastString = '';

/**
 * The string whose opening quote is at `q`: its value in `lastString`; returns the offset after its closing quote, or
 * -1 when it is not a valid JSON string (unterminated, a raw control character, a bad escape).
 */
function scanString(text: string, q: number, n: number): number {
  for (let k = q + 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) {
      lastString = text.slice(q + 1, k);
      return k + 1;
    }
    if (c === BACKSLASH || c < SPACE) return c === BACKSLASH ? scanEscaped(text, q, k, n) : -1;
  }
  return -1;
}

function hex(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** `scanString` from the first backslash at `k`: escapes decoded as jsonc-parser does (`\u` to one UTF-16 unit). */
function scanEscaped(text: string, q: number, k: number, n: number): number {
  let out = text.slice(q + 1, k);
  let from = k;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) {
      lastString = out + text.slice(from, k);
      return k + 1;
    }
    if (c < SPACE) return -1;
    if (c !== BACKSLASH) {
      k++;
      continue;
    }
    out += text.slice(from, k);
    const e = text.charCodeAt(k + 1);
    switch (e) {
      case QUOTE:
        out += '"';
        break;
      case BACKSLASH:
        out += '\\';
        break;
      case 47:
        out += '/';
        break;
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 117: {
        const a = hex(text.charCodeAt(k + 2));
        const b = hex(text.charCodeAt(k + 3));
        const c2 = hex(text.charCodeAt(k + 4));
        const d = hex(text.charCodeAt(k + 5));
        if (a < 0 || b < 0 || c2 < 0 || d < 0) return -1;
        out += String.fromCharCode((a << 12) | (b << 8) | (c2 << 4) | d);
        k += 4;
        break;
      }
      default:
        return -1;
    }
    k += 2;
    from = k;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Plain JSON `text` → its ValueNode tree, as `parseJsonValue` reads it; `undefined` for anything else (see above).
 * Collections nested deeper than `limit` are left to the caller (its nesting guard reports them).
 */
export function parseJsonFast(text: string, limit: number = MAX_NESTING): ValueNode | undefined {
  if (typeof text !== 'string') return undefined;
  const n = text.length;
  // The open collections, innermost last: whether a map, its start, where its entries or items begin on the stacks
  // below, the pending key of a map.
  const isMap: boolean[] = [];
  const starts: number[] = [];
  const bases: number[] = [];
  const keys: string[] = [];
  const keyStarts: number[] = [];
  const keyEnds: number[] = [];
  let depth = 0;
  // The entries and items of the open collections, each collection's above its parent's; a closed one's are copied
  // out into an array of their exact size (a pushed-to array keeps room for 17: most maps and lists here hold 1 to 3).
  const entries: MapEntry[] = [];
  let entriesTop = 0;
  const items: ValueNode[] = [];
  let itemsTop = 0;
  let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  let c = 0;

  for (;;) {
    // A value starts here (after whitespace).
    c = text.charCodeAt(i);
    while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
    let node: ValueNode;
    if (c === QUOTE) {
      const end = scanString(text, i, n);
      if (end < 0) return undefined;
      node = new CompactScalar(TEXT_ANCHOR, i, end, lastString);
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= limit) return undefined;
      const start = i;
      const map = c === OPEN_BRACE;
      c = text.charCodeAt(++i);
      while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
      if (map) {
        if (c === CLOSE_BRACE) {
          i++;
          node = new CompactMap(TEXT_ANCHOR, start, i, []);
        } else {
          if (c !== QUOTE) return undefined;
          const keyEnd = scanString(text, i, n);
          if (keyEnd < 0) return undefined;
          keys[depth] = intern(lastString);
          keyStarts[depth] = i;
          keyEnds[depth] = keyEnd;
          i = keyEnd;
          c = text.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
          if (c !== COLON) return undefined;
          i++;
          isMap[depth] = true;
          starts[depth] = start;
          bases[depth] = entriesTop;
          depth++;
          continue;
        }
      } else if (c === CLOSE_BRACKET) {
        i++;
        node = new CompactList(TEXT_ANCHOR, start, i, []);
      } else {
        isMap[depth] = false;
        starts[depth] = start;
        bases[depth] = itemsTop;
        depth++;
        continue;
      }
    } else if (c === MINUS || isDigit(c)) {
      const start = i;
      if (c === MINUS) c = text.charCodeAt(++i);
      let v = 0;
      let digits = 0;
      if (c === ZERO) {
        c = text.charCodeAt(++i);
        digits = 1;
      } else if (isDigit(c)) {
        do {
          v = v * 10 + (c - ZERO);
          digits++;
          c = text.charCodeAt(++i);
        } while (isDigit(c));
      } else {
        return undefined;
      }
      let plain = digits <= 15;
      if (c === DOT) {
        c = text.charCodeAt(++i);
        if (!isDigit(c)) return undefined;
        do c = text.charCodeAt(++i);
        while (isDigit(c));
        plain = false;
      }
      if (c === 101 || c === 69) {
        c = text.charCodeAt(++i);
        if (c === 43 || c === MINUS) c = text.charCodeAt(++i);
        if (!isDigit(c)) return undefined;
        do c = text.charCodeAt(++i);
        while (isDigit(c));
        plain = false;
      }
      // Exact for up to 15 digits; otherwise as jsonc-parser reads it (`Number` of the token: -0, 1e400 = Infinity).
      const value = plain ? (start === i - digits ? v : -v) : Number(text.slice(start, i));
      node = new CompactScalar(TEXT_ANCHOR, start, i, value);
    } else if (c === 116 /* t */ && text.startsWith('true', i)) {
      node = new CompactScalar(TEXT_ANCHOR, i, i + 4, true);
      i += 4;
    } else if (c === 102 /* f */ && text.startsWith('false', i)) {
      node = new CompactScalar(TEXT_ANCHOR, i, i + 5, false);
      i += 5;
    } else if (c === 110 /* n */ && text.startsWith('null', i)) {
      node = new CompactScalar(TEXT_ANCHOR, i, i + 4, null);
      i += 4;
    } else {
      return undefined;
    }

    // After a value: it goes into the innermost open collection, which may close (and so on outwards).
    for (;;) {
      c = text.charCodeAt(i);
      while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
      if (depth === 0) return i === n ? node : undefined;
      const d = depth - 1;
      if (isMap[d]) {
        entries[entriesTop++] = new CompactEntry(keys[d], TEXT_ANCHOR, keyStarts[d], keyEnds[d], node);
        if (c === COMMA) {
          c = text.charCodeAt(++i);
          while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
          if (c !== QUOTE) return undefined;
          const keyEnd = scanString(text, i, n);
          if (keyEnd < 0) return undefined;
          keys[d] = intern(lastString);
          keyStarts[d] = i;
          keyEnds[d] = keyEnd;
          i = keyEnd;
          c = text.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++i);
          if (c !== COLON) return undefined;
          i++;
          break;
        }
        if (c !== CLOSE_BRACE) return undefined;
        i++;
        const from = bases[d];
        node = normalizeLongForm(new CompactMap(TEXT_ANCHOR, starts[d], i, entries.slice(from, entriesTop)));
        entriesTop = from;
      } else {
        items[itemsTop++] = node;
        if (c === COMMA) {
          i++;
          break;
        }
        if (c !== CLOSE_BRACKET) return undefined;
        i++;
        const from = bases[d];
        node = new CompactList(TEXT_ANCHOR, starts[d], i, items.slice(from, itemsTop));
        itemsTop = from;
      }
      depth = d;
    }
  }
}
