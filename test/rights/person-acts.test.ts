/**
 * What people may do about their own rights, judged by the rights modules and the gate: make a
 * request, name a representative; but not the landlord's part of the work (moving a request on,
 * deciding an erasure, restricting), and nothing at all about someone else. Each refusal is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../src/records/errors.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { planErasure } from '../../src/rights/erasure/index.ts';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { applyRestriction } from '../../src/rights/restriction/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { TEST_NOW, testStore } from '../support/store.ts';
import { audits, controllerId, count, desk, manifest, newPerson } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;
let neighbour: string;
const asPerson = (personId: string): Call => ({
  actor: { id: `resident:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await newPerson(store);
  neighbour = await newPerson(store, 'Ottoline', 'Brackenbury');
});
afterAll(() => t.close());

describe(`a person acting on their own rights (${ENGINE})`, () => {
  it('makes their own requests and names their own representative', async () => {
    const made = await createRequest(store, asPerson(person), {
      controllerId,
      personId: person,
      right: 'erasure',
      channel: 'portal',
      receivedOn: '2026-11-23',
    });
    expect(made.status).toBe('received');
    await addRepresentative(store, asPerson(person), {
      controllerId,
      personId: person,
      agent: { name: 'Peregrine Ashdown' },
      kind: 'advocate',
      scope: ['all'],
      startsOn: '2026-11-01',
    });
    expect(await count(t.db, 'rights_representatives', 'person_id = $1', [person])).toBe(1);
  });

  it('makes a request only today, in the portal, for themself, without staff notes', async () => {
    const before = await count(t.db, 'rights_requests');
    const mine = { controllerId, personId: person, right: 'access' as const, channel: 'portal' as const };
    const today = TEST_NOW.toISOString().slice(0, 10);
    for (const [over, field] of [
      [{ receivedOn: '2026-01-05' }, 'receivedOn'],
      [{ receivedOn: today, channel: 'phone' as const }, 'channel'],
      [{ receivedOn: today, notes: 'urgent' }, 'notes'],
    ] as const)
      await expect(createRequest(store, asPerson(person), { ...mine, ...over })).rejects.toMatchObject({
        field,
      });
    expect(await count(t.db, 'rights_requests')).toBe(before);
  });

  it('cannot make a request about someone else', async () => {
    const before = await count(t.db, 'rights_requests');
    await expect(
      createRequest(store, asPerson(person), {
        controllerId,
        personId: neighbour,
        right: 'access',
        channel: 'portal',
        receivedOn: '2026-11-23',
      }),
    ).rejects.toThrow(AccessDenied);
    expect(await count(t.db, 'rights_requests')).toBe(before);
  });

  it('cannot do the landlord’s part: move a request on, plan an erasure, or restrict', async () => {
    const { id } = await createRequest(store, asPerson(person), {
      controllerId,
      personId: person,
      right: 'erasure',
      channel: 'portal',
      receivedOn: '2026-11-23',
    });
    const staffOnly = /done by our staff/;
    await expect(transition(store, asPerson(person), id, { to: 'in-progress' })).rejects.toThrow(staffOnly);
    await expect(planErasure(store, asPerson(person), id)).rejects.toThrow(staffOnly);
    await expect(
      applyRestriction(store, asPerson(person), {
        personId: person,
        ground: 'accuracy-contested',
        reason: 'x',
      }),
    ).rejects.toThrow(AccessDenied);
    const [row] = await t.db.query<{ status: string; restricted: boolean }>(
      'select r.status, p.restricted_since is not null as restricted from rights_requests r join people p on p.id = r.person_id where r.id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'received', restricted: false });
    expect(await count(t.db, 'erasure_plans', 'request_id = $1', [id])).toBe(0);
    const refused = [
      ...(await audits(t.db, 'rights-request.transition', 'denied')),
      ...(await audits(t.db, 'erasure.plan', 'denied')),
    ];
    expect(refused.map((a) => a.reason)).toEqual(Array(2).fill(expect.stringMatching(staffOnly)));
    expect(await audits(t.db, 'person.restrict', 'denied')).toHaveLength(1);
    // The landlord's desk still can.
    await expect(planErasure(store, desk, id)).resolves.toBeDefined();
  });
});
