/**
 * Consent, cookies, sharing and breaches in Debian's Chromium, in one browser: a resident's
 * withdrawal in the portal stops a member of staff at once; the cookie banner with Global Privacy
 * Control (the header and navigator.globalPrivacyControl) never asks and sets nothing optional,
 * and without it accepting and rejecting work and are logged; and every page these capabilities
 * add passes axe (WCAG 2.2 AA) with a screenshot kept.
 */
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cookieChoicesFor } from '../../src/consent/cookies/index.ts';
import { browserSuite, signInStaff } from '../support/browser.ts';
import { COMMS, consentWebFixture } from './consent-fixture.ts';
import { DEMO_RESIDENT, staffAccount, tenants } from './helpers.ts';

const CONTROLLER = 'brookvale-homes';
const suite = browserSuite(consentWebFixture, { screenshotPrefix: 'web-' });

interface Visit {
  context: BrowserContext;
  page: Page;
  /** The suite's problems: every page's, this one's among them. */
  problems: string[];
  check(name: string): Promise<void>;
}

async function visit(options: BrowserContextOptions = {}): Promise<Visit> {
  const page = await suite.open(options);
  const check = (name: string) => suite.check(page, name);
  return { context: page.context(), page, problems: suite.problems, check };
}

const consentIdIn = async (context: BrowserContext) => {
  const c = (await context.cookies()).find((k) => k.name === 'custos_cookie_consent');
  return c ? (JSON.parse(decodeURIComponent(c.value)) as { id: string }).id : undefined;
};

describe('a consent withdrawal in the portal', () => {
  it('takes effect at once: staff reading under the consent-based purpose are refused straight after', async () => {
    const r = await visit();
    const s = await visit();
    const file = `${suite.base}/staff/people/${tenants()[0]!.id}?purpose=newsletters`;
    await signInStaff(s.page, suite.base, COMMS, suite.f.clock);

    await r.page.goto(`${suite.base}/portal/sign-in`);
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
      await r.page.goto(suite.base + path);
      await r.check(name);
    }
    await r.page.goto(`${suite.base}/portal/representatives`);
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
    await v.page.goto(`${suite.base}/`);
    expect((await logged).status()).toBe(201);
    expect(await v.page.locator('.custos-cb').count()).toBe(0);
    const names = (await v.context.cookies()).map((c) => c.name);
    expect(names).toEqual(['custos_cookie_consent']);
    const choices = await cookieChoicesFor(suite.f.store.db, CONTROLLER, (await consentIdIn(v.context))!);
    expect(choices.map((c) => [c.method, c.gpc, c.accepted])).toEqual([['gpc', true, []]]);
    await v.check('cookies-gpc-home');
    await v.page.goto(`${suite.base}/cookies`);
    await v.page.waitForSelector('form[action="/cookies"]');
    await v.check('cookies-gpc-settings');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });

  it('without it: the banner asks, and accepting and rejecting each work and are logged', async () => {
    const v = await visit();
    await v.page.goto(`${suite.base}/privacy`);
    await v.page.waitForSelector('.custos-cb');
    expect((await v.context.cookies()).length).toBe(0);
    await v.check('cookies-banner');
    const logged = v.page.waitForResponse((res) => res.url().endsWith('/consent/cookies'));
    await v.page.getByRole('button', { name: 'Accept analytics cookies' }).click();
    expect((await logged).status()).toBe(201);
    await v.check('cookies-banner-accepted');
    const id = (await consentIdIn(v.context))!;
    expect((await cookieChoicesFor(suite.f.store.db, CONTROLLER, id)).map((c) => c.method)).toEqual([
      'accept-all',
    ]);
    await v.context.close();

    const w = await visit();
    await w.page.goto(`${suite.base}/portal`);
    const rejected = w.page.waitForResponse((res) => res.url().endsWith('/consent/cookies'));
    await w.page.getByRole('button', { name: 'Reject analytics cookies' }).click();
    expect((await rejected).status()).toBe(201);
    const rid = (await consentIdIn(w.context))!;
    expect(
      (await cookieChoicesFor(suite.f.store.db, CONTROLLER, rid)).map((c) => [c.method, c.rejected]),
    ).toEqual([['reject-all', ['analytics']]]);
    await w.page.goto(`${suite.base}/`);
    expect(await w.page.locator('.custos-cb').count()).toBe(0);
    await w.context.close();
    expect([...v.problems, ...w.problems]).toEqual([]);
  });
});

describe('the DPO’s sharing and breach pages', () => {
  it('a breach reported by staff, its confirmation and the DPO’s triage form pass axe', async () => {
    const officer = await suite.openStaff(staffAccount('housing.north'));
    await officer.goto(`${suite.base}/staff/report-a-breach`);
    await suite.check(officer, 'breach-report');
    await officer.getByLabel('What happened').fill('Synthetic: a rent letter went to the wrong flat.');
    await officer.getByLabel('When you noticed it').fill('2026-11-23T09:30');
    await officer.getByRole('button', { name: 'Send it to the DPO' }).click();
    await officer.waitForSelector('.govuk-panel--confirmation');
    await suite.check(officer, 'breach-reported');

    const dpo = await suite.openStaff(staffAccount('dpo'));
    await dpo.goto(`${suite.base}/staff/breaches`);
    await dpo.getByRole('link', { name: /a rent letter went to the wrong flat/ }).click();
    await dpo.waitForSelector('form[action$="/triage"]');
    await suite.check(dpo, 'breach-triage');
    await dpo.getByRole('button', { name: 'Take it into the register' }).click();
    await dpo.waitForSelector('.govuk-error-summary');
    await suite.check(dpo, 'breach-triage-errors');
    await officer.context().close();
    await dpo.context().close();
    expect(suite.problems).toEqual([]);
  });

  it('have no WCAG 2.2 AA violations, from logging a breach to the dashboard', async () => {
    const v = await visit();
    const { page } = v;
    await signInStaff(page, suite.base, staffAccount('dpo'), suite.f.clock);
    await page.goto(`${suite.base}/staff/breaches/new`);
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
      await page.goto(suite.base + path);
      await v.check(name);
    }
    await page.goto(`${suite.base}/staff/disclosures/new`);
    await page.getByRole('button', { name: 'Log the disclosure' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await v.check('disclosure-new-errors');
    await v.context.close();
    expect(v.problems).toEqual([]);
  });
});
