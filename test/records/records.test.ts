import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/decide.ts';
import { whoAccessedRecord } from '../../src/audit/queries.ts';
import { verifyChain } from '../../src/audit/verify.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import { setRestriction } from '../../src/records/restriction.ts';
import { vaultOf, type Call, type Store } from '../../src/records/store.ts';
import { KeyDestroyedError } from '../../src/store/person-keys.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const controllerId = manifest.controller.id;
const now = new Date('2026-11-23T10:00:00Z');
let t: TestDb;
let store: Store;

const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
const officer: Actor = {
  id: 'officer-1',
  kind: 'staff',
  controllerId,
  roles: ['housing-officer'],
  patches: ['north'],
};
const contractor: Actor = {
  id: 'contractor-1',
  kind: 'third-party',
  controllerId,
  roles: ['repairs-contractor'],
};
const as = (actor: Actor, purpose: string): Call => ({ actor, purpose, channel: 'web' });

// A synthetic tenant with an unusual name, so its absence from raw rows proves encryption.
const PROFILE = {
  givenName: 'Zebediah',
  familyName: 'Quillfeather',
  dateOfBirth: '1970-01-01',
  niNumber: 'QQ123456C',
  email: 'z.quillfeather@example.invalid',
  phone: '07700 900123',
  address: '1 Test Row, Brookvale',
  postcode: 'BV1 2ZZ',
};
let tenant: string;
let assignedRepair: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest, now);
  tenant = await createPerson(store, system, { controllerId, subjectTypes: ['tenant'], profile: PROFILE });
  const property = randomUUID();
  const household = randomUUID();
  await t.db.query(
    "insert into properties (id, controller_id, address, postcode, patch) values ($1, $2, '1 Test Row', 'BV1 2ZZ', 'north')",
    [property, controllerId],
  );
  await t.db.query('insert into households (id, controller_id, property_id) values ($1, $2, $3)', [
    household,
    controllerId,
    property,
  ]);
  await t.db.query(
    "insert into household_members (household_id, person_id, controller_id, relationship, started_on) values ($1, $2, $3, 'sole-tenant', '2020-01-01')",
    [household, tenant, controllerId],
  );
  await createRecord(store, system, {
    controllerId,
    personId: tenant,
    recordType: 'contact-log',
    payload: { channel: 'phone', summary: 'Asked about rent', occurredAt: '2026-11-20T09:00:00Z' },
    patch: 'north',
  });
  await createRecord(
    store,
    { ...system, purpose: 'support' },
    {
      controllerId,
      personId: tenant,
      recordType: 'support-needs',
      payload: { needs: 'Hearing loss; use text messages' },
      team: 'tenancy-support',
    },
  );
  assignedRepair = await createRecord(
    store,
    { ...system, purpose: 'repairs' },
    {
      controllerId,
      personId: tenant,
      recordType: 'repair',
      payload: { description: 'Leaking tap', accessNotes: 'Dog in the garden' },
      assignedTo: contractor.id,
    },
  );
  await createRecord(
    store,
    { ...system, purpose: 'repairs' },
    {
      controllerId,
      personId: tenant,
      recordType: 'repair',
      payload: { description: 'Old job', completedOn: '2026-01-05' },
      assignedTo: contractor.id,
      closedAt: new Date('2026-01-05'),
    },
  );
});
afterAll(async () => t?.close());

