/** The pack's cover letter in a real browser: WCAG 2.2 AA, one h1, and nothing fetched. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packHtml } from '../../src/rights/sar/index.ts';
import { launchBrowser, WCAG_22_AA } from '../support/browser.ts';
import { pack } from './sar-words-fixture.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => browser?.close());

describe('the subject access cover letter in a real browser', () => {
  it('has no WCAG 2.2 AA violations, one main heading, and makes no requests', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(packHtml(pack), { waitUntil: 'load' });
    const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    const headings = await page.locator('h1').count();
    await context.close();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(headings).toBe(1);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
  });
});
