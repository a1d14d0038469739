/**
 * The server's open documents: vscode-languageserver-textdocument's TextDocument, except that applying a change does
 * not read the new text. Written by hand because the library's `update` reads two characters of the new text (to see a
 * CR LF pair split by the change), and in V8 the first read of a text built by concatenation copies all of it into one
 * string: 5–8 ms for a 10 MB template, spent inside the didChange notification, before a hover sent right behind the
 * change could be answered. Here a text without any CR needs no such check; the copy is then made by whoever reads the
 * text first (the analysis, after the requests that came with the change are answered).
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';

const LF = 10;
const CR = 13;

function isEOL(ch: number): boolean {
  return ch === CR || ch === LF;
}

/** Offsets at which each line of `text` starts (after `base`), as the library computes them. */
function lineStarts(text: string, isAtLineStart: boolean, base = 0): number[] {
  const out: number[] = isAtLineStart ? [base] : [];
  if (!text.includes('\r')) {
    // Without CR only LF ends a line: found by indexOf (native; the loop below runs per character, and a document's
    // first read runs it before V8 has optimized it: 4–7 ms of a 1 MB template's first diagnostics).
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(base + i + 1);
    return out;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    }
  }
  return out;
}

/** A range with its start before its end (the protocol allows either order). */
function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class LspTextDocument implements TextDocument {
  private content: string;
  private lines: number[] | undefined;
  /** Whether the text may hold a CR (then a change's effect on line breaks is checked on the text itself). */
  private mayHaveCR: boolean;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private ver: number,
    text: string,
  ) {
    this.content = text;
    this.mayHaveCR = text.includes('\r');
  }

  get version(): number {
    return this.ver;
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    const lines = this.lineOffsets();
    if (position.line >= lines.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = lines[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.content.length;
    return this.beforeEOL(Math.min(lineStart + position.character, next), lineStart, position.line);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lines = this.lineOffsets();
    let low = 0;
    let high = lines.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lines[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEOL(offset, lines[line], line) - lines[line] };
  }

  getLineRange(line: number): Range {
    const lines = this.lineOffsets();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line];
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, start, line) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineOffsets();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return this.content.substring(this.beforeEOL(next, lines[line], line), next);
  }

  /**
   * `offset` (in line `line`, which starts at `lineStart`) moved back before the line break, as the library does. In a
   * text without CR the only break is the LF at the end of a line that has a next one: found from the line starts.
   */
  private beforeEOL(offset: number, lineStart: number, line: number): number {
    if (!this.mayHaveCR) {
      const lines = this.lineOffsets();
      return line + 1 < lines.length && offset === lines[line + 1] && offset > lineStart ? offset - 1 : offset;
    }
    while (offset > lineStart && isEOL(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** Applies the changes in order (as the library's `update`). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = change.text;
        this.lines = undefined;
        this.mayHaveCR = change.text.includes('\r');
        continue;
      }
      const range = ordered(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      const old = this.content;
      this.content = old.substring(0, start) + change.text + old.substring(end, old.length);
      if (change.text.includes('\r')) this.mayHaveCR = true;
      if (this.mayHaveCR) {
        // A CR LF pair joined or split at either end of the change: the line starts are counted again from the text.
        const at = (i: number): number => this.content.charCodeAt(i);
        const insertedEnd = start + change.text.length;
        if ((at(start - 1) === CR && at(start) === LF) || (at(insertedEnd - 1) === CR && at(insertedEnd) === LF)) {
          this.lines = undefined;
          continue;
        }
      }
      const lines = this.lines;
      if (!lines) continue;
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      const added = lineStarts(change.text, false, start);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i];
      } else if (added.length < 10_000) {
        lines.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        this.lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
      }
      const delta = change.text.length - (end - start);
      if (delta !== 0) {
        const ls = this.lines as number[];
        for (let i = startLine + 1 + added.length; i < ls.length; i++) ls[i] += delta;
      }
    }
    this.ver = version;
  }

  private lineOffsets(): number[] {
    return (this.lines ??= lineStarts(this.content, true));
  }
}

export function createDocument(uri: string, languageId: string, version: number, text: string): LspTextDocument {
  return new LspTextDocument(uri, languageId, version, text);
}
