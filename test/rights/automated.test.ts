import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { createPerson } from '../../src/records/people.ts';
import { createRecord } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import {
  completeReview,
  explainDecision,
  recordDecision,
  requestReview,
  type NewAutomatedDecision,
} from '../../src/rights/automated/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';
import { audits, count } from './requests-helpers.ts';

/** The demo landlord, with housing-register banding declared as an automated decision of lettings. */
function withBanding(): Manifest {
  const m = demoManifest();
  const lettings = m.activities.find((a) => a.id === 'lettings')!;
  lettings.automatedDecisions = [
    {
      id: 'housing-register-banding',
      name: 'Housing register banding',
      logic:
        'Points are given for overcrowding, medical need and time on the register; the total sets the band, A (highest) to D.',
      significance: 'Your band decides the order in which you are offered homes.',
      humanReview: 'Ask us in writing or through the resident portal within 21 days of the decision.',
      profiling: false,
    },
  ];
  const application = m.recordTypes.find((t) => t.id === 'application')!;
  application.fields.find((f) => f.name === 'bedroomsNeeded')!.label = 'Bedrooms you need';
  return m;
}

const manifest = withBanding();
const controllerId = manifest.controller.id;
let t: TestDb;
let store: Store;
let applicant: string;
let application: string;

const engine: Call = {
  actor: { id: 'banding-engine', kind: 'service', controllerId, roles: ['lettings-officer'] },
  purpose: 'lettings',
  channel: 'system',
};
const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'lettings',
  channel: 'system',
};
const officer: Call = {
  actor: { id: 'lettings-9', kind: 'staff', controllerId, roles: ['lettings-officer'] },
  purpose: 'lettings',
  channel: 'web',
};
const self = (personId: string): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});

const banding = (over: Partial<NewAutomatedDecision> = {}): NewAutomatedDecision => ({
  personId: applicant,
  activityId: 'lettings',
  decision: 'housing-register-banding',
  logicVersion: '2026.2',
  inputs: { householdSize: 4, bedroomsNeeded: 3, medicalPoints: 0, monthsOnRegister: 14, overcrowded: true },
  outcome: { value: 'B', summary: 'Band B' },
  recordId: application,
  decidedAt: '2026-11-02T09:30:00Z',
  ...over,
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  applicant = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['applicant'],
    profile: { givenName: 'Perpetua', familyName: 'Winterbottom' },
  });
  application = await createRecord(store, system, {
    controllerId,
    personId: applicant,
    recordType: 'application',
    payload: { receivedOn: '2026-10-01', householdSize: 4, bedroomsNeeded: 3, outcome: 'pending' },
  });
});
afterAll(async () => t?.close());

