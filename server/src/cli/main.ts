/** `aws-responsibility scan [--format text|json] PATH...` — the same analysis as the editor, for terminals and CI. */
import * as fs from 'fs';
import * as path from 'path';
import { applyKindOverrides } from '../core/config/kinds';
import { loadConfig, type ConfigError } from '../core/config/config-file';
import { isIgnoredPath } from '../core/config/glob';
import { detectSyntax, DocumentAnalyzer, parseTemplateFile, refuseReason, DEFAULT_MAX_BYTES } from '../core/document';
import { withNestedStacks } from '../core/project/nested-stacks';
import { effectiveFindings } from '../core/findings';
import { fileReport, textReport, type JsonFile, type JsonReport } from '../core/present/report';
import { TerraformProject, type RootInput } from '../core/project/terraform-project';
import { parseTfvars, parseVarOption } from '../core/project/tfvars';
import { NodeProjectFs, toProjectPath } from '../node/node-fs';
import { nodeConfigFs } from '../node/config-fs';

const USAGE = `Usage: aws-responsibility scan [--format text|json] [--max-size-mb N] [--no-config]
                          [--var-file FILE]... [--var NAME=VALUE]... PATH...

Reads CloudFormation (YAML/JSON) and Terraform (.tf, .tf.json) files — folders are searched recursively, files that
are not templates are skipped — and reports, for every AWS resource, who owns each security duty under the AWS
Shared Responsibility Model, and the customer-owned gaps.

Terraform is read as Terraform reads it: each folder is one module (all its .tf and .tf.json files), variables take
their values from terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json), then --var-file and --var (in the
order given; they apply to root modules, those no scanned module calls), and module blocks with a local source (or
downloaded by \`terraform init\`) are analysed with their arguments. Values the files do not decide stay unknown.

A .aws-responsibility.yaml in a file's folder or above (up to the current directory, or the file's folder when it
lies outside it) sets rule severities, paths to ignore and kind overrides, as in the editor. Inline comments
\`# aws-responsibility-ignore RULE: reason\` and CloudFormation Metadata suppress findings.

Exit status: 0 no finding, 1 findings, 2 usage or read error.`;

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
const EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.tf'];

export interface CliIO {
  out(s: string): void;
  err(s: string): void;
}

