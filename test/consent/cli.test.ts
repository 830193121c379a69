/** `custos consent` against a real embedded store of the demo landlord in a temporary folder. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open.ts';
import { custos } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-consent-cli-'));
const env = { CUSTOS_DATA_DIR: dir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '', CUSTOS_MANIFEST: '' };
let person = '';

beforeAll(async () => {
  expect(custos(['demo', '--households', '2', '--seed', '3'], undefined, env).code).toBe(0);
  const db = await openDatabase({ dataDir: dir });
  const [row] = await db.query<{ id: string }>(
    "select id from people where 'tenant' = any(subject_types) order by id limit 1",
  );
  await db.close();
  person = row!.id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custos consent', () => {
  it('records consent and its withdrawal, and writes the receipt', () => {
    const given = custos(
      ['consent', 'give', person, '--activity', 'newsletters', '--channel', 'phone', '--evidence', 'call 88'],
      undefined,
      env,
    );
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toMatch(/^consent given: [0-9a-f-]{36}$/m);
    const withdrawn = custos(
      ['consent', 'withdraw', person, '--activity', 'newsletters', '--channel', 'email'],
      undefined,
      env,
    );
    expect(withdrawn.stdout).toMatch(/consent withdrawn, effective now/);
    const out = join(dir, 'receipt.json');
    expect(custos(['consent', 'receipt', person, '--out', out], undefined, env).code).toBe(0);
    const receipt = JSON.parse(readFileSync(out, 'utf8'));
    expect(receipt.records[0].events.map((e: { state: string }) => e.state)).toEqual(['given', 'withdrawn']);
    expect(custos(['consent', 'receipt', person, '--format', 'txt'], undefined, env).stdout).toContain(
      'You withdrew your consent',
    );
    expect(custos(['consent', 'lapse'], undefined, env).stdout).toBe('0 consent record(s) marked expired\n');
  });

  it('refuses bad input in one line', () => {
    const r = custos(
      ['consent', 'give', person, '--activity', 'lettings', '--channel', 'phone', '--evidence', 'x'],
      undefined,
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'custos: activities: Applications and lettings relies on contract and legal obligation, not on consent: consent to it cannot be given or withdrawn\n',
    );
    expect(custos(['consent', 'receipt', person, '--format', 'pdf'], undefined, env).code).toBe(2);
  });
});
