/**
 * The facts routine returns are built on, in clear: which tenancies ran or began in a period,
 * who was party to them and who lived in the home, where the home is, and which records fall in
 * a window by their lifecycle dates. Ids, dates and the home's address only; nothing sealed is
 * opened here. Whatever of a person's own data a return then needs is read through the gate
 * (returns.ts), which decides who is in the return at all.
 */
import type { Queryable } from '../store/db.ts';

export interface TenancyFacts {
  id: string;
  kind: string;
  startedOn: string;
  endedOn: string | null;
  householdId: string;
  property: { id: string; uprn: string | null; address: string; postcode: string };
  /** The people named on the tenancy. */
  parties: string[];
}

interface TenancyRow {
  id: string;
  kind: string;
  started_on: string;
  ended_on: string | null;
  household_id: string;
  property_id: string;
  uprn: string | null;
  address: string;
  postcode: string;
  parties: string[];
}

/**
 * Tenancies in force at any time between two dates (inclusive), or, with `startingOnly`, those
 * that began between them (new lettings). Oldest first.
 */
export async function tenanciesInPeriod(
  q: Queryable,
  controllerId: string,
  period: { from: string; to: string; startingOnly?: boolean },
): Promise<TenancyFacts[]> {
  const rows = await q.query<TenancyRow>(
    `select t.id, t.kind, t.started_on, t.ended_on, t.household_id, t.property_id, pr.uprn, pr.address, pr.postcode,
            array(select tp.person_id::text from tenancy_parties tp where tp.tenancy_id = t.id order by tp.person_id) as parties
       from tenancies t join properties pr on pr.id = t.property_id
      where t.controller_id = $1 and t.started_on <= $3
        and (case when $4 then t.started_on >= $2 else (t.ended_on is null or t.ended_on >= $2) end)
      order by t.started_on, t.id`,
    [controllerId, period.from, period.to, period.startingOnly === true],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    householdId: r.household_id,
    property: { id: r.property_id, uprn: r.uprn, address: r.address, postcode: r.postcode },
    parties: r.parties,
  }));
}

export interface Member {
  householdId: string;
  personId: string;
  relationship: string;
}

/** Who lived in each household on a day. */
export async function householdsOn(
  q: Queryable,
  householdIds: readonly string[],
  on: string,
): Promise<Member[]> {
  const rows = await q.query<{ household_id: string; person_id: string; relationship: string }>(
    `select household_id, person_id, relationship from household_members
      where household_id = any($1::uuid[]) and started_on <= $2 and (ended_on is null or ended_on > $2)
      order by household_id, started_on, person_id`,
    [householdIds, on],
  );
  return rows.map((r) => ({
    householdId: r.household_id,
    personId: r.person_id,
    relationship: r.relationship,
  }));
}

export interface RecordFact {
  id: string;
  personId: string;
  occurredAt: Date | null;
  closedAt: Date | null;
}

export interface RecordWindow {
  recordType: string;
  /** Only the files of these people (all the controller's when absent). */
  people?: readonly string[];
  /** occurred_at on or after / before (exclusive) these instants. */
  occurredFrom?: Date;
  occurredBefore?: Date;
  /** Still open at this instant: closed_at null or after it. */
  openAt?: Date;
  /** Closed on or after / before (exclusive) these instants. */
  closedFrom?: Date;
  closedBefore?: Date;
}

/** Records of one type picked by their lifecycle dates (in clear), oldest first. */
export async function recordsInWindow(
  q: Queryable,
  controllerId: string,
  w: RecordWindow,
): Promise<RecordFact[]> {
  const rows = await q.query<{
    id: string;
    person_id: string;
    occurred_at: Date | null;
    closed_at: Date | null;
  }>(
    `select id, person_id, occurred_at, closed_at from records
      where controller_id = $1 and record_type = $2
        and ($3::uuid[] is null or person_id = any($3::uuid[]))
        and ($4::timestamptz is null or occurred_at >= $4)
        and ($5::timestamptz is null or occurred_at < $5)
        and ($6::timestamptz is null or closed_at is null or closed_at > $6)
        and ($7::timestamptz is null or closed_at >= $7)
        and ($8::timestamptz is null or closed_at < $8)
      order by occurred_at nulls first, created_at, id`,
    [
      controllerId,
      w.recordType,
      w.people ?? null,
      w.occurredFrom ?? null,
      w.occurredBefore ?? null,
      w.openAt ?? null,
      w.closedFrom ?? null,
      w.closedBefore ?? null,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    occurredAt: r.occurred_at,
    closedAt: r.closed_at,
  }));
}
