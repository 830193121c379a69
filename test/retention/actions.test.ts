/**
 * The three actions and the controller-wide trigger: anonymisation keeps what statistics need and
 * nothing that identifies; the review queue waits for a person's decision; a controller event the
 * DPO enters starts its rules' clocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import type { Store } from '../../src/records/store.ts';
import {
  decideReview,
  enterEvent,
  listEvents,
  listReviews,
  placeHold,
  planRetention,
  runLog,
  runRetention,
} from '../../src/retention/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, TEST_NOW, testStore } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, recordIds, type Fixture } from './fixture.ts';

let t: TestDb;
let f: Fixture;
let manifest: Manifest;
const at = (store: Store, day: string): Store => ({ ...store, now: () => new Date(`${day}T10:00:00Z`) });

/** The demo manifest, with applications anonymised a day after they are created and contact logs kept until a year after an event. */
function variant(): Manifest {
  const m = structuredClone(demoManifest());
  m.events.push({ id: 'pandemic-over', name: 'The pandemic was declared over' });
  m.retention.push(
    { id: 'application-stats', trigger: 'record-created', period: 'P1D', action: 'anonymise' },
    { id: 'pandemic-contacts', trigger: 'event:pandemic-over', period: 'P1Y', action: 'erase' },
  );
  m.recordTypes.find((r) => r.id === 'application')!.retention = 'application-stats';
  m.recordTypes.find((r) => r.id === 'contact-log')!.retention = 'pandemic-contacts';
  return m;
}

let store: Store;
beforeAll(async () => {
  t = await openTestDb();
  manifest = variant();
  store = testStore(t.db, manifest);
  f = await loadFixture(at(store, '2026-11-20'));
});
afterAll(async () => t?.close());

describe(`anonymisation (${ENGINE})`, () => {
  it('keeps enums, numbers, whole pounds and months; drops free text and identifiers; keeps no link', async () => {
    const [result] = await runRetention(store, { startedBy: 'dpo-1' });
    const left = await recordIds(t.db);
    expect(left.has(f.records.diApplication!)).toBe(false);
    expect(left.has(f.records.edApplication!)).toBe(false);
    const rows = await t.db.query<{
      record_type: string;
      rule_id: string;
      month: string;
      fields: Record<string, unknown>;
    }>('select record_type, rule_id, month, fields from retention_anonymised order by month');
    expect(rows).toEqual([
      {
        record_type: 'application',
        rule_id: 'application-stats',
        month: '2024-10',
        fields: {
          band: 'C',
          householdSize: 2,
          annualIncome: 18251,
          outcome: 'declined',
          receivedOn: '2024-10',
          decidedOn: '2025-01',
        },
      },
      {
        record_type: 'application',
        rule_id: 'application-stats',
        month: '2026-08',
        fields: {
          band: 'B',
          householdSize: 3,
          outcome: 'declined',
          receivedOn: '2026-08',
          decidedOn: '2026-10',
        },
      },
    ]);
    const columns = (
      await t.db.query<{ name: string }>(
        "select column_name as name from information_schema.columns where table_name = 'retention_anonymised'",
      )
    ).map((c) => c.name);
    expect(columns).not.toContain('person_id');
    expect(columns).not.toContain('record_id');
    expect(JSON.stringify(rows)).not.toContain('Not eligible');
    expect((await runLog(t.db, result!.runId)).find((l) => l.recordType === 'application')).toMatchObject({
      action: 'anonymise',
      records: 2,
    });
  });
});

describe(`controller events (${ENGINE})`, () => {
  it('waits until the DPO enters the event', async () => {
    const [plan] = await planRetention(store);
    expect(plan!.lines.find((l) => l.recordType === 'contact-log')).toMatchObject({
      ruleId: 'pandemic-contacts',
      due: 0,
      waiting: 'the event "pandemic-over" has not been entered yet',
    });
  });

  it('refuses an undeclared event, a bad day, a day in the future', async () => {
    const entry = { controllerId: CONTROLLER, eventId: 'pandemic-over', occurredOn: '2025-01-01' };
    await expect(enterEvent(store, dpo, { ...entry, eventId: 'war-over' })).rejects.toThrow(
      /^eventId: "war-over" is not an event the manifest declares \(declared: pandemic-over\)$/,
    );
    await expect(enterEvent(store, dpo, { ...entry, occurredOn: '2025-13-01' })).rejects.toThrow(
      /^occurredOn: must be a date/,
    );
    await expect(enterEvent(store, dpo, { ...entry, occurredOn: '2026-12-01' })).rejects.toThrow(
      /^occurredOn: is in the future/,
    );
    expect(await listEvents(t.db, CONTROLLER)).toEqual([]);
  });

  it('starts the clock of every rule on the event once entered; a correction needs replace', async () => {
    const entry = { controllerId: CONTROLLER, eventId: 'pandemic-over', occurredOn: '2026-01-01' };
    await enterEvent(store, dpo, entry);
    let [plan] = await planRetention(store);
    expect(plan!.lines.find((l) => l.recordType === 'contact-log')).toMatchObject({ due: 0 });
    await expect(enterEvent(store, dpo, { ...entry, occurredOn: '2025-01-01' })).rejects.toThrow(
      /already entered as 2026-01-01; give replace to correct it/,
    );
    await enterEvent(store, dpo, { ...entry, occurredOn: '2025-01-01', replace: true });
    [plan] = await planRetention(store);
    expect(plan!.lines.find((l) => l.recordType === 'contact-log')).toMatchObject({ due: 4 });
    expect(await listEvents(t.db, CONTROLLER)).toMatchObject([
      { eventId: 'pandemic-over', occurredOn: '2025-01-01', enteredBy: 'dpo-1' },
    ]);
  });
});

