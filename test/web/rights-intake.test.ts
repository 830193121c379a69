/**
 * Recording a rights request that arrived by phone, letter, email or in person (issue 7), over
 * inject: staff find the person with the audited search (the identifier posted, never in an
 * address or the audit), record the request with a past received date and get the statutory due
 * date; bad input is a 400 with the error summary naming the field, and nothing is written; a role
 * without the rights purpose is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const NEW = '/staff/requests/new';
const person = () => tenants()[2]!;

const count = async (sql: string, params: unknown[] = []) =>
  (await f.store.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0]!.n;
const requestsWritten = () => count('rights_requests');

async function find(agent: Agent, identifier: string, idKind = 'customer-ref') {
  return agent.post(`${NEW}/find`, { idKind, identifier }, { from: NEW });
}

/** A well-formed phone request for the person, with any field replaced. */
function phoneRequest(fields: Record<string, string> = {}) {
  return {
    personId: person().id,
    right: 'access',
    'receivedOn-day': '28',
    'receivedOn-month': '10',
    'receivedOn-year': '2026',
    channel: 'phone',
    wording: 'Rang to ask for copies of everything about my repairs.',
    representativeId: 'self',
    ...fields,
  };
}

const record = (fields: Record<string, string>) =>
  dpo.post(NEW, fields, { from: `${NEW}?person=${person().id}` });

describe('finding the person', () => {
  it('is a posted, audited search: the identifier is in no address and no audit entry', async () => {
    const ref = person().customerRef;
    const before = await count("audit_events where action = 'person.find' and actor = 'dpo'");
    const res = await find(dpo, ref);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${NEW}?person=${person().id}`);
    expect(String(res.headers.location)).not.toContain(ref);
    const [found] = await f.store.db.query<{ person_id: string; purpose: string; fields: string[] }>(
      "select person_id, purpose, fields from audit_events where action = 'person.find' and actor = 'dpo' order by seq desc limit 1",
    );
    expect(found).toEqual({
      person_id: person().id,
      purpose: 'subject-access',
      fields: ['lookup:customer-ref'],
    });
    expect(await count("audit_events where action = 'person.find' and actor = 'dpo'")).toBe(before + 1);
    expect(await count('audit_events where reason like $1', [`%${ref}%`])).toBe(0);

    const form = await dpo.get(String(res.headers.location));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(ref);
  });

  it('says so when no one has the identifier, and audits the search without the value', async () => {
    const before = await count("audit_events where action = 'person.find' and reason = 'no one found'");
    const res = await find(dpo, 'ZZ-NOBODY-999');
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'No one you may act for has that identifier: check it and try again',
    ]);
    expect(res.body).toContain('href="#identifier"');
    expect(await count("audit_events where action = 'person.find' and reason = 'no one found'")).toBe(
      before + 1,
    );
    const blank = await find(dpo, '  ', 'passport');
    expect(blank.statusCode).toBe(400);
    expect(errorSummary(blank.body)).toEqual([
      'Select what you are searching by',
      'Enter the customer reference or other identifier',
    ]);
  });
});

describe('recording a request received by phone', () => {
  it('starts the clock on the day received: 28 October 2026 is due on Monday 30 November', async () => {
    // One month on is Saturday 28 November, so the deadline moves to the next working day.
    const res = await record(phoneRequest());
    expect(res.statusCode).toBe(303);
    const id = /^\/staff\/requests\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const [row] = await f.store.db.query<Record<string, unknown>>(
      'select "right", channel, status, received_on, due_on, representative_id, person_id from rights_requests where id = $1',
      [id],
    );
    expect(row).toEqual({
      right: 'access',
      channel: 'phone',
      status: 'received',
      received_on: '2026-10-28',
      due_on: '2026-11-30',
      representative_id: null,
      person_id: person().id,
    });
    const page = await dpo.get(`/staff/requests/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('30 November 2026');
    expect(page.body).toContain('Rang to ask for copies of everything about my repairs.');
    expect(
      await count("audit_events where action = 'rights-request.create' and $1 = any(record_ids)", [id]),
    ).toBe(1);
  });

  it('takes a letter received today and one received in person', async () => {
    const today = phoneRequest({
      channel: 'letter',
      right: 'erasure',
      'receivedOn-day': '23',
      'receivedOn-month': '11',
      'receivedOn-year': '2026',
    });
    expect((await record(today)).statusCode).toBe(303);
    expect((await record(phoneRequest({ channel: 'in-person', right: 'rectification' }))).statusCode).toBe(
      303,
    );
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, string>, string[], string][] = [
    ['no right', { right: '' }, ['Select which right the request is about'], '#right'],
    [
      'a future date',
      { 'receivedOn-day': '24', 'receivedOn-month': '11', 'receivedOn-year': '2026' },
      ['Date received must be today or in the past'],
      '#receivedOn-day',
    ],
    [
      'a date that does not exist',
      { 'receivedOn-day': '31', 'receivedOn-month': '2', 'receivedOn-year': '2026' },
      ['Date received must be a real date'],
      '#receivedOn-day',
    ],
    [
      'a date without a month',
      { 'receivedOn-month': '' },
      ['Date received must include a month'],
      '#receivedOn-month',
    ],
    [
      'letters for a day',
      { 'receivedOn-day': 'tw' },
      ['Date received must be a real date'],
      '#receivedOn-day',
    ],
    [
      'no date',
      { 'receivedOn-day': '', 'receivedOn-month': '', 'receivedOn-year': '' },
      ['Enter the date the request was received'],
      '#receivedOn-day',
    ],
    ['the portal as a channel', { channel: 'portal' }, ['Select how the request arrived'], '#channel'],
    ['no words', { wording: ' ' }, ['Enter what the person asked for, in their own words'], '#wording'],
    ['no one chosen', { representativeId: '' }, ['Select who made the request'], '#representativeId'],
    [
      'a representative not on the register',
      { representativeId: '00000000-0000-4000-8000-000000000000' },
      ['Select who made the request'],
      '#representativeId',
    ],
    [
      'an unknown person',
      { personId: '00000000-0000-4000-8000-000000000001' },
      ['Find the person again: no one you may act for has the person id given'],
      '#identifier',
    ],
    [
      'a malformed person id',
      { personId: 'me' },
      ['Find the person again: no one you may act for has the person id given'],
      '#identifier',
    ],
  ];

  it.each(cases)(
    '%s: 400 with the error summary naming the field, nothing written',
    async (_name, fields, messages, href) => {
      const before = await requestsWritten();
      const res = await record(phoneRequest(fields));
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual(messages);
      expect(res.body).toContain(`href="${href}"`);
      expect(res.body).toContain('govuk-error-summary');
      expect(await requestsWritten()).toBe(before);
    },
  );

  it('lists every problem at once, in the order of the form, and keeps what was typed', async () => {
    const res = await record(phoneRequest({ right: '', 'receivedOn-year': '3026', wording: '' }));
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Select which right the request is about',
      'Date received must be today or in the past',
      'Enter what the person asked for, in their own words',
    ]);
    expect(res.body).toContain('value="3026"');
  });

  it('refuses a missing CSRF token, and an unknown person on the form page is a 404', async () => {
    const before = await requestsWritten();
    expect((await dpo.post(NEW, phoneRequest(), { csrf: null })).statusCode).toBe(403);
    expect(await requestsWritten()).toBe(before);
    expect((await dpo.get(`${NEW}?person=00000000-0000-4000-8000-000000000001`)).statusCode).toBe(404);
    expect((await dpo.get(`${NEW}?person=someone`)).statusCode).toBe(400);
  });
});

