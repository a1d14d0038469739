/**
 * Guards run before a library parse (jsonc-parser, the `yaml` library): nesting deeper than a limit is found by one
 * linear scan, reported where it starts ("Nesting deeper than N levels: not analyzed"), and masked (blanked, same length,
 * line breaks kept) so that the parser never sees it: jsonc-parser recurses per level (a stack overflow past ~6,000 lost
 * the whole template), the `yaml` library builds its whole CST first (4 GB for 4.5 million `[`) and composes recursively.
 * The masked value becomes an unknown node (`deepValue`); everything else is parsed as before. A leading byte order mark
 * is blanked the same way for JSON (one UTF-16 unit at offset 0: spans are unchanged). Hand-written: no parser offers a
 * nesting limit.
 */
import { Lexer } from 'yaml';
import type { ExprNode, Span, SyntaxError } from '../model/types';

/** JSON collections nested deeper than this are not analyzed (jsonc-parser's stack overflows past ~6,000). */
export const MAX_NESTING = 1000;

/**
 * YAML collections (flow or block) nested deeper than this are not analyzed: the `yaml` library composes recursively and
 * its stack overflows from ~850 flow sequences (default stack); past ~1,100 a regular expression compiled that deep can
 * even abort the process. Also the depth to which its tree is converted (yaml-convert.ts).
 */
export const MAX_YAML_NESTING = 500;

export function nestingMessage(limit: number): string {
  return `Nesting deeper than ${limit} levels: not analyzed`;
}

/** What the value of a masked region reads as: unknown, with the reason. */
export function deepReason(limit: number): string {
  return `value nested deeper than ${limit} levels (not analyzed)`;
}

export const BOM = 0xfeff;

/** Masked regions per text: past this many, the last one runs to the end of the text (only hostile texts get there). */
export const MAX_DEEP_REGIONS = 100;

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const LF = 10;
const CR = 13;

/** A masked value: where it was, and what the parser reads in its place. */
export interface DeepRegion extends Span {
  /**
   * True when the masked text keeps its brackets (YAML `[ ... ]` became `[     ]`): the parser reads an empty collection
   * spanning the region. Otherwise a literal at `start` (`null`, `""`, `0` in JSON, `~` in YAML).
   */
  readonly collection?: boolean;
  /** Masked because the text has more than MAX_ALIASES aliases, not for its nesting. */
  readonly aliases?: boolean;
}

/** A text prepared for a library parser: `text` has the same length as the original. */
export interface Guarded {
  readonly text: string;
  /** The nesting limit applied. */
  readonly limit: number;
  /** Masked regions, in order: [start, end) of each too-deep value (start: its opening character). */
  readonly deep: readonly DeepRegion[];
  /** One error per masked region, at its opening character. */
  readonly errors: SyntaxError[];
  /** Offsets of the comments the masking wrote (JSON): not the file's comments. */
  readonly maskComments: ReadonlySet<number>;
}

/** The unknown node standing for a masked value: `span` is in `original`, the node's span is shifted by `base`. */
export function deepValue(guard: Guarded, original: string, span: Span, base = 0): ExprNode {
  const end = Math.min(span.end, span.start + 40);
  const text = original.slice(span.start, end) + (end < span.end ? '…' : '');
  const unknown = (span as DeepRegion).aliases ? `value after more than ${MAX_ALIASES} aliases (not analyzed)` : deepReason(guard.limit);
  return { type: 'expr', span: { start: span.start + base, end: span.end + base }, text, refs: [], unknown };
}

/** Why the last masked region runs to the end of the text, if it does because of a cap or a check. */
type Rest = 'places' | 'size' | 'after' | 'aliases' | undefined;

/**
 * Aliases read in a YAML text: past this many, the rest of the text is masked. The alias bomb protection
 * (yaml-convert.ts) reads no more than 10,000 nodes through aliases anyway, and the library spends ~20 µs on each alias
 * (250,000 aliases in 1.2 MB took 5 s).
 */
