/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, any SARIF viewer): one run, every rule described (duty, owner,
 * fix, the AWS page), one result per finding with its place relative to %SRCROOT%, the resource as the logical
 * location, and a fingerprint that survives lines added above it.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { UNKNOWN_TYPE_RULE } from '../analyze';
import { dutyTitle } from '../model/duty-owners';
import type { DutyId } from '../model/duties';
import { RULES } from '../rules';
import { ruleWhy } from '../rules/rule-docs';
import { complianceOf, complianceTags } from '../rules/compliance';
import type { Severity } from '../rules/rule-api';
import { INVALID_SUPPRESSION_RULE, MISSING_REASON_RULE, UNKNOWN_RULE_IN_SUPPRESSION, UNUSED_SUPPRESSION_RULE } from '../suppress/apply';
import { INFORMATION_URI, PRODUCT_NAME, VERSION } from '../version';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint';
import type { JsonFile, JsonFinding } from './report';

/** A SARIF log (the parts this writer fills). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds?: Record<string, { uri: string; description?: { text: string } }>;
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

interface SarifDriver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string; precision: string; 'problem.severity': string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  relatedLocations?: { id: number; physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } }; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification: string }[];
  properties?: { duty?: string; owner?: string };
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<string, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
/** GitHub reads `security-severity` (0-10) to rank security results: critical ≥ 9, high ≥ 7, medium ≥ 4, low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', information: '3.0', hint: '1.0' };

export const SYNTAX_ERROR_RULE = 'syntax-error';

/** Checks outside the rule registry that can appear in a report. */
const META_RULES: readonly { id: string; title: string; why: string; severity: Severity }[] = [
  { id: UNKNOWN_TYPE_RULE, title: 'Resource types are known AWS types', why: 'The type looks like AWS but is in no catalog, so no service and no duties can be shown for it (a "did you mean" suggestion is given when one is close).', severity: 'warning' },
  { id: MISSING_REASON_RULE, title: 'Suppressions give a reason', why: 'A suppression without a reason does not apply: every ignored check must say why.', severity: 'warning' },
  { id: UNUSED_SUPPRESSION_RULE, title: 'Suppressions suppress something', why: 'A suppression that silences no finding is stale and should be removed.', severity: 'information' },
  { id: UNKNOWN_RULE_IN_SUPPRESSION, title: 'Suppressions name existing rules', why: 'A suppression names a rule id that does not exist (a typo silences nothing).', severity: 'warning' },
  { id: INVALID_SUPPRESSION_RULE, title: 'Metadata suppressions are well formed', why: 'A CloudFormation Metadata suppression entry that cannot be read (no rule, not a mapping) applies to nothing.', severity: 'warning' },
  { id: SYNTAX_ERROR_RULE, title: 'Files parse', why: 'A syntax error: the part of the file after it may not be analysed.', severity: 'error' },
];

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The Security Hub controls and CIS items a rule corresponds to, as help lines. */
function complianceLines(id: string): string[] {
  const c = complianceOf(id);
  const out: string[] = [];
  if (c.fsbp.length > 0) out.push(`- **AWS Security Hub (FSBP):** ${c.fsbp.join(', ')}`);
  if (c.cis.length > 0) out.push(`- **CIS AWS Foundations Benchmark:** ${c.cis.map((x) => `v${x.version} ${x.item}`).join(', ')}`);
  return out;
}

/** Every rule's descriptor, in a stable order (registry order, then the meta checks). */
export function sarifRules(): SarifRule[] {
  const out: SarifRule[] = [];
  for (const r of RULES) {
    const why = ruleWhy(r.id) ?? r.title;
    const owner = r.owner === 'customer' ? 'the customer' : r.owner === 'aws' ? 'AWS' : 'shared';
    const duty = dutyTitle(r.duty as DutyId);
    out.push({
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.title },
      fullDescription: { text: why },
      help: {
        text: `${r.title}. ${why} Duty: ${duty}; owner of the setting: ${owner}. Resource types: ${[...r.cloudformationTypes, ...r.terraformTypes].join(', ')}. AWS documentation: ${r.docUrl}`,
        markdown: [
          `**${r.title}**`,
          '',
          why,
          '',
          `- **Duty:** ${duty} (\`${r.duty}\`) — owner of the setting at fault: **${owner}**`,
          `- **Resource types:** ${[...r.cloudformationTypes, ...r.terraformTypes].map((t) => `\`${t}\``).join(', ')}`,
          `- **How to fix:** each result's message names the setting to change; AWS documents it at [${r.docUrl}](${r.docUrl})`,
          ...complianceLines(r.id),
        ].join('\n'),
      },
      helpUri: r.docUrl,
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: {
        tags: ['security', 'aws', `duty/${r.duty}`, `owner/${r.owner}`, ...complianceTags(r.id)],
        'security-severity': SECURITY_SEVERITY[r.defaultSeverity],
        precision: 'high',
        'problem.severity': r.defaultSeverity === 'information' || r.defaultSeverity === 'hint' ? 'recommendation' : r.defaultSeverity,
      },
    });
  }
  for (const m of META_RULES) {
    out.push({
      id: m.id,
      name: pascal(m.id),
      shortDescription: { text: m.title },
      fullDescription: { text: m.why },
      help: { text: `${m.title}. ${m.why}`, markdown: `**${m.title}**\n\n${m.why}` },
      defaultConfiguration: { level: LEVEL[m.severity] },
      properties: { tags: ['maintainability'], 'security-severity': '0.0', precision: 'high', 'problem.severity': m.severity === 'information' ? 'recommendation' : m.severity },
    });
  }
  return out;
}

