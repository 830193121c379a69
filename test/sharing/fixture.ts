/**
 * A small synthetic landlord on the sharing manifest, as of TEST_NOW (2026-11-23), whose returns
 * are known by construction. Every name and number is made up.
 *
 *  - Ada: sole tenant of 1 Acacia Road since 2015, right to buy in progress (admitted), rent paid
 *    in October, part-paid by Universal Credit in November.
 *  - Bo and Cy: joint tenants of Flat 2, 3 Beech Court from 2026-10-05 (a new letting), with
 *    their daughter Dee (born 2018); rent charged and paid by housing benefit in October.
 *  - Eve: sole tenant of 5 Cedar Way since 2012; objects to the Rental Exchange (set in the tests).
 *  - Fay: applicant on the waiting list (pending). Gus: applicant, declined in May 2026.
 *  - Hal: former tenant of 7 Damson Close, who bought it under the right to buy on 2026-06-30.
 */
import { randomUUID } from 'node:crypto';
import { writeBatch, type BatchRecord } from '../../src/records/batch.ts';
import type { Call, Store } from '../../src/records/store.ts';

export const CONTROLLER = 'brookvale-homes';

export const system = (purpose = 'subject-access'): Call => ({
  actor: { id: 'test-loader', kind: 'system', controllerId: CONTROLLER, roles: [] },
  purpose,
  channel: 'system',
});

export const dpo = (purpose = 'subject-access'): Call => ({
  actor: { id: 'dpo-1', kind: 'staff', controllerId: CONTROLLER, roles: ['data-protection-officer'] },
  purpose,
  channel: 'cli',
});

