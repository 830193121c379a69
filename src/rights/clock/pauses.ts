/**
 * Stopping the clock for clarification (Art 12A UK GDPR, in force 5 February 2026). The days from
 * asking to receiving the answer do not count, so the deadline moves on by that many whole days;
 * asking and being answered on the same day stops nothing.
 */
import { addCalendarMonths, addDays, daysBetween, type IsoDate } from './dates.ts';
import type { Clarification } from './input.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import { onOrAfterWorkingDay } from './working-days.ts';

/** Days the clock stood still: from `from` (counted) to `to` (not counted, the clock runs again). */
export interface Pause {
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** How many clarifications this period covers (more than one when they overlapped). */
  clarifications: number;
  /** The clarification was asked for before the clock started, so only days from the start count. */
  clippedToStart: boolean;
}

/**
 * The periods the clock stood still, earliest first. Overlapping clarifications are merged so no
 * day is counted twice, and days before the clock started (while waiting for ID, say) are dropped:
 * a clock that has not started cannot be stopped.
 */
export function pausePeriods(clarifications: readonly Clarification[], start: IsoDate): Pause[] {
  const clipped = clarifications
    .map((c) => ({
      from: c.asked < start ? start : c.asked,
      to: c.answered,
      clippedToStart: c.asked < start,
    }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Pause[] = [];
  for (const p of clipped) {
    const last = merged.at(-1);
    if (last && p.from <= last.to) {
      last.to = p.to > last.to ? p.to : last.to;
      last.days = daysBetween(last.from, last.to);
      last.clarifications += 1;
    } else {
      merged.push({ ...p, days: daysBetween(p.from, p.to), clarifications: 1 });
    }
  }
  return merged;
}

/** One run of the clock: a period of whole months from the start, stopped for clarification. */
export interface ClockRun {
  months: number;
  /** The corresponding date `months` after the start, clamped to the month's last day. */
  monthDate: IsoDate;
  counted: Pause[];
  /** Asked for only after the deadline had passed: a clock that has run out cannot be stopped. */
  tooLate: Pause[];
  pausedDays: number;
  /** The month date moved on by the stopped days, before moving off a weekend or bank holiday. */
  calendarDue: IsoDate;
  due: IsoDate;
}

export function runClock(
  start: IsoDate,
  months: number,
  pauses: readonly Pause[],
  jurisdiction: Jurisdiction,
): ClockRun {
  const monthDate = addCalendarMonths(start, months);
  const dueAfter = (paused: number) => onOrAfterWorkingDay(addDays(monthDate, paused), jurisdiction);
  const counted: Pause[] = [];
  const tooLate: Pause[] = [];
  let pausedDays = 0;
  for (const p of pauses) {
    // The deadline is the end of the due day, so a question asked on that day still stops the clock.
    if (p.from > dueAfter(pausedDays)) {
      tooLate.push(p);
    } else {
      counted.push(p);
      pausedDays += p.days;
    }
  }
  const calendarDue = addDays(monthDate, pausedDays);
  return { months, monthDate, counted, tooLate, pausedDays, calendarDue, due: dueAfter(pausedDays) };
}
