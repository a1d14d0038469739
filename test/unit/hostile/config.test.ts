// `.aws-responsibility.yaml` is never read blindly (devices, FIFOs, huge files, links out of the roots), files outside
// the workspace folders get no config, and the editor's settings are bounded.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONFIG_FILE_NAME, findConfig, loadConfig, MAX_CONFIG_BYTES, MAX_CONFIG_ENTRIES, MAX_CONFIG_ERRORS, parseConfig } from '../../../server/src/core/config/config-file';
import { nodeConfigFs } from '../../../server/src/node/config-fs';
import { WorkspaceConfigs } from '../../../server/src/lsp/workspace-config';
import { MAX_FILE_SIZE_MB, MAX_RULE_SETTINGS, readSettings } from '../../../server/src/lsp/settings';
import { ROOT } from '../helpers';

const posix = process.platform !== 'win32';
const RULES_OFF = 'rules:\n  s3-public-access-block: off\n';

const ms = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

let tmp: string;
/** A folder under the test's temporary folder, with files: name → text (or a function that makes the entry). */
function tree(name: string, files: Record<string, string | ((p: string) => void)> = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, make] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof make === 'string') fs.writeFileSync(p, make);
    else make(p);
  }
  return dir;
}

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'awsr-config-')));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Loads the config for `dir` in a child process with a hard time limit, so that a regression (a blocking FIFO read,
 * /dev/zero read to the end) fails the test instead of hanging the whole run.
 */
