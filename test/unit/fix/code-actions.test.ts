import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../../server/src/core/document';
import { applySuppressions } from '../../../server/src/core/suppress';
import { codeActions, SHOW_RULE_DOC_COMMAND } from '../../../server/src/lsp/code-actions';
import { DiagnosticCache, toDiagnostics } from '../../../server/src/lsp/server';

/** Diagnostics shaped as server.ts builds them. */
function setup(file: string, text: string) {
  const doc = TextDocument.create(`file:///w/${file}`, file.endsWith('.tf') ? 'terraform' : 'yaml', 1, text);
  const analysis = analyzeText(file, text);
  const diagnostics: Diagnostic[] = applySuppressions(analysis, text).findings.map((f) => ({
    range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
    severity: DiagnosticSeverity.Warning,
    source: 'aws-responsibility',
    code: f.ruleId,
    message: f.message,
    data: { resource: f.resource, duty: f.duty, owner: f.owner, fix: f.fix, suggestion: f.suggestion },
  }));
  const params = (ds: Diagnostic[], only?: string[]): CodeActionParams => ({
    textDocument: { uri: doc.uri },
    range: ds[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: ds, ...(only ? { only } : {}) },
  });
  const apply = (edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]) =>
    TextDocument.applyEdits(doc, edits);
  return { doc, analysis, diagnostics, params, apply };
}

describe('codeActions', () => {
  const text = "Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: false\n";

  it('offers the preferred fix, an ignore and the documentation for a finding', () => {
    const { doc, analysis, diagnostics, params, apply } = setup('t.yaml', text);
    const d = diagnostics.filter((x) => x.code === 'ebs-volume-encryption');
    const actions = codeActions(params(d), doc, analysis);
    assert.deepEqual(actions.map((a) => a.title), ['Set Encrypted to true', 'Ignore ebs-volume-encryption for Vol…', 'Show documentation for ebs-volume-encryption']);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].kind, 'quickfix');
    const fixed = apply(actions[0].edit!.changes![doc.uri]);
    assert.equal(fixed, text.replace('false', 'true'));
    assert.equal(analyzeText('t.yaml', fixed).findings.filter((f) => f.ruleId === 'ebs-volume-encryption').length, 0);
    assert.ok(apply(actions[1].edit!.changes![doc.uri]).includes('  # aws-responsibility-ignore ebs-volume-encryption: TODO: reason\n  Vol:'));
    assert.deepEqual(actions[2].command, { title: 'Show documentation for ebs-volume-encryption', command: SHOW_RULE_DOC_COMMAND, arguments: ['ebs-volume-encryption'] });
    assert.equal(actions[2].edit, undefined);
  });

  it('offers "Change to X" for an unknown type', () => {
    const t = 'resource "aws_s3_bukket" "b" {}\n';
    const { doc, analysis, diagnostics, params, apply } = setup('main.tf', t);
    const actions = codeActions(params(diagnostics), doc, analysis);
    const change = actions.find((a) => a.title === 'Change to aws_s3_bucket');
    assert.ok(change);
    assert.equal(apply(change.edit!.changes![doc.uri]), 'resource "aws_s3_bucket" "b" {}\n');
  });

  it('offers removal of an unused suppression, ignores foreign and non-rule diagnostics, honours `only`', () => {
    const t = "Resources:\n  # aws-responsibility-ignore rds-storage-encryption: x\n  T:\n    Type: AWS::SNS::Topic\n";
    const { doc, analysis, diagnostics, params, apply } = setup('t.yaml', t);
    const unused = diagnostics.filter((x) => x.code === 'unused-suppression');
    assert.equal(unused.length, 1);
    const actions = codeActions(params(unused), doc, analysis);
    assert.deepEqual(actions.map((a) => a.title), ['Remove unused suppression']);
    assert.equal(apply(actions[0].edit!.changes![doc.uri]), "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
    const foreign: Diagnostic = { ...unused[0], source: 'cfn-lint' };
    const syntax: Diagnostic = { ...unused[0], code: 'syntax-error' };
    assert.deepEqual(codeActions(params([foreign, syntax]), doc, analysis), []);
    assert.deepEqual(codeActions(params(unused, ['refactor']), doc, analysis), []);
    assert.equal(codeActions(params(unused, ['quickfix']), doc, analysis).length, 1);
  });

  it('offers removal of an unused CloudFormation Metadata suppression entry', () => {
    const t = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Owner: me\n      aws-responsibility:\n        ignore:\n          - rule: rds-storage-encryption\n            reason: copied\n';
    const { doc, analysis, diagnostics, params, apply } = setup('t.yaml', t);
    const unused = diagnostics.filter((x) => x.code === 'unused-suppression');
    assert.equal(unused.length, 1);
    const actions = codeActions(params(unused), doc, analysis);
    assert.deepEqual(actions.map((a) => a.title), ['Remove unused suppression']);
    assert.equal(apply(actions[0].edit!.changes![doc.uri]), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Owner: me\n');
  });

  it('tolerates a diagnostic with junk data and merges duplicate actions', () => {
    const { doc, analysis, diagnostics, params } = setup('t.yaml', text);
    const d = diagnostics.filter((x) => x.code === 'ebs-volume-encryption')[0];
    const junk: Diagnostic = { ...d, data: { resource: 42, fix: { title: 'x', path: 'Encrypted', value: {} } } };
    const actions = codeActions(params([junk, d, d]), doc, analysis);
    assert.deepEqual(actions.map((a) => a.title), ['Show documentation for ebs-volume-encryption', 'Set Encrypted to true', 'Ignore ebs-volume-encryption for Vol…']);
    assert.equal(actions[0].diagnostics!.length, 3);
  });
});