describe('who may record requests', () => {
  it('answers 401 without a session and 403 to a role without the rights purpose', async () => {
    const officer = await signInStaff(f, 'housing.north');
    const contractor = await signInStaff(f, 'contractor-acme');
    const anon = new Agent(f.app);
    const before = await requestsWritten();
    const finds = await count("audit_events where action = 'person.find'");
    for (const agent of [officer, contractor]) {
      const from = '/staff';
      expect((await agent.get(NEW)).statusCode).toBe(403);
      expect((await agent.get(`${NEW}?person=${person().id}`)).statusCode).toBe(403);
      expect(
        (
          await agent.post(
            `${NEW}/find`,
            { idKind: 'customer-ref', identifier: person().customerRef },
            { from },
          )
        ).statusCode,
      ).toBe(403);
      expect((await agent.post(NEW, phoneRequest(), { from })).statusCode).toBe(403);
    }
    expect((await anon.get(NEW)).statusCode).toBe(401);
    expect((await anon.post(NEW, phoneRequest(), { csrf: null })).statusCode).toBe(401);
    expect(await requestsWritten()).toBe(before);
    expect(await count("audit_events where action = 'person.find'")).toBe(finds);
  });

  it('links the new page from the requests list', async () => {
    expect((await dpo.get('/staff/requests')).body).toContain(`href="${NEW}"`);
  });
});
