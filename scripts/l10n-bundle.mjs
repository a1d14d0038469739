// Adds every literal `l10n.t('…')` message of the presentation files to l10n/bundle.l10n.json (English = the key),
// keeping existing entries; the localization test lists the same files. `node scripts/l10n-bundle.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { L10N_SOURCES as FILES } from './l10n-sources.mjs';

const BUNDLE = 'l10n/bundle.l10n.json';
const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8'));
let added = 0;
for (const f of FILES) {
  const src = readFileSync(f, 'utf8');
  for (const m of src.matchAll(/\bl10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) {
    const msg = m[2].replace(/\\(.)/g, '$1');
    if (!(msg in bundle)) {
      bundle[msg] = msg;
      added++;
    }
  }
}
const sorted = Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(BUNDLE, JSON.stringify(sorted, null, 2) + '\n');
console.log(`${added} message(s) added to ${BUNDLE}`);
