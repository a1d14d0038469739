/**
 * CloudFormation JSON across edits: when an edit lies strictly inside one resource's `{ ... }` and that text still parses
 * as one object without errors, only it is re-parsed; the rest of the document keeps its nodes, moved in place.
 * Anything else (an error anywhere, an edit across resources or in the skeleton) takes a full parse.
 */
import { Anchor, anchorOf, anchorSpan, anchorTree } from '../model/anchor';
import { asMap, entryWithValue, shiftInPlace, shiftSpan } from '../model/nodes';
import type { Declarations, MapNode, ParsedDocument, Resource, Span, ValueNode } from '../model/types';
import { parseCfnJson, parseJsonValue } from './cfn-json';
import { resourceFromEntry } from './cfn-template';
import { detached, diffRegion, type BasedEdit } from './text-diff';

export class CfnJsonParser {
  private prev: { text: string; doc: ParsedDocument } | undefined;
  /** Whether the last call re-parsed a single resource; for tests and benchmarks. */
  lastFastPath = false;

  /** `anchorOnParse`: the resources of a full parse are put on their anchors at once (see TerraformParser). */
  constructor(private readonly options: { anchorOnParse?: boolean } = {}) {}

  /** `edit`: how the text last parsed became `text`, when the caller knows (see CfnYamlParser.parse). */
  parse(text: string, edit?: BasedEdit): ParsedDocument {
    const fast = this.prev ? reparseOne(this.prev.text, this.prev.doc, text, edit && edit.base === this.prev.text ? edit : undefined) : undefined;
    this.lastFastPath = fast !== undefined;
    const doc = fast ?? (this.options.anchorOnParse ? anchorResources(parseCfnJson(text)) : parseCfnJson(text));
    this.prev = { text, doc };
    return doc;
  }
}

function reparseOne(old: string, doc: ParsedDocument, text: string, edit: BasedEdit | undefined): ParsedDocument | undefined {
  if (!doc.isTemplate || doc.syntaxErrors.length > 0) return undefined;
  const d = edit ? (edit.start === edit.oldEnd && edit.text === '' ? undefined : { start: edit.start, oldEnd: edit.oldEnd, delta: edit.text.length - (edit.oldEnd - edit.start) }) : diffRegion(old, text);
  if (!d) return doc;
  const { start: p, oldEnd, delta } = d;
  // The resource whose definition strictly contains the edit (binary search: resources are in document order).
  const rs = doc.resources;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((rs[mid].definition?.span.start ?? rs[mid].span.start) <= p) lo = mid;
    else hi = mid - 1;
  }
  const r = rs[lo];
  const def = r?.definition?.span;
  if (!r || !def || !(def.start < p && oldEnd < def.end)) return undefined;
  // From the old text and the edit when it is known (the new text is not read), else cut out of the new text.
  const chunkText = detached(edit ? old.slice(def.start, p) + edit.text + old.slice(oldEnd, def.end) : text.slice(def.start, def.end + delta));
  const parsed = parseJsonValue(chunkText);
  const root = asMap(parsed.root);
  if (parsed.errors.length > 0 || !root || root.span.start !== 0 || root.span.end !== chunkText.length) return undefined;
  // The chunk's spans are relative to its text: on an anchor at its start. The key before it stays where it was.
  const anchor = new Anchor(0);
  anchorTree(root, anchor);
  anchor.base = def.start;
  const fresh = resourceFromEntry({ key: r.id, keySpan: anchorSpan(r.nameSpan, anchor), value: root });
  if (!fresh) return undefined;
  const resources = rs.map((x, i) => (i < lo ? x : i === lo ? fresh : moveResource(x, delta)));
  const after = (s: Span): boolean => s.start > p;
  const move = <T extends ValueNode>(n: T): T => {
    if (after(n.span)) shiftInPlace(n, delta);
    return n;
  };
  const decl = doc.declarations;
  const declarations: Declarations = {
    parameters: new Map([...decl.parameters].map(([k, v]) => [k, after(v.span) ? { span: shiftSpan(v.span, delta), node: move(v.node) } : v])),
    conditions: new Map([...decl.conditions].map(([k, v]) => [k, move(v)])),
    mappings: new Map([...decl.mappings].map(([k, v]) => [k, move(v)])),
    locals: decl.locals,
  };
  return {
    ...doc,
    resources,
    declarations,
    globals: doc.globals ? move(doc.globals) : undefined,
    ...(doc.outputs ? { outputs: doc.outputs.map((o) => (o.span.start > p ? moveResource(o, delta) : o)) } : {}),
    ...(doc.forEach ? { forEach: doc.forEach.map((e) => (after(e.keySpan) ? { ...entryWithValue(e, move(e.value)), keySpan: shiftSpan(e.keySpan, delta) } : e)) } : {}),
    comments: [
      ...doc.comments.filter((c) => c.span.end <= def.start),
      ...parsed.comments.map((c) => ({ text: c.text, span: shiftSpan(c.span, def.start) })),
      ...doc.comments.filter((c) => c.span.start >= def.end).map((c) => ({ text: c.text, span: shiftSpan(c.span, delta) })),
    ],
  };
}

/** A full parse's resources, each on its own anchor (where they are). */
function anchorResources(doc: ParsedDocument): ParsedDocument {
  return doc.isTemplate && doc.syntaxErrors.length === 0 ? { ...doc, resources: doc.resources.map((r) => anchored(r)) } : doc;
}

/** The resource on an anchor of its own at 0 (its spans as they are), unless it has one. */
function anchored(r: Resource): Resource {
  if (anchorOf(r.span)) return r;
  const anchor = new Anchor(0);
  if (r.definition) anchorTree(r.definition, anchor);
  else if (r.properties) anchorTree(r.properties, anchor);
  return { ...r, nameSpan: anchorSpan(r.nameSpan, anchor), typeSpan: anchorSpan(r.typeSpan, anchor), span: anchorSpan(r.span, anchor) };
}

/**
 * Moves a resource by `d`. A resource is put on its own anchor (model/anchor.ts) the first time it moves — not when the
 * file is parsed, which would cost every full analysis a pass — and from then on moves in one step, as the same object.
 */
function moveResource(r: Resource, d: number): Resource {
  if (d === 0) return r;
  const moved = anchored(r);
  (anchorOf(moved.span) as Anchor).base += d;
  return moved;
}
