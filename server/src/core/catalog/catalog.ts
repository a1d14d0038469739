/** The AWS resource catalog: type → service → kind (with per-type/per-property refinements). Data is loaded once, lazily. */
import type { Kind } from '../model/duties';
import type { LookupInput, Refinement, ServiceEntry, TypeLookup } from './catalog-api';
import { loadCatalogJson, loadClassificationJson, type RefinementJson, type RefinementWhenJson } from './catalog-data';
import { editDistance } from './edit-distance';
import { moduleService } from './terraform-modules';

type Language = 'cloudformation' | 'terraform';

interface Index {
  readonly services: readonly ServiceEntry[];
  readonly byId: ReadonlyMap<string, ServiceEntry>;
  readonly cfn: ReadonlyMap<string, ServiceEntry>;
  readonly tfResource: ReadonlyMap<string, ServiceEntry>;
  readonly tfData: ReadonlyMap<string, ServiceEntry>;
  /** Refinements by language, then type. */
  readonly refinements: { readonly [L in Language]: ReadonlyMap<string, readonly RefinementJson[]> };
  readonly sources: Record<string, string>;
}

let index: Index | undefined;

function build(): Index {
  const catalog = loadCatalogJson();
  const classification = loadClassificationJson();
  const services: ServiceEntry[] = [];
  const byId = new Map<string, ServiceEntry>();
  const cfn = new Map<string, ServiceEntry>();
  const tfResource = new Map<string, ServiceEntry>();
  const tfData = new Map<string, ServiceEntry>();
  for (const s of catalog.services) {
    const c = classification.services[s.id];
    if (!c) throw new Error(`data/classification.json has no entry for service "${s.id}"`);
    const entry: ServiceEntry = Object.freeze({
      id: s.id,
      name: s.name,
      kind: c.kind,
      kindSource: c.source,
      confidence: c.confidence,
      reason: c.reason,
      securityDocUrl: c.securityDocs,
      ...(c.securityDocsNote ? { securityDocsNote: c.securityDocsNote } : {}),
      ...(c.evidence ? { evidence: c.evidence } : {}),
    });
    services.push(entry);
    byId.set(s.id, entry);
    for (const t of s.cloudformation ?? []) cfn.set(t, entry);
    for (const t of s.terraform ?? []) tfResource.set(t, entry);
    for (const t of s.terraformData ?? []) tfData.set(t, entry);
  }
  const refinements = { cloudformation: new Map<string, RefinementJson[]>(), terraform: new Map<string, RefinementJson[]>() };
  for (const r of classification.refinements) {
    for (const lang of ['cloudformation', 'terraform'] as const) {
      for (const t of r.types[lang] ?? []) {
        const list = refinements[lang].get(t) ?? [];
        list.push(r);
        refinements[lang].set(t, list);
      }
    }
  }
  return { services: Object.freeze(services), byId, cfn, tfResource, tfData, refinements, sources: { ...catalog.sources } };
}

function idx(): Index {
  index ??= build();
  return index;
}

/** Builds the catalog's index now rather than at the first lookup (the server, while the editor waits to initialize). */
export function prepareCatalog(): void {
  idx();
}

/** First-party CloudFormation publishers besides `AWS` (their registry types ship in the AWS spec). */
const FIRST_PARTY_CFN = new Set(['AWS', 'Alexa']);

export function getService(id: string): ServiceEntry | undefined {
  return idx().byId.get(id);
}

export function allServices(): readonly ServiceEntry[] {
  return idx().services;
}

export function catalogInfo(): {
  sources: Record<string, string>;
  cloudformationTypes: number;
  terraformResources: number;
  terraformDataSources: number;
  services: number;
} {
  const i = idx();
  return {
    sources: { ...i.sources },
    cloudformationTypes: i.cfn.size,
    terraformResources: i.tfResource.size,
    terraformDataSources: i.tfData.size,
    services: i.services.length,
  };
}

const knownCache = new Map<string, readonly string[]>();

export function knownTypes(language: Language, mode: 'resource' | 'data' = 'resource'): readonly string[] {
  const key = `${language}:${mode}`;
  let list = knownCache.get(key);
  if (!list) {
    const i = idx();
    const map = language === 'cloudformation' ? (mode === 'data' ? new Map() : i.cfn) : mode === 'data' ? i.tfData : i.tfResource;
    list = Object.freeze([...map.keys()].sort());
    knownCache.set(key, list);
  }
  return list;
}

const suggestionCache = new Map<string, string | undefined>();

/** The closest known type (same namespace / prefix first, then edit distance), or undefined when nothing is close. */
export function suggestType(language: Language, type: string, mode: 'resource' | 'data' = 'resource'): string | undefined {
  if (typeof type !== 'string' || type.length === 0 || type.length > 256) return undefined;
  const key = `${language}:${mode}:${type}`;
  if (suggestionCache.has(key)) return suggestionCache.get(key);
  const all = knownTypes(language, mode);
  const lower = type.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  const max = Math.max(2, Math.floor(type.length / 3));
  const ns = language === 'cloudformation' ? type.split('::').slice(0, 2).join('::').toLowerCase() : undefined;
  for (const cand of all) {
    const c = cand.toLowerCase();
    if (c === lower) {
      best = cand;
      break;
    }
    const d = editDistance(lower, c, Math.min(max, bestScore));
    // Prefer candidates in the same CloudFormation namespace on equal distance.
    const score = d + (ns && !c.startsWith(ns + '::') ? 0.5 : 0);
    if (d <= max && score < bestScore) {
      bestScore = score;
      best = cand;
    }
  }
  if (suggestionCache.size > 5000) suggestionCache.clear();
  suggestionCache.set(key, best);
  return best;
}

