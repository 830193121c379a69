/**
 * Disposing of one batch of records under a retention rule, in one transaction: the batch is
 * re-checked (still due, still not held) and locked, then the records go with their mentions and
 * documents (erase), or leave statistics behind first (anonymise), or join the review queue
 * (review); the audit events, the disposal log's counts and the ids bound for the vault's
 * tombstones are written in the same transaction. A crash at any moment therefore leaves each
 * record either untouched or fully disposed of, with the log and the audit agreeing.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses } from '../audit/group.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Queryable } from '../store/db.ts';
import { recordAad, unseal } from '../store/person-keys.ts';
import { anonymisedFields, dropRecordHistory } from './disposal-anonymise.ts';
import { dueQuery, type DisposalAction, type DueRow, type DueRule } from './disposal-due.ts';
import { HOLDS_LOCK } from './holds.ts';
import { auditEvent, manifestFor, vaultOf, type Call, type Store } from './store.ts';

export interface DisposalContext {
  runId: string;
  /** The batch's number within its run, for the disposal log. */
  batch: number;
  rule: DueRule;
  asOf: Date;
  /** Who acts: Custos's retention sweeper, or the person who decided a review. */
  call: Call;
  /** A person decided these go (a review): the period is not checked again; holds still are. */
  decided?: boolean;
}

export interface Disposed {
  records: number;
  mentions: number;
  documents: number;
}

const NOTHING: Disposed = { records: 0, mentions: 0, documents: 0 };

const AUDIT_ACTIONS: Record<DisposalAction, string> = {
  erase: 'record.erase',
  anonymise: 'record.anonymise',
  review: 'record.review-queued',
};

/**
 * Dispose of these candidates (ids with their subjects) as the rule says; returns what went, and
 * the outbox row of its ids, which the caller hands to deliverTombstones once it may.
 */
