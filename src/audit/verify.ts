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
  at: Date;
  actor: string;
  actor_kind: AuditEvent['actorKind'];
  purpose: string | null;
  person_id: string | null;
  record_id: string | null;
  action: string;
  fields: string[];
  channel: AuditEvent['channel'];
  outcome: AuditEvent['outcome'];
  reason: string | null;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export function rowToEvent(r: EventRow): AuditEvent {
  return {
    controllerId: r.controller_id,
    at: r.at,
    actor: r.actor,
    actorKind: r.actor_kind,
    purpose: r.purpose,
    personId: r.person_id,
    recordId: r.record_id,
    action: r.action,
    fields: r.fields,
    channel: r.channel,
    outcome: r.outcome,
    reason: r.reason,
  };
}

const PAGE = 20_000;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

export async function verifyChain(db: Queryable, onProgress?: (done: number) => void): Promise<ChainReport> {
  let expectedPrev: Uint8Array = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.query<EventRow & Record<string, unknown>>(
      `select seq, controller_id, at, actor, actor_kind, purpose, person_id, record_id, action, fields, channel, outcome, reason, prev_hash, hash
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
      if (!same(row.prev_hash, expectedPrev)) {
        return fail(count, {
          seq: row.seq,
          kind: 'inserted-or-reordered',
          message: `event ${row.seq} does not follow event ${row.seq - 1}`,
        });
      }
      const hash = chainHash(expectedPrev, row.seq, rowToEvent(row));
      if (!same(hash, row.hash)) {
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
  const [head] = await db.query<{ seq: number; hash: Uint8Array }>(
    'select seq, hash from audit_head where id',
  );
  if (head && (head.seq !== count || !same(head.hash, expectedPrev))) {
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
