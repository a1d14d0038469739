import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  allServices,
  catalogInfo,
  getService,
  knownTypes,
  lookupType,
  suggestType,
} from '../../../server/src/core/catalog/catalog';
import type { TypeLookup } from '../../../server/src/core/catalog/catalog-api';
import { KINDS, isDutyId } from '../../../server/src/core/model/duties';

const REPO = path.resolve(__dirname, '..', '..', '..');
const snapshotFile = fs.readdirSync(path.join(REPO, 'data', 'snapshots')).find((f) => /^terraform-aws-[\d.]+\.json$/.test(f));
assert.ok(snapshotFile, 'a Terraform snapshot is committed');
const snapshot = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'snapshots', snapshotFile), 'utf8')) as {
  resources: string[];
  dataSources: string[];
  providerVersion: string;
};
const specDir = path.dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
const specDb = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(specDir, 'db.json.gz'))).toString('utf8')) as {
  schema: { resource: { entities: { cloudFormationType: string }[] } };
};
const specTypes = specDb.schema.resource.entities.map((r) => r.cloudFormationType);
const classification = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'classification.json'), 'utf8')) as {
  services: Record<string, { kind: string; confidence: string; source: string; reason: string; securityDocs: string }>;
  refinements: { id: string; types: { cloudformation?: string[]; terraform?: string[] }; kind?: string; duties?: { duty: string; owner: string; aws?: string; customer?: string }[]; source: string; reason: string }[];
};

function aws(r: TypeLookup): Extract<TypeLookup, { status: 'aws' }> {
  assert.equal(r.status, 'aws', JSON.stringify(r));
  return r as Extract<TypeLookup, { status: 'aws' }>;
}

function unresolved(types: readonly string[], lookup: (t: string) => TypeLookup): string[] {
  return types.filter((t) => {
    const r = lookup(t);
    return r.status !== 'aws' || !r.service.id || !KINDS.includes(r.kind);
  });
}

test('every CloudFormation type of the spec resolves to an AWS service with a kind', () => {
  assert.equal(specTypes.length, 1828);
  const bad = unresolved(specTypes, (type) => lookupType({ language: 'cloudformation', type, mode: 'resource' }));
  // The spec lists the custom resource type; the catalog deliberately reports it as custom.
  assert.deepEqual(bad, ['AWS::CloudFormation::CustomResource']);
  // plus the SAM types the spec lacks (scripts/catalog/overrides.mjs CLOUDFORMATION_SUPPLEMENT)
  assert.equal(catalogInfo().cloudformationTypes, specTypes.length + 4);
  for (const type of ['AWS::Serverless::Connector', 'AWS::Serverless::GraphQLApi', 'AWS::Serverless::WebSocketApi', 'AWS::Serverless::CapacityProvider']) {
    assert.equal(lookupType({ language: 'cloudformation', type, mode: 'resource' }).status, 'aws', type);
  }
});

test('every Terraform resource and data source of the snapshot resolves to an AWS service with a kind', () => {
  assert.equal(snapshot.providerVersion, '6.66.0');
  assert.equal(snapshot.resources.length, 1732);
  assert.equal(snapshot.dataSources.length, 683);
  assert.deepEqual(unresolved(snapshot.resources, (type) => lookupType({ language: 'terraform', type, mode: 'resource' })), []);
  assert.deepEqual(unresolved(snapshot.dataSources, (type) => lookupType({ language: 'terraform', type, mode: 'data' })), []);
  const info = catalogInfo();
  assert.equal(info.terraformResources, snapshot.resources.length);
  assert.equal(info.terraformDataSources, snapshot.dataSources.length);
  assert.equal(knownTypes('terraform', 'data').length, snapshot.dataSources.length);
});

test('every service has a kind, an https source, a confidence, a reason and a security doc; no stale entries', () => {
  const ids = new Set(allServices().map((s) => s.id));
  assert.equal(ids.size, catalogInfo().services);
  for (const s of allServices()) {
    assert.ok(KINDS.includes(s.kind), s.id);
    assert.match(s.kindSource, /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, s.id);
    assert.match(s.securityDocUrl, /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, s.id);
    assert.ok(s.confidence === 'stated' || s.confidence === 'documented' || s.confidence === 'derived', s.id);
    if (s.confidence === 'documented') assert.ok((s.evidence ?? '').length > 10, `${s.id}: documented without evidence`);
    assert.ok(s.reason.length > 10 && !s.reason.includes('\n'), s.id);
    assert.ok(s.name.length > 2, s.id);
  }
  assert.deepEqual(Object.keys(classification.services).filter((id) => !ids.has(id)), [], 'classification entries without a service');
});

