/**
 * Terraform parsed across edits. Top-level blocks are independent in HCL, so after a full parse each block (with the
 * text up to the next one) is a chunk. When an edit lies inside one chunk and that chunk's new text still parses as one
 * complete block without errors, only it is re-parsed; every other chunk keeps its nodes, moved in place. Anything else
 * (an error, a block split or merged, an edit across blocks) takes a full parse, which then reports the errors with their
 * whole-file context.
 */
import { Anchor, anchorSpan, anchorTree } from '../model/anchor';
import type { Comment, MapNode, ParsedDocument, Resource, Span, SyntaxError, ValueNode } from '../model/types';
import { chunkAt, detached, diffRegion, type BasedEdit } from './text-diff';
import { collectBlockValues, emptyParts, parseTopLevelItems, providerResource, terraformDocument, type TerraformParts } from './terraform';

interface Chunk {
  /** Moved in place (the chunk is this parser's own): an edit above 10,000 blocks allocates nothing for them. */
  start: number;
  end: number;
  readonly resources: readonly Resource[];
  readonly parameters: readonly [string, { span: Span; node: MapNode }][];
  readonly locals: readonly [string, ValueNode][];
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
  /** `provider` blocks (ParsedDocument.providers). */
  readonly providers: readonly Resource[];
  /**
   * Every span of the chunk is on it (model/anchor.ts): moving the chunk is one assignment. A chunk of a full parse gets
   * it the first time it moves (not when the file is parsed: that would cost every full analysis a pass).
   */
  readonly anchor?: Anchor;
}

export class TerraformParser {
  private prev: { text: string; chunks: Chunk[]; hasErrors: boolean } | undefined;
  /** Whether the last call re-parsed a single block; for tests and benchmarks. */
  lastFastPath = false;

  /**
   * `anchorOnParse`: every chunk of a full parse is put on its anchor at once (an open document: its first edit then
   * moves the chunks after it in one step each, instead of anchoring them all — 0.1–0.2 s at 10,000 blocks). Off for
   * a file analysed once (the CLI), where it would only cost the full parse a pass.
   */
  constructor(private readonly options: { anchorOnParse?: boolean } = {}) {}

  /** `edit`: how the text last parsed became `text`, when the caller knows (see CfnYamlParser.parse). */
  parse(text: string, edit?: BasedEdit): ParsedDocument {
    const reused = this.prev ? this.reparseOne(this.prev, text, edit && edit.base === this.prev.text ? edit : undefined) : undefined;
    this.lastFastPath = reused !== undefined;
    const chunks = reused ?? (this.options.anchorOnParse ? fullParse(text).map((c) => c.anchor ? c : anchorChunk(c, 0)) : fullParse(text));
    const doc = assemble(chunks);
    this.prev = { text, chunks, hasErrors: doc.syntaxErrors.length > 0 };
    return doc;
  }

  private reparseOne(prev: { text: string; chunks: Chunk[]; hasErrors: boolean }, text: string, edit: BasedEdit | undefined): Chunk[] | undefined {
    const d = edit ? (edit.start === edit.oldEnd && edit.text === '' ? undefined : { start: edit.start, oldEnd: edit.oldEnd, delta: edit.text.length - (edit.oldEnd - edit.start) }) : diffRegion(prev.text, text);
    if (!d) return prev.chunks;
    const chunks = prev.chunks;
    if (chunks.length === 0) return undefined;
    // After a syntax error, how the parser recovers depends on the text around it (an unclosed block is closed at the
    // next line starting with `resource`…): a block re-parsed alone could read differently. A full parse, as for JSON.
    if (prev.hasErrors) return undefined;
    const i = chunkAt(chunks, d.start);
    const c = chunks[i];
    if (!(c.start < d.start && d.oldEnd < c.end)) return undefined;
    // From the old text and the edit when it is known (the new text is not read), else cut out of the new text.
    const chunkText = detached(edit ? prev.text.slice(c.start, d.start) + edit.text + prev.text.slice(d.oldEnd, c.end) : text.slice(c.start, c.end + d.delta));
    const top = parseTopLevelItems(chunkText);
    const items = top.items;
    const block = items.length === 1 && items[0].start === 0 ? items[0].block : undefined;
    // Without errors, a block is closed: an unclosed one is always reported.
    if (top.errors.length > 0 || !block) return undefined;
    const parts = emptyParts();
    collectBlockValues(block, chunkText, parts);
    if (parts.errors.length > 0) return undefined;
    const fresh = chunkOf(c.start, c.end + d.delta, parts, top.comments, c.start);
    const out = chunks.slice(0, i);
    out.push(fresh);
    for (let k = i + 1; k < chunks.length; k++) out.push(moveChunk(chunks[k], d.delta));
    return out;
  }
}

