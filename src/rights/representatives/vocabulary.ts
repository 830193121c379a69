/** Who may act for a data subject, and on what evidence. */
export const REPRESENTATIVE_KINDS = [
  'solicitor',
  'advocate',
  'family-member',
  'mp',
  'councillor',
  'carer',
  'attorney',
  'deputy',
] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

export const EVIDENCE_KINDS = [
  'written-authority',
  'lasting-power-of-attorney',
  'court-order',
  'verbal-recorded',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Why a representative may not act: each refusal of authority names one. */
export type AuthorityRefusal =
  'unknown' | 'no-evidence' | 'not-yet-valid' | 'ended' | 'expired' | 'out-of-scope';
