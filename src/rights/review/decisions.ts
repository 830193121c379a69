/**
 * The caseworker's decisions while a review is open: accept or reject each redaction, add
 * redactions by span, and withhold whole items under an exemption with reasons. Then the review is
 * marked complete (every proposal decided), or reopened. Each change is audited; a refused one
 * writes nothing but its denial.
 */
import { InputError } from '../../records/errors.ts';
import type { Call, Store } from '../../records/store.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';
import { changeOpenReview, sealerFor } from './access.ts';
import { place } from './rows.ts';
import {
  DECISIONS,
  EXEMPTION_CODES,
  ITEM_KINDS,
  REDACTION_REASONS,
  type Decision,
  type ExemptionCode,
  type ItemKind,
  type RedactionReason,
} from './vocabulary.ts';

function checkInteger(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new InputError(field, `must be a whole number from ${min}`);
  return value;
}

export interface RedactionDecision {
  /** The redaction's number in the review. */
  n: number;
  decision: Decision;
  note?: string;
}

export function decideRedaction(
  store: Store,
  call: Call,
  reviewId: string,
  input: RedactionDecision,
): Promise<void> {
  return changeOpenReview(store, call, reviewId, 'sar-review.decide', async (tx, opened) => {
    const n = checkInteger(input?.n, 'n', 1);
    const decision = checkOneOf(input.decision, DECISIONS, 'decision');
    const note = checkText(input.note, 'note', false);
    const id = opened.review.id;
    const [row] = await tx.query<{ n: number }>(
      'select n from sar_review_redactions where review_id = $1 and n = $2',
      [id, n],
    );
    if (!row) throw new InputError('n', `there is no redaction ${n} in this review`);
    await tx.query(
      `update sar_review_redactions set decision = $3, decided_at = $4, decided_by = $5,
         note = coalesce($6, note) where review_id = $1 and n = $2`,
      [
        id,
        n,
        decision,
        store.now(),
        call.actor.id,
        note ? sealerFor(opened)({ note }, place.redaction(id, n)) : null,
      ],
    );
    return { result: undefined, audit: { reason: `redaction ${n} ${decision}` } };
  });
}

export interface NewRedaction {
  recordId: string;
  field: string;
  /** Offsets into the field's text as held (UTF-16 code units, as JavaScript counts them). */
  start: number;
  end: number;
  reason: RedactionReason;
  note?: string;
}

/** Add a redaction by span to a reviewed free-text field; returns its number. */
export function addRedaction(
  store: Store,
  call: Call,
  reviewId: string,
  input: NewRedaction,
): Promise<number> {
  return changeOpenReview(store, call, reviewId, 'sar-review.add', async (tx, opened) => {
    const recordId = checkId(input?.recordId, 'recordId');
    if (typeof input.field !== 'string' || !input.field) throw new InputError('field', 'is required');
    const start = checkInteger(input.start, 'start', 0);
    const end = checkInteger(input.end, 'end', 1);
    const reason = checkOneOf(input.reason, REDACTION_REASONS, 'reason');
    const note = checkText(input.note, 'note', false);
    const id = opened.review.id;
    const [field] = await tx.query<{ length: number }>(
      'select length from sar_review_fields where review_id = $1 and record_id = $2 and field = $3',
      [id, recordId, input.field],
    );
    if (!field)
      throw new InputError(
        'field',
        `"${input.field.slice(0, 40)}" is not a free-text field of a record in this review`,
      );
    if (end <= start) throw new InputError('end', `must be after start (${start})`);
    if (end > field.length)
      throw new InputError('end', `is past the end of the text (${field.length} characters)`);
    const [next] = await tx.query<{ n: number }>(
      'select coalesce(max(n), 0)::int + 1 as n from sar_review_redactions where review_id = $1',
      [id],
    );
    const n = next!.n;
    await tx.query(
      `insert into sar_review_redactions (review_id, controller_id, n, record_id, field, start_at, end_at, kind,
         origin, reason, decision, decided_at, decided_by, note)
       values ($1, $2, $3, $4, $5, $6, $7, 'caseworker', 'added', $8, 'accepted', $9, $10, $11)`,
      [
        id,
        opened.review.controller_id,
        n,
        recordId,
        input.field,
        start,
        end,
        reason,
        store.now(),
        call.actor.id,
        note ? sealerFor(opened)({ note }, place.redaction(id, n)) : null,
      ],
    );
    return { result: n, audit: { reason: `redaction ${n} added (${reason})` } };
  });
}

export interface ItemExemption {
  kind: ItemKind;
  itemId: string;
  /** The exemption that withholds the item, or null to lift one applied before. */
  exemption: ExemptionCode | null;
  /** Why it applies to this item: required, as the ICO expects the reasoning recorded (sealed). */
  note?: string;
}

export function exemptItem(store: Store, call: Call, reviewId: string, input: ItemExemption): Promise<void> {
  return changeOpenReview(store, call, reviewId, 'sar-review.exempt', async (tx, opened) => {
    const kind = checkOneOf(input?.kind, ITEM_KINDS, 'kind');
    const itemId = checkId(input.itemId, 'itemId');
    const exemption =
      input.exemption === null ? null : checkOneOf(input.exemption, EXEMPTION_CODES, 'exemption');
    const note = exemption ? checkText(input.note, 'note', true)! : null;
    const id = opened.review.id;
    const updated = await tx.query<{ item_id: string }>(
      `update sar_review_items set exemption = $4, exemption_note = $5, exempted_by = $6
        where review_id = $1 and item_kind = $2 and item_id = $3 returning item_id`,
      [
        id,
        kind,
        itemId,
        exemption,
        note ? sealerFor(opened)({ note }, place.exemption(id, kind, itemId)) : null,
        exemption ? call.actor.id : null,
      ],
    );
    if (updated.length === 0) throw new InputError('itemId', `is not a ${kind} in this review`);
    return {
      result: undefined,
      audit: {
        recordIds: [opened.review.request_id, id, itemId],
        reason: exemption ? `withheld: ${exemption}` : 'exemption lifted',
      },
    };
  });
}

/** Mark the review complete: every proposed redaction must have been accepted or rejected. */
export function completeReview(store: Store, call: Call, reviewId: string): Promise<void> {
  return changeOpenReview(store, call, reviewId, 'sar-review.complete', async (tx, opened) => {
    const id = opened.review.id;
    const [pending] = await tx.query<{ n: number }>(
      'select count(*)::int as n from sar_review_redactions where review_id = $1 and decision is null',
      [id],
    );
    if (pending!.n > 0)
      throw new InputError(
        'reviewId',
        `${pending!.n} proposed ${pending!.n === 1 ? 'redaction is' : 'redactions are'} still to be accepted or rejected`,
      );
    await tx.query(
      "update sar_reviews set status = 'complete', completed_at = $2, completed_by = $3, updated_at = $2 where id = $1",
      [id, store.now(), call.actor.id],
    );
    return { result: undefined, audit: { reason: 'review complete' } };
  });
}

/** Reopen a completed review for more changes (before release). */
export function reopenReview(store: Store, call: Call, reviewId: string): Promise<void> {
  return changeOpenReview(
    store,
    call,
    reviewId,
    'sar-review.reopen',
    async (tx, opened) => {
      await tx.query(
        "update sar_reviews set status = 'open', completed_at = null, completed_by = null, updated_at = $2 where id = $1",
        [opened.review.id, store.now()],
      );
      return { result: undefined, audit: { reason: 'review reopened' } };
    },
    ['complete'],
  );
}
