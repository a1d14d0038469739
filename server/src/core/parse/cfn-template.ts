import { spanLike, spanOver } from '../model/anchor';
import { asMap, asScalar, get, items } from '../model/nodes';
import type { Comment, Declarations, MapEntry, MapNode, ParsedDocument, Resource, SyntaxError, ValueNode } from '../model/types';

/**
 * A YAML/JSON document is a CloudFormation template when it has `AWSTemplateFormatVersion`, or a `Resources`
 * mapping whose entries have a `Type`. Anything else (docker-compose, workflows, package.json...) gets nothing.
 */
export function isTemplateRoot(root: ValueNode | undefined): root is MapNode {
  const map = asMap(root);
  if (!map) return false;
  if (get(map, 'AWSTemplateFormatVersion') !== undefined) return true;
  if (forEachEntries(get(map, 'Resources')).length > 0) return true;
  const resources = asMap(get(map, 'Resources'));
  if (!resources || resources.entries.length === 0) return false;
  return resources.entries.some((e) => asMap(e.value) !== undefined && get(asMap(e.value), 'Type') !== undefined);
}

/** One entry of `Resources` → a Resource (undefined when it has no `Type` string yet, e.g. while typing). */
export function resourceFromEntry(e: MapEntry): Resource | undefined {
  const def = asMap(e.value);
  if (!def) return undefined;
  const typeNode = asScalar(get(def, 'Type'));
  if (!typeNode || typeof typeNode.value !== 'string') return undefined;
  return {
    language: 'cloudformation',
    id: e.key,
    name: e.key,
    nameSpan: e.keySpan,
    type: typeNode.value,
    typeSpan: typeNode.span,
    span: spanOver(e.keySpan, def.span),
    mode: 'resource',
    properties: asMap(get(def, 'Properties')),
    definition: def,
  };
}

/** The `Outputs` entries of a template's top level, as Resources of type `output` (ParsedDocument.outputs). */
export function outputsOf(node: ValueNode | undefined): Resource[] {
  const out: Resource[] = [];
  for (const e of asMap(node)?.entries ?? []) {
    const def = asMap(e.value);
    if (def) out.push({ language: 'cloudformation', id: `Outputs.${e.key}`, name: e.key, nameSpan: e.keySpan, type: 'output', typeSpan: e.keySpan, span: spanOver(e.keySpan, def.span), mode: 'resource', properties: def, definition: def });
  }
  return out;
}

/** The key prefix of an `AWS::LanguageExtensions` loop (`Fn::ForEach::Tables`). */
export const FOREACH_PREFIX = 'Fn::ForEach::';

/**
 * The `Fn::ForEach::*` entries of a `Resources` mapping (or of one YAML chunk of it). A loop that is the only key of its
 * mapping was read as an intrinsic (normalizeLongForm): it comes back as an entry whose key span starts where the
 * mapping starts (exact for an unquoted YAML key; approximate for a quoted one or JSON's `{`).
 */
export function forEachEntries(node: ValueNode | undefined): MapEntry[] {
  if (!node) return [];
  if (node.type === 'intrinsic') {
    if (!node.fn.startsWith(FOREACH_PREFIX)) return [];
    return [{ key: node.fn, keySpan: spanLike(node.span, node.span.start, Math.min(node.span.end, node.span.start + node.fn.length)), value: node.arg }];
  }
  if (node.type !== 'map') return [];
  return node.entries.filter((e) => e.key.startsWith(FOREACH_PREFIX));
}

/** Parameters, Conditions and Mappings of a template's top level. */
export function declarationsOf(sections: ReadonlyMap<string, ValueNode>): Declarations {
  const parameters = new Map<string, { span: MapEntry['keySpan']; node: MapNode }>();
  for (const e of asMap(sections.get('Parameters'))?.entries ?? []) {
    const m = asMap(e.value);
    if (m) parameters.set(e.key, { span: e.keySpan, node: m });
  }
  const conditions = new Map<string, ValueNode>();
  for (const e of asMap(sections.get('Conditions'))?.entries ?? []) conditions.set(e.key, e.value);
  const mappings = new Map<string, MapNode>();
  for (const e of asMap(sections.get('Mappings'))?.entries ?? []) {
    const m = asMap(e.value);
    if (m) mappings.set(e.key, m);
  }
  return { parameters, conditions, mappings, locals: new Map() };
}

export function transformsOf(node: ValueNode | undefined): string[] {
  const out: string[] = [];
  for (const item of items(node)) {
    const s = asScalar(item);
    if (s && typeof s.value === 'string') out.push(s.value);
    const m = asMap(item);
    const name = asScalar(get(m, 'Name'));
    if (name && typeof name.value === 'string') out.push(name.value);
  }
  return out;
}

/** Builds the ParsedDocument of a whole-template root mapping (JSON, or YAML parsed in one piece). */
export function templateFromRoot(root: ValueNode | undefined, syntaxErrors: SyntaxError[], comments: Comment[]): ParsedDocument {
  const map = asMap(root);
  if (!isTemplateRoot(map)) return notATemplate(syntaxErrors, comments);
  const sections = new Map<string, ValueNode>();
  for (const e of map.entries) if (!sections.has(e.key)) sections.set(e.key, e.value);
  const resources: Resource[] = [];
  for (const e of asMap(sections.get('Resources'))?.entries ?? []) {
    const r = resourceFromEntry(e);
    if (r) resources.push(r);
  }
  return templateDocument(sections, resources, syntaxErrors, comments, forEachEntries(sections.get('Resources')));
}

/** A template's ParsedDocument from its top-level sections (first occurrence of each key) and its resources. */
export function templateDocument(
  sections: ReadonlyMap<string, ValueNode>,
  resources: Resource[],
  syntaxErrors: SyntaxError[],
  comments: Comment[],
  forEach: readonly MapEntry[] = [],
): ParsedDocument {
  return {
    language: 'cloudformation',
    isTemplate: true,
    resources,
    declarations: declarationsOf(sections),
    transforms: transformsOf(sections.get('Transform')),
    globals: asMap(sections.get('Globals')),
    ...(forEach.length > 0 ? { forEach } : {}),
    ...outputsField(sections.get('Outputs')),
    syntaxErrors,
    comments,
  };
}

function outputsField(node: ValueNode | undefined): { outputs?: readonly Resource[] } {
  const outputs = outputsOf(node);
  return outputs.length > 0 ? { outputs } : {};
}

export function notATemplate(syntaxErrors: SyntaxError[] = [], comments: Comment[] = []): ParsedDocument {
  return {
    language: 'cloudformation',
    isTemplate: false,
    resources: [],
    declarations: { parameters: new Map(), conditions: new Map(), mappings: new Map(), locals: new Map() },
    transforms: [],
    syntaxErrors,
    comments,
  };
}