describe('codeActions on diagnostics as the server sends them (no data)', () => {
  /** The server's conversion (toDiagnostics into the document's DiagnosticCache) and its lookup. */
  function served(file: string, text: string) {
    const doc = TextDocument.create(`file:///w/${file}`, file.endsWith('.tf') ? 'terraform' : 'yaml', 1, text);
    const analysis = analyzeText(file, text);
    const cache = new DiagnosticCache();
    const diagnostics = toDiagnostics(doc, analysis, applySuppressions(analysis, text).findings, cache);
    const params = (ds: Diagnostic[]): CodeActionParams => ({ textDocument: { uri: doc.uri }, range: ds[0].range, context: { diagnostics: ds } });
    return { doc, analysis, diagnostics, params, findingOf: (d: Diagnostic) => cache.findingOf(d) };
  }

  it('sends no data, and finds the finding of a diagnostic in the last conversion: fix, ignore, documentation', () => {
    const text = "Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: false\n";
    const { doc, analysis, diagnostics, params, findingOf } = served('t.yaml', text);
    const d = diagnostics.filter((x) => x.code === 'ebs-volume-encryption');
    assert.equal(d.length, 1);
    assert.equal(d[0].data, undefined);
    // As the client sends it back: a copy (JSON), not the server's object.
    const back = JSON.parse(JSON.stringify(d)) as Diagnostic[];
    assert.deepEqual(codeActions(params(back), doc, analysis, findingOf).map((a) => a.title), ['Set Encrypted to true', 'Ignore ebs-volume-encryption for Vol…', 'Show documentation for ebs-volume-encryption']);
    // Moved by the client (an edit not yet analysed): not found, so only the documentation.
    const moved = { ...back[0], range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } } };
    assert.deepEqual(codeActions(params([moved]), doc, analysis, findingOf).map((a) => a.title), ['Show documentation for ebs-volume-encryption']);
  });

  it('an unknown type\'s suggestion', () => {
    const tf = served('main.tf', 'resource "aws_s3_bukket" "b" {}\n');
    const unknownType = tf.diagnostics.filter((x) => x.code === 'unknown-resource-type');
    assert.ok(codeActions(tf.params(unknownType), tf.doc, tf.analysis, tf.findingOf).some((a) => a.title === 'Change to aws_s3_bucket'));
  });
});
