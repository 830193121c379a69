/**
 * The words an erasure decision is made in: a fixed list of reasons to erase (UK GDPR Art. 17(1))
 * and to keep (Art. 17(3), and the retention schedule), each with the law it rests on and the
 * sentence the person is told. Codes are stored in clear; the sentences are built from them.
 */

export const ERASE_REASONS = {
  'no-longer-necessary': {
    article: 'Article 17(1)(a)',
    label: 'No longer needed',
    told: 'We no longer need it for the reason we collected it, so we will delete it.',
  },
  'consent-withdrawn': {
    article: 'Article 17(1)(b)',
    label: 'Consent withdrawn',
    told: 'We held it only because you agreed to it. You have withdrawn that agreement, so we will delete it.',
  },
  objection: {
    article: 'Article 17(1)(c)',
    label: 'Objection with no overriding grounds',
    told: 'We held it for our legitimate interests. You have asked us to stop and we have no overriding reason to keep it, so we will delete it.',
  },
  unlawful: {
    article: 'Article 17(1)(d)',
    label: 'Processed unlawfully',
    told: 'We should not have held it, so we will delete it.',
  },
  'legal-duty-to-erase': {
    article: 'Article 17(1)(e)',
    label: 'The law requires erasure',
    told: 'The law requires us to delete it, so we will.',
  },
  'child-online-service': {
    article: 'Article 17(1)(f)',
    label: 'Collected from a child for an online service',
    told: 'It was collected when you were a child for an online service, so we will delete it.',
  },
} as const;
export type EraseReason = keyof typeof ERASE_REASONS;
export const ERASE_REASON_CODES = Object.keys(ERASE_REASONS) as EraseReason[];

export const KEEP_REASONS = {
  'legal-obligation': {
    article: 'Article 17(3)(b)',
    label: 'Legal obligation',
    told: 'The law requires us to keep it.',
  },
  'public-task': {
    article: 'Article 17(3)(b)',
    label: 'Public task',
    told: 'We need it to carry out a task in the public interest or our official functions.',
  },
  contract: {
    article: 'Article 17(1)(a)',
    label: 'Still needed for a contract',
    told: 'We still need it to carry out our agreement with you, which is still running.',
  },
  'legal-claims': {
    article: 'Article 17(3)(e)',
    label: 'Legal claims',
    told: 'We need it to make or defend a legal claim.',
  },
  'retention-rule': {
    article: 'Article 17(1)(a)',
    label: 'Retention period still running',
    told: 'We keep it for a set time after the matter ends, and that time has not yet passed.',
  },
  'overriding-legitimate-grounds': {
    article: 'Article 17(1)(c)',
    label: 'Overriding legitimate grounds',
    told: 'We have a compelling reason to keep it that outweighs your interests.',
  },
  'public-health': {
    article: 'Article 17(3)(c)',
    label: 'Public health',
    told: 'We need it for reasons of public health.',
  },
  'archiving-research-statistics': {
    article: 'Article 17(3)(d)',
    label: 'Archiving, research or statistics',
    told: 'We keep it for archiving in the public interest, research or statistics, with safeguards.',
  },
  'freedom-of-expression': {
    article: 'Article 17(3)(a)',
    label: 'Freedom of expression',
    told: 'Keeping it is needed for freedom of expression and information.',
  },
  'needed-for-kept-records': {
    article: 'Article 17(3)',
    label: 'Needed for records we keep',
    told: 'We keep your details only because we must keep the other records listed here, which would mean nothing without them.',
  },
} as const;
export type KeepReason = keyof typeof KEEP_REASONS;
export const KEEP_REASON_CODES = Object.keys(KEEP_REASONS) as KeepReason[];

export type ErasureAction = 'erase' | 'keep';
export const ERASURE_ACTIONS: readonly ErasureAction[] = ['erase', 'keep'];
export type ErasureReason = EraseReason | KeepReason;

export type ItemKind = 'record' | 'mention' | 'profile';

/** The reasons allowed for an action, so a caseworker cannot keep "because consent was withdrawn". */
export function reasonsFor(action: ErasureAction): readonly ErasureReason[] {
  return action === 'erase' ? ERASE_REASON_CODES : KEEP_REASON_CODES;
}

export function reasonEntry(action: ErasureAction, reason: ErasureReason) {
  return action === 'erase' ? ERASE_REASONS[reason as EraseReason] : KEEP_REASONS[reason as KeepReason];
}
