/**
 * Generates the parts of the manifest that come from the code, so they can never drift from it:
 *
 * - `package.json` → `contributes.configuration.properties["awsResponsibility.rules"].properties`: every rule id the
 *   server and `.aws-responsibility.yaml` accept (the rule registry, `unknown-resource-type` and the suppression
 *   checks), with its title and default severity, for completion of rule ids in settings.json;
 * - `schemas/aws-responsibility.schema.json`: the JSON schema of `.aws-responsibility.yaml` (server/src/core/config/
 *   config-file.ts and owners.ts: keys, values, limits), contributed to Red Hat's YAML extension via `yamlValidation`.
 *
 *   node --import tsx scripts/gen-manifest.ts           # writes both files
 *   node --import tsx scripts/gen-manifest.ts --check   # exit 1 when a file differs from what the code gives
 *
 * test/unit/manifest/manifest.test.ts runs the check: a new rule without `npm run manifest` fails the unit suite.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNKNOWN_TYPE_RULE } from '../server/src/core/analyze';
import { MAX_CONFIG_ENTRIES } from '../server/src/core/config/config-file';
import { MAX_GLOB_LENGTH, MAX_IGNORE_PATTERNS } from '../server/src/core/config/glob';
import { MAX_OWNER_ENTRIES, MAX_OWNER_LIST, MAX_OWNER_PATTERN_LENGTH, MAX_TEAM_LENGTH } from '../server/src/core/config/owners';
import { RULE_SETTINGS, type RuleSetting } from '../server/src/core/config/severity';
import { DUTIES, KINDS } from '../server/src/core/model/duties';
import { dutyTitle } from '../server/src/core/model/duty-owners';
import { RULES } from '../server/src/core/rules';
import { SUPPRESSION_RULES } from '../server/src/core/suppress/apply';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = 'schemas/aws-responsibility.schema.json';
export const RULES_SETTING = 'awsResponsibility.rules';

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: string;
  /** The duty's title, for the rules of the registry. */
  readonly duty?: string;
}

/** What each value of a rule setting does (settings.json completion shows it next to the value). */
export const SEVERITY_DESCRIPTIONS: Readonly<Record<RuleSetting, string>> = {
  off: 'Not reported.',
  error: 'Reported as an error (red squiggle); fails the CLI.',
  warning: 'Reported as a warning (yellow squiggle); fails the CLI by default (`--fail-on warning`).',
  information: 'Reported as information (blue squiggle); does not fail the CLI by default.',
  hint: 'Reported as a hint (dotted underline in the editor, not listed in the Problems panel).',
};

/** A check that is not in the rule registry: its title and default severity from its page, docs/rules/<id>.md. */
function fromRulePage(id: string): RuleInfo {
  const text = readFileSync(join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
  const title = new RegExp(`^# ${id}: (.+)$`, 'm').exec(text)?.[1]?.trim();
  const severity = /\*\*Default severity:\*\*\s*([a-z]+)/.exec(text)?.[1];
  if (!title || !severity) throw new Error(`docs/rules/${id}.md: no "# ${id}: title" line or "**Default severity:**"`);
  return { id, title: title.charAt(0).toUpperCase() + title.slice(1), defaultSeverity: severity };
}

/** Every rule id a setting may name, in the registry's order, then the catalog and suppression checks. */
export function ruleInfos(): RuleInfo[] {
  return [
    ...RULES.map((r) => ({ id: r.id, title: r.title, defaultSeverity: r.defaultSeverity, duty: dutyTitle(r.duty) })),
    ...[UNKNOWN_TYPE_RULE, ...SUPPRESSION_RULES].map(fromRulePage),
  ];
}

function ruleDescription(r: RuleInfo): string {
  return `${r.title}.${r.duty ? ` Duty: ${r.duty}.` : ''} Default: ${r.defaultSeverity}.`;
}

/** `properties` of the `awsResponsibility.rules` setting: one entry per rule id. */
export function rulesSettingProperties(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of ruleInfos()) {
    out[r.id] = {
      type: 'string',
      enum: [...RULE_SETTINGS],
      enumDescriptions: RULE_SETTINGS.map((s) => SEVERITY_DESCRIPTIONS[s]),
      markdownDescription: `**${r.title}** (\`${r.id}\`).${r.duty ? ` Duty: ${r.duty}.` : ''} Default: \`${r.defaultSeverity}\`.`,
    };
  }
  return out;
}

const NON_EMPTY = '\\S';
/** One line of text with something in it: no control or bidirectional characters (owners.ts, NOT_ONE_LINE). */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const ONE_LINE = `^[^${CONTROLS}]*[^\\s${CONTROLS}][^${CONTROLS}]*$`;

/** A list of strings; a single string is a list of one (owners.ts, listItems). */
function stringOrList(item: Record<string, unknown>, description: string): Record<string, unknown> {
  return {
    description,
    oneOf: [item, { type: 'array', minItems: 1, maxItems: MAX_OWNER_LIST, items: item }],
  };
}

