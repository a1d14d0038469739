// Versions and data at rest (issue 13, items 5 and 6): the engine table and its dates (analysis date injected), the
// refresh script's parsers, the ECR registry scanning configuration, and `assume: { ebsEncryptionByDefault: true }`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../cli/cli-harness';
import { describe, it } from 'node:test';
import { applyAssumptions } from '../../../server/src/core/config/assume';
import { parseConfig } from '../../../server/src/core/config/config-file';
import { analyzeText, DocumentAnalyzer } from '../../../server/src/core/document';
import type { Analysis } from '../../../server/src/core/analyze';
import { ENGINE_SUPPORT, makeEngineRules, supportEnd } from '../../../server/src/core/rules/versions';
import type { Rule } from '../../../server/src/core/rules/rule-api';
import { merge, normalize, rowsFromEks, rowsFromRds, validate, type Table } from '../../../scripts/gen-engine-support';
import table from '../../../data/engine-support.json';

/** The outcome of one rule on the first resource of a document, with a rule built for a given date. */
function run(rule: Rule, file: string, text: string): { status: string; message?: string } {
  const a = analyzeText(file, text);
  const ra = a.resources[0];
  const ctx = {
    doc: a.doc,
    values: a.values as NonNullable<Analysis['values']>,
    links: { to: () => [], from: () => [] },
    describe: () => ({ serviceName: 'x', kind: 'managed' }),
  };
  const o = rule.check(ra.resource, ctx);
  return { status: o.status, message: o.gaps?.[0]?.message };
}

const mysql = (version: string): string => `resource "aws_db_instance" "d" {\n  engine = "mysql"\n  engine_version = "${version}"\n  instance_class = "db.t3.micro"\n}\n`;

describe('engine support table', () => {
  it('is valid: AWS documentation sources, read dates, numeric versions in ascending order', () => {
    assert.deepEqual(validate(table as Table), []);
    assert.deepEqual(normalize(table as Table), table, 'normalized (the refresh script writes it so)');
  });

  it('maps a version to its row, and a version older than every row to the oldest', () => {
    assert.deepEqual(supportEnd('rds-mysql', '5.7'), { end: '2024-02-29', listed: '5.7', older: false });
    assert.deepEqual(supportEnd('rds-mysql', '5.7.44'), { end: '2024-02-29', listed: '5.7', older: false });
    assert.equal(supportEnd('rds-mysql', '5.6')?.older, true);
    assert.equal(supportEnd('rds-mysql', '9.1'), undefined, 'newer than every row: supported');
    assert.equal(supportEnd('eks', '1'), undefined, 'too few parts to decide');
    assert.equal(supportEnd('nope', '1.0'), undefined);
  });
});

