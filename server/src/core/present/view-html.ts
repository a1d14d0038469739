/**
 * The "Show responsibility model" view as HTML: the model (kinds × duties) and the resources of the active file or of
 * the whole workspace, grouped by kind, with filters. Pure: the client passes a nonce and its CSP source; every value
 * from a template is HTML-escaped here, and the page loads nothing remote (CSP default-src 'none').
 */
import * as l10n from '@vscode/l10n';
import { isDutyId } from '../model/duties';
import { dutyTitle } from '../model/duty-owners';
import { escapeHtml, messageHtml, safeAwsUrl } from './escape';
import type { ModelView } from './model-view';
import type { JsonDuty, JsonFile, JsonResource } from './report';
import { constructName } from '../cdk/construct-path';

/** One file shown in the view: its URI (for reveal), a label, and its report or why there is none. */
export interface ViewFile {
  uri: string;
  label: string;
  file: JsonFile | null;
  note?: string;
  /** A template of an AWS CDK cloud assembly (`cdk.out`): its stack's name from `manifest.json`. Template text. */
  cdkStack?: string;
}

export interface ViewInput {
  model: ModelView;
  mode: 'file' | 'workspace';
  /** The active file (file mode), or null when no editor is active. */
  active: ViewFile | null;
  /** The workspace scan (workspace mode): files so far, and progress while scanning. */
  workspace?: { files: ViewFile[]; scanning?: { done: number; total: number } } | null;
  /** A resource to bring into view and highlight (from a CodeLens or a hover link). */
  focus?: { uri: string; resourceId: string };
  nonce: string;
  cspSource: string;
}

const KIND_ORDER = ['infrastructure', 'container', 'managed', 'unknown'] as const;

function ownerLabel(o: string): string {
  return o === 'customer' ? l10n.t('You') : o === 'aws' ? l10n.t('AWS') : l10n.t('Shared');
}

function statusLabel(s: string): string {
  switch (s) {
    case 'met':
      return l10n.t('met');
    case 'gap':
      return l10n.t('gap');
    case 'unknown':
      return l10n.t('depends');
    default:
      return l10n.t('not checked');
  }
}

function kindHeading(kind: string): string {
  switch (kind) {
    case 'infrastructure':
      return l10n.t('Infrastructure services');
    case 'container':
      return l10n.t('Container services');
    case 'managed':
      return l10n.t('Managed services');
    default:
      return l10n.t('Not classified');
  }
}

function dutyName(id: string): string {
  return isDutyId(id) ? dutyTitle(id) : id;
}

