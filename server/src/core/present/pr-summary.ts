/**
 * A pull-request comment (`--format markdown`): counts per duty and owner, then the findings grouped by file with links
 * to the rule pages; long lists are collapsed. Everything from a template is escaped (GitHub renders HTML in comments).
 */
import { dutyTitle } from '../model/duty-owners';
import { isDutyId } from '../model/duties';
import { PRODUCT_NAME } from '../version';
import { escapeMarkdown, markdownCode, messageMarkdown, safeAwsUrl } from './escape';
import type { JsonFile, JsonFinding, JsonResource } from './report';

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
/** Findings of one file shown before the rest is folded into a <details>. */
const OPEN_PER_FILE = 10;

export interface PrSummaryOptions {
  /** A file's path as the comment shows it (relative to the repository). */
  readonly label?: (path: string) => string;
  /** Findings dropped because a baseline holds them (said in the header). */
  readonly baselined?: number;
}

export function prSummary(files: readonly JsonFile[], opts: PrSummaryOptions = {}): string {
  const label = opts.label ?? ((p: string) => p);
  const all: { file: JsonFile; f: JsonFinding }[] = [];
  for (const file of files) for (const f of file.findings) if (!f.suppressed) all.push({ file, f });
  const resources = files.reduce((n, f) => n + f.resources.length, 0);
  const out: string[] = [];
  const bySeverity = SEVERITIES.map((s) => [s, all.filter((x) => x.f.severity === s).length] as const).filter(([, n]) => n > 0);
  out.push(`### ${PRODUCT_NAME}: ${all.length === 0 ? 'no findings' : `${all.length} finding${all.length === 1 ? '' : 's'}`}`);
  out.push('');
  out.push(
    `${files.length} file${files.length === 1 ? '' : 's'}, ${resources} resource${resources === 1 ? '' : 's'}` +
      (bySeverity.length ? ` · ${bySeverity.map(([s, n]) => `${n} ${s}`).join(' · ')}` : '') +
      (opts.baselined ? ` · ${opts.baselined} already in the baseline, not shown` : ''),
  );
  if (all.length === 0) return out.join('\n') + '\n';

  // Counts per duty and owner of the setting at fault.
  // Your team of the duty on the resource at fault (`owners:` in .aws-responsibility.yaml), when there is one.
  const teams = new Map<JsonFile, Map<string, JsonResource>>();
  const teamOf = (file: JsonFile, f: JsonFinding): string => {
    let byName = teams.get(file);
    if (!byName) teams.set(file, (byName = new Map(file.resources.map((r) => [r.name, r]))));
    const d = f.duty ? byName.get(f.resource)?.duties.find((x) => x.duty === f.duty) : undefined;
    return d?.team !== undefined && d.owner !== 'aws' ? d.team : '';
  };
  const rows = new Map<string, Record<string, number>>();
  for (const { file, f } of all) {
    const key = `${f.duty ?? ''}\u0000${f.owner ?? ''}\u0000${teamOf(file, f)}`;
    const row = rows.get(key) ?? {};
    row[f.severity] = (row[f.severity] ?? 0) + 1;
    rows.set(key, row);
  }
  out.push('');
  out.push('| Duty | Owner | Error | Warning | Information | Hint |');
  out.push('|:--|:--|--:|--:|--:|--:|');
  for (const [key, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const [duty, owner, team] = key.split('\u0000');
    const name = duty && isDutyId(duty) ? dutyTitle(duty) : 'Catalog and suppressions';
    const who = (owner === 'customer' ? 'you' : owner || '—') + (team ? ` (team ${team})` : '');
    out.push(`| ${escapeMarkdown(name)} | ${escapeMarkdown(who, 200)} | ${SEVERITIES.map((s) => row[s] ?? 0).join(' | ')} |`);
  }

  for (const file of files) {
    const fs = file.findings.filter((f) => !f.suppressed);
    if (fs.length === 0) continue;
    out.push('');
    out.push(`#### ${markdownCode(label(file.path), 300)} (${fs.length})`);
    out.push('');
    const line = (f: JsonFinding): string => {
      const url = safeAwsUrl(f.docUrl);
      const rule = url ? `[\`${f.ruleId}\`](${url})` : `\`${f.ruleId}\``;
      return `- **${f.severity}** ${rule} line ${f.range.start.line + 1}: ${messageMarkdown(f.message, 500)}`;
    };
    for (const f of fs.slice(0, OPEN_PER_FILE)) out.push(line(f));
    if (fs.length > OPEN_PER_FILE) {
      out.push('');
      out.push(`<details><summary>${fs.length - OPEN_PER_FILE} more</summary>`);
      out.push('');
      for (const f of fs.slice(OPEN_PER_FILE)) out.push(line(f));
      out.push('');
      out.push('</details>');
    }
  }
  return out.join('\n') + '\n';
}
