/**
 * Staff and third-party accounts. Their roles, patches and teams are the manifest's, checked when
 * the account is made; the actor the gate sees is built from them on every request, so a change
 * to the manifest takes effect at once.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/decide.ts';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { InputError } from '../../records/errors.ts';
import { registerController } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import type { MasterKeyRing } from '../../store/keys.ts';
import { isLocked, recordFailure, recordSuccess, type LockState } from './lockout.ts';
import { checkPassword, hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { openSecret, sealSecret } from './secrets.ts';
import { checkTotp, newTotpSecret } from './totp.ts';

export interface StaffAccount {
  id: string;
  controllerId: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'third-party';
  roles: string[];
  patches: string[];
  teams: string[];
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  kind: 'staff' | 'third-party';
  roles: string[];
  patches?: string[];
  teams?: string[];
  password: string;
  /** A base32 TOTP secret; a new one is made when absent. */
  totpSecret?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

function checkNew(manifest: Manifest, input: NewStaffAccount): void {
  if (!USERNAME.test(input.username))
    throw new InputError('username', 'use 2 to 63 lower-case letters, digits, dots, hyphens or underscores');
  if (!input.displayName.trim()) throw new InputError('displayName', 'is required');
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new InputError('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (input.roles.length === 0) throw new InputError('roles', 'give at least one role');
  const roles = lookup(manifest).roles;
  for (const id of input.roles) {
    const role = roles.get(id);
    if (!role) throw new InputError('roles', `"${id}" is not a role the manifest declares`);
    if (role.kind !== input.kind)
      throw new InputError('roles', `"${id}" is a ${role.kind} role; this account is ${input.kind}`);
  }
  const teams = lookup(manifest).teams;
  const unknownTeam = input.teams?.find((t) => !teams.has(t));
  if (unknownTeam) throw new InputError('teams', `"${unknownTeam}" is not a team the manifest declares`);
}

const totpAad = (id: string) => `custos-web-totp:${id}`;

/** Create an account; returns its id and the TOTP secret to give the person (once). */
export async function createStaffAccount(
  db: Queryable,
  keys: MasterKeyRing,
  manifest: Manifest,
  input: NewStaffAccount,
  now: Date,
): Promise<{ id: string; totpSecret: string }> {
  checkNew(manifest, input);
  const id = randomUUID();
  const totpSecret = input.totpSecret ?? newTotpSecret();
  const passwordHash = await hashPassword(input.password);
  await registerController(db, manifest);
  const [taken] = await db.query(
    'select 1 from web_staff_accounts where controller_id = $1 and username = $2',
    [manifest.controller.id, input.username],
  );
  if (taken) throw new InputError('username', 'is already in use');
  await db.query(
    `insert into web_staff_accounts (id, controller_id, username, display_name, kind, roles, patches, teams,
                                     password_hash, totp_secret, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      manifest.controller.id,
      input.username,
      input.displayName.trim(),
      input.kind,
      input.roles,
      input.patches ?? [],
      input.teams ?? [],
      passwordHash,
      sealSecret(keys, totpSecret, totpAad(id)),
      now,
    ],
  );
  return { id, totpSecret };
}

interface StaffRow extends LockState {
  id: string;
  controller_id: string;
  username: string;
  display_name: string;
  kind: 'staff' | 'third-party';
  roles: string[];
  patches: string[];
  teams: string[];
  password_hash: string;
  totp_secret: Uint8Array;
  totp_last_step: number | null;
}

const COLUMNS = `id, controller_id, username, display_name, kind, roles, patches, teams, password_hash, totp_secret,
                 totp_last_step, failed_attempts, locked_until`;

/** The columns of liveStaffAccountSql. */
export type StaffAccountRow = Pick<
  StaffRow,
  'id' | 'controller_id' | 'username' | 'display_name' | 'kind' | 'roles' | 'patches' | 'teams'
>;

const toAccount = (r: StaffAccountRow): StaffAccount => ({
  id: r.id,
  controllerId: r.controller_id,
  username: r.username,
  displayName: r.display_name,
  kind: r.kind,
  roles: r.roles,
  patches: r.patches,
  teams: r.teams,
});

/**
 * The live (not disabled) account whose id is `idSql`, as a subquery: sessions.ts joins it to the
 * session's own lookup, so a signed-in request reads both in one query. No secrets are selected.
 */
export const liveStaffAccountSql = (idSql: string) =>
  `select id, controller_id, username, display_name, kind, roles, patches, teams
     from web_staff_accounts where id = ${idSql} and disabled_at is null`;

/** An account from a row of liveStaffAccountSql (or that row as JSON: the keys are the columns). */
export const staffAccountOf = toAccount;

export type SignInResult = { ok: true; account: StaffAccount } | { ok: false; reason: 'wrong' | 'locked' };

/** First factor: username and password, with lockout. */
export async function checkStaffPassword(
  db: Queryable,
  controllerId: string,
  username: string,
  password: string,
  now: Date,
): Promise<SignInResult> {
  const [row] = await db.query<StaffRow>(
    `select ${COLUMNS} from web_staff_accounts where controller_id = $1 and username = $2 and disabled_at is null`,
    [controllerId, username.trim().toLowerCase()],
  );
  const good = await checkPassword(row?.password_hash, password);
  if (!row) return { ok: false, reason: 'wrong' };
  // Locked accounts answer "locked" only after the password check, so timing tells nothing more.
  if (isLocked(row, now)) return { ok: false, reason: 'locked' };
  if (!good) {
    await recordFailure(db, 'web_staff_accounts', row.id, now);
    return { ok: false, reason: 'wrong' };
  }
  return { ok: true, account: toAccount(row) };
}

/** Second factor: the TOTP code; a success clears the failure count and records the step. */
export async function checkStaffCode(
  db: Queryable,
  keys: MasterKeyRing,
  accountId: string,
  code: string,
  now: Date,
): Promise<SignInResult> {
  const [row] = await db.query<StaffRow>(
    `select ${COLUMNS} from web_staff_accounts where id = $1 and disabled_at is null`,
    [accountId],
  );
  if (!row) return { ok: false, reason: 'wrong' };
  if (isLocked(row, now)) return { ok: false, reason: 'locked' };
  const secret = openSecret(keys, row.totp_secret, totpAad(row.id));
  const step = await checkTotp(secret, code.replace(/\s+/g, ''), now, row.totp_last_step);
  if (step === undefined) {
    await recordFailure(db, 'web_staff_accounts', row.id, now);
    return { ok: false, reason: 'wrong' };
  }
  // Only a later step than the one stored may be accepted, so two instances cannot both take a code.
  const moved = await db.query(
    `update web_staff_accounts set totp_last_step = $2
      where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
    [row.id, step],
  );
  if (moved.length === 0) return { ok: false, reason: 'wrong' };
  await recordSuccess(db, 'web_staff_accounts', row.id);
  return { ok: true, account: toAccount(row) };
}

/** The actor the gate judges: the account's username, kind, roles, patches and teams. */
export function staffActor(account: StaffAccount): Actor {
  return {
    id: account.username,
    kind: account.kind,
    controllerId: account.controllerId,
    roles: account.roles,
    patches: account.patches,
    teams: account.teams,
  };
}

/** The purposes the account's roles may act under, in the manifest's order of activities. */
export function staffPurposes(manifest: Manifest, account: Pick<StaffAccount, 'roles' | 'kind'>): string[] {
  const roles = lookup(manifest).roles;
  const granted = new Set(
    account.roles.flatMap((id) => {
      const role = roles.get(id);
      return role && role.kind === account.kind ? role.purposes : [];
    }),
  );
  return manifest.activities.filter((a) => granted.has(a.id)).map((a) => a.id);
}
