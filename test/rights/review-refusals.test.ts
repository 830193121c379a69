/**
 * Bad input to a review and a release: each refused with the field and the reason, an audit event,
 * and nothing written or released.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import { transition } from '../../src/rights/requests/index.ts';
import {
  addRedaction,
  completeReview,
  decideRedaction,
  exemptItem,
  IdentityMismatch,
  releasePack,
  ReleaseRefused,
  startReview,
  verifyIdentity,
  type ReviewView,
} from '../../src/rights/review/index.ts';
import { ENGINE } from '../support/db.ts';
import {
  acceptEveryProposal,
  accessRequest,
  auditRows,
  buildWorld,
  caseworker,
  controllerId,
  desk,
  stranger,
  type World,
} from './review-fixture.ts';

let w: World;

beforeAll(async () => {
  w = await buildWorld();
}, 240_000);
afterAll(async () => w?.t.close());

/** Accept every proposal and complete the review. */
async function decideAll(view: ReviewView): Promise<void> {
  await acceptEveryProposal(w, view);
  await completeReview(w.store, caseworker, view.id);
}

async function state(reviewId: string, requestId: string) {
  const [review] = await w.t.db.query<{ status: string; identity_verified_on: string | null }>(
    'select status, identity_verified_on from sar_reviews where id = $1',
    [reviewId],
  );
  const [request] = await w.t.db.query<{ status: string; events: number }>(
    'select status, (select count(*)::int from request_events e where e.request_id = r.id) as events from rights_requests r where id = $1',
    [requestId],
  );
  return { review: review!, request: request! };
}

