/**
 * Replaying tombstones after a restore: whatever a tombstone names that is back in the store
 * (because an older backup of the data was restored) is disposed of again, in one transaction per
 * page of tombstones, audited and logged like a sweep. Holds do not stop a replay: the data was
 * already gone before the restore, and a restore must not bring it back.
 */
import { appendAudit } from '../audit/append.ts';
import { groupAccesses } from '../audit/group.ts';
import type { Queryable } from '../store/db.ts';
import type { Tombstone } from '../store/key-vault.ts';
import { clearPerson } from './erasure-person.ts';
import { deliverTombstones, erase, type Disposed, type Outbox } from './disposal.ts';
import { auditEvent, type Call, type Store } from './store.ts';

export interface ReplayedPage {
  /** What went, by record type ("person" for people's own details, "document" for documents alone). */
  byType: Map<string, Disposed>;
  people: number;
}

const REASON = 'tombstone replayed after a restore';

const idsOf = (tombstones: readonly Tombstone[], kind: Tombstone['kind']) =>
  tombstones.filter((t) => t.kind === kind).map((t) => t.id);

/**
 * Apply one page of one controller's tombstones. `logTo` gives the run and batch the disposal log
 * records them under; it is called only if something was found, so a replay that finds nothing
 * leaves no trace.
 */
export async function replayPage(
  store: Store,
  call: Call,
  controllerId: string,
  tombstones: readonly Tombstone[],
  logTo: () => Promise<{ runId: string; batch: number }>,
): Promise<ReplayedPage> {
  const people = idsOf(tombstones, 'person');
  const recordIds = idsOf(tombstones, 'record');
  const documentIds = idsOf(tombstones, 'document');
  const found = await store.db.query<{ n: number }>(
    `select (select count(*) from records where id = any($1::uuid[]) or person_id = any($2::uuid[]))
          + (select count(*) from documents where id = any($3::uuid[]) or person_id = any($2::uuid[]))
          + (select count(*) from people where id = any($2::uuid[]) and erased_at is null) as n`,
    [recordIds, people, documentIds],
  );
  if (!found[0]?.n) return { byType: new Map(), people: 0 };
  const log = await logTo();
  const { outboxes, ...page } = await store.db.transaction(async (tx) => {
    const now = store.now();
    const records = await tx.query<{ id: string; person_id: string; record_type: string }>(
      `select id, person_id, record_type from records
       where controller_id = $3 and (id = any($1::uuid[]) or person_id = any($2::uuid[])) order by id for update`,
      [recordIds, people, controllerId],
    );
    const byType = new Map<string, Disposed>();
    const outboxes: Outbox[] = [];
    for (const type of new Set(records.map((r) => r.record_type))) {
      const rows = records.filter((r) => r.record_type === type);
      const { outbox, ...done } = await erase(tx, controllerId, rows, now);
      outboxes.push(outbox);
      byType.set(type, done);
    }
    const loose = await eraseDocuments(tx, controllerId, documentIds, people);
    if (loose > 0) byType.set('document', { records: 0, mentions: 0, documents: loose });
    const erasedPeople = await erasePeople(tx, controllerId, people, now);
    if (erasedPeople.length > 0)
      byType.set('person', { records: erasedPeople.length, mentions: 0, documents: 0 });
    await appendAudit(tx, [
      ...groupAccesses(
        auditEvent(call, controllerId, now, { action: 'record.erase', outcome: 'allowed' }),
        records.map((r) => ({
          personId: r.person_id,
          recordId: r.id,
          fields: [],
          outcome: 'allowed' as const,
          reason: REASON,
        })),
      ),
      ...erasedPeople.map((personId) =>
        auditEvent(call, controllerId, now, {
          action: 'person.erase',
          outcome: 'allowed',
          personId,
          reason: REASON,
        }),
      ),
    ]);
    for (const [type, done] of byType) {
      await tx.query(
        `insert into retention_disposals (run_id, batch, controller_id, rule_id, record_type, action, records, mentions, documents, at)
         values ($1, $2, $3, null, $4, 'replay', $5, $6, $7, $8)`,
        [log.runId, log.batch, controllerId, type, done.records, done.mentions, done.documents, now],
      );
    }
    return { byType, people: erasedPeople.length, outboxes };
  });
  for (const outbox of outboxes) await deliverTombstones(store, outbox);
  return page;
}

/** Documents tombstoned on their own, and those held against an erased person. */
async function eraseDocuments(
  tx: Queryable,
  controllerId: string,
  documentIds: readonly string[],
  people: readonly string[],
): Promise<number> {
  const gone = await tx.query(
    `delete from documents where controller_id = $3 and (id = any($1::uuid[]) or person_id = any($2::uuid[])) returning id`,
    [documentIds, people, controllerId],
  );
  return gone.length;
}

/**
 * What is left of an erased person once their records are gone, exactly as Art. 17 erasure leaves
 * it: records/erasure-person.ts clears every table linked to them. Their key was destroyed in the
 * vault, which a data restore does not touch.
 */
async function erasePeople(
  tx: Queryable,
  controllerId: string,
  people: readonly string[],
  now: Date,
): Promise<string[]> {
  return (await clearPerson(tx, controllerId, people, now)).personIds;
}
