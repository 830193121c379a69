/**
 * `custos returns` against a real embedded store of the demo landlord (with the sharing
 * manifest's activities and agreements, their expiry dropped: the CLI runs on today's date).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDate } from '../../src/rights/requests/input.ts';
import { custos } from '../cli/run-cli.ts';
import { sharingManifestText } from '../sharing/manifest.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-returns-cli-'));
const manifestFile = join(dir, 'privacy.yaml');
const env = {
  CUSTOS_DATA_DIR: join(dir, 'data'),
  DATABASE_URL: '',
  CUSTOS_MASTER_KEY: '',
  CUSTOS_MANIFEST: manifestFile,
};
const today = ukDate(new Date());
const run = (args: string[]) => custos(['returns', ...args], undefined, env);

beforeAll(() => {
  writeFileSync(manifestFile, sharingManifestText().replace(/^\s+expiry: .*\n/gm, ''));
  expect(custos(['demo', '--households', '20', '--seed', '4'], undefined, env).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custos returns', () => {
  it('writes a CORE return and says what it logged', () => {
    const out = join(dir, 'core.csv');
    const r = run([
      'core',
      '--from',
      '2015-01-01',
      '--to',
      today,
      '--out',
      out,
      '--by',
      'dpo-1',
      '--core-org',
      'ORG9',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^return [0-9a-f-]{36}: CORE lettings return \(new lettings\) to mhclg under agreement core-dsa$/m,
    );
    expect(r.stdout).toContain("each person's disclosure is logged");
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]!.split(',')).toHaveLength(129);
    expect(lines.slice(1).every((l) => l.startsWith('ORG9,ORG9,'))).toBe(true);
  });

  it('writes the NFI extract as a zip of three files, and refuses another extension', () => {
    expect(run(['nfi', '--from', '2026-01-01', '--to', today, '--out', join(dir, 'nfi.csv')])).toMatchObject({
      code: 2,
      stderr:
        'custos: --out: the NFI extract is three files (tenants, right to buy, waiting list); give a .zip file\n',
    });
    const out = join(dir, 'nfi.zip');
    expect(run(['nfi', '--from', '2026-01-01', '--to', today, '--out', out]).code).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(out))).sort()).toEqual([
      'nfi-housing-tenants.csv',
      'nfi-right-to-buy.csv',
      'nfi-waiting-list.csv',
    ]);
  });

  it('lists the returns and the agreements due for review', () => {
    const list = run(['list']);
    expect(
      list.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ')[2]),
    ).toEqual(['nfi', 'core']);
    expect(list.stdout).toContain('approved by dpo-1');
    expect(run(['agreements', '--within', '100000']).stdout).toContain(
      'rental-exchange-dsa (Experian (Rental Exchange)): review',
    );
  });

  it('refuses bad input in one line, writing nothing', () => {
    const out = join(dir, 'never.csv');
    expect(
      run(['rental-exchange', '--from', '2026-01-01', '--to', '2099-01-01', '--out', out]),
    ).toMatchObject({
      code: 1,
      stderr: `custos: to: 2099-01-01 is in the future (today is ${today})\n`,
    });
    expect(run(['core', '--from', '2026-13-01', '--to', today, '--out', out]).code).toBe(2);
    expect(
      run(['core', '--from', '2026-01-01', '--to', today, '--out', join(dir, 'nowhere', 'x.csv')]),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('its folder does not exist'),
    });
    expect(() => readFileSync(out)).toThrow();
    expect(run(['list']).stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('custos returns on the demo landlord as shipped', () => {
  // No manifest named: the CLI uses examples/demo-landlord.yaml, which declares the returns.
  const demoEnv = {
    CUSTOS_DATA_DIR: join(dir, 'demo-data'),
    DATABASE_URL: '',
    CUSTOS_MASTER_KEY: '',
    CUSTOS_MANIFEST: '',
  };

  beforeAll(() => {
    expect(custos(['demo', '--households', '8', '--seed', '5'], undefined, demoEnv).code).toBe(0);
  });

  it('makes a CORE return from a demo store', () => {
    const out = join(dir, 'demo-core.csv');
    const r = custos(
      ['returns', 'core', '--from', '2015-01-01', '--to', today, '--out', out],
      undefined,
      demoEnv,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CORE lettings return \(new lettings\) to mhclg under agreement core-dsa$/m);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]!.split(',')).toHaveLength(129);
  });
});
