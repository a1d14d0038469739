/**
 * The hover card: a compact Markdown summary of one resource's duties (AWS's and yours, with their state in this file),
 * and the property card (which duty a property serves and what its current value means).
 * Everything from the template is escaped; links are only ours: AWS documentation pages and our own command.
 */
import { findContaining, isOrdered } from '../model/span-search';
import * as l10n from '@vscode/l10n';
import type { Analysis, DutyState, ResourceAnalysis, RuleResult } from '../analyze';
import type { Language, MapEntry, Resource, Span, ValueNode } from '../model/types';
import type { ModuleCallResult } from '../project/terraform-project';
import { basename } from '../project/paths';
import { dutyTitle, gapOwner, kindMeaning, kindTitle, SEED_SOURCE } from '../model/duty-owners';
import type { Rule } from '../rules/rule-api';
import type { Refinement } from '../catalog/catalog-api';
import { complianceOf } from '../rules/compliance';
import type { Evaluated, PlainValue } from '../values/evaluator-api';
import { createEvaluator } from '../values/evaluator';
import { commandUri, escapeMarkdown, markdownCode, messageMarkdown, safeAwsUrl } from './escape';
import { pushAll } from '../arrays';
import { cdkPathOf, constructName } from '../cdk/construct-path';

export interface HoverOptions {
  /** The document's URI: adds a command link that opens the responsibility view on this resource. */
  readonly uri?: string;
}

export interface HoverResult {
  readonly markdown: string;
  /** What the hover covers (the type, the name, or the property's key and value). */
  readonly span: Span;
}

/**
 * The resource whose type or name contains the offset (the resource card's anchors). The resource around the offset is
 * found by a binary search (findContaining: resources are in source order), not a scan reading two spans of each of
 * 10,000 resources per hover; a list out of order, or an offset outside every resource, falls back to the scan.
 */
export function resourceAt(resources: readonly ResourceAnalysis[], offset: number): { ra: ResourceAnalysis; on: 'type' | 'name' } | undefined {
  const around = findContaining(resources, offset, resourceSpan);
  if (around) {
    const r = around.resource;
    if (within(r.typeSpan, offset)) return { ra: around, on: 'type' };
    if (within(r.nameSpan, offset)) return { ra: around, on: 'name' };
  }
  // In source order and disjoint, no other resource holds the offset.
  if (resources.length >= 16 && isOrdered(resources, resourceSpan)) return undefined;
  for (const ra of resources) {
    const r = ra.resource;
    if (within(r.typeSpan, offset)) return { ra, on: 'type' };
    if (within(r.nameSpan, offset)) return { ra, on: 'name' };
  }
  return undefined;
}

/** The property (key path below the resource's properties) whose key or value contains the offset. */
export function propertyAt(ra: ResourceAnalysis, offset: number): { path: string[]; entry: MapEntry; scope: Span } | undefined {
  const props = ra.resource.properties;
  if (!props || !within(props.span, offset)) return undefined;
  let cur: ValueNode = props;
  const path: string[] = [];
  // The innermost list item around the property (one ingress rule, one block device): gaps outside it are not its own.
  let scope: Span = props.span;
  let found: { path: string[]; entry: MapEntry; scope: Span } | undefined;
  for (let depth = 0; depth < 64; depth++) {
    if (cur.type === 'map') {
      const c: MapEntry | undefined = findContaining<MapEntry>(cur.entries, offset, entrySpan);
      const e: MapEntry | undefined = c && (within(c.keySpan, offset) || within(c.value.span, offset)) ? c : undefined;
      if (!e) break;
      path.push(e.key);
      found = { path: [...path], entry: e, scope };
      if (within(e.keySpan, offset)) break;
      cur = e.value;
    } else if (cur.type === 'list') {
      const it: ValueNode | undefined = findContaining(cur.items, offset, nodeSpan);
      if (!it) break;
      scope = it.span;
      cur = it;
    } else if (cur.type === 'intrinsic') {
      cur = cur.arg;
    } else break;
  }
  return found;
}

/** The resource a hover's card is about (hoverAt's results; stale-hover.ts checks it against the edit). */
const hoverOwner = new WeakMap<HoverResult, Resource>();
export function ownerOfHover(h: HoverResult): Resource | undefined {
  return hoverOwner.get(h);
}

