/**
 * One copy of each short string the parsers read again and again (`Type`, `Properties`, `Key`, `Value`, `Enabled`,
 * `true`...): a 10,000-resource template held half a million duplicate keys and values (12 MB), and keys and values cut
 * from a chunk's text kept the whole chunk alive. Bounded: the table is emptied when it grows past its limit, so a
 * document of unique strings cannot make it grow without end.
 */
const MAX_LENGTH = 64;
const MAX_ENTRIES = 20_000;
let table = new Map<string, string>();

/** `s`, or the equal string already in the table (a string of its own, not a view into a larger text); longer ones as they are. */
export function intern(s: string): string {
  if (s.length > MAX_LENGTH) return s;
  const hit = table.get(s);
  if (hit !== undefined) return hit;
  if (table.size >= MAX_ENTRIES) table = new Map();
  const own = s.length < 13 ? s : ownCopy(s);
  table.set(own, own);
  return own;
}

/** Empties the table (the language server's warm-up, lsp/warm-up.ts, leaves none of its strings behind). */
export function forgetInterned(): void {
  table = new Map();
}

/**
 * A substring of 13+ characters is a view into the text it was cut from (V8's sliced string, 32 bytes, holding the
 * text alive): a copy of its own, flat. (Slicing a concatenation, `(' ' + s).slice(1)`, is itself a view — into a
 * flattened copy of the concatenation: two objects. Joining the characters makes one flat string; ≤ 64 of them, once
 * per distinct string.)
 */
function ownCopy(s: string): string {
  return s.split('').join('');
}
