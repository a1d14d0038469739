// `owners:` in .aws-responsibility.yaml: which entry wins, narrowing by kind, service, type and path, the config's
// diagnostics for invalid entries (valid ones still apply), bounds, and the teams applied to analyses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/core/config/config-file';
import {
  applyOwners,
  MAX_OWNER_ENTRIES,
  MAX_OWNER_PATTERNS,
  MAX_TEAM_LENGTH,
  ownerEntryFor,
  ownersForFile,
  ownerSpecificity,
  teamFor,
  type OwnerEntry,
  type OwnerQuery,
} from '../../../server/src/core/config/owners';
import { analyzeText } from '../../../server/src/core/document';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';
import type { Analysis, ResourceAnalysis } from '../../../server/src/core/analyze';

const q = (over: Partial<OwnerQuery> = {}): OwnerQuery => ({
  duty: 'firewall-configuration',
  owner: 'customer',
  kind: 'infrastructure',
  service: 'ec2',
  type: 'AWS::EC2::SecurityGroup',
  path: 'services/payments/stack.yaml',
  ...over,
});

const team = (entries: readonly OwnerEntry[], over: Partial<OwnerQuery> = {}): string | undefined => teamFor(entries, q(over))?.team;

describe('owners: which entry wins', () => {
  const plain: OwnerEntry = { duty: 'firewall-configuration', team: 'Plain' };
  const byKind: OwnerEntry = { duty: 'firewall-configuration', team: 'Kind', kinds: ['infrastructure'] };
  const byService: OwnerEntry = { duty: 'firewall-configuration', team: 'Service', services: ['ec2'] };
  const byType: OwnerEntry = { duty: 'firewall-configuration', team: 'Type', types: ['AWS::EC2::SecurityGroup'] };
  const byPath: OwnerEntry = { duty: 'firewall-configuration', team: 'Path', paths: ['services/payments/**'] };

  it('paths > types > services > kinds > none, whatever the order in the file', () => {
    const all = [plain, byKind, byService, byType, byPath];
    for (const order of [all, [...all].reverse(), [byType, byPath, plain, byService, byKind]]) assert.equal(team(order), 'Path');
    assert.equal(team([byPath, byType, byService, byKind, plain], { path: 'other/x.yaml' }), 'Type');
    assert.equal(team([byType, byService, byKind, plain], { type: 'AWS::EC2::Instance' }), 'Service');
    assert.equal(team([byService, byKind, plain], { service: 'vpc' }), 'Kind');
    assert.equal(team([byKind, plain], { kind: 'container' }), 'Plain');
    assert.equal(team([plain, byKind, byService, byType, byPath], { duty: 'customer-data' }), undefined);
  });

  it('the flags compare in order: an entry with paths beats one with types, services and kinds together', () => {
    const everything: OwnerEntry = { ...plain, team: 'All but paths', kinds: ['infrastructure'], services: ['ec2'], types: ['AWS::EC2::*'] };
    const pathKind: OwnerEntry = { ...plain, team: 'Path and kind', paths: ['services/**'], kinds: ['infrastructure'] };
    assert.equal(team([pathKind, everything]), 'Path and kind');
    assert.equal(team([everything, byPath]), 'Path');
    // Within "has paths", a narrower entry (paths and kind) beats paths alone, whatever the order.
    assert.equal(team([pathKind, byPath]), 'Path and kind');
    assert.equal(team([byPath, pathKind]), 'Path and kind');
    assert.ok(ownerSpecificity(byPath) > ownerSpecificity(everything));
    assert.ok(ownerSpecificity(byType) > ownerSpecificity({ ...byService, kinds: ['infrastructure'] }));
  });

  it('ties go to the later entry (general entries first, as in CODEOWNERS)', () => {
    const a: OwnerEntry = { duty: 'firewall-configuration', team: 'A' };
    const b: OwnerEntry = { duty: 'firewall-configuration', team: 'B' };
    assert.equal(team([a, b]), 'B');
    assert.equal(team([b, a]), 'A');
    const p1: OwnerEntry = { ...a, paths: ['services/**'] };
    const p2: OwnerEntry = { ...b, paths: ['services/payments/**'] };
    // Both match: the more specific glob does not win by itself — the later entry does.
    assert.equal(team([p1, p2]), 'B');
    assert.equal(team([p2, p1]), 'A');
    assert.equal(team([p1, p2], { path: 'services/orders/x.yaml' }), 'A');
  });

  it('a duty AWS owns for the resource gets no team; a shared one does', () => {
    assert.equal(team([plain], { owner: 'aws' }), undefined);
    assert.equal(team([plain], { owner: 'shared' }), 'Plain');
    assert.equal(ownerEntryFor([plain], q({ owner: 'aws' })), undefined);
  });

  it('narrowing: kinds, services, exact and globbed types (CloudFormation and Terraform), paths', () => {
    const e = (over: Partial<OwnerEntry>): OwnerEntry[] => [{ duty: 'firewall-configuration', team: 'T', ...over }];
    assert.equal(team(e({ kinds: ['container', 'infrastructure'] })), 'T');
    assert.equal(team(e({ kinds: ['managed'] })), undefined);
    assert.equal(team(e({ kinds: ['managed'] }), { kind: 'unknown' }), undefined);
    assert.equal(team(e({ services: ['rds', 'ec2'] })), 'T');
    assert.equal(team(e({ services: ['rds'] })), undefined);
    assert.equal(team(e({ services: ['ec2'] }), { service: undefined }), undefined);
    assert.equal(team(e({ types: ['AWS::EC2::SecurityGroup'] })), 'T');
    assert.equal(team(e({ types: ['AWS::EC2::*'] })), 'T');
    assert.equal(team(e({ types: ['AWS::EC2::*'] }), { type: 'AWS::EC2' }), undefined);
    assert.equal(team(e({ types: ['AWS::EC2::Security*'] }), { type: 'AWS::EC2::SecurityGroupIngress' }), 'T');
    assert.equal(team(e({ types: ['AWS::RDS::*'] })), undefined);
    assert.equal(team(e({ types: ['aws_security_group*'] }), { type: 'aws_security_group_rule' }), 'T');
    assert.equal(team(e({ types: ['aws_{security_group,vpc}'] }), { type: 'aws_vpc' }), 'T');
    assert.equal(team(e({ types: ['aws_security_group'] }), { type: 'aws_security_group_rule' }), undefined, 'an exact type is not a prefix');
    assert.equal(team(e({ types: ['AWS::EC2::SecurityGroup'] }), { type: 'aws_security_group' }), undefined);
    // Paths, relative to the config's folder, matched like ignorePaths (either separator; a folder covers its files).
    assert.equal(team(e({ paths: ['services/payments/**'] })), 'T');
    assert.equal(team(e({ paths: ['services/payments'] })), 'T');
    assert.equal(team(e({ paths: ['services/payments/**'] }), { path: 'services\\payments\\deep\\x.tf' }), 'T');
    assert.equal(team(e({ paths: ['services/payments/**'] }), { path: 'services/payments-old/x.tf' }), undefined);
    assert.equal(team(e({ paths: ['*.yaml'] })), 'T', 'a glob without / matches a name at any depth');
    assert.equal(team(e({ paths: ['other/**', 'services/*/stack.yaml'] })), 'T');
    assert.equal(team(e({ paths: ['services/**'] }), { path: undefined }), undefined, 'no path: paths entries never match');
    // All narrowings must hold at once.
    assert.equal(team(e({ kinds: ['infrastructure'], services: ['ec2'], types: ['AWS::EC2::*'], paths: ['services/**'] })), 'T');
    assert.equal(team(e({ kinds: ['infrastructure'], services: ['s3'] })), undefined);
  });

  it('the per-file resolver gives the same answers as the plain function', () => {
    const entries: OwnerEntry[] = [
      { duty: 'firewall-configuration', team: 'Net' },
      { duty: 'firewall-configuration', team: 'Net EC2', services: ['ec2'] },
      { duty: 'firewall-configuration', team: 'Payments net', paths: ['services/payments/**'] },
      { duty: 'identity-and-access-management', team: 'IAM', kinds: ['managed'] },
      { duty: 'identity-and-access-management', team: 'IAM S3', types: ['AWS::S3::*', 'aws_s3_*'] },
      { duty: 'identity-and-access-management', team: 'IAM S3 late', types: ['AWS::S3::Bucket'] },
      { duty: 'server-side-encryption', team: 'Storage', contact: 'storage@example.com', kinds: ['infrastructure', 'container'] },
    ];
    for (const path of ['services/payments/a.yaml', 'services/orders/a.yaml', undefined]) {
      const resolve = ownersForFile(entries, path);
      for (const duty of ['firewall-configuration', 'identity-and-access-management', 'server-side-encryption', 'customer-data'] as const) {
        for (const owner of ['customer', 'shared', 'aws'] as const) {
          for (const [kind, service, type] of [
            ['infrastructure', 'ec2', 'AWS::EC2::SecurityGroup'],
            ['managed', 's3', 'AWS::S3::Bucket'],
            ['managed', 's3', 'aws_s3_bucket_policy'],
            ['container', 'rds', 'aws_db_instance'],
          ] as const) {
            const query = { duty, owner, kind, service, type };
            assert.deepEqual(resolve(query), teamFor(entries, { ...query, path }), JSON.stringify({ ...query, path }));
            assert.deepEqual(resolve(query), teamFor(entries, { ...query, path }), 'remembered answers are the same');
          }
        }
      }
    }
    assert.deepEqual(teamFor(entries, q({ duty: 'server-side-encryption' })), { team: 'Storage', contact: 'storage@example.com' });
    assert.deepEqual(teamFor(entries, q({ duty: 'identity-and-access-management', kind: 'managed', service: 's3', type: 'AWS::S3::Bucket' })), { team: 'IAM S3 late' });
  });
});

