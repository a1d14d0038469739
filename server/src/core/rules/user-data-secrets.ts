/**
 * Secrets handed to an instance through its user data. User data is not encrypted: anyone allowed
 * `ec2:DescribeInstanceAttribute` (or `DescribeLaunchTemplateVersions`) reads it, and so does every process on the
 * instance through the metadata service; AWS advises against passing passwords or long-lived secrets in it
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). plaintext-secret reports secrets written in the
 * files; this rule reports the secrets the files declare as such and route into user data, whatever their value is at
 * deploy time: a `NoEcho` parameter, a `{{resolve:secretsmanager:…}}` reference (CloudFormation resolves it into the
 * user data), an access key's secret (`!GetAtt Key.SecretAccessKey`, `aws_iam_access_key.k.secret`), a `sensitive`
 * variable, a generated password (`random_password`), a Secrets Manager secret's value or a generated private key
 * (`tls_private_key`). A script that fetches its secret at boot holds no secret and is not reported.
 */
import { asScalar, get } from '../model/nodes';
import { resourceByBlock } from '../model/resource-index';
import type { Span, ValueNode } from '../model/types';
import { getAttTarget, refsThroughLocals } from '../values/links';
import { gapOutcome, isCfn } from './check';
import { quoteName } from './message';
import { combine, met, unknown } from './outcome';
import type { Rule, RuleContext } from './rule-api';
import { declaredSecret, NAME_NOT_VALUE, secretName } from './secret-text';

const CFN_PATHS: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::Instance': ['UserData'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'UserData'],
  'AWS::AutoScaling::LaunchConfiguration': ['UserData'],
};
const TF_KEYS = ['user_data', 'user_data_base64'];
const TF_TYPES = ['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request'];

/** The secrets a CloudFormation value substitutes that the files declare as such (see cfnSecrets). */
export function declaredSecrets(node: ValueNode, ctx: RuleContext): SecretUse[] {
  const uses: SecretUse[] = [];
  cfnSecrets(node, ctx, uses, undefined, 0);
  return uses;
}

/** The first use of each secret (a password written into three cfn-init commands is one finding, at the first). */
function onePerSecret(uses: SecretUse[]): SecretUse[] {
  const seen = new Set<string>();
  return uses.filter((u) => !seen.has(u.what) && (seen.add(u.what), true));
}

/** Terraform attributes that hold a secret (resource type → attributes; `data.` sources are written with the prefix). */
const TF_SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_access_key: ['secret', 'ses_smtp_password_v4'],
  random_password: ['result'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  'data.aws_secretsmanager_secret_version': ['secret_string', 'secret_binary'],
  tls_private_key: ['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'],
};

