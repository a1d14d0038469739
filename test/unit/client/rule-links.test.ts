/** client/src/rule-links.ts: rule codes linked on the client from the server's table, with plain objects for VS Code's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuleLinks, type LinkableDiagnostic } from '../../../client/src/rule-links';

const TABLE = { 'ebs-volume-encryption': 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html', 'odd-rule': 'javascript:alert(1)' };

describe('RuleLinks', () => {
  it('links our rule codes to their documentation, once per rule, and leaves the rest as they are', () => {
    let made = 0;
    const links = new RuleLinks<{ url: string }>(() => TABLE, (url) => (made++, { url }));
    const ds: LinkableDiagnostic<{ url: string }>[] = [
      { source: 'aws-responsibility', code: 'ebs-volume-encryption' },
      { source: 'aws-responsibility', code: 'ebs-volume-encryption' },
      { source: 'aws-responsibility', code: 'syntax-error' },
      { source: 'aws-responsibility', code: 'odd-rule' },
      { source: 'yaml', code: 'ebs-volume-encryption' },
    ];
    links.link(ds);
    const target = { url: TABLE['ebs-volume-encryption'] };
    assert.deepEqual(ds[0].code, { value: 'ebs-volume-encryption', target });
    assert.deepEqual(ds[1].code, { value: 'ebs-volume-encryption', target });
    assert.equal(made, 1, 'one target per rule');
    assert.equal(ds[2].code, 'syntax-error', 'not a rule of the table');
    assert.equal(ds[3].code, 'odd-rule', 'only AWS documentation pages are linked');
    assert.equal(ds[4].code, 'ebs-volume-encryption', 'another source');
    // Already linked (a report handed back again): left alone.
    links.link(ds);
    assert.deepEqual(ds[0].code, { value: 'ebs-volume-encryption', target });
  });

  it('before the server has started (no table yet) links nothing, and links once the table is there', () => {
    let table: unknown;
    const links = new RuleLinks<string>(() => table, (url) => url);
    const d: LinkableDiagnostic<string> = { source: 'aws-responsibility', code: 'ebs-volume-encryption' };
    links.link([d]);
    assert.equal(d.code, 'ebs-volume-encryption');
    table = TABLE;
    links.link([d]);
    assert.deepEqual(d.code, { value: 'ebs-volume-encryption', target: TABLE['ebs-volume-encryption'] });
  });
});
