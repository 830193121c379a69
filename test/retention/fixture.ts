/**
 * A small synthetic landlord for the retention tests, on the demo manifest, as of TEST_NOW
 * (2026-11-23): who is due under which rule is known by construction.
 *
 *  - Ada: former tenant, tenancy ended 2019-06-30 (6 years passed): two contact logs (one
 *    mentioning Cy) and a repair with a document attached. All due (tenancy-ended, P6Y).
 *  - Bo: current tenant: a contact log (not due), a call recording from January 2026 (due: 90 days
 *    from the call), a CCTV clip from last week (not due), and an ASB case closed in 2019 (review).
 *  - Cy: former tenant, tenancy ended 2018: a contact log (due).
 *  - Di: applicant never housed, application decided 2025-01-10 (due: 6 months after declined).
 *  - Ed: applicant never housed, application decided 2026-10-01 (not due yet).
 */
import { randomUUID } from 'node:crypto';
import { addDocument } from '../../src/records/documents.ts';
import { writeBatch, type BatchRecord } from '../../src/records/batch.ts';
import type { Call, Store } from '../../src/records/store.ts';
import type { Db } from '../../src/store/db.ts';

export const CONTROLLER = 'brookvale-homes';

export const system = (purpose = 'subject-access'): Call => ({
  actor: { id: 'test-loader', kind: 'system', controllerId: CONTROLLER, roles: [] },
  purpose,
  channel: 'system',
});

export const dpo: Call = {
  actor: { id: 'dpo-1', kind: 'staff', controllerId: CONTROLLER, roles: ['data-protection-officer'] },
  purpose: 'subject-access',
  channel: 'cli',
};

export interface Fixture {
  people: Record<'ada' | 'bo' | 'cy' | 'di' | 'ed', string>;
  records: Record<string, string>;
  householdAda: string;
  documentId: string;
}

const profile = (givenName: string) => ({ givenName, familyName: 'Testperson', niNumber: 'QQ123456C' });

