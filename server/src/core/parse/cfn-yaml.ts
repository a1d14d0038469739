/**
 * CloudFormation YAML, parsed in chunks: each top-level section, and each resource of `Resources`, is parsed on its own
 * and cached by its text, so an edit re-parses only the ~1 KB resource it touched. One line scan (not a YAML parse) finds
 * the chunk boundaries; anything the scan cannot split with certainty (flow-style documents, several documents,
 * directives, tabs) is parsed whole. Hand-written because no YAML library offers incremental re-parsing.
 */
import { Anchor, anchorSpans, anchorTree } from '../model/anchor';
import { intern } from '../model/intern';
import { asMap, shiftSpan } from '../model/nodes';
import type { Comment, MapEntry, ParsedDocument, Resource, SyntaxError, ValueNode } from '../model/types';
import { forEachEntries, notATemplate, resourceFromEntry, templateDocument, templateFromRoot } from './cfn-template';
import { chunkAt, commonPrefix, commonSuffix, detached, type BasedEdit } from './text-diff';
import { parseYamlChunk } from './yaml-chunk';
import type { YamlParse } from './yaml-convert';

interface Chunk {
  readonly start: number;
  readonly end: number;
}

interface Section extends Chunk {
  readonly key: string;
  /** Per-entry chunks of a block mapping section (Resources); undefined when it must be parsed whole. */
  readonly entries?: Chunk[];
  /** Comment lines of the section body before its first entry. */
  readonly comments?: Comment[];
}

interface CacheEntry {
  /** Its spans are on `anchor` (model/anchor.ts): moving the chunk is one assignment. */
  parse: YamlParse;
  readonly anchor: Anchor;
  /** The resources and loops of this chunk when it is an entry of `Resources`, kept while the chunk is reused. */
  resources?: { readonly list: Resource[]; readonly forEach: MapEntry[] };
}

interface Previous {
  readonly text: string;
  readonly sections: Section[] | undefined;
  /** One entry per chunk, in document order (see `chunksOf`). */
  readonly entries: CacheEntry[];
}

/**
 * A parser that keeps the chunks of the previous parse, for one open document. The ParsedDocument it returns is valid
 * until its next `parse` call: reused chunks are moved to their new offsets in place.
 *
 * Typing usually changes one place: the common prefix and suffix of the old and new text locate it, and when it lies
 * inside one chunk whose layout it does not change, only that chunk is re-parsed and the line scan is skipped. Any
 * other change falls back to a full scan, still reusing every chunk whose text is unchanged.
 */
export class CfnYamlParser {
  private prev: Previous | undefined;
  /** Chunks parsed (not reused) by the last call; for tests and benchmarks. */
  lastParsedChunks = 0;
  /** Whether the last call took the one-chunk fast path. */
  lastFastPath = false;

  /**
   * `edit`: how the text last parsed (`edit.base`, the same string) became `text`, when the caller knows; on the fast
   * path the new text is then not read at all (text-diff.ts, TextEdit). Ignored when `edit.base` is another text.
   */
  parse(text: string, edit?: BasedEdit): ParsedDocument {
    this.lastParsedChunks = 0;
    const fast = this.prev ? reuseAfterEdit(this.prev, text, edit && edit.base === this.prev.text ? edit : undefined) : undefined;
    this.lastFastPath = fast !== undefined;
    const entries: CacheEntry[] = [];
    let parseChunk: ChunkParser;
    let sections: Section[] | undefined;
    if (fast) {
      sections = fast.sections;
      const old = (this.prev as Previous).entries;
      parseChunk = (start, end, index) => {
        let e: CacheEntry;
        if (index === fast.changed) {
          this.lastParsedChunks++;
          e = freshEntry(fast.chunkText, start);
        } else {
          e = old[index];
          moveEntry(e, start);
        }
        entries.push(e);
        return e;
      };
    } else {
      sections = scan(text);
      const prev = this.prev;
      const old = new Map<string, CacheEntry>();
      if (prev) {
        const chunks = chunksOf(prev.sections, prev.text);
        for (let i = 0; i < chunks.length && i < prev.entries.length; i++) old.set(prev.text.slice(chunks[i].start, chunks[i].end), prev.entries[i]);
      }
      parseChunk = (start, end) => {
        const chunkText = text.slice(start, end);
        const hit = old.get(chunkText);
        let e: CacheEntry;
        if (hit) {
          old.delete(chunkText); // one owner per cached tree: identical chunks are parsed again
          moveEntry(hit, start);
          e = hit;
        } else {
          this.lastParsedChunks++;
          e = freshEntry(detached(chunkText), start);
        }
        entries.push(e);
        return e;
      };
    }
    try {
      return parseSections(text, sections, parseChunk);
    } catch (e) {
      entries.length = 0; // nothing reusable from a parse that failed
      throw e;
    } finally {
      this.prev = { text, sections, entries };
    }
  }
}

