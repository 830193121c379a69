/** Questions the DPO asks of the audit log. */
import type { Queryable } from '../store/db.ts';

export interface AccessEntry {
  seq: number;
  at: Date;
  actor: string;
  actorKind: string;
  purpose: string | null;
  action: string;
  recordId: string | null;
  fields: string[];
  channel: string;
  outcome: string;
}

/** Who has looked at (or been refused) this person's file, newest first: one index range scan. */
export async function whoAccessed(db: Queryable, personId: string, limit = 200): Promise<AccessEntry[]> {
  const rows = await db.query<{
    seq: number;
    at: Date;
    actor: string;
    actor_kind: string;
    purpose: string | null;
    action: string;
    record_id: string | null;
    fields: string[];
    channel: string;
    outcome: string;
  }>(
    `select seq, at, actor, actor_kind, purpose, action, record_id, fields, channel, outcome
     from audit_events where person_id = $1 order by seq desc limit $2`,
    [personId, limit],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorKind: r.actor_kind,
    purpose: r.purpose,
    action: r.action,
    recordId: r.record_id,
    fields: r.fields,
    channel: r.channel,
    outcome: r.outcome,
  }));
}
