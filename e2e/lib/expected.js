// Ground truth for the workbench tests: runs the product's own CLI (`scan --format json <file>`) and normalizes
// its JSON into { findings:[{message, ruleId, line, severity}], resources:[{id, type, kind, line, service}] },
// so assertions follow whatever the analysis actually reports instead of hard-coded texts.
// Hand-written shape-tolerant walk (why: the CLI's JSON layout is owned by another module and may evolve).
'use strict';
const path = require('path');
const { spawnSync } = require('node:child_process');

function runCli(cli, file) {
  // ELECTRON_RUN_AS_NODE: inside a VS Code (Electron) extension host process.execPath is Electron, not node.
  const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', file],
    { encoding: 'utf8', timeout: 30000, maxBuffer: 64 << 20, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (r.error) throw new Error(`CLI failed to start: ${r.error.message}`);
  // exit 0 = clean, 1 = findings; anything else is a crash
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI exited ${r.status}: ${(r.stderr || '').slice(0, 500)}`);
  let json;
  try { json = JSON.parse(r.stdout); } catch (e) { throw new Error(`CLI output is not JSON: ${r.stdout.slice(0, 300)}`); }
  // The report of that file only: the CLI also scans the local modules a Terraform file calls (their own files).
  const own = Array.isArray(json.files) ? json.files.filter((f) => f && typeof f.path === 'string' && path.resolve(f.path) === path.resolve(file)) : [];
  return normalize(own.length > 0 ? { ...json, files: own } : json);
}

const str = (v) => (typeof v === 'string' ? v : undefined);
const num = (v) => (typeof v === 'number' ? v : undefined);
/** 1-based line of a finding/resource: `line` as given, or an LSP-style 0-based `range.start.line` + 1. */
function lineOf(o) {
  if (num(o.line) !== undefined) return o.line;
  const zero = [o.range && o.range.start && o.range.start.line, o.start && o.start.line];
  for (const c of zero) if (num(c) !== undefined) return c + 1;
  return undefined;
}

function normalize(json) {
  const findings = [], resources = [];
  const seen = new Set();
  (function walk(v, key) {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { for (const x of v) walk(x, key); return; }
    if (str(v.message) && (str(v.ruleId) || str(v.rule) || str(v.code) || str(v.id))) {
      findings.push({ message: v.message, ruleId: str(v.ruleId) || str(v.rule) || str(v.code) || str(v.id),
        severity: str(v.severity), line: lineOf(v), resource: str(v.resource) || str(v.resourceId) || str(v.logicalId), raw: v });
      return;
    }
    const type = str(v.type) || str(v.resourceType);
    const id = str(v.logicalId) || str(v.name) || str(v.address) || str(v.id);
    if (type && id && /^(AWS::|aws_)/.test(type) && /resources?/i.test(String(key))) {
      const svc = v.service && typeof v.service === 'object' ? (str(v.service.fullName) || str(v.service.name)) : str(v.service);
      resources.push({ id, type, kind: str(v.kind) || (v.service && str(v.service.kind)), line: lineOf(v), service: svc || str(v.serviceName), raw: v });
    }
    for (const [k, x] of Object.entries(v)) walk(x, Array.isArray(v) ? key : k);
  })(json, '');
  return { findings, resources, json };
}

module.exports = { runCli, normalize };
