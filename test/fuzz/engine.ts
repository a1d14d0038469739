/**
 * The fuzz engine: a case (seed + mutations, reproducible from its number) and the oracles it must pass, all through
 * the real core entry points. Used in-process by the workers (fuzz.ts), by `--replay`, the minimizer and the unit test.
 */
import type { Analysis, Finding } from '../../server/src/core/analyze';
import { UNKNOWN_TYPE_RULE } from '../../server/src/core/analyze';
import { analyzeText, detectSyntax, DocumentAnalyzer, refuseReason } from '../../server/src/core/document';
import { effectiveFindings } from '../../server/src/core/findings';
import { fixEdits, ignoreEdits, replaceTypeEdit } from '../../server/src/core/fix/fix-edits';
import { applyEdits, type TextEdit } from '../../server/src/core/fix/text-edit';
import type { Span } from '../../server/src/core/model/types';
import { hoverAt } from '../../server/src/core/present/hover';
import { fileReport, textReport } from '../../server/src/core/present/report';
import { reportMarkdown } from '../../server/src/core/present/report-markdown';
import { tfvarsHover } from '../../server/src/core/present/tfvars-hover';
import { memoryFs } from '../../server/src/core/project/project-fs';
import { TerraformProject } from '../../server/src/core/project/terraform-project';
import { UNUSED_SUPPRESSION_RULE } from '../../server/src/core/suppress/apply';
import { removeSuppressionEdits } from '../../server/src/core/suppress/remove';
import { mutate } from './mutations';
import { Rng } from './rng';
import { analysable, kindOf, type Seed } from './seeds';

export type FailureKind = 'crash' | 'hang' | 'span' | 'incremental' | 'worker-exit' | 'process-crash';

export interface CaseOptions {
  /** Mutations not to use (`--exclude-mutations`). */
  readonly excludeMutations?: readonly string[];
  /** One case in this many also checks incremental = fresh analysis (default 4). */
  readonly incrementalEvery?: number;
}

export interface ModuleSetup {
  /** The folder whose module is analysed (the mutated file is `${dir}/main.tf`). */
  readonly dir: string;
  /** path → text (the mutated file, its mutated siblings, the module call, the called module, maybe tfvars). */
  readonly files: Record<string, string>;
  /** Labels of the seeds and mutations of the other files, for the record. */
  readonly notes: string[];
}

export interface FuzzCase {
  readonly runSeed: number;
  readonly caseNo: number;
  readonly seedLabel: string;
  /** The seed's text before mutation (the incremental oracle's first analysis). */
  readonly base: string;
  readonly fileName: string;
  readonly text: string;
  readonly mutations: readonly string[];
  readonly incremental: boolean;
  readonly module?: ModuleSetup;
  /** Seeds the oracles' own random choices (hover offsets). */
  readonly oracleKey: string;
}

/** An oracle's failure: what broke, where (the stage), and the error. */
export class OracleFailure extends Error {
  constructor(
    readonly kind: 'span' | 'incremental',
    message: string,
  ) {
    super(message);
    this.name = `OracleFailure(${kind})`;
  }
}

export const STAGES = [
  'idle',
  'analyzeText',
  'effectiveFindings',
  'fileReport',
  'textReport',
  'reportMarkdown',
  'hoverAt',
  'fixEdits',
  'applyEdits',
  'analyzeText(fixed)',
  'ignoreEdits',
  'replaceTypeEdit',
  'removeSuppressionEdits',
  'spans',
  'incremental',
  'module:analyzeModule',
  'module:file-oracles',
  'module:tfvarsHover',
  'done',
] as const;
export type Stage = (typeof STAGES)[number];

export interface Hooks {
  /** Called as each stage starts (the worker writes it where the watchdog can read it during a hang). */
  stage?(s: Stage): void;
}

const MODULE_DIR = '/fuzz/root';

/** The case number `caseNo` of run `runSeed`: which seed, which mutations, which checks. Pure and deterministic. */
export function makeCase(seeds: readonly Seed[], runSeed: number, caseNo: number, opts: CaseOptions = {}): FuzzCase {
  const rng = new Rng(`${runSeed}:${caseNo}`);
  const pool = analysable(seeds);
  const seed = rng.chance(0.97) ? rng.pick(pool) : rng.pick(seeds);
  const exclude = new Set(opts.excludeMutations ?? []);
  const m = mutate(rng, seed.fileName, seed.text, seeds, exclude);
  const incremental = rng.int(Math.max(1, opts.incrementalEvery ?? 4)) === 0;
  let module: ModuleSetup | undefined;
  if (m.fileName.endsWith('.tf')) module = moduleSetup(rng, m.text, seeds, exclude);
  return {
    runSeed,
    caseNo,
    seedLabel: seed.label,
    base: seed.text,
    fileName: m.fileName,
    text: m.text,
    mutations: m.mutations,
    incremental,
    module,
    oracleKey: `${runSeed}:${caseNo}:oracles`,
  };
}

