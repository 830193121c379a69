/**
 * Bad rules stop a sweep before anything goes: an unknown trigger, an undeclared event, a negative,
 * zero or unparsable period. The manifest validator reports the same rules with their place in the
 * file; the retention module refuses them too, for a manifest that was never validated. Periods
 * follow calendar arithmetic.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../../src/manifest/validate.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { addPeriod, parsePeriod } from '../../src/retention/period.ts';
import { planRetention, runRetention, RetentionInputError } from '../../src/retention/index.ts';
import { scheduleFor } from '../../src/retention/rules.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { DEMO_MANIFEST_FILE, demoManifest, testStore } from '../support/store.ts';
import { loadFixture, snapshot } from './fixture.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

function withRule(change: (m: Manifest) => void): Manifest {
  const m = structuredClone(demoManifest());
  change(m);
  return m;
}

const rule = (m: Manifest, id: string) => m.retention.find((r) => r.id === id)!;

describe('retention periods', () => {
  it('reads ISO 8601 durations into calendar parts', () => {
    expect(parsePeriod('P6Y')).toMatchObject({ years: 6, months: 0, days: 0 });
    expect(parsePeriod('P1Y6M')).toMatchObject({ years: 1, months: 6 });
    expect(parsePeriod('P2W')).toMatchObject({ weeks: 2 });
    expect(parsePeriod('PT12H')).toMatchObject({ hours: 12 });
  });

  it('refuses negative, zero, fractional and unparsable periods, naming the field', () => {
    expect(() => parsePeriod('-P6Y', 'retention[1].period')).toThrow(
      new RetentionInputError(
        'retention[1].period',
        '"-P6Y" is negative; a retention period must be positive',
      ),
    );
    expect(() => parsePeriod('P0D')).toThrow(/is zero; a retention period must be positive/);
    expect(() => parsePeriod('P1.5Y')).toThrow(/is not an ISO 8601 duration/);
    expect(() => parsePeriod('6 years')).toThrow(/is not an ISO 8601 duration/);
    expect(() => parsePeriod('P')).toThrow(/is not an ISO 8601 duration/);
    expect(() => parsePeriod('P1YT')).toThrow(/is not an ISO 8601 duration/);
    expect(() => parsePeriod('')).toThrow(/is missing/);
  });

  it('adds periods on the calendar, as the database does', () => {
    expect(addPeriod(new Date('2020-02-29T00:00:00Z'), parsePeriod('P6Y')).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(addPeriod(new Date('2026-01-31T00:00:00Z'), parsePeriod('P1M')).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(addPeriod(new Date('2026-01-01T00:00:00Z'), parsePeriod('P90D')).toISOString()).toBe(
      '2026-04-01T00:00:00.000Z',
    );
  });
});

describe(`bad rules stop a sweep (${ENGINE})`, () => {
  const cases: [string, (m: Manifest) => void, RegExp][] = [
    [
      'an unknown trigger',
      (m) => (rule(m, 'tenancy-ended').trigger = 'tenancy-endd'),
      /^retention\[1\] \("tenancy-ended"\)\.trigger: "tenancy-endd" is not a retention trigger; use one of record-created/,
    ],
    [
      'an undeclared event',
      (m) => (rule(m, 'tenancy-ended').trigger = 'event:pandemic-over'),
      /trigger: "pandemic-over" is not a controller event the manifest declares under "events"$/,
    ],
    [
      'a negative period',
      (m) => (rule(m, 'recording-90d').period = '-P90D'),
      /\("recording-90d"\)\.period: "-P90D" is negative/,
    ],
    [
      'an unparsable period',
      (m) => (rule(m, 'cctv-clip-30d').period = 'thirty days'),
      /period: "thirty days" is not an ISO 8601 duration/,
    ],
  ];

  it.each(cases)('refuses %s, and nothing is disposed of or written', async (_, change, message) => {
    const store = testStore(t.db, withRule(change));
    if ((await t.db.query('select 1 from records limit 1')).length === 0) await loadFixture(testStore(t.db));
    const before = await snapshot(t.db);
    const runs = await t.db.query('select id from retention_runs');
    await expect(runRetention(store, { startedBy: 'dpo-1' })).rejects.toThrow(RetentionInputError);
    await expect(runRetention(store, { startedBy: 'dpo-1' })).rejects.toThrow(message);
    await expect(planRetention(store)).rejects.toThrow(message);
    expect(await snapshot(t.db)).toEqual(before);
    expect(await t.db.query('select id from retention_runs')).toEqual(runs);
  });

  it('refuses a sweep with no one named as starting it, or a bad batch size', async () => {
    const store = testStore(t.db);
    await expect(runRetention(store, { startedBy: ' ' })).rejects.toThrow(/^startedBy: is required/);
    await expect(runRetention(store, { startedBy: 'x', batchSize: 0 })).rejects.toThrow(
      /^batchSize: must be a whole number from 1 to 10000$/,
    );
  });

  it('says why a rule on a trigger the store does not record waits', () => {
    const m = withRule((x) => (rule(x, 'recording-90d').trigger = 'employment-ended'));
    const recording = scheduleFor(m, new Map()).find((s) => s.recordType === 'call-recording')!;
    expect(recording.due).toBeUndefined();
    expect(recording.waiting).toBe('Custos does not record "employment-ended" yet, so nothing is due');
  });
});

describe('the manifest validator reports the same bad rules with their place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-retention-rules-'));
  const file = (name: string, edit: (yaml: string) => string) => {
    const path = join(dir, name);
    writeFileSync(path, edit(readFileSync(DEMO_MANIFEST_FILE, 'utf8')));
    return validateFile(path, { today: '2026-11-23' }).problems.filter((p) => p.severity === 'error');
  };

  it('an unknown trigger', () => {
    const problems = file('trigger.yaml', (y) =>
      y.replace('trigger: tenancy-ended', 'trigger: tenancy-endd'),
    );
    expect(problems.map((p) => p.rule)).toContain('retention/unknown-trigger');
  });

  it('a negative or unparsable period', () => {
    for (const period of ['-P6Y', 'six years']) {
      const problems = file(`period-${period}.yaml`, (y) => y.replace('period: P6Y', `period: ${period}`));
      expect(problems.some((p) => /period/.test(p.message) || p.path?.includes('period'))).toBe(true);
    }
  });
});
