// Playwright helpers for the VS Code 1.100 workbench served by code-server (selectors verified on 4.100.3).
'use strict';
const MOD = 'Control';
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

class Workbench {
  constructor(page, outDir) { this.page = page; this.out = outDir; }

  get qi() { return this.page.locator('.quick-input-widget input'); }

  /**
   * Presses `key` (Ctrl+P, F1) until the quick input shows: a key press that lands while another widget holds the
   * keyboard (a panel's filter box, a closing hover) is sometimes lost, and one lost press must not fail a scenario.
   */
  async openQuickInput(key, text) {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        const timeout = attempt < 3 ? 5000 : undefined;
        await this.qi.waitFor({ timeout });
        // The widget can close again between showing and typing (focus taken by a closing hover or a notification):
        // typing into it is retried from the key press too.
        if (text !== undefined) await this.qi.fill(text, { timeout });
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }
  get editor() { return this.page.locator('.editor-group-container.active .monaco-editor, .editor-group-container .monaco-editor').first(); }

  async ready() {
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  }

  /** Quick Open a file by workspace-relative path; waits until its tab is active. */
  async openFile(relPath) {
    const parts = relPath.split('/');
    const name = parts.pop();
    const dir = parts.join('/');
    await this.openQuickInput(`${MOD}+P`, relPath);
    if (dir) {
      // Several files can have this name (a module's main.tf and its submodule's): the row whose folder is `dir`.
      const rows = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name });
      await rows.first().waitFor();
      const row = rows.filter({ has: this.page.locator('.label-description', { hasText: new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
      await row.click();
    } else await this.pick(name);
    await this.activeTab().filter({ hasText: name }).waitFor();
    await this.activeEditor().locator('.view-line').first().waitFor();
  }

  activeTab() { return this.page.locator('.editor-group-container.active .tabs-container .tab.active').first(); }

  /** Closes every editor and group (files are saved by the tests) and any widget: a clean slate per scenario. */
  async reset() {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    await this.runCommand('View: Close All Editor Groups');
    await this.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
  }

  activeEditor() { return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first(); }

  async waitSquiggle() {
    await this.activeEditor().locator('[class*="squiggly-"]').first().waitFor();
  }

  async runCommand(title) {
    await this.openQuickInput('F1', '>' + title);
    await this.pick(title);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Clicks the quick-input row showing `text` (Enter could hit a stale first row while the filter updates). */
  async pick(text) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    await row.click();
  }

  async closePanelsAndWidgets() { await this.page.keyboard.press('Escape'); await this.page.mouse.move(2, 2); }

  /**
   * Shows the Problems panel. The key toggles it, and a task's terminal that opens right after can take the panel back:
   * when the key has not shown it within a few seconds, the palette's Focus Problems (which only ever shows it) is
   * asked, as often as needed (a task run from the palette lost the panel to its terminal on CI's first workbench runs).
   */
  async showProblems() {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible().catch(() => false)) return panel;
    await this.page.keyboard.press(`${MOD}+Shift+M`);
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await panel.waitFor({ timeout: 4000 });
        return panel;
      } catch {
        await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      }
    }
    await panel.waitFor();
    return panel;
  }

  /** All rows of the Problems tree, scrolled through (the list is virtualized): [{index, level, text}]. */
  async problemRows() {
    const rows = await this.scanProblemRows((els) => els.map((e) => ({
      index: Number(e.getAttribute('data-index')), level: Number(e.getAttribute('aria-level') || 0),
      text: e.innerText, label: e.getAttribute('aria-label') || '',
      // The code's link (the Problems panel renders a code with a target as an <a class="monaco-link">).
      link: (e.querySelector('a.monaco-link') || { getAttribute: () => '' }).getAttribute('href') || '' })));
    return rows.map((r) => ({ ...r, text: norm(r.text) }));
  }

  /**
   * Runs `read(rowElements, arg)` in the page on the rendered rows of the Problems list, from its top to its end (the
   * list is virtualized: only the rows in view exist), and returns the first result per row, in row order. `read`
   * returns one object per element, with the row's `index` (its data-index), or `skip` for a row to read again later.
   */
  async scanProblemRows(read, arg) {
    const panel = await this.showProblems();
    const list = panel.locator('.monaco-list').first();
    const byIndex = new Map();
    const box = await list.boundingBox();
    // From the top: the virtual list keeps its scroll position between reads, and rows above it are not rendered
    // (setting scrollTop on its DOM does not move a Monaco list; a wheel event does).
    if (box) {
      // Wheel up a list height at a time until the first row is rendered (one huge wheel delta did not always reach the
      // top; the keyboard would move the focus out of the editor).
      await this.page.mouse.move(box.x + 6, box.y + box.height / 2);
      for (let i = 0; i < 80; i++) {
        // The first row itself, not the sticky header's copy of it (no aria-level), which stays in view when scrolled.
        if ((await panel.locator('.monaco-list-row[aria-level][data-index="0"]').count()) > 0) {
          // Short: the row can go between the count and this read (a task's terminal taking the panel), then look again.
          const top = await panel.locator('.monaco-list-row[aria-level][data-index="0"]').boundingBox({ timeout: 2000 }).catch(() => null);
          if (top && top.y >= box.y - 1) break;
        }
        await this.page.mouse.wheel(0, -box.height);
        await this.page.waitForTimeout(50);
      }
    }
    await this.page.waitForTimeout(100); // the rows at the top render after the last wheel event
    // Scroll until three wheel steps in a row bring no new row (one step may not re-render in time, and a long list
    // from several files must be read to its end).
    for (let guard = 0, stale = 0; guard < 80; guard++) {
      // Rows with a level: the tree's sticky header repeats a file row (without one) over the rows it scrolls past.
      const rows = await panel.locator('.monaco-list-row[aria-level]').evaluateAll(read, arg);
      let fresh = 0;
      for (const r of rows) if (!r.skip && !byIndex.has(r.index)) { byIndex.set(r.index, r); fresh++; }
      stale = fresh ? 0 : stale + 1;
      if (stale >= 3) break;
      if (!box) break;
      // Over the rows' left margin: a hover tooltip over a message would take the wheel events.
      await this.page.mouse.move(box.x + 6, box.y + box.height / 2);
      await this.page.mouse.wheel(0, box.height * 0.8);
      await this.page.waitForTimeout(50); // let the virtual list re-render after the wheel event
    }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  }

  /**
   * The Problems rows with the panel filtered to one file (`**\/path` in its filter box), so a long list of other
   * files' markers never has to be scrolled through; the filter is cleared and the editor focused again afterwards.
   */
  async filteredProblemRows(fileName) {
    const panel = await this.showProblems();
    // The Problems filter exactly ("Filter (e.g. text, **/*.ts, !**/node_modules/**)"): the Output view has a filter box
    // whose placeholder also starts with "Filter (e.g. text".
    const input = this.page.locator('input[placeholder^="Filter (e.g. text, **/*.ts"]').first();
    if (!fileName.includes('/') || !(await input.isVisible().catch(() => false))) return this.problemRows();
    await input.fill(`**/${fileName}`);
    await this.page.waitForTimeout(300); // the panel applies the filter after a short delay
    try {
      return await this.problemRows();
    } finally {
      await this.clearProblemsFilter(input);
      void panel;
    }
  }

  /** Empties the Problems filter box (checked: a fill may not take), leaves it, and focuses the editor again. */
  async clearProblemsFilter(input) {
    await input.fill('');
    if ((await input.inputValue().catch(() => '')) !== '') {
      await input.click();
      await this.page.keyboard.press(`${MOD}+A`);
      await this.page.keyboard.press('Backspace');
    }
    await this.page.waitForTimeout(150);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.tabs-container .tab.active').first().click().catch(() => {});
  }

  /**
   * For each marker row of `fileName` (the panel filtered to it) whose text contains one of `needles`: how much of the
   * needle is shown before the row clips it. Measured on the rendered text (a DOM Range over the needle), against the
   * right edge of every clipping ancestor up to the list: [{ needle, shown, visibleChars }].
   */
  async problemTextVisibility(fileName, needles) {
    await this.showProblems();
    const input = this.page.locator('input[placeholder^="Filter (e.g. text, **/*.ts"]').first();
    await input.fill(`**/${fileName}`);
    await this.page.waitForTimeout(400);
    try {
      const rows = await this.scanProblemRows((els, wanted) => els.map((row) => {
        const index = Number(row.getAttribute('data-index'));
        const found = [];
        if (row.getAttribute('aria-level') !== '2') return { index, found };
        const list = row.closest('.monaco-list');
        const listRight = list ? list.getBoundingClientRect().right : Infinity;
        const nodes = []; const w = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        let all = '';
        for (let n; (n = w.nextNode());) { nodes.push([n, all.length]); all += n.textContent; }
        const flat = all.replace(/\u00a0/g, ' ');
        if (!flat.trim()) return { index, skip: true };   // rendered, not yet filled in: read it on the next pass
        for (const needle of wanted) {
          const i = flat.indexOf(needle);
          if (i < 0) continue;
          const at = (off) => { for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= off) return [nodes[k][0], off - nodes[k][1]]; };
          const [startNode] = at(i);
          let right = listRight;
          for (let el = startNode.parentElement; el && el !== list; el = el.parentElement) {
            const cs = getComputedStyle(el);
            if (cs.overflow !== 'visible' || cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis') right = Math.min(right, el.getBoundingClientRect().right);
          }
          let visibleChars = 0;
          for (let c = 0; c < needle.length; c++) {
            const [n, o] = at(i + c);
            const r = document.createRange(); r.setStart(n, o); r.setEnd(n, Math.min(o + 1, n.textContent.length));
            const b = r.getBoundingClientRect();
            if (b.width > 0 && b.right > right + 0.5) break;
            visibleChars = c + 1;
          }
          // With text-overflow: ellipsis the last visible character may give way to "…": one character of slack.
          found.push({ needle, shown: visibleChars >= needle.length - 1, visibleChars, clip: Math.round(right) });
        }
        if (found.length === 0) found.push({ needle: null, text: flat.slice(0, 200) });
        return { index, found };
      }), needles);
      return rows.flatMap((r) => r.found);
    } finally {
      await this.clearProblemsFilter(input);
    }
  }

  /** Marker rows (level 2) listed under the file row whose label contains `fileName`. */
  async problemsFor(fileName, source) {
    const rows = await this.filteredProblemRows(fileName);
    // `fileName` may be a workspace-relative path: two files of one name (terraform/main.tf, terraform-module/main.tf)
    // are told apart by the folder the panel prints beside the name.
    const slash = fileName.lastIndexOf('/');
    // The panel prints the file's folder relative to the workspace ("main.tf terraform-module 3"): it must be that
    // folder exactly, not one below it (terraform-module/modules/bucket).
    const base = fileName.slice(slash + 1), dir = slash > 0 ? fileName.slice(0, slash) : '';
    const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const isFile = (t) => t.includes(base) && (!dir || new RegExp(`(^|\\s)${esc(dir)}(\\s|,|$)`).test(t));
    const out = []; let inFile = false;
    for (const r of rows) {
      if (r.level <= 1) { inFile = isFile(r.text) || isFile(r.label); continue; }
      if (inFile && (!source || r.text.includes(source) || r.label.includes(source))) out.push(r);
    }
    return out;
  }

  /** Waits until the Problems panel lists `n` markers of `source` for `fileName`; returns them. */
  async waitProblemCount(fileName, source, n, timeout = 45000) {
    const t0 = Date.now(); let last = [];
    while (Date.now() - t0 < timeout) {
      last = await this.problemsFor(fileName, source);
      if (last.length === n) return last;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`Problems panel: expected ${n} '${source}' markers for ${fileName}, saw ${last.length}:\n  ` + last.map((r) => r.text).join('\n  '));
  }

  /** Go to line/column (1-based) through Quick Open's ':' mode (Ctrl+G is not Go to Line in the browser). */
  async gotoLine(line, col = 1) {
    await this.openQuickInput(`${MOD}+P`, `:${line}:${col}`);
    await this.pick(new RegExp(`line ${line}\\b`, 'i'));
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Screen point at the middle of `text` in the active editor: on the cursor's line if `onCursorLine`, else the first visible. */
  async wordPoint(text, onCursorLine = false) {
    return this.activeEditor().evaluate((ed, [needle, onCursor]) => {
      let lines = [...ed.querySelectorAll('.view-lines .view-line')];
      if (onCursor) {
        const cur = ed.querySelector('.view-overlays .current-line');
        if (!cur) return null;
        lines = lines.filter((l) => l.style.top === cur.parentElement.style.top || l.style.top === cur.style.top);
      }
      for (const line of lines) {
        const nodes = []; const w = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let all = '';
        for (let n; (n = w.nextNode());) { nodes.push([n, all.length]); all += n.textContent; }
        const i = all.replace(/\u00a0/g, ' ').indexOf(needle);
        if (i < 0) continue;
        const at = (off) => { for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= off) return [nodes[k][0], off - nodes[k][1]]; };
        const [n1, o1] = at(i + Math.floor(needle.length / 2));
        const r = document.createRange(); r.setStart(n1, o1); r.setEnd(n1, Math.min(o1 + 1, n1.textContent.length));
        const b = r.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    }, [text, onCursorLine]);
  }

  /** Hover the mouse over `text` (on 1-based `line` when given) and return the visible hover widget. */
  async hover(text, { line, expect, timeout } = {}) {
    let p;
    if (line) { await this.gotoLine(line); p = await this.wordPoint(text, true); }
    if (!p) p = await this.wordPoint(text);
    if (!p) throw new Error(`'${text}' is not visible in the active editor` + (line ? ` (line ${line})` : ''));
    await this.page.mouse.move(p.x - 60, p.y - 60);
    await this.page.mouse.move(p.x, p.y, { steps: 6 });
    const hover = this.page.locator('.monaco-hover:not(.hidden)', expect ? { hasText: expect } : {}).first();
    await hover.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
    await this.settle();
    return hover;
  }

  async settle() {
    await this.page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  }

  /** The innermost frame of the webview panel whose tab title is `title` (active webview). */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame, iframe').first();
  }

  /** window.__pwned (or any probe global) in every frame of the page, including webview frames. */
  async globalsInAllFrames(name) {
    const vals = [];
    for (const f of this.page.frames()) vals.push(await f.evaluate((n) => globalThis[n], name).catch(() => undefined));
    return vals;
  }

  async cursor() {
    const item = this.page.locator('[id="status.editor.selection"]');
    if (!(await item.isVisible())) return null;   // hidden while a webview has focus
    const t = await item.innerText({ timeout: 2000 });
    const m = /Ln (\d+), Col (\d+)/.exec(t);
    return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
  }

  async save() { await this.page.keyboard.press(`${MOD}+S`); await this.page.locator('.editor-group-container.active .tabs-container .tab.active.dirty').first().waitFor({ state: 'detached' }); }

  async shot(name) { const p = `${this.out}/${name}.png`; await this.page.screenshot({ path: p }); return p; }

  /** Switches the color theme through the real picker, e.g. 'Light Modern' / 'Dark Modern'. */
  async setTheme(label) {
    await this.openQuickInput('F1', '>Preferences: Color Theme');
    await this.pick('Preferences: Color Theme');
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: 'High Contrast' }).first().waitFor(); // theme list is up
    await this.qi.fill(label);
    await this.pick(label);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
}

/**
 * Wraps the async Workbench methods: a call made by a scenario that already timed out (its promise keeps running in
 * the background) throws instead of driving the page under the next scenario; E2E_TRACE=1 logs each call's duration.
 */
const { AsyncLocalStorage } = require('node:async_hooks');
const scenarioScope = new AsyncLocalStorage();
let currentScenario = 0;
function runScenario(fn) { const id = ++currentScenario; return scenarioScope.run(id, fn); }
function traced(wb) {
  const trace = !!process.env.E2E_TRACE;
  return new Proxy(wb, { get(t, k) {
    const v = t[k];
    if (typeof v !== 'function' || v.constructor.name !== 'AsyncFunction') return v;
    return async (...a) => {
      const mine = scenarioScope.getStore();
      if (mine !== undefined && mine !== currentScenario) throw new Error(`cancelled: ${String(k)}() from a timed-out scenario`);
      const t0 = Date.now();
      try { return await v.apply(t, a); } finally {
        if (trace) console.log(`    · ${String(k)}(${a.map((x) => JSON.stringify(String(x)).slice(0, 40)).join(', ')}) ${Date.now() - t0} ms`);
      }
    };
  } });
}

module.exports = { Workbench, traced, runScenario, norm, MOD };
