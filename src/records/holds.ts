/**
 * Legal holds: a person, a record, a household or a case kept from disposal while a claim, a
 * complaint or an investigation needs it. What a hold covers is worked out in SQL every time a
 * sweep looks (heldSql), so a hold placed or released takes effect at the next batch. Placing a
 * hold takes the holds lock exclusively; every disposal batch takes it shared, so a hold can never
 * slip in between a batch's check and its delete.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import type { Queryable } from '../store/db.ts';
import { cleanText } from './formats.ts';
import { InputError, NotFound } from './errors.ts';
import { auditEvent, manifestFor, type Call, type Store } from './store.ts';

export const HOLD_TARGETS = ['person', 'record', 'household', 'case'] as const;
export const HOLD_MATTERS = [
  'possession-claim',
  'disrepair-claim',
  'ombudsman-complaint',
  'police-investigation',
  'insurance-claim',
  'other',
] as const;
export type HoldTarget = (typeof HOLD_TARGETS)[number];
export type HoldMatter = (typeof HOLD_MATTERS)[number];

/** An arbitrary constant naming the advisory lock between placing holds and disposing. */
export const HOLDS_LOCK = 7_311_105;

export interface NewHold {
  controllerId: string;
  target: HoldTarget;
  targetId: string;
  matter: HoldMatter;
  /** What the hold is for, in words about the matter (a claim number), not about people. */
  reason: string;
  /** Who answers for the hold (a staff id or team). */
  owner: string;
  /** YYYY-MM-DD: when the hold must be looked at again. It stays in force until released. */
  reviewOn: string;
}

export interface Hold extends NewHold {
  id: string;
  placedBy: string;
  placedAt: Date;
  releasedAt: Date | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function words(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !cleanText(value).trim()) throw new InputError(field, 'is required');
  if (value.length > max) throw new InputError(field, `must be at most ${max} characters`);
  return cleanText(value).trim();
}

/** The id of what a hold is on, well formed (whether it exists is checked on placing). Pure, for forms too. */
export function checkHoldTargetId(value: unknown, target: string | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw new InputError('targetId', target ? `must be the id of a ${target}` : 'must be an id');
  return value;
}

/**
 * The hold's review date, a real day written YYYY-MM-DD and after `today` (YYYY-MM-DD): a review
 * date already past would be due before the hold was placed. Pure, for forms too.
 */
export function checkHoldReviewOn(value: unknown, today: string): string {
  if (typeof value !== 'string' || !isDay(value))
    throw new InputError('reviewOn', 'must be a date written YYYY-MM-DD');
  if (value <= today) throw new InputError('reviewOn', 'must be in the future');
  return value;
}

function checkHold(input: NewHold, today: string): NewHold {
  if (!HOLD_TARGETS.includes(input.target))
    throw new InputError('target', `must be one of ${HOLD_TARGETS.join(', ')}`);
  checkHoldTargetId(input.targetId, input.target);
  if (!HOLD_MATTERS.includes(input.matter))
    throw new InputError('matter', `must be one of ${HOLD_MATTERS.join(', ')}`);
  checkHoldReviewOn(input.reviewOn, today);
  return {
    ...input,
    reason: words('reason', input.reason, 500),
    owner: words('owner', input.owner, 200),
  };
}

/** The table and condition that say whether a hold's target exists for this controller. */
const TARGET_EXISTS: Record<HoldTarget, string> = {
  person: 'select 1 from people where id = $1 and controller_id = $2',
  record: 'select 1 from records where id = $1 and controller_id = $2',
  household: 'select 1 from households where id = $1 and controller_id = $2',
  case: 'select 1 from records where id = $1 and controller_id = $2',
};

