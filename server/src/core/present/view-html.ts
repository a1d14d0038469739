/**
 * The "Show responsibility model" view as an HTML page: the model table and the active file's resources grouped by kind.
 * Pure: the client passes a nonce and its CSP source; every value from a template is HTML-escaped here.
 */
import type { JsonFile, JsonResource } from './report';
import type { ModelView } from './model-view';
import { escapeHtml } from './escape';

export interface ViewInput {
  model: ModelView;
  /** The active file's report, or null when the active editor holds no template. */
  file: JsonFile | null;
  fileLabel: string | null;
  /** Why the file is not shown (not a template, too large...). */
  note?: string;
  nonce: string;
  cspSource: string;
}

const OWNER_LABEL = { customer: 'You', aws: 'AWS', shared: 'Shared' } as const;
const STATUS_LABEL: Record<string, string> = { met: 'met', gap: 'gap', unknown: 'depends', 'not-applicable': '—' };
const KIND_ORDER = ['infrastructure', 'container', 'managed', 'unknown'];

export function viewHtml(input: ViewInput): string {
  const { model, file, nonce, cspSource } = input;
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource};`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Responsibility model</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<header><h1>AWS Shared Responsibility Model</h1>
<p class="lead">AWS is responsible for security <strong>of</strong> the cloud; you are responsible for security <strong>in</strong> the cloud. Who owns what depends on the kind of service.</p></header>
<section aria-labelledby="file-h">
<h2 id="file-h">${file ? `Resources in ${escapeHtml(input.fileLabel ?? file.path)}` : 'This file'}</h2>
${file ? resourcesHtml(file) : `<p class="muted">${escapeHtml(input.note ?? 'Open a CloudFormation or Terraform file to see its resources here.')}</p>`}
</section>
<section aria-labelledby="model-h">
<h2 id="model-h">The model</h2>
${modelTable(model)}
<p class="muted">† where this product is more precise than the seed model; hover the cell for the note and source.</p>
</section>
<script nonce="${escapeHtml(nonce)}">${SCRIPT}</script>
</body>
</html>`;
}

