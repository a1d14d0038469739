import type { TypeLookup } from '../catalog/catalog-api';
import type { DutyId, Owner } from '../model/duties';
import type { ParsedDocument, Resource, Span } from '../model/types';
import type { ValueEvaluator } from '../values/evaluator-api';
import type { LinkIndex } from '../values/links-api';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A machine-applicable fix: set a property to a value (add it when missing, replace it when wrong). */
export interface FixSpec {
  readonly title: string;
  /** Path of property keys below the resource's properties/body, e.g. ['StorageEncrypted'] or ['root_block_device','encrypted']. */
  readonly path: readonly string[];
  readonly value: boolean | string | number;
}

/**
 * An account-level setting the files cannot show but a workspace may declare (`assume:` in .aws-responsibility.yaml):
 * a gap it closes names it, and the configuration turns such gaps into met duties (config/assume.ts).
 */
export type Assumption = 'ebsEncryptionByDefault';

export const ASSUMPTIONS: readonly Assumption[] = ['ebsEncryptionByDefault'];

export interface Gap {
  /** One sentence naming the resource, the duty, the owner and the fix. */
  readonly message: string;
  /** The property at fault, or the resource type when the property is missing. */
  readonly span: Span;
  /** Overrides the rule's default severity for this gap (e.g. Error for port 22 open to the world). */
  readonly severity?: Severity;
  readonly fix?: FixSpec;
  /** The resource whose text `span` is in, when it is not the checked resource (a linked resource that configures it). */
  readonly at?: Resource;
  /** The account setting that closes this gap when the workspace configuration assumes it. */
  readonly closedBy?: Assumption;
}

export interface RuleOutcome {
  readonly status: 'met' | 'gap' | 'unknown' | 'not-applicable';
  /** For met: what meets it ("Encrypted: true", "linked aws_s3_bucket_public_access_block.b"). */
  readonly evidence?: string;
  /** For unknown: what the answer depends on ("parameter Encrypt (default true)"). */
  readonly dependsOn?: readonly string[];
  readonly gaps?: readonly Gap[];
}

export interface RuleContext {
  readonly doc: ParsedDocument;
  readonly values: ValueEvaluator;
  readonly links: LinkIndex;
  /** The resource's service full name and kind (for messages): "Amazon EBS", "infrastructure". */
  describe(resource: Resource): { readonly serviceName: string; readonly kind: string };
  /**
   * The resource's catalog lookup as this analysis made it (its property-dependent refinements evaluated with this
   * document's values); absent in contexts that do not have one, where rules look the type up themselves.
   */
  lookup?(resource: Resource): TypeLookup;
  /**
   * Another resource of the document with its Terraform `dynamic` blocks expanded where the files decide them
   * (core/dynamic-blocks.ts), for a rule that reads that resource's body (the resource a rule checks is already
   * expanded); absent in contexts that do not have one.
   */
  expanded?(resource: Resource): Resource;
  /**
   * In a Terraform module instance: where a resource of this type is created outside the instance, in the configuration
   * analysed (`module.flow_log`, "the calling module"); undefined when none is, or outside module instances. A resource
   * there that configures another (a flow log, a public access block) may name one of this module's through its
   * outputs, which the instance's own analysis cannot follow.
   */
  outside?(type: string): string | undefined;
}

export interface Rule {
  /** Stable id, e.g. "ebs-volume-encryption". */
  readonly id: string;
  readonly duty: DutyId;
  readonly owner: Owner;
  readonly title: string;
  /** The AWS documentation page that backs the rule. */
  readonly docUrl: string;
  readonly defaultSeverity: Severity;
  readonly cloudformationTypes: readonly string[];
  readonly terraformTypes: readonly string[];
  /**
   * The property paths the rule reads, per language (below the resource's properties / block body; list items and
   * repeated blocks are not indexed). The hover uses them to say which duty a property serves.
   */
  readonly properties?: { readonly cloudformation?: readonly (readonly string[])[]; readonly terraform?: readonly (readonly string[])[] };
  check(resource: Resource, ctx: RuleContext): RuleOutcome;
}
