import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

test('data/catalog.json equals a fresh derivation from the spec, the committed snapshot and names_data.hcl', async () => {
  const namesData = path.resolve(REPO, '..', 'shared', 'data', 'terraform-provider-aws', 'names_data.hcl');
  assert.ok(fs.existsSync(namesData), `names_data.hcl missing at ${namesData}`);
  const { loadInputs } = (await import('../../../scripts/catalog/inputs.mjs')) as { loadInputs: () => unknown };
  const { deriveCatalog } = (await import('../../../scripts/catalog/derive.mjs')) as {
    deriveCatalog: (i: unknown) => { catalog: unknown; unmapped: string[] };
  };
  const { catalog, unmapped } = deriveCatalog(loadInputs());
  assert.deepEqual(unmapped, []);
  const committed = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'catalog.json'), 'utf8'));
  assert.deepEqual(catalog, committed, 'data/catalog.json is stale: run node scripts/generate-catalog.mjs --from-snapshot');
});

test('names_data.hcl reader handles its HCL subset and rejects what it cannot read', async () => {
  const { parseHcl, readNamesData } = (await import('../../../scripts/catalog/names-data.mjs')) as {
    parseHcl: (t: string) => unknown;
    readNamesData: (t: string) => { id: string; actual?: string; aliases: string[]; notImplemented: boolean; parent?: string }[];
  };
  const services = readNamesData(`// c\nservice "x" {\n  names {\n    aliases = ["a", "b"]\n  }\n  resource_prefix {\n    actual  = "aws_(x_|y\\\\b)"\n    correct = "aws_x_"\n  }\n  not_implemented = true\n  sub_service "y" {\n  }\n}\n`);
  assert.deepEqual(services.map((s) => s.id), ['x', 'y']);
  assert.equal(services[0].actual, 'aws_(x_|y\\b)');
  assert.deepEqual(services[0].aliases, ['a', 'b']);
  assert.equal(services[0].notImplemented, true);
  assert.equal(services[1].parent, 'x');
  assert.throws(() => parseHcl('service "x" {\n  ??? \n}'));
});
