import type { Analysis } from './analyze';

/**
 * One live instance of each class that parsing and analysis make and drop again (a lexer per file, a parser per chunk,
 * an evaluator per analysis). V8's optimized code holds the hidden classes ("maps") of the objects it was compiled for
 * weakly: a full garbage collection that finds no live instance of a class frees its maps and throws away every
 * optimized function that used them, and the next file runs that code unoptimized until V8 compiles it again. A full
 * collection happens while the server idles (the warm-up's, V8's memory reducer), when no file is being parsed: without
 * these, it undid the warm-up (the first analysis of a 1,000-resource YAML template after one: 60–67 ms, 42–48 with the
 * parser's instance kept, in process).
 */
const kept: unknown[] = [];

/** Keeps `instance` alive for the life of the process (an instance made from empty input: it holds nothing else). */
export function keepShape<T>(instance: T): T {
  kept.push(instance);
  return instance;
}

/** How many resources of a released document's last analysis `keepSampleOf` keeps. */
export const SAMPLE_RESOURCES = 40;

/** The last sample per kind of document (syntax). */
const samples = new Map<string, readonly unknown[]>();

/**
 * Keeps the first resources of a document's last analysis (their parsed resources and value trees, rule results and
 * findings) when the document is released, one sample per kind of document, replacing the previous one. The released
 * document's objects were the only instances of many of the classes the compiled code of its analysis depends on:
 * without a sample, the full collection that frees them also throws that code away, and the next file of the same
 * kind is analysed by unoptimized code (in process, the next 1,000-resource file after a collection: YAML / JSON /
 * Terraform 72–79 / 92–112 / 65–70 ms, 46–52 / 51–73 / 42–44 with a sample; what a sample keeps: about 0.3 MB).
 * The warm-up's kept analyzers do the same for what the warm-up compiled (lsp/warm-up.ts); a document opened before
 * the warm-up ran needs this.
 */
export function keepSampleOf(kind: string, analysis: Analysis): void {
  samples.set(kind, [analysis.doc.resources.slice(0, SAMPLE_RESOURCES), analysis.resources.slice(0, SAMPLE_RESOURCES), analysis.findings.slice(0, 2 * SAMPLE_RESOURCES)]);
}

/** The kinds of document a sample is kept for (tests). */
export function sampledKinds(): string[] {
  return [...samples.keys()];
}
