/**
 * Mutations of a seed's text: blind ones (flips, deletions, duplications, truncation, splicing), hostile tokens and
 * values per syntax, nesting bursts, long lines, Unicode traps (BOM, bidi controls, lone surrogates, odd line ends),
 * and "bombs" aimed at the analysis's caps (alias expansion, Fn::ForEach, count/for_each, module instances, regexes).
 * Every mutation takes its randomness from the case's Rng only, and describes itself in a short string.
 */
import type { Rng } from './rng';
import { kindOf, type Seed, type SeedKind } from './seeds';

/** Inputs larger than this are cut (the analysis refuses files over 10 MB; the hang bound is for normal sizes). */
export const MAX_TEXT = 3_000_000;

export interface MutationContext {
  readonly fileName: string;
  readonly kind: SeedKind;
  /** Every seed (splicing). */
  readonly seeds: readonly Seed[];
}

export interface Mutated {
  readonly text: string;
  readonly desc: string;
  /** A new file name (format confusion). */
  readonly fileName?: string;
}

export type MutationFn = (rng: Rng, text: string, cx: MutationContext) => Mutated;

// ---- positions ----

function anyPos(rng: Rng, text: string): number {
  return rng.int(text.length + 1);
}

function lineStartPos(rng: Rng, text: string): number {
  const p = anyPos(rng, text);
  const nl = text.lastIndexOf('\n', p - 1);
  return nl + 1;
}

function lineEndPos(rng: Rng, text: string): number {
  const p = anyPos(rng, text);
  const nl = text.indexOf('\n', p);
  return nl < 0 ? text.length : nl;
}

/** Somewhere a token is most likely to be read: a line start, a line end, after a `:`/`=`, or anywhere. */
function tokenPos(rng: Rng, text: string): number {
  const how = rng.int(4);
  if (how === 0) return lineStartPos(rng, text);
  if (how === 1) return lineEndPos(rng, text);
  if (how === 2) {
    const p = anyPos(rng, text);
    const m = /[:=]\s?/g;
    m.lastIndex = p;
    const r = m.exec(text);
    if (r) return r.index + r[0].length;
  }
  return anyPos(rng, text);
}

