/** Sharing: recipients' agreements, the checks that keep sharing inside them, and the disclosure log. */
export {
  enterAgreement,
  findAgreement,
  listAgreements,
  renewAgreement,
  type NewAgreement,
  type Renewal,
} from './agreements.ts';
export {
  agreementsNeedingAttention,
  checkSharing,
  effectiveScope,
  type AgreementAttention,
  type AgreementView,
  type AttentionStatus,
  type SharingRefusal,
  type SharingRequest,
} from './scope.ts';
export {
  checkActivity,
  checkBasisWords,
  checkCategories,
  checkDisclosurePurpose,
  disclosurePurpose,
  recordDisclosure,
  type NewDisclosure,
} from './disclose.ts';
export { disclosureLog, disclosuresAbout, type DisclosureLogLine, type DisclosureView } from './read.ts';
export { disclosedTo, disclosedToIfAllowed, type ActualRecipient, type Receipt } from './recipients.ts';
export {
  AGREEMENT_TYPE_LABELS,
  AGREEMENT_TYPES,
  DISCLOSURE_BASES,
  DISCLOSURE_BASIS_IDS,
  type AgreementType,
  type DisclosureBasis,
  type DisclosureKind,
} from './vocabulary.ts';
