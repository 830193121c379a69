/**
 * Import keys: what each row of a source system's export became (import_keys, migration 013), so
 * that re-running a nightly export changes nothing that has not changed. Each person, household,
 * tenancy and record is keyed by the source's own id and carries a keyed hash (HMAC under the
 * controller's lookup key) of what was imported: the same hash again means the row is unchanged;
 * a different one is a conflict, reported with its line and left alone (docs/import.md says why).
 * A key whose record was disposed of is skipped, so retention is not undone by the next import.
 */
import { createHmac } from 'node:crypto';
import type { Store } from '../records/store.ts';
import type { Queryable } from '../store/db.ts';
import type { ImportProblem } from './problems.ts';
import { label, type Origin } from './map-rows.ts';

export const PERSON_KIND = 'person';
export type Counted = 'people' | 'households' | 'tenancies' | 'records';

export interface KeyRow {
  kind: string;
  sourceKey: string;
  targetId: string;
  personId?: string;
  fingerprint: Buffer;
}

interface StoredKey {
  targetId: string | null;
  fingerprint: Uint8Array | null;
}

/** What a keyed item is, compared with what the store has under its key. */
export type Verdict = 'new' | 'unchanged' | 'conflict' | 'disposed';

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const slot = (kind: string, sourceKey: string) => `${kind}\u0000${sourceKey}`;

export class SourceKeys {
  private readonly stored = new Map<string, StoredKey>();
  private readonly key: Buffer;
  /** Keys to record once the batches are written. */
  readonly pending: KeyRow[] = [];
  readonly conflicts: ImportProblem[] = [];
  readonly unchanged: Record<Counted, number> = { people: 0, households: 0, tenancies: 0, records: 0 };
  disposed = 0;

  constructor(
    private readonly store: Store,
    private readonly controllerId: string,
    readonly system: string,
  ) {
    this.key = createHmac('sha256', store.keys.lookupKey(controllerId)).update('custos-import-keys').digest();
  }

  fingerprint(content: unknown): Buffer {
    return createHmac('sha256', this.key).update(canonical(content)).digest();
  }

  /** Read what the store has under these keys: one query for them all. */
  async load(keys: readonly { kind: string; sourceKey: string }[]): Promise<void> {
    const wanted = keys.filter((k) => !this.stored.has(slot(k.kind, k.sourceKey)));
    if (wanted.length === 0) return;
    const rows = await this.store.db.query<{
      kind: string;
      source_key: string;
      target_id: string | null;
      fingerprint: Uint8Array | null;
    }>(
      `select i.kind, i.source_key, i.target_id, i.fingerprint
         from import_keys i
         join unnest($3::text[], $4::text[]) as k(kind, source_key)
           on k.kind = i.kind and k.source_key = i.source_key
        where i.controller_id = $1 and i.system = $2`,
      [this.controllerId, this.system, wanted.map((k) => k.kind), wanted.map((k) => k.sourceKey)],
    );
    for (const r of rows)
      this.stored.set(slot(r.kind, r.source_key), { targetId: r.target_id, fingerprint: r.fingerprint });
  }

  /** The id a key was imported as, if it was and is still in the store. */
  targetOf(kind: string, sourceKey: string): string | undefined {
    return this.stored.get(slot(kind, sourceKey))?.targetId ?? undefined;
  }

  /**
   * Compare an item with what its key holds. A new one is queued to be recorded under `targetId`;
   * a changed one is reported as a conflict on its row.
   */
  judge(
    item: { kind: string; sourceKey: string; targetId: string; personId?: string; content: unknown },
    counted: Counted,
    origin: Origin,
    target: string,
  ): Verdict {
    const fingerprint = this.fingerprint(item.content);
    const stored = this.stored.get(slot(item.kind, item.sourceKey));
    if (!stored) {
      this.stored.set(slot(item.kind, item.sourceKey), { targetId: item.targetId, fingerprint });
      this.pending.push({
        kind: item.kind,
        sourceKey: item.sourceKey,
        targetId: item.targetId,
        fingerprint,
        ...(item.personId && { personId: item.personId }),
      });
      return 'new';
    }
    if (stored.fingerprint === null) {
      this.disposed++;
      return 'disposed';
    }
    if (Buffer.from(stored.fingerprint).equals(fingerprint)) {
      this.unchanged[counted]++;
      return 'unchanged';
    }
    this.conflict(
      origin,
      target,
      `differs from what was imported from ${this.system} under the same key; import does not change what is already in the store`,
    );
    return 'conflict';
  }

  /** A row that cannot be imported because of what its key already holds. */
  conflict(origin: Origin, target: string, reason: string): void {
    this.conflicts.push({ file: origin.file, line: origin.line, field: label(origin, target), reason });
  }

  /** Record the new keys, in the transaction that wrote what they point at. */
  async save(tx: Queryable, now: Date): Promise<void> {
    if (this.pending.length === 0) return;
    const p = this.pending;
    await tx.query(
      `insert into import_keys (controller_id, system, kind, source_key, person_id, target_id, fingerprint, imported_at)
       select $1, $2, k, s, p, t, decode(f, 'hex'), $3
         from unnest($4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[]) as x(k, s, p, t, f)`,
      [
        this.controllerId,
        this.system,
        now,
        p.map((r) => r.kind),
        p.map((r) => r.sourceKey),
        p.map((r) => r.personId ?? null),
        p.map((r) => r.targetId),
        p.map((r) => r.fingerprint.toString('hex')),
      ],
    );
  }
}
