// The extension's manifest as users of vscode-eslint / vscode-yaml / vscode-terraform expect it: settings described in
// Markdown, enum values described, rule ids of `awsResponsibility.rules` generated from the rule registry (never out of
// date), the `.aws-responsibility.yaml` schema accepting and rejecting what the parser does, the walkthrough, the icon
// and what the VSIX ships.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../../server/src/core/config/config-file';
import { RULE_SETTINGS } from '../../../server/src/core/config/severity';
import { RULES } from '../../../server/src/core/rules';
import { UNKNOWN_TYPE_RULE } from '../../../server/src/core/analyze';
import { SUPPRESSION_RULES } from '../../../server/src/core/suppress/apply';
import { configSchema, generated, ruleInfos, RULES_SETTING, SCHEMA_PATH } from '../../../scripts/gen-manifest';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface SettingSchema {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  scope?: string;
  properties?: Record<string, SettingSchema>;
  additionalProperties?: SettingSchema | boolean;
}
interface Walkthrough {
  id: string;
  title: string;
  steps: { id: string; title: string; description: string; media: { markdown?: string; image?: string; altText?: string } }[];
}
interface Manifest {
  icon?: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
  homepage?: string;
  activationEvents: string[];
  capabilities: { virtualWorkspaces: { supported: boolean | string; description?: string }; untrustedWorkspaces: { supported: boolean | string } };
  contributes: {
    configuration: { properties: Record<string, SettingSchema> };
    commands: { command: string; title: string }[];
    languages: { id: string; extensions?: string[] }[];
    grammars: { language: string; scopeName: string }[];
    yamlValidation?: { fileMatch: string | string[]; url: string }[];
    walkthroughs?: Walkthrough[];
  };
}

const pkg = JSON.parse(read('package.json')) as Manifest;
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
/** A manifest string with its `%key%` placeholder resolved. */
const text = (s: string | undefined): string | undefined => {
  const m = s === undefined ? null : /^%(.+)%$/.exec(s);
  return m ? nls[m[1]] : s;
};
const settings = pkg.contributes.configuration.properties;

