/** CodeLens above each resource: its kind and how many duties are yours (with gaps) and AWS's; opens the view on it. */
import * as l10n from '@vscode/l10n';
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis, DutyState, Finding, ResourceAnalysis } from '../core/analyze';
import { plainText } from '../core/present/escape';
import type { Position } from '../core/present/positions';

/** Anything that maps an offset to a position: `TextDocument` or the core's `LineIndex`. */
export interface PositionSource {
  positionAt(offset: number): Position;
}

export const SHOW_MODEL_COMMAND = 'awsResponsibility.showModel';

/** Arguments of `awsResponsibility.showModel` when opened on one resource. */
export interface ShowModelArgs {
  uri: string;
  resourceId: string;
}

function kindLabel(kind: string): string {
  switch (kind) {
    case 'infrastructure':
      return l10n.t('Infrastructure service');
    case 'container':
      return l10n.t('Container service');
    case 'managed':
      return l10n.t('Managed service');
    default:
      return kind;
  }
}

/** The duties with a gap per resource id (an instance's finding, `aws_x.y[0]`, also counts for its block `aws_x.y`). */
export function gapDutiesByResource(findings: readonly Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (id: string, duty: string): void => {
    const set = out.get(id);
    if (set) set.add(duty);
    else out.set(id, new Set([duty]));
  };
  for (const f of findings) {
    if (!f.duty) continue;
    add(f.resource, f.duty);
    if (f.at && f.resource.startsWith(`${f.at.id}[`)) add(f.at.id, f.duty);
  }
  return out;
}

const NO_DUTIES: ReadonlySet<string> = new Set();

/** The lens title for one resource, e.g. "Managed service · you: 3 duties (1 gap) · AWS: 8". */
export function codeLensTitle(ra: ResourceAnalysis, findings: readonly Finding[] | Map<string, Set<string>> = ra.findings): string {
  const you = ra.duties.filter((d) => d.owner !== 'aws');
  const aws = ra.duties.length - you.length;
  const gapDuties = (findings instanceof Map ? findings : gapDutiesByResource(findings)).get(ra.resource.id) ?? NO_DUTIES;
  const gaps = you.filter((d) => gapDuties.has(d.duty)).length;
  const unknown = you.filter((d) => d.status === 'unknown' && !gapDuties.has(d.duty)).length;
  const notes: string[] = [];
  if (gaps) notes.push(gaps === 1 ? l10n.t('1 gap') : l10n.t('{0} gaps', gaps));
  if (unknown) notes.push(unknown === 1 ? l10n.t('1 depends on deploy-time values') : l10n.t('{0} depend on deploy-time values', unknown));
  const yours = (you.length === 1 ? l10n.t('you: 1 duty') : l10n.t('you: {0} duties', you.length)) + (notes.length ? ` (${notes.join(', ')})` : '');
  const teams = teamsText(you, gapDuties);
  return `${kindLabel(ra.kind)} · ${yours}${teams ? ` · ${teams}` : ''} · ${l10n.t('AWS: {0}', aws)}`;
}

/** At most this many team names in a lens title (then "+N"). */
const LENS_TEAMS = 2;

/**
 * Your teams of the resource's duties (`owners:` in .aws-responsibility.yaml), the teams of duties with a gap first:
 * "team: Network platform", "teams: Payments security, Network platform +1", or ''. Plain text (a lens title is not
 * Markdown), cut short, without control characters.
 */
function teamsText(you: readonly DutyState[], gapDuties: ReadonlySet<string>): string {
  const withGap: string[] = [];
  const others: string[] = [];
  for (const d of you) if (d.team !== undefined) (gapDuties.has(d.duty) ? withGap : others).push(d.team);
  const teams = [...new Set([...withGap, ...others])];
  if (teams.length === 0) return '';
  const shown = teams.slice(0, LENS_TEAMS).map((t) => plainText(t, 40)).join(', ') + (teams.length > LENS_TEAMS ? ` +${teams.length - LENS_TEAMS}` : '');
  return teams.length === 1 ? l10n.t('team: {0}', shown) : l10n.t('teams: {0}', shown);
}

/**
 * One lens per classified AWS resource, on the line of its name. `findings` are the findings after the user's
 * severity settings (rules turned off do not count as gaps); default: the analysis' own.
 */
export function codeLenses(analysis: Analysis, doc: PositionSource, uri: string, findings: readonly Finding[] = analysis.findings): CodeLens[] {
  const out: CodeLens[] = [];
  const gaps = gapDutiesByResource(findings);
  for (const ra of analysis.resources) {
    if (ra.kind === 'unknown' || ra.duties.length === 0) continue;
    const start = doc.positionAt(ra.resource.nameSpan.start);
    const args: ShowModelArgs = { uri, resourceId: ra.resource.id };
    out.push({
      range: { start, end: start },
      command: { title: codeLensTitle(ra, gaps), command: SHOW_MODEL_COMMAND, arguments: [args] },
    });
  }
  return out;
}
