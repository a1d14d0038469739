/**
 * Your teams over the protocol: `owners:` in the workspace's .aws-responsibility.yaml shows in the hover and the CodeLens
 * as the CLI's JSON has it (`duties[].team`), invalid entries are diagnostics on the config document at their ranges,
 * and a change of the file on disk re-analyses the open documents (and refreshes the lenses).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { assertBuilt, cliScanFolder, EXAMPLES, LspSession, markdownOf, unescapeMarkdown } from './harness';

const uriOf = (p: string): string => pathToFileURL(p).href;

const CONFIG = `owners:
  - duty: firewall-configuration
    team: Network platform
    contact: "#net-platform"
  - duty: identity-and-access-management
    paths: ["services/payments/**"]
    team: Payments security
`;

describe('owners: teams over the protocol', () => {
  let s: LspSession;
  let ws: string;
  let stack: string;
  let stackText: string;
  const configPath = (): string => path.join(ws, '.aws-responsibility.yaml');

  before(async () => {
    assertBuilt();
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arl-owners-')));
    fs.mkdirSync(path.join(ws, 'services', 'payments'), { recursive: true });
    stack = path.join(ws, 'services', 'payments', 'web-app.yaml');
    stackText = fs.readFileSync(path.join(EXAMPLES, 'cloudformation', 'web-app.yaml'), 'utf8');
    fs.writeFileSync(stack, stackText);
    fs.writeFileSync(configPath(), CONFIG);
    s = new LspSession({ configuration: false, codeLensRefresh: true });
    await s.initialize(uriOf(ws));
  });
  after(() => {
    s?.kill();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  const typeLine = (id: string): { line: number; character: number } => {
    const lines = stackText.split('\n');
    const at = lines.findIndex((l) => l === `  ${id}:`);
    const line = lines.findIndex((l, i) => i > at && /^    Type: /.test(l));
    return { line, character: 12 };
  };

  it('the hover and the CodeLens show the team the CLI reports', async () => {
    await s.open(uriOf(stack), 'yaml', stackText);
    const cli = cliScanFolder(ws).find((f) => f.path.endsWith('web-app.yaml'));
    assert.ok(cli, 'the CLI reports the stack');
    const sg = cli.resources.find((r) => r.name === 'WebSecurityGroup') as unknown as { duties: { duty: string; team?: string; contact?: string }[] };
    const fw = sg.duties.find((d) => d.duty === 'firewall-configuration');
    assert.deepEqual({ team: fw?.team, contact: fw?.contact }, { team: 'Network platform', contact: '#net-platform' });
    assert.equal(sg.duties.find((d) => d.duty === 'identity-and-access-management')?.team, 'Payments security');

    const pos = typeLine('WebSecurityGroup');
    const md = unescapeMarkdown(markdownOf(await s.hover(uriOf(stack), pos.line, pos.character)));
    assert.match(md, /Firewall configuration\*\* · team \*\*Network platform\*\* \(#net-platform\) — gap/);
    assert.match(md, /· team \*\*Payments security\*\* — yours/);

    const lenses = await s.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(stack) } });
    const sgLens = lenses.find((l) => l.range.start.line === pos.line - 1);
    assert.match(sgLens?.command?.title ?? '', /· teams: Network platform, Payments security ·/);
  });

  it('invalid entries are diagnostics on the config document, at their ranges; valid ones still apply', async () => {
    const uri = uriOf(configPath());
    const first = await s.open(uri, 'yaml', CONFIG);
    assert.deepEqual(first.params.diagnostics, []);
    const bad = `${CONFIG}  - duty: firewal-configuration\n    team: X\n  - duty: customer-data\n    team: Data\n    contact: [a]\n  - duty: customer-data\n`;
    const pub = await s.change(uri, 2, [{ text: bad }]);
    const ds = pub.params.diagnostics;
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['config', 1, 7, 10, 31],
        ['config', 1, 11, 13, 16],
        ['config', 1, 12, 10, 23],
      ],
      JSON.stringify(ds),
    );
    assert.match(String(ds[0].message), /unknown duty `firewal-configuration` — did you mean `firewall-configuration`\?/);
    assert.match(String(ds[1].message), /`contact` must be a contact/);
    assert.match(String(ds[2].message), /`team` is missing/);
    // The valid entries still apply (the analysis reads the file on disk, which has only those).
    const pos = typeLine('WebSecurityGroup');
    assert.match(unescapeMarkdown(markdownOf(await s.hover(uriOf(stack), pos.line, pos.character))), /team \*\*Network platform\*\*/);
  });

  it('a change of the file on disk re-analyses open documents and refreshes the lenses', async () => {
    const before = s.count(uriOf(stack));
    const refreshes = s.lensRefreshes;
    fs.writeFileSync(configPath(), 'owners:\n  - duty: firewall-configuration\n    team: Edge team\n  - duty: firewall-configuration\n    team: "<img src=x onerror=alert(1)>"\n    types: ["AWS::EC2::*"]\n');
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath()), type: 2 }] });
    await s.nextDiagnostics(uriOf(stack), before);
    const pos = typeLine('WebSecurityGroup');
    const raw = markdownOf(await s.hover(uriOf(stack), pos.line, pos.character));
    assert.doesNotMatch(raw, /<img/, 'the team is escaped');
    assert.match(unescapeMarkdown(raw), /team \*\*&lt;img src=x onerror=alert\(1\)&gt;\*\*/, 'types narrowing beats no narrowing');
    assert.doesNotMatch(raw, /Network platform|Payments security/);
    await s.waitFor('a CodeLens refresh', () => (s.lensRefreshes > refreshes ? true : undefined));
    const lenses = await s.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(stack) } });
    assert.ok(lenses.some((l) => /team: <img src=x onerror=alert\(1\)>/.test(l.command?.title ?? '')), 'a lens title is plain text');
    const db = typeLine('Database');
    assert.match(lenses.find((l) => l.range.start.line === db.line - 1)?.command?.title ?? '', /· team: Edge team ·/, 'the RDS instance is not AWS::EC2::*');
  });
});
