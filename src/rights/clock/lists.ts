/**
 * The DPO's two lists: requests about to fall due and requests already late, each earliest deadline
 * first. The caller passes open requests only; a request answered on time is not "overdue".
 */
import { compareDates, type IsoDate } from './dates.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import { DEFAULT_AMBER_WORKING_DAYS, isDueSoon, isOverdue } from './status.ts';

/** Anything with a deadline: a request row with its computed due date and the landlord's jurisdiction. */
export interface HasDeadline {
  due: IsoDate;
  jurisdiction: Jurisdiction;
}

/** Earliest deadline first; requests due the same day keep the order they were given in. */
function byDueDate<T extends HasDeadline>(requests: readonly T[]): T[] {
  return [...requests].sort((a, b) => compareDates(a.due, b.due));
}

/** Open requests due within `withinWorkingDays` working days of today and not yet overdue. */
export function dueSoon<T extends HasDeadline>(
  requests: readonly T[],
  today: IsoDate,
  withinWorkingDays = DEFAULT_AMBER_WORKING_DAYS,
): T[] {
  return byDueDate(requests.filter((r) => isDueSoon(r.due, today, r.jurisdiction, withinWorkingDays)));
}

/** Open requests whose due day has ended, the longest overdue first. */
export function overdue<T extends HasDeadline>(requests: readonly T[], today: IsoDate): T[] {
  return byDueDate(requests.filter((r) => isOverdue(r.due, today)));
}
