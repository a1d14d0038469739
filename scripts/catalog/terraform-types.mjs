// Reads the Terraform AWS provider's resource and data source type names from an installed @cdktn/provider-aws
// (each generated class declares `static tfResourceType = "aws_..."`; folders named `data-*` are data sources).
import fs from 'node:fs';
import path from 'node:path';

/** @returns {{ package: string, packageVersion: string, provider: string, providerVersion: string, resources: string[], dataSources: string[] }} */
export function readCdktnPackage(packageDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const provider = (pkg.cdktn ?? pkg.cdktf)?.provider ?? {};
  const lib = path.join(packageDir, 'lib');
  const resources = new Set();
  const dataSources = new Set();
  for (const dir of fs.readdirSync(lib, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'provider') continue;
    const file = path.join(lib, dir.name, 'index.js');
    if (!fs.existsSync(file)) continue;
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/static tfResourceType = "([^"]+)"/g)) {
      (dir.name.startsWith('data-') ? dataSources : resources).add(m[1]);
    }
  }
  return {
    package: pkg.name,
    packageVersion: pkg.version,
    provider: String(provider.name ?? 'registry.terraform.io/hashicorp/aws'),
    providerVersion: String(provider.version ?? 'unknown'),
    resources: [...resources].sort(),
    dataSources: [...dataSources].sort(),
  };
}
