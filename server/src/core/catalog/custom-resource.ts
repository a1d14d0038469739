/**
 * CloudFormation custom resources (`AWS::CloudFormation::CustomResource`, `Custom::*`): what such a resource creates or
 * changes is done by its provider, the Lambda function or SNS topic named by `ServiceToken`. Every duty of what the
 * provider does is the customer's; when the file says which provider it is, the resource takes the provider's service
 * and kind, otherwise the card explains that the provider decides.
 */
import { resourceByBlock } from '../model/resource-index';
import type { DutyId } from '../model/duties';
import { asScalar, getPath } from '../model/nodes';
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import type { ValueEvaluator } from '../values/evaluator-api';
import { getService } from './catalog';
import type { CustomProvider, Refinement, TypeLookup } from './catalog-api';

export const CUSTOM_RESOURCES_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html';
const LAMBDA_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources-lambda.html';
const SNS_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources-sns.html';

/** Provider resource types in the same template, by the service that runs them. */
const PROVIDER_TYPES: Record<string, 'lambda' | 'sns'> = {
  'AWS::Lambda::Function': 'lambda',
  'AWS::Serverless::Function': 'lambda',
  'AWS::Lambda::Alias': 'lambda',
  'AWS::Lambda::Version': 'lambda',
  'AWS::SNS::Topic': 'sns',
};

/** `arn:<partition>:lambda:` / `arn:<partition>:sns:`, also as the start of a `Fn::Sub` template. */
const ARN_RE = /^arn:(?:aws[a-z-]*|\$\{AWS::Partition\}):(lambda|sns):/;

/** What the provider's code does is the customer's: its data, its code and its permissions. */
const PROVIDER_DUTIES: readonly DutyId[] = ['customer-data', 'platform-and-application-management', 'identity-and-access-management'];

export function isCustomResourceType(type: string): boolean {
  return type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
}

/**
 * The lookup of a custom resource, or undefined when `resource` is not one. Reads `ServiceToken` only: a `Ref` /
 * `Fn::GetAtt` of a Lambda function or SNS topic of the same template, or an ARN the file decides (a literal, a
 * parameter default, a `Fn::Sub` whose template starts with the ARN's service).
 */
export function customResourceLookup(resource: Resource, values: ValueEvaluator, doc?: ParsedDocument): TypeLookup | undefined {
  if (resource.language !== 'cloudformation' || !isCustomResourceType(resource.type)) return undefined;
  const token = getPath(resource.properties, ['ServiceToken']);
  const provider = token ? providerOf(token, values, doc) : undefined;
  if (!provider || typeof provider === 'string') {
    const why = provider ?? 'it has no ServiceToken';
    return {
      status: 'custom',
      reason: `CloudFormation custom resource: what it creates or changes is decided by its provider, and ${why}. Every duty of what the provider does is yours.`,
      source: CUSTOM_RESOURCES_DOC,
    };
  }
  const service = getService(provider.service);
  if (!service) return { status: 'custom', reason: 'CloudFormation custom resource (provider service not in the catalog)', source: CUSTOM_RESOURCES_DOC };
  const by = provider.resource ? `${provider.resourceType} ${clip(provider.resource)}` : clip(provider.arn ?? '');
  const reason =
    provider.service === 'lambda'
      ? `Custom resource run by the Lambda function ${by}: what it creates or changes is your function's code, with your function's permissions.`
      : `Custom resource served through the SNS topic ${by}: whatever subscribes to it does the work, and it is yours.`;
  const refinement: Refinement = {
    duties: PROVIDER_DUTIES.map((duty) => ({ duty, owner: 'customer' as const })),
    reason,
    source: provider.service === 'lambda' ? LAMBDA_DOC : SNS_DOC,
    property: 'ServiceToken',
  };
  return { status: 'aws', service, kind: service.kind, refinements: [refinement], provider };
}

/** The provider named by `ServiceToken`, or a phrase saying why the file does not decide it. */
function providerOf(token: ValueNode, values: ValueEvaluator, doc: ParsedDocument | undefined): CustomProvider | string {
  if (token.type === 'intrinsic' && (token.fn === 'Ref' || token.fn === 'Fn::GetAtt')) {
    const target = refTarget(token);
    const found = target !== undefined && doc ? resourceByBlock(doc, target) : undefined;
    const r = found && found.id === target && found.language === 'cloudformation' ? found : undefined;
    if (r) {
      const service = PROVIDER_TYPES[r.type];
      if (service) return { service, resource: r.id, resourceType: r.type };
      return `its ServiceToken points at ${clip(r.type)} ${clip(r.id)}, which is neither a Lambda function nor an SNS topic`;
    }
  }
  if (token.type === 'intrinsic' && token.fn === 'Fn::Sub') {
    const t = asScalar(token.arg.type === 'list' ? token.arg.items[0] : token.arg);
    const m = t && typeof t.value === 'string' ? ARN_RE.exec(t.value) : null;
    if (m) return { service: m[1] as 'lambda' | 'sns', arn: t!.value as string };
  }
  const ev = values.evaluate(token);
  if (ev.known) {
    const arn = typeof ev.value === 'string' ? ev.value : undefined;
    const m = arn !== undefined ? ARN_RE.exec(arn) : null;
    if (arn !== undefined && m) return { service: m[1] as 'lambda' | 'sns', arn };
    return 'its ServiceToken is not a Lambda function or SNS topic ARN';
  }
  const deps = ev.dependsOn.slice(0, 2).join(', ');
  return deps ? `its ServiceToken depends on ${clip(deps)}` : 'the file does not say which provider its ServiceToken names';
}

function refTarget(node: ValueNode & { type: 'intrinsic' }): string | undefined {
  const s = asScalar(node.arg);
  if (s && typeof s.value === 'string') return node.fn === 'Ref' ? s.value : s.value.split('.')[0];
  if (node.fn === 'Fn::GetAtt' && node.arg.type === 'list') {
    const first = asScalar(node.arg.items[0]);
    if (first && typeof first.value === 'string') return first.value;
  }
  return undefined;
}

/** Names from the template, kept short in a reason (consumers escape them). */
function clip(s: string): string {
  return s.length > 120 ? s.slice(0, 119) + '…' : s;
}
