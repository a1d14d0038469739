#!/usr/bin/env node
// @vscode/test-electron runner: the same scenarios as e2e/ (diagnostics, hover, view command, edit, Terraform, quick fix)
// through the VS Code API inside a real desktop VS Code. Needs a VS Code binary: VSCODE_EXECUTABLE_PATH, or a
// download from update.code.visualstudio.com. Exit codes: 0 passed, 1 failed, 3 = no VS Code available (not runnable here).
// Usage: node client/test-electron/run.js   (after `npm run build`)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const NOT_RUNNABLE = 3;

function notRunnable(reason) {
  console.error(`@vscode/test-electron: no VS Code available offline (set VSCODE_EXECUTABLE_PATH to a VS Code binary) — ${reason}`);
  console.error('@vscode/test-electron: skipped as not runnable here; the code-server suite (bash e2e/run.sh) runs the same scenarios.');
  process.exit(NOT_RUNNABLE);
}

async function resolveVSCode(testElectron) {
  const exe = process.env.VSCODE_EXECUTABLE_PATH;
  if (exe) {
    if (!fs.existsSync(exe)) { console.error(`@vscode/test-electron: VSCODE_EXECUTABLE_PATH=${exe} does not exist`); process.exit(1); }
    return exe;
  }
  const version = process.env.VSCODE_TEST_VERSION || 'stable';
  const timeoutMs = Number(process.env.VSCODE_DOWNLOAD_TIMEOUT_MS || 60000);
  let timer;
  try {
    return await Promise.race([
      testElectron.downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test'), timeout: timeoutMs }),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`download did not finish in ${timeoutMs / 1000} s`)), timeoutMs); }),
    ]);
  } catch (e) {
    notRunnable(`download of VS Code ${version} failed: ${String((e && e.message) || e).split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
  }
}

(async () => {
  let testElectron;
  try { testElectron = require('@vscode/test-electron'); } catch { notRunnable('@vscode/test-electron is not installed (npm ci at the repo root)'); }
  const main = require(path.join(ROOT, 'package.json')).main;
  if (!fs.existsSync(path.join(ROOT, main))) { console.error(`test-electron: ${main} missing — run \`npm run build\` first`); process.exit(1); }
  const vscodeExecutablePath = await resolveVSCode(testElectron);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arl-test-electron-'));
  const ws = path.join(tmp, 'ws');
  fs.cpSync(path.join(ROOT, 'examples'), ws, { recursive: true }); // tests edit files: never the repo's examples
  const resultFile = path.join(tmp, 'result.json');
  let code = 1;
  try {
    code = await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--disable-gpu', '--user-data-dir', path.join(tmp, 'udd'), ...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [])],
      extensionTestsEnv: { ARL_TEST_WS: ws, ARL_TEST_CLI: path.join(ROOT, 'bin', 'aws-responsibility.js'), ARL_TEST_RESULT: resultFile, ARL_TEST_EXT_DIR: ROOT },
    });
  } catch (e) {
    console.error('test-electron: run failed:', (e && e.message) || e);
    code = 1;
  }
  if (fs.existsSync(resultFile)) {
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    console.log(`${r.passed} passed, ${r.failed} failed`);
  } else console.log('0 passed, 1 failed');
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code === 0 ? 0 : 1);
})();
