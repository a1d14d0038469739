/** Template text is data: hostile names must come out of every builder as inert text, never as markup or links. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { commandUri, escapeMarkdown, markdownCode, messageMarkdown } from '../../../server/src/core/present/escape';
import { hoverAt, hoverCard } from '../../../server/src/core/present/hover';
import { modelView } from '../../../server/src/core/present/model-view';
import { fileReport } from '../../../server/src/core/present/report';
import { reportMarkdown } from '../../../server/src/core/present/report-markdown';
import { viewContentHtml, viewHtml } from '../../../server/src/core/present/view-html';
import { HOSTILE, HOSTILE_CFN, HOSTILE_TF } from './fixtures';
import { AWS_LINK, commandArgs, liveHtml, liveMarkdown, OUR_COMMAND, type Live } from './inert';

const MD_TAGS = new Set(['p', 'strong', 'em', 'code', 'a', 'ul', 'li', 'br', 'h1', 'h2', 'h3', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr']);

function assertInertMarkdown(live: Live, label: string): void {
  for (const t of live.tags) assert.ok(MD_TAGS.has(t), `${label}: unexpected <${t}>`);
  for (const a of live.attrs) {
    assert.ok(!/^on/i.test(a.name), `${label}: event handler attribute ${a.name}`);
    assert.ok(['href', 'title', 'style'].includes(a.name) || (a.tag === 'td' || a.tag === 'th'), `${label}: attribute ${a.name} on <${a.tag}>`);
    if (a.name === 'style') assert.match(a.value, /^text-align:(left|right|center)$/, label);
  }
  for (const l of live.links) assert.ok(AWS_LINK.test(l) || OUR_COMMAND.test(l), `${label}: link ${l}`);
}

const cases = [
  { name: 'h.yaml', text: HOSTILE_CFN },
  { name: 'h.tf', text: HOSTILE_TF },
];

describe('escaping primitives', () => {
  it('escapeMarkdown leaves no live Markdown or HTML', () => {
    for (const h of HOSTILE) {
      const live = liveMarkdown(`x ${escapeMarkdown(h)} y`);
      assert.deepEqual(live.tags, ['p'], h);
      assert.ok(live.text.includes(h.replace(/\s+/g, ' ')), `${h} is shown as text: ${live.text}`);
    }
  });
  it('markdownCode cannot be broken out of, even by backticks', () => {
    for (const h of [...HOSTILE, '``', '` ](command:x) `']) {
      const live = liveMarkdown(`a ${markdownCode(h)} b`);
      assert.deepEqual(live.tags, ['p', 'code'], h);
      assert.equal(live.links.length, 0);
    }
  });
  it('messageMarkdown keeps code spans as code and the rest as text', () => {
    const live = liveMarkdown(messageMarkdown('bucket `<img src=x onerror=alert(1)>` has `](command:x)` and an odd ` tick <script>'));
    assert.ok(!live.tags.includes('img') && !live.tags.includes('script'));
    assert.equal(live.links.length, 0);
    assert.equal(live.tags.filter((t) => t === 'code').length, 2);
  });
  it('commandUri encodes its arguments so they cannot end the link', () => {
    const uri = commandUri('awsResponsibility.showModel', { uri: 'file:///a)b', resourceId: '](command:workbench.action.quit) "x"' });
    const live = liveMarkdown(`[open](${uri})`);
    assert.equal(live.links.length, 1);
    assert.deepEqual(commandArgs(live.links[0]), [{ uri: 'file:///a)b', resourceId: '](command:workbench.action.quit) "x"' }]);
    assert.throws(() => commandUri('workbench.action.quit', {}));
  });
});

describe('hostile templates through every builder', () => {
  for (const c of cases) {
    const analysis = analyzeText(c.name, c.text);

    it(`${c.name}: the fixture really carries the hostile names`, () => {
      assert.ok(analysis.resources.length >= 3);
      assert.ok(analysis.resources.some((r) => r.resource.name.includes('<img')));
      assert.ok(analysis.resources.some((r) => r.resource.name.includes('](command:')));
    });

    it(`${c.name}: hover cards (type, name, every property) are inert; the only command link is ours, with the name as data`, () => {
      let cards = 0;
      for (let off = 0; off < c.text.length; off++) {
        const h = hoverAt(analysis, off, { uri: 'file:///h' });
        if (!h) continue;
        cards++;
        const live = liveMarkdown(h.markdown);
        assertInertMarkdown(live, `${c.name}@${off}`);
        for (const l of live.links.filter((x) => OUR_COMMAND.test(x))) {
          const [args] = commandArgs(l) as [{ uri: string; resourceId: string }];
          assert.equal(args.uri, 'file:///h');
          assert.ok(analysis.resources.some((r) => r.resource.id === args.resourceId));
        }
      }
      assert.ok(cards > 20, `hovers found: ${cards}`);
      // the hostile names are shown, as text
      const img = analysis.resources.find((r) => r.resource.name.includes('<img'))!;
      assert.ok(liveMarkdown(hoverCard(img)).text.includes('<img src=x onerror=alert(1)>'));
    });

    it(`${c.name}: the view HTML has no element, attribute or script from the template`, () => {
      const file = fileReport(c.name, c.text, analysis);
      const nonce = 'Tm9uY2UtMTIz';
      const html = viewHtml({
        model: modelView(),
        mode: 'file',
        active: { uri: 'file:///h', label: '<img src=x onerror=alert(1)>.yaml', file },
        workspace: { files: [{ uri: 'file:///h"><script>alert(1)</script>', label: '<script>alert(1)</script>', file }] },
        focus: { uri: 'file:///h', resourceId: '"><img src=x onerror=alert(1)>' },
        nonce,
        cspSource: 'vscode-webview:',
      });
      const live = liveHtml(html);
      assert.ok(!live.tags.includes('img') && !live.tags.includes('iframe') && !live.tags.includes('object'));
      const scripts = live.tags.filter((t) => t === 'script').length;
      assert.equal(scripts, 1);
      const scriptNonces = live.attrs.filter((a) => a.tag === 'script' && a.name === 'nonce').map((a) => a.value);
      assert.deepEqual(scriptNonces, [nonce]);
      for (const a of live.attrs) {
        assert.ok(!/^on/i.test(a.name), `event handler ${a.name}`);
        if (a.name === 'href') assert.match(a.value, AWS_LINK);
        if (a.name === 'src') assert.fail(`src on <${a.tag}>`);
      }
      assert.ok(live.text.includes('<img src=x onerror=alert(1)>'), 'hostile name shown as text');
      // the workspace mode too
      const ws = liveHtml(viewContentHtml({ model: modelView(), mode: 'workspace', active: null, workspace: { files: [{ uri: 'file:///h', label: '<script>x</script>', file }] }, nonce, cspSource: 'x' }), true);
      assert.ok(!ws.tags.includes('script') && !ws.tags.includes('img'));
      assert.ok(ws.text.includes('<script>x</script>'));
    });

    it(`${c.name}: the Markdown report is inert and its tables keep their columns`, () => {
      const file = fileReport(`dir/<img src=x onerror=alert(1)>|${c.name}`, c.text, analysis);
      const md = reportMarkdown([file]);
      const live = liveMarkdown(md);
      assertInertMarkdown(live, 'report');
      assert.ok(live.tags.includes('table'));
      // every body row has the header's 6 cells
      const tableLines = md.split('\n').filter((l) => l.startsWith('| '));
      for (const l of tableLines) assert.equal(l.replace(/\\\|/g, '').split('|').length - 2, 6, l);
    });
  }
});

describe('bidirectional controls (Trojan Source) never reach the user', () => {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const cfn = `Resources:\n  "Data\u202eemuloV":\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      Encrypted: false\n      Tags:\n        - Key: "\u2066x\u2069"\n          Value: "\u202d"\n`;
  const tf = `resource "aws_ebs_volume" "v\u202egnihton" {\n  availability_zone = "a"\n  encrypted = false\n}\n`;
  for (const [name, text] of [['b.yaml', cfn], ['b.tf', tf]] as const) {
    it(`${name}: finding messages, hover cards, the report and the view show them as U+FFFD`, () => {
      const a = analyzeText(name, text);
      assert.ok(a.findings.length > 0);
      for (const f of a.findings) assert.ok(!BIDI.test(f.message), f.message);
      for (const ra of a.resources) {
        const md = hoverCard(ra);
        assert.ok(!BIDI.test(md), md.slice(0, 200));
        assert.ok(md.includes('\ufffd'));
      }
      for (let o = 0; o < text.length; o += 7) {
        const h = hoverAt(a, o);
        if (h) assert.ok(!BIDI.test(h.markdown));
      }
      const file = fileReport(name, text, a);
      assert.ok(!BIDI.test(reportMarkdown([file])));
      assert.ok(!BIDI.test(viewContentHtml({ model: modelView(), mode: 'file', active: { uri: 'file:///x', label: name, file }, nonce: 'n', cspSource: 'c' })));
    });
  }
});
