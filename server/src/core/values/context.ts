/** What the language-specific evaluators (CloudFormation intrinsics, HCL expressions) need from the engine. */
import type { ParsedDocument, ValueNode } from '../model/types';
import type { Result } from './result';

/**
 * How a deploy-time input that has a default (CFN parameter `Default`, Terraform variable `default`) counts:
 * 'known' = the default, with `via` naming the parameter (the value can still be overridden at deploy time);
 * 'unknown' = unknown, dependsOn "parameter X (default …)".
 */
export type DefaultsPolicy = 'known' | 'unknown';

export interface EvaluatorOptions {
  readonly parameterDefaults?: DefaultsPolicy;
}

export interface EvalContext {
  readonly doc: ParsedDocument;
  readonly defaults: DefaultsPolicy;
  /** Structural evaluation of any node (maps/lists recurse; NoValue entries dropped). */
  evalNode(node: ValueNode | undefined, depth: number): Result;
  /** A CloudFormation condition by name, memoized and cycle-guarded. */
  condition(name: string, depth: number): Result;
  /** A Terraform local by name, memoized and cycle-guarded. */
  local(name: string, depth: number): Result;
  /** Logical ids / Terraform addresses of the document's resources. */
  hasResource(id: string): boolean;
}
