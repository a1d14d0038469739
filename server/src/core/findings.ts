/** The findings a user sees: the analysis's, minus suppressed ones (plus suppression problems), with rule settings applied. */
import type { Analysis, Finding } from './analyze';
import { applyRuleSettings, type RuleSettings } from './config/severity';
import { applySuppressions } from './suppress';

export function effectiveFindings(analysis: Analysis, text: string, rules: RuleSettings): Finding[] {
  if (!analysis.doc.isTemplate) return [];
  return applyRuleSettings(applySuppressions(analysis, text).findings, rules);
}
