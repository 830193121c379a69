/**
 * `custos staff add|list|disable` and `custos api-key issue|revoke` against a real embedded store
 * in a temporary folder: the secrets are printed once and work, bad input names the field and
 * changes nothing, and disabling or revoking takes effect at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { authenticateApiKey } from '../../src/web/auth/api-keys.ts';
import { createSession } from '../../src/web/auth/sessions.ts';
import { checkStaffCode, checkStaffPassword } from '../../src/web/auth/staff-accounts.ts';
import { totpCode } from '../../src/web/auth/totp.ts';
import { custos } from './run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'custos-accounts-cli-'));
const env = { CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '', CUSTOS_MASTER_KEY: '' };

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(configFromEnv({ ...process.env, ...env }), { ...process.env, ...env });
  try {
    return await fn(store);
  } finally {
    await store.db.close();
  }
}

describe('account commands', () => {
  let controllerId = '';

  it('adds a staff sign-in, printing the TOTP secret once, and the password and code work', async () => {
    controllerId = await withStore(async (store) => [...store.manifests.keys()][0]!);
    const added = custos(
      [
        'staff',
        'add',
        'officer.one',
        '--name',
        'Officer One',
        '--role',
        'housing-officer',
        '--patch',
        'north',
      ],
      undefined,
      { ...env, CUSTOS_STAFF_PASSWORD: 'a-long-enough-password' },
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const secret = /TOTP secret \(shown this once[^:]*\): ([A-Z2-7]+)/.exec(added.stdout)?.[1];
    expect(secret).toBeTruthy();
    expect(added.stdout).not.toContain('a-long-enough-password');
    await withStore(async (store) => {
      const now = new Date();
      const first = await checkStaffPassword(
        store.db,
        controllerId,
        'officer.one',
        'a-long-enough-password',
        now,
      );
      expect(first.ok).toBe(true);
      const id = first.ok ? first.account.id : '';
      const second = await checkStaffCode(store.db, store.keys, id, await totpCode(secret!, now), now);
      expect(second.ok && second.account.roles).toEqual(['housing-officer']);
      // A session to be ended by disable.
      await createSession(
        store.db,
        { accountKind: 'staff', accountId: id, controllerId, stage: 'active' },
        now,
        {
          idleMinutes: 30,
          maxHours: 12,
        },
      );
    });
  });

  it('makes a password when none is given, and refuses bad input naming the field', () => {
    const made = custos(
      [
        'staff',
        'add',
        'acme.two',
        '--name',
        'Acme Two',
        '--kind',
        'third-party',
        '--role',
        'repairs-contractor',
      ],
      undefined,
      env,
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/password \(shown this once\): \S{20}/);
    const badRole = custos(['staff', 'add', 'x.y', '--name', 'X', '--role', 'no-such-role'], undefined, env);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('roles: "no-such-role" is not a role the manifest declares');
    const wrongKind = custos(
      ['staff', 'add', 'x.z', '--name', 'X', '--role', 'repairs-contractor'],
      undefined,
      env,
    );
    expect(wrongKind.stderr).toContain('is a third-party role; this account is staff');
    const taken = custos(
      ['staff', 'add', 'acme.two', '--name', 'X', '--kind', 'third-party', '--role', 'repairs-contractor'],
      undefined,
      env,
    );
    expect(taken.stderr).toContain('username: is already in use');
  });

  it('lists sign-ins and disables one, ending its sessions', async () => {
    const list = custos(['staff', 'list', '--json'], undefined, env);
    expect(list.code).toBe(0);
    const accounts = JSON.parse(list.stdout) as { username: string; status: string; kind: string }[];
    expect(accounts.map((a) => a.username)).toEqual(['acme.two', 'officer.one']);
    expect(accounts.every((a) => a.status === 'active')).toBe(true);
    const disabled = custos(['staff', 'disable', 'officer.one'], undefined, env);
    expect(disabled.code).toBe(0);
    expect(custos(['staff', 'disable', 'officer.one'], undefined, env).stderr).toContain(
      'there is no active sign-in "officer.one"',
    );
    await withStore(async (store) => {
      const sessions = await store.db.query(
        "select 1 from web_sessions s join web_staff_accounts a on a.id = s.account_id where a.username = 'officer.one'",
      );
      expect(sessions).toHaveLength(0);
      const again = await checkStaffPassword(
        store.db,
        controllerId,
        'officer.one',
        'a-long-enough-password',
        new Date(),
      );
      expect(again.ok).toBe(false);
      const audit = await store.db.query<{ action: string }>(
        "select action from audit_events where action like 'account.%' order by seq",
      );
      expect(audit.map((a) => a.action)).toEqual([
        'account.staff-add',
        'account.staff-add',
        'account.staff-disable',
      ]);
    });
  });

  it('issues an API key for a new service account, once, and revokes it', async () => {
    const missing = custos(['api-key', 'issue', 'hms'], undefined, env);
    expect(missing.stderr).toContain('give --role and --purpose');
    const outside = custos(
      ['api-key', 'issue', 'hms', '--role', 'repairs-coordinator', '--purpose', 'lettings'],
      undefined,
      env,
    );
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('purposes: none of the account\'s roles may act for "lettings"');
    const issued = custos(
      ['api-key', 'issue', 'hms', '--role', 'repairs-coordinator', '--purpose', 'repairs'],
      undefined,
      env,
    );
    expect(issued.code).toBe(0);
    const key = /^(ck\.[0-9a-f]{16}\.\S+)$/m.exec(issued.stdout)?.[1];
    expect(key).toBeTruthy();
    await withStore(async (store) => {
      expect((await authenticateApiKey(store.db, key!))?.purposes).toEqual(['repairs']);
      const [row] = await store.db.query<{ secret_hash: Uint8Array }>('select secret_hash from web_api_keys');
      expect(Buffer.from(row!.secret_hash).toString('utf8')).not.toContain(key!.split('.')[2]);
    });
    const keyId = key!.split('.')[1]!;
    expect(custos(['api-key', 'revoke', 'not-a-key'], undefined, env).code).toBe(2);
    const revoked = custos(['api-key', 'revoke', keyId], undefined, env);
    expect(revoked.stdout).toContain(`API key ${keyId} revoked`);
    expect(custos(['api-key', 'revoke', keyId], undefined, env).stderr).toContain('there is no live API key');
    await withStore(async (store) => expect(await authenticateApiKey(store.db, key!)).toBeUndefined());
  });
});

describe('custos staff add --help', () => {
  it('explains every option, and gives examples', () => {
    const help = custos(['staff', 'add', '--help']);
    expect(help.code).toBe(0);
    const explained = help.stdout.split('What each part means:')[1] ?? '';
    for (const part of ['<username>', '--name', '--kind', '--role', '--patch', '--team', '--password-stdin'])
      expect(explained, part).toContain(`  ${part} `);
    expect(explained).toContain('at least 10 characters');
    expect(help.stdout).toMatch(
      /Examples:\n {2}custos staff add jo\.bloggs --name "Jo Bloggs" --role housing-officer/,
    );
  });
});
