/**
 * Errors speak to people: a malformed address is one plain sentence (never "params.personId" nor
 * the text twice); a bad filter shows the form again with the error summary; an expired form, a
 * body or address too large, each a page in the service's layout with its status kept; a browser
 * opening a page signed out is sent to the right sign-in page; the API keeps its JSON naming the
 * field; the person's name stays out of the page title; form messages name the field in words.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, InputError } from '../../src/records/errors.ts';
import { fieldSentence, refusalSentence } from '../../src/web/forms.ts';
import {
  Agent,
  csrfFrom,
  errorSummary,
  signInResident,
  signInStaff,
  tenants,
  type WebFixture,
} from './helpers.ts';
import { concreteUrl, fixtureWithRoutes, type CapturedRoute } from './security-routes.ts';

let f: WebFixture;
let routes: CapturedRoute[];
let dpo: Agent;
beforeAll(async () => {
  ({ f, routes } = await fixtureWithRoutes());
  dpo = await signInStaff(f, 'dpo');
}, 240_000);
afterAll(async () => f?.close());

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** The page's visible words, without tags, so a sentence can be counted. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** Internal names a page must not show (the template's own `document.body.className` is not one). */
const INTERNAL = /\b(params|querystring)\.|\bbody\.[A-Za-z]+:|Invalid csrf|FST_/;
const inLayout = (html: string) => expect(html).toContain('govuk-template__header');

describe('a malformed id in the address', () => {
  it.each([
    ['/staff/people/not-a-uuid', 'person'],
    ['/staff/requests/nope', 'request'],
  ])('%s is a 400 page with one plain sentence', async (url, what) => {
    const res = await dpo.get(url);
    expect(res.statusCode).toBe(400);
    inLayout(res.body);
    const sentence = `This address is not right: the ${what} id in it is incomplete or mistyped.`;
    expect(count(words(res.body), sentence)).toBe(1);
    expect(res.body).not.toMatch(INTERNAL);
    expect(res.body).not.toContain('UUID');
  });

  it('a portal link cut short says to copy the whole link', async () => {
    const res = await new Agent(f.app).get('/portal/verify/garbage');
    expect(res.statusCode).toBe(400);
    const sentence =
      'This link is not complete. Copy the whole link from the email, or ask for a new one: choose \u2018Send the link again\u2019 on the sign-in page.';
    expect(count(words(res.body), sentence)).toBe(1);
    expect(res.body).not.toMatch(INTERNAL);
  });

  it('a query value that is not allowed is an address problem too, in words', async () => {
    const res = await dpo.get(`/staff/people/${tenants()[0]!.id}?purpose=%3Cscript%3E`);
    expect(res.statusCode).toBe(400);
    expect(words(res.body)).toContain('This address is not right:');
    expect(res.body).not.toMatch(INTERNAL);
    expect(res.body).not.toContain('<script>');
  });

  it('the API keeps its JSON naming the field', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json' },
      payload: { purpose: 'repairs', personId: 'not-a-uuid', recordType: 'repair', payload: {} },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toContainEqual(expect.objectContaining({ field: 'body.personId' }));
  });
});

describe('the disclosure log filter', () => {
  it('treats blank boxes as no limit', async () => {
    const res = await dpo.get('/staff/disclosures?from=&to=');
    expect(res.statusCode).toBe(200);
    expect(words(res.body)).toMatch(/up to \d+ \w+ \d{4}/);
    expect(res.body).toContain('name="from"');
  });

  it('reads a date written the UK way', async () => {
    const res = await dpo.get('/staff/disclosures?from=24%2F11%2F2025&to=');
    expect(res.statusCode).toBe(200);
    expect(words(res.body)).toContain('from 24 November 2025');
  });

  it('shows a bad date on the form again with the error summary (400)', async () => {
    const res = await dpo.get('/staff/disclosures?from=2026-01-01&to=31%2F02%2F2026');
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['To must be a real date, like 2026-11-24 or 24/11/2026']);
    expect(res.body).toContain('href="#to"');
    expect(res.body).toMatch(/<form method="get" action="\/staff\/disclosures"/);
    expect(res.body).toContain('value="31/02/2026"');
    expect(res.body).not.toMatch(INTERNAL);
  });

  it('refuses an end before the start on the form', async () => {
    const res = await dpo.get('/staff/disclosures?from=2026-11-20&to=2026-11-01');
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['To must be the same as or after From']);
  });
});

