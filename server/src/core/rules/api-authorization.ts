/**
 * Who may call an API Gateway API: REST methods, HTTP / WebSocket routes and the API events of SAM functions that
 * accept calls without authorization (`NONE`, the default). Choosing and configuring who may invoke an API is the
 * customer's part of identity and access management; AWS runs the authorizers.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
 */
import { asMap, get } from '../model/nodes';
import type { MapNode, Resource, ValueNode } from '../model/types';
import { modulePrefix, resourceByBlock, resourcesOfType } from '../model/resource-index';
import { exprRefs, soleResourceId, walk } from '../values/links';
import { asBool, asText, gapOutcome, isCfn, leaf, leaves, type Leaf } from './check';
import { quoteName } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';

const REST_APIS: ReadonlySet<string> = new Set(['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api', 'aws_api_gateway_rest_api']);

/** The resource of this document a value names by itself (`!Ref Api`, `!GetAtt Api.RootResourceId`, `aws_api_gateway_rest_api.a.id`). */
function namedResource(ctx: RuleContext, from: Resource, node: ValueNode | undefined): Resource | undefined {
  const id = node && soleResourceId(node);
  return id ? resourceByBlock(ctx.doc, isCfn(from) ? id : modulePrefix(from) + id) : undefined;
}

const upper = (l: Leaf): string | undefined => (l.kind === 'found' ? asText(l.value)?.toUpperCase() : undefined);

/**
 * What a REST API of the file lets through before any method's authorization: a private endpoint (reachable only
 * through interface VPC endpoints) is met; a resource policy (it may limit callers by account, IP or VPC endpoint) makes
 * the answer depend on it. Undefined when neither.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html
 */
function restApiLimits(ctx: RuleContext, api: Resource): RuleOutcome | undefined {
  const name = quoteName(api.id);
  const props = api.properties;
  const endpoint: Leaf[] =
    api.type === 'AWS::Serverless::Api'
      ? // `EndpointConfiguration: PRIVATE` or `{Type: PRIVATE}`.
        [...leaves(ctx, props, ['EndpointConfiguration']).filter((l) => l.kind !== 'found' || typeof l.value === 'string'), ...leaves(ctx, props, ['EndpointConfiguration', 'Type'])]
      : leaves(ctx, props, isCfn(api) ? ['EndpointConfiguration', 'Types'] : ['endpoint_configuration', 'types']);
  for (const e of endpoint) {
    if (e.kind === 'unknown') return unknown(e.dependsOn);
    if (e.kind === 'found' && [e.value].flat().some((t) => asText(t)?.toUpperCase() === 'PRIVATE')) return met(`API ${name} is private (reachable only through VPC endpoints)`);
  }
  const policy = api.type === 'AWS::Serverless::Api' ? get(asMap(get(props, 'Auth')), 'ResourcePolicy') : get(props, isCfn(api) ? 'Policy' : 'policy');
  if (policy) return unknown([`the resource policy of API ${name}`]);
  if (!isCfn(api)) {
    const block = `${api.type}.${api.name}`;
    for (const p of resourcesOfType(ctx.doc, 'aws_api_gateway_rest_api_policy')) {
      if (exprRefs(get(p.properties, 'rest_api_id')).some((r) => r.startsWith(block + '.'))) return unknown([`the resource policy ${quoteName(p.id)} of API ${name}`]);
    }
  }
  return undefined;
}

