/**
 * The words of sharing: agreement types and the bases a disclosure may rest on, with the law each
 * relies on and what must be recorded with it. Codes are stored in clear; the labels and
 * references are what the DPO, the pack and the portal show. Sources: uk-rules.md §1.4 and §5.
 */

export const AGREEMENT_TYPES = [
  'data-sharing-agreement',
  'processor-contract',
  'joint-controller-arrangement',
  'memorandum-of-understanding',
  'statutory-gateway',
] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export const AGREEMENT_TYPE_LABELS: Record<AgreementType, string> = {
  'data-sharing-agreement': 'Data sharing agreement',
  'processor-contract': 'Processor contract (UK GDPR Art. 28)',
  'joint-controller-arrangement': 'Joint controller arrangement (UK GDPR Art. 26)',
  'memorandum-of-understanding': 'Memorandum of understanding',
  'statutory-gateway': 'Statutory gateway',
};

/** What a disclosure must carry besides the recipient, categories, date and approver. */
type Needed = 'agreementId' | 'reference' | 'reasons' | 'representativeId';

export interface DisclosureBasisInfo {
  label: string;
  /** The law relied on, as the pack and the DPO's log show it. */
  law: string;
  needs: readonly Needed[];
}

export const DISCLOSURE_BASES = {
  agreement: {
    label: 'Shared under a data sharing agreement or contract',
    law: 'UK GDPR Art. 6 (the activity’s lawful basis), under the agreement named',
    needs: ['agreementId'],
  },
  'crime-and-taxation': {
    label: 'Disclosed to prevent or detect crime, or to catch or prosecute offenders',
    law: 'Data Protection Act 2018, Schedule 2, paragraph 2 (crime and taxation)',
    needs: ['reference', 'reasons'],
  },
  'required-by-law': {
    label: 'Disclosed because the law or a court order required it',
    law: 'Data Protection Act 2018, Schedule 2, paragraph 5(1)',
    needs: ['reference'],
  },
  'legal-proceedings': {
    label: 'Disclosed for legal proceedings or legal advice',
    law: 'Data Protection Act 2018, Schedule 2, paragraph 5(2) and (3)',
    needs: ['reference', 'reasons'],
  },
  'acting-for-the-person': {
    label: 'Disclosed to someone the person authorised to act for them',
    law: 'UK GDPR Art. 6(1)(a) or (b); for an MP or councillor, DPA 2018 Sch. 1 para 24 where special category data is involved',
    needs: ['representativeId'],
  },
  'vital-interests': {
    label: 'Disclosed to protect someone’s life',
    law: 'UK GDPR Art. 6(1)(d) (and Art. 9(2)(c) for special category data)',
    needs: ['reasons'],
  },
} as const satisfies Record<string, DisclosureBasisInfo>;
export type DisclosureBasis = keyof typeof DISCLOSURE_BASES;
export const DISCLOSURE_BASIS_IDS = Object.keys(DISCLOSURE_BASES) as DisclosureBasis[];

export const DISCLOSURE_KINDS = ['ad-hoc', 'routine'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
