/**
 * For every role in the manifest and every staff, portal and API route the app registers (found as
 * they are registered, so a new route is covered at once): without a session the answer is 401;
 * a role is let in only if it holds what the route needs under the manifest, and otherwise gets
 * 403. Which roles a route lets in must be exactly the roles the manifest gives one purpose (or
 * every staff role), never an arbitrary mix; the DPO's pages let in only roles holding the rights
 * purpose; residents' routes refuse staff; the API refuses calls without a key or outside its purposes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup } from '../../src/manifest/lookup.ts';
import type { Role } from '../../src/manifest/schema.ts';
import { Agent, tenants, type WebFixture } from './helpers.ts';
import { concreteUrl, fixtureWithRoutes, type CapturedRoute } from './security-routes.ts';
import { agentWithRoles, csrfOf, keyForRole, residentAgent } from './security-sessions.ts';

/** Routes anyone may use without signing in. Anything not listed here is treated as protected. */
const PUBLIC = new Set([
  'GET /',
  'GET /health',
  'GET /ready',
  'GET /privacy',
  'GET /privacy/:activity',
  'GET /how-to-make-a-request',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /signed-out',
  'GET /cookies',
  'POST /consent/cookies',
  'GET /.well-known/gpc.json',
  'GET /staff/sign-in',
  'POST /staff/sign-in',
  'POST /staff/sign-out',
  'GET /portal',
  'GET /portal/register',
  'POST /portal/register',
  'GET /portal/register/check-email',
  'GET /portal/verify/:token',
  'POST /portal/verify/:token',
  'GET /portal/sign-in',
  'POST /portal/sign-in',
  'POST /portal/sign-out',
  'GET /portal/send-link-again',
  'POST /portal/send-link-again',
  'GET /portal/send-link-again/sent',
]);

const RIGHTS_PURPOSE = 'subject-access';
/** The DPO's own pages: only roles holding the rights purpose, and only staff. */
const DPO_ONLY = [
  /^\/staff\/audit/,
  /^\/staff\/retention/,
  /^\/staff\/requests/,
  /^\/staff\/record-of-processing/,
  /^\/staff\/notice/,
  /^\/staff\/people\/[^/]+\/(representatives|rights)/,
];

let f: WebFixture;
let routes: CapturedRoute[];
let roles: Role[];
beforeAll(async () => {
  ({ f, routes } = await fixtureWithRoutes({ signInPerMinute: 100_000 }));
  roles = [...lookup(f.store.manifests.get('brookvale-homes')!).roles.values()];
}, 240_000);
afterAll(async () => f?.close());

const key = (r: CapturedRoute) => `${r.method} ${r.url}`;
const isProtected = (r: CapturedRoute) =>
  !PUBLIC.has(key(r)) &&
  /^\/(staff|portal|api)(\/|$)/.test(r.url) &&
  !/^\/api\/(docs|openapi\.json)$/.test(r.url);
const area = (r: CapturedRoute) => r.url.split('/')[1] as 'staff' | 'portal' | 'api';
// Sign-out routes end the session they are called with: they go last.
const byRisk = (a: CapturedRoute, b: CapturedRoute) =>
  Number(/sign-out/.test(a.url)) - Number(/sign-out/.test(b.url));

async function send(
  agent: Agent | undefined,
  r: CapturedRoute,
  csrf?: string,
  headers: Record<string, string> = {},
) {
  const url = concreteUrl(r.url);
  const client = agent ?? new Agent(f.app);
  if (r.method === 'GET')
    return client.request('GET', url, undefined, { accept: 'application/json', ...headers });
  const body = new URLSearchParams(csrf ? { _csrf: csrf } : {}).toString();
  return client.request(r.method as 'POST', url, body, {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    ...headers,
  });
}

describe('the route list', () => {
  it('has the routes of every area, each either public or protected', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const a of ['staff', 'portal', 'api'] as const)
      expect(routes.filter((r) => isProtected(r) && area(r) === a).length, a).toBeGreaterThan(0);
  });
});