describe(`people and records through the gate (${ENGINE})`, () => {
  it('stores nothing personal in clear', async () => {
    const rows = await t.db.query<{ b: Uint8Array }>(
      `select profile as b from people union all select payload from records union all select token from person_lookup`,
    );
    const all = Buffer.concat(rows.map((r) => Buffer.from(r.b))).toString('latin1');
    for (const secret of [
      'Quillfeather',
      'Zebediah',
      'QQ123456C',
      'example.invalid',
      'Leaking tap',
      'Hearing loss',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('finds a person by NI number through a keyed hash, gated and audited', async () => {
    const search = as(officer, 'tenancy-management');
    expect(await findPeople(store, search, controllerId, 'ni-number', 'qq 12 34 56 c')).toEqual([tenant]);
    expect(await findPeople(store, search, controllerId, 'ni-number', 'QQ123457C')).toEqual([]);
    // An officer of another patch may not learn that the tenant is on file.
    const elsewhere = { ...officer, id: 'officer-south', patches: ['south'] };
    expect(
      await findPeople(store, as(elsewhere, 'tenancy-management'), controllerId, 'ni-number', 'QQ123456C'),
    ).toEqual([]);
    const events = await t.db.query<{
      actor: string;
      person_id: string | null;
      outcome: string;
      reason: string | null;
    }>(
      "select actor, person_id, outcome, reason from audit_events where action = 'person.find' order by seq",
    );
    expect(events).toEqual([
      { actor: officer.id, person_id: tenant, outcome: 'allowed', reason: null },
      { actor: officer.id, person_id: null, outcome: 'allowed', reason: 'no one found' },
      {
        actor: 'officer-south',
        person_id: tenant,
        outcome: 'denied',
        reason: 'the record is not in your patch',
      },
    ]);
    const logged = JSON.stringify(
      await t.db.query("select * from audit_events where action = 'person.find'"),
    );
    expect(logged).not.toMatch(/QQ12345/i);
  });

  it("shows a housing officer in the patch the tenant's details and contact log, not support needs or repairs", async () => {
    const file = await readPersonFile(store, as(officer, 'tenancy-management'), tenant);
    expect(file.profile).toMatchObject({ familyName: 'Quillfeather', niNumber: 'QQ123456C' });
    expect(file.records.map((r) => r.recordType)).toEqual(['contact-log']);
    expect(file.records[0]!.fields).toEqual({
      channel: 'phone',
      summary: 'Asked about rent',
      occurredAt: '2026-11-20T09:00:00Z',
    });
    expect(file.withheld).toBe(3);
  });

  it('refuses an officer outside the patch, and audits the refusal', async () => {
    const elsewhere = { ...officer, id: 'officer-2', patches: ['south'] };
    await expect(readPerson(store, as(elsewhere, 'tenancy-management'), tenant)).rejects.toThrow(
      AccessDenied,
    );
    const [event] = await t.db.query<{ outcome: string; reason: string }>(
      "select outcome, reason from audit_events where actor = 'officer-2'",
    );
    expect(event).toEqual({ outcome: 'denied', reason: 'the record is not in your patch' });
  });

  it('shows a contractor only their open job and the fields their role declares', async () => {
    const file = await readPersonFile(store, as(contractor, 'repairs'), tenant);
    expect(Object.keys(file.profile).sort()).toEqual([
      'address',
      'familyName',
      'givenName',
      'phone',
      'postcode',
    ]);
    expect(file.records.map((r) => r.id)).toEqual([assignedRepair]);
    expect(file.records[0]!.fields).toEqual({ description: 'Leaking tap', accessNotes: 'Dog in the garden' });
  });

  it('rejects a payload that does not match its type, naming the field, writing nothing but the denial', async () => {
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from records');
    const error = await createRecord(store, system, {
      controllerId,
      personId: tenant,
      recordType: 'contact-log',
      payload: { channel: 'pigeon', occurredAt: '2026-11-20T09:00:00Z' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('payload.channel');
    const missing = await createRecord(store, system, {
      controllerId,
      personId: tenant,
      recordType: 'contact-log',
      payload: { channel: 'phone' },
    }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ field: 'payload.occurredAt', reason: 'is required' });
    await expect(
      createRecord(store, system, {
        controllerId,
        personId: tenant,
        recordType: 'contact-log',
        payload: { channel: 'phone', occurredAt: '2026-11-20T09:00:00Z', mood: 'cross' },
      }),
    ).rejects.toMatchObject({ field: 'payload.mood' });
    await expect(
      createRecord(store, system, {
        controllerId,
        personId: tenant,
        recordType: 'repair',
        payload: { description: 'Old job', completedOn: '2026-02-31' },
      }),
    ).rejects.toMatchObject({
      field: 'payload.completedOn',
      reason: 'must be a real date written YYYY-MM-DD',
    });
    await expect(
      createRecord(store, system, { controllerId, personId: tenant, recordType: 'nonsense', payload: {} }),
    ).rejects.toMatchObject({ field: 'recordType' });
    await expect(
      createRecord(store, system, {
        controllerId,
        personId: randomUUID(),
        recordType: 'contact-log',
        payload: { channel: 'phone', occurredAt: '2026-11-20T09:00:00Z' },
      }),
    ).rejects.toThrow(NotFound);
    await expect(
      createRecord(
        store,
        { ...system, purpose: undefined },
        {
          controllerId,
          personId: tenant,
          recordType: 'contact-log',
          payload: { channel: 'phone', occurredAt: '2026-11-20T09:00:00Z' },
        },
      ),
    ).rejects.toThrow('no purpose was given');
    const after = await t.db.query<{ n: number }>('select count(*)::int as n from records');
    expect(after).toEqual(before);
    const denials = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'record.create' and outcome = 'denied'",
    );
    expect(denials[0]!.n).toBeGreaterThanOrEqual(6);
  });

  it('refuses a person record of another controller', async () => {
    const other = { ...manifest, controller: { ...manifest.controller, id: 'other-landlord' } };
    const two: Store = { ...store, manifests: new Map([...store.manifests, ['other-landlord', other]]) };
    const call: Call = {
      actor: { ...system.actor, controllerId: 'other-landlord' },
      purpose: 'tenancy-management',
      channel: 'system',
    };
    await expect(
      createRecord(two, call, {
        controllerId: 'other-landlord',
        personId: tenant,
        recordType: 'contact-log',
        payload: { channel: 'phone', occurredAt: '2026-11-20T09:00:00Z' },
      }),
    ).rejects.toMatchObject({ field: 'controllerId' });
  });

  it('makes everything about a person unreadable once their key is destroyed', async () => {
    const gone = await createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Short', familyName: 'Lived' },
    });
    await vaultOf(store).destroy([gone], now);
    await expect(readPersonFile(store, system, gone)).rejects.toThrow(KeyDestroyedError);
  });

  it('answers who has looked at one record, from one event per file read', async () => {
    const accessors = await whoAccessedRecord(t.db, assignedRepair);
    expect(accessors.map((a) => `${a.actor} ${a.action} ${a.outcome}`)).toEqual(
      expect.arrayContaining([
        'contractor-1 record.read allowed',
        'officer-1 record.read denied',
        'custos record.create allowed',
      ]),
    );
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThan(10);
  });
});

describe(`restriction of processing (${ENGINE})`, () => {
  it('stops every read while restricted, and reads again once lifted', async () => {
    const person = await createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Rae', familyName: 'Restricted' },
    });
    await setRestriction(store, system, person, true, 'accuracy contested (Art. 18(1)(a))');
    await expect(readPerson(store, system, person)).rejects.toThrow(/restricted/);
    await expect(readPersonFile(store, system, person)).rejects.toThrow(/restricted/);
    await setRestriction(store, system, person, false, 'accuracy checked');
    expect((await readPerson(store, system, person)).profile).toMatchObject({ familyName: 'Restricted' });
  });

  it('refuses to set a restriction for someone without the right to update the person', async () => {
    await expect(setRestriction(store, as(contractor, 'repairs'), tenant, true, 'no')).rejects.toThrow(
      AccessDenied,
    );
  });
});
