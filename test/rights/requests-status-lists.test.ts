/**
 * The lists of requests off the clock: waiting for the person (with what we wait for, since when,
 * and what the clock gives when the wait ends) and finished (with the outcome and its day, kept
 * when the request is closed afterwards). A question asked after the deadline stops nothing, so
 * the request is shown as overdue while it waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/records/store.ts';
import {
  createRequest,
  finishedList,
  transition,
  waitingCount,
  waitingList,
  type TransitionInput,
} from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { controllerId, desk, manifest, newPerson } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;
beforeAll(async () => {
  t = await openTestDb();
  // Today is fixed: 23 November 2026.
  store = { ...testStore(t.db, manifest), now: () => new Date('2026-11-23T10:00:00Z') };
  person = await newPerson(store);
});
afterAll(() => t?.close());

async function request(receivedOn: string, ...moves: TransitionInput[]): Promise<string> {
  const { id } = await createRequest(store, desk, {
    controllerId,
    personId: person,
    right: 'access',
    channel: 'letter',
    receivedOn,
  });
  for (const m of moves) await transition(store, desk, id, m);
  return id;
}

describe(`requests off the clock (${ENGINE})`, () => {
  it('lists those waiting for the person, with what the clock gives when the wait ends', async () => {
    const forId = await request('2026-11-02', { to: 'awaiting-id', on: '2026-11-03' });
    const forAnswer = await request(
      '2026-11-02',
      { to: 'in-progress', on: '2026-11-02' },
      { to: 'awaiting-clarification', on: '2026-11-12' },
    );
    // Received in September, due 1 October 2026 (a Thursday): asked on 2 November, too late to stop the clock.
    const tooLate = await request('2026-09-01', { to: 'awaiting-clarification', on: '2026-11-02' });
    const running = await request('2026-11-20');

    const { today, requests } = await waitingList(store, controllerId);
    expect(today).toBe('2026-11-23');
    const byId = new Map(requests.map((r) => [r.id, r]));
    expect(byId.has(running)).toBe(false);
    expect(byId.get(forId)).toMatchObject({
      status: 'awaiting-id',
      since: '2026-11-03',
      resumes: { kind: 'fresh-month' },
      dueBefore: '2026-12-02',
      askedAfterDeadline: false,
    });
    // Due 2 December without the pause; asked on the 12th with 20 days left. Answered today, the
    // deadline moves on by the 11 days stopped, to Sunday 13 December, so Monday the 14th.
    expect(byId.get(forAnswer)).toMatchObject({
      status: 'awaiting-clarification',
      since: '2026-11-12',
      resumes: { kind: 'days-left', days: 21, due: '2026-12-14' },
      askedAfterDeadline: false,
    });
    expect(byId.get(tooLate)).toMatchObject({
      since: '2026-11-02',
      resumes: { kind: 'days-left', days: -53, due: '2026-10-01' },
      dueBefore: '2026-10-01',
      askedAfterDeadline: true,
    });
    // Longest waiting first.
    expect(requests.map((r) => r.since)).toEqual([...requests.map((r) => r.since)].sort());
    expect(await waitingCount(store, controllerId)).toBe(requests.length);
  });

  it('lists those finished with the outcome and its day, kept once the request is closed', async () => {
    const completed = await request(
      '2026-11-02',
      { to: 'in-progress', on: '2026-11-03' },
      { to: 'completed', on: '2026-11-10' },
      { to: 'closed', on: '2026-11-20' },
    );
    const refused = await request('2026-11-04', {
      to: 'refused',
      on: '2026-11-05',
      reasonCode: 'manifestly-excessive',
      reasonText: 'The fourth identical request this month.',
    });
    const open = await request('2026-11-06');
    const finished = await finishedList(store, controllerId);
    expect(finished.map((r) => r.id)).not.toContain(open);
    expect(finished.find((r) => r.id === completed)).toMatchObject({
      status: 'closed',
      outcome: 'completed',
      closedOn: '2026-11-10',
    });
    expect(finished.find((r) => r.id === refused)).toMatchObject({
      status: 'refused',
      outcome: 'refused',
      refusalReason: 'manifestly-excessive',
      closedOn: '2026-11-05',
    });
    // Most recently finished first.
    expect(finished.map((r) => r.id).indexOf(completed)).toBeLessThan(
      finished.map((r) => r.id).indexOf(refused),
    );
    expect(await finishedList(store, controllerId, { limit: 1 })).toHaveLength(1);
  });
});
