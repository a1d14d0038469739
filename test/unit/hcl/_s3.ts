import * as fs from 'fs'; import * as path from 'path';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
const root = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus', 'terraform');
const files: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (e.name.endsWith('.tf')) files.push(p); } };
walk(root);
let errs = 0, res = 0;
for (const f of files) { const t = fs.readFileSync(f, 'utf8'); const d = parseTerraform(t); res += d.resources.length;
  for (const e of d.syntaxErrors) { errs++; const line = t.slice(0, e.span.start).split('\n').length; console.log(path.relative(root, f) + ':' + line, e.message, JSON.stringify(t.slice(e.span.start - 30, e.span.end + 30))); } }
console.log(files.length, 'files', res, 'resources', errs, 'errors');
