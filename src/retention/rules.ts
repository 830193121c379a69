/**
 * The retention schedule a sweep runs, read from the manifest: for each record type, the rule that
 * governs it (its own, else its first activity's), the date its clock starts from and the period.
 * The manifest validator reports bad rules too; the sweep checks again because a store may be
 * given a manifest that was never validated, and a bad rule must stop a sweep before anything goes.
 */
import { retentionFor, lookup } from '../manifest/lookup.ts';
import { RETENTION_TRIGGERS, type Manifest, type RetentionRule } from '../manifest/schema.ts';
import { EVENT_TRIGGER_PREFIX, isBuiltInTrigger } from '../manifest/rules/retention.ts';
import type { ClockStart, DueRule } from '../records/disposal-due.ts';
import { PERSON_TYPE } from '../records/store.ts';
import { RetentionInputError } from './errors.ts';
import { parsePeriod } from './period.ts';

/** What each built-in trigger means in the store; see docs/retention.md for the reasoning. */
const CLOCK_STARTS: Record<(typeof RETENTION_TRIGGERS)[number], ClockStart | 'unrecorded'> = {
  'record-created': 'created',
  'record-occurred': 'occurred',
  'record-closed': 'closed',
  'case-closed': 'closed',
  'job-completed': 'closed',
  'record-ended': 'ended',
  'tenancy-ended': 'tenancy-ended',
  'customer-relationship-ended': 'tenancy-ended',
  'lease-ended': 'lease-ended',
  'application-declined': 'closed-never-housed',
  'application-withdrawn': 'closed-never-housed',
  // Not yet recorded by the store (no employment records, no consent ledger): never due.
  'employment-ended': 'unrecorded',
  'consent-withdrawn': 'unrecorded',
};

/** A record type's place in the schedule; `due` is absent when its clock cannot start yet. */
export interface ScheduledType {
  recordType: string;
  rule: RetentionRule;
  due?: DueRule;
  /** Why the clock cannot start, when it cannot. */
  waiting?: string;
}

/** Controller events the DPO has entered: event id → the day it happened. */
export type EnteredEvents = ReadonlyMap<string, string>;

function checkRule(manifest: Manifest, rule: RetentionRule, index: number): void {
  const at = `retention[${index}] ("${rule.id}")`;
  parsePeriod(rule.period, `${at}.period`);
  if (isBuiltInTrigger(rule.trigger)) return;
  if (rule.trigger.startsWith(EVENT_TRIGGER_PREFIX)) {
    const eventId = rule.trigger.slice(EVENT_TRIGGER_PREFIX.length);
    if (!lookup(manifest).events.has(eventId))
      throw new RetentionInputError(
        `${at}.trigger`,
        `"${eventId}" is not a controller event the manifest declares under "events"`,
      );
    return;
  }
  throw new RetentionInputError(
    `${at}.trigger`,
    `"${rule.trigger}" is not a retention trigger; use one of ${RETENTION_TRIGGERS.join(', ')} or event:<id>`,
  );
}

/** Every rule checked (throws on the first bad one), then the schedule of each record type. */
export function scheduleFor(manifest: Manifest, events: EnteredEvents): ScheduledType[] {
  manifest.retention.forEach((rule, i) => checkRule(manifest, rule, i));
  const out: ScheduledType[] = [];
  for (const type of manifest.recordTypes) {
    if (type.id === PERSON_TYPE) continue;
    const rule = retentionFor(manifest, type);
    if (!rule) continue;
    if (!['erase', 'anonymise', 'review'].includes(rule.action))
      throw new RetentionInputError(`retention ("${rule.id}").action`, 'must be erase, anonymise or review');
    out.push(schedule(manifest.controller.id, type.id, rule, events));
  }
  return out;
}

function schedule(
  controllerId: string,
  recordType: string,
  rule: RetentionRule,
  events: EnteredEvents,
): ScheduledType {
  const base = {
    controllerId,
    recordType,
    ruleId: rule.id,
    period: parsePeriod(rule.period),
    action: rule.action,
  };
  if (rule.trigger.startsWith(EVENT_TRIGGER_PREFIX)) {
    const eventId = rule.trigger.slice(EVENT_TRIGGER_PREFIX.length);
    const on = events.get(eventId);
    if (!on) return { recordType, rule, waiting: `the event "${eventId}" has not been entered yet` };
    return { recordType, rule, due: { ...base, start: 'event', eventOn: on } };
  }
  const start = CLOCK_STARTS[rule.trigger as keyof typeof CLOCK_STARTS];
  if (start === 'unrecorded')
    return { recordType, rule, waiting: `Custos does not record "${rule.trigger}" yet, so nothing is due` };
  return { recordType, rule, due: { ...base, start } };
}
