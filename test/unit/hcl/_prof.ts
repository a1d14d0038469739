import { generateBigTerraform } from './generate-big';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
const t = generateBigTerraform(10000);
for (let r = 0; r < 5; r++) { const s = performance.now(); parseTerraform(t); console.log(performance.now() - s); }