/** One-shot parse (no cache). */
export function parseCfnYaml(text: string): ParsedDocument {
  return new CfnYamlParser().parse(text);
}

/** A chunk parsed at `start`, its spans put on an anchor there. */
function freshEntry(chunkText: string, start: number): CacheEntry {
  const parse = parseYamlChunk(chunkText, start);
  const anchor = new Anchor(start);
  if (parse.root) anchorTree(parse.root, anchor);
  anchorSpans(parse.errors, anchor);
  anchorSpans(parse.comments, anchor);
  return { parse, anchor };
}

/** Moves a reused chunk: its spans (and the results anchored to them) follow. */
function moveEntry(entry: CacheEntry, base: number): void {
  entry.anchor.base = base;
}

/** The chunks `parseSections` parses, in its order: a split section's entries, or the whole section (the whole text after a BOM). */
function chunksOf(sections: Section[] | undefined, text: string): Chunk[] {
  if (!sections) return [{ start: bomLength(text), end: text.length }];
  const out: Chunk[] = [];
  for (const s of sections) {
    // A loop, not push(...entries): a spread of 125,000+ arguments overflows the stack.
    if (s.entries) for (const e of s.entries) out.push(e);
    else out.push(s);
  }
  return out;
}

/** 1 when the text starts with a byte order mark: it is nothing (not in any chunk), spans stay offsets into the text. */
function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * The fast path: when old and new text differ inside one chunk and the new chunk keeps the layout (its first line
 * unchanged in indentation, every other line indented deeper, no tab, no alias), returns the moved sections and the
 * index of the chunk to re-parse; undefined otherwise.
 */
function reuseAfterEdit(prev: Previous, text: string, edit: BasedEdit | undefined): { sections: Section[]; changed: number; chunkText: string } | undefined {
  const old = prev.text;
  if (!prev.sections || prev.entries.length === 0) return undefined;
  const oldLen = old.length;
  const newLen = text.length;
  let p: number;
  let oldEnd: number;
  if (edit) {
    p = edit.start;
    oldEnd = edit.oldEnd;
  } else {
    const max = Math.min(oldLen, newLen);
    p = commonPrefix(old, text, max);
    oldEnd = oldLen - commonSuffix(old, text, max - p);
  }
  const delta = newLen - oldLen;
  const chunks = chunksOf(prev.sections, old);
  if (chunks.length !== prev.entries.length) return undefined;
  if (edit ? edit.start === edit.oldEnd && edit.text === '' : p === oldLen && p === newLen) return { sections: prev.sections, changed: -1, chunkText: '' };
  const lo = chunkAt(chunks, p);
  const c = chunks[lo];
  if (!(c.start < p && oldEnd < c.end)) return undefined; // touches a chunk's first character or spans chunks
  // The new chunk's text: from the old text and the edit when it is known (the new text is not read), else cut out.
  const newChunk = detached(edit ? old.slice(c.start, p) + edit.text + old.slice(oldEnd, c.end) : text.slice(c.start, c.end + delta));
  const isSection = prev.sections.includes(c as Section);
  // A section the scan splits into entries but read whole (its layout was irregular): after the edit the scan may split
  // it, and entries parsed one by one read differently from one broken whole. Found by a property test.
  if (isSection && SPLIT_SECTIONS.has((c as Section).key) && (c as Section).entries === undefined) return undefined;
  if (!keepsLayout(newChunk, old.slice(c.start, c.end), isSection)) return undefined;
  const move = (x: Chunk): Chunk => (x.start > p ? { start: x.start + delta, end: x.end + delta } : x === c ? { start: x.start, end: x.end + delta } : x);
  const sections = prev.sections.map((s): Section => {
    if (s.end < p || (s.end === p && s !== (c as Section))) return s;
    const moved = s.start > p ? { start: s.start + delta, end: s.end + delta } : { start: s.start, end: s.end + delta };
    return {
      key: s.key,
      ...moved,
      entries: s.entries?.map(move),
      comments: s.start > p ? s.comments?.map((cm) => ({ text: cm.text, span: shiftSpan(cm.span, delta) })) : s.comments,
    };
  });
  return { sections, changed: lo, chunkText: newChunk };
}

