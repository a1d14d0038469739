/**
 * Writes docs/rules/<rule-id>.md and docs/rules/README.md from the rule registry and the test fixtures (the failing
 * and passing snippets are the examples). Run: `node --import tsx test/unit/rules/gen-docs.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DUTIES, type DutyId } from '../../../server/src/core/model/duties';
import { dutyTitle, ownersFor, type DutyOwner } from '../../../server/src/core/model/duty-owners';
import { lookupType } from '../../../server/src/core/catalog/catalog';
import { RULES } from '../../../server/src/core/rules';
import type { Rule } from '../../../server/src/core/rules/rule-api';
import { CASES } from './fixtures';
import { RULE_WHY } from '../../../server/src/core/rules/rule-docs';
import { complianceOf } from '../../../server/src/core/rules/compliance';

/** The index section for checks outside the rule registry (their pages are hand-written). */
const META = `

| Id | Default severity | What |
|---|---|---|
| [\`unknown-resource-type\`](unknown-resource-type.md) | warning | The type looks like AWS but is in no catalog ("did you mean …" with a quick fix) |
| [\`suppression-missing-reason\`](suppression-missing-reason.md) | warning | A suppression without a reason does not apply |
| [\`unused-suppression\`](unused-suppression.md) | information | A suppression that suppresses nothing |
| [\`unknown-rule-in-suppression\`](unknown-rule-in-suppression.md) | warning | A suppression names a rule that does not exist |
| [\`invalid-suppression\`](invalid-suppression.md) | warning | A malformed CloudFormation \`Metadata\` suppression |
`;

const OUT = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');

/** Why each rule exists, and what the model says about the owner: data/rule-docs.json (SARIF help and the hover read it too). */
const WHY: Readonly<Record<string, string>> = RULE_WHY;

/** Indents HCL by brace depth (fixtures are written flat). */
function indentHcl(text: string): string {
  let depth = 0;
  return text
    .split('\n')
    .map((l) => {
      const t = l.trim();
      if (t.startsWith('}')) depth = Math.max(0, depth - 1);
      const out = '  '.repeat(depth) + t;
      if (t.endsWith('{') || t.endsWith('<<EOF')) depth += t.endsWith('{') ? 1 : 0;
      return out;
    })
    .join('\n');
}

function block(lang: string, text: string | undefined): string {
  if (text && lang === 'hcl') text = indentHcl(text);
  return text ? '```' + lang + '\n' + text.replace(/^Parameters:\n  P:\n    Type: String\n/, '').replace(/^variable "p" \{\}\n/, '').trimEnd() + '\n```\n' : '';
}

/** The Security Hub controls and CIS items the rule corresponds to (data/compliance.json), with the pages that say so. */
function complianceSection(id: string): string {
  const c = complianceOf(id);
  const lines: string[] = ['## Compliance references', ''];
  if (c.fsbp.length === 0 && c.cis.length === 0) lines.push(`No AWS Security Hub FSBP control or CIS AWS Foundations Benchmark item checks this.${c.note ? ` ${c.note}` : ''}`);
  else {
    if (c.fsbp.length > 0) lines.push(`- **AWS Security Hub, Foundational Security Best Practices:** ${c.fsbp.map((x) => `\`${x}\``).join(', ')}`);
    if (c.cis.length > 0) lines.push(`- **CIS AWS Foundations Benchmark:** ${c.cis.map((x) => `v${x.version} ${x.item}${x.control ? ` (${x.control})` : ''}`).join(', ')}`);
    if (c.note) lines.push(`- ${c.note}`);
    lines.push(`- Sources: ${c.source.join(', ')}`);
  }
  lines.push('', '');
  return lines.join('\n');
}

/** Who owns the rule's duty for each type it covers (the type's refinements, no property values), grouped by statement. */
function ownersSection(r: Rule): string {
  const groups = new Map<string, string[]>();
  const add = (language: 'cloudformation' | 'terraform', type: string): void => {
    const l = lookupType({ language, type, mode: 'resource' });
    if (l.status !== 'aws') return;
    const o = ownersFor(l.kind, l.refinements).find((x) => x.duty === r.duty) as DutyOwner;
    const ref = o.refinement;
    const who = o.owner === 'customer' ? 'yours' : o.owner === 'aws' ? "AWS's by default (a gap is your switch on it: reported as your part of a shared duty)" : 'shared';
    const parts = ref?.aws && ref.customer ? ` — ${ref.aws}; ${ref.customer}` : ref && o.owner !== 'customer' ? ` — ${ref.note}` : '';
    const src = ref ? ` ([source](${ref.source}))` : '';
    const key = `${l.service.name}, ${l.kind} service: **${who}**${parts}${src}`;
    groups.set(key, [...(groups.get(key) ?? []), `\`${type}\``]);
  };
  for (const t of r.cloudformationTypes) add('cloudformation', t);
  for (const t of r.terraformTypes) add('terraform', t);
  const lines = ['## Who owns the duty', '', 'Per resource type, under the model (a property value can refine it further; the hover and the JSON report say so):', ''];
  for (const [k, types] of groups) lines.push(`- ${types.join(', ')} — ${k}`);
  lines.push('', 'The message ends with the duty and your part of it, e.g. `(network traffic protection · shared: you choose …)`; JSON and SARIF carry `duty` and `owner`.', '', '');
  return lines.join('\n');
}

