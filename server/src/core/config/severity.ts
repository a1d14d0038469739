/** Per-rule severity settings (`off` | a severity), shared by the language server and the CLI. */
import type { Finding } from '../analyze';
import type { Severity } from '../rules/rule-api';

export const RULE_SETTINGS = ['off', 'error', 'warning', 'information', 'hint'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export function isRuleSetting(v: unknown): v is RuleSetting {
  return typeof v === 'string' && (RULE_SETTINGS as readonly string[]).includes(v);
}

/** Findings with per-rule severities applied; `off` removes them. */
export function applyRuleSettings(findings: readonly Finding[], rules: RuleSettings): Finding[] {
  // No setting (the usual case): the findings as they are, without a lookup per finding (5,000 of them per keystroke on
  // a large file).
  if (Object.keys(rules).length === 0) return findings.slice();
  const out: Finding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const s = Object.prototype.hasOwnProperty.call(rules, f.ruleId) ? rules[f.ruleId] : undefined;
    if (s === 'off') continue;
    out.push(s && s !== f.severity ? { ...f, severity: s as Severity } : f);
  }
  return out;
}

/** Layers of rule settings, later layers winning per rule (e.g. `.aws-responsibility.yaml`, then the user's settings). */
export function mergeRuleSettings(...layers: readonly (RuleSettings | undefined)[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const l of layers) if (l) for (const [k, v] of Object.entries(l)) if (isRuleSetting(v)) out[k] = v;
  return out;
}
