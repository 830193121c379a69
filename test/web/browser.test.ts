/**
 * Whole journeys in Debian's Chromium: staff sign in with a TOTP code and open a file for a stated
 * purpose; a resident registers (the link comes from the outbox), signs in and sees their data.
 * Every page is checked by axe for WCAG 2.2 AA, must raise no console error (so the CSP lets the
 * nonced GOV.UK script run), and is kept as a screenshot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/web/auth/totp.ts';
import { readOutbox } from '../../src/web/outbox.ts';
import { browserSuite, signInStaff } from '../support/browser.ts';
import { staffAccount, tenants, webFixture } from './helpers.ts';

const suite = browserSuite(webFixture, { screenshotPrefix: 'web-' });

interface Visit {
  context: BrowserContext;
  page: Page;
  /** The suite's problems: every page's, this one's among them. */
  problems: string[];
  /** Check the page now open: axe, the js-enabled class, a screenshot. */
  check(name: string): Promise<void>;
}

async function visit(): Promise<Visit> {
  const page = await suite.open();
  const check = (name: string) => suite.check(page, name);
  return { context: page.context(), page, problems: suite.problems, check };
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
      await v.page.goto(suite.base + path);
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
    await page.goto(`${suite.base}/staff/sign-in`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('staff-sign-in-errors');

    await page.getByLabel('Username').fill(dpo.username);
    await page.getByLabel('Password', { exact: true }).fill(dpo.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/staff/sign-in/code');
    await v.check('staff-code');
    suite.f.clock.advance(30_000);
    await page.getByLabel(/Enter the code/).fill(await totpCode(dpo.totpSecret, suite.f.clock.now));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/staff$/);
    expect(await page.locator('h1').textContent()).toContain('Dana Okafor');
    await v.check('staff-home');

    await page.getByRole('link', { name: 'Rights requests', exact: true }).first().click();
    await page.waitForURL('**/staff/requests');
    expect(await page.locator('.govuk-tag--red').count()).toBeGreaterThan(0);
    expect(await page.locator('.govuk-tag--green').count()).toBeGreaterThan(0);
    await v.check('staff-requests');

    await page.goto(`${suite.base}/staff/people`);
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
    await signInStaff(page, suite.base, officer, suite.f.clock);
    for (const t of tenants()) {
      const res = await page.goto(`${suite.base}/staff/people/${t.id}?purpose=tenancy-management`);
      if (res?.status() === 200) break;
    }
    expect(await page.locator('caption', { hasText: 'Contact log' }).count()).toBe(1);
    expect(await page.locator('caption', { hasText: 'Repair' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Who accessed this file' }).count()).toBe(0);
    await v.check('officer-person');
    await page.goto(`${suite.base}/staff/requests`);
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
    await page.goto(`${suite.base}/portal/register`);
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

    const [message] = await readOutbox(suite.f.store.db, email);
    const link = new URL(/https?:\/\/\S+\/portal\/verify\/\S+/.exec(message!.body)![0]).pathname;
    await page.goto(suite.base + link);
    await v.check('portal-verify');
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.waitForSelector('.govuk-panel--confirmation');
    await v.check('portal-verified');

    await page.goto(`${suite.base}/portal/sign-in`);
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
