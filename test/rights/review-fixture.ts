/**
 * A small synthetic landlord for the review tests: a tenant with a joint tenant and a neighbour,
 * the tenant's records (one with a caseworker's kind of passage to withhold, one naming a staff
 * member), an ASB case on the neighbour's file mentioning the tenant, a letter, and the callers.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/decide.ts';
import { addDocument } from '../../src/records/documents.ts';
import { createPerson } from '../../src/records/people.ts';
import { createRecord } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { createRequest, transition, type NewRequest } from '../../src/rights/requests/index.ts';
import {
  completeReview,
  decideRedaction,
  releasePack,
  startReview,
  verifyIdentity,
  type Release,
  type ReviewView,
} from '../../src/rights/review/index.ts';
import type { Queryable } from '../../src/store/db.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';

export const manifest = demoManifest();
export const controllerId = manifest.controller.id;

export const housing: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
/** The rights desk recording requests. */
export const desk: Call = { ...housing, purpose: 'subject-access' };
/** The caseworker: the landlord's data protection officer. */
export const caseworker: Call = {
  actor: { id: 'dpo-1', kind: 'staff', controllerId, roles: ['data-protection-officer'] },
  purpose: 'subject-access',
  channel: 'web',
};
export const stranger: Actor = { id: 'nobody-1', kind: 'staff', controllerId, roles: [] };

export const TENANT = {
  title: 'Mr',
  givenName: 'Zebediah',
  familyName: 'Quillfeather',
  dateOfBirth: '1980-04-03',
  email: 'z.quillfeather@example.invalid',
  phone: '07700 900123',
  postcode: 'BV1 2ZZ',
};
export const JOINT = {
  givenName: 'Philippa',
  familyName: 'Marchbanks',
  email: 'p.marchbanks@example.invalid',
};
export const NEIGHBOUR = { givenName: 'Ignatius', familyName: 'Thistlewood', phone: '07700 900456' };
/** Words of the joint tenant's own file: never in the tenant's pack. */
export const JOINT_SECRETS = [
  'Philippa',
  'Marchbanks',
  'p.marchbanks',
  'Private matter',
  'Confidential counselling',
];
export const ADVICE = 'counsel advises settling the disrepair claim';

export interface World {
  t: TestDb;
  store: Store;
  tenant: string;
  joint: string;
  neighbour: string;
  staffLog: string;
  formulaLog: string;
  repair: string;
  asbCase: string;
  letter: string;
}

export async function buildWorld(): Promise<World> {
  const t = await openTestDb();
  const store = testStore(t.db, manifest);
  const person = (profile: Record<string, unknown>) =>
    createPerson(store, housing, { controllerId, subjectTypes: ['tenant'], profile });
  const tenant = await person(TENANT);
  const joint = await person(JOINT);
  const neighbour = await person(NEIGHBOUR);
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
  for (const p of [tenant, joint])
    await t.db.query(
      "insert into household_members (household_id, person_id, controller_id, relationship, started_on) values ($1, $2, $3, 'joint-tenant', '2020-01-01')",
      [household, p, controllerId],
    );
  const log = (summary: string, occurredAt: string) =>
    createRecord(store, housing, {
      controllerId,
      personId: tenant,
      recordType: 'contact-log',
      payload: { channel: 'phone', summary, occurredAt },
      patch: 'north',
    });
  const staffLog = await log(
    'Zebediah Quillfeather rang about rent; Constance Wetherby explained the charges; Philippa Marchbanks was away.',
    '2026-11-18T09:00:00Z',
  );
  const formulaLog = await log(
    'Tenancy fraud referral discussed with the investigations team.',
    '2026-11-19T09:00:00Z',
  );
  const repair = await createRecord(
    store,
    { ...housing, purpose: 'repairs' },
    {
      controllerId,
      personId: tenant,
      recordType: 'repair',
      payload: { description: `Leaking tap in kitchen; ${ADVICE}.` },
    },
  );
  await createRecord(store, housing, {
    controllerId,
    personId: joint,
    recordType: 'contact-log',
    payload: { channel: 'phone', summary: 'Private matter: debt advice', occurredAt: '2026-11-17T09:00:00Z' },
    patch: 'north',
  });
  await createRecord(
    store,
    { ...housing, purpose: 'support' },
    {
      controllerId,
      personId: joint,
      recordType: 'support-needs',
      payload: { needs: 'Confidential counselling' },
    },
  );
  const asbCase = await createRecord(
    store,
    { ...housing, purpose: 'asb' },
    {
      controllerId,
      personId: neighbour,
      recordType: 'asb-case',
      payload: {
        reportedOn: '2026-11-01',
        kind: 'noise',
        narrative: 'Mr Quillfeather reported that Ignatius Thistlewood played loud music. Call 07700 900456.',
        status: 'open',
      },
      mentions: [{ personId: tenant, part: 'complainant' }],
    },
  );
  const letter = await addDocument(store, housing, {
    personId: tenant,
    kind: 'letter',
    mediaType: 'application/pdf',
    content: Buffer.from('%PDF-1.4 synthetic letter about the rent'),
  });
  return { t, store, tenant, joint, neighbour, staffLog, formulaLog, repair, asbCase, letter };
}

