/** Identity and access management: wildcard policies, public resource policies, unauthenticated invocation, IAM users. */
import { asScalar, get, getPath, items } from '../model/nodes';
import type { Resource, Span, ValueNode } from '../model/types';
import { asText, equalsText, gapOutcome, isCfn, isClusterMember, leaf, mapsAt, notEqualsText, settingRule } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import { asList, conditionOpenToAnyone, readPolicy, readPolicyDocumentBlocks, type PolicyRead, type Statement } from './policy';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import { pushAll } from '../arrays';
import { RELATION, soleReference } from '../values/links';
import { resourceByBlock } from '../model/resource-index';
import { separateConfig } from './created-link';
import { publicAccessBlocked } from './s3-blocks';

/** Where identity policies sit, per type. */
const IDENTITY_POLICY_PATHS: Readonly<Record<string, { list?: readonly string[]; doc: readonly string[] }>> = {
  'AWS::IAM::Policy': { doc: ['PolicyDocument'] },
  'AWS::IAM::ManagedPolicy': { doc: ['PolicyDocument'] },
  'AWS::IAM::RolePolicy': { doc: ['PolicyDocument'] },
  'AWS::IAM::UserPolicy': { doc: ['PolicyDocument'] },
  'AWS::IAM::GroupPolicy': { doc: ['PolicyDocument'] },
  'AWS::IAM::Role': { list: ['Policies'], doc: ['PolicyDocument'] },
  'AWS::IAM::User': { list: ['Policies'], doc: ['PolicyDocument'] },
  'AWS::IAM::Group': { list: ['Policies'], doc: ['PolicyDocument'] },
  // SAM `Policies`: inline policy documents (a map with `Statement`) among managed policy names and policy templates
  // (the role SAM creates for the function or state machine gets them).
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies
  'AWS::Serverless::Function': { list: ['Policies'], doc: [] },
  'AWS::Serverless::StateMachine': { list: ['Policies'], doc: [] },
  aws_iam_policy: { doc: ['policy'] },
  aws_iam_role_policy: { doc: ['policy'] },
  aws_iam_user_policy: { doc: ['policy'] },
  aws_iam_group_policy: { doc: ['policy'] },
  aws_iam_role: { list: ['inline_policy'], doc: ['policy'] },
};

function readDocs(ctx: RuleContext, resource: Resource, where: { list?: readonly string[]; doc: readonly string[] }): PolicyRead {
  const out: PolicyRead = { statements: [], dependsOn: [] };
  const holders = where.list ? mapsAt(ctx, resource.properties, where.list) : { maps: resource.properties ? [resource.properties] : [], dependsOn: [] };
  pushAll(out.dependsOn, holders.dependsOn);
  for (const h of holders.maps) {
    let node: ValueNode | undefined = h;
    for (const k of where.doc) node = node && node.type === 'map' ? get(node, k) : undefined;
    const r = readPolicy(ctx, node);
    pushAll(out.statements, r.statements);
    pushAll(out.dependsOn, r.dependsOn);
  }
  return out;
}

/**
 * Services whose every action is one the Systems Manager agent itself calls, and that the AWS managed policy
 * AmazonSSMManagedInstanceCore grants on `Resource: "*"`: `ssmmessages:*` (Session Manager channels: Create/Open
 * Control/Data Channel) and `ec2messages:*` (the Run Command message endpoint). Granting the whole service is the same
 * grant as the managed policy, not a wildcard to narrow.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html
 */
const SSM_AGENT_SERVICES: ReadonlySet<string> = new Set(['ssmmessages:*', 'ec2messages:*']);

const isAllow = (s: Statement): boolean | undefined => (s.effect.known ? asText(s.effect.value ?? '')?.toLowerCase() === 'allow' : undefined);

