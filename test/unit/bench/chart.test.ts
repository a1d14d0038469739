/** The bench's SVG charts (bench/chart.ts): well-formed SVG, escaped text, the same bytes for the same figures. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, lineChart, tickLabel, type Chart } from '../../../bench/chart';

/**
 * A strict well-formedness check of the XML the chart writer emits: every tag closed in order, attributes quoted, no raw
 * `<` or `&` in text or attribute values (only the five predefined entities and numeric references).
 */
function checkXml(xml: string): { elements: string[]; texts: string[] } {
  const stack: string[] = [];
  const elements: string[] = [];
  const texts: string[] = [];
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const cleanText = (t: string, where: string): void => {
    const rest = t.replace(entity, '');
    assert.ok(!/[<&]/.test(rest), `unescaped < or & in ${where}: ${JSON.stringify(t)}`);
  };
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    cleanText(text, 'text');
    if (text.trim()) texts.push(text);
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    assert.ok(gt > lt, 'unterminated tag');
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      assert.equal(stack.pop(), name, `closing </${name}> does not match`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*$/.exec(body);
      assert.ok(m, `malformed tag <${tag}>`);
      const attrs = m[2].match(/[\w:-]+="[^"]*"/g) ?? [];
      const names = attrs.map((a) => a.slice(0, a.indexOf('=')));
      assert.equal(new Set(names).size, names.length, `repeated attribute in <${tag}>`);
      for (const a of attrs) cleanText(a.slice(a.indexOf('"') + 1, -1), `attribute of <${m[1]}>`);
      elements.push(m[1]);
      if (!selfClosing) stack.push(m[1]);
    }
    i = gt + 1;
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  return { elements, texts };
}

const FIGURES: Chart = {
  title: 'Full analysis <YAML> & "JSON"',
  note: "medians, ours vs. the libraries' parsers",
  xLabel: 'resources',
  yLabel: 'ms',
  series: [
    { name: 'ours: CFN YAML', points: [{ x: 100, y: 4.1 }, { x: 1000, y: 39.3 }, { x: 10000, y: 427.5 }] },
    { name: 'yaml.parseDocument <baseline>', dashed: true, points: [{ x: 100, y: 41 }, { x: 1000, y: 372.2 }, { x: 10000, y: 5529.4 }] },
    { name: "O'Brien & co", points: [{ x: 100, y: 0.5 }, { x: 1000, y: Number.NaN }, { x: 10000, y: 0 }] },
  ],
};

describe('bench charts', () => {
  it('writes well-formed SVG with every text escaped', () => {
    const svg = lineChart(FIGURES);
    const { elements, texts } = checkXml(svg);
    assert.equal(elements[0], 'svg');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('Full analysis &lt;YAML&gt; &amp; &quot;JSON&quot;'));
    assert.ok(svg.includes('O&#39;Brien &amp; co'));
    assert.ok(texts.some((t) => t.includes('yaml.parseDocument &lt;baseline&gt;')));
    // One line per series with at least two drawable points; the third series' NaN and 0 (log axis) are left out.
    assert.equal(elements.filter((e) => e === 'path').length, 2);
    assert.equal(elements.filter((e) => e === 'circle').length, 7);
    assert.ok(svg.includes('stroke-dasharray'));
    assert.ok(!/NaN|Infinity|undefined/.test(svg));
  });

  it('is deterministic: the same figures give the same bytes', () => {
    assert.equal(lineChart(FIGURES), lineChart(JSON.parse(JSON.stringify(FIGURES)) as Chart));
  });

  it('draws points inside the plot, in order along x', () => {
    const svg = lineChart({ ...FIGURES, series: [{ name: 'a', points: [{ x: 10000, y: 5 }, { x: 100, y: 1 }, { x: 1000, y: 2 }] }] });
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(xs.length, 3);
    for (const [x, y] of xs) {
      assert.ok(x >= 64 && x <= 840 && y >= 0 && y <= 420);
    }
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const px = [...d.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    assert.deepEqual(px, [...px].sort((a, b) => a - b));
  });

  it('handles no data and linear axes', () => {
    checkXml(lineChart({ title: 'empty', xLabel: 'x', yLabel: 'y', series: [] }));
    const lin = lineChart({ title: 'lin', xLabel: 'x', yLabel: 'y', logX: false, logY: false, series: [{ name: 's', points: [{ x: 0, y: 0 }, { x: 3, y: 7 }] }] });
    checkXml(lin);
    assert.equal((lin.match(/<circle /g) ?? []).length, 2);
  });

  it('labels and escapes', () => {
    assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    assert.deepEqual([1, 10, 1000, 10000, 0.1, 2500, 1e6].map(tickLabel), ['1', '10', '1k', '10k', '0.1', '2500', '1M']);
  });
});
