/**
 * The housing officer's day in the back office: adding a contact note to a file from a form made
 * from the manifest (bad input shown again, nothing written), a role that may not write seeing no
 * link and refused the form, and emergency access (break-glass) to a file in another patch —
 * granted with a reason, audited on grant and on each read, ended after its time, never lifting a
 * restriction — with the DPO's list of uses to review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRestriction } from '../../src/rights/restriction/index.ts';
import { searchAudit } from '../../src/audit/search.ts';
import { addWords } from '../../src/web/routes/person-file.ts';
import { BREAK_GLASS_MINUTES } from '../../src/records/break-glass.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Call } from '../../src/records/store.ts';
import {
  errorSummary,
  signInStaff,
  staffAccount,
  webFixture,
  type Agent,
  type WebFixture,
} from './helpers.ts';
import { controllerOf, northTenants } from './rights-actions-helpers.ts';

let f: WebFixture;
let officer: Agent;
let dpo: Agent;
let north: string;
let elsewhere: string[];

const REASON = 'Covering officer is away and the tenant reports no heating tonight';
const file = (personId: string, purpose = 'tenancy-management') =>
  `/staff/people/${personId}?purpose=${purpose}`;
const addForm = (personId: string) =>
  `/staff/people/${personId}/add?purpose=tenancy-management&type=contact-log`;
const emergency = (personId: string) =>
  `/staff/people/${personId}/emergency-access?purpose=tenancy-management`;

async function recordCount(personId: string): Promise<number> {
  const [row] = await f.store.db.query<{ n: number }>(
    'select count(*)::int as n from records where person_id = $1',
    [personId],
  );
  return row!.n;
}

/** Tenants whose home is in another patch than the demo officer's (north). */
async function tenantsElsewhere(): Promise<string[]> {
  const rows = await f.store.db.query<{ person_id: string }>(
    `select distinct hm.person_id from household_members hm
       join households h on h.id = hm.household_id join properties pr on pr.id = h.property_id
      where pr.patch <> 'north' and hm.ended_on is null order by hm.person_id`,
  );
  return rows.map((r) => r.person_id);
}

const audit = (personId: string, actor: string) =>
  searchAudit(f.store.db, controllerOf(f.store), { personId, actor });

beforeAll(async () => {
  f = await webFixture();
  officer = await signInStaff(f, 'housing.north');
  dpo = await signInStaff(f, 'dpo');
  north = (await northTenants(f.store))[0]!;
  elsewhere = await tenantsElsewhere();
});
afterAll(() => f?.close());