/** The whole page (first render). Later updates replace only `#content` with `viewContentHtml`. */
export function viewHtml(input: ViewInput): string {
  const { nonce, cspSource } = input;
  const n = escapeHtml(nonce);
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource};`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(l10n.t('en'))}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(l10n.t('Responsibility model'))}</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(l10n.t('AWS Shared Responsibility Model'))}</h1>
<p class="lead">${l10n.t('AWS is responsible for security {0} the cloud; you are responsible for security {1} the cloud. Who owns what depends on the kind of service.', `<strong>${escapeHtml(l10n.t('of'))}</strong>`, `<strong>${escapeHtml(l10n.t('in'))}</strong>`)}</p>
</header>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(l10n.t('View options'))}">
<div class="tabs" role="tablist">
<button role="tab" id="tab-file" data-mode="file" aria-selected="${input.mode === 'file'}">${escapeHtml(l10n.t('This file'))}</button>
<button role="tab" id="tab-workspace" data-mode="workspace" aria-selected="${input.mode === 'workspace'}">${escapeHtml(l10n.t('Workspace'))}</button>
</div>
<label>${escapeHtml(l10n.t('Kind'))} <select id="f-kind">
<option value="">${escapeHtml(l10n.t('All kinds'))}</option>
${KIND_ORDER.map((k) => `<option value="${k}">${escapeHtml(kindHeading(k))}</option>`).join('')}
</select></label>
<label>${escapeHtml(l10n.t('Owner'))} <select id="f-owner">
<option value="">${escapeHtml(l10n.t('Everyone'))}</option>
<option value="customer">${escapeHtml(l10n.t('You'))}</option>
<option value="shared">${escapeHtml(l10n.t('Shared'))}</option>
<option value="aws">${escapeHtml(l10n.t('AWS'))}</option>
</select></label>
<label class="check"><input type="checkbox" id="f-gaps"> ${escapeHtml(l10n.t('Only gaps'))}</label>
<span class="spacer"></span>
<button id="scan" class="secondary">${escapeHtml(l10n.t('Scan workspace'))}</button>
<button id="export" class="secondary">${escapeHtml(l10n.t('Export Markdown'))}</button>
</div>
<main id="content" aria-live="polite">
${viewContentHtml(input)}
</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}

/** The part of the page that changes as you type or switch files: the resources and the model. */
export function viewContentHtml(input: ViewInput): string {
  const parts: string[] = [];
  parts.push(`<section aria-labelledby="res-h" data-mode="${input.mode}">`);
  if (input.mode === 'workspace') parts.push(workspaceHtml(input));
  else parts.push(activeHtml(input.active));
  parts.push('</section>');
  parts.push(`<section aria-labelledby="model-h"><h2 id="model-h">${escapeHtml(l10n.t('The model'))}</h2>${modelTable(input.model)}`);
  parts.push(
    `<p class="muted">${escapeHtml(l10n.t('† where this product is more precise than the seed model; hover or focus the cell for the note and its source.'))} ` +
      `${link(l10n.t('AWS Shared Responsibility Model'), input.model.source)}</p></section>`,
  );
  if (input.focus) parts.push(`<span hidden id="focus" data-uri="${escapeHtml(input.focus.uri)}" data-resource-id="${escapeHtml(input.focus.resourceId)}"></span>`);
  return parts.join('\n');
}

function link(text: string, url: string | undefined): string {
  const u = safeAwsUrl(url);
  return u ? `<a href="${escapeHtml(u)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function activeHtml(active: ViewFile | null): string {
  if (!active) return `<h2 id="res-h">${escapeHtml(l10n.t('This file'))}</h2><p class="muted">${escapeHtml(l10n.t('Open a CloudFormation or Terraform file to see its resources here.'))}</p>`;
  const head = `<h2 id="res-h">${escapeHtml(l10n.t('Resources in {0}', active.label))}</h2>`;
  if (!active.file) return `${head}<p class="muted">${escapeHtml(active.note ?? l10n.t('The active file is not a CloudFormation template or Terraform file.'))}</p>`;
  return head + fileSummary(active.file) + resourcesHtml(active, 3);
}

