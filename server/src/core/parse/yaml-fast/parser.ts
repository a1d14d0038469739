/**
 * The fast YAML parser's recursive descent over block and flow structure (hand-written: the `yaml` library's
 * Document/CST layers cost 10-50x more than a single pass, and we only need the CloudFormation subset).
 *
 * Every method throws BAIL as soon as the input leaves the subset whose result (tree, spans) is known to equal
 * what `parseYamlWithLibrary` produces. Offsets follow the library: a node's span is its `range[0]..range[1]`,
 * and a block collection ends where its last value's `range[2]` ends (after that value's line break).
 */
import { CompactEntry, CompactList, CompactMap, CompactScalar, TEXT_ANCHOR } from '../../model/anchor';
import type { ListNode, MapEntry, ScalarNode, ValueNode } from '../../model/types';
import { SHORT_FORM_TAGS, normalizeLongForm } from '../intrinsics';
import { BAIL, doubleQuoted, resolvePlain, singleQuoted } from './scalars';
import { keepShape } from '../../shape-keeper';

const SP = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQ = 34;
const SQ = 39;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Deeper nesting than this is left to the library (which has its own guards). */
const MAX_DEPTH = 200;

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** Characters that cannot start a plain scalar (or start something this parser leaves to the library). */
function badPlainStart(c: number): boolean {
  // ! " # % & ' * , > @ [ ] ` { | }
  return c === 33 || c === 34 || c === HASH || c === 37 || c === 38 || c === 39 || c === 42 || c === COMMA || c === 62 || c === 64 ||
    c === LBRACKET || c === RBRACKET || c === 96 || c === LBRACE || c === 124 || c === RBRACE || Number.isNaN(c);
}

export class FastYamlParser {
  private pos = 0;
  /** `range[2]` of the node parsed last: its end including the rest of its line (comment, line break). */
  private end2 = 0;
  /** Start of the line found by the last `nextContent` call. */
  private lineStart = 0;
  /** Whether the last `nextContent` call skipped a comment line, and the largest indentation of those lines. */
  private sawComment = false;
  private maxCommentIndent = -1;
  /** Where the last `nextContent` call started: collections that end there leave the gap to their parent. */
  private gapStart = 0;
  /** Whether comment lines precede the item being parsed (the library then groups empty values differently). */
  private gapComment = false;
  private depth = 0;
  /** Set by the block collection parsed last: whether it is a mapping whose last value is a sequence at its indentation. */
  private tailSeqAtIndent = false;
  private readonly n: number;

  constructor(private readonly s: string, private readonly base: number) {
    this.n = s.length;
  }

  /** The document's root node (undefined for a document without content); throws BAIL outside the subset. */
  parseDocument(): ValueNode | undefined {
    let first = this.nextContent(0, true);
    if (first < 0) return undefined;
    if (first === this.lineStart && this.isDocMarker(first)) {
      if (this.s.charCodeAt(first) !== DASH) throw BAIL; // `...`
      let k = first + 3;
      while (this.s.charCodeAt(k) === SP) k++;
      first = this.nextContent(this.restOfLine(first + 3), false);
      if (first < 0) {
        // `---` and nothing else: an empty (null) document just after the marker.
        this.checkTrailingComments(k, 0);
        return new CompactScalar(TEXT_ANCHOR, k + this.base, k + this.base, null);
      }
    }
    this.gapComment = this.sawComment;
    this.pos = first;
    const root = this.blockAt(first - this.lineStart, -1, false, false);
    if (this.nextContent(this.pos, false) >= 0) throw BAIL;
    const rootIndent = first - this.lineStartOf(first);
    // A trailing comment as indented as a sequence that ends the root mapping at its own indentation extends it.
    this.checkTrailingComments(this.end2, this.tailSeqAtIndent && rootIndent > 0 ? rootIndent - 1 : rootIndent);
    return root;
  }

  /**
   * Indented comment lines after the last value are attached by the library to enclosing collections at the
   * end of the document (extending their ranges) by rules that depend on its token grouping: leave them to it.
   */
  private checkTrailingComments(from: number, rootIndent: number): void {
    const s = this.s;
    for (let i = from; i < this.n;) {
      let k = i;
      while (s.charCodeAt(k) === SP) k++;
      if (k - i > rootIndent && s.charCodeAt(k) === HASH) throw BAIL;
      const nl = s.indexOf('\n', k);
      if (nl < 0) break;
      i = nl + 1;
    }
  }

