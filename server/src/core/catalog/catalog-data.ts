/** Shapes of data/catalog.json (generated) and data/classification.json (hand-curated), and their one-time load. */
import type { DutyId, Kind, Owner } from '../model/duties';
import type { Confidence, DutyRefinement } from './catalog-api';

export interface CatalogServiceJson {
  readonly id: string;
  readonly name: string;
  readonly nameSource: string;
  readonly cloudformationNamespaces?: readonly string[];
  readonly cloudformation?: readonly string[];
  readonly terraform?: readonly string[];
  readonly terraformData?: readonly string[];
}

export interface CatalogJson {
  readonly format: number;
  readonly sources: Record<string, string>;
  readonly counts: { cloudformationTypes: number; terraformResources: number; terraformDataSources: number; services: number };
  readonly services: readonly CatalogServiceJson[];
}

export interface ClassificationEntryJson {
  readonly kind: Kind;
  readonly confidence: Confidence;
  readonly source: string;
  readonly reason: string;
  readonly securityDocs: string;
  /** Why `securityDocs` is not the service's own security chapter (a parent service's page, or none exists). */
  readonly securityDocsNote?: string;
  /** For `documented`: what the service's page says that supports the kind. */
  readonly evidence?: string;
}

/** A property condition; the path is per language, the test is one of equals / includes / startsWith / present. */
export interface RefinementWhenJson {
  readonly cloudformation?: readonly string[];
  readonly terraform?: readonly string[];
  /** Case-insensitive for strings; any of the listed values. */
  readonly equals?: readonly (string | number | boolean)[];
  /** The value is a list containing one of these (case-insensitive). */
  readonly includes?: readonly string[];
  readonly startsWith?: string;
  /** The property is set (not empty). */
  readonly present?: true;
}

/**
 * A refinement for resource types, optionally only when a property has a value. Several may apply to one resource: for
 * a kind or a duty they both set, the later one in the file wins (so a property refinement listed after a type's
 * refinement is the more precise one).
 */
export interface RefinementJson {
  readonly id: string;
  readonly types: { readonly cloudformation?: readonly string[]; readonly terraform?: readonly string[] };
  readonly when?: RefinementWhenJson;
  readonly kind?: Kind;
  /** Owners of single duties; `aws` / `customer` say what each does (required for `shared`). */
  readonly duties?: readonly DutyRefinement[];
  /** One line: why (shown in the hover with `source`). */
  readonly reason: string;
  readonly source: string;
}

export interface ClassificationJson {
  readonly services: Record<string, ClassificationEntryJson>;
  readonly refinements: readonly RefinementJson[];
}

let catalogJson: CatalogJson | undefined;
let classificationJson: ClassificationJson | undefined;

/** Loaded on first use; esbuild inlines both files into the server bundle. */
export function loadCatalogJson(): CatalogJson {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load of bundled JSON
  catalogJson ??= require('../../../../data/catalog.json') as CatalogJson;
  return catalogJson;
}

export function loadClassificationJson(): ClassificationJson {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load of bundled JSON
  classificationJson ??= require('../../../../data/classification.json') as ClassificationJson;
  return classificationJson;
}
