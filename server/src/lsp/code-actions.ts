/** Code actions for our diagnostics: apply the fix, change an unknown type, add a suppression, open the rule's doc. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { UNKNOWN_TYPE_RULE, type Analysis, type Finding } from '../core/analyze';
import { fixEdits, ignoreEdits, replaceTypeEdit } from '../core/fix/fix-edits';
import type { TextEdit } from '../core/fix/text-edit';
import type { Resource } from '../core/model/types';
import type { FixSpec } from '../core/rules/rule-api';
import { SUPPRESSION_RULES, UNUSED_SUPPRESSION_RULE } from '../core/suppress/apply';
import { removeSuppressionEdits } from '../core/suppress/remove';

/** Same value as `SOURCE` in server.ts (not imported: server.ts imports this module). */
const SOURCE = 'aws-responsibility';
export const SHOW_RULE_DOC_COMMAND = 'awsResponsibility.showRuleDoc';
/** Diagnostics that are not findings of a rule: no fix, no ignore, no doc. */
const NOT_RULES = new Set(['syntax-error', 'not-analyzed', 'internal-error', 'too-many-findings']);

interface DiagnosticData {
  resource?: string;
  /** The resource of this document the finding is written in, when not `resource` (a linked one, a module call). */
  at?: string;
  fix?: FixSpec;
  suggestion?: string;
}

/**
 * The actions for our diagnostics in the request. `analysis` must be the analysis of `doc`'s current text (edits are
 * computed from its spans); `findingOf`, the finding a diagnostic was made from (the server's last conversion), for
 * diagnostics without `data`. Nothing is edited until the user picks an action.
 */
export function codeActions(params: CodeActionParams, doc: TextDocument, analysis: Analysis, findingOf?: (d: Diagnostic) => Finding | undefined): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty)) return [];
  const text = doc.getText();
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const push = (a: CodeAction): void => {
    const key = `${a.title}\u0000${a.command?.command ?? ''}`;
    if (seen.has(key)) {
      const prev = out.find((x) => `${x.title}\u0000${x.command?.command ?? ''}` === key);
      if (prev && a.diagnostics) prev.diagnostics = [...(prev.diagnostics ?? []), ...a.diagnostics];
      return;
    }
    seen.add(key);
    out.push(a);
  };
  const edit = (edits: readonly TextEdit[]): { changes: Record<string, LspTextEdit[]> } => ({
    changes: { [doc.uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) },
  });

  for (const diag of params.context.diagnostics) {
    if (diag.source !== SOURCE || diag.code === undefined) continue;
    const ruleId = String(diag.code);
    if (NOT_RULES.has(ruleId)) continue;
    try {
      const data = diag.data === undefined ? dataOf(findingOf?.(diag)) : readData(diag);
      // A Terraform `provider` block or a CloudFormation output is not a resource, but a finding on it is suppressed in it alike.
      const byId = (id: string | undefined): Resource | undefined =>
        id === undefined ? undefined : (analysis.doc.resources.find((r) => r.id === id) ?? analysis.doc.providers?.find((r) => r.id === id) ?? analysis.doc.outputs?.find((r) => r.id === id));
      const own = byId(data.resource);
      const at = byId(data.at);
      // A fix sets a property of the resource at fault: only when the finding is written in that resource itself (a
      // plan is generated output: nothing to fix in it).
      const fixable = own !== undefined && (at === undefined || at === own) && analysis.doc.source !== 'plan';
      const resource = own ?? at;
      const span = { start: doc.offsetAt(diag.range.start), end: doc.offsetAt(diag.range.end) };

      if (SUPPRESSION_RULES.includes(ruleId)) {
        if (ruleId === UNUSED_SUPPRESSION_RULE) {
          const edits = removeSuppressionEdits(text, analysis.doc, span);
          if (edits.length > 0) push({ title: 'Remove unused suppression', kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diag], edit: edit(edits) });
        }
        continue;
      }
      if (resource && fixable && data.fix) {
        const edits = fixEdits(text, analysis.doc, resource, data.fix, span);
        if (edits.length > 0) push({ title: data.fix.title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diag], edit: edit(edits) });
      }
      if (resource && ruleId === UNKNOWN_TYPE_RULE && data.suggestion) {
        push({ title: `Change to ${data.suggestion}`, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diag], edit: edit([replaceTypeEdit(text, resource, data.suggestion)]) });
      }
      if (resource) {
        const edits = ignoreEdits(text, analysis.doc, resource, ruleId);
        if (edits.length > 0) push({ title: `Ignore ${ruleId} for ${resource.id}…`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: edit(edits) });
      }
      push({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: { title: `Show documentation for ${ruleId}`, command: SHOW_RULE_DOC_COMMAND, arguments: [ruleId] },
      });
    } catch {
      // One odd diagnostic must not take the other actions away.
    }
  }
  return out;
}

/** What a diagnostic's `data` would say, from its finding. */
function dataOf(f: Finding | undefined): DiagnosticData {
  return f ? { resource: f.resource, at: f.at?.id, fix: f.fix, suggestion: f.suggestion } : {};
}

function readData(diag: Diagnostic): DiagnosticData {
  const d = diag.data as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return {};
  const fix = d.fix as Record<string, unknown> | undefined;
  const validFix =
    fix && typeof fix === 'object' && typeof fix.title === 'string' && Array.isArray(fix.path) && fix.path.every((p) => typeof p === 'string') && ['boolean', 'string', 'number'].includes(typeof fix.value);
  return {
    resource: typeof d.resource === 'string' ? d.resource : undefined,
    at: typeof d.at === 'string' ? d.at : undefined,
    fix: validFix ? (fix as unknown as FixSpec) : undefined,
    suggestion: typeof d.suggestion === 'string' ? d.suggestion : undefined,
  };
}
