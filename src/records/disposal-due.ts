/**
 * Which records a retention rule has made due: the date the rule's clock starts from, read from
 * the lifecycle dates and tenancies kept in clear (never from sealed payloads), plus the period, on
 * or before the sweep's "as of" moment. The same query lists the candidates of a sweep, re-checks
 * and locks each batch inside its transaction, and counts for the plan.
 */
import type { Queryable } from '../store/db.ts';
import type { Period } from '../retention/period.ts';
import { heldSql } from './holds.ts';

/**
 * Where a rule's clock starts, in the store's terms:
 * - created / occurred (falling back to created) / closed / ended: the record's own dates;
 * - tenancy-ended: every tenancy the subject was party to or lived in has ended (the latest end);
 * - lease-ended: the same, over leases only;
 * - closed-never-housed: the record closed and its subject has never held or lived in a tenancy
 *   (a declined or withdrawn application, read without opening the sealed outcome);
 * - consent-withdrawn: the subject's consent to one of `consentActivities` stands withdrawn in the
 *   consent ledger, from the moment it was withdrawn (consent given again stops the clock);
 * - event: a controller event the DPO entered.
 */
export type ClockStart =
  | 'created'
  | 'occurred'
  | 'closed'
  | 'ended'
  | 'tenancy-ended'
  | 'lease-ended'
  | 'closed-never-housed'
  | 'consent-withdrawn'
  | 'event';

export type DisposalAction = 'erase' | 'anonymise' | 'review';

export interface DueRule {
  controllerId: string;
  recordType: string;
  ruleId: string;
  start: ClockStart;
  /** YYYY-MM-DD, for start 'event'. */
  eventOn?: string;
  /** For start 'consent-withdrawn': the activities whose consent counts. */
  consentActivities?: readonly string[];
  period: Period;
  action: DisposalAction;
}

/** Tenancy kinds that are leases, for lease-ended. */
export const LEASE_KINDS = ['lease', 'leasehold', 'shared-ownership'];

/** Numbered parameters, added as the query is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The subject's ties to tenancies, each with the day it ended (null while it lasts). */
export function tiesSql(c: string, leasesOnly: string | null, people: string | null): string {
  const kind = leasesOnly ? ` and t.kind = any(${leasesOnly})` : '';
  const only = (col: string) => (people ? ` and ${col} in (select person_id from batch_people)` : '');
  return `
  ties as (
    select tp.person_id, t.ended_on from tenancy_parties tp join tenancies t on t.id = tp.tenancy_id
      where tp.controller_id = ${c}${kind}${only('tp.person_id')}
    union all
    select hm.person_id, least(hm.ended_on, t.ended_on) from household_members hm
      join tenancies t on t.household_id = hm.household_id
      where hm.controller_id = ${c}${kind}${only('hm.person_id')}
  ),
  ends as (
    select person_id, max(ended_on) as ended_on, bool_and(ended_on is not null) as all_ended
    from ties group by person_id
  )`;
}

/** The clock's start as a UTC timestamp (without time zone), or null while it has not started. */
function startSql(rule: DueRule, p: Params): string {
  switch (rule.start) {
    case 'created':
      return `(r.created_at at time zone 'UTC')`;
    case 'occurred':
      return `(coalesce(r.occurred_at, r.created_at) at time zone 'UTC')`;
    case 'closed':
      return `(r.closed_at at time zone 'UTC')`;
    case 'ended':
      return `(r.ended_at at time zone 'UTC')`;
    case 'tenancy-ended':
    case 'lease-ended':
      return `(case when e.all_ended then e.ended_on::timestamp end)`;
    case 'closed-never-housed':
      return `(case when e.person_id is null then r.closed_at at time zone 'UTC' end)`;
    case 'consent-withdrawn':
      return `(select max(e.at) at time zone 'UTC' from consent_records cr
                 join consent_events e on e.record_id = cr.id and e.state = 'withdrawn'
                where cr.person_id = r.person_id and cr.controller_id = r.controller_id
                  and cr.status = 'withdrawn' and cr.activity_id = any(${p.add(rule.consentActivities ?? [])}::text[]))`;
    case 'event':
      return `${p.add(rule.eventOn)}::date::timestamp`;
  }
}

function intervalSql(q: Period, p: Params): string {
  const whole = [q.years, q.months, q.weeks, q.days, q.hours, q.minutes].map((v) => `${p.add(v)}::int`);
  return `make_interval(${whole.join(', ')}, ${p.add(q.seconds)}::double precision)`;
}

export interface DueQueryOptions {
  /** Only these records (a batch being re-checked). */
  ids?: readonly string[];
  /** Their subjects, when known: lets the tenancy lookups use the person indexes. */
  people?: readonly string[];
  /** Lock the rows found (inside a disposal transaction). */
  lock?: boolean;
  /** Select the sealed payload and dates too (for anonymisation). */
  payload?: boolean;
  /** Include held records, with `held` true, instead of leaving them out (for the plan). */
  includeHeld?: boolean;
  /** Leave the rule's period out: a person decided these records go (a review), only holds still count. */
  decided?: boolean;
  /** Order by subject: a batch then touches few people (few audit events) and their rows together. */
  bySubject?: boolean;
}

export interface DueRow {
  id: string;
  person_id: string;
  held?: boolean;
  payload?: Uint8Array;
  month?: string;
}

/** The condition that the rule's period has run out by `asOf`, and (review) the record is not queued. */
function dueCondition(rule: DueRule, asOf: Date, p: Params): string {
  const start = startSql(rule, p);
  const now = `(${p.add(asOf)}::timestamptz at time zone 'UTC')`;
  const queued =
    rule.action === 'review'
      ? ` and not exists (select 1 from retention_reviews v where v.record_id = r.id and (v.status = 'pending' or v.keep_until > ${now}::date))`
      : '';
  return `and ${start} + ${intervalSql(rule.period, p)} <= ${now}${queued}`;
}

