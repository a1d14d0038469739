/** `aws-responsibility scan [--format text|json] PATH...` — the same analysis as the editor, for terminals and CI. */
import * as fs from 'fs';
import * as path from 'path';
import { applyKindOverrides } from '../core/config/kinds';
import { loadConfig, type ConfigError } from '../core/config/config-file';
import { isIgnoredPath } from '../core/config/glob';
import { detectSyntax, DocumentAnalyzer, refuseReason, DEFAULT_MAX_BYTES } from '../core/document';
import { effectiveFindings } from '../core/findings';
import { fileReport, textReport, type JsonFile, type JsonReport } from '../core/present/report';

const USAGE = `Usage: aws-responsibility scan [--format text|json] [--max-size-mb N] [--no-config] PATH...

Reads CloudFormation (YAML/JSON) and Terraform (.tf, .tf.json) files — folders are searched recursively, files that
are not templates are skipped — and reports, for every AWS resource, who owns each security duty under the AWS
Shared Responsibility Model, and the customer-owned gaps.

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
    io.err(`Unknown command "${args[0]}".\n\n${USAGE}\n`);
    return 2;
  }
  args.shift();
  let format: 'text' | 'json' = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  let useConfig = true;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'text' && v !== 'json') {
        io.err(`--format must be "text" or "json", not "${v ?? ''}".\n`);
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
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`Unknown option "${a}".\n\n${USAGE}\n`);
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
    try {
      collect(p, files, true);
    } catch (e) {
      io.err(`aws-responsibility: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      readErrors++;
    }
  }
  const report: JsonReport = { version: 1, files: [] };
  const cwd = process.cwd();
  const configFs = { readFile: (p: string): string | undefined => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } } };
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
        for (const e of c.errors) io.err(`${c.path}:${e.line}:${e.column}: ${e.level}: ${e.message}\n`);
        if (c.errors.some((e) => e.level === 'error')) readErrors++;
      }
    }
    return c;
  };
  for (const f of files.sort()) {
    const cfg = configFor(f);
    if (cfg.path && isIgnoredPath(path.relative(path.dirname(cfg.path), path.resolve(f)), cfg.config.ignorePaths)) continue;
    let text: string;
    try {
      const st = fs.statSync(f);
      if (st.size > maxBytes) {
        io.err(`aws-responsibility: ${f}: File not analyzed: ${(st.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit (--max-size-mb).\n`);
        readErrors++;
        continue;
      }
      text = fs.readFileSync(f, 'utf8');
    } catch (e) {
      io.err(`aws-responsibility: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      readErrors++;
      continue;
    }
    const refused = refuseReason(text, maxBytes);
    if (refused) {
      io.err(`aws-responsibility: ${f}: ${refused}\n`);
      readErrors++;
      continue;
    }
    const syntax = detectSyntax(f, undefined, text);
    if (syntax === 'none') continue;
    const analysis = applyKindOverrides(new DocumentAnalyzer(syntax).analyze(text), cfg.config.kinds);
    if (!analysis.doc.isTemplate) continue;
    const file: JsonFile = fileReport(f, text, analysis, effectiveFindings(analysis, text, cfg.config.rules));
    report.files.push(file);
  }
  io.out(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : textReport(report) + '\n');
  if (readErrors > 0) return 2;
  return report.files.some((f) => f.findings.length > 0 || (f.errors?.length ?? 0) > 0) ? 1 : 0;
}

function collect(p: string, out: string[], explicit: boolean): void {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (SKIP_DIRS.has(name)) continue;
      const child = path.join(p, name);
      let cst: fs.Stats;
      try {
        cst = fs.lstatSync(child);
      } catch {
        continue;
      }
      if (cst.isSymbolicLink()) continue; // no loops through links
      if (cst.isDirectory()) collect(child, out, false);
      else if (EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) out.push(child);
    }
  } else if (st.isFile()) {
    if (explicit || EXTENSIONS.some((e) => p.toLowerCase().endsWith(e))) out.push(p);
  }
}
