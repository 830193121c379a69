/**
 * Sweeps over the small landlord of fixture.ts: the plan counts what a run then disposes of, by
 * rule; records go with their mentions and documents; the audit chain verifies; the disposal log
 * agrees with the store; tombstones reach the vault; a second run finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import {
  planRetention,
  runLog,
  runRetention,
  SweepInProgress,
  type PlanLine,
} from '../../src/retention/index.ts';
import { vaultOf, type Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { CONTROLLER, loadFixture, recordIds, type Fixture } from './fixture.ts';

let t: TestDb;
let store: Store;
let f: Fixture;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db);
  f = await loadFixture(store);
});
afterAll(async () => t?.close());

const line = (lines: PlanLine[], recordType: string) => lines.find((l) => l.recordType === recordType)!;

describe(`retention sweeps (${ENGINE})`, () => {
  it('plans by rule, with counts, and writes nothing', async () => {
    const before = await t.db.query('select count(*)::int8 as n from audit_events');
    const [plan] = await planRetention(store);
    expect(plan!.controllerId).toBe(CONTROLLER);
    expect(line(plan!.lines, 'contact-log')).toMatchObject({
      ruleId: 'tenancy-ended',
      action: 'erase',
      due: 3,
      held: 0,
    });
    expect(line(plan!.lines, 'repair')).toMatchObject({ ruleId: 'tenancy-ended', due: 1 });
    expect(line(plan!.lines, 'call-recording')).toMatchObject({ ruleId: 'recording-90d', due: 1 });
    expect(line(plan!.lines, 'cctv-clip')).toMatchObject({ ruleId: 'cctv-clip-30d', due: 0 });
    expect(line(plan!.lines, 'asb-case')).toMatchObject({
      ruleId: 'case-closed-6y',
      action: 'review',
      due: 1,
    });
    expect(line(plan!.lines, 'application')).toMatchObject({ ruleId: 'application-declined', due: 1 });
    expect(await t.db.query('select count(*)::int8 as n from audit_events')).toEqual(before);
  });

  it('plans as of a later day without changing anything', async () => {
    const [later] = await planRetention(store, { asOf: new Date('2027-05-01T00:00:00Z') });
    expect(line(later!.lines, 'application').due).toBe(2);
    expect(line(later!.lines, 'cctv-clip').due).toBe(1);
  });

  it('runs: disposes of exactly what was planned, with mentions and documents, in one run', async () => {
    const progress: number[] = [];
    const [result] = await runRetention(store, {
      startedBy: 'dpo-1',
      onProgress: (p) => progress.push(p.done),
    });
    const left = await recordIds(t.db);
    for (const gone of ['adaCall', 'adaVisit', 'adaRepair', 'cyCall', 'boRecording', 'diApplication'])
      expect(left.has(f.records[gone]!), gone).toBe(false);
    for (const kept of ['boCall', 'boClip', 'boAsb', 'edApplication'])
      expect(left.has(f.records[kept]!), kept).toBe(true);
    expect(await t.db.query('select * from mentions where record_id = $1', [f.records.adaVisit])).toEqual([]);
    expect(await t.db.query('select * from documents where id = $1', [f.documentId])).toEqual([]);
    expect(progress.at(-1)).toBe(7);

    const log = await runLog(t.db, result!.runId);
    const erased = log.filter((l) => l.action === 'erase').reduce((n, l) => n + l.records, 0);
    expect(erased).toBe(6);
    expect(log.find((l) => l.recordType === 'contact-log')).toMatchObject({
      records: 3,
      mentions: 1,
      action: 'erase',
    });
    expect(log.find((l) => l.recordType === 'repair')).toMatchObject({ records: 1, documents: 1 });
    expect(log.find((l) => l.recordType === 'asb-case')).toMatchObject({ action: 'review', records: 1 });
    expect((await verifyChainInDatabase(t.db)).ok).toBe(true);
  });

  it('leaves a tombstone in the vault for every record and document that went, and an empty outbox', async () => {
    const tombstones = await vaultOf(store).tombstonesSince(null);
    const ids = new Set(tombstones.map((x) => x.id));
    for (const gone of ['adaCall', 'adaVisit', 'adaRepair', 'cyCall', 'boRecording', 'diApplication'])
      expect(ids.has(f.records[gone]!)).toBe(true);
    expect(ids.has(f.documentId)).toBe(true);
    expect(await t.db.query('select * from retention_outbox')).toEqual([]);
  });

  it('audits each disposal as the retention sweeper, naming the rule and run, with no personal data', async () => {
    const events = await t.db.query<{ actor: string; action: string; reason: string; person_id: string }>(
      "select actor, action, reason, person_id from audit_events where action like 'record.%' and actor = 'custos-retention'",
    );
    expect(events.map((e) => e.action).sort()).toContain('record.erase');
    expect(events.every((e) => /^retention rule "[a-z0-9-]+" \(run [0-9a-f-]{36}\)$/.test(e.reason))).toBe(
      true,
    );
  });

  it('finds nothing more to do on a second run', async () => {
    const [again] = await runRetention(store, { startedBy: 'dpo-1' });
    expect(again!.log).toEqual([]);
    const [plan] = await planRetention(store);
    expect(plan!.lines.reduce((n, l) => n + l.due, 0)).toBe(0);
    expect(plan!.reviews.pending).toBe(1);
  });

  it('lets only one sweep run at a time: the second gets a clear error and disposes of nothing', async () => {
    const runs = await t.db.query('select id from retention_runs');
    const results = await Promise.allSettled([
      runRetention(store, { startedBy: 'first' }),
      runRetention(store, { startedBy: 'second' }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(SweepInProgress);
    expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(
      /another retention sweep is running; nothing was disposed of/,
    );
    const started = await t.db.query<{ started_by: string }>(
      'select started_by from retention_runs where not (id = any($1::uuid[]))',
      [runs.map((r) => (r as { id: string }).id)],
    );
    // Which of the two takes the lock first is the engine's to decide (on a server, whichever
    // connection gets there); the run on record is the one that was not refused.
    const winner = results[0]!.status === 'fulfilled' ? 'first' : 'second';
    expect(started.map((r) => r.started_by)).toEqual([winner]);
  });
});
