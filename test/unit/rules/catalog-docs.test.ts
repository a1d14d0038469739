import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { knownTypes } from '../../../server/src/core/catalog/catalog';
import { DUTIES } from '../../../server/src/core/model/duties';
import { RULES, rulesFor } from '../../../server/src/core/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = path.join(ROOT, 'docs', 'rules');

describe('rule metadata', () => {
  it('has unique kebab-case ids, keeping the six original ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const id of ['ebs-volume-encryption', 'ec2-block-device-encryption', 'rds-storage-encryption', 'security-group-open-ingress', 'rds-publicly-accessible', 's3-public-access-block']) assert.ok(ids.includes(id), id);
  });

  it('cites a docs.aws.amazon.com page and a known duty', () => {
    for (const r of RULES) {
      assert.match(r.docUrl, /^https:\/\/docs\.aws\.amazon\.com\/\S+$/, r.id);
      assert.ok((DUTIES as readonly string[]).includes(r.duty), r.id);
    }
  });

  it('lists only resource types the catalog knows, for both languages', () => {
    const cfn = new Set(knownTypes('cloudformation'));
    const tf = new Set([...knownTypes('terraform'), ...knownTypes('terraform', 'data')]);
    for (const r of RULES) {
      assert.ok(r.cloudformationTypes.length + r.terraformTypes.length > 0, r.id);
      for (const t of r.cloudformationTypes) assert.ok(cfn.has(t), `${r.id}: ${t} not in the catalog`);
      for (const t of r.terraformTypes) assert.ok(tf.has(t), `${r.id}: ${t} not in the catalog`);
      for (const t of [...r.cloudformationTypes, ...r.terraformTypes]) assert.ok(rulesFor(t).some((x) => x.id === r.id), `${r.id} registered for ${t}`);
    }
  });

  it('covers CloudFormation and Terraform alike', () => {
    for (const r of RULES) {
      // CloudFormation has no EBS or RDS snapshot resource: snapshots are Terraform's (or the service's own backups).
      if (r.id !== 'snapshot-encryption') assert.ok(r.cloudformationTypes.length > 0, `${r.id}: no CloudFormation type`);
      assert.ok(r.terraformTypes.length > 0, `${r.id}: no Terraform type`);
    }
  });

  it('declares the property paths it reads', () => {
    for (const r of RULES) {
      const paths = [...(r.properties?.cloudformation ?? []), ...(r.properties?.terraform ?? [])];
      // These read no property of their resource: only separate resources meet them (flow logs, logging configurations).
      assert.ok(paths.length > 0 || ['vpc-flow-logs', 'waf-logging', 'network-firewall-logging'].includes(r.id), `${r.id}: no properties`);
      for (const p of paths) assert.ok(p.length > 0 && p.every((k) => typeof k === 'string' && k.length > 0), `${r.id}: bad path`);
    }
  });

  it('has a documentation page for every rule, listed in the index', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const r of RULES) {
      const file = path.join(DOCS, `${r.id}.md`);
      assert.ok(fs.existsSync(file), `docs/rules/${r.id}.md missing`);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.includes(r.docUrl), `${r.id}: doc page cites ${r.docUrl}`);
      assert.ok(text.includes(`aws-responsibility-ignore ${r.id}`), `${r.id}: doc page explains suppression`);
      assert.ok(index.includes(`(${r.id}.md)`), `${r.id}: listed in docs/rules/README.md`);
    }
  });
});