/** An access request for the tenant, moved to in-progress on the given day. */
export async function accessRequest(
  w: World,
  over: Partial<NewRequest> = {},
  inProgressOn: string | null = '2026-11-03',
): Promise<string> {
  const { id } = await createRequest(w.store, desk, {
    controllerId,
    personId: w.tenant,
    right: 'access',
    channel: 'email',
    receivedOn: '2026-11-02',
    ...over,
  });
  if (inProgressOn) await transition(w.store, desk, id, { to: 'in-progress', on: inProgressOn });
  return id;
}

export async function auditRows(
  q: Queryable,
  action: string,
  outcome: 'allowed' | 'denied',
): Promise<{ reason: string | null; person_id: string | null; actor: string }[]> {
  return q.query(
    'select reason, person_id, actor from audit_events where action = $1 and outcome = $2 order by seq',
    [action, outcome],
  );
}

/** Every column of every review table as text, to check no record text is stored. */
export async function reviewTablesText(q: Queryable): Promise<string> {
  const parts: string[] = [];
  for (const table of ['sar_reviews', 'sar_review_items', 'sar_review_fields', 'sar_review_redactions']) {
    const rows = await q.query<{ row: string }>(`select t::text as row from ${table} t`);
    parts.push(...rows.map((r) => r.row));
  }
  // bytea columns print as hex: decode them too, so sealed text would show if it were in clear.
  const text = parts.join('\n');
  const decoded = [...text.matchAll(/\\x([0-9a-f]+)/g)].map((m) =>
    Buffer.from(m[1]!, 'hex').toString('latin1'),
  );
  return [text, ...decoded].join('\n');
}

/** The person as themself, in the portal. */
export const asPerson = (personId: string): Call => ({
  actor: { id: `resident:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});

/** Accept every redaction the detectors proposed in a review's records. */
export async function acceptEveryProposal(w: World, view: ReviewView): Promise<void> {
  for (const item of view.items)
    if (item.kind === 'record')
      for (const f of item.fields)
        for (const s of f.spans)
          await decideRedaction(w.store, caseworker, view.id, { n: s.n, decision: 'accepted' });
}

/**
 * A new access request for the tenant, reviewed from 20 November 2026 with every proposed
 * redaction accepted, completed, the identity checked, and released on 23 November 2026.
 */
export async function releasedRequest(w: World): Promise<Release> {
  const requestId = await accessRequest(w);
  const view = await startReview(w.store, caseworker, requestId, { today: '2026-11-20' });
  await acceptEveryProposal(w, view);
  await completeReview(w.store, caseworker, view.id);
  await verifyIdentity(w.store, caseworker, view.id, {
    method: 'known-contact-details',
    presented: { givenName: 'Zebediah', familyName: 'Quillfeather', email: 'Z.Quillfeather@example.invalid' },
  });
  return releasePack(w.store, caseworker, view.id, { on: '2026-11-23' });
}
