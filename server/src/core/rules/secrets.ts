/**
 * Secrets written in plain text: AWS access key ids, literal values of password/secret/token properties and
 * environment variables, passwords in user data — written in the resource or flowing into it from a parameter default,
 * a variable's default or tfvars value, a local, or `!Sub` / `Fn::Join` / an interpolation. A `NoEcho` parameter or a
 * `sensitive` variable is a secret wherever it goes. References the file does not decide (`!Ref` of a parameter without
 * default, `var.x` set elsewhere, `{{resolve:secretsmanager:...}}`, a secret read at boot with
 * `aws secretsmanager get-secret-value`) are fine: only literal text in the files is a finding.
 */
import { asScalar, get } from '../model/nodes';
import type { ExprNode, IntrinsicNode, MapNode, Resource, Span, ValueNode } from '../model/types';
import { gapOutcome, isCfn } from './check';
import { quoteName } from './message';
import { combine, met, notApplicable, unknown } from './outcome';
import { HOLE_CHAR, Hole, partialJson, partialText, type PartialValue, type Piece } from './partial';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import { declaredSecret, hasAccessKeyId, hasPrivateKey, NAME_NOT_VALUE, secretName } from './secret-text';
import { declaredSecrets } from './user-data-secrets';

/**
 * `password=…`, `DB_PASSWORD: …`, `PASSWORD=\"…\"` (quotes escaped in a JSON or heredoc script) in a script: the value is group 1. Not a value that starts with `$`, a backtick, a
 * brace or a parenthesis (a shell variable, a command substitution, a template), nor an undecided piece (HOLE_CHAR).
 */
