/**
 * Whole journeys in Debian's Chromium: staff sign in with a TOTP code and open a file for a stated
 * purpose; a resident registers (the link comes from the outbox), signs in and sees their data.
 * Every page is checked by axe for WCAG 2.2 AA, must raise no console error (so the CSP lets the
 * nonced GOV.UK script run), and is kept as a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/web/auth/totp.ts';
import { readOutbox } from '../../src/web/outbox.ts';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { staffAccount, tenants, webFixture, type WebFixture } from './helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let f: WebFixture;
let browser: Browser;
let base: string;

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

interface Visit {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Check the page now open: axe, the js-enabled class, a screenshot. */
  check(name: string): Promise<void>;
}

async function visit(): Promise<Visit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // A 4xx page (an empty form, a 404) is expected where we go to one on purpose; anything else is a problem.
    if (m.type() === 'error' && !/status of 40[0134]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return {
    context,
    page,
    problems,
    async check(name) {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      for (const v of results.violations) problems.push(`${name}: ${v.id}: ${v.help}`);
      expect(await page.locator('body.govuk-frontend-supported').count(), `${name}: GOV.UK JS ran`).toBe(1);
      await page.screenshot({ path: `${SCREENSHOTS}web-${name}.png`, fullPage: true });
    },
  };
}

describe('public pages in a browser', () => {
  it('have no WCAG 2.2 AA violations', async () => {
    const v = await visit();
    for (const [name, path] of [
      ['home', '/'],
      ['privacy-notice', '/privacy'],
      ['jit-lettings', '/privacy/lettings'],
      ['how-to-make-a-request', '/how-to-make-a-request'],
      ['api-docs', '/api/docs'],
      ['signed-out', '/signed-out'],
      ['not-found', '/no-such-page'],
      ['sign-in-needed', '/staff'],
      ['portal-home', '/portal'],
    ]) {
      await v.page.goto(base + path);
      await v.check(name!);
    }
    await v.context.close();
    expect(v.problems).toEqual([]);
  });
});

describe('staff journey', () => {
  it('signs in with a TOTP code, sees requests by deadline, and opens a file for a stated purpose', async () => {
    const v = await visit();
    const { page } = v;
    const dpo = staffAccount('dpo');
    await page.goto(`${base}/staff/sign-in`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('staff-sign-in-errors');

    await page.getByLabel('Username').fill(dpo.username);
    await page.getByLabel('Password', { exact: true }).fill(dpo.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/staff/sign-in/code');
    await v.check('staff-code');
    f.clock.advance(30_000);
    await page.getByLabel(/Enter the code/).fill(await totpCode(dpo.totpSecret, f.clock.now));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/staff$/);
    expect(await page.locator('h1').textContent()).toContain('Dana Okafor');
    await v.check('staff-home');

    await page.getByRole('link', { name: 'Rights requests', exact: true }).first().click();
    await page.waitForURL('**/staff/requests');
    expect(await page.locator('.govuk-tag--red').count()).toBeGreaterThan(0);
    expect(await page.locator('.govuk-tag--green').count()).toBeGreaterThan(0);
    await v.check('staff-requests');

    await page.goto(`${base}/staff/people`);
    await page.getByLabel('Customer reference').fill(tenants()[0]!.customerRef);
    await page.getByLabel('Data protection rights requests').check();
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/\/staff\/people\/[0-9a-f-]+\?purpose=subject-access/);
    expect(await page.getByRole('heading', { name: 'Who accessed this file' }).count()).toBe(1);
    await v.check('staff-person');

    await page.getByRole('link', { name: 'Open the file for a different reason' }).click();
    await v.check('staff-purpose');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });

  it('shows a housing officer only what tenancy management needs, without the audit panel', async () => {
    const v = await visit();
    const { page } = v;
    const officer = staffAccount('housing.north');
    await signInStaff(page, base, officer, f.clock);
    for (const t of tenants()) {
      const res = await page.goto(`${base}/staff/people/${t.id}?purpose=tenancy-management`);
      if (res?.status() === 200) break;
    }
    expect(await page.locator('caption', { hasText: 'Contact log' }).count()).toBe(1);
    expect(await page.locator('caption', { hasText: 'Repair' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Who accessed this file' }).count()).toBe(0);
    await v.check('officer-person');
    await page.goto(`${base}/staff/requests`);
    await v.check('officer-forbidden');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });
});

describe('resident journey', () => {
  it('registers with a link from the outbox, signs in and sees what is held and why', async () => {
    const v = await visit();
    const { page } = v;
    const tenant = tenants()[5]!;
    const email = 'browser.resident@example.invalid';
    const [y, m, d] = tenant.dateOfBirth.split('-');
    await page.goto(`${base}/portal/register`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('portal-register-errors');

    await page.getByLabel('Customer reference').fill(tenant.customerRef);
    await page.getByLabel('Day').fill(d!);
    await page.getByLabel('Month').fill(m!);
    await page.getByLabel('Year').fill(y!);
    await page.getByLabel('Postcode').fill(tenant.postcode);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill('my-long-password-1');
    await page.getByLabel('Confirm your password').fill('my-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/portal/register/check-email');
    await v.check('portal-check-email');

    const [message] = await readOutbox(f.store.db, email);
    const link = new URL(/https?:\/\/\S+\/portal\/verify\/\S+/.exec(message!.body)![0]).pathname;
    await page.goto(base + link);
    await v.check('portal-verify');
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.waitForSelector('.govuk-panel--confirmation');
    await v.check('portal-verified');

    await page.goto(`${base}/portal/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('my-long-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/portal/your-information');
    expect(await page.locator('body').textContent()).toContain(tenant.customerRef);
    expect(await page.getByRole('heading', { name: 'Why we hold this' }).count()).toBeGreaterThan(0);
    await v.check('portal-your-information');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/signed-out');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });
});
