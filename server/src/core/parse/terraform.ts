/**
 * Terraform (.tf, HCL native syntax) → the shared resource model. Every provider's resources are returned;
 * the catalog decides which are AWS.
 */
import type { Comment, MapNode, ParsedDocument, Resource, Span, SyntaxError, ValueNode } from '../model/types';
import type { HclFile } from './hcl/ast';
import { parseHclFast, type TopBlock, type TopItem } from './hcl/fast';
import { parseHcl } from './hcl/parser';
import { bodyToMap } from './hcl/to-value';

/** Block types Terraform only allows at the top level of a file. */
export const TERRAFORM_TOP_LEVEL_BLOCKS: ReadonlySet<string> = new Set([
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
  'ephemeral',
]);

/** A `provider "aws" { ... }` configuration. */
export interface TerraformProvider {
  /** `aws` */
  readonly name: string;
  readonly nameSpan: Span;
  /** `alias = "east"`: the last `alias` attribute when its value is a literal string. */
  readonly alias?: string;
  /** `aws` or `aws.east`: how resources refer to it in `provider = ...`. */
  readonly ref: string;
  readonly span: Span;
  readonly body: MapNode;
  /** The `provider` keyword. */
  readonly typeSpan: Span;
}

/** A provider block as the Resource the provider rules read (ParsedDocument.providers). */
export function providerResource(p: TerraformProvider): Resource {
  return { language: 'terraform', id: `provider.${p.ref}`, name: p.ref, nameSpan: p.nameSpan, type: 'provider', typeSpan: p.typeSpan, span: p.span, mode: 'resource', properties: p.body };
}

export interface TerraformOutput {
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly body: MapNode;
}

/** Everything parseTerraform extracts, plus what does not fit ParsedDocument (providers, outputs). */
export interface TerraformParse {
  readonly document: ParsedDocument;
  readonly providers: readonly TerraformProvider[];
  readonly outputs: readonly TerraformOutput[];
}

export function parseTerraform(text: string): ParsedDocument {
  return parseTerraformFile(text).document;
}

/** What top-level items add to a document; filled item by item (also by the incremental parser, one block at a time). */
export interface TerraformParts {
  readonly resources: Resource[];
  readonly parameters: Map<string, { span: Span; node: MapNode }>;
  readonly locals: Map<string, ValueNode>;
  readonly providers: TerraformProvider[];
  readonly outputs: TerraformOutput[];
  readonly errors: SyntaxError[];
}

export function emptyParts(): TerraformParts {
  return { resources: [], parameters: new Map(), locals: new Map(), providers: [], outputs: [], errors: [] };
}

const isTopLevelBlockType = (n: string): boolean => TERRAFORM_TOP_LEVEL_BLOCKS.has(n);

export function parseTopLevel(text: string): HclFile {
  return parseHcl(text, { isTopLevelBlockType });
}

export interface TopLevelParse {
  readonly items: readonly TopItem[];
  readonly comments: readonly Comment[];
  readonly errors: readonly SyntaxError[];
}

/**
 * The top-level items of a Terraform file: from the fast path (hcl/fast.ts) when it reads the file, else from the full
 * parser (always when `full`). Both give the same items; only the full parser reports syntax errors. Never throws.
 */
export function parseTopLevelItems(text: string, full = false): TopLevelParse {
  const fast = full ? undefined : parseHclFast(text, isTopLevelBlockType);
  if (fast) return { items: fast.items, comments: fast.comments, errors: [] };
  const ast = parseTopLevel(text);
  const items: TopItem[] = [];
  for (const it of ast.body.items) {
    if (it.kind !== 'block') items.push({ start: it.span.start });
    else items.push({ start: it.span.start, block: { type: it.type, typeSpan: it.typeSpan, labels: it.labels, span: it.span, body: bodyToMap(it.body, text) } });
  }
  return { items, comments: ast.comments, errors: ast.errors };
}

