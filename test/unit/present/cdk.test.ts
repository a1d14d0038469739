/**
 * AWS CDK output (cdk.out/*.template.json): the construct path (`Metadata: aws:cdk:path`) in the hover, the message
 * tail, JSON (`cdkPath`), the view and SARIF's logical location — escaped everywhere, and fingerprints unchanged by it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cdkPathOf, constructName } from '../../../server/src/core/cdk/construct-path';
import { DocumentAnalyzer, analyzeText, detectSyntax } from '../../../server/src/core/document';
import { fingerprints } from '../../../server/src/core/present/fingerprint';
import { hoverAt, hoverCard } from '../../../server/src/core/present/hover';
import { modelView } from '../../../server/src/core/present/model-view';
import { fileReport, type JsonFile } from '../../../server/src/core/present/report';
import { sarifReport } from '../../../server/src/core/present/sarif';
import { viewContentHtml, type ViewInput } from '../../../server/src/core/present/view-html';
import { liveHtml, liveMarkdown } from './inert';

const FIXTURE = path.join(__dirname, '..', 'project', 'fixtures', 'cdk-app', 'cdk.out', 'MyStack.template.json');
const TEXT = fs.readFileSync(FIXTURE, 'utf8');
const REL = 'cdk.out/MyStack.template.json';

function report(text: string, rel = REL): JsonFile {
  return fileReport(rel, text, analyzeText(`/w/${rel}`, text));
}

function viewOf(file: JsonFile, mode: 'file' | 'workspace' = 'file', cdkStack?: string): string {
  const vf = { uri: `file:///w/${file.path}`, label: file.path, file, ...(cdkStack !== undefined ? { cdkStack } : {}) };
  const input: ViewInput = { model: modelView(), mode, active: vf, workspace: { files: [vf] }, nonce: 'n0nce', cspSource: 'vscode-webview:' };
  return viewContentHtml(input);
}

/** The same template without any `aws:cdk:path` (what `cdk synth --path-metadata false` writes). */
function withoutPaths(text: string): string {
  const json = JSON.parse(text) as { Resources: Record<string, { Metadata?: Record<string, unknown> }> };
  for (const r of Object.values(json.Resources)) delete r.Metadata;
  return JSON.stringify(json, null, 1);
}

const HOSTILE = '<img src=x onerror=alert(1)>';
const hostileYaml = (p: string): string =>
  ['Resources:', '  Vol:', '    Type: AWS::EC2::Volume', '    Properties:', '      AvailabilityZone: a', '      Encrypted: false', '    Metadata:', `      aws:cdk:path: ${JSON.stringify(p)}`, ''].join('\n');

