/**
 * People's own details under the person type's retention rule (demo manifest: "person-details",
 * customer-relationship-ended, P6Y, erase). On 2026-11-23 the records of five former tenants go
 * under "tenancy-ended"; six years later each of them is disposed of as Art. 17 erasure leaves a
 * person (row emptied, lookups gone, key destroyed, a person tombstone), unless a hold, an open
 * rights request or a remaining record keeps them; a current tenant is kept too. Restoring a
 * backup taken before, and replaying, removes them again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import { writeBatch, type BatchHousehold, type BatchTenancy } from '../../src/records/batch.ts';
import { placeHold } from '../../src/records/holds.ts';
import type { Store } from '../../src/records/store.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { SqlKeyVault } from '../../src/store/key-vault.ts';
import { planRetention, replayTombstones, runLog, runRetention } from '../../src/retention/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { dump, restore, type Dump } from './dump.ts';
import { CONTROLLER, dpo, system } from './fixture.ts';

let live: TestDb;
let vaultDb: TestDb;
let restored: TestDb;
let store: Store;
let backup: Dump;

const NAMES = ['gone', 'viaTenancy', 'held', 'asking', 'current', 'keeps'] as const;
type Name = (typeof NAMES)[number];
const people = Object.fromEntries(NAMES.map((n) => [n, randomUUID()])) as Record<Name, string>;

/** Six years and a week after the first sweep; and a day before the six years are up. */
const LATER = new Date('2032-11-30T10:00:00Z');
const NOT_YET = new Date('2032-11-22T10:00:00Z');
const at = (now: Date): Store => ({ ...store, now: () => now });

/** A household and tenancy for one person, ended on `endedOn` (or going on). */
function home(personId: string, endedOn?: string) {
  const propertyId = randomUUID();
  const householdId = randomUUID();
  const ended = endedOn ? { endedOn } : {};
  const household: BatchHousehold = {
    id: householdId,
    propertyId,
    members: [{ personId, relationship: 'sole-tenant', startedOn: '2010-01-01', ...ended }],
  };
  const tenancy: BatchTenancy = {
    householdId,
    propertyId,
    kind: 'assured',
    startedOn: '2010-01-01',
    ...ended,
    parties: [personId],
  };
  return {
    property: { id: propertyId, address: '1 Example Street', postcode: 'BV1 1ZZ' },
    household,
    tenancy,
  };
}

const contact = (personId: string, occurredAt = '2019-01-10T10:00:00Z') => ({
  personId,
  recordType: 'contact-log',
  payload: { channel: 'phone', summary: 'Asked about rent', occurredAt },
  occurredAt: new Date(occurredAt),
});

async function load() {
  // Former tenants whose contact logs go under "tenancy-ended" on the first sweep; "viaTenancy" had
  // no records at all (their clock is the tenancy's end, then when they were added: both long ago
  // by LATER); "current" is a tenant now; "keeps" never had a tenancy, so their log never goes.
  const homes = [
    home(people.gone, '2019-06-30'),
    home(people.viaTenancy, '2019-06-30'),
    home(people.held, '2019-06-30'),
    home(people.asking, '2019-06-30'),
    home(people.current),
  ];
  await writeBatch(store, system('tenancy-management'), {
    controllerId: CONTROLLER,
    people: NAMES.map((n) => ({
      id: people[n],
      subjectTypes: ['tenant'],
      profile: { givenName: 'Testa', familyName: `Person${n}`, niNumber: 'QQ123456C' },
    })),
    properties: homes.map((h) => h.property),
    households: homes.map((h) => h.household),
    tenancies: homes.map((h) => h.tenancy),
    records: [contact(people.gone), contact(people.held), contact(people.asking), contact(people.keeps)],
  });
}

async function personState(db: TestDb['db'], id: string) {
  const [row] = await db.query<{ erased: boolean; profile: number; lookups: number }>(
    `select erased_at is not null as erased, length(profile) as profile,
            (select count(*)::int from person_lookup l where l.person_id = p.id) as lookups
       from people p where id = $1`,
    [id],
  );
  return row;
}

