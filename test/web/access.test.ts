/**
 * Who may use which route, for every role the manifest declares: without a session every staff
 * and portal route answers 401; with a session, what the role's purposes do not grant answers 403,
 * and the gate refuses (and audits) a file opened for a purpose the role does not hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup } from '../../src/manifest/lookup.ts';
import { createStaffAccount } from '../../src/web/auth/staff-accounts.ts';
import { newTotpSecret } from '../../src/web/auth/totp.ts';
import { whoAccessed } from '../../src/audit/queries.ts';
import {
  Agent,
  signInAs,
  signInResident,
  signInStaff,
  tenants,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
let personId: string;
beforeAll(async () => {
  f = await webFixture();
  personId = tenants()[0]!.id;
});
afterAll(async () => f?.close());

interface Route {
  method: 'GET' | 'POST';
  url: string;
  form?: Record<string, string>;
}

/** Every staff route, with a request that would succeed for someone allowed. */
const staffRoutes = (): Route[] => [
  { method: 'GET' as const, url: '/staff' },
  { method: 'GET' as const, url: '/staff/people' },
  {
    method: 'POST' as const,
    url: '/staff/people',
    form: { customerRef: tenants()[0]!.customerRef, purpose: 'tenancy-management' },
  },
  { method: 'GET' as const, url: `/staff/people/${personId}` },
  { method: 'GET' as const, url: `/staff/people/${personId}?purpose=subject-access` },
  { method: 'GET' as const, url: '/staff/requests' },
  { method: 'POST' as const, url: '/staff/sign-out-everywhere', form: {} },
];

const portalRoutes = ['/portal/your-information'];

describe('without a session', () => {
  it('every staff route answers 401', async () => {
    const agent = new Agent(f.app);
    for (const r of staffRoutes()) {
      const res =
        r.method === 'GET'
          ? await agent.get(r.url)
          : await agent.post(r.url, r.form!, { from: '/staff/sign-in' });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every portal route answers 401, also for a signed-in member of staff', async () => {
    const stranger = new Agent(f.app);
    const staff = await signInStaff(f, 'dpo');
    for (const url of portalRoutes) {
      expect((await stranger.get(url)).statusCode, url).toBe(401);
      expect((await staff.get(url)).statusCode, url).toBe(401);
    }
    const post = await stranger.post('/portal/sign-out-everywhere', {}, { from: '/portal/sign-in' });
    expect(post.statusCode).toBe(401);
  });

  it('a resident is not staff', async () => {
    const resident = await signInResident(f);
    for (const r of staffRoutes().filter((x) => x.method === 'GET'))
      expect((await resident.get(r.url)).statusCode, r.url).toBe(401);
  });
});

describe('for every role in the manifest', () => {
  it('grants the rights dashboard only to roles that handle rights, and refuses files for purposes a role lacks', async () => {
    const manifest = f.store.manifests.get('brookvale-homes')!;
    const activities = manifest.activities.map((a) => a.id);
    for (const role of manifest.roles) {
      const account = {
        username: `role-${role.id}`,
        password: 'a-long-test-password',
        totpSecret: newTotpSecret(),
      };
      await createStaffAccount(
        f.store.db,
        f.store.keys,
        manifest,
        {
          ...account,
          displayName: role.name,
          kind: role.kind,
          roles: [role.id],
          patches: role.scope === 'patch' ? ['north'] : [],
          teams: role.team ? [role.team] : [],
        },
        f.clock.now,
      );
      const agent = await signInAs(f, account);
      expect((await agent.get('/staff')).statusCode, role.id).toBe(200);
      const handlesRights = role.kind === 'staff' && role.purposes.includes('subject-access');
      expect((await agent.get('/staff/requests')).statusCode, role.id).toBe(handlesRights ? 200 : 403);
      const notGranted = activities.find((a) => !role.purposes.includes(a))!;
      const file = await agent.get(`/staff/people/${personId}?purpose=${notGranted}`);
      expect(file.statusCode, `${role.id} for ${notGranted}`).toBe(403);
      expect(lookup(manifest).roles.get(role.id)).toBeDefined();
    }
    const refusals = (await whoAccessed(f.store.db, personId, 500)).filter(
      (a) => a.actor.startsWith('role-') && a.outcome === 'denied',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(manifest.roles.length);
  });

  it('keeps a housing officer to their patch and a contractor to their own jobs', async () => {
    const officer = await signInStaff(f, 'housing.north');
    const people = tenants();
    const statuses = await Promise.all(
      people.map(
        async (p) => (await officer.get(`/staff/people/${p.id}?purpose=tenancy-management`)).statusCode,
      ),
    );
    expect(statuses).toContain(200);
    expect(statuses).toContain(403);
    const contractor = await signInStaff(f, 'contractor-acme');
    const jobs = await Promise.all(
      people.map(async (p) => (await contractor.get(`/staff/people/${p.id}?purpose=repairs`)).statusCode),
    );
    expect(jobs.every((s) => s === 200 || s === 403)).toBe(true);
    expect(jobs).toContain(403);
  });
});
