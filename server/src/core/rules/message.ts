import { lookupResource } from '../catalog/resource-lookup';
import type { DutyId, Owner } from '../model/duties';
import { ownersFor } from '../model/duty-owners';
import type { Resource } from '../model/types';
import type { RuleContext } from './rule-api';

const DUTY_TITLES: Record<DutyId, string> = {
  'customer-data': 'Protecting customer data',
  'platform-and-application-management': 'Platform and application management',
  'identity-and-access-management': 'Identity and access management',
  'operating-system-configuration': 'Operating system configuration',
  'network-configuration': 'Network configuration',
  'firewall-configuration': 'Firewall configuration',
  'network-traffic-protection': 'Network traffic protection',
  'server-side-encryption': 'Server-side encryption',
  'client-side-encryption': 'Client-side encryption',
  'foundation-services': 'The foundation services',
  'global-infrastructure': 'The global infrastructure',
};

export function dutyName(duty: DutyId): string {
  return DUTY_TITLES[duty];
}

/** What quoteName must rewrite (a name without any of these is quoted as is). */
const UNSAFE_IN_NAME = /[`\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Backtick-quotes a template name for Markdown-ish messages; backticks inside cannot break out. */
export function quoteName(name: string): string {
  if (name.length <= 200 && !UNSAFE_IN_NAME.test(name)) return '`' + name + '`';
  return (
    '`' +
    name
      .replace(/`/g, "'")
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      // Bidirectional controls would make the name read differently from what it is.
      .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd')
      .slice(0, 200) +
    '`'
  );
}

/**
 * Who owns a duty for this resource under the model (its kind's table plus per-type/per-property refinements). Uses the
 * analysis's own lookup when the context has one: no cache outlives an analysis, so an edited parameter that changes a
 * refinement (e.g. the engine of an RDS instance) changes the owner named in messages at once.
 */
export function modelOwner(ctx: RuleContext, resource: Resource, duty: DutyId): Owner | undefined {
  try {
    const l = ctx.lookup ? ctx.lookup(resource) : lookupResource(resource, ctx.values, ctx.doc);
    if (l.status !== 'aws') return undefined;
    for (const o of ownersFor(l.kind, l.refinements)) if (o.duty === duty) return o.owner;
  } catch {
    // An unclassifiable resource keeps the customer wording.
  }
  return undefined;
}

/**
 * One sentence naming the duty, its owner, the service and kind, the resource, the problem and the fix:
 * "Server-side encryption is the customer's duty for Amazon EBS (infrastructure service): volume `Data` is not
 * encrypted — set `Encrypted: true`." Where the model gives the duty to AWS or shares it, the sentence says so and
 * names the customer's part (the setting at fault).
 */
export function gapMessage(ctx: RuleContext, resource: Resource, duty: DutyId, what: string, problem: string, fix: string): string {
  const d = ctx.describe(resource);
  const owner = modelOwner(ctx, resource, duty);
  const head =
    owner === 'aws'
      ? `${DUTY_TITLES[duty]} is AWS's duty for ${d.serviceName} (${d.kind} service), but this setting is the customer's`
      : owner === 'shared'
        ? `${DUTY_TITLES[duty]} is shared for ${d.serviceName} (${d.kind} service), and this setting is the customer's part`
        : `${DUTY_TITLES[duty]} is the customer's duty for ${d.serviceName} (${d.kind} service)`;
  return `${head}: ${what} ${quoteName(resource.name)} ${problem} — ${fix}.`;
}
