/**
 * Whether a request is at a point where its pack may be released, and how late a release was, in
 * the words a caseworker reads (never the status codes). Shared by the release, which refuses with
 * these words, and by the pages, which say the same before the caseworker tries.
 */
import { daysBetween, type IsoDate } from '../clock/index.ts';
import type { RequestStatus } from '../requests/vocabulary.ts';
import { RELEASABLE_STATUSES } from './vocabulary.ts';

type Releasable = (typeof RELEASABLE_STATUSES)[number];

const BEFORE = 'on the request page before releasing the pack';
const WHY_NOT: Record<Exclude<RequestStatus, Releasable>, string> = {
  received: `the work on this request has not been started yet: start the work ${BEFORE}`,
  'awaiting-id': `the request is still waiting for proof of identity: record it and start the work ${BEFORE}`,
  'awaiting-authority': `the request is still waiting for proof of the representative’s authority: record it and start the work ${BEFORE}`,
  'awaiting-clarification': `the request is still waiting for the person to clarify it: record their answer and start the work again ${BEFORE}`,
  completed: 'the request has already been completed, so there is nothing more to release',
  refused: 'the request was refused, so no pack is released',
  withdrawn: 'the person withdrew the request, so no pack is released',
  closed: 'the request is closed, so no pack is released',
};

/** Why a pack cannot be released while the request is in this status, or undefined if it can. */
export function notReleasableBecause(status: RequestStatus): string | undefined {
  const releasable = (RELEASABLE_STATUSES as readonly RequestStatus[]).includes(status);
  return releasable ? undefined : WHY_NOT[status as Exclude<RequestStatus, Releasable>];
}

/** Whether the work must be started (on the request page) before the pack can be released. */
export function mustStartWork(status: RequestStatus): boolean {
  return ['received', 'awaiting-id', 'awaiting-authority', 'awaiting-clarification'].includes(status);
}

/** Calendar days after the deadline (the end of the due day) that something happened; 0 if in time. */
export function daysLate(due: IsoDate, on: IsoDate): number {
  return Math.max(0, daysBetween(due, on));
}

/** "Released 3 days after the deadline", or undefined when released in time. */
export function lateReleaseText(due: IsoDate, on: IsoDate): string | undefined {
  const late = daysLate(due, on);
  if (!late) return undefined;
  return `Released ${late} ${late === 1 ? 'day' : 'days'} after the deadline`;
}
