/**
 * Your teams: `owners:` in `.aws-responsibility.yaml` names the team (and a contact) that owns one of the customer's
 * duties inside the organization, optionally only for some kinds of service, services, resource types or paths.
 *
 * ```yaml
 * owners:
 *   - duty: firewall-configuration
 *     team: Network platform
 *     contact: "#net-platform"
 *   - duty: identity-and-access-management
 *     paths: ["services/payments/**"]
 *     team: Payments security
 * ```
 *
 * **Which entry wins.** Of the entries that match a resource's duty, the most specific one: entries are compared by
 * whether they have `paths`, then `types`, then `services`, then `kinds` (in that order: an entry with `paths` beats
 * any entry without; among those alike, one with `types` beats one without, and so on); between entries alike in all
 * four, the **later one in the file** wins (as in CODEOWNERS: write the general entries first).
 *
 * A duty AWS owns for a resource gets no team (the team is shown next to "you", never next to AWS). `paths` are globs
 * relative to the folder of the configuration file, matched like `ignorePaths` (glob.ts) against the file the resource
 * is written in — for the resources of a module instance or nested stack, the file of the `module` block / stack that
 * creates them. `types` are exact CloudFormation or Terraform types, or globs of them (`AWS::EC2::*`, `aws_s3_*`).
 *
 * This module is pure: the configuration is read (bounded, never throwing) by config-file.ts through
 * {@link readOwners}, and the resolved entries are handed to the analysis as data ({@link applyOwners}).
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Analysis, DutyState, ResourceAnalysis } from '../analyze';
import { getService, lookupType } from '../catalog/catalog';
import { editDistance } from '../catalog/edit-distance';
import { DUTIES, isDutyId, isKind, KINDS, type DutyId, type Kind, type Owner } from '../model/duties';
import { dutyTitle, ownersForKind } from '../model/duty-owners';
import type { Span } from '../model/types';
import type { ModuleCallResult, ModuleInstance } from '../project/terraform-project';
import { globError, matchGlob } from './glob';

/** One valid entry of `owners:`. Absent narrowing keys match everything; a present list matches any of its items. */
export interface OwnerEntry {
  readonly duty: DutyId;
  readonly team: string;
  readonly contact?: string;
  readonly kinds?: readonly Kind[];
  readonly services?: readonly string[];
  readonly types?: readonly string[];
  readonly paths?: readonly string[];
}

/** The team a duty of a resource is given. */
export interface DutyTeam {
  readonly team: string;
  readonly contact?: string;
}

/** What an entry is matched against: one duty of one resource, in one file. */
export interface OwnerQuery {
  readonly duty: DutyId;
  /** The duty's owner for this resource: an AWS duty gets no team. */
  readonly owner: Owner;
  readonly kind: Kind | 'unknown';
  /** The catalog service id (`ec2`, `s3`), when the type has one. */
  readonly service?: string;
  /** `AWS::S3::Bucket` / `aws_s3_bucket`. */
  readonly type: string;
  /** The file's path relative to the configuration file's folder (either separator); undefined: `paths` entries never match. */
  readonly path?: string;
}

/** At most this many entries of `owners` are read. */
export const MAX_OWNER_ENTRIES = 500;
/** `team` and `contact` are one line of at most this many characters. */
export const MAX_TEAM_LENGTH = 200;
/** One narrowing list (`kinds`, `services`, `types`, `paths`) has at most this many items. */
export const MAX_OWNER_LIST = 100;
/** One item of `services`, `types` or `paths` is at most this long. */
export const MAX_OWNER_PATTERN_LENGTH = 256;
/** `types` and `paths` items of all entries together (globs are matched per file and per resource type). */
export const MAX_OWNER_PATTERNS = 1000;

const ENTRY_KEYS = ['duty', 'team', 'contact', 'kinds', 'services', 'types', 'paths'] as const;
const LIST_KEYS = ['kinds', 'services', 'types', 'paths'] as const;
type ListKey = (typeof LIST_KEYS)[number];

// ---------------------------------------------------------------------------------------------------------------------
// Precedence and matching (pure)

