/**
 * A document's resources by type and by block address, built once per resource list. Rules that look across the file
 * (the bucket policies, logging configurations or subnets of a file) ask it for every resource they check: a scan of
 * all resources per resource made a file of 10,000 buckets quadratic (seconds; minutes at 70,000).
 */
import { noteBlockRead, noteTypeRead } from './reads';
import type { ParsedDocument, Resource } from './types';

interface Index {
  readonly byType: Map<string, Resource[]>;
  /** Terraform instance addresses (`aws_x.y[0]`) under their block's (`aws_x.y`); the first resource per address. */
  readonly byBlock: Map<string, Resource>;
}

const indexes = new WeakMap<readonly Resource[], Index>();
const NONE: readonly Resource[] = [];

function indexOf(doc: ParsedDocument): Index {
  let ix = indexes.get(doc.resources);
  if (!ix) {
    ix = { byType: new Map(), byBlock: new Map() };
    for (const r of doc.resources) {
      const list = ix.byType.get(r.type);
      if (list) list.push(r);
      else ix.byType.set(r.type, [r]);
      const block = blockId(r.id);
      if (!ix.byBlock.has(block)) ix.byBlock.set(block, r);
    }
    indexes.set(doc.resources, ix);
  }
  return ix;
}

/** `aws_x.y[0]` / `aws_x.y["k"]` → `aws_x.y`; other ids unchanged. */
export function blockId(id: string): string {
  return id.endsWith(']') ? id.replace(/\[[^\]]*\]$/, '') : id;
}

/** The document's resources of one type, in source order (a read of the rule computing, model/reads.ts). */
export function resourcesOfType(doc: ParsedDocument, type: string): readonly Resource[] {
  noteTypeRead(type);
  return indexOf(doc).byType.get(type) ?? NONE;
}

/** resourcesOfType without noting a read (for the signatures of reads, read-signature.ts). */
export function indexedOfType(doc: ParsedDocument, type: string): readonly Resource[] {
  return indexOf(doc).byType.get(type) ?? NONE;
}

/** The document's resources of any of these types, in source order per type. */
export function resourcesOfTypes(doc: ParsedDocument, types: Iterable<string>): Resource[] {
  const out: Resource[] = [];
  for (const t of types) for (const r of resourcesOfType(doc, t)) out.push(r);
  return out;
}

/** The resource with this id or block address (an instance's address without its key); a read, as resourcesOfType. */
export function resourceByBlock(doc: ParsedDocument, id: string): Resource | undefined {
  const block = blockId(id);
  noteBlockRead(block);
  return indexOf(doc).byBlock.get(block);
}

/** resourceByBlock without noting a read. */
export function indexedByBlock(doc: ParsedDocument, block: string): Resource | undefined {
  return indexOf(doc).byBlock.get(block);
}

/** The resource as its file declares it: instances and module or nested-stack copies point back to it (`template`). */
export function originalOf(r: Resource): Resource {
  let cur = r;
  while (cur.template) cur = cur.template;
  return cur;
}

/** `module.m.` for a resource of a module instance (`module.m.aws_x.y`), '' in the root module. */
export function modulePrefix(r: Resource): string {
  const id = blockId(r.id);
  const own = r.template ? blockId(r.template.id) : undefined;
  return own && id !== own && id.endsWith(`.${own}`) ? id.slice(0, id.length - own.length) : '';
}
