/**
 * A resource in a module whose configuring resource (a flow log, a bucket's public access block) is created outside the
 * module — by another module the caller calls, or by the caller itself, naming it through the module's outputs: the
 * module instance's analysis cannot follow the outputs, so the duty is unknown and says where the configurer is, never
 * a gap; with no such configurer anywhere in the configuration, the gap stays (project/terraform-project.ts, `outside`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../../server/src/core/analyze';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';

const VPC_MODULE = `
resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}
output "vpc_id" {
  value = try(aws_vpc.this.id, null)
}
`;
const FLOW_LOG_MODULE = `
variable "vpc_id" {}
resource "aws_flow_log" "this" {
  vpc_id               = var.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::logs"
}
`;
const BUCKET_MODULE = `
resource "aws_s3_bucket" "this" {
  bucket = "data"
}
output "id" {
  value = aws_s3_bucket.this.id
}
`;

function project(root: string, extra: Record<string, string> = {}): TerraformProject {
  const files = { '/w/root/main.tf': root, '/w/vpc/main.tf': VPC_MODULE, '/w/flow-log/main.tf': FLOW_LOG_MODULE, '/w/bucket/main.tf': BUCKET_MODULE, ...extra };
  const p = new TerraformProject({ fs: memoryFs(files) });
  p.indexDirs(['/w/root', '/w/vpc', '/w/flow-log', '/w/bucket', ...Object.keys(extra).map((f) => f.slice(0, f.lastIndexOf('/')))]);
  return p;
}

/** The outcome of a rule on a resource of a module instance in the root's view. */
function instanceOutcome(a: Analysis, call: string, id: string, rule: string): { status: string; dependsOn?: readonly string[] } {
  const r = a.modules!.find((m) => m.call.name === call)!.instances[0].analysis.resources.find((x) => x.resource.id === id)!;
  const result = r.duties.flatMap((d) => d.results).find((x) => x.rule.id === rule)!;
  return { status: result.outcome.status, dependsOn: result.outcome.dependsOn };
}

/** Every finding of a rule in the root's view and in the modules' own views. */
function findings(p: TerraformProject, rule: string): string[] {
  const out: string[] = [];
  for (const f of ['/w/root/main.tf', '/w/vpc/main.tf', '/w/bucket/main.tf']) for (const x of p.analyzeFile(f)!.findings) if (x.ruleId === rule) out.push(`${f} ${x.resource}`);
  return out;
}