describe('engine versions against the analysis date', () => {
  it('reports a version from its end-of-standard-support date on', () => {
    const before = makeEngineRules(() => '2026-07-30').rds;
    const on = makeEngineRules(() => '2026-07-31').rds;
    assert.equal(run(before, 'main.tf', mysql('8.0.40')).status, 'met');
    const g = run(on, 'main.tf', mysql('8.0.40'));
    assert.equal(g.status, 'gap');
    assert.match(g.message ?? '', /MySQL 8\.0\.40, past the end of standard support on 2026-07-31/);
    assert.match(g.message ?? '', /e\.g\. 8\.4/);
  });

  it('reports versions older than the table and reads Aurora MySQL version numbers', () => {
    const rules = makeEngineRules(() => '2026-12-06');
    assert.match(run(rules.rds, 'main.tf', `resource "aws_db_instance" "d" {\n  engine = "postgres"\n  engine_version = "9.6.22"\n}\n`).message ?? '', /older than 11/);
    assert.equal(run(rules.rds, 'main.tf', `resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  engine_version = "8.0.mysql_aurora.3.08.0"\n}\n`).status, 'met');
    assert.equal(run(rules.rds, 'main.tf', `resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  engine_version = "5.7.mysql_aurora.2.12.0"\n}\n`).status, 'gap');
    // Engines the table does not list, and instances of a cluster, are not judged.
    assert.equal(run(rules.rds, 'main.tf', `resource "aws_db_instance" "d" {\n  engine = "oracle-ee"\n  engine_version = "12.1"\n}\n`).status, 'not-applicable');
    assert.equal(run(rules.rds, 'main.tf', `resource "aws_db_instance" "d" {\n  engine = "mysql"\n  engine_version = "5.7"\n  cluster_identifier = "c"\n}\n`).status, 'not-applicable');
  });

  it('takes the Elasticsearch 1.5 default of the legacy domain types, and the latest OpenSearch otherwise', () => {
    const rules = makeEngineRules(() => '2026-12-06');
    assert.match(run(rules.opensearch, 't.yaml', 'Resources:\n  D:\n    Type: AWS::Elasticsearch::Domain\n    Properties: {}\n').message ?? '', /Elasticsearch 1\.5 \(the default/);
    assert.equal(run(rules.opensearch, 't.yaml', 'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties: {}\n').status, 'met');
    assert.equal(run(rules.opensearch, 't.yaml', 'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: Elasticsearch_7.10\n').status, 'met');
    assert.equal(run(makeEngineRules(() => '2027-11-07').opensearch, 't.yaml', 'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: Elasticsearch_7.10\n').status, 'gap');
  });

  it('does not read a version written as a number as older than every listed one (YAML 1.30 is 1.3)', () => {
    const rules = makeEngineRules(() => '2026-12-06');
    assert.equal(run(rules.eks, 't.yaml', 'Resources:\n  C:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Version: 1.30\n').status, 'met');
    assert.equal(run(rules.eks, 't.yaml', 'Resources:\n  C:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Version: 1.27\n').status, 'gap');
  });

  it('lists each engine the rules read', () => {
    for (const id of ['rds-mysql', 'rds-postgres', 'aurora-mysql', 'aurora-postgresql', 'elasticache-redis', 'mq-activemq', 'mq-rabbitmq', 'opensearch-elasticsearch', 'opensearch-opensearch', 'eks']) assert.ok(ENGINE_SUPPORT[id], id);
  });
});

describe('refresh script parsers', () => {
  it('reads RDS standard-support lifecycles (Aurora MySQL by its own major version) and EKS calendars', () => {
    const rds = { DBMajorEngineVersions: [{ Engine: 'aurora-mysql', MajorEngineVersion: '5.7', SupportedEngineLifecycles: [{ LifecycleSupportName: 'open-source-rds-extended-support', LifecycleSupportEndDate: '2028-02-28T00:00:00Z' }, { LifecycleSupportName: 'open-source-rds-standard-support', LifecycleSupportEndDate: '2024-10-31T23:59:59Z' }] }] };
    assert.deepEqual(rowsFromRds('aurora-mysql', rds), [{ version: '2', endOfStandardSupport: '2024-10-31' }]);
    assert.deepEqual(rowsFromEks({ clusterVersions: [{ clusterVersion: '1.36', endOfStandardSupportDate: '2027-07-01T00:00:00Z' }, { clusterVersion: '1.35' }] }), [{ version: '1.36', endOfStandardSupport: '2027-07-01' }]);
    const e = merge(table.engines.eks, [{ version: '1.36', endOfStandardSupport: '2027-07-01' }], '2027-01-01');
    assert.equal(e.read, '2027-01-01');
    assert.equal(e.versions[e.versions.length - 1].version, '1.36');
    assert.equal(e.versions[0].version, '1.23', 'older rows stay');
  });
});

describe('ECR registry scanning', () => {
  const repo = (extra: string): string => `resource "aws_ecr_repository" "r" {\n  name = "svc-api"\n}\n${extra}`;
  const registry = (type: string, freq: string, filter: string): string => `resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "${type}"\n  rule {\n    scan_frequency = "${freq}"\n    repository_filter {\n      filter = ${filter}\n      filter_type = "WILDCARD"\n    }\n  }\n}\n`;
  const status = (text: string): string | undefined => analyzeText('main.tf', text).resources.find((r) => r.resource.type === 'aws_ecr_repository')?.duties.flatMap((d) => d.results).find((x) => x.rule.id === 'ecr-image-scan-on-push')?.outcome.status;
  it('is met by enhanced scanning or a basic scan-on-push rule matching the repository', () => {
    assert.equal(status(repo(registry('ENHANCED', 'CONTINUOUS_SCAN', '"*"'))), 'met');
    assert.equal(status(repo(registry('BASIC', 'SCAN_ON_PUSH', '"svc-*"'))), 'met');
    assert.equal(status(repo(registry('BASIC', 'SCAN_ON_PUSH', '"other-*"'))), 'gap');
    assert.equal(status(repo(registry('BASIC', 'CONTINUOUS_SCAN', '"*"'))), 'gap', 'basic scanning has no continuous frequency');
    assert.equal(status(`variable "p" {}\n${repo(registry('BASIC', 'SCAN_ON_PUSH', 'var.p'))}`), 'unknown');
  });
});

describe('assume: { ebsEncryptionByDefault: true }', () => {
  const tfText = `resource "aws_instance" "i" {\n  ami = "ami-1"\n  ebs_block_device {\n    device_name = "/dev/sdb"\n    encrypted = false\n  }\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size = 1\n}\nresource "aws_ebs_snapshot" "s" {\n  volume_id = aws_ebs_volume.v.id\n}\nresource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n}\n`;
  const ids = (a: Analysis, rule: string): string[] => a.findings.filter((f) => f.ruleId === rule).map((f) => f.resource);
  it('closes the EBS gaps only (instance devices, volumes, their snapshots) and meets the duty', () => {
    const a = analyzeText('main.tf', tfText);
    assert.equal(ids(a, 'ec2-block-device-encryption').length, 2, 'the root volume and the device set to false');
    assert.deepEqual(ids(a, 'ebs-volume-encryption'), ['aws_ebs_volume.v']);
    assert.deepEqual(ids(a, 'snapshot-encryption'), ['aws_ebs_snapshot.s']);
    const { config, errors } = parseConfig('assume:\n  ebsEncryptionByDefault: true\n');
    assert.deepEqual(errors, []);
    const b = applyAssumptions(a, config.assume);
    assert.deepEqual(ids(b, 'ec2-block-device-encryption'), []);
    assert.deepEqual(ids(b, 'ebs-volume-encryption'), []);
    assert.deepEqual(ids(b, 'snapshot-encryption'), []);
    assert.deepEqual(ids(b, 'rds-storage-encryption'), ['aws_db_instance.d'], 'other encryption gaps stay');
    const inst = b.resources.find((r) => r.resource.id === 'aws_instance.i');
    const sse = inst?.duties.find((d) => d.duty === 'server-side-encryption');
    assert.equal(sse?.status, 'met');
    assert.match(sse?.results.find((x) => x.rule.id === 'ec2-block-device-encryption')?.outcome.evidence ?? '', /assumed in \.aws-responsibility\.yaml/);
    assert.equal(inst?.findings.some((f) => f.ruleId === 'ec2-block-device-encryption'), false);
    // false or absent: nothing changes.
    assert.equal(applyAssumptions(a, { ebsEncryptionByDefault: false }), a);
    assert.equal(applyAssumptions(a, undefined), a);
  });

  it('is the same as aws_ebs_encryption_by_default in the file', () => {
    const a = analyzeText('main.tf', `${tfText}resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}\n`);
    assert.deepEqual(ids(a, 'ec2-block-device-encryption'), []);
    assert.deepEqual(ids(a, 'snapshot-encryption'), []);
  });

  it('applies to CloudFormation instances with no block device mapping', () => {
    const a = analyzeText('t.yaml', 'Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n');
    const f = a.findings.filter((x) => x.ruleId === 'ec2-block-device-encryption');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /root volume with no encryption setting .*ebsEncryptionByDefault/);
    assert.deepEqual(applyAssumptions(a, { ebsEncryptionByDefault: true }).findings.filter((x) => x.ruleId === 'ec2-block-device-encryption'), []);
  });
});

