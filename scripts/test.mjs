// `npm test`: every suite, in order — types, the pure core, the server over stdio LSP, Neovim as a real client,
// the real VS Code workbench (code-server + Chromium), and the @vscode/test-electron suite where VS Code exists.
// A suite that needs a missing tool FAILS (nothing is silently skipped). `npm test -- --only unit,protocol` runs a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
})();

function files(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

let passed = 0;
let failed = 0;
const summary = [];

function run(name, cmd, args, opts = {}) {
  if (only && !only.has(name)) return;
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  process.stdout.write(r.stdout ?? '');
  const out = r.stdout ?? '';
  // node:test (tap/spec) closing counts, or our harnesses' "N passed, N failed" line.
  let p = Number(/^# pass (\d+)/m.exec(out)?.[1] ?? /^ℹ pass (\d+)/m.exec(out)?.[1] ?? NaN);
  let f = Number(/^# fail (\d+)/m.exec(out)?.[1] ?? /^ℹ fail (\d+)/m.exec(out)?.[1] ?? NaN);
  const plain = /(\d+) passed, (\d+) failed/.exec(out.split('\n').filter((l) => /\d+ passed, \d+ failed/.test(l)).pop() ?? '');
  if (Number.isNaN(p) && plain) {
    p = Number(plain[1]);
    f = Number(plain[2]);
  }
  if (Number.isNaN(p)) {
    p = r.status === 0 ? 1 : 0;
    f = r.status === 0 ? 0 : 1;
  }
  if (r.status !== 0 && f === 0) f = 1; // a crashed or failing suite counts as a failure even without counts
  if (opts.notRunnableCode !== undefined && r.status === opts.notRunnableCode) {
    summary.push(`${name}: not runnable on this machine (see its message above)`);
    return;
  }
  passed += p;
  failed += f;
  summary.push(`${name}: ${p} passed, ${f} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)${r.status !== 0 ? ` — exit ${r.status ?? r.signal}` : ''}`);
}

const node = process.execPath;
// A fresh machine: install Neovim and the workbench harness first (skipped quickly when present).
if (!only || only.has('neovim') || only.has('workbench')) {
  spawnSync('bash', ['scripts/ensure-test-tools.sh'], { stdio: 'inherit' });
}
run('typecheck', node, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
run('unit', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files('test/unit', '.test.ts')]);
run('protocol', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files('test/protocol', '.test.ts')]);
run('neovim', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files('test/nvim', '.test.ts')]);
run('workbench', 'bash', ['e2e/run.sh']);
// @vscode/test-electron cannot download VS Code offline; it exits 3 with its reason when no VS Code is available.
run('test-electron', node, ['client/test-electron/run.js'], { notRunnableCode: 3 });

process.stdout.write(`\n${summary.join('\n')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