export function run(argv: readonly string[], io: CliIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): number {
  const args = [...argv];
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(USAGE + '\n');
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--version') {
    io.out('0.1.0\n');
    return 0;
  }
  if (args[0] !== 'scan') {
    io.err(`Unknown command "${safe(args[0])}".\n\n${USAGE}\n`);
    return 2;
  }
  args.shift();
  let format: 'text' | 'json' = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  let useConfig = true;
  const paths: string[] = [];
  const rootInputs: RootInput[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'text' && v !== 'json') {
        io.err(`--format must be "text" or "json", not "${safe(v ?? '')}".\n`);
        return 2;
      }
      format = v;
    } else if (a === '--max-size-mb') {
      const v = Number(args[++i]);
      if (!(v > 0)) {
        io.err('--max-size-mb needs a positive number.\n');
        return 2;
      }
      maxBytes = v * 1048576;
    } else if (a === '--no-config') {
      useConfig = false;
    } else if (a === '--var-file' || a.startsWith('--var-file=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) {
        io.err('--var-file needs a file.\n');
        return 2;
      }
      let text: string;
      try {
        text = fs.readFileSync(v, 'utf8');
      } catch (e) {
        io.err(`aws-responsibility: cannot read --var-file ${safe(v)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
        return 2;
      }
      const file = parseTfvars(toProjectPath(path.resolve(v)), text);
      for (const e of file.errors) io.err(`${safe(v)}: ${safe(e.message)}\n`);
      if (file.errors.length > 0) return 2;
      rootInputs.push({ kind: 'file', file });
    } else if (a === '--var' || a.startsWith('--var=')) {
      const v = a.startsWith('--var=') ? a.slice('--var='.length) : args[++i];
      const parsed = parseVarOption(v ?? '');
      if ('error' in parsed) {
        io.err(`${safe(parsed.error)}\n`);
        return 2;
      }
      rootInputs.push({ kind: 'var', name: parsed.name, node: parsed.node });
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`Unknown option "${safe(a)}".\n\n${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    io.err(`No PATH given.\n\n${USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  let readErrors = 0;
  for (const p of paths) {
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
  const report: JsonReport = { version: 1, files: [] };
  const json = jsonWriter((t) => io.out(t));
  let anyFinding = false;
  const cwd = process.cwd();
  // The CLI reads inside the current directory and the paths it is given (configs, module sources, nested templates).
  const roots = [cwd, ...paths.map((p) => path.resolve(p)).map((p) => (isDir(p) ? p : path.dirname(p)))];
  const configFs = nodeConfigFs(roots, { rootsLabel: 'the current directory and the scanned paths' });
  const configCache = new Map<string, ReturnType<typeof loadConfig>>();
  const reported = new Set<string>();
  const configFor = (file: string): ReturnType<typeof loadConfig> => {
    const dir = path.dirname(path.resolve(file));
    let c = configCache.get(dir);
    if (!c) {
      const stop = dir === cwd || dir.startsWith(cwd + path.sep) ? cwd : dir;
      c = useConfig ? loadConfig(dir, configFs, stop) : { config: { rules: {}, ignorePaths: [], kinds: {} }, errors: [] as ConfigError[] };
      configCache.set(dir, c);
      if (c.path && !reported.has(c.path)) {
        reported.add(c.path);
        for (const e of c.errors) io.err(`${safe(c.path)}:${e.line}:${e.column}: ${e.level}: ${safe(e.message)}\n`);
        if (c.errors.some((e) => e.level === 'error')) readErrors++;
      }
    }
    return c;
  };
  // Terraform: one project over every scanned folder (a module is its folder; module calls read other folders).
  const projectFs = new NodeProjectFs(roots.map(toProjectPath), maxBytes);
  const project = new TerraformProject({ fs: projectFs, maxBytes, rootInputs, incremental: false });
  const tfDirs = new Set<string>();
  for (const f of files) if (isTerraformConfig(f)) tfDirs.add(toProjectPath(path.dirname(path.resolve(f))));
  project.indexDirs(tfDirs);
  for (const f of files.sort()) {
    const cfg = configFor(f);
    if (cfg.path && isIgnoredPath(path.relative(path.dirname(cfg.path), path.resolve(f)), cfg.config.ignorePaths)) continue;
    let text: string;
    // A Terraform file is read once, by the project that reads its module (the same text the analysis saw).
    const projectText = isTerraformConfig(f) ? project.files.text(toProjectPath(path.resolve(f))) : undefined;
    if (projectText !== undefined) text = projectText;
    else try {
      const st = fs.statSync(f);
      if (!st.isFile()) {
        io.err(`aws-responsibility: ${safe(f)}: not a regular file, not read\n`);
        readErrors++;
        continue;
      }
      if (st.size > maxBytes) {
        io.err(`aws-responsibility: ${safe(f)}: File not analyzed: ${(st.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit (--max-size-mb).\n`);
        readErrors++;
        continue;
      }
      text = fs.readFileSync(f, 'utf8');
    } catch (e) {
      io.err(`aws-responsibility: cannot read ${safe(f)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}\n`);
      readErrors++;
      continue;
    }
    const refused = refuseReason(text, maxBytes);
    if (refused) {
      io.err(`aws-responsibility: ${safe(f)}: ${refused}\n`);
      readErrors++;
      continue;
    }
    const syntax = detectSyntax(f, undefined, text);
    if (syntax === 'none') continue;
    let analysis;
    if (syntax === 'terraform' || syntax === 'terraform-json') {
      analysis = project.analyzeFile(toProjectPath(path.resolve(f)));
      if (!analysis) continue;
    } else {
      analysis = new DocumentAnalyzer(syntax).analyze(text);
      // Nested stacks with a local template: analysed with the parameters this template passes.
      const p = toProjectPath(path.resolve(f));
      analysis = withNestedStacks(analysis, p, { readText: (q) => (q === p ? text : projectFs.readFile(q)), parse: parseTemplateFile });
    }
    analysis = applyKindOverrides(analysis, cfg.config.kinds);
    if (!analysis.doc.isTemplate) continue;
    const file: JsonFile = fileReport(f, text, analysis, effectiveFindings(analysis, text, cfg.config.rules));
    if (file.findings.length > 0 || (file.errors?.length ?? 0) > 0) anyFinding = true;
    if (format === 'json') json.file(file);
    else report.files.push(file);
  }
  if (format === 'json') json.end();
  else io.out(textReport(report) + '\n');
  if (readErrors > 0) return 2;
  return anyFinding ? 1 : 0;
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

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isTerraformConfig(f: string): boolean {
  const n = f.toLowerCase();
  return n.endsWith('.tf') || n.endsWith('.tf.json');
}

/**
 * The files to scan under a path given on the command line: templates by extension in folders (regular files only: a
 * FIFO or a device is never opened), the path itself when it is a file. A folder that cannot be read is reported and
 * skipped; the walk goes on. Throws only for the given path itself.
 */
function collect(p: string, out: string[], problems: string[]): void {
  const st = fs.statSync(p);
  if (st.isFile()) {
    out.push(p);
    return;
  }
  if (!st.isDirectory()) throw Object.assign(new Error('not a regular file or a folder'), { code: 'not a regular file or a folder' });
  const stack = [p];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (e) {
      problems.push(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const sub: string[] = [];
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const child = path.join(dir, name);
      let cst: fs.Stats;
      try {
        cst = fs.lstatSync(child);
      } catch {
        continue;
      }
      if (cst.isSymbolicLink()) continue; // no loops through links
      if (cst.isDirectory()) sub.push(child);
      else if (cst.isFile() && EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) out.push(child);
    }
    // Depth first, in name order.
    for (let i = sub.length - 1; i >= 0; i--) stack.push(sub[i]);
  }
}

/** A path or message for a terminal: control characters and bidirectional overrides cannot reach it. */
function safe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}
