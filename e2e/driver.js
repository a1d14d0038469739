// Drives code-server's real VS Code workbench with playwright-core + Debian chromium and checks the extension
// against the product's own CLI output. Usage (normally via run.sh):
//   E2E_URL=... E2E_WS=<workspace copy> E2E_CLI=<bin/aws-responsibility.js> E2E_OUT=<dir> node driver.js
// Prints one line per scenario and a final line `N passed, N failed`; exit code 1 if any failed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { chromium } = require('playwright-core');
const { Workbench, traced, runScenario, norm, MOD } = require('./lib/workbench');
const { runCli } = require('./lib/expected');

const URL_ = process.env.E2E_URL, WS = process.env.E2E_WS, CLI = process.env.E2E_CLI;
const OUT = process.env.E2E_OUT || path.join(__dirname, 'out');
const ONLY = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
const STEP_MS = Number(process.env.E2E_STEP_MS || 60000);
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const MODE = process.env.E2E_MODE || 'dev';   // vsix: the extension was installed from the packaged VSIX (run.sh)
const INSTALLED = { EXT_ID: process.env.E2E_EXT_ID || '', EXT_VER: process.env.E2E_EXT_VER || '', EXT_NAME: process.env.E2E_EXT_NAME || '' };
if (MODE === 'vsix' && !(INSTALLED.EXT_ID && INSTALLED.EXT_VER && INSTALLED.EXT_NAME)) { console.error('driver: E2E_MODE=vsix needs E2E_EXT_ID, E2E_EXT_VER, E2E_EXT_NAME'); process.exit(2); }
const SOURCE = 'aws-responsibility';
const CMD_TITLE = 'AWS Responsibility: Show responsibility model';
const VIEW_TITLE = 'Responsibility model';
const CFN = 'cloudformation/web-app.yaml', TF = 'terraform/main.tf', CFN_JSON = 'cloudformation/data-store.json';
const TF_MODULE = 'terraform-module/main.tf';
for (const [k, v] of Object.entries({ E2E_URL: URL_, E2E_WS: WS, E2E_CLI: CLI })) if (!v) { console.error(`driver: ${k} is not set`); process.exit(2); }

const T0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
const abs = (rel) => path.join(WS, rel);
const expected = (rel) => runCli(CLI, abs(rel));
function assert(cond, msg) { if (!cond) throw new Error(msg); }
const has = (hay, needle) => norm(hay).includes(norm(needle));

// ---- scenario helpers -------------------------------------------------------------------------------
async function checkProblems(wb, rel) {
  const exp = expected(rel);
  const name = path.basename(rel);
  assert(exp.findings.length > 0, `CLI reports no findings for ${rel}; the example is expected to have some`);
  await wb.gotoLine(exp.findings[0].line, 1);   // squiggles render only for lines in the viewport
  await wb.waitSquiggle();
  const rows = await wb.waitProblemCount(rel, SOURCE, exp.findings.length);
  for (const f of exp.findings) {
    const row = rows.find((r) => has(r.text, f.message) || has(r.label, f.message));
    assert(row, `Problems panel lacks finding "${f.message}"\n  rows:\n  ${rows.map((r) => r.text).join('\n  ')}`);
    if (f.ruleId) assert(has(row.text, f.ruleId) || has(row.label, f.ruleId), `rule id ${f.ruleId} not shown for "${f.message}"`);
    // The rule id links to the rule's AWS page (the client links it from the server's table: client/src/rule-links.ts).
    if (f.raw && typeof f.raw.docUrl === 'string') assert(row.link === f.raw.docUrl, `rule id ${f.ruleId} links to "${row.link}", not to ${f.raw.docUrl}`);
    const at = /\[Ln (\d+), Col \d+\]/.exec(row.text);   // the row's position, as VS Code prints it
    if (f.line && at) assert(Number(at[1]) === f.line, `"${f.message.slice(0, 60)}..." is at Ln ${at[1]} in Problems, line ${f.line} per the CLI`);
  }
  log(`  ${rows.length} problems for ${name} match the CLI`);
  return exp;
}

/** Checks the hover card over the type string of `res`; returns its text. */
async function checkHover(wb, res) {
  const hover = await wb.hover(res.type, { line: res.line, expect: 'You' });
  const md = hover.locator('.rendered-markdown').first();
  const text = await md.innerText();
  const firstLine = norm(text.split('\n').find((l) => l.trim()) || '');
  if (res.service) assert(firstLine.includes(res.service), `hover's first line "${firstLine}" is not the service name "${res.service}"`);
  assert(/infrastructure|container|managed/i.test(text), `hover lacks the service kind: ${text.slice(0, 300)}`);
  if (res.kind) assert(new RegExp(res.kind, 'i').test(text), `hover does not name kind "${res.kind}"`);
  const heads = await md.locator('h1,h2,h3,h4,h5,h6,strong,b,th,dt').allInnerTexts();
  assert(heads.some((h) => /^\s*AWS\b/.test(h)), `hover has no group headed "AWS" (headings: ${JSON.stringify(heads)})`);
  assert(heads.some((h) => /^\s*You\b/.test(h)), `hover has no group headed "You" (headings: ${JSON.stringify(heads)})`);
  log(`  hover over ${res.type}: "${firstLine}"`);
  return text;
}

async function openView(wb, rel) {
  await wb.openFile(rel);
  await wb.runCommand(CMD_TITLE);
  await wb.page.locator('.tabs-container .tab', { hasText: VIEW_TITLE }).first().waitFor();
  const view = wb.webview();
  await view.locator('[data-resource-id]').first().waitFor();
  return view;
}

/** Kind shown for a resource element: data-kind on itself/ancestor, or the text of its group. */
async function kindOf(el) {
  return el.evaluate((e) => {
    const k = e.closest('[data-kind]'); if (k) return k.getAttribute('data-kind');
    const own = e.textContent.match(/\b(infrastructure|container|managed)\b/i); if (own) return own[1].toLowerCase();
    for (let g = e.parentElement; g; g = g.parentElement) {
      for (let s = g.previousElementSibling; s; s = s.previousElementSibling) {
        const m = /\b(infrastructure|container|managed)\b/i.exec(s.textContent || ''); if (m) return m[1].toLowerCase();
      }
    }
    return null;
  });
}