function methodCheck(ctx: RuleContext, resource: Resource, rule: Rule): RuleOutcome {
  const cfn = isCfn(resource);
  const props = resource.properties;
  // A CORS preflight (OPTIONS) carries no credentials: browsers send it without them.
  if (upper(leaf(ctx, props, [cfn ? 'HttpMethod' : 'http_method'])) === 'OPTIONS') return notApplicable;
  const auth = leaf(ctx, props, [cfn ? 'AuthorizationType' : 'authorization']);
  if (auth.kind === 'unknown') return unknown(auth.dependsOn);
  if (auth.kind === 'absent' && !cfn) return notApplicable; // `authorization` is required in Terraform
  const type = upper(auth);
  if (type !== undefined && type !== 'NONE') return met(`authorization ${type}`);
  const key = leaf(ctx, props, [cfn ? 'ApiKeyRequired' : 'api_key_required']);
  if (key.kind === 'unknown') return unknown(key.dependsOn);
  if (key.kind === 'found' && asBool(key.value) === true) return met('callers need an API key');
  const api = namedResource(ctx, resource, get(props, cfn ? 'RestApiId' : 'rest_api_id'));
  // An API the file does not hold (a parameter, a variable, another stack) may be private or have a resource policy.
  if (!api || !REST_APIS.has(api.type)) return unknown([`whether the API the method belongs to (${cfn ? '`RestApiId`' : '`rest_api_id`'}) is private or has a resource policy`]);
  const limits = restApiLimits(ctx, api);
  if (limits) return limits;
  return gapOutcome(ctx, resource, rule.duty, auth.kind === 'found' ? auth.node.span : resource.typeSpan, {
    what: 'method',
    problem: 'lets anyone who can reach the API call it without authorization (`NONE`)',
    fix: cfn
      ? 'set `AuthorizationType` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` (a Lambda authorizer, with `AuthorizerId`)'
      : 'set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` (a Lambda authorizer, with `authorizer_id`)',
  });
}

/**
 * An HTTP or WebSocket API route. A WebSocket API authorizes its `$connect` route only; `$disconnect` and the other
 * `$` keys are WebSocket routes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html
 */
function routeCheck(ctx: RuleContext, resource: Resource, rule: Rule): RuleOutcome {
  const cfn = isCfn(resource);
  const props = resource.properties;
  const auth = leaf(ctx, props, [cfn ? 'AuthorizationType' : 'authorization_type']);
  if (auth.kind === 'unknown') return unknown(auth.dependsOn);
  const type = upper(auth);
  if (type !== undefined && type !== 'NONE') return met(`authorization ${type}`);
  const keyLeaf = leaf(ctx, props, [cfn ? 'RouteKey' : 'route_key']);
  if (keyLeaf.kind === 'unknown') return unknown(keyLeaf.dependsOn);
  const key = keyLeaf.kind === 'found' ? asText(keyLeaf.value) ?? '' : '';
  if (/^OPTIONS\s/i.test(key)) return notApplicable;
  const api = namedResource(ctx, resource, get(props, cfn ? 'ApiId' : 'api_id'));
  const protocol = api && (api.type === 'AWS::ApiGatewayV2::Api' || api.type === 'aws_apigatewayv2_api') ? leaf(ctx, api.properties, [cfn ? 'ProtocolType' : 'protocol_type']) : undefined;
  if (protocol?.kind === 'unknown') return unknown(protocol.dependsOn);
  const websocket = protocol?.kind === 'found' ? upper(protocol) === 'WEBSOCKET' : undefined;
  // An HTTP API's route keys are `$default` or `METHOD /path`; any other key is a WebSocket API's.
  const httpKey = key === '$default' || /^[A-Za-z]+\s+\//.test(key);
  if (key !== '$connect' && (websocket === true || (websocket === undefined && key !== '' && !httpKey))) return notApplicable;
  if (key === '$default' && websocket === undefined) {
    return unknown([`whether ${api ? `API ${quoteName(api.id)}` : `the API (${cfn ? '`ApiId`' : '`api_id`'})`} is a WebSocket API (only its $connect route takes authorization)`]);
  }
  return gapOutcome(ctx, resource, rule.duty, auth.kind === 'found' ? auth.node.span : resource.typeSpan, {
    what: 'route',
    problem: `${key ? `(${quoteName(key)}) ` : ''}lets anyone who can reach the API call it without authorization (\`NONE\`)`,
    fix: cfn ? 'set `AuthorizationType` to `AWS_IAM`, `JWT` or `CUSTOM` (a Lambda authorizer, with `AuthorizerId`)' : 'set `authorization_type` to `AWS_IAM`, `JWT` or `CUSTOM` (a Lambda authorizer, with `authorizer_id`)',
  });
}

/**
 * An HTTP API made by quick create (`Target`): API Gateway adds a `$default` route, without authorization, to the
 * target, and no route resource of the file says otherwise.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples.cli.quick-create
 */
