/** The breach register: breaches and near misses, the 72-hour and CORE 24-hour clocks, who was affected, letters. */
export { breachesByCategory, breachReference, type CategorisedBreach } from './by-category.ts';
export { auditRegisterRead, type RegisterRead } from './read-audit.ts';
export { addAffected, affectedBy, type AffectedFinder, type AffectedResult } from './affected.ts';
export {
  breachClocks,
  checkDecision,
  CORE_HOURS,
  coreDeadline,
  ICO_HOURS,
  icoDeadline,
  riskLevel,
  type Clock,
  type ClockStatus,
} from './clock.ts';
export {
  breachLetters,
  letterContent,
  letterHtml,
  letterText,
  type BreachLetter,
  type LetterContent,
} from './letters.ts';
export { markLettersSent } from './letters-sent.ts';
export { reportSuspectedBreach, triageBreach, type SuspectedBreach } from './suspected.ts';
export { assessRisk, decideNotification, type Assessment, type NotificationDecision } from './decisions.ts';
export type { AssessmentEntry, DecisionEntry, History } from './history.ts';
export {
  addAction,
  closeBreach,
  completeAction,
  listBreaches,
  readBreach,
  recordBreach,
  recordReport,
  type BreachLine,
  type NewAction,
  type NewBreach,
  type Report,
} from './register.ts';
export type { ActionView, BreachView } from './rows.ts';
export {
  checkDeclared,
  checkDueOn,
  checkInstant,
  checkOccurredAt,
  checkPastInstant,
  checkTypes,
} from './input.ts';
export * from './vocabulary.ts';
