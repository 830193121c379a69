/**
 * Working days: Monday to Friday, less the jurisdiction's bank holidays. Only the last step of the
 * statutory clock uses them (the month itself is counted in calendar days), and the amber warning.
 */
import { calendarFor } from './calendar.ts';
import { addDays, dayOfWeek, parseDate, type IsoDate } from './dates.ts';
import { ClockError } from './errors.ts';
import { JURISDICTION_NAMES, type Jurisdiction } from './jurisdictions.ts';

/** Why a day is not a working day ("a Saturday", "Christmas Day, a bank holiday in Scotland"), or undefined. */
export function nonWorkingReason(date: IsoDate, jurisdiction: Jurisdiction): string | undefined {
  parseDate(date, 'date');
  const calendar = calendarFor(jurisdiction);
  if (date < calendar.from || date > calendar.to) {
    throw new ClockError(
      'date',
      `there is no bank-holiday data for ${date} (the calendars cover ${calendar.from} to ${calendar.to}); ` +
        'regenerate them as src/rights/clock/calendars/README.md says',
    );
  }
  const weekday = dayOfWeek(date);
  const holiday = calendar.holidays.get(date);
  if (holiday) return `${holiday}, a bank holiday in ${JURISDICTION_NAMES[jurisdiction]}`;
  if (weekday === 0) return 'a Sunday';
  if (weekday === 6) return 'a Saturday';
  return undefined;
}

export function isWorkingDay(date: IsoDate, jurisdiction: Jurisdiction): boolean {
  return nonWorkingReason(date, jurisdiction) === undefined;
}

/** The first working day after `date` (never `date` itself). */
export function nextWorkingDay(date: IsoDate, jurisdiction: Jurisdiction): IsoDate {
  return onOrAfterWorkingDay(addDays(date, 1), jurisdiction);
}

/** `date` if it is a working day, otherwise the next one: where a deadline on a day off moves to. */
export function onOrAfterWorkingDay(date: IsoDate, jurisdiction: Jurisdiction): IsoDate {
  let day = date;
  while (!isWorkingDay(day, jurisdiction)) day = addDays(day, 1);
  return day;
}

/** The `count`th working day after `date` (`date` itself when `count` is 0). */
export function addWorkingDays(date: IsoDate, count: number, jurisdiction: Jurisdiction): IsoDate {
  if (!Number.isInteger(count) || count < 0) {
    throw new ClockError('workingDays', `${count} is not a whole number of working days of 0 or more`);
  }
  let day = date;
  for (let i = 0; i < count; i++) day = nextWorkingDay(day, jurisdiction);
  return day;
}