/** The mutated file in a module folder with 1–2 mutated siblings, a local module call (to a mutated module), maybe tfvars. */
function moduleSetup(rng: Rng, text: string, seeds: readonly Seed[], exclude: ReadonlySet<string>): ModuleSetup {
  const tf = seeds.filter((s) => s.kind === 'tf');
  const tfvars = seeds.filter((s) => s.kind === 'tfvars');
  const files: Record<string, string> = { [`${MODULE_DIR}/main.tf`]: text };
  const notes: string[] = [];
  const other = (label: string): string => {
    const s = rng.pick(tf);
    const k = rng.int(3);
    const r = k === 0 ? { text: s.text, mutations: [] as string[] } : mutate(rng, s.fileName, s.text, seeds, new Set([...exclude, 'rename']), k);
    notes.push(`${label} = ${s.label}${r.mutations.length ? ` + ${r.mutations.join(' ; ')}` : ''}`);
    return r.text;
  };
  const siblings = rng.range(1, 2);
  for (let i = 0; i < siblings; i++) files[`${MODULE_DIR}/sibling${i}.tf`] = other(`sibling${i}.tf`);
  const callKind = rng.int(6);
  const call =
    callKind === 0
      ? 'module "m" {\n  source = "./mod"\n  count = 2\n  enc = count.index == 0\n}\n'
      : callKind === 1
        ? 'module "m" {\n  source = "./mod"\n  for_each = toset(["a", "b"])\n  enc = each.key == "a"\n}\n'
        : 'module "m" {\n  source = "./mod"\n  enc = var.enc\n  name = "x"\n}\nvariable "enc" {\n  default = false\n}\n';
  files[`${MODULE_DIR}/calls.tf`] = call;
  files[`${MODULE_DIR}/mod/main.tf`] = other('mod/main.tf');
  if (rng.chance(0.2)) files[`${MODULE_DIR}/mod/back.tf`] = 'module "back" {\n  source = "../"\n}\n';
  if (rng.chance(0.3) && tfvars.length > 0) {
    const s = rng.pick(tfvars);
    const name = s.fileName.endsWith('.json') ? 'terraform.tfvars.json' : 'terraform.tfvars';
    const r = rng.chance(0.5) ? mutate(rng, name, s.text, seeds, new Set([...exclude, 'rename']), 1) : { text: s.text, mutations: [] as string[] };
    files[`${MODULE_DIR}/${name}`] = r.text;
    notes.push(`${name} = ${s.label}${r.mutations.length ? ` + ${r.mutations.join(' ; ')}` : ''}`);
  }
  return { dir: MODULE_DIR, files, notes };
}

// ---- oracles ----

/** What an analysis is, for incremental = fresh (as test/unit/core/incremental.test.ts compares them). */
export function summary(a: Analysis): string {
  return JSON.stringify({
    resources: a.resources.map((r) => [r.resource.id, r.resource.type, r.resource.typeSpan, r.kind, r.duties.map((d) => d.status)]),
    findings: a.findings.map((f) => [f.ruleId, f.span, f.message, f.severity]),
    errors: a.doc.syntaxErrors.map((e) => [e.span, e.message]),
  });
}

/** `category` names the class of span (it goes into the failure's signature); `detail` says which one. */
function checkSpan(category: string, s: Span | undefined, len: number, detail = ''): void {
  if (s === undefined) return;
  if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= len)) {
    const where = s.start > len || s.end > len ? 'past the end' : s.start < 0 ? 'negative' : s.start > s.end ? 'reversed' : 'not integers';
    throw new OracleFailure('span', `${category} span ${where} | [${s.start}, ${s.end}) in a text of length ${len}${detail ? `: ${detail}` : ''}`);
  }
}

function checkFindings(what: string, fs: readonly Finding[], len: number): void {
  for (const f of fs) checkSpan(`finding ${f.ruleId}`, f.span, len, `${what}, on ${f.resource}: ${f.message.slice(0, 120)}`);
}

function checkEdits(what: string, edits: readonly TextEdit[], len: number): void {
  for (const e of edits) checkSpan(what, e, len, JSON.stringify(e).slice(0, 200));
}

