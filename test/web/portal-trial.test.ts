/**
 * What a fresh-clone trial of the portal found missing: who has seen your information (the access
 * history, in the subject access pack's words, withheld disclosures left out), sending the
 * confirmation link again (no account enumeration, rate-limited), routine sharing on the
 * disclosures page, and picking the uses of one's information to object to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoAccessed } from '../../src/audit/queries.ts';
import { readPerson } from '../../src/records/people.ts';
import type { Call } from '../../src/records/store.ts';
import { readRequest } from '../../src/rights/requests/index.ts';
import { recordDisclosure, type NewDisclosure } from '../../src/sharing/index.ts';
import { buildWebApp, type WebApp } from '../../src/web/app.ts';
import { readOutbox } from '../../src/web/outbox.ts';
import {
  Agent,
  csrfFrom,
  errorSummary,
  signInResident,
  tenants,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
let resident: Agent;
const apps: WebApp[] = [];
const tenant = () => tenants()[0]!;
beforeAll(async () => {
  f = await webFixture();
  resident = await signInResident(f);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await f?.close();
});

const controllerId = () => [...f.store.manifests.keys()][0]!;
const staffCall = (id: string, roles: string[], purpose: string): Call => ({
  actor: { id, kind: 'staff', controllerId: controllerId(), roles },
  purpose,
  channel: 'web',
});
const toPolice = (over: Partial<NewDisclosure>): NewDisclosure => ({
  personId: tenant().id,
  basis: 'crime-and-taxation',
  recipientId: 'police',
  recipientName: 'Northtown police station',
  activityId: 'asb',
  categories: ['identity'],
  reasons: 'Locating a suspect; telling the person would prejudice the investigation.',
  approvedBy: 'The DPO',
  ...over,
});
const dpo = () => staffCall('staff:dpo-test', ['data-protection-officer'], 'subject-access');

/** Post a form whose checkboxes share a name (the helper's Agent posts one value a name). */
async function postForm(agent: Agent, url: string, fields: [string, string][]) {
  const csrf = csrfFrom((await agent.get(url)).body);
  const body = new URLSearchParams([...fields, ['_csrf', csrf]]).toString();
  return agent.request('POST', url, body, { 'content-type': 'application/x-www-form-urlencoded' });
}

describe('who we have shared your information with', () => {
  it('lists the routine sharing for the person’s kinds of information, then says none are recorded', async () => {
    const page = await resident.get('/portal/disclosures');
    expect(page.statusCode).toBe(200);
    for (const words of ['Sharing we do routinely', 'Experian (Rental Exchange)', 'The Rental Exchange'])
      expect(page.body).toContain(words);
    expect(page.body).not.toContain('We have not shared your information with anyone');
    expect(page.body).toContain('Each time we recorded sharing your information');
    expect(page.body).toContain('None recorded.');
  });
});

describe('who has seen your information', () => {
  const PATH = '/portal/who-has-seen-your-information';

  it('is linked from the navigation and from "The information we hold about you"', async () => {
    const info = await resident.get('/portal/your-information');
    expect(info.body.match(new RegExp(`href="${PATH}"`, 'g'))?.length).toBeGreaterThanOrEqual(2);
    const visitor = await new Agent(f.app).request('GET', PATH, undefined, { accept: 'text/html' });
    expect(visitor.statusCode).toBe(303);
  });

  it('shows staff access by kind and purpose, never by name, and counts the person’s own use in a line', async () => {
    // An officer outside the person's patch is refused: the refusal is listed too, by kind, not name.
    const officer = staffCall('staff:officer-quillfeather', ['income-officer'], 'tenancy-management');
    await expect(readPerson(f.store, officer, tenant().id)).rejects.toThrow(/not in your patch/);
    const page = await resident.get(PATH);
    expect(page.statusCode).toBe(200);
    for (const words of ['A member of staff', 'looked at your details', 'Managing your tenancy', 'Refused'])
      expect(page.body).toContain(words);
    expect(page.body).not.toContain('quillfeather');
    expect(page.body).toMatch(
      /You used your own online account \d+ times in this time, including opening this page/,
    );
    expect(page.body).toContain('Handling your requests');
    expect(page.body).toContain('last 12 months');
    const [latest] = await whoAccessed(f.store.db, tenant().id, 5);
    expect(latest).toMatchObject({ action: 'access-history.read', actorKind: 'subject', outcome: 'allowed' });
  });

  it('leaves out a disclosure kept from the person, and shows one they may see', async () => {
    await recordDisclosure(f.store, dpo(), toPolice({ reference: 'SECRET/1', withholdFromSubject: true }));
    expect((await resident.get(PATH)).body).not.toContain('recorded sharing your information');
    await recordDisclosure(f.store, dpo(), toPolice({ reference: 'OPEN/2' }));
    const page = await resident.get(PATH);
    expect(page.body).toContain('recorded sharing your information');
    const disclosures = await resident.get('/portal/disclosures');
    expect(disclosures.body).toContain('1 time we shared your information');
    expect(disclosures.body).not.toContain('None recorded.');
  });
});