export async function loadFixture(store: Store): Promise<Fixture> {
  const people = {
    ada: randomUUID(),
    bo: randomUUID(),
    cy: randomUUID(),
    di: randomUUID(),
    ed: randomUUID(),
  };
  const props = [randomUUID(), randomUUID(), randomUUID()];
  const homes = [randomUUID(), randomUUID(), randomUUID()];
  const r = (name: string) => (records[name] = randomUUID());
  const records: Record<string, string> = {};
  const rec = (
    name: string,
    personId: string,
    recordType: string,
    payload: Record<string, unknown>,
    extra = {},
  ): BatchRecord => ({
    id: r(name),
    personId,
    recordType,
    payload,
    ...extra,
  });
  await writeBatch(store, system(), {
    controllerId: CONTROLLER,
    people: [
      { id: people.ada, subjectTypes: ['tenant'], profile: profile('Ada') },
      { id: people.bo, subjectTypes: ['tenant'], profile: profile('Bo') },
      { id: people.cy, subjectTypes: ['tenant'], profile: profile('Cy') },
      { id: people.di, subjectTypes: ['applicant'], profile: profile('Di') },
      { id: people.ed, subjectTypes: ['applicant'], profile: profile('Ed') },
    ],
    properties: props.map((id, i) => ({
      id,
      address: `${i + 1} Example Street`,
      postcode: 'BV1 1ZZ',
      patch: 'north',
    })),
    households: [
      {
        id: homes[0]!,
        propertyId: props[0]!,
        members: [
          {
            personId: people.ada,
            relationship: 'sole-tenant',
            startedOn: '2010-01-01',
            endedOn: '2019-06-30',
          },
        ],
      },
      {
        id: homes[1]!,
        propertyId: props[1]!,
        members: [{ personId: people.bo, relationship: 'sole-tenant', startedOn: '2015-01-01' }],
      },
      {
        id: homes[2]!,
        propertyId: props[2]!,
        members: [
          {
            personId: people.cy,
            relationship: 'sole-tenant',
            startedOn: '2011-01-01',
            endedOn: '2018-01-01',
          },
        ],
      },
    ],
    tenancies: [
      {
        householdId: homes[0]!,
        propertyId: props[0]!,
        kind: 'assured',
        startedOn: '2010-01-01',
        endedOn: '2019-06-30',
        parties: [people.ada],
      },
      {
        householdId: homes[1]!,
        propertyId: props[1]!,
        kind: 'assured',
        startedOn: '2015-01-01',
        parties: [people.bo],
      },
      {
        householdId: homes[2]!,
        propertyId: props[2]!,
        kind: 'assured',
        startedOn: '2011-01-01',
        endedOn: '2018-01-01',
        parties: [people.cy],
      },
    ],
    records: [
      rec('adaCall', people.ada, 'contact-log', {
        channel: 'phone',
        summary: 'Rang about rent',
        occurredAt: '2019-01-05T10:00:00Z',
      }),
      rec(
        'adaVisit',
        people.ada,
        'contact-log',
        { channel: 'visit', summary: 'Visited with a neighbour', occurredAt: '2019-02-05T10:00:00Z' },
        {
          mentions: [{ personId: people.cy, part: 'other' }],
        },
      ),
      rec('adaRepair', people.ada, 'repair', {
        description: 'Leaking tap',
        reportedOn: '2019-03-01',
        completedOn: '2019-03-04',
        priority: 'routine',
        trade: 'plumbing',
      }),
      rec('boCall', people.bo, 'contact-log', {
        channel: 'phone',
        summary: 'Asked about a transfer',
        occurredAt: '2026-11-01T10:00:00Z',
      }),
      rec('boRecording', people.bo, 'call-recording', {
        recordedAt: '2026-01-10T09:00:00Z',
        direction: 'inbound',
        queue: 'rent',
        durationSeconds: 240,
      }),
      rec('boClip', people.bo, 'cctv-clip', { capturedAt: '2026-11-20T22:00:00Z', camera: 'Block A lobby' }),
      rec('boAsb', people.bo, 'asb-case', {
        reportedOn: '2018-05-01',
        kind: 'noise',
        status: 'closed',
        closedOn: '2019-01-15',
      }),
      rec('cyCall', people.cy, 'contact-log', {
        channel: 'email',
        summary: 'Asked for a reference',
        occurredAt: '2017-12-01T10:00:00Z',
      }),
      rec('diApplication', people.di, 'application', {
        receivedOn: '2024-10-01',
        band: 'C',
        householdSize: 2,
        annualIncome: 18250.5,
        outcome: 'declined',
        decidedOn: '2025-01-10',
        declineReason: 'Not eligible',
      }),
      rec('edApplication', people.ed, 'application', {
        receivedOn: '2026-08-01',
        band: 'B',
        householdSize: 3,
        outcome: 'declined',
        decidedOn: '2026-10-01',
      }),
    ],
  });
  const documentId = await addDocument(store, system('repairs'), {
    personId: people.ada,
    recordId: records.adaRepair!,
    kind: 'photo',
    mediaType: 'image/png',
    content: Buffer.from('not really a photo'),
  });
  return { people, records, householdAda: homes[0]!, documentId };
}

/** The ids of the records still in the store. */
export async function recordIds(db: Db): Promise<Set<string>> {
  return new Set((await db.query<{ id: string }>('select id from records')).map((r) => r.id));
}

/** Records in the store, by id, with their sealed payload (to prove "untouched"). */
export async function snapshot(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; payload: Uint8Array; m: number; d: number }>(
    `select r.id, r.payload, (select count(*) from mentions m where m.record_id = r.id)::int8 as m,
            (select count(*) from documents d where d.record_id = r.id)::int8 as d
     from records r`,
  );
  return new Map(rows.map((r) => [r.id, `${Buffer.from(r.payload).toString('hex')}|${r.m}|${r.d}`]));
}
