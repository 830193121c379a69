/**
 * Searching the audit log for the DPO: by person, by record, by actor, between two days, by
 * outcome. The audit log is not a person's file (it holds ids, never their data), so it is read
 * directly; the web adapter records each search in the log, so who looked into whose history is
 * on record too.
 */
import type { Queryable } from '../store/db.ts';
import type { AccessEntry } from './queries.ts';

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

interface Row {
  seq: number;
  at: Date;
  actor: string;
  actor_kind: string;
  purpose: string | null;
  person_id: string | null;
  action: string;
  record_ids: string[];
  fields: string[];
  channel: string;
  outcome: string;
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
    `select seq, at, actor, actor_kind, purpose, person_id, action, record_ids, fields, channel, outcome, reason
       from audit_events where ${where.join(' and ')} order by seq desc limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorKind: r.actor_kind,
    purpose: r.purpose,
    personId: r.person_id,
    action: r.action,
    recordIds: r.record_ids,
    fields: r.fields,
    channel: r.channel,
    outcome: r.outcome,
    reason: r.reason,
  }));
}
