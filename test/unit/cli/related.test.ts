/** Related places in the CLI's JSON and SARIF: a module argument's finding points into the module, valid for GitHub. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonReport } from '../../../server/src/core/present/report';
import type { SarifLog } from '../../../server/src/core/present/sarif';
import { cli, validateSarif } from './cli-harness';

let tmp: string;
before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-related-')));
  fs.mkdirSync(path.join(tmp, 'modules', 'disk'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'main.tf'), 'module "disk" {\n  source    = "./modules/disk"\n  encrypted = false\n}\n');
  fs.writeFileSync(path.join(tmp, 'modules', 'disk', 'main.tf'), 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  size              = 1\n  encrypted         = var.encrypted\n}\n');
  fs.writeFileSync(path.join(tmp, 'modules', 'disk', 'variables.tf'), 'variable "encrypted" {\n  type = bool\n}\n');
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('related places in reports', () => {
  it('JSON: the finding at the module argument names the module line that uses it', async () => {
    const r = await cli(tmp, 'scan', '--format', 'json', 'main.tf');
    const report = JSON.parse(r.out) as JsonReport;
    const f = report.files[0].findings.find((x) => x.ruleId === 'ebs-volume-encryption');
    assert.ok(f, r.out);
    assert.equal(f.range.start.line, 2);
    assert.deepEqual(f.related, [
      { path: `${tmp}/modules/disk/main.tf`, range: { start: { line: 3, character: 22 }, end: { line: 3, character: 35 } }, message: 'where module.disk.aws_ebs_volume.v uses this argument' },
    ]);
  });

  it('SARIF: relatedLocations relative to the source root, accepted by the SARIF Multitool with GitHub rules', async () => {
    const file = path.join(tmp, 'out.sarif');
    const r = await cli(tmp, 'scan', '--format', 'sarif', '--output', file, '.');
    assert.ok(r.code <= 1, r.err);
    const log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
    const res = log.runs[0].results.find((x) => x.ruleId === 'ebs-volume-encryption' && x.locations[0].physicalLocation.artifactLocation.uri === 'main.tf');
    assert.ok(res, JSON.stringify(log.runs[0].results.map((x) => x.ruleId)));
    assert.deepEqual(res.relatedLocations, [
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'modules/disk/main.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 23, endLine: 4, endColumn: 36 } },
        message: { text: 'where module.disk.aws_ebs_volume.v uses this argument' },
      },
    ]);
    const v = validateSarif(file);
    assert.deepEqual([...v.errors, ...v.warnings], [], v.output);
  });
});
