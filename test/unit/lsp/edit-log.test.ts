/** The edit log: regions composed across changes always contain what changed, and the text it produces is the editor's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeRegions, EditLog } from '../../../server/src/lsp/edit-log';
import { applyTextEdit } from '../../../server/src/core/parse/text-diff';
import { createDocument } from '../../../server/src/lsp/text-document';
import { hoverThroughEdit } from '../../../server/src/core/present/stale-hover';
import { analyzeText } from '../../../server/src/core/document';

const change = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: fc.array(fc.constantFrom('a', '\n', ' ', 'é', 'x'), { maxLength: 5 }).map((xs) => xs.join('')) });

describe('edit log', () => {
  it('regions composed over random changes (several per notification) cover every change; the text is TextDocument.update’s', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (original, batches) => {
        const log = new EditLog();
        let doc = createDocument('file:///a.yaml', 'yaml', 0, original);
        let reference = TextDocument.create('file:///b.yaml', 'yaml', 0, original);
        let version = 0;
        const texts = [original];
        for (const batch of batches) {
          version++;
          const changes = batch.map((c) => {
            // Ranges in the text as it is when the change applies (each change after the one before, as LSP says).
            const t = reference.getText();
            const at = c.at % (t.length + 1);
            const end = Math.min(t.length, at + c.del);
            const ch = { range: { start: reference.positionAt(at), end: reference.positionAt(end) }, text: c.ins };
            reference = TextDocument.update(reference, [ch], version);
            return ch;
          });
          doc = log.update(doc, changes, version);
          assert.equal(doc.getText(), reference.getText());
          texts.push(doc.getText());
        }
        const now = doc.getText();
        for (let from = 0; from < version; from++) {
          const r = log.since('file:///a.yaml', from, version);
          assert.ok(r, `a region from version ${from}`);
          const old = texts[from];
          assert.equal(now.length, old.length + r.delta);
          assert.ok(r.start >= 0 && r.start <= r.oldEnd && r.oldEnd <= old.length);
          assert.equal(now.slice(0, r.start), old.slice(0, r.start));
          assert.equal(now.slice(r.oldEnd + r.delta), old.slice(r.oldEnd));
          // The changes as one edit of that version's text: applied to it, they give the text now.
          const e = log.editSince('file:///a.yaml', from, version, old);
          assert.ok(e, `an edit from version ${from}`);
          assert.equal(applyTextEdit(old, e), now);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('composes two edits as the text before the first', () => {
    // "abcdef": replace "bc" by "XYZ" (→ "aXYZdef"), then delete "Zd" (→ "aXYef").
    const r = composeRegions({ start: 1, oldEnd: 3, delta: 1 }, { start: 3, oldEnd: 5, delta: -2 });
    assert.deepEqual(r, { start: 1, oldEnd: 4, delta: -1 });
    assert.equal('abcdef'.slice(0, r.start) + 'aXYef'.slice(r.start, r.oldEnd + r.delta) + 'abcdef'.slice(r.oldEnd), 'aXYef');
  });

  it('a whole-text change, or versions it did not see, give no region (the texts are compared instead)', () => {
    const log = new EditLog();
    let doc = createDocument('file:///a.yaml', 'yaml', 0, 'abc');
    doc = log.update(doc, [{ text: 'xyz' }], 1);
    assert.equal(doc.getText(), 'xyz');
    assert.equal(log.since('file:///a.yaml', 0, 1), undefined);
    assert.equal(log.editSince('file:///a.yaml', 0, 1, 'abc'), undefined);
    doc = log.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'q' }], 3);
    assert.equal(log.since('file:///a.yaml', 1, 3), undefined, 'version 2 was never recorded');
    assert.deepEqual(log.since('file:///a.yaml', 2, 3), { start: 0, oldEnd: 1, delta: 0 });
    assert.deepEqual(log.editSince('file:///a.yaml', 2, 3, 'xyz'), { start: 0, oldEnd: 1, text: 'q' });
    // A paste too large to keep: its region is known, not its text.
    log.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'p'.repeat(70_000) }], 4);
    assert.ok(log.since('file:///a.yaml', 3, 4));
    assert.equal(log.editSince('file:///a.yaml', 3, 4, 'qyz'), undefined);
  });

  it('a hover through the recorded region answers as through the compared texts', () => {
    const text = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    const analysis = analyzeText('t.yaml', text);
    const log = new EditLog();
    let doc = createDocument('file:///t.yaml', 'yaml', 1, text);
    const at = text.indexOf('10');
    doc = log.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: '2' }], 2);
    const offset = doc.getText().indexOf('AWS::S3::Bucket');
    const viaLog = hoverThroughEdit(analysis, text, doc.getText(), offset, {}, log.since('file:///t.yaml', 1, 2));
    const viaDiff = hoverThroughEdit(analysis, text, doc.getText(), offset, {});
    assert.ok(viaLog);
    assert.deepEqual(viaLog, viaDiff);
  });
});
