import { lookupResource } from '../catalog/resource-lookup';
import { cdkPathOf, constructName } from '../cdk/construct-path';
import type { DutyId, Owner } from '../model/duties';
import { customerPart, gapOwner, ownersFor, type DutyOwner } from '../model/duty-owners';
import type { Resource } from '../model/types';
import type { RuleContext } from './rule-api';

/** Duty names as the short tail of a message reads them: "(firewall configuration · yours)". */
const DUTY_NAMES: Record<DutyId, string> = {
  'customer-data': 'customer data',
  'platform-and-application-management': 'platform and application management',
  'identity-and-access-management': 'identity and access management',
  'operating-system-configuration': 'operating system configuration',
  'network-configuration': 'network configuration',
  'firewall-configuration': 'firewall configuration',
  'network-traffic-protection': 'network traffic protection',
  'server-side-encryption': 'server-side encryption',
  'client-side-encryption': 'client-side encryption',
  'foundation-services': 'foundation services',
  'global-infrastructure': 'global infrastructure',
};

/** The duty's name in a message tail ("network traffic protection"). */
export function dutyName(duty: DutyId): string {
  return DUTY_NAMES[duty];
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
 * Who owns a duty for this resource under the model (its kind's table plus per-type/per-property refinements), with the
 * refinement that says so. Uses the analysis's own lookup when the context has one: no cache outlives an analysis, so an
 * edited parameter that changes a refinement (e.g. the engine of an RDS instance) changes the owner named at once.
 */
export function modelDuty(ctx: RuleContext, resource: Resource, duty: DutyId): DutyOwner | undefined {
  try {
    const l = ctx.lookup ? ctx.lookup(resource) : lookupResource(resource, ctx.values, ctx.doc);
    if (l.status !== 'aws') return undefined;
    const owners = ownersFor(l.kind, l.refinements);
    for (let i = 0; i < owners.length; i++) if (owners[i].duty === duty) return owners[i];
  } catch {
    // An unclassifiable resource keeps the customer wording.
  }
  return undefined;
}

/** The owner of a duty for this resource under the model (see modelDuty). */
export function modelOwner(ctx: RuleContext, resource: Resource, duty: DutyId): Owner | undefined {
  return modelDuty(ctx, resource, duty)?.owner;
}

/**
 * The short tail naming the duty and whose part the setting at fault is: "firewall configuration · yours", or for a
 * shared duty the customer's part, "network traffic protection · shared: you choose the listener protocol, …". A duty
 * the model gives to AWS is never named AWS's here: the rule flags a setting of yours (see gapOwner).
 */
export function ownershipTail(duty: DutyId, o: DutyOwner | undefined): string {
  const owner = o ? gapOwner(o) : undefined;
  if (!owner || owner.owner === 'customer') return `${DUTY_NAMES[duty]} · yours`;
  const part = customerPart(owner);
  return part ? `${DUTY_NAMES[duty]} · shared: ${part}` : `${DUTY_NAMES[duty]} · shared`;
}

/**
 * A gap's message, problem first: what is wrong, on what, the fix, then the duty and whose part it is —
 * "Volume `Data` is not encrypted — set `Encrypted: true` (server-side encryption · yours)". `what` names the kind of
 * resource ("volume"), `problem` what is wrong with it ("is not encrypted").
 */
export function gapMessage(ctx: RuleContext, resource: Resource, duty: DutyId, what: string, problem: string, fix: string): string {
  return gapSentence(ctx, resource, duty, `${capitalize(what)} ${quoteName(resource.name)} ${problem}`, fix);
}

/**
 * A gap's message from a lead of the rule's own ("Port 22 (SSH) open to 0.0.0.0/0 on security group `Web`"). A resource
 * synthesized by the AWS CDK ends the tail with its construct: "(firewall configuration · yours · CDK `MyStack/Web`)".
 */
export function gapSentence(ctx: RuleContext, resource: Resource, duty: DutyId, lead: string, fix: string): string {
  return `${lead} — ${fix} (${ownershipTail(duty, modelDuty(ctx, resource, duty))}${cdkTail(resource)})`;
}

/** " · CDK `MyStack/Bucket`" for a resource with a construct path (`Metadata: aws:cdk:path`), else ''. */
export function cdkTail(resource: Resource): string {
  const p = cdkPathOf(resource);
  return p === undefined ? '' : ` · CDK ${quoteName(constructName(p))}`;
}

/** The first letter in upper case (a message's lead). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
