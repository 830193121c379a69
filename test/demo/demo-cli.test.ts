/** `custos demo` as a user runs it: an embedded store in a temporary folder, counts on stdout. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { custos } from '../cli/run-cli.ts';

const env = () => ({
  CUSTOS_DATA_DIR: mkdtempSync(join(tmpdir(), 'custos-demo-cli-')),
  DATABASE_URL: '',
  CUSTOS_MASTER_KEY: '',
});

describe('custos demo', () => {
  it('fills an empty store, says how much it wrote, and leaves an intact audit chain', () => {
    const e = env();
    const r = custos(['demo', '--households', '12', '--seed', '3', '--as-of', '2026-01-31'], undefined, e);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote 12 households \(\d+ homes, 12 tenancies\), \d+ people, \d+ records and \d+ documents in /,
    );
    expect(r.stderr).toContain('demo: 12/12 households');
    expect(custos(['audit', 'verify'], undefined, e).stdout).toMatch(/audit chain intact/);
  });

  it('refuses bad options before touching the store', () => {
    const e = env();
    expect(custos(['demo', '--households', '0'], undefined, e)).toMatchObject({ code: 2 });
    const r = custos(['demo', '--as-of', '2026-02-30'], undefined, e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of must be a date written YYYY-MM-DD');
  });
});