/** Spans of one file's own analysis: its resources (and their instances), findings, syntax errors and comments. */
function checkAnalysisSpans(what: string, a: Analysis, len: number, ownFindings: boolean): void {
  const walk = (ras: Analysis['resources'], depth: number): void => {
    for (const ra of ras) {
      const r = ra.resource;
      checkSpan('resource span', r.span, len, `${what}: ${r.id}`);
      checkSpan('resource typeSpan', r.typeSpan, len, `${what}: ${r.id}`);
      checkSpan('resource nameSpan', r.nameSpan, len, `${what}: ${r.id}`);
      // A finding of a resource may point into a linked resource of another file of the module (`at`).
      if (ownFindings) checkFindings(`${what} resource ${r.id}`, ra.findings, len);
      if (ra.instances && depth < 4) walk(ra.instances, depth + 1);
    }
  };
  walk(a.resources, 0);
  checkFindings(what, a.findings, len);
  for (const e of a.doc.syntaxErrors) checkSpan(`${a.doc.language} syntax error`, e.span, len, `${what}: ${e.message.slice(0, 120)}`);
  for (const c of a.doc.comments) checkSpan('comment', c.span, len, what);
}

/** Offsets to hover at: random ones, the ends, resources' type and name, findings' starts. */
function hoverOffsets(rng: Rng, a: Analysis, len: number): number[] {
  const out = [0, len, rng.int(len + 1), rng.int(len + 1), rng.int(len + 1)];
  if (a.resources.length > 0) {
    const ra = rng.pick(a.resources);
    out.push(ra.resource.typeSpan.start + 1, ra.resource.nameSpan.start);
  }
  if (a.findings.length > 0) {
    const f = rng.pick(a.findings);
    out.push(f.span.start, Math.max(0, f.span.end - 1));
  }
  return out.filter((o) => Number.isFinite(o));
}

/**
 * Everything a user can reach from one file's analysis: effective findings, the JSON/text/Markdown reports, hovers,
 * quick fixes (applied, and the fixed text analysed again), suppressions, and that every span lies within the text.
 */
function fileOracles(rng: Rng, path: string, text: string, a: Analysis, hooks: Hooks, ownFindings: boolean, deep: boolean): void {
  const stage = (s: Stage): void => hooks.stage?.(s);
  stage('effectiveFindings');
  const findings = effectiveFindings(a, text, {});
  stage('fileReport');
  const rep = fileReport(path, text, a, findings);
  stage('textReport');
  textReport({ version: 1, files: [rep] });
  stage('reportMarkdown');
  reportMarkdown([rep]);
  stage('hoverAt');
  for (const off of hoverOffsets(rng, a, text.length)) {
    const h = hoverAt(a, off, rng.chance(0.5) ? { uri: 'file:///fuzz/x' } : {});
    if (h) checkSpan('hover', h.span, text.length, `at ${off}`);
  }
  stage('spans');
  checkAnalysisSpans(path, a, text.length, ownFindings);
  checkFindings(`${path} effective`, findings, text.length);
  if (!deep) return;

  // Quick fixes, as the code actions compute them (code-actions.ts).
  const doc = a.doc;
  let reanalysed = 0;
  let ignores = 0;
  for (const f of findings) {
    const own = doc.resources.find((r) => r.id === f.resource);
    const at = f.at ? doc.resources.find((r) => r.id === f.at?.id) : undefined;
    const fixable = own !== undefined && (at === undefined || at === own) && doc.source !== 'plan';
    const resource = own ?? at;
    if (f.ruleId === UNUSED_SUPPRESSION_RULE) {
      stage('removeSuppressionEdits');
      const edits = removeSuppressionEdits(text, doc, f.span);
      checkEdits('removeSuppressionEdits', edits, text.length);
      stage('applyEdits');
      applyEdits(text, edits);
      continue;
    }
    if (resource && fixable && f.fix) {
      stage('fixEdits');
      const edits = fixEdits(text, doc, resource, f.fix, f.span);
      checkEdits(`fixEdits ${f.ruleId}`, edits, text.length);
      stage('applyEdits');
      const fixed = applyEdits(text, edits);
      if (edits.length > 0 && reanalysed < 1) {
        reanalysed++;
        stage('analyzeText(fixed)');
        analyzeText(path, fixed);
      }
    }
    if (resource && f.ruleId === UNKNOWN_TYPE_RULE && f.suggestion) {
      stage('replaceTypeEdit');
      const e = replaceTypeEdit(text, resource, f.suggestion);
      checkEdits('replaceTypeEdit', [e], text.length);
      applyEdits(text, [e]);
    }
    if (resource && ignores < 3) {
      ignores++;
      stage('ignoreEdits');
      const edits = ignoreEdits(text, doc, resource, f.ruleId);
      checkEdits('ignoreEdits', edits, text.length);
      stage('applyEdits');
      applyEdits(text, edits);
    }
  }
}

