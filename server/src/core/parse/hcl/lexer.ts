/**
 * HCL native-syntax lexer. Hand-written (not tree-sitter / hcl2json): see the note at the top of parser.ts.
 *
 * One linear pass over the text, no regular expressions on the hot path (non-ASCII identifier characters
 * are tested one code point at a time). Template strings and heredocs are lexed with a mode stack, as
 * hclsyntax does: a `"` pushes template mode, `${`/`%{` push expression mode, and the matching `}` pops it,
 * so the parser receives a balanced token stream. Tokens are stored in typed arrays (kind/start/end).
 */
import type { Comment, SyntaxError } from '../../model/types';
import { keepShape } from '../../shape-keeper';

export enum Tok {
  EOF,
  Newline,
  Ident,
  Number,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Star,
  Assign,
  EqEq,
  NotEq,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Bang,
  Plus,
  Minus,
  Slash,
  Percent,
  Question,
  Colon,
  FatArrow,
  DoubleColon,
  /** `"` opening a quoted template. */
  OQuote,
  /** `"` closing it (zero-length when the string was cut by a newline). */
  CQuote,
  /** `<<EOF` / `<<-EOF` with its line break. */
  OHeredoc,
  /** The closing marker line (leading spaces + marker). */
  CHeredoc,
  /** Literal text inside a template (raw: escapes not yet decoded). */
  TemplateLit,
  /** `${` or `${~`. */
  TemplateInterp,
  /** `%{` or `%{~`. */
  TemplateControl,
  /** `}` or `~}` ending an interpolation/directive. */
  TemplateSeqEnd,
  /** Characters that start no token (a run of them is one token). */
  Invalid,
}

export interface TokenStream {
  readonly text: string;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly comments: Comment[];
  /** Lexical errors (cut strings, unterminated block comments/heredocs). */
  readonly errors: SyntaxError[];
}

const enum Mode {
  Root,
  Brace,
  Interp,
  Quoted,
  Heredoc,
}