function quickCreateCheck(ctx: RuleContext, resource: Resource, rule: Rule): RuleOutcome {
  const cfn = isCfn(resource);
  const target = get(resource.properties, cfn ? 'Target' : 'target');
  if (!target) return notApplicable;
  const protocol = leaf(ctx, resource.properties, [cfn ? 'ProtocolType' : 'protocol_type']);
  if (protocol.kind === 'unknown') return unknown(protocol.dependsOn);
  if (upper(protocol) === 'WEBSOCKET') return notApplicable;
  // `AWS::ApiGatewayV2::ApiGatewayManagedOverrides` sets the quick-created route's authorization.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-apigatewaymanagedoverrides.html
  if (cfn) {
    for (const o of resourcesOfType(ctx.doc, 'AWS::ApiGatewayV2::ApiGatewayManagedOverrides')) {
      if (namedResource(ctx, o, get(o.properties, 'ApiId'))?.id !== resource.id) continue;
      const auth = leaf(ctx, o.properties, ['Route', 'AuthorizationType']);
      if (auth.kind === 'unknown') return unknown(auth.dependsOn);
      const type = upper(auth);
      if (type !== undefined && type !== 'NONE') return met(`the \`$default\` route's authorization is ${type} (${o.id})`);
    }
  }
  return gapOutcome(ctx, resource, rule.duty, target.span, {
    what: 'API',
    problem: 'is made by quick create: its `$default` route lets anyone who can reach the API call the target without authorization',
    fix: cfn
      ? 'leave `Target` out and define the route (`AWS::ApiGatewayV2::Route`) with an `AuthorizationType` and its integration'
      : 'leave `target` out and define the route (`aws_apigatewayv2_route`) with an `authorization_type` and its integration',
  });
}

/**
 * The API events of a SAM function: the event's own `Auth.Authorizer`, else the API's `Auth.DefaultAuthorizer` (the
 * API named by `RestApiId` / `ApiId`, or the implicit API that `Globals` configures).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-apifunctionauth.html
 */
function samEventsCheck(ctx: RuleContext, resource: Resource, rule: Rule): RuleOutcome {
  const events = asMap(get(resource.properties, 'Events'));
  if (!events) return notApplicable;
  const outcomes: RuleOutcome[] = [];
  for (const e of events.entries) {
    const ev = asMap(e.value);
    const kind = leafValue(ctx, ev, ['Type']);
    if (kind !== 'Api' && kind !== 'HttpApi') continue;
    const p = asMap(get(ev, 'Properties'));
    const method = leafValue(ctx, p, ['Method'])?.toUpperCase();
    if (method === 'OPTIONS') continue;
    const name = quoteName(e.key);
    const own = leaf(ctx, p, ['Auth', 'Authorizer']);
    if (own.kind === 'unknown') {
      outcomes.push(unknown(own.dependsOn));
      continue;
    }
    if (own.kind === 'found' && upper(own) !== 'NONE') {
      outcomes.push(met(`event ${name}: authorizer ${asText(own.value) ?? ''}`));
      continue;
    }
    if (kind === 'Api') {
      if (get(asMap(get(p, 'Auth')), 'ResourcePolicy')) {
        outcomes.push(unknown([`the resource policy of event ${name}`]));
        continue;
      }
      const key = leaf(ctx, p, ['Auth', 'ApiKeyRequired']);
      if (key.kind === 'unknown') {
        outcomes.push(unknown(key.dependsOn));
        continue;
      }
      if (key.kind === 'found' && asBool(key.value) === true) {
        outcomes.push(met(`event ${name}: callers need an API key`));
        continue;
      }
    }
    if (own.kind === 'absent') {
      const decided = apiDefault(ctx, resource, kind, get(p, kind === 'Api' ? 'RestApiId' : 'ApiId'));
      if (decided) {
        outcomes.push(decided);
        continue;
      }
    }
    const path = `${method ?? ''} ${leafValue(ctx, p, ['Path']) ?? ''}`.trim();
    outcomes.push(
      gapOutcome(ctx, resource, rule.duty, own.kind === 'found' ? own.node.span : e.keySpan, {
        what: 'function',
        problem: `is called through API event ${name}${path ? ` (${quoteName(path)})` : ''} by anyone who can reach the API, without authorization`,
        // `Authorizer: NONE` on the event turns the API's default authorizer off for it: the fix is the event's.
        fix:
          own.kind === 'found'
            ? 'remove `Auth.Authorizer: NONE` from the event (the API\'s default authorizer then applies) or name an authorizer there'
            : 'set `Auth.DefaultAuthorizer` on the API (`AWS_IAM`, a Cognito or a Lambda authorizer), or `Auth.Authorizer` on the event',
      }),
    );
  }
  return outcomes.length === 0 ? notApplicable : combine(outcomes);
}