export interface CaseStats {
  resources: number;
  findings: number;
  errors: number;
  refused: boolean;
}

/** Runs every oracle on a case; throws on the first failure (an exception of the product, or an OracleFailure). */
export function runOracles(c: Pick<FuzzCase, 'fileName' | 'text' | 'base' | 'incremental' | 'module' | 'oracleKey'>, hooks: Hooks = {}): CaseStats {
  const stage = (s: Stage): void => hooks.stage?.(s);
  const rng = new Rng(c.oracleKey);
  stage('analyzeText');
  const a = analyzeText(c.fileName, c.text);
  fileOracles(rng, c.fileName, c.text, a, hooks, true, true);

  if (c.incremental) {
    stage('incremental');
    const syntax = detectSyntax(c.fileName, undefined, c.text);
    const inc = new DocumentAnalyzer(syntax);
    inc.analyze(c.base);
    const after = summary(inc.analyze(c.text));
    const fresh = summary(a);
    if (after !== fresh) throw new OracleFailure('incremental', `incremental analysis (seed → mutated) differs from a fresh one: ${firstDiff(after, fresh)}`);
    const back = summary(inc.analyze(c.base));
    const freshBase = summary(new DocumentAnalyzer(syntax).analyze(c.base));
    if (back !== freshBase) throw new OracleFailure('incremental', `incremental analysis (mutated → seed) differs from a fresh one: ${firstDiff(back, freshBase)}`);
  }

  if (c.module) {
    stage('module:analyzeModule');
    const fs = memoryFs(c.module.files);
    const project = new TerraformProject({ fs });
    const views = [project.analyzeModule(c.module.dir), project.analyzeModule(`${c.module.dir}/mod`)];
    stage('module:file-oracles');
    for (const view of views) {
      for (const [p, fa] of view.files) {
        const t = c.module.files[p];
        if (t === undefined) continue;
        // Per file: the module's findings of this file are in its text; `ra.findings` may point into siblings.
        fileOracles(rng, p, t, fa, hooks, false, false);
      }
    }
    stage('module:tfvarsHover');
    for (const p of Object.keys(c.module.files)) {
      if (!p.endsWith('.tfvars') && !p.endsWith('.tfvars.json')) continue;
      const t = c.module.files[p];
      for (let i = 0; i < 3; i++) {
        const h = tfvarsHover(project, p, rng.int(t.length + 1));
        if (h) checkSpan('tfvars hover', h.span, t.length, p);
      }
    }
  }
  stage('done');
  return { resources: a.resources.length, findings: a.findings.length, errors: a.doc.syntaxErrors.length, refused: refuseReason(c.text) !== undefined };
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 80);
  return `at char ${i}: incremental …${a.slice(from, i + 120)}… vs fresh …${b.slice(from, i + 120)}…`;
}

// ---- failure signatures ----

/** The first stack frame in the product's sources (server/src/...:line), or the first frame at all. */
export function faultFrame(stack: string | undefined): string {
  if (!stack) return '?';
  const lines = stack.split('\n').slice(1);
  for (const l of lines) {
    const m = /(server\/src\/[^\s:()]+):(\d+)/.exec(l);
    if (m) {
      const fn = /at\s+([^\s(]+)\s+\(/.exec(l)?.[1] ?? '';
      return `${fn ? `${fn} ` : ''}${m[1]}:${m[2]}`;
    }
  }
  return lines[0]?.trim() ?? '?';
}

/** What groups failures into classes: kind, error name and message (numbers and quoted text blanked), fault frame. */
export function signature(kind: FailureKind, stage: string, message: string, stack: string | undefined): string {
  const msg = message
    .split('\n')[0]
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, 'S')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
  if (kind === 'hang') return `hang @ ${stage}`;
  if (kind === 'span') return `span @ ${stage}: ${message.replace(/^[^:]*: /, '').split(' | ')[0]}`;
  if (kind === 'incremental') return `incremental @ ${stage}: ${message.includes('mutated → seed') ? 'mutated → seed' : 'seed → mutated'}`;
  return `${kind} @ ${stage}: ${msg} @ ${faultFrame(stack)}`;
}

export function extOf(fileName: string): string {
  const m = /(\.tf\.json|\.tfvars\.json|\.[A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1] : '.txt';
}

export { kindOf };
