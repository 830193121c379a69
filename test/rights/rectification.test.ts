import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import { setRestriction } from '../../src/records/restriction.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { correct, rectificationHistory, type Correction } from '../../src/rights/rectification/index.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let tenant: string;
let log: string;

const lettings: Call = {
  actor: { id: 'lettings-2', kind: 'staff', controllerId, roles: ['lettings-officer'] },
  purpose: 'lettings',
  channel: 'web',
};
const contractor: Call = {
  actor: { id: 'contractor-5', kind: 'third-party', controllerId, roles: ['repairs-contractor'] },
  purpose: 'repairs',
  channel: 'api',
};

async function request(personId: string, right: 'rectification' | 'erasure' = 'rectification') {
  const { id } = await createRequest(store, system, {
    controllerId,
    personId,
    right,
    channel: 'letter',
    receivedOn: '2026-11-16',
  });
  await transition(store, system, id, { to: 'in-progress', on: '2026-11-16' });
  return id;
}

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  tenant = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: {
      givenName: 'Zebediah',
      familyName: 'Quilfeather',
      email: 'z.q@example.invalid',
      phone: '07700 900123',
    },
  });
  log = await createRecord(store, system, {
    controllerId,
    personId: tenant,
    recordType: 'contact-log',
    payload: { channel: 'phone', summary: 'Reported a broken boiler', occurredAt: '2026-11-20T09:00:00Z' },
  });
});
afterAll(async () => t?.close());

describe(`rectification (${ENGINE})`, () => {
  it("corrects the person's details, keeps the history, moves the lookup, and lists recipients to tell", async () => {
    const requestId = await request(tenant);
    const done = await correct(store, system, {
      personId: tenant,
      field: 'familyName',
      value: 'Quillfeather',
      reason: 'Misspelt at sign-up; tenancy agreement checked',
      requestId,
    });
    expect(done).toMatchObject({ recordId: null, recordType: 'person', field: 'familyName' });
    expect(done.recipients.map((r) => r.id)).toContain('dwp');
    expect((await readPerson(store, system, tenant)).profile.familyName).toBe('Quillfeather');
    expect(await findPeople(store, system, controllerId, 'family-name', 'Quillfeather')).toEqual([tenant]);
    expect(await findPeople(store, system, controllerId, 'family-name', 'Quilfeather')).toEqual([]);
    const { entries } = await rectificationHistory(store, system, tenant);
    expect(entries).toEqual([
      expect.objectContaining({
        field: 'familyName',
        old: 'Quilfeather',
        new: 'Quillfeather',
        reason: 'Misspelt at sign-up; tenancy agreement checked',
        actor: 'custos',
        requestId,
      }),
    ]);
  });

  it("corrects a record's field, and a lifecycle field moves the date retention keys on", async () => {
    const done = await correct(store, system, {
      personId: tenant,
      recordId: log,
      field: 'occurredAt',
      value: '2026-11-19T16:30:00Z',
      reason: 'Logged a day late',
    });
    expect(done.recipients.map((r) => r.id)).toEqual(['local-authority', 'dwp', 'it-provider']);
    const [row] = await t.db.query<{ occurred_at: Date }>('select occurred_at from records where id = $1', [
      log,
    ]);
    expect(row!.occurred_at.toISOString()).toBe('2026-11-19T16:30:00.000Z');
    await correct(store, system, {
      personId: tenant,
      recordId: log,
      field: 'summary',
      value: null,
      reason: 'Wrong tenant',
    });
    const file = await readPersonFile(store, system, tenant);
    expect(file.records[0]!.fields).toEqual({ channel: 'phone', occurredAt: '2026-11-19T16:30:00Z' });
  });

  it('seals old values and reasons', async () => {
    const rows = await t.db.query<{ change: Uint8Array }>('select change from rectifications');
    const all = Buffer.concat(rows.map((r) => Buffer.from(r.change))).toString('latin1');
    for (const secret of ['Quilfeather', 'broken boiler', 'Misspelt']) expect(all).not.toContain(secret);
  });

  it('refuses bad input naming the field and the reason, writing nothing but the denial', async () => {
    const before = await count(t.db, 'rectifications');
    const cases: [Partial<Correction>, string, RegExp][] = [
      [{ personId: 'nope' }, 'personId', /valid id/],
      [{ recordId: randomUUID() }, 'recordId', /not a record of this person/],
      [{ field: 'shoeSize' }, 'field', /"shoeSize" is not a field of Personal details/],
      [{ field: 'dateOfBirth', value: '31/01/1970' }, 'value', /YYYY-MM-DD/],
      [{ field: 'familyName', value: null }, 'value', /required/],
      [{ field: 'familyName', value: 'Quillfeather' }, 'value', /already held/],
      [{ reason: '  ' }, 'reason', /required/],
      [{ value: undefined }, 'value', /required/],
    ];
    for (const [over, field, reason] of cases) {
      const input = {
        personId: tenant,
        field: 'givenName',
        value: 'Zeb',
        reason: 'x',
        ...over,
      } as Correction;
      const error = await correct(store, system, input).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
      expect((error as InputError).reason).toMatch(reason);
    }
    await expect(
      correct(store, system, { personId: randomUUID(), field: 'givenName', value: 'Zeb', reason: 'x' }),
    ).rejects.toThrow(NotFound);
    const erasure = await request(tenant, 'erasure');
    await expect(
      correct(store, system, {
        personId: tenant,
        field: 'givenName',
        value: 'Zeb',
        reason: 'x',
        requestId: erasure,
      }),
    ).rejects.toThrow('requestId: is a request for erasure, not for rectification');
    expect(await count(t.db, 'rectifications')).toBe(before);
    expect((await readPerson(store, system, tenant)).profile.givenName).toBe('Zebediah');
    const denials = [
      ...(await audits(t.db, 'person.rectify', 'denied')),
      ...(await audits(t.db, 'record.rectify', 'denied')),
    ];
    expect(denials.length).toBeGreaterThanOrEqual(cases.length + 2);
  });

  it('lets only those who may update the field correct it', async () => {
    await expect(
      correct(store, contractor, { personId: tenant, field: 'phone', value: '07700 900999', reason: 'x' }),
    ).rejects.toThrow(AccessDenied);
    const done = await correct(store, lettings, {
      personId: tenant,
      field: 'phone',
      value: '07700 900999',
      reason: 'Tenant rang',
    });
    expect(done.field).toBe('phone');
  });

  it('shows each reader only the history of fields they may read', async () => {
    const { entries, withheld } = await rectificationHistory(store, lettings, tenant);
    expect(entries.map((e) => e.field)).toEqual(['familyName', 'phone']);
    expect(withheld).toBe(2);
  });

  it('refuses ordinary corrections while processing is restricted, but not those answering a rectification request', async () => {
    const person = await createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Rae', familyName: 'Contested', dateOfBirth: '1980-02-03' },
    });
    await setRestriction(store, system, person, true, 'accuracy contested (Art. 18(1)(a))');
    await expect(
      correct(store, system, { personId: person, field: 'dateOfBirth', value: '1980-03-02', reason: 'x' }),
    ).rejects.toThrow(/restricted/);
    const requestId = await request(person);
    await correct(store, system, {
      personId: person,
      field: 'dateOfBirth',
      value: '1980-03-02',
      reason: 'Birth certificate seen',
      requestId,
    });
    await setRestriction(store, system, person, false, 'accuracy settled');
    expect((await readPerson(store, system, person)).profile.dateOfBirth).toBe('1980-03-02');
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
