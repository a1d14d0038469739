/**
 * The analysis of the CLI's files, one at a time, in whatever thread runs it: the same chain as the editor
 * (configuration, ignored paths, size and binary refusal, syntax, the Terraform project or the template with its nested
 * stacks, kind overrides, suppressions and rule settings), ending in the report's entry for the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyAssumptions } from '../core/config/assume';
import { applyKindOverrides } from '../core/config/kinds';
import { applyOwners } from '../core/config/owners';
import { loadConfig, type ConfigError } from '../core/config/config-file';
import { isIgnoredPath } from '../core/config/glob';
import { applyRuleSettings } from '../core/config/severity';
import { detectSyntax, DocumentAnalyzer, parseTemplateFile, refuseReason } from '../core/document';
import { effectiveFindings } from '../core/findings';
import { fileReport, type JsonFile } from '../core/present/report';
import { withNestedStacks } from '../core/project/nested-stacks';
import { TerraformProject, type RootInput } from '../core/project/terraform-project';
import { applySuppressions } from '../core/suppress';
import { nodeConfigFs } from '../node/config-fs';
import { NodeProjectFs, toProjectPath } from '../node/node-fs';
import { isTerraformConfig, safe } from './files';

export interface ScannerSetup {
  readonly cwd: string;
  /** Folders reads stay inside (the current folder and the scanned paths). */
  readonly roots: readonly string[];
  readonly maxBytes: number;
  readonly useConfig: boolean;
  readonly rootInputs: readonly RootInput[];
  readonly ignoreSuppressions: boolean;
  /** Folders with Terraform files among all the scanned ones (who calls whom), whatever part this scanner takes. */
  readonly terraformDirs: readonly string[];
  /** Report configuration errors (only one scanner of a run does, so each is said once). */
  readonly reportConfigErrors: boolean;
}

/** What scanning one file gave: its report entry (none for a non-template or an ignored file) and what to tell. */
export interface FileOutcome {
  readonly file?: JsonFile;
  /** Lines for standard error, without the final line break. */
  readonly messages: readonly string[];
  /** Files not read, configurations in error: each makes the exit status 2. */
  readonly readErrors: number;
}

export class Scanner {
  private readonly configs = new Map<string, ReturnType<typeof loadConfig>>();
  private readonly reported = new Set<string>();
  private readonly configFs;
  private readonly projectFs: NodeProjectFs;
  private readonly project: TerraformProject;

  constructor(private readonly setup: ScannerSetup) {
    this.configFs = nodeConfigFs(setup.roots, { rootsLabel: 'the current directory and the scanned paths' });
    this.projectFs = new NodeProjectFs(setup.roots.map(toProjectPath), setup.maxBytes);
    this.project = new TerraformProject({ fs: this.projectFs, maxBytes: setup.maxBytes, rootInputs: setup.rootInputs, incremental: false });
    this.project.indexDirs(setup.terraformDirs.map(toProjectPath));
  }

  /** The configuration that applies to a file; its errors are told once per run (and count as read errors). */
  private configFor(file: string, messages: string[]): { config: ReturnType<typeof loadConfig>; errors: number } {
    const dir = path.dirname(path.resolve(file));
    let c = this.configs.get(dir);
    let errors = 0;
    if (!c) {
      const cwd = this.setup.cwd;
      const stop = dir === cwd || dir.startsWith(cwd + path.sep) ? cwd : dir;
      c = this.setup.useConfig ? loadConfig(dir, this.configFs, stop) : { config: { rules: {}, ignorePaths: [], kinds: {} }, errors: [] as ConfigError[] };
      this.configs.set(dir, c);
      if (c.path && !this.reported.has(c.path)) {
        this.reported.add(c.path);
        if (this.setup.reportConfigErrors) for (const e of c.errors) messages.push(`${safe(c.path)}:${e.line}:${e.column}: ${e.level}: ${safe(e.message)}`);
        if (c.errors.some((e) => e.level === 'error')) errors++;
      }
    }
    return { config: c, errors };
  }

  scan(f: string): FileOutcome {
    const messages: string[] = [];
    const { config: cfg, errors: configErrors } = this.configFor(f, messages);
    let readErrors = configErrors;
    const done = (file?: JsonFile): FileOutcome => ({ file, messages, readErrors });
    if (cfg.path && isIgnoredPath(path.relative(path.dirname(cfg.path), path.resolve(f)), cfg.config.ignorePaths)) return done();
    let text: string;
    // A Terraform file is read once, by the project that reads its module (the same text the analysis saw).
    const projectText = isTerraformConfig(f) ? this.project.files.text(toProjectPath(path.resolve(f))) : undefined;
    if (projectText !== undefined) text = projectText;
    else {
      try {
        const st = fs.statSync(f);
        if (!st.isFile()) {
          messages.push(`aws-responsibility: ${safe(f)}: not a regular file, not read`);
          return { messages, readErrors: readErrors + 1 };
        }
        if (st.size > this.setup.maxBytes) {
          messages.push(`aws-responsibility: ${safe(f)}: File not analyzed: ${(st.size / 1048576).toFixed(1)} MB is over the ${(this.setup.maxBytes / 1048576).toFixed(0)} MB limit (--max-size-mb).`);
          return { messages, readErrors: readErrors + 1 };
        }
        text = fs.readFileSync(f, 'utf8');
      } catch (e) {
        messages.push(`aws-responsibility: cannot read ${safe(f)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}`);
        return { messages, readErrors: readErrors + 1 };
      }
    }
    const refused = refuseReason(text, this.setup.maxBytes);
    if (refused) {
      messages.push(`aws-responsibility: ${safe(f)}: ${refused}`);
      return { messages, readErrors: readErrors + 1 };
    }
    const syntax = detectSyntax(f, undefined, text);
    if (syntax === 'none') return done();
    let analysis;
    if (syntax === 'terraform' || syntax === 'terraform-json') {
      analysis = this.project.analyzeFile(toProjectPath(path.resolve(f)));
      if (!analysis) return done();
    } else {
      analysis = new DocumentAnalyzer(syntax).analyze(text);
      // Nested stacks with a local template: analysed with the parameters this template passes.
      const p = toProjectPath(path.resolve(f));
      analysis = withNestedStacks(analysis, p, { readText: (q) => (q === p ? text : this.projectFs.readFile(q)), parse: parseTemplateFile });
    }
    analysis = applyKindOverrides(applyAssumptions(analysis, cfg.config.assume), cfg.config.kinds);
    // Teams (`owners:`), matched with the file's path below the configuration file's folder.
    if (cfg.path && cfg.config.owners) analysis = applyOwners(analysis, cfg.config.owners, path.relative(path.dirname(cfg.path), path.resolve(f)));
    if (!analysis.doc.isTemplate) return done();
    // Related places in other files (a module's variables, a nested template) are read through the project's files.
    const textOf = (q: string): string | undefined => this.projectFs.readFile(q);
    if (!this.setup.ignoreSuppressions) return done(fileReport(f, text, analysis, effectiveFindings(analysis, text, cfg.config.rules), [], textOf));
    // An audit: the suppressed findings too, marked (rule settings still apply to both).
    const s = applySuppressions(analysis, text);
    const suppressed = s.suppressed.flatMap((x) => applyRuleSettings([x.finding], cfg.config.rules).map((finding) => ({ finding, by: x.by })));
    return done(fileReport(f, text, analysis, applyRuleSettings(s.findings, cfg.config.rules), suppressed, textOf));
  }
}
