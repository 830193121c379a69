/**
 * `custos retention` against a real embedded store of the demo landlord in a temporary folder:
 * plan, run with its log, the certificate in both formats, and clear one-line errors for bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, custos } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-retention-cli-'));
const env = { CUSTOS_DATA_DIR: dir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '', CUSTOS_MANIFEST: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the command at a terminal (a pseudo-terminal from util-linux `script`), typing `typed`. */
function atTerminal(args: string[], typed: string) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, ...env },
    input: `${typed}\n`,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status ?? -1, output: r.stdout };
}
const hasScript = spawnSync('script', ['--version']).status === 0;
const due = () => {
  const plan = custos(['retention', 'plan', '--json'], undefined, env);
  const lines = (JSON.parse(plan.stdout) as { lines: { action: string; due: number }[] }).lines;
  return lines.filter((l) => l.action !== 'review').reduce((n, l) => n + l.due, 0);
};

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
      /^ {2}contact-log +tenancy-ended +6 years after the tenancy ends: \d+ to erase$/m,
    );

    // Not at a terminal, a run needs --yes; without it nothing is disposed of.
    const unconfirmed = custos(['retention', 'run', '--by', 'dpo-1'], undefined, env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toBe(
      'custos: retention run disposes of records for good: give --yes to confirm (custos retention plan shows what would go)\n',
    );
    expect(due()).toBe(planned);

    const run = custos(['retention', 'run', '--yes', '--by', 'dpo-1', '--batch', '25'], undefined, env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`retention: ${planned}/${planned} records`));
    const done = /^run ([0-9a-f-]{36}): (\d+) record\(s\) disposed of/m.exec(run.stdout)!;
    runId = done[1]!;
    expect(Number(done[2])).toBe(planned);
    expect(custos(['retention', 'log'], undefined, env).stdout).toContain(
      `${runId} sweep by dpo-1: finished, ${planned} record(s) disposed of`,
    );
  });

  it.skipIf(!hasScript)('at a terminal, shows the plan’s counts and disposes only when yes is typed', () => {
    const declined = atTerminal(['retention', 'run', '--by', 'dpo-1'], 'no');
    expect(declined.code).toBe(1);
    expect(declined.output).toMatch(/in all: \d+ record\(s\) would go, \d+ would be queued for review/);
    expect(declined.output).toMatch(
      /Dispose of \d+ record\(s\) and queue \d+ for review now\? This cannot be undone/,
    );
    expect(declined.output).toContain('custos: not confirmed: nothing was disposed of');
    expect(declined.output).not.toMatch(/^run [0-9a-f-]{36}/m);
    const confirmed = atTerminal(['retention', 'run', '--by', 'dpo-1'], 'yes');
    expect(confirmed.code).toBe(0);
    expect(confirmed.output).toMatch(/run [0-9a-f-]{36}: \d+ record\(s\) disposed of/);
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
