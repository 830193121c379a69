import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/manifest/validate.ts';
import { renderJustInTime, renderNotice } from '../../src/notice/render.ts';
import { launchBrowser, WCAG_22_AA } from '../support/browser.ts';
import { TODAY } from '../manifest/helpers.ts';

const DEMO = new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname;
const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
const manifest = loadManifest(DEMO, { today: TODAY });
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

async function check(html: string, screenshot: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html, { waitUntil: 'load' });
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  await page.screenshot({ path: SCREENSHOTS + screenshot, fullPage: true });
  const headings = await page.locator('h1').count();
  await context.close();
  return { violations: results.violations.map((v) => `${v.id}: ${v.help}`), requests, headings };
}

describe('the HTML notice in a real browser', () => {
  it('has no WCAG 2.2 AA violations and makes no requests', async () => {
    const r = await check(renderNotice(manifest, 'html'), 'notice.png');
    expect(r.violations).toEqual([]);
    expect(r.requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    expect(r.headings).toBe(1);
  });

  it('has no violations in a just-in-time notice either', async () => {
    const r = await check(renderJustInTime(manifest, 'lettings', 'html'), 'jit-lettings.png');
    expect(r.violations).toEqual([]);
  });
});
