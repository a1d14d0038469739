/**
 * The customer responsibility matrix (`aws-responsibility matrix`): per AWS service the scanned templates use, its
 * kind(s), and for each of the eleven duties of the Shared Responsibility Model who owns it (with our refinement notes
 * and their sources) and the state of the duty across the service's resources. Built from the CLI's JSON report, so a
 * merged or stored report gives the same matrix; written as Markdown, CSV, JSON (`version: 1`) or an OSCAL 1.1.2
 * component definition. Pure: no Node or LSP API.
 *
 * Resource names never reach the matrix. Service names, kinds and owners come from the report, which a reader may
 * have been handed, so every writer treats them as untrusted text (escaped Markdown, neutralised CSV cells).
 */
import { utf8Bytes } from '../values/base64';
import { digest } from '../values/hashes';
import { getService } from '../catalog/catalog';
import { loadClassificationJson, type RefinementJson } from '../catalog/catalog-data';
import { DUTIES, isDutyId, isKind, KINDS, type DutyId } from '../model/duties';
import { dutySummary, dutyTitle, kindTitle, ownersForKind, SEED_SOURCE } from '../model/duty-owners';
import { INFORMATION_URI, PRODUCT_NAME, VERSION } from '../version';
import { BIDI_CONTROLS, escapeMarkdown, markdownCode, safeAwsUrl } from './escape';
import type { JsonFile } from './report';

export const MATRIX_VERSION = 1;

/** The states of one duty over a set of resources (each resource counted once). */
export interface MatrixCounts {
  met: number;
  gap: number;
  unknown: number;
  /** No rule checked the duty, or the checks did not apply (e.g. a duty AWS owns). */
  notApplicable: number;
  /** Client-side encryption only: done in your application before data reaches AWS, never in a template. */
  notExpressible: number;
}

/** Why an owner or kind is what it is, where the product is more precise than the seed (or the catalog's kind). */
export interface MatrixNote {
  note: string;
  source?: string;
  /** The id of the per-type refinement in data/classification.json; absent for the kind table's own notes. */
  refinement?: string;
}

export interface MatrixOwner extends Partial<MatrixNote> {
  /** `customer`, `aws` or `shared` (as the report says). */
  owner: string;
  /** How many of the service's resources have this owner (with this note) for the duty. */
  resources: number;
}

export interface MatrixDuty {
  duty: DutyId;
  title: string;
  /** Every owner seen, customer first, then shared, then AWS. */
  owners: MatrixOwner[];
  counts: MatrixCounts;
}

export interface MatrixKind {
  kind: string;
  title: string;
  resources: number;
  /** Where the kind comes from: the catalog's reason and source, a refinement, or a configuration override. */
  notes: MatrixNote[];
}

export interface MatrixService {
  id: string;
  name: string;
  /** Every resource of the report with this service, created or not. */
  resources: number;
  /** Of those, Terraform blocks that create no instance (`count = 0`, an empty `for_each`). */
  notCreated: number;
  securityDocUrl?: string;
  kinds: MatrixKind[];
  /** The eleven duties, in the order of DUTIES. */
  duties: MatrixDuty[];
}

export interface MatrixDutyTotal {
  duty: DutyId;
  title: string;
  counts: MatrixCounts;
}

export interface MatrixKindTotal {
  kind: string;
  title: string;
  /** Services with at least one resource of this kind. */
  services: number;
  resources: number;
  duties: MatrixDutyTotal[];
}

/**
 * The matrix, which is also the documented JSON shape (`matrixJson`): `version` 1; `source` the Shared Responsibility
 * Model page; `files` the report files read; `services` by name; `kinds` in the order infrastructure, container,
 * managed (then any other kind a report names); `totals` over every resource with a service.
 */
export interface Matrix {
  version: 1;
  source: string;
  files: number;
  services: MatrixService[];
  kinds: MatrixKindTotal[];
  totals: { services: number; resources: number; duties: MatrixDutyTotal[] };
}

const CLIENT_SIDE: DutyId = 'client-side-encryption';
const OWNER_RANK: Record<string, number> = { customer: 0, shared: 1, aws: 2 };

function noCounts(): MatrixCounts {
  return { met: 0, gap: 0, unknown: 0, notApplicable: 0, notExpressible: 0 };
}