function page(r: Rule): string {
  const c = CASES.find((x) => x.rule === r.id);
  const types = [...r.cloudformationTypes.map((t) => `\`${t}\``), ...r.terraformTypes.map((t) => `\`${t}\``)].join(', ');
  const props = [...(r.properties?.cloudformation ?? []).map((p) => p.join('.')), ...(r.properties?.terraform ?? []).map((p) => p.join('.'))];
  return `# ${r.id}: ${r.title}

- **Duty:** ${dutyTitle(r.duty)} (\`${r.duty}\`)
- **Owner of the setting:** ${r.owner}
- **Default severity:** ${r.defaultSeverity}
- **Resource types:** ${types}
- **Properties read:** ${props.length > 0 ? [...new Set(props)].map((p) => `\`${p}\``).join(', ') : 'none of its own (met by a separate resource that refers to it)'}
- **AWS source:** ${r.docUrl}

## What it checks and why

${WHY[r.id] ?? r.title + '.'}

Values the file does not decide (a parameter without default, \`var.x\` without default, an attribute of another
resource, a \`dynamic\` block) are never reported: the duty shows as *unknown* with what it depends on.

${ownersSection(r)}${complianceSection(r.id)}## How to fix

Failing:

${block('yaml', c?.cfn?.fail)}${block('hcl', c?.tf?.fail)}
Passing:

${block('yaml', c?.cfn?.pass ?? c?.cfn?.linked)}${block('hcl', c?.tf?.pass ?? c?.tf?.linked)}
## How to suppress

- A comment on the line above the resource (or the property): \`# aws-responsibility-ignore ${r.id}: <reason>\`
- CloudFormation resource metadata:

\`\`\`yaml
Metadata:
  aws-responsibility:
    ignore:
      - rule: ${r.id}
        reason: <why this is accepted>
\`\`\`

- Or change the severity / turn the rule off for a workspace: \`"awsResponsibility.rules": { "${r.id}": "off" }\`.

Source: ${r.docUrl}
`;
}

fs.mkdirSync(OUT, { recursive: true });
for (const r of RULES) fs.writeFileSync(path.join(OUT, `${r.id}.md`), page(r));
const byDuty = new Map<DutyId, Rule[]>();
for (const r of RULES) byDuty.set(r.duty, [...(byDuty.get(r.duty) ?? []), r]);
let index = `# Rules

Every rule checks one customer-side setting of the AWS Shared Responsibility Model and names the duty it serves.
Severity: **error** = internet exposure or full administrator access; **warning** = a customer duty not met;
**information** = recommended hardening, or a customer switch on a duty the model gives to AWS.

`;
for (const d of DUTIES) {
  const rs = byDuty.get(d);
  if (!rs) continue;
  index += `## ${dutyTitle(d)} (\`${d}\`)\n\n| Rule | Default severity | Title |\n|---|---|---|\n`;
  for (const r of rs) index += `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${r.title} |\n`;
  index += '\n';
}
// Checks that are not rules of the registry (catalog and suppression checks) have hand-written pages.
index += `## Checks that are not about a duty${META}`;
fs.writeFileSync(path.join(OUT, 'README.md'), index.replace(/\n+$/, '\n'));
console.log(`wrote ${RULES.length} rule pages`);