export const iamPolicyWildcard: Rule = {
  id: 'iam-policy-wildcard',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'IAM policies do not allow every action, or every action of a service',
  docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  defaultSeverity: 'warning',
  cloudformationTypes: Object.keys(IDENTITY_POLICY_PATHS).filter((t) => t.startsWith('AWS::')),
  terraformTypes: [...Object.keys(IDENTITY_POLICY_PATHS).filter((t) => !t.startsWith('AWS::')), 'aws_iam_policy_document'],
  properties: {
    cloudformation: [['PolicyDocument'], ['Policies', 'PolicyDocument'], ['Policies', 'Statement']],
    terraform: [['policy'], ['inline_policy', 'policy'], ['statement', 'actions'], ['statement', 'resources']],
  },
  check(resource, ctx) {
    let read: PolicyRead;
    if (resource.type === 'aws_iam_policy_document') {
      read = readPolicyDocumentBlocks(ctx, resource.properties);
      // A document with principals is a resource policy (checked by resource-policy-public).
      read = { statements: read.statements.filter((s) => !(s.principal.known && s.principal.value !== undefined)), dependsOn: read.dependsOn };
    } else {
      const where = IDENTITY_POLICY_PATHS[resource.type];
      if (!where) return notApplicable;
      read = readDocs(ctx, resource, where);
    }
    const outcomes: RuleOutcome[] = read.dependsOn.length > 0 ? [unknown(read.dependsOn)] : [];
    // A SAM policy template (`S3ReadPolicy: {BucketName: …}`) expands to statements this file does not hold.
    if (SAM_POLICIES.has(resource.type)) {
      const templates = mapsAt(ctx, resource.properties, ['Policies']).maps.filter((m) => !get(m, 'Statement')).flatMap((m) => m.entries.map((e) => e.key));
      if (templates.length > 0) outcomes.push(unknown(templates.map((t) => `the statements of SAM policy template ${t}`)));
    }
    const denied = deniedEverywhere(read.statements);
    for (const s of read.statements) {
      const allow = isAllow(s);
      if (allow === false) continue;
      if (allow === undefined || !s.action.known || !s.notAction.known) {
        outcomes.push(unknown([...(s.effect.known ? [] : s.effect.dependsOn), ...(s.action.known ? [] : s.action.dependsOn), ...(s.notAction.known ? [] : s.notAction.dependsOn)]));
        continue;
      }
      if (s.action.value === undefined && s.notAction.value !== undefined) {
        // `Allow` + `NotAction`: every action of every service but the ones listed, including services added later.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
        if (denied.has('*')) {
          outcomes.push(met('every action is denied by an unconditional `Deny` statement of the same policy'));
          continue;
        }
        outcomes.push(
          gapOutcome(ctx, resource, this.duty, s.span, {
            what: 'policy',
            problem: 'allows every action except the ones `NotAction` lists (`Allow` with `NotAction`), in every service, including services added later',
            fix: 'list the actions the principal needs in `Action` instead (keep `NotAction` for `Deny` statements)',
          }),
        );
        continue;
      }
      const actions = asList(s.action.value).map((a) => (typeof a === 'string' ? a : ''));
      const wildcards = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
      const kept = wildcards.filter((a) => !denied.has('*') && !denied.has(a.toLowerCase()));
      const all = kept.includes('*');
      const serviceWildcards = kept.filter((a) => a !== '*');
      const services = serviceWildcards.filter((a) => !SSM_AGENT_SERVICES.has(a.toLowerCase()));
      if (!all && services.length === 0) {
        outcomes.push(
          met(
            kept.length < wildcards.length
              ? 'its wildcard actions are denied by an unconditional `Deny` statement of the same policy'
              : serviceWildcards.length > 0
                ? 'only the SSM agent\'s own services (`ssmmessages:*`, `ec2messages:*`, as in AmazonSSMManagedInstanceCore)'
                : 'no wildcard action',
          ),
        );
        continue;
      }
      if (all) {
        // An undecided Resource still leaves every action allowed on it: a gap, the Error only when it is known to be "*".
        const everywhere = s.resource.known && asList(s.resource.value).includes('*');
        outcomes.push(
          gapOutcome(
            ctx,
            resource,
            this.duty,
            s.span,
            {
              what: 'policy',
              problem: everywhere ? 'allows every action on every resource (full administrator access)' : 'allows every action (`Action: "*"`) on its resources',
              fix: 'list only the actions the principal needs',
            },
            { severity: everywhere ? 'error' : 'warning' },
          ),
        );
        continue;
      }
      outcomes.push(
        gapOutcome(ctx, resource, this.duty, s.span, {
          what: 'policy',
          problem: `allows every action of a whole service (${services.slice(0, 3).map((a) => '`' + a + '`').join(', ')})`,
          fix: 'list only the actions the principal needs',
        }),
      );
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

/**
 * The wildcard actions (`*`, `service:*`, lower-cased) that a `Deny` statement of the same policy takes back everywhere:
 * one with no `Condition`, on `Resource: "*"`, with `Action` (not `NotAction`) — an explicit deny overrides any allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
function deniedEverywhere(statements: readonly Statement[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const s of statements) {
    if (isAllow(s) !== false || s.conditionPresent || !s.condition.known || s.condition.value !== undefined) continue;
    if (!s.notAction.known || s.notAction.value !== undefined || !s.action.known || !s.resource.known) continue;
    if (!asList(s.resource.value).includes('*')) continue;
    for (const a of asList(s.action.value)) if (typeof a === 'string' && (a === '*' || a.endsWith(':*'))) out.add(a.toLowerCase());
  }
  return out;
}

/**
 * The AWS managed policies that make a principal an administrator, in any partition (`aws`, `aws-cn`, `aws-us-gov`):
 * AdministratorAccess (every action on every resource) and IAMFullAccess (every IAM action on every resource, with
 * which the principal can attach any policy to itself).
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
 */
const ADMIN_POLICY_PROBLEM: Readonly<Record<string, string>> = {
  AdministratorAccess: 'gives the AWS managed policy AdministratorAccess (every action on every resource: full administrator access)',
  IAMFullAccess: 'gives the AWS managed policy IAMFullAccess (every IAM action: it can attach any policy to itself, AdministratorAccess included)',
};
/** The names above, as a regular expression group. */
const ADMIN_NAMES = `(${Object.keys(ADMIN_POLICY_PROBLEM).join('|')})`;
const ADMIN_POLICY_ARN = new RegExp(`^arn:aws(?:-[a-z]+)*:iam::aws:policy/${ADMIN_NAMES}$`);
/** With only the partition left to deploy time: `!Sub` on `${AWS::Partition}`, a Terraform template. */
const ADMIN_POLICY_SUB = new RegExp(`^arn:\\$\\{AWS::Partition\\}:iam::aws:policy/${ADMIN_NAMES}$`);
const ADMIN_POLICY_TEMPLATE = new RegExp(`^"arn:\\$\\{[^{}"]+\\}:iam::aws:policy/${ADMIN_NAMES}"$`);

/**
 * `arn:<partition>:iam::aws:policy/<name>` with only the partition left to deploy time (`!Sub` with
 * `${AWS::Partition}`, a Terraform template on `data.aws_partition`): that policy in whichever partition the stack is
 * deployed to (any other value would not be a valid ARN). Its name, or undefined.
 */
function adminPolicyInAnyPartition(node: ValueNode): string | undefined {
  if (node.type === 'intrinsic') return node.fn === 'Fn::Sub' && node.arg.type === 'scalar' && typeof node.arg.value === 'string' ? ADMIN_POLICY_SUB.exec(node.arg.value)?.[1] : undefined;
  return node.type === 'expr' ? ADMIN_POLICY_TEMPLATE.exec(node.text)?.[1] : undefined;
}

/**
 * `data.aws_iam_policy.x.arn` where the data source is looked up by an ARN the file writes (`arn = "arn:aws:iam::aws:
 * policy/AdministratorAccess"`): that ARN. (Looked up by `name`, it may be a customer policy of that name: not read.)
 */
function dataPolicyArn(ctx: RuleContext, node: ValueNode): ReturnType<RuleContext['values']['evaluate']> | undefined {
  const m = /^data\.aws_iam_policy\.([^.]+)\.arn$/.exec(soleReference(node) ?? '');
  if (!m) return undefined;
  const arn = get(resourceByBlock(ctx.doc, `data.aws_iam_policy.${m[1]}`)?.properties, 'arn');
  const ev = arn ? ctx.values.evaluate(arn) : undefined;
  return ev?.known ? ev : undefined;
}

/** What `node` stands for when the file decides it (a local, a parameter's default…), else `node` itself. */
function resolvedOr(ctx: RuleContext, node: ValueNode): ValueNode {
  const r = ctx.values.resolve(node);
  return r.known ? r.node : node;
}

/** Where managed policies are attached to IAM principals, per type: the property holding one ARN or a list of them. */
const MANAGED_POLICY_ARNS: Readonly<Record<string, { readonly key: string; readonly what: string }>> = {
  'AWS::IAM::Role': { key: 'ManagedPolicyArns', what: 'role' },
  'AWS::IAM::User': { key: 'ManagedPolicyArns', what: 'user' },
  'AWS::IAM::Group': { key: 'ManagedPolicyArns', what: 'group' },
  // SAM: a managed policy by name (`AdministratorAccess`) or ARN, among inline documents and policy templates.
  'AWS::Serverless::Function': { key: 'Policies', what: 'function' },
  'AWS::Serverless::StateMachine': { key: 'Policies', what: 'state machine' },
  aws_iam_role: { key: 'managed_policy_arns', what: 'role' },
  aws_iam_role_policy_attachment: { key: 'policy_arn', what: 'policy attachment' },
  aws_iam_user_policy_attachment: { key: 'policy_arn', what: 'policy attachment' },
  aws_iam_group_policy_attachment: { key: 'policy_arn', what: 'policy attachment' },
  aws_iam_policy_attachment: { key: 'policy_arn', what: 'policy attachment' },
  aws_iam_role_policy_attachments_exclusive: { key: 'policy_arns', what: 'policy attachment' },
  aws_iam_user_policy_attachments_exclusive: { key: 'policy_arns', what: 'policy attachment' },
  aws_iam_group_policy_attachments_exclusive: { key: 'policy_arns', what: 'policy attachment' },
};

/** Resource types whose `Policies` SAM expands into the role it creates. */
const SAM_POLICIES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

export const iamAdministratorAccessAttached: Rule = {
  id: 'iam-administrator-access-attached',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'IAM roles, users and groups are not given the AWS managed AdministratorAccess or IAMFullAccess policy',
  docUrl: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
  defaultSeverity: 'error',
  cloudformationTypes: Object.keys(MANAGED_POLICY_ARNS).filter((t) => t.startsWith('AWS::')),
  terraformTypes: Object.keys(MANAGED_POLICY_ARNS).filter((t) => !t.startsWith('AWS::')),
  properties: { cloudformation: [['ManagedPolicyArns'], ['Policies']], terraform: [['managed_policy_arns'], ['policy_arn'], ['policy_arns']] },
  check(resource, ctx) {
    const where = MANAGED_POLICY_ARNS[resource.type];
    if (!where) return notApplicable;
    const node = get(resource.properties, where.key);
    if (!node) return met('no managed policy attached');
    const list = ctx.values.resolve(node);
    const viaData = list.known ? undefined : dataPolicyArn(ctx, node);
    if (!list.known && !adminPolicyInAnyPartition(node) && !viaData) return unknown(list.dependsOn);
    // Each ARN on its own: an undecided one does not hide a decided AdministratorAccess beside it.
    const outcomes: RuleOutcome[] = [];
    for (const item of list.known ? items(list.node) : [node]) {
      let ev = ctx.values.evaluate(item);
      if (!ev.known) ev = (list.known ? dataPolicyArn(ctx, resolvedOr(ctx, item)) : viaData) ?? ev;
      const text = ev.known ? (asText(ev.value) ?? '') : '';
      // SAM takes a bare AWS managed policy name for its ARN.
      const admin = ev.known ? (ADMIN_POLICY_ARN.exec(text)?.[1] ?? (SAM_POLICIES.has(resource.type) && text in ADMIN_POLICY_PROBLEM ? text : undefined)) : adminPolicyInAnyPartition(resolvedOr(ctx, item));
      if (!admin) {
        outcomes.push(ev.known ? met('not AdministratorAccess or IAMFullAccess') : unknown(ev.dependsOn));
        continue;
      }
      outcomes.push(
        gapOutcome(ctx, resource, this.duty, item.span, {
          what: where.what,
          problem: ADMIN_POLICY_PROBLEM[admin],
          fix: 'attach only policies that grant the actions the principal needs',
        }),
      );
    }
    return outcomes.length === 0 ? met('no managed policy attached') : combine(outcomes);
  },
};

/** Where resource policies sit, per type. */
const RESOURCE_POLICY_PATHS: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::BucketPolicy': ['PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument'],
  'AWS::KMS::Key': ['KeyPolicy'],
  'AWS::ECR::Repository': ['RepositoryPolicyText'],
  'AWS::SecretsManager::ResourcePolicy': ['ResourcePolicy'],
  'AWS::OpenSearchService::Domain': ['AccessPolicies'],
  'AWS::Elasticsearch::Domain': ['AccessPolicies'],
  // A role's trust policy: `Principal: {AWS: "*"}` without a condition lets any AWS account's identities assume it.
  'AWS::IAM::Role': ['AssumeRolePolicyDocument'],
  aws_s3_bucket_policy: ['policy'],
  // The bucket's own `policy` argument (deprecated in the provider, still applied).
  aws_s3_bucket: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sqs_queue: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sns_topic: ['policy'],
  aws_kms_key: ['policy'],
  aws_kms_key_policy: ['policy'],
  aws_ecr_repository_policy: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_secretsmanager_secret: ['policy'],
  aws_opensearch_domain_policy: ['access_policies'],
  aws_elasticsearch_domain_policy: ['access_policies'],
  aws_opensearch_domain: ['access_policies'],
  aws_elasticsearch_domain: ['access_policies'],
  aws_iam_role: ['assume_role_policy'],
  // Other resource types IAM Access Analyzer checks for access from outside the account: a policy that lets anyone in
  // makes the data public (or mountable, for EFS) to every AWS account.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
  'AWS::EFS::FileSystem': ['FileSystemPolicy'],
  'AWS::DynamoDB::Table': ['ResourcePolicy', 'PolicyDocument'],
  'AWS::Backup::BackupVault': ['AccessPolicy'],
  'AWS::S3::AccessPoint': ['Policy'],
  aws_efs_file_system_policy: ['policy'],
  aws_dynamodb_resource_policy: ['policy'],
  aws_glacier_vault: ['access_policy'],
  aws_backup_vault_policy: ['policy'],
  aws_s3_access_point: ['policy'],
  aws_s3control_access_point_policy: ['policy'],
};

const LAMBDA_PERMISSION = ['AWS::Lambda::Permission', 'aws_lambda_permission'];

function lambdaPermissionFields(resource: Resource): { principal: string; sourceArn: string; sourceAccount: string; org: string; urlAuth: string } {
  return isCfn(resource)
    ? { principal: 'Principal', sourceArn: 'SourceArn', sourceAccount: 'SourceAccount', org: 'PrincipalOrgID', urlAuth: 'FunctionUrlAuthType' }
    : { principal: 'principal', sourceArn: 'source_arn', sourceAccount: 'source_account', org: 'principal_org_id', urlAuth: 'function_url_auth_type' };
}

export const resourcePolicyPublic: Rule = {
  id: 'resource-policy-public',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Resource policies do not allow anyone without a condition',
  docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
  defaultSeverity: 'error',
  cloudformationTypes: [...Object.keys(RESOURCE_POLICY_PATHS).filter((t) => t.startsWith('AWS::')), 'AWS::Lambda::Permission'],
  terraformTypes: [...Object.keys(RESOURCE_POLICY_PATHS).filter((t) => !t.startsWith('AWS::')), 'aws_lambda_permission', 'aws_iam_policy_document'],
  properties: {
    cloudformation: [['PolicyDocument'], ['KeyPolicy'], ['RepositoryPolicyText'], ['ResourcePolicy'], ['AccessPolicies'], ['AssumeRolePolicyDocument'], ['Principal'], ['FileSystemPolicy'], ['AccessPolicy'], ['Policy'], ['ResourcePolicy', 'PolicyDocument']],
    terraform: [['policy'], ['access_policies'], ['access_policy'], ['assume_role_policy'], ['principal'], ['statement', 'principals']],
  },
  check(resource, ctx) {
    if (LAMBDA_PERMISSION.includes(resource.type)) {
      const f = lambdaPermissionFields(resource);
      const p = leaf(ctx, resource.properties, [f.principal]);
      if (p.kind === 'unknown') return unknown(p.dependsOn);
      if (p.kind !== 'found' || asText(p.value) !== '*') return met('the permission names a principal');
      const guard = [f.sourceArn, f.sourceAccount, f.org].find((k) => get(resource.properties, k) !== undefined);
      if (guard) return met(`${guard} limits who can invoke`);
      const auth = leaf(ctx, resource.properties, [f.urlAuth]);
      if (auth.kind === 'unknown') return unknown(auth.dependsOn);
      if (auth.kind === 'found' && asText(auth.value) === 'AWS_IAM') return met('function URL requires IAM authentication');
      return gapOutcome(ctx, resource, this.duty, p.node.span, {
        what: 'permission',
        problem: 'lets anyone invoke the function (principal `*` without a source condition)',
        fix: isCfn(resource) ? 'name the calling account or service in `Principal` and add `SourceArn` or `SourceAccount`' : 'name the calling account or service in `principal` and add `source_arn` or `source_account`',
      });
    }
    // A bucket policy the bucket's (or the account's) public access block rejects or restricts exposes nothing.
    const bucket = resource.type === 'AWS::S3::BucketPolicy' || resource.type === 'aws_s3_bucket_policy' ? ctx.links.from(resource, RELATION.bucketPolicy)[0]?.to : resource.type === 'aws_s3_bucket' ? resource : undefined;
    const blocked = bucket ? publicAccessBlocked(ctx, bucket, 'policy') : undefined;
    if (blocked) return met(`${blocked} is on: a public bucket policy takes no effect`);
    const read =
      resource.type === 'aws_iam_policy_document'
        ? readPolicyDocumentBlocks(ctx, resource.properties)
        : readPolicy(ctx, resource.properties && RESOURCE_POLICY_PATHS[resource.type] ? getPath(resource.properties, RESOURCE_POLICY_PATHS[resource.type]) : undefined);
    const outcomes: RuleOutcome[] = read.dependsOn.length > 0 ? [unknown(read.dependsOn)] : [];
    for (const s of read.statements) {
      if (!s.principal.known) {
        outcomes.push(unknown(s.principal.dependsOn));
        continue;
      }
      if (s.principal.value === undefined) continue;
      if (s.principal.value !== '*') {
        outcomes.push(met('statement names its principals'));
        continue;
      }
      const allow = isAllow(s);
      if (allow === false) continue;
      // A condition limits who gets in whether or not its values are decided here (the rule asks only that there is one).
      if (allow === undefined || (!s.condition.known && !s.conditionPresent)) {
        outcomes.push(unknown(['the statement effect or condition']));
        continue;
      }
      const openCondition = conditionOpenToAnyone(s);
      if ((s.conditionPresent || (s.condition.known && s.condition.value !== undefined)) && !openCondition) {
        outcomes.push(met('public statement is limited by a condition'));
        continue;
      }
      const without = openCondition ? `: its condition (${[...new Set(openCondition)].map((k) => `\`${k}\``).join(', ')}) does not limit who may call` : ' without a condition';
      // A domain inside a VPC is reachable only through its security groups: an open policy is then not internet exposure.
      // So is an EFS file system (mounted only through its mount targets in a VPC).
      const inVpc = get(resource.properties, isCfn(resource) ? 'VPCOptions' : 'vpc_options') !== undefined || resource.type === 'AWS::EFS::FileSystem' || resource.type === 'aws_efs_file_system_policy';
      const role = resource.type === 'AWS::IAM::Role' || resource.type === 'aws_iam_role';
      outcomes.push(
        gapOutcome(
          ctx,
          resource,
          this.duty,
          s.span,
          {
            what: role ? 'role' : 'policy',
            problem: role
              ? `lets anyone (\`Principal: "*"\`) assume it${without}`
              : inVpc
                ? `allows anyone (\`Principal: "*"\`)${without}, leaving access control to the VPC security groups`
                : `allows anyone (\`Principal: "*"\`)${without}`,
            fix: role
              ? 'name who may assume it in the trust policy, or add a `Condition` (e.g. `aws:PrincipalOrgID`)'
              : 'name the accounts or services that need access, or add a `Condition` (e.g. `aws:SourceArn`, `aws:PrincipalOrgID`)',
          },
          inVpc ? { severity: 'warning' } : {},
        ),
      );
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