function dutyTotals(): MatrixDutyTotal[] {
  return DUTIES.map((duty) => ({ duty, title: dutyTitle(duty), counts: noCounts() }));
}

function countState(c: MatrixCounts, duty: DutyId, status: string): void {
  if (status === 'met') c.met++;
  else if (status === 'gap') c.gap++;
  else if (status === 'not-applicable') {
    if (duty === CLIENT_SIDE) c.notExpressible++;
    else c.notApplicable++;
  }
  // Anything else a report may say is not a known state: counted as unknown, never as met.
  else c.unknown++;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindRank(k: string): number {
  const i = (KINDS as readonly string[]).indexOf(k);
  return i < 0 ? KINDS.length : i;
}

function kindLabel(k: string): string {
  return isKind(k) ? kindTitle(k) : k;
}

// ---------------------------------------------------------------------------------------------------------------
// Which refinements applied to a resource of the report

let refinementIndex: Map<string, readonly RefinementJson[]> | undefined;

/** The per-type refinements of data/classification.json for a language and type, in file order. */
function refinementsOf(language: string, type: string): readonly RefinementJson[] {
  if (!refinementIndex) {
    refinementIndex = new Map();
    for (const r of loadClassificationJson().refinements) {
      for (const lang of ['cloudformation', 'terraform'] as const) {
        for (const t of r.types[lang] ?? []) {
          const key = `${lang}\u0000${t}`;
          refinementIndex.set(key, [...(refinementIndex.get(key) ?? []), r]);
        }
      }
    }
  }
  return refinementIndex.get(`${language}\u0000${type}`) ?? [];
}

/**
 * The refinements that applied to a resource, told from the report alone (it has no property values): one without a
 * condition always applies; a conditional one applied when the resource has the kind it sets (other than the
 * service's), or when every duty owner it sets is the reported one and at least one differs from the kind's table.
 */
function appliedRefinements(language: string, type: string, serviceKind: string | undefined, kind: string, reported: ReadonlyMap<string, string>): RefinementJson[] {
  const table = isKind(kind) ? new Map(ownersForKind(kind).map((o) => [o.duty as string, o.owner as string])) : undefined;
  return refinementsOf(language, type).filter((r) => {
    if (!r.when) return true;
    if (r.kind && r.kind === kind && serviceKind !== undefined && r.kind !== serviceKind) return true;
    const ds = r.duties ?? [];
    return ds.length > 0 && ds.every((d) => reported.get(d.duty) === d.owner) && ds.some((d) => table?.get(d.duty) !== d.owner);
  });
}

/** The note behind a duty's reported owner: the refinement that set it, else the kind table's note for that cell. */
function ownerNote(duty: DutyId, owner: string, kind: string, applied: readonly RefinementJson[]): MatrixNote | undefined {
  for (const r of applied) {
    const d = r.duties?.find((x) => x.duty === duty);
    if (d) return d.owner === owner ? { note: r.reason, source: r.source, refinement: r.id } : undefined;
  }
  if (!isKind(kind)) return undefined;
  const cell = ownersForKind(kind).find((o) => o.duty === duty);
  return cell && cell.owner === owner && cell.refinement ? { note: cell.refinement.note, source: cell.refinement.source } : undefined;
}

/** Where a resource's kind comes from. */
function kindNote(serviceId: string, language: string, type: string, kind: string, reportSource: string | undefined): MatrixNote | undefined {
  const entry = getService(serviceId);
  if (!entry) return reportSource ? { note: 'Kind as the report gives it.', source: reportSource } : undefined;
  if (entry.kind === kind) return { note: entry.reason, source: entry.kindSource };
  const r = refinementsOf(language, type).find((x) => x.kind === kind);
  if (r) return { note: r.reason, source: r.source, refinement: r.id };
  return { note: `Not the catalog's kind (${kindLabel(entry.kind)}): set by a kinds override in the configuration.` };
}

function noteKey(n: Partial<MatrixNote> | undefined): string {
  return n ? `${n.refinement ?? ''}\u0000${n.note ?? ''}\u0000${n.source ?? ''}` : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Building

interface ServiceAcc {
  id: string;
  name: string;
  resources: number;
  notCreated: number;
  kinds: Map<string, { resources: number; notes: Map<string, MatrixNote> }>;
  duties: Map<DutyId, { owners: Map<string, MatrixOwner>; counts: MatrixCounts }>;
}

export function buildMatrix(files: readonly JsonFile[]): Matrix {
  const services = new Map<string, ServiceAcc>();
  const kinds = new Map<string, { services: Set<string>; resources: number; duties: MatrixDutyTotal[] }>();
  const totals = { resources: 0, duties: dutyTotals() };

  for (const file of files) {
    for (const r of file.resources ?? []) {
      if (!r.service || typeof r.service.id !== 'string') continue;
      const id = r.service.id;
      const entry = getService(id);
      let s = services.get(id);
      if (!s) {
        s = {
          id,
          name: entry?.name ?? String(r.service.name ?? id),
          resources: 0,
          notCreated: 0,
          kinds: new Map(),
          duties: new Map(DUTIES.map((d) => [d, { owners: new Map(), counts: noCounts() }])),
        };
        services.set(id, s);
      }
      const kind = String(r.kind);
      s.resources++;
      if (r.created === false) s.notCreated++;
      totals.resources++;

      const k = s.kinds.get(kind) ?? { resources: 0, notes: new Map<string, MatrixNote>() };
      k.resources++;
      const kn = kindNote(id, file.language, r.type, kind, r.kindSource);
      if (kn) k.notes.set(noteKey(kn), kn);
      s.kinds.set(kind, k);

      let kt = kinds.get(kind);
      if (!kt) {
        kt = { services: new Set(), resources: 0, duties: dutyTotals() };
        kinds.set(kind, kt);
      }
      kt.services.add(id);
      kt.resources++;

      // Each duty once per resource: the first entry the report gives for it.
      const seen = new Map<DutyId, { owner: string; status: string }>();
      for (const d of r.duties ?? []) if (isDutyId(d.duty) && !seen.has(d.duty)) seen.set(d.duty, { owner: String(d.owner), status: String(d.status) });
      const reported = new Map([...seen].map(([duty, d]) => [duty as string, d.owner]));
      const applied = appliedRefinements(file.language, r.type, entry?.kind, kind, reported);
      for (const [duty, d] of seen) {
        const acc = s.duties.get(duty)!;
        countState(acc.counts, duty, d.status);
        countState(kt.duties[DUTIES.indexOf(duty)].counts, duty, d.status);
        countState(totals.duties[DUTIES.indexOf(duty)].counts, duty, d.status);
        const note = ownerNote(duty, d.owner, kind, applied);
        const key = `${d.owner}\u0000${noteKey(note)}`;
        const o = acc.owners.get(key);
        if (o) o.resources++;
        else acc.owners.set(key, { owner: d.owner, resources: 1, ...(note ?? {}) });
      }
    }
  }

  const out: MatrixService[] = [...services.values()]
    .sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.name, b.name) || cmp(a.id, b.id))
    .map((s) => {
      const url = getService(s.id)?.securityDocUrl;
      return {
        id: s.id,
        name: s.name,
        resources: s.resources,
        notCreated: s.notCreated,
        ...(url ? { securityDocUrl: url } : {}),
        kinds: [...s.kinds]
          .sort(([a], [b]) => kindRank(a) - kindRank(b) || cmp(a, b))
          .map(([kind, k]) => ({ kind, title: kindLabel(kind), resources: k.resources, notes: [...k.notes].sort(([a], [b]) => cmp(a, b)).map(([, n]) => n) })),
        duties: DUTIES.map((duty) => {
          const acc = s.duties.get(duty)!;
          const owners = [...acc.owners]
            .sort(([ka, a], [kb, b]) => (OWNER_RANK[a.owner] ?? 3) - (OWNER_RANK[b.owner] ?? 3) || cmp(ka, kb))
            .map(([, o]) => o);
          return { duty, title: dutyTitle(duty), owners, counts: acc.counts };
        }),
      };
    });

  return {
    version: MATRIX_VERSION,
    source: SEED_SOURCE,
    files: files.length,
    services: out,
    kinds: [...kinds]
      .sort(([a], [b]) => kindRank(a) - kindRank(b) || cmp(a, b))
      .map(([kind, k]) => ({ kind, title: kindLabel(kind), services: k.services.size, resources: k.resources, duties: k.duties })),
    totals: { services: out.length, resources: totals.resources, duties: totals.duties },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared wording

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ownerWord(owner: string): string {
  return owner === 'customer' ? 'you' : owner === 'aws' ? 'AWS' : owner;
}

/** The non-zero states, worst first: "2 gaps · 1 met". */
function stateText(c: MatrixCounts, bold: (s: string) => string = (s) => s): string {
  const parts: string[] = [];
  if (c.gap) parts.push(bold(plural(c.gap, 'gap')));
  if (c.unknown) parts.push(`${c.unknown} unknown`);
  if (c.met) parts.push(`${c.met} met`);
  if (c.notApplicable) parts.push(`${c.notApplicable} not applicable`);
  if (c.notExpressible) parts.push(`${c.notExpressible} not expressible in a template`);
  return parts.length ? parts.join(' · ') : '—';
}

function sumCounts(list: readonly { counts: MatrixCounts }[]): MatrixCounts {
  const c = noCounts();
  for (const x of list) {
    c.met += x.counts.met;
    c.gap += x.counts.gap;
    c.unknown += x.counts.unknown;
    c.notApplicable += x.counts.notApplicable;
    c.notExpressible += x.counts.notExpressible;
  }
  return c;
}

function kindsText(s: MatrixService): string {
  return s.kinds.length === 1 ? s.kinds[0].kind : s.kinds.map((k) => `${k.kind} (${k.resources})`).join('; ');
}

function ownersText(d: MatrixDuty): string {
  return d.owners.length === 1 ? d.owners[0].owner : d.owners.map((o) => `${o.owner} (${o.resources})`).join('; ');
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/** Text for a Markdown cell or line: escaped (a report may carry anything), so `|` cannot end the cell. */
function cell(text: string, max = 600): string {
  return escapeMarkdown(text, max);
}

export function matrixMarkdown(m: Matrix): string {
  const out: string[] = [];
  const notes: MatrixNote[] = [];
  const noteIndex = new Map<string, number>();
  const ref = (n: Partial<MatrixNote> | undefined): string => {
    if (!n?.note) return '';
    const key = `${n.note}\u0000${n.source ?? ''}`;
    let i = noteIndex.get(key);
    if (i === undefined) {
      notes.push({ note: n.note, ...(n.source ? { source: n.source } : {}) });
      i = notes.length;
      noteIndex.set(key, i);
    }
    return ` (note ${i})`;
  };

  out.push('# Customer responsibility matrix');
  out.push('');
  out.push(
    `Who owns each security duty of the AWS services these templates use, under the [AWS Shared Responsibility Model](${safeAwsUrl(m.source) ?? 'https://aws.amazon.com/compliance/shared-responsibility-model/'}), ` +
      `and the state of your part: ${plural(m.totals.resources, 'resource')} of ${plural(m.totals.services, 'service')} in ${plural(m.files, 'file')}.`,
  );
  if (m.services.length === 0) {
    out.push('');
    out.push('No resource of a known AWS service was found.');
    return out.join('\n') + '\n';
  }

  out.push('');
  out.push('## Services');
  out.push('');
  out.push('| Service | Kind | Resources | Gaps | Unknown | Met |');
  out.push('|:--|:--|--:|--:|--:|--:|');
  for (const s of m.services) {
    const c = sumCounts(s.duties);
    out.push(`| ${cell(s.name)} ${markdownCode(s.id)} | ${cell(kindsText(s))} | ${s.resources} | ${c.gap} | ${c.unknown} | ${c.met} |`);
  }

  out.push('');
  out.push('## Totals by kind');
  out.push('');
  out.push(`| Duty | ${m.kinds.map((k) => `${cell(k.title)} (${plural(k.resources, 'resource')}, ${plural(k.services, 'service')})`).join(' | ')} | All |`);
  out.push(`|:--|${m.kinds.map(() => ':--|').join('')}:--|`);
  for (let i = 0; i < DUTIES.length; i++) {
    const t = m.totals.duties[i];
    out.push(`| ${cell(t.title)} | ${m.kinds.map((k) => stateText(k.duties[i].counts, (x) => `**${x}**`)).join(' | ')} | ${stateText(t.counts, (x) => `**${x}**`)} |`);
  }

  for (const s of m.services) {
    out.push('');
    out.push(`## ${cell(s.name)} ${markdownCode(s.id)}`);
    out.push('');
    for (const k of s.kinds) {
      const why = k.notes.map((n) => {
        const src = safeAwsUrl(n.source);
        return ` ${cell(n.note, 1000)}${src ? ` [Source](${src})` : ''}`;
      });
      out.push(`- **${cell(k.title)}**, ${plural(k.resources, 'resource')}.${why.join('')}`);
    }
    if (s.notCreated) out.push(`- ${plural(s.notCreated, 'block creates', 'blocks create')} no instance (\`count = 0\` or an empty \`for_each\`).`);
    const url = safeAwsUrl(s.securityDocUrl);
    if (url) out.push(`- [Security documentation](${url})`);
    out.push('');
    out.push('| Duty | Owner | State |');
    out.push('|:--|:--|:--|');
    for (const d of s.duties) {
      const owners = d.owners.map((o) => `${cell(ownerWord(o.owner))}${s.resources > 1 && d.owners.length > 1 ? ` ×${o.resources}` : ''}${ref(o)}`).join(', ');
      out.push(`| ${cell(d.title)} | ${owners || '—'} | ${stateText(d.counts, (x) => `**${x}**`)} |`);
    }
  }

  if (notes.length) {
    out.push('');
    out.push('## Notes');
    out.push('');
    notes.forEach((n, i) => {
      const url = safeAwsUrl(n.source);
      out.push(`${i + 1}. ${cell(n.note, 1000)}${url ? ` [Source](${url})` : n.source ? ` Source: ${markdownCode(n.source, 300)}` : ''}`);
    });
  }
  out.push('');
  out.push(`States count resources, each once per duty (the Services table adds them up over the duties): *gap* — a rule found your part missing; *unknown* — the templates do not decide it; *not applicable* — no rule checks it or it is AWS's; client-side encryption is done in your application and is *not expressible in a template*.`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// CSV (RFC 4180)

export const MATRIX_CSV_HEADER = [
  'service id',
  'service name',
  'kind',
  'duty id',
  'duty title',
  'owner',
  'met',
  'gaps',
  'unknown',
  'not applicable',
  'not expressible',
  'note',
  'source',
] as const;

/**
 * One CSV field: a cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading `'`;
 * control and bidirectional characters go; the field is quoted when it holds a quote, comma or line break.
 */
export function csvField(value: string | number): string {
  let s = String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(BIDI_CONTROLS, '\ufffd');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per service × duty; several kinds or owners in one cell are `value (count); value (count)`. CRLF lines. */
export function matrixCsv(m: Matrix): string {
  const rows: (string | number)[][] = [[...MATRIX_CSV_HEADER]];
  for (const s of m.services) {
    for (const d of s.duties) {
      const noted = d.owners.filter((o) => o.note);
      rows.push([
        s.id,
        s.name,
        kindsText(s),
        d.duty,
        d.title,
        ownersText(d),
        d.counts.met,
        d.counts.gap,
        d.counts.unknown,
        d.counts.notApplicable,
        d.counts.notExpressible,
        [...new Set(noted.map((o) => o.note!))].join(' | '),
        [...new Set(noted.map((o) => o.source).filter((x): x is string => !!x))].join(' '),
      ]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

/** The matrix as JSON (the shape of `Matrix`, `version` 1), keys in a fixed order, two-space indented. */
export function matrixJson(m: Matrix): string {
  const note = (n: Partial<MatrixNote>): Partial<MatrixNote> => ({
    ...(n.note !== undefined ? { note: n.note } : {}),
    ...(n.source !== undefined ? { source: n.source } : {}),
    ...(n.refinement !== undefined ? { refinement: n.refinement } : {}),
  });
  const counts = (c: MatrixCounts): MatrixCounts => ({ met: c.met, gap: c.gap, unknown: c.unknown, notApplicable: c.notApplicable, notExpressible: c.notExpressible });
  const duties = (list: readonly MatrixDutyTotal[]): MatrixDutyTotal[] => list.map((d) => ({ duty: d.duty, title: d.title, counts: counts(d.counts) }));
  const doc: Matrix = {
    version: MATRIX_VERSION,
    source: m.source,
    files: m.files,
    services: m.services.map((s) => ({
      id: s.id,
      name: s.name,
      resources: s.resources,
      notCreated: s.notCreated,
      ...(s.securityDocUrl ? { securityDocUrl: s.securityDocUrl } : {}),
      kinds: s.kinds.map((k) => ({ kind: k.kind, title: k.title, resources: k.resources, notes: k.notes.map((n) => note(n) as MatrixNote) })),
      duties: s.duties.map((d) => ({ duty: d.duty, title: d.title, owners: d.owners.map((o) => ({ owner: o.owner, resources: o.resources, ...note(o) })), counts: counts(d.counts) })),
    })),
    kinds: m.kinds.map((k) => ({ kind: k.kind, title: k.title, services: k.services, resources: k.resources, duties: duties(k.duties) })),
    totals: { services: m.totals.services, resources: m.totals.resources, duties: duties(m.totals.duties) },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// OSCAL 1.1.2 component definition

export const OSCAL_VERSION = '1.1.2';
/** The namespace of our props, the product's page (OSCAL's own namespace only allows its listed names in places). */
export const OSCAL_PROP_NS = INFORMATION_URI;

/** OSCAL's datatypes (1.1.x): a UUID of version 4 or 5, a token, a trimmed string, a date-time with a time zone. */
export const OSCAL_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
export const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
export const OSCAL_STRING = /^\S(.*\S)?$/;
export const OSCAL_DATE_TIME =
  /^(((2000|2400|2800|(19|2[0-9](0[48]|[2468][048]|[13579][26])))-02-29)|(((19|2[0-9])[0-9]{2})-02-(0[1-9]|1[0-9]|2[0-8]))|(((19|2[0-9])[0-9]{2})-(0[13578]|10|12)-(0[1-9]|[12][0-9]|3[01]))|(((19|2[0-9])[0-9]{2})-(0[469]|11)-(0[1-9]|[12][0-9]|30)))T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|(-((0[0-9]|1[0-2]):00|0[39]:30)|\+((0[0-9]|1[0-4]):00|(0[34569]|10):30|(0[58]|12):45)))$/;

export interface OscalOptions {
  /** metadata.title. */
  title: string;
  /** metadata.last-modified: an RFC 3339 date-time with a time zone (`new Date().toISOString()`). */
  lastModified: string;
  /** metadata.version, the document's version; default the product's version. */
  version?: string;
}

/** SHA-256 of the UTF-8 text (deterministic uuids; the core's own digest, which also runs in the web build). */
export function sha256(text: string): Uint8Array {
  return digest('sha256', utf8Bytes(text));
}

/**
 * A UUID derived from content: the first 16 bytes of SHA-256 of the parts, with the version nibble set to 4 and the
 * RFC 4122 variant bits (`10`), so the same content always gets the same id in the form OSCAL requires.
 */
export function contentUuid(...parts: readonly string[]): string {
  const b = sha256(['aws-responsibility-lens/matrix/oscal', ...parts].join('\u0000')).slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface OscalProp {
  name: string;
  ns: string;
  value: string;
  class?: string;
}
interface OscalLink {
  href: string;
  rel?: string;
  text?: string;
}
interface OscalRole {
  'role-id': string;
}
interface OscalStatement {
  'statement-id': string;
  uuid: string;
  description: string;
  'responsible-roles'?: OscalRole[];
}
interface OscalRequirement {
  uuid: string;
  'control-id': string;
  description: string;
  props?: OscalProp[];
  links?: OscalLink[];
  'responsible-roles'?: OscalRole[];
  statements?: OscalStatement[];
  remarks?: string;
}
interface OscalComponent {
  uuid: string;
  type: string;
  title: string;
  description: string;
  props?: OscalProp[];
  links?: OscalLink[];
  'control-implementations'?: { uuid: string; source: string; description: string; props?: OscalProp[]; 'implemented-requirements': OscalRequirement[] }[];
}

function prop(name: string, value: string | number, cls?: string): OscalProp {
  const v = String(value).replace(/\s+/g, ' ').trim();
  if (!OSCAL_TOKEN.test(name) || !OSCAL_STRING.test(v) || (cls !== undefined && !OSCAL_TOKEN.test(cls))) throw new Error(`not an OSCAL prop: ${name}=${v}`);
  return { name, ns: OSCAL_PROP_NS, value: v, ...(cls !== undefined ? { class: cls } : {}) };
}

/** Props need token values for `class`; a kind a report names that is no token is left without one. */
function kindClass(kind: string): string | undefined {
  return OSCAL_TOKEN.test(kind) ? kind : undefined;
}

function countProps(c: MatrixCounts): OscalProp[] {
  return [prop('met', c.met), prop('gap', c.gap), prop('unknown', c.unknown), prop('not-applicable', c.notApplicable), prop('not-expressible', c.notExpressible)];
}

function rolesOf(owners: readonly MatrixOwner[]): string[] {
  const roles = new Set<string>();
  for (const o of owners) {
    if (o.owner === 'customer' || o.owner === 'shared') roles.add('customer');
    if (o.owner === 'aws' || o.owner === 'shared') roles.add('aws');
  }
  return ['customer', 'aws'].filter((r) => roles.has(r));
}

function md(text: string, max = 1000): string {
  return escapeMarkdown(text, max);
}

/** A service's name for OSCAL markup: the catalog's as it is, anything else (a report's own) escaped. */
function serviceName(s: MatrixService): string {
  return getService(s.id)?.name === s.name ? s.name : md(s.name);
}

function ownerPhrase(owner: string): string {
  return owner === 'customer' ? 'owned by the customer' : owner === 'aws' ? 'owned by AWS' : owner === 'shared' ? 'shared by AWS and the customer' : md(owner);
}

function onResources(n: number, total: number): string {
  if (n !== total) return `on ${n} of ${total} resources`;
  return total === 1 ? 'on its one resource' : total === 2 ? 'on both resources' : `on all ${total} resources`;
}

function sideCount(d: MatrixDuty, side: 'customer' | 'aws'): { own: number; shared: number } {
  let own = 0;
  let shared = 0;
  for (const o of d.owners) {
    if (o.owner === side) own += o.resources;
    else if (o.owner === 'shared') shared += o.resources;
  }
  return { own, shared };
}

function requirement(s: MatrixService, d: MatrixDuty): OscalRequirement {
  const total = d.owners.reduce((n, o) => n + o.resources, 0);
  const who = d.owners.map((o) => `${ownerPhrase(o.owner)} ${onResources(o.resources, total)}`).join('; ');
  const noted = d.owners.filter((o) => o.note);
  const sources = [...new Set(noted.map((o) => o.source).filter((x): x is string => !!x && OSCAL_STRING.test(x)))];
  const roles = rolesOf(d.owners);
  const statements: OscalStatement[] = roles.map((role) => {
    const c = sideCount(d, role as 'customer' | 'aws');
    const other = role === 'customer' ? 'AWS' : 'the customer';
    const part =
      c.shared === 0
        ? `owns ${d.title.toLowerCase()} ${onResources(c.own, total)}`
        : c.own === 0
          ? `shares ${d.title.toLowerCase()} with ${other} ${onResources(c.shared, total)}`
          : `owns ${d.title.toLowerCase()} ${onResources(c.own, total)} and shares it with ${other} on ${plural(c.shared, 'more')}`;
    const summary = role === 'customer' ? dutySummary(d.duty) : '';
    return {
      'statement-id': `${d.duty}_smt.${role}`,
      uuid: contentUuid('statement', s.id, d.duty, role),
      description: `${role === 'customer' ? 'The customer' : 'AWS'} ${part}.${summary ? ` ${summary}` : ''}`,
      'responsible-roles': [{ 'role-id': role }],
    };
  });
  return {
    uuid: contentUuid('implemented-requirement', s.id, d.duty),
    'control-id': d.duty,
    description: `${d.title}: ${who || 'no owner reported'}. State across the scanned resources: ${stateText(d.counts)}.`,
    props: [...[...new Set(d.owners.map((o) => o.owner))].filter((o) => OSCAL_STRING.test(o)).map((o) => prop('owner', o)), ...countProps(d.counts)],
    ...(sources.length ? { links: sources.map((href) => ({ href, rel: 'reference', text: 'Source of the refinement' })) } : {}),
    ...(roles.length ? { 'responsible-roles': roles.map((r) => ({ 'role-id': r })) } : {}),
    ...(statements.length ? { statements } : {}),
    ...(noted.length ? { remarks: [...new Set(noted.map((o) => o.note!))].join('\n\n') } : {}),
  };
}

function component(s: MatrixService): OscalComponent {
  const kinds = s.kinds.map((k) => `${isKind(k.kind) ? kindTitle(k.kind).toLowerCase() : md(k.kind)}${s.kinds.length > 1 ? ` (${plural(k.resources, 'resource')})` : ''}`).join(', ');
  const name = serviceName(s);
  const links: OscalLink[] = [];
  const doc = safeAwsUrl(s.securityDocUrl);
  if (doc) links.push({ href: doc, rel: 'reference', text: 'Security documentation' });
  return {
    uuid: contentUuid('component', s.id),
    type: 'service',
    title: name,
    description: `${name} (${markdownCode(s.id)}): ${kinds} under the AWS Shared Responsibility Model; ${plural(s.resources, 'resource')} in the scanned templates.`,
    props: [
      ...(OSCAL_STRING.test(s.id.trim()) ? [prop('service-id', s.id)] : []),
      ...s.kinds.filter((k) => OSCAL_STRING.test(k.kind.trim())).map((k) => prop('kind', k.kind)),
      prop('resource-count', s.resources),
      ...(s.kinds.length > 1 ? s.kinds.flatMap((k) => (kindClass(k.kind) ? [prop('resource-count', k.resources, kindClass(k.kind))] : [])) : []),
    ],
    ...(links.length ? { links } : {}),
    'control-implementations': [
      {
        uuid: contentUuid('control-implementation', s.id, SEED_SOURCE),
        source: SEED_SOURCE,
        description: `The duties of the AWS Shared Responsibility Model for ${name}: who owns each, and the state of the customer's part across the scanned resources.`,
        props: countProps(sumCounts(s.duties)),
        'implemented-requirements': s.duties.map((d) => requirement(s, d)),
      },
    ],
  };
}

/**
 * The matrix as an OSCAL 1.1.2 component definition (JSON text): one `service` component per service, whose control
 * implementation (source: the Shared Responsibility Model page) has one implemented requirement per duty, the
 * responsible roles `customer` / `aws` (declared in metadata) and one statement per side. UUIDs are derived from the
 * content, so the same matrix and options give the same text.
 */
export function matrixOscal(m: Matrix, opts: OscalOptions): string {
  if (!OSCAL_DATE_TIME.test(opts.lastModified)) throw new RangeError(`last-modified must be an RFC 3339 date-time with a time zone: ${opts.lastModified}`);
  const version = (opts.version ?? VERSION).trim();
  if (!OSCAL_STRING.test(version)) throw new RangeError(`not a document version: ${opts.version}`);
  const title = opts.title.trim() ? md(opts.title.trim(), 300) : 'Customer responsibility matrix';
  const components = m.services.map(component);
  const metadata = {
    title,
    'last-modified': opts.lastModified,
    version,
    'oscal-version': OSCAL_VERSION,
    links: [{ href: SEED_SOURCE, rel: 'reference', text: 'AWS Shared Responsibility Model' }],
    roles: [
      { id: 'customer', title: 'Customer', description: 'The AWS customer: responsible for security in the cloud — data, access, configuration of the services used.' },
      { id: 'aws', title: 'Amazon Web Services (AWS)', description: 'AWS: responsible for security of the cloud — the infrastructure that runs the services.' },
    ],
    remarks: `Generated by ${PRODUCT_NAME} ${VERSION} from ${plural(m.files, 'file')}: ${plural(m.totals.resources, 'resource')} of ${plural(m.totals.services, 'service')}. Counts are resources per state of each duty.`,
  };
  const body = { metadata, ...(components.length ? { components } : {}) };
  // The document's uuid changes with its content (OSCAL: "should be changed when this document is revised").
  const doc = { 'component-definition': { uuid: contentUuid('component-definition', JSON.stringify(body)), ...body } };
  return JSON.stringify(doc, null, 2) + '\n';
}
