import { generateBigTerraform } from './generate-big';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { parseHcl } from '../../../server/src/core/parse/hcl/parser';
import { lex } from '../../../server/src/core/parse/hcl/lexer';
const t = generateBigTerraform(10000);
console.log('MB', (t.length / 1e6).toFixed(2));
for (let r = 0; r < 5; r++) {
  let s = performance.now(); lex(t); const l = performance.now() - s;
  s = performance.now(); parseHcl(t); const p = performance.now() - s;
  s = performance.now(); const d = parseTerraform(t); const f = performance.now() - s;
  console.log(`lex ${l.toFixed(0)}ms parseHcl ${p.toFixed(0)}ms parseTerraform ${f.toFixed(0)}ms ${(t.length / 1e6 / (f / 1000)).toFixed(1)} MB/s res=${d.resources.length} err=${d.syntaxErrors.length}`);
}
