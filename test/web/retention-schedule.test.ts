/**
 * The retention sweeper the web server starts (src/app/retention-schedule.ts): its interval from
 * the environment (0 turns it off; nonsense is refused), the line `npm start` prints about it, and
 * a real sweep on schedule whose one log line per run carries counts and the run id only.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { retentionEveryMs, retentionNotice, scheduleRetention } from '../../src/app/retention-schedule.ts';
import { listRuns, placeHold, runLog } from '../../src/retention/index.ts';
import { createLogger } from '../../src/web/logging.ts';
import { CONTROLLER, dpo, loadFixture } from '../retention/fixture.ts';
import { openTestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

describe('the server’s retention schedule', () => {
  it('reads its interval from CUSTOS_RETENTION_EVERY_MINUTES', () => {
    expect(retentionEveryMs({})).toBe(3_600_000);
    expect(retentionEveryMs({ CUSTOS_RETENTION_EVERY_MINUTES: '15' })).toBe(900_000);
    expect(retentionEveryMs({ CUSTOS_RETENTION_EVERY_MINUTES: '0' })).toBeUndefined();
    for (const bad of ['-1', 'hourly'])
      expect(() => retentionEveryMs({ CUSTOS_RETENTION_EVERY_MINUTES: bad })).toThrow(
        'CUSTOS_RETENTION_EVERY_MINUTES must be a number of minutes (0 turns sweeping off)',
      );
  });

  it('is off when the interval is 0', async () => {
    const test = await openTestDb();
    try {
      const log = { info: () => undefined, error: () => undefined };
      expect(
        await scheduleRetention(testStore(test.db), { CUSTOS_RETENTION_EVERY_MINUTES: '0' }, log),
      ).toBeUndefined();
    } finally {
      await test.close();
    }
  });

  it('sweeps on schedule, logging one line of counts per run through the app’s logger, and stops', async () => {
    const test = await openTestDb();
    try {
      const store = testStore(test.db);
      const fixture = await loadFixture(store);
      await placeHold(store, dpo, {
        controllerId: CONTROLLER,
        target: 'record',
        targetId: fixture.records.boRecording!,
        matter: 'disrepair-claim',
        reason: 'Disrepair claim DR-2026-14',
        owner: 'legal-team',
        reviewOn: '2027-03-01',
      });
      const text: string[] = [];
      const stream = new Writable({
        write(chunk, _enc, done) {
          text.push(String(chunk));
          done();
        },
      });
      const log = createLogger({ level: 'info', stream });
      const swept = () => text.filter((l) => l.includes('retention sweep finished'));
      const schedule = (await scheduleRetention(store, { CUSTOS_RETENTION_EVERY_MINUTES: '0.0005' }, log))!;
      while (swept().length === 0) await new Promise((r) => setTimeout(r, 20));
      await schedule.stop();

      const line = JSON.parse(swept()[0]!) as Record<string, unknown>;
      const first = (await listRuns(test.db, CONTROLLER)).find((r) => r.id === line.runId);
      expect(first?.startedBy).toBe('schedule');
      expect(line).toMatchObject({ level: 30, msg: 'retention sweep finished', controllerId: CONTROLLER });
      const counts = Object.fromEntries(
        ['disposed', 'erased', 'anonymised', 'keptForReview', 'held'].map((k) => [k, line[k]]),
      );
      const log0 = await runLog(test.db, first!.id);
      const sum = (action: string) =>
        log0.filter((l) => l.action === action).reduce((n, l) => n + l.records, 0);
      expect(counts).toEqual({
        disposed: sum('erase') + sum('anonymise'),
        erased: sum('erase'),
        anonymised: sum('anonymise'),
        keptForReview: sum('review'),
        held: 1,
      });
      expect(counts.disposed).toBeGreaterThan(0);
      expect(counts.keptForReview).toBeGreaterThan(0);
      // Counts, a run id and the controller: no person, no record, no name.
      expect(Object.keys(line).sort()).toEqual(
        [...Object.keys(counts), 'controllerId', 'level', 'msg', 'runId', 'service', 'time'].sort(),
      );
      const all = text.join('');
      for (const id of [
        ...Object.values(fixture.people),
        ...Object.values(fixture.records),
        fixture.documentId,
      ])
        expect(all).not.toContain(id);
      expect(all).not.toContain('Testperson');
    } finally {
      await test.close();
    }
  });

  it('is announced at start as one line: how often, and how to turn it off', () => {
    expect(retentionNotice({})).toBe(
      'Retention sweeps run every 60 minutes (the first a minute after start) and dispose of what the retention rules say is due; to turn them off, start with CUSTOS_RETENTION_EVERY_MINUTES=0.',
    );
    expect(retentionNotice({ CUSTOS_RETENTION_EVERY_MINUTES: '1' })).toMatch(
      /^Retention sweeps run every minute /,
    );
    expect(retentionNotice({ CUSTOS_RETENTION_EVERY_MINUTES: '0' })).toBe(
      'Retention sweeps are off (CUSTOS_RETENTION_EVERY_MINUTES=0): nothing is disposed of on a schedule.',
    );
  });
});
