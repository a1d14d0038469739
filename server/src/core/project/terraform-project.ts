/**
 * Terraform as Terraform reads it: a module is a folder (every `.tf` / `.tf.json` in it), its variables take their
 * values from defaults, `.tfvars` files and `-var` options (roots), or from the arguments of the `module` blocks that
 * call it (children), and a `module` block is analysed as an instance of the module it names, per `count` /
 * `for_each` instance.
 *
 * Two views of a module folder:
 * - its **own view** (what its files say to someone editing them): every variable from tfvars / `-var` / its default —
 *   except, in a module that other modules of the project call, the variables a caller sets: those "depend on the
 *   caller" (unknown, never a gap);
 * - an **instance** per call: the variables are the call's arguments, addresses are `module.<name>[key].<address>`.
 *   A gap an instance has because of an argument is reported at that argument in the caller; a gap the module's own
 *   view reports already is reported there once; any other instance gap is reported at the call.
 *
 * Results per file keep every span in that file's own text; a finding goes to the file its span is in.
 */
import { analyze, IncrementalAnalyzer, type Analysis, type Finding, type RelatedSpan, type ResourceAnalysis } from '../analyze';
import { expansionOf, instanceList } from '../instances';
import { quoteName } from '../rules/message';
import { LineIndex } from '../present/positions';
import { emptyDocument, type ExprNode, type MapNode, type ParsedDocument, type Resource, type Span, type ValueNode } from '../model/types';
import type { InstanceEvaluator } from '../values/evaluator';
import type { InputSource } from '../values/context';
import { known, show, unknown, type Result } from '../values/result';
import { createEvaluator } from '../values/evaluator';
import { nodeWithSpan, variablesRead } from '../values/reads';
import { isLocalSource, manifestPath, parseModulesManifest, resolveModuleSource, type ModuleSource } from './module-sources';
import { basename, dirname, join, relative } from './paths';
import type { ProjectFs } from './project-fs';
import { sameEnds } from '../arrays';
import { groupByFile, type FileGrouping } from './file-grouping';
import { SourceFiles } from './source-files';
import type { BasedEdit } from '../parse/text-diff';
import { autoLoadedTfvars, type TfvarsFile, type VarAssignment } from './tfvars';
import { originalOf } from '../model/resource-index';
import { refsThroughLocals, tfAccountWide, tfConfigurerAttributes } from '../values/links';
import { get } from '../model/nodes';

/** A `-var-file` or `-var` option of the CLI, in the order given; applied to root modules (those nothing calls). */
export type RootInput = { readonly kind: 'file'; readonly file: TfvarsFile } | { readonly kind: 'var'; readonly name: string; readonly node: ValueNode };

export interface TerraformProjectOptions {
  readonly fs: ProjectFs;
  readonly maxBytes?: number;
  readonly rootInputs?: readonly RootInput[];
  /**
   * Keep what lets the next analysis of a module reuse unchanged resources' results (the editor). A one-pass scan (the
   * CLI) sets false: nothing is analysed twice, and keeping it only costs memory and garbage-collection time.
   */
  readonly incremental?: boolean;
}

/** One `module` block's analysis. */
export interface ModuleCallResult {
  /** The block, as its file declares it. */
  readonly call: Resource;
  /** `module.storage` (with the caller's own address prefix inside an instance). */
  readonly address: string;
  readonly source: ModuleSource;
  /** The instances analysed; empty when none is created (`count = 0`) or they cannot be (see `note`). */
  readonly instances: readonly ModuleInstance[];
  /** Why no instance was analysed (not downloaded, not found, a cycle...), or that the instances are not decided here. */
  readonly note?: string;
  /** How the instances were decided ("count = 2"). */
  readonly expansion?: string;
}

export interface ModuleInstance {
  /** `module.storage`, `module.storage[0]`, `module.storage["a"]`. */
  readonly address: string;
  /** Every resource of the instance under its address (`module.storage.aws_ebs_volume.this`). */
  readonly analysis: Analysis;
  readonly calls: readonly ModuleCallResult[];
}

/** Where a variable's value comes from, for hovers (in `.tf` and `.tfvars` files). */
export interface VariableSource {
  readonly name: string;
  /** The `variable` block, when the module declares it. */
  readonly declaration?: { readonly path: string; readonly span: Span; readonly node: MapNode };
  /** Assignments in the order Terraform applies them (the last wins). */
  readonly assignments: readonly { readonly path: string; readonly assignment: VarAssignment; readonly line: number }[];
  /** "set by the caller: module.storage in ../main.tf" when a caller sets it. */
  readonly caller?: string;
}

export interface ModuleAnalysis {
  readonly dir: string;
  /** Per `.tf` / `.tf.json` file: its resources, its findings (spans in its own text), its module calls. */
  readonly files: ReadonlyMap<string, Analysis>;
  readonly calls: readonly ModuleCallResult[];
  readonly variables: ReadonlyMap<string, VariableSource>;
  /** The variable files Terraform loads for this folder as a root module, in order. */
  readonly tfvars: readonly TfvarsFile[];
  /** True when another module of the project calls this one. */
  readonly called: boolean;
}

/** A finding and the file its span is in. */
interface Located {
  readonly finding: Finding;
  readonly file: string;
  /** The resource (as its file declares it) whose text the finding's span is in. */
  readonly origin: Resource;
}

interface ModuleDoc {
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly doc: ParsedDocument }[];
  readonly merged: ParsedDocument;
  readonly fileOf: ReadonlyMap<Resource, string>;
}

