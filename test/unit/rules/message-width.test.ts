/**
 * Problem-first messages read whole in the Problems panel: at 1,280 px (the workbench suite's scenario 23 measures it)
 * a row shows about 88 characters of message and rule id together before it cuts the message. This guards the
 * examples' messages in the unit suite, where a long new message shows first.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { EXAMPLES } from '../helpers';

/** What is wrong and on what: up to the fix (" — ") or an aside in parentheses after the resource's name. */
function problemPart(message: string): string {
  let end = message.indexOf(' — ');
  if (end < 0) end = message.length;
  const name = message.indexOf('`', message.indexOf('`') + 1) + 1;
  const aside = message.indexOf(' (', name);
  if (aside > 0 && aside < end) end = aside;
  return message.slice(0, Math.max(end, name));
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ya?ml|json|tf)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('messages at the Problems panel\'s usual width', () => {
  it('every finding on the examples states its problem within 88 characters, rule id included', () => {
    let n = 0;
    for (const f of files(EXAMPLES)) {
      for (const x of analyzeText(f, fs.readFileSync(f, 'utf8')).findings) {
        const p = problemPart(x.message);
        n++;
        assert.ok(p.length + x.ruleId.length <= 88, `${path.relative(EXAMPLES, f)} ${x.ruleId}: "${p}" (${p.length} + ${x.ruleId.length})`);
      }
    }
    assert.ok(n > 30, `${n} findings`);
  });

  it('reads the problem as the message states it', () => {
    assert.equal(problemPart('Volume `V` is not encrypted — set `Encrypted: true` (server-side encryption · yours)'), 'Volume `V` is not encrypted');
    assert.equal(problemPart('Port 22 (SSH) open to 0.0.0.0/0 in `SG` — restrict'), 'Port 22 (SSH) open to 0.0.0.0/0 in `SG`');
    assert.equal(problemPart('Bucket `B` has no logging (off by default) — add'), 'Bucket `B` has no logging');
  });
});
