import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
  repository?: Record<string, Rule>;
  include?: string;
}

function collect(rule: Rule, out: { where: string; key: 'match' | 'begin' | 'end'; source: string }[], where: string): void {
  for (const key of ['match', 'begin', 'end'] as const) {
    const v = rule[key];
    if (typeof v === 'string') out.push({ where, key, source: v });
  }
  rule.patterns?.forEach((p, i) => collect(p, out, `${where}.patterns[${i}]`));
  for (const [k, r] of Object.entries(rule.repository ?? {})) collect(r, out, `${where}.repository.${k}`);
}

describe('TextMate grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'terraform.tmLanguage.json'), 'utf8')) as Rule & {
    scopeName: string;
  };

  it('has our own scope name (co-exists with HashiCorp source.terraform)', () => {
    assert.equal(grammar.scopeName, 'source.hcl.terraform-aws-responsibility');
  });

  it('every match/begin/end regex compiles with JavaScript RegExp', () => {
    const regexes: { where: string; key: 'match' | 'begin' | 'end'; source: string }[] = [];
    collect(grammar, regexes, '$');
    assert.ok(regexes.length > 20);
    for (const r of regexes) {
      // an `end` may back-reference a `begin` capture (\2); JS cannot know it, so substitute a literal
      const source = r.key === 'end' ? r.source.replace(/\\[1-9]/g, 'EOF') : r.source;
      assert.doesNotThrow(() => new RegExp(source, 'u'), `${r.where}.${r.key}: ${r.source}`);
    }
  });

  it('every include points to an existing repository rule', () => {
    const repo = grammar.repository ?? {};
    const check = (rule: Rule): void => {
      if (rule.include?.startsWith('#')) assert.ok(repo[rule.include.slice(1)], rule.include);
      rule.patterns?.forEach(check);
    };
    check(grammar);
    Object.values(repo).forEach(check);
  });

  it('key regexes behave: block header, heredoc start, interpolation', () => {
    const repo = grammar.repository ?? {};
    const block = new RegExp(repo.block.begin ?? '', 'u');
    assert.ok(block.test('resource "aws_s3_bucket" "b" {'));
    assert.ok(block.test('  ingress {'));
    assert.ok(!block.test('  bucket = "x"'));
    const heredoc = new RegExp(repo.heredoc.begin ?? '', 'u');
    assert.deepEqual('policy = <<-EOF'.match(heredoc)?.slice(1), ['<<-', 'EOF']);
  });

  it('the language configuration parses and declares comments and brackets', () => {
    const conf = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'terraform.language-configuration.json'), 'utf8')) as {
      comments: { lineComment: string; blockComment: string[] };
      brackets: string[][];
    };
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.comments.blockComment, ['/*', '*/']);
    assert.equal(conf.brackets.length, 3);
  });
});
