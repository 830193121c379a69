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
import type { PersonRule } from '../records/disposal-person.ts';
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
  // The consent ledger: the subject's consent to the type's activity is withdrawn, since then.
  'consent-withdrawn': 'consent-withdrawn',
  // Not yet recorded by the store (no employment records): never due.
  'employment-ended': 'unrecorded',
};

/**
 * Where a rule's clock starts in the store's terms, or why it cannot start: the one mapping the
 * sweep (records/disposal-due.ts) and erasure (rights/erasure/retention-state.ts) both read, so
 * they never disagree about whether a record's time is up.
 */
export function clockStartFor(
  rule: RetentionRule,
  events: EnteredEvents,
): { start: ClockStart; eventOn?: string } | { waiting: string } {
  if (rule.trigger.startsWith(EVENT_TRIGGER_PREFIX)) {
    const eventId = rule.trigger.slice(EVENT_TRIGGER_PREFIX.length);
    const on = events.get(eventId);
    if (!on) return { waiting: `the event "${eventId}" has not been entered yet` };
    return { start: 'event', eventOn: on };
  }
  const start = CLOCK_STARTS[rule.trigger as keyof typeof CLOCK_STARTS];
  if (start === undefined || start === 'unrecorded')
    return { waiting: `Custos does not record "${rule.trigger}" yet, so nothing is due` };
  return { start };
}

/** The activities whose withdrawn consent starts a consent-withdrawn clock: the type's consent-based ones. */
export function consentActivitiesOf(manifest: Manifest, recordType: string): string[] {
  const l = lookup(manifest);
  const activities = l.recordTypes.get(recordType)?.activities ?? [];
  const onConsent = activities.filter((id) =>
    l.activities.get(id)?.lawfulBases.some((b) => b.basis === 'consent'),
  );
  return onConsent.length > 0 ? onConsent : activities;
}

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
    out.push(schedule(manifest, type.id, rule, events));
  }
  return out;
}

function schedule(
  manifest: Manifest,
  recordType: string,
  rule: RetentionRule,
  events: EnteredEvents,
): ScheduledType {
  const clock = clockStartFor(rule, events);
  if ('waiting' in clock) return { recordType, rule, waiting: clock.waiting };
  const due: DueRule = {
    controllerId: manifest.controller.id,
    recordType,
    ruleId: rule.id,
    period: parsePeriod(rule.period),
    action: rule.action,
    ...clock,
  };
  if (clock.start === 'consent-withdrawn') due.consentActivities = consentActivitiesOf(manifest, recordType);
  return { recordType, rule, due };
}

/** The triggers a rule for people's own details may use: both mean "their last tie to us ended". */
export const PERSON_TRIGGERS = ['customer-relationship-ended', 'tenancy-ended'];

/**
 * The rule for people's own details, when the manifest's person type names one itself (its
 * activities' rules are for records, so a person is never disposed of unless asked for). Its clock
 * starts from the later of their last record's disposal and their last tenancy's end (docs/retention.md).
 */
export function personRuleFor(manifest: Manifest): { rule: RetentionRule; due: PersonRule } | undefined {
  const type = manifest.recordTypes.find((t) => t.id === PERSON_TYPE);
  if (!type?.retention) return undefined;
  const at = `recordTypes ("${PERSON_TYPE}").retention`;
  const rule = manifest.retention.find((r) => r.id === type.retention);
  if (!rule)
    throw new RetentionInputError(at, `"${type.retention}" is not a retention rule the manifest declares`);
  if (!PERSON_TRIGGERS.includes(rule.trigger))
    throw new RetentionInputError(
      `retention ("${rule.id}").trigger`,
      `a rule for people's own details must use ${PERSON_TRIGGERS.join(' or ')}, not "${rule.trigger}"`,
    );
  if (rule.action !== 'erase')
    throw new RetentionInputError(
      `retention ("${rule.id}").action`,
      'a rule for people’s own details must erase: a person cannot be anonymised or reviewed here',
    );
  return {
    rule,
    due: { controllerId: manifest.controller.id, ruleId: rule.id, period: parsePeriod(rule.period) },
  };
}
