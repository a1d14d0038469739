/**
 * Which files "Scan workspace templates" reads, and where a CDK stack template's manifest is: pure (no `vscode`), so
 * the selection is unit-tested; workspace-scan.ts asks VS Code for the files and reads them.
 */
import { cdkOutFileWanted, fileNameOf, inCloudAssembly } from '../../server/src/core/cdk/cloud-assembly';

export const TEMPLATE_GLOB = '**/*.{yaml,yml,json,template,tf}';
/**
 * Never searched: dependencies, Terraform's downloads, Git, and the assets of CDK cloud assemblies (`cdk.out/asset.*`:
 * Lambda code, Docker contexts). The rest of `cdk.out` is searched and narrowed to its stack templates by
 * selectScanFiles.
 */
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.terraform/**,**/.git/**,**/cdk.out/asset.*/**,**/cdk.out/**/asset.*/**}';

/** A file found by the search: its URI's path (`/`-separated) and its path relative to its workspace folder. */
export interface FoundFile<T> {
  readonly item: T;
  /**
   * From the workspace folder, its own name first (what decides: a `cdk.out` above the workspace folder does not
   * count, the folder itself does).
   */
  readonly relativePath: string;
  /** The URI's path, where the manifest is looked for. */
  readonly uriPath: string;
}

/** A file the scan reads; for a template of a cloud assembly, where its `manifest.json` is and its name there. */
export interface ScanFile<T> {
  readonly item: T;
  readonly cdk?: { readonly manifestPath: string; readonly templateFile: string };
}

/** The files to read, in the order found: outside `cdk.out` all of them; inside, only stack templates (no assets). */
export function selectScanFiles<T>(found: readonly FoundFile<T>[]): ScanFile<T>[] {
  const out: ScanFile<T>[] = [];
  for (const f of found) {
    if (!cdkOutFileWanted(f.relativePath)) continue;
    if (!inCloudAssembly(f.relativePath)) {
      out.push({ item: f.item });
      continue;
    }
    const slash = f.uriPath.lastIndexOf('/');
    out.push({ item: f.item, cdk: { manifestPath: `${f.uriPath.slice(0, slash)}/manifest.json`, templateFile: fileNameOf(f.uriPath) } });
  }
  return out;
}
