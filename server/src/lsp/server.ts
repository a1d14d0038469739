/** The language server: a thin LSP layer over the pure core (documents in, diagnostics and hovers out). */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../core/analyze';
import { applyAssumptions } from '../core/config/assume';
import { prepareCatalog } from '../core/catalog/catalog';
import { applyKindOverrides } from '../core/config/kinds';
import { applyOwners } from '../core/config/owners';
import { CONFIG_FILE_NAMES, parseConfig } from '../core/config/config-file';
import { isIgnoredPath } from '../core/config/glob';
import { mergeRuleSettings } from '../core/config/severity';
import { effectiveFindings } from '../core/findings';
import { codeActions } from './code-actions';
import { WorkspaceConfigLookup, type LoadedConfig } from './config-lookup';
import { detectSyntax, DocumentAnalyzer, refuseReason, type Syntax } from '../core/document';
import { HEAD_BYTES } from '../core/refuse';
import * as l10n from '@vscode/l10n';
import { analyzeText } from '../core/document';
import { hoverAt } from '../core/present/hover';
import { plainText } from '../core/present/escape';
import { hoverThroughEdit } from '../core/present/stale-hover';
import { positionShift, shiftedPosition, type PositionShift } from './position-shift';
import { EditLog } from './edit-log';
import { DiagnosticReports } from './diagnostic-reports';
import { createDocument, type LspTextDocument } from './text-document';
import { fileReport } from '../core/present/report';
import { modelView } from '../core/present/model-view';
import type { Severity } from '../core/rules/rule-api';
import { RULES } from '../core/rules';
import { codeLenses } from './code-lens';
import {
  ANALYZE_TEXT_REQUEST,
  FILE_REPORT_REQUEST,
  MODEL_REQUEST,
  TIMING_NOTIFICATION,
  type AnalyzeTextParams,
  type FileReportParams,
  type FileReportResult,
  type TimingParams,
} from './protocol';
import { documentSymbols } from './symbols';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { isTerraformInput, TerraformWorkspace } from './terraform-workspace';
import { DEFAULT_MAX_BYTES } from '../core/refuse';
import { VERSION } from '../core/version';
import { dirname } from '../core/project/paths';
import { settle, type PathApi, type ServerHost } from './host';
import { tfvarsDiagnostics, tfvarsHover } from './tfvars-documents';
import { withNestedStacks } from '../core/project/nested-stacks';
import { parseTemplateFile } from '../core/document';
import { pushAll, sameEnds } from '../core/arrays';
import { relatedInformationConverter, sameRelated, type RelatedInformationOf } from './related-info';
import { IdleWarmUp } from './warm-up';
import { keepSampleOf } from '../core/shape-keeper';

export const SOURCE = 'aws-responsibility';
/** What a Terraform module's analysis reads besides `.tf` files. */
const TERRAFORM_GLOBS = ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json', '**/.terraform/modules/modules.json'];
/** Templates a nested stack can name (a change re-analyses the parents that are open). */
const TEMPLATE_GLOBS = ['**/*.{yaml,yml,json,template}'];
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
/** Re-analysis runs at once while it is fast; a slow file (a huge Terraform file) waits for typing to pause. */
const FAST_MS = 50;
/** A re-analysis at least this long (ms) starts after a nap of one timer tick (see schedule). */
const NAP_MS = 5;
const SLOW_DEBOUNCE_MS = 300;
/**
 * The first change after a pause on a slow file waits one frame: a request sent right behind it (a hover) is answered
 * from the last analysis instead of waiting for the new one, which takes longer than this on such a file.
 */
const SLOW_GRACE_MS = 16;
/** A text at least this long is copied whole once the user pauses this long (ms) after its analysis (copyWhenIdle). */
const IDLE_COPY_CHARS = 1 << 20;
const IDLE_COPY_MS = 40;

interface DocState {
  analyzer: DocumentAnalyzer;
  analysis?: Analysis;
  /** The analysis's findings as shown (suppressions and rule settings applied), computed once per analysis. */
  shown: Finding[];
  /** The version `shown` was computed for (a moment after `analyzedVersion`: requests are answered in between). */
  shownVersion?: number;
  version: number;
  analyzedVersion: number;
  /** The text `analysis` was made from (hovers while typing map positions through the edits since). */
  analyzedText?: string;
  /** The version whose text `analyzedText` is (edit-log.ts maps a hover's position from it). */
  analyzedTextVersion?: number;
  /** What the lenses show, summarised: a refresh is asked for only when it changes. */
  lensKey?: string;
  /** Duration of the last re-analysis (the first, cold analysis of a document does not count). */
  lastMs: number;
  analyses: number;
  refused?: string;
  timer?: NodeJS.Timeout;
  /** A Terraform change of this document whose effect on other open documents is still to be scheduled. */
  affectsOthers?: boolean;
  /** Changes scheduled so far (a scheduled analysis runs only if no later change superseded it). */
  scheduled: number;
  /** When the last change was scheduled (performance.now()): typing that pauses longer is not debounced. */
  changedAtMs?: number;
  /** The last publication's diagnostics, reused for the findings an edit did not change. */
  diagnostics: DiagnosticCache;
  /** The version whose text was last given to the Terraform project as this document's (its edits are relative to it). */
  overlayVersion?: number;
  /** The idle copy of the text last analysed (copyWhenIdle). */
  copyTimer?: ReturnType<typeof setTimeout>;
  /** Benchmarks (host.timing): document sync time since the last analysis, and when the last change was applied. */
  syncMs?: number;
  changedAt?: number;
}

/** Templates that may have nested stacks with a local template (their children are read from the workspace). */
const NESTED_STACK = /AWS::CloudFormation::Stack|AWS::Serverless::Application/;

