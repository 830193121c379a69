/**
 * The residents' portal without a browser: registering (matched to a person on file, confirmed by
 * a link from the outbox), signing in, and seeing what is held and why, audited as the resident;
 * and using their rights (requests, representatives, consent) as themselves, never as the system.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoAccessed } from '../../src/audit/queries.ts';
import { applyRestriction } from '../../src/rights/restriction/index.ts';
import { readOutbox } from '../../src/web/outbox.ts';
import { Agent, errorSummary, signInResident, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

const details = (t: ReturnType<typeof tenants>[number], email: string) => {
  const [y, m, d] = t.dateOfBirth.split('-');
  return {
    customerRef: t.customerRef.toLowerCase(),
    'dateOfBirth-day': String(Number(d)),
    'dateOfBirth-month': String(Number(m)),
    'dateOfBirth-year': y!,
    postcode: t.postcode.replace(' ', '').toLowerCase(),
    email,
    password: 'a-good-long-password',
    confirmPassword: 'a-good-long-password',
  };
};

const linkIn = (body: string) => new URL(/https?:\/\/\S+\/portal\/verify\/\S+/.exec(body)![0]).pathname;

describe('registering', () => {
  it('matches the person, sends a one-time link, and then lets them sign in and see their file', async () => {
    const tenant = tenants()[3]!;
    const email = 'new.resident@example.invalid';
    const agent = new Agent(f.app);
    const res = await agent.post('/portal/register', details(tenant, email));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/portal/register/check-email');

    const early = await agent.post('/portal/sign-in', { email, password: 'a-good-long-password' });
    expect(errorSummary(early.body)).toEqual([
      'Confirm your email address first, using the link we sent you',
    ]);

    const [message] = await readOutbox(f.store.db, email);
    const link = linkIn(message!.body);
    expect((await agent.get(link)).statusCode).toBe(200);
    const confirmed = await agent.post(link, {});
    expect(confirmed.body).toContain('Email address confirmed');
    expect((await agent.post(link, {})).statusCode).toBe(400);

    const signIn = await agent.post('/portal/sign-in', { email, password: 'a-good-long-password' });
    expect(signIn.headers.location).toBe('/portal/your-information');
    const page = await agent.get('/portal/your-information');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(tenant.customerRef);
    expect(page.body).toContain('Why we hold this');
    expect(page.body).toContain('Managing your tenancy and rent account');
    const audit = await whoAccessed(f.store.db, tenant.id);
    expect(audit[0]).toMatchObject({ actorKind: 'subject', channel: 'portal', outcome: 'allowed' });
  });

  it('does not say which detail was wrong', async () => {
    const tenant = tenants()[4]!;
    const wrong = { ...details(tenant, 'x@example.invalid'), 'dateOfBirth-year': '1901' };
    const res = await new Agent(f.app).post('/portal/register', wrong);
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'We could not find you from those details. Check them against a letter from us, or contact us',
    ]);
    expect(await readOutbox(f.store.db, 'x@example.invalid')).toEqual([]);
  });

  it('gives the same answer for a person whose processing is restricted: a reference alone tells nothing', async () => {
    const tenant = tenants()[5]!;
    await applyRestriction(
      f.store,
      {
        actor: {
          id: 'test-dpo',
          kind: 'system',
          controllerId: f.store.manifests.keys().next().value!,
          roles: [],
        },
        purpose: 'subject-access',
        channel: 'system',
      },
      { personId: tenant.id, ground: 'accuracy-contested', reason: 'Synthetic: accuracy contested' },
    );
    const wrong = { ...details(tenant, 'y@example.invalid'), 'dateOfBirth-year': '1901' };
    const res = await new Agent(f.app).post('/portal/register', wrong);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('restricted');
    expect(errorSummary(res.body)).toEqual([
      'We could not find you from those details. Check them against a letter from us, or contact us',
    ]);
  });

  it('tells someone who already has an account by email, not on the page', async () => {
    const tenant = tenants()[0]!;
    const res = await new Agent(f.app).post('/portal/register', details(tenant, 'again@example.invalid'));
    expect(res.headers.location).toBe('/portal/register/check-email');
    const [message] = await readOutbox(f.store.db, 'again@example.invalid');
    expect(message!.body).toContain('you already have one');
  });

  it('refuses a link that does not exist', async () => {
    const agent = new Agent(f.app);
    const link = `/portal/verify/${'A'.repeat(43)}`;
    const res = await agent.post(link, {});
    expect(res.statusCode).toBe(400);
    expect((await agent.get('/portal/verify/short')).statusCode).toBe(400);
  });
});

describe('your information', () => {
  it('shows the demo resident their own details only', async () => {
    const agent = await signInResident(f);
    const page = await agent.get('/portal/your-information');
    expect(page.body).toContain(tenants()[0]!.customerRef);
    expect(page.body).not.toContain(tenants()[1]!.customerRef);
  });

  it('lists rent transactions newest first by the day they were posted, with values in words', async () => {
    const page = (await (await signInResident(f)).get('/portal/your-information')).body;
    const table = /id="rent-transaction"[\s\S]*?<\/table>/.exec(page)![0];
    expect(table).toContain('<th scope="col" class="govuk-table__header">Posted on</th>');
    const days = [...table.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>/g)].map((m) =>
      Date.parse(`${m[1]!} 12:00 UTC`),
    );
    expect(days.length).toBeGreaterThan(1);
    expect(days.every((d) => !Number.isNaN(d))).toBe(true);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    expect(table).toContain('£');
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(page).not.toMatch(/>(rent-charge|direct-debit|true|false)</);
  });
});

describe('using their rights', () => {
  it('makes requests, names representatives and gives and withdraws consent as the person, audited so', async () => {
    const agent = await signInResident(f);
    const person = tenants()[0]!.id;
    const [last] = await f.store.db.query<{ seq: number }>(
      'select coalesce(max(seq), 0)::int as seq from audit_events',
    );
    const before = last!.seq;
    const made = await agent.post('/portal/requests/new', {
      right: 'rectification',
      wording: 'My phone number is wrong.',
    });
    expect(made.statusCode).toBe(303);
    expect((await agent.get(String(made.headers.location))).statusCode).toBe(200);
    const named = await agent.post('/portal/representatives', {
      name: 'Synthetic Carer',
      kind: 'carer',
      scope: 'withdraw-consent',
    });
    expect(named.statusCode).toBe(303);
    for (const choice of ['give', 'withdraw'])
      expect(
        (
          await agent.post(
            '/portal/consents',
            { activity: 'newsletters', choice },
            { from: '/portal/consents' },
          )
        ).statusCode,
      ).toBe(303);

    const events = await f.store.db.query<{
      action: string;
      actor: string;
      actor_kind: string;
      outcome: string;
    }>(
      `select action, actor, actor_kind, outcome from audit_events
        where seq > $1 and person_id = $2 and action in
          ('rights-request.create', 'representative.create', 'consent.give', 'consent.withdraw')
        order by seq`,
      [before, person],
    );
    expect(events.map((e) => e.action)).toEqual([
      'rights-request.create',
      'representative.create',
      'consent.give',
      'consent.withdraw',
    ]);
    for (const e of events)
      expect(e, e.action).toMatchObject({
        actor_kind: 'subject',
        outcome: 'allowed',
        actor: expect.stringMatching(/^resident:/),
      });
    // Nothing the resident drove was done as the system.
    const system = await f.store.db.query(
      "select 1 from audit_events where seq > $1 and channel = 'portal' and actor_kind = 'system'",
      [before],
    );
    expect(system).toEqual([]);
  });
});
