/**
 * A real, independently written LSP client: headless Neovim runs test/nvim/probe.lua against the built server on
 * copies of the examples. Expected findings come from the CLI on the same text (before and after the edit).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, it } from 'node:test';
import { assertBuilt, awsYouSplit, cliScan, cliScanFolder, EXAMPLES, REPO_ROOT, SERVER_BIN, unescapeMarkdown, type CliFile } from '../protocol/harness';

interface NvimDiagnostic {
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  severity: number;
  source: string;
  code: string;
  href: string | null;
  message: string;
}
interface ProbeFileResult {
  uri: string;
  path: string;
  diagnostics_after_open_ms: number;
  hover_ms: number;
  change_to_diagnostics_ms: number;
  diagnostics: NvimDiagnostic[];
  diagnostics_after_edit: NvimDiagnostic[];
  hover: { kind: string; value: string };
  publications: number;
}
interface ProbeResult {
  client: string;
  server: { name: string; version?: string };
  initialized_ms: number;
  server_exit: { code: number; signal: number };
  total_ms: number;
  files: ProbeFileResult[];
}
interface Edit {
  start: number;
  end: number;
  lines: string[];
}

const PROBE = path.join(__dirname, 'probe.lua');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-nvim-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function lineIndex(lines: readonly string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  throw new Error(`no line matches ${re}`);
}

/** The buffer's lines (Neovim keeps the final newline out of the buffer) after `edit`, as file text. */
function applyEdit(text: string, e: Edit): string {
  const lines = text.replace(/\n$/, '').split('\n');
  lines.splice(e.start, e.end - e.start, ...e.lines);
  return lines.join('\n') + '\n';
}

