/**
 * The web app over a real test database holding a small demo landlord, and an agent that keeps
 * cookies between fastify.inject calls and fills in forms with their CSRF token, like a browser.
 */
import { demoTenants, DEMO_RESIDENT, DEMO_STAFF, seedWebDemo } from '../../src/app/demo-web.ts';
import type { Store } from '../../src/records/store.ts';
import { totpCode } from '../../src/web/auth/totp.ts';
import { buildWebApp, type WebApp, type WebOptions } from '../../src/web/app.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { testStore, TEST_NOW } from '../support/store.ts';

export const HOUSEHOLDS = 20;

export interface Clock {
  now: Date;
  /** Move time on, e.g. past a TOTP step or a session's idle limit. */
  advance(ms: number): void;
}

export interface WebFixture {
  test: TestDb;
  store: Store;
  clock: Clock;
  app: WebApp;
  apiKey: string;
  close(): Promise<void>;
}

export async function webFixture(options: WebOptions = {}): Promise<WebFixture> {
  const test = await openTestDb();
  const clock: Clock = {
    now: new Date(TEST_NOW),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const store = { ...testStore(test.db), now: () => clock.now };
  const { apiKey } = await seedWebDemo(store, { households: HOUSEHOLDS });
  const app = await buildWebApp(store, { logger: false, ...options });
  await app.ready();
  return {
    test,
    store,
    clock,
    app,
    apiKey,
    async close() {
      await app.close();
      await test.close();
    },
  };
}

export const tenants = () => demoTenants(HOUSEHOLDS);
export const staffAccount = (username: string) => DEMO_STAFF.find((s) => s.username === username)!;
export { DEMO_RESIDENT, DEMO_STAFF };

export interface Response {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** A browser-like client over inject: a cookie jar, forms posted with the page's CSRF token. */
export class Agent {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: WebApp) {}

  async request(method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      payload,
      headers: { ...(cookie && { cookie }), ...headers },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res as unknown as Response;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  /** POST a form; the CSRF token is taken from `from` (a page with a form), unless given. */
  async post(
    url: string,
    fields: Record<string, string>,
    options: { from?: string; csrf?: string | null } = {},
  ) {
    const csrf =
      options.csrf === undefined ? csrfFrom((await this.get(options.from ?? url)).body) : options.csrf;
    const form = new URLSearchParams({ ...fields, ...(csrf !== null && { _csrf: csrf }) });
    return this.request('POST', url, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }
}

export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/** Sign a demo staff member in through both steps; the clock moves past the last code's step first. */
export async function signInStaff(fixture: WebFixture, username: string, agent = new Agent(fixture.app)) {
  return signInAs(fixture, staffAccount(username), agent);
}

export async function signInAs(
  fixture: WebFixture,
  account: { username: string; password: string; totpSecret: string },
  agent = new Agent(fixture.app),
) {
  const first = await agent.post('/staff/sign-in', {
    username: account.username,
    password: account.password,
  });
  if (first.statusCode !== 303) throw new Error(`password step gave ${first.statusCode}`);
  fixture.clock.advance(30_000);
  const code = await totpCode(account.totpSecret, fixture.clock.now);
  const second = await agent.post('/staff/sign-in/code', { code });
  if (second.statusCode !== 303) throw new Error(`code step gave ${second.statusCode}`);
  return agent;
}

export async function signInResident(fixture: WebFixture, agent = new Agent(fixture.app)) {
  const res = await agent.post('/portal/sign-in', {
    email: DEMO_RESIDENT.email,
    password: DEMO_RESIDENT.password,
  });
  if (res.statusCode !== 303) throw new Error(`resident sign-in gave ${res.statusCode}`);
  return agent;
}

/** The GOV.UK error summary's messages on a page. */
export function errorSummary(html: string): string[] {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!.trim());
}
