/**
 * The staff rights action pages in Debian's Chromium (issue 7): a correction made from a
 * rectification request with the organisations to tell, an objection recorded, a human review of
 * an automated decision completed, and a restriction asked for without its ground (the error
 * summary) and then applied (last: while it is in force the explanation cannot be read). Every page is checked by axe for WCAG 2.2 AA, must raise no console
 * error, and is kept as a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { staffAccount, webFixture, type WebFixture } from './helpers.ts';
import { askForReview, bandingDecision, northTenants, requestAbout } from './rights-actions-helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let browser: Browser;
let base: string;
let staff: Page;
let person: string;
const problems: string[] = [];

/** axe, the GOV.UK JavaScript running, and a screenshot of the page now open. */
async function check(name: string) {
  const results = await new AxeBuilder({ page: staff }).withTags(WCAG_22_AA).analyze();
  for (const v of results.violations) problems.push(`${name}: ${v.id}: ${v.help}`);
  expect(await staff.locator('body.govuk-frontend-supported').count(), `${name}: GOV.UK JS ran`).toBe(1);
  await staff.screenshot({ path: `${SCREENSHOTS}rights-actions-${name}.png`, fullPage: true });
}

beforeAll(async () => {
  f = await webFixture();
  person = (await northTenants(f.store))[0]!;
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await browser.newContext();
  staff = await context.newPage();
  staff.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[0134]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  staff.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const dpo = staffAccount('dpo');
  await signInStaff(staff, base, dpo, f.clock);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('the staff rights action pages', () => {
  it('correct, object, restrict and review, each page accessible', async () => {
    const rectification = await requestAbout(f.store, person, 'rectification');
    await staff.goto(`${base}/staff/requests/${rectification}`);
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

    const objection = await requestAbout(f.store, person, 'objection');
    await staff.goto(`${base}/staff/requests/${objection}`);
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

    const decisionId = await bandingDecision(f.store, person);
    await askForReview(f.store, person, decisionId);
    const automated = await requestAbout(f.store, person, 'automated-decision');
    await staff.goto(`${base}/staff/requests/${automated}`);
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
    await staff.goto(`${base}/staff/people/${person}/rights/restriction`);
    await staff.getByLabel('Reason', { exact: true }).fill('The tenant disputes the rent account.');
    await staff.getByRole('button', { name: 'Restrict processing' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check('restriction-errors');
    await staff.getByLabel(/contests the accuracy/).check();
    await staff.getByRole('button', { name: 'Restrict processing' }).click();
    await staff.waitForSelector('#lift-reason');
    expect(await staff.locator('#restriction-status').textContent()).toBe('restricted');
    await check('restriction');

    expect(problems).toEqual([]);
  });
});
