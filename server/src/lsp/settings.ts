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

/** Reads the `awsResponsibility` section defensively: a wrong type in a user's settings falls back to the default. */
export function readSettings(raw: unknown): Settings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) if (isRuleSetting(v)) rules[k] = v;
  }
  const cl = o.codeLens && typeof o.codeLens === 'object' ? (o.codeLens as Record<string, unknown>) : {};
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable,
    rules,
    maxFileSizeMB: typeof o.maxFileSizeMB === 'number' && o.maxFileSizeMB > 0 ? o.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB,
    codeLens: { enabled: typeof cl.enabled === 'boolean' ? cl.enabled : true },
  };
}
