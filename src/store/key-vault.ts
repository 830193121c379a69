/**
 * The key vault holds each person's data key, wrapped by the master key, in a database of its
 * own. Destroying a key here is erasure that reaches every copy of the personal data, because no
 * dump of the data database carries the keys. A real KMS can implement the same interface.
 * Key operations run outside the data database's transactions: an orphan key left by a failed
 * write is harmless, and a destroyed key is destroyed whatever happens to the data.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { MasterKeyRing } from './keys.ts';

export interface KeyVault {
  create(controllerId: string, personIds: readonly string[]): Promise<Map<string, Buffer>>;
  /** The data keys of these people; null where the key was destroyed, absent where none exists. */
  load(personIds: readonly string[]): Promise<Map<string, Buffer | null>>;
  destroy(personIds: readonly string[], at: Date): Promise<number>;
  /** Re-wrap every key not under the ring's current master key; returns how many. */
  rewrap(): Promise<number>;
}

const CHUNK = 1000;

export class SqlKeyVault implements KeyVault {
  constructor(
    private readonly db: Db,
    private readonly ring: MasterKeyRing,
  ) {}

  async create(controllerId: string, personIds: readonly string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    const wrapped: Buffer[] = [];
    for (const id of personIds) {
      const dataKey = randomBytes(32);
      keys.set(id, dataKey);
      wrapped.push(await this.ring.wrap(dataKey));
    }
    for (let start = 0; start < personIds.length; start += CHUNK) {
      await this.db.query(
        `insert into vault_person_keys (person_id, controller_id, master_key_id, wrapped_key)
         select p, $1, $2, w from unnest($3::uuid[], $4::bytea[]) as t(p, w)`,
        [
          controllerId,
          this.ring.currentId,
          personIds.slice(start, start + CHUNK),
          wrapped.slice(start, start + CHUNK),
        ],
      );
    }
    return keys;
  }

  async load(personIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const keys = new Map<string, Buffer | null>();
    for (let start = 0; start < personIds.length; start += CHUNK) {
      const rows = await this.db.query<{
        person_id: string;
        master_key_id: string | null;
        wrapped_key: Uint8Array | null;
      }>(
        'select person_id, master_key_id, wrapped_key from vault_person_keys where person_id = any($1::uuid[])',
        [personIds.slice(start, start + CHUNK)],
      );
      for (const r of rows) {
        keys.set(
          r.person_id,
          r.wrapped_key && r.master_key_id
            ? await this.ring.unwrap(Buffer.from(r.wrapped_key), r.master_key_id)
            : null,
        );
      }
    }
    return keys;
  }

  async destroy(personIds: readonly string[], at: Date): Promise<number> {
    const rows = await this.db.query(
      `update vault_person_keys set wrapped_key = null, master_key_id = null, destroyed_at = $2
       where person_id = any($1::uuid[]) and wrapped_key is not null returning person_id`,
      [personIds, at],
    );
    return rows.length;
  }

  async rewrap(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ person_id: string; master_key_id: string; wrapped_key: Uint8Array }>(
        'select person_id, master_key_id, wrapped_key from vault_person_keys where wrapped_key is not null and master_key_id <> $1 for update',
        [this.ring.currentId],
      );
      for (const r of rows) {
        const dataKey = await this.ring.unwrap(Buffer.from(r.wrapped_key), r.master_key_id);
        await tx.query(
          'update vault_person_keys set wrapped_key = $2, master_key_id = $3 where person_id = $1',
          [r.person_id, await this.ring.wrap(dataKey), this.ring.currentId],
        );
      }
      return rows.length;
    });
  }
}
