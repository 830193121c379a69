import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import {
  disclosureLog,
  disclosurePurpose,
  disclosuresAbout,
  enterAgreement,
  recordDisclosure,
  type NewDisclosure,
} from '../../src/sharing/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, system, type Fixture } from './fixture.ts';
import { sharingManifest } from './manifest.ts';

let t: TestDb;
let store: Store;
let f: Fixture;
let mp: string;
let mpWithoutEvidence: string;
let councillorExpired: string;

const portal = (personId: string): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId: CONTROLLER, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, sharingManifest());
  f = await loadFixture(store);
  const rep = (kind: 'mp' | 'councillor', over: object) =>
    addRepresentative(store, system(), {
      controllerId: CONTROLLER,
      personId: f.people.ada,
      agent: { name: 'A. Member', organisation: 'House of Commons' },
      kind,
      scope: ['access'],
      evidence: { kind: 'written-authority', reference: 'consent form on file' },
      startsOn: '2026-10-01',
      ...over,
    });
  mp = await rep('mp', {});
  mpWithoutEvidence = await rep('mp', { evidence: null });
  councillorExpired = await rep('councillor', { expiresOn: '2026-10-31' });
  await enterAgreement(store, dpo(), {
    controllerId: CONTROLLER,
    id: 'dwp-uc-portal',
    recipientId: 'dwp',
    type: 'data-sharing-agreement',
    startsOn: '2026-01-01',
    expiresOn: '2027-12-31',
    categories: ['identity', 'tenancy', 'financial'],
    activities: ['tenancy-management'],
  });
  await enterAgreement(store, dpo(), {
    controllerId: CONTROLLER,
    id: 'council-old',
    recipientId: 'local-authority',
    type: 'data-sharing-agreement',
    startsOn: '2020-01-01',
    expiresOn: '2025-12-31',
    activities: ['tenancy-management'],
  });
});
afterAll(() => t.close());

const police = (over: Partial<NewDisclosure> = {}): NewDisclosure => ({
  personId: f.people.ada,
  basis: 'crime-and-taxation',
  recipientId: 'police',
  recipientName: 'Brookvale Police, Safer Neighbourhoods',
  activityId: 'asb',
  categories: ['identity', 'contact'],
  reference: 'DP2/2026/4471',
  reasons: 'Needed to trace a suspect in an assault; asking the person would tip them off',
  description: 'Name, date of birth and phone number',
  approvedBy: 'dpo-1',
  ...over,
});

const count = async (personId: string) =>
  (
    await t.db.query<{ n: number }>('select count(*)::int as n from disclosures where person_id = $1', [
      personId,
    ])
  )[0]!.n;

const lastDenial = async () =>
  (
    await t.db.query<{ reason: string; person_id: string | null }>(
      `select reason, person_id from audit_events where action = 'disclosure.create' and outcome = 'denied' order by seq desc limit 1`,
    )
  )[0]!;