export const MAX_ALIASES = 10_000;
export const ALIASES_MESSAGE = `More than ${MAX_ALIASES} aliases: what follows is not analyzed (alias bomb protection)`;

function nestingErrors(deep: readonly DeepRegion[], base: number, length: number, limit: number, rest: Rest): SyntaxError[] {
  return deep.map((r, i) => {
    let message = nestingMessage(limit);
    if (rest === 'aliases' && i === deep.length - 1) {
      message = ALIASES_MESSAGE;
    } else if (rest && i === deep.length - 1) {
      message += rest === 'places' ? `, nor what follows it (more than ${MAX_DEEP_REGIONS} such places)` : rest === 'size' ? ', nor what follows it (too large to skip)' : ', nor what follows it';
    }
    return { message, span: { start: r.start + base, end: Math.min(length, r.start + 1) + base } };
  });
}

/**
 * `text` with each region in `deep` blanked (and a leading BOM, when `bom`): every character but line breaks becomes a
 * space, and the region's first characters become the literal `head` gives for the room before its first line break.
 * With `comment`, the blank after the literal is a block comment where it fits (`null/*   *\/`): jsonc-parser reads a
 * comment in one tight loop, a run of spaces one character at a time. The text itself when nothing changes.
 */
function mask(text: string, deep: readonly DeepRegion[], head: (room: number) => string, bom: boolean, comment: boolean, comments: Set<number>): string {
  const blankBom = bom && text.charCodeAt(0) === BOM;
  if (!blankBom && deep.length === 0) return text;
  const isBreak = (i: number): boolean => text.charCodeAt(i) === LF || text.charCodeAt(i) === CR;
  const parts: string[] = [];
  let at = 0;
  if (blankBom) {
    parts.push(' ');
    at = 1;
  }
  for (const r of deep) {
    parts.push(text.slice(at, r.start));
    let room = 0;
    while (room < 6 && r.start + room < r.end && !isBreak(r.start + room)) room++;
    const f = r.collection ? text[r.start] : head(room);
    parts.push(f);
    let end = r.collection ? r.end - 1 : r.end;
    const wrap = comment && room >= f.length + 2 && end - r.start >= f.length + 4 && !isBreak(end - 1) && !isBreak(end - 2);
    if (wrap) {
      comments.add(r.start + f.length);
      parts.push('/*');
      end -= 2;
    }
    // Line breaks are kept, so that line numbers (jsonc-parser's messages) and YAML's line structure stay as they were.
    let i = r.start + f.length + (wrap ? 2 : 0);
    while (i < end) {
      let j = i;
      while (j < end && !isBreak(j)) j++;
      if (j > i) parts.push(' '.repeat(j - i));
      let k = j;
      while (k < end && isBreak(k)) k++;
      if (k > j) parts.push(text.slice(j, k));
      i = k;
    }
    if (wrap) parts.push('*/');
    if (r.collection) parts.push(text.charCodeAt(r.start) === OPEN_BRACE ? '}' : ']');
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------------------------

/**
 * JSON (with comments) for jsonc-parser: the regions nested deeper than `limit`, found with jsonc-parser's own token
 * rules (strings end at `"`, a line break or the end; a backslash escapes any next character; `//` and `/* *\/`
 * comments). A closing bracket closes the innermost open collection only when it is of its kind: jsonc-parser skips the
 * other kind in its error recovery, so this count never falls below its recursion depth. A leading BOM is blanked.
 */
export function guardJson(text: string, limit = MAX_NESTING): Guarded {
  const n = text.length;
  // The kinds (1: object, 2: array) of the open collections within the limit, then of those in the region beyond it.
  const stack = new Uint8Array(limit);
  let depth = 0;
  let extra = new Uint8Array(64);
  let extraDepth = 0;
  let regionStart = 0;
  const deep: DeepRegion[] = [];
  let rest: Rest;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) {
          i++;
          break;
        }
        if (d === LF || d === CR) break;
        i += d === BACKSLASH ? 2 : 1;
      }
    } else if (c === SLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === SLASH) {
        i += 2;
        while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      } else if (d === STAR) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
      } else {
        i++;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const kind = c === OPEN_BRACE ? 1 : 2;
      if (depth < limit) {
        stack[depth++] = kind;
      } else {
        if (extraDepth === 0) {
          if (deep.length === MAX_DEEP_REGIONS) {
            deep.push({ start: i, end: n });
            rest = 'places';
            break;
          }
          regionStart = i;
        }
        if (extraDepth === extra.length) {
          const grown = new Uint8Array(extraDepth * 2);
          grown.set(extra);
          extra = grown;
        }
        extra[extraDepth++] = kind;
      }
      i++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const kind = c === CLOSE_BRACE ? 1 : 2;
      if (extraDepth > 0) {
        if (extra[extraDepth - 1] === kind && --extraDepth === 0) deep.push({ start: regionStart, end: i + 1 });
      } else if (depth > 0 && stack[depth - 1] === kind) {
        depth--;
      }
      i++;
    } else {
      i++;
    }
  }
  if (extraDepth > 0) deep.push({ start: regionStart, end: n });
  const maskComments = new Set<number>();
  const masked = mask(text, deep, (room) => (room >= 4 ? 'null' : room >= 2 ? '""' : '0'), true, true, maskComments);
  return { text: masked, limit, deep, errors: nestingErrors(deep, 0, n, limit, rest), maskComments };
}

