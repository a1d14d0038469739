/**
 * Multi-root workspaces over the protocol: two folders with the same template and different settings. The server asks
 * for `awsResponsibility` per document (`workspace/configuration` with the document's URI as scope, which VS Code
 * answers with that folder's settings) and reads each folder's own `.aws-responsibility.yaml`, so each file follows
 * its folder.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { assertBuilt, EXAMPLES, LspSession, SEVERITY_NUMBER, type ConfigRequest } from './harness';

const uriOf = (p: string): string => pathToFileURL(p).href;

describe('multi-root: per-folder settings and configuration files', () => {
  let s: LspSession;
  let ws: string;
  let text: string;
  const scopes: string[] = [];
  const file = (folder: string): string => path.join(ws, folder, 'web-app.yaml');

  before(async () => {
    assertBuilt();
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-multi-root-')));
    text = fs.readFileSync(path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'), 'utf8');
    for (const folder of ['alpha', 'beta']) {
      fs.mkdirSync(path.join(ws, folder));
      fs.writeFileSync(file(folder), text);
    }
    // beta's own file makes one rule an error; alpha has none.
    fs.writeFileSync(path.join(ws, 'beta', '.aws-responsibility.yaml'), 'rules:\n  ebs-volume-encryption: error\n');
    s = new LspSession({ configuration: true });
    // The editor's answer: each folder's settings, by the scope the server asks with (alpha turns one rule off).
    s.conn.onRequest('workspace/configuration', (p: ConfigRequest) =>
      p.items.map((i) => {
        scopes.push(i.scopeUri ?? '');
        return i.scopeUri?.startsWith(uriOf(path.join(ws, 'alpha'))) ? { enable: true, rules: { 's3-public-access-block': 'off' } } : { enable: true, rules: {} };
      }),
    );
    await s.initialize(uriOf(ws));
  });
  after(() => {
    s?.kill();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('the same template gets each folder\'s settings and .aws-responsibility.yaml', async () => {
    const a = (await s.open(uriOf(file('alpha')), 'yaml', text)).params.diagnostics;
    const b = (await s.open(uriOf(file('beta')), 'yaml', text)).params.diagnostics;
    assert.ok(scopes.includes(uriOf(file('alpha'))) && scopes.includes(uriOf(file('beta'))), `asked with scopes ${JSON.stringify(scopes)}`);
    // alpha: the rule its settings turn off is gone; beta keeps it.
    assert.equal(a.filter((d) => d.code === 's3-public-access-block').length, 0, 'alpha: s3-public-access-block is off');
    assert.ok(b.some((d) => d.code === 's3-public-access-block'), 'beta: s3-public-access-block is reported');
    // beta: its configuration file makes the volume's gap an error; alpha keeps the default (warning).
    const ebs = (ds: typeof a): number[] => ds.filter((d) => d.code === 'ebs-volume-encryption').map((d) => d.severity ?? 0);
    assert.ok(ebs(b).length > 0 && ebs(b).every((x) => x === SEVERITY_NUMBER.error), `beta: ${ebs(b)}`);
    assert.ok(ebs(a).length > 0 && ebs(a).every((x) => x === SEVERITY_NUMBER.warning), `alpha: ${ebs(a)}`);
  });
});
