/**
 * The language server over real stdio LSP: spawn the built bin, speak JSON-RPC to it, and compare what it publishes
 * with the CLI's analysis of the same text (expected findings come from the CLI, plus explicit regression checks).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import {
  assertBuilt,
  cliScan,
  EXAMPLES,
  findingsOnly,
  fromCli,
  fromDiagnostic,
  LspSession,
  markdownOf,
  messageText,
  SEVERITY_NUMBER,
  sortComparable,
  unescapeMarkdown,
  awsYouSplit,
  type CliFile,
} from './harness';

const WEB_APP = path.join(EXAMPLES, 'cloudformation', 'web-app.yaml');
const DATA_STORE = path.join(EXAMPLES, 'cloudformation', 'data-store.json');
const MAIN_TF = path.join(EXAMPLES, 'terraform', 'main.tf');
const COMPOSE = path.join(EXAMPLES, 'not-a-template', 'docker-compose.yml');
const uriOf = (p: string): string => pathToFileURL(p).href;
const read = (p: string): string => fs.readFileSync(p, 'utf8');

/** A snappy answer: generous enough for a loaded CI machine, far below "hung". */
const QUICK_MS = 5000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-lsp-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `text` to a temp file named like `like` and returns the CLI's report for it. */
function cliOnText(name: string, text: string): CliFile {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  const r = cliScan(f);
  assert.ok(r.file, `CLI reported no template for ${name}`);
  return r.file;
}

function assertSameAsCli(diagnostics: readonly Diagnostic[], cli: CliFile, what: string): void {
  const got = sortComparable(findingsOnly(diagnostics).map(fromDiagnostic));
  const want = sortComparable(cli.findings.map(fromCli));
  assert.ok(want.length > 0, `the CLI found nothing in ${what}: the comparison would prove nothing`);
  assert.deepEqual(got, want, `${what}: server diagnostics differ from the CLI's findings`);
}

function assertWellFormed(ds: readonly Diagnostic[]): void {
  for (const d of ds) {
    assert.equal(d.source, 'aws-responsibility', `source of ${JSON.stringify(d)}`);
    assert.equal(typeof d.code, 'string');
    if (d.code === 'syntax-error' || d.code === 'not-analyzed') continue;
    assert.match(String(d.code), /^[a-z0-9]+(-[a-z0-9]+)+$/, 'code is a rule id');
    assert.ok(d.codeDescription, `rule ${d.code} has a documentation link`);
    const u = new URL(d.codeDescription.href);
    assert.equal(u.protocol, 'https:');
    assert.match(u.hostname, /(^|\.)aws\.amazon\.com$/, `${d.code} links to AWS docs, not ${u.hostname}`);
  }
}

/** 0-based line of the first line matching `re` at or after `from`. */
function lineOf(text: string, re: RegExp, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  throw new Error(`no line matches ${re}`);
}

/** The Type line of a CloudFormation YAML resource: [line, character of the type value]. */
function cfnTypePos(text: string, logicalId: string): { line: number; character: number } {
  const start = lineOf(text, new RegExp(`^  ${logicalId}:\\s*$`));
  const line = lineOf(text, /^    Type: /, start + 1);
  return { line, character: text.split('\n')[line].indexOf('Type: ') + 8 };
}

/** Lines [first, last] of a CloudFormation YAML resource block. */
function cfnBlock(text: string, logicalId: string): [number, number] {
  const lines = text.split('\n');
  const start = lineOf(text, new RegExp(`^  ${logicalId}:\\s*$`));
  let end = start + 1;
  while (end < lines.length && !/^  \S/.test(lines[end]) && !/^\S/.test(lines[end])) end++;
  return [start, end - 1];
}

function inLines(d: Diagnostic, [a, b]: [number, number]): boolean {
  return d.range.start.line >= a && d.range.start.line <= b;
}

const timings: Record<string, number> = {};

