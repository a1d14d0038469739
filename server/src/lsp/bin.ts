import { createConnection, ProposedFeatures, type Connection, type MessageWriter } from 'vscode-languageserver/node';
import { writeHeapSnapshot } from 'v8';
import { nodeServerHost } from '../node/lsp-host';
import { MEMORY_REQUEST, type MemoryResult } from './protocol';
import { startServer } from './server';
import { ImmediateStreamWriter } from './stdio-writer';

// A crash in one request must not take the server down with the editor's documents.
process.on('uncaughtException', (e) => {
  process.stderr.write(`aws-responsibility-language-server: uncaught ${e instanceof Error ? e.stack : String(e)}\n`);
});
process.on('unhandledRejection', (e) => {
  process.stderr.write(`aws-responsibility-language-server: unhandled rejection ${e instanceof Error ? e.stack : String(e)}\n`);
});
// vscode-languageserver ends the process with code 1 and no message when its input closes or the editor's process is
// gone before a shutdown; say which, so an unexpected exit in a log or a test names its cause.
const exitProcess = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  if (code !== undefined && code !== 0 && code !== null) {
    const where = (new Error('exit').stack ?? '').split('\n').slice(2, 6).join('\n');
    process.stderr.write(`aws-responsibility-language-server: exiting with code ${String(code)} before a shutdown request\n${where}\n`);
  }
  return exitProcess(code);
}) as typeof process.exit;
process.stdin.on('end', () => process.stderr.write('aws-responsibility-language-server: the editor closed its input stream\n'));
// The bundled server: `--stdio` (the bin's default) or Node IPC (the VS Code client).
// Over stdio the writer re-sends unchanged diagnostics' JSON instead of serializing them again, and writes each message
// at once (a hover answered right behind a change goes out before its analysis starts): stdio-writer.ts.
const stdio = process.argv.includes('--stdio');
// vscode-languageserver takes the input as a stream and the output as a writer (it checks each at run time; its typings
// only list both streams or both reader and writer): it then keeps its own handling of stdin's end (exit 0 after a
// shutdown request, 1 before).
const createWithWriter = createConnection as unknown as (features: typeof ProposedFeatures.all, input: NodeJS.ReadableStream, output: MessageWriter) => Connection;
const connection = stdio
  ? createWithWriter(ProposedFeatures.all, process.stdin, new ImmediateStreamWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // What vscode-languageserver does for `--stdio` itself: stdout is the protocol, so console output goes to the log.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
}
if (process.env.ARL_BENCH_TIMING === '1') {
  // Benchmarks: the process's memory, after a full garbage collection when Node runs with --expose-gc.
  connection.onRequest(MEMORY_REQUEST, (params?: { snapshot?: string }): MemoryResult => {
    (globalThis as { gc?: () => void }).gc?.();
    if (params?.snapshot) writeHeapSnapshot(params.snapshot);
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, maxRSS: process.resourceUsage().maxRSS * 1024 };
  });
}
// Between an analysis and its publication the server lets the messages that arrived meanwhile through: the queue
// handles one message per turn, so a request read in this turn's poll phase is handled in the next. After the analysis
// it sleeps one timer tick: on busy cores the editor that sent the change may not even have run since (measured on 2
// loaded cores: a hover sent right behind a change reached the server only once its publication was written).
startServer(connection, { ...nodeServerHost(), yieldToRequests: (fn, sleep) => (sleep ? setTimeout(fn, 0) : setImmediate(() => setImmediate(fn))) });
