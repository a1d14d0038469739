/** Offset ↔ LSP position (line, UTF-16 character) for a text, with a line-start index built once. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.max(this.starts[p.line], Math.min(this.starts[p.line] + p.character, lineEnd));
  }

  rangeOf(span: { start: number; end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