/** A module folder's resource types that may configure resources outside it, and the module calls it makes. */
interface DirSummary {
  readonly types: ReadonlySet<string>;
  readonly calls: readonly { readonly name: string; readonly source: string }[];
}

/** A call site of a module folder, for "depends on the caller". */
interface CallerRef {
  readonly file: string;
  readonly name: string;
  readonly args: ReadonlySet<string>;
}

/** Arguments of a `module` block that are not the module's variables. */
/** How many called module folders localModuleDirs gives at most (a hostile chain of calls). */
const MAX_CALLED_DIRS = 1000;

const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
/** Nested module calls deeper than this are not followed. */
const MAX_CALL_DEPTH = 16;
/** Module instances analysed for one module's view, in all (hostile `for_each` over thousands of modules). */
const MAX_MODULE_INSTANCES = 2000;

export class TerraformProject {
  readonly files: SourceFiles;
  private readonly rootInputs: readonly RootInput[];
  private readonly incremental: boolean;
  private readonly fs: ProjectFs;
  private readonly views = new Map<string, { generation: number; result: ModuleAnalysis }>();
  /** Per file of a module's own view: its findings as gathered and as sorted last time (sortedAfter). */
  private readonly sortedFindings = new Map<string, SortedFindings>();
  /** Per module folder of an own view: its resources grouped by file last time (file-grouping.ts). */
  private readonly groupings = new Map<string, FileGrouping>();
  /** Per module folder: the incremental analyzers of its own view and of the module instances its calls create. */
  private readonly analyzers = new Map<string, Map<string, IncrementalAnalyzer>>();
  private readonly inProgress = new Set<string>();
  /**
   * Per file: the local module calls it makes (child folder → call), for "depends on the caller"; valid while the
   * file's stamp is (so the index keeps no text: a released file is not read again to find it unchanged).
   */
  private readonly callIndex = new Map<string, { stamp: number; calls: { child: string; ref: CallerRef }[] }>();
  private indexedDirs = new Set<string>();
  /** Per module folder: what may configure resources outside it, and its calls (dirSummary). */
  private readonly summaries = new Map<string, { key: string; summary: DirSummary }>();
  private callers: { generation: number; map: Map<string, CallerRef[]> } | undefined;

  constructor(options: TerraformProjectOptions) {
    this.fs = options.fs;
    this.files = new SourceFiles(options.fs, options.maxBytes ?? 10 * 1024 * 1024, () => this.releaseClosed());
    this.rootInputs = options.rootInputs ?? [];
    this.incremental = options.incremental ?? true;
  }

  // ---- the caller index ----

  /** Adds folders whose module calls count as callers (the CLI's whole scan; the server's workspace walk). */
  indexDirs(dirs: Iterable<string>): void {
    for (const d of dirs) this.indexedDirs.add(d);
    // Who calls whom may have changed: no view made before this index stands.
    this.callers = undefined;
    this.views.clear();
    this.sortedFindings.clear();
    this.groupings.clear();
  }

  /**
   * The local module folders the modules in `dirs` call, down their calls (at most MAX_CALLED_DIRS), that are not among
   * `dirs` and hold Terraform files: the CLI scans them too, so that a module's own gaps are reported in its files when
   * only its callers' folders were named (`scan envs/prod` with `source = "../../modules/x"`).
   */
  localModuleDirs(dirs: readonly string[]): string[] {
    const seen = new Set(dirs);
    const out: string[] = [];
    const queue = [...dirs];
    for (let i = 0; i < queue.length && out.length < MAX_CALLED_DIRS; i++) {
      const dir = queue[i];
      for (const c of this.dirSummary(dir).calls) {
        if (!isLocalSource(c.source)) continue;
        const d = join(dir, c.source);
        if (seen.has(d)) continue;
        seen.add(d);
        if (this.files.terraformFiles(d).length === 0) continue;
        out.push(d);
        queue.push(d);
      }
    }
    return out;
  }

  /** `transient`: the file is read for its calls only (no open file needs its module): nothing of it is kept after. */
  private callsOf(path: string, transient = false): { child: string; ref: CallerRef }[] {
    const cached = this.callIndex.get(path);
    if (cached && cached.stamp === this.files.stamp(path)) return cached.calls;
    const held = this.files.isHeld(path);
    const text = this.files.text(path);
    const stamp = this.files.stamp(path);
    const calls: { child: string; ref: CallerRef }[] = [];
    // A file that called no module still calls none after an editor's change whose lines start no module block: the
    // lines it touched are looked at, not the whole text (5 MB read on each keystroke otherwise).
    const told = cached && cached.calls.length === 0 ? this.files.lastEdit(path) : undefined;
    if (told && told.fromStamp === cached?.stamp && !MODULE_CALL.test(linesOf(told.edit))) {
      this.callIndex.set(path, { stamp, calls });
      return calls;
    }
    // Cheap pre-check: most files call no module (`path.module` is not a call).
    if (text !== undefined && MODULE_CALL.test(text)) {
      const doc = this.files.document(path);
      for (const r of doc?.resources ?? []) {
        if (r.mode !== 'module' || !isLocalSource(r.type)) continue;
        const args = new Set<string>();
        for (const e of r.properties?.entries ?? []) if (!e.block && !META_ARGUMENTS.has(e.key)) args.add(e.key);
        const src = resolveModuleSource(r.type, dirname(path), [], new Map());
        if (src.kind === 'local') calls.push({ child: src.dir, ref: { file: path, name: r.name, args } });
      }
    }
    this.callIndex.set(path, { stamp, calls });
    if (transient && !held) this.files.release(path);
    return calls;
  }