/** Edits the file in the editor by inserting `text` after line `afterLine` (1-based), saves, returns new disk text. */
async function insertAfterLine(wb, rel, afterLine, text) {
  await wb.openFile(rel);
  await wb.gotoLine(afterLine, 1);
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.insertText(text);
  await wb.save();
  return fs.readFileSync(abs(rel), 'utf8');
}
/** Puts `original` back through the editor (select all + insert, no auto-indent), saves, checks the disk. */
async function undoAndSave(wb, rel, original) {
  await wb.openFile(rel);
  await wb.gotoLine(1, 1);                         // keyboard focus into the editor
  await wb.page.keyboard.press(`${MOD}+A`);
  await wb.page.keyboard.insertText(original);
  await wb.save();
  assert(fs.readFileSync(abs(rel), 'utf8') === original, `could not restore ${rel} through the editor`);
}
function cfnResourcesLine(src) {
  const lines = src.split('\n'); const i = lines.findIndex((l) => /^Resources:\s*$/.test(l));
  assert(i >= 0, 'no top-level "Resources:" line in the YAML example');
  const indent = (/^(\s+)/.exec(lines.slice(i + 1).find((l) => l.trim() && !l.trim().startsWith('#')) || '  ') || [, '  '])[1];
  return { line: i + 1, indent };
}
const addedVolumeYaml = (ind, name) => `\n${ind}${name}:\n${ind}${ind}Type: AWS::EC2::Volume\n${ind}${ind}Properties:\n${ind}${ind}${ind}Size: 1\n${ind}${ind}${ind}AvailabilityZone: us-east-1a`;

/** Polls `fn` (returns a string) until it matches `re`; returns the last value. */
async function waitText(page, what, fn, re, ms = 20000) {
  const t0 = Date.now(); let last = '';
  while (Date.now() - t0 < ms) { last = await fn().catch(() => ''); if (re.test(last)) return last; await page.waitForTimeout(200); }
  throw new Error(`${what}: ${re} not found in ${JSON.stringify(norm(last).slice(0, 400))}`);
}

/** Argument lists of the running processes whose command line runs our dist/server.js (Linux /proc). */
/** The language server processes in /proc: their command lines and environments. */
function serverProcesses() {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let args;
    let env;
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (!args.some((a) => /[\\/]dist[\\/]server\.js$/.test(a))) continue;
      env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    } catch { continue; }
    out.push({ args, env });
  }
  return out;
}

