/**
 * Where a request stands against its deadline on a given day. `today` is always an argument, never
 * read from the system clock, so a screen, a report and a test all agree about the same day.
 */
import { daysBetween, parseDate, type IsoDate } from './dates.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import { addWorkingDays } from './working-days.ts';

/** Working days' warning before a deadline turns a request amber, unless the caller says otherwise. */
export const DEFAULT_AMBER_WORKING_DAYS = 5;

/** Calendar days from `today` to the due date: 0 on the due day (due by its end), negative once overdue. */
export function daysRemaining(due: IsoDate, today: IsoDate): number {
  parseDate(due, 'due');
  parseDate(today, 'today');
  return daysBetween(today, due);
}

/** Overdue once the due day has ended, so a request due today is not yet overdue. */
export function isOverdue(due: IsoDate, today: IsoDate): boolean {
  return daysRemaining(due, today) < 0;
}

/** Due by the end of the `withinWorkingDays`th working day after today (today included), and not overdue. */
export function isDueSoon(
  due: IsoDate,
  today: IsoDate,
  jurisdiction: Jurisdiction,
  withinWorkingDays = DEFAULT_AMBER_WORKING_DAYS,
): boolean {
  return !isOverdue(due, today) && due <= addWorkingDays(today, withinWorkingDays, jurisdiction);
}

export type Rag = 'red' | 'amber' | 'green';

/** Red when overdue, amber when due within the warning period, green otherwise. */
export function ragStatus(
  due: IsoDate,
  today: IsoDate,
  jurisdiction: Jurisdiction,
  amberWithinWorkingDays = DEFAULT_AMBER_WORKING_DAYS,
): Rag {
  if (isOverdue(due, today)) return 'red';
  return isDueSoon(due, today, jurisdiction, amberWithinWorkingDays) ? 'amber' : 'green';
}
