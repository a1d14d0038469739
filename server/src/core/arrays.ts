/**
 * `target.push(...source)` passes every element as an argument: above ~100,000 elements it throws "Maximum call stack
 * size exceeded". Anything that can be as long as the input (findings, statements, rules, diagnostics) is appended so.
 */
export function pushAll<T>(target: T[], source: readonly T[]): T[] {
  for (let i = 0; i < source.length; i++) target.push(source[i]);
  return target;
}