describe(`automated decisions (${ENGINE})`, () => {
  let decision: string;
  let review: string;

  it('records a declared decision with its inputs, logic version and outcome, sealed and audited', async () => {
    decision = await recordDecision(store, engine, banding());
    const [row] = await t.db.query<{ decision_kind: string; logic_version: string; content: Uint8Array }>(
      'select decision_kind, logic_version, content from automated_decisions where id = $1',
      [decision],
    );
    expect(row).toMatchObject({ decision_kind: 'housing-register-banding', logic_version: '2026.2' });
    expect(Buffer.from(row!.content).toString('latin1')).not.toContain('monthsOnRegister');
    const [event] = await audits(t.db, 'automated-decision.create', 'allowed');
    expect(event).toMatchObject({ person_id: applicant, reason: 'housing-register-banding (logic 2026.2)' });
  });

  it('explains it to the person in plain English, with what it used and how to ask for a person to look again', async () => {
    const e = await explainDecision(store, self(applicant), decision);
    expect(e.outcome).toEqual({ value: 'B', summary: 'Band B' });
    expect(e.inputs.find((i) => i.name === 'bedroomsNeeded')?.label).toBe('Bedrooms you need');
    expect(e.text).toContain('On 2 November 2026, housing register banding decided: Band B.');
    expect(e.text).toContain('made by a computer, without a person taking part');
    expect(e.text).toContain('version 2026.2');
    expect(e.text).toContain('- Months on register: 14');
    expect(e.text).toContain('- Overcrowded: yes');
    expect(e.text).toContain('within 21 days');
    await expect(explainDecision(store, self(randomUUID()), decision)).rejects.toThrow(AccessDenied);
  });

  it('lets the person ask for a human review, once at a time', async () => {
    review = await requestReview(store, self(applicant), decision, {
      why: 'My son has asthma; medical points are missing.',
    });
    await expect(requestReview(store, self(applicant), decision)).rejects.toMatchObject({
      field: 'decisionId',
    });
    const e = await explainDecision(store, officer, decision);
    expect(e.reviews).toEqual([
      expect.objectContaining({ status: 'requested', why: 'My son has asthma; medical points are missing.' }),
    ]);
  });

  it('records the human review: only staff may make it, and a changed outcome needs the new outcome', async () => {
    await expect(completeReview(store, engine, review, { result: 'upheld', reasons: 'x' })).rejects.toThrow(
      'a human review must be made by a member of staff',
    );
    await expect(
      completeReview(store, officer, review, { result: 'changed', reasons: 'x' }),
    ).rejects.toMatchObject({
      field: 'outcome',
    });
    await expect(
      completeReview(store, officer, review, { result: 'overturned' as never, reasons: 'x' }),
    ).rejects.toMatchObject({ field: 'result' });
    await completeReview(store, officer, review, {
      result: 'changed',
      reasons: 'A GP letter confirms a medical need; 50 points added.',
      outcome: { value: 'A', summary: 'Band A' },
    });
    const e = await explainDecision(store, self(applicant), decision);
    expect(e.outcome.value).toBe('B');
    expect(e.reviews[0]).toMatchObject({
      status: 'completed',
      result: 'changed',
      reviewer: 'lettings-9',
      outcome: { value: 'A' },
    });
    expect(e.text).toContain('changed the decision to: Band A');
    await expect(
      completeReview(store, officer, review, { result: 'upheld', reasons: 'x' }),
    ).rejects.toMatchObject({
      field: 'reviewId',
    });
  });

  it('refuses undeclared decisions and bad input, naming the field, writing nothing but the denial', async () => {
    const before = await count(t.db, 'automated_decisions');
    const cases: [Partial<NewAutomatedDecision>, string][] = [
      [{ activityId: 'gardening' }, 'activityId'],
      [{ decision: 'rent-scoring' }, 'decision'],
      [{ activityId: 'support', decision: 'housing-register-banding' }, 'decision'],
      [{ logicVersion: '' }, 'logicVersion'],
      [{ inputs: { householdSize: { n: 4 } } as never }, 'inputs.householdSize'],
      [{ inputs: [] as never }, 'inputs'],
      [{ outcome: undefined as never }, 'outcome'],
      [{ decidedAt: '2027-01-01T00:00:00Z' }, 'decidedAt'],
      [{ personId: 'x' }, 'personId'],
      [{ recordId: randomUUID() }, 'recordId'],
    ];
    for (const [over, field] of cases) {
      const error = await recordDecision(store, engine, banding(over)).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
    await expect(
      recordDecision(store, { ...engine, purpose: 'tenancy-management' }, banding()),
    ).rejects.toMatchObject({
      field: 'activityId',
    });
    await expect(
      recordDecision(store, engine, banding({ personId: randomUUID(), recordId: null })),
    ).rejects.toThrow(NotFound);
    await expect(explainDecision(store, officer, randomUUID())).rejects.toThrow(NotFound);
    expect(await count(t.db, 'automated_decisions')).toBe(before);
    expect((await audits(t.db, 'automated-decision.create', 'denied')).length).toBeGreaterThanOrEqual(
      cases.length + 2,
    );
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
