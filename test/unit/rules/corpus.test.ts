import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

/**
 * Findings per rule over the corpus (widdix CloudFormation, SAM, terraform-aws-modules), reviewed by hand: each count is
 * what the rule should report there (see the report for the review). A change here means a rule changed behaviour.
 */
const EXPECTED: Record<string, number> = {
  'security-group-open-ingress': 18,
  // iam-policy-wildcard: 0 (was 12, all `ssmmessages:*` + `ec2messages:*` in widdix roles: the SSM agent's own actions, as in AmazonSSMManagedInstanceCore).
  'elbv2-listener-https': 8,
  // elb-drop-invalid-headers: 9, widdix Application Load Balancers without routing.http.drop_invalid_header_fields.enabled (off by default).
  'elb-drop-invalid-headers': 9,
  // iam-administrator-access-attached: 1, widdix operations/github-openid-connect.yaml: the GitHub Actions role's ManagedPolicyArns parameter defaults to AdministratorAccess.
  'iam-administrator-access-attached': 1,
  // ecs-service-public-ip: 0 (was 3, widdix Fargate services whose subnets are another stack's export: unknown).
  'efs-encryption': 6,
  'sns-topic-encryption': 13,
  'dynamodb-point-in-time-recovery': 9,
  'deletion-protection': 11,
  'ec2-public-ip': 6,
  's3-versioning': 18,
  'docdb-storage-encryption': 1,
  'resource-policy-public': 1,
  'opensearch-node-to-node-encryption': 1,
  'opensearch-enforce-https': 1,
  'opensearch-at-rest-encryption': 1,
  // 1: widdix rds-aurora.yaml sets StorageEncrypted to false without a KMS key (an Aurora cluster that sets nothing is encrypted by default since February 2026).
  'rds-cluster-storage-encryption': 1,
  'rds-storage-encryption': 3,
  'subnet-map-public-ip': 9,
  'network-acl-open-admin-ports': 12,
  'lambda-deprecated-runtime': 160,
  's3-public-access-block': 14,
  // api-gateway-authorization: 64, all SAM integration templates: 62 API / HttpApi events with no authorizer on the event or its API (implicit or named; CORS, custom domain, tags, alias tests), events that set `Authorizer: NONE` on purpose (`None`, `LambdaRequestOverrideNone`, `MyApiWithNoAuth`), two `AWS::ApiGateway::Method` / `AWS::ApiGatewayV2::Route` connector tests; reviewed: none has a default authorizer, an API key, a private endpoint, a resource policy or an OpenAPI security requirement (those are met or unknown).
  'api-gateway-authorization': 64,
  'lambda-function-url-public': 2,
  // plaintext-secret (issue 13, secrets that flow): was 1 (terraform-aws-rds complete-mssql's literal password). +2 widdix
  // wordpress-ha / wordpress-ha-aurora: NoEcho parameter DBMasterUserPassword has Default `wordpress`, which reaches
  // MasterUserPassword; +2 SAM self-managed Kafka tests: SecretString is a `Fn::Sub` of literal JSON with a password.
  'plaintext-secret': 5,
  // user-data-secret: 12, all widdix NoEcho parameters written by Fn::Sub into AWS::CloudFormation::Init files and
  // commands (jenkins2-ha(-agents) MasterAdminPassword, auth-proxy GitHubClientSecret and CookieSecret, vpc-vpn-bastion
  // VPNAdminPassword / VPNPSK / VPNUserPassword, wordpress-ha(-aurora) BlogAdminPassword and DBMasterUserPassword):
  // NoEcho does not mask resource metadata, which DescribeStackResource returns. No user data in the corpus carries one.
  'user-data-secret': 12,
  // Logging and audit (issue 13): the widdix ALBs / Classic ELB log only when the access-log stack parameter is given
  // (its default '' turns access_logs.s3.enabled off); widdix VPCs take flow logs from a separate stack; the widdix
  // trail's KMS key is an optional parameter (default none); buckets are SAM test buckets and widdix state/config/site
  // buckets with no LoggingConfiguration (none of them an access-log destination).
  'elb-access-logs': 10,
  's3-access-logging': 20,
  'vpc-flow-logs': 3,
  'api-gateway-access-logging': 60,
  'cloudtrail-kms-encryption': 1,
  // Keys and TLS (issue 13), each reviewed: secure-transport-policy — 14 SAM integration buckets with no bucket policy,
  // the widdix alert / cloudtrail SNS topic policies and the terraform-aws-s3-bucket notification queue / topic policies
  // (plus the example's extra queue policy) grant publishing without an aws:SecureTransport deny (every widdix bucket
  // policy has one; the module's own bucket policy is behind an undecided count: unknown). kms-key-rotation — two SAM
  // keys and four terraform-aws-s3-bucket example keys leave rotation off (widdix kms-key.yaml turns it on).
  // kms-aws-managed-key — SAM topics on alias/aws/sns and streams on alias/aws/kinesis. elb-tls-policy — the widdix
  // wordpress-ha Classic Load Balancer's HTTPS listener has no SSL negotiation policy (default ELBSecurityPolicy-2016-08);
  // the widdix ALB HTTPS listeners use ELBSecurityPolicy-FS-1-2-Res-2019-08. cloudfront-viewer-tls-version,
  // cloudfront-origin-https, api-gateway-tls-policy, opensearch-tls-policy, rds-parameter-group-force-tls: 0 (widdix
  // distributions use TLSv1.2_2025 and https-only origins; the OpenSearch domain sets no TLS policy and the parameter
  // groups' Family is a parameter: unknown).
  // secretsmanager-rotation: 3, each a secret no rotation schedule names: widdix state/secretsmanager-dbsecret.yaml (a DB master
  // password), the SAM integration templates function_with_self_managed_kafka(_intrinsics).yaml (Kafka credentials).
  'secretsmanager-rotation': 3,
  // SAM state machines (AWS::Serverless::StateMachine, read since the 8 December session): 30 in the SAM integration
  // templates, none with `Logging` — logging is off by default. SAM APIs likewise: 58 of the 60 access-logging findings
  // are AWS::Serverless::Api / HttpApi of those templates without an access log setting.
  'stepfunctions-logging': 30,
  'secure-transport-policy': 19,
  'kms-key-rotation': 6,
  'kms-aws-managed-key': 6,
  'elb-tls-policy': 1,
  // More logging (issue 13), each reviewed: widdix rds-mysql / rds-postgres / wordpress-ha DB instances and the
  // rds-aurora / wordpress-ha-aurora Aurora clusters export no logs (their Aurora DB instances are not asked: the
  // cluster's exports apply); widdix static-website (Logging only with the optional access-log stack, default '') and
  // both wordpress distributions have no standard logging; the widdix WAF web ACL has no logging configuration; the SAM
  // connector REST stage has no MethodSettings. opensearch-audit-logs: 0 (the widdix domain's Elasticsearch version is a
  // parameter without default, and versions before 6.7 have no audit logs: unknown).
  'rds-log-exports': 5,
  'cloudfront-logging': 3,
  'waf-logging': 1,
  'api-gateway-execution-logging': 1,
  // Versions and data at rest (issue 13 items 5, 6). The widdix RDS, Aurora, ElastiCache and DocumentDB stacks take the
  // engine version from a parameter without a default (their AllowedValues are all past standard support today, but the
  // value is the deployer's): engine rules unknown, 0 findings; no EKS cluster, MQ broker or ECR repository in the corpus.
  // ec2-block-device-encryption: 2, the widdix al2-mutable-public/-private instances, whose /dev/xvda root device sets
  // `Encrypted` only with a KMS key stack (default none: `AWS::NoValue`), i.e. no encryption setting (Information).
  'ec2-block-device-encryption': 2,
  // rds-iam-database-authentication: 4, widdix rds-mysql / rds-postgres (parameter EnableIAMDatabaseAuthentication,
  // default 'false'), wordpress-ha (RDS MySQL) and wordpress-ha-aurora (Aurora MySQL) with no setting; was 5 before
  // Aurora Serverless v1 (rds-aurora-serverless-postgres, EngineMode serverless, no IAM auth support) was excluded.
  'rds-iam-database-authentication': 4,
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|json|tf)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('rules over the corpus', () => {
  it('runs every rule on every corpus file without a failure, with the reviewed counts', () => {
    assert.ok(fs.existsSync(CORPUS), `corpus missing at ${CORPUS}`);
    const list = files(CORPUS);
    assert.ok(list.length > 400, `corpus has ${list.length} files`);
    const counts: Record<string, number> = {};
    for (const f of list) {
      const a = analyzeText(f, fs.readFileSync(f, 'utf8'));
      for (const r of a.resources) {
        for (const d of r.duties) {
          for (const x of d.results) for (const dep of x.outcome.dependsOn ?? []) assert.ok(!/^rule .* failed/.test(dep), `${f}: ${dep}`);
        }
      }
      for (const x of a.findings) if (x.ruleId !== 'unknown-resource-type') counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1;
    }
    if (process.env.CORPUS_COUNTS) for (const k of new Set([...Object.keys(counts), ...Object.keys(EXPECTED)])) if (counts[k] !== EXPECTED[k]) process.stderr.write(`${k}: ${EXPECTED[k]} -> ${counts[k]}\n`);
    assert.deepEqual(counts, EXPECTED);
  });
});
