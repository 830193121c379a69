/**
 * Contractors see only their own open jobs, with only the fields their role declares, and a job
 * disappears when it closes; every look is audited. Staff whose roles are not given jobs are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssignedJobs } from '../../src/records/jobs.ts';
import { Agent, signInStaff, webFixture, type WebFixture } from './helpers.ts';
import { closeJob, openJob } from './contractor-jobs.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

describe('my jobs', () => {
  it('shows a contractor their open jobs only, with their role’s fields, until the job closes', async () => {
    const mine = await openJob(f.store, 'contractor-acme', 'Leaking tap under the kitchen sink TEST-ACME');
    const theirs = await openJob(f.store, 'contractor-brightspark', 'Rewire the hall light TEST-BRIGHT', 2);
    const acme = await signInStaff(f, 'contractor-acme');
    expect((await acme.get('/staff')).body).toContain('/staff/jobs');
    const page = await acme.get('/staff/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('TEST-ACME');
    expect(page.body).not.toContain('TEST-BRIGHT');
    // The role declares description, access notes and completion; not priority or trade.
    expect(page.body).toContain('Description');
    expect(page.body).not.toContain('Priority');
    expect(page.body).not.toContain('Trade');
    // The resident's name and address, not their customer reference or date of birth.
    expect(page.body).toContain('Given name');
    expect(page.body).not.toContain('Customer reference');
    expect(page.body).not.toContain('Date of birth');
    // Nor can the contractor open the other contractor's job, or its resident's file.
    const other = await acme.get(`/staff/people/${theirs.personId}?purpose=repairs`);
    expect(other.body).not.toContain('TEST-BRIGHT');

    const seen = await f.store.db.query<{ record_ids: string[]; outcome: string }>(
      `select record_ids, outcome from audit_events where actor = 'contractor-acme' and action = 'record.read'`,
    );
    expect(seen.flatMap((e) => e.record_ids)).toContain(mine.recordId);

    await closeJob(f.store, mine);
    const after = await acme.get('/staff/jobs');
    expect(after.body).not.toContain('TEST-ACME');
    expect(
      await acme.get(`/staff/people/${mine.personId}?purpose=repairs`).then((r) => r.body),
    ).not.toContain('TEST-ACME');
  });

  it('lists only through the gate: the list is empty for an actor with no assigned-scope role', async () => {
    const jobs = await listAssignedJobs(f.store, {
      actor: {
        id: 'contractor-acme',
        kind: 'staff',
        controllerId: 'brookvale-homes',
        roles: ['housing-officer'],
      },
      purpose: 'tenancy-management',
      channel: 'web',
    });
    expect(jobs).toEqual([]);
  });

  it('puts "Your jobs" in a contractor’s menu on every page, current on the jobs page', async () => {
    const acme = await signInStaff(f, 'contractor-acme');
    const elsewhere = (await acme.get('/staff/people')).body;
    expect(elsewhere).toMatch(
      /<a class="govuk-service-navigation__link" href="\/staff\/jobs"[^>]*>\s*Your jobs/,
    );
    const jobs = (await acme.get('/staff/jobs')).body;
    expect(jobs).toMatch(
      /govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="\/staff\/jobs"/,
    );
  });

  it('refuses staff whose roles are not given jobs, and visitors not signed in', async () => {
    const dpo = await signInStaff(f, 'dpo');
    expect((await dpo.get('/staff/jobs')).statusCode).toBe(403);
    expect((await dpo.get('/staff')).body).not.toContain('/staff/jobs');
    expect((await new Agent(f.app).get('/staff/jobs')).statusCode).toBe(401);
  });
});
