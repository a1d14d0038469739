/**
 * SAM `Globals`: each AWS::Serverless::<X> resource gets effective properties = Globals.<X> merged under its own.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 *
 * Merge: the resource's own value wins; maps (not intrinsics) merge recursively; lists are NOT appended
 * (SAM appends Globals entries for list properties; here the resource's own list wins — a simplification:
 * it can only hide a Globals list entry, never invent one). Every value keeps its original span, so a
 * property that comes from Globals points into the Globals section.
 */
import { asMap, entryWithValue } from '../model/nodes';
import type { MapEntry, MapNode, ParsedDocument, Resource } from '../model/types';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const SERVERLESS_PREFIX = 'AWS::Serverless::';

/**
 * A SAM document declares the transform; one that uses AWS::Serverless::* types without it (SAM's own
 * integration-test templates, where the harness adds it) is taken as SAM too: those types exist only there.
 */
export function isSamDocument(doc: ParsedDocument): boolean {
  return doc.transforms.includes(SAM_TRANSFORM) || doc.resources.some((r) => r.type.startsWith(SERVERLESS_PREFIX));
}

/** A new document whose SAM resources carry their effective properties; the input is returned unchanged when there is nothing to merge. */
export function applySamGlobals(doc: ParsedDocument): ParsedDocument {
  if (!doc.globals || doc.globals.entries.length === 0 || !isSamDocument(doc)) return doc;
  const globals = doc.globals;
  let changed = false;
  const resources = doc.resources.map((r): Resource => {
    if (!r.type.startsWith(SERVERLESS_PREFIX)) return r;
    const section = sectionOf(globals, r.type.slice(SERVERLESS_PREFIX.length));
    if (!section || section.entries.length === 0) return r;
    changed = true;
    return { ...r, properties: r.properties ? mergeUnder(section, r.properties) : section };
  });
  return changed ? { ...doc, resources } : doc;
}

function sectionOf(globals: MapNode, name: string): MapNode | undefined {
  for (const e of globals.entries) if (e.key === name) return asMap(e.value);
  return undefined;
}

/** `own` over `base`: own entries first (maps merged recursively), then base-only entries. */
export function mergeUnder(base: MapNode, own: MapNode, depth = 0): MapNode {
  const baseByKey = new Map<string, MapEntry>();
  for (const e of base.entries) if (!baseByKey.has(e.key)) baseByKey.set(e.key, e);
  const ownKeys = new Set(own.entries.map((e) => e.key));
  const entries: MapEntry[] = own.entries.map((e) => {
    const b = baseByKey.get(e.key);
    if (b && depth < 100 && e.value.type === 'map' && b.value.type === 'map') return entryWithValue(e, mergeUnder(b.value, e.value, depth + 1));
    return e;
  });
  for (const e of base.entries) if (!ownKeys.has(e.key)) entries.push(e);
  return { type: 'map', span: own.span, entries };
}
