/**
 * The world the every-page axe test walks through: the consent fixture (the demo landlord plus
 * sharing, breaches and a communications officer) with the routes recorded as they are added, and
 * one of each thing a page's path can name — a person, a rights request of each kind in the state
 * its page expects, an automated decision under review, a breach, a retention run, a contractor's
 * job. Each route's path parameters are filled from those ids; a route that cannot be filled is
 * named in NOT_REACHED with the reason, so a new page without coverage fails the test.
 */
import { recordDisclosure } from '../../src/sharing/index.ts';
import { consentWebFixture } from './consent-fixture.ts';
import { openJob } from './contractor-jobs.ts';
import { Agent, signInResident, signInStaff, staffAccount, tenants, type WebFixture } from './helpers.ts';
import { askForReview, bandingDecision, controllerOf, requestAbout } from './rights-actions-helpers.ts';
import { addKnownThirdParty } from './rights-helpers.ts';
import { recordingRoutes, type CapturedRoute } from './security-routes.ts';

/** Page routes the test does not open, each with the reason; a stale entry fails the test too. */
export const NOT_REACHED: Record<string, string> = {
  '/portal/requests/:requestId/pack.zip':
    'a zip download that exists only once a whole review is released; a file, not a page',
  '/staff/requests/:requestId/pack.zip':
    'a zip download that exists only once a whole review is released; a file, not a page (its refusal page is an extra visit)',
};

/** The consent web fixture, recording each route as it is added (security-routes.ts). */
export async function consentFixtureWithRoutes(): Promise<{ f: WebFixture; routes: CapturedRoute[] }> {
  return recordingRoutes(consentWebFixture);
}

/** Registered GET routes that are pages (kept out of the API description), in registration order. */
export const pageRoutes = (routes: CapturedRoute[]): string[] => [
  ...new Set(
    routes
      .filter((r) => r.method === 'GET' && (r.schema as { hide?: boolean } | undefined)?.hide === true)
      .map((r) => r.url),
  ),
];

export interface World {
  personId: string;
  activity: string;
  requests: Record<
    'access' | 'erasure' | 'rectification' | 'objection' | 'restriction' | 'automated',
    string
  >;
  breachId: string;
  runId: string;
  agents: { dpo: Agent; contractor: Agent; resident: Agent; codeStep: Agent };
}

const idAt = (location: unknown, pattern: RegExp) => {
  const id = pattern.exec(String(location))?.[1];
  if (!id) throw new Error(`no id in the redirect to ${String(location)}`);
  return id;
};

/** The resident asks for a right in the portal; returns the request's id. */
async function portalRequest(resident: Agent, right: string): Promise<string> {
  const res = await resident.post('/portal/requests/new', { right, wording: 'Everything you hold, please.' });
  return idAt(res.headers.location, /\/portal\/requests\/([0-9a-f-]{36})$/);
}

/** Staff post a form on a page and expect to be sent on (303). */
async function step(agent: Agent, url: string, fields: Record<string, string>, from: string) {
  const res = await agent.post(url, fields, { from });
  if (res.statusCode !== 303) throw new Error(`${url} gave ${res.statusCode}`);
  return res;
}

