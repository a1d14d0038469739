import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/document';
import { applyEdits } from '../../../server/src/core/fix';
import { applySuppressions, removeSuppressionEdits } from '../../../server/src/core/suppress';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('remove unused Metadata suppression on real templates', () => {
  it('an entry added under `Type:` of real resources is removed back to the original text, byte for byte', () => {
    assert.ok(fs.existsSync(CORPUS), `corpus missing: ${CORPUS}`);
    let tried = 0;
    let withMetadata = 0;
    const failures: string[] = [];
    for (const file of yamlFiles(CORPUS)) {
      const text = fs.readFileSync(file, 'utf8');
      const doc = analyzeText(file, text).doc;
      if (!doc.isTemplate || doc.syntaxErrors.length > 0) continue;
      for (const [i, r] of doc.resources.entries()) {
        const ls = text.lastIndexOf('\n', r.typeSpan.start - 1) + 1;
        const nl = text.indexOf('\n', r.typeSpan.start);
        if (nl < 0 || text.slice(ls, r.typeSpan.start).trim() !== 'Type:') continue;
        const md = r.definition?.entries.find((e) => e.key === 'Metadata');
        const ind = /^ */.exec(text.slice(ls))![0];
        const rule = r.type === 'AWS::EC2::Volume' ? 'rds-storage-encryption' : 'ebs-volume-encryption';
        // Two shapes: a new Metadata holding only the entry (it all goes), or the entry added to a new `aws-responsibility` of an existing Metadata.
        const variants: [number, string][] = [];
        if (!md && i < 4) variants.push([nl + 1, `${ind}Metadata:\n${ind}  aws-responsibility:\n${ind}    ignore:\n${ind}      - rule: ${rule}\n${ind}        reason: test\n`]);
        else if (md && md.value.type === 'map' && md.value.entries.length > 0 && text[md.value.span.start] !== '{') {
          const first = md.value.entries[0].keySpan.start;
          const fls = text.lastIndexOf('\n', first - 1) + 1;
          const mind = text.slice(fls, first);
          if (/^ +$/.test(mind)) variants.push([fls, `${mind}aws-responsibility:\n${mind}  ignore: [{rule: ${rule}, reason: test}]\n`]);
        }
        for (const [at, ins] of variants) {
          const t2 = text.slice(0, at) + ins + text.slice(at);
          const a2 = analyzeText(file, t2);
          const unused = applySuppressions(a2, t2).findings.filter((f) => f.ruleId === 'unused-suppression' && t2.slice(f.span.start, f.span.end) === rule);
          if (unused.length !== 1) continue;
          tried++;
          if (md) withMetadata++;
          const out = applyEdits(t2, removeSuppressionEdits(t2, a2.doc, unused[0].span));
          if (out !== text) failures.push(`${path.relative(CORPUS, file)} ${r.id}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(tried > 300, `only ${tried} resources tried`);
    assert.ok(withMetadata > 5, `only ${withMetadata} existing Metadata tried`);
  });
});