/** Place a hold. An unknown target is refused, naming the field; nothing is written. */
export async function placeHold(store: Store, call: Call, input: NewHold): Promise<Hold> {
  manifestFor(store, input.controllerId);
  const now = store.now();
  const hold = checkHold(input, now.toISOString().slice(0, 10));
  const id = randomUUID();
  await store.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [HOLDS_LOCK]);
    // Locking the target row too: a record cannot be disposed of while its hold is being placed.
    const found = await tx.query(`${TARGET_EXISTS[hold.target]} for share`, [
      hold.targetId,
      hold.controllerId,
    ]);
    if (found.length === 0)
      throw new InputError(
        'targetId',
        `there is no ${hold.target} with this id (it may have been disposed of)`,
      );
    // A second hold for the same matter on the same target would only have to be released twice.
    const [already] = await tx.query(
      `select 1 from retention_holds where controller_id = $1 and target_kind = $2 and target_id = $3
          and matter = $4 and released_at is null`,
      [hold.controllerId, hold.target, hold.targetId, hold.matter],
    );
    if (already)
      throw new InputError('matter', `a hold for this matter is already in force on this ${hold.target}`);
    await tx.query(
      `insert into retention_holds (id, controller_id, target_kind, target_id, matter, reason, owner, review_on, placed_by, placed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        hold.controllerId,
        hold.target,
        hold.targetId,
        hold.matter,
        hold.reason,
        hold.owner,
        hold.reviewOn,
        call.actor.id,
        now,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, hold.controllerId, now, {
        action: 'hold.place',
        outcome: 'allowed',
        personId: hold.target === 'person' ? hold.targetId : null,
        recordIds: hold.target === 'record' || hold.target === 'case' ? [hold.targetId] : [],
        reason: `legal hold ${id} on a ${hold.target} (${hold.matter})`,
      }),
    ]);
  });
  return {
    ...hold,
    id,
    placedBy: call.actor.id,
    placedAt: now,
    releasedAt: null,
    releasedBy: null,
    releaseReason: null,
  };
}

/** Release a hold in force; what it covered becomes due again at the next sweep. */
export async function releaseHold(
  store: Store,
  call: Call,
  controllerId: string,
  holdId: string,
  reason: string,
): Promise<void> {
  if (!UUID.test(holdId)) throw new InputError('holdId', 'must be the id of a hold');
  const why = words('reason', reason, 500);
  const now = store.now();
  await store.db.transaction(async (tx) => {
    const rows = await tx.query(
      `update retention_holds set released_at = $3, released_by = $4, release_reason = $5
       where id = $1 and controller_id = $2 and released_at is null returning id`,
      [holdId, controllerId, now, call.actor.id, why],
    );
    if (rows.length === 0) {
      const [known] = await tx.query('select 1 from retention_holds where id = $1 and controller_id = $2', [
        holdId,
        controllerId,
      ]);
      // A hold released already is a stale page, not a wrong address.
      if (known) throw new InputError('holdId', 'is no longer in force: it has been released');
      throw new NotFound('a hold with this id');
    }
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action: 'hold.release',
        outcome: 'allowed',
        reason: `legal hold ${holdId} released`,
      }),
    ]);
  });
}

interface HoldRow {
  id: string;
  controller_id: string;
  target_kind: HoldTarget;
  target_id: string;
  matter: HoldMatter;
  reason: string;
  owner: string;
  review_on: string;
  placed_by: string;
  placed_at: Date;
  released_at: Date | null;
  released_by: string | null;
  release_reason: string | null;
}

/** A hold as listed: with whose file it is on (a person's, a record's or case's subject), for pages. */
export interface ListedHold extends Hold {
  personId: string | null;
  /** The record type of a held record or case, else null. */
  recordType: string | null;
}

/** The subject and record type of a hold's target `h`: who the DPO would open to see it. */
const SUBJECT_COLUMNS = `
  case when h.target_kind = 'person' then h.target_id
       else (select r.person_id from records r where r.id = h.target_id and h.target_kind in ('record', 'case')) end as person_id,
  (select r.record_type from records r where r.id = h.target_id and h.target_kind in ('record', 'case')) as record_type`;

const holdOf = (r: HoldRow & { person_id: string | null; record_type: string | null }): ListedHold => ({
  id: r.id,
  controllerId: r.controller_id,
  target: r.target_kind,
  targetId: r.target_id,
  matter: r.matter,
  reason: r.reason,
  owner: r.owner,
  reviewOn: r.review_on,
  placedBy: r.placed_by,
  placedAt: r.placed_at,
  releasedAt: r.released_at,
  releasedBy: r.released_by,
  releaseReason: r.release_reason,
  personId: r.person_id,
  recordType: r.record_type,
});

/** Holds of a controller, newest first; only those in force unless `all`. */
export async function listHolds(db: Queryable, controllerId: string, all = false): Promise<ListedHold[]> {
  const rows = await db.query<HoldRow & { person_id: string | null; record_type: string | null }>(
    `select h.*, ${SUBJECT_COLUMNS} from retention_holds h
     where h.controller_id = $1 and ($2 or h.released_at is null)
     order by h.placed_at desc, h.id`,
    [controllerId, all],
  );
  return rows.map(holdOf);
}

/** One hold of a controller, in force or released, or undefined when there is none with this id. */
export async function findHold(
  db: Queryable,
  controllerId: string,
  holdId: string,
): Promise<ListedHold | undefined> {
  if (!UUID.test(holdId)) return undefined;
  const [row] = await db.query<HoldRow & { person_id: string | null; record_type: string | null }>(
    `select h.*, ${SUBJECT_COLUMNS} from retention_holds h where h.id = $1 and h.controller_id = $2`,
    [holdId, controllerId],
  );
  return row && holdOf(row);
}

/** Whose file a hold's target is on, and its record type: for a form that names it. */
export async function holdTargetSubject(
  db: Queryable,
  controllerId: string,
  target: HoldTarget,
  targetId: string,
): Promise<{ personId: string | null; recordType: string | null }> {
  const [row] = await db.query<{ person_id: string | null; record_type: string | null }>(
    `select ${SUBJECT_COLUMNS} from (select $2::text as target_kind, $3::uuid as target_id) h
     where exists (select 1 from people p where p.id = h.target_id and p.controller_id = $1)
        or exists (select 1 from records r where r.id = h.target_id and r.controller_id = $1)`,
    [controllerId, target, targetId],
  );
  return { personId: row?.person_id ?? null, recordType: row?.record_type ?? null };
}

/**
 * The holds in force covering this person, or any of these records of their file, however they
 * do (heldSql): what the person's file warns of. Soonest review first.
 */
export async function holdsCovering(
  db: Queryable,
  controllerId: string,
  personId: string,
  recordIds: readonly string[],
): Promise<ListedHold[]> {
  const rows = await db.query<HoldRow & { person_id: string | null; record_type: string | null }>(
    `with ${heldSql('$1')}
     select h.*, ${SUBJECT_COLUMNS} from retention_holds h
     where h.id in (select hold_id from held_people where person_id = $2
                    union select hold_id from held_records where record_id = any($3::uuid[]))
     order by h.review_on, h.id`,
    [controllerId, personId, recordIds],
  );
  return rows.map(holdOf);
}

/**
 * CTEs naming what the holds in force cover: `held_people` (held people, everyone in a held
 * household, everyone involved in a held case) and `held_records` (held records and cases, and
 * every record that mentions a held person), each row with the `hold_id` that covers it (a
 * person's file names its holds). `c` is the placeholder of the controller id.
 */
export function heldSql(c: string): string {
  const inForce = `h.controller_id = ${c} and h.released_at is null`;
  return `
  held_people as (
    select h.id as hold_id, h.target_id as person_id from retention_holds h where ${inForce} and h.target_kind = 'person'
    union
    select h.id, hm.person_id from retention_holds h join household_members hm on hm.household_id = h.target_id
      where ${inForce} and h.target_kind = 'household'
    union
    select h.id, tp.person_id from retention_holds h join tenancies t on t.household_id = h.target_id
      join tenancy_parties tp on tp.tenancy_id = t.id where ${inForce} and h.target_kind = 'household'
    union
    select h.id, cr.person_id from retention_holds h join records cr on cr.id = h.target_id
      where ${inForce} and h.target_kind = 'case'
    union
    select h.id, m.person_id from retention_holds h join mentions m on m.record_id = h.target_id
      where ${inForce} and h.target_kind = 'case'
  ),
  held_records as (
    select h.id as hold_id, h.target_id as record_id from retention_holds h
      where ${inForce} and h.target_kind in ('record', 'case')
    union
    select hp.hold_id, m.record_id from held_people hp join mentions m on m.person_id = hp.person_id
  )`;
}

/** The number of holds in force, and of those whose review date has passed. */
export async function holdCounts(
  db: Queryable,
  controllerId: string,
  today: string,
): Promise<{ inForce: number; reviewDue: number }> {
  const [row] = await db.query<{ in_force: number; review_due: number }>(
    `select count(*)::int8 as in_force, count(*) filter (where review_on <= $2::date)::int8 as review_due
     from retention_holds where controller_id = $1 and released_at is null`,
    [controllerId, today],
  );
  return { inForce: row?.in_force ?? 0, reviewDue: row?.review_due ?? 0 };
}

/**
 * Which of these records a legal hold in force covers (directly, through their subject, household
 * or case, or because they mention a held person): for anything else that deletes records, such as
 * Art. 17 erasure, which must not erase what is needed for legal claims (Art. 17(3)(e)).
 */
export async function heldRecordIds(
  db: Queryable,
  controllerId: string,
  recordIds: readonly string[],
): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `with ${heldSql('$1')}
     select r.id from records r
     where r.controller_id = $1 and r.id = any($2::uuid[])
       and (r.person_id in (select person_id from held_people) or r.id in (select record_id from held_records))`,
    [controllerId, recordIds],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Whether a legal hold in force covers the person themselves (directly, through their household or
 * a held case): then they may not be erased entirely, whatever else about them may go.
 */
export async function personIsHeld(db: Queryable, controllerId: string, personId: string): Promise<boolean> {
  const rows = await db.query<{ held: boolean }>(
    `with ${heldSql('$1')} select exists (select 1 from held_people where person_id = $2) as held`,
    [controllerId, personId],
  );
  return rows[0]?.held === true;
}
