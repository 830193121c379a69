import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, OBJECTS_TO_DIRECT_MARKETING, type AccessRequest } from '../../src/access/decide.ts';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import type { Call, Store } from '../../src/records/store.ts';
import {
  listObjections,
  overrideObjection,
  recordObjection,
  withdrawObjection,
} from '../../src/rights/objection/index.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, count, manifest, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;

const desk: Call = { ...system, purpose: 'subject-access' };
const as = (purpose: string): Call => ({ ...system, purpose });
const caseworker: Call = {
  actor: { id: 'lettings-4', kind: 'staff', controllerId, roles: ['lettings-officer'] },
  purpose: 'lettings',
  channel: 'web',
};
const self = (personId: string, purpose = 'support'): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose,
  channel: 'portal',
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName: 'Odile', familyName: 'Objector', email: 'o.objector@example.invalid' },
  });
});
afterAll(async () => t?.close());

describe('the gate with objections', () => {
  const base: AccessRequest = {
    actor: system.actor,
    purpose: 'cctv',
    action: 'read',
    controllerId,
    personId: 'p',
    recordType: 'call-recording',
    now: new Date('2026-11-23T10:00:00Z'),
  };

  it('refuses an objected purpose, and every direct-marketing purpose after an objection to direct marketing', () => {
    expect(decide(manifest, { ...base, objections: ['cctv'] })).toMatchObject({
      allowed: false,
      reason: 'this person has objected to CCTV and call recording (Art. 21)',
    });
    expect(decide(manifest, { ...base, objections: ['support'] }).allowed).toBe(true);
    const newsletter = { ...base, purpose: 'newsletters', recordType: 'person' };
    expect(decide(manifest, { ...newsletter, objections: [OBJECTS_TO_DIRECT_MARKETING] }).allowed).toBe(
      false,
    );
    expect(decide(manifest, { ...base, objections: [OBJECTS_TO_DIRECT_MARKETING] }).allowed).toBe(true);
  });

  it('still lets people read their own data', () => {
    const own = { ...base, actor: self('p').actor, purpose: 'cctv', objections: ['cctv'] };
    expect(decide(manifest, own).allowed).toBe(true);
  });
});

describe(`objections (${ENGINE})`, () => {
  let support: string;

  it('stops processing on legitimate interests for that person at once', async () => {
    expect((await readPerson(store, as('support'), person)).profile.familyName).toBe('Objector');
    support = await recordObjection(store, desk, {
      personId: person,
      activityId: 'support',
      note: 'Does not want calls',
    });
    await expect(readPerson(store, as('support'), person)).rejects.toThrow(
      'this person has objected to Support for vulnerable customers (Art. 21)',
    );
    await expect(
      correct(store, as('support'), { personId: person, field: 'givenName', value: 'Odette', reason: 'x' }),
    ).rejects.toThrow(AccessDenied);
    expect((await readPerson(store, as('tenancy-management'), person)).profile.givenName).toBe('Odile');
    expect((await readPerson(store, self(person), person)).profile.givenName).toBe('Odile');
  });

  it('refuses an objection to processing that does not rest on legitimate interests or public task', async () => {
    const before = await count(t.db, 'objections');
    const error = await recordObjection(store, desk, { personId: person, activityId: 'lettings' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: 'activityId' });
    expect((error as InputError).reason).toMatch(/relies on contract and legal obligation.*does not apply/);
    await expect(
      recordObjection(store, desk, { personId: person, activityId: 'gardening' }),
    ).rejects.toMatchObject({
      field: 'activityId',
    });
    await expect(recordObjection(store, desk, { personId: person })).rejects.toMatchObject({
      field: 'activityId',
    });
    await expect(recordObjection(store, desk, { personId: person, activityId: 'support' })).rejects.toThrow(
      'already objects',
    );
    await expect(
      recordObjection(store, desk, { personId: person, activityId: 'cctv', receivedOn: '2027-01-01' }),
    ).rejects.toMatchObject({ field: 'receivedOn' });
    await expect(
      recordObjection(store, desk, { personId: randomUUID(), activityId: 'cctv' }),
    ).rejects.toThrow(NotFound);
    expect(await count(t.db, 'objections')).toBe(before);
    expect((await audits(t.db, 'objection.create', 'denied')).length).toBeGreaterThanOrEqual(6);
  });

  it('makes an objection to direct marketing absolute', async () => {
    const dm = await recordObjection(store, desk, { personId: person, directMarketing: true });
    await expect(readPerson(store, as('newsletters'), person)).rejects.toThrow(
      /objected to Newsletters and events/,
    );
    await expect(
      overrideObjection(store, caseworker, dm, { code: 'compelling-legitimate-grounds', grounds: 'x' }),
    ).rejects.toThrow(/absolute/);
    const one = await recordObjection(store, desk, { personId: person, activityId: 'newsletters' });
    await expect(
      overrideObjection(store, caseworker, one, { code: 'legal-claims', grounds: 'x' }),
    ).rejects.toThrow(/absolute/);
  });

  it('lets a member of staff record compelling legitimate grounds, which lets the processing go on', async () => {
    await expect(
      overrideObjection(store, desk, support, { code: 'compelling-legitimate-grounds', grounds: 'x' }),
    ).rejects.toThrow('a member of staff');
    await expect(
      overrideObjection(store, caseworker, support, { code: 'because' as never, grounds: 'x' }),
    ).rejects.toMatchObject({ field: 'code' });
    await expect(
      overrideObjection(store, caseworker, support, { code: 'compelling-legitimate-grounds', grounds: '' }),
    ).rejects.toMatchObject({ field: 'grounds' });
    await overrideObjection(store, caseworker, support, {
      code: 'compelling-legitimate-grounds',
      grounds: 'A safeguarding referral names an immediate risk to the tenant.',
    });
    expect((await readPerson(store, as('support'), person)).profile.familyName).toBe('Objector');
    const listed = await listObjections(store, desk, person);
    expect(listed.find((o) => o.id === support)).toMatchObject({
      status: 'overridden',
      overrideCode: 'compelling-legitimate-grounds',
      decidedBy: 'lettings-4',
      note: 'Does not want calls',
      grounds: 'A safeguarding referral names an immediate risk to the tenant.',
    });
  });

  it('lets the person withdraw their objection, and no one else’s', async () => {
    const cctv = await recordObjection(store, desk, { personId: person, activityId: 'cctv' });
    const other = await createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Otto', familyName: 'Other' },
    });
    // People use their rights under the rights purpose, as the portal calls them (ADR 10).
    const rights = (personId: string) => self(personId, 'subject-access');
    await expect(withdrawObjection(store, self(person), cctv)).rejects.toThrow(AccessDenied);
    await expect(withdrawObjection(store, rights(other), cctv)).rejects.toThrow(AccessDenied);
    await withdrawObjection(store, rights(person), cctv, { note: 'Changed my mind' });
    expect((await listObjections(store, desk, person)).find((o) => o.id === cctv)?.status).toBe('withdrawn');
    await expect(withdrawObjection(store, rights(person), cctv)).rejects.toThrow('already withdrawn');
  });

  it('seals what the person and the caseworker said', async () => {
    const rows = await t.db.query<{ words: Uint8Array }>('select words from objections');
    const all = Buffer.concat(rows.map((r) => Buffer.from(r.words))).toString('latin1');
    expect(all).not.toContain('safeguarding');
    expect(all).not.toContain('calls');
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
