/**
 * Cookie consent on the site: the banner's tags (with the response's CSP nonce) on public and
 * portal pages and never on staff pages, Sec-GPC read on the server, the banner's files,
 * /.well-known/gpc.json, every choice logged (and bad ones refused with a 400 naming the field),
 * and the cookies page with the notice's own table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieChoicesFor } from '../../src/consent/cookies/index.ts';
import {
  Agent,
  csrfFrom,
  errorSummary,
  signInResident,
  signInStaff,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

const CONSENT_ID = '6f1c8a52-3d0e-4c55-9a43-2f7a1b9e0c11';
const configOf = (html: string) =>
  JSON.parse(
    /<script type="application\/json" id="custos-cookie-config"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!,
  ) as {
    gpc: boolean;
    honourGpc: boolean;
    logUrl: string;
    cookiesUrl: string;
    noticeVersion: string;
  };

describe('the banner on pages', () => {
  it('is on public and portal pages with the CSP nonce, and not on staff pages', async () => {
    for (const path of ['/', '/privacy', '/how-to-make-a-request', '/portal', '/cookies', '/no-such-page']) {
      const res = await f.app.inject({ url: path });
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))![1]!;
      expect(res.body, path).toContain(`<script src="/assets/consent/banner.js" defer nonce="${nonce}">`);
      expect(res.body, path).not.toContain('custos:cookie-banner');
    }
    const resident = await signInResident(f);
    expect((await resident.get('/portal/your-information')).body).toContain('custos-cookie-config');
    const dpo = await signInStaff(f, 'dpo');
    const home = await dpo.get('/staff');
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain('custos-cookie-config');
  });

  it('reads Sec-GPC on the server: the configuration says GPC is on, so the banner is not shown', async () => {
    const plain = configOf((await f.app.inject({ url: '/' })).body);
    expect(plain).toMatchObject({
      gpc: false,
      honourGpc: true,
      logUrl: '/consent/cookies',
      cookiesUrl: '/cookies',
    });
    const gpc = configOf((await f.app.inject({ url: '/', headers: { 'sec-gpc': '1' } })).body);
    expect(gpc.gpc).toBe(true);
    const page = await f.app.inject({ url: '/cookies', headers: { 'sec-gpc': '1' } });
    expect(page.body).toContain('Your browser is sending it now');
  });

  it('serves the banner files and gpc.json, and sets no cookie on a plain page', async () => {
    const js = await f.app.inject({ url: '/assets/consent/banner.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect((await f.app.inject({ url: '/assets/consent/banner.css' })).headers['content-type']).toContain(
      'text/css',
    );
    const gpc = await f.app.inject({ url: '/.well-known/gpc.json' });
    expect(gpc.headers['content-type']).toContain('application/json');
    expect(gpc.json()).toEqual({ gpc: true, lastUpdate: expect.any(String) });
    const home = await f.app.inject({ url: '/' });
    expect(home.headers['set-cookie']).toBeUndefined();
  });

  it('shows the notice’s cookie table on the cookies page', async () => {
    const page = await new Agent(f.app).get('/cookies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('bh_analytics');
    expect(page.body).toContain('custos_cookie_consent');
    expect(page.body).toContain('Change your cookie settings');
  });
});

describe('cookie settings without JavaScript', () => {
  const logFor = (id: string) => cookieChoicesFor(f.store.db, 'brookvale-homes', id);
  const consentCookie = (res: { headers: Record<string, unknown> }) => {
    const header = [res.headers['set-cookie']]
      .flat()
      .find((c) => String(c).startsWith('custos_cookie_consent='));
    return header === undefined ? undefined : String(header);
  };
  const stored = (header: string) =>
    JSON.parse(decodeURIComponent(/^custos_cookie_consent=([^;]*)/.exec(header)![1]!)) as {
      id: string;
      v: string;
      c: Record<string, number>;
      g: number;
    };
  const checked = (html: string, value: 'yes' | 'no') =>
    new RegExp(`name="analytics" type="radio" value="${value}" checked`).test(html);

  it('offers a form with a question per category, answered "no" until the visitor chooses', async () => {
    const page = await new Agent(f.app).get('/cookies');
    expect(page.body).toContain('<form method="post" action="/cookies" novalidate>');
    expect(page.body).toContain('Do you want to allow analytics cookies?');
    expect(page.body).toContain('name="_csrf"');
    expect(checked(page.body, 'no')).toBe(true);
    expect(page.body).not.toContain('govuk-notification-banner');
  });

  it('sets the banner’s consent cookie, logs the choice as the banner’s settings do, and says so', async () => {
    const agent = new Agent(f.app);
    const res = await agent.post('/cookies', { analytics: 'yes' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('govuk-notification-banner--success');
    expect(res.body).toContain('You’ve set your cookie preferences.');
    expect(res.body).not.toContain('<noscript>');
    const header = consentCookie(res)!;
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Max-Age=\d+/);
    expect(header).not.toMatch(/HttpOnly/);
    const value = stored(header);
    expect(value).toMatchObject({ v: '1.0', c: { analytics: 1 }, g: 0 });
    expect(checked(res.body, 'yes')).toBe(true);

    f.clock.advance(1000);
    const again = await agent.post('/cookies', { analytics: 'no' });
    expect(stored(consentCookie(again)!)).toMatchObject({ id: value.id, c: { analytics: 0 } });
    const logged = await logFor(value.id);
    expect(logged.map((c) => [c.method, c.accepted, c.rejected, c.gpc, c.noticeVersion])).toEqual([
      ['settings', ['analytics'], [], false, '1.0'],
      ['settings', [], ['analytics'], false, '1.0'],
    ]);
    expect(checked((await agent.get('/cookies')).body, 'no')).toBe(true);
  });

  it('refuses a missing or strange answer with the error summary, and one without its CSRF token; nothing logged', async () => {
    const count = async () =>
      Number((await f.store.db.query<{ n: number }>('select count(*)::int as n from cookie_choices'))[0]!.n);
    const before = await count();
    const agent = new Agent(f.app);
    for (const fields of [{}, { analytics: 'maybe' }] as Record<string, string>[]) {
      const res = await agent.post('/cookies', fields);
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual([
        'Select yes if you want to allow analytics cookies, or no if you do not',
      ]);
      expect(res.body).toContain('href="#analytics"');
      expect(consentCookie(res)).toBeUndefined();
    }
    const forged = await agent.post('/cookies', { analytics: 'yes' }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(consentCookie(forged)).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('honours GPC: the form starts at "no" and says why, and a choice made anyway is logged with the signal', async () => {
    const agent = new Agent(f.app);
    const first = stored(consentCookie(await agent.post('/cookies', { analytics: 'yes' }))!);
    const gpc = { 'sec-gpc': '1' };
    const page = await agent.request('GET', '/cookies', undefined, gpc);
    expect(page.body).toContain('Your browser sends the Global Privacy Control signal');
    expect(checked(page.body, 'no')).toBe(true);
    const form = new URLSearchParams({ analytics: 'yes', _csrf: csrfFrom(page.body) }).toString();
    f.clock.advance(1000);
    const res = await agent.request('POST', '/cookies', form, {
      ...gpc,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(200);
    expect(stored(consentCookie(res)!)).toMatchObject({ id: first.id, c: { analytics: 1 }, g: 1 });
    expect((await logFor(first.id)).map((c) => [c.method, c.gpc])).toEqual([
      ['settings', false],
      ['settings', true],
    ]);
    // A choice made with GPC on stands.
    const after = await agent.request('GET', '/cookies', undefined, gpc);
    expect(checked(after.body, 'yes')).toBe(true);
  });

  it('shows a <noscript> banner pointing to the form until the visitor chooses, never with GPC or on staff pages', async () => {
    const noscript =
      '<noscript><div class="custos-cb" role="region" aria-label="Cookies on Brookvale Homes">';
    const agent = new Agent(f.app);
    const home = await agent.get('/');
    expect(home.body).toContain(noscript);
    expect(home.body).toContain('<a class="custos-cb__link" href="/cookies">Choose which cookies we use</a>');
    expect(home.body.indexOf(noscript)).toBeLessThan(home.body.indexOf('govuk-skip-link'));
    expect((await agent.request('GET', '/', undefined, { 'sec-gpc': '1' })).body).not.toContain('<noscript>');
    await agent.post('/cookies', { analytics: 'no' });
    expect((await agent.get('/')).body).not.toContain('<noscript>');
    const dpo = await signInStaff(f, 'dpo');
    expect((await dpo.get('/staff')).body).not.toContain('custos-cb');
  });
});

describe('logging choices', () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    f.app.inject({
      method: 'POST',
      url: '/consent/cookies',
      payload: payload as object,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    });
  const choice = {
    consentId: CONSENT_ID,
    accepted: ['analytics'],
    rejected: [],
    method: 'accept-all',
    gpc: false,
    noticeVersion: '1.0',
  };

  it('logs each choice, GPC included from the header', async () => {
    expect((await post(choice)).statusCode).toBe(201);
    f.clock.advance(1000); // the log is read back in time order
    const gpc = await post(
      { ...choice, accepted: [], rejected: ['analytics'], method: 'gpc', gpc: false },
      { 'sec-gpc': '1' },
    );
    expect(gpc.statusCode).toBe(201);
    const logged = await cookieChoicesFor(f.store.db, 'brookvale-homes', CONSENT_ID);
    expect(logged.map((c) => [c.method, c.gpc])).toEqual([
      ['accept-all', false],
      ['gpc', true],
    ]);
  });

  it('refuses bad choices with a 400 naming the field, and logs nothing', async () => {
    const before = (await cookieChoicesFor(f.store.db, 'brookvale-homes', CONSENT_ID)).length;
    for (const [body, field] of [
      [{ ...choice, accepted: ['tracking'] }, 'accepted'],
      [{ ...choice, method: 'gpc', accepted: [], rejected: ['analytics'] }, 'method'],
      [{ ...choice, noticeVersion: '9.9' }, 'noticeVersion'],
      [{ ...choice, consentId: 'not-a-uuid' }, 'consentId'],
      [[1, 2], 'body'],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().message, field).toContain(field);
    }
    const garbled = await f.app.inject({
      method: 'POST',
      url: '/consent/cookies',
      payload: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(garbled.statusCode).toBe(400);
    expect((await cookieChoicesFor(f.store.db, 'brookvale-homes', CONSENT_ID)).length).toBe(before);
  });
});
