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