function workspaceHtml(input: ViewInput): string {
  const ws = input.workspace;
  const out: string[] = [`<h2 id="res-h">${escapeHtml(l10n.t('Templates in the workspace'))}</h2>`];
  if (!ws) {
    out.push(`<p class="muted">${escapeHtml(l10n.t('Not scanned yet. Choose “Scan workspace” to analyze every template.'))}</p>`);
    return out.join('');
  }
  if (ws.scanning) {
    const pct = ws.scanning.total ? Math.round((100 * ws.scanning.done) / ws.scanning.total) : 0;
    out.push(`<p class="progress"><progress max="${ws.scanning.total}" value="${ws.scanning.done}" aria-label="${escapeHtml(l10n.t('Scanning'))}"></progress> ${escapeHtml(l10n.t('Scanning {0} of {1} files ({2}%)…', ws.scanning.done, ws.scanning.total, pct))}</p>`);
  }
  const templates = ws.files.filter((f) => f.file && f.file.resources.length > 0);
  const resources = templates.reduce((n, f) => n + (f.file?.resources.length ?? 0), 0);
  const gaps = templates.reduce((n, f) => n + (f.file?.findings.length ?? 0), 0);
  out.push(`<p class="summary">${escapeHtml(l10n.t('{0} templates, {1} resources, {2} findings', templates.length, resources, gaps))}</p>`);
  if (templates.length === 0 && !ws.scanning) out.push(`<p class="muted">${escapeHtml(l10n.t('No CloudFormation or Terraform resources found.'))}</p>`);
  // Terraform reads a folder as one module: its files are shown together under the module.
  const modules = new Map<string, ViewFile[]>();
  for (const f of templates) {
    if (!isTerraformConfigLabel(f)) continue;
    const dir = folderOf(f.label);
    const list = modules.get(dir);
    if (list) list.push(f);
    else modules.set(dir, [f]);
  }
  const shown = new Set<string>();
  for (const f of templates) {
    if (!isTerraformConfigLabel(f)) {
      out.push(fileDetails(f));
      continue;
    }
    const dir = folderOf(f.label);
    if (shown.has(dir)) continue;
    shown.add(dir);
    const files = modules.get(dir) ?? [f];
    const res = files.reduce((n, x) => n + (x.file?.resources.length ?? 0), 0);
    const n = files.reduce((k, x) => k + (x.file?.findings.length ?? 0), 0);
    out.push(
      `<details class="module" open data-gaps="${n}"><summary><span class="path">${escapeHtml(l10n.t('Terraform module {0}', dir === '' ? './' : dir + '/'))}</span> ` +
        `<span class="count">${escapeHtml(files.length === 1 ? l10n.t('1 file') : l10n.t('{0} files', files.length))} · ${escapeHtml(l10n.t('{0} resources', res))}</span> ` +
        `<span class="badge ${n ? 'has' : ''}">${escapeHtml(n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n))}</span></summary>`,
    );
    for (const x of files) out.push(fileDetails(x));
    out.push('</details>');
  }
  return out.join('\n');
}

function fileDetails(f: ViewFile): string {
  const file = f.file as JsonFile;
  const n = file.findings.length;
  return (
    `<details class="file" open data-gaps="${n}"><summary><span class="path">${escapeHtml(f.label)}</span> ` +
    (f.cdkStack !== undefined ? `<span class="stack">${escapeHtml(l10n.t('CDK stack {0}', clip(f.cdkStack, 200)))}</span> ` : '') +
    `<span class="count">${escapeHtml(l10n.t('{0} resources', file.resources.length))}</span> ` +
    `<span class="badge ${n ? 'has' : ''}">${escapeHtml(n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n))}</span></summary>\n` +
    resourcesHtml(f, 4, true) +
    '\n</details>'
  );
}

/** A `.tf` / `.tf.json` file (a plan or a CloudFormation file is not part of a module). */
function isTerraformConfigLabel(f: ViewFile): boolean {
  const l = f.label.toLowerCase();
  return f.file?.language === 'terraform' && (l.endsWith('.tf') || l.endsWith('.tf.json'));
}

function folderOf(label: string): string {
  const i = label.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '' : label.slice(0, i);
}

