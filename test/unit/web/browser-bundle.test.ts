// The web extension's bundle (package.json "browser"): built with the options scripts/build.mjs uses, it resolves no
// Node built-in, requires nothing but `vscode`, and the build fails — naming the importer — as soon as one is imported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../helpers';

interface WebBuild {
  webOptions(production: boolean): esbuild.BuildOptions;
  WEB_CLIENT: { entryPoints: string[]; outfile: string; external: string[] };
  nodeBuiltinsIn(metafile: esbuild.Metafile): string[];
  isNodeBuiltin(spec: string): boolean;
}
const load = async (): Promise<WebBuild> => (await import(path.join(ROOT, 'scripts', 'web-build.mjs'))) as WebBuild;

async function buildWeb(production: boolean): Promise<{ text: string; metafile: esbuild.Metafile }> {
  const w = await load();
  const r = await esbuild.build({ ...w.webOptions(production), ...w.WEB_CLIENT, absWorkingDir: ROOT, sourcemap: false, write: false, logLevel: 'silent' });
  const out = r.outputFiles.find((f) => f.path.endsWith('.js'));
  assert.ok(out && r.metafile);
  return { text: out.text, metafile: r.metafile };
}

describe('web extension bundle: no Node', () => {
  it('package.json names it as "browser" beside "main", and the VSIX ships it', async () => {
    const w = await load();
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main?: string; browser?: string };
    assert.equal(pkg.browser, `./${w.WEB_CLIENT.outfile}`);
    assert.equal(pkg.main, './dist/client.js');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes(`!${w.WEB_CLIENT.outfile}`), '.vscodeignore leaves the web bundle out of the VSIX');
  });

  for (const production of [false, true]) {
    it(`${production ? 'production' : 'development'} build: no Node built-in resolved, nothing required but vscode`, async () => {
      const w = await load();
      const { text, metafile } = await buildWeb(production);
      assert.deepEqual(w.nodeBuiltinsIn(metafile), []);
      const inputs = Object.keys(metafile.inputs);
      // The same server and core as on Node: the LSP server, the web host and the analysis core are in.
      for (const f of ['server/src/lsp/server.ts', 'server/src/web/server.ts', 'server/src/web/client-fs.ts', 'server/src/core/analyze.ts', 'client/src/web/extension.ts']) {
        assert.ok(inputs.includes(f), `${f} is not in the web bundle`);
      }
      // …and none of the Node side: no adapter, no Node client, no CLI.
      for (const f of inputs) assert.ok(!/^server\/src\/(node|cli)\/|^client\/src\/(extension|tasks|server-flags)\.ts$/.test(f), `${f} is Node-only and in the web bundle`);
      for (const f of inputs) assert.ok(!/node_modules\/vscode-(languageclient|languageserver|jsonrpc)\/lib\/node\//.test(f), `${f}: a Node build of an LSP library`);
      const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
      assert.deepEqual([...required], ['vscode']);
      // Node globals (Buffer, process, setImmediate) are checked at run time instead: web-server.test.ts runs the
      // server's bundle with only a web worker's globals.
    });
  }

  it('the build fails on a Node built-in, naming it and its importer', async () => {
    const w = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-nobuiltin-'));
    try {
      for (const spec of ['fs', 'node:path', 'os', 'worker_threads', 'child_process', 'crypto', 'url', 'util', 'stream', 'events', 'fs/promises']) {
        const entry = path.join(dir, 'bad.ts');
        fs.writeFileSync(entry, `import * as m from '${spec}';\nexport const x = m;\n`);
        await assert.rejects(
          esbuild.build({ ...w.webOptions(true), entryPoints: [entry], outfile: path.join(dir, 'out.js'), write: false, logLevel: 'silent' }),
          (e: { errors?: { text: string }[] }) => (e.errors ?? []).some((x) => x.text.includes(`Node built-in "${spec}"`) && x.text.includes('bad.ts')),
          `importing ${spec} did not fail the build`,
        );
      }
      // Through a dependency too (the check is on every import, not only the entry's).
      fs.writeFileSync(path.join(dir, 'dep.ts'), "import { join } from 'path';\nexport const j = join;\n");
      fs.writeFileSync(path.join(dir, 'entry.ts'), "import { j } from './dep';\nexport const y = j;\n");
      await assert.rejects(
        esbuild.build({ ...w.webOptions(false), entryPoints: [path.join(dir, 'entry.ts')], outfile: path.join(dir, 'out.js'), write: false, logLevel: 'silent' }),
        (e: { errors?: { text: string }[] }) => (e.errors ?? []).some((x) => x.text.includes('"path"') && x.text.includes('dep.ts')),
      );
      assert.equal(w.isNodeBuiltin('vscode'), false);
      assert.equal(w.isNodeBuiltin('yaml'), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