test("every service cites its own security chapter, or says why it cites another page", () => {
  const SRM = 'https://aws.amazon.com/compliance/shared-responsibility-model/';
  const general = allServices().filter((s) => s.securityDocUrl === SRM);
  for (const s of allServices()) {
    assert.match(s.securityDocUrl, /^https:\/\/docs\.aws\.amazon\.com\/|^https:\/\/aws\.amazon\.com\/compliance\/shared-responsibility-model\/$/, s.id);
    if (s.securityDocUrl === SRM) assert.ok((s.securityDocsNote ?? '').length > 10, `${s.id} cites only the general model page without saying why`);
    assert.doesNotMatch(s.securityDocUrl, /\/(de_de|pt_br|zh_cn|ko_kr|ja_jp|fr_fr|es_es|it_it|id_id)\/|\.md$/, `${s.id}: English HTML page`);
  }
  // Most services have a chapter of their own: the general page is the exception.
  assert.ok(general.length < 15, `${general.length} services cite only the general page`);
});

test("the seed's 13 services have the seed's kinds, stated", () => {
  const seed: Record<string, string> = {
    ec2: 'infrastructure', ec2ebs: 'infrastructure', autoscaling: 'infrastructure', vpc: 'infrastructure',
    rds: 'container', emr: 'container', elasticbeanstalk: 'container',
    s3: 'managed', glacier: 'managed', dynamodb: 'managed', lambda: 'managed', sqs: 'managed', ses: 'managed',
  };
  for (const [id, kind] of Object.entries(seed)) {
    const s = getService(id);
    assert.ok(s, id);
    assert.equal(s.kind, kind, id);
    assert.equal(s.confidence, 'stated', id);
  }
  // identity / account services are managed
  for (const id of ['iam', 'organizations', 'ssoadmin']) assert.equal(getService(id)?.kind, 'managed', id);
});

test('seed CloudFormation and Terraform types map to the provider service names', () => {
  const cases: [string, 'cloudformation' | 'terraform', string][] = [
    ['AWS::EC2::Instance', 'cloudformation', 'ec2'],
    ['AWS::EC2::Volume', 'cloudformation', 'ec2ebs'],
    ['AWS::EC2::VolumeAttachment', 'cloudformation', 'ec2ebs'],
    ['AWS::EC2::SnapshotBlockPublicAccess', 'cloudformation', 'ec2ebs'],
    ['AWS::EC2::VPC', 'cloudformation', 'vpc'],
    ['AWS::EC2::Subnet', 'cloudformation', 'vpc'],
    ['AWS::EC2::SecurityGroupIngress', 'cloudformation', 'vpc'],
    ['AWS::EC2::NetworkAclEntry', 'cloudformation', 'vpc'],
    ['AWS::EC2::RouteTable', 'cloudformation', 'vpc'],
    ['AWS::AutoScaling::AutoScalingGroup', 'cloudformation', 'autoscaling'],
    ['AWS::RDS::DBInstance', 'cloudformation', 'rds'],
    ['AWS::EMR::Cluster', 'cloudformation', 'emr'],
    ['AWS::ElasticBeanstalk::Environment', 'cloudformation', 'elasticbeanstalk'],
    ['AWS::S3::Bucket', 'cloudformation', 's3'],
    ['AWS::DynamoDB::Table', 'cloudformation', 'dynamodb'],
    ['AWS::Lambda::Function', 'cloudformation', 'lambda'],
    ['AWS::Serverless::Function', 'cloudformation', 'lambda'],
    ['AWS::SQS::Queue', 'cloudformation', 'sqs'],
    ['AWS::SES::ConfigurationSet', 'cloudformation', 'ses'],
    ['aws_instance', 'terraform', 'ec2'],
    ['aws_ebs_volume', 'terraform', 'ec2ebs'],
    ['aws_volume_attachment', 'terraform', 'ec2ebs'],
    ['aws_security_group', 'terraform', 'vpc'],
    ['aws_vpc', 'terraform', 'vpc'],
    ['aws_autoscaling_group', 'terraform', 'autoscaling'],
    ['aws_launch_configuration', 'terraform', 'autoscaling'],
    ['aws_db_instance', 'terraform', 'rds'],
    ['aws_emr_cluster', 'terraform', 'emr'],
    ['aws_elastic_beanstalk_environment', 'terraform', 'elasticbeanstalk'],
    ['aws_s3_bucket', 'terraform', 's3'],
    ['aws_glacier_vault', 'terraform', 'glacier'],
    ['aws_dynamodb_table', 'terraform', 'dynamodb'],
    ['aws_lambda_function', 'terraform', 'lambda'],
    ['aws_sqs_queue', 'terraform', 'sqs'],
    ['aws_ses_domain_identity', 'terraform', 'ses'],
    ['aws_s3tables_table_bucket', 'terraform', 's3tables'],
  ];
  for (const [type, language, id] of cases) assert.equal(aws(lookupType({ language, type, mode: 'resource' })).service.id, id, type);
  assert.equal(aws(lookupType({ language: 'terraform', type: 'aws_caller_identity', mode: 'data' })).service.id, 'sts');
});

