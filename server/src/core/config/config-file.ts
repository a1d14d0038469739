/** The workspace file `.aws-responsibility.yaml` shared by the editor and the CLI: parse, validate, find. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { lookupType, getService } from '../catalog/catalog';
import { editDistance } from '../catalog/edit-distance';
import { LineIndex } from '../fix/layout';
import { isKind, KINDS, type Kind } from '../model/duties';
import type { Span } from '../model/types';
import { RULES } from '../rules';
import { ASSUMPTIONS, type Assumption } from '../rules/rule-api';
import { isKnownRuleId, SUPPRESSION_RULES } from '../suppress/apply';
import { globError, MAX_IGNORE_PATTERNS } from './glob';
import { readOwners, type OwnerEntry } from './owners';
import { isRuleSetting, RULE_SETTINGS, type RuleSetting } from './severity';

export const CONFIG_FILE_NAME = '.aws-responsibility.yaml';
/** Also accepted (the same format). */
export const CONFIG_FILE_NAMES: readonly string[] = [CONFIG_FILE_NAME, '.aws-responsibility.yml'];

export interface WorkspaceConfig {
  /** Rule id → severity or `off`. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Workspace-relative globs of files not to analyze. */
  readonly ignorePaths: readonly string[];
  /** Service id (`ec2`, `s3`...) or resource type (`AWS::RDS::DBInstance`, `aws_db_instance`) → kind. */
  readonly kinds: Readonly<Record<string, Kind>>;
  /**
   * `owners:` — your teams per customer duty (see config/owners.ts: matching and which entry wins), the valid entries in
   * file order. Present only when the file has the key.
   */
  readonly owners?: readonly OwnerEntry[];
  /**
   * `assume:` — account-level settings the files cannot show, declared by the workspace (`ebsEncryptionByDefault: true`):
   * the gaps they close become met (config/assume.ts). Present only when the file has the key.
   */
  readonly assume?: Readonly<Partial<Record<Assumption, boolean>>>;
}

export interface ConfigError {
  readonly level: 'error' | 'warning';
  readonly message: string;
  readonly span: Span;
  /** 1-based, for `file:line:column: message`. */
  readonly line: number;
  readonly column: number;
}

export const EMPTY_CONFIG: WorkspaceConfig = Object.freeze({ rules: {}, ignorePaths: [], kinds: {} });

/**
 * A configuration file is a few lines: a larger one is not read (neither from disk nor, in the editor, parsed), so a
 * link to /dev/zero, a huge generated file or a hostile one costs nothing. Characters of the text, or bytes on disk.
 */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** At most this many entries of `rules` and of `kinds` are read (there are a few dozen rules). */
export const MAX_CONFIG_ENTRIES = 1000;
/** At most this many errors and warnings are listed (then one that says how many more there are). */
export const MAX_CONFIG_ERRORS = 100;
/** Flow collections (`[`, `{`) nested deeper than this are refused before the YAML parse. */
const MAX_FLOW_DEPTH = 256;

/** An upper bound of the nesting of `[` and `{` (brackets in quotes and comments count too: a real file has few). */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/** "Did you mean" suggestions are computed for this many unknown rule ids at most. */
const MAX_SUGGESTIONS = 100;