/**
 * How specific an entry is: `paths` (8) > `types` (4) > `services` (2) > `kinds` (1), summed — comparing the sums is
 * comparing the four flags in that order. A higher value wins; equal values: the later entry.
 */
export function ownerSpecificity(e: OwnerEntry): number {
  return (e.paths ? 8 : 0) + (e.types ? 4 : 0) + (e.services ? 2 : 0) + (e.kinds ? 1 : 0);
}

const GLOB_CHARS = /[*?[{]/;

/** Whether a resource type matches a `types` item: the exact type, or a glob of types (`AWS::EC2::*`). */
export function typeMatches(pattern: string, type: string): boolean {
  return GLOB_CHARS.test(pattern) ? matchGlob(pattern, type) : pattern === type;
}

/** Whether a file path matches a `paths` item (relative to the configuration file's folder, as `ignorePaths`). */
export function pathMatches(pattern: string, path: string): boolean {
  return matchGlob(pattern, path);
}

/** Whether the entry's path narrowing accepts the file (true when the entry has none). */
function pathOk(e: OwnerEntry, path: string | undefined): boolean {
  if (!e.paths) return true;
  return path !== undefined && e.paths.some((p) => pathMatches(p, path));
}

/** Whether the entry applies to the query, its `paths` aside (those are decided once per file). */
function matchesResource(e: OwnerEntry, q: OwnerQuery): boolean {
  if (e.duty !== q.duty) return false;
  if (e.kinds && (q.kind === 'unknown' || !e.kinds.includes(q.kind))) return false;
  if (e.services && (q.service === undefined || !e.services.includes(q.service))) return false;
  if (e.types && !e.types.some((t) => typeMatches(t, q.type))) return false;
  return true;
}

/** Whether one entry matches a query (the owner aside: see {@link ownerEntryFor}). */
export function ownerEntryMatches(e: OwnerEntry, q: OwnerQuery): boolean {
  return matchesResource(e, q) && pathOk(e, q.path);
}

/** The entry that gives the query's duty its team (the most specific; ties: the later), or undefined. */
export function ownerEntryFor(entries: readonly OwnerEntry[], q: OwnerQuery): OwnerEntry | undefined {
  if (q.owner === 'aws') return undefined;
  let best: OwnerEntry | undefined;
  let bestRank = -1;
  for (const e of entries) {
    if (!ownerEntryMatches(e, q)) continue;
    const r = ownerSpecificity(e);
    if (r >= bestRank) {
      best = e;
      bestRank = r;
    }
  }
  return best;
}

/** The team of one duty of one resource, or undefined (no entry, or a duty AWS owns). */
export function teamFor(entries: readonly OwnerEntry[], q: OwnerQuery): DutyTeam | undefined {
  const e = ownerEntryFor(entries, q);
  return e ? teamOf(e) : undefined;
}

function teamOf(e: OwnerEntry): DutyTeam {
  return e.contact !== undefined ? { team: e.team, contact: e.contact } : { team: e.team };
}

/**
 * A resolver for one file: the entries whose `paths` accept it are chosen once (in file order, so ties still go to the
 * later entry), indexed by duty; answers are remembered per duty, owner, kind, service and type.
 */
export function ownersForFile(entries: readonly OwnerEntry[], path: string | undefined): (q: Omit<OwnerQuery, 'path'>) => DutyTeam | undefined {
  const byDuty = new Map<DutyId, OwnerEntry[]>();
  for (const e of entries) {
    if (!pathOk(e, path)) continue;
    const list = byDuty.get(e.duty);
    if (list) list.push(e);
    else byDuty.set(e.duty, [e]);
  }
  const memo = new Map<string, DutyTeam | null>();
  return (q) => {
    if (q.owner === 'aws') return undefined;
    const list = byDuty.get(q.duty);
    if (!list) return undefined;
    const key = `${q.duty}\u0000${q.kind}\u0000${q.service ?? ''}\u0000${q.type}`;
    let got = memo.get(key);
    if (got === undefined) {
      // `paths` were checked above: the entries for this file are matched without them.
      let best: OwnerEntry | undefined;
      let bestRank = -1;
      for (const e of list) {
        if (!matchesResource(e, { ...q, path })) continue;
        const r = ownerSpecificity(e);
        if (r >= bestRank) {
          best = e;
          bestRank = r;
        }
      }
      got = best ? teamOf(best) : null;
      if (memo.size >= 100_000) memo.clear();
      memo.set(key, got);
    }
    return got ?? undefined;
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Applying the teams to an analysis (pure)

/**
 * The analysis with each duty's team (`team`, `contact` on the duty state) from the `owners:` entries, for the file at
 * `relativePath` (relative to the configuration file's folder). Every resource is covered: `count` / `for_each`
 * instances and the resources of module instances and nested stacks (matched with this file's path). Nothing else
 * changes; without entries the analysis is returned as is.
 */
export function applyOwners(analysis: Analysis, entries: readonly OwnerEntry[] | undefined, relativePath: string | undefined): Analysis {
  if (!entries || entries.length === 0) return analysis;
  const resolve = ownersForFile(entries, relativePath);
  const duty = (ra: ResourceAnalysis, d: DutyState): DutyState => {
    const t = resolve({ duty: d.duty, owner: d.owner, kind: ra.kind, service: ra.service?.id, type: ra.resource.type });
    if (!t) {
      if (d.team === undefined && d.contact === undefined) return d;
      const { team: _t, contact: _c, ...rest } = d;
      return rest;
    }
    if (d.team === t.team && d.contact === t.contact) return d;
    const { contact: _c, ...rest } = d;
    return { ...rest, team: t.team, ...(t.contact !== undefined ? { contact: t.contact } : {}) };
  };
  const resource = (ra: ResourceAnalysis): ResourceAnalysis => {
    if (ra.duties.length === 0 && !ra.instances) return ra;
    const duties = ra.duties.map((d) => duty(ra, d));
    const instances = ra.instances?.map(resource);
    const same = duties.every((d, i) => d === ra.duties[i]) && (!instances || instances.every((x, i) => x === ra.instances?.[i]));
    if (same) return ra;
    return instances ? { ...ra, duties, instances } : { ...ra, duties };
  };
  const call = (c: ModuleCallResult, depth: number): ModuleCallResult =>
    depth > 64 ? c : { ...c, instances: c.instances.map((i): ModuleInstance => ({ ...i, analysis: whole(i.analysis, depth + 1), calls: i.calls.map((s) => call(s, depth + 1)) })) };
  const whole = (a: Analysis, depth: number): Analysis => ({
    ...a,
    resources: a.resources.map(resource),
    ...(a.modules ? { modules: a.modules.map((c) => call(c, depth)) } : {}),
  });
  return whole(analysis, 0);
}

// ---------------------------------------------------------------------------------------------------------------------
// Reading `owners:` (bounded, never throwing)

/** How config-file.ts reports a problem (the same shape as its own reporter). */
export type OwnersReport = (level: 'error' | 'warning', message: string, node: YamlNode | null | undefined | Span) => void;

/** User text in a message, cut to a readable length. */
function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** Control characters (line breaks included) and bidirectional controls: a team is one line of plain text. */
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The duties the model gives AWS for every kind (no entry for them can ever show a team). */
function awsForKinds(duty: DutyId, kinds: readonly Kind[]): boolean {
  return kinds.every((k) => ownersForKind(k).find((o) => o.duty === duty)?.owner === 'aws');
}

function closestDuty(id: string): string | undefined {
  if (id.length > 100) return undefined;
  let best: string | undefined;
  let bestD = 5;
  for (const d of DUTIES) {
    const x = editDistance(id, d, bestD);
    if (x < bestD) {
      bestD = x;
      best = d;
    }
  }
  return best;
}

function knownType(type: string): boolean {
  for (const language of ['cloudformation', 'terraform'] as const) {
    if (lookupType({ language, type, mode: 'resource' }).status === 'aws') return true;
  }
  return false;
}

/**
 * Reads the `owners:` list into `out`: every valid entry, in file order. An entry with any error (unknown duty or
 * key, missing or too long team, a value of the wrong type, an invalid glob) is left out as a whole — never applied
 * more widely than written — and explained at the node at fault; warnings (an unknown service id or type, a duty AWS
 * owns) keep the entry.
 */
export function readOwners(value: YamlNode | null, out: OwnerEntry[], report: OwnersReport): void {
  if (!isSeq(value)) {
    report('error', '`owners` must be a list of entries, e.g. `- duty: firewall-configuration` with `team: Network platform`.', value);
    return;
  }
  const patterns = { left: MAX_OWNER_PATTERNS };
  for (let i = 0; i < value.items.length; i++) {
    const item = value.items[i] as YamlNode | null;
    if (i >= MAX_OWNER_ENTRIES) {
      report('error', `\`owners\` has more than ${MAX_OWNER_ENTRIES} entries: the rest are not read.`, item);
      break;
    }
    const e = readEntry(item, i, report, patterns);
    if (e) out.push(e);
  }
}

function readEntry(node: YamlNode | null, index: number, report: OwnersReport, patterns: { left: number }): OwnerEntry | undefined {
  const where = `\`owners[${index}]\``;
  if (!isMap(node)) {
    report('error', `${where} must be a mapping with \`duty\` and \`team\` (and optionally \`contact\`, ${LIST_KEYS.map((k) => `\`${k}\``).join(', ')}).`, node);
    return undefined;
  }
  let ok = true;
  const fail = (message: string, at: YamlNode | null | undefined): void => {
    ok = false;
    report('error', message, at);
  };
  let duty: DutyId | undefined;
  let team: string | undefined;
  let contact: string | undefined;
  const lists: Partial<Record<ListKey, string[]>> = {};
  let firstKey: YamlNode | null | undefined;
  let dutyNode: YamlNode | null | undefined;
  const servicesNodes: YamlNode[] = [];
  const typesNodes: YamlNode[] = [];
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as YamlNode | null;
    firstKey ??= keyNode;
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const v = pair.value as YamlNode | null;
    switch (key) {
      case 'duty': {
        dutyNode = v ?? keyNode;
        const s = isScalar(v) ? v.value : undefined;
        if (typeof s !== 'string' || s.trim() === '') {
          fail(`${where}: \`duty\` must be a duty id, e.g. \`firewall-configuration\`.`, v ?? keyNode);
          break;
        }
        if (!isDutyId(s)) {
          const near = closestDuty(s);
          fail(`${where}: unknown duty \`${short(s)}\`${near ? ` — did you mean \`${near}\`?` : ''} Duties: ${DUTIES.join(', ')}.`, v);
          break;
        }
        duty = s;
        break;
      }
      case 'team':
      case 'contact': {
        const s = isScalar(v) ? v.value : undefined;
        if (typeof s !== 'string' || s.trim() === '') {
          fail(`${where}: \`${key}\` must be ${key === 'team' ? 'the team’s name' : 'a contact (an e-mail address, a channel…)'}, a non-empty string.`, v ?? keyNode);
          break;
        }
        const t = s.trim();
        if (t.length > MAX_TEAM_LENGTH) {
          fail(`${where}: \`${key}\` is ${t.length} characters, over the limit of ${MAX_TEAM_LENGTH}.`, v);
          break;
        }
        if (NOT_ONE_LINE.test(t)) {
          fail(`${where}: \`${key}\` must be one line of text, without control characters.`, v);
          break;
        }
        if (key === 'team') team = t;
        else contact = t;
        break;
      }
      case 'kinds':
      case 'services':
      case 'types':
      case 'paths': {
        const items = listItems(v);
        if (!items) {
          fail(`${where}: \`${key}\` must be a list of ${key === 'kinds' ? KINDS.join(', ') : key === 'services' ? 'service ids (e.g. `ec2`, `s3`)' : key === 'types' ? 'resource types (e.g. `AWS::EC2::SecurityGroup`, `aws_security_group`, `AWS::EC2::*`)' : 'path globs (e.g. `services/payments/**`)'}.`, v ?? keyNode);
          break;
        }
        if (items.length === 0) {
          fail(`${where}: \`${key}\` is empty: the entry would match nothing. Remove the key to match every ${key === 'paths' ? 'path' : key.slice(0, -1)}.`, v ?? keyNode);
          break;
        }
        if (items.length > MAX_OWNER_LIST) {
          fail(`${where}: \`${key}\` has more than ${MAX_OWNER_LIST} items.`, v);
          break;
        }
        const vals: string[] = [];
        for (const it of items) {
          const s = isScalar(it) ? it.value : undefined;
          if (typeof s !== 'string' || s.trim() === '') {
            fail(`${where}: each item of \`${key}\` must be a non-empty string.`, it);
            continue;
          }
          const t = s.trim();
          if (key === 'kinds') {
            if (!isKind(t)) fail(`${where}: \`kinds\` items must be one of ${KINDS.join(', ')}, not \`${short(t)}\`.`, it);
            else vals.push(t);
            continue;
          }
          if (t.length > MAX_OWNER_PATTERN_LENGTH) {
            fail(`${where}: a \`${key}\` item is ${t.length} characters, over the limit of ${MAX_OWNER_PATTERN_LENGTH}.`, it);
            continue;
          }
          if (key === 'types' || key === 'paths') {
            if (patterns.left <= 0) {
              fail(`${where}: more than ${MAX_OWNER_PATTERNS} \`types\` and \`paths\` items in \`owners\`: this entry is not used.`, it);
              break;
            }
            patterns.left--;
            const why = key === 'paths' || GLOB_CHARS.test(t) ? globError(t) : undefined;
            if (why !== undefined) {
              fail(`${where}: invalid glob \`${short(t)}\`: ${why}.`, it);
              continue;
            }
            if (key === 'types') typesNodes.push(it);
          } else servicesNodes.push(it);
          vals.push(t);
        }
        lists[key] = vals;
        break;
      }
      default:
        fail(`${where}: unknown key \`${short(key ?? '?')}\`: expected ${ENTRY_KEYS.map((k) => `\`${k}\``).join(', ')}. The entry is not used (a misspelt narrowing would make it apply too widely).`, keyNode);
    }
  }
  if (duty === undefined && dutyNode === undefined) fail(`${where}: \`duty\` is missing: which duty does the team own (e.g. \`firewall-configuration\`)?`, firstKey ?? node);
  if (team === undefined && !node.items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === 'team')) fail(`${where}: \`team\` is missing: the team that owns the duty.`, dutyNode ?? firstKey ?? node);
  if (!ok || duty === undefined || team === undefined) return undefined;
  // Warnings: the entry is kept (it is not wider than written), but it may match nothing.
  for (const it of servicesNodes) {
    const s = String((it as { value?: unknown }).value).trim();
    if (!getService(s)) report('warning', `${where}: \`${short(s)}\` is not a service id (e.g. \`ec2\`, \`s3\`, \`rds\`): this item matches nothing.`, it);
  }
  for (const it of typesNodes) {
    const s = String((it as { value?: unknown }).value).trim();
    if (!GLOB_CHARS.test(s) && !knownType(s)) report('warning', `${where}: \`${short(s)}\` is not a known AWS resource type: this item matches nothing.`, it);
  }
  const kinds = lists.kinds as Kind[] | undefined;
  if (awsForKinds(duty, kinds ?? KINDS)) {
    report(
      'warning',
      `${where}: ${dutyTitle(duty)} is AWS’s duty for ${kinds ? kinds.map((k) => `${k} services`).join(' and ') : 'every kind of service'} under the model: the team shows only where a resource’s own refinement makes it yours.`,
      dutyNode,
    );
  }
  return {
    duty,
    team,
    ...(contact !== undefined ? { contact } : {}),
    ...(kinds ? { kinds } : {}),
    ...(lists.services ? { services: lists.services } : {}),
    ...(lists.types ? { types: lists.types } : {}),
    ...(lists.paths ? { paths: lists.paths } : {}),
  };
}

/** A list's items; a single string is a list of one. */
function listItems(v: YamlNode | null): YamlNode[] | undefined {
  if (isSeq(v)) return v.items as YamlNode[];
  if (isScalar(v) && typeof v.value === 'string') return [v];
  return undefined;
}