/** The language server over `connection`; `host` is the platform (../node/lsp-host.ts, ../web/host.ts). */
export function startServer(connection: Connection, host: ServerHost): void {
  const path = host.path;
  const safeFsPath = (uri: string): string => host.fsPath(uri);
  // Each change is also recorded as a region of the text (edit-log.ts): a hover while the user types maps through it.
  const edits = new EditLog();
  const documents = new TextDocuments<LspTextDocument>({
    create: createDocument,
    update: (doc, changes, version) => {
      const replaced = doc.getText().length;
      edits.update(doc, changes, version);
      host.discardedText?.(replaced);
      return doc;
    },
  });
  const states = new Map<string, DocState>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let hasConfiguration = false;
  let codeLensRefresh = false;
  /** The client pulls diagnostics (diagnostic-reports.ts) and can be asked to pull again; otherwise they are pushed. */
  let pullDiagnostics = false;
  /** The client links rule codes to their documentation itself, from the table in our initialize result (ours does). */
  let ruleLinksInClient = false;
  const reports = new DiagnosticReports();
  let refreshQueued = false;
  /** Requests handled so far (afterQueuedRequests waits until they stop coming). */
  let handled = 0;
  /** JIT warm-up while the server is idle (warm-up.ts); its diagnostics are converted as a publication's, not sent. */
  const warmUp = new IdleWarmUp({
    convert: (doc, analysis, findings, relatedOf) => void toDiagnostics(doc, analysis, findings, new DiagnosticCache(!ruleLinksInClient), relatedOf),
    collectGarbage: host.collectGarbage ? () => host.collectGarbage?.() : undefined,
    log: (m) => log(m),
    documentsOpen: () => states.size > 0,
  });
  let watchConfig = false;
  /** The client watches Terraform files for us (dynamic `workspace/didChangeWatchedFiles`). */
  let watchFiles = false;
  const configs = new WorkspaceConfigLookup(host, [], (m) => log(m));
  const tf = new TerraformWorkspace(DEFAULT_MAX_BYTES, (paths) => {
    // Our own watcher saw a Terraform file change on disk (clients that cannot watch for us).
    for (const p of paths) rescheduleAffected(p, undefined);
    if (paths.length === 0) for (const d of documents.all()) if (isTerraform(d)) schedule(d);
  }, host);

  /** Per open CloudFormation document: the local templates of its nested stacks (re-analysed when one changes). */
  const stackChildren = new Map<string, Set<string>>();

  /** The text of an open document with this project path. */
  function openText(p: string): string | undefined {
    for (const d of documents.all()) if (projectPath(d) === p) return d.getText();
    return undefined;
  }

  /** A nested template changed: its open parents are analysed again. */
  function rescheduleParents(changed: string, except?: string): void {
    for (const [uri, children] of stackChildren) {
      if (uri === except || !children.has(changed)) continue;
      const d = documents.get(uri);
      if (d) schedule(d);
    }
  }

  function ensureTerraformIndex(): void {
    if (tf.isIndexed) return;
    tf.ensureIndexed();
    if (tf.lastIndex) log(`Terraform: indexed ${tf.lastIndex.dirs} module folders of the workspace in ${Math.round(tf.lastIndex.ms)} ms`);
  }

  /** Files of the Terraform project: `.tf`, `.tf.json` and variable files with a real path. */
  function projectPath(doc: TextDocument): string | undefined {
    if (!host.isProjectUri(doc.uri)) return undefined;
    const p = safeFsPath(doc.uri);
    return path.isAbsolute(p) ? host.toProjectPath(p) : undefined;
  }

  function isTerraform(doc: TextDocument): boolean {
    const syntax = stateOf(doc).analyzer.syntax;
    return syntax === 'terraform' || syntax === 'terraform-json' || syntax === 'terraform-vars';
  }

  /**
   * A Terraform file changed (in an editor or on disk): re-analyse every open Terraform document of the modules it can
   * affect — its own folder, the folders that call it, the folders it calls.
   */
  function rescheduleAffected(changed: string, except: string | undefined): void {
    let dirs: Set<string>;
    try {
      // Before the workspace index is read, only the folder itself (its documents wait for the index anyway).
      dirs = tf.isIndexed ? tf.affectedDirs(dirname(changed)) : new Set([dirname(changed)]);
    } catch (e) {
      log(`could not compute the modules affected by ${changed}: ${(e as Error).message}`);
      dirs = new Set([dirname(changed)]);
    }
    for (const d of documents.all()) {
      if (d.uri === except || !isTerraform(d)) continue;
      const p = projectPath(d);
      if (p && dirs.has(dirname(p))) schedule(d);
    }
  }

  /** Rule settings for a document: the workspace file's, then the user's settings on top. */
  function ruleSettings(uri: string, settings: Settings): Settings['rules'] {
    return mergeRuleSettings(configs.forFile(safeFsPath(uri)).config.rules, settings.rules);
  }

  /** The findings shown for a document: suppressions and rule settings applied. */
  function shownFindings(doc: TextDocument, analysis: Analysis, settings: Settings): Finding[] {
    return effectiveFindings(analysis, doc.getText(), ruleSettings(doc.uri, settings));
  }

  const log = (m: string): void => connection.console.log(m);
  /** Lets the requests that arrived meanwhile be handled (host.yieldToRequests; only called when the host has it). */
  const yieldToRequests = (sleep: boolean): Promise<void> => new Promise((resolve) => (host.yieldToRequests ? host.yieldToRequests(resolve, sleep) : host.soon(resolve)));

  async function settingsFor(uri: string): Promise<Settings> {
    if (!hasConfiguration) return DEFAULT_SETTINGS;
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'awsResponsibility' }).then((raw) => readSettings(raw, log), () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  function stateOf(doc: TextDocument): DocState {
    let st = states.get(doc.uri);
    if (!st) {
      const fsPath = safeFsPath(doc.uri);
      st = { analyzer: new DocumentAnalyzer(detectSyntax(fsPath, doc.languageId, doc.getText()), { editing: true }), version: doc.version, analyzedVersion: -1, lastMs: 0, analyses: 0, shown: [], diagnostics: new DiagnosticCache(!ruleLinksInClient), scheduled: 0 };
      states.set(doc.uri, st);
    }
    return st;
  }

  /**
   * A document's diagnostics: pushed, or kept as its report for the client's next pull. When they changed and no pull
   * was waiting for them (the change came from another file, the settings, the disk), the client is asked to pull again.
   */
  function publish(doc: TextDocument, diagnostics: Diagnostic[], versioned = true): void {
    // Kept as the report in either mode: a client that pulls without having asked (no diagnosticProvider offered) is
    // answered too, instead of waiting for a report that pushing never makes.
    const { changed, awaited } = reports.publish(doc.uri, doc.version, diagnostics);
    if (!pullDiagnostics) {
      void connection.sendDiagnostics({ uri: doc.uri, ...(versioned ? { version: doc.version } : {}), diagnostics });
      return;
    }
    if (!changed || awaited || refreshQueued) return;
    refreshQueued = true;
    host.soon(() => {
      refreshQueued = false;
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }

  /**
   * A large text built from the editor's changes is a chain of pieces until something reads it, and V8 then copies it
   * whole (5–8 ms for 10 MB). The next change's analysis reads it (the parser cuts the changed chunk out of it): that
   * copy is made here instead, once the user has stopped for a moment, off the path from a keystroke to its diagnostics.
   */
  function copyWhenIdle(st: DocState, text: string): void {
    if (text.length < IDLE_COPY_CHARS) return;
    if (st.copyTimer) clearTimeout(st.copyTimer);
    st.copyTimer = setTimeout(() => {
      st.copyTimer = undefined;
      if (st.analyzedText === text) void text.charCodeAt(text.length >> 1);
    }, IDLE_COPY_MS);
  }

  /** What the last analysis is of: hovers answer from it, through the edits since `textVersion`. */
  function analyzedAs(st: DocState, version: number, text: string, textVersion: number): void {
    st.analyzedVersion = version;
    st.analyzedText = text;
    st.analyzedTextVersion = textVersion;
  }

  async function analyzeNow(doc: TextDocument): Promise<void> {
    const tStart = performance.now();
    const st = stateOf(doc);
    if (st.analyzer.syntax === 'none') return;
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded while settings loaded
    if (!settings.enable) {
      st.analysis = undefined;
      st.analyzedVersion = doc.version;
      publish(doc, [], false);
      return;
    }
    if (host.fetching) {
      await prefetchFor(doc.uri, doc.getText(), st.analyzer.syntax, true);
      const now = documents.get(doc.uri);
      if (!now || now.version !== doc.version) return; // superseded while files were fetched
    }
    const text = doc.getText();
    const textVersion = doc.version;
    const diagnostics: Diagnostic[] = [];
    const fsPath = safeFsPath(doc.uri);
    // Where the time goes (reported to benchmarks only, host.timing).
    let t0 = performance.now();
    let tAnalyzed = t0;
    let tShown = t0;
    let tResumed = t0;
    /** Time spent letting pending requests through (not part of any step). */
    let yieldMs = 0;
    if (CONFIG_FILE_NAMES.includes(path.basename(fsPath))) {
      // The workspace configuration file itself: report its errors.
      configs.clear();
      // On disk the file may be one the analysis refuses to read (a link out of the workspace, too large): say so here.
      const unread = configs.readErrorFor(fsPath);
      if (unread) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'config', message: plainText(unread) });
      for (const e of parseConfig(text).errors) {
        diagnostics.push({ range: { start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) }, severity: e.level === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, source: SOURCE, code: 'config', message: plainText(e.message) });
      }
      st.analyzedVersion = doc.version;
      publish(doc, diagnostics);
      return;
    }
    const cfg = configs.forFile(fsPath);
    if (cfg.path && isIgnoredPath(path.relative(path.dirname(cfg.path), fsPath), cfg.config.ignorePaths)) {
      st.analysis = undefined;
      st.analyzedVersion = doc.version;
      publish(doc, []);
      return;
    }
    // How the text last analysed became this one (the editor's changes, edit-log.ts), when known: the parser then
    // neither compares the two texts nor reads the new one (parse/text-diff.ts, TextEdit).
    const base = st.analyzedText;
    const told = base !== undefined && st.analyzedTextVersion !== undefined && st.analysis !== undefined ? edits.editSince(doc.uri, st.analyzedTextVersion, textVersion, base) : undefined;
    st.refused = refuseReason(text, settings.maxFileSizeMB * 1048576, told !== undefined && told.start >= HEAD_BYTES && st.refused === undefined);
    if (st.refused) {
      st.analysis = undefined;
      diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'not-analyzed', message: st.refused });
    } else if (st.analyzer.syntax === 'terraform-vars') {
      // A variable definitions file: its syntax errors here; its values show in the module's analysis and hovers.
      st.analysis = undefined;
      const p = projectPath(doc);
      if (p) tf.project.files.setOverlay(p, text);
      pushAll(diagnostics, tfvarsDiagnostics(doc, p ?? safeFsPath(doc.uri), text, SOURCE));
    } else {
      t0 = performance.now();
      const version = doc.version;
      let analyzed: Analysis | undefined;
      let failed: unknown;
      try {
        const p = isTerraform(doc) ? projectPath(doc) : undefined;
        let analysis: Analysis | undefined;
        if (p) {
          // Who calls whom in the workspace decides a module's own view (read once; normally done at startup).
          ensureTerraformIndex();
          tf.project.files.setOverlay(p, text);
          st.overlayVersion = textVersion;
          analysis = tf.project.analyzeFile(p);
          if (!watchFiles) tf.watch(watchedDirs());
        }
        if (!analysis) {
          analysis = st.analyzer.analyze(text, told && base !== undefined ? { base, ...told } : undefined);
          const pp = projectPath(doc);
          if (pp && analysis.doc.language === 'cloudformation') {
            // Nested stacks with a local template: read (open editors first) and analysed with the parameters passed.
            analysis = withNestedStacks(analysis, pp, { readText: (q) => openText(q) ?? tf.projectFs.readFile(q), parse: parseTemplateFile });
            const children = new Set<string>();
            for (const m of analysis.modules ?? []) if (m.source.kind === 'template') children.add(m.source.file);
            if (children.size > 0) stackChildren.set(doc.uri, children);
            else stackChildren.delete(doc.uri);
          }
        }
        analyzed = withConfig(analysis, cfg, fsPath, path);
        st.analysis = analyzed;
        warmUp.analysed(text.length, analyzed.doc.resources.length);
      } catch (e) {
        failed = e;
      }
      tAnalyzed = performance.now();
      let ms = tAnalyzed - t0;
      if (!failed && host.yieldToRequests) {
        // Requests that arrived during the analysis (a hover) are answered now, from it, before the conversion and
        // the publication: over stdio a response written after the publication reaches the client only once it has
        // read every diagnostic (~6 ms for 1,400 of them). The host may sleep a tick here (bin.ts): ~1 ms per edit.
        analyzedAs(st, version, text, textVersion);
        await yieldToRequests(true);
        if (doc.version !== version || states.get(doc.uri) !== st) return; // a later change: its analysis publishes
      }
      tResumed = performance.now();
      yieldMs += tResumed - tAnalyzed;
      tShown = tResumed;
      try {
        if (failed !== undefined || !analyzed) throw failed;
        const analysis = analyzed;
        st.shown = shownFindings(doc, analysis, settings);
        st.shownVersion = version;
        tShown = performance.now();
        const relatedOf = relatedInformationConverter(analysis, {
          uri: doc.uri,
          positionAt: (o) => doc.positionAt(o),
          textOf: (q) => openText(q) ?? tf.projectFs.readFile(q),
          uriOf: (q) => host.uriOf(q),
        });
        // Positions of the last publication moved by the editor's changes since, where they tell (position-shift.ts).
        const cache = st.diagnostics;
        const shift = cache.version === undefined ? undefined : positionShift(doc, edits.since(doc.uri, cache.version, doc.version), cache.lineCount);
        pushAll(diagnostics, toDiagnostics(doc, analysis, st.shown, cache, relatedOf, shift));
      } catch (e) {
        // The core is written not to throw; if it ever does, say so once instead of going silent or crashing.
        st.analysis = undefined;
        st.shown = [];
        diagnostics.length = 0;
        log(`analysis failed for ${doc.uri}: ${(e as Error).stack ?? String(e)}`);
        diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: SOURCE, code: 'internal-error', message: `AWS Responsibility Lens could not analyze this file: ${(e as Error).message}` });
      }
      ms += performance.now() - tResumed;
      if (st.analyses++ > 0) st.lastMs = ms;
      if (host.yieldToRequests && diagnostics.length > 0) {
        // Again before the publication (requests that arrived during the conversion).
        const tYield = performance.now();
        analyzedAs(st, version, text, textVersion);
        await yieldToRequests(false);
        yieldMs += performance.now() - tYield;
        if (doc.version !== version || states.get(doc.uri) !== st) return;
      }
    }
    analyzedAs(st, doc.version, text, textVersion);
    const tConverted = performance.now();
    publish(doc, diagnostics);
    const tSent = performance.now();
    copyWhenIdle(st, text);
    if (host.afterPublication) host.soon(() => host.afterPublication?.());
    // The editor asks for lenses again after an edit of the document itself; a refresh is for what else changed them.
    // (Only for clients that can be asked to refresh: on a large file the signature is a pass over every resource.)
    const lensKey = codeLensRefresh && st.analysis ? lensSignature(st.analysis, st.shown) : '';
    if (codeLensRefresh && lensKey !== st.lensKey) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    st.lensKey = lensKey;
    if (host.timing) {
      const tEnd = performance.now();
      const timing: TimingParams = {
        uri: doc.uri,
        version: doc.version,
        syncMs: st.syncMs ?? 0,
        waitMs: st.changedAt === undefined ? 0 : tStart - st.changedAt,
        settingsMs: t0 - tStart,
        analysisMs: tAnalyzed - t0,
        findingsMs: tShown - tResumed,
        convertMs: tConverted - tShown - (yieldMs - (tResumed - tAnalyzed)),
        yieldMs,
        sendMs: tSent - tConverted,
        lensMs: tEnd - tSent,
        diagnostics: diagnostics.length,
        reused: st.diagnostics.reused,
        startedAt: performance.timeOrigin + tStart,
        sentAt: performance.timeOrigin + tConverted,
      };
      st.syncMs = 0;
      st.changedAt = undefined;
      void connection.sendNotification(TIMING_NOTIFICATION, timing);
    }
  }

  /**
   * The web build's reads. The core reads files synchronously (ProjectFs, ConfigFs), while in the web build they come
   * from the client (`workspace.fs`, through LSP requests), asynchronously. Rather than make the whole core
   * asynchronous for one platform, the reads an analysis will make are run first against what has been fetched, what
   * they missed is fetched, and again until nothing is missing (a fetched file can call another module): the analysis
   * itself then finds everything in memory. Never called on Node, whose reads are synchronous.
   */
  async function prefetchFor(uri: string, text: string, syntax: Syntax, open: boolean): Promise<void> {
    const fetching = host.fetching;
    if (!fetching) return;
    const fsPath = safeFsPath(uri);
    const p = host.isProjectUri(uri) && path.isAbsolute(fsPath) ? host.toProjectPath(fsPath) : undefined;
    const terraform = syntax === 'terraform' || syntax === 'terraform-json' || syntax === 'terraform-vars';
    if (p && terraform) await tf.whenReady();
    await settle(
      fetching,
      () => {
        if (CONFIG_FILE_NAMES.includes(path.basename(fsPath))) configs.readErrorFor(fsPath);
        configs.forFile(fsPath);
        if (!p) return;
        if (terraform) {
          ensureTerraformIndex();
          if (open) tf.project.files.setOverlay(p, text);
          if (syntax === 'terraform-vars') tf.project.analyzeModule(dirname(p));
          else tf.project.analyzeFile(p);
        } else if (NESTED_STACK.test(text)) {
          withNestedStacks(analyzeText(fsPath, text), p, { readText: (q) => openText(q) ?? tf.projectFs.readFile(q), parse: parseTemplateFile });
        }
      },
      () => {
        configs.clear();
        tf.project.files.invalidateAll();
      },
    );
  }

  /**
   * Runs `fn` once the requests queued behind the current message have been answered. vscode-jsonrpc handles one
   * queued message per turn of the event loop: turns are let through, two at a time, until two pass without a request
   * handler running (`handled`), at most 32. (Two fixed turns let through one message; VS Code sends its pull right
   * behind each change, and a hover behind that waited for the analysis.)
   */
  function afterQueuedRequests(fn: () => void): void {
    let seen = -1;
    let turns = 0;
    const step = (): void => {
      if (handled === seen || (turns += 2) > 32) fn();
      else {
        seen = handled;
        host.soon(() => host.soon(step));
      }
    };
    step();
  }

  function schedule(doc: TextDocument): void {
    const st = stateOf(doc);
    st.version = doc.version;
    if (st.timer) clearTimeout(st.timer);
    const token = ++st.scheduled;
    // A slow file waits for typing to pause; the first change after a pause is analysed at once (after one frame).
    const now = performance.now();
    const paused = st.changedAtMs === undefined || now - st.changedAtMs >= SLOW_DEBOUNCE_MS;
    st.changedAtMs = now;
    const delay = st.lastMs < FAST_MS ? 0 : paused ? SLOW_GRACE_MS : SLOW_DEBOUNCE_MS;
    const run = (): void => {
      if (token !== st.scheduled || states.get(doc.uri) !== st) return; // superseded by a later change, or closed
      const d = documents.get(doc.uri);
      if (d)
        analyzeNow(d)
          .then(() => {
            // A Terraform change: the other open documents of the modules it affects (their analysis is cached by now).
            if (!st.affectsOthers || states.get(d.uri) !== st) return;
            st.affectsOthers = false;
            const p = isTerraform(d) ? projectPath(d) : undefined;
            if (p) rescheduleAffected(p, d.uri);
          })
          .catch((e: unknown) => log(`analysis of ${d.uri} failed: ${(e as Error).stack ?? String(e)}`));
    };
    // Requests that arrived with the change (a hover, the client's pull) are answered first, from the last analysis.
    // On a file whose analysis takes more than a few ms the process first sleeps one timer tick (~1 ms): an editor on
    // the same busy cores can then send what it had right behind the change (a hover), answered before the analysis.
    if (delay === 0) afterQueuedRequests(st.lastMs < NAP_MS ? run : () => setTimeout(() => afterQueuedRequests(run), 0));
    else
      st.timer = setTimeout(() => {
        st.timer = undefined;
        run();
      }, delay);
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    host.setWorkspaceFolders?.((params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []));
    const roots = (params.workspaceFolders ?? []).map((f) => safeFsPath(f.uri)).filter((p) => path.isAbsolute(p));
    if (roots.length === 0 && params.rootUri) {
      const r = safeFsPath(params.rootUri);
      if (path.isAbsolute(r)) roots.push(r);
    }
    configs.setRoots(roots);
    tf.setRoots(roots);
    watchConfig = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const init = params.initializationOptions as { l10nBundle?: string; l10nContents?: unknown; pullDiagnostics?: boolean; ruleLinks?: boolean } | undefined;
    // A client that links each diagnostic's rule code to the rule's documentation itself (ours, from `ruleDocs` below):
    // the link is then not sent with every diagnostic again (21% of a report's bytes).
    ruleLinksInClient = init?.ruleLinks === true;
    // Pull only for a client that asks for it (ours, which pulls after each change) and can be asked to pull again
    // (a Terraform file's diagnostics change when another file of its module does): when to pull is the client's
    // choice, and one that pulls only on open would show stale diagnostics.
    pullDiagnostics = init?.pullDiagnostics === true && !!params.capabilities.textDocument?.diagnostic && !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    const bundle = init?.l10nBundle;
    const contents = init?.l10nContents;
    try {
      // The web client passes the bundle's contents (a web worker reads no path); the Node client its path.
      if (contents && typeof contents === 'object') l10n.config({ contents: contents as Record<string, string> });
      else if (typeof bundle === 'string') l10n.config({ fsPath: bundle });
    } catch {
      // No translation: English.
    }
    // Every analysis looks its resources up in the catalog: its index is built here, while the editor waits for this
    // answer, rather than inside the first document's diagnostics (5–9 ms there, before V8 has optimized anything).
    prepareCatalog();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        // The identifier names the client's collection of pulled diagnostics: our scan task's problem matcher owner
        // (package.json), so that an open file's diagnostics replace the task's markers for it (as pushed ones did).
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'awsResponsibility', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        ...(ruleLinksInClient ? { experimental: { ruleDocs: RULE_DOCS } } : {}),
      },
      serverInfo: { name: 'aws-responsibility-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    warmUp.start();
    if (host.fetching) log(`AWS Responsibility Lens language server ${VERSION}: ${host.description}`);
    // Index the workspace's Terraform folders in the background, before the editor's first documents need it. Not in
    // the web build, where the walk lists every folder through the client (on vscode.dev, over the network): there the
    // first Terraform document starts it (prefetchFor).
    if (!host.fetching) {
      tf.startIndex(() => {
        if (tf.lastIndex) log(`Terraform: indexed ${tf.lastIndex.dirs} module folders of the workspace in ${Math.round(tf.lastIndex.ms)} ms`);
      });
    }
    if (watchConfig) {
      const globs = [...CONFIG_FILE_NAMES.map((n) => `**/${n}`), ...TERRAFORM_GLOBS, ...TEMPLATE_GLOBS];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) }).then(
        () => (watchFiles = true),
        () => undefined,
      );
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    let config = false;
    tf.projectFs.clearCache();
    for (const c of params.changes) {
      const p = host.toProjectPath(safeFsPath(c.uri));
      tf.projectFs.changed?.(p);
      if (CONFIG_FILE_NAMES.includes(path.basename(p))) config = true;
      else if (isTerraformInput(p)) {
        tf.project.files.invalidate(p);
        rescheduleAffected(p, undefined);
      } else rescheduleParents(p);
    }
    if (config) {
      configs.clear();
      for (const d of documents.all()) schedule(d);
    }
  });

  /** Folders our own watcher follows: those of open Terraform documents and the modules they read. */
  function watchedDirs(): Set<string> {
    const out = new Set<string>();
    for (const d of documents.all()) {
      const p = isTerraform(d) ? projectPath(d) : undefined;
      if (!p) continue;
      for (const dir of tf.affectedDirs(dirname(p))) out.add(dir);
    }
    return out;
  }

  connection.onCodeAction((params) => {
    handled++;
    const doc = documents.get(params.textDocument.uri);
    const st = states.get(params.textDocument.uri);
    if (!doc || !st?.analysis || st.analyzedVersion !== doc.version) return [];
    return codeActions(params, doc, st.analysis, (d) => st.diagnostics.findingOf(d));
  });

  // Pull diagnostics: the report of the document's current version, once its analysis is done; `unchanged` when the
  // client already has it. A pull the client cancels (a later change) is answered at once, to be sent again.
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    handled++;
    const uri = params.textDocument.uri;
    for (;;) {
      const doc = documents.get(uri);
      const st = states.get(uri);
      if (!doc || !st || st.analyzer.syntax === 'none') return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const r = reports.current(uri);
      if (r && r.version === doc.version) {
        return r.resultId === params.previousResultId ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId } : { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.diagnostics as Diagnostic[] };
      }
      if (token.isCancellationRequested) {
        const data: DiagnosticServerCancellationData = { retriggerRequest: true };
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'A later change of the document supersedes this pull', data);
      }
      await reports.published(uri, token);
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const d of documents.all()) schedule(d);
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidOpen((e) => {
    warmUp.postpone();
    schedule(e.document);
  });
  documents.onDidChangeContent((e) => {
    warmUp.postpone();
    const doc = e.document;
    schedule(doc);
    const pp = projectPath(doc);
    if (pp && stackChildren.size > 0) rescheduleParents(pp, doc.uri);
    const p = isTerraform(doc) ? projectPath(doc) : undefined;
    if (p) {
      // The other files of the module (and its callers) read this text from now on.
      // With the editor's change since the text set last (the file is then re-parsed without reading the new text).
      const st = stateOf(doc);
      const before = tf.project.files.isOpen(p) ? tf.project.files.text(p) : undefined;
      const edit = before !== undefined && st.overlayVersion !== undefined ? edits.editSince(doc.uri, st.overlayVersion, doc.version, before) : undefined;
      tf.project.files.setOverlay(p, doc.getText(), edit);
      st.overlayVersion = doc.version;
      // Which open documents the change affects is read from the module's analysis: found after this document's own
      // analysis (see schedule), not here, where it would run the whole module's analysis inside the notification
      // (160 ms for a 10,000-resource file) and keep requests sent right behind it waiting.
      stateOf(doc).affectsOthers = true;
    }
  });
  documents.onDidClose((e) => {
    host.discardedText?.(e.document.getText().length);
    edits.forget(e.document.uri);
    const st = states.get(e.document.uri);
    // A few of its resources' objects outlive it, so that the code compiled for it outlives it too (shape-keeper.ts).
    if (st?.analysis) keepSampleOf(st.analyzer.syntax, st.analysis);
    if (st?.timer) clearTimeout(st.timer);
    if (st?.copyTimer) clearTimeout(st.copyTimer);
    const p = st && isTerraform(e.document) ? projectPath(e.document) : undefined;
    states.delete(e.document.uri);
    stackChildren.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    // A pulling client drops a closed document's diagnostics itself.
    reports.forget(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (p) {
      // The disk's text applies again for the module's other files.
      tf.project.files.setOverlay(p, undefined);
      rescheduleAffected(p, e.document.uri);
    }
  });
  connection.onShutdown(() => {
    warmUp.stop();
    tf.dispose();
  });

  connection.onHover((params): Hover | null => {
    handled++;
    const doc = documents.get(params.textDocument.uri);
    const st = states.get(params.textDocument.uri);
    if (doc && st?.analyzer.syntax === 'terraform-vars') {
      const p = projectPath(doc);
      const h = p ? tfvarsHover(tf.project, p, doc.getText(), doc.offsetAt(params.position)) : undefined;
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) } } : null;
    }
    // Answers from the last analysis; it never waits for a re-parse. While the user types, through the edits since.
    if (!doc || !st?.analysis || st.analyzedText === undefined) return null;
    const h =
      st.analyzedVersion === doc.version
        ? hoverAt(st.analysis, doc.offsetAt(params.position), { uri: doc.uri })
        : hoverThroughEdit(
            st.analysis,
            st.analyzedText,
            doc.getText(),
            doc.offsetAt(params.position),
            { uri: doc.uri },
            st.analyzedTextVersion === undefined ? undefined : edits.since(doc.uri, st.analyzedTextVersion, doc.version),
          );
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) } } : null;
  });

  connection.onCodeLens(async (p) => {
    handled++;
    const doc = documents.get(p.textDocument.uri);
    const st = states.get(p.textDocument.uri);
    if (!doc || !st?.analysis) return [];
    const settings = await settingsFor(doc.uri);
    if (!settings.codeLens.enabled || !settings.enable) return [];
    return codeLenses(st.analysis, doc, doc.uri, st.shown);
  });

  connection.onDocumentSymbol((p) => {
    handled++;
    const doc = documents.get(p.textDocument.uri);
    const st = states.get(p.textDocument.uri);
    return doc && st?.analysis ? documentSymbols(st.analysis, doc) : [];
  });

  connection.onRequest(ANALYZE_TEXT_REQUEST, async (p: AnalyzeTextParams): Promise<FileReportResult> => {
    const settings = await settingsFor(p.uri);
    const refused = refuseReason(p.text, settings.maxFileSizeMB * 1048576);
    if (refused) return { uri: p.uri, version: 0, refused, file: null };
    const fsPath = safeFsPath(p.uri);
    if (host.fetching) await prefetchFor(p.uri, p.text, detectSyntax(fsPath, p.languageId, p.text), false);
    const cfg = configs.forFile(fsPath);
    if (cfg.path && isIgnoredPath(path.relative(path.dirname(cfg.path), fsPath), cfg.config.ignorePaths)) return { uri: p.uri, version: 0, refused: null, isTemplate: false, file: null };
    const syntax = detectSyntax(fsPath, p.languageId, p.text);
    const pp = host.isProjectUri(p.uri) && path.isAbsolute(fsPath) ? host.toProjectPath(fsPath) : undefined;
    let moduleAnalysis: Analysis | undefined;
    if (pp && (syntax === 'terraform' || syntax === 'terraform-json')) {
      // A Terraform file is analysed in its module (its folder's other files, tfvars, the modules it calls).
      ensureTerraformIndex();
      moduleAnalysis = tf.project.analyzeFile(pp);
    }
    let base = moduleAnalysis ?? analyzeText(fsPath, p.text, p.languageId);
    if (!moduleAnalysis && pp && base.doc.language === 'cloudformation') {
      base = withNestedStacks(base, pp, { readText: (q) => (q === pp ? p.text : (openText(q) ?? tf.projectFs.readFile(q))), parse: parseTemplateFile });
    }
    const analysis = withConfig(base, cfg, fsPath, path);
    return {
      uri: p.uri,
      version: 0,
      refused: null,
      isTemplate: analysis.doc.isTemplate,
      file: analysis.doc.isTemplate ? fileReport(fsPath, p.text, analysis, effectiveFindings(analysis, p.text, mergeRuleSettings(cfg.config.rules, settings.rules))) : null,
    };
  });

  connection.onRequest(FILE_REPORT_REQUEST, async (params: FileReportParams): Promise<FileReportResult | null> => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const st = stateOf(doc);
    if (st.analyzedVersion !== doc.version || (st.analysis && st.shownVersion !== doc.version)) await analyzeNow(doc);
    if (!st.analysis) return { uri: params.uri, version: doc.version, refused: st.refused ?? null, file: null };
    if (!st.analysis.doc.isTemplate) return { uri: params.uri, version: doc.version, refused: null, isTemplate: false, file: null };
    return { uri: params.uri, version: doc.version, refused: null, isTemplate: true, file: fileReport(safeFsPath(doc.uri), doc.getText(), st.analysis, st.shown) };
  });

  connection.onRequest(MODEL_REQUEST, () => modelView());

  // Benchmarks (host.timing): how long applying each change to the document takes (the text and its line offsets).
  documents.listen(host.timing ? timedSync(connection, (uri, ms) => {
    const st = states.get(uri);
    if (st) {
      st.syncMs = (st.syncMs ?? 0) + ms;
      st.changedAt = performance.now();
    }
  }) : connection);
  connection.listen();
}

