/** Questions the DPO asks of the audit log. */
import type { Queryable } from '../store/db.ts';

export interface AccessEntry {
  seq: number;
  at: Date;
  actor: string;
  actorKind: string;
  purpose: string | null;
  action: string;
  recordIds: string[];
  fields: string[];
  channel: string;
  outcome: string;
}

/** The columns every answer about an access carries, and their mapping. */
export const ACCESS_COLUMNS = 'seq, at, actor, actor_kind, purpose, action, channel, outcome';

export interface AccessRow {
  seq: number;
  at: Date;
  actor: string;
  actor_kind: string;
  purpose: string | null;
  action: string;
  channel: string;
  outcome: string;
}

export const accessOf = (r: AccessRow) => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  actorKind: r.actor_kind,
  purpose: r.purpose,
  action: r.action,
  channel: r.channel,
  outcome: r.outcome,
});

/** Who has looked at (or been refused) this person's file, newest first: one index range scan. */
export async function whoAccessed(db: Queryable, personId: string, limit = 200): Promise<AccessEntry[]> {
  const rows = await db.query<AccessRow & { record_ids: string[]; fields: string[] }>(
    `select ${ACCESS_COLUMNS}, record_ids, fields
     from audit_events where person_id = $1 order by seq desc limit $2`,
    [personId, limit],
  );
  return rows.map((r) => ({ ...accessOf(r), recordIds: r.record_ids, fields: r.fields }));
}

/** Who has read or changed this record, newest first (the GIN index on record_ids answers it). */
export async function whoAccessedRecord(
  db: Queryable,
  recordId: string,
  limit = 200,
): Promise<{ seq: number; actor: string; action: string; outcome: string }[]> {
  return db.query(
    'select seq, actor, action, outcome from audit_events where record_ids @> array[$1::uuid] order by seq desc limit $2',
    [recordId, limit],
  );
}

/** A line of the "who accessed this file" panel: how many records, not which (cheaper to read). */
export interface AccessSummary extends Omit<AccessEntry, 'recordIds' | 'fields'> {
  records: number;
}

/**
 * The latest accesses to a person's file, newest first, with record counts: one index range scan.
 * `exceptKind` leaves out one kind of actor (the person's own use, counted by usesBy instead).
 */
export async function recentAccesses(
  db: Queryable,
  personId: string,
  limit = 50,
  exceptKind: string | null = null,
): Promise<AccessSummary[]> {
  const rows = await db.query<AccessRow & { records: number }>(
    `select ${ACCESS_COLUMNS}, cardinality(record_ids) as records
     from audit_events where person_id = $1 and ($3::text is null or actor_kind <> $3)
     order by seq desc limit $2`,
    [personId, limit, exceptKind],
  );
  return rows.map((r) => ({ ...accessOf(r), records: r.records }));
}

/** How many entries about a person one kind of actor made, and the latest one's time. */
export async function usesBy(
  db: Queryable,
  personId: string,
  actorKind: string,
): Promise<{ times: number; last: Date | null }> {
  const [row] = await db.query<{ times: number; last: Date | null }>(
    `select count(*)::int as times, max(at) as last from audit_events where person_id = $1 and actor_kind = $2`,
    [personId, actorKind],
  );
  return { times: row?.times ?? 0, last: row?.last ?? null };
}
