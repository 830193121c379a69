/**
 * Erasure survives a restore: back up the data database, dispose of records (a sweep) and erase a
 * person (as Art. 17 erasure leaves it: key destroyed, tombstones in the vault), restore the older
 * backup into a new database, and replay the vault's tombstones: nothing disposed of or erased
 * comes back, the audit chain verifies, and the restored store matches the live one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import type { Store } from '../../src/records/store.ts';
import { SqlKeyVault } from '../../src/store/key-vault.ts';
import { replayTombstones, runLog, runRetention } from '../../src/retention/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { dump, restore, type Dump } from './dump.ts';
import { CONTROLLER, loadFixture, recordIds, type Fixture } from './fixture.ts';

let live: TestDb;
let vaultDb: TestDb;
let restoredA: TestDb;
let restoredB: TestDb;
let store: Store;
let f: Fixture;
let backup: Dump;

beforeAll(async () => {
  [live, vaultDb, restoredA, restoredB] = [
    await openTestDb(),
    await openTestDb(),
    await openTestDb(),
    await openTestDb(),
  ];
  const base = testStore(live.db);
  store = { ...base, vault: new SqlKeyVault(vaultDb.db, base.keys) };
  f = await loadFixture(store);
  backup = await dump(live.db);
  await runRetention(store, { startedBy: 'dpo-1' });
  // Art. 17 erasure of Ed, as the rights module leaves it: his record gone, his key destroyed,
  // tombstones of ids only in the vault.
  await live.db.query('delete from records where id = $1', [f.records.edApplication]);
  await store.vault!.destroy([f.people.ed], store.now());
  await store.vault!.addTombstones([
    { controllerId: CONTROLLER, kind: 'record', id: f.records.edApplication!, at: store.now() },
    { controllerId: CONTROLLER, kind: 'person', id: f.people.ed, at: store.now() },
  ]);
});
afterAll(async () => Promise.all([live, vaultDb, restoredA, restoredB].map((t) => t?.close())));

const restoredStore = (t: TestDb): Store => ({ ...store, db: t.db });
const gone = ['adaCall', 'adaVisit', 'adaRepair', 'cyCall', 'boRecording', 'diApplication', 'edApplication'];

describe(`erasure survives a restore of an older backup (${ENGINE})`, () => {
  it('brings the disposed records back when the backup is restored, before any replay', async () => {
    await restore(restoredA.db, backup);
    const back = await recordIds(restoredA.db);
    for (const name of gone) expect(back.has(f.records[name]!), name).toBe(true);
  });

  it('replays the tombstones: nothing disposed of or erased is resurrected', async () => {
    const [result] = await replayTombstones(restoredStore(restoredA), { startedBy: 'dpo-1' });
    expect(result).toMatchObject({ controllerId: CONTROLLER, records: 7, documents: 1, people: 1 });
    expect(await recordIds(restoredA.db)).toEqual(await recordIds(live.db));
    expect(await restoredA.db.query('select id from documents where id = $1', [f.documentId])).toEqual([]);
    expect(
      await restoredA.db.query('select * from mentions where record_id = $1', [f.records.adaVisit]),
    ).toEqual([]);
    const [ed] = await restoredA.db.query<{ erased_at: Date | null; profile: Uint8Array }>(
      'select erased_at, profile from people where id = $1',
      [f.people.ed],
    );
    expect(ed!.erased_at).not.toBeNull();
    expect(Buffer.from(ed!.profile).length).toBe(0);
    expect(
      await restoredA.db.query('select * from person_lookup where person_id = $1', [f.people.ed]),
    ).toEqual([]);
    expect((await verifyChainInDatabase(restoredA.db)).ok).toBe(true);
    const log = await runLog(restoredA.db, result!.runId!);
    expect(log.filter((l) => l.recordType !== 'person').reduce((n, l) => n + l.records, 0)).toBe(7);
    expect(log.every((l) => l.action === 'replay' && l.ruleId === null)).toBe(true);
  });

  it('does nothing the second time, and leaves no run behind', async () => {
    const runs = await restoredA.db.query('select id from retention_runs');
    const [again] = await replayTombstones(restoredStore(restoredA), { startedBy: 'dpo-1' });
    expect(again).toMatchObject({ records: 0, documents: 0, people: 0 });
    expect(again!.runId).toBeUndefined();
    expect(await restoredA.db.query('select id from retention_runs')).toEqual(runs);
  });

  it('replays on its own at the start of the next sweep, before anything else', async () => {
    await restore(restoredB.db, backup);
    const [result] = await runRetention(restoredStore(restoredB), { startedBy: 'schedule' });
    expect(result!.replayed).toMatchObject({ records: 7, people: 1 });
    // The review queue lives in the data database too: the restored backup had none, so the
    // overdue case is queued again; nothing else is due.
    expect(result!.log.map((l) => l.action)).toEqual(['review']);
    expect(await recordIds(restoredB.db)).toEqual(await recordIds(live.db));
    expect((await verifyChainInDatabase(restoredB.db)).ok).toBe(true);
  });
});
