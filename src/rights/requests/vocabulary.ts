/** The words a rights request is described by: codes only, stored in clear. */
export const RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'portability',
  'automated-decision',
  'withdraw-consent',
] as const;
export type Right = (typeof RIGHTS)[number];

export const CHANNELS = ['portal', 'phone', 'email', 'letter', 'in-person', 'representative'] as const;
export type RequestChannel = (typeof CHANNELS)[number];

export const STATUSES = [
  'received',
  'awaiting-id',
  'awaiting-authority',
  'awaiting-clarification',
  'in-progress',
  'extended',
  'completed',
  'refused',
  'withdrawn',
  'closed',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

export const REFUSAL_REASONS = [
  'manifestly-unfounded',
  'manifestly-excessive',
  'exemption',
  'identity-not-verified',
  'no-authority',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Statuses in which the statutory clock is running: the ones the due-soon and overdue lists show. */
export const RUNNING_STATUSES: readonly RequestStatus[] = ['received', 'in-progress', 'extended'];
