/**
 * JIT warm-up while the server waits for its first document. A process's first analysis of a large file runs mostly in
 * V8's interpreter: 1,000 CloudFormation resources take 130–160 ms the first time and 60–70 ms once the parsers and
 * rules are compiled (bench/README figures). The editor starts the server for any YAML, JSON or Terraform file, often
 * long before a template is opened (any `package.json` starts it); the server uses that idle time to analyse small
 * built-in templates (core/warm-up/corpus.ts) in slices of a few milliseconds, each followed by a turn of the event
 * loop, so that a message that arrives is handled before the next slice. Activity (a document opened or edited) puts
 * the next slice off until the server has been idle again; analysing a large document, which compiles the same code,
 * ends it; so does the last of a fixed number of slices: a bounded amount of CPU, once per process.
 */
import type { Analysis, Finding } from '../core/analyze';
import { DocumentAnalyzer } from '../core/document';
import { effectiveFindings } from '../core/findings';
import { forgetInterned } from '../core/model/intern';
import { WARM_UP_TEXT_COUNT, warmUpTexts, type WarmUpText } from '../core/warm-up/corpus';
import { relatedInformationConverter, type RelatedInformationOf } from './related-info';
import { createDocument, type LspTextDocument } from './text-document';

/** What one slice does (IdleWarmUp: analyse one warm-up text as an open document would be, and convert its findings). */
export type WarmUpSlice = (index: number) => void;

export interface WarmUpTimers {
  /** Runs `fn` after `ms` (setTimeout, not keeping a Node process alive for it); returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * Slices run: each a 24–31-resource template analysed, edited once and converted (2–4 ms once compiled); 1.1–1.3 s of
 * CPU in all on the bench's machine, garbage collections included. Measured in turns with 1,000-resource files (README,
 * Performance): the first open in a server idle since its start 125–130 ms, against 210 without the warm-up; fewer
 * slices leave more of the code uncompiled.
 */
export const WARM_UP_SLICES = 240;
/** Idle time before a slice after `initialized` or after activity: the editor opens the documents it shows right away. */
export const WARM_UP_DELAY_MS = 250;

/**
 * A full garbage collection after every this many slices (where the host allows one). Without them the templates' trees
 * that scavenges moved to the old generation stay until V8 collects it, tens of MB later: the process's peak RSS after
 * the warm-up 117 MB against 81 without a warm-up and 83–86 with these (a collection after the last slice only: 103).
 */
export const WARM_UP_COLLECT_EVERY = 20;

/** A document at least this long, analysed, ends the warm-up: its analysis ran more of the same code than the slices. */
export const WARM_UP_ENOUGH_CHARS = 256 * 1024;

export class WarmUp {
  private cancel: (() => void) | undefined;
  private stopped = false;
  /** Slices run so far. */
  ran = 0;

  constructor(
    private readonly slice: WarmUpSlice,
    private readonly timers: WarmUpTimers,
    private slices = WARM_UP_SLICES,
    private readonly delayMs = WARM_UP_DELAY_MS,
    /** Called once when the last slice has run (not when stopped early). */
    private readonly onDone?: () => void,
    /** A slice threw (which ends the warm-up). */
    private readonly onError?: (e: unknown) => void,
  ) {}

  /** Starts after the idle delay (no-op once stopped or started). */
  start(): void {
    if (this.stopped || this.cancel) return;
    this.cancel = this.timers.after(this.delayMs, () => this.step());
  }

  /** The server is busy (a document opened or changed): the next slice waits until it has been idle for the delay. */
  postpone(): void {
    if (this.stopped || !this.cancel) return;
    this.cancel();
    this.cancel = this.timers.after(this.delayMs, () => this.step());
  }

  /** No more slices (a large document was analysed, or the server shuts down); false if it had already ended. */
  stop(): boolean {
    const was = !this.stopped;
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
    return was;
  }

  /**
   * At most `n` slices in all (fewer remain, or none when `n` have run): false if it had already ended or no slice is
   * left out.
   */
  limit(n: number): boolean {
    if (this.stopped || n >= this.slices) return false;
    this.slices = Math.max(n, this.ran);
    if (this.finished) this.stop();
    return true;
  }

  get finished(): boolean {
    return this.ran >= this.slices;
  }

  private step(): void {
    this.cancel = undefined;
    if (this.stopped) return;
    try {
      this.slice(this.ran);
    } catch (e) {
      // A warm-up must never disturb the server: a failing slice ends it.
      this.stop();
      try {
        this.onError?.(e);
      } catch {
        // As above.
      }
      return;
    }
    this.ran++;
    if (this.finished) {
      this.stopped = true;
      try {
        this.onDone?.();
      } catch {
        // Saying so failed (a connection already closed): nothing else to do.
      }
      return;
    }
    // A timer of 0 ms: Node polls for I/O before it fires, so a message that arrived during the slice comes first.
    this.cancel = this.timers.after(0, () => this.step());
  }
}

/** Runs `fn` after `ms` with `setTimeout`; on Node the timer does not keep the process alive (an in-process server). */
const realTimers: WarmUpTimers = {
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.(); // browsers have no unref
    return () => clearTimeout(t);
  },
};

