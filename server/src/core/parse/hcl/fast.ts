/**
 * Fast path for HCL files: one pass over the characters that builds the value tree (model/types.ts) directly, with no
 * token arrays and no AST. Hand-written because no library builds our value tree, and because it must give exactly what
 * lexer.ts + parser.ts + to-value.ts give (same spans, same values, same comments) with a fraction of their allocation,
 * which is what full analysis of a large Terraform file mostly costs.
 *
 * It reads the shapes most attribute values have: numbers, `true`/`false`/`null`, strings without interpolation,
 * references (`var.x`, `aws_s3_bucket.b[0].id`), lists, objects, and nested blocks. Any other attribute value (calls,
 * operators, conditionals, templates with `${}`, heredocs, `for`) is handed, alone, to the full parser
 * (parseHclAttributeValue). On a syntax error, or anything it is not sure to read exactly as the full parser does, it
 * gives up and returns undefined; the caller then runs the full parser, which reports the error in its context.
 * A differential test checks that both paths build the same document (test/unit/hcl/fast.test.ts).
 */
import { CompactExpr, CompactHclEntry, CompactList, CompactMap, CompactScalar, TEXT_ANCHOR } from '../../model/anchor';
import type { Comment, ListNode, MapEntry, MapNode, ScalarNode, Span, ValueNode } from '../../model/types';
import { intern } from '../../model/intern';
import { numberEnd } from './lexer';
import { decodeQuoted, parseHclAttributeValue } from './parser';
import { exprToValue } from './to-value';
import { keepShape } from '../../shape-keeper';

/** A top-level block: its header and its body as a value map (what both the fast path and the full parser give). */
export interface TopBlock {
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly { readonly value: string; readonly span: Span }[];
  readonly span: Span;
  readonly body: MapNode;
}

/** A top-level item: where it starts and, for a block, the block (an attribute at the top level has none). */
export interface TopItem {
  readonly start: number;
  readonly block?: TopBlock;
}

export interface FastParse {
  readonly items: readonly TopItem[];
  /** In source order, as the lexer records them. */
  readonly comments: readonly Comment[];
}

/** Deepest block nesting read here (the full parser's limit is 256; beyond this, it decides). */
const MAX_BLOCK_DEPTH = 128;
/** Deepest value nesting read here; deeper values go to the full parser. */
const MAX_VALUE_DEPTH = 64;

/** Thrown to give up on the whole file. */
const BAIL: unique symbol = Symbol('bail');
/** Thrown to hand the current attribute value to the full parser. */
const FALLBACK: unique symbol = Symbol('fallback');

/**
 * The file read by the fast path, or undefined when the full parser must read it. `isTopLevelBlockType`: as in
 * HclParseOptions (a block type at column 0 inside a block makes the full parser close the enclosing block). Never throws.
 */
