/**
 * Registering in the demo: no email is sent and the embedded database is locked while the server
 * runs, so the "Check your email" page shows the confirmation link, marked as the demo's only.
 * Outside the demo (and always in production, whatever `demo` says) the page never shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, type WebApp } from '../../src/web/app.ts';
import { readOutbox } from '../../src/web/outbox.ts';
import { Agent, tenants, webFixture, type WebFixture } from './helpers.ts';

const DEMO_NOTE = 'Demo only: this is the link the email would contain';

let f: WebFixture;
const apps: WebApp[] = [];
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await f?.close();
});

async function appWith(options: { demo: boolean; production?: boolean }): Promise<WebApp> {
  const app = await buildWebApp(f.store, { logger: false, ...options });
  await app.ready();
  apps.push(app);
  return app;
}

function details(t: ReturnType<typeof tenants>[number], email: string) {
  const [y, m, d] = t.dateOfBirth.split('-');
  return {
    customerRef: t.customerRef,
    'dateOfBirth-day': d!,
    'dateOfBirth-month': m!,
    'dateOfBirth-year': y!,
    postcode: t.postcode,
    email,
    password: 'a-good-long-password',
    confirmPassword: 'a-good-long-password',
  };
}

describe('the confirmation link on "Check your email"', () => {
  it('is shown in the demo, marked as the demo’s only, and finishes registering', async () => {
    const email = 'demo.link@example.invalid';
    const agent = new Agent(await appWith({ demo: true }));
    const res = await agent.post('/portal/register', details(tenants()[5]!, email));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your email');
    expect(res.body).toContain(DEMO_NOTE);
    const [message] = await readOutbox(f.store.db, email);
    const link = /http:\/\/\S+\/portal\/verify\/[A-Za-z0-9_-]{43}/.exec(message!.body)![0];
    expect(res.body).toContain(`href="${link}"`);

    const path = new URL(link).pathname;
    expect((await agent.post(path, {})).body).toContain('Email address confirmed');
    const signIn = await agent.post('/portal/sign-in', { email, password: 'a-good-long-password' });
    expect(signIn.headers.location).toBe('/portal/your-information');
  });

  it('is never shown outside the demo, nor in production', async () => {
    for (const [i, app] of [f.app, await appWith({ demo: true, production: true })].entries()) {
      const email = `no.link.${i}@example.invalid`;
      const agent = new Agent(app);
      const res = await agent.post('/portal/register', details(tenants()[6 + i]!, email));
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/portal/register/check-email');
      const page = await agent.get('/portal/register/check-email');
      expect(page.body).toContain('Check your email');
      expect(page.body).not.toContain(DEMO_NOTE);
      expect(page.body).not.toContain('/portal/verify/');
      expect(await readOutbox(f.store.db, email)).toHaveLength(1);
    }
  });
});
