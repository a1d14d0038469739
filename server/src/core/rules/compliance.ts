/**
 * Compliance references of each rule (data/compliance.json): the AWS Security Hub CSPM controls that check the same
 * setting, which of them belong to the AWS Foundational Security Best Practices standard (FSBP), and the CIS AWS
 * Foundations Benchmark items Security Hub maps them to. The CLI (`--frameworks`), SARIF tags, the hover and the rule
 * pages read it.
 */
import data from '../../../../data/compliance.json';

/** The frameworks a rule can be tied to. `cis` also accepts a version: `cis-3.0.0`. */
export const FRAMEWORKS = ['fsbp', 'cis'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface CisItem {
  /** CIS AWS Foundations Benchmark version, e.g. `3.0.0`. */
  version: string;
  /** The recommendation number in that version, e.g. `2.2.1`. */
  item: string;
  /** The Security Hub control that carries the item, e.g. `EC2.7`. */
  control?: string;
}

export interface Compliance {
  /** Security Hub controls in the FSBP standard that check what the rule checks, e.g. `EC2.7`. */
  fsbp: string[];
  /** CIS items Security Hub maps those controls (or the other controls in `securityHub`) to. */
  cis: CisItem[];
  /** The docs.aws.amazon.com pages the mapping was confirmed in. */
  source: string[];
  /** Why a rule has no (or only a partial) mapping. */
  note?: string;
  /** Every Security Hub control that checks what the rule checks, including those outside FSBP (e.g. `S3.14`, `EC2.53`). */
  securityHub: string[];
}

interface Entry {
  readonly securityHub: readonly string[];
  readonly fsbp: readonly string[];
  readonly cis: readonly { readonly version: string; readonly item: string; readonly control?: string }[];
  readonly source: readonly string[];
  readonly note?: string;
}

const ENTRIES: Readonly<Record<string, Entry>> = (data as { rules: Record<string, Entry> }).rules;

/** Short id → page, for the pages the data cites (`fsbp`, `cis`, `ec2`, `s3`, …). */
export const COMPLIANCE_SOURCES: Readonly<Record<string, string>> = (data as { sources: Record<string, string> }).sources;

function entryOf(ruleId: string): Entry | undefined {
  return Object.prototype.hasOwnProperty.call(ENTRIES, ruleId) ? ENTRIES[ruleId] : undefined;
}

/** The rule ids the data covers. */
export function complianceRuleIds(): string[] {
  return Object.keys(ENTRIES);
}

/** The compliance references of a rule (fresh arrays; empty for an id the data does not know, e.g. meta diagnostics). */
export function complianceOf(ruleId: string): Compliance {
  const e = entryOf(ruleId);
  if (!e) return { fsbp: [], cis: [], source: [], securityHub: [] };
  const out: Compliance = {
    fsbp: [...e.fsbp],
    cis: e.cis.map((c) => ({ ...c })),
    source: [...e.source],
    securityHub: [...e.securityHub],
  };
  if (e.note !== undefined) out.note = e.note;
  return out;
}

/** The CIS versions the data has items for, ascending (e.g. `1.2.0`, `1.4.0`, `3.0.0`, `5.0.0`). */
export const CIS_VERSIONS: readonly string[] = [...new Set(Object.values(ENTRIES).flatMap((e) => e.cis.map((c) => c.version)))].sort((a, b) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
});

/** A framework name as `--frameworks` takes it: `fsbp`, `cis`, or `cis-<version>` (also `cis@<version>`, `cis<version>`); case-insensitive. */
function parseFramework(name: string): { kind: Framework; version?: string } | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'fsbp') return { kind: 'fsbp' };
  if (n === 'cis') return { kind: 'cis' };
  const m = /^cis[-@/]?v?(\d+(?:\.\d+)*)$/.exec(n);
  if (!m) return undefined;
  const v = m[1].split('.');
  while (v.length < 3) v.push('0');
  const version = v.join('.');
  return CIS_VERSIONS.includes(version) ? { kind: 'cis', version } : undefined;
}

/** The names among `names` that are not frameworks (for the CLI to reject `--frameworks nist`). */
export function unknownFrameworks(names: readonly string[]): string[] {
  return names.filter((n) => n.trim() !== '' && parseFramework(n) === undefined);
}

/** Rule ids tied to any of the frameworks (`fsbp`: an FSBP control; `cis`: any CIS item; `cis-3.0.0`: an item of that version). Unknown names match nothing. */
export function rulesInFrameworks(frameworks: readonly string[]): Set<string> {
  const wanted = frameworks.map(parseFramework).filter((f): f is { kind: Framework; version?: string } => f !== undefined);
  const out = new Set<string>();
  for (const [id, e] of Object.entries(ENTRIES)) {
    const tied = wanted.some((f) => (f.kind === 'fsbp' ? e.fsbp.length > 0 : e.cis.some((c) => f.version === undefined || c.version === f.version)));
    if (tied) out.add(id);
  }
  return out;
}

/** Tags for SARIF `properties.tags`: `fsbp/EC2.7`, then `cis-3.0.0/2.2.1` (CIS by version, then item; no duplicates). */
export function complianceTags(ruleId: string): string[] {
  const e = entryOf(ruleId);
  if (!e) return [];
  const tags = e.fsbp.map((c) => `fsbp/${c}`);
  const seen = new Set<string>();
  for (const c of e.cis) {
    const t = `cis-${c.version}/${c.item}`;
    if (!seen.has(t)) {
      seen.add(t);
      tags.push(t);
    }
  }
  return tags;
}
