import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/core/analyze';
import { analyzeText } from '../../../server/src/core/document';
import { applyKindOverrides, applyRuleSettings, findConfig, isIgnoredPath, loadConfig, mergeRuleSettings, parseConfig } from '../../../server/src/core/config';

describe('parseConfig', () => {
  it('reads rules, ignorePaths and kinds', () => {
    const { config, errors } = parseConfig('rules:\n  ebs-volume-encryption: error\n  s3-public-access-block: off\nignorePaths:\n  - "examples/**"\n  - legacy\nkinds:\n  ec2: managed\n  AWS::RDS::DBInstance: infrastructure\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, { 'ebs-volume-encryption': 'error', 's3-public-access-block': 'off' });
    assert.deepEqual(config.ignorePaths, ['examples/**', 'legacy']);
    assert.deepEqual(config.kinds, { ec2: 'managed', 'AWS::RDS::DBInstance': 'infrastructure' });
  });

  it('an empty file is an empty config', () => {
    assert.deepEqual(parseConfig(''), { config: { rules: {}, ignorePaths: [], kinds: {} }, errors: [] });
    assert.deepEqual(parseConfig('# only a comment\n').errors, []);
  });

  it('explains every mistake with its line and column, keeping the valid parts', () => {
    const text = 'rules:\n  ebs-volume-encryption: loud\n  ebs-volume-encryptoin: error\n  rds-storage-encryption: hint\nignorePaths: "*.yaml"\nkinds:\n  s3: serverless\n  not-a-service: managed\nextra: 1\n';
    const { config, errors } = parseConfig(text);
    const msg = (line: number) => errors.filter((e) => e.line === line).map((e) => `${e.level}:${e.message}`);
    assert.match(msg(2)[0], /^error:`rules.ebs-volume-encryption` must be one of off, error, warning, information, hint, not `loud`/);
    assert.match(msg(3)[0], /^warning:Unknown rule `ebs-volume-encryptoin` — did you mean `ebs-volume-encryption`\?/);
    assert.match(msg(5)[0], /^error:`ignorePaths` must be a list/);
    assert.match(msg(7)[0], /^error:`kinds.s3` must be one of infrastructure, container, managed, not `serverless`/);
    assert.match(msg(8)[0], /^warning:`not-a-service` is neither a service id/);
    assert.match(msg(9)[0], /^error:Unknown key `extra`/);
    assert.equal(errors[0].column, 26);
    assert.deepEqual(config.rules, { 'ebs-volume-encryptoin': 'error', 'rds-storage-encryption': 'hint' });
    assert.deepEqual(config.kinds, { 'not-a-service': 'managed' });
  });

  it('reports broken YAML and a non-mapping file', () => {
    const broken = parseConfig('rules: [\n');
    assert.ok(broken.errors.length > 0 && broken.errors.every((e) => e.level === 'error' && e.message.startsWith('YAML:')));
    assert.match(parseConfig('- a\n').errors[0].message, /must be a mapping/);
    assert.match(parseConfig('rules:\n  a: error\n  a: hint\n').errors[0].message, /YAML/);
  });

  it('never throws on hostile input', () => {
    for (const t of ['\u0000\u0001', '&a [*a]', '!!binary xx', 'rules: !!map {? [a]: b}', 'a: '.repeat(1000)]) assert.doesNotThrow(() => parseConfig(t));
  });
});

describe('findConfig / loadConfig', () => {
  const files = new Map<string, string>([
    ['/ws/.aws-responsibility.yaml', 'rules:\n  ebs-volume-encryption: off\n'],
    ['/other/.aws-responsibility.yml', 'ignorePaths: [x]\n'],
  ]);
  const fs = { readFile: (p: string) => files.get(p) };
  it('walks up from the file folder to the workspace root', () => {
    assert.equal(findConfig('/ws/a/b/c', fs)?.path, '/ws/.aws-responsibility.yaml');
    assert.equal(findConfig('/ws/', fs)?.path, '/ws/.aws-responsibility.yaml');
    assert.equal(findConfig('/ws/a/b', fs, '/ws/a'), undefined);
    assert.equal(findConfig('/other/x', fs)?.path, '/other/.aws-responsibility.yml');
    assert.equal(findConfig('/nowhere/deep', fs), undefined);
    assert.equal(findConfig('C:\\ws\\a', { readFile: (p) => (p === 'C:\\ws\\.aws-responsibility.yaml' ? 'rules: {}' : undefined) })?.path, 'C:\\ws\\.aws-responsibility.yaml');
    assert.equal(findConfig('/ws/a', { readFile: () => { throw new Error('EACCES'); } }), undefined);
    const loaded = loadConfig('/ws/a', fs, '/ws');
    assert.equal(loaded.path, '/ws/.aws-responsibility.yaml');
    assert.deepEqual(loaded.config.rules, { 'ebs-volume-encryption': 'off' });
  });
});

describe('isIgnoredPath', () => {
  it('matches globs like .gitignore', () => {
    assert.ok(isIgnoredPath('examples/a/b.yaml', ['examples/**']));
    assert.ok(isIgnoredPath('examples/a/b.yaml', ['examples']));
    assert.ok(isIgnoredPath('src/legacy/x.tf', ['legacy']));
    assert.ok(isIgnoredPath('deep/x.test.yaml', ['*.test.yaml']));
    assert.ok(isIgnoredPath('a\\b\\c.tf', ['a/**/*.tf']));
    assert.ok(isIgnoredPath('a/c.tf', ['a/**/*.tf']));
    assert.ok(isIgnoredPath('t/x.json', ['t/*.{json,yml}']));
    assert.ok(!isIgnoredPath('t/x.yaml', ['t/*.{json,yml}']));
    assert.ok(!isIgnoredPath('src/examples.yaml', ['examples/**']));
    assert.ok(!isIgnoredPath('other/a/b.tf', ['a/*.tf']));
    assert.ok(!isIgnoredPath('x.tf', ['', '[']));
  });
});

describe('severity settings', () => {
  const f = (ruleId: string): Finding => ({ ruleId, duty: undefined, owner: undefined, severity: 'warning', message: 'm', span: { start: 0, end: 1 }, resource: 'R' });
  it('off removes, a severity replaces, later layers win', () => {
    const merged = mergeRuleSettings({ a: 'off', b: 'error' }, { a: 'hint' }, undefined);
    assert.deepEqual(merged, { a: 'hint', b: 'error' });
    const out = applyRuleSettings([f('a'), f('b'), f('c'), f('toString')], { a: 'off', b: 'error' });
    assert.deepEqual(out.map((x) => `${x.ruleId}:${x.severity}`), ['b:error', 'c:warning', 'toString:warning']);
  });
  it('no setting: the same findings, in an array of their own', () => {
    const findings = [f('a'), f('toString')];
    const out = applyRuleSettings(findings, {});
    assert.notEqual(out, findings);
    assert.equal(out.length, 2);
    assert.ok(out.every((x, i) => x === findings[i]));
  });
});

describe('applyKindOverrides', () => {
  it('re-derives duty owners from the overridden kind, by type or service id', () => {
    const a = analyzeText('t.yaml', "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n");
    const before = a.resources[0];
    assert.equal(before.kind, 'container');
    const os = (k: typeof a) => k.resources[0].duties.find((d) => d.duty === 'operating-system-configuration')?.owner;
    assert.equal(os(a), 'aws');
    const byType = applyKindOverrides(a, { 'AWS::RDS::DBInstance': 'infrastructure' });
    assert.equal(byType.resources[0].kind, 'infrastructure');
    assert.equal(os(byType), 'customer');
    const enc = (k: typeof a) => k.resources[0].duties.find((d) => d.duty === 'server-side-encryption')!;
    assert.equal(enc(byType).status, enc(a).status);
    assert.equal(enc(byType).results.length, enc(a).results.length);
    const byService = applyKindOverrides(a, { [before.service!.id]: 'infrastructure' });
    assert.equal(byService.resources[0].kind, 'infrastructure');
    assert.equal(applyKindOverrides(a, {}), a);
    assert.equal(applyKindOverrides(a, { s3: 'managed' }), a);
  });
});
