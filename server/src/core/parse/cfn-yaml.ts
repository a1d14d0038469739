/**
 * CloudFormation YAML, parsed in chunks: each top-level section, and each resource of `Resources`, is parsed on its own
 * and cached by its text, so an edit re-parses only the ~1 KB resource it touched. One line scan (not a YAML parse) finds
 * the chunk boundaries; anything the scan cannot split with certainty (flow-style documents, several documents,
 * directives, tabs) is parsed whole. Hand-written because no YAML library offers incremental re-parsing.
 */
import { asMap, shiftInPlace, shiftSpan } from '../model/nodes';
import type { Comment, MapEntry, ParsedDocument, Resource, SyntaxError, ValueNode } from '../model/types';
import { declarationsOf, notATemplate, resourceFromEntry, templateFromRoot, transformsOf } from './cfn-template';
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
  parse: YamlParse;
  /** Offset the cached spans are currently at. */
  base: number;
}

/**
 * A parser that keeps the chunks of the previous parse, for one open document. The ParsedDocument it returns is valid
 * until its next `parse` call: reused chunks are moved to their new offsets in place.
 */
export class CfnYamlParser {
  private cache = new Map<string, CacheEntry>();
  /** Chunks parsed (not reused) by the last call; for tests and benchmarks. */
  lastParsedChunks = 0;

  parse(text: string): ParsedDocument {
    const next = new Map<string, CacheEntry>();
    const old = this.cache;
    this.lastParsedChunks = 0;
    const parseChunk = (start: number, end: number): YamlParse => {
      const chunkText = text.slice(start, end);
      const hit = next.has(chunkText) ? undefined : old.get(chunkText);
      if (hit) {
        old.delete(chunkText);
        moveEntry(hit, start);
        next.set(chunkText, hit);
        return hit.parse;
      }
      this.lastParsedChunks++;
      const parse = parseYamlChunk(chunkText, start);
      if (!next.has(chunkText)) next.set(chunkText, { parse, base: start });
      return parse;
    };
    try {
      return parseSections(text, parseChunk);
    } finally {
      this.cache = next;
    }
  }
}

/** One-shot parse (no cache). */
export function parseCfnYaml(text: string): ParsedDocument {
  return new CfnYamlParser().parse(text);
}

function moveEntry(entry: CacheEntry, base: number): void {
  const delta = base - entry.base;
  if (delta === 0) return;
  const p = entry.parse;
  if (p.root) shiftInPlace(p.root, delta);
  for (let i = 0; i < p.errors.length; i++) p.errors[i] = { message: p.errors[i].message, span: shiftSpan(p.errors[i].span, delta) };
  for (let i = 0; i < p.comments.length; i++) p.comments[i] = { text: p.comments[i].text, span: shiftSpan(p.comments[i].span, delta) };
  entry.base = base;
}

type ChunkParser = (start: number, end: number) => YamlParse;

function parseSections(text: string, parseChunk: ChunkParser): ParsedDocument {
  const sections = scan(text);
  if (!sections) {
    const p = parseChunk(0, text.length);
    return templateFromRoot(p.root, p.errors, p.comments);
  }
  if (!sections.some((s) => s.key === 'AWSTemplateFormatVersion' || s.key === 'Resources')) {
    return notATemplate(); // docker-compose, workflows...: rejected without a YAML parse
  }
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const values = new Map<string, ValueNode>();
  const resources: Resource[] = [];
  const addResources = (entries: readonly MapEntry[]): void => {
    for (const e of entries) {
      const r = resourceFromEntry(e);
      if (r) resources.push(r);
    }
  };
  for (const s of sections) {
    if (s.entries) {
      if (s.comments) comments.push(...s.comments);
      for (const chunk of s.entries) {
        const p = parseChunk(chunk.start, chunk.end);
        errors.push(...p.errors);
        comments.push(...p.comments);
        addResources(asMap(p.root)?.entries ?? []);
      }
      if (!values.has(s.key)) values.set(s.key, { type: 'map', span: { start: s.start, end: s.end }, entries: [] });
      continue;
    }
    const p = parseChunk(s.start, s.end);
    errors.push(...p.errors);
    comments.push(...p.comments);
    for (const e of asMap(p.root)?.entries ?? []) {
      if (values.has(e.key)) continue;
      values.set(e.key, e.value);
      if (e.key === 'Resources') addResources(asMap(e.value)?.entries ?? []);
    }
  }
  if (!values.has('AWSTemplateFormatVersion') && resources.length === 0) return notATemplate();
  return {
    language: 'cloudformation',
    isTemplate: true,
    resources,
    declarations: declarationsOf(values),
    transforms: transformsOf(values.get('Transform')),
    globals: asMap(values.get('Globals')),
    syntaxErrors: errors,
    comments,
  };
}

const KEY_RE = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#:'"{[\]}&*!|>%@`,?-][^#:\n]*?|-[^\s#:\n][^#:\n]*?)[ \t]*:(?:[ \t]|\r?$)/;
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
  let pos = 0;
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
          const m = KEY_RE.exec(line);
          if (!m) return undefined; // flow document, sequence, directive, '...', or something to report as an error
          seenContent = true;
          close(pos);
          let key = m[1].trim();
          if (key.startsWith('"') || key.startsWith("'")) key = key.slice(1, -1);
          const rest = line.slice(m[0].length).replace(/(^|\s)#.*$/, '').trim();
          cur = { key, start: pos, split: SPLIT_SECTIONS.has(key), inline: rest.length > 0, indent: -1, chunkStart: -1, entries: [], comments: [] };
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
