/**
 * The store's last guard: a NUL character (U+0000) in any parameter is refused with the domain's
 * input error before the statement is sent, on both engines alike (PostgreSQL would fail with an
 * encoding error, PGlite might keep it), and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/records/errors.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

const insert = 'insert into controllers (id, name) values ($1, $2)';
const count = async (id: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int8 as n from controllers where id = $1', [id]))[0]!.n;

/** The refusal: the input error naming "a value", never the value itself. */
async function expectRefused(run: Promise<unknown>): Promise<void> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).field).toBe('a value');
  expect((error as InputError).message).toBe('a value: contains a character that cannot be stored');
  expect((error as InputError).message).not.toContain('secret');
}

describe(`a NUL character in a parameter, on the ${ENGINE} engine`, () => {
  it('is refused before the statement runs, and nothing is written', async () => {
    await expectRefused(t.db.query(insert, ['nul-1', 'secret\u0000name']));
    expect(await count('nul-1')).toBe(0);
  });

  it('is found inside arrays and JSON-able objects too', async () => {
    await expectRefused(t.db.query('select $1::text[] as a', [['ok', 'bad\u0000secret']]));
    await expectRefused(t.db.query('select $1::jsonb as j', [{ note: { text: 'secret\u0000' } }]));
    await expectRefused(t.db.query('select $1::jsonb as j', [{ ['secret\u0000key']: 1 }]));
  });

  it('rolls back everything a transaction wrote before the refused statement', async () => {
    await expectRefused(
      t.db.transaction(async (tx) => {
        await tx.query(insert, ['nul-2', 'Written first']);
        await tx.query(insert, ['nul-3', 'secret\u0000name']);
      }),
    );
    expect(await count('nul-2')).toBe(0);
    expect(await count('nul-3')).toBe(0);
  });

  it('leaves bytes alone: a zero byte in a Buffer or Uint8Array is data', async () => {
    const [row] = await t.db.query<{ a: Uint8Array; b: Uint8Array }>(
      'select $1::bytea as a, $2::bytea as b',
      [Buffer.from([0, 1]), new Uint8Array([2, 0])],
    );
    expect([...row!.a]).toEqual([0, 1]);
    expect([...row!.b]).toEqual([2, 0]);
  });

  it('lets ordinary values through, dates and nulls included', async () => {
    await t.db.query(insert, ['nul-4', 'Plain name']);
    const [row] = await t.db.query<{ d: Date; n: null }>('select $1::timestamptz as d, $2::text as n', [
      new Date('2026-11-24T10:00:00Z'),
      null,
    ]);
    expect(row!.d.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(row!.n).toBeNull();
    expect(await count('nul-4')).toBe(1);
  });
});