/** Functions that turn a secret into something that is not it (a digest, a length): the script may get only that. */
const NOT_THE_SECRET = /\b(?:sha1|sha256|sha512|md5|bcrypt|base64sha256|base64sha512|length|nonsensitive)\s*\(/;

export interface SecretUse {
  /** What the secret is, for the message ("NoEcho parameter `DbPassword`"). */
  readonly what: string;
  readonly span: Span;
  /** Set when the secret reaches the script only on a branch the files do not decide, or maybe only as a digest. */
  readonly maybe?: string;
}

export const userDataSecret: Rule = {
  id: 'user-data-secret',
  duty: 'identity-and-access-management',
  owner: 'customer',
  title: 'No secrets passed to instances in user data or cfn-init metadata',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
  defaultSeverity: 'warning',
  cloudformationTypes: Object.keys(CFN_PATHS),
  terraformTypes: TF_TYPES,
  properties: {
    cloudformation: [['UserData'], ['LaunchTemplateData', 'UserData']],
    terraform: [['user_data'], ['user_data_base64']],
  },
  check(resource, ctx) {
    const uses: SecretUse[] = [];
    /** Secrets written into the resource's `AWS::CloudFormation::Init` metadata (cfn-init's files and commands). */
    let inMetadata: SecretUse[] = [];
    if (isCfn(resource)) {
      let node: ValueNode | undefined = resource.properties;
      for (const key of CFN_PATHS[resource.type] ?? []) node = node?.type === 'map' ? get(node, key) : undefined;
      if (node) uses.push(...onePerSecret(declaredSecrets(node, ctx)));
      const md = resource.definition ? get(resource.definition, 'Metadata') : undefined;
      const init = md?.type === 'map' ? get(md, 'AWS::CloudFormation::Init') : undefined;
      // Dynamic references are resolved in properties only: a `{{resolve:…}}` in metadata stays that text.
      if (init) inMetadata = onePerSecret(declaredSecrets(init, ctx).filter((u) => !u.what.startsWith('a Secrets Manager secret')));
    } else {
      for (const key of TF_KEYS) {
        const node = get(resource.properties, key);
        if (node) tfSecrets(node, ctx, uses);
      }
    }
    if (uses.length === 0 && inMetadata.length === 0) return met('no secret the files declare reaches the user data or cfn-init metadata');
    const sure = uses.filter((u) => !u.maybe);
    const sureInMetadata = inMetadata.filter((u) => !u.maybe);
    if (sure.length === 0 && sureInMetadata.length === 0) return unknown([...uses, ...inMetadata].slice(0, 3).map((u) => u.maybe as string));
    const cfn = isCfn(resource);
    return combine([
      ...sure.slice(0, 10).map((u) =>
        gapOutcome(ctx, resource, 'identity-and-access-management', u.span, {
          what: 'instance configuration',
          problem: `passes ${u.what} in its user data, which anyone allowed to describe the instance, and any process on it, can read in plain text`,
          fix: cfn
            ? 'have the script fetch the secret at boot (`aws secretsmanager get-secret-value` with the instance role) instead of substituting it'
            : 'have the script fetch the secret at boot (`aws secretsmanager get-secret-value` with the instance role) instead of interpolating it',
        }),
      ),
      // NoEcho masks a parameter in the console and API, not the metadata it is written into.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
      ...sureInMetadata.slice(0, 10).map((u) =>
        gapOutcome(ctx, resource, 'identity-and-access-management', u.span, {
          what: 'instance configuration',
          problem: `writes ${u.what} into its \`AWS::CloudFormation::Init\` metadata, which anyone allowed to describe the stack's resources can read in plain text (NoEcho does not mask metadata)`,
          fix: 'have a cfn-init command fetch the secret at boot (`aws secretsmanager get-secret-value` with the instance role) instead of substituting it',
        }),
      ),
    ]);
  },
};

/**
 * A deploy-time input that holds a secret: declared so (`NoEcho`, `sensitive`), or named for one (`DbPassword`,
 * `api_token`; not `DbPasswordSecretArn`, `password_length`). What it says it is, for the message; undefined otherwise.
 */
function secretInput(ctx: RuleContext, name: string): string | undefined {
  const p = ctx.doc.declarations.parameters.get(name)?.node;
  const cfn = ctx.doc.language === 'cloudformation';
  // A CloudFormation name that is no parameter is a resource's (its Ref is an id or ARN); `var.x` is a variable whether
  // or not this file declares it.
  if (!p && cfn) return undefined;
  if (p && declaredSecret(ctx, name)) return `${cfn ? 'NoEcho parameter' : 'sensitive variable'} ${quoteName(name)}`;
  return secretName(name) && !NAME_NOT_VALUE.test(name.replace(/[_-]/g, '')) ? `${cfn ? 'parameter' : 'variable'} ${quoteName(name)}` : undefined;
}

/** `AccessKey.SecretAccessKey` where `AccessKey` is an `AWS::IAM::AccessKey` of the template. */
function accessKeySecret(ctx: RuleContext, id: string, attr: string): string | undefined {
  if (attr !== 'SecretAccessKey' || !id) return undefined;
  return resourceByBlock(ctx.doc, id)?.type === 'AWS::IAM::AccessKey' ? `the secret access key of ${quoteName(id)}` : undefined;
}

const SUB_VARIABLE = /\$\{([A-Za-z0-9_:.]+)\}/g;

/**
 * The declared secrets a CloudFormation value substitutes (explicit stack of depth: hostile nesting stops at 20).
 * `maybe`: the value sits on a branch of an `Fn::If` whose condition the files do not decide.
 */
function cfnSecrets(node: ValueNode, ctx: RuleContext, out: SecretUse[], maybe: string | undefined, depth: number): void {
  if (depth > 20 || out.length >= 20) return;
  switch (node.type) {
    case 'scalar':
      if (typeof node.value === 'string' && node.value.includes('{{resolve:secretsmanager:')) out.push({ what: 'a Secrets Manager secret (a `{{resolve:secretsmanager:…}}` reference)', span: node.span, maybe });
      return;
    case 'list':
      for (const i of node.items) cfnSecrets(i, ctx, out, maybe, depth + 1);
      return;
    case 'map':
      for (const e of node.entries) cfnSecrets(e.value, ctx, out, maybe, depth + 1);
      return;
    case 'intrinsic':
      break;
    default:
      return;
  }
  const arg = node.arg;
  const s = asScalar(arg);
  switch (node.fn) {
    case 'Ref':
      if (s && typeof s.value === 'string') {
        const what = secretInput(ctx, s.value);
        if (what) out.push({ what, span: node.span, maybe });
      }
      return;
    case 'Fn::GetAtt': {
      const t = getAttTarget(node);
      const what = t && accessKeySecret(ctx, t.id, t.attribute);
      if (what) out.push({ what, span: node.span, maybe });
      return;
    }
    case 'Fn::Sub': {
      const tpl = arg.type === 'list' ? arg.items[0] : arg;
      const vars = arg.type === 'list' ? arg.items[1] : undefined;
      const own = new Set<string>();
      if (vars?.type === 'map') {
        for (const e of vars.entries) own.add(e.key);
        cfnSecrets(vars, ctx, out, maybe, depth + 1);
      }
      const t = asScalar(tpl);
      if (!t || typeof t.value !== 'string') return;
      if (t.value.includes('{{resolve:secretsmanager:')) out.push({ what: 'a Secrets Manager secret (a `{{resolve:secretsmanager:…}}` reference)', span: t.span, maybe });
      for (const m of t.value.matchAll(SUB_VARIABLE)) {
        const name = m[1];
        if (own.has(name)) continue;
        const dot = name.indexOf('.');
        const what = dot >= 0 ? accessKeySecret(ctx, name.slice(0, dot), name.slice(dot + 1)) : secretInput(ctx, name);
        if (what && !out.some((u) => u.what === what)) out.push({ what, span: t.span, maybe });
      }
      return;
    }
    case 'Fn::If': {
      if (arg.type !== 'list' || arg.items.length !== 3) return;
      const c = ctx.values.evaluate({ type: 'intrinsic', span: arg.items[0].span, fn: 'Condition', arg: arg.items[0] });
      if (c.known && typeof c.value === 'boolean') {
        cfnSecrets(arg.items[c.value ? 1 : 2], ctx, out, maybe, depth + 1);
        return;
      }
      const name = asScalar(arg.items[0])?.value;
      const why = maybe ?? `condition ${quoteName(String(name ?? '?'))}, which decides whether the secret is passed`;
      cfnSecrets(arg.items[1], ctx, out, why, depth + 1);
      cfnSecrets(arg.items[2], ctx, out, why, depth + 1);
      return;
    }
    default:
      cfnSecrets(arg, ctx, out, maybe, depth + 1);
  }
}

/** The declared secrets a Terraform value reads, directly or through locals. */
function tfSecrets(node: ValueNode, ctx: RuleContext, out: SecretUse[]): void {
  const refs = refsThroughLocals(node, ctx.doc.declarations.locals);
  if (refs.length === 0) return;
  const seen = new Set<string>();
  for (const ref of refs) {
    const what = tfSecret(ctx, ref);
    if (!what || seen.has(what)) continue;
    seen.add(what);
    out.push({ what, span: node.span, maybe: digestOnly(node, ctx, ref) ? `whether the user data gets ${what} or only a digest or length of it` : undefined });
  }
}

function tfSecret(ctx: RuleContext, ref: string): string | undefined {
  const p = ref.split('.');
  if (p[0] === 'var' && p[1]) return secretInput(ctx, p[1]);
  const data = p[0] === 'data';
  const type = data ? `data.${p[1]}` : p[0];
  const attr = data ? p[3] : p[2];
  const attrs = TF_SECRET_ATTRIBUTES[type];
  if (!attrs || !attr || !attrs.includes(attr)) return undefined;
  return `${quoteName(p.slice(0, data ? 4 : 3).join('.'))}`;
}

/** Whether the expression (or a local it reads) may hand the script only a digest or the length of the secret. */
function digestOnly(node: ValueNode, ctx: RuleContext, ref: string): boolean {
  const texts: string[] = [];
  const collect = (n: ValueNode | undefined): void => {
    if (!n) return;
    if (n.type === 'expr') texts.push(n.text);
    else if (n.type === 'list') n.items.forEach(collect);
    else if (n.type === 'map') for (const e of n.entries) collect(e.value);
  };
  collect(node);
  for (const r of refsThroughLocals(node, ctx.doc.declarations.locals)) if (r.startsWith('local.')) collect(ctx.doc.declarations.locals.get(r.split('.')[1]));
  const name = ref.split('.').slice(0, 2).join('.');
  return texts.some((t) => t.includes(name) && NOT_THE_SECRET.test(t));
}