const NON_ASCII_ID_START = /[\p{ID_Start}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{ID_Continue}]/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdContinue(c: number): boolean {
  return isAsciiIdStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length (1 or 2 UTF-16 units) of the identifier character at `pos`, or 0 if there is none. */
function idCharLength(text: string, pos: number, start: boolean): number {
  const c = text.charCodeAt(pos);
  if (c < 128) return (start ? isAsciiIdStart(c) : isAsciiIdContinue(c)) ? 1 : 0;
  const cp = text.codePointAt(pos) ?? 0;
  const ch = String.fromCodePoint(cp);
  return (start ? NON_ASCII_ID_START : NON_ASCII_ID_CONTINUE).test(ch) ? ch.length : 0;
}

/** End of the number literal whose first digit is at `pos`: digits, an optional fraction, an optional exponent. */
export function numberEnd(text: string, pos: number): number {
  pos++;
  while (isDigit(text.charCodeAt(pos))) pos++;
  if (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) {
    pos += 2;
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  const e = text.charCodeAt(pos);
  if (e === 101 || e === 69) {
    let p = pos + 1;
    const s = text.charCodeAt(p);
    if (s === 43 || s === 45) p++;
    if (isDigit(text.charCodeAt(p))) {
      pos = p + 1;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
  }
  return pos;
}

export interface LexOptions {
  /** Lex the whole text as the inside of a template (no quotes; newlines are literal), e.g. a `.tf.json` string. */
  readonly template?: boolean;
  /**
   * Lex one attribute value: start at this offset (spans stay offsets into the whole text) and stop at the first line
   * break outside every bracket, brace and template, which is where an attribute's expression must end.
   */
  readonly lineFrom?: number;
}

export function lex(text: string, options: LexOptions = {}): TokenStream {
  return new Lexer(text, options.template === true, options.lineFrom).run();
}

export class Lexer {
  // Token arrays grow by doubling; one attribute value (line mode) rarely needs more than a few tokens.
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private count = 0;
  private pos = 0;
  private readonly len: number;
  private readonly modes: Mode[] = [Mode.Root];
  /** Heredoc markers for Heredoc modes (parallel to `modes`, undefined elsewhere). */
  private readonly markers: (string | undefined)[] = [undefined];
  private readonly comments: Comment[] = [];
  private readonly errors: SyntaxError[] = [];
  /** Line mode (see LexOptions.lineFrom): open `(` and `[`, and whether the ending line break was reached. */
  private readonly lineMode: boolean;
  private brackets = 0;
  private stopped = false;

  constructor(
    private readonly text: string,
    private readonly bareTemplate: boolean,
    lineFrom?: number,
  ) {
    this.len = text.length;
    this.lineMode = lineFrom !== undefined;
    const size = this.lineMode ? 16 : 256;
    this.kinds = new Uint8Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    if (lineFrom !== undefined) this.pos = lineFrom;
    // A bare template is a heredoc without a marker: it only ends at EOF.
    if (bareTemplate) this.push(Mode.Heredoc, undefined);
  }

  run(): TokenStream {
    while (this.pos < this.len && !this.stopped) {
      const mode = this.modes[this.modes.length - 1];
      if (mode === Mode.Quoted) this.scanQuoted();
      else if (mode === Mode.Heredoc) this.scanHeredoc();
      else this.scanNormal();
    }
    // Close templates left open at EOF so the parser sees balanced tokens.
    for (let i = this.modes.length - 1; i > 0; i--) {
      const mode = this.modes[i];
      if (mode === Mode.Quoted) {
        this.emit(Tok.CQuote, this.len, this.len);
        this.error('Unterminated string: missing closing \'"\'', this.len, this.len);
      } else if (mode === Mode.Heredoc) {
        this.emit(Tok.CHeredoc, this.len, this.len);
        if (i === 1 && this.bareTemplate) continue;
        this.error(`Unterminated heredoc: closing marker '${this.markers[i] ?? ''}' not found`, this.len, this.len);
      }
    }
    this.emit(Tok.EOF, this.stopped ? this.pos : this.len, this.stopped ? this.pos : this.len);
    return {
      text: this.text,
      count: this.count,
      kinds: this.kinds,
      starts: this.starts,
      ends: this.ends,
      comments: this.comments,
      errors: this.errors,
    };
  }

  private emit(kind: Tok, start: number, end: number): void {
    if (this.count === this.kinds.length) {
      const n = this.count * 2;
      const k = new Uint8Array(n);
      k.set(this.kinds);
      this.kinds = k;
      const s = new Int32Array(n);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(n);
      e.set(this.ends);
      this.ends = e;
    }
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, span: { start, end } });
  }

  private push(mode: Mode, marker?: string): void {
    this.modes.push(mode);
    this.markers.push(marker);
  }

  private pop(): void {
    if (this.modes.length > 1) {
      this.modes.pop();
      this.markers.pop();
    }
  }

  private scanNormal(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    // whitespace
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) pos++;
      else break;
    }
    this.pos = pos;
    if (pos >= len) return;
    const start = pos;
    const c = text.charCodeAt(pos);
    const c1 = pos + 1 < len ? text.charCodeAt(pos + 1) : -1;
    switch (c) {
      case 10:
        this.emit(Tok.Newline, start, pos + 1);
        this.pos = pos + 1;
        if (this.lineMode && this.brackets === 0 && this.modes.length === 1) this.stopped = true;
        return;
      case 35: // #
        this.lineComment(start, start + 1);
        return;
      case 47: // /
        if (c1 === 47) return this.lineComment(start, start + 2);
        if (c1 === 42) return this.blockComment(start);
        return this.op(Tok.Slash, 1);
      case 123: // {
        this.push(Mode.Brace);
        return this.op(Tok.LBrace, 1);
      case 125: {
        // }
        const top = this.modes[this.modes.length - 1];
        if (top === Mode.Interp) {
          this.pop();
          return this.op(Tok.TemplateSeqEnd, 1);
        }
        if (top === Mode.Brace) this.pop();
        return this.op(Tok.RBrace, 1);
      }
      case 126: // ~
        if (c1 === 125 && this.modes[this.modes.length - 1] === Mode.Interp) {
          this.pop();
          return this.op(Tok.TemplateSeqEnd, 2);
        }
        return this.invalid(start);
      case 91:
        this.brackets++;
        return this.op(Tok.LBrack, 1);
      case 93:
        if (this.brackets > 0) this.brackets--;
        return this.op(Tok.RBrack, 1);
      case 40:
        this.brackets++;
        return this.op(Tok.LParen, 1);
      case 41:
        if (this.brackets > 0) this.brackets--;
        return this.op(Tok.RParen, 1);
      case 44:
        return this.op(Tok.Comma, 1);
      case 46: // .
        if (c1 === 46 && text.charCodeAt(pos + 2) === 46) return this.op(Tok.Ellipsis, 3);
        return this.op(Tok.Dot, 1);
      case 42:
        return this.op(Tok.Star, 1);
      case 61: // =
        if (c1 === 61) return this.op(Tok.EqEq, 2);
        if (c1 === 62) return this.op(Tok.FatArrow, 2);
        return this.op(Tok.Assign, 1);
      case 33: // !
        if (c1 === 61) return this.op(Tok.NotEq, 2);
        return this.op(Tok.Bang, 1);
      case 60: // <
        if (c1 === 60) return this.heredocStart(start);
        if (c1 === 61) return this.op(Tok.Le, 2);
        return this.op(Tok.Lt, 1);
      case 62:
        if (c1 === 61) return this.op(Tok.Ge, 2);
        return this.op(Tok.Gt, 1);
      case 38:
        if (c1 === 38) return this.op(Tok.And, 2);
        return this.invalid(start);
      case 124:
        if (c1 === 124) return this.op(Tok.Or, 2);
        return this.invalid(start);
      case 43:
        return this.op(Tok.Plus, 1);
      case 45:
        return this.op(Tok.Minus, 1);
      case 37:
        return this.op(Tok.Percent, 1);
      case 63:
        return this.op(Tok.Question, 1);
      case 58:
        if (c1 === 58) return this.op(Tok.DoubleColon, 2);
        return this.op(Tok.Colon, 1);
      case 34: // "
        this.push(Mode.Quoted);
        return this.op(Tok.OQuote, 1);
      default:
        break;
    }
    if (isDigit(c)) {
      pos = numberEnd(text, pos);
      this.emit(Tok.Number, start, pos);
      this.pos = pos;
      return;
    }
    const first = idCharLength(text, pos, true);
    if (first > 0) {
      pos += first;
      for (;;) {
        const ch = text.charCodeAt(pos);
        if (ch < 128) {
          if (isAsciiIdContinue(ch)) {
            pos++;
            continue;
          }
          break;
        }
        const n = idCharLength(text, pos, false);
        if (n === 0) break;
        pos += n;
      }
      this.emit(Tok.Ident, start, pos);
      this.pos = pos;
      return;
    }
    this.invalid(start);
  }

  private op(kind: Tok, length: number): void {
    this.emit(kind, this.pos, this.pos + length);
    this.pos += length;
  }

  /** A run of characters that start no token becomes a single Invalid token. */
  private invalid(start: number): void {
    let pos = start + 1;
    const text = this.text;
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 96 || c === 64 || c === 36 || c === 94 || c === 92 || c === 59 || c === 39) pos++;
      else break;
    }
    this.emit(Tok.Invalid, start, pos);
    this.pos = pos;
  }

  private lineComment(start: number, textStart: number): void {
    const text = this.text;
    let end = text.indexOf('\n', textStart);
    if (end < 0) end = this.len;
    let contentEnd = end;
    if (contentEnd > textStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    this.comments.push({ text: text.slice(textStart, contentEnd), span: { start, end: contentEnd } });
    this.pos = end; // the newline itself is lexed as a Newline token
  }

  private blockComment(start: number): void {
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0) {
      this.comments.push({ text: this.text.slice(start + 2), span: { start, end: this.len } });
      this.error("Unterminated comment: '/*' without '*/'", start, start + 2);
      this.pos = this.len;
      return;
    }
    this.comments.push({ text: this.text.slice(start + 2, close), span: { start, end: close + 2 } });
    this.pos = close + 2;
  }

  /** `<<EOF\n` or `<<-EOF\n`; anything else after `<<` is an Invalid token. */
  private heredocStart(start: number): void {
    const text = this.text;
    let p = start + 2;
    if (text.charCodeAt(p) === 45) p++;
    const idStart = p;
    const n = idCharLength(text, p, true);
    if (n === 0) {
      this.emit(Tok.Invalid, start, start + 2);
      this.pos = start + 2;
      return;
    }
    p += n;
    for (;;) {
      const m = idCharLength(text, p, false);
      if (m === 0) break;
      p += m;
    }
    const marker = text.slice(idStart, p);
    let q = p;
    while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9) q++;
    if (text.charCodeAt(q) === 13) q++;
    if (q < this.len && text.charCodeAt(q) !== 10) {
      this.emit(Tok.Invalid, start, p);
      this.error(`A heredoc marker '<<${text.slice(start + 2, p)}' must be followed by a line break`, start, p);
      this.pos = p;
      return;
    }
    const end = q < this.len ? q + 1 : q;
    this.emit(Tok.OHeredoc, start, end);
    this.pos = end;
    this.push(Mode.Heredoc, marker);
    this.closeHeredocIfMarker();
  }

  /** At a line start inside a heredoc: if the line is the closing marker, emit it and leave heredoc mode. */
  private closeHeredocIfMarker(): boolean {
    const text = this.text;
    const marker = this.markers[this.markers.length - 1] ?? '';
    let p = this.pos;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (!text.startsWith(marker, p)) return false;
    const end = p + marker.length;
    let q = end;
    while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 13) q++;
    if (q < this.len && text.charCodeAt(q) !== 10) return false;
    this.emit(Tok.CHeredoc, this.pos, end);
    this.pos = end;
    this.pop();
    return true;
  }

  /** Template text up to `${`, `%{` or `"` (quoted) / the marker line (heredoc). */
  private scanQuoted(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    const start = pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        if (pos > start) this.emit(Tok.TemplateLit, start, pos);
        this.emit(Tok.CQuote, pos, pos + 1);
        this.pop();
        this.pos = pos + 1;
        return;
      }
      if (c === 10) {
        let litEnd = pos;
        if (litEnd > start && text.charCodeAt(litEnd - 1) === 13) litEnd--;
        if (litEnd > start) this.emit(Tok.TemplateLit, start, litEnd);
        this.emit(Tok.CQuote, litEnd, litEnd);
        this.error('Unterminated string: a quoted string must be closed on the same line', litEnd, litEnd);
        this.pop();
        this.pos = litEnd;
        return;
      }
      if (c === 92) {
        // backslash escape: skip the escaped character (but never a line break)
        pos += text.charCodeAt(pos + 1) === 10 ? 1 : 2;
        continue;
      }
      const seq = this.templateSequence(start, pos);
      if (seq < 0) return;
      pos += seq > 0 ? seq : 1;
    }
    if (pos > start) this.emit(Tok.TemplateLit, start, pos);
    this.pos = len; // run() closes the string at EOF
  }

  private scanHeredoc(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    const start = pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        pos++;
        if (this.isMarkerLine(pos)) {
          this.emit(Tok.TemplateLit, start, pos);
          this.pos = pos;
          this.closeHeredocIfMarker();
          return;
        }
        continue;
      }
      const seq = this.templateSequence(start, pos);
      if (seq < 0) return;
      pos += seq > 0 ? seq : 1;
    }
    if (pos > start) this.emit(Tok.TemplateLit, start, pos);
    this.pos = len; // run() closes the heredoc at EOF
  }

  private isMarkerLine(p: number): boolean {
    const text = this.text;
    const marker = this.markers[this.markers.length - 1];
    if (marker === undefined) return false;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (!text.startsWith(marker, p)) return false;
    let q = p + marker.length;
    while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 13) q++;
    return q >= this.len || text.charCodeAt(q) === 10;
  }

  /**
   * At `pos` inside a template: returns 0 when no sequence starts here, 3 for the literal escapes `$${` / `%%{`
   * (the caller skips them), or -1 after ending the literal and entering expression mode for `${` / `%{`.
   */
  private templateSequence(start: number, pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c !== 36 && c !== 37) return 0;
    const c1 = text.charCodeAt(pos + 1);
    if (c1 === c && text.charCodeAt(pos + 2) === 123) return 3;
    if (c1 !== 123) return 0;
    if (pos > start) this.emit(Tok.TemplateLit, start, pos);
    const strip = text.charCodeAt(pos + 2) === 126 ? 1 : 0;
    this.emit(c === 36 ? Tok.TemplateInterp : Tok.TemplateControl, pos, pos + 2 + strip);
    this.pos = pos + 2 + strip;
    this.push(Mode.Interp);
    return -1;
  }
}

keepShape(new Lexer('', false));