export const lambdaPermissionSource: Rule = {
  id: 'lambda-permission-source',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Lambda permissions for AWS services name the source resource or account',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::Lambda::Permission'],
  terraformTypes: ['aws_lambda_permission'],
  properties: { cloudformation: [['Principal'], ['SourceArn'], ['SourceAccount'], ['EventSourceToken']], terraform: [['principal'], ['source_arn'], ['source_account'], ['event_source_token']] },
  check(resource, ctx) {
    const f = lambdaPermissionFields(resource);
    const p = leaf(ctx, resource.properties, [f.principal]);
    if (p.kind === 'unknown') return unknown(p.dependsOn);
    if (p.kind !== 'found') return notApplicable;
    const principal = asText(p.value) ?? '';
    // Alexa: the skill's ID in the event source token limits who invokes; without it, any Alexa skill can.
    // https://docs.aws.amazon.com/lambda/latest/dg/services-alexa.html
    if (/^alexa-(appkit|connectedhome)\.amazon\.com$/i.test(principal)) {
      const tokenKey = isCfn(resource) ? 'EventSourceToken' : 'event_source_token';
      if (get(resource.properties, tokenKey) !== undefined) return met(`${tokenKey} names the skill`);
      return gapOutcome(ctx, resource, this.duty, p.node.span, {
        what: 'permission',
        problem: `lets any Alexa skill invoke the function (${principal} without the skill's ID)`,
        fix: `set \`${tokenKey}\` to the skill's ID`,
      });
    }
    if (!/\.amazonaws\.com(\.cn)?$/i.test(principal)) return notApplicable;
    const guard = [f.sourceArn, f.sourceAccount, f.org].find((k) => get(resource.properties, k) !== undefined);
    if (guard) return met(`${guard} is set`);
    return gapOutcome(ctx, resource, this.duty, p.node.span, {
      what: 'permission',
      problem: `lets ${principal} invoke the function on behalf of any account or resource (confused deputy)`,
      fix: isCfn(resource) ? 'add `SourceArn` (and `SourceAccount`) for the resource that calls the function' : 'add `source_arn` (and `source_account`) for the resource that calls the function',
    });
  },
};

