/** The workspace file `.aws-responsibility.yaml` shared by the editor and the CLI: parse, validate, find. */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { lookupType, getService } from '../catalog/catalog';
import { editDistance } from '../catalog/edit-distance';
import { LineIndex } from '../fix/layout';
import { isKind, KINDS, type Kind } from '../model/duties';
import type { Span } from '../model/types';
import { RULES } from '../rules';
import { isKnownRuleId, SUPPRESSION_RULES } from '../suppress/apply';
import { globToRegExp } from './glob';
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

const TOP_KEYS = ['rules', 'ignorePaths', 'kinds'];

/** Parses and validates the file's text. Invalid parts are left out of `config` and explained in `errors`; never throws. */
export function parseConfig(text: string): { config: WorkspaceConfig; errors: ConfigError[] } {
  const lines = new LineIndex(text);
  const errors: ConfigError[] = [];
  const report = (level: ConfigError['level'], message: string, node: YamlNode | null | undefined | Span): void => {
    const span: Span = node && 'start' in node ? node : node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
    const line = lines.line(span.start);
    errors.push({ level, message, span, line: line + 1, column: span.start - lines.start(line) + 1 });
  };
  const rules: Record<string, RuleSetting> = {};
  const ignorePaths: string[] = [];
  const kinds: Record<string, Kind> = {};
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    for (const e of doc.errors) report('error', `YAML: ${e.message.split('\n')[0]}`, { start: e.pos[0], end: e.pos[1] });
    if (doc.errors.length > 0) return { config: EMPTY_CONFIG, errors };
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
      if (key === 'rules') readRules(value, rules, report);
      else if (key === 'ignorePaths') readIgnorePaths(value, ignorePaths, report);
      else if (key === 'kinds') readKinds(value, kinds, report);
      else report('error', `Unknown key \`${key ?? '?'}\`: expected ${TOP_KEYS.map((k) => `\`${k}\``).join(', ')}.`, keyNode);
    }
  } catch (e) {
    report('error', `Could not read the file: ${(e as Error).message}`, { start: 0, end: 0 });
  }
  return { config: { rules, ignorePaths, kinds }, errors };
}

type Report = (level: ConfigError['level'], message: string, node: YamlNode | null | undefined | Span) => void;

function readRules(value: YamlNode | null, out: Record<string, RuleSetting>, report: Report): void {
  if (!isMap(value)) return report('error', '`rules` must be a mapping of rule id to off, error, warning, information or hint.', value);
  for (const pair of value.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (!isRuleSetting(v)) {
      report('error', `\`rules.${id}\` must be one of ${RULE_SETTINGS.join(', ')}${v === undefined ? '' : `, not \`${String(v)}\``}.`, (pair.value as YamlNode | null) ?? pair.key);
      continue;
    }
    if (!isKnownRuleId(id, SUPPRESSION_RULES)) {
      const near = closestRule(id);
      report('warning', `Unknown rule \`${id}\`${near ? ` — did you mean \`${near}\`?` : ''}`, pair.key);
    }
    out[id] = v;
  }
}

function readIgnorePaths(value: YamlNode | null, out: string[], report: Report): void {
  if (!isSeq(value)) return report('error', '`ignorePaths` must be a list of globs, e.g. `- "examples/**"`.', value);
  for (const item of value.items) {
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      report('error', 'Each `ignorePaths` entry must be a non-empty glob string.', item as YamlNode);
      continue;
    }
    try {
      globToRegExp(v);
    } catch {
      report('error', `Invalid glob \`${v}\`.`, item as YamlNode);
      continue;
    }
    out.push(v);
  }
}

function readKinds(value: YamlNode | null, out: Record<string, Kind>, report: Report): void {
  if (!isMap(value)) return report('error', `\`kinds\` must be a mapping of service id or resource type to ${KINDS.join(', ')}.`, value);
  for (const pair of value.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'string' || !isKind(v)) {
      report('error', `\`kinds.${key}\` must be one of ${KINDS.join(', ')}${v === undefined ? '' : `, not \`${String(v)}\``}.`, (pair.value as YamlNode | null) ?? pair.key);
      continue;
    }
    if (!knownKindKey(key)) report('warning', `\`${key}\` is neither a service id (e.g. \`ec2\`, \`s3\`) nor a known AWS resource type; the override matches nothing.`, pair.key);
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

/** The little of a file system `findConfig` needs (Node's fs, a VS Code workspace, or a test map). */
export interface ConfigFs {
  /** The file's text, or undefined when it does not exist / cannot be read. */
  readFile(path: string): string | undefined;
}

/** The nearest config file from `startDir` up to `stopDir` (the workspace root, inclusive) or the file-system root. */
export function findConfig(startDir: string, fs: ConfigFs, stopDir?: string): { path: string; text: string } | undefined {
  const sep = startDir.includes('\\') && !startDir.includes('/') ? '\\' : '/';
  const norm = (p: string): string => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p);
  const stop = stopDir === undefined ? undefined : norm(stopDir);
  let dir = norm(startDir);
  for (let depth = 0; depth < 256; depth++) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = dir === '' || dir.endsWith(sep) ? dir + name : dir + sep + name;
      let text: string | undefined;
      try {
        text = fs.readFile(p);
      } catch {
        text = undefined;
      }
      if (text !== undefined) return { path: p, text };
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

/** findConfig + parseConfig. */
export function loadConfig(startDir: string, fs: ConfigFs, stopDir?: string): { path?: string; config: WorkspaceConfig; errors: ConfigError[] } {
  const found = findConfig(startDir, fs, stopDir);
  if (!found) return { config: EMPTY_CONFIG, errors: [] };
  return { path: found.path, ...parseConfig(found.text) };
}
