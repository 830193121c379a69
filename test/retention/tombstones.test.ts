/** The vault's tombstones: ids only, idempotent, paged oldest first for replay, bad rows refused. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlKeyVault, type Tombstone } from '../../src/store/key-vault.ts';
import { LocalKeyRing } from '../../src/store/keys.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let vault: SqlKeyVault;
beforeAll(async () => {
  t = await openTestDb();
  vault = new SqlKeyVault(t.db, new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1'));
});
afterAll(async () => t?.close());

const at = (day: number): Date => new Date(Date.UTC(2026, 0, day, 12));
const row = (kind: Tombstone['kind'], day: number, controllerId = 'c1'): Tombstone => ({
  controllerId,
  kind,
  id: randomUUID(),
  at: at(day),
});

describe(`vault tombstones (${ENGINE})`, () => {
  it('adds each id once and lists them oldest first, in pages', async () => {
    const rows = [row('record', 3), row('person', 1), row('document', 2), row('record', 4, 'c2')];
    expect(await vault.addTombstones(rows)).toBe(4);
    expect(await vault.addTombstones(rows.slice(0, 2))).toBe(0);

    const all = await vault.tombstonesSince(null);
    expect(all.map((r) => r.id)).toEqual([rows[1], rows[2], rows[0], rows[3]].map((r) => r!.id));
    expect(all[0]).toEqual(rows[1]);

    const first = await vault.tombstonesSince(at(2), { limit: 1 });
    const second = await vault.tombstonesSince(at(2), { limit: 5, after: first[0] });
    expect([...first, ...second].map((r) => r.id)).toEqual([rows[2], rows[0], rows[3]].map((r) => r!.id));
    expect((await vault.tombstonesSince(null, { controllerId: 'c2' })).map((r) => r.id)).toEqual([
      rows[3]!.id,
    ]);
  });

  it('refuses a tombstone with a wrong kind, id or date and records none of the batch', async () => {
    const good = row('record', 9);
    const bad = { ...row('record', 9), kind: 'household' } as unknown as Tombstone;
    await expect(vault.addTombstones([good, bad])).rejects.toThrow(/tombstone 1: kind must be one of/);
    await expect(vault.addTombstones([{ ...good, id: 'not-a-uuid' }])).rejects.toThrow(/id must be a uuid/);
    await expect(vault.addTombstones([{ ...good, at: new Date('x') }])).rejects.toThrow(
      /at must be a valid date/,
    );
    expect((await vault.tombstonesSince(at(9))).length).toBe(0);
  });
});
