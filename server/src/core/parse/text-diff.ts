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
