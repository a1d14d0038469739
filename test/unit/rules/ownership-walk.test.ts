/**
 * Every rule × every resource type it covers, with a failing resource of that type: a gap is a setting of the
 * customer's, so neither its message, nor the owner in the JSON report (the finding's and the duty's), nor the hover
 * may name AWS as the owner of it. Failing resources come from the rule's own fixtures (with the type swapped for each
 * type the rule covers) or, where a type reads other properties, from EXTRA below.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { fileReport } from '../../../server/src/core/present/report';
import { hoverCard } from '../../../server/src/core/present/hover';
import { dutyTitle, ownersFor } from '../../../server/src/core/model/duty-owners';
import { escapeMarkdown } from '../../../server/src/core/present/escape';
import { RULES } from '../../../server/src/core/rules';
import type { Rule } from '../../../server/src/core/rules/rule-api';
import { applyKindOverrides } from '../../../server/src/core/config/kinds';
import { CASES, cfn, tf } from './fixtures';
import { KMS_KEY_PROPERTIES } from '../../../server/src/core/rules/keys';

/** kms-aws-managed-key: every type it covers, its first key property given an AWS managed alias. */
function awsManagedKeyFixtures(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [type, e] of Object.entries(KMS_KEY_PROPERTIES)) {
    const p = e.paths[0];
    out[type] = type.startsWith('AWS::')
      ? cfn(type, p.map((k, i) => '  '.repeat(i) + k + ':' + (i === p.length - 1 ? ' alias/aws/x' : '')).join('\n'))
      : tf(type, p.map((k, i) => (i === p.length - 1 ? `${k} = "alias/aws/x"` : `${k} {`)).join('\n') + '\n}'.repeat(p.length - 1));
  }
  return out;
}

