/**
 * The words an erasure decision is made in: a fixed list of reasons to erase (UK GDPR Art. 17(1))
 * and to keep (Art. 17(3), and the retention schedule), each with the law it rests on and the
 * sentence the person is told. Codes are stored in clear; the sentences are built from them.
 *
 * A sentence about erasing is held in both tenses: what we will do (the plan as proposed and
 * reviewed) and what we did (the letter once it is carried out). A reason to keep reads the same
 * before and after, so it is written once.
 */

/** A sentence in the tense of the moment: what we will do, and what we did. */
export interface Tensed {
  will: string;
  did: string;
}
export type Tense = keyof Tensed;

const always = (sentence: string): Tensed => ({ will: sentence, did: sentence });

export const ERASE_REASONS = {
  'no-longer-necessary': {
    article: 'Article 17(1)(a)',
    label: 'No longer needed',
    told: {
      will: 'We no longer need it for the reason we collected it, so we will delete it.',
      did: 'We no longer need it for the reason we collected it, so we have deleted it.',
    },
  },
  'consent-withdrawn': {
    article: 'Article 17(1)(b)',
    label: 'Consent withdrawn',
    told: {
      will: 'We held it only because you agreed to it. You have withdrawn that agreement, so we will delete it.',
      did: 'We held it only because you agreed to it. You have withdrawn that agreement, so we have deleted it.',
    },
  },
  objection: {
    article: 'Article 17(1)(c)',
    label: 'Objection with no overriding grounds',
    told: {
      will: 'We held it for our legitimate interests. You have asked us to stop and we have no overriding reason to keep it, so we will delete it.',
      did: 'We held it for our legitimate interests. You have asked us to stop and we have no overriding reason to keep it, so we have deleted it.',
    },
  },
  unlawful: {
    article: 'Article 17(1)(d)',
    label: 'Processed unlawfully',
    told: {
      will: 'We should not have held it, so we will delete it.',
      did: 'We should not have held it, so we have deleted it.',
    },
  },
  'legal-duty-to-erase': {
    article: 'Article 17(1)(e)',
    label: 'The law requires erasure',
    told: {
      will: 'The law requires us to delete it, so we will.',
      did: 'The law requires us to delete it, so we have.',
    },
  },
  'child-online-service': {
    article: 'Article 17(1)(f)',
    label: 'Collected from a child for an online service',
    told: {
      will: 'It was collected when you were a child for an online service, so we will delete it.',
      did: 'It was collected when you were a child for an online service, so we have deleted it.',
    },
  },
} as const;
export type EraseReason = keyof typeof ERASE_REASONS;
export const ERASE_REASON_CODES = Object.keys(ERASE_REASONS) as EraseReason[];

export const KEEP_REASONS = {
  'legal-obligation': {
    article: 'Article 17(3)(b)',
    label: 'Legal obligation',
    told: always('The law requires us to keep it.'),
  },
  'public-task': {
    article: 'Article 17(3)(b)',
    label: 'Public task',
    told: always('We need it to carry out a task in the public interest or our official functions.'),
  },
  contract: {
    article: 'Article 17(1)(a)',
    label: 'Still needed for a contract',
    told: always('We still need it to carry out our agreement with you, which is still running.'),
  },
  'legal-claims': {
    article: 'Article 17(3)(e)',
    label: 'Legal claims',
    told: always('We need it to make or defend a legal claim.'),
  },
  'retention-rule': {
    article: 'Article 17(1)(a)',
    label: 'Retention period still running',
    told: always('We keep it for a set time after the matter ends, and that time has not yet passed.'),
  },
  'overriding-legitimate-grounds': {
    article: 'Article 17(1)(c)',
    label: 'Overriding legitimate grounds',
    told: always('We have a compelling reason to keep it that outweighs your interests.'),
  },
  'public-health': {
    article: 'Article 17(3)(c)',
    label: 'Public health',
    told: always('We need it for reasons of public health.'),
  },
  'archiving-research-statistics': {
    article: 'Article 17(3)(d)',
    label: 'Archiving, research or statistics',
    told: always('We keep it for archiving in the public interest, research or statistics, with safeguards.'),
  },
  'freedom-of-expression': {
    article: 'Article 17(3)(a)',
    label: 'Freedom of expression',
    told: always('Keeping it is needed for freedom of expression and information.'),
  },
  'needed-for-kept-records': {
    article: 'Article 17(3)',
    label: 'Needed for records we keep',
    told: always(
      'We keep your details only because we must keep the other records listed here, which would mean nothing without them.',
    ),
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

/** Sentences told beside a reason: what else happens when an item goes. */
export const SENTENCES = {
  'removed-from-record': {
    will: 'We will remove you from the people it names.',
    did: 'We have removed you from the people it names.',
  },
  'details-and-key-erased': {
    will: 'Nothing else we hold about you needs to be kept, so we will delete your name, contact details and identifiers, and destroy the key that protects your information, so that no copy or backup can reveal it.',
    did: 'Nothing else we hold about you needs to be kept, so we have deleted your name, contact details and identifiers, and destroyed the key that protects your information, so that no copy or backup can reveal it.',
  },
} as const satisfies Record<string, Tensed>;
export type SentenceCode = keyof typeof SENTENCES;

/** A reason's sentence by its code alone (the codes to erase and to keep do not overlap). */
export function reasonTold(reason: ErasureReason): Tensed {
  if (Object.hasOwn(ERASE_REASONS, reason)) return ERASE_REASONS[reason as EraseReason].told;
  if (Object.hasOwn(KEEP_REASONS, reason)) return KEEP_REASONS[reason as KeepReason].told;
  throw new TypeError(`"${reason}" is not a reason in the erasure vocabulary`);
}

export function sentenceTold(code: SentenceCode): Tensed {
  if (Object.hasOwn(SENTENCES, code)) return SENTENCES[code];
  throw new TypeError(`"${code}" is not a sentence in the erasure vocabulary`);
}
