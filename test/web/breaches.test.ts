/**
 * The breach register's pages without a browser: who may use them (401, 403), a breach logged
 * with UK local times, its clocks red, amber or green, each step in order (refusals shown with the
 * field and reason, nothing written), the people affected, letters, reports, actions and closing,
 * and the dashboard panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(errorSummary(future.body)[0]).toMatch(/^Aware at: .*is in the future/);
    const garbled = await dpo.post('/staff/breaches/new', { ...breach, awareAt: 'last tuesday' });
    expect(errorSummary(garbled.body)[0]).toMatch(/^Aware at: .*last tuesday.* is not a date/);
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
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain('2 found; 0 sent a letter');

    const letters = await dpo.post(`/staff/breaches/${id}/letters`, {}, { from: `/staff/breaches/${id}` });
    expect(letters.statusCode).toBe(200);
    expect(letters.headers['content-type']).toBe('application/zip');
    expect((await dpo.get(`/staff/breaches/${id}`)).body).toContain('2 found; 2 sent a letter');

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
