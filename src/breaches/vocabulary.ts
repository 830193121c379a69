/**
 * The words of the breach register, with the law behind them (uk-rules.md §3): what kind of
 * incident, how likely and how severe the harm, the decisions to tell the ICO and the people
 * affected, and the exceptions Art. 34(3) allows.
 */

export const BREACH_KINDS = ['breach', 'near-miss'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** Confidentiality (disclosed), integrity (altered), availability (lost or locked away). */
export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

export const LIKELIHOODS = ['remote', 'possible', 'likely'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const SEVERITIES = ['minimal', 'significant', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** unlikely: no report needed (Art. 33(1)); risk: tell the ICO; high: tell the people too (Art. 34(1)). */
export const RISK_LEVELS = ['unlikely', 'risk', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ICO_DECISIONS = ['notify', 'not-notify'] as const;
export type IcoDecision = (typeof ICO_DECISIONS)[number];

export const PEOPLE_DECISIONS = ['notify', 'not-notify', 'public-communication'] as const;
export type PeopleDecision = (typeof PEOPLE_DECISIONS)[number];

/** Art. 34(3): when people at high risk need not be told one by one. */
export const PEOPLE_EXCEPTIONS = {
  unintelligible:
    'Art. 34(3)(a): the data was unintelligible to anyone not authorised, e.g. encrypted with the key safe',
  'risk-no-longer-likely': 'Art. 34(3)(b): measures taken since mean the high risk is no longer likely',
  'disproportionate-effort':
    'Art. 34(3)(c): telling each person would need disproportionate effort, so a public communication is made instead',
} as const;
export type PeopleException = keyof typeof PEOPLE_EXCEPTIONS;
export const PEOPLE_EXCEPTION_IDS = Object.keys(PEOPLE_EXCEPTIONS) as PeopleException[];

export const ACTION_KINDS = ['containment', 'recovery', 'prevention', 'lesson'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Who is told what, and by when: the two clocks. */
export const REPORT_TARGETS = ['ico', 'core'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** The activity breaches are handled under, where the manifest declares it (docs/breaches.md). */
export const BREACH_ACTIVITY = 'data-breaches';

/** reported: a suspected breach a member of staff reported, for the DPO to triage into the register. */
export const BREACH_STATUSES = ['reported', 'open', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];
