/**
 * Disposing of people's own details under the person type's retention rule (issue 5). Once a
 * person has no records left (their own, or mentions in other people's), no tenancy going on, no
 * legal hold, no open rights request and no restriction, and the rule's period has run from the
 * latest of when their last record was disposed of and when their last tenancy ended (or, with
 * neither, from when they were added), they go exactly as Art. 17 erasure takes a person:
 * clearPerson, in one transaction with the audit and the disposal log; their id reaches the vault's
 * tombstones through the outbox, and their data key is destroyed, so a restore cannot bring them back.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import type { Queryable } from '../store/db.ts';
import type { Period } from '../retention/period.ts';
import { tiesSql } from './disposal-due.ts';
import type { Outbox } from './disposal.ts';
import { clearPerson } from './erasure-person.ts';
import { heldSql, HOLDS_LOCK } from './holds.ts';
import { auditEvent, PERSON_TYPE, type Call, type Store } from './store.ts';

export interface PersonRule {
  controllerId: string;
  ruleId: string;
  period: Period;
}

/** Rights requests still being answered: a person is never disposed of under one. */
const OPEN_REQUEST = `status not in ('completed', 'refused', 'withdrawn', 'closed')`;

export interface DuePeopleOptions {
  ids?: readonly string[];
  lock?: boolean;
  /** Include held people, with `held` true (for the plan). */
  includeHeld?: boolean;
}

export function duePeopleQuery(
  rule: PersonRule,
  asOf: Date,
  o: DuePeopleOptions = {},
): { sql: string; params: unknown[] } {
  const q = rule.period;
  const params: unknown[] = [rule.controllerId, asOf, q.years, q.months, q.weeks, q.days, q.hours, q.minutes];
  params.push(q.seconds);
  const ids = o.ids ? `and p.id = any($${params.push(o.ids)}::uuid[])` : '';
  const held = '(p.id in (select person_id from held_people))';
  const start = `coalesce(greatest(p.records_disposed_at at time zone 'UTC', e.ended_on::timestamp), p.created_at at time zone 'UTC')`;
  const period = 'make_interval($3::int, $4::int, $5::int, $6::int, $7::int, $8::int, $9::double precision)';
  const sql = `with ${heldSql('$1')}, ${tiesSql('$1', null, null)}
  select p.id, ${held} as held
    from people p left join ends e on e.person_id = p.id
   where p.controller_id = $1 and p.erased_at is null and p.restricted_since is null ${ids}
     and (e.person_id is null or e.all_ended)
     and not exists (select 1 from records r where r.person_id = p.id)
     and not exists (select 1 from mentions m where m.person_id = p.id)
     and not exists (select 1 from rights_requests q where q.person_id = p.id and q.${OPEN_REQUEST})
     and ${start} + ${period} <= ($2::timestamptz at time zone 'UTC')
     ${o.includeHeld ? '' : `and not ${held}`}
   order by p.id${o.lock ? ' for update of p' : ''}`;
  return { sql, params };
}

/** The people the rule has made due and no hold covers. */
export async function duePeople(db: Queryable, rule: PersonRule, asOf: Date): Promise<string[]> {
  const { sql, params } = duePeopleQuery(rule, asOf);
  return (await db.query<{ id: string }>(sql, params)).map((r) => r.id);
}

/** For the plan: how many people are due, and how many more would be but are held. */
export async function countDuePeople(
  db: Queryable,
  rule: PersonRule,
  asOf: Date,
): Promise<{ due: number; held: number }> {
  const { sql, params } = duePeopleQuery(rule, asOf, { includeHeld: true });
  const [row] = await db.query<{ due: number; held: number }>(
    `select count(*) filter (where not d.held)::int8 as due, count(*) filter (where d.held)::int8 as held
       from (${sql}) d`,
    params,
  );
  return { due: Number(row?.due ?? 0), held: Number(row?.held ?? 0) };
}

export interface PeopleDisposal {
  runId: string;
  batch: number;
  rule: PersonRule;
  asOf: Date;
  call: Call;
}

/**
 * Dispose of these people (re-checked and locked in the transaction), returning how many went and
 * the outbox row the caller hands to deliverTombstones once the transaction has committed.
 */
export async function disposePeople(
  store: Store,
  ctx: PeopleDisposal,
  candidates: readonly string[],
): Promise<{ people: number; documents: number; outbox?: Outbox }> {
  if (candidates.length === 0) return { people: 0, documents: 0 };
  const { controllerId } = ctx.rule;
  return store.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock_shared($1)', [HOLDS_LOCK]);
    const { sql, params } = duePeopleQuery(ctx.rule, ctx.asOf, { ids: candidates, lock: true });
    const due = (await tx.query<{ id: string }>(sql, params)).map((r) => r.id);
    if (due.length === 0) return { people: 0, documents: 0 };
    const now = store.now();
    const cleared = await clearPerson(tx, controllerId, due, now);
    const outbox: Outbox = {
      id: randomUUID(),
      controllerId,
      at: now,
      recordIds: [],
      documentIds: cleared.documentIds,
      personIds: cleared.personIds,
    };
    await tx.query(
      `insert into retention_outbox (id, controller_id, erased_at, record_ids, document_ids, person_ids)
       values ($1, $2, $3, '{}', $4::uuid[], $5::uuid[])`,
      [outbox.id, controllerId, now, outbox.documentIds, outbox.personIds],
    );
    const reason = `retention rule "${ctx.rule.ruleId}" (run ${ctx.runId}); data key destroyed after commit`;
    await appendAudit(
      tx,
      cleared.personIds.map((personId) =>
        auditEvent(ctx.call, controllerId, now, {
          action: 'person.erase',
          outcome: 'allowed',
          personId,
          reason,
        }),
      ),
    );
    await tx.query(
      `insert into retention_disposals (run_id, batch, controller_id, rule_id, record_type, action, records, mentions, documents, at)
       values ($1, $2, $3, $4, $5, 'erase', $6, 0, $7, $8)`,
      [
        ctx.runId,
        ctx.batch,
        controllerId,
        ctx.rule.ruleId,
        PERSON_TYPE,
        cleared.personIds.length,
        cleared.documentIds.length,
        now,
      ],
    );
    return { people: cleared.personIds.length, documents: cleared.documentIds.length, outbox };
  });
}
