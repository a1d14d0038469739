/**
 * Terraform JSON syntax (`.tf.json`) → the shared resource model, with exact spans from jsonc-parser's
 * error-tolerant `parseTree`. Strings containing `${` / `%{` are HCL templates → ExprNode with refs.
 */
import { parseTree, printParseErrorCode, visit, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Comment, MapEntry, MapNode, ParsedDocument, Resource, Span, SyntaxError, ValueNode } from '../model/types';
import { parseHclTemplate } from './hcl/parser';
import { collectRefs } from './hcl/refs';
import { deepValue, guardJson, type Guarded } from './nesting';
import { terraformDocument } from './terraform';

/** Never throws. */
export function parseTerraformJson(text: string): ParsedDocument {
  try {
    return convert(text);
  } catch (e) {
    return {
      language: 'terraform',
      isTemplate: true,
      resources: [],
      declarations: { parameters: new Map(), conditions: new Map(), mappings: new Map(), locals: new Map() },
      transforms: [],
      syntaxErrors: [{ message: `Internal parser error: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } }],
      comments: [],
    };
  }
}

function convert(text: string): ParsedDocument {
  // A leading BOM is nothing; values nested deeper than MAX_NESTING are masked (jsonc-parser recurses per level).
  const guard = guardJson(text);
  const src: Source = { text, guard, deepAt: guard.deep.length > 0 ? new Map(guard.deep.map((r) => [r.start, r])) : undefined };
  const parseErrors: ParseError[] = [];
  const root = parseTree(guard.text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const syntaxErrors: SyntaxError[] = parseErrors.map((e) => ({
    message: `JSON: ${printParseErrorCode(e.error)}`,
    // jsonc-parser reports an unterminated comment or string at the end one past it: spans stay within the text.
    span: { start: Math.min(e.offset, text.length), end: Math.min(e.offset + e.length, text.length) },
  }));
  for (const e of guard.errors) syntaxErrors.push(e);
  const comments: Comment[] = [];
  visit(guard.text, {
    onComment: (offset, length) => {
      if (guard.maskComments.has(offset)) return;
      const raw = text.slice(offset, offset + length);
      const body = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
      comments.push({ text: body, span: { start: offset, end: Math.min(offset + length, text.length) } });
    },
  });

  const resources: Resource[] = [];
  const parameters = new Map<string, { span: Span; node: MapNode }>();
  const locals = new Map<string, ValueNode>();
  const providers: Resource[] = [];

  if (root?.type === 'object') {
    for (const [key, keyNode, value] of properties(root)) {
      if (key === '//') {
        collectDocComment(value, comments);
        continue;
      }
      switch (key) {
        case 'resource':
        case 'data':
          for (const [type, typeKey, byName] of nestedObjects(value)) {
            for (const [name, nameKey, body] of nestedObjects(byName)) {
              if (body.type !== 'object') continue;
              resources.push({
                language: 'terraform',
                id: key === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
                name,
                nameSpan: innerSpan(nameKey),
                type,
                typeSpan: innerSpan(typeKey),
                span: { start: nameKey.offset, end: body.offset + body.length },
                mode: key,
                properties: toMap(body, src),
              });
            }
          }
          break;
        case 'module':
          for (const [name, nameKey, body] of nestedObjects(value)) {
            if (body.type !== 'object') continue;
            const source = properties(body).find(([k]) => k === 'source');
            const sourceNode = source?.[2];
            const isString = sourceNode?.type === 'string' && typeof sourceNode.value === 'string';
            resources.push({
              language: 'terraform',
              id: `module.${name}`,
              name,
              nameSpan: innerSpan(nameKey),
              type: isString ? String(sourceNode.value) : '',
              typeSpan: isString ? innerSpan(sourceNode) : innerSpan(nameKey),
              span: { start: nameKey.offset, end: body.offset + body.length },
              mode: 'module',
              properties: toMap(body, src),
            });
          }
          break;
        case 'variable':
          for (const [name, nameKey, body] of nestedObjects(value)) {
            if (body.type !== 'object') continue;
            parameters.set(name, { span: { start: nameKey.offset, end: body.offset + body.length }, node: toMap(body, src) });
          }
          break;
        case 'provider':
          // `"provider": {"aws": {...}}` or `{"aws": [{...}, {"alias": "east", ...}]}` (ParsedDocument.providers).
          for (const [name, nameKey, body] of nestedObjects(value)) {
            if (body.type !== 'object') continue;
            const map = toMap(body, src);
            const alias = map.entries.find((e) => e.key === 'alias' && e.value.type === 'scalar' && typeof e.value.value === 'string')?.value;
            const ref = alias && alias.type === 'scalar' ? `${name}.${String(alias.value)}` : name;
            providers.push({ language: 'terraform', id: `provider.${ref}`, name: ref, nameSpan: innerSpan(nameKey), type: 'provider', typeSpan: innerSpan(keyNode), span: { start: nameKey.offset, end: body.offset + body.length }, mode: 'resource', properties: map });
          }
          break;
        case 'locals':
          for (const obj of objectsOf(value)) {
            for (const [name, , v] of properties(obj)) if (name !== '//') locals.set(name, toValue(v, src));
          }
          break;
        default:
          break;
      }
    }
  } else if (root) {
    syntaxErrors.push({ message: 'A .tf.json file must contain a JSON object', span: { start: root.offset, end: root.offset + root.length } });
  }
  syntaxErrors.sort((a, b) => a.span.start - b.span.start);
  comments.sort((a, b) => a.span.start - b.span.start);
  return terraformDocument(resources, parameters, locals, syntaxErrors, comments, providers);
}

/** `[key, keyNode, valueNode]` of an object node's complete properties. */
function properties(obj: JsonNode): [string, JsonNode, JsonNode][] {
  const out: [string, JsonNode, JsonNode][] = [];
  if (obj.type !== 'object') return out;
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && k.type === 'string') out.push([String(k.value), k, v]);
  }
  return out;
}

/** An object, or each object of an array (Terraform JSON allows a list of objects for repeated blocks). */
function objectsOf(node: JsonNode): JsonNode[] {
  if (node.type === 'object') return [node];
  if (node.type === 'array') return (node.children ?? []).filter((c) => c.type === 'object');
  return [];
}

/** Properties of `node` (or of each object in it when it is an array), skipping `//` comment keys. */
function nestedObjects(node: JsonNode): [string, JsonNode, JsonNode][] {
  const out: [string, JsonNode, JsonNode][] = [];
  for (const obj of objectsOf(node)) {
    for (const p of properties(obj)) {
      if (p[0] === '//') continue;
      if (p[2].type === 'array') for (const o of objectsOf(p[2])) out.push([p[0], p[1], o]);
      else out.push(p);
    }
  }
  return out;
}

function collectDocComment(node: JsonNode, comments: Comment[]): void {
  if (node.type === 'string') comments.push({ text: String(node.value), span: { start: node.offset, end: node.offset + node.length } });
}

/** A string node's content without the quotes. */
function innerSpan(node: JsonNode): Span {
  if (node.type === 'string' && node.length >= 2) return { start: node.offset + 1, end: node.offset + node.length - 1 };
  return { start: node.offset, end: node.offset + node.length };
}

function spanOf(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The text being converted, and its masked values by offset (see `guardJson`). */
interface Source {
  readonly text: string;
  readonly guard: Guarded;
  readonly deepAt: ReadonlyMap<number, Span> | undefined;
}

function toMap(obj: JsonNode, src: Source): MapNode {
  const entries: MapEntry[] = [];
  for (const [key, keyNode, value] of properties(obj)) {
    if (key === '//') continue;
    entries.push({ key, keySpan: innerSpan(keyNode), value: toValue(value, src) });
  }
  return { type: 'map', span: spanOf(obj), entries };
}

function toValue(node: JsonNode, src: Source, depth = 0): ValueNode {
  const span = spanOf(node);
  const text = src.text;
  const deep = src.deepAt?.get(node.offset);
  if (deep) return deepValue(src.guard, text, deep);
  if (depth > 256) return { type: 'expr', span, text: text.slice(span.start, span.end), refs: [] };
  switch (node.type) {
    case 'object':
      return toMap(node, src);
    case 'array':
      return { type: 'list', span, items: (node.children ?? []).map((c) => toValue(c, src, depth + 1)) };
    case 'string': {
      const value = String(node.value);
      if (value.includes('${') || value.includes('%{')) {
        const { expr } = parseHclTemplate(value);
        if (expr.parts.some((p) => p.kind !== 'literal')) {
          return { type: 'expr', span, text: text.slice(span.start, span.end), refs: collectRefs(expr) };
        }
        // only escapes like `$${`: the template's literal value
        return { type: 'scalar', span, value: expr.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('') };
      }
      return { type: 'scalar', span, value };
    }
    case 'number':
      return { type: 'scalar', span, value: typeof node.value === 'number' ? node.value : Number(node.value) };
    case 'boolean':
      return { type: 'scalar', span, value: node.value === true };
    case 'null':
      return { type: 'scalar', span, value: null };
    default:
      return { type: 'expr', span, text: text.slice(span.start, span.end), refs: [] };
  }
}
