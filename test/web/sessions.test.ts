/**
 * Loading a session with its account in one query: every check the separate lookups made still
 * holds (absolute expiry, idle timeout, a disabled staff account, an unverified resident, the
 * password-only stage, another controller's session), and last_seen_at is written at most once a
 * minute. The CSRF and sign-out checks are in auth.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/store/db.ts';
import { registerResident } from '../../src/web/auth/resident-accounts.ts';
import { hashToken } from '../../src/web/auth/secrets.ts';
import {
  createSession,
  loadSignedIn,
  SESSION_COOKIE,
  type AccountKind,
  type SessionStage,
} from '../../src/web/auth/sessions.ts';
import { Agent, signInResident, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

const POLICY = { idleMinutes: 30, maxHours: 12 };
const POLICIES = { staff: POLICY, resident: POLICY };

let f: WebFixture;
let dpoId: string;
beforeAll(async () => {
  f = await webFixture();
  const [dpo] = await f.store.db.query<{ id: string }>(
    "select id from web_staff_accounts where username = 'dpo'",
  );
  dpoId = dpo!.id;
});
afterAll(async () => f?.close());

/** The queries a Queryable is asked, so a test can see how many a request costs. */
function counting(db: Queryable): { db: Queryable; sql: string[] } {
  const sql: string[] = [];
  return {
    sql,
    db: {
      query: (text, params) => {
        sql.push(text);
        return db.query(text, params);
      },
    } as Queryable,
  };
}

const session = (
  accountId: string,
  over: { kind?: AccountKind; stage?: SessionStage; controllerId?: string } = {},
) =>
  createSession(
    f.store.db,
    {
      accountKind: over.kind ?? 'staff',
      accountId,
      controllerId: over.controllerId ?? 'brookvale-homes',
      stage: over.stage ?? 'active',
    },
    f.clock.now,
    POLICY,
  );

const load = (token: string, db: Queryable = f.store.db) => loadSignedIn(db, token, f.clock.now, POLICIES);

const stored = async (token: string) =>
  (await f.store.db.query('select 1 from web_sessions where id = $1', [hashToken(token)])).length > 0;

const agentWith = (token: string) => {
  const agent = new Agent(f.app);
  agent.cookies.set(SESSION_COOKIE, token);
  return agent;
};

describe('a signed-in request', () => {
  it('reads the session and the staff account in one query', async () => {
    const token = await session(dpoId);
    const { db, sql } = counting(f.store.db);
    const signedIn = await load(token, db);
    expect(sql).toHaveLength(1);
    expect(signedIn?.session.accountId).toBe(dpoId);
    expect(signedIn?.staff).toMatchObject({
      id: dpoId,
      controllerId: 'brookvale-homes',
      username: 'dpo',
      kind: 'staff',
    });
    expect(signedIn?.staff?.roles.length).toBeGreaterThan(0);
    expect(signedIn?.resident).toBeUndefined();
  });

  it('reads a resident’s session and account in one query', async () => {
    const agent = await signInResident(f);
    const { db, sql } = counting(f.store.db);
    const signedIn = await load(agent.cookies.get(SESSION_COOKIE)!, db);
    expect(sql).toHaveLength(1);
    expect(signedIn?.resident?.personId).toBe(tenants()[0]!.id);
    expect(signedIn?.staff).toBeUndefined();
  });

  it('writes last_seen_at only once a minute has passed', async () => {
    const token = await session(dpoId);
    f.clock.advance(30_000);
    const quiet = counting(f.store.db);
    expect(await load(token, quiet.db)).toBeDefined();
    expect(quiet.sql).toHaveLength(1);
    f.clock.advance(60_000);
    const touch = counting(f.store.db);
    expect((await load(token, touch.db))?.session.lastSeenAt).toBeDefined();
    expect(touch.sql).toHaveLength(2);
    expect(touch.sql[1]).toMatch(/^update web_sessions set last_seen_at/);
    // Idle time counts from the touch: 29 more minutes are fine, though 30.5 have passed since sign-in.
    f.clock.advance(29 * 60_000);
    expect(await load(token)).toBeDefined();
  });
});

describe('the checks the join keeps', () => {
  it('ends a session at its absolute expiry, however busy, and deletes it', async () => {
    const token = await session(dpoId);
    for (let minutes = 0; minutes < 12 * 60; minutes += 20) {
      expect(await load(token)).toBeDefined();
      f.clock.advance(20 * 60_000);
    }
    expect(await stored(token)).toBe(true);
    expect((await agentWith(token).get('/staff')).statusCode).toBe(401);
    expect(await stored(token)).toBe(false);
  });

  it('ends an idle session and deletes it', async () => {
    const token = await session(dpoId);
    f.clock.advance(31 * 60_000);
    const { db, sql } = counting(f.store.db);
    expect(await load(token, db)).toBeUndefined();
    expect(sql[1]).toMatch(/^delete from web_sessions/);
    expect(await stored(token)).toBe(false);
  });

  it('carries no one once the staff account is disabled, though the session is live', async () => {
    const [account] = await f.store.db.query<{ id: string }>(
      "select id from web_staff_accounts where username = 'housing.north'",
    );
    const agent = await signInStaff(f, 'housing.north');
    expect((await agent.get('/staff')).statusCode).toBe(200);
    await f.store.db.query('update web_staff_accounts set disabled_at = $2 where id = $1', [
      account!.id,
      f.clock.now,
    ]);
    try {
      const signedIn = await load(agent.cookies.get(SESSION_COOKIE)!);
      expect(signedIn?.session.accountId).toBe(account!.id);
      expect(signedIn?.staff).toBeUndefined();
      expect((await agent.get('/staff')).statusCode).toBe(401);
    } finally {
      await f.store.db.query('update web_staff_accounts set disabled_at = null where id = $1', [account!.id]);
    }
  });

  it('gives a password-only (mfa) session no staff account, so no staff page', async () => {
    const token = await session(dpoId, { stage: 'mfa' });
    const signedIn = await load(token);
    expect(signedIn?.session.stage).toBe('mfa');
    expect(signedIn?.staff).toBeUndefined();
    expect((await agentWith(token).get('/staff')).statusCode).toBe(401);
  });

  it('gives a resident whose email is not verified no account, so no portal', async () => {
    const registered = await registerResident(
      f.store.db,
      f.store.keys,
      {
        controllerId: 'brookvale-homes',
        personId: tenants()[1]!.id,
        email: 'unverified@example.test',
        password: 'a-long-enough-password',
      },
      f.clock.now,
    );
    if (!registered.created) throw new Error('the test resident exists already');
    const token = await session(registered.accountId, { kind: 'resident' });
    const signedIn = await load(token);
    expect(signedIn?.session.accountKind).toBe('resident');
    expect(signedIn?.resident).toBeUndefined();
    expect((await agentWith(token).get('/portal/your-information')).statusCode).toBe(401);
  });

  it('does not take a staff account id as a resident’s, or the other way round', async () => {
    const token = await session(dpoId, { kind: 'resident' });
    const signedIn = await load(token);
    expect(signedIn?.resident).toBeUndefined();
    expect(signedIn?.staff).toBeUndefined();
  });

  it('ignores another controller’s session, and a cookie that is not a session token', async () => {
    const token = await session(dpoId, { controllerId: 'another-landlord' });
    expect((await load(token))?.staff?.id).toBe(dpoId);
    expect((await agentWith(token).get('/staff')).statusCode).toBe(401);
    const { db, sql } = counting(f.store.db);
    expect(await load('not-a-session-token', db)).toBeUndefined();
    expect(sql).toHaveLength(0);
  });
});
