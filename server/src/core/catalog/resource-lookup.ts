/** The catalog lookup of one template resource, its property-dependent refinements read through the document's values. */
import { getPath } from '../model/nodes';
import type { ParsedDocument, Resource } from '../model/types';
import type { ValueEvaluator } from '../values/evaluator-api';
import { lookupType } from './catalog';
import type { TypeLookup } from './catalog-api';
import { customResourceLookup } from './custom-resource';

export function lookupResource(resource: Resource, values: ValueEvaluator, doc?: ParsedDocument): TypeLookup {
  const custom = customResourceLookup(resource, values, doc);
  if (custom) return custom;
  return lookupType({
    language: resource.language,
    type: resource.type,
    mode: resource.mode,
    property: (path) => {
      const node = getPath(resource.properties, path);
      if (!node) return undefined;
      const ev = values.evaluate(node);
      return ev.known ? ev.value : undefined;
    },
  });
}
