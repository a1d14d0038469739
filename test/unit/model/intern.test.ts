import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { intern } from '../../../server/src/core/model/intern';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * V8's representation of what `intern` returns for each input (`ONE_BYTE_STRING_TYPE`, `SLICED_ONE_BYTE_STRING_TYPE`...),
 * read from %DebugPrint in a child Node with natives syntax: no JavaScript API tells a flat string from a view.
 */
function representations(script: string): string[] {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return [...r.stdout.matchAll(/^ - type: (\w+)/gm)].map((m) => m[1]);
}

describe('intern (model/intern.ts)', () => {
  it('returns an equal string, and the first copy for every later equal one', () => {
    const text = 'Properties: { Key: DataClassification, Value: DataClassification }';
    const i = text.indexOf('DataClassification');
    const j = text.lastIndexOf('DataClassification');
    const a = intern(text.slice(i, i + 18));
    const b = intern(text.slice(j, j + 18));
    assert.equal(a, 'DataClassification');
    assert.equal(b, 'DataClassification');
    const long = 'x'.repeat(65);
    assert.equal(intern(long), long);
    const twoByte = 'Étiquette-de-données-€';
    assert.equal(intern(twoByte.slice(0)), twoByte);
  });

  it('keeps a flat copy of its own of a long substring, not a view that holds the whole text alive', () => {
    const script = `
      const { intern } = require(${JSON.stringify(path.join(ROOT, 'server/src/core/model/intern.ts'))});
      const print = new Function('s', '%DebugPrint(s)');
      const text = 'a'.repeat(100000) + ' owner-14@example.com ' + '€'.repeat(100000) + ' Étiquette-€-données ';
      const i = text.indexOf('owner');
      const slice = text.slice(i, i + 19);
      print(slice);
      print(intern(slice));
      const j = text.indexOf('Étiquette');
      print(intern(text.slice(j, j + 20)));
      print(intern(text.slice(i, i + 5)));
    `;
    const [input, copy, twoByte, short] = representations(script);
    assert.match(input, /^SLICED_/, 'the input is a view (else the test shows nothing)');
    assert.match(copy, /^ONE_BYTE_STRING_TYPE$|^ONE_BYTE_INTERNALIZED_STRING_TYPE$/);
    assert.match(twoByte, /^STRING_TYPE$|^INTERNALIZED_STRING_TYPE$/);
    // Shorter than 13 characters, V8 copies a substring anyway.
    assert.doesNotMatch(short, /SLICED|CONS/);
  });
});
