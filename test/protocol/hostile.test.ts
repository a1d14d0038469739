/**
 * The server under hostile load over real stdio LSP: huge numbers of resources and findings, CodeLens on large files,
 * hovers while typing. Every wait has a hang bound (generous: these take milliseconds to a few seconds), never a speed
 * assertion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertBuilt, LspSession, markdownOf } from './harness';

const HANG_MS = 60_000;

function buckets(n: number): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < n; i++) out.push(`  B${i}:`, '    Type: AWS::S3::Bucket');
  return out.join('\n') + '\n';
}

/** One security group with `n` ingress entries open to the world (flow style: under the 10 MB limit at 130,000). */
function openGroup(n: number): string {
  const out = ['Resources:', '  Open:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: open', '      SecurityGroupIngress:'];
  for (let i = 0; i < n; i++) out.push(`        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}`);
  return out.join('\n') + '\n';
}

describe('the server under hostile load', () => {
  let s: LspSession;
  before(async () => {
    assertBuilt();
    s = new LspSession({ configuration: false, codeLensRefresh: true });
    await s.initialize(null);
  });
  after(() => s?.kill());

  it('70,000 buckets (hundreds of thousands of findings): diagnostics are published, capped with a message; hover answers', async () => {
    const uri = 'untitled:buckets.yaml';
    const pub = await s.open(uri, 'yaml', buckets(70_000), 1, HANG_MS);
    const ds = pub.params.diagnostics;
    const cap = ds.find((d) => d.code === 'too-many-findings');
    assert.ok(cap, `no cap message among ${ds.length} diagnostics`);
    assert.match(String(cap.message), /^[\d,]+ findings in this file: the first 5,000 are shown/);
    assert.equal(ds.length, 5001);
    const h = await s.hover(uri, 3, 12);
    assert.match(markdownOf(h), /Simple Storage Service/);
    const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
    assert.equal(lenses.length, 70_000);
    assert.ok(s.alive());
  });

  it('one security group with 130,000 open ingress entries: published, capped, and the server still answers', async () => {
    const uri = 'untitled:open.yaml';
    const pub = await s.open(uri, 'yaml', openGroup(130_000), 1, HANG_MS);
    assert.ok(pub.params.diagnostics.some((d) => d.code === 'too-many-findings'), `${pub.params.diagnostics.length} diagnostics`);
    const h = await s.hover(uri, 2, 12);
    assert.match(markdownOf(h), /Virtual Private Cloud/);
  });

  it('CodeLens on 10,000 resources answers, and typing inside a value does not ask the editor to refresh lenses', async () => {
    const uri = 'untitled:many.yaml';
    const text = buckets(10_000).replace('Resources:', 'Description: typing here\nResources:');
    await s.open(uri, 'yaml', text, 1, HANG_MS);
    const t0 = performance.now();
    const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
    const ms = performance.now() - t0;
    assert.equal(lenses.length, 10_000);
    assert.ok(ms < HANG_MS, `codeLens took ${ms} ms`);
    const before = s.lensRefreshes;
    // Type into the description: the lens titles stay the same.
    for (let v = 2; v < 7; v++) {
      await s.change(uri, v, [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } }, text: 'x' }]);
    }
    assert.equal(s.lensRefreshes, before, 'no refresh: the editor re-asks for lenses of an edited document itself');
  });

  it('bidirectional controls in names reach neither diagnostics nor the outline', async () => {
    const uri = 'untitled:bidi.yaml';
    const pub = await s.open(uri, 'yaml', 'Resources:\n  "Data\u202eemuloV":\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      Encrypted: false\n');
    const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    assert.ok(pub.params.diagnostics.length > 0);
    for (const d of pub.params.diagnostics) assert.ok(!BIDI.test(String(d.message)), String(d.message));
    const symbols = (await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; detail?: string }[];
    assert.equal(symbols.length, 1);
    assert.ok(!BIDI.test(symbols[0].name + (symbols[0].detail ?? '')), symbols[0].name);
  });

  it('hovers while typing answer from the last analysis for resources the edits do not touch', async () => {
    const uri = 'untitled:typing.yaml';
    const lines = ['Resources:'];
    for (let i = 0; i < 2000; i++) lines.push(`  V${i}:`, '    Type: AWS::EC2::Volume', '    Properties:', '      Size: 10');
    await s.open(uri, 'yaml', lines.join('\n') + '\n', 1, HANG_MS);
    // A burst: each edit is followed at once by a hover on another resource (the analysis of that edit is pending).
    let answered = 0;
    const n = 60;
    for (let k = 0; k < n; k++) {
      void s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: k + 2 },
        contentChanges: [{ range: { start: { line: 4, character: 12 }, end: { line: 4, character: 12 } }, text: k % 2 ? '0' : '1' }],
      });
      const h = await s.hover(uri, 4 * 1000 + 2, 12);
      if (h && /Elastic Block Store/.test(markdownOf(h))) answered++;
    }
    assert.ok(answered >= n * 0.9, `${answered} of ${n} hovers answered`);
    // A hover inside the resource being edited may wait for its analysis, but never answers from a stale one.
    assert.ok(s.alive());
  });
});
