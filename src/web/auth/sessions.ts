/**
 * Sessions kept in the database, so any instance can serve any request and signing out anywhere
 * signs out everywhere. The cookie holds "s." and a random token; the table holds only its hash.
 * A session ends after a spell of inactivity or at a fixed time after sign-in, whichever is first.
 * A request reads its session and the account signed in with one query (a join).
 */
import type { Queryable } from '../../store/db.ts';
import {
  residentAccountOf,
  verifiedResidentSql,
  type ResidentAccount,
  type ResidentAccountRow,
} from './resident-accounts.ts';
import { hashToken, newToken } from './secrets.ts';
import {
  liveStaffAccountSql,
  staffAccountOf,
  type StaffAccount,
  type StaffAccountRow,
} from './staff-accounts.ts';

export const SESSION_COOKIE = 'custos_session';
/** Session tokens start with this; anything else in the cookie is an anonymous visitor's CSRF secret. */
export const SESSION_PREFIX = 's.';

export type AccountKind = 'staff' | 'resident';
export type SessionStage = 'mfa' | 'active';

export interface Session {
  id: Buffer;
  accountKind: AccountKind;
  accountId: string;
  controllerId: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionPolicy {
  /** Minutes without a request after which the session ends. */
  idleMinutes: number;
  /** Hours after sign-in after which the session ends regardless. */
  maxHours: number;
}

/** Writing last_seen_at on every request would make every page a write; once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;

export async function createSession(
  db: Queryable,
  input: { accountKind: AccountKind; accountId: string; controllerId: string; stage: SessionStage },
  now: Date,
  policy: SessionPolicy,
): Promise<string> {
  const { token, hash } = newToken(SESSION_PREFIX);
  await db.query(
    `insert into web_sessions (id, account_kind, account_id, controller_id, stage, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [
      hash,
      input.accountKind,
      input.accountId,
      input.controllerId,
      input.stage,
      now,
      new Date(now.getTime() + policy.maxHours * 3_600_000),
    ],
  );
  return token;
}

interface SessionRow {
  id: Buffer;
  account_kind: AccountKind;
  account_id: string;
  controller_id: string;
  stage: SessionStage;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  /** The live account's row as JSON, when the session is a staff one past both factors. */
  staff: StaffAccountRow | null;
  /** The verified account's row as JSON, when the session is a resident's. */
  resident: ResidentAccountRow | null;
}

/** A live session and, when it has one, the account it is for (left out when disabled or unverified). */
export interface SignedIn {
  session: Session;
  /** The staff account, for a staff session past both factors whose account is not disabled. */
  staff?: StaffAccount;
  /** The resident's account, for a resident's session whose email address is verified. */
  resident?: ResidentAccount;
}

// The accounts are the accounts modules' own queries, joined laterally: one round trip per request.
const SESSION_SQL = `
  select s.id, s.account_kind, s.account_id, s.controller_id, s.stage, s.created_at, s.last_seen_at, s.expires_at,
         to_jsonb(sa) as staff, to_jsonb(ra) as resident
    from web_sessions s
    left join lateral (${liveStaffAccountSql('s.account_id')}) sa
      on s.account_kind = 'staff' and s.stage = 'active'
    left join lateral (${verifiedResidentSql('s.account_id')}) ra on s.account_kind = 'resident'
   where s.id = $1`;

/**
 * The live session a cookie names with its account, or undefined (unknown, expired or idle too
 * long: then deleted). A session whose account is disabled or unverified comes back without it.
 */
export async function loadSignedIn(
  db: Queryable,
  token: string,
  now: Date,
  policies: Record<AccountKind, SessionPolicy>,
): Promise<SignedIn | undefined> {
  if (!token.startsWith(SESSION_PREFIX)) return undefined;
  const id = hashToken(token);
  const [row] = await db.query<SessionRow>(SESSION_SQL, [id]);
  if (!row) return undefined;
  const idleSince = now.getTime() - row.last_seen_at.getTime();
  if (row.expires_at <= now || idleSince > policies[row.account_kind].idleMinutes * 60_000) {
    await db.query('delete from web_sessions where id = $1', [id]);
    return undefined;
  }
  if (idleSince > TOUCH_AFTER_MS)
    await db.query('update web_sessions set last_seen_at = $2 where id = $1', [id, now]);
  const session: Session = {
    id,
    accountKind: row.account_kind,
    accountId: row.account_id,
    controllerId: row.controller_id,
    stage: row.stage,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
  return {
    session,
    ...(row.staff && { staff: staffAccountOf(row.staff) }),
    ...(row.resident && { resident: residentAccountOf(row.resident) }),
  };
}

export async function endSession(db: Queryable, id: Buffer): Promise<void> {
  await db.query('delete from web_sessions where id = $1', [id]);
}

/** Sign out everywhere: every session of the account, on every instance, ends now. */
export async function endAllSessions(
  db: Queryable,
  accountKind: AccountKind,
  accountId: string,
): Promise<number> {
  const rows = await db.query(
    'delete from web_sessions where account_kind = $1 and account_id = $2 returning id',
    [accountKind, accountId],
  );
  return rows.length;
}

/** Housekeeping: drop sessions past their absolute expiry. */
export async function purgeExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query('delete from web_sessions where expires_at <= $1 returning id', [now]);
  return rows.length;
}
