/** What the CLI tests share: the CLI run in-process from a folder, and the SARIF Multitool's validator. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../../server/src/cli/main';
import { ROOT } from '../helpers';

/** Runs the CLI with `args` from `cwd` (paths in reports are relative to it); collects its output. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const prev = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } finally {
    process.chdir(prev);
  }
}

const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', `sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux'}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');

/** Runs the SARIF Multitool's validator with GitHub's rules too; returns its errors (and warnings) as lines. */
export function validateSarif(file: string): { errors: string[]; warnings: string[]; output: string } {
  assert.ok(fs.existsSync(MULTITOOL), `${MULTITOOL} is missing: npm ci installs @microsoft/sarif-multitool`);
  const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Gh;Sarif', file], { encoding: 'utf8', timeout: 120000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  assert.ok(r.status === 0 || /error/.test(output), `Multitool failed to run (status ${r.status}): ${output}`);
  const lines = output.split('\n');
  return { errors: lines.filter((l) => /: error /.test(l)), warnings: lines.filter((l) => /: warning /.test(l)), output };
}