export async function disposeBatch(
  store: Store,
  ctx: DisposalContext,
  candidates: readonly { id: string; person_id?: string }[],
): Promise<Disposed & { outbox?: Outbox }> {
  if (candidates.length === 0) return NOTHING;
  const { rule } = ctx;
  const anonymise = rule.action === 'anonymise' && !ctx.decided;
  const people = candidates.every((c) => c.person_id)
    ? [...new Set(candidates.map((c) => c.person_id!))]
    : undefined;
  // Keys come from the vault's own database, outside this transaction (ADR 5).
  const keys = anonymise ? await vaultOf(store).load(people ?? []) : new Map<string, Buffer | null>();
  const { done, outbox } = await store.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock_shared($1)', [HOLDS_LOCK]);
    const { sql, params } = dueQuery(rule, ctx.asOf, {
      ids: candidates.map((c) => c.id),
      people,
      lock: true,
      payload: anonymise,
      decided: ctx.decided,
    });
    const rows = await tx.query<DueRow>(sql, params);
    if (rows.length === 0) return { done: NOTHING };
    const action: DisposalAction = ctx.decided ? 'erase' : rule.action;
    let done: Disposed;
    let outbox: Outbox | undefined;
    if (action === 'review') done = await queueForReview(tx, ctx, rows);
    else {
      if (action === 'anonymise') await keepStatistics(tx, store, ctx, rows, keys);
      await dropRecordHistory(
        tx,
        rows.map((r) => r.id),
      );
      ({ outbox, ...done } = await erase(tx, rule.controllerId, rows, store.now()));
    }
    await appendAudit(tx, auditEvents(store, ctx, action, rows));
    await tx.query(
      `insert into retention_disposals (run_id, batch, controller_id, rule_id, record_type, action, records, mentions, documents, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        ctx.runId,
        ctx.batch,
        rule.controllerId,
        rule.ruleId,
        rule.recordType,
        action,
        done.records,
        done.mentions,
        done.documents,
        store.now(),
      ],
    );
    return { done, outbox };
  });
  return { ...done, outbox };
}

/** The ids one batch disposed of, on their way from the outbox to the vault's tombstones. */
export interface Outbox {
  id: string;
  controllerId: string;
  at: Date;
  recordIds: string[];
  documentIds: string[];
  /** People disposed of under the person type's rule: tombstoned, and their keys destroyed. */
  personIds?: string[];
}

/**
 * After the batch has committed: its ids become tombstones in the vault, then its outbox row goes.
 * A crash in between leaves the row for the next run's flush (adding a tombstone twice is harmless).
 */
export async function deliverTombstones(store: Store, outbox: Outbox): Promise<void> {
  const base = { controllerId: outbox.controllerId, at: outbox.at };
  const people = outbox.personIds ?? [];
  await vaultOf(store).addTombstones([
    ...outbox.recordIds.map((id) => ({ ...base, kind: 'record' as const, id })),
    ...outbox.documentIds.map((id) => ({ ...base, kind: 'document' as const, id })),
    ...people.map((id) => ({ ...base, kind: 'person' as const, id })),
  ]);
  if (people.length > 0) await vaultOf(store).destroy(people, outbox.at);
  await store.db.query('delete from retention_outbox where id = $1', [outbox.id]);
}

/** Delete the records with their mentions and documents; their ids go to the tombstone outbox. */
export async function erase(
  tx: Queryable,
  controllerId: string,
  rows: readonly Pick<DueRow, 'id'>[],
  erasedAt: Date,
): Promise<Disposed & { outbox: Outbox }> {
  const outboxId = randomUUID();
  // One statement: the mentions and documents go first in the same snapshot, so the cascades from
  // the records find nothing left, and the outbox row is written with the ids that went.
  const [gone] = await tx.query<{ records: string[]; documents: string[]; mentions: number }>(
    `with m as (delete from mentions where record_id = any($1::uuid[]) returning person_id),
          d as (delete from documents where record_id = any($1::uuid[]) returning id),
          g as (delete from records where id = any($1::uuid[]) returning id, person_id),
          -- when their last record (or mention in one) went: a person's own retention clock counts from it
          p as (update people set records_disposed_at = $4
                 where id in (select person_id from g union select person_id from m) returning 1),
          o as (insert into retention_outbox (id, controller_id, erased_at, record_ids, document_ids)
                select $2, $3, $4, array(select id from g), array(select id from d))
     select array(select id from g) as records, array(select id from d) as documents,
            (select count(*) from m)::int8 as mentions, (select count(*) from p)::int8 as people`,
    [rows.map((r) => r.id), outboxId, controllerId, erasedAt],
  );
  await forgetImportKeys(tx, gone!.records, erasedAt);
  const outbox: Outbox = {
    id: outboxId,
    controllerId,
    at: erasedAt,
    recordIds: gone!.records,
    documentIds: gone!.documents,
  };
  return {
    records: outbox.recordIds.length,
    mentions: gone!.mentions,
    documents: outbox.documentIds.length,
    outbox,
  };
}

/**
 * An imported record's key (import_keys) keeps only its source id and when it went, so the next
 * nightly import skips the row instead of bringing the record back.
 */
async function forgetImportKeys(tx: Queryable, recordIds: readonly string[], at: Date): Promise<void> {
  if (recordIds.length === 0) return;
  await tx.query(
    `update import_keys set person_id = null, target_id = null, fingerprint = null, disposed_at = $2
      where target_id = any($1::uuid[])`,
    [recordIds, at],
  );
}

/** Anonymisation's statistics: kept fields, no link back. A record whose key is destroyed keeps only its type and month. */
async function keepStatistics(
  tx: Queryable,
  store: Store,
  ctx: DisposalContext,
  rows: readonly DueRow[],
  keys: ReadonlyMap<string, Buffer | null>,
): Promise<void> {
  const type = lookup(manifestFor(store, ctx.rule.controllerId)).recordTypes.get(ctx.rule.recordType)!;
  const kept = rows.map((r) => {
    const key = keys.get(r.person_id);
    const payload = key
      ? unseal<Record<string, unknown>>(key, r.payload!, recordAad(ctx.rule.controllerId, r.person_id, r.id))
      : {};
    return JSON.stringify(anonymisedFields(type, payload));
  });
  await tx.query(
    `insert into retention_anonymised (id, controller_id, record_type, rule_id, month, fields, anonymised_at)
     select i, $1, $2, $3, m, f::jsonb, $4 from unnest($5::uuid[], $6::text[], $7::text[]) as t(i, m, f)`,
    [
      ctx.rule.controllerId,
      ctx.rule.recordType,
      ctx.rule.ruleId,
      store.now(),
      rows.map(() => randomUUID()),
      rows.map((r) => r.month!),
      kept,
    ],
  );
}

/** Put records in the review queue; a "keep" whose date has passed comes back as pending. */
async function queueForReview(
  tx: Queryable,
  ctx: DisposalContext,
  rows: readonly DueRow[],
): Promise<Disposed> {
  const queued = await tx.query(
    `insert into retention_reviews (record_id, controller_id, rule_id, record_type, run_id, queued_at, status)
     select i, $2, $3, $4, $5, $6, 'pending' from unnest($1::uuid[]) as t(i)
     on conflict (record_id) do update set status = 'pending', keep_until = null, decided_by = null,
       decided_at = null, run_id = excluded.run_id, queued_at = excluded.queued_at, rule_id = excluded.rule_id
     where retention_reviews.status = 'kept'
     returning record_id`,
    [rows.map((r) => r.id), ctx.rule.controllerId, ctx.rule.ruleId, ctx.rule.recordType, ctx.runId, ctx.asOf],
  );
  return { records: queued.length, mentions: 0, documents: 0 };
}

function auditEvents(store: Store, ctx: DisposalContext, action: DisposalAction, rows: readonly DueRow[]) {
  const reason = ctx.decided
    ? `review decided under retention rule "${ctx.rule.ruleId}" (run ${ctx.runId})`
    : `retention rule "${ctx.rule.ruleId}" (run ${ctx.runId})`;
  return groupAccesses(
    auditEvent(ctx.call, ctx.rule.controllerId, store.now(), {
      action: AUDIT_ACTIONS[action],
      outcome: 'allowed',
    }),
    rows.map((r) => ({
      personId: r.person_id,
      recordId: r.id,
      fields: [],
      outcome: 'allowed' as const,
      reason,
    })),
  );
}
