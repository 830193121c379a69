/**
 * The find page in Debian's Chromium, as a housing officer uses it: a family name alone is refused
 * with the error summary (checked by axe for WCAG 2.2 AA in that state), adding the postcode finds
 * the household, and what was typed never reaches the address bar.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../src/app/demo-web.ts';
import { generateChunk } from '../../src/demo/generate.ts';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { HOUSEHOLDS, staffAccount, webFixture, type WebFixture } from './helpers.ts';
import { northTenants } from './rights-actions-helpers.ts';

let f: WebFixture;
let browser: Browser;
let base: string;
let page: Page;
const problems: string[] = [];

async function axe(name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  for (const v of results.violations) problems.push(`${name}: ${v.id}: ${v.help}`);
}

beforeAll(async () => {
  f = await webFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    // A refused form is answered 400, and the browser asks for /favicon.ico (404): both expected.
    if (m.type() === 'error' && !/status of 40[04]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await signInStaff(page, base, staffAccount('housing.north'), f.clock);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('finding a person by name and postcode in a browser', () => {
  it('refuses a family name alone, then finds the household with the postcode', async () => {
    const north = new Set(await northTenants(f.store));
    const tenant = generateChunk({ households: HOUSEHOLDS, seed: DEMO_SEED }, 0)
      .batches.flatMap((b) => b.batch.people ?? [])
      .find((p) => p.id && north.has(p.id) && p.subjectTypes.includes('tenant'))!;
    const familyName = tenant.profile.familyName as string;
    const postcode = tenant.profile.postcode as string;

    await page.goto(`${base}/staff/people`);
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
    expect(problems).toEqual([]);
  });
});
