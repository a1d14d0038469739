/**
 * CloudFormation JSON → ParsedDocument. Plain JSON (what templates are) is read by the hand-written single pass in
 * json-fast.ts when it is sure; anything else (errors, comments, trailing commas, deep nesting) by jsonc-parser (error
 * tolerant, exact UTF-16 offsets). We drive its `visit` SAX API directly instead of `parseTree` + a second conversion
 * walk: one pass builds our ValueNode tree with the same recovery behaviour as parseTree, and also yields the comments.
 */
import { ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import type { Comment, MapEntry, ParsedDocument, ScalarNode, Span, SyntaxError, ValueNode } from '../model/types';
import { notATemplate, templateFromRoot } from './cfn-template';
import { normalizeLongForm } from './intrinsics';
import { parseJsonFast } from './json-fast';
import { deepValue, guardJson } from './nesting';

/** Syntax errors kept per document: one breakage can cascade, and the first ones are what the user needs. */
export const MAX_JSON_ERRORS = 50;

const ERROR_TEXT: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character(s)',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':' after the property name",
  [ParseErrorCode.CommaExpected]: "expected ','",
  [ParseErrorCode.CloseBraceExpected]: "expected '}' to close the object",
  [ParseErrorCode.CloseBracketExpected]: "expected ']' to close the array",
  [ParseErrorCode.EndOfFileExpected]: 'expected the end of the file after the top-level value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid control character in a string',
};

/** Human message for a jsonc-parser error, with its code name and 1-based line/column. */
export function jsonErrorMessage(code: ParseErrorCode, line: number, character: number): string {
  const what = ERROR_TEXT[code] ?? 'syntax error';
  return `JSON syntax error: ${what} (${printParseErrorCode(code)}) at line ${line + 1}, column ${character + 1}`;
}

interface MapFrame {
  readonly kind: 'map';
  readonly start: number;
  readonly entries: MapEntry[];
  key: string | undefined;
  keySpan: Span | undefined;
}

interface ListFrame {
  readonly kind: 'list';
  readonly start: number;
  readonly items: ValueNode[];
}

type Frame = MapFrame | ListFrame;

export interface JsonParse {
  readonly root: ValueNode | undefined;
  readonly errors: SyntaxError[];
  readonly comments: Comment[];
}

/**
 * JSON (with comments tolerated) → ValueNode tree; long-form intrinsics (`{"Ref": ..}`) become IntrinsicNodes. A leading
 * BOM is nothing; a value nested deeper than MAX_NESTING levels is an unknown node, with a syntax error where it starts.
 */
export function parseJsonValue(text: string): JsonParse {
  const fast = parseJsonFastSafe(text);
  if (fast) return { root: fast, errors: [], comments: [] };
  return parseJsonWithLibrary(text);
}

/** The fast path's tree, or undefined when it is not sure (or, defensively, should it ever throw). */
function parseJsonFastSafe(text: string): ValueNode | undefined {
  try {
    return parseJsonFast(text);
  } catch {
    return undefined;
  }
}

