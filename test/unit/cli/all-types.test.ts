/**
 * Issue "Every AWS resource type, classified" — done when `scan --format json` on a template holding every
 * CloudFormation type and a .tf holding every Terraform resource type reports each with a service and a kind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { knownTypes } from '../../../server/src/core/catalog/catalog';
import { run } from '../../../server/src/cli/main';
import type { JsonReport } from '../../../server/src/core/present/report';

async function scan(file: string): Promise<JsonReport> {
  let out = '';
  let err = '';
  const code = await run(['scan', '--format', 'json', '--no-config', file], { out: (s) => (out += s), err: (s) => (err += s) });
  assert.ok(code === 0 || code === 1, `exit ${code}: ${err}`);
  return JSON.parse(out) as JsonReport;
}

it('classifies every CloudFormation type and every Terraform resource type through the CLI', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'all-types-'));
  try {
    const cfnTypes = knownTypes('cloudformation');
    const tfTypes = knownTypes('terraform', 'resource');
    assert.ok(cfnTypes.length >= 1828, `${cfnTypes.length} CloudFormation types`);
    assert.ok(tfTypes.length >= 1725, `${tfTypes.length} Terraform resource types`);
    const yaml = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', ...cfnTypes.flatMap((t, i) => [`  R${i}:`, `    Type: ${t}`])].join('\n') + '\n';
    const tf = tfTypes.map((t, i) => `resource "${t}" "r${i}" {\n}\n`).join('\n');
    fs.writeFileSync(path.join(dir, 'all.yaml'), yaml);
    fs.writeFileSync(path.join(dir, 'all.tf'), tf);
    for (const [file, types] of [['all.yaml', cfnTypes], ['all.tf', tfTypes]] as const) {
      const report = await scan(path.join(dir, file));
      const resources = report.files[0].resources;
      assert.equal(resources.length, types.length, file);
      // The one exception, by design: AWS::CloudFormation::CustomResource is backed by the user's own code (a custom resource).
      const custom = resources.filter((r) => r.type === 'AWS::CloudFormation::CustomResource');
      assert.ok(custom.every((r) => r.kind === 'unknown' && r.service === null));
      const unclassified = resources.filter((r) => !custom.includes(r) && (!r.service || r.kind === 'unknown' || !r.kindSource?.startsWith('https://')));
      assert.deepEqual(unclassified.map((r) => r.type), [], `${file}: every type has a service, a kind and a kind source`);
      for (const r of resources) if (!custom.includes(r)) assert.equal(r.duties.length, 11, `${r.type}: all eleven duties`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
