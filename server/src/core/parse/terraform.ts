/**
 * Terraform (.tf, HCL native syntax) → the shared resource model. Every provider's resources are returned;
 * the catalog decides which are AWS.
 */
import type { Comment, MapNode, ParsedDocument, Resource, Span, SyntaxError, ValueNode } from '../model/types';
import type { Block, HclFile } from './hcl/ast';
import { parseHcl } from './hcl/parser';
import { templateLiteral } from './hcl/refs';
import { bodyToMap, exprToValue } from './hcl/to-value';

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
  /** `alias = "east"` when present (literal only). */
  readonly alias?: string;
  /** `aws` or `aws.east`: how resources refer to it in `provider = ...`. */
  readonly ref: string;
  readonly span: Span;
  readonly body: MapNode;
}

export interface TerraformOutput {
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly body: MapNode;
}

/** Everything parseTerraform extracts, plus what does not fit ParsedDocument (providers, outputs, the AST). */
export interface TerraformParse {
  readonly document: ParsedDocument;
  readonly providers: readonly TerraformProvider[];
  readonly outputs: readonly TerraformOutput[];
  readonly ast: HclFile;
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

export function parseTopLevel(text: string): HclFile {
  return parseHcl(text, { isTopLevelBlockType: (n) => TERRAFORM_TOP_LEVEL_BLOCKS.has(n) });
}

/** Never throws. */
export function parseTerraformFile(text: string): TerraformParse {
  const ast = parseTopLevel(text);
  const parts = emptyParts();
  parts.errors.push(...ast.errors);
  for (const item of ast.body.items) if (item.kind === 'block') collectBlock(item, text, parts);
  parts.errors.sort((a, b) => a.span.start - b.span.start);
  const document = terraformDocument(parts.resources, parts.parameters, parts.locals, parts.errors, [...ast.comments]);
  return { document, providers: parts.providers, outputs: parts.outputs, ast };
}

/** A Terraform ParsedDocument from what its blocks declare. */
export function terraformDocument(
  resources: Resource[],
  parameters: Map<string, { span: Span; node: MapNode }>,
  locals: Map<string, ValueNode>,
  syntaxErrors: SyntaxError[],
  comments: Comment[],
): ParsedDocument {
  return {
    language: 'terraform',
    isTemplate: true,
    resources,
    declarations: { parameters, conditions: new Map(), mappings: new Map(), locals },
    transforms: [],
    syntaxErrors,
    comments,
  };
}

/** Adds one top-level block to the parts (resource, data, module, variable, locals, provider, output). */
export function collectBlock(item: Block, text: string, parts: TerraformParts): void {
  const { resources, parameters, locals, providers, outputs, errors } = parts;
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
        properties: bodyToMap(item.body, text),
      });
      break;
    }
    case 'module': {
      if (labels.length !== 1) {
        errors.push(labelError(item, 1, 'a name'));
        break;
      }
      const [name] = labels;
      const properties = bodyToMap(item.body, text);
      let type = '';
      let typeSpan = name.span;
      for (const b of item.body.items) {
        if (b.kind !== 'attribute' || b.name !== 'source' || b.expr.kind !== 'template') continue;
        const lit = templateLiteral(b.expr);
        if (lit === undefined) continue;
        type = lit;
        typeSpan = b.expr.heredoc
          ? b.expr.span
          : { start: b.expr.span.start + 1, end: Math.max(b.expr.span.start + 1, b.expr.span.end - 1) };
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
        properties,
      });
      break;
    }
    case 'variable':
      if (labels.length === 1) parameters.set(labels[0].value, { span: item.span, node: bodyToMap(item.body, text) });
      else errors.push(labelError(item, 1, 'a name'));
      break;
    case 'locals':
      for (const a of item.body.items) if (a.kind === 'attribute') locals.set(a.name, exprToValue(a.expr, text));
      break;
    case 'provider': {
      if (labels.length !== 1) break;
      const body = bodyToMap(item.body, text);
      let alias: string | undefined;
      for (const a of item.body.items) {
        if (a.kind === 'attribute' && a.name === 'alias' && a.expr.kind === 'template') alias = templateLiteral(a.expr);
      }
      const name = labels[0].value;
      providers.push({ name, nameSpan: labels[0].span, alias, ref: alias ? `${name}.${alias}` : name, span: item.span, body });
      break;
    }
    case 'output':
      if (labels.length === 1) {
        outputs.push({ name: labels[0].value, nameSpan: labels[0].span, span: item.span, body: bodyToMap(item.body, text) });
      }
      break;
    default:
      break;
  }
}

function labelError(block: Block, expected: number, what: string): SyntaxError {
  const got = block.labels.length;
  return {
    message: `A '${block.type}' block needs ${expected} label${expected > 1 ? 's' : ''} (${what}); found ${got}`,
    span: block.typeSpan,
  };
}
