/**
 * Retention periods: ISO 8601 durations (P6Y, P18M, P90D, P2W, PT12H) read into calendar parts that
 * PostgreSQL's make_interval takes, so "6 years after" lands on the same calendar day however many
 * leap days lie between. Anything negative, zero, fractional or unparsable is refused.
 */
import { RetentionInputError } from './errors.ts';

export interface Period {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The period's parts; `field` names where it came from in errors, e.g. "retention[2].period". */
export function parsePeriod(text: unknown, field = 'period'): Period {
  if (typeof text !== 'string' || text.trim() === '')
    throw new RetentionInputError(field, 'is missing; give an ISO 8601 duration such as P6Y');
  if (text.trim().startsWith('-'))
    throw new RetentionInputError(field, `"${text}" is negative; a retention period must be positive`);
  const m = ISO.exec(text.trim());
  if (!m)
    throw new RetentionInputError(field, `"${text}" is not an ISO 8601 duration such as P6Y, P18M or P30D`);
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const period = { years, months, weeks, days, hours, minutes, seconds };
  if (Object.values(period).every((v) => v === 0))
    throw new RetentionInputError(field, `"${text}" is zero; a retention period must be positive`);
  if (Object.values(period).some((v) => !Number.isSafeInteger(v) || v > 10_000))
    throw new RetentionInputError(field, `"${text}" is too long to be a retention period`);
  return period;
}

/** The moment a period started at `start` ends, in UTC calendar arithmetic (as the database does it). */
export function addPeriod(start: Date, p: Period): Date {
  const d = new Date(start.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + p.years * 12 + p.months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return new Date(
    d.getTime() + ((p.weeks * 7 + p.days) * 86_400 + p.hours * 3600 + p.minutes * 60 + p.seconds) * 1000,
  );
}
