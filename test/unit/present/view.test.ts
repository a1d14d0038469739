import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KINDS, DUTIES } from '../../../server/src/core/model/duties';
import { modelView } from '../../../server/src/core/present/model-view';
import { reportMarkdown } from '../../../server/src/core/present/report-markdown';
import { viewContentHtml, viewHtml, type ViewInput } from '../../../server/src/core/present/view-html';
import { example } from './fixtures';
import { liveHtml, liveMarkdown } from './inert';

const web = example('cloudformation/web-app.yaml');
const tf = example('terraform/main.tf');
const store = example('cloudformation/data-store.json');

function input(over: Partial<ViewInput> = {}): ViewInput {
  return { model: modelView(), mode: 'file', active: { uri: 'file:///w/web-app.yaml', label: 'web-app.yaml', file: web.file }, nonce: 'abc123', cspSource: 'vscode-webview:', ...over };
}

/** The attribute values of elements matching a tag + attribute name, in document order. */
function attrValues(html: string, name: string): string[] {
  return liveHtml(html).attrs.filter((a) => a.name === name).map((a) => a.value);
}

describe('responsibility view HTML', () => {
  it('has a strict CSP with the nonce and loads nothing remote', () => {
    const html = viewHtml(input());
    const csp = liveHtml(html).attrs.find((a) => a.name === 'content' && a.value.includes('default-src'))?.value ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    assert.ok(!/(src|href)="(https?:)?\/\/(?!docs\.aws|aws\.amazon)/.test(html));
  });

  it('draws the model: every duty × kind cell with its owner; refined cells are focusable and carry note + source', () => {
    const live = liveHtml(viewHtml(input()));
    const cells = live.attrs.filter((a) => a.tag === 'td' && a.name === 'data-owner');
    assert.equal(cells.length, DUTIES.length * KINDS.length);
    const m = modelView();
    const managedSse = m.duties.find((d) => d.id === 'server-side-encryption')!.cells.managed;
    assert.equal(managedSse.owner, 'aws');
    assert.ok(managedSse.refinement);
    const refined = m.duties.flatMap((d) => KINDS.filter((k) => d.cells[k].refinement)).length;
    assert.equal(live.attrs.filter((a) => a.tag === 'td' && a.name === 'tabindex').length, refined);
    assert.ok(live.links.includes(managedSse.refinement.source));
    assert.ok(live.text.includes(managedSse.refinement.note));
    assert.ok(live.text.includes('e.g. Amazon EC2, Amazon EBS, Auto Scaling, Amazon VPC'));
  });

  it('groups the file’s resources by kind, in the seed’s order, with reveal positions and finding counts', () => {
    const html = viewContentHtml(input());
    const kinds = attrValues(html, 'data-kind').filter((_, i, a) => a.indexOf(_) === i);
    assert.deepEqual(kinds.slice(0, 3), ['infrastructure', 'container', 'managed']);
    const live = liveHtml(html, true);
    const ids = live.attrs.filter((a) => a.tag === 'button' && a.name === 'data-resource-id').map((a) => a.value);
    assert.deepEqual([...ids].sort(), web.file.resources.map((r) => r.name).sort());
    const db = web.file.resources.find((r) => r.name === 'Database')!;
    assert.ok(html.includes(`data-resource-id="Database" data-line="${db.range.start.line}" data-character="${db.range.start.character}"`));
    assert.ok(live.text.includes(`${web.file.findings.filter((f) => f.resource === 'Database').length} findings`));
    // unknown duty states say what they depend on
    assert.ok(live.text.includes('Server-side encryption: depends on parameter EncryptLogs'), live.text.slice(0, 2000));
    // every resource row is a button (keyboard: Tab + Enter) with an accessible label
    assert.equal(live.attrs.filter((a) => a.tag === 'button' && a.name === 'aria-label').length, web.file.resources.length);
  });

  it('workspace mode lists every file with progress while scanning; focus marks a resource', () => {
    const files = [
      { uri: 'file:///w/a.yaml', label: 'a.yaml', file: web.file },
      { uri: 'file:///w/main.tf', label: 'main.tf', file: tf.file },
      { uri: 'file:///w/big.yaml', label: 'big.yaml', file: null, note: 'too large' },
    ];
    const html = viewContentHtml(input({ mode: 'workspace', workspace: { files, scanning: { done: 2, total: 5 } }, focus: { uri: 'file:///w/main.tf', resourceId: 'aws_db_instance.main' } }));
    const live = liveHtml(html, true);
    // a.yaml; the Terraform module "./" holding main.tf.
    assert.equal(live.tags.filter((t) => t === 'details').length, 3);
    assert.ok(live.tags.includes('progress'));
    assert.ok(live.text.includes('Scanning 2 of 5 files (40%)'));
    assert.ok(live.text.includes(`2 templates, ${web.file.resources.length + tf.file.resources.length} resources`));
    assert.ok(html.includes('id="focus" data-uri="file:///w/main.tf" data-resource-id="aws_db_instance.main"'));
    assert.ok(html.includes('data-uri="file:///w/main.tf" data-resource-id="aws_db_instance.main"'));
  });

  it('workspace mode shows the Terraform files of one folder together, as the module Terraform reads', () => {
    const files = [
      { uri: 'file:///w/net/main.tf', label: 'net/main.tf', file: tf.file },
      { uri: 'file:///w/net/extra.tf', label: 'net/extra.tf', file: tf.file },
      { uri: 'file:///w/other/main.tf', label: 'other/main.tf', file: tf.file },
      { uri: 'file:///w/net/stack.yaml', label: 'net/stack.yaml', file: web.file },
    ];
    const live = liveHtml(viewContentHtml(input({ mode: 'workspace', workspace: { files } })), true);
    assert.ok(live.text.includes(`Terraform module net/ 2 files · ${2 * tf.file.resources.length} resources`), live.text.slice(0, 600));
    assert.ok(live.text.includes('Terraform module other/ 1 file'));
    assert.ok(!live.text.includes('Terraform module net/ 3 files'), 'a CloudFormation file is not part of the module');
  });

  it('says why a file is not shown', () => {
    const live = liveHtml(viewContentHtml(input({ active: { uri: 'file:///x.yml', label: 'x.yml', file: null, note: 'Not a template.' } })), true);
    assert.ok(live.text.includes('Not a template.'));
    assert.ok(liveHtml(viewContentHtml(input({ active: null })), true).text.includes('Open a CloudFormation or Terraform file'));
  });
});

describe('Markdown report', () => {
  it('has a section and a table row per resource, findings with their lines and doc links', () => {
    const md = reportMarkdown([web.file, tf.file]);
    const live = liveMarkdown(md);
    assert.equal(live.tags.filter((t) => t === 'h2').length, 2);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Resource'));
    assert.equal(rows.length, web.file.resources.length + tf.file.resources.length);
    assert.match(md, new RegExp(`${web.file.findings.length + tf.file.findings.length} findings`));
    const f = web.file.findings[0];
    assert.ok(md.includes(`line ${f.range.start.line + 1}:`));
    assert.ok(live.links.includes(f.docUrl!));
  });

  it('filters by kind, owner and gaps', () => {
    const onlyGaps = reportMarkdown([web.file, store.file], { onlyGaps: true });
    const gapResources = new Set([...web.file.findings, ...store.file.findings].map((f) => f.resource));
    const rows = onlyGaps.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Resource'));
    assert.equal(rows.length, gapResources.size);
    const managed = reportMarkdown([web.file], { kind: 'managed' });
    const mrows = managed.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Resource'));
    assert.equal(mrows.length, web.file.resources.filter((r) => r.kind === 'managed').length);
    assert.ok(mrows.every((l) => l.includes('| managed |')));
    const aws = reportMarkdown([web.file], { owner: 'aws' });
    assert.doesNotMatch(aws, /Customer data/);
    assert.match(aws, /Global|global/);
  });

  it('an empty selection still gives a valid document', () => {
    const md = reportMarkdown([web.file], { kind: 'container', onlyGaps: true, subtitle: 'now' });
    assert.match(md, /^# AWS Shared Responsibility report/);
    assert.match(md, /1 files, 1 resources/);
    assert.match(reportMarkdown([]), /0 files, 0 resources, 0 findings/);
  });
});