/** Expect a refused release: the code, an audit event naming it, and nothing changed. */
async function refusedRelease(
  reviewId: string,
  requestId: string,
  code: string,
  field: string,
  input: { on?: string } = {},
): Promise<string> {
  const before = await state(reviewId, requestId);
  const denials = (await auditRows(w.t.db, 'sar.release', 'denied')).length;
  const error = await releasePack(w.store, caseworker, reviewId, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  if (code !== 'input') expect(error).toMatchObject({ code });
  expect((error as InputError).field).toBe(field);
  expect(await state(reviewId, requestId)).toEqual(before);
  const after = await auditRows(w.t.db, 'sar.release', 'denied');
  expect(after).toHaveLength(denials + 1);
  expect(after.at(-1)!.reason).toBe((error as Error).message);
  expect(after.at(-1)!.person_id).toBe(w.tenant);
  return (error as Error).message;
}

describe(`refusing a release (${ENGINE})`, () => {
  let requestId: string;
  let view: ReviewView;

  beforeAll(async () => {
    requestId = await accessRequest(w, {}, null);
    view = await startReview(w.store, caseworker, requestId, { today: '2026-11-20' });
  });

  it('before the review is complete', async () => {
    const message = await refusedRelease(view.id, requestId, 'review-incomplete', 'reviewId');
    expect(message).toMatch(/not complete/);
  });

  it('while the request is not under way', async () => {
    await decideAll(view);
    const message = await refusedRelease(view.id, requestId, 'request-status', 'requestId');
    expect(message).toMatch(/the work on this request has not been started yet: start the work/);
    expect(message).not.toMatch(/received|in-progress|extended/);
  });

  it('while the requester’s identity is unverified', async () => {
    await transition(w.store, desk, requestId, { to: 'in-progress', on: '2026-11-03' });
    const message = await refusedRelease(view.id, requestId, 'identity-unverified', 'identity');
    expect(message).toMatch(/identity has not been verified/);
  });

  it('for an unparsable or future release date', async () => {
    await verifyIdentity(w.store, caseworker, view.id, {
      method: 'known-contact-details',
      presented: {
        givenName: 'Zebediah',
        familyName: 'Quillfeather',
        email: 'Z.Quillfeather@example.invalid',
      },
    });
    await refusedRelease(view.id, requestId, 'input', 'on', { on: 'next Monday' });
    await refusedRelease(view.id, requestId, 'input', 'on', { on: '2026-11-24' });
    await refusedRelease(view.id, requestId, 'request-status', 'on', { on: '2026-11-01' });
  });

  it('when a reviewed text has changed since the review', async () => {
    const [row] = await w.t.db.query<{ digest: Uint8Array; record_id: string; field: string }>(
      'select digest, record_id, field from sar_review_fields where review_id = $1 and record_id = $2',
      [view.id, w.repair],
    );
    const tampered = Buffer.from(row!.digest);
    tampered[0] = tampered[0]! ^ 0xff;
    await w.t.db.query('update sar_review_fields set digest = $3 where review_id = $1 and record_id = $2', [
      view.id,
      w.repair,
      tampered,
    ]);
    const message = await refusedRelease(view.id, requestId, 'changed-since-review', 'reviewId');
    expect(message).toContain(w.repair);
    await w.t.db.query('update sar_review_fields set digest = $3 where review_id = $1 and record_id = $2', [
      view.id,
      w.repair,
      Buffer.from(row!.digest),
    ]);
    const released = await releasePack(w.store, caseworker, view.id, { on: '2026-11-23' });
    expect(released.status).toBe('completed');
  });

  it('through a representative whose authority has expired by the day of release', async () => {
    const rep = await addRepresentative(w.store, desk, {
      controllerId,
      personId: w.tenant,
      agent: { name: 'Barnaby Threlkeld', organisation: 'Threlkeld & Co' },
      kind: 'solicitor',
      scope: ['access'],
      evidence: { kind: 'written-authority', reference: 'letter of 1 Nov' },
      startsOn: '2026-11-01',
      expiresOn: '2026-11-21',
    });
    const id = await accessRequest(w, { channel: 'representative', representativeId: rep }, '2026-11-03');
    const v = await startReview(w.store, caseworker, id, { today: '2026-11-20' });
    await decideAll(v);
    await verifyIdentity(w.store, caseworker, v.id, {
      method: 'id-document',
      presented: { givenName: 'Zebediah', familyName: 'Quillfeather', dateOfBirth: '1980-04-03' },
    });
    const message = await refusedRelease(v.id, id, 'no-authority', 'representativeId', { on: '2026-11-23' });
    expect(message).toMatch(/expired on 2026-11-21/);
    expect(message).not.toContain('Threlkeld');
  });
});

describe(`refusing bad input to a review (${ENGINE})`, () => {
  let requestId: string;
  let view: ReviewView;

  beforeAll(async () => {
    requestId = await accessRequest(w);
    view = await startReview(w.store, caseworker, requestId, { today: '2026-11-20' });
  });

  /** Each refusal: an InputError naming `field`, a denial audited, nothing written to the review. */
  async function refused(action: string, field: string, attempt: () => Promise<unknown>): Promise<void> {
    const snapshot = () =>
      w.t.db.query('select * from sar_review_redactions where review_id = $1 order by n', [view.id]);
    const items = () =>
      w.t.db.query('select * from sar_review_items where review_id = $1 order by item_id', [view.id]);
    const before = [await snapshot(), await items()];
    const denials = (await auditRows(w.t.db, action, 'denied')).length;
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect([await snapshot(), await items()]).toEqual(before);
    expect(await auditRows(w.t.db, action, 'denied')).toHaveLength(denials + 1);
  }

  it('refuses decisions on redactions that do not exist or are not decisions', async () => {
    await refused('sar-review.decide', 'n', () =>
      decideRedaction(w.store, caseworker, view.id, { n: 9999, decision: 'accepted' }),
    );
    await refused('sar-review.decide', 'n', () =>
      decideRedaction(w.store, caseworker, view.id, { n: 1.5, decision: 'accepted' }),
    );
    await refused('sar-review.decide', 'decision', () =>
      decideRedaction(w.store, caseworker, view.id, { n: 1, decision: 'maybe' as never }),
    );
  });

  it('refuses added redactions outside a reviewed text or without a known reason', async () => {
    const add = (over: Record<string, unknown>) => () =>
      addRedaction(w.store, caseworker, view.id, {
        recordId: w.repair,
        field: 'description',
        start: 0,
        end: 4,
        reason: 'negotiations',
        ...over,
      });
    await refused('sar-review.add', 'end', add({ end: 100_000 }));
    await refused('sar-review.add', 'end', add({ start: 4, end: 4 }));
    await refused('sar-review.add', 'start', add({ start: -1 }));
    await refused('sar-review.add', 'field', add({ field: 'priority' }));
    await refused('sar-review.add', 'field', add({ recordId: w.joint }));
    await refused('sar-review.add', 'recordId', add({ recordId: 'REC-1' }));
    await refused('sar-review.add', 'reason', add({ reason: 'because' }));
  });

  it('refuses an exemption not in the vocabulary, without reasons, or for an item not in the review', async () => {
    const exempt = (over: Record<string, unknown>) => () =>
      exemptItem(w.store, caseworker, view.id, {
        kind: 'record',
        itemId: w.repair,
        exemption: 'negotiations',
        note: 'settlement talks under way',
        ...over,
      });
    await refused('sar-review.exempt', 'exemption', exempt({ exemption: 'embarrassment' }));
    await refused('sar-review.exempt', 'note', exempt({ note: '  ' }));
    await refused('sar-review.exempt', 'itemId', exempt({ itemId: w.letter }));
    await refused('sar-review.exempt', 'kind', exempt({ kind: 'folder' }));
  });

  it('refuses an identity that does not match, or a date of birth it cannot read, recording nothing', async () => {
    const check = (presented: Record<string, unknown>) => () =>
      verifyIdentity(w.store, caseworker, view.id, {
        method: 'id-document',
        presented: { givenName: 'Zebediah', familyName: 'Quillfeather', ...presented } as never,
      });
    const denials = (await auditRows(w.t.db, 'sar-review.identity', 'denied')).length;
    const mismatch = await check({ dateOfBirth: '1980-03-04' })().catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(IdentityMismatch);
    expect(mismatch).toMatchObject({ field: 'presented.dateOfBirth' });
    expect((mismatch as Error).message).not.toContain('1980');
    await expect(check({ familyName: 'Quilfeather', postcode: 'BV1 2ZZ' })()).rejects.toMatchObject({
      field: 'presented.familyName',
    });
    await expect(check({ dateOfBirth: '04/31/1980' })()).rejects.toMatchObject({
      field: 'presented.dateOfBirth',
      message: expect.stringMatching(/not a real date/),
    });
    await expect(check({})()).rejects.toMatchObject({ field: 'presented' });
    const [review] = await w.t.db.query<{ identity_verified_on: string | null }>(
      'select identity_verified_on from sar_reviews where id = $1',
      [view.id],
    );
    expect(review!.identity_verified_on).toBeNull();
    const after = await auditRows(w.t.db, 'sar-review.identity', 'denied');
    expect(after).toHaveLength(denials + 4);
    expect(after.map((a) => a.reason).join()).not.toMatch(/1980|Quilfeather/);
  });

  it('refuses an unknown or malformed review, the wrong purpose and an actor the gate refuses', async () => {
    const decide = (call = caseworker, id = view.id) =>
      decideRedaction(w.store, call, id, { n: 1, decision: 'accepted' });
    await expect(decide(caseworker, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFound);
    await expect(decide(caseworker, 'review-1')).rejects.toMatchObject({ field: 'reviewId' });
    await expect(decide({ ...caseworker, purpose: 'tenancy-management' })).rejects.toMatchObject({
      field: 'purpose',
    });
    await expect(decide({ ...caseworker, actor: stranger })).rejects.toBeInstanceOf(AccessDenied);
    const reasons = (await auditRows(w.t.db, 'sar-review.decide', 'denied')).slice(-4).map((a) => a.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/not found/),
      expect.stringMatching(/^reviewId:/),
      expect.stringMatching(/^purpose:/),
      expect.stringMatching(/access denied/),
    ]);
  });
});

