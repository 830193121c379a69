import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { BatchError, writeBatch, type Batch } from '../../src/records/batch.ts';
import { readDocument } from '../../src/records/documents.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const controllerId = manifest.controller.id;
let t: TestDb;
let store: Store;
const system: Call = {
  actor: { id: 'importer', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'cli',
};

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
});
afterAll(async () => t?.close());

function household(): Batch {
  const [a, b, child, property, home] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  return {
    controllerId,
    people: [
      {
        id: a,
        subjectTypes: ['tenant'],
        profile: { givenName: 'Ada', familyName: 'Testperson', niNumber: 'QQ000001A' },
      },
      { id: b, subjectTypes: ['tenant'], profile: { givenName: 'Bo', familyName: 'Testperson' } },
      {
        id: child,
        subjectTypes: ['household-member'],
        profile: { givenName: 'Cy', familyName: 'Testperson', dateOfBirth: '2019-05-01' },
      },
    ],
    properties: [{ id: property, address: '2 Test Row, Brookvale', postcode: 'BV1 2ZZ', patch: 'north' }],
    households: [
      {
        id: home,
        propertyId: property,
        members: [
          { personId: a, relationship: 'joint-tenant', startedOn: '2020-04-01' },
          { personId: b, relationship: 'joint-tenant', startedOn: '2020-04-01' },
          { personId: child, relationship: 'child', startedOn: '2020-04-01' },
        ],
      },
    ],
    tenancies: [
      { householdId: home, propertyId: property, kind: 'assured', startedOn: '2020-04-01', parties: [a, b] },
    ],
    records: [
      {
        personId: a,
        recordType: 'contact-log',
        payload: { channel: 'email', summary: 'Joint tenancy signed', occurredAt: '2020-04-01T12:00:00Z' },
        patch: 'north',
        mentions: [{ personId: b, part: 'household-member' }],
      },
    ],
  };
}

describe(`writing a batch (${ENGINE})`, () => {
  it('writes a household with joint tenants and a child, readable through the gate', async () => {
    const batch = household();
    const ids = await writeBatch(store, system, batch);
    expect(ids.people).toHaveLength(3);
    const file = await readPersonFile(store, system, ids.people[0]!);
    expect(file.profile).toMatchObject({ givenName: 'Ada' });
    expect(file.records[0]!.fields).toMatchObject({ summary: 'Joint tenancy signed' });
    expect(await findPeople(store, system, controllerId, 'ni-number', 'QQ000001A')).toEqual([ids.people[0]]);
    const members = await t.db.query<{ n: number }>(
      'select count(*)::int as n from household_members where household_id = $1',
      [ids.households[0]],
    );
    expect(members[0]!.n).toBe(3);
  });

  it('reports every problem with its place, and writes nothing', async () => {
    const batch = household();
    batch.people![1]!.profile = { givenName: 'No surname' };
    batch.people![2]!.subjectTypes = ['alien'];
    batch.households![0]!.members[0]!.startedOn = '01/04/2020';
    batch.records![0]!.payload = { channel: 'fax', occurredAt: 'yesterday' };
    batch.records!.push({ personId: randomUUID(), recordType: 'contact-log', payload: {} });
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from people');
    const error = (await writeBatch(store, system, batch).catch((e: unknown) => e)) as BatchError;
    expect(error).toBeInstanceOf(BatchError);
    expect(error.problems.map((p) => p.path)).toEqual([
      'people[1].payload.familyName',
      'people[2].subjectTypes[0]',
      'households[0].members[0].startedOn',
      'records[0].payload.channel',
      'records[1].personId',
    ]);
    expect(await t.db.query('select count(*)::int as n from people')).toEqual(before);
  });

  it('refuses a batch the actor may not write', async () => {
    const visitor: Call = {
      actor: { id: 'officer-9', kind: 'staff', controllerId, roles: ['repairs-contractor'] },
      purpose: 'tenancy-management',
      channel: 'web',
    };
    const error = (await writeBatch(store, visitor, household()).catch((e: unknown) => e)) as BatchError;
    expect(error.problems[0]!.reason).toMatch(/^access denied/);
  });

  it('audits every person and record written', async () => {
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(true);
    const created = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action in ('person.create', 'record.create') and outcome = 'allowed'",
    );
    expect(created[0]!.n).toBe(4);
  });
});

