/** The person's consent receipt: ISO/IEC TS 27560-shaped JSON, and the same in words (HTML and text). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentReceipt } from '../../src/consent/history.ts';
import { giveConsent, withdrawConsent } from '../../src/consent/ledger.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import { createPerson } from '../../src/records/people.ts';
import type { Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { controllerId, dpo, housing, manifest, portal } from './fixture.ts';

let t: TestDb;
let store: Store;
let person: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  person = await createPerson(store, housing, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName: 'Grace', familyName: 'Hopper' },
  });
  await giveConsent(store, dpo, {
    personId: person,
    activities: ['newsletters', 'support'],
    channel: 'in-person',
    method: 'signed-form',
    evidence: 'Form SF-12 signed at the estate office',
  });
  await withdrawConsent(store, portal(person), {
    personId: person,
    activities: ['newsletters'],
    channel: 'portal',
  });
});
afterAll(async () => t?.close());

describe(`the consent receipt (${ENGINE})`, () => {
  it('is shaped as ISO/IEC TS 27560: header, processing, parties and events', async () => {
    const { json } = await consentReceipt(store, portal(person), person);
    expect(json).toMatchObject({
      schema_version: expect.stringContaining('ISO/IEC TS 27560:2023'),
      receipt_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      pii_principal_id: person,
      jurisdiction: 'GB',
      authority_party: 'ico',
    });
    const [newsletters, support] = json.records;
    expect(newsletters).toMatchObject({
      consent_state: 'withdrawn',
      in_force: false,
      privacy_notice: { title: manifest.notice.title, version: '1.0', effective: '2026-11-01' },
      purposes: [
        {
          purpose_id: 'newsletters',
          lawful_basis: [{ id: 'consent', article: 'Article 6(1)(a)', dpv: 'eu-gdpr:A6-1-a' }],
          pii_controllers: [controllerId],
          withdrawal_method: 'Use the unsubscribe link, tell us in the resident portal, or call us.',
        },
      ],
    });
    expect(newsletters!.events.map((e) => [e.event_state, e.event_type, e.entity_role, e.channel])).toEqual([
      ['dpv:ConsentGiven', 'dpv:ExpressedConsent', 'dpv:DataSubject', 'in-person'],
      ['dpv:ConsentWithdrawn', 'dpv:ExpressedConsent', 'dpv:DataSubject', 'portal'],
    ]);
    expect(support).toMatchObject({ consent_state: 'given', in_force: true, expires_at: null });
    expect(support!.purposes[0]!.lawful_basis.map((b) => b.article)).toEqual(['Article 9(2)(a)']);
    expect(support!.purposes[0]!.pii_information).toEqual([
      expect.objectContaining({
        pii_type: 'Physical or mental health and disability',
        pii_type_dpv: ['pd:Health', 'pd:Disability'],
        special_pii_category: true,
        sensitive_pii_category: true,
      }),
    ]);
    expect(support!.events[0]!.event_type).toBe('dpv:ExplicitlyExpressedConsent');
    expect(json.party_identification.map((p) => [p.party_id, p.party_role])).toEqual([
      [controllerId, 'dpv:DataController'],
      ['ico', 'dpv:Authority'],
    ]);
  });

  it('says it in words, as HTML and as text', async () => {
    const { html, text } = await consentReceipt(store, portal(person), person);
    for (const out of [html, text]) {
      expect(out).toContain('Your consent choices');
      expect(out).toContain('Newsletters and events');
      expect(out).toContain('You withdrew your consent on 23 November 2026');
      expect(out).toContain('Tell your support worker, or use the resident portal.');
      expect(out).toContain('By signing a form, in person');
    }
    expect(html).toContain('<html lang="en-GB"');
    expect(text).not.toContain('<');
  });

  it('has the same id for the same records, and a new one when something changes', async () => {
    const a = (await consentReceipt(store, portal(person), person)).json.receipt_id;
    expect((await consentReceipt(store, dpo, person)).json.receipt_id).toBe(a);
    await giveConsent(store, portal(person), {
      personId: person,
      activities: ['newsletters'],
      channel: 'portal',
    });
    expect((await consentReceipt(store, portal(person), person)).json.receipt_id).not.toBe(a);
  });

  it('is given only to the person or to staff allowed to act for them', async () => {
    const other = await createPerson(store, housing, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Alun', familyName: 'Otherperson' },
    });
    await expect(consentReceipt(store, portal(other), person)).rejects.toThrow(AccessDenied);
    const denied = await t.db.query(
      `select 1 from audit_events where action = 'consent.receipt' and outcome = 'denied'`,
    );
    expect(denied.length).toBe(1);
  });

  it('refuses, with the field and an audit event, an id that is not a person id', async () => {
    for (const wrong of ['not-a-uuid', 'BV00000001'])
      await expect(consentReceipt(store, dpo, wrong)).rejects.toThrow(
        "personId: must be a person's id (a UUID), not a name or customer reference",
      );
    const denied = await t.db.query(
      `select 1 from audit_events where action = 'consent.receipt' and outcome = 'denied' and reason like '%a UUID%'`,
    );
    expect(denied.length).toBe(2);
  });
});