describe(`the review queue (${ENGINE})`, () => {
  it('queues records under a review rule and disposes of nothing until someone decides', async () => {
    const queue = await listReviews(t.db, CONTROLLER);
    expect(queue).toMatchObject([
      { recordId: f.records.boAsb, recordType: 'asb-case', ruleId: 'case-closed-6y', status: 'pending' },
    ]);
    expect((await recordIds(t.db)).has(f.records.boAsb!)).toBe(true);
  });

  it('refuses a keep date that is not after today, or a record not waiting', async () => {
    await expect(
      decideReview(store, dpo, CONTROLLER, f.records.boAsb!, { decision: 'keep', keepUntil: '2026-11-23' }),
    ).rejects.toThrow(/^keepUntil: must be after today$/);
    await expect(
      decideReview(store, dpo, CONTROLLER, f.records.boCall!, { decision: 'dispose' }),
    ).rejects.toThrow(/^recordId: is not waiting for review$/);
  });

  it('keeps a record until a date, then queues it again', async () => {
    await decideReview(store, dpo, CONTROLLER, f.records.boAsb!, {
      decision: 'keep',
      keepUntil: '2027-01-31',
    });
    expect(await listReviews(t.db, CONTROLLER)).toEqual([]);
    await runRetention(at(store, '2027-01-15'), { startedBy: 'dpo-1' });
    expect(await listReviews(t.db, CONTROLLER)).toEqual([]);
    await runRetention(at(store, '2027-02-01'), { startedBy: 'dpo-1' });
    expect(await listReviews(t.db, CONTROLLER)).toMatchObject([
      { recordId: f.records.boAsb, status: 'pending' },
    ]);
  });

  it('will not dispose of a held record on review', async () => {
    const later = at(store, '2027-02-01');
    const hold = await placeHold(later, dpo, {
      controllerId: CONTROLLER,
      target: 'case',
      targetId: f.records.boAsb!,
      matter: 'possession-claim',
      reason: 'Possession claim PC-1',
      owner: 'legal-team',
      reviewOn: '2027-06-01',
    });
    await expect(
      decideReview(later, dpo, CONTROLLER, f.records.boAsb!, { decision: 'dispose' }),
    ).rejects.toThrow(/^recordId: the record is under a legal hold; it was not disposed of$/);
    expect((await recordIds(t.db)).has(f.records.boAsb!)).toBe(true);
    const { releaseHold } = await import('../../src/retention/index.ts');
    await releaseHold(later, dpo, CONTROLLER, hold.id, 'Claim withdrawn');
  });

  it('disposes of a record when the reviewer decides so, as a run of its own', async () => {
    const later = at(store, '2027-02-01');
    const { runId } = await decideReview(later, dpo, CONTROLLER, f.records.boAsb!, { decision: 'dispose' });
    expect((await recordIds(t.db)).has(f.records.boAsb!)).toBe(false);
    expect(await runLog(t.db, runId!)).toMatchObject([
      { ruleId: 'case-closed-6y', recordType: 'asb-case', action: 'erase', records: 1 },
    ]);
    const [run] = await t.db.query<{ kind: string; started_by: string; status: string }>(
      'select kind, started_by, status from retention_runs where id = $1',
      [runId],
    );
    expect(run).toEqual({ kind: 'review', started_by: 'dpo-1', status: 'finished' });
    expect(await listReviews(t.db, CONTROLLER)).toEqual([]);
    expect((await verifyChainInDatabase(t.db)).ok).toBe(true);
    expect(TEST_NOW.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
});