function isCustomCfn(type: string): string | undefined {
  if (type.startsWith('Custom::')) return 'CloudFormation custom resource (backed by your own Lambda function or SNS topic)';
  if (type === 'AWS::CloudFormation::CustomResource') return 'CloudFormation custom resource (backed by your own Lambda function or SNS topic)';
  // In every stack the AWS CDK synthesizes (unless analytics are off): not in the resource specification, not a service.
  if (type === 'AWS::CDK::Metadata') return 'AWS CDK metadata (the CDK version and construct libraries used, for AWS’s usage statistics): creates nothing in your account';
  const parts = type.split('::');
  if (parts.length >= 3 && parts.every((p) => /^[A-Za-z0-9]+$/.test(p)) && !FIRST_PARTY_CFN.has(parts[0])) {
    return parts.length === 4 && parts[3] === 'MODULE'
      ? 'CloudFormation registry module of another publisher'
      : 'CloudFormation registry type of another publisher (not an AWS service)';
  }
  return undefined;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

function same(a: unknown, b: string | number | boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function matches(when: RefinementWhenJson, language: Language, read: LookupInput['property']): string | undefined {
  const path = when[language];
  if (!path || !read) return undefined;
  let value: unknown;
  try {
    value = read(path);
  } catch {
    return undefined;
  }
  const label = path.join('.');
  if (when.present) return isEmpty(value) ? undefined : label;
  if (when.equals) {
    const hit = when.equals.find((e) => same(value, e));
    return hit !== undefined ? `${label}: ${String(hit)}` : undefined;
  }
  if (when.includes) {
    const list = Array.isArray(value) ? value : [value];
    const hit = when.includes.find((e) => list.some((v) => same(v, e)));
    return hit !== undefined ? `${label}: ${hit}` : undefined;
  }
  if (when.startsWith !== undefined) {
    return typeof value === 'string' && value.toLowerCase().startsWith(when.startsWith.toLowerCase())
      ? `${label}: ${value}`
      : undefined;
  }
  return undefined;
}

/**
 * Lookups already made, by language, type and the refinements that matched (each with the property it matched on):
 * every resource that reads the same gets the same frozen lookup, so that what is derived from it is computed once
 * (the owners: duty-owners.ts). A startsWith refinement keys on the value it read, so the map is cleared past a bound.
 */
const refinedCache = new Map<string, TypeLookup>();
const MAX_REFINED = 4096;
const NO_REFINEMENTS: readonly Refinement[] = Object.freeze([]);

function refine(language: Language, type: string, service: ServiceEntry, input: LookupInput): TypeLookup {
  const rules = idx().refinements[language].get(type);
  let key = `${language}\u0000${type}`;
  let properties: (string | undefined)[] | undefined;
  let matched: number[] | undefined;
  if (rules) {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      let property: string | undefined;
      if (r.when) {
        property = matches(r.when, language, input.property);
        if (property === undefined) continue;
      }
      (matched ??= []).push(i);
      (properties ??= []).push(property);
      key += `\u0000${i}:${property ?? ''}`;
    }
  }
  const hit = refinedCache.get(key);
  if (hit) return hit;
  let kind: Kind = service.kind;
  let applied: readonly Refinement[] = NO_REFINEMENTS;
  if (rules && matched && properties) {
    const list: Refinement[] = [];
    for (let m = 0; m < matched.length; m++) {
      const r = rules[matched[m]];
      const property = properties[m];
      if (r.kind) kind = r.kind;
      list.push(
        Object.freeze({
          ...(r.kind ? { kind: r.kind } : {}),
          ...(r.duties ? { duties: r.duties } : {}),
          reason: r.reason,
          source: r.source,
          ...(property !== undefined ? { property } : {}),
        }),
      );
    }
    applied = Object.freeze(list);
  }
  const lookup: TypeLookup = Object.freeze({ status: 'aws', service, kind, refinements: applied });
  if (refinedCache.size >= MAX_REFINED) refinedCache.clear();
  refinedCache.set(key, lookup);
  return lookup;
}

export function lookupType(input: LookupInput): TypeLookup {
  const type = typeof input?.type === 'string' ? input.type.trim() : '';
  if (!type) return { status: 'unknown' };
  const i = idx();
  if (input.language === 'cloudformation') {
    // The spec lists AWS::CloudFormation::CustomResource, but what it creates is the customer's own: custom wins.
    const svc = i.cfn.get(type);
    if (svc && type !== 'AWS::CloudFormation::CustomResource') return refine('cloudformation', type, svc, input);
    const custom = isCustomCfn(type);
    if (custom) return { status: 'custom', reason: custom };
    const suggestion = suggestType('cloudformation', type);
    return suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
  }
  if (input.mode === 'module') {
    const id = moduleService(type);
    const svc = id ? i.byId.get(id) : undefined;
    if (svc) return { status: 'aws', service: svc, kind: svc.kind, refinements: [] };
    return { status: 'custom', reason: 'Terraform module; its resources are classified where they are declared' };
  }
  const mode = input.mode === 'data' ? 'data' : 'resource';
  const svc = (mode === 'data' ? i.tfData : i.tfResource).get(type);
  if (svc) return refine('terraform', type, svc, input);
  if (!type.startsWith('aws_')) return { status: 'custom', reason: 'Not a resource of the Terraform AWS provider' };
  const suggestion = suggestType('terraform', type, mode);
  return suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
}
