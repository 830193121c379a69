/**
 * The register of representatives for staff (issue 7), over inject: a representative added appears
 * in the list and can then be chosen for a request made through them; one whose authority has
 * expired is refused with the reason, and nothing is written unless staff record the request as
 * refused; bad input is a 400 naming the field; a role without the rights purpose is refused.
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

const person = () => tenants()[4]!;
const REPS = () => `/staff/people/${person().id}/representatives`;
const NEW = '/staff/requests/new';

const count = async (table: string) =>
  (await f.store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

function representative(fields: Record<string, string | string[]> = {}) {
  return {
    name: 'Priya Testwell',
    organisation: 'Northfield Law (synthetic)',
    kind: 'solicitor',
    scope: 'access',
    evidenceKind: 'written-authority',
    evidenceReference: 'Signed authority, scanned 1 Sep 2026',
    'startsOn-day': '1',
    'startsOn-month': '9',
    'startsOn-year': '2026',
    'expiresOn-day': '',
    'expiresOn-month': '',
    'expiresOn-year': '',
    ...fields,
  };
}

/** Post a form whose fields may repeat (checkboxes), with the page's CSRF token. */
async function add(fields: Record<string, string | string[]>) {
  const page = await dpo.get(REPS());
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const form = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  return dpo.request('POST', REPS(), form.toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
}

const idOf = (html: string, who: string) =>
  new RegExp(`value="([0-9a-f-]{36})"[^>]*>\\s*<label[^>]*>\\s*${who}`).exec(html)?.[1];

function throughRepresentative(representativeId: string, fields: Record<string, string> = {}) {
  return dpo.post(
    NEW,
    {
      personId: person().id,
      right: 'access',
      'receivedOn-day': '28',
      'receivedOn-month': '10',
      'receivedOn-year': '2026',
      channel: 'letter',
      wording: 'Our client asks for a copy of all personal data you hold.',
      representativeId,
      ...fields,
    },
    { from: `${NEW}?person=${person().id}` },
  );
}

describe('adding a representative', () => {
  it('shows them in the list, then lets staff choose them for a request', async () => {
    const empty = await dpo.get(REPS());
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No one is on the register');
    // No one on the register: the person is the only possible requester, so they come chosen.
    expect((await dpo.get(`${NEW}?person=${person().id}`)).body).toMatch(/value="self" checked/);
    const res = await add(representative({ scope: ['access', 'erasure'] }));
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(new RegExp(`^${REPS()}\\?added=[0-9a-f-]{36}$`));
    expect(location).not.toContain('Priya');
    const list = await dpo.get(location);
    expect(list.body).toContain('govuk-notification-banner--success');
    expect(list.body).toMatch(/id="added">Priya Testwell, Northfield Law \(synthetic\) is on the register/);
    expect((await dpo.get(REPS())).body).not.toContain('govuk-notification-banner--success');
    expect(list.body).toContain('Priya Testwell, Northfield Law (synthetic)');
    expect(list.body).toContain('Access (subject access request), Erasure');
    expect(list.body).toContain('1 September 2026');
    expect(list.body).toMatch(/govuk-tag--green">Current/);

    const form = await dpo.get(`${NEW}?person=${person().id}`);
    expect(form.body).toContain('Priya Testwell, Northfield Law (synthetic) (Solicitor)');
    // With a representative on the register the person is no longer the only possible requester.
    expect(form.body).not.toMatch(/value="self" checked/);
    const repId = idOf(form.body, 'Priya Testwell')!;
    expect(repId).toBeDefined();
    const made = await throughRepresentative(repId);
    expect(made.statusCode).toBe(303);
    const id = /([0-9a-f-]{36})$/.exec(String(made.headers.location))![1]!;
    const [row] = await f.store.db.query<{ representative_id: string; status: string; channel: string }>(
      'select representative_id, status, channel from rights_requests where id = $1',
      [id],
    );
    expect(row).toEqual({ representative_id: repId, status: 'received', channel: 'letter' });
  });

  it('refuses a right outside their authority with the reason', async () => {
    const form = await dpo.get(`${NEW}?person=${person().id}`);
    const repId = idOf(form.body, 'Priya Testwell')!;
    const before = await count('rights_requests');
    const res = await throughRepresentative(repId, { right: 'portability' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'This representative may not make this request: the authority covers access, erasure, not the right of portability',
    ]);
    expect(await count('rights_requests')).toBe(before);
  });
});

describe('a representative whose authority has expired', () => {
  it('is refused with the reason, and nothing is written unless staff record the refusal', async () => {
    const added = await add(
      representative({
        name: 'Sam Formerly',
        organisation: '',
        kind: 'family-member',
        scope: 'all',
        'startsOn-day': '1',
        'startsOn-month': '1',
        'startsOn-year': '2025',
        'expiresOn-day': '30',
        'expiresOn-month': '9',
        'expiresOn-year': '2026',
      }),
    );
    expect(added.statusCode).toBe(303);
    expect((await dpo.get(REPS())).body).toMatch(/govuk-tag--red">Expired/);
    const form = await dpo.get(`${NEW}?person=${person().id}`);
    const repId = idOf(form.body, 'Sam Formerly')!;

    const before = await count('rights_requests');
    const refused = await throughRepresentative(repId);
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'This representative may not make this request: the authority expired on 30 September 2026, before 28 October 2026',
    ]);
    expect(refused.body).toContain('href="#representativeId"');
    expect(refused.body).toContain('name="refuseNoAuthority"');
    expect(await count('rights_requests')).toBe(before);

    const recorded = await throughRepresentative(repId, { refuseNoAuthority: 'yes' });
    expect(recorded.statusCode).toBe(303);
    const id = /([0-9a-f-]{36})$/.exec(String(recorded.headers.location))![1]!;
    const [row] = await f.store.db.query<{ status: string; refusal_reason: string }>(
      'select status, refusal_reason from rights_requests where id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'refused', refusal_reason: 'no-authority' });
    const page = await dpo.get(`/staff/requests/${id}`);
    expect(page.body).toContain('the authority expired on 2026-09-30, before 2026-10-28');
  });
});

describe('bad input on the register', () => {
  const cases: [string, Record<string, string | string[]>, string[]][] = [
    ['no name', { name: '' }, ['Enter the representative’s full name']],
    ['an unknown kind', { kind: 'appointee-of-the-moon' }, ['Select who the representative is']],
    ['no rights', { scope: [] }, ['Select the rights they may use for the person']],
    [
      'evidence without a reference',
      { evidenceReference: '' },
      ['Enter where the evidence is kept or its reference'],
    ],
    [
      'no start date',
      { 'startsOn-day': '', 'startsOn-month': '', 'startsOn-year': '' },
      ['Enter the date the authority starts'],
    ],
    [
      'an end before the start',
      { 'expiresOn-day': '31', 'expiresOn-month': '8', 'expiresOn-year': '2026' },
      ['End date must be on or after the start date'],
    ],
    [
      'an end that is not a date',
      { 'expiresOn-day': '31', 'expiresOn-month': '13', 'expiresOn-year': '2026' },
      ['End date must be a real date'],
    ],
  ];

  it.each(cases)('%s: 400 naming the field, nothing written', async (_name, fields, messages) => {
    const before = await count('rights_representatives');
    const res = await add(representative(fields));
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(messages);
    expect(await count('rights_representatives')).toBe(before);
  });

  it('an unknown person is a 404, a malformed id a 400', async () => {
    expect(
      (await dpo.get('/staff/people/00000000-0000-4000-8000-000000000001/representatives')).statusCode,
    ).toBe(404);
    expect((await dpo.get('/staff/people/nobody/representatives')).statusCode).toBe(400);
  });
});

describe('who may keep the register', () => {
  it('answers 401 without a session and 403 to a role without the rights purpose', async () => {
    const officer = await signInStaff(f, 'housing.north');
    const before = await count('rights_representatives');
    expect((await officer.get(REPS())).statusCode).toBe(403);
    expect((await officer.post(REPS(), { name: 'X' }, { from: '/staff' })).statusCode).toBe(403);
    expect((await new Agent(f.app).get(REPS())).statusCode).toBe(401);
    expect(await count('rights_representatives')).toBe(before);
  });

  it('is linked from the person’s file for the DPO only', async () => {
    const file = `/staff/people/${person().id}?purpose=`;
    expect((await dpo.get(`${file}subject-access`)).body).toContain(`href="${REPS()}"`);
    const officer = await signInStaff(f, 'housing.north');
    const seen = await officer.get(`${file}tenancy-management`);
    expect(seen.body).not.toContain(`href="${REPS()}"`);
  });
});
