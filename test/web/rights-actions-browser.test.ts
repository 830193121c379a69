/**
 * The staff rights action pages in Debian's Chromium (issue 7): a correction made from a
 * rectification request with the organisations to tell, an objection recorded, a human review of
 * an automated decision completed, and a restriction asked for without its ground (the error
 * summary) and then applied (last: while it is in force the explanation cannot be read). Every page is checked by axe for WCAG 2.2 AA, must raise no console
 * error, and is kept as a screenshot.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { staffAccount, webFixture } from './helpers.ts';
import { askForReview, bandingDecision, northTenants, requestAbout } from './rights-actions-helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'rights-actions-' });
let staff: Page;
let person: string;
const check = (name: string) => s.check(staff, name);

beforeAll(async () => {
  person = (await northTenants(s.f.store))[0]!;
  staff = await s.openStaff(staffAccount('dpo'));
}, 240_000);

describe('the staff rights action pages', () => {
  it('correct, object, restrict and review, each page accessible', async () => {
    const rectification = await requestAbout(s.f.store, person, 'rectification');
    await staff.goto(`${s.base}/staff/requests/${rectification}`);
    await staff.getByRole('link', { name: 'Correct the person’s data' }).click();
    await staff.waitForURL('**/rectify');
    await check('rectify');
    await staff.getByLabel('What to correct').selectOption('person/person/phone');
    await staff.getByLabel('The correct value').fill('07700 900456');
    await staff.getByLabel('Why the value held was wrong').fill('The tenant gave us a new number.');
    await staff.getByRole('button', { name: 'Save the correction' }).click();
    await staff.waitForSelector('#recipients');
    expect(await staff.locator('#history').textContent()).toContain('07700 900456');
    await check('rectify-done');

    const objection = await requestAbout(s.f.store, person, 'objection');
    await staff.goto(`${s.base}/staff/requests/${objection}`);
    await staff.getByRole('link', { name: 'Record or settle the objection' }).click();
    await staff.waitForURL('**/objections');
    await staff.getByRole('button', { name: 'Record the objection' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check('objections-errors');
    await staff.getByLabel('Anti-social behaviour', { exact: true }).check();
    await staff.getByLabel('What the person said (optional)').fill('I do not want my data used for this.');
    await staff.getByRole('button', { name: 'Record the objection' }).click();
    await staff.waitForSelector('.govuk-summary-card');
    await check('objections');

    const decisionId = await bandingDecision(s.f.store, person);
    await askForReview(s.f.store, person, decisionId);
    const automated = await requestAbout(s.f.store, person, 'automated-decision');
    await staff.goto(`${s.base}/staff/requests/${automated}`);
    await staff.getByRole('link', { name: 'Review the automated decisions' }).click();
    await staff.waitForURL('**/decisions');
    await check('decisions');
    await staff.getByLabel('I change the decision').check();
    await staff.getByLabel('The new outcome, if you changed it').fill('A');
    await staff.getByLabel('The new outcome in words (optional)').fill('Band A');
    await staff
      .getByLabel('Your reasons, as the person will read them')
      .fill('Medical evidence gives priority.');
    await staff.getByRole('button', { name: /^Complete the review/ }).click();
    await staff.waitForSelector('text=changed the decision to: Band A');
    await check('decisions-done');
    await staff.goto(`${s.base}/staff/people/${person}/rights/restriction`);
    await staff.getByLabel('Reason', { exact: true }).fill('The tenant disputes the rent account.');
    await staff.getByRole('button', { name: 'Restrict processing' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check('restriction-errors');
    await staff.getByLabel(/contests the accuracy/).check();
    await staff.getByRole('button', { name: 'Restrict processing' }).click();
    await staff.waitForSelector('#lift-reason');
    expect(await staff.locator('#restriction-status').textContent()).toBe('restricted');
    await check('restriction');

    expect(s.problems).toEqual([]);
  });
});
