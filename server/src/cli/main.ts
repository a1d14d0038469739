/**
 * `aws-responsibility scan|merge …` — the same analysis as the editor, for terminals and CI: reports in text, JSON,
 * SARIF or Markdown, baselines, a severity that fails the build, shards and worker threads for large repositories.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fingerprints } from '../core/present/fingerprint';
import { prSummary } from '../core/present/pr-summary';
import { buildMatrix, matrixCsv, matrixJson, matrixMarkdown, matrixOscal } from '../core/present/matrix';
import { textReport, type JsonFile, type JsonReport } from '../core/present/report';
import { sarifReport, type SarifLog } from '../core/present/sarif';
import type { Severity } from '../core/rules/rule-api';
import { VERSION } from '../core/version';
import { rulesInFrameworks } from '../core/rules/compliance';
import { fromProjectPath, NodeProjectFs, toProjectPath } from '../node/node-fs';
import { TerraformProject } from '../core/project/terraform-project';
import { readBaseline } from './baseline';
import { collect, isDir, isTerraformConfig, safe, unitHash, unitOf } from './files';
import { parseScanOptions, type FailOn, type ScanOptions } from './options';
import { defaultThreads, scanAll } from './threads';

const USAGE = `Usage: aws-responsibility scan [options] PATH...
       aws-responsibility matrix [--format markdown|csv|json|oscal] [--output FILE] [scan options] PATH...
       aws-responsibility merge [--format json|sarif] [--output FILE] REPORT...

scan reads CloudFormation (YAML/JSON) and Terraform (.tf, .tf.json, plan JSON) files — folders are searched
recursively, files that are not templates are skipped — and reports, for every AWS resource, who owns each security
duty under the AWS Shared Responsibility Model, and the customer-owned gaps.

Options of scan:
  --format text|json|sarif|markdown|line
                                      the report (default text; markdown is a pull-request comment; line is one
                                      line per finding, file:line:column: severity: message [rule])
  --output FILE, -o FILE              write the report to FILE instead of the standard output
  --fail-on error|warning|information|hint|none
                                      exit 1 only for findings at or above this severity (default warning:
                                      Information and Hint notes do not fail a build)
  --baseline REPORT                   leave out the findings an earlier JSON or SARIF report holds
  --ignore-suppressions               report suppressed findings too, marked as suppressed (audits)
  --frameworks fsbp,cis               report only the rules tied to AWS Security Hub FSBP controls or CIS AWS
                                      Foundations Benchmark items (cis-3.0.0: one version)
  --shard I/N                         scan only part I of N (deterministic by path; a Terraform module is never
                                      split); join the parts with merge
  --threads N                         worker threads (default 1; more may help on a machine with many cores)
  --progress, --no-progress           progress on standard error (default: when it is a terminal)
  --var-file FILE, --var NAME=VALUE   Terraform variable values for root modules, in the order given
  --max-size-mb N                     files larger than this are not analysed (default 10)
  --no-config                         ignore .aws-responsibility.yaml files

Terraform is read as Terraform reads it: each folder is one module (all its .tf and .tf.json files), variables take
their values from terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json), then --var-file and --var (they
apply to root modules, those no scanned module calls), and module blocks with a local source (or downloaded by
\`terraform init\`) are analysed with their arguments; a local module outside the scanned paths is read (and its own
files scanned) when it lies in the Git repository they are in. Values the files do not decide stay unknown.

A .aws-responsibility.yaml in a file's folder or above (up to the current directory, or the file's folder when it
lies outside it) sets rule severities, paths to ignore and kind overrides, as in the editor. Inline comments
\`# aws-responsibility-ignore RULE: reason\` and CloudFormation Metadata suppress findings.

matrix writes the customer responsibility matrix of the scanned files: per AWS service used, each of the eleven
duties, who owns it (AWS, you, shared, with the refinements and their sources) and its state over the resources
(met, gaps, unknown, not expressible in a template); oscal is an OSCAL 1.1.2 component definition.

merge joins reports of the same format (the shards of one scan) into one.

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or read error.`;

export interface CliIO {
  out(s: string): void;
  err(s: string): void;
}

/** Standard output and error (progress is shown only on these, and only when standard error is a terminal). */
const DEFAULT_IO: CliIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function run(argv: readonly string[], io: CliIO = DEFAULT_IO): Promise<number> {
  return runCommand([...argv], io).catch((e: unknown) => {
    io.err(`aws-responsibility: internal error: ${safe((e as Error).stack ?? String(e))}\n`);
    return 2;
  });
}