/** `connection` whose document changes report how long the document sync took (benchmarks only). */
function timedSync(connection: Connection, done: (uri: string, ms: number) => void): Connection {
  return new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop !== 'onDidChangeTextDocument') return Reflect.get(target, prop, receiver) as unknown;
      const on: Connection['onDidChangeTextDocument'] = (handler) =>
        target.onDidChangeTextDocument((params) => {
          const t0 = performance.now();
          handler(params);
          done(params.textDocument.uri, performance.now() - t0);
        });
      return on;
    },
  });
}

/** The workspace file's kinds (`kinds:`) and teams (`owners:`, matched with the file's path below the config's folder). */
function withConfig(analysis: Analysis, cfg: LoadedConfig, fsPath: string, path: PathApi): Analysis {
  const kinds = applyKindOverrides(applyAssumptions(analysis, cfg.config.assume), cfg.config.kinds);
  return cfg.path && cfg.config.owners ? applyOwners(kinds, cfg.config.owners, path.relative(path.dirname(cfg.path), fsPath)) : kinds;
}

/**
 * At most this many findings of one file become diagnostics (an editor's Problems panel and the protocol choke long
 * before; a generated template can have hundreds of thousands). The rest is said in one more diagnostic.
 */
export const MAX_DIAGNOSTICS = 5000;

