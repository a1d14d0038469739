import * as path from 'path';

/** Repo root, from any test file under test/. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');

/** A cursor-marked fixture: `<|>` marks the position; returns the text without the marker and the offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('fixture has no <|> cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 3), offset };
}

/** The text a span covers. */
export function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Strips the quotes a YAML/JSON scalar's span may include. */
export function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** A span as plain offsets (parsers anchor spans to their chunk: model/anchor.ts), for deep equality. */
export function plainSpan(s: { readonly start: number; readonly end: number }): { start: number; end: number } {
  return { start: s.start, end: s.end };
}