describe(`the disclosure log (${ENGINE})`, () => {
  it('logs a police request under the crime and taxation exemption, its words sealed', async () => {
    const id = await recordDisclosure(
      store,
      dpo(),
      police({ disclosedOn: '2026-11-20', withholdFromSubject: true }),
    );
    const [raw] = await t.db.query<{ words: Uint8Array; basis: string; categories: string[] }>(
      'select words, basis, categories from disclosures where id = $1',
      [id],
    );
    expect(raw!.basis).toBe('crime-and-taxation');
    expect(raw!.categories).toEqual(['identity', 'contact']);
    expect(Buffer.from(raw!.words).toString('latin1')).not.toContain('DP2/2026');
    const [view] = await disclosuresAbout(store, dpo(), f.people.ada);
    expect(view).toMatchObject({
      id,
      kind: 'ad-hoc',
      disclosedOn: '2026-11-20',
      recipient: { id: 'police', name: 'Brookvale Police, Safer Neighbourhoods', kind: 'public-authority' },
      law: 'Data Protection Act 2018, Schedule 2, paragraph 2 (crime and taxation)',
      reference: 'DP2/2026/4471',
      approvedBy: 'dpo-1',
      withheldFromSubject: true,
      categories: [
        { id: 'identity', name: 'Name, date of birth and identifiers' },
        { id: 'contact', name: 'Contact details' },
      ],
    });
  });

  it('audits a disclosure under the purpose it serves, never the DPO’s own (subject access)', async () => {
    const purposeOf = async (id: string) =>
      (
        await t.db.query<{ purpose: string | null }>(
          `select purpose from audit_events where action = 'disclosure.create' and $1::uuid = any(record_ids)`,
          [id],
        )
      )[0]!.purpose;
    expect(dpo().purpose).toBe('subject-access');
    // Another person, and another month, than the log's checks below read.
    const hal = f.people.hal;
    expect(
      await purposeOf(
        await recordDisclosure(store, dpo(), police({ personId: hal, disclosedOn: '2026-10-15' })),
      ),
    ).toBe('asb');
    // Only tenancy management shares with DWP: the recipient alone tells what it served.
    const dwp = police({
      personId: hal,
      basis: 'required-by-law',
      recipientId: 'dwp',
      activityId: undefined,
      disclosedOn: '2026-10-15',
    });
    expect(await purposeOf(await recordDisclosure(store, dpo(), dwp))).toBe('tenancy-management');
    const manifest = sharingManifest();
    expect(disclosurePurpose(manifest, 'police', undefined)).toBeUndefined();
    expect(disclosurePurpose(manifest, 'police', 'cctv')).toBe('cctv');
  });

  it('logs DWP under an agreement in force, and an MP acting for the person with authority', async () => {
    await recordDisclosure(store, dpo(), {
      personId: f.people.ada,
      basis: 'agreement',
      agreementId: 'dwp-uc-portal',
      recipientId: 'dwp',
      activityId: 'tenancy-management',
      categories: ['tenancy', 'financial'],
      approvedBy: 'income-lead-2',
    });
    await recordDisclosure(store, dpo(), {
      personId: f.people.ada,
      basis: 'acting-for-the-person',
      representativeId: mp,
      categories: ['tenancy'],
      description: 'Repairs history for the MP’s enquiry',
      approvedBy: 'dpo-1',
    });
    const staff = await disclosuresAbout(store, dpo(), f.people.ada);
    expect(staff.map((d) => [d.basis, d.recipient.kind])).toEqual([
      ['crime-and-taxation', 'public-authority'],
      ['agreement', 'public-authority'],
      ['acting-for-the-person', 'mp'],
    ]);
    // The person sees their log without the withheld police request, staff names or reasons.
    const own = await disclosuresAbout(store, portal(f.people.ada), f.people.ada);
    expect(own.map((d) => d.basis)).toEqual(['agreement', 'acting-for-the-person']);
    expect(own[1]).toMatchObject({ recipient: { name: 'Your Member of Parliament, acting for you' } });
    expect(own[0]).not.toHaveProperty('approvedBy');
    expect(own[0]).not.toHaveProperty('reasons');
  });

  it.each<[string, Partial<NewDisclosure>, string, string]>([
    ['no basis', { basis: undefined }, 'basis', 'is required'],
    ['an unknown basis', { basis: 'because' as never }, 'basis', 'is not one of'],
    ['no reference for the police', { reference: undefined }, 'reference', 'is required'],
    ['no approver', { approvedBy: ' ' }, 'approvedBy', 'is required'],
    [
      'an undeclared recipient',
      { recipientId: 'newspaper' },
      'recipientId',
      'not a recipient the manifest declares',
    ],
    ['a day in the future', { disclosedOn: '2026-12-01' }, 'disclosedOn', 'is in the future'],
    ['an undeclared category', { categories: ['shoe-size'] }, 'categories[0]', 'not a category'],
    ['no categories', { categories: [] }, 'categories', 'at least one'],
    [
      'an expired agreement',
      {
        basis: 'agreement',
        agreementId: 'council-old',
        recipientId: 'local-authority',
        activityId: 'tenancy-management',
        categories: ['tenancy'],
      },
      'agreementId',
      'agreement council-old expired on 2025-12-31, before 2026-11-23',
    ],
    [
      'sharing outside the agreement’s categories',
      {
        basis: 'agreement',
        agreementId: 'dwp-uc-portal',
        recipientId: 'dwp',
        activityId: 'tenancy-management',
        categories: ['contact'],
      },
      'categories',
      'agreement dwp-uc-portal does not cover contact',
    ],
    [
      'an agreement for another recipient',
      { basis: 'agreement', agreementId: 'dwp-uc-portal', activityId: 'tenancy-management' },
      'agreementId',
      'is with Department for Work and Pensions',
    ],
    [
      'withholding without the crime exemption',
      { basis: 'required-by-law', withholdFromSubject: true },
      'withholdFromSubject',
      'Sch. 2 para 2',
    ],
  ])('refuses %s: clear reason, nothing written, audited on the person', async (_, over, field, reason) => {
    const before = await count(f.people.ada);
    const error = await recordDisclosure(store, dpo(), police(over)).catch((e: unknown) => e);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(reason);
    expect(await count(f.people.ada)).toBe(before);
    const denial = await lastDenial();
    expect(denial.reason).toContain(field);
    expect(denial.person_id).toBe(f.people.ada);
  });

  it.each([
    ['without evidence', () => mpWithoutEvidence, 'no evidence of the authority to act is recorded'],
    [
      'whose authority expired',
      () => councillorExpired,
      'the authority expired on 2026-10-31, before 2026-11-23',
    ],
    ['for someone else', () => mp, 'no such representative is recorded for this person'],
  ])('refuses an MP or councillor %s', async (_, rep, detail) => {
    const person = detail.includes('no such') ? f.people.eve : f.people.ada;
    const before = await count(person);
    await expect(
      recordDisclosure(store, dpo(), {
        personId: person,
        basis: 'acting-for-the-person',
        representativeId: rep(),
        categories: ['tenancy'],
        approvedBy: 'dpo-1',
      }),
    ).rejects.toMatchObject({
      field: 'representativeId',
      reason: `no authority to act for this person: ${detail}`,
    });
    expect(await count(person)).toBe(before);
  });

  it('refuses an actor who may not see the person, and audits it', async () => {
    const stranger: Call = {
      actor: { id: 'repairs-9', kind: 'staff', controllerId: CONTROLLER, roles: ['repairs-coordinator'] },
      purpose: 'asb',
      channel: 'web',
    };
    await expect(recordDisclosure(store, stranger, police())).rejects.toThrow(AccessDenied);
    await expect(disclosuresAbout(store, stranger, f.people.ada)).rejects.toThrow(AccessDenied);
    const denied = await t.db.query<{ action: string }>(
      `select action from audit_events where actor = 'repairs-9' and outcome = 'denied' and person_id = $1`,
      [f.people.ada],
    );
    expect(denied.map((d) => d.action).sort()).toEqual(['disclosure.create', 'disclosure.read']);
  });

  it('gives the DPO a log by date, and keeps the audit chain intact', async () => {
    const log = await disclosureLog(store, CONTROLLER, { from: '2026-11-01', to: '2026-11-30' });
    expect(log).toHaveLength(3);
    expect(log.every((l) => l.personId === f.people.ada)).toBe(true);
    // The agreement as people know it (its type; it was entered without a reference), not its id.
    const underAgreement = log.find((l) => l.agreementId === 'dwp-uc-portal');
    expect(underAgreement?.agreementName).toBe('Data sharing agreement');
    expect(log.filter((l) => !l.agreementId).every((l) => l.agreementName === null)).toBe(true);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