  // ---- lines ----------------------------------------------------------------------------------------------

  /**
   * From a line start, skips blank and comment-only lines; returns the offset of the first non-space character
   * of the next content line (and sets `lineStart`), or -1 at the end of the text.
   */
  private nextContent(from: number, atDocStart: boolean): number {
    const s = this.s;
    const n = this.n;
    let i = from;
    this.gapStart = from;
    this.sawComment = false;
    this.maxCommentIndent = -1;
    while (i < n) {
      let j = i;
      while (s.charCodeAt(j) === SP) j++;
      if (j >= n) return -1;
      const c = s.charCodeAt(j);
      if (c === NL) {
        i = j + 1;
        continue;
      }
      if (c === HASH) {
        this.sawComment = true;
        if (j - i > this.maxCommentIndent) this.maxCommentIndent = j - i;
        const nl = s.indexOf('\n', j);
        if (nl < 0) return -1;
        i = nl + 1;
        continue;
      }
      this.lineStart = i;
      if (j === i && !atDocStart && this.isDocMarker(j)) throw BAIL;
      return j;
    }
    return -1;
  }

  private lineStartOf(i: number): number {
    return this.s.lastIndexOf('\n', i - 1) + 1;
  }

  private isDocMarker(i: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c !== DASH && c !== 46) return false;
    if (s.charCodeAt(i + 1) !== c || s.charCodeAt(i + 2) !== c) return false;
    const d = s.charCodeAt(i + 3);
    return d === SP || d === NL || i + 3 >= this.n;
  }

  /** After a token ending at `i`: only spaces and a comment may follow on the line. Returns the next line's start. */
  private restOfLine(i: number): number {
    const s = this.s;
    let j = i;
    while (s.charCodeAt(j) === SP) j++;
    if (j >= this.n) return this.n;
    const c = s.charCodeAt(j);
    if (c === HASH && j > i) {
      const nl = s.indexOf('\n', j);
      return nl < 0 ? this.n : nl + 1;
    }
    if (c !== NL) throw BAIL;
    return j + 1;
  }

  private isDashIndicator(i: number): boolean {
    if (this.s.charCodeAt(i) !== DASH) return false;
    const d = this.s.charCodeAt(i + 1);
    return d === SP || d === NL || i + 1 >= this.n;
  }

  // ---- block structure --------------------------------------------------------------------------------------

  /** A block node whose first character is at `pos`, column `indent`, inside a collection at `parentIndent`. */
  private blockAt(indent: number, parentIndent: number, sameLine: boolean, inMap: boolean): ValueNode {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const i = this.pos;
    let node: ValueNode;
    if (this.isDashIndicator(i)) node = this.blockSeq(indent);
    else if (this.keyColon(i) >= 0) node = this.blockMap(indent);
    else node = this.inlineNode(parentIndent, sameLine, inMap);
    this.depth--;
    return node;
  }

  /** When a block map key starts at `i`: the offset of its `:` indicator, else -1. */
  private keyColon(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c === DQ || c === SQ) {
      let end: number;
      try {
        end = (c === DQ ? doubleQuoted(s, i) : singleQuoted(s, i)).end;
      } catch {
        return -1;
      }
      while (s.charCodeAt(end) === SP) end++;
      return s.charCodeAt(end) === COLON && this.spaceOrEnd(end + 1) ? end : -1;
    }
    if (badPlainStart(c)) return -1;
    const n = this.n;
    for (let j = i; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === NL) return -1;
      if (d === COLON) {
        if (this.spaceOrEnd(j + 1)) return j;
      } else if (d === SP && s.charCodeAt(j + 1) === HASH) {
        return -1;
      }
    }
    return -1;
  }

  private spaceOrEnd(i: number): boolean {
    const c = this.s.charCodeAt(i);
    return c === SP || c === NL || i >= this.n;
  }

  private blockMap(indent: number): ValueNode {
    const s = this.s;
    const base = this.base;
    const entries: MapEntry[] = [];
    const start = this.pos;
    let end = start;
    for (;;) {
      const keyStart = this.pos;
      const c = s.charCodeAt(keyStart);
      let key: string;
      let keyEnd: number;
      let colon: number;
      if (c === DQ || c === SQ) {
        const q = c === DQ ? doubleQuoted(s, keyStart) : singleQuoted(s, keyStart);
        key = q.value;
        keyEnd = q.end;
        colon = keyEnd;
        while (s.charCodeAt(colon) === SP) colon++;
        if (s.charCodeAt(colon) !== COLON || !this.spaceOrEnd(colon + 1)) throw BAIL;
      } else {
        colon = this.keyColon(keyStart);
        if (colon < 0) throw BAIL;
        const d = s.charCodeAt(keyStart);
        if ((d === 63 || d === COLON || d === DASH) && this.spaceOrEnd(keyStart + 1)) throw BAIL; // ? : - indicators
        keyEnd = colon;
        while (s.charCodeAt(keyEnd - 1) === SP) keyEnd--;
        const raw = s.slice(keyStart, keyEnd);
        if (raw === '<<') throw BAIL; // merge key
        key = String(resolvePlain(raw));
      }
      this.pos = colon + 1;
      const value = this.mapValue(indent);
      entries.push(new CompactEntry(key, TEXT_ANCHOR, keyStart + base, keyEnd + base, value));
      end = this.end2;
      const next = this.nextContent(this.pos, false);
      if (next < 0) {
        this.pos = this.n;
        break;
      }
      const ind = next - this.lineStart;
      if (ind < indent) {
        // Comment lines indented deeper than what follows a collection's end extend ranges in the library.
        if (this.maxCommentIndent > ind) throw BAIL;
        this.pos = this.gapStart;
        break;
      }
      if (ind > indent || this.isDashIndicator(next)) throw BAIL;
      this.gapComment = this.sawComment;
      this.pos = next;
    }
    this.end2 = end;
    let last = entries[entries.length - 1].value;
    if (last.type === 'intrinsic') last = last.arg;
    const lastStart = last.span.start - base;
    this.tailSeqAtIndent = last.type === 'list' && lastStart - this.lineStartOf(lastStart) === indent;
    return normalizeLongForm(new CompactMap(TEXT_ANCHOR, start + base, end + base, entries));
  }

  /** The value after a block map key's `:` (at `pos`). */
  private mapValue(indent: number): ValueNode {
    const s = this.s;
    let j = this.pos;
    while (s.charCodeAt(j) === SP) j++;
    const c = s.charCodeAt(j);
    if (j >= this.n || c === NL || c === HASH) return this.valueOnNextLines(indent, j, true, undefined);
    this.pos = j;
    return this.inlineNode(indent, true, true);
  }

  /**
   * A value that starts on a later line (after `key:` / `-` / a tag with nothing else on the line), or an empty
   * value at `emptyPos` (the first non-space character after the indicator).
   */
  private valueOnNextLines(indent: number, emptyPos: number, inMap: boolean, fn: string | undefined): ValueNode {
    const hasComment = this.s.charCodeAt(emptyPos) === HASH || this.gapComment;
    const nl = this.s.indexOf('\n', emptyPos);
    const next = nl < 0 ? -1 : this.nextContent(nl + 1, false);
    if (next >= 0) {
      // A tag alone on its line, then another tag: two tags on one node is an error the library reports; leave it to it.
      if (fn && this.s.charCodeAt(next) === 33) throw BAIL;
      const ind = next - this.lineStart;
      const sameIndentSeq = inMap && ind === indent && this.isDashIndicator(next);
      if (ind > indent || sameIndentSeq) {
        this.gapComment = this.sawComment;
        this.pos = next;
        const node = sameIndentSeq ? this.blockSeq(ind) : this.blockAt(ind, indent, false, false);
        return fn ? { type: 'intrinsic', span: node.span, fn, arg: node } : node;
      }
    }
    // An empty value. With comments around, the library's end offsets depend on its token grouping: leave it to it.
    if (hasComment || this.sawComment) throw BAIL;
    const span = { start: emptyPos + this.base, end: emptyPos + this.base };
    this.end2 = emptyPos;
    this.pos = next >= 0 ? this.gapStart : this.n;
    const scalar: ScalarNode = new CompactScalar(TEXT_ANCHOR, span.start, span.end, fn ? '' : null);
    return fn ? { type: 'intrinsic', span, fn, arg: scalar } : scalar;
  }

  private blockSeq(indent: number): ListNode {
    const s = this.s;
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const items: ValueNode[] = [];
    const start = this.pos;
    let end = start;
    for (;;) {
      const dash = this.pos;
      let k = dash + 1;
      while (s.charCodeAt(k) === SP) k++;
      const c = s.charCodeAt(k);
      let item: ValueNode;
      if (k >= this.n || c === NL || c === HASH) {
        item = this.valueOnNextLines(indent, k, false, undefined);
      } else {
        this.pos = k;
        item = this.blockAt(indent + (k - dash), indent, true, false);
      }
      items.push(item);
      end = this.end2;
      const next = this.nextContent(this.pos, false);
      if (next < 0) {
        this.pos = this.n;
        break;
      }
      const ind = next - this.lineStart;
      if (ind > indent) throw BAIL;
      if (ind < indent || !this.isDashIndicator(next)) {
        if (this.maxCommentIndent > ind || (ind === indent && this.maxCommentIndent >= ind)) throw BAIL;
        this.pos = this.gapStart;
        break;
      }
      this.gapComment = this.sawComment;
      this.pos = next;
    }
    this.end2 = end;
    this.depth--;
    this.tailSeqAtIndent = false;
    return new CompactList(TEXT_ANCHOR, start + this.base, end + this.base, items);
  }

  /** A node starting at `pos` that is not a block collection: tagged node, block scalar, flow collection, scalar. */
  private inlineNode(parentIndent: number, sameLine: boolean, inMap: boolean): ValueNode {
    const s = this.s;
    const i = this.pos;
    const c = s.charCodeAt(i);
    if (c === 33) { // !
      const fn = this.readTag(i);
      let k = this.pos;
      while (s.charCodeAt(k) === SP) k++;
      const d = s.charCodeAt(k);
      if (k >= this.n || d === NL || d === HASH) return this.valueOnNextLines(parentIndent, k, inMap, fn);
      if (d === 33) throw BAIL;
      this.pos = k;
      const node = this.asTagged(this.inlineNode(parentIndent, true, inMap));
      return { type: 'intrinsic', span: node.span, fn, arg: node };
    }
    if (c === 124 || c === 62) { // | >
      if (!sameLine) throw BAIL;
      return this.blockScalar(parentIndent);
    }
    if (c === DQ || c === SQ) {
      const q = c === DQ ? doubleQuoted(s, i) : singleQuoted(s, i);
      this.end2 = this.pos = this.restOfLine(q.end);
      return new CompactScalar(TEXT_ANCHOR, i + this.base, q.end + this.base, q.value);
    }
    if (c === LBRACKET || c === LBRACE) {
      const node = this.flowCollection(parentIndent);
      this.end2 = this.pos = this.restOfLine(this.pos);
      return node;
    }
    return this.blockPlain(i);
  }

  /** A tagged plain scalar is not resolved by the core schema: the short-form tags keep its text as a string. */
  private asTagged(node: ValueNode): ValueNode {
    if (node.type !== 'scalar' || typeof node.value === 'string') return node;
    const { start, end } = node.span;
    return new CompactScalar(TEXT_ANCHOR, start, end, this.s.slice(start - this.base, end - this.base));
  }

  /** A tag at `i` (one of the CloudFormation short forms), followed by a space or line end. */
  private readTag(i: number): string {
    const s = this.s;
    let j = i + 1;
    while (j < this.n) {
      const d = s.charCodeAt(j);
      if (d === SP || d === NL || isFlowIndicator(d)) break;
      j++;
    }
    if (!this.spaceOrEnd(j)) throw BAIL;
    const fn = SHORT_FORM_TAGS.get(s.slice(i, j));
    if (!fn) throw BAIL;
    this.pos = j;
    return fn;
  }

  /** A single-line plain scalar in block context. */
  private blockPlain(i: number): ScalarNode {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (badPlainStart(c)) throw BAIL;
    if ((c === 63 || c === COLON || c === DASH) && this.spaceOrEnd(i + 1)) throw BAIL;
    const n = this.n;
    let last = i; // exclusive end of the text so far
    let j = i;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === NL) break;
      if (d === SP) {
        if (s.charCodeAt(j + 1) === HASH) break;
        continue;
      }
      if (d === COLON && this.spaceOrEnd(j + 1)) throw BAIL; // a mapping where a scalar is
      last = j + 1;
    }
    const nl = j < n ? s.indexOf('\n', j) : -1;
    this.end2 = this.pos = nl < 0 ? n : nl + 1;
    return new CompactScalar(TEXT_ANCHOR, i + this.base, last + this.base, resolvePlain(s.slice(i, last)));
  }

  /** A literal or folded block scalar whose header starts at `pos`. */
  private blockScalar(parentIndent: number): ScalarNode {
    const s = this.s;
    const n = this.n;
    const start = this.pos;
    const folded = s.charCodeAt(start) === 62;
    let j = start + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const ch = s.charCodeAt(j);
    if (ch === DASH) { chomp = 'strip'; j++; } else if (ch === 43) { chomp = 'keep'; j++; }
    if (!this.spaceOrEnd(j)) throw BAIL; // indentation indicator or junk
    let i = this.restOfLine(j);
    if (i >= n) throw BAIL;
    // Leading blank lines and the content indentation.
    let leading = 0;
    let maxBlank = 0;
    let indent = -1;
    while (i < n) {
      let k = i;
      while (s.charCodeAt(k) === SP) k++;
      if (k >= n) throw BAIL;
      if (s.charCodeAt(k) === NL) {
        maxBlank = Math.max(maxBlank, k - i);
        leading++;
        i = k + 1;
        continue;
      }
      indent = k - i;
      break;
    }
    if (indent <= parentIndent || maxBlank > indent) throw BAIL;
    let value = '\n'.repeat(leading);
    let first = true;
    // Whitespace-only lines since the last content line: the spaces beyond the indentation of each (literal only).
    const pending: string[] = [];
    let pendingExtra = false;
    let lastContentEnd = i;
    while (i < n) {
      let k = i;
      while (s.charCodeAt(k) === SP) k++;
      if (k >= n) throw BAIL; // trailing spaces at the end of the text
      const spaces = k - i;
      if (s.charCodeAt(k) === NL) {
        if (spaces > indent) {
          if (folded) throw BAIL;
          pendingExtra = true;
          pending.push(s.slice(i + indent, k));
        } else {
          pending.push('');
        }
        i = k + 1;
        continue;
      }
      if (spaces < indent) break;
      if (folded && spaces > indent) throw BAIL; // more-indented lines fold differently
      let lineEnd = s.indexOf('\n', k);
      if (lineEnd < 0) lineEnd = n;
      const text = s.slice(i + indent, lineEnd);
      if (first) value += text;
      else if (!folded) value += pending.length === 0 ? '\n' + text : '\n' + pending.join('\n') + '\n' + text;
      else value += (pending.length === 0 ? ' ' : '\n'.repeat(pending.length)) + text;
      first = false;
      pending.length = 0;
      pendingExtra = false;
      i = lastContentEnd = lineEnd === n ? n : lineEnd + 1;
    }
    if (pendingExtra) throw BAIL; // trailing more-indented blank lines: the library's range rules differ
    let end: number;
    if (chomp === 'keep') {
      value += '\n'.repeat(pending.length + 1);
      end = i;
    } else {
      if (chomp === 'clip') value += '\n';
      end = lastContentEnd;
    }
    this.end2 = end;
    this.pos = end;
    return new CompactScalar(TEXT_ANCHOR, start + this.base, end + this.base, value);
  }

  // ---- flow collections -------------------------------------------------------------------------------------

  /** Skips spaces, line breaks and comments inside a flow collection; continuation lines must be indented. */
  private flowSpace(parentIndent: number): void {
    const s = this.s;
    const n = this.n;
    let i = this.pos;
    for (;;) {
      if (i >= n) throw BAIL; // unterminated
      const c = s.charCodeAt(i);
      if (c === SP) {
        i++;
      } else if (c === NL) {
        const lineStart = i + 1;
        let k = lineStart;
        while (s.charCodeAt(k) === SP) k++;
        const d = s.charCodeAt(k);
        if (k < n && d !== NL && d !== HASH) {
          if (k - lineStart <= parentIndent) throw BAIL;
          if (k === lineStart && this.isDocMarker(k)) throw BAIL;
        }
        i = k;
      } else if (c === HASH) {
        const p = s.charCodeAt(i - 1);
        if (p !== SP && p !== NL) throw BAIL;
        const nl = s.indexOf('\n', i);
        if (nl < 0) throw BAIL;
        i = nl;
      } else {
        break;
      }
    }
    this.pos = i;
  }

  private flowCollection(parentIndent: number): ValueNode {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    const s = this.s;
    const start = this.pos;
    const isSeq = s.charCodeAt(start) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    this.pos++;
    this.flowSpace(parentIndent);
    const items: ValueNode[] = [];
    const entries: MapEntry[] = [];
    if (s.charCodeAt(this.pos) !== close) {
      for (;;) {
        if (isSeq) {
          items.push(this.flowNode(parentIndent));
        } else {
          entries.push(this.flowEntry(parentIndent));
        }
        this.flowSpace(parentIndent);
        const c = s.charCodeAt(this.pos);
        if (c === COMMA) {
          this.pos++;
          this.flowSpace(parentIndent);
          if (s.charCodeAt(this.pos) === close) throw BAIL; // trailing comma
          continue;
        }
        if (c === close) break;
        throw BAIL;
      }
    }
    this.pos++;
    this.depth--;
    return isSeq ? new CompactList(TEXT_ANCHOR, start + this.base, this.pos + this.base, items) : normalizeLongForm(new CompactMap(TEXT_ANCHOR, start + this.base, this.pos + this.base, entries));
  }

  private flowEntry(parentIndent: number): MapEntry {
    const s = this.s;
    const keyStart = this.pos;
    const c = s.charCodeAt(keyStart);
    let key: string;
    let keyEnd: number;
    if (c === DQ || c === SQ) {
      const q = c === DQ ? doubleQuoted(s, keyStart) : singleQuoted(s, keyStart);
      key = q.value;
      keyEnd = this.pos = q.end;
    } else {
      const k = this.flowPlain();
      keyEnd = this.pos;
      if (s.slice(keyStart, keyEnd) === '<<') throw BAIL;
      key = String(k.value);
    }
    let j = this.pos;
    while (s.charCodeAt(j) === SP) j++;
    if (s.charCodeAt(j) !== COLON || !this.spaceOrEnd(j + 1)) throw BAIL;
    this.pos = j + 1;
    this.flowSpace(parentIndent);
    const d = s.charCodeAt(this.pos);
    if (d === COMMA || d === RBRACE) throw BAIL; // empty value
    const value = this.flowNode(parentIndent);
    return new CompactEntry(key, TEXT_ANCHOR, keyStart + this.base, keyEnd + this.base, value);
  }

  private flowNode(parentIndent: number): ValueNode {
    const s = this.s;
    const i = this.pos;
    const c = s.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(parentIndent);
    if (c === DQ || c === SQ) {
      const q = c === DQ ? doubleQuoted(s, i) : singleQuoted(s, i);
      this.pos = q.end;
      return new CompactScalar(TEXT_ANCHOR, i + this.base, q.end + this.base, q.value);
    }
    if (c === 33) {
      const fn = this.readTag(i);
      let k = this.pos;
      if (s.charCodeAt(k) !== SP) throw BAIL;
      while (s.charCodeAt(k) === SP) k++;
      const d = s.charCodeAt(k);
      if (d === 33 || d === NL || d === HASH || isFlowIndicator(d) && d !== LBRACKET && d !== LBRACE) throw BAIL;
      this.pos = k;
      const node = this.asTagged(this.flowNode(parentIndent));
      return { type: 'intrinsic', span: node.span, fn, arg: node };
    }
    const node = this.flowPlain();
    // A plain scalar ended by `:` would be an implicit single-pair mapping.
    if (s.charCodeAt(this.pos) === COLON) throw BAIL;
    return node;
  }

  /** A plain scalar inside a flow collection; leaves `pos` just after its text. */
  private flowPlain(): ScalarNode {
    const s = this.s;
    const n = this.n;
    const i = this.pos;
    const c = s.charCodeAt(i);
    if (badPlainStart(c) || c === NL || c === SP) throw BAIL;
    if ((c === 63 || c === COLON || c === DASH) && (this.spaceOrEnd(i + 1) || isFlowIndicator(s.charCodeAt(i + 1)))) throw BAIL;
    let last = i;
    for (let j = i; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === NL || isFlowIndicator(d)) break;
      if (d === SP) {
        if (s.charCodeAt(j + 1) === HASH) break;
        continue;
      }
      if (d === COLON && (this.spaceOrEnd(j + 1) || isFlowIndicator(s.charCodeAt(j + 1)))) break;
      last = j + 1;
    }
    this.pos = last;
    return new CompactScalar(TEXT_ANCHOR, i + this.base, last + this.base, resolvePlain(s.slice(i, last)));
  }
}

keepShape(new FastYamlParser('', 0));
