/**
 * Moving the ids of what was disposed of from the data database's outbox to the vault's tombstones.
 * Each batch writes one outbox row (its ids) in its own transaction; this runs after the batch
 * commits and again at the start of every run, so ids left behind by a crash reach the vault too.
 * People disposed of by a sweep also have their data keys destroyed here.
 * Adding a tombstone twice is harmless, so a crash between the two steps here loses nothing either.
 */
import type { Queryable } from '../store/db.ts';
import type { KeyVault } from '../store/key-vault.ts';

const ROWS = 20;

export async function flushOutbox(db: Queryable, vault: KeyVault): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await db.query<{
      id: string;
      controller_id: string;
      erased_at: Date;
      record_ids: string[];
      document_ids: string[];
      person_ids: string[];
    }>(
      'select id, controller_id, erased_at, record_ids, document_ids, person_ids from retention_outbox order by erased_at, id limit $1',
      [ROWS],
    );
    if (rows.length === 0) return moved;
    const tombstones = rows.flatMap((r) => {
      const base = { controllerId: r.controller_id, at: new Date(r.erased_at) };
      return [
        ...r.record_ids.map((id) => ({ ...base, kind: 'record' as const, id })),
        ...r.document_ids.map((id) => ({ ...base, kind: 'document' as const, id })),
        ...r.person_ids.map((id) => ({ ...base, kind: 'person' as const, id })),
      ];
    });
    await vault.addTombstones(tombstones);
    // People a sweep disposed of: their keys go too (destroying twice is harmless).
    for (const r of rows.filter((x) => x.person_ids.length > 0))
      await vault.destroy(r.person_ids, new Date(r.erased_at));
    await db.query('delete from retention_outbox where id = any($1::uuid[])', [rows.map((r) => r.id)]);
    moved += tombstones.length;
  }
}
