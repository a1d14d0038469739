/** The Shared Responsibility Model's vocabulary: kinds of service, duties, owners. */
export const KINDS = ['infrastructure', 'container', 'managed'] as const;
export type Kind = (typeof KINDS)[number];

/** Duty ids in the order the seed draws them (customer-side rows first, AWS foundation last). */
export const DUTIES = [
  'customer-data',
  'platform-and-application-management',
  'identity-and-access-management',
  'operating-system-configuration',
  'network-configuration',
  'firewall-configuration',
  'network-traffic-protection',
  'server-side-encryption',
  'client-side-encryption',
  'foundation-services',
  'global-infrastructure',
] as const;
export type DutyId = (typeof DUTIES)[number];

export type Owner = 'customer' | 'aws' | 'shared';

/** A duty's state for one resource in one file (JSON `status`). */
export type DutyStatus = 'met' | 'gap' | 'unknown' | 'not-applicable';

export function isDutyId(s: string): s is DutyId {
  return (DUTIES as readonly string[]).includes(s);
}

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}