function modelTable(model: ModelView): string {
  const head = model.kinds.map((k) => `<th scope="col" title="${escapeHtml(k.meaning)}">${escapeHtml(k.title)}</th>`).join('');
  const rows = model.duties
    .map((d) => {
      const cells = model.kinds
        .map((k) => {
          const c = d.cells[k.id];
          const mark = c.refinement ? '<span class="ref" aria-label="refined">†</span>' : '';
          const title = c.refinement ? ` title="${escapeHtml(c.refinement.note)}"` : '';
          return `<td class="owner owner-${c.owner}"${title}>${OWNER_LABEL[c.owner]}${mark}</td>`;
        })
        .join('');
      return `<tr><th scope="row" title="${escapeHtml(d.summary)}">${escapeHtml(d.title)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="model"><thead><tr><th scope="col">Duty</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function resourcesHtml(file: JsonFile): string {
  if (file.resources.length === 0) return '<p class="muted">No resources in this file.</p>';
  const findingsBy = new Map<string, number>();
  for (const f of file.findings) findingsBy.set(f.resource, (findingsBy.get(f.resource) ?? 0) + 1);
  const groups = new Map<string, JsonResource[]>();
  for (const r of file.resources) {
    const list = groups.get(r.kind) ?? [];
    list.push(r);
    groups.set(r.kind, list);
  }
  const out: string[] = [];
  for (const kind of KIND_ORDER) {
    const list = groups.get(kind);
    if (!list) continue;
    out.push(`<h3 class="kind kind-${kind}">${escapeHtml(kind === 'unknown' ? 'Not classified' : kind[0].toUpperCase() + kind.slice(1) + ' services')} <span class="count">${list.length}</span></h3>`);
    out.push('<ul class="resources">');
    for (const r of list) {
      const n = findingsBy.get(r.name) ?? 0;
      const you = r.duties.filter((d) => d.owner !== 'aws');
      const states = you
        .filter((d) => d.status !== 'not-applicable')
        .map((d) => `<span class="chip st-${escapeHtml(d.status)}" title="${escapeHtml(d.duty)}">${escapeHtml(d.duty.replace(/-/g, ' '))}: ${escapeHtml(STATUS_LABEL[d.status] ?? d.status)}</span>`)
        .join(' ');
      out.push(
        `<li><button class="res" data-resource-id="${escapeHtml(r.name)}" data-kind="${escapeHtml(r.kind)}" data-line="${r.range.start.line}" data-character="${r.range.start.character}">` +
          `<span class="name">${escapeHtml(r.name)}</span> <span class="type">${escapeHtml(r.type)}</span>` +
          `<span class="svc">${escapeHtml(r.service?.name ?? 'unknown service')}</span>` +
          `<span class="findings ${n ? 'has' : ''}">${n} finding${n === 1 ? '' : 's'}</span></button>` +
          (states ? `<div class="states">${states}</div>` : '') +
          `</li>`,
      );
    }
    out.push('</ul>');
  }
  return out.join('\n');
}

const STYLE = `
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 24px;line-height:1.45}
h1{font-size:1.4em;margin:16px 0 4px}h2{font-size:1.15em;margin:20px 0 8px;border-bottom:1px solid var(--vscode-panel-border);padding-bottom:4px}
h3{font-size:1em;margin:14px 0 6px}.count{color:var(--vscode-descriptionForeground);font-weight:normal}
.lead,.muted{color:var(--vscode-descriptionForeground)}
table.model{border-collapse:collapse;width:100%;max-width:900px}
.model th,.model td{border:1px solid var(--vscode-panel-border);padding:4px 8px;text-align:left}
.model thead th{background:var(--vscode-editorWidget-background)}
.owner-customer{background:color-mix(in srgb,var(--vscode-charts-orange) 22%,transparent)}
.owner-aws{background:color-mix(in srgb,var(--vscode-charts-blue) 18%,transparent)}
.owner-shared{background:color-mix(in srgb,var(--vscode-charts-purple) 20%,transparent)}
.ref{margin-left:4px;color:var(--vscode-textLink-foreground)}
ul.resources{list-style:none;padding:0;margin:0}
ul.resources li{margin:0 0 6px}
button.res{display:flex;gap:10px;align-items:baseline;width:100%;text-align:left;background:var(--vscode-editorWidget-background);color:var(--vscode-foreground);border:1px solid var(--vscode-panel-border);border-radius:3px;padding:5px 8px;cursor:pointer;font:inherit}
button.res:hover{background:var(--vscode-list-hoverBackground)}
button.res:focus-visible{outline:1px solid var(--vscode-focusBorder);outline-offset:1px}
.name{font-weight:600}.type{font-family:var(--vscode-editor-font-family);color:var(--vscode-descriptionForeground)}
.svc{flex:1;color:var(--vscode-descriptionForeground)}
.findings{white-space:nowrap}.findings.has{color:var(--vscode-errorForeground);font-weight:600}
.states{margin:3px 0 0 8px}
.chip{display:inline-block;font-size:.85em;padding:0 6px;margin:2px 4px 0 0;border-radius:8px;border:1px solid var(--vscode-panel-border)}
.st-gap{border-color:var(--vscode-errorForeground);color:var(--vscode-errorForeground)}
.st-met{border-color:var(--vscode-testing-iconPassed,green)}
.st-unknown{border-style:dashed}
`;

const SCRIPT = `
(function(){
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function(e){
    const b = e.target.closest('button.res');
    if (!b) return;
    vscode.postMessage({ type: 'reveal', id: b.dataset.resourceId, line: Number(b.dataset.line), character: Number(b.dataset.character) });
  });
})();
`;