export interface SarifOptions {
  /** The folder paths are relative to (%SRCROOT%), absolute, with `/`. */
  readonly srcRoot: string;
  /** A file's path relative to srcRoot (`/`-separated), or undefined when it is outside it. */
  readonly relative: (path: string) => string | undefined;
  /** Messages for the run (files not read...). */
  readonly notifications?: readonly { level: 'error' | 'warning' | 'note'; text: string }[];
}

/** A path segment-wise percent-encoded for a URI reference (spaces, `#`, `?`, non-ASCII...). */
function uriPath(p: string): string {
  return p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function fileUri(abs: string): string {
  const p = abs.startsWith('/') ? abs : `/${abs}`;
  return `file://${uriPath(p)}`;
}

/**
 * The resource at fault as a logical location: its logical id / address as the name; the fully qualified name is the
 * same, or for a resource synthesized by the AWS CDK its construct path (`MyStack/Bucket/Resource`), so a viewer shows
 * the construct the TypeScript (or any CDK language) declares.
 */
function logicalLocation(x: JsonFinding): { name: string; fullyQualifiedName: string; kind: string } {
  return { name: x.resource, fullyQualifiedName: x.cdkPath ?? x.resource, kind: 'resource' };
}

export function sarifReport(files: readonly JsonFile[], opts: SarifOptions): SarifLog {
  const rules = sarifRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  for (const f of files) {
    const rel = opts.relative(f.path);
    const locationOf = (p: string): { uri: string; uriBaseId?: string } => {
      const r = opts.relative(p);
      return r !== undefined ? { uri: uriPath(r), uriBaseId: '%SRCROOT%' } : { uri: fileUri(p) };
    };
    const artifactLocation = locationOf(f.path);
    const region = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
      startLine: r.start.line + 1,
      startColumn: r.start.character + 1,
      endLine: r.end.line + 1,
      // SARIF's endColumn is exclusive, as LSP's end character; an empty range keeps one column.
      endColumn: r.end.line === r.start.line && r.end.character <= r.start.character ? r.start.character + 2 : r.end.character + 1,
    });
    const fps = fingerprints(rel ?? f.path, f.findings);
    f.findings.forEach((x, i) => {
      const ruleIndex = index.get(x.ruleId);
      if (ruleIndex === undefined) return;
      results.push({
        ruleId: x.ruleId,
        ruleIndex,
        level: LEVEL[x.severity] ?? 'warning',
        message: { text: x.message },
        locations: [
          {
            physicalLocation: { artifactLocation, region: region(x.range) },
            logicalLocations: [logicalLocation(x)],
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fps[i] },
        ...(x.related?.length
          ? {
              relatedLocations: x.related.map((r, id) => ({
                id,
                physicalLocation: { artifactLocation: r.path === undefined ? artifactLocation : locationOf(r.path), region: region(r.range) },
                message: { text: r.message },
              })),
            }
          : {}),
        ...(x.suppressed ? { suppressions: [{ kind: 'inSource' as const, status: 'accepted' as const, justification: x.suppressed.reason }] } : {}),
        ...(x.duty ? { properties: { duty: x.duty, ...(x.owner ? { owner: x.owner } : {}) } } : {}),
      });
    });
    for (const e of f.errors ?? []) {
      results.push({
        ruleId: SYNTAX_ERROR_RULE,
        ruleIndex: index.get(SYNTAX_ERROR_RULE) as number,
        level: 'error',
        message: { text: `Syntax error: ${e.message}` },
        locations: [{ physicalLocation: { artifactLocation, region: region(e.range) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints(rel ?? f.path, [{ ruleId: SYNTAX_ERROR_RULE, duty: null, owner: null, severity: 'error', message: e.message, resource: '', range: e.range }])[0] },
      });
    }
  }
  const srcRoot = opts.srcRoot.endsWith('/') ? opts.srcRoot : `${opts.srcRoot}/`;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: PRODUCT_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(srcRoot), description: { text: 'The folder the scan ran in.' } } },
        invocations: [
          {
            executionSuccessful: !(opts.notifications ?? []).some((n) => n.level === 'error'),
            ...(opts.notifications?.length ? { toolExecutionNotifications: opts.notifications.map((n) => ({ level: n.level, message: { text: n.text } })) } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
