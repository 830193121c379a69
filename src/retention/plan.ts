/**
 * The dry run: for every record type, the rule that governs it and how many of its records would
 * go now (and how many more would, but are held), with the holds in force and the review queue.
 * Nothing is written.
 */
import { retentionPeriodWords } from '../manifest/words.ts';
import { holdCounts } from '../records/holds.ts';
import { countDue, countDueByRule } from '../records/disposal-due.ts';
import { countDuePeople } from '../records/disposal-person.ts';
import { manifestFor, PERSON_TYPE, type Store } from '../records/store.ts';
import type { Queryable } from '../store/db.ts';
import { enteredEvents } from './events.ts';
import { RetentionInputError } from './errors.ts';
import { personRuleFor, scheduleFor } from './rules.ts';

export interface PlanLine {
  recordType: string;
  ruleId: string;
  trigger: string;
  /** ISO 8601, as the manifest holds it. */
  period: string;
  /** The rule's clock in words, for people: "6 years after the tenancy ends". */
  schedule: string;
  action: 'erase' | 'anonymise' | 'review';
  /** Would be disposed of (or queued for review) now. */
  due: number;
  /** Would be, but a legal hold covers them. */
  held: number;
  /** Why the clock cannot start yet, when it cannot. */
  waiting?: string;
}

export interface RetentionPlan {
  controllerId: string;
  asOf: Date;
  lines: PlanLine[];
  holds: { inForce: number; reviewDue: number };
  reviews: { pending: number; kept: number };
}

export interface PlanOptions {
  controllerId?: string;
  /** Plan as of another moment (a what-if); the store's clock otherwise. */
  asOf?: Date;
}

function checkAsOf(store: Store, options: PlanOptions): Date {
  const asOf = options.asOf ?? store.now();
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime()))
    throw new RetentionInputError('asOf', 'must be a valid date');
  return asOf;
}

export async function planRetention(store: Store, options: PlanOptions = {}): Promise<RetentionPlan[]> {
  const asOf = checkAsOf(store, options);
  if (options.controllerId !== undefined) manifestFor(store, options.controllerId);
  const controllers = options.controllerId ? [options.controllerId] : [...store.manifests.keys()];
  for (const id of controllers) {
    scheduleFor(manifestFor(store, id), new Map());
    personRuleFor(manifestFor(store, id));
  }
  const plans: RetentionPlan[] = [];
  for (const controllerId of controllers) plans.push(await planController(store, controllerId, asOf));
  return plans;
}

async function planController(store: Store, controllerId: string, asOf: Date): Promise<RetentionPlan> {
  const manifest = manifestFor(store, controllerId);
  const schedule = scheduleFor(manifest, await enteredEvents(store.db, controllerId));
  const lines: PlanLine[] = [];
  for (const s of schedule) {
    const counts = s.due ? await countDue(store.db, s.due, asOf) : { due: 0, held: 0 };
    lines.push({
      recordType: s.recordType,
      ruleId: s.rule.id,
      trigger: s.rule.trigger,
      period: s.rule.period,
      schedule: retentionPeriodWords(manifest, s.rule),
      action: s.rule.action,
      ...counts,
      ...(s.waiting && { waiting: s.waiting }),
    });
  }
  const people = personRuleFor(manifest);
  if (people) {
    const { rule } = people;
    const counts = await countDuePeople(store.db, people.due, asOf);
    lines.push({
      recordType: PERSON_TYPE,
      ruleId: rule.id,
      trigger: rule.trigger,
      period: rule.period,
      schedule: retentionPeriodWords(manifest, rule),
      action: 'erase',
      ...counts,
    });
  }
  return {
    controllerId,
    asOf,
    lines,
    holds: await holdCounts(store.db, controllerId, asOf.toISOString().slice(0, 10)),
    reviews: await reviewCounts(store.db, controllerId),
  };
}

async function reviewCounts(db: Queryable, controllerId: string): Promise<{ pending: number; kept: number }> {
  const [row] = await db.query<{ pending: number; kept: number }>(
    `select count(*) filter (where status = 'pending')::int8 as pending, count(*) filter (where status = 'kept')::int8 as kept
     from retention_reviews where controller_id = $1`,
    [controllerId],
  );
  return { pending: row?.pending ?? 0, kept: row?.kept ?? 0 };
}

/** The plan in totals: what the staff home shows. */
export interface RetentionSummary {
  controllerId: string;
  asOf: Date;
  /** Records and people due to be erased or anonymised now (the plan's erase and anonymise lines). */
  dispose: number;
  /** Records due to join the review queue now (the plan's review lines). */
  review: number;
  /** Would be due, but a legal hold covers them (every line). */
  held: number;
  holds: { inForce: number; reviewDue: number };
  reviews: { pending: number; kept: number };
}

/**
 * One controller's plan summed, without a line per record type: the record rules are counted
 * together in one query (records/disposal-due.ts) instead of one each, so the staff home can show
 * it on every view. Same figures as planRetention's lines summed; nothing is cached, so a sweep or
 * a hold shows at the next view.
 */
export async function summariseRetention(
  store: Store,
  controllerId: string,
  options: Pick<PlanOptions, 'asOf'> = {},
): Promise<RetentionSummary> {
  const asOf = checkAsOf(store, options);
  const manifest = manifestFor(store, controllerId);
  const schedule = scheduleFor(manifest, await enteredEvents(store.db, controllerId));
  const people = personRuleFor(manifest);
  const rules = schedule.flatMap((s) => (s.due ? [s.due] : []));
  const counts = await countDueByRule(store.db, rules, asOf);
  const lines = rules.map((rule, i) => ({ action: rule.action, ...counts[i]! }));
  if (people) lines.push({ action: 'erase', ...(await countDuePeople(store.db, people.due, asOf)) });
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + pick(l), 0);
  return {
    controllerId,
    asOf,
    dispose: sum((l) => (l.action === 'review' ? 0 : l.due)),
    review: sum((l) => (l.action === 'review' ? l.due : 0)),
    held: sum((l) => l.held),
    holds: await holdCounts(store.db, controllerId, asOf.toISOString().slice(0, 10)),
    reviews: await reviewCounts(store.db, controllerId),
  };
}
