/**
 * Recording a request made by phone, and adding a representative, in Debian's Chromium (issue 7):
 * the DPO finds the person from the requests list, adds a solicitor to the register, and records
 * a letter from them. Every new page, and its error summary, is checked by axe for WCAG 2.2 AA,
 * must raise no console error, and is kept as a screenshot.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.ts';
import { staffAccount, tenants, webFixture } from './helpers.ts';

const s = browserSuite(webFixture, { screenshotPrefix: 'intake-' });
const check = (page: Page, name: string) => s.check(page, name);
let staff: Page;

beforeAll(async () => {
  staff = await s.openStaff(staffAccount('dpo'));
});

describe('recording a request made through a representative', () => {
  it('finds the person, adds the solicitor, and records their letter', async () => {
    const person = tenants()[3]!;
    await staff.goto(`${s.base}/staff/requests`);
    await staff.getByRole('button', { name: /Record a request made by phone/ }).click();
    await staff.waitForURL('**/staff/requests/new');
    await check(staff, 'find');
    await staff.getByRole('button', { name: 'Find the person' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check(staff, 'find-errors');
    await staff.getByLabel('Customer reference or other identifier').fill(person.customerRef);
    await staff.getByRole('button', { name: 'Find the person' }).click();
    await staff.waitForURL(`**/staff/requests/new?person=${person.id}`);

    await staff.getByRole('link', { name: 'Add a representative' }).click();
    await staff.waitForURL(`**/staff/people/${person.id}/representatives`);
    await staff.getByRole('button', { name: 'Add the representative' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check(staff, 'representatives-errors');
    await staff.getByLabel('Full name').fill('Jo Examplecounsel');
    await staff.getByLabel('Who they are').selectOption('solicitor');
    await staff.getByLabel('Every right').check();
    await staff.getByLabel('Written authority signed by the person').check();
    await staff
      .getByLabel('Where the evidence is kept, or its reference')
      .fill('Letter of authority, ref DOC-1');
    await staff.locator('#startsOn-day').fill('1');
    await staff.locator('#startsOn-month').fill('10');
    await staff.locator('#startsOn-year').fill('2026');
    await staff.getByRole('button', { name: 'Add the representative' }).click();
    await staff.waitForSelector('table.govuk-table');
    expect(await staff.locator('table.govuk-table').textContent()).toContain('Jo Examplecounsel');
    await check(staff, 'representatives');

    await staff.getByRole('link', { name: /Record a rights request for/ }).click();
    await staff.waitForURL(`**/staff/requests/new?person=${person.id}`);
    await staff.getByRole('button', { name: 'Record the request' }).click();
    await staff.waitForSelector('.govuk-error-summary');
    await check(staff, 'request-errors');
    await staff.getByRole('radio', { name: 'Access (subject access request)' }).check();
    await staff.locator('#receivedOn-day').fill('2');
    await staff.locator('#receivedOn-month').fill('11');
    await staff.locator('#receivedOn-year').fill('2026');
    await staff.getByLabel('Letter', { exact: true }).check();
    await staff.getByLabel('What did they ask for?').fill('Our client asks for a copy of their data.');
    await staff.getByRole('radio', { name: /Jo Examplecounsel/ }).check();
    await check(staff, 'request');
    await staff.getByRole('button', { name: 'Record the request' }).click();
    await staff.waitForURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
    expect(await staff.locator('.govuk-summary-list').first().textContent()).toContain('2 December 2026');
    expect(s.problems).toEqual([]);
  });
});
