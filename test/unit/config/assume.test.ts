// `assume:` in .aws-responsibility.yaml: the account settings a workspace declares, and the errors for anything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/core/config/config-file';

describe('assume:', () => {
  it('reads ebsEncryptionByDefault', () => {
    assert.deepEqual(parseConfig('assume:\n  ebsEncryptionByDefault: true\n'), { config: { rules: {}, ignorePaths: [], kinds: {}, assume: { ebsEncryptionByDefault: true } }, errors: [] });
    assert.deepEqual(parseConfig('assume: {ebsEncryptionByDefault: false}\n').config.assume, { ebsEncryptionByDefault: false });
    assert.equal(parseConfig('rules: {}\n').config.assume, undefined, 'absent unless the file has the key');
  });

  it('reports unknown settings and values that are not booleans, and keeps the valid ones', () => {
    const { config, errors } = parseConfig('assume:\n  ebsEncryptionByDefault: true\n  s3BlockPublicAccess: true\n');
    assert.deepEqual(config.assume, { ebsEncryptionByDefault: true });
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /Unknown key `assume\.s3BlockPublicAccess`: expected `ebsEncryptionByDefault`/);
    assert.equal(errors[0].line, 3);
    const v = parseConfig('assume:\n  ebsEncryptionByDefault: "yes"\n');
    assert.deepEqual(v.config.assume, {});
    assert.match(v.errors[0].message, /`assume\.ebsEncryptionByDefault` must be true or false, not `yes`/);
    assert.match(parseConfig('assume: true\n').errors[0].message, /`assume` must be a mapping/);
  });
});
