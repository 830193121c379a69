/**
 * Consent, cookies, sharing and breaches in Debian's Chromium, in one browser: a resident's
 * withdrawal in the portal stops a member of staff at once; the cookie banner with Global Privacy
 * Control (the header and navigator.globalPrivacyControl) never asks and sets nothing optional,
 * and without it accepting and rejecting work and are logged; and every page these capabilities
 * add passes axe (WCAG 2.2 AA) with a screenshot kept.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieChoicesFor } from '../../src/consent/cookies/index.ts';
import { launchBrowser, signInStaff, WCAG_22_AA } from '../support/browser.ts';
import { COMMS, consentWebFixture } from './consent-fixture.ts';
import { DEMO_RESIDENT, staffAccount, tenants, type WebFixture } from './helpers.ts';

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
const CONTROLLER = 'brookvale-homes';
let f: WebFixture;
let browser: Browser;
let base: string;

beforeAll(async () => {
  f = await consentWebFixture();
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
  check(name: string): Promise<void>;
}

async function visit(options: BrowserContextOptions = {}): Promise<Visit> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
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

const consentIdIn = async (context: BrowserContext) => {
  const c = (await context.cookies()).find((k) => k.name === 'custos_cookie_consent');
  return c ? (JSON.parse(decodeURIComponent(c.value)) as { id: string }).id : undefined;
};

describe('a consent withdrawal in the portal', () => {
  it('takes effect at once: staff reading under the consent-based purpose are refused straight after', async () => {
    const r = await visit();
    const s = await visit();
    const file = `${base}/staff/people/${tenants()[0]!.id}?purpose=newsletters`;
    await signInStaff(s.page, base, COMMS, f.clock);

    await r.page.goto(`${base}/portal/sign-in`);
    await r.page.getByLabel('Email address').fill(DEMO_RESIDENT.email);
    await r.page.getByLabel('Password', { exact: true }).fill(DEMO_RESIDENT.password);
    await r.page.getByRole('button', { name: 'Sign in' }).click();
    await r.page.waitForURL('**/portal/your-information');
    await r.page.getByRole('link', { name: 'Your consents' }).first().click();
    await r.page.waitForURL('**/portal/consents');
    await r.check('portal-consents');
    await r.page.getByRole('button', { name: 'Give consent to Newsletters and events' }).click();
    await r.page.waitForSelector('.govuk-notification-banner--success');
    await r.check('portal-consent-given');

    expect((await s.page.goto(file))!.status()).toBe(200);
    await s.check('staff-person-newsletters');

    await r.page.getByRole('button', { name: 'Withdraw consent to Newsletters and events' }).click();
    await r.page.waitForSelector('text=Give consent to Newsletters and events');
    const refused = await s.page.goto(file);
    expect(refused!.status()).toBe(403);
    expect(await s.page.locator('main').textContent()).toMatch(/consent/);
    await s.check('staff-person-consent-withdrawn');

    for (const [name, path] of [
      ['portal-representatives', '/portal/representatives'],
      ['portal-disclosures', '/portal/disclosures'],
      ['portal-notice-changes', '/portal/notice-changes'],
    ] as const) {
      await r.page.goto(base + path);
      await r.check(name);
    }
    await r.page.goto(`${base}/portal/representatives`);
    await r.page.getByRole('button', { name: 'Add this person' }).click();
    await r.page.waitForSelector('.govuk-error-summary');
    await r.check('portal-representatives-errors');
    for (const v of [r, s]) await v.context.close();
    expect([...r.problems, ...s.problems]).toEqual([]);
  });
});

describe('the cookie banner', () => {
  it('with Global Privacy Control: no banner, no optional cookie, the choice logged as gpc', async () => {
    const v = await visit({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await v.context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    const logged = v.page.waitForResponse((res) => res.url().endsWith('/consent/cookies'));
    await v.page.goto(`${base}/`);
    expect((await logged).status()).toBe(201);
    expect(await v.page.locator('.custos-cb').count()).toBe(0);
    const names = (await v.context.cookies()).map((c) => c.name);
    expect(names).toEqual(['custos_cookie_consent']);
    const choices = await cookieChoicesFor(f.store.db, CONTROLLER, (await consentIdIn(v.context))!);
    expect(choices.map((c) => [c.method, c.gpc, c.accepted])).toEqual([['gpc', true, []]]);
    await v.check('cookies-gpc-home');
    await v.page.goto(`${base}/cookies`);
    await v.page.waitForSelector('form[action="/cookies"]');
    await v.check('cookies-gpc-settings');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });

  it('without it: the banner asks, and accepting and rejecting each work and are logged', async () => {
    const v = await visit();
    await v.page.goto(`${base}/privacy`);
    await v.page.waitForSelector('.custos-cb');
    expect((await v.context.cookies()).length).toBe(0);
    await v.check('cookies-banner');
    const logged = v.page.waitForResponse((res) => res.url().endsWith('/consent/cookies'));
    await v.page.getByRole('button', { name: 'Accept analytics cookies' }).click();
    expect((await logged).status()).toBe(201);
    await v.check('cookies-banner-accepted');
    const id = (await consentIdIn(v.context))!;
    expect((await cookieChoicesFor(f.store.db, CONTROLLER, id)).map((c) => c.method)).toEqual(['accept-all']);
    await v.context.close();

    const w = await visit();
    await w.page.goto(`${base}/portal`);
    const rejected = w.page.waitForResponse((res) => res.url().endsWith('/consent/cookies'));
    await w.page.getByRole('button', { name: 'Reject analytics cookies' }).click();
    expect((await rejected).status()).toBe(201);
    const rid = (await consentIdIn(w.context))!;
    expect((await cookieChoicesFor(f.store.db, CONTROLLER, rid)).map((c) => [c.method, c.rejected])).toEqual([
      ['reject-all', ['analytics']],
    ]);
    await w.page.goto(`${base}/`);
    expect(await w.page.locator('.custos-cb').count()).toBe(0);
    await w.context.close();
    expect([...v.problems, ...w.problems]).toEqual([]);
  });
});

describe('the DPO’s sharing and breach pages', () => {
  it('have no WCAG 2.2 AA violations, from logging a breach to the dashboard', async () => {
    const v = await visit();
    const { page } = v;
    await signInStaff(page, base, staffAccount('dpo'), f.clock);
    await page.goto(`${base}/staff/breaches/new`);
    await v.check('breach-new');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('breach-new-errors');
    await page.getByLabel(/A breach: personal data/).check();
    await page.getByLabel('Confidentiality').check();
    await page
      .getByLabel('What happened')
      .fill('A laptop holding a lettings spreadsheet was left on a train.');
    await page.getByLabel('When we became aware of it').fill('2026-11-23T08:00');
    await page.getByLabel(/CORE data is involved/).check();
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.waitForURL(/\/staff\/breaches\/[0-9a-f-]{36}$/);
    await v.check('breach');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('breach-errors');

    for (const [name, path] of [
      ['breaches', '/staff/breaches'],
      ['staff-home-panel', '/staff'],
      ['disclosure-log', '/staff/disclosures'],
      ['disclosure-new', '/staff/disclosures/new'],
      ['agreements', '/staff/agreements'],
      ['returns', '/staff/returns'],
    ] as const) {
      await page.goto(base + path);
      await v.check(name);
    }
    await page.goto(`${base}/staff/disclosures/new`);
    await page.getByRole('button', { name: 'Log the disclosure' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('disclosure-new-errors');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });
});
