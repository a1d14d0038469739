import type { DutyId, Kind, Owner } from '../model/duties';
import type { Language, ResourceMode } from '../model/types';

/**
 * How we know a service's kind: `stated` (the seed model names it), `documented` (the service's own security pages say
 * it), `derived` (the rule in the mission document, applied by us).
 */
export type Confidence = 'stated' | 'documented' | 'derived';

export interface ServiceEntry {
  /** Terraform provider service name (names_data.hcl key, incl. sub-services like `ec2ebs`, `vpc`), or the lowercased CFN namespace for CFN-only services. */
  readonly id: string;
  /** Full name, e.g. "Amazon Elastic Compute Cloud". */
  readonly name: string;
  readonly kind: Kind;
  /** URL backing the kind (the service's security documentation or the shared-responsibility page). */
  readonly kindSource: string;
  readonly confidence: Confidence;
  /** One line: why this kind. */
  readonly reason: string;
  /** The service's security documentation (for the hover header). */
  readonly securityDocUrl: string;
  /** Why `securityDocUrl` is not the service's own security chapter (a parent service's page, or none exists). */
  readonly securityDocsNote?: string;
  /** For `documented`: what the service's page says that supports the kind. */
  readonly evidence?: string;
}

/**
 * One duty's owner for a resource type (or a property value). Where both parties have a part (`shared`, or an AWS duty
 * with a switch of yours) `aws` says what AWS does and `customer` what you do, as sentence parts: "AWS terminates TLS
 * on the load balancer" / "you choose the listener protocol, the certificate and the security policy".
 */
export interface DutyRefinement {
  readonly duty: DutyId;
  readonly owner: Owner;
  readonly aws?: string;
  readonly customer?: string;
}

/** A per-resource-type (and optionally per-property) refinement of the service's kind or of one duty's owner. */
export interface Refinement {
  readonly kind?: Kind;
  readonly duties?: readonly DutyRefinement[];
  readonly reason: string;
  readonly source: string;
  /** The property that triggered it, e.g. "LaunchType: FARGATE" / "vpc_config". */
  readonly property?: string;
}

export type TypeLookup =
  | {
      readonly status: 'aws';
      readonly service: ServiceEntry;
      /** Kind after refinements. */
      readonly kind: Kind;
      readonly refinements: readonly Refinement[];
      /** A CloudFormation custom resource whose provider the file names: the service it runs on is `service`. */
      readonly provider?: CustomProvider;
    }
  /** Custom resources, third-party registry types, non-AWS Terraform providers: recognized, never flagged. */
  | { readonly status: 'custom'; readonly reason: string; /** The AWS page that explains it, when there is one. */ readonly source?: string }
  /** Looks like AWS but is in no catalog; `suggestion` is the closest known type. */
  | { readonly status: 'unknown'; readonly suggestion?: string };

/** The Lambda function or SNS topic behind a custom resource's `ServiceToken`. */
export interface CustomProvider {
  readonly service: 'lambda' | 'sns';
  /** The provider's logical id, when it is a resource of the same template. */
  readonly resource?: string;
  readonly resourceType?: string;
  /** The provider's ARN (or `Fn::Sub` template), when the file gives one instead of a resource. */
  readonly arn?: string;
}

/** What the catalog needs to classify a resource: its type, and its properties for property-based refinements. */
export interface LookupInput {
  readonly language: Language;
  readonly type: string;
  readonly mode: ResourceMode;
  /** Reads a property's decided value (undefined when absent or unknown); used for property refinements. */
  readonly property?: (path: readonly string[]) => unknown;
}