  /**
   * The folders a folder's files call as local modules (`source = "./..."`), from the caller index: no analysis, and
   * nothing kept of a folder no open file needs.
   */
  calleesOf(dir: string): Set<string> {
    return this.localCallees(dir, this.incremental && !this.neededDirs().has(dir));
  }

  private localCallees(dir: string, transient: boolean): Set<string> {
    const out = new Set<string>();
    for (const f of this.files.terraformFiles(dir)) for (const c of this.callsOf(f, transient)) out.add(c.child);
    return out;
  }

  /** The calls of a folder's module made from the indexed folders and the open files. */
  callersOf(dir: string): readonly CallerRef[] {
    const gen = this.files.generation;
    if (!this.callers || this.callers.generation !== gen) {
      const map = new Map<string, CallerRef[]>();
      const dirs = new Set(this.indexedDirs);
      for (const p of this.files.openPaths()) dirs.add(dirname(p));
      // In the editor, the workspace's other folders are read for their calls only: their texts are not kept (a
      // monorepo's worth). A one-pass scan (the CLI) analyses every folder next: it keeps them.
      const needed = this.incremental ? this.neededDirs() : undefined;
      for (const d of dirs) {
        for (const f of this.files.terraformFiles(d)) {
          for (const c of this.callsOf(f, needed !== undefined && !needed.has(d))) {
            const list = map.get(c.child);
            if (list) list.push(c.ref);
            else map.set(c.child, [c.ref]);
          }
        }
      }
      this.callers = { generation: gen, map };
    }
    return this.callers.map.get(dir) ?? [];
  }

  // ---- module documents ----

  private moduleDoc(dir: string): ModuleDoc {
    const files: { path: string; doc: ParsedDocument }[] = [];
    for (const path of this.files.terraformFiles(dir)) {
      const doc = this.files.document(path);
      if (doc) files.push({ path, doc });
    }
    return { dir, files, ...mergeDocuments(files) };
  }

  // ---- the module's own view ----

  /** The module folder's own view, with its calls' instances; cached until a file of the project changes. */
  analyzeModule(dir: string): ModuleAnalysis {
    const gen = this.files.generation;
    const cached = this.views.get(dir);
    if (cached && cached.generation === gen) return cached.result;
    this.inProgress.add(dir);
    try {
      const result = this.ownView(dir);
      this.views.set(dir, { generation: gen, result });
      return result;
    } finally {
      this.inProgress.delete(dir);
    }
  }

  /** The analysis of one `.tf` / `.tf.json` file as part of its module. */
  analyzeFile(path: string): Analysis | undefined {
    return this.analyzeModule(dirname(path)).files.get(path);
  }

  private ownView(dir: string): ModuleAnalysis {
    const md = this.moduleDoc(dir);
    const callers = this.callersOf(dir);
    const called = callers.length > 0;
    const tfvars = autoLoadedTfvars(this.files.tfvarsFiles(dir).map(basename))
      .map((n) => this.files.tfvars(`${dir}/${n}`))
      .filter((f): f is TfvarsFile => f !== undefined);
    const variables = this.variableSources(md, tfvars, called ? [] : this.rootInputs, callers);
    const assigned = new Map<string, Result>();
    for (const v of variables.values()) {
      const last = v.assignments[v.assignments.length - 1];
      if (last) assigned.set(v.name, this.assignedValue(v.name, last.path, last.assignment, last.line));
    }
    const inputs: InputSource = {
      value: (name) => assigned.get(name),
      callerDependent: (name) => variables.get(name)?.caller,
    };
    const context: object[] = [];
    for (const v of variables.values()) for (const a of v.assignments) context.push(a.assignment.node);
    // A module its callers call: what their configurations create around it (a flow log for its VPC in a sibling
    // module) may configure its resources through its outputs.
    const outside = new Map<string, string>();
    for (const ref of callers) {
      const callerDir = dirname(ref.file);
      const manifest = parseModulesManifest(callerDir, this.fs.readFile(manifestPath(callerDir)));
      const around = this.outsideTypes(callerDir, '', `the calling module ${relative(dir, callerDir)}`, [], manifest, new Map())(ref.name);
      for (const [t, where] of around) if (!outside.has(t)) outside.set(t, where);
    }
    const contextKey = `${[...variables.values()].map((v) => `${v.name}:${v.caller ?? ''}`).join('|')}\u0000${[...outside].join('|')}`;
    const analyzer = this.analyzerFor(dir, 'own');
    const whole = analyzer.analyze(md.merged, { evaluator: { inputs }, context, contextKey, ...(outside.size > 0 ? { outside } : {}) });
    const values = whole.values as InstanceEvaluator;

    // Each file's resources and the findings they report there (from the last grouping when the edit changed a few).
    const fileOfResource = (r: Resource): string | undefined => md.fileOf.get(r.template ?? r) ?? md.fileOf.get(r);
    const grouping = groupByFile(
      this.groupings.get(dir),
      whole.resources,
      md.files.map((f) => f.path),
      fileOfResource,
    );
    this.groupings.set(dir, grouping);
    const perFile = new Map<string, { resources: readonly ResourceAnalysis[]; findings: Finding[]; calls: ModuleCallResult[] }>();
    for (const [path, share] of grouping.shares) perFile.set(path, { resources: share.resources, findings: share.findings.slice(), calls: [] });
    // Findings on `provider` blocks (no ResourceAnalysis of their own; after the resources' findings): to the file the block is in.
    for (let i = grouping.resourceFindings; i < whole.findings.length; i++) {
      const f = whole.findings[i];
      if (f.at?.type !== 'provider') continue;
      const file = fileOfResource(f.at);
      if (file) perFile.get(file)?.findings.push(f);
    }

    // Module calls: their instances, and where their findings are reported.
    const budget = { instances: MAX_MODULE_INSTANCES };
    const manifest = parseModulesManifest(dir, this.fs.readFile(manifestPath(dir)));
    const calls: ModuleCallResult[] = [];
    const outsideOf = grouping.moduleCalls.length > 0 ? this.outsideTypes(dir, '', 'the calling module', [], manifest, new Map()) : () => new Map<string, string>();
    for (const i of grouping.moduleCalls) {
      const ra = whole.resources[i];
      const callFile = grouping.file[i];
      if (!callFile) continue;
      const { result, located } = this.callInstances(ra.resource, '', callFile, dir, values, [ra.resource.name], manifest, [dir], budget, 0, outsideOf(ra.resource.name));
      calls.push(result);
      perFile.get(callFile)?.calls.push(result);
      for (const l of located) {
        const target = perFile.get(l.file);
        if (target) target.findings.push(l.finding);
        else if (!this.ownViewReports(l)) perFile.get(callFile)?.findings.push(atCall(l, ra.resource, callFile).finding);
      }
    }

    const files = new Map<string, Analysis>();
    const moduleFiles = md.files.map((f) => ({ file: f.path, doc: f.doc }));
    for (const f of md.files) {
      const p = perFile.get(f.path);
      if (!p) continue;
      const last = this.sortedFindings.get(f.path);
      const sorted = sortedAfter(last, p.findings);
      this.sortedFindings.set(f.path, sorted);
      const findings = sorted.output;
      files.set(f.path, { doc: f.doc, resources: p.resources, findings, values, modules: p.calls, moduleFiles });
    }
    return { dir, files, calls, variables, tfvars, called };
  }

