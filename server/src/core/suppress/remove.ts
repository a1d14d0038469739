/**
 * Edits removing one rule id of a suppression comment (the whole comment when it is the only one), or one CloudFormation
 * Metadata `ignore` entry (see remove-metadata.ts): the "Remove unused suppression" fix.
 */
import { lineStart } from '../fix/layout';
import type { TextEdit } from '../fix/text-edit';
import type { ParsedDocument, Span } from '../model/types';
import { commentDirectives } from './directives';
import { removeMetadataEntryEdits } from './remove-metadata';

/** `at`: the rule id's span (where `unused-suppression` is reported). [] for unknown places and layouts it cannot edit exactly. */
export function removeSuppressionEdits(text: string, doc: ParsedDocument, at: Span): TextEdit[] {
  try {
    const d = commentDirectives(text, doc).find((x) => x.span.start <= at.start && at.start < x.span.end);
    if (!d) return removeMetadataEntryEdits(text, doc, at);
    const rule = d.rules.find((r) => r.span.start <= at.start && at.start < r.span.end);
    if (!rule) return [];
    if (d.rules.length === 1) {
      const ls = lineStart(text, d.span.start);
      const nl = text.indexOf('\n', d.span.end);
      const after = text.slice(d.span.end, nl < 0 ? text.length : nl);
      if (/^[ \t]*$/.test(text.slice(ls, d.span.start)) && /^[ \t]*\r?$/.test(after)) {
        return [{ start: ls, end: nl < 0 ? text.length : nl + 1, newText: '' }];
      }
      let s = d.span.start;
      while (s > ls && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
      return [{ start: s, end: d.span.end, newText: '' }];
    }
    const i = d.rules.indexOf(rule);
    if (i < d.rules.length - 1) return [{ start: rule.span.start, end: d.rules[i + 1].span.start, newText: '' }];
    return [{ start: d.rules[i - 1].span.end, end: rule.span.end, newText: '' }];
  } catch {
    return [];
  }
}