export interface IdleWarmUpHost {
  /** Findings to LSP diagnostics as a publication converts them (server.ts), not sent. */
  convert(doc: LspTextDocument, analysis: Analysis, findings: readonly Finding[], relatedOf: RelatedInformationOf): void;
  /** A full collection (Node with `--expose-gc`), see WARM_UP_COLLECT_EVERY. */
  collectGarbage?(): void;
  /** The server's log: the warm-up says when it ends. */
  log(message: string): void;
  /** Whether a document is open (the intern table is then left as it is when the warm-up ends). */
  documentsOpen(): boolean;
}

/**
 * The language server's warm-up: each slice analyses one built-in template as an open document's first analysis is
 * (an editor's analyzer, its first parse, then a character typed), and converts its findings to diagnostics.
 */
export class IdleWarmUp {
  private readonly run: WarmUp;
  private texts: WarmUpText[] | undefined;
  private ms = 0;
  /**
   * The analyzer of the last slice of each template, kept for the life of the server: the objects of an analysis (its
   * value tree, resources, results) keep their hidden classes alive, and with them the optimized code the warm-up
   * compiled (core/shape-keeper.ts says why). Without them, a full collection while no document is open (after the last
   * slice, or V8's own when the server idles) threw that code away: the first 1,000-resource file then took 60–85 ms to
   * analyse in process, 52–59 with these (YAML, JSON, Terraform).
   */
  private readonly kept: DocumentAnalyzer[] = [];

  constructor(
    private readonly host: IdleWarmUpHost,
    timers: WarmUpTimers = realTimers,
  ) {
    this.run = new WarmUp(
      (i) => this.slice(i),
      timers,
      WARM_UP_SLICES,
      WARM_UP_DELAY_MS,
      () => {
        this.texts = undefined;
        // With no document open, none of the templates' strings is kept in the intern table.
        if (!host.documentsOpen()) forgetInterned();
        host.log(`Warmed up while idle: ${this.run.ran} analyses of built-in templates, ${Math.round(this.ms)} ms`);
      },
      (e) => host.log(`Warm-up ended by an error: ${(e as Error).stack ?? String(e)}`),
    );
  }

  /** How many analyzers the warm-up keeps (`kept`). */
  get keptAnalyzers(): number {
    return this.kept.length;
  }

  /** After `initialized`. */
  start(): void {
    this.run.start();
  }

  /** A document was opened or changed. */
  postpone(): void {
    this.run.postpone();
  }

  /** The server shuts down. */
  stop(): void {
    this.run.stop();
  }

  /**
   * A document was analysed: a large template's analysis compiled what the warm-up would, and ends it — but for one
   * slice per template, if they have not all run yet, whose analyzers are kept (`kept`).
   */
  analysed(chars: number, resources: number): void {
    if (chars >= WARM_UP_ENOUGH_CHARS && resources > 0 && this.run.limit(WARM_UP_TEXT_COUNT)) {
      this.host.log(`Warm-up ended by the analysis of a large document, after ${this.run.ran} of ${WARM_UP_SLICES} analyses of built-in templates${this.run.finished ? '' : ' (one of each template still runs while idle, to keep their compiled code)'}`);
    }
  }

  private slice(i: number): void {
    const t0 = performance.now();
    this.texts ??= warmUpTexts();
    const w = this.texts[i % this.texts.length];
    const analyzer = new DocumentAnalyzer(w.syntax, { editing: true });
    analyzer.analyze(w.text);
    const text = `${w.text.slice(0, w.editAt)}x${w.text.slice(w.editAt)}`;
    const analysis = analyzer.analyze(text, { base: w.text, start: w.editAt, oldEnd: w.editAt, text: 'x' });
    this.kept[i % this.texts.length] = analyzer;
    const doc = createDocument(`untitled:${w.fileName}`, 'plaintext', 1, text);
    const relatedOf = relatedInformationConverter(analysis, { uri: doc.uri, positionAt: (o) => doc.positionAt(o), textOf: () => undefined, uriOf: () => undefined });
    this.host.convert(doc, analysis, effectiveFindings(analysis, text, {}), relatedOf);
    if (i % WARM_UP_COLLECT_EVERY === WARM_UP_COLLECT_EVERY - 1) this.host.collectGarbage?.();
    this.ms += performance.now() - t0;
  }
}