describe('language server over stdio, client with workspace/configuration', () => {
  let s: LspSession;
  let settings: unknown = { enable: true, rules: {} };
  const webText = read(WEB_APP);
  const webUri = uriOf(WEB_APP);
  let webCli: CliFile;

  before(async () => {
    assertBuilt();
    webCli = cliOnText('web-app.yaml', webText);
    s = new LspSession({ configuration: true, settings: () => settings });
  });
  after(() => s?.kill());

  it('initializes with incremental sync, hover and server info', async () => {
    const r = await s.initialize(uriOf(EXAMPLES));
    assert.equal(r.capabilities.textDocumentSync, 2, 'TextDocumentSyncKind.Incremental');
    assert.equal(r.capabilities.hoverProvider, true);
    assert.equal(r.serverInfo?.name, 'aws-responsibility-language-server');
  });

  it('publishes the CLI findings for web-app.yaml (yaml), with rule ids, AWS doc links and exact ranges', async () => {
    const pub = await s.open(webUri, 'yaml', webText);
    timings['spawn → first diagnostics (ms)'] = Math.round(pub.at - s.spawnedAt);
    const ds = pub.params.diagnostics;
    assertWellFormed(ds);
    assertSameAsCli(ds, webCli, 'web-app.yaml');
    assert.ok(!ds.some((d) => d.code === 'syntax-error'));
    // The server asked for our settings, for this document, in its own section.
    assert.ok(s.configRequests.some((r) => r.items.some((i) => i.section === 'awsResponsibility' && i.scopeUri === webUri)), JSON.stringify(s.configRequests));

    // Explicit regressions: the unencrypted DataVolume has an ebs-volume-encryption warning on its Type line …
    const dataType = cfnTypePos(webText, 'DataVolume');
    const dv = ds.filter((d) => d.code === 'ebs-volume-encryption' && inLines(d, cfnBlock(webText, 'DataVolume')));
    assert.equal(dv.length, 1, 'one ebs-volume-encryption on DataVolume');
    assert.equal(dv[0].range.start.line, dataType.line, 'at its Type line');
    assert.equal(dv[0].severity, SEVERITY_NUMBER.warning);
    // … LogVolume's `Encrypted: !Ref EncryptLogs` (no default) is decided at deploy time: no finding.
    assert.deepEqual(ds.filter((d) => inLines(d, cfnBlock(webText, 'LogVolume'))), []);
    // The open SSH/0.0.0.0/0 rule, RDS storage + public access, and the bucket without a public access block.
    const codes = new Set(ds.map((d) => d.code));
    for (const c of ['security-group-open-ingress', 'rds-storage-encryption', 'rds-publicly-accessible', 's3-public-access-block', 'ec2-block-device-encryption']) {
      assert.ok(codes.has(c), `missing ${c} in ${[...codes].join(', ')}`);
    }
    // PrivateBucket blocks public access: nothing there but the Information that it keeps no server access logs and
    // has no bucket policy that requires TLS.
    assert.deepEqual(ds.filter((d) => inLines(d, cfnBlock(webText, 'PrivateBucket'))).map((d) => [d.code, d.severity]), [
      ['s3-access-logging', SEVERITY_NUMBER.information],
      ['secure-transport-policy', SEVERITY_NUMBER.information],
    ]);
  });

  it('hover on a resource type returns a Markdown card with the service, the kind and an AWS | You table', async () => {
    const pos = cfnTypePos(webText, 'DataVolume');
    const t0 = performance.now();
    const h = await s.hover(webUri, pos.line, pos.character);
    timings['hover round trip (ms)'] = Math.round((performance.now() - t0) * 10) / 10;
    assert.ok(h, 'hover result');
    assert.equal((h.contents as { kind: string }).kind, 'markdown');
    const md = unescapeMarkdown(markdownOf(h));
    const res = webCli.resources.find((r) => r.name === 'DataVolume');
    assert.ok(res?.service);
    assert.ok(md.includes(res.service.name), `names the service ${res.service.name}: ${md}`);
    assert.ok(md.toLowerCase().includes(res.kind), `names the kind ${res.kind}`);
    const split = awsYouSplit(md);
    assert.ok(split, `an AWS | You split (table columns or sections): ${md}`);
    assert.match(split.you, /ebs-volume-encryption/, 'the gap is named on the "You" side');
    assert.match(split.you, /Server-side encryption/i);
    assert.doesNotMatch(split.aws, /ebs-volume-encryption/);
    assert.ok(split.aws.trim().length > 0, 'AWS side not empty');
    assert.deepEqual(h.range, res.range, 'hover range = the type span');
    // On the logical id too; and nothing on a line outside any resource.
    const nameLine = lineOf(webText, /^  Database:\s*$/);
    const onName = await s.hover(webUri, nameLine, 4);
    assert.match(markdownOf(onName), /Relational Database Service/);
    assert.equal(await s.hover(webUri, 0, 3), null);
  });

  it('publishes the CLI findings for data-store.json (json) and main.tf (terraform)', async () => {
    for (const [file, lang] of [
      [DATA_STORE, 'json'],
      [MAIN_TF, 'terraform'],
    ] as const) {
      const text = read(file);
      const pub = await s.open(uriOf(file), lang, text);
      assertWellFormed(pub.params.diagnostics);
      assertSameAsCli(pub.params.diagnostics, cliOnText(path.basename(file), text), path.basename(file));
    }
    const tf = read(MAIN_TF);
    // Terraform hover on a resource type.
    const line = lineOf(tf, /^resource "aws_ebs_volume" "data"/);
    const h = await s.hover(uriOf(MAIN_TF), line, 12);
    assert.match(markdownOf(h), /Elastic Block Store/);
    assert.match(awsYouSplit(markdownOf(h))?.you ?? '', /ebs-volume-encryption/);
  });

  it('publishes an empty list for a YAML file that is not a template', async () => {
    const pub = await s.open(uriOf(COMPOSE), 'yaml', read(COMPOSE));
    assert.deepEqual(pub.params.diagnostics, []);
    assert.equal(await s.hover(uriOf(COMPOSE), 2, 4), null);
  });

  it('fileReport returns the resources with kinds (as the CLI), and model returns the kinds × duties', async () => {
    const r = (await s.conn.sendRequest('awsResponsibility/fileReport', { uri: webUri })) as {
      uri: string;
      isTemplate: boolean;
      file: CliFile | null;
    };
    assert.equal(r.uri, webUri);
    assert.equal(r.isTemplate, true);
    assert.ok(r.file);
    const pick = (xs: CliFile['resources']): string[] => xs.map((x) => `${x.name} ${x.type} ${x.kind}`);
    assert.deepEqual(pick(r.file.resources), pick(webCli.resources));
    assert.ok(r.file.resources.every((x) => ['infrastructure', 'container', 'managed', 'abstracted'].includes(x.kind) || x.kind === 'unknown'));
    assert.deepEqual(r.file.findings.map((f) => f.ruleId).sort(), webCli.findings.map((f) => f.ruleId).sort());
    assert.equal(await s.conn.sendRequest('awsResponsibility/fileReport', { uri: 'file:///never/opened.yaml' }), null);

    const m = (await s.conn.sendRequest('awsResponsibility/model')) as { source: string; kinds: { id: string }[]; duties: { id: string; cells: Record<string, { owner: string }> }[] };
    assert.match(m.source, /^https:\/\/aws\.amazon\.com\//);
    assert.ok(m.kinds.length >= 3 && m.duties.length >= 5);
    for (const d of m.duties) for (const k of m.kinds) assert.ok(['aws', 'customer', 'shared'].includes(d.cells[k.id].owner));
  });

  it('an incremental didChange that encrypts DataVolume drops exactly that finding', async () => {
    const uri = uriOf(path.join(tmp, 'edit.yaml'));
    await s.open(uri, 'yaml', webText);
    // Insert the property after DataVolume's last line.
    const [, last] = cfnBlock(webText, 'DataVolume');
    const insertAt = last + 1; // (a blank line follows the block; insert before it)
    const lines = webText.split('\n');
    const expectedText = [...lines.slice(0, insertAt), '      Encrypted: true', ...lines.slice(insertAt)].join('\n');
    const pub = await s.change(uri, 2, [{ range: { start: { line: insertAt, character: 0 }, end: { line: insertAt, character: 0 } }, text: '      Encrypted: true\n' }]);
    assert.equal(pub.params.version, 2);
    const ds = pub.params.diagnostics;
    assert.deepEqual(ds.filter((d) => d.code === 'ebs-volume-encryption' && inLines(d, cfnBlock(expectedText, 'DataVolume'))), []);
    assert.equal(findingsOnly(ds).length, webCli.findings.length - 1, 'only that one finding went away');
    assertSameAsCli(ds, cliOnText('edit-expected.yaml', expectedText), 'web-app.yaml after the fix');
  });

  it('code actions for a published diagnostic (sent without data): the fix, the ignore and the documentation; the fix clears it', async () => {
    const uri = uriOf(path.join(tmp, 'actions.yaml'));
    const pub = await s.open(uri, 'yaml', webText);
    const d = pub.params.diagnostics.find((x) => x.code === 'ebs-volume-encryption');
    assert.ok(d, 'an ebs-volume-encryption finding');
    assert.equal(d.data, undefined, 'no data: the server finds the finding itself');
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as { title: string; edit?: { changes: Record<string, { range: Range; newText: string }[]> } }[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Set ')), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.startsWith('Ignore ebs-volume-encryption for ')), JSON.stringify(titles));
    assert.ok(titles.includes('Show documentation for ebs-volume-encryption'), JSON.stringify(titles));
    const fix = actions.find((a) => a.title.startsWith('Set '));
    const edits = fix?.edit?.changes[uri] ?? [];
    assert.ok(edits.length > 0);
    const after = await s.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.ok(!after.params.diagnostics.some((x) => x.code === 'ebs-volume-encryption' && x.range.start.line === d.range.start.line), 'the fix cleared it');
  });

  it('a change that breaks the YAML gives one syntax error; intact resources keep their findings and hover', async () => {
    const uri = uriOf(path.join(tmp, 'broken.yaml'));
    await s.open(uri, 'yaml', webText);
    // An unterminated flow sequence inside WebServer's properties.
    const line = lineOf(webText, /^      InstanceType: t3\.micro/);
    const pub = await s.change(uri, 2, [{ range: { start: { line, character: 20 }, end: { line, character: 28 } }, text: '[t3.micro, {' }]);
    const ds = pub.params.diagnostics;
    const syntax = ds.filter((d) => d.code === 'syntax-error');
    assert.equal(syntax.length, 1, `one syntax error, got ${JSON.stringify(syntax)}`);
    assert.equal(syntax[0].severity, 1);
    assertWellFormed(ds);
    const broken = cfnBlock(webText, 'WebServer');
    assert.ok(syntax[0].range.start.line >= broken[0] && syntax[0].range.start.line <= broken[1] + 1, `error in WebServer (${broken}), at ${JSON.stringify(syntax[0].range)}`);
    // The resources outside the broken one still have their findings, at the same places.
    const intact = webCli.findings.filter((f) => f.resource !== 'WebServer').map(fromCli);
    const got = findingsOnly(ds).map(fromDiagnostic).filter((d) => !(d.range.start.line >= broken[0] && d.range.start.line <= broken[1]));
    assert.deepEqual(sortComparable(got), sortComparable(intact));
    for (const id of ['DataVolume', 'Database', 'AssetsBucket']) {
      const pos = cfnTypePos(webText, id);
      const h = await s.hover(uri, pos.line, pos.character);
      assert.ok(awsYouSplit(markdownOf(h)), `hover on ${id} after the syntax error: ${markdownOf(h)}`);
    }
  });

  it('settings from workspace/configuration: a rule set to off disappears, a severity override applies, enable=false clears', async () => {
    const before = s.count(webUri);
    const asked = s.configRequests.length;
    settings = { enable: true, rules: { 's3-public-access-block': 'off', 'rds-publicly-accessible': 'hint', 'ebs-volume-encryption': 'error' } };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const pub = await s.nextDiagnostics(webUri, before);
    assert.ok(s.configRequests.length > asked, 'the server asked for the new settings');
    const ds = pub.params.diagnostics;
    assert.equal(ds.filter((d) => d.code === 's3-public-access-block').length, 0, 'rule off → gone');
    const rpa = ds.filter((d) => d.code === 'rds-publicly-accessible');
    assert.ok(rpa.length > 0 && rpa.every((d) => d.severity === 4), `hint: ${JSON.stringify(rpa)}`);
    const ebs = ds.filter((d) => d.code === 'ebs-volume-encryption');
    assert.ok(ebs.length > 0 && ebs.every((d) => d.severity === 1), 'error');
    // Everything else is unchanged.
    const untouched = (xs: { code: string }[]): string[] => xs.map((x) => x.code).filter((c) => !['s3-public-access-block', 'rds-publicly-accessible', 'ebs-volume-encryption'].includes(c)).sort();
    assert.deepEqual(untouched(ds.map(fromDiagnostic)), untouched(webCli.findings.map(fromCli)));
    // fileReport applies the same settings.
    const r = (await s.conn.sendRequest('awsResponsibility/fileReport', { uri: webUri })) as { file: CliFile };
    assert.ok(!r.file.findings.some((f) => f.ruleId === 's3-public-access-block'));

    const b2 = s.count(webUri);
    settings = { enable: false };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await s.nextDiagnostics(webUri, b2)).params.diagnostics, []);

    const b3 = s.count(webUri);
    settings = { enable: true, rules: { 's3-public-access-block': 'nonsense' } }; // an invalid value falls back to the default
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assertSameAsCli((await s.nextDiagnostics(webUri, b3)).params.diagnostics, webCli, 'after settings reset');
  });

  describe('bad input over the protocol: a quick answer, no crash, hover still works', () => {
    const stillServes = async (): Promise<void> => {
      const pos = cfnTypePos(webText, 'DataVolume');
      const h = await s.hover(webUri, pos.line, pos.character);
      assert.match(markdownOf(h), /Elastic Block Store/, 'hover after bad input');
      assert.ok(s.alive(), 'server process alive');
      assert.doesNotMatch(s.stderr, /uncaught|unhandled rejection/, 'no uncaught exception on stderr');
    };
    const timed = async (name: string, uri: string, lang: string, text: string): Promise<Diagnostic[]> => {
      const t0 = performance.now();
      const pub = await s.open(uri, lang, text, 1, QUICK_MS * 2);
      const ms = performance.now() - t0;
      timings[`bad input: ${name} (ms)`] = Math.round(ms);
      assert.ok(ms < QUICK_MS, `${name}: answered in ${Math.round(ms)} ms`);
      return pub.params.diagnostics;
    };

    it('an empty document', async () => {
      assert.deepEqual(await timed('empty', uriOf(path.join(tmp, 'empty.yaml')), 'yaml', ''), []);
      await stillServes();
    });

    it('a binary-looking document (NUL bytes)', async () => {
      const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '\u0000\u0001\u0002\u00ff'.repeat(500);
      const ds = await timed('binary', uriOf(path.join(tmp, 'binary.yaml')), 'yaml', text);
      assert.equal(ds.length, 1);
      assert.equal(ds[0].code, 'not-analyzed');
      assert.match(messageText(ds[0]), /binary|NUL/i);
      await stillServes();
    });

    it('a 20 MB document gets one "not analyzed" diagnostic, quickly', async () => {
      const unit = '  Bucket{i}:\n    Type: AWS::S3::Bucket\n';
      let text = 'Resources:\n';
      const parts: string[] = [];
      for (let i = 0, n = 0; n < 20 * 1048576; i++) {
        const p = unit.replace('{i}', String(i));
        parts.push(p);
        n += p.length;
      }
      text += parts.join('');
      const ds = await timed('20 MB', uriOf(path.join(tmp, 'huge.yaml')), 'yaml', text);
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0].code, 'not-analyzed');
      assert.equal(ds[0].source, 'aws-responsibility');
      assert.match(messageText(ds[0]), /not analyzed/i);
      assert.match(messageText(ds[0]), /MB/);
      // Closing clears the file's diagnostics.
      const hugeUri = uriOf(path.join(tmp, 'huge.yaml'));
      const n = s.count(hugeUri);
      await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: hugeUri } });
      assert.deepEqual((await s.nextDiagnostics(hugeUri, n)).params.diagnostics, []);
      await stillServes();
    });

    it('half-typed HCL', async () => {
      const text = read(MAIN_TF) + '\nresource "aws_s3_bucket" "half" {\n  bucket = "ex\n  tags = {\n    Name = \n';
      const ds = await timed('half-typed HCL', uriOf(path.join(tmp, 'half.tf')), 'terraform', text);
      assertWellFormed(ds);
      assert.ok(ds.some((d) => d.code === 'syntax-error'), 'the broken tail is reported');
      // The complete resources above are still analyzed.
      assert.ok(ds.some((d) => d.code === 'rds-publicly-accessible'), `complete resources still analyzed: ${ds.map((d) => d.code)}`);
      const line = lineOf(text, /^resource "aws_db_instance" "main"/);
      assert.match(markdownOf(await s.hover(uriOf(path.join(tmp, 'half.tf')), line, 12)), /Relational Database Service/);
      await stillServes();
    });

    it('a YAML alias bomb (nine levels of nine)', async () => {
      const names = 'abcdefghi'.split('');
      const lines = ['Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '    Properties:', `      a: &a [${Array(9).fill('"lol"').join(', ')}]`];
      for (let i = 1; i < names.length; i++) lines.push(`      ${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(', ')}]`);
      const ds = await timed('alias bomb', uriOf(path.join(tmp, 'bomb.yaml')), 'yaml', lines.join('\n') + '\n');
      assertWellFormed(ds);
      await stillServes();
    });

    it('a document with only a few broken bytes of JSON and a control-character resource name', async () => {
      const ds = await timed('broken JSON', uriOf(path.join(tmp, 'broken.json')), 'json', '{"Resources": {"A\u001b[31mB": {"Type": "AWS::S3::Bucket"}, ');
      assertWellFormed(ds);
      await stillServes();
    });
  });

  it('shuts down and exits cleanly', async () => {
    const exit = await s.shutdown();
    assert.deepEqual(exit, { code: 0, signal: null });
  });

  after(() => {
    // Measured figures for the report (node:test prints them).
    process.stdout.write(`timings ${JSON.stringify(timings)}\n`);
  });
});

