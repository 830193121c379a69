import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/decide.ts';
import { verifyChain } from '../../src/audit/verify.ts';
import { addDocument } from '../../src/records/documents.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { createRecord } from '../../src/records/records.ts';
import { vaultOf, type Call, type Store } from '../../src/records/store.ts';
import {
  decideItem,
  erasureLetter,
  executeErasure,
  planErasure,
  readPlan,
  type ErasurePlanView,
} from '../../src/rights/erasure/index.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import type { Queryable } from '../../src/store/db.ts';
import { SqlKeyVault, type KeyVault } from '../../src/store/key-vault.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { as, erasureRequest, record } from './erasure-helpers.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, stranger } from './requests-helpers.ts';

let t: TestDb;
let store: Store;

const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
/** Rights work is done under the activity that answers rights requests. */
const desk: Call = { ...system, actor: { ...system.actor, id: 'rights-desk' }, purpose: 'subject-access' };
const caseworker: Actor = { id: 'caseworker-3', kind: 'staff', controllerId, roles: ['lettings-officer'] };
const asCaseworker: Call = { actor: caseworker, purpose: 'lettings', channel: 'web' };

async function person(givenName: string, familyName: string, email?: string): Promise<string> {
  return createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName, familyName, ...(email ? { email } : {}) },
  });
}

async function tenancy(q: Queryable, personId: string, endedOn: string | null): Promise<void> {
  const [property, household, tenancyId] = [randomUUID(), randomUUID(), randomUUID()];
  await q.query(
    "insert into properties (id, controller_id, address, postcode, patch) values ($1, $2, '2 Test Row', 'BV1 2ZZ', 'north')",
    [property, controllerId],
  );
  await q.query('insert into households (id, controller_id, property_id) values ($1, $2, $3)', [
    household,
    controllerId,
    property,
  ]);
  await q.query(
    `insert into tenancies (id, controller_id, household_id, property_id, kind, started_on, ended_on)
     values ($1, $2, $3, $4, 'assured', '2018-01-01', $5)`,
    [tenancyId, controllerId, household, property, endedOn],
  );
  await q.query('insert into tenancy_parties (tenancy_id, person_id, controller_id) values ($1, $2, $3)', [
    tenancyId,
    personId,
    controllerId,
  ]);
}

const item = (plan: ErasurePlanView, recordId: string | null) =>
  plan.items.find((i) => i.recordId === recordId)!;

// A current tenant: some of their file goes, most stays.
let tenant: string;
let neighbour: string;
let log: string;
let support: string;
let recentCall: string;
let oldCall: string;
let equality: string;
let neighbourCase: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  tenant = await person('Zebediah', 'Quillfeather', 'z.quillfeather@example.invalid');
  neighbour = await person('Ignatius', 'Thistlewood');
  await tenancy(t.db, tenant, null);
  log = await createRecord(
    store,
    system,
    record(tenant, 'contact-log', {
      channel: 'phone',
      summary: 'Asked about rent',
      occurredAt: '2026-11-20T09:00:00Z',
    }),
  );
  support = await createRecord(
    store,
    as('support'),
    record(tenant, 'support-needs', { needs: 'Hearing loss' }),
  );
  recentCall = await createRecord(
    store,
    as('cctv'),
    record(tenant, 'call-recording', { recordedAt: '2026-11-01T09:00:00Z', queue: 'rent' }),
  );
  oldCall = await createRecord(
    store,
    as('cctv'),
    record(tenant, 'call-recording', { recordedAt: '2026-01-05T09:00:00Z', queue: 'repairs' }),
  );
  await addDocument(store, as('cctv'), {
    personId: tenant,
    recordId: oldCall,
    kind: 'call-recording',
    mediaType: 'audio/mpeg',
    content: Buffer.from('synthetic audio'),
  });
  equality = await createRecord(
    store,
    as('equality-monitoring'),
    record(tenant, 'equality-monitoring', { religion: 'prefer-not-to-say' }),
  );
  neighbourCase = await createRecord(
    store,
    as('asb'),
    record(
      neighbour,
      'asb-case',
      { reportedOn: '2026-10-01', kind: 'noise', status: 'open' },
      { mentions: [{ personId: tenant, part: 'witness' }] },
    ),
  );
});
afterAll(async () => t?.close());

