/**
 * Legal holds: held people, records, households and cases are never disposed of, nor are records
 * that mention a held person; released holds let the next sweep go ahead. Bad holds are refused
 * with the field and the reason, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFound } from '../../src/records/errors.ts';
import { heldRecordIds } from '../../src/records/holds.ts';
import {
  holdsCovering,
  listHolds,
  placeHold,
  planRetention,
  releaseHold,
  runRetention,
  type NewHold,
} from '../../src/retention/index.ts';
import type { Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, recordIds, type Fixture } from './fixture.ts';

let t: TestDb;
let store: Store;
let f: Fixture;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db);
  f = await loadFixture(store);
});
afterAll(async () => t?.close());

const hold = (over: Partial<NewHold>): NewHold => ({
  controllerId: CONTROLLER,
  target: 'record',
  targetId: randomUUID(),
  matter: 'disrepair-claim',
  reason: 'Disrepair claim DR-2026-14',
  owner: 'legal-team',
  reviewOn: '2027-03-01',
  ...over,
});

describe(`legal holds (${ENGINE})`, () => {
  it('refuses a hold on an unknown record, person, household or case, naming the field, and writes nothing', async () => {
    for (const target of ['record', 'person', 'household', 'case'] as const) {
      await expect(placeHold(store, dpo, hold({ target }))).rejects.toThrow(
        new InputError('targetId', `there is no ${target} with this id (it may have been disposed of)`),
      );
    }
    expect(await listHolds(t.db, CONTROLLER, true)).toEqual([]);
  });

  it('refuses a hold with a bad target kind, matter, date, reason or owner', async () => {
    const bad: [Partial<NewHold>, RegExp][] = [
      [{ target: 'tenancy' as never }, /^target: must be one of person, record, household, case$/],
      [{ targetId: 'rec-1' }, /^targetId: must be the id of a record$/],
      [{ matter: 'hunch' as never }, /^matter: must be one of possession-claim/],
      [{ reviewOn: '2027-02-30' }, /^reviewOn: must be a date written YYYY-MM-DD$/],
      [{ reviewOn: '2020-01-01' }, /^reviewOn: must be in the future$/],
      [{ reason: '  ' }, /^reason: is required$/],
      [{ owner: '' }, /^owner: is required$/],
    ];
    for (const [over, message] of bad) {
      await expect(placeHold(store, dpo, hold({ targetId: f.records.adaCall, ...over }))).rejects.toThrow(
        message,
      );
    }
    expect(await listHolds(t.db, CONTROLLER, true)).toEqual([]);
  });

  it('refuses a second hold for the same matter on the same target while the first is in force', async () => {
    const first = await placeHold(store, dpo, hold({ target: 'record', targetId: f.records.adaCall }));
    await expect(
      placeHold(store, dpo, hold({ target: 'record', targetId: f.records.adaCall })),
    ).rejects.toThrow(/^matter: a hold for this matter is already in force on this record$/);
    expect(await listHolds(t.db, CONTROLLER, false)).toHaveLength(1);
    await releaseHold(store, dpo, CONTROLLER, first.id, 'Synthetic: matter settled');
    expect(await listHolds(t.db, CONTROLLER, false)).toEqual([]);
  });

  it('keeps held data through a sweep, and shows it as held in the plan', async () => {
    await placeHold(store, dpo, hold({ target: 'record', targetId: f.records.boRecording }));
    await placeHold(
      store,
      dpo,
      hold({ target: 'household', targetId: f.householdAda, matter: 'possession-claim' }),
    );
    await placeHold(
      store,
      dpo,
      hold({ target: 'person', targetId: f.people.di, matter: 'police-investigation' }),
    );
    const [plan] = await planRetention(store);
    const line = (type: string) => plan!.lines.find((l) => l.recordType === type)!;
    // Ada's household is held, and Ada's visit note mentions Cy; Cy's own call is not held.
    expect(line('contact-log')).toMatchObject({ due: 1, held: 2 });
    expect(line('repair')).toMatchObject({ due: 0, held: 1 });
    expect(line('call-recording')).toMatchObject({ due: 0, held: 1 });
    expect(line('application')).toMatchObject({ due: 0, held: 1 });
    expect(plan!.holds).toEqual({ inForce: 3, reviewDue: 0 });

    await runRetention(store, { startedBy: 'dpo-1' });
    const left = await recordIds(t.db);
    for (const kept of ['adaCall', 'adaVisit', 'adaRepair', 'boRecording', 'diApplication'])
      expect(left.has(f.records[kept]!), kept).toBe(true);
    expect(left.has(f.records.cyCall!)).toBe(false);
  });

  it('holds everyone mentioned in a held case', async () => {
    const [ada] = await listHolds(t.db, CONTROLLER).then((hs) => hs.filter((h) => h.target === 'household'));
    await releaseHold(store, dpo, CONTROLLER, ada!.id, 'Claim settled');
    await placeHold(
      store,
      dpo,
      hold({ target: 'case', targetId: f.records.adaVisit, matter: 'ombudsman-complaint' }),
    );
    const [plan] = await planRetention(store);
    // The case holds Ada (its subject) and Cy (mentioned): all of Ada's records stay.
    expect(plan!.lines.find((l) => l.recordType === 'contact-log')).toMatchObject({ due: 0, held: 2 });
    expect(plan!.lines.find((l) => l.recordType === 'repair')).toMatchObject({ due: 0, held: 1 });
  });

  it('names the holds over a person’s file: on them, on a case mentioning them, on a record shown', async () => {
    const over = async (personId: string, recordIds: string[] = []) =>
      (await holdsCovering(t.db, CONTROLLER, personId, recordIds)).map((h) => h.target);
    expect(await over(f.people.cy!)).toEqual(['case']);
    expect(await over(f.people.di!)).toEqual(['person']);
    expect(await over(f.people.bo!, [f.records.boRecording!])).toEqual(['record']);
    expect(await over(f.people.bo!)).toEqual([]);
    const onRecord = (await listHolds(t.db, CONTROLLER)).find((h) => h.target === 'record');
    expect(onRecord).toMatchObject({ personId: f.people.bo, recordType: 'call-recording' });
  });

  it('tells other deleting paths (Art. 17 erasure) which records a hold covers', async () => {
    const all = Object.values(f.records);
    const held = await heldRecordIds(t.db, CONTROLLER, all);
    const names = ['adaCall', 'adaVisit', 'adaRepair', 'boRecording', 'diApplication'];
    expect([...held].sort()).toEqual(names.map((n) => f.records[n]).sort());
  });

  it('lets a sweep dispose of what a released hold covered', async () => {
    for (const h of await listHolds(t.db, CONTROLLER))
      await releaseHold(store, dpo, CONTROLLER, h.id, 'Matter closed');
    expect(await listHolds(t.db, CONTROLLER)).toEqual([]);
    expect((await listHolds(t.db, CONTROLLER, true)).every((h) => h.releasedBy === 'dpo-1')).toBe(true);
    await runRetention(store, { startedBy: 'dpo-1' });
    const left = await recordIds(t.db);
    for (const gone of ['adaCall', 'adaVisit', 'adaRepair', 'boRecording', 'diApplication'])
      expect(left.has(f.records[gone]!), gone).toBe(false);
  });

  it('refuses to release a hold that is not in force', async () => {
    await expect(releaseHold(store, dpo, CONTROLLER, randomUUID(), 'done')).rejects.toThrow(NotFound);
    const [released] = await listHolds(t.db, CONTROLLER, true);
    await expect(releaseHold(store, dpo, CONTROLLER, released!.id, 'again')).rejects.toThrow(
      /^holdId: is no longer in force: it has been released$/,
    );
    await expect(releaseHold(store, dpo, CONTROLLER, 'h1', 'done')).rejects.toThrow(
      /^holdId: must be the id of a hold$/,
    );
  });

  it('lists holds due for review in the plan', async () => {
    // Placed last year with a review date then ahead of it, which has since passed.
    const lastYear = { ...store, now: () => new Date('2025-11-01T09:00:00Z') };
    await placeHold(lastYear, dpo, hold({ target: 'person', targetId: f.people.bo, reviewOn: '2026-11-01' }));
    const [plan] = await planRetention(store);
    expect(plan!.holds).toEqual({ inForce: 1, reviewDue: 1 });
  });
});
