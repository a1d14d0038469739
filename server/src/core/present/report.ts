/** The CLI's JSON report (stable shape, version 1) and its readable text form. */
import { isCustomResourceType } from '../catalog/custom-resource';
import type { Analysis, DutyState, Finding, ResourceAnalysis } from '../analyze';
import type { ModuleCallResult } from '../project/terraform-project';
import type { Suppressed } from '../suppress/apply';
import { propertyAt } from './hover';
import { gapOwner } from '../model/duty-owners';
import type { Language } from '../model/types';
import { relatedRanges, relatedSpans } from './related';
import { LineIndex, type Range } from './positions';
import { BIDI_CONTROLS } from './escape';
import { cdkPathOf } from '../cdk/construct-path';

export interface JsonDuty {
  duty: string;
  owner: string;
  status: string;
  /** For met: what meets it ("Encrypted: true"). Optional (added in 0.1; older readers ignore it). */
  evidence?: string;
  /** For unknown: what the answer depends on ("parameter EncryptLogs"). Optional. */
  dependsOn?: string[];
  /** For gap: the ids of the rules that found the gap. Optional. */
  rules?: string[];
  /** Your team that owns this duty (`owners:` in .aws-responsibility.yaml); absent when none, and for AWS's duties. Optional. */
  team?: string;
  /** How to reach that team, when the entry gives a contact. Optional. */
  contact?: string;
  /**
   * When this resource's type or one of its property values sets the owner (a refinement in data/classification.json):
   * why, the AWS page that says so, the property value, and where both parties have a part what AWS does and what you
   * do. Optional (added in 0.2).
   */
  refinement?: { reason: string; source: string; property?: string; aws?: string; customer?: string };
}
export interface JsonResource {
  name: string;
  type: string;
  service: { id: string; name: string } | null;
  kind: string;
  kindSource?: string;
  range: Range;
  duties: JsonDuty[];
  /** Terraform: false for a block that creates no instance here (`count = 0`, an empty `for_each`). Optional. */
  created?: boolean;
  /**
   * A CloudFormation custom resource: its provider (`lambda` / `sns`, with the provider's logical id in this template or
   * its ARN) when the file names it; `reason` when it does not and the provider decides. Optional.
   */
  customResource?: { provider?: { service: string; resource?: string; arn?: string }; reason?: string };
  /**
   * A resource synthesized by the AWS CDK: its construct path as `Metadata: aws:cdk:path` writes it
   * (`MyStack/Bucket/Resource`), when that is a literal string. Template text. Optional (added in 0.2).
   */
  cdkPath?: string;
}
export interface JsonFinding {
  ruleId: string;
  duty: string | null;
  owner: string | null;
  severity: string;
  message: string;
  resource: string;
  range: Range;
  docUrl?: string;
  /**
   * The property at fault, as a path of keys below the resource's properties (`SecurityGroupIngress.CidrIp`), when the
   * finding is on one. With the rule, the file and the resource it identifies the finding whatever line it moves to
   * (baselines, SARIF fingerprints). Optional (added in 0.1).
   */
  property?: string;
  /** Present when the finding is reported although suppressed (`--ignore-suppressions`): how and why. Optional. */
  suppressed?: { kind: 'comment' | 'metadata'; reason: string };
  /** The construct path of the resource at fault, when it has one (see JsonResource.cdkPath). Optional (added in 0.2). */
  cdkPath?: string;
  /**
   * Places that explain the finding (LSP relatedInformation, SARIF relatedLocations): where a relocated finding comes
   * from, the resource at fault, the parameter or variable a value came from. `path` (absolute) when in another file.
   * Optional (added in 0.3).
   */
  related?: { path?: string; range: Range; message: string }[];
}
export interface JsonFile {
  path: string;
  language: Language;
  resources: JsonResource[];
  findings: JsonFinding[];
  errors?: { message: string; range: Range }[];
}
export interface JsonReport {
  version: 1;
  files: JsonFile[];
}