  /** Whether the own view of the folder a finding is in reports it already (there it is shown once). */
  private ownViewReports(l: Located): boolean {
    const dir = dirname(l.file);
    if (this.inProgress.has(dir) || l.file.includes('/.terraform/')) return false;
    const own = this.analyzeModule(dir).files.get(l.file);
    return !!own?.findings.some((f) => f.ruleId === l.finding.ruleId && f.span.start === l.finding.span.start && f.span.end === l.finding.span.end);
  }

  /** The incremental analyzer of a module folder's own view (`own`) or of an instance one of its calls creates. */
  private analyzerFor(dir: string, key: string): Pick<IncrementalAnalyzer, 'analyze'> {
    if (!this.incremental) return ONE_SHOT;
    let m = this.analyzers.get(dir);
    if (!m) this.analyzers.set(dir, (m = new Map()));
    let a = m.get(key);
    if (!a) m.set(key, (a = new IncrementalAnalyzer()));
    return a;
  }

  // ---- releasing what no open file needs ----

  /**
   * The module folders an open file needs: the folders of the open files (`.tf`, `.tf.json`, `.tfvars`), and the
   * modules they call, down the chain (their instances are analysed with the caller, their own views say which gaps
   * are theirs). Local calls come from the caller index; downloaded modules from the last analysis of the caller.
   */
  private neededDirs(): Set<string> {
    const needed = new Set<string>();
    const stack = this.files.openPaths().map(dirname);
    while (stack.length > 0) {
      const d = stack.pop() as string;
      if (needed.has(d)) continue;
      needed.add(d);
      for (const c of this.localCallees(d, false)) stack.push(c);
      const view = this.views.get(d)?.result;
      if (view) for (const c of calledDirs(view.calls)) stack.push(c);
    }
    return needed;
  }

  /**
   * Forgets what is kept for the module folders no open file needs (an editor closed the last one): their analyses, the
   * incremental analyzers of their own views and of the instances their calls create, their files' texts and parses
   * (the caller index keeps only each file's calls). All of it is made again, from the disk, when a file needs it.
   */
  releaseClosed(): void {
    const needed = this.neededDirs();
    for (const d of [...this.views.keys()]) if (!needed.has(d)) this.views.delete(d);
    for (const p of [...this.sortedFindings.keys()]) if (!needed.has(dirname(p))) this.sortedFindings.delete(p);
    for (const d of [...this.groupings.keys()]) if (!needed.has(d)) this.groupings.delete(d);
    for (const d of [...this.analyzers.keys()]) if (!needed.has(d)) this.analyzers.delete(d);
    for (const p of this.files.heldPaths()) if (!needed.has(dirname(p))) this.files.release(p);
  }

  /** The module folders for which the project keeps an analysis, an incremental analyzer or a file's text or parse. */
  heldDirs(): Set<string> {
    const out = new Set<string>([...this.views.keys(), ...this.analyzers.keys()]);
    for (const p of this.files.heldPaths()) out.add(dirname(p));
    return out;
  }

