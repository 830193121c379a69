/**
 * The schedule the web server will start (sweeps on a timer, a turn skipped while another sweeper
 * holds the lock), and a run's certificate for the DPO as HTML and PDF, with counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/records/store.ts';
import {
  certificateFor,
  certificateHtml,
  certificatePdf,
  RetentionInputError,
  startRetentionSchedule,
  type SweepResult,
} from '../../src/retention/index.ts';
import { withSweepLock } from '../../src/retention/lock.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { loadFixture } from './fixture.ts';

let t: TestDb;
let store: Store;
beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db);
  await loadFixture(store);
});
afterAll(async () => t?.close());

/** Resolves when `check` holds, polling; the test's own timeout bounds it. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

let firstRun: SweepResult | undefined;

describe(`sweeps on a schedule (${ENGINE})`, () => {
  it('refuses a silly interval', () => {
    expect(() => startRetentionSchedule(store, { everyMs: 0 })).toThrow(RetentionInputError);
  });

  it('skips its turn while another sweeper holds the lock, then sweeps, until stopped', async () => {
    const swept: SweepResult[][] = [];
    let skipped = 0;
    const errors: Error[] = [];
    let schedule: ReturnType<typeof startRetentionSchedule> | undefined;
    await withSweepLock(t.db, async () => {
      schedule = startRetentionSchedule(store, {
        everyMs: 20,
        firstAfterMs: 1,
        startedBy: 'schedule',
        onSwept: (r) => swept.push(r),
        onSkipped: () => (skipped += 1),
        onError: (e) => errors.push(e),
      });
      await until(() => skipped > 0);
    });
    await until(() => swept.length >= 2);
    await schedule!.stop();
    const count = swept.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(swept.length).toBe(count);
    expect(errors).toEqual([]);
    firstRun = swept[0]![0];
    expect(firstRun!.log.reduce((n, l) => n + l.records, 0)).toBeGreaterThan(0);
    expect(swept[1]![0]!.log).toEqual([]);
  });
});

describe(`the certificate of a run (${ENGINE})`, () => {
  it('states who started the run, what went by rule, and where it ends in the audit chain, in HTML', async () => {
    const cert = await certificateFor(store, firstRun!.runId);
    expect(cert.totals).toEqual({ records: 6, mentions: 1, documents: 1 });
    const html = certificateHtml(cert);
    expect(html).toContain('<h1>Retention certificate</h1>');
    expect(html).toContain(firstRun!.runId);
    expect(html).toContain('<dt>Started by</dt><dd>schedule</dd>');
    expect(html).toMatch(
      /<td>tenancy-ended<\/td><td>contact-log<\/td><td>erased<\/td><td class="n">3<\/td><td class="n">1<\/td>/,
    );
    expect(html).toMatch(/<td>case-closed-6y<\/td><td>asb-case<\/td><td>queued for review<\/td>/);
    expect(html).toMatch(/<dt>Audit chain<\/dt><dd>event \d+, hash [0-9a-f]{64}<\/dd>/);
    for (const personal of ['Ada', 'Testperson', 'QQ123456C', 'Leaking tap'])
      expect(html).not.toContain(personal);
  });

  it('renders the same certificate as a reproducible PDF', async () => {
    const cert = await certificateFor(store, firstRun!.runId);
    const [a, b] = [await certificatePdf(cert), await certificatePdf(cert)];
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('refuses an unknown run', async () => {
    await expect(certificateFor(store, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      /^runId: there is no retention run with this id$/,
    );
    await expect(certificateFor(store, 'latest')).rejects.toThrow(
      /^runId: must be the id of a retention run$/,
    );
  });
});