export async function seedWorld(f: WebFixture): Promise<World> {
  const personId = tenants()[0]!.id;
  await addKnownThirdParty(f.store);
  await openJob(f.store, 'contractor-acme', 'Leaking tap under the kitchen sink');
  const resident = await signInResident(f);
  const dpo = await signInStaff(f, 'dpo');
  const contractor = await signInStaff(f, 'contractor-acme');
  // Only the password step: the code page is the one a half-signed-in visitor sees.
  const codeStep = new Agent(f.app);
  const acme = staffAccount('contractor-acme');
  await step(
    codeStep,
    '/staff/sign-in',
    { username: acme.username, password: acme.password },
    '/staff/sign-in',
  );

  // An access request with its review started, and an erasure request with a plan.
  const access = await portalRequest(resident, 'access');
  await step(dpo, `/staff/requests/${access}/status`, { to: 'in-progress' }, `/staff/requests/${access}`);
  const review = `/staff/requests/${access}/review`;
  await step(dpo, `${review}/start`, {}, review);
  const erasure = await portalRequest(resident, 'erasure');
  await step(dpo, `/staff/requests/${erasure}/status`, { to: 'in-progress' }, `/staff/requests/${erasure}`);
  const plan = `/staff/requests/${erasure}/erasure`;
  await step(dpo, `${plan}/plan`, {}, plan);

  // The action pages' requests, as they arrive by email, and a decision the resident asked to be reviewed.
  const decisionId = await bandingDecision(f.store, personId);
  await askForReview(f.store, personId, decisionId);
  const requests = {
    access,
    erasure,
    rectification: await requestAbout(f.store, personId, 'rectification'),
    objection: await requestAbout(f.store, personId, 'objection'),
    restriction: await requestAbout(f.store, personId, 'restriction'),
    automated: await requestAbout(f.store, personId, 'automated-decision'),
  };

  // A request waiting for the person and one withdrawn, so the list's other views show their tables.
  const waiting = await requestAbout(f.store, personId, 'portability');
  await step(dpo, `/staff/requests/${waiting}/status`, { to: 'awaiting-id' }, `/staff/requests/${waiting}`);
  const withdrawn = await requestAbout(f.store, personId, 'portability');
  await step(dpo, `/staff/requests/${withdrawn}/status`, { to: 'withdrawn' }, `/staff/requests/${withdrawn}`);

  // A representative on the register, so its page shows the form that ends an authority; and a
  // logged disclosure, so the erasure page lists an organisation that received the data on a day.
  const reps = `/staff/people/${personId}/representatives`;
  await step(
    dpo,
    reps,
    {
      name: 'Axel Testrep',
      kind: 'advocate',
      scope: 'all',
      evidenceKind: 'written-authority',
      evidenceReference: 'DOC-1',
      'startsOn-day': '1',
      'startsOn-month': '1',
      'startsOn-year': '2026',
    },
    reps,
  );
  await recordDisclosure(
    f.store,
    {
      actor: { id: 'custos', kind: 'system', controllerId: controllerOf(f.store), roles: [] },
      purpose: 'subject-access',
      channel: 'system',
    },
    {
      personId,
      basis: 'required-by-law',
      recipientId: 'dwp',
      categories: ['identity'],
      reference: 'Synthetic order 1',
      disclosedOn: '2026-11-02',
      approvedBy: 'dpo-1',
    },
  );

  const breach = await step(
    dpo,
    '/staff/breaches/new',
    {
      kind: 'breach',
      types: 'confidentiality',
      summary: 'A rent arrears report was emailed to the wrong contractor.',
      occurredAt: '2026-11-23T07:00',
      awareAt: '2026-11-23T08:00',
      categories: 'identity',
      coreData: 'yes',
    },
    '/staff/breaches/new',
  );
  const run = await step(dpo, '/staff/retention/run', {}, '/staff/retention');
  const activity = f.store.manifests.get(controllerOf(f.store))!.activities[0]!.id;
  return {
    personId,
    activity,
    requests,
    breachId: idAt(breach.headers.location, /\/staff\/breaches\/([0-9a-f-]{36})$/),
    runId: idAt(run.headers.location, /\/staff\/retention\/runs\/([0-9a-f-]{36})$/),
    agents: { dpo, contractor, resident, codeStep },
  };
}

/** Which seeded request a route's :requestId names, by the page it leads to. */
function requestFor(url: string, world: World): string {
  const r = world.requests;
  if (url.endsWith('/erasure')) return r.erasure;
  if (url.endsWith('/rectify')) return r.rectification;
  if (url.endsWith('/objections')) return r.objection;
  if (url.endsWith('/restriction')) return r.restriction;
  if (url.endsWith('/decisions')) return r.automated;
  return r.access;
}

