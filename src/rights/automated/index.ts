/** Automated decisions (UK GDPR Arts 22A–22D): recorded as made, explained, and reviewed by a person on request. */
export { explainDecision, type DecisionExplanation, type ReviewView } from './explain.ts';
export { explainDecisionsAbout } from './list.ts';
export { recordDecision, type NewAutomatedDecision } from './record.ts';
export {
  completeReview,
  requestReview,
  REVIEW_RESULTS,
  type ReviewOutcome,
  type ReviewRequest,
} from './review.ts';
export type { Outcome, Scalar } from './rows.ts';