function owned(h: HoverResult | undefined, r: Resource): HoverResult | undefined {
  if (h) hoverOwner.set(h, r);
  return h;
}

/** Everything the server's hover needs: the card for a resource type/name, or for a property that serves a duty. */
export function hoverAt(analysis: Analysis, offset: number, opts: HoverOptions = {}): HoverResult | undefined {
  try {
    const hit = resourceAt(analysis.resources, offset);
    if (hit) {
      const call = analysis.modules?.find((c) => c.call === hit.ra.resource);
      const card = call ? moduleCallCard(hit.ra, call, opts) : hoverCard(hit.ra, opts);
      return owned({ markdown: card, span: hit.on === 'type' ? hit.ra.resource.typeSpan : hit.ra.resource.nameSpan }, hit.ra.resource);
    }
    const ra = findContaining(analysis.resources, offset, resourceSpan);
    if (!ra) return undefined;
    const p = propertyAt(ra, offset);
    if (!p) return undefined;
    const call = analysis.modules?.find((c) => c.call === ra.resource);
    // A module block's argument, or a parameter a stack passes to its nested template.
    if (call && (ra.resource.language === 'terraform' || (p.path.length === 2 && p.path[0] === 'Parameters'))) {
      const md = argumentCard(analysis, call, p.entry);
      return owned(md ? { markdown: md, span: { start: p.entry.keySpan.start, end: Math.max(p.entry.keySpan.end, p.entry.value.span.end) } } : undefined, ra.resource);
    }
    const md = propertyCard(analysis, ra, p.path, p.entry, p.scope);
    return owned(md ? { markdown: md, span: { start: p.entry.keySpan.start, end: Math.max(p.entry.keySpan.end, p.entry.value.span.end) } } : undefined, ra.resource);
  } catch {
    // A presentation bug must not break hovers for the rest of the file.
    return undefined;
  }
}

const resourceSpan = (ra: ResourceAnalysis): Span => ra.resource.span;
const entrySpan = (e: MapEntry): Span => ({ start: e.keySpan.start, end: Math.max(e.keySpan.end, e.value.span.end) });
const nodeSpan = (n: ValueNode): Span => n.span;

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

const ICON = { met: '✓', gap: '✗', unknown: '?', 'not-applicable': '·' } as const;

function link(text: string, url: string | undefined, title?: string): string {
  const u = safeAwsUrl(url);
  if (!u) return text;
  return title ? `[${text}](${u} "${title.replace(/["\\()]/g, '')}")` : `[${text}](${u})`;
}

function ruleRef(rule: Rule): string {
  return link(markdownCode(rule.id), rule.docUrl, rule.title);
}

/** What met a duty: the rules' evidence ("Encrypted: true", "linked aws_s3_bucket_public_access_block.b: ..."). */
function evidenceOf(d: DutyState): string | undefined {
  return d.results.map((r) => r.outcome.evidence).find((e): e is string => !!e);
}

function dependsOf(results: readonly RuleResult[]): string[] {
  return [...new Set(results.flatMap((r) => r.outcome.dependsOn ?? []))];
}

/**
 * " · team **Network platform** (#net-platform)": your team that owns the duty (`owners:` in .aws-responsibility.yaml),
 * or '' — never for a duty AWS owns. The team and contact are user text, escaped.
 */
function teamText(d: DutyState): string {
  if (d.team === undefined || d.owner === 'aws') return '';
  const contact = d.contact !== undefined ? ` (${escapeMarkdown(d.contact, 100)})` : '';
  return ` · ${l10n.t('team {0}', `**${escapeMarkdown(d.team, 100)}**${contact}`)}`;
}

