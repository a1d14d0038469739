// Your teams (`owners:` in .aws-responsibility.yaml) wherever a duty's owner is shown: the hover card, the JSON and text
// reports, the view, the Markdown exports and the CodeLens — next to "you", never next to AWS, and always inert.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../../server/src/core/analyze';
import { applyOwners, type OwnerEntry } from '../../../server/src/core/config/owners';
import { analyzeText } from '../../../server/src/core/document';
import { hoverAt } from '../../../server/src/core/present/hover';
import { modelView } from '../../../server/src/core/present/model-view';
import { prSummary } from '../../../server/src/core/present/pr-summary';
import { fileReport, textReport, type JsonFile } from '../../../server/src/core/present/report';
import { reportMarkdown } from '../../../server/src/core/present/report-markdown';
import { viewContentHtml } from '../../../server/src/core/present/view-html';
import { codeLensTitle, codeLenses } from '../../../server/src/lsp/code-lens';
import { LineIndex } from '../../../server/src/core/present/positions';
import { HOSTILE } from './fixtures';
import { AWS_LINK, liveHtml, liveMarkdown, OUR_COMMAND } from './inert';

const TEMPLATE = `Resources:
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  Assets:
    Type: AWS::S3::Bucket
`;

const ENTRIES: OwnerEntry[] = [
  { duty: 'firewall-configuration', team: 'Network platform', contact: '#net-platform' },
  { duty: 'identity-and-access-management', team: 'Payments security', paths: ['services/payments/**'] },
  { duty: 'customer-data', team: 'Data office' },
  { duty: 'client-side-encryption', team: 'Crypto' },
];

function analysis(entries: readonly OwnerEntry[] = ENTRIES, path = 'services/payments/stack.yaml'): { text: string; analysis: Analysis; file: JsonFile } {
  const a = applyOwners(analyzeText('stack.yaml', TEMPLATE), entries, path);
  return { text: TEMPLATE, analysis: a, file: fileReport('services/payments/stack.yaml', TEMPLATE, a) };
}

const hoverOn = (a: Analysis, text: string, needle: string, uri?: string): string => {
  const h = hoverAt(a, text.indexOf(needle) + 3, { uri });
  assert.ok(h, `a hover on ${needle}`);
  return h.markdown;
};

