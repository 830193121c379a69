/**
 * Where a record stands against its retention rule on a given day: no rule, the clock not yet
 * started (the tenancy is still running, the case still open), running until a date, or run out.
 * Pure: the record's lifecycle dates, the person's tenancy and "now" are inputs.
 */
import { retentionFor } from '../../manifest/lookup.ts';
import type { Manifest, RecordType, RetentionRule } from '../../manifest/schema.ts';
import type { Inventory, Lifecycle } from '../../records/erasure-inventory.ts';
import { clockStartFor, consentActivitiesOf, type EnteredEvents } from '../../retention/rules.ts';
import { addCalendarMonths, addDays } from '../clock/index.ts';

export type RetentionState =
  | { state: 'none' }
  | { state: 'not-started'; rule: RetentionRule }
  | { state: 'running'; rule: RetentionRule; until: Date }
  | { state: 'expired'; rule: RetentionRule; since: Date };

/** What erasure knows beyond the record: controller events entered and consents withdrawn. */
export interface RetentionContext {
  events: EnteredEvents;
  /** Activity → when the person's consent to it was withdrawn (only consents standing withdrawn). */
  consentsWithdrawn: ReadonlyMap<string, Date>;
}

export const NO_CONTEXT: RetentionContext = { events: new Map(), consentsWithdrawn: new Map() };

/**
 * The day the rule's clock started for this record, or null if its trigger has not happened: the
 * retention module's own mapping (retention/rules.ts clockStartFor), read from the same facts the
 * sweep's SQL reads (records/disposal-due.ts), so erasure and the sweep agree.
 */
function triggerDate(
  manifest: Manifest,
  type: RecordType,
  rule: RetentionRule,
  held: Lifecycle,
  tenancy: Inventory['tenancy'],
  context: RetentionContext,
  now: Date,
): Date | null {
  const clock = clockStartFor(rule, context.events);
  if ('waiting' in clock) return null;
  switch (clock.start) {
    case 'created':
      return held.createdAt;
    case 'occurred':
      return held.occurredAt ?? held.createdAt;
    case 'closed':
      return held.closedAt;
    case 'ended':
      return held.endedAt;
    case 'tenancy-ended':
    case 'lease-ended':
      return tenancy.held && !tenancy.current ? tenancy.lastEnded : null;
    case 'closed-never-housed':
      return tenancy.held ? null : held.closedAt;
    case 'event':
      return new Date(`${clock.eventOn}T00:00:00Z`);
    case 'consent-withdrawn': {
      const times = consentActivitiesOf(manifest, type.id)
        .map((a) => context.consentsWithdrawn.get(a))
        .filter((d): d is Date => d !== undefined);
      // Asking for erasure of data held on consent withdraws that consent, if it was not already.
      return times.length > 0 ? new Date(Math.max(...times.map((d) => d.getTime()))) : now;
    }
  }
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
  context: RetentionContext = NO_CONTEXT,
): RetentionState {
  const rule = retentionFor(manifest, type);
  if (!rule) return { state: 'none' };
  const start = triggerDate(manifest, type, rule, held, tenancy, context, now);
  if (!start) return { state: 'not-started', rule };
  const until = addPeriod(start, rule.period);
  return until > now ? { state: 'running', rule, until } : { state: 'expired', rule, since: until };
}