/** Resources, their kinds and the findings per resource and duty: what the lenses show, as one number. */
function lensSignature(analysis: Analysis, findings: readonly Finding[]): string {
  let h = analysis.resources.length;
  for (const ra of analysis.resources) {
    h = (Math.imul(h, 31) + ra.kind.length + ra.duties.length) | 0;
    // The lens names the teams of your duties: a changed `owners:` entry changes it.
    for (const d of ra.duties) if (d.team !== undefined) for (let i = 0; i < d.team.length; i++) h = (Math.imul(h, 31) + d.team.charCodeAt(i)) | 0;
  }
  for (const f of findings) {
    const k = `${f.resource}\u0000${f.duty ?? ''}`;
    for (let i = 0; i < k.length; i++) h = (Math.imul(h, 31) + k.charCodeAt(i)) | 0;
  }
  return `${analysis.resources.length}:${findings.length}:${h}`;
}

/**
 * The diagnostics of the last publication of one document: a finding that is still there (the same object, or the same
 * rule, resource, message, fix… at the same range) gives back the very same Diagnostic object, so nothing is rebuilt
 * for it and the stdio writer re-sends its cached JSON (stdio-writer.ts). A one-character edit changes one resource's
 * findings; the thousands of others are the same objects, in the same order, and reused — their positions moved by the
 * editor's change (position-shift.ts) instead of searched again, when the server says what changed. Whatever a
 * Diagnostic is made from must be part of the check (sameFinding and the range): a field computed from anything else
 * (e.g. related places in other resources, which can move while the finding's own range does not) must be compared
 * too, or it goes stale.
 */