describe('owners: reading the configuration', () => {
  it('reads the documented example', () => {
    const { config, errors } = parseConfig(
      'owners:\n  - duty: firewall-configuration\n    team: Network platform\n    contact: "#net-platform"\n  - duty: identity-and-access-management\n    paths: ["services/payments/**"]\n    team: Payments security\n',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config.owners, [
      { duty: 'firewall-configuration', team: 'Network platform', contact: '#net-platform' },
      { duty: 'identity-and-access-management', team: 'Payments security', paths: ['services/payments/**'] },
    ]);
  });

  it('reads every narrowing, a single string as a list of one, and trims', () => {
    const { config, errors } = parseConfig(
      [
        'owners:',
        '  - duty: server-side-encryption',
        '    team: "  Storage  "',
        '    kinds: [infrastructure, container]',
        '    services: ec2',
        '    types: ["AWS::EC2::*", aws_ebs_volume]',
        '    paths: "services/**"',
        '',
      ].join('\n'),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config.owners, [
      { duty: 'server-side-encryption', team: 'Storage', kinds: ['infrastructure', 'container'], services: ['ec2'], types: ['AWS::EC2::*', 'aws_ebs_volume'], paths: ['services/**'] },
    ]);
  });

  it('a config without owners has none (the key is absent); an empty list is none', () => {
    assert.equal(parseConfig('rules: {}\n').config.owners, undefined);
    assert.deepEqual(parseConfig('owners: []\n'), { config: { rules: {}, ignorePaths: [], kinds: {}, owners: [] }, errors: [] });
  });

  it('explains each invalid entry at the node at fault; the valid entries still apply', () => {
    const text = [
      'owners:', //                                                  1
      '  - duty: firewall-configuration', //                         2  valid
      '    team: Network platform', //                               3
      '  - duty: firewal-configuration', //                          4  unknown duty
      '    team: X', //                                              5
      '  - duty: customer-data', //                                  6  missing team
      '  - team: No duty', //                                        7  missing duty
      '  - duty: customer-data', //                                  8  team of the wrong type
      '    team: [a, b]', //                                         9
      '  - duty: customer-data', //                                  10 unknown key (a misspelt narrowing)
      '    team: Data', //                                           11
      '    path: ["services/**"]', //                                12
      '  - duty: customer-data', //                                  13 a kind that is not one
      '    team: Data', //                                           14
      '    kinds: [serverless]', //                                  15
      '  - duty: customer-data', //                                  16 invalid glob
      '    team: Data', //                                           17
      '    paths: ["services/[z-a]"]', //                            18
      '  - just a string', //                                        19 not a mapping
      '  - duty: customer-data', //                                  20 empty list
      '    team: Data', //                                           21
      '    services: []', //                                         22
      '  - duty: customer-data', //                                  23 contact of the wrong type
      '    team: Data', //                                           24
      '    contact: 42', //                                          25
      '  - duty: identity-and-access-management', //                 26 valid
      '    team: Payments security', //                              27
      '    paths: ["services/payments/**"]', //                      28
      '',
    ].join('\n');
    const { config, errors } = parseConfig(text);
    const at = (line: number): string[] => errors.filter((e) => e.line === line).map((e) => `${e.level}:${e.message}`);
    assert.match(at(4)[0], /^error:`owners\[1\]`: unknown duty `firewal-configuration` — did you mean `firewall-configuration`\?/);
    assert.equal(errors.find((e) => e.line === 4)!.column, 11, 'at the duty value');
    assert.match(at(6)[0], /^error:`owners\[2\]`: `team` is missing/);
    assert.match(at(7)[0], /^error:`owners\[3\]`: `duty` is missing/);
    assert.match(at(9)[0], /^error:`owners\[4\]`: `team` must be the team’s name, a non-empty string/);
    assert.equal(errors.find((e) => e.line === 9)!.column, 11);
    assert.match(at(12)[0], /^error:`owners\[5\]`: unknown key `path`.*not used/);
    assert.equal(errors.find((e) => e.line === 12)!.column, 5, 'at the key');
    assert.match(at(15)[0], /^error:`owners\[6\]`: `kinds` items must be one of infrastructure, container, managed, not `serverless`/);
    assert.equal(errors.find((e) => e.line === 15)!.column, 13, 'at the item');
    assert.match(at(18)[0], /^error:`owners\[7\]`: invalid glob `services\/\[z-a\]`: reversed range/);
    assert.match(at(19)[0], /^error:`owners\[8\]` must be a mapping/);
    assert.match(at(22)[0], /^error:`owners\[9\]`: `services` is empty/);
    assert.match(at(25)[0], /^error:`owners\[10\]`: `contact` must be a contact/);
    assert.ok(errors.every((e) => e.level === 'error'), JSON.stringify(errors));
    assert.equal(errors.length, 10);
    // Each error's span is inside the file and on its line.
    const lines = text.split('\n');
    for (const e of errors) {
      const lineStart = lines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0);
      assert.equal(e.span.start, lineStart + e.column - 1);
      assert.ok(e.span.end > e.span.start && e.span.end <= text.length, JSON.stringify(e));
    }
    assert.deepEqual(config.owners, [
      { duty: 'firewall-configuration', team: 'Network platform' },
      { duty: 'identity-and-access-management', team: 'Payments security', paths: ['services/payments/**'] },
    ]);
  });

  it('`owners` must be a list; long, multi-line and empty team names are refused', () => {
    assert.match(parseConfig('owners:\n  duty: customer-data\n').errors[0].message, /`owners` must be a list/);
    assert.match(parseConfig('owners: yes\n').errors[0].message, /`owners` must be a list/);
    const long = parseConfig(`owners:\n  - duty: customer-data\n    team: ${'x'.repeat(MAX_TEAM_LENGTH + 1)}\n`);
    assert.match(long.errors[0].message, new RegExp(`\`team\` is ${MAX_TEAM_LENGTH + 1} characters, over the limit of ${MAX_TEAM_LENGTH}`));
    assert.deepEqual(long.config.owners, []);
    assert.equal(parseConfig(`owners:\n  - duty: customer-data\n    team: ${'x'.repeat(MAX_TEAM_LENGTH)}\n`).errors.length, 0);
    const multi = parseConfig('owners:\n  - duty: customer-data\n    team: "a\\nb"\n  - duty: customer-data\n    team: "a\\u202eb"\n  - duty: customer-data\n    team: "  "\n');
    assert.deepEqual(
      multi.errors.map((e) => [e.line, /one line|non-empty/.test(e.message)]),
      [
        [3, true],
        [5, true],
        [7, true],
      ],
    );
    assert.deepEqual(multi.config.owners, []);
  });

  it('warnings keep the entry: an unknown service id or type, a duty AWS owns', () => {
    const { config, errors } = parseConfig(
      [
        'owners:',
        '  - duty: customer-data',
        '    team: Data',
        '    services: [s3, not-a-service]',
        '    types: [AWS::S3::Buckett, "AWS::S3::*"]',
        '  - duty: global-infrastructure',
        '    team: Nobody',
        '  - duty: operating-system-configuration',
        '    team: OS',
        '    kinds: [managed]',
        '  - duty: operating-system-configuration',
        '    team: OS',
        '    kinds: [managed, infrastructure]',
        '',
      ].join('\n'),
    );
    assert.ok(errors.every((e) => e.level === 'warning'), JSON.stringify(errors));
    const at = (line: number): string => errors.filter((e) => e.line === line).map((e) => e.message).join(' | ');
    assert.match(at(4), /`not-a-service` is not a service id/);
    assert.match(at(5), /`AWS::S3::Buckett` is not a known AWS resource type/);
    assert.doesNotMatch(at(5), /AWS::S3::\*/);
    assert.match(at(6), /Hardware and global infrastructure is AWS’s duty for every kind of service/);
    assert.match(at(8), /is AWS’s duty for managed services/);
    assert.equal(at(11), '', 'yours for infrastructure services: no warning');
    assert.equal(config.owners?.length, 4);
  });

  it('bounds: entries, total patterns', () => {
    const many = 'owners:\n' + Array.from({ length: MAX_OWNER_ENTRIES + 20 }, (_, i) => `  - { duty: customer-data, team: "T${i}" }\n`).join('');
    const r = parseConfig(many);
    assert.equal(r.config.owners?.length, MAX_OWNER_ENTRIES);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, new RegExp(`more than ${MAX_OWNER_ENTRIES} entries`));
    assert.equal(r.errors[0].line, MAX_OWNER_ENTRIES + 2, 'at the first entry not read');
    // Patterns: at most MAX_OWNER_PATTERNS types and paths in all; the entries past it are not used.
    const per = 100;
    const entries = Math.ceil(MAX_OWNER_PATTERNS / per) + 2;
    const globs = `[${Array.from({ length: per }, (_, i) => `"p${i}/**"`).join(', ')}]`;
    const p = parseConfig('owners:\n' + Array.from({ length: entries }, (_, i) => `  - { duty: customer-data, team: "T${i}", paths: ${globs} }\n`).join(''));
    assert.equal(p.config.owners?.length, MAX_OWNER_PATTERNS / per);
    assert.equal(p.errors.length, 2, 'once per entry not used');
    assert.ok(p.errors.every((e) => /more than 1000 `types` and `paths` items/.test(e.message)), JSON.stringify(p.errors.slice(0, 3)));
  });

  it('a hostile config is read and applied quickly (globs never backtrack)', () => {
    const evil = '*a'.repeat(60) + 'b';
    const types = `[${Array.from({ length: 100 }, () => `"${evil}"`).join(', ')}]`;
    const text = 'owners:\n' + Array.from({ length: 10 }, (_, i) => `  - { duty: customer-data, team: "T${i}", types: ${types}, paths: ${types} }\n`).join('');
    const t0 = performance.now();
    const { config } = parseConfig(text);
    assert.equal(config.owners?.length, 5);
    const many = 'Resources:\n' + Array.from({ length: 300 }, (_, i) => `  B${i}:\n    Type: AWS::S3::Bucket\n`).join('');
    const a = applyOwners(analyzeText('t.yaml', many), config.owners, `${'a'.repeat(100)}/t.yaml`);
    assert.equal(a.resources.length, 300);
    assert.ok(performance.now() - t0 < 5000, `${performance.now() - t0} ms`);
  });

  it('never throws on hostile input', () => {
    for (const t of ['owners: [[[]]]', 'owners:\n  - &a {duty: customer-data, team: x}\n  - *a\n', 'owners:\n  - duty: !!binary eA==\n    team: x\n', 'owners:\n  - ? [a]\n    : b\n', 'owners: [{duty: customer-data, team: x, paths: [1, null, {}]}]']) {
      assert.doesNotThrow(() => parseConfig(t), t);
    }
    const alias = parseConfig('owners:\n  - &a {duty: customer-data, team: x}\n  - *a\n');
    assert.equal(alias.config.owners?.length, 1);
    assert.ok(alias.errors.some((e) => e.line === 3));
  });
});