describe('sending the confirmation link again', () => {
  const [y, m, d] = tenants()[9]!.dateOfBirth.split('-');
  const registration = (email: string) => ({
    customerRef: tenants()[9]!.customerRef,
    'dateOfBirth-day': d!,
    'dateOfBirth-month': m!,
    'dateOfBirth-year': y!,
    postcode: tenants()[9]!.postcode,
    email,
    password: 'a-good-long-password',
    confirmPassword: 'a-good-long-password',
  });
  const linkIn = (body: string) =>
    new URL(/https?:\/\/\S+\/portal\/verify\/[A-Za-z0-9_-]{43}/.exec(body)![0]).pathname;
  const email = 'lost.link@example.invalid';

  it('is offered where the person is stuck: the sign-in refusal and a spent link', async () => {
    const agent = new Agent(f.app);
    expect((await agent.post('/portal/register', registration(email))).statusCode).toBe(303);
    const refused = await agent.post('/portal/sign-in', { email, password: 'a-good-long-password' });
    expect(refused.body).toContain('href="/portal/send-link-again"');
    const spent = await agent.post(
      `/portal/verify/${'x'.repeat(43)}`,
      {},
      { from: '/portal/send-link-again' },
    );
    expect(spent.statusCode).toBe(400);
    expect(spent.body).toContain('href="/portal/send-link-again"');
  });

  it('sends a fresh link that works, and the old one no longer does', async () => {
    const agent = new Agent(f.app);
    const res = await agent.post('/portal/send-link-again', { email });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/portal/send-link-again/sent');
    const [first, second] = await readOutbox(f.store.db, email);
    expect(second!.body).toContain('Any link we sent you before no longer works');
    expect((await agent.post(linkIn(first!.body), {})).statusCode).toBe(400);
    expect((await agent.post(linkIn(second!.body), {})).body).toContain('Email address confirmed');
    const signIn = await agent.post('/portal/sign-in', { email, password: 'a-good-long-password' });
    expect(signIn.headers.location).toBe('/portal/your-information');
  });

  it('says the same whether or not an unconfirmed account has the address, and emails no one else', async () => {
    const agent = new Agent(f.app);
    const pages = [];
    for (const address of ['nobody.here@example.invalid', email]) {
      const res = await agent.post('/portal/send-link-again', { email: address });
      expect(res.headers.location).toBe('/portal/send-link-again/sent');
      pages.push(
        (await agent.get('/portal/send-link-again/sent')).body.replace(/(value|nonce)="[^"]*"/g, ''),
      );
    }
    expect(pages[0]).toBe(pages[1]);
    expect(await readOutbox(f.store.db, 'nobody.here@example.invalid')).toEqual([]);
    expect(await readOutbox(f.store.db, email)).toHaveLength(2);
  });

  it('refuses an address in the wrong form, naming the field, and sends nothing', async () => {
    const res = await new Agent(f.app).post('/portal/send-link-again', { email: 'not-an-address' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Enter an email address in the correct format, like name@example.com',
    ]);
  });

  it('shows the link on the page in the demo, and is rate-limited like signing in', async () => {
    const app = await buildWebApp(f.store, { logger: false, demo: true, signInPerMinute: 3 });
    await app.ready();
    apps.push(app);
    const agent = new Agent(app);
    const address = 'demo.lost@example.invalid';
    const [yy, mm, dd] = tenants()[11]!.dateOfBirth.split('-');
    await agent.post('/portal/register', {
      ...registration(address),
      customerRef: tenants()[11]!.customerRef,
      'dateOfBirth-day': dd!,
      'dateOfBirth-month': mm!,
      'dateOfBirth-year': yy!,
      postcode: tenants()[11]!.postcode,
    });
    const res = await agent.post('/portal/send-link-again', { email: address });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Demo only: this is the link the email would contain');
    const [, latest] = await readOutbox(f.store.db, address);
    const link = /https?:\/\/\S+\/portal\/verify\/[A-Za-z0-9_-]{43}/.exec(latest!.body)![0];
    expect(res.body).toContain(`href="${link}"`);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await agent.post('/portal/send-link-again', { email: address }, { from: '/portal/send-link-again' }))
          .statusCode,
      );
    expect(statuses).toContain(429);
  });
});

