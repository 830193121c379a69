/**
 * The words of the consent ledger, stored as codes. The states are those of ISO/IEC TS 27560's
 * consent lifecycle (and DPV's ConsentStatus): only "given" lets processing that rests on consent
 * go on.
 */
export const CONSENT_STATES = ['given', 'withdrawn', 'expired', 'refused'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** How the choice reached the landlord. */
export const CONSENT_CHANNELS = ['portal', 'web-form', 'phone', 'email', 'letter', 'in-person'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** How the person expressed it (27560 "expression method"). */
export const CONSENT_METHODS = ['tick-box', 'signed-form', 'verbal', 'email', 'portal-toggle'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Who expressed it (27560 "entity"): the person, someone for them, or the controller (an expiry). */
export type ExpressedBy = 'subject' | 'representative' | 'controller';

/** The DPV term of each state, for the receipt. */
export const STATE_TERMS: Record<ConsentState, string> = {
  given: 'dpv:ConsentGiven',
  withdrawn: 'dpv:ConsentWithdrawn',
  expired: 'dpv:ConsentExpired',
  refused: 'dpv:ConsentRefused',
};

/** The states a record may move to from each state (none: no record yet). */
export const NEXT_STATES: Record<ConsentState | 'none', readonly ConsentState[]> = {
  none: ['given', 'refused'],
  // Giving again re-affirms (a new notice version, a new expiry); it is recorded as a new event.
  given: ['given', 'withdrawn', 'expired'],
  withdrawn: ['given', 'refused'],
  expired: ['given', 'refused'],
  refused: ['given', 'refused'],
};

/** Words for people, in the receipt and in refusals. */
export const STATE_WORDS: Record<ConsentState, string> = {
  given: 'given',
  withdrawn: 'withdrawn',
  expired: 'expired',
  refused: 'refused',
};

export const CHANNEL_WORDS: Record<ConsentChannel | 'system', string> = {
  portal: 'in the resident portal',
  'web-form': 'on our website',
  phone: 'on the phone',
  email: 'by email',
  letter: 'by letter',
  'in-person': 'in person',
  system: 'automatically',
};

export const METHOD_WORDS: Record<ConsentMethod | 'expiry', string> = {
  'tick-box': 'ticking a box',
  'signed-form': 'signing a form',
  verbal: 'saying so',
  email: 'writing to us',
  'portal-toggle': 'using the switch',
  expiry: 'the agreed time running out',
};