describe('without a session', () => {
  it('every protected route answers 401, before looking at the input', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter(isProtected)) {
      const res = await send(undefined, r);
      if (res.statusCode !== 401) wrong.push(`${key(r)} gave ${res.statusCode}`);
      const forged = await send(undefined, r, undefined, {
        cookie: 'custos_session=s.forged-token',
        authorization: 'Bearer ck.0123456789abcdef.nope',
      });
      if (forged.statusCode !== 401)
        wrong.push(`${key(r)} with a forged session or key gave ${forged.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('every staff role × every staff route', () => {
  it('lets in exactly the roles the manifest gives the route’s purpose, and refuses the rest with 403', async () => {
    const staffRoutes = routes.filter((r) => isProtected(r) && area(r) === 'staff').sort(byRisk);
    const allowed = new Map<string, Set<string>>(staffRoutes.map((r) => [key(r), new Set<string>()]));
    const odd: string[] = [];
    for (const role of roles) {
      const agent = await agentWithRoles(f, `matrix-${role.id}`, role.kind, [role]);
      const csrf = await csrfOf(agent, '/staff');
      for (const r of staffRoutes) {
        const res = await send(agent, r, csrf);
        if (res.statusCode === 401 || res.statusCode >= 500)
          odd.push(`${role.id} on ${key(r)} gave ${res.statusCode}`);
        if (res.statusCode !== 403) allowed.get(key(r))!.add(role.id);
      }
    }
    expect(odd).toEqual([]);
    // The matrix sees refusals where it should: the DPO's pages, and contractors' jobs.
    expect([...allowed.get('GET /staff/audit')!]).toEqual(['data-protection-officer']);
    expect([...allowed.get('GET /staff/jobs')!]).toEqual(['repairs-contractor']);
    expect(allowed.get('GET /staff')!.size).toBe(roles.length);

    const grants = (p: string, kind?: Role['kind']) =>
      roles.filter((r) => r.purposes.includes(p) && (!kind || r.kind === kind)).map((r) => r.id);
    const purposes = [...new Set(roles.flatMap((r) => r.purposes))];
    const candidates = [
      roles.map((r) => r.id),
      roles.filter((r) => r.kind === 'staff').map((r) => r.id),
      roles.filter((r) => r.scope === 'assigned').map((r) => r.id),
      ...purposes.flatMap((p) => [grants(p), grants(p, 'staff'), grants(p, 'third-party')]),
    ].map((c) => [...c].sort().join(','));
    const inconsistent: string[] = [];
    for (const [route, ids] of allowed) {
      const got = [...ids].sort().join(',');
      if (!candidates.includes(got)) inconsistent.push(`${route} lets in [${got}]`);
      const path = route.split(' ')[1]!;
      if (DPO_ONLY.some((re) => re.test(path)) && got !== grants(RIGHTS_PURPOSE, 'staff').sort().join(','))
        inconsistent.push(`${route} is the DPO's but lets in [${got}]`);
    }
    expect(inconsistent).toEqual([]);
  }, 300_000);
});

describe('residents’ routes', () => {
  it('refuse staff (401: they are not a resident) and let the resident in', async () => {
    const portal = routes.filter((r) => isProtected(r) && area(r) === 'portal').sort(byRisk);
    const dpo = await agentWithRoles(
      f,
      'matrix-portal-dpo',
      'staff',
      roles.filter((r) => r.id === 'data-protection-officer'),
    );
    const resident = await residentAgent(f);
    const csrf = await csrfOf(resident, '/portal/your-information');
    const wrong: string[] = [];
    for (const r of portal) {
      const asStaff = await send(dpo, r);
      if (asStaff.statusCode !== 401) wrong.push(`staff on ${key(r)} gave ${asStaff.statusCode}`);
      const asResident = await send(resident, r, csrf);
      if ([401, 403].includes(asResident.statusCode) || asResident.statusCode >= 500)
        wrong.push(`the resident on ${key(r)} gave ${asResident.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the API', () => {
  it('refuses, for every staff role’s key, a call for a purpose the key does not hold (403)', async () => {
    const api = routes.filter((r) => isProtected(r) && area(r) === 'api');
    expect(api.map(key)).toContain('POST /api/records');
    const purposes = [...new Set(roles.flatMap((r) => r.purposes))];
    const wrong: string[] = [];
    for (const role of roles.filter((r) => r.kind === 'staff' && r.purposes.length > 0)) {
      const apiKey = await keyForRole(f, role);
      const outside = purposes.find((p) => !role.purposes.includes(p));
      if (!outside) continue;
      const res = await f.app.inject({
        method: 'POST',
        url: '/api/records',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { purpose: outside, personId: tenants()[0]!.id, recordType: 'contact-log', payload: {} },
      });
      if (res.statusCode !== 403) wrong.push(`${role.id} writing for ${outside} gave ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
