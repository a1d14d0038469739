// One esbuild run bundles the extension client, the language server and the CLI (as vscode-eslint does), and the web
// extension (client + in-process server for a web worker; see scripts/web-build.mjs: the build fails if any Node
// built-in reaches it).
import * as esbuild from 'esbuild';
import { nodeBuiltinsIn, WEB_CLIENT, webOptions } from './web-build.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const [, , , web] = await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/bin.ts'], outfile: 'dist/server.js' }),
  // tsx is only for running the CLI from its TypeScript sources (its worker threads then load through it).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', external: ['tsx/cjs'] }),
  esbuild.build({ ...webOptions(production), ...WEB_CLIENT }),
]);
// The plugin already refuses Node built-ins as they are imported; the metafile is checked too (belt and braces).
const builtins = nodeBuiltinsIn(web.metafile);
if (builtins.length > 0) {
  console.error(`build: the web bundle ${WEB_CLIENT.outfile} imports Node built-ins:\n  ${builtins.join('\n  ')}`);
  process.exit(1);
}