async function runCommand(args: string[], io: CliIO): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(USAGE + '\n');
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = args.shift();
  if (command === 'merge') return merge(args, io);
  if (command === 'matrix') return matrix(args, io);
  if (command !== 'scan') {
    io.err(`Unknown command "${safe(command ?? '')}".\n\n${USAGE}\n`);
    return 2;
  }
  const parsed = parseScanOptions(args);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n${parsed.usage ? `\n${USAGE}\n` : ''}`);
    return 2;
  }
  return scan(parsed.options, io);
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

function fails(severity: string, failOn: FailOn): boolean {
  return failOn !== 'none' && (RANK[severity as Severity] ?? RANK.warning) >= RANK[failOn];
}

/** A file path relative to the folder the scan runs in, with `/` (what reports and fingerprints name files by). */
function relativeTo(cwd: string): (p: string) => string {
  return (p) => path.relative(cwd, path.resolve(p)).split(path.sep).join('/');
}

async function scan(o: ScanOptions, io: CliIO): Promise<number> {
  const cwd = process.cwd();
  const relative = relativeTo(cwd);
  let files: string[] = [];
  let readErrors = 0;
  for (const p of o.paths) {
    const problems: string[] = [];
    try {
      collect(p, files, problems);
    } catch (e) {
      io.err(`aws-responsibility: cannot read ${safe(p)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      readErrors++;
    }
    for (const m of problems) io.err(`aws-responsibility: ${safe(m)}\n`);
    readErrors += problems.length;
  }
  // Reads stay inside the current folder, the scanned paths and the Git repositories they are in (configurations,
  // module sources, nested templates): `cd envs/prod && aws-responsibility scan .` reads `../../modules/x` as Terraform
  // does, and never a file outside the repository.
  const scanned = [cwd, ...o.paths.map((p) => path.resolve(p)).map((p) => (isDir(p) ? p : path.dirname(p)))];
  const roots = [...new Set([...scanned, ...scanned.map(repositoryRoot).filter((r): r is string => r !== undefined)])];
  files = [...new Set(files)].sort();
  // The local modules the scanned Terraform calls are scanned too: their own gaps are reported in their files.
  const tfDirs = [...new Set(files.filter(isTerraformConfig).map((f) => toProjectPath(path.dirname(path.resolve(f)))))];
  const calledDirs = new TerraformProject({ fs: new NodeProjectFs(roots.map(toProjectPath), o.maxBytes), maxBytes: o.maxBytes, incremental: false }).localModuleDirs(tfDirs);
  // Named as the scanned paths are (absolute when they all are, else relative to the current folder); once each.
  const seen = new Set(files.map((f) => path.resolve(f)));
  const absolute = o.paths.every((p) => path.isAbsolute(p));
  for (const d of calledDirs) {
    for (const f of terraformFilesIn(fromProjectPath(d))) {
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(absolute ? f : path.relative(cwd, f) || f);
    }
  }
  files.sort();
  const terraformDirs = [...new Set(files.filter(isTerraformConfig).map((f) => path.dirname(path.resolve(f))))];
  if (o.shard) {
    const { index, count } = o.shard;
    files = files.filter((f) => unitHash(unitOf(f), cwd) % count === index - 1);
  }
  let baseline: Set<string> | undefined;
  if (o.baseline) {
    const b = readBaseline(o.baseline, relative);
    if ('error' in b) {
      io.err(`${b.error}\n`);
      return 2;
    }
    baseline = b.fingerprints;
  }
  let fd: number | undefined;
  if (o.output) {
    try {
      fd = fs.openSync(o.output, 'w');
    } catch (e) {
      io.err(`aws-responsibility: cannot write --output ${safe(o.output)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      return 2;
    }
  }
  const out = (t: string): void => {
    if (fd !== undefined) fs.writeSync(fd, t);
    else io.out(t);
  };
  const threads = o.threads ?? defaultThreads();
  const showProgress = o.progress ?? (io === DEFAULT_IO && process.stderr.isTTY === true);
  const progress = showProgress ? progressLine(io) : undefined;
  const json = jsonWriter(out);
  const report: JsonReport = { version: 1, files: [] };
  let failing = false;
  let baselined = 0;
  const inFrameworks = o.frameworks ? rulesInFrameworks(o.frameworks) : undefined;
  const notifications: { level: 'error' | 'warning' | 'note'; text: string }[] = [];
  await scanAll(
    files,
    { cwd, roots, maxBytes: o.maxBytes, useConfig: o.useConfig, rootInputs: o.rootInputs, ignoreSuppressions: o.ignoreSuppressions, terraformDirs, reportConfigErrors: true },
    threads,
    (_i, outcome) => {
      for (const m of outcome.messages) {
        progress?.clear();
        io.err(`${m}\n`);
        notifications.push({ level: 'error', text: m });
      }
      readErrors += outcome.readErrors;
      let file = outcome.file;
      if (!file) return;
      if (inFrameworks) file = { ...file, findings: file.findings.filter((f) => inFrameworks.has(f.ruleId)) };
      if (baseline) {
        const fps = fingerprints(relative(file.path), file.findings);
        const kept = file.findings.filter((_f, k) => !baseline.has(fps[k]));
        baselined += file.findings.length - kept.length;
        file = { ...file, findings: kept };
      }
      if (file.findings.some((f) => !f.suppressed && fails(f.severity, o.failOn)) || ((file.errors?.length ?? 0) > 0 && fails('error', o.failOn))) failing = true;
      if (o.format === 'json') json.file(file);
      else if (o.format === 'line') out(lineReport(file, relative));
      else report.files.push(file);
    },
    progress ? (done, total) => progress.update(done, total) : undefined,
  );
  progress?.clear();
  if (o.format === 'json') json.end();
  else if (o.format === 'text') out(textReport(report) + (baselined ? `\n${baselined} finding${baselined === 1 ? '' : 's'} already in the baseline, not shown.` : '') + '\n');
  else if (o.format === 'markdown') out(prSummary(report.files, { label: relative, baselined }));
  else if (o.format === 'line') {
    // Nothing more: one line was written per finding.
  } else {
    const sarif = sarifReport(report.files, {
      srcRoot: toProjectPath(cwd),
      relative: (p) => {
        const r = relative(p);
        return r.startsWith('../') || r === '..' || path.isAbsolute(r) ? undefined : r;
      },
      notifications,
    });
    out(JSON.stringify(sarif, null, 2) + '\n');
  }
  if (fd !== undefined) fs.closeSync(fd);
  if (readErrors > 0) return 2;
  return failing ? 1 : 0;
}

/** `file:line:column: severity: message [rule]` per finding and syntax error (severities as problem matchers read them). */
function lineReport(file: JsonFile, relative: (p: string) => string): string {
  const where = safe(relative(file.path));
  const sev = (s: string): string => (s === 'information' || s === 'hint' ? 'info' : s);
  let text = '';
  for (const e of file.errors ?? []) text += `${where}:${e.range.start.line + 1}:${e.range.start.character + 1}: error: ${safe(`Syntax error: ${e.message}`)} [syntax-error]\n`;
  for (const f of file.findings) {
    if (f.suppressed) continue;
    text += `${where}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${sev(f.severity)}: ${safe(f.message)} [${f.ruleId}]\n`;
  }
  return text;
}

/** "scanned 120 of 2,250 files" on a terminal's standard error, at most ten times a second. */
function progressLine(io: CliIO): { update(done: number, total: number): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      io.err(`\rscanned ${done.toLocaleString('en')} of ${total.toLocaleString('en')} files`);
    },
    clear() {
      if (shown) io.err('\r\u001b[K');
      shown = false;
    },
  };
}

/** `matrix`: the scan's report turned into the responsibility matrix (Markdown, CSV, JSON or OSCAL). */
async function matrix(args: string[], io: CliIO): Promise<number> {
  let format: 'markdown' | 'csv' | 'json' | 'oscal' = 'markdown';
  let output: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'markdown' && v !== 'csv' && v !== 'json' && v !== 'oscal') {
        io.err(`matrix: --format must be markdown, csv, json or oscal, not "${safe(v ?? '')}".\n`);
        return 2;
      }
      format = v;
    } else if (a === '--output' || a === '-o' || a.startsWith('--output=')) {
      output = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    } else rest.push(a);
  }
  const parsed = parseScanOptions(rest);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n${parsed.usage ? `\n${USAGE}\n` : ''}`);
    return 2;
  }
  let json = '';
  const code = await scan({ ...parsed.options, format: 'json', output: undefined, failOn: 'none' }, { out: (t) => (json += t), err: (t) => io.err(t) });
  if (code === 2) return 2;
  const m = buildMatrix((JSON.parse(json) as JsonReport).files);
  const text =
    format === 'markdown'
      ? matrixMarkdown(m)
      : format === 'csv'
        ? matrixCsv(m)
        : format === 'json'
          ? matrixJson(m)
          : matrixOscal(m, { title: `AWS Shared Responsibility matrix: ${parsed.options.paths.join(', ')}`, lastModified: new Date().toISOString() });
  if (output) {
    try {
      fs.writeFileSync(output, text);
    } catch (e) {
      io.err(`matrix: cannot write ${safe(output)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      return 2;
    }
  } else io.out(text);
  return 0;
}

/** `merge`: reports of one format (the shards of a scan) joined into one, files in path order. */
async function merge(args: string[], io: CliIO): Promise<number> {
  let format: 'json' | 'sarif' | undefined;
  let output: string | undefined;
  const reports: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'json' && v !== 'sarif') {
        io.err(`merge: --format must be json or sarif, not "${safe(v ?? '')}".\n`);
        return 2;
      }
      format = v;
    } else if (a === '--output' || a === '-o' || a.startsWith('--output=')) {
      output = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    } else if (a.startsWith('-')) {
      io.err(`merge: unknown option "${safe(a)}".\n`);
      return 2;
    } else reports.push(a);
  }
  if (reports.length === 0) {
    io.err(`merge: no REPORT given.\n\n${USAGE}\n`);
    return 2;
  }
  const jsons: JsonReport[] = [];
  const sarifs: SarifLog[] = [];
  for (const r of reports) {
    let parsed: unknown;
    try {
      const st = fs.statSync(r);
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
      parsed = JSON.parse(fs.readFileSync(r, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      io.err(`merge: cannot read ${safe(r)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      return 2;
    }
    const o = parsed as { runs?: unknown; version?: unknown; files?: unknown };
    if (Array.isArray(o.runs)) sarifs.push(parsed as SarifLog);
    else if (o.version === 1 && Array.isArray(o.files)) jsons.push(parsed as JsonReport);
    else {
      io.err(`merge: ${safe(r)} is neither this tool's JSON report nor SARIF.\n`);
      return 2;
    }
  }
  const kind = format ?? (sarifs.length > 0 ? 'sarif' : 'json');
  if ((kind === 'json' && sarifs.length > 0) || (kind === 'sarif' && jsons.length > 0)) {
    io.err('merge: all reports must be of the same format (JSON or SARIF).\n');
    return 2;
  }
  let text: string;
  if (kind === 'json') {
    const byPath = new Map<string, JsonFile>();
    for (const j of jsons) for (const f of j.files) if (!byPath.has(f.path)) byPath.set(f.path, f);
    text = JSON.stringify({ version: 1, files: [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }, null, 2) + '\n';
  } else {
    const first = sarifs[0].runs[0];
    const results = sarifs.flatMap((s) => s.runs.flatMap((r) => r.results ?? []));
    const loc = (r: (typeof results)[number]): string => `${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''}\u0000${String(r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0).padStart(9, '0')}`;
    results.sort((a, b) => (loc(a) < loc(b) ? -1 : loc(a) > loc(b) ? 1 : 0));
    const merged: SarifLog = {
      ...sarifs[0],
      runs: [
        {
          ...first,
          invocations: [{ executionSuccessful: sarifs.every((s) => s.runs.every((r) => r.invocations?.every((x) => x.executionSuccessful) ?? true)) }],
          results,
        },
      ],
    };
    text = JSON.stringify(merged, null, 2) + '\n';
  }
  if (output) {
    try {
      fs.writeFileSync(output, text);
    } catch (e) {
      io.err(`merge: cannot write ${safe(output)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      return 2;
    }
  } else io.out(text);
  return 0;
}


/**
 * The JSON report written file by file (a monorepo's report is tens of MB: never one string), byte for byte what
 * `JSON.stringify(report, null, 2)` gives.
 */
const HEAD = '{\n  "version": 1,\n  "files": [\n';
const TAIL = '\n  ]\n}';

function jsonWriter(out: (s: string) => void): { file(f: JsonFile): void; end(): void } {
  let first = true;
  return {
    file(f) {
      // Stringified inside the report's frame, so JSON.stringify itself indents it as the report's element.
      const framed = JSON.stringify({ version: 1, files: [f] }, null, 2);
      const body = framed.slice(HEAD.length, framed.length - TAIL.length);
      out(first ? HEAD + body : `,\n${body}`);
      first = false;
    },
    end() {
      out(first ? '{\n  "version": 1,\n  "files": []\n}\n' : '\n  ]\n}\n');
    },
  };
}

/** The folder of the Git repository `dir` is in (the nearest with a `.git` entry), if any. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = dir, up = path.dirname(d); ; d = up, up = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (up === d) return undefined;
  }
}

/** The Terraform files of one folder (not its subfolders). */
function terraformFilesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && isTerraformConfig(e.name))
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}
