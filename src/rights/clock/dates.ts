/**
 * Calendar dates as UK local dates written YYYY-MM-DD. The statutory clock counts whole calendar
 * days, so a date is never a JS Date: a Date carries a time and a zone, and a request logged at
 * 00:30 BST would otherwise land on the previous day. Arithmetic is done on day numbers (days since
 * 1970-01-01) with Howard Hinnant's civil-calendar algorithms, which use integers only.
 */
import { ClockError } from './errors.ts';

/** A calendar date written YYYY-MM-DD (UK local terms). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real calendar date, or a ClockError naming `field`. */
export function parseDate(value: unknown, field: string): YearMonthDay {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) throw new ClockError(field, `"${String(value)}" is not a date written YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new ClockError(field, `${value} is not a real calendar date`);
  }
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseDate(value, 'date');
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 (Hinnant's days_from_civil; March-based years put leap days last). */
export function dayNumberOf({ year, month, day }: YearMonthDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number (Hinnant's civil_from_days). */
export function dateOfDayNumber(dayNumber: number): YearMonthDay {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function formatDate({ year, month, day }: YearMonthDay): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day number of a date string; `field` names it in the error if it is not a date. */
export function toDayNumber(date: IsoDate, field = 'date'): number {
  return dayNumberOf(parseDate(date, field));
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return formatDate(dateOfDayNumber(dayNumber));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** ISO strings of the same length sort as dates, so plain comparison is date order. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function latestOf(dates: readonly IsoDate[]): IsoDate {
  return dates.reduce((latest, d) => (d > latest ? d : latest));
}

/**
 * The corresponding date `months` later, clamped to the last day of that month when it has no
 * such day: the ICO's "31 January → 28 February (29 in a leap year)".
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new ClockError('months', `${months} is not a whole number of months`);
  const { year, month, day } = parseDate(date, 'date');
  const index = year * 12 + (month - 1) + months;
  const [toYear, toMonth] = [Math.floor(index / 12), (index % 12) + 1];
  return formatDate({ year: toYear, month: toMonth, day: Math.min(day, daysInMonth(toYear, toMonth)) });
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Friday 27 December 2024", for the reasoning shown to the DPO. */
export function describeDate(date: IsoDate): string {
  const { year, month, day } = parseDate(date, 'date');
  return `${WEEKDAYS[dayOfWeek(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}
