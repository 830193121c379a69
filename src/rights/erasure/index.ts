/** The right to erasure (UK GDPR Art. 17): plans proposed from the manifest, decided by a caseworker, carried out. */
export { basesFor, servingActivities, type HeldUnder } from './bases.ts';
export { executeErasure, type ErasureResult } from './execute.ts';
export { erasureLetter, type ErasureLetter } from './letter.ts';
export { decideItem, type ItemDecision } from './override.ts';
export { planErasure } from './plan.ts';
export { decideProfile, decideRecord, propose, type Proposal } from './propose.ts';
export { readPlan, type ErasureItemView, type ErasurePlanView } from './read.ts';
export { recipientsToTell, type RecipientToTell } from './recipients.ts';
export { EXECUTABLE as EXECUTABLE_STATUSES, PLANNABLE as PLANNABLE_STATUSES } from './rows.ts';
export { addPeriod, retentionState, type RetentionState } from './retention-state.ts';
export { saidFromStored, tell, type Said } from './told.ts';
export {
  ERASE_REASON_CODES,
  ERASE_REASONS,
  KEEP_REASON_CODES,
  KEEP_REASONS,
  reasonsFor,
  SENTENCES,
  type EraseReason,
  type ErasureAction,
  type ErasureReason,
  type KeepReason,
  type SentenceCode,
  type Tense,
  type Tensed,
} from './vocabulary.ts';
