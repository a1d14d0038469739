/** Fixtures for the evaluator/links tests: CloudFormation from YAML text, Terraform from parseTerraform. */
import { templateFromRoot } from '../../../server/src/core/parse/cfn-template';
import { parseYamlWithLibrary } from '../../../server/src/core/parse/yaml-convert';
import type { ParsedDocument, Resource, ValueNode } from '../../../server/src/core/model/types';
import { getPath } from '../../../server/src/core/model/nodes';

export function cfn(text: string): ParsedDocument {
  return templateFromRoot(parseYamlWithLibrary(text).root, [], []);
}

export function resource(doc: ParsedDocument, id: string): Resource {
  const r = doc.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no resource ${id}`);
  return r;
}

/** A property node of a resource, by path below Properties. */
export function prop(doc: ParsedDocument, id: string, ...path: string[]): ValueNode {
  const n = getPath(resource(doc, id).properties, path);
  if (!n) throw new Error(`no ${id}.${path.join('.')}`);
  return n;
}

/** Text of a span, for span checks. */
export function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