// ---- scenarios ----------------------------------------------------------------------------------------
const scenarios = [
  ...(MODE !== 'vsix' ? [] : [['0 vsix: the Extensions view lists the installed VSIX and it is running', async (wb) => {
    const { page } = wb;
    const { EXT_ID, EXT_VER, EXT_NAME } = INSTALLED;
    await wb.openFile(CFN);
    await wb.waitSquiggle();                     // activated, language server answering
    await page.keyboard.press(`${MOD}+Shift+X`);
    const box = page.locator('.extensions-viewlet .suggest-input-container textarea').first();
    await box.waitFor(); await box.focus();
    await page.keyboard.press(`${MOD}+A`); await page.keyboard.insertText('@installed');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: EXT_NAME }).first();
    await row.waitFor();
    const label = norm(await row.getAttribute('aria-label'));
    assert(label.startsWith(`${EXT_NAME}, ${EXT_VER},`), `installed list row is "${label}", expected "${EXT_NAME}, ${EXT_VER}, ..."`);
    await row.click();
    const ed = page.locator('.extension-editor').first();
    const info = await waitText(page, 'extension page', () => ed.innerText(), /Source\s+VSIX/);
    assert(new RegExp(`Identifier\\s+${EXT_ID.replace(/[.]/g, '\\.')}\\s`, 'i').test(info.replace(/-\s*\n\s*/g, '-')), `extension page lacks Identifier ${EXT_ID}`);
    assert(new RegExp(`Version\\s+${EXT_VER.replace(/[.]/g, '\\.')}\\b`).test(info), `extension page lacks Version ${EXT_VER}`);
    assert(await ed.locator('.header .action-label', { hasText: /^Uninstall$/ }).first().isVisible(), 'no Uninstall action: not a user-installed extension');
    // for the screenshot only: the list re-renders after the click, the README is a webview that loads after the page
    await row.waitFor().catch(() => {});
    await page.locator('iframe.webview.ready').first().waitFor({ timeout: 5000 }).catch(() => {});
    await wb.settle();
    await wb.shot('0-vsix-installed');
    await wb.runCommand('Developer: Show Running Extensions');
    const running = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: EXT_NAME }).first();
    const text = norm(await waitText(page, 'Running Extensions', () => running.innerText(), /Activation: \d+ms/));
    assert(text.includes(EXT_VER), `Running Extensions row "${text}" lacks version ${EXT_VER}`);
    assert(!/error|unresponsive|development/i.test(text), `Running Extensions row reports: ${text}`);
    log(`  installed: "${label.split(',').slice(0, 2).join(',')}", Source VSIX; running: ${text}`);
    await page.keyboard.press(`${MOD}+Shift+E`);  // back to the Explorer for the other scenarios' screenshots
  }]]),
  ['1 cfn: squiggles and Problems panel match the CLI; the server runs with the extension\'s V8 options', async (wb) => {
    await wb.openFile(CFN);
    await checkProblems(wb, CFN);
    await wb.shot('1-cfn-problems');
    // The language server process the workbench started: its command line carries client/src/server-flags.ts's options.
    const flagsTs = fs.readFileSync(path.join(__dirname, '..', 'client', 'src', 'server-flags.ts'), 'utf8');
    const flags = [...flagsTs.matchAll(/'(--[^']+)'/g)].map((m) => m[1]);
    assert(flags.length > 0, 'no options found in client/src/server-flags.ts');
    const processes = serverProcesses();
    const servers = processes.map((p) => p.args);
    assert(servers.length > 0, 'no language server process (dist/server.js) found in /proc');
    for (const f of flags) assert(servers.every((args) => args.includes(f)), `language server runs without ${f}: ${JSON.stringify(servers)}`);
    log(`  language server: ${servers[0].filter((a) => a.startsWith('--')).join(' ')}`);
    // …and its environment carries SERVER_ENV's variables (glibc's allocator).
    const envBlock = /SERVER_ENV[^=]*=\s*\{([^}]*)\}/.exec(flagsTs);
    assert(envBlock, 'no SERVER_ENV found in client/src/server-flags.ts');
    const vars = [...envBlock[1].matchAll(/(\w+): '([^']*)'/g)].map((m) => `${m[1]}=${m[2]}`);
    assert(vars.length > 0, 'SERVER_ENV names no variable');
    for (const p of processes) for (const v of vars) assert(p.env.includes(v), `language server runs without ${v} in its environment`);
    log(`  language server environment: ${vars.join(' ')}`);
  }],
  ['2 cfn: hover card over a resource type', async (wb) => {
    await wb.openFile(CFN);
    const exp = expected(CFN);
    const res = exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0];
    assert(res, 'CLI lists no resources');
    await checkHover(wb, res);
    await wb.shot('2-cfn-hover');
  }],
  ['3 cfn: responsibility model view lists the resources with kinds', async (wb) => {
    const exp = expected(CFN);
    const view = await openView(wb, CFN);
    const els = view.locator('[data-resource-id]');
    const ids = await els.evaluateAll((es) => es.filter((e) => !e.hidden).map((e) => e.getAttribute('data-resource-id')));
    for (const r of exp.resources) assert(ids.includes(r.id), `view lacks resource ${r.id} (has ${JSON.stringify(ids)})`);
    assert(new Set(ids).size === new Set(exp.resources.map((r) => r.id)).size, `view lists ${JSON.stringify(ids)}, CLI ${JSON.stringify(exp.resources.map((r) => r.id))}`);
    for (const r of exp.resources) if (r.kind) {
      const k = await kindOf(els.nth(ids.indexOf(r.id)));
      assert(k === r.kind, `view shows kind ${k} for ${r.id}, CLI says ${r.kind}`);
    }
    const table = view.locator('table', { hasText: 'infrastructure' }).filter({ hasText: 'container' }).filter({ hasText: 'managed' });
    await table.first().waitFor();
    log(`  view lists ${new Set(ids).size} resources: ${[...new Set(ids)].join(', ')}`);
    await wb.shot('3-cfn-view');
  }],
  ['4 cfn: editing the file updates the Problems panel', async (wb) => {
    const name = path.basename(CFN);
    const original = fs.readFileSync(abs(CFN), 'utf8');
    const before = expected(CFN).findings.length;
    const { line, indent } = cfnResourcesLine(original);
    const edited = await insertAfterLine(wb, CFN, line, addedVolumeYaml(indent, 'E2eAddedVolume'));
    assert(edited !== original, 'edit did not reach the file');
    const after = expected(CFN);
    assert(after.findings.length > before, `CLI finds no new finding after adding an unencrypted volume (${before} -> ${after.findings.length})`);
    const rows = await wb.waitProblemCount(name, SOURCE, after.findings.length);
    assert(rows.some((r) => r.text.includes('E2eAddedVolume')), 'no Problems entry mentions the added volume E2eAddedVolume');
    log(`  added a volume: ${before} -> ${after.findings.length} problems`);
    await wb.shot('4-cfn-edited');
    await undoAndSave(wb, CFN, original);
    await wb.waitProblemCount(name, SOURCE, before);
    log(`  undo: back to ${before} problems`);
  }],
  ['5 terraform: diagnostics and hover', async (wb) => {
    await wb.openFile(TF);
    const exp = await checkProblems(wb, TF);
    await wb.shot('5-tf-problems');
    const res = exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0];
    assert(res, 'CLI lists no Terraform resources');
    await checkHover(wb, res);
    await wb.shot('5-tf-hover');
  }],
  ['6 view: clicking a resource moves the editor cursor', async (wb) => {
    const exp = expected(CFN);
    const targets = exp.resources.filter((r) => typeof r.line === 'number');
    assert(targets.length > 0, 'CLI gives no resource lines');
    const view = await openView(wb, CFN);
    const target = targets[targets.length - 1];
    await wb.gotoLine(1, 1).catch(() => {});
    const sel = `[data-resource-id="${target.id.replace(/["\\]/g, '\\$&')}"]`;
    const btn = view.locator(`button${sel}, a${sel}`);
    const click = async () => ((await btn.count()) ? btn.first() : view.locator(sel).first()).click();
    await click();
    const t0 = Date.now(); let cur; let lastClick = t0;
    while (Date.now() - t0 < 20000) {
      cur = await wb.cursor().catch(() => null);
      const tab = await wb.activeTab().innerText().catch(() => '');
      if (cur && tab.includes(path.basename(CFN)) && Math.abs(cur.line - target.line) <= 1) break;
      // A click that lands before the view's script has attached its handlers only focuses the view: click again.
      if (Date.now() - lastClick > 4000) { await click().catch(() => {}); lastClick = Date.now(); }
      await wb.page.waitForTimeout(200);
    }
    assert(cur && Math.abs(cur.line - target.line) <= 1, `cursor at ${JSON.stringify(cur)}, expected line ${target.line} (${target.id})`);
    log(`  click on ${target.id} -> cursor Ln ${cur.line}`);
  }],
  ['7 quick fix from the lightbulb clears its problem', async (wb) => {
    const name = path.basename(CFN);
    const original = fs.readFileSync(abs(CFN), 'utf8');
    const before = expected(CFN).findings.length;
    await wb.openFile(CFN);
    await wb.waitProblemCount(name, SOURCE, before);
    // First finding (in file order) whose lightbulb offers a real fix (not docs / ignore / suppress).
    const NOT_A_FIX = /learn more|disable|ignore|suppress|copilot|explain|documentation|show /i;
    let applied = null;
    for (const f of [...expected(CFN).findings].sort((x, y) => x.line - y.line)) {
      const ch = f.raw.range && f.raw.range.start ? f.raw.range.start.character + 1 : 1;
      await wb.gotoLine(f.line, ch);               // cursor on the diagnostic, focus in the editor
      const items = wb.page.locator('.action-widget .monaco-list-row.action');
      const none = wb.page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions' });
      for (let attempt = 0; attempt < 4; attempt++) {  // an early request can answer "No code actions available"
        await wb.page.keyboard.press(`${MOD}+.`);
        await items.first().or(none.first()).waitFor();
        if (await items.first().isVisible()) break;
        await wb.page.keyboard.press('Escape');
        await wb.page.waitForTimeout(500);
        await wb.gotoLine(f.line, ch);
      }
      if (!(await items.first().isVisible())) continue;
      const labels = (await items.allInnerTexts()).map(norm);
      const idx = labels.findIndex((l) => !NOT_A_FIX.test(l));
      if (idx < 0) { await wb.page.keyboard.press('Escape'); continue; }
      for (let i = 0; i < idx; i++) await wb.page.keyboard.press('ArrowDown'); // clicks are blocked by the context view
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.action-widget').waitFor({ state: 'hidden' });
      applied = { finding: f, label: labels[idx] };
      break;
    }
    assert(applied, 'no finding in the file offers a quick fix');
    log(`  applied quick fix "${applied.label}" for ${applied.finding.ruleId} on ${applied.finding.resource}`);
    await wb.save();
    const after = expected(CFN).findings.length;
    assert(after < before, `quick fix did not remove a finding per the CLI (${before} -> ${after})`);
    const rows = await wb.waitProblemCount(name, SOURCE, after);
    const stillReported = expected(CFN).findings.some((f) => f.message === applied.finding.message);
    assert(stillReported || !rows.some((r) => has(r.text, applied.finding.message)), `Problems still lists the fixed finding "${applied.finding.message}"`);
    await wb.shot('7-quickfix');
    await undoAndSave(wb, CFN, original);
    await wb.waitProblemCount(name, SOURCE, before);
  }],
  ['8 hostile resource name renders inert in the view', async (wb) => {
    const original = fs.readFileSync(abs(CFN), 'utf8');
    const hostile = '<img src=x onerror=window.__pwned=1>';
    const { line, indent } = cfnResourcesLine(original);
    await insertAfterLine(wb, CFN, line, addedVolumeYaml(indent, JSON.stringify(hostile)));
    assert(expected(CFN).resources.some((r) => r.id === hostile), 'CLI does not list the hostile-named resource');
    try {
      const view = await openView(wb, CFN);
      const ids = await view.locator('[data-resource-id]').evaluateAll((es) => es.map((e) => e.getAttribute('data-resource-id')));
      assert(ids.includes(hostile), `view does not list the hostile name verbatim (ids ${JSON.stringify(ids)})`);
      const text = await view.locator('body').innerText();
      assert(text.includes(hostile), 'hostile name is not shown as text');
      const imgs = await view.locator('img[src="x"]').count();
      await wb.page.waitForTimeout(500); // give an injected onerror handler time to fire, if any
      const pwned = await wb.globalsInAllFrames('__pwned');
      assert(imgs === 0 && pwned.every((v) => v === undefined), `hostile markup became live: imgs=${imgs} __pwned=${JSON.stringify(pwned)}`);
      log(`  ${wb.page.frames().length} frames checked, no __pwned; name shown as text`);
      await wb.shot('8-hostile-name');
    } finally {
      await undoAndSave(wb, CFN, original);
    }
  }],
  ['9 light and dark theme screenshots', async (wb) => {
    const exp = expected(CFN);
    for (const [theme, tag] of [['Light Modern', 'light'], ['Dark Modern', 'dark']]) {
      await wb.setTheme(theme);
      await wb.page.waitForFunction((t) => document.querySelector('.monaco-workbench').classList.contains(t === 'light' ? 'vs' : 'vs-dark'), tag);
      await openView(wb, CFN);
      await wb.shot(`9-view-${tag}`);
      await wb.openFile(CFN);
      await checkHover(wb, exp.resources[0]);
      await wb.shot(`9-hover-${tag}`);
      await wb.closePanelsAndWidgets();
    }
  }],
  ['10 cfn json: data-store.json Problems match the CLI, hover on every resource type', async (wb) => {
    await wb.openFile(CFN_JSON);
    const exp = await checkProblems(wb, CFN_JSON);
    await wb.shot('10-json-problems');
    assert(exp.resources.length > 0, `CLI lists no resources in ${CFN_JSON}`);
    const kinds = new Set();
    for (const res of exp.resources) {   // every type string: one per resource, covering each kind the file has
      await checkHover(wb, res);
      if (res.kind) kinds.add(res.kind);
      await wb.closePanelsAndWidgets();
    }
    log(`  hovers checked for ${exp.resources.length} resources (kinds: ${[...kinds].join(', ')})`);
    await checkHover(wb, exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0]);
    await wb.shot('10-json-hover');
  }],
  ['13 Export findings as SARIF (palette): an untitled SARIF 2.1.0 document with the file\'s results', async (wb) => {
    await wb.openFile(CFN);
    const exp = expected(CFN);
    await wb.runCommand('AWS Responsibility: Export findings as SARIF');
    await wb.pick('Open as untitled document');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor();
    // The editor's visible text (the untitled document is not on disk): its head, then its end.
    const visible = () => wb.page.evaluate(() => [...document.querySelectorAll('.editor-group-container.active .view-line')].map((l) => l.textContent).join('\n').replace(/\u00a0/g, ' '));
    try {
      const head = await visible();
      assert(/"version": "2\.1\.0"/.test(head) && head.includes('"$schema": "https://json.schemastore.org/sarif-2.1.0.json"'), `not SARIF: ${head.slice(0, 300)}`);
      await wb.page.keyboard.press(`${MOD}+End`);
      await wb.page.waitForTimeout(300);
      const tail = await visible();
      assert(tail.includes('"partialFingerprints"') || tail.includes('"uriBaseId": "%SRCROOT%"'), `no result at the end: ${tail.slice(-600)}`);
      log(`  SARIF document opened (CLI: ${exp.findings.length} findings in ${CFN})`);
      await wb.shot('13-export-sarif');
    } finally {
      await wb.runCommand('View: Revert and Close Editor');
    }
  }],
  ['14 task: "AWS Responsibility: scan" fills the Problems panel through the problem matcher', async (wb) => {
    // No editor is open: what the Problems panel shows comes from the task's output, not from the language server.
    const exp = expected(CFN_JSON);
    // Tasks: Run Task opens its own pickers: the command palette must not wait for the quick input to close.
    await wb.openQuickInput('F1', '>Tasks: Run Task');
    await wb.pick('Tasks: Run Task');
    await wb.pick('awsResponsibility');
    await wb.pick('scan');
    const rows = await wb.waitProblemCount(path.basename(CFN_JSON), '', exp.findings.length, 45000);
    for (const f of exp.findings) assert(rows.some((r) => has(r.text, f.message) || has(r.label, f.message)), `task problems lack "${f.message.slice(0, 80)}"`);
    log(`  the task put ${rows.length} problems for ${CFN_JSON} in the panel (the CLI reports ${exp.findings.length})`);
    await wb.shot('14-task-problems');
    await wb.page.keyboard.press('Escape');
  }],
  ['15 Export responsibility matrix (palette): per service, each duty with its owner and its state', async (wb) => {
    await wb.openFile(CFN);
    await wb.runCommand('AWS Responsibility: Export responsibility matrix');
    await wb.pick('Open as untitled document');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor();
    try {
      const text = await wb.page.evaluate(() => [...document.querySelectorAll('.editor-group-container.active .view-line')].map((l) => l.textContent).join('\n').replace(/\u00a0/g, ' '));
      assert(text.includes('# Customer responsibility matrix'), `not the matrix: ${text.slice(0, 300)}`);
      const exp = expected(CFN);
      const services = [...new Set(exp.resources.map((r) => r.service).filter(Boolean))];
      const shown = services.filter((sv) => norm(text).includes(norm(sv).replace(/[()]/g, (c) => `\\${c}`)) || norm(text).includes(norm(sv)));
      assert(shown.length > 0, `no service of ${CFN} in the matrix: ${services.join(', ')}`);
      log(`  matrix opened: ${shown.length} of ${services.length} services of ${CFN} visible`);
      await wb.shot('15-export-matrix');
    } finally {
      await wb.runCommand('View: Revert and Close Editor');
    }
  }],
  ['12 terraform module: Problems read the whole folder and the module it calls; a tfvars change on disk updates them', async (wb) => {
    const rel = TF_MODULE, tfvars = abs('terraform-module/terraform.tfvars');
    const original = fs.readFileSync(tfvars, 'utf8');
    try {
      await wb.openFile(rel);
      const exp = await checkProblems(wb, rel);
      // The CLI (and so the Problems panel) has the gap terraform.tfvars causes and the one an argument of module.logs causes.
      assert(exp.findings.some((f) => f.resource === 'aws_ebs_volume.data'), `no finding for the volume: ${JSON.stringify(exp.findings.map((f) => f.resource))}`);
      assert(exp.findings.some((f) => /module\.logs\.aws_s3_bucket\.this/.test(f.message)), 'no finding at the module.logs argument');
      await wb.shot('12-module-problems');
      const callLine = fs.readFileSync(abs(rel), 'utf8').split('\n').findIndex((l) => l.startsWith('module "logs"')) + 1;
      assert(callLine > 0, 'no module "logs" block in the example');
      const hover = await wb.hover('logs', { line: callLine, expect: 'Module' });
      const text = norm(await hover.locator('.rendered-markdown').first().innerText());
      assert(/Module logs/.test(text) && /Creates 3 resources/.test(text), `module hover: ${text.slice(0, 300)}`);
      await wb.shot('12-module-hover');
      await wb.closePanelsAndWidgets();
      // terraform.tfvars changes on disk (not in an editor): VS Code's file watcher tells the server; the volume is met.
      fs.writeFileSync(tfvars, original.replace('encrypt_volumes = false', 'encrypt_volumes = true '));
      await wb.waitProblemCount(rel, SOURCE, exp.findings.length - 1);
      log('  terraform.tfvars changed on disk: one problem fewer');
    } finally {
      fs.writeFileSync(tfvars, original);
    }
  }],
  ['16 owners: the team of .aws-responsibility.yaml shows next to "you" in the hover and the view, as the CLI reports it', async (wb) => {
    // In the file's own folder, so the CLI (run from elsewhere) reads it too; paths are relative to that folder.
    const cfgRel = 'cloudformation/.aws-responsibility.yaml', cfg = abs(cfgRel);
    assert(!fs.existsSync(cfg), `${cfgRel} exists already in the workspace copy`);
    const hostile = '<img src=x onerror=window.__pwned=1>';
    fs.writeFileSync(cfg, ['owners:', '  - duty: firewall-configuration', '    team: Network platform', '    contact: "#net-platform"',
      '  - duty: identity-and-access-management', `    paths: ["${path.basename(CFN)}"]`, '    team: Payments security',
      '  - duty: customer-data', `    team: "${hostile}"`, ''].join('\n'));
    try {
      const exp = expected(CFN);
      // The CLI's JSON: duties[].team / contact of the resource whose firewall configuration has a gap.
      const sg = exp.resources.find((r) => (r.raw.duties || []).some((d) => d.duty === 'firewall-configuration' && d.status === 'gap'));
      assert(sg, 'the CLI reports no firewall-configuration gap in the example');
      const fw = sg.raw.duties.find((d) => d.duty === 'firewall-configuration');
      assert(fw.team === 'Network platform' && fw.contact === '#net-platform', `CLI: ${JSON.stringify(fw)}`);
      assert(sg.raw.duties.find((d) => d.duty === 'identity-and-access-management').team === 'Payments security', 'CLI: no IAM team');
      await wb.openFile(CFN);
      // The file is analysed (a hover before the first analysis gets no card, and the editor does not ask again).
      await wb.waitProblemCount(CFN, SOURCE, exp.findings.length);
      // A server that ran before the file existed hears of it through the workbench's file watcher: hover until the
      // card names the team.
      let text = '';
      const t0 = Date.now();
      // Each attempt is bounded: a hover that does not show (the mouse landed while the editor re-rendered) is retried.
      while (Date.now() - t0 < 45000) {
        try {
          const hover = await wb.hover(sg.type, { line: sg.line, expect: 'You', timeout: 8000 });
          text = norm(await hover.locator('.rendered-markdown').first().innerText());
          if (text.includes(fw.team)) break;
        } catch (e) {
          log(`  no hover card yet (${String(e.message).split('\n')[0].slice(0, 80)}); again`);
        }
        await wb.closePanelsAndWidgets();
        await wb.page.waitForTimeout(1000);
      }
      assert(/Firewall configuration · team Network platform \(#net-platform\) — gap/.test(text), `the hover does not name the team next to the gap: ${text.slice(0, 700)}`);
      assert(text.includes('team Payments security'), `the hover lacks the IAM team: ${text.slice(0, 700)}`);
      assert(text.includes(`team ${hostile}`), 'the hostile team is not shown as text in the hover');
      const awsAt = text.search(/\bAWS · /);
      assert(awsAt > text.indexOf('You'), `no AWS group after the You group: ${text.slice(0, 700)}`);
      assert(!/team /.test(text.slice(awsAt)), `a team next to AWS's duties: ${text.slice(awsAt)}`);
      log(`  hover over ${sg.id}: ${text.slice(text.indexOf('Firewall configuration'), text.indexOf('Firewall configuration') + 70)}…`);
      await wb.shot('16-owners-hover');
      await wb.closePanelsAndWidgets();
      const view = await openView(wb, CFN);
      const item = view.locator(`li.res-item[data-resource-id="${sg.id}"]`);
      await item.locator('.teams', { hasText: fw.team }).waitFor();
      const teams = norm(await item.locator('.teams').innerText());
      assert(teams.includes('Network platform (#net-platform): Firewall configuration') && teams.includes(hostile), `view: ${teams}`);
      await wb.page.waitForTimeout(500); // an injected onerror handler would have fired by now
      const imgs = await view.locator('img[src="x"]').count();
      const pwned = await wb.globalsInAllFrames('__pwned');
      assert(imgs === 0 && pwned.every((v) => v === undefined), `a team became markup: imgs=${imgs} __pwned=${JSON.stringify(pwned)}`);
      log(`  view: ${teams.slice(0, 120)}`);
      await wb.shot('16-owners-view');
    } finally {
      fs.rmSync(cfg, { force: true });
    }
  }],
];
// ---- the web extension (scenarios 20+) -------------------------------------------------------------------
// A window of its own loads run.sh's web-only variant (no "main", extensionKind ["web"], no Node bundle): the product
// can run there only from its "browser" bundle, in the workbench's web worker extension host, with the language
// server inside that worker (client/src/web/extension.ts). Expected values still come from the CLI on Node.
const WEB_URL = process.env.E2E_WEB_URL;
const WEB_LOG_LINE = /language server [\d.]+: web build, running in the extension host's web worker/;

/** Opens the web-only window, runs `fn` with its Workbench, closes it (a screenshot of it on failure). */
async function inWebWindow(wb, name, fn) {
  assert(WEB_URL, 'E2E_WEB_URL is not set (run.sh writes the web-only variant and its URL)');
  const page = await wb.page.context().newPage();
  page.setDefaultTimeout(Math.max(5000, Math.round(STEP_MS * 0.6)));
  const consoleLog = fs.createWriteStream(path.join(OUT, `browser-console-${name}.log`));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  const web = traced(new Workbench(page, OUT));
  try {
    await page.goto(WEB_URL);
    await web.ready();
    await fn(web);
  } catch (e) {
    await page.screenshot({ path: path.join(OUT, `failure-${name}-web-window.png`) }).catch(() => {});
    throw e;
  } finally {
    await page.close().catch(() => {});
    consoleLog.end();
  }
}

/** The extension runs in this window's web worker extension host: Running Extensions, and the server's own log line. */
async function assertRunsInWebWorker(web) {
  const { page } = web;
  await web.runCommand('Developer: Show Running Extensions');
  // A development extension's row shows its id; each row names where it runs when that is not the window's Node host.
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /AWS Responsibility Lens|aws-responsibility-lens\.aws-responsibility-lens/ }).first();
  const text = norm(await waitText(page, 'Running Extensions', () => row.innerText(), /Activation: \d+ms/));
  assert(/\bweb worker\b/i.test(text), `Running Extensions does not say the extension runs in the web worker: ${text}`);
  assert(!/error|unresponsive/i.test(text), `Running Extensions row reports: ${text}`);
  await web.shot('20-web-running-extensions');
  // The server logs where it runs in the extension's output channel (only the web host writes this line).
  // This command opens a second quick pick (the channels): the palette must not wait for the quick input to close.
  const out = page.locator('.panel .output-view, .panel [id="workbench.panel.output"]').first();
  let logText = '';
  // The Output view sometimes shows the channel empty at first: pick it again (up to three times) before failing.
  for (let attempt = 1; ; attempt++) {
    await web.openQuickInput('F1', '>Output: Show Output Channels');
    await web.pick('Output: Show Output Channels');
    await page.locator('.quick-input-widget input[placeholder*="Output Channel"]').waitFor();
    await web.pick('AWS Responsibility Lens');
    // The Output view's own filter must be empty (it keeps what was typed there).
    for (const f of await page.locator('.panel input[placeholder^="Filter"]').all()) {
      if (!(await f.isVisible().catch(() => false)) || (await f.inputValue().catch(() => '')) === '') continue;
      await f.click();
      await page.keyboard.press(`${process.platform === 'darwin' ? 'Meta' : 'Control'}+A`);
      await page.keyboard.press('Backspace');
    }
    try {
      logText = await waitText(page, 'output channel', () => out.innerText().then(norm), WEB_LOG_LINE, 10000);  // the editor's spaces are NBSPs
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`  output channel empty (attempt ${attempt}); picking it again`);
      await page.keyboard.press('Escape');
    }
  }
  log(`  running extensions: ${text.slice(0, 120)}`);
  log(`  output: ${norm(logText).match(/language server [^\n]*?workspace\.fs\)?/)?.[0] || 'web build line present'}`);
  await page.keyboard.press('Escape');
}