describe('language server over stdio, client without workspace/configuration', () => {
  let s: LspSession;
  before(() => {
    assertBuilt();
    s = new LspSession({ configuration: false, settings: () => ({ enable: false }) });
  });
  after(() => s?.kill());

  it('uses the default settings and never asks the client for configuration', async () => {
    const r = await s.initialize(null);
    assert.equal(r.capabilities.hoverProvider, true);
    const text = read(WEB_APP);
    const pub = await s.open(uriOf(WEB_APP), 'yaml', text);
    assertSameAsCli(pub.params.diagnostics, cliOnText('web-app-default.yaml', text), 'web-app.yaml (defaults)');
    assert.ok(pub.params.diagnostics.some((d) => d.code === 's3-public-access-block'), 'default severities: the s3 rule is on');
    // A configuration change notification alone changes nothing (the client has no settings to give).
    const before = s.count(uriOf(WEB_APP));
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { awsResponsibility: { enable: false } } });
    const again = await s.nextDiagnostics(uriOf(WEB_APP), before);
    assert.equal(findingsOnly(again.params.diagnostics).length, findingsOnly(pub.params.diagnostics).length);
    assert.equal(s.configRequests.length, 0, 'no workspace/configuration request without the capability');
    assert.deepEqual(await s.shutdown(), { code: 0, signal: null });
  });

  it('exit without shutdown ends the process (with code 1, per LSP)', async () => {
    const s2 = new LspSession({ configuration: false });
    try {
      await s2.initialize(null);
      await s2.conn.sendNotification('exit');
      await s2.waitFor('process exit', () => s2.exit, QUICK_MS);
      assert.equal(s2.exit?.code, 1);
    } finally {
      s2.kill();
    }
  });
});