describe('configurers outside a module instance', () => {
  it('a flow log made by a module called beside the VPC module: unknown, naming that module, in the root and in the VPC module', () => {
    const p = project(`
module "vpc" {
  source = "../vpc"
}
module "flow_log" {
  source = "../flow-log"
  vpc_id = module.vpc.vpc_id
}
`);
    const o = instanceOutcome(p.analyzeFile('/w/root/main.tf')!, 'vpc', 'module.vpc.aws_vpc.this', 'vpc-flow-logs');
    assert.deepEqual(o, { status: 'unknown', dependsOn: ["aws_flow_log in module.flow_log, which may name it through this module's outputs"] });
    assert.deepEqual(findings(p, 'vpc-flow-logs'), []);
  });

  it('a flow log of the caller itself naming a module output: unknown, "the calling module"', () => {
    const p = project(`
module "vpc" {
  source = "../vpc"
}
resource "aws_flow_log" "vpc" {
  vpc_id               = module.vpc.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::logs"
}
`);
    const o = instanceOutcome(p.analyzeFile('/w/root/main.tf')!, 'vpc', 'module.vpc.aws_vpc.this', 'vpc-flow-logs');
    assert.equal(o.status, 'unknown');
    assert.deepEqual(o.dependsOn, ["aws_flow_log in the calling module, which may name it through this module's outputs"]);
    assert.deepEqual(findings(p, 'vpc-flow-logs'), []);
  });

  it('a flow log that names its own module’s VPC, or a literal id, cannot be this VPC’s: the gap stays; none anywhere: the gap stays', () => {
    const own = project(
      `
module "vpc" {
  source = "../vpc"
}
module "other" {
  source = "../other"
}
resource "aws_flow_log" "literal" {
  vpc_id               = "vpc-0123456789abcdef0"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::logs"
}
`,
      {
        '/w/other/main.tf': `
locals {
  vpc = aws_vpc.own.id
}
resource "aws_vpc" "own" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_flow_log" "own" {
  vpc_id               = local.vpc
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::logs"
}
`,
      },
    );
    assert.equal(instanceOutcome(own.analyzeFile('/w/root/main.tf')!, 'vpc', 'module.vpc.aws_vpc.this', 'vpc-flow-logs').status, 'gap');
    assert.deepEqual(findings(own, 'vpc-flow-logs'), ['/w/vpc/main.tf aws_vpc.this']);
    const none = project(`
module "vpc" {
  source = "../vpc"
}
`);
    assert.equal(instanceOutcome(none.analyzeFile('/w/root/main.tf')!, 'vpc', 'module.vpc.aws_vpc.this', 'vpc-flow-logs').status, 'gap');
  });

  it('a bucket’s public access block and versioning made by the caller for a module output: unknown, not gaps', () => {
    const p = project(`
module "bucket" {
  source = "../bucket"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = module.bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = module.bucket.id
  versioning_configuration {
    status = "Enabled"
  }
}
`);
    const a = p.analyzeFile('/w/root/main.tf')!;
    for (const rule of ['s3-public-access-block', 's3-versioning']) {
      const o = instanceOutcome(a, 'bucket', 'module.bucket.aws_s3_bucket.this', rule);
      assert.equal(o.status, 'unknown', rule);
      assert.match(o.dependsOn?.[0] ?? '', /^aws_s3_bucket_(public_access_block|versioning) in the calling module, which may name it/);
      assert.deepEqual(findings(p, rule), [], rule);
    }
    // The rules the caller's resources do not concern still report: no logging configuration anywhere.
    assert.equal(instanceOutcome(a, 'bucket', 'module.bucket.aws_s3_bucket.this', 's3-access-logging').status, 'gap');
  });

  it('account-wide settings of the caller (EBS encryption by default, ECR registry scanning) reach a module’s volumes and repositories; turned off, they do not', () => {
    const module = {
      '/w/storage/main.tf': `
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
}
resource "aws_ecr_repository" "images" {
  name = "images"
}
`,
    };
    const root = (settings: string): string => `
module "storage" {
  source = "../storage"
}
${settings}`;
    const on = project(
      root(`
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"
}
`),
      module,
    );
    const a = on.analyzeFile('/w/root/main.tf')!;
    const volume = instanceOutcome(a, 'storage', 'module.storage.aws_ebs_volume.data', 'ebs-volume-encryption');
    assert.deepEqual(volume, { status: 'unknown', dependsOn: ['aws_ebs_encryption_by_default in the calling module, which may turn on EBS encryption by default for the account'] });
    const repo = instanceOutcome(a, 'storage', 'module.storage.aws_ecr_repository.images', 'ecr-image-scan-on-push');
    assert.equal(repo.status, 'unknown');
    assert.match(repo.dependsOn?.[0] ?? '', /^aws_ecr_registry_scanning_configuration in the calling module/);
    const off = project(
      root(`
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
`),
      module,
    );
    assert.equal(instanceOutcome(off.analyzeFile('/w/root/main.tf')!, 'storage', 'module.storage.aws_ebs_volume.data', 'ebs-volume-encryption').status, 'gap');
    assert.equal(instanceOutcome(off.analyzeFile('/w/root/main.tf')!, 'storage', 'module.storage.aws_ecr_repository.images', 'ecr-image-scan-on-push').status, 'gap');
  });

  it('an edit of the caller that adds or removes the configurer changes the module’s view (incremental equals fresh)', () => {
    const without = `
module "vpc" {
  source = "../vpc"
}
`;
    const withFlowLog = `${without}
module "flow_log" {
  source = "../flow-log"
  vpc_id = module.vpc.vpc_id
}
`;
    const p = project(without);
    assert.deepEqual(findings(p, 'vpc-flow-logs'), ['/w/vpc/main.tf aws_vpc.this']);
    p.files.setOverlay('/w/root/main.tf', withFlowLog);
    assert.deepEqual(findings(p, 'vpc-flow-logs'), []);
    p.files.setOverlay('/w/root/main.tf', without);
    assert.deepEqual(findings(p, 'vpc-flow-logs'), ['/w/vpc/main.tf aws_vpc.this']);
  });
});
