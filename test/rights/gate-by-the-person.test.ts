/**
 * Listing one's automated decisions and withdrawing one's objection are acts a person may do about
 * themself. They pass the one rights gate (records/rights-gate.ts) like everyone else, so the gate
 * decides: a person about themself is let through, a person about someone else is refused there
 * (decideForSubject) and the refusal is audited; staff are judged as before, by role and purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/manifest/schema.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { explainDecisionsAbout, recordDecision } from '../../src/rights/automated/index.ts';
import { listObjections, recordObjection, withdrawObjection } from '../../src/rights/objection/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';
import { audits, desk, newPerson } from './requests-helpers.ts';

/** The demo landlord, with housing-register banding declared as an automated decision of lettings. */
function withBanding(): Manifest {
  const m = demoManifest();
  m.activities.find((a) => a.id === 'lettings')!.automatedDecisions = [
    {
      id: 'housing-register-banding',
      name: 'Housing register banding',
      logic: 'Points for overcrowding, medical need and time on the register set the band.',
      significance: 'Your band decides the order in which you are offered homes.',
      humanReview: 'Ask us through the resident portal within 21 days of the decision.',
      profiling: false,
    },
  ];
  return m;
}

const manifest = withBanding();
const controllerId = manifest.controller.id;
const NOT_THEIRS = 'people may read or act on only their own records';

const asPerson = (personId: string): Call => ({
  actor: { id: `resident:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});
const staff = (id: string, role: string): Call => ({
  actor: { id, kind: 'staff', controllerId, roles: [role] },
  purpose: 'subject-access',
  channel: 'web',
});
const dpo = staff('dpo-1', 'data-protection-officer');
/** Staff whose role does not serve the rights purpose. */
const housingOfficer = staff('housing-7', 'housing-officer');
const engine: Call = {
  actor: { id: 'banding-engine', kind: 'service', controllerId, roles: ['lettings-officer'] },
  purpose: 'lettings',
  channel: 'system',
};

let t: TestDb;
let store: Store;
let person: string;
let neighbour: string;

const band = (personId: string, value: string) =>
  recordDecision(store, engine, {
    personId,
    activityId: 'lettings',
    decision: 'housing-register-banding',
    logicVersion: '2026.2',
    inputs: { householdSize: 2, overcrowded: false },
    outcome: { value, summary: `Band ${value}` },
    decidedAt: '2026-11-02T09:30:00Z',
  });

const statusOf = async (personId: string, objectionId: string) =>
  (await listObjections(store, desk, personId)).find((o) => o.id === objectionId)?.status;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await newPerson(store, 'Araminta', 'Pennywhistle');
  neighbour = await newPerson(store, 'Bartholomew', 'Fennimore');
  await band(person, 'B');
  await band(neighbour, 'C');
});
afterAll(async () => t?.close());

describe(`acts a person may do about themself pass the one rights gate (${ENGINE})`, () => {
  it('lets a person list the automated decisions made about them', async () => {
    const mine = await explainDecisionsAbout(store, asPerson(person), person);
    expect(mine.map((d) => d.outcome)).toEqual([{ value: 'B', summary: 'Band B' }]);
  });

  it('refuses a person listing someone else’s decisions, in the gate, audited', async () => {
    const before = await audits(t.db, 'automated-decision.explain', 'denied');
    await expect(explainDecisionsAbout(store, asPerson(person), neighbour)).rejects.toThrow(
      new AccessDenied(NOT_THEIRS),
    );
    const after = await audits(t.db, 'automated-decision.explain', 'denied');
    expect(after.slice(before.length)).toEqual([{ reason: NOT_THEIRS, person_id: neighbour }]);
    // Nothing of the neighbour's decision was opened for them.
    const opened = await audits(t.db, 'automated-decision.explain', 'allowed');
    expect(opened.filter((a) => a.person_id === neighbour)).toEqual([]);
  });

  it('gives a person the same refusal for an id that exists nowhere, so ids cannot be probed', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    await expect(explainDecisionsAbout(store, asPerson(person), nobody)).rejects.toThrow(
      new AccessDenied(NOT_THEIRS),
    );
    const denied = await audits(t.db, 'automated-decision.explain', 'denied');
    expect(denied.at(-1)).toEqual({ reason: NOT_THEIRS, person_id: nobody });
  });

  it('lets a person withdraw their own objection, and refuses them anyone else’s, audited', async () => {
    const theirs = await recordObjection(store, desk, { personId: neighbour, activityId: 'cctv' });
    const mine = await recordObjection(store, desk, { personId: person, activityId: 'cctv' });
    await expect(withdrawObjection(store, asPerson(person), theirs)).rejects.toThrow(
      new AccessDenied(NOT_THEIRS),
    );
    expect(await audits(t.db, 'objection.withdraw', 'denied')).toEqual([
      { reason: NOT_THEIRS, person_id: neighbour },
    ]);
    expect(await statusOf(neighbour, theirs)).toBe('upheld');
    await withdrawObjection(store, asPerson(person), mine, { note: 'I no longer mind' });
    expect(await statusOf(person, mine)).toBe('withdrawn');
    expect(await audits(t.db, 'objection.withdraw', 'allowed')).toEqual([
      expect.objectContaining({ person_id: person }),
    ]);
  });

  it('judges staff by role and purpose, as before', async () => {
    const listed = await explainDecisionsAbout(store, dpo, neighbour);
    expect(listed.map((d) => d.outcome.value)).toEqual(['C']);
    await expect(explainDecisionsAbout(store, housingOfficer, neighbour)).rejects.toThrow(AccessDenied);
    const objection = await recordObjection(store, desk, { personId: neighbour, activityId: 'support' });
    await expect(withdrawObjection(store, housingOfficer, objection)).rejects.toThrow(AccessDenied);
    expect(await statusOf(neighbour, objection)).toBe('upheld');
    await withdrawObjection(store, dpo, objection, { note: 'Withdrawn by phone' });
    expect(await statusOf(neighbour, objection)).toBe('withdrawn');
    const refused = [
      ...(await audits(t.db, 'automated-decision.explain', 'denied')),
      ...(await audits(t.db, 'objection.withdraw', 'denied')),
    ].filter((a) => a.reason !== NOT_THEIRS);
    expect(refused).toEqual([
      expect.objectContaining({ person_id: neighbour }),
      expect.objectContaining({ person_id: neighbour }),
    ]);
  });
});
