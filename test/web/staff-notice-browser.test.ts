/**
 * The DPO's record of processing and notice pages in Debian's Chromium: reached from the staff
 * navigation, checked by axe for WCAG 2.2 AA, no console errors, kept as screenshots; a download
 * link gives a file.
 */
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { staffAccount, webFixture } from './helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'staff-' });
let page: Page;
const check = (name: string) => s.check(page, name);

beforeAll(async () => {
  page = await s.openStaff(staffAccount('dpo'), { acceptDownloads: true });
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
    expect(s.problems).toEqual([]);
  });
});
