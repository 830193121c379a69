/**
 * Retention joined to the other modules: anonymisation takes a record's rectification history and
 * automated decisions with it, and the consent-withdrawn trigger runs from the consent ledger,
 * read the same way by the sweep and by erasure (which use one trigger mapping).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveConsent, withdrawConsent } from '../../src/consent/ledger.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { takeInventory } from '../../src/records/erasure-inventory.ts';
import type { Store } from '../../src/records/store.ts';
import { planRetention, runRetention } from '../../src/retention/index.ts';
import { scheduleFor } from '../../src/retention/rules.ts';
import { retentionState } from '../../src/rights/erasure/retention-state.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, TEST_NOW, testStore } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, recordIds, type Fixture } from './fixture.ts';

const at = (store: Store, day: string): Store => ({ ...store, now: () => new Date(`${day}T10:00:00Z`) });

/** Applications anonymised a day after they are made; contact logs kept a month after newsletter consent is withdrawn. */
function variant(): Manifest {
  const m = structuredClone(demoManifest());
  m.retention.push(
    { id: 'application-stats', trigger: 'record-created', period: 'P1D', action: 'anonymise' },
    { id: 'contact-consent', trigger: 'consent-withdrawn', period: 'P1M', action: 'erase' },
  );
  m.recordTypes.find((r) => r.id === 'application')!.retention = 'application-stats';
  const log = m.recordTypes.find((r) => r.id === 'contact-log')!;
  log.retention = 'contact-consent';
  log.activities.push('newsletters');
  return m;
}

let t: TestDb;
let store: Store;
let manifest: Manifest;
let f: Fixture;

const newsletters = (personId: string) => ({
  personId,
  activities: ['newsletters'],
  channel: 'letter' as const,
});

beforeAll(async () => {
  t = await openTestDb();
  manifest = variant();
  store = testStore(t.db, manifest);
  f = await loadFixture(at(store, '2026-08-01'));
  // Bo withdrew on 1 October (a month has passed by TEST_NOW); Ada on 10 November (not yet);
  // Cy's consent stands. Ada's last call to be counted is hers alone: the others keep theirs.
  for (const p of [f.people.ada, f.people.bo, f.people.cy])
    await giveConsent(at(store, '2026-09-01'), dpo, { ...newsletters(p), evidence: 'Signed form' });
  await withdrawConsent(at(store, '2026-10-01'), dpo, newsletters(f.people.bo));
  await withdrawConsent(at(store, '2026-11-10'), dpo, newsletters(f.people.ada));
  // A correction and an automated decision on Di's application, which anonymisation takes.
  await t.db.query(
    `insert into rectifications (id, controller_id, person_id, record_id, record_type, field, change, actor, actor_kind, at)
     values ($1, $2, $3, $4, 'application', 'band', $5, 'dpo-1', 'staff', $6)`,
    [randomUUID(), CONTROLLER, f.people.di, f.records.diApplication, randomBytes(24), TEST_NOW],
  );
  await t.db.query(
    `insert into automated_decisions (id, controller_id, person_id, activity_id, decision_kind, logic_version,
       record_id, decided_at, content, created_at, created_by)
     values ($1, $2, $3, 'lettings', 'housing-register-banding', '2026.1', $4, $5, $6, $5, 'engine')`,
    [randomUUID(), CONTROLLER, f.people.di, f.records.diApplication, TEST_NOW, randomBytes(24)],
  );
}, 240_000);
afterAll(async () => t?.close());

describe(`the consent-withdrawn trigger from the consent ledger (${ENGINE})`, () => {
  it('schedules the rule instead of waiting', () => {
    const log = scheduleFor(manifest, new Map()).find((s) => s.recordType === 'contact-log')!;
    expect(log.waiting).toBeUndefined();
    expect(log.due).toMatchObject({ start: 'consent-withdrawn', consentActivities: ['newsletters'] });
  });

  it('agrees with erasure on whose contact logs are due', async () => {
    const type = manifest.recordTypes.find((r) => r.id === 'contact-log')!;
    const states: Record<string, string> = {};
    for (const name of ['ada', 'bo', 'cy'] as const) {
      const inventory = await takeInventory(t.db, f.people[name], CONTROLLER);
      const log = inventory.records.find((r) => r.recordType === 'contact-log')!;
      const context = { events: new Map(), consentsWithdrawn: inventory.consentsWithdrawn! };
      states[name] = retentionState(manifest, type, log, inventory.tenancy, TEST_NOW, context).state;
    }
    // Cy's consent stands: erasure treats the request itself as withdrawing it, from now.
    expect(states).toEqual({ ada: 'running', bo: 'expired', cy: 'running' });
    const [plan] = await planRetention(store);
    expect(plan!.lines.find((r) => r.recordType === 'contact-log')).toMatchObject({ due: 1, held: 0 });
  });

  it('erases only the contact log of the person whose withdrawal is a month old', async () => {
    await runRetention(store, { startedBy: 'dpo-1' });
    const left = await recordIds(t.db);
    expect(left.has(f.records.boCall!)).toBe(false);
    expect(left.has(f.records.adaCall!)).toBe(true);
    expect(left.has(f.records.cyCall!)).toBe(true);
  });
});

describe(`anonymisation and what hangs off a record (${ENGINE})`, () => {
  it('deletes the rectification history and automated decisions of an anonymised record', async () => {
    const left = await recordIds(t.db);
    expect(left.has(f.records.diApplication!)).toBe(false);
    for (const table of ['rectifications', 'automated_decisions']) {
      const [row] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from ${table} where person_id = $1`,
        [f.people.di],
      );
      expect(row!.n, table).toBe(0);
    }
    const [stats] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from retention_anonymised where rule_id = 'application-stats'",
    );
    expect(stats!.n).toBeGreaterThan(0);
  });
});
