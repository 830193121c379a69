import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { InputError } from '../../src/records/errors.ts';
import type { Store } from '../../src/records/store.ts';
import {
  addRepresentative,
  checkAuthority,
  readRepresentative,
  type NewRepresentative,
} from '../../src/rights/representatives/index.ts';
import { createRequest, readRequest, transition } from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, newPerson, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;
let daughter: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await newPerson(store);
  daughter = await newPerson(store, 'Perpetua', 'Quillfeather');
});
afterAll(() => t.close());

const solicitor = (over: Partial<NewRepresentative> = {}): NewRepresentative => ({
  controllerId,
  personId: person,
  agent: { name: 'Barnaby Threlkeld', organisation: 'Threlkeld & Co' },
  kind: 'solicitor',
  scope: ['access'],
  evidence: { kind: 'written-authority', reference: 'letter of 1 Nov, scanned as DOC-991' },
  startsOn: '2026-11-01',
  expiresOn: '2027-05-01',
  ...over,
});

describe(`authorised representatives (${ENGINE})`, () => {
  it('records an external representative with the name and evidence sealed, and reads it back', async () => {
    const id = await addRepresentative(store, system, solicitor());
    const [raw] = await t.db.query<{ agent_details: Uint8Array; evidence_ref: Uint8Array; scope: string[] }>(
      'select agent_details, evidence_ref, scope from rights_representatives where id = $1',
      [id],
    );
    expect(Buffer.from(raw!.agent_details).toString('latin1')).not.toContain('Threlkeld');
    expect(Buffer.from(raw!.evidence_ref).toString('latin1')).not.toContain('DOC-991');
    expect(raw!.scope).toEqual(['access']);
    const view = await readRepresentative(store, system, id);
    expect(view).toMatchObject({
      personId: person,
      agent: { name: 'Barnaby Threlkeld', organisation: 'Threlkeld & Co' },
      kind: 'solicitor',
      scope: ['access'],
      evidence: { kind: 'written-authority', reference: 'letter of 1 Nov, scanned as DOC-991' },
      startsOn: '2026-11-01',
      expiresOn: '2027-05-01',
    });
    expect(await audits(t.db, 'representative.create', 'allowed')).toHaveLength(1);
    expect(await audits(t.db, 'representative.read', 'allowed')).toHaveLength(1);
  });

  it('records a person on file acting for another (an attorney under an LPA, for all rights)', async () => {
    const id = await addRepresentative(store, system, {
      controllerId,
      personId: person,
      agent: { personId: daughter },
      kind: 'attorney',
      scope: ['all'],
      evidence: { kind: 'lasting-power-of-attorney', reference: 'OPG ref 7000-0000-0000' },
      startsOn: '2025-01-01',
    });
    expect((await readRepresentative(store, system, id)).agent).toEqual({ personId: daughter });
    for (const right of ['access', 'erasure', 'withdraw-consent'] as const)
      expect(await checkAuthority(store, id, person, right, '2026-11-23')).toEqual({ ok: true });
  });

  it('checks authority: scope, dates, evidence and the person', async () => {
    const id = await addRepresentative(store, system, solicitor());
    const noEvidence = await addRepresentative(store, system, solicitor({ evidence: null, kind: 'mp' }));
    expect(await checkAuthority(store, id, person, 'access', '2026-11-23')).toEqual({ ok: true });
    expect(await checkAuthority(store, id, person, 'access', '2027-05-01')).toEqual({ ok: true });
    expect(await checkAuthority(store, id, person, 'access', '2027-05-02')).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await checkAuthority(store, id, person, 'access', '2026-10-31')).toMatchObject({
      ok: false,
      reason: 'not-yet-valid',
    });
    expect(await checkAuthority(store, id, person, 'erasure', '2026-11-23')).toMatchObject({
      ok: false,
      reason: 'out-of-scope',
    });
    expect(await checkAuthority(store, noEvidence, person, 'access', '2026-11-23')).toMatchObject({
      ok: false,
      reason: 'no-evidence',
    });
    expect(await checkAuthority(store, id, daughter, 'access', '2026-11-23')).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    expect(
      await checkAuthority(store, '00000000-0000-4000-8000-000000000000', person, 'access', '2026-11-23'),
    ).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    expect(await checkAuthority(store, 'not-an-id', person, 'access', '2026-11-23')).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    await expect(checkAuthority(store, id, person, 'access', '23/11/2026')).rejects.toMatchObject({
      field: 'onDate',
    });
  });

  it('takes a request through a representative with authority, linked to them', async () => {
    const rep = await addRepresentative(store, system, solicitor());
    const created = await createRequest(store, system, {
      controllerId,
      personId: person,
      right: 'access',
      channel: 'representative',
      receivedOn: '2026-11-20',
      representativeId: rep,
    });
    expect(created).toMatchObject({ status: 'received', authority: { ok: true } });
    const view = await readRequest(store, system, created.id);
    expect(view.representativeId).toBe(rep);
    await transition(store, system, created.id, { to: 'in-progress' });
  });

  it('refuses a request through a representative without authority (no-authority), with the reason, audited', async () => {
    const rep = await addRepresentative(store, system, solicitor());
    const created = await createRequest(store, system, {
      controllerId,
      personId: person,
      right: 'erasure',
      channel: 'letter',
      receivedOn: '2026-11-20',
      representativeId: rep,
    });
    expect(created).toMatchObject({ status: 'refused', authority: { ok: false, reason: 'out-of-scope' } });
    const view = await readRequest(store, system, created.id);
    expect(view.status).toBe('refused');
    expect(view.refusalReason).toBe('no-authority');
    expect(view.events.map((e) => [e.from, e.to, e.reasonCode])).toEqual([
      [null, 'received', null],
      ['received', 'refused', 'no-authority'],
    ]);
    expect(view.events[1]!.reason).toContain('not the right of erasure');
    const trail = await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = 'rights-request.transition' and $1 = any(record_ids)`,
      [created.id],
    );
    expect(trail).toEqual([{ reason: 'received → refused (no-authority: out-of-scope)' }]);
    const expired = await addRepresentative(
      store,
      system,
      solicitor({ startsOn: '2025-01-01', expiresOn: '2025-12-31' }),
    );
    expect(
      await createRequest(store, system, {
        controllerId,
        personId: person,
        right: 'access',
        channel: 'representative',
        receivedOn: '2026-11-20',
        representativeId: expired,
      }),
    ).toMatchObject({ status: 'refused', authority: { reason: 'expired' } });
  });

  it('refuses a request naming a representative that is not recorded, writing nothing', async () => {
    const before = await count(t.db, 'rights_requests');
    await expect(
      createRequest(store, system, {
        controllerId,
        personId: person,
        right: 'access',
        channel: 'representative',
        receivedOn: '2026-11-20',
        representativeId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toThrow(/representativeId/);
    expect(await count(t.db, 'rights_requests')).toBe(before);
  });

  const bad: [string, Partial<NewRepresentative>, string][] = [
    ['an unknown kind', { kind: 'neighbour' as never }, 'kind'],
    ['an empty scope', { scope: [] }, 'scope'],
    ['a scope naming no right', { scope: ['everything' as never] }, 'scope[0]'],
    ['an unknown evidence kind', { evidence: { kind: 'hunch' as never, reference: 'x' } }, 'evidence.kind'],
    [
      'evidence without a reference',
      { evidence: { kind: 'court-order', reference: '' } },
      'evidence.reference',
    ],
    ['an unparsable start', { startsOn: 'soon' }, 'startsOn'],
    ['an expiry before the start', { expiresOn: '2026-10-01' }, 'expiresOn'],
    ['an external agent without a name', { agent: { name: '' } }, 'agent.name'],
    ['a person representing themself', { agent: { personId: '' } }, 'agent.personId'],
  ];
  for (const [what, over, field] of bad) {
    it(`refuses ${what}, naming ${field}, writing nothing and auditing the denial`, async () => {
      const input = solicitor(over);
      if (field === 'agent.personId') input.agent = { personId: person };
      const before = await count(t.db, 'rights_representatives');
      const denials = (await audits(t.db, 'representative.create', 'denied')).length;
      const error = await addRepresentative(store, system, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
      expect(await count(t.db, 'rights_representatives')).toBe(before);
      expect(await audits(t.db, 'representative.create', 'denied')).toHaveLength(denials + 1);
    });
  }

  it('refuses an unknown represented person', async () => {
    await expect(
      addRepresentative(store, system, solicitor({ personId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toThrow(/personId/);
    await expect(
      addRepresentative(
        store,
        system,
        solicitor({ agent: { personId: '00000000-0000-4000-8000-000000000001' } }),
      ),
    ).rejects.toThrow(/agent\.personId/);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