function cliOn(name: string, text: string): CliFile {
  const f = path.join(tmp, 'expected', name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  const r = cliScan(f);
  assert.ok(r.file, `CLI reported no template for ${name}`);
  return r.file;
}

/** Runs test/nvim/probe.lua in headless Neovim on `files`, with `root` as the workspace folder. */
function runProbe(files: readonly object[], root: string): ProbeResult {
  const r = spawnSync('timeout', ['60', 'nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${PROBE}`], {
    cwd: REPO_ROOT,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, PROBE_CMD: JSON.stringify([process.execPath, SERVER_BIN, '--stdio']), PROBE_FILES: JSON.stringify(files), PROBE_ROOT: root },
    timeout: 70000,
  });
  assert.equal(r.status, 0, `probe failed (status ${r.status}): ${r.stderr}\n${r.stdout}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `no JSON line from the probe: ${r.stdout}`);
  return JSON.parse(line) as ProbeResult;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 }; // vim.diagnostic.severity = LSP's

function key(d: { line: number; col: number; code: string; severity: number; message: string }): string {
  return `${d.line}:${d.col} ${d.code} ${d.severity} ${d.message}`;
}

function assertMatchesCli(got: readonly NvimDiagnostic[], cli: CliFile, what: string): void {
  assert.ok(cli.findings.length > 0, `CLI found nothing in ${what}`);
  for (const d of got) {
    assert.equal(d.source, 'aws-responsibility', `${what}: source`);
    assert.ok(d.href && d.href.startsWith('https://') && new URL(d.href).hostname.endsWith('aws.amazon.com'), `${what}: ${d.code} has an AWS doc link`);
  }
  const want = cli.findings.map((f) => key({ line: f.range.start.line, col: f.range.start.character, code: f.ruleId, severity: SEVERITY[f.severity], message: f.message })).sort();
  assert.deepEqual(got.map(key).sort(), want, `${what}: Neovim's diagnostics differ from the CLI's findings`);
}

it('headless Neovim drives the server: diagnostics, hover and re-published diagnostics after an edit', () => {
  const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) assert.fail('neovim not installed: apt-get install neovim');
  assertBuilt();

  const yamlPath = path.join(tmp, 'web-app.yaml');
  const tfPath = path.join(tmp, 'main.tf');
  fs.copyFileSync(path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'), yamlPath);
  fs.copyFileSync(path.join(EXAMPLES, 'terraform', 'main.tf'), tfPath);
  const yaml = fs.readFileSync(yamlPath, 'utf8');
  const tf = fs.readFileSync(tfPath, 'utf8');

  // YAML: hover DataVolume's type; the edit encrypts it (inserted after its last property).
  const yl = yaml.split('\n');
  const dv = lineIndex(yl, /^  DataVolume:\s*$/);
  const dvType = lineIndex(yl, /^    Type: /, dv);
  const dvSize = lineIndex(yl, /^      Size: /, dv);
  const yamlEdit: Edit = { start: dvSize + 1, end: dvSize + 1, lines: ['      Encrypted: true'] };
  // Terraform: hover aws_db_instance's type; the edit encrypts the instance's extra EBS block device.
  const tl = tf.split('\n');
  const db = lineIndex(tl, /^resource "aws_db_instance" "main"/);
  const ebsBlock = lineIndex(tl, /^  ebs_block_device \{/);
  const encFalse = lineIndex(tl, /^\s+encrypted\s+=\s+false/, ebsBlock);
  const tfEdit: Edit = { start: encFalse, end: encFalse + 1, lines: [tl[encFalse].replace('false', 'true')] };

  const files = [
    { path: yamlPath, ft: 'yaml', line: dvType, character: 12, edit: yamlEdit },
    { path: tfPath, ft: 'terraform', line: db, character: 12, edit: tfEdit },
  ];
  const out = runProbe(files, tmp);

  assert.equal(out.server?.name, 'aws-responsibility-language-server');
  assert.match(out.client, /^nvim \d+\.\d+\.\d+$/);
  assert.equal(out.files.length, 2);
  assert.deepEqual(out.server_exit, { code: 0, signal: 0 }, 'clean exit after shutdown');

  const [y, t] = out.files;
  // Diagnostics arrive for both files, with the rule ids, positions and messages the CLI reports.
  assertMatchesCli(y.diagnostics, cliOn('web-app.yaml', yaml), 'web-app.yaml');
  assertMatchesCli(t.diagnostics, cliOn('main.tf', tf), 'main.tf');
  assert.ok(y.diagnostics.some((d) => d.code === 'ebs-volume-encryption' && d.line === dvType), 'DataVolume flagged on its Type line');
  assert.ok(t.diagnostics.some((d) => d.code === 'ec2-block-device-encryption' && d.line === encFalse), 'the unencrypted ebs_block_device is flagged');

  // Hover at a resource type: Markdown naming the service, with the AWS | You table.
  assert.equal(y.hover.kind, 'markdown');
  assert.match(unescapeMarkdown(y.hover.value), /Amazon Elastic Block Store \(EBS\)/);
  assert.match(awsYouSplit(y.hover.value)?.you ?? '', /ebs-volume-encryption/, `"You" side names the gap: ${y.hover.value}`);
  assert.match(awsYouSplit(t.hover.value)?.you ?? '', /rds-publicly-accessible/, `"You" side names the gap: ${t.hover.value}`);
  assert.match(unescapeMarkdown(t.hover.value), /Amazon Relational Database Service \(RDS\)/);

  // After the edit the diagnostics were re-published and the fixed finding is gone.
  assert.ok(y.publications >= 2 && t.publications >= 2);
  assertMatchesCli(y.diagnostics_after_edit, cliOn('web-app.yaml', applyEdit(yaml, yamlEdit)), 'web-app.yaml after the edit');
  assertMatchesCli(t.diagnostics_after_edit, cliOn('main.tf', applyEdit(tf, tfEdit)), 'main.tf after the edit');
  assert.equal(y.diagnostics_after_edit.filter((d) => d.code === 'ebs-volume-encryption').length, y.diagnostics.filter((d) => d.code === 'ebs-volume-encryption').length - 1);
  assert.ok(!t.diagnostics_after_edit.some((d) => d.code === 'ec2-block-device-encryption'));

  process.stdout.write(
    `timings ${JSON.stringify({
      client: out.client,
      initialized_ms: out.initialized_ms,
      yaml_open_to_diagnostics_ms: y.diagnostics_after_open_ms,
      tf_open_to_diagnostics_ms: t.diagnostics_after_open_ms,
      hover_ms: [y.hover_ms, t.hover_ms],
      change_to_diagnostics_ms: [y.change_to_diagnostics_ms, t.change_to_diagnostics_ms],
      total_ms: out.total_ms,
    })}\n`,
  );
});

it('headless Neovim: a Terraform file is analysed with its module, and follows a sibling file changed on disk', () => {
  const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) assert.fail('neovim not installed: apt-get install neovim');
  assertBuilt();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(tmp, 'module-')));
  fs.cpSync(path.join(REPO_ROOT, 'test', 'unit', 'project', 'fixtures', 'split'), dir, { recursive: true });
  const mainPath = path.join(dir, 'main.tf');
  const main = fs.readFileSync(mainPath, 'utf8');
  const ml = main.split('\n');
  const encLine = lineIndex(ml, /^\s+encrypted\s+=\s+var\.enc/);
  const sizeLine = lineIndex(ml, /^\s+size\s+=\s+10/);
  const edit: Edit = { start: sizeLine, end: sizeLine + 1, lines: [ml[sizeLine].replace('10', '20')] };
  const files = [
    {
      path: mainPath,
      ft: 'terraform',
      line: encLine,
      character: ml[encLine].indexOf('var.enc') + 2,
      edit,
      // Neovim 0.7 cannot watch files for a server: the server's own watcher must see this.
      disk_edit: { path: path.join(dir, 'variables.tf'), text: 'variable "enc" {\n  type    = bool\n  default = true\n}\n' },
    },
  ];
  // The CLI's findings on the folder as it is before the probe changes it.
  const cli = cliScanFolder(dir).find((f) => f.path === mainPath);
  assert.ok(cli);
  const out = runProbe(files, dir);
  const [m] = out.files as (ProbeFileResult & { diagnostics_after_disk_edit: NvimDiagnostic[]; disk_change_to_diagnostics_ms: number })[];
  // Opened alone, main.tf reads var.enc = false from variables.tf and the bucket's protection from s3.tf.
  assertMatchesCli(m.diagnostics, cli, 'main.tf in its module');
  // (The bucket keeps no server access logs and has no TLS-only policy: Information of its own, the same before and
  // after the edit.)
  const notLogging = (ds: readonly NvimDiagnostic[]): NvimDiagnostic[] => ds.filter((d) => d.code !== 's3-access-logging' && d.code !== 'secure-transport-policy');
  assert.deepEqual(notLogging(m.diagnostics).map((d) => `${d.code}@${d.line}`), [`ebs-volume-encryption@${encLine}`]);
  assert.match(unescapeMarkdown(m.hover.value), /variable enc \(default false\)/);
  // variables.tf now defaults to true on disk: the gap is gone from main.tf's diagnostics.
  assert.deepEqual(notLogging(m.diagnostics_after_disk_edit), []);
  process.stdout.write(`timings ${JSON.stringify({ module_open_to_diagnostics_ms: m.diagnostics_after_open_ms, disk_change_to_diagnostics_ms: m.disk_change_to_diagnostics_ms })}\n`);
});
