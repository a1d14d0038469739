/**
 * A full garbage collection once the editor has replaced enough document text (Node, when the process runs with
 * `--expose-gc`, as the extension starts it; without it, nothing changes but the memory).
 *
 * Each keystroke makes a document's text a new string of its full size (V8 copies a text built by concatenation into
 * one string when it is first read). The previous text is still referenced while the next one is built from its pieces
 * and while the analysis compares the two, so a scavenge in that time — about one per keystroke on a 1 MB template —
 * moves it to the old generation, where only a full collection frees it, and V8 starts one only once the old generation
 * has grown by tens of MB. Measured on a 1,000-resource JSON template (1.3 MB) edited 40 times: 28 MB of dead texts at
 * the peak. V8 cannot know these strings died young; the server does.
 *
 * So: when the texts dropped since the last collection add up to a quarter of the heap (8 MB at least), the server
 * collects, after the diagnostics it was computing are out (never between a keystroke and its diagnostics). Only while
 * the heap is small (up to 64 MB, about 3,000 resources open): a full collection then takes 5–25 ms; on a larger heap it
 * would take 100 ms or more, and V8's own concurrent marking is left to it.
 */
export type CollectGarbage = () => unknown;

export interface DiscardedTexts {
  /** A document's text of `length` characters was replaced by an edit or closed. */
  discarded(length: number): void;
  /** Collects now if the texts dropped since the last collection are due (called once diagnostics are out). */
  collectIfDue(): void;
}

/** A full collection with `gc` when there is one; nothing when it throws (a global `gc` that is not V8's: V8 collects when it decides). */
export function collectSafely(gc: CollectGarbage | undefined): void {
  try {
    gc?.();
  } catch {
    // Not V8's `gc` after all: nothing else changes.
  }
}

const MIN_BYTES = 8 << 20;
const MAX_HEAP = 64 << 20;

/**
 * The policy, given `gc` to call and the heap's used size in bytes (tests give their own). Text lengths count as bytes
 * (V8 keeps a template's text at one byte per character unless it holds characters beyond Latin-1).
 */
export function discardedTexts(gc: CollectGarbage | undefined, heapUsed: () => number): DiscardedTexts {
  let pending = 0;
  return {
    discarded(length: number): void {
      if (gc) pending += length;
    },
    collectIfDue(): void {
      if (!gc || pending < MIN_BYTES) return;
      const used = heapUsed();
      if (pending < used / 4) return;
      pending = 0;
      if (used > MAX_HEAP) return;
      collectSafely(gc);
    },
  };
}