function youLine(d: DutyState): string {
  const title = escapeMarkdown(dutyTitle(d.duty));
  const shared = (d.owner === 'shared' ? ' ' + l10n.t('(shared with AWS)') : '') + teamText(d);
  switch (d.status) {
    case 'met': {
      const ev = evidenceOf(d);
      return `${ICON.met} ${title}${shared} — ${ev ? l10n.t('met: {0}', messageMarkdown(ev, 100)) : l10n.t('met')}`;
    }
    case 'gap': {
      const rules = d.results.filter((r) => r.outcome.status === 'gap');
      const refs = rules.map((r) => ruleRef(r.rule)).join(', ');
      // Why it matters beyond this tool: the AWS Security Hub controls that check the same setting.
      const controls = [...new Set(rules.flatMap((r) => complianceOf(r.rule.id).fsbp))];
      const why = controls.length > 0 ? ` · ${l10n.t('Security Hub {0}', controls.slice(0, 4).map((c) => markdownCode(c)).join(', '))}` : '';
      return `${ICON.gap} **${title}**${shared} — ${l10n.t('gap')}: ${refs}${why}`;
    }
    case 'unknown': {
      const deps = dependsOf(d.results);
      const shown = deps.slice(0, 2).map((x) => escapeMarkdown(x, 70)).join(', ');
      const more = deps.length > 2 ? ' ' + l10n.t('(+{0} more)', deps.length - 2) : '';
      return `${ICON.unknown} ${title}${shared} — ${l10n.t('depends on {0}', (shown || l10n.t('values set at deploy time')) + more)}`;
    }
    default:
      return '';
  }
}