function fullParse(text: string): Chunk[] {
  const top = parseTopLevelItems(text);
  const items = top.items;
  // A chunk per top-level item, from its start to the next one's; text before the first item (comments) is a chunk of its own.
  const bounds: number[] = [0];
  for (const it of items) if (it.start > bounds[bounds.length - 1]) bounds.push(it.start);
  const chunks: Chunk[] = [];
  // One scratch set of parts, emptied for each chunk: a chunk keeps exact-size arrays (a file has thousands of chunks).
  const parts = emptyParts();
  let itemIndex = 0;
  let errorIndex = 0;
  let commentIndex = 0;
  const errors = top.errors;
  const comments = top.comments;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k];
    // The last chunk takes everything after its start.
    const end = k + 1 < bounds.length ? bounds[k + 1] : Infinity;
    while (itemIndex < items.length && items[itemIndex].start < end) {
      const it = items[itemIndex++];
      if (it.block) collectBlockValues(it.block, text, parts);
    }
    // Parser errors and comments go to the chunk they start in (both lists are in source order).
    const errorStart = errorIndex;
    while (errorIndex < errors.length && errors[errorIndex].span.start < end) errorIndex++;
    const commentStart = commentIndex;
    while (commentIndex < comments.length && comments[commentIndex].span.start < end) commentIndex++;
    let chunkErrors: readonly SyntaxError[] = NONE;
    if (parts.errors.length > 0 || errorIndex > errorStart) {
      chunkErrors = parts.errors.concat(errors.slice(errorStart, errorIndex)).sort((a, b) => a.span.start - b.span.start);
    }
    chunks.push({
      start,
      end: k + 1 < bounds.length ? end : text.length,
      resources: parts.resources.slice(),
      parameters: parts.parameters.size > 0 ? [...parts.parameters] : NONE,
      locals: parts.locals.size > 0 ? [...parts.locals] : NONE,
      errors: chunkErrors,
      comments: commentIndex > commentStart ? comments.slice(commentStart, commentIndex) : NONE,
      providers: parts.providers.length > 0 ? parts.providers.map(providerResource) : NONE,
    });
    parts.resources.length = 0;
    parts.providers.length = 0;
    parts.parameters.clear();
    parts.locals.clear();
    parts.errors.length = 0;
  }
  return chunks;
}

/** Shared by every chunk that has none of something; never written to (chunks are rebuilt, not edited). */
const NONE: readonly never[] = Object.freeze([]);

/** A chunk from parts whose spans are relative to `base` (0 when they are already absolute). */
function chunkOf(start: number, end: number, parts: TerraformParts, comments: readonly Comment[], base: number): Chunk {
  return anchorChunk(
    {
      start: start,
      end: end,
      resources: parts.resources,
      parameters: [...parts.parameters],
      locals: [...parts.locals],
      errors: parts.errors,
      comments: [...comments],
      providers: parts.providers.map(providerResource),
    },
    base,
  );
}

/** Puts a chunk's spans (relative to `base`: 0 when absolute) on one anchor at `base`. */
function anchorChunk(c: Omit<Chunk, 'anchor'>, base: number): Chunk {
  const anchor = new Anchor(0);
  const resource = (r: Resource): Resource => {
    if (r.properties) anchorTree(r.properties, anchor);
    return { ...r, nameSpan: anchorSpan(r.nameSpan, anchor), typeSpan: anchorSpan(r.typeSpan, anchor), span: anchorSpan(r.span, anchor) };
  };
  const chunk: Chunk = {
    start: c.start,
    end: c.end,
    resources: c.resources.length === 0 ? NONE : c.resources.map(resource),
    parameters:
      c.parameters.length === 0
        ? NONE
        : c.parameters.map(([k, v]) => {
            anchorTree(v.node, anchor);
            return [k, { span: anchorSpan(v.span, anchor), node: v.node }];
          }),
    locals:
      c.locals.length === 0
        ? NONE
        : c.locals.map(([k, v]) => {
            anchorTree(v, anchor);
            return [k, v];
          }),
    errors: c.errors.length === 0 ? NONE : c.errors.map((e) => ({ message: e.message, span: anchorSpan(e.span, anchor) })),
    comments: c.comments.length === 0 ? NONE : c.comments.map((cm) => ({ text: cm.text, span: anchorSpan(cm.span, anchor) })),
    providers: c.providers.length === 0 ? NONE : c.providers.map(resource),
    anchor,
  };
  anchor.base = base;
  return chunk;
}

/** Moves a chunk by `d`: its spans follow its anchor; its nodes and Resource objects stay the same. */
function moveChunk(c: Chunk, d: number): Chunk {
  if (d === 0) return c;
  const anchored = c.anchor ? c : anchorChunk(c, 0);
  (anchored.anchor as Anchor).base += d;
  anchored.start = c.start + d;
  anchored.end = c.end + d;
  return anchored;
}

function assemble(chunks: readonly Chunk[]): ParsedDocument {
  const resources: Resource[] = [];
  const parameters = new Map<string, { span: Span; node: MapNode }>();
  const locals = new Map<string, ValueNode>();
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const providers: Resource[] = [];
  for (const c of chunks) {
    for (const r of c.resources) resources.push(r);
    for (const r of c.providers) providers.push(r);
    for (const [k, v] of c.parameters) if (!parameters.has(k)) parameters.set(k, v);
    for (const [k, v] of c.locals) if (!locals.has(k)) locals.set(k, v);
    for (const e of c.errors) errors.push(e);
    for (const cm of c.comments) comments.push(cm);
  }
  return terraformDocument(resources, parameters, locals, errors, comments, providers);
}
