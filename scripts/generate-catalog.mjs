#!/usr/bin/env node
// Regenerates data/catalog.json (run by hand, never at build or run time).
//   node scripts/generate-catalog.mjs                      installs @cdktn/provider-aws into a temp folder, snapshots its type lists
//   node scripts/generate-catalog.mjs --from-snapshot      uses data/snapshots/terraform-aws-<version>.json instead
//   node scripts/generate-catalog.mjs --cdktn-dir <dir>    uses an already installed @cdktn/provider-aws package folder
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readCdktnPackage } from './catalog/terraform-types.mjs';
import { deriveCatalog } from './catalog/derive.mjs';
import { loadInputs, REPO, SNAPSHOT_DIR, CDKTN_PACKAGE } from './catalog/inputs.mjs';

const args = process.argv.slice(2);
const fromSnapshot = args.includes('--from-snapshot');
const dirArg = args.indexOf('--cdktn-dir');

let terraform;
if (!fromSnapshot) {
  let pkgDir;
  if (dirArg >= 0) pkgDir = path.resolve(args[dirArg + 1]);
  else {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-aws-'));
    console.error(`installing ${CDKTN_PACKAGE} into ${tmp} (about 480 MB)…`);
    execFileSync('npm', ['install', '--prefix', tmp, '--no-save', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', CDKTN_PACKAGE], { stdio: 'inherit' });
    pkgDir = path.join(tmp, 'node_modules', '@cdktn', 'provider-aws');
  }
  terraform = readCdktnPackage(pkgDir);
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const snap = path.join(SNAPSHOT_DIR, `terraform-aws-${terraform.providerVersion}.json`);
  fs.writeFileSync(snap, JSON.stringify(terraform, null, 1) + '\n');
  console.error(`wrote ${path.relative(REPO, snap)}`);
}

const inputs = loadInputs(terraform);
const { catalog, unmapped } = deriveCatalog(inputs);
if (unmapped.length) {
  console.error(`${unmapped.length} Terraform types map to no service; add them to TERRAFORM_TYPE_TO_SERVICE in scripts/catalog/overrides.mjs:\n  ${unmapped.join('\n  ')}`);
  process.exit(1);
}
const out = path.join(REPO, 'data', 'catalog.json');
fs.writeFileSync(out, JSON.stringify(catalog) + '\n');
console.error(`wrote data/catalog.json: ${catalog.counts.cloudformationTypes} CloudFormation types, ${catalog.counts.terraformResources} Terraform resources, ${catalog.counts.terraformDataSources} data sources, ${catalog.counts.services} services, ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