describe('teams in the hover card', () => {
  it('next to each of your duties: checked, not checked (grouped by team) and client-side; never in the AWS group', () => {
    const { analysis: a, text } = analysis();
    const md = hoverOn(a, text, 'AWS::EC2::SecurityGroup');
    const you = md.slice(md.indexOf('**You**'), md.indexOf('**AWS**'));
    const aws = md.slice(md.indexOf('**AWS**'));
    // The gap line carries the team and its contact.
    assert.match(you, /✗ \*\*Firewall configuration\*\* · team \*\*Network platform\*\* \(\\#net\\-platform\) — gap:/);
    // Duties nothing checks, one line per team.
    assert.match(you, /Customer data[^\n]* · team \*\*Data office\*\* — yours; nothing in this file checks them/);
    assert.match(you, /Identity and access management[^\n]* · team \*\*Payments security\*\* — yours; nothing in this file checks them/);
    assert.match(you, /Client\\-side data encryption and integrity · team \*\*Crypto\*\* — yours; not expressible in a template/);
    assert.doesNotMatch(aws, /team/);
    // Without teams, the card is the card it was.
    const plain = hoverOn(analyzeText('stack.yaml', TEMPLATE), text, 'AWS::EC2::SecurityGroup');
    assert.doesNotMatch(plain, /team/);
    assert.match(plain, /✗ \*\*Firewall configuration\*\* — gap:/);
  });

  it('a duty AWS owns shows no team even when an entry names it (S3: firewall configuration)', () => {
    const { analysis: a, text } = analysis();
    const md = hoverOn(a, text, 'AWS::S3::Bucket');
    assert.doesNotMatch(md, /Network platform/);
    assert.match(md, /team \*\*Data office\*\*/);
  });

  it('the paths of an entry decide: another folder gets no team for that entry', () => {
    const { analysis: a, text } = analysis(ENTRIES, 'services/orders/stack.yaml');
    const md = hoverOn(a, text, 'AWS::EC2::SecurityGroup');
    assert.doesNotMatch(md, /Payments security/);
    assert.match(md, /Network platform/);
  });

  it('the property card names the team of the duty the property serves', () => {
    const { analysis: a, text } = analysis();
    const h = hoverAt(a, text.indexOf('CidrIp') + 2);
    assert.ok(h);
    assert.match(h.markdown, /Serves \*\*Firewall configuration\*\* \(yours · team \*\*Network platform\*\* \(\\#net\\-platform\)\)/);
  });

  it('a hostile team or contact stays text: no live markup, only our links', () => {
    for (const evil of [...HOSTILE, '**bold** [x](https://evil.example) <b>b</b>', 'a\u202eb']) {
      const entries: OwnerEntry[] = [{ duty: 'firewall-configuration', team: evil, contact: evil }, { duty: 'customer-data', team: evil }];
      const { analysis: a, text } = analysis(entries);
      const md = hoverOn(a, text, 'AWS::EC2::SecurityGroup', 'file:///w/stack.yaml');
      const live = liveMarkdown(md);
      assert.ok(live.tags.every((t) => ['p', 'strong', 'em', 'code', 'a', 'ul', 'li', 'br'].includes(t)), `${evil}: ${live.tags.join(',')}`);
      assert.ok(live.links.every((l) => AWS_LINK.test(l) || OUR_COMMAND.test(l)), `${evil}: ${live.links.join(' ')}`);
      assert.ok(!live.tags.includes('img') && !live.tags.includes('script') && !live.tags.includes('b'));
      assert.doesNotMatch(live.text, /\u202e/);
      // The team is shown, as text.
      if (!evil.includes('\u202e')) assert.ok(live.text.includes(evil.replace(/`/g, '`')) || live.text.includes(evil.slice(0, 10)), `${evil} shown`);
    }
  });
});

describe('teams in the reports', () => {
  it('JSON: duties[].team and duties[].contact on your duties, absent when none', () => {
    const { file } = analysis();
    const sg = file.resources.find((r) => r.name === 'WebSg')!;
    const fw = sg.duties.find((d) => d.duty === 'firewall-configuration')!;
    assert.equal(fw.team, 'Network platform');
    assert.equal(fw.contact, '#net-platform');
    const iam = sg.duties.find((d) => d.duty === 'identity-and-access-management')!;
    assert.equal(iam.team, 'Payments security');
    assert.equal('contact' in iam, false);
    const sse = sg.duties.find((d) => d.duty === 'server-side-encryption')!;
    assert.equal('team' in sse, false);
    assert.equal('contact' in sse, false);
    const bucket = file.resources.find((r) => r.name === 'Assets')!;
    assert.equal('team' in bucket.duties.find((d) => d.duty === 'firewall-configuration')!, false, 'AWS’s duty: no team');
    // The JSON round-trips (what the CLI prints), and a file without owners has no team anywhere.
    assert.deepEqual(JSON.parse(JSON.stringify(file)), file);
    const none = fileReport('x.yaml', TEMPLATE, analyzeText('x.yaml', TEMPLATE));
    assert.ok(!JSON.stringify(none).includes('"team"'));
  });

  it('text: a teams line per resource and the team on each finding', () => {
    const { file } = analysis();
    const t = textReport({ version: 1, files: [file] });
    assert.match(t, /\n {6}teams: Data office: customer-data · Payments security: identity-and-access-management · Network platform \(#net-platform\): firewall-configuration · Crypto: client-side-encryption\n/);
    assert.match(t, /security-group-open-ingress {2}\[firewall-configuration · customer · Network platform\]/);
    const hostile = analysis([{ duty: 'firewall-configuration', team: 'a\u001b[31mred' }]).file;
    assert.doesNotMatch(textReport({ version: 1, files: [hostile] }), /\u001b/);
  });

  it('Markdown export: the team next to each duty and a table of your teams; hostile text escaped', () => {
    const { file } = analysis();
    const md = reportMarkdown([file]);
    assert.match(md, /✗ Firewall configuration \(team Network platform\)/);
    assert.match(md, /## Your teams\n\n\| Team \| Contact \| Duties \| Resources \| Gaps \|/);
    assert.match(md, /\| Network platform \| \\#net\\-platform \| Firewall configuration \| 1 \| 1 \|/);
    assert.match(md, /\| Data office \| — \| Customer data \| 2 \| 1 \|/);
    assert.match(md, /\| Crypto \| — \| Client\\-side data encryption and integrity \| 2 \| 0 \|/);
    // Most gaps first.
    assert.ok(md.indexOf('| Data office |') < md.indexOf('| Crypto |'));
    assert.doesNotMatch(reportMarkdown([file], { owner: 'aws' }), /Your teams/);
    assert.doesNotMatch(reportMarkdown([fileReport('x.yaml', TEMPLATE, analyzeText('x.yaml', TEMPLATE))]), /Your teams/);
    for (const evil of HOSTILE) {
      const live = liveMarkdown(reportMarkdown([analysis([{ duty: 'firewall-configuration', team: evil, contact: evil }]).file]));
      assert.ok(!live.tags.includes('img') && !live.tags.includes('script'), evil);
      assert.ok(live.links.every((l) => AWS_LINK.test(l)), `${evil}: ${live.links.join(' ')}`);
    }
  });

  it('pull-request comment: the owner column names the team', () => {
    const md = prSummary([analysis().file]);
    assert.match(md, /\| Firewall configuration \| you \\\(team Network platform\\\) \| 1 \| 0 \| 0 \| 0 \|/);
    assert.match(md, /\| Customer data \| you \\\(team Data office\\\) \| 0 \| 0 \| 2 \| 0 \|/);
    const live = liveMarkdown(prSummary([analysis([{ duty: 'firewall-configuration', team: HOSTILE[0] }]).file]));
    assert.ok(!live.tags.includes('img'));
  });
});

describe('teams in the view and the CodeLens', () => {
  const input = (file: JsonFile) => ({ model: modelView(), mode: 'file' as const, active: { uri: 'file:///w/stack.yaml', label: 'stack.yaml', file }, nonce: 'n', cspSource: 'vscode-webview:' });

  it('the view lists each resource’s teams with their duties; the chips’ tooltips name the team', () => {
    const html = viewContentHtml(input(analysis().file));
    const live = liveHtml(html, true);
    assert.ok(live.text.includes('Your teams: Data office: Customer data · Payments security: Identity and access management · Network platform (#net-platform): Firewall configuration'), live.text.slice(0, 3000));
    const tip = live.attrs.find((a) => a.name === 'title' && a.value.includes('Network platform'));
    assert.ok(tip, 'a chip tooltip names the team');
    assert.match(tip.value, /^You · team Network platform \(#net-platform\) · gap found by security-group-open-ingress$/);
    assert.ok(!viewContentHtml(input(fileReport('x.yaml', TEMPLATE, analyzeText('x.yaml', TEMPLATE)))).includes('class="teams"'));
  });

  it('a hostile team renders inert in the view', () => {
    for (const evil of [...HOSTILE, '" onmouseover="alert(1)', "' autofocus onfocus='x"]) {
      const html = viewContentHtml(input(analysis([{ duty: 'firewall-configuration', team: evil, contact: evil }, { duty: 'customer-data', team: evil }]).file));
      const live = liveHtml(html, true);
      assert.ok(!live.tags.includes('img') && !live.tags.includes('script'), evil);
      assert.ok(!live.attrs.some((a) => /^on/i.test(a.name) || a.name === 'autofocus'), `${evil}: ${live.attrs.map((a) => a.name).join(',')}`);
      assert.ok(live.text.includes(evil), `${evil} is shown as text`);
    }
  });

  it('CodeLens: the teams of your duties, those with a gap first, at most two names', () => {
    const { analysis: a, text } = analysis();
    const sg = a.resources.find((r) => r.resource.id === 'WebSg')!;
    assert.equal(codeLensTitle(sg), 'Infrastructure service · you: 9 duties (1 gap) · teams: Network platform, Data office +2 · AWS: 2');
    const bucket = a.resources.find((r) => r.resource.id === 'Assets')!;
    assert.match(codeLensTitle(bucket), /· teams: Data office, Payments security \+1 ·/, 'the team of the duty with a gap first');
    const one = applyOwners(analyzeText('s.yaml', TEMPLATE), [{ duty: 'firewall-configuration', team: 'Net\u0007' }], 'x');
    assert.match(codeLensTitle(one.resources[0]), /· team: Net · AWS: 2$/);
    assert.doesNotMatch(codeLensTitle(analyzeText('s.yaml', TEMPLATE).resources[0]), /team/);
    const lenses = codeLenses(a, new LineIndex(text), 'file:///w/stack.yaml');
    assert.ok(lenses.every((l) => /team/.test(l.command?.title ?? '')));
  });
});
