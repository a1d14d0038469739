import type { Span } from './types';

/** Lists already checked: are their spans in source order and disjoint? (computed once per list, O(n)) */
const ordered = new WeakMap<readonly unknown[], boolean>();

/**
 * The element whose span contains `offset` (start ≤ offset ≤ end). Parsed collections are in source order, so this is a
 * binary search — a property lookup for each of 130,000 findings in one list was quadratic (a minute in the CLI). A
 * list whose spans are not in order (built by an expansion) is searched element by element, as before.
 */
export function findContaining<T>(xs: readonly T[], offset: number, spanOf: (x: T) => Span): T | undefined {
  if (xs.length < 16 || !isOrdered(xs, spanOf)) {
    for (const x of xs) {
      const s = spanOf(x);
      if (s.start <= offset && offset <= s.end) return x;
    }
    return undefined;
  }
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = spanOf(xs[mid]);
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else {
      // Adjacent spans may touch (one ends where the next starts): the first that contains the offset wins, as a scan.
      let i = mid;
      while (i > 0 && spanOf(xs[i - 1]).end >= offset) i--;
      return xs[i];
    }
  }
  return undefined;
}

/** Whether the spans of a list are in source order and disjoint (computed once per list). */
export function isOrdered<T>(xs: readonly T[], spanOf: (x: T) => Span): boolean {
  let v = ordered.get(xs);
  if (v === undefined) {
    v = true;
    for (let i = 0; i < xs.length && v; i++) {
      const s = spanOf(xs[i]);
      if (s.start > s.end || (i > 0 && spanOf(xs[i - 1]).end > s.start)) v = false;
    }
    ordered.set(xs, v);
  }
  return v;
}
