/** Shared helpers for the HCL/Terraform parser tests. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Span } from '../../../server/src/core/model/types';

export const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

/** Every `.tf` file of the corpus (fails when the corpus is missing). */
export function corpusTfFiles(): string[] {
  const root = path.join(CORPUS, 'terraform');
  assert.ok(fs.existsSync(root), `corpus missing: ${root}`);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tf')) out.push(p);
    }
  };
  walk(root);
  out.sort();
  assert.ok(out.length > 50, `expected many .tf files in ${root}, found ${out.length}`);
  return out;
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Recursively check every `span`/`*Span` object inside `value` lies within [0, len] with start <= end. */
export function assertSpansInside(value: unknown, len: number): void {
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Map) {
      for (const x of v.values()) stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      assert.ok(o.start >= 0 && o.start <= o.end && o.end <= len, `bad span ${o.start}-${o.end} (len ${len})`);
    }
    for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push(x);
  }
}

/** One random edit: at a fraction of the text, delete `del` characters and insert `ins`. */
export interface TextEdit {
  readonly at: number;
  readonly del: number;
  readonly ins: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.floor(t.length * e.at);
    t = t.slice(0, at) + e.ins + t.slice(at + e.del);
  }
  return t;
}
