/** The report as a Markdown document (the view's "Export Markdown"): per file, resources by kind with duty states and findings. */
import * as l10n from '@vscode/l10n';
import { isDutyId } from '../model/duties';
import { dutyTitle } from '../model/duty-owners';
import { pushAll } from '../arrays';
import { escapeMarkdown, markdownCode, messageMarkdown, safeAwsUrl } from './escape';
import type { JsonFile, JsonResource } from './report';

export interface MarkdownReportOptions {
  /** Only resources of this kind ('infrastructure' | 'container' | 'managed' | 'unknown'). */
  kind?: string;
  /** Only duties of this owner in the duty column ('customer' | 'shared' | 'aws'). */
  owner?: string;
  /** Only resources with findings (and files that have some). */
  onlyGaps?: boolean;
  /** A line under the title, e.g. the time of the scan (the builder itself is pure: it reads no clock). */
  subtitle?: string;
}

const ICON: Record<string, string> = { met: '✓', gap: '✗', unknown: '?', 'not-applicable': '·' };
const KIND_ORDER = ['infrastructure', 'container', 'managed', 'unknown'];

function dutyCell(r: JsonResource, owner: string | undefined): string {
  // AWS's duties are listed whatever their state (nothing in a file checks most of them); yours only when checked.
  const ds = r.duties.filter((d) => (owner ? d.owner === owner : d.owner !== 'aws') && (owner === 'aws' || d.status !== 'not-applicable'));
  const parts = ds.map((d) => `${ICON[d.status] ?? '·'} ${escapeMarkdown(isDutyId(d.duty) ? dutyTitle(d.duty) : d.duty)}${d.team !== undefined && d.owner !== 'aws' ? ` (${escapeMarkdown(l10n.t('team {0}', d.team), 140)})` : ''}`);
  const aws = r.duties.filter((d) => d.owner === 'aws').length;
  if (!owner && aws) parts.push(escapeMarkdown(l10n.t('AWS: {0} duties', aws)));
  return parts.join('<br>') || '—';
}

/**
 * Your teams (`owners:` in .aws-responsibility.yaml) over the shown resources: per team and contact, the duties it owns,
 * on how many resources, and how many of those duties have a gap. No lines when no duty has a team.
 */
function teamsTable(resources: readonly JsonResource[]): string[] {
  const rows = new Map<string, { team: string; contact?: string; duties: Set<string>; resources: number; gaps: number }>();
  for (const r of resources) {
    const counted = new Set<string>();
    for (const d of r.duties) {
      if (d.team === undefined || d.owner === 'aws') continue;
      const key = `${d.team}\u0000${d.contact ?? ''}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { team: d.team, ...(d.contact !== undefined ? { contact: d.contact } : {}), duties: new Set(), resources: 0, gaps: 0 }));
      row.duties.add(isDutyId(d.duty) ? dutyTitle(d.duty) : d.duty);
      if (d.status === 'gap') row.gaps++;
      if (!counted.has(key)) {
        counted.add(key);
        row.resources++;
      }
    }
  }
  if (rows.size === 0) return [];
  const out = ['', `## ${l10n.t('Your teams')}`, '', `| ${l10n.t('Team')} | ${l10n.t('Contact')} | ${l10n.t('Duties')} | ${l10n.t('Resources')} | ${l10n.t('Gaps')} |`, '|:--|:--|:--|--:|--:|'];
  for (const row of [...rows.values()].sort((a, b) => b.gaps - a.gaps || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0))) {
    out.push(`| ${escapeMarkdown(row.team, 200)} | ${row.contact !== undefined ? escapeMarkdown(row.contact, 200) : '—'} | ${escapeMarkdown([...row.duties].join(', '), 600)} | ${row.resources} | ${row.gaps} |`);
  }
  return out;
}

export function reportMarkdown(files: readonly JsonFile[], opts: MarkdownReportOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${l10n.t('AWS Shared Responsibility report')}`);
  out.push('');
  if (opts.subtitle) out.push(escapeMarkdown(opts.subtitle), '');
  // Findings per resource name, once per file (files can hold 20,000 resources and many more findings).
  const perFile = new Map<JsonFile, Map<string, JsonFile['findings']>>();
  const byResource = (f: JsonFile): Map<string, JsonFile['findings']> => {
    let m = perFile.get(f);
    if (!m) {
      m = new Map();
      for (const x of f.findings) {
        const list = m.get(x.resource);
        if (list) list.push(x);
        else m.set(x.resource, [x]);
      }
      perFile.set(f, m);
    }
    return m;
  };
  const keep = (r: JsonResource, f: JsonFile): boolean => (!opts.kind || r.kind === opts.kind) && (!opts.onlyGaps || byResource(f).has(r.name));
  const shown = files.map((f) => ({ f, rs: f.resources.filter((r) => keep(r, f)) })).filter((x) => x.rs.length > 0);
  const resources = shown.reduce((n, x) => n + x.rs.length, 0);
  const shownFindings = (x: { f: JsonFile; rs: JsonResource[] }): JsonFile['findings'] => {
    const names = new Set(x.rs.map((r) => r.name));
    return x.f.findings.filter((y) => names.has(y.resource));
  };
  const findings = shown.reduce((n, x) => n + shownFindings(x).length, 0);
  out.push(l10n.t('{0} files, {1} resources, {2} findings.', shown.length, resources, findings));
  const filters = [opts.kind && l10n.t('kind: {0}', opts.kind), opts.owner && l10n.t('owner: {0}', opts.owner), opts.onlyGaps && l10n.t('only resources with gaps')].filter(Boolean);
  if (filters.length) out.push('', escapeMarkdown(l10n.t('Filters: {0}', filters.join(', '))));
  out.push('', l10n.t('Legend: ✓ met · ✗ gap · ? depends on values set at deploy time. Duties are yours unless marked AWS.'));
  if (opts.owner !== 'aws') pushAll(out, teamsTable(shown.flatMap((x) => x.rs)));
  for (const { f, rs } of shown) {
    out.push('', `## ${escapeMarkdown(f.path, 500)}`, '');
    out.push(`| ${l10n.t('Resource')} | ${l10n.t('Type')} | ${l10n.t('Service')} | ${l10n.t('Kind')} | ${l10n.t('Duties')} | ${l10n.t('Findings')} |`);
    out.push('|:--|:--|:--|:--|:--|--:|');
    const sorted = [...rs].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    for (const r of sorted) {
      const n = byResource(f).get(r.name)?.length ?? 0;
      out.push(
        `| ${escapeMarkdown(r.name, 120)} | ${markdownCode(r.type).replace(/\|/g, '\\|')} | ${escapeMarkdown(r.service?.name ?? '—')} | ${escapeMarkdown(r.kind)} | ${dutyCell(r, opts.owner)} | ${n} |`,
      );
    }
    const fs = shownFindings({ f, rs });
    if (fs.length) {
      out.push('', `### ${l10n.t('Findings')}`, '');
      for (const x of fs) {
        const url = safeAwsUrl(x.docUrl);
        const id = url ? `[${markdownCode(x.ruleId)}](${url})` : markdownCode(x.ruleId);
        out.push(`- **${escapeMarkdown(x.severity)}** ${id} ${l10n.t('line {0}', x.range.start.line + 1)}: ${messageMarkdown(x.message)}`);
      }
    }
  }
  out.push('');
  return out.join('\n');
}
