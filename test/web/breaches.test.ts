/**
 * The breach register's pages without a browser: who may use them (401, 403), a breach logged
 * with UK local times, its clocks red, amber or green, each step in order (refusals shown with the
 * field and reason, nothing written), the people affected, letters, reports, actions and closing,
 * and the dashboard panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockView } from '../../src/web/routes/breaches-view.ts';
import { consentWebFixture } from './consent-fixture.ts';
import { Agent, errorSummary, signInStaff, tenants, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await consentWebFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

// The fixture's clock starts at 2026-11-23T10:00Z (10:00 in London in November).
const breach = {
  kind: 'breach',
  types: 'confidentiality',
  summary: 'A rent arrears report was emailed to the wrong contractor.',
  occurredAt: '2026-11-23T07:00',
  awareAt: '2026-11-23T08:00',
  categories: 'identity',
  coreData: 'yes',
};

describe('who may use the breach register', () => {
  it('answers 401 without a session and 403 for a housing officer and a contractor', async () => {
    const visitor = new Agent(f.app);
    const officer = await signInStaff(f, 'housing.north');
    const contractor = await signInStaff(f, 'contractor-acme');
    for (const path of [
      '/staff/breaches',
      '/staff/breaches/new',
      '/staff/breaches/6f1c8a52-3d0e-4c55-9a43-2f7a1b9e0c11',
    ]) {
      expect((await visitor.get(path)).statusCode, path).toBe(401);
      expect((await officer.get(path)).statusCode, path).toBe(403);
      expect((await contractor.get(path)).statusCode, path).toBe(403);
    }
    expect((await dpo.get('/staff/breaches/not-a-uuid')).statusCode).toBe(400);
    expect((await dpo.get('/staff/breaches/6f1c8a52-3d0e-4c55-9a43-2f7a1b9e0c11')).statusCode).toBe(404);
  });
});

describe('a breach from start to close', () => {
  let id: string;

  it('refuses an awareness time in the future or without a form, naming the field', async () => {
    const future = await dpo.post('/staff/breaches/new', { ...breach, awareAt: '2026-11-24T09:00' });
    expect(future.statusCode).toBe(400);
    expect(errorSummary(future.body)[0]).toMatch(
      /^When we became aware cannot be in the future: 24 November/,
    );
    const garbled = await dpo.post('/staff/breaches/new', { ...breach, awareAt: 'last tuesday' });
    expect(errorSummary(garbled.body)[0]).toMatch(/^When we became aware: .*last tuesday.* is not a date/);
    const empty = await dpo.post('/staff/breaches/new', {});
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toContain('Describe what happened, without naming anyone');
  });

  it('logs it, with the 72-hour and CORE 24-hour clocks running from awareness', async () => {
    const res = await dpo.post('/staff/breaches/new', breach);
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/').pop()!;
    const page = await dpo.get(`/staff/breaches/${id}`);
    // Signing in moved the clock on a little: 69 or 70 whole hours are left of 72, 21 or 22 of 24.
    expect(page.body).toMatch(/(69|70) hours left/);
    expect(page.body).toMatch(/(21|22) hours left/);
    expect(page.body).toContain('govuk-tag--green');
    const list = await dpo.get('/staff/breaches');
    expect(list.body).toContain('A rent arrears report was emailed');
    const home = await dpo.get('/staff');
    expect(home.body).toContain('Breaches on the clock');
    expect(home.body).toContain(`/staff/breaches/${id}`);
  });

  it('takes each step in order, refusing out-of-order ones with the reason', async () => {
    const early = await dpo.post(`/staff/breaches/${id}/decide`, {
      ico: 'notify',
      icoReasons: 'Risk to people',
      people: 'notify',
      peopleReasons: 'High risk',
      messageToPeople: 'Your details were sent to the wrong firm.',
    });
    expect(early.statusCode).toBe(400);
    expect(errorSummary(early.body)[0]).toMatch(/^Assess the risk first/);

    expect(
      (
        await dpo.post(`/staff/breaches/${id}/assess`, {
          likelihood: 'likely',
          severity: 'significant',
          consequences: 'Distress; possible fraud.',
          reasons: 'Names and arrears went to a third party.',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await dpo.post(`/staff/breaches/${id}/decide`, {
          ico: 'notify',
          icoReasons: 'Risk to people',
          people: 'notify',
          peopleReasons: 'High risk',
          messageToPeople: 'Your details were sent to the wrong firm.',
          consequencesForPeople: 'Someone at another firm may have seen how much rent you owe.',
        })
      ).statusCode,
    ).toBe(303);

    const nobody = await dpo.post(`/staff/breaches/${id}/affected`, {
      by: 'people',
      customerRefs: 'ZZ-NOBODY',
    });
    expect(errorSummary(nobody.body)[0]).toMatch(/No one on file/);
    const noActor = await dpo.post(`/staff/breaches/${id}/affected`, {
      by: 'accessed-by',
      windowFrom: '2026-11-20T00:00',
    });
    expect(errorSummary(noActor.body)[0]).toBe('Enter the username whose access to check');
    const unknown = await dpo.post(`/staff/breaches/${id}/affected`, {
      by: 'accessed-by',
      actor: 'nobody',
      windowFrom: '2026-11-20T00:00',
      windowTo: '2026-11-23T09:00',
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorSummary(unknown.body)).toEqual(['No member of staff has that username']);
    expect(unknown.body).toContain('href="#actor"');
    const byAudit = await dpo.post(`/staff/breaches/${id}/affected`, {
      by: 'accessed-by',
      actor: 'housing.north',
      windowFrom: '2026-11-20T00:00',
      windowTo: '2026-11-23T09:00',
    });
    expect(byAudit.statusCode).toBe(303);
    const refs = tenants()
      .slice(0, 2)
      .map((t) => t.customerRef)
      .join(', ');
    expect(
      (await dpo.post(`/staff/breaches/${id}/affected`, { by: 'people', customerRefs: refs })).statusCode,
    ).toBe(303);
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain(
      '2 found; letters prepared for 0, sent to 0',
    );

    const letters = await dpo.post(`/staff/breaches/${id}/letters`, {}, { from: `/staff/breaches/${id}` });
    expect(letters.statusCode).toBe(200);
    expect(letters.headers['content-type']).toBe('application/zip');
    // Downloading prepares the letters; they are marked as sent once posted.
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain(
      '2 found; letters prepared for 2, sent to 0',
    );
    const sent = await dpo.post(
      `/staff/breaches/${id}/letters/sent`,
      // Posted now: in November UK time is UTC.
      { sentAt: f.store.now().toISOString().slice(0, 16) },
      { from: `/staff/breaches/${id}` },
    );
    expect(sent.statusCode, errorSummary(sent.body).join()).toBe(303);
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain(
      '2 found; letters prepared for 2, sent to 2',
    );

    expect(
      (
        await dpo.post(
          `/staff/breaches/${id}/report`,
          { to: 'core', reportedAt: '2026-11-23T09:30', reference: 'CORE-77' },
          { from: `/staff/breaches/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await dpo.post(
          `/staff/breaches/${id}/report`,
          { to: 'ico', reportedAt: '2026-11-23T09:45', reference: 'ICO-12' },
          { from: `/staff/breaches/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain('Reported in time');

    expect(
      (
        await dpo.post(
          `/staff/breaches/${id}/actions`,
          {
            kind: 'containment',
            action: 'Ask the contractor to delete the email',
            owner: 'Dana Okafor',
            dueOn: '2026-11-24',
          },
          { from: `/staff/breaches/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    const notYet = await dpo.post(
      `/staff/breaches/${id}/close`,
      { lessons: 'Check recipients.' },
      { from: `/staff/breaches/${id}` },
    );
    expect(notYet.statusCode).toBe(400);
    expect(errorSummary(notYet.body)[0]).toMatch(/not done/);
    expect(
      (await dpo.post(`/staff/breaches/${id}/actions/1/done`, {}, { from: `/staff/breaches/${id}` }))
        .statusCode,
    ).toBe(303);
    expect(
      (await dpo.post(`/staff/breaches/${id}/actions/x/done`, {}, { from: `/staff/breaches/${id}` }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await dpo.post(
          `/staff/breaches/${id}/close`,
          { lessons: 'Check recipients before sending.' },
          { from: `/staff/breaches/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    const closed = await dpo.get(`/staff/breaches/${id}`);
    expect(closed.body).toContain('Check recipients before sending.');
  });
});

describe('changing an assessment or decision once the ICO has been told', () => {
  let id: string;
  const page = (path = '') => `/staff/breaches/${id}${path}`;
  const post = (path: string, body: Record<string, string>) => dpo.post(page(path), body, { from: page() });

  beforeAll(async () => {
    const res = await dpo.post('/staff/breaches/new', {
      ...breach,
      summary: 'A tenancy list was left on a bus.',
    });
    id = String(res.headers.location).split('/').pop()!;
    await post('/assess', {
      likelihood: 'likely',
      severity: 'severe',
      consequences: 'Fraud.',
      reasons: 'Bank details.',
    });
    await post('/decide', {
      ico: 'notify',
      icoReasons: 'High risk',
      people: 'notify',
      peopleReasons: 'High risk',
      messageToPeople: 'A list with your details was lost.',
      consequencesForPeople: 'Someone could try to use your bank details.',
    });
    expect(
      (await post('/report', { to: 'ico', reportedAt: '2026-11-23T09:00', reference: 'IC-12345' }))
        .statusCode,
    ).toBe(303);
  });

  it('logging the same breach again within minutes goes to the one already logged', async () => {
    const again = await dpo.post('/staff/breaches/new', {
      ...breach,
      summary: 'A tenancy list was left on a bus.',
    });
    expect(again.headers.location).toBe(page());
  });

  it('refuses a silent rewrite, keeps the earlier entries, and says the report stands', async () => {
    const lower = { likelihood: 'remote', severity: 'minimal', consequences: 'None.', reasons: 'Found.' };
    const silent = await post('/assess', lower);
    expect(silent.statusCode).toBe(400);
    expect(errorSummary(silent.body)[0]).toMatch(
      /^Why it is being changed is needed: the ICO was told on 23 November 2026, 9:00am, so say why/,
    );
    expect(silent.body).toContain('href="#revisionReason"');
    expect(
      (await post('/assess', { ...lower, revisionReason: 'The list was handed in unopened.' })).statusCode,
    ).toBe(303);

    const notTell = { ico: 'not-notify', icoReasons: 'Found', people: 'not-notify', peopleReasons: 'Found' };
    const unsaid = await post('/decide', { ...notTell, decisionRevisionReason: 'Handed in unopened.' });
    expect(unsaid.statusCode).toBe(400);
    expect(errorSummary(unsaid.body)[0]).toMatch(
      /^That the report to the ICO stands must be confirmed: the ICO was told on 23 November 2026, 9:00am \(reference IC-12345\)/,
    );
    const noReason = await post('/decide', { ...notTell, reportStands: 'yes' });
    expect(errorSummary(noReason.body)[0]).toMatch(/^Why it is being changed is needed/);
    expect(noReason.body).toContain('href="#decisionRevisionReason"');
    expect(
      (
        await post('/decide', {
          ...notTell,
          reportStands: 'yes',
          decisionRevisionReason: 'Handed in unopened.',
        })
      ).statusCode,
    ).toBe(303);

    const shown = (await dpo.get(page())).body;
    expect(shown).toContain('Earlier assessments');
    expect(shown).toContain('a high risk to people (harm likely, severe)');
    expect(shown).toContain('Why it was changed: The list was handed in unopened.');
    expect(shown).toContain('Earlier decisions');
    expect(shown).toContain('the ICO, tell them (High risk)');
    expect(shown).toContain('That report stands');
    expect(shown).toContain('reported 23 November 2026, 9:00am, reference IC-12345');
    expect(shown).toContain('I understand the ICO was already told on 23 November 2026, 9:00am');
    expect(shown).toContain('Needed now that the ICO has been told or letters prepared.');
    expect(shown).toContain('The people affected: <strong>do not tell them</strong>.');
  });

  it('answers a bad address on a step as the error page does', async () => {
    const res = await dpo.post(
      '/staff/breaches/xx/assess',
      { likelihood: 'likely' },
      { from: '/staff/breaches' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('This address is not right');
  });
});

describe('how a clock is worded', () => {
  const deadline = new Date('2026-07-04T11:00:00Z');
  it('gives the deadline in UK time, and days past it once long overdue', () => {
    const long = clockView({ status: 'overdue', deadline, hoursLeft: -3431 }, 72);
    expect(long).toMatchObject({
      deadlineWords: '4 July 2026, 12:00pm',
      words: '142 days past the deadline',
    });
    expect(clockView({ status: 'overdue', deadline, hoursLeft: -5 }, 72).words).toBe(
      '5 hours past the deadline',
    );
  });
});

describe('any member of staff may report a suspected breach to the DPO', () => {
  it('takes the report from a housing officer, shows them only its reference, and the DPO triages it', async () => {
    const officer = await signInStaff(f, 'housing.north');
    const contractor = await signInStaff(f, 'contractor-acme');
    // Staff and contractors alike (a processor tells the controller, Art. 33(2)), from their home.
    for (const reporter of [officer, contractor]) {
      expect((await reporter.get('/staff/report-a-breach')).statusCode).toBe(200);
      expect((await reporter.get('/staff')).body).toContain('href="/staff/report-a-breach"');
    }
    const fromContractor = await contractor.post('/staff/report-a-breach', {
      summary: 'A job sheet with a tenant’s phone number was left at another address.',
      noticedAt: '2026-11-23T08:15',
    });
    expect(fromContractor.statusCode).toBe(200);
    expect(fromContractor.body).toMatch(/B-[0-9a-f]{8}/);

    const empty = await officer.post('/staff/report-a-breach', {
      summary: '',
      noticedAt: '2026-11-24T09:00',
    });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual([
      'Describe what happened, without naming anyone',
      expect.stringMatching(/^When you noticed it cannot be in the future: 24 November 2026, 9:00am/),
    ]);

    const sent = await officer.post('/staff/report-a-breach', {
      summary: 'A box of rent statements was left in the communal hallway.',
      noticedAt: '2026-11-23T09:30',
    });
    expect(sent.statusCode).toBe(200);
    const reference = /B-[0-9a-f]{8}/.exec(sent.body)![0];
    expect(sent.body).toContain('Your report has been sent to the DPO');
    // The reporter does not get the register, nor this breach's page.
    expect((await officer.get('/staff/breaches')).statusCode).toBe(403);

    const list = (await dpo.get('/staff/breaches')).body;
    expect(list).toContain('A box of rent statements was left');
    // Waiting for triage, and first in the register, whatever its date: its clock is running.
    const rows = list.slice(list.indexOf('<tbody')).split('</tr>');
    expect(rows[0]).toContain('Reported: to triage');
    const officers = rows.find((r) => r.includes('A box of rent statements was left'))!;
    expect(officers).toContain('Reported: to triage');
    const [row] = await f.store.db.query<{ id: string; status: string }>(
      `select id, status from breaches where summary like 'A box of rent statements%'`,
    );
    expect(row).toMatchObject({ status: 'reported' });
    expect(row!.id.startsWith(reference.slice(2))).toBe(true);
    expect((await officer.get(`/staff/breaches/${row!.id}`)).statusCode).toBe(403);
    const triagePage = (await dpo.get(`/staff/breaches/${row!.id}`)).body;
    expect(triagePage).toContain('Reported by a member of staff, to triage');
    const untyped = await dpo.post(
      `/staff/breaches/${row!.id}/triage`,
      { breachKind: 'breach' },
      { from: `/staff/breaches/${row!.id}` },
    );
    expect(untyped.statusCode).toBe(400);
    expect(untyped.body).toContain('href="#breachTypes"');
    const taken = await dpo.post(
      `/staff/breaches/${row!.id}/triage`,
      { breachKind: 'breach', breachTypes: 'confidentiality' },
      { from: `/staff/breaches/${row!.id}` },
    );
    expect(taken.statusCode).toBe(303);
    const [after] = await f.store.db.query<{ status: string }>('select status from breaches where id = $1', [
      row!.id,
    ]);
    expect(after!.status).toBe('open');
  });
});