describe('an expired form', () => {
  it('is a 403 saying the form has expired: go back, reload and try again', async () => {
    const res = await dpo.post('/staff/people', { customerRef: 'X', purpose: 'repairs' }, { csrf: 'stale' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form has expired');
    expect(words(res.body)).toContain('Go back, reload the page and try again.');
    expect(res.body).not.toMatch(INTERNAL);
  });

  it('on the portal after signing out: sign in again', async () => {
    const resident = await signInResident(f);
    const csrf = csrfFrom((await resident.get('/portal/your-information')).body);
    resident.cookies.clear();
    const res = await resident.post('/portal/sign-out', {}, { csrf });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form has expired');
    expect(res.body).toContain('href="/portal/sign-in"');
    // A guarded portal form sent after the session ended: 401, saying what was lost.
    const gone = await resident.post('/portal/consents', { activity: 'x', choice: 'give' }, { csrf });
    expect(gone.statusCode).toBe(401);
    expect(words(gone.body)).toContain('You have been signed out, so what you entered was not sent.');
    expect(gone.body).toContain('href="/portal/sign-in"');
    expect(gone.body).not.toContain('Staff sign in');
  });
});

describe('too much sent', () => {
  it('a form body over the limit is a 413 page in the layout', async () => {
    const csrf = csrfFrom((await dpo.get('/staff/people')).body);
    const body = new URLSearchParams({ customerRef: 'x'.repeat(70_000), _csrf: csrf }).toString();
    const res = await dpo.request('POST', '/staff/people', body, FORM);
    expect(res.statusCode).toBe(413);
    inLayout(res.body);
    expect(res.body).toContain('Too much was sent');
    expect(res.body).not.toContain('Request body is too large');
  });

  it('the API keeps JSON for a body over the limit', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413 });
  });

  it('an address too long for the server is a 431 page (JSON for the API), over real HTTP', async () => {
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.app.server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers: HTML }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    const huge = `q=${'x'.repeat(20_000)}`;
    const page = await get(`/staff/disclosures?${huge}`);
    expect(page.status).toBe(431);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('This web address is too long');
    expect(page.body).toContain('govuk-template__header');
    expect(page.body).not.toContain('xxxxxxxx');
    const api = await get(`/api/records?${huge}`);
    expect(api.status).toBe(431);
    expect(api.type).toContain('application/json');
  });
});

describe('signed out', () => {
  const isProtectedPage = (r: CapturedRoute) =>
    r.method === 'GET' &&
    /^\/(staff|portal)\//.test(r.url) &&
    !/^\/(staff\/sign-in|portal\/(register|verify|sign-in|send-link-again))(\/|$)/.test(r.url);

  it('a browser opening any staff or portal page is sent to that area’s sign-in (303)', async () => {
    const pages = routes.filter(isProtectedPage);
    expect(pages.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of pages) {
      const res = await new Agent(f.app).request('GET', concreteUrl(r.url), undefined, HTML);
      const to = r.url.startsWith('/portal') ? '/portal/sign-in' : '/staff/sign-in';
      if (res.statusCode !== 303 || res.headers.location !== to)
        wrong.push(`${r.url} gave ${res.statusCode} ${String(res.headers.location)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps 401 for a form post, a JSON client and the API', async () => {
    const visitor = new Agent(f.app);
    const post = await visitor.request('POST', '/portal/consents', 'activity=x', { ...HTML, ...FORM });
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain('href="/portal/sign-in"');
    expect(post.body).not.toContain('Staff sign in');
    const json = await visitor.request('GET', '/staff/people', undefined, { accept: 'application/json' });
    expect(json.statusCode).toBe(401);
    const api = await visitor.request('POST', '/api/records', '{}', {
      ...HTML,
      'content-type': 'application/json',
    });
    expect(api.statusCode).toBe(401);
  });
});

describe("the person's file", () => {
  it('keeps the name out of the page title and in the heading', async () => {
    const res = await dpo.get(`/staff/people/${tenants()[0]!.id}?purpose=subject-access`);
    expect(res.statusCode).toBe(200);
    const title = /<title[^>]*>([^<]*)<\/title>/.exec(res.body)![1]!;
    expect(title).toMatch(/^\s*Person’s file –/);
    const heading = /<h1 class="govuk-heading-xl">([^<]*)<\/h1>/.exec(res.body)![1]!.trim();
    expect(heading).not.toBe('Person’s file');
    expect(title).not.toContain(heading);
  });
});

describe('messages name the field in words', () => {
  it('turns schema wording and fragments into sentences', () => {
    expect(fieldSentence('reasons', 'This must be 2,000 characters or fewer')).toBe(
      'Reasons must be 2,000 characters or fewer',
    );
    expect(fieldSentence('note', 'This must be 4000 characters or fewer')).toBe(
      'Note must be 4,000 characters or fewer',
    );
    expect(fieldSentence('kind', 'Invalid option: expected one of "record"|"document"')).toBe('Select kind');
    expect(fieldSentence('customerRef', 'Invalid input: expected string, received undefined')).toBe(
      'Enter customer reference',
    );
    expect(fieldSentence('basis', 'is required')).toBe('Basis is required');
    expect(fieldSentence('basis', 'Select the basis')).toBe('Select the basis');
  });

  it('gives a refusal from the domain without its internal field name', () => {
    expect(
      refusalSentence(new InputError('customerRefs', 'No one on file has the customer reference A1')),
    ).toBe('No one on file has the customer reference A1');
    expect(refusalSentence(new InputError('activities', 'consent to Newsletter changed; try again'))).toBe(
      'Consent to Newsletter changed; try again',
    );
    expect(refusalSentence(new InputError('activityId', 'is required: the activity'))).toBe(
      'Activity ID is required: the activity',
    );
    expect(
      refusalSentence(new InputError('receivedOn', '"2026-02-31" is not a real date written YYYY-MM-DD')),
    ).toBe('Received on must be a real date');
    expect(refusalSentence(new AccessDenied('people may change only their own consent'))).toBe(
      'People may change only their own consent',
    );
  });

  it('a text over its limit on a form names the field', async () => {
    const res = await dpo.post('/staff/disclosures/new', {
      customerRef: tenants()[0]!.customerRef,
      basis: 'crime-prevention',
      approvedBy: 'DPO',
      reasons: 'x'.repeat(2_001),
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toContain('Reasons must be 2,000 characters or fewer');
  });
});
