/**
 * Dates in an export are read only by the format the mapping states: 03/04/2024 is 3 April under
 * DD/MM/YYYY and an error under YYYY-MM-DD; nothing is guessed, so a UK date is never read as a
 * US one. Dates are stored as ISO 8601; a time of day is UK local time (Europe/London), stored
 * with its offset from UTC.
 */

const TOKENS: Record<string, string> = {
  YYYY: '(?<year>\\d{4})',
  MM: '(?<month>\\d{2})',
  M: '(?<month>\\d{1,2})',
  DD: '(?<day>\\d{2})',
  D: '(?<day>\\d{1,2})',
  HH: '(?<hour>\\d{2})',
  H: '(?<hour>\\d{1,2})',
  mm: '(?<minute>\\d{2})',
  ss: '(?<second>\\d{2})',
};
const TOKEN = /YYYY|MM|M|DD|D|HH|H|mm|ss/g;

/** `iso`: the value is already ISO 8601 (YYYY-MM-DD, or a date and time with an offset). */
export const ISO = 'iso';

export interface DateFormat {
  text: string;
  pattern: RegExp | undefined;
  hasTime: boolean;
}

/** The format, or why it cannot be used. */
export function compileDateFormat(text: string): DateFormat | string {
  if (text.toLowerCase() === ISO) return { text: ISO, pattern: undefined, hasTime: true };
  if (/(^|[^Y])YY([^Y]|$)/.test(text)) return 'a two-digit year (YY) is ambiguous; use YYYY';
  const seen = new Set<string>();
  let source = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    source += escape(text.slice(last, m.index)) + TOKENS[m[0]]!;
    const group = /<(\w+)>/.exec(TOKENS[m[0]]!)![1]!;
    if (seen.has(group)) return `names the ${group} twice`;
    seen.add(group);
    last = m.index + m[0].length;
  }
  source += escape(text.slice(last));
  if (!seen.has('year') || !seen.has('month') || !seen.has('day'))
    return 'must contain YYYY, MM (or M) and DD (or D), e.g. DD/MM/YYYY';
  if (seen.has('minute') && !seen.has('hour')) return 'has minutes (mm) but no hour (HH)';
  return { text, pattern: new RegExp(`^${source}$`), hasTime: seen.has('hour') };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function partsOf(format: DateFormat, value: string): Parts | string {
  const m = format.pattern!.exec(value);
  if (!m?.groups) return `must be a date written ${format.text}`;
  const n = (k: string) => Number(m.groups![k] ?? 0);
  const p = {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month))
    return `is not a real date (read as ${format.text})`;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return `is not a real time (read as ${format.text})`;
  return p;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (p: Parts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;

/** Minutes east of UTC in the UK at this instant: 0 in winter, 60 in summer. */
const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

function londonOffset(at: number): number {
  const name = LONDON.formatToParts(new Date(at)).find((x) => x.type === 'timeZoneName')!.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** A UK wall-clock time with its offset, e.g. 2026-07-01T10:00:00+01:00. */
function londonDateTime(p: Parts): string {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // The offset depends on the instant, which depends on the offset: settle it in two steps.
  const offset = londonOffset(wall - londonOffset(wall) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${isoDate(p)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date field's value: YYYY-MM-DD, or why the text is not a date in this format. */
export function readDate(format: DateFormat, value: string): { value: string } | { problem: string } {
  if (format.pattern === undefined) {
    const date = value.slice(0, 10);
    const real = ISO_DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
    return real && (value.length === 10 || ISO_DATETIME.test(value))
      ? { value: date }
      : { problem: 'must be an ISO date written YYYY-MM-DD' };
  }
  const p = partsOf(format, value);
  return typeof p === 'string' ? { problem: p } : { value: isoDate(p) };
}

/** A datetime field's value: ISO 8601 with an offset; a date alone is midnight, UK time. */
export function readDateTime(format: DateFormat, value: string): { value: string } | { problem: string } {
  if (format.pattern === undefined) {
    if (ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value))) return { value };
    const date = readDate(format, value);
    return 'problem' in date
      ? { problem: 'must be an ISO date and time with an offset, e.g. 2026-11-23T10:00:00Z' }
      : { value: londonDateTime({ ...partsFromIso(date.value), hour: 0, minute: 0, second: 0 }) };
  }
  const p = partsOf(format, value);
  return typeof p === 'string' ? { problem: p } : { value: londonDateTime(p) };
}

function partsFromIso(date: string): Parts {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, hour: 0, minute: 0, second: 0 };
}
