/**
 * Node/V8 options the extension starts the language server with (also read by `npm run bench`, which measures the server
 * as it runs). A full analysis builds a syntax tree of several MB that outlives the parse; with V8's default young
 * generation (16 MB semi-spaces) most of it is copied by a scavenge while it is built, which costs about a third of a
 * full analysis of a 1,000-resource file. 64 MB semi-spaces let it be built without that copy, for ~50 MB more peak
 * memory while analysing. Other editors can pass the same through NODE_OPTIONS (see README).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=64'];