describe('edits of a source re-check what reads it (linked, so the incremental analysis does not reuse a stale result)', () => {
  it('a snapshot follows its volume, a repository its registry scanning configuration', () => {
    const a = new DocumentAnalyzer('terraform');
    const text = (enc: string, scan: string): string =>
      `resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size = 1\n  encrypted = ${enc}\n}\nresource "aws_ebs_snapshot" "s" {\n  volume_id = aws_ebs_volume.v.id\n}\nresource "aws_ecr_repository" "r" {\n  name = "r"\n}\nresource "aws_ecr_registry_scanning_configuration" "c" {\n  scan_type = "${scan}"\n  rule {\n    scan_frequency = "CONTINUOUS_SCAN"\n    repository_filter {\n      filter = "*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\n`;
    const rules = (x: Analysis): string[] => x.findings.map((f) => f.ruleId).filter((r) => r === 'snapshot-encryption' || r === 'ecr-image-scan-on-push').sort();
    assert.deepEqual(rules(a.analyze(text('false', 'BASIC'))), ['ecr-image-scan-on-push', 'snapshot-encryption']);
    assert.deepEqual(rules(a.analyze(text('true', 'ENHANCED'))), []);
    assert.deepEqual(rules(a.analyze(text('false', 'BASIC'))), ['ecr-image-scan-on-push', 'snapshot-encryption']);
  });
});

describe('the CLI reads assume: from .aws-responsibility.yaml', () => {
  it('reports the instance root volume without it, and nothing with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assume-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n');
      const ids = async (): Promise<string[]> => {
        const r = await cli(dir, 'scan', '--format', 'json', 'main.tf');
        const files = (JSON.parse(r.out) as { files: { findings: { ruleId: string }[] }[] }).files;
        return files.flatMap((f) => f.findings.map((x) => x.ruleId));
      };
      assert.ok((await ids()).includes('ec2-block-device-encryption'));
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'assume:\n  ebsEncryptionByDefault: true\n');
      assert.ok(!(await ids()).includes('ec2-block-device-encryption'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
