/**
 * The rights journeys in Debian's Chromium (issue 7): a resident makes a subject access request in
 * the portal, staff verify ID, review the redactions and release, and the resident downloads the
 * pack (unzipped here: the known third party is redacted, the resident's own words are there); an
 * erasure request is partly refused with reasons, and the resident reads the answer. Every page is
 * checked by axe for WCAG 2.2 AA, must raise no console error, and is kept as a screenshot.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { DEMO_RESIDENT, staffAccount, webFixture } from './helpers.ts';
import { addKnownThirdParty, OWN_WORDS, type ThirdParty } from './rights-helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'rights-' });
const check = (page: Page, name: string) => s.check(page, name);
let neighbour: ThirdParty;
let resident: Page;
let staff: Page;

beforeAll(async () => {
  neighbour = await addKnownThirdParty(s.f.store);
  resident = await s.open({ acceptDownloads: true });
  await resident.goto(`${s.base}/portal/sign-in`);
  await resident.getByLabel('Email address').fill(DEMO_RESIDENT.email);
  await resident.getByLabel('Password', { exact: true }).fill(DEMO_RESIDENT.password);
  await resident.getByRole('button', { name: 'Sign in' }).click();
  await resident.waitForURL('**/portal/your-information');
  staff = await s.openStaff(staffAccount('dpo'), { acceptDownloads: true });
});

/** The resident asks for a right in the portal; returns the request's page address. */
async function makeRequest(right: RegExp, screenshots: boolean): Promise<string> {
  await resident.getByRole('link', { name: 'Your requests', exact: true }).click();
  await resident.waitForURL('**/portal/requests');
  if (screenshots) await check(resident, 'portal-requests');
  await resident.getByRole('button', { name: 'Make a request' }).click();
  await resident.waitForURL('**/portal/requests/new');
  if (screenshots) {
    await resident.getByRole('button', { name: 'Send request' }).click();
    await resident.waitForSelector('.govuk-error-summary');
    await check(resident, 'portal-new-request-errors');
  }
  await resident.getByLabel(right).check();
  await resident.getByLabel('Tell us more (optional)').fill('Please include my contact logs.');
  await resident.getByRole('button', { name: 'Send request' }).click();
  await resident.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  return new URL(resident.url()).pathname.replace('/portal/requests/', '/staff/requests/');
}

describe('a subject access request, from the portal to the pack', () => {
  it('is made by the resident, verified, reviewed and released by staff, and downloaded', async () => {
    const staffPath = await makeRequest(/See the information we hold about you/, true);
    expect(await resident.locator('#next').textContent()).toContain('We will reply by');
    await check(resident, 'portal-request');

    await staff.goto(s.base + staffPath);
    await check(staff, 'staff-request');
    await staff.getByRole('button', { name: 'Ask for proof of identity' }).click();
    await staff.waitForURL(`**${staffPath}`);
    await staff.getByRole('button', { name: 'Identity verified: start the work' }).click();
    await staff.waitForURL(`**${staffPath}`);
    expect(await staff.locator('.govuk-summary-list').first().textContent()).toContain('In progress');

    await staff.getByRole('link', { name: 'Review the subject access pack' }).click();
    await staff.getByRole('button', { name: 'Start the review' }).click();
    await staff.waitForSelector('#review-status');
    expect(await staff.locator('mark', { hasText: neighbour.name }).count()).toBeGreaterThan(0);
    await check(staff, 'staff-review');
    const pending = staff.locator('form[data-decision="pending"]');
    while ((await pending.count()) > 0) {
      const reloaded = staff.waitForResponse(
        (r) => r.url().endsWith('/review') && r.request().method() === 'GET',
      );
      await pending
        .first()
        .getByRole('button', { name: /^Accept redaction/ })
        .click();
      await reloaded;
    }
    await staff.getByRole('button', { name: 'Mark the review complete' }).click();
    await staff.getByRole('button', { name: 'Release the pack' }).click();
    await staff.waitForSelector('.govuk-panel--confirmation');
    await check(staff, 'staff-review-released');

    await resident.reload();
    await check(resident, 'portal-request-released');
    const [download] = await Promise.all([
      resident.waitForEvent('download'),
      resident.locator('#download-pack').click(),
    ]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const text = Object.values(files)
      .map((b) => strFromU8(b))
      .join('\n');
    expect(text).toContain(OWN_WORDS);
    expect(text).not.toContain(neighbour.name);
    expect(text).not.toContain(neighbour.phone);
    expect(s.problems).toEqual([]);
  });
});

describe('an erasure request partly refused', () => {
  it('is decided per record with reasons, carried out, and explained to the resident', async () => {
    const staffPath = await makeRequest(/Delete your information/, false);
    await staff.goto(s.base + staffPath);
    await staff.getByRole('button', { name: 'Start the work' }).click();
    await staff.waitForURL(`**${staffPath}`);
    await staff.getByRole('link', { name: 'Decide what to erase' }).click();
    await staff.getByRole('button', { name: 'Propose a plan' }).click();
    await staff.waitForSelector('#plan-status');
    await check(staff, 'staff-erasure-plan');

    const first = staff.locator('details').first();
    await first.locator('summary').click();
    await first.getByLabel('Decision and reason').selectOption('erase:no-longer-necessary');
    await first.getByRole('button', { name: /^Save item/ }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check(staff, 'staff-erasure-errors');
    const again = staff.locator('details[open]').first();
    await again.getByLabel('Decision and reason').selectOption('erase:no-longer-necessary');
    await again.getByLabel('Your reasons for the change').fill('A one-off enquiry, no longer needed.');
    await again.getByRole('button', { name: /^Save item/ }).click();
    await staff.waitForURL(`**${staffPath}/erasure`);
    await staff.getByRole('button', { name: 'Carry out the plan' }).click();
    await staff.waitForSelector('#recipients, #erasure-letter');
    expect(await staff.locator('#plan-status').textContent()).toContain('Executed');
    await check(staff, 'staff-erasure-done');

    await resident.reload();
    const letter = await resident.locator('#erasure-letter').textContent();
    expect(letter).toContain('We have deleted:');
    expect(letter).toContain('We are keeping:');
    expect(letter).toContain('We still need it to carry out our agreement with you');
    await check(resident, 'portal-erasure-answer');

    await resident.goto(`${s.base}/portal/portability`);
    await check(resident, 'portal-portability');
    await resident.goto(`${s.base}/portal/decisions`);
    await check(resident, 'portal-decisions');
    expect(s.problems).toEqual([]);
  });
});
