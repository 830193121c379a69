/**
 * Carrying out an erasure decision (UK GDPR Art. 17): the records that may go, with the documents
 * attached to them and the mentions in them, and the person's parts in other people's records,
 * are deleted in one transaction with the audit events and the caller's own bookkeeping (the
 * plan marked executed). When everything about the person may go, their details, identifiers and
 * remaining documents go too, and their data key is destroyed afterwards, so no copy or backup of
 * the database can reveal them again.
 */
import { appendAudit } from '../audit/append.ts';
import type { AuditEvent } from '../audit/event.ts';
import type { Queryable } from '../store/db.ts';
import { InputError } from './errors.ts';
import { gateRightsAction } from './rights-gate.ts';
import { clearPerson } from './erasure-person.ts';
import { heldRecordIds, personIsHeld } from './holds.ts';
import { auditEvent, type Call, type Store, vaultOf } from './store.ts';

export interface ErasureSpec {
  personId: string;
  /** The person's own records to delete. */
  recordIds: readonly string[];
  /** Records on other people's files from which the person's mentions are removed. */
  mentionRecordIds: readonly string[];
  /** Everything about the person goes: their details, identifiers, documents and key. */
  erasePerson: boolean;
  /** A short, code-only account for the audit log, e.g. "erasure request <id>". */
  reason: string;
}

export interface ErasedCounts {
  records: number;
  mentions: number;
  documents: number;
  personErased: boolean;
  keyDestroyed: boolean;
  /** Tombstones newly left in the vault, so a restore of an older backup cannot bring this back. */
  tombstones: number;
}

/** What went, by id: enough to leave tombstones and destroy the key. */
export interface Erased {
  personId: string;
  recordIds: readonly string[];
  documentIds: readonly string[];
  personErased: boolean;
}

const ids = (xs: readonly string[]) => [...new Set(xs)];

/**
 * Nothing to be erased may be under a legal hold (Art. 17(3)(e)): a hold placed after the plan was
 * made, or a caseworker's override, must not erase what is kept for legal claims.
 */
async function checkNoHold(tx: Queryable, controllerId: string, spec: ErasureSpec): Promise<void> {
  const held = await heldRecordIds(tx, controllerId, ids([...spec.recordIds, ...spec.mentionRecordIds]));
  if (held.size > 0)
    throw new InputError(
      'planId',
      `${held.size} record(s) to be erased are under a legal hold (legal claims: held); keep them or release the hold, then make a new plan`,
    );
  if (spec.erasePerson && (await personIsHeld(tx, controllerId, spec.personId)))
    throw new InputError(
      'planId',
      'the person is under a legal hold (legal claims: held), so they cannot be erased entirely; keep their details',
    );
}

/** The plan must still describe what is held: nothing gone, and nothing new if the person is to go. */
async function checkStillHeld(tx: Queryable, spec: ErasureSpec): Promise<void> {
  const mine = await tx.query<{ id: string }>('select id from records where person_id = $1', [spec.personId]);
  const held = new Set(mine.map((r) => r.id));
  const missing = spec.recordIds.find((id) => !held.has(id));
  if (missing) throw new InputError('planId', 'a record in the plan is no longer held; make a new plan');
  if (!spec.erasePerson) return;
  const planned = new Set(spec.recordIds);
  const named = await tx.query<{ record_id: string }>(
    `select distinct m.record_id from mentions m join records r on r.id = m.record_id
      where m.person_id = $1 and r.person_id <> $1`,
    [spec.personId],
  );
  const mentioned = new Set(spec.mentionRecordIds);
  if (mine.some((r) => !planned.has(r.id)) || named.some((m) => !mentioned.has(m.record_id)))
    throw new InputError(
      'planId',
      'more has been recorded about the person since the plan was made; make a new plan',
    );
}

async function deleteRecords(tx: Queryable, spec: ErasureSpec) {
  const recordIds = ids(spec.recordIds);
  const documents = await tx.query<{ id: string }>(
    'delete from documents where record_id = any($1::uuid[]) returning id',
    [recordIds],
  );
  await tx.query('delete from mentions where record_id = any($1::uuid[])', [recordIds]);
  const records = await tx.query<{ id: string }>(
    'delete from records where id = any($1::uuid[]) and person_id = $2 returning id',
    [recordIds, spec.personId],
  );
  const mentions = await tx.query(
    'delete from mentions where person_id = $1 and record_id = any($2::uuid[]) returning record_id',
    [spec.personId, ids(spec.mentionRecordIds)],
  );
  return {
    recordIds: records.map((r) => r.id),
    documentIds: documents.map((d) => d.id),
    mentions: mentions.length,
  };
}

