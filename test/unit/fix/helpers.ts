import { analyzeText } from '../../../server/src/core/document';
import type { Analysis, Finding } from '../../../server/src/core/analyze';
import { applyEdits, fixEdits } from '../../../server/src/core/fix';

export function findingsOf(a: Analysis, ruleId: string, resource?: string): Finding[] {
  return a.findings.filter((f) => f.ruleId === ruleId && (resource === undefined || f.resource === resource));
}

/** Applies the fix of the `index`-th finding of `ruleId` on `resource`, returns the new text and both analyses. */
export function applyFix(file: string, text: string, ruleId: string, resource: string, index = 0): { out: string; before: Analysis; after: Analysis; finding: Finding } {
  const before = analyzeText(file, text);
  const finding = findingsOf(before, ruleId, resource)[index];
  if (!finding) throw new Error(`no ${ruleId} finding #${index} on ${resource}: ${before.findings.map((f) => `${f.ruleId}@${f.resource}`).join(', ')}`);
  if (!finding.fix) throw new Error(`finding has no fix: ${finding.message}`);
  const r = before.doc.resources.find((x) => x.id === resource)!;
  const edits = fixEdits(text, before.doc, r, finding.fix, finding.span);
  if (edits.length === 0) throw new Error('fix produced no edits');
  const out = applyEdits(text, edits);
  return { out, before, after: analyzeText(file, out), finding };
}
