/**
 * The plan in totals (summariseRetention, for the staff home) against the plan itself: the same
 * figures at moments before, at and long after the fixture's dates; with holds (one past its
 * review date), a controller event entered, a lease-ended rule (counted on its own) and a review
 * rule; and after a sweep. It reads the records once for all the rules that can share a query.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/manifest/schema.ts';
import { writeBatch } from '../../src/records/batch.ts';
import type { Store } from '../../src/records/store.ts';
import {
  enterEvent,
  placeHold,
  planRetention,
  RetentionInputError,
  runRetention,
  summariseRetention,
  type RetentionPlan,
} from '../../src/retention/index.ts';
import type { Queryable } from '../../src/store/db.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, TEST_NOW, testStore } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, system, type Fixture } from './fixture.ts';

/** The demo manifest with repairs kept until a lease ends and contact logs until an event. */
function variant(): Manifest {
  const m = structuredClone(demoManifest());
  m.events.push({ id: 'pandemic-over', name: 'The pandemic was declared over' });
  m.retention.push(
    { id: 'lease-repairs', trigger: 'lease-ended', period: 'P6Y', action: 'erase' },
    { id: 'pandemic-contacts', trigger: 'event:pandemic-over', period: 'P1Y', action: 'erase' },
  );
  m.recordTypes.find((r) => r.id === 'repair')!.retention = 'lease-repairs';
  m.recordTypes.find((r) => r.id === 'contact-log')!.retention = 'pandemic-contacts';
  return m;
}

/** A leaseholder whose lease ended in 2015, with a repair: due under lease-repairs. */
async function addLeaseholder(store: Store): Promise<void> {
  const [person, property, household] = [randomUUID(), randomUUID(), randomUUID()];
  await writeBatch(store, system(), {
    controllerId: CONTROLLER,
    people: [
      {
        id: person,
        subjectTypes: ['tenant'],
        profile: { givenName: 'Flo', familyName: 'Testperson' },
      },
    ],
    properties: [{ id: property, address: '9 Example Street', postcode: 'BV1 1ZZ', patch: 'north' }],
    households: [
      {
        id: household,
        propertyId: property,
        members: [
          { personId: person, relationship: 'sole-tenant', startedOn: '2005-01-01', endedOn: '2015-03-31' },
        ],
      },
    ],
    tenancies: [
      {
        householdId: household,
        propertyId: property,
        kind: 'leasehold',
        startedOn: '2005-01-01',
        endedOn: '2015-03-31',
        parties: [person],
      },
    ],
    records: [
      {
        id: randomUUID(),
        personId: person,
        recordType: 'repair',
        payload: {
          description: 'Roof',
          reportedOn: '2014-05-01',
          completedOn: '2014-05-09',
          priority: 'routine',
          trade: 'roofing',
        },
      },
    ],
  });
}

/** The plan's lines summed as the staff home sums them. */
function totals(plan: RetentionPlan) {
  const sum = (pick: (l: RetentionPlan['lines'][number]) => number) =>
    plan.lines.reduce((n, l) => n + pick(l), 0);
  return {
    controllerId: plan.controllerId,
    asOf: plan.asOf,
    dispose: sum((l) => (l.action === 'review' ? 0 : l.due)),
    review: sum((l) => (l.action === 'review' ? l.due : 0)),
    held: sum((l) => l.held),
    holds: plan.holds,
    reviews: plan.reviews,
  };
}

const MOMENTS = [undefined, '2015-01-01', '2021-06-01', '2031-01-01', '2045-01-01'];

async function expectSameAsPlan(store: Store) {
  for (const day of MOMENTS) {
    const asOf = day ? new Date(`${day}T10:00:00Z`) : undefined;
    const [plan] = await planRetention(store, { controllerId: CONTROLLER, asOf });
    expect(await summariseRetention(store, CONTROLLER, { asOf }), day ?? 'now').toEqual(totals(plan!));
  }
  return summariseRetention(store, CONTROLLER);
}

let t: TestDb;
let store: Store;
let f: Fixture;
beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, variant());
  f = await loadFixture(store);
  await addLeaseholder(store);
});
afterAll(async () => t?.close());

describe(`the retention summary (${ENGINE})`, () => {
  it('sums to the plan, with a lease rule, a review rule and an event not yet entered', async () => {
    const now = await expectSameAsPlan(store);
    const [plan] = await planRetention(store, { controllerId: CONTROLLER });
    const line = (type: string) => plan!.lines.find((l) => l.recordType === type)!;
    expect(line('repair').due).toBe(1);
    expect(line('asb-case').due).toBe(1);
    expect(line('contact-log').waiting).toBeDefined();
    expect(now).toMatchObject({ review: 1, held: 0 });
    expect(now.dispose).toBeGreaterThan(1);
  });

  it('sums to the plan once the event is entered and holds are placed', async () => {
    await enterEvent(store, dpo, {
      controllerId: CONTROLLER,
      eventId: 'pandemic-over',
      occurredOn: '2020-01-01',
    });
    const hold = {
      controllerId: CONTROLLER,
      matter: 'disrepair-claim',
      reason: 'Claim DR-2026-14',
      owner: 'legal-team',
    } as const;
    // Placed in 2025, its review date (then ahead) has passed.
    const placedIn2025 = { ...store, now: () => new Date('2025-06-01T09:00:00Z') };
    await placeHold(placedIn2025, dpo, {
      ...hold,
      target: 'person',
      targetId: f.people.cy,
      reviewOn: '2026-01-01',
    });
    await placeHold(store, dpo, {
      ...hold,
      target: 'record',
      targetId: f.records.diApplication!,
      reviewOn: '2027-03-01',
    });
    const now = await expectSameAsPlan(store);
    expect(now.held).toBeGreaterThanOrEqual(2);
    expect(now.holds).toEqual({ inForce: 2, reviewDue: 1 });
  });

  it('reads the records once for every rule that can share the query (a lease rule reads its own)', async () => {
    const sql: string[] = [];
    const db: Queryable = {
      query: (text, params) => {
        sql.push(text);
        return t.db.query(text, params);
      },
    } as Queryable;
    await summariseRetention({ ...store, db: db as Store['db'] }, CONTROLLER);
    // The due queries pick record types by parameter; the people query reads records only per person.
    expect(sql.filter((q) => /r\.record_type = \$\d/.test(q))).toHaveLength(2);
  });

  it('sums to the plan after a sweep, with the review queue', async () => {
    await runRetention({ ...store, now: () => TEST_NOW }, { startedBy: 'dpo-1' });
    const now = await expectSameAsPlan(store);
    expect(now).toMatchObject({ dispose: 0, review: 0, reviews: { pending: 1, kept: 0 } });
  });

  it('refuses a bad moment or an unknown controller as the plan does', async () => {
    await expect(summariseRetention(store, CONTROLLER, { asOf: new Date('nonsense') })).rejects.toThrow(
      new RetentionInputError('asOf', 'must be a valid date'),
    );
    const unknown = planRetention(store, { controllerId: 'nobody' }).catch((e: Error) => e.message);
    await expect(summariseRetention(store, 'nobody')).rejects.toThrow(await unknown);
  });
});
