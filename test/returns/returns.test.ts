import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import type { Store } from '../../src/records/store.ts';
import { generateReturn, listReturns, type ReturnRequest } from '../../src/returns/index.ts';
import { recordObjection } from '../../src/rights/objection/index.ts';
import { disclosuresAbout } from '../../src/sharing/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore, TEST_NOW } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, system, type Fixture } from '../sharing/fixture.ts';
import { sharingManifest } from '../sharing/manifest.ts';

const manifest = sharingManifest();
/** Custos making the return (as the CLI does); the purpose is the return's activity. */
const custos = system();
let t: TestDb;
let store: Store;
let f: Fixture;

const csv = (content: string) =>
  content
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
const req = (over: Partial<ReturnRequest>): ReturnRequest => ({
  controllerId: CONTROLLER,
  kind: 'nfi',
  from: '2026-04-01',
  to: '2026-11-23',
  approvedBy: 'dpo-1',
  ...over,
});
const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  f = await loadFixture(store);
  await recordObjection(store, system(), { personId: f.people.eve, activityId: 'rental-exchange' });
});
afterAll(() => t.close());

describe(`the NFI extract (${ENGINE})`, () => {
  it('lists tenants, completed purchases and the waiting list in three files, and logs each person', async () => {
    const r = await generateReturn(store, custos, req({}));
    expect(r).toMatchObject({
      recipientId: 'cabinet-office',
      agreementId: 'nfi-2026',
      people: 6,
      rows: 7,
      excluded: {},
    });
    const [tenants, rtb, waiting] = r.files.map((file) => csv(file.content));
    expect(tenants![0]!.slice(0, 3)).toEqual(['Tenant status flag', 'Surname', 'Forename(s)']);
    expect(tenants!.slice(1).map((row) => row[1])).toEqual([
      'Bought',
      'Objects',
      'Testwell',
      'Newlet',
      'Newlet',
    ]);
    const ada = tenants!.find((row) => row[1] === 'Testwell')!;
    const col = (name: string) => ada[tenants![0]!.indexOf(name)];
    expect([
      col('Date of birth'),
      col('National Insurance number'),
      col('Address line 1'),
      col('Postcode'),
    ]).toEqual(['01/05/1980', 'QQ123456A', '1 Acacia Road', 'BV1 1AA']);
    expect([col('Household size'), col('Right to buy application stage'), col('Tenancy start date')]).toEqual(
      ['1', 'admitted', '01/04/2015'],
    );
    const bo = tenants!.find((row) => row[2] === 'Bo')!;
    expect(bo[tenants![0]!.indexOf('Household size')]).toBe('3');
    expect(rtb!.slice(1).map((row) => [row[0], row.at(-2), row.at(-1)])).toEqual([
      ['Bought', '30/06/2026', '38000.00'],
    ]);
    expect(waiting!.slice(1).map((row) => row[1])).toEqual(['Fay']);

    const [logged] = await disclosuresAbout(store, dpo(), f.people.hal);
    expect(logged).toMatchObject({
      kind: 'routine',
      returnId: r.returnId,
      recipient: { id: 'cabinet-office' },
      agreementId: 'nfi-2026',
      basis: 'agreement',
      disclosedOn: '2026-11-23',
      approvedBy: 'dpo-1',
    });
    expect(logged!.categories.map((c) => c.id)).toEqual([
      'contact',
      'financial',
      'household',
      'identity',
      'tenancy',
    ]);
    const fay = await disclosuresAbout(store, dpo(), f.people.fay);
    expect(fay[0]!.categories.map((c) => c.id)).toEqual(['household', 'identity']);
    expect(await disclosuresAbout(store, dpo(), f.people.gus)).toEqual([]);
  });
});

describe(`the CORE lettings return (${ENGINE})`, () => {
  it('gives one row per new letting in CORE’s bulk upload columns', async () => {
    const r = await generateReturn(
      store,
      custos,
      req({ kind: 'core', from: '2026-10-01', to: '2026-10-31', coreOrganisation: 'ORG123' }),
    );
    expect(r).toMatchObject({ recipientId: 'mhclg', agreementId: 'core-dsa', people: 3, rows: 1 });
    const [header, row] = csv(r.files[0]!.content);
    expect(header).toHaveLength(129);
    const field = (n: number) => row![header!.indexOf(`field_${n}`)];
    expect([1, 2, 8, 9, 10, 13, 18, 19, 20, 21, 23, 24, 37].map(field)).toEqual([
      'ORG123',
      'ORG123',
      '5',
      '10',
      '2026',
      'T0002',
      '100000000002',
      'Flat 2',
      '3 Beech Court',
      'Brookvale',
      'BV2',
      '2BB',
      '1',
    ]);
    expect(field(14)).toBe(f.properties.beech);
    // Ages on the day the letting began: Bo (lead), Cy, and their daughter Dee.
    expect([42, 48, 52, 56].map(field)).toEqual(['36', '34', '8', '']);
    const dee = await disclosuresAbout(store, dpo(), f.people.dee);
    expect(dee.map((d) => [d.recipient.id, d.categories.map((c) => c.id)])).toEqual([
      ['mhclg', ['household', 'identity', 'tenancy']],
    ]);
  });
});

