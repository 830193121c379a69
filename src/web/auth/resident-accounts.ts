/**
 * Residents' portal accounts. Registering matches the person to someone on file
 * (records/web-identity.ts), keeps only a keyed hash of their email address, and sends a one-time
 * link to that address (through the outbox); the account can sign in once the link is used.
 */
import { randomUUID } from 'node:crypto';
import { lookupToken } from '../../records/lookup-tokens.ts';
import type { Queryable } from '../../store/db.ts';
import type { MasterKeyRing } from '../../store/keys.ts';
import { isLocked, recordFailure, recordSuccess, type LockState } from './lockout.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { hashToken, newToken } from './secrets.ts';

export interface ResidentAccount {
  id: string;
  controllerId: string;
  personId: string;
}

/** One-time links last a day. */
const LINK_HOURS = 24;

const emailToken = (keys: MasterKeyRing, controllerId: string, email: string) =>
  lookupToken(keys.lookupKey(controllerId), 'email', email);

export type Registration =
  | { created: true; accountId: string; link: string }
  /** The person (or the address) has an account already: the caller tells them so by email. */
  | { created: false };

export async function registerResident(
  db: Queryable,
  keys: MasterKeyRing,
  input: { controllerId: string; personId: string; email: string; password: string },
  now: Date,
): Promise<Registration> {
  const token = emailToken(keys, input.controllerId, input.email);
  const existing = await db.query(
    'select 1 from web_resident_accounts where person_id = $1 or (controller_id = $2 and email_token = $3)',
    [input.personId, input.controllerId, token],
  );
  if (existing.length > 0) return { created: false };
  const id = randomUUID();
  await db.query(
    `insert into web_resident_accounts (id, controller_id, person_id, email_token, password_hash, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, input.controllerId, input.personId, token, await hashPassword(input.password), now],
  );
  return { created: true, accountId: id, link: await newVerificationLink(db, id, now) };
}

async function newVerificationLink(db: Queryable, accountId: string, now: Date): Promise<string> {
  const { token, hash } = newToken();
  await db.query(
    `insert into web_one_time_tokens (token_hash, account_id, purpose, expires_at) values ($1, $2, 'verify-email', $3)`,
    [hash, accountId, new Date(now.getTime() + LINK_HOURS * 3_600_000)],
  );
  return token;
}

/**
 * A fresh confirmation link for an account not yet confirmed, found by its email address; any
 * earlier link stops working. Undefined when there is no such account or it is confirmed already:
 * the caller says the same thing either way, so no one learns which addresses have accounts.
 */
export async function renewVerificationLink(
  db: Queryable,
  keys: MasterKeyRing,
  controllerId: string,
  email: string,
  now: Date,
): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    `select id from web_resident_accounts
      where controller_id = $1 and email_token = $2 and verified_at is null`,
    [controllerId, emailToken(keys, controllerId, email)],
  );
  if (!row) return undefined;
  await db.query(
    `update web_one_time_tokens set used_at = $2
      where account_id = $1 and purpose = 'verify-email' and used_at is null`,
    [row.id, now],
  );
  return newVerificationLink(db, row.id, now);
}

/** Use a verification link: true when it was valid, unused and in date (it cannot be used again). */
export async function verifyEmail(db: Queryable, token: string, now: Date): Promise<boolean> {
  const [row] = await db.query<{ account_id: string }>(
    `update web_one_time_tokens set used_at = $2
      where token_hash = $1 and purpose = 'verify-email' and used_at is null and expires_at > $2
      returning account_id`,
    [hashToken(token), now],
  );
  if (!row) return false;
  await db.query('update web_resident_accounts set verified_at = $2 where id = $1 and verified_at is null', [
    row.account_id,
    now,
  ]);
  return true;
}

interface ResidentRow extends LockState {
  id: string;
  controller_id: string;
  person_id: string;
  password_hash: string;
  verified_at: Date | null;
}

export type ResidentSignIn =
  { ok: true; account: ResidentAccount } | { ok: false; reason: 'wrong' | 'locked' | 'unverified' };

export async function checkResidentPassword(
  db: Queryable,
  keys: MasterKeyRing,
  controllerId: string,
  email: string,
  password: string,
  now: Date,
): Promise<ResidentSignIn> {
  const [row] = await db.query<ResidentRow>(
    `select id, controller_id, person_id, password_hash, verified_at, failed_attempts, locked_until
       from web_resident_accounts where controller_id = $1 and email_token = $2`,
    [controllerId, emailToken(keys, controllerId, email)],
  );
  const good = await checkPassword(row?.password_hash, password);
  if (!row) return { ok: false, reason: 'wrong' };
  if (isLocked(row, now)) return { ok: false, reason: 'locked' };
  if (!good) {
    await recordFailure(db, 'web_resident_accounts', row.id, now);
    return { ok: false, reason: 'wrong' };
  }
  if (!row.verified_at) return { ok: false, reason: 'unverified' };
  await recordSuccess(db, 'web_resident_accounts', row.id);
  return { ok: true, account: { id: row.id, controllerId: row.controller_id, personId: row.person_id } };
}

/**
 * The account whose id is `idSql`, once its email address is verified, as a subquery: sessions.ts
 * joins it to the session's own lookup, so a signed-in request reads both in one query.
 */
export const verifiedResidentSql = (idSql: string) =>
  `select id, controller_id, person_id from web_resident_accounts where id = ${idSql} and verified_at is not null`;

/** The columns of verifiedResidentSql. */
export type ResidentAccountRow = Pick<ResidentRow, 'id' | 'controller_id' | 'person_id'>;

/** An account from a row of verifiedResidentSql (or that row as JSON: the keys are the columns). */
export const residentAccountOf = (row: ResidentAccountRow): ResidentAccount => ({
  id: row.id,
  controllerId: row.controller_id,
  personId: row.person_id,
});

/** An account made already verified: the demo resident only. */
export async function createVerifiedResident(
  db: Queryable,
  keys: MasterKeyRing,
  input: { controllerId: string; personId: string; email: string; password: string },
  now: Date,
): Promise<string> {
  const result = await registerResident(db, keys, input, now);
  if (!result.created) throw new Error('the demo resident has an account already');
  await verifyEmail(db, result.link, now);
  return result.accountId;
}
