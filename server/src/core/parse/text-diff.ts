/** Where two versions of a text differ: the common prefix and suffix (blocks compared first: string equality is a memory compare). */
const BLOCK = 2048;

export function commonPrefix(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let p = 0;
  while (p + BLOCK <= max && a.substring(p, p + BLOCK) === b.substring(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix, at most `max` (pass `min(len) - prefix` so prefix and suffix do not overlap). */
export function commonSuffix(a: string, b: string, max: number): number {
  let q = 0;
  const al = a.length;
  const bl = b.length;
  while (q + BLOCK <= max && a.substring(al - q - BLOCK, al - q) === b.substring(bl - q - BLOCK, bl - q)) q += BLOCK;
  while (q < max && a.charCodeAt(al - 1 - q) === b.charCodeAt(bl - 1 - q)) q++;
  return q;
}

/** The edit that turns `a` into `b`: [start, oldEnd) in `a` became [start, start + oldEnd - start + delta) in `b`. */
export function diffRegion(a: string, b: string): { start: number; oldEnd: number; delta: number } | undefined {
  const max = Math.min(a.length, b.length);
  const p = commonPrefix(a, b, max);
  if (p === a.length && p === b.length) return undefined;
  const q = commonSuffix(a, b, max - p);
  return { start: p, oldEnd: a.length - q, delta: b.length - a.length };
}

/** Index of the last chunk starting at or before `offset` (chunks sorted by start). */
export function chunkAt(chunks: readonly { readonly start: number }[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * `s` as a string of its own. A substring of 13+ characters is, in V8, a view into the whole string it was cut from,
 * and keeps it alive: the keys and values of a chunk parsed from `text.slice(...)` would keep that version of the whole
 * document alive for as long as the chunk is reused, one full copy per edited chunk over an editing session (20 edits
 * in 20 resources of a 2.5 MB template kept 50 MB). Chunks are parsed from their own copy instead.
 */
export function detached(s: string): string {
  // The concatenation is flattened into a new string by the slice; the slice is a view into that copy only.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * An edit the caller knows (an editor's change): [start, oldEnd) of the previous text replaced by `text`. Given to a
 * parser with the previous text (`base`, the very string it last parsed), it locates the change without comparing the
 * texts — and without reading the new one: in V8 the first read of a text built by concatenation copies it whole
 * (5–8 ms for 10 MB), which the caller can then make later, when the editor is idle.
 */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly text: string;
}

export interface BasedEdit extends TextEdit {
  /** The text the edit applies to. */
  readonly base: string;
}

/**
 * `e` then `next` (an edit of the text `e` made from `base`) as one edit of `base`. Reads `base` only between the two
 * edits (nothing when typing: each change is next to the last).
 */
export function composeEdits(base: string, e: TextEdit, next: TextEdit): TextEdit {
  const insEnd = e.start + e.text.length;
  // [x, y) of the text after `e`, from `base` and `e.text`.
  const slice = (x: number, y: number): string => {
    let out = '';
    if (x < e.start) out += base.slice(x, Math.min(y, e.start));
    const a = Math.max(x, e.start);
    const b = Math.min(y, insEnd);
    if (a < b) out += e.text.slice(a - e.start, b - e.start);
    const c = Math.max(x, insEnd);
    if (c < y) out += base.slice(e.oldEnd + (c - insEnd), e.oldEnd + (y - insEnd));
    return out;
  };
  const start = Math.min(e.start, next.start);
  const end = Math.max(insEnd, next.oldEnd);
  return {
    start,
    oldEnd: end > insEnd ? e.oldEnd + (end - insEnd) : e.oldEnd,
    text: slice(start, next.start) + next.text + slice(next.oldEnd, end),
  };
}

/** `base` with `e` applied. */
export function applyTextEdit(base: string, e: TextEdit): string {
  return base.slice(0, e.start) + e.text + base.slice(e.oldEnd);
}