beforeAll(async () => {
  [live, vaultDb, restored] = [await openTestDb(), await openTestDb(), await openTestDb()];
  const base = testStore(live.db);
  store = { ...base, vault: new SqlKeyVault(vaultDb.db, base.keys) };
  await load();
  await runRetention(store, { startedBy: 'dpo-1' });
  await placeHold(store, dpo, {
    controllerId: CONTROLLER,
    target: 'person',
    targetId: people.held,
    matter: 'insurance-claim',
    reason: 'Claim IC-2026-3',
    owner: 'legal-team',
    reviewOn: '2033-01-01',
  });
  const { id } = await createRequest(
    store,
    { ...system(), purpose: 'subject-access' },
    {
      controllerId: CONTROLLER,
      personId: people.asking,
      right: 'access',
      channel: 'email',
      receivedOn: '2026-11-20',
    },
  );
  await transition(store, system(), id, { to: 'in-progress', on: '2026-11-20' });
  backup = await dump(live.db);
}, 240_000);
afterAll(async () => Promise.all([live, vaultDb, restored].map((t) => t?.close())));

describe(`people's own details under the person type's rule (${ENGINE})`, () => {
  it('disposes of someone with no records whose last tenancy ended more than six years ago', async () => {
    expect(await personState(live.db, people.viaTenancy)).toEqual({ erased: true, profile: 0, lookups: 0 });
    for (const n of NAMES.filter((x) => x !== 'viaTenancy'))
      expect((await personState(live.db, people[n]))!.erased, n).toBe(false);
  });

  it('counts six years from when their last record was disposed of: nobody is due a day early', async () => {
    const [plan] = await planRetention(store, { asOf: NOT_YET });
    expect(plan!.lines.find((l) => l.recordType === 'person')).toEqual({
      recordType: 'person',
      ruleId: 'person-details',
      trigger: 'customer-relationship-ended',
      period: 'P6Y',
      schedule: '6 years after the customer relationship ends',
      action: 'erase',
      due: 0,
      held: 0,
    });
    const [later] = await planRetention(store, { asOf: LATER });
    expect(later!.lines.find((l) => l.recordType === 'person')).toMatchObject({ due: 1, held: 1 });
  });

  it('disposes of them after the period as erasure would, keeping the held, the asking, the current tenant and one with records', async () => {
    const [result] = await runRetention(at(LATER), { startedBy: 'dpo-1' });
    expect(await personState(live.db, people.gone)).toEqual({ erased: true, profile: 0, lookups: 0 });
    for (const n of ['held', 'asking', 'current', 'keeps'] as const)
      expect((await personState(live.db, people[n]))!.erased, n).toBe(false);
    const keys = await store.vault!.load([people.gone, people.held]);
    expect(keys.get(people.gone)).toBeNull();
    expect(keys.get(people.held)).toBeInstanceOf(Buffer);
    const tombstones = await store.vault!.tombstonesSince(null);
    expect(
      tombstones
        .filter((t) => t.kind === 'person')
        .map((t) => t.id)
        .sort(),
    ).toEqual([people.gone, people.viaTenancy].sort());
    const log = await runLog(live.db, result!.runId);
    expect(log.filter((l) => l.recordType === 'person')).toEqual([
      expect.objectContaining({ ruleId: 'person-details', action: 'erase', records: 1 }),
    ]);
    const [audit] = await live.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'person.erase' and person_id = $1",
      [people.gone],
    );
    expect(audit!.n).toBe(1);
    expect(await live.db.query('select 1 from retention_outbox')).toEqual([]);
  });

  it('removes them again when a backup taken before is restored and the tombstones replayed', async () => {
    await restore(restored.db, backup);
    expect((await personState(restored.db, people.gone))!.erased).toBe(false);
    await replayTombstones({ ...at(LATER), db: restored.db }, { startedBy: 'dpo-1' });
    expect(await personState(restored.db, people.gone)).toEqual({ erased: true, profile: 0, lookups: 0 });
    expect((await personState(restored.db, people.held))!.erased).toBe(false);
    expect((await verifyChainInDatabase(restored.db)).ok).toBe(true);
  });
});