const PASSWORD_IN_TEXT = /(?<![A-Za-z0-9_])(?:[A-Za-z0-9]+_)*(?:password|passwd|pwd)\s*[=:]\s*\\?["']?([^\s"'$;{}()`\\\u0000]{4,})/gi;
/**
 * A secret read at run time, on the line that sets the password: the value is not in the file. Secrets Manager and
 * Parameter Store through the AWS CLI, the SDKs and the PowerShell tools, and CloudFormation dynamic references.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html
 */
const RUNTIME_FETCH = /secretsmanager\s+get-secret-value|\bssm\s+get-parameters?\b|\{\{resolve:(?:secretsmanager|ssm-secure|ssm):|get_secret_value|getSecretValue|GetSecretValue|get_parameters?\b|getParameters?\(|Get-SECSecretValue|Get-SSMParameter/i;
const USER_DATA = new Set(['UserData', 'user_data', 'user_data_base64']);
const REFERENCE_CODES = new Set(['PARAMETER_STORE', 'SECRETS_MANAGER', 'SECRETSMANAGER']);

/** A literal that is not a reference or a placeholder the service resolves. */
function literalSecret(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (s.length < 4) return false;
  if (s.startsWith('{{resolve:') || s.startsWith('${') || s.startsWith('arn:') || s.startsWith('alias/') || s.startsWith('/')) return false;
  if (s.includes(HOLE_CHAR)) return false;
  return true;
}

/** The first password a script sets to a literal (not read at run time), with where its value is in the text. */
function passwordInText(text: string): { start: number; end: number } | undefined {
  if (!/pass|pwd/i.test(text)) return undefined;
  PASSWORD_IN_TEXT.lastIndex = 0;
  // Whether a line reads a secret at run time, once per line (a hostile one-line script has many matches).
  let line = { start: -1, end: -1, fetch: false };
  for (let m = PASSWORD_IN_TEXT.exec(text); m; m = PASSWORD_IN_TEXT.exec(text)) {
    const value = m[1];
    const end = m.index + m[0].length;
    // A call or an index (`password = get_secret()`, `secret['password']`) is code, not a value; a path (`PWD=/root`,
    // `password_file: /run/secrets/db`) names where a secret is, as literalSecret reads a `/` value.
    if (/^[([.]/.test(text.slice(end, end + 1)) || value.startsWith('/')) continue;
    if (line.start < 0 || m.index >= line.end) {
      const start = text.lastIndexOf('\n', m.index) + 1;
      const nl = text.indexOf('\n', m.index);
      const lineEnd = nl < 0 ? text.length : nl;
      line = { start, end: lineEnd, fetch: RUNTIME_FETCH.test(text.slice(start, lineEnd)) };
    }
    if (line.fetch) continue;
    return { start: end - value.length, end };
  }
  return undefined;
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
  'aws_directory_service_directory', 'aws_glue_connection', 'aws_iam_user_login_profile', 'aws_ecs_task_definition',
];

interface Hit {
  readonly span: Span;
  readonly kind: 'access-key' | 'private-key' | 'secret' | 'user-data' | 'container';
  readonly name: string;
  /** Where a literal that flowed into the resource came from ("the default of parameter `DbPassword`"). */
  readonly from?: string;
}

// ---- where a value came from ----

/**
 * The locals a Terraform expression that names a whole container reads (`variables = local.env`): a value resolved as
 * a node carries no `via` of its own. (An evaluated value's `via` names the locals it went through.)
 */
function localsVia(node: ValueNode): string[] {
  return node.type === 'expr' ? node.refs.filter((r) => r.startsWith('local.')).map((r) => `local ${r.slice('local.'.length)}`) : [];
}

/** The sources named in an evaluator `via`, for a message ("the default of parameter `DbPassword`"); never the value. */
function origin(via: string | undefined, ctx: RuleContext): string | undefined {
  if (!via) return undefined;
  const out: string[] = [];
  for (const part of via.split('; ')) {
    let m: RegExpExecArray | null;
    if ((m = /^parameter (\S+) \(default /.exec(part))) out.push(`the default of ${ctx.doc.language === 'cloudformation' && declaredSecret(ctx, m[1]) ? 'NoEcho ' : ''}parameter ${quoteName(m[1])}`);
    else if ((m = /^parameter (\S+) passed by stack (\S+) \((.+)\)$/.exec(part))) out.push(`parameter ${quoteName(m[1])} as stack ${quoteName(m[2])} passes it (${m[3]})`);
    else if ((m = /^variable (\S+) \(default /.exec(part))) out.push(`the default of variable ${quoteName(m[1])}`);
    else if ((m = /^variable (\S+) = /.exec(part))) {
      const at = part.lastIndexOf(' (from ');
      out.push(`variable ${quoteName(m[1])}${at >= 0 ? ` set in ${part.slice(at + ' (from '.length, -1)}` : ''}`);
    } else if ((m = /^argument (\S+) of (\S+) \((.+)\)$/.exec(part))) out.push(`argument ${quoteName(m[1])} of ${quoteName(m[2])} (${m[3]})`);
    else if ((m = /^local (\S+)$/.exec(part))) out.push(`local ${quoteName(m[1])}`);
    else if ((m = /^mapping (\S+)$/.exec(part))) out.push(`mapping ${quoteName(m[1])}`);
  }
  const uniq = [...new Set(out)];
  return uniq.length > 0 ? uniq.slice(0, 3).join(' and ') : undefined;
}


/**
 * A value that is not written in the property but that the files decide: a literal secret when it is text (a parameter
 * default, a variable's default or tfvars value, a local, a `!Sub` / `Fn::Join` of decided parts).
 */
function flowed(ctx: RuleContext, node: ValueNode, declaredSecret = false): { value: string; from?: string } | undefined {
  const ev = ctx.values.evaluate(node);
  if (!ev.known || !literalSecret(ev.value)) return undefined;
  const via = ev.via ?? '';
  // An input named for what it identifies (`DbSecretName`, `secret_arn`, `token_parameter`) holds a name, not the secret
  // (unless the file declares it secret: NoEcho, sensitive).
  const sources = [...via.matchAll(/(?:^|; )(?:parameter|variable|local|argument) (\S+)/g)].map((m) => m[1]);
  if (!declaredSecret && sources.length > 0 && sources.every((n) => NAME_NOT_VALUE.test(n.replace(/[_-]/g, '')))) return undefined;
  return { value: ev.value, from: origin(via, ctx) };
}

/**
 * The deploy-time inputs a value reads that the file declares secret — a `NoEcho` parameter (`Ref`, `${Name}` in a
 * `!Sub`) or a `sensitive` variable — and that the file gives a literal value all the same.
 */
function declaredSecretInput(ctx: RuleContext, node: ValueNode): string | undefined {
  const names: string[] = [];
  if (node.type === 'intrinsic') collectCfnRefs(node, names, 0);
  else if (node.type === 'expr') for (const r of node.refs) if (r.startsWith('var.')) names.push(r.slice('var.'.length));
  for (const name of names.slice(0, 20)) {
    if (!declaredSecret(ctx, name)) continue;
    const ref: ValueNode =
      node.type === 'intrinsic'
        ? ({ type: 'intrinsic', span: node.span, fn: 'Ref', arg: { type: 'scalar', span: node.span, value: name } } satisfies IntrinsicNode)
        : ({ type: 'expr', span: node.span, text: `var.${name}`, refs: [`var.${name}`] } satisfies ExprNode);
    const f = flowed(ctx, ref, true);
    if (!f) continue;
    // The property must carry the secret itself (not, say, its length in a condition).
    const whole = ctx.values.evaluate(node);
    if (!whole.known || typeof whole.value !== 'string' || !whole.value.includes(f.value)) continue;
    return f.from ?? (node.type === 'intrinsic' ? `the default of NoEcho parameter ${quoteName(name)}` : `sensitive variable ${quoteName(name)}`);
  }
  return undefined;
}

/**
 * Properties that name who signs in, not their secret (`MasterUsername`, `username`, `DbUser`, `login`): a `NoEcho`
 * parameter or a `sensitive` variable there hides a name, which is no credential.
 */
const IDENTITY_KEY = /(user(_?name)?|login)$/i;

function collectCfnRefs(node: ValueNode, out: string[], depth: number): void {
  if (depth > 20 || out.length > 20) return;
  if (node.type === 'intrinsic') {
    if (node.fn === 'Ref' && node.arg.type === 'scalar' && typeof node.arg.value === 'string') out.push(node.arg.value);
    else if (node.fn === 'Fn::Sub') {
      const tpl = node.arg.type === 'list' ? node.arg.items[0] : node.arg;
      if (tpl?.type === 'scalar' && typeof tpl.value === 'string') for (const m of tpl.value.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)) out.push(m[1]);
      if (node.arg.type === 'list') for (const i of node.arg.items.slice(1)) collectCfnRefs(i, out, depth + 1);
    } else collectCfnRefs(node.arg, out, depth + 1);
  } else if (node.type === 'list') for (const i of node.items) collectCfnRefs(i, out, depth + 1);
  else if (node.type === 'map') for (const e of node.entries) collectCfnRefs(e.value, out, depth + 1);
}

/** A password in user data, as far as the files decide the script; where its value came from when it flowed in. */
function userDataHit(ctx: RuleContext, node: ValueNode, key: string): Hit | undefined {
  const t = partialText(ctx, node);
  if (!t) return undefined;
  // User data written already encoded (`user_data_base64`, or CloudFormation `UserData` without `Fn::Base64`): the
  // script is its decoded text; a finding is at the property (a place inside base64 means nothing to a reader).
  const decoded = t.pieces.length === 0 ? decodedScript(t.text) : undefined;
  if (decoded !== undefined) {
    if (hasAccessKeyId(decoded)) return { span: node.span, kind: 'access-key', name: key };
    if (hasPrivateKey(decoded)) return { span: node.span, kind: 'private-key', name: key };
    return passwordInText(decoded) ? { span: node.span, kind: 'user-data', name: key } : undefined;
  }
  if (hasAccessKeyId(t.text)) return { span: node.span, kind: 'access-key', name: key, from: fromPieces(t.pieces, 0, t.text.length, ctx, (s) => hasAccessKeyId(s), t.text) };
  if (hasPrivateKey(t.text)) return { span: node.span, kind: 'private-key', name: key, from: fromPieces(t.pieces, 0, t.text.length, ctx, (s) => hasPrivateKey(s), t.text) };
  const p = passwordInText(t.text);
  if (!p) return undefined;
  const from = fromPieces(t.pieces, p.start, p.end, ctx);
  // A password written in the script: at the script's text (below `Fn::Base64` / `Fn::Sub`), else at the property.
  return { span: from ? node.span : scriptSpan(node), kind: 'user-data', name: key, from };
}

/** Base64 text (one literal, 16 characters or more) that decodes to a script (printable UTF-8); undefined otherwise. */
function decodedScript(text: string): string | undefined {
  const b = text.replace(/\s+/g, '');
  if (b.length < 16 || b.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b)) return undefined;
  // atob and TextDecoder, not Buffer: the analysis also runs in the browser build.
  let d: string;
  try {
    d = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(d) ? d : undefined;
}

function scriptSpan(node: ValueNode): Span {
  let n = node;
  for (let i = 0; i < 4 && n.type === 'intrinsic' && (n.fn === 'Fn::Base64' || n.fn === 'Fn::Sub'); i++) n = n.arg.type === 'list' && n.fn === 'Fn::Sub' ? (n.arg.items[0] ?? n.arg) : n.arg;
  return n.type === 'scalar' ? n.span : node.span;
}

/** The origins of the pieces of partial text that overlap [start, end) (and, with `test`, hold what it looks for). */
function fromPieces(pieces: readonly Piece[], start: number, end: number, ctx: RuleContext, test?: (s: string) => boolean, text?: string): string | undefined {
  const vias: string[] = [];
  for (const p of pieces) if (p.start < end && p.end > start && (!test || (text !== undefined && test(text.slice(p.start, p.end))))) vias.push(p.via);
  return origin(vias.join('; '), ctx);
}

/** Environment variables in ECS container definitions given as JSON (Terraform `container_definitions`). */
function containerHits(ctx: RuleContext, node: ValueNode, hits: Hit[]): void {
  const p = partialJson(ctx, node);
  if (!p || 'error' in p) return;
  const walk = (v: PartialValue, depth: number): void => {
    if (depth > 10 || hits.length >= 50 || v instanceof Hole || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v as readonly PartialValue[]) walk(x, depth + 1);
      return;
    }
    const o = v as { readonly [k: string]: PartialValue };
    const name = o.name;
    const value = o.value;
    if (typeof name === 'string' && secretName(name) && literalSecret(value)) hits.push({ span: node.span, kind: 'container', name });
    else if (typeof value === 'string' && hasAccessKeyId(value)) hits.push({ span: node.span, kind: 'access-key', name: typeof name === 'string' ? name : 'value' });
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(p.value, 0);
}

/**
 * Walks the properties (explicit stack: hostile nesting cannot overflow) and collects literal secrets. The stack is
 * two parallel arrays (node, key) rather than an object per node: this walk visits every property.
 */
/**
 * findSecrets' stack, kept between calls (the walk visits every property of every resource it checks; it is not
 * re-entered: analysis is synchronous and nothing it calls walks secrets).
 */
const STACK = { nodes: [] as ValueNode[], keys: [] as string[], froms: [] as (string | undefined)[] };

/** Terraform functions that read a file of the configuration into a value. */
const FILE_READ = /\b(file|filebase64|templatefile)\s*\(/;

/** The first function call of a resource's arguments that reads a file (`file(...)`), as written; undefined when none. */
function fileRead(properties: MapNode | undefined): string | undefined {
  const stack: ValueNode[] = properties ? [properties] : [];
  for (let budget = 20000; stack.length > 0 && budget > 0; budget--) {
    const n = stack.pop() as ValueNode;
    if (n.type === 'expr') {
      const m = FILE_READ.exec(n.text);
      if (m) return `\`${m[1]}()\``;
    } else if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
    else if (n.type === 'list') for (const x of n.items) stack.push(x);
  }
  return undefined;
}

function findSecrets(resource: Resource, ctx: RuleContext): Hit[] {
  const hits: Hit[] = [];
  const { nodes, keys, froms } = STACK;
  nodes.length = 0;
  keys.length = 0;
  froms.length = 0;
  const push = (node: ValueNode, key: string, from: string | undefined): void => {
    nodes.push(node);
    keys.push(key);
    froms.push(from);
  };
  if (resource.properties) push(resource.properties, '', undefined);
  let budget = 20000;
  const cfn = isCfn(resource);
  while (nodes.length > 0 && budget-- > 0 && hits.length < 50) {
    const node = nodes.pop() as ValueNode;
    const key = keys.pop() as string;
    const from = froms.pop();
    if (USER_DATA.has(key)) {
      const h = userDataHit(ctx, node, key);
      if (h) hits.push(h.from || !from ? h : { ...h, from });
      continue;
    }
    if (!cfn && key === 'container_definitions') {
      containerHits(ctx, node, hits);
      continue;
    }
    switch (node.type) {
      case 'scalar': {
        if (typeof node.value !== 'string') break;
        if (hasAccessKeyId(node.value)) hits.push({ span: node.span, kind: 'access-key', name: key, from });
        else if (hasPrivateKey(node.value)) hits.push({ span: node.span, kind: 'private-key', name: key, from });
        else if (key && secretName(key) && literalSecret(node.value)) hits.push({ span: node.span, kind: 'secret', name: key, from });
        break;
      }
      case 'map': {
        nameValuePair(node, ctx, hits);
        const entries = node.entries;
        for (let i = 0; i < entries.length; i++) push(entries[i].value, entries[i].key, from);
        break;
      }
      case 'list': {
        const items = node.items;
        for (let i = 0; i < items.length; i++) push(items[i], key, from);
        break;
      }
      case 'intrinsic':
      case 'expr': {
        // A value the files decide elsewhere: a secret when it lands in a secret's place, or comes from a declared secret.
        const f = key && secretName(key) ? flowed(ctx, node) : undefined;
        if (f) {
          hits.push({ span: node.span, kind: 'secret', name: key, from: f.from ?? from });
          break;
        }
        const declared = key && IDENTITY_KEY.test(key) ? undefined : declaredSecretInput(ctx, node);
        if (declared) {
          hits.push({ span: node.span, kind: 'secret', name: key || 'a property', from: declared });
          break;
        }
        // Structure the evaluator stands at the reference (a local's map, a `!If` branch, a mapping) is walked like written text.
        const r = ctx.values.resolve(node);
        if (r.known && r.node !== node && (r.node.type === 'map' || r.node.type === 'list')) {
          push(r.node, key, origin([...localsVia(node), ...(r.via ? [r.via] : [])].join('; '), ctx) ?? from);
          break;
        }
        const ev = r.known && r.node.type === 'scalar' ? ctx.values.evaluate(node) : undefined;
        if (ev?.known && typeof ev.value === 'string' && hasAccessKeyId(ev.value)) {
          hits.push({ span: node.span, kind: 'access-key', name: key, from: origin([...localsVia(node), ...(ev.via ? [ev.via] : [])].join('; '), ctx) ?? from });
        }
        break;
      }
    }
  }
  // What the walk left (a budget or hit limit reached) must not keep this document's nodes alive.
  nodes.length = 0;
  keys.length = 0;
  froms.length = 0;
  return hits;
}

/** `get(m, a) ?? get(m, b)` in one pass over the entries (this runs on every map of the resource). */
function getEither(m: MapNode, a: string, b: string): ValueNode | undefined {
  let second: ValueNode | undefined;
  const entries = m.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
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
  if (!value || !secretName(name.value)) return;
  const type = ctx.values.evaluate(get(m, 'Type') ?? get(m, 'type'));
  if (type.known && typeof type.value === 'string' && REFERENCE_CODES.has(type.value.toUpperCase())) return;
  const sv = asScalar(value);
  if (sv) {
    if (literalSecret(sv.value)) hits.push({ span: value.span, kind: 'secret', name: name.value });
    return;
  }
  if (value.type !== 'intrinsic' && value.type !== 'expr') return;
  const f = flowed(ctx, value);
  if (f) hits.push({ span: value.span, kind: 'secret', name: name.value, from: f.from });
}

/** Keys found in the text (Errors whatever their name): what the finding says and how to close it. */
const KEY_HITS = {
  'access-key': { problem: 'contains an AWS access key id in plain text', fix: 'remove the key, deactivate it in IAM, and give the workload a role instead' },
  'private-key': {
    problem: 'contains a private key in plain text',
    fix: 'remove the key from the files, replace it (it has been exposed), and have the workload read the new one at run time from Secrets Manager or a Parameter Store SecureString',
  },
} as const;

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
    cloudformation: [['MasterUserPassword'], ['Password'], ['AuthToken'], ['SecretString'], ['UserData'], ['Environment', 'Variables'], ['LoginProfile', 'Password'], ['ContainerDefinitions', 'Environment']],
    terraform: [['password'], ['master_password'], ['auth_token'], ['secret_string'], ['value'], ['user_data'], ['environment', 'variables'], ['container_definitions']],
  },
  check(resource, ctx) {
    if (resource.type === 'provider') return providerCredentials(resource, ctx);
    if (resource.type === 'output') return outputSecret(resource, ctx);
    const hits = findSecrets(resource, ctx);
    if (resource.type === 'aws_ssm_parameter') {
      const type = ctx.values.evaluate(get(resource.properties, 'type'));
      const value = get(resource.properties, 'value');
      if (type.known && type.value === 'SecureString' && value) {
        const sv = asScalar(value);
        const f = sv ? undefined : flowed(ctx, value);
        if (sv ? literalSecret(sv.value) : f) hits.push({ span: value.span, kind: 'secret', name: 'value', from: f?.from });
      }
    }
    if (hits.length === 0) {
      // A file of the module read into a value (`file("${path.module}/init.sh")`) is text of the repository too.
      const read = isCfn(resource) ? undefined : fileRead(resource.properties);
      return read ? unknown([`the content of the file ${read} reads`]) : met('no literal secret in this resource');
    }
    if (hits.length > 1) hits.sort((a, b) => a.span.start - b.span.start);
    const cfn = isCfn(resource);
    const outcomes: RuleOutcome[] = hits.map((h) => {
      const key = h.kind === 'access-key' || h.kind === 'private-key' ? KEY_HITS[h.kind] : undefined;
      return key
        ? gapOutcome(ctx, resource, 'identity-and-access-management', h.span, { what: 'resource', problem: `${key.problem}${h.from ? ` (from ${h.from})` : ''}`, fix: key.fix }, { severity: 'error' })
        : gapOutcome(ctx, resource, 'identity-and-access-management', h.span, { what: 'resource', problem: problemOf(h), fix: fixOf(h, resource.type, cfn) });
    });
    return combine(outcomes);
  },
};

/**
 * Static credentials in a Terraform `provider "aws"` block: `access_key` / `secret_key` / `token` written in the file or
 * given by a variable's default, a tfvars file or a local. A provider that skips credential validation (LocalStack and
 * other mocks) is not talking to AWS. https://docs.aws.amazon.com/prescriptive-guidance/latest/terraform-aws-provider-best-practices/security.html
 */
function providerCredentials(provider: Resource, ctx: RuleContext): RuleOutcome {
  if (provider.name !== 'aws' && !provider.name.startsWith('aws.')) return notApplicable;
  const body = provider.properties;
  if (ctx.values.bool(get(body, 'skip_credentials_validation')) === true) return met('credential validation is skipped (a mock endpoint, not AWS)');
  const hits = findSecrets(provider, ctx);
  for (const key of ['secret_key', 'access_key']) {
    const node = get(body, key);
    if (!node || hits.some((h) => h.span.start === node.span.start)) continue;
    const sv = asScalar(node);
    const f = sv ? undefined : flowed(ctx, node);
    if (sv ? literalSecret(sv.value) : f) hits.push({ span: node.span, kind: 'secret', name: key, from: f?.from });
  }
  if (hits.length === 0) return met('no static credentials in the provider');
  if (hits.length > 1) hits.sort((a, b) => a.span.start - b.span.start);
  const fix = 'remove the keys from the provider: let it read credentials from the environment, a shared profile, IAM Identity Center or an assumed role';
  return combine(
    hits.map((h) =>
      gapOutcome(
        ctx,
        provider,
        'identity-and-access-management',
        h.span,
        {
          what: 'provider',
          problem: h.kind === 'access-key' ? `contains an AWS access key id in plain text${h.from ? ` (from ${h.from})` : ''}` : `sets ${quoteName(h.name)} to a literal credential${h.from ? ` from ${h.from}` : ''}`,
          fix,
        },
        { severity: h.kind === 'access-key' || h.name === 'secret_key' ? 'error' : 'warning' },
      ),
    ),
  );
}

/**
 * A CloudFormation output that shows a secret: CloudFormation does not mask outputs (not even a `NoEcho` parameter's
 * value), and anyone allowed `cloudformation:DescribeStacks` reads them, as does every stack that imports an export.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
 */
function outputSecret(output: Resource, ctx: RuleContext): RuleOutcome {
  const value = get(output.properties, 'Value');
  if (!value) return notApplicable;
  const exported = get(output.properties, 'Export');
  const name = exported?.type === 'map' ? get(exported, 'Name') : undefined;
  const shows = (what: string, span: Span, severity: 'error' | 'warning'): RuleOutcome =>
    gapOutcome(
      ctx,
      output,
      'identity-and-access-management',
      span,
      {
        what: 'output',
        problem: `shows ${what} in plain text to anyone allowed to describe the stack${exported ? ' (and exports it to other stacks)' : ''}`,
        fix: 'remove the output: read the secret where it is needed (a `{{resolve:secretsmanager:...}}` reference, or Secrets Manager at run time)',
      },
      { severity },
    );
  const texts = [value, ...(name ? [name] : [])];
  for (const node of texts) {
    const t = partialText(ctx, node);
    if (t && hasAccessKeyId(t.text)) return shows('an AWS access key id', node.span, 'error');
    if (t && hasPrivateKey(t.text)) return shows('a private key', node.span, 'error');
  }
  const uses = declaredSecrets(value, ctx);
  if (uses.length === 0) return met('the output shows no secret the files declare');
  const sure = uses.find((u) => !u.maybe);
  if (!sure) return unknown(uses.slice(0, 3).map((u) => u.maybe as string));
  return shows(sure.what, sure.span, sure.what.startsWith('the secret access key') ? 'error' : 'warning');
}

function problemOf(h: Hit): string {
  const name = quoteName(h.name.slice(0, 80));
  switch (h.kind) {
    case 'user-data':
      return h.from ? `has a password in its user data, from ${h.from}` : 'has a password written in its user data';
    case 'container':
      return `sets environment variable ${name} to a literal secret in its container definitions`;
    default:
      return h.from ? `sets ${name} to a literal secret from ${h.from}` : `sets ${name} to a literal secret`;
  }
}

/**
 * Types whose master password the service can keep in Secrets Manager itself, and the property that holds it then.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html,
 * https://docs.aws.amazon.com/redshift/latest/mgmt/redshift-secrets-manager-integration.html
 */
const MANAGED_PASSWORD: Readonly<Record<string, { readonly property: string; readonly setting: string }>> = {
  'AWS::RDS::DBInstance': { property: 'MasterUserPassword', setting: '`ManageMasterUserPassword: true`' },
  'AWS::RDS::DBCluster': { property: 'MasterUserPassword', setting: '`ManageMasterUserPassword: true`' },
  'AWS::Redshift::Cluster': { property: 'MasterUserPassword', setting: '`ManageMasterPassword: true`' },
  aws_db_instance: { property: 'password', setting: '`manage_master_user_password = true`' },
  aws_rds_cluster: { property: 'master_password', setting: '`manage_master_user_password = true`' },
  aws_redshift_cluster: { property: 'master_password', setting: '`manage_master_password = true`' },
};

/**
 * Where a value set at deploy time is shown in plain text anyway (the function's configuration, the instance's user
 * data), so that only reading the secret at run time keeps it out: how to do that, per type.
 */
const FUNCTION_FIX = 'have the function read it at run time from Secrets Manager or a Parameter Store SecureString (its environment holds the secret\'s name, not its value)';
const READ_AT_RUN_TIME: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': FUNCTION_FIX,
  'AWS::Serverless::Function': FUNCTION_FIX,
  aws_lambda_function: FUNCTION_FIX,
  'AWS::CodeBuild::Project': 'use an environment variable of `Type: SECRETS_MANAGER` or `PARAMETER_STORE` (its value is the secret\'s name)',
  // A value in `Environment`, even a resolved dynamic reference, is stored in the task definition for anyone who can describe it.
  'AWS::ECS::TaskDefinition': 'pass it in the container definition\'s `Secrets` (`ValueFrom` a Secrets Manager secret or a Parameter Store SecureString) instead of `Environment`',
  aws_codebuild_project: 'use an `environment_variable` of `type = "SECRETS_MANAGER"` or `"PARAMETER_STORE"` (its value is the secret\'s name)',
};
const USER_DATA_FIX = 'have the instance read it at boot from Secrets Manager or a Parameter Store SecureString through its instance role (the user data holds the secret\'s name, not its value)';

/** The fix for where the literal is: in the property, a parameter default, a variable's default, a tfvars file. */
function fixOf(h: Hit, type: string, cfn: boolean): string {
  if (h.kind === 'container') return 'pass it in the container definition\'s `secrets` (`valueFrom` a Secrets Manager secret or a Parameter Store SecureString)';
  const runTime = h.kind === 'user-data' ? USER_DATA_FIX : READ_AT_RUN_TIME[type];
  const managed = MANAGED_PASSWORD[type];
  const master = managed && managed.property === h.name ? managed.setting : undefined;
  if (cfn) {
    if (h.from?.includes('parameter') && !runTime) {
      return h.from.includes('NoEcho')
        ? 'remove the default (`NoEcho` masks the value, not the template text) and use a `{{resolve:secretsmanager:...}}` dynamic reference'
        : 'remove the default and use a `{{resolve:secretsmanager:...}}` dynamic reference (or a `NoEcho` parameter without default)';
    }
    if (runTime) return h.from?.includes('parameter') ? `remove the default and ${runTime}` : runTime;
    return `use a \`{{resolve:secretsmanager:...}}\` dynamic reference${master ? ', a `NoEcho` parameter, or ' + master : ' or a `NoEcho` parameter'}`;
  }
  if (runTime) return h.from?.includes('variable') || h.from?.includes(' set in ') ? `keep the value out of the files: ${runTime}` : runTime;
  if (h.from?.includes(' set in ')) return 'keep the value out of the files: pass it at apply time (`TF_VAR_...`) to a `sensitive` variable, or read it from `aws_secretsmanager_secret_version`';
  if (h.from?.includes('variable')) return 'remove the default: mark the variable `sensitive` and pass it at apply time, or read it from `aws_secretsmanager_secret_version`';
  return `read it from a variable marked \`sensitive\`${master ? ', `aws_secretsmanager_secret_version`, or ' + master : ' or from `aws_secretsmanager_secret_version`'}`;
}
