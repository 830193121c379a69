/**
 * The DPO's audit search (by person, record, actor, days and outcome) and the chain check on a
 * page; the search is itself audited; bad input is shown again naming the field; others are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  csrfFrom,
  errorSummary,
  signInStaff,
  tenants,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const rows = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;

describe('audit search', () => {
  it('finds who accessed a person, with outcomes, and records the search itself', async () => {
    const person = tenants()[0]!.id;
    const officer = await signInStaff(f, 'housing.north');
    await officer.get(`/staff/people/${person}?purpose=tenancy-management`);
    const page = await dpo.get(`/staff/audit?personId=${person}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('housing.north (staff, web)');
    expect(page.body).toMatch(/govuk-tag--(green|red)/);
    const [search] = await f.store.db.query<{ actor: string; person_id: string; reason: string }>(
      `select actor, person_id, reason from audit_events where action = 'audit.search' order by seq desc limit 1`,
    );
    expect(search).toMatchObject({ actor: 'dpo', person_id: person });
  });

  it('searches by actor, date range and outcome, and by record', async () => {
    const byActor = await dpo.get('/staff/audit?actor=housing.north&from=2026-11-01&to=2026-12-31');
    expect(rows(byActor.body)).toBeGreaterThan(0);
    expect(byActor.body).not.toContain('(data-protection-officer');
    // The values are the form's words (allowed, refused, either); `denied` is kept for old links.
    for (const [outcome, other, selected] of [
      ['allowed', 'Refused</strong>', 'Allowed'],
      ['refused', 'Allowed</strong>', 'Refused'],
      ['denied', 'Allowed</strong>', 'Refused'],
    ] as const) {
      const only = await dpo.get(`/staff/audit?actor=housing.north&outcome=${outcome}`);
      expect(only.statusCode, outcome).toBe(200);
      expect(only.body).not.toContain(other);
      expect(only.body).toMatch(new RegExp(`<option value="${selected.toLowerCase()}" selected>${selected}`));
    }
    const either = await dpo.get('/staff/audit?actor=housing.north&outcome=either');
    expect(either.statusCode).toBe(200);
    expect(rows(either.body)).toBe(rows((await dpo.get('/staff/audit?actor=housing.north')).body));
    expect(either.body).toMatch(/<option value="" selected>Either/);
    const none = await dpo.get('/staff/audit?actor=housing.north&from=2020-01-01&to=2020-01-02');
    expect(none.body).toContain('Nothing in the audit log matches');
    const [event] = await f.store.db.query<{ id: string }>(
      `select record_ids[1]::text as id from audit_events where cardinality(record_ids) > 0 order by seq limit 1`,
    );
    const byRecord = await dpo.get(`/staff/audit?recordId=${event!.id}`);
    expect(rows(byRecord.body)).toBeGreaterThan(0);
  });

  it('finds whose history to search by customer reference, posted and audited, never in the address', async () => {
    const tenant = tenants()[0]!;
    const found = await dpo.post(
      '/staff/audit/person',
      { customerRef: tenant.customerRef },
      { from: '/staff/audit' },
    );
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/staff/audit?personId=${tenant.id}`);
    expect(found.headers.location).not.toContain(tenant.customerRef);
    const [lookup] = await f.store.db.query<{ actor: string; person_id: string; purpose: string }>(
      `select actor, person_id, purpose from audit_events where action = 'person.find' order by seq desc limit 1`,
    );
    expect(lookup).toMatchObject({ actor: 'dpo', person_id: tenant.id, purpose: 'subject-access' });
    const nobody = await dpo.post(
      '/staff/audit/person',
      { customerRef: 'ZZ-NOBODY' },
      { from: '/staff/audit' },
    );
    expect(nobody.statusCode).toBe(400);
    expect(errorSummary(nobody.body)).toEqual(['No one on file has that customer reference']);
    const blank = await dpo.post('/staff/audit/person', { customerRef: '' }, { from: '/staff/audit' });
    expect(errorSummary(blank.body)).toEqual(['Enter the customer reference']);
    const officer = await signInStaff(f, 'housing.north');
    const refused = await officer.post(
      '/staff/audit/person',
      { customerRef: tenant.customerRef },
      { csrf: csrfFrom((await officer.get('/staff/people')).body) },
    );
    expect(refused.statusCode).toBe(403);
  });

  it('shows bad search terms again naming the field, and searches nothing', async () => {
    const before = await f.store.db.query(`select 1 from audit_events where action = 'audit.search'`);
    const res = await dpo.get('/staff/audit?personId=someone&from=2026-02-30&to=2026-01-01&outcome=maybe');
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Enter the person id: 36 characters like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      'Enter a real date',
      'Choose allowed, refused or either',
    ]);
    const after = await f.store.db.query(`select 1 from audit_events where action = 'audit.search'`);
    expect(after.length).toBe(before.length);
    const backwards = await dpo.get('/staff/audit?from=2026-02-01&to=2026-01-01');
    expect(errorSummary(backwards.body)).toEqual(['The end date must be on or after the start date']);
  });

  it('verifies the chain on a page, and reports tampering', async () => {
    const ok = await dpo.get('/staff/audit/verify');
    expect(ok.body).toContain('The audit log is intact');
    await f.store.db.query("update audit_events set actor = 'someone-else' where seq = 2");
    const broken = await dpo.get('/staff/audit/verify');
    expect(broken.body).toContain('The audit log has been tampered with at event 2');
  });

  it('is for the DPO only', async () => {
    for (const who of ['housing.north', 'contractor-acme']) {
      const agent = await signInStaff(f, who);
      expect((await agent.get('/staff/audit')).statusCode).toBe(403);
      expect((await agent.get('/staff/audit/verify')).statusCode).toBe(403);
    }
    expect((await new Agent(f.app).get('/staff/audit')).statusCode).toBe(401);
  });
});