export const lambdaFunctionUrlPublic = settingRule({
  id: 'lambda-function-url-public',
  duty: 'identity-and-access-management',
  title: 'Lambda function URLs require IAM authentication',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
  defaultSeverity: 'error',
  paths: {
    'AWS::Lambda::Url': [['AuthType']],
    'AWS::Serverless::Function': [['FunctionUrlConfig', 'AuthType']],
    aws_lambda_function_url: [['authorization_type']],
  },
  ok: notEqualsText('NONE'),
  fixValue: 'AWS_IAM',
  absent: 'not-applicable',
  what: 'function URL',
  problem: 'lets anyone on the internet invoke the function without authentication (`NONE`)',
});

/**
 * Where a policy is attached to IAM users, per type: the property naming the users (absent: the type itself is the
 * attachment of one user's policy). IAM.2 fails a user with any policy attached, inline or managed.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
 */
const USER_POLICY_PATHS: Readonly<Record<string, { readonly users?: string; readonly inline: boolean }>> = {
  'AWS::IAM::UserPolicy': { inline: true },
  'AWS::IAM::Policy': { users: 'Users', inline: true },
  'AWS::IAM::ManagedPolicy': { users: 'Users', inline: false },
  aws_iam_user_policy: { inline: true },
  aws_iam_user_policy_attachment: { inline: false },
  aws_iam_policy_attachment: { users: 'users', inline: false },
};