describe('owners: applied to an analysis', () => {
  const CFN = `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: false
  Bucket:
    Type: AWS::S3::Bucket
`;
  const entries: OwnerEntry[] = [
    { duty: 'firewall-configuration', team: 'Network platform', contact: '#net-platform' },
    { duty: 'identity-and-access-management', team: 'Cloud security' },
    { duty: 'identity-and-access-management', team: 'Payments security', paths: ['services/payments/**'] },
    { duty: 'server-side-encryption', team: 'Storage', kinds: ['container'] },
  ];
  const duty = (ra: ResourceAnalysis | undefined, id: string) => ra?.duties.find((d) => d.duty === id);
  const res = (a: Analysis, id: string) => a.resources.find((r) => r.resource.id === id);

  it('sets team and contact on your duties only, per path', () => {
    const base = analyzeText('stack.yaml', CFN);
    const a = applyOwners(base, entries, 'services/orders/stack.yaml');
    assert.deepEqual(
      { team: duty(res(a, 'Sg'), 'firewall-configuration')?.team, contact: duty(res(a, 'Sg'), 'firewall-configuration')?.contact },
      { team: 'Network platform', contact: '#net-platform' },
    );
    assert.equal(duty(res(a, 'Sg'), 'identity-and-access-management')?.team, 'Cloud security');
    assert.equal(duty(res(a, 'Db'), 'server-side-encryption')?.team, 'Storage');
    assert.equal(duty(res(a, 'Db'), 'server-side-encryption')?.contact, undefined);
    assert.equal(duty(res(a, 'Sg'), 'server-side-encryption')?.team, undefined, 'kinds: [container] only');
    // S3 (managed): firewall configuration is AWS's — no team, although the entry has no narrowing.
    assert.equal(duty(res(a, 'Bucket'), 'firewall-configuration')?.owner, 'aws');
    assert.equal(duty(res(a, 'Bucket'), 'firewall-configuration')?.team, undefined);
    for (const ra of a.resources) for (const d of ra.duties) if (d.owner === 'aws') assert.equal(d.team, undefined);
    const pay = applyOwners(base, entries, 'services/payments/stack.yaml');
    assert.equal(duty(res(pay, 'Bucket'), 'identity-and-access-management')?.team, 'Payments security');
    // Nothing else changes: statuses, findings, the resources themselves.
    assert.equal(a.findings, base.findings);
    assert.deepEqual(
      a.resources.map((r) => r.duties.map((d) => [d.duty, d.owner, d.status])),
      base.resources.map((r) => r.duties.map((d) => [d.duty, d.owner, d.status])),
    );
    assert.equal(res(a, 'Sg')?.resource, res(base, 'Sg')?.resource);
    // Without entries, or applied again with others, the teams follow the entries.
    assert.equal(applyOwners(base, [], 'x'), base);
    assert.equal(applyOwners(base, undefined, 'x'), base);
    const again = applyOwners(a, [{ duty: 'customer-data', team: 'Data' }], 'x');
    assert.equal(duty(res(again, 'Sg'), 'firewall-configuration')?.team, undefined);
    assert.equal(duty(res(again, 'Sg'), 'firewall-configuration')?.contact, undefined);
    assert.equal(duty(res(again, 'Db'), 'customer-data')?.team, 'Data');
  });

  it('count instances and module instances get teams (matched with the calling file’s path)', () => {
    const p = new TerraformProject({
      fs: memoryFs({
        '/w/main.tf': 'resource "aws_ebs_volume" "v" {\n  count = 2\n  availability_zone = "a"\n  encrypted = false\n}\nmodule "s" {\n  source = "./m"\n}\n',
        '/w/m/main.tf': 'resource "aws_ebs_volume" "inner" {\n  availability_zone = "a"\n}\n',
      }),
    });
    const base = p.analyzeFile('/w/main.tf')!;
    const a = applyOwners(base, [{ duty: 'server-side-encryption', team: 'Storage', types: ['aws_ebs_*'], paths: ['main.tf'] }], 'main.tf');
    const v = res(a, 'aws_ebs_volume.v')!;
    assert.equal(duty(v, 'server-side-encryption')?.team, 'Storage');
    assert.equal(v.instances?.length, 2);
    for (const inst of v.instances ?? []) assert.equal(duty(inst, 'server-side-encryption')?.team, 'Storage');
    const inner = a.modules![0].instances[0].analysis.resources.find((r) => r.resource.id === 'module.s.aws_ebs_volume.inner');
    assert.equal(duty(inner, 'server-side-encryption')?.team, 'Storage');
    assert.equal(a.modules![0].call, base.modules![0].call, 'the call is the same resource (the hover finds it by identity)');
    const other = applyOwners(base, [{ duty: 'server-side-encryption', team: 'Storage', paths: ['other.tf'] }], 'main.tf');
    assert.equal(duty(res(other, 'aws_ebs_volume.v'), 'server-side-encryption')?.team, undefined);
  });
});
