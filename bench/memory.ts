/**
 * What an open document keeps, per resource, in parts (heap + external after full GCs):
 *   node --expose-gc --import tsx bench/memory.ts <yaml|json|tf> <resources>
 * the text; the parse (value tree, spans, the parser's per-chunk cache); the analysis on top (links, per-resource
 * results, findings, the incremental memo); the editor's document and the diagnostics the server converts them to.
 * Prints one JSON line.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type Syntax } from '../server/src/core/document';
import { effectiveFindings } from '../server/src/core/findings';
import { DiagnosticCache, toDiagnostics } from '../server/src/lsp/server';
import { generate, type Format } from './generate';

const format = process.argv[2] as Format;
const n = Number(process.argv[3]);
const SYNTAX: Record<Format, Syntax> = { yaml: 'cfn-yaml', json: 'cfn-json', tf: 'terraform' };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const used = (): number => {
  (gc as () => void)();
  (gc as () => void)();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

const keep: unknown[] = [];
const base = used();
// The text, flat (as the editor's document holds it).
const text = generate(format, n);
keep.push(text);
const afterText = used();
const parser = new DocumentAnalyzer(SYNTAX[format]);
keep.push(parser.parse(text));
const afterParse = used();
const analyzer = new DocumentAnalyzer(SYNTAX[format]);
keep.push(analyzer.analyze(text));
const afterAnalysis = used();
const analysis = analyzer.lastAnalysis;
if (!analysis) throw new Error('no analysis');
const findings = effectiveFindings(analysis, text, {});
const doc = TextDocument.create('file:///t', format, 1, text);
keep.push(doc, findings, toDiagnostics(doc, analysis, findings, new DiagnosticCache()));
const afterDiagnostics = used();
const per = (bytes: number): number => Math.round(bytes / n);
process.stdout.write(
  JSON.stringify({
    format,
    resources: n,
    textBytes: text.length,
    bytesPerResource: {
      text: per(afterText - base),
      parse: per(afterParse - afterText),
      // The analyzer parses again for itself (its own chunk cache): what the analysis adds is the rest.
      analysis: per(afterAnalysis - afterParse - (afterParse - afterText)),
      documentAndDiagnostics: per(afterDiagnostics - afterAnalysis),
    },
    totalMB: (afterDiagnostics - base - (afterParse - afterText)) / 1048576,
    findings: findings.length,
    kept: keep.length,
  }) + '\n',
);
