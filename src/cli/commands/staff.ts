/**
 * `custos staff add|list|disable`: staff and contractor sign-ins for the web application, over
 * src/web/auth/staff-accounts.ts. `add` prints the password (when Custos made it) and the TOTP
 * secret once; only a hash and a sealed secret are kept. `disable` also ends every session.
 * Account changes are written to the audit log. Accounts hold no one's file, so nothing here
 * passes the records gate.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { appendAudit } from '../../audit/append.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { auditEvent, type Call, type Store } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { endAllSessions } from '../../web/auth/sessions.ts';
import { createStaffAccount } from '../../web/auth/staff-accounts.ts';
import { totpUri } from '../../web/auth/totp.ts';
import { MIN_PASSWORD_LENGTH } from '../../web/auth/passwords.ts';
import { CliError, controllerOf, withStore } from '../io.ts';

export interface AccountOptions {
  controller?: string;
  by?: string;
}

export interface AccountContext {
  store: Store;
  manifest: Manifest;
  controllerId: string;
  by: string;
}

/** Open the store for one controller, run `fn`, close; input errors become one-line CLI errors. */
export async function withAccounts(
  opts: AccountOptions,
  fn: (c: AccountContext) => Promise<void>,
): Promise<void> {
  await withStore(async (store) => {
    const controllerId = controllerOf(store, opts.controller);
    await fn({
      store,
      manifest: store.manifests.get(controllerId)!,
      controllerId,
      by: opts.by ?? `cli:${userInfo().username}`,
    });
  });
}

/** An account change in the audit log: who did it and to which account (never a secret). */
export async function auditAccountChange(c: AccountContext, action: string, reason: string): Promise<void> {
  const call: Call = {
    actor: { id: c.by, kind: 'staff', controllerId: c.controllerId, roles: [] },
    purpose: undefined,
    channel: 'cli',
  };
  await c.store.db.transaction((tx) =>
    appendAudit(tx, [
      auditEvent(call, c.controllerId, c.store.now(), { action, outcome: 'allowed', reason }),
    ]),
  );
}

export function accountOptions(c: Command): Command {
  return c
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--by <who>', 'who is acting, for the audit log (default: cli:<your user name>)');
}

/** A repeatable option: --role a --role b, or --role a,b. */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

interface AddOptions extends AccountOptions {
  name: string;
  kind: string;
  role: string[];
  patch: string[];
  team: string[];
  passwordStdin?: boolean;
}

/** The new password: from stdin, from CUSTOS_STAFF_PASSWORD, or made here (and then printed once). */
function newPassword(opts: AddOptions): { password: string; made: boolean } {
  if (opts.passwordStdin) {
    const line = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
    return { password: line, made: false };
  }
  const fromEnv = process.env.CUSTOS_STAFF_PASSWORD;
  if (fromEnv) return { password: fromEnv, made: false };
  return { password: randomBytes(15).toString('base64url'), made: true };
}

interface ListedAccount {
  username: string;
  display_name: string;
  kind: string;
  roles: string[];
  patches: string[];
  teams: string[];
  disabled_at: Date | null;
  locked_until: Date | null;
}

export async function listStaffAccounts(db: Queryable, controllerId: string): Promise<ListedAccount[]> {
  return db.query<ListedAccount>(
    `select username, display_name, kind, roles, patches, teams, disabled_at, locked_until
       from web_staff_accounts where controller_id = $1 order by username`,
    [controllerId],
  );
}

/** Disable an account and end its sessions at once, on every instance; false if none was live. */
export async function disableStaffAccount(
  db: Queryable,
  controllerId: string,
  username: string,
  now: Date,
): Promise<boolean> {
  const [row] = await db.query<{ id: string }>(
    `update web_staff_accounts set disabled_at = $3
      where controller_id = $1 and username = $2 and disabled_at is null returning id`,
    [controllerId, username, now],
  );
  if (!row) return false;
  await endAllSessions(db, 'staff', row.id);
  return true;
}

const ADD_HELP = `
What each part means:
  <username>          how they sign in: 2 to 63 lower-case letters, digits, dots,
                      hyphens or underscores, e.g. jo.bloggs; unique for the landlord
  --name              their name as staff see it on pages and in the audit log
  --kind              staff (an employee) or third-party (a contractor); each role
                      in the manifest says which kind may hold it
  --role              a role id under "roles:" in the manifest; the role decides the
                      purposes they act under and the fields they see
  --patch             for roles with "scope: patch": the housing patches whose homes
                      they may see (the patch names in your housing data, e.g. north)
  --team              for roles with "scope: team": a team id under "teams:" in the
                      manifest
  --password-stdin    the password (at least ${MIN_PASSWORD_LENGTH} characters) comes from the first line of
                      stdin; without it, CUSTOS_STAFF_PASSWORD is used, and without
                      that a password is made and printed once

It prints the authenticator (TOTP) secret once, as text and as an otpauth:// address:
they need it, with the password, to sign in. Only a hash and a sealed secret are kept.
The change is written to the audit log under --by.

Examples:
  custos staff add jo.bloggs --name "Jo Bloggs" --role housing-officer --patch north
  custos staff add sam.khan --name "Sam Khan" --role support-worker --team tenancy-support
  custos staff add acme.repairs --name "Acme Repairs" --kind third-party --role repairs-contractor
  printf '%s\\n' "$PASSWORD" | custos staff add ali.shah --name "Ali Shah" \\
      --role income-officer,asb-officer --patch south --password-stdin
`;

