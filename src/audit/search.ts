/**
 * Searching the audit log for the DPO: by person, by record, by actor, between two days, by
 * outcome. The audit log is not a person's file (it holds ids, never their data), so it is read
 * directly; the web adapter records each search in the log, so who looked into whose history is
 * on record too.
 */
import type { Queryable } from '../store/db.ts';
import { ACCESS_COLUMNS, accessOf, type AccessEntry, type AccessRow } from './queries.ts';

export interface AuditSearch {
  personId?: string;
  recordId?: string;
  actor?: string;
  /** YYYY-MM-DD, inclusive, in UTC. */
  from?: string;
  /** YYYY-MM-DD, inclusive, in UTC. */
  to?: string;
  outcome?: 'allowed' | 'denied';
}

export interface AuditHit extends AccessEntry {
  personId: string | null;
  reason: string | null;
}

interface Row extends AccessRow {
  person_id: string | null;
  record_ids: string[];
  fields: string[];
  reason: string | null;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * Only the conditions given go into the query, so each search uses the index that fits it: by
 * person it is the same range scan as the audit module's whoAccessed(), by record the GIN index.
 */
export async function searchAudit(
  db: Queryable,
  controllerId: string,
  s: AuditSearch,
  limit = 200,
): Promise<AuditHit[]> {
  const params: unknown[] = [controllerId];
  const where = ['controller_id = $1'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (s.personId) add((p) => `person_id = ${p}::uuid`, s.personId);
  if (s.recordId) add((p) => `record_ids @> array[${p}::uuid]`, s.recordId);
  if (s.actor) add((p) => `actor = ${p}`, s.actor);
  if (s.from) add((p) => `at >= ${p}`, new Date(`${s.from}T00:00:00Z`));
  if (s.to) add((p) => `at < ${p}`, nextDay(s.to));
  if (s.outcome) add((p) => `outcome = ${p}`, s.outcome);
  params.push(limit);
  const rows = await db.query<Row>(
    `select ${ACCESS_COLUMNS}, person_id, record_ids, fields, reason
       from audit_events where ${where.join(' and ')} order by seq desc limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    ...accessOf(r),
    personId: r.person_id,
    recordIds: r.record_ids,
    fields: r.fields,
    reason: r.reason,
  }));
}
