/** Random edits of YAML text (the kinds an editor session produces), for differential fuzzing. */
import fc from 'fast-check';

const INSERTS = [':', '-', ' ', '  ', '\n', '#', "'", '"', '[', ']', '{', '}', ',', '!', '|', '>', '&', '*', '?', '\t', '\\', '---\n', '- ', ': ', ' #', '!Ref ', '\0', '\r\n'];

export type Edit =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'indent'; line: number; delta: number }
  | { kind: 'dupLine'; line: number }
  | { kind: 'truncate'; at: number };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('dupLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyEdit(text: string, e: Edit): string {
  const n = Math.max(text.length, 1);
  switch (e.kind) {
    case 'delete': {
      const at = e.at % n;
      return text.slice(0, at) + text.slice(at + e.len);
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'indent':
    case 'dupLine': {
      const lines = text.split('\n');
      const i = e.line % lines.length;
      if (e.kind === 'dupLine') lines.splice(i, 0, lines[i]);
      else lines[i] = e.delta > 0 ? ' '.repeat(e.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-e.delta}}`), '');
      return lines.join('\n');
    }
  }
}
