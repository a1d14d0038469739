/**
 * Edits removing one CloudFormation Metadata `ignore` entry (`{ rule, reason }`): the "Remove unused suppression" fix for
 * `Metadata: { aws-responsibility: { ignore: [...] } }`. The only entry takes `aws-responsibility` with it, and
 * `Metadata` too when nothing else is left in it. Everything else in the file stays byte-identical.
 *
 * Hand-written on node spans because the `yaml` library can only re-print a whole document (losing the user's layout)
 * and jsonc-parser's `modify` covers JSON only; one span-based algorithm serves YAML block, YAML flow and JSON alike.
 * Layouts it cannot edit exactly give no edit; every edit is checked by re-parsing the result (same syntax errors at
 * most, the same resources, every other directive unchanged), so a wrong guess yields no fix rather than a damaged file.
 */
import { lineStart, trimEnd } from '../fix/layout';
import { applyEdits, type TextEdit } from '../fix/text-edit';
import type { MapEntry, MapNode, ParsedDocument, Span, ValueNode } from '../model/types';
import { parseCfnJson } from '../parse/cfn-json';
import { parseCfnYaml } from '../parse/cfn-yaml';
import { METADATA_KEY, metadataDirectives, type Directive } from './directives';

/** `at`: a Metadata entry's `rule` value span (where `unused-suppression` is reported). [] when there is none or it cannot be removed exactly. */
export function removeMetadataEntryEdits(text: string, doc: ParsedDocument, at: Span): TextEdit[] {
  try {
    const edit = metadataEdit(text, doc, at);
    return edit ? [edit] : [];
  } catch {
    return [];
  }
}

function metadataEdit(text: string, doc: ParsedDocument, at: Span): TextEdit | undefined {
  const directives = metadataDirectives(doc);
  const d = directives.find((x) => !x.problem && x.rules.length === 1 && within(at.start, x.rules[0].span));
  const def = d?.resource?.definition;
  if (!d || !def) return undefined;
  const mdEntry = only(def, 'Metadata');
  const md = mdEntry?.value;
  if (!mdEntry || md?.type !== 'map') return undefined;
  const arEntry = only(md, METADATA_KEY);
  const ar = arEntry?.value;
  if (!arEntry || ar?.type !== 'map') return undefined;
  const ignEntry = only(ar, 'ignore');
  const list = ignEntry?.value;
  if (!ignEntry || list?.type !== 'list') return undefined;
  const idx = list.items.findIndex((i) => i.span.start === d.span.start && i.span.end === d.span.end);
  if (idx < 0) return undefined;
  // Aliases keep their own span but their children point at the anchor: every node must sit inside its parent.
  if (!inside(md.span, def.span) || !inside(ar.span, md.span) || !inside(list.span, ar.span) || !inside(d.span, list.span)) return undefined;
  if (text.slice(def.span.start, def.span.end).includes('\t')) return undefined;

  let edit: TextEdit | undefined;
  if (list.items.length > 1) edit = removeListItem(text, list.span, list.items, idx);
  else if (ar.entries.length > 1) return undefined; // other keys beside `ignore`: no exact way to keep them meaningful
  else if (md.entries.length > 1) edit = removeMapEntry(text, md, md.entries.indexOf(arEntry));
  else edit = removeMapEntry(text, def, def.entries.indexOf(mdEntry));
  return edit && verified(text, doc, directives, d, edit) ? edit : undefined;
}

/** The entry with this key, when it is the only one with it. */
function only(map: MapNode, key: string): MapEntry | undefined {
  const all = map.entries.filter((e) => e.key === key);
  return all.length === 1 ? all[0] : undefined;
}

function within(offset: number, span: Span): boolean {
  return span.start <= offset && offset < span.end;
}

