/**
 * Opening a review for an action: the review must exist under the actor's controller, the work
 * must be done for the subject-access purpose (where the manifest declares it), and the gate must
 * let the actor act on the requester's details. Each refusal is audited as a denial of the action.
 */
import { appendAudit } from '../../audit/append.ts';
import type { AuditEvent } from '../../audit/event.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { aad, seal } from '../../store/person-keys.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { loadRequest, type RequestRow } from '../requests/rows.ts';
import { SAR_PURPOSE } from '../sar/purposes.ts';
import { loadReview, type ReviewRow } from './rows.ts';

export interface OpenedReview {
  review: ReviewRow;
  request: RequestRow;
  /** The requester's data key, for sealing the caseworker's words and the field digests. */
  key: Buffer;
}

/** Reviews are done for the subject-access purpose when the manifest declares one. */
export function checkSarPurpose(store: Store, call: Call, controllerId: string): void {
  const manifest = manifestFor(store, controllerId);
  if (!manifest.activities.some((a) => a.id === SAR_PURPOSE)) return;
  if (call.purpose !== SAR_PURPOSE)
    throw new InputError(
      'purpose',
      `a subject access review is done for "${SAR_PURPOSE}", not ${call.purpose ? `"${call.purpose}"` : 'no purpose'}`,
    );
}

export async function loadKey(store: Store, personId: string, field: string): Promise<Buffer> {
  const key = (await vaultOf(store).load([personId])).get(personId);
  if (!key) throw new InputError(field, "the person's data has been erased");
  return key;
}

export async function openReview(
  store: Store,
  call: Call,
  reviewIdInput: string,
  action: string,
): Promise<OpenedReview> {
  const controllerId = call.actor.controllerId;
  const review = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadReview(store.db, checkId(reviewIdInput, 'reviewId'));
    if (!row || row.controller_id !== controllerId) throw new NotFound('the review (reviewId)');
    return row;
  });
  return auditingDenials(store, call, controllerId, action, review.person_id, async () => {
    checkSarPurpose(store, call, controllerId);
    await gateSubject(store, call, controllerId, review.person_id, 'read');
    const request = (await loadRequest(store.db, review.request_id))!;
    return { review, request, key: await loadKey(store, review.person_id, 'reviewId') };
  });
}

export type Sealer = (value: unknown, where: string) => Buffer;

export function sealerFor(opened: Pick<OpenedReview, 'review' | 'key'>): Sealer {
  const { controller_id: controllerId, person_id: personId } = opened.review;
  return (value, where) => seal(opened.key, value, aad(controllerId, personId, where));
}

/**
 * A change to an open review, in one transaction with its audit event: the review row is locked
 * and must still be open. Any refusal (here or in `change`) is audited as a denial and nothing is
 * written.
 */
export async function changeOpenReview<T>(
  store: Store,
  call: Call,
  reviewId: string,
  action: string,
  change: (
    tx: Queryable,
    opened: OpenedReview,
  ) => Promise<{ result: T; audit: Pick<AuditEvent, 'reason'> & Partial<AuditEvent> }>,
  allowed: readonly ReviewRow['status'][] = ['open'],
): Promise<T> {
  const opened = await openReview(store, call, reviewId, action);
  const { controller_id: controllerId, person_id: personId } = opened.review;
  return auditingDenials(store, call, controllerId, action, personId, () =>
    store.db.transaction(async (tx) => {
      const row = (await loadReview(tx, opened.review.id, true))!;
      if (!allowed.includes(row.status))
        throw new InputError('reviewId', `the review is ${row.status}: it cannot be changed now`);
      const { result, audit } = await change(tx, { ...opened, review: row });
      await appendAudit(tx, [
        auditEvent(call, controllerId, store.now(), {
          action,
          outcome: 'allowed',
          personId,
          recordIds: [row.request_id, row.id],
          ...audit,
        }),
      ]);
      return result;
    }),
  );
}
