/**
 * The public pages, the API description and the probes; secure headers with a fresh CSP nonce on
 * the inline script; and logs that carry no personal data.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../../src/web/app.ts';
import { Agent, DEMO_RESIDENT, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

describe('public pages', () => {
  it('renders the privacy notice from the manifest inside the layout', async () => {
    const res = await f.app.inject('/privacy');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('How we use your personal information');
    expect(res.body).toContain('Brookvale Homes');
    expect(res.body).toContain('govuk-generic-header');
    expect(res.body).toContain('govuk-phase-banner');
    expect(res.body).not.toContain('govuk-footer__crown');
  });

  it('renders a just-in-time notice, and 404 for an activity that does not exist', async () => {
    expect((await f.app.inject('/privacy/lettings')).body).toContain('Applications and lettings');
    expect((await f.app.inject('/privacy/no-such-thing')).statusCode).toBe(404);
  });

  it('serves its own favicon (not the GOV.UK crown) and links it from every page', async () => {
    const ico = await f.app.inject('/favicon.ico');
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect([...ico.rawPayload.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await f.app.inject('/assets/favicon.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    const page = (await f.app.inject('/privacy')).body;
    expect(page).toContain('<link rel="icon" sizes="32x32" href="/favicon.ico">');
    expect(page).toContain('href="/assets/favicon.svg" type="image/svg+xml"');
  });

  it('explains how to make a request, with the contact details', async () => {
    const res = await f.app.inject('/how-to-make-a-request');
    expect(res.body).toContain('dataprotection@brookvale-homes.org.uk');
    expect(res.body).toContain('within one month');
  });

  it('puts a fresh nonce on every inline script and in the CSP', async () => {
    const a = await f.app.inject('/');
    const b = await f.app.inject('/');
    const nonce = (res: typeof a) =>
      /'nonce-([0-9a-f]+)'/.exec(String(res.headers['content-security-policy']))![1]!;
    expect(nonce(a)).not.toBe(nonce(b));
    const scripts = [...a.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    // GOV.UK's two, and the cookie banner's configuration and script (routes/cookies.ts).
    expect(scripts.length).toBe(4);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce(a)}"`);
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
    expect(String(a.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('serves GOV.UK Frontend without the GDS Transport font', async () => {
    const css = await f.app.inject('/assets/govuk-frontend.min.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).not.toContain('@font-face');
    expect((await f.app.inject('/assets/govuk-frontend.min.js')).statusCode).toBe(200);
    expect((await f.app.inject('/assets/fonts/light-94a07e06a1-v2.woff2')).statusCode).toBe(404);
  });
});

describe('the API description and probes', () => {
  it('serves OpenAPI 3.1 with the records operation and no pages', async () => {
    const doc = (await f.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/records', '/health', '/ready']);
    expect(doc.paths['/api/records'].post.requestBody.content['application/json'].schema.required).toContain(
      'purpose',
    );
  });

  it('renders the API docs page', async () => {
    const res = await f.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/api/records');
  });

  it('is healthy and ready', async () => {
    expect((await f.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await f.app.inject('/ready')).json()).toEqual({ status: 'ready' });
  });
});

describe('logs', () => {
  it('hold route patterns and statuses, never identifiers, names, emails, cookies or bodies', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildWebApp(f.store, { logger: { level: 'debug', stream } });
    await app.ready();
    const logged = { ...f, app };
    const tenant = tenants()[0]!;
    const staff = await signInStaff(logged, 'dpo');
    const find = await staff.post('/staff/people', {
      customerRef: tenant.customerRef,
      purpose: 'subject-access',
    });
    const file = await staff.get(String(find.headers.location));
    expect(file.statusCode).toBe(200);
    await new Agent(app).post('/portal/sign-in', { email: DEMO_RESIDENT.email, password: 'wrong-password' });
    await app.inject({
      method: 'POST',
      url: '/api/records',
      payload: '{"x":1}',
      headers: { 'content-type': 'application/json' },
    });
    await app.close();
    const text = lines.join('');
    expect(text).toContain('"route":"/staff/people/:personId"');
    const secrets = [
      tenant.id,
      tenant.customerRef,
      tenant.postcode,
      DEMO_RESIDENT.email,
      'demo-dpo-password',
      'custos_session',
      ...staff.cookies.values(),
      String(file.body.match(/<h1 class="govuk-heading-xl">([^<]+)</)![1]),
    ];
    for (const s of secrets) expect(text, s).not.toContain(s);
  });
});
