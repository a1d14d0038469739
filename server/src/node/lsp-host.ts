/** The language server's platform on Node (stdio / IPC): the disk read synchronously, Node's `path`, `fs.watch`. */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { URI } from 'vscode-uri';
import type { ServerHost } from '../lsp/host';
import { nodeConfigFs } from './config-fs';
import { collectSafely, discardedTexts, type CollectGarbage } from './discarded-texts';
import { NodeProjectFs, toProjectPath } from './node-fs';

export function nodeServerHost(): ServerHost {
  // `gc` is there when Node runs with --expose-gc (the extension's options, client/src/server-flags.ts).
  const gc = (globalThis as { gc?: CollectGarbage }).gc;
  const texts = discardedTexts(gc, () => v8.getHeapStatistics().used_heap_size);
  return {
    path,
    fsPath: (uri) => {
      try {
        return URI.parse(uri).fsPath || uri;
      } catch {
        return uri;
      }
    },
    isProjectUri: (uri) => uri.startsWith('file:'),
    toProjectPath,
    uriOf: (p) => URI.file(p).toString(),
    createWorkspaceFs: (maxBytes) => new NodeProjectFs([], maxBytes),
    configFs: (roots) => nodeConfigFs(roots),
    watchDir: (dir, onChange, onError) => {
      try {
        const w = fs.watch(path.normalize(dir), { persistent: false }, (_event, name) => onChange(name ? name.toString() : undefined));
        w.on('error', () => {
          w.close();
          onError();
        });
        return w;
      } catch {
        // A folder that cannot be watched: changes show after the next edit.
        return undefined;
      }
    },
    soon: (fn) => setImmediate(fn),
    description: 'Node',
    // `npm run bench` starts the server with ARL_BENCH_TIMING=1 (see bench/server-case.ts).
    timing: process.env.ARL_BENCH_TIMING === '1',
    discardedText: (length) => texts.discarded(length),
    afterPublication: () => texts.collectIfDue(),
    collectGarbage: () => collectSafely(gc),
  };
}
