/**
 * The portal pages the fresh-clone trial asked for, in Debian's Chromium: "Send the link again",
 * "Who has seen your information", the disclosures page with its routine sharing, and the request
 * form with the uses to object to revealed. Each is checked by axe for WCAG 2.2 AA, must raise no
 * console error, and is kept as a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, WCAG_22_AA } from '../support/browser.ts';
import { DEMO_RESIDENT, webFixture, type WebFixture } from './helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let browser: Browser;
let base: string;
const problems: string[] = [];

beforeAll(async () => {
  f = await webFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

async function check(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  for (const v of results.violations)
    problems.push(`${name}: ${v.id}: ${v.help} ${v.nodes.map((n) => n.html).join(' | ')}`);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

describe('the portal pages the trial asked for', () => {
  it('pass axe, with no console errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[0134]/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    await page.goto(`${base}/portal/send-link-again`);
    await check(page, 'portal-send-link-again');
    await page.getByLabel('Email address').fill('no.one@example.invalid');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await check(page, 'portal-send-link-sent');

    await page.goto(`${base}/portal/sign-in`);
    await page.getByLabel('Email address').fill(DEMO_RESIDENT.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_RESIDENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/your-information/);

    await page.getByRole('link', { name: 'Who has seen your information' }).first().click();
    await page.getByRole('heading', { name: 'Handling your requests' }).waitFor();
    await check(page, 'portal-who-has-seen');

    await page.goto(`${base}/portal/disclosures`);
    await page.getByRole('heading', { name: 'Sharing we do routinely' }).waitFor();
    await check(page, 'portal-disclosures');

    await page.goto(`${base}/portal/requests/new`);
    await page.getByLabel('Object to how we use your information').check();
    await page.getByLabel('All direct marketing').check();
    await check(page, 'portal-request-objection');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