/**
 * The items of a list written in the file, when each one is surely there (none is an `Fn::If` or `AWS::NoValue`, which
 * may drop out): how many, and where the list is; undefined for anything else (a reference to a list, a splat).
 */
function listedItems(node: ValueNode | undefined): { count: number; span: Span } | undefined {
  if (!node || node.type !== 'list') return undefined;
  for (const item of node.items) {
    if (item.type !== 'intrinsic') continue;
    if (item.fn === 'Fn::If' || (item.fn === 'Ref' && asScalar(item.arg)?.value === 'AWS::NoValue')) return undefined;
  }
  return { count: node.items.length, span: node.span };
}

export const iamUserInlinePolicy: Rule = {
  id: 'iam-user-inline-policy',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'IAM users get permissions through groups or roles, not policies attached to them',
  docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::IAM::User', ...Object.keys(USER_POLICY_PATHS).filter((t) => t.startsWith('AWS::'))],
  terraformTypes: Object.keys(USER_POLICY_PATHS).filter((t) => !t.startsWith('AWS::')),
  properties: { cloudformation: [['Policies'], ['ManagedPolicyArns'], ['Users']], terraform: [['policy'], ['user'], ['users']] },
  check(resource, ctx) {
    const fix = 'grant the permissions through a group or a role (or prefer federated identities with temporary credentials)';
    if (resource.type === 'AWS::IAM::User') {
      const outcomes: RuleOutcome[] = [];
      for (const [key, problem] of [
        ['Policies', 'attaches an inline policy directly to an IAM user'],
        ['ManagedPolicyArns', 'attaches managed policies directly to an IAM user'],
      ] as const) {
        const l = leaf(ctx, resource.properties, [key]);
        if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
        else if (l.kind === 'absent' || (Array.isArray(l.value) && l.value.length === 0)) outcomes.push(met(`no ${key}`));
        else outcomes.push(gapOutcome(ctx, resource, this.duty, l.node.span, { what: 'user', problem, fix }));
      }
      return combine(outcomes);
    }
    const where = USER_POLICY_PATHS[resource.type];
    if (!where) return notApplicable;
    let span = resource.typeSpan;
    let count = 1;
    const listed = where.users ? listedItems(get(resource.properties, where.users)) : undefined;
    if (listed !== undefined) {
      // Each item names one user, whether written or a reference to a user of the file (`!Ref User`, `aws_iam_user.u.name`).
      if (listed.count === 0) return met('attached to no IAM user');
      span = listed.span;
      count = listed.count;
    } else if (where.users) {
      const l = leaf(ctx, resource.properties, [where.users]);
      if (l.kind === 'unknown') return unknown(l.dependsOn);
      if (l.kind === 'absent' || (Array.isArray(l.value) && l.value.length === 0)) return met('attached to no IAM user');
      span = l.node.span;
      count = Array.isArray(l.value) ? l.value.length : 1;
    } else if (resource.type === 'aws_iam_user_policy_attachment') span = get(resource.properties, 'user')?.span ?? span;
    const users = count === 1 ? 'an IAM user' : 'IAM users';
    const attachment = resource.type === 'aws_iam_user_policy_attachment' || resource.type === 'aws_iam_policy_attachment';
    return gapOutcome(ctx, resource, this.duty, span, {
      what: attachment ? 'policy attachment' : 'policy',
      problem: attachment ? `attaches a managed policy directly to ${users}` : where.users ? `is attached directly to ${users}` : `attaches an inline policy directly to ${users}`,
      fix,
    });
  },
};

