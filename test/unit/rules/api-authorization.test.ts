/**
 * api-gateway-authorization: REST methods, HTTP / WebSocket routes and SAM API events that anyone who can reach the API
 * may call. Each case states what the API around the method decides (a private endpoint, a resource policy, a default
 * authorizer, an OpenAPI security requirement), in CloudFormation, SAM and Terraform.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';

const RULE = 'api-gateway-authorization';

/** `id:status` of the rule for each resource it applies to, in source order. */
function statuses(a: Analysis): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === RULE && x.outcome.status !== 'not-applicable').map((x) => `${r.resource.id}:${x.outcome.status}`)));
}
const messages = (a: Analysis): string[] => a.findings.filter((f) => f.ruleId === RULE).map((f) => f.message);
const cfn = (resources: string, head = ''): Analysis => analyzeText('t.yaml', `${head}Resources:\n${resources}`);
const sam = (resources: string, globals = ''): Analysis => cfn(resources, `Transform: AWS::Serverless-2016-10-31\n${globals}`);

const method = (props: string): string => `  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Api\n      ResourceId: r-1\n${props.split('\n').map((l) => '      ' + l).join('\n')}\n`;
const restApi = (props: string): string => `  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: a\n${props.split('\n').map((l) => '      ' + l).join('\n')}\n`;

describe('api-gateway-authorization: REST API methods', () => {
  it('NONE, or no AuthorizationType (the default), is a gap at the setting or the type; an authorizer is met', () => {
    const a = cfn(restApi('Description: d') + method('HttpMethod: GET\nAuthorizationType: NONE') + method('HttpMethod: POST').replace('  M:', '  M2:') + method('HttpMethod: PUT\nAuthorizationType: COGNITO_USER_POOLS\nAuthorizerId: z').replace('  M:', '  M3:'));
    assert.deepEqual(statuses(a), ['M:gap', 'M2:gap', 'M3:met']);
    assert.match(messages(a)[0] ?? '', /^Method `M` lets anyone who can reach the API call it without authorization/);
  });
  it('CORS preflight (OPTIONS) is not checked; an API key is met; an undecided type is unknown', () => {
    const a = cfn(method('HttpMethod: OPTIONS\nAuthorizationType: NONE') + method('HttpMethod: GET\nAuthorizationType: NONE\nApiKeyRequired: true').replace('  M:', '  K:') + method('HttpMethod: GET\nAuthorizationType: !Ref Auth').replace('  M:', '  U:'), 'Parameters:\n  Auth:\n    Type: String\n');
    assert.deepEqual(statuses(a), ['K:met', 'U:unknown']);
  });
  it('a private API is met, an API with a resource policy unknown (it may limit callers)', () => {
    assert.deepEqual(statuses(cfn(restApi('EndpointConfiguration:\n  Types: [PRIVATE]') + method('HttpMethod: GET\nAuthorizationType: NONE'))), ['M:met']);
    assert.deepEqual(statuses(cfn(restApi('Policy:\n  Statement:\n    - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*"}') + method('HttpMethod: GET\nAuthorizationType: NONE'))), ['M:unknown']);
    assert.deepEqual(statuses(cfn(restApi('EndpointConfiguration:\n  Types: [REGIONAL]') + method('HttpMethod: GET\nAuthorizationType: NONE'))), ['M:gap']);
  });
  it('Terraform: authorization "NONE"; a private API, or a policy resource for the API, decides', () => {
    const tf = (api: string, extra = ''): Analysis =>
      analyzeText('main.tf', `resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n${api}\n}\nresource "aws_api_gateway_method" "m" {\n  rest_api_id = aws_api_gateway_rest_api.a.id\n  resource_id = "r"\n  http_method = "GET"\n  authorization = "NONE"\n}\n${extra}`);
    assert.deepEqual(statuses(tf('')), ['aws_api_gateway_method.m:gap']);
    assert.deepEqual(statuses(tf('  endpoint_configuration {\n    types = ["PRIVATE"]\n  }')), ['aws_api_gateway_method.m:met']);
    assert.deepEqual(statuses(tf('', 'resource "aws_api_gateway_rest_api_policy" "p" {\n  rest_api_id = aws_api_gateway_rest_api.a.id\n  policy = "{}"\n}\n')), ['aws_api_gateway_method.m:unknown']);
  });
});

