/**
 * The DPO's record of processing and notice pages in Debian's Chromium: reached from the staff
 * navigation, checked by axe for WCAG 2.2 AA, no console errors, kept as screenshots; a download
 * link gives a file.
 */
import { mkdirSync, statSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { staffAccount, webFixture, type WebFixture } from './helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let browser: Browser;
let base: string;
let page: Page;
const problems: string[] = [];

async function check(name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  for (const v of results.violations) problems.push(`${name}: ${v.id}: ${v.help}`);
  expect(await page.locator('body.govuk-frontend-supported').count(), `${name}: GOV.UK JS ran`).toBe(1);
  await page.screenshot({ path: `${SCREENSHOTS}staff-${name}.png`, fullPage: true });
}

beforeAll(async () => {
  f = await webFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    // The browser asks for /favicon.ico, which the site does not serve (as the other browser tests allow).
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const dpo = staffAccount('dpo');
  await signInStaff(page, base, dpo, f.clock);
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('the DPO’s record of processing and notice pages', () => {
  it('are reached from the navigation and pass axe', async () => {
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Record of processing', exact: true })
      .click();
    await page.waitForURL('**/staff/record-of-processing');
    await check('record-of-processing');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#ropa-downloads a').first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^record-of-processing-.*\.csv$/);
    expect(statSync((await download.path())!).size).toBeGreaterThan(0);

    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('link', { name: 'Privacy notice', exact: true }).click();
    await page.waitForURL('**/staff/notice');
    await check('notice');
    expect(problems).toEqual([]);
  });
});
