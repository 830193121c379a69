/**
 * Setting the scene for the staff rights action pages: a tenant in the north patch (so the demo
 * housing officer may open their file, and we can watch the gate start and stop refusing), rights
 * requests about them made as they would arrive, and an automated decision the person asked a
 * person to review.
 */
import type { Call, Store } from '../../src/records/store.ts';
import { recordDecision, requestReview } from '../../src/rights/automated/index.ts';
import { createRequest, type Right } from '../../src/rights/requests/index.ts';
import { ukDate } from '../../src/rights/requests/input.ts';

export const controllerOf = (store: Store) => [...store.manifests.keys()][0]!;

const systemCall = (store: Store, purpose: string): Call => ({
  actor: { id: 'test-setup', kind: 'system', controllerId: controllerOf(store), roles: [] },
  purpose,
  channel: 'system',
});

/** Tenants living in the north patch now, in a stable order. */
export async function northTenants(store: Store): Promise<string[]> {
  const rows = await store.db.query<{ person_id: string }>(
    `select distinct hm.person_id from household_members hm
       join households h on h.id = hm.household_id join properties pr on pr.id = h.property_id
      where pr.patch = 'north' and hm.ended_on is null order by hm.person_id`,
  );
  return rows.map((r) => r.person_id);
}

export async function requestAbout(store: Store, personId: string, right: Right): Promise<string> {
  const made = await createRequest(store, systemCall(store, 'subject-access'), {
    controllerId: controllerOf(store),
    personId,
    right,
    channel: 'email',
    receivedOn: ukDate(store.now()),
    wording: `Please act on my ${right} request.`,
  });
  return made.id;
}

/** A housing register banding decision about the person, declared on lettings for the test. */
export async function bandingDecision(store: Store, personId: string): Promise<string> {
  const manifest = store.manifests.get(controllerOf(store))!;
  manifest.activities.find((a) => a.id === 'lettings')!.automatedDecisions = [
    {
      id: 'housing-register-banding',
      name: 'Housing register banding',
      logic: 'Points for overcrowding, medical need and time on the register set the band, A to D.',
      significance: 'Your band decides the order in which you are offered homes.',
      humanReview: 'Ask us within 21 days of the decision.',
      profiling: false,
    },
  ];
  return recordDecision(store, systemCall(store, 'lettings'), {
    personId,
    activityId: 'lettings',
    decision: 'housing-register-banding',
    logicVersion: '2026.2',
    inputs: { householdSize: 4, overcrowded: true },
    outcome: { value: 'B', summary: 'Band B' },
  });
}

/** The person asks for a human review (as they would in the portal); returns the review's id. */
export function askForReview(store: Store, personId: string, decisionId: string): Promise<string> {
  return requestReview(
    store,
    {
      actor: { id: 'resident', kind: 'subject', controllerId: controllerOf(store), roles: [], personId },
      purpose: 'subject-access',
      channel: 'portal',
    },
    decisionId,
    { why: 'My doctor’s letter was not taken into account.' },
  );
}
