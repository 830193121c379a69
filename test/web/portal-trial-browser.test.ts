/**
 * The portal pages the fresh-clone trial asked for, in Debian's Chromium: "Send the link again",
 * "Who has seen your information", the disclosures page with its routine sharing, and the request
 * form with the uses to object to revealed. Each is checked by axe for WCAG 2.2 AA, must raise no
 * console error, and is kept as a screenshot.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { DEMO_RESIDENT, webFixture } from './helpers.ts';

const s = browserSuite(webFixture, { timeout: 240_000 });

describe('the portal pages the trial asked for', () => {
  it('pass axe, with no console errors', async () => {
    const page = await s.open();

    await page.goto(`${s.base}/portal/send-link-again`);
    await s.check(page, 'portal-send-link-again');
    await page.getByLabel('Email address').fill('no.one@example.invalid');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await s.check(page, 'portal-send-link-sent');

    await page.goto(`${s.base}/portal/sign-in`);
    await page.getByLabel('Email address').fill(DEMO_RESIDENT.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_RESIDENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/your-information/);

    await page.getByRole('link', { name: 'Who has seen your information' }).first().click();
    await page.getByRole('heading', { name: 'Handling your requests' }).waitFor();
    await s.check(page, 'portal-who-has-seen');

    await page.goto(`${s.base}/portal/disclosures`);
    await page.getByRole('heading', { name: 'Sharing we do routinely' }).waitFor();
    await s.check(page, 'portal-disclosures');

    await page.goto(`${s.base}/portal/requests/new`);
    await page.getByLabel('Object to how we use your information').check();
    await page.getByLabel('All direct marketing').check();
    await s.check(page, 'portal-request-objection');
    expect(s.problems).toEqual([]);
    await page.context().close();
  }, 240_000);
});
