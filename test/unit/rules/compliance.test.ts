import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../../../server/src/core/rules';
import { CIS_VERSIONS, COMPLIANCE_SOURCES, FRAMEWORKS, complianceOf, complianceRuleIds, complianceTags, rulesInFrameworks, unknownFrameworks } from '../../../server/src/core/rules/compliance';

const CONTROL = /^[A-Za-z0-9]+\.\d+$/;
const AWS_DOC = /^https:\/\/docs\.aws\.amazon\.com\/\S+$/;
const ids = RULES.map((r) => r.id);

describe('compliance references (data/compliance.json)', () => {
  it('has an entry for every registry rule, and none for unknown rules', () => {
    const data = new Set(complianceRuleIds());
    for (const id of ids) assert.ok(data.has(id), `no compliance entry for ${id}`);
    for (const id of data) assert.ok(ids.includes(id), `compliance entry for unknown rule ${id}`);
  });

  it('uses well-formed control ids, CIS versions and items', () => {
    for (const id of ids) {
      const c = complianceOf(id);
      for (const control of [...c.fsbp, ...c.securityHub]) assert.match(control, CONTROL, `${id}: ${control}`);
      assert.equal(new Set(c.securityHub).size, c.securityHub.length, `${id}: duplicate control`);
      for (const control of c.fsbp) assert.ok(c.securityHub.includes(control), `${id}: FSBP control ${control} missing from securityHub`);
      for (const item of c.cis) {
        assert.match(item.version, /^\d+\.\d+\.\d+$/, id);
        assert.match(item.item, /^\d+(\.\d+)*$/, id);
        assert.ok(item.control !== undefined && c.securityHub.includes(item.control), `${id}: CIS ${item.version}/${item.item} names no control of the rule`);
      }
    }
  });

  it('cites https docs.aws.amazon.com pages, at least one for every rule with controls', () => {
    for (const url of Object.values(COMPLIANCE_SOURCES)) assert.match(url, AWS_DOC);
    for (const id of ids) {
      const c = complianceOf(id);
      for (const url of c.source) assert.match(url, AWS_DOC, `${id}: ${url}`);
      if (c.securityHub.length > 0 || c.cis.length > 0) assert.ok(c.source.length > 0, `${id} has controls but no source`);
      // Each control is cited on its own Security Hub page.
      for (const control of c.securityHub) {
        const page = control.split('.')[0].toLowerCase();
        assert.ok(c.source.some((u) => u.includes(`/securityhub/latest/userguide/${page}-controls.html`)), `${id}: no page for ${control}`);
      }
      if (c.cis.length > 0) assert.ok(c.source.includes(COMPLIANCE_SOURCES.cis), `${id}: CIS items without the CIS page`);
    }
  });

  it('explains every rule without a control', () => {
    for (const id of ids) {
      const c = complianceOf(id);
      if (c.securityHub.length === 0) {
        assert.deepEqual(c.fsbp, [], id);
        assert.deepEqual(c.cis, [], id);
        assert.ok(c.note && c.note.length > 10, `${id} has no control and no note`);
      }
    }
  });

  it('keeps known mappings', () => {
    assert.deepEqual(complianceOf('ebs-volume-encryption').fsbp, ['EC2.3', 'EC2.7']);
    assert.ok(complianceOf('ec2-imdsv2-required').fsbp.includes('EC2.8'));
    assert.deepEqual(complianceOf('rds-storage-encryption').fsbp, ['RDS.3']);
    assert.ok(complianceOf('security-group-open-ingress').cis.some((c) => c.version === '3.0.0' && c.item === '5.2' && c.control === 'EC2.53'));
    assert.deepEqual(complianceOf('iam-user-access-key').securityHub, []);
  });

  it('returns empty references for an unknown id, and copies (not the shared data)', () => {
    assert.deepEqual(complianceOf('no-such-rule'), { fsbp: [], cis: [], source: [], securityHub: [] });
    assert.deepEqual(complianceTags('no-such-rule'), []);
    const a = complianceOf('ebs-volume-encryption');
    a.fsbp.push('X.1');
    a.cis.length = 0;
    assert.deepEqual(complianceOf('ebs-volume-encryption').fsbp, ['EC2.3', 'EC2.7']);
    assert.ok(complianceOf('ebs-volume-encryption').cis.length > 0);
  });
});

describe('rulesInFrameworks', () => {
  it('lists the frameworks', () => {
    assert.deepEqual([...FRAMEWORKS], ['fsbp', 'cis']);
    assert.ok(CIS_VERSIONS.includes('3.0.0'));
  });

  it('selects the rules tied to FSBP', () => {
    const fsbp = rulesInFrameworks(['fsbp']);
    for (const id of ids) assert.equal(fsbp.has(id), complianceOf(id).fsbp.length > 0, id);
    assert.ok(fsbp.has('ebs-volume-encryption'));
    assert.ok(!fsbp.has('s3-versioning'), 'S3.14 is not an FSBP control');
    assert.ok(!fsbp.has('iam-user-access-key'));
  });

  it('selects the rules tied to CIS, and to one CIS version', () => {
    const cis = rulesInFrameworks(['cis']);
    for (const id of ids) assert.equal(cis.has(id), complianceOf(id).cis.length > 0, id);
    assert.ok(cis.has('security-group-open-ingress'));
    assert.ok(!cis.has('dynamodb-point-in-time-recovery'));
    const v3 = rulesInFrameworks(['cis-3.0.0']);
    for (const id of v3) assert.ok(cis.has(id));
    assert.ok(v3.has('ebs-volume-encryption'));
    assert.ok(!v3.has('iam-policy-wildcard'), 'IAM.1 maps only to CIS v1.2.0 and v1.4.0');
    assert.deepEqual(rulesInFrameworks(['CIS@3.0']), v3);
  });

  it('unites frameworks and ignores unknown names', () => {
    const both = rulesInFrameworks(['cis', 'fsbp']);
    assert.deepEqual(both, new Set([...rulesInFrameworks(['fsbp']), ...rulesInFrameworks(['cis'])]));
    assert.deepEqual(rulesInFrameworks(['nist']), new Set());
    assert.deepEqual(rulesInFrameworks([]), new Set());
    assert.deepEqual(unknownFrameworks(['fsbp', 'cis', 'cis-1.4.0', 'nist', 'cis-9.9.9']), ['nist', 'cis-9.9.9']);
  });
});

describe('complianceTags', () => {
  it('tags FSBP controls, then CIS items by version', () => {
    const tags = complianceTags('ebs-volume-encryption');
    assert.deepEqual(tags, ['fsbp/EC2.3', 'fsbp/EC2.7', 'cis-1.4.0/2.2.1', 'cis-3.0.0/2.2.1', 'cis-5.0.0/5.1.1']);
  });

  it('has no duplicate tags and one tag per FSBP control for every rule', () => {
    for (const id of ids) {
      const tags = complianceTags(id);
      assert.equal(new Set(tags).size, tags.length, id);
      for (const t of tags) assert.match(t, /^(fsbp\/[A-Za-z0-9]+\.\d+|cis-\d+\.\d+\.\d+\/\d+(\.\d+)*)$/, `${id}: ${t}`);
      assert.equal(tags.filter((t) => t.startsWith('fsbp/')).length, complianceOf(id).fsbp.length, id);
    }
  });
});
