/**
 * The AWS CDK construct path of a synthesized CloudFormation resource (`Metadata: {"aws:cdk:path": "Stack/Bucket/Resource"}`):
 * how CDK users find the TypeScript (or Python, Java…) that made it. Pure: reads the resource's own mapping.
 * The path is template text: escape it wherever it is shown.
 */
import { asMap, asScalar, get } from '../model/nodes';
import type { Resource } from '../model/types';

export const CDK_PATH_KEY = 'aws:cdk:path';

/** Longer paths are not construct paths a person reads; they are cut (the JSON keeps at most this many characters). */
const MAX_PATH = 1000;

/**
 * The construct path as the template writes it (`MyStack/Bucket/Resource`), when it is a literal string; undefined for
 * Terraform, for a resource without it, and for anything else there (an intrinsic, a number, an empty string).
 */
export function cdkPathOf(resource: Resource): string | undefined {
  if (resource.language !== 'cloudformation') return undefined;
  const def = resource.definition ?? resource.template?.definition;
  const value = asScalar(get(asMap(get(def, 'Metadata')), CDK_PATH_KEY))?.value;
  if (typeof value !== 'string') return undefined;
  const path = value.trim();
  if (path === '') return undefined;
  return path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path;
}

/**
 * The path as people name the construct: without the trailing `/Resource` (an L2 construct's CloudFormation resource)
 * or `/Default` segment CDK adds, so `MyStack/Bucket/Resource` reads `MyStack/Bucket`. A path that is only that
 * segment stays as it is.
 */
export function constructName(cdkPath: string): string {
  const m = /^(.+?)\/(?:Resource|Default)$/.exec(cdkPath);
  return m ? m[1] : cdkPath;
}