/** `textOf` reads the other files related places are in (unread files' places are left out). */
export function fileReport(path: string, text: string, analysis: Analysis, findings: readonly Finding[] = analysis.findings, suppressed: readonly Suppressed[] = [], textOf: (file: string) => string | undefined = () => undefined): JsonFile {
  const idx = new LineIndex(text);
  const indexes = new Map<string, LineIndex | null>();
  const byId = new Map<string, ResourceAnalysis>();
  for (const ra of analysis.resources) byId.set(ra.resource.id, ra);
  const jsonFinding = (f: Finding): JsonFinding => {
    const property = propertyOf(f, byId);
    const at = byId.get(f.resource)?.resource;
    const cdkPath = at ? cdkPathOf(at) : undefined;
    const related = relatedRanges(relatedSpans(analysis, f), idx, textOf, indexes);
    return {
      ruleId: f.ruleId,
      duty: f.duty ?? null,
      owner: f.owner ?? null,
      severity: f.severity,
      message: f.message,
      resource: f.resource,
      range: idx.rangeOf(f.span),
      ...(f.docUrl ? { docUrl: f.docUrl } : {}),
      ...(property ? { property } : {}),
      ...(cdkPath !== undefined ? { cdkPath } : {}),
      ...(related.length > 0 ? { related: related.map((r) => ({ ...(r.file ? { path: r.file } : {}), range: r.range, message: r.message })) } : {}),
    };
  };
  const out: JsonFile = {
    path,
    language: analysis.doc.language,
    resources: reportResources(analysis, idx),
    findings: findings.map(jsonFinding),
  };
  if (suppressed.length > 0) {
    // Reported although suppressed (an audit): in source order among the others, marked.
    for (const s of suppressed) out.findings.push({ ...jsonFinding(s.finding), suppressed: { kind: s.by.source === 'metadata' ? 'metadata' : 'comment', reason: s.by.reason ?? '' } });
    out.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  if (analysis.doc.syntaxErrors.length > 0) {
    out.errors = analysis.doc.syntaxErrors.map((e) => ({ message: e.message, range: idx.rangeOf(e.span) }));
  }
  return out;
}

/**
 * The resources of a file: each as declared, except that a Terraform block expanded by `count` / `for_each` is listed
 * per instance (`aws_x.y[0]`), and the resources of every module instance a `module` block creates are listed under
 * their addresses (`module.storage.aws_ebs_volume.this`) at that block.
 */
function reportResources(analysis: Analysis, idx: LineIndex): JsonResource[] {
  const out: JsonResource[] = [];
  const add = (ra: ResourceAnalysis, range: Range): void => {
    if (ra.instances && ra.instances.length > 0) {
      for (const inst of ra.instances) out.push(jsonResource(inst, range));
      return;
    }
    out.push(ra.instances ? { ...jsonResource(ra, range), created: false } : jsonResource(ra, range));
  };
  const addCall = (call: ModuleCallResult, range: Range): void => {
    for (const inst of call.instances) {
      for (const ra of inst.analysis.resources) if (ra.resource.mode !== 'module') add(ra, range);
      for (const sub of inst.calls) addCall(sub, range);
    }
  };
  for (const ra of analysis.resources) add(ra, idx.rangeOf(ra.resource.typeSpan));
  for (const call of analysis.modules ?? []) addCall(call, idx.rangeOf(call.call.typeSpan));
  return out;
}

function jsonResource(ra: ResourceAnalysis, range: Range): JsonResource {
  return {
    name: ra.resource.id,
    type: ra.resource.type,
    service: ra.service ? { id: ra.service.id, name: ra.service.name } : null,
    kind: ra.kind,
    ...(ra.service ? { kindSource: ra.service.kindSource } : {}),
    range,
    duties: ra.duties.map((d) => jsonDuty(d)),
    ...customResourceOf(ra),
    ...cdkPathField(ra),
  };
}

function cdkPathField(ra: ResourceAnalysis): Pick<JsonResource, 'cdkPath'> {
  const cdkPath = cdkPathOf(ra.resource);
  return cdkPath !== undefined ? { cdkPath } : {};
}

function customResourceOf(ra: ResourceAnalysis): Pick<JsonResource, 'customResource'> {
  const l = ra.lookup;
  if (l.status === 'aws' && l.provider) {
    const { service, resource, arn } = l.provider;
    return { customResource: { provider: { service, ...(resource !== undefined ? { resource } : {}), ...(arn !== undefined ? { arn } : {}) } } };
  }
  if (l.status === 'custom' && l.source && isCustomResourceType(ra.resource.type)) return { customResource: { reason: l.reason } };
  return {};
}

/** The key path below the resource's properties that a finding's span is on (for CloudFormation, below `Properties`). */
function propertyOf(f: Finding, byId: ReadonlyMap<string, ResourceAnalysis>): string | undefined {
  const ra = (f.at ? byId.get(f.at.id) : undefined) ?? byId.get(f.resource);
  if (!ra) return undefined;
  try {
    return propertyAt(ra, f.span.start)?.path.join('.');
  } catch {
    return undefined;
  }
}

function jsonDuty(d0: DutyState): JsonDuty {
  // A gap is in a setting of yours: never reported as AWS's duty (an organization's `kinds:` override can say AWS).
  const d = d0.status === 'gap' && d0.owner === 'aws' ? { ...d0, ...gapOwner(d0) } : d0;
  const out: JsonDuty = { duty: d.duty, owner: d.owner, status: d.status };
  if (d.status === 'met') {
    const ev = d.results.map((r) => r.outcome.evidence).find((e): e is string => !!e);
    if (ev) out.evidence = ev;
  } else if (d.status === 'unknown') {
    const deps = [...new Set(d.results.flatMap((r) => r.outcome.dependsOn ?? []))];
    if (deps.length) out.dependsOn = deps;
  } else if (d.status === 'gap') {
    out.rules = d.results.filter((r) => r.outcome.status === 'gap').map((r) => r.rule.id);
  }
  if (d.team !== undefined && d.owner !== 'aws') {
    out.team = d.team;
    if (d.contact !== undefined) out.contact = d.contact;
  }
  const r = d.refinement;
  if (r?.perResource) {
    out.refinement = {
      reason: r.note,
      source: r.source,
      ...(r.property !== undefined ? { property: r.property } : {}),
      ...(r.aws !== undefined ? { aws: r.aws } : {}),
      ...(r.customer !== undefined ? { customer: r.customer } : {}),
    };
  }
  return out;
}

/** Plain-text report for terminals and CI logs. */
export function textReport(report: JsonReport): string {
  const lines: string[] = [];
  let total = 0;
  let resources = 0;
  for (const f of report.files) {
    resources += f.resources.length;
    // A file with nothing to say (a module's variables.tf, outputs.tf) takes no lines.
    if (f.resources.length === 0 && f.findings.length === 0 && !(f.errors?.length ?? 0)) continue;
    const byKind = new Map<string, number>();
    for (const r of f.resources) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    lines.push(`${oneLine(f.path)} (${f.language}): ${f.resources.length} resource${f.resources.length === 1 ? '' : 's'}` + (byKind.size ? ` — ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}` : ''));
    for (const r of f.resources) {
      const you = r.duties.filter((d) => d.owner !== 'aws');
      const gaps = you.filter((d) => d.status === 'gap').length;
      lines.push(
        `  ${oneLine(r.name)}  ${oneLine(r.type)}  —  ${r.service ? `${r.service.name}, ${r.kind} service` : /^module\.[^.]+$/.test(r.name) && f.language === 'terraform' ? 'module call (its resources follow under its address)' : 'not an AWS service type'}` +
          (r.service ? `  (you: ${you.length} duties${gaps ? `, ${gaps} with a gap` : ''}; AWS: ${r.duties.length - you.length})` : '') +
          (r.kindSource ? `  ${r.kindSource}` : ''),
      );
      const teams = teamsLine(r);
      if (teams) lines.push(`      ${teams}`);
    }
    for (const e of f.errors ?? []) lines.push(`  ${e.range.start.line + 1}:${e.range.start.character + 1}  syntax error  ${oneLine(e.message)}`);
    const byName = new Map(f.resources.map((r) => [r.name, r]));
    for (const x of f.findings) {
      total++;
      const team = x.duty ? byName.get(x.resource)?.duties.find((d) => d.duty === x.duty)?.team : undefined;
      lines.push(`  ${x.range.start.line + 1}:${x.range.start.character + 1}  ${x.severity.padEnd(11)} ${x.ruleId}  [${x.duty ?? 'catalog'} · ${x.owner ?? '-'}${team !== undefined ? ` · ${oneLine(team)}` : ''}]`);
      lines.push(`      ${oneLine(x.message)}`);
    }
  }
  lines.push('');
  lines.push(`${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${resources} resource${resources === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

/** "teams: Network platform (#net-platform): firewall-configuration · Payments security: identity-and-access-management", or ''. */
function teamsLine(r: JsonResource): string {
  const byTeam = new Map<string, string[]>();
  for (const d of r.duties) {
    if (d.team === undefined || d.owner === 'aws') continue;
    const key = d.contact !== undefined ? `${d.team} (${d.contact})` : d.team;
    const list = byTeam.get(key);
    if (list) list.push(d.duty);
    else byTeam.set(key, [d.duty]);
  }
  if (byTeam.size === 0) return '';
  return `team${byTeam.size === 1 ? '' : 's'}: ${[...byTeam].map(([t, ds]) => `${oneLine(t)}: ${ds.join(', ')}`).join(' · ')}`;
}

/** Terminal output must not carry control characters from a template (no escape-sequence injection). */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(BIDI_CONTROLS, '\ufffd');
}
