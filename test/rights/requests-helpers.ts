/** Shared set-up for the rights requests and representatives tests: a store, a system caller, people. */
import type { Actor } from '../../src/access/decide.ts';
import { createPerson } from '../../src/records/people.ts';
import type { Call, Store } from '../../src/records/store.ts';
import type { Queryable } from '../../src/store/db.ts';
import { demoManifest } from '../support/store.ts';

export const manifest = demoManifest();
export const controllerId = manifest.controller.id;

export const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};

/** Custos handling rights requests: for the subject-access purpose, not tenancy management. */
export const desk: Call = { ...system, purpose: 'subject-access' };

export const stranger: Actor = { id: 'nobody-1', kind: 'staff', controllerId, roles: [] };

export function newPerson(
  store: Store,
  givenName = 'Zebediah',
  familyName = 'Quillfeather',
): Promise<string> {
  return createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName, familyName },
  });
}

export async function count(
  q: Queryable,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${where}`,
    params,
  );
  return row!.n;
}

export async function audits(
  q: Queryable,
  action: string,
  outcome: 'allowed' | 'denied',
): Promise<{ reason: string | null; person_id: string | null }[]> {
  return q.query(
    `select reason, person_id from audit_events where action = $1 and outcome = $2 order by seq`,
    [action, outcome],
  );
}
