/**
 * The idle warm-up over real stdio LSP (lsp/warm-up.ts): a server left idle analyses its built-in templates and says so
 * in its log, then serves documents as before; a large template opened at once ends the warm-up but for one slice of
 * each template (whose analyzers the server keeps: core/shape-keeper.ts).
 * No timing is asserted: the figures it buys are in `npm run bench` (README, Performance).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { WARM_UP_SLICES } from '../../server/src/lsp/warm-up';
import { WARM_UP_TEXT_COUNT } from '../../server/src/core/warm-up/corpus';
import { assertBuilt, LspSession } from './harness';

/** A template of `n` resources, about 300 bytes each. */
function template(n: number): string {
  const out = ['Resources:'];
  for (let i = 0; i < n; i++) {
    out.push(`  Volume${i}:`, '    Type: AWS::EC2::Volume', '    Properties:', '      AvailabilityZone: us-east-1a', `      Size: ${10 + (i % 90)}`);
    out.push(`      Encrypted: ${i % 2 === 0}`, '      Tags:', '        - Key: Description', `          Value: volume number ${i} of a template long enough to end the warm-up`);
  }
  return out.join('\n') + '\n';
}

describe('warm-up while the server is idle', () => {
  const sessions: LspSession[] = [];
  after(() => sessions.forEach((s) => s.kill()));

  it('runs every slice when no document comes, and leaves the server answering as before', async () => {
    assertBuilt();
    const s = new LspSession({ configuration: false });
    sessions.push(s);
    await s.initialize(null);
    const line = await s.waitFor('the warm-up log line', () => s.logs.find((l) => l.startsWith('Warmed up while idle')), 60_000);
    assert.match(line, new RegExp(`^Warmed up while idle: ${WARM_UP_SLICES} analyses of built-in templates, \\d+ ms$`));
    const pub = await s.open('untitled:after-warm-up.yaml', 'yaml', template(4));
    const codes = pub.params.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`).sort();
    // Volumes 1 and 3 are not encrypted: their `Encrypted: false` lines (the warm-up left no finding of its own behind).
    assert.deepEqual(codes, ['ebs-volume-encryption@15', 'ebs-volume-encryption@33']);
    const hover = await s.hover('untitled:after-warm-up.yaml', 2, 12);
    assert.ok(hover, 'a hover card for the volume');
  });

  it('ends when a large template is opened at once, after one slice of each built-in template while idle', async () => {
    assertBuilt();
    const s = new LspSession({ configuration: false });
    sessions.push(s);
    await s.initialize(null);
    const text = template(1200);
    assert.ok(text.length >= 256 * 1024, `${text.length} characters`);
    const pub = await s.open('untitled:large.yaml', 'yaml', text, 1, 60_000);
    assert.equal(pub.params.diagnostics.filter((d) => d.code === 'ebs-volume-encryption').length, 600);
    const line = await s.waitFor('the warm-up end line', () => s.logs.find((l) => l.startsWith('Warm-up ended')), 10_000);
    assert.equal(line, `Warm-up ended by the analysis of a large document, after 0 of ${WARM_UP_SLICES} analyses of built-in templates (one of each template still runs while idle, to keep their compiled code)`);
    // Those slices run once the server has been idle for the delay; they publish nothing.
    const done = await s.waitFor('the warm-up done line', () => s.logs.find((l) => l.startsWith('Warmed up')), 10_000);
    assert.match(done, new RegExp(`^Warmed up while idle: ${WARM_UP_TEXT_COUNT} analyses of built-in templates, \\d+ ms$`));
    assert.equal(s.count('untitled:large.yaml'), 1);
  });
});
