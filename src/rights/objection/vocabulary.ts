/** The words an objection (UK GDPR Art. 21) is recorded in: codes only, stored in clear. */
import type { Activity, LawfulBasis } from '../../manifest/schema.ts';

/** What the processing objected to relies on; the right is absolute only for direct marketing. */
export const OBJECTION_GROUNDS = [
  'legitimate-interests',
  'recognised-legitimate-interest',
  'public-task',
  'direct-marketing',
] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];

export const OBJECTION_STATUSES = ['upheld', 'overridden', 'withdrawn'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** Art. 21(1): what lets processing go on despite an objection (never for direct marketing). */
export const OVERRIDE_CODES = ['compelling-legitimate-grounds', 'legal-claims'] as const;
export type OverrideCode = (typeof OVERRIDE_CODES)[number];

const OBJECTABLE: readonly LawfulBasis['basis'][] = [
  'legitimate-interests',
  'recognised-legitimate-interest',
  'public-task',
];

/** The ground on which a person may object to an activity, or undefined if the right does not apply. */
export function groundFor(activity: Activity): ObjectionGround | undefined {
  if (activity.directMarketing) return 'direct-marketing';
  return activity.lawfulBases.map((b) => b.basis).find((b) => OBJECTABLE.includes(b)) as
    ObjectionGround | undefined;
}