/** The Markdown card for one resource. */
export function hoverCard(ra: ResourceAnalysis, opts: HoverOptions = {}): string {
  const r = ra.resource;
  const cdk = cdkLine(r);
  const head = `${markdownCode(r.type)} ${markdownCode(r.name)}`;
  if (ra.lookup.status === 'custom') {
    if (ra.lookup.source) {
      // A CloudFormation custom resource whose provider the file does not name: the provider decides.
      return [`**${l10n.t('CloudFormation custom resource')}**`, '', head, ...cdk, '', `${escapeMarkdown(ra.lookup.reason, 400)} ${link('↗', ra.lookup.source)}`].join('\n');
    }
    return [
      `**${l10n.t('Not an AWS service resource')}** — ${escapeMarkdown(ra.lookup.reason)}`,
      '',
      head,
      ...cdk,
      '',
      l10n.t('Its responsibilities follow whoever provides it; this extension does not classify it.'),
    ].join('\n');
  }
  if (ra.lookup.status === 'unknown' || !ra.service || ra.kind === 'unknown') {
    const s = ra.lookup.status === 'unknown' && ra.lookup.suggestion ? ' ' + l10n.t('Did you mean {0}?', markdownCode(ra.lookup.suggestion)) : '';
    return [`**${l10n.t('Unknown AWS resource type')}**`, '', head, ...cdk, '', l10n.t('No AWS service has this type, so its responsibilities cannot be shown.') + s].join('\n');
  }
  const svc = ra.service;
  const lines: string[] = [];
  const kindLink = link(escapeMarkdown(kindTitle(ra.kind)), svc.kindSource, svc.reason);
  const derived = svc.confidence === 'derived' ? ' ' + l10n.t('(derived)') : '';
  const gaps = ra.findings.length;
  const gapText = gaps === 0 ? l10n.t('no gaps in this file') : gaps === 1 ? l10n.t('1 gap in this file') : l10n.t('{0} gaps in this file', gaps);
  // Compact: the card must fit without scrolling for a typical resource, so what needs action comes first.
  lines.push(`**${escapeMarkdown(svc.name)}** · ${kindLink}${derived} · ${gapText}`);
  lines.push('');
  lines.push(`${head} · *${escapeMarkdown(kindMeaning(ra.kind))}*`);
  pushAll(lines, cdk);
  if (ra.instances) {
    lines.push('');
    lines.push(instancesLine(ra));
  }
  const provider = ra.lookup.provider;
  if (provider) {
    const what = provider.service === 'lambda' ? l10n.t('Lambda function') : l10n.t('SNS topic');
    const name = provider.resource !== undefined ? markdownCode(provider.resource) : markdownCode(provider.arn ?? '');
    const open =
      provider.resource !== undefined && opts.uri
        ? ` [${l10n.t('show')}](${commandUri('awsResponsibility.showModel', { uri: opts.uri, resourceId: provider.resource })})`
        : '';
    lines.push('');
    lines.push(`${l10n.t('Custom resource; its provider is the {0} {1}.', what, name)}${open}`);
  }
  // What this resource's type (or a property value) changes in its kind's table, why, and the AWS page that says so.
  for (const ref of ra.lookup.refinements) {
    const sets = refinementEffect(ref);
    lines.push('');
    lines.push(`${l10n.t('Refined:')} ${escapeMarkdown(ref.reason, 300)}${ref.property ? ' (' + markdownCode(ref.property) + ')' : ''}${sets ? ' — ' + sets : ''} ${link('↗', ref.source)}`);
  }

  // You: gaps first, then unknown, then met; the duties nothing in a template sets are one short line.
  const order = { gap: 0, unknown: 1, met: 2, 'not-applicable': 3 };
  // A gap is in a setting of yours: a duty the model gives to AWS (e.g. through an organization's `kinds:`) shows as shared.
  const duties = ra.duties.map((d) => (d.status === 'gap' && d.owner === 'aws' ? { ...d, ...gapOwner(d) } : d));
  const you = duties.filter((d) => d.owner !== 'aws').sort((a, b) => order[a.status] - order[b.status]);
  const checked = you.filter((d) => d.status !== 'not-applicable');
  const unchecked = you.filter((d) => d.status === 'not-applicable' && d.duty !== 'client-side-encryption');
  const clientSide = you.find((d) => d.duty === 'client-side-encryption');
  lines.push('');
  lines.push(`**${l10n.t('You')}**`);
  lines.push('');
  for (const d of checked) lines.push(`- ${youLine(d)}`);
  // One line per team (`owners:`) of the duties nothing checks; those without a team together.
  const byTeam = new Map<string, DutyState[]>();
  for (const d of unchecked) {
    const k = d.team === undefined ? '' : `${d.team}\u0000${d.contact ?? ''}`;
    const group = byTeam.get(k);
    if (group) group.push(d);
    else byTeam.set(k, [d]);
  }
  for (const group of byTeam.values()) {
    const names = group.map((d) => dutyTitle(d.duty) + (d.owner === 'shared' ? ' ' + l10n.t('(shared)') : '')).join(' · ');
    const more = link(group.length === 1 ? escapeMarkdown(dutyTitle(group[0].duty)) : l10n.t('{0} more duties', group.length), SEED_SOURCE, names);
    lines.push(`- ${ICON['not-applicable']} ${more}${teamText(group[0])} — ${l10n.t('yours; nothing in this file checks them')}`);
  }
  if (clientSide) lines.push(`- ${ICON['not-applicable']} ${escapeMarkdown(dutyTitle(clientSide.duty))}${teamText(clientSide)} — ${l10n.t('yours; not expressible in a template')}`);

  // Shared: what AWS does and what you do, for each duty both have a part in.
  const shared = duties.filter((d) => d.owner === 'shared' && d.refinement?.aws && d.refinement.customer);
  if (shared.length) {
    lines.push('');
    lines.push(`**${l10n.t('Shared')}**`);
    lines.push('');
    for (const d of shared) lines.push(`- ${sharedLine(d)}`);
  }

  // AWS: one line of what AWS does, plus the duties AWS does by default where you still have switches.
  const aws = duties.filter((d) => d.owner === 'aws');
  const byDefault = aws.filter((d) => d.refinement);
  const plain = aws.filter((d) => !d.refinement);
  lines.push('');
  lines.push(`**${l10n.t('AWS')}** · ${plain.map((d) => escapeMarkdown(dutyTitle(d.duty))).join(' · ')}`);
  if (byDefault.length) lines.push('');
  for (const d of byDefault) {
    const ref = d.refinement;
    // A refinement for this resource says what AWS does; the kind's table says what AWS does by default and your switch.
    const what = ref?.perResource ? escapeMarkdown(capitalize(ref.aws ?? ref.note), 200) : `${l10n.t('on by default.')} ${ref ? escapeMarkdown(switchPart(ref.note), 160) : ''}`;
    lines.push(`- ${escapeMarkdown(dutyTitle(d.duty))} — ${what} ${link('↗', ref?.source, ref?.note)}`);
  }

  lines.push('');
  const links = [link(l10n.t('Security documentation'), svc.securityDocUrl, svc.securityDocsNote), link(l10n.t('Shared Responsibility Model'), SEED_SOURCE)];
  if (opts.uri) links.push(`[${l10n.t('Open in responsibility view')}](${commandUri('awsResponsibility.showModel', { uri: opts.uri, resourceId: r.id })})`);
  lines.push(links.join(' · '));
  return lines.join('\n');
}

