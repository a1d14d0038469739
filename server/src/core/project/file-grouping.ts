/**
 * A module's resource analyses grouped by the file each is written in, with the findings each reports in that file:
 * what a Terraform module's own view hands to each of its files. After an edit the module's analysis hands back the
 * same ResourceAnalysis objects for every resource the edit did not touch (analyze.ts reuses them), so the grouping of
 * the last analysis is copied and the few changed ones put in place, instead of walking 10,000 resources and their
 * findings, and looking up each one's file, on every keystroke. Pure: no project state.
 */
import type { Finding, ResourceAnalysis } from '../analyze';
import type { Resource } from '../model/types';

/** One file's share: its resources in module order, and the findings they report in it. */
export interface FileShare {
  readonly resources: readonly ResourceAnalysis[];
  readonly findings: readonly Finding[];
}

export interface FileGrouping {
  /** The analyses grouped (the module analysis's `resources`, by identity). */
  readonly of: readonly ResourceAnalysis[];
  readonly paths: readonly string[];
  readonly shares: ReadonlyMap<string, FileShare>;
  /** The indexes of `module` blocks (their calls are resolved by the caller). */
  readonly moduleCalls: readonly number[];
  /** How many findings the resources report in all (the module analysis's other findings come after them). */
  readonly resourceFindings: number;
  /** Per resource index: its file (undefined: none of the module's), where it is in its file's share, where its findings start there; -1 when they do not all go to its file. */
  readonly file: readonly (string | undefined)[];
  readonly at: Int32Array;
  readonly findingsAt: Int32Array;
}

/** More changed resources than this: grouped again from scratch (as cheap as checking them one by one). */
const MAX_CHANGED = 64;

/**
 * Groups `resources` by file. `fileOf` gives the file a resource (or the resource a finding is `at`) is written in.
 * `last`: the grouping of the previous analysis of the same module, reused when its resources and files line up.
 */
export function groupByFile(last: FileGrouping | undefined, resources: readonly ResourceAnalysis[], paths: readonly string[], fileOf: (r: Resource) => string | undefined): FileGrouping {
  return (last && regrouped(last, resources, paths, fileOf)) ?? grouped(resources, paths, fileOf);
}

function grouped(resources: readonly ResourceAnalysis[], paths: readonly string[], fileOf: (r: Resource) => string | undefined): FileGrouping {
  const lists = new Map<string, { resources: ResourceAnalysis[]; findings: Finding[] }>();
  for (const p of paths) lists.set(p, { resources: [], findings: [] });
  const file: (string | undefined)[] = new Array(resources.length);
  const at = new Int32Array(resources.length);
  const findingsAt = new Int32Array(resources.length);
  const moduleCalls: number[] = [];
  let resourceFindings = 0;
  for (let i = 0; i < resources.length; i++) {
    const ra = resources[i];
    const own = fileOf(ra.resource);
    file[i] = own;
    if (ra.resource.mode === 'module') moduleCalls.push(i);
    const share = own === undefined ? undefined : lists.get(own);
    at[i] = share ? share.resources.length : -1;
    share?.resources.push(ra);
    let local = share !== undefined;
    const start = share ? share.findings.length : -1;
    resourceFindings += ra.findings.length;
    for (const f of ra.findings) {
      const where = f.at ? fileOf(f.at) : undefined;
      const target = where ?? own;
      if (target !== own) local = false;
      if (target) lists.get(target)?.findings.push(f);
    }
    findingsAt[i] = local ? start : -1;
  }
  return { of: resources, paths, shares: lists, moduleCalls, resourceFindings, file, at, findingsAt };
}

/** The last grouping with the changed resources put in place; undefined when that is not the same as grouping again. */
function regrouped(last: FileGrouping, resources: readonly ResourceAnalysis[], paths: readonly string[], fileOf: (r: Resource) => string | undefined): FileGrouping | undefined {
  const old = last.of;
  if (old.length !== resources.length || paths.length !== last.paths.length || paths.some((p, i) => p !== last.paths[i])) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < resources.length; i++) {
    if (resources[i] === old[i]) continue;
    if (changed.length === MAX_CHANGED) return undefined;
    changed.push(i);
  }
  if (changed.length === 0) return { ...last, of: resources };
  // Each changed resource must take its predecessor's place exactly: the same file, not a module call, every finding
  // (as many as before) in that file.
  for (const i of changed) {
    const was = old[i];
    const ra = resources[i];
    const own = last.file[i];
    if (last.findingsAt[i] < 0 || own === undefined || ra.resource.mode === 'module' || was.resource.mode === 'module') return undefined;
    if (ra.findings.length !== was.findings.length || fileOf(ra.resource) !== own) return undefined;
    for (const f of ra.findings) if (f.at && (fileOf(f.at) ?? own) !== own) return undefined;
  }
  // Copies of the shares touched (the last analysis, which a hover may still read, keeps its lists).
  const copies = new Map<string, { resources: ResourceAnalysis[]; findings: Finding[] }>();
  for (const i of changed) {
    const own = last.file[i] as string;
    let copy = copies.get(own);
    if (!copy) {
      const share = last.shares.get(own) as FileShare;
      copy = { resources: share.resources.slice(), findings: share.findings.slice() };
      copies.set(own, copy);
    }
    const ra = resources[i];
    copy.resources[last.at[i]] = ra;
    const from = last.findingsAt[i];
    for (let k = 0; k < ra.findings.length; k++) copy.findings[from + k] = ra.findings[k];
  }
  const shares = new Map(last.shares);
  for (const [p, c] of copies) shares.set(p, c);
  return { ...last, of: resources, shares };
}