  private variableSources(md: ModuleDoc, tfvars: readonly TfvarsFile[], rootInputs: readonly RootInput[], callers: readonly CallerRef[]): Map<string, VariableSource> {
    type Mutable = { name: string; declaration?: VariableSource['declaration']; assignments: VariableSource['assignments'][number][]; caller?: string };
    const out = new Map<string, Mutable>();
    const get = (name: string): Mutable => {
      let v = out.get(name);
      if (!v) out.set(name, (v = { name, assignments: [] }));
      return v;
    };
    for (const f of md.files) {
      for (const [name, decl] of f.doc.declarations.parameters) if (!get(name).declaration) get(name).declaration = { path: f.path, span: decl.span, node: decl.node };
    }
    const files = [...tfvars, ...rootInputs.filter((i) => i.kind === 'file').map((i) => (i as { file: TfvarsFile }).file)];
    // tfvars first (auto-loaded, then -var-file in order), then -var options, each in order: the last wins.
    const ordered: { path: string; a: VarAssignment }[] = [];
    for (const f of tfvars) for (const a of f.assignments) ordered.push({ path: f.path, a });
    for (const i of rootInputs) {
      if (i.kind === 'file') for (const a of i.file.assignments) ordered.push({ path: i.file.path, a });
      else ordered.push({ path: '-var', a: { name: i.name, nameSpan: { start: 0, end: 0 }, node: i.node } });
    }
    const lineIndexes = new Map<string, LineIndex>();
    for (const f of files) {
      const t = this.files.text(f.path) ?? '';
      lineIndexes.set(f.path, new LineIndex(t));
    }
    for (const { path, a } of ordered) {
      const li = lineIndexes.get(path);
      get(a.name).assignments.push({ path, assignment: a, line: li ? li.positionAt(a.nameSpan.start).line + 1 : 0 });
    }
    for (const c of callers) {
      for (const name of c.args) {
        const v = get(name);
        const where = `module.${c.name} in ${relative(md.dir, c.file)}`;
        v.caller = v.caller === undefined ? `set by the caller: ${where}` : v.caller.includes(where) ? v.caller : `${v.caller}, ${where}`;
      }
    }
    // A value a tfvars file assigns is this folder's own (it is a root when run here): it does not depend on a caller.
    for (const v of out.values()) if (v.assignments.length > 0) v.caller = undefined;
    return out as Map<string, VariableSource>;
  }

  private assignedValue(name: string, path: string, a: VarAssignment, line: number): Result {
    const r = createEvaluator(emptyDocument('terraform')).evaluate(a.node);
    const where = path === '-var' ? 'a -var option' : `${basename(path)} line ${line}`;
    if (!r.known) return unknown([`variable ${name} (from ${where})`, ...r.dependsOn]);
    return known(r.value, [`variable ${name} = ${show(r.value)} (from ${where})`]);
  }

  // ---- module calls and instances ----

  /**
   * A module folder's resource types that may configure a resource outside it (mayConfigureOutside), and its module
   * calls; kept per folder while its files' stamps are the same. Read from the parsed files alone (no analysis), so a
   * count or for_each of 0 still counts: an over-approximation that can only turn a gap into "unknown". The files of
   * a folder no open file needs are released after (as the caller index does).
   */
  private dirSummary(dir: string): DirSummary {
    const files = this.files.terraformFiles(dir);
    const key = files.map((f) => `${f}\u0000${this.files.stamp(f)}`).join('\u0001');
    const cached = this.summaries.get(dir);
    if (cached && cached.key === key) return cached.summary;
    const held = files.map((f) => this.files.isHeld(f));
    const docs = files.map((f) => this.files.document(f));
    const locals = new Map<string, ValueNode>();
    for (const d of docs) for (const [k, v] of d?.declarations.locals ?? []) locals.set(k, v);
    const types = new Set<string>();
    const calls: { name: string; source: string }[] = [];
    for (const d of docs) {
      for (const r of d?.resources ?? []) {
        if (r.mode === 'resource') {
          if (!types.has(r.type) && (mayConfigureOutside(r, locals) || accountWide(r))) types.add(r.type);
        }
        else if (r.mode === 'module') calls.push({ name: r.name, source: r.type });
      }
    }
    const summary = { types, calls };
    this.summaries.set(dir, { key, summary });
    if (this.incremental && !this.neededDirs().has(dir)) files.forEach((f, i) => !held[i] && this.files.release(f));
    return summary;
  }

  /**
   * For each module call `dir`'s files make: the resource types created outside that call's instances that may
   * configure one of their resources — the folder's own (`self`), the other calls' modules (down their calls), and what
   * is outside the folder itself (`above`) — each with where, for AnalyzeOptions.outside.
   */
  private outsideTypes(dir: string, prefix: string, self: string, keyPath: readonly string[], manifest: ReadonlyMap<string, string>, above: ReadonlyMap<string, string>): (callName: string) => ReadonlyMap<string, string> {
    const summary = this.dirSummary(dir);
    const perCall = summary.calls.map((c) => ({ name: c.name, types: this.typesOfModule(c.source, dir, [...keyPath, c.name], manifest, new Set([dir])) }));
    return (callName) => {
      const out = new Map(above);
      for (const t of summary.types) out.set(t, self);
      for (const c of perCall) if (c.name !== callName) for (const t of c.types) if (!out.has(t)) out.set(t, `${prefix}module.${c.name}`);
      return out;
    };
  }

  /** The types a module's resources may configure outside it (dirSummary), its own calls' included (cycles and depth bounded). */
  private typesOfModule(source: string, callerDir: string, keyPath: readonly string[], manifest: ReadonlyMap<string, string>, seen: Set<string>): Set<string> {
    const out = new Set<string>();
    const resolved = resolveModuleSource(source, callerDir, keyPath, manifest);
    if (resolved.kind === 'none' || resolved.kind === 'not-downloaded' || seen.has(resolved.dir) || seen.size > MAX_CALL_DEPTH) return out;
    seen.add(resolved.dir);
    const summary = this.dirSummary(resolved.dir);
    for (const t of summary.types) out.add(t);
    for (const c of summary.calls) for (const t of this.typesOfModule(c.source, resolved.dir, [...keyPath, c.name], manifest, seen)) out.add(t);
    return out;
  }