export class DiagnosticCache {
  /** `links`: each diagnostic carries its rule's documentation (`codeDescription`); not for a client that adds them. */
  constructor(readonly links = true) {}

  /** The last conversion: its findings, their diagnostics (same index) and offsets [start, end] when converted. */
  private findings: readonly Finding[] = [];
  private diags: readonly Diagnostic[] = [];
  private offsets: readonly number[] = [];
  /** The document's version and number of lines at the last conversion (what a PositionShift starts from). */
  version: number | undefined;
  lineCount: number | undefined;
  /** Diagnostics reused (not rebuilt) by the last conversion; for tests and benchmarks. */
  reused = 0;
  /** Of those, how many kept their position through a PositionShift (not searched in the text). */
  shifted = 0;

  /**
   * The diagnostics of `findings` in `doc`. `shift`: how positions of the last conversion's text map to `doc` (see
   * position-shift.ts); without it every position is computed from the text.
   */
  convert(doc: TextDocument, findings: readonly Finding[], relatedOf: RelatedInformationOf | undefined, shift?: PositionShift): Diagnostic[] {
    const old = this.findings;
    // The unchanged findings: the same objects at the start and at the end of the list.
    const { head, tail } = sameEnds(old, findings);
    // The others' diagnostics, by message, for the new findings between (a changed resource's findings are new objects).
    let byMessage: Map<string, Diagnostic[]> | undefined;
    for (let j = head; j < old.length - tail; j++) {
      byMessage ??= new Map();
      const list = byMessage.get(old[j].message);
      if (list) list.push(this.diags[j]);
      else byMessage.set(old[j].message, [this.diags[j]]);
    }
    const out: Diagnostic[] = new Array<Diagnostic>(findings.length);
    const offsets: number[] = new Array<number>(2 * findings.length);
    let reused = 0;
    let shifted = 0;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const s = f.span.start;
      const e = f.span.end;
      const related = relatedOf?.(f);
      const j = i < head ? i : i >= findings.length - tail ? i - findings.length + old.length : -1;
      // The same finding as then: its last diagnostic, moved by the shift when it tells.
      const was = j >= 0 ? this.diags[j] : undefined;
      let d = was && shift && related === undefined && was.relatedInformation === undefined ? shiftedRange(shift, this.offsets[2 * j], this.offsets[2 * j + 1], f, was) : undefined;
      if (d) shifted++;
      else {
        const ps = doc.positionAt(s);
        const pe = doc.positionAt(e);
        if (was) d = samePlace(was, ps, pe, related) ? was : undefined;
        else {
          // A new finding: a diagnostic of the changed ones that says the same at the same place.
          d = takeSame(byMessage?.get(f.message), f, ps, pe, related);
          if (d) reused++;
        }
        d ??= findingDiagnostic(f, ps, pe, related, this.links);
      }
      if (d === was) reused++;
      out[i] = d;
      offsets[2 * i] = s;
      offsets[2 * i + 1] = e;
    }
    this.findings = findings;
    this.diags = out;
    this.offsets = offsets;
    this.version = doc.version;
    this.lineCount = doc.lineCount;
    this.reused = reused;
    this.shifted = shifted;
    return out;
  }

  /**
   * The finding a diagnostic the client sends back (in a code action request) was made from: one of the last
   * conversion's with the same code, range and message; undefined for another (the client moved it on an edit not yet
   * analysed, or it is not ours).
   */
  findingOf(d: Diagnostic): Finding | undefined {
    const diags = this.diags;
    for (let i = 0; i < diags.length; i++) {
      const x = diags[i];
      if (x.code === d.code && x.message === d.message && samePosition(x.range.start, d.range.start) && samePosition(x.range.end, d.range.end)) return this.findings[i];
    }
    return undefined;
  }
}

