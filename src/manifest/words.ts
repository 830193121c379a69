/**
 * How the manifest's values read to people: its days (a record's date fields, the notice's
 * effective and review dates) as UK dates, and its periods (ISO 8601 durations) and retention
 * triggers in words. The notice, the record of processing, the retention plan and the subject
 * access pack all say them through these, so "2026-11-01" reads "1 November 2026" and "P6Y" reads
 * "6 years" everywhere. Machine-readable copies (JSON-LD, CSV, data.json) keep the values as held.
 *
 * Pure functions of their input (UK time via the Europe/London zone, no clock): a released subject
 * access pack is rebuilt and checked byte for byte, so the same value must always give the same words.
 */
import { lookup } from './lookup.ts';
import type { Manifest } from './schema.ts';

const LONDON = 'Europe/London';
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: LONDON,
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: LONDON,
});
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A Date, or a string that parses to one (YYYY-MM-DD taken as that day, not as UTC midnight). */
export function instant(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  // Noon UTC is the same calendar day in London whatever the season.
  const d = new Date(ISO_DAY.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "24 December 1978": a day, or the day in the UK of an instant. Anything else is shown as it is. */
export function dayWords(value: unknown): string {
  const d = instant(value);
  return d ? DAY.format(d) : String(value ?? '');
}

/** "9 September 2026, 4:56pm": an instant in UK time (a bare day is shown as a day). */
export function momentWords(value: unknown): string {
  if (typeof value === 'string' && ISO_DAY.test(value)) return dayWords(value);
  const d = instant(value);
  if (!d) return String(value ?? '');
  const parts = TIME.formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const period = part('dayPeriod').replace(/[\s.]/g, '').toLowerCase();
  return `${DAY.format(d)}, ${part('hour')}:${part('minute')}${period}`;
}

/** The day an instant falls on in the UK, YYYY-MM-DD: for grouping by day. */
export function ukDayOf(value: string | Date): string {
  const d = instant(value);
  if (!d) return String(value);
  return new Intl.DateTimeFormat('en-CA', { timeZone: LONDON }).format(d);
}

const DATE_UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day' } as const;
const TIME_UNITS = { H: 'hour', M: 'minute', S: 'second' } as const;

function unitWords(part: string, units: Record<string, string>): string[] {
  return [...part.matchAll(/(\d+)([A-Z])/g)].map(([, n, unit]) => {
    const word = units[unit ?? ''] ?? unit;
    return `${n} ${word}${Number(n) === 1 ? '' : 's'}`;
  });
}

/** "P6Y6M" → "6 years and 6 months"; the schema has already checked the duration's form. */
export function periodWords(period: string): string {
  const [datePart = '', timePart = ''] = period.slice(1).split('T');
  const words = [...unitWords(datePart, DATE_UNITS), ...unitWords(timePart, TIME_UNITS)];
  if (words.length <= 1) return words[0] ?? period;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Each built-in trigger as what happens, for staff and the regulator (the notice speaks to "you"). */
const TRIGGER_WORDS: Record<string, string> = {
  'record-created': 'the record is created',
  'record-occurred': 'the recorded event',
  'record-closed': 'the record is closed',
  'record-ended': 'the record ends',
  'case-closed': 'the case is closed',
  'tenancy-ended': 'the tenancy ends',
  'customer-relationship-ended': 'the customer relationship ends',
  'application-declined': 'the application is declined',
  'application-withdrawn': 'the application is withdrawn',
  'job-completed': 'the job is completed',
  'employment-ended': 'employment ends',
  'lease-ended': 'the lease ends',
  'consent-withdrawn': 'consent is withdrawn',
};

/** "tenancy-ended" → "the tenancy ends"; "event:<id>" → the event "<its name>". */
export function triggerWords(manifest: Manifest, trigger: string): string {
  if (trigger.startsWith('event:')) {
    const event = lookup(manifest).events.get(trigger.slice('event:'.length));
    return `the event "${event?.name ?? trigger.slice('event:'.length)}"`;
  }
  return TRIGGER_WORDS[trigger] ?? trigger;
}

/** A retention rule's clock in words: "6 years after the tenancy ends". */
export function retentionPeriodWords(manifest: Manifest, rule: { trigger: string; period: string }): string {
  return `${periodWords(rule.period)} after ${triggerWords(manifest, rule.trigger)}`;
}