  /**
   * The instances of one `module` block, analysed; and their findings, each in the file its span is in (relocated to
   * an argument of this call when the argument caused it).
   */
  private callInstances(
    call: Resource,
    prefix: string,
    callFile: string,
    callerDir: string,
    callerValues: InstanceEvaluator,
    keyPath: readonly string[],
    manifest: ReadonlyMap<string, string>,
    stack: readonly string[],
    budget: { instances: number },
    depth: number,
    /** Resource types created outside these instances, with where (AnalyzeOptions.outside). */
    outside: ReadonlyMap<string, string>,
  ): { result: ModuleCallResult; located: Located[] } {
    const address = `${prefix}module.${call.name}`;
    const source = resolveModuleSource(call.type, callerDir, keyPath, manifest);
    const none = (note: string, extra: Partial<ModuleCallResult> = {}): { result: ModuleCallResult; located: Located[] } => ({ result: { call, address, source, instances: [], note, ...extra }, located: [] });
    if (source.kind === 'none') return none('the module block has no literal `source`');
    if (source.kind === 'not-downloaded') return none(`the module is not downloaded (run \`terraform init\`): its resources are unknown`);
    if (depth >= MAX_CALL_DEPTH) return none(`module calls nested deeper than ${MAX_CALL_DEPTH} are not followed`);
    if (stack.includes(source.dir)) return none('the module calls itself (a cycle): not followed');
    const childFiles = this.files.terraformFiles(source.dir);
    if (childFiles.length === 0) return none(`no Terraform files in ${relative(callerDir, source.dir)}`);
    const expansion = expansionOf(call.properties, callerValues);
    // A `count` / `for_each` the files do not decide: analysed once, as a resource block is, with `count.index`,
    // `each.key` and `each.value` unknown (what depends on them stays unknown; what does not is judged).
    const undecided = !expansion && call.properties !== undefined && hasMeta(call.properties);
    const keys = expansion ? expansion.keys : [{ suffix: '', bindings: {} }];
    if (keys.length > budget.instances) return none('too many module instances to analyse', { expansion: expansion?.meta });
    budget.instances -= keys.length;
    const md = this.moduleDoc(source.dir);
    const callText = this.files.text(callFile) ?? '';
    const callLines = new LineIndex(callText);
    const instances: ModuleInstance[] = [];
    const located: Located[] = [];
    /** The instance each located finding came from (for keys.length > 1: mergeInstanceFindings). */
    const from: string[] = [];
    for (const key of keys) {
      const instAddress = address + key.suffix;
      const values = key.suffix === '' ? callerValues : (callerValues.forInstance(key.bindings) as InstanceEvaluator);
      // The call's arguments, evaluated where they are written.
      const args = new Map<string, { node: ValueNode; result: Result }>();
      for (const e of call.properties?.entries ?? []) {
        if (e.block || META_ARGUMENTS.has(e.key)) continue;
        const ev = values.evaluate(e.value);
        const where = `argument ${e.key} of ${instAddress} (${basename(callFile)} line ${callLines.positionAt(e.value.span.start).line + 1})`;
        args.set(e.key, { node: e.value, result: ev.known ? known(ev.value, [where, ...(ev.via ? [ev.via] : [])]) : unknown([where, ...ev.dependsOn]) });
      }
      const inputs: InputSource = { value: (name) => args.get(name)?.result };
      const instDoc = instanceDocument(md.merged, `${instAddress}.`);
      const contextKey = JSON.stringify([[...args].map(([k, v]) => [k, v.result.known ? v.result.value : null, v.result.known]), [...outside]]);
      const analysis = this.analyzerFor(stack[0], `instance:${instAddress}`).analyze(instDoc.doc, { evaluator: { inputs }, context: [...md.files.map((f) => f.doc)], contextKey, outside });
      const instValues = analysis.values as InstanceEvaluator;
      const fileOf = (r: Resource): string | undefined => md.fileOf.get(originalOf(r));
      // This instance's own findings, then those of the calls it makes.
      const inner: Located[] = [];
      for (const ra of analysis.resources) {
        for (const f of ra.findings) {
          const origin = originalOf(f.at ?? ra.resource);
          const file = md.fileOf.get(origin);
          if (file) inner.push({ finding: f, file, origin });
        }
      }
      const nested: ModuleCallResult[] = [];
      const nestedOutside = this.outsideTypes(source.dir, `${instAddress}.`, instAddress, keyPath, manifest, outside);
      for (const ra of analysis.resources) {
        if (ra.resource.mode !== 'module') continue;
        const nestedFile = fileOf(ra.resource);
        if (!nestedFile) continue;
        const sub = this.callInstances(originalOf(ra.resource), `${instAddress}.`, nestedFile, source.dir, instValues, [...keyPath, ra.resource.template?.name ?? ra.resource.name], manifest, [...stack, source.dir], budget, depth + 1, nestedOutside(originalOf(ra.resource).name));
        nested.push(sub.result);
        for (const l of sub.located) {
          // A nested gap the child's own view reports is the child's; others are the nested call's, in the child.
          if (md.files.some((f) => f.path === l.file)) inner.push(l);
          else inner.push(l.file.includes('/.terraform/') || !this.ownViewReports(l) ? atCall(l, originalOf(ra.resource), nestedFile) : l);
        }
      }
      // A gap that an argument of this call causes is reported at the argument.
      for (const l of inner) {
        const arg = md.files.some((f) => f.path === l.file) ? causingArgument(l, md, args) : undefined;
        if (arg) located.push({ file: callFile, finding: { ...l.finding, span: arg.node.span, at: call, related: relatedFrom(l, `where ${l.finding.resource} uses this argument`) }, origin: call });
        else located.push(l);
        from.push(instAddress);
      }
      instances.push({ address: instAddress, analysis, calls: nested });
    }
    if (keys.length > 1) return { result: this.callResult(call, address, source, instances, expansion, undecided), located: mergeInstanceFindings(located, from, address, keys.length) };
    return { result: this.callResult(call, address, source, instances, expansion, undecided), located };
  }

