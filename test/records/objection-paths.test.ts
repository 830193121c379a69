/**
 * An objection (Art. 21) stops the processing it is about on every path to the person's data,
 * not only where it was first wired: the whole file, single records, documents, new records and
 * batch writes. Each refusal is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchError, writeBatch } from '../../src/records/batch.ts';
import { addDocument } from '../../src/records/documents.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import { createPerson } from '../../src/records/people.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { recordObjection } from '../../src/rights/objection/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';

const manifest = demoManifest();
const controllerId = manifest.controller.id;
const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
const cctv: Call = { ...system, purpose: 'cctv' };
const recording = (personId: string) => ({
  controllerId,
  personId,
  recordType: 'call-recording',
  payload: { recordedAt: '2026-11-20T10:00:00Z', direction: 'inbound', queue: 'rent', durationSeconds: 90 },
});

let t: TestDb;
let store: Store;
let person: string;
let earlier: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName: 'Orla', familyName: 'Pathtest' },
  });
  earlier = await createRecord(store, cctv, recording(person));
  await recordObjection(
    store,
    { ...system, purpose: 'subject-access' },
    { personId: person, activityId: 'cctv' },
  );
});
afterAll(async () => t?.close());

describe(`an objection on every path (${ENGINE})`, () => {
  it('withholds the objected records from the whole file, and keeps the rest', async () => {
    const file = await readPersonFile(store, cctv, person).catch((e: unknown) => e);
    expect(file).toBeInstanceOf(AccessDenied);
    const other = await readPersonFile(store, system, person);
    expect(other.profile.givenName).toBe('Orla');
  });

  it('refuses a new record, a document and a batch written for the objected purpose', async () => {
    await expect(createRecord(store, cctv, recording(person))).rejects.toThrow(/objected/);
    await expect(
      addDocument(store, cctv, {
        personId: person,
        recordId: earlier,
        kind: 'call-recording',
        mediaType: 'audio/wav',
        content: Buffer.from('RIFF'),
      }),
    ).rejects.toThrow(/objected/);
    const error = await writeBatch(store, cctv, { controllerId, records: [recording(person)] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BatchError);
    expect((error as BatchError).problems[0]!.reason).toMatch(/objected to CCTV/);
    const [records] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from records where person_id = $1',
      [person],
    );
    expect(records!.n).toBe(1);
  });

  it('audits the refusals', async () => {
    const [denied] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where person_id = $1 and outcome = 'denied' and reason like '%objected%'",
      [person],
    );
    expect(denied!.n).toBeGreaterThanOrEqual(3);
  });
});