describe('api-gateway-authorization: HTTP and WebSocket API routes', () => {
  const route = (api: string, key: string, auth = ''): Analysis =>
    cfn(`  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: a\n      ProtocolType: ${api}\n  R:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n      RouteKey: '${key}'\n${auth ? `      AuthorizationType: ${auth}\n` : ''}`);
  it('an HTTP route without authorization is a gap; JWT is met; OPTIONS is not checked', () => {
    assert.deepEqual(statuses(route('HTTP', 'GET /items')), ['R:gap']);
    assert.deepEqual(statuses(route('HTTP', '$default')), ['R:gap']);
    assert.deepEqual(statuses(route('HTTP', 'GET /items', 'JWT')), ['R:met']);
    assert.deepEqual(statuses(route('HTTP', 'OPTIONS /items')), []);
  });
  it('a WebSocket API authorizes $connect only: its other routes are not checked', () => {
    assert.deepEqual(statuses(route('WEBSOCKET', '$connect')), ['R:gap']);
    assert.deepEqual(statuses(route('WEBSOCKET', '$default')), []);
    assert.deepEqual(statuses(route('WEBSOCKET', 'sendMessage')), []);
  });
  it('an API the file does not declare: $disconnect and custom keys are WebSocket routes, $default undecided', () => {
    const other = (key: string): Analysis => analyzeText('main.tf', `resource "aws_apigatewayv2_route" "r" {\n  api_id = var.api\n  route_key = "${key}"\n}\n`);
    assert.deepEqual(statuses(other('$disconnect')), []);
    assert.deepEqual(statuses(other('$default')), ['aws_apigatewayv2_route.r:unknown']);
    assert.deepEqual(statuses(other('sendMessage')), []);
    assert.deepEqual(statuses(other('$connect')), ['aws_apigatewayv2_route.r:gap']);
    assert.deepEqual(statuses(other('POST /orders')), ['aws_apigatewayv2_route.r:gap']);
  });
});

describe('api-gateway-authorization: HTTP APIs made by quick create', () => {
  it('a Target gives a $default route without authorization; a WebSocket API or an API without Target is not checked', () => {
    const api = (props: string): Analysis => cfn(`  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: a\n${props.split('\n').map((l) => '      ' + l).join('\n')}\n`);
    const a = api('ProtocolType: HTTP\nTarget: arn:aws:lambda:eu-west-1:111122223333:function:f');
    assert.deepEqual(statuses(a), ['Api:gap']);
    assert.match(messages(a)[0] ?? '', /^API `Api` is made by quick create: its `\$default` route lets anyone/);
    assert.deepEqual(statuses(api('ProtocolType: HTTP')), []);
    const tf = analyzeText('main.tf', 'resource "aws_apigatewayv2_api" "a" {\n  name = "a"\n  protocol_type = "HTTP"\n  target = "arn:aws:lambda:eu-west-1:111122223333:function:f"\n}\n');
    assert.deepEqual(statuses(tf), ['aws_apigatewayv2_api.a:gap']);
  });
});