export const iamUserAccessKey: Rule = {
  id: 'iam-user-access-key',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Templates do not create long-term IAM access keys',
  docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::IAM::AccessKey'],
  terraformTypes: ['aws_iam_access_key'],
  properties: { cloudformation: [['Status']], terraform: [['status']] },
  check(resource, ctx) {
    const l = leaf(ctx, resource.properties, [isCfn(resource) ? 'Status' : 'status']);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'found' && asText(l.value) === 'Inactive') return met('the access key is inactive');
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'access key',
      problem: 'creates a long-term access key for an IAM user',
      fix: 'use an IAM role with temporary credentials (instance profile, IRSA, IAM Roles Anywhere) instead',
    });
  },
};

/**
 * Users of a SageMaker notebook instance get root access on it unless `RootAccess` is `Disabled`: with root they can
 * change the instance's software and configuration (lifecycle configurations still run as root). Security Hub
 * SageMaker.3.
 */
export const sagemakerNotebookRootAccess = settingRule({
  id: 'sagemaker-notebook-root-access',
  duty: 'identity-and-access-management',
  title: 'SageMaker notebook instances do not give users root access',
  docUrl: 'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
  defaultSeverity: 'information',
  paths: { 'AWS::SageMaker::NotebookInstance': [['RootAccess']], aws_sagemaker_notebook_instance: [['root_access']] },
  ok: equalsText('Disabled'),
  fixValue: 'Disabled',
  absent: { gap: 'information', problem: 'gives its users root access (the default, `Enabled`)' },
  what: 'notebook instance',
  problem: 'gives its users root access',
});

