/** What the language-specific evaluators (CloudFormation intrinsics, HCL expressions) need from the engine. */
import type { ParsedDocument, ValueNode } from '../model/types';
import type { PlainValue } from './evaluator-api';
import type { Result } from './result';

/**
 * How a deploy-time input that has a default (CFN parameter `Default`, Terraform variable `default`) counts:
 * 'known' = the default, with `via` naming the parameter (the value can still be overridden at deploy time);
 * 'unknown' = unknown, dependsOn "parameter X (default …)".
 */
export type DefaultsPolicy = 'known' | 'unknown';

/**
 * Values given to a module's inputs from outside its declarations: Terraform `.tfvars` files and `-var` options, the
 * arguments of a `module` call, the `Parameters` a parent stack passes to a nested stack.
 */
export interface InputSource {
  /** The value assigned to input `name` (its `vias` say where from), or undefined when nothing assigns it. */
  value(name: string): Result | undefined;
  /**
   * When the module is called by others (a Terraform child module, a nested stack) and a caller sets this input, its
   * value depends on the caller: what to say about it ("set by the caller: module.storage in main.tf"). Undefined when
   * no caller sets it (the default applies).
   */
  callerDependent?(name: string): string | undefined;
}

/** Per-instance names of a Terraform resource or module call expanded by `count` / `for_each`. */
export interface InstanceBindings {
  readonly count?: { readonly index: number };
  readonly each?: { readonly key: PlainValue; readonly value: PlainValue };
  /** Inside a `dynamic` block's `content`: its iterator (the block's label, or `iterator`) → this element's key and value. */
  readonly iterators?: ReadonlyMap<string, { readonly key: PlainValue; readonly value: PlainValue }>;
}

export interface EvaluatorOptions {
  readonly parameterDefaults?: DefaultsPolicy;
  readonly inputs?: InputSource;
  readonly bindings?: InstanceBindings;
}

export interface EvalContext {
  readonly doc: ParsedDocument;
  readonly defaults: DefaultsPolicy;
  readonly inputs: InputSource | undefined;
  readonly bindings: InstanceBindings | undefined;
  /** Structural evaluation of any node (maps/lists recurse; NoValue entries dropped). */
  evalNode(node: ValueNode | undefined, depth: number): Result;
  /** A CloudFormation condition by name, memoized and cycle-guarded. */
  condition(name: string, depth: number): Result;
  /** A Terraform local by name, memoized and cycle-guarded. */
  local(name: string, depth: number): Result;
  /** Logical ids / Terraform addresses of the document's resources. */
  hasResource(id: string): boolean;
}