const listOption = (flags: string, description: string) =>
  new Option(flags, description).argParser(collect).default([], 'none');

function registerAdd(staff: Command): void {
  accountOptions(staff.command('add').argument('<username>', 'the sign-in name (see below)'))
    .description('add a staff or contractor sign-in; prints the TOTP secret (and a made-up password) once')
    .requiredOption('--name <display-name>', 'the name shown on pages')
    .addOption(
      new Option('--kind <kind>', 'staff, or third-party for a contractor')
        .choices(['staff', 'third-party'])
        .default('staff'),
    )
    .addOption(
      new Option('--role <id>', 'a role from the manifest (repeat, or comma-separate)')
        .argParser(collect)
        .makeOptionMandatory(),
    )
    .addOption(listOption('--patch <id>', 'a patch, for roles scoped to patches (repeatable)'))
    .addOption(listOption('--team <id>', 'a team from the manifest, for roles scoped to teams (repeatable)'))
    .option(
      '--password-stdin',
      'read the password from the first line of stdin (else CUSTOS_STAFF_PASSWORD, else one is made)',
    )
    .addHelpText('after', ADD_HELP)
    .action(async (username: string, opts: AddOptions) => {
      if (opts.kind !== 'staff' && opts.kind !== 'third-party')
        throw new CliError('--kind must be staff or third-party', 2);
      const { password, made } = newPassword(opts);
      await withAccounts(opts, async (c) => {
        const { totpSecret } = await createStaffAccount(
          c.store.db,
          c.store.keys,
          c.manifest,
          {
            username,
            displayName: opts.name,
            kind: opts.kind as 'staff' | 'third-party',
            roles: opts.role,
            patches: opts.patch,
            teams: opts.team,
            password,
          },
          c.store.now(),
        );
        await auditAccountChange(
          c,
          'account.staff-add',
          `sign-in "${username}" added with roles ${opts.role.join(', ')}`,
        );
        const lines = [`staff sign-in "${username}" added (${opts.kind}; roles ${opts.role.join(', ')})`];
        if (made) lines.push(`password (shown this once): ${password}`);
        lines.push(
          `TOTP secret (shown this once; add it to an authenticator app): ${totpSecret}`,
          `  or as an address: ${totpUri(totpSecret, c.manifest.controller.shortName ?? c.manifest.controller.name, username)}`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

function registerListAndDisable(staff: Command): void {
  accountOptions(staff.command('list'))
    .description('staff and contractor sign-ins: username, kind, roles, and whether disabled or locked')
    .option('--json', 'print as JSON')
    .action(async (opts: AccountOptions & { json?: boolean }) => {
      await withAccounts(opts, async (c) => {
        const rows = await listStaffAccounts(c.store.db, c.controllerId);
        const now = c.store.now();
        const view = rows.map((r) => ({
          username: r.username,
          name: r.display_name,
          kind: r.kind,
          roles: r.roles,
          patches: r.patches,
          teams: r.teams,
          status: r.disabled_at ? 'disabled' : r.locked_until && r.locked_until > now ? 'locked' : 'active',
        }));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        for (const v of view)
          process.stdout.write(
            `${v.username.padEnd(24)} ${v.kind.padEnd(11)} ${v.status.padEnd(8)} ${v.roles.join(',')}${v.patches.length ? ` patches ${v.patches.join(',')}` : ''}  ${v.name}\n`,
          );
      });
    });
  accountOptions(staff.command('disable <username>'))
    .description('disable a sign-in and end all its sessions at once')
    .action(async (username: string, opts: AccountOptions) => {
      await withAccounts(opts, async (c) => {
        if (!(await disableStaffAccount(c.store.db, c.controllerId, username, c.store.now())))
          throw new CliError(`username: there is no active sign-in "${username}"`);
        await auditAccountChange(c, 'account.staff-disable', `sign-in "${username}" disabled`);
        process.stdout.write(`staff sign-in "${username}" disabled; its sessions have ended\n`);
      });
    });
}

export function registerStaff(program: Command): void {
  const staff = program.command('staff').description('staff and contractor sign-ins for the web application');
  registerAdd(staff);
  registerListAndDisable(staff);
}
