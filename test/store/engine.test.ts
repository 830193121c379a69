import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from '../../src/store/migrate.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

describe(`the ${ENGINE} engine`, () => {
  it('has applied every migration, and applying them again changes nothing', async () => {
    const applied = await t.db.query<{ id: string }>('select id from custos_migrations order by id');
    expect(applied.map((r) => r.id)).toEqual(bundledMigrations().map((m) => m.id));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('reads int8, date, bytea, timestamptz and arrays the same way on both engines', async () => {
    const [row] = await t.db.query<{
      n: number;
      d: string;
      b: Uint8Array;
      ts: Date;
      arr: string[];
      j: unknown;
    }>(
      `select 9007199254740991::int8 as n, '2026-02-28'::date as d, '\\x0102'::bytea as b,
              '2026-11-23T10:00:00Z'::timestamptz as ts, array['a','b'] as arr, '{"k":1}'::jsonb as j`,
    );
    expect(row!.n).toBe(Number.MAX_SAFE_INTEGER);
    expect(row!.d).toBe('2026-02-28');
    expect([...row!.b]).toEqual([1, 2]);
    expect(row!.ts.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(row!.arr).toEqual(['a', 'b']);
    expect(row!.j).toEqual({ k: 1 });
  });

  it('rolls a transaction back when it throws, and commits when it returns', async () => {
    await t.db.query("insert into controllers (id, name) values ('tx-test', 'Tx')");
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("update controllers set name = 'Changed' where id = 'tx-test'");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      (await t.db.query<{ name: string }>("select name from controllers where id = 'tx-test'"))[0]!.name,
    ).toBe('Tx');
    await t.db.transaction((tx) => tx.query("update controllers set name = 'Kept' where id = 'tx-test'"));
    expect(
      (await t.db.query<{ name: string }>("select name from controllers where id = 'tx-test'"))[0]!.name,
    ).toBe('Kept');
  });

  it('stays within PostgreSQL 15: the server reports version 15 or later', async () => {
    const [row] = await t.db.query<{ v: number }>("select current_setting('server_version_num')::int as v");
    expect(row!.v).toBeGreaterThanOrEqual(150000);
  });
});