/** The message for a configuration file over {@link MAX_CONFIG_BYTES}. */
export function configTooLargeMessage(size: number): string {
  const shown = size >= 1048576 ? `${(size / 1048576).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
  return `This configuration file is ${shown}, over the ${MAX_CONFIG_BYTES / 1024} KB limit for ${CONFIG_FILE_NAME}: it is not read (a configuration file is a few lines).`;
}

/** The error of a configuration file that could not be read at all, at its first line. */
export function configReadError(message: string): ConfigError {
  return { level: 'error', message, span: { start: 0, end: 0 }, line: 1, column: 1 };
}

const TOP_KEYS = ['rules', 'ignorePaths', 'kinds', 'owners', 'assume'];

/** Parses and validates the file's text. Invalid parts are left out of `config` and explained in `errors`; never throws. */
export function parseConfig(text: string): { config: WorkspaceConfig; errors: ConfigError[] } {
  if (text.length > MAX_CONFIG_BYTES) return { config: EMPTY_CONFIG, errors: [configReadError(configTooLargeMessage(text.length))] };
  // The YAML library parses flow collections recursively: 100,000 `[` take a second to overflow its stack.
  if (flowDepth(text) > MAX_FLOW_DEPTH) return { config: EMPTY_CONFIG, errors: [configReadError(`YAML: \`[\` and \`{\` nested more than ${MAX_FLOW_DEPTH} deep: the file is not read.`)] };
  const lines = new LineIndex(text);
  const errors: ConfigError[] = [];
  let dropped = 0;
  const report = (level: ConfigError['level'], message: string, node: YamlNode | null | undefined | Span): void => {
    if (errors.length >= MAX_CONFIG_ERRORS) {
      dropped++;
      return;
    }
    const span: Span = node && 'start' in node ? node : node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
    const line = lines.line(span.start);
    errors.push({ level, message, span, line: line + 1, column: span.start - lines.start(line) + 1 });
  };
  const done = (config: WorkspaceConfig): { config: WorkspaceConfig; errors: ConfigError[] } => {
    if (dropped > 0) {
      const last = errors[errors.length - 1];
      errors.push({ ...last, level: 'warning', message: `… and ${dropped} more problem${dropped === 1 ? '' : 's'} in this file (only the first ${MAX_CONFIG_ERRORS} are listed).` });
    }
    return { config, errors };
  };
  const rules: Record<string, RuleSetting> = {};
  const ignorePaths: string[] = [];
  const kinds: Record<string, Kind> = {};
  let owners: OwnerEntry[] | undefined;
  let assume: Partial<Record<Assumption, boolean>> | undefined;
  const suggest = { left: MAX_SUGGESTIONS };
  try {
    // Keys are checked for uniqueness below with a Set: the library's check compares every pair of keys (quadratic:
    // 5 s for 256 KB of keys). Aliases are never expanded: the syntax tree is read, never converted to JavaScript values
    // (the conversion is what `maxAliasCount` bounds), and an alias where a value is expected is an error.
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    for (const e of doc.errors) report('error', `YAML: ${e.message.split('\n')[0]}`, { start: e.pos[0], end: e.pos[1] });
    if (doc.errors.length === 0) duplicateKeys(doc.contents as YamlNode | null, report);
    if (errors.length > 0) return done(EMPTY_CONFIG);
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) return { config: EMPTY_CONFIG, errors };
    if (!isMap(root)) {
      report('error', `The file must be a mapping with ${TOP_KEYS.join(', ')}.`, root);
      return { config: EMPTY_CONFIG, errors };
    }
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyNode = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      if (isAlias(value)) report('error', `\`${short(key ?? '?')}\`: aliases (\`*name\`) are not supported in ${CONFIG_FILE_NAME}; write the values out.`, value);
      else if (key === 'rules') readRules(value, rules, report, suggest);
      else if (key === 'ignorePaths') readIgnorePaths(value, ignorePaths, report);
      else if (key === 'kinds') readKinds(value, kinds, report);
      else if (key === 'owners') readOwners(value, (owners = []), report);
      else if (key === 'assume') readAssume(value, (assume = {}), report);
      else report('error', `Unknown key \`${short(key ?? '?')}\`: expected ${TOP_KEYS.map((k) => `\`${k}\``).join(', ')}.`, keyNode);
    }
  } catch (e) {
    report('error', `Could not read the file: ${(e as Error).message}`, { start: 0, end: 0 });
  }
  return done({ rules, ignorePaths, kinds, ...(owners ? { owners } : {}), ...(assume ? { assume } : {}) });
}

/** User text in a message, cut to a readable length. */
function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

type Report = (level: ConfigError['level'], message: string, node: YamlNode | null | undefined | Span) => void;

/** Duplicate keys of every mapping (as YAML errors, like the library's `uniqueKeys`), in linear time. */
function duplicateKeys(root: YamlNode | null, report: Report): void {
  const stack: (YamlNode | null)[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        if (isScalar(pair.key)) {
          const k = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (seen.has(k)) report('error', `YAML: Map keys must be unique: \`${short(String(pair.key.value))}\``, pair.key as YamlNode);
          seen.add(k);
        }
        stack.push(pair.value as YamlNode | null);
      }
    } else if (isSeq(n)) for (const item of n.items) stack.push(item as YamlNode | null);
  }
}

