/**
 * The consent ledger against a real database: giving, withdrawing (at once, through the gate),
 * refusing, lapsing, consent given for someone by a representative, and every bad input refused
 * with nothing written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentHistory } from '../../src/consent/history.ts';
import { giveConsent, lapseConsents, refuseConsent, withdrawConsent } from '../../src/consent/ledger.ts';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied, InputError } from '../../src/records/errors.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import type { Store } from '../../src/records/store.ts';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { TEST_NOW, testStore } from '../support/store.ts';
import { comms, controllerId, dpo, housing, manifest, portal } from './fixture.ts';

let t: TestDb;
let store: Store;
let tenant: string;
let applicant: string;

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const audits = (action: string, outcome: string) =>
  t.db.query<{ reason: string | null }>(
    'select reason from audit_events where action = $1 and outcome = $2 order by seq',
    [action, outcome],
  );
const give = (personId: string, extra: object = {}) =>
  giveConsent(store, dpo, {
    personId,
    activities: ['newsletters'],
    channel: 'letter',
    evidence: 'Signed form NL-0042',
    ...extra,
  });

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  const person = (familyName: string, subjectTypes: string[]) =>
    createPerson(store, housing, {
      controllerId,
      subjectTypes,
      profile: { givenName: 'Ada', familyName, email: `${familyName.toLowerCase()}@example.invalid` },
    });
  tenant = await person('Lovecroft', ['tenant']);
  applicant = await person('Byron', ['applicant']);
});
afterAll(async () => t?.close());

describe(`the consent ledger (${ENGINE})`, () => {
  it('lets processing that rests on consent go on only while consent is given, and stops it at once when withdrawn', async () => {
    await expect(readPerson(store, comms, tenant)).rejects.toThrow(
      'this person has not given consent to Newsletters and events',
    );
    const [id] = await give(tenant);
    expect((await readPerson(store, comms, tenant)).profile).toEqual({
      givenName: 'Ada',
      familyName: 'Lovecroft',
      email: 'lovecroft@example.invalid',
    });

    // The person withdraws in the portal with no more than they would need to give it.
    const [same] = await withdrawConsent(store, portal(tenant), {
      personId: tenant,
      activities: ['newsletters'],
      channel: 'portal',
    });
    expect(same).toBe(id);
    await expect(readPerson(store, comms, tenant)).rejects.toThrow(AccessDenied);

    const [history] = await consentHistory(store, portal(tenant), tenant);
    expect(history).toMatchObject({ activityId: 'newsletters', state: 'withdrawn', inForce: false });
    expect(history!.events.map((e) => [e.n, e.state, e.channel, e.method, e.expressedBy])).toEqual([
      [1, 'given', 'letter', 'signed-form', 'subject'],
      [2, 'withdrawn', 'portal', 'portal-toggle', 'subject'],
    ]);
    expect(history!.events[0]).toMatchObject({
      noticeVersion: manifest.notice.version,
      language: 'en',
      recordedBy: 'dpo-1',
      words: { evidence: 'Signed form NL-0042', note: null, onBehalf: null },
    });
    expect((await audits('consent.give', 'allowed'))[0]!.reason).toBe('newsletters given');
    expect((await audits('consent.withdraw', 'allowed'))[0]!.reason).toBe('newsletters withdrawn');
    expect((await audits('person.read', 'denied')).map((a) => a.reason)).toContain(
      'this person has not given consent to Newsletters and events, or has withdrawn it (Art. 7)',
    );
  });

  it('records consent given again as a new event on the same record', async () => {
    await giveConsent(store, portal(tenant), {
      personId: tenant,
      activities: ['newsletters'],
      channel: 'portal',
    });
    const [history] = await consentHistory(store, dpo, tenant);
    expect(history!.events.map((e) => e.state)).toEqual(['given', 'withdrawn', 'given']);
    expect((await readPerson(store, comms, tenant)).profile.email).toBe('lovecroft@example.invalid');
  });

  it('refuses consent for an undeclared purpose, one not on consent, and every other bad input, changing nothing', async () => {
    const before = [await count('consent_records'), await count('consent_events')];
    const denied = (await audits('consent.give', 'denied')).length;
    const cases: [object, string][] = [
      [{ activities: ['gardening-club'] }, 'activities'],
      [{ activities: ['lettings'] }, 'activities'],
      [{ activities: [] }, 'activities'],
      [{ activities: ['newsletters', 'newsletters'] }, 'activities'],
      [{ noticeVersion: '9.9' }, 'noticeVersion'],
      [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ expiresAt: 'soon' }, 'expiresAt'],
      [{ evidence: undefined }, 'evidence'],
      [{ channel: 'carrier-pigeon' }, 'channel'],
      [{ method: 'telepathy' }, 'method'],
      [{ language: 'English!' }, 'language'],
      [{ onBehalf: { kind: 'carer', name: 'Sam' } }, 'onBehalf.authority'],
      [{ personId: 'not-an-id' }, 'personId'],
    ];
    for (const [change, field] of cases) {
      const error = await give(applicant, change).catch((e: unknown) => e);
      expect(error, JSON.stringify(change)).toBeInstanceOf(InputError);
      expect((error as InputError).field, JSON.stringify(change)).toBe(field);
    }
    const lettings = await give(applicant, { activities: ['lettings'] }).catch((e: InputError) => e.reason);
    expect(lettings).toBe(
      'Applications and lettings relies on contract and legal obligation, not on consent: consent to it cannot be given or withdrawn',
    );
    // The applicant is not someone newsletters are declared for.
    await expect(give(applicant)).rejects.toThrow('is declared for tenant, and this person is none of them');
    await expect(
      withdrawConsent(store, dpo, { personId: applicant, activities: ['newsletters'], channel: 'phone' }),
    ).rejects.toThrow('there is no consent in force to withdraw (it has never been given)');
    await expect(
      refuseConsent(store, dpo, { personId: tenant, activities: ['newsletters'], channel: 'phone' }),
    ).rejects.toThrow('record that it is withdrawn instead');
    await expect(give(randomUUID())).rejects.toThrow('was not found');
    expect([await count('consent_records'), await count('consent_events')]).toEqual(before);
    expect((await audits('consent.give', 'denied')).length).toBe(denied + cases.length + 3);
  });

  it('lets people act only for themselves in the portal, and staff only with a purpose that allows it', async () => {
    const before = await count('consent_events');
    await expect(
      giveConsent(store, portal(applicant), { personId: tenant, activities: ['support'], channel: 'portal' }),
    ).rejects.toThrow(AccessDenied);
    await expect(
      giveConsent(store, portal(tenant), {
        personId: tenant,
        activities: ['support'],
        channel: 'portal',
        onBehalf: { kind: 'carer', name: 'Sam Carer', authority: 'says so' },
      }),
    ).rejects.toThrow(AccessDenied);
    // The communications officer may not act on a person's details for rights work.
    await expect(
      giveConsent(
        store,
        { ...comms, purpose: 'subject-access' },
        {
          personId: tenant,
          activities: ['support'],
          channel: 'phone',
          evidence: 'call 7',
        },
      ),
    ).rejects.toThrow(AccessDenied);
    expect(await count('consent_events')).toBe(before);
  });

  it('records consent given for someone by a registered representative, within their authority', async () => {
    const scoped = (scope: string[]) =>
      addRepresentative(
        store,
        { ...housing, purpose: 'subject-access' },
        {
          controllerId,
          personId: tenant,
          agent: { name: 'Priya Advocate', organisation: 'Brookvale Advocacy' },
          kind: 'advocate',
          scope: scope as never,
          evidence: { kind: 'written-authority', reference: 'AUTH-9' },
          startsOn: '2026-01-01',
        },
      );
    const narrow = await scoped(['access']);
    await expect(
      give(tenant, { activities: ['support'], onBehalf: { representativeId: narrow } }),
    ).rejects.toMatchObject({ field: 'onBehalf.representativeId' });
    const advocate = await scoped(['withdraw-consent']);
    await give(tenant, { activities: ['support'], onBehalf: { representativeId: advocate } });
    const support = (await consentHistory(store, dpo, tenant)).find((c) => c.activityId === 'support')!;
    expect(support.events[0]).toMatchObject({
      state: 'given',
      expressedBy: 'representative',
      representativeId: advocate,
      explicit: true,
    });
  });

  it('records consent given by a carer who is not on the register as such, their name sealed', async () => {
    const household = await createPerson(store, housing, {
      controllerId,
      subjectTypes: ['household-member'],
      profile: { givenName: 'Min', familyName: 'Lee' },
    });
    await give(household, {
      activities: ['support'],
      onBehalf: {
        kind: 'carer',
        name: 'Zofia Carewell',
        authority: 'Main carer; lasting power of attorney seen',
      },
    });
    const [c] = await consentHistory(store, dpo, household);
    expect(c!.events[0]).toMatchObject({
      expressedBy: 'representative',
      representativeId: null,
      words: { onBehalf: { kind: 'carer', name: 'Zofia Carewell' } },
    });
    const raw = await t.db.query<{ words: Uint8Array }>(
      'select e.words from consent_events e join consent_records c on c.id = e.record_id where c.person_id = $1',
      [household],
    );
    expect(Buffer.from(raw[0]!.words).toString('latin1')).not.toContain('Zofia');
  });

  it('treats consent as lapsed at its agreed end, and marks it expired in the history', async () => {
    const person = await createPerson(store, housing, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Eve', familyName: 'Short' },
    });
    const end = new Date(TEST_NOW.getTime() + 60 * 60 * 1000);
    await give(person, { expiresAt: end.toISOString() });
    expect((await readPerson(store, comms, person)).profile.givenName).toBe('Eve');
    const afterwards = testStore(t.db, manifest, new Date(end.getTime() + 1000));
    afterwards.keys = store.keys;
    await expect(readPerson(afterwards, comms, person)).rejects.toThrow(AccessDenied);
    expect((await consentHistory(afterwards, dpo, person))[0]).toMatchObject({
      status: 'given',
      state: 'expired',
    });
    expect(await lapseConsents(afterwards, controllerId)).toBe(1);
    expect(await lapseConsents(afterwards, controllerId)).toBe(0);
    const [c] = await consentHistory(afterwards, dpo, person);
    expect(c!.events.map((e) => [e.state, e.expressedBy, e.channel])).toEqual([
      ['given', 'subject', 'letter'],
      ['expired', 'controller', 'system'],
    ]);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
