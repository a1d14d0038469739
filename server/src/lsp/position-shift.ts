/**
 * Where a position of the text as it was at the last publication is now, after the editor's changes since (edit-log.ts
 * gives them as one region), without searching the new text's lines: an offset before the changed region keeps its
 * position; an offset after it, on a line after the one the region ends on, keeps its character and moves by the number
 * of lines the change added. Anything else (an offset in the changed region or on its last line) is undefined: the
 * caller computes it from the text. On a 10 MB file the two line searches per diagnostic, 5,000 diagnostics on every
 * keystroke, were most of the conversion.
 */
import type { Position } from 'vscode-languageserver';
import type { EditRegion } from '../core/present/stale-hover';

export interface PositionShift {
  /** The region, in the old text's offsets: [start, oldEnd) became [start, oldEnd + delta). */
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
  /** The first offset (new text) on a line after the one the changed region ends on. */
  readonly suffixFrom: number;
  /** Lines added (negative: removed). */
  readonly lineDelta: number;
}

/** What positionShift reads of the document as it is now. */
export interface LinesNow {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** The shift from the text of `lineCount` lines to `doc`, which `region` (undefined: not known) made of it. */
export function positionShift(doc: LinesNow, region: EditRegion | undefined, lineCount: number | undefined): PositionShift | undefined {
  if (!region || lineCount === undefined) return undefined;
  const line = doc.positionAt(region.oldEnd + region.delta).line;
  const suffixFrom = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : Infinity;
  return { start: region.start, oldEnd: region.oldEnd, delta: region.delta, suffixFrom, lineDelta: doc.lineCount - lineCount };
}

/**
 * The position now of what was at offset `was` (position `pos`) and is at offset `now`; `pos` itself when it did not
 * change; undefined when the shift does not tell (the caller then reads the text).
 */
export function shiftedPosition(s: PositionShift, was: number, now: number, pos: Position): Position | undefined {
  // Before the region: the text up to and including the offset is the same.
  if (was < s.start) return now === was ? pos : undefined;
  // After it, on a later line than its end: the same text from the start of that line on, fewer or more lines before.
  if (was >= s.oldEnd && now === was + s.delta && now >= s.suffixFrom) return s.lineDelta === 0 ? pos : { line: pos.line + s.lineDelta, character: pos.character };
  return undefined;
}
