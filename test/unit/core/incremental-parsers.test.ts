import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TerraformParser } from '../../../server/src/core/parse/terraform-incremental';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { generate } from '../../../bench/generate';
import { slice } from '../helpers';

function same(a: ReturnType<typeof parseTerraform>, b: ReturnType<typeof parseTerraform>): void {
  assert.equal(
    JSON.stringify([a.resources.map((r) => [r.id, r.span, r.typeSpan, r.nameSpan, r.properties]), [...a.declarations.parameters], [...a.declarations.locals], a.syntaxErrors, a.comments]),
    JSON.stringify([b.resources.map((r) => [r.id, r.span, r.typeSpan, r.nameSpan, r.properties]), [...b.declarations.parameters], [...b.declarations.locals], b.syntaxErrors, b.comments]),
  );
}

describe('Terraform across edits', () => {
  const text = '# header\n' + generate('tf', 60) + 'locals {\n  a = 1\n}\n';
  it('re-parses one block for an edit inside it, and equals a full parse', () => {
    const p = new TerraformParser();
    same(p.parse(text), parseTerraform(text));
    const at = text.indexOf('resource-30');
    const edited = text.slice(0, at) + 'xyz' + text.slice(at);
    const d = p.parse(edited);
    assert.equal(p.lastFastPath, true);
    same(d, parseTerraform(edited));
    for (const r of d.resources) assert.equal(slice(edited, r.typeSpan), r.type);
    // and back
    same(p.parse(text), parseTerraform(text));
    assert.equal(p.lastFastPath, true);
  });

  it('falls back to a full parse when an edit breaks a block or crosses blocks, with the same result', () => {
    const p = new TerraformParser();
    p.parse(text);
    const at = text.indexOf('resource-30');
    const broken = text.slice(0, at) + '"\n  x = ' + text.slice(at);
    const d = p.parse(broken);
    assert.equal(p.lastFastPath, false);
    same(d, parseTerraform(broken));
    assert.ok(d.syntaxErrors.length > 0);
    const cut = text.slice(0, text.indexOf('"r10"') - 20) + text.slice(text.indexOf('"r12"') - 20);
    same(p.parse(cut), parseTerraform(cut));
    assert.equal(p.lastFastPath, false);
    // a new block typed after the last one
    const added = text + 'resource "aws_sqs_queue" "q" {\n}\n';
    same(p.parse(added), parseTerraform(added));
  });
});

import { CfnJsonParser } from '../../../server/src/core/parse/cfn-json-incremental';
import { parseCfnJson } from '../../../server/src/core/parse/cfn-json';

describe('CloudFormation JSON across edits', () => {
  const text = generate('json', 40);
  it('re-parses one resource for an edit inside it, and equals a full parse', () => {
    const p = new CfnJsonParser();
    p.parse(text);
    const at = text.indexOf('resource-20');
    const edited = text.slice(0, at) + 'xyz' + text.slice(at);
    const d = p.parse(edited);
    assert.equal(p.lastFastPath, true);
    same(d, parseCfnJson(edited));
    for (const r of d.resources) assert.equal(slice(edited, r.typeSpan).replace(/"/g, ''), r.type);
    same(p.parse(text), parseCfnJson(text));
  });
  it('falls back to a full parse when the edit breaks the JSON or crosses resources', () => {
    const p = new CfnJsonParser();
    p.parse(text);
    const at = text.indexOf('resource-20');
    const broken = text.slice(0, at) + '"' + text.slice(at);
    same(p.parse(broken), parseCfnJson(broken));
    assert.equal(p.lastFastPath, false);
    same(p.parse(text), parseCfnJson(text));
    const cut = text.slice(0, text.indexOf('"Resource5"')) + text.slice(text.indexOf('"Resource7"'));
    same(p.parse(cut), parseCfnJson(cut));
  });
});
