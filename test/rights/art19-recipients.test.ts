/**
 * Art. 19 recipients from the disclosure log: who actually received the person's data (with the
 * days), beside who the manifest says may have; never another person's recipients; withheld
 * disclosures hidden from the person and from their letter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../src/records/errors.ts';
import { createRecord } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { erasureLetter, planErasure, readPlan, recipientsToTell } from '../../src/rights/erasure/index.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { disclosedTo, recordDisclosure } from '../../src/sharing/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, manifest, newPerson, stranger, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let tenant: string;
let other: string;
let call: string;

const as = (purpose: string): Call => ({ ...system, purpose });
const desk = as('subject-access');
const portal = (personId: string): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});

const byLaw = (personId: string, recipientId: string, disclosedOn: string) =>
  recordDisclosure(store, system, {
    personId,
    basis: 'required-by-law',
    recipientId,
    categories: ['identity'],
    reference: 'Synthetic order 1',
    disclosedOn,
    approvedBy: 'dpo-1',
  });

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  tenant = await newPerson(store);
  other = await newPerson(store, 'Ignatius', 'Thistlewood');
  call = await createRecord(store, as('cctv'), {
    controllerId,
    personId: tenant,
    recordType: 'call-recording',
    payload: { recordedAt: '2026-11-01T09:00:00Z', queue: 'rent' },
  });
  // DWP is not declared for call recordings; the log shows it had the tenant's data twice.
  await byLaw(tenant, 'dwp', '2026-10-02');
  await byLaw(tenant, 'dwp', '2026-11-05');
  // Someone else's disclosure must never appear on the tenant's list.
  await byLaw(other, 'local-authority', '2026-09-01');
});
afterAll(async () => t?.close());

describe(`Art. 19 recipients from the disclosure log (${ENGINE})`, () => {
  it('puts the logged recipients first, with their days, then the declared ones who may have received it', () => {
    const list = recipientsToTell(
      manifest,
      ['call-recording'],
      [
        {
          id: 'dwp',
          recipientId: 'dwp',
          representativeId: null,
          name: 'DWP',
          kind: 'public-authority',
          received: [{ on: '2026-10-02', withheldFromSubject: false }],
        },
      ],
    );
    expect(list.map((r) => [r.id, r.received.map((x) => x.on)])).toEqual([
      ['dwp', ['2026-10-02']],
      ['police', []],
    ]);
  });

  it('lists who the log shows received this person’s data, gated and audited, and no one else’s', async () => {
    const seen = await disclosedTo(store, desk, tenant);
    expect(seen).toEqual([
      expect.objectContaining({
        id: 'dwp',
        received: [
          { on: '2026-10-02', withheldFromSubject: false },
          { on: '2026-11-05', withheldFromSubject: false },
        ],
      }),
    ]);
    const read = await audits(t.db, 'disclosure.read', 'allowed');
    expect(read.some((a) => a.person_id === tenant && a.reason === 'recipients to tell (Art. 19)')).toBe(
      true,
    );
    await expect(
      disclosedTo(store, { actor: stranger, purpose: 'subject-access', channel: 'web' }, tenant),
    ).rejects.toThrow(AccessDenied);
    expect((await audits(t.db, 'disclosure.read', 'denied')).length).toBeGreaterThan(0);
  });

  it('tells of a correction: the logged recipient with its days, the declared one as may-have', async () => {
    const done = await correct(store, desk, {
      personId: tenant,
      recordId: call,
      field: 'queue',
      value: 'repairs',
      reason: 'The call was put through to the wrong queue',
    });
    expect(done.recipients.map((r) => [r.id, r.received.map((x) => x.on)])).toEqual([
      ['dwp', ['2026-10-02', '2026-11-05']],
      ['police', []],
    ]);
    expect(done.recipients.map((r) => r.id)).not.toContain('local-authority');
    expect(done.disclosureLogRead).toBe(true);
  });

  it('still corrects when the purpose does not reach the log, saying the list is the manifest’s alone', async () => {
    const done = await correct(store, as('cctv'), {
      personId: tenant,
      recordId: call,
      field: 'queue',
      value: 'rent',
      reason: 'Put back: the first correction was itself a mistake',
    });
    expect(done.disclosureLogRead).toBe(false);
    expect(done.recipients.map((r) => [r.id, r.received])).toEqual([['police', []]]);
  });

  it('shows a withheld disclosure to staff, flagged, but never to the person or in their letter', async () => {
    await recordDisclosure(store, system, {
      personId: tenant,
      basis: 'crime-and-taxation',
      recipientId: 'police',
      categories: ['identity'],
      reference: 'Synthetic ref 2',
      reasons: 'Telling the person would prejudice an investigation',
      disclosedOn: '2026-11-10',
      approvedBy: 'dpo-1',
      withholdFromSubject: true,
    });
    const { id: requestId } = await createRequest(store, system, {
      controllerId,
      personId: tenant,
      right: 'erasure',
      channel: 'email',
      receivedOn: '2026-11-20',
    });
    await transition(store, system, requestId, { to: 'in-progress', on: '2026-11-20' });
    const plan = await planErasure(store, desk, requestId);
    const staff = Object.fromEntries(plan.recipients.map((r) => [r.id, r.received]));
    expect(staff.police).toEqual([{ on: '2026-11-10', withheldFromSubject: true }]);
    expect(staff.dwp!.map((x) => x.on)).toEqual(['2026-10-02', '2026-11-05']);
    // Declared for the person's details, so listed, but the other person's disclosure is not theirs.
    expect(staff['local-authority']).toEqual([]);
    const letter = erasureLetter(plan).text;
    expect(letter).toContain('Department for Work and Pensions (received it on');
    expect(letter).toContain('received it on 2 October 2026, 5 November 2026');
    expect(letter).not.toContain('10 November 2026');

    const own = await readPlan(store, portal(tenant), plan.id);
    const police = own.recipients.find((r) => r.id === 'police');
    // The person sees the police only as declared for call recordings, not the withheld disclosure.
    expect(police?.received ?? []).toEqual([]);
  });
});
