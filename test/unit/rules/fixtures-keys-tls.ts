/**
 * Fixtures of the key rules (server/src/core/rules/keys.ts) and the TLS-only / TLS-version rules
 * (server/src/core/rules/tls.ts), in the style of fixtures.ts: a failing, a passing, an unknown and, where a separate
 * resource meets the duty, a linked configuration per language.
 */
import type { Case } from './fixtures';
import { cfn, tf } from './fixture-text';

const DENY_HTTP_JSON = (resource: string, action: string): string =>
  `{"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"${action}","Resource":${resource},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`;
const ALLOW_JSON = (resource: string, action: string): string =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"${action}","Resource":${resource}}]}`;

const denyYaml = (action: string, resource: string): string =>
  `PolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: '*'\n      Action: '${action}'\n      Resource: ${resource}\n      Condition:\n        Bool:\n          aws:SecureTransport: 'false'`;
const allowYaml = (action: string, resource: string): string =>
  `PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal:\n        Service: events.amazonaws.com\n      Action: '${action}'\n      Resource: ${resource}`;

const bucketPolicyCfn = (bucket: string, doc: string): string =>
  `  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: ${bucket}\n${doc
    .split('\n')
    .map((l) => '      ' + l)
    .join('\n')}\n`;
const bucketPolicyTf = (bucket: string, policy: string): string => `resource "aws_s3_bucket_policy" "bp" {\n  bucket = ${bucket}\n  policy = ${JSON.stringify(policy)}\n}`;
const policyDocTf = `data "aws_iam_policy_document" "tls" {\n  statement {\n    sid = "TlsOnly"\n    effect = "Deny"\n    actions = ["s3:*"]\n    resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["false"]\n    }\n  }\n}`;

const LISTENER_CFN = 'LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1\nPort: 443\nProtocol: HTTPS\nCertificates:\n  - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/1\nDefaultActions:\n  - Type: forward\n    TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1';
const LISTENER_TF = 'load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1"\nport = 443\nprotocol = "HTTPS"\ncertificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/1"\ndefault_action {\n  type = "forward"\n  target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1"\n}';

const classicCfn = (policyValue: string): string =>
  `Listeners:\n  - LoadBalancerPort: '443'\n    InstancePort: '80'\n    Protocol: HTTPS\n    SSLCertificateId: arn:aws:acm:eu-west-1:123456789012:certificate/1\n    PolicyNames: [TlsPolicy]\nPolicies:\n  - PolicyName: TlsPolicy\n    PolicyType: SSLNegotiationPolicyType\n    Attributes:\n      - Name: Reference-Security-Policy\n        Value: ${policyValue}`;
const ELB_TF = 'name = "lb"\navailability_zones = ["eu-west-1a"]\nlistener {\n  lb_port = 443\n  lb_protocol = "https"\n  instance_port = 80\n  instance_protocol = "http"\n  ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/1"\n}';
const classicTf = (value: string): string => `load_balancer_name = "lb"\npolicy_name = "tls"\npolicy_type_name = "SSLNegotiationPolicyType"\npolicy_attribute {\n  name = "Reference-Security-Policy"\n  value = ${value}\n}`;

const cfDist = (cert: string): string =>
  `DistributionConfig:\n  Enabled: true\n  Aliases: [www.example.com]\n  Origins:\n    - Id: o\n      DomainName: origin.example.com\n      CustomOriginConfig:\n        OriginProtocolPolicy: https-only\n  DefaultCacheBehavior:\n    TargetOriginId: o\n    ViewerProtocolPolicy: redirect-to-https\n    CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n  ViewerCertificate:\n${cert
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n')}`;
const cfDistTf = (cert: string, originPolicy = '"https-only"'): string =>
  `enabled = true\naliases = ["www.example.com"]\norigin {\n  origin_id = "o"\n  domain_name = "origin.example.com"\n  custom_origin_config {\n    http_port = 80\n    https_port = 443\n    origin_protocol_policy = ${originPolicy}\n    origin_ssl_protocols = ["TLSv1.2"]\n  }\n}\ndefault_cache_behavior {\n  target_origin_id = "o"\n  viewer_protocol_policy = "redirect-to-https"\n  allowed_methods = ["GET", "HEAD"]\n  cached_methods = ["GET", "HEAD"]\n}\nrestrictions {\n  geo_restriction {\n    restriction_type = "none"\n  }\n}\nviewer_certificate {\n${cert}\n}`;
const cfOriginCfn = (policy: string): string =>
  `DistributionConfig:\n  Enabled: true\n  Origins:\n    - Id: o\n      DomainName: origin.example.com\n      CustomOriginConfig:\n        OriginProtocolPolicy: ${policy}\n  DefaultCacheBehavior:\n    TargetOriginId: o\n    ViewerProtocolPolicy: redirect-to-https`;
const ACM = 'arn:aws:acm:us-east-1:123456789012:certificate/1';

export const KEYS_TLS_CASES: readonly Case[] = [
  // ---- customer-data ----
  {
    rule: 'kms-key-rotation',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::KMS::Key', 'EnableKeyRotation: false'),
      pass: cfn('AWS::KMS::Key', 'EnableKeyRotation: true'),
      unknown: cfn('AWS::KMS::Key', 'EnableKeyRotation: {Ref: P}'),
      // Asymmetric and HMAC keys cannot rotate automatically: not asked.
      linked: cfn('AWS::KMS::Key', 'KeySpec: RSA_2048\nKeyUsage: SIGN_VERIFY'),
    },
    tf: {
      fail: tf('aws_kms_key', 'description = "k"'),
      pass: tf('aws_kms_key', 'description = "k"\nenable_key_rotation = true'),
      unknown: tf('aws_kms_key', 'description = "k"\ncustomer_master_key_spec = var.p'),
      linked: tf('aws_kms_key', 'description = "k"\ncustomer_master_key_spec = "HMAC_256"\nkey_usage = "GENERATE_VERIFY_MAC"'),
    },
  },
  // ---- identity-and-access-management ----
  {
    rule: 'kms-aws-managed-key',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::SQS::Queue', 'KmsMasterKeyId: alias/aws/sqs'),
      pass: cfn('AWS::SQS::Queue', 'KmsMasterKeyId: alias/orders'),
      unknown: cfn('AWS::SQS::Queue', 'KmsMasterKeyId: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_secretsmanager_secret', 'name = "s"\nkms_key_id = "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager"'),
      pass: tf('aws_secretsmanager_secret', 'name = "s"\nkms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"'),
      unknown: tf('aws_secretsmanager_secret', 'name = "s"\nkms_key_id = var.p'),
    },
  },
  // ---- network-traffic-protection ----
  {
    rule: 'secure-transport-policy',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::SNS::TopicPolicy', `Topics: [arn:aws:sns:eu-west-1:123456789012:t]\n${allowYaml('sns:Publish', 'arn:aws:sns:eu-west-1:123456789012:t')}`),
      pass: cfn('AWS::SNS::TopicPolicy', `Topics: [arn:aws:sns:eu-west-1:123456789012:t]\n${denyYaml('sns:Publish', 'arn:aws:sns:eu-west-1:123456789012:t')}`),
      unknown: cfn('AWS::SNS::TopicPolicy', 'Topics: [arn:aws:sns:eu-west-1:123456789012:t]\nPolicyDocument:\n  Ref: P'),
      // A bucket whose bucket policy (in the file) is judged there.
      linked: cfn('AWS::S3::Bucket', 'BucketName: b', bucketPolicyCfn('{Ref: R}', denyYaml('s3:*', "['arn:aws:s3:::b', 'arn:aws:s3:::b/*']"))),
    },
    tf: {
      fail: tf('aws_sqs_queue_policy', `queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"\npolicy = ${JSON.stringify(ALLOW_JSON('"arn:aws:sqs:eu-west-1:123456789012:q"', 'sqs:SendMessage'))}`),
      pass: tf('aws_sqs_queue_policy', `queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"\npolicy = ${JSON.stringify(DENY_HTTP_JSON('"arn:aws:sqs:eu-west-1:123456789012:q"', 'sqs:*'))}`),
      unknown: tf('aws_sqs_queue_policy', 'queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"\npolicy = var.p'),
      linked: tf('aws_s3_bucket', 'bucket = "b"', `resource "aws_s3_bucket_policy" "bp" {\n  bucket = aws_s3_bucket.r.id\n  policy = data.aws_iam_policy_document.tls.json\n}\n${policyDocTf}`),
    },
  },
  {
    // A bucket with no policy at all; a bucket policy on a bucket the file does not decide.
    rule: 'secure-transport-policy',
    cfn: {
      fail: cfn('AWS::S3::Bucket', 'BucketName: b'),
      unknown: cfn('AWS::S3::Bucket', 'BucketName: b', bucketPolicyCfn('{Ref: P}', denyYaml('s3:*', "'*'"))),
      pass: cfn('AWS::S3::BucketPolicy', `Bucket: b\n${denyYaml('s3:*', "['arn:aws:s3:::b', 'arn:aws:s3:::b/*']")}`),
    },
    tf: {
      fail: tf('aws_s3_bucket', 'bucket = "b"'),
      unknown: tf('aws_s3_bucket', 'bucket = "b"', bucketPolicyTf('var.p', DENY_HTTP_JSON('"*"', 's3:*'))),
      pass: tf('aws_s3_bucket_policy', `bucket = "b"\npolicy = data.aws_iam_policy_document.tls.json`, policyDocTf),
    },
  },
  {
    rule: 'elb-tls-policy',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancingV2::Listener', `${LISTENER_CFN}\nSslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01`),
      pass: cfn('AWS::ElasticLoadBalancingV2::Listener', `${LISTENER_CFN}\nSslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`),
      unknown: cfn('AWS::ElasticLoadBalancingV2::Listener', `${LISTENER_CFN}\nSslPolicy: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_lb_listener', `${LISTENER_TF}\nssl_policy = "ELBSecurityPolicy-2016-08"`),
      pass: tf('aws_lb_listener', `${LISTENER_TF}\nssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"`),
      unknown: tf('aws_lb_listener', `${LISTENER_TF}\nssl_policy = var.p`),
    },
  },
  {
    // No SslPolicy: the default ELBSecurityPolicy-2016-08 (Information); Classic Load Balancer SSL negotiation policies.
    rule: 'elb-tls-policy',
    cfn: {
      fail: cfn('AWS::ElasticLoadBalancing::LoadBalancer', classicCfn('ELBSecurityPolicy-2016-08')),
      pass: cfn('AWS::ElasticLoadBalancing::LoadBalancer', classicCfn('ELBSecurityPolicy-TLS-1-2-2017-01')),
      unknown: cfn('AWS::ElasticLoadBalancing::LoadBalancer', classicCfn('{Ref: P}')),
    },
    tf: {
      fail: tf('aws_lb_listener', LISTENER_TF),
      pass: tf('aws_load_balancer_policy', classicTf('"ELBSecurityPolicy-TLS-1-2-2017-01"')),
      unknown: tf('aws_load_balancer_policy', classicTf('var.p')),
    },
  },
  {
    rule: 'elb-tls-policy',
    severity: 'information',
    cfn: { fail: cfn('AWS::ElasticLoadBalancingV2::Listener', LISTENER_CFN) },
    tf: {
      fail: tf('aws_lb_listener', LISTENER_TF),
      // A Terraform Classic Load Balancer's HTTPS listener takes its policy from an aws_load_balancer_listener_policy.
      linked: tf('aws_elb', ELB_TF, `resource "aws_load_balancer_listener_policy" "lp" {\n  load_balancer_name = aws_elb.r.name\n  load_balancer_port = 443\n  policy_names = ["tls"]\n}`),
      unknown: tf('aws_elb', ELB_TF, `resource "aws_load_balancer_listener_policy" "lp" {\n  load_balancer_name = var.p\n  load_balancer_port = 443\n  policy_names = ["tls"]\n}`),
    },
  },
  {
    // A Terraform Classic Load Balancer HTTPS listener with no listener policy: the default ELBSecurityPolicy-2016-08.
    rule: 'elb-tls-policy',
    severity: 'information',
    tf: { fail: tf('aws_elb', ELB_TF) },
  },
  {
    rule: 'cloudfront-viewer-tls-version',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::CloudFront::Distribution', cfDist(`AcmCertificateArn: ${ACM}\nSslSupportMethod: sni-only\nMinimumProtocolVersion: TLSv1.1_2016`)),
      pass: cfn('AWS::CloudFront::Distribution', cfDist(`AcmCertificateArn: ${ACM}\nSslSupportMethod: sni-only\nMinimumProtocolVersion: TLSv1.2_2021`)),
      unknown: cfn('AWS::CloudFront::Distribution', cfDist(`AcmCertificateArn: ${ACM}\nSslSupportMethod: sni-only\nMinimumProtocolVersion: {Ref: P}`)),
    },
    tf: {
      fail: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = "TLSv1_2016"`)),
      pass: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = "TLSv1.2_2021"`)),
      unknown: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = var.p`)),
    },
  },
  {
    // The default *.cloudfront.net certificate accepts TLS 1.0: Information.
    rule: 'cloudfront-viewer-tls-version',
    severity: 'information',
    cfn: { fail: cfn('AWS::CloudFront::Distribution', cfDist('CloudFrontDefaultCertificate: true')) },
    tf: { fail: tf('aws_cloudfront_distribution', cfDistTf('cloudfront_default_certificate = true')) },
  },
  {
    rule: 'cloudfront-origin-https',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::CloudFront::Distribution', cfOriginCfn('http-only')),
      pass: cfn('AWS::CloudFront::Distribution', cfOriginCfn('https-only')),
      unknown: cfn('AWS::CloudFront::Distribution', cfOriginCfn('{Ref: P}')),
    },
    tf: {
      fail: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = "TLSv1.2_2021"`, '"http-only"')),
      pass: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = "TLSv1.2_2021"`, '"match-viewer"')),
      unknown: tf('aws_cloudfront_distribution', cfDistTf(`acm_certificate_arn = "${ACM}"\nssl_support_method = "sni-only"\nminimum_protocol_version = "TLSv1.2_2021"`, 'var.p')),
    },
  },
  {
    rule: 'api-gateway-tls-policy',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::ApiGateway::DomainName', `DomainName: api.example.com\nRegionalCertificateArn: ${ACM}\nEndpointConfiguration:\n  Types: [REGIONAL]\nSecurityPolicy: TLS_1_0`),
      pass: cfn('AWS::ApiGateway::DomainName', `DomainName: api.example.com\nRegionalCertificateArn: ${ACM}\nEndpointConfiguration:\n  Types: [REGIONAL]\nSecurityPolicy: TLS_1_2`),
      unknown: cfn('AWS::ApiGateway::DomainName', `DomainName: api.example.com\nRegionalCertificateArn: ${ACM}\nEndpointConfiguration:\n  Types: [REGIONAL]\nSecurityPolicy: {Ref: P}`),
    },
    tf: {
      fail: tf('aws_api_gateway_domain_name', `domain_name = "api.example.com"\nregional_certificate_arn = "${ACM}"\nsecurity_policy = "TLS_1_0"\nendpoint_configuration {\n  types = ["REGIONAL"]\n}`),
      pass: tf('aws_api_gateway_domain_name', `domain_name = "api.example.com"\nregional_certificate_arn = "${ACM}"\nsecurity_policy = "TLS_1_2"\nendpoint_configuration {\n  types = ["REGIONAL"]\n}`),
      unknown: tf('aws_api_gateway_domain_name', `domain_name = "api.example.com"\nregional_certificate_arn = "${ACM}"\nendpoint_configuration {\n  types = ["REGIONAL"]\n}`),
    },
  },
  {
    rule: 'opensearch-tls-policy',
    severity: 'warning',
    cfn: {
      fail: cfn('AWS::OpenSearchService::Domain', 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07'),
      pass: cfn('AWS::OpenSearchService::Domain', 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10'),
      unknown: cfn('AWS::OpenSearchService::Domain', 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: {Ref: P}'),
    },
    tf: {
      fail: tf('aws_opensearch_domain', 'domain_name = "d"\ndomain_endpoint_options {\n  enforce_https = true\n  tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\n}'),
      pass: tf('aws_opensearch_domain', 'domain_name = "d"\ndomain_endpoint_options {\n  enforce_https = true\n  tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n}'),
      unknown: tf('aws_opensearch_domain', 'domain_name = "d"\ndomain_endpoint_options {\n  enforce_https = true\n  tls_security_policy = var.p\n}'),
    },
  },
  {
    rule: 'rds-parameter-group-force-tls',
    severity: 'information',
    cfn: {
      fail: cfn('AWS::RDS::DBParameterGroup', "Family: postgres14\nDescription: pg\nParameters:\n  rds.force_ssl: '0'"),
      pass: cfn('AWS::RDS::DBParameterGroup', "Family: postgres14\nDescription: pg\nParameters:\n  rds.force_ssl: '1'"),
      unknown: cfn('AWS::RDS::DBParameterGroup', 'Family: {Ref: P}\nDescription: pg'),
      // PostgreSQL 15 and later force TLS by default.
      linked: cfn('AWS::RDS::DBParameterGroup', 'Family: postgres16\nDescription: pg'),
    },
    tf: {
      fail: tf('aws_rds_cluster_parameter_group', 'family = "aurora-mysql8.0"\nparameter {\n  name = "time_zone"\n  value = "UTC"\n}'),
      pass: tf('aws_rds_cluster_parameter_group', 'family = "aurora-mysql8.0"\nparameter {\n  name = "require_secure_transport"\n  value = "ON"\n}'),
      unknown: tf('aws_rds_cluster_parameter_group', 'family = "aurora-mysql8.0"\nparameter {\n  name = "require_secure_transport"\n  value = var.p\n}'),
      // Aurora's TLS parameter is cluster-level: an instance parameter group of an Aurora family is not asked.
      linked: tf('aws_db_parameter_group', 'family = "aurora-mysql8.0"'),
    },
  },
];
