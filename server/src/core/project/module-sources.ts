/**
 * Where a `module` block's code is: a local path (`./x`, `../x`) relative to the calling module, or — for registry,
 * Git, S3 and other remote sources — the copy `terraform init` downloaded, as `.terraform/modules/modules.json` in the
 * root module's folder records it (`Key`: the dotted call names from the root, `Dir`: relative to the root).
 * https://developer.hashicorp.com/terraform/language/modules/sources
 */
import { join } from './paths';

export type TerraformModuleSource =
  | { readonly kind: 'local'; readonly dir: string }
  | { readonly kind: 'downloaded'; readonly dir: string; readonly source: string }
  | { readonly kind: 'not-downloaded'; readonly source: string }
  | { readonly kind: 'none' };

export type ModuleSource =
  | TerraformModuleSource
  /** A CloudFormation nested stack whose `TemplateURL` is a local file. */
  | { readonly kind: 'template'; readonly file: string }
  /** A nested stack whose template is remote (https://, s3://): not read. */
  | { readonly kind: 'remote-template'; readonly url: string };

/** Terraform treats only sources starting with `./` or `../` as local paths. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/** `modules.json` → key → folder (absolute). Unreadable or malformed: an empty map. */
export function parseModulesManifest(rootDir: string, text: string | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (text === undefined) return out;
  try {
    const json = JSON.parse(text) as unknown;
    const mods = (json as { Modules?: unknown }).Modules;
    if (!Array.isArray(mods)) return out;
    for (const m of mods as unknown[]) {
      const key = (m as { Key?: unknown }).Key;
      const dir = (m as { Dir?: unknown }).Dir;
      if (typeof key !== 'string' || typeof dir !== 'string' || key === '') continue;
      out.set(key, join(rootDir, dir.replace(/\\/g, '/')));
    }
  } catch {
    // Not JSON: no downloaded modules.
  }
  return out;
}

export function manifestPath(rootDir: string): string {
  return join(rootDir, '.terraform/modules/modules.json');
}

/**
 * The folder of a call's code. `callerDir`: the calling module's folder; `keyPath`: the call names from the root module
 * (`['storage', 'inner']`); `manifest`: the root's modules.json.
 */
export function resolveModuleSource(source: string, callerDir: string, keyPath: readonly string[], manifest: ReadonlyMap<string, string>): TerraformModuleSource {
  if (source === '') return { kind: 'none' };
  if (isLocalSource(source)) return { kind: 'local', dir: join(callerDir, source) };
  const dir = manifest.get(keyPath.join('.'));
  return dir !== undefined ? { kind: 'downloaded', dir, source } : { kind: 'not-downloaded', source };
}
