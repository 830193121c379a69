/**
 * ISO 8601 periods (P6Y, P18M, P30D, PT12H) compared by length. Years and months have no fixed
 * length, so they are weighed at their Gregorian averages: a year is 365.2425 days and a month a
 * twelfth of that. In whole seconds both are integers, so P12M and P1Y come out exactly equal and
 * the comparison is exact (BigInt), not subject to floating-point rounding.
 */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in each unit, in the order the regular expression captures them. */
const UNIT_SECONDS = [31_556_952n, 2_629_746n, 604_800n, 86_400n, 3_600n, 60n, 1n] as const;
const SECONDS_PER_DAY = 86_400n;

/**
 * A calendar unit falls either side of its average (a year is 365 or 366 days), so a period written
 * in days and one written in months or years that differ by less than a day are the same period in
 * practice: P1Y and P365D, P1M and P30D. A day or more is a real difference: P1Y is longer than P364D.
 */
const CALENDAR_SLACK_SECONDS = SECONDS_PER_DAY;

export type Ordering = -1 | 0 | 1;

function parse(period: string): RegExpExecArray {
  const match = DURATION.exec(period);
  if (!match || !match.slice(1).some((part) => part !== undefined)) {
    throw new Error(`"${period}" is not an ISO 8601 duration such as P6Y, P18M or P30D`);
  }
  return match;
}

/** The length of a period in seconds, months and years at their Gregorian averages. */
export function periodSeconds(period: string): bigint {
  const match = parse(period);
  return UNIT_SECONDS.reduce((total, unit, i) => total + BigInt(match[i + 1] ?? '0') * unit, 0n);
}

/** The approximate length in days, for display and for checking the comparison. */
export function approxDays(period: string): number {
  return Number(periodSeconds(period)) / Number(SECONDS_PER_DAY);
}

function sign(difference: bigint): Ordering {
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** Exact comparison by average length: a total order, safe to sort with. P12M == P1Y, P1Y > P364D. */
export function compareDurations(a: string, b: string): Ordering {
  return sign(periodSeconds(a) - periodSeconds(b));
}

/** Whether a period is written in months or years, whose length depends on the calendar. */
export function usesCalendarUnits(period: string): boolean {
  const match = parse(period);
  return match[1] !== undefined || match[2] !== undefined;
}

/**
 * Comparison as a person would read it: like compareDurations, except that a period in days and
 * one in months or years within the calendar's slack count as the same (P1Y vs P365D). Symmetric,
 * but its "same" is not transitive, so use it to classify a change and compareDurations to sort.
 */
export function comparePeriodsInPractice(a: string, b: string): Ordering {
  const difference = periodSeconds(a) - periodSeconds(b);
  const magnitude = difference < 0n ? -difference : difference;
  const writtenDifferently = usesCalendarUnits(a) !== usesCalendarUnits(b);
  if (writtenDifferently && magnitude < CALENDAR_SLACK_SECONDS) return 0;
  return sign(difference);
}