/**
 * Whether the scan would split the new chunk text exactly as it split the old one: a section keeps its first line
 * (its key and whether it has an inline value); an entry keeps its first line's indentation and starts with a key;
 * every later content line is indented deeper; no tab, no alias.
 */
function keepsLayout(chunk: string, oldChunk: string, isSection: boolean): boolean {
  if (chunk.includes('\t') || ALIAS_RE.test(chunk)) return false;
  const firstLine = (t: string): string => {
    const nl = t.indexOf('\n');
    return nl === -1 ? t : t.slice(0, nl);
  };
  const indentOf = (t: string): number => {
    let i = 0;
    while (t.charCodeAt(i) === 32) i++;
    return i;
  };
  const indent = indentOf(chunk);
  if (isSection) {
    if (firstLine(chunk) !== firstLine(oldChunk)) return false;
  } else {
    const c = chunk.charCodeAt(indent);
    if (indent !== indentOf(oldChunk) || c === 35 /* # */ || c === 45 /* - */ || c === 10 || c === 13 || Number.isNaN(c)) return false;
  }
  let pos = chunk.indexOf('\n');
  while (pos !== -1 && pos + 1 < chunk.length) {
    let j = pos + 1;
    while (chunk.charCodeAt(j) === 32) j++;
    const c = chunk.charCodeAt(j);
    const col = j - pos - 1;
    if (col <= indent && c !== 10 && c !== 13 && c !== 35 && !Number.isNaN(c)) return false;
    if (col === 0 && c === 35) return false; // a column-0 comment may close a section's comment block
    pos = chunk.indexOf('\n', j);
  }
  return true;
}

type ChunkParser = (start: number, end: number, index: number) => CacheEntry;

function parseSections(text: string, sections: Section[] | undefined, parseChunk: ChunkParser): ParsedDocument {
  let index = 0;
  if (!sections) {
    const p = parseChunk(bomLength(text), text.length, index++).parse;
    return templateFromRoot(p.root, p.errors, p.comments);
  }
  if (!sections.some((s) => s.key === 'AWSTemplateFormatVersion' || s.key === 'Resources')) {
    return notATemplate(); // docker-compose, workflows...: rejected without a YAML parse
  }
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const values = new Map<string, ValueNode>();
  const resources: Resource[] = [];
  const forEach: MapEntry[] = [];
  const addResources = (node: ValueNode | undefined): void => {
    for (const e of asMap(node)?.entries ?? []) {
      const r = resourceFromEntry(e);
      if (r) resources.push(r);
    }
    for (const e of forEachEntries(node)) forEach.push(e);
  };
  // Loops, not push(...list): a section can hold 200,000 comment lines, and a spread that long overflows the stack.
  const addAll = <T>(to: T[], from: readonly T[]): void => {
    for (let i = 0; i < from.length; i++) to.push(from[i]);
  };
  for (const s of sections) {
    if (s.entries) {
      if (s.comments) addAll(comments, s.comments);
      for (const chunk of s.entries) {
        const e = parseChunk(chunk.start, chunk.end, index++);
        const p = e.parse;
        addAll(errors, p.errors);
        addAll(comments, p.comments);
        if (s.key !== 'Resources') {
          addResources(p.root);
          continue;
        }
        // A reused chunk keeps its Resource objects (their spans are on its anchor), so its results are reused as they are.
        e.resources ??= { list: resourcesOf(p.root), forEach: forEachEntries(p.root) };
        addAll(resources, e.resources.list);
        addAll(forEach, e.resources.forEach);
      }
      if (!values.has(s.key)) values.set(s.key, { type: 'map', span: { start: s.start, end: s.end }, entries: [] });
      continue;
    }
    const p = parseChunk(s.start, s.end, index++).parse;
    addAll(errors, p.errors);
    addAll(comments, p.comments);
    for (const e of asMap(p.root)?.entries ?? []) {
      if (values.has(e.key)) continue;
      values.set(e.key, e.value);
      if (e.key === 'Resources') addResources(e.value);
    }
  }
  if (!values.has('AWSTemplateFormatVersion') && resources.length === 0 && forEach.length === 0) return notATemplate();
  return templateDocument(values, resources, errors, comments, forEach);
}