describe('adding a contact note to a file', () => {
  it('offers the types the gate lets the officer write, and writes one through the records module', async () => {
    const page = await officer.get(file(north));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${addForm(north).replace(/&/g, '&amp;')}"`);
    expect(page.body).toContain('Add a contact log');

    const form = await officer.get(addForm(north));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="channel" type="radio" value="phone"');
    expect(form.body).toMatch(/<textarea[^>]+name="summary"/);
    expect(form.body).toContain('type="datetime-local"');

    const before = await recordCount(north);
    const done = await officer.post(
      `/staff/people/${north}/add`,
      {
        purpose: 'tenancy-management',
        type: 'contact-log',
        channel: 'phone',
        summary: 'Synthetic note: rang about the boiler service date',
        occurredAt: '2026-11-23T14:30',
      },
      { from: addForm(north) },
    );
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${file(north)}&added=contact-log`);
    expect(await recordCount(north)).toBe(before + 1);
    const back = await officer.get(String(done.headers.location));
    expect(back.body).toContain('Contact log added to this file.');
    expect(back.body).toContain('Synthetic note: rang about the boiler service date');
    const written = (await audit(north, 'housing.north')).find((e) => e.action === 'record.create');
    expect(written?.outcome).toBe('allowed');
  });

  it('shows every problem with a bad form, naming the fields, and writes nothing (400)', async () => {
    const before = await recordCount(north);
    const bad = await officer.post(
      `/staff/people/${north}/add`,
      { purpose: 'tenancy-management', type: 'contact-log', channel: 'fax', occurredAt: '2026-02-30T10:00' },
      { from: addForm(north) },
    );
    expect(bad.statusCode).toBe(400);
    const problems = errorSummary(bad.body);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Select channel/);
    expect(problems[1]).toMatch(/must be a real date and time$/);
    expect(bad.body).toContain('href="#occurredAt"');
    const missing = await officer.post(
      `/staff/people/${north}/add`,
      { purpose: 'tenancy-management', type: 'contact-log', channel: 'email' },
      { from: addForm(north) },
    );
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)[0]).toMatch(/^Enter /);
    expect(await recordCount(north)).toBe(before);
  });

  it('gives a role that may not write no link, and refuses the form and the post (403)', async () => {
    // The housing officer holds anti-social behaviour, but writes no record type that serves it.
    const asb = await officer.get(file(north, 'asb'));
    expect(asb.statusCode).toBe(200);
    expect(asb.body).not.toContain('/add?purpose=');
    expect((await officer.get(`/staff/people/${north}/add?purpose=asb&type=asb-case`)).statusCode).toBe(403);
    const contractor = await signInStaff(f, 'contractor-acme');
    expect((await contractor.get(`/staff/people/${north}/add?purpose=repairs&type=repair`)).statusCode).toBe(
      403,
    );
    // Outside the officer's patch the gate refuses the write too.
    const before = await recordCount(elsewhere[0]!);
    expect((await officer.get(addForm(elsewhere[0]!))).statusCode).toBe(403);
    const post = await officer.post(
      `/staff/people/${elsewhere[0]}/add`,
      { purpose: 'tenancy-management', type: 'contact-log', occurredAt: '2026-11-23T14:30' },
      { from: addForm(north) },
    );
    expect(post.statusCode).toBe(403);
    expect(await recordCount(elsewhere[0]!)).toBe(before);
  });
});

describe('the form for the other kinds of field (the DPO adding to a file for a subject access request)', () => {
  const SAR = 'subject-access';
  const formFor = (type: string) => `/staff/people/${north}/add?purpose=${SAR}&type=${type}`;
  const post = (type: string, fields: Record<string, string>) =>
    dpo.post(`/staff/people/${north}/add`, { purpose: SAR, type, ...fields }, { from: formFor(type) });
  const dpoCall = (): Call => ({
    actor: {
      id: 'dpo',
      kind: 'staff',
      controllerId: controllerOf(f.store),
      roles: staffAccount('dpo').roles,
    },
    purpose: SAR,
    channel: 'web',
  });
  const latest = async (type: string) =>
    (await readPersonFile(f.store, dpoCall(), north)).records
      .filter((r) => r.recordType === type)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const application = {
    'receivedOn-day': '3',
    'receivedOn-month': '11',
    'receivedOn-year': '2026',
    band: 'A',
    householdSize: '3',
    annualIncome: '£12,345.50',
    unspentConvictions: 'no',
    outcome: 'pending',
  };

  it('renders date boxes, a money box, yes/no radios, radios and a select for a long enum', async () => {
    const form = await dpo.get(formFor('application'));
    expect(form.statusCode).toBe(200);
    for (const part of ['day', 'month', 'year']) expect(form.body).toContain(`name="receivedOn-${part}"`);
    expect(form.body).toContain('name="unspentConvictions" type="radio" value="yes"');
    expect(form.body).toContain('name="unspentConvictions" type="radio" value="no"');
    expect(form.body).toMatch(/name="band" type="radio"/);
    expect(form.body).toMatch(/<input[^>]+name="annualIncome"/);
    expect(form.body).toMatch(/<input[^>]+name="householdSize"/);
    const asb = await dpo.get(formFor('asb-case'));
    expect(asb.statusCode).toBe(200);
    expect(asb.body).toMatch(/<select[^>]+name="kind"/);
    expect(asb.body).toMatch(/name="status" type="radio"/);
  });

  it('stores each value in its type: a day, pounds as a number, yes/no as true/false', async () => {
    const done = await post('application', application);
    expect(done.statusCode).toBe(303);
    const written = await latest('application');
    expect(written?.fields).toMatchObject({
      receivedOn: '2026-11-03',
      band: 'A',
      householdSize: 3,
      annualIncome: 12345.5,
      unspentConvictions: false,
      outcome: 'pending',
    });
  });

  it('stores a choice from the select of a long enum, and refuses one it does not offer', async () => {
    const asb = {
      'reportedOn-day': '20',
      'reportedOn-month': '11',
      'reportedOn-year': '2026',
      status: 'open',
    };
    expect((await post('asb-case', { ...asb, kind: 'hate-incident' })).statusCode).toBe(303);
    expect((await latest('asb-case'))?.fields).toMatchObject({
      reportedOn: '2026-11-20',
      kind: 'hate-incident',
    });
    const before = await recordCount(north);
    const bad = await post('asb-case', { ...asb, kind: 'arson' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([expect.stringMatching(/^Select kind/)]);
    expect(await recordCount(north)).toBe(before);
  });

  it('refuses bad money, an impossible date and an enum value not offered (400), naming each, writing nothing', async () => {
    const before = await recordCount(north);
    for (const [bad, field] of [
      [{ annualIncome: '12.345' }, 'annualIncome'],
      [{ annualIncome: '£x' }, 'annualIncome'],
      [{ 'receivedOn-day': '31', 'receivedOn-month': '2' }, 'receivedOn'],
      [{ band: 'Z' }, 'band'],
      [{ unspentConvictions: 'maybe' }, 'unspentConvictions'],
    ] as const) {
      const res = await post('application', { ...application, ...bad });
      expect(res.statusCode, field).toBe(400);
      expect(errorSummary(res.body), field).toHaveLength(1);
      expect(res.body, field).toMatch(new RegExp(`href="#${field}(-day)?"`));
    }
    expect(await recordCount(north)).toBe(before);
  });
});

describe('emergency access (break-glass)', () => {
  it('offers it on a file refused for need-to-know, grants it with a reason, and audits grant and reads', async () => {
    const person = elsewhere[0]!;
    const refused = await officer.get(file(person));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('The record is not in your patch.');
    expect(refused.body).toContain(`href="${emergency(person).replace(/&/g, '&amp;')}"`);
    expect((await officer.get(emergency(person))).statusCode).toBe(200);

    const short = await officer.post(
      `/staff/people/${person}/emergency-access`,
      { purpose: 'tenancy-management', reason: 'urgent' },
      { from: emergency(person) },
    );
    expect(short.statusCode).toBe(400);
    expect(errorSummary(short.body)).toEqual(['Why you need emergency access must be 20 characters or more']);

    const granted = await officer.post(
      `/staff/people/${person}/emergency-access`,
      { purpose: 'tenancy-management', reason: REASON },
      { from: emergency(person) },
    );
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(file(person));
    const opened = await officer.get(file(person));
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Emergency access: this is recorded and will be reviewed');
    expect(opened.body).toContain(REASON);
    // Break-glass opens reading only: nothing may be added to the file under it.
    expect(opened.body).not.toContain('Add a contact log');

    const events = await audit(person, 'housing.north');
    const grant = events.find((e) => e.action === 'person.break-glass');
    expect(grant).toMatchObject({ outcome: 'allowed', reason: `break-glass: ${REASON}` });
    const read = events.find((e) => e.action === 'person.read' && e.outcome === 'allowed');
    expect(read?.reason).toBe(`break-glass: ${REASON}`);

    // Past the grant's end in two steps, each short of a session's idle limit, so both stay signed in.
    for (const minutes of [BREAK_GLASS_MINUTES - 10, 11]) {
      f.clock.advance(minutes * 60_000);
      for (const agent of [officer, dpo]) expect((await agent.get('/staff')).statusCode).toBe(200);
    }
    expect((await officer.get(file(person))).statusCode).toBe(403);
  });

  it('never lifts a restriction (Art. 18): not offered, refused when asked, and a grant stops reading', async () => {
    const [restricted, grantedFirst] = [elsewhere[1]!, elsewhere[2]!];
    const restrict = (personId: string) =>
      applyRestriction(
        f.store,
        {
          actor: { id: 'test-dpo', kind: 'system', controllerId: controllerOf(f.store), roles: [] },
          purpose: 'subject-access',
          channel: 'system',
        },
        { personId, ground: 'accuracy-contested', reason: 'Synthetic: accuracy contested' },
      );
    await restrict(restricted);
    const page = await officer.get(file(restricted));
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Get emergency access');
    // Asked for the form anyway, the page says why it cannot help, with no form to send.
    const form = await officer.get(emergency(restricted));
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/Emergency access cannot help here\. Processing .* is restricted \(Art\. 18\)/);
    expect(form.body).not.toContain('name="reason"');
    expect((await officer.get(emergency('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    // A post made regardless is refused by the gate, and audited.
    const asked = await officer.post(
      `/staff/people/${restricted}/emergency-access`,
      { purpose: 'tenancy-management', reason: REASON },
      { from: emergency(restricted) },
    );
    expect(asked.statusCode).toBe(400);
    expect(errorSummary(asked.body)[0]).toMatch(/restricted \(Art\. 18\)/);
    const refusal = (await audit(restricted, 'housing.north')).find((e) => e.action === 'person.break-glass');
    expect(refusal?.outcome).toBe('denied');

    const ok = await officer.post(
      `/staff/people/${grantedFirst}/emergency-access`,
      { purpose: 'tenancy-management', reason: REASON },
      { from: emergency(grantedFirst) },
    );
    expect(ok.statusCode).toBe(303);
    expect((await officer.get(file(grantedFirst))).statusCode).toBe(200);
    await restrict(grantedFirst);
    const after = await officer.get(file(grantedFirst));
    expect(after.statusCode).toBe(403);
    expect(after.body).not.toContain('Emergency access: this is recorded');
  });

  it('lists each use for the DPO to review, and marks one reviewed', async () => {
    expect((await officer.get('/staff/audit/break-glass')).statusCode).toBe(403);
    const list = await dpo.get('/staff/audit/break-glass');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(REASON);
    expect(list.body).toContain('housing.north');
    // Whose file, by customer reference and name (read through the gate), not an id.
    expect(list.body).toMatch(/BV\d{8} – [A-Z][a-z]+/);
    const seq = /data-grant="(\d+)"/.exec(list.body)![1]!;
    const marked = await dpo.post(
      `/staff/audit/break-glass/${seq}/reviewed`,
      {},
      { from: '/staff/audit/break-glass' },
    );
    expect(marked.statusCode).toBe(303);
    const after = await dpo.get(String(marked.headers.location));
    expect(after.body).toContain(`Emergency access ${seq} is marked as reviewed.`);
    expect(after.body).toMatch(new RegExp(`data-grant="${seq}"[\\s\\S]*?Reviewed</strong>`));
    expect(
      (
        await dpo.post(
          '/staff/audit/break-glass/999999999/reviewed',
          {},
          { from: '/staff/audit/break-glass' },
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('the words of an add link', () => {
  it('keeps acronyms, takes no article for a plural and the right one for a vowel sound', () => {
    expect(
      ['Contact log', 'Application', 'CCTV clip', 'ASB case', 'Equality monitoring answers'].map(addWords),
    ).toEqual([
      'Add a contact log',
      'Add an application',
      'Add a CCTV clip',
      'Add an ASB case',
      'Add equality monitoring answers',
    ]);
  });
});
