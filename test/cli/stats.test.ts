/**
 * `custos stats equality` against a real embedded store: counts as text and CSV with small numbers
 * suppressed, run as a named staff sign-in whose roles the gate judges; bad input named.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { writeBatch } from '../../src/records/batch.ts';
import type { Call } from '../../src/records/store.ts';
import { createStaffAccount } from '../../src/web/auth/staff-accounts.ts';
import { custos } from './run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'custos-stats-cli-'));
const env = { CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '' };

beforeAll(async () => {
  const store = await openStore(configFromEnv({ ...process.env, ...env }), { ...process.env, ...env });
  try {
    const controllerId = [...store.manifests.keys()][0]!;
    const manifest = store.manifests.get(controllerId)!;
    const system = (purpose: string): Call => ({
      actor: { id: 'test', kind: 'system', controllerId, roles: [] },
      purpose,
      channel: 'cli',
    });
    const ids = await writeBatch(store, system('tenancy-management'), {
      controllerId,
      people: Array.from({ length: 14 }, (_, i) => ({
        subjectTypes: ['tenant'],
        profile: { givenName: `Synthetic${i}`, familyName: 'Tester' },
      })),
    });
    await writeBatch(store, system('equality-monitoring'), {
      controllerId,
      records: ids.people.map((personId, i) => ({
        personId,
        recordType: 'equality-monitoring',
        payload: { disability: i < 12 ? 'no' : 'yes' },
      })),
    });
    for (const [username, roles] of [
      ['analyst', ['equality-analyst']],
      ['officer', ['housing-officer']],
    ] as const)
      await createStaffAccount(
        store.db,
        store.keys,
        manifest,
        {
          username,
          displayName: username,
          kind: 'staff',
          roles: [...roles],
          password: 'a-long-test-password',
        },
        store.now(),
      );
  } finally {
    await store.db.close();
  }
}, 240_000);

describe('custos stats equality', () => {
  it('prints counts with the small one and the next smallest suppressed, as text and CSV', () => {
    const text = custos(['stats', 'equality', '--by', 'disability', '--user', 'analyst'], undefined, env);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Yes\s+fewer than 10/);
    expect(text.stdout).toMatch(/No\s+not shown/);
    expect(text.stdout).toContain('0 left out');
    const csv = custos(
      ['stats', 'equality', '--by', 'disability', '--user', 'analyst', '--format', 'csv', '--k', '2'],
      undefined,
      env,
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual([
      'question,answer,count,shown as',
      'disability,yes,2,2',
      'disability,no,12,12',
    ]);
  });

  it('refuses a sign-in whose roles may not count, and bad input, naming the option or field', () => {
    const officer = custos(['stats', 'equality', '--by', 'disability', '--user', 'officer'], undefined, env);
    expect(officer.code).toBe(1);
    expect(officer.stderr).toContain('access denied');
    const field = custos(['stats', 'equality', '--by', 'shoeSize', '--user', 'analyst'], undefined, env);
    expect(field.code).toBe(1);
    expect(field.stderr).toContain('by: "shoeSize" is not a question');
    const k = custos(
      ['stats', 'equality', '--by', 'disability', '--user', 'analyst', '--k', '1'],
      undefined,
      env,
    );
    expect(k.code).toBe(2);
    expect(k.stderr).toContain('--k must be a whole number from 2 to 100');
  });
});