/** Whether `d` is at [start, end) with the same related places. */
function samePlace(d: Diagnostic, start: Position, end: Position, related: DiagnosticRelatedInformation[] | undefined): boolean {
  return samePosition(d.range.start, start) && samePosition(d.range.end, end) && sameRelated(d.relatedInformation, related);
}

/** The diagnostic of `list` that says what `f` does at [start, end), taken out of it (each is reused once). */
function takeSame(list: Diagnostic[] | undefined, f: Finding, start: Position, end: Position, related: DiagnosticRelatedInformation[] | undefined): Diagnostic | undefined {
  if (!list) return undefined;
  for (let k = 0; k < list.length; k++) {
    const c = list[k];
    if (sameFinding(c, f) && samePlace(c, start, end, related)) {
      list[k] = list[list.length - 1];
      list.pop();
      return c;
    }
  }
  return undefined;
}

/**
 * `was` (the diagnostic of `f` when it was at [from, to) in the last conversion's text) where `shift` puts it now: the
 * same object when its range did not change; undefined when the shift does not tell.
 */
function shiftedRange(shift: PositionShift, from: number, to: number, f: Finding, was: Diagnostic): Diagnostic | undefined {
  const ps = shiftedPosition(shift, from, f.span.start, was.range.start);
  const pe = ps && shiftedPosition(shift, to, f.span.end, was.range.end);
  if (!ps || !pe) return undefined;
  return ps === was.range.start && pe === was.range.end ? was : withRange(was, f, ps, pe);
}