/** `parseJsonValue` through jsonc-parser alone: errors, comments and nesting reported (the reference for json-fast.ts). */
export function parseJsonWithLibrary(text: string): JsonParse {
  const guard = guardJson(text);
  // Where each masked value starts: jsonc-parser reads a literal there, which stands for the unknown value.
  const deepAt = new Map<number, Span>();
  for (const r of guard.deep) deepAt.set(r.start, r);
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const stack: Frame[] = [];
  let root: ValueNode | undefined;
  let lastErrorEnd = -1;

  const push = (node: ValueNode): void => {
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (!top) {
      if (root === undefined) root = node;
    } else if (top.kind === 'list') {
      top.items.push(node);
    } else if (top.key !== undefined && top.keySpan) {
      top.entries.push({ key: top.key, keySpan: top.keySpan, value: node });
      top.key = undefined;
      top.keySpan = undefined;
    }
    // A value in a map without a pending key only happens in recovery; it is dropped, as parseTree does.
  };

  /** A property whose value is missing (`"Type": ,` or cut off) still appears, with a null value. */
  const flushKey = (frame: MapFrame): void => {
    if (frame.key !== undefined && frame.keySpan) {
      const at = frame.keySpan.end;
      const value: ScalarNode = { type: 'scalar', span: { start: at, end: at }, value: null };
      frame.entries.push({ key: frame.key, keySpan: frame.keySpan, value });
      frame.key = undefined;
      frame.keySpan = undefined;
    }
  };

  try {
    visit(guard.text, {
      onObjectBegin: (offset) => {
        stack.push({ kind: 'map', start: offset, entries: [], key: undefined, keySpan: undefined });
      },
      onObjectProperty: (name, offset, length) => {
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map') {
          flushKey(top);
          top.key = name;
          top.keySpan = { start: offset, end: offset + length };
        }
      },
      onObjectEnd: (offset, length) => {
        const top = stack.pop();
        if (!top || top.kind !== 'map') return;
        flushKey(top);
        push(normalizeLongForm({ type: 'map', span: { start: top.start, end: offset + length }, entries: top.entries }));
      },
      onArrayBegin: (offset) => {
        stack.push({ kind: 'list', start: offset, items: [] });
      },
      onArrayEnd: (offset, length) => {
        const top = stack.pop();
        if (!top || top.kind !== 'list') return;
        push({ type: 'list', span: { start: top.start, end: offset + length }, items: top.items });
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const deep = deepAt.size > 0 ? deepAt.get(offset) : undefined;
        if (deep) return push(deepValue(guard, text, deep));
        const v = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
        push({ type: 'scalar', span: { start: offset, end: offset + length }, value: v });
      },
      onSeparator: (sep) => {
        if (sep !== ',') return;
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map') flushKey(top);
      },
      onComment: (offset, length) => {
        if (guard.maskComments.size > 0 && guard.maskComments.has(offset)) return;
        const raw = text.slice(offset, offset + length);
        const body = raw.startsWith('//') ? raw.slice(2) : raw.replace(/^\/\*/, '').replace(/\*\/$/, '');
        // An unterminated block comment at the very end is reported one past it: spans stay within the text.
        comments.push({ text: body.trim(), span: { start: offset, end: Math.min(offset + length, text.length) } });
      },
      onError: (error, offset, length, startLine, startCharacter) => {
        // One breakage often cascades into errors at the same place (an unterminated string, then ':' or '}'
        // expected at its end; each unclosed level at EOF): keep the first of errors that touch each other.
        if (offset <= lastErrorEnd || errors.length >= MAX_JSON_ERRORS) return;
        lastErrorEnd = offset + length;
        const start = Math.min(offset, text.length);
        const end = Math.min(text.length, Math.max(offset + length, start + 1));
        errors.push({ message: jsonErrorMessage(error, startLine, startCharacter), span: { start: Math.max(0, Math.min(start, end)), end } });
      },
    });
  } catch (e) {
    // jsonc-parser recurses per nesting level: absurd nesting overflows the stack. Report, never throw.
    errors.push({ message: `JSON could not be read: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, 1) } });
    return { root: undefined, errors: mergeErrors(guard.errors, errors), comments };
  }
  return { root, errors: mergeErrors(guard.errors, errors), comments };
}

/** The nesting errors among the parser's, in document order (the parser's are already in order). */
function mergeErrors(first: SyntaxError[], errors: SyntaxError[]): SyntaxError[] {
  if (first.length === 0) return errors;
  const out: SyntaxError[] = [];
  let i = 0;
  for (const e of errors) {
    while (i < first.length && first[i].span.start <= e.span.start) out.push(first[i++]);
    out.push(e);
  }
  while (i < first.length) out.push(first[i++]);
  return out;
}

/** CloudFormation JSON text → ParsedDocument. Non-template JSON (package.json, tsconfig...) → isTemplate false. */
export function parseCfnJson(text: string): ParsedDocument {
  try {
    const { root, errors, comments } = parseJsonValue(text);
    return templateFromRoot(root, errors, comments);
  } catch (e) {
    return notATemplate([{ message: `JSON could not be read: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, 1) } }]);
  }
}
