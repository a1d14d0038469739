/** Splits a YAML template the way the lead's incremental parser does: top-level sections, and each resource of `Resources`. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Chunk {
  readonly text: string;
  readonly base: number;
}

/** The corpus of real templates (read-only, outside the repo); throws when it is missing. */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

export function corpusYamlFiles(): string[] {
  if (!fs.existsSync(CORPUS_DIR)) throw new Error(`corpus missing: ${CORPUS_DIR}`);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  walk(CORPUS_DIR);
  return out.sort();
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (i + 1 < text.length) starts.push(i + 1);
  return starts;
}

function indentOf(text: string, start: number): number {
  let i = start;
  while (text[i] === ' ') i++;
  return i - start;
}

function isContent(text: string, start: number): boolean {
  const c = text[start + indentOf(text, start)];
  return c !== undefined && c !== '\n' && c !== '#' && c !== '\r';
}

export function splitChunks(text: string): Chunk[] {
  const starts = lineStarts(text);
  const sectionStarts = starts.filter((s) => s === 0 || (isContent(text, s) && indentOf(text, s) === 0 && !/^(---|\.\.\.)(\s|$)/.test(text.slice(s, s + 4))));
  if (sectionStarts[0] !== 0) sectionStarts.unshift(0);
  const chunks: Chunk[] = [];
  for (let k = 0; k < sectionStarts.length; k++) {
    const from = sectionStarts[k];
    const to = k + 1 < sectionStarts.length ? sectionStarts[k + 1] : text.length;
    if (from >= to) continue;
    const firstLine = text.slice(from, text.indexOf('\n', from) === -1 ? to : text.indexOf('\n', from));
    if (!/^Resources\s*:\s*(#.*)?$/.test(firstLine)) {
      chunks.push({ text: text.slice(from, to), base: from });
      continue;
    }
    const inner = starts.filter((s) => s > from && s < to && isContent(text, s));
    const childIndent = inner.length > 0 ? indentOf(text, inner[0]) : -1;
    const cuts = [from, ...inner.filter((s) => indentOf(text, s) === childIndent && text[s + childIndent] !== '-'), to];
    for (let c = 0; c + 1 < cuts.length; c++) {
      if (cuts[c] < cuts[c + 1]) chunks.push({ text: text.slice(cuts[c], cuts[c + 1]), base: cuts[c] });
    }
  }
  return chunks;
}
