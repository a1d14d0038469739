/** The server's document (lsp/text-document.ts) behaves as vscode-languageserver-textdocument's after any changes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDocument } from '../../../server/src/lsp/text-document';

const piece = fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ' ', 'é', '😀'), { maxLength: 6 }).map((xs) => xs.join(''));
/** A change as an editor sends it: a range (either order, possibly past the end) and its text, or the whole text. */
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ sl: fc.nat({ max: 8 }), sc: fc.nat({ max: 10 }), el: fc.nat({ max: 8 }), ec: fc.nat({ max: 10 }), text: piece }) },
  { weight: 1, arbitrary: fc.record({ text: piece }) },
);

function sameDocument(ours: TextDocument, ref: TextDocument): void {
  const text = ref.getText();
  assert.equal(ours.getText(), text);
  assert.equal(ours.version, ref.version);
  assert.equal(ours.lineCount, ref.lineCount);
  for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(ours.positionAt(o), ref.positionAt(o), `positionAt(${o}) in ${JSON.stringify(text)}`);
  for (let line = -1; line <= ref.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), ref.getLineRange(line), `getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), ref.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 12; character++) {
      const p = { line, character };
      assert.equal(ours.offsetAt(p), ref.offsetAt(p), `offsetAt(${line}:${character}) in ${JSON.stringify(text)}`);
    }
  }
}

describe('text document', () => {
  it('random changes (CR, LF, CR LF split and joined, surrogate pairs, reversed ranges, characters past the end of a line) give the library’s text, positions and offsets', () => {
    fc.assert(
      fc.property(piece.chain((p) => fc.constant(p)), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (original, batches) => {
        const ours = createDocument('file:///a.yaml', 'yaml', 0, original);
        let ref = TextDocument.create('file:///a.yaml', 'yaml', 0, original);
        sameDocument(ours, ref);
        let version = 0;
        for (const batch of batches) {
          version++;
          // One notification's changes, each in the text the one before left: lines within it (past its end, the
          // library's own line starts go wrong; editors do not send such ranges).
          const changes = batch.map((c) => {
            const n = ref.lineCount;
            const ch = 'sl' in c ? { range: { start: { line: c.sl % n, character: c.sc }, end: { line: c.el % n, character: c.ec } }, text: c.text } : { text: c.text };
            ref = TextDocument.update(ref, [ch], version);
            return ch;
          });
          ours.update(changes, version);
          sameDocument(ours, ref);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a longer text without CR: the line starts are kept up to date without reading the text', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}: ${'x'.repeat(i % 7)}`);
    const ours = createDocument('file:///b.yaml', 'yaml', 1, lines.join('\n'));
    let ref = TextDocument.create('file:///b.yaml', 'yaml', 1, lines.join('\n'));
    for (let v = 2; v < 60; v++) {
      const line = (v * 37) % 190;
      const ch = { range: { start: { line, character: 3 }, end: { line: line + (v % 3), character: 1 } }, text: v % 4 === 0 ? 'a\nb\n' : 'yy' };
      ours.update([ch], v);
      ref = TextDocument.update(ref, [ch], v);
    }
    sameDocument(ours, ref);
  });
});