/** Never throws. `full`: skip the fast path (for tests that compare the two). */
export function parseTerraformFile(text: string, full = false): TerraformParse {
  const top = parseTopLevelItems(text, full);
  const parts = emptyParts();
  for (const e of top.errors) parts.errors.push(e); // not push(...errors): a spread of 125,000+ overflows the stack
  for (const item of top.items) if (item.block) collectBlockValues(item.block, text, parts);
  parts.errors.sort((a, b) => a.span.start - b.span.start);
  const document = terraformDocument(parts.resources, parts.parameters, parts.locals, parts.errors, [...top.comments], parts.providers.map(providerResource));
  return { document, providers: parts.providers, outputs: parts.outputs };
}

/** A Terraform ParsedDocument from what its blocks declare. */
export function terraformDocument(
  resources: Resource[],
  parameters: Map<string, { span: Span; node: MapNode }>,
  locals: Map<string, ValueNode>,
  syntaxErrors: SyntaxError[],
  comments: Comment[],
  providers: readonly Resource[] = [],
): ParsedDocument {
  return {
    language: 'terraform',
    isTemplate: true,
    resources,
    declarations: { parameters, conditions: new Map(), mappings: new Map(), locals },
    transforms: [],
    syntaxErrors,
    comments,
    ...(providers.length > 0 ? { providers } : {}),
  };
}

/**
 * Adds one top-level block (resource, data, module, variable, locals, provider, output) to the parts, from its header
 * and its body as a value map (attributes: `block: false`, nested blocks: `block: true`). Shared by the full parser and
 * the fast path, so both build the same document.
 */
export function collectBlockValues(item: TopBlock, text: string, parts: TerraformParts): void {
  const { resources, parameters, locals, providers, outputs, errors } = parts;
  const body = item.body;
  const labels = item.labels;
  switch (item.type) {
    case 'resource':
    case 'data': {
      if (labels.length !== 2) {
        errors.push(labelError(item, 2, 'a type and a name'));
        break;
      }
      const [type, name] = labels;
      resources.push({
        language: 'terraform',
        id: item.type === 'data' ? `data.${type.value}.${name.value}` : `${type.value}.${name.value}`,
        name: name.value,
        nameSpan: name.span,
        type: type.value,
        typeSpan: type.span,
        span: item.span,
        mode: item.type,
        properties: body,
      });
      break;
    }
    case 'module': {
      if (labels.length !== 1) {
        errors.push(labelError(item, 1, 'a name'));
        break;
      }
      const [name] = labels;
      let type = '';
      let typeSpan = name.span;
      for (const e of body.entries) {
        // A string scalar is a template without interpolation (quoted or heredoc); numbers and bools are not sources.
        if (e.block || e.key !== 'source' || e.value.type !== 'scalar' || typeof e.value.value !== 'string') continue;
        const span = e.value.span;
        type = e.value.value;
        typeSpan = text.charCodeAt(span.start) === 34 ? { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) } : span;
      }
      resources.push({
        language: 'terraform',
        id: `module.${name.value}`,
        name: name.value,
        nameSpan: name.span,
        type,
        typeSpan,
        span: item.span,
        mode: 'module',
        properties: body,
      });
      break;
    }
    case 'variable':
      if (labels.length === 1) parameters.set(labels[0].value, { span: item.span, node: body });
      else errors.push(labelError(item, 1, 'a name'));
      break;
    case 'locals':
      for (const e of body.entries) if (!e.block) locals.set(e.key, e.value);
      break;
    case 'provider': {
      if (labels.length !== 1) break;
      let alias: string | undefined;
      for (const e of body.entries) {
        if (e.block || e.key !== 'alias') continue;
        alias = e.value.type === 'scalar' && typeof e.value.value === 'string' ? e.value.value : undefined;
      }
      const name = labels[0].value;
      providers.push({ name, nameSpan: labels[0].span, alias, ref: alias ? `${name}.${alias}` : name, span: item.span, body, typeSpan: item.typeSpan });
      break;
    }
    case 'output':
      if (labels.length === 1) {
        outputs.push({ name: labels[0].value, nameSpan: labels[0].span, span: item.span, body });
      }
      break;
    default:
      break;
  }
}

function labelError(block: TopBlock, expected: number, what: string): SyntaxError {
  const got = block.labels.length;
  return {
    message: `A '${block.type}' block needs ${expected} label${expected > 1 ? 's' : ''} (${what}); found ${got}`,
    span: block.typeSpan,
  };
}
