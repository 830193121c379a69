/**
 * Verifying the audit chain: recompute every hash in sequence order and compare. The first break
 * is reported with what it looks like (an edited, deleted, inserted or reordered event) and where.
 */
import type { Queryable } from '../store/db.ts';
import { chainHash, GENESIS_HASH, type AuditEvent } from './event.ts';

export interface ChainBreak {
  seq: number;
  kind: 'edited' | 'deleted' | 'inserted-or-reordered' | 'truncated';
  message: string;
}

export interface ChainReport {
  ok: boolean;
  events: number;
  break?: ChainBreak;
}

interface EventRow {
  seq: number;
  controller_id: string;
  /** Milliseconds since the epoch: cheaper to read than a timestamp, and what the hash covers. */
  at_ms: number;
  actor: string;
  actor_kind: AuditEvent['actorKind'];
  purpose: string | null;
  person_id: string | null;
  record_ids: string[];
  action: string;
  fields: string[];
  channel: AuditEvent['channel'];
  outcome: AuditEvent['outcome'];
  reason: string | null;
  prev_hash: string;
  hash: string;
}

function rowToEvent(r: EventRow): AuditEvent {
  return {
    controllerId: r.controller_id,
    at: new Date(r.at_ms),
    actor: r.actor,
    actorKind: r.actor_kind,
    purpose: r.purpose,
    personId: r.person_id,
    recordIds: r.record_ids,
    fields: r.fields,
    action: r.action,
    channel: r.channel,
    outcome: r.outcome,
    reason: r.reason,
  };
}

const PAGE = 50_000;

export async function verifyChain(db: Queryable, onProgress?: (done: number) => void): Promise<ChainReport> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.query<EventRow>(
      `select seq, controller_id, round(extract(epoch from at) * 1000)::float8 as at_ms, actor, actor_kind, purpose,
              person_id::text as person_id, record_ids::text[] as record_ids, action, fields, channel, outcome, reason,
              encode(prev_hash, 'hex') as prev_hash, encode(hash, 'hex') as hash
       from audit_events where seq >= $1 order by seq limit $2`,
      [expectedSeq, PAGE],
    );
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return fail(count, {
          seq: expectedSeq,
          kind: 'deleted',
          message: `events ${expectedSeq} to ${row.seq - 1} are missing`,
        });
      }
      if (row.prev_hash !== expectedPrev) {
        return fail(count, {
          seq: row.seq,
          kind: 'inserted-or-reordered',
          message: `event ${row.seq} does not follow event ${row.seq - 1}`,
        });
      }
      if (chainHash(expectedPrev, rowToEvent(row)) !== row.hash) {
        return fail(count, {
          seq: row.seq,
          kind: 'edited',
          message: `event ${row.seq} was changed after it was written`,
        });
      }
      expectedPrev = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    onProgress?.(count);
    if (rows.length < PAGE) break;
  }
  const [head] = await db.query<{ seq: number; hash: string }>(
    "select seq, encode(hash, 'hex') as hash from audit_head where id",
  );
  if (head && (head.seq !== count || head.hash !== expectedPrev)) {
    return fail(count, {
      seq: count + 1,
      kind: 'truncated',
      message: `the chain ends at event ${count} but ${head.seq} were written`,
    });
  }
  return { ok: true, events: count };
}

function fail(events: number, chainBreak: ChainBreak): ChainReport {
  return { ok: false, events, break: chainBreak };
}
