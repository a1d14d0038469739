import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/core/present/positions';
import { codeLenses, codeLensTitle } from '../../../server/src/lsp/code-lens';
import { documentSymbols } from '../../../server/src/lsp/symbols';
import { SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { example } from './fixtures';
import { analyzeText } from '../../../server/src/core/document';

const web = example('cloudformation/web-app.yaml');
const tf = example('terraform/main.tf');

describe('CodeLens', () => {
  it('one lens per classified resource, on its name line, opening the view on it', () => {
    const idx = new LineIndex(web.text);
    const lenses = codeLenses(web.analysis, idx, 'file:///w/web-app.yaml');
    assert.equal(lenses.length, web.analysis.resources.filter((r) => r.kind !== 'unknown').length);
    const db = web.analysis.resources.find((r) => r.resource.id === 'Database')!;
    const lens = lenses.find((l) => l.range.start.line === idx.positionAt(db.resource.nameSpan.start).line)!;
    assert.equal(lens.command?.command, 'awsResponsibility.showModel');
    assert.deepEqual(lens.command?.arguments, [{ uri: 'file:///w/web-app.yaml', resourceId: 'Database' }]);
    const you = db.duties.filter((d) => d.owner !== 'aws').length;
    const aws = db.duties.length - you;
    const gaps = new Set(db.findings.map((f) => f.duty)).size;
    assert.ok(gaps >= 2);
    assert.equal(lens.command?.title, `Container service · you: ${you} duties (${gaps} gaps) · AWS: ${aws}`);
  });

  it('counts unknowns, and gaps only from the findings given (rules turned off do not count)', () => {
    const a = analyzeText('x.yaml', `Parameters:\n  E:\n    Type: String\nResources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: !Ref E\n  D:\n    Type: AWS::EC2::Volume\n`);
    const [v, d] = a.resources;
    assert.match(codeLensTitle(v), /^Infrastructure service · you: \d+ duties \(1 depends on deploy-time values\) · AWS: \d+$/);
    assert.match(codeLensTitle(d), /\(1 gap\)/);
    assert.doesNotMatch(codeLensTitle(d, []), /gap/);
  });

  it('works with a TextDocument too, and skips unknown types', () => {
    const doc = TextDocument.create('file:///m.tf', 'terraform', 1, tf.text);
    const lenses = codeLenses(tf.analysis, doc, doc.uri);
    const unknown = tf.analysis.resources.filter((r) => r.kind === 'unknown').length;
    assert.ok(unknown > 0);
    assert.equal(lenses.length, tf.analysis.resources.length - unknown);
    for (const l of lenses) assert.ok(tf.text.split('\n')[l.range.start.line].includes('"'), 'lens on the block line');
  });
});

describe('document symbols', () => {
  it('lists every resource with its type and kind; selection inside range', () => {
    const idx = new LineIndex(web.text);
    const syms = documentSymbols(web.analysis, idx);
    assert.deepEqual(syms.map((s) => s.name), web.analysis.resources.map((r) => r.resource.name));
    const db = syms.find((s) => s.name === 'Database')!;
    const n = web.analysis.resources.find((r) => r.resource.id === 'Database')!.findings.length;
    assert.equal(db.detail, `AWS::RDS::DBInstance · container · ${n} gaps`);
    assert.equal(db.kind, SymbolKind.Module);
    for (const s of syms) {
      const inside = (p: { line: number; character: number }) =>
        (p.line > s.range.start.line || (p.line === s.range.start.line && p.character >= s.range.start.character)) &&
        (p.line < s.range.end.line || (p.line === s.range.end.line && p.character <= s.range.end.character));
      assert.ok(inside(s.selectionRange.start) && inside(s.selectionRange.end), s.name);
    }
  });

  it('Terraform symbols are type.name', () => {
    const syms = documentSymbols(tf.analysis, new LineIndex(tf.text));
    assert.ok(syms.some((s) => s.name === 'aws_db_instance.main' && /container/.test(s.detail ?? '')));
  });
});
