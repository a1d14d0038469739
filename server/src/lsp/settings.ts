import { isRuleSetting, type RuleSetting } from '../core/config/severity';

export type { RuleSetting };

export interface Settings {
  enable: boolean;
  /** Per-rule severity overrides: rule id → off | error | warning | information | hint. */
  rules: Record<string, RuleSetting>;
  maxFileSizeMB: number;
  codeLens: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, maxFileSizeMB: 10, codeLens: { enabled: true } };

/** `awsResponsibility.maxFileSizeMB` bounds (as declared in package.json: `minimum` 1, `maximum` 50). */
export const MIN_FILE_SIZE_MB = 1;
export const MAX_FILE_SIZE_MB = 50;
/** At most this many `awsResponsibility.rules` entries are read (there are a few dozen rules). */
export const MAX_RULE_SETTINGS = 1000;
/** A rule id longer than this is ignored. */
const MAX_RULE_ID_LENGTH = 200;

/**
 * Reads the `awsResponsibility` section defensively — the client is not trusted (a workspace's settings.json, another
 * editor, a hand-written request): a wrong type falls back to the default, a number out of range is clamped, the rules
 * map keeps known severities only and at most {@link MAX_RULE_SETTINGS} entries. Each correction is told to `log`.
 */
export function readSettings(raw: unknown, log: (message: string) => void = () => undefined): Settings {
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const say = (m: string): void => log(`awsResponsibility settings: ${m}`);

  let enable = DEFAULT_SETTINGS.enable;
  if (typeof o.enable === 'boolean') enable = o.enable;
  else if (o.enable !== undefined && o.enable !== null) say(`enable must be true or false, not ${describe(o.enable)}; using ${enable}.`);

  const rules: Record<string, RuleSetting> = {};
  if (o.rules && typeof o.rules === 'object' && !Array.isArray(o.rules)) {
    const map = o.rules as Record<string, unknown>;
    let seen = 0;
    let ignored = 0;
    for (const k in map) {
      if (!Object.prototype.hasOwnProperty.call(map, k)) continue;
      if (seen++ >= MAX_RULE_SETTINGS) {
        say(`rules has more than ${MAX_RULE_SETTINGS} entries; the rest are ignored.`);
        break;
      }
      const v = map[k];
      if (isRuleSetting(v) && k.length <= MAX_RULE_ID_LENGTH && k !== '__proto__') rules[k] = v;
      else ignored++;
    }
    if (ignored > 0) say(`${ignored} rules entr${ignored === 1 ? 'y is' : 'ies are'} ignored (the value must be off, error, warning, information or hint).`);
  } else if (o.rules !== undefined && o.rules !== null) say(`rules must be an object of rule id to severity, not ${describe(o.rules)}; ignored.`);

  let maxFileSizeMB = DEFAULT_SETTINGS.maxFileSizeMB;
  const m = o.maxFileSizeMB;
  if (typeof m === 'number' && !Number.isNaN(m)) {
    maxFileSizeMB = Math.min(MAX_FILE_SIZE_MB, Math.max(MIN_FILE_SIZE_MB, m));
    if (maxFileSizeMB !== m) say(`maxFileSizeMB ${m} is out of range (${MIN_FILE_SIZE_MB} to ${MAX_FILE_SIZE_MB}); using ${maxFileSizeMB}.`);
  } else if (m !== undefined && m !== null) say(`maxFileSizeMB must be a number from ${MIN_FILE_SIZE_MB} to ${MAX_FILE_SIZE_MB}, not ${describe(m)}; using ${maxFileSizeMB}.`);

  const cl = o.codeLens && typeof o.codeLens === 'object' ? (o.codeLens as Record<string, unknown>) : {};
  let codeLens = DEFAULT_SETTINGS.codeLens.enabled;
  if (typeof cl.enabled === 'boolean') codeLens = cl.enabled;
  else if (cl.enabled !== undefined && cl.enabled !== null) say(`codeLens.enabled must be true or false, not ${describe(cl.enabled)}; using ${codeLens}.`);

  return { enable, rules, maxFileSizeMB, codeLens: { enabled: codeLens } };
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