export const NAMES = ['ada', 'bo', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal'] as const;
export type Name = (typeof NAMES)[number];

export interface Fixture {
  people: Record<Name, string>;
  properties: Record<'acacia' | 'beech' | 'cedar' | 'damson', string>;
  tenancies: Record<'ada' | 'newLetting' | 'eve' | 'hal', string>;
}

const profile = (
  givenName: string,
  familyName: string,
  dateOfBirth: string,
  extra: Record<string, string> = {},
) => ({ givenName, familyName, dateOfBirth, ...extra });

const rent = (
  personId: string,
  postedOn: string,
  kind: string,
  amount: number,
  balanceAfter: number,
  method?: string,
): BatchRecord => ({
  personId,
  recordType: 'rent-transaction',
  payload: { postedOn, kind, amount, balanceAfter, ...(method && { method }) },
  patch: 'north',
});

export async function loadFixture(store: Store): Promise<Fixture> {
  const people = Object.fromEntries(NAMES.map((n) => [n, randomUUID()])) as Fixture['people'];
  const properties = {
    acacia: randomUUID(),
    beech: randomUUID(),
    cedar: randomUUID(),
    damson: randomUUID(),
  };
  const homes = { ada: randomUUID(), beech: randomUUID(), eve: randomUUID(), hal: randomUUID() };
  const tenancies = { ada: randomUUID(), newLetting: randomUUID(), eve: randomUUID(), hal: randomUUID() };
  const p = people;
  await writeBatch(store, system(), {
    controllerId: CONTROLLER,
    people: [
      {
        id: p.ada,
        subjectTypes: ['tenant'],
        profile: profile('Ada', 'Testwell', '1980-05-01', {
          title: 'Ms',
          niNumber: 'QQ123456A',
          customerRef: 'T0001',
          phone: '07700 900001',
          email: 'ada@example.invalid',
          address: '1 Acacia Road, Brookvale',
          postcode: 'BV1 1AA',
        }),
      },
      {
        id: p.bo,
        subjectTypes: ['tenant'],
        profile: profile('Bo', 'Newlet', '1990-02-10', { customerRef: 'T0002' }),
      },
      {
        id: p.cy,
        subjectTypes: ['tenant'],
        profile: profile('Cy', 'Newlet', '1992-07-20', { customerRef: 'T0003' }),
      },
      { id: p.dee, subjectTypes: ['household-member'], profile: profile('Dee', 'Newlet', '2018-03-03') },
      {
        id: p.eve,
        subjectTypes: ['tenant'],
        profile: profile('Eve', 'Objects', '1975-12-12', { customerRef: 'T0004' }),
      },
      { id: p.fay, subjectTypes: ['applicant'], profile: profile('Fay', 'Waiting', '1999-09-09') },
      { id: p.gus, subjectTypes: ['applicant'], profile: profile('Gus', 'Declined', '1985-01-15') },
      {
        id: p.hal,
        subjectTypes: ['tenant'],
        profile: profile('Hal', 'Bought', '1960-01-01', { customerRef: 'T0005' }),
      },
    ],
    properties: [
      {
        id: properties.acacia,
        uprn: '100000000001',
        address: '1 Acacia Road, Brookvale',
        postcode: 'BV1 1AA',
        patch: 'north',
      },
      {
        id: properties.beech,
        uprn: '100000000002',
        address: 'Flat 2, 3 Beech Court, Brookvale',
        postcode: 'BV2 2BB',
        patch: 'south',
      },
      { id: properties.cedar, address: '5 Cedar Way, Brookvale', postcode: 'BV3 3CC', patch: 'north' },
      { id: properties.damson, address: '7 Damson Close, Brookvale', postcode: 'BV4 4DD', patch: 'north' },
    ],
    households: [
      {
        id: homes.ada,
        propertyId: properties.acacia,
        members: [{ personId: p.ada, relationship: 'sole-tenant', startedOn: '2015-04-01' }],
      },
      {
        id: homes.beech,
        propertyId: properties.beech,
        members: [
          { personId: p.bo, relationship: 'joint-tenant', startedOn: '2026-10-05' },
          { personId: p.cy, relationship: 'joint-tenant', startedOn: '2026-10-05' },
          { personId: p.dee, relationship: 'child', startedOn: '2026-10-05' },
        ],
      },
      {
        id: homes.eve,
        propertyId: properties.cedar,
        members: [{ personId: p.eve, relationship: 'sole-tenant', startedOn: '2012-01-01' }],
      },
      {
        id: homes.hal,
        propertyId: properties.damson,
        members: [
          { personId: p.hal, relationship: 'sole-tenant', startedOn: '2000-01-01', endedOn: '2026-06-30' },
        ],
      },
    ],
    tenancies: [
      {
        id: tenancies.ada,
        householdId: homes.ada,
        propertyId: properties.acacia,
        kind: 'assured',
        startedOn: '2015-04-01',
        parties: [p.ada],
      },
      {
        id: tenancies.newLetting,
        householdId: homes.beech,
        propertyId: properties.beech,
        kind: 'starter',
        startedOn: '2026-10-05',
        parties: [p.bo, p.cy],
      },
      {
        id: tenancies.eve,
        householdId: homes.eve,
        propertyId: properties.cedar,
        kind: 'assured',
        startedOn: '2012-01-01',
        parties: [p.eve],
      },
      {
        id: tenancies.hal,
        householdId: homes.hal,
        propertyId: properties.damson,
        kind: 'secure',
        startedOn: '2000-01-01',
        endedOn: '2026-06-30',
        parties: [p.hal],
      },
    ],
    records: [
      {
        personId: p.ada,
        recordType: 'right-to-buy',
        payload: { appliedOn: '2026-09-01', stage: 'admitted' },
      },
      {
        personId: p.hal,
        recordType: 'right-to-buy',
        payload: { appliedOn: '2025-10-01', stage: 'completed', completedOn: '2026-06-30', discount: 38000 },
      },
      {
        personId: p.fay,
        recordType: 'application',
        payload: {
          receivedOn: '2026-03-01',
          band: 'B',
          householdSize: 2,
          bedroomsNeeded: 1,
          outcome: 'pending',
        },
      },
      {
        personId: p.gus,
        recordType: 'application',
        payload: {
          receivedOn: '2025-11-01',
          householdSize: 1,
          outcome: 'declined',
          decidedOn: '2026-05-01',
          declineReason: 'Not eligible',
        },
      },
      {
        personId: p.bo,
        recordType: 'application',
        payload: {
          receivedOn: '2025-06-01',
          band: 'A',
          householdSize: 3,
          annualIncome: 21000,
          outcome: 'housed',
          decidedOn: '2026-09-20',
        },
      },
      rent(p.ada, '2026-10-01', 'rent-charge', 480, 480),
      rent(p.ada, '2026-10-07', 'payment', 480, 0, 'direct-debit'),
      rent(p.ada, '2026-11-01', 'rent-charge', 480, 480),
      rent(p.ada, '2026-11-05', 'payment', 300, 180, 'universal-credit'),
      rent(p.eve, '2026-10-01', 'rent-charge', 500, 500),
      rent(p.eve, '2026-10-10', 'payment', 500, 0, 'card'),
      rent(p.bo, '2026-10-05', 'rent-charge', 520, 520),
      rent(p.bo, '2026-10-20', 'payment', 520, 0, 'housing-benefit'),
    ],
  });
  return { people, properties, tenancies };
}
