/**
 * Refreshes data/engine-support.json, the end-of-standard-support dates the version rules compare with
 * (server/src/core/rules/versions.ts). One command:
 *
 *   node --import tsx scripts/gen-engine-support.ts          # check and normalize the table, list what is stale
 *   node --import tsx scripts/gen-engine-support.ts --aws    # also re-read RDS, Aurora and EKS from the AWS APIs
 *
 * Where the dates come from:
 * - RDS for MySQL / PostgreSQL and Aurora MySQL / PostgreSQL: `aws rds describe-db-major-engine-versions --engine <e>`
 *   (SupportedEngineLifecycles, `open-source-rds-standard-support`), the dates of the release calendars.
 * - EKS: `aws eks describe-cluster-versions --include-all` (endOfStandardSupportDate), the Kubernetes release calendar.
 * - ElastiCache, Amazon MQ and OpenSearch Service publish their dates only on their pages (no lifecycle API): those
 *   entries are maintained by hand in data/engine-support.json from the page named by each entry's `source`; update
 *   its `read` date when you re-read it. This script lists them with their age.
 *
 * The build and the tests never reach the network (nor does this script without `--aws`, which needs the AWS CLI and
 * credentials of any account: the calls read public lifecycle data). Entries read from an API get today's date.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Row {
  readonly version: string;
  readonly endOfStandardSupport: string;
}
export interface Entry {
  readonly name: string;
  readonly source: string;
  readonly read: string;
  readonly upgrade: string;
  readonly versions: readonly Row[];
}
export interface Table {
  readonly $comment: string;
  readonly engines: Readonly<Record<string, Entry>>;
}

export const TABLE_PATH = join(__dirname, '..', 'data', 'engine-support.json');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The problems of a table (empty when it is usable): dates, versions, sources. */
export function validate(t: Table): string[] {
  const out: string[] = [];
  for (const [id, e] of Object.entries(t.engines)) {
    if (!/^https:\/\/docs\.aws\.amazon\.com\//.test(e.source)) out.push(`${id}: source is not an AWS documentation page`);
    if (!ISO_DAY.test(e.read)) out.push(`${id}: read is not a YYYY-MM-DD date`);
    if (e.versions.length === 0) out.push(`${id}: no versions`);
    const seen = new Set<string>();
    for (const r of e.versions) {
      if (!/^\d+(\.\d+)*$/.test(r.version)) out.push(`${id}: version ${r.version} is not numeric`);
      if (!ISO_DAY.test(r.endOfStandardSupport)) out.push(`${id} ${r.version}: end of standard support is not a YYYY-MM-DD date`);
      if (seen.has(r.version)) out.push(`${id}: version ${r.version} listed twice`);
      seen.add(r.version);
    }
  }
  return out;
}

/** The table with each engine's versions in ascending order (the rule reads the first as the oldest). */
export function normalize(t: Table): Table {
  const engines: Record<string, Entry> = {};
  for (const [id, e] of Object.entries(t.engines)) engines[id] = { ...e, versions: [...e.versions].sort((a, b) => compareVersions(a.version, b.version)) };
  return { ...t, engines };
}

/** Aurora MySQL's major versions as the table names them (the API names them by the MySQL version). */
const AURORA_MYSQL_MAJOR: Readonly<Record<string, string>> = { '5.6': '1', '5.7': '2', '8.0': '3' };

/** Rows from `aws rds describe-db-major-engine-versions` output. */
export function rowsFromRds(engine: string, output: unknown): Row[] {
  const out: Row[] = [];
  const list = (output as { DBMajorEngineVersions?: unknown }).DBMajorEngineVersions;
  if (!Array.isArray(list)) return out;
  for (const v of list as { MajorEngineVersion?: string; SupportedEngineLifecycles?: { LifecycleSupportName?: string; LifecycleSupportEndDate?: string }[] }[]) {
    const std = v.SupportedEngineLifecycles?.find((l) => l.LifecycleSupportName === 'open-source-rds-standard-support');
    if (!v.MajorEngineVersion || !std?.LifecycleSupportEndDate) continue;
    const version = engine === 'aurora-mysql' ? AURORA_MYSQL_MAJOR[v.MajorEngineVersion] : v.MajorEngineVersion;
    if (version) out.push({ version, endOfStandardSupport: std.LifecycleSupportEndDate.slice(0, 10) });
  }
  return out;
}

/** Rows from `aws eks describe-cluster-versions` output. */
export function rowsFromEks(output: unknown): Row[] {
  const list = (output as { clusterVersions?: unknown }).clusterVersions;
  if (!Array.isArray(list)) return [];
  return (list as { clusterVersion?: string; endOfStandardSupportDate?: string }[])
    .filter((v) => v.clusterVersion && v.endOfStandardSupportDate)
    .map((v) => ({ version: v.clusterVersion as string, endOfStandardSupport: (v.endOfStandardSupportDate as string).slice(0, 10) }));
}

/** An entry with the rows an API returned: those replace the same versions, the others stay (older ones drop out of APIs). */
export function merge(e: Entry, rows: readonly Row[], today: string): Entry {
  if (rows.length === 0) return e;
  const byVersion = new Map(e.versions.map((r) => [r.version, r]));
  for (const r of rows) byVersion.set(r.version, r);
  return { ...e, read: today, versions: [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version)) };
}

/** The AWS CLI calls per engine entry (RDS engine name for describe-db-major-engine-versions). */
const RDS_ENGINES: Readonly<Record<string, string>> = { 'rds-mysql': 'mysql', 'rds-postgres': 'postgres', 'aurora-mysql': 'aurora-mysql', 'aurora-postgresql': 'aurora-postgresql' };

function aws(args: readonly string[]): unknown {
  return JSON.parse(execFileSync('aws', [...args, '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

function main(): void {
  const today = new Date().toISOString().slice(0, 10);
  let t = normalize(JSON.parse(readFileSync(TABLE_PATH, 'utf8')) as Table);
  if (process.argv.includes('--aws')) {
    const engines: Record<string, Entry> = { ...t.engines };
    for (const [id, engine] of Object.entries(RDS_ENGINES)) if (engines[id]) engines[id] = merge(engines[id], rowsFromRds(id, aws(['rds', 'describe-db-major-engine-versions', '--engine', engine])), today);
    if (engines.eks) engines.eks = merge(engines.eks, rowsFromEks(aws(['eks', 'describe-cluster-versions', '--include-all'])), today);
    t = { ...t, engines };
  }
  const problems = validate(t);
  if (problems.length > 0) {
    for (const p of problems) console.error(`engine-support: ${p}`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(TABLE_PATH, `${JSON.stringify(t, null, 2)}\n`);
  for (const [id, e] of Object.entries(t.engines)) {
    const age = Math.round((Date.parse(today) - Date.parse(e.read)) / 86400000);
    const how = id in RDS_ENGINES || id === 'eks' ? 'API (--aws)' : 'by hand';
    console.log(`${id.padEnd(26)} read ${e.read}${age > 90 ? ` (${age} days ago: re-read)` : ''}  ${how}  ${e.source}`);
  }
}

if (require.main === module) main();
