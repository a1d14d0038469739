/**
 * Applies suppressions to an analysis. A suppression needs a reason: without one (or with the `TODO: reason`
 * placeholder) it does NOT apply and is reported (`suppression-missing-reason`), so a bare ignore cannot silence a check.
 * Suppressions that silence nothing are reported (`unused-suppression`), unknown rule ids too (`unknown-rule-in-suppression`).
 */
import { UNKNOWN_TYPE_RULE, type Analysis, type Finding } from '../analyze';
import { LineIndex } from '../fix/layout';
import type { Resource, Span } from '../model/types';
import { ruleById } from '../rules';
import { commentDirectives, IGNORE_MARKER, metadataDirectives, type Directive } from './directives';

export const MISSING_REASON_RULE = 'suppression-missing-reason';
export const UNUSED_SUPPRESSION_RULE = 'unused-suppression';
export const UNKNOWN_RULE_IN_SUPPRESSION = 'unknown-rule-in-suppression';
export const INVALID_SUPPRESSION_RULE = 'invalid-suppression';
/** Findings about suppressions themselves (they cannot be suppressed, only turned off by severity settings). */
export const SUPPRESSION_RULES: readonly string[] = [MISSING_REASON_RULE, UNUSED_SUPPRESSION_RULE, UNKNOWN_RULE_IN_SUPPRESSION, INVALID_SUPPRESSION_RULE];

export interface Suppressed {
  readonly finding: Finding;
  readonly by: Directive;
}

export interface SuppressionResult {
  /** The analysis' findings minus the suppressed ones, plus findings about the suppressions. */
  readonly findings: Finding[];
  readonly suppressed: Suppressed[];
  readonly directives: Directive[];
}

/** Rule ids a suppression may name: every registered rule and the unknown-type check. */
export function isKnownRuleId(id: string, extra: readonly string[] = []): boolean {
  return id === UNKNOWN_TYPE_RULE || ruleById(id) !== undefined || extra.includes(id);
}

export function applySuppressions(analysis: Analysis, text: string, options: { knownRules?: readonly string[] } = {}): SuppressionResult {
  const findings = [...analysis.findings];
  if (!analysis.doc.isTemplate) return { findings, suppressed: [], directives: [] };
  try {
    return apply(analysis, text, options.knownRules ?? []);
  } catch {
    return { findings, suppressed: [], directives: [] };
  }
}

function apply(analysis: Analysis, text: string, extra: readonly string[]): SuppressionResult {
  const comments = analysis.doc.comments.some((c) => c.text.includes(IGNORE_MARKER));
  const metadata = metadataDirectives(analysis.doc);
  // Nothing to apply (the usual case): no line index of the whole text, the findings as they are. Typing in a large
  // template pays for this on every keystroke.
  if (!comments && metadata.length === 0) return { findings: [...analysis.findings], suppressed: [], directives: [] };
  const lines = new LineIndex(text);
  const directives = [...(comments ? commentDirectives(text, analysis.doc, lines) : []), ...metadata];
  const byId = new Map<string, Resource>();
  for (const r of analysis.doc.resources) byId.set(r.id, r);
  const resourceLines = (r: Resource): number[] => [lines.line(r.span.start), lines.line(r.nameSpan.start)];

  const used = new Set<string>(); // `${directiveIndex}:${ruleId}`
  const active = directives.map((d, i) => ({ d, i, ids: new Set(d.reason && !d.problem ? d.rules.map((r) => r.id) : []) })).filter((a) => a.ids.size > 0);

  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  // Terraform `provider` blocks and CloudFormation outputs are not resources, but findings on them are suppressed like any other.
  const inDoc = new Set(analysis.doc.resources);
  for (const b of analysis.doc.providers ?? []) inDoc.add(b);
  for (const b of analysis.doc.outputs ?? []) inDoc.add(b);
  for (const f of analysis.findings) {
    const resource = byId.get(f.resource);
    // The resource whose text the finding is in (a linked resource, the block of an instance, a module call).
    const at = f.at && inDoc.has(f.at) ? f.at : undefined;
    const hit = active.find(({ d, ids }) => {
      if (!ids.has(f.ruleId)) return false;
      if (d.source === 'metadata') return d.resource === resource || (at !== undefined && d.resource === at);
      if (d.line === undefined) return false;
      return d.line === lines.line(f.span.start) || (resource !== undefined && resourceLines(resource).includes(d.line)) || (at !== undefined && resourceLines(at).includes(d.line));
    });
    if (hit) {
      used.add(`${hit.i}:${f.ruleId}`);
      suppressed.push({ finding: f, by: hit.d });
    } else kept.push(f);
  }

  const owner = (d: Directive): string => {
    if (d.resource) return d.resource.id;
    const below = analysis.doc.resources.find((r) => d.line !== undefined && resourceLines(r).includes(d.line));
    if (below) return below.id;
    // Innermost resource holding the comment (YAML spans may run over trailing comment lines of the one above).
    const inside = analysis.doc.resources.filter((r) => r.span.start <= d.span.start && d.span.start < r.span.end).pop();
    return inside?.id ?? '';
  };
  const meta = (ruleId: string, severity: Finding['severity'], message: string, span: Span, d: Directive): Finding => ({
    ruleId,
    duty: undefined,
    owner: undefined,
    severity,
    message,
    span,
    resource: owner(d),
  });

  directives.forEach((d, i) => {
    if (d.problem) {
      kept.push(meta(INVALID_SUPPRESSION_RULE, 'warning', `Suppression not understood: ${d.problem}.`, d.span, d));
      return;
    }
    if (d.rules.length === 0) {
      kept.push(meta(UNKNOWN_RULE_IN_SUPPRESSION, 'warning', `\`${IGNORE_MARKER}\` names no rule: write \`${IGNORE_MARKER} <rule-id>: <reason>\`.`, d.span, d));
      return;
    }
    for (const r of d.rules) {
      if (!isKnownRuleId(r.id, extra)) {
        kept.push(meta(UNKNOWN_RULE_IN_SUPPRESSION, 'warning', `Suppression names \`${r.id}\`, which is not a rule of AWS Responsibility Lens; it suppresses nothing.`, r.span, d));
      }
    }
    if (!d.reason) {
      const ids = d.rules.map((r) => r.id).join(', ');
      const how = d.source === 'comment' ? `\`${IGNORE_MARKER} ${ids}: <why>\`` : '`reason: <why>`';
      kept.push(meta(MISSING_REASON_RULE, 'warning', `Suppression of ${ids} has no reason, so it does not apply: write ${how}.`, d.span, d));
      return;
    }
    for (const r of d.rules) {
      if (isKnownRuleId(r.id, extra) && !used.has(`${i}:${r.id}`)) {
        const where = d.source === 'comment' ? 'on this line, the next line, or the resource it is above' : 'on this resource';
        kept.push(meta(UNUSED_SUPPRESSION_RULE, 'information', `Unused suppression: \`${r.id}\` reports nothing ${where}; remove it.`, r.span, d));
      }
    }
  });
  return { findings: kept, suppressed, directives };
}
