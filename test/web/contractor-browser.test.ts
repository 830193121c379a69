/**
 * In Debian's Chromium: a contractor signs in and sees only their own job, not another
 * contractor's, and a closed job disappears; the DPO's retention and audit pages. Every page is
 * checked by axe for WCAG 2.2 AA, must raise no console error, and is kept as a screenshot.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { closeJob, openJob } from './contractor-jobs.ts';
import { staffAccount, tenants, webFixture } from './helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'web-' });

async function signedIn(username: string) {
  const page = await s.openStaff(staffAccount(username));
  return { page, check: (name: string) => s.check(page, name), close: () => page.context().close() };
}

describe('contractor journey', () => {
  it('sees only their own job, not another contractor’s, and a closed job disappears', async () => {
    const mine = await openJob(s.f.store, 'contractor-acme', 'Broken window catch BROWSER-ACME');
    await openJob(s.f.store, 'contractor-dampfix', 'Mould in the bathroom BROWSER-DAMPFIX', 3);
    const v = await signedIn('contractor-acme');
    await v.page.getByRole('link', { name: 'See the open jobs assigned to you' }).click();
    await v.page.waitForURL('**/staff/jobs');
    const text = await v.page.locator('main').textContent();
    expect(text).toContain('BROWSER-ACME');
    expect(text).not.toContain('BROWSER-DAMPFIX');
    expect(text).not.toContain('Customer reference');
    await v.check('contractor-jobs');
    await closeJob(s.f.store, mine);
    await v.page.reload();
    expect(await v.page.locator('main').textContent()).not.toContain('BROWSER-ACME');
    await v.close();
    expect(s.problems).toEqual([]);
  });
});

describe('the DPO’s retention and audit pages', () => {
  it('have no WCAG 2.2 AA violations, with a hold placed and a sweep run from the page', async () => {
    const v = await signedIn('dpo');
    const { page } = v;
    await page.goto(`${s.base}/staff/retention`);
    await v.check('retention-plan');
    await page.getByRole('button', { name: 'Start a sweep' }).click();
    await page.waitForURL(/\/staff\/retention\/runs\/[0-9a-f-]+$/);
    await v.check('retention-certificate');
    await page.goto(`${s.base}/staff/retention/holds`);
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('retention-holds-errors');
    await page.getByLabel('Person').check();
    await page.getByLabel('Its id').fill(tenants()[0]!.id);
    await page.getByLabel('Matter').selectOption('possession-claim');
    await page.getByLabel('Reason').fill('Claim PC-77');
    await page.getByLabel('Owner').fill('Legal team');
    await page.getByLabel('Review date (YYYY-MM-DD)').fill('2027-03-31');
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await page.waitForSelector('text=Claim PC-77');
    await v.check('retention-holds');
    for (const [name, path] of [
      ['staff-person-held', `/staff/people/${tenants()[0]!.id}?purpose=subject-access`],
      ['retention-hold-from-file', `/staff/retention/holds?target=person&targetId=${tenants()[0]!.id}`],
      ['retention-reviews', '/staff/retention/reviews'],
      ['retention-events', '/staff/retention/events'],
      ['retention-log', '/staff/retention/runs'],
      ['audit-search', `/staff/audit?personId=${tenants()[0]!.id}`],
      ['audit-search-errors', '/staff/audit?personId=nope&from=2026-13-01'],
      ['audit-verify', '/staff/audit/verify'],
      ['staff-home-dpo', '/staff'],
    ]) {
      await page.goto(s.base + path!);
      await v.check(name!);
    }
    await v.close();
    expect(s.problems).toEqual([]);
  });
});
