/**
 * `custos audit verify` and `custos keys rotate` against a real embedded store in a temporary
 * folder (the server engine is covered by the store tests; these commands only compose them).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { writeBatch } from '../../src/records/batch.ts';
import { readPerson } from '../../src/records/people.ts';
import type { Call } from '../../src/records/store.ts';
import { openVaultDatabase } from '../../src/store/open.ts';
import { custos } from './run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'custos-store-cli-'));
const env = { CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '' };
const config = () => configFromEnv({ ...process.env, ...env });

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(config(), { ...process.env, ...env });
  try {
    return await fn(store);
  } finally {
    await store.db.close();
  }
}

describe('store commands on the embedded engine', () => {
  let personId = '';
  const system = (controllerId: string): Call => ({
    actor: { id: 'test', kind: 'system', controllerId, roles: [] },
    purpose: 'tenancy-management',
    channel: 'cli',
  });

  it('verifies the audit chain, and reports where it was tampered with', async () => {
    await withStore(async (store) => {
      const controllerId = [...store.manifests.keys()][0]!;
      const ids = await writeBatch(store, system(controllerId), {
        controllerId,
        people: [{ subjectTypes: ['tenant'], profile: { givenName: 'Una', familyName: 'Example' } }],
      });
      personId = ids.people[0]!;
    });
    const ok = custos(['audit', 'verify'], undefined, env);
    expect(ok.stdout).toMatch(/audit chain intact: 1 events verified/);
    expect(ok.code).toBe(0);
    await withStore((store) => store.db.query("update audit_events set actor = 'someone' where seq = 1"));
    const broken = custos(['audit', 'verify'], undefined, env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('audit chain broken at event 1 (edited)');
    await withStore((store) => store.db.query("update audit_events set actor = 'test' where seq = 1"));
    expect(custos(['audit', 'verify'], undefined, env).code).toBe(0);
  });

  it('rotates the master key by re-wrapping data keys, and the data stays readable', async () => {
    const wrappedKeys = async () => {
      const vault = await openVaultDatabase({ keysDir: dirname(config().keyFile) });
      const rows = await vault.query<{ wrapped_key: Uint8Array }>(
        'select wrapped_key from vault_person_keys',
      );
      await vault.close();
      return rows.map((r) => Buffer.from(r.wrapped_key).toString('hex'));
    };
    const profiles = () =>
      withStore((store) => store.db.query<{ profile: Uint8Array }>('select profile from people'));
    const [keysBefore, profilesBefore] = [await wrappedKeys(), await profiles()];
    const r = custos(['keys', 'rotate'], undefined, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('re-wrapped 1 data key(s)');
    expect(
      readFileSync(config().keyFile, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('#')),
    ).toHaveLength(2);
    expect(await wrappedKeys()).not.toEqual(keysBefore);
    const events = await withStore((store) =>
      store.db.query<{ action: string; reason: string }>(
        "select action, reason from audit_events where action = 'keys.rewrap'",
      ),
    );
    expect(events[0]!.reason).toMatch(/^1 data key\(s\) re-wrapped under master key k/);
    expect(await profiles()).toEqual(profilesBefore);
    await withStore(async (store) => {
      const controllerId = [...store.manifests.keys()][0]!;
      expect((await readPerson(store, system(controllerId), personId)).profile).toMatchObject({
        givenName: 'Una',
      });
    });
  });
});
