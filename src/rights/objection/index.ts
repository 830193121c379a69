/** The right to object (UK GDPR Art. 21): objections recorded, enforced by the gate, overridden or withdrawn. */
export { listObjections, type ObjectionView } from './read.ts';
export { recordObjection, type NewObjection } from './record.ts';
export { overrideObjection, withdrawObjection, type Override } from './settle.ts';
export {
  groundFor,
  OBJECTION_GROUNDS,
  OBJECTION_STATUSES,
  OVERRIDE_CODES,
  type ObjectionGround,
  type ObjectionStatus,
  type OverrideCode,
} from './vocabulary.ts';