function leafValue(ctx: RuleContext, m: MapNode | undefined, path: readonly string[]): string | undefined {
  const l = leaf(ctx, m, path);
  return l.kind === 'found' && typeof l.value === 'string' ? l.value : undefined;
}

/** Whether an inline OpenAPI definition has a `security` requirement or declares security schemes anywhere. */
function mentionsSecurity(body: ValueNode | undefined): boolean {
  let found = false;
  walk(body, (n) => {
    if (!found && n.type === 'map') for (const e of n.entries) if (e.key === 'security' || e.key === 'securitySchemes' || e.key === 'securityDefinitions') found = true;
  });
  return found;
}

/** What the API an event is on decides for it (its default authorizer, API key, private endpoint, resource policy); undefined: nothing. */
function apiDefault(ctx: RuleContext, fn: Resource, kind: 'Api' | 'HttpApi', apiNode: ValueNode | undefined): RuleOutcome | undefined {
  let props: MapNode | undefined;
  let api: Resource | undefined;
  if (apiNode) {
    api = namedResource(ctx, fn, apiNode);
    if (!api || api.type !== (kind === 'Api' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi')) return unknown([`the authorizers of the API the event names (${kind === 'Api' ? 'RestApiId' : 'ApiId'})`]);
    props = api.properties;
    // An OpenAPI definition may require authorization itself (`security`); an inline one that requires none does not.
    if (get(props, 'DefinitionUri')) return unknown([`the OpenAPI definition of API ${quoteName(api.id)} (DefinitionUri)`]);
    if (mentionsSecurity(get(props, 'DefinitionBody'))) return unknown([`the security requirements of API ${quoteName(api.id)}'s OpenAPI definition`]);
  } else props = asMap(get(ctx.doc.globals, kind)); // the implicit API takes its settings from Globals
  const def = leaf(ctx, props, ['Auth', 'DefaultAuthorizer']);
  if (def.kind === 'unknown') return unknown(def.dependsOn);
  if (def.kind === 'found' && upper(def) !== 'NONE') return met(`the API's default authorizer ${asText(def.value) ?? ''}`);
  if (kind === 'Api') {
    const key = leaf(ctx, props, ['Auth', 'ApiKeyRequired']);
    if (key.kind === 'unknown') return unknown(key.dependsOn);
    if (key.kind === 'found' && asBool(key.value) === true) return met('the API requires an API key');
    if (api) return restApiLimits(ctx, api);
    if (get(asMap(get(props, 'Auth')), 'ResourcePolicy')) return unknown(['the resource policy of the implicit API (Globals)']);
  }
  return undefined;
}

export const apiGatewayAuthorization: Rule = {
  id: 'api-gateway-authorization',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'API Gateway methods and routes require authorization',
  docUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::Function'],
  terraformTypes: ['aws_api_gateway_method', 'aws_apigatewayv2_route', 'aws_apigatewayv2_api'],
  properties: {
    cloudformation: [['AuthorizationType'], ['ApiKeyRequired'], ['Target'], ['Events', 'Properties', 'Auth']],
    terraform: [['authorization'], ['authorization_type'], ['api_key_required'], ['target']],
  },
  check(resource, ctx) {
    switch (resource.type) {
      case 'AWS::ApiGateway::Method':
      case 'aws_api_gateway_method':
        return methodCheck(ctx, resource, this);
      case 'AWS::ApiGatewayV2::Route':
      case 'aws_apigatewayv2_route':
        return routeCheck(ctx, resource, this);
      case 'AWS::Serverless::Function':
        return samEventsCheck(ctx, resource, this);
      case 'AWS::ApiGatewayV2::Api':
      case 'aws_apigatewayv2_api':
        return quickCreateCheck(ctx, resource, this);
      default:
        return notApplicable;
    }
  },
};