// ---------------------------------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------------------------------

/** The `yaml` lexer's control tokens (not in the text): document start, flow end (an error), scalar follows. */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

const SEQ = 1;
const MAP = 2;
/** A mapping nested by a further `:` on the same line (`a: b: c`, an error): the library keeps the next lines in it. */
const CHAIN = 3;

/**
 * YAML for the `yaml` library: the regions nested deeper than `limit`, as the library would nest them. Its own lexer
 * splits the text (so quoted and block scalars, comments and flow collections end exactly where the library ends them).
 * Block depth is a stack of the columns where block collections start (a deeper one starts at a greater column, or at the
 * same column for a sequence that is a mapping's value); flow depth counts `[` and `{` (a sequence twice: any item of it
 * may be a one-pair mapping). The library's error recovery nests more, and that is counted too, from above: `a: b: c`,
 * a `-` or a second `:` in a flow item, two nodes in a row, a closed collection taken as a key, a flow collection cut by
 * a line (fuzzed against the library: its depth stays within the count plus two). A region ends where its collection
 * does: the masked text keeps the brackets of a flow collection (an empty one) or reads `~` (null).
 */
export function guardYaml(text: string, base = 0, limit = MAX_YAML_NESTING): Guarded {
  const none = { text, limit, deep: [], errors: [], maskComments: NO_COMMENTS };
  // (No cheaper test: in the library's error recovery, short lines nest too, `a: b: c` or a plain scalar over two lines.)
  if (text.length < limit) return none;
  let { deep, rest } = yamlDeepRegions(text, limit);
  if (deep.length === 0) return none;
  // A BOM is the library's to skip (blanking it would indent the first line).
  let masked = mask(text, deep, () => '~', false, false, new Set());
  // The library must not see more than the limit (plus the level of an empty collection left in a region's place, two
  // for a sequence): should a filler make its lexer read what follows differently, all from the first region on is masked.
  if (yamlDeepRegions(masked, limit + 2).deep.length > 0) {
    deep = [{ start: deep[0].start, end: text.length }];
    rest = 'after';
    masked = mask(text, deep, () => '~', false, false, new Set());
  }
  return { text: masked, limit, deep, errors: nestingErrors(deep, base, text.length, limit, rest), maskComments: NO_COMMENTS };
}

const NO_COMMENTS: ReadonlySet<number> = new Set();

/** Tokens lexed inside one masked region before it is taken to run to the end (a deep region costs a token per level). */
const MAX_REGION_TOKENS = 20_000;