  private callResult(call: Resource, address: string, source: ModuleSource, instances: ModuleInstance[], expansion: ReturnType<typeof expansionOf>, undecided: boolean): ModuleCallResult {
    const note = undecided ? 'its `count` / `for_each` is not decided by these files: analysed once, and what depends on the instance (`count.index`, `each.key`, `each.value`) is unknown' : undefined;
    return { call, address, source, instances, ...(expansion ? { expansion: expansion.meta } : {}), ...(note ? { note } : {}) };
  }
}

/**
 * The findings of a module call's instances, the same gap of several instances as one finding (same rule, file, place
 * and sentence but for the instance's address) that names them — every instance: the call's address, "(all N
 * instances)" — as a resource block's instances are (analyze.ts mergeInstances).
 */
function mergeInstanceFindings(located: readonly Located[], from: readonly string[], address: string, count: number): Located[] {
  const groups = new Map<string, { l: Located; instances: string[] }>();
  located.forEach((l, i) => {
    const f = l.finding;
    const key = `${l.file}\u0000${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.at?.id ?? ''}\u0000${f.message.split(from[i]).join('\u0001')}`;
    const g = groups.get(key);
    if (g) g.instances.push(from[i]);
    else groups.set(key, { l, instances: [from[i]] });
  });
  const out: Located[] = [];
  for (const { l, instances } of groups.values()) {
    const first = instances[0];
    // The quoted name of the first instance's resource: `module.x["a"].aws_instance.this`.
    const at = l.finding.message.indexOf('`' + first);
    const end = at < 0 ? -1 : l.finding.message.indexOf('`', at + 1);
    if (instances.length === 1 || end < 0) {
      out.push(l);
      continue;
    }
    const rest = l.finding.message.slice(at + 1 + first.length, end);
    const all = instances.length === count;
    const who = all ? `${quoteName(address + rest)} (all ${count} instances)` : instanceList(instances.map((x) => x + rest));
    const message = l.finding.message.slice(0, at) + who + l.finding.message.slice(end + 1);
    out.push({ ...l, finding: { ...l.finding, message, ...(all ? { resource: address + rest } : {}) } });
  }
  return out;
}

/** The folders of the modules the calls read (local and downloaded), with those their instances call, down the chain. */
function calledDirs(calls: readonly ModuleCallResult[], out: string[] = []): string[] {
  for (const c of calls) {
    if (c.source.kind === 'local' || c.source.kind === 'downloaded') out.push(c.source.dir);
    for (const i of c.instances) calledDirs(i.calls, out);
  }
  return out;
}

/** Analysis without memory of earlier ones (a one-pass scan). */
const ONE_SHOT: Pick<IncrementalAnalyzer, 'analyze'> = { analyze: (doc, options) => analyze(doc, options) };

function hasMeta(body: MapNode): boolean {
  return body.entries.some((e) => !e.block && (e.key === 'count' || e.key === 'for_each'));
}

/** A module instance's document: every resource under its address, the module's own nodes and declarations. */
function instanceDocument(merged: ParsedDocument, prefix: string): { doc: ParsedDocument } {
  const resources = merged.resources.map((r): Resource => ({ ...r, id: prefix + r.id, name: prefix + r.id, template: r }));
  return { doc: { ...merged, resources } };
}

/**
 * The argument of the call that decided a gap: the gap's span is an expression of the module that reads `var.X`
 * (directly or through locals) and the call sets X. The first such argument in the call's order.
 */
function causingArgument(l: Located, md: ModuleDoc, args: ReadonlyMap<string, { node: ValueNode }>): { node: ValueNode } | undefined {
  if (args.size === 0) return undefined;
  const expr = nodeWithSpan(l.origin.properties, l.finding.span);
  if (!expr) return undefined;
  const vars = variablesRead(expr, md.merged.declarations.locals);
  for (const name of args.keys()) if (vars.has(name)) return args.get(name);
  return undefined;
}


/** A finding inside a called module that the module's own files do not show: reported at the call, saying where. */
function atCall(l: Located, call: Resource, callFile: string): Located {
  const where = relative(dirname(callFile), l.file);
  const f = l.finding;
  return { file: callFile, finding: { ...f, span: call.nameSpan, at: call, message: `${f.message} (in ${where})`, related: relatedFrom(l, `the finding in ${where}`) }, origin: call };
}

/** A relocated finding's related places: where it was, then what it already had (in its file unless they say). */
function relatedFrom(l: Located, message: string): RelatedSpan[] {
  return [{ file: l.file, span: l.finding.span, message }, ...(l.finding.related ?? []).map((r) => (r.file ? r : { ...r, file: l.file }))];
}

/** A file's findings as gathered, and sorted (sortedUnique); `dropped`: whether duplicates were left out. */
interface SortedFindings {
  readonly input: readonly Finding[];
  readonly output: Finding[];
  readonly dropped: boolean;
}

/**
 * The order sortedUnique sorts by: where a finding starts, then its rule — ties by rule id in code-point order, which
 * for rule ids (kebab-case ASCII) is the order localeCompare gives, at a fraction of its cost.
 */
