/**
 * A human review of an automated decision (UK GDPR Art. 22C): the person (or someone acting on
 * their rights for them) asks for a person to look at the decision again; a member of staff does,
 * and records whether they upheld or changed it, with reasons and any new outcome. The original
 * decision is never altered: the review stands beside it. Everything in words is sealed.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { AccessDenied, InputError, NotFound } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, type Call, type Store, vaultOf } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';
import { loadRequest } from '../requests/rows.ts';
import { checkOutcome } from './input.ts';
import {
  loadDecision,
  loadReview,
  loadReviews,
  openReview,
  sealReview,
  type DecisionRow,
  type Outcome,
} from './rows.ts';

export interface ReviewRequest {
  /** Why the person disagrees, in their words (sealed). */
  why?: string;
  /** The rights request (right "automated-decision") this answers, if any. */
  requestId?: string | null;
}

export const REVIEW_RESULTS = ['upheld', 'changed'] as const;

export interface ReviewOutcome {
  result: (typeof REVIEW_RESULTS)[number];
  /** The reviewer's reasons, as the person will read them (sealed). */
  reasons: string;
  /** Required when the decision is changed. */
  outcome?: Outcome;
}

/** The person asking for themself, or someone the gate lets act on their rights. */
async function mayAskFor(store: Store, call: Call, decision: DecisionRow, action: string): Promise<void> {
  if (call.actor.kind === 'subject' && call.actor.personId !== decision.person_id)
    throw new AccessDenied('people may ask for a review only of decisions about themselves');
  await gateRightsAction(store, call, decision.person_id, action, { byThePerson: true });
}

async function checkRequest(store: Store, requestId: unknown, personId: string): Promise<string | null> {
  if (requestId == null) return null;
  const request = await loadRequest(store.db, checkId(requestId, 'requestId'));
  if (!request || request.person_id !== personId) throw new NotFound('the request (requestId)');
  if (request.right !== 'automated-decision')
    throw new InputError('requestId', `is a request for ${request.right}, not about an automated decision`);
  return request.id;
}

export async function requestReview(
  store: Store,
  call: Call,
  decisionId: string,
  input: ReviewRequest = {},
): Promise<string> {
  const action = 'automated-decision.review-request';
  const controllerId = call.actor.controllerId;
  const now = store.now();
  const c = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const decision = await loadDecision(store.db, checkId(decisionId, 'decisionId'));
    if (!decision || decision.controller_id !== controllerId)
      throw new NotFound('the automated decision (decisionId)');
    await mayAskFor(store, call, decision, action);
    const requestId = await checkRequest(store, input?.requestId, decision.person_id);
    const open = (await loadReviews(store.db, decision.id)).find((r) => r.status === 'requested');
    if (open) throw new InputError('decisionId', 'a human review of this decision is already under way');
    return { decision, requestId, why: checkText(input?.why, 'why', false) ?? null };
  });
  const personId = c.decision.person_id;
  const key = (await vaultOf(store).load([personId])).get(personId);
  if (!key) throw new InputError('decisionId', "the person's data has been erased");
  const id = randomUUID();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into automated_decision_reviews (id, decision_id, controller_id, person_id, request_id, status,
         requested_at, requested_by, words) values ($1, $2, $3, $4, $5, 'requested', $6, $7, $8)`,
      [
        id,
        c.decision.id,
        controllerId,
        personId,
        c.requestId,
        now,
        call.actor.id,
        sealReview(key, controllerId, personId, id, { why: c.why }),
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action,
        outcome: 'allowed',
        personId,
        recordIds: [c.decision.id, id],
      }),
    ]);
  });
  return id;
}

function checkResult(input: ReviewOutcome) {
  const result = checkOneOf(input?.result, REVIEW_RESULTS, 'result');
  const reasons = checkText(input.reasons, 'reasons', true)!;
  if (result === 'upheld' && input.outcome !== undefined)
    throw new InputError('outcome', 'is given only when the decision is changed');
  return { result, reasons, outcome: result === 'changed' ? checkOutcome(input.outcome) : undefined };
}

export async function completeReview(
  store: Store,
  call: Call,
  reviewId: string,
  input: ReviewOutcome,
): Promise<void> {
  const action = 'automated-decision.review';
  const controllerId = call.actor.controllerId;
  const now = store.now();
  const { review, c } = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const found = await loadReview(store.db, checkId(reviewId, 'reviewId'));
    if (!found || (await loadDecision(store.db, found.decision_id))?.controller_id !== controllerId)
      throw new NotFound('the review (reviewId)');
    if (found.status !== 'requested')
      throw new InputError('reviewId', 'the review has already been completed');
    // Art. 22C: the review is by a human being, not by another automated process.
    if (call.actor.kind !== 'staff')
      throw new AccessDenied('a human review must be made by a member of staff');
    return { review: found, c: checkResult(input) };
  });
  await gateRightsAction(store, call, review.person_id, action);
  const key = (await vaultOf(store).load([review.person_id])).get(review.person_id);
  if (!key) throw new InputError('reviewId', "the person's data has been erased");
  const asked = openReview(key, controllerId, review);
  await auditingDenials(store, call, controllerId, action, review.person_id, () =>
    store.db.transaction(async (tx) => {
      const locked = (await loadReview(tx, review.id, true))!;
      if (locked.status !== 'requested')
        throw new InputError('reviewId', 'the review has already been completed');
      await tx.query(
        `update automated_decision_reviews set status = 'completed', completed_at = $2, reviewer = $3, result = $4, words = $5
          where id = $1`,
        [
          review.id,
          now,
          call.actor.id,
          c.result,
          sealReview(key, controllerId, review.person_id, review.id, { ...asked, ...c }),
        ],
      );
      await appendAudit(tx, [
        auditEvent(call, controllerId, now, {
          action,
          outcome: 'allowed',
          personId: review.person_id,
          recordIds: [review.decision_id, review.id],
          reason: c.result,
        }),
      ]);
    }),
  );
}
