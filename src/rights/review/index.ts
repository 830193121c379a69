/**
 * A caseworker's review of a subject access pack, then its release: start (detectors propose),
 * decide, add, exempt, verify identity, complete, release. Everything through the gate, audited.
 */
export {
  addRedaction,
  completeReview,
  decideRedaction,
  exemptItem,
  reopenReview,
  type ItemExemption,
  type NewRedaction,
  type RedactionDecision,
} from './decisions.ts';
export { IdentityMismatch, PackNotAsReleased, ReleaseRefused, type NotAsReleasedBecause } from './errors.ts';
export { applySpans, finalRedactor, reasonText } from './final.ts';
export { parseUkDate, verifyIdentity, type IdentityCheck, type PresentedIdentity } from './identity.ts';
export { reviewHidesWords, reviewIdentityOf } from './live.ts';
export { readReview } from './read.ts';
export { daysLate, lateReleaseText, mustStartWork, notReleasableBecause } from './releasable.ts';
export { releasePack, type Release, type ReleaseInput } from './release.ts';
export { releasedPack, releaseOf, type ReleasedPack } from './released.ts';
export { startReview, type StartOptions } from './start.ts';
export type * from './view.ts';
export * from './vocabulary.ts';