function fileSummary(file: JsonFile): string {
  const byKind = new Map<string, number>();
  for (const r of file.resources) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  const kinds = KIND_ORDER.filter((k) => byKind.has(k)).map((k) => `${byKind.get(k)} ${escapeHtml(k === 'unknown' ? l10n.t('not classified') : k)}`);
  const n = file.findings.length;
  return `<p class="summary">${escapeHtml(file.resources.length === 1 ? l10n.t('1 resource') : l10n.t('{0} resources', file.resources.length))} · ` +
    `<span class="badge ${n ? 'has' : ''}">${escapeHtml(n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n))}</span>` +
    (kinds.length ? ` · ${kinds.join(', ')}` : '') + '</p>';
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

function dutyTip(d: JsonDuty): string {
  const team = teamLabel(d);
  const owner = ownerLabel(d.owner) + (team ? ` · ${l10n.t('team {0}', team)}` : '');
  if (d.status === 'met' && d.evidence) return l10n.t('{0} · met: {1}', owner, d.evidence);
  if (d.status === 'unknown' && d.dependsOn?.length) return l10n.t('{0} · depends on {1}', owner, d.dependsOn.slice(0, 3).join(', '));
  if (d.status === 'gap' && d.rules?.length) return l10n.t('{0} · gap found by {1}', owner, d.rules.join(', '));
  return `${owner} · ${statusLabel(d.status)}`;
}

/** "Network platform (#net-platform)": your team of a duty of yours (`owners:`), or '' — plain text, escaped where used. */
function teamLabel(d: JsonDuty): string {
  if (d.team === undefined || d.owner === 'aws') return '';
  return d.contact !== undefined ? `${clip(d.team, 100)} (${clip(d.contact, 100)})` : clip(d.team, 100);
}

/** The resource's teams, each with the duties it owns here: one line under its duty chips, or ''. */
function teamsHtml(r: JsonResource): string {
  const byTeam = groupBy(
    r.duties.filter((d) => teamLabel(d) !== ''),
    (d) => teamLabel(d),
  );
  if (byTeam.size === 0) return '';
  const items = [...byTeam].map(([team, ds]) => `<span class="team"><strong>${escapeHtml(team)}</strong>: ${escapeHtml(ds.map((d) => dutyName(d.duty)).join(', '))}</span>`);
  return `<div class="teams"><span class="muted">${escapeHtml(byTeam.size === 1 ? l10n.t('Your team:') : l10n.t('Your teams:'))}</span> ${items.join(' · ')}</div>`;
}

/** The construct a resource synthesized by the AWS CDK comes from ("CDK construct: MyStack/Bucket"), or ''. */
function cdkHtml(r: JsonResource): string {
  if (r.cdkPath === undefined) return '';
  return `<div class="cdk"><span class="muted">${escapeHtml(l10n.t('CDK construct:'))}</span> <code>${escapeHtml(clip(constructName(r.cdkPath), 200))}</code></div>`;
}

/** Items by key, in order (one pass: a file can hold 20,000 resources and 200,000 findings). */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

function resourcesHtml(vf: ViewFile, level: number, compact = false): string {
  const file = vf.file as JsonFile;
  if (file.resources.length === 0) return `<p class="muted">${escapeHtml(l10n.t('No resources in this file.'))}</p>`;
  const findingsBy = groupBy(file.findings, (f) => f.resource);
  const groups = groupBy(file.resources, (r) => r.kind);
  const out: string[] = [];
  for (const kind of KIND_ORDER) {
    const list = groups.get(kind);
    if (!list) continue;
    out.push(`<div class="group" data-kind="${kind}"><h${level} class="kind kind-${kind}"><span class="dot"></span>${escapeHtml(kindHeading(kind))} <span class="count">${list.length}</span></h${level}>`);
    out.push('<ul class="resources">');
    for (const r of list) {
      const fs = findingsBy.get(r.name) ?? [];
      const n = fs.length;
      const checked = r.duties.filter((d) => d.owner !== 'aws' && d.status !== 'not-applicable');
      const unchecked = r.duties.filter((d) => d.owner !== 'aws' && d.status === 'not-applicable').length;
      const aws = r.duties.filter((d) => d.owner === 'aws').length;
      const chips = checked
        .map((d) => {
          const state = d.status === 'unknown' && d.dependsOn?.length ? l10n.t('depends on {0}', clip(d.dependsOn[0], 50)) : statusLabel(d.status);
          return `<span class="chip st-${escapeHtml(d.status)}" data-owner="${escapeHtml(d.owner)}" title="${escapeHtml(dutyTip(d))}"><span class="ic" aria-hidden="true">${ICON[d.status] ?? '·'}</span>${escapeHtml(dutyName(d.duty))}: ${escapeHtml(state)}</span>`;
        })
        .join('');
      const rest =
        (unchecked ? `<span class="chip st-none" data-owner="customer" title="${escapeHtml(l10n.t('Your duties nothing in this file checks (data, access, client-side encryption…)'))}">${escapeHtml(l10n.t('+{0} yours, not checked', unchecked))}</span>` : '') +
        (aws ? `<span class="chip st-aws" data-owner="aws">${escapeHtml(l10n.t('AWS: {0} duties', aws))}</span>` : '');
      const label = l10n.t('{0}, {1}, {2} findings. Press Enter to reveal it in the editor.', r.name, r.type, n);
      const msgs = compact ? '' : fs.slice(0, 3).map((f) => `<li class="sev-${escapeHtml(f.severity)}">${messageHtml(f.message)}</li>`).join('');
      out.push(
        `<li class="res-item" data-kind="${escapeHtml(r.kind)}" data-gaps="${n}" data-uri="${escapeHtml(vf.uri)}" data-resource-id="${escapeHtml(r.name)}">` +
          `<button class="res" aria-label="${escapeHtml(label)}" data-uri="${escapeHtml(vf.uri)}" data-resource-id="${escapeHtml(r.name)}" data-line="${r.range.start.line}" data-character="${r.range.start.character}">` +
          `<span class="name">${escapeHtml(r.name)}</span><span class="type">${escapeHtml(r.type)}</span>` +
          `<span class="svc">${escapeHtml(r.service?.name ?? l10n.t('unknown service'))}</span>` +
          `<span class="badge ${n ? 'has' : ''}">${escapeHtml(n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n))}</span></button>` +
          `<div class="states">${chips}${rest}</div>` +
          cdkHtml(r) +
          teamsHtml(r) +
          (msgs ? `<ul class="msgs">${msgs}${n > 3 ? `<li class="muted">${escapeHtml(l10n.t('…and {0} more in the Problems panel', n - 3))}</li>` : ''}</ul>` : '') +
          `</li>`,
      );
    }
    out.push('</ul></div>');
  }
  return out.join('\n');
}

const ICON: Record<string, string> = { met: '✓', gap: '✗', unknown: '?', 'not-applicable': '·' };

function modelTable(model: ModelView): string {
  const head = model.kinds
    .map(
      (k) =>
        `<th scope="col" class="kcol" data-kind="${escapeHtml(k.id)}"><span class="kt"><span class="dot kind-${escapeHtml(k.id)}"></span>${escapeHtml(k.title)}</span>` +
        `<span class="eg">${escapeHtml(l10n.t('e.g. {0}', k.examples.join(', ')))}</span><span class="meaning">${escapeHtml(k.meaning)}</span></th>`,
    )
    .join('');
  let firstAws = true;
  const rows = model.duties
    .map((d, i) => {
      const allAws = model.kinds.every((k) => d.cells[k.id].owner === 'aws');
      const line = allAws && firstAws && i > 0;
      if (allAws) firstAws = false;
      const cells = model.kinds
        .map((k) => {
          const c = d.cells[k.id];
          const cls = `owner owner-${c.owner}`;
          if (!c.refinement) return `<td class="${cls}" data-kind="${k.id}" data-owner="${c.owner}">${escapeHtml(ownerLabel(c.owner))}</td>`;
          const id = `ref-${escapeHtml(d.id)}-${escapeHtml(k.id)}`;
          return (
            `<td class="${cls} refined" data-kind="${k.id}" data-owner="${c.owner}" tabindex="0" aria-describedby="${id}">${escapeHtml(ownerLabel(c.owner))}<span class="ref" aria-hidden="true">†</span>` +
            `<span class="tip" role="tooltip" id="${id}">${escapeHtml(c.refinement.note)} ${link(l10n.t('Source'), c.refinement.source)}</span></td>`
          );
        })
        .join('');
      return `<tr${line ? ' class="line"' : ''}><th scope="row"><span class="dt">${escapeHtml(d.title)}</span><span class="ds">${escapeHtml(d.summary)}</span></th>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="model"><caption class="sr">${escapeHtml(l10n.t('Who owns each duty, by kind of service'))}</caption><thead><tr><th scope="col">${escapeHtml(l10n.t('Duty'))}</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>` +
    `<p class="legend"><span class="sw owner-customer"></span>${escapeHtml(l10n.t('You'))} <span class="sw owner-shared"></span>${escapeHtml(l10n.t('Shared'))} <span class="sw owner-aws"></span>${escapeHtml(l10n.t('AWS'))} · ${escapeHtml(l10n.t('the thick line is where AWS’s duties begin for every kind'))}</p>`;
}

const STYLE = `
:root{--you:var(--vscode-charts-orange,#d18616);--aws:var(--vscode-charts-blue,#3794ff);--shared:var(--vscode-charts-purple,#b180d7);--ok:var(--vscode-testing-iconPassed,#73c991);--bad:var(--vscode-errorForeground,#f14c4c)}
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 20px 32px;line-height:1.45;max-width:1100px}
h1{font-size:1.35em;margin:14px 0 2px}h2{font-size:1.1em;margin:18px 0 8px;border-bottom:1px solid var(--vscode-panel-border,#8884);padding-bottom:4px}
h3,h4{font-size:1em;margin:12px 0 6px;display:flex;align-items:center;gap:6px}
.count{color:var(--vscode-descriptionForeground);font-weight:normal}
.lead,.muted{color:var(--vscode-descriptionForeground);margin:2px 0 8px}
.sr{position:absolute;left:-9999px}
a{color:var(--vscode-textLink-foreground)}a:focus-visible{outline:1px solid var(--vscode-focusBorder)}
.toolbar{display:flex;flex-wrap:wrap;gap:10px;align-items:center;position:sticky;top:0;z-index:2;background:var(--vscode-editor-background);padding:8px 0;border-bottom:1px solid var(--vscode-panel-border,#8884)}
.toolbar .spacer{flex:1}
.tabs{display:flex;border:1px solid var(--vscode-panel-border,#8884);border-radius:3px;overflow:hidden}
.tabs button{background:transparent;color:var(--vscode-foreground);border:0;padding:3px 10px;cursor:pointer;font:inherit}
.tabs button[aria-selected=true]{background:var(--vscode-button-background);color:var(--vscode-button-foreground)}
select{background:var(--vscode-dropdown-background);color:var(--vscode-dropdown-foreground);border:1px solid var(--vscode-dropdown-border,#8884);padding:2px 4px;font:inherit}
button.secondary{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground);border:0;padding:4px 10px;border-radius:2px;cursor:pointer;font:inherit}
button.secondary:hover{background:var(--vscode-button-secondaryHoverBackground)}
button:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible{outline:1px solid var(--vscode-focusBorder);outline-offset:1px}
.summary{margin:4px 0 8px}
.badge{white-space:nowrap;font-size:.9em;padding:0 6px;border-radius:9px;background:var(--vscode-badge-background);color:var(--vscode-badge-foreground)}
.badge.has{background:var(--bad);color:var(--vscode-editor-background)}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;background:var(--vscode-descriptionForeground)}
.kind-infrastructure .dot,.dot.kind-infrastructure{background:var(--you)}.kind-container .dot,.dot.kind-container{background:var(--shared)}.kind-managed .dot,.dot.kind-managed{background:var(--aws)}
ul.resources{list-style:none;padding:0;margin:0}
li.res-item{margin:0 0 6px;border:1px solid var(--vscode-panel-border,#8884);border-radius:4px;background:var(--vscode-editorWidget-background);padding:2px 0 4px}
li.res-item.focused{border-color:var(--vscode-focusBorder);box-shadow:0 0 0 1px var(--vscode-focusBorder)}
button.res{display:flex;gap:10px;align-items:baseline;width:100%;text-align:left;background:transparent;color:var(--vscode-foreground);border:0;padding:4px 8px;cursor:pointer;font:inherit}
button.res:hover{background:var(--vscode-list-hoverBackground)}
.name{font-weight:600}.type{font-family:var(--vscode-editor-font-family);font-size:.92em;color:var(--vscode-descriptionForeground)}
.svc{flex:1;color:var(--vscode-descriptionForeground);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.states{margin:0 8px;display:flex;flex-wrap:wrap;gap:4px}
.teams{margin:4px 8px 0;font-size:.9em}.teams .muted{margin:0}
.cdk{margin:4px 8px 0;font-size:.9em}.cdk .muted{margin:0}.cdk code{font-family:var(--vscode-editor-font-family);overflow-wrap:anywhere}
.stack{color:var(--vscode-descriptionForeground);font-size:.9em}
.chip{display:inline-flex;gap:4px;align-items:center;font-size:.85em;padding:0 7px;border-radius:9px;border:1px solid var(--vscode-panel-border,#8884)}
.chip .ic{font-weight:700}
.st-gap{border-color:var(--bad);color:var(--bad)}
.st-met{border-color:var(--ok)}.st-met .ic{color:var(--ok)}
.st-unknown{border-style:dashed}
.st-none,.st-aws{color:var(--vscode-descriptionForeground)}
.st-aws{border-color:color-mix(in srgb,var(--aws) 60%,transparent)}
ul.msgs{margin:4px 8px 2px 24px;padding:0;font-size:.9em;color:var(--vscode-descriptionForeground)}
ul.msgs code{font-family:var(--vscode-editor-font-family);color:var(--vscode-textPreformat-foreground)}
ul.msgs .sev-error::marker{color:var(--bad)}
details.file{margin:0 0 10px}details.file summary{cursor:pointer;padding:3px 0}
details.module{margin:0 0 12px;padding-left:6px;border-left:2px solid var(--vscode-panel-border,#8884)}details.module>summary{cursor:pointer;padding:3px 0;font-weight:600}details.module details.file{margin-left:12px}
.path{font-family:var(--vscode-editor-font-family)}
table.model{border-collapse:collapse;width:100%}
.model th,.model td{border:1px solid var(--vscode-panel-border,#8884);padding:4px 8px;text-align:left;vertical-align:top}
.model thead th{background:var(--vscode-editorWidget-background);font-weight:600}
.model .kt{display:flex;align-items:center;gap:6px}.model .eg,.model .meaning,.model .ds{display:block;font-weight:normal;font-size:.85em;color:var(--vscode-descriptionForeground)}
.model .meaning{margin-top:2px}
.model tr.line th,.model tr.line td{border-top:3px solid var(--vscode-foreground)}
td.owner{position:relative;font-weight:600;width:18%}
.owner-customer{background:color-mix(in srgb,var(--you) 24%,transparent)}
.owner-aws{background:color-mix(in srgb,var(--aws) 18%,transparent)}
.owner-shared{background:color-mix(in srgb,var(--shared) 24%,transparent)}
.ref{margin-left:4px;color:var(--vscode-textLink-foreground)}
td.refined{cursor:help}td.refined:focus-visible{outline:1px solid var(--vscode-focusBorder);outline-offset:-1px}
.tip{display:none;position:absolute;z-index:3;left:0;top:100%;width:320px;font-weight:normal;padding:6px 8px;background:var(--vscode-editorHoverWidget-background,var(--vscode-editorWidget-background));color:var(--vscode-editorHoverWidget-foreground,var(--vscode-foreground));border:1px solid var(--vscode-editorHoverWidget-border,var(--vscode-panel-border));border-radius:3px;box-shadow:0 2px 8px var(--vscode-widget-shadow,#0005)}
td.refined:hover .tip,td.refined:focus .tip,td.refined:focus-within .tip{display:block}
.model td.dim,.model th.dim{opacity:.35}
.legend{font-size:.9em;color:var(--vscode-descriptionForeground)}
.sw{display:inline-block;width:12px;height:12px;vertical-align:-2px;margin:0 3px 0 8px;border:1px solid var(--vscode-panel-border,#8884)}
.progress{display:flex;align-items:center;gap:8px}
[hidden]{display:none!important}
`;

/** Webview script: filters (kept in webview state), tabs, reveal, focus, export; content updates arrive as messages. */
const SCRIPT = `
(function(){
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ kind: '', owner: '', gaps: false }, vscode.getState() || {});
  const $ = (id) => document.getElementById(id);
  const kindSel = $('f-kind'), ownerSel = $('f-owner'), gapsBox = $('f-gaps');
  kindSel.value = state.kind; ownerSel.value = state.owner; gapsBox.checked = !!state.gaps;
  function save(){ state.kind = kindSel.value; state.owner = ownerSel.value; state.gaps = gapsBox.checked; vscode.setState(state); }
  function apply(){
    const k = state.kind, o = state.owner, g = state.gaps;
    document.querySelectorAll('li.res-item').forEach(function(li){
      li.hidden = (k && li.dataset.kind !== k) || (g && li.dataset.gaps === '0');
    });
    document.querySelectorAll('.group').forEach(function(gr){
      gr.hidden = !gr.querySelector('li.res-item:not([hidden])');
    });
    document.querySelectorAll('details.file, details.module').forEach(function(d){
      d.hidden = !d.querySelector('li.res-item:not([hidden])');
    });
    document.querySelectorAll('.chip').forEach(function(c){
      c.hidden = !!o && c.dataset.owner !== o;
    });
    document.querySelectorAll('.teams').forEach(function(t){ t.hidden = o === 'aws'; });
    document.querySelectorAll('.model td.owner').forEach(function(td){
      td.classList.toggle('dim', (!!k && td.dataset.kind !== k) || (!!o && td.dataset.owner !== o));
    });
    document.querySelectorAll('.model th.kcol').forEach(function(th){ th.classList.toggle('dim', !!k && th.dataset.kind !== k); });
  }
  function focusResource(){
    const f = $('focus');
    if (!f) return;
    document.querySelectorAll('li.res-item.focused').forEach(function(li){ li.classList.remove('focused'); });
    const items = document.querySelectorAll('li.res-item');
    for (let i = 0; i < items.length; i++) {
      const li = items[i];
      if (li.dataset.uri === f.dataset.uri && li.dataset.resourceId === f.dataset.resourceId) {
        li.classList.add('focused'); li.hidden = false;
        li.scrollIntoView({ block: 'center' });
        const b = li.querySelector('button.res'); if (b) b.focus({ preventScroll: true });
        break;
      }
    }
    f.remove();
  }
  [kindSel, ownerSel, gapsBox].forEach(function(el){ el.addEventListener('change', function(){ save(); apply(); }); });
  document.addEventListener('click', function(e){
    const t = e.target;
    const b = t.closest && t.closest('button.res');
    if (b) { vscode.postMessage({ type: 'reveal', uri: b.dataset.uri, id: b.dataset.resourceId, line: Number(b.dataset.line), character: Number(b.dataset.character) }); return; }
    const tab = t.closest && t.closest('[role=tab]');
    if (tab) {
      document.querySelectorAll('[role=tab]').forEach(function(x){ x.setAttribute('aria-selected', String(x === tab)); });
      vscode.postMessage({ type: 'mode', mode: tab.dataset.mode }); return;
    }
    if (t.id === 'scan') { vscode.postMessage({ type: 'scan' }); return; }
    if (t.id === 'export') { vscode.postMessage({ type: 'export', filters: { kind: state.kind, owner: state.owner, onlyGaps: state.gaps } }); return; }
  });
  document.querySelector('.tabs').addEventListener('keydown', function(e){
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const tabs = Array.prototype.slice.call(document.querySelectorAll('[role=tab]'));
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus(); next.click();
  });
  window.addEventListener('message', function(e){
    const m = e.data || {};
    if (m.type === 'update' && typeof m.html === 'string') {
      const y = window.scrollY;
      $('content').innerHTML = m.html;
      window.scrollTo(0, y);
      if (m.mode) document.querySelectorAll('[role=tab]').forEach(function(x){ x.setAttribute('aria-selected', String(x.dataset.mode === m.mode)); });
      apply(); focusResource();
    }
  });
  apply(); focusResource();
})();
`;
