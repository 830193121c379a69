/**
 * Finding the people a breach affected, from the store and the audit log: everyone whose file an
 * actor opened in a window (a stolen login, a member of staff browsing), everyone with records of
 * given types (and the people those records mention), optionally in one patch or created in a
 * window (a lost laptop, a misdirected export), everyone in a routine return, or people named.
 * Ids only: nothing sealed is opened. The actor must be allowed to read people's details for the
 * purpose given, across the whole landlord (a role scoped to a patch cannot answer for all of it).
 */
import { decide } from '../access/decide.ts';
import type { Queryable } from '../store/db.ts';
import { AccessDenied, InputError } from './errors.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

export type AffectedFinder =
  | { by: 'accessed-by'; actor: string; from: Date; to: Date }
  | { by: 'records'; recordTypes: string[]; patch?: string; createdFrom?: Date; createdTo?: Date }
  | { by: 'return'; returnId: string }
  | { by: 'people'; personIds: string[] };

const ids = (rows: { person_id: string }[]) => [...new Set(rows.map((r) => r.person_id))];

async function accessedBy(
  q: Queryable,
  controllerId: string,
  f: Extract<AffectedFinder, { by: 'accessed-by' }>,
) {
  return ids(
    await q.query<{ person_id: string }>(
      `select distinct a.person_id from audit_events a
         join people p on p.id = a.person_id and p.erased_at is null
        where a.controller_id = $1 and a.actor = $2 and a.at >= $3 and a.at < $4 and a.outcome = 'allowed'
        order by a.person_id`,
      [controllerId, f.actor, f.from, f.to],
    ),
  );
}

async function withRecords(
  q: Queryable,
  controllerId: string,
  f: Extract<AffectedFinder, { by: 'records' }>,
) {
  return ids(
    await q.query<{ person_id: string }>(
      `with hit as (
         select r.id, r.person_id from records r
          where r.controller_id = $1 and r.record_type = any($2::text[])
            and ($3::text is null or r.patch = $3)
            and ($4::timestamptz is null or r.created_at >= $4)
            and ($5::timestamptz is null or r.created_at < $5))
       select person_id from hit
       union
       select m.person_id from mentions m join hit on hit.id = m.record_id
       order by person_id`,
      [controllerId, f.recordTypes, f.patch ?? null, f.createdFrom ?? null, f.createdTo ?? null],
    ),
  );
}

async function inReturn(q: Queryable, controllerId: string, returnId: string) {
  return ids(
    await q.query<{ person_id: string }>(
      `select distinct d.person_id from disclosures d join people p on p.id = d.person_id and p.erased_at is null
        where d.controller_id = $1 and d.return_id = $2 order by d.person_id`,
      [controllerId, returnId],
    ),
  );
}

async function named(q: Queryable, controllerId: string, personIds: string[]) {
  const rows = await q.query<{ id: string }>(
    'select id from people where controller_id = $1 and id = any($2::uuid[]) and erased_at is null',
    [controllerId, personIds],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = personIds.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw new InputError(`personIds[${missing}]`, 'is not a person of this controller (or has been erased)');
  return [...found].sort();
}

/** May this actor find affected people at all? Decided once, with no patch or assignment. */
function gate(store: Store, call: Call, controllerId: string): string | null {
  const d = decide(manifestFor(store, controllerId), {
    actor: call.actor,
    purpose: call.purpose,
    action: 'read',
    controllerId,
    personId: '*',
    recordType: PERSON_TYPE,
    record: {},
    now: store.now(),
  });
  return d.allowed ? null : d.reason;
}

export async function findAffected(
  store: Store,
  call: Call,
  finder: AffectedFinder,
  action: string,
): Promise<string[]> {
  const controllerId = call.actor.controllerId;
  const refusal = gate(store, call, controllerId);
  if (refusal) {
    await recordDenial(
      store,
      auditEvent(call, controllerId, store.now(), { action, outcome: 'denied', reason: refusal }),
    );
    throw new AccessDenied(refusal);
  }
  switch (finder.by) {
    case 'accessed-by':
      return accessedBy(store.db, controllerId, finder);
    case 'records':
      return withRecords(store.db, controllerId, finder);
    case 'return':
      return inReturn(store.db, controllerId, finder.returnId);
    case 'people':
      return named(store.db, controllerId, finder.personIds);
  }
}