describe(`the Rental Exchange file (${ENGINE})`, () => {
  it('reports each tenant’s month, and leaves out the tenant who objected', async () => {
    const r = await generateReturn(
      store,
      custos,
      req({ kind: 'rental-exchange', from: '2026-10-01', to: '2026-11-23' }),
    );
    expect(r.excluded).toEqual({ objected: 1, 'no-rent-data': 3 });
    const [header, ...rows] = csv(r.files[0]!.content);
    const pick = (row: string[], names: string[]) => names.map((n) => row[header!.indexOf(n)]);
    const cols = [
      'Month',
      'Forename(s)',
      'Joint tenancy',
      'Rent due',
      'Rent paid',
      'Paid by housing benefit or Universal Credit',
      'Balance at month end',
      'In arrears',
    ];
    expect(rows.map((row) => pick(row, cols))).toEqual([
      ['2026-10', 'Ada', 'N', '480.00', '480.00', '0.00', '0.00', 'N'],
      ['2026-10', 'Bo', 'Y', '520.00', '520.00', '520.00', '0.00', 'N'],
      ['2026-10', 'Cy', 'Y', '520.00', '520.00', '520.00', '0.00', 'N'],
      ['2026-11', 'Ada', 'N', '480.00', '300.00', '300.00', '180.00', 'Y'],
    ]);
    expect(r.files[0]!.content).not.toContain('Objects');
    expect(await disclosuresAbout(store, dpo(), f.people.eve)).toHaveLength(1); // the NFI extract only
    const refused = await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = 'return.rental-exchange' and outcome = 'denied' and person_id = $1`,
      [f.people.eve],
    );
    expect(refused[0]!.reason).toContain('(Art. 21)');
  });

  it('lists the returns made, with counts and digests', async () => {
    const list = await listReturns(t.db, CONTROLLER);
    expect(list.map((x) => [x.kind, x.people, x.rows]).sort()).toEqual([
      ['core', 3, 1],
      ['nfi', 6, 7],
      ['rental-exchange', 3, 4],
    ]);
    expect(list[0]!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(`returns refused (${ENGINE})`, () => {
  const refused = async (s: Store, r: ReturnRequest, field: string, reason: string) => {
    const before = [await count('routine_returns'), await count('disclosures')];
    const error = await generateReturn(s, custos, r).catch((e: unknown) => e);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(reason);
    expect([await count('routine_returns'), await count('disclosures')]).toEqual(before);
  };

  it('after the agreement has expired, with the reason, audited', async () => {
    const later = testStore(t.db, manifest, new Date('2027-01-05T10:00:00Z'));
    await refused(
      later,
      req({ kind: 'rental-exchange', from: '2026-12-01', to: '2026-12-31' }),
      'agreementId',
      'agreement rental-exchange-dsa expired on 2026-12-31, before 2027-01-05',
    );
    const [denial] = await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = 'return.rental-exchange' and outcome = 'denied' and person_id is null order by seq desc limit 1`,
    );
    expect(denial!.reason).toContain('expired on 2026-12-31');
  });

  it.each<[string, Partial<ReturnRequest>, string, string]>([
    ['a period that ends in the future', { to: '2026-12-31' }, 'to', 'is in the future'],
    ['a period back to front', { from: '2026-11-01', to: '2026-10-01' }, 'from', 'is after the end'],
    ['a date that is not a date', { from: '2026-02-30' }, 'from', 'not a real date'],
    ['an unknown kind', { kind: 'census' as never }, 'kind', 'is not one of nfi, core, rental-exchange'],
    ['no approver', { approvedBy: '' }, 'approvedBy', 'is required'],
    [
      'a purpose no agreement covers',
      { activityId: 'tenancy-management' },
      'agreementId',
      'no agreement covers Managing your tenancy',
    ],
  ])('for %s', async (_, over, field, reason) => {
    await refused(store, req(over), field, reason);
  });

  it('when the manifest declares no activity for it', async () => {
    // The demo declares the returns' activities: take the NFI one away.
    const without = structuredClone(demoManifest());
    without.activities = without.activities.filter((x) => x.id !== 'national-fraud-initiative');
    const plain = testStore(t.db, without, TEST_NOW);
    await refused(
      plain,
      req({}),
      'activityId',
      '"national-fraud-initiative" is not an activity the manifest declares',
    );
  });

  it('when the gate refuses the actor: a whole return or none', async () => {
    const before = [await count('routine_returns'), await count('disclosures')];
    const error = await generateReturn(store, dpo(), req({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDenied);
    expect((error as Error).message).toContain(
      'none of your roles may read Personal details records for The National Fraud Initiative',
    );
    expect([await count('routine_returns'), await count('disclosures')]).toEqual(before);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