/** Failing resources for types whose properties differ from the rule's fixture type: rule → type → document text. */
const POLICY_ANYONE = "{Statement: [{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}]}";
const POLICY_ADMIN = "{Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}";
const TF_POLICY_ANYONE = 'jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "*", Resource = "*" }] })';
const TF_POLICY_ADMIN = 'jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })';
const EXTRA: Record<string, Record<string, string>> = {
  'iam-administrator-access-attached': {
    'AWS::Serverless::Function': cfn('AWS::Serverless::Function', 'Runtime: python3.12\nHandler: a.h\nCodeUri: s/\nPolicies: [AdministratorAccess]'),
    'AWS::Serverless::StateMachine': cfn('AWS::Serverless::StateMachine', 'DefinitionUri: d.json\nPolicies: [arn:aws:iam::aws:policy/IAMFullAccess]'),
    aws_iam_role: tf('aws_iam_role', 'assume_role_policy = "{}"\nmanaged_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]'),
    aws_iam_role_policy_attachments_exclusive: tf('aws_iam_role_policy_attachments_exclusive', 'role_name = "r"\npolicy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]'),
    aws_iam_user_policy_attachments_exclusive: tf('aws_iam_user_policy_attachments_exclusive', 'user_name = "u"\npolicy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]'),
    aws_iam_group_policy_attachments_exclusive: tf('aws_iam_group_policy_attachments_exclusive', 'group_name = "g"\npolicy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]'),
  },
  'user-data-secret': {
    'AWS::EC2::LaunchTemplate': `Parameters:\n  Pw:\n    Type: String\n    NoEcho: true\nResources:\n  R:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        UserData:\n          Fn::Base64:\n            Fn::Sub: "echo \${Pw} > /etc/db"\n`,
  },
  'iam-user-inline-policy': {
    'AWS::IAM::Policy': cfn('AWS::IAM::Policy', `PolicyName: p\nUsers: [alice]\nPolicyDocument: ${POLICY_ADMIN}`),
    'AWS::IAM::ManagedPolicy': cfn('AWS::IAM::ManagedPolicy', `Users: [alice]\nPolicyDocument: ${POLICY_ADMIN}`),
    aws_iam_policy_attachment: tf('aws_iam_policy_attachment', 'name = "a"\nusers = ["alice"]\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'),
  },
  'opensearch-engine-end-of-support': {
    aws_opensearch_domain: tf('aws_opensearch_domain', 'domain_name = "d"\nengine_version = "Elasticsearch_6.7"'),
    'AWS::Elasticsearch::Domain': cfn('AWS::Elasticsearch::Domain', "ElasticsearchVersion: '6.7'"),
  },
  'snapshot-encryption': {
    aws_ebs_snapshot_copy: tf('aws_ebs_snapshot_copy', 'source_snapshot_id = "snap-1"\nsource_region = "eu-west-1"\nencrypted = false'),
    aws_db_snapshot: tf('aws_db_snapshot', 'db_instance_identifier = aws_db_instance.d.identifier\ndb_snapshot_identifier = "s"', 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n}'),
    aws_db_cluster_snapshot: tf('aws_db_cluster_snapshot', 'db_cluster_identifier = aws_rds_cluster.c.id\ndb_cluster_snapshot_identifier = "s"', 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  storage_encrypted = false\n}'),
    aws_docdb_cluster_snapshot: tf('aws_docdb_cluster_snapshot', 'db_cluster_identifier = aws_docdb_cluster.c.id\ndb_cluster_snapshot_identifier = "s"', 'resource "aws_docdb_cluster" "c" {\n  storage_encrypted = false\n}'),
    aws_neptune_cluster_snapshot: tf('aws_neptune_cluster_snapshot', 'db_cluster_identifier = aws_neptune_cluster.c.id\ndb_cluster_snapshot_identifier = "s"', 'resource "aws_neptune_cluster" "c" {\n  storage_encrypted = false\n}'),
  },
  'api-gateway-execution-logging': {
    'AWS::ApiGatewayV2::Stage': cfn('AWS::ApiGatewayV2::Stage', 'ApiId:\n  Ref: Ws\nStageName: prod', '  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: ws, ProtocolType: WEBSOCKET}\n'),
    aws_apigatewayv2_stage: tf('aws_apigatewayv2_stage', 'api_id = aws_apigatewayv2_api.ws.id\nname = "prod"', 'resource "aws_apigatewayv2_api" "ws" {\n  name = "ws"\n  protocol_type = "WEBSOCKET"\n}'),
  },
  'rds-default-admin-username': {
    aws_db_instance: tf('aws_db_instance', 'engine = "mysql"\nusername = "admin"'),
  },
  'rds-log-exports': {
    aws_rds_cluster: tf('aws_rds_cluster', 'engine = "aurora-mysql"'),
  },
  'opensearch-audit-logs': {
    'AWS::Elasticsearch::Domain': cfn('AWS::Elasticsearch::Domain', "ElasticsearchVersion: '7.10'"),
    aws_elasticsearch_domain: tf('aws_elasticsearch_domain', 'domain_name = "d"\nelasticsearch_version = "7.10"'),
  },
  'kms-aws-managed-key': awsManagedKeyFixtures(),
  'elb-tls-policy': {
    'AWS::ElasticLoadBalancing::LoadBalancer': cfn('AWS::ElasticLoadBalancing::LoadBalancer', "Listeners:\n  - {LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn}"),
    aws_load_balancer_policy: tf('aws_load_balancer_policy', 'load_balancer_name = "lb"\npolicy_name = "tls"\npolicy_type_name = "SSLNegotiationPolicyType"\npolicy_attribute {\nname = "Reference-Security-Policy"\nvalue = "ELBSecurityPolicy-2016-08"\n}'),
    aws_elb: tf('aws_elb', 'listener {\nlb_port = 443\nlb_protocol = "https"\ninstance_port = 80\ninstance_protocol = "http"\nssl_certificate_id = "arn"\n}'),
  },
  'rds-parameter-group-force-tls': {
    aws_db_parameter_group: tf('aws_db_parameter_group', 'family = "postgres14"'),
  },
  'public-snapshot-or-image': {
    'AWS::ImageBuilder::DistributionConfiguration': cfn('AWS::ImageBuilder::DistributionConfiguration', 'Name: d\nDistributions:\n  - Region: eu-west-1\n    AmiDistributionConfiguration:\n      LaunchPermissionConfiguration:\n        UserGroups: [all]'),
    aws_ebs_snapshot_block_public_access: tf('aws_ebs_snapshot_block_public_access', 'state = "unblocked"'),
    aws_db_snapshot: tf('aws_db_snapshot', 'db_instance_identifier = "d"\ndb_snapshot_identifier = "s"\nshared_accounts = ["all"]'),
    aws_db_cluster_snapshot: tf('aws_db_cluster_snapshot', 'db_cluster_identifier = "c"\ndb_cluster_snapshot_identifier = "s"\nshared_accounts = ["all"]'),
    aws_imagebuilder_distribution_configuration: tf('aws_imagebuilder_distribution_configuration', 'name = "d"\ndistribution {\nregion = "eu-west-1"\nami_distribution_configuration {\nlaunch_permission {\nuser_groups = ["all"]\n}\n}\n}'),
  },
  'elasticache-snapshot-retention': {
    'AWS::ElastiCache::CacheCluster': cfn('AWS::ElastiCache::CacheCluster', 'Engine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nSnapshotRetentionLimit: 0'),
    aws_elasticache_cluster: tf('aws_elasticache_cluster', 'engine = "redis"\nnode_type = "cache.t3.micro"\nsnapshot_retention_limit = 0'),
  },
  'auto-minor-version-upgrade': {
    'AWS::Redshift::Cluster': cfn('AWS::Redshift::Cluster', 'NodeType: ra3.xlplus\nAllowVersionUpgrade: false'),
    aws_redshift_cluster: tf('aws_redshift_cluster', 'cluster_identifier = "c"\nnode_type = "ra3.xlplus"\nallow_version_upgrade = false'),
  },
  'iam-policy-wildcard': {
    'AWS::Serverless::Function': cfn('AWS::Serverless::Function', `Runtime: python3.12\nHandler: a.h\nCodeUri: s/\nPolicies:\n  - Statement:\n      - {Effect: Allow, Action: '*', Resource: '*'}`),
    'AWS::Serverless::StateMachine': cfn('AWS::Serverless::StateMachine', `DefinitionUri: d.json\nPolicies:\n  Statement:\n    - {Effect: Allow, Action: 's3:*', Resource: '*'}`),
    ...Object.fromEntries(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy'].map((t) => [t, cfn(t, `PolicyName: p\nPolicyDocument: ${POLICY_ADMIN}`)])),
    aws_iam_role: tf('aws_iam_role', `assume_role_policy = "{}"\ninline_policy {\nname = "admin"\npolicy = ${TF_POLICY_ADMIN}\n}`),
    aws_iam_policy_document: tf('aws_iam_policy_document', 'statement {\neffect = "Allow"\nactions = ["*"]\nresources = ["*"]\n}').replace('resource "aws_iam_policy_document"', 'data "aws_iam_policy_document"'),
  },
  'resource-policy-public': {
    'AWS::EFS::FileSystem': cfn('AWS::EFS::FileSystem', "Encrypted: true\nFileSystemPolicy:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: '*'}, Action: '*', Resource: '*'}"),
    'AWS::DynamoDB::Table': cfn('AWS::DynamoDB::Table', "KeySchema: [{AttributeName: id, KeyType: HASH}]\nAttributeDefinitions: [{AttributeName: id, AttributeType: S}]\nBillingMode: PAY_PER_REQUEST\nResourcePolicy:\n  PolicyDocument:\n    Statement:\n      - {Effect: Allow, Principal: {AWS: '*'}, Action: 'dynamodb:GetItem', Resource: '*'}"),
    'AWS::Backup::BackupVault': cfn('AWS::Backup::BackupVault', "BackupVaultName: v\nAccessPolicy:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: '*'}, Action: '*', Resource: '*'}"),
    'AWS::S3::AccessPoint': cfn('AWS::S3::AccessPoint', "Bucket: b\nPolicy:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: '*'}, Action: '*', Resource: '*'}"),
    aws_glacier_vault: tf('aws_glacier_vault', 'name = "v"\naccess_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "glacier:*", Resource = "*" }] })'),
    'AWS::IAM::Role': cfn('AWS::IAM::Role', "AssumeRolePolicyDocument:\n  Statement:\n    - {Effect: Allow, Principal: {AWS: '*'}, Action: 'sts:AssumeRole'}"),
    aws_iam_role: tf('aws_iam_role', 'assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })'),
    'AWS::KMS::Key': cfn('AWS::KMS::Key', `KeyPolicy: ${POLICY_ANYONE}`),
    'AWS::ECR::Repository': cfn('AWS::ECR::Repository', `RepositoryPolicyText: ${POLICY_ANYONE}`),
    'AWS::SecretsManager::ResourcePolicy': cfn('AWS::SecretsManager::ResourcePolicy', `SecretId: s\nResourcePolicy: ${POLICY_ANYONE}`),
    'AWS::OpenSearchService::Domain': cfn('AWS::OpenSearchService::Domain', `AccessPolicies: ${POLICY_ANYONE}`),
    'AWS::Elasticsearch::Domain': cfn('AWS::Elasticsearch::Domain', `AccessPolicies: ${POLICY_ANYONE}`),
    'AWS::Lambda::Permission': cfn('AWS::Lambda::Permission', "FunctionName: f\nAction: lambda:InvokeFunction\nPrincipal: '*'"),
    aws_opensearch_domain_policy: tf('aws_opensearch_domain_policy', `domain_name = "d"\naccess_policies = ${TF_POLICY_ANYONE}`),
    aws_elasticsearch_domain_policy: tf('aws_elasticsearch_domain_policy', `domain_name = "d"\naccess_policies = ${TF_POLICY_ANYONE}`),
    aws_opensearch_domain: tf('aws_opensearch_domain', `domain_name = "d"\naccess_policies = ${TF_POLICY_ANYONE}`),
    aws_elasticsearch_domain: tf('aws_elasticsearch_domain', `domain_name = "d"\naccess_policies = ${TF_POLICY_ANYONE}`),
    aws_lambda_permission: tf('aws_lambda_permission', 'function_name = "f"\naction = "lambda:InvokeFunction"\nprincipal = "*"'),
    aws_iam_policy_document: tf('aws_iam_policy_document', 'statement {\neffect = "Allow"\nactions = ["s3:GetObject"]\nresources = ["*"]\nprincipals {\ntype = "*"\nidentifiers = ["*"]\n}\n}').replace('resource "aws_iam_policy_document"', 'data "aws_iam_policy_document"'),
  },
  'api-gateway-authorization': {
    'AWS::ApiGatewayV2::Api': cfn('AWS::ApiGatewayV2::Api', 'Name: a\nProtocolType: HTTP\nTarget: arn:aws:lambda:eu-west-1:111122223333:function:f'),
    aws_apigatewayv2_api: tf('aws_apigatewayv2_api', 'name = "a"\nprotocol_type = "HTTP"\ntarget = "arn:aws:lambda:eu-west-1:111122223333:function:f"'),
    'AWS::ApiGatewayV2::Route': cfn('AWS::ApiGatewayV2::Route', "ApiId: a-1\nRouteKey: 'GET /items'"),
    'AWS::Serverless::Function': `Transform: AWS::Serverless-2016-10-31\n${cfn('AWS::Serverless::Function', 'Runtime: python3.13\nHandler: index.handler\nInlineCode: x\nEvents:\n  Get:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get')}`,
    aws_api_gateway_method: tf('aws_api_gateway_method', 'rest_api_id = aws_api_gateway_rest_api.a.id\nresource_id = "r-1"\nhttp_method = "GET"\nauthorization = "NONE"') + 'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n',
  },
  'lambda-function-url-public': {
    'AWS::Serverless::Function': `Transform: AWS::Serverless-2016-10-31\n${cfn('AWS::Serverless::Function', 'Runtime: python3.13\nHandler: index.handler\nInlineCode: x\nFunctionUrlConfig:\n  AuthType: NONE')}`,
  },
  'ec2-public-ip': {
    'AWS::EC2::Instance': cfn('AWS::EC2::Instance', 'ImageId: ami-1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    AssociatePublicIpAddress: true'),
    'AWS::EC2::LaunchTemplate': cfn('AWS::EC2::LaunchTemplate', 'LaunchTemplateData:\n  NetworkInterfaces:\n    - DeviceIndex: 0\n      AssociatePublicIpAddress: true'),
    aws_launch_template: tf('aws_launch_template', 'network_interfaces {\nassociate_public_ip_address = true\n}'),
  },
  'security-group-open-ingress': {
    'AWS::EC2::SecurityGroupIngress': cfn('AWS::EC2::SecurityGroupIngress', 'GroupId: sg-1\nIpProtocol: tcp\nFromPort: 22\nToPort: 22\nCidrIp: 0.0.0.0/0'),
    aws_security_group: tf('aws_security_group', 'ingress {\nfrom_port = 22\nto_port = 22\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/0"]\n}'),
    aws_default_security_group: tf('aws_default_security_group', 'vpc_id = "vpc-1"\ningress {\nfrom_port = 22\nto_port = 22\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/0"]\n}'),
    aws_security_group_rule: tf('aws_security_group_rule', 'type = "ingress"\nsecurity_group_id = "sg-1"\nfrom_port = 3389\nto_port = 3389\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/0"]'),
  },
  'default-security-group-traffic': {
    ...Object.fromEntries(
      ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'].map((t) => [
        t,
        tf(t, `type = "ingress"\nsecurity_group_id = aws_vpc.v.default_security_group_id\nfrom_port = 443\nto_port = 443\nprotocol = "tcp"\ncidr_blocks = ["10.0.0.0/8"]`, 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}'),
      ]),
    ),
  },
  'network-acl-open-admin-ports': {
    aws_network_acl_rule: tf('aws_network_acl_rule', 'network_acl_id = "acl-1"\nrule_number = 100\negress = false\nprotocol = "tcp"\nrule_action = "allow"\ncidr_block = "0.0.0.0/0"\nfrom_port = 22\nto_port = 22'),
  },
  'launch-template-block-device-encryption': {
    'AWS::AutoScaling::LaunchConfiguration': cfn('AWS::AutoScaling::LaunchConfiguration', 'ImageId: ami-1\nInstanceType: t3.micro\nBlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs: {VolumeSize: 8, Encrypted: false}'),
    aws_launch_configuration: tf('aws_launch_configuration', 'image_id = "ami-1"\ninstance_type = "t3.micro"\nroot_block_device {\nencrypted = false\n}'),
  },
  'emr-at-rest-encryption': {
    'AWS::EMR::Cluster': cfn('AWS::EMR::Cluster', 'Name: c\nReleaseLabel: emr-7.0.0\nInstances: {}\nJobFlowRole: r\nServiceRole: s'),
  },
};

