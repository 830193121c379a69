/**
 * The review queue: records whose period has ended under a "review" rule wait here for a person to
 * decide. "Keep until" a date puts the record back in the queue when that date comes; "dispose"
 * erases it now (holds still stop it), as a run of its own in the disposal log.
 */
import { appendAudit } from '../audit/append.ts';
import { deliverTombstones, disposeBatch } from '../records/disposal.ts';
import { auditEvent, manifestFor, type Call, type Store } from '../records/store.ts';
import type { Queryable } from '../store/db.ts';
import { RetentionInputError } from './errors.ts';
import { enteredEvents, isDay } from './events.ts';
import { withSweepLock } from './lock.ts';
import { scheduleFor } from './rules.ts';
import { finishRun, startRun } from './runs.ts';

export interface ReviewItem {
  recordId: string;
  recordType: string;
  ruleId: string;
  queuedAt: Date;
  status: 'pending' | 'kept';
  keepUntil: string | null;
  decidedBy: string | null;
}

export async function listReviews(
  db: Queryable,
  controllerId: string,
  status: 'pending' | 'kept' = 'pending',
  limit = 500,
): Promise<ReviewItem[]> {
  const rows = await db.query<{
    record_id: string;
    record_type: string;
    rule_id: string;
    queued_at: Date;
    status: 'pending' | 'kept';
    keep_until: string | null;
    decided_by: string | null;
  }>(
    `select record_id, record_type, rule_id, queued_at, status, keep_until, decided_by from retention_reviews
     where controller_id = $1 and status = $2 order by queued_at, record_id limit $3`,
    [controllerId, status, limit],
  );
  return rows.map((r) => ({
    recordId: r.record_id,
    recordType: r.record_type,
    ruleId: r.rule_id,
    queuedAt: r.queued_at,
    status: r.status,
    keepUntil: r.keep_until,
    decidedBy: r.decided_by,
  }));
}

export type ReviewDecision = { decision: 'keep'; keepUntil: string } | { decision: 'dispose' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function pendingItem(db: Queryable, controllerId: string, recordId: string) {
  if (!UUID.test(recordId)) throw new RetentionInputError('recordId', 'must be the id of a record');
  const [row] = await db.query<{ rule_id: string; record_type: string }>(
    `select rule_id, record_type from retention_reviews where controller_id = $1 and record_id = $2 and status = 'pending'`,
    [controllerId, recordId],
  );
  if (!row) throw new RetentionInputError('recordId', 'is not waiting for review');
  return row;
}

export async function decideReview(
  store: Store,
  call: Call,
  controllerId: string,
  recordId: string,
  decision: ReviewDecision,
): Promise<{ runId?: string }> {
  manifestFor(store, controllerId);
  const item = await pendingItem(store.db, controllerId, recordId);
  if (decision.decision === 'keep') {
    await keep(store, call, controllerId, recordId, decision.keepUntil);
    return {};
  }
  if (decision.decision !== 'dispose') throw new RetentionInputError('decision', 'must be keep or dispose');
  const schedule = scheduleFor(manifestFor(store, controllerId), await enteredEvents(store.db, controllerId));
  const due = schedule.find((s) => s.recordType === item.record_type)?.due;
  if (!due)
    throw new RetentionInputError('recordId', `no retention rule now governs ${item.record_type} records`);
  return withSweepLock(store.db, async () => {
    const now = store.now();
    const runId = await startRun(store.db, {
      controllerId,
      kind: 'review',
      startedBy: call.actor.id,
      asOf: now,
      now,
    });
    const { outbox, ...done } = await disposeBatch(
      store,
      { runId, batch: 1, rule: { ...due, ruleId: item.rule_id }, asOf: now, call, decided: true },
      [{ id: recordId }],
    );
    if (outbox) await deliverTombstones(store, outbox);
    await finishRun(
      store.db,
      runId,
      store.now(),
      done.records === 1 ? 'finished' : 'failed',
      done.records === 1 ? undefined : 'held',
    );
    if (done.records !== 1)
      throw new RetentionInputError('recordId', 'the record is under a legal hold; it was not disposed of');
    return { runId };
  });
}

async function keep(
  store: Store,
  call: Call,
  controllerId: string,
  recordId: string,
  until: string,
): Promise<void> {
  const today = store.now().toISOString().slice(0, 10);
  if (!isDay(until)) throw new RetentionInputError('keepUntil', 'must be a date written YYYY-MM-DD');
  if (until <= today) throw new RetentionInputError('keepUntil', 'must be after today');
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `update retention_reviews set status = 'kept', keep_until = $3, decided_by = $4, decided_at = $5
       where controller_id = $1 and record_id = $2 and status = 'pending'`,
      [controllerId, recordId, until, call.actor.id, now],
    );
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action: 'record.review-kept',
        outcome: 'allowed',
        recordIds: [recordId],
        reason: `kept until ${until} after review`,
      }),
    ]);
  });
}