/** Reports the entries over {@link MAX_CONFIG_ENTRIES} once; true while an entry may still be read. */
function entryBudget(what: string, report: Report): (index: number, node: YamlNode | null | undefined) => boolean {
  return (index, node) => {
    if (index < MAX_CONFIG_ENTRIES) return true;
    if (index === MAX_CONFIG_ENTRIES) report('error', `\`${what}\` has more than ${MAX_CONFIG_ENTRIES} entries: the rest are not read.`, node);
    return false;
  };
}

function readRules(value: YamlNode | null, out: Record<string, RuleSetting>, report: Report, suggest: { left: number }): void {
  if (!isMap(value)) return report('error', '`rules` must be a mapping of rule id to off, error, warning, information or hint.', value);
  const budget = entryBudget('rules', report);
  for (let i = 0; i < value.items.length; i++) {
    const pair = value.items[i];
    if (!budget(i, pair.key as YamlNode | null)) break;
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (!isRuleSetting(v)) {
      report('error', `\`rules.${short(id)}\` must be one of ${RULE_SETTINGS.join(', ')}${v === undefined ? '' : `, not \`${short(String(v))}\``}.`, (pair.value as YamlNode | null) ?? pair.key);
      continue;
    }
    if (!isKnownRuleId(id, SUPPRESSION_RULES)) {
      const near = suggest.left-- > 0 && id.length <= 200 ? closestRule(id) : undefined;
      report('warning', `Unknown rule \`${short(id)}\`${near ? ` — did you mean \`${near}\`?` : ''}`, pair.key);
    }
    out[id] = v;
  }
}

function readAssume(value: YamlNode | null, out: Partial<Record<Assumption, boolean>>, report: Report): void {
  const keys = ASSUMPTIONS.map((k) => `\`${k}\``).join(', ');
  if (!isMap(value)) return report('error', `\`assume\` must be a mapping of account settings (${keys}) to true or false.`, value);
  for (const pair of value.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (!(ASSUMPTIONS as readonly string[]).includes(key)) {
      report('error', `Unknown key \`assume.${short(key)}\`: expected ${keys}.`, pair.key);
      continue;
    }
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'boolean') {
      report('error', `\`assume.${key}\` must be true or false${v === undefined ? '' : `, not \`${short(String(v))}\``}.`, (pair.value as YamlNode | null) ?? pair.key);
      continue;
    }
    out[key as Assumption] = v;
  }
}

function readIgnorePaths(value: YamlNode | null, out: string[], report: Report): void {
  if (!isSeq(value)) return report('error', '`ignorePaths` must be a list of globs, e.g. `- "examples/**"`.', value);
  for (let i = 0; i < value.items.length; i++) {
    const item = value.items[i] as YamlNode;
    if (i >= MAX_IGNORE_PATTERNS) {
      report('error', `\`ignorePaths\` has more than ${MAX_IGNORE_PATTERNS} globs: the rest are not used.`, item);
      break;
    }
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      report('error', 'Each `ignorePaths` entry must be a non-empty glob string.', item);
      continue;
    }
    const why = globError(v);
    if (why !== undefined) {
      report('error', `Invalid glob \`${short(v)}\`: ${why}.`, item);
      continue;
    }
    out.push(v);
  }
}