describe('CDK construct paths', () => {
  it('reads aws:cdk:path when it is a literal string, in JSON and YAML; not an intrinsic, a number, an empty string, nor Terraform', () => {
    const a = analyzeText(FIXTURE, TEXT);
    assert.deepEqual(
      a.resources.map((r) => cdkPathOf(r.resource)),
      ['MyStack/DataVolume/Resource', 'MyStack/LogsBucket/Resource', 'MyStack/CDKMetadata/Default'],
    );
    const yaml = analyzeText('/w/t.yaml', hostileYaml('App/Vol/Resource'));
    assert.equal(cdkPathOf(yaml.resources[0].resource), 'App/Vol/Resource');
    const plainYaml = analyzeText('/w/t.yaml', 'Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Metadata:\n      aws:cdk:path: App/V/Resource\n    Properties: {AvailabilityZone: a}\n');
    assert.equal(cdkPathOf(plainYaml.resources[0].resource), 'App/V/Resource');
    for (const v of ['{"Ref": "P"}', '42', '""', '["a"]']) {
      const t = `{"Resources": {"V": {"Type": "AWS::EC2::Volume", "Metadata": {"aws:cdk:path": ${v}}, "Properties": {"AvailabilityZone": "a"}}}}`;
      assert.equal(cdkPathOf(analyzeText('/w/t.json', t).resources[0].resource), undefined, v);
    }
    const tf = analyzeText('/w/main.tf', 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n}\n');
    assert.equal(cdkPathOf(tf.resources[0].resource), undefined);
  });

  it('names the construct without the trailing /Resource or /Default segment CDK adds', () => {
    assert.equal(constructName('MyStack/Bucket/Resource'), 'MyStack/Bucket');
    assert.equal(constructName('MyStack/CDKMetadata/Default'), 'MyStack/CDKMetadata');
    assert.equal(constructName('MyStack/Bucket/Policy/Resource'), 'MyStack/Bucket/Policy');
    assert.equal(constructName('MyStack/Resources'), 'MyStack/Resources');
    assert.equal(constructName('Resource'), 'Resource');
    assert.equal(constructName('MyStack/Resource/Inner'), 'MyStack/Resource/Inner');
  });

  it('the hover card says which construct a resource comes from, in one line', () => {
    const a = analyzeText(FIXTURE, TEXT);
    const vol = a.resources.find((r) => r.resource.type === 'AWS::EC2::Volume')!;
    const md = hoverCard(vol);
    const lines = md.split('\n').filter((l) => l.includes('CDK'));
    assert.deepEqual(lines, ['CDK construct: `MyStack/DataVolume`']);
    // Also on the cards of resources that are no AWS service (the CDK's own metadata resource).
    const meta = a.resources.find((r) => r.resource.type === 'AWS::CDK::Metadata')!;
    assert.match(hoverCard(meta), /^CDK construct: `MyStack\/CDKMetadata`$/m);
    // Through the server's entry point, hovering the logical id.
    const offset = TEXT.indexOf('LogsBucket9C4D8843') + 2;
    assert.match(hoverAt(a, offset)?.markdown ?? '', /^CDK construct: `MyStack\/LogsBucket`$/m);
    // No line for a resource without a construct path.
    const plain = analyzeText('/w/t.json', withoutPaths(TEXT));
    assert.doesNotMatch(hoverCard(plain.resources[0]), /CDK/);
  });

  it('each finding ends its tail with the construct; messages stay problem first', () => {
    const a = analyzeText(FIXTURE, TEXT);
    const vol = a.findings.find((f) => f.ruleId === 'ebs-volume-encryption');
    assert.equal(vol?.message, 'Volume `DataVolume6A5B8E9D` is not encrypted — set `Encrypted: true` (server-side encryption · yours · CDK `MyStack/DataVolume`)');
    for (const f of a.findings.filter((x) => x.ruleId !== 'unknown-resource-type')) assert.match(f.message, / · CDK `MyStack\/[A-Za-z]+`\)$/, f.message);
    const plain = analyzeText('/w/t.json', withoutPaths(TEXT));
    assert.equal(plain.findings.find((f) => f.ruleId === 'ebs-volume-encryption')?.message, 'Volume `DataVolume6A5B8E9D` is not encrypted — set `Encrypted: true` (server-side encryption · yours)');
  });

  it('an edit of the construct path alone re-words the messages of an incremental analysis (JSON and YAML)', () => {
    for (const [name, text] of [['/w/cdk.out/S.template.json', TEXT], ['/w/t.yaml', hostileYaml('App/Vol/Resource')]] as const) {
      const doc = new DocumentAnalyzer(detectSyntax(name, undefined, text));
      const before = doc.analyze(text).findings.find((f) => f.ruleId === 'ebs-volume-encryption')?.message ?? '';
      const old = name.endsWith('.json') ? 'MyStack/DataVolume/Resource' : 'App/Vol/Resource';
      const after = doc.analyze(text.replace(old, 'Renamed/Volume/Resource')).findings.find((f) => f.ruleId === 'ebs-volume-encryption')?.message ?? '';
      assert.match(before, new RegExp(`CDK \`${constructName(old)}\`\\)$`));
      assert.match(after, /CDK `Renamed\/Volume`\)$/, after);
    }
  });

  it('the CDK metadata resource is not an unknown type (no warning on every synthesized stack)', () => {
    const a = analyzeText(FIXTURE, TEXT);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'unknown-resource-type'), []);
    assert.equal(a.resources.find((r) => r.resource.type === 'AWS::CDK::Metadata')?.lookup.status, 'custom');
  });

  it('JSON: cdkPath per resource and per finding, as the template writes it', () => {
    const file = report(TEXT);
    assert.deepEqual(
      file.resources.map((r) => [r.name, r.cdkPath]),
      [
        ['DataVolume6A5B8E9D', 'MyStack/DataVolume/Resource'],
        ['LogsBucket9C4D8843', 'MyStack/LogsBucket/Resource'],
        ['CDKMetadata', 'MyStack/CDKMetadata/Default'],
      ],
    );
    assert.ok(file.findings.length >= 2);
    for (const f of file.findings) assert.equal(f.cdkPath, file.resources.find((r) => r.name === f.resource)?.cdkPath, f.ruleId);
    const plain = report(withoutPaths(TEXT));
    assert.ok(plain.resources.every((r) => !('cdkPath' in r)) && plain.findings.every((f) => !('cdkPath' in f)), 'absent, not null, without metadata');
  });

  it('fingerprints are the same with and without construct paths', () => {
    const a = report(TEXT);
    const b = report(withoutPaths(TEXT));
    assert.deepEqual(b.findings.map((f) => f.ruleId), a.findings.map((f) => f.ruleId));
    assert.notDeepEqual(b.findings.map((f) => f.message), a.findings.map((f) => f.message));
    assert.deepEqual(fingerprints(REL, b.findings), fingerprints(REL, a.findings));
    const sa = sarifReport([a], { srcRoot: '/w', relative: (p) => p });
    const sb = sarifReport([b], { srcRoot: '/w', relative: (p) => p });
    assert.deepEqual(
      sb.runs[0].results.map((r) => r.partialFingerprints),
      sa.runs[0].results.map((r) => r.partialFingerprints),
    );
  });

  it('SARIF: the construct path is the logical location’s fully qualified name; the name stays the logical id', () => {
    const log = sarifReport([report(TEXT)], { srcRoot: '/w', relative: (p) => p });
    const res = log.runs[0].results.find((r) => r.ruleId === 'ebs-volume-encryption');
    assert.deepEqual(res?.locations[0].logicalLocations, [{ name: 'DataVolume6A5B8E9D', fullyQualifiedName: 'MyStack/DataVolume/Resource', kind: 'resource' }]);
    const plain = sarifReport([report(withoutPaths(TEXT))], { srcRoot: '/w', relative: (p) => p });
    assert.deepEqual(plain.runs[0].results.find((r) => r.ruleId === 'ebs-volume-encryption')?.locations[0].logicalLocations, [
      { name: 'DataVolume6A5B8E9D', fullyQualifiedName: 'DataVolume6A5B8E9D', kind: 'resource' },
    ]);
  });

  it('the view shows the construct under each resource, and the stack of a cloud assembly’s template', () => {
    const file = report(TEXT);
    const live = liveHtml(viewOf(file), true);
    assert.match(live.text, /CDK construct: MyStack\/DataVolume/);
    assert.match(live.text, /CDK construct: MyStack\/LogsBucket/);
    const ws = liveHtml(viewOf(file, 'workspace', 'Prod/ApiStack'), true);
    assert.match(ws.text, /cdk\.out\/MyStack\.template\.json CDK stack Prod\/ApiStack/);
    assert.doesNotMatch(liveHtml(viewOf(report(withoutPaths(TEXT)), 'workspace'), true).text, /CDK (construct|stack)/);
  });

  it('a hostile construct path comes out inert in the hover, the message, the view and a hostile stack name too', () => {
    for (const p of [HOSTILE, `${HOSTILE}/Resource`, '`](command:workbench.action.quit)`', '<script>alert(1)</script>', 'a\u202eb\nc']) {
      const text = hostileYaml(p);
      const a = analyzeText('/w/t.yaml', text);
      assert.equal(cdkPathOf(a.resources[0].resource), p.trim());
      const hover = liveMarkdown(hoverCard(a.resources[0], { uri: 'file:///w/t.yaml' }));
      assert.ok(!hover.tags.some((t) => t === 'img' || t === 'script'), `hover: ${hover.tags}`);
      assert.ok(hover.links.every((l) => !l.includes('workbench')), `hover links: ${hover.links}`);
      const f = a.findings.find((x) => x.ruleId === 'ebs-volume-encryption');
      assert.ok(f && f.message.endsWith('`)'), f?.message);
      assert.doesNotMatch(f.message, /[\n\u202e]/);
      const file = fileReport('t.yaml', text, a);
      const html = viewOf(file, 'file');
      const live = liveHtml(html, true);
      assert.ok(!live.tags.some((t) => t === 'img' || t === 'script'), `view: ${live.tags}`);
      assert.ok(!live.attrs.some((x) => x.name === 'onerror'), 'no onerror attribute');
      const ws = liveHtml(viewOf(file, 'workspace', HOSTILE), true);
      assert.ok(!ws.tags.includes('img') && ws.text.includes(`CDK stack ${HOSTILE}`));
    }
    // The escaped text is there, as text.
    const html = viewOf(fileReport('t.yaml', hostileYaml(HOSTILE), analyzeText('/w/t.yaml', hostileYaml(HOSTILE))));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'), 'escaped with the view’s escaper');
  });
});
