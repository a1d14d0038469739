/**
 * How the extension starts the language server's Node process (also read by `npm run bench`, which measures the server
 * as it runs). The server is a companion that runs beside heavier extensions, so these keep its memory small; measured
 * with `npm run bench` on 2 cores (README, "Memory"), peak RSS with a 1,000-resource (1 MB) template open and edited:
 *
 * - `--max-semi-space-size=4`: V8's young generation grows to 2 × 16 MB while a large tree is built and stays that size
 *   (64 MB semi-spaces, the previous setting, 134 MB peak; 4 MB: the tree is promoted sooner, as fast at 1,000 and
 *   7,500 resources in full analysis, edits at 10,000 resources 2–6 ms slower and still under 30 ms).
 * - `--v8-pool-size=1`: one V8 helper thread (concurrent marking, sweeping, optimizing compiles) rather than four; each
 *   helper thread keeps its own malloc arena (5 MB less).
 * - `--expose-gc`: the server asks for a full collection once the document texts it replaced add up to a quarter of
 *   its heap (server/src/node/discarded-texts.ts: V8 moves them to the old generation, where they wait for one).
 *
 * Other editors can pass the same (README, "Other editors"); without them everything works the same, with more memory.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--v8-pool-size=1', '--expose-gc'];

/**
 * Environment of the server's process: glibc's allocator (Linux; other C libraries and systems ignore them). V8's parser
 * and compiler allocate and free zones of tens of KB; glibc keeps what is freed in the heap it came from, and gives each
 * thread an arena of its own. Two arenas at most, and blocks of 32 KB or more mapped and unmapped on their own: 8–10 MB
 * less resident memory after startup and at the peak.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '32768' };
