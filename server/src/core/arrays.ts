/**
 * `target.push(...source)` passes every element as an argument: above ~100,000 elements it throws "Maximum call stack
 * size exceeded". Anything that can be as long as the input (findings, statements, rules, diagnostics) is appended so.
 */
export function pushAll<T>(target: T[], source: readonly T[]): T[] {
  for (let i = 0; i < source.length; i++) target.push(source[i]);
  return target;
}

/**
 * How many elements `a` and `b` share, the same objects in the same places, at their start (`head`) and, after that, at
 * their end (`tail`): after an edit most of a list is the previous list's objects, and what lies between is what changed.
 */
export function sameEnds<T>(a: readonly T[], b: readonly T[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}
