/** Sessions for the security tests: a signed-in agent per role, a resident, and API keys per role. */
import type { Role } from '../../src/manifest/schema.ts';
import { createServiceAccount, issueApiKey } from '../../src/web/auth/api-keys.ts';
import { createSession, SESSION_COOKIE } from '../../src/web/auth/sessions.ts';
import { createStaffAccount } from '../../src/web/auth/staff-accounts.ts';
import { Agent, csrfFrom, signInResident, type WebFixture } from './helpers.ts';

const POLICY = { idleMinutes: 30, maxHours: 12 };

/** An agent signed in (both factors done) as a new account holding exactly these roles. */
export async function agentWithRoles(
  f: WebFixture,
  username: string,
  kind: 'staff' | 'third-party',
  roles: readonly Role[],
): Promise<Agent> {
  const manifest = f.store.manifests.get('brookvale-homes')!;
  const teams = [...new Set(roles.flatMap((r) => (r.team ? [r.team] : [])))];
  const { id } = await createStaffAccount(
    f.store.db,
    f.store.keys,
    manifest,
    {
      username,
      displayName: username,
      kind,
      roles: roles.map((r) => r.id),
      patches: ['north'],
      teams,
      password: 'a-long-enough-password',
    },
    f.clock.now,
  );
  const token = await createSession(
    f.store.db,
    { accountKind: 'staff', accountId: id, controllerId: 'brookvale-homes', stage: 'active' },
    f.clock.now,
    POLICY,
  );
  const agent = new Agent(f.app);
  agent.cookies.set(SESSION_COOKIE, token);
  return agent;
}

export async function residentAgent(f: WebFixture): Promise<Agent> {
  return signInResident(f);
}

/** The CSRF token the agent's session gives forms, from a page that has one. */
export async function csrfOf(agent: Agent, page: string): Promise<string> {
  return csrfFrom((await agent.get(page)).body);
}

/** An API key for a new service account holding one staff role and all of that role's purposes. */
export async function keyForRole(f: WebFixture, role: Role): Promise<string> {
  const manifest = f.store.manifests.get('brookvale-homes')!;
  const id = await createServiceAccount(
    f.store.db,
    manifest,
    {
      name: `svc-${role.id}`,
      roles: [role.id],
      purposes: role.purposes,
      teams: role.team ? [role.team] : [],
    },
    f.clock.now,
  );
  return issueApiKey(f.store.db, id, f.clock.now);
}