function loadInChild(dir: string, roots: string[]): { errors: string[]; ms: number; rssMB: number } {
  const script = `
    const { loadConfig } = require(${JSON.stringify(path.join(ROOT, 'server/src/core/config/config-file.ts'))});
    const { nodeConfigFs } = require(${JSON.stringify(path.join(ROOT, 'server/src/node/config-fs.ts'))});
    const t0 = performance.now();
    const c = loadConfig(${JSON.stringify(dir)}, nodeConfigFs(${JSON.stringify(roots)}), ${JSON.stringify(roots[0])});
    process.stdout.write(JSON.stringify({ errors: c.errors.map((e) => e.message), ms: performance.now() - t0, rssMB: process.memoryUsage().rss / 1048576 }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, maxBuffer: 1 << 20 });
  assert.equal(r.error, undefined, `the child did not finish: ${String(r.error)}`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('config file: never read blindly', { skip: !posix && 'POSIX links, devices and FIFOs' }, () => {
  it('a link to /dev/zero: an error, no read (was: 3+ GB and no answer)', () => {
    const ws = tree('zero', { [CONFIG_FILE_NAME]: (p) => fs.symlinkSync('/dev/zero', p), 'sub/t.yaml': 'Resources: {}\n' });
    const c = loadInChild(path.join(ws, 'sub'), [ws]);
    assert.equal(c.errors.length, 1);
    assert.match(c.errors[0], /link to \/dev\/zero, outside the workspace folders: it is not read/);
    // Even with the whole disk as a root, a device is not read.
    const all = loadInChild(path.join(ws, 'sub'), ['/']);
    assert.match(all.errors[0], /is a character device, not a regular file: it is not read/);
    assert.ok(c.ms < 2000 && all.ms < 2000, `${c.ms} ms, ${all.ms} ms`);
    assert.ok(all.rssMB < 1024, `${all.rssMB} MB`);
  });

  it('a FIFO: an error, no blocking (was: blocked forever)', () => {
    const ws = tree('fifo', { 'sub/t.yaml': 'Resources: {}\n' });
    try {
      execFileSync('mkfifo', [path.join(ws, CONFIG_FILE_NAME)]);
    } catch {
      return; // no mkfifo here
    }
    const c = loadInChild(path.join(ws, 'sub'), [ws]);
    assert.deepEqual(c.errors, ['This configuration file is a FIFO (named pipe), not a regular file: it is not read.']);
    assert.ok(c.ms < 2000, `${c.ms} ms`);
  });

  it('a 50 MB file: an error from its size, not read (was: a minute)', () => {
    const ws = tree('huge', { [CONFIG_FILE_NAME]: (p) => fs.writeFileSync(p, 'ignorePaths:\n' + '  - "examples/**/x"\n'.repeat(50 * 1024 * 1024 / 20)) });
    let loaded!: ReturnType<typeof loadConfig>;
    const t = ms(() => (loaded = loadConfig(path.join(ws, 'sub'), nodeConfigFs([ws]), ws)));
    assert.equal(loaded.path, path.join(ws, CONFIG_FILE_NAME));
    assert.deepEqual(loaded.config, { rules: {}, ignorePaths: [], kinds: {} });
    assert.equal(loaded.errors.length, 1);
    assert.match(loaded.errors[0].message, /is 50\.0 MB, over the 256 KB limit for \.aws-responsibility\.yaml: it is not read/);
    assert.deepEqual([loaded.errors[0].line, loaded.errors[0].column, loaded.errors[0].level], [1, 1, 'error']);
    assert.equal(loaded.notRead, loaded.errors[0].message);
    assert.ok(t < 2000, `${t} ms`);
    // The editor's text of such a file is not parsed either.
    const text = 'a'.repeat(MAX_CONFIG_BYTES + 1);
    const parsed = parseConfig(text);
    assert.match(parsed.errors[0].message, /over the 256 KB limit/);
  });

  it('exactly at the limit is read; one byte more is not', () => {
    const body = RULES_OFF + '#'.repeat(MAX_CONFIG_BYTES - RULES_OFF.length);
    const ok = tree('limit-ok', { [CONFIG_FILE_NAME]: body });
    assert.deepEqual(loadConfig(ok, nodeConfigFs([ok]), ok).config.rules, { 's3-public-access-block': 'off' });
    const over = tree('limit-over', { [CONFIG_FILE_NAME]: body + '#' });
    assert.match(loadConfig(over, nodeConfigFs([over]), over).errors[0].message, /over the 256 KB limit/);
  });

  it('a link out of the roots is not followed; a link inside is', () => {
    const outside = tree('outside', { 'secret.yaml': RULES_OFF });
    const ws = tree('linkout', { [CONFIG_FILE_NAME]: (p) => fs.symlinkSync(path.join(outside, 'secret.yaml'), p) });
    const out = loadConfig(ws, nodeConfigFs([ws]), ws);
    assert.deepEqual(out.config.rules, {});
    assert.match(out.errors[0].message, /is a link to .*secret\.yaml, outside the workspace folders: it is not read/);
    // A linked folder that leads out of the root.
    const viaDir = tree('linkdir', { sub: (p) => fs.symlinkSync(outside, p) });
    fs.writeFileSync(path.join(outside, CONFIG_FILE_NAME), RULES_OFF);
    const d = loadConfig(path.join(viaDir, 'sub'), nodeConfigFs([viaDir]), viaDir);
    assert.match(d.errors[0].message, /through a linked folder\), outside the workspace folders/);
    fs.rmSync(path.join(outside, CONFIG_FILE_NAME));
    // Inside the root: followed.
    const inside = tree('linkin', { 'shared/config.yaml': RULES_OFF, [CONFIG_FILE_NAME]: (p) => fs.symlinkSync('shared/config.yaml', p) });
    assert.deepEqual(loadConfig(inside, nodeConfigFs([inside]), inside).config.rules, { 's3-public-access-block': 'off' });
    // Several roots: inside any of them.
    assert.deepEqual(loadConfig(ws, nodeConfigFs([ws, outside]), ws).config.rules, { 's3-public-access-block': 'off' });
    // A dangling link.
    const dangling = tree('dangling', { [CONFIG_FILE_NAME]: (p) => fs.symlinkSync(path.join(tmp, 'nothing-here'), p) });
    assert.match(loadConfig(dangling, nodeConfigFs([dangling]), dangling).errors[0].message, /a link that leads nowhere/);
  });

  it('a folder with the config name is reported; an absent config lets the search go on up', () => {
    const ws = tree('folder', { [`${CONFIG_FILE_NAME}/x`]: '' });
    assert.match(loadConfig(ws, nodeConfigFs([ws]), ws).errors[0].message, /is a folder, not a regular file/);
    const up = tree('up', { [CONFIG_FILE_NAME]: RULES_OFF, 'a/b/t.yaml': '' });
    const found = loadConfig(path.join(up, 'a', 'b'), nodeConfigFs([up]), up);
    assert.equal(found.path, path.join(up, CONFIG_FILE_NAME));
    assert.deepEqual(found.errors, []);
  });

  it('a config that is not read stops the search: a parent config does not silently take its place', () => {
    const ws = tree('stop', { [CONFIG_FILE_NAME]: RULES_OFF, [`sub/${CONFIG_FILE_NAME}`]: (p) => fs.symlinkSync('/dev/zero', p) });
    const c = loadConfig(path.join(ws, 'sub'), nodeConfigFs([ws]), ws);
    assert.equal(c.path, path.join(ws, 'sub', CONFIG_FILE_NAME));
    assert.deepEqual(c.config.rules, {});
    assert.equal(c.errors[0].level, 'error');
  });

  it('an empty root list refuses every config', () => {
    const ws = tree('noroots', { [CONFIG_FILE_NAME]: RULES_OFF });
    assert.match(loadConfig(ws, nodeConfigFs([]), ws).errors[0].message, /outside the workspace folders/);
  });

  it('the CLI shape: `file:1:1: error: message` for a config that is not read', () => {
    const ws = tree('cli', { [CONFIG_FILE_NAME]: (p) => fs.symlinkSync('/dev/zero', p) });
    const c = loadConfig(ws, nodeConfigFs([ws], { rootsLabel: 'the current directory and the scanned paths' }), ws);
    const line = `${c.path}:${c.errors[0].line}:${c.errors[0].column}: ${c.errors[0].level}: ${c.errors[0].message}`;
    assert.equal(line, `${path.join(ws, CONFIG_FILE_NAME)}:1:1: error: This configuration file is a link to /dev/zero, outside the current directory and the scanned paths: it is not read.`);
  });

  it('findConfig reports the error of a config that is not read', () => {
    const found = findConfig('/ws/a', { readFile: (p) => (p === '/ws/a/.aws-responsibility.yaml' ? { error: 'nope' } : undefined) });
    assert.deepEqual(found, { path: '/ws/a/.aws-responsibility.yaml', error: 'nope' });
  });
});

describe('WorkspaceConfigs (language server)', { skip: !posix && 'POSIX paths' }, () => {
  it('files outside every workspace folder get no config (was: searched up to /)', () => {
    const above = tree('above', { [CONFIG_FILE_NAME]: RULES_OFF, 'ws/t.yaml': '', 'elsewhere/deep/t.yaml': '' });
    const ws = path.join(above, 'ws');
    const configs = new WorkspaceConfigs([ws]);
    // Inside the workspace folder: the config above the folder is not used either.
    assert.equal(configs.forFile(path.join(ws, 't.yaml')).path, undefined);
    assert.equal(configs.forFile(path.join(above, 'elsewhere', 'deep', 't.yaml')).path, undefined);
    assert.equal(configs.forFile(path.join(above, 't.yaml')).path, undefined);
    assert.equal(new WorkspaceConfigs([]).forFile(path.join(above, 't.yaml')).path, undefined);
    assert.equal(configs.forFile('relative/t.yaml').path, undefined);
    // With the folder above as a workspace folder, it applies.
    configs.setRoots([above]);
    assert.deepEqual(configs.forFile(path.join(above, 'elsewhere', 'deep', 't.yaml')).config.rules, { 's3-public-access-block': 'off' });
    // The innermost workspace folder stops the search.
    configs.setRoots([above, ws]);
    assert.equal(configs.forFile(path.join(ws, 't.yaml')).path, undefined);
  });

  it('a config that is not read is logged once, and can be shown on the config document', () => {
    const ws = tree('logged', { [CONFIG_FILE_NAME]: (p) => fs.symlinkSync('/dev/zero', p), 'a/t.yaml': '', 'b/t.yaml': '' });
    const lines: string[] = [];
    const configs = new WorkspaceConfigs([ws], (m) => lines.push(m));
    const a = configs.forFile(path.join(ws, 'a', 't.yaml'));
    configs.forFile(path.join(ws, 'b', 't.yaml'));
    assert.equal(a.path, path.join(ws, CONFIG_FILE_NAME));
    assert.deepEqual(a.config, { rules: {}, ignorePaths: [], kinds: {} });
    configs.clear(); // as on every edit of a config document
    configs.forFile(path.join(ws, 'a', 't.yaml'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /\.aws-responsibility\.yaml: This configuration file is a link to \/dev\/zero/);
    assert.match(configs.readErrorFor(path.join(ws, CONFIG_FILE_NAME))!, /link to \/dev\/zero/);
    assert.equal(configs.readErrorFor(path.join(ws, 'absent', CONFIG_FILE_NAME)), undefined);
    assert.equal(configs.readErrorFor(path.join(tmp, CONFIG_FILE_NAME)), undefined, 'outside the workspace folders: not looked at');
  });

  it('a config with errors is logged once with its first error', () => {
    const ws = tree('bad', { [CONFIG_FILE_NAME]: 'rules:\n  s3-public-access-block: loud\n', 't.yaml': '' });
    const lines: string[] = [];
    new WorkspaceConfigs([ws], (m) => lines.push(m)).forFile(path.join(ws, 't.yaml'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /:2:27: `rules.s3-public-access-block` must be one of/);
  });
});

describe('config parse: bounded', () => {
  it('256 KB of keys parses in linear time (the library check of unique keys is quadratic: 5 s)', () => {
    const text = ('rules:\n' + Array.from({ length: 30_000 }, (_, i) => `  r${i}: off\n`).join('')).slice(0, MAX_CONFIG_BYTES);
    let r!: ReturnType<typeof parseConfig>;
    const t = ms(() => (r = parseConfig(text.slice(0, text.lastIndexOf('\n') + 1))));
    assert.ok(t < 2000, `${t} ms`);
    assert.equal(Object.keys(r.config.rules).length, MAX_CONFIG_ENTRIES);
    assert.ok(r.errors.length <= MAX_CONFIG_ERRORS + 1);
    assert.match(r.errors[r.errors.length - 1].message, /and \d+ more problems in this file/);
    const top = Array.from({ length: 30_000 }, (_, i) => `k${i}: 1\n`).join('').slice(0, MAX_CONFIG_BYTES);
    assert.ok(ms(() => parseConfig(top)) < 2000);
  });

  it('duplicate keys are still YAML errors, at the duplicate', () => {
    const r = parseConfig('rules:\n  a: error\n  a: hint\n');
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, /^YAML: Map keys must be unique/);
    assert.equal(r.errors[0].line, 3);
    assert.deepEqual(r.config, { rules: {}, ignorePaths: [], kinds: {} });
    assert.deepEqual(parseConfig('rules:\n  "1": error\n  1: hint\n').errors.filter((e) => e.message.startsWith('YAML')), []);
    assert.match(parseConfig('kinds: {ec2: managed, ec2: container}\n').errors[0].message, /unique/);
  });

  it('user text in messages is cut to a readable length', () => {
    const r = parseConfig(`rules:\n  ${'x'.repeat(5000)}: loud\n`);
    assert.ok(r.errors[0].message.length < 200, String(r.errors[0].message.length));
  });

  it('aliases are never expanded, and say so', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]\n`).join('') + 'ignorePaths: *u\n';
    let r!: ReturnType<typeof parseConfig>;
    assert.ok(ms(() => (r = parseConfig(bomb))) < 2000);
    assert.ok(r.errors.some((e) => /aliases \(`\*name`\) are not supported/.test(e.message)));
    assert.deepEqual(r.config.ignorePaths, []);
  });

  it('deeply nested flow collections do not crash', () => {
    let r!: ReturnType<typeof parseConfig>;
    assert.ok(ms(() => (r = parseConfig('rules: ' + '['.repeat(100_000)))) < 2000);
    assert.deepEqual(r.errors.map((e) => e.message), ['YAML: `[` and `{` nested more than 256 deep: the file is not read.']);
    assert.ok(ms(() => (r = parseConfig('rules: ' + '['.repeat(256)))) < 2000);
    assert.ok(r.errors.length > 0 && r.errors.length <= MAX_CONFIG_ERRORS + 1);
    assert.match(parseConfig('ignorePaths: [[[a]]]\n').errors[0].message, /non-empty glob string/);
  });

  it('many unknown rule ids: bounded suggestions and entries', () => {
    const text = 'rules:\n' + Array.from({ length: 5000 }, (_, i) => `  s3-public-acess-blok${i}: off\n`).join('');
    let r!: ReturnType<typeof parseConfig>;
    const t = ms(() => (r = parseConfig(text)));
    assert.ok(t < 2000, `${t} ms`);
    assert.equal(Object.keys(r.config.rules).length, MAX_CONFIG_ENTRIES);
    assert.ok(r.errors.some((e) => /more than 1000 entries/.test(e.message)) || r.errors.length === MAX_CONFIG_ERRORS + 1);
  });
});

