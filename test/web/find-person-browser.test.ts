/**
 * The find page in Debian's Chromium, as a housing officer uses it: a family name alone is refused
 * with the error summary (checked by axe for WCAG 2.2 AA in that state), adding the postcode finds
 * the household, and what was typed never reaches the address bar.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../src/app/demo-web.ts';
import { generateChunk } from '../../src/demo/generate.ts';
import { browserSuite } from '../support/browser.ts';
import { HOUSEHOLDS, staffAccount, webFixture } from './helpers.ts';
import { northTenants } from './rights-actions-helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'find-person-' });
let page: Page;
const axe = (name: string) => s.check(page, name);

beforeAll(async () => {
  page = await s.openStaff(staffAccount('housing.north'));
}, 240_000);

describe('finding a person by name and postcode in a browser', () => {
  it('refuses a family name alone, then finds the household with the postcode', async () => {
    const north = new Set(await northTenants(s.f.store));
    const tenant = generateChunk({ households: HOUSEHOLDS, seed: DEMO_SEED }, 0)
      .batches.flatMap((b) => b.batch.people ?? [])
      .find((p) => p.id && north.has(p.id) && p.subjectTypes.includes('tenant'))!;
    const familyName = tenant.profile.familyName as string;
    const postcode = tenant.profile.postcode as string;

    await page.goto(`${s.base}/staff/people`);
    await page.getByLabel('Family name').fill(familyName);
    await page.locator('input[name="purpose"][value="tenancy-management"]').check();
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Add a postcode or another detail',
    );
    await axe('find-refused');

    await page.getByLabel('Postcode').fill(postcode);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForSelector('h1:has-text("More than one person matches")');
    await axe('find-found');
    const url = decodeURIComponent(page.url()).toLowerCase();
    expect(url).not.toContain(familyName.toLowerCase());
    expect(url).not.toContain(postcode.replace(' ', '').toLowerCase());
    expect(s.problems).toEqual([]);
  });
});