describe('api-gateway-authorization: SAM function events', () => {
  const fn = (events: string): string => `  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      Handler: index.handler\n      InlineCode: x\n      Events:\n${events.split('\n').map((l) => '        ' + l).join('\n')}\n`;
  const apiEvent = (extra = '', kind = 'Api'): string => `Get:\n  Type: ${kind}\n  Properties:\n    Path: /items\n    Method: get\n${extra.split('\n').filter(Boolean).map((l) => '    ' + l).join('\n')}`;
  it('an event on the implicit API with nothing set is a gap naming the event and its route', () => {
    const a = sam(fn(apiEvent()));
    assert.deepEqual(statuses(a), ['F:gap']);
    assert.match(messages(a)[0] ?? '', /API event `Get` \(`GET \/items`\)/);
  });
  it('Globals configure the implicit API: a default authorizer is met; an event Authorizer NONE overrides it', () => {
    const globals = 'Globals:\n  Api:\n    Auth:\n      DefaultAuthorizer: AWS_IAM\n';
    assert.deepEqual(statuses(sam(fn(apiEvent()), globals)), ['F:met']);
    assert.deepEqual(statuses(sam(fn(apiEvent('Auth:\n  Authorizer: NONE')), globals)), ['F:gap']);
  });
  it('a named API decides: its default authorizer, API key, private endpoint, resource policy, OpenAPI definition', () => {
    const named = (apiProps: string, kind = 'Api'): Analysis => sam(`  Api:\n    Type: AWS::Serverless::${kind}\n    Properties:\n${apiProps.split('\n').map((l) => '      ' + l).join('\n')}\n` + fn(apiEvent(`${kind === 'Api' ? 'RestApiId' : 'ApiId'}: !Ref Api`, kind)));
    assert.deepEqual(statuses(named('StageName: prod')), ['F:gap']);
    assert.deepEqual(statuses(named('StageName: prod\nAuth:\n  DefaultAuthorizer: MyCognito\n  Authorizers:\n    MyCognito:\n      UserPoolArn: arn:aws:cognito-idp:x')), ['F:met']);
    assert.deepEqual(statuses(named('StageName: prod\nAuth:\n  ApiKeyRequired: true')), ['F:met']);
    assert.deepEqual(statuses(named('StageName: prod\nEndpointConfiguration: PRIVATE')), ['F:met']);
    assert.deepEqual(statuses(named('StageName: prod\nEndpointConfiguration:\n  Type: PRIVATE')), ['F:met']);
    assert.deepEqual(statuses(named('StageName: prod\nAuth:\n  ResourcePolicy:\n    SourceVpcWhitelist: [vpce-1]')), ['F:unknown']);
    assert.deepEqual(statuses(named('StageName: prod\nDefinitionUri: s3://b/openapi.yaml')), ['F:unknown']);
    assert.deepEqual(statuses(named('StageName: prod\nDefinitionBody:\n  openapi: 3.0.1\n  security:\n    - sigv4: []')), ['F:unknown']);
    assert.deepEqual(statuses(named('StageName: prod\nDefinitionBody:\n  openapi: 3.0.1\n  paths: {}')), ['F:gap']);
    assert.deepEqual(statuses(named('Auth:\n  DefaultAuthorizer: AWS_IAM', 'HttpApi')), ['F:met']);
    assert.deepEqual(statuses(named('Auth:\n  EnableIamAuthorizer: true', 'HttpApi')), ['F:gap']);
  });
  it('an event resource policy or an API the file does not declare is unknown; non-API events are not checked', () => {
    assert.deepEqual(statuses(sam(fn(apiEvent('Auth:\n  ResourcePolicy:\n    AwsAccountWhitelist: ["111122223333"]')))), ['F:unknown']);
    assert.deepEqual(statuses(sam(fn(apiEvent('RestApiId: !ImportValue shared-api')))), ['F:unknown']);
    assert.deepEqual(statuses(sam(fn('Queue:\n  Type: SQS\n  Properties:\n    Queue: arn:aws:sqs:x'))), []);
  });
});

describe('quick create with ApiGatewayManagedOverrides', () => {
  it('the overrides set the $default route authorization: met; NONE or none: the gap stays; undecided: unknown', () => {
    const y = (auth: string): string =>
      `Parameters:\n  A:\n    Type: String\nResources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: a\n      ProtocolType: HTTP\n      Target: arn:aws:lambda:us-east-1:123456789012:function:f\n  Overrides:\n    Type: AWS::ApiGatewayV2::ApiGatewayManagedOverrides\n    Properties:\n      ApiId: !Ref Api\n      Route:\n        AuthorizationType: ${auth}\n`;
    const status = (auth: string): string[] =>
      analyzeText('t.yaml', y(auth)).resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === 'api-gateway-authorization').map((x) => `${r.resource.id}:${x.outcome.status}`)));
    assert.deepEqual(status('JWT'), ['Api:met']);
    assert.deepEqual(status('NONE'), ['Api:gap']);
    assert.deepEqual(status('!Ref A'), ['Api:unknown']);
  });
});

describe('a SAM event that turns the default authorizer off', () => {
  it('gets the fix of the event (remove Authorizer: NONE), not of the API', () => {
    const y = (auth: string): string =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Auth:\n        DefaultAuthorizer: AWS_IAM\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.h\n      CodeUri: s/\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            RestApiId: !Ref Api\n            Path: /\n            Method: get\n${auth}`;
    const [f] = analyzeText('t.yaml', y('            Auth:\n              Authorizer: NONE\n')).findings.filter((x) => x.ruleId === 'api-gateway-authorization');
    assert.match(f?.message ?? '', /remove `Auth\.Authorizer: NONE` from the event/);
    assert.deepEqual(analyzeText('t.yaml', y('')).findings.filter((x) => x.ruleId === 'api-gateway-authorization'), []);
  });
});