function resourcesOf(node: ValueNode | undefined): Resource[] {
  const out: Resource[] = [];
  for (const e of asMap(node)?.entries ?? []) {
    const r = resourceFromEntry(e);
    if (r) out.push(r);
  }
  // Kept with the chunk while the file is open: at its exact size (a pushed-to array keeps room for 16 more).
  return out.slice();
}

/**
 * A top-level key at the start of `line` (no line break in it): the key as written (quotes kept) and where its `: ` ends.
 * What `/^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#:'"{[\]}&*!|>%@`,?-][^#:\n]*?|-[^\s#:\n][^#:\n]*?)[ \t]*:(?:[ \t]|\r?$)/`
 * matches, as a loop: that regex backtracks quadratically (its lazy key, then `[ \t]*:`, over a long run of spaces).
 */
function matchKey(line: string): { key: string; end: number } | undefined {
  const n = line.length;
  if (n === 0) return undefined;
  const c = line.charCodeAt(0);
  let keyEnd: number;
  let colon: number;
  if (c === 34 /* " */ || c === 39 /* ' */) {
    // A quoted key: `"` with backslash escapes (not of a line terminator), or `'` with `''` for a quote.
    let i = 1;
    for (;;) {
      if (i >= n) return undefined;
      const d = line.charCodeAt(i);
      if (d === 10) return undefined;
      if (d === c) {
        if (c === 39 && line.charCodeAt(i + 1) === 39) {
          i += 2;
          continue;
        }
        break;
      }
      if (c === 34 && d === 92) {
        if (i + 1 >= n || isLineTerminator(line.charCodeAt(i + 1))) return undefined;
        i += 2;
        continue;
      }
      i++;
    }
    keyEnd = i + 1;
    colon = keyEnd;
    while (line.charCodeAt(colon) === 32 || line.charCodeAt(colon) === 9) colon++;
    if (line.charCodeAt(colon) !== 58 /* : */) return undefined;
  } else {
    // A plain key: up to the first `:` (no `#` before it), without the spaces and tabs before the `:`.
    let from = 1;
    if (c === 45 /* - */) {
      const d = line.charCodeAt(1);
      if (n < 2 || isJsSpace(d) || d === 35 || d === 58) return undefined;
      from = 2;
    } else if (isJsSpace(c) || KEY_FIRST_EXCLUDED.includes(line[0])) {
      return undefined;
    }
    colon = from;
    while (colon < n && line.charCodeAt(colon) !== 58 && line.charCodeAt(colon) !== 35 && line.charCodeAt(colon) !== 10) colon++;
    if (line.charCodeAt(colon) !== 58) return undefined;
    keyEnd = colon;
    while (keyEnd > from && (line.charCodeAt(keyEnd - 1) === 32 || line.charCodeAt(keyEnd - 1) === 9)) keyEnd--;
  }
  // After the `:`: a space or tab, or the end of the line (after a CR).
  const a = line.charCodeAt(colon + 1);
  let end: number;
  if (a === 32 || a === 9) end = colon + 2;
  else if (colon + 1 === n) end = colon + 1;
  else if (a === 13 && colon + 2 === n) end = colon + 2;
  else return undefined;
  return { key: line.slice(0, keyEnd), end };
}

/** Characters a plain top-level key cannot start with (besides whitespace). */
const KEY_FIRST_EXCLUDED = '#:\'"{[]}&*!|>%@`,?-';

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** What `.` does not match. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * Whether what follows a key's `: ` holds a value: what is left after removing a comment as `/(^|\s)#.*$/` does (the
 * first `#` at the start or after whitespace with no line terminator after it), trimmed, is not empty. A loop: that
 * regex is quadratic on many ` #` before a line terminator.
 */
