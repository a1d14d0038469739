/** Every UI string of the presentation layer goes through l10n.t with a literal message, and the bundle lists them all. */
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';
// A plain ES module shared with scripts/l10n-bundle.mjs.
import { L10N_SOURCES } from '../../../scripts/l10n-sources.mjs';

const FILES: readonly string[] = L10N_SOURCES;

function messages(src: string): { literal: string[]; dynamic: number } {
  const literal: string[] = [];
  let dynamic = 0;
  const re = /\bl10n\.t\(\s*/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const rest = src.slice(m.index + m[0].length);
    const q = rest[0];
    if (q !== "'" && q !== '"') {
      dynamic++;
      continue;
    }
    let s = '';
    let i = 1;
    while (i < rest.length && rest[i] !== q) {
      if (rest[i] === '\\') {
        s += rest[i + 1];
        i += 2;
      } else s += rest[i++];
    }
    literal.push(s);
  }
  return { literal, dynamic };
}

describe('localization', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  for (const f of FILES) {
    it(`${f}: literal messages, all in l10n/bundle.l10n.json`, () => {
      const { literal, dynamic } = messages(fs.readFileSync(path.join(ROOT, f), 'utf8'));
      assert.equal(dynamic, 0, 'messages must be literals so they can be extracted');
      for (const m of literal) assert.ok(m in bundle, `missing in bundle: ${JSON.stringify(m)}`);
    });
  }
});
