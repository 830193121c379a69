/** Signing in and out: passwords and TOTP codes, lockout, session expiry, sign out everywhere, CSRF. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../../src/web/app.ts';
import { MAX_FAILURES } from '../../src/web/auth/lockout.ts';
import { totpCode } from '../../src/web/auth/totp.ts';
import {
  Agent,
  errorSummary,
  signInResident,
  signInStaff,
  staffAccount,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

describe('staff sign-in', () => {
  it('needs the password and then the current code, and lands on the staff home', async () => {
    const agent = await signInStaff(f, 'dpo');
    const home = await agent.get('/staff');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Hello, Dana Okafor');
  });

  it('does not let a password alone reach staff pages', async () => {
    const agent = new Agent(f.app);
    const first = await agent.post('/staff/sign-in', {
      username: 'dpo',
      password: staffAccount('dpo').password,
    });
    expect(first.headers.location).toBe('/staff/sign-in/code');
    expect((await agent.get('/staff')).statusCode).toBe(401);
    expect((await agent.get('/staff/requests')).statusCode).toBe(401);
  });

  it('refuses a wrong password with the error summary, naming no detail', async () => {
    const agent = new Agent(f.app);
    const res = await agent.post('/staff/sign-in', { username: 'dpo', password: 'not-the-password' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Enter a correct username and password']);
    const unknown = await agent.post('/staff/sign-in', { username: 'nobody', password: 'whatever-it-is' });
    expect(errorSummary(unknown.body)).toEqual(['Enter a correct username and password']);
  });

  it('refuses a code that was used already', async () => {
    const agent = await signInStaff(f, 'housing.north');
    const used = await totpCode(staffAccount('housing.north').totpSecret, f.clock.now);
    await agent.post('/staff/sign-out', {}, { from: '/staff' });
    const again = new Agent(f.app);
    await again.post('/staff/sign-in', {
      username: 'housing.north',
      password: staffAccount('housing.north').password,
    });
    const res = await again.post('/staff/sign-in/code', { code: used });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toMatch(/used already/);
  });

  it(`locks the account after ${MAX_FAILURES} wrong attempts, even with the right password after`, async () => {
    const agent = new Agent(f.app);
    for (let i = 0; i < MAX_FAILURES; i++)
      await agent.post('/staff/sign-in', { username: 'contractor-acme', password: 'wrong-password-here' });
    const res = await agent.post('/staff/sign-in', {
      username: 'contractor-acme',
      password: staffAccount('contractor-acme').password,
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toMatch(/locked/);
    f.clock.advance(16 * 60_000);
    await signInStaff(f, 'contractor-acme');
  });

  it('ends a session after 30 idle minutes', async () => {
    const agent = await signInStaff(f, 'dpo');
    f.clock.advance(29 * 60_000);
    expect((await agent.get('/staff')).statusCode).toBe(200);
    f.clock.advance(31 * 60_000);
    expect((await agent.get('/staff')).statusCode).toBe(401);
  });

  it('signs out, and signs out everywhere', async () => {
    const laptop = await signInStaff(f, 'dpo');
    const phone = await signInStaff(f, 'dpo');
    const out = await laptop.post('/staff/sign-out', {}, { from: '/staff' });
    expect(out.headers.location).toBe('/signed-out');
    expect((await laptop.get('/staff')).statusCode).toBe(401);
    expect((await phone.get('/staff')).statusCode).toBe(200);

    const desk = await signInStaff(f, 'dpo');
    const everywhere = await desk.post('/staff/sign-out-everywhere', {}, { from: '/staff' });
    expect(everywhere.statusCode).toBe(303);
    expect((await desk.get('/staff')).statusCode).toBe(401);
    expect((await phone.get('/staff')).statusCode).toBe(401);
  });
});

describe('rate limiting', () => {
  it('answers 429 once an address has tried to sign in too often', async () => {
    const app = await buildWebApp(f.store, { logger: false, signInPerMinute: 3 });
    await app.ready();
    const agent = new Agent(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await agent.post('/staff/sign-in', { username: 'dpo', password: 'wrong-password-x' })).statusCode,
      );
    await app.close();
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});

describe('resident sign-in', () => {
  it('signs in with email and password and signs out everywhere', async () => {
    const agent = await signInResident(f);
    expect((await agent.get('/portal/your-information')).statusCode).toBe(200);
    const other = await signInResident(f);
    await agent.post('/portal/sign-out-everywhere', {}, { from: '/portal/your-information' });
    expect((await other.get('/portal/your-information')).statusCode).toBe(401);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const agent = new Agent(f.app);
    const res = await agent.post('/portal/sign-in', {
      email: 'nobody@example.invalid',
      password: 'whatever-it-is',
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Enter a correct email address and password']);
  });
});

describe('CSRF', () => {
  it('refuses a form posted without its token, or with another visitor’s', async () => {
    const agent = await signInStaff(f, 'dpo');
    const none = await agent.post('/staff/sign-out-everywhere', {}, { csrf: null });
    expect(none.statusCode).toBe(403);
    const stranger = new Agent(f.app);
    const token = (await stranger.get('/staff/sign-in')).body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const forged = await agent.post('/staff/sign-out-everywhere', {}, { csrf: token });
    expect(forged.statusCode).toBe(403);
    expect((await agent.get('/staff')).statusCode).toBe(200);
  });

  it('refuses a sign-in posted with no cookie at all', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/staff/sign-in',
      payload: 'username=dpo&password=demo-dpo-password&_csrf=abc',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('sets only the one essential cookie the manifest declares', async () => {
    const res = await new Agent(f.app).get('/staff/sign-in');
    const names = (res.headers['set-cookie'] ? [res.headers['set-cookie']].flat() : []).map(
      (c) => String(c).split('=')[0],
    );
    expect(names).toEqual(['custos_session']);
    expect(f.store.manifests.get('brookvale-homes')!.cookies.map((c) => c.name)).toContain('custos_session');
  });
});