describe(`erasure of part of a file (${ENGINE})`, () => {
  let plan: ErasurePlanView;

  it('proposes per record from the manifest, with reasons and explanations the person can read', async () => {
    plan = await planErasure(store, desk, await erasureRequest(store, tenant));
    expect(plan.status).toBe('proposed');
    const decided = (id: string | null) => `${item(plan, id).action} ${item(plan, id).reason}`;
    expect(decided(log)).toBe('keep contract');
    expect(decided(support)).toBe('keep legal-obligation');
    expect(decided(recentCall)).toBe('erase objection');
    expect(decided(oldCall)).toBe('erase no-longer-necessary');
    expect(decided(equality)).toBe('erase objection');
    expect(decided(neighbourCase)).toBe('keep legal-obligation');
    expect(decided(null)).toBe('keep contract');
    expect(item(plan, support).explanation).toContain('Equality Act 2010');
    expect(item(plan, support).article).toBe('Article 17(3)(b)');
    expect(item(plan, oldCall).title).toBe('Call recording, 5 January 2026');
    expect(item(plan, neighbourCase).title).toBe(
      'Anti-social behaviour case about someone else, 1 October 2026',
    );
    expect(item(plan, neighbourCase).explanation).toContain('as witness');
    expect(plan.recipients.map((r) => r.id)).toEqual(['police']);
  });

  it('seals the explanations: nothing the person is told is stored in clear', async () => {
    const rows = await t.db.query<{ words: Uint8Array }>('select words from erasure_items');
    const all = Buffer.concat(rows.map((r) => Buffer.from(r.words))).toString('latin1');
    expect(all).not.toContain('Equality Act');
    expect(all).not.toContain('Call recording');
  });

  it('refuses a reason outside the vocabulary, or one that does not fit the action, writing nothing', async () => {
    const before = await t.db.query('select n, action, reason, words from erasure_items order by plan_id, n');
    const n = item(plan, recentCall).n;
    const bad = [
      { n, action: 'keep', reason: 'consent-withdrawn', note: 'x' },
      { n, action: 'keep', reason: 'because-we-said-so', note: 'x' },
      { n, action: 'shred', reason: 'legal-claims', note: 'x' },
      { n, action: 'keep', reason: 'legal-claims', note: '' },
      { n: 999, action: 'keep', reason: 'legal-claims', note: 'x' },
    ];
    const fields = [];
    for (const input of bad) {
      const error = await decideItem(store, asCaseworker, plan.id, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      fields.push((error as InputError).field);
    }
    expect(fields).toEqual(['reason', 'reason', 'action', 'note', 'n']);
    expect(
      (await decideItem(store, asCaseworker, plan.id, bad[0] as never).catch(
        (e: Error) => e.message,
      )) as string,
    ).toMatch(/"consent-withdrawn" is not one of legal-obligation, public-task/);
    expect(
      await t.db.query('select n, action, reason, words from erasure_items order by plan_id, n'),
    ).toEqual(before);
    expect((await audits(t.db, 'erasure.override', 'denied')).length).toBeGreaterThanOrEqual(5);
  });

  it('lets a caseworker keep an item with a reason and a note, recorded as theirs', async () => {
    plan = await decideItem(store, asCaseworker, plan.id, {
      n: item(plan, recentCall).n,
      action: 'keep',
      reason: 'legal-claims',
      note: 'The tenant has a disrepair claim; the call is evidence.',
    });
    const kept = item(plan, recentCall);
    expect(kept).toMatchObject({
      action: 'keep',
      reason: 'legal-claims',
      proposed: { action: 'erase', reason: 'objection' },
    });
    expect(kept.overridden?.by).toBe('caseworker-3');
    expect(kept.explanation).toBe('We need it to make or defend a legal claim.');
    expect(kept.note).toContain('disrepair claim');
  });

  it("refuses to erase the person's details while other things are kept", async () => {
    const profile = plan.items.find((i) => i.kind === 'profile')!;
    await expect(
      decideItem(store, asCaseworker, plan.id, {
        n: profile.n,
        action: 'erase',
        reason: 'no-longer-necessary',
        note: 'x',
      }),
    ).rejects.toMatchObject({ field: 'action' });
  });

  it('refuses a second plan for the same request, and a caller the gate refuses', async () => {
    await expect(planErasure(store, desk, plan.requestId)).rejects.toMatchObject({ field: 'requestId' });
    await expect(
      readPlan(store, { actor: stranger, purpose: 'subject-access', channel: 'web' }, plan.id),
    ).rejects.toThrow(AccessDenied);
  });

  it('erases what may go in one transaction — records, their documents, mentions — and keeps the rest', async () => {
    const result = await executeErasure(store, desk, plan.id);
    expect(result).toMatchObject({
      records: 2,
      documents: 1,
      mentions: 0,
      personErased: false,
      keyDestroyed: false,
      kept: 5,
    });
    expect(result.recipients.map((r) => r.id)).toEqual(['police']);
    expect(await count(t.db, 'records', 'id = any($1::uuid[])', [[oldCall, equality]])).toBe(0);
    expect(await count(t.db, 'documents', 'record_id = $1', [oldCall])).toBe(0);
    expect(
      await count(t.db, 'records', 'id = any($1::uuid[])', [[log, support, recentCall, neighbourCase]]),
    ).toBe(4);
    expect(await count(t.db, 'mentions', 'person_id = $1', [tenant])).toBe(1);
    expect((await readPerson(store, system, tenant)).profile).toMatchObject({ familyName: 'Quillfeather' });
    const [event] = await audits(t.db, 'erasure.execute', 'allowed');
    expect(event).toMatchObject({ person_id: tenant });
    expect(event!.reason).toContain('2 record(s), 0 mention(s), 1 document(s) erased');
    await expect(executeErasure(store, desk, plan.id)).rejects.toMatchObject({ field: 'planId' });
  });

  it('leaves tombstones (ids only) so a restored backup cannot bring the erased records back', async () => {
    const tombstones = await vaultOf(store).tombstonesSince(null);
    const ids = tombstones.map((x) => `${x.kind} ${x.id}`);
    expect(ids).toEqual(expect.arrayContaining([`record ${oldCall}`, `record ${equality}`]));
    expect(ids.filter((x) => x.startsWith('document'))).toHaveLength(1);
    expect(ids).not.toContain(`record ${log}`);
    expect(ids).not.toContain(`person ${tenant}`);
  });

  it('writes the answer for the person: what went, what stays and why', async () => {
    const letter = erasureLetter(await readPlan(store, desk, plan.id));
    expect(letter.erased.map((e) => e.title).sort()).toEqual([
      'Call recording, 5 January 2026',
      'Equality monitoring answers, 23 November 2026',
    ]);
    expect(letter.kept).toHaveLength(5);
    expect(letter.text).toContain('We have deleted:');
    expect(letter.text).toContain('The law requires us to keep it: Equality Act 2010');
    expect(letter.text).toContain('Information Commissioner');
  });
});

describe(`erasure of everything about a person (${ENGINE})`, () => {
  let applicant: string;
  let application: string;
  let plan: ErasurePlanView;

  beforeAll(async () => {
    applicant = await person('Perpetua', 'Winterbottom', 'p.winterbottom@example.invalid');
    application = await createRecord(
      store,
      as('lettings'),
      record(applicant, 'application', {
        receivedOn: '2025-01-10',
        outcome: 'declined',
        decidedOn: '2025-02-01',
      }),
    );
    await createRecord(
      store,
      as('cctv'),
      record(applicant, 'call-recording', { recordedAt: '2026-11-10T09:00:00Z' }),
    );
    await addDocument(store, as('lettings'), {
      personId: applicant,
      kind: 'id-document',
      mediaType: 'image/png',
      content: Buffer.from('synthetic scan'),
    });
    await createRecord(
      store,
      as('asb'),
      record(
        neighbour,
        'asb-case',
        { reportedOn: '2024-01-01', kind: 'pets', status: 'closed', closedOn: '2019-06-01' },
        {
          mentions: [{ personId: applicant, part: 'caller' }],
        },
      ),
    );
  });

  it('proposes to erase everything, the person and their key included', async () => {
    plan = await planErasure(store, desk, await erasureRequest(store, applicant));
    expect(plan.items.map((i) => `${i.kind} ${i.recordType} ${i.action} ${i.reason}`).sort()).toEqual([
      'mention asb-case erase no-longer-necessary',
      'profile person erase no-longer-necessary',
      'record application erase no-longer-necessary',
      'record call-recording erase objection',
    ]);
    expect(item(plan, application).explanation).toContain('6 months after an application is declined');
    expect(item(plan, null).explanation).toContain('destroy the key');
  });

  it('follows the other items for the person’s details when a caseworker keeps or lets go one of them', async () => {
    const n = item(plan, application).n;
    plan = await decideItem(store, desk, plan.id, {
      n,
      action: 'keep',
      reason: 'legal-claims',
      note: 'appeal lodged',
    });
    expect(item(plan, null)).toMatchObject({ action: 'keep', reason: 'needed-for-kept-records' });
    plan = await decideItem(store, desk, plan.id, {
      n,
      action: 'erase',
      reason: 'no-longer-necessary',
      note: 'appeal withdrawn',
    });
    expect(item(plan, null)).toMatchObject({ action: 'erase', reason: 'no-longer-necessary' });
  });

  it('will not carry out a plan before the request is under way', async () => {
    const waiting = await erasureRequest(store, applicant, false);
    await transition(store, system, waiting, { to: 'awaiting-id', on: '2026-11-20' });
    await expect(planErasure(store, desk, waiting)).rejects.toThrow(/awaiting-id/);
  });

  it('refuses to erase the person when more was recorded since the plan was made', async () => {
    const late = await createRecord(
      store,
      as('cctv'),
      record(applicant, 'call-recording', { recordedAt: '2026-11-22T09:00:00Z' }),
    );
    await expect(executeErasure(store, desk, plan.id)).rejects.toMatchObject({ field: 'planId' });
    expect(await count(t.db, 'records', 'person_id = $1', [applicant])).toBe(3);
    await t.db.query('delete from records where id = $1', [late]);
  });

  it('erases the records, documents, mentions, details and identifiers, then destroys the key', async () => {
    const result = await executeErasure(store, desk, plan.id);
    expect(result).toMatchObject({
      records: 2,
      mentions: 1,
      documents: 1,
      personErased: true,
      keyDestroyed: true,
    });
    expect(await count(t.db, 'records', 'person_id = $1', [applicant])).toBe(0);
    expect(await count(t.db, 'mentions', 'person_id = $1', [applicant])).toBe(0);
    expect(await count(t.db, 'documents', 'person_id = $1', [applicant])).toBe(0);
    expect(await count(t.db, 'person_lookup', 'person_id = $1', [applicant])).toBe(0);
    expect(
      await count(t.db, 'people', "id = $1 and erased_at is not null and profile = '\\x'::bytea", [
        applicant,
      ]),
    ).toBe(1);
    expect((await vaultOf(store).load([applicant])).get(applicant)).toBeNull();
    const tombstones = (await vaultOf(store).tombstonesSince(null)).map((x) => `${x.kind} ${x.id}`);
    expect(tombstones).toEqual(expect.arrayContaining([`person ${applicant}`, `record ${application}`]));
    expect(await findPeople(store, system, controllerId, 'email', 'p.winterbottom@example.invalid')).toEqual(
      [],
    );
    await expect(readPerson(store, system, applicant)).rejects.toThrow(NotFound);
    for (const action of ['erasure.execute', 'person.erase', 'person.key-destroy'])
      expect((await audits(t.db, action, 'allowed')).some((e) => e.person_id === applicant)).toBe(true);
  });

  it('reads back what was done once only the codes remain', async () => {
    const after = await readPlan(store, desk, plan.id);
    expect(after).toMatchObject({ status: 'executed', personErased: true, keyDestroyed: true });
    expect(after.items.map((i) => i.title).sort()).toEqual([
      'Anti-social behaviour case',
      'Call recording',
      'Housing application',
      'Personal details',
    ]);
    expect(after.recipients.map((r) => r.id)).toEqual([
      'local-authority',
      'dwp',
      'police',
      'contractors',
      'it-provider',
      'housing-ombudsman',
      // the routine returns (Art. 19: those who received it are told)
      'cabinet-office',
      'mhclg',
      'experian',
    ]);
  });
});

describe(`erasure when the key vault fails (${ENGINE})`, () => {
  it('commits the erasure, then finishes the vault steps when carried out again', async () => {
    const vault = new SqlKeyVault(t.db, store.keys);
    let failures = 1;
    const flaky: KeyVault = {
      create: (c, p) => vault.create(c, p),
      load: (p) => vault.load(p),
      destroy: (p, at) => vault.destroy(p, at),
      rewrap: () => vault.rewrap(),
      tombstonesSince: (since, page) => vault.tombstonesSince(since, page),
      addTombstones: (rows) =>
        failures-- > 0 ? Promise.reject(new Error('vault unreachable')) : vault.addTombstones(rows),
    };
    const shaky: Store = { ...store, vault: flaky };
    const gone = await createPerson(shaky, system, {
      controllerId,
      subjectTypes: ['visitor'],
      profile: { givenName: 'Fenella', familyName: 'Gorringe' },
    });
    const call = await createRecord(
      shaky,
      as('cctv'),
      record(gone, 'call-recording', { recordedAt: '2026-11-10T09:00:00Z' }),
    );
    const plan = await planErasure(shaky, desk, await erasureRequest(store, gone));
    await expect(executeErasure(shaky, desk, plan.id)).rejects.toThrow('vault unreachable');
    expect(await count(t.db, 'records', 'id = $1', [call])).toBe(0);
    expect((await readPlan(shaky, desk, plan.id)).keyDestroyed).toBe(false);
    const finished = await executeErasure(shaky, desk, plan.id);
    expect(finished).toMatchObject({ records: 0, personErased: true, keyDestroyed: true, tombstones: 2 });
    expect((await vault.load([gone])).get(gone)).toBeNull();
    await expect(executeErasure(shaky, desk, plan.id)).rejects.toMatchObject({ field: 'planId' });
  });
});

describe(`bad erasure input (${ENGINE})`, () => {
  it('names the field and the reason, and audits the refusal', async () => {
    await expect(planErasure(store, desk, 'not-an-id')).rejects.toMatchObject({ field: 'requestId' });
    await expect(planErasure(store, desk, randomUUID())).rejects.toThrow(NotFound);
    const { id } = await createRequest(store, system, {
      controllerId,
      personId: tenant,
      right: 'rectification',
      channel: 'email',
      receivedOn: '2026-11-20',
    });
    await expect(planErasure(store, desk, id)).rejects.toThrow(
      'requestId: is a request for rectification, not for erasure',
    );
    await expect(
      planErasure(
        store,
        { actor: stranger, purpose: 'subject-access', channel: 'web' },
        await erasureRequest(store, tenant),
      ),
    ).rejects.toThrow(AccessDenied);
    await expect(executeErasure(store, desk, randomUUID())).rejects.toThrow(NotFound);
    expect((await audits(t.db, 'erasure.plan', 'denied')).length).toBeGreaterThanOrEqual(4);
    expect((await audits(t.db, 'erasure.execute', 'denied')).length).toBeGreaterThanOrEqual(1);
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