test('custom resources, third-party types and other providers are custom; first-party registry types are AWS', () => {
  for (const type of ['Custom::Foo', 'AWS::CloudFormation::CustomResource', 'MyOrg::Thing::Res', 'MyOrg::Thing::Res::MODULE']) {
    assert.equal(lookupType({ language: 'cloudformation', type, mode: 'resource' }).status, 'custom', type);
  }
  for (const type of ['random_id', 'null_resource', 'google_storage_bucket']) {
    assert.equal(lookupType({ language: 'terraform', type, mode: 'resource' }).status, 'custom', type);
  }
  assert.equal(aws(lookupType({ language: 'cloudformation', type: 'Alexa::ASK::Skill', mode: 'resource' })).service.id, 'alexaask');
});

test('unknown AWS-looking types get the closest known type as a suggestion', () => {
  assert.deepEqual(lookupType({ language: 'cloudformation', type: 'AWS::S3::Buckett', mode: 'resource' }), {
    status: 'unknown',
    suggestion: 'AWS::S3::Bucket',
  });
  assert.deepEqual(lookupType({ language: 'terraform', type: 'aws_s3_bukcet', mode: 'resource' }), {
    status: 'unknown',
    suggestion: 'aws_s3_bucket',
  });
  assert.equal(suggestType('cloudformation', 'AWS::EC2::Instence'), 'AWS::EC2::Instance');
  assert.equal(suggestType('terraform', 'aws_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'), undefined);
  // a data-source-only name looked up as a resource is unknown
  assert.equal(lookupType({ language: 'terraform', type: 'aws_caller_identity', mode: 'resource' }).status, 'unknown');
});

test('Terraform modules: terraform-aws-modules sources map to their service, others are custom', () => {
  const mod = (type: string) => lookupType({ language: 'terraform', type, mode: 'module' });
  assert.equal(aws(mod('terraform-aws-modules/s3-bucket/aws')).service.id, 's3');
  assert.equal(aws(mod('terraform-aws-modules/rds/aws')).service.id, 'rds');
  assert.equal(aws(mod('terraform-aws-modules/vpc/aws')).service.id, 'vpc');
  assert.equal(aws(mod('terraform-aws-modules/security-group/aws//modules/http-80')).service.id, 'vpc');
  assert.equal(aws(mod('registry.terraform.io/terraform-aws-modules/iam/aws//modules/iam-assumable-role')).service.id, 'iam');
  assert.equal(aws(mod('git::https://github.com/terraform-aws-modules/terraform-aws-eks.git?ref=v20.0.0')).service.id, 'eks');
  assert.equal(mod('./modules/local').status, 'custom');
  assert.equal(mod('terraform-aws-modules/not-a-module/aws').status, 'custom');
});

