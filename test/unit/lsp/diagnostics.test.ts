/**
 * The server's diagnostics across edits: Diagnostic objects reused for unchanged findings (DiagnosticCache) must give
 * exactly what a fresh conversion gives, and the stdio encoder's JSON must be the message's JSON.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/src/core/document';
import { effectiveFindings } from '../../../server/src/core/findings';
import { relatedInformationConverter } from '../../../server/src/lsp/related-info';
import { DiagnosticCache, toDiagnostics } from '../../../server/src/lsp/server';
import { messageChunks } from '../../../server/src/lsp/stdio-writer';
import { positionShift } from '../../../server/src/lsp/position-shift';
import fc from 'fast-check';

const messageJson = (m: Parameters<typeof messageChunks>[0]): Buffer => Buffer.concat(messageChunks(m));
import { generate } from '../../../bench/generate';

function converted(analyzer: DocumentAnalyzer, text: string, version: number, cache?: DiagnosticCache) {
  const doc = TextDocument.create('file:///t.yaml', 'yaml', version, text);
  const analysis = analyzer.analyze(text);
  const shown = effectiveFindings(analysis, text, {});
  return { fresh: toDiagnostics(doc, analysis, shown), cached: cache ? toDiagnostics(doc, analysis, shown, cache) : [] };
}

describe('diagnostics across edits', () => {
  const text = generate('yaml', 60);
  const at = text.indexOf('resource-30');

  it('reuses the Diagnostic objects of unchanged findings and equals a fresh conversion', () => {
    const analyzer = new DocumentAnalyzer('cfn-yaml');
    const cache = new DiagnosticCache();
    const first = converted(analyzer, text, 1, cache);
    assert.deepEqual(first.cached, first.fresh);
    assert.equal(cache.reused, 0);
    // A character typed inside one resource: every other finding keeps its Diagnostic object.
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const second = converted(analyzer, edited, 2, cache);
    assert.deepEqual(second.cached, second.fresh);
    const same = second.cached.filter((d) => first.cached.includes(d)).length;
    assert.ok(same > 0 && same === cache.reused, `${same} reused of ${second.cached.length}`);
    assert.ok(cache.reused >= second.cached.length - 10, `${cache.reused} of ${second.cached.length} reused`);
    // A line inserted at the top moves every range: nothing may be reused with its old range.
    const shifted = '# comment\n' + edited;
    const third = converted(analyzer, shifted, 3, cache);
    assert.deepEqual(third.cached, third.fresh);
    assert.equal(cache.reused, 0);
    // And back: equal to fresh again.
    const fourth = converted(analyzer, text, 4, cache);
    assert.deepEqual(fourth.cached, fourth.fresh);
  });

  it('does not reuse a diagnostic whose finding changed (severity, message) at the same place', () => {
    const analyzer = new DocumentAnalyzer('cfn-yaml');
    const cache = new DiagnosticCache();
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const analysis = analyzer.analyze(text);
    const shown = effectiveFindings(analysis, text, {});
    const a = toDiagnostics(doc, analysis, shown, cache);
    const changed = shown.map((f, i) => (i === 0 ? { ...f, severity: f.severity === 'error' ? ('hint' as const) : ('error' as const) } : f));
    const b = toDiagnostics(doc, analysis, changed, cache);
    assert.notEqual(b[0], a[0]);
    assert.deepEqual(b, toDiagnostics(doc, analysis, changed));
    assert.equal(cache.reused, shown.length - 1);
  });
});

describe('diagnostics moved by the editor\'s change', () => {
  const text = generate('yaml', 60);
  // An edit at `at` of `len` characters replaced by `ins`, with the conversion told the region (as the server does from
  // its edit log): positions of the findings before and after it are moved, not searched; the result is a fresh one's.
  it('equals a fresh conversion after any edits, and moves the unchanged findings without reading the text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('x', '\n', '\n# note\n', '', '  ', 'y\r\n')), { minLength: 1, maxLength: 6 }), (edits) => {
        const analyzer = new DocumentAnalyzer('cfn-yaml');
        const cache = new DiagnosticCache();
        let cur = text;
        let version = 1;
        converted(analyzer, cur, version, cache);
        for (const [pos, len, ins] of edits) {
          const start = pos % (cur.length + 1);
          const oldEnd = Math.min(cur.length, start + len);
          cur = cur.slice(0, start) + ins + cur.slice(oldEnd);
          version++;
          const doc = TextDocument.create('file:///t.yaml', 'yaml', version, cur);
          const analysis = analyzer.analyze(cur);
          const shown = effectiveFindings(analysis, cur, {});
          const shift = positionShift(doc, { start, oldEnd, delta: ins.length - (oldEnd - start) }, cache.lineCount);
          assert.deepEqual(toDiagnostics(doc, analysis, shown, cache, undefined, shift), toDiagnostics(doc, analysis, shown));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a character typed in one resource: every other finding keeps its Diagnostic object, its position not searched', () => {
    const analyzer = new DocumentAnalyzer('cfn-yaml');
    const cache = new DiagnosticCache();
    const first = converted(analyzer, text, 1, cache).cached;
    const at = text.indexOf('resource-30');
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 2, edited);
    const analysis = analyzer.analyze(edited);
    const shown = effectiveFindings(analysis, edited, {});
    const second = toDiagnostics(doc, analysis, shown, cache, undefined, positionShift(doc, { start: at, oldEnd: at, delta: 1 }, cache.lineCount));
    assert.deepEqual(second, toDiagnostics(doc, analysis, shown));
    assert.ok(cache.shifted >= second.length - 10, `${cache.shifted} of ${second.length} moved`);
    assert.equal(second.filter((d) => first.includes(d)).length, cache.reused);
    // A line added above every finding: each moves down a line, as a new object (its JSON changed).
    const third = '# top\n' + edited;
    const doc3 = TextDocument.create('file:///t.yaml', 'yaml', 3, third);
    const a3 = analyzer.analyze(third);
    const s3 = effectiveFindings(a3, third, {});
    const moved = toDiagnostics(doc3, a3, s3, cache, undefined, positionShift(doc3, { start: 0, oldEnd: 0, delta: 6 }, cache.lineCount));
    assert.deepEqual(moved, toDiagnostics(doc3, a3, s3));
    assert.equal(cache.reused, 0);
  });
});

describe('the stdio JSON encoder', () => {
  const parse = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));
  it('writes a publication as its JSON, from cached parts, the same on every call', () => {
    const diagnostics = [
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } }, severity: 2, source: 's', code: 'r', message: 'Bucket `a` — «ü» "q" \\ \u2028', data: { fix: undefined, owner: 'customer' } },
      { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 1 } }, severity: 1, message: 'second' },
    ];
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a b.yaml', version: 7, diagnostics } };
    const once = messageJson(msg);
    assert.deepEqual(parse(once), JSON.parse(JSON.stringify(msg)));
    assert.equal(once.toString('utf8'), JSON.stringify(msg));
    assert.equal(messageJson(msg).toString('utf8'), once.toString('utf8'));
    // No version, no diagnostics, a version left undefined.
    for (const params of [{ uri: 'u', diagnostics: [] }, { uri: 'u', version: undefined, diagnostics }, { diagnostics }]) {
      const m = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
      assert.deepEqual(parse(messageJson(m)), JSON.parse(JSON.stringify(m)));
    }
  });
  it('writes any other message as JSON.stringify does', () => {
    const msg = { jsonrpc: '2.0', id: 3, result: { contents: { kind: 'markdown', value: 'x ü' } } };
    assert.equal(messageJson(msg).toString('utf8'), JSON.stringify(msg));
  });
});

describe('related information across edits', () => {
  it('a diagnostic whose related place moved is rebuilt, not reused with the old place', () => {
    // The parameters after the resources: a line added between them moves the parameter, not the finding.
    const base = (pad: string): string =>
      `Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr}\n${pad}Parameters:\n  Cidr:\n    Type: String\n    Default: 0.0.0.0/0\n`;
    const analyzer = new DocumentAnalyzer('cfn-yaml');
    const cache = new DiagnosticCache();
    const run = (text: string, version: number) => {
      const doc = TextDocument.create('file:///r.yaml', 'yaml', version, text);
      const analysis = analyzer.analyze(text);
      const related = relatedInformationConverter(analysis, { uri: doc.uri, positionAt: (o) => doc.positionAt(o), textOf: () => undefined, uriOf: () => undefined });
      return toDiagnostics(doc, analysis, effectiveFindings(analysis, text, {}), cache, related).find((d) => d.code === 'security-group-open-ingress')!;
    };
    const first = run(base(''), 1);
    assert.equal(first.relatedInformation?.[0].location.range.start.line, 8);
    const again = run(base(''), 2);
    assert.equal(again, first, 'unchanged: the same object');
    const moved = run(base('# the CIDR the web tier is open to\n'), 3);
    assert.deepEqual(moved.range, first.range, 'the finding itself did not move');
    assert.notEqual(moved, first);
    assert.equal(moved.relatedInformation?.[0].location.range.start.line, 9);
  });
});
