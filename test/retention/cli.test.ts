/**
 * `custos retention` against a real embedded store of the demo landlord in a temporary folder:
 * plan, run with its log, the certificate in both formats, and clear one-line errors for bad input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { custos } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-retention-cli-'));
const env = { CUSTOS_DATA_DIR: dir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '', CUSTOS_MANIFEST: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custos retention', () => {
  let runId = '';

  it('plans, then runs, disposing of what the plan counted', () => {
    expect(custos(['demo', '--households', '40', '--seed', '5'], undefined, env).code).toBe(0);
    const plan = custos(['retention', 'plan', '--json'], undefined, env);
    expect(plan.code).toBe(0);
    const lines = (JSON.parse(plan.stdout) as { lines: { action: string; due: number }[] }).lines;
    const planned = lines.filter((l) => l.action !== 'review').reduce((n, l) => n + l.due, 0);
    expect(planned).toBeGreaterThan(0);
    expect(custos(['retention', 'plan'], undefined, env).stdout).toMatch(
      /^ {2}contact-log +tenancy-ended +tenancy-ended \+ P6Y: \d+ to erase$/m,
    );

    const run = custos(['retention', 'run', '--by', 'dpo-1', '--batch', '25'], undefined, env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`retention: ${planned}/${planned} records`));
    const done = /^run ([0-9a-f-]{36}): (\d+) record\(s\) disposed of/m.exec(run.stdout)!;
    runId = done[1]!;
    expect(Number(done[2])).toBe(planned);
    expect(custos(['retention', 'log'], undefined, env).stdout).toContain(
      `${runId} sweep by dpo-1: finished, ${planned} record(s) disposed of`,
    );
  });

  it('writes the run’s certificate as HTML and PDF', () => {
    const html = custos(['retention', 'certificate', runId], undefined, env);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<dt>Started by</dt><dd>dpo-1</dd>');
    const out = join(dir, 'certificate.pdf');
    expect(
      custos(['retention', 'certificate', runId, '--format', 'pdf', '--out', out], undefined, env).code,
    ).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      custos(
        ['retention', 'certificate', runId, '--format', 'html', '--out', join(dir, 'c.pdf')],
        undefined,
        env,
      ).code,
    ).toBe(2);
  });

  it('refuses bad input in one line, changing nothing', () => {
    const hold = custos(
      [
        'retention',
        'hold',
        'place',
        '--record',
        '00000000-0000-4000-8000-000000000000',
        '--matter',
        'disrepair-claim',
        '--reason',
        'DR-1',
        '--owner',
        'legal',
        '--review',
        '2027-01-01',
      ],
      undefined,
      env,
    );
    expect(hold.code).toBe(1);
    expect(hold.stderr).toBe(
      'custos: targetId: there is no record with this id (it may have been disposed of)\n',
    );
    const event = custos(
      ['retention', 'event', 'enter', 'pandemic-over', '--on', '2026-01-01'],
      undefined,
      env,
    );
    expect(event.stderr).toBe(
      'custos: eventId: "pandemic-over" is not an event the manifest declares (it declares none)\n',
    );
  });
});