/**
 * The problem a message states: what is wrong and on what, up to the fix (" — ") or an aside in parentheses, and at
 * least through the resource's name. What the Problems panel must show whole at the usual width.
 */
function problemPart(message) {
  let end = message.indexOf(' — ');
  if (end < 0) end = message.length;
  const name = message.indexOf('`', message.indexOf('`') + 1) + 1;
  const aside = message.indexOf(' (', name);
  if (aside > 0 && aside < end) end = aside;
  return message.slice(0, Math.max(end, name));
}

scenarios.push(
  ['23 Problems at 1,280 px: every row shows its problem and the resource whole, before the fix and the duty', async (wb) => {
    await wb.page.setViewportSize({ width: 1280, height: 800 });
    try {
      for (const rel of [CFN, CFN_JSON]) {
        await wb.openFile(rel);
        const exp = await checkProblems(wb, rel);
        const needles = [...new Set(exp.findings.map((f) => problemPart(f.message)))];
        const seen = await wb.problemTextVisibility(rel, needles);
        for (const n of needles) {
          const m = seen.filter((x) => x.needle === n);
          assert(m.length > 0, `no Problems row shows "${n}" at 1,280 px; rows:\n  ${seen.map((x) => x.needle === null ? `(none) ${x.text}` : `${x.visibleChars}/${x.needle.length} ${x.needle}`).join('\n  ')}`);
          for (const x of m) assert(x.shown, `at 1,280 px the Problems panel cuts "${n}" after ${x.visibleChars} of ${n.length} characters (clip at x=${x.clip})`);
        }
        const longest = Math.max(...needles.map((n) => n.length));
        log(`  ${path.basename(rel)}: ${seen.filter((x) => x.needle !== null).length} rows, each problem shown whole (longest ${longest} characters)`);
        await wb.closePanelsAndWidgets();   // the next file's Go to Line needs the editor, not the panel, focused
      }
      await wb.shot('23-problems-1280');
    } finally {
      await wb.page.setViewportSize({ width: 1400, height: 900 });
    }
  }],
);

