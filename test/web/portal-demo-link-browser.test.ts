/**
 * The demo's "Check your email" page, with the confirmation link shown in its inset, in Debian's
 * Chromium: checked by axe for WCAG 2.2 AA, no console errors, kept as a screenshot, and the link
 * it shows finishes registering.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, type WebApp } from '../../src/web/app.ts';
import { launchBrowser, WCAG_22_AA } from '../support/browser.ts';
import { tenants, webFixture, type WebFixture } from './helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let demo: WebApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  f = await webFixture();
  demo = await buildWebApp(f.store, { logger: false, demo: true });
  base = await demo.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await f?.close();
});

describe('the demo’s confirmation link', () => {
  it('is shown in an accessible inset on "Check your email", and works', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // The browser asks for /favicon.ico, which the site does not serve (as the other browser tests allow).
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const tenant = tenants()[7]!;
    const [y, m, d] = tenant.dateOfBirth.split('-');
    await page.goto(`${base}/portal/register`);
    await page.getByLabel('Customer reference').fill(tenant.customerRef);
    await page.getByLabel('Day').fill(d!);
    await page.getByLabel('Month').fill(m!);
    await page.getByLabel('Year').fill(y!);
    await page.getByLabel('Postcode').fill(tenant.postcode);
    await page.getByLabel('Email address').fill('demo.browser@example.invalid');
    await page.getByLabel('Create a password').fill('my-long-password-1');
    await page.getByLabel('Confirm your password').fill('my-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    const inset = page.locator('[data-demo-link]');
    await inset.waitFor();
    expect(await inset.getByRole('heading').textContent()).toContain(
      'Demo only: this is the link the email would contain',
    );
    const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    for (const v of results.violations) problems.push(`axe: ${v.id}: ${v.help}`);
    await page.screenshot({ path: `${SCREENSHOTS}portal-check-email-demo.png`, fullPage: true });

    const href = await inset.getByRole('link').getAttribute('href');
    await page.goto(base + new URL(href!).pathname);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.waitForSelector('.govuk-panel--confirmation');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
