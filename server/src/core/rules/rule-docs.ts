/** Why each rule exists (data/rule-docs.json): the rule pages, SARIF help and reports read it. */
import docs from '../../../../data/rule-docs.json';

export const RULE_WHY: Readonly<Record<string, string>> = (docs as { rules: Record<string, string> }).rules;

export function ruleWhy(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(RULE_WHY, id) ? RULE_WHY[id] : undefined;
}