const WEB_TF = 'web-module/main.tf';
if (WEB_URL) scenarios.push(
  ['20 web: only the browser entry runs (web worker): Problems, hover and the view on CloudFormation match the CLI', async (wb) => {
    await inWebWindow(wb, '20', async (web) => {
      await web.openFile(CFN);
      const exp = await checkProblems(web, CFN);
      await web.shot('20-web-problems');
      const res = exp.resources.find((r) => exp.findings.some((f) => f.resource === r.id)) || exp.resources[0];
      await checkHover(web, res);
      await web.shot('20-web-hover');
      await web.closePanelsAndWidgets();
      const view = await openView(web, CFN);
      const ids = await view.locator('[data-resource-id]').evaluateAll((es) => es.filter((e) => !e.hidden).map((e) => e.getAttribute('data-resource-id')));
      for (const r of exp.resources) assert(ids.includes(r.id), `web view lacks resource ${r.id} (has ${JSON.stringify(ids)})`);
      await view.locator('table', { hasText: 'infrastructure' }).filter({ hasText: 'managed' }).first().waitFor();
      log(`  web view lists ${new Set(ids).size} resources`);
      await web.shot('20-web-view');
      await assertRunsInWebWorker(web);
    });
  }],
  ['21 web: a Terraform module read through workspace.fs: a gap decided by the sibling variables.tf, the config file, module calls', async (wb) => {
    // A module whose only gap comes from a default in its sibling file (without it, var.encrypt is unknown: no gap),
    // and a config file that makes that rule an error. Written before the window opens.
    const dir = abs('web-module');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_ebs_volume" "scratch" {\n  availability_zone = "eu-west-1a"\n  size              = 10\n  encrypted         = var.encrypt\n}\n');
    fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "encrypt" {\n  type    = bool\n  default = false\n}\n');
    fs.writeFileSync(path.join(dir, '.aws-responsibility.yaml'), 'rules:\n  ebs-volume-encryption: error\n');
    try {
      const exp = expected(WEB_TF);
      const gap = exp.findings.find((f) => f.resource === 'aws_ebs_volume.scratch');
      assert(gap && gap.severity === 'error', `the CLI has no error-level gap for the volume: ${JSON.stringify(exp.findings.map((f) => [f.resource, f.severity]))}`);
      await inWebWindow(wb, '21', async (web) => {
        await web.openFile(WEB_TF);
        await checkProblems(web, WEB_TF);
        const rows = await web.problemsFor(WEB_TF, SOURCE);
        const row = web.page.locator('.markers-panel .monaco-list-row', { hasText: 'scratch' }).first();
        assert(await row.locator('.codicon-error').count() > 0, `the gap is not an error in Problems (.aws-responsibility.yaml not applied): ${rows.map((r) => r.text).join(' | ')}`);
        log('  the gap from variables.tf\'s default is in Problems, as an error (.aws-responsibility.yaml)');
        await web.shot('21-web-sibling-problems');
        await checkHover(web, exp.resources.find((r) => r.id === 'aws_ebs_volume.scratch'));
        await web.shot('21-web-sibling-hover');
        await web.closePanelsAndWidgets();
        // The sibling changes on disk: the workbench's watcher tells the server, which reads it again: the gap goes.
        fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "encrypt" {\n  type    = bool\n  default = true\n}\n');
        const after = expected(WEB_TF).findings.length;
        assert(after === exp.findings.length - 1, `CLI: ${exp.findings.length} -> ${after}`);
        await web.waitProblemCount(WEB_TF, SOURCE, after);
        log(`  variables.tf changed on disk: ${exp.findings.length} -> ${after} problems`);
        // The example module: tfvars, sibling files and the local module it calls, all through workspace.fs.
        await web.reset();
        await web.openFile(TF_MODULE);
        const mod = await checkProblems(web, TF_MODULE);
        assert(mod.findings.some((f) => /module\.logs\.aws_s3_bucket\.this/.test(f.message)), 'no finding at the module.logs argument');
        await web.shot('21-web-module-problems');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }],
);
if (process.env.E2E_API_URL) scenarios.push(['11 extension-host API suite (client/test-electron) inside code-server', async (wb) => {
  // Loads a second window whose extension host runs client/test-electron/suite/index.js (payload extensionTestsPath);
  // the suite writes its result to E2E_API_RESULT (ARL_TEST_RESULT in code-server's environment).
  const file = process.env.E2E_API_RESULT, partial = `${file}.partial`;
  fs.rmSync(file, { force: true }); fs.rmSync(partial, { force: true });
  const t0 = Date.now();
  const page = await wb.page.context().newPage();
  try {
    await page.goto(process.env.E2E_API_URL);
    while (!fs.existsSync(file)) {
      if (Date.now() - t0 > STEP_MS - 5000) {
        const done = fs.existsSync(partial) ? JSON.parse(fs.readFileSync(partial, 'utf8')).results : [];
        throw new Error(`the API suite did not finish (see code-server.log / logs/); done so far:${done.map((x) => `\n  ${x.ok ? 'ok' : 'not ok'} - ${x.name}${x.ok ? '' : `: ${x.error}`}`).join('') || ' nothing'}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const x of r.results) log(`  ${x.ok ? 'ok' : 'not ok'} - api: ${x.name}${x.ok ? ` (${x.ms} ms)` : `: ${x.error}`}`);
    assert(r.failed === 0 && r.passed > 0, `API suite: ${r.passed} passed, ${r.failed} failed`);
  } finally { await page.close().catch(() => {}); }
}]);

// ---- conventions (scenario 22) ----------------------------------------------------------------------------
/** Process ids of the running language servers (our dist/server.js), from /proc. */
function serverPids() {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let args;
    try { args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { continue; }
    if (args.some((a) => /[\\/]dist[\\/]server\.js$/.test(a))) out.push(pid);
  }
  return out.sort();
}
scenarios.push(['22 conventions: the walkthrough opens from the palette, Restart language server brings the diagnostics back, rule ids are completed in settings.json', async (wb) => {
  const { page } = wb;
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.nls.json'), 'utf8'));
  const t = (s) => (/^%(.+)%$/.test(s) ? nls[s.slice(1, -1)] : s);
  const walk = pkg.contributes.walkthroughs[0];
  const title = t(walk.title);
  // 1. "Welcome: Open Walkthrough..." lists ours; picking it opens the Welcome page on its steps.
  await wb.openQuickInput('F1', '>Welcome: Open Walkthrough'); // not wb.runCommand: the command opens a second quick pick
  await wb.pick('Welcome: Open Walkthrough');
  await page.locator('.quick-input-widget input[placeholder*="walkthrough" i]').waitFor();
  await wb.pick(title);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const container = page.locator('.gettingStartedContainer').first();
  const shown = await waitText(page, 'walkthrough', () => container.innerText(), new RegExp(t(walk.steps[walk.steps.length - 1].title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  for (const s of walk.steps) assert(has(shown, t(s.title)), `the walkthrough lacks step "${t(s.title)}": ${norm(shown).slice(0, 400)}`);
  assert(has(shown, title), `the Welcome page does not show "${title}"`);
  log(`  walkthrough "${title}": ${walk.steps.length} steps shown`);
  await wb.shot('22-walkthrough');
  await wb.reset();

  // 2. Restart language server: a new server process, and the Problems panel matches the CLI again.
  await wb.openFile(CFN);
  await wb.waitSquiggle();
  const before = serverPids();
  assert(before.length > 0, 'no language server process before the restart');
  await wb.runCommand('AWS Responsibility: Restart language server');
  const t0 = Date.now();
  let after = serverPids();
  while ((after.length === 0 || after.every((p) => before.includes(p))) && Date.now() - t0 < 20000) { await page.waitForTimeout(200); after = serverPids(); }
  assert(after.length > 0 && after.some((p) => !before.includes(p)), `no new language server process after the restart (before ${before}, after ${after})`);
  await checkProblems(wb, CFN);
  log(`  restarted: server ${before.join(',')} -> ${after.join(',')}, diagnostics back`);
  await wb.closePanelsAndWidgets();
  await wb.reset();

  // 3. settings.json: a rule id is completed inside awsResponsibility.rules, with its title.
  const rule = Object.entries(pkg.contributes.configuration.properties['awsResponsibility.rules'].properties).find(([id]) => id === 's3-versioning');
  assert(rule, 'package.json has no s3-versioning rule property');
  await wb.runCommand('Preferences: Open User Settings (JSON)');
  await wb.activeTab().filter({ hasText: 'settings.json' }).waitFor();
  await wb.activeEditor().locator('.view-line').first().waitFor();
  try {
    await wb.gotoLine(1, 2);                       // just after the opening brace
    await page.keyboard.insertText(' "awsResponsibility.rules": { "s3-vers": "off" },');
    for (let i = 0; i < '": "off" },'.length; i++) await page.keyboard.press('ArrowLeft');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    const item = suggest.locator('.monaco-list-row', { hasText: 's3-versioning' }).first();
    // The JSON language server may not have the settings schema yet: "No suggestions" then, and asked again it stays.
    for (let i = 0; i < 10 && !(await item.isVisible().catch(() => false)); i++) {
      if (i > 0) { await page.keyboard.press('Escape'); await page.waitForTimeout(500); }
      await page.keyboard.press(`${MOD}+Space`);
      await item.waitFor({ timeout: 2500 }).catch(() => {});
    }
    await item.waitFor({ timeout: 2000 });
    // The rule's title is its documentation in the completion's details (Ctrl+Space again opens them).
    const ruleTitle = /\*\*(.+?)\*\*/.exec(rule[1].markdownDescription)[1];
    const details = page.locator('.suggest-details', { hasText: ruleTitle }).first();
    if (!(await details.isVisible().catch(() => false))) await page.keyboard.press(`${MOD}+Space`);
    await details.waitFor({ timeout: 10000 });
    const rows = await suggest.locator('.monaco-list-row').allInnerTexts();
    assert(rows.every((r) => /s3-vers/.test(r)), `unexpected completions: ${JSON.stringify(rows)}`);
    log(`  settings.json completes "s3-vers" to: ${rows.map(norm).join(' | ')}, described as "${ruleTitle}"`);
    await wb.shot('22-rules-completion');
    await page.keyboard.press('Escape');
  } finally {
    await wb.runCommand('File: Revert File');      // the user settings stay as run.sh wrote them
  }
}]);

// ---- runner -------------------------------------------------------------------------------------------
function withTimeout(p, ms, what) {
  let t; return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); })]).finally(() => clearTimeout(t));
}

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(OUT, 'browser-console.log'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(Math.max(5000, Math.round(STEP_MS * 0.6))); // a stuck wait reports its selector before the step timeout
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  const wb = traced(new Workbench(page, OUT));
  let passed = 0, failed = 0; const results = [];
  try {
    await withTimeout((async () => { await page.goto(URL_); await wb.ready(); })(), STEP_MS, 'workbench start');
    log(`workbench ready (${MODE === 'vsix' ? `extension installed from the VSIX: ${INSTALLED.EXT_ID}@${INSTALLED.EXT_VER}` : 'extension loaded unpacked (extensionDevelopmentPath)'})`);
  } catch (e) {
    console.log(`not ok - workbench did not start: ${e.message}`);
    await page.screenshot({ path: path.join(OUT, 'failure-startup.png') }).catch(() => {});
    await browser.close(); console.log(`0 passed, ${scenarios.length} failed`); process.exit(1);
  }
  for (const [name, fn] of scenarios) {
    if (ONLY && !ONLY.test(name)) continue;
    const t0 = Date.now();
    try {
      await withTimeout(runScenario(async () => { await wb.reset(); await fn(wb); }), STEP_MS, name);
      passed++; results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`ok - ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++; results.push({ name, ok: false, ms: Date.now() - t0, error: e.message });
      log(`not ok - ${name} (${Date.now() - t0} ms)\n    ${String(e.message).split('\n').join('\n    ')}`);
      await page.screenshot({ path: path.join(OUT, `failure-${name.split(' ')[0]}.png`) }).catch(() => {});
    }
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
    await page.mouse.move(2, 2).catch(() => {});
  }
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ mode: MODE, extension: MODE === 'vsix' ? `${INSTALLED.EXT_ID}@${INSTALLED.EXT_VER}` : undefined, passed, failed, results, totalMs: Date.now() - T0 }, null, 2));
  await browser.close();
  consoleLog.end();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error('driver crashed:', e); console.log('0 passed, 1 failed'); process.exit(1); });