/**
 * Secrets Manager rotates a secret only on a schedule someone configures (a rotation schedule naming the secret);
 * without one the credential lives until changed by hand. Security Hub SecretsManager.1. A rotation schedule whose
 * secret the file does not decide may be this one's (unknown).
 */
export const secretsManagerRotation: Rule = {
  id: 'secretsmanager-rotation',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'Secrets Manager secrets are rotated automatically',
  docUrl: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::SecretsManager::Secret'],
  terraformTypes: ['aws_secretsmanager_secret'],
  // What it reads of the secret itself (a rotation schedule is a separate resource): Terraform's rotation before 3.0.
  properties: { cloudformation: [], terraform: [['rotation_rules'], ['rotation_lambda_arn']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    // Provider versions before 3.0 configured rotation on the secret itself.
    if (!cfn && (get(resource.properties, 'rotation_rules') || get(resource.properties, 'rotation_lambda_arn'))) return met('rotation configured on the secret');
    const schedule = separateConfig(ctx, resource, RELATION.rotation, [{ type: cfn ? 'AWS::SecretsManager::RotationSchedule' : 'aws_secretsmanager_secret_rotation', attribute: cfn ? 'SecretId' : 'secret_id' }]);
    if (schedule) return schedule;
    return gapOutcome(ctx, resource, this.duty, resource.typeSpan, {
      what: 'secret',
      problem: 'has no rotation schedule in this file, so the credential is never rotated automatically',
      fix: cfn ? 'add an `AWS::SecretsManager::RotationSchedule` whose `SecretId` refers to it' : 'add an `aws_secretsmanager_secret_rotation` whose `secret_id` refers to it',
    });
  },
};

/** The usernames RDS consoles and guides use by default for the administrator (AWS Config rds-*-default-admin-check). */
const DEFAULT_ADMIN_NAMES: ReadonlySet<string> = new Set(['admin', 'postgres']);

/**
 * An RDS instance or cluster whose administrator is `admin` or `postgres`: the first names an attacker tries. The name
 * cannot be changed later (a new instance or cluster is needed). Security Hub RDS.24 (clusters), RDS.25 (instances;
 * an instance of a cluster takes the cluster's administrator).
 */
export const rdsDefaultAdminUsername: Rule = {
  id: 'rds-default-admin-username',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'RDS databases use a custom administrator username',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  terraformTypes: ['aws_db_instance', 'aws_rds_cluster'],
  properties: { cloudformation: [['MasterUsername']], terraform: [['username'], ['master_username']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    if (isClusterMember(ctx, resource)) return notApplicable;
    const key = cfn ? 'MasterUsername' : resource.type === 'aws_rds_cluster' ? 'master_username' : 'username';
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    // Absent: a replica, a restore from a snapshot or a cluster member takes the name from its source.
    if (l.kind === 'absent') return notApplicable;
    const name = asText(l.value);
    if (name === undefined) return unknown([`${key} is not a string`]);
    if (!DEFAULT_ADMIN_NAMES.has(name.toLowerCase())) return met(`${key}: a custom name`);
    return gapOutcome(ctx, resource, this.duty, l.node.span, {
      what: resource.type.endsWith('Cluster') || resource.type === 'aws_rds_cluster' ? 'DB cluster' : 'DB instance',
      problem: `uses the default administrator username \`${name}\`, the first name tried against a database`,
      fix: `choose another \`${key}\` (it cannot be changed later: a new database is needed)`,
    });
  },
};
