/**
 * The disclosure log in a subject access review: a disclosure withheld from the person under the
 * crime and taxation exemption comes to the caseworker as a withheld item with its exemption, and
 * never reaches the person unless the caseworker lifts it; the others go out as logged.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import {
  completeReview,
  exemptItem,
  releasePack,
  startReview,
  verifyIdentity,
  type ReviewView,
} from '../../src/rights/review/index.ts';
import { recordDisclosure, type NewDisclosure } from '../../src/sharing/index.ts';
import { ENGINE } from '../support/db.ts';
import {
  acceptEveryProposal,
  accessRequest,
  caseworker,
  reviewTablesText,
  type World,
} from './review-fixture.ts';
import { buildWorld } from './review-fixture.ts';

let w: World;
let shown: string;
let withheld: string;

const toPolice = (personId: string, over: Partial<NewDisclosure> = {}): NewDisclosure => ({
  personId,
  basis: 'required-by-law',
  recipientId: 'police',
  recipientName: 'Brookvale Police',
  activityId: 'asb',
  categories: ['identity', 'contact'],
  reference: 'CT/2026/0202',
  reasons: 'Staff reasoning Xylophage',
  description: 'Name and phone number for a court order',
  approvedBy: 'dpo-1',
  disclosedOn: '2026-11-05',
  ...over,
});

beforeAll(async () => {
  w = await buildWorld();
  shown = await recordDisclosure(w.store, caseworker, toPolice(w.tenant));
  withheld = await recordDisclosure(
    w.store,
    caseworker,
    toPolice(w.tenant, {
      basis: 'crime-and-taxation',
      reference: 'SECRET/9001',
      description: 'Tip-off Vorpalwise',
      disclosedOn: '2026-11-06',
      withholdFromSubject: true,
    }),
  );
}, 240_000);
afterAll(async () => w?.t.close());

/** Start a review of a new access request, decide every proposal, and return it. */
async function reviewed(): Promise<ReviewView> {
  const requestId = await accessRequest(w);
  const view = await startReview(w.store, caseworker, requestId, { today: '2026-11-20' });
  await acceptEveryProposal(w, view);
  await verifyIdentity(w.store, caseworker, view.id, {
    method: 'id-document',
    presented: { givenName: 'Zebediah', familyName: 'Quillfeather', dateOfBirth: '03/04/1980' },
  });
  return view;
}

const everything = (zip: Uint8Array) =>
  Object.values(unzipSync(zip))
    .map((bytes) => strFromU8(bytes, true))
    .join('\n');

describe(`disclosures in a subject access review (${ENGINE})`, () => {
  it('brings the withheld disclosure to the caseworker as withheld under crime and taxation', async () => {
    const view = await reviewed();
    const byId = new Map(view.disclosures.map((d) => [d.id, d]));
    expect(byId.get(shown)).toMatchObject({
      withheldFromSubject: false,
      exemption: null,
      state: 'as-reviewed',
    });
    expect(byId.get(withheld)).toMatchObject({
      withheldFromSubject: true,
      reference: 'SECRET/9001',
      exemption: { code: 'crime-and-taxation', reference: 'DPA 2018 Sch. 2 para. 2' },
    });
    // The review keeps ids and codes only: no words of the disclosure.
    expect(await reviewTablesText(w.t.db)).not.toContain('SECRET/9001');
  });

  it('releases the others but never the withheld one, nor counts it', async () => {
    const view = await reviewed();
    await completeReview(w.store, caseworker, view.id);
    const release = await releasePack(w.store, caseworker, view.id, { on: '2026-11-23' });
    expect(release.pack.disclosures.map((d) => d.id)).toEqual([shown]);
    expect(release.pack.exemptions).toEqual([]);
    const text = everything(release.zip);
    expect(text).toContain('CT/2026/0202');
    for (const secret of [withheld, 'SECRET/9001', 'Vorpalwise', 'Xylophage'])
      expect(text).not.toContain(secret);
    // Nor does the access list tell of it: recording it was an access to the person's data.
    const disclosureLines = release.pack.accesses.filter((a) => a.action.startsWith('disclosure.'));
    expect(disclosureLines.length).toBeGreaterThan(0);
    const logged = await w.t.db.query<{ ids: string[] }>(
      "select record_ids as ids from audit_events where action = 'disclosure.create' and outcome = 'allowed'",
    );
    expect(logged.map((r) => r.ids).flat()).toContain(withheld);
    expect(disclosureLines.filter((a) => a.action === 'disclosure.create')).toHaveLength(
      logged.filter((r) => !r.ids.includes(withheld)).length,
    );
  });

  it('releases the withheld disclosure only when the caseworker lifts the exemption, audited', async () => {
    const view = await reviewed();
    await exemptItem(w.store, caseworker, view.id, { kind: 'disclosure', itemId: withheld, exemption: null });
    await completeReview(w.store, caseworker, view.id);
    const release = await releasePack(w.store, caseworker, view.id, { on: '2026-11-23' });
    expect(release.pack.disclosures.map((d) => d.id)).toEqual([shown, withheld]);
    expect(everything(release.zip)).toContain('SECRET/9001');
    // The approver's reasons stay with staff even then.
    expect(everything(release.zip)).not.toContain('Xylophage');
    const [lifted] = await w.t.db.query<{ reason: string }>(
      "select reason from audit_events where action = 'sar-review.exempt' order by seq desc limit 1",
    );
    expect(lifted!.reason).toBe('exemption lifted');
    expect((await verifyChain(w.t.db)).ok).toBe(true);
  });

  it('lets the caseworker withhold a logged disclosure too, with a reason', async () => {
    const view = await reviewed();
    await exemptItem(w.store, caseworker, view.id, {
      kind: 'disclosure',
      itemId: shown,
      exemption: 'legal-professional-privilege',
      note: 'advice from counsel attached',
    });
    await completeReview(w.store, caseworker, view.id);
    const release = await releasePack(w.store, caseworker, view.id, { on: '2026-11-23' });
    expect(release.pack.disclosures).toEqual([]);
  });
});
