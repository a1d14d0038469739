/**
 * The signature of a read (reads.ts) on a document: what the read's answer depends on, compared element by element
 * (`===`). Resources of a type: their definition nodes (the incremental parsers keep an unchanged resource's nodes);
 * the resource at an address: its definition node; whether an id exists; a property of the resources of a type that have
 * it: the property's shape as text, with the module the resource is in (an edit elsewhere in the resource re-parses it
 * into new nodes but leaves the shape as it was).
 */
import { getPath } from './nodes';
import { readParts } from './reads';
import { blockId, indexedByBlock, indexedOfType, modulePrefix } from './resource-index';
import type { ParsedDocument, Resource, ValueNode } from './types';

export type Signature = readonly unknown[];

/** The resources an analysis has that the previous one did not, and those it no longer has: their types and addresses. */
export interface Changed {
  readonly types: ReadonlySet<string>;
  readonly blocks: ReadonlySet<string>;
}

/** What changed between two resource lists (unchanged resources are the same objects: the incremental parsers). */
export function changedResources(before: readonly Resource[], after: readonly Resource[]): Changed {
  const types = new Set<string>();
  const blocks = new Set<string>();
  const add = (r: Resource): void => {
    types.add(r.type);
    blocks.add(blockId(r.id));
  };
  if (before.length === after.length) {
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      add(before[i]);
      add(after[i]);
    }
  } else {
    const was = new Set(before);
    const is = new Set(after);
    for (const r of after) if (!was.has(r)) add(r);
    for (const r of before) if (!is.has(r)) add(r);
  }
  return { types, blocks };
}

/**
 * Signatures of one document's reads, each computed once. A signature equal to the previous analysis's is that very
 * array, so that a memo compares its reads by identity (one comparison per read, not one per resource of the type);
 * a read no changed resource can affect (`changed`) takes the previous signature without computing it.
 */
export class ReadSignatures {
  private readonly cache = new Map<string, Signature>();
  constructor(
    private readonly doc: ParsedDocument,
    private previous?: ReadSignatures,
    private readonly changed?: Changed,
  ) {}

  private affected(key: string): boolean {
    if (!this.changed) return true;
    const { kind, args } = readParts(key);
    return kind === 'b' || kind === 'e' ? this.changed.blocks.has(args[0]) : this.changed.types.has(args[0]);
  }

  /** Once the analysis is done: forget the previous analysis's signatures (no chain of every analysis kept). */
  done(): void {
    this.previous = undefined;
  }

  of(key: string): Signature {
    let s = this.cache.get(key);
    if (!s) {
      const before = this.previous?.cache.get(key);
      if (before && !this.affected(key)) s = before;
      else {
        s = signature(this.doc, key);
        if (before && sameSignature(before, s)) s = before;
      }
      this.cache.set(key, s);
    }
    return s;
  }
}

export function sameSignature(a: Signature, b: Signature): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const IDS = new WeakMap<readonly Resource[], Set<string>>();
function resourceIds(doc: ParsedDocument): Set<string> {
  let ids = IDS.get(doc.resources);
  if (!ids) IDS.set(doc.resources, (ids = new Set(doc.resources.map((r) => r.id))));
  return ids;
}

function definitionOf(r: Resource): object {
  return r.definition ?? r.properties ?? r;
}

function signature(doc: ParsedDocument, key: string): Signature {
  const { kind, args } = readParts(key);
  if (kind === 't') return indexedOfType(doc, args[0]).map(definitionOf);
  if (kind === 'b') {
    const r = indexedByBlock(doc, args[0]);
    return [r ? definitionOf(r) : undefined];
  }
  if (kind === 'e') return [resourceIds(doc).has(args[0])];
  if (kind === 'p') {
    const path = args.slice(1);
    // Only the resources that have the property, each with the module it is in (what its references resolve against):
    // adding, renaming or removing a resource without it changes nothing such a read sees.
    const out: string[] = [];
    for (const r of indexedOfType(doc, args[0])) {
      const node = getPath(r.properties, path);
      if (node) out.push(`${modulePrefix(r)}\u0000${shape(node)}`);
    }
    return out;
  }
  return [key];
}

/** A node's structure and values as text, bounded (a huge property compares by its first few thousand parts and their count). */
function shape(node: ValueNode | undefined): string {
  if (!node) return '';
  const out: string[] = [];
  let budget = 4000;
  const walk = (n: ValueNode): void => {
    if (budget-- <= 0) return;
    switch (n.type) {
      case 'scalar':
        out.push(JSON.stringify(n.value));
        return;
      case 'expr':
        out.push(`e${JSON.stringify(n.text)}`);
        return;
      case 'intrinsic':
        out.push(`!${n.fn}(`);
        walk(n.arg);
        out.push(')');
        return;
      case 'list':
        out.push('[');
        for (const i of n.items) walk(i);
        out.push(']');
        return;
      case 'map':
        out.push('{');
        for (const e of n.entries) {
          out.push(`${JSON.stringify(e.key)}${e.labels ? JSON.stringify(e.labels) : ''}:`);
          walk(e.value);
        }
        out.push('}');
        return;
    }
  };
  walk(node);
  return budget <= 0 ? `${out.join(',')}…${out.length}` : out.join(',');
}