/** The JSON schema of `.aws-responsibility.yaml`. */
export function configSchema(): Record<string, unknown> {
  const kindEnum = { type: 'string', enum: [...KINDS] };
  const pattern = { type: 'string', pattern: NON_EMPTY, maxLength: MAX_OWNER_PATTERN_LENGTH };
  const ruleProps: Record<string, unknown> = {};
  const ruleSetting = { type: 'string', enum: [...RULE_SETTINGS], enumDescriptions: RULE_SETTINGS.map((s) => SEVERITY_DESCRIPTIONS[s]) };
  // Inline, not a `$ref`: in draft-07 a `description` next to a `$ref` is ignored.
  for (const r of ruleInfos()) ruleProps[r.id] = { description: ruleDescription(r), ...ruleSetting };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by scripts/gen-manifest.ts from server/src/core/config (npm run manifest); do not edit.',
    title: 'AWS Responsibility Lens workspace configuration (.aws-responsibility.yaml)',
    description: 'Shared by the editor and the CLI: rule severities, paths not to analyze, your own classification of services, your teams per duty, and account settings the templates cannot show.',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      rules: {
        description: `Severity per rule id: ${RULE_SETTINGS.join(', ')}. The editor's \`awsResponsibility.rules\` setting applies on top.`,
        type: 'object',
        maxProperties: MAX_CONFIG_ENTRIES,
        properties: ruleProps,
        additionalProperties: ruleSetting,
      },
      ignorePaths: {
        description: 'Globs of files not to analyze, relative to the folder of this file (e.g. "test/fixtures/**").',
        type: 'array',
        maxItems: MAX_IGNORE_PATTERNS,
        items: { type: 'string', pattern: NON_EMPTY, maxLength: MAX_GLOB_LENGTH },
      },
      kinds: {
        description: `Your organization's own classification: a service id (ec2, s3…) or a resource type (AWS::RDS::DBInstance, aws_db_instance) → ${KINDS.join(', ')}.`,
        type: 'object',
        maxProperties: MAX_CONFIG_ENTRIES,
        additionalProperties: { ...kindEnum, enumDescriptions: ['You manage the guest operating system and what runs on it (EC2).', 'AWS runs the operating system and platform; you manage what runs in it and its firewall (RDS, EMR).', 'AWS runs the service end to end; you manage data, access and encryption (S3, DynamoDB).'] },
      },
      owners: {
        description: 'Your teams per duty. Of the entries matching a duty of a resource the most specific wins (paths, then types, services, kinds); among alike, the later one.',
        type: 'array',
        maxItems: MAX_OWNER_ENTRIES,
        items: {
          type: 'object',
          required: ['duty', 'team'],
          additionalProperties: false,
          properties: {
            duty: { description: 'The duty the team owns.', type: 'string', enum: [...DUTIES], enumDescriptions: DUTIES.map((d) => dutyTitle(d)) },
            team: { description: `The team's name: one line, at most ${MAX_TEAM_LENGTH} characters.`, type: 'string', pattern: ONE_LINE, maxLength: MAX_TEAM_LENGTH },
            contact: { description: `How to reach the team (an e-mail address, a channel…): one line, at most ${MAX_TEAM_LENGTH} characters.`, type: 'string', pattern: ONE_LINE, maxLength: MAX_TEAM_LENGTH },
            kinds: stringOrList(kindEnum, `Only for these kinds of service: ${KINDS.join(', ')}.`),
            services: stringOrList(pattern, 'Only for these catalog service ids (ec2, s3, rds…).'),
            types: stringOrList(pattern, 'Only for these CloudFormation or Terraform resource types, exact or globs (AWS::EC2::*, aws_ebs_volume).'),
            paths: stringOrList(pattern, 'Only for files matching these globs, relative to the folder of this file (as ignorePaths).'),
          },
        },
      },
      assume: {
        description: 'Account-level settings the templates cannot show, that you declare for the accounts this workspace deploys to: the gaps they close are reported as met.',
        type: 'object',
        additionalProperties: false,
        properties: {
          ebsEncryptionByDefault: {
            description: 'EBS encryption by default is on in every account and Region this workspace deploys to: EBS volumes, instance and launch template block devices without an encryption setting (or set to false) are encrypted.',
            type: 'boolean',
          },
        },
      },
    },
  };
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The files as the code gives them: path → text. */
export function generated(): Record<string, string> {
  const pkgText = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const pkg = JSON.parse(pkgText) as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
  const setting = pkg.contributes.configuration.properties[RULES_SETTING];
  if (!setting) throw new Error(`package.json has no ${RULES_SETTING} setting`);
  setting.properties = rulesSettingProperties();
  return { 'package.json': json(pkg), [SCHEMA_PATH]: json(configSchema()) };
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, text] of Object.entries(generated())) {
    const p = join(ROOT, rel);
    let old: string | undefined;
    try {
      old = readFileSync(p, 'utf8');
    } catch {
      old = undefined;
    }
    if (old === text) continue;
    if (check) {
      stale++;
      process.stderr.write(`${rel} is out of date: run npm run manifest\n`);
    } else {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      process.stdout.write(`wrote ${rel}\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
