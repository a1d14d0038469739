/**
 * A hover while the user types: the last analysis is of an older text. Positions before and after the edited region
 * map through the edit (the analysis's spans are unchanged there); a hover whose card covers the edited region is not
 * answered from the stale analysis (the resource being typed in is re-analysed in milliseconds anyway).
 */
import type { Analysis } from '../analyze';
import type { Span } from '../model/types';
import { diffRegion } from '../parse/text-diff';
import { hoverAt, ownerOfHover, type HoverOptions, type HoverResult } from './hover';

/** Where an edit (or several, as one) changed a text: [start, oldEnd) of the old text became `oldEnd - start + delta` characters. */
export interface EditRegion {
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
}

/** `region`: the edits since the analysed text when the caller knows them (the editor's changes), else the texts are compared. */
export function hoverThroughEdit(analysis: Analysis, analyzedText: string, text: string, offset: number, opts: HoverOptions = {}, region?: EditRegion): HoverResult | undefined {
  const d = region ?? diffRegion(analyzedText, text);
  if (!d) return hoverAt(analysis, offset, opts);
  const newEnd = d.oldEnd + d.delta;
  // The offset in the analysed text: before the edit it is the same, after it moved by the edit's length.
  const old = offset < d.start ? offset : offset >= newEnd ? offset - d.delta : undefined;
  if (old === undefined) return undefined;
  const h = hoverAt(analysis, old, opts);
  if (!h) return undefined;
  // The card's resource must not contain the edit: its duties may have changed with it.
  const owner = ownerOfHover(h);
  if (owner && overlaps(owner.span, d.start, d.oldEnd)) return undefined;
  if (overlaps(h.span, d.start, d.oldEnd)) return undefined;
  const map = (o: number): number => (o < d.start ? o : o + d.delta);
  return { markdown: h.markdown, span: { start: map(h.span.start), end: map(h.span.end) } };
}

function overlaps(s: Span, start: number, end: number): boolean {
  return s.start <= end && start <= s.end;
}
