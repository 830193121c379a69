/**
 * A pack released after the deadline is said to be late, in calendar days from the clock's
 * deadline: in the completed event (sealed like every event note, read back through readRequest)
 * and in the audit reason. One released in time says nothing. The refusal for a request whose work
 * has not started speaks plainly, without status codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequest } from '../../src/rights/requests/index.ts';
import {
  completeReview,
  daysLate,
  lateReleaseText,
  mustStartWork,
  notReleasableBecause,
  releasePack,
  reviewIdentityOf,
  startReview,
  verifyIdentity,
} from '../../src/rights/review/index.ts';
import {
  acceptEveryProposal,
  accessRequest,
  auditRows,
  buildWorld,
  caseworker,
  type World,
} from './review-fixture.ts';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 240_000);
afterAll(async () => w?.t.close());

/** A request received on the day given, started the next day, reviewed, checked and released. */
async function released(receivedOn: string, startedOn: string, on: string) {
  const requestId = await accessRequest(w, { receivedOn }, startedOn);
  const view = await startReview(w.store, caseworker, requestId, { today: startedOn });
  await acceptEveryProposal(w, view);
  await completeReview(w.store, caseworker, view.id);
  await verifyIdentity(w.store, caseworker, view.id, {
    method: 'known-contact-details',
    presented: { givenName: 'Zebediah', familyName: 'Quillfeather', email: 'z.quillfeather@example.invalid' },
  });
  await releasePack(w.store, caseworker, view.id, { on });
  return { requestId, reviewId: view.id };
}

describe('a late release', () => {
  it('is said late, in calendar days after the deadline, in the completed event and the audit', async () => {
    // Received 1 September 2026: due 1 October (a Thursday); released Tuesday 6 October.
    const { requestId } = await released('2026-09-01', '2026-09-02', '2026-10-06');
    const view = await readRequest(w.store, caseworker, requestId);
    expect(view.due.due).toBe('2026-10-01');
    const completed = view.events.at(-1)!;
    expect(completed.to).toBe('completed');
    expect(completed.note).toBe('Released 5 days after the deadline');
    const audit = await auditRows(w.t.db, 'rights-request.transition', 'allowed');
    expect(audit.at(-1)!.reason).toMatch(/pack released; released 5 days after the deadline/);
    // The note is sealed: the words are not in the event row in clear.
    const [row] = await w.t.db.query<{ note: Uint8Array }>(
      'select note from request_events where request_id = $1 and to_status = $2',
      [requestId, 'completed'],
    );
    expect(Buffer.from(row!.note).toString('latin1')).not.toContain('deadline');
  });

  it('is not flagged when released in time, and the identity checked in the review is found', async () => {
    const { requestId } = await released('2026-11-02', '2026-11-03', '2026-11-20');
    const view = await readRequest(w.store, caseworker, requestId);
    expect(view.events.at(-1)!.note).toBeUndefined();
    expect(await reviewIdentityOf(w.t.db, requestId)).toEqual({
      method: 'known-contact-details',
      verifiedOn: '2026-11-23',
    });
  });
});

describe('the words for releasing', () => {
  it('counts calendar days after the due day, and none on or before it', () => {
    expect(daysLate('2026-10-01', '2026-10-01')).toBe(0);
    expect(daysLate('2026-10-01', '2026-09-20')).toBe(0);
    expect(daysLate('2026-10-01', '2026-10-02')).toBe(1);
    expect(lateReleaseText('2026-10-01', '2026-10-02')).toBe('Released 1 day after the deadline');
    expect(lateReleaseText('2026-12-24', '2027-01-02')).toBe('Released 9 days after the deadline');
    expect(lateReleaseText('2026-10-01', '2026-10-01')).toBeUndefined();
  });

  it('says why a pack cannot be released yet without status codes', () => {
    expect(notReleasableBecause('in-progress')).toBeUndefined();
    expect(notReleasableBecause('extended')).toBeUndefined();
    for (const status of [
      'received',
      'awaiting-id',
      'awaiting-authority',
      'awaiting-clarification',
    ] as const) {
      expect(mustStartWork(status)).toBe(true);
      const why = notReleasableBecause(status)!;
      expect(why).toMatch(/start the work/);
      expect(why).not.toContain(status);
    }
    expect(notReleasableBecause('completed')).toMatch(/already been completed/);
    expect(notReleasableBecause('withdrawn')).toMatch(/withdrew/);
    expect(mustStartWork('completed')).toBe(false);
  });
});