/** Whether a legal hold covers the record `r` (its subject or itself), over heldSql's tables. */
const HELD = `(r.person_id in (select person_id from held_people) or r.id in (select record_id from held_records))`;

/** The due query for one rule; see the module comment. */
export function dueQuery(
  rule: DueRule,
  asOf: Date,
  options: DueQueryOptions = {},
): { sql: string; params: unknown[] } {
  const p = new Params();
  const c = p.add(rule.controllerId);
  const type = p.add(rule.recordType);
  const ids = options.ids ? p.add(options.ids) : null;
  const needsTies =
    !options.decided && ['tenancy-ended', 'lease-ended', 'closed-never-housed'].includes(rule.start);
  const ctes = [heldSql(c)];
  if (needsTies) {
    if (ids && options.people)
      ctes.push(`batch_people as (select unnest(${p.add(options.people)}::uuid[]) as person_id)`);
    else if (ids) ctes.push(`batch_people as (select person_id from records where id = any(${ids}::uuid[]))`);
    ctes.push(tiesSql(c, rule.start === 'lease-ended' ? p.add(LEASE_KINDS) : null, ids));
  }
  const month = `to_char(coalesce(r.occurred_at, r.created_at) at time zone 'UTC', 'YYYY-MM')`;
  const sql = `with ${ctes.join(',')}
  select r.id, r.person_id, ${HELD} as held${options.payload ? `, r.payload, ${month} as month` : ''}
  from records r${needsTies ? ' left join ends e on e.person_id = r.person_id' : ''}
  where r.controller_id = ${c} and r.record_type = ${type}${ids ? ` and r.id = any(${ids}::uuid[])` : ''}
    ${options.decided ? '' : dueCondition(rule, asOf, p)}
    ${options.includeHeld ? '' : `and not ${HELD}`}
  order by ${options.bySubject ? 'r.person_id, ' : ''}r.id${options.lock ? ' for update of r' : ''}`;
  return { sql, params: p.values };
}

/** The records this rule has made due and no hold covers, each subject's together. */
export async function dueRecords(db: Queryable, rule: DueRule, asOf: Date): Promise<DueRow[]> {
  const { sql, params } = dueQuery(rule, asOf, { bySubject: true });
  return db.query<DueRow>(sql, params);
}

/** For the plan: how many are due, and how many more would be but are held. */
export async function countDue(
  db: Queryable,
  rule: DueRule,
  asOf: Date,
): Promise<{ due: number; held: number }> {
  const { sql, params } = dueQuery(rule, asOf, { includeHeld: true });
  const [row] = await db.query<{ due: number; held: number }>(
    `select count(*) filter (where not d.held)::int8 as due, count(*) filter (where d.held)::int8 as held
     from (${sql}) d`,
    params,
  );
  return { due: row?.due ?? 0, held: row?.held ?? 0 };
}

/** Clock starts that read the subject's tenancy ties over every kind of tenancy (lease-ended reads leases only). */
const ALL_TIES: readonly ClockStart[] = ['tenancy-ended', 'closed-never-housed'];

/**
 * countDue for many rules of one controller in one query, for a summary (the staff home): the holds
 * and the tenancy ties are worked out once and the records read once, rather than once per rule.
 * The conditions are dueQuery's own. Each rule must be for its own record type (as the schedule
 * gives them); a lease-ended rule reads other ties, so it is counted on its own. Counts come back
 * in the rules' order.
 */
export async function countDueByRule(
  db: Queryable,
  rules: readonly DueRule[],
  asOf: Date,
): Promise<{ due: number; held: number }[]> {
  const types = new Set(rules.map((r) => r.recordType));
  if (types.size !== rules.length || new Set(rules.map((r) => r.controllerId)).size > 1)
    throw new Error('countDueByRule takes one controller’s rules, one per record type');
  const together = rules.filter((r) => r.start !== 'lease-ended');
  const counts = new Map<string, { due: number; held: number }>();
  if (together.length > 0) {
    const { sql, params } = dueByTypeQuery(together, asOf);
    const rows = await db.query<{ record_type: string; due: number; held: number }>(sql, params);
    for (const row of rows) counts.set(row.record_type, { due: Number(row.due), held: Number(row.held) });
  }
  for (const rule of rules)
    if (rule.start === 'lease-ended') counts.set(rule.recordType, await countDue(db, rule, asOf));
  return rules.map((rule) => counts.get(rule.recordType) ?? { due: 0, held: 0 });
}

/** Due and held counts by record type, each type under its own rule's condition. */
function dueByTypeQuery(rules: readonly DueRule[], asOf: Date): { sql: string; params: unknown[] } {
  const p = new Params();
  const c = p.add(rules[0]!.controllerId);
  const needsTies = rules.some((r) => ALL_TIES.includes(r.start));
  const ctes = [heldSql(c), ...(needsTies ? [tiesSql(c, null, null)] : [])];
  const byType = rules.map(
    (rule) => `(r.record_type = ${p.add(rule.recordType)} ${dueCondition(rule, asOf, p)})`,
  );
  const sql = `with ${ctes.join(',')}
  select d.record_type, count(*) filter (where not d.held)::int8 as due, count(*) filter (where d.held)::int8 as held
  from (
    select r.record_type, ${HELD} as held
    from records r${needsTies ? ' left join ends e on e.person_id = r.person_id' : ''}
    where r.controller_id = ${c} and (${byType.join('\n      or ')})
  ) d
  group by d.record_type`;
  return { sql, params: p.values };
}
