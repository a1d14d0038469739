/** The CLI in a pipeline: SARIF (validated by the SARIF Multitool), fingerprints, baselines, --fail-on, shards and merge, Markdown, audits. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprints } from '../../../server/src/core/present/fingerprint';
import { prSummary } from '../../../server/src/core/present/pr-summary';
import type { JsonReport } from '../../../server/src/core/present/report';
import { sarifRules, type SarifLog } from '../../../server/src/core/present/sarif';
import { RULES } from '../../../server/src/core/rules';
import { EXAMPLES } from '../helpers';
import { liveMarkdown } from '../present/inert';
import { cli, validateSarif as validate } from './cli-harness';


let tmp: string;
let repo: string;
before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-ci-')));
  repo = path.join(tmp, 'repo');
  fs.cpSync(EXAMPLES, repo, { recursive: true });
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('SARIF', () => {
  it('the examples as SARIF 2.1.0: zero errors from the SARIF Multitool with GitHub rules', async () => {
    const r = await cli(repo, 'scan', '--format', 'sarif', '--output', path.join(tmp, 'examples.sarif'), '.');
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, '', 'the report goes to --output');
    const v = validate(path.join(tmp, 'examples.sarif'));
    assert.deepEqual(v.errors, [], v.output);
    const log = JSON.parse(fs.readFileSync(path.join(tmp, 'examples.sarif'), 'utf8')) as SarifLog;
    const run0 = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run0.tool.driver.rules.length, RULES.length + 6);
    const res = run0.results.find((x) => x.ruleId === 'ebs-volume-encryption' && x.locations[0].physicalLocation.artifactLocation.uri === 'cloudformation/web-app.yaml');
    assert.ok(res);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'ebs-volume-encryption');
    assert.equal(res.locations[0].logicalLocations?.[0].name, 'DataVolume');
    assert.match(res.partialFingerprints['awsResponsibility/v2'], /^[0-9a-f]{16}$/);
    assert.equal(run0.originalUriBaseIds?.['%SRCROOT%'].uri.endsWith('/'), true);
  });

  it('every rule is described with help, a help URI, tags with the duty and owner, and a security severity', () => {
    for (const r of sarifRules()) {
      assert.ok(r.help.markdown.length > 20 && r.help.text.length > 20, r.id);
      assert.ok(r.properties['security-severity'].match(/^\d+\.\d$/), r.id);
      const rule = RULES.find((x) => x.id === r.id);
      if (rule) {
        assert.equal(r.helpUri, rule.docUrl);
        assert.ok(r.properties.tags.includes(`duty/${rule.duty}`) && r.properties.tags.includes(`owner/${rule.owner}`), r.id);
      }
    }
  });

  it('fingerprints do not change when lines are added above a finding', async () => {
    const dir = path.join(tmp, 'fp');
    fs.mkdirSync(dir);
    const file = path.join(dir, 't.yaml');
    const body = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Encrypted: false\n';
    fs.writeFileSync(file, body);
    const a = JSON.parse((await cli(dir, 'scan', '--format', 'sarif', '.')).out) as SarifLog;
    fs.writeFileSync(file, `# a comment\n# and another\nDescription: moved down\n${body}`);
    const b = JSON.parse((await cli(dir, 'scan', '--format', 'sarif', '.')).out) as SarifLog;
    const fp = (l: SarifLog) => l.runs[0].results.map((x) => [x.ruleId, x.partialFingerprints['awsResponsibility/v2']]);
    assert.deepEqual(fp(b), fp(a));
    assert.notEqual(a.runs[0].results[0].locations[0].physicalLocation.region.startLine, b.runs[0].results[0].locations[0].physicalLocation.region.startLine);
  });

  it('fingerprints do not depend on the message text (a reworded message or owner keeps them)', () => {
    const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } };
    const f = { ruleId: 'ebs-volume-encryption', duty: 'server-side-encryption', owner: 'customer', severity: 'warning', message: 'Volume `V` is not encrypted — set `Encrypted: true` (server-side encryption · yours)', resource: 'V', range, property: 'Encrypted' };
    const reworded = { ...f, owner: 'shared', message: 'Server-side encryption is the customer\'s duty for Amazon EBS: volume `V` is not encrypted.' };
    assert.deepEqual(fingerprints('t.yaml', [reworded]), fingerprints('t.yaml', [f]));
    // Still told apart by rule, file, resource and property, and numbered when they are equal.
    assert.notDeepEqual(fingerprints('t.yaml', [{ ...f, property: 'KmsKeyId' }]), fingerprints('t.yaml', [f]));
    assert.notDeepEqual(fingerprints('u.yaml', [f]), fingerprints('t.yaml', [f]));
    const two = fingerprints('t.yaml', [f, reworded]);
    assert.equal(new Set(two).size, 2);
  });
});

describe('baselines and --fail-on', () => {
  it('a baseline of a scan leaves nothing (exit 0); one new unencrypted volume is exactly one finding (exit 1); JSON and SARIF baselines', async () => {
    const dir = path.join(tmp, 'base');
    fs.cpSync(path.join(EXAMPLES, 'cloudformation'), dir, { recursive: true });
    for (const format of ['json', 'sarif']) {
      const baseline = path.join(tmp, `baseline.${format}`);
      assert.equal((await cli(dir, 'scan', '--format', format, '--output', baseline, '.')).code, 1);
      const again = await cli(dir, 'scan', '--format', 'json', '--baseline', baseline, '.');
      assert.equal(again.code, 0, again.err);
      assert.equal((JSON.parse(again.out) as JsonReport).files.reduce((n, f) => n + f.findings.length, 0), 0);
    }
    const web = path.join(dir, 'web-app.yaml');
    const text = fs.readFileSync(web, 'utf8');
    // Lines added at the top (everything moves) and a new volume at the end.
    fs.writeFileSync(web, `# moved\n${text}  NewVolume:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 10\n`);
    for (const format of ['json', 'sarif']) {
      const r = await cli(dir, 'scan', '--format', 'json', '--baseline', path.join(tmp, `baseline.${format}`), '.');
      const found = (JSON.parse(r.out) as JsonReport).files.flatMap((f) => f.findings);
      assert.deepEqual(found.map((f) => `${f.ruleId} ${f.resource}`), ['ebs-volume-encryption NewVolume'], format);
      assert.equal(r.code, 1);
    }
    fs.writeFileSync(web, text);
  });

  it('--fail-on decides the exit status by severity', async () => {
    const dir = path.join(tmp, 'failon');
    fs.mkdirSync(dir);
    // Only Information notes (a bucket without public access block and versioning in the file).
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
    const code = async (...o: string[]) => (await cli(dir, 'scan', ...o, '.')).code;
    assert.equal(await code(), 0, 'Information does not fail by default');
    assert.equal(await code('--fail-on', 'information'), 1);
    assert.equal(await code('--fail-on', 'hint'), 1);
    assert.equal(await code('--fail-on', 'warning'), 0);
    assert.equal(await code('--fail-on', 'error'), 0);
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Encrypted: false\n');
    assert.equal(await code(), 1, 'a Warning fails by default');
    assert.equal(await code('--fail-on', 'error'), 0);
    assert.equal(await code('--fail-on', 'none'), 0);
    assert.equal(await code('--fail-on', 'bogus'), 2);
  });
});

describe('shards, threads and merge', () => {
  it('the shards of a scan merged are the full scan; a module is never split; threads give the same report', async () => {
    const full = (await cli(repo, 'scan', '--format', 'json', '--threads', '1', '.')).out;
    const parts: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const p = path.join(tmp, `shard-${i}.json`);
      assert.notEqual((await cli(repo, 'scan', '--format', 'json', '--shard', `${i}/3`, '--output', p, '.')).code, 2);
      parts.push(p);
      const files = (JSON.parse(fs.readFileSync(p, 'utf8')) as JsonReport).files.map((f) => f.path);
      const moduleFiles = files.filter((f) => f.startsWith('terraform-module/') && !f.includes('/modules/'));
      assert.ok(moduleFiles.length === 0 || moduleFiles.length === 3, `the root module's 3 files stay together: ${moduleFiles.join(', ')}`);
    }
    const merged = await cli(repo, 'merge', ...parts);
    assert.equal(merged.code, 0, merged.err);
    assert.deepEqual(JSON.parse(merged.out), JSON.parse(full));
    const threaded = (await cli(repo, 'scan', '--format', 'json', '--threads', '3', '.')).out;
    assert.equal(threaded, full, 'byte for byte');
  });

  it('SARIF shards merge into one valid run', async () => {
    const parts: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const p = path.join(tmp, `shard-${i}.sarif`);
      await cli(repo, 'scan', '--format', 'sarif', '--shard', `${i}/2`, '--output', p, '.');
      parts.push(p);
    }
    const out = path.join(tmp, 'merged.sarif');
    assert.equal((await cli(repo, 'merge', '--output', out, ...parts)).code, 0);
    const full = JSON.parse((await cli(repo, 'scan', '--format', 'sarif', '.')).out) as SarifLog;
    const merged = JSON.parse(fs.readFileSync(out, 'utf8')) as SarifLog;
    const key = (l: SarifLog) => l.runs[0].results.map((r) => r.partialFingerprints['awsResponsibility/v2']).sort();
    assert.deepEqual(key(merged), key(full));
    assert.deepEqual(validate(out).errors, []);
    assert.equal((await cli(repo, 'merge', out, path.join(tmp, 'shard-1.json'))).code, 2, 'formats do not mix');
  });
});

describe('frameworks and the matrix', () => {
  it('--frameworks keeps the rules tied to Security Hub FSBP controls or CIS items; SARIF tags carry them', async () => {
    const all = JSON.parse((await cli(repo, 'scan', '--format', 'json', 'cloudformation')).out) as JsonReport;
    const cis = JSON.parse((await cli(repo, 'scan', '--format', 'json', '--frameworks', 'cis', 'cloudformation')).out) as JsonReport;
    const ids = (r: JsonReport) => new Set(r.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    assert.ok(ids(all).has('deletion-protection') && !ids(cis).has('deletion-protection'), 'deletion protection is in no CIS item');
    assert.ok(ids(cis).has('ebs-volume-encryption') && ids(cis).has('security-group-open-ingress'));
    assert.equal((await cli(repo, 'scan', '--frameworks', 'nist', '.')).code, 2);
    const ebs = sarifRules().find((r) => r.id === 'ebs-volume-encryption')!;
    assert.ok(ebs.properties.tags.includes('fsbp/EC2.3'), ebs.properties.tags.join(', '));
    assert.match(ebs.help.markdown, /AWS Security Hub \(FSBP\):\*\* EC2\.3/);
  });

  it('matrix: Markdown, CSV, JSON and OSCAL from the same scan; totals equal the JSON report', async () => {
    const report = JSON.parse((await cli(repo, 'scan', '--format', 'json', '.')).out) as JsonReport;
    const m = JSON.parse((await cli(repo, 'matrix', '--format', 'json', '.')).out) as { services: { id: string; resources: number }[] };
    const withService = report.files.flatMap((f) => f.resources).filter((r) => r.service);
    assert.equal(m.services.reduce((n, s) => n + s.resources, 0), withService.length);
    assert.match((await cli(repo, 'matrix', '.')).out, /^# Customer responsibility matrix/);
    assert.match((await cli(repo, 'matrix', '--format', 'csv', '.')).out, /^service id,service name,kind,duty id/);
    const oscal = JSON.parse((await cli(repo, 'matrix', '--format', 'oscal', '.')).out) as { 'component-definition': { metadata: { 'oscal-version': string }; components: unknown[] } };
    assert.equal(oscal['component-definition'].metadata['oscal-version'], '1.1.2');
    assert.equal(oscal['component-definition'].components.length, m.services.length);
  });
});

describe('Markdown and audits', () => {
  it('--format markdown: counts per duty and owner, findings by file with rule links (snapshot)', async () => {
    const r = await cli(repo, 'scan', '--format', 'markdown', 'cloudformation', 'terraform');
    const snapshot = path.join(__dirname, 'snapshots', 'pr-summary.md');
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      fs.mkdirSync(path.dirname(snapshot), { recursive: true });
      fs.writeFileSync(snapshot, r.out);
    }
    assert.equal(r.out, fs.readFileSync(snapshot, 'utf8'), 'the PR summary changed: check it and run with UPDATE_SNAPSHOTS=1');
    assert.match(r.out, /^### AWS Responsibility Lens: \d+ findings/);
    assert.match(r.out, /\| Server\\-side encryption \| you \|/);
  });

  it('the summary folds long lists and escapes what templates say', () => {
    const findings = Array.from({ length: 14 }, (_, i) => ({ ruleId: 'r', duty: 'customer-data', owner: 'customer', severity: 'warning', message: `bucket \`<img src=x onerror=alert(${i})>\` is open`, resource: 'B', range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } }));
    const md = prSummary([{ path: 'a.yaml', language: 'cloudformation', resources: [], findings }]);
    assert.match(md, /<details><summary>4 more<\/summary>/);
    const live = liveMarkdown(md);
    assert.ok(!live.tags.includes('img'), md);
    assert.ok(live.tags.includes('details'));
  });

  it('--ignore-suppressions lists suppressed findings, marked, with the reason (JSON and SARIF)', async () => {
    const dir = path.join(tmp, 'audit');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'Resources:\n  # aws-responsibility-ignore ebs-volume-encryption: scratch data only\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: a\n      Encrypted: false\n');
    const plain = JSON.parse((await cli(dir, 'scan', '--format', 'json', '.')).out) as JsonReport;
    assert.equal(plain.files[0].findings.filter((f) => f.ruleId === 'ebs-volume-encryption').length, 0);
    const audit = await cli(dir, 'scan', '--format', 'json', '--ignore-suppressions', '.');
    const f = (JSON.parse(audit.out) as JsonReport).files[0].findings.find((x) => x.ruleId === 'ebs-volume-encryption');
    assert.deepEqual(f?.suppressed, { kind: 'comment', reason: 'scratch data only' });
    assert.equal(audit.code, 0, 'a suppressed finding does not fail the build');
    const sarif = JSON.parse((await cli(dir, 'scan', '--format', 'sarif', '--ignore-suppressions', '.')).out) as SarifLog;
    const s = sarif.runs[0].results.find((x) => x.ruleId === 'ebs-volume-encryption');
    assert.deepEqual(s?.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'scratch data only' }]);
  });
});
