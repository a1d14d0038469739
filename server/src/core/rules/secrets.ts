/**
 * Secrets written in plain text: AWS access key ids, literal values of password/secret/token properties and
 * environment variables, passwords in user data. References (`!Ref`, `var.x`, `{{resolve:secretsmanager:...}}`,
 * `${...}`) are fine: only literal text in the file is a finding.
 */
import { asScalar, get } from '../model/nodes';
import type { MapNode, Resource, ValueNode } from '../model/types';
import { gapOutcome, isCfn } from './check';
import { combine, met } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
/** Property / variable names that hold secrets (compared without `_` and `-`, case-insensitive, as a suffix). */
const SECRET_NAME = /(password|passwd|secret|secretstring|authtoken|token|apikey|privatekey|secretaccesskey|credentials?)$/;
const PASSWORD_IN_TEXT = /\b(password|passwd|pwd)\s*[=:]\s*["']?([^\s"'$;{}()]{4,})/i;
const USER_DATA = new Set(['UserData', 'user_data', 'user_data_base64']);
const REFERENCE_CODES = new Set(['PARAMETER_STORE', 'SECRETS_MANAGER', 'SECRETSMANAGER']);

/**
 * Answers per distinct name (templates repeat the same keys in every resource); bounded in count and key length so
 * hostile input cannot grow it.
 */
const secretNames = new Map<string, boolean>();

function secretName(key: string): boolean {
  let yes = secretNames.get(key);
  if (yes === undefined) {
    yes = SECRET_NAME.test(key.replace(/[_-]/g, '').toLowerCase());
    if (key.length <= 100) {
      if (secretNames.size >= 10_000) secretNames.clear();
      secretNames.set(key, yes);
    }
  }
  return yes;
}

/** An access key id is 20 characters starting AKIA/ASIA: test the cheap conditions before the regex. */
function hasAccessKeyId(text: string): boolean {
  return text.length >= 20 && (text.includes('AKIA') || text.includes('ASIA')) && ACCESS_KEY_ID.test(text);
}

/** A literal that is not a reference or a placeholder the service resolves. */
function literalSecret(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (s.length < 4) return false;
  if (s.startsWith('{{resolve:') || s.startsWith('${') || s.startsWith('arn:') || s.startsWith('alias/') || s.startsWith('/')) return false;
  return true;
}

const CFN_TYPES = [
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Redshift::Cluster', 'AWS::DMS::Endpoint',
  'AWS::ElastiCache::ReplicationGroup', 'AWS::AmazonMQ::Broker', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain',
  'AWS::IAM::User', 'AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::ECS::TaskDefinition', 'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::SecretsManager::Secret', 'AWS::CodeBuild::Project',
  'AWS::DirectoryService::MicrosoftAD', 'AWS::DirectoryService::SimpleAD', 'AWS::Glue::Connection',
];
const TF_TYPES = [
  'aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_redshift_cluster', 'aws_dms_endpoint', 'aws_elasticache_replication_group',
  'aws_mq_broker', 'aws_opensearch_domain', 'aws_elasticsearch_domain', 'aws_lambda_function', 'aws_instance', 'aws_launch_template',
  'aws_launch_configuration', 'aws_secretsmanager_secret_version', 'aws_ssm_parameter', 'aws_codebuild_project',
  'aws_directory_service_directory', 'aws_glue_connection', 'aws_iam_user_login_profile',
];

interface Hit {
  readonly node: ValueNode;
  readonly kind: 'access-key' | 'secret' | 'user-data';
  readonly name: string;
}

/**
 * Walks the properties (explicit stack: hostile nesting cannot overflow) and collects literal secrets. The stack is
 * three parallel arrays (node, key, inside user data) rather than an object per node: this walk visits every property.
 */
function findSecrets(resource: Resource, ctx: RuleContext): Hit[] {
  const hits: Hit[] = [];
  const nodes: ValueNode[] = [];
  const keys: string[] = [];
  const inUserDatas: boolean[] = [];
  const push = (node: ValueNode, key: string, inUserData: boolean): void => {
    nodes.push(node);
    keys.push(key);
    inUserDatas.push(inUserData);
  };
  if (resource.properties) push(resource.properties, '', false);
  let budget = 20000;
  while (nodes.length > 0 && budget-- > 0 && hits.length < 50) {
    const node = nodes.pop() as ValueNode;
    const key = keys.pop() as string;
    const inUserData = inUserDatas.pop() as boolean;
    switch (node.type) {
      case 'scalar': {
        if (typeof node.value !== 'string') break;
        if (hasAccessKeyId(node.value)) hits.push({ node, kind: 'access-key', name: key });
        else if (inUserData && PASSWORD_IN_TEXT.test(node.value) && !PASSWORD_IN_TEXT.exec(node.value)?.[2].startsWith('{{resolve')) hits.push({ node, kind: 'user-data', name: key });
        else if (!inUserData && key && secretName(key) && literalSecret(node.value)) hits.push({ node, kind: 'secret', name: key });
        break;
      }
      case 'map':
        if (!inUserData) nameValuePair(node, ctx, hits);
        for (const e of node.entries) push(e.value, e.key, inUserData || USER_DATA.has(e.key));
        break;
      case 'list':
        for (const i of node.items) push(i, key, inUserData);
        break;
      case 'intrinsic':
        // Only text inside user data is scanned below an intrinsic (Fn::Sub templates); other intrinsics are references.
        if (inUserData) push(node.arg, key, true);
        break;
      case 'expr':
        break;
    }
  }
  return hits;
}

/** `get(m, a) ?? get(m, b)` in one pass over the entries (this runs on every map of the resource). */
function getEither(m: MapNode, a: string, b: string): ValueNode | undefined {
  let second: ValueNode | undefined;
  for (const e of m.entries) {
    if (e.key === a) return e.value;
    if (second === undefined && e.key === b) second = e.value;
  }
  return second;
}

/** `{Name: DB_PASSWORD, Value: literal}` (ECS environment, CodeBuild variables) — unless the Type says it is a reference. */
function nameValuePair(m: MapNode, ctx: RuleContext, hits: Hit[]): void {
  const name = asScalar(getEither(m, 'Name', 'name'));
  if (!name || typeof name.value !== 'string') return;
  const value = getEither(m, 'Value', 'value');
  const sv = asScalar(value);
  if (!sv || !value) return;
  const type = ctx.values.evaluate(get(m, 'Type') ?? get(m, 'type'));
  if (type.known && typeof type.value === 'string' && REFERENCE_CODES.has(type.value.toUpperCase())) return;
  if (secretName(name.value) && literalSecret(sv.value)) hits.push({ node: value, kind: 'secret', name: name.value });
}

export const plaintextSecret: Rule = {
  id: 'plaintext-secret',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'No secrets or access keys in plain text',
  docUrl: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html',
  defaultSeverity: 'warning',
  cloudformationTypes: CFN_TYPES,
  terraformTypes: TF_TYPES,
  properties: {
    cloudformation: [['MasterUserPassword'], ['Password'], ['AuthToken'], ['SecretString'], ['UserData'], ['Environment', 'Variables'], ['LoginProfile', 'Password']],
    terraform: [['password'], ['master_password'], ['auth_token'], ['secret_string'], ['value'], ['user_data'], ['environment', 'variables']],
  },
  check(resource, ctx) {
    const hits = findSecrets(resource, ctx);
    if (resource.type === 'aws_ssm_parameter') {
      const type = ctx.values.evaluate(get(resource.properties, 'type'));
      const value = get(resource.properties, 'value');
      if (type.known && type.value === 'SecureString' && value && asScalar(value) && literalSecret(asScalar(value)?.value)) hits.push({ node: value, kind: 'secret', name: 'value' });
    }
    if (hits.length === 0) return met('no literal secret in this resource');
    const cfn = isCfn(resource);
    const outcomes: RuleOutcome[] = hits.map((h) =>
      h.kind === 'access-key'
        ? gapOutcome(
            ctx,
            resource,
            'identity-and-access-management',
            h.node.span,
            { what: 'resource', problem: 'contains an AWS access key id in plain text', fix: 'remove the key, deactivate it in IAM, and give the workload a role instead' },
            { severity: 'error' },
          )
        : gapOutcome(ctx, resource, 'identity-and-access-management', h.node.span, {
            what: 'resource',
            problem: h.kind === 'user-data' ? 'has a password written in its user data' : `sets ${'`' + h.name.replace(/`/g, "'").slice(0, 80) + '`'} to a literal secret`,
            fix: cfn
              ? 'use a `{{resolve:secretsmanager:...}}` dynamic reference, a `NoEcho` parameter, or `ManageMasterUserPassword: true`'
              : 'read it from a variable marked `sensitive`, `aws_secretsmanager_secret_version`, or `manage_master_user_password = true`',
          }),
    );
    return combine(outcomes);
  },
};
