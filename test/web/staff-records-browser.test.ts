/**
 * The housing officer's new pages in Debian's Chromium, each checked by axe for WCAG 2.2 AA: adding
 * a contact note (the form, its error summary, the file with the success banner), emergency access
 * to a file in another patch (the refusal, the form, the file under the banner), and the DPO's
 * list of emergency access to review. No console errors; a screenshot of each.
 */
import { expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { staffAccount, webFixture } from './helpers.ts';
import { northTenants } from './rights-actions-helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'staff-records-' });
const open = (username: string) => s.openStaff(staffAccount(username));

it('adds a contact note and uses emergency access, every page passing axe', async () => {
  const officer = await open('housing.north');
  const north = (await northTenants(s.f.store))[0]!;
  await officer.goto(`${s.base}/staff/people/${north}?purpose=tenancy-management`);
  await officer.getByRole('link', { name: 'Add a contact log' }).click();
  await officer.waitForURL(/\/add\?/);
  await s.check(officer, 'add-form');
  await officer.getByRole('button', { name: 'Add a contact log' }).click();
  await officer.waitForSelector('.govuk-error-summary');
  await s.check(officer, 'add-errors');
  await officer.getByLabel('Phone').check();
  await officer.getByLabel('Summary').fill('Synthetic note: asked about the bin collection day');
  await officer.getByLabel('Occurred at').fill('2026-11-23T10:15');
  await officer.getByRole('button', { name: 'Add a contact log' }).click();
  await officer.waitForSelector('#added');
  await s.check(officer, 'added');

  const [elsewhere] = await s.f.store.db.query<{ person_id: string }>(
    `select hm.person_id from household_members hm join households h on h.id = hm.household_id
       join properties pr on pr.id = h.property_id
      where pr.patch <> 'north' and hm.ended_on is null order by hm.person_id limit 1`,
  );
  await officer.goto(`${s.base}/staff/people/${elsewhere!.person_id}?purpose=tenancy-management`);
  await s.check(officer, 'refused');
  await officer.getByRole('link', { name: 'Get emergency access' }).click();
  await officer.waitForURL(/emergency-access/);
  await s.check(officer, 'emergency-form');
  await officer
    .getByLabel('Why do you need emergency access')
    .fill('The tenant reports a gas smell and their officer is away');
  await officer.getByRole('button', { name: 'Get emergency access' }).click();
  await officer.waitForSelector('#emergency');
  await s.check(officer, 'emergency-file');

  const dpo = await open('dpo');
  await dpo.goto(`${s.base}/staff/audit/break-glass`);
  await s.check(dpo, 'review-list');
  expect(s.problems).toEqual([]);
});