/**
 * The construct a resource synthesized by the AWS CDK comes from (`Metadata: aws:cdk:path`), as a paragraph of its own
 * ("CDK construct: `MyStack/Bucket`"), or nothing. The path is template text: an inert code span.
 */
function cdkLine(r: Resource): string[] {
  const p = cdkPathOf(r);
  return p === undefined ? [] : ['', l10n.t('CDK construct: {0}', markdownCode(constructName(p), 200))];
}

/** `count` / `for_each`: how many instances, which have gaps (or that none is created). */
function instancesLine(ra: ResourceAnalysis): string {
  const insts = ra.instances ?? [];
  const how = escapeMarkdown(ra.expansion ?? '');
  if (insts.length === 0) return l10n.t('Not created by this configuration ({0}): none of its duties is in play.', how);
  const names = insts.slice(0, 6).map((i) => markdownCode(i.resource.name)).join(', ') + (insts.length > 6 ? ` ${l10n.t('and {0} more', insts.length - 6)}` : '');
  const withGaps = insts.filter((i) => i.findings.length > 0).length;
  const gaps = withGaps === 0 ? '' : ' · ' + (withGaps === insts.length ? l10n.t('all have gaps') : l10n.t('{0} of {1} have gaps', withGaps, insts.length));
  return `${l10n.t('{0} instances ({1}):', insts.length, how)} ${names}${gaps}`;
}

/** The card of a `module` block: where its code is, and what each instance creates with its duties' gaps. */
function moduleCallCard(ra: ResourceAnalysis, call: ModuleCallResult, opts: HoverOptions): string {
  const lines: string[] = [];
  const src = call.source;
  const where =
    src.kind === 'local'
      ? l10n.t('local module {0}', markdownCode(ra.resource.type))
      : src.kind === 'downloaded'
        ? l10n.t('{0}, downloaded by terraform init', markdownCode(src.source))
        : src.kind === 'template'
          ? l10n.t('template {0}', markdownCode(basename(src.file)))
          : src.kind === 'remote-template'
            ? l10n.t('template {0}', markdownCode(src.url))
            : markdownCode(ra.resource.type || '?');
  const what = ra.resource.language === 'cloudformation' ? l10n.t('Nested stack') : l10n.t('Module');
  lines.push(`**${what} ${markdownCode(ra.resource.name)}** · ${where}`);
  if (call.note) {
    lines.push('');
    lines.push(escapeMarkdown(call.note, 200));
  }
  if (call.expansion) {
    lines.push('');
    lines.push(l10n.t('{0} instances ({1})', call.instances.length, escapeMarkdown(call.expansion)));
  }
  const resources: ResourceAnalysis[] = [];
  const collect = (c: ModuleCallResult): void => {
    for (const inst of c.instances) {
      for (const r of inst.analysis.resources) if (r.resource.mode !== 'module') pushAll(resources, (r.instances && r.instances.length > 0 ? r.instances : r.instances ? [] : [r]));
      for (const sub of inst.calls) collect(sub);
    }
  };
  collect(call);
  if (resources.length > 0) {
    const byKind = new Map<string, number>();
    for (const r of resources) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    const gaps = resources.reduce((n, r) => n + r.findings.length, 0);
    lines.push('');
    lines.push(`${l10n.t('Creates {0} resources', resources.length)} (${[...byKind].map(([k, n]) => `${n} ${escapeMarkdown(k)}`).join(', ')}) · ${gaps === 0 ? l10n.t('no gaps') : gaps === 1 ? l10n.t('1 gap') : l10n.t('{0} gaps', gaps)}`);
    lines.push('');
    for (const r of resources.slice(0, 12)) {
      const g = r.findings.length;
      lines.push(`- ${g > 0 ? ICON.gap : ICON.met} ${markdownCode(r.resource.id)} · ${escapeMarkdown(r.service?.name ?? r.resource.type, 60)}${g > 0 ? ` · ${g === 1 ? l10n.t('1 gap') : l10n.t('{0} gaps', g)}` : ''}`);
    }
    if (resources.length > 12) lines.push(`- ${l10n.t('and {0} more', resources.length - 12)}`);
  }
  if (ra.service) {
    lines.push('');
    lines.push(hoverCard(ra, opts));
  }
  return lines.join('\n');
}