function yamlDeepRegions(text: string, limit: number): { deep: DeepRegion[]; rest: Rest } {
  const deep: DeepRegion[] = [];
  // Block collections: their columns and kinds (SEQ/MAP), innermost last.
  const cols: number[] = [];
  const kinds: number[] = [];
  /**
   * Flow collections: their kinds. A sequence counts two levels: any item of it may be a one-pair mapping (`[a: b]`, or
   * `[[x] y]`, read as `[[x]: y]` in the library's recovery, which wraps what was already closed).
   */
  const flowKinds: number[] = [];
  let flowSeqs = 0;
  /**
   * Levels the current item of each flow collection adds in the library's error recovery: each further `:` (`[a: b: c]`),
   * `?`, `-` (a block sequence) or node after a node (`[a [b]]` is `[a: [b]]`) nests one more. Reset at each `,`.
   */
  const flowExtra: number[] = [];
  /** Whether the current item of each flow collection has a node, and a `:` or `?` (the first one in a mapping is its own). */
  const flowHasNode: boolean[] = [];
  const flowHasPair: boolean[] = [];
  /** Where the current item of each flow collection starts, and whether it holds a collection already closed. */
  const itemStart: number[] = [];
  const flowClosed: boolean[] = [];
  /**
   * Collections already closed that a pair then took as its key (`[[x] y]`, `[[x]: y]`; `]k:` lines): the library nests
   * them under the pair's mapping, one level more than they were read at. Counted for the rest of the document.
   */
  let wrapLevels = 0;
  let extra = 0;
  /**
   * Errors after which the library's recovery may nest what follows unpredictably (a flow collection cut by a line too
   * little indented, a stray `]`): each counts as a level for the rest of the document. Valid YAML has none.
   */
  let errorLevels = 0;
  let offset = 0;
  let lineStart = 0;
  /** Whether a token other than spaces has been seen on the current line, and where the first one is. */
  let lineHasContent = false;
  let lineFirst = 0;
  /** Whether this line had a `:` already (block context). */
  let lineColon = false;
  /** Whether only indentation and block indicators precede on this line (where `-`, `?` start collections at their column). */
  let blockStart = true;
  /**
   * The line's indentation as the library counts it (leading spaces: a tab is not indentation), and whether a tab
   * precedes its first content: collections the line starts after that are at that indentation for the library.
   */
  let lineSpaces = 0;
  let tabbed = false;
  /** Column and offset of the node after the last block indicator of this line (a key, when a `:` follows). */
  let nodeCol = -1;
  let nodeOffset = 0;
  /** The next token is a scalar's text (after the SCALAR marker). */
  let body = false;
  /** A block scalar header was seen: the next SCALAR marker is its body (lines of text, not nodes). */
  let blockScalar = false;
  const depth = (): number => cols.length + flowKinds.length + flowSeqs + extra + errorLevels + wrapLevels;
  const endFlow = (): void => {
    flowKinds.length = 0;
    flowSeqs = 0;
    flowExtra.length = 0;
    flowHasNode.length = 0;
    flowHasPair.length = 0;
    itemStart.length = 0;
    flowClosed.length = 0;
    extra = 0;
  };
  /**
   * A pair takes the item of flow collection `t` as its key: when that item holds a closed collection, the library
   * nests it one level deeper. Past the limit, everything from the item's start on is masked (what it nests is behind).
   */
  const wrap = (t: number): void => {
    if (!flowClosed[t] || regionBlock > 0 || regionFlow > 0) return;
    wrapLevels++;
    if (depth() <= limit) return;
    const from = itemStart[t];
    while (deep.length > 0 && deep[deep.length - 1].start >= from) deep.pop();
    deep.push({ start: from, end: text.length });
    rest = 'after';
  };
  // The region being masked: the block stack length or flow level at which it was opened (0: none), and whether it was
  // opened by an item's extra level (it ends with the item).
  let regionBlock = 0;
  let regionFlow = 0;
  let regionExtra = false;
  let regionStart = 0;
  const nest = (t: number, at: number): void => {
    flowExtra[t]++;
    extra++;
    openRegion(at, false, true);
  };
  /**
   * A second node (or a `:`, `?`) in an item: its first in a sequence is the pair already counted, its first `:` or `?`
   * in a mapping is the mapping's own; any other nests one more.
   */
  const pairEvent = (t: number, at: number): void => {
    wrap(t);
    if (flowHasPair[t]) nest(t, at);
    flowHasPair[t] = true;
  };
  /** A node starts at `at` in the innermost flow collection. */
  const flowNode = (at: number): void => {
    const t = flowKinds.length - 1;
    if (t < 0) return;
    if (flowHasNode[t]) {
      if (flowKinds[t] === SEQ) pairEvent(t, at);
      else {
        wrap(t);
        nest(t, at);
      }
    } else {
      itemStart[t] = at;
    }
    flowHasNode[t] = true;
  };

  /** Set when a cap is reached: the last region runs to the end. */
  let rest: Rest;
  let regionTokens = 0;
  function openRegion(start: number, block: boolean, byExtra = false): void {
    if (regionBlock > 0 || regionFlow > 0 || depth() <= limit) return;
    if (deep.length === MAX_DEEP_REGIONS) {
      deep.push({ start, end: text.length });
      rest = 'places';
      return;
    }
    regionStart = start;
    regionTokens = 0;
    regionExtra = byExtra;
    if (block) regionBlock = cols.length;
    else regionFlow = flowKinds.length;
  }
  /** Ends the region when its collection is over; `closer`: by its closing bracket, which the masked text keeps. */
  const closeRegions = (at: number, closer = false): void => {
    const flowOver = regionFlow > 0 && (flowKinds.length < regionFlow || (regionExtra && flowExtra[regionFlow - 1] === 0));
    if ((regionBlock > 0 && cols.length < regionBlock) || flowOver) {
      const end = Math.max(at, regionStart + 1);
      const collection = closer && !regionExtra && regionFlow > 0 && end - regionStart >= 2;
      deep.push(collection ? { start: regionStart, end, collection } : { start: regionStart, end });
      regionBlock = 0;
      regionFlow = 0;
    }
  };
  const pushBlock = (col: number, kind: number, at: number): void => {
    cols.push(col);
    kinds.push(kind);
    openRegion(at, true);
  };
  /** Block context: a node or indicator at `at`. The first of its line ends the block collections at greater columns. */
  const content = (at: number): void => {
    const col = at - lineStart;
    if (!lineHasContent) {
      lineHasContent = true;
      lineFirst = at;
      let k = lineStart;
      while (k < at && text.charCodeAt(k) === 32) k++;
      lineSpaces = k - lineStart;
      tabbed = k < at;
      if (tabbed) blockStart = false;
      while (cols.length > 0 && cols[cols.length - 1] > col) {
        cols.pop();
        kinds.pop();
      }
      closeRegions(at);
    }
  };
  const resetDocument = (at: number): void => {
    cols.length = 0;
    kinds.length = 0;
    errorLevels = 0;
    wrapLevels = 0;
    endFlow();
    closeRegions(at);
  };
  /** One more error level at `at`: past the limit, everything from there on is masked (there is no telling its end). */
  const errorLevel = (at: number): void => {
    errorLevels++;
    if (depth() > limit && regionBlock === 0 && regionFlow === 0) {
      deep.push({ start: at, end: text.length });
      rest = 'after';
    }
  };
  /**
   * Moves past a token of the text; a line break in it starts a new line. A scalar that goes on over a line break and
   * ends with text on the new line is a key there if a `:` follows: the library nests it (an error), as `a: b: c`.
   */
  const advance = (tok: string, scalar = false): void => {
    const start = offset;
    offset += tok.length;
    const nl = tok.lastIndexOf('\n');
    if (nl < 0) return;
    lineStart = start + nl + 1;
    lineHasContent = false;
    lineColon = false;
    blockStart = true;
    nodeCol = -1;
    for (let k = nl + 1; k < tok.length; k++) {
      const ch = tok.charCodeAt(k);
      if (ch !== 32 && ch !== 9 && ch !== CR) {
        lineHasContent = true;
        lineFirst = lineStart + (k - nl - 1);
        let sp = nl + 1;
        while (sp < k && tok.charCodeAt(sp) === 32) sp++;
        // The library places what follows a scalar continued over lines at the indentation of its first line.
        lineSpaces = scalar ? Math.min(lineSpaces, sp - nl - 1) : sp - nl - 1;
        tabbed = sp < k;
        if (scalar) {
          lineColon = true;
          blockStart = false;
        }
        break;
      }
    }
  };

  let aliases = 0;
  let documents = 0;
  for (const tok of new Lexer().lex(text)) {
    if (rest) return { deep, rest };
    if ((regionBlock > 0 || regionFlow > 0) && ++regionTokens > MAX_REGION_TOKENS) {
      // Millions of `[` would each cost a token: the region runs to the end instead.
      deep.push({ start: regionStart, end: text.length });
      return { deep, rest: 'size' };
    }
    if (body) {
      body = false;
      advance(tok, true);
      continue;
    }
    if (tok === SCALAR) {
      body = true;
      if (blockScalar) blockScalar = false;
      else if (flowKinds.length > 0) flowNode(offset);
      else {
        content(offset);
        blockStart = false;
        if (nodeCol < 0) {
          nodeCol = offset - lineStart;
          nodeOffset = offset;
        }
      }
      continue;
    }
    if (tok === DOCUMENT) {
      // The library's reader stops once it has the second document (a template is one): so does this, with a margin
      // (a document starts with this marker, a `---`, or both).
      if (++documents > 4) break;
      resetDocument(offset);
      continue;
    }
    if (tok === FLOW_END) {
      // The collections the line cut stay open in the library's recovery (it nests what follows in them): their levels,
      // and one more, count as error levels.
      const cut = flowKinds.length + flowSeqs + extra + 1;
      endFlow();
      closeRegions(offset);
      for (let k = 0; k < cut && !rest; k++) errorLevel(offset);
      continue;
    }
    const start = offset;
    const c0 = tok.charCodeAt(0);
    if (c0 === 42 /* * */ && ++aliases > MAX_ALIASES && regionBlock === 0 && regionFlow === 0) {
      // (A token that starts with `*` is an alias: plain scalars cannot start with it.)
      deep.push({ start, end: text.length, aliases: true });
      return { deep, rest: 'aliases' };
    }
    // Line breaks, spaces, comments.
    if (c0 === LF || c0 === CR || c0 === 32 || c0 === 9 || c0 === 35) {
      advance(tok);
      continue;
    }
    const one = tok.length === 1;
    if (one && (c0 === OPEN_BRACKET || c0 === OPEN_BRACE)) {
      if (flowKinds.length === 0) {
        content(start);
        blockStart = false;
        if (nodeCol < 0) {
          nodeCol = start - lineStart;
          nodeOffset = start;
        }
      }
      flowNode(start);
      flowKinds.push(c0 === OPEN_BRACKET ? SEQ : MAP);
      if (c0 === OPEN_BRACKET) flowSeqs++;
      flowExtra.push(0);
      flowHasNode.push(false);
      flowHasPair.push(false);
      itemStart.push(start);
      flowClosed.push(false);
      openRegion(start, false);
      advance(tok);
      continue;
    }
    if (one && (c0 === CLOSE_BRACKET || c0 === CLOSE_BRACE)) {
      if (flowKinds.length === 0) {
        // A stray `]` or `}` (an error): content of the line all the same.
        content(start);
        blockStart = false;
        errorLevel(start);
        if (nodeCol < 0) {
          nodeCol = start - lineStart;
          nodeOffset = start;
        }
      }
      advance(tok);
      if (flowKinds.length > 0) {
        if (flowKinds.pop() === SEQ) flowSeqs--;
        flowHasNode.pop();
        flowHasPair.pop();
        itemStart.pop();
        flowClosed.pop();
        extra -= flowExtra.pop() ?? 0;
        if (flowClosed.length > 0) flowClosed[flowClosed.length - 1] = true;
        closeRegions(offset, true);
      }
      continue;
    }
    if (flowKinds.length > 0) {
      const t = flowKinds.length - 1;
      if (one && (c0 === 58 /* : */ || c0 === 63 /* ? */)) {
        pairEvent(t, start);
        flowHasNode[t] = false;
      } else if (one && c0 === 45 /* - */) {
        // A block sequence in a flow collection (an error): a level, and a `:` after it nests a mapping in it.
        nest(t, start);
        flowHasNode[t] = false;
        flowHasPair[t] = true;
      } else if (one && c0 === 44 /* , */) {
        extra -= flowExtra[t];
        flowExtra[t] = 0;
        flowHasNode[t] = false;
        flowHasPair[t] = false;
        flowClosed[t] = false;
        closeRegions(start);
      } else if (c0 === 34 || c0 === 39 || c0 === 42 /* " ' * */) {
        flowNode(start);
      }
      advance(tok);
      continue;
    }
    if ((tok === '---' || tok === '...') && start === lineStart) {
      if (tok === '---' && ++documents > 4) break;
      resetDocument(start);
      advance(tok);
      lineHasContent = true;
      continue;
    }
    const first = !lineHasContent;
    content(start);
    if (tok === ':' && !first && lineColon) {
      // `a: b: c` (an error): the library nests a mapping at the line's indentation, and reads the next lines inside it.
      pushBlock(lineSpaces, CHAIN, nodeCol >= 0 ? nodeOffset : start);
      nodeCol = -1;
      advance(tok);
      continue;
    }
    if (tok === ':') lineColon = true;
    const col = start - lineStart;
    const top = cols.length - 1;
    if ((tok === '-' || tok === '?' || (tok === ':' && first)) && !blockStart) {
      // After a tab, an anchor, a tag or a key on the line (an error): the library nests at the line's indentation.
      pushBlock(lineSpaces, CHAIN, start);
      nodeCol = -1;
    } else if (tok === '-' || tok === '?' || (tok === ':' && first)) {
      // A block sequence item, an explicit key or value: a collection at this column (the same one for a sibling).
      const kind = tok === '-' ? SEQ : MAP;
      if (!(top >= 0 && cols[top] === col && kinds[top] === kind)) pushBlock(col, kind, start);
      nodeCol = -1;
    } else if (tok === ':') {
      blockStart = false;
      // An implicit key's `:`: a mapping at the key's column (a sequence at that column, a mapping's value, is over).
      // Without a key (`: x` after junk), or after a tab, the line's indentation: the smaller column keeps it open longer.
      const kc = nodeCol >= 0 && !tabbed ? nodeCol : lineSpaces;
      const ko = nodeCol >= 0 ? nodeOffset : start;
      let t = top;
      if (t >= 0 && cols[t] === kc && kinds[t] === SEQ) {
        cols.pop();
        kinds.pop();
        closeRegions(lineFirst);
        t--;
      }
      if (!(t >= 0 && cols[t] === kc && kinds[t] === MAP)) pushBlock(kc, MAP, ko);
      nodeCol = -1;
    } else {
      // A key or value: an anchor, a tag, an alias, a quoted scalar, a block scalar header, a directive.
      blockStart = false;
      if (c0 === 124 /* | */ || c0 === 62 /* > */) blockScalar = true;
      if (nodeCol < 0) {
        nodeCol = col;
        nodeOffset = start;
      }
      advance(tok, c0 === 34 || c0 === 39);
      continue;
    }
    advance(tok);
  }
  if (regionBlock > 0 || regionFlow > 0) deep.push({ start: regionStart, end: text.length });
  return { deep, rest };
}
