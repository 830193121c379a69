/** Malformed input gets a 400 that names the field, never a 500 and never a stack trace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let staff: Agent;
beforeAll(async () => {
  f = await webFixture();
  staff = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const noStack = (body: string) => expect(body).not.toMatch(/\bat .*\.[jt]s:\d+|node_modules|\/work\//);

describe('pages', () => {
  it('a person id that is not a UUID, or a purpose that is not an id, is a 400', async () => {
    const bad = await staff.get('/staff/people/not-a-uuid?purpose=subject-access');
    expect(bad.statusCode).toBe(400);
    // A page says what is wrong in words; the API's JSON names the field (below).
    expect(bad.body).toContain('This address is not right: the person id in it is incomplete or mistyped.');
    expect(bad.body).not.toContain('params.personId');
    noStack(bad.body);
    const purpose = await staff.get(`/staff/people/${tenants()[0]!.id}?purpose=%3Cscript%3E`);
    expect(purpose.statusCode).toBe(400);
    expect(purpose.body).toContain(
      'This address is not right: the reason for opening the file is not one of the choices.',
    );
    expect(purpose.body).not.toContain('querystring.purpose');
    expect(purpose.body).not.toContain('<script>');
  });

  it('an unknown person is a 404, a purpose the manifest does not declare a 403', async () => {
    expect(
      (await staff.get('/staff/people/00000000-0000-4000-8000-000000000000?purpose=subject-access'))
        .statusCode,
    ).toBe(404);
    expect((await staff.get(`/staff/people/${tenants()[0]!.id}?purpose=no-such-purpose`)).statusCode).toBe(
      403,
    );
  });

  it('a form with missing answers is shown again with the error summary, in field order', async () => {
    const res = await staff.post('/staff/people', { customerRef: '  ' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Enter a customer reference, National Insurance number, family name and postcode, phone number or email address',
      'Select why you need to find this person',
    ]);
    expect(res.body).toContain('<title>Error: Find a person');
    expect(res.body).toContain('href="#customerRef"');
  });

  it('repeated fields, odd content types and junk bodies are 4xx, never 500', async () => {
    const csrf = (await staff.get('/staff/people')).body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', `customerRef=a&customerRef=b&purpose=asb&_csrf=${csrf}`],
      ['application/x-www-form-urlencoded', `%%%&_csrf=${csrf}`],
      ['application/json', '{"customerRef": ['],
      ['application/json', '[1,2,3]'],
      ['text/plain', 'hello'],
    ];
    for (const [type, payload] of bodies) {
      const res = await staff.request('POST', '/staff/people', payload, { 'content-type': type });
      expect(res.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type} ${payload}`).toBeLessThan(500);
      noStack(res.body);
    }
  });

  it('the registration form names each problem', async () => {
    const res = await new Agent(f.app).post('/portal/register', {
      customerRef: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '1980',
      postcode: 'not a postcode',
      email: 'not-an-email',
      password: 'short',
      confirmPassword: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Enter your customer reference',
      'Date of birth must be a real date, like 27 3 1985',
      'Enter a real postcode, like BV1 2ZZ',
      'Enter an email address in the correct format, like name@example.com',
      'Your password must be at least 10 characters',
    ]);
    expect(res.body).not.toContain('value="short"');
  });
});

describe('the API', () => {
  const post = (payload: string, type = 'application/json') =>
    f.app.inject({
      method: 'POST',
      url: '/api/records',
      payload,
      headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': type },
    });

  it('names each bad field in a 400', async () => {
    const res = await post(
      JSON.stringify({ purpose: 'repairs', personId: 'x', recordType: 'repair', payload: [] }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.issues.map((i: { field: string }) => i.field)).toEqual(['body.personId', 'body.payload']);
    expect(body.message).toContain('body.personId');
  });

  it('says which fields are missing', async () => {
    const res = await post('{}');
    expect(res.json().issues).toContainEqual({ field: 'body.purpose', message: 'is required' });
  });

  it('gives 400, 413 or 415 for broken JSON, huge bodies and other media types', async () => {
    expect((await post('{"purpose":')).statusCode).toBe(400);
    expect((await post('<purpose/>', 'application/xml')).statusCode).toBe(415);
    expect((await post(JSON.stringify({ pad: 'x'.repeat(1_100_000) }))).statusCode).toBe(413);
  });

  it('rejects a payload the manifest does not allow, naming the field', async () => {
    const res = await post(
      JSON.stringify({
        purpose: 'repairs',
        personId: tenants()[0]!.id,
        recordType: 'repair',
        payload: { description: 42 },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/description/);
    noStack(res.body);
  });
});