describe(`documents in a batch (${ENGINE})`, () => {
  it('writes documents sealed with the records they belong to, each readable through the gate', async () => {
    const batch = household();
    const [a] = batch.people!;
    const recordId = randomUUID();
    batch.records![0]!.id = recordId;
    batch.documents = [
      {
        personId: a!.id!,
        recordId,
        kind: 'letter',
        mediaType: 'application/pdf',
        content: Buffer.from('%PDF-1.7 a'),
      },
      {
        personId: a!.id!,
        kind: 'id-document',
        mediaType: 'image/png',
        content: Buffer.from('scan of a card'),
      },
    ];
    const ids = await writeBatch(store, system, batch);
    expect(ids.documents).toHaveLength(2);
    const letter = await readDocument(store, system, ids.documents[0]!);
    expect(letter.content.toString()).toBe('%PDF-1.7 a');
    const [stored] = await t.db.query<{ content: Uint8Array }>(
      'select content from documents where id = $1',
      [ids.documents[1]],
    );
    expect(Buffer.from(stored!.content).includes('scan of a card')).toBe(false);
    const [audited] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'document.create' and person_id = $1",
      [a!.id],
    );
    expect(audited!.n).toBe(1);
  });

  it("refuses a document for another person's record, an empty one or an unknown kind, and writes nothing", async () => {
    const batch = household();
    const [a, b] = batch.people!;
    const recordId = randomUUID();
    batch.records![0]!.id = recordId;
    batch.documents = [
      { personId: b!.id!, recordId, kind: 'letter', mediaType: 'application/pdf', content: Buffer.from('x') },
      { personId: a!.id!, kind: 'letter', mediaType: 'application/pdf', content: Buffer.alloc(0) },
      { personId: a!.id!, kind: 'hologram' as 'letter', mediaType: 'image/png', content: Buffer.from('x') },
    ];
    const before = await t.db.query('select count(*)::int as n from documents');
    const error = (await writeBatch(store, system, batch).catch((e: unknown) => e)) as BatchError;
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      "documents[0].recordId: is not one of this person's records in the batch",
      'documents[1].content: is empty',
      'documents[2].kind: must be one of id-document, photo, cctv-clip, call-recording, letter, email, other',
    ]);
    expect(await t.db.query('select count(*)::int as n from documents')).toEqual(before);
  });
});

describe(`lifecycle dates (${ENGINE})`, () => {
  it('are taken from the payload fields the record type names, unless given', async () => {
    const [person] = (
      await writeBatch(store, system, {
        controllerId,
        people: [{ subjectTypes: ['tenant'], profile: { givenName: 'Lyn', familyName: 'Lifecycle' } }],
      })
    ).people;
    const ids = await writeBatch(store, system, {
      controllerId,
      records: [
        {
          personId: person!,
          recordType: 'contact-log',
          payload: { channel: 'phone', occurredAt: '2025-03-04T10:00:00Z' },
        },
        {
          personId: person!,
          recordType: 'contact-log',
          payload: { channel: 'phone', occurredAt: '2025-03-04T10:00:00Z' },
          occurredAt: new Date('2020-01-01T00:00:00Z'),
        },
      ],
    });
    const rows = await t.db.query<{ id: string; occurred_at: Date }>(
      'select id, occurred_at from records where id = any($1::uuid[])',
      [ids.records],
    );
    const byId = new Map(rows.map((r) => [r.id, r.occurred_at.toISOString()]));
    expect(byId.get(ids.records[0]!)).toBe('2025-03-04T10:00:00.000Z');
    expect(byId.get(ids.records[1]!)).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe(`a home's identifiers in a batch (${ENGINE})`, () => {
  it('refuses a bad postcode or UPRN, naming the home and the field, and writes nothing', async () => {
    const batch = household();
    batch.properties!.push({ ...batch.properties![0]!, id: randomUUID(), postcode: 'BV1 2Z', uprn: '99-1' });
    const count =
      'select (select count(*) from properties)::int as homes, (select count(*) from people)::int as people';
    const before = await t.db.query(count);
    const error = (await writeBatch(store, system, batch).catch((e: unknown) => e)) as BatchError;
    expect(error).toBeInstanceOf(BatchError);
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'properties[1].postcode: is not a UK postcode (like BV1 2AA) or a BFPO number',
      'properties[1].uprn: is not a UPRN (up to 12 digits)',
    ]);
    expect(await t.db.query(count)).toEqual(before);
  });

  it('stores the postcode and UPRN in their normal form', async () => {
    const batch = household();
    batch.properties![0] = { ...batch.properties![0]!, postcode: ' bv12zz ', uprn: ' 990000000001 ' };
    const ids = await writeBatch(store, system, batch);
    expect(
      await t.db.query('select postcode, uprn from properties where id = $1', [ids.properties[0]]),
    ).toEqual([{ postcode: 'BV1 2ZZ', uprn: '990000000001' }]);
  });
});
