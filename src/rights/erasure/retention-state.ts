/**
 * Where a record stands against its retention rule on a given day: no rule, the clock not yet
 * started (the tenancy is still running, the case still open), running until a date, or run out.
 * Pure: the record's lifecycle dates, the person's tenancy and "now" are inputs.
 */
import { retentionFor } from '../../manifest/lookup.ts';
import type { Manifest, RecordType, RetentionRule } from '../../manifest/schema.ts';
import type { Inventory, Lifecycle } from '../../records/erasure-inventory.ts';
import { addCalendarMonths, addDays } from '../clock/index.ts';

export type RetentionState =
  | { state: 'none' }
  | { state: 'not-started'; rule: RetentionRule }
  | { state: 'running'; rule: RetentionRule; until: Date }
  | { state: 'expired'; rule: RetentionRule; since: Date };

const CLOSED = [
  'record-closed',
  'case-closed',
  'job-completed',
  'application-declined',
  'application-withdrawn',
];
const RELATIONSHIP_ENDED = ['tenancy-ended', 'lease-ended', 'customer-relationship-ended'];

/** The day the rule's clock started for this record, or null if its trigger has not happened. */
function triggerDate(
  rule: RetentionRule,
  held: Lifecycle,
  tenancy: Inventory['tenancy'],
  now: Date,
): Date | null {
  const t = rule.trigger;
  if (t === 'record-created') return held.createdAt;
  if (t === 'record-occurred') return held.occurredAt ?? held.createdAt;
  if (CLOSED.includes(t)) return held.closedAt;
  if (t === 'record-ended' || t === 'employment-ended') return held.endedAt;
  if (RELATIONSHIP_ENDED.includes(t)) {
    if (!tenancy.held) return held.endedAt;
    return tenancy.current ? null : tenancy.lastEnded;
  }
  // Asking for erasure of data held on consent withdraws that consent.
  if (t === 'consent-withdrawn') return now;
  return null; // a controller event ("event:…") Custos does not track
}

/** `at` plus an ISO 8601 duration: calendar months clamped to the month's end, then days, then time. */
export function addPeriod(at: Date, period: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    period,
  );
  if (!m) throw new TypeError(`"${period}" is not an ISO 8601 duration`);
  const [, y, mo, w, d, h, mi, s] = m.map((x) => Number(x ?? 0));
  const day = at.toISOString().slice(0, 10);
  const shifted = addDays(addCalendarMonths(day, y! * 12 + mo!), w! * 7 + d!);
  const timeOfDay = at.getTime() - Date.parse(`${day}T00:00:00Z`);
  return new Date(Date.parse(`${shifted}T00:00:00Z`) + timeOfDay + ((h! * 60 + mi!) * 60 + s!) * 1000);
}

export function retentionState(
  manifest: Manifest,
  type: RecordType,
  held: Lifecycle,
  tenancy: Inventory['tenancy'],
  now: Date,
): RetentionState {
  const rule = retentionFor(manifest, type);
  if (!rule) return { state: 'none' };
  const start = triggerDate(rule, held, tenancy, now);
  if (!start) return { state: 'not-started', rule };
  const until = addPeriod(start, rule.period);
  return until > now ? { state: 'running', rule, until } : { state: 'expired', rule, since: until };
}