function fixtureFor(rule: Rule, type: string): string[] {
  const out: string[] = [];
  const extra = EXTRA[rule.id]?.[type];
  if (extra) out.push(extra);
  const c = CASES.find((x) => x.rule === rule.id);
  const isCfn = type.startsWith('AWS::');
  const fail = isCfn ? c?.cfn?.fail : c?.tf?.fail;
  if (fail) {
    // The fixture's own resource (R / r) takes the type; linked resources of the fixture keep theirs.
    const swapped = isCfn ? fail.replace(/(\n  R:\n    Type: )\S+/, `$1${type}`) : fail.replace(/resource "[^"]+" "r"/, `resource "${type}" "r"`);
    out.push(swapped);
  }
  return out;
}

function analyze(type: string, text: string): { analysis: Analysis; file: string } {
  const file = type.startsWith('AWS::') ? 't.yaml' : 'main.tf';
  return { analysis: analyzeText(file, text), file };
}

/** The owner part of a message's tail: "(server-side encryption · yours)" → "yours". */
function tailOwner(message: string): string | undefined {
  return /\(([a-z -]+) · ([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(message)?.[2];
}

describe('no gap names AWS as the owner of what the customer must change', () => {
  const pairs = RULES.flatMap((rule) => [...rule.cloudformationTypes, ...rule.terraformTypes].map((type) => ({ rule, type })));
  const modelSaysAws: string[] = [];

  for (const { rule, type } of pairs) {
    it(`${rule.id} × ${type}`, () => {
      let checked = 0;
      for (const text of fixtureFor(rule, type)) {
        const { analysis, file } = analyze(type, text);
        const ra = analysis.resources.find((r) => r.resource.type === type && r.findings.some((f) => f.ruleId === rule.id));
        if (!ra) continue;
        const report = fileReport(file, text, analysis);
        for (const f of ra.findings.filter((x) => x.ruleId === rule.id)) {
          checked++;
          // The message: problem first, then the duty and the customer's part — never AWS's.
          assert.doesNotMatch(f.message, /AWS's duty|is AWS's|· aws\b|· AWS\b/, f.message);
          const owner = tailOwner(f.message);
          assert.ok(owner === 'yours' || owner?.startsWith('shared: you '), `${rule.id} × ${type}: the message names your part: ${f.message}`);
          // JSON: the finding's owner and the duty's.
          const jf = report.findings.find((x) => x.ruleId === rule.id && x.message === f.message);
          assert.ok(jf && (jf.owner === 'customer' || jf.owner === 'shared'), `${rule.id} × ${type}: JSON finding owner ${jf?.owner}`);
          const jr = report.resources.find((r) => r.type === type);
          const jd = jr?.duties.find((d) => d.duty === rule.duty);
          assert.ok(jd && jd.status === 'gap' && jd.owner !== 'aws', `${rule.id} × ${type}: JSON duty ${JSON.stringify(jd)}`);
        }
        // The hover lists the duty among yours (with the gap), not in the AWS section.
        const card = hoverCard(ra);
        const awsSection = card.slice(card.indexOf(`**AWS**`));
        assert.ok(!awsSection.includes(escapeMarkdown(dutyTitle(rule.duty))), `${rule.id} × ${type}: the hover puts ${rule.duty} under AWS\n${card}`);
        assert.match(card, new RegExp(`✗ \\*\\*${escapeMarkdown(dutyTitle(rule.duty)).replace(/[\\\\^$.*+?()[\]{}|-]/g, '\\$&')}\\*\\*`), `${rule.id} × ${type}: gap line in the hover`);
        // Where the model itself gives the duty to AWS (no refinement for the type), the gap names your part of it.
        if (ra.lookup.status === 'aws' && ownersFor(ra.lookup.kind, ra.lookup.refinements).find((o) => o.duty === rule.duty)?.owner === 'aws') modelSaysAws.push(`${rule.id} × ${type}`);
      }
      assert.ok(checked > 0, `${rule.id} × ${type}: no failing resource (add one to EXTRA in ownership-walk.test.ts)`);
    });
  }

  it("an organization's `kinds:` override that gives the duty to AWS still reports the gap as the customer's part", () => {
    const text = cfn('AWS::RDS::DBInstance', 'Engine: mysql\nStorageEncrypted: false');
    const analysis = applyKindOverrides(analyzeText('t.yaml', text), { rds: 'managed' });
    const ra = analysis.resources[0];
    assert.equal(ra.kind, 'managed');
    const sse = fileReport('t.yaml', text, analysis).resources[0].duties.find((d) => d.duty === 'server-side-encryption');
    assert.deepEqual([sse?.owner, sse?.status], ['shared', 'gap']);
    const card = hoverCard(ra);
    assert.match(card, /✗ \*\*Server\\-side encryption\*\* \(shared with AWS\)/);
    assert.ok(!card.slice(card.indexOf('**AWS**')).includes('Server\\-side encryption'), card);
  });

  it('the model gives a flagged duty to AWS only where AWS does it by default (SNS disk encryption, CloudTrail log files, CodeBuild output, ALB header handling)', () => {
    // Every other rule × type has a refinement (data/classification.json) or a kind cell that is not AWS's. CloudTrail
    // encrypts log files with SSE-S3 by default; a KMS key is the customer's switch, as for SNS.
    assert.deepEqual([...new Set(modelSaysAws)].sort(), [
      'cloudtrail-kms-encryption × AWS::CloudTrail::Trail',
      'cloudtrail-kms-encryption × aws_cloudtrail',
      // CodeBuild encrypts the build output it writes to S3 by default; EncryptionDisabled is the customer's switch.
      'codebuild-output-encryption × AWS::CodeBuild::Project',
      'codebuild-output-encryption × aws_codebuild_project',
      // AWS runs the load balancer and its HTTP parsing; whether it forwards headers that are not valid is the customer's setting.
      'elb-drop-invalid-headers × AWS::ElasticLoadBalancingV2::LoadBalancer',
      'elb-drop-invalid-headers × aws_alb',
      'elb-drop-invalid-headers × aws_lb',
      // Managed services serve their endpoints over TLS; denying plain HTTP (aws:SecureTransport) is the customer's switch.
      ...['AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::SNS::TopicInlinePolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueueInlinePolicy', 'AWS::SQS::QueuePolicy', 'aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_sns_topic', 'aws_sns_topic_policy', 'aws_sqs_queue', 'aws_sqs_queue_policy'].map(
        (t) => `secure-transport-policy × ${t}`,
      ),
      'sns-topic-encryption × AWS::SNS::Topic',
      'sns-topic-encryption × aws_sns_topic',
      // SQS encrypts queues with its own keys by default (SSE-SQS); turning that off is the customer's switch.
      'sqs-queue-encryption × AWS::SQS::Queue',
      'sqs-queue-encryption × aws_sqs_queue',
    ]);
  });
});
