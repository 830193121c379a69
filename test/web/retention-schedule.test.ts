/**
 * The retention sweeper the web server starts (src/app/retention-schedule.ts): its interval from
 * the environment (0 turns it off; nonsense is refused), and a real sweep on schedule whose log
 * lines carry counts and run ids only.
 */
import { describe, expect, it } from 'vitest';
import { retentionEveryMs, scheduleRetention } from '../../src/app/retention-schedule.ts';
import { listRuns } from '../../src/retention/index.ts';
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

  it('sweeps on schedule, logging counts and run ids only, and stops', async () => {
    const test = await openTestDb();
    try {
      const store = testStore(test.db);
      const lines: { fields: unknown; message?: string }[] = [];
      const log = {
        info: (fields: unknown, message?: string) => void lines.push({ fields, message }),
        error: (fields: unknown, message?: string) => void lines.push({ fields, message }),
      };
      const schedule = (await scheduleRetention(
        store,
        { CUSTOS_RETENTION_EVERY_MINUTES: '0.0005' },
        log as never,
      ))!;
      while (lines.length === 0) await new Promise((r) => setTimeout(r, 20));
      await schedule.stop();
      expect(lines[0]).toMatchObject({ message: 'retention sweep finished' });
      const runs = await listRuns(test.db, 'brookvale-homes');
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every((r) => r.startedBy === 'schedule')).toBe(true);
      const swept = lines.find((l) => l.message === 'retention sweep finished')!.fields as {
        runs: string[];
        records: number;
      };
      expect(swept.runs).toContain(runs.at(-1)!.id);
      expect(typeof swept.records).toBe('number');
    } finally {
      await test.close();
    }
  });
});
