/**
 * Each person's own data key. Everything personal about them is sealed with it (AES-256-GCM,
 * bound by its associated data to the row it belongs to); destroying the key is erasure that
 * reaches every copy, backups and dumps included.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';
import { openWith, sealWith, type MasterKeyRing } from './keys.ts';

export class KeyDestroyedError extends Error {
  constructor() {
    super("this person's data key has been destroyed: their data is erased");
  }
}

export async function createPersonKey(
  tx: Queryable,
  ring: MasterKeyRing,
  controllerId: string,
  personId: string,
): Promise<Buffer> {
  const dataKey = randomBytes(32);
  await tx.query(
    'insert into person_keys (person_id, controller_id, master_key_id, wrapped_key) values ($1, $2, $3, $4)',
    [personId, controllerId, ring.currentId, await ring.wrap(dataKey)],
  );
  return dataKey;
}

/** Data keys for several people at once; null for a person whose key is destroyed. */
export async function loadPersonKeys(
  tx: Queryable,
  ring: MasterKeyRing,
  personIds: readonly string[],
): Promise<Map<string, Buffer | null>> {
  const keys = new Map<string, Buffer | null>();
  if (personIds.length === 0) return keys;
  const rows = await tx.query<{
    person_id: string;
    master_key_id: string | null;
    wrapped_key: Uint8Array | null;
  }>('select person_id, master_key_id, wrapped_key from person_keys where person_id = any($1::uuid[])', [
    personIds,
  ]);
  for (const row of rows) {
    keys.set(
      row.person_id,
      row.wrapped_key && row.master_key_id
        ? await ring.unwrap(Buffer.from(row.wrapped_key), row.master_key_id)
        : null,
    );
  }
  return keys;
}

export async function destroyPersonKey(tx: Queryable, personId: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    'update person_keys set wrapped_key = null, master_key_id = null, destroyed_at = $2 where person_id = $1 and wrapped_key is not null returning person_id',
    [personId, at],
  );
  return rows.length > 0;
}

/** Re-wrap every data key not yet under the ring's current master key; the data is untouched. */
export async function rewrapPersonKeys(tx: Queryable, ring: MasterKeyRing): Promise<number> {
  const rows = await tx.query<{ person_id: string; master_key_id: string; wrapped_key: Uint8Array }>(
    'select person_id, master_key_id, wrapped_key from person_keys where wrapped_key is not null and master_key_id <> $1',
    [ring.currentId],
  );
  for (const row of rows) {
    const dataKey = await ring.unwrap(Buffer.from(row.wrapped_key), row.master_key_id);
    await tx.query('update person_keys set wrapped_key = $2, master_key_id = $3 where person_id = $1', [
      row.person_id,
      await ring.wrap(dataKey),
      ring.currentId,
    ]);
  }
  return rows.length;
}

/** Associated data binds a ciphertext to its place: it cannot be moved to another row or person. */
export function aad(controllerId: string, personId: string, place: string): string {
  return `${controllerId}/${personId}/${place}`;
}

export function seal(dataKey: Buffer, value: unknown, associated: string): Buffer {
  return sealWith(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), associated);
}

export function sealBytes(dataKey: Buffer, bytes: Buffer, associated: string): Buffer {
  return sealWith(dataKey, bytes, associated);
}

export function unseal<T>(dataKey: Buffer | null | undefined, sealed: Uint8Array, associated: string): T {
  if (!dataKey) throw new KeyDestroyedError();
  return JSON.parse(openWith(dataKey, Buffer.from(sealed), associated).toString('utf8')) as T;
}

export function unsealBytes(
  dataKey: Buffer | null | undefined,
  sealed: Uint8Array,
  associated: string,
): Buffer {
  if (!dataKey) throw new KeyDestroyedError();
  return openWith(dataKey, Buffer.from(sealed), associated);
}

/** Data keys for many new people at once, in one statement. */
export async function createPersonKeys(
  tx: Queryable,
  ring: MasterKeyRing,
  controllerId: string,
  personIds: readonly string[],
): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  const wrapped: Buffer[] = [];
  for (const id of personIds) {
    const dataKey = randomBytes(32);
    keys.set(id, dataKey);
    wrapped.push(await ring.wrap(dataKey));
  }
  for (let start = 0; start < personIds.length; start += 1000) {
    await tx.query(
      `insert into person_keys (person_id, controller_id, master_key_id, wrapped_key)
       select p, $1, $2, w from unnest($3::uuid[], $4::bytea[]) as t(p, w)`,
      [
        controllerId,
        ring.currentId,
        personIds.slice(start, start + 1000),
        wrapped.slice(start, start + 1000),
      ],
    );
  }
  return keys;
}
