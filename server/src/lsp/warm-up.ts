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

/** What one slice does (server.ts: analyse one warm-up text as an open document would be, and convert its findings). */
export type WarmUpSlice = (index: number) => void;

export interface WarmUpTimers {
  /** Runs `fn` after `ms` (setTimeout, not keeping a Node process alive for it); returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * Slices run: each a 24–31-resource template analysed, edited once and converted (2–4 ms once compiled); about 1.1 s of
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
    private readonly slices = WARM_UP_SLICES,
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