/**
 * Erase what the spec names, gated and audited, running `bookkeeping` in the same transaction;
 * then, if the person went, destroy their key. A failure before commit changes nothing.
 */
export async function eraseHeld(
  store: Store,
  call: Call,
  spec: ErasureSpec,
  bookkeeping: (tx: Queryable) => Promise<void>,
): Promise<ErasedCounts> {
  const controllerId = await gateRightsAction(store, call, spec.personId, 'erasure.execute');
  const now = store.now();
  const done = await store.db.transaction(async (tx) => {
    await checkStillHeld(tx, spec);
    await checkNoHold(tx, controllerId, spec);
    const deleted = await deleteRecords(tx, spec);
    if (spec.erasePerson)
      deleted.documentIds.push(...(await clearPerson(tx, controllerId, [spec.personId], now)).documentIds);
    await bookkeeping(tx);
    const counted = `${deleted.recordIds.length} record(s), ${deleted.mentions} mention(s), ${deleted.documentIds.length} document(s) erased`;
    const events: AuditEvent[] = [
      auditEvent(call, controllerId, now, {
        action: 'erasure.execute',
        outcome: 'allowed',
        personId: spec.personId,
        recordIds: ids([...spec.recordIds, ...spec.mentionRecordIds]),
        reason: `${spec.reason}: ${counted}`,
      }),
    ];
    if (spec.erasePerson)
      events.push(
        auditEvent(call, controllerId, now, {
          action: 'person.erase',
          outcome: 'allowed',
          personId: spec.personId,
          reason: spec.reason,
        }),
      );
    await appendAudit(tx, events);
    return deleted;
  });
  const finished = await finishErasure(store, call, controllerId, {
    personId: spec.personId,
    recordIds: done.recordIds,
    documentIds: done.documentIds,
    personErased: spec.erasePerson,
  });
  return {
    records: done.recordIds.length,
    mentions: done.mentions,
    documents: done.documentIds.length,
    personErased: spec.erasePerson,
    ...finished,
  };
}

/**
 * After the data has gone: tombstones in the vault (ids only) so a restore of an older backup
 * cannot bring it back, then, for a person erased, their key destroyed. Both are safe to repeat,
 * e.g. when the vault could not be reached the first time.
 */
export async function finishErasure(
  store: Store,
  call: Call,
  controllerId: string,
  erased: Erased,
): Promise<{ tombstones: number; keyDestroyed: boolean }> {
  const at = store.now();
  const tombstones = await vaultOf(store).addTombstones([
    ...erased.recordIds.map((id) => ({ controllerId, kind: 'record' as const, id, at })),
    ...erased.documentIds.map((id) => ({ controllerId, kind: 'document' as const, id, at })),
    ...(erased.personErased ? [{ controllerId, kind: 'person' as const, id: erased.personId, at }] : []),
  ]);
  const keyDestroyed = erased.personErased
    ? await destroyPersonKey(store, call, erased.personId, controllerId)
    : false;
  return { tombstones, keyDestroyed };
}

/** Destroy an erased person's data key; audited. Safe to repeat (e.g. after a failure the first time). */
export async function destroyPersonKey(
  store: Store,
  call: Call,
  personId: string,
  controllerId: string,
): Promise<boolean> {
  const now = store.now();
  const [row] = await store.db.query<{ erased: boolean }>(
    'select erased_at is not null as erased from people where id = $1 and controller_id = $2',
    [personId, controllerId],
  );
  if (!row?.erased) throw new InputError('personId', 'only an erased person’s key may be destroyed');
  const destroyed = await vaultOf(store).destroy([personId], now);
  await appendAudit(store.db, [
    auditEvent(call, controllerId, now, {
      action: 'person.key-destroy',
      outcome: 'allowed',
      personId,
      reason: destroyed ? 'data key destroyed' : 'data key was already destroyed',
    }),
  ]);
  return true;
}