describe('settings: bounded, never trusting the client', () => {
  it('maxFileSizeMB is clamped with a log line (was: 1e9 accepted)', () => {
    const log: string[] = [];
    assert.equal(readSettings({ maxFileSizeMB: 1e9 }, (m) => log.push(m)).maxFileSizeMB, MAX_FILE_SIZE_MB);
    assert.match(log[0], /maxFileSizeMB 1000000000 is out of range \(1 to 50\); using 50/);
    assert.equal(readSettings({ maxFileSizeMB: Infinity }).maxFileSizeMB, 50);
    assert.equal(readSettings({ maxFileSizeMB: 0 }).maxFileSizeMB, 1);
    assert.equal(readSettings({ maxFileSizeMB: -3 }).maxFileSizeMB, 1);
    assert.equal(readSettings({ maxFileSizeMB: NaN }).maxFileSizeMB, 10);
    assert.equal(readSettings({ maxFileSizeMB: '40' }).maxFileSizeMB, 10);
    assert.equal(readSettings({ maxFileSizeMB: 25 }).maxFileSizeMB, 25);
    assert.equal(readSettings({ maxFileSizeMB: 2.5 }).maxFileSizeMB, 2.5);
    const quiet: string[] = [];
    readSettings({ maxFileSizeMB: 25, enable: true, rules: { a: 'off' }, codeLens: { enabled: false } }, (m) => quiet.push(m));
    assert.deepEqual(quiet, []);
  });

  it('every setting is type-checked', () => {
    const log: string[] = [];
    const s = readSettings({ enable: 'yes', rules: ['off'], codeLens: { enabled: 1 }, maxFileSizeMB: {} }, (m) => log.push(m));
    assert.deepEqual(s, { enable: true, rules: {}, maxFileSizeMB: 10, codeLens: { enabled: true } });
    assert.equal(log.length, 4);
    for (const raw of [undefined, null, 42, 'x', [], [1]]) assert.deepEqual(readSettings(raw), { enable: true, rules: {}, maxFileSizeMB: 10, codeLens: { enabled: true } });
    assert.equal(readSettings({ enable: false }).enable, false);
  });

  it('rules: only known severities, and a 10,000-entry object is bounded', () => {
    const log: string[] = [];
    const s = readSettings({ rules: { a: 'off', b: 'loud', c: 3, d: 'hint', ['x'.repeat(500)]: 'off' } }, (m) => log.push(m));
    assert.deepEqual(s.rules, { a: 'off', d: 'hint' });
    assert.match(log[0], /3 rules entries are ignored/);
    const big: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) big[`rule-${i}`] = 'error';
    const log2: string[] = [];
    let many!: ReturnType<typeof readSettings>;
    const t = ms(() => (many = readSettings({ rules: big }, (m) => log2.push(m))));
    assert.equal(Object.keys(many.rules).length, MAX_RULE_SETTINGS);
    assert.match(log2[0], /more than 1000 entries/);
    assert.ok(t < 2000, `${t} ms`);
    const proto = readSettings(JSON.parse('{"rules": {"__proto__": "off", "a": "error"}}'));
    assert.deepEqual(Object.keys(proto.rules), ['a']);
    assert.equal(Object.getPrototypeOf(proto.rules), Object.prototype);
  });

  it('package.json declares the bounds and restricts the settings in untrusted workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const max = pkg.contributes.configuration.properties['awsResponsibility.maxFileSizeMB'];
    assert.equal(max.maximum, MAX_FILE_SIZE_MB);
    assert.equal(max.minimum, 1);
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual(trust.restrictedConfigurations, ['awsResponsibility.maxFileSizeMB', 'awsResponsibility.rules']);
    assert.ok(typeof trust.description === 'string' && trust.description.length > 0);
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    for (const p of Object.values(pkg.contributes.configuration.properties) as { description?: string }[]) {
      const m = /^%(.+)%$/.exec(p.description ?? '');
      if (m) assert.ok(typeof nls[m[1]] === 'string', `package.nls.json has ${m[1]}`);
    }
  });
});