function insert(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

/** A length of 1 .. max, geometric-ish (short slices far more often than long ones). */
function spanLen(rng: Rng, max: number): number {
  if (max <= 1) return Math.max(0, max);
  return Math.min(max, rng.logRange(1, max));
}

function show(s: string, max = 24): string {
  const j = JSON.stringify(s);
  return j.length > max ? `${j.slice(0, max)}…(${s.length})` : j;
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

// ---- token lists ----

const YAML_TOKENS = [
  '&a ', '*a', '<<: *a', '<<: [*a, *b]', '!Ref ', '!Ref', '!If [', '!If [C, ', '!Sub ', "!Sub '${", '!GetAtt ', '!Join [', '!Select [', '!FindInMap [',
  '!Base64 ', '!Cidr [', '!Condition ', '!Equals [', '!Not [', '!And [', '!Or [', '!Split [', '!ImportValue ', '!GetAZs ', '!Transform ', '!Length ', '!ToJsonString ',
  '? ', '? [a]\n: ', '|-\n', '|+\n', '>-\n', '|2\n', '\t', '\t- ', '- ', '- - ', ': ', ':', '---\n', '...\n', '%YAML 1.2\n---\n', '%TAG ! tag:x,2000:\n', '!!binary ', '!!map ', '!!seq ',
  '!!str ', '!!int ', '!<tag:yaml.org,2002:str> ', '!local ', '{', '}', '[', ']', '"', "'", '#', ' #', ',', '&', '*', '!', '|', '>', '%', '@', '`',
  'Type: ', 'Type: AWS::S3::Bucket\n', 'Properties:\n', 'Resources:\n', 'Conditions:\n', 'Parameters:\n', 'Mappings:\n', 'Globals:\n', 'Transform: AWS::Serverless-2016-10-31\n',
  'Metadata:\n', 'DependsOn: ', 'Condition: ', 'Fn::If: ', 'Fn::ForEach::L: ', 'Fn::Transform: ', 'Ref: ', 'AWS::NoValue', 'AWS::EC2::Volume', 'AWS::Serverless::Function',
  '~', 'null', '.inf', '-.inf', '.nan', '0x1F', '0o17', '1e999', '-0', 'true', 'y', 'NO', '0.0.0.0/0', '::/0', '__proto__: ', 'constructor: ', 'hasOwnProperty: ', 'toString: ',
  '\n  ', '\n    ', '\n      - ', '\n\t', '  ', '\\', '\\u', '"\\', "''", '\u00a0', '\u3000',
];

const JSON_TOKENS = [
  '{', '}', '[', ']', '"', ',', ':', '"Ref"', '"Ref": ', '{"Ref": "', '"Fn::GetAtt"', '"Fn::If": [', '"Fn::Sub": "${', '"Fn::Join": ["", [', '"Fn::ForEach::X": [', '"Type": ',
  '"Type": "AWS::S3::Bucket"', '"Properties": {', '"Resources": {', '"Conditions": {', '"Parameters": {', '"Condition": ', '"DependsOn": [', '"AWS::NoValue"',
  '\\u0000', '"\\u0000"', '\u0000', '"\\ud800"', '"\\udc00"', '"\\', '\\', '\\u', '\\u12', '"\\x41"', '// ', '/* ', '*/', '/*', '1e999', '-1e999', '-0', '1.', '.5', '01', 'NaN',
  'Infinity', 'true', 'false', 'null', 'undefined', '"__proto__": ', '"constructor": ', '"hasOwnProperty": ', '"toString": ', ',,', ',]', ',}', '{}', '[]', '""', '\t', '\n',
  '"resource_changes": [', '"format_version": "1.2"', '"planned_values": {', '"after_unknown": {', '"address": "', '"mode": "managed"',
];

const HCL_TOKENS = [
  '${', '}', '%{', '%{ for x in var.l }', '%{ if true }', '%{ else }', '%{ endfor }', '%{ endif }', '~}', '${~', '$${', '%%{', '<<EOF\n', '<<-EOT\n', 'EOF\n', '<<', '\nEOF',
  'dynamic "x" {', 'dynamic "ingress" {\n for_each = var.l\n content {\n', 'content {', 'for_each = ', 'count = ', 'count = 0\n', 'count = -1\n', 'count = 1e9\n', 'count = 1.5\n',
  'for_each = toset(range(1000))\n', 'for_each = {}\n', 'module "m" {', 'module "m" {\n source = "./"\n}\n', 'source = ', 'source = "../"\n', 'var.', 'var.x', 'local.', 'local.x',
  'each.', 'each.key', 'each.value', 'count.index', 'self.', 'module.m.', 'data.', 'path.module', 'terraform.workspace', 'try(', 'can(', 'regex(', 'regexall(', 'lookup(', 'merge(',
  'concat(', 'jsonencode(', 'jsondecode(', 'templatefile(', 'file(', 'range(', 'setproduct(', 'flatten(', 'format(', 'formatlist(', 'cidrsubnet(', 'cidrhost(', 'pow(', 'parseint(',
  'for k, v in ', '[for x in ', '{for k, v in ', ' : ', ' => ', '...', ' if ', '?', ' ? ', ':', '[*]', '.*', '.0', '[0]', '["k"]', '{', '}', '(', ')', '[', ']', '"', '=', '==', '!=',
  '&&', '||', '!', '-', '%', '/', '*', '/*', '*/', '#', '//', '\\', '\\u', '\\U0001F600', '\\"', 'resource "aws_s3_bucket" "b" {', 'resource "aws_ebs_volume" "v" {\n',
  'data "aws_iam_policy_document" "p" {', 'locals {', 'variable "x" {', 'default = ', 'provider "aws" {', 'terraform {', 'output "o" {', 'moved {', 'import {', 'check "c" {',
  'null', 'true', 'false', '1e999', '0x10', '1_000', 'encrypted = false\n', 'acl = "public-read"\n', 'cidr_blocks = ["0.0.0.0/0"]\n', '__proto__ = ', 'constructor = ', '\n', '\n}\n', '\t',
];

const GENERIC_TOKENS = [
  '\uFEFF', '\u0000', '\u0001', '\u001b[31m', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u200b', '\u200d', '\u202e', '\u2066', '\u2069', '\ud800', '\udfff', '\ud83d\ude00',
  '\ufffd', '\uffff', '\u0301', 'ǅ', 'ß', 'İ', '\u0345', '\r', '\r\n', '\v', '\f', '\n', ' ', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'valueOf', '$&', '$1', '%s', '%n',
];

const TOKENS: Record<SeedKind, readonly string[]> = {
  yaml: YAML_TOKENS,
  json: JSON_TOKENS,
  tf: HCL_TOKENS,
  tfvars: HCL_TOKENS,
  other: YAML_TOKENS,
};

// ---- hostile values (the right-hand side of an attribute) ----

const REDOS = 'a'.repeat(40) + 'b';

const HCL_VALUES = [
  'var.x', 'var.enc', 'local.a', 'local.a[0]', 'local.missing.deep.path', 'each.value', 'each.key', 'count.index', 'self.id', 'module.m.out', 'aws_s3_bucket.b.id', 'aws_kms_key.k.arn',
  'data.aws_iam_policy_document.p.json', 'null', 'true', 'false', '!true', '!!!!!false', '-(-(-1))', '0/0', '1 % 0', '1/0', '-1/0', '1e309', '-1e309', '1e-400', '0.1 + 0.2',
  '99999999999999999999999999999999', 'pow(10, 308) * 10', 'pow(2, 1024)', 'pow(-8, 1/3)', 'log(0, 0)', 'log(-1, 10)', 'floor(1e400)', 'ceil(-0)', 'signum(0/0)', 'abs(-1e309)',
  'parseint("ffffffffffffffffffffffffffffffffffffffff", 16)', 'parseint("zz", 37)', 'parseint("", 10)', 'tonumber("1e1000000")', 'tonumber("0x10")', 'tobool("maybe")',
  '[for i in range(100000) : i]', '{ for k, v in var.m : k => v... }', '{ for i in range(5000) : tostring(i % 3) => i... }', 'toset(range(1024))', 'range(0, 10, 0)', 'range(1, 0, 1)',
  'range(0, 1e9, 1e-9)', 'range(-1e9)', 'setproduct(range(1024), range(1024))', 'setproduct(range(100), range(100), range(100))', 'length(setproduct(range(1024), range(1024), range(1024)))',
  'flatten([for a in range(1000) : [for b in range(1000) : b]])', 'flatten([[[[[[[[[[[]]]]]]]]]]])', `regex("(a*)*$", "${REDOS}")`, `regexall("(x+x+)+y", "${'x'.repeat(40)}")`,
  `replace("${REDOS}", "/(a|aa)*c/", "x")`, 'regex("[", "")', 'regex("(?P<n>a)(?P<n>b)", "ab")', 'regex("\\\\p{Greek}+", "αβγ")', 'regex("a{1000}{1000}", "a")', 'regex("((((((((((a))))))))))\\\\10", "aa")',
  'regex("(?i)ǅ", "ǆ")', 'regexall("", "abc")', 'format("%0999999999d", 1)', 'format("%.999999f", 1)', 'format("%*d", 1)', 'format("%[99]s", 1)', 'format("%!", 1)', 'format("%s")',
  'formatlist("%s", range(1024))', 'formatlist("%s-%s", range(3), range(4))', 'substr("abc", -1, -5)', 'substr("😀😀", 1, 1)', 'slice([], 5, 1)', 'element([], 0)', 'element([1], -1)',
  'chunklist(range(10), 0)', 'indent(99999999, "a\\nb")', 'strrev("👨‍👩‍👧")', 'title("ß ǆ")', 'upper("ﬀ")', 'lower("İ")', 'trimspace("\\u2028x\\u00a0")', 'split("", "abc")', 'join("", [])',
  'jsondecode("${"[".repeat(1)}")', 'jsondecode("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")',
  'jsondecode("\\"\\\\ud800\\"")', 'jsondecode("1e999")', 'jsondecode("{\\"__proto__\\": 1}")', 'jsonencode({__proto__ = 1, constructor = 2})', 'base64decode("!!!!")', 'base64decode("4pyT")',
  'base64encode("\\ud800")', 'urlencode("\\ud800")', 'cidrsubnet("10.0.0.0/8", 100, 1)', 'cidrsubnet("10.0.0.0/8", 8, -1)', 'cidrhost("::/0", 340282366920938463463374607431768211455)',
  'cidrhost("10.0.0.0/8", 1e20)', 'cidrsubnets("10.0.0.0/8", 24, 24, 24, 1, 32)', 'cidrsubnets("::/0", 128)', 'cidrnetmask("10.0.0.0/33")', 'cidrnetmask("::/64")', 'try(local.nope, 1)',
  'can(regex("[", ""))', 'lookup({}, "x")', 'lookup({a = 1}, "__proto__", 2)', 'merge({__proto__ = {polluted = 1}}, {constructor = 1})', 'zipmap(range(5), range(3))', 'transpose({a = ["b"], b = "c"})',
  'one([1, 2])', 'coalesce()', 'coalescelist()', 'min()', 'max([])', 'sum([])', 'sort([1, "a", true])', 'distinct([{}, {}, []])', 'matchkeys([1], [], [])', 'setsubtract(range(3), "x")',
  'keys(null)', 'values(1)', 'length(null)', 'tolist(toset(null))', 'tomap([1])', 'index([], 1)', 'contains(null, null)', 'reverse("abc")', 'sum(range(1024))', 'sum([1e308, 1e308])',
  'true ? false ? 1 : 2 : 3', 'null ? 1 : 2', '"a" ? 1 : 2', 'var.x ? var.y : var.z', '[1, 2, 3][5]', '{a = 1}["b"]', '{a = 1}.a.b.c', '[{a = 1}][*].a', 'var.l[*].id[*].x', '(((((((1)))))))',
  '"${"${"${var.x}"}"}"', '"%{ for x in range(10000) }${x}%{ endfor }"', '"%{ for x in range(1024) }%{ for y in range(1024) }.%{ endfor }%{ endfor }"', '"%{ if true }a%{ else }b%{ endif }"',
  '"${', '"%{ for', '"\\', '<<EOF\nx\nEOF', '<<-EOT\n  ${var.x}\n  EOT', '<<EOF\n${EOF', '{}', '[]', '[,]', '{,}', '{ a = 1, a = 2 }', '{ "${var.k}" = 1 }', '{ (var.k) = 1 }',
  '"0.0.0.0/0"', '["0.0.0.0/0", "::/0"]', '"public-read-write"', '"*"', 'jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*", Principal = "*"}]})',
];

const YAML_VALUES = [
  '!Ref AWS::NoValue', '!Ref Undefined', '!Ref', '!GetAtt', '!GetAtt A.B.C.D', '!GetAtt [A]', '!If [C, !Ref AWS::NoValue, !If [C, 1, 2]]', '!If [C]', '!If', "!Sub '${AWS::Region}-${Undefined}-${!Literal}'",
  "!Sub ['${a}${b}', {a: !Ref b, b: !Ref a}]", "!Sub '${'", "!Sub '${}'", '!Join [",", !Split [",", !Join [",", []]]]', '!Join', '!Select [99999999999, [a]]', '!Select [-1, !GetAZs ""]',
  '!Select ["1e400", [a]]', '!Select [0.5, [a, b]]', '!FindInMap [M, !Ref AWS::Region, !Ref X]', '!FindInMap [__proto__, constructor, prototype]', '!Base64 !Base64 !Base64 x',
  "!Cidr ['10.0.0.0/8', 65536, 8]", "!Cidr ['::/0', 999, 128]", "!Cidr ['10.0.0.0/8', -1, 40]", '!Equals []', '!Equals [!Ref AWS::Region, !Ref AWS::Region, 3]', '!Not [!Not [!Not []]]',
  '!And [!Or [!Condition C, !Condition D]]', '!Condition Self', '!Condition C1', '{Ref: [1, 2]}', '{"Fn::If": null}', '{"Fn::GetAtt": [a]}', '{Fn::Length: [1, 2]}', '*a', '&a [*a]',
  '!!binary aGVsbG8=', '!!timestamp 2001-12-14', '!Length [1, 2]', '!ToJsonString {a: [1, {b: 2}]}', '.inf', '-.NaN', '0x1F', '0o17', '1e309', '-0', '~', "''", '"\\ud800"', '"\\U0001F600"',
  '"\\x"', 'true', 'false', 'yes', '0.0.0.0/0', '::/0', '"*"', 'arn:aws:s3:::*', '>-\n  folded\n  text', '|\n  literal', '|-', '[!Ref a, !Ref a, !Ref a]', '{}', '[]', '[', '{', "'", '"',
  '!Transform {Name: AWS::Include, Parameters: {Location: s3://x}}', '!ImportValue !Sub "${AWS::StackName}-x"', '!GetAZs !Ref AWS::Region', '!Sub "${A.B.C}"', '!Sub "${AWS::NoValue}"',
  '{Fn::ForEach::L: [X, [a, b], {"${X}": 1}]}', '{Fn::ForEach::L: [X, !Ref P, {"${X}": {Type: AWS::S3::Bucket}}]}', '? a\n: b', '&x !Ref y', '!Ref &x y', '!!map {}', '!!str 1',
  '{__proto__: {Encrypted: true}}', '{constructor: 1, hasOwnProperty: 2}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
];

const JSON_VALUES = [
  '{"Ref": "AWS::NoValue"}', '{"Ref": "Undefined"}', '{"Ref": ["x"]}', '{"Ref": null}', '{"Fn::If": ["C", {"Ref": "AWS::NoValue"}, {"Fn::If": []}]}', '{"Fn::If": null}',
  '{"Fn::Select": [99999999999, []]}', '{"Fn::Select": ["-1", ["a"]]}', '{"Fn::Sub": ["${a}", {"a": {"Fn::Sub": "${a}"}}]}', '{"Fn::Sub": "${"}', '{"Fn::GetAtt": "a.b.c"}',
  '{"Fn::GetAtt": []}', '{"Fn::Join": ["", {"Fn::Split": ["", ""]}]}', '{"Fn::Cidr": ["10.0.0.0/8", 65536, 8]}', '{"Fn::Cidr": ["::/0", 999, 128]}', '{"Fn::FindInMap": ["__proto__", "constructor", "x"]}',
  '{"Fn::ForEach::X": ["a", ["1", "2"], {}]}', '{"Fn::Base64": {"Fn::Base64": {"Fn::Base64": "x"}}}', '{"Condition": "Self"}', '{"Fn::Equals": []}', '{"Fn::Not": [{"Fn::Not": []}]}',
  '1e400', '-1e400', '-0', '1.0e-400', '12345678901234567890123456789', '"\\ud800"', '"\\udc00\\ud800"', '"\\u0000"', 'null', 'true', '[]', '{}', '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
  '{"__proto__": {"Type": "AWS::S3::Bucket"}}', '{"constructor": 1, "hasOwnProperty": 2, "toString": 3}', '{"a": 1, "a": 2}', '"0.0.0.0/0"', '"*"', '[', '{', '"', '{"Ref"', '/* x */ 1', '1 // x',
];

const VALUES: Record<SeedKind, readonly string[]> = { yaml: YAML_VALUES, json: JSON_VALUES, tf: HCL_VALUES, tfvars: HCL_VALUES, other: YAML_VALUES };

/** Where a value starts and ends on a line: `key: value`, `"key": value`, `key = value`. */
const VALUE_RE: Record<SeedKind, RegExp> = {
  // Unambiguous (no two adjacent parts match the same character): linear on a 100k-tab line.
  yaml: /^([ \t-]*[^#\n: \t-][^#\n:]*:[ \t]+)([^\n]*)$/gm,
  other: /^([ \t-]*[^#\n: \t-][^#\n:]*:[ \t]+)([^\n]*)$/gm,
  json: /("[^"\n]*"\s*:\s*)([^,\n}\]]*)/g,
  tf: /^([ \t]*[A-Za-z_][\w-]*[ \t]*=[ \t]*)([^\n]*)$/gm,
  tfvars: /^([ \t]*[A-Za-z_][\w-]*[ \t]*=[ \t]*)([^\n]*)$/gm,
};

function valueSlots(text: string, kind: SeedKind, limit = 4000): { at: number; len: number }[] {
  const re = new RegExp(VALUE_RE[kind].source, VALUE_RE[kind].flags);
  const out: { at: number; len: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) {
    out.push({ at: m.index + m[1].length, len: m[2].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

// ---- nesting ----

function nestBurst(rng: Rng, kind: SeedKind, depth: number): { open: string; mid: string; close: string; what: string } {
  const hcl = kind === 'tf' || kind === 'tfvars';
  const json = kind === 'json';
  const kinds: [string, string, string, string][] = hcl
    ? [
        ['[', '1', ']', 'tuple'],
        ['(', '1', ')', 'paren'],
        ['{a=', '1', '}', 'object'],
        ['{\na = ', '1', '\n}', 'object-nl'],
        ['x {\n', '', '}\n', 'block'],
        ['"${', 'x', '}"', 'interp'],
        ['"%{ if true }', 'x', '%{ endif }"', 'template-if'],
        ['!', 'true', '', 'not'],
        ['-', '1', '', 'neg'],
        ['true ? ', '1', ' : 0', 'cond'],
        ['try(', '1', ')', 'call'],
        ['[for x in ', '[1]', ' : x]', 'for'],
        ['dynamic "d" {\nfor_each = [1]\ncontent {\n', '', '}\n}\n', 'dynamic'],
      ]
    : json
      ? [
          ['[', '1', ']', 'array'],
          ['{"a":', '1', '}', 'object'],
          ['{"Fn::If":["C",', '1', ',2]}', 'fn-if'],
          ['{"Fn::Join":["",[', '"x"', ']]}', 'fn-join'],
          ['{"Fn::Select":[0,[', '"x"', ']]}', 'fn-select'],
          ['{"Ref":', '"x"', '}', 'ref'],
          ['{"Fn::Not":[', 'true', ']}', 'fn-not'],
        ]
      : [
          ['[', '1', ']', 'flow-seq'],
          ['{a: ', '1', '}', 'flow-map'],
          ['- ', 'x', '', 'compact-seq'],
          ['!If [C, ', '1', ', 2]', 'fn-if'],
          ['!Not [', 'true', ']', 'fn-not'],
          ['!Base64 ', 'x', '', 'base64-chain'],
          ['{Fn::If: [C, ', '1', ', 2]}', 'fn-if-long'],
          ['!Select [0, [', 'x', ']]', 'fn-select'],
          ['? ', 'x', '', 'complex-key'],
          ['&a ', 'x', '', 'anchors'],
        ];
  const [o, m, c, what] = rng.pick(kinds);
  return { open: o.repeat(depth), mid: m, close: c.repeat(depth), what };
}

/** YAML nesting by indentation (its size grows with depth², so bounded). */
function indentNest(depth: number): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}k${i}:\n`;
  return s + `${' '.repeat(depth)}v: 1\n`;
}

// ---- bombs ----

function yamlAliasBomb(levels: number, width: number, indent: string): string {
  let s = `${indent}Metadata:\n`;
  s += `${indent}  a0: &a0 [${Array(width).fill('x').join(', ')}]\n`;
  for (let i = 1; i < levels; i++) s += `${indent}  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
}

function hclBombs(rng: Rng): [string, string] {
  const n = rng.pick([10, 100, 999, 1000, 1001, 5000, 20000]);
  const all: [string, () => string][] = [
    ['locals-cycle', () => 'locals {\n  a = local.b\n  b = local.a\n  c = local.c\n}\nresource "aws_ebs_volume" "cyc" {\n  encrypted = local.a\n  size = local.c\n}\n'],
    [`local-chain-${n}`, () => {
      let s = 'locals {\n';
      for (let i = 0; i < n; i++) s += `  l${i} = local.l${i + 1}\n`;
      return `${s}  l${n} = false\n}\nresource "aws_ebs_volume" "chain" {\n  encrypted = local.l0\n}\n`;
    }],
    [`local-fanout-${Math.min(n, 40)}`, () => {
      // Each local uses the previous twice: exponential without memoization.
      let s = 'locals {\n  f0 = "x"\n';
      const k = Math.min(n, 40);
      for (let i = 1; i <= k; i++) s += `  f${i} = "\${local.f${i - 1}}\${local.f${i - 1}}"\n`;
      return `${s}}\nresource "aws_s3_bucket" "fan" {\n  bucket = local.f${k}\n  acl = length(local.f${k}) > 1 ? "public-read" : "private"\n}\n`;
    }],
    [`count-${n}`, () => `resource "aws_s3_bucket" "many" {\n  count = ${n}\n  bucket = "b-\${count.index}"\n  acl = count.index % 2 == 0 ? "public-read" : "private"\n}\nresource "aws_s3_bucket_public_access_block" "many" {\n  count = ${n}\n  bucket = aws_s3_bucket.many[count.index].id\n}\n`],
    [`for-each-${n}`, () => `resource "aws_ebs_volume" "fe" {\n  for_each = toset([for i in range(${n}) : tostring(i)])\n  availability_zone = "us-east-1a"\n  encrypted = each.key == "1"\n  kms_key_id = aws_kms_key.k[each.key].arn\n}\nresource "aws_kms_key" "k" {\n  for_each = toset([for i in range(${n}) : tostring(i)])\n  enable_key_rotation = each.key != "2"\n}\n`],
    [`module-for-each-${n}`, () => `module "many" {\n  source = "./mod"\n  for_each = toset([for i in range(${n}) : tostring(i)])\n  enc = each.key == "0"\n}\n`],
    ['module-self', () => 'module "self" {\n  source = "./"\n}\nmodule "up" {\n  source = "../"\n}\n'],
    [`dynamic-${Math.min(n, 1000)}`, () => `resource "aws_security_group" "d" {\n  dynamic "ingress" {\n    for_each = range(${Math.min(n, 1000)})\n    content {\n      from_port = ingress.value\n      cidr_blocks = ["0.0.0.0/0"]\n      dynamic "x" {\n        for_each = range(${Math.min(n, 1000)})\n        content { y = x.value }\n      }\n    }\n  }\n}\n`],
    ['regex-redos', () => `resource "aws_s3_bucket" "r" {\n  bucket = regex("^(a+)+$", "${REDOS}")\n  acl = regexall("(x|x)*y", "${'x'.repeat(60)}")[0]\n}\n`],
    ['self-ref', () => 'resource "aws_kms_key" "k" {\n  policy = aws_kms_key.k.arn\n}\nresource "aws_s3_bucket" "a" {\n  bucket = aws_s3_bucket.b.id\n}\nresource "aws_s3_bucket" "b" {\n  bucket = aws_s3_bucket.a.id\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n  bucket = aws_s3_bucket.a.id\n  rule {\n    apply_server_side_encryption_by_default {\n      kms_master_key_id = aws_kms_key.k.arn\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'],
    [`deep-default-${Math.min(n, 1000)}`, () => `variable "deep" {\n  default = ${'{a='.repeat(Math.min(n, 1000))}1${'}'.repeat(Math.min(n, 1000))}\n}\nresource "aws_ebs_volume" "dd" {\n  encrypted = var.deep.a.a.a\n}\n`],
    ['proto-names', () => 'variable "__proto__" {\n  default = true\n}\nvariable "constructor" {}\nlocals {\n  __proto__ = 1\n  hasOwnProperty = 2\n  toString = var.__proto__\n}\nresource "aws_ebs_volume" "__proto__" {\n  encrypted = local.toString\n}\nresource "aws_s3_bucket" "constructor" {\n  bucket = local.hasOwnProperty\n}\n'],
    [`setproduct-${n}`, () => `locals {\n  p = setproduct(range(${Math.min(n, 1024)}), range(${Math.min(n, 1024)}), range(${Math.min(n, 1024)}))\n}\nresource "aws_ebs_volume" "sp" {\n  count = length(local.p)\n  encrypted = length(local.p) > 0\n}\n`],
    ['heredoc-open', () => 'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n'],
    [`template-for-${n}`, () => `resource "aws_s3_bucket" "t" {\n  bucket = "%{ for a in range(${Math.min(n, 1024)}) }%{ for b in range(${Math.min(n, 1024)}) }x%{ endfor }%{ endfor }"\n}\n`],
  ];
  const [name, make] = rng.pick(all);
  return [name, make()];
}

function cfnYamlBombs(rng: Rng): [string, string, 'resources' | 'top'] {
  const n = rng.pick([10, 100, 999, 1000, 1001, 5000, 10001]);
  const all: [string, () => string, 'resources' | 'top'][] = [
    [`alias-bomb`, () => `  Bomb:\n${yamlAliasBomb(rng.range(3, 9), rng.range(5, 12), '    ')}    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a2\n      BucketName: !Join ['', *a2]\n`, 'resources'],
    [`foreach-${n}`, () => {
      const w = Math.max(2, Math.round(Math.cbrt(n)));
      const items = (p: string): string => `[${Array.from({ length: w }, (_, i) => `${p}${i}`).join(', ')}]`;
      return `  Fn::ForEach::A:\n    - X\n    - ${items('a')}\n    - Fn::ForEach::B:\n        - Y\n        - ${items('b')}\n        - Fn::ForEach::C:\n            - Z\n            - ${items('c')}\n            - 'V\${X}\${Y}\${Z}':\n                Type: AWS::EC2::Volume\n                Properties:\n                  Encrypted: !If [Cond, true, false]\n                  Size: !Select [0, !Ref P]\n`;
    }, 'resources'],
    [`foreach-deep`, () => {
      let s = '';
      const d = rng.pick([5, 50, 199, 200, 201, 300]);
      for (let i = 0; i < d; i++) s += `${'  '.repeat(2 * i + 1)}Fn::ForEach::L${i}:\n${'  '.repeat(2 * i + 2)}- X${i}\n${'  '.repeat(2 * i + 2)}- [a, b]\n${'  '.repeat(2 * i + 2)}- `;
      return `${s}'R${Array.from({ length: d }, (_, i) => `\${X${i}}`).join('')}':\n${'  '.repeat(2 * d + 2)}Type: AWS::S3::Bucket\n`;
    }, 'resources'],
    ['conditions-cycle', () => 'Conditions:\n  C1: !Condition C2\n  C2: !And [!Condition C1, !Condition C3]\n  C3: !Not [!Condition C3]\n  Self: !Condition Self\nResources:\n  Cyc:\n    Type: AWS::EC2::Volume\n    Condition: C1\n    Properties:\n      Encrypted: !If [C2, true, !If [Self, false, !Ref AWS::NoValue]]\n', 'top'],
    ['ref-cycle', () => '  RA:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt RB.Arn\n  RB:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref RA\n      PolicyDocument: !GetAtt RA.Arn\n  RSelf:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: !GetAtt RSelf.Arn\n', 'resources'],
    ['param-self', () => 'Parameters:\n  P:\n    Type: String\n    Default: !Ref P\n  Q:\n    Type: CommaDelimitedList\n    Default: !Join [",", !Ref Q]\n', 'top'],
    ['proto-ids', () => '  __proto__:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: false\n  constructor:\n    Type: AWS::S3::Bucket\n  hasOwnProperty:\n    Type: AWS::S3::Bucket\n    Properties:\n      __proto__: {BucketName: x}\n', 'resources'],
    ['merge-keys', () => '  Base: &base\n    Type: AWS::EC2::Volume\n    Properties: &props\n      Encrypted: false\n  Merged:\n    <<: *base\n    Properties:\n      <<: [*props, *props]\n      Size: 1\n  Loop:\n    <<: *Loop\n', 'resources'],
    ['sam-globals', () => 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: &g\n    Runtime: python3.12\n    Environment: {Variables: {A: !Ref X}}\n    <<: *g\n  Api: [1, 2]\n  SimpleTable: !Ref X\n', 'top'],
    [`mappings-${n}`, () => `Mappings:\n  M:\n${Array.from({ length: Math.min(n, 2000) }, (_, i) => `    k${i}: {v: !FindInMap [M, k${i + 1}, v]}\n`).join('')}`, 'top'],
  ];
  const [name, make, where] = rng.pick(all);
  return [name, make(), where];
}

function cfnJsonBombs(rng: Rng): [string, string] {
  const n = rng.pick([10, 100, 1000, 10001]);
  const all: [string, () => string][] = [
    ['foreach', () => {
      const w = Math.max(2, Math.round(Math.cbrt(n)));
      const items = (p: string): string => JSON.stringify(Array.from({ length: w }, (_, i) => `${p}${i}`));
      return `"Fn::ForEach::A": ["X", ${items('a')}, {"Fn::ForEach::B": ["Y", ${items('b')}, {"Fn::ForEach::C": ["Z", ${items('c')}, {"V\${X}\${Y}\${Z}": {"Type": "AWS::EC2::Volume", "Properties": {"Encrypted": {"Fn::If": ["C", true, false]}}}}]}]}]}, `;
    }],
    ['ref-cycle', () => '"RA": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::GetAtt": ["RB", "Arn"]}}}, "RB": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "RA"}}}, '],
    ['proto-ids', () => '"__proto__": {"Type": "AWS::EC2::Volume", "Properties": {"Encrypted": false}}, "constructor": {"Type": "AWS::S3::Bucket"}, "toString": {"Type": "AWS::S3::Bucket", "Properties": {"__proto__": {"BucketName": 1}}}, '],
    ['dup-ids', () => '"Dup": {"Type": "AWS::EC2::Volume"}, "Dup": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicReadWrite"}}, '],
    ['deep-intrinsic', () => `"Deep": {"Type": "AWS::EC2::Volume", "Properties": {"Encrypted": ${'{"Fn::If": ["C", '.repeat(Math.min(n, 1000))}true${', false]}'.repeat(Math.min(n, 1000))}}}, `],
  ];
  const [name, make] = rng.pick(all);
  return [name, make()];
}

// ---- the mutations ----

const flip: MutationFn = (rng, text) => {
  const k = rng.range(1, 8);
  const chars = text.split('');
  const at: string[] = [];
  for (let i = 0; i < k && chars.length > 0; i++) {
    const p = rng.int(chars.length);
    const how = rng.int(4);
    let c: string;
    if (how === 0) c = String.fromCharCode(chars[p].charCodeAt(0) ^ (1 << rng.int(16)));
    else if (how === 1) c = String.fromCharCode(rng.range(0x20, 0x7e));
    else if (how === 2) c = rng.pick([' ', '\n', '\t', '\r', ':', '=', '"', "'", '{', '}', '[', ']', '#', '-', '$', '!', '&', '*', '\\', ',', '.', '0']);
    else c = String.fromCharCode(rng.int(0x10000));
    chars[p] = c;
    at.push(`${p}=U+${c.charCodeAt(0).toString(16)}`);
  }
  return { text: chars.join(''), desc: `flip ${at.join(',')}` };
};

const del: MutationFn = (rng, text) => {
  const len = spanLen(rng, Math.max(1, Math.floor(text.length / 2)));
  const at = rng.int(Math.max(1, text.length - len + 1));
  return { text: text.slice(0, at) + text.slice(at + len), desc: `delete ${at}+${len}` };
};

const duplicate: MutationFn = (rng, text) => {
  const len = spanLen(rng, text.length);
  const from = rng.int(Math.max(1, text.length - len + 1));
  const slice = text.slice(from, from + len);
  const times = rng.chance(0.8) ? 1 : rng.logRange(2, 200);
  const reps = Math.max(1, Math.min(times, Math.floor(MAX_TEXT / 2 / Math.max(1, slice.length))));
  const to = rng.chance(0.5) ? lineStartPos(rng, text) : anyPos(rng, text);
  return { text: cap(insert(text, to, slice.repeat(reps))), desc: `duplicate ${from}+${len}x${reps}@${to}` };
};

const duplicateLines: MutationFn = (rng, text) => {
  const lines = text.split('\n');
  const a = rng.int(lines.length);
  const n = spanLen(rng, Math.min(200, lines.length - a));
  const block = lines.slice(a, a + n);
  const to = rng.int(lines.length + 1);
  lines.splice(to, 0, ...block);
  return { text: cap(lines.join('\n')), desc: `dup-lines ${a}+${n}@${to}` };
};

const token: MutationFn = (rng, text, cx) => {
  const k = rng.range(1, 3);
  let t = text;
  const parts: string[] = [];
  for (let i = 0; i < k; i++) {
    const list = rng.chance(0.8) ? TOKENS[cx.kind] : rng.chance(0.5) ? GENERIC_TOKENS : rng.pick([YAML_TOKENS, JSON_TOKENS, HCL_TOKENS]);
    const tok = rng.pick(list);
    const p = tokenPos(rng, t);
    t = insert(t, p, tok);
    parts.push(`${show(tok, 30)}@${p}`);
  }
  return { text: t, desc: `token ${parts.join(' ')}` };
};

const replaceValue: MutationFn = (rng, text, cx) => {
  const slots = valueSlots(text, cx.kind);
  const v = rng.pick(rng.chance(0.85) ? VALUES[cx.kind] : rng.pick([YAML_VALUES, JSON_VALUES, HCL_VALUES]));
  if (slots.length === 0) {
    const p = tokenPos(rng, text);
    return { text: insert(text, p, v), desc: `value(no slot) ${show(v, 40)}@${p}` };
  }
  const s = rng.pick(slots);
  return { text: text.slice(0, s.at) + v + text.slice(s.at + s.len), desc: `value ${show(v, 40)}@${s.at}` };
};

const nest: MutationFn = (rng, text, cx) => {
  const depth = rng.logRange(10, 20_000);
  const balanced = rng.chance(0.6);
  const asValue = rng.chance(0.5);
  const kind = cx.kind === 'other' ? 'yaml' : cx.kind;
  if ((kind === 'yaml') && rng.chance(0.15)) {
    const d = Math.min(depth, 1200);
    const p = lineStartPos(rng, text);
    return { text: cap(insert(text, p, indentNest(d))), desc: `nest indent x${d}@${p}` };
  }
  const b = nestBurst(rng, kind, depth);
  const burst = b.open + (balanced ? b.mid + b.close : '');
  if (asValue) {
    const slots = valueSlots(text, kind);
    if (slots.length > 0) {
      const s = rng.pick(slots);
      return { text: cap(text.slice(0, s.at) + burst + text.slice(s.at + s.len)), desc: `nest ${b.what} x${depth}${balanced ? '' : ' open'} as value@${s.at}` };
    }
  }
  const p = tokenPos(rng, text);
  return { text: cap(insert(text, p, burst)), desc: `nest ${b.what} x${depth}${balanced ? '' : ' open'}@${p}` };
};

const longLine: MutationFn = (rng, text, cx) => {
  const n = rng.pick([100_000, 100_000, 65_536, 200_000, 1_000_000]);
  const kinds: [string, () => string][] = [
    ['a', () => 'a'.repeat(n)],
    ['spaces', () => ' '.repeat(n)],
    ['tabs', () => '\t'.repeat(n)],
    ['quoted', () => `"${'x'.repeat(n)}"`],
    ['comment', () => `# ${'c'.repeat(n)}`],
    ['backslashes', () => '\\'.repeat(n)],
    ['token', () => {
      const t = rng.pick(TOKENS[cx.kind]);
      return t.repeat(Math.max(1, Math.floor(n / Math.max(1, t.length))));
    }],
    ['key', () => `${'k'.repeat(n)}${cx.kind === 'tf' ? ' = 1' : ': 1'}`],
    ['value', () => (cx.kind === 'tf' ? `x = "${'v'.repeat(n)}"` : cx.kind === 'json' ? `"x": "${'v'.repeat(n)}",` : `x: ${'v'.repeat(n)}`)],
    ['dollars', () => '${'.repeat(Math.floor(n / 2))],
    ['emoji', () => '\ud83d\ude00'.repeat(Math.floor(n / 2))],
    ['commas', () => ','.repeat(n)],
  ];
  const [what, make] = rng.pick(kinds);
  const s = make();
  if (rng.chance(0.4)) {
    const slots = valueSlots(text, cx.kind);
    if (slots.length > 0) {
      const sl = rng.pick(slots);
      return { text: cap(text.slice(0, sl.at) + s + text.slice(sl.at + sl.len)), desc: `long ${what} ${s.length} as value@${sl.at}` };
    }
  }
  const p = rng.chance(0.5) ? lineStartPos(rng, text) : anyPos(rng, text);
  return { text: cap(insert(text, p, s)), desc: `long ${what} ${s.length}@${p}` };
};

const bom: MutationFn = (rng, text) => {
  const how = rng.int(4);
  if (how === 0) return { text: '\uFEFF' + text, desc: 'bom' };
  if (how === 1) return { text: '\uFEFF\uFEFF' + text, desc: 'bom x2' };
  if (how === 2) return { text: '\u00EF\u00BB\u00BF' + text, desc: 'bom as latin-1' };
  const p = lineStartPos(rng, text);
  return { text: insert(text, p, '\uFEFF'), desc: `bom@${p}` };
};

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

const bidi: MutationFn = (rng, text) => {
  const k = rng.range(1, 6);
  let t = text;
  const at: number[] = [];
  for (let i = 0; i < k; i++) {
    const p = rng.chance(0.5) ? tokenPos(rng, t) : anyPos(rng, t);
    t = insert(t, p, rng.pick(BIDI));
    at.push(p);
  }
  return { text: t, desc: `bidi@${at.join(',')}` };
};

const surrogate: MutationFn = (rng, text) => {
  const how = rng.int(3);
  if (how === 0) {
    // Split an existing pair, or cut an emoji in half.
    const p = anyPos(rng, text);
    const t = insert(text, p, '\ud83d\ude00');
    return { text: t.slice(0, p + 1) + t.slice(p + 2), desc: `lone high@${p}` };
  }
  const k = rng.range(1, 4);
  let t = text;
  const at: number[] = [];
  for (let i = 0; i < k; i++) {
    const s = String.fromCharCode(rng.chance(0.5) ? rng.range(0xd800, 0xdbff) : rng.range(0xdc00, 0xdfff));
    const p = rng.chance(0.5) ? tokenPos(rng, t) : anyPos(rng, t);
    t = insert(t, p, s);
    at.push(p);
  }
  return { text: t, desc: `surrogate@${at.join(',')}` };
};

const lineEnds: MutationFn = (rng, text) => {
  const how = rng.int(6);
  if (how === 0) return { text: text.replace(/\r?\n/g, '\r\n'), desc: 'crlf' };
  if (how === 1) return { text: text.replace(/\r?\n/g, '\r'), desc: 'cr' };
  if (how === 2) return { text: text.replace(/\r?\n/g, () => (rng.chance(0.5) ? '\r\n' : rng.chance(0.5) ? '\r' : '\n')), desc: 'mixed eol' };
  if (how === 3) return { text: text.replace(/\n/g, '\u2028'), desc: 'u2028 eol' };
  if (how === 4) return { text: text.replace(/\n/g, '\n\r'), desc: 'lfcr' };
  return { text: text.replace(/\r?\n/g, '\r\r\n'), desc: 'crcrlf' };
};

const splice: MutationFn = (rng, text, cx) => {
  const other = rng.chance(0.7) ? rng.pick(cx.seeds.filter((s) => s.kind === cx.kind)) ?? rng.pick(cx.seeds) : rng.pick(cx.seeds);
  const a = rng.chance(0.5) ? lineStartPos(rng, text) : anyPos(rng, text);
  const b = rng.chance(0.5) ? lineStartPos(rng, other.text) : anyPos(rng, other.text);
  return { text: cap(text.slice(0, a) + other.text.slice(b)), desc: `splice ${a}|${other.label}@${b}` };
};

const truncate: MutationFn = (rng, text) => {
  const p = rng.int(text.length + 1);
  return { text: text.slice(0, p), desc: `truncate@${p}` };
};

const EXTS = ['.yaml', '.yml', '.json', '.tf', '.tf.json', '.template', '.tfvars', '.tfvars.json', '.cfn'];

const rename: MutationFn = (rng, text, cx) => {
  const ext = rng.pick(EXTS);
  const base = cx.fileName.replace(/(\.tf\.json|\.tfvars\.json|\.[^.]*)$/, '');
  return { text, desc: `rename ${ext}`, fileName: `${base}${ext}` };
};

const unicode: MutationFn = (rng, text) => {
  const k = rng.range(1, 6);
  let t = text;
  const parts: string[] = [];
  for (let i = 0; i < k; i++) {
    const tok = rng.pick(GENERIC_TOKENS);
    const p = rng.chance(0.5) ? tokenPos(rng, t) : anyPos(rng, t);
    t = insert(t, p, tok);
    parts.push(`${show(tok)}@${p}`);
  }
  return { text: t, desc: `unicode ${parts.join(' ')}` };
};

const reindent: MutationFn = (rng, text) => {
  const lines = text.split('\n');
  const k = rng.range(1, 5);
  const parts: string[] = [];
  for (let i = 0; i < k && lines.length > 0; i++) {
    const l = rng.int(lines.length);
    const how = rng.int(4);
    const line = lines[l];
    if (how === 0) lines[l] = line.replace(/^[ \t]*/, (m) => m.slice(0, Math.max(0, m.length - rng.range(1, 4))));
    else if (how === 1) lines[l] = ' '.repeat(rng.range(1, 6)) + line;
    else if (how === 2) lines[l] = line.replace(/^( {2})/, '\t');
    else lines[l] = line.trimStart();
    parts.push(`${l}:${how}`);
  }
  return { text: lines.join('\n'), desc: `reindent ${parts.join(',')}` };
};

const bomb: MutationFn = (rng, text, cx) => {
  if (cx.kind === 'tf' || cx.kind === 'tfvars') {
    const [name, s] = hclBombs(rng);
    const p = rng.chance(0.6) ? text.length : lineStartPos(rng, text);
    return { text: cap(insert(text, p, s)), desc: `bomb hcl ${name}@${p}` };
  }
  if (cx.kind === 'json') {
    const [name, s] = cfnJsonBombs(rng);
    const m = /"Resources"\s*:\s*\{/.exec(text);
    const p = m ? m.index + m[0].length : tokenPos(rng, text);
    return { text: cap(insert(text, p, s)), desc: `bomb json ${name}@${p}` };
  }
  const [name, s, where] = cfnYamlBombs(rng);
  if (where === 'resources') {
    const m = /^Resources:[ \t]*\r?\n/m.exec(text);
    const p = m ? m.index + m[0].length : text.length;
    return { text: cap(insert(text, p, m ? s : `Resources:\n${s}`)), desc: `bomb yaml ${name}@${p}` };
  }
  const p = rng.chance(0.5) ? text.length : 0;
  const sep = p > 0 && !text.endsWith('\n') ? '\n' : '';
  return { text: cap(insert(text, p, sep + s)), desc: `bomb yaml ${name}@${p}` };
};

export const MUTATIONS: readonly (readonly [string, number, MutationFn])[] = [
  ['flip', 10, flip],
  ['delete', 8, del],
  ['duplicate', 6, duplicate],
  ['dup-lines', 4, duplicateLines],
  ['token', 16, token],
  ['value', 14, replaceValue],
  ['nest', 6, nest],
  ['long', 3, longLine],
  ['bom', 2, bom],
  ['bidi', 2, bidi],
  ['surrogate', 2, surrogate],
  ['eol', 3, lineEnds],
  ['splice', 4, splice],
  ['truncate', 4, truncate],
  ['rename', 1.5, rename],
  ['unicode', 3, unicode],
  ['reindent', 4, reindent],
  ['bomb', 6, bomb],
];

export const MUTATION_NAMES: readonly string[] = MUTATIONS.map((m) => m[0]);

/** Applies 1–4 mutations (fewer more often); `exclude` names mutations not to use. */
export function mutate(
  rng: Rng,
  fileName: string,
  text: string,
  seeds: readonly Seed[],
  exclude: ReadonlySet<string> = new Set(),
  count?: number,
): { fileName: string; text: string; mutations: string[]; steps: string[] } {
  const table = MUTATIONS.filter(([name]) => !exclude.has(name)).map(([name, w, fn]) => [w, [name, fn]] as const);
  const n = count ?? rng.weighted([[4, 1], [3, 2], [2, 3], [1, 4]] as const);
  const mutations: string[] = [];
  const steps: string[] = [];
  let t = text;
  let name = fileName;
  for (let i = 0; i < n && table.length > 0; i++) {
    const [mname, fn] = rng.weighted(table);
    const r = fn(rng, t, { fileName: name, kind: kindOf(name), seeds });
    t = cap(r.text);
    if (r.fileName) name = r.fileName;
    mutations.push(`${mname}: ${r.desc}`);
    steps.push(t);
  }
  return { fileName: name, text: t, mutations, steps };
}
