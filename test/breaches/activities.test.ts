/**
 * A breach may name the processing activities it affected (checked against the manifest, each bad
 * entry named), and every read of the register is audited: one breach, the list, and the record
 * of processing's read, each naming the breaches read, with the actor, purpose and channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import {
  breachesByCategory,
  listBreaches,
  readBreach,
  recordBreach,
  reportSuspectedBreach,
  triageBreach,
  type NewBreach,
} from '../../src/breaches/index.ts';
import type { Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { dpo } from '../sharing/fixture.ts';
import { sharingManifest } from '../sharing/manifest.ts';

let t: TestDb;
let store: Store;
const handler = dpo('data-breaches');

const lost = (over: Partial<NewBreach> = {}): NewBreach => ({
  kind: 'breach',
  types: ['availability'],
  summary: 'A repairs tablet was left on a bus.',
  awareAt: '2026-11-19T09:00:00Z',
  categories: ['identity', 'contact'],
  ...over,
});

interface Event {
  actor: string;
  actor_kind: string;
  purpose: string | null;
  channel: string;
  outcome: string;
  record_ids: string[];
  reason: string | null;
}
const events = (action: string) =>
  t.db.query<Event>(
    `select actor, actor_kind, purpose, channel, outcome, record_ids::text[] as record_ids, reason
       from audit_events where action = $1 order by seq`,
    [action],
  );
const breachRows = async () =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from breaches'))[0]!.n;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, sharingManifest());
});
afterAll(() => t.close());

describe(`the activities a breach affected (${ENGINE})`, () => {
  it('keeps the activities named, once each, and shows them on the breach', async () => {
    const id = await recordBreach(
      store,
      handler,
      lost({ activities: ['repairs', 'tenancy-management', 'repairs'] }),
    );
    expect((await readBreach(store, handler, id)).activities).toEqual(['repairs', 'tenancy-management']);
    const plain = await recordBreach(store, handler, lost());
    expect((await readBreach(store, handler, plain)).activities).toEqual([]);
  });

  it('refuses an activity the manifest does not declare, naming the entry, and writes nothing', async () => {
    const before = await breachRows();
    await expect(
      recordBreach(store, handler, lost({ activities: ['repairs', 'gardening'] })),
    ).rejects.toMatchObject({
      field: 'activities[1]',
      reason: '"gardening" is not a processing activity the manifest declares',
    });
    await expect(
      recordBreach(store, handler, lost({ activities: 'repairs' as unknown as string[] })),
    ).rejects.toMatchObject({ field: 'activities', reason: 'must be a list' });
    expect(await breachRows()).toBe(before);
    const [denial] = (await events('breach.create')).filter((e) => e.outcome === 'denied');
    expect(denial?.reason).toContain('activities[1]');
  });
});

describe(`reads of the register are audited (${ENGINE})`, () => {
  let id: string;
  beforeAll(async () => {
    id = await recordBreach(store, handler, lost({ activities: ['website'], categories: ['online'] }));
  });

  it('records reading one breach, with the actor, purpose and channel', async () => {
    const before = (await events('breach.read')).length;
    await readBreach(store, handler, id);
    const after = await events('breach.read');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toEqual({
      actor: 'dpo-1',
      actor_kind: 'staff',
      purpose: 'data-breaches',
      channel: 'cli',
      outcome: 'allowed',
      record_ids: [id],
      reason: null,
    });
  });

  it('records reading the list, naming every breach listed', async () => {
    const list = await listBreaches(store, handler);
    const last = (await events('breach.list')).at(-1)!;
    expect(last.record_ids.toSorted()).toEqual(list.map((b) => b.id).toSorted());
    expect(last).toMatchObject({ actor: 'dpo-1', purpose: 'data-breaches', outcome: 'allowed' });
  });

  it('records the record of processing’s read, which carries the activities named', async () => {
    const web = { ...handler, channel: 'web' as const };
    const breaches = await breachesByCategory(store, web);
    expect(breaches.find((b) => b.id === id)).toMatchObject({
      activities: ['website'],
      categories: ['online'],
    });
    const last = (await events('breach.ropa')).at(-1)!;
    expect(last.record_ids.toSorted()).toEqual(breaches.map((b) => b.id).toSorted());
    expect(last).toMatchObject({ actor: 'dpo-1', channel: 'web', purpose: 'data-breaches' });
  });

  it('reads only the caller’s controller, and keeps the chain whole', async () => {
    const other = { ...handler, actor: { ...handler.actor, controllerId: 'another-landlord' } };
    expect(await breachesByCategory(store, other)).toEqual([]);
    expect((await events('breach.ropa')).at(-1)!.record_ids).toEqual([]);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('leaves a suspected breach out of the record of processing until the DPO takes it in', async () => {
    const { id } = await reportSuspectedBreach(store, handler, {
      summary: 'A letter may have gone to the wrong flat.',
      noticedAt: '2026-11-20T10:00:00Z',
    });
    expect((await breachesByCategory(store, handler)).map((b) => b.id)).not.toContain(id);
    await triageBreach(store, handler, id, { kind: 'near-miss', types: ['confidentiality'] });
    expect((await breachesByCategory(store, handler)).map((b) => b.id)).toContain(id);
  });
});
