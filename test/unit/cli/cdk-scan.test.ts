/**
 * CDK cloud assemblies (cdk.out): the CLI's folder walk and the editor's workspace scan read the stack templates, top
 * level and nested assemblies, never the `asset.*` folders; the manifest names each template's stack.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXCLUDE_GLOB, selectScanFiles } from '../../../client/src/scan-files';
import { collect } from '../../../server/src/cli/files';
import { cdkOutFileWanted, cdkOutFolderWanted, stackNames } from '../../../server/src/core/cdk/cloud-assembly';
import type { JsonReport } from '../../../server/src/core/present/report';
import type { SarifLog } from '../../../server/src/core/present/sarif';
import { ROOT } from '../helpers';
import { cli, validateSarif } from './cli-harness';

const APP = path.join(ROOT, 'test', 'unit', 'project', 'fixtures', 'cdk-app');
const TEMPLATES = ['cdk.out/MyStack.template.json', 'cdk.out/assembly-Prod/ProdApiStack1A2B3C4D.template.json'];


/** Every file under a folder, relative, with `/` (what a workspace search could find). */
function allFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...allFiles(dir, r));
    else out.push(r);
  }
  return out;
}

let tmp: string;
before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-cdk-')));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('CDK cloud assemblies', () => {
  it('the fixture has an asset folder holding template-looking files (what must be skipped)', () => {
    const assets = allFiles(APP).filter((f) => f.includes('/asset.'));
    assert.ok(assets.length >= 2, assets.join());
    for (const f of assets) assert.match(fs.readFileSync(path.join(APP, f), 'utf8'), /"Resources"/);
  });

  it('which files and folders of a cdk.out are read', () => {
    for (const p of ['cdk.out/MyStack.template.json', 'app/cdk.out/Nested.nested.template.json', 'cdk.out/assembly-Prod/Api.template.json', 'cdk.out/assembly-A/assembly-B/X.template.json', 'C:\\w\\cdk.out\\S.template.json', 'main.tf', 'cdk.out.json', 'x/cdk.out']) {
      assert.equal(cdkOutFileWanted(p), true, p);
    }
    for (const p of ['cdk.out/manifest.json', 'cdk.out/tree.json', 'cdk.out/MyStack.assets.json', 'cdk.out/asset.1234/x.template.json', 'cdk.out/asset.1234.template.json', 'cdk.out/assembly-Prod/asset.9/x.template.json', 'cdk.out/other/X.template.json', 'cdk.out\\asset.1\\t.template.json']) {
      assert.equal(cdkOutFileWanted(p), false, p);
    }
    for (const p of ['cdk.out', './cdk.out', 'app/cdk.out/assembly-Prod', 'src', 'node_modules/x']) assert.equal(cdkOutFolderWanted(p), true, p);
    for (const p of ['cdk.out/asset.1234', 'app/cdk.out/assembly-Prod/asset.1', 'cdk.out/other']) assert.equal(cdkOutFolderWanted(p), false, p);
  });

  it('the CLI walk reads the stack templates and nothing in asset.* (scanning the app or cdk.out itself)', () => {
    for (const [root, prefix] of [[APP, ''], [path.join(APP, 'cdk.out'), 'cdk.out/']] as const) {
      const out: string[] = [];
      const problems: string[] = [];
      collect(root, out, problems);
      assert.deepEqual(problems, []);
      const rel = out.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
      assert.deepEqual(rel, TEMPLATES.map((t) => t.slice(prefix.length)).sort());
    }
  });

  it('the CLI walk: `.` inside cdk.out skips assets too; a repository in a folder named cdk.out is scanned as any other', () => {
    const prev = process.cwd();
    process.chdir(path.join(APP, 'cdk.out'));
    try {
      const out: string[] = [];
      collect('.', out, []);
      assert.deepEqual(out.map((f) => f.split(path.sep).join('/')).sort(), ['MyStack.template.json', 'assembly-Prod/ProdApiStack1A2B3C4D.template.json']);
    } finally {
      process.chdir(prev);
    }
    const repo = path.join(tmp, 'cdk.out', 'repo');
    fs.mkdirSync(path.join(repo, 'infra', 'asset.1'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'infra', 'app.yaml'), 'Resources: {}\n');
    fs.writeFileSync(path.join(repo, 'infra', 'asset.1', 'b.yaml'), 'Resources: {}\n');
    const out: string[] = [];
    collect(repo, out, []);
    assert.deepEqual(out.map((f) => path.relative(repo, f).split(path.sep).join('/')).sort(), ['infra/app.yaml', 'infra/asset.1/b.yaml']);
  });

  it('the CLI reports the stack templates with their construct paths, and no asset', async () => {
    const r = await cli(APP, 'scan', '--format', 'json', '.');
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path).sort(), [...TEMPLATES].sort());
    const stack = report.files.find((f) => f.path === 'cdk.out/MyStack.template.json')!;
    const vol = stack.findings.find((f) => f.ruleId === 'ebs-volume-encryption');
    assert.equal(vol?.cdkPath, 'MyStack/DataVolume/Resource');
    assert.match(vol?.message ?? '', /\(server-side encryption · yours · CDK `MyStack\/DataVolume`\)$/);
    const prod = report.files.find((f) => f.path.includes('assembly-Prod'))!;
    const ssh = prod.findings.find((f) => f.ruleId === 'security-group-open-ingress');
    assert.equal(ssh?.cdkPath, 'Prod/ApiStack/WebSecurityGroup/Resource');
    // Every finding names its resource's construct (other rules may fire on these resources too).
    for (const f of report.files.flatMap((x) => x.findings)) assert.match(f.cdkPath ?? '', /^(MyStack|Prod\/ApiStack)\/\w+\/Resource$/, f.ruleId);
    assert.ok(!r.out.includes('AssetVolume'), 'nothing from the asset folder');
    const text = await cli(APP, 'scan', '.');
    assert.match(text.out, /^2 files, 4 resources, \d+ findings\.$/m);
  });

  it('SARIF of a CDK app: construct paths as logical locations, valid for the SARIF Multitool', async () => {
    const file = path.join(tmp, 'cdk.sarif');
    const r = await cli(APP, 'scan', '--format', 'sarif', '--output', file, '.');
    assert.equal(r.code, 1, r.err);
    const log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
    const PATHS: Record<string, string> = {
      DataVolume6A5B8E9D: 'MyStack/DataVolume/Resource',
      LogsBucket9C4D8843: 'MyStack/LogsBucket/Resource',
      WebSecurityGroup1F7C2B3A: 'Prod/ApiStack/WebSecurityGroup/Resource',
    };
    const results = log.runs[0].results;
    assert.ok(['ebs-volume-encryption', 'security-group-open-ingress'].every((id) => results.some((x) => x.ruleId === id)));
    for (const x of results) {
      const loc = x.locations[0].logicalLocations?.[0];
      assert.ok(loc && loc.name in PATHS, JSON.stringify(loc));
      assert.deepEqual(loc, { name: loc.name, fullyQualifiedName: PATHS[loc.name], kind: 'resource' });
    }
    const v = validateSarif(file);
    assert.deepEqual([...v.errors, ...v.warnings], [], v.output);
  });

  it('the workspace scan keeps the stack templates, drops assets and bookkeeping, and finds each manifest', () => {
    // As workspace-scan.ts gives them: from the workspace folder (`/w`), its name first.
    const found = allFiles(APP).map((rel) => ({ item: rel, relativePath: `w/${rel}`, uriPath: `/w/${rel}` }));
    found.push({ item: 'template.yaml', relativePath: 'w/template.yaml', uriPath: '/w/template.yaml' });
    const sel = selectScanFiles(found);
    assert.deepEqual(
      sel.map((s) => [s.item, s.cdk?.manifestPath, s.cdk?.templateFile]),
      [
        // In the order found (allFiles: locale order, folders among files).
        ['cdk.out/assembly-Prod/ProdApiStack1A2B3C4D.template.json', '/w/cdk.out/assembly-Prod/manifest.json', 'ProdApiStack1A2B3C4D.template.json'],
        ['cdk.out/MyStack.template.json', '/w/cdk.out/manifest.json', 'MyStack.template.json'],
        ['template.yaml', undefined, undefined],
      ],
    );
    // A workspace that itself lies in a folder named cdk.out is an ordinary workspace: the relative path decides.
    const cloned = selectScanFiles([{ item: 1, relativePath: 'repo/infra/app.yaml', uriPath: '/home/u/cdk.out/repo/infra/app.yaml' }]);
    assert.deepEqual(cloned, [{ item: 1 }]);
    // cdk.out opened as the workspace folder: still a cloud assembly.
    const opened = selectScanFiles([
      { item: 'asset', relativePath: 'cdk.out/asset.1/x.template.json', uriPath: '/p/cdk.out/asset.1/x.template.json' },
      { item: 'stack', relativePath: 'cdk.out/S.template.json', uriPath: '/p/cdk.out/S.template.json' },
    ]);
    assert.deepEqual(opened, [{ item: 'stack', cdk: { manifestPath: '/p/cdk.out/manifest.json', templateFile: 'S.template.json' } }]);
    // The search itself never enters asset folders (the filter above is the second line).
    assert.match(EXCLUDE_GLOB, /\*\*\/cdk\.out\/asset\.\*\/\*\*/);
    assert.doesNotMatch(EXCLUDE_GLOB, /\*\*\/cdk\.out\/\*\*[,}]/);
  });

  it('the manifest names each template’s stack (display name, else the artifact id); anything else gives no names', () => {
    const top = stackNames(fs.readFileSync(path.join(APP, 'cdk.out', 'manifest.json'), 'utf8'));
    assert.deepEqual([...top], [['MyStack.template.json', 'MyStack']]);
    const prod = stackNames(fs.readFileSync(path.join(APP, 'cdk.out', 'assembly-Prod', 'manifest.json'), 'utf8'));
    assert.deepEqual([...prod], [['ProdApiStack1A2B3C4D.template.json', 'Prod/ApiStack']]);
    const noDisplay = stackNames(JSON.stringify({ artifacts: { Api: { type: 'aws:cloudformation:stack', properties: { templateFile: './Api.template.json' } } } }));
    assert.deepEqual([...noDisplay], [['Api.template.json', 'Api']]);
    for (const bad of ['', 'not json', '[]', 'null', '{"artifacts": []}', '{"artifacts": {"A": {"type": "aws:cloudformation:stack"}}}', '{"artifacts": {"A": {"type": "cdk:tree", "properties": {"templateFile": "x"}}}}']) {
      assert.equal(stackNames(bad).size, 0, bad);
    }
  });
});
