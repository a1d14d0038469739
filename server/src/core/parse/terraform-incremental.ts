/**
 * Terraform parsed across edits. Top-level blocks are independent in HCL, so after a full parse each block (with the
 * text up to the next one) is a chunk. When an edit lies inside one chunk and that chunk's new text still parses as one
 * complete block without errors, only it is re-parsed; every other chunk keeps its nodes, moved in place. Anything else
 * (an error, a block split or merged, an edit across blocks) takes a full parse, which then reports the errors with their
 * whole-file context.
 */
import { shiftInPlace, shiftSpan } from '../model/nodes';
import type { Comment, MapNode, ParsedDocument, Resource, Span, SyntaxError, ValueNode } from '../model/types';
import { chunkAt, diffRegion } from './text-diff';
import { collectBlock, emptyParts, parseTopLevel, terraformDocument, type TerraformParts } from './terraform';

interface Chunk {
  start: number;
  end: number;
  resources: Resource[];
  parameters: [string, { span: Span; node: MapNode }][];
  locals: [string, ValueNode][];
  errors: SyntaxError[];
  comments: Comment[];
}

export class TerraformParser {
  private prev: { text: string; chunks: Chunk[] } | undefined;
  /** Whether the last call re-parsed a single block; for tests and benchmarks. */
  lastFastPath = false;

  parse(text: string): ParsedDocument {
    const reused = this.prev ? this.reparseOne(this.prev, text) : undefined;
    this.lastFastPath = reused !== undefined;
    const chunks = reused ?? fullParse(text);
    this.prev = { text, chunks };
    return assemble(chunks);
  }

  private reparseOne(prev: { text: string; chunks: Chunk[] }, text: string): Chunk[] | undefined {
    const d = diffRegion(prev.text, text);
    if (!d) return prev.chunks;
    const chunks = prev.chunks;
    if (chunks.length === 0) return undefined;
    const i = chunkAt(chunks, d.start);
    const c = chunks[i];
    if (!(c.start < d.start && d.oldEnd < c.end)) return undefined;
    const chunkText = text.slice(c.start, c.end + d.delta);
    const ast = parseTopLevel(chunkText);
    const items = ast.body.items;
    if (ast.errors.length > 0 || items.length !== 1 || items[0].kind !== 'block' || !items[0].closed || items[0].span.start !== 0) return undefined;
    const parts = emptyParts();
    collectBlock(items[0], chunkText, parts);
    if (parts.errors.length > 0) return undefined;
    const fresh = chunkOf(c.start, c.end + d.delta, parts, ast.comments, c.start);
    const out = chunks.slice(0, i);
    out.push(fresh);
    for (let k = i + 1; k < chunks.length; k++) out.push(moveChunk(chunks[k], d.delta));
    return out;
  }
}

function fullParse(text: string): Chunk[] {
  const ast = parseTopLevel(text);
  const items = ast.body.items;
  const chunks: Chunk[] = [];
  // Text before the first item (comments) is a chunk of its own.
  const starts = [0, ...items.map((it) => it.span.start).filter((s) => s > 0)];
  const bounds = [...new Set(starts)].sort((a, b) => a - b);
  let itemIndex = 0;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k];
    const end = k + 1 < bounds.length ? bounds[k + 1] : text.length;
    const parts = emptyParts();
    while (itemIndex < items.length && items[itemIndex].span.start < end) {
      const it = items[itemIndex++];
      if (it.kind === 'block') collectBlock(it, text, parts);
    }
    chunks.push(chunkOf(start, end, parts, [], 0));
  }
  // Parser errors and comments go to the chunk they start in.
  for (const e of ast.errors) chunks[chunkAt(chunks, e.span.start)]?.errors.push(e);
  for (const cm of ast.comments) chunks[chunkAt(chunks, cm.span.start)]?.comments.push(cm);
  for (const c of chunks) c.errors.sort((a, b) => a.span.start - b.span.start);
  return chunks;
}

/** A chunk from parts whose spans are relative to `base` (0 when they are already absolute). */
function chunkOf(start: number, end: number, parts: TerraformParts, comments: readonly Comment[], base: number): Chunk {
  const c: Chunk = {
    start,
    end,
    resources: parts.resources,
    parameters: [...parts.parameters],
    locals: [...parts.locals],
    errors: parts.errors,
    comments: [...comments],
  };
  return base === 0 ? c : moveChunk({ ...c, start: start - base, end: end - base }, base);
}

function moveResource(r: Resource, d: number): Resource {
  if (r.properties) shiftInPlace(r.properties, d);
  return { ...r, nameSpan: shiftSpan(r.nameSpan, d), typeSpan: shiftSpan(r.typeSpan, d), span: shiftSpan(r.span, d) };
}

/** Moves a chunk by `d`; its nodes are moved in place (the chunk is owned by this parser). */
function moveChunk(c: Chunk, d: number): Chunk {
  if (d === 0) return c;
  return {
    start: c.start + d,
    end: c.end + d,
    resources: c.resources.map((r) => moveResource(r, d)),
    parameters: c.parameters.map(([k, v]) => {
      shiftInPlace(v.node, d);
      return [k, { span: shiftSpan(v.span, d), node: v.node }];
    }),
    locals: c.locals.map(([k, v]) => {
      shiftInPlace(v, d);
      return [k, v];
    }),
    errors: c.errors.map((e) => ({ message: e.message, span: shiftSpan(e.span, d) })),
    comments: c.comments.map((cm) => ({ text: cm.text, span: shiftSpan(cm.span, d) })),
  };
}

function assemble(chunks: readonly Chunk[]): ParsedDocument {
  const resources: Resource[] = [];
  const parameters = new Map<string, { span: Span; node: MapNode }>();
  const locals = new Map<string, ValueNode>();
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  for (const c of chunks) {
    for (const r of c.resources) resources.push(r);
    for (const [k, v] of c.parameters) if (!parameters.has(k)) parameters.set(k, v);
    for (const [k, v] of c.locals) if (!locals.has(k)) locals.set(k, v);
    for (const e of c.errors) errors.push(e);
    for (const cm of c.comments) comments.push(cm);
  }
  return terraformDocument(resources, parameters, locals, errors, comments);
}