function readKinds(value: YamlNode | null, out: Record<string, Kind>, report: Report): void {
  if (!isMap(value)) return report('error', `\`kinds\` must be a mapping of service id or resource type to ${KINDS.join(', ')}.`, value);
  const budget = entryBudget('kinds', report);
  for (let i = 0; i < value.items.length; i++) {
    const pair = value.items[i];
    if (!budget(i, pair.key as YamlNode | null)) break;
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'string' || !isKind(v)) {
      report('error', `\`kinds.${short(key)}\` must be one of ${KINDS.join(', ')}${v === undefined ? '' : `, not \`${short(String(v))}\``}.`, (pair.value as YamlNode | null) ?? pair.key);
      continue;
    }
    if (!knownKindKey(key)) report('warning', `\`${short(key)}\` is neither a service id (e.g. \`ec2\`, \`s3\`) nor a known AWS resource type; the override matches nothing.`, pair.key);
    out[key] = v;
  }
}

function knownKindKey(key: string): boolean {
  if (getService(key)) return true;
  for (const language of ['cloudformation', 'terraform'] as const) {
    if (lookupType({ language, type: key, mode: 'resource' }).status === 'aws') return true;
  }
  return false;
}

function closestRule(id: string): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const r of RULES) {
    const d = editDistance(id, r.id, bestD);
    if (d < bestD) {
      bestD = d;
      best = r.id;
    }
  }
  return best;
}

/** Why a config file that exists was not read (not a regular file, too large, a link out of the workspace...). */
export interface ConfigReadFailure {
  readonly error: string;
}

/** The little of a file system `findConfig` needs (Node's fs, a VS Code workspace, or a test map). */
export interface ConfigFs {
  /**
   * The file's text; undefined when it does not exist (the search goes on up); `{ error }` when it exists but is not
   * read — the search stops there and the error is reported on that file (a hostile or broken config is never silently
   * replaced by a parent's). See `server/src/node/config-fs.ts` for the Node implementation.
   */
  readFile(path: string): string | undefined | ConfigReadFailure;
}

export type FoundConfig = { path: string; text: string; error?: undefined } | { path: string; error: string; text?: undefined };

/** The nearest config file from `startDir` up to `stopDir` (the workspace root, inclusive) or the file-system root. */
export function findConfig(startDir: string, fs: ConfigFs, stopDir?: string): FoundConfig | undefined {
  const sep = startDir.includes('\\') && !startDir.includes('/') ? '\\' : '/';
  const norm = (p: string): string => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p);
  const stop = stopDir === undefined ? undefined : norm(stopDir);
  let dir = norm(startDir);
  for (let depth = 0; depth < 256; depth++) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = dir === '' || dir.endsWith(sep) ? dir + name : dir + sep + name;
      let got: string | undefined | ConfigReadFailure;
      try {
        got = fs.readFile(p);
      } catch {
        got = undefined;
      }
      if (typeof got === 'string') return { path: p, text: got };
      if (got !== undefined && got !== null && typeof got.error === 'string') return { path: p, error: got.error };
    }
    if (stop !== undefined && dir === stop) return undefined;
    const cut = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
    if (cut < 0) return undefined;
    const parent = cut === 0 ? dir.slice(0, 1) : /^[A-Za-z]:$/.test(dir.slice(0, cut)) ? dir.slice(0, cut + 1) : dir.slice(0, cut);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * findConfig + parseConfig. A config that exists but was not read gives an empty config, its error (at line 1, for
 * `file:1:1: error: ...` and a diagnostic) and `notRead`, the reason.
 */
export function loadConfig(startDir: string, fs: ConfigFs, stopDir?: string): { path?: string; config: WorkspaceConfig; errors: ConfigError[]; notRead?: string } {
  const found = findConfig(startDir, fs, stopDir);
  if (!found) return { config: EMPTY_CONFIG, errors: [] };
  if (found.error !== undefined) return { path: found.path, config: EMPTY_CONFIG, errors: [configReadError(found.error)], notRead: found.error };
  return { path: found.path, ...parseConfig(found.text) };
}
