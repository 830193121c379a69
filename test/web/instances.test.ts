/**
 * Several instances over one database: a session started on one is honoured by another, sign out
 * everywhere reaches all of them, and the first-start seeding happens once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStart } from '../../src/app/demo-web.ts';
import { buildWebApp, type WebApp } from '../../src/web/app.ts';
import { Agent, signInStaff, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let second: WebApp;
beforeAll(async () => {
  f = await webFixture();
  second = await buildWebApp(f.store, { logger: false });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await f?.close();
});

describe('two instances, one database', () => {
  it('share sessions and sign-out everywhere', async () => {
    const onFirst = await signInStaff(f, 'dpo');
    const onSecond = new Agent(second);
    for (const [k, v] of onFirst.cookies) onSecond.cookies.set(k, v);
    expect((await onSecond.get('/staff')).statusCode).toBe(200);
    await onSecond.post('/staff/sign-out-everywhere', {}, { from: '/staff' });
    expect((await onFirst.get('/staff')).statusCode).toBe(401);
  });

  it('seed the demo once: a later first start finds it done', async () => {
    // The fixture seeded without the bootstrap row, so claim it the way a finished seed leaves it.
    await f.store.db.query(
      "insert into web_bootstrap (controller_id, claimed_at, done_at) values ('brookvale-homes', now(), now()) on conflict do nothing",
    );
    expect(await firstStart(f.store, { waitMs: 1000 })).toEqual({ seeded: false, reason: 'done' });
  });
});
