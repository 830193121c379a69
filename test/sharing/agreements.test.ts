import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/records/errors.ts';
import type { Store } from '../../src/records/store.ts';
import {
  agreementsNeedingAttention,
  checkSharing,
  enterAgreement,
  findAgreement,
  listAgreements,
  renewAgreement,
  type AgreementView,
} from '../../src/sharing/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { CONTROLLER, dpo } from './fixture.ts';
import { sharingManifest } from './manifest.ts';

const manifest = sharingManifest();
let t: TestDb;
let store: Store;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
});
afterAll(() => t.close());

const denials = (action: string) =>
  t.db.query<{ reason: string }>(
    `select reason from audit_events where action = $1 and outcome = 'denied' order by seq`,
    [action],
  );

describe(`agreements held by the store (${ENGINE})`, () => {
  it('reads the manifest’s agreements with the scope in effect', async () => {
    const all = await listAgreements(store, CONTROLLER);
    expect(all.map((a) => a.id)).toEqual(['nfi-2026', 'core-dsa', 'rental-exchange-dsa']);
    const nfi = all[0]!;
    expect(nfi).toMatchObject({ recipientId: 'cabinet-office', source: 'manifest', expiresOn: '2027-12-31' });
    // No categories written: the NFI activity's categories are the scope.
    expect(nfi.scope.categories).toEqual(['identity', 'contact', 'household', 'tenancy', 'financial']);
    const core = all[1]!;
    expect(core.scope).toEqual({
      categories: ['identity', 'household', 'tenancy', 'financial'],
      activities: ['core-lettings'],
    });
  });

  it('enters an agreement, and renews its dates', async () => {
    const entered = await enterAgreement(store, dpo(), {
      controllerId: CONTROLLER,
      id: 'dwp-uc-portal',
      recipientId: 'dwp',
      type: 'data-sharing-agreement',
      reference: 'UC landlord portal trusted partner terms',
      startsOn: '2026-01-01',
      expiresOn: '2026-12-31',
      reviewOn: '2026-12-01',
      categories: ['identity', 'tenancy', 'financial'],
      activities: ['tenancy-management'],
    });
    expect(entered).toMatchObject({ source: 'entered', recipientName: 'Department for Work and Pensions' });
    const renewed = await renewAgreement(store, dpo(), CONTROLLER, 'dwp-uc-portal', {
      expiresOn: '2027-12-31',
      reviewOn: '2027-12-01',
    });
    expect(renewed).toMatchObject({
      startsOn: '2026-01-01',
      expiresOn: '2027-12-31',
      reviewOn: '2027-12-01',
    });
    expect((await findAgreement(store, CONTROLLER, 'dwp-uc-portal')).expiresOn).toBe('2027-12-31');
  });

  it.each([
    [{ id: 'Bad Id' }, 'id'],
    [{ recipientId: 'nobody' }, 'recipientId'],
    [{ type: 'handshake' }, 'type'],
    [{ categories: ['identity', 'shoe-size'] }, 'categories[1]'],
    [{ startsOn: '2026-02-30' }, 'startsOn'],
    [{ startsOn: '2026-06-01', expiresOn: '2026-01-01' }, 'expiresOn'],
    [{ id: 'core-dsa' }, 'id'],
  ])('refuses bad input %j, naming %s, and writes nothing', async (over, field) => {
    const before = (await listAgreements(store, CONTROLLER)).length;
    const input = {
      controllerId: CONTROLLER,
      id: 'x-agreement',
      recipientId: 'police',
      type: 'data-sharing-agreement',
      ...over,
    };
    await expect(enterAgreement(store, dpo(), input as never)).rejects.toMatchObject({ field });
    expect((await listAgreements(store, CONTROLLER)).length).toBe(before);
    expect((await denials('agreement.create')).at(-1)!.reason).toContain(field);
  });

  it('will not renew a manifest’s agreement in the store', async () => {
    await expect(
      renewAgreement(store, dpo(), CONTROLLER, 'core-dsa', { expiresOn: '2030-01-01' }),
    ).rejects.toThrow(InputError);
  });
});

describe('the sharing check', () => {
  let nfi: AgreementView;
  let rx: AgreementView;
  beforeAll(async () => {
    nfi = await findAgreement(store, CONTROLLER, 'nfi-2026');
    rx = await findAgreement(store, CONTROLLER, 'rental-exchange-dsa');
  });
  const ok = {
    recipientId: 'cabinet-office',
    activityId: 'national-fraud-initiative',
    categories: ['identity'],
    on: '2026-11-23',
  };

  it('allows sharing inside the agreement', () => {
    expect(checkSharing(manifest, nfi, ok)).toBeNull();
  });

  it('refuses after expiry and before the start, with the dates', () => {
    expect(
      checkSharing(manifest, rx, {
        ...ok,
        recipientId: 'experian',
        activityId: 'rental-exchange',
        on: '2027-01-02',
      }),
    ).toEqual({
      field: 'agreementId',
      reason: 'agreement rental-exchange-dsa expired on 2026-12-31, before 2027-01-02',
    });
    expect(checkSharing(manifest, nfi, { ...ok, on: '2025-12-31' })?.reason).toBe(
      'agreement nfi-2026 starts on 2026-01-01, after 2025-12-31',
    );
  });

  it('refuses another recipient, another purpose, or categories outside the scope', () => {
    expect(checkSharing(manifest, nfi, { ...ok, recipientId: 'police' })?.field).toBe('agreementId');
    expect(checkSharing(manifest, nfi, { ...ok, activityId: 'asb' })).toMatchObject({
      field: 'activityId',
      reason: expect.stringContaining('does not cover Anti-social behaviour'),
    });
    expect(checkSharing(manifest, nfi, { ...ok, categories: ['identity', 'health'] })).toEqual({
      field: 'categories',
      reason: 'agreement nfi-2026 does not cover health',
    });
  });

  it('lists agreements expired, expiring or due for review, most urgent first', async () => {
    const list = agreementsNeedingAttention(await listAgreements(store, CONTROLLER), '2026-11-23', 60);
    expect(list.map((a) => [a.agreementId, a.status, a.days])).toEqual([
      ['rental-exchange-dsa', 'review-due', 8],
      ['rental-exchange-dsa', 'expires-soon', 38],
      ['core-dsa', 'review-due', 53],
    ]);
    const later = agreementsNeedingAttention(await listAgreements(store, CONTROLLER), '2027-01-20', 30);
    expect(later.map((a) => [a.agreementId, a.status])).toEqual([
      ['rental-exchange-dsa', 'review-overdue'],
      ['rental-exchange-dsa', 'expired'],
      ['core-dsa', 'review-overdue'],
    ]);
  });
});
