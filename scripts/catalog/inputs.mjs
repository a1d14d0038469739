// Locates and reads the generator's inputs (shared by the CLI and the drift test).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readServiceSpec } from './spec.mjs';
import { readNamesData } from './names-data.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SNAPSHOT_DIR = path.join(REPO, 'data', 'snapshots');
export const CDKTN_PACKAGE = '@cdktn/provider-aws@25.7.0';
export const NAMES_DATA = path.resolve(REPO, '..', 'shared', 'data', 'terraform-provider-aws', 'names_data.hcl');

/** The newest committed Terraform snapshot (by provider version). */
export function latestSnapshot() {
  const files = fs.readdirSync(SNAPSHOT_DIR).filter((f) => /^terraform-aws-[\d.]+\.json$/.test(f));
  const ver = (f) => f.match(/[\d.]+(?=\.json)/)[0].split('.').map(Number);
  files.sort((a, b) => {
    const [x, y] = [ver(a), ver(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
  if (!files.length) throw new Error(`no terraform-aws-*.json snapshot in ${SNAPSHOT_DIR}`);
  return JSON.parse(fs.readFileSync(path.join(SNAPSHOT_DIR, files[files.length - 1]), 'utf8'));
}

/** Commit of names_data.hcl, as recorded in its README beside it. */
function namesDataCommit() {
  const readme = path.join(path.dirname(NAMES_DATA), 'README.md');
  const m = fs.existsSync(readme) && /commit ([0-9a-f]{40})/.exec(fs.readFileSync(readme, 'utf8'));
  return m ? m[1] : 'unknown';
}

export function loadInputs(terraform = latestSnapshot()) {
  return {
    spec: readServiceSpec(REPO),
    terraform,
    namesData: readNamesData(fs.readFileSync(NAMES_DATA, 'utf8')),
    namesDataCommit: namesDataCommit(),
  };
}
