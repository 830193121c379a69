/** Retention that runs itself: rules from the manifest, holds, sweeps, reviews, the disposal log, replay. */
export { certificateFor, type Certificate } from './certificate.ts';
export { certificateHtml } from './certificate-html.ts';
export { certificatePdf } from './certificate-pdf.ts';
export { RetentionInputError, SweepInProgress } from './errors.ts';
export { checkEventDay, enterEvent, listEvents, type EventEntry } from './events.ts';
export {
  planRetention,
  summariseRetention,
  type PlanLine,
  type RetentionPlan,
  type RetentionSummary,
} from './plan.ts';
export { replayTombstones, type ReplayResult } from './replay.ts';
export { decideReview, listReviews, type ReviewItem } from './reviews.ts';
export { getRun, listRuns, runLog, type LogLine, type Run } from './runs.ts';
export { startRetentionSchedule, type RetentionSchedule, type ScheduleOptions } from './schedule.ts';
export { runRetention, type SweepOptions, type SweepProgress, type SweepResult } from './sweep.ts';
export {
  checkHoldReviewOn,
  checkHoldTargetId,
  findHold,
  heldRecordIds,
  holdsCovering,
  holdTargetSubject,
  placeHold,
  releaseHold,
  listHolds,
  HOLD_MATTERS,
  HOLD_TARGETS,
  type Hold,
  type HoldTarget,
  type ListedHold,
  type NewHold,
} from '../records/holds.ts';
