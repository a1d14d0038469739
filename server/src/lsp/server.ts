/** The language server: a thin LSP layer over the pure core (documents in, diagnostics and hovers out). */
import {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Analysis, Finding } from '../core/analyze';
import { detectSyntax, DocumentAnalyzer, refuseReason } from '../core/document';
import { hoverCard, resourceAt } from '../core/present/hover';
import { fileReport } from '../core/present/report';
import { modelView } from '../core/present/model-view';
import type { Severity } from '../core/rules/rule-api';
import { FILE_REPORT_REQUEST, MODEL_REQUEST, type FileReportParams } from './protocol';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

export const SOURCE = 'aws-responsibility';
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
/** Re-analysis runs at once while it is fast; a slow file (a huge Terraform file) waits for typing to pause. */
const FAST_MS = 50;
const SLOW_DEBOUNCE_MS = 300;

interface DocState {
  analyzer: DocumentAnalyzer;
  analysis?: Analysis;
  version: number;
  analyzedVersion: number;
  /** Duration of the last re-analysis (the first, cold analysis of a document does not count). */
  lastMs: number;
  analyses: number;
  refused?: string;
  timer?: NodeJS.Timeout;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let hasConfiguration = false;

  const log = (m: string): void => connection.console.log(m);

  async function settingsFor(uri: string): Promise<Settings> {
    if (!hasConfiguration) return DEFAULT_SETTINGS;
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'awsResponsibility' }).then(readSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  function stateOf(doc: TextDocument): DocState {
    let st = states.get(doc.uri);
    if (!st) {
      const fsPath = safeFsPath(doc.uri);
      st = { analyzer: new DocumentAnalyzer(detectSyntax(fsPath, doc.languageId)), version: doc.version, analyzedVersion: -1, lastMs: 0, analyses: 0 };
      states.set(doc.uri, st);
    }
    return st;
  }

  async function analyzeNow(doc: TextDocument): Promise<void> {
    const st = stateOf(doc);
    if (st.analyzer.syntax === 'none') return;
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded while settings loaded
    if (!settings.enable) {
      st.analysis = undefined;
      st.analyzedVersion = doc.version;
      void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    const diagnostics: Diagnostic[] = [];
    st.refused = refuseReason(text, settings.maxFileSizeMB * 1048576);
    if (st.refused) {
      st.analysis = undefined;
      diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'not-analyzed', message: st.refused });
    } else {
      const t0 = performance.now();
      try {
        st.analysis = st.analyzer.analyze(text);
      } catch (e) {
        // The core is written not to throw; if it ever does, say so once instead of going silent or crashing.
        st.analysis = undefined;
        log(`analysis failed for ${doc.uri}: ${(e as Error).stack ?? String(e)}`);
        diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: SOURCE, code: 'internal-error', message: `AWS Responsibility Lens could not analyze this file: ${(e as Error).message}` });
      }
      if (st.analyses++ > 0) st.lastMs = performance.now() - t0;
      if (st.analysis) diagnostics.push(...toDiagnostics(doc, st.analysis, settings));
    }
    st.analyzedVersion = doc.version;
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  function schedule(doc: TextDocument): void {
    const st = stateOf(doc);
    st.version = doc.version;
    if (st.timer) clearTimeout(st.timer);
    const delay = st.lastMs < FAST_MS ? 0 : SLOW_DEBOUNCE_MS;
    st.timer = setTimeout(() => {
      st.timer = undefined;
      const d = documents.get(doc.uri);
      if (d) void analyzeNow(d);
    }, delay);
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'aws-responsibility-language-server', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const d of documents.all()) schedule(d);
  });

  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const st = states.get(e.document.uri);
    if (st?.timer) clearTimeout(st.timer);
    states.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    const st = states.get(params.textDocument.uri);
    // Answers from the last analysis; it never waits for a re-parse.
    if (!doc || !st?.analysis || st.analyzedVersion !== doc.version) return null;
    const offset = doc.offsetAt(params.position);
    const hit = resourceAt(st.analysis.resources, offset);
    if (!hit) return null;
    const span = hit.on === 'type' ? hit.ra.resource.typeSpan : hit.ra.resource.nameSpan;
    return {
      contents: { kind: 'markdown', value: hoverCard(hit.ra) },
      range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) },
    };
  });

  connection.onRequest(FILE_REPORT_REQUEST, async (params: FileReportParams) => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const st = stateOf(doc);
    if (st.analyzedVersion !== doc.version) await analyzeNow(doc);
    if (!st.analysis) return { uri: params.uri, version: doc.version, refused: st.refused ?? null, file: null };
    const settings = await settingsFor(doc.uri);
    const findings = applySeverity(st.analysis.findings, settings);
    return { uri: params.uri, version: doc.version, refused: null, isTemplate: st.analysis.doc.isTemplate, file: fileReport(safeFsPath(doc.uri), doc.getText(), st.analysis, findings) };
  });

  connection.onRequest(MODEL_REQUEST, () => modelView());

  documents.listen(connection);
  connection.listen();
}

function safeFsPath(uri: string): string {
  try {
    return URI.parse(uri).fsPath || uri;
  } catch {
    return uri;
  }
}

/** Findings with the user's per-rule severities applied ('off' removes them). */
export function applySeverity(findings: readonly Finding[], settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = settings.rules[f.ruleId];
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

function toDiagnostics(doc: TextDocument, analysis: Analysis, settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  let lastErrorLine = -2;
  for (const e of analysis.doc.syntaxErrors) {
    const start = doc.positionAt(e.span.start);
    // One clear diagnostic per broken place: the parser may report follow-on errors on the next lines.
    if (start.line <= lastErrorLine + 1) continue;
    lastErrorLine = doc.positionAt(e.span.end).line;
    out.push({ range: { start, end: doc.positionAt(e.span.end) }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'syntax-error', message: `Syntax error: ${e.message}` });
  }
  for (const f of applySeverity(analysis.findings, settings)) {
    out.push({
      range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
      severity: SEVERITY[f.severity],
      source: SOURCE,
      code: f.ruleId,
      ...(f.docUrl ? { codeDescription: { href: f.docUrl } } : {}),
      message: f.message,
      data: { resource: f.resource, duty: f.duty, owner: f.owner, fix: f.fix, suggestion: f.suggestion },
    });
  }
  return out;
}

/** Entry point for the bundled server: `--stdio` (default for the bin) or Node IPC (VS Code client). */
export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}