function hasInlineValue(rest: string): boolean {
  let lastTerminator = -1;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (isLineTerminator(rest.charCodeAt(i))) {
      lastTerminator = i;
      break;
    }
  }
  let cut = rest.length;
  for (let h = lastTerminator + 1; h < rest.length; h++) {
    if (rest.charCodeAt(h) === 35 && (h === 0 || isJsSpace(rest.charCodeAt(h - 1)))) {
      cut = h === 0 ? 0 : h - 1;
      break;
    }
  }
  for (let i = 0; i < cut; i++) if (!isJsSpace(rest.charCodeAt(i))) return true;
  return false;
}
/** An unquoted `*name` after whitespace or a flow indicator is a YAML alias (a false positive only costs a whole parse). */
const ALIAS_RE = /(?:^|[\s[{,])\*[^\s,\]}]/m;
const SPLIT_SECTIONS = new Set(['Resources']);

/**
 * One pass over the lines: top-level sections (keys at column 0) and, inside `Resources`, one chunk per entry
 * (lines at the indentation of its first key). Undefined when the layout is not plain block style.
 */
function scan(text: string): Section[] | undefined {
  // An alias may point at an anchor in another chunk: such (rare) files are parsed whole.
  if (ALIAS_RE.test(text)) return undefined;
  const sections: Section[] = [];
  const n = text.length;
  let seenContent = false;
  let cur: { key: string; start: number; split: boolean; inline: boolean; indent: number; chunkStart: number; entries: Chunk[]; comments: Comment[] } | undefined;
  const close = (end: number): void => {
    if (!cur) return;
    if (cur.split && !cur.inline && cur.entries !== undefined) {
      if (cur.chunkStart !== -1) cur.entries.push({ start: cur.chunkStart, end });
      sections.push({ key: cur.key, start: cur.start, end, entries: cur.entries, comments: cur.comments });
    } else {
      sections.push({ key: cur.key, start: cur.start, end });
    }
  };
  let pos = bomLength(text);
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = n;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    const c = i < eol ? text.charCodeAt(i) : -1;
    if (c === 9 && i < eol) return undefined; // tab indentation: let the library judge the whole file
    if (c !== -1 && c !== 13 && c !== 35 /* # */) {
      if (i === pos) {
        // column 0
        const lineEnd = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
        const line = text.slice(pos, lineEnd);
        if (line.startsWith('---') && (line.length === 3 || line[3] === ' ')) {
          if (seenContent || line.trim() !== '---') return undefined;
        } else {
          const m = matchKey(line);
          if (!m) return undefined; // flow document, sequence, directive, '...', or something to report as an error
          seenContent = true;
          close(pos);
          let key = m.key.trim();
          if (key.startsWith('"') || key.startsWith("'")) key = key.slice(1, -1);
          // Kept across edits (the sections of the last parse): a string of its own, not a view that keeps this text alive.
          key = intern(key);
          const inline = hasInlineValue(line.slice(m.end));
          cur = { key, start: pos, split: SPLIT_SECTIONS.has(key), inline, indent: -1, chunkStart: -1, entries: [], comments: [] };
        }
      } else if (cur && cur.split && !cur.inline) {
        const col = i - pos;
        if (cur.indent === -1) {
          if (c === 45 /* - */) cur.split = false;
          else cur.indent = col;
        }
        if (cur.split) {
          if (col === cur.indent) {
            if (c === 45) cur.split = false;
            else {
              if (cur.chunkStart !== -1) cur.entries.push({ start: cur.chunkStart, end: pos });
              cur.chunkStart = pos;
            }
          } else if (col < cur.indent) {
            cur.split = false; // irregular indentation: parse the section whole so the library reports it
          }
        }
      } else if (!cur) {
        return undefined; // indented content before any key
      }
    } else if (c === 35 && cur && cur.split && cur.chunkStart === -1 && i > pos) {
      const e = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      cur.comments.push({ text: text.slice(i + 1, e).trim(), span: { start: i, end: e } });
    }
    pos = eol + 1;
  }
  close(n);
  return sections;
}
