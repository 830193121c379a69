/**
 * The DPO's sharing pages without a browser: who may use them (401, 403), the disclosure log and
 * logging a police disclosure (refused without its reference, with the reason in the error
 * summary), agreements needing attention, and routine returns made and downloaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentWebFixture } from './consent-fixture.ts';
import { Agent, errorSummary, signInResident, signInStaff, tenants, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await consentWebFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const PAGES = ['/staff/disclosures', '/staff/disclosures/new', '/staff/agreements', '/staff/returns'];

describe('who may use the sharing pages', () => {
  it('answers 401 without a session and 403 for a housing officer and a contractor', async () => {
    const visitor = new Agent(f.app);
    const officer = await signInStaff(f, 'housing.north');
    const contractor = await signInStaff(f, 'contractor-acme');
    for (const path of PAGES) {
      expect((await visitor.get(path)).statusCode, path).toBe(401);
      expect((await officer.get(path)).statusCode, path).toBe(403);
      expect((await contractor.get(path)).statusCode, path).toBe(403);
      expect((await dpo.get(path)).statusCode, path).toBe(200);
    }
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await visitor.request('POST', '/staff/returns', 'kind=nfi', form)).statusCode).toBe(401);
    expect(
      (await officer.request('POST', '/staff/disclosures/new', 'basis=agreement', form)).statusCode,
    ).toBe(403);
  });

  it('refuses malformed queries with a 400, never a 500', async () => {
    expect((await dpo.get('/staff/disclosures?from=yesterday')).statusCode).toBe(400);
    expect((await dpo.get('/staff/disclosures?from=2026-11-20&to=2026-11-01')).statusCode).toBe(400);
  });
});

describe('the disclosure log', () => {
  const police = {
    customerRef: tenants()[0]!.customerRef,
    basis: 'crime-and-taxation',
    recipientId: 'police',
    recipientName: 'Northtown police station',
    activityId: 'asb',
    categories: 'identity',
    reasons: 'Locating a suspect in an assault; not disclosing would prejudice the investigation.',
    approvedBy: 'Dana Okafor (DPO)',
  };

  it('refuses a police disclosure without its reference, naming the field', async () => {
    const res = await dpo.post('/staff/disclosures/new', police);
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toBe('Reference is required');
    const noBasis = await dpo.post('/staff/disclosures/new', { ...police, basis: '' });
    expect(errorSummary(noBasis.body)).toEqual(['Select the basis for the disclosure']);
    const nobody = await dpo.post('/staff/disclosures/new', {
      ...police,
      customerRef: 'ZZ-NOBODY',
      reference: 'X',
    });
    expect(errorSummary(nobody.body)).toEqual(['No one on file has that customer reference']);
  });

  it('asks what a police disclosure is for: the police receive information for more than one activity', async () => {
    const res = await dpo.post('/staff/disclosures/new', {
      ...police,
      activityId: '',
      reference: 'NP-2026-0001',
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Activity ID is required: what the disclosure is for']);
  });

  it('audits the disclosure under the purpose it serves, not the DPO’s subject access work', async () => {
    const res = await dpo.post('/staff/disclosures/new', { ...police, reference: 'NP-2026-0002' });
    expect(res.statusCode).toBe(303);
    const [event] = await f.store.db.query<{ purpose: string }>(
      `select purpose from audit_events where action = 'disclosure.create' and outcome = 'allowed'
       order by seq desc limit 1`,
    );
    expect(event!.purpose).toBe('asb');
  });

  it('logs it with its reference and approver, lists it, and the resident sees it in the portal', async () => {
    const res = await dpo.post('/staff/disclosures/new', { ...police, reference: 'NP-2026-1187' });
    expect(res.statusCode).toBe(303);
    const log = await dpo.get('/staff/disclosures');
    expect(log.body).toContain('Dana Okafor (DPO)');
    expect(log.body).toContain('Disclosed to prevent or detect crime');
    // Categories by the manifest's names, not their ids.
    expect(log.body).toContain('<td class="govuk-table__cell">Name, date of birth and identifiers</td>');
    const portal = await (await signInResident(f)).get('/portal/disclosures');
    expect(portal.body).toContain('Northtown police station');
    expect(portal.body).toContain('Disclosed to prevent or detect crime');
  });
});

describe('agreements and returns', () => {
  it('lists agreements with those expiring or due for review', async () => {
    const page = await dpo.get('/staff/agreements');
    expect(page.body).toContain('rental-exchange-dsa');
    expect(page.body).toContain('Expires soon');
    const home = await dpo.get('/staff');
    expect(home.body).toContain('Agreements needing attention');
    // The home names it as people know it; the id is for the agreements register.
    expect(home.body).toContain('Data sharing agreement with');
    expect(home.body).not.toContain('rental-exchange-dsa');
  });

  it('makes a return for a period and downloads it; bad periods are refused with the reason', async () => {
    const ok = await dpo.post('/staff/returns', {
      kind: 'rental-exchange',
      from: '2026-10-01',
      to: '2026-10-31',
      approvedBy: 'Dana Okafor',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toContain('.csv');
    expect(ok.body.split('\n')[0]).toContain('Month');
    const nfi = await dpo.post('/staff/returns', {
      kind: 'nfi',
      from: '2026-04-01',
      to: '2026-10-31',
      approvedBy: 'Dana Okafor',
    });
    expect(nfi.statusCode).toBe(200);
    expect(nfi.headers['content-type']).toBe('application/zip');
    const future = await dpo.post('/staff/returns', {
      kind: 'core',
      from: '2026-11-01',
      to: '2027-01-31',
      approvedBy: 'Dana Okafor',
    });
    expect(future.statusCode).toBe(400);
    expect(errorSummary(future.body)[0]).toMatch(/^To: .* is in the future/);
    const kind = await dpo.post('/staff/returns', {
      kind: 'census',
      from: '2026-10-01',
      to: '2026-10-31',
      approvedBy: 'x',
    });
    expect(errorSummary(kind.body)).toEqual(['Select the return to make']);
    expect((await dpo.get('/staff/returns')).body).toContain('rental-exchange-dsa');
  });

  it('names the agreement a disclosure was made under as people know it, not by its id', async () => {
    const res = await dpo.post('/staff/disclosures/new', {
      customerRef: tenants()[0]!.customerRef,
      basis: 'agreement',
      agreementId: 'rental-exchange-dsa',
      recipientId: 'experian',
      activityId: 'rental-exchange',
      categories: 'financial',
      approvedBy: 'Dana Okafor (DPO)',
    });
    expect(res.statusCode).toBe(303);
    const log = await dpo.get('/staff/disclosures');
    expect(log.body).toContain('Shared under a data sharing agreement or contract (Data sharing agreement)');
    expect(log.body).not.toContain('rental-exchange-dsa');
  });
});