export function parseHclFast(text: string, isTopLevelBlockType: (name: string) => boolean): FastParse | undefined {
  try {
    return new FastReader(text, isTopLevelBlockType).file();
  } catch {
    return undefined;
  }
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Strings up to this length are shared within a file (keys, and values like "production" repeat thousands of times). */
const MAX_SHARED_LENGTH = 32;
/** Table slots looked at per string before giving up on sharing it. */
const MAX_PROBES = 16;

/**
 * The text's substrings up to MAX_SHARED_LENGTH, one string object each: an open-addressing table keyed by a hash the
 * reader computes while it scans, so a repeated name costs no new string (a Map would need the substring to look it up).
 */
class SharedStrings {
  private strings: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private hashes = new Int32Array(256);
  private count = 0;

  /** `text.slice(start, end)`, shared; `hash` is the reader's hash of those characters. */
  get(text: string, start: number, end: number, hash: number): string {
    const length = end - start;
    if (length > MAX_SHARED_LENGTH) return text.slice(start, end);
    const strings = this.strings;
    const mask = strings.length - 1;
    for (let i = hash & mask, probes = 0; ; i = (i + 1) & mask, probes++) {
      // Names made to collide (the hash is simple) must not make this quadratic: past a few probes, do not share.
      if (probes === MAX_PROBES) return text.slice(start, end);
      const s = strings[i];
      if (s === undefined) {
        const fresh = text.slice(start, end);
        strings[i] = fresh;
        this.hashes[i] = hash;
        if (++this.count * 2 > strings.length) this.grow();
        return fresh;
      }
      if (this.hashes[i] === hash && s.length === length && text.startsWith(s, start)) return s;
    }
  }

  private grow(): void {
    const oldStrings = this.strings;
    const oldHashes = this.hashes;
    const size = oldStrings.length * 2;
    this.strings = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    for (let j = 0; j < oldStrings.length; j++) {
      const s = oldStrings[j];
      if (s === undefined) continue;
      let i = oldHashes[j] & mask;
      while (this.strings[i] !== undefined) i = (i + 1) & mask;
      this.strings[i] = s;
      this.hashes[i] = oldHashes[j];
    }
  }
}

export class FastReader {
  private pos = 0;
  private readonly len: number;
  private readonly comments: Comment[] = [];
  /** One string object per distinct short name or value: fewer objects for the whole tree to keep. */
  private readonly shared = new SharedStrings();
  /**
   * Work stacks for entries and items: each map or list is built on top and cut out with an exact-size slice, instead of
   * growing its own array (which would keep room for 17 elements or more).
   */
  private readonly entryStack: MapEntry[] = [];
  private readonly itemStack: ValueNode[] = [];

  constructor(
    private readonly text: string,
    private readonly isTopLevelBlockType: (name: string) => boolean,
  ) {
    this.len = text.length;
  }

  file(): FastParse {
    const items: TopItem[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.len) break;
      const start = this.pos;
      const name = this.ident(BAIL);
      const block = this.item(start, name, 0, undefined);
      items.push(block ? { start, block } : { start });
      this.endOfItem(false);
    }
    return { items, comments: this.comments };
  }

  // ------------------------------------------------------------------ bodies

  /**
   * After an item's name: an attribute (added to `entries` when given) or a block (returned at the top level, added to
   * `entries` when nested). `depth`: blocks around the item.
   */
  private item(start: number, name: string, depth: number, entries: MapEntry[] | undefined): TopBlock | undefined {
    const text = this.text;
    const nameSpan = { start, end: this.pos };
    this.skipInline();
    const c = text.charCodeAt(this.pos);
    if (c === 61) {
      const n = text.charCodeAt(this.pos + 1);
      if (n === 61 || n === 62) throw BAIL;
      this.pos++;
      const value = this.attributeValue(depth);
      entries?.push(new CompactHclEntry(intern(name), TEXT_ANCHOR, nameSpan.start, nameSpan.end, value, false));
      return undefined;
    }
    if (c !== 123 && c !== 34 && !isIdStart(c)) throw BAIL;
    const labels: { value: string; span: Span }[] = [];
    for (;;) {
      const k = text.charCodeAt(this.pos);
      if (k === 34) {
        const s = this.pos;
        const raw = this.quoted(BAIL);
        labels.push({ value: raw, span: { start: s + 1, end: Math.max(s + 1, this.pos - 1) } });
      } else if (isIdStart(k)) {
        const s = this.pos;
        const label = this.ident(BAIL);
        labels.push({ value: label, span: { start: s, end: this.pos } });
      } else break;
      this.skipInline();
    }
    if (text.charCodeAt(this.pos) !== 123 || depth >= MAX_BLOCK_DEPTH) throw BAIL;
    const open = this.pos++;
    const body = this.body(depth + 1, open);
    const block: TopBlock = { type: name, typeSpan: nameSpan, labels, span: { start, end: body.span.end }, body };
    if (entries) {
      const values = labels.map((l) => l.value);
      entries.push(new CompactHclEntry(intern(name), TEXT_ANCHOR, nameSpan.start, nameSpan.end, body, true, values));
    }
    return block;
  }

  /** After a block's '{': its items up to and including the '}'. */
  private body(depth: number, open: number): MapNode {
    const text = this.text;
    const stack = this.entryStack;
    const mark = stack.length;
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.len) throw BAIL;
      if (text.charCodeAt(this.pos) === 125) break;
      const start = this.pos;
      const name = this.ident(BAIL);
      // The full parser closes a block missing its '}' at a top-level block type in column 0: let it.
      if ((start === 0 || text.charCodeAt(start - 1) === 10) && this.isTopLevelBlockType(name)) throw BAIL;
      this.item(start, name, depth, stack);
      this.endOfItem(true);
    }
    this.pos++;
    const entries = stack.slice(mark);
    stack.length = mark;
    return new CompactMap(TEXT_ANCHOR, open, this.pos, entries);
  }

  /** After an attribute or a block: a line break (consumed), the end of the file, or in a block its '}' (not consumed). */
  private endOfItem(nested: boolean): void {
    this.skipInline();
    if (this.pos >= this.len) return;
    const c = this.text.charCodeAt(this.pos);
    if (c === 10) this.pos++;
    else if (!(nested && c === 125)) throw BAIL;
  }

  /** After an attribute's '=': its value, read here or by the full parser. */
  private attributeValue(depth: number): ValueNode {
    const start = this.pos;
    const mark = this.comments.length;
    const entryMark = this.entryStack.length;
    const itemMark = this.itemStack.length;
    try {
      this.skipInline();
      const value = this.value(0);
      this.skipInline();
      const c = this.text.charCodeAt(this.pos);
      if (this.pos < this.len && c !== 10 && c !== 125) throw FALLBACK;
      return value;
    } catch (e) {
      if (e !== FALLBACK) throw e;
      this.comments.length = mark;
      this.entryStack.length = entryMark;
      this.itemStack.length = itemMark;
      const parsed = parseHclAttributeValue(this.text, start, depth);
      if (!parsed) throw BAIL;
      for (const c of parsed.comments) this.comments.push(c);
      this.pos = parsed.end;
      return exprToValue(parsed.expr, this.text);
    }
  }

  // ------------------------------------------------------------------ values

  /** A value read here, or FALLBACK. `depth`: values around it. */
  private value(depth: number): ValueNode {
    if (depth > MAX_VALUE_DEPTH) throw FALLBACK;
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (isDigit(c)) return this.number(start, start);
    if (c === 45 && isDigit(text.charCodeAt(start + 1))) return this.number(start, start + 1);
    if (c === 34) {
      const value = this.quoted(FALLBACK);
      return new CompactScalar(TEXT_ANCHOR, start, this.pos, value);
    }
    if (c === 91) return this.list(depth);
    if (c === 123) return this.map(depth);
    if (isIdStart(c)) return this.reference(start);
    throw FALLBACK;
  }

  /** A number as the lexer reads it; `digits` is after a leading '-' (folded into the literal, as the parser does). */
  private number(start: number, digits: number): ScalarNode {
    const text = this.text;
    const pos = numberEnd(text, digits);
    this.pos = pos;
    const n = Number(text.slice(digits, pos));
    return new CompactScalar(TEXT_ANCHOR, start, pos, digits > start ? -n : n);
  }

  /** `true`, `false`, `null`, or a reference with `.name`, `[0]`, `[*]` and `.*` steps. */
  private reference(start: number): ValueNode {
    const text = this.text;
    const root = this.ident(FALLBACK);
    if (root === 'true' || root === 'false') return new CompactScalar(TEXT_ANCHOR, start, this.pos, root === 'true');
    if (root === 'null') return new CompactScalar(TEXT_ANCHOR, start, this.pos, null);
    let ref = root;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      const n = text.charCodeAt(this.pos + 1);
      if (c === 46 && isIdStart(n)) {
        this.pos++;
        ref += '.' + this.ident(FALLBACK);
      } else if (c === 46 && n === 42) {
        this.pos += 2;
      } else if (c === 91 && n === 42 && text.charCodeAt(this.pos + 2) === 93) {
        this.pos += 3;
      } else if (c === 91 && isDigit(n)) {
        let p = this.pos + 2;
        while (isDigit(text.charCodeAt(p))) p++;
        if (text.charCodeAt(p) !== 93) throw FALLBACK;
        this.pos = p + 1;
      } else break;
    }
    return new CompactExpr(TEXT_ANCHOR, start, this.pos, text.slice(start, this.pos), [ref]);
  }

  /** `[a, b]`: items may sit on several lines. */
  private list(depth: number): ListNode {
    const text = this.text;
    const start = this.pos++;
    const stack = this.itemStack;
    const mark = stack.length;
    for (;;) {
      this.skipBlank();
      if (text.charCodeAt(this.pos) === 93) break;
      if (this.pos >= this.len) throw FALLBACK;
      stack.push(this.value(depth + 1));
      this.skipBlank();
      const c = text.charCodeAt(this.pos);
      if (c === 44) this.pos++;
      else if (c !== 93) throw FALLBACK;
    }
    this.pos++;
    const items = stack.slice(mark);
    stack.length = mark;
    return new CompactList(TEXT_ANCHOR, start, this.pos, items);
  }

  /** `{ key = value, "key" = value }`: items end at a comma or a line break. */
  private map(depth: number): MapNode {
    const text = this.text;
    const start = this.pos++;
    const stack = this.entryStack;
    const mark = stack.length;
    for (;;) {
      this.skipBlank();
      const c = text.charCodeAt(this.pos);
      if (c === 125) break;
      const keyStart = this.pos;
      let key: string;
      let keySpan: Span;
      if (isIdStart(c)) {
        key = this.ident(FALLBACK);
        keySpan = { start: keyStart, end: this.pos };
      } else if (c === 34) {
        key = this.quoted(FALLBACK);
        keySpan = { start: keyStart + 1, end: Math.max(keyStart + 1, this.pos - 1) };
      } else throw FALLBACK;
      this.skipInline();
      const sep = text.charCodeAt(this.pos);
      const after = text.charCodeAt(this.pos + 1);
      if (!((sep === 61 && after !== 61 && after !== 62) || (sep === 58 && after !== 58))) throw FALLBACK;
      this.pos++;
      this.skipInline();
      const value = this.value(depth + 1);
      stack.push(new CompactHclEntry(intern(key), TEXT_ANCHOR, keySpan.start, keySpan.end, value, false));
      this.skipInline();
      const end = text.charCodeAt(this.pos);
      if (end === 44 || end === 10) this.pos++;
      else if (end !== 125) throw FALLBACK;
    }
    this.pos++;
    const entries = stack.slice(mark);
    stack.length = mark;
    return new CompactMap(TEXT_ANCHOR, start, this.pos, entries);
  }

  // ------------------------------------------------------------------ tokens

  /** An identifier (ASCII; any other character ends the fast path's reading with `fail`). */
  private ident(fail: typeof BAIL | typeof FALLBACK): string {
    const text = this.text;
    const start = this.pos;
    if (!isIdStart(text.charCodeAt(start))) throw fail;
    let pos = start;
    let hash = 0;
    for (let c = text.charCodeAt(pos); isIdContinue(c); c = text.charCodeAt(++pos)) hash = (Math.imul(hash, 31) + c) | 0;
    if (text.charCodeAt(pos) >= 128) throw fail;
    this.pos = pos;
    return this.shared.get(text, start, pos, hash);
  }

  /** A quoted string without interpolation or directive, decoded; at its opening '"', ends after the closing one. */
  private quoted(fail: typeof BAIL | typeof FALLBACK): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    let escaped = false;
    let hash = 0;
    for (;;) {
      if (pos >= this.len) throw fail;
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 10) throw fail;
      if (c === 92) {
        if (text.charCodeAt(pos + 1) === 10) throw fail;
        escaped = true;
        pos += 2;
        continue;
      }
      if ((c === 36 || c === 37) && text.charCodeAt(pos + 1) === 123) throw fail;
      if ((c === 36 || c === 37) && text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === 123) {
        escaped = true;
        pos += 3;
        continue;
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      pos++;
    }
    this.pos = pos + 1;
    return escaped ? decodeQuoted(text.slice(start, pos)) : this.shared.get(text, start, pos, hash);
  }

  /** Spaces and comments, not line breaks (a line comment stops before its line break). */
  private skipInline(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) this.pos++;
      else if (c === 35) this.lineComment(1);
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) this.lineComment(2);
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) this.blockComment();
      else return;
    }
  }

  /** Spaces, comments and line breaks. */
  private skipBlank(): void {
    for (;;) {
      this.skipInline();
      if (this.text.charCodeAt(this.pos) !== 10) return;
      this.pos++;
    }
  }

  private lineComment(marker: number): void {
    const text = this.text;
    const start = this.pos;
    const textStart = start + marker;
    let end = text.indexOf('\n', textStart);
    if (end < 0) end = this.len;
    let contentEnd = end;
    if (contentEnd > textStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    this.comments.push({ text: text.slice(textStart, contentEnd), span: { start, end: contentEnd } });
    this.pos = end;
  }

  private blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0) throw BAIL;
    this.comments.push({ text: this.text.slice(start + 2, close), span: { start, end: close + 2 } });
    this.pos = close + 2;
  }
}

keepShape(new FastReader('', () => false));
