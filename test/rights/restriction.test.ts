/**
 * Restriction of processing (UK GDPR Art. 18) across every path to personal data: while it is set
 * the gate refuses reads and changes, leaving storage; rights work on the person goes on; setting
 * and lifting it are recorded with their reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument, readDocument } from '../../src/records/documents.ts';
import { AccessDenied, NotFound } from '../../src/records/errors.ts';
import { listDocumentsOf, readMentionsOf, readNamesOf } from '../../src/records/mentions.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import { setRestriction } from '../../src/records/restriction.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { planErasure } from '../../src/rights/erasure/index.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { assemblePack } from '../../src/rights/sar/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { controllerId, count, manifest, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let rae: string;
let other: string;
let raeLog: string;
let raeDocument: string;
let recordDocument: string;
let mentioning: string;

const desk: Call = { ...system, purpose: 'subject-access' };
const asb: Call = { ...system, purpose: 'asb' };

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  const person = (givenName: string, familyName: string) =>
    createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName, familyName },
    });
  rae = await person('Rae', 'Restricted');
  other = await person('Otto', 'Other');
  raeLog = await createRecord(store, system, {
    controllerId,
    personId: rae,
    recordType: 'contact-log',
    payload: { channel: 'phone', occurredAt: '2026-11-20T09:00:00Z' },
  });
  raeDocument = await addDocument(store, system, {
    personId: rae,
    kind: 'letter',
    mediaType: 'application/pdf',
    content: Buffer.from('%PDF synthetic'),
  });
  recordDocument = await addDocument(store, system, {
    personId: rae,
    recordId: raeLog,
    kind: 'email',
    mediaType: 'message/rfc822',
    content: Buffer.from('synthetic email'),
  });
  // A case on Rae's file that mentions Otto: restricted with the rest of Rae's data.
  mentioning = await createRecord(store, asb, {
    controllerId,
    personId: rae,
    recordType: 'asb-case',
    payload: { reportedOn: '2026-11-01', kind: 'noise', status: 'open' },
    mentions: [{ personId: other, part: 'alleged-perpetrator' }],
  });
  await setRestriction(store, system, rae, true, 'accuracy contested (Art. 18(1)(a))');
});
afterAll(async () => t?.close());

describe(`restriction of processing on every path (${ENGINE})`, () => {
  it("refuses reads of the person's details, file and documents", async () => {
    await expect(readPerson(store, system, rae)).rejects.toThrow(/restricted/);
    await expect(readPersonFile(store, system, rae)).rejects.toThrow(/restricted/);
    await expect(readDocument(store, system, raeDocument)).rejects.toThrow(/restricted/);
    await expect(readDocument(store, system, recordDocument)).rejects.toThrow(/restricted/);
    expect(await listDocumentsOf(store, system, rae, ['tenancy-management'])).toMatchObject({
      documents: [],
      withheld: 2,
    });
  });

  it("withholds the restricted person's records from other people's packs, and their names", async () => {
    const mentions = await readMentionsOf(store, system, other, ['asb']);
    expect(mentions.records.map((r) => r.id)).not.toContain(mentioning);
    expect(mentions.withheld).toBe(1);
    expect((await readNamesOf(store, system, [rae], ['tenancy-management'])).size).toBe(0);
  });

  it("still answers the person's own access request, and lets them see their own data", async () => {
    const pack = await assemblePack(store, desk, rae, { today: '2026-11-23' });
    expect(JSON.stringify(pack.details)).toContain('Restricted');
    expect(pack.records.map((r) => r.id)).toEqual(expect.arrayContaining([raeLog, mentioning]));
    // The same purpose for someone else's request does not reach Rae's restricted file.
    await expect(readPersonFile(store, { ...desk, forRequestOf: other }, rae)).rejects.toThrow(/restricted/);
    const self: Call = {
      actor: { id: `portal:${rae}`, kind: 'subject', controllerId, roles: [], personId: rae },
      purpose: 'tenancy-management',
      channel: 'portal',
    };
    expect((await readPerson(store, self, rae)).profile).toMatchObject({ givenName: 'Rae' });
  });

  it("refuses changes to what is held: the person's documents and ordinary corrections", async () => {
    await expect(
      addDocument(store, system, {
        personId: rae,
        kind: 'photo',
        mediaType: 'image/png',
        content: Buffer.from('synthetic'),
      }),
    ).rejects.toThrow(AccessDenied);
    await expect(
      correct(store, system, { personId: rae, field: 'givenName', value: 'Ray', reason: 'typo' }),
    ).rejects.toThrow(/restricted/);
  });

  it('still stores what newly arrives (storage is what restriction leaves)', async () => {
    const id = await createRecord(store, system, {
      controllerId,
      personId: rae,
      recordType: 'contact-log',
      payload: { channel: 'letter', occurredAt: '2026-11-21T09:00:00Z' },
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets rights work go on: the request it waits on can be handled', async () => {
    const { id } = await createRequest(store, system, {
      controllerId,
      personId: rae,
      right: 'erasure',
      channel: 'email',
      receivedOn: '2026-11-20',
    });
    await transition(store, system, id, { to: 'in-progress', on: '2026-11-20' });
    const plan = await planErasure(store, desk, id);
    expect(plan.items.length).toBeGreaterThan(0);
  });

  it('records setting and lifting it, with the reasons, and reads again once lifted', async () => {
    await setRestriction(store, system, rae, false, 'accuracy checked and confirmed');
    expect((await readPerson(store, system, rae)).profile).toMatchObject({ familyName: 'Restricted' });
    const events = await t.db.query<{ action: string; reason: string; actor: string }>(
      `select action, reason, actor from audit_events
        where person_id = $1 and action in ('person.restrict', 'person.unrestrict') order by seq`,
      [rae],
    );
    expect(events).toEqual([
      { action: 'person.restrict', reason: 'accuracy contested (Art. 18(1)(a))', actor: 'custos' },
      { action: 'person.unrestrict', reason: 'accuracy checked and confirmed', actor: 'custos' },
    ]);
    const [row] = await t.db.query<{ restricted_since: Date | null }>(
      'select restricted_since from people where id = $1',
      [rae],
    );
    expect(row!.restricted_since).toBeNull();
  });

  it('refuses to restrict someone unknown, a malformed id or no reason, and audits each refusal', async () => {
    const before = await count(t.db, 'audit_events');
    await expect(
      setRestriction(store, system, '00000000-0000-4000-8000-000000000000', true, 'x'),
    ).rejects.toThrow(NotFound);
    await expect(setRestriction(store, system, 'not-an-id', true, 'x')).rejects.toThrow(
      'personId: must be the id of a person',
    );
    await expect(setRestriction(store, system, rae, true, '  ')).rejects.toThrow(/reason: is required/);
    expect(await count(t.db, 'audit_events')).toBe(before + 3);
  });

  it('keeps the day a restriction began when it is restricted again', async () => {
    await setRestriction(store, system, rae, true, 'accuracy contested again');
    const since = async () =>
      (
        await t.db.query<{ restricted_since: Date }>('select restricted_since from people where id = $1', [
          rae,
        ])
      )[0]!.restricted_since.getTime();
    const first = await since();
    await setRestriction(
      { ...store, now: () => new Date(store.now().getTime() + 86_400_000) },
      system,
      rae,
      true,
      'still contested',
    );
    expect(await since()).toBe(first);
    await setRestriction(store, system, rae, false, 'settled');
  });
});
