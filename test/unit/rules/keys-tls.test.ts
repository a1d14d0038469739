/** The key and TLS rules beyond the fixtures: which keys can rotate, policies read every way, links, defaults, suppression. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { applySuppressions } from '../../../server/src/core/suppress';
import { applyEdits, fixEdits } from '../../../server/src/core/fix';
import { elbPolicyOldProtocols, forceTlsParameter } from '../../../server/src/core/rules/tls';

const kept = (file: string, text: string): string[] => applySuppressions(analyzeText(file, text), text).findings.map((f) => f.ruleId);

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}
const finding = (a: Analysis, rule: string) => a.findings.find((f) => f.ruleId === rule);

describe('kms-key-rotation', () => {
  it('asks only keys KMS can rotate: not imported key material, custom key stores, asymmetric or HMAC keys', () => {
    const y = (props: string): string => `Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n${props}`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y('      Origin: EXTERNAL\n')), 'kms-key-rotation'), ['K:not-applicable']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('      KeySpec: ECC_NIST_P256\n      KeyUsage: SIGN_VERIFY\n')), 'kms-key-rotation'), ['K:not-applicable']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('      KeySpec: SYMMETRIC_DEFAULT\n')), 'kms-key-rotation'), ['K:gap']);
    const tf = 'resource "aws_kms_key" "k" {\n  custom_key_store_id = "cks-1234567890abcdef0"\n}\n';
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'kms-key-rotation'), ['aws_kms_key.k:not-applicable']);
  });

  it('offers the one-property fix', () => {
    const f = finding(analyzeText('main.tf', 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n'), 'kms-key-rotation');
    assert.deepEqual(f?.fix?.path, ['enable_key_rotation']);
    assert.equal(f?.fix?.value, true);
    assert.match(f?.message ?? '', /has automatic key rotation turned off — set `enable_key_rotation = true` \(customer data · yours\)/);
  });

  it('is suppressed like every rule, with a reason', () => {
    const y = 'Resources:\n  # aws-responsibility-ignore kms-key-rotation: rotated on demand by the key owner\n  K:\n    Type: AWS::KMS::Key\n';
    assert.ok(!kept('t.yaml', y).includes('kms-key-rotation'));
    assert.ok(kept('t.yaml', 'Resources:\n  K:\n    Type: AWS::KMS::Key\n').includes('kms-key-rotation'));
  });
});

describe('key policies open to anyone (resource-policy-public reads KMS key policies)', () => {
  const open = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}';
  it('reports AWS::KMS::Key KeyPolicy, aws_kms_key policy and aws_kms_key_policy once each', () => {
    const y = `Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal: '*'\n            Action: 'kms:*'\n            Resource: '*'\n`;
    assert.deepEqual(analyzeText('t.yaml', y).findings.map((f) => f.ruleId), ['resource-policy-public']);
    const tf = `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = ${JSON.stringify(open)}\n}\nresource "aws_kms_key_policy" "p" {\n  key_id = aws_kms_key.k.id\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*"}]})\n}\n`;
    assert.deepEqual(
      analyzeText('main.tf', tf)
        .findings.map((f) => f.ruleId)
        .sort(),
      ['resource-policy-public', 'resource-policy-public'],
    );
  });

  it('a condition (kms:CallerAccount, as AWS managed key policies use) keeps it quiet', () => {
    const y = `Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: '*'}\n            Action: 'kms:Decrypt'\n            Resource: '*'\n            Condition:\n              StringEquals:\n                kms:CallerAccount: '111122223333'\n`;
    assert.deepEqual(analyzeText('t.yaml', y).findings, []);
  });
});

describe('kms-aws-managed-key', () => {
  it('reads aliases by ARN and by name, in nested properties; a customer key or alias is met', () => {
    const tf = `resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  server_side_encryption {\n    enabled = true\n    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb"\n  }\n}\nresource "aws_sns_topic" "s" {\n  kms_master_key_id = "alias/team/orders"\n}\n`;
    const a = analyzeText('main.tf', tf);
    assert.deepEqual(statuses(a, 'kms-aws-managed-key').sort(), ['aws_dynamodb_table.t:gap', 'aws_sns_topic.s:met']);
    assert.match(finding(a, 'kms-aws-managed-key')?.message ?? '', /^Table `t` names the AWS managed key `alias\/aws\/dynamodb`/);
  });

  it('a property left out is not asked (the service default is not a choice made in the file)', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n'), 'kms-aws-managed-key'), ['aws_sqs_queue.q:not-applicable']);
  });
});

describe('secure-transport-policy', () => {
  const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
  const policy = (cond: string, count = ''): string =>
    `resource "aws_s3_bucket_policy" "p" {\n${count}  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::b/*"], Condition = ${cond}}]})\n}\n`;

  it('accepts Bool and BoolIfExists on aws:SecureTransport false; an Allow on true is no deny', () => {
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + policy('{Bool = {"aws:SecureTransport" = "false"}}')), 'secure-transport-policy').sort(), ['aws_s3_bucket.b:not-applicable', 'aws_s3_bucket_policy.p:met']);
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + policy('{BoolIfExists = {"aws:SecureTransport" = false}}')), 'secure-transport-policy').sort(), ['aws_s3_bucket.b:not-applicable', 'aws_s3_bucket_policy.p:met']);
    const allowOnTls = `resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = "arn:aws:iam::111122223333:root"}, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*", Condition = {Bool = {"aws:SecureTransport" = "true"}}}]})\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', bucket + allowOnTls), 'secure-transport-policy').sort(), ['aws_s3_bucket.b:not-applicable', 'aws_s3_bucket_policy.p:gap']);
  });

  it('a bucket policy that creates nothing (count = 0) leaves the bucket without one; an undecided count is unknown', () => {
    const cond = '{Bool = {"aws:SecureTransport" = "false"}}';
    assert.ok(statuses(analyzeText('main.tf', bucket + policy(cond, '  count = 0\n')), 'secure-transport-policy').includes('aws_s3_bucket.b:gap'));
    assert.ok(statuses(analyzeText('main.tf', 'variable "on" {}\n' + bucket + policy(cond, '  count = var.on ? 1 : 0\n')), 'secure-transport-policy').includes('aws_s3_bucket.b:unknown'));
  });

  it('a CloudFormation bucket policy whose Condition is false does not count', () => {
    const y = `Parameters:\n  On: {Type: String, Default: 'no'}\nConditions:\n  IsOn: !Equals [!Ref On, 'yes']\nResources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Condition: IsOn\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: 's3:*'\n            Resource: '*'\n            Condition: {Bool: {'aws:SecureTransport': 'false'}}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'secure-transport-policy'), ['B:gap', 'P:not-applicable']);
  });

  it('does not ask a static website bucket (S3 website endpoints serve only HTTP), nor its bucket policy', () => {
    const y = `Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      WebsiteConfiguration: {IndexDocument: index.html}\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Site\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: !Sub '\${Site.Arn}/*'}\n`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y), 'secure-transport-policy'), ['Site:not-applicable', 'P:not-applicable']);
    const tf = `resource "aws_s3_bucket" "site" {\n  bucket = "site"\n}\nresource "aws_s3_bucket_website_configuration" "w" {\n  bucket = aws_s3_bucket.site.id\n  index_document {\n    suffix = "index.html"\n  }\n}\nresource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'secure-transport-policy').sort(), ['aws_s3_bucket.data:gap', 'aws_s3_bucket.site:not-applicable']);
  });

  it('follows the documents an aws_iam_policy_document merges (source_policy_documents); an undecided one is unknown', () => {
    const tf = `variable "x" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.combined.json\n}\ndata "aws_iam_policy_document" "combined" {\n  source_policy_documents = [data.aws_iam_policy_document.deny.json, var.x]\n}\ndata "aws_iam_policy_document" "deny" {\n  statement {\n    effect = "Deny"\n    actions = ["s3:*"]\n    resources = ["*"]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["false"]\n    }\n  }\n}\nresource "aws_s3_bucket_policy" "q" {\n  bucket = "other"\n  policy = data.aws_iam_policy_document.other.json\n}\ndata "aws_iam_policy_document" "other" {\n  source_policy_documents = [var.x]\n}\n`;
    assert.deepEqual(
      statuses(analyzeText('main.tf', tf), 'secure-transport-policy')
        .filter((x) => x.includes('bucket_policy'))
        .sort(),
      ['aws_s3_bucket_policy.p:met', 'aws_s3_bucket_policy.q:unknown'],
    );
  });

  it('a document chosen against an undecided value is unknown, not a gap', () => {
    const tf = `variable "extra" {}\nresource "aws_sqs_queue_policy" "p" {\n  queue_url = "u"\n  policy = var.extra != "" ? var.extra : data.aws_iam_policy_document.d.json\n}\nresource "aws_sqs_queue_policy" "q" {\n  queue_url = "u"\n  policy = data.aws_iam_policy_document.d.json\n}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["sqs:SendMessage"]\n    resources = ["*"]\n  }\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'secure-transport-policy').sort(), ['aws_sqs_queue_policy.p:unknown', 'aws_sqs_queue_policy.q:gap']);
  });

  it('reads the Deny of an aws_iam_policy_document given to an inline topic or queue policy', () => {
    const tf = `resource "aws_sqs_queue" "q" {\n  name = "q"\n  policy = data.aws_iam_policy_document.d.json\n}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    effect = "Deny"\n    actions = ["sqs:*"]\n    resources = ["*"]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["false"]\n    }\n  }\n}\nresource "aws_sns_topic" "t" {\n  name = "t"\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', tf), 'secure-transport-policy').sort(), ['aws_sns_topic.t:not-applicable', 'aws_sqs_queue.q:met']);
  });
});

describe('elb-tls-policy', () => {
  it('has a table of predefined policies with their protocols (AWS docs)', () => {
    assert.deepEqual(elbPolicyOldProtocols('ELBSecurityPolicy-2016-08'), ['TLSv1', 'TLSv1.1']);
    assert.deepEqual(elbPolicyOldProtocols('ELBSecurityPolicy-TLS13-1-1-2021-06'), ['TLSv1.1']);
    assert.deepEqual(elbPolicyOldProtocols('ELBSecurityPolicy-TLS13-1-3-2021-06'), []);
    assert.deepEqual(elbPolicyOldProtocols('ELBSecurityPolicy-FS-1-2-Res-2020-10'), []);
    assert.equal(elbPolicyOldProtocols('ELBSecurityPolicy-Future-2030-01'), undefined);
  });

  it('a policy name not in the table is unknown; plain HTTP / TCP listeners are not asked; the fix sets SslPolicy', () => {
    const l = (proto: string, extra: string): string => `resource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn"\n  port = 443\n  protocol = "${proto}"\n${extra}}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', l('TLS', '  ssl_policy = "ELBSecurityPolicy-Future-2030-01"\n')), 'elb-tls-policy'), ['aws_lb_listener.l:unknown']);
    assert.deepEqual(statuses(analyzeText('main.tf', l('TCP', '')), 'elb-tls-policy'), ['aws_lb_listener.l:not-applicable']);
    const f = finding(analyzeText('main.tf', l('TLS', '  ssl_policy = "ELBSecurityPolicy-TLS13-1-0-2021-06"\n')), 'elb-tls-policy');
    assert.deepEqual(f?.fix?.path, ['ssl_policy']);
    assert.equal(f?.fix?.value, 'ELBSecurityPolicy-TLS13-1-2-2021-06');
    assert.match(f?.message ?? '', /accepts TLS 1\.0 and TLS 1\.1 \(security policy `ELBSecurityPolicy-TLS13-1-0-2021-06`\)/);
  });

  it('Classic Load Balancers: listed protocols, and an HTTPS listener without an SSL policy', () => {
    const proto = `Resources:\n  L:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners:\n        - {LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn, PolicyNames: [Tls]}\n      Policies:\n        - PolicyName: Tls\n          PolicyType: SSLNegotiationPolicyType\n          Attributes:\n            - {Name: Protocol-TLSv1.2, Value: 'true'}\n            - {Name: Protocol-TLSv1, Value: 'true'}\n`;
    assert.match(finding(analyzeText('t.yaml', proto), 'elb-tls-policy')?.message ?? '', /turns on TLS 1\.0/);
    const none = `Resources:\n  L:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners:\n        - {LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn}\n        - {LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP}\n`;
    const f = finding(analyzeText('t.yaml', none), 'elb-tls-policy');
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /default security policy `ELBSecurityPolicy-2016-08`/);
  });
});

describe('cloudfront rules', () => {
  it('a CloudFormation distribution without ViewerCertificate uses the default certificate (Information); TLSv1.2_2018 is TLS 1.2 only', () => {
    const y = (cert: string): string => `Resources:\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n${cert}`;
    assert.equal(finding(analyzeText('t.yaml', y('')), 'cloudfront-viewer-tls-version')?.severity, 'information');
    assert.deepEqual(statuses(analyzeText('t.yaml', y('        ViewerCertificate: {AcmCertificateArn: arn, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2018}\n')), 'cloudfront-viewer-tls-version'), ['D:met']);
    const missing = finding(analyzeText('t.yaml', y('        ViewerCertificate: {AcmCertificateArn: arn, SslSupportMethod: sni-only}\n')), 'cloudfront-viewer-tls-version');
    assert.deepEqual(missing?.fix?.path, ['DistributionConfig', 'ViewerCertificate', 'MinimumProtocolVersion']);
  });

  it('an S3 website endpoint origin on http-only is Information with a fix that fits it', () => {
    const y = `Resources:\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: site\n            DomainName: b.s3-website-eu-west-1.amazonaws.com\n            CustomOriginConfig: {OriginProtocolPolicy: http-only}\n          - Id: api\n            DomainName: api.example.com\n            CustomOriginConfig: {OriginProtocolPolicy: https-only}\n`;
    const f = finding(analyzeText('t.yaml', y), 'cloudfront-origin-https');
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /S3 website endpoint/);
  });
});

describe('api-gateway-tls-policy and opensearch-tls-policy', () => {
  it('know the newer API Gateway security policies; leave an unset policy unknown (the service picks it)', () => {
    const y = (p: string): string => `Resources:\n  D:\n    Type: AWS::ApiGateway::DomainName\n    Properties:\n      DomainName: api.example.com\n${p}`;
    assert.deepEqual(statuses(analyzeText('t.yaml', y('      SecurityPolicy: SecurityPolicy_TLS13_1_3_2025_09\n')), 'api-gateway-tls-policy'), ['D:met']);
    assert.deepEqual(statuses(analyzeText('t.yaml', y('')), 'api-gateway-tls-policy'), ['D:unknown']);
    const os = `resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n}\n`;
    assert.deepEqual(statuses(analyzeText('main.tf', os), 'opensearch-tls-policy'), ['aws_opensearch_domain.d:unknown']);
  });
});

describe('rds-parameter-group-force-tls', () => {
  it('picks the parameter and default from the family and the kind of group', () => {
    assert.deepEqual(forceTlsParameter('postgres14', false), { parameter: 'rds.force_ssl', byDefault: 'off' });
    assert.deepEqual(forceTlsParameter('postgres15', false), { parameter: 'rds.force_ssl', byDefault: 'on' });
    assert.deepEqual(forceTlsParameter('sqlserver-se-15.0', false), { parameter: 'rds.force_ssl', byDefault: 'off' });
    assert.deepEqual(forceTlsParameter('mysql8.0', false), { parameter: 'require_secure_transport', byDefault: 'off' });
    assert.deepEqual(forceTlsParameter('aurora-mysql8.0', true), { parameter: 'require_secure_transport', byDefault: 'off' });
    assert.deepEqual(forceTlsParameter('aurora-postgresql14', true), { parameter: 'rds.force_ssl', byDefault: 'off' });
    assert.equal(forceTlsParameter('aurora-postgresql14', false), undefined);
    assert.equal(forceTlsParameter('mysql5.6', false), undefined);
    assert.equal(forceTlsParameter('mariadb10.4', false), undefined);
    assert.equal(forceTlsParameter('oracle-ee-19', false), undefined);
  });

  it('reads Terraform parameter blocks, with a sentence fix (no single property to set)', () => {
    const tf = `resource "aws_db_parameter_group" "g" {\n  family = "mysql8.0"\n  parameter {\n    name = "require_secure_transport"\n    value = "OFF"\n  }\n}\n`;
    const f = finding(analyzeText('main.tf', tf), 'rds-parameter-group-force-tls');
    assert.match(f?.message ?? '', /lets clients connect without TLS \(`require_secure_transport` is off\)/);
    assert.equal(f?.fix, undefined);
  });
});

describe('quick fixes of the key and TLS rules', () => {
  const fixed = (file: string, text: string, rule: string): { out: string; left: number } => {
    const a = analyzeText(file, text);
    const f = a.findings.find((x) => x.ruleId === rule);
    const ra = a.resources.find((r) => r.findings.some((x) => x === f));
    assert.ok(f?.fix && ra, `${rule}: a fix`);
    const out = applyEdits(text, fixEdits(text, a.doc, ra.resource, f.fix));
    return { out, left: analyzeText(file, out).findings.filter((x) => x.ruleId === rule).length };
  };

  it('set the one property and clear the finding', () => {
    const cf = fixed('t.yaml', 'Resources:\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        ViewerCertificate:\n          AcmCertificateArn: arn\n          SslSupportMethod: sni-only\n', 'cloudfront-viewer-tls-version');
    assert.match(cf.out, /MinimumProtocolVersion: TLSv1\.2_2021/);
    assert.equal(cf.left, 0);
    const lb = fixed('main.tf', 'resource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn"\n  port = 443\n  protocol = "HTTPS"\n}\n', 'elb-tls-policy');
    assert.match(lb.out, /ssl_policy += "ELBSecurityPolicy-TLS13-1-2-2021-06"/);
    assert.equal(lb.left, 0);
    const os = fixed('t.yaml', 'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      DomainEndpointOptions:\n        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07\n', 'opensearch-tls-policy');
    assert.equal(os.left, 0);
    assert.equal(fixed('main.tf', 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n', 'kms-key-rotation').left, 0);
  });
});

describe('cloudfront-origin-https: S3 website endpoints built in the template', () => {
  it('a !Sub of the website host, or a !Select / !Split of !GetAtt Bucket.WebsiteURL, is a website origin (Information)', () => {
    const y = (domain: string): string =>
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: o\n            DomainName: ${domain}\n            CustomOriginConfig: {OriginProtocolPolicy: http-only}\n`;
    const sev = (domain: string): string[] => analyzeText('t.yaml', y(domain)).findings.filter((f) => f.ruleId === 'cloudfront-origin-https').map((f) => f.severity);
    assert.deepEqual(sev("!Sub '${Bucket}.s3-website-${AWS::Region}.amazonaws.com'"), ['information']);
    assert.deepEqual(sev("!Select [2, !Split ['/', !GetAtt Bucket.WebsiteURL]]"), ['information']);
    assert.deepEqual(sev('!Ref AWS::StackName'), ['warning']);
    const tf = 'resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "b"\n  index_document {\n    suffix = "index.html"\n  }\n}\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  origin {\n    origin_id = "o"\n    domain_name = aws_s3_bucket_website_configuration.w.website_endpoint\n    custom_origin_config {\n      http_port = 80\n      https_port = 443\n      origin_protocol_policy = "http-only"\n      origin_ssl_protocols = ["TLSv1.2"]\n    }\n  }\n}\n';
    assert.deepEqual(analyzeText('main.tf', tf).findings.filter((f) => f.ruleId === 'cloudfront-origin-https').map((f) => f.severity), ['information']);
  });
});
