import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../../server/src/cli/main';
import type { JsonReport } from '../../../server/src/core/present/report';
import { EXAMPLES } from '../helpers';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('aws-responsibility CLI', () => {
  it('scans a folder recursively, skips non-templates, exits 1 with findings', () => {
    const r = cli('scan', '--format', 'json', EXAMPLES);
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as JsonReport;
    assert.equal(report.version, 1);
    const names = report.files.map((f) => path.relative(EXAMPLES, f.path)).sort();
    assert.deepEqual(names, ['cloudformation/data-store.json', 'cloudformation/web-app.yaml', 'terraform/main.tf'], 'docker-compose.yml is not a template');
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
    const tf = report.files.find((x) => x.language === 'terraform')!;
    assert.ok(tf.resources.some((x) => x.name === 'aws_s3_bucket.assets'));
  });

  it('prints a readable text report naming each resource with its service, kind and source', () => {
    const r = cli('scan', path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'));
    assert.equal(r.code, 1);
    assert.match(r.out, /DataVolume {2}AWS::EC2::Volume {2}— {2}Amazon Elastic Block Store.*infrastructure service.*https:\/\//);
    assert.match(r.out, /warning +ebs-volume-encryption +\[server-side-encryption · customer\]/);
    assert.match(r.out, /\d+ files?, \d+ resources, \d+ findings\./);
  });

  it('exits 0 when there is no finding, and 2 on usage or read errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    try {
      const clean = path.join(dir, 'clean.yaml');
      fs.writeFileSync(clean, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
      assert.equal(cli('scan', clean).code, 0);
      assert.equal(cli('scan', path.join(dir, 'missing.yaml')).code, 2);
      assert.equal(cli('scan', '--format', 'xml', clean).code, 2);
      assert.equal(cli('frobnicate').code, 2);
      assert.equal(cli().code, 2);
      assert.equal(cli('--help').code, 0);
      const big = path.join(dir, 'big.yaml');
      fs.writeFileSync(big, 'x'.repeat(2 * 1048576));
      const r = cli('scan', '--max-size-mb', '1', big);
      assert.equal(r.code, 2);
      assert.match(r.err, /over the 1 MB limit/);
      const bin = path.join(dir, 'bin.json');
      fs.writeFileSync(bin, Buffer.from([0x7b, 0, 1, 2, 3]));
      const b = cli('scan', bin);
      assert.equal(b.code, 2);
      assert.match(b.err, /binary/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies .aws-responsibility.yaml and inline suppressions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-cfg-'));
    try {
      const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  # aws-responsibility-ignore ebs-volume-encryption: scratch data, recreated daily\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n  W:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n';
      fs.writeFileSync(path.join(dir, 't.yaml'), t);
      const before = JSON.parse(cli('scan', '--format', 'json', dir).out) as JsonReport;
      assert.deepEqual(before.files[0].findings.filter((f) => f.ruleId === 'ebs-volume-encryption').map((f) => f.resource), ['W']);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'rules:\n  ebs-volume-encryption: error\n');
      const after = JSON.parse(cli('scan', '--format', 'json', dir).out) as JsonReport;
      assert.deepEqual(after.files[0].findings.filter((f) => f.ruleId === 'ebs-volume-encryption').map((f) => f.severity), ['error']);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'ignorePaths:\n  - t.yaml\n');
      assert.equal((JSON.parse(cli('scan', '--format', 'json', dir).out) as JsonReport).files.length, 0);
      fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'rules: [oops\n');
      const bad = cli('scan', dir);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /\.aws-responsibility\.yaml:\d+:\d+: error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