function compareFindings(a: Finding, aStart: number, b: Finding, bStart: number): number {
  return aStart - bStart || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * sortedUnique of `input`, from the last sort of the same file's findings when only a few changed: an edit replaces one
 * resource's findings (new objects) and moves the others together (anchored spans), so the unchanged ones keep their
 * order. Those are kept as sorted, the changed ones inserted by a binary search: no span of the 10,000 others is read.
 * Anything else — many changes, a list with duplicates left out — sorts again.
 */
function sortedAfter(last: SortedFindings | undefined, input: readonly Finding[]): SortedFindings {
  if (last && !last.dropped) {
    const old = last.input;
    const { head, tail } = sameEnds(old, input);
    const removed = old.length - head - tail;
    const added = input.length - head - tail;
    if (removed + added <= 64) {
      const gone = new Set(old.slice(head, old.length - tail));
      const output = gone.size === 0 ? last.output.slice() : last.output.filter((f) => !gone.has(f));
      for (let i = head; i < input.length - tail; i++) {
        const f = input[i];
        const start = f.span.start;
        let lo = 0;
        let hi = output.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compareFindings(output[mid], output[mid].span.start, f, start) < 0) lo = mid + 1;
          else hi = mid;
        }
        // Another finding with the same place and rule: where it goes depends on the gathered order (the sort is stable),
        // and it may be a duplicate to leave out: sorted again.
        const same = (g: Finding | undefined): boolean => g !== undefined && g.span.start === start && g.ruleId === f.ruleId;
        if (same(output[lo]) || same(output[lo - 1])) return sortedFresh(input);
        output.splice(lo, 0, f);
      }
      return { input, output, dropped: false };
    }
  }
  return sortedFresh(input);
}

function sortedFresh(input: readonly Finding[]): SortedFindings {
  const output = sortedUnique(input);
  return { input, output, dropped: output.length !== input.length };
}

/**
 * Findings by where they start, then by rule, each once (a finding can reach a file twice: from its resource and from
 * the resource it is written in): the same rule, place, resource and message, compared among the findings at one start
 * rather than by a string key per finding (a 10,000-resource module has 17,000 findings; building and hashing their keys
 * cost 40 ms per keystroke). Each start is read once (an anchored span computes it): a comparison reading the
 * spans read them n log n times, 10,000 findings on each keystroke in a large module. The sort is stable, so of
 * duplicates the first one stays, and dropping them after sorting gives what sorting the deduplicated list gives.
 */
function sortedUnique(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ start: f.span.start, f }));
  keyed.sort((a, b) => compareFindings(a.f, a.start, b.f, b.start));
  const out: Finding[] = [];
  let run = 0;
  for (let i = 0; i < keyed.length; i++) {
    const { start, f } = keyed[i];
    if (i === 0 || start !== keyed[i - 1].start) run = out.length;
    let seen = false;
    for (let j = run; j < out.length && !seen; j++) {
      const g = out[j];
      seen = g === f || (g.ruleId === f.ruleId && g.span.end === f.span.end && g.resource === f.resource && g.message === f.message);
    }
    if (!seen) out.push(f);
  }
  return out;
}

/** One module from its files: resources in file order, variables and locals from all (the first declaration wins). */
export function mergeDocuments(files: readonly { readonly path: string; readonly doc: ParsedDocument }[]): { merged: ParsedDocument; fileOf: Map<Resource, string> } {
  const resources: Resource[] = [];
  const parameters = new Map<string, { span: Span; node: MapNode }>();
  const locals = new Map<string, ValueNode>();
  const fileOf = new Map<Resource, string>();
  const providers: Resource[] = [];
  for (const { path, doc } of files) {
    for (const r of doc.resources) {
      resources.push(r);
      fileOf.set(r, path);
    }
    for (const p of doc.providers ?? []) {
      providers.push(p);
      fileOf.set(p, path);
    }
    for (const [k, v] of doc.declarations.parameters) if (!parameters.has(k)) parameters.set(k, v);
    for (const [k, v] of doc.declarations.locals) if (!locals.has(k)) locals.set(k, v);
  }
  const merged: ParsedDocument = {
    language: 'terraform',
    isTemplate: true,
    resources,
    declarations: { parameters, conditions: new Map(), mappings: new Map(), locals },
    transforms: [],
    syntaxErrors: [],
    comments: [],
    ...(providers.length > 0 ? { providers } : {}),
  };
  return { merged, fileOf };
}

/** A line that starts a module block (`path.module` is not one). */
const MODULE_CALL = /^[ \t]*module[ \t]+["A-Za-z_]/m;

/** The new text of the whole lines an edit touched (from its base text and its own: the new text is not read). */
function linesOf(e: BasedEdit): string {
  const from = e.base.lastIndexOf('\n', e.start - 1) + 1;
  const nl = e.base.indexOf('\n', e.oldEnd);
  return e.base.slice(from, e.start) + e.text + e.base.slice(e.oldEnd, nl < 0 ? e.base.length : nl);
}

/** An account-wide setting (EBS encryption by default, ECR registry scanning) that does not turn itself off (`enabled = false`). */
function accountWide(r: Resource): boolean {
  if (!tfAccountWide(r.type)) return false;
  const enabled = get(r.properties, 'enabled');
  return !(enabled?.type === 'scalar' && enabled.value === false);
}

/**
 * Whether a Terraform resource that configures others (a flow log's `vpc_id`, a public access block's `bucket`) may
 * name one outside its module: its target refers to a variable, a module's output or a data source (through the
 * module's locals); a target that refers only to the module's own resources, or a literal id, names none outside.
 */
function mayConfigureOutside(r: Resource, locals: ReadonlyMap<string, ValueNode>): boolean {
  const outward = (ref: string): boolean => ref.startsWith('var.') || ref.startsWith('module.') || ref.startsWith('data.');
  return tfConfigurerAttributes(r.type).some((attribute) => refsThroughLocals(get(r.properties, attribute), locals).some(outward));
}
