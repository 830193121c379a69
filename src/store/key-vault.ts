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
  /** Records that these ids were erased or disposed of; ids already recorded are kept as they were. Returns how many were new. */
  addTombstones(rows: readonly Tombstone[]): Promise<number>;
  /**
   * Tombstones erased at or after `since` (all of them when null), oldest first, for replay after
   * a restore. Page with `after` (the last tombstone of the previous page) and `limit`.
   */
  tombstonesSince(since: Date | null, page?: TombstonePage): Promise<Tombstone[]>;
}

export type TombstoneKind = 'person' | 'record' | 'document';

/** The id of something erased or disposed of, and when: never any personal data. */
export interface Tombstone {
  controllerId: string;
  kind: TombstoneKind;
  id: string;
  at: Date;
}

export interface TombstonePage {
  controllerId?: string;
  after?: Pick<Tombstone, 'kind' | 'id' | 'at'>;
  /** Default 10,000. */
  limit?: number;
}

const TOMBSTONE_KINDS: readonly TombstoneKind[] = ['person', 'record', 'document'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CHUNK = 1000;
const TOMBSTONE_CHUNK = 5000;

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
  async addTombstones(rows: readonly Tombstone[]): Promise<number> {
    rows.forEach(checkTombstone);
    let added = 0;
    for (let start = 0; start < rows.length; start += TOMBSTONE_CHUNK) {
      const chunk = rows.slice(start, start + TOMBSTONE_CHUNK);
      const inserted = await this.db.query(
        `insert into vault_tombstones (controller_id, kind, id, erased_at)
         select c, k, i, a from unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[]) as t(c, k, i, a)
         on conflict (kind, id) do nothing returning id`,
        [
          chunk.map((r) => r.controllerId),
          chunk.map((r) => r.kind),
          chunk.map((r) => r.id),
          chunk.map((r) => r.at),
        ],
      );
      added += inserted.length;
    }
    return added;
  }

  async tombstonesSince(since: Date | null, page: TombstonePage = {}): Promise<Tombstone[]> {
    const after = page.after;
    const rows = await this.db.query<{
      controller_id: string;
      kind: TombstoneKind;
      id: string;
      erased_at: Date;
    }>(
      `select controller_id, kind, id, erased_at from vault_tombstones
       where ($1::timestamptz is null or erased_at >= $1)
         and ($2::text is null or controller_id = $2)
         and ($3::timestamptz is null or (erased_at, kind, id) > ($3::timestamptz, $4::text, $5::uuid))
       order by erased_at, kind, id limit $6`,
      [
        since,
        page.controllerId ?? null,
        after?.at ?? null,
        after?.kind ?? null,
        after?.id ?? null,
        page.limit ?? 10_000,
      ],
    );
    return rows.map((r) => ({
      controllerId: r.controller_id,
      kind: r.kind,
      id: r.id,
      at: new Date(r.erased_at),
    }));
  }
}

/** A tombstone with a wrong kind or id would replay nothing, silently: refuse it. */
function checkTombstone(row: Tombstone, index: number): void {
  if (!TOMBSTONE_KINDS.includes(row.kind)) {
    throw new TypeError(`tombstone ${index}: kind must be one of ${TOMBSTONE_KINDS.join(', ')}`);
  }
  if (!UUID.test(row.id)) throw new TypeError(`tombstone ${index}: id must be a uuid`);
  if (!row.controllerId) throw new TypeError(`tombstone ${index}: controllerId is required`);
  if (!(row.at instanceof Date) || Number.isNaN(row.at.getTime())) {
    throw new TypeError(`tombstone ${index}: at must be a valid date`);
  }
}
