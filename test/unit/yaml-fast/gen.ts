/** fast-check generators of YAML documents in (and around) the CloudFormation subset, for differential tests. */
import fc from 'fast-check';

export type Doc =
  | { t: 'map'; step: number; entries: { key: string; value: Doc; comment: boolean; blank: boolean; cmt: number }[] }
  | { t: 'seq'; step: number; same: boolean; compact: boolean; items: Doc[]; cmts: number[] }
  | { t: 'scalar'; s: string; style: 'plain' | 'single' | 'double' }
  | { t: 'block'; header: string; lines: string[]; blankAfter: number }
  | { t: 'flow'; text: string; multiline: boolean }
  | { t: 'tag'; tag: string; node: Doc }
  | { t: 'empty' };

const SCALARS = [
  'x', 'foo bar', 'true', 'True', 'TRUE', 'false', 'FALSE', 'yes', 'no', 'null', 'Null', 'NULL', '~', '0x1F', '0x', '0o17', '0o8', '017',
  '-12', '+3', '0', '-0', '1.5', '1.', '.5', '1e3', '-1.2E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_000', '12abc', 'a:b', 'a#b',
  "it's", 'x"y', '${AWS::Region}', 'arn:aws:s3:::bucket/*', 'AWS::S3::Bucket', '10.0.0.0/16', '-x', '?x', ':x', 'a, b', 'x]', 'é ü',
  '@x', '%x', '`x', '&a', '*a', '!x', '|', '>', 'a: b', 'a #b', ' lead', 'trail ', '-', '[x]', '{x}', '', '\\n', 'tab\there',
];
const KEYS = ['Type', 'Properties', 'Ref', 'Fn::If', 'Fn::GetAtt', 'Fn::Sub', 'Condition', 'a', 'b c', '1', '0x10', '1.0', 'true', 'null', '~', 'Key', 'Value', '<<', '-k', 'k:', "'q'", '"dq"', '"a\\tb"', '? x', 'k #c'];
const TAGS = ['!Ref', '!Sub', '!If', '!GetAtt', '!Join', '!Select', '!Equals', '!Not', '!Base64', '!FindInMap', '!!str', '!Custom', '!'];
const BLOCK_LINES = ['x', 'echo hi', '  indented', '# not a comment', 'a: b', 'trailing  ', '', '', '"q"', '- item'];
const FLOWS = [
  '[a, b]', '[]', '{}', '{Key: a, Value: b}', '[!Ref A, !GetAtt B.Arn]', "['', [a, 'b']]", '{Ref: X}', '{"Fn::GetAtt": [A, B]}', '[1, 2.5, true, null, ~]',
  '[a, {b: c}]', '[a: b]', '[a, ]', '{a: }', '{a}', '[ "x" , \'y\' ]', '[a # c\n]', '{a: [b, {c: d}]}', '[!Sub "${A}", !Select [0, !GetAZs ""]]',
];

const scalarArb: fc.Arbitrary<Doc> = fc.record({
  t: fc.constant('scalar' as const),
  s: fc.oneof(fc.constantFrom(...SCALARS), fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', '-', ':', ' ', '#', "'", '"', '\\', 'x', '0', 'e') , maxLength: 8 })),
  style: fc.constantFrom('plain' as const, 'plain' as const, 'single' as const, 'double' as const),
});
const blockArb: fc.Arbitrary<Doc> = fc.record({
  t: fc.constant('block' as const),
  header: fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '|2', '| # c', '|x'),
  lines: fc.array(fc.constantFrom(...BLOCK_LINES), { minLength: 0, maxLength: 5 }),
  blankAfter: fc.nat(2),
});
const flowArb: fc.Arbitrary<Doc> = fc.record({ t: fc.constant('flow' as const), text: fc.constantFrom(...FLOWS), multiline: fc.boolean() });
const emptyArb: fc.Arbitrary<Doc> = fc.constant({ t: 'empty' as const });