test('refinements: ECS Fargate vs EC2, EKS node groups, Lambda in a VPC, Aurora Serverless v1', () => {
  const reader = (values: Record<string, unknown>) => (p: readonly string[]) => values[p.join('.')];
  const fargate = aws(lookupType({ language: 'cloudformation', type: 'AWS::ECS::Service', mode: 'resource', property: reader({ LaunchType: 'FARGATE' }) }));
  // AWS's ECS page: on Fargate "each task gets dedicated infrastructure capacity" — a container service, not a managed one.
  assert.equal(fargate.kind, 'container');
  assert.equal(fargate.refinements[0].property, 'LaunchType: FARGATE');
  const ec2 = aws(lookupType({ language: 'terraform', type: 'aws_ecs_service', mode: 'resource', property: reader({ launch_type: 'EC2' }) }));
  assert.equal(ec2.kind, 'container');
  const plain = aws(lookupType({ language: 'terraform', type: 'aws_ecs_service', mode: 'resource' }));
  assert.equal(plain.kind, 'container');
  assert.deepEqual(plain.refinements, []);
  const td = aws(lookupType({ language: 'terraform', type: 'aws_ecs_task_definition', mode: 'resource', property: reader({ requires_compatibilities: ['EC2', 'FARGATE'] }) }));
  assert.equal(td.kind, 'container');
  assert.equal(aws(lookupType({ language: 'cloudformation', type: 'AWS::EKS::Nodegroup', mode: 'resource' })).kind, 'infrastructure');
  assert.equal(aws(lookupType({ language: 'cloudformation', type: 'AWS::EKS::Cluster', mode: 'resource' })).kind, 'container');
  const inVpc = aws(lookupType({ language: 'terraform', type: 'aws_lambda_function', mode: 'resource', property: reader({ vpc_config: [{ subnet_ids: ['a'] }] }) }));
  assert.equal(inVpc.kind, 'managed');
  // Every function: the runtime is shared (lambda-runtime); in a VPC, network and firewall are yours (lambda-in-vpc).
  assert.deepEqual(inVpc.refinements.flatMap((r) => r.duties ?? []).map((d) => `${d.duty}:${d.owner}`), ['platform-and-application-management:shared', 'network-configuration:customer', 'firewall-configuration:customer']);
  const noVpc = aws(lookupType({ language: 'cloudformation', type: 'AWS::Lambda::Function', mode: 'resource', property: reader({ VpcConfig: {} }) }));
  assert.deepEqual(noVpc.refinements.flatMap((r) => r.duties ?? []).map((d) => `${d.duty}:${d.owner}`), ['platform-and-application-management:shared']);
  const serverless = aws(lookupType({ language: 'cloudformation', type: 'AWS::RDS::DBCluster', mode: 'resource', property: reader({ EngineMode: 'serverless' }) }));
  assert.equal(serverless.refinements[0].duties?.[0].duty, 'server-side-encryption');
  // a property reader that throws never escapes
  const throwing = aws(lookupType({ language: 'cloudformation', type: 'AWS::ECS::Service', mode: 'resource', property: () => { throw new Error('x'); } }));
  assert.equal(throwing.kind, 'container');
});

test('every refinement names known types, valid kinds/duties and an https AWS source', () => {
  const cfn = new Set(knownTypes('cloudformation'));
  const tf = new Set(knownTypes('terraform'));
  for (const r of classification.refinements) {
    for (const t of r.types.cloudformation ?? []) assert.ok(cfn.has(t), `${r.id}: ${t}`);
    for (const t of r.types.terraform ?? []) assert.ok(tf.has(t), `${r.id}: ${t}`);
    if (r.kind) assert.ok((KINDS as readonly string[]).includes(r.kind), r.id);
    for (const d of r.duties ?? []) {
      assert.ok(isDutyId(d.duty), `${r.id}: ${d.duty}`);
      assert.ok(['customer', 'aws', 'shared'].includes(d.owner), `${r.id}: ${d.duty} owner`);
      // Where both parties have a part, the data says what each does: "AWS terminates TLS …" / "you choose …".
      if (d.owner === 'shared') assert.ok(d.aws && d.customer, `${r.id}: shared ${d.duty} needs aws and customer`);
      if (d.customer !== undefined) assert.match(d.customer, /^you /, `${r.id}: ${d.duty}: the customer's part starts with "you"`);
      if (d.aws !== undefined) assert.doesNotMatch(d.aws, /^you /, `${r.id}: ${d.duty}: AWS's part`);
      for (const t of [d.aws, d.customer]) if (t !== undefined) assert.ok(t.length > 10 && t.length <= 200 && !t.includes('\n'), `${r.id}: ${d.duty}: one short line`);
    }
    assert.ok(r.reason.length > 10 && r.reason.length <= 300 && !r.reason.includes('\n'), `${r.id}: one-line reason`);
    assert.match(r.source, /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, r.id);
  }
});

test('hostile input never throws', () => {
  const inputs = ['', ' ', '::', 'AWS::', 'AWS::::', 'a'.repeat(100_000), '\u0000', 'aws_', 'Custom::', '💥::💥::💥'];
  for (const type of inputs) {
    for (const language of ['cloudformation', 'terraform'] as const) {
      for (const mode of ['resource', 'data', 'module'] as const) {
        const r = lookupType({ language, type, mode });
        assert.ok(['aws', 'custom', 'unknown'].includes(r.status));
      }
    }
  }
  // @ts-expect-error -- runtime robustness against a non-string type
  assert.equal(lookupType({ language: 'terraform', type: 42, mode: 'resource' }).status, 'unknown');
});