function inside(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function removeListItem(text: string, listSpan: Span, items: readonly ValueNode[], idx: number): TextEdit | undefined {
  const c = text[listSpan.start];
  if (c === '[') return removeFlowElement(text, items.map((i) => i.span), idx);
  if (c === '-') return removeBlockLines(text, itemStart(text, items[idx].span.start), items[idx]);
  return undefined;
}

function removeMapEntry(text: string, map: MapNode, idx: number): TextEdit | undefined {
  if (idx < 0) return undefined;
  const e = map.entries[idx];
  if (text[map.span.start] === '{') return removeFlowElement(text, map.entries.map((x) => ({ start: x.keySpan.start, end: x.value.span.end })), idx);
  const ls = lineStart(text, e.keySpan.start);
  if (!/^ *$/.test(text.slice(ls, e.keySpan.start))) return undefined;
  return removeBlockLines(text, ls, e.value, e.keySpan.end);
}

/** Start of the line holding a block sequence item's `-` (the item's own line, or a line holding only `-` above it). */
function itemStart(text: string, start: number): number | undefined {
  const ls = lineStart(text, start);
  const prefix = text.slice(ls, start);
  if (/^ *- +$/.test(prefix)) return ls;
  if (!/^ *$/.test(prefix) || ls === 0) return undefined;
  const prev = lineStart(text, ls - 1);
  return /^ *-[ ]*\r?\n$/.test(text.slice(prev, ls)) ? prev : undefined;
}

/** Removes whole lines from `start` (a line start) through the line where `node`'s content ends, line break included. */
function removeBlockLines(text: string, start: number | undefined, node: ValueNode, minEnd = 0): TextEdit | undefined {
  if (start === undefined) return undefined;
  const e = Math.max(contentEnd(text, node), minEnd);
  const nl = text.indexOf('\n', e);
  const lineRest = text.slice(e, nl < 0 ? text.length : nl);
  // Only a colon (an empty value), blanks and a comment may follow the content on its last line.
  if (!/^:?(?:[ ]+#.*)?[ ]*\r?$/.test(lineRest)) return undefined;
  return { start, end: nl < 0 ? text.length : nl + 1, newText: '' };
}

/** Offset just after the last character of a node's own text (block mappings' spans run over trailing comments and line breaks). */
function contentEnd(text: string, node: ValueNode): number {
  const c = text[node.span.start];
  if (node.type === 'map' && c !== '{' && node.entries.length > 0) {
    const last = node.entries[node.entries.length - 1];
    return Math.max(last.keySpan.end, contentEnd(text, last.value));
  }
  if (node.type === 'list' && c !== '[' && node.items.length > 0) return contentEnd(text, node.items[node.items.length - 1]);
  return trimEnd(text, node.span.start, node.span.end);
}

/** Removes element `i` of a flow collection (`[a, b]`, `{a: 1, b: 2}`, JSON) with exactly one adjacent comma. */
function removeFlowElement(text: string, spans: readonly Span[], i: number): TextEdit | undefined {
  if (spans.length < 2) return undefined;
  const commaOnly = (a: Span, b: Span): boolean => a.end <= b.start && /^\s*,\s*$/.test(text.slice(a.end, b.start));
  if (i < spans.length - 1) return commaOnly(spans[i], spans[i + 1]) ? { start: spans[i].start, end: spans[i + 1].start, newText: '' } : undefined;
  return commaOnly(spans[i - 1], spans[i]) ? { start: spans[i - 1].end, end: spans[i].end, newText: '' } : undefined;
}

/** Re-parses the edited text with the parser the original needs; accepts only the exact expected change. */
function verified(text: string, doc: ParsedDocument, before: readonly Directive[], removed: Directive, edit: TextEdit): boolean {
  const parse = pickParser(text, doc);
  if (!parse) return false;
  const after = parse(applyEdits(text, [edit]));
  if (!after.isTemplate || after.syntaxErrors.length > doc.syntaxErrors.length) return false;
  const resources = (p: ParsedDocument): string => p.resources.map((r) => `${r.id}\u0000${r.type}`).join('\u0001');
  if (resources(after) !== resources(doc)) return false;
  const delta = edit.end - edit.start - edit.newText.length;
  const shift = (o: number): number => (o >= edit.end ? o - delta : o);
  const sig = (d: Directive, move: (o: number) => number): string =>
    [d.resource?.id, d.reason, d.problem, move(d.span.start), ...d.rules.map((r) => `${r.id}@${move(r.span.start)}`)].join('\u0000');
  const expected = before.filter((d) => d !== removed).map((d) => sig(d, shift));
  const actual = metadataDirectives(after).map((d) => sig(d, (o) => o));
  return expected.length === actual.length && expected.every((s, i) => s === actual[i]);
}

function pickParser(text: string, doc: ParsedDocument): ((t: string) => ParsedDocument) | undefined {
  if (/^\uFEFF?\s*\{/.test(text)) {
    const json = parseCfnJson(text);
    if (json.isTemplate && json.syntaxErrors.length === doc.syntaxErrors.length && json.resources.length === doc.resources.length) return parseCfnJson;
  }
  return parseCfnYaml;
}
