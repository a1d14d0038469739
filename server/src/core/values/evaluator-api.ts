import type { ValueNode } from '../model/types';

/**
 * What the file itself decides about a value. `known` values are plain JSON-like data; anything that
 * depends on a deploy-time input (a parameter without default, `var.x` without default, an attribute
 * of another resource, an unsupported function) is `unknown`, and rules never report an unknown as a gap.
 */
export type Evaluated =
  | { readonly known: true; readonly value: PlainValue; /** how it was decided, e.g. "parameter Env (default prod)" */ readonly via?: string }
  | { readonly known: false; /** human-readable dependencies: "parameter VolumeEncrypted", "var.encrypted (no default)" */ readonly dependsOn: readonly string[] };

export type PlainValue = string | number | boolean | null | readonly PlainValue[] | { readonly [k: string]: PlainValue };

/**
 * Structural resolution: a node with its top-level intrinsic/expression reduced when the file decides it
 * (`!If [Cond, A, B]` with a known condition → the chosen branch node, `!Ref P` with a default → a scalar
 * node spanning the reference), so rules keep source spans to point at.
 */
export type Resolved =
  | { readonly known: true; readonly node: ValueNode; readonly via?: string }
  | { readonly known: false; readonly dependsOn: readonly string[] };

export interface ValueEvaluator {
  evaluate(node: ValueNode | undefined): Evaluated;
  resolve(node: ValueNode): Resolved;
  /** Truthiness helper: true/false when known (accepts "true"/"false" strings as CloudFormation does), undefined when unknown or absent. */
  bool(node: ValueNode | undefined): boolean | undefined;
}
