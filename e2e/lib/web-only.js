// Writes a web-only variant of an extension folder (the installed VSIX, or the repo in dev mode) into OUT: its
// package.json without "main" and with `extensionKind: ["web"]`, and only what the browser entry needs — no
// dist/client.js, dist/server.js or dist/cli.js. VS Code can then run it only in the web worker extension host, from
// its "browser" bundle. Usage: node web-only.js <extension dir> <out dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [src, out] = process.argv.slice(2);
if (!src || !out) { console.error('usage: node web-only.js <extension dir> <out dir>'); process.exit(2); }
const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
if (typeof pkg.browser !== 'string') { console.error(`${src}/package.json has no "browser" entry`); process.exit(1); }
const browser = path.join(src, pkg.browser);
if (!fs.existsSync(browser)) { console.error(`the browser entry ${browser} does not exist (build first)`); process.exit(1); }
delete pkg.main;
pkg.extensionKind = ['web'];
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2));
// What the VSIX ships besides the Node bundles (contributions read files: grammar, nls, l10n, rule pages).
const copy = [path.dirname(pkg.browser), 'syntaxes', 'docs/rules', 'l10n', 'images', 'README.md', 'LICENSE', 'NOTICE'];
for (const f of fs.readdirSync(src)) if (/^package\.nls(\.[\w-]+)?\.json$/.test(f)) copy.push(f);
for (const rel of copy) {
  const from = path.join(src, rel);
  if (!fs.existsSync(from)) continue;
  fs.cpSync(from, path.join(out, rel), { recursive: true, filter: (p) => !p.endsWith('.map') });
}
for (const forbidden of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) {
  if (fs.existsSync(path.join(out, forbidden))) { console.error(`${forbidden} was copied into the web-only variant`); process.exit(1); }
}
console.log(`${out}: ${pkg.publisher}.${pkg.name} with only "browser": "${pkg.browser}" (${(fs.statSync(path.join(out, pkg.browser)).size / 1024).toFixed(0)} KiB), extensionKind ["web"]`);
