import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/records/store.ts';
import {
  checkTransition,
  createRequest,
  IllegalTransition,
  isLegal,
  STATUSES,
  TRANSITIONS,
  transition,
  type RequestStatus,
  type TransitionInput,
} from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, newPerson, desk } from './requests-helpers.ts';

/** How to reach each status from received, and what each move needs. */
const PATHS: Record<RequestStatus, RequestStatus[]> = {
  received: [],
  'awaiting-id': ['awaiting-id'],
  'awaiting-authority': ['awaiting-authority'],
  'awaiting-clarification': ['awaiting-clarification'],
  'in-progress': ['in-progress'],
  extended: ['in-progress', 'extended'],
  completed: ['in-progress', 'completed'],
  refused: ['refused'],
  withdrawn: ['withdrawn'],
  closed: ['withdrawn', 'closed'],
};

const moveTo = (to: RequestStatus): TransitionInput => ({
  to,
  on: '2026-11-10',
  ...(to === 'refused'
    ? { reasonCode: 'exemption' as const, reasonText: 'legal professional privilege' }
    : {}),
  ...(to === 'extended' ? { extension: { months: 2 as const, reasons: 'complex' } } : {}),
});

const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

describe('the status machine’s table', () => {
  it('allows exactly the moves in the table, for all 100 pairs', () => {
    for (const [from, to] of ALL_PAIRS) {
      const legal = TRANSITIONS[from].includes(to);
      expect(isLegal(from, to)).toBe(legal);
      if (legal) expect(() => checkTransition(from, to)).not.toThrow();
      else {
        const error = (() => {
          try {
            checkTransition(from, to);
          } catch (e) {
            return e;
          }
        })() as IllegalTransition;
        expect(error).toBeInstanceOf(IllegalTransition);
        expect(error.field).toBe('status');
        expect(error.message).toContain(`from "${from}" to "${to}"`);
        expect([error.from, error.to]).toEqual([from, to]);
      }
    }
  });

  it('runs from received to closed, and closed is final', () => {
    expect(TRANSITIONS.closed).toEqual([]);
    for (const end of ['completed', 'refused', 'withdrawn'] as const)
      expect(TRANSITIONS[end]).toEqual(['closed']);
    // every status can be reached from received, and closed from every status but itself
    for (const status of STATUSES) {
      const path = PATHS[status];
      let at: RequestStatus = 'received';
      for (const next of path) {
        expect(isLegal(at, next)).toBe(true);
        at = next;
      }
      expect(at).toBe(status);
    }
  });
});

describe(`the status machine in the store (${ENGINE})`, () => {
  let t: TestDb;
  let store: Store;
  let person: string;
  beforeAll(async () => {
    t = await openTestDb();
    store = testStore(t.db, manifest);
    person = await newPerson(store);
  });
  afterAll(() => t.close());

  for (const from of STATUSES) {
    it(`from "${from}" refuses every illegal move, writing nothing, and makes every legal one`, async () => {
      const reach = async () => {
        const { id } = await createRequest(store, desk, {
          controllerId,
          personId: person,
          right: 'access',
          channel: 'portal',
          receivedOn: '2026-11-02',
        });
        for (const step of PATHS[from]) await transition(store, desk, id, moveTo(step));
        return id;
      };
      const id = await reach();
      const events = await count(t.db, 'request_events', 'request_id = $1', [id]);
      const denials = (await audits(t.db, 'rights-request.transition', 'denied')).length;
      const illegal = STATUSES.filter((to) => !TRANSITIONS[from].includes(to));
      for (const to of illegal) {
        const error = await transition(store, desk, id, moveTo(to)).catch((e: unknown) => e);
        expect(error, `${from} → ${to}`).toBeInstanceOf(IllegalTransition);
        expect((error as Error).message).toContain(`"${from}" to "${to}"`);
      }
      expect(await count(t.db, 'request_events', 'request_id = $1', [id])).toBe(events);
      const [row] = await t.db.query<{ status: string }>('select status from rights_requests where id = $1', [
        id,
      ]);
      expect(row!.status).toBe(from);
      expect(await audits(t.db, 'rights-request.transition', 'denied')).toHaveLength(
        denials + illegal.length,
      );
      for (const to of TRANSITIONS[from]) {
        const fresh = await reach();
        const moved = await transition(store, desk, fresh, moveTo(to));
        expect(moved).toMatchObject({ from, status: to });
        const [event] = await t.db.query<{
          from_status: string;
          to_status: string;
          on_date: string;
          actor: string;
        }>(
          'select from_status, to_status, on_date, actor from request_events where request_id = $1 order by n desc limit 1',
          [fresh],
        );
        expect(event).toEqual({ from_status: from, to_status: to, on_date: '2026-11-10', actor: 'custos' });
      }
    });
  }
});