/** `d` (of `f`) at another range: the same finding moved by lines added or removed above it. */
function withRange(d: Diagnostic, f: Finding, start: Position, end: Position): Diagnostic {
  const moved: Diagnostic = { ...d, range: { start, end } };
  SOURCE_FINDING.set(moved, f);
  return moved;
}

/** Each rule's AWS documentation page, by rule id: what a client that links rule codes itself gets (`ruleLinks`). */
const RULE_DOCS: Readonly<Record<string, string>> = Object.fromEntries(RULES.map((r) => [r.id, r.docUrl]));

/** What a Diagnostic was made from, kept beside it (not sent). */
const SOURCE_FINDING = new WeakMap<Diagnostic, Finding>();

function sameFinding(d: Diagnostic, f: Finding): boolean {
  const g = SOURCE_FINDING.get(d);
  if (!g) return false;
  if (g === f) return true;
  return (
    g.ruleId === f.ruleId &&
    g.severity === f.severity &&
    g.resource === f.resource &&
    g.duty === f.duty &&
    g.owner === f.owner &&
    g.docUrl === f.docUrl &&
    g.fix === f.fix &&
    g.suggestion === f.suggestion &&
    g.at?.id === f.at?.id
  );
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

function findingDiagnostic(f: Finding, start: Position, end: Position, related: DiagnosticRelatedInformation[] | undefined, links: boolean): Diagnostic {
  const d: Diagnostic = {
    range: { start, end },
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    // The rule's AWS documentation; a client that links rule codes itself (ours: `ruleLinks`) has the table instead.
    ...(links && f.docUrl ? { codeDescription: { href: f.docUrl } } : {}),
    message: plainText(f.message, 10_000),
    // No `data`: the code actions find the finding a diagnostic was made from in the document's last conversion
    // (DiagnosticCache.findingOf) — 13% of the bytes of a report, sent again with each version's diagnostics.
    // Where the parameter, the resource at fault or the module line behind it is (present/related.ts).
    ...(related ? { relatedInformation: related } : {}),
  };
  SOURCE_FINDING.set(d, f);
  return d;
}

export function toDiagnostics(doc: TextDocument, analysis: Analysis, all: readonly Finding[], cache = new DiagnosticCache(), relatedOf?: RelatedInformationOf, shift?: PositionShift): Diagnostic[] {
  const out: Diagnostic[] = [];
  const findings = all.length > MAX_DIAGNOSTICS ? all.slice(0, MAX_DIAGNOSTICS) : all;
  if (findings !== all) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'too-many-findings',
      message: `${all.length.toLocaleString('en')} findings in this file: the first ${MAX_DIAGNOSTICS.toLocaleString('en')} are shown. The CLI (aws-responsibility scan) reports all of them.`,
    });
  }
  let lastErrorLine = -2;
  for (const e of analysis.doc.syntaxErrors) {
    const start = doc.positionAt(e.span.start);
    // One clear diagnostic per broken place: the parser may report follow-on errors on the next lines.
    if (start.line <= lastErrorLine + 1) continue;
    lastErrorLine = doc.positionAt(e.span.end).line;
    out.push({ range: { start, end: doc.positionAt(e.span.end) }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'syntax-error', message: plainText(`Syntax error: ${e.message}`) });
  }
  pushAll(out, cache.convert(doc, findings, relatedOf, shift));
  return out;
}
