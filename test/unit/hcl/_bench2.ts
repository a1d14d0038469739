import { generateBigTerraform } from './generate-big';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { parseHcl } from '../../../server/src/core/parse/hcl/parser';
import { lex } from '../../../server/src/core/parse/hcl/lexer';
const t = generateBigTerraform(10000);
const cpu = (f: () => void) => { const a = process.cpuUsage(); f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1000; };
for (let r = 0; r < 6; r++) {
  const l = cpu(() => lex(t)); const p = cpu(() => parseHcl(t)); const f = cpu(() => parseTerraform(t));
  console.log(`cpu: lex ${l.toFixed(0)} parseHcl ${p.toFixed(0)} parseTerraform ${f.toFixed(0)} ms -> ${(t.length / 1e6 / (f / 1000)).toFixed(1)} MB/s`);
}