/** The card of an argument of a `module` block: the variable it sets and the gaps it causes in the module. */
function argumentCard(analysis: Analysis, call: ModuleCallResult, entry: MapEntry): string | undefined {
  const lines: string[] = [];
  if (call.call.language === 'cloudformation') lines.push(`${l10n.t('Parameter')} ${markdownCode(entry.key)} · ${l10n.t('passed to nested stack {0}', markdownCode(call.call.name))}`);
  else lines.push(`${l10n.t('Argument')} ${markdownCode(entry.key)} · ${l10n.t('variable of module {0}', markdownCode(call.call.name))}`);
  lines.push('');
  lines.push(`${l10n.t('Value:')} ${valueText((analysis.values ?? createEvaluator(analysis.doc)).evaluate(entry.value))}`);
  const span = entry.value.span;
  const caused = analysis.findings.filter((f) => f.at === call.call && f.span.start >= span.start && f.span.end <= span.end);
  if (caused.length > 0) {
    lines.push('');
    for (const f of caused.slice(0, 5)) lines.push(`- ${ICON.gap} ${messageMarkdown(f.message, 300)}`);
  }
  return lines.join('\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ownerWord(owner: string): string {
  return owner === 'aws' ? l10n.t('AWS') : owner === 'shared' ? l10n.t('shared') : l10n.t('you');
}

/** What a refinement sets: "kind: Container service · Operating system configuration: AWS · Network configuration: you". */
function refinementEffect(ref: Refinement): string {
  const parts: string[] = [];
  if (ref.kind) parts.push(l10n.t('kind: {0}', escapeMarkdown(kindTitle(ref.kind))));
  for (const d of ref.duties ?? []) parts.push(`${escapeMarkdown(dutyTitle(d.duty))}: ${ownerWord(d.owner)}`);
  return parts.join(' · ');
}

/** A shared duty: "Network traffic protection — AWS terminates TLS …; you choose the listener protocol …". */
function sharedLine(d: DutyState): string {
  const ref = d.refinement;
  if (!ref?.aws || !ref.customer) return escapeMarkdown(dutyTitle(d.duty));
  const where = ref.property ? ` (${markdownCode(ref.property)})` : '';
  // The source is on the `Refined:` line (this resource's refinement) or in the model (the kind's table): not repeated.
  return `${escapeMarkdown(dutyTitle(d.duty))}${where} — ${escapeMarkdown(capitalize(ref.aws), 200)}; ${escapeMarkdown(ref.customer, 200)}`;
}

/** Of a refinement note "AWS does X by default; choosing Y is your switch.", the part that tells your switch. */
function switchPart(note: string): string {
  const i = note.indexOf('; ');
  if (i < 0) return note;
  const rest = note.slice(i + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The property paths a rule reads, for this language (from the rule's `properties`, when the rule declares them). */
function rulePaths(rule: Rule, language: Language): readonly (readonly string[])[] | undefined {
  const p = rule.properties;
  return p ? p[language] ?? [] : undefined;
}

/** One path is a prefix of the other (a block serves the duties of the properties inside it, and the reverse); `*` matches any key. */
function pathsMatch(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}

/** The rule results on this resource that read the property at `path`. */
export function resultsForProperty(ra: ResourceAnalysis, path: readonly string[], entry?: MapEntry): { duty: DutyState; result: RuleResult }[] {
  const out: { duty: DutyState; result: RuleResult }[] = [];
  const span = entry ? { start: entry.keySpan.start, end: Math.max(entry.keySpan.end, entry.value.span.end) } : undefined;
  for (const duty of ra.duties) {
    for (const result of duty.results) {
      const declared = rulePaths(result.rule, ra.resource.language);
      const hit = declared
        ? declared.some((p) => pathsMatch(p, path))
        : // Until a rule declares its properties: its gaps' fixes and spans say which properties it reads.
          (result.outcome.gaps ?? []).some((g) => (g.fix && pathsMatch(g.fix.path, path)) || (span && g.span.start >= span.start && g.span.end <= span.end)) ||
          (result.outcome.status === 'met' && !!result.outcome.evidence?.startsWith(path.join('.') + ':'));
      if (hit) out.push({ duty, result });
    }
  }
  return out;
}

function ownerText(d0: DutyState): string {
  const d = d0.status === 'gap' && d0.owner === 'aws' ? { ...d0, ...gapOwner(d0) } : d0;
  if (d.owner === 'shared' && d.refinement?.customer) return l10n.t('shared: {0}', escapeMarkdown(d.refinement.customer, 200));
  return d.owner === 'aws' ? l10n.t('AWS') : d.owner === 'shared' ? l10n.t('yours, shared with AWS') : l10n.t('yours');
}

function plainShort(v: PlainValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.length}]`;
  if (typeof v === 'object') return '{…}';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function valueText(ev: Evaluated): string {
  if (!ev.known && ev.dependsOn.some((d) => d.includes('set by the caller'))) {
    return l10n.t('depends on the caller — {0}', ev.dependsOn.slice(0, 2).map((x) => escapeMarkdown(x, 90)).join(', '));
  }
  if (!ev.known) return l10n.t('decided at deploy time — depends on {0}', ev.dependsOn.slice(0, 2).map((x) => escapeMarkdown(x, 70)).join(', ') || l10n.t('values set at deploy time'));
  const via = ev.via && ev.via !== 'absent' ? ' ' + l10n.t('(from {0})', escapeMarkdown(ev.via, 80)) : '';
  return markdownCode(plainShort(ev.value), 60) + via;
}

function outcomeLine(r: RuleResult, entry: MapEntry | undefined, scope: Span | undefined): string {
  const o = r.outcome;
  switch (o.status) {
    case 'met':
      return `${ICON.met} ${l10n.t('meets it')}${o.evidence ? ': ' + messageMarkdown(o.evidence, 100) : ''}`;
    case 'gap': {
      const span = entry ? { start: entry.keySpan.start, end: Math.max(entry.keySpan.end, entry.value.span.end) } : undefined;
      const inside = (s: Span | undefined) => (x: { span: Span }) => !!s && x.span.start >= s.start && x.span.end <= s.end;
      const g = (o.gaps ?? []).find(inside(span)) ?? (o.gaps ?? []).find(inside(scope));
      if (g || !scope) return `${ICON.gap} **${l10n.t('gap')}**${g ? ': ' + messageMarkdown(g.message, 400) : ''}`;
      const n = o.gaps?.length ?? 0;
      return `${ICON.met} ${n === 1 ? l10n.t('fine here; the gap is elsewhere on this resource') : l10n.t('fine here; {0} gaps are elsewhere on this resource', n)}`;
    }
    case 'unknown':
      return `${ICON.unknown} ${l10n.t('depends on {0}', dependsOf([r]).slice(0, 2).map((x) => escapeMarkdown(x, 70)).join(', ') || l10n.t('values set at deploy time'))}`;
    default:
      return `${ICON['not-applicable']} ${l10n.t('does not apply to this resource as configured')}`;
  }
}

/** The card for a property that a rule reads; undefined for properties no duty check reads. */
export function propertyCard(analysis: Analysis, ra: ResourceAnalysis, path: readonly string[], entry?: MapEntry, scope?: Span): string | undefined {
  const hits = resultsForProperty(ra, path, entry);
  if (hits.length === 0) return undefined;
  const lines: string[] = [];
  lines.push(`${markdownCode(path.join('.'))} · ${markdownCode(ra.resource.name)} ${markdownCode(ra.resource.type)}`);
  if (entry) {
    lines.push('');
    lines.push(`${l10n.t('Value:')} ${valueText((analysis.values ?? createEvaluator(analysis.doc)).evaluate(entry.value))}`);
  }
  const byDuty = new Map<DutyState, RuleResult[]>();
  for (const h of hits) byDuty.set(h.duty, [...(byDuty.get(h.duty) ?? []), h.result]);
  for (const [duty, results] of byDuty) {
    lines.push('');
    lines.push(`${l10n.t('Serves')} **${escapeMarkdown(dutyTitle(duty.duty))}** (${ownerText(duty)}${teamText(duty)})`);
    lines.push('');
    for (const r of results) lines.push(`- ${ruleRef(r.rule)} ${escapeMarkdown(r.rule.title, 100)} — ${outcomeLine(r, entry, scope)}`);
  }
  return lines.join('\n');
}
