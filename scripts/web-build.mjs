// The web extension's bundle (package.json "browser"): client and in-process language server in one file for a web
// worker (vscode.dev, github.dev, code-server). Shared by scripts/build.mjs and the tests (test/unit/web).
// No Node built-in may reach it: the `no-node-builtins` plugin fails the build on the first import of one (with the
// importer's path), and `nodeBuiltinsIn` checks the metafile afterwards as well.
import { builtinModules } from 'node:module';

/** Node's built-in modules, with and without `node:` (fs, path, os, crypto, worker_threads, child_process, …). */
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Is this import specifier a Node built-in (`fs`, `node:fs`, `fs/promises`, …)? */
export function isNodeBuiltin(spec) {
  return BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]) || spec.startsWith('node:');
}

/** An esbuild plugin: any import of a Node built-in is a build error naming the importing file. */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
      return {
        errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer || '(entry)'}: the web extension's bundle must not need Node (see scripts/web-build.mjs)` }],
      };
    });
  },
};

/** Node built-ins a bundle's metafile records as imported (should be none). */
export function nodeBuiltinsIn(metafile) {
  const found = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports ?? []) if (isNodeBuiltin(imp.path) || imp.path.startsWith('node:')) found.push(`${imp.path} (from ${file})`);
  }
  return found;
}

/** esbuild options of a browser bundle (webworker-compatible CommonJS, as the web extension host loads it). */
export function webOptions(production) {
  return {
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    // The web worker extension host of VS Code 1.100 runs in current Chromium, Firefox and Safari.
    target: ['es2022'],
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    legalComments: 'linked',
    // Packages' "browser" builds (vscode-jsonrpc, @vscode/l10n); jsonc-parser's ESM build bundles cleanly (its UMD hides requires).
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"', global: 'globalThis' },
    plugins: [noNodeBuiltins],
    metafile: true,
  };
}

/** The web extension's entry and output. */
export const WEB_CLIENT = { entryPoints: ['client/src/web/extension.ts'], outfile: 'dist/web/client.js', external: ['vscode'] };