describe('objecting to uses of your information', () => {
  it('offers the uses on legitimate interests or public task that apply, and all direct marketing', async () => {
    const page = await resident.get('/portal/requests/new');
    expect(page.body).toContain('If you are objecting: which uses of your information do you object to?');
    expect(page.body).toContain('name="uses" type="checkbox" value="rental-exchange"');
    expect(page.body).toContain('value="all-direct-marketing"');
    // A contract is not something the right to object covers.
    expect(page.body).not.toContain('value="tenancy-management"');
  });

  it('asks for a use or words, refuses a use not offered, and writes nothing', async () => {
    const before = (await whoAccessed(f.store.db, tenant().id, 1000)).filter(
      (a) => a.action === 'rights-request.create',
    ).length;
    const none = await postForm(resident, '/portal/requests/new', [['right', 'objection']]);
    expect(none.statusCode).toBe(400);
    expect(errorSummary(none.body)).toEqual([
      'Select the uses of your information you object to, or tell us in your words',
    ]);
    const odd = await postForm(resident, '/portal/requests/new', [
      ['right', 'objection'],
      ['uses', 'tenancy-management'],
    ]);
    expect(errorSummary(odd.body)).toEqual(['Select uses of your information from the list']);
    const notObjecting = await postForm(resident, '/portal/requests/new', [
      ['right', 'access'],
      ['uses', 'rental-exchange'],
    ]);
    expect(errorSummary(notObjecting.body)).toEqual([
      'Uses to object to are only for an objection: select that, or untick them',
    ]);
    expect(notObjecting.body).toMatch(/value="rental-exchange" checked/);
    const after = (await whoAccessed(f.store.db, tenant().id, 1000)).filter(
      (a) => a.action === 'rights-request.create',
    ).length;
    expect(after).toBe(before);
  });

  it('records the request with the uses picked, one a line, and the person’s words', async () => {
    const res = await postForm(resident, '/portal/requests/new', [
      ['right', 'objection'],
      ['uses', 'rental-exchange'],
      ['uses', 'all-direct-marketing'],
      ['wording', 'Please stop sharing my rent with Experian.'],
    ]);
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    const asThePerson: Call = {
      actor: {
        id: 'resident:test',
        kind: 'subject',
        controllerId: controllerId(),
        personId: tenant().id,
        roles: [],
      },
      purpose: 'subject-access',
      channel: 'portal',
    };
    const view = await readRequest(f.store, asThePerson, id);
    expect(view.wording).toBe(
      'I object to these uses of my information:\n- The Rental Exchange\n- All direct marketing\n\nPlease stop sharing my rent with Experian.',
    );
  });
});