/** A well-formed verification token: the confirm page renders for any; only its POST checks it. */
const TOKEN = 'A'.repeat(43);

/** The route's path with each parameter filled from the world, or undefined when one cannot be. */
export function fillPath(url: string, world: World): string | undefined {
  const values: Record<string, string> = {
    personId: world.personId,
    requestId: requestFor(url, world),
    breachId: world.breachId,
    runId: world.runId,
    activity: world.activity,
    token: TOKEN,
    format: 'json',
  };
  let unfilled = false;
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) unfilled = true;
    return encodeURIComponent(value ?? '');
  });
  return unfilled || path.includes('*') ? undefined : path + (REQUIRED_QUERY[url] ?? '');
}

/** Routes that answer only with a query naming what to send (both are downloads, found to be so). */
const REQUIRED_QUERY: Record<string, string> = {
  '/staff/record-of-processing/download': '?format=csv',
  '/staff/notice/download': '?format=html',
};

export type Identity = 'anonymous' | 'dpo' | 'contractor' | 'resident' | 'codeStep';

const ANONYMOUS = new Set([
  '/staff/sign-in',
  '/signed-out',
  '/portal/sign-in',
  '/portal/register',
  '/portal/register/check-email',
  '/portal/verify/:token',
]);

/** Who opens a page: the DPO for staff pages, the contractor for their jobs, the resident for the portal. */
export function identityFor(url: string): Identity {
  if (url === '/staff/sign-in/code') return 'codeStep';
  if (ANONYMOUS.has(url)) return 'anonymous';
  if (url === '/staff/jobs') return 'contractor';
  if (url.startsWith('/staff')) return 'dpo';
  if (url.startsWith('/portal')) return 'resident';
  return 'anonymous';
}

/** A page opened again in another state than the bare route gives. */
export interface ExtraVisit {
  route: string;
  /** Added to the filled path: a query. */
  query: string;
  status: number;
  /** The page must show a GOV.UK error summary (a bad query, shown again naming the field). */
  errorSummary?: boolean;
}

export const EXTRA_VISITS: ExtraVisit[] = [
  // Without a purpose the file asks why; with one it is the file itself, the page staff read most.
  { route: '/staff/people/:personId', query: '?purpose=subject-access', status: 200 },
  // The one GET page that shows bad search terms again in an error summary.
  {
    route: '/staff/audit',
    query: '?personId=someone&from=2026-02-30&to=2026-01-01&outcome=maybe',
    status: 400,
    errorSummary: true,
  },
  // The rights requests waiting for the person, and those closed.
  { route: '/staff/requests', query: '?show=waiting', status: 200 },
  { route: '/staff/requests', query: '?show=closed', status: 200 },
  // Staff asking for a pack not yet released get a plain page saying why.
  { route: '/staff/requests/:requestId/pack.zip', query: '', status: 404 },
  // Equality statistics: the tables of counts, and a bad k shown again in an error summary.
  { route: '/staff/statistics', query: '?by=ethnicGroup&by=disability&k=10', status: 200 },
  { route: '/staff/statistics', query: '?by=ethnicGroup&k=1', status: 400, errorSummary: true },
];

/** Paths opened as they are, for the error pages every route can end on. */
export const ERROR_PAGES: { path: string; identity: Identity; status: number; landsOn?: string }[] = [
  { path: '/staff/breaches/not-a-uuid', identity: 'dpo', status: 400 },
  { path: '/staff/breaches/00000000-0000-4000-8000-000000000000', identity: 'dpo', status: 404 },
  { path: '/no-such-page', identity: 'anonymous', status: 404 },
  // A browser asking for a staff page signed out is sent to sign in (an API client gets 401).
  { path: '/staff', identity: 'anonymous', status: 200, landsOn: '/staff/sign-in' },
];

/** Pages that send their visitor on, and where: anything else must be answered where it was asked. */
export const REDIRECTS: Record<string, string> = {
  '/portal': '/portal/your-information',
};