export const docArb: fc.Arbitrary<Doc> = fc.letrec<{ node: Doc; map: Doc; seq: Doc; tag: Doc }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, scalarArb, tie('map'), tie('seq'), blockArb, flowArb, emptyArb, tie('tag')),
  map: fc.record({
    t: fc.constant('map' as const),
    step: fc.integer({ min: 1, max: 4 }),
    entries: fc.array(fc.record({ key: fc.constantFrom(...KEYS), value: tie('node'), comment: fc.boolean(), blank: fc.boolean(), cmt: fc.integer({ min: -1, max: 8 }) }), { minLength: 1, maxLength: 4 }),
  }),
  seq: fc.record({
    t: fc.constant('seq' as const),
    step: fc.integer({ min: 1, max: 4 }),
    same: fc.boolean(),
    compact: fc.boolean(),
    items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
    cmts: fc.array(fc.integer({ min: -1, max: 8 }), { minLength: 4, maxLength: 4 }),
  }),
  tag: fc.record({ t: fc.constant('tag' as const), tag: fc.constantFrom(...TAGS), node: tie('node') }),
})).node;

function scalarText(d: Extract<Doc, { t: 'scalar' }>): string {
  if (d.style === 'single') return `'${d.s.replace(/'/g, "''")}'`;
  if (d.style === 'double') return `"${d.s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return d.s;
}

/** Renders the value part after `key:` or `-` (starting with the separator), for a node nested at `indent`. */
function renderValue(d: Doc, indent: number, inMap: boolean): string {
  switch (d.t) {
    case 'scalar':
      return ` ${scalarText(d)}\n`;
    case 'empty':
      return '\n';
    case 'block': {
      const pad = ' '.repeat(indent + 2);
      return ` ${d.header}\n` + d.lines.map((l) => (l === '' ? '\n' : pad + l + '\n')).join('') + '\n'.repeat(d.blankAfter);
    }
    case 'flow':
      return ' ' + (d.multiline ? d.text.replace(/, /g, `,\n${' '.repeat(indent + 2)}`) : d.text) + '\n';
    case 'tag':
      if (d.node.t === 'map' || d.node.t === 'seq') return ` ${d.tag}\n` + render(d.node, indent + (d.node.t === 'seq' && d.node.same && inMap ? 0 : d.node.t === 'map' ? d.node.step : d.node.step));
      if (d.node.t === 'tag' || d.node.t === 'empty') return ` ${d.tag}\n`;
      return ` ${d.tag}` + renderValue(d.node, indent, inMap);
    case 'map':
      return '\n' + render(d, indent + d.step);
    case 'seq':
      return '\n' + render(d, indent + (d.same && inMap ? 0 : d.step));
  }
}

/** Renders a block node whose lines start at `indent`. */
export function render(d: Doc, indent: number): string {
  const pad = ' '.repeat(indent);
  if (d.t === 'map') {
    return d.entries
      .map((e, i) => {
        let v = renderValue(e.value, indent, true);
        if (e.comment && (e.value.t === 'scalar' || e.value.t === 'flow')) v = v.slice(0, -1) + ' # c\n';
        const before = i > 0 && e.cmt >= 0 ? `${' '.repeat(e.cmt)}# x\n` : '';
        return before + (e.blank && i > 0 ? (e.comment ? `${' '.repeat(indent)}# between\n` : '\n') : '') + pad + e.key + ':' + v;
      })
      .join('');
  }
  if (d.t === 'seq') {
    const seq = d;
    return d.items
      .map((item, i) => {
        const before = i > 0 && d.cmts[i] >= 0 ? `${' '.repeat(d.cmts[i])}# y\n` : '';
        return before + one(item);
      })
      .join('');
    function one(item: Doc): string {
        if (seq.compact && item.t === 'map') return pad + '- ' + render(item, indent + 2).slice(indent + 2);
        if (seq.compact && item.t === 'seq') return pad + '- ' + render(item, indent + 2).slice(indent + 2);
        return pad + '-' + renderValue(item, indent, false);
    }
  }
  return pad + renderValue(d, indent, false).slice(1);
}

/** A whole document: optional `---`, leading comments, the root at some indentation, trailing comments. */
export const documentArb: fc.Arbitrary<string> = fc
  .record({
    marker: fc.boolean(),
    lead: fc.boolean(),
    indent: fc.constantFrom(0, 0, 2, 4),
    root: docArb,
    trail: fc.array(fc.tuple(fc.nat(6), fc.boolean()), { maxLength: 2 }),
  })
  .map(({ marker, lead, indent, root, trail }) =>
    (marker ? '---\n' : '') + (lead ? '# lead\n' : '') + render(root, indent) + trail.map(([n, blank]) => (blank ? '\n' : '') + ' '.repeat(n) + '# t\n').join(''));