/** Every schema with an `enum` below `s` (the setting itself, rule properties, additionalProperties). */
function enums(name: string, s: SettingSchema, out: [string, SettingSchema][] = []): [string, SettingSchema][] {
  if (s.enum) out.push([name, s]);
  for (const [k, p] of Object.entries(s.properties ?? {})) enums(`${name}.${k}`, p, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') enums(`${name}.*`, s.additionalProperties, out);
  return out;
}

describe('manifest: settings', () => {
  it('every awsResponsibility.* setting has a Markdown description, and no plain one', () => {
    const names = Object.keys(settings);
    assert.ok(names.length >= 5, names.join(', '));
    for (const name of names) {
      assert.ok(name.startsWith('awsResponsibility.'), name);
      const md = text(settings[name].markdownDescription);
      assert.ok(typeof md === 'string' && md.trim().length > 20, `${name} has no markdownDescription (or its %key% is missing in package.nls.json)`);
      assert.equal(settings[name].description, undefined, `${name}: a plain description next to the Markdown one`);
    }
  });

  it('every enum, at every depth, has one description per value', () => {
    let n = 0;
    for (const [name, s] of Object.entries(settings)) {
      for (const [where, e] of enums(name, s)) {
        n++;
        assert.ok(Array.isArray(e.enumDescriptions), `${where} has no enumDescriptions`);
        assert.equal(e.enumDescriptions.length, e.enum?.length, `${where}: ${e.enumDescriptions.length} descriptions for ${e.enum?.length} values`);
        for (const d of e.enumDescriptions) assert.ok((text(d) ?? '').trim().length > 0, `${where}: an empty enum description (${d})`);
      }
    }
    assert.ok(n > RULES.length, `${n} enums`);
  });

  it('settings that may differ per folder are resource-scoped; the trace is per window', () => {
    for (const name of ['awsResponsibility.enable', 'awsResponsibility.rules', 'awsResponsibility.maxFileSizeMB', 'awsResponsibility.codeLens.enabled']) {
      assert.equal(settings[name]?.scope, 'resource', name);
    }
    assert.equal(settings['awsResponsibility.trace.server']?.scope, 'window');
  });

  it('awsResponsibility.rules completes every rule id of the registry, the catalog check and the suppression checks', () => {
    const rules = settings[RULES_SETTING];
    const ids = Object.keys(rules.properties ?? {});
    const expected = [...RULES.map((r) => r.id), UNKNOWN_TYPE_RULE, ...SUPPRESSION_RULES];
    assert.deepEqual(ids, expected, 'package.json differs from the rule registry: run `npm run manifest`');
    for (const r of RULES) {
      const p = rules.properties?.[r.id];
      assert.ok(p?.markdownDescription?.includes(r.title), `${r.id}: the description does not carry the title "${r.title}"`);
      assert.ok(p?.markdownDescription?.includes(`\`${r.defaultSeverity}\``), `${r.id}: the description does not give the default severity`);
      assert.deepEqual(p?.enum, [...RULE_SETTINGS], r.id);
    }
    // An id the registry does not know (a newer or older version's) is still a valid key: the server ignores it.
    assert.ok(typeof rules.additionalProperties === 'object' && rules.additionalProperties.enum?.length === RULE_SETTINGS.length);
    // Every id has a rule page (the titles of the non-registry checks come from it).
    for (const r of ruleInfos()) assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md`);
  });

  it('package.json and the schema are what scripts/gen-manifest.ts generates (run `npm run manifest` after adding a rule)', () => {
    for (const [rel, want] of Object.entries(generated())) assert.ok(read(rel) === want, `${rel} is out of date: run npm run manifest`);
  });
});

describe('manifest: contributions', () => {
  it('contributes the schema to the Red Hat YAML extension for both file names', () => {
    const v = pkg.contributes.yamlValidation ?? [];
    assert.equal(v.length, 1);
    const match = ([] as string[]).concat(v[0].fileMatch);
    assert.deepEqual(match.sort(), ['.aws-responsibility.yaml', '.aws-responsibility.yml']);
    assert.equal(path.normalize(v[0].url), path.normalize(`./${SCHEMA_PATH}`));
    assert.ok(fs.existsSync(path.join(ROOT, SCHEMA_PATH)));
  });

  it('a walkthrough of 3-4 steps, each with its Markdown and a command the extension or VS Code has', () => {
    const w = pkg.contributes.walkthroughs ?? [];
    assert.equal(w.length, 1);
    assert.ok(text(w[0].title));
    assert.ok(w[0].steps.length >= 3 && w[0].steps.length <= 4, `${w[0].steps.length} steps`);
    const ours = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const s of w[0].steps) {
      assert.ok(text(s.title), `${s.id}: title`);
      const d = text(s.description) ?? '';
      assert.ok(d.length > 20, `${s.id}: description`);
      assert.ok(s.media.markdown && fs.existsSync(path.join(ROOT, s.media.markdown)), `${s.id}: media ${s.media.markdown}`);
      for (const [, cmd] of d.matchAll(/\(command:([A-Za-z0-9_.]+)/g)) {
        assert.ok(ours.has(cmd) || cmd.startsWith('workbench.'), `${s.id} links an unknown command ${cmd}`);
      }
    }
  });

  it('commands: Restart language server, every command titled and categorized', () => {
    const restart = pkg.contributes.commands.find((c) => c.command === 'awsResponsibility.restartServer');
    assert.equal(text(restart?.title), 'Restart language server');
    for (const c of pkg.contributes.commands) assert.ok(text(c.title), c.command);
  });

  it('icon (128x128 PNG), repository, bugs, homepage, CHANGELOG', () => {
    assert.equal(pkg.icon, 'images/icon.png');
    const png = fs.readFileSync(path.join(ROOT, 'images', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.match(pkg.repository?.url ?? '', /^https:\/\/github\.com\/.+\.git$/);
    assert.ok(pkg.bugs?.url.startsWith(pkg.repository?.url.replace(/\.git$/, '') ?? '?'));
    assert.ok(pkg.homepage);
    assert.match(read('CHANGELOG.md'), /^# Changelog/);
  });

  it('.vscodeignore ships the icon, the schema, the walkthrough, the CHANGELOG', () => {
    const lines = read('.vscodeignore').split('\n').map((l) => l.trim());
    assert.equal(lines[0], '**', 'everything is excluded unless listed');
    const shipped = (rel: string): boolean =>
      lines.some((l) => l.startsWith('!') && new RegExp(`^${l.slice(1).replace(/[.]/g, '\\.').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`).test(rel));
    for (const rel of ['images/icon.png', SCHEMA_PATH, 'CHANGELOG.md', ...(pkg.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media.markdown ?? ''))]) {
      assert.ok(shipped(rel), `${rel} is not in the VSIX`);
    }
  });

  it('capabilities are stated, and no grammar fights HashiCorp\'s: .tfvars stay theirs when installed', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.virtualWorkspaces.description);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    // Our `terraform` grammar has its own scope name (never HashiCorp's source.hcl.terraform); `terraform-vars`,
    // HashiCorp's language id for .tfvars, is only read, never contributed.
    for (const g of pkg.contributes.grammars) assert.notEqual(g.scopeName, 'source.hcl.terraform');
    assert.ok(!pkg.contributes.languages.some((l) => l.id === 'terraform-vars'));
    assert.ok(pkg.activationEvents.includes('onLanguage:terraform-vars'));
  });
});

describe('schema of .aws-responsibility.yaml against the parser', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(configSchema());

  const teamOf201 = 'x'.repeat(201);
  const VALID: Record<string, string> = {
    'empty file': '',
    'a comment only': '# nothing yet\n',
    'rules': 'rules:\n  s3-versioning: off\n  ebs-volume-encryption: error\n  unknown-resource-type: hint\n  unused-suppression: information\n',
    'an unknown rule id (a warning only)': 'rules:\n  no-such-rule: warning\n',
    'empty maps and lists': 'rules: {}\nignorePaths: []\nkinds: {}\nowners: []\n',
    'ignorePaths': 'ignorePaths: [ "test/fixtures/**", "**/*.generated.yaml" ]\n',
    'kinds by type and service': 'kinds:\n  AWS::EKS::Nodegroup: infrastructure\n  ec2: container\n  s3: managed\n',
    'an unknown kind key (a warning only)': 'kinds:\n  not-a-service: managed\n',
    'the README example': 'rules:\n  s3-versioning: off\n  ebs-volume-encryption: error\nignorePaths: [ "test/fixtures/**" ]\nkinds:\n  AWS::EKS::Nodegroup: infrastructure\nowners:\n  - duty: firewall-configuration\n    team: Network platform\n',
    'owners with every key': 'owners:\n  - duty: server-side-encryption\n    team: Storage\n    contact: "#storage"\n    kinds: [infrastructure, container]\n    services: [ec2, rds]\n    types: ["AWS::EC2::*", aws_ebs_volume]\n    paths: ["services/payments/**"]\n',
    'a single string for a list': 'owners:\n  - duty: customer-data\n    team: Data\n    kinds: managed\n    paths: "data/**"\n',
    'a duty AWS owns (a warning only)': 'owners:\n  - duty: foundation-services\n    team: Nobody\n',
    'a team of 200 characters': `owners:\n  - duty: customer-data\n    team: ${'x'.repeat(200)}\n`,
    'an account setting assumed': 'assume:\n  ebsEncryptionByDefault: true\n',
    'an empty assume': 'assume: {}\n',
  };
  const INVALID: Record<string, string> = {
    'a list at the top': '- rules\n- kinds\n',
    'a scalar at the top': 'just text\n',
    'an unknown top-level key': 'rule:\n  s3-versioning: off\n',
    'rules as a list': 'rules: [s3-versioning]\n',
    'rules with no value': 'rules:\n',
    'an unknown severity': 'rules:\n  s3-versioning: maybe\n',
    'a boolean severity': 'rules:\n  s3-versioning: true\n',
    'a rule with no value': 'rules:\n  s3-versioning:\n',
    'ignorePaths as a string': 'ignorePaths: "test/**"\n',
    'an empty glob': 'ignorePaths: [""]\n',
    'a blank glob': 'ignorePaths: ["   "]\n',
    'a number as a glob': 'ignorePaths: [42]\n',
    'an unknown kind': 'kinds:\n  ec2: serverless\n',
    'kinds as a list': 'kinds: [ec2]\n',
    'owners as a mapping': 'owners:\n  duty: customer-data\n',
    'an owners entry that is a string': 'owners:\n  - customer-data\n',
    'an entry without team': 'owners:\n  - duty: customer-data\n',
    'an entry without duty': 'owners:\n  - team: Data\n',
    'an unknown duty': 'owners:\n  - duty: customer-datum\n    team: Data\n',
    'a misspelt narrowing key': 'owners:\n  - duty: customer-data\n    team: Data\n    path: ["x/**"]\n',
    'a blank team': 'owners:\n  - duty: customer-data\n    team: "   "\n',
    'a team of 201 characters': `owners:\n  - duty: customer-data\n    team: ${teamOf201}\n`,
    'a team on two lines': 'owners:\n  - duty: customer-data\n    team: "Data\\nPlatform"\n',
    'a team with a bidirectional control': 'owners:\n  - duty: customer-data\n    team: "Data\\u202ePlatform"\n',
    'a number as team': 'owners:\n  - duty: customer-data\n    team: 42\n',
    'an unknown assumed setting': 'assume:\n  s3BlockPublicAccess: true\n',
    'an assumed setting that is not a boolean': 'assume:\n  ebsEncryptionByDefault: "yes"\n',
    'assume as a list': 'assume: [ebsEncryptionByDefault]\n',
    'an empty contact': 'owners:\n  - duty: customer-data\n    team: Data\n    contact:\n',
    'an empty list': 'owners:\n  - duty: customer-data\n    team: Data\n    kinds: []\n',
    'an unknown kind in owners': 'owners:\n  - duty: customer-data\n    team: Data\n    kinds: [serverless]\n',
    'an empty service': 'owners:\n  - duty: customer-data\n    team: Data\n    services: [""]\n',
    'a mapping as types': 'owners:\n  - duty: customer-data\n    team: Data\n    types: { a: b }\n',
    'a type of 257 characters': `owners:\n  - duty: customer-data\n    team: Data\n    types: ["${'t'.repeat(257)}"]\n`,
    'more than 100 items in a list': `owners:\n  - duty: customer-data\n    team: Data\n    services: [${Array.from({ length: 101 }, (_, i) => `s${i}`).join(', ')}]\n`,
  };

  const parserAccepts = (yaml: string): { ok: boolean; errors: string[] } => {
    const errors = parseConfig(yaml).errors.filter((e) => e.level === 'error').map((e) => e.message);
    return { ok: errors.length === 0, errors };
  };
  const schemaAccepts = (yaml: string): { ok: boolean; errors: string } => {
    const ok = validate(parseYaml(yaml)) === true;
    return { ok, errors: ajv.errorsText(validate.errors) };
  };

  for (const [name, yaml] of Object.entries(VALID)) {
    it(`both accept: ${name}`, () => {
      const p = parserAccepts(yaml);
      assert.ok(p.ok, `the parser rejects it: ${p.errors.join('; ')}`);
      const s = schemaAccepts(yaml);
      assert.ok(s.ok, `the schema rejects it: ${s.errors}`);
    });
  }
  for (const [name, yaml] of Object.entries(INVALID)) {
    it(`both reject: ${name}`, () => {
      assert.equal(parserAccepts(yaml).ok, false, 'the parser accepts it');
      assert.equal(schemaAccepts(yaml).ok, false, 'the schema accepts it');
    });
  }

  it('the schema lists the same top-level keys and rule ids as the parser reads', () => {
    const schema = configSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(schema.properties), ['rules', 'ignorePaths', 'kinds', 'owners', 'assume']);
    for (const k of Object.keys(schema.properties)) assert.ok(!/Unknown key/.test(parseConfig(`${k}: ${k === 'rules' || k === 'kinds' ? '{}' : '[]'}\n`).errors.map((e) => e.message).join()), k);
    assert.ok(parseConfig('other: 1\n').errors.some((e) => /Unknown key/.test(e.message)));
    assert.deepEqual(Object.keys(schema.properties.rules.properties ?? {}), ruleInfos().map((r) => r.id));
    // Every rule id the schema completes is one the parser knows (no "Unknown rule" warning).
    const all = `rules:\n${ruleInfos().map((r) => `  ${r.id}: off`).join('\n')}\n`;
    assert.deepEqual(parseConfig(all).errors, []);
  });
});
