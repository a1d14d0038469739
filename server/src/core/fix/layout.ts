/** Line and indentation facts about a text, so inserted code looks like its neighbours. */

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  const end = i < 0 ? text.length : i;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** The line's line break ("\r\n" when the file uses it). */
export function eol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const ls = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, ls + 200))![0];
}

/** Indentation reaching `offset`: the real whitespace when only whitespace precedes it, else spaces (YAML `- key`). */
export function indentAt(text: string, offset: number): string {
  const before = text.slice(lineStart(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : ' '.repeat(before.length);
}

/** True when only whitespace precedes `offset` on its line. */
export function firstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** Offset after the last non-whitespace character in [start, end). */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The file's indentation unit: a tab when indented lines start with one, else the smallest positive space indent (default 2). */
export function indentUnit(text: string): string {
  let min = Infinity;
  let lines = 0;
  for (const m of text.slice(0, 20000).matchAll(/\n([ \t]+)(?=\S)/g)) {
    if (m[1][0] === '\t') return '\t';
    if (m[1].length < min) min = m[1].length;
    if (++lines > 400) break;
  }
  return ' '.repeat(min === Infinity || min > 8 ? 2 : min);
}

/** Line index of every offset, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  start(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  get count(): number {
    return this.starts.length;
  }
}
