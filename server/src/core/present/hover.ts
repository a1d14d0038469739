/** The hover card: a Markdown summary of one resource's duties, AWS's and yours, with their state in this file. */
import type { DutyState, ResourceAnalysis } from '../analyze';
import { dutyTitle, kindMeaning, kindTitle, SEED_SOURCE } from '../model/duty-owners';
import type { Span } from '../model/types';
import { escapeMarkdown, markdownCode, safeAwsUrl } from './escape';

/** The resource whose type, name or (for issue-6 property hovers) body contains the offset. */
export function resourceAt(resources: readonly ResourceAnalysis[], offset: number): { ra: ResourceAnalysis; on: 'type' | 'name' | 'body' } | undefined {
  for (const ra of resources) {
    const r = ra.resource;
    if (within(r.typeSpan, offset)) return { ra, on: 'type' };
    if (within(r.nameSpan, offset)) return { ra, on: 'name' };
  }
  return undefined;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

const ICON = { met: '✓', gap: '✗', unknown: '?', 'not-applicable': '·' } as const;

function link(text: string, url: string | undefined): string {
  const u = safeAwsUrl(url);
  return u ? `[${text}](${u})` : text;
}

function customerCell(d: DutyState): string {
  const title = escapeMarkdown(dutyTitle(d.duty));
  const shared = d.owner === 'shared' ? ' *(shared)*' : '';
  switch (d.status) {
    case 'met': {
      const ev = d.results.map((r) => r.outcome.evidence).filter((e): e is string => !!e)[0];
      return `${ICON.met} ${title}${shared} — met${ev ? ': ' + escapeMarkdown(ev, 80) : ''}`;
    }
    case 'gap': {
      const rules = d.results.filter((r) => r.outcome.status === 'gap').map((r) => markdownCode(r.rule.id));
      return `${ICON.gap} **${title}**${shared} — gap ${rules.join(', ')}`;
    }
    case 'unknown': {
      const deps = [...new Set(d.results.flatMap((r) => r.outcome.dependsOn ?? []))].slice(0, 2).map((x) => escapeMarkdown(x, 60));
      return `${ICON.unknown} ${title}${shared} — depends on ${deps.join(', ') || 'values set at deploy time'}`;
    }
    default:
      return d.duty === 'client-side-encryption'
        ? `${ICON['not-applicable']} ${title} — not expressible in a template`
        : `${ICON['not-applicable']} ${title}${shared} — not checked in this file`;
  }
}

function awsCell(d: DutyState): string {
  const title = escapeMarkdown(dutyTitle(d.duty));
  return d.refinement && (d.duty === 'server-side-encryption' || d.duty === 'network-traffic-protection') ? `${title} *(by default; you have switches)*` : title;
}

/** The Markdown card for one resource. Everything from the template is escaped; links are only ours, to AWS pages. */
export function hoverCard(ra: ResourceAnalysis): string {
  const r = ra.resource;
  const head = `${markdownCode(r.type)} ${markdownCode(r.name)}`;
  if (ra.lookup.status === 'custom') {
    return `**Not an AWS service resource** — ${escapeMarkdown(ra.lookup.reason)}\n\n${head}\n\nIts responsibilities follow whoever provides it; this extension does not classify it.`;
  }
  if (ra.lookup.status === 'unknown' || !ra.service || ra.kind === 'unknown') {
    const s = ra.lookup.status === 'unknown' && ra.lookup.suggestion ? ` Did you mean ${markdownCode(ra.lookup.suggestion)}?` : '';
    return `**Unknown AWS resource type**\n\n${head}\n\nNo AWS service has this type, so its responsibilities cannot be shown.${s}`;
  }
  const svc = ra.service;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(svc.name)}** · ${link(escapeMarkdown(kindTitle(ra.kind).toLowerCase()), svc.kindSource)} *(${svc.confidence})*`);
  lines.push('');
  lines.push(`${head} · ${escapeMarkdown(kindMeaning(ra.kind))}`);
  for (const ref of ra.lookup.refinements) {
    lines.push('');
    lines.push(`*Refined:* ${escapeMarkdown(ref.reason, 200)}${ref.property ? ' (' + markdownCode(ref.property) + ')' : ''}`);
  }
  lines.push('');
  const aws = ra.duties.filter((d) => d.owner === 'aws');
  const you = ra.duties.filter((d) => d.owner !== 'aws');
  // Customer duties with something to say first: gaps, then unknown, met, not checked.
  const order = { gap: 0, unknown: 1, met: 2, 'not-applicable': 3 };
  you.sort((a, b) => order[a.status] - order[b.status]);
  lines.push('| AWS | You |');
  lines.push('|:--|:--|');
  for (let i = 0; i < Math.max(aws.length, you.length); i++) {
    lines.push(`| ${aws[i] ? awsCell(aws[i]) : ''} | ${you[i] ? customerCell(you[i]) : ''} |`);
  }
  const gaps = ra.findings.length;
  lines.push('');
  lines.push(
    `${gaps === 0 ? 'No gaps found in this file.' : `${gaps} gap${gaps === 1 ? '' : 's'} in this file — see the Problems panel.`} ` +
      `${link('Security docs', svc.securityDocUrl)} · ${link('Shared Responsibility Model', SEED_SOURCE)}`,
  );
  return lines.join('\n');
}
