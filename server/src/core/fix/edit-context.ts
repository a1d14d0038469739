/**
 * Style-preserving insertion and replacement in a parsed YAML/JSON/HCL mapping (hand-written: no library edits text
 * through our parsers' spans while keeping the user's layout; `yaml`'s Document API would reformat the whole file).
 */
import { spanContains } from '../model/nodes';
import type { ListNode, MapEntry, MapNode, ParsedDocument, ValueNode } from '../model/types';
import { column, eol, firstOnLine, indentAt, indentUnit, lineEnd, lineIndent, lineStart, LineIndex, trimEnd } from './layout';
import { hclEntryLines, hclInline, isScalarLit, jsonValue, nest, yamlEntryLines, yamlFlow, yamlKey, yamlListLines, type Lit, type Syntax } from './render';
import type { TextEdit } from './text-edit';

export class EditContext {
  readonly unit: string;
  readonly nl: string;
  readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly syntax: Syntax,
  ) {
    this.unit = indentUnit(text);
    this.nl = eol(text);
    this.lines = new LineIndex(text);
  }

  static of(text: string, doc: ParsedDocument): EditContext {
    const first = /\S/.exec(text)?.[0];
    const syntax: Syntax = first === '{' ? 'json' : doc.language === 'terraform' ? 'hcl' : 'yaml';
    return new EditContext(text, syntax);
  }

  /** A collection written with brackets (JSON, YAML flow, HCL object/body) rather than YAML block style. */
  bracketed(node: ValueNode): boolean {
    const c = this.text[node.span.start];
    return c === '{' || c === '[';
  }

  /** Offset just after the node's last meaningful character (not trailing blank lines or comments of block YAML). */
  nodeEnd(node: ValueNode): number {
    if (node.type === 'map' && !this.bracketed(node) && node.entries.length > 0) return this.entryEnd(node.entries[node.entries.length - 1]);
    if (node.type === 'list' && !this.bracketed(node) && node.items.length > 0) return this.nodeEnd(node.items[node.items.length - 1]);
    return Math.max(node.span.start, trimEnd(this.text, node.span.start, node.span.end));
  }

  entryEnd(e: MapEntry): number {
    return Math.max(e.keySpan.end, this.nodeEnd(e.value));
  }

  sameLine(a: number, b: number): boolean {
    return this.lines.line(a) === this.lines.line(b);
  }

  inline(v: Lit): string {
    return this.syntax === 'yaml' ? yamlFlow(v) : this.syntax === 'hcl' ? hclInline(v) : jsonValue(v, '', '', false);
  }

  /** Replaces a value with a literal (nothing when it already reads the same). */
  replaceValue(node: ValueNode, v: Lit): TextEdit[] {
    const start = this.valueStart(node);
    const end = this.nodeEnd(node);
    const newText = this.inline(v);
    if (this.text.slice(start, end) === newText) return [];
    return [{ start, end, newText }];
  }

  /** Replaces an entry's value; a YAML value on the lines below its key (block list/map) is replaced from the colon on. */
  replaceEntryValue(e: MapEntry, v: Lit): TextEdit[] {
    if (this.syntax === 'yaml' && !this.sameLine(e.keySpan.start, this.valueStart(e.value))) {
      const colon = this.text.indexOf(':', e.keySpan.end);
      if (colon >= 0 && colon < e.value.span.start) return [{ start: colon + 1, end: this.nodeEnd(e.value), newText: ' ' + this.inline(v) }];
    }
    return this.replaceValue(e.value, v);
  }

  /** Where a value's text starts: YAML short-form tags (`!Ref x`, `!!str 1`) precede the node's span. */
  private valueStart(node: ValueNode): number {
    if (this.syntax !== 'yaml') return node.span.start;
    const before = this.text.slice(Math.max(0, node.span.start - 200), node.span.start);
    const m = /(?:^|[\s:,[{-])(!!?[A-Za-z0-9:._-]*[ \t]*(?:\r?\n[ \t]*)?)$/.exec(before);
    return m ? node.span.start - m[1].length : node.span.start;
  }

  /** Sets `key: value` in a mapping that lacks the key. `body`: an HCL block body (attributes one per line). */
  insertEntry(map: MapNode, key: string, v: Lit, body = false): TextEdit[] {
    if (this.syntax === 'yaml' && !this.bracketed(map)) return this.insertYamlBlock(map, key, v);
    if (this.syntax === 'hcl' && body) return this.insertHclBody(map, key, v);
    return this.insertBracketed(map, key, v);
  }

  /** A value for a key whose value is empty/null (`Properties:` with nothing under it). */
  fillNull(entry: MapEntry, v: Lit): TextEdit[] {
    if (this.syntax !== 'yaml' || this.bracketed(entry.value) || isScalarLit(v) || Array.isArray(v)) return this.replaceValue(entry.value, v);
    const indent = indentAt(this.text, entry.keySpan.start) + this.unit;
    const lines = Object.entries(v).flatMap(([k, x]) => yamlEntryLines(k, x, indent, this.unit));
    const at = lineEnd(this.text, entry.keySpan.end);
    const edits: TextEdit[] = [];
    const raw = this.text.slice(entry.value.span.start, entry.value.span.end);
    if (raw.trim() !== '' && entry.value.span.end <= at) edits.push({ start: entry.value.span.start, end: entry.value.span.end, newText: '' });
    edits.push({ start: at, end: at, newText: this.nl + lines.join(this.nl) });
    return edits;
  }

  appendItem(list: ListNode, v: Lit): TextEdit[] {
    if (this.syntax === 'yaml' && !this.bracketed(list)) {
      const lines = yamlListLines([v], indentAt(this.text, list.span.start), this.unit);
      const at = lineEnd(this.text, this.nodeEnd(list));
      return [{ start: at, end: at, newText: this.nl + lines.join(this.nl) }];
    }
    const open = list.span.start;
    if (list.items.length === 0) return [{ start: open, end: list.span.end, newText: `[${this.render(v, '', false)}]` }];
    const first = list.items[0];
    const multiline = !this.sameLine(open, first.span.start);
    const indent = indentAt(this.text, first.span.start);
    const at = this.nodeEnd(list.items[list.items.length - 1]);
    const sep = multiline ? ',' + this.nl + indent : ', ';
    return [{ start: at, end: at, newText: sep + this.render(v, indent, multiline) }];
  }

  private render(v: Lit, indent: string, multiline: boolean): string {
    if (this.syntax === 'json') return jsonValue(v, indent, this.unit, multiline).replace(/\n/g, this.nl);
    return this.inline(v);
  }

  private renderEntry(key: string, v: Lit, indent: string, multiline: boolean): string {
    if (this.syntax === 'json') return `${JSON.stringify(key)}: ${this.render(v, indent, multiline)}`;
    if (this.syntax === 'hcl') return `${key} = ${hclInline(v)}`;
    return `${yamlKey(key)}: ${yamlFlow(v)}`;
  }

  private insertYamlBlock(map: MapNode, key: string, v: Lit): TextEdit[] {
    if (map.entries.length === 0) return [];
    const indent = indentAt(this.text, map.entries[0].keySpan.start);
    const at = lineEnd(this.text, this.entryEnd(map.entries[map.entries.length - 1]));
    return [{ start: at, end: at, newText: this.nl + yamlEntryLines(key, v, indent, this.unit).join(this.nl) }];
  }

  private insertBracketed(map: MapNode, key: string, v: Lit): TextEdit[] {
    const open = map.span.start;
    const close = map.span.end - 1;
    if (this.text[open] !== '{' || this.text[close] !== '}') return [];
    if (map.entries.length === 0) {
      const inner = this.text.slice(open + 1, close);
      if (inner.trim() !== '') return []; // only comments inside: leave it to the user
      if (inner.includes('\n')) {
        const indent = lineIndent(this.text, open);
        return [{ start: open, end: map.span.end, newText: `{${this.nl}${indent}${this.unit}${this.renderEntry(key, v, indent + this.unit, true)}${this.nl}${indent}}` }];
      }
      const pad = inner.length > 0 ? ' ' : '';
      return [{ start: open, end: map.span.end, newText: `{${pad}${this.renderEntry(key, v, '', false)}${pad}}` }];
    }
    const first = map.entries[0];
    const multiline = !this.sameLine(open, first.keySpan.start);
    const indent = indentAt(this.text, first.keySpan.start);
    const at = this.entryEnd(map.entries[map.entries.length - 1]);
    const comma = this.syntax === 'hcl' && multiline ? '' : ',';
    const sep = multiline ? comma + this.nl + indent : ', ';
    return [{ start: at, end: at, newText: sep + this.renderEntry(key, v, indent, multiline) }];
  }

  private insertHclBody(map: MapNode, key: string, v: Lit): TextEdit[] {
    const open = map.span.start;
    const close = map.span.end - 1;
    if (this.text[open] !== '{' || this.text[close] !== '}') return [];
    if (map.entries.length === 0) {
      const indent = lineIndent(this.text, open);
      const lines = hclEntryLines(key, v, indent + this.unit, this.unit);
      const inner = this.text.slice(open + 1, close);
      if (inner.trim() !== '') return [{ start: open + 1, end: open + 1, newText: this.nl + lines.join(this.nl) }];
      return [{ start: open, end: map.span.end, newText: `{${this.nl}${lines.join(this.nl)}${this.nl}${indent}}` }];
    }
    const isBlock = !isScalarLit(v) && !Array.isArray(v);
    const indent = indentAt(this.text, map.entries[0].keySpan.start);
    if (isBlock) {
      const at = lineEnd(this.text, this.entryEnd(map.entries[map.entries.length - 1]));
      return [{ start: at, end: at, newText: this.nl + hclEntryLines(key, v, indent, this.unit).join(this.nl) }];
    }
    const attrs = map.entries.filter((e) => !e.block);
    if (attrs.length === 0) {
      const at = lineStart(this.text, map.entries[0].keySpan.start);
      return [{ start: at, end: at, newText: hclEntryLines(key, v, indent, this.unit).join(this.nl) + this.nl }];
    }
    const anchor = attrs[attrs.length - 1];
    const anchorIndent = indentAt(this.text, anchor.keySpan.start);
    const at = lineEnd(this.text, this.entryEnd(anchor));
    const group = this.alignedGroup(map.entries, anchor);
    const edits: TextEdit[] = [];
    let pad = ' ';
    if (group) {
      const need = anchorIndent.length + key.length + 1;
      const target = Math.max(group.col, need);
      if (target > group.col) {
        for (const g of group.members) {
          const keyCol = column(this.text, g.keyEnd);
          edits.push({ start: g.keyEnd, end: g.eq, newText: ' '.repeat(target - keyCol) });
        }
      }
      pad = ' '.repeat(target - anchorIndent.length - key.length);
    }
    edits.push({ start: at, end: at, newText: `${this.nl}${anchorIndent}${key}${pad}= ${hclInline(v)}` });
    return edits;
  }

  /** The run of single-line attributes on consecutive lines ending at `anchor`, when their `=` share one column. */
  private alignedGroup(entries: readonly MapEntry[], anchor: MapEntry): { col: number; members: { keyEnd: number; eq: number }[] } | undefined {
    const members: { keyEnd: number; eq: number; line: number }[] = [];
    const idx = entries.indexOf(anchor);
    for (let i = idx; i >= 0; i--) {
      const e = entries[i];
      if (e.block || !firstOnLine(this.text, e.keySpan.start)) break;
      const line = this.lines.line(e.keySpan.start);
      if (line !== this.lines.line(this.entryEnd(e))) break;
      if (members.length > 0 && members[members.length - 1].line !== line + 1) break;
      const m = /^[ \t]*=/.exec(this.text.slice(e.keySpan.end, e.keySpan.end + 200));
      if (!m) break;
      members.push({ keyEnd: e.keySpan.end, eq: e.keySpan.end + m[0].length - 1, line });
    }
    if (members.length === 0) return undefined;
    const col = column(this.text, members[0].eq);
    if (!members.every((m) => column(this.text, m.eq) === col)) return undefined;
    return { col, members };
  }
}

/** Whether the value at `path` below `node` already equals `value` ('ok'), can be set in place ('leaf'), or needs a missing parent ('absent'). */
export function pathState(node: ValueNode | undefined, path: readonly string[], value: Lit): 'ok' | 'leaf' | 'absent' {
  if (path.length === 0) return node && node.type === 'scalar' && node.value === value ? 'ok' : 'leaf';
  if (!node) return 'absent';
  if (node.type === 'list') {
    const states = node.items.map((i) => pathState(i, path, value));
    if (states.includes('leaf')) return 'leaf';
    return states.length > 0 && states.every((s) => s === 'ok') ? 'ok' : 'absent';
  }
  if (node.type !== 'map') return 'absent';
  const matches = node.entries.filter((e) => e.key === path[0]);
  if (matches.length === 0) return path.length === 1 ? 'leaf' : 'absent';
  const states = matches.map((e) => pathState(e.value, path.slice(1), value));
  if (states.includes('leaf')) return 'leaf';
  return states.every((s) => s === 'ok') ? 'ok' : 'absent';
}

/**
 * Edits that make `path` below `map` read `value`: the existing leaf is replaced, a missing key is added with any
 * missing parents. Lists (and repeated HCL blocks) on the way: the item containing `at`, else every item that has the
 * parents and a wrong or missing leaf, else the only item.
 */
export function setPath(cx: EditContext, map: MapNode, path: readonly string[], value: Lit, at: number | undefined, body: boolean): TextEdit[] {
  const [key, ...rest] = path;
  if (key === undefined) return [];
  const matches = map.entries.filter((e) => e.key === key);
  if (matches.length === 0) return cx.insertEntry(map, key, nest(rest, value), body);
  if (rest.length === 0) {
    const e = matches[0];
    if (e.block) return [];
    return cx.replaceEntryValue(e, value);
  }
  if (matches.length === 1 && matches[0].value.type === 'scalar' && matches[0].value.value === null) return cx.fillNull(matches[0], nest(rest, value));
  const maps: { map: MapNode; body: boolean }[] = [];
  for (const e of matches) {
    const body = cx.syntax === 'hcl' && e.block === true;
    if (e.value.type === 'map') maps.push({ map: e.value, body });
    else if (e.value.type === 'list') for (const i of e.value.items) if (i.type === 'map') maps.push({ map: i, body });
  }
  let chosen = at === undefined ? [] : maps.filter((m) => spanContains(m.map.span, at));
  if (chosen.length === 0) {
    chosen = maps.filter((m) => pathState(m.map, rest, value) === 'leaf');
    if (chosen.length === 0 && maps.length === 1 && pathState(maps[0].map, rest, value) === 'absent') chosen = maps;
  }
  return chosen.flatMap((m) => setPath(cx, m.map, rest, value, at, m.body));
}
