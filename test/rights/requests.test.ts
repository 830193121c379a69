import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import type { Store } from '../../src/records/store.ts';
import { dueDate } from '../../src/rights/clock/index.ts';
import {
  createRequest,
  deadlineLists,
  readRequest,
  transition,
  CHANNELS,
  RIGHTS,
  type NewRequest,
} from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, newPerson, stranger, desk } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await newPerson(store);
});
afterAll(() => t.close());

const base = (over: Partial<NewRequest> = {}): NewRequest => ({
  controllerId,
  personId: person,
  right: 'access',
  channel: 'email',
  receivedOn: '2026-11-02',
  ...over,
});

describe(`rights requests (${ENGINE})`, () => {
  it('records a request for every right from every channel but a representative', async () => {
    for (const right of RIGHTS) {
      for (const channel of CHANNELS.filter((c) => c !== 'representative')) {
        const created = await createRequest(store, desk, base({ right, channel }));
        expect(created.status).toBe('received');
        expect(created.due).toBe('2026-12-02');
      }
    }
    const rows = await t.db.query<{ right: string; channel: string }>(
      'select distinct "right", channel from rights_requests where person_id = $1',
      [person],
    );
    expect(rows).toHaveLength(RIGHTS.length * (CHANNELS.length - 1));
  });

  it('seals the wording and reads it back, with the clock’s reasoning and the history', async () => {
    const { id } = await createRequest(
      store,
      desk,
      base({
        receivedOn: '2026-11-20',
        wording: 'Please send me everything about Xanthippe Marchbanks',
        notes: 'rang twice',
      }),
    );
    const [raw] = await t.db.query<{ details: Uint8Array }>(
      'select details from rights_requests where id = $1',
      [id],
    );
    expect(Buffer.from(raw!.details).toString('latin1')).not.toContain('Xanthippe');
    const view = await readRequest(store, desk, id);
    expect(view.wording).toContain('Xanthippe');
    expect(view.notes).toBe('rang twice');
    expect(view.due.due).toBe('2026-12-21');
    expect(view.due.steps.length).toBeGreaterThan(1);
    expect(view.rag).toBe('green');
    expect(view.events).toMatchObject([
      { n: 1, from: null, to: 'received', on: '2026-11-20', actor: 'custos' },
    ]);
    expect(await audits(t.db, 'rights-request.read', 'allowed')).toHaveLength(1);
  });

  it('computes the due date from the stored dates through ID, clarification and an extension', async () => {
    const { id } = await createRequest(store, desk, base({ receivedOn: '2026-10-01' }));
    await transition(store, desk, id, { to: 'awaiting-id', on: '2026-10-01' });
    const afterId = await transition(store, desk, id, { to: 'awaiting-clarification', on: '2026-10-06' });
    // leaving awaiting-id records the ID's arrival: the month runs from 6 October
    await transition(store, desk, id, { to: 'in-progress', on: '2026-10-13' });
    const extended = await transition(store, desk, id, {
      to: 'extended',
      on: '2026-10-20',
      extension: { months: 2, reasons: 'complex: many years of records' },
    });
    const expected = dueDate({
      received: '2026-10-01',
      jurisdiction: 'england-and-wales',
      idReceived: '2026-10-06',
      clarification: [{ asked: '2026-10-06', answered: '2026-10-13' }],
      extension: { toldOn: '2026-10-20', months: 2, reasons: 'x' },
    });
    expect(expected.extended).toBe(true);
    expect(extended.due).toBe(expected.due);
    const view = await readRequest(store, desk, id);
    expect(view.idReceivedOn).toBe('2026-10-06');
    expect(view.clarifications).toEqual([{ asked: '2026-10-06', answered: '2026-10-13' }]);
    expect(view.extension).toEqual({
      toldOn: '2026-10-20',
      months: 2,
      reasons: 'complex: many years of records',
    });
    expect(view.due.due).toBe(expected.due);
    const [stored] = await t.db.query<{ due_on: string }>(
      'select due_on from rights_requests where id = $1',
      [id],
    );
    expect(stored!.due_on).toBe(expected.due);
    expect(afterId.status).toBe('awaiting-clarification');
    expect(view.events.map((e) => e.to)).toEqual([
      'received',
      'awaiting-id',
      'awaiting-clarification',
      'in-progress',
      'extended',
    ]);
    const trail = await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = 'rights-request.transition' and $1 = any(record_ids) order by seq`,
      [id],
    );
    expect(trail.map((r) => r.reason)).toEqual([
      'received → awaiting-id',
      'awaiting-id → awaiting-clarification',
      'awaiting-clarification → in-progress',
      'in-progress → extended',
    ]);
  });

  it('refuses an extension told after the first month, writing nothing', async () => {
    const { id } = await createRequest(store, desk, base({ receivedOn: '2026-10-01' }));
    await transition(store, desk, id, { to: 'in-progress', on: '2026-10-02' });
    const events = await count(t.db, 'request_events', 'request_id = $1', [id]);
    await expect(
      transition(store, desk, id, {
        to: 'extended',
        on: '2026-11-10',
        extension: { months: 2, reasons: 'complex' },
      }),
    ).rejects.toMatchObject({ field: 'extension' });
    expect(await count(t.db, 'request_events', 'request_id = $1', [id])).toBe(events);
    const [row] = await t.db.query<{ status: string }>('select status from rights_requests where id = $1', [
      id,
    ]);
    expect(row!.status).toBe('in-progress');
  });

  it('needs a reason code and text to refuse, and keeps the text sealed', async () => {
    const { id } = await createRequest(store, desk, base());
    await expect(transition(store, desk, id, { to: 'refused', reasonText: 'why' })).rejects.toMatchObject({
      field: 'reasonCode',
    });
    await expect(
      transition(store, desk, id, { to: 'refused', reasonCode: 'exemption', reasonText: ' ' }),
    ).rejects.toMatchObject({ field: 'reasonText' });
    await expect(
      transition(store, desk, id, { to: 'refused', reasonCode: 'not-a-code' as never, reasonText: 'x' }),
    ).rejects.toMatchObject({ field: 'reasonCode' });
    await transition(store, desk, id, {
      to: 'refused',
      reasonCode: 'manifestly-excessive',
      reasonText: 'the fifth identical request about Ptolemy this month',
    });
    const [raw] = await t.db.query<{ note: Uint8Array; reason_code: string }>(
      'select note, reason_code from request_events where request_id = $1 and n = 2',
      [id],
    );
    expect(raw!.reason_code).toBe('manifestly-excessive');
    expect(Buffer.from(raw!.note).toString('latin1')).not.toContain('Ptolemy');
    const view = await readRequest(store, desk, id);
    expect(view.status).toBe('refused');
    expect(view.refusalReason).toBe('manifestly-excessive');
    expect(view.events[1]).toMatchObject({ to: 'refused', reasonCode: 'manifestly-excessive' });
    expect(view.events[1]!.reason).toContain('Ptolemy');
    expect(view.rag).toBeNull();
    await transition(store, desk, id, { to: 'closed' });
  });

  it('refuses a transition dated in the future or before the last event', async () => {
    const { id } = await createRequest(store, desk, base({ receivedOn: '2026-11-10' }));
    await expect(transition(store, desk, id, { to: 'in-progress', on: '2026-11-24' })).rejects.toMatchObject({
      field: 'on',
    });
    await expect(transition(store, desk, id, { to: 'in-progress', on: '2026-11-09' })).rejects.toMatchObject({
      field: 'on',
    });
    await expect(transition(store, desk, id, { to: 'in-progress', on: '10/11/2026' })).rejects.toMatchObject({
      field: 'on',
    });
    expect(await count(t.db, 'request_events', 'request_id = $1', [id])).toBe(1);
  });

  it('lists requests due soon and overdue for the controller, with RAG', async () => {
    const db = await openTestDb();
    try {
      const s = testStore(db.db, manifest);
      const p = await newPerson(s, 'Ottoline', 'Fenwick');
      const make = (receivedOn: string) =>
        createRequest(s, desk, {
          controllerId,
          personId: p,
          right: 'erasure',
          channel: 'letter',
          receivedOn,
        });
      const late = await make('2026-10-20'); // due Fri 20 Nov: overdue
      const soon = await make('2026-10-28'); // due Sat 28 Nov → Mon 30 Nov: within 5 working days
      const later = await make('2026-11-20'); // due Mon 21 Dec: green
      const paused = await make('2026-10-21');
      await transition(s, desk, paused.id, { to: 'awaiting-id', on: '2026-10-21' });
      const done = await make('2026-10-19');
      await transition(s, desk, done.id, { to: 'in-progress', on: '2026-10-20' });
      await transition(s, desk, done.id, { to: 'completed', on: '2026-11-01' });
      const lists = await deadlineLists(s, controllerId);
      expect(lists.today).toBe('2026-11-23');
      expect(lists.overdue.map((r) => [r.id, r.due, r.rag])).toEqual([[late.id, '2026-11-20', 'red']]);
      expect(lists.dueSoon.map((r) => [r.id, r.due, r.rag])).toEqual([[soon.id, '2026-11-30', 'amber']]);
      const tomorrow = await deadlineLists(s, controllerId, { today: '2026-12-22' });
      expect(tomorrow.overdue.map((r) => r.id)).toEqual([late.id, soon.id, later.id]);
      expect(lists.overdue[0]).not.toHaveProperty('wording');
      expect(await deadlineLists(s, 'another-landlord')).toMatchObject({ dueSoon: [], overdue: [] });
    } finally {
      await db.close();
    }
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});

describe(`bad input to a rights request (${ENGINE})`, () => {
  const cases: [string, Partial<NewRequest>, string][] = [
    ['an unparsable date', { receivedOn: 'last Tuesday' }, 'receivedOn'],
    ['a date that does not exist', { receivedOn: '2026-02-30' }, 'receivedOn'],
    ['a receipt date in the future', { receivedOn: '2026-11-24' }, 'receivedOn'],
    ['an unknown right', { right: 'forget-me' as never }, 'right'],
    ['an unknown channel', { channel: 'fax' as never }, 'channel'],
    ['a malformed person id', { personId: 'tenant-42' }, 'personId'],
    ['a representative channel without a representative', { channel: 'representative' }, 'representativeId'],
  ];
  for (const [what, over, field] of cases) {
    it(`refuses ${what}, naming ${field}, writing nothing and auditing the denial`, async () => {
      const before = await count(t.db, 'rights_requests');
      const denials = (await audits(t.db, 'rights-request.create', 'denied')).length;
      const error = await createRequest(store, desk, base(over)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
      expect((error as InputError).message).toMatch(new RegExp(`^${field}: `));
      expect(await count(t.db, 'rights_requests')).toBe(before);
      const after = await audits(t.db, 'rights-request.create', 'denied');
      expect(after).toHaveLength(denials + 1);
      expect(after.at(-1)!.reason).toContain(field);
    });
  }

  it('refuses an unknown person as not found, writing nothing and auditing the denial', async () => {
    const before = await count(t.db, 'rights_requests');
    const error = await createRequest(
      store,
      desk,
      base({ personId: '00000000-0000-4000-8000-000000000000' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as Error).message).toContain('personId');
    expect(await count(t.db, 'rights_requests')).toBe(before);
    expect((await audits(t.db, 'rights-request.create', 'denied')).at(-1)!.reason).toContain('person');
  });

  it('refuses an actor the gate refuses, and audits it', async () => {
    const error = await createRequest(store, { ...desk, actor: stranger, channel: 'web' }, base()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AccessDenied);
    expect((await audits(t.db, 'rights-request.create', 'denied')).at(-1)!.reason).toContain('access denied');
  });

  it('refuses an unknown request id and an unknown status', async () => {
    await expect(
      transition(store, desk, '00000000-0000-4000-8000-000000000000', { to: 'closed' }),
    ).rejects.toBeInstanceOf(NotFound);
    const { id } = await createRequest(store, desk, base());
    await expect(transition(store, desk, id, { to: 'done' as never })).rejects.toMatchObject({
      field: 'to',
    });
  });
});
