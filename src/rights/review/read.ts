/** Reading a review back for the caseworker: the pack read afresh through the gate, with the review's decisions. */
import { appendAudit } from '../../audit/append.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import { ukDate } from '../requests/input.ts';
import { readPackSource } from '../sar/source.ts';
import { openReview } from './access.ts';
import { readRowsAndBuild } from './start.ts';
import type { ReviewView } from './view.ts';

export async function readReview(store: Store, call: Call, reviewId: string): Promise<ReviewView> {
  const action = 'sar-review.read';
  const opened = await openReview(store, call, reviewId, action);
  const { review } = opened;
  const source = await readPackSource(store, call, review.person_id, {
    today: ukDate(store.now()),
    purposes: review.purposes,
    accessesUpToSeq: review.accesses_until_seq,
  });
  const view = await readRowsAndBuild(store, review.id, source, opened.key);
  await appendAudit(store.db, [
    auditEvent(call, review.controller_id, store.now(), {
      action,
      outcome: 'allowed',
      personId: review.person_id,
      recordIds: [review.request_id, review.id],
    }),
  ]);
  return view;
}
