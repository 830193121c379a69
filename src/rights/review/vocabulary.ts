/**
 * The words a subject access review is recorded in: codes only, stored in clear (the caseworker's
 * own words are sealed). The exemptions are those a landlord can use to withhold an item from a
 * subject access response (uk-rules.md §1.3–1.4): DPA 2018 Sch. 2 (Parts 1, 2 and 4), Sch. 3
 * (health, social work, education and child abuse data, where disclosure would cause serious harm)
 * and Sch. 4 (disclosure prohibited by another enactment). Each is applied case by case, to the
 * extent disclosure would prejudice what it protects, never to whole categories.
 */

export interface Exemption {
  label: string;
  /** Where the law sets it out, as the person can look it up. */
  reference: string;
}

export const EXEMPTIONS = {
  'crime-and-taxation': {
    label: 'Crime and taxation',
    reference: 'DPA 2018 Sch. 2 para. 2',
  },
  'public-protection-functions': {
    label: 'Functions designed to protect the public',
    reference: 'DPA 2018 Sch. 2 para. 7',
  },
  'legal-professional-privilege': {
    label: 'Legal professional privilege',
    reference: 'DPA 2018 Sch. 2 para. 19',
  },
  'self-incrimination': {
    label: 'Self-incrimination',
    reference: 'DPA 2018 Sch. 2 para. 20',
  },
  'corporate-finance': {
    label: 'Corporate finance',
    reference: 'DPA 2018 Sch. 2 para. 21',
  },
  'management-forecasting': {
    label: 'Management forecasts and planning',
    reference: 'DPA 2018 Sch. 2 para. 22',
  },
  negotiations: {
    label: 'Negotiations with you',
    reference: 'DPA 2018 Sch. 2 para. 23',
  },
  'confidential-references': {
    label: 'Confidential references',
    reference: 'DPA 2018 Sch. 2 para. 24',
  },
  'third-party': {
    label: 'Information about another person',
    reference: 'DPA 2018 Sch. 2 para. 16',
  },
  'health-serious-harm': {
    label: 'Health information whose disclosure would be likely to cause serious harm',
    reference: 'DPA 2018 Sch. 3 Pt 2',
  },
  'social-work-serious-harm': {
    label: 'Social work information whose disclosure would be likely to cause serious harm',
    reference: 'DPA 2018 Sch. 3 Pt 3',
  },
  'education-serious-harm': {
    label: 'Education information whose disclosure would be likely to cause serious harm',
    reference: 'DPA 2018 Sch. 3 Pt 4',
  },
  'child-abuse-data': {
    label: 'Child abuse data not in the child’s best interests to disclose',
    reference: 'DPA 2018 Sch. 3 Pt 5',
  },
  'prohibited-by-enactment': {
    label: 'Disclosure prohibited or restricted by another law',
    reference: 'DPA 2018 Sch. 4',
  },
} as const satisfies Record<string, Exemption>;

export type ExemptionCode = keyof typeof EXEMPTIONS;
export const EXEMPTION_CODES = Object.keys(EXEMPTIONS) as ExemptionCode[];

/** Why a passage is redacted: another person's information, or an exemption applied to it. */
export type RedactionReason = ExemptionCode;
export const REDACTION_REASONS = EXEMPTION_CODES;

export const DECISIONS = ['accepted', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** How the requester's identity was established when no ID was asked for through the request. */
export const IDENTITY_METHODS = [
  'id-document',
  'portal-account',
  'known-contact-details',
  'in-person',
] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

export const REVIEW_STATUSES = ['open', 'complete', 'released', 'superseded'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ITEM_KINDS = ['record', 'document', 'disclosure'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Request statuses a pack may be released in: the work is under way (and the clock running). */
export const RELEASABLE_STATUSES = ['in-progress', 'extended'] as const;

/** Request statuses in which a review may be started: anything not yet finished. */
export const REVIEWABLE_STATUSES = [
  'received',
  'awaiting-id',
  'awaiting-authority',
  'awaiting-clarification',
  'in-progress',
  'extended',
] as const;

/** Why a release was refused: one code each, written to the audit log with the reason. */
export type ReleaseRefusal =
  | 'not-an-access-request'
  | 'review-incomplete'
  | 'already-released'
  | 'request-status'
  | 'identity-unverified'
  | 'no-authority'
  | 'changed-since-review';
