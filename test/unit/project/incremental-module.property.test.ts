/**
 * A module analysed across edits of any of its files (and of the module it calls) equals a fresh project's analysis of
 * the same texts: per-resource results reused between edits never go stale when another file, a tfvars value or a
 * caller's argument changes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Analysis } from '../../../server/src/core/analyze';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'terraform-module');

/** The example module as an in-memory folder /w (its files and its called module's). */
function files(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}/${e.name}`);
      else out[`/w${rel}/${e.name}`] = fs.readFileSync(path.join(dir, e.name), 'utf8');
    }
  };
  walk(EXAMPLE, '');
  return out;
}

/** Spans as offsets (JSON writes an anchored span, model/anchor.ts, as its start and end). */
function summary(a: Analysis | undefined): unknown {
  if (!a) return null;
  return JSON.parse(JSON.stringify({
    resources: a.resources.map((r) => [r.resource.id, r.resource.typeSpan, r.kind, r.duties.map((d) => d.status), (r.instances ?? []).length]),
    findings: a.findings.map((f) => [f.ruleId, f.span, f.message, f.severity, f.resource, f.at?.id]),
    errors: a.doc.syntaxErrors.map((e) => [e.span, e.message]),
    modules: (a.modules ?? []).map((m) => [m.address, m.note, m.instances.map((i) => i.analysis.resources.map((r) => [r.resource.id, r.duties.map((d) => d.status)]))]),
  }));
}

const edit = fc.record({
  file: fc.nat(),
  told: fc.boolean(),
  at: fc.nat(),
  del: fc.nat({ max: 10 }),
  ins: fc.array(fc.constantFrom('a', ' ', '\n', '"', '{', '}', '=', 'true', 'false', 'var.', 'count = 2\n', 'encrypt_volumes = true\n', 'keep_versions = true', '\nmodule "more" {\n  source = "./modules/bucket"\n}\n', 'module'), { maxLength: 3 }).map((xs) => xs.join('')),
});

describe('a module across edits', () => {
  it('equals a fresh analysis of the same texts, for every file, after random edits to any file', () => {
    const base = files();
    const paths = Object.keys(base).filter((p) => /\.(tf|tfvars)$/.test(p)).sort();
    const analysed = paths.filter((p) => p.endsWith('.tf'));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        const texts = { ...base };
        const project = new TerraformProject({ fs: memoryFs(base) });
        project.indexDirs(['/w', '/w/modules/bucket']);
        for (const p of analysed) project.analyzeFile(p);
        for (const e of edits) {
          const p = paths[e.file % paths.length];
          const t = texts[p];
          const at = e.at % (t.length + 1);
          texts[p] = t.slice(0, at) + e.ins + t.slice(at + e.del);
          // As the editor does: the edited file is open with its new text, and the server says what changed (once
          // the file is open: the change is relative to its open text; or not, at random).
          const told = e.told && project.files.isOpen(p) ? { start: at, oldEnd: Math.min(t.length, at + e.del), text: e.ins } : undefined;
          project.files.setOverlay(p, texts[p], told);
          const fresh = new TerraformProject({ fs: memoryFs(texts) });
          fresh.indexDirs(['/w', '/w/modules/bucket']);
          for (const q of analysed) assert.deepEqual(summary(project.analyzeFile(q)), summary(fresh.analyzeFile(q)), `${q} after editing ${p}`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
