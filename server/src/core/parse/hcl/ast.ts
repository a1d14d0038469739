/**
 * AST of HCL native syntax (the subset Terraform uses: all of it). Every node carries an exact span:
 * UTF-16 offsets into the source text, half-open [start, end).
 */
import type { Comment, Span, SyntaxError } from '../../model/types';

export interface Body {
  readonly kind: 'body';
  /** For a block body: from '{' to '}' inclusive; for the file: the whole text. */
  readonly span: Span;
  readonly items: readonly BodyItem[];
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: Expression;
  /** From the name to the end of the value. */
  readonly span: Span;
}

export interface BlockLabel {
  readonly value: string;
  /** The label's text: inside the quotes for a quoted label, the identifier otherwise. */
  readonly span: Span;
  readonly quoted: boolean;
}

export interface Block {
  readonly kind: 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly BlockLabel[];
  readonly body: Body;
  /** From the type keyword to the closing '}' (or to where the body stopped when it is unclosed). */
  readonly span: Span;
  /** False when the closing '}' is missing. */
  readonly closed: boolean;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | CallExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | InvalidExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly span: Span;
  readonly value: number | boolean | null;
}

export interface HeredocInfo {
  readonly marker: string;
  /** `<<-EOF`: the least indentation is removed from every line. */
  readonly indented: boolean;
}

/** A quoted string (`"a ${b}"`) or a heredoc. */
export interface TemplateExpr {
  readonly kind: 'template';
  readonly span: Span;
  readonly parts: readonly TemplatePart[];
  readonly heredoc?: HeredocInfo;
}

export type TemplatePart = TemplateLiteralPart | TemplateInterpPart | TemplateIfPart | TemplateForPart;

export interface TemplateLiteralPart {
  readonly kind: 'literal';
  readonly span: Span;
  /** Decoded text (escapes resolved, `$${` → `${`); heredoc indentation is NOT removed here. */
  readonly value: string;
}

export interface TemplateInterpPart {
  readonly kind: 'interp';
  /** From `${` to `}`. */
  readonly span: Span;
  readonly expr: Expression;
}

export interface TemplateIfPart {
  readonly kind: 'if';
  readonly span: Span;
  readonly cond: Expression;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
}

export interface TemplateForPart {
  readonly kind: 'for';
  readonly span: Span;
  readonly keyVar?: Identifier;
  readonly valueVar: Identifier;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
}

export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

export type TraversalStep =
  | { readonly kind: 'attr'; readonly name: string; readonly span: Span }
  | { readonly kind: 'index'; readonly key: Expression; readonly span: Span }
  /** `.*` (full: false) or `[*]` (full: true). */
  | { readonly kind: 'splat'; readonly full: boolean; readonly span: Span };

/** `var.x`, `aws_s3_bucket.b[0].id`, `a.*.b`, `a[*].b`, a bare variable `x`. */
export interface ScopeTraversalExpr {
  readonly kind: 'traversal';
  readonly span: Span;
  readonly root: Identifier;
  readonly steps: readonly TraversalStep[];
}

/** Steps applied to a non-variable expression: `f(x).a`, `(x)[0]`, `[1, 2][0]`. */
export interface RelativeTraversalExpr {
  readonly kind: 'relative';
  readonly span: Span;
  readonly source: Expression;
  readonly steps: readonly TraversalStep[];
}

export interface CallExpr {
  readonly kind: 'call';
  readonly span: Span;
  /** `lookup`, or `provider::aws::arn_parse` for provider-defined functions. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expression[];
  /** `f(x, y...)`: the last argument is expanded. */
  readonly expandFinal: boolean;
}

export interface TupleExpr {
  readonly kind: 'tuple';
  readonly span: Span;
  readonly items: readonly Expression[];
}

export interface ObjectItem {
  /** The key as an expression (a bare identifier key is a ScopeTraversalExpr with no steps). */
  readonly key: Expression;
  /** The key as a literal string when it is one (bare identifier or a quoted string without interpolation). */
  readonly keyName?: string;
  /** The key's text: the identifier, or inside the quotes. */
  readonly keySpan: Span;
  readonly value: Expression;
  readonly span: Span;
}

export interface ObjectExpr {
  readonly kind: 'object';
  readonly span: Span;
  readonly items: readonly ObjectItem[];
}

export interface ForExpr {
  readonly kind: 'for';
  readonly span: Span;
  /** `{for ...}` builds an object, `[for ...]` a tuple. */
  readonly isObject: boolean;
  readonly keyVar?: Identifier;
  readonly valueVar: Identifier;
  readonly collection: Expression;
  /** Object for only: the expression before `=>`. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  /** Object for only: `...` grouping mode. */
  readonly group: boolean;
  readonly cond?: Expression;
}

export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly span: Span;
  readonly cond: Expression;
  readonly then: Expression;
  readonly else: Expression;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly span: Span;
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly span: Span;
  readonly op: '!' | '-';
  readonly operand: Expression;
}

export interface ParenExpr {
  readonly kind: 'paren';
  readonly span: Span;
  readonly expr: Expression;
}

/** Placeholder where an expression was expected but could not be parsed (an error was recorded). */
export interface InvalidExpr {
  readonly kind: 'invalid';
  readonly span: Span;
}

export interface HclFile {
  readonly body: Body;
  readonly comments: readonly Comment[];
  readonly errors: readonly SyntaxError[];
}