describe(`refusing to start a review (${ENGINE})`, () => {
  it('for a request that is not for access, an unknown request, or one already under review', async () => {
    const erasure = await accessRequest(w, { right: 'erasure' });
    await expect(startReview(w.store, caseworker, erasure)).rejects.toMatchObject({
      field: 'requestId',
      message: expect.stringMatching(/request for erasure/),
    });
    await expect(
      startReview(w.store, caseworker, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(NotFound);
    const id = await accessRequest(w);
    const first = await startReview(w.store, caseworker, id);
    await expect(startReview(w.store, caseworker, id)).rejects.toMatchObject({
      field: 'requestId',
      message: expect.stringMatching(/already open/),
    });
    const second = await startReview(w.store, caseworker, id, { restart: true });
    const statuses = await w.t.db.query<{ id: string; status: string }>(
      'select id, status from sar_reviews where request_id = $1',
      [id],
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [first.id]: 'superseded',
      [second.id]: 'open',
    });
    const denied = await auditRows(w.t.db, 'sar-review.start', 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses release of a superseded review', async () => {
    const id = await accessRequest(w);
    const first = await startReview(w.store, caseworker, id);
    await startReview(w.store, caseworker, id, { restart: true });
    await expect(releasePack(w.store, caseworker, first.id)).rejects.toBeInstanceOf(ReleaseRefused);
  });
});
