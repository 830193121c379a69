/**
 * `custos api-key issue|revoke`: keys for service accounts (a housing management system pushing
 * records through the API), over src/web/auth/api-keys.ts. `issue` makes the service account
 * first when it is new (its roles and purposes given), and prints the key once; only a hash of
 * its secret is kept. `revoke` takes the key's id (the part after "ck.").
 */
import type { Command } from 'commander';
import { createServiceAccount, issueApiKey, revokeApiKey } from '../../web/auth/api-keys.ts';
import { CliError } from '../io.ts';
import { accountOptions, auditAccountChange, collect, withAccounts, type AccountOptions } from './staff.ts';

interface IssueOptions extends AccountOptions {
  role: string[];
  purpose: string[];
  patch: string[];
  team: string[];
}

const KEY_ID = /^(?:ck\.)?([0-9a-f]{16})(?:\..*)?$/;

export function registerApiKey(program: Command): void {
  const apiKey = program.command('api-key').description('API keys for service accounts');
  accountOptions(apiKey.command('issue <account>'))
    .description(
      'issue a key for a service account (made first if new: give --role and --purpose); printed once',
    )
    .option('--role <id>', 'a staff role from the manifest, for a new account (repeatable)', collect, [])
    .option('--purpose <id>', 'a purpose the key may act for, for a new account (repeatable)', collect, [])
    .option('--patch <id>', 'a patch, for a new account (repeatable)', collect, [])
    .option('--team <id>', 'a team, for a new account (repeatable)', collect, [])
    .action(async (name: string, opts: IssueOptions) => {
      await withAccounts(opts, async (c) => {
        const [existing] = await c.store.db.query<{ id: string; disabled_at: Date | null }>(
          'select id, disabled_at from web_service_accounts where controller_id = $1 and name = $2',
          [c.controllerId, name],
        );
        if (existing?.disabled_at) throw new CliError(`account: the service account "${name}" is disabled`);
        if (existing && (opts.role.length || opts.purpose.length))
          throw new CliError(
            `account: "${name}" already exists; its roles and purposes cannot be changed here (leave out --role and --purpose)`,
          );
        if (!existing && (opts.role.length === 0 || opts.purpose.length === 0))
          throw new CliError(
            `account: there is no service account "${name}"; give --role and --purpose to make one`,
          );
        const now = c.store.now();
        const id =
          existing?.id ??
          (await createServiceAccount(
            c.store.db,
            c.manifest,
            { name, roles: opts.role, purposes: opts.purpose, patches: opts.patch, teams: opts.team },
            now,
          ));
        const key = await issueApiKey(c.store.db, id, now);
        const keyId = key.split('.')[1]!;
        await auditAccountChange(
          c,
          'account.api-key-issue',
          `API key ${keyId} issued to service account "${name}"`,
        );
        process.stdout.write(
          `${existing ? '' : `service account "${name}" made (roles ${opts.role.join(', ')}; purposes ${opts.purpose.join(', ')})\n`}API key ${keyId} issued; the key (shown this once; send it as "Authorization: Bearer <key>"):\n${key}\n`,
        );
      });
    });
  accountOptions(apiKey.command('revoke <key-id>'))
    .description('revoke a key at once (give its id, the 16 hex digits after "ck.")')
    .action(async (given: string, opts: AccountOptions) => {
      const keyId = KEY_ID.exec(given)?.[1];
      if (!keyId) throw new CliError('key-id: must be the 16 hex digits after "ck." in the key', 2);
      await withAccounts(opts, async (c) => {
        const [live] = await c.store.db.query(
          `select 1 from web_api_keys k join web_service_accounts s on s.id = k.service_account_id
            where k.id = $1 and s.controller_id = $2 and k.revoked_at is null`,
          [keyId, c.controllerId],
        );
        if (!live) throw new CliError(`key-id: there is no live API key ${keyId}`);
        await revokeApiKey(c.store.db, keyId, c.store.now());
        await auditAccountChange(c, 'account.api-key-revoke', `API key ${keyId} revoked`);
        process.stdout.write(`API key ${keyId} revoked\n`);
      });
    });
}
