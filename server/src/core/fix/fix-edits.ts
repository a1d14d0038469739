/** Quick fixes as offset edits: set a property (FixSpec), replace an unknown type, add a suppression. Never throw. */
import { entry } from '../model/nodes';
import type { ParsedDocument, Resource, Span } from '../model/types';
import type { FixSpec } from '../rules/rule-api';
import { IGNORE_MARKER, REASON_PLACEHOLDER } from '../suppress/directives';
import { EditContext, setPath } from './edit-context';
import { lineIndent, lineStart } from './layout';
import type { TextEdit } from './text-edit';

/**
 * Edits that apply `fix` to `resource`: an existing value is replaced in place; a missing one is added next to its
 * siblings in the file's style (YAML block/flow, JSON, HCL with `=` aligned like its neighbours), creating
 * `Properties:` and nested parents as needed. `at` (the finding's span) picks the list item or repeated block at fault.
 * Returns [] when the fix cannot be applied safely (the value is an intrinsic list, a dynamic block...).
 */
export function fixEdits(text: string, doc: ParsedDocument, resource: Resource, fix: FixSpec, at?: Span): TextEdit[] {
  try {
    if (fix.path.length === 0) return [];
    const cx = EditContext.of(text, doc);
    if (resource.language === 'cloudformation') {
      if (!resource.definition) return [];
      return setPath(cx, resource.definition, ['Properties', ...fix.path], fix.value, at?.start, false);
    }
    if (!resource.properties) return [];
    return setPath(cx, resource.properties, fix.path, fix.value, at?.start, cx.syntax === 'hcl');
  } catch {
    return [];
  }
}

/** Replaces the resource's type with `suggestion` ("did you mean"), keeping the quotes it was written with. */
export function replaceTypeEdit(text: string, resource: Resource, suggestion: string): TextEdit {
  const { start, end } = resource.typeSpan;
  const raw = text.slice(start, end);
  const q = raw[0];
  let newText = suggestion;
  if (q === '"' && raw.length > 1 && raw.endsWith('"')) newText = JSON.stringify(suggestion);
  else if (q === "'" && raw.length > 1 && raw.endsWith("'")) newText = `'${suggestion.replace(/'/g, "''")}'`;
  return { start, end, newText };
}

/**
 * Adds a suppression of `ruleId` for `resource` with a `TODO: reason` placeholder (which does not silence anything
 * until replaced by a real reason): a comment line above the resource in YAML and HCL, a
 * `Metadata.aws-responsibility.ignore` entry in CloudFormation JSON. [] for Terraform JSON (no comments there).
 */
export function ignoreEdits(text: string, doc: ParsedDocument, resource: Resource, ruleId: string): TextEdit[] {
  try {
    const cx = EditContext.of(text, doc);
    if (cx.syntax !== 'json') {
      const at = lineStart(text, Math.min(resource.span.start, resource.nameSpan.start));
      return [{ start: at, end: at, newText: `${lineIndent(text, at)}# ${IGNORE_MARKER} ${ruleId}: ${REASON_PLACEHOLDER}${cx.nl}` }];
    }
    // An output takes no Metadata (JSON has no comments): it cannot be ignored in place.
    if (resource.language !== 'cloudformation' || !resource.definition || resource.type === 'output') return [];
    const item = { rule: ruleId, reason: REASON_PLACEHOLDER };
    const def = resource.definition;
    const md = entry(def, 'Metadata');
    if (!md) return cx.insertEntry(def, 'Metadata', { 'aws-responsibility': { ignore: [item] } });
    if (md.value.type !== 'map') return [];
    const ar = entry(md.value, 'aws-responsibility');
    if (!ar) return cx.insertEntry(md.value, 'aws-responsibility', { ignore: [item] });
    if (ar.value.type !== 'map') return [];
    const ig = entry(ar.value, 'ignore');
    if (!ig) return cx.insertEntry(ar.value, 'ignore', [item]);
    return ig.value.type === 'list' ? cx.appendItem(ig.value, item) : [];
  } catch {
    return [];
  }
}
