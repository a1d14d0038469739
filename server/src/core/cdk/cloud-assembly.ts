/**
 * AWS CDK cloud assemblies (`cdk.out`, what `cdk synth` writes): which of their files are stack templates, and the
 * stack each template belongs to (`manifest.json`). Pure: paths are strings, the manifest is text; the workspace scan
 * (client) and the CLI's folder walk both decide with these functions.
 *
 * In a cloud assembly only `*.template.json` files are templates, at its top or in a nested assembly (`assembly-Prod/`,
 * one per CDK Stage). `asset.*` entries are assets (Lambda code, Docker contexts, files) — never read, however many
 * JSON files they hold. Everything else there (`manifest.json`, `tree.json`, `*.assets.json`) is CDK's own bookkeeping.
 *
 * Paths are decided as given (relative to the workspace folder, or as named on the command line): a `cdk.out` above
 * them (a repository cloned into a folder of that name) does not count.
 */

/** The folder name `cdk synth` writes to. */
export const CDK_OUT = 'cdk.out';

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

/** The segments of a path after its last `cdk.out` folder, or undefined when the path is not inside one. */
function insideCdkOut(path: string): string[] | undefined {
  const segs = segments(path);
  // The last segment is the entry itself: `cdk.out` as a file name is not a folder to be inside.
  const i = segs.length < 2 ? -1 : segs.lastIndexOf(CDK_OUT, segs.length - 2);
  return i < 0 ? undefined : segs.slice(i + 1);
}

const isAsset = (name: string): boolean => name.startsWith('asset.');
const isNestedAssembly = (name: string): boolean => name.startsWith('assembly-') && !isAsset(name);
const isTemplateName = (name: string): boolean => name.toLowerCase().endsWith('.template.json') && !isAsset(name);

/**
 * Whether a file is to be read as far as cloud assemblies go: a file outside any `cdk.out` folder is (other rules
 * decide); inside one, only a stack template (`cdk.out/X.template.json`, `cdk.out/assembly-Prod/X.template.json`).
 */
export function cdkOutFileWanted(path: string): boolean {
  const rest = insideCdkOut(path);
  if (rest === undefined) return true;
  const name = rest[rest.length - 1];
  return isTemplateName(name) && rest.slice(0, -1).every(isNestedAssembly);
}

/**
 * Whether a folder walk goes into a folder: outside `cdk.out` always (other rules decide), `cdk.out` itself and its
 * nested assemblies yes, anything else inside it (`asset.*`, and any other folder) no.
 */
export function cdkOutFolderWanted(path: string): boolean {
  const segs = segments(path);
  const i = segs.lastIndexOf(CDK_OUT);
  if (i < 0) return true;
  return segs.slice(i + 1).every(isNestedAssembly);
}

/** Whether a file is in a cloud assembly (below a `cdk.out` folder of the path as given), where a manifest names its stack. */
export function inCloudAssembly(path: string): boolean {
  return insideCdkOut(path) !== undefined;
}

/** The file name of a path (after its last `/` or `\`). */
export function fileNameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

/** Manifests larger than this are not read (a real one is a few kilobytes per stack). */
export const MAX_MANIFEST_BYTES = 16 * 1048576;

/**
 * The stacks of a cloud assembly's `manifest.json`: template file name (as `properties.templateFile` gives it, relative
 * to the assembly's folder) → the stack's name as CDK shows it (`displayName`, e.g. `Prod/Api`, else the artifact id).
 * Anything that is not a readable manifest gives an empty map.
 */
export function stackNames(manifestText: string): Map<string, string> {
  const out = new Map<string, string>();
  if (manifestText.length > MAX_MANIFEST_BYTES) return out;
  let json: unknown;
  try {
    json = JSON.parse(manifestText.replace(/^\uFEFF/, ''));
  } catch {
    return out;
  }
  const artifacts = isObject(json) ? json.artifacts : undefined;
  if (!isObject(artifacts)) return out;
  for (const [id, a] of Object.entries(artifacts)) {
    if (!isObject(a) || a.type !== 'aws:cloudformation:stack') continue;
    const props = a.properties;
    const file = isObject(props) ? props.templateFile : undefined;
    if (typeof file !== 'string' || file === '') continue;
    const name = typeof a.displayName === 'string' && a.displayName !== '' ? a.displayName : id;
    out.set(file.replace(/^\.\//, ''), name);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
