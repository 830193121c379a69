import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { createPerson } from '../../src/records/people.ts';
import { createRecord, type NewRecord } from '../../src/records/records.ts';
import { setRestriction } from '../../src/records/restriction.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { exportPortable, portableTypes } from '../../src/rights/portability/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, manifest, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let tenant: string;
let application: string;

const self = (personId: string): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});
const as = (purpose: string): Call => ({ ...system, purpose });
const record = (recordType: string, payload: Record<string, unknown>): NewRecord => ({
  controllerId,
  personId: tenant,
  recordType,
  payload,
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  tenant = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: {
      givenName: 'Zebediah',
      familyName: 'Quillfeather',
      email: 'z.q@example.invalid',
      niNumber: 'QQ123456C',
    },
  });
  await createRecord(
    store,
    system,
    record('contact-log', {
      channel: 'email',
      summary: '=HYPERLINK("x"), asked about rent',
      occurredAt: '2026-11-20T09:00:00Z',
    }),
  );
  application = await createRecord(
    store,
    as('lettings'),
    record('application', {
      receivedOn: '2025-03-01',
      householdSize: 3,
      annualIncome: 18250.5,
      medicalNeeds: 'Asthma',
      unspentConvictions: false,
      outcome: 'housed',
    }),
  );
  await createRecord(store, as('support'), record('support-needs', { needs: 'Hearing loss' }));
  await createRecord(
    store,
    as('equality-monitoring'),
    record('equality-monitoring', { religion: 'no-religion' }),
  );
  await createRecord(store, as('cctv'), record('call-recording', { recordedAt: '2026-11-01T09:00:00Z' }));
});
afterAll(async () => t?.close());

describe('what portability covers', () => {
  it('takes from the manifest the fields provided under consent or contract', () => {
    const types = Object.fromEntries(portableTypes(manifest).map((p) => [p.recordType, p.fields]));
    expect(Object.keys(types).sort()).toEqual([
      'application',
      'arrears-case',
      'contact-log',
      'person',
      'rent-transaction',
      'repair',
      // provided for the tenancy (a contract), and read by the NFI extract
      'right-to-buy',
    ]);
    expect(types['application']).not.toContain('medicalNeeds');
    expect(types['application']).not.toContain('unspentConvictions');
    expect(types['application']).toContain('annualIncome');
    expect(types['repair']).not.toContain('accessNotes');
    expect(types['person']).toContain('niNumber');
  });
});

describe(`portability export (${ENGINE})`, () => {
  it('gives the person their provided data as JSON, through the gate and audited', async () => {
    const out = await exportPortable(store, self(tenant), tenant);
    const data = JSON.parse(out.json);
    expect(data.format).toBe('custos-portability/1');
    expect(data.details).toEqual({
      givenName: 'Zebediah',
      familyName: 'Quillfeather',
      email: 'z.q@example.invalid',
      niNumber: 'QQ123456C',
    });
    expect(data.records.map((r: { type: string }) => r.type).sort()).toEqual(['application', 'contact-log']);
    const app = data.records.find((r: { id: string }) => r.id === application);
    expect(app.fields).toEqual({
      receivedOn: '2025-03-01',
      householdSize: 3,
      annualIncome: 18250.5,
      outcome: 'housed',
    });
    const [event] = await audits(t.db, 'portability.export', 'allowed');
    expect(event).toMatchObject({ person_id: tenant });
  });

  it('gives CSV per record type, formula-safe, and a zip of it all', async () => {
    const out = await exportPortable(store, self(tenant), tenant);
    expect([...out.csv.keys()].sort()).toEqual(['application.csv', 'contact-log.csv', 'person.csv']);
    const log = out.csv.get('contact-log.csv')!;
    expect(log.split('\r\n')[0]).toBe('id,created_at,channel,summary,occurredAt');
    expect(log).toContain(`"'=HYPERLINK(""x""), asked about rent"`);
    expect(out.csv.get('application.csv')).toContain(',18250.5,');
    const files = unzipSync(out.zip);
    expect(Object.keys(files).sort()).toEqual([
      'csv/application.csv',
      'csv/contact-log.csv',
      'csv/person.csv',
      'data.json',
    ]);
    expect(JSON.parse(strFromU8(files['data.json']!)).personId).toBe(tenant);
  });

  it("refuses someone else's data, a restricted file, and an unknown or malformed person, auditing each", async () => {
    const other = await createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Otto', familyName: 'Other' },
    });
    await expect(exportPortable(store, self(other), tenant)).rejects.toThrow(AccessDenied);
    await setRestriction(store, system, other, true, 'accuracy contested');
    // Restriction leaves people their own data (Art. 18(2)): they may still take it away; staff may not export it.
    expect((await exportPortable(store, self(other), other)).personId).toBe(other);
    await expect(exportPortable(store, system, other)).rejects.toThrow(/restricted/);
    await expect(exportPortable(store, self(tenant), randomUUID())).rejects.toThrow(NotFound);
    await expect(exportPortable(store, self(tenant), 'me')).rejects.toThrow(InputError);
    expect((await audits(t.db, 'portability.export', 'denied')).length).toBeGreaterThanOrEqual(4);
  });
});
