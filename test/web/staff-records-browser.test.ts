/**
 * The housing officer's new pages in Debian's Chromium, each checked by axe for WCAG 2.2 AA: adding
 * a contact note (the form, its error summary, the file with the success banner), emergency access
 * to a file in another patch (the refusal, the form, the file under the banner), and the DPO's
 * list of emergency access to review. No console errors; a screenshot of each.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { staffAccount, webFixture, type WebFixture } from './helpers.ts';
import { northTenants } from './rights-actions-helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let browser: Browser;
let base: string;
const problems: string[] = [];

async function open(username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[0134]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await signInStaff(page, base, staffAccount(username), f.clock);
  return page;
}

async function check(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  for (const v of results.violations) problems.push(`${name}: ${v.id}: ${v.help}`);
  await page.screenshot({ path: `${SCREENSHOTS}staff-records-${name}.png`, fullPage: true });
}

beforeAll(async () => {
  f = await webFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

it('adds a contact note and uses emergency access, every page passing axe', async () => {
  const officer = await open('housing.north');
  const north = (await northTenants(f.store))[0]!;
  await officer.goto(`${base}/staff/people/${north}?purpose=tenancy-management`);
  await officer.getByRole('link', { name: 'Add a contact log' }).click();
  await officer.waitForURL(/\/add\?/);
  await check(officer, 'add-form');
  await officer.getByRole('button', { name: 'Add a contact log' }).click();
  await officer.waitForSelector('.govuk-error-summary');
  await check(officer, 'add-errors');
  await officer.getByLabel('Phone').check();
  await officer.getByLabel('Summary').fill('Synthetic note: asked about the bin collection day');
  await officer.getByLabel('Occurred at').fill('2026-11-23T10:15');
  await officer.getByRole('button', { name: 'Add a contact log' }).click();
  await officer.waitForSelector('#added');
  await check(officer, 'added');

  const [elsewhere] = await f.store.db.query<{ person_id: string }>(
    `select hm.person_id from household_members hm join households h on h.id = hm.household_id
       join properties pr on pr.id = h.property_id
      where pr.patch <> 'north' and hm.ended_on is null order by hm.person_id limit 1`,
  );
  await officer.goto(`${base}/staff/people/${elsewhere!.person_id}?purpose=tenancy-management`);
  await check(officer, 'refused');
  await officer.getByRole('link', { name: 'Get emergency access' }).click();
  await officer.waitForURL(/emergency-access/);
  await check(officer, 'emergency-form');
  await officer
    .getByLabel('Why do you need emergency access')
    .fill('The tenant reports a gas smell and their officer is away');
  await officer.getByRole('button', { name: 'Get emergency access' }).click();
  await officer.waitForSelector('#emergency');
  await check(officer, 'emergency-file');

  const dpo = await open('dpo');
  await dpo.goto(`${base}/staff/audit/break-glass`);
  await check(dpo, 'review-list');
  expect(problems).toEqual([]);
});
