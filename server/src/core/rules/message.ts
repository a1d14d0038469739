import type { DutyId } from '../model/duties';
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

/** Backtick-quotes a template name for Markdown-ish messages; backticks inside cannot break out. */
export function quoteName(name: string): string {
  return '`' + name.replace(/`/g, "'").replace(/[\r\n]+/g, ' ').slice(0, 200) + '`';
}

/**
 * One sentence naming the duty, its owner, the service and kind, the resource, the problem and the fix:
 * "Server-side encryption is the customer's duty for Amazon EBS (infrastructure service): volume `Data` is not
 * encrypted — set `Encrypted: true`."
 */
export function gapMessage(ctx: RuleContext, resource: Resource, duty: DutyId, what: string, problem: string, fix: string): string {
  const d = ctx.describe(resource);
  return `${DUTY_TITLES[duty]} is the customer's duty for ${d.serviceName} (${d.kind} service): ${what} ${quoteName(resource.name)} ${problem} — ${fix}.`;
}
