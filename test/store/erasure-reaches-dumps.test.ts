/**
 * Erasure that reaches backups: take a dump of the data database, erase a person (destroy their
 * key in the vault), restore the dump into a new database, and find nothing of theirs readable,
 * while the person who was not erased still reads back from the same restored dump.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/manifest/validate.ts';
import { writeBatch } from '../../src/records/batch.ts';
import { readPersonFile } from '../../src/records/records.ts';
import { vaultOf, type Call, type Store } from '../../src/records/store.ts';
import type { Db } from '../../src/store/db.ts';
import { SqlKeyVault } from '../../src/store/key-vault.ts';
import { LocalKeyRing } from '../../src/store/keys.ts';
import { KeyDestroyedError } from '../../src/store/person-keys.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const controllerId = manifest.controller.id;
const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
const ring = new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1');
let data: TestDb;
let restored: TestDb;
let vaultDb: TestDb;

/** Tables in the order their foreign keys allow them to be restored. */
const TABLES = [
  'controllers',
  'people',
  'person_lookup',
  'properties',
  'households',
  'household_members',
  'tenancies',
  'tenancy_parties',
  'records',
  'mentions',
  'documents',
  'audit_events',
  'audit_head',
];

type Dump = Map<string, Record<string, unknown>[]>;

/** A logical dump of every table in the database, in an order its foreign keys can be restored in. */
async function dump(db: Db): Promise<Dump> {
  const tables = (
    await db.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
  ).map((t) => t.name);
  const ordered = [
    ...TABLES.filter((t) => tables.includes(t)),
    ...tables.filter((t) => !TABLES.includes(t)).sort(),
  ];
  const out: Dump = new Map();
  for (const table of ordered) out.set(table, await db.query(`select * from ${table}`));
  return out;
}

async function restore(db: Db, snapshot: Dump): Promise<void> {
  for (const [table, rows] of snapshot) {
    await db.query(`delete from ${table}`); // a fresh database has only the audit chain's starting head
    for (const row of rows) {
      const cols = Object.keys(row);
      await db.query(
        `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => row[c]),
      );
    }
  }
}

beforeAll(async () => {
  [data, restored, vaultDb] = [await openTestDb(), await openTestDb(), await openTestDb()];
});
afterAll(async () => Promise.all([data, restored, vaultDb].map((t) => t?.close())));

describe(`erasure reaches an earlier dump (${ENGINE})`, () => {
  it('leaves nothing of an erased person readable in a restored dump', async () => {
    const vault = new SqlKeyVault(vaultDb.db, ring);
    const store: Store = {
      db: data.db,
      keys: ring,
      vault,
      manifests: new Map([[controllerId, manifest]]),
      now: () => new Date('2026-11-23T10:00:00Z'),
    };
    const ids = await writeBatch(store, system, {
      controllerId,
      people: [
        {
          subjectTypes: ['tenant'],
          profile: { givenName: 'Erin', familyName: 'Erasable', niNumber: 'QQ000002B' },
        },
        { subjectTypes: ['tenant'], profile: { givenName: 'Kit', familyName: 'Keeper' } },
      ],
    });
    const [erased, kept] = ids.people as [string, string];
    await writeBatch(store, system, {
      controllerId,
      records: [erased, kept].map((personId) => ({
        personId,
        recordType: 'contact-log',
        payload: { channel: 'phone', summary: 'Called about a repair', occurredAt: '2026-11-01T09:00:00Z' },
      })),
    });

    const snapshot = await dump(data.db);
    expect(await vault.destroy([erased], new Date())).toBe(1);
    await restore(restored.db, snapshot);

    const fromBackup: Store = { ...store, db: restored.db };
    await expect(readPersonFile(fromBackup, system, erased)).rejects.toThrow(KeyDestroyedError);
    const keptFile = await readPersonFile(fromBackup, system, kept);
    expect(keptFile.profile).toMatchObject({ familyName: 'Keeper' });
    expect(keptFile.records).toHaveLength(1);

    // Nothing in the restored dump names the erased person in clear either.
    const bytes = Buffer.concat(
      [...snapshot.values()]
        .flat()
        .flatMap((row) =>
          Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v)))),
        ),
    ).toString('latin1');
    for (const secret of ['Erasable', 'Erin', 'QQ000002B']) expect(bytes).not.toContain(secret);
  });

  it('would not reach the dump if the keys were kept in the data database (why the vault is separate)', async () => {
    const [db, copy] = [await openTestDb(), await openTestDb()];
    try {
      const store: Store = {
        db: db.db,
        keys: ring,
        manifests: new Map([[controllerId, manifest]]),
        now: () => new Date('2026-11-23T10:00:00Z'),
      };
      const [person] = (
        await writeBatch(store, system, {
          controllerId,
          people: [{ subjectTypes: ['tenant'], profile: { givenName: 'Vera', familyName: 'Vulnerable' } }],
        })
      ).people;
      const snapshot = await dump(db.db);
      expect(snapshot.has('vault_person_keys')).toBe(true);
      await vaultOf(store).destroy([person!], new Date());
      await restore(copy.db, snapshot);
      const fromBackup: Store = { ...store, db: copy.db };
      expect((await readPersonFile(fromBackup, system, person!)).profile).toMatchObject({
        familyName: 'Vulnerable',
      });
    } finally {
      await Promise.all([db.close(), copy.close()]);
    }
  });
});
