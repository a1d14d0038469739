import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../../server/src/cli/main';
import type { JsonReport } from '../../../server/src/core/present/report';
import { EXAMPLES } from '../helpers';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('aws-responsibility CLI', () => {
  it('scans a folder recursively, skips non-templates, exits 1 with findings', async () => {
    const r = (await cli('scan', '--format', 'json', EXAMPLES));
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as JsonReport;
    assert.equal(report.version, 1);
    const names = report.files.map((f) => path.relative(EXAMPLES, f.path)).sort();
    assert.deepEqual(
      names,
      [
        'cloudformation/data-store.json',
        'cloudformation/web-app.yaml',
        'terraform-module/main.tf',
        'terraform-module/modules/bucket/main.tf',
        'terraform-module/modules/bucket/variables.tf',
        'terraform-module/storage.tf',
        'terraform-module/variables.tf',
        'terraform/main.tf',
      ],
      'docker-compose.yml is not a template',
    );
    const web = report.files.find((f) => f.path.endsWith('web-app.yaml'))!;
    assert.equal(web.language, 'cloudformation');
    const vol = web.resources.find((x) => x.name === 'DataVolume')!;
    assert.deepEqual(vol.service, { id: 'ec2ebs', name: vol.service!.name });
    assert.equal(vol.kind, 'infrastructure');
    assert.ok(vol.kindSource?.startsWith('https://'));
    assert.deepEqual(Object.keys(vol.range), ['start', 'end']);
    const sse = vol.duties.find((d) => d.duty === 'server-side-encryption')!;
    assert.deepEqual([sse.owner, sse.status], ['customer', 'gap']);
    const f = web.findings.find((x) => x.resource === 'DataVolume')!;
    assert.deepEqual([f.ruleId, f.duty, f.owner, f.severity], ['ebs-volume-encryption', 'server-side-encryption', 'customer', 'warning']);
    const tf = report.files.find((x) => x.path.endsWith(path.join('terraform', 'main.tf')))!;
    assert.ok(tf.resources.some((x) => x.name === 'aws_s3_bucket.assets'));
  });

  it('prints a readable text report naming each resource with its service, kind and source', async () => {
    const r = (await cli('scan', path.join(EXAMPLES, 'cloudformation', 'web-app.yaml')));
    assert.equal(r.code, 1);
    assert.match(r.out, /DataVolume {2}AWS::EC2::Volume {2}— {2}Amazon Elastic Block Store.*infrastructure service.*https:\/\//);
    assert.match(r.out, /warning +ebs-volume-encryption +\[server-side-encryption · customer\]/);
    assert.match(r.out, /\d+ files?, \d+ resources, \d+ findings\./);
  });

  it('exits 0 when there is no finding, and 2 on usage or read errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    try {
      const clean = path.join(dir, 'clean.yaml');
      fs.writeFileSync(clean, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
      assert.equal((await cli('scan', clean)).code, 0);
      assert.equal((await cli('scan', path.join(dir, 'missing.yaml'))).code, 2);
      assert.equal((await cli('scan', '--format', 'xml', clean)).code, 2);
      assert.equal((await cli('frobnicate')).code, 2);
      assert.equal((await cli()).code, 2);
      assert.equal((await cli('--help')).code, 0);
      const big = path.join(dir, 'big.yaml');
      fs.writeFileSync(big, 'x'.repeat(2 * 1048576));
      const r = (await cli('scan', '--max-size-mb', '1', big));
      assert.equal(r.code, 2);
      assert.match(r.err, /over the 1 MB limit/);
      const bin = path.join(dir, 'bin.json');
      fs.writeFileSync(bin, Buffer.from([0x7b, 0, 1, 2, 3]));
      const b = (await cli('scan', bin));
      assert.equal(b.code, 2);
      assert.match(b.err, /binary/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies .aws-responsibility.yaml and inline suppressions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-cfg-'));
    try {
      const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  # aws-responsibility-ignore ebs-volume-encryption: scratch data, recreated daily\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n  W:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n';
      fs.writeFileSync(path.join(dir, 't.yaml'), t);
      const before = JSON.parse((await cli('scan', '--format', 'json', dir)).out) as JsonReport;
      assert.deepEqual(before.files[0].findings.filter((f) => f.ruleId === 'ebs-volume-encryption').map((f) => f.resource), ['W']);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'rules:\n  ebs-volume-encryption: error\n');
      const after = JSON.parse((await cli('scan', '--format', 'json', dir)).out) as JsonReport;
      assert.deepEqual(after.files[0].findings.filter((f) => f.ruleId === 'ebs-volume-encryption').map((f) => f.severity), ['error']);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'ignorePaths:\n  - t.yaml\n');
      assert.equal((JSON.parse((await cli('scan', '--format', 'json', dir)).out) as JsonReport).files.length, 0);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'rules: [oops\n');
      const bad = (await cli('scan', dir));
      assert.equal(bad.code, 2);
      assert.match(bad.err, /\.aws-responsibility\.yaml:\d+:\d+: error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a Terraform folder as one module: tfvars, other files, local module calls', async () => {
    const r = (await cli('scan', '--format', 'json', path.join(EXAMPLES, 'terraform-module')));
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as JsonReport;
    const main = report.files.find((f) => f.path.endsWith(path.join('terraform-module', 'main.tf')))!;
    // terraform.tfvars sets encrypt_volumes = false; storage.tf protects the site bucket (but gives it no access
    // logging, nor a bucket policy that denies plain HTTP); module.logs gets keep_versions = false.
    assert.deepEqual(main.findings.map((f) => `${f.ruleId} ${f.resource} ${f.range.start.line + 1}`).sort(), [
      'ebs-volume-encryption aws_ebs_volume.data 17',
      's3-access-logging aws_s3_bucket.site 9',
      's3-versioning module.logs.aws_s3_bucket.this 24',
      'secure-transport-policy aws_s3_bucket.site 9',
    ]);
    assert.ok(main.resources.some((x) => x.name === 'module.archive.aws_s3_bucket_versioning.this'));
    const site = main.resources.find((x) => x.name === 'aws_s3_bucket.site')!;
    assert.equal(site.duties.find((d) => d.duty === 'customer-data')!.status, 'met');
  });

  it('--var and --var-file override terraform.tfvars for root modules, in the order given', async () => {
    const dir = path.join(EXAMPLES, 'terraform-module');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-vars-'));
    try {
      const varFile = path.join(tmp, 'prod.tfvars');
      fs.writeFileSync(varFile, 'encrypt_volumes = true\n');
      const volume = async (...opts: string[]): Promise<string[]> => {
        const out = JSON.parse((await cli('scan', '--format', 'json', ...opts, dir)).out) as JsonReport;
        return out.files.flatMap((f) => f.findings).filter((f) => f.resource === 'aws_ebs_volume.data').map((f) => f.ruleId);
      };
      assert.deepEqual(await volume(), ['ebs-volume-encryption']);
      assert.deepEqual(await volume('--var-file', varFile), []);
      assert.deepEqual(await volume('--var-file', varFile, '--var', 'encrypt_volumes=false'), ['ebs-volume-encryption']);
      assert.deepEqual(await volume('--var', 'encrypt_volumes=false', '--var-file', varFile), [], 'the later option wins');
      assert.equal((await cli('scan', '--var', 'nonsense', dir)).code, 2);
      assert.equal((await cli('scan', '--var-file', path.join(tmp, 'missing.tfvars'), dir)).code, 2);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reads the real terraform-aws-s3-bucket examples with the module they call by ../../', async () => {
    const corpus = path.join(EXAMPLES, '..', '..', 'shared', 'data', 'corpus', 'terraform', 'terraform-aws-s3-bucket');
    // The module at ../../ is read because it lies inside the scanned path (the CLI reads only inside its paths, the
    // current folder and the Git repositories they are in).
    const r = (await cli('scan', '--format', 'json', corpus));
    const report = JSON.parse(r.out) as JsonReport;
    const complete = report.files.find((f) => f.path.endsWith(path.join('examples', 'complete', 'main.tf')))!;
    const names = complete.resources.map((x) => x.name);
    assert.ok(names.includes('module.s3_bucket.aws_s3_bucket.this[0]'), names.filter((n) => n.startsWith('module.')).slice(0, 30).join('\n'));
    // `create_bucket = false`: the module creates nothing.
    assert.equal(complete.resources.find((x) => x.name === 'module.disabled.aws_s3_bucket.this')?.created, false);
    assert.ok(!complete.findings.some((f) => f.resource.startsWith('module.disabled.')));
  });

  it('scanning one folder of a Git repository reads the local modules it calls there, and reports their own gaps in their files', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-repo-'));
    try {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, 'envs', 'prod'), { recursive: true });
      fs.mkdirSync(path.join(repo, 'modules', 'disk'), { recursive: true });
      fs.writeFileSync(path.join(repo, 'envs', 'prod', 'main.tf'), 'module "disk" {\n  source = "../../modules/disk"\n  encrypted = false\n}\n');
      fs.writeFileSync(
        path.join(repo, 'modules', 'disk', 'main.tf'),
        'variable "encrypted" {\n  default = true\n}\nresource "aws_ebs_volume" "data" {\n  availability_zone = "a"\n  encrypted = var.encrypted\n}\nresource "aws_ebs_volume" "scratch" {\n  availability_zone = "a"\n  encrypted = false\n}\n',
      );
      const found = async (): Promise<string[]> => {
        const report = JSON.parse((await cli('scan', '--format', 'json', path.join(repo, 'envs', 'prod'))).out) as JsonReport;
        return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'ebs-volume-encryption').map((x) => `${path.relative(repo, f.path)}: ${x.resource}`)).sort();
      };
      // The caller's argument at the call; the module's own unencrypted volume in the module's file.
      assert.deepEqual(await found(), ['envs/prod/main.tf: module.disk.aws_ebs_volume.data', 'modules/disk/main.tf: aws_ebs_volume.scratch']);
      // Outside a Git repository, reads stay inside the scanned folder (and the current one): the module is not read.
      fs.rmSync(path.join(repo, '.git'), { recursive: true });
      assert.deepEqual(await found(), []);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
