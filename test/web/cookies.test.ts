/**
 * Cookie consent on the site: the banner's tags (with the response's CSP nonce) on public and
 * portal pages and never on staff pages, Sec-GPC read on the server, the banner's files,
 * /.well-known/gpc.json, every choice logged (and bad ones refused with a 400 naming the field),
 * and the cookies page with the notice's own table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieChoicesFor } from '../../src/consent/cookies/index.ts';
import { Agent, signInResident, signInStaff, webFixture, type WebFixture } from './helpers.ts';

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
    expect(page.body).toContain('data-custos-cookie-settings');
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
